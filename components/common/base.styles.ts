import { css } from 'lit';

/** Shared by every element: box sizing, the host's font, focus rings and hidden-but-read text. */
export const baseStyles = css`
  :host {
    box-sizing: border-box;
    font-family: var(--sl-font-sans);
    font-size: var(--sl-font-size-medium);
    color: var(--sl-color-neutral-900);
  }
  :host([hidden]) {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: var(--sl-focus-ring);
    outline-offset: var(--sl-focus-ring-offset);
  }
  /* Shoelace's badges are a shade too light for white text (WCAG AA): one shade darker. */
  sl-badge[variant='success']::part(base) {
    background-color: var(--sl-color-success-700);
  }
  sl-badge[variant='warning']::part(base) {
    background-color: var(--sl-color-warning-700);
  }
  sl-badge[variant='danger']::part(base) {
    background-color: var(--sl-color-danger-700);
  }
  sl-badge[variant='neutral']::part(base) {
    background-color: var(--sl-color-neutral-700);
  }
  /* What an action did, for a few seconds (Announcer's toast); empty, it stays as a live region. */
  .toast {
    position: fixed;
    z-index: var(--sl-z-index-toast);
    inset-block-end: var(--sl-spacing-large);
    inset-inline: var(--sl-spacing-large);
    width: fit-content;
    max-width: 30rem;
    margin-inline: auto;
    padding: var(--sl-spacing-small) var(--sl-spacing-medium);
    border-radius: var(--sl-border-radius-medium);
    background: var(--sl-color-neutral-800);
    color: var(--sl-color-neutral-0);
    box-shadow: var(--sl-shadow-large);
    font-size: var(--sl-font-size-small);
    pointer-events: none;
  }
  .toast:not([data-shown]) {
    padding: 0;
    background: none;
    box-shadow: none;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
`;
