import { html } from 'lit';
import '@shoelace-style/shoelace/dist/components/button/button.js';
import '@shoelace-style/shoelace/dist/components/icon/icon.js';
import '@shoelace-style/shoelace/dist/components/input/input.js';
import '@shoelace-style/shoelace/dist/components/option/option.js';
import '@shoelace-style/shoelace/dist/components/select/select.js';
import type SlSelect from '@shoelace-style/shoelace/dist/components/select/select.js';
import { LIMITS } from '../../contract/limits.js';
import { PAT_SORT_KEYS, SORT_DIRECTIONS, STATUS_FILTERS, type PatSortKey, type SortDirection } from '../../contract/types.js';
import { statusesOf } from '../common/list-state.js';
import type { PatStrings } from '../i18n/strings.js';

export interface ToolbarState {
  /** The search as typed (the list follows it after a pause). */
  searchDraft: string;
  /** One status or several, comma-separated. */
  status: string;
  sort: PatSortKey;
  sortDir: SortDirection;
  /** Whether there is anything to delete. */
  canDeleteAll: boolean;
  onSearchInput: (event: Event) => void;
  onStatusChange: (event: Event) => void;
  onSortChange: (sort: PatSortKey, dir: SortDirection) => void;
  onCreate: () => void;
  onDeleteAll: (event: Event) => void;
  t: PatStrings;
}

/** Search, status filter, the sort (shown only where the rows are cards), Create PAT and Delete all tokens. */
export function renderToolbar(state: ToolbarState) {
  const { t } = state;
  return html`
    <div class="toolbar" part="toolbar">
      <sl-input
        class="search"
        type="search"
        label=${t.table.searchLabel}
        placeholder=${t.table.searchPlaceholder}
        maxlength=${LIMITS.searchMax}
        clearable
        .value=${state.searchDraft}
        @sl-input=${state.onSearchInput}
        @sl-clear=${state.onSearchInput}
      >
        <sl-icon name="search" slot="prefix"></sl-icon>
      </sl-input>
      <sl-select
        class="status-filter"
        hoist
        multiple
        clearable
        max-options-visible="2"
        label=${t.table.statusLabel}
        placeholder=${t.table.statusAll}
        .value=${statusesOf(state.status).filter((status) => status !== 'all')}
        @sl-change=${state.onStatusChange}
      >
        ${STATUS_FILTERS.filter((status) => status !== 'all').map(
          (status) => html`<sl-option value=${status}>${t.status[status]}</sl-option>`,
        )}
      </sl-select>
      <sl-select
        class="sort-select"
        hoist
        label=${t.table.sortLabel}
        .value=${`${state.sort}:${state.sortDir}`}
        @sl-change=${(event: Event) => {
          const [sort, dir] = ((event.target as SlSelect).value as string).split(':');
          state.onSortChange(sort as PatSortKey, dir as SortDirection);
        }}
      >
        ${PAT_SORT_KEYS.flatMap((key) =>
          SORT_DIRECTIONS.map((dir) => html`<sl-option value=${`${key}:${dir}`}>${t.table.sorts[key][dir]}</sl-option>`),
        )}
      </sl-select>
      <div class="actions">
        <sl-button variant="primary" @click=${state.onCreate}>
          <sl-icon slot="prefix" name="plus-lg"></sl-icon>${t.table.create}
        </sl-button>
        <sl-button variant="danger" outline ?disabled=${!state.canDeleteAll} @click=${state.onDeleteAll}>${t.table.deleteAll}</sl-button>
      </div>
    </div>
  `;
}
