import { html, type ReactiveController, type ReactiveControllerHost } from 'lit';

/**
 * A polite live region: what an action did, said to screen-reader users without moving focus.
 * The host renders `render()` once, anywhere in its shadow root.
 */
export class Announcer implements ReactiveController {
  #host: ReactiveControllerHost;
  #message = '';
  #frame?: number;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  hostDisconnected(): void {
    if (this.#frame !== undefined) cancelAnimationFrame(this.#frame);
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
    });
  }

  /** Empties the region at once, and drops a message still on its way. */
  clear(): void {
    if (this.#frame !== undefined) cancelAnimationFrame(this.#frame);
    this.#frame = undefined;
    this.#message = '';
    this.#host.requestUpdate();
  }

  render() {
    return html`<div class="visually-hidden" role="status" aria-live="polite">${this.#message}</div>`;
  }
}
