import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type SlDialog from '@shoelace-style/shoelace/dist/components/dialog/dialog.js';
import { deepestActiveElement } from './focus.js';

export interface DialogSessionOptions<T> {
  /** The sl-dialog, once rendered. */
  dialog: () => SlDialog;
  /** The answer when the user closes the dialog without finishing (Cancel, Escape, ✕). */
  cancelled: T;
  /** While true the dialog stays open: a request it started is running and cannot be abandoned. */
  busy: () => boolean;
}

/**
 * A dialog that answers whoever opened it: `begin()` returns a promise of the answer, settled
 * once the dialog has closed, and the focus goes back to what opened it. The host binds
 * `onRequestClose`, `onHide` and `onAfterHide` on its sl-dialog.
 */
export class DialogSession<T> implements ReactiveController {
  #options: DialogSessionOptions<T>;
  #resolve?: (answer: T) => void;
  #trigger?: HTMLElement;

  constructor(host: ReactiveControllerHost, options: DialogSessionOptions<T>) {
    this.#options = options;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#answer(this.#options.cancelled);
  }

  /**
   * Starts a session; the host then opens its dialog. An earlier session still open is answered
   * `cancelled`. Focus returns to `trigger` (or to what has it now) when the dialog closes.
   */
  begin(trigger?: HTMLElement): Promise<T> {
    this.#answer(this.#options.cancelled);
    this.#trigger = trigger ?? deepestActiveElement();
    return new Promise((resolve) => (this.#resolve = resolve));
  }

  /** Closes the dialog, then answers: by then the focus is back on the trigger, or the opener may place it. */
  async finish(answer: T): Promise<void> {
    const resolve = this.#resolve;
    this.#resolve = undefined;
    const dialog = this.#options.dialog();
    if (dialog.open) await dialog.hide();
    resolve?.(answer);
  }

  #answer(answer: T) {
    const resolve = this.#resolve;
    this.#resolve = undefined;
    resolve?.(answer);
  }

  /** A running request cannot be abandoned halfway; a click outside never closes the dialog. */
  onRequestClose = (event: CustomEvent<{ source: string }>): void => {
    if (this.#options.busy() || event.detail.source === 'overlay') event.preventDefault();
  };

  onHide = (event: Event): void => {
    if (event.target === this.#options.dialog()) void this.finish(this.#options.cancelled);
  };

  onAfterHide = (event: Event): void => {
    if (event.target !== this.#options.dialog()) return;
    // A trigger that went with what was destroyed cannot take focus; the opener places it then.
    if (this.#trigger?.isConnected) this.#trigger.focus();
    this.#trigger = undefined;
  };
}
