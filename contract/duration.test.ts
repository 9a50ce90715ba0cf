import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatDuration, parseDuration, parseLifetime } from './duration.js';

// Literal millisecond values, written out so the tests do not share the implementation's constants.
const SECOND = 1_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const YEAR_365D = 31_536_000_000;

describe('parseDuration: valid strings', () => {
  const rows: [input: string, ms: number][] = [
    // Go-style, as the upstream sends them
    ['24h', 86_400_000],
    ['720h', 2_592_000_000],
    ['1h30m', 5_400_000],
    ['1.5h', 5_400_000],
    ['90m', 5_400_000],
    ['3600s', 3_600_000],
    ['1500ms', 1_500],
    ['2h45m30s', 9_930_000],
    ['.5h', 1_800_000],
    ['1.h', 3_600_000],
    ['+2h', 7_200_000],
    // d, w, y units
    ['30d', 2_592_000_000],
    ['1w', 604_800_000],
    ['1y', 31_536_000_000],
    ['1y2d', 31_708_800_000],
    ['2w3d4h5m6s', 1_483_506_000],
    ['365d', 31_536_000_000],
    ['8760h', 31_536_000_000],
    // surrounding whitespace is trimmed
    ['  24h  ', 86_400_000],
    // exactly 64 characters is still accepted
    ['1s'.repeat(32), 32_000],
  ];
  for (const [input, ms] of rows) {
    it(`${JSON.stringify(input)} is ${ms} ms`, () => {
      assert.deepEqual(parseDuration(input), { ok: true, ms });
    });
  }
});

describe('parseDuration: zero', () => {
  for (const input of ['0', '0s', '0h', '0d', '00', '0.0', '0h0m0s', '-0', '+0']) {
    it(`${JSON.stringify(input)} parses to 0 and is refused as a lifetime`, () => {
      const parsed = parseDuration(input);
      assert.equal(parsed.ok, true);
      assert.ok(parsed.ok && parsed.ms === 0, `expected 0 ms, got ${JSON.stringify(parsed)}`);
      assert.deepEqual(parseLifetime(input, YEAR_365D), { ok: false, reason: 'must be longer than zero' });
    });
  }
});

describe('parseDuration: negative', () => {
  const rows: [input: string, ms: number][] = [
    ['-1h', -3_600_000],
    ['-1h30m', -5_400_000],
    ['-30d', -2_592_000_000],
    ['-1s', -1_000],
  ];
  for (const [input, ms] of rows) {
    it(`${JSON.stringify(input)} keeps its sign (${ms} ms) and is refused as a lifetime`, () => {
      assert.deepEqual(parseDuration(input), { ok: true, ms });
      assert.deepEqual(parseLifetime(input, YEAR_365D), { ok: false, reason: 'must be longer than zero' });
    });
  }
});

describe('parseDuration: garbage', () => {
  const rows: [input: string, reason: RegExp][] = [
    ['', /^is required$/],
    ['  ', /^is required$/],
    ['\t\n', /^is required$/],
    ['abc', /not a duration/],
    ['1x', /not a duration/],
    ['h', /not a duration/],
    ['1', /not a duration/],
    ['1 h', /not a duration/],
    ['1h 30m', /not a duration/],
    ['1h-30m', /not a duration/],
    ['1h+30m', /not a duration/],
    ['--1h', /not a duration/],
    ['- 1h', /not a duration/],
    ['+ 1h', /not a duration/],
    ['1..5h', /not a duration/],
    ['.h', /not a duration/],
    ['1e3s', /not a duration/],
    ['1H', /not a duration/],
    ['1hh', /not a duration/],
    ['1mo', /not a duration/],
    ['Infinityh', /not a duration/],
    ['NaN', /not a duration/],
    ['1s'.repeat(32) + '1', /^is too long$/],
    ['1s'.repeat(33), /^is too long$/],
  ];
  for (const [input, reason] of rows) {
    it(`${JSON.stringify(input)} is refused`, () => {
      const parsed = parseDuration(input);
      assert.equal(parsed.ok, false);
      assert.match(parsed.ok ? '' : parsed.reason, reason);
      assert.equal(parseLifetime(input, YEAR_365D).ok, false);
    });
  }

  it('the "not a duration" reason quotes the trimmed input', () => {
    assert.deepEqual(parseDuration('  1x '), {
      ok: false,
      reason: '"1x" is not a duration; use e.g. "24h", "30d", "1w" or "1y"',
    });
  });
});

describe('parseLifetime: maximum lifetime of 365 days', () => {
  const accepted: [input: string, ms: number][] = [
    ['1s', 1_000],
    ['24h', 86_400_000],
    ['364d', 364 * DAY],
    ['365d', YEAR_365D],
    ['1y', YEAR_365D],
    ['8760h', YEAR_365D],
    ['52w1d', YEAR_365D],
  ];
  for (const [input, ms] of accepted) {
    it(`${JSON.stringify(input)} is accepted as ${ms} ms`, () => {
      assert.deepEqual(parseLifetime(input, YEAR_365D), { ok: true, ms });
    });
  }

  const refused = ['366d', '8761h', '1y1s', '365d1ms', '53w', '2y', '100y'];
  for (const input of refused) {
    it(`${JSON.stringify(input)} is refused with a reason that names the limit`, () => {
      const result = parseLifetime(input, YEAR_365D);
      assert.equal(result.ok, false);
      const reason = result.ok ? '' : result.reason;
      assert.match(reason, /maximum lifetime/);
      assert.match(reason, /\b1y\b/, `the reason should name the 365-day limit: ${reason}`);
    });
  }
});

describe('parseLifetime: the limit named in the reason is the configured one', () => {
  const rows: [max: string, over: string][] = [
    ['365d', '366d'],
    ['30d', '31d'],
    ['90d', '2160h1s'],
    ['24h', '25h'],
    ['1h30m', '91m'],
    ['1w', '8d'],
  ];
  for (const [max, over] of rows) {
    it(`with max ${max}, ${over} is refused and the reason's limit parses back to ${max}`, () => {
      const maxParsed = parseDuration(max);
      assert.ok(maxParsed.ok);
      const maxMs = maxParsed.ms;
      assert.deepEqual(parseLifetime(max, maxMs), { ok: true, ms: maxMs }, 'the limit itself is allowed');
      const result = parseLifetime(over, maxMs);
      assert.equal(result.ok, false);
      const named = /at most (\S+)/.exec(result.ok ? '' : result.reason)?.[1];
      assert.ok(named, `no limit in the reason: ${JSON.stringify(result)}`);
      assert.deepEqual(parseDuration(named), { ok: true, ms: maxMs });
    });
  }
});

describe('formatDuration: exact outputs', () => {
  const rows: [ms: number, text: string][] = [
    [0, '0s'],
    [499, '0s'],
    [500, '1s'],
    [1_000, '1s'],
    [1_500, '2s'],
    [59_000, '59s'],
    [60_000, '1m'],
    [5_400_000, '1h30m'],
    [HOUR, '1h'],
    [DAY, '1d'],
    [129_600_000, '1d12h'],
    [604_800_000, '1w'],
    [YEAR_365D, '1y'],
    [YEAR_365D + 2 * DAY, '367d'],
    [YEAR_365D + 604_800_000 + DAY + HOUR + 60_000 + SECOND, '373d1h1m1s'],
    [30 * DAY, '30d'],
    [90 * DAY, '90d'],
    [14 * DAY, '2w'],
    [-3_600_000, '-1h'],
    [-129_600_000, '-1d12h'],
  ];
  for (const [ms, text] of rows) {
    it(`${ms} ms is ${JSON.stringify(text)}`, () => {
      assert.equal(formatDuration(ms), text);
    });
  }
});

describe('formatDuration: round trips through parseDuration', () => {
  const rows: number[] = [
    0,
    1_000,
    59_000,
    60_000,
    3_600_000,
    5_400_000,
    86_400_000,
    129_600_000,
    604_800_000,
    2_592_000_000,
    7_776_000_000,
    YEAR_365D,
    YEAR_365D + 1_000,
    2 * YEAR_365D + 3 * 604_800_000 + 4 * DAY + 5 * HOUR + 6 * 60_000 + 7 * SECOND,
    123_456_789_000,
    -3_600_000,
    -90_061_000,
  ];
  for (const ms of rows) {
    it(`${ms} ms survives format then parse`, () => {
      const text = formatDuration(ms);
      assert.deepEqual(parseDuration(text), { ok: true, ms }, `formatted as ${JSON.stringify(text)}`);
    });
  }

  it('a duration that is not whole seconds comes back rounded to the second', () => {
    assert.deepEqual(parseDuration(formatDuration(1_499)), { ok: true, ms: 1_000 });
    assert.deepEqual(parseDuration(formatDuration(90_600)), { ok: true, ms: 91_000 });
  });
});
