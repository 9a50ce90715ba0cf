import { randomBytes, randomUUID, scryptSync } from 'node:crypto';
import { buildSecret, nameKey } from '../contract/index.js';
import { createAuthorizer, type AuthorizePat } from '../server/authz/authorizer.js';
import { createEventIds } from '../server/events/event-id.js';
import { createUseRecorder } from '../server/usage/use-recorder.js';
import { GrantCache } from '../server/authz/grant-cache.js';
import { createTokenHasher, type TokenHasher } from '../server/tokens/token.js';
import { openDatabase, type PatDatabase } from '../server/db/database.js';
import { grantsOf, insertPat, insertScopes } from '../server/pats/pat.repository.js';
import { checksPerSecond } from './authorize-inprocess.js';
import { log, reported, round, type Result } from './lib.js';

/** The upstream's secret hashing: scrypt with N=16384, r=8, p=1 over the whole token, 32 bytes. */
const SCRYPT = { N: 16_384, r: 8, p: 1 } as const;
const SALT = randomBytes(16);
const scryptHasher: TokenHasher = (token) => scryptSync(token, SALT, 32, SCRYPT).toString('hex');

const PATS = 20;

/** PATs whose stored digest is `hash` of their secret, each with the seed's five scopes. */
async function seedPats(db: PatDatabase, hash: TokenHasher, label: string): Promise<string[]> {
  const tokens: string[] = [];
  const now = Date.now();
  for (let i = 0; i < PATS; i++) {
    const id = randomUUID();
    const token = buildSecret(id, randomBytes(32));
    tokens.push(token);
    const scope = (entity_type: string, operation: string, entity_id: string, domain_id: string) => ({
      id: randomUUID(),
      pat_id: id,
      entity_type,
      operation,
      entity_id,
      domain_id,
    });
    const scopes = [
      scope('clients', 'update', `c-${i}`, 'd-1'),
      scope('channels', 'read', `ch-${i}`, ''),
      scope('messages', 'publish', '*', 'd-1'),
      scope('groups', 'list', '*', ''),
      scope('clients', 'read', '*', ''),
    ];
    await insertPat(db, {
      id,
      user_id: 'upstream-bench',
      name: `${label}-${i}`,
      name_key: nameKey(`${label}-${i}`),
      description: '',
      token_hash: hash(token),
      created_at: new Date(now).toISOString(),
      issued_at: new Date(now).toISOString(),
      expires_at: new Date(now + 30 * 86_400_000).toISOString(),
      ends_at: new Date(now + 30 * 86_400_000).toISOString(),
      max_idle_ms: null,
      updated_at: null,
      revoked: 0,
      revoked_at: null,
      last_used_at: null,
      last_used_ip: null,
      grants: grantsOf(scopes),
    });
    await insertScopes(db, scopes);
  }
  return tokens;
}

/** A check with its own use recorder, whose queue `close()` writes (before the database goes). */
function authorizerWith(db: PatDatabase, hashToken: TokenHasher): { authorize: AuthorizePat; close: () => Promise<void> } {
  const uses = createUseRecorder({ db, eventId: createEventIds(), onError: (error) => log(`use not written: ${String(error)}`) });
  return {
    authorize: createAuthorizer({ db, cache: new GrantCache(1_000, 60_000), hashToken, now: Date.now, uses }),
    close: () => uses.close(),
  };
}

/**
 * The same check, warm cache, done two ways side by side in this process: with the server's
 * SHA-256 digest, and with the upstream's scrypt over the token on every check.
 */
export async function run(): Promise<Result[]> {
  const db = await openDatabase(':memory:');
  const oursWith = authorizerWith(db, createTokenHasher());
  const upstreamWith = authorizerWith(db, scryptHasher);
  try {
    const { authorize: ours } = oursWith;
    const { authorize: upstream } = upstreamWith;
    const ourTokens = await seedPats(db, createTokenHasher(), 'sha256');
    const upstreamTokens = await seedPats(db, scryptHasher, 'scrypt');
    await checksPerSecond(ours, ourTokens, 300);
    await checksPerSecond(upstream, upstreamTokens.slice(0, 3), 1); // warm: the first check of each loads it
    const oursRate = await checksPerSecond(ours, ourTokens, 1_000);
    const upstreamRate = await checksPerSecond(upstream, upstreamTokens, 2_000);
    log(
      `warm check, one core: SHA-256 ${round(oursRate)} checks/s; scrypt ${round(upstreamRate, 1)} checks/s (${round(1000 / upstreamRate, 1)} ms each)`,
    );
    return [
      reported("upstream's way: scrypt (N=16384, r=8, p=1) per check, warm cache", round(upstreamRate, 1), 'checks/s'),
      reported("upstream's way: CPU per check", round(1000 / upstreamRate, 1), 'ms'),
      reported("authorize warm ÷ upstream's way (same run)", round(oursRate / upstreamRate), '×'),
    ];
  } finally {
    await Promise.all([oursWith.close(), upstreamWith.close()]);
    await db.destroy();
  }
}
