import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import type { CompiledQuery } from 'kysely';
import type { Pat, PatPage } from '../../contract/index.js';
import type { PatDatabase } from '../db/database.js';
import { listPats, type PatListFilter, type PatListOrder } from '../pats/pat.repository.js';
import { openTestDatabase, startServer, type TestServer } from './harness.js';

/**
 * A name search's total, counted once and then reused while the database finds the user's PATs
 * unchanged and none of the counted ones at its end: always the total a fresh count gives.
 */

const DAY = 86_400_000;
const scopes = [{ entity_type: 'clients', operation: 'read', entity_id: '*' }];
const STATUSES = ['all', 'active', 'revoked', 'expired'] as const;

const servers: TestServer[] = [];
after(() => Promise.all(servers.map((server) => server.close())));

async function fixture() {
  const server = await startServer();
  servers.push(server);
  const token = await server.tokenFor('alice');
  const create = async (name: string, duration = '30d') => {
    const created = await server.call('POST', '/pats', { token, body: { name, duration, scopes } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return created.body as Pat;
  };
  /** Each status's total for the search "deploy", asked twice (the second may reuse the first). */
  const searched = async () => {
    const totals: Record<string, number> = {};
    for (const status of STATUSES) {
      for (let ask = 0; ask < 2; ask++) {
        const page = await server.call('GET', `/pats?name=deploy&status=${status}&limit=1`, { token });
        assert.equal(page.status, 200);
        const total = (page.body as PatPage).total;
        if (ask === 1) assert.equal(total, totals[status], `${status}: the same total when asked again`);
        totals[status] = total;
      }
    }
    return totals;
  };
  /** The same totals from the unsearched lists' rows: what a fresh count must give. */
  const truth = async () => {
    const totals: Record<string, number> = {};
    for (const status of STATUSES) {
      const page = (await server.call('GET', `/pats?status=${status}&limit=100`, { token })).body as PatPage;
      totals[status] = page.pats.filter((pat) => pat.name.includes('deploy')).length;
    }
    return totals;
  };
  const expectTruth = async (step: string, expected: Record<string, number>) => {
    assert.deepEqual(await truth(), expected, `${step}: the unsearched lists`);
    assert.deepEqual(await searched(), expected, `${step}: the search's totals`);
  };
  return { server, token, create, expectTruth };
}

describe("a name search's total", () => {
  it('follows every write and the clock, whichever page asked before', async () => {
    const { server, token, create, expectTruth } = await fixture();
    const first = await create('deploy-first', '30d');
    const short = await create('deploy-short', '10d');
    await create('other', '30d');
    const doomed = await create('deploy-doomed', '60d');
    await expectTruth('made', { all: 3, active: 3, revoked: 0, expired: 0 });

    const added = await create('deploy-added', '90d');
    await expectTruth('a PAT made', { all: 4, active: 4, revoked: 0, expired: 0 });

    assert.equal((await server.call('PATCH', `/pats/${added.id}/name`, { token, body: { name: 'renamed' } })).status, 202);
    await expectTruth('renamed away', { all: 3, active: 3, revoked: 0, expired: 0 });
    assert.equal((await server.call('PATCH', `/pats/${added.id}/name`, { token, body: { name: 'deploy-back' } })).status, 202);
    await expectTruth('renamed back', { all: 4, active: 4, revoked: 0, expired: 0 });

    assert.equal((await server.call('PATCH', `/pats/${first.id}/secret/revoke`, { token })).status, 204);
    await expectTruth('revoked', { all: 4, active: 3, revoked: 1, expired: 0 });

    // No write: the 10-day PAT reaches its end.
    server.clock.advance(11 * DAY);
    await expectTruth('a PAT at its end', { all: 4, active: 2, revoked: 1, expired: 1 });

    assert.equal((await server.call('PATCH', `/pats/${short.id}/secret/reset`, { token, body: { duration: '30d' } })).status, 200);
    await expectTruth('regenerated', { all: 4, active: 3, revoked: 1, expired: 0 });

    assert.equal((await server.call('DELETE', `/pats/${doomed.id}`, { token })).status, 204);
    await expectTruth('deleted', { all: 3, active: 2, revoked: 1, expired: 0 });

    // A write no route made (another instance, an operator's SQL): the database still sees it.
    await server.db
      .updateTable('pats')
      .set({ ends_at: new Date(server.clock.now() - 1000).toISOString() })
      .where('id', '=', short.id)
      .execute();
    await expectTruth('ended by SQL', { all: 3, active: 1, revoked: 1, expired: 1 });
    await server.db.updateTable('pats').set({ name: 'x', name_key: 'x' }).where('id', '=', short.id).execute();
    await expectTruth('renamed by SQL', { all: 2, active: 1, revoked: 1, expired: 0 });
  });

  it("is another user's own: the same search of two users, each their total", async () => {
    const { server, create } = await fixture();
    await create('deploy-a');
    const bob = await server.tokenFor('bob');
    const total = async (token: string) => ((await server.call('GET', '/pats?name=deploy', { token })).body as PatPage).total;
    const alice = await server.tokenFor('alice');
    assert.equal(await total(alice), 1);
    assert.equal(await total(bob), 0);
    await server.call('POST', '/pats', { token: bob, body: { name: 'deploy-b', duration: '30d', scopes } });
    await server.call('POST', '/pats', { token: bob, body: { name: 'deploy-c', duration: '30d', scopes } });
    assert.equal(await total(bob), 2);
    assert.equal(await total(alice), 1);
  });
});

describe('listPats', () => {
  it('sends the total it counted before with the next page of the same search, and the database decides', async () => {
    const database = await openTestDatabase();
    const sent: CompiledQuery[] = [];
    // The repository's statements as they reach the database.
    const db = new Proxy(database.db, {
      get(target, property, receiver) {
        if (property === 'executeQuery')
          return (query: CompiledQuery) => {
            sent.push(query);
            return target.executeQuery(query);
          };
        const value = Reflect.get(target, property, receiver) as unknown;
        // Kysely's private fields: its methods run on the database itself.
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    }) as PatDatabase;
    try {
      const at = '2026-01-01T00:00:00.000Z';
      const end = '2026-02-01T00:00:00.000Z';
      for (const [n, name] of ['deploy-1', 'deploy-2', 'deploy-3', 'other'].entries()) {
        await database.db
          .insertInto('pats')
          .values({
            id: `pat-${n}`,
            user_id: 'alice',
            name,
            name_key: name,
            description: '',
            token_hash: `hash-${n}`,
            grants: '[]',
            created_at: at,
            issued_at: at,
            expires_at: end,
            ends_at: end,
            revoked: 0,
          })
          .execute();
      }
      const filter: PatListFilter = { userId: 'alice', now: at, soon: '2026-01-08T00:00:00.000Z', status: 'active', name: 'deploy' };
      const order: PatListOrder = { sort: 'name', dir: 'asc', offset: 0, limit: 1 };
      const counted = await listPats(db, filter, order);
      assert.equal(counted.total, 3);
      assert.ok(!sent[0]!.parameters.includes(3), 'the first page knows no total');

      const reused = await listPats(db, filter, { ...order, offset: 1 });
      assert.equal(reused.total, 3);
      assert.deepEqual(
        reused.rows.map((row) => row.name),
        ['deploy-2'],
      );
      assert.ok(sent[1]!.parameters.includes(3), 'the next page sends the total it knows');

      // The database finds the user's version moved, and counts: still exact.
      await database.db.deleteFrom('pats').where('id', '=', 'pat-0').execute();
      const recounted = await listPats(db, filter, order);
      assert.ok(sent[2]!.parameters.includes(3), 'the known total was sent');
      assert.equal(recounted.total, 2);
    } finally {
      await database.close();
    }
  });
});
