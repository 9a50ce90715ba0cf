import { LitElement } from 'lit';
import type { PatEventMap, PatEventName } from './events.js';
import { PatLocalize } from '../i18n/localize.js';
import type { PatLocale } from './format.js';
import type { PatStrings } from '../i18n/strings.js';

/** The base of every PAT Kit element: a typed `emit()`, an idempotent `define()` and its language. */
export class PatElement extends LitElement {
  /** Registers the element under `tag` unless something already did. */
  static define(tag: string): void {
    if (!customElements.get(tag)) customElements.define(tag, this);
  }

  protected readonly localize = new PatLocalize(this);

  /** The element's language: its words (`t`) and its formats of dates, times and numbers. */
  protected get locale(): PatLocale {
    return this.localize.locale;
  }

  /** The element's words, in its language. */
  protected get t(): PatStrings {
    return this.localize.locale.t;
  }

  /**
   * Fires a bubbling, composed `pat-*` event. Returns it, so a caller of a cancelable request
   * can check `defaultPrevented`.
   */
  emit<K extends PatEventName>(name: K, detail: PatEventMap[K], options: { cancelable?: boolean } = {}): CustomEvent<PatEventMap[K]> {
    const event = new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable: options.cancelable ?? false });
    this.dispatchEvent(event);
    return event;
  }
}
