import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import '@shoelace-style/shoelace/dist/components/button/button.js';
import '@shoelace-style/shoelace/dist/components/input/input.js';
import '@shoelace-style/shoelace/dist/components/option/option.js';
import '@shoelace-style/shoelace/dist/components/select/select.js';
import type SlInput from '@shoelace-style/shoelace/dist/components/input/input.js';
import type SlSelect from '@shoelace-style/shoelace/dist/components/select/select.js';
import { DAY_MS as DAY, formatDuration, parseDuration, type Catalog } from '../../contract/index.js';
import { baseStyles } from '../common/base.styles.js';
import { CatalogTask } from '../common/catalog.js';
import { PatApiElement } from '../common/pat-api-element.js';
import styles from './pat-duration-picker.styles.js';

const CUSTOM = 'custom';

/** `yyyy-mm-dd` of a local date, as `<input type=date>` reads and writes it. */
function isoDay(ms: number): string {
  const date = new Date(ms);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/**
 * @tagname pat-duration-picker
 * @summary Chooses how long a PAT lives: the catalog's presets or a custom expiry date, checked
 * against the maximum lifetime, with the resulting expiry shown as you choose.
 *
 * @event {CustomEvent<PatEventMap['pat-duration-change']>} pat-duration-change - The user chose a duration; `detail.duration` is what the API takes
 *   (`"30d"`, or the exact time to the end of a custom date), `detail.expiresAt` when it ends.
 *
 * @csspart base - The wrapper.
 * @csspart preset - The preset select.
 * @csspart date - The custom date field.
 * @csspart expiry - The "will expire on" line.
 */
export class PatDurationPicker extends PatApiElement {
  static override styles = [baseStyles, styles];

  #catalog = new CatalogTask(
    this,
    () => this.api,
    () => this.catalog,
  );

  /** The value this element set itself, to tell the user's choices from a host's `value`. */
  #ownValue?: string;

  @state() private choice = '';
  @state() private customDay = '';

  /** The chosen duration (`"30d"`). Set it to preselect a preset; empty picks the catalog's first. */
  @property() value = '';

  /** The field's label; "Expiration", in the element's language, when empty. */
  @property() label = '';

  /** An error to show under the field (e.g. the server's message for `duration`). */
  @property({ attribute: 'error-message' }) errorMessage = '';

  /** The catalog to use instead of fetching it (presets and the maximum lifetime). */
  @property({ attribute: false }) catalog?: Catalog;

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('value') && this.value !== this.#ownValue) {
      // The host set `value`: it replaces the user's custom date (and '' means "the default").
      this.choice = '';
      this.customDay = '';
    }
    const presets = this.#catalog.value?.durations ?? [];
    if (!this.value && !this.choice && presets.length > 0) {
      // A form always starts with a sensible expiry: 30 days when offered, else the first preset.
      this.value = presets.find((preset) => preset.value === '30d')?.value ?? presets[0]!.value;
      this.#ownValue = this.value;
    }
    if (this.#selected(presets) === CUSTOM && !this.customDay && this.expiresAt) this.customDay = isoDay(Date.parse(this.expiresAt));
  }

  private onPreset(event: Event) {
    this.choice = (event.target as SlSelect).value as string;
    if (this.choice === CUSTOM) {
      this.customDay ||= isoDay(Date.now() + 30 * DAY);
      this.#setCustom(this.customDay);
    } else {
      this.#set(this.choice);
    }
  }

  private onDay(event: Event) {
    this.customDay = (event.target as SlInput).value;
    this.#setCustom(this.customDay);
  }

  #set(duration: string) {
    this.#ownValue = duration;
    this.value = duration;
    this.errorMessage = '';
    this.emit('pat-duration-change', { duration, expiresAt: this.expiresAt });
  }

  #setCustom(day: string) {
    this.#set(this.#untilEndOf(day));
  }

  /**
   * The time from now to the end of `day` (local time), to the second. The last day offered ends
   * after the maximum lifetime: it gets exactly the maximum.
   */
  #untilEndOf(day: string): string {
    const now = Date.now();
    let end = new Date(`${day}T23:59:59`).getTime();
    if (Number.isNaN(end)) return '';
    const max = this.#maxMs;
    if (max !== undefined && day === isoDay(now + max)) end = Math.min(end, now + max);
    return formatDuration(end - now);
  }

  /** The maximum lifetime in ms, once the catalog is known. */
  get #maxMs(): number | undefined {
    const max = this.#catalog.value && parseDuration(this.#catalog.value.max_lifetime);
    return max && max.ok ? max.ms : undefined;
  }

  /** When a PAT created now with this duration would expire, or null while there is none. */
  get expiresAt(): string | null {
    const parsed = parseDuration(this.value);
    return parsed.ok && parsed.ms > 0 ? new Date(Date.now() + parsed.ms).toISOString() : null;
  }

  /** Why the current choice cannot be sent, or '' when it can. */
  get validationMessage(): string {
    if (!this.value) return this.t.duration.required;
    if (this.choice === CUSTOM && this.customDay && this.customDay < isoDay(Date.now() + DAY)) return this.t.duration.pastDate;
    const parsed = parseDuration(this.value);
    if (!parsed.ok || parsed.ms <= 0) return this.t.duration.pastDate;
    const max = this.#maxMs;
    if (max !== undefined && parsed.ms > max) return this.t.duration.tooLate(this.locale.date(new Date(Date.now() + max).toISOString()));
    return '';
  }

  /** Shows the validation message, if any; true when the choice is valid. */
  reportValidity(): boolean {
    // A custom date means "until the end of that day": measure it from now (the moment of
    // sending), not from when it was picked, or a slow form would expire the next day.
    if (this.choice === CUSTOM && this.customDay) {
      this.#ownValue = this.#untilEndOf(this.customDay);
      this.value = this.#ownValue;
    }
    this.errorMessage = this.validationMessage;
    return !this.errorMessage;
  }

  #selected(presets: Catalog['durations']): string {
    // Once the user chose "Custom date…" it stays chosen, even while the date is half typed.
    if (this.choice === CUSTOM) return CUSTOM;
    return presets.some((preset) => preset.value === this.value) ? this.value : this.value ? CUSTOM : '';
  }

  override render() {
    const catalog = this.#catalog.value;
    const presets = catalog?.durations ?? [];
    const selected = this.#selected(presets);
    const max = this.#maxMs;
    const expiresAt = this.expiresAt;
    return html`
      <div class="base" part="base">
        <sl-select
          part="preset"
          hoist
          label=${this.label || this.t.duration.label}
          .value=${selected}
          @sl-change=${this.onPreset}
          ?disabled=${!catalog}
          required
        >
          ${presets.map((preset) => html`<sl-option value=${preset.value}>${this.locale.durationLabel(preset)}</sl-option>`)}
          <sl-option value=${CUSTOM}>${this.t.duration.custom}</sl-option>
        </sl-select>
        ${
          selected === CUSTOM
            ? html`<sl-input
                part="date"
                type="date"
                label=${this.t.duration.customLabel}
                .value=${this.customDay}
                min=${isoDay(Date.now() + DAY)}
                max=${ifDefined(max ? isoDay(Date.now() + max) : undefined)}
                @sl-change=${this.onDay}
              ></sl-input>`
            : nothing
        }
        ${this.#catalog.renderError(this.t.duration.catalogError, this.t)}
        ${
          this.errorMessage
            ? html`<p class="error" role="alert">${this.errorMessage}</p>`
            : expiresAt
              ? html`<p class="expiry" part="expiry">
                  ${this.t.duration.expiresOn(selected === CUSTOM ? this.locale.date(expiresAt) : this.locale.dateTime(expiresAt))}
                </p>`
              : nothing
        }
      </div>
    `;
  }
}
