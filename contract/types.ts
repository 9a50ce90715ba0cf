/** The wire types: what the server sends and the elements read. */

export const PAT_STATUSES = ['active', 'revoked', 'expired'] as const;
export type PatStatus = (typeof PAT_STATUSES)[number];

/** The `status` filter of `GET /pats`: a status, or every PAT. */
/** What the list can show: a status, the active PATs that expire soon (`expiring`), or all. */
export const STATUS_FILTERS = ['active', 'expiring', 'revoked', 'expired', 'all'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

/**
 * What `GET /pats?status=` takes: one filter, or several (`revoked,expired`) for the PATs that
 * match any of them. `normalizeStatuses` (status.ts) gives the set it lists.
 */
export type StatusQuery = StatusFilter | readonly StatusFilter[];

export const PAT_SORT_KEYS = ['issued_at', 'expires_at', 'name', 'last_used_at'] as const;
export type PatSortKey = (typeof PAT_SORT_KEYS)[number];

export const SORT_DIRECTIONS = ['desc', 'asc'] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

/** What `GET /pats` lists when the query names nothing (the table's start too): newest active first. */
export const LIST_DEFAULTS = { status: 'active', sort: 'issued_at', dir: 'desc' } as const satisfies {
  status: StatusFilter;
  sort: PatSortKey;
  dir: SortDirection;
};

export const OPERATIONS = ['create', 'read', 'list', 'update', 'delete', 'share', 'unshare', 'publish', 'subscribe'] as const;
export type Operation = (typeof OPERATIONS)[number];

/** `entity_id` of a scope that covers every entity of its type. */
export const WILDCARD = '*';

/** A PAT's id is a UUID; anything else names no PAT. */
export const PAT_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface Pat {
  id: string;
  user_id: string;
  name: string;
  description: string;
  status: PatStatus;
  /** When the PAT was created; never changes, not even when its secret is regenerated. */
  created_at: string;
  /** When its current secret was issued: at create, then at each regenerate. */
  issued_at: string;
  expires_at: string;
  updated_at: string | null;
  /** The last use of its current secret (null again after a regenerate), and from where. */
  last_used_at: string | null;
  last_used_ip: string | null;
  revoked: boolean;
  revoked_at: string | null;
  scopes_count: number;
  /**
   * The client addresses and CIDR ranges the PAT may be used from, normalized (`10.0.0.0/8`,
   * `2001:db8::1`); empty: any address.
   */
  allowed_ips: string[];
  /** Set when a leak report revoked the PAT: where its secret was found; null otherwise (and again after a regenerate). */
  leak: PatLeak | null;
  /**
   * Its idle limit (`"90d"`): unused for this long, it expires; null for none. Its own, or the
   * server's (`max_idle` of the catalog), whichever is shorter.
   */
  max_idle: string | null;
  /**
   * When it expires unless used before (its last use, or its issue, plus `max_idle`), when that
   * comes before `expires_at`; null otherwise. Each use moves it on; once passed, it stays.
   */
  idle_expires_at: string | null;
  /** Why an expired PAT expired: its lifetime ended (`lifetime`), or it went unused (`idle`); null unless expired. */
  expired_reason: ExpiredReason | null;
}

/** Why a PAT expired: `expires_at` passed, or `idle_expires_at` did (it went unused for `max_idle`). */
export const EXPIRED_REASONS = ['lifetime', 'idle'] as const;
export type ExpiredReason = (typeof EXPIRED_REASONS)[number];

/** A leak report that revoked a PAT: where the secret was found, as the reporter told it. */
export interface PatLeak {
  reported_at: string;
  /** Where the secret was seen (e.g. a commit or issue URL); empty if the report gave none. */
  url: string;
  /** Who found it (e.g. a scanner's name); empty if the report gave none. */
  source: string;
}

/** One found secret in `POST /pats/leaked`. */
export interface LeakReportEntry {
  token: string;
  url?: string;
  source?: string;
}

/**
 * What became of each reported secret, in the order reported: `revoked` now, `already_inactive`
 * (revoked, expired, or reported before), or `unknown` (no PAT has this secret). Nothing says whose it was.
 */
export const LEAK_OUTCOMES = ['revoked', 'already_inactive', 'unknown'] as const;
export type LeakOutcome = (typeof LEAK_OUTCOMES)[number];

export interface LeakReportAnswer {
  results: { status: LeakOutcome }[];
}

/** Create and secret/reset are the only answers that carry the secret. */
export interface PatWithSecret extends Pat {
  secret: string;
}

export interface ScopeInput {
  entity_type: string;
  operation: string;
  entity_id: string;
  domain_id?: string | null;
}

export interface Scope {
  id: string;
  pat_id: string;
  entity_type: string;
  operation: string;
  entity_id: string;
  domain_id: string | null;
}

/** What a service asks `POST /authorize`: may this PAT do `operation` on this entity? */
export interface AuthorizeRequest {
  entity_type: string;
  operation: string;
  entity_id: string;
  domain_id?: string | null;
  /**
   * The address of the client that presented the PAT, relayed by a service the server trusts
   * to do so (`PAT_TRUST_CLIENT_IP`); the request's own address otherwise.
   */
  client_ip?: string;
}

export interface AuthorizeResponse {
  allowed: true;
  user_id: string;
  pat_id: string;
}

export interface Page {
  total: number;
  offset: number;
  limit: number;
}

export interface PatPage extends Page {
  pats: Pat[];
}

export interface ScopePage extends Page {
  scopes: Scope[];
}

export interface ScopeList {
  scopes: Scope[];
}

export interface PatListQuery {
  offset?: number;
  limit?: number;
  name?: string;
  id?: string;
  /** One status filter, or several: the PATs in any of them (sent as `a,b`). */
  status?: StatusFilter | readonly StatusFilter[];
  sort?: PatSortKey;
  dir?: SortDirection;
}

export interface CreatePatRequest {
  name: string;
  description?: string;
  duration: string;
  scopes?: ScopeInput[];
  /** The addresses and CIDR ranges it may be used from (at most 50); any address by default. */
  allowed_ips?: string[];
  /** Its idle limit: unused this long, it expires (a day or more, at most the server's `max_idle`). The server's by default. */
  max_idle?: string;
}

export interface EntityTypeInfo {
  type: string;
  label: string;
  operations: string[];
}

export interface DurationPreset {
  /** A duration string the server accepts, e.g. `"30d"`. */
  value: string;
  label: string;
}

export interface Catalog {
  entity_types: EntityTypeInfo[];
  durations: DurationPreset[];
  /** The longest lifetime a PAT may have, as a duration string (`"365d"`). */
  max_lifetime: string;
  /** True where every scope must name a domain (a backend without "any domain"); absent on PAT Kit's server. */
  domain_required?: boolean;
  /**
   * The server's idle limit (`"90d"`): every PAT expires unused this long, or sooner by its own
   * `max_idle`; null for none. Absent on a backend without idle expiry.
   */
  max_idle?: string | null;
}

export interface Summary {
  active: number;
  expiring_soon: number;
  revoked: number;
  expired: number;
  total: number;
}

export const ERROR_CODES = [
  'validation_failed',
  'bad_request',
  'unauthenticated',
  'forbidden',
  'ip_not_allowed',
  'not_found',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'uri_too_long',
  'too_many_requests',
  'headers_too_large',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldError {
  field: string;
  message: string;
}

export interface ErrorBody {
  error: ErrorCode;
  message: string;
  details?: FieldError[];
}
