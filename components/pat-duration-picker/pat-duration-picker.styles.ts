import { css } from 'lit';

export default css`
  :host {
    display: block;
  }
  .base {
    display: flex;
    flex-wrap: wrap;
    gap: var(--sl-spacing-small);
    align-items: flex-start;
  }
  sl-select {
    flex: 0 1 14rem;
  }
  sl-input {
    flex: 0 1 12rem;
  }
  .expiry {
    flex-basis: 100%;
    margin: 0;
    color: var(--sl-color-neutral-600);
    font-size: var(--sl-input-help-text-font-size-medium);
  }
  .error,
  .catalog-error {
    flex-basis: 100%;
    margin: 0;
    color: var(--sl-color-danger-700);
    font-size: var(--sl-input-help-text-font-size-medium);
  }
`;
