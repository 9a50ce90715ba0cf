/**
 * Request validation of the mock API, written by hand (the browser side has no zod) to give
 * exactly the `details` of the real server: the same fields, messages and order as
 * server/pats/pat.schemas.ts under zod 4, then the catalog and lifetime rules of
 * server/pats/pat.service.ts.
 *
 * The zod rules it mirrors, which decide the less obvious answers:
 * - every object reports its fields in schema order; a value that is not an object is one
 *   issue on the object itself (`body` at the top level, `scopes[2]` inside a list);
 * - a string is trimmed (name, duration, ids) before its length is checked, and lengths count
 *   Unicode code points; the length checks also run on a non-string that has a `length`
 *   (so `"name": []` gives "must be a string" and "must not be blank");
 * - a list longer than its maximum gets that one issue and its entries are not looked at;
 * - query numbers are coerced with `Number()`, must be finite whole numbers, then in range.
 */
import {
  LIMITS,
  PAT_SORT_KEYS,
  SORT_DIRECTIONS,
  STATUS_FILTERS,
  operationsOf,
  parseLifetime,
  type Catalog,
  type FieldError,
  type PatSortKey,
  type ScopeInput,
  type SortDirection,
  type StatusFilter,
} from '../contract/index.js';

export type Validated<T> = { ok: true; value: T } | { ok: false; details: FieldError[] };

/** A query string as Express 5 parses it: a repeated key becomes an array. */
export type QueryRecord = Record<string, string | string[] | undefined>;

type Issues = FieldError[];

function codePoints(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    if ((text.charCodeAt(i) & 0xfc00) === 0xd800 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      count--;
      i++;
    }
  }
  return count;
}

interface LengthCheck {
  /** A minimum (`min`) or maximum (`max`) length, checked in the order the schema declares. */
  kind: 'min' | 'max';
  limit: number;
  message: string;
}

/** zod's length checks: they run on anything that has a `length`, string or not. */
function checkLength(value: unknown, field: string, issues: Issues, checks: LengthCheck[]): void {
  if (value === null || value === undefined) return;
  const units = (value as { length?: unknown }).length;
  if (units === undefined) return;
  const length: any = typeof value === 'string' ? codePoints(value) : units;
  for (const check of checks) {
    const fits = check.kind === 'min' ? length >= check.limit : length <= check.limit;
    if (!fits) issues.push({ field, message: check.message });
  }
}

interface TextRule {
  max: number;
  min?: number;
  trim?: boolean;
}

/** `text()` of pat.schemas.ts: a string, maybe trimmed, of `min`…`max` characters. */
function checkText(value: unknown, field: string, issues: Issues, { max, min = 0, trim = false }: TextRule): string | undefined {
  const before = issues.length;
  let out: unknown = value;
  if (typeof value !== 'string') {
    issues.push({ field, message: value === undefined ? 'is required' : 'must be a string' });
  } else if (trim) {
    out = value.trim();
  }
  checkLength(out, field, issues, [
    { kind: 'min', limit: min, message: min === 1 ? 'must not be blank' : `must be at least ${min} characters` },
    { kind: 'max', limit: max, message: `must be at most ${max} characters` },
  ]);
  return issues.length === before ? (out as string) : undefined;
}

const NAME: TextRule = { max: LIMITS.nameMax, min: 1, trim: true };
const DESCRIPTION: TextRule = { max: LIMITS.descriptionMax };
const DURATION: TextRule = { max: LIMITS.durationMax, min: 1, trim: true };
const ID: TextRule = { max: LIMITS.idMax, min: 1, trim: true };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function field(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/** `scopeInput`: type, operation and entity are required ids; an empty domain means any. */
function checkScope(value: unknown, path: string, issues: Issues, objectMessage = 'must be an object'): ScopeInput | undefined {
  if (!isObject(value)) {
    issues.push({ field: path || 'body', message: objectMessage });
    return undefined;
  }
  const before = issues.length;
  const entity_type = checkText(value.entity_type, field(path, 'entity_type'), issues, ID);
  const operation = checkText(value.operation, field(path, 'operation'), issues, ID);
  const entity_id = checkText(value.entity_id, field(path, 'entity_id'), issues, ID);
  const rawDomain = value.domain_id === '' ? null : value.domain_id;
  const domain_id = rawDomain === null || rawDomain === undefined ? rawDomain : checkText(rawDomain, field(path, 'domain_id'), issues, ID);
  if (issues.length !== before) return undefined;
  const scope: ScopeInput = { entity_type: entity_type!, operation: operation!, entity_id: entity_id! };
  if (domain_id !== undefined) scope.domain_id = domain_id;
  return scope;
}

interface ListRule<T> {
  max: number;
  maxMessage: string;
  min?: number;
  minMessage?: string;
  item: (value: unknown, path: string, issues: Issues) => T | undefined;
}

/** `list()` of pat.schemas.ts: an array of at most `max` entries, each checked by `item`. */
function checkList<T>(value: unknown, path: string, issues: Issues, rule: ListRule<T>): T[] | undefined {
  if (Array.isArray(value) && value.length > rule.max) {
    issues.push({ field: path, message: rule.maxMessage });
    return undefined;
  }
  const before = issues.length;
  let out: T[] | undefined;
  if (!Array.isArray(value)) {
    issues.push({ field: path, message: value === undefined ? 'is required' : 'must be an array' });
  } else {
    out = value.map((entry, index) => rule.item(entry, `${path}[${index}]`, issues) as T);
  }
  const checks: LengthCheck[] = [{ kind: 'max', limit: rule.max, message: rule.maxMessage }];
  if (rule.min !== undefined) checks.push({ kind: 'min', limit: rule.min, message: rule.minMessage! });
  checkLength(value, path, issues, checks);
  return issues.length === before ? out : undefined;
}

const scopeList = (min?: number): ListRule<ScopeInput> => ({
  max: LIMITS.scopesPerCall,
  maxMessage: `may hold at most ${LIMITS.scopesPerCall} entries per request`,
  min,
  minMessage: 'must hold at least one scope',
  item: (value, path, issues) => checkScope(value, path, issues),
});

function done<T>(issues: Issues, value: () => T): Validated<T> {
  return issues.length > 0 ? { ok: false, details: issues } : { ok: true, value: value() };
}

function bodyObject(body: unknown, issues: Issues, message = 'must be a JSON object'): body is Record<string, unknown> {
  if (isObject(body)) return true;
  issues.push({ field: 'body', message });
  return false;
}

export interface CreateInput {
  name: string;
  description: string;
  duration: string;
  scopes: ScopeInput[];
}

/** `POST /pats` body (`createPatBody`). */
export function validateCreate(body: unknown): Validated<CreateInput> {
  const issues: Issues = [];
  if (!bodyObject(body, issues)) return done(issues, () => undefined as never);
  const name = checkText(body.name, 'name', issues, NAME);
  const description = body.description === undefined ? '' : checkText(body.description, 'description', issues, DESCRIPTION);
  const duration = checkText(body.duration, 'duration', issues, DURATION);
  const scopes = body.scopes === undefined ? [] : checkList(body.scopes, 'scopes', issues, scopeList());
  return done(issues, () => ({ name: name!, description: description!, duration: duration!, scopes: scopes! }));
}

/** `PATCH /pats/{id}/name` body. */
export function validateRename(body: unknown): Validated<{ name: string }> {
  const issues: Issues = [];
  if (!bodyObject(body, issues)) return done(issues, () => undefined as never);
  const name = checkText(body.name, 'name', issues, NAME);
  return done(issues, () => ({ name: name! }));
}

/** `PATCH /pats/{id}/description` body; an empty description clears it. */
export function validateDescribe(body: unknown): Validated<{ description: string }> {
  const issues: Issues = [];
  if (!bodyObject(body, issues)) return done(issues, () => undefined as never);
  const description = checkText(body.description, 'description', issues, DESCRIPTION);
  return done(issues, () => ({ description: description! }));
}

/** `PATCH /pats/{id}/secret/reset` body. */
export function validateReset(body: unknown): Validated<{ duration: string }> {
  const issues: Issues = [];
  if (!bodyObject(body, issues)) return done(issues, () => undefined as never);
  const duration = checkText(body.duration, 'duration', issues, DURATION);
  return done(issues, () => ({ duration: duration! }));
}

/** `PATCH /pats/{id}/scope/add` body. */
export function validateAddScopes(body: unknown): Validated<{ scopes: ScopeInput[] }> {
  const issues: Issues = [];
  if (!bodyObject(body, issues)) return done(issues, () => undefined as never);
  const scopes = checkList(body.scopes, 'scopes', issues, scopeList(1));
  return done(issues, () => ({ scopes: scopes! }));
}

/** `PATCH /pats/{id}/scope/remove` body. */
export function validateRemoveScopes(body: unknown): Validated<{ scopes_id: string[] }> {
  const issues: Issues = [];
  if (!bodyObject(body, issues)) return done(issues, () => undefined as never);
  const ids = checkList(body.scopes_id, 'scopes_id', issues, {
    max: LIMITS.scopesPerCall,
    maxMessage: `may hold at most ${LIMITS.scopesPerCall} entries per request`,
    min: 1,
    minMessage: 'must hold at least one scope id',
    item: (value, path, inner) => checkText(value, path, inner, ID),
  });
  return done(issues, () => ({ scopes_id: ids! }));
}

/** `POST /authorize` body: the shape of a scope. */
export function validateAuthorize(body: unknown): Validated<ScopeInput> {
  const issues: Issues = [];
  const scope = checkScope(body, '', issues);
  return done(issues, () => scope!);
}

/** `POST /demo/login` body. */
export function validateLogin(body: unknown): Validated<{ user: string }> {
  const issues: Issues = [];
  if (!bodyObject(body, issues)) return done(issues, () => undefined as never);
  const user = body.user;
  if (typeof user !== 'string') issues.push({ field: 'user', message: 'is required' });
  checkLength(user, 'user', issues, [{ kind: 'max', limit: 64, message: 'is too long' }]);
  return done(issues, () => ({ user: user as string }));
}

/** `count()` of pat.schemas.ts: a query number, coerced like `z.coerce.number()`. */
function checkCount(raw: unknown, name: string, issues: Issues, fallback: number, max: number, least: number): number | undefined {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || !Number.isInteger(value)) {
    issues.push({ field: name, message: 'must be a whole number' });
    return undefined;
  }
  const before = issues.length;
  if (!Number.isSafeInteger(value)) issues.push({ field: name, message: 'must be a whole number' });
  if (!(value >= least)) issues.push({ field: name, message: `must be at least ${least}` });
  if (!(value <= max)) issues.push({ field: name, message: `must be at most ${max}` });
  return issues.length === before ? value : undefined;
}

function checkOneOf<T extends string>(raw: unknown, name: string, issues: Issues, values: readonly T[], fallback: T): T | undefined {
  if (raw === undefined) return fallback;
  if ((values as readonly unknown[]).includes(raw)) return raw as T;
  issues.push({ field: name, message: `must be one of ${values.join(', ')}` });
  return undefined;
}

export interface PageInput {
  offset: number;
  limit: number;
}

function checkPage(query: QueryRecord, issues: Issues): Partial<PageInput> {
  return {
    offset: checkCount(query.offset, 'offset', issues, 0, Number.MAX_SAFE_INTEGER, 0),
    limit: checkCount(query.limit, 'limit', issues, LIMITS.pageDefault, LIMITS.pageMax, 1),
  };
}

/** `GET /pats/{id}/scope` query (`pageQuery`). */
export function validatePageQuery(query: QueryRecord): Validated<PageInput> {
  const issues: Issues = [];
  const page = checkPage(query, issues);
  return done(issues, () => page as PageInput);
}

export interface ListInput extends PageInput {
  name?: string;
  id?: string;
  status: StatusFilter;
  sort: PatSortKey;
  dir: SortDirection;
}

/** `GET /pats` query (`listPatsQuery`). */
export function validateListQuery(query: QueryRecord): Validated<ListInput> {
  const issues: Issues = [];
  const page = checkPage(query, issues);
  const name = query.name === undefined ? undefined : checkText(query.name, 'name', issues, { max: LIMITS.searchMax });
  const id = query.id === undefined ? undefined : checkText(query.id, 'id', issues, { max: LIMITS.idMax });
  const status = checkOneOf(query.status, 'status', issues, STATUS_FILTERS, 'active');
  const sort = checkOneOf(query.sort, 'sort', issues, PAT_SORT_KEYS, 'issued_at');
  const dir = checkOneOf(query.dir, 'dir', issues, SORT_DIRECTIONS, 'desc');
  return done(issues, () => {
    const value: ListInput = { ...(page as PageInput), status: status!, sort: sort!, dir: dir! };
    if (name !== undefined) value.name = name;
    if (id !== undefined) value.id = id;
    return value;
  });
}

/** Turns a URL's query string into what Express 5's simple query parser gives a route. */
export function queryRecord(params: URLSearchParams): QueryRecord {
  const record: QueryRecord = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    record[key] = values.length === 1 ? values[0] : values;
  }
  return record;
}

// The service rules (pat.service.ts), checked after the shape: they need config.

/** A PAT lifetime: positive and no longer than the maximum; `field` is `duration`. */
export function checkLifetime(duration: string, maxLifetimeMs: number): Validated<number> {
  const result = parseLifetime(duration, maxLifetimeMs);
  return result.ok ? { ok: true, value: result.ms } : { ok: false, details: [{ field: 'duration', message: result.reason }] };
}

/** Every scope must name a catalog type and an operation that type allows. */
export function checkScopesAgainstCatalog(
  scopes: ScopeInput[],
  catalog: Pick<Catalog, 'entity_types'>,
  path = 'scopes',
): Validated<ScopeInput[]> {
  const details: FieldError[] = [];
  scopes.forEach((scope, index) => {
    const operations = operationsOf(catalog, scope.entity_type);
    if (!operations) {
      details.push({ field: `${path}[${index}].entity_type`, message: `is not a known entity type ("${scope.entity_type}")` });
    } else if (!operations.includes(scope.operation)) {
      details.push({ field: `${path}[${index}].operation`, message: `must be one of ${operations.join(', ')} for ${scope.entity_type}` });
    }
  });
  return details.length > 0 ? { ok: false, details } : { ok: true, value: scopes };
}
