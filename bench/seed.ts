import { randomBytes, randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import pg from 'pg';
import { buildSecret, nameKey, type AuthorizeRequest } from '../contract/index.js';
import { createTokenHasher } from '../server/tokens/token.js';
import { openConnection } from '../server/db/connection.js';
import { openDatabase } from '../server/db/database.js';
import { grantsOf } from '../server/pats/pat.repository.js';
import { seededRandom } from '../testing/random.js';
import { log } from './lib.js';

/** The user whose list the listing figure pages through. */
export const LISTER = 'bench-lister';
export const LISTER_PATS = 10_000;
export const TOTAL_PATS = 100_000;
/** The growth figure's database: 100 users with 10k PATs each, LISTER the first of them. */
export const GROWTH_PATS = 1_000_000;
export const SCOPES_PER_PAT = 5;
/** Matches one name in 16 (`…-backup-…`): 625 of the lister's PATs. */
export const NAME_SEARCH = 'backup';

/** What every active seeded PAT may do: only its fifth (last checked) scope grants it. */
export const GRANTED_REQUEST: AuthorizeRequest = { entity_type: 'clients', operation: 'read', entity_id: 'c-42', domain_id: 'd-7' };

export type SeededDatabase = 'sqlite' | 'postgres';

export interface Seeded {
  database: SeededDatabase;
  /** What openDatabase() opens: the SQLite file's path or the PostgreSQL URL. */
  target: string;
  /** The standalone server's environment naming this database: PAT_DB or PAT_DATABASE_URL. */
  serverEnv: Record<string, string>;
  /** A folder of this bench run for files such as the servers' logs. */
  dir: string;
  /** The secret of every PAT, as issued: buildSecret and the server's own (pepper-less) hasher. */
  tokens: string[];
  /** Secrets of PATs that are neither revoked nor expired: they get 200 for GRANTED_REQUEST. */
  activeTokens: string[];
  seconds: number;
}

/** How a figure on this database says so in its name: nothing for SQLite, the default. */
export function onDatabase(seeded: Seeded): string {
  return seeded.database === 'postgres' ? ' on PostgreSQL' : '';
}

const DAY = 86_400_000;
const WORDS = [
  'deploy',
  'ci',
  'backup',
  'metrics',
  'grafana',
  'ingest',
  'sync',
  'export',
  'reader',
  'writer',
  'audit',
  'bridge',
  'gateway',
  'sensor',
  'mqtt',
  'cron',
];
const PLACES = ['prod', 'staging', 'dev', 'eu', 'us', 'lab', 'edge', 'home', 'office', 'plant', 'fleet', 'test', 'qa', 'ops', 'iot', 'web'];
const DESCRIPTIONS = [
  '',
  '',
  'Used by the nightly job',
  'Read-only access for dashboards',
  'Temporary, for the migration',
  'Gateway in building 4',
];

/** The columns of a seeded PAT row, in the order of SeedPat.values. */
const PAT_COLUMNS = [
  'id',
  'user_id',
  'name',
  'name_key',
  'description',
  'token_hash',
  'created_at',
  'issued_at',
  'expires_at',
  'updated_at',
  'revoked',
  'revoked_at',
  'last_used_at',
  'last_used_ip',
  'grants',
  'ends_at',
] as const;
/** The columns of a seeded scope row, in the order of SeedPat.scopes' entries. */
const SCOPE_COLUMNS = ['id', 'pat_id', 'entity_type', 'operation', 'entity_id', 'domain_id'] as const;

interface SeedPat {
  values: unknown[];
  scopes: unknown[][];
  token: string;
  active: boolean;
}

/**
 * The seeded PATs, the same for every database: 10k for LISTER (80 % active, 10 % revoked, 10 %
 * expired) and 100 each for 900 other users (all active), 5 scopes each; or, `total` 1M (the
 * growth figure), 10k for each of 100 users, every one of them like LISTER's (LISTER the first).
 * Names, statuses and times come from a seeded PRNG (times relative to now); ids and secrets are
 * random.
 */
function* seedPats(total: number): Generator<SeedPat> {
  const hash = createTokenHasher();
  const random = seededRandom(20261128);
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  const growth = total === GROWTH_PATS;
  for (let i = 0; i < total; i++) {
    const lister = i < LISTER_PATS;
    const userId = lister
      ? LISTER
      : growth
        ? `user-${String(Math.floor(i / LISTER_PATS)).padStart(3, '0')}`
        : `user-${String(Math.floor((i - LISTER_PATS) / 100)).padStart(3, '0')}`;
    const id = randomUUID();
    const token = buildSecret(id, randomBytes(32));
    const kind = lister || growth ? i % 10 : 9; // 0 revoked, 1 expired, else active
    let issued: number;
    let expires: number;
    if (kind === 1) {
      issued = now - 200 * DAY - random() * 100 * DAY;
      expires = now - 1000 - random() * 100 * DAY;
    } else {
      issued = now - random() * 200 * DAY;
      expires = now + 3_600_000 + random() * 160 * DAY;
    }
    const used = random() < 0.7 ? Math.min(now - 1000, issued + random() * (now - issued)) : null;
    const scopes = [
      ['clients', 'update', `c-${i}`, `d-${i % 100}`],
      ['channels', 'read', `ch-${i}`, ''],
      ['messages', 'publish', '*', `d-${i % 100}`],
      ['groups', 'list', '*', ''],
      ['clients', 'read', '*', ''],
    ] as const;
    const scopeRows = scopes.map(([entity_type, operation, entity_id, domain_id]) => ({ entity_type, operation, entity_id, domain_id }));
    const name = `${WORDS[i % 16]}-${PLACES[Math.floor(i / 16) % 16]}-${i}`;
    yield {
      values: [
        id,
        userId,
        name,
        nameKey(name),
        DESCRIPTIONS[i % DESCRIPTIONS.length],
        hash(token),
        // One in seven regenerated a month after it was made (no draw: the PRNG's sequence stays).
        iso(i % 7 === 3 ? issued - 30 * DAY : issued),
        iso(issued),
        iso(expires),
        kind === 0 ? iso(issued + 1000) : null,
        kind === 0 ? 1 : 0,
        kind === 0 ? iso(issued + 1000) : null,
        used === null ? null : iso(used),
        used === null ? null : `10.0.${i % 256}.${(i >> 8) % 256}`,
        grantsOf(scopeRows),
        // No idle limit: it ends when it expires.
        iso(expires),
      ],
      scopes: scopes.map((scope) => [randomUUID(), id, ...scope]),
      token,
      active: kind >= 2,
    };
  }
}

/**
 * Seeds the SQLite file `path` with the seeded PATs (`total` of them: TOTAL_PATS, or GROWTH_PATS
 * for the growth figure): one transaction of multi-row inserts on a plain better-sqlite3
 * connection, after the server's own migrations made the schema.
 */
export async function seed(path: string, total = TOTAL_PATS): Promise<Seeded> {
  const started = performance.now();
  await (await openDatabase(path)).destroy();

  const sqlite = openConnection(path);
  // A throw-away file: no rollback journal while seeding; the server's WAL mode comes back after.
  sqlite.pragma('journal_mode = OFF');
  sqlite.pragma('synchronous = OFF');
  // Room for the whole transaction in memory: the indexes grow without going to disk.
  sqlite.pragma('cache_size = -1000000');

  const PAT_BATCH = 200;
  const SCOPE_BATCH = PAT_BATCH * SCOPES_PER_PAT; // flushed together, PATs first (foreign keys)
  const insertPats = sqlite.prepare(
    `insert into pats (${PAT_COLUMNS.join(', ')}) values ${Array(PAT_BATCH)
      .fill(`(${Array(PAT_COLUMNS.length).fill('?').join(',')})`)
      .join(',')}`,
  );
  const insertScopes = sqlite.prepare(
    `insert into pat_scopes (${SCOPE_COLUMNS.join(', ')}) values ${Array(SCOPE_BATCH)
      .fill(`(${Array(SCOPE_COLUMNS.length).fill('?').join(',')})`)
      .join(',')}`,
  );
  const tokens: string[] = [];
  const activeTokens: string[] = [];
  let patValues: unknown[] = [];
  let scopeValues: unknown[] = [];

  sqlite.transaction(() => {
    for (const pat of seedPats(total)) {
      tokens.push(pat.token);
      if (pat.active) activeTokens.push(pat.token);
      patValues.push(...pat.values);
      for (const scope of pat.scopes) scopeValues.push(...scope);
      if (patValues.length === PAT_BATCH * PAT_COLUMNS.length) {
        insertPats.run(patValues);
        patValues = [];
      }
      if (scopeValues.length === SCOPE_BATCH * SCOPE_COLUMNS.length) {
        insertScopes.run(scopeValues);
        scopeValues = [];
      }
    }
    if (patValues.length > 0 || scopeValues.length > 0) throw new Error('seed sizes must be whole batches');
  })();
  sqlite.pragma('journal_mode = WAL');
  sqlite.close();
  // On disk before anything is measured: else the first checkpoint pays for the whole seed.
  const fd = openSync(path, 'r+');
  fsyncSync(fd);
  closeSync(fd);
  return {
    database: 'sqlite',
    target: path,
    serverEnv: { PAT_DB: path },
    dir: dirname(path),
    tokens,
    activeTokens,
    seconds: (performance.now() - started) / 1000,
  };
}

/** A PostgreSQL column type for `unnest($n::type[])`. */
function pgType(column: string): string {
  return column === 'revoked' ? 'integer' : 'text';
}

/**
 * Seeds the PostgreSQL database at `url` with the same PATs as seed(): the server's own
 * migrations make the schema, then one transaction inserts batches of 10k PATs and their 50k
 * scopes, each batch one `insert … select from unnest(<one array per column>)` (a statement of
 * 15 or 6 parameters however many rows it has). Then VACUUM ANALYZE: a real deployment has the
 * statistics (and the visibility map) that autovacuum keeps after a bulk insert. `dir` is for the
 * servers' log files.
 */
export async function seedPostgres(url: string, dir: string): Promise<Seeded> {
  const started = performance.now();
  await (await openDatabase(url)).destroy();

  const client = new pg.Client({ connectionString: url, application_name: 'pat-kit-bench-seed' });
  await client.connect();
  const insert = (table: string, columns: readonly string[]) =>
    `insert into ${table} (${columns.join(', ')}) select * from unnest(${columns.map((column, n) => `$${n + 1}::${pgType(column)}[]`).join(', ')})`;
  const insertPats = insert('pats', PAT_COLUMNS);
  const insertScopes = insert('pat_scopes', SCOPE_COLUMNS);
  const BATCH = 10_000;
  const tokens: string[] = [];
  const activeTokens: string[] = [];
  const empty = (width: number) => Array.from({ length: width }, () => [] as unknown[]);
  let patColumns = empty(PAT_COLUMNS.length);
  let scopeColumns = empty(SCOPE_COLUMNS.length);
  let patsMs = 0;
  let scopesMs = 0;
  const flush = async () => {
    const flushStarted = performance.now();
    // PATs first: the scopes' foreign key checks them.
    await client.query(insertPats, patColumns);
    const patsDone = performance.now();
    await client.query(insertScopes, scopeColumns);
    patsMs += patsDone - flushStarted;
    scopesMs += performance.now() - patsDone;
    patColumns = empty(PAT_COLUMNS.length);
    scopeColumns = empty(SCOPE_COLUMNS.length);
  };
  try {
    // The throw-away cluster commits asynchronously, and a hint bit (which VACUUM needs before it
    // marks a page all-visible) waits until the WAL is flushed past the newest asynchronous commit
    // of the transaction's CLOG group: after the seed, the ANALYZE of one table would keep the
    // next one's pages from being all-visible, and the counts' index-only scans would read the
    // table. Synchronous commits for this session, as a deployment has by default.
    await client.query('set synchronous_commit = on');
    await client.query('begin');
    for (const pat of seedPats(TOTAL_PATS)) {
      tokens.push(pat.token);
      if (pat.active) activeTokens.push(pat.token);
      pat.values.forEach((value, n) => patColumns[n]!.push(value));
      for (const scope of pat.scopes) scope.forEach((value, n) => scopeColumns[n]!.push(value));
      if (patColumns[0]!.length === BATCH) await flush();
    }
    if (patColumns[0]!.length > 0) await flush();
    await client.query('commit');
    const vacuumStarted = performance.now();
    await client.query('vacuum analyze pats, pat_scopes, pat_counts');
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    log(
      `PostgreSQL: inserts of PATs ${seconds(patsMs)}, of scopes ${seconds(scopesMs)}; VACUUM ANALYZE ${seconds(performance.now() - vacuumStarted)}; the rest makes the PATs (secrets, hashes)`,
    );
    const { rows } = await client.query<{ pats: string; scopes: string }>(
      'select (select count(*) from pats) as pats, (select count(*) from pat_scopes) as scopes',
    );
    if (Number(rows[0]!.pats) !== TOTAL_PATS || Number(rows[0]!.scopes) !== TOTAL_PATS * SCOPES_PER_PAT) {
      throw new Error(`PostgreSQL seeded ${rows[0]!.pats} PATs and ${rows[0]!.scopes} scopes`);
    }
    const { rows: visibility } = await client.query<{ hidden: string }>(
      `select sum(relpages - relallvisible) as hidden from pg_class where relname in ('pats', 'pat_scopes')`,
    );
    const hidden = Number(visibility[0]!.hidden);
    if (hidden > 0) throw new Error(`after VACUUM, ${hidden} pages of pats and pat_scopes are not all-visible`);
  } finally {
    await client.end();
  }
  return {
    database: 'postgres',
    target: url,
    serverEnv: { PAT_DATABASE_URL: url },
    dir,
    tokens,
    activeTokens,
    seconds: (performance.now() - started) / 1000,
  };
}
