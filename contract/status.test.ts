import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EXPIRING_SOON_MS, LIMITS } from './limits.js';
import { listPatsQuery, parseRequest } from './schemas.js';
import { expiredReason, inStatuses, isExpiringSoon, normalizeStatuses, patEndsAt, patStatus } from './status.js';
import { STATUS_FILTERS, type PatStatus, type StatusFilter, type StatusQuery } from './types.js';

const NOW = Date.parse('2025-06-01T12:00:00.000Z');
const MS = 1;
const DAY = 86_400_000;
const at = (offset: number) => new Date(NOW + offset).toISOString();

describe('patStatus', () => {
  const rows: [name: string, revoked: boolean, expiresAt: string, expected: PatStatus][] = [
    ['revoked and already expired: revoked wins', true, at(-DAY), 'revoked'],
    ['revoked and expiring exactly now: revoked wins', true, at(0), 'revoked'],
    ['revoked and still in date', true, at(30 * DAY), 'revoked'],
    ['expires_at == now is expired', false, at(0), 'expired'],
    ['a millisecond after expires_at is expired', false, at(-MS), 'expired'],
    ['a millisecond before expires_at is active', false, at(MS), 'active'],
    ['long expired', false, at(-365 * DAY), 'expired'],
    ['a year left', false, at(365 * DAY), 'active'],
    ['an offset timestamp is compared as an instant (13:00+02:00 is 11:00Z)', false, '2025-06-01T13:00:00.000+02:00', 'expired'],
    ['an offset timestamp is compared as an instant (11:00-02:00 is 13:00Z)', false, '2025-06-01T11:00:00.000-02:00', 'active'],
  ];
  for (const [name, revoked, expires_at, expected] of rows) {
    it(`${name} → ${expected}`, () => {
      assert.equal(patStatus({ revoked, expires_at }, NOW), expected);
    });
  }

  it('defaults now to the current time', () => {
    assert.equal(patStatus({ revoked: false, expires_at: new Date(Date.now() + DAY).toISOString() }), 'active');
    assert.equal(patStatus({ revoked: false, expires_at: new Date(Date.now() - DAY).toISOString() }), 'expired');
  });
});

describe('idle expiry: patEndsAt, patStatus, expiredReason, isExpiringSoon', () => {
  const pat = (expires: number, idle: number | null, revoked = false) => ({
    revoked,
    issued_at: at(-60 * DAY),
    expires_at: at(expires),
    idle_expires_at: idle === null ? null : at(idle),
  });

  it('ends at the idle expiry when that comes first, else at the expiry', () => {
    assert.equal(patEndsAt(pat(30 * DAY, 5 * DAY)), NOW + 5 * DAY);
    assert.equal(patEndsAt(pat(30 * DAY, null)), NOW + 30 * DAY);
    assert.equal(patEndsAt(pat(3 * DAY, 5 * DAY)), NOW + 3 * DAY);
    assert.equal(patEndsAt({ revoked: false, expires_at: at(DAY) }), NOW + DAY, 'a PAT without the field');
  });

  it('is expired with reason idle from its idle expiry on, with reason lifetime from its expiry', () => {
    assert.deepEqual([patStatus(pat(30 * DAY, 0), NOW), expiredReason(pat(30 * DAY, 0), NOW)], ['expired', 'idle']);
    assert.deepEqual([patStatus(pat(30 * DAY, MS), NOW), expiredReason(pat(30 * DAY, MS), NOW)], ['active', null]);
    assert.deepEqual([patStatus(pat(0, null), NOW), expiredReason(pat(0, null), NOW)], ['expired', 'lifetime']);
    assert.equal(expiredReason(pat(-DAY, -2 * DAY), NOW), 'idle', 'idle first, then its lifetime too: idle');
    assert.deepEqual([patStatus(pat(30 * DAY, -DAY, true), NOW), expiredReason(pat(30 * DAY, -DAY, true), NOW)], ['revoked', null]);
  });

  it('is expiring soon when its idle expiry is within the week', () => {
    assert.equal(isExpiringSoon(pat(60 * DAY, 6 * DAY), NOW), true);
    assert.equal(isExpiringSoon(pat(60 * DAY, 8 * DAY), NOW), false);
    assert.equal(inStatuses(pat(60 * DAY, 6 * DAY), ['expiring'], NOW), true);
    assert.equal(inStatuses(pat(60 * DAY, -MS), ['expired'], NOW), true);
    assert.equal(inStatuses(pat(60 * DAY, -MS), ['active'], NOW), false);
  });
});

describe('isExpiringSoon', () => {
  // Issued 30 days before its expiry: long-lived, so only the time left decides.
  const rows: [name: string, revoked: boolean, expiresAt: string, expected: boolean][] = [
    ['expires in 1 ms', false, at(MS), true],
    ['expires in 1 day', false, at(DAY), true],
    ['expires in 6 days 23 h', false, at(7 * DAY - 3_600_000), true],
    ['expires in exactly 7 days', false, at(7 * DAY), true],
    ['expires in 7 days and 1 ms', false, at(7 * DAY + MS), false],
    ['expires in 8 days', false, at(8 * DAY), false],
    ['expires in 30 days', false, at(30 * DAY), false],
    ['revoked, would expire in 1 day', true, at(DAY), false],
    ['revoked, would expire in 1 ms', true, at(MS), false],
    ['expires exactly now (already expired)', false, at(0), false],
    ['expired 1 ms ago', false, at(-MS), false],
    ['expired 1 day ago', false, at(-DAY), false],
  ];
  const issued = (expires_at: string) => new Date(Date.parse(expires_at) - 30 * DAY).toISOString();
  for (const [name, revoked, expires_at, expected] of rows) {
    it(`${name} → ${expected}`, () => {
      assert.equal(isExpiringSoon({ revoked, issued_at: issued(expires_at), expires_at }, NOW), expected);
    });
  }

  // The PAT's current lifetime (expires_at − issued_at) must be longer than the window.
  const lifetimes: [name: string, lifetime: number, left: number, expected: boolean][] = [
    ['a 7-day PAT, just made', 7 * DAY, 7 * DAY, false],
    ['a 7-day PAT with 1 ms left', 7 * DAY, MS, false],
    ['a 7-day PAT with a day left', 7 * DAY, DAY, false],
    ['a 1-day PAT, just made', DAY, DAY, false],
    ['a 1-hour PAT with a minute left', 3_600_000, 60_000, false],
    ['a PAT of 7 days and 1 ms, just made (7 days and 1 ms left)', 7 * DAY + MS, 7 * DAY + MS, false],
    ['a PAT of 7 days and 1 ms with exactly 7 days left', 7 * DAY + MS, 7 * DAY, true],
    ['a PAT of 7 days and 1 ms with 1 ms left', 7 * DAY + MS, MS, true],
    ['an 8-day PAT with a day left', 8 * DAY, DAY, true],
    ['an 8-day PAT, just made', 8 * DAY, 8 * DAY, false],
    ['a 30-day PAT with 3 days left', 30 * DAY, 3 * DAY, true],
    ['a 30-day PAT with 8 days left', 30 * DAY, 8 * DAY, false],
  ];
  for (const [name, lifetime, left, expected] of lifetimes) {
    it(`${name} → ${expected}`, () => {
      const pat = { revoked: false, issued_at: at(left - lifetime), expires_at: at(left) };
      assert.equal(isExpiringSoon(pat, NOW), expected);
      assert.equal(patStatus(pat, NOW), 'active', 'a short-lived PAT is still active');
      assert.equal(inStatuses(pat, ['expiring'], NOW), expected, 'the expiring filter agrees');
    });
  }

  it('a regenerate (issued_at moves) decides it anew', () => {
    // A 30-day PAT with 3 days left is expiring soon…
    const expires_at = at(3 * DAY);
    assert.equal(isExpiringSoon({ revoked: false, issued_at: at(-27 * DAY), expires_at }, NOW), true);
    // …regenerated now for 3 days, it is short-lived;
    assert.equal(isExpiringSoon({ revoked: false, issued_at: at(0), expires_at }, NOW), false);
    // regenerated now for 30 days, it is not due for 23 days, then is.
    const renewed = { revoked: false, issued_at: at(0), expires_at: at(30 * DAY) };
    assert.equal(isExpiringSoon(renewed, NOW), false);
    assert.equal(isExpiringSoon(renewed, NOW + 23 * DAY), true);
  });

  it('an issued_at that is not a time never makes a PAT expiring soon', () => {
    assert.equal(isExpiringSoon({ revoked: false, issued_at: '', expires_at: at(DAY) }, NOW), false);
  });

  it('compares instants, whatever offset a time is written with', () => {
    // Expiring 1 ms from now, issued 7 days and 1 ms before (written two hours ahead of UTC)…
    assert.equal(isExpiringSoon({ revoked: false, issued_at: '2025-05-25T14:00:00.000+02:00', expires_at: at(MS) }, NOW), true);
    // …or exactly 7 days before.
    assert.equal(isExpiringSoon({ revoked: false, issued_at: '2025-05-25T14:00:00.001+02:00', expires_at: at(MS) }, NOW), false);
  });

  it('the window is seven days', () => {
    assert.equal(EXPIRING_SOON_MS, 7 * DAY);
  });

  it('an expiring-soon PAT is always active', () => {
    for (const row of rows) {
      const pat = { revoked: row[1], issued_at: issued(row[2]), expires_at: row[2] };
      if (isExpiringSoon(pat, NOW)) assert.equal(patStatus(pat, NOW), 'active', row[0]);
    }
  });
});

describe('normalizeStatuses', () => {
  const rows: [query: StatusQuery, expected: StatusFilter[], why: string][] = [
    ['active', ['active'], 'one status is itself'],
    ['all', ['all'], 'all alone'],
    [['expiring'], ['expiring'], 'a list of one'],
    [[], ['active'], 'an empty list is the default'],
    [['revoked', 'expired'], ['revoked', 'expired'], 'two disjoint statuses'],
    [['expired', 'revoked'], ['revoked', 'expired'], 'in the order of STATUS_FILTERS, whatever the order given'],
    [['revoked', 'revoked', 'revoked'], ['revoked'], 'duplicates are harmless'],
    [['expired', 'all'], ['all'], 'all anywhere is all'],
    [['all', 'all'], ['all'], 'all twice'],
    [['expiring', 'active'], ['active'], 'expiring is part of active'],
    [['active', 'expiring', 'revoked'], ['active', 'revoked'], 'expiring goes beside active, the rest stays'],
    [['expiring', 'revoked', 'expired'], ['expiring', 'revoked', 'expired'], 'expiring without active stays'],
    [['active', 'revoked', 'expired'], ['all'], 'every status is all'],
    [['expired', 'expiring', 'revoked', 'active', 'expired'], ['all'], 'every status, with expiring and a duplicate, is all'],
    [['active', 'expired'], ['active', 'expired'], 'the unrevoked ones'],
  ];
  for (const [query, expected, why] of rows) {
    it(`${JSON.stringify(query)} → ${expected.join(',')}: ${why}`, () => {
      assert.deepEqual(normalizeStatuses(query), expected);
    });
  }

  it('is idempotent, and its result never holds all beside another, nor expiring beside active', () => {
    // Every list of up to three filters.
    const lists: StatusFilter[][] = [[]];
    for (let size = 0; size < 3; size++) for (const list of [...lists]) for (const status of STATUS_FILTERS) lists.push([...list, status]);
    for (const list of lists) {
      const once = normalizeStatuses(list);
      assert.deepEqual(normalizeStatuses(once), once, JSON.stringify(list));
      assert.ok(once.length >= 1);
      if (once.includes('all')) assert.deepEqual(once, ['all'], JSON.stringify(list));
      assert.ok(!(once.includes('active') && once.includes('expiring')), JSON.stringify(list));
      assert.deepEqual(new Set(once).size, once.length);
    }
  });

  it('lists the same PATs as the filters it was given, each PAT in at most one of its filters', () => {
    const pats = [
      { revoked: false, issued_at: at(-DAY), expires_at: at(30 * DAY) },
      { revoked: false, issued_at: at(-29 * DAY), expires_at: at(DAY) },
      { revoked: false, issued_at: at(-DAY), expires_at: at(DAY) }, // short-lived: active, never expiring
      { revoked: false, issued_at: at(-31 * DAY), expires_at: at(-DAY) },
      { revoked: true, issued_at: at(-29 * DAY), expires_at: at(DAY) },
      { revoked: true, issued_at: at(-31 * DAY), expires_at: at(-DAY) },
    ];
    const lists: StatusFilter[][] = [[]];
    for (let size = 0; size < 3; size++) for (const list of [...lists]) for (const status of STATUS_FILTERS) lists.push([...list, status]);
    for (const list of lists.filter((entry) => entry.length > 0)) {
      const normalized = normalizeStatuses(list);
      for (const pat of pats) {
        assert.equal(inStatuses(pat, normalized, NOW), inStatuses(pat, list, NOW), `${JSON.stringify(list)} ${JSON.stringify(pat)}`);
        const holding = normalized.filter((status) => inStatuses(pat, [status], NOW));
        assert.ok(holding.length <= 1, `${JSON.stringify(normalized)} are disjoint`);
      }
    }
  });
});

describe('inStatuses', () => {
  const active = { revoked: false, issued_at: at(-DAY), expires_at: at(30 * DAY) };
  const expiring = { revoked: false, issued_at: at(-29 * DAY), expires_at: at(DAY) };
  const shortLived = { revoked: false, issued_at: at(-DAY), expires_at: at(DAY) };
  const expired = { revoked: false, issued_at: at(-31 * DAY), expires_at: at(-DAY) };
  const revoked = { revoked: true, issued_at: at(-29 * DAY), expires_at: at(DAY) };

  it('holds a PAT in any of the filters', () => {
    assert.equal(inStatuses(active, ['revoked', 'expired'], NOW), false);
    assert.equal(inStatuses(expired, ['revoked', 'expired'], NOW), true);
    assert.equal(inStatuses(revoked, ['revoked', 'expired'], NOW), true);
    assert.equal(inStatuses(expiring, ['expiring'], NOW), true);
    assert.equal(inStatuses(active, ['expiring'], NOW), false);
    assert.equal(inStatuses(expiring, ['active'], NOW), true);
    assert.equal(inStatuses(shortLived, ['expiring'], NOW), false, 'a PAT made to live a week or less is never expiring soon');
    assert.equal(inStatuses(shortLived, ['active'], NOW), true);
    for (const pat of [active, expiring, expired, revoked]) assert.equal(inStatuses(pat, ['all'], NOW), true);
    assert.equal(inStatuses(active, [], NOW), false, 'no filter holds nothing');
  });
});

describe('the status query (GET /pats?status=)', () => {
  const parse = (status: unknown) => parseRequest(listPatsQuery, status === undefined ? {} : { status });

  it('takes one status or several separated by commas, as given', () => {
    assert.deepEqual(parse(undefined), { ok: true, value: { offset: 0, limit: 10, status: ['active'], sort: 'issued_at', dir: 'desc' } });
    for (const [query, items] of [
      ['expired', ['expired']],
      ['revoked,expired', ['revoked', 'expired']],
      ['all,revoked', ['all', 'revoked']],
      ['active,active,active,active,active', ['active', 'active', 'active', 'active', 'active']],
    ] as const) {
      const parsed = parse(query);
      assert.ok(parsed.ok, query);
      assert.deepEqual(parsed.value.status, items);
    }
  });

  it(`refuses an empty or unknown item, more than ${LIMITS.statusesPerQuery} items and a repeated key, on the field status`, () => {
    for (const query of [
      '',
      ',',
      'active,',
      ',revoked',
      'active,,revoked',
      'bogus',
      'ACTIVE',
      'active, revoked',
      'active;revoked',
      ['active', 'revoked'],
    ]) {
      const parsed = parse(query);
      assert.equal(parsed.ok, false, JSON.stringify(query));
      if (!parsed.ok) {
        assert.deepEqual(
          parsed.details.map((detail) => detail.field),
          ['status'],
          JSON.stringify(query),
        );
        assert.match(parsed.details[0]!.message, /^must be one of active, expiring, revoked, expired, all/);
      }
    }
    const tooMany = parse('active,revoked,expired,expiring,all,active');
    assert.deepEqual(tooMany, {
      ok: false,
      details: [{ field: 'status', message: `may name at most ${LIMITS.statusesPerQuery} statuses` }],
    });
  });
});
