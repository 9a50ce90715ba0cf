import { css } from 'lit';

export default css`
  :host {
    display: block;
  }
  .base {
    display: flex;
    flex-direction: column;
    gap: var(--sl-spacing-small);
  }
  fieldset {
    display: grid;
    grid-template-columns: minmax(9rem, 1fr) minmax(10rem, 1.3fr) minmax(12rem, 2fr) minmax(8rem, 1fr) auto;
    gap: var(--sl-spacing-small);
    align-items: start;
    margin: 0;
    padding: var(--sl-spacing-small);
    border: solid 1px var(--sl-color-neutral-200);
    border-radius: var(--sl-border-radius-medium);
    background: var(--sl-color-neutral-0);
  }
  fieldset[data-invalid] {
    border-color: var(--sl-color-danger-500);
  }
  @media (max-width: 48rem) {
    fieldset {
      grid-template-columns: 1fr;
    }
  }
  .remove {
    margin-top: 1.6rem;
    font-size: var(--sl-font-size-large);
  }
  .entity {
    display: flex;
    flex-direction: column;
    gap: var(--sl-spacing-2x-small);
  }
  .entity-label {
    font-size: var(--sl-input-label-font-size-medium);
  }
  .ids {
    display: flex;
    flex-wrap: wrap;
    gap: var(--sl-spacing-3x-small);
  }
  .suggestions {
    border: solid 1px var(--sl-color-neutral-200);
    border-radius: var(--sl-border-radius-medium);
    max-height: 12rem;
    overflow-y: auto;
  }
  .row-errors {
    grid-column: 1 / -1;
    color: var(--sl-color-danger-700);
    font-size: var(--sl-font-size-small);
  }
  .row-errors ul {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .remove-id {
    margin-inline-start: var(--sl-spacing-3x-small);
    font-size: var(--sl-font-size-x-small);
  }
  .remove-id::part(base) {
    padding: 0;
  }
  .catalog-error {
    display: flex;
    align-items: center;
    gap: var(--sl-spacing-small);
    color: var(--sl-color-danger-700);
    font-size: var(--sl-font-size-small);
  }
  .empty {
    margin: 0;
    color: var(--sl-color-neutral-600);
    font-size: var(--sl-font-size-small);
  }
  .add {
    align-self: flex-start;
  }
`;
