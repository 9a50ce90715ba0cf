import { css } from 'lit';

export default css`
  :host {
    display: block;
  }
  sl-alert::part(base) {
    border-top-width: calc(var(--sl-panel-border-width) * 3);
  }
  .title {
    margin: 0 0 var(--sl-spacing-2x-small);
    font-weight: var(--sl-font-weight-bold);
  }
  .warning {
    margin: 0 0 var(--sl-spacing-small);
  }
  .secret {
    display: flex;
    align-items: center;
    gap: var(--sl-spacing-x-small);
    padding: var(--sl-spacing-x-small) var(--sl-spacing-small);
    border: solid 1px var(--sl-color-neutral-300);
    border-radius: var(--sl-border-radius-medium);
    background: var(--sl-color-neutral-50);
  }
  code {
    flex: 1;
    font-family: var(--pat-secret-font, var(--sl-font-mono));
    font-size: var(--sl-font-size-small);
    word-break: break-all;
    user-select: all;
  }
`;
