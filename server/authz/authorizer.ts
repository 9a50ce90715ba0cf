import { SECRET_LENGTH, scopeGrants, secretPatId, type AuthorizeRequest } from '../../contract/index.js';
import type { PatDatabase } from '../db/database.js';
import { addressMatcher } from '../../contract/ip.js';
import { credentialReader, idleMsOf, parseAllowedIps, parseGrants, type Credential } from '../pats/pat.repository.js';
import type { GrantCache, CachedPat } from './grant-cache.js';
import type { UseRecorder } from '../usage/use-recorder.js';
import type { LastUse } from '../usage/use-batch.js';
import { digestsEqual, type TokenHasher } from '../tokens/token.js';

export type AuthorizeResult =
  | { allowed: true; user_id: string; pat_id: string }
  | { allowed: false; reason: 'unauthenticated' | 'ip_not_allowed' | 'forbidden'; message: string };

export interface AuthorizeOptions {
  /**
   * The caller's address, recorded as `last_used_ip` (and, when new to the PAT, as a
   * `new_address` event); matched against the PAT's allowlist, which refuses a check without one.
   */
  ip?: string | null;
  /** The caller's user agent, recorded with a `new_address` event. */
  userAgent?: string | null;
  /**
   * The host's own permission check: a PAT never grants more than its owner has.
   * Called only after the PAT itself allowed the request.
   */
  ownerCan?: (userId: string, request: AuthorizeRequest) => boolean | Promise<boolean>;
}

export type AuthorizePat = (token: string, request: AuthorizeRequest, options?: AuthorizeOptions) => Promise<AuthorizeResult>;

interface AuthorizerDeps {
  db: PatDatabase;
  cache: GrantCache;
  hashToken: TokenHasher;
  now: () => number;
  uses: UseRecorder;
}

const LAST_USED_INTERVAL_MS = 60_000;

/** The addresses a cached PAT remembers having reported; past this it starts over (the database tells what is new). */
const ADDRESSES_PER_PAT = 32;

const ipNotAllowed: AuthorizeResult = {
  allowed: false,
  reason: 'ip_not_allowed',
  message: 'This personal access token may not be used from this address.',
};

const unauthenticated: AuthorizeResult = {
  allowed: false,
  reason: 'unauthenticated',
  message: 'The personal access token is invalid, revoked or expired.',
};

/** A PAT's last use and end as the stored row tells them, then as the uses not yet written move them. */
interface UsesSeen {
  lastUsedAt: number | null;
  endsAt: number;
}

/**
 * Adds uses not yet written, oldest first, to what `seen` tells. The stored end may not have seen
 * them: each use that came while the PAT worked moves its end on, as its write will (see
 * SQLITE_USE_STATEMENTS.lastUseIdle), so a chain of them keeps it working.
 */
function seeUses(seen: UsesSeen, pending: readonly LastUse[] | undefined, idleMs: number | null, expiresAt: number): void {
  if (!pending) return;
  for (const { at, since } of pending) {
    if (seen.lastUsedAt === null || at > seen.lastUsedAt) seen.lastUsedAt = at;
    if (idleMs !== null && since < seen.endsAt) seen.endsAt = Math.max(seen.endsAt, Math.min(expiresAt, at + idleMs));
  }
}

/**
 * Answers "may this PAT do X on Y?". A warm check is one SHA-256 and a map lookup by the digest;
 * a miss adds one primary-key read (the PAT's row carries its scopes as `grants`). The secret is
 * verified before anything about the PAT's state is told. What the check leaves behind (its
 * count, a last use, a new client address) goes to `uses` and is written after the answer.
 */
export function createAuthorizer({ db, cache, hashToken, now, uses }: AuthorizerDeps): AuthorizePat {
  // Concurrent misses for one PAT share one load: one read, one last-use write. A read answered
  // at once (SQLite, see credentialReader) has nothing to share and no promise to wait on.
  const loading = new Map<string, Promise<CachedPat | undefined>>();
  const readCredential = credentialReader(db);

  function load(id: string, at: number): CachedPat | undefined | Promise<CachedPat | undefined> {
    const shared = loading.get(id);
    if (shared) return shared;
    const epoch = cache.epoch;
    // Last uses still on their way to the database are newer than the stored one. One that lands
    // while the row is read may be in neither, so what was on its way before the read counts too.
    const pendingBefore = uses.pending(id);
    const read = readCredential(id);
    // Read at once, nothing landed meanwhile; read later, what is on its way now counts too.
    if (!(read instanceof Promise)) return read && cachedPat(id, read, [pendingBefore], at, epoch);
    const loaded = read
      .then((row) => row && cachedPat(id, row, [pendingBefore, uses.pending(id)], at, epoch))
      .finally(() => loading.delete(id));
    loading.set(id, loaded);
    return loaded;
  }

  /** The cached form of a PAT read from the database, `pending` its uses not yet written (see UseRecorder.pending). */
  function cachedPat(id: string, row: Credential, pending: (readonly LastUse[] | undefined)[], at: number, epoch: number): CachedPat {
    const expiresAt = Date.parse(row.expires_at);
    const idleMs = idleMsOf(row.max_idle_ms);
    const seen: UsesSeen = { lastUsedAt: row.last_used_at ? Date.parse(row.last_used_at) : null, endsAt: Date.parse(row.ends_at) };
    for (const unwritten of pending) seeUses(seen, unwritten, idleMs, expiresAt);
    const allowlist = parseAllowedIps(row.allowed_ips);
    const pat: CachedPat = {
      id,
      userId: row.user_id,
      tokenHash: row.token_hash,
      expiresAt,
      endsAt: seen.endsAt,
      idleMs,
      revoked: row.revoked,
      lastUsedAt: seen.lastUsedAt,
      scopes: parseGrants(row.grants),
      allowedFrom: allowlist.length > 0 ? addressMatcher(allowlist) : null,
      allowedAddress: undefined,
      // The address of its last use is not new to it: most PATs are used from one address, so
      // a reloaded PAT reports none. Declared from the start, so a cached PAT keeps one shape.
      address: row.last_used_ip ?? undefined,
      addresses: undefined,
      checksDay: 0,
      allowedChecks: 0,
      deniedChecks: 0,
      checksWaiting: false,
    };
    cache.set(id, pat, at, epoch);
    return pat;
  }

  return async function authorizePat(token, request, options = {}) {
    // Only the length before hashing: a digest in the cache is a well-formed secret's, and a miss
    // checks the form and the checksum (secretPatId) before it reads anything.
    if (token.length !== SECRET_LENGTH) return unauthenticated;
    const digest = hashToken(token);
    const at = now();
    // Warm: the digest names a cached PAT, so it equals that PAT's stored digest.
    let pat = cache.getByDigest(digest, at);
    if (!pat) {
      const id = secretPatId(token);
      if (!id) return unauthenticated;
      // Not cached under this digest: a PAT not in the cache, a wrong secret, or one regenerated
      // by another instance since it was cached. Only the database can tell which.
      const loaded = load(id, at);
      pat = loaded instanceof Promise ? await loaded : loaded;
      if (!pat || !digestsEqual(digest, pat.tokenHash)) return unauthenticated;
    }
    const { ip } = options;
    // An allowlist: the PAT works from a listed address only (none known is none listed). The
    // last address found on it is remembered, so a warm check from it compares two strings.
    let offList = false;
    if (pat.allowedFrom !== null && (!ip || ip !== pat.allowedAddress)) {
      if (ip && pat.allowedFrom(ip)) pat.allowedAddress = ip;
      else offList = true;
    }
    if (ip && pat.address !== ip && !pat.addresses?.has(ip)) {
      // Most PATs are used from one address: a string, and a set only for the others.
      if (pat.address === undefined) pat.address = ip;
      else {
        if (!pat.addresses || pat.addresses.size === ADDRESSES_PER_PAT) pat.addresses = new Set();
        pat.addresses.add(ip);
      }
      uses.address(pat.id, at, ip, options.userAgent ?? null, offList);
    }
    if (pat.revoked || pat.endsAt <= at) {
      uses.count(pat, at, false);
      return unauthenticated;
    }
    if (offList) {
      uses.count(pat, at, false);
      return ipNotAllowed;
    }

    const allowed =
      pat.scopes.some((scope) => scopeGrants(scope, request)) && (!options.ownerCan || (await options.ownerCan(pat.userId, request)));
    uses.count(pat, at, allowed);
    if (!allowed) {
      return {
        allowed: false,
        reason: 'forbidden',
        message: `This personal access token may not ${request.operation} ${request.entity_type} "${request.entity_id}".`,
      };
    }
    if (pat.lastUsedAt === null || at - pat.lastUsedAt >= LAST_USED_INTERVAL_MS) {
      pat.lastUsedAt = at;
      // A last use keeps a PAT with an idle limit working: here at once, in the database with its
      // write. Only a use written moves the end, so the end is the one the PAT shows
      // (idle_expires_at, its last use plus the limit) and every instance ends it then.
      if (pat.idleMs !== null) pat.endsAt = Math.min(pat.expiresAt, at + pat.idleMs);
      uses.record(pat.id, at, ip ?? null, pat.idleMs);
    }
    return { allowed: true, user_id: pat.userId, pat_id: pat.id };
  };
}
