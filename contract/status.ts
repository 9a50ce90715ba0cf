import { EXPIRING_SOON_MS } from './limits.js';
import { LIST_DEFAULTS, STATUS_FILTERS, type ExpiredReason, type PatStatus, type StatusFilter, type StatusQuery } from './types.js';

interface StatusFields {
  revoked: boolean;
  expires_at: string;
  /** Set when the PAT's idle limit ends it before `expires_at` (see Pat.idle_expires_at). */
  idle_expires_at?: string | null;
}

/** When the PAT stops working unless revoked first: its idle expiry if that comes first, else its expiry. */
export function patEndsAt(pat: StatusFields): number {
  const expires = Date.parse(pat.expires_at);
  return pat.idle_expires_at ? Math.min(expires, Date.parse(pat.idle_expires_at)) : expires;
}

/** Status is computed when read, never stored: revoked wins over expired. */
export function patStatus(pat: StatusFields, now: number = Date.now()): PatStatus {
  if (pat.revoked) return 'revoked';
  return patEndsAt(pat) <= now ? 'expired' : 'active';
}

/** Why the PAT expired (see Pat.expired_reason): null unless it did. */
export function expiredReason(pat: StatusFields, now: number = Date.now()): ExpiredReason | null {
  if (patStatus(pat, now) !== 'expired') return null;
  return pat.idle_expires_at && Date.parse(pat.idle_expires_at) < Date.parse(pat.expires_at) ? 'idle' : 'lifetime';
}

/** What "expiring soon" also reads: when the PAT's current secret was issued. */
interface ExpiryFields extends StatusFields {
  issued_at: string;
}

/**
 * An active PAT that expires (by its lifetime or its idle limit) within the next seven days
 * (EXPIRING_SOON_MS), and whose current lifetime, from `issued_at` to that expiry, is longer
 * than that: a PAT made (or regenerated) to live seven days or less was meant to be short-lived,
 * and is never "expiring soon", only active and then expired.
 */
export function isExpiringSoon(pat: ExpiryFields, now: number = Date.now()): boolean {
  const expires = patEndsAt(pat);
  const left = expires - now;
  return !pat.revoked && left > 0 && left <= EXPIRING_SOON_MS && expires - Date.parse(pat.issued_at) > EXPIRING_SOON_MS;
}

/**
 * The set of PATs a status query lists, in one canonical form: `['all']` for every PAT, else
 * disjoint filters in the order of STATUS_FILTERS. Duplicates go; `all` anywhere is `all`;
 * `expiring` beside `active` goes (every expiring PAT is active); `active`, `revoked` and
 * `expired` together are `all`. An empty list is the default (`active`). The server, the mocks
 * and the clients read a query through this, so a list means the same everywhere.
 */
export function normalizeStatuses(query: StatusQuery): readonly StatusFilter[] {
  const named = new Set<StatusFilter>(typeof query === 'string' ? [query] : query);
  if (named.size === 0) return [LIST_DEFAULTS.status];
  if (named.has('all') || (named.has('active') && named.has('revoked') && named.has('expired'))) return ['all'];
  if (named.has('active')) named.delete('expiring');
  return STATUS_FILTERS.filter((status) => named.has(status));
}

/** Whether the PAT is in any of `statuses` (a normalized query, or any list of filters). */
export function inStatuses(pat: ExpiryFields, statuses: readonly StatusFilter[], now: number = Date.now()): boolean {
  return statuses.some((status) =>
    status === 'all' ? true : status === 'expiring' ? isExpiringSoon(pat, now) : patStatus(pat, now) === status,
  );
}
