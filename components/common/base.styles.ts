import { css } from 'lit';

/**
 * Shared by every element: its own box sizing and text (nothing a host page sets reaches in),
 * focus rings, contrast and hidden-but-read text.
 */
export const baseStyles = css`
  /*
   * A host page's styles win on the host element itself ("* { text-transform: uppercase }"), and
   * what it inherits would reach every node inside: the base part starts over, so a secret or an
   * id always shows exactly as it is.
   */
  :host,
  [part~='base'] {
    box-sizing: border-box;
    font: normal normal var(--sl-font-weight-normal) var(--sl-font-size-medium) / normal var(--sl-font-sans);
    color: var(--sl-color-neutral-900);
    letter-spacing: normal;
    word-spacing: normal;
    text-align: start;
    text-indent: 0;
    text-transform: none;
    text-shadow: none;
    white-space: normal;
    font-variant: normal;
    font-kerning: auto;
    direction: inherit;
  }
  :host([hidden]) {
    display: none !important;
  }
  /* Not inherited: a host page's "* { box-sizing: content-box }" sets it on the host element. */
  *,
  *::before,
  *::after {
    box-sizing: border-box;
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
  /* Shoelace's primary button is white on primary-600, 4.1:1 at 14 px (WCAG AA asks 4.5): one shade darker. */
  sl-button[variant='primary']:not([outline])::part(base) {
    background-color: var(--sl-color-primary-700);
    border-color: var(--sl-color-primary-700);
  }
  sl-button[variant='primary']:not([outline])::part(base):hover,
  sl-button[variant='primary']:not([outline])::part(base):active {
    background-color: var(--sl-color-primary-800);
    border-color: var(--sl-color-primary-800);
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
  /* What a user typed reads in its own direction (dir="auto") but lines up with the page's. */
  [dir='auto'] {
    text-align: -webkit-match-parent; /* Chromium and Safari */
    text-align: match-parent;
  }
  /* Arrows and chevrons point the way the text runs. */
  .flip-rtl:dir(rtl) {
    transform: scaleX(-1);
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
