/**
 * The counts a list page and the summary give (kept partly by database triggers) always equal
 * what the PATs themselves say, through every kind of change, on SQLite and on PostgreSQL.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type TestServer } from '../test/harness.js';

const HOUR = 3_600_000;
const STATUSES = ['active', 'revoked', 'expired'] as const;

/** A small deterministic generator (mulberry32), so that a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('PAT counts', () => {
  let server: TestServer;
  const tokens: Record<string, string> = {};

  before(async () => {
    server = await startServer();
    for (const user of ['count-alice', 'count-bob']) tokens[user] = await server.tokenFor(user);
  });
  after(() => server.close());

  async function ok(method: string, path: string, token: string, body?: unknown): Promise<any> {
    const res = await server.call(method, path, { token, body });
    assert.ok(res.status >= 200 && res.status < 300, `${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** Every PAT of the user, a page of 100 at a time. */
  async function everyPat(token: string): Promise<{ id: string; status: string }[]> {
    const pats: { id: string; status: string }[] = [];
    for (let offset = 0; ; offset += 100) {
      const page = await ok('GET', `/pats?status=all&offset=${offset}&limit=100`, token);
      pats.push(...page.pats);
      if (page.pats.length < 100) return pats;
    }
  }

  /** The summary and each status filter's total agree with the PATs' own statuses. */
  async function assertCountsTrue(user: string, step: string): Promise<void> {
    const token = tokens[user]!;
    const pats = await everyPat(token);
    const expected = Object.fromEntries(STATUSES.map((status) => [status, pats.filter((pat) => pat.status === status).length]));
    const summary = await ok('GET', '/pats/summary', token);
    const where = `${user} after ${step}`;
    assert.equal(summary.total, pats.length, `summary total, ${where}`);
    for (const status of STATUSES) {
      assert.equal(summary[status], expected[status], `summary ${status}, ${where}`);
      const page = await ok('GET', `/pats?status=${status}&limit=1`, token);
      assert.equal(page.total, expected[status], `list total for ${status}, ${where}`);
    }
    assert.equal((await ok('GET', '/pats?status=all&limit=1', token)).total, pats.length, `list total for all, ${where}`);
  }

  it('match the PATs through creates, revokes, regenerates, expiry, deletes and delete-all', async () => {
    const next = random(20261204);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    let made = 0;
    for (let step = 0; step < 120; step++) {
      const user = pick(Object.keys(tokens));
      const token = tokens[user]!;
      const pats = await everyPat(token);
      const roll = next();
      let what: string;
      if (pats.length === 0 || roll < 0.4) {
        what = 'create';
        await ok('POST', '/pats', token, { name: `count ${made++}`, duration: pick(['1h', '3h', '1d', '30d']) });
      } else if (roll < 0.55) {
        what = 'revoke';
        await ok('PATCH', `/pats/${pick(pats).id}/secret/revoke`, token);
      } else if (roll < 0.68) {
        what = 'regenerate';
        await ok('PATCH', `/pats/${pick(pats).id}/secret/reset`, token, { duration: pick(['1h', '30d']) });
      } else if (roll < 0.8) {
        what = 'delete';
        await ok('DELETE', `/pats/${pick(pats).id}`, token);
      } else if (roll < 0.85) {
        what = 'delete all';
        await ok('DELETE', '/pats', token);
      } else if (roll < 0.93) {
        what = 'rename';
        await ok('PATCH', `/pats/${pick(pats).id}/name`, token, { name: `count ${made++}` });
      } else {
        what = 'time passing';
        server.clock.advance(pick([HOUR, 2 * HOUR, 20 * HOUR]));
      }
      for (const each of Object.keys(tokens)) await assertCountsTrue(each, `step ${step} (${what} by ${user})`);
    }
  });

  it('match the PATs after concurrent creates and revokes for one user', async () => {
    const token = tokens['count-alice']!;
    const created = await Promise.all(
      Array.from({ length: 24 }, (_, i) => ok('POST', '/pats', token, { name: `together ${i}`, duration: '30d' })),
    );
    await Promise.all(created.slice(0, 12).map((pat) => ok('PATCH', `/pats/${pat.id}/secret/revoke`, token)));
    await Promise.all(created.slice(6, 18).map((pat) => ok('DELETE', `/pats/${pat.id}`, token)));
    await assertCountsTrue('count-alice', 'concurrent creates, revokes and deletes');
  });
});
