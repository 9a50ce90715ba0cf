import { css } from 'lit';

export default css`
  :host {
    display: block;
  }
  /* A container: a row lays out by the width the editor has (a page, a dialog, a side panel). */
  .base {
    display: flex;
    flex-direction: column;
    gap: var(--sl-spacing-small);
    container: scope-editor / inline-size;
  }
  /* Wide: type, operations, entity, domain and the trash on one line. */
  fieldset {
    display: grid;
    grid-template-columns: minmax(12rem, 1.3fr) minmax(11rem, 1.2fr) minmax(13rem, 1.8fr) minmax(9rem, 1fr) auto;
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
  /* Medium: type and operations over entity and domain, the trash beside them. */
  @container scope-editor (max-width: 52rem) {
    fieldset {
      grid-template-columns: minmax(0, 1fr) minmax(0, 1fr) auto;
    }
    .remove {
      grid-column: 3;
      grid-row: 1;
    }
  }
  /* Narrow: one field under another, the trash at the end of the first line. */
  @container scope-editor (max-width: 30rem) {
    fieldset {
      grid-template-columns: minmax(0, 1fr) auto;
    }
    fieldset > :not(.remove) {
      grid-column: 1;
    }
    .remove {
      grid-column: 2;
      grid-row: 1;
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
  /* The entity search (with a lookup): a native input dressed as a small sl-input. */
  .ids-label {
    display: inline-block;
    margin-bottom: var(--sl-spacing-3x-small);
    color: var(--sl-input-label-color);
    font-size: var(--sl-input-label-font-size-small);
  }
  .ids-help {
    margin-top: var(--sl-spacing-3x-small);
    color: var(--sl-input-help-text-color);
    font-size: var(--sl-input-help-text-font-size-small);
  }
  .combobox {
    position: relative;
  }
  .ids-combobox {
    display: block;
    width: 100%;
    height: var(--sl-input-height-small);
    margin: 0;
    padding: 0 var(--sl-input-spacing-small);
    font-family: var(--sl-input-font-family);
    font-size: var(--sl-input-font-size-small);
    font-weight: var(--sl-input-font-weight);
    letter-spacing: var(--sl-input-letter-spacing);
    color: var(--sl-input-color);
    background-color: var(--sl-input-background-color);
    border: solid var(--sl-input-border-width) var(--sl-input-border-color);
    border-radius: var(--sl-input-border-radius-small);
    box-shadow: none;
    appearance: none;
    transition:
      var(--sl-transition-fast) color,
      var(--sl-transition-fast) border,
      var(--sl-transition-fast) box-shadow,
      var(--sl-transition-fast) background-color;
  }
  .ids-combobox::placeholder {
    color: var(--sl-input-placeholder-color);
  }
  .ids-combobox:hover {
    color: var(--sl-input-color-hover);
    background-color: var(--sl-input-background-color-hover);
    border-color: var(--sl-input-border-color-hover);
  }
  .ids-combobox:focus,
  .ids-combobox:focus-visible {
    outline: none;
    color: var(--sl-input-color-focus);
    background-color: var(--sl-input-background-color-focus);
    border-color: var(--sl-input-border-color-focus);
    box-shadow: 0 0 0 var(--sl-focus-ring-width) var(--sl-input-focus-ring-color);
  }
  .suggestions {
    position: absolute;
    top: calc(100% + var(--sl-spacing-3x-small));
    inset-inline: 0;
    z-index: var(--sl-z-index-dropdown);
    max-height: 12rem;
    overflow-y: auto;
    overscroll-behavior: contain;
    padding-block: var(--sl-spacing-2x-small);
    background: var(--sl-panel-background-color);
    border: solid var(--sl-panel-border-width) var(--sl-panel-border-color);
    border-radius: var(--sl-border-radius-medium);
    box-shadow: var(--sl-shadow-large);
  }
  .suggestions[hidden] {
    display: none;
  }
  .suggestion {
    display: flex;
    align-items: baseline;
    justify-content: space-between;
    gap: var(--sl-spacing-x-small);
    padding: var(--sl-spacing-2x-small) var(--sl-spacing-small);
    color: var(--sl-color-neutral-700);
    font-size: var(--sl-font-size-small);
    line-height: var(--sl-line-height-dense);
    cursor: pointer;
    user-select: none;
  }
  .suggestion:hover {
    background-color: var(--sl-color-neutral-100);
    color: var(--sl-color-neutral-1000);
  }
  .suggestion-id {
    flex: 0 0 auto;
    color: var(--sl-color-neutral-600);
    font-size: var(--sl-font-size-x-small);
  }
  /* One shade darker than Shoelace's current option: white on primary-600 is short of WCAG AA. */
  .suggestion[aria-selected='true'] {
    background-color: var(--sl-color-primary-700);
    color: var(--sl-color-neutral-0);
  }
  .suggestion[aria-selected='true'] .suggestion-id {
    color: inherit;
  }
  @media (forced-colors: active) {
    .ids-combobox:focus {
      outline: var(--sl-focus-ring);
    }
    .suggestion[aria-selected='true'] {
      outline: solid var(--sl-focus-ring-width) Highlight;
      outline-offset: calc(-1 * var(--sl-focus-ring-width));
    }
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
