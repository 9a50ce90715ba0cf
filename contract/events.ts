/** A PAT's history (its activity), its daily use, and the notifications sent to webhooks. */
import type { Page } from './types.js';

/**
 * What happened to a PAT. `new_address`: the PAT was first used from a client address it had
 * not been used from before (refused there if not on its allowlist); `expired`: the server first
 * saw it past its expiry; `allowed_ips_changed`: its allowlist of client addresses changed;
 * `leaked`: a leak report found its secret in a public place, and it was revoked.
 */
export const PAT_EVENT_KINDS = [
  'created',
  'renamed',
  'described',
  'scopes_added',
  'scopes_removed',
  'scopes_cleared',
  'revoked',
  'regenerated',
  'expired',
  'deleted',
  'new_address',
  'allowed_ips_changed',
  'leaked',
] as const;
export type PatEventKind = (typeof PAT_EVENT_KINDS)[number];

/** The actor of what no user did, such as a PAT expiring. */
export const SYSTEM_ACTOR = 'system';

/** A scope as an event tells it: what it granted, without its row id. */
export interface EventScope {
  entity_type: string;
  operation: string;
  entity_id: string;
  domain_id: string | null;
}

/**
 * What changed, by kind: `from`/`to` for `renamed` and `described`; `expires_at` for `created`,
 * `regenerated` and `expired`; `scopes` for `created` and the three scope kinds; `allowed_ips`
 * (the new list) for `allowed_ips_changed`, and for `created` when it has one; `refused` for a
 * `new_address` whose use was refused there; `url` and `source` (as reported) for `leaked`;
 * `max_idle` for `created` when it has an idle limit; `reason` `idle`, `idle_expires_at` and
 * `max_idle` for an `expired` PAT that went unused. Empty otherwise.
 */
export interface PatEventDetails {
  from?: string;
  to?: string;
  expires_at?: string;
  scopes?: EventScope[];
  allowed_ips?: string[];
  refused?: 'ip_not_allowed';
  url?: string;
  source?: string;
  max_idle?: string;
  reason?: 'idle';
  idle_expires_at?: string;
}

export interface PatEvent {
  id: string;
  pat_id: string;
  /** The PAT's name when it happened: it names a deleted PAT too. */
  pat_name: string;
  kind: PatEventKind;
  at: string;
  /** The user who did it, or `system`. For `new_address`, the PAT's owner (the PAT was used). */
  actor: string;
  /** The client address and user agent of the request that caused it, where one did. */
  ip: string | null;
  user_agent: string | null;
  details: PatEventDetails;
}

export interface PatEventPage extends Page {
  events: PatEvent[];
}

/** Events of a deleted PAT are kept this long after it was deleted (the `deleted` event's time). */
export const DEFAULT_EVENT_RETENTION = '90d';

/** How many days of use `GET /pats/{id}/usage` gives, at most and by default. Days are UTC. */
export const USAGE_DAYS = { default: 30, max: 90 } as const;

/** One UTC day of a PAT's checks: allowed, and refused although the secret was right. */
export interface UsageDay {
  /** `YYYY-MM-DD`, UTC. */
  day: string;
  allowed: number;
  denied: number;
}

export interface PatUsage {
  pat_id: string;
  /** Every day of the window, oldest first, today (UTC) last; days without checks are zeros. */
  days: UsageDay[];
  allowed: number;
  denied: number;
}

/** What a webhook (or the host's `onEvent`) is told. */
export const NOTIFICATION_TYPES = ['pat.expiring', 'pat.expired', 'pat.revoked', 'pat.regenerated', 'pat.deleted', 'pat.leaked'] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/** The body of a webhook delivery: the same `id` on every attempt and every endpoint. */
export interface Notification {
  id: string;
  type: NotificationType;
  /** When it happened. */
  created_at: string;
  data: {
    pat: { id: string; user_id: string; name: string; expires_at: string };
    /** The user who did it, or `system`. */
    actor: string;
    ip: string | null;
    user_agent: string | null;
    /** `pat.expiring`: the notice, 7 or 1 days before the expiry. */
    days_left?: number;
    /**
     * `pat.expiring` and `pat.expired` by the idle limit: `idle`, and when it expires (expired)
     * unless used before. Absent for an expiry by lifetime.
     */
    reason?: 'idle';
    idle_expires_at?: string;
    /** `pat.leaked`: where the secret was found, as reported (the PAT is revoked). */
    leak?: { url: string; source: string };
  };
}

/** The UTC day of an instant, `YYYY-MM-DD`. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
