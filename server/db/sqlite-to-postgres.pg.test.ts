import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { copyDatabase, TargetNotEmptyError } from '../../scripts/sqlite-to-postgres.js';
import { openDatabase, type PatDatabase } from './database.js';
import { openTestDatabase, startServer, type TestDatabase, type TestServer } from '../test/harness.js';

/**
 * scripts/sqlite-to-postgres.ts: a SQLite deployment made through the API, moved to PostgreSQL,
 * must look the same through the API there, and its secrets must still authorize.
 */

if (!process.env.PAT_TEST_DATABASE_URL) {
  throw new Error(
    'server/db/sqlite-to-postgres.pg.test.ts needs PAT_TEST_DATABASE_URL (a PostgreSQL role that may create databases); npm test sets it',
  );
}

const root = fileURLToPath(new URL('../..', import.meta.url));
const DAY = 86_400_000;
const USERS = ['alice', 'bob'];

function runScript(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/sqlite-to-postgres.ts', ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Everything the API shows of the users' PATs: each list, each PAT's scopes and use, each summary and history. */
async function seen(server: TestServer) {
  const view: Record<string, unknown> = {};
  for (const user of USERS) {
    const token = await server.tokenFor(user);
    const list = await server.call('GET', '/pats?status=all&limit=100&sort=name&dir=asc', { token });
    assert.equal(list.status, 200);
    const scopes: Record<string, unknown> = {};
    for (const pat of list.body.pats) {
      const page = await server.call('GET', `/pats/${pat.id}/scope?limit=100`, { token });
      assert.equal(page.status, 200);
      scopes[pat.id] = page.body;
    }
    const summary = await server.call('GET', '/pats/summary', { token });
    const events = await server.call('GET', '/events?limit=100', { token });
    const usage: Record<string, unknown> = {};
    for (const pat of list.body.pats) usage[pat.id] = (await server.call('GET', `/pats/${pat.id}/usage?days=90`, { token })).body;
    view[user] = { list: list.body, scopes, summary: summary.body, events: events.body, usage };
  }
  return view as Record<string, { list: { total: number; pats: any[] }; scopes: Record<string, { total: number }>; summary: unknown }>;
}

interface Made {
  user: string;
  id: string;
  name: string;
  secret: string;
}

describe('scripts/sqlite-to-postgres.ts', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'pat-kit-to-postgres-'));
  const file = join(tmp, 'data', 'pat-kit.db');
  const made: Made[] = [];
  let onSqlite: Awaited<ReturnType<typeof seen>>;
  let now: number;
  let sqlite: PatDatabase;
  let digests: string[];
  let scopeCount: number;
  const opened: TestDatabase[] = [];

  before(async () => {
    const source = await startServer({ dbPath: file });
    try {
      const create = async (user: string, body: object) => {
        const created = await source.call('POST', '/pats', { token: await source.tokenFor(user), body });
        assert.equal(created.status, 201, JSON.stringify(created.body));
        made.push({ user, id: created.body.id, name: created.body.name, secret: created.body.secret });
        return created.body as { id: string };
      };
      const alice = await source.tokenFor('alice');
      const deploy = await create('alice', {
        name: 'Déploiement ✓',
        description: 'Ünïcödé — 说明',
        duration: '90d',
        scopes: [
          { entity_type: 'clients', operation: 'read', entity_id: '*' },
          { entity_type: 'messages', operation: 'publish', entity_id: 'c-1', domain_id: 'dom-1' },
        ],
      });
      await create('alice', {
        name: 'Straße 東京',
        duration: '30d',
        scopes: [{ entity_type: 'channels', operation: 'list', entity_id: '*' }],
      });
      const revoked = await create('alice', {
        name: 'revoked',
        duration: '30d',
        scopes: [{ entity_type: 'groups', operation: 'read', entity_id: 'g-1' }],
      });
      await create('alice', {
        name: 'short-lived',
        duration: '24h',
        scopes: [{ entity_type: 'clients', operation: 'read', entity_id: '*' }],
      });
      const greek = await create('bob', {
        name: 'Ελληνικά σ',
        duration: '1y',
        scopes: [{ entity_type: 'messages', operation: 'subscribe', entity_id: '*' }],
      });
      await create('bob', { name: 'no scopes', description: 'none', duration: '7d' });

      source.clock.advance(2 * DAY);
      assert.equal((await source.call('PATCH', `/pats/${revoked.id}/secret/revoke`, { token: alice })).status, 204);
      assert.equal(
        (await source.call('PATCH', `/pats/${deploy.id}/name`, { token: alice, body: { name: 'Déploiement ✓ prod' } })).status,
        202,
      );
      made.find((pat) => pat.id === deploy.id)!.name = 'Déploiement ✓ prod';
      source.clock.advance(60_000);
      for (const pat of [deploy, greek]) {
        const secret = made.find((one) => one.id === pat.id)!.secret;
        const request =
          pat === deploy
            ? { entity_type: 'clients', operation: 'read', entity_id: 'c-9' }
            : { entity_type: 'messages', operation: 'subscribe', entity_id: 'm' };
        assert.equal((await source.call('POST', '/authorize', { token: secret, body: request })).status, 200);
      }
      await source.app.locals.patKit.flush();
      now = source.clock.now();
      onSqlite = await seen(source);
    } finally {
      await source.close();
    }

    // The fixture is what it should be: every status, a last use, a rename.
    const pats = USERS.flatMap((user) => onSqlite[user]!.list.pats);
    assert.equal(pats.length, made.length);
    assert.deepEqual(new Set(pats.map((pat) => pat.status)), new Set(['active', 'revoked', 'expired']));
    assert.equal(pats.filter((pat) => pat.last_used_at !== null).length, 2);
    assert.ok(pats.some((pat) => pat.updated_at !== null));

    sqlite = await openDatabase(file);
    digests = (await sqlite.selectFrom('pats').select('token_hash').execute()).map((row) => row.token_hash);
    scopeCount = (await sqlite.selectFrom('pat_scopes').select('id').execute()).length;
    assert.equal(scopeCount, 6);
  });

  after(async () => {
    await sqlite?.destroy();
    for (const database of opened) await database.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  async function freshPostgres(): Promise<TestDatabase> {
    const database = await openTestDatabase();
    opened.push(database);
    assert.ok(database.url, 'openTestDatabase gives PostgreSQL with PAT_TEST_DATABASE_URL');
    return database;
  }

  it('answers a wrong call with one usage line (exit 2), and a missing file with exit 1', async () => {
    const url = process.env.PAT_TEST_DATABASE_URL!;
    const wrong = [[], [file], [url, file], [file, url, 'more'], [file, join(tmp, 'other.db')]];
    const [missing, ...runs] = await Promise.all([
      runScript(join(tmp, 'nowhere', 'missing.db'), url),
      ...wrong.map((args) => runScript(...args)),
    ]);
    for (const [i, run] of runs.entries()) {
      assert.equal(run.code, 2, `arguments: ${JSON.stringify(wrong[i])}`);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, /^usage: .*sqlite-to-postgres\.ts <sqlite file> <postgres:\/\/[^\n]*\n$/);
    }
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no such file/);
  });

  it('moves every PAT: the same fields, scopes, names, statuses and last uses through the API, and the secrets still authorize; a second run refuses', async () => {
    const target = await freshPostgres();
    const run = await runScript(file, target.url!);
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      run.stdout,
      new RegExp(
        `^copied ${made.length} PATs, ${scopeCount} scopes, [1-9][0-9]* events, [1-9][0-9]* client addresses, [1-9][0-9]* days of usage and 0 notifications from .* to postgres://.*; the row counts match\\n$`,
      ),
    );
    const printed = run.stdout + run.stderr;
    for (const digest of digests) assert.ok(!printed.includes(digest), 'no digest is printed');
    for (const pat of made) {
      assert.ok(!printed.includes(pat.secret) && !printed.includes(pat.name) && !printed.includes(pat.id), 'no row content is printed');
    }
    const password = new URL(target.url!).password;
    if (password) assert.ok(!printed.includes(`:${password}@`), 'the password is not printed');

    const server = await startServer({ db: target.db });
    try {
      server.clock.ms = now;
      const onPostgres = await seen(server);
      assert.deepEqual(onPostgres, onSqlite, 'lists, scopes, summaries, histories and usage are identical');

      // The name keys moved: a search folds case and "ß", and a name taken on SQLite is taken here.
      const alice = await server.tokenFor('alice');
      const search = await server.call('GET', `/pats?status=all&name=${encodeURIComponent('STRASSE')}`, { token: alice });
      assert.deepEqual(
        search.body.pats.map((pat: { name: string }) => pat.name),
        ['Straße 東京'],
      );
      const taken = await server.call('POST', '/pats', { token: alice, body: { name: 'straße 東京', duration: '1d' } });
      assert.equal(taken.status, 409);

      // The digests moved: each secret made on SQLite answers as it did there.
      const statusOf = new Map(USERS.flatMap((user) => onSqlite[user]!.list.pats.map((pat) => [pat.id, pat.status] as const)));
      const requests: Record<string, object> = {
        'Déploiement ✓ prod': { entity_type: 'messages', operation: 'publish', entity_id: 'c-1', domain_id: 'dom-1' },
        'Straße 東京': { entity_type: 'channels', operation: 'list', entity_id: 'x' },
        revoked: { entity_type: 'groups', operation: 'read', entity_id: 'g-1' },
        'short-lived': { entity_type: 'clients', operation: 'read', entity_id: 'c-1' },
        'Ελληνικά σ': { entity_type: 'messages', operation: 'subscribe', entity_id: 'm-2' },
        'no scopes': { entity_type: 'clients', operation: 'read', entity_id: 'c-1' },
      };
      for (const pat of made) {
        const answer = await server.call('POST', '/authorize', { token: pat.secret, body: requests[pat.name] });
        const expected = statusOf.get(pat.id) !== 'active' ? 401 : pat.name === 'no scopes' ? 403 : 200;
        assert.equal(answer.status, expected, `${pat.name} (${statusOf.get(pat.id)})`);
        if (expected === 200) assert.deepEqual(answer.body, { allowed: true, user_id: pat.user, pat_id: pat.id });
      }
      const secret = made[1]!.secret;
      const forged = `${secret.slice(0, -1)}${secret.endsWith('x') ? 'y' : 'x'}`;
      const wrong = await server.call('POST', '/authorize', { token: forged, body: requests['Straße 東京'] });
      assert.equal(wrong.status, 401, 'a secret that was never made does not authorize');

      const again = await runScript(file, target.url!);
      assert.equal(again.code, 1);
      assert.equal(again.stdout, '');
      assert.match(again.stderr, new RegExp(`already holds ${made.length} PATs`));
      assert.equal((await server.call('GET', '/pats?status=all', { token: alice })).body.total, 4, 'nothing was added');
    } finally {
      await server.close();
    }
  });

  it('copyDatabase copies every row as it is, in batches, in one transaction, and only into an empty database', async () => {
    const { db } = await freshPostgres();
    const lastScope = (await sqlite.selectFrom('pat_scopes').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
    // The very last row refused: the PATs and scopes already inserted go with it.
    await sql`create function refuse_scope() returns trigger language plpgsql as $$ begin raise exception 'refused'; end $$`.execute(db);
    await sql`create trigger refuse_scope before insert on pat_scopes for each row when (new.id = ${sql.lit(lastScope)}) execute function refuse_scope()`.execute(
      db,
    );
    await assert.rejects(copyDatabase(sqlite, db, { batchRows: 2 }), /refused/);
    assert.equal((await db.selectFrom('pats').select('id').execute()).length, 0, 'all or nothing');
    await sql`drop trigger refuse_scope on pat_scopes`.execute(db);

    const counts = await copyDatabase(sqlite, db, { batchRows: 2 });
    assert.deepEqual([counts.pats, counts.pat_scopes], [made.length, scopeCount]);
    assert.ok(counts.pat_events > 2 && counts.pat_addresses > 0 && counts.pat_usage > 0, JSON.stringify(counts));
    for (const table of ['pats', 'pat_scopes', 'pat_events', 'pat_deliveries'] as const) {
      const rows = (from: PatDatabase) => from.selectFrom(table).selectAll().orderBy('id').execute();
      assert.deepEqual(await rows(db), await rows(sqlite), `${table}: every column of every row`);
    }
    const byKey = (from: PatDatabase, table: 'pat_addresses' | 'pat_usage') =>
      from
        .selectFrom(table)
        .selectAll()
        .orderBy(sql.ref('pat_id'))
        .orderBy(sql.ref(table === 'pat_usage' ? 'day' : 'ip'))
        .execute();
    assert.deepEqual(await byKey(db, 'pat_addresses'), await byKey(sqlite, 'pat_addresses'), 'pat_addresses: every row');
    const numbers = (rows: Record<string, unknown>[]) =>
      rows.map((row) => ({ ...row, allowed: Number(row.allowed), denied: Number(row.denied) }));
    assert.deepEqual(
      numbers(await byKey(db, 'pat_usage')),
      numbers(await byKey(sqlite, 'pat_usage')),
      'pat_usage: every row (bigint read as a string on PostgreSQL)',
    );

    await assert.rejects(copyDatabase(sqlite, db), TargetNotEmptyError);
    assert.equal((await db.selectFrom('pats').select('id').execute()).length, made.length);
  });
});
