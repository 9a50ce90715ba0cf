// Straight from the contract's modules, not its index: what only other views use stays out of the list's bundle.
import { DAY_MS as DAY } from '../../contract/duration.js';
import { patEndsAt } from '../../contract/status.js';
import type { DurationPreset, Pat } from '../../contract/types.js';
import type { PatStrings } from '../i18n/strings.js';

/** Each unit from the span where it starts to read naturally: "in 30 days", not "in 4 weeks". */
const UNITS: [Intl.RelativeTimeFormatUnit, size: number, from: number][] = [
  ['year', 365 * DAY, 365 * DAY],
  ['month', 30 * DAY, 60 * DAY],
  ['day', DAY, DAY],
  ['hour', 3600e3, 3600e3],
  ['minute', 60e3, 60e3],
  ['second', 1e3, 0],
];

/** The units a duration is written in (`"30d"`), as Intl names them. */
const DURATION_UNITS: Record<string, string> = { h: 'hour', d: 'day', w: 'week', y: 'year' };

/** The colour of each status's badge, as sl-badge's variants name them. */
export const STATUS_BADGE = { active: 'success', revoked: 'danger', expired: 'neutral' } as const;

/**
 * One language's words and its way of writing dates, times and numbers. The formatters are made
 * once per language: `n.toLocaleString()` makes one on every call, slow in a table of a hundred rows.
 */
export class PatLocale {
  readonly #relative: Intl.RelativeTimeFormat;
  readonly #dateTime: Intl.DateTimeFormat;
  readonly #date: Intl.DateTimeFormat;
  readonly #utcDay: Intl.DateTimeFormat;
  readonly #number: Intl.NumberFormat;
  readonly #list: Intl.ListFormat;
  readonly #units = new Map<string, Intl.NumberFormat>();

  constructor(
    /** A BCP 47 tag, e.g. `de` or `ar-EG`. */
    readonly lang: string,
    /** The UI text in that language. */
    readonly t: PatStrings,
  ) {
    this.#relative = new Intl.RelativeTimeFormat(lang, { numeric: 'always' });
    this.#dateTime = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
    this.#date = new Intl.DateTimeFormat(lang, { dateStyle: 'medium' });
    this.#utcDay = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' });
    this.#number = new Intl.NumberFormat(lang);
    this.#list = new Intl.ListFormat(lang, { type: 'conjunction' });
  }

  /** "3 days ago", "in 2 hours", "now". */
  relative(iso: string, now: number = Date.now()): string {
    const diff = Date.parse(iso) - now;
    if (Math.abs(diff) < 1000) return this.t.now;
    const [unit, size] = UNITS.find(([, , from]) => Math.abs(diff) >= from)!;
    return this.#relative.format(Math.round(diff / size), unit);
  }

  /** "Nov 28, 2026, 3:04 PM". (From the time value: no Date to make, for a table's hundreds of them.) */
  dateTime(iso: string): string {
    return this.#dateTime.format(Date.parse(iso));
  }

  /** "Nov 28, 2026". */
  date(iso: string): string {
    return this.#date.format(Date.parse(iso));
  }

  /** A UTC day (`2026-11-28`) as that date wherever the user is: "Nov 28, 2026". */
  utcDay(day: string): string {
    return this.#utcDay.format(Date.parse(`${day}T00:00:00Z`));
  }

  /** "1,234". */
  number(n: number): string {
    return this.#number.format(n);
  }

  /** "a, b, and c". */
  list(items: readonly string[]): string {
    return this.#list.format(items);
  }

  /**
   * A preset's label in this language: "30 days", "30 Tage", "٣٠ يومًا" for `30d` (`24h` is a
   * day, `365d` a year). The server's own label where the value says nothing Intl can word, and
   * in English, where a host's wording ("1 week") stays.
   */
  durationLabel(preset: DurationPreset): string {
    if (this.lang.split('-')[0] === 'en') return preset.label;
    return this.#durationWords(preset.value) ?? preset.label;
  }

  /** A duration as the API writes it (an idle limit, `"30d"`) in words: "30 days", "2 Wochen"; the value itself when no one unit says it. */
  duration(value: string): string {
    return this.#durationWords(value) ?? value;
  }

  /** `30d` in words, `24h` as a day and `365d` as a year; undefined for what is not a whole number of one unit. */
  #durationWords(value: string): string | undefined {
    const match = /^(\d+)([hdwy])$/.exec(value);
    if (!match) return undefined;
    let [count, unit] = [Number(match[1]), DURATION_UNITS[match[2]!]!];
    if (unit === 'hour' && count % 24 === 0) [count, unit] = [count / 24, 'day'];
    if (unit === 'day' && count % 365 === 0) [count, unit] = [count / 365, 'year'];
    let format = this.#units.get(unit);
    if (!format) {
      format = new Intl.NumberFormat(this.lang, { style: 'unit', unit, unitDisplay: 'long' });
      this.#units.set(unit, format);
    }
    return format.format(count);
  }

  /**
   * How a PAT's use ends, said once: when it was revoked (a revoked PAT never expires into
   * anything: its expiry would read as a promise), else when it expires or expired: by its idle
   * limit (`idle`) when that ends it first ("Expires in 5 days if unused"), else by its lifetime.
   * A server from before idle limits leaves `idle_expires_at` out: its lifetime.
   */
  patEnd(
    pat: Pick<Pat, 'revoked' | 'revoked_at' | 'expires_at'> & Partial<Pick<Pat, 'idle_expires_at'>>,
    now: number,
  ): { at: string; text: string; revoked: boolean; idle: boolean } {
    const { ends } = this.t;
    if (pat.revoked && pat.revoked_at) {
      return { at: pat.revoked_at, text: ends.revoked(this.relative(pat.revoked_at, now)), revoked: true, idle: false };
    }
    const idle = !!pat.idle_expires_at && patEndsAt(pat) < Date.parse(pat.expires_at);
    const at = idle ? pat.idle_expires_at! : pat.expires_at;
    const expired = Date.parse(at) <= now;
    const text = idle ? (expired ? ends.expiredUnused : ends.expiresUnused) : expired ? ends.expired : ends.expires;
    return { at, text: text(this.relative(at, now)), revoked: false, idle };
  }
}
