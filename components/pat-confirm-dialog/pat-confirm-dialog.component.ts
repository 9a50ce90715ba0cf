import { html } from 'lit';
import { query, state } from 'lit/decorators.js';
import '@shoelace-style/shoelace/dist/components/alert/alert.js';
import '@shoelace-style/shoelace/dist/components/button/button.js';
import '@shoelace-style/shoelace/dist/components/dialog/dialog.js';
import type SlDialog from '@shoelace-style/shoelace/dist/components/dialog/dialog.js';
import { isAbort } from '../api/api-error.js';
import { baseStyles } from '../common/base.styles.js';
import { PatElement } from '../common/pat-element.js';
import { strings } from '../common/strings.js';
import styles from './pat-confirm-dialog.styles.js';

/** What has focus, inside shadow roots too (`document.activeElement` stops at the outermost host). */
function deepestActiveElement(): HTMLElement | undefined {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : undefined;
}

export interface ConfirmOptions {
  title: string;
  message: string;
  confirmLabel: string;
  /** Runs when the user confirms; the dialog stays open, busy, until it settles, and shows its error. */
  action?: () => Promise<unknown>;
}

/**
 * @tagname pat-confirm-dialog
 * @summary Asks before anything is destroyed, names what will go, and runs the action itself so
 * a failure is shown where the user is looking.
 *
 * @csspart base - The dialog.
 * @csspart message - The sentence that says what will happen.
 * @csspart confirm - The confirming (danger) button.
 * @csspart cancel - The cancel button.
 *
 * @cssproperty --pat-confirm-dialog-width - The dialog's width.
 */
export class PatConfirmDialog extends PatElement {
  static override styles = [baseStyles, styles];

  #resolve?: (confirmed: boolean) => void;
  #trigger?: HTMLElement;

  @query('sl-dialog') private dialog!: SlDialog;

  @state() private options?: ConfirmOptions;
  @state() private busy = false;
  @state() private error = '';

  private onRequestClose(event: CustomEvent<{ source: string }>) {
    // A running action cannot be abandoned halfway; a click outside never destroys anything.
    if (this.busy || event.detail.source === 'overlay') event.preventDefault();
  }

  private async onConfirm() {
    // Shoelace's loading button still takes clicks: never run the action twice.
    if (this.busy) return;
    if (!this.options?.action) {
      void this.#finish(true);
      return;
    }
    this.busy = true;
    this.error = '';
    try {
      await this.options.action();
      void this.#finish(true);
    } catch (error) {
      if (!isAbort(error)) this.error = (error as Error).message;
    } finally {
      this.busy = false;
    }
  }

  private onHide(event: Event) {
    if (event.target !== this.dialog) return;
    void this.#finish(false);
  }

  private onAfterHide(event: Event) {
    if (event.target !== this.dialog) return;
    // A trigger that went with what was destroyed cannot take focus; the caller places it then.
    if (this.#trigger?.isConnected) this.#trigger.focus();
    this.#trigger = undefined;
  }

  /** Closes, then answers: by then focus is back on the trigger, or the caller may place it. */
  async #finish(confirmed: boolean) {
    const resolve = this.#resolve;
    this.#resolve = undefined;
    if (this.dialog.open) await this.dialog.hide();
    resolve?.(confirmed);
  }

  /**
   * Opens the dialog; resolves true once the user confirmed (and `action` succeeded), false when
   * they cancelled. Focus returns to `trigger` (or what had it) when it closes.
   */
  async confirm(options: ConfirmOptions, trigger?: HTMLElement): Promise<boolean> {
    this.#resolve?.(false);
    this.options = options;
    this.error = '';
    this.#trigger = trigger ?? deepestActiveElement();
    await this.updateComplete;
    // A dialog rendered just now (a host may render this element only when it first asks) opens
    // once sl-dialog's own first update is done: only then does it animate and emit sl-show.
    await this.dialog.updateComplete;
    this.dialog.open = true;
    return new Promise((resolve) => (this.#resolve = resolve));
  }

  override render() {
    const options = this.options;
    return html`
      <sl-dialog
        part="base"
        label=${options?.title ?? ''}
        @sl-request-close=${this.onRequestClose}
        @sl-hide=${this.onHide}
        @sl-after-hide=${this.onAfterHide}
      >
        <p class="message" part="message">${options?.message}</p>
        ${this.error ? html`<sl-alert class="error" variant="danger" open>${this.error}</sl-alert>` : null}
        <div slot="footer">
          <sl-button part="cancel" ?disabled=${this.busy} @click=${() => this.#finish(false)}>${strings.cancel}</sl-button>
          <sl-button part="confirm" variant="danger" ?loading=${this.busy} @click=${this.onConfirm}>${options?.confirmLabel}</sl-button>
        </div>
      </sl-dialog>
    `;
  }
}
