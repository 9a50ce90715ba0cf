import { randomBytes, randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, openSync } from 'node:fs';
import { buildSecret, nameKey, type AuthorizeRequest } from '../contract/index.js';
import { createTokenHasher } from '../server/authz/token.js';
import { openConnection } from '../server/db/connection.js';
import { openDatabase } from '../server/db/database.js';
import { grantsOf } from '../server/pats/pat.repository.js';
import { seededRandom } from '../testing/random.js';

/** The user whose list the listing figure pages through. */
export const LISTER = 'bench-lister';
export const LISTER_PATS = 10_000;
export const TOTAL_PATS = 100_000;
export const SCOPES_PER_PAT = 5;
/** Matches one name in 16 (`…-backup-…`): 625 of the lister's PATs. */
export const NAME_SEARCH = 'backup';

/** What every active seeded PAT may do: only its fifth (last checked) scope grants it. */
export const GRANTED_REQUEST: AuthorizeRequest = { entity_type: 'clients', operation: 'read', entity_id: 'c-42', domain_id: 'd-7' };

export interface Seeded {
  path: string;
  /** The secret of every PAT, as issued: buildSecret and the server's own (pepper-less) hasher. */
  tokens: string[];
  /** Secrets of PATs that are neither revoked nor expired: they get 200 for GRANTED_REQUEST. */
  activeTokens: string[];
  seconds: number;
}

const DAY = 86_400_000;
const WORDS = ['deploy', 'ci', 'backup', 'metrics', 'grafana', 'ingest', 'sync', 'export', 'reader', 'writer', 'audit', 'bridge', 'gateway', 'sensor', 'mqtt', 'cron'];
const PLACES = ['prod', 'staging', 'dev', 'eu', 'us', 'lab', 'edge', 'home', 'office', 'plant', 'fleet', 'test', 'qa', 'ops', 'iot', 'web'];
const DESCRIPTIONS = ['', '', 'Used by the nightly job', 'Read-only access for dashboards', 'Temporary, for the migration', 'Gateway in building 4'];

/**
 * Seeds `path` with 100k PATs × 5 scopes: 10k for LISTER (80 % active, 10 % revoked, 10 %
 * expired) and 100 each for 900 other users (all active). One transaction of multi-row
 * inserts on a plain better-sqlite3 connection, after the server's own migrations made the schema.
 */
export async function seed(path: string): Promise<Seeded> {
  const started = performance.now();
  await (await openDatabase(path)).destroy();

  const sqlite = openConnection(path);
  // A throw-away file: no rollback journal while seeding; the server's WAL mode comes back after.
  sqlite.pragma('journal_mode = OFF');
  sqlite.pragma('synchronous = OFF');
  // Room for the whole transaction in memory: the indexes grow without going to disk.
  sqlite.pragma('cache_size = -1000000');

  const hash = createTokenHasher();
  const random = seededRandom(20261128);
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  const tokens: string[] = [];
  const activeTokens: string[] = [];

  const PAT_COLUMNS = 14;
  const PAT_BATCH = 200;
  const SCOPE_COLUMNS = 6;
  const SCOPE_BATCH = PAT_BATCH * SCOPES_PER_PAT; // flushed together, PATs first (foreign keys)
  const insertPats = sqlite.prepare(
    `insert into pats (id, user_id, name, name_key, description, token_hash, issued_at, expires_at, updated_at, revoked, revoked_at, last_used_at, last_used_ip, grants) values ${Array(PAT_BATCH).fill(`(${Array(PAT_COLUMNS).fill('?').join(',')})`).join(',')}`,
  );
  const insertScopes = sqlite.prepare(
    `insert into pat_scopes (id, pat_id, entity_type, operation, entity_id, domain_id) values ${Array(SCOPE_BATCH).fill(`(${Array(SCOPE_COLUMNS).fill('?').join(',')})`).join(',')}`,
  );
  let patValues: unknown[] = [];
  let scopeValues: unknown[] = [];

  sqlite.transaction(() => {
    for (let i = 0; i < TOTAL_PATS; i++) {
      const lister = i < LISTER_PATS;
      const userId = lister ? LISTER : `user-${String(Math.floor((i - LISTER_PATS) / 100)).padStart(3, '0')}`;
      const id = randomUUID();
      const token = buildSecret(id, randomBytes(32));
      tokens.push(token);
      const kind = lister ? i % 10 : 9; // 0 revoked, 1 expired, else active
      let issued: number;
      let expires: number;
      if (kind === 1) {
        issued = now - 200 * DAY - random() * 100 * DAY;
        expires = now - 1000 - random() * 100 * DAY;
      } else {
        issued = now - random() * 200 * DAY;
        expires = now + 3_600_000 + random() * 160 * DAY;
      }
      if (kind >= 2) activeTokens.push(token);
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
      patValues.push(
        id,
        userId,
        name,
        nameKey(name),
        DESCRIPTIONS[i % DESCRIPTIONS.length],
        hash(token),
        iso(issued),
        iso(expires),
        kind === 0 ? iso(issued + 1000) : null,
        kind === 0 ? 1 : 0,
        kind === 0 ? iso(issued + 1000) : null,
        used === null ? null : iso(used),
        used === null ? null : `10.0.${i % 256}.${(i >> 8) % 256}`,
        grantsOf(scopeRows),
      );
      for (const scope of scopes) scopeValues.push(randomUUID(), id, ...scope);
      if (patValues.length === PAT_BATCH * PAT_COLUMNS) {
        insertPats.run(patValues);
        patValues = [];
      }
      if (scopeValues.length === SCOPE_BATCH * SCOPE_COLUMNS) {
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
  return { path, tokens, activeTokens, seconds: (performance.now() - started) / 1000 };
}
