import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EXPIRING_SOON_MS } from './limits.js';
import { isExpiringSoon, patStatus } from './status.js';
import type { PatStatus } from './types.js';

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

describe('isExpiringSoon', () => {
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
  for (const [name, revoked, expires_at, expected] of rows) {
    it(`${name} → ${expected}`, () => {
      assert.equal(isExpiringSoon({ revoked, expires_at }, NOW), expected);
    });
  }

  it('the window is seven days', () => {
    assert.equal(EXPIRING_SOON_MS, 7 * DAY);
  });

  it('an expiring-soon PAT is always active', () => {
    for (const row of rows) {
      const pat = { revoked: row[1], expires_at: row[2] };
      if (isExpiringSoon(pat, NOW)) assert.equal(patStatus(pat, NOW), 'active', row[0]);
    }
  });
});
