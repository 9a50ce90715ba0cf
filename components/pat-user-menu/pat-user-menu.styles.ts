import { css } from 'lit';

export default css`
  :host {
    display: inline-block;
    --pat-user-menu-avatar-size: 2.25rem;
  }
  .trigger {
    display: inline-flex;
    align-items: center;
    gap: var(--sl-spacing-small);
    padding: var(--sl-spacing-3x-small) var(--sl-spacing-3x-small) var(--sl-spacing-3x-small) var(--sl-spacing-small);
    border: none;
    border-radius: var(--sl-border-radius-pill);
    background: transparent;
    color: inherit;
    font: inherit;
    cursor: pointer;
  }
  .trigger:hover {
    background: var(--sl-color-neutral-100);
  }
  .trigger-text {
    display: flex;
    flex-direction: column;
    align-items: flex-end;
    line-height: var(--sl-line-height-dense);
  }
  .trigger-name {
    font-weight: var(--sl-font-weight-bold);
    font-size: var(--sl-font-size-small);
  }
  .trigger-email,
  .email {
    /* neutral-700: readable (4.5:1) on the popover in the light and the dark theme. */
    color: var(--sl-color-neutral-700);
    font-size: var(--sl-font-size-x-small);
  }
  sl-avatar {
    --size: var(--pat-user-menu-avatar-size);
  }
  /* Shoelace's initials are white on neutral-400, too faint (WCAG AA needs 4.5:1). */
  sl-avatar::part(base) {
    background-color: var(--sl-color-primary-700);
    color: var(--sl-color-neutral-0);
  }
  sl-menu {
    min-width: 15rem;
  }
  .identity {
    display: flex;
    align-items: center;
    gap: var(--sl-spacing-small);
    padding: var(--sl-spacing-x-small) var(--sl-spacing-medium);
  }
  .identity-text {
    display: flex;
    flex-direction: column;
    line-height: var(--sl-line-height-dense);
  }
  .name {
    font-weight: var(--sl-font-weight-bold);
  }
  @media (max-width: 40rem) {
    .trigger-text {
      display: none;
    }
  }
`;
