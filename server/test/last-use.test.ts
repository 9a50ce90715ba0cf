import { describe, it, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { pino } from 'pino';
import { openDatabase, type PatDatabase } from '../db/database.js';
import { useWriter } from '../usage/use.repository.js';
import { TEST_DIALECT, startServer, type TestServer } from './harness.js';

/**
 * `last_used_at` and `last_used_ip`: written after a successful authorize, at most once a minute
 * per PAT. On a database file they are written by a thread of their own; in memory, on the
 * answering thread. Both ways must look the same from the API.
 */

const HOUR = 3_600_000;
const request = { entity_type: 'clients', operation: 'read', entity_id: 'c1' };
const scopes = [{ entity_type: 'clients', operation: 'read', entity_id: '*' }];
const iso = (ms: number) => new Date(ms).toISOString();

const tmp = mkdtempSync(join(tmpdir(), 'pat-kit-last-use-'));
const servers: TestServer[] = [];
let files = 0;

after(async () => {
  await Promise.all(servers.map((server) => server.close()));
  rmSync(tmp, { recursive: true, force: true });
});

/** Error log lines, captured: a healthy writer logs none. */
function capturedLogger() {
  const lines: { msg: string; err?: { message: string } }[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { logger: pino({ level: 'error' }, stream), lines };
}

type Kind = 'memory' | 'file' | 'postgres';

function dbPathOf(kind: Kind): string | undefined {
  if (kind === 'postgres') return undefined;
  return kind === 'memory' ? ':memory:' : join(tmp, `db-${++files}`, 'pats.db');
}

async function fixture(kind: Kind) {
  const { logger, lines } = capturedLogger();
  const server = await startServer({ dbPath: dbPathOf(kind), logger });
  servers.push(server);
  const token = await server.tokenFor('alice');
  const kit = server.app.locals.patKit;
  async function create(name: string) {
    const created = await server.call('POST', '/pats', { token, body: { name, duration: '30d', scopes } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return created.body as { id: string; secret: string };
  }
  const authorize = (secret: string, body: object = request, headers?: Record<string, string>) =>
    server.call('POST', '/authorize', { token: secret, body, headers });
  /** The PAT as GET shows it once the last uses answered so far are written. */
  async function fetched(id: string) {
    await kit.flush();
    const answer = await server.call('GET', `/pats/${id}`, { token });
    assert.equal(answer.status, 200);
    return answer.body as { last_used_at: string | null; last_used_ip: string | null; name: string };
  }
  return { server, token, kit, create, authorize, fetched, clock: server.clock, errors: lines };
}

/** Counts the rows whose last_used_at is actually written, by whichever connection. */
async function logLastUseWrites(db: PatDatabase, kind: Kind): Promise<void> {
  await sql`create table touch_log (pat_id text not null, at text)`.execute(db);
  if (kind === 'postgres') {
    await sql`create function count_touch() returns trigger language plpgsql as $$ begin insert into touch_log values (new.id, new.last_used_at); return new; end $$`.execute(
      db,
    );
    await sql`create trigger count_touch after update of last_used_at on pats for each row execute function count_touch()`.execute(db);
  } else {
    await sql`create trigger count_touch after update of last_used_at on pats begin insert into touch_log values (new.id, new.last_used_at); end`.execute(
      db,
    );
  }
}

async function refuseLastUseWrites(db: PatDatabase, kind: Kind): Promise<void> {
  if (kind === 'postgres') {
    await sql`create function refuse_touch() returns trigger language plpgsql as $$ begin raise exception 'last uses refused'; end $$`.execute(
      db,
    );
    await sql`create trigger refuse_touch before update of last_used_at on pats for each row execute function refuse_touch()`.execute(db);
  } else {
    await sql`create trigger refuse_touch before update of last_used_at on pats begin select raise(abort, 'last uses refused'); end`.execute(
      db,
    );
  }
}

const KINDS: Kind[] = TEST_DIALECT === 'postgres' ? ['postgres'] : ['memory', 'file'];

for (const kind of KINDS) {
  describe(`last_used_at and last_used_ip (database in ${kind})`, () => {
    it('are written on a successful authorize, then at most once a minute', async () => {
      const { create, authorize, fetched, clock, errors } = await fixture(kind);
      const pat = await create('used');
      const fresh = await fetched(pat.id);
      assert.equal(fresh.last_used_at, null);
      assert.equal(fresh.last_used_ip, null);

      const first = clock.now();
      assert.equal((await authorize(pat.secret)).status, 200);
      const used = await fetched(pat.id);
      assert.equal(used.last_used_at, iso(first));
      assert.match(used.last_used_ip ?? '', /127\.0\.0\.1/, 'the client address is recorded');

      clock.advance(30_000);
      assert.equal((await authorize(pat.secret)).status, 200);
      assert.equal((await fetched(pat.id)).last_used_at, iso(first), 'not rewritten within a minute');

      clock.advance(31_000);
      assert.equal((await authorize(pat.secret)).status, 200);
      assert.equal((await fetched(pat.id)).last_used_at, iso(first + 61_000), 'rewritten after a minute');
      assert.deepEqual(errors, []);
    });

    it('a cache reload within the minute does not rewrite, even before the write landed; 61 s later does', async () => {
      const { token, create, authorize, fetched, clock, server } = await fixture(kind);
      const pat = await create('used2');
      const first = clock.now();
      assert.equal((await authorize(pat.secret)).status, 200);
      // A change empties the cache entry: the next check reads the PAT again, and must take the
      // last use still on its way to the database as the newer one.
      await server.call('PATCH', `/pats/${pat.id}/description`, { token, body: { description: 'x' } });
      clock.advance(10_000);
      assert.equal((await authorize(pat.secret)).status, 200);
      assert.equal((await fetched(pat.id)).last_used_at, iso(first));
      clock.advance(51_000);
      assert.equal((await authorize(pat.secret)).status, 200);
      assert.equal((await fetched(pat.id)).last_used_at, iso(first + 61_000));
    });

    it('are not written by a refused request', async () => {
      const { create, authorize, fetched, clock } = await fixture(kind);
      const pat = await create('unused');
      assert.equal((await authorize(pat.secret, { ...request, operation: 'delete' })).status, 403);
      const refused = await fetched(pat.id);
      assert.equal(refused.last_used_at, null);
      assert.equal(refused.last_used_ip, null);
      clock.advance(2 * HOUR);
      assert.equal((await authorize(pat.secret, { ...request, operation: 'delete' })).status, 403);
      assert.equal((await fetched(pat.id)).last_used_at, null);
    });

    it('a regenerate clears them; the new secret’s first use is written at once, a late write of the old one’s is not', async () => {
      const { token, create, authorize, fetched, clock, server } = await fixture(kind);
      const pat = await create('regenerated');
      const oldUse = clock.now();
      assert.equal((await authorize(pat.secret)).status, 200);
      assert.equal((await fetched(pat.id)).last_used_at, iso(oldUse));

      clock.advance(5_000);
      const reset = await server.call('PATCH', `/pats/${pat.id}/secret/reset`, { token, body: { duration: '30d' } });
      assert.equal(reset.status, 200);
      const cleared = await fetched(pat.id);
      assert.deepEqual([cleared.last_used_at, cleared.last_used_ip], [null, null]);

      // A use of the old secret that reaches the database only now (another instance's batch,
      // a queue drained late) is older than the new secret: it is not written.
      const write = useWriter(server.db);
      await write({
        lastUses: [{ id: pat.id, at: oldUse + 1_000, since: oldUse + 1_000, ip: '198.51.100.1', idleMs: null }],
        counts: [],
        addresses: [],
      });
      const stillCleared = await fetched(pat.id);
      assert.deepEqual([stillCleared.last_used_at, stillCleared.last_used_ip], [null, null]);

      // Within the minute of the old use: the new secret's use is written all the same.
      clock.advance(5_000);
      assert.equal((await authorize(pat.secret)).status, 401, 'the old secret is dead');
      assert.equal((await authorize(reset.body.secret)).status, 200);
      const used = await fetched(pat.id);
      assert.equal(used.last_used_at, iso(clock.now()));
      assert.match(used.last_used_ip ?? '', /127\.0\.0\.1/);
      // The writer still writes uses of the current secret.
      await write({
        lastUses: [{ id: pat.id, at: clock.now() + 120_000, since: clock.now() + 120_000, ip: '198.51.100.2', idleMs: null }],
        counts: [],
        addresses: [],
      });
      assert.deepEqual(
        [(await fetched(pat.id)).last_used_at, (await fetched(pat.id)).last_used_ip],
        [iso(clock.now() + 120_000), '198.51.100.2'],
      );
    });

    it('a burst of concurrent checks writes last_used_at once, not once per check', async () => {
      const { create, server, kit, clock } = await fixture(kind);
      await logLastUseWrites(server.db, kind);
      const writes = async () => {
        await kit.flush();
        return Number((await sql<{ n: number }>`select count(*) as n from touch_log`.execute(server.db)).rows[0]!.n);
      };
      const pat = await create('burst');
      // Concurrent checks through POST /authorize and through the in-process authorizePat (which
      // is what a busy Node host's requirePat does), all at the same instant.
      const burst = () =>
        Promise.all([
          ...Array.from({ length: 10 }, () => kit.authorizePat(pat.secret, request, { ip: '192.0.2.1' })),
          ...Array.from({ length: 5 }, () => server.call('POST', '/authorize', { token: pat.secret, body: request })),
        ]);

      const first = await burst();
      assert.ok(first.every((answer) => ('status' in answer ? answer.status === 200 : answer.allowed)));
      assert.equal(await writes(), 1, 'concurrent checks on a cold cache wrote last_used_at more than once');

      clock.advance(30_000);
      await burst();
      assert.equal(await writes(), 1, 'no write within the minute');

      clock.advance(31_000);
      await burst();
      assert.equal(await writes(), 2, 'one write per minute, whatever the traffic');
    });

    it('the recorded address is the connection, not a spoofed X-Forwarded-For', async () => {
      const { create, authorize, fetched } = await fixture(kind);
      const pat = await create('spoof');
      assert.equal((await authorize(pat.secret, request, { 'x-forwarded-for': '203.0.113.9' })).status, 200);
      assert.match((await fetched(pat.id)).last_used_ip ?? '', /127\.0\.0\.1/);
    });

    it('a failed write is logged and the check is still answered', async () => {
      const { create, authorize, fetched, server, errors } = await fixture(kind);
      const pat = await create('unwritable');
      await refuseLastUseWrites(server.db, kind);
      assert.equal((await authorize(pat.secret)).status, 200);
      assert.equal((await fetched(pat.id)).last_used_at, null);
      assert.equal(errors.length, 1);
      assert.equal(errors[0]!.msg, 'could not record the uses of personal access tokens');
      assert.match(errors[0]!.err?.message ?? '', /last uses refused/);
    });
  });
}

// SQLite only: a thread of its own writes the last uses to a database file.
if (TEST_DIALECT === 'sqlite')
  describe('the last-use writer thread', () => {
    it('keeps the name indexes whole: it folds case the way the server does ("Über")', async () => {
      const { create, authorize, fetched, server, token, errors } = await fixture('file');
      const pat = await create('Über-token');
      assert.equal((await authorize(pat.secret)).status, 200);
      assert.ok((await fetched(pat.id)).last_used_at);
      const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(server.db);
      assert.deepEqual(check.rows, [{ integrity_check: 'ok' }]);
      const found = await server.call('GET', '/pats?name=über', { token });
      assert.deepEqual(
        found.body.pats.map((p: { id: string }) => p.id),
        [pat.id],
      );
      assert.equal((await server.call('POST', '/pats', { token, body: { name: 'über-TOKEN', duration: '1d', scopes } })).status, 409);
      assert.deepEqual(errors, []);
    });

    it('runs at a lower priority than the thread that answers (Linux: its own nice value)', async () => {
      const { create, authorize, fetched } = await fixture('file');
      const pat = await create('niced');
      assert.equal((await authorize(pat.secret)).status, 200);
      assert.ok((await fetched(pat.id)).last_used_at, 'the writer thread has written');
      const niceOf = (task: string) => {
        const stat = readFileSync(`/proc/self/task/${task}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
      };
      const nices = readdirSync('/proc/self/task').map(niceOf);
      assert.equal(niceOf(String(process.pid)), 0, 'the answering thread keeps its priority');
      assert.ok(nices.includes(10), `no thread at nice 10: ${nices.join(', ')}`);
    });

    it('close() writes the last uses still queued before it returns', async () => {
      const path = join(tmp, 'closing', 'pats.db');
      const server = await startServer({ dbPath: path, logger: pino({ level: 'silent' }) });
      const token = await server.tokenFor('alice');
      const created = await server.call('POST', '/pats', { token, body: { name: 'last', duration: '30d', scopes } });
      const kit = server.app.locals.patKit;
      const answers = await Promise.all(
        Array.from({ length: 3 }, () => kit.authorizePat(created.body.secret, request, { ip: '192.0.2.7' })),
      );
      assert.ok(answers.every((answer) => answer.allowed));
      await server.close(); // closes the kit, then the database: no flush() first

      const reopened = await openDatabase(path);
      try {
        const row = await reopened
          .selectFrom('pats')
          .select(['last_used_at', 'last_used_ip'])
          .where('id', '=', created.body.id)
          .executeTakeFirstOrThrow();
        assert.equal(row.last_used_at, iso(server.clock.now()));
        assert.equal(row.last_used_ip, '192.0.2.7');
      } finally {
        await reopened.destroy();
      }
    });

    describe('when it cannot open the database', () => {
      let moved: string;
      let context: Awaited<ReturnType<typeof fixture>>;

      before(async () => {
        context = await fixture('file');
        // The thread starts with the first last use and opens the file by its path: after this,
        // only the server's own open connection can reach the database.
        const file = (await sql<{ file: string }>`pragma database_list`.execute(context.server.db)).rows[0]!.file;
        moved = `${join(file, '..')}-moved`;
        renameSync(join(file, '..'), moved);
      });

      it('the last uses are written on the answering thread instead, and the failure is logged once', async () => {
        const { create, authorize, fetched, clock, errors } = context;
        const pat = await create('fallback');
        assert.equal((await authorize(pat.secret)).status, 200);
        assert.equal((await fetched(pat.id)).last_used_at, iso(clock.now()));
        clock.advance(61_000);
        assert.equal((await authorize(pat.secret)).status, 200);
        assert.equal((await fetched(pat.id)).last_used_at, iso(clock.now()));
        assert.equal(errors.length, 1, JSON.stringify(errors));
        assert.match(errors[0]!.err?.message ?? '', /cannot open database/i);
      });
    });
  });
