import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { pino } from 'pino';
import { createPatKit } from '../router.js';
import { createTokenHasher } from '../authz/token.js';
import { buildSecret } from '../../contract/index.js';
import { openConnection } from './connection.js';
import { migrate, type PatDatabase } from './database.js';
import { migrationProvider } from './migrations.js';
import type { Database } from './schema.js';

/** A database as a release before `grants` left it, with PATs in it, brought up to date. */
describe('migration 2026-11-28-003-pat-grants', () => {
  it("copies each existing PAT's scopes onto its row, so its secret keeps working", async () => {
    const db: PatDatabase = new Kysely<Database>({ dialect: new SqliteDialect({ database: openConnection(':memory:') }) });
    try {
      const migrator = new Migrator({ db, provider: migrationProvider });
      const { error } = await migrator.migrateTo('2026-11-28-002-list-indexes');
      assert.equal(error, undefined);

      const hash = createTokenHasher();
      const now = Date.now();
      // 1,200 PATs: more than one of the migration's pages of 500.
      const pats = Array.from({ length: 1_200 }, (_, i) => {
        const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
        return { id, secret: buildSecret(id, new Uint8Array(32).fill(i % 256)) };
      });
      const old = db as unknown as Kysely<any>;
      for (const [i, { id, secret }] of pats.entries()) {
        await old
          .insertInto('pats')
          .values({ id, user_id: 'alice', name: `pat-${i}`, description: '', token_hash: hash(secret), issued_at: new Date(now).toISOString(), expires_at: new Date(now + 86_400_000).toISOString() })
          .execute();
        // Every third PAT has no scopes; the others one or two.
        if (i % 3 === 0) continue;
        await old.insertInto('pat_scopes').values({ id: `s-${i}-a`, pat_id: id, entity_type: 'clients', operation: 'read', entity_id: `c-${i}`, domain_id: '' }).execute();
        if (i % 3 === 2) {
          await old.insertInto('pat_scopes').values({ id: `s-${i}-b`, pat_id: id, entity_type: 'channels', operation: 'publish', entity_id: '*', domain_id: 'd-1' }).execute();
        }
      }

      await migrate(db);
      const rows = await db.selectFrom('pats').select(['id', 'grants']).orderBy('id').execute();
      assert.equal(rows.length, pats.length);
      for (const [i, row] of rows.entries()) {
        const expected = i % 3 === 0 ? [] : [['clients', 'read', `c-${i}`, ''], ...(i % 3 === 2 ? [['channels', 'publish', '*', 'd-1']] : [])];
        assert.deepEqual(JSON.parse(row.grants), expected.sort(), `PAT ${i}`);
      }

      const kit = createPatKit({ db, jwtSecret: 'a-test-secret-of-at-least-32-characters', logger: pino({ level: 'silent' }) });
      const check = (i: number, operation: string, entity_id: string) =>
        kit.authorizePat(pats[i]!.secret, { entity_type: operation === 'read' ? 'clients' : 'channels', operation, entity_id, domain_id: 'd-1' });
      assert.equal((await check(1, 'read', 'c-1')).allowed, true);
      assert.equal((await check(1, 'read', 'c-2')).allowed, false);
      assert.equal((await check(1_199, 'read', 'c-1199')).allowed, true);
      assert.equal((await check(1_199, 'publish', 'ch-9')).allowed, true);
      assert.equal((await check(3, 'read', 'c-3')).allowed, false);
      await kit.close();
    } finally {
      await db.destroy();
    }
  });
});
