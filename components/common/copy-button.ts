import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import '@shoelace-style/shoelace/dist/components/copy-button/copy-button.js';
import '@shoelace-style/shoelace/dist/components/icon/icon.js';
import type { PatStrings } from '../i18n/strings.js';

/**
 * Shoelace's copy button for `value`, named `label`. Its button has no name of its own: the
 * labelled icons give it one in each of its states.
 */
export function renderCopyButton(value: string, label: string, t: PatStrings, part?: string) {
  return html`<sl-copy-button
    part=${ifDefined(part)}
    .value=${value}
    copy-label=${label}
    success-label=${t.copied}
    error-label=${t.copyFailed}
  >
    <sl-icon slot="copy-icon" library="system" name="copy" label=${label}></sl-icon>
    <sl-icon slot="success-icon" library="system" name="check" label=${t.copied}></sl-icon>
    <sl-icon slot="error-icon" library="system" name="x-lg" label=${t.copyFailed}></sl-icon>
  </sl-copy-button>`;
}
