import { html, nothing } from 'lit';
import { query, state } from 'lit/decorators.js';
import '@shoelace-style/shoelace/dist/components/alert/alert.js';
import '@shoelace-style/shoelace/dist/components/button/button.js';
import '@shoelace-style/shoelace/dist/components/dialog/dialog.js';
import type SlDialog from '@shoelace-style/shoelace/dist/components/dialog/dialog.js';
import type { Pat, PatWithSecret } from '../../contract/index.js';
import { ApiError, errorText } from '../api/api-error.js';
import '../pat-duration-picker/pat-duration-picker.js';
import type { PatDurationPicker } from '../pat-duration-picker/pat-duration-picker.component.js';
import { baseStyles } from '../common/base.styles.js';
import { DialogSession } from '../common/dialog-session.js';
import { PatApiElement } from '../common/pat-api-element.js';
import styles from './pat-regenerate-dialog.styles.js';

/**
 * @tagname pat-regenerate-dialog
 * @summary Regenerates a PAT: asks for a new expiry, issues a new secret, keeps the name,
 * description and scopes.
 *
 * @event {CustomEvent<PatEventMap['pat-regenerated']>} pat-regenerated - The PAT has a new secret; `detail.pat` carries it (shown once).
 * @event {CustomEvent<PatEventMap['pat-error']>} pat-error - The request failed; `detail.action` is `regenerate`.
 *
 * @csspart base - The dialog.
 * @csspart duration - The expiry picker.
 * @csspart submit - The Regenerate button.
 *
 * @cssproperty --pat-regenerate-dialog-width - The dialog's width.
 */
export class PatRegenerateDialog extends PatApiElement {
  static override styles = [baseStyles, styles];

  #session = new DialogSession<PatWithSecret | undefined>(this, {
    dialog: () => this.dialog,
    cancelled: undefined,
    busy: () => this.busy,
  });

  @query('sl-dialog') private dialog!: SlDialog;
  @query('pat-duration-picker') private picker!: PatDurationPicker;

  @state() private pat?: Pat;
  @state() private busy = false;
  @state() private error = '';

  private async onSubmit() {
    if (!this.pat || this.busy || !this.picker.reportValidity()) return;
    this.busy = true;
    this.error = '';
    try {
      const id = this.pat.id;
      const pat = await this.mutate('regenerate', (api) => api.resetSecret(id, this.picker.value));
      this.emit('pat-regenerated', { pat });
      void this.#session.finish(pat);
    } catch (error) {
      if (error instanceof ApiError) {
        const duration = error.fieldMessage('duration');
        // The server's field message is a phrase ("must be at most 365d …"): show it as a sentence.
        if (duration) this.picker.errorMessage = duration.charAt(0).toUpperCase() + duration.slice(1);
        else this.error = errorText(error, this.t);
      }
    } finally {
      this.busy = false;
    }
  }

  /** Opens the dialog for `pat`; resolves to the regenerated PAT, or undefined when cancelled. */
  async open(pat: Pat, trigger?: HTMLElement): Promise<PatWithSecret | undefined> {
    const answer = this.#session.begin(trigger);
    this.pat = pat;
    this.error = '';
    await this.updateComplete;
    this.picker.value = '';
    this.picker.errorMessage = '';
    this.dialog.open = true;
    return answer;
  }

  override render() {
    return html`
      <sl-dialog
        part="base"
        label=${this.t.regenerate.title}
        @sl-request-close=${this.#session.onRequestClose}
        @sl-hide=${this.#session.onHide}
        @sl-after-hide=${this.#session.onAfterHide}
      >
        <p class="text">${this.pat ? this.t.regenerate.text(this.pat.name) : nothing}</p>
        <pat-duration-picker part="duration"></pat-duration-picker>
        ${this.error ? html`<sl-alert variant="danger" open>${this.error}</sl-alert>` : nothing}
        <div slot="footer">
          <sl-button ?disabled=${this.busy} @click=${() => this.#session.finish(undefined)}>${this.t.cancel}</sl-button>
          <sl-button part="submit" variant="primary" ?loading=${this.busy} @click=${this.onSubmit}>${this.t.regenerate.submit}</sl-button>
        </div>
      </sl-dialog>
    `;
  }
}
