import { html, type LitElement } from 'lit';
import '@shoelace-style/shoelace/dist/components/button/button.js';
import '@shoelace-style/shoelace/dist/components/icon-button/icon-button.js';
import '@shoelace-style/shoelace/dist/components/input/input.js';
import '@shoelace-style/shoelace/dist/components/textarea/textarea.js';
import type SlInput from '@shoelace-style/shoelace/dist/components/input/input.js';
import { ApiError, errorText } from '../api/api-error.js';
import type { PatStrings } from '../i18n/strings.js';

/** A field of a `<dl>` that its user edits in place. */
export interface EditableField<K extends string> {
  key: K;
  label: string;
  value: string;
  maxLength: number;
  /** A textarea that keeps line breaks, rather than one line. */
  multiline?: boolean;
  /**
   * A list, one entry a line (addresses): shown left to right in a monospace font, edited in a
   * textarea where Enter starts a line and Ctrl+Enter (⌘+Enter) saves.
   */
  lines?: boolean;
  /** What to type, under the editor. */
  help?: string;
  /** The keys the editor takes, under it: `t.detail.editHint` by default. */
  hint?: string;
}

/**
 * Saves a field's draft: resolves with a message when the draft is refused before it is sent,
 * or nothing when it was saved; a rejection with an ApiError shows the server's message.
 */
export type SaveField<K extends string> = (key: K, draft: string) => Promise<string | undefined>;

/**
 * Edit in place: the pencil turns a field into an input with Save and Cancel; Enter saves
 * (Ctrl+Enter in a list, where Enter starts a line), Escape cancels, and the focus goes back to
 * the pencil afterwards. One field at a time.
 */
export class InlineEditor<K extends string> {
  #host: LitElement;
  #save: SaveField<K>;
  #editing?: K;
  /** The field being edited is a list: Enter starts a line. */
  #lines = false;
  #draft = '';
  #saving = false;
  /** Why the draft was not saved: a refusal's words, or the API's error. */
  #error: string | ApiError = '';

  constructor(host: LitElement, save: SaveField<K>) {
    this.#host = host;
    this.#save = save;
  }

  /** Leaves the field being edited without saving, and without moving the focus. */
  cancel(): void {
    this.#editing = undefined;
    this.#error = '';
    this.#host.requestUpdate();
  }

  #start(field: EditableField<K>) {
    this.#editing = field.key;
    this.#lines = !!field.lines;
    this.#draft = field.value;
    this.#error = '';
    this.#host.requestUpdate();
    this.#focusAfterUpdate('.edit [data-editor]');
  }

  #stop() {
    const key = this.#editing;
    this.cancel();
    this.#focusAfterUpdate(`[data-edit="${key}"]`);
  }

  async #commit() {
    const key = this.#editing;
    if (!key || this.#saving) return;
    this.#saving = true;
    this.#host.requestUpdate();
    try {
      const refused = await this.#save(key, this.#draft);
      if (refused === undefined) {
        this.#stop();
        return;
      }
      this.#error = refused;
    } catch (error) {
      if (error instanceof ApiError) this.#error = error;
    } finally {
      this.#saving = false;
      this.#host.requestUpdate();
    }
    // The editor was disabled while saving, which took its focus: give it back.
    this.#focusAfterUpdate('.edit [data-editor]');
  }

  #focusAfterUpdate(selector: string) {
    void this.#host.updateComplete.then(() => this.#host.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }

  #onKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      this.#stop();
    } else if (event.key === 'Enter' && !event.shiftKey) {
      // In a list Enter starts the next entry; Ctrl+Enter saves, as in a text it does not.
      if (this.#lines && !event.ctrlKey && !event.metaKey) return;
      event.preventDefault();
      void this.#commit();
    }
  };

  #onDraft = (event: Event) => {
    this.#draft = (event.target as SlInput).value;
    this.#error = '';
    this.#host.requestUpdate();
  };

  /** The field as a `<div class="field">` of a `<dl>`: its value and a pencil, or its editor. */
  render(field: EditableField<K>, empty: string, t: PatStrings) {
    const { key, label, value, maxLength, multiline, lines, help, hint } = field;
    if (this.#editing !== key) {
      // A list of addresses reads left to right whatever the page's direction.
      const [shape, dir]: [string, 'ltr' | 'auto'] = lines ? ['pre mono', value ? 'ltr' : 'auto'] : [multiline ? 'pre' : '', 'auto'];
      return html`
        <div class="field">
          <dt>${label}</dt>
          <dd class=${shape} dir=${dir}>${value || html`<span class="muted">${empty}</span>`}</dd>
          <dd class="field-actions">
            <sl-icon-button
              data-edit=${key}
              name="pencil"
              label=${t.detail.edit(label)}
              @click=${() => this.#start(field)}
            ></sl-icon-button>
          </dd>
        </div>
      `;
    }
    const saving = this.#saving;
    return html`
      <div class="field">
        <dt>${label}</dt>
        <dd class="edit" @keydown=${this.#onKeydown}>
          ${
            multiline || lines
              ? html`<sl-textarea
                  data-editor
                  class=${lines ? 'lines' : ''}
                  size="small"
                  rows="2"
                  resize="auto"
                  label=${label}
                  help-text=${help ?? ''}
                  maxlength=${maxLength}
                  .spellcheck=${!lines}
                  .value=${this.#draft}
                  @sl-input=${this.#onDraft}
                  ?disabled=${saving}
                ></sl-textarea>`
              : html`<sl-input
                  data-editor
                  size="small"
                  label=${label}
                  maxlength=${maxLength}
                  .value=${this.#draft}
                  @sl-input=${this.#onDraft}
                  ?disabled=${saving}
                ></sl-input>`
          }
          ${
            this.#error
              ? html`<span class="edit-error" role="alert">${errorText(this.#error, t)}</span>`
              : html`<span class="edit-hint">${hint ?? t.detail.editHint}</span>`
          }
        </dd>
        <dd class="field-actions">
          <sl-button size="small" variant="primary" ?loading=${saving} @click=${() => this.#commit()}>${t.detail.save}</sl-button>
          <sl-button size="small" ?disabled=${saving} @click=${() => this.#stop()}>${t.cancel}</sl-button>
        </dd>
      </div>
    `;
  }
}
