/**
 * Durations as the upstream sends them (Go's `time.ParseDuration`: `"24h"`, `"1h30m"`, `"1.5h"`)
 * plus the units people actually mean for token lifetimes: `d`, `w` and `y` (365 days).
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
/** A day in milliseconds. */
export const DAY_MS = 24 * HOUR;
const DAY = DAY_MS;
const WEEK = 7 * DAY;
const YEAR = 365 * DAY;

const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: SECOND,
  m: MINUTE,
  h: HOUR,
  d: DAY,
  w: WEEK,
  y: YEAR,
};

const WHOLE = /^[-+]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h|d|w|y))+$/;
const PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h|d|w|y)/g;

export type DurationResult = { ok: true; ms: number } | { ok: false; reason: string };

/** Parses a duration string into milliseconds; signs are kept so callers can reject them. */
export function parseDuration(input: string): DurationResult {
  const text = input.trim();
  if (text === '') return { ok: false, reason: 'is required' };
  if (text.length > 64) return { ok: false, reason: 'is too long' };
  if (/^[-+]?0+(?:\.0*)?$/.test(text)) return { ok: true, ms: 0 };
  if (!WHOLE.test(text)) {
    return { ok: false, reason: `"${text}" is not a duration; use e.g. "24h", "30d", "1w" or "1y"` };
  }
  let ms = 0;
  for (const [, amount, unit] of text.matchAll(PART)) ms += Number(amount) * UNIT_MS[unit!]!;
  return { ok: true, ms: Math.round(text.startsWith('-') ? -ms : ms) };
}

/**
 * Parses a PAT lifetime: positive and no longer than `maxMs`. The failure reason names the
 * limit so a person can correct the value.
 */
export function parseLifetime(input: string, maxMs: number): DurationResult {
  const parsed = parseDuration(input);
  if (!parsed.ok) return parsed;
  if (parsed.ms <= 0) return { ok: false, reason: 'must be longer than zero' };
  if (parsed.ms > maxMs) {
    return { ok: false, reason: `must be at most ${formatDuration(maxMs)} (the maximum lifetime)` };
  }
  return parsed;
}

/**
 * A duration string for `ms`, rounded to whole seconds, as a person would write it: one unit
 * when one fits exactly (`"1y"`, `"2w"`, `"30d"`), else days down to seconds (`"1d12h"`).
 */
export function formatDuration(ms: number): string {
  const seconds = Math.round(Math.abs(ms) / SECOND);
  if (seconds === 0) return '0s';
  const sign = ms < 0 ? '-' : '';
  for (const [unit, size] of [
    ['y', YEAR],
    ['w', WEEK],
    ['d', DAY],
  ] as const) {
    if ((seconds * SECOND) % size === 0) return `${sign}${(seconds * SECOND) / size}${unit}`;
  }
  let rest = seconds * SECOND;
  let text = '';
  for (const [unit, size] of [
    ['d', DAY],
    ['h', HOUR],
    ['m', MINUTE],
    ['s', SECOND],
  ] as const) {
    const count = Math.floor(rest / size);
    if (count > 0) {
      text += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return sign + text;
}
