/**
 * The grant cache as a host sees it: least recently used PATs leave first, and the hooks that
 * carry changes between instances on a host's own bus (onChange → invalidate).
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { openDatabase } from '../db/database.js';
import { createPatKit } from '../router.js';
import { JWT_SECRET, TEST_DIALECT, listen, openTestDatabase, signUserToken } from './harness.js';

const SCOPES = [{ entity_type: 'clients', operation: 'read', entity_id: '*' }];
const READ = { entity_type: 'clients', operation: 'read', entity_id: 'c-1' };
const logger = pino({ level: 'silent' });

async function serve(kit: ReturnType<typeof createPatKit>) {
  const express = (await import('express')).default;
  const app = express();
  app.use('/api', kit.router);
  return listen(app);
}

describe('the grant cache keeps the PATs in use', () => {
  it('lets the least recently used PAT go first, not the oldest', async () => {
    const database = await openTestDatabase();
    const kit = createPatKit({ db: database.db, jwtSecret: JWT_SECRET, logger, cache: { maxEntries: 2 }, listenUrl: false });
    const host = await serve(kit);
    try {
      const token = await signUserToken('alice');
      const [a, b, c] = await Promise.all(
        ['a', 'b', 'c'].map(
          async (name) => (await host.call('POST', '/api/pats', { token, body: { name, duration: '1d', scopes: SCOPES } })).body,
        ),
      );
      const allowed = async (pat: { secret: string }) => (await kit.authorizePat(pat.secret, READ)).allowed;
      assert.equal(await allowed(a), true);
      assert.equal(await allowed(b), true);
      assert.equal(await allowed(a), true, 'a is used again: b is now the least recently used');
      assert.equal(await allowed(c), true, 'c takes the place of b');
      // Revoked behind the kit's back: only what is still cached answers from memory.
      await database.db.updateTable('pats').set({ revoked: 1 }).execute();
      assert.equal(await allowed(a), true, 'a was kept');
      assert.equal(await allowed(c), true, 'c was kept');
      assert.equal(await allowed(b), false, 'b had left the cache and was read again');
    } finally {
      await host.close();
      await kit.close();
      await database.close();
    }
  });
});

// Two kits on one database file, each with its own cache: two instances whose host carries
// changes on its own bus.
if (TEST_DIALECT === 'sqlite')
  describe('onChange and invalidate: changes carried by the host', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pat-kit-hooks-'));
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('onChange names the PATs whose access changed, after the commit; invalidate() makes the other instance read them again', async () => {
      const file = join(dir, 'shared.db');
      const dbA = await openDatabase(file);
      const dbB = await openDatabase(file);
      const told: string[][] = [];
      const kitA = createPatKit({ db: dbA, jwtSecret: JWT_SECRET, logger, onChange: (ids) => told.push(ids) });
      const kitB = createPatKit({ db: dbB, jwtSecret: JWT_SECRET, logger });
      const host = await serve(kitA);
      try {
        const token = await signUserToken('alice');
        const create = async (name: string) =>
          (await host.call('POST', '/api/pats', { token, body: { name, duration: '1d', scopes: SCOPES } })).body;
        const pat = await create('shared');
        const other = await create('other');
        assert.deepEqual(told, [], 'creating a PAT changes nothing anyone has cached');
        assert.equal((await kitB.authorizePat(pat.secret, READ)).allowed, true, 'B caches the PAT');

        assert.equal((await host.call('PATCH', `/api/pats/${pat.id}/name`, { token, body: { name: 'renamed' } })).status, 202);
        assert.equal((await host.call('PATCH', `/api/pats/${pat.id}/description`, { token, body: { description: 'd' } })).status, 202);
        assert.deepEqual(told, [], 'a name or description is nothing authorize reads');

        assert.equal((await host.call('PATCH', `/api/pats/${pat.id}/secret/revoke`, { token })).status, 204);
        assert.deepEqual(told, [[pat.id]]);
        const committed = await dbB.selectFrom('pats').select('revoked').where('id', '=', pat.id).executeTakeFirstOrThrow();
        assert.equal(committed.revoked, 1, 'told after the commit: the other instance reads the change');
        assert.equal((await kitB.authorizePat(pat.secret, READ)).allowed, true, 'B still answers from its cache');
        kitB.invalidate(told.at(-1)!);
        assert.equal((await kitB.authorizePat(pat.secret, READ)).allowed, false, 'after invalidate() B reads the PAT again');

        const regenerated = (await host.call('PATCH', `/api/pats/${pat.id}/secret/reset`, { token, body: { duration: '1d' } })).body;
        assert.equal(
          (await kitB.authorizePat(regenerated.secret, READ)).allowed,
          true,
          'a secret regenerated elsewhere works before anyone is told',
        );
        const scopeId = (await host.call('GET', `/api/pats/${other.id}/scope`, { token })).body.scopes[0].id;
        await host.call('PATCH', `/api/pats/${other.id}/scope/remove`, { token, body: { scopes_id: [scopeId] } });
        await host.call('PATCH', `/api/pats/${other.id}/scope/add`, { token, body: { scopes: SCOPES } });
        await host.call('DELETE', `/api/pats/${other.id}/scope`, { token });
        await host.call('DELETE', `/api/pats/${regenerated.id}`, { token });
        const third = await create('third');
        const fourth = await create('fourth');
        await host.call('DELETE', '/api/pats', { token });
        const deletedAll = told.pop()!;
        assert.deepEqual(
          told.slice(1),
          [[pat.id], [other.id], [other.id], [other.id], [pat.id]],
          'regenerate, scope remove/add/clear, delete',
        );
        assert.deepEqual([...deletedAll].sort(), [other.id, third.id, fourth.id].sort(), 'delete all names every PAT it deleted');
      } finally {
        await host.close();
        await kitA.close();
        await kitB.close();
        await dbA.destroy();
        await dbB.destroy();
      }
    });
  });
