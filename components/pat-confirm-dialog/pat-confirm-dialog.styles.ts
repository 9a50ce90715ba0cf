import { css } from 'lit';

export default css`
  sl-dialog {
    --width: var(--pat-confirm-dialog-width, 30rem);
  }
  .message {
    margin: 0;
    line-height: var(--sl-line-height-normal);
  }
  .error {
    margin-top: var(--sl-spacing-medium);
  }
  [slot='footer'] {
    display: flex;
    justify-content: flex-end;
    gap: var(--sl-spacing-small);
  }
`;
