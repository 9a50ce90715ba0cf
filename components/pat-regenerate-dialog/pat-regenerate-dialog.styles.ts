import { css } from 'lit';

export default css`
  sl-dialog {
    --width: var(--pat-regenerate-dialog-width, 32rem);
  }
  .text {
    margin: 0 0 var(--sl-spacing-medium);
    line-height: var(--sl-line-height-normal);
  }
  sl-alert {
    margin-top: var(--sl-spacing-medium);
  }
  [slot='footer'] {
    display: flex;
    justify-content: flex-end;
    gap: var(--sl-spacing-small);
  }
`;
