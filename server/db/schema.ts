import type { Generated } from 'kysely';

/** Times are ISO-8601 UTC strings: they sort as text and read the same on SQLite and Postgres. */
export interface PatsTable {
  id: string;
  user_id: string;
  name: string;
  /** `nameKey(name)`: names are unique per user by this key, and searched and sorted by it. */
  name_key: string;
  description: string;
  /** Hex SHA-256 (or HMAC-SHA256 with the pepper) of the whole secret; never the secret. */
  token_hash: string;
  /** When the PAT was made (migration 2026-12-05-007); never changes. */
  created_at: string;
  /** When its current secret was issued: create, then each regenerate. */
  issued_at: string;
  expires_at: string;
  updated_at: string | null;
  revoked: Generated<number>;
  revoked_at: string | null;
  /** The last use of the current secret: cleared by a regenerate, in its transaction. */
  last_used_at: string | null;
  last_used_ip: string | null;
  /**
   * The PAT's scopes as authorize reads them, kept with the row so that a cache miss is one
   * primary-key read: a JSON array of `[entity_type, operation, entity_id, domain_id]`.
   * Written with every change of the PAT's rows in pat_scopes, in the same transaction.
   */
  grants: string;
  /** The expiry notices it has had: 0 none, 1 seven days before, 2 one day before, 3 its expiry. */
  expiry_notice: Generated<number>;
  /** JSON: the normalized addresses and CIDR ranges it may be used from; `[]`: any (migration 2026-12-06-009). */
  allowed_ips: Generated<string>;
  /** Set by the leak report that revoked it (cleared by a regenerate): when, where and by whom its secret was found. */
  leaked_at: Generated<string | null>;
  leak_url: Generated<string | null>;
  leak_source: Generated<string | null>;
  /** Its idle limit in milliseconds, or null for none (migration 2026-12-07-010). PostgreSQL answers its bigint as a string. */
  max_idle_ms: number | string | null;
  /**
   * When it stops working: `expires_at`, or its last use (or issue) plus `max_idle_ms` if that is
   * earlier. Moved on by each written last use while it has not passed; statuses read it.
   */
  ends_at: string;
}

export interface PatScopesTable {
  id: string;
  pat_id: string;
  entity_type: string;
  operation: string;
  entity_id: string;
  /** `''` for "any domain": SQL treats NULLs as distinct, which would defeat the unique index. */
  domain_id: string;
}

/**
 * Each user's number of PATs and of revoked PATs, kept by triggers on `pats` (migration
 * 2026-12-04-006): the lists and the summary count only the expired ones themselves.
 */
export interface PatCountsTable {
  user_id: string;
  total: number;
  revoked: number;
  /** Bumped by each change that can move a list's total (migration 2026-12-10-013): a counted total stands while it does. */
  version: Generated<number | string>;
}

/** A PAT's history (migration 2026-12-05-008): outlives the PAT for the retention period. */
export interface PatEventsTable {
  id: string;
  user_id: string;
  pat_id: string;
  pat_name: string;
  kind: string;
  at: string;
  actor: string;
  ip: string | null;
  user_agent: string | null;
  /** JSON: the event's `details`. */
  details: string;
}

/** The client addresses a PAT was used from, each with its first use. */
export interface PatAddressesTable {
  pat_id: string;
  ip: string;
  first_used_at: string;
}

/** Checks per PAT and UTC day (`YYYY-MM-DD`). PostgreSQL answers its bigints as strings. */
export interface PatUsageTable {
  pat_id: string;
  day: string;
  allowed: number | string;
  denied: number | string;
}

/** The notifications' outbox: one row per notification and target, until delivered or given up. */
export interface PatDeliveriesTable {
  id: string;
  /** The notification's id: the same for every target and attempt. */
  event_id: string;
  type: string;
  /** A webhook URL, or `callback` (the host's onEvent). */
  target: string;
  /** The JSON body, signed anew (with the attempt's time) at each attempt. */
  body: string;
  created_at: string;
  /** When the next attempt is due. */
  next_at: string;
  attempts: Generated<number>;
  /** While an instance delivers it: no other claims it before then. */
  lease_until: string | null;
  last_error: string | null;
  delivered_at: string | null;
  /** When it was given up, its retries spent. */
  failed_at: string | null;
}

export interface Database {
  pats: PatsTable;
  pat_scopes: PatScopesTable;
  pat_counts: PatCountsTable;
  pat_events: PatEventsTable;
  pat_addresses: PatAddressesTable;
  pat_usage: PatUsageTable;
  pat_deliveries: PatDeliveriesTable;
}
