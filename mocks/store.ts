/**
 * The in-memory PAT store behind the mock API. It applies the rules of the real server's
 * service (server/pats/pat.service.ts) on top of the contract: status computed on read, names
 * unique per user regardless of case, scopes merged with `mergeScopes`, at most 1000 scopes
 * per PAT, lifetimes within the maximum, secrets shown once and kept only as a SHA-256 digest,
 * and every read and write filtered by the caller's user id (another user's PAT is the same
 * 404 as an unknown id). Every change is an event of the PAT's history, and every check with
 * the right secret is counted (see activity.ts), as on the server.
 *
 * The methods take input that already has the right shape (see validate.ts) and throw a
 * `Problem` (the server's own) for anything else.
 */
import {
  allowedScopes,
  compareBinary,
  comparePats,
  buildSecret,
  cappedIdleMs,
  expiredReason,
  formatDuration,
  isExpiringSoon,
  lifetimeMs,
  maxIdleMs,
  patEndsAt,
  LIMITS,
  mergeScopes,
  inStatuses,
  nameKey,
  normalizeStatuses,
  patStatus,
  problems,
  resolveCatalog,
  scopeGrants,
  secretPatId,
  SYSTEM_ACTOR,
  USAGE_DAYS,
  type AuthorizeRequest,
  type Catalog,
  type CatalogOptions,
  type Pat,
  type PatLeak,
  type PatEventDetails,
  type PatEventKind,
  type PatEventPage,
  type PatPage,
  type PatUsage,
  type PatSortKey,
  type PatWithSecret,
  type Scope,
  type ScopeInput,
  type ScopeList,
  type ScopePage,
  type SortDirection,
  type StatusQuery,
  type Summary,
  DEMO_USERS,
  type DemoUser,
} from '../contract/index.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { addressMatcher } from '../contract/ip.js';
import { ActivityLog, type EventSource } from './activity.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** A secret's SHA-256 as hex: like the server, the mock keeps only a digest of each secret. */
function digestOf(secret: string): string {
  return bytesToHex(sha256(utf8ToBytes(secret)));
}

/** A user the mock demo login knows; the same three as the server's demo mode. */
/** The users the mocks know: the demo's. */
export type MockUser = DemoUser;
export const MOCK_USERS = DEMO_USERS;

export interface MockStoreOptions {
  /** The clock in epoch milliseconds; `Date.now` by default. */
  now?: () => number;
  /** The host's catalog, as the server's `catalog` option. */
  catalog?: CatalogOptions;
  /** The longest lifetime, as a duration string; `"365d"` by default. */
  maxLifetime?: string;
  /** The server's idle limit, as a duration string (the server's `maxIdle`); none by default. */
  maxIdle?: string;
  /** The users `POST /demo/login` accepts. */
  users?: readonly MockUser[];
}

/**
 * Who makes a change, and from where: what its event records. A bare user id is a change with
 * no client address or user agent.
 */
export interface MockCaller {
  userId: string;
  ip?: string | null;
  userAgent?: string | null;
}

/** What the store keeps of a PAT: never the secret, only its digest. */
interface StoredPat {
  id: string;
  user_id: string;
  name: string;
  description: string;
  digest: string;
  created_at: string;
  issued_at: string;
  expires_at: string;
  updated_at: string | null;
  revoked: boolean;
  revoked_at: string | null;
  last_used_at: string | null;
  last_used_ip: string | null;
  scopes: Scope[];
  /** Normalized (the handlers' schemas did it); empty: any address. */
  allowed_ips: string[];
  /** The leak report that revoked it, if one did (and it was not regenerated since). */
  leak: PatLeak | null;
  /** Its idle limit, or null for none. */
  max_idle_ms: number | null;
  /** Its last use (or issue) plus `max_idle_ms`, when that comes before `expires_at`: the DTO's field. */
  idle_expires_at: string | null;
  /** The end (`patEndsAt`) whose `expired` event is recorded (the server's expiry scan moved past it). */
  expired_for: string | null;
}

/** The `expired` event's details: by the idle limit, that too. */
function expiredDetails(pat: Pick<StoredPat, 'expires_at' | 'idle_expires_at' | 'max_idle_ms'>): PatEventDetails {
  return pat.idle_expires_at && pat.idle_expires_at < pat.expires_at && pat.max_idle_ms !== null
    ? { expires_at: pat.expires_at, reason: 'idle', idle_expires_at: pat.idle_expires_at, max_idle: formatDuration(pat.max_idle_ms) }
    : { expires_at: pat.expires_at };
}

/** A PAT's idle expiry from `since` (its last use, or issue): null when its lifetime ends first, or it has no idle limit. */
function idleExpiry(since: number, idleMs: number | null, expiresAt: string): string | null {
  if (idleMs === null) return null;
  const at = iso(since + idleMs);
  return at < expiresAt ? at : null;
}

/** An event of a seeded PAT's history besides those `seed` records from its times. Times are epoch ms. */
export interface SeedEvent {
  kind: PatEventKind;
  at: number;
  /** The owner by default. */
  actor?: string;
  /** The PAT's `changedFrom` by default. */
  ip?: string | null;
  userAgent?: string | null;
  details?: PatEventDetails;
}

/** A PAT put straight into the store by a scenario, with any history. Times are epoch ms. */
export interface SeedPat {
  id?: string;
  name: string;
  description?: string;
  /** When it was made; `issuedAt` by default (a PAT never regenerated). Not after `issuedAt`. */
  createdAt?: number;
  /** When its current secret was issued. */
  issuedAt: number;
  expiresAt: number;
  updatedAt?: number | null;
  revokedAt?: number | null;
  lastUsedAt?: number | null;
  lastUsedIp?: string | null;
  /** The user agent of its first use from `lastUsedIp` (its `new_address` event). */
  lastUsedUserAgent?: string | null;
  /** Who revoked it, if not its owner. */
  revokedBy?: string;
  /** Where its owner made its changes from (its events' client address and user agent, unless an event says otherwise). */
  changedFrom?: { ip: string | null; userAgent: string | null };
  scopes?: (ScopeInput & { id?: string })[];
  /** More of its history: renames, scope changes, uses from other addresses… */
  history?: SeedEvent[];
  /** Its checks, each counted on the UTC day of `at`. */
  usage?: { at: number; allowed: number; denied: number }[];
  /** Its allowlist of client addresses, normalized; any address by default. */
  allowedIps?: string[];
  /** The leak report that revoked it (give `revokedAt` too). */
  leak?: PatLeak;
  /** Its idle limit, as a duration string (`"30d"`); none by default. */
  maxIdle?: string;
}

export interface ListQuery {
  offset: number;
  limit: number;
  name?: string;
  id?: string;
  /** One status filter or several, as `GET /pats?status=a,b` (normalized with `normalizeStatuses`). */
  status: StatusQuery;
  sort: PatSortKey;
  dir: SortDirection;
}

export type MockAuthorizeResult =
  | { allowed: true; user_id: string; pat_id: string }
  | { allowed: false; reason: 'unauthenticated' | 'ip_not_allowed' | 'forbidden'; message: string };

const LAST_USED_INTERVAL_MS = 60_000;

const IP_NOT_ALLOWED: MockAuthorizeResult = {
  allowed: false,
  reason: 'ip_not_allowed',
  message: 'This personal access token may not be used from this address.',
};

const UNAUTHENTICATED: MockAuthorizeResult = {
  allowed: false,
  reason: 'unauthenticated',
  message: 'The personal access token is invalid, revoked or expired.',
};

/** 16 random bytes as a version-4 UUID; `crypto.randomUUID` needs a secure context, this does not. */
export function randomUuid(): string {
  return uuidFromBytes(crypto.getRandomValues(new Uint8Array(16)));
}

/** Formats 16 bytes as a version-4 UUID (setting the version and variant bits). */
export function uuidFromBytes(bytes: Uint8Array): string {
  const b = Uint8Array.from(bytes.subarray(0, 16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function compareScopes(a: ScopeInput, b: ScopeInput): number {
  return (
    compareBinary(a.entity_type, b.entity_type) ||
    compareBinary(a.operation, b.operation) ||
    compareBinary(a.entity_id, b.entity_id) ||
    compareBinary(a.domain_id ?? '', b.domain_id ?? '')
  );
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** A scope as an event tells it: what it granted, without its row id. */
function eventScope({ entity_type, operation, entity_id, domain_id }: ScopeInput) {
  return { entity_type, operation, entity_id, domain_id: domain_id || null };
}

/** The scopes a seeded PAT was made with: those it has, less those its history added, plus those it took away. */
function scopesAtCreation(scopes: ScopeInput[], history: SeedEvent[]): ReturnType<typeof eventScope>[] {
  const key = (scope: ScopeInput) => JSON.stringify(eventScope(scope));
  const held = new Map(scopes.map((scope) => [key(scope), eventScope(scope)]));
  for (const event of [...history].sort((a, b) => b.at - a.at)) {
    for (const scope of event.details?.scopes ?? []) {
      if (event.kind === 'scopes_added') held.delete(key(scope));
      else if (event.kind === 'scopes_removed' || event.kind === 'scopes_cleared') held.set(key(scope), eventScope(scope));
    }
  }
  return [...held.values()].sort(compareScopes);
}

function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

export class MockStore {
  /** The catalog `GET /pats/catalog` serves (presets beyond the maximum lifetime dropped). */
  readonly catalog: Catalog;
  readonly maxLifetimeMs: number;
  readonly maxIdleMs: number | null;
  readonly users: readonly MockUser[];
  readonly #now: () => number;
  /** Insertion order is irrelevant: every list is sorted. */
  readonly #pats = new Map<string, StoredPat>();
  readonly #activity = new ActivityLog(randomUuid);

  constructor(options: MockStoreOptions = {}) {
    const { catalog, maxLifetimeMs, maxIdleMs } = resolveCatalog(options.catalog, options.maxLifetime, options.maxIdle);
    this.catalog = catalog;
    this.maxLifetimeMs = maxLifetimeMs;
    this.maxIdleMs = maxIdleMs;
    this.users = options.users ?? MOCK_USERS;
    this.#now = options.now ?? Date.now;
  }

  now(): number {
    return this.#now();
  }

  /** How many PATs the store holds, for one user or for everybody. */
  count(userId?: string): number {
    if (userId === undefined) return this.#pats.size;
    let n = 0;
    for (const pat of this.#pats.values()) if (pat.user_id === userId) n++;
    return n;
  }

  /** Forgets every PAT of every user. */
  clear(): void {
    for (const id of this.#pats.keys()) this.#activity.forget(id);
    this.#pats.clear();
  }

  // Activity

  /** The user id of `who`, and the source its events record. */
  #caller(who: string | MockCaller): { userId: string; source: EventSource } {
    const caller = typeof who === 'string' ? { userId: who } : who;
    return { userId: caller.userId, source: { actor: caller.userId, ip: caller.ip ?? null, userAgent: caller.userAgent ?? null } };
  }

  #record(pat: StoredPat, kind: PatEventKind, source: EventSource, details?: PatEventDetails, at = this.now()): void {
    this.#activity.record(pat, kind, at, source, details);
  }

  /**
   * The server's expiry scan: records the `expired` event of each PAT that is past its end (its
   * expiry, or sooner its idle expiry) and not revoked, once per end (a regenerated PAT can
   * expire again). The handlers run it before every request, unless told not to.
   */
  scan(): void {
    const now = this.now();
    for (const pat of this.#pats.values()) {
      const ends = iso(patEndsAt(pat));
      if (pat.revoked || Date.parse(ends) > now || pat.expired_for === ends) continue;
      pat.expired_for = ends;
      this.#record(pat, 'expired', { actor: SYSTEM_ACTOR, ip: null, userAgent: null }, expiredDetails(pat), now);
    }
  }

  /** `GET /pats/{id}/events`: the PAT's history, newest first. */
  listPatEvents(userId: string, id: string, offset: number, limit: number): PatEventPage {
    this.#find(userId, id);
    return this.#activity.page(userId, id, offset, limit, this.now());
  }

  /** `GET /events`: the history of all the user's PATs, deleted ones' included, newest first. */
  listEvents(userId: string, offset: number, limit: number): PatEventPage {
    return this.#activity.page(userId, undefined, offset, limit, this.now());
  }

  /** `GET /pats/{id}/usage`: the PAT's checks on each of the last `days` UTC days. */
  usage(userId: string, id: string, days: number = USAGE_DAYS.default): PatUsage {
    this.#find(userId, id);
    return this.#activity.usage(id, days, this.now());
  }

  // Reads

  #find(userId: string, id: string): StoredPat {
    const pat = this.#pats.get(id);
    if (!pat || pat.user_id !== userId) throw problems.patNotFound();
    return pat;
  }

  #toPat(pat: StoredPat, now: number): Pat {
    const dto = {
      id: pat.id,
      user_id: pat.user_id,
      name: pat.name,
      description: pat.description,
      created_at: pat.created_at,
      issued_at: pat.issued_at,
      expires_at: pat.expires_at,
      updated_at: pat.updated_at,
      last_used_at: pat.last_used_at,
      last_used_ip: pat.last_used_ip,
      revoked: pat.revoked,
      revoked_at: pat.revoked_at,
      scopes_count: pat.scopes.length,
      allowed_ips: [...pat.allowed_ips],
      leak: pat.leak && { ...pat.leak },
      max_idle: pat.max_idle_ms === null ? null : formatDuration(pat.max_idle_ms),
      idle_expires_at: pat.idle_expires_at,
    };
    return { ...dto, status: patStatus(dto, now), expired_reason: expiredReason(dto, now) };
  }

  #scopes(pat: StoredPat): Scope[] {
    return pat.scopes.map((scope) => ({ ...scope }));
  }

  get(userId: string, id: string): Pat {
    return this.#toPat(this.#find(userId, id), this.now());
  }

  list(userId: string, query: ListQuery): PatPage {
    const now = this.now();
    const search = query.name ? nameKey(query.name) : undefined;
    const statuses = normalizeStatuses(query.status);
    const rows = [...this.#pats.values()].filter(
      (pat) =>
        pat.user_id === userId &&
        inStatuses(pat, statuses, now) &&
        (query.id === undefined || pat.id === query.id) &&
        (search === undefined || nameKey(pat.name).includes(search)),
    );
    rows.sort(comparePats(query.sort, query.dir));
    return {
      total: rows.length,
      offset: query.offset,
      limit: query.limit,
      pats: rows.slice(query.offset, query.offset + query.limit).map((pat) => this.#toPat(pat, now)),
    };
  }

  summary(userId: string): Summary {
    const now = this.now();
    const summary: Summary = { active: 0, expiring_soon: 0, revoked: 0, expired: 0, total: 0 };
    for (const pat of this.#pats.values()) {
      if (pat.user_id !== userId) continue;
      summary.total++;
      summary[patStatus(pat, now)]++;
      if (isExpiringSoon(pat, now)) summary.expiring_soon++;
    }
    return summary;
  }

  listScopes(userId: string, id: string, offset: number, limit: number): ScopePage {
    const pat = this.#find(userId, id);
    return { total: pat.scopes.length, offset, limit, scopes: this.#scopes(pat).slice(offset, offset + limit) };
  }

  // Writes

  #nameTaken(userId: string, name: string, except?: string): boolean {
    const folded = nameKey(name);
    for (const pat of this.#pats.values()) {
      if (pat.user_id === userId && pat.id !== except && nameKey(pat.name) === folded) return true;
    }
    return false;
  }

  #newSecret(id: string): string {
    return buildSecret(id, crypto.getRandomValues(new Uint8Array(32)));
  }

  #scope(patId: string, input: ScopeInput & { id?: string }): Scope {
    return {
      id: input.id ?? randomUuid(),
      pat_id: patId,
      entity_type: input.entity_type,
      operation: input.operation,
      entity_id: input.entity_id,
      domain_id: input.domain_id || null,
    };
  }

  /** `POST /pats`: the PAT and its scopes at once; the answer is the only time the secret shows. */
  create(
    who: string | MockCaller,
    input: { name: string; description?: string; duration: string; scopes?: ScopeInput[]; allowed_ips?: string[]; max_idle?: string },
  ): PatWithSecret {
    const { userId, source } = this.#caller(who);
    const lifetime = lifetimeMs(input.duration, this.maxLifetimeMs);
    const idleMs = maxIdleMs(input.max_idle, this.maxIdleMs, this.maxLifetimeMs);
    const scopes = allowedScopes(this.catalog, input.scopes ?? []);
    if (this.#nameTaken(userId, input.name)) throw problems.duplicateName();
    const now = this.now();
    const id = randomUuid();
    const secret = this.#newSecret(id);
    const { add } = mergeScopes([], scopes);
    const pat: StoredPat = {
      id,
      user_id: userId,
      name: input.name,
      description: input.description ?? '',
      digest: digestOf(secret),
      created_at: iso(now),
      issued_at: iso(now),
      expires_at: iso(now + lifetime),
      updated_at: null,
      revoked: false,
      revoked_at: null,
      last_used_at: null,
      last_used_ip: null,
      scopes: add.map((scope) => this.#scope(id, scope)).sort(compareScopes),
      allowed_ips: [...(input.allowed_ips ?? [])],
      leak: null,
      max_idle_ms: idleMs,
      idle_expires_at: idleExpiry(now, idleMs, iso(now + lifetime)),
      expired_for: null,
    };
    this.#pats.set(id, pat);
    const allowed = pat.allowed_ips.length > 0 ? { allowed_ips: [...pat.allowed_ips] } : {};
    const idle = idleMs !== null ? { max_idle: formatDuration(idleMs) } : {};
    this.#record(pat, 'created', source, { expires_at: pat.expires_at, scopes: add.map(eventScope), ...allowed, ...idle }, now);
    return { ...this.get(userId, id), secret };
  }

  /**
   * Puts a PAT with any history into the store (scenarios); returns it with its secret. Its
   * events are those its times tell (created, regenerated, revoked, expired, its first use from
   * `lastUsedIp` soon after it was made) and `history`, each with the name it had then.
   */
  seed(userId: string, spec: SeedPat): PatWithSecret {
    if (this.#nameTaken(userId, spec.name)) throw new Error(`${userId} already has a PAT named "${spec.name}"`);
    const id = spec.id ?? randomUuid();
    if (this.#pats.has(id)) throw new Error(`a PAT with id ${id} already exists`);
    const { add } = mergeScopes([], spec.scopes ?? []);
    if (add.length > LIMITS.scopesPerPat) throw new Error(`a PAT holds at most ${LIMITS.scopesPerPat} scopes`);
    const secret = this.#newSecret(id);
    const at = (ms: number | null | undefined): string | null => (ms === null || ms === undefined ? null : iso(ms));
    if (spec.createdAt !== undefined && spec.createdAt > spec.issuedAt) throw new Error(`"${spec.name}" is created after it was issued`);
    if (spec.lastUsedAt !== undefined && spec.lastUsedAt !== null && spec.lastUsedAt < spec.issuedAt)
      throw new Error(`"${spec.name}" is last used before its secret was issued`);
    const idleMs = spec.maxIdle === undefined ? this.maxIdleMs : maxIdleMs(spec.maxIdle, this.maxIdleMs, this.maxLifetimeMs);
    this.#pats.set(id, {
      id,
      user_id: userId,
      name: spec.name,
      description: spec.description ?? '',
      digest: digestOf(secret),
      created_at: iso(spec.createdAt ?? spec.issuedAt),
      issued_at: iso(spec.issuedAt),
      expires_at: iso(spec.expiresAt),
      updated_at: at(spec.updatedAt ?? spec.revokedAt),
      revoked: spec.revokedAt !== undefined && spec.revokedAt !== null,
      revoked_at: at(spec.revokedAt),
      last_used_at: at(spec.lastUsedAt),
      last_used_ip: spec.lastUsedAt === undefined || spec.lastUsedAt === null ? null : (spec.lastUsedIp ?? null),
      // mergeScopes keeps the other fields of what it plans to add: a seeded scope keeps its id.
      scopes: add.map((scope) => this.#scope(id, scope)).sort(compareScopes),
      allowed_ips: [...(spec.allowedIps ?? [])],
      leak: spec.leak ?? null,
      max_idle_ms: idleMs,
      idle_expires_at: idleExpiry(spec.lastUsedAt ?? spec.issuedAt, idleMs, iso(spec.expiresAt)),
      expired_for: null,
    });
    this.#seedHistory(this.#pats.get(id)!, spec);
    for (const { at, allowed, denied } of spec.usage ?? []) {
      this.#activity.count(id, at, true, allowed);
      this.#activity.count(id, at, false, denied);
    }
    return { ...this.get(userId, id), secret };
  }

  #seedHistory(pat: StoredPat, spec: SeedPat): void {
    const createdAt = spec.createdAt ?? spec.issuedAt;
    const history = spec.history ?? [];
    const events: SeedEvent[] = [
      {
        kind: 'created',
        at: createdAt,
        details: {
          expires_at: iso(createdAt + spec.expiresAt - spec.issuedAt),
          scopes: scopesAtCreation(pat.scopes, history),
          ...(pat.max_idle_ms !== null ? { max_idle: formatDuration(pat.max_idle_ms) } : {}),
        },
      },
      ...(createdAt < spec.issuedAt ? [{ kind: 'regenerated' as const, at: spec.issuedAt, details: { expires_at: pat.expires_at } }] : []),
      ...(pat.revoked_at && !spec.leak ? [{ kind: 'revoked' as const, at: Date.parse(pat.revoked_at), actor: spec.revokedBy }] : []),
      ...(pat.revoked_at && spec.leak
        ? [
            {
              kind: 'leaked' as const,
              at: Date.parse(pat.revoked_at),
              actor: SYSTEM_ACTOR,
              ip: null,
              userAgent: null,
              details: { url: spec.leak.url, source: spec.leak.source },
            },
          ]
        : []),
      ...history,
    ];
    if (pat.last_used_at && pat.last_used_ip) {
      const at = Math.min(Date.parse(pat.last_used_at), createdAt + 10 * 60_000);
      events.push({ kind: 'new_address', at, ip: pat.last_used_ip, userAgent: spec.lastUsedUserAgent ?? null });
    }
    const endsAt = patEndsAt(pat);
    if (endsAt <= this.now() && !(spec.revokedAt != null && spec.revokedAt <= endsAt)) {
      pat.expired_for = iso(endsAt);
      events.push({ kind: 'expired', at: endsAt, actor: SYSTEM_ACTOR, ip: null, userAgent: null, details: expiredDetails(pat) });
    }
    events.sort((a, b) => a.at - b.at);
    // Each event with the name the PAT had then: before a rename, the name it was renamed from.
    let name = pat.name;
    const named = events.reduceRight<{ event: SeedEvent; name: string }[]>((list, event) => {
      list.unshift({ event, name });
      if (event.kind === 'renamed' && event.details?.from !== undefined) name = event.details.from;
      return list;
    }, []);
    const from = spec.changedFrom ?? { ip: null, userAgent: null };
    for (const { event, name } of named) {
      const { kind, at, actor = pat.user_id, ip = from.ip, userAgent = from.userAgent, details } = event;
      if (kind === 'new_address' && ip) this.#activity.firstUseFrom(pat.id, ip);
      this.#activity.record({ ...pat, name }, kind, at, { actor, ip, userAgent }, details);
    }
  }

  #touch(pat: StoredPat): string {
    pat.updated_at = iso(this.now());
    return pat.updated_at;
  }

  /** A rename is an event only when the name changes (by a character, not only by its key). */
  rename(who: string | MockCaller, id: string, name: string): Pat {
    const { userId, source } = this.#caller(who);
    const pat = this.#find(userId, id);
    if (this.#nameTaken(userId, name, id)) throw problems.duplicateName();
    const from = pat.name;
    pat.name = name;
    this.#touch(pat);
    if (from !== name) this.#record(pat, 'renamed', source, { from, to: name });
    return this.get(userId, id);
  }

  /** `PATCH /pats/{id}/allowed_ips`: the list normalized by the handler's schema; an event only when it changes. */
  setAllowedIps(who: string | MockCaller, id: string, allowedIps: string[]): Pat {
    const { userId, source } = this.#caller(who);
    const pat = this.#find(userId, id);
    if (JSON.stringify(pat.allowed_ips) !== JSON.stringify(allowedIps)) {
      pat.allowed_ips = [...allowedIps];
      this.#touch(pat);
      this.#record(pat, 'allowed_ips_changed', source, { allowed_ips: [...allowedIps] });
    }
    return this.get(userId, id);
  }

  describe(who: string | MockCaller, id: string, description: string): Pat {
    const { userId, source } = this.#caller(who);
    const pat = this.#find(userId, id);
    const from = pat.description;
    pat.description = description;
    this.#touch(pat);
    if (from !== description) this.#record(pat, 'described', source, { from, to: description });
    return this.get(userId, id);
  }

  /**
   * Regenerate: a new secret and lifetime; name, description, scopes and `created_at` stay, and
   * the last use (of the old secret) goes.
   */
  reset(who: string | MockCaller, id: string, duration: string): PatWithSecret {
    const { userId, source } = this.#caller(who);
    const lifetime = lifetimeMs(duration, this.maxLifetimeMs);
    const pat = this.#find(userId, id);
    const now = this.now();
    const secret = this.#newSecret(id);
    pat.digest = digestOf(secret);
    pat.issued_at = iso(now);
    pat.expires_at = iso(now + lifetime);
    pat.updated_at = iso(now);
    pat.revoked = false;
    pat.revoked_at = null;
    pat.last_used_at = null;
    pat.last_used_ip = null;
    pat.leak = null;
    pat.max_idle_ms = cappedIdleMs(pat.max_idle_ms, this.maxIdleMs);
    pat.idle_expires_at = idleExpiry(now, pat.max_idle_ms, pat.expires_at);
    this.#record(pat, 'regenerated', source, { expires_at: pat.expires_at }, now);
    return { ...this.get(userId, id), secret };
  }

  /** Revoking a revoked PAT changes nothing, and is no event. */
  revoke(who: string | MockCaller, id: string): void {
    const { userId, source } = this.#caller(who);
    const pat = this.#find(userId, id);
    if (pat.revoked) return;
    pat.revoked = true;
    pat.revoked_at = this.#touch(pat);
    this.#record(pat, 'revoked', source);
  }

  /** Deletes the PAT with its counts; its events stay, for the retention period. */
  remove(who: string | MockCaller, id: string): void {
    const { userId, source } = this.#caller(who);
    this.#delete(this.#find(userId, id), source);
  }

  #delete(pat: StoredPat, source: EventSource): void {
    this.#pats.delete(pat.id);
    this.#activity.forget(pat.id);
    this.#record(pat, 'deleted', source);
  }

  /** Deletes every PAT of the user; returns how many went. */
  removeAll(who: string | MockCaller): number {
    const { userId, source } = this.#caller(who);
    let deleted = 0;
    for (const pat of [...this.#pats.values()]) {
      if (pat.user_id !== userId) continue;
      this.#delete(pat, source);
      deleted++;
    }
    return deleted;
  }

  /** Adds scopes: covered ones are no-ops, a new wildcard replaces what it covers. */
  addScopes(who: string | MockCaller, id: string, input: ScopeInput[]): ScopeList {
    const { userId, source } = this.#caller(who);
    const scopes = allowedScopes(this.catalog, input);
    const pat = this.#find(userId, id);
    const { add, remove } = mergeScopes(pat.scopes, scopes);
    if (pat.scopes.length - remove.length + add.length > LIMITS.scopesPerPat) {
      throw problems.invalidField('scopes', `would exceed the limit of ${LIMITS.scopesPerPat} scopes per token`);
    }
    const gone = new Set(remove.map((scope) => scope.id));
    pat.scopes = [...pat.scopes.filter((scope) => !gone.has(scope.id)), ...add.map((scope) => this.#scope(id, scope))].sort(compareScopes);
    this.#touch(pat);
    // A broader scope replaces the narrower ones it covers: both are told.
    if (add.length > 0) this.#record(pat, 'scopes_added', source, { scopes: add.map(eventScope) });
    if (remove.length > 0) this.#record(pat, 'scopes_removed', source, { scopes: remove.map(eventScope) });
    return { scopes: this.#scopes(pat) };
  }

  /** Removes the PAT's scopes with these ids; ids of other PATs' scopes are ignored. */
  removeScopes(who: string | MockCaller, id: string, scopeIds: string[]): ScopeList {
    const { userId, source } = this.#caller(who);
    const pat = this.#find(userId, id);
    const gone = new Set(scopeIds);
    const removed = pat.scopes.filter((scope) => gone.has(scope.id));
    pat.scopes = pat.scopes.filter((scope) => !gone.has(scope.id));
    this.#touch(pat);
    if (removed.length > 0) this.#record(pat, 'scopes_removed', source, { scopes: removed.map(eventScope) });
    return { scopes: this.#scopes(pat) };
  }

  clearScopes(who: string | MockCaller, id: string): ScopeList {
    const { userId, source } = this.#caller(who);
    const pat = this.#find(userId, id);
    const removed = pat.scopes;
    pat.scopes = [];
    this.#touch(pat);
    if (removed.length > 0) this.#record(pat, 'scopes_cleared', source, { scopes: removed.map(eventScope) });
    return { scopes: [] };
  }

  /**
   * `POST /authorize`: may `token` do `request`? The secret is checked before anything about
   * the PAT's state is told. A check with the right secret is counted (allowed, or denied: no
   * scope grants it, or the PAT is revoked or expired), and its first from a client address is
   * a `new_address` event; a success records `last_used_at`/`last_used_ip` at most once a minute.
   */
  authorize(token: string, request: AuthorizeRequest, ip: string | null = null, userAgent: string | null = null): MockAuthorizeResult {
    const id = secretPatId(token);
    if (!id) return UNAUTHENTICATED;
    const digest = digestOf(token);
    const now = this.now();
    const pat = this.#pats.get(id);
    if (!pat || !constantTimeEqual(digest, pat.digest)) return UNAUTHENTICATED;
    const offList = pat.allowed_ips.length > 0 && !(ip && addressMatcher(pat.allowed_ips)(ip));
    if (ip && this.#activity.firstUseFrom(id, ip)) {
      this.#record(pat, 'new_address', { actor: pat.user_id, ip, userAgent }, offList ? { refused: 'ip_not_allowed' } : {}, now);
    }
    if (pat.revoked || patEndsAt(pat) <= now) {
      this.#activity.count(id, now, false);
      return UNAUTHENTICATED;
    }
    if (offList) {
      this.#activity.count(id, now, false);
      return IP_NOT_ALLOWED;
    }
    const allowed = pat.scopes.some((scope) => scopeGrants(scope, request));
    this.#activity.count(id, now, allowed);
    if (!allowed) {
      return {
        allowed: false,
        reason: 'forbidden',
        message: `This personal access token may not ${request.operation} ${request.entity_type} "${request.entity_id}".`,
      };
    }
    if (pat.last_used_at === null || now - Date.parse(pat.last_used_at) >= LAST_USED_INTERVAL_MS) {
      pat.last_used_at = iso(now);
      pat.last_used_ip = ip;
      // As the server writes it with the last use: the idle expiry moves on.
      pat.idle_expires_at = idleExpiry(now, pat.max_idle_ms, pat.expires_at);
    }
    return { allowed: true, user_id: pat.user_id, pat_id: id };
  }
}
