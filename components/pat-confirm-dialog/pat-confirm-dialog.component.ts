import { html } from 'lit';
import { query, state } from 'lit/decorators.js';
import '@shoelace-style/shoelace/dist/components/alert/alert.js';
import '@shoelace-style/shoelace/dist/components/button/button.js';
import '@shoelace-style/shoelace/dist/components/dialog/dialog.js';
import type SlDialog from '@shoelace-style/shoelace/dist/components/dialog/dialog.js';
import { errorText, isAbort } from '../api/api-error.js';
import { baseStyles } from '../common/base.styles.js';
import { DialogSession } from '../common/dialog-session.js';
import { PatElement } from '../common/pat-element.js';
import styles from './pat-confirm-dialog.styles.js';

export interface ConfirmOptions {
  title: string;
  message: string;
  confirmLabel: string;
  /** The confirm button's colour: danger (the default) for what destroys, primary for what only needs a second look. */
  variant?: 'danger' | 'primary';
  /** Runs when the user confirms; the dialog stays open, busy, until it settles, and shows its error. */
  action?: () => Promise<unknown>;
}

/**
 * @tagname pat-confirm-dialog
 * @summary Asks before anything is destroyed (or done that needs a second look), names what will
 * go, and runs the action itself so a failure is shown where the user is looking.
 *
 * @csspart base - The dialog.
 * @csspart message - The sentence that says what will happen.
 * @csspart confirm - The confirming button (danger, or primary for what only needs a second look).
 * @csspart cancel - The cancel button.
 *
 * @cssproperty --pat-confirm-dialog-width - The dialog's width.
 */
export class PatConfirmDialog extends PatElement {
  static override styles = [baseStyles, styles];

  #session = new DialogSession<boolean>(this, { dialog: () => this.dialog, cancelled: false, busy: () => this.busy });

  @query('sl-dialog') private dialog!: SlDialog;

  @state() private options?: ConfirmOptions;
  @state() private busy = false;
  @state() private error = '';

  private async onConfirm() {
    // Shoelace's loading button still takes clicks: never run the action twice.
    if (this.busy) return;
    if (!this.options?.action) {
      void this.#session.finish(true);
      return;
    }
    this.busy = true;
    this.error = '';
    try {
      await this.options.action();
      void this.#session.finish(true);
    } catch (error) {
      if (!isAbort(error)) this.error = errorText(error, this.t);
    } finally {
      this.busy = false;
    }
  }

  /**
   * Opens the dialog; resolves true once the user confirmed (and `action` succeeded), false when
   * they cancelled. Focus returns to `trigger` (or what had it) when it closes.
   */
  async confirm(options: ConfirmOptions, trigger?: HTMLElement): Promise<boolean> {
    const answer = this.#session.begin(trigger);
    this.options = options;
    this.error = '';
    await this.updateComplete;
    // A dialog rendered just now (a host may render this element only when it first asks) opens
    // once sl-dialog's own first update is done: only then does it animate and emit sl-show.
    await this.dialog.updateComplete;
    this.dialog.open = true;
    return answer;
  }

  override render() {
    const options = this.options;
    return html`
      <sl-dialog
        part="base"
        label=${options?.title ?? ''}
        @sl-request-close=${this.#session.onRequestClose}
        @sl-hide=${this.#session.onHide}
        @sl-after-hide=${this.#session.onAfterHide}
      >
        <p class="message" part="message">${options?.message}</p>
        ${this.error ? html`<sl-alert class="error" variant="danger" open>${this.error}</sl-alert>` : null}
        <div slot="footer">
          <sl-button part="cancel" ?disabled=${this.busy} @click=${() => this.#session.finish(false)}>${this.t.cancel}</sl-button>
          <sl-button part="confirm" variant=${options?.variant ?? 'danger'} ?loading=${this.busy} @click=${this.onConfirm}
            >${options?.confirmLabel}</sl-button
          >
        </div>
      </sl-dialog>
    `;
  }
}
