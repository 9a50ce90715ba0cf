import { css } from 'lit';

export default css`
  :host {
    display: block;
  }
  form {
    display: flex;
    flex-direction: column;
    gap: var(--sl-spacing-large);
    padding: var(--sl-spacing-large);
    border: solid 1px var(--sl-color-neutral-200);
    border-radius: var(--sl-border-radius-large);
    background: var(--sl-color-neutral-0);
  }
  /* The fields as the form's own items; inert, and shown so, while it submits. */
  .fields {
    display: contents;
  }
  .fields[inert] > * {
    opacity: 0.5;
  }
  /* The idle limit's select as wide as the expiry's, its help text the form's width. */
  [part='max-idle']::part(form-control-input) {
    max-width: 14rem;
  }
  /* The idle limit's Retry, when the catalog cannot load: as the expiry picker says it. */
  .catalog-error {
    margin: 0;
    color: var(--sl-color-danger-700);
    font-size: var(--sl-input-help-text-font-size-medium);
  }
  /* A small text button at the start of its line, not the form's width. */
  .show-allowed-ips {
    align-self: flex-start;
    margin-block: calc(-1 * var(--sl-spacing-small));
  }
  /* Addresses read left to right, whatever the page's direction ("2001:db8::1", not "db8::1:2001"). */
  [part='allowed-ips']::part(textarea) {
    direction: ltr;
  }
  .scopes {
    display: flex;
    flex-direction: column;
    gap: var(--sl-spacing-x-small);
    margin: 0;
    padding: var(--sl-spacing-medium);
    border: solid 1px var(--sl-color-neutral-200);
    border-radius: var(--sl-border-radius-medium);
  }
  .scopes legend {
    padding: 0 var(--sl-spacing-2x-small);
    font-weight: var(--sl-font-weight-bold);
  }
  .scopes p {
    margin: 0;
    color: var(--sl-color-neutral-600);
    font-size: var(--sl-font-size-small);
  }
  .footer {
    display: flex;
    justify-content: flex-end;
    gap: var(--sl-spacing-small);
  }
  sl-input[data-error]::part(base),
  sl-textarea[data-error]::part(base),
  sl-select[data-error]::part(combobox) {
    border-color: var(--sl-color-danger-600);
  }
  [data-error]::part(form-control-help-text) {
    color: var(--sl-color-danger-700);
  }
`;
