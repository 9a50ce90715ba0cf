import { CompiledQuery, sql, type Insertable, type Kysely } from 'kysely';
import { dialectOf } from '../db/dialect.js';
import type { Database, PatAddressesTable } from '../db/schema.js';
import { addressDetails, forEachUseRow, idleEnd, SQLITE_USE_STATEMENTS, type UseBatch } from './use-batch.js';

// All SQL about PATs' uses: writing a batch (on SQLite the statements of use-batch.ts, which the
// writer thread also runs), reading the counts back, sweeping old counts.
type Db = Kysely<Database>;

/**
 * Writes a batch of uses in this thread: on PostgreSQL a statement per kind (several instances
 * write the same PATs: the newer last use wins, counts add up, an address is new once), on
 * SQLite the statements of SQLITE_USE_STATEMENTS in one transaction.
 */
export function useWriter(db: Db): (batch: UseBatch) => Promise<void> {
  if (dialectOf(db) === 'postgres') return (batch) => writePostgres(db, batch);
  return (batch) =>
    db.transaction().execute(async (trx) => {
      const rows: CompiledQuery[] = [];
      forEachUseRow(batch, (statement, parameters) => rows.push(CompiledQuery.raw(SQLITE_USE_STATEMENTS[statement], parameters)));
      for (const row of rows) await trx.executeQuery(row);
    });
}

async function writePostgres(db: Db, { lastUses, counts, addresses }: UseBatch): Promise<void> {
  if (lastUses.length > 0) {
    const ids = lastUses.map((use) => use.id);
    const ats = lastUses.map((use) => new Date(use.at).toISOString());
    const ips = lastUses.map((use) => use.ip);
    // As SQLITE_USE_STATEMENTS.lastUseIdle for the PATs with an idle limit (`until` null for the others).
    const ends = lastUses.map((use) => (use.idleMs === null ? null : idleEnd(use.at, use.since, use.idleMs)));
    const kept = sql`used.until is null or pats.ends_at <= used.since`;
    const end = sql`least(pats.expires_at, used.until)`;
    await sql`update pats set last_used_at = used.at, last_used_ip = used.ip,
        ends_at = case when ${kept} then pats.ends_at else ${end} end,
        expiry_notice = case when ${kept} then pats.expiry_notice when ${end} > used.week then 0
          when ${end} > used.day then least(pats.expiry_notice, 1) else pats.expiry_notice end
      from unnest(${ids}::text[], ${ats}::text[], ${ips}::text[], ${ends.map((e) => e?.since ?? null)}::text[],
        ${ends.map((e) => e?.until ?? null)}::text[], ${ends.map((e) => e?.week ?? null)}::text[],
        ${ends.map((e) => e?.day ?? null)}::text[]) as used(id, at, ip, since, until, week, day)
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
          ${addresses.map((a) => a.eventId)}::text[], ${addresses.map((a) => addressDetails(a.refused))}::text[])
          as used(id, ip, at, user_agent, event_id, details)
      ), added as (
        insert into pat_addresses (pat_id, ip, first_used_at)
        select used.id, used.ip, used.at from used join pats on pats.id = used.id
        on conflict do nothing
        returning pat_id, ip
      )
      insert into pat_events (id, user_id, pat_id, pat_name, kind, at, actor, ip, user_agent, details)
      select used.event_id, pats.user_id, pats.id, pats.name, 'new_address', used.at, pats.user_id, used.ip, used.user_agent, used.details
      from added join used on used.id = added.pat_id and used.ip = added.ip join pats on pats.id = added.pat_id`.execute(db);
  }
}

/** Records that PATs were used from these addresses (their `new_address` events are written apart). */
export async function insertAddresses(db: Db, rows: Insertable<PatAddressesTable>[]): Promise<void> {
  if (rows.length > 0)
    await db
      .insertInto('pat_addresses')
      .values(rows)
      .onConflict((conflict) => conflict.doNothing())
      .execute();
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
