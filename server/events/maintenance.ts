import { DAY_MS, utcDay, USAGE_DAYS } from '../../contract/index.js';
import type { PatDatabase } from '../db/database.js';
import type { Logger } from '../logger.js';
import { sweepUsage } from '../usage/use.repository.js';
import { abandonDeliveries, sweepDeletedEvents, sweepDeliveries } from './event.repository.js';
import { scanExpiries } from './expiry-scan.js';
import type { Journal } from './journal.js';
import type { RetryPolicy } from './dispatcher.js';

export interface MaintenanceOptions {
  db: PatDatabase;
  journal: Journal;
  now: () => number;
  logger: Logger;
  intervalMs: number;
  /** How long a deleted PAT's events are kept. */
  eventRetentionMs: number;
  retry: RetryPolicy;
}

export interface Maintenance {
  /** Runs the scan and the sweeps now (the timer runs them every `intervalMs`). */
  run(): Promise<void>;
  close(): Promise<void>;
}

/** How long a delivered (or given up) notification stays in the outbox, for an operator to look at. */
const DELIVERED_KEPT_MS = 7 * DAY_MS;

/**
 * The work of the clock: the expiry scan (expired events, expiry notices) and the sweeps that
 * keep events, usage and the outbox within their retention. Every instance runs it; on
 * PostgreSQL the scan's rows are claimed, and the sweeps are idempotent.
 */
export function createMaintenance(options: MaintenanceOptions): Maintenance {
  const { db, now, logger } = options;
  let running: Promise<void> | undefined;

  async function work(): Promise<void> {
    const at = now();
    await scanExpiries(db, options.journal, at);
    await sweepDeletedEvents(db, new Date(at - options.eventRetentionMs).toISOString());
    await sweepUsage(db, utcDay(at - (USAGE_DAYS.max - 1) * DAY_MS));
    await sweepDeliveries(db, new Date(at - DELIVERED_KEPT_MS).toISOString());
    // What no instance delivered (its target no longer configured) well past its retries.
    await abandonDeliveries(db, new Date(at - options.retry.forMs - DAY_MS).toISOString(), new Date(at).toISOString());
  }

  function run(): Promise<void> {
    running ??= work()
      .catch((err: unknown) => logger.error({ err }, 'the expiry scan or a retention sweep failed; it runs again at the next interval'))
      .finally(() => {
        running = undefined;
      });
    return running;
  }

  const timer = setInterval(() => void run(), options.intervalMs).unref();
  return {
    run,
    async close() {
      clearInterval(timer);
      await running;
    },
  };
}
