import { html } from 'lit';
import { property } from 'lit/decorators.js';
import '@shoelace-style/shoelace/dist/components/alert/alert.js';
import '@shoelace-style/shoelace/dist/components/icon/icon.js';
import { baseStyles } from '../common/base.styles.js';
import { renderCopyButton } from '../common/copy-button.js';
import { PatElement } from '../common/pat-element.js';
import styles from './pat-secret-banner.styles.js';

/**
 * @tagname pat-secret-banner
 * @summary The one time a PAT's secret is shown: in full, in monospace, with a copy button and
 * the warning that it will not be shown again. The secret is a property only — never an
 * attribute, the URL or storage — so it is gone after a reload.
 *
 * @csspart base - The alert.
 * @csspart secret - The secret's text.
 * @csspart copy - The copy button.
 *
 * @cssproperty --pat-secret-font - The secret's font (monospace by default).
 */
export class PatSecretBanner extends PatElement {
  static override styles = [baseStyles, styles];

  /** The secret to show. Set it from the create or regenerate response; never from markup. */
  @property({ attribute: false }) secret = '';

  /** Focuses the copy button, so the next key press copies the secret. */
  override focus(options?: FocusOptions): void {
    const copy = this.renderRoot.querySelector('sl-copy-button');
    const button = copy?.shadowRoot?.querySelector<HTMLElement>('[part="button"]');
    (button ?? copy)?.focus(options);
  }

  override render() {
    return html`
      <sl-alert part="base" variant="warning" open>
        <sl-icon slot="icon" name="key"></sl-icon>
        <p class="title">${this.t.secret.title}</p>
        <p class="warning">${this.t.secret.warning}</p>
        <div class="secret">
          <code part="secret">${this.secret}</code>
          ${renderCopyButton(this.secret, this.t.secret.copy, this.t, 'copy')}
        </div>
      </sl-alert>
    `;
  }
}
