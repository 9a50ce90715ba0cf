import { DAY_MS as DAY, type Pat } from '../../contract/index.js';
import { strings } from '../i18n/strings.js';

/** Dates and times as people read them, in the browser's locale. */

/** Each unit from the span where it starts to read naturally: "in 30 days", not "in 4 weeks". */
const UNITS: [Intl.RelativeTimeFormatUnit, size: number, from: number][] = [
  ['year', 365 * DAY, 365 * DAY],
  ['month', 30 * DAY, 60 * DAY],
  ['day', DAY, DAY],
  ['hour', 3600e3, 3600e3],
  ['minute', 60e3, 60e3],
  ['second', 1e3, 0],
];

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'always' });
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
// `n.toLocaleString()` makes a formatter on every call: slow in a table of a hundred rows.
const number = new Intl.NumberFormat();

/** "3 days ago", "in 2 hours", "now". */
export function formatRelative(iso: string, now: number = Date.now()): string {
  const diff = Date.parse(iso) - now;
  if (Math.abs(diff) < 1000) return strings.now;
  const [unit, size] = UNITS.find(([, , from]) => Math.abs(diff) >= from)!;
  return relative.format(Math.round(diff / size), unit);
}

/** "Nov 28, 2026, 3:04 PM". (From the time value: no Date to make, for a table's hundreds of them.) */
export function formatDateTime(iso: string): string {
  return dateTime.format(Date.parse(iso));
}

export function formatDate(iso: string): string {
  return dateOnly.format(new Date(iso));
}

/** "1,234": as `n.toLocaleString()` writes it, from one formatter. */
export function formatNumber(n: number): string {
  return number.format(n);
}

/** The colour of each status's badge, as sl-badge's variants name them. */
export const STATUS_BADGE = { active: 'success', revoked: 'danger', expired: 'neutral' } as const;

/**
 * How a PAT's use ends, said once: when it was revoked (a revoked PAT never expires into
 * anything: its expiry would read as a promise), else when it expires or expired.
 */
export function patEnd(
  pat: Pick<Pat, 'revoked' | 'revoked_at' | 'expires_at'>,
  now: number,
): { at: string; text: string; revoked: boolean } {
  if (pat.revoked && pat.revoked_at)
    return { at: pat.revoked_at, text: strings.ends.revoked(formatRelative(pat.revoked_at, now)), revoked: true };
  const text = Date.parse(pat.expires_at) <= now ? strings.ends.expired : strings.ends.expires;
  return { at: pat.expires_at, text: text(formatRelative(pat.expires_at, now)), revoked: false };
}
