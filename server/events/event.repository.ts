import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { PatEvent, PatEventDetails, PatEventKind } from '../../contract/index.js';
import { dialectOf } from '../db/dialect.js';
import type { Database, PatDeliveriesTable, PatEventsTable } from '../db/schema.js';

/** All SQL about PAT events and the notifications' outbox. Every function takes the database or a transaction. */
type Db = Kysely<Database>;

export type EventRow = Selectable<PatEventsTable>;
export type DeliveryRow = Selectable<PatDeliveriesTable>;

/** The most rows one INSERT carries: SQLite allows 32,766 parameters, 10 a row here. */
const ROWS_PER_INSERT = 500;

async function insertInChunks<T extends 'pat_events' | 'pat_deliveries'>(db: Db, table: T, rows: Insertable<Database[T]>[]): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    await db
      .insertInto(table)
      .values(rows.slice(start, start + ROWS_PER_INSERT) as never)
      .execute();
  }
}

export function insertEvents(db: Db, rows: EventRow[]): Promise<void> {
  return insertInChunks(db, 'pat_events', rows);
}

export function insertDeliveries(db: Db, rows: Insertable<PatDeliveriesTable>[]): Promise<void> {
  return insertInChunks(db, 'pat_deliveries', rows);
}

export function toEvent(row: EventRow): PatEvent {
  return {
    id: row.id,
    pat_id: row.pat_id,
    pat_name: row.pat_name,
    kind: row.kind as PatEventKind,
    at: row.at,
    actor: row.actor,
    ip: row.ip,
    user_agent: row.user_agent,
    details: JSON.parse(row.details) as PatEventDetails,
  };
}

/** A page of events, newest first, walked along `pat_events_pat` or `pat_events_user`; and how many there are. */
export async function listEvents(
  db: Db,
  where: { userId: string; patId?: string },
  offset: number,
  limit: number,
): Promise<{ total: number; rows: EventRow[] }> {
  const base = db
    .selectFrom('pat_events')
    .where('user_id', '=', where.userId)
    .$if(where.patId !== undefined, (query) => query.where('pat_id', '=', where.patId!));
  const [{ total }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number | string>().as('total')).executeTakeFirstOrThrow(),
    base.selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute(),
  ]);
  return { total: Number(total), rows };
}

/** Forgets the events of the PATs deleted before `cutoff`. What a live PAT did is kept while it lives. */
export async function sweepDeletedEvents(db: Db, cutoff: string): Promise<number> {
  const gone = db.selectFrom('pat_events').select('pat_id').where('kind', '=', 'deleted').where('at', '<', cutoff);
  const result = await db.deleteFrom('pat_events').where('pat_id', 'in', gone).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Claims up to `limit` due deliveries for `targets` until `leaseUntil`, and counts the attempt.
 * On PostgreSQL the candidates are locked with SKIP LOCKED: two instances claiming at once
 * take different rows, and a row leased to one is not due for the other until its lease ends.
 */
export async function claimDeliveries(
  db: Db,
  targets: readonly string[],
  now: string,
  leaseUntil: string,
  limit: number,
): Promise<DeliveryRow[]> {
  if (targets.length === 0) return [];
  let due = db
    .selectFrom('pat_deliveries')
    .select('id')
    .where('delivered_at', 'is', null)
    .where('failed_at', 'is', null)
    .where('next_at', '<=', now)
    .where('target', 'in', targets)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)]))
    .orderBy('next_at')
    .limit(limit);
  if (dialectOf(db) === 'postgres') due = due.forUpdate().skipLocked();
  return db
    .updateTable('pat_deliveries')
    .set((eb) => ({ lease_until: leaseUntil, attempts: eb('attempts', '+', 1) }))
    .where('id', 'in', due)
    .returningAll()
    .execute();
}

export async function markDelivered(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('pat_deliveries').set({ delivered_at: at, lease_until: null, last_error: null }).where('id', '=', id).execute();
}

/** After a failed attempt: the next one at `nextAt`, or none (`failed`) when the retries are spent. */
export async function markFailedAttempt(db: Db, id: string, error: string, next: { nextAt: string } | { failedAt: string }): Promise<void> {
  await db
    .updateTable('pat_deliveries')
    .set({
      last_error: error,
      lease_until: null,
      ...('nextAt' in next ? { next_at: next.nextAt } : { failed_at: next.failedAt }),
    })
    .where('id', '=', id)
    .execute();
}

/** Forgets deliveries made (or given up) before `cutoff`. */
export async function sweepDeliveries(db: Db, cutoff: string): Promise<void> {
  await db
    .deleteFrom('pat_deliveries')
    .where('created_at', '<', cutoff)
    .where((eb) => eb.or([eb('delivered_at', 'is not', null), eb('failed_at', 'is not', null)]))
    .execute();
}

/** Gives up what no instance of this configuration can deliver (a target no longer configured) once it is `cutoff` old. */
export async function abandonDeliveries(db: Db, cutoff: string, at: string): Promise<void> {
  await db
    .updateTable('pat_deliveries')
    .set({ failed_at: at, last_error: sql<string>`coalesce(last_error, 'not delivered in time')` })
    .where('delivered_at', 'is', null)
    .where('failed_at', 'is', null)
    .where('created_at', '<', cutoff)
    .execute();
}
