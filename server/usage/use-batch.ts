// What one transaction of the use writer writes, and how it is written on SQLite. No kysely
// here: the writer thread imports this module and keeps a small heap.
import { DAY_MS } from '../../contract/duration.js';

export interface LastUse {
  id: string;
  /** Epoch milliseconds. */
  at: number;
  /**
   * The first of the uses this one stands for (epoch milliseconds): a use waiting to be written
   * that a later one replaced leaves its time here. Each use came while the PAT worked, so an end
   * still ahead of the first moves on to the last's (see `lastUseIdle`).
   */
  since: number;
  ip: string | null;
  /** The PAT's idle limit, which the use moves its end (`ends_at`) on by; null for none. */
  idleMs: number | null;
}

/**
 * What a use of a PAT with an idle limit writes beside the use: the first use it stands for
 * (LastUse.since), its new end, and from when a notice of it would be due (7 and 1 days before
 * it). ISO-8601 times.
 */
export function idleEnd(at: number, since: number, idleMs: number): { since: string; until: string; week: string; day: string } {
  return {
    since: new Date(since).toISOString(),
    until: new Date(at + idleMs).toISOString(),
    week: new Date(at + 7 * DAY_MS).toISOString(),
    day: new Date(at + DAY_MS).toISOString(),
  };
}

/** Checks of one PAT on one UTC day (`YYYY-MM-DD`), to add to what is stored. */
export interface UseCount {
  id: string;
  day: string;
  allowed: number;
  denied: number;
}

/** A use from a client address this instance has not seen the PAT use: a `new_address` event if it is new to the database too. */
export interface AddressUse {
  id: string;
  /** Epoch milliseconds. */
  at: number;
  ip: string;
  userAgent: string | null;
  /** Whether the use was refused there: the address is not on the PAT's allowlist. */
  refused: boolean;
  /** The id of its event, should it be new. */
  eventId: string;
}

/** A `new_address` event's details. */
export function addressDetails(refused: boolean): string {
  return refused ? '{"refused":"ip_not_allowed"}' : '{}';
}

export interface UseBatch {
  lastUses: LastUse[];
  counts: UseCount[];
  addresses: AddressUse[];
}

export type UseStatement = 'lastUse' | 'lastUseIdle' | 'count' | 'addressEvent' | 'address';

/**
 * The statements a batch runs on SQLite, one row at a time. Each only touches a PAT that still
 * exists.
 * - `lastUse`: a use from before the current secret was issued (of the old secret, written after
 *   a regenerate cleared the last use) is not written: the last use is the current secret's.
 * - `lastUseIdle`: the same for a PAT with an idle limit, which also moves its end to the use plus
 *   the limit (never past `expires_at`, never for a PAT whose end had passed by the first use it
 *   stands for, `since`: that stays expired), and takes back the expiry notices that are no
 *   longer due (0 none, 1 the 7-day one sent).
 * - `count`: adds to the day's counts.
 * - `addressEvent`, then `address`: the event only if the address is new to the PAT.
 */
export const SQLITE_USE_STATEMENTS: Record<UseStatement, string> = {
  lastUse: 'update pats set last_used_at = ?, last_used_ip = ? where id = ? and issued_at <= ?',
  lastUseIdle: `update pats set last_used_at = used.at, last_used_ip = used.ip,
      ends_at = case when pats.ends_at <= used.since then pats.ends_at else min(pats.expires_at, used.until) end,
      expiry_notice = case when pats.ends_at <= used.since then pats.expiry_notice
        when min(pats.expires_at, used.until) > used.week then 0
        when min(pats.expires_at, used.until) > used.day then min(pats.expiry_notice, 1)
        else pats.expiry_notice end
    from (select ? as at, ? as since, ? as ip, ? as until, ? as week, ? as day, ? as id) as used
    where pats.id = used.id and pats.issued_at <= used.at`,
  count: `insert into pat_usage (pat_id, day, allowed, denied) select id, ?, ?, ? from pats where id = ?
    on conflict (pat_id, day) do update set allowed = pat_usage.allowed + excluded.allowed, denied = pat_usage.denied + excluded.denied`,
  addressEvent: `insert into pat_events (id, user_id, pat_id, pat_name, kind, at, actor, ip, user_agent, details)
    select ?, user_id, id, name, 'new_address', ?, user_id, ?, ?, ? from pats
    where id = ? and not exists (select 1 from pat_addresses where pat_id = ? and ip = ?)`,
  address: 'insert into pat_addresses (pat_id, ip, first_used_at) select id, ?, ? from pats where id = ? on conflict do nothing',
};

type Parameters = (string | number | null)[];

/**
 * Calls `run` with each statement of the batch and its parameters, in order. The times are
 * formatted here, in the thread that writes, not in the one that answers checks.
 */
export function forEachUseRow(batch: UseBatch, run: (statement: UseStatement, parameters: Parameters) => void): void {
  for (const { id, at, since, ip, idleMs } of batch.lastUses) {
    const time = new Date(at).toISOString();
    if (idleMs === null) run('lastUse', [time, ip, id, time]);
    else {
      const end = idleEnd(at, since, idleMs);
      run('lastUseIdle', [time, end.since, ip, end.until, end.week, end.day, id]);
    }
  }
  for (const { id, day, allowed, denied } of batch.counts) run('count', [day, allowed, denied, id]);
  for (const { id, at, ip, userAgent, refused, eventId } of batch.addresses) {
    const time = new Date(at).toISOString();
    run('addressEvent', [eventId, time, ip, userAgent, addressDetails(refused), id, id, ip]);
    run('address', [ip, time, id]);
  }
}
