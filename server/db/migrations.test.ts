import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { pino } from 'pino';
import { createPatKit } from '../router.js';
import { createTokenHasher } from '../tokens/token.js';
import { buildSecret, nameKey } from '../../contract/index.js';
import { openConnection } from './connection.js';
import { migrate, openDatabase, type PatDatabase } from './database.js';
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
          .values({
            id,
            user_id: 'alice',
            name: `pat-${i}`,
            description: '',
            token_hash: hash(secret),
            issued_at: new Date(now).toISOString(),
            expires_at: new Date(now + 86_400_000).toISOString(),
          })
          .execute();
        // Every third PAT has no scopes; the others one or two.
        if (i % 3 === 0) continue;
        await old
          .insertInto('pat_scopes')
          .values({ id: `s-${i}-a`, pat_id: id, entity_type: 'clients', operation: 'read', entity_id: `c-${i}`, domain_id: '' })
          .execute();
        if (i % 3 === 2) {
          await old
            .insertInto('pat_scopes')
            .values({ id: `s-${i}-b`, pat_id: id, entity_type: 'channels', operation: 'publish', entity_id: '*', domain_id: 'd-1' })
            .execute();
        }
      }

      await migrate(db);
      const rows = await db.selectFrom('pats').select(['id', 'grants']).orderBy('id').execute();
      assert.equal(rows.length, pats.length);
      for (const [i, row] of rows.entries()) {
        const expected =
          i % 3 === 0 ? [] : [['clients', 'read', `c-${i}`, ''], ...(i % 3 === 2 ? [['channels', 'publish', '*', 'd-1']] : [])];
        assert.deepEqual(JSON.parse(row.grants), expected.sort(), `PAT ${i}`);
      }

      const kit = createPatKit({ db, jwtSecret: 'a-test-secret-of-at-least-32-characters', logger: pino({ level: 'silent' }) });
      const check = (i: number, operation: string, entity_id: string) =>
        kit.authorizePat(pats[i]!.secret, {
          entity_type: operation === 'read' ? 'clients' : 'channels',
          operation,
          entity_id,
          domain_id: 'd-1',
        });
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

/**
 * A database as the releases before name_key left it: its name indexes built with a lower() that
 * only PAT Kit's connections defined, which the stock SQLite engine cannot check or rebuild.
 */
describe('migration 2026-12-04-004-name-key', () => {
  const appLower = (text: unknown) => (typeof text === 'string' ? text.toLowerCase() : text);

  async function oldDatabase(file: string, names: [user: string, name: string][]): Promise<void> {
    const sqlite = openConnection(file);
    sqlite.function('lower', { deterministic: true }, appLower);
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: sqlite }) });
    const { error } = await new Migrator({ db, provider: migrationProvider }).migrateTo('2026-11-28-003-pat-grants');
    assert.equal(error, undefined);
    for (const [i, [user, name]] of names.entries()) {
      const issued = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
      await db
        .insertInto('pats')
        .values({
          id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
          user_id: user,
          name,
          description: '',
          token_hash: `h${i}`,
          issued_at: issued,
          expires_at: '2027-01-01T00:00:00.000Z',
        })
        .execute();
    }
    await db.destroy();
  }

  /** What the sqlite3 command-line tool says: the stock engine, none of PAT Kit's functions. */
  function stockIntegrityCheck(file: string): string[] {
    const sqlite = new SQLite(file);
    try {
      return (sqlite.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check);
    } finally {
      sqlite.close();
    }
  }

  it('leaves indexes that the stock engine checks and rebuilds; names that now share a key are told apart, the oldest unchanged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pat-kit-migration-'));
    const file = join(dir, 'old.db');
    try {
      await oldDatabase(file, [
        ['alice', 'Über deploy'],
        ['alice', 'straße'],
        ['alice', 'STRASSE'],
        ['alice', 'Σίσυφος'],
        ['bob', 'ﬁle sync'],
        ['bob', 'file sync'],
        ['bob', 'ｆｉｌｅ ｓｙｎｃ'],
        ['bob', 'straße'],
      ]);
      assert.notDeepEqual(stockIntegrityCheck(file), ['ok'], 'the old indexes are what the stock engine cannot check');

      const db = await openDatabase(file);
      const rows = await db.selectFrom('pats').select(['user_id', 'name', 'name_key']).orderBy('issued_at').execute();
      await db.destroy();
      assert.deepEqual(
        rows.map((row) => [row.user_id, row.name]),
        [
          ['alice', 'Über deploy'],
          ['alice', 'straße'],
          ['alice', 'STRASSE (2)'],
          ['alice', 'Σίσυφος'],
          ['bob', 'ﬁle sync'],
          ['bob', 'file sync (2)'],
          ['bob', 'ｆｉｌｅ ｓｙｎｃ (3)'],
          ['bob', 'straße'],
        ],
      );
      for (const row of rows) assert.equal(row.name_key, nameKey(row.name));

      assert.deepEqual(stockIntegrityCheck(file), ['ok']);
      const stock = new SQLite(file);
      try {
        stock.exec('REINDEX; VACUUM;');
        assert.throws(
          () => stock.prepare("update pats set name = 'Strasse', name_key = ? where name = 'Über deploy'").run(nameKey('Strasse')),
          /UNIQUE constraint failed/,
          'the plain unique index still refuses a second name with the same key',
        );
      } finally {
        stock.close();
      }
      assert.deepEqual(stockIntegrityCheck(file), ['ok']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** A database as the releases before pat_counts left it, with PATs of several users in it. */
describe('migration 2026-12-04-006-pat-counts', () => {
  it("fills each user's counts from the PATs there are, and the triggers keep them from then on", async () => {
    const db: PatDatabase = new Kysely<Database>({ dialect: new SqliteDialect({ database: openConnection(':memory:') }) });
    try {
      const { error } = await new Migrator({ db, provider: migrationProvider }).migrateTo('2026-12-04-005-last-used-nulls-first');
      assert.equal(error, undefined);
      const old = db as unknown as Kysely<any>;
      const at = new Date().toISOString();
      const made = { ann: [5, 2], ben: [3, 3], cy: [1, 0] } as const;
      for (const [user, [total, revoked]] of Object.entries(made)) {
        for (let i = 0; i < total; i++) {
          const name = `${user} ${i}`;
          await old
            .insertInto('pats')
            .values({
              id: `${user}-${i}`,
              user_id: user,
              name,
              name_key: nameKey(name),
              description: '',
              token_hash: `${user}-${i}`,
              issued_at: at,
              expires_at: '2999-01-01T00:00:00.000Z',
              revoked: i < revoked ? 1 : 0,
            })
            .execute();
        }
      }

      await migrate(db);
      const counts = async () =>
        Object.fromEntries(
          (await db.selectFrom('pat_counts').selectAll().orderBy('user_id').execute()).map((row) => [
            row.user_id,
            [row.total, row.revoked],
          ]),
        );
      assert.deepEqual(await counts(), { ann: [5, 2], ben: [3, 3], cy: [1, 0] });

      await db.updateTable('pats').set({ revoked: 1 }).where('id', '=', 'cy-0').execute();
      await db.updateTable('pats').set({ revoked: 0 }).where('id', '=', 'ann-0').execute();
      await db.updateTable('pats').set({ revoked: 1 }).where('id', '=', 'ann-1').execute(); // already revoked: no change
      await db.deleteFrom('pats').where('user_id', '=', 'ben').execute();
      assert.deepEqual(await counts(), { ann: [5, 1], ben: [0, 0], cy: [1, 1] });
    } finally {
      await db.destroy();
    }
  });
});

describe('migration 2026-12-10-013-list-versions', () => {
  it("numbers each change that can move a list's total, not a last use or a later end; down, the counts still hold", async () => {
    const db: PatDatabase = new Kysely<Database>({ dialect: new SqliteDialect({ database: openConnection(':memory:') }) });
    try {
      const migrator = new Migrator({ db, provider: migrationProvider });
      assert.equal((await migrator.migrateTo('2026-12-09-012-expiry-due')).error, undefined);
      const at = '2026-01-01T00:00:00.000Z';
      const insert = (id: string) =>
        db
          .insertInto('pats')
          .values({
            id,
            user_id: 'ann',
            name: id,
            name_key: id,
            description: '',
            token_hash: id,
            grants: '[]',
            created_at: at,
            issued_at: at,
            expires_at: '2026-02-01T00:00:00.000Z',
            ends_at: '2026-02-01T00:00:00.000Z',
          })
          .execute();
      await insert('before');

      await migrate(db);
      const row = () =>
        db.selectFrom('pat_counts').select(['total', 'revoked', 'version']).where('user_id', '=', 'ann').executeTakeFirstOrThrow();
      assert.deepEqual(await row(), { total: 1, revoked: 0, version: 0 });
      const steps: [string, () => Promise<unknown>, { total: number; revoked: number; version: number }][] = [
        ['made', () => insert('after'), { total: 2, revoked: 0, version: 1 }],
        [
          'revoked',
          () => db.updateTable('pats').set({ revoked: 1 }).where('id', '=', 'after').execute(),
          { total: 2, revoked: 1, version: 2 },
        ],
        [
          'renamed',
          () => db.updateTable('pats').set({ name: 'b', name_key: 'b' }).where('id', '=', 'before').execute(),
          { total: 2, revoked: 1, version: 3 },
        ],
        [
          'a last use',
          () => db.updateTable('pats').set({ last_used_at: at, last_used_ip: '10.0.0.1' }).where('id', '=', 'before').execute(),
          { total: 2, revoked: 1, version: 3 },
        ],
        [
          'its end moved',
          () => db.updateTable('pats').set({ ends_at: '2026-01-20T00:00:00.000Z' }).where('id', '=', 'before').execute(),
          { total: 2, revoked: 1, version: 4 },
        ],
        [
          'regenerated',
          () => db.updateTable('pats').set({ issued_at: '2026-01-02T00:00:00.000Z' }).where('id', '=', 'before').execute(),
          { total: 2, revoked: 1, version: 5 },
        ],
        [
          'the same end again',
          () => db.updateTable('pats').set({ ends_at: '2026-01-20T00:00:00.000Z' }).where('id', '=', 'before').execute(),
          { total: 2, revoked: 1, version: 5 },
        ],
        [
          'its end moved later (a last use)',
          () => db.updateTable('pats').set({ ends_at: '2026-01-25T00:00:00.000Z' }).where('id', '=', 'before').execute(),
          { total: 2, revoked: 1, version: 5 },
        ],
        ['deleted', () => db.deleteFrom('pats').where('id', '=', 'after').execute(), { total: 1, revoked: 0, version: 6 }],
      ];
      for (const [step, write, expected] of steps) {
        await write();
        assert.deepEqual(await row(), expected, step);
      }

      assert.equal((await migrator.migrateTo('2026-12-09-012-expiry-due')).error, undefined);
      await insert('down');
      await db.updateTable('pats').set({ revoked: 1 }).where('id', '=', 'down').execute();
      const old = db as unknown as Kysely<any>;
      assert.deepEqual(await old.selectFrom('pat_counts').selectAll().where('user_id', '=', 'ann').executeTakeFirstOrThrow(), {
        user_id: 'ann',
        total: 2,
        revoked: 1,
      });
    } finally {
      await db.destroy();
    }
  });
});
