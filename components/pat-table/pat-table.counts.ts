import { html } from 'lit';
import type { PatLocale } from '../common/format.js';

/** One count above the table, and the filter a click on it sets. */
export interface CountFilter {
  label: string;
  /** Unknown until the summary is in. */
  value?: number;
  /** Whether the list shows what this count counts. */
  pressed: boolean;
  onClick: () => void;
}

/** The counts as toggle buttons: each filters the list to what it counts. */
export function renderCounts(filters: readonly CountFilter[], locale: PatLocale) {
  return html`
    <ul class="stats" part="stats" aria-label=${locale.t.table.statsLabel}>
      ${filters.map(
        (filter) => html`
          <li>
            <button class="stat" part="stat" type="button" aria-pressed=${filter.pressed ? 'true' : 'false'} @click=${filter.onClick}>
              <span class="stat-count">${filter.value === undefined ? '–' : locale.number(filter.value)}</span>
              <span class="stat-label">${filter.label}</span>
            </button>
          </li>
        `,
      )}
    </ul>
  `;
}
