import { mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import type { Pat, ScopeList } from '../contract/index.js';
import { createApp } from '../server/app.js';
import { openDatabase } from '../server/db/database.js';
import { JWT_SECRET, listen, signUserToken } from '../server/test/harness.js';
import { atMost, log, quantile, reported, round, type Result } from './lib.js';

type Synchronous = 'FULL' | 'NORMAL';

const ROUNDS = 5;
/** Each lifecycle is six writes: 300 per round. */
const LIFECYCLES_PER_ROUND = 50;
const WARMUP_LIFECYCLES = 20;
const USER = 'bench-writer';
/** statfs's f_type of tmpfs: there fsync costs nothing and both settings would measure alike. */
const TMPFS_MAGIC = 0x01021994;

interface Answer {
  status: number;
  body: string;
}

/** One request on a kept-alive connection, as listing.ts does: Node's plain http client, little work of its own. */
function send(agent: Agent, method: string, url: string, token: string, body?: unknown): Promise<Answer> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (payload !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, agent, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** The writes the figures name on their own (the others count in the whole). */
const NAMED = ['create with 5 scopes', 'scope add', 'revoke'] as const;
type Named = (typeof NAMED)[number];

interface Target {
  synchronous: Synchronous;
  url: string;
  agent: Agent;
  /** Milliseconds per write, from sending to the whole answer read. */
  times: number[];
  /** The same, of each named write. */
  byWrite: Record<Named, number[]>;
  created: number;
  close(): Promise<void>;
}

/** The real app on its own database file, opened with `synchronous`, on a free loopback port. */
async function startTarget(dir: string, synchronous: Synchronous): Promise<Target> {
  const db = await openDatabase(join(dir, `writes-${synchronous}.db`), { synchronous });
  const app = createApp({ db, jwtSecret: JWT_SECRET, logger: pino({ level: 'silent' }) });
  const server = await listen(app);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  return {
    synchronous,
    url: `${server.url}/api/pats`,
    agent,
    times: [],
    byWrite: { 'create with 5 scopes': [], 'scope add': [], revoke: [] },
    created: 0,
    async close() {
      agent.destroy();
      await server.close();
      await app.locals.patKit.close();
      await db.destroy();
    },
  };
}

/**
 * Create (5 scopes), rename, add a scope, remove it, revoke, delete: one PAT's management
 * writes, one after another. Each is timed into `target.times` (and the named ones into
 * `target.byWrite`) when `record` is set.
 */
async function lifecycle(target: Target, token: string, record: boolean): Promise<void> {
  const write = async (method: string, path: string, expected: number, body?: unknown, named?: Named): Promise<string> => {
    const started = performance.now();
    const answer = await send(target.agent, method, `${target.url}${path}`, token, body);
    const ms = performance.now() - started;
    if (answer.status !== expected) throw new Error(`${method} /api/pats${path}: ${answer.status} ${answer.body.slice(0, 200)}`);
    if (record) {
      target.times.push(ms);
      if (named) target.byWrite[named].push(ms);
    }
    return answer.body;
  };
  const name = `writes-${target.created++}`;
  const created = await write(
    'POST',
    '',
    201,
    {
      name,
      duration: '30d',
      scopes: [
        { entity_type: 'clients', operation: 'read', entity_id: '*' },
        { entity_type: 'channels', operation: 'update', entity_id: 'ch-1', domain_id: 'd-1' },
        { entity_type: 'messages', operation: 'publish', entity_id: '*', domain_id: 'd-1' },
        { entity_type: 'dashboards', operation: 'read', entity_id: 'dash-7' },
        { entity_type: 'users', operation: 'read', entity_id: 'u-3' },
      ],
    },
    'create with 5 scopes',
  );
  const { id } = JSON.parse(created) as Pat;
  await write('PATCH', `/${id}/name`, 202, { name: `${name}-renamed` });
  const added = await write(
    'PATCH',
    `/${id}/scope/add`,
    200,
    { scopes: [{ entity_type: 'groups', operation: 'list', entity_id: '*' }] },
    'scope add',
  );
  const scope = (JSON.parse(added) as ScopeList).scopes.find((entry) => entry.entity_type === 'groups');
  if (!scope) throw new Error(`scope/add did not answer the added scope: ${added.slice(0, 200)}`);
  await write('PATCH', `/${id}/scope/remove`, 200, { scopes_id: [scope.id] });
  await write('PATCH', `/${id}/secret/revoke`, 204, undefined, 'revoke');
  await write('DELETE', `/${id}`, 204);
}

/**
 * Management writes over HTTP with the server's `synchronous=FULL` (each commit fsyncs the WAL)
 * against the `NORMAL` it had before: the real app in this process, one database file each,
 * rounds alternating between them. p50 and p99 over every write of each.
 */
export async function run(): Promise<Result[]> {
  const dir = mkdtempSync(join(tmpdir(), 'pat-kit-writes-'));
  const targets: Target[] = [];
  try {
    if (statfsSync(dir).type === TMPFS_MAGIC) throw new Error(`${tmpdir()} is a tmpfs: set TMPDIR to a directory on disk`);
    const token = await signUserToken(USER);
    for (const synchronous of ['FULL', 'NORMAL'] as const) targets.push(await startTarget(dir, synchronous));
    for (const target of targets) {
      for (let i = 0; i < WARMUP_LIFECYCLES; i++) await lifecycle(target, token, false);
    }
    for (let i = 0; i < ROUNDS; i++) {
      // The order turns every round, so a drift of the machine's speed weighs on both alike.
      for (let j = 0; j < targets.length; j++) {
        const target = targets[(i + j) % targets.length]!;
        for (let k = 0; k < LIFECYCLES_PER_ROUND; k++) await lifecycle(target, token, true);
      }
    }
  } finally {
    for (const target of targets) await target.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const [full, normal] = targets.map((target) => ({ p50: quantile(target.times, 0.5), p99: quantile(target.times, 0.99) }));
  for (const target of targets) {
    log(
      `synchronous=${target.synchronous}: ${target.times.length} writes, p50 ${round(quantile(target.times, 0.5), 2)} ms, p99 ${round(quantile(target.times, 0.99), 2)} ms, max ${round(Math.max(...target.times), 2)} ms`,
    );
  }
  const durable = targets[0]!.byWrite;
  return [
    ...NAMED.flatMap((named) => [
      reported(`management write p50 over HTTP, ${named}, synchronous=FULL`, round(quantile(durable[named], 0.5), 2), 'ms'),
      atMost(`management write p99 over HTTP, ${named}, synchronous=FULL`, round(quantile(durable[named], 0.99), 2), 'ms', 20),
    ]),
    reported('management write p50, every write, synchronous=FULL (each commit synced)', round(full!.p50, 2), 'ms'),
    atMost('management write p99, every write, synchronous=FULL (each commit synced)', round(full!.p99, 2), 'ms', 20),
    reported('management write p50, synchronous=NORMAL (before)', round(normal!.p50, 2), 'ms'),
    reported('management write p99, synchronous=NORMAL (before)', round(normal!.p99, 2), 'ms'),
    reported('management write p50, FULL ÷ NORMAL (same run)', round(full!.p50 / normal!.p50, 2), 'ratio'),
  ];
}
