import { LitElement } from 'lit';
import type { PatEventMap, PatEventName } from './events.js';

/** The base of every PAT Kit element: a typed `emit()` and an idempotent `define()`. */
export class PatElement extends LitElement {
  /** Registers the element under `tag` unless something already did. */
  static define(tag: string): void {
    if (!customElements.get(tag)) customElements.define(tag, this);
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
