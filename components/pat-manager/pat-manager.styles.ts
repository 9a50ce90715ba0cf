import { css } from 'lit';

export default css`
  :host {
    display: block;
    max-width: var(--pat-manager-max-width, 80rem);
    margin-inline: auto;
  }
  .base {
    display: flex;
    flex-direction: column;
    gap: var(--sl-spacing-large);
  }
  .header {
    display: flex;
    flex-direction: column;
    gap: var(--sl-spacing-x-small);
  }
  h2 {
    margin: 0;
    font-size: var(--sl-font-size-2x-large);
    font-weight: var(--sl-font-weight-bold);
    line-height: var(--sl-line-height-dense);
  }
  h2:focus {
    outline: none;
  }
  h2:focus-visible {
    outline: var(--sl-focus-ring);
  }
  .back {
    align-self: flex-start;
  }
  /* A copy being read, or why it could not be: where its form will be, in a card as the form is. */
  .copy-state {
    padding: var(--sl-spacing-large);
    border: solid 1px var(--sl-color-neutral-200);
    border-radius: var(--sl-border-radius-large);
    background: var(--sl-color-neutral-0);
  }
`;
