import { CompiledQuery, sql, type Kysely } from 'kysely';
import { dialectOf } from '../db/dialect.js';
import type { Database } from '../db/schema.js';

/** All SQL about PATs' uses: last uses, daily counts, client addresses, and reading the counts back. */
type Db = Kysely<Database>;

export interface LastUse {
  id: string;
  /** Epoch milliseconds. */
  at: number;
  ip: string | null;
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
  at: number;
  ip: string;
  userAgent: string | null;
  /** The id of its event, should it be new. */
  eventId: string;
}

/** What one transaction of the use writer writes. */
export interface UseBatch {
  lastUses: LastUse[];
  counts: UseCount[];
  addresses: AddressUse[];
}

type Parameters = (string | number | null)[];

/**
 * The statements a batch runs on SQLite, one row at a time, in the order named: compiled once,
 * also run outside kysely by the writer thread's own connection. Each only touches a PAT that
 * still exists.
 * - `lastUse`: a use from before the current secret was issued (of the old secret, written after
 *   a regenerate cleared the last use) is not written: the last use is the current secret's.
 * - `count`: adds to the day's counts.
 * - `addressEvent`, then `address`: the event only if the address is new to the PAT.
 */
export function useStatements(db: Db): { statements: Record<UseStatement, string>; rowsOf(batch: UseBatch): [UseStatement, Parameters][] } {
  const lastUse = db
    .updateTable('pats')
    .set({ last_used_at: '', last_used_ip: '' })
    .where('id', '=', '')
    .where('issued_at', '<=', '')
    .compile().sql;
  const statements: Record<UseStatement, string> = {
    lastUse,
    count: `insert into pat_usage (pat_id, day, allowed, denied) select id, ?, ?, ? from pats where id = ?
      on conflict (pat_id, day) do update set allowed = pat_usage.allowed + excluded.allowed, denied = pat_usage.denied + excluded.denied`,
    addressEvent: `insert into pat_events (id, user_id, pat_id, pat_name, kind, at, actor, ip, user_agent, details)
      select ?, user_id, id, name, 'new_address', ?, user_id, ?, ?, '{}' from pats
      where id = ? and not exists (select 1 from pat_addresses where pat_id = ? and ip = ?)`,
    address: `insert into pat_addresses (pat_id, ip, first_used_at) select id, ?, ? from pats where id = ? on conflict do nothing`,
  };
  return {
    statements,
    rowsOf: ({ lastUses, counts, addresses }) => [
      ...lastUses.map(({ id, at, ip }): [UseStatement, Parameters] => {
        const time = new Date(at).toISOString();
        return ['lastUse', [time, ip, id, time]];
      }),
      ...counts.map(({ id, day, allowed, denied }): [UseStatement, Parameters] => ['count', [day, allowed, denied, id]]),
      ...addresses.flatMap(({ id, at, ip, userAgent, eventId }): [UseStatement, Parameters][] => {
        const time = new Date(at).toISOString();
        return [
          ['addressEvent', [eventId, time, ip, userAgent, id, id, ip]],
          ['address', [ip, time, id]],
        ];
      }),
    ],
  };
}

export type UseStatement = 'lastUse' | 'count' | 'addressEvent' | 'address';

/**
 * Writes a batch of uses in this thread: on PostgreSQL a statement per kind (several instances
 * write the same PATs: the newer last use wins, counts add up, an address is new once), on
 * SQLite the statements of useStatements in one transaction.
 */
export function useWriter(db: Db): (batch: UseBatch) => Promise<void> {
  if (dialectOf(db) === 'postgres') return (batch) => writePostgres(db, batch);
  const { statements, rowsOf } = useStatements(db);
  return (batch) =>
    db.transaction().execute(async (trx) => {
      for (const [name, parameters] of rowsOf(batch)) await trx.executeQuery(CompiledQuery.raw(statements[name], parameters));
    });
}

async function writePostgres(db: Db, { lastUses, counts, addresses }: UseBatch): Promise<void> {
  if (lastUses.length > 0) {
    const ids = lastUses.map((use) => use.id);
    const ats = lastUses.map((use) => new Date(use.at).toISOString());
    const ips = lastUses.map((use) => use.ip);
    await sql`update pats set last_used_at = used.at, last_used_ip = used.ip
      from unnest(${ids}::text[], ${ats}::text[], ${ips}::text[]) as used(id, at, ip)
      where pats.id = used.id and pats.issued_at <= used.at and (pats.last_used_at is null or pats.last_used_at < used.at)`.execute(db);
  }
  if (counts.length > 0) {
    // Sorted: two instances adding to the same rows lock them in the same order, never in a cycle.
    const sorted = [...counts].sort((a, b) => (a.id === b.id ? a.day.localeCompare(b.day) : a.id < b.id ? -1 : 1));
    await sql`insert into pat_usage as usage (pat_id, day, allowed, denied)
      select counted.id, counted.day, counted.allowed, counted.denied
      from unnest(${sorted.map((c) => c.id)}::text[], ${sorted.map((c) => c.day)}::text[],
        ${sorted.map((c) => c.allowed)}::bigint[], ${sorted.map((c) => c.denied)}::bigint[]) as counted(id, day, allowed, denied)
      join pats on pats.id = counted.id
      on conflict (pat_id, day) do update set allowed = usage.allowed + excluded.allowed, denied = usage.denied + excluded.denied`.execute(
      db,
    );
  }
  if (addresses.length > 0) {
    await sql`with used as (
        select * from unnest(${addresses.map((a) => a.id)}::text[], ${addresses.map((a) => a.ip)}::text[],
          ${addresses.map((a) => new Date(a.at).toISOString())}::text[], ${addresses.map((a) => a.userAgent)}::text[],
          ${addresses.map((a) => a.eventId)}::text[]) as used(id, ip, at, user_agent, event_id)
      ), added as (
        insert into pat_addresses (pat_id, ip, first_used_at)
        select used.id, used.ip, used.at from used join pats on pats.id = used.id
        on conflict do nothing
        returning pat_id, ip
      )
      insert into pat_events (id, user_id, pat_id, pat_name, kind, at, actor, ip, user_agent, details)
      select used.event_id, pats.user_id, pats.id, pats.name, 'new_address', used.at, pats.user_id, used.ip, used.user_agent, '{}'
      from added join used on used.id = added.pat_id and used.ip = added.ip join pats on pats.id = added.pat_id`.execute(db);
  }
}

/** A PAT's stored counts from `fromDay` on, by day. */
export async function readUsage(db: Db, patId: string, fromDay: string): Promise<{ day: string; allowed: number; denied: number }[]> {
  const rows = await db
    .selectFrom('pat_usage')
    .select(['day', 'allowed', 'denied'])
    .where('pat_id', '=', patId)
    .where('day', '>=', fromDay)
    .orderBy('day')
    .execute();
  return rows.map((row) => ({ day: row.day, allowed: Number(row.allowed), denied: Number(row.denied) }));
}

/** Forgets the counts of days before `day` (a deleted PAT's go with it). */
export async function sweepUsage(db: Db, day: string): Promise<void> {
  await db.deleteFrom('pat_usage').where('day', '<', day).execute();
}
