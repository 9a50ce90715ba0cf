/**
 * A mock of the upstream Magistrala/SuperMQ PAT API as its Go code answers (auth/api/http/pats,
 * go-chi and go-kit), not as its OpenAPI document says where they disagree: for trying PAT Kit's
 * elements against an unmodified upstream backend. Its answers differ from PAT Kit's on purpose:
 *
 * - routing is chi's: case-sensitive paths, a trailing slash only on `/pats`, `/pats/{id}` and
 *   `/pats/{id}/scope`, a plain-text 404 and a bodiless 405 with `Allow` (HEAD and OPTIONS too);
 *   `/pats/catalog` and `/pats/summary` are `GET /pats/{id}` of a PAT that does not exist;
 * - checks in the upstream's order: Content-Type (415), query (400), a `pat_` bearer (400), the
 *   JSON body (400), a missing token (401), the fields (400), an unknown token (401);
 * - errors are `{"message": …}` only; no 409; a duplicate or covered scope is 422;
 * - durations are Go's (`24h`, `1h30m`; not `30d`), required, unchecked in size or sign;
 * - create ignores `scopes`; names are not unique; a description cannot be cleared;
 * - the list shows active PATs unless `status` says otherwise, newest first, with no maximum limit;
 * - unset times are `0001-01-01T00:00:00Z`, empty strings and a false `revoked` are omitted, there
 *   is no `scopes_count`, `last_used_at` is never set;
 * - a missing PAT is a 200 empty PAT on GET and a 204 on delete and revoke;
 * - scope changes answer 200 without a body; operations come back under internal names
 *   (`create_clients`); `domain_id` is required; `users` scopes are refused.
 *
 * A user token is `mock-token:<userId>`, as for the other mocks.
 */
import { delay, http, type HttpHandler } from 'msw';
import { mockTokenUser } from './handlers.js';
import { randomUuid } from './store.js';

/** A PAT as the upstream stores it; times in milliseconds, null where its column is NULL. */
export interface UpstreamPat {
  id: string;
  user_id: string;
  name: string;
  description: string;
  /** What `secret` shows outside create and reset: the stored scrypt hash. */
  hash: string;
  /** The secret, kept by the mock so that it could be checked. */
  secret: string;
  issued_at: number;
  expires_at: number;
  updated_at: number | null;
  revoked: boolean;
  revoked_at: number | null;
}

export interface UpstreamScope {
  id: string;
  pat_id: string;
  domain_id: string;
  entity_type: string;
  entity_id: string;
  operation: string;
}

/** A PAT to seed: the stored fields less the secret, and its scopes (operations as sent). */
export interface UpstreamSeed extends Omit<UpstreamPat, 'user_id' | 'hash' | 'secret' | 'revoked'> {
  scopes: Omit<UpstreamScope, 'pat_id'>[];
}

export interface UpstreamOptions {
  /** Where the API is mounted: the upstream serves `/pats` at its root. */
  baseUrl?: string;
  now?: () => number;
  latencyMs?: number;
}

const ENTITY_TYPES = ['groups', 'channels', 'clients', 'dashboards', 'messages', 'domains', 'users'] as const;

/** What an operation is stored and answered as (`auth.Scope.UnmarshalJSON`). */
const OPERATION_ALIASES: Record<string, Record<string, string>> = {
  clients: { create: 'create_clients', list: 'list_clients' },
  channels: { create: 'create_channels', list: 'list_channels' },
  groups: { create: 'create_groups', list: 'list_groups' },
  dashboards: { share: 'dashboard_share', unshare: 'dashboard_unshare' },
  messages: { publish: 'message_publish', subscribe: 'message_subscribe' },
};

function storedOperation(entityType: string, operation: string): string {
  return OPERATION_ALIASES[entityType]?.[operation] ?? operation;
}

/** `IsValidOperationForEntity`: most types take any operation; these take a few; users none. */
const ONLY_OPERATIONS: Record<string, string[]> = {
  dashboards: ['dashboard_share', 'dashboard_unshare'],
  messages: ['message_publish', 'message_subscribe'],
  users: [],
};

const MESSAGES = {
  malformed: 'request body is not a valid JSON, expecting a valid JSON',
  contentType: 'unsupported content type',
  patBearer: 'unsupported content token type',
  noToken: 'missing or invalid bearer user token',
  badToken: 'failed to perform authentication over the entity',
  queryParams: 'invalid query parameters',
  status: 'invalid status',
  name: 'missing identity name',
  description: 'missing description',
  validation: 'something went wrong with the request',
  entityId: 'missing entity id',
  domainId: 'missing domainID',
  operation: 'operation not valid for entity type',
  notFound: 'entity not found',
  createPat: 'failed to create PAT',
  updatePat: 'failed to update PAT',
  updateEntity: 'update entity failed',
  createEntity: 'failed to create entity',
} as const;

const ZERO_TIME = '0001-01-01T00:00:00Z';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SECRET_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ1234567890!@#$%^&&*|+-=';

/** An error answer: `{"message": …}`, the upstream's only error body. */
class UpstreamError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const fail = (status: number, message: string) => new UpstreamError(status, message);

const UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, μs: 1e-3, ms: 1, s: 1e3, m: 60e3, h: 3600e3 };
/** Go's largest duration, about 292 years. */
const MAX_DURATION_MS = 9_223_372_036_854.775;

/** Go's `time.ParseDuration`, in milliseconds; undefined where Go returns an error. */
export function parseGoDuration(text: string): number | undefined {
  const match = /^([-+]?)(.*)$/.exec(text)!;
  const sign = match[1] === '-' ? -1 : 1;
  let rest = match[2]!;
  if (rest === '0') return 0;
  if (rest === '') return undefined;
  let total = 0;
  while (rest !== '') {
    const part = /^(\d*)(?:\.(\d*))?(ns|us|µs|μs|ms|s|m|h)/.exec(rest);
    if (!part || (part[1] === '' && (part[2] ?? '') === '')) return undefined;
    total += Number(`${part[1] || '0'}.${part[2] || '0'}`) * UNITS[part[3]!]!;
    rest = rest.slice(part[0].length);
  }
  return total > MAX_DURATION_MS ? undefined : sign * total;
}

/** A time as Go's RFC3339Nano writes it (trailing fractional zeros trimmed); NULL as the zero time. */
function goTime(ms: number | null): string {
  if (ms === null) return ZERO_TIME;
  return new Date(ms).toISOString().replace(/\.?0*Z$/, 'Z');
}

/** The 16 bytes of a UUID; zeros for an id that is not one (the mock's users are names). */
function uuidBytes(id: string): number[] {
  const hex = UUID.test(id) ? id.replace(/-/g, '') : '0'.repeat(32);
  return Array.from({ length: 16 }, (_, i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16));
}

function base64(bytes: number[] | Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

/** `pat_<base64 of user and PAT ids>_<100 random characters>`, as `generateSecretAndHash` makes it. */
function newSecret(userId: string, patId: string): string {
  const random = crypto.getRandomValues(new Uint8Array(100));
  const tail = Array.from(random, (byte) => SECRET_ALPHABET[byte % SECRET_ALPHABET.length]).join('');
  return `pat_${base64([...uuidBytes(userId), ...uuidBytes(patId)])}_${tail}`;
}

/** Something shaped like the stored scrypt hash (`<hash>.<salt>`); the mock does not check it. */
function fakeHash(): string {
  return `${base64(crypto.getRandomValues(new Uint8Array(32)))}.${base64(crypto.getRandomValues(new Uint8Array(25)))}`;
}

/** The upstream's JSON: compact, with `&`, `<` and `>` escaped, and a newline (Go's json.Encoder). */
function goJson(value: unknown): string {
  return `${JSON.stringify(value).replace(/&/g, '\\u0026').replace(/</g, '\\u003c').replace(/>/g, '\\u003e')}\n`;
}

/** A PAT as the upstream's `PAT.MarshalJSON` writes it: empty strings and a false `revoked` left out. */
function patJson(pat: Partial<UpstreamPat>, secret: string | undefined, status: string): Record<string, unknown> {
  const json: Record<string, unknown> = {};
  if (pat.id) json.id = pat.id;
  if (pat.user_id) json.user_id = pat.user_id;
  if (pat.name) json.name = pat.name;
  if (pat.description) json.description = pat.description;
  if (secret) json.secret = secret;
  json.issued_at = goTime(pat.issued_at ?? null);
  json.expires_at = goTime(pat.expires_at ?? null);
  json.updated_at = goTime(pat.updated_at ?? null);
  json.last_used_at = ZERO_TIME;
  if (pat.revoked) json.revoked = true;
  json.revoked_at = goTime(pat.revoked_at ?? null);
  json.status = status;
  return json;
}

/** The upstream's PATs and scopes, in memory. */
export class UpstreamStore {
  readonly pats = new Map<string, UpstreamPat>();
  scopes: UpstreamScope[] = [];

  constructor(readonly now: () => number = Date.now) {}

  /** The SQL `CASE` of retrieve and list: revoked, then expired, else active. */
  statusOf(pat: UpstreamPat): string {
    return pat.revoked ? 'revoked' : pat.expires_at < this.now() ? 'expired' : 'active';
  }

  /** `Retrieve`: the caller's PAT, or undefined (which the upstream answers as an empty PAT). */
  owned(userId: string, id: string): UpstreamPat | undefined {
    const pat = this.pats.get(id);
    return pat?.user_id === userId ? pat : undefined;
  }

  create(userId: string, name: string, description: string, durationMs: number): Record<string, unknown> {
    if (name.length > 254) throw fail(422, MESSAGES.createPat);
    const id = randomUuid();
    const issued = this.now();
    const secret = newSecret(userId, id);
    const pat: UpstreamPat = {
      id,
      user_id: userId,
      name,
      description,
      hash: fakeHash(),
      secret,
      issued_at: issued,
      expires_at: issued + durationMs,
      updated_at: null,
      revoked: false,
      revoked_at: null,
    };
    this.pats.set(id, pat);
    return patJson(pat, secret, 'active');
  }

  /**
   * Puts a PAT and its scopes in as if made through the API (a fresh secret), for scenarios. Each
   * scope's operation is stored as the upstream stores it (`create` of clients as `create_clients`).
   */
  seed(userId: string, seed: UpstreamSeed): void {
    const { scopes, ...fields } = seed;
    this.pats.set(seed.id, {
      ...fields,
      user_id: userId,
      secret: newSecret(userId, seed.id),
      hash: fakeHash(),
      revoked: seed.revoked_at !== null,
    });
    for (const scope of scopes)
      this.scopes.push({ ...scope, pat_id: seed.id, operation: storedOperation(scope.entity_type, scope.operation) });
  }
}

type RouteName = 'pats' | 'pat' | 'name' | 'description' | 'reset' | 'revoke' | 'scopes' | 'addScopes' | 'removeScopes';

/** chi's routes: the path (a trailing slash only where chi mounts a sub-router) and the methods it serves. */
const ROUTES: { name: RouteName; pattern: RegExp; methods: string[] }[] = [
  { name: 'pats', pattern: /^\/pats\/?$/, methods: ['POST', 'GET', 'DELETE'] },
  { name: 'pat', pattern: /^\/pats\/([^/]*)\/?$/, methods: ['GET', 'DELETE'] },
  { name: 'name', pattern: /^\/pats\/([^/]*)\/name$/, methods: ['PATCH'] },
  { name: 'description', pattern: /^\/pats\/([^/]*)\/description$/, methods: ['PATCH'] },
  { name: 'reset', pattern: /^\/pats\/([^/]*)\/secret\/reset$/, methods: ['PATCH'] },
  { name: 'revoke', pattern: /^\/pats\/([^/]*)\/secret\/revoke$/, methods: ['PATCH'] },
  { name: 'scopes', pattern: /^\/pats\/([^/]*)\/scope\/?$/, methods: ['GET', 'DELETE'] },
  { name: 'addScopes', pattern: /^\/pats\/([^/]*)\/scope\/add$/, methods: ['PATCH'] },
  { name: 'removeScopes', pattern: /^\/pats\/([^/]*)\/scope\/remove$/, methods: ['PATCH'] },
];

/** The routes whose decoder checks the Content-Type and reads a JSON body. */
const WITH_BODY = new Set(['POST pats', 'PATCH name', 'PATCH description', 'PATCH reset', 'PATCH addScopes', 'PATCH removeScopes']);

interface Call {
  request: Request;
  method: string;
  route: RouteName;
  id: string;
  query: URLSearchParams;
}

interface Answer {
  status: number;
  /** Written as the upstream's JSON; undefined for an empty body. */
  body?: unknown;
}

/** `ExtractBearerToken`: what follows exactly `Bearer `, or ''. */
function bearer(request: Request): string {
  const header = request.headers.get('authorization') ?? '';
  return header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
}

/** go-kit's decoders: the Content-Type is a case-sensitive substring test, made first. */
function requireJsonType(request: Request) {
  if (!(request.headers.get('content-type') ?? '').includes('application/json')) throw fail(415, MESSAGES.contentType);
}

function refusePatBearer(token: string) {
  if (token.startsWith('pat_')) throw fail(400, MESSAGES.patBearer);
}

/** `json.Decoder.Decode` into a struct: the first JSON value, which must be an object. */
async function readObject(request: Request): Promise<Record<string, unknown>> {
  const text = await request.text();
  try {
    const value: unknown = JSON.parse(text);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // Go reads the first value only; the mock wants the whole body to be one.
  }
  throw fail(400, MESSAGES.malformed);
}

/** A field of a Go struct, matched without regard to case; a wrong JSON type is a decoding error. */
function field(body: Record<string, unknown>, name: string, type: 'string' | 'array'): unknown {
  const key = Object.keys(body).find((candidate) => candidate.toLowerCase() === name);
  const value = key === undefined ? undefined : body[key];
  if (value === undefined || value === null) return undefined;
  if (type === 'string' ? typeof value !== 'string' : !Array.isArray(value)) throw fail(400, MESSAGES.malformed);
  return value;
}

/** The duration of create and reset: a Go duration string, required. */
function durationOf(body: Record<string, unknown>): number {
  const text = (field(body, 'duration', 'string') as string | undefined) ?? '';
  const ms = parseGoDuration(text);
  if (ms === undefined) throw fail(400, MESSAGES.malformed);
  return ms;
}

/** `ReadNumQuery`: an unsigned integer, its default when absent; a bad or repeated value is 400. */
function numberQuery(query: URLSearchParams, name: string, fallback: number): number {
  const values = query.getAll(name);
  if (values.length === 0) return fallback;
  if (values.length > 1 || !/^\d+$/.test(values[0]!)) throw fail(400, MESSAGES.queryParams);
  return Number(values[0]);
}

function stringQuery(query: URLSearchParams, name: string): string {
  const values = query.getAll(name);
  if (values.length > 1) throw fail(400, MESSAGES.queryParams);
  return values[0] ?? '';
}

/** SQL `ILIKE '%' || text || '%'`: `%` and `_` in the text are wildcards too. */
function ilike(name: string, text: string): boolean {
  const pattern = text
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/%/g, '.*')
    .replace(/_/g, '.');
  return new RegExp(pattern, 'is').test(name);
}

/** What a route's decoder reads from the body; its custom UnmarshalJSON refuses the rest (400). */
interface Decoded {
  name: string;
  description: string;
  durationMs: number;
  scopes: ScopeInput[];
  scopeIds: unknown[];
}

async function decodeBody(request: Request, key: string): Promise<Decoded> {
  const decoded: Decoded = { name: '', description: '', durationMs: 0, scopes: [], scopeIds: [] };
  if (!WITH_BODY.has(key)) return decoded;
  const body = await readObject(request);
  const text = (name: string) => (field(body, name, 'string') as string | undefined) ?? '';
  decoded.name = text('name');
  decoded.description = text('description');
  if (key === 'POST pats' || key === 'PATCH reset') decoded.durationMs = durationOf(body);
  if (key === 'PATCH addScopes') decoded.scopes = decodeScopes(body);
  if (key === 'PATCH removeScopes') decoded.scopeIds = (field(body, 'scopes_id', 'array') as unknown[] | undefined) ?? [];
  return decoded;
}

/** The fields' rules of each request's `validate()`, after the token's. */
function validate(key: string, id: string, body: Decoded) {
  if (key.endsWith(' pats')) return;
  if (id === '') throw fail(400, 'missing pat id');
  if (key === 'PATCH name' && body.name.trim() === '') throw fail(400, MESSAGES.name);
  if (key === 'PATCH description' && body.description.trim() === '') throw fail(400, MESSAGES.description);
  if (key === 'PATCH addScopes') validateScopes(body.scopes);
  if (key === 'PATCH removeScopes' && body.scopeIds.length === 0) throw fail(400, MESSAGES.validation);
}

/** The upstream's answer to one routed request (chi already matched its path and method). */
async function answer(store: UpstreamStore, call: Call): Promise<Answer> {
  const { request, method, route, id, query } = call;
  const key = `${method} ${route}`;
  const token = bearer(request);
  if (WITH_BODY.has(key)) requireJsonType(request);
  const listsPats = key === 'GET pats';
  const paged = listsPats || key === 'GET scopes';
  const limit = paged ? numberQuery(query, 'limit', 10) : 10;
  const offset = paged ? numberQuery(query, 'offset', 0) : 0;
  const name = listsPats ? stringQuery(query, 'name') : '';
  const byId = listsPats ? stringQuery(query, 'id') : '';
  refusePatBearer(token);
  const status = listsPats ? stringQuery(query, 'status') || 'active' : 'all';
  if (!['active', 'revoked', 'expired', 'all'].includes(status)) throw fail(400, MESSAGES.status);
  const body = await decodeBody(request, key);
  if (!token) throw fail(401, MESSAGES.noToken);
  if (key === 'POST pats' && body.name.trim() === '') throw fail(400, MESSAGES.name);
  validate(key, id, body);
  const userId = mockTokenUser(token);
  if (!userId) throw fail(401, MESSAGES.badToken);
  const now = store.now();
  const own = store.owned(userId, id);

  switch (key) {
    case 'POST pats':
      return { status: 201, body: store.create(userId, body.name, body.description, body.durationMs) };
    case 'GET pats': {
      const matching = [...store.pats.values()]
        .filter((pat) => pat.user_id === userId && (!name || ilike(pat.name, name)) && (!byId || pat.id === byId))
        .filter((pat) => status === 'all' || store.statusOf(pat) === status)
        .sort((a, b) => b.issued_at - a.issued_at);
      const pats = matching.slice(offset, offset + limit).map((pat) => patJson(pat, undefined, store.statusOf(pat)));
      return { status: 200, body: { total: matching.length, offset, limit, pats } };
    }
    case 'DELETE pats':
      for (const pat of [...store.pats.values()]) if (pat.user_id === userId) removePat(store, pat.id);
      return { status: 200 };
    case 'GET pat':
      return { status: 200, body: own ? patJson(own, own.hash, store.statusOf(own)) : patJson({}, undefined, 'active') };
    case 'DELETE pat':
      if (own) removePat(store, id);
      return { status: 204 };
    case 'PATCH name':
    case 'PATCH description': {
      if (!own) throw fail(404, MESSAGES.notFound);
      if (route === 'name' && body.name.length > 254) throw fail(422, MESSAGES.updatePat);
      if (route === 'name') own.name = body.name;
      else own.description = body.description;
      own.updated_at = now;
      // RETURNING has no status column: the zero value, active, whatever the PAT's state.
      return { status: 202, body: patJson(own, own.hash, 'active') };
    }
    case 'PATCH reset': {
      if (!UUID.test(id)) throw fail(422, MESSAGES.updateEntity);
      if (!own) throw fail(404, MESSAGES.notFound);
      const wasRevoked = own.revoked;
      own.secret = newSecret(userId, id);
      own.hash = fakeHash();
      own.expires_at = now + body.durationMs;
      own.updated_at = now;
      own.revoked = false;
      own.revoked_at = null;
      // The answer's `revoked` was read before the PAT was reactivated.
      return { status: 200, body: patJson({ ...own, revoked: wasRevoked }, own.secret, 'active') };
    }
    case 'PATCH revoke':
      if (own) {
        own.revoked = true;
        own.revoked_at = now;
      }
      return { status: 204 };
    case 'GET scopes': {
      // No owner check on the scope routes: any PAT's scopes, by its id.
      const all = store.scopes.filter((scope) => scope.pat_id === id);
      return { status: 200, body: { total: all.length, offset, limit, scopes: all.slice(offset, offset + limit) } };
    }
    case 'DELETE scopes':
      store.scopes = store.scopes.filter((scope) => scope.pat_id !== id);
      return { status: 200 };
    case 'PATCH addScopes':
      addScopes(store, id, body.scopes);
      return { status: 200 };
    case 'PATCH removeScopes': {
      const before = store.scopes.length;
      store.scopes = store.scopes.filter((scope) => !body.scopeIds.includes(scope.id));
      if (store.scopes.length === before) throw fail(404, MESSAGES.notFound);
      return { status: 200 };
    }
  }
  throw new Error(`no answer for ${key}`);
}

function removePat(store: UpstreamStore, id: string) {
  store.pats.delete(id);
  store.scopes = store.scopes.filter((scope) => scope.pat_id !== id);
}

type ScopeInput = Omit<UpstreamScope, 'id' | 'pat_id'>;

/** `addScopeReq.UnmarshalJSON`: entity types by name (absent is `groups`), operations aliased. */
function decodeScopes(body: Record<string, unknown>): ScopeInput[] {
  const list = (field(body, 'scopes', 'array') as unknown[] | undefined) ?? [];
  return list.map((item) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) throw fail(400, MESSAGES.malformed);
    const scope = item as Record<string, unknown>;
    const typeKey = Object.keys(scope).find((key) => key.toLowerCase() === 'entity_type');
    const rawType = typeKey === undefined ? 'groups' : scope[typeKey];
    if (typeof rawType !== 'string' || !(ENTITY_TYPES as readonly string[]).includes(rawType)) throw fail(400, MESSAGES.malformed);
    const text = (name: string) => (field(scope, name, 'string') as string | undefined) ?? '';
    const operation = text('operation');
    return {
      entity_type: rawType,
      operation: storedOperation(rawType, operation),
      entity_id: text('entity_id'),
      domain_id: text('domain_id'),
    };
  });
}

/** `addScopeReq.validate`: at least one scope, each with an entity id, a domain and an operation its type takes. */
function validateScopes(scopes: ScopeInput[]) {
  if (scopes.length === 0) throw fail(400, MESSAGES.validation);
  for (const scope of scopes) {
    if (!scope.entity_id) throw fail(400, MESSAGES.entityId);
    if (!scope.domain_id) throw fail(400, MESSAGES.domainId);
    const only = ONLY_OPERATIONS[scope.entity_type];
    if (only && !only.includes(scope.operation)) throw fail(400, MESSAGES.operation);
  }
}

/**
 * `patRepo.AddScope`, scope by scope and without a transaction: a scope that a wildcard already
 * covers is 422; a new wildcard takes over the one specific scope of its key; the rest go in one
 * insert, which fails (422) on a duplicate, a missing PAT or a field too long for its column.
 */
function addScopes(store: UpstreamStore, patId: string, scopes: ScopeInput[]) {
  const sameKey = (a: ScopeInput, b: ScopeInput) =>
    a.entity_type === b.entity_type && a.domain_id === b.domain_id && a.operation === b.operation;
  const inserts: UpstreamScope[] = [];
  for (const scope of scopes) {
    const existing = store.scopes.filter((other) => other.pat_id === patId && sameKey(other, scope));
    if (existing.some((other) => other.entity_id === '*')) throw fail(422, MESSAGES.createEntity);
    if (scope.entity_id === '*' && existing.length > 0) {
      if (existing.length > 1) throw fail(422, MESSAGES.createEntity);
      existing[0]!.entity_id = '*';
      continue;
    }
    const { domain_id, entity_type, entity_id, operation } = scope;
    inserts.push({ id: randomUuid(), pat_id: patId, domain_id, entity_type, entity_id, operation });
  }
  const key = (scope: ScopeInput) => JSON.stringify([scope.entity_type, scope.domain_id, scope.operation, scope.entity_id]);
  const taken = new Set(store.scopes.filter((scope) => scope.pat_id === patId).map(key));
  for (const scope of inserts) {
    const tooLong = scope.domain_id.length > 36 || scope.entity_id.length > 50 || scope.operation.length > 50;
    if (!store.pats.has(patId) || tooLong || taken.has(key(scope))) throw fail(422, MESSAGES.createEntity);
    taken.add(key(scope));
  }
  store.scopes.push(...inserts);
}

/** chi's answer to a path it knows with a method it does not: 405, no body, `Allow`. */
function methodNotAllowed(methods: string[]): Response {
  const headers = new Headers();
  for (const method of methods) headers.append('Allow', method);
  return new Response(null, { status: 405, headers });
}

/** chi's `http.NotFound`. */
function notFound(): Response {
  return new Response('404 page not found\n', {
    status: 404,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' },
  });
}

/** go-kit's `EncodeResponse` and `EncodeError`: always `application/json`; a 500 has no body. */
function toResponse(result: Answer): Response {
  const body = result.body === undefined ? null : goJson(result.body);
  return new Response(body, { status: result.status, headers: { 'Content-Type': 'application/json' } });
}

/**
 * MSW handlers that answer like an unmodified upstream auth service at `baseUrl`, whose `/pats`
 * routes are its PAT API (anything else there is chi's 404). One handler takes everything under it: chi's routing (case-sensitive, strict about trailing
 * slashes, 405 with `Allow`) is not MSW's, so it is done here.
 */
export function createUpstreamHandlers(store: UpstreamStore, options: UpstreamOptions = {}): HttpHandler[] {
  const base = (options.baseUrl ?? '').replace(/\/+$/, '');
  // An absolute base URL names its origin; a path matches on any origin.
  const { origin, pathname: prefix } = /^[a-z][a-z\d+.-]*:/i.test(base) ? new URL(base) : { origin: undefined, pathname: base };
  const root = prefix.replace(/\/+$/, '');
  const pathOf = (url: string) => {
    const parsed = new URL(url);
    if (origin !== undefined && parsed.origin !== origin) return undefined;
    return parsed.pathname.startsWith(`${root}/`) ? parsed.pathname.slice(root.length) : undefined;
  };
  const handler = http.all(
    ({ request }) => pathOf(request.url) !== undefined,
    async ({ request }) => {
      if (options.latencyMs) await delay(options.latencyMs);
      const path = pathOf(request.url)!;
      const route = ROUTES.find(({ pattern }) => pattern.test(path));
      if (!route) return notFound();
      const method = request.method.toUpperCase();
      if (!route.methods.includes(method)) return methodNotAllowed(route.methods);
      const id = route.pattern.exec(path)![1] ?? '';
      try {
        return toResponse(await answer(store, { request, method, route: route.name, id, query: new URL(request.url).searchParams }));
      } catch (error) {
        if (error instanceof UpstreamError) return toResponse({ status: error.status, body: { message: error.message } });
        return toResponse({ status: 500 });
      }
    },
  );
  handler.info.header = `* ${base}/pats (the upstream's PAT API)`;
  return [handler];
}
