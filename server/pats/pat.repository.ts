import { sql, type ExpressionBuilder, type Insertable, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import {
  EXPIRING_SOON_MS,
  nameKey,
  type PatLeak,
  type PatSortKey,
  type SortDirection,
  type StatusFilter,
  type Summary,
} from '../../contract/index.js';
import { sqliteReadsOf } from '../db/database.js';
import { QueryShapes } from '../db/query-shapes.js';
import { dialectOf } from '../db/dialect.js';
import type { Database, PatsTable, PatScopesTable } from '../db/schema.js';

/** All SQL about PATs and their scopes. Every function takes the database or a transaction. */
type Db = Kysely<Database>;

export type PatRow = Selectable<PatsTable>;
type PublicRow = Omit<PatRow, 'token_hash' | 'grants' | 'name_key' | 'expiry_notice'> & { scopes_count: number | string | null };

/**
 * A PAT as the repository gives it to the rest of the server: `revoked` a boolean and the scope
 * count a number, whichever database stored them (SQLite's 0/1, PostgreSQL's bigint strings).
 */
export type StoredPat = Omit<
  PublicRow,
  'revoked' | 'scopes_count' | 'allowed_ips' | 'leaked_at' | 'leak_url' | 'leak_source' | 'max_idle_ms'
> & {
  revoked: boolean;
  scopes_count: number;
  allowed_ips: string[];
  leak: PatLeak | null;
  max_idle_ms: number | null;
};

/** A `max_idle_ms` column as a number (PostgreSQL answers its bigint as a string). */
export function idleMsOf(column: number | string | null): number | null {
  return column === null ? null : Number(column);
}

/**
 * The one mapping from a row to a StoredPat. Field by field: a rest copy of the row would also
 * carry a page's `total` along, and is slower to make and to serialize.
 */
function storedPat(row: PublicRow): StoredPat {
  return {
    id: row.id,
    user_id: row.user_id,
    name: row.name,
    description: row.description,
    created_at: row.created_at,
    issued_at: row.issued_at,
    expires_at: row.expires_at,
    updated_at: row.updated_at,
    last_used_at: row.last_used_at,
    last_used_ip: row.last_used_ip,
    revoked: row.revoked === 1,
    revoked_at: row.revoked_at,
    scopes_count: Number(row.scopes_count ?? 0),
    allowed_ips: parseAllowedIps(row.allowed_ips),
    leak: row.leaked_at === null ? null : { reported_at: row.leaked_at, url: row.leak_url ?? '', source: row.leak_source ?? '' },
    max_idle_ms: idleMsOf(row.max_idle_ms),
    ends_at: row.ends_at,
  };
}

/** A PAT's `allowed_ips` column as a list: `[]` (any address) is the common case, and needs no parse. */
export function parseAllowedIps(column: string): string[] {
  return column === '[]' ? [] : (JSON.parse(column) as string[]);
}
export type ScopeRow = Selectable<PatScopesTable>;

const publicColumns = [
  'pats.id',
  'pats.user_id',
  'pats.name',
  'pats.description',
  'pats.created_at',
  'pats.issued_at',
  'pats.expires_at',
  'pats.updated_at',
  'pats.revoked',
  'pats.revoked_at',
  'pats.last_used_at',
  'pats.last_used_ip',
  'pats.allowed_ips',
  'pats.leaked_at',
  'pats.leak_url',
  'pats.leak_source',
  'pats.max_idle_ms',
  'pats.ends_at',
] as const;

function scopesCount(eb: ExpressionBuilder<Database, 'pats'>) {
  return eb
    .selectFrom('pat_scopes')
    .select((inner) => inner.fn.countAll<number>().as('n'))
    .whereRef('pat_scopes.pat_id', '=', 'pats.id')
    .as('scopes_count');
}

/** Whether the database holds any PAT at all. */
export async function hasPats(db: Db): Promise<boolean> {
  return (await db.selectFrom('pats').select('id').limit(1).executeTakeFirst()) !== undefined;
}

export async function insertPat(db: Db, row: Insertable<PatsTable>): Promise<void> {
  await db.insertInto('pats').values(row).execute();
}

export async function findPat(db: Db, userId: string, id: string): Promise<StoredPat | undefined> {
  const row = await db
    .selectFrom('pats')
    .select(publicColumns)
    .select(scopesCount)
    .where('pats.user_id', '=', userId)
    .where('pats.id', '=', id)
    .executeTakeFirst();
  return row && storedPat(row);
}

type CredentialRow = Pick<
  PatRow,
  | 'user_id'
  | 'token_hash'
  | 'expires_at'
  | 'ends_at'
  | 'max_idle_ms'
  | 'revoked'
  | 'last_used_at'
  | 'last_used_ip'
  | 'grants'
  | 'allowed_ips'
>;

/** What authorize reads of a PAT, `revoked` mapped as in StoredPat. */
export type Credential = Omit<CredentialRow, 'revoked'> & { revoked: boolean };

const CREDENTIAL_COLUMNS = [
  'user_id',
  'token_hash',
  'expires_at',
  'ends_at',
  'max_idle_ms',
  'revoked',
  'last_used_at',
  'last_used_ip',
  'grants',
  'allowed_ips',
] as const satisfies readonly (keyof CredentialRow)[];

/** A CredentialRow as better-sqlite3's raw mode gives it: an array in the order of CREDENTIAL_COLUMNS. */
type CredentialTuple = [
  user_id: string,
  token_hash: string,
  expires_at: string,
  ends_at: string,
  max_idle_ms: CredentialRow['max_idle_ms'],
  revoked: number,
  last_used_at: string | null,
  last_used_ip: string | null,
  grants: string,
  allowed_ips: string,
];

function credentialOf([
  user_id,
  token_hash,
  expires_at,
  ends_at,
  max_idle_ms,
  revoked,
  last_used_at,
  last_used_ip,
  grants,
  allowed_ips,
]: CredentialTuple): Credential {
  return { user_id, token_hash, expires_at, ends_at, max_idle_ms, revoked: revoked === 1, last_used_at, last_used_ip, grants, allowed_ips };
}

/** A PAT's `grants` column from its scope rows (see PatsTable.grants). */
export function grantsOf(scopes: readonly Pick<ScopeRow, 'entity_type' | 'operation' | 'entity_id' | 'domain_id'>[]): string {
  return JSON.stringify(scopes.map((scope) => [scope.entity_type, scope.operation, scope.entity_id, scope.domain_id]));
}

/** Parses a `grants` column into scopes as authorize matches them (no domain is null). */
export function parseGrants(grants: string): { entity_type: string; operation: string; entity_id: string; domain_id: string | null }[] {
  return (JSON.parse(grants) as [string, string, string, string][]).map(([entity_type, operation, entity_id, domain_id]) => ({
    entity_type,
    operation,
    entity_id,
    domain_id: domain_id || null,
  }));
}

/**
 * The authorize read: one PAT by primary key, its scopes in its own row. Compiled once, as it
 * is on the path of every cache miss. On SQLite it answers at once (no promise) when it can.
 */
export function credentialReader(db: Db): (id: string) => Credential | undefined | Promise<Credential | undefined> {
  const compiled = db.selectFrom('pats').select(CREDENTIAL_COLUMNS).where('id', '=', '').compile();
  // On SQLite, the statement is run on the connection itself, in the turn's read transaction
  // (see TurnReads): kysely's queue and promises cost about a third of the read. Kysely runs each
  // query to its end at once, so only a transaction holds the connection across a wait, and
  // while one is open the read queues as any other. Rows come as arrays: better-sqlite3 builds
  // an object a property at a time, a third of the cost of reading a row from the page cache.
  const reads = sqliteReadsOf(db);
  const statement = reads?.prepare<[string], CredentialTuple>(compiled.sql).raw(true);
  return (id) => {
    if (statement && !reads!.blocked) {
      const tuple = reads!.get(statement, id) as CredentialTuple | undefined;
      return tuple && credentialOf(tuple);
    }
    return db
      .executeQuery<CredentialRow>({ ...compiled, parameters: [id] })
      .then(({ rows: [row] }) => row && { ...row, revoked: row.revoked === 1 });
  };
}

export interface PatListFilter {
  userId: string;
  now: string;
  /**
   * Where "expiring soon" ends: an active PAT expiring in (now, soon] is in the `expiring` list,
   * if it lives longer than that window (`longLived`).
   */
  soon: string;
  /**
   * One status, or several that `normalizeStatuses` made disjoint (two or more, no `all`): the
   * PATs in any of them. A single status has the SQL tuned for it; several are OR-ed.
   */
  status: StatusFilter | readonly StatusFilter[];
  name?: string;
  id?: string;
}

export interface PatListOrder {
  sort: PatSortKey;
  dir: SortDirection;
  offset: number;
  limit: number;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** A list's filter as its statement has it: the name search as its LIKE pattern, and the total counted before, if any. */
type ListFilter = Omit<PatListFilter, 'name'> & { namePattern?: string; known?: KnownTotal };

/**
 * A name search's total as a page counted it: the user's `pat_counts.version` then, and the
 * earliest end after that moment of an unrevoked PAT it matched (NEVER when none, or when time
 * cannot change it). The next page of the same search takes it instead of counting again, if
 * the database finds that version unchanged and that end not reached (totalOrKnown).
 */
interface KnownTotal {
  version: number | string;
  total: number;
  until: string;
}

/** An `until` that never comes: ISO-8601 times order as text. */
const NEVER = '9999-12-31T23:59:59.999Z';

/** The most known totals kept per database; past it the oldest goes. */
const KNOWN_TOTALS_PER_DATABASE = 1_000;

/** Known totals by database, then by user, status and search (knownKey). */
const knownTotals = new WeakMap<Db, Map<string, KnownTotal>>();

/**
 * The list's filter. With `walk` (SQLite only), "active" (which most of a user's PATs are) is a per-row check
 * no index can serve: as a plain range it leads SQLite, which has no statistics unless someone
 * runs ANALYZE, to the ends_at index and a sort of every active row, whatever the sort key.
 * So a page walks its sort key's index and stops after `limit` rows; the indexes it walks carry
 * the status and the name key, so the rows it passes over are never read from the table. The
 * counts keep the plain form, which the covering index `pats_user_status` answers alone.
 */
function filtered(db: Db, filter: ListFilter, walk = false) {
  let query = db.selectFrom('pats').where('pats.user_id', '=', filter.userId);
  if (typeof filter.status !== 'string') {
    const statuses = filter.status;
    query = query.where((eb) => eb.or(statuses.map((status) => statusCondition(db, eb, status, filter))));
  } else if (filter.status === 'active' && walk) {
    query = query.where(sql<boolean>`(case when pats.revoked = 0 and pats.ends_at > ${filter.now} then 1 else 0 end) = 1`);
  } else if (filter.status === 'active') {
    query = query.where('pats.revoked', '=', 0).where('pats.ends_at', '>', filter.now);
  } else if (filter.status === 'expiring') {
    query = query
      .where('pats.revoked', '=', 0)
      .where('pats.ends_at', '>', filter.now)
      .where('pats.ends_at', '<=', filter.soon)
      .where(longLived(db));
  } else if (filter.status === 'revoked') {
    query = query.where('pats.revoked', '=', 1);
  } else if (filter.status === 'expired') {
    query = query.where('pats.revoked', '=', 0).where('pats.ends_at', '<=', filter.now);
  }
  if (filter.id !== undefined) query = query.where('pats.id', '=', filter.id);
  if (filter.namePattern !== undefined) query = query.where(sql<boolean>`pats.name_key like ${filter.namePattern} escape '\\'`);
  return query;
}

/** One status of several, as `filtered` has it alone (`all` is every PAT). */
function statusCondition(db: Db, eb: ExpressionBuilder<Database, 'pats'>, status: StatusFilter, { now, soon }: ListFilter) {
  const unrevoked = eb('pats.revoked', '=', 0);
  switch (status) {
    case 'all':
      return eb.lit(true);
    case 'active':
      return eb.and([unrevoked, eb('pats.ends_at', '>', now)]);
    case 'expiring':
      return eb.and([unrevoked, eb('pats.ends_at', '>', now), eb('pats.ends_at', '<=', soon), longLived(db)]);
    case 'revoked':
      return eb('pats.revoked', '=', 1);
    case 'expired':
      return eb.and([unrevoked, eb('pats.ends_at', '<=', now)]);
  }
}

/**
 * The "expiring soon" window in whole seconds: a PostgreSQL interval, and a SQLite date modifier
 * back by it. Seconds, not `7 days`: PostgreSQL adds days to a timestamptz as calendar days of the
 * session's time zone, 23 or 25 hours across a daylight-saving change.
 */
const SOON_INTERVAL = sql.raw(`interval '${EXPIRING_SOON_MS / 1000} seconds'`);
const SOON_BEFORE = sql.raw(`'-${EXPIRING_SOON_MS / 1000} seconds'`);

/**
 * Whether the PAT's current lifetime, `ends_at − issued_at`, is longer than the "expiring
 * soon" window: a PAT made (or regenerated) to live that long or less is never expiring soon
 * (`isExpiringSoon`). A per-row check within the expiring range of the status index, which still
 * narrows the rows. Exact to the millisecond on both databases: on SQLite, `issued_at` against
 * `ends_at` less the window written as `toISOString()` writes it (`%f` is seconds with
 * milliseconds), compared as text like every other time; on PostgreSQL, as two instants.
 */
function longLived(db: Db): RawBuilder<boolean> {
  return dialectOf(db) === 'postgres'
    ? sql<boolean>`pats.issued_at::timestamptz < pats.ends_at::timestamptz - ${SOON_INTERVAL}`
    : sql<boolean>`pats.issued_at < strftime('%Y-%m-%dT%H:%M:%fZ', pats.ends_at, ${SOON_BEFORE})`;
}

/** The name search's LIKE pattern: a substring of the name's key (case- and compatibility-insensitive). */
function namePattern(name: string): string {
  return `%${escapeLike(nameKey(name))}%`;
}

/**
 * Orders a page so that the matching index is walked, not sorted: names are unique per user;
 * other keys break ties by id. "By expiry" is by `ends_at`, when the PAT stops working.
 * Never-used PATs count as the least recently used (SQLite's native NULL order, spelled out so
 * Postgres agrees).
 */
function orderBy<Q extends { orderBy(expression: RawBuilder<unknown>): Q }>(query: Q, { sort, dir }: PatListOrder): Q {
  const direction = dir === 'asc' ? sql`asc` : sql`desc`;
  if (sort === 'name') return query.orderBy(sql`pats.name_key ${direction}`);
  const nulls = sort === 'last_used_at' ? (dir === 'asc' ? sql` nulls first` : sql` nulls last`) : sql``;
  const column = sort === 'expires_at' ? 'pats.ends_at' : `pats.${sort}`;
  return query.orderBy(sql`${sql.ref(column)} ${direction}${nulls}`).orderBy(sql`pats.id ${direction}`);
}

/** The user's unrevoked PATs whose end (`ends_at`) lies in (after, until]: a range of the status index. */
function unrevokedExpiring(db: Db, userId: string, after: string | null, until: string) {
  return db
    .selectFrom('pats')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('pats.user_id', '=', userId)
    .where('pats.revoked', '=', 0)
    .$if(after !== null, (query) => query.where('pats.ends_at', '>', after!))
    .where('pats.ends_at', '<=', until);
}

/** The user's PATs that are expiring soon: those of the (now, soon] range that live longer than it. */
function expiringSoon(db: Db, userId: string, now: string, soon: string) {
  return unrevokedExpiring(db, userId, now, soon).where(longLived(db));
}

function storedCount(db: Db, userId: string, column: 'total' | 'revoked') {
  return db.selectFrom('pat_counts').select(`pat_counts.${column}`).where('pat_counts.user_id', '=', userId);
}

/**
 * How many PATs the filter matches, as a scalar subquery. A status alone reads the user's stored
 * counts (`pat_counts`) and counts only the expired PATs, so it costs what those number, not
 * what all do; a name search or an id counts the matches. Null when the user has no PATs.
 */
function totalOf(db: Db, filter: ListFilter): RawBuilder<number> {
  if (filter.id !== undefined || filter.namePattern !== undefined)
    return sql<number>`(${filtered(db, filter).select((eb) => eb.fn.countAll<number>().as('n'))})`;
  // Several statuses are disjoint (normalizeStatuses): their totals add up.
  if (typeof filter.status !== 'string') {
    const parts = filter.status.map((status) => sql<number>`(${totalOf(db, { ...filter, status })})`);
    return sql<number>`${sql.join(parts, sql` + `)}`;
  }
  const expired = unrevokedExpiring(db, filter.userId, null, filter.now);
  switch (filter.status) {
    case 'all':
      return sql<number>`(${storedCount(db, filter.userId, 'total')})`;
    case 'revoked':
      return sql<number>`(${storedCount(db, filter.userId, 'revoked')})`;
    case 'expired':
      return sql<number>`(${expired})`;
    case 'expiring':
      return sql<number>`(${expiringSoon(db, filter.userId, filter.now, filter.soon)})`;
    case 'active':
      return sql<number>`(${storedCount(db, filter.userId, 'total')}) - (${storedCount(db, filter.userId, 'revoked')}) - (${expired})`;
  }
}

/**
 * Whether a filter's total can be known from an earlier page: a name search with one status
 * whose members change only with a write or when an unrevoked PAT reaches its end. "Expiring
 * soon" also changes as PATs come within a week of their end, and is counted each time.
 */
function knowable(filter: ListFilter): boolean {
  return filter.namePattern !== undefined && filter.id === undefined && typeof filter.status === 'string' && filter.status !== 'expiring';
}

function knownTotalsOf(db: Db): Map<string, KnownTotal> {
  let known = knownTotals.get(db);
  if (!known) knownTotals.set(db, (known = new Map()));
  return known;
}

function knownKey(filter: ListFilter): string {
  return `${filter.userId}\n${String(filter.status)}\n${filter.namePattern}`;
}

function versionOf(db: Db, userId: string) {
  return db.selectFrom('pat_counts').select('pat_counts.version').where('pat_counts.user_id', '=', userId);
}

/** Whether the known total still holds: the user's PATs unchanged since, and no counted PAT at its end yet. */
function stillKnown(db: Db, filter: ListFilter, known: KnownTotal): RawBuilder<boolean> {
  return sql<boolean>`(${versionOf(db, filter.userId)}) = ${known.version} and cast(${filter.now} as text) < cast(${known.until} as text)`;
}

/** The filter's total: the known one while it holds (the count is then never run), else counted. */
function totalOrKnown(db: Db, filter: ListFilter): RawBuilder<number> {
  const { known } = filter;
  return known
    ? sql<number>`case when ${stillKnown(db, filter, known)} then ${known.total} else ${totalOf(db, filter)} end`
    : totalOf(db, filter);
}

/**
 * Until when a knowable filter's total holds without a write: for "all" and "revoked", NEVER;
 * for "active" and "expired", the earliest end after now of an unrevoked PAT that matches (one
 * step along the status index), NEVER when there is none. Kept from the known total while it holds.
 */
function untilOf(db: Db, filter: ListFilter): RawBuilder<string> {
  if (filter.status === 'all' || filter.status === 'revoked') return sql<string>`cast(${NEVER} as text)`;
  const nextEnd = db
    .selectFrom('pats')
    .select('pats.ends_at')
    .where('pats.user_id', '=', filter.userId)
    .where('pats.revoked', '=', 0)
    .where('pats.ends_at', '>', filter.now)
    .where(sql<boolean>`pats.name_key like ${filter.namePattern!} escape '\\'`)
    .orderBy('pats.ends_at')
    .limit(1);
  const counted = sql<string>`coalesce((${nextEnd}), cast(${NEVER} as text))`;
  const { known } = filter;
  return known ? sql<string>`case when ${stillKnown(db, filter, known)} then cast(${known.until} as text) else ${counted} end` : counted;
}

/** A user's PATs by status, in one read of the stored counts and two ranges of the status index. */
export async function summarize(db: Db, userId: string, now: string, soon: string): Promise<Summary> {
  const row = await db
    .selectFrom('pat_counts')
    .select(['pat_counts.total', 'pat_counts.revoked'])
    .select([unrevokedExpiring(db, userId, null, now).as('expired'), expiringSoon(db, userId, now, soon).as('expiring_soon')])
    .where('pat_counts.user_id', '=', userId)
    .executeTakeFirst();
  if (!row) return { active: 0, expiring_soon: 0, revoked: 0, expired: 0, total: 0 };
  const [total, revoked, expired] = [Number(row.total), Number(row.revoked), Number(row.expired)];
  return { active: total - revoked - expired, expiring_soon: Number(row.expiring_soon), revoked, expired, total };
}

/** The values of a page's statement; the rest of the filter and the order are its shape. */
interface PageValues extends Record<string, unknown> {
  userId: string;
  now: string;
  soon: string;
  id: string | undefined;
  namePattern: string | undefined;
  limit: number;
  offset: number;
  knownVersion: number | string | undefined;
  knownTotal: number | undefined;
  knownUntil: string | undefined;
}

/**
 * A page, each row with the filter's total; a knowable filter's rows also carry the user's
 * version and until when that total holds (see KnownTotal).
 */
function pageQuery(db: Db, filter: ListFilter, order: PatListOrder, walk: boolean) {
  const page = filtered(db, filter, walk)
    .select(publicColumns)
    .select(scopesCount)
    .select(totalOrKnown(db, filter).as('total'))
    .$if(knowable(filter), (query) => query.select([versionOf(db, filter.userId).as('version'), untilOf(db, filter).as('until')]));
  return orderBy(page, order).limit(order.limit).offset(order.offset);
}

type PageRow = Awaited<ReturnType<ReturnType<typeof pageQuery>['execute']>>[number];

/** A page's statements, one per shape (see pageAndTotal). */
const pageStatements = new QueryShapes<PageValues>();

/**
 * A page and, in each of its rows, the filter's total: one statement, one round trip to a
 * PostgreSQL server, built once per shape (QueryShapes). Only an empty page past the first (an
 * offset past the end) needs a second read for the total.
 */
async function pageAndTotal(db: Db, filter: ListFilter, order: PatListOrder, walk: boolean) {
  const { status, userId, now, soon, id, namePattern } = filter;
  const known = knowable(filter) ? knownTotalsOf(db) : undefined;
  const key = known && knownKey(filter);
  const before = key === undefined ? undefined : known!.get(key);
  // Everything the statement's text depends on; the values go in as parameters.
  const shape = [
    typeof status === 'string' ? status : status.join('+'),
    walk,
    id !== undefined,
    namePattern !== undefined,
    before !== undefined,
    order.sort,
    order.dir,
  ];
  const query = pageStatements.compile<PageRow>(
    db,
    shape.join('|'),
    ({ knownVersion, knownTotal, knownUntil, ...values }) =>
      pageQuery(
        db,
        {
          ...values,
          status,
          known: knownTotal === undefined ? undefined : { version: knownVersion!, total: knownTotal, until: knownUntil! },
        },
        { ...order, limit: values.limit, offset: values.offset },
        walk,
      ),
    {
      userId,
      now,
      soon,
      id,
      namePattern,
      limit: order.limit,
      offset: order.offset,
      knownVersion: before?.version,
      knownTotal: before?.total,
      knownUntil: before?.until,
    },
  );
  const { rows } = await db.executeQuery(query);
  if (rows.length > 0) {
    const { total, version, until } = rows[0]!;
    if (key !== undefined && version !== undefined && version !== null && until !== undefined) {
      known!.delete(key);
      if (known!.size >= KNOWN_TOTALS_PER_DATABASE) known!.delete(known!.keys().next().value!);
      known!.set(key, { version, total: Number(total), until });
    }
    return { total: Number(total), rows: rows.map(storedPat) };
  }
  // The first page is empty only when nothing matches.
  if (order.offset === 0) return { total: 0, rows: [] };
  const { total } = await db.selectNoFrom(totalOf(db, filter).as('total')).executeTakeFirstOrThrow();
  return { total: Number(total ?? 0), rows: [] };
}

export async function listPats(
  db: Db,
  { name, ...filter }: PatListFilter,
  order: PatListOrder,
): Promise<{ total: number; rows: StoredPat[] }> {
  // The walking form (see `filtered`) is for SQLite, which plans without statistics; sorted by
  // expiry, the plain "active" range of the status index is already in that order. A walk
  // checks the status and a name search on the index it walks, so a search that matches few
  // PATs costs a pass over the user's index entries at worst.
  const walk = dialectOf(db) === 'sqlite' && order.sort !== 'expires_at';
  return pageAndTotal(db, { ...filter, namePattern: name ? namePattern(name) : undefined }, order, walk);
}

/** What a write may change: never the owner, the id or when the PAT was created. */
export type PatChanges = Partial<Omit<PatRow, 'id' | 'user_id' | 'created_at' | 'issued_at'>> & { issued_at?: string };

/** Updates the caller's PAT; false when it does not exist or is not theirs. */
export async function updatePat(db: Db, userId: string, id: string, changes: PatChanges): Promise<boolean> {
  const result = await db.updateTable('pats').set(changes).where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Revokes a PAT that a leak report found, with where it was found; false when it is already
 * revoked (another report, or its owner, came first).
 */
export async function revokeLeaked(db: Db, id: string, at: string, leak: { url: string; source: string }): Promise<boolean> {
  const result = await db
    .updateTable('pats')
    .set({ revoked: 1, revoked_at: at, updated_at: at, leaked_at: at, leak_url: leak.url, leak_source: leak.source })
    .where('id', '=', id)
    .where('revoked', '=', 0)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The channel on which instances sharing a PostgreSQL database tell each other of changes. */
export const CHANGES_CHANNEL = 'pat_kit_changes';

/** A NOTIFY payload is at most 8000 bytes: this many PAT ids (36 characters and a comma) fit. */
const IDS_PER_NOTIFY = 200;

/**
 * Tells the other instances on the same PostgreSQL database that what these PATs may do
 * changed. Inside the writing transaction: PostgreSQL delivers it when, and only if, it commits.
 * On SQLite there are no other instances.
 */
export async function notifyChanged(trx: Db, ids: readonly string[]): Promise<void> {
  if (dialectOf(trx) !== 'postgres') return;
  for (let start = 0; start < ids.length; start += IDS_PER_NOTIFY) {
    await sql`select pg_notify(${CHANGES_CHANNEL}, ${ids.slice(start, start + IDS_PER_NOTIFY).join(',')})`.execute(trx);
  }
}

/** What the journal tells of a PAT (see PatRef). */
const refColumns = ['pats.id', 'pats.user_id', 'pats.name', 'pats.expires_at'] as const;

/**
 * Deletes the caller's PAT (its scopes cascade), its daily counts and its client addresses;
 * returns what it was, or undefined when it does not exist or is not theirs.
 */
export async function deletePat(db: Db, userId: string, id: string) {
  const row = await db.deleteFrom('pats').where('user_id', '=', userId).where('id', '=', id).returning(refColumns).executeTakeFirst();
  if (row) await forgetUses(db, [id]);
  return row;
}

/** Deletes every PAT of the user as deletePat does, and returns what they were. */
export async function deleteAllPats(db: Db, userId: string) {
  const rows = await db.deleteFrom('pats').where('user_id', '=', userId).returning(refColumns).execute();
  await forgetUses(
    db,
    rows.map((row) => row.id),
  );
  return rows;
}

/** The most ids in one `in (…)` list. */
const IDS_PER_STATEMENT = 500;

async function forgetUses(db: Db, ids: readonly string[]): Promise<void> {
  for (let start = 0; start < ids.length; start += IDS_PER_STATEMENT) {
    const chunk = ids.slice(start, start + IDS_PER_STATEMENT);
    await db.deleteFrom('pat_usage').where('pat_id', 'in', chunk).execute();
    await db.deleteFrom('pat_addresses').where('pat_id', 'in', chunk).execute();
  }
}

/** A PAT's scopes in a stable order, walked along the unique index. */
function scopesOf(db: Db, patId: string) {
  return db
    .selectFrom('pat_scopes')
    .selectAll()
    .where('pat_id', '=', patId)
    .orderBy('entity_type')
    .orderBy('operation')
    .orderBy('entity_id')
    .orderBy('domain_id');
}

export async function listScopes(db: Db, patId: string, offset: number, limit: number) {
  const { total } = await db
    .selectFrom('pat_scopes')
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .where('pat_id', '=', patId)
    .executeTakeFirstOrThrow();
  const rows = await scopesOf(db, patId).limit(limit).offset(offset).execute();
  return { total: Number(total), rows };
}

export async function allScopes(db: Db, patId: string): Promise<ScopeRow[]> {
  return scopesOf(db, patId).execute();
}

/** Writes the PAT's `grants` column: call it with the PAT's scopes after every change of them. */
export async function setGrants(db: Db, patId: string, scopes: ScopeRow[]): Promise<void> {
  await db
    .updateTable('pats')
    .set({ grants: grantsOf(scopes) })
    .where('id', '=', patId)
    .execute();
}

export async function insertScopes(db: Db, rows: ScopeRow[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('pat_scopes').values(rows).execute();
}

export async function deleteScopes(db: Db, patId: string, ids: string[]): Promise<void> {
  if (ids.length > 0) await db.deleteFrom('pat_scopes').where('pat_id', '=', patId).where('id', 'in', ids).execute();
}

export async function deleteAllScopes(db: Db, patId: string): Promise<void> {
  await db.deleteFrom('pat_scopes').where('pat_id', '=', patId).execute();
}

/** A PAT as the expiry scan reads it. */
export type ExpiryCandidate = Pick<PatRow, 'id' | 'user_id' | 'name' | 'issued_at' | 'expires_at' | 'ends_at' | 'max_idle_ms'> & {
  expiry_notice: number;
};

/**
 * Unrevoked PATs owed an expiry notice or their `expired` event at `now` (see PatsTable.expiry_notice),
 * soonest first: for each notice sent so far, the PATs ending before the next one is due, a
 * range of the partial index `pats_expiry_due`. SQLite walks the three ranges as one ordered
 * union (for an OR of them it would read the whole index); PostgreSQL reads them as one bitmap,
 * locks the rows and skips those another instance's scan holds.
 */
export async function expiryCandidates(
  db: Db,
  at: { now: string; inDay: string; inWeek: string },
  limit: number,
): Promise<ExpiryCandidate[]> {
  const columns = ['id', 'user_id', 'name', 'issued_at', 'expires_at', 'ends_at', 'max_idle_ms', 'expiry_notice'] as const;
  const owed = [
    { notice: 0, endsBy: at.inWeek },
    { notice: 1, endsBy: at.inDay },
    { notice: 2, endsBy: at.now },
  ];
  // `expiry_notice < 3 and revoked = 0` in every form: the index's own condition, for the planner.
  const unrevoked = db.selectFrom('pats').select(columns).where('revoked', '=', 0).where('expiry_notice', '<', 3);
  if (dialectOf(db) === 'postgres') {
    return unrevoked
      .where((eb) => eb.or(owed.map(({ notice, endsBy }) => eb.and([eb('expiry_notice', '=', notice), eb('ends_at', '<=', endsBy)]))))
      .orderBy('ends_at')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
  }
  const [first, ...rest] = owed.map(({ notice, endsBy }) => unrevoked.where('expiry_notice', '=', notice).where('ends_at', '<=', endsBy));
  const union = rest.reduce((all, next) => all.unionAll(next), first!);
  return db.selectFrom(union.as('owed')).select(columns).orderBy('ends_at').limit(limit).execute();
}

/** Moves a PAT's expiry notice on, if no one else did (a regenerate, a use, another scan) since it was read. */
export async function advanceExpiryNotice(db: Db, pat: ExpiryCandidate, to: number): Promise<boolean> {
  const result = await db
    .updateTable('pats')
    .set({ expiry_notice: to })
    .where('id', '=', pat.id)
    .where('expiry_notice', '=', pat.expiry_notice)
    .where('ends_at', '=', pat.ends_at)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Applies the server's idle limit to the PATs made before it (or under a longer one): each
 * unrevoked PAT still working whose own limit is none or longer takes `maxIdleMs`, and ends at
 * its last use (or issue) plus that if this comes sooner; one that went unused that long is
 * expired from now on. A PAT that has stopped working stays stopped. Returns how many changed.
 */
export async function capIdleLimits(db: Db, maxIdleMs: number, now: string): Promise<number> {
  const idleSince = sql<string>`coalesce(pats.last_used_at, pats.issued_at)`;
  const idleEnd =
    dialectOf(db) === 'postgres'
      ? sql<string>`least(pats.ends_at, to_char((${idleSince}::timestamptz + ${maxIdleMs} * interval '1 millisecond') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`
      : sql<string>`min(pats.ends_at, strftime('%Y-%m-%dT%H:%M:%fZ', ${idleSince}, ${`+${maxIdleMs / 1000} seconds`}))`;
  const result = await db
    .updateTable('pats')
    .set({ max_idle_ms: maxIdleMs, ends_at: idleEnd })
    .where('revoked', '=', 0)
    .where('ends_at', '>', now)
    .where((eb) => eb.or([eb('max_idle_ms', 'is', null), eb('max_idle_ms', '>', maxIdleMs)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
