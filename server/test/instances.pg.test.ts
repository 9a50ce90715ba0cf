import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { nameKey } from '../../contract/index.js';
import { migrationProvider } from '../db/migrations.js';
import { freePort, makeCaller, signUserToken } from './harness.js';

/**
 * Several standalone servers (server/main.ts, real child processes) on one PostgreSQL database:
 * a change on one instance is refused on the others at once (LISTEN/NOTIFY), names stay unique
 * across instances, an instance that cannot hear the others keeps no cache (fail closed) and
 * comes back, a killed instance loses no acknowledged write, a terminated pooled connection is
 * replaced, nothing touches SQLite, the log never shows the password, and instances starting
 * together migrate once. PostgreSQL only: scripts/test.mjs runs it with PAT_TEST_DATABASE_URL.
 */

const SERVER_URL = process.env.PAT_TEST_DATABASE_URL;
if (!SERVER_URL) {
  throw new Error(
    'server/test/instances.pg.test.ts needs PostgreSQL: set PAT_TEST_DATABASE_URL=postgres://user:password@host:port/database ' +
      '(a role that may create databases); `npm test` sets it for its PostgreSQL pass',
  );
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SECRET = 'a-jwt-secret-for-the-instances-test-0123456789';
/** What "refused everywhere at once" means here. */
const PROPAGATION_BUDGET_MS = 100;
const CHANNEL = 'pat_kit_changes';
const LOST_LINE = 'lost the connection that hears other instances';
const BACK_LINE = 'listening for the changes of other instances again';
const POOL_ERROR_LINE = 'a pooled database connection failed';

const CLIENTS_READ = { entity_type: 'clients', operation: 'read', entity_id: 'c1' };
const CHANNELS_READ = { entity_type: 'channels', operation: 'read', entity_id: 'ch1' };
const TWO_SCOPES = [
  { entity_type: 'clients', operation: 'read', entity_id: '*' },
  { entity_type: 'channels', operation: 'read', entity_id: '*' },
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// Databases: made here with a plain client (not openDatabase, whose pool would also be called
// `pat-kit` in pg_stat_activity), left for the servers to migrate, dropped in `after`.

interface TestDb {
  name: string;
  url: string;
  /** One connection of the test's own (application_name `pat-kit-test`) to this database. */
  sql: pg.Client;
}

const databases: TestDb[] = [];
let databaseCount = 0;

async function adminQuery(text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: SERVER_URL, application_name: 'pat-kit-test' });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

async function createDatabase(): Promise<TestDb> {
  const name = `pat_kit_instances_${process.pid}_${++databaseCount}`;
  await adminQuery(`create database ${name}`);
  const url = new URL(SERVER_URL!);
  url.pathname = `/${name}`;
  const sql = new pg.Client({ connectionString: url.toString(), application_name: 'pat-kit-test' });
  sql.on('error', () => {});
  await sql.connect();
  const db = { name, url: url.toString(), sql };
  databases.push(db);
  return db;
}

// ---------------------------------------------------------------------------------------------
// Instances: `node --import tsx server/main.ts`, its stdout (pino JSON lines) kept for waiting.

interface Instance {
  label: string;
  port: number;
  base: string;
  call: ReturnType<typeof makeCaller>;
  child: ChildProcess;
  output(): string;
  /** Where the output ends now: waitFor(text, mark) looks only at what comes after. */
  mark(): number;
  /** Resolves with the first whole line after `from` that contains `text`. */
  waitFor(text: string, from?: number, timeoutMs?: number): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  alive(): boolean;
}

const children: Instance[] = [];
const tmp = mkdtempSync(join(tmpdir(), 'pat-kit-instances-'));

async function startInstance(label: string, db: TestDb, env: Record<string, string> = {}): Promise<Instance> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmp,
      PORT: String(port),
      HOST: '127.0.0.1',
      PAT_DATABASE_URL: db.url,
      // Where SQLite would go, were it ever opened: kept out of the repository.
      PAT_DB: join(tmp, `never-${label}`, 'pats.db'),
      PAT_JWT_SECRET: SECRET,
      LOG_LEVEL: 'info',
      PAT_RATE_LIMIT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const watchers = new Set<() => void>();
  child.stdout!.setEncoding('utf8');
  child.stderr!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    out += chunk;
    for (const watch of watchers) watch();
  });
  child.stderr!.on('data', (chunk: string) => {
    err += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  let running = true;
  void exited.then(() => {
    running = false;
    for (const watch of watchers) watch();
  });
  const tail = () => `\n--- ${label} stdout (end) ---\n${out.slice(-3000)}\n--- ${label} stderr ---\n${err.slice(-3000)}`;
  const instance: Instance = {
    label,
    port,
    base: `http://127.0.0.1:${port}`,
    call: makeCaller(`http://127.0.0.1:${port}/api`),
    child,
    output: () => out,
    mark: () => out.length,
    waitFor(text, from = 0, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        let scanned = from;
        const done = (error?: Error, line?: string) => {
          clearTimeout(timer);
          watchers.delete(check);
          if (error) reject(error);
          else resolve(line!);
        };
        const timer = setTimeout(
          () => done(new Error(`${label}: timed out after ${timeoutMs} ms waiting for "${text}"${tail()}`)),
          timeoutMs,
        );
        function check(): void {
          const at = out.indexOf(text, Math.max(from, scanned - text.length));
          if (at >= 0) {
            const end = out.indexOf('\n', at);
            if (end >= 0) return done(undefined, out.slice(out.lastIndexOf('\n', at) + 1, end));
          } else {
            scanned = out.length;
          }
          if (!running) done(new Error(`${label} exited before "${text}"${tail()}`));
        }
        watchers.add(check);
        check();
      });
    },
    exited,
    alive: () => running && child.exitCode === null && child.signalCode === null,
  };
  children.push(instance);
  return instance;
}

async function stop(instance: Instance, signal: NodeJS.Signals = 'SIGTERM') {
  if (instance.alive()) instance.child.kill(signal);
  return instance.exited;
}

// ---------------------------------------------------------------------------------------------
// Which backends in pg_stat_activity belong to which instance: the client ports of the TCP
// sockets the instance's process holds (Linux /proc), matched with pg_stat_activity.client_port.

function localPortsOf(pid: number): Set<number> {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const link = readlinkSync(`/proc/${pid}/fd/${fd}`);
      const socket = /^socket:\[(\d+)\]$/.exec(link);
      if (socket) inodes.add(socket[1]!);
    } catch {
      // The descriptor closed meanwhile.
    }
  }
  const ports = new Set<number>();
  for (const table of ['tcp', 'tcp6']) {
    let text: string;
    try {
      text = readFileSync(`/proc/${pid}/net/${table}`, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.trim().split('\n').slice(1)) {
      const columns = line.trim().split(/\s+/);
      if (inodes.has(columns[9]!)) ports.add(parseInt(columns[1]!.split(':').at(-1)!, 16));
    }
  }
  return ports;
}

interface Backend {
  pid: number;
  client_port: number;
  state: string | null;
  query: string;
}

async function backendsOf(db: TestDb, instance: Instance, applicationName: string): Promise<Backend[]> {
  const { rows } = await db.sql.query<Backend>(
    'select pid, client_port, state, query from pg_stat_activity where datname = $1 and application_name = $2',
    [db.name, applicationName],
  );
  if (rows.some((row) => row.client_port === -1 || row.client_port === null)) {
    throw new Error('the servers reach PostgreSQL through a Unix socket: PAT_TEST_DATABASE_URL must name a TCP host for this test');
  }
  const ports = localPortsOf(instance.child.pid!);
  return rows.filter((row) => ports.has(row.client_port));
}

/** Until the instance's own listener connection has run its LISTEN (it then caches grants). */
async function waitForListener(db: TestDb, instance: Instance, timeoutMs = 15_000): Promise<Backend> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const listening = (await backendsOf(db, instance, 'pat-kit-listener')).find(
      (backend) => backend.state === 'idle' && /^(listen|select 1)/i.test(backend.query),
    );
    if (listening) {
      // onListening runs as the client reads LISTEN's answer, a moment after PostgreSQL sent it.
      await sleep(50);
      return listening;
    }
    if (!instance.alive() || Date.now() > deadline)
      throw new Error(`${instance.label} never listened for changes${instance.output().slice(-2000)}`);
    await sleep(20);
  }
}

// ---------------------------------------------------------------------------------------------
// HTTP helpers.

interface CreatedPat {
  id: string;
  secret: string;
  name: string;
}

async function createPat(instance: Instance, userToken: string, name: string, scopes: object[] = TWO_SCOPES): Promise<CreatedPat> {
  const created = await instance.call('POST', '/pats', { token: userToken, body: { name, duration: '30d', scopes } });
  assert.equal(created.status, 201, `${instance.label}: create "${name}": ${JSON.stringify(created.body)}`);
  return created.body as CreatedPat;
}

/** POST /api/authorize, status only: the hot path, kept lean (no JSON parsing). */
async function authorize(instance: Instance, secret: string, request: object = CLIENTS_READ): Promise<number> {
  const response = await fetch(`${instance.base}/api/authorize`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  await response.arrayBuffer();
  return response.status;
}

interface Refusal {
  ms: number;
  /** Checks on B that still answered 200 after A's answer. */
  stale: number;
}

/**
 * Asks `instance` again and again from `since` (performance.now() when the changing request was
 * answered) until it answers `expected`; the time is when that refusal arrived.
 */
async function timeUntilRefused(
  instance: Instance,
  secret: string,
  expected: 401 | 403,
  since: number,
  request: object = CLIENTS_READ,
): Promise<Refusal> {
  let stale = 0;
  for (;;) {
    const status = await authorize(instance, secret, request);
    const ms = performance.now() - since;
    if (status === expected) return { ms, stale };
    assert.equal(status, 200, `${instance.label} answered ${status} while the change was on its way (expected 200, then ${expected})`);
    stale++;
    if (ms > 2_000) return { ms: Number.POSITIVE_INFINITY, stale };
  }
}

function stats(values: number[]): { worst: number; median: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(middle)]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { worst: sorted.at(-1)!, median };
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

after(async () => {
  for (const instance of children) if (instance.alive()) instance.child.kill('SIGKILL');
  await Promise.all(children.map((instance) => instance.exited));
  for (const db of databases) {
    await db.sql.query(`alter database ${db.name} connection limit -1`).catch(() => {});
    await db.sql.end().catch(() => {});
    await adminQuery(`drop database if exists ${db.name} with (force)`).catch((error: Error) =>
      console.error(`could not drop ${db.name}: ${error.message}`),
    );
  }
  rmSync(tmp, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------

describe('two instances (A and B) on one PostgreSQL database', () => {
  let db: TestDb;
  let a: Instance;
  let b: Instance;
  let alice: string;

  before(async () => {
    db = await createDatabase();
    alice = await signUserToken('alice', SECRET);
    [a, b] = await Promise.all([startInstance('A', db), startInstance('B', db)]);
    await Promise.all([a.waitFor('PAT Kit listening on'), b.waitFor('PAT Kit listening on')]);
    await Promise.all([waitForListener(db, a), waitForListener(db, b)]);
  });

  it(`a revocation, scope removal or regeneration on A is refused on B within ${PROPAGATION_BUDGET_MS} ms, under authorize load on B`, async (t) => {
    // A steady stream of checks on B, for PATs other than the ones changed.
    const loader = await signUserToken('loader', SECRET);
    const loadPats = await Promise.all(Array.from({ length: 8 }, (_, i) => createPat(b, loader, `load ${i}`)));
    let loading = true;
    let loadChecks = 0;
    const loadFailures: number[] = [];
    const loops = Array.from({ length: 6 }, async (_, loop) => {
      for (let i = loop; loading; i++) {
        const status = await authorize(b, loadPats[i % loadPats.length]!.secret);
        loadChecks++;
        if (status !== 200) loadFailures.push(status);
      }
    });
    const loadStarted = performance.now();
    try {
      // The control: B answers a warm PAT from its cache, so what follows measures the NOTIFY
      // reaching B, not B reading the database. A change without a NOTIFY goes unseen...
      const control = await createPat(a, alice, 'control');
      for (let i = 0; i < 3; i++) assert.equal(await authorize(b, control.secret), 200);
      await db.sql.query('update pats set revoked = 1 where id = $1', [control.id]);
      assert.equal(
        await authorize(b, control.secret),
        200,
        'B read the database for a warm PAT: its cache is not in use, and the timings below would prove nothing',
      );
      // ...until it is told.
      await db.sql.query('select pg_notify($1, $2)', [CHANNEL, control.id]);
      // The control shows the NOTIFY is what B hears; the budget is held by the 30 trials below
      // (one sample on a loaded machine says nothing about a tail).
      const told = await timeUntilRefused(b, control.secret, 401, performance.now());
      assert.ok(Number.isFinite(told.ms), 'B never heard a bare NOTIFY');

      const kinds = ['revoke', 'remove scope', 'regenerate'] as const;
      const times: Record<(typeof kinds)[number], number[]> = { revoke: [], 'remove scope': [], regenerate: [] };
      let staleChecks = 0;
      for (let trial = 0; trial < 30; trial++) {
        const kind = kinds[trial % kinds.length]!;
        const pat = await createPat(a, alice, `trial ${trial}`);
        let clientsScope: string | undefined;
        if (kind === 'remove scope') {
          const scopes = await a.call('GET', `/pats/${pat.id}/scope`, { token: alice });
          assert.equal(scopes.status, 200);
          clientsScope = scopes.body.scopes.find((scope: { entity_type: string }) => scope.entity_type === 'clients').id;
        }
        // Warm on B: the first check reads the database, the others are answered from the cache.
        for (let i = 0; i < 3; i++) assert.equal(await authorize(b, pat.secret), 200, `trial ${trial}: B refused the fresh PAT`);

        let refusal: Refusal;
        if (kind === 'revoke') {
          const revoked = await a.call('PATCH', `/pats/${pat.id}/secret/revoke`, { token: alice });
          const since = performance.now();
          assert.equal(revoked.status, 204);
          refusal = await timeUntilRefused(b, pat.secret, 401, since);
        } else if (kind === 'remove scope') {
          const removed = await a.call('PATCH', `/pats/${pat.id}/scope/remove`, { token: alice, body: { scopes_id: [clientsScope] } });
          const since = performance.now();
          assert.equal(removed.status, 200, JSON.stringify(removed.body));
          refusal = await timeUntilRefused(b, pat.secret, 403, since);
          assert.equal(await authorize(b, pat.secret, CHANNELS_READ), 200, 'the scope that stayed still grants on B');
        } else {
          const reset = await a.call('PATCH', `/pats/${pat.id}/secret/reset`, { token: alice, body: { duration: '30d' } });
          const since = performance.now();
          assert.equal(reset.status, 200, JSON.stringify(reset.body));
          refusal = await timeUntilRefused(b, pat.secret, 401, since);
          assert.equal(await authorize(b, reset.body.secret), 200, 'the new secret works on B');
        }
        assert.ok(Number.isFinite(refusal.ms), `trial ${trial} (${kind}): B still answered 200 two seconds after A's answer`);
        times[kind].push(refusal.ms);
        staleChecks += refusal.stale;
      }

      // Deleting one PAT, and all of a user's, on A.
      const doomed = await createPat(a, alice, 'to delete');
      for (let i = 0; i < 3; i++) assert.equal(await authorize(b, doomed.secret), 200);
      const deleted = await a.call('DELETE', `/pats/${doomed.id}`, { token: alice });
      const deletedAt = performance.now();
      assert.equal(deleted.status, 204);
      const deleteRefusal = await timeUntilRefused(b, doomed.secret, 401, deletedAt);

      const carol = await signUserToken('carol', SECRET);
      const carols = await Promise.all([0, 1, 2, 3].map((i) => createPat(a, carol, `carol ${i}`)));
      for (const pat of carols) for (let i = 0; i < 3; i++) assert.equal(await authorize(b, pat.secret), 200);
      const deletedAll = await a.call('DELETE', '/pats', { token: carol });
      const deletedAllAt = performance.now();
      assert.equal(deletedAll.status, 200);
      assert.deepEqual(deletedAll.body, { deleted: carols.length });
      const deleteAllRefusals = await Promise.all(carols.map((pat) => timeUntilRefused(b, pat.secret, 401, deletedAllAt)));

      loading = false;
      await Promise.all(loops);
      const loadSeconds = (performance.now() - loadStarted) / 1000;

      const all = [...times.revoke, ...times['remove scope'], ...times.regenerate];
      const overall = stats(all);
      t.diagnostic(`30 trials, time from A's answer to B's first refusal: worst ${fmt(overall.worst)}, median ${fmt(overall.median)}`);
      for (const kind of kinds) {
        const { worst, median } = stats(times[kind]);
        t.diagnostic(`  ${kind} (${times[kind].length}): worst ${fmt(worst)}, median ${fmt(median)}`);
      }
      t.diagnostic(`  checks on B that still answered 200 after A's answer: ${staleChecks}`);
      t.diagnostic(
        `  delete: ${fmt(deleteRefusal.ms)}; delete all (${carols.length} PATs): worst ${fmt(Math.max(...deleteAllRefusals.map((r) => r.ms)))}`,
      );
      t.diagnostic(`  a bare NOTIFY (control): ${fmt(told.ms)}`);
      t.diagnostic(
        `  load on B meanwhile: ${loadChecks} checks in ${loadSeconds.toFixed(1)} s (${Math.round(loadChecks / loadSeconds)}/s, 6 loops), failures: ${loadFailures.length}`,
      );

      assert.deepEqual(loadFailures, [], 'B refused a PAT nobody changed');
      assert.ok(
        overall.worst < PROPAGATION_BUDGET_MS,
        `the slowest change took ${fmt(overall.worst)} to be refused on B: ${all.map((ms) => ms.toFixed(1)).join(', ')}`,
      );
      assert.ok(deleteRefusal.ms < PROPAGATION_BUDGET_MS, `a PAT deleted on A was refused on B after ${fmt(deleteRefusal.ms)}`);
      for (const refusal of deleteAllRefusals) {
        assert.ok(refusal.ms < PROPAGATION_BUDGET_MS, `a PAT of "delete all" on A was refused on B after ${fmt(refusal.ms)}`);
      }
    } finally {
      loading = false;
      await Promise.allSettled(loops);
    }
  });

  it(`allowed addresses set on A apply on B within ${PROPAGATION_BUDGET_MS} ms`, async () => {
    const pat = await createPat(a, alice, 'fenced on A');
    for (let i = 0; i < 3; i++) assert.equal(await authorize(b, pat.secret), 200);
    const set = await a.call('PATCH', `/pats/${pat.id}/allowed_ips`, { token: alice, body: { allowed_ips: ['203.0.113.0/24'] } });
    const since = performance.now();
    assert.equal(set.status, 200, JSON.stringify(set.body));
    const refusal = await timeUntilRefused(b, pat.secret, 403, since);
    assert.ok(refusal.ms < PROPAGATION_BUDGET_MS, `B still let 127.0.0.1 use it ${fmt(refusal.ms)} after A's answer`);
  });

  it('the same name created on both instances at once: exactly one 201, the rest 409 (case and Unicode variants too)', async (t) => {
    const dana = await signUserToken('dana', SECRET);
    const rounds = 10;
    for (let round = 0; round < rounds; round++) {
      // Three to each instance, all one name to nameKey (case, full-width compatibility forms).
      const variants = [
        `Deploy ${round}`,
        `DEPLOY ${round}`,
        `deploy ${round}`,
        `Ｄｅｐｌｏｙ ${round}`,
        `ＤＥＰＬＯＹ ${round}`,
        `dEpLoY ${round}`,
      ];
      assert.equal(new Set(variants.map(nameKey)).size, 1, 'the variants are one name');
      const answers = await Promise.all(
        variants.map((name, i) =>
          (i % 2 ? b : a).call('POST', '/pats', { token: dana, body: { name, duration: '7d', scopes: TWO_SCOPES } }),
        ),
      );
      const statuses = answers.map((answer) => answer.status).sort();
      assert.deepEqual(
        statuses,
        [201, 409, 409, 409, 409, 409],
        `round ${round}: ${JSON.stringify(answers.map((answer) => [answer.status, answer.body.error ?? answer.body.name]))}`,
      );
      for (const answer of answers) if (answer.status === 409) assert.equal(answer.body.error, 'conflict');
    }
    const listed = await b.call('GET', '/pats?limit=100', { token: dana });
    assert.equal(listed.status, 200);
    assert.equal(listed.body.total, rounds, 'one PAT a round, seen from B');
    assert.equal(new Set(listed.body.pats.map((pat: { name: string }) => nameKey(pat.name))).size, rounds);
    t.diagnostic(`${rounds} rounds of ${6} simultaneous creates (3 on A, 3 on B): one 201 each`);
  });

  it('B fails closed when its listener is lost (no cache at all), and comes back', async (t) => {
    // Healthy: one listening connection per instance.
    const [listenerA, listenerB] = await Promise.all([backendsOf(db, a, 'pat-kit-listener'), backendsOf(db, b, 'pat-kit-listener')]);
    assert.equal(listenerA.length, 1, `A's listener connections: ${JSON.stringify(listenerA)}`);
    assert.equal(listenerB.length, 1, `B's listener connections: ${JSON.stringify(listenerB)}`);
    const { rows: everyListener } = await db.sql.query(
      "select pid from pg_stat_activity where datname = $1 and application_name = 'pat-kit-listener'",
      [db.name],
    );
    assert.equal(everyListener.length, 2, 'one pat-kit-listener connection per instance, no more');

    const [p1, p2, p3] = await Promise.all([1, 2, 3].map((i) => createPat(a, alice, `fail closed ${i}`)));
    for (const pat of [p1!, p2!]) for (let i = 0; i < 3; i++) assert.equal(await authorize(b, pat.secret), 200);
    // p1 revoked behind the servers' backs: B, listening, still answers from its cache.
    await db.sql.query('update pats set revoked = 1 where id = $1', [p1!.id]);
    assert.equal(await authorize(b, p1!.secret), 200, 'B should still answer p1 from its cache (else this test proves nothing)');
    // Open several pooled connections on B: no new one may be made while B is kept from listening.
    await Promise.all(Array.from({ length: 8 }, () => b.call('GET', '/pats', { token: alice })));

    // Keep B from listening again for as long as this test needs: no new connections to the
    // database (the database's owner may say so), then end B's listening connection.
    await db.sql.query(`alter database ${db.name} connection limit 0`);
    let lostMs: number;
    try {
      const before = b.mark();
      const lostAt = performance.now();
      const { rows: ended } = await db.sql.query<{ ended: boolean }>('select pg_terminate_backend($1) as ended', [listenerB[0]!.pid]);
      assert.equal(ended[0]!.ended, true, 'the role could not terminate its own backend');
      const warning = await b.waitFor(LOST_LINE, before, 10_000);
      lostMs = performance.now() - lostAt;
      assert.equal(JSON.parse(warning).level, 40, 'logged as a warning');

      // Every check reads the database now.
      assert.equal(await authorize(b, p1!.secret), 401, 'p1, revoked while B listened, was served from a cache B should have dropped');
      await db.sql.query('update pats set revoked = 1 where id = $1', [p2!.id]);
      assert.equal(await authorize(b, p2!.secret), 401, 'p2, revoked without a NOTIFY while B cannot listen, was served from a cache');
      for (let i = 0; i < 3; i++) assert.equal(await authorize(b, p3!.secret), 200);
      await db.sql.query('update pats set revoked = 1 where id = $1', [p3!.id]);
      assert.equal(await authorize(b, p3!.secret), 401, 'p3, checked and then revoked while B cannot listen, was served from a cache');
      // And B was indeed not listening all along.
      assert.deepEqual(await backendsOf(db, b, 'pat-kit-listener'), [], 'B listened again while the database took no connections');
      assert.equal(b.output().includes(BACK_LINE, before), false);
    } finally {
      await db.sql.query(`alter database ${db.name} connection limit -1`);
    }
    const reopened = performance.now();
    const back = await b.waitFor(BACK_LINE, 0, 15_000);
    const backMs = performance.now() - reopened;
    const offlineMs = JSON.parse(back).offlineMs as number;
    assert.equal(typeof offlineMs, 'number');
    await waitForListener(db, b);
    assert.equal((await backendsOf(db, b, 'pat-kit-listener')).length, 1, 'B has one listener again');
    assert.equal((await backendsOf(db, a, 'pat-kit-listener')).length, 1, "A's listener was not touched");

    // Listening again: a normal revoke on A is refused on B at once.
    const p4 = await createPat(a, alice, 'fail closed 4');
    for (let i = 0; i < 3; i++) assert.equal(await authorize(b, p4.secret), 200);
    const revoked = await a.call('PATCH', `/pats/${p4.id}/secret/revoke`, { token: alice });
    const since = performance.now();
    assert.equal(revoked.status, 204);
    const refusal = await timeUntilRefused(b, p4.secret, 401, since);
    t.diagnostic(
      `warning logged ${fmt(lostMs)} after the termination; listening again ${fmt(backMs)} after connections were allowed (offlineMs ${offlineMs})`,
    );
    t.diagnostic(`after recovery, a revoke on A was refused on B in ${fmt(refusal.ms)}`);
    assert.ok(refusal.ms < PROPAGATION_BUDGET_MS, `after recovery, a revoke on A took ${fmt(refusal.ms)} to be refused on B`);
  });

  it('SIGKILL of A in the middle of creates: B keeps answering, and every PAT A acknowledged is there', async (t) => {
    const erin = await signUserToken('erin', SECRET);
    const witness = await createPat(b, erin, 'witness');
    const acknowledged: string[] = [];
    let unanswered = 0;
    let writing = true;
    const writers = Array.from({ length: 4 }, async (_, writer) => {
      for (let i = 0; writing; i++) {
        try {
          const created = await a.call('POST', '/pats', {
            token: erin,
            body: { name: `burst ${writer}-${i}`, duration: '7d', scopes: TWO_SCOPES },
          });
          assert.equal(created.status, 201, JSON.stringify(created.body));
          acknowledged.push(created.body.id);
        } catch (error) {
          if (error instanceof assert.AssertionError) throw error;
          unanswered++;
          return; // A is gone.
        }
      }
    });
    let bChecking = true;
    const bAnswers: number[] = [];
    const checker = (async () => {
      while (bChecking) bAnswers.push(await authorize(b, witness.secret));
    })();
    try {
      const deadline = Date.now() + 5_000;
      while (acknowledged.length < 150 && Date.now() < deadline) await sleep(5);
      a.child.kill('SIGKILL');
      const { signal } = await a.exited;
      assert.equal(signal, 'SIGKILL');
      await Promise.all(writers);
      writing = false;
      await sleep(100);
    } finally {
      writing = false;
      bChecking = false;
      await Promise.allSettled([...writers, checker]);
    }
    assert.ok(acknowledged.length >= 150, `A acknowledged only ${acknowledged.length} creates`);
    assert.ok(bAnswers.length > 0);
    assert.deepEqual([...new Set(bAnswers)], [200], 'B refused or failed a check while A died');

    // B answers, and has every PAT A acknowledged; a create cut short left nothing half-written.
    assert.equal(await authorize(b, witness.secret), 200);
    const seen = new Map<string, number>();
    for (let offset = 0; ; offset += 100) {
      const page = await b.call('GET', `/pats?limit=100&offset=${offset}`, { token: erin });
      assert.equal(page.status, 200);
      for (const pat of page.body.pats) seen.set(pat.id, pat.scopes_count);
      if (offset + 100 >= page.body.total) break;
    }
    const lost = acknowledged.filter((id) => !seen.has(id));
    assert.deepEqual(lost, [], `${lost.length} of the ${acknowledged.length} PATs A answered 201 for are gone`);
    for (const id of acknowledged.slice(0, 20)) assert.equal((await b.call('GET', `/pats/${id}`, { token: erin })).status, 200);
    const halfWritten = [...seen].filter(([, count]) => count !== 2);
    assert.deepEqual(halfWritten, [], 'a PAT without its scopes');
    t.diagnostic(
      `A acknowledged ${acknowledged.length} creates before SIGKILL; ${seen.size - 1 - acknowledged.length} more committed unanswered; ` +
        `${unanswered} requests cut off; B answered ${bAnswers.length} checks meanwhile, all 200`,
    );
  });

  it('terminating the idle pooled connections of B does not crash it; the pool replaces them', async (t) => {
    assert.ok(b.alive());
    // Several pooled connections, then idle.
    await Promise.all(Array.from({ length: 8 }, () => b.call('GET', '/pats', { token: alice })));
    await sleep(50);
    const pool = await backendsOf(db, b, 'pat-kit');
    assert.ok(pool.length >= 1, 'B has pooled connections to terminate');
    const listenerBefore = await backendsOf(db, b, 'pat-kit-listener');
    const before = b.mark();
    const { rows } = await db.sql.query<{ ended: boolean }>('select pg_terminate_backend(pid) as ended from unnest($1::int[]) as pid', [
      pool.map((backend) => backend.pid),
    ]);
    assert.ok(
      rows.every((row) => row.ended),
      'the role could not terminate its own backends',
    );

    // At once, no pause: the first requests may meet a connection still being found dead.
    const failures: string[] = [];
    let succeeded = false;
    for (let attempt = 0; attempt < 5 && !succeeded; attempt++) {
      try {
        const answer = await b.call('GET', '/pats', { token: alice });
        if (answer.status === 200) succeeded = true;
        else failures.push(`${answer.status} ${JSON.stringify(answer.body)}`);
      } catch (error) {
        failures.push(String(error));
      }
    }
    assert.ok(succeeded, `B answered nothing in 5 tries: ${failures.join('; ')}`);
    assert.ok(b.alive(), 'B died');
    for (let i = 0; i < 5; i++) {
      assert.equal((await b.call('GET', '/pats', { token: alice })).status, 200);
      assert.equal(await authorize(b, (await createPat(b, alice, `after termination ${i}`)).secret), 200);
    }
    await sleep(100);
    assert.ok(b.alive(), 'B died');
    assert.deepEqual(await backendsOf(db, b, 'pat-kit-listener'), listenerBefore, 'the listener is not part of the pool');
    const poolErrors = b
      .output()
      .slice(before)
      .split('\n')
      .filter((line) => line.includes(POOL_ERROR_LINE)).length;
    t.diagnostic(
      `terminated ${pool.length} pooled connections of B; requests that failed before one succeeded: ${failures.length}${failures.length ? ` (${failures.join('; ')})` : ''}; "${POOL_ERROR_LINE}" logged ${poolErrors}×`,
    );
  });
});

describe('one instance on PostgreSQL', () => {
  let db: TestDb;
  let instance: Instance;
  let folder: string;
  let exit: { code: number | null; signal: NodeJS.Signals | null };

  before(async () => {
    db = await createDatabase();
    folder = join(tmp, 'empty');
    mkdirSync(folder);
    instance = await startInstance('C', db, { PAT_DB: join(folder, 'pats.db') });
    await instance.waitFor('PAT Kit listening on');
  });

  it('opens and creates no SQLite file with PAT_DATABASE_URL set, even after the last-use writer ran', async () => {
    const frank = await signUserToken('frank', SECRET);
    const pat = await createPat(instance, frank, 'sqlite-free');
    assert.equal(await authorize(instance, pat.secret), 200);
    assert.equal((await instance.call('GET', '/pats', { token: frank })).status, 200);
    const deadline = Date.now() + 5_000;
    for (;;) {
      const { rows } = await db.sql.query<{ last_used_at: string | null }>('select last_used_at from pats where id = $1', [pat.id]);
      if (rows[0]?.last_used_at) break;
      assert.ok(Date.now() < deadline, 'the last use never reached PostgreSQL');
      await sleep(20);
    }
    exit = await stop(instance, 'SIGTERM');
    assert.deepEqual(exit, { code: 0, signal: null }, `a clean stop on SIGTERM${instance.output().slice(-2000)}`);
    assert.deepEqual(readdirSync(folder), [], 'something was written where PAT_DB points');
  });

  it('logs which database it uses, with the password as ***', async () => {
    const line = await instance.waitFor('PAT Kit listening on');
    const logged = JSON.parse(line).database as string;
    const url = new URL(db.url);
    const password = url.password;
    if (password) {
      assert.equal(logged, db.url.replace(`:${password}@`, ':***@'));
      assert.equal(logged.includes(`:${password}@`), false);
      const logs = instance.output();
      assert.equal(logs.includes(`:${password}@`), false, 'the password appears in the log');
      assert.equal(logs.includes(db.url), false, 'the URL with its password appears in the log');
      if (decodeURIComponent(password).length >= 6)
        assert.equal(logs.includes(decodeURIComponent(password)), false, 'the password appears in the log');
    } else {
      assert.equal(logged, db.url, 'a URL without a password is logged as it is');
    }
  });
});

describe('instances starting together', () => {
  it('four instances started at once on a fresh database all come up and migrate exactly once', async (t) => {
    const db = await createDatabase();
    // Processes come up a few hundred milliseconds apart, which could keep their migrations
    // from ever overlapping. So the start line is held: an uncommitted kysely_migration table
    // makes every instance's first CREATE TABLE wait, until all four wait and it is rolled back.
    const gate = new pg.Client({ connectionString: db.url, application_name: 'pat-kit-test' });
    gate.on('error', () => {});
    await gate.connect();
    await gate.query('begin');
    await gate.query('create table kysely_migration (name varchar(255) primary key, timestamp varchar(255) not null)');
    const started = performance.now();
    const instances = await Promise.all([1, 2, 3, 4].map((i) => startInstance(`M${i}`, db)));
    try {
      let waiting = 0;
      for (const deadline = Date.now() + 30_000; waiting < instances.length; await sleep(20)) {
        const { rows } = await db.sql.query<{ waiting: string }>(
          "select count(*) as waiting from pg_stat_activity where datname = $1 and application_name = 'pat-kit' and wait_event_type = 'Lock'",
          [db.name],
        );
        waiting = Number(rows[0]!.waiting);
        for (const instance of instances)
          assert.ok(instance.alive(), `${instance.label} exited while starting${instance.output().slice(-2000)}`);
        assert.ok(Date.now() < deadline, `only ${waiting} of ${instances.length} instances reached their migrations`);
      }
      const heldMs = performance.now() - started;
      await gate.query('rollback');
      await Promise.all(instances.map((instance) => instance.waitFor('PAT Kit listening on', 0, 30_000)));
      const upMs = performance.now() - started - heldMs;
      const george = await signUserToken('george', SECRET);
      for (const instance of instances) assert.equal((await instance.call('GET', '/pats', { token: george })).status, 200, instance.label);
      const expected = Object.keys(await migrationProvider.getMigrations()).sort();
      const { rows } = await db.sql.query<{ name: string; times: string }>(
        'select name, count(*) as times from kysely_migration group by name order by name',
      );
      assert.deepEqual(rows.map((row) => row.name).sort(), expected, 'every migration is recorded');
      for (const row of rows) assert.equal(Number(row.times), 1, `migration ${row.name} recorded ${row.times} times`);
      for (const instance of instances) await waitForListener(db, instance);
      t.diagnostic(
        `4 instances all waiting at their migrations ${fmt(heldMs)} after the start, all up ${fmt(upMs)} after that; ${expected.length} migrations, each recorded once`,
      );
    } finally {
      await gate.end().catch(() => {});
      await Promise.all(instances.map((instance) => stop(instance)));
    }
  });
});
