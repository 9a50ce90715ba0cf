/**
 * Migration 2026-12-05-007-created-at on the suite's database (in-memory SQLite, or a new
 * PostgreSQL database when PAT_TEST_DATABASE_URL is set): the PATs made before it are taken to
 * have been made when their current secret was issued, nothing else about them changes, and
 * from then on `created_at` stays put through every change.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { nameKey } from '../../contract/index.js';
import { startServer } from '../test/harness.js';
import { openConnection } from './connection.js';
import { migrate, type PatDatabase } from './database.js';
import { migrationProvider } from './migrations.js';
import type { Database } from './schema.js';

const BEFORE = '2026-12-04-006-pat-counts';
const SERVER_URL = process.env.PAT_TEST_DATABASE_URL;
const DAY = 86_400_000;

let made = 0;
const drops: (() => Promise<void>)[] = [];
after(async () => {
  for (const drop of drops) await drop();
});

async function admin(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** An empty database of the suite's dialect with no migration run yet. */
async function unmigrated(): Promise<PatDatabase> {
  if (!SERVER_URL) return new Kysely<Database>({ dialect: new SqliteDialect({ database: openConnection(':memory:') }) });
  const name = `pat_kit_created_at_${process.pid}_${++made}`;
  await admin(`create database ${name}`);
  drops.push(() => admin(`drop database ${name} with (force)`));
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url.toString(), max: 2 }) }) });
}

/** The database as the release before created_at left it, with PATs of two users in it. */
async function oldDatabase(): Promise<{ db: PatDatabase; issued: Record<string, string> }> {
  const db = await unmigrated();
  const { error } = await new Migrator({ db, provider: migrationProvider }).migrateTo(BEFORE);
  assert.equal(error, undefined);
  const old = db as unknown as Kysely<any>;
  const start = Date.parse('2026-01-01T00:00:00.000Z');
  const issued: Record<string, string> = {};
  for (const [i, [user, name, revoked]] of (
    [
      ['alice', 'ci', 0],
      ['alice', 'regenerated once', 0],
      ['alice', 'revoked', 1],
      ['bob', 'bob ci', 0],
    ] as const
  ).entries()) {
    const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    issued[id] = new Date(start + i * DAY).toISOString();
    await old
      .insertInto('pats')
      .values({
        id,
        user_id: user,
        name,
        name_key: nameKey(name),
        description: '',
        token_hash: `h${i}`,
        issued_at: issued[id],
        expires_at: '2999-01-01T00:00:00.000Z',
        updated_at: i === 1 ? issued[id] : null,
        revoked,
        revoked_at: revoked ? issued[id] : null,
        last_used_at: i === 0 ? new Date(start + 2 * DAY).toISOString() : null,
        last_used_ip: i === 0 ? '10.0.0.1' : null,
      })
      .execute();
  }
  return { db, issued };
}

describe(`migration 2026-12-05-007-created-at (${SERVER_URL ? 'PostgreSQL' : 'SQLite'})`, () => {
  it('gives each existing PAT its issued_at as created_at, and changes nothing else', async () => {
    const { db, issued } = await oldDatabase();
    try {
      const columns = [
        'id',
        'user_id',
        'name',
        'issued_at',
        'expires_at',
        'updated_at',
        'revoked',
        'last_used_at',
        'last_used_ip',
      ] as const;
      const before = await db.selectFrom('pats').select(columns).orderBy('id').execute();
      // The columns there were then (later migrations add their own).
      const countsOf = () => db.selectFrom('pat_counts').select(['user_id', 'total', 'revoked']).orderBy('user_id').execute();
      const counts = await countsOf();
      await migrate(db);
      const rows = await db
        .selectFrom('pats')
        .select([...columns, 'created_at'])
        .orderBy('id')
        .execute();
      assert.deepEqual(
        rows.map(({ created_at: _created, ...rest }) => rest),
        before,
      );
      for (const row of rows) assert.equal(row.created_at, issued[row.id], row.name);
      assert.deepEqual(await countsOf(), counts);
    } finally {
      await db.destroy();
    }
  });

  it('can be taken back, and run again', async () => {
    const { db, issued } = await oldDatabase();
    try {
      await migrate(db);
      const { error: down } = await new Migrator({ db, provider: migrationProvider }).migrateTo(BEFORE);
      assert.equal(down, undefined);
      const old = await db.selectFrom('pats').selectAll().execute();
      assert.ok(old.length > 0 && old.every((row) => !('created_at' in row)), 'the column is gone');
      await migrate(db);
      const rows = await db.selectFrom('pats').select(['id', 'created_at']).execute();
      for (const row of rows) assert.equal(row.created_at, issued[row.id]);
    } finally {
      await db.destroy();
    }
  });

  it('then created_at stays through a rename, a revoke and a regenerate, and a new PAT gets its own', async () => {
    const { db, issued } = await oldDatabase();
    await migrate(db);
    const server = await startServer({ db });
    try {
      const alice = await server.tokenFor('alice');
      const id = '00000000-0000-4000-8000-000000000000';
      server.clock.ms = Date.parse('2026-02-01T00:00:00.000Z');
      assert.equal((await server.call('PATCH', `/pats/${id}/name`, { token: alice, body: { name: 'ci 2' } })).status, 202);
      assert.equal((await server.call('PATCH', `/pats/${id}/secret/revoke`, { token: alice })).status, 204);
      const reset = await server.call('PATCH', `/pats/${id}/secret/reset`, { token: alice, body: { duration: '30d' } });
      assert.equal(reset.status, 200);
      assert.deepEqual(
        [reset.body.created_at, reset.body.issued_at, reset.body.last_used_at, reset.body.last_used_ip],
        [issued[id], '2026-02-01T00:00:00.000Z', null, null],
      );
      const created = await server.call('POST', '/pats', { token: alice, body: { name: 'new', duration: '1d' } });
      assert.equal(created.status, 201);
      assert.deepEqual([created.body.created_at, created.body.issued_at], ['2026-02-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z']);
      const listed = await server.call('GET', '/pats?status=all&sort=name&dir=asc', { token: alice });
      assert.deepEqual(
        listed.body.pats.map((pat: { name: string; created_at: string }) => [pat.name, pat.created_at]),
        [
          ['ci 2', issued[id]],
          ['new', '2026-02-01T00:00:00.000Z'],
          ['regenerated once', issued['00000000-0000-4000-8000-000000000001']],
          ['revoked', issued['00000000-0000-4000-8000-000000000002']],
        ],
      );
    } finally {
      await server.close();
    }
  });
});
