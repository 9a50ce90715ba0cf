import { randomUUID } from 'node:crypto';
import type { Notification, NotificationType, PatEventDetails, PatEventKind } from '../../contract/index.js';
import type { PatDatabase } from '../db/database.js';
import type { EventIds } from './event-id.js';
import { insertDeliveries, insertEvents, type EventRow } from './event.repository.js';

/** Who made a request, as its events record it. */
export interface Caller {
  userId: string;
  ip: string | null;
  userAgent: string | null;
}

/** The PAT an entry is about, as it was then. */
export interface PatRef {
  id: string;
  user_id: string;
  name: string;
  expires_at: string;
}

/** Something that happened to a PAT: an event of its history, a notification, or both. */
export interface JournalEntry {
  pat: PatRef;
  at: number;
  actor: string;
  ip: string | null;
  userAgent: string | null;
  /** The event of the PAT's history, if it is one. */
  kind?: PatEventKind;
  details?: PatEventDetails;
  /** An expiry notice (a notification alone): the days left. */
  daysLeft?: number;
  /** An expiry notice or `expired` event by the PAT's idle limit: when it expires (expired) unless used. */
  idleExpiresAt?: string;
}

/** The events that are also notifications. */
const NOTIFIED: Partial<Record<PatEventKind, NotificationType>> = {
  revoked: 'pat.revoked',
  regenerated: 'pat.regenerated',
  deleted: 'pat.deleted',
  expired: 'pat.expired',
  leaked: 'pat.leaked',
};

/** The target of a notification for the host's `onEvent`, beside webhook URLs. */
export const CALLBACK_TARGET = 'callback';

/**
 * Writes what happened to PATs, in the transaction of the change: the events of their history,
 * and an outbox row per notification and target, so a notification is sent if and only if its
 * change commits, and survives a restart until it is delivered.
 */
export class Journal {
  constructor(
    /** Where notifications go: webhook URLs, and `callback` when the host has an onEvent. */
    private readonly targets: readonly string[],
    private readonly eventId: EventIds,
    /** Told after a commit that wrote notifications: the outbox has work. */
    private readonly onNotified: () => void = () => undefined,
  ) {}

  async write(trx: PatDatabase, entries: readonly JournalEntry[]): Promise<number> {
    const events: EventRow[] = [];
    const notifications: Notification[] = [];
    for (const entry of entries) {
      const at = new Date(entry.at).toISOString();
      const id = this.eventId(entry.at);
      if (entry.kind) {
        events.push({
          id,
          user_id: entry.pat.user_id,
          pat_id: entry.pat.id,
          pat_name: entry.pat.name,
          kind: entry.kind,
          at,
          actor: entry.actor,
          ip: entry.ip,
          user_agent: entry.userAgent,
          details: JSON.stringify(entry.details ?? {}),
        });
      }
      const type = entry.daysLeft !== undefined ? 'pat.expiring' : entry.kind && NOTIFIED[entry.kind];
      if (type && this.targets.length > 0) notifications.push(notificationOf(id, type, at, entry));
    }
    await insertEvents(trx, events);
    await insertDeliveries(
      trx,
      notifications.flatMap((notification) =>
        this.targets.map((target) => ({
          id: randomUUID(),
          event_id: notification.id,
          type: notification.type,
          target,
          body: JSON.stringify(notification),
          created_at: notification.created_at,
          next_at: notification.created_at,
        })),
      ),
    );
    return notifications.length;
  }

  /** Call after the commit of a `write` that returned more than 0. */
  notified(): void {
    this.onNotified();
  }
}

function notificationOf(id: string, type: NotificationType, at: string, entry: JournalEntry): Notification {
  const { pat } = entry;
  return {
    id,
    type,
    created_at: at,
    data: {
      pat: { id: pat.id, user_id: pat.user_id, name: pat.name, expires_at: pat.expires_at },
      actor: entry.actor,
      ip: entry.ip,
      user_agent: entry.userAgent,
      ...(entry.daysLeft !== undefined && { days_left: entry.daysLeft }),
      ...(entry.idleExpiresAt !== undefined && { reason: 'idle' as const, idle_expires_at: entry.idleExpiresAt }),
      ...(entry.kind === 'leaked' && { leak: { url: entry.details?.url ?? '', source: entry.details?.source ?? '' } }),
    },
  };
}

/** A journal entry of a request by `caller`. */
export function byCaller(caller: Caller, at: number, pat: PatRef, kind: PatEventKind, details?: PatEventDetails): JournalEntry {
  return { pat, at, actor: caller.userId, ip: caller.ip, userAgent: caller.userAgent, kind, details };
}
