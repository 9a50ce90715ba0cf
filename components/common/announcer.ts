import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';

/** How long a toast stays on screen. */
export const TOAST_MS = 5000;

/**
 * A polite live region: what an action did, said to screen-reader users without moving focus,
 * and, as a `toast`, shown for a few seconds to everyone else (part `toast`, at the foot of the
 * viewport). The host renders `render()` once, anywhere in its shadow root.
 */
export class Announcer implements ReactiveController {
  #host: ReactiveControllerHost;
  #toast: boolean;
  #message = '';
  #frame?: number;
  #timer?: ReturnType<typeof setTimeout>;

  constructor(host: ReactiveControllerHost, { toast = false } = {}) {
    this.#host = host;
    this.#toast = toast;
    host.addController(this);
  }

  hostDisconnected(): void {
    if (this.#frame !== undefined) cancelAnimationFrame(this.#frame);
    clearTimeout(this.#timer);
  }

  /**
   * Says `message`. The region is emptied first and filled a frame later, so the same message
   * twice in a row is announced twice.
   */
  announce(message: string): void {
    this.#message = '';
    this.#host.requestUpdate();
    if (this.#frame !== undefined) cancelAnimationFrame(this.#frame);
    this.#frame = requestAnimationFrame(() => {
      this.#frame = undefined;
      this.#message = message;
      this.#host.requestUpdate();
      clearTimeout(this.#timer);
      if (this.#toast) this.#timer = setTimeout(() => this.clear(), TOAST_MS);
    });
  }

  /** Empties the region at once, and drops a message still on its way. */
  clear(): void {
    if (this.#frame !== undefined) cancelAnimationFrame(this.#frame);
    clearTimeout(this.#timer);
    this.#frame = undefined;
    this.#message = '';
    this.#host.requestUpdate();
  }

  render() {
    return html`<div
      class=${this.#toast ? 'toast' : 'visually-hidden'}
      ?data-shown=${this.#message !== ''}
      part=${this.#toast ? 'toast' : nothing}
      role="status"
      aria-live="polite"
    >
      ${this.#message}
    </div>`;
  }
}
