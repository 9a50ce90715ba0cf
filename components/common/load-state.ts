import { TaskStatus } from '@lit/task';
import { css, html } from 'lit';
import '@shoelace-style/shoelace/dist/components/button/button.js';
import '@shoelace-style/shoelace/dist/components/skeleton/skeleton.js';
import { errorText } from '../api/api-error.js';
import type { PatStrings } from '../i18n/strings.js';

export interface LoadStateOptions {
  /** What failed to load, as a title over the reason. */
  errorTitle: string;
  retry: () => void;
  t: PatStrings;
  /** How many placeholder lines stand in while it loads. */
  placeholders?: number;
}

/**
 * What a part of a page that loads on its own (a chart, a timeline) shows before it has its
 * data: placeholders, busy, while it loads; what went wrong, with Retry, when it failed.
 */
export function renderLoadState({ status, error }: { status: TaskStatus; error: unknown }, options: LoadStateOptions) {
  const { t } = options;
  if (status === TaskStatus.ERROR) {
    return html`<div class="load-error" role="alert">
      <p class="load-error-title">${options.errorTitle}</p>
      <p>${errorText(error, t)}</p>
      <sl-button size="small" @click=${options.retry}>${t.retry}</sl-button>
    </div>`;
  }
  return html`<div class="loading" aria-busy="true">
    <span class="visually-hidden">${t.loading}</span>
    ${Array.from({ length: options.placeholders ?? 1 }, () => html`<sl-skeleton effect="pulse"></sl-skeleton>`)}
  </div>`;
}

/** The styles of renderLoadState's states, and of an `.empty` one (nothing to show). */
export const loadStateStyles = css`
  .load-error p,
  .empty {
    margin: 0 0 var(--sl-spacing-x-small);
    color: var(--sl-color-neutral-600);
  }
  .load-error .load-error-title {
    font-weight: var(--sl-font-weight-semibold);
    color: var(--sl-color-neutral-900);
  }
  .empty {
    margin: 0;
  }
  .loading {
    display: flex;
    flex-direction: column;
    gap: var(--sl-spacing-small);
  }
`;
