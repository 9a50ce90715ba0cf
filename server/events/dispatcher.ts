import type { Notification } from '../../contract/index.js';
import type { PatDatabase } from '../db/database.js';
import type { Logger } from '../logger.js';
import { claimDeliveries, markDelivered, markFailedAttempt, type DeliveryRow } from './event.repository.js';
import { CALLBACK_TARGET } from './journal.js';
import { signatureHeaders } from './webhook-signature.js';

export interface RetryPolicy {
  /** The wait after the first failed attempt; it doubles after each (with jitter) up to `maxMs`. */
  firstMs: number;
  maxMs: number;
  /** How long after the notification the attempts go on; then it is given up. */
  forMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { firstMs: 10_000, maxMs: 3_600_000, forMs: 24 * 3_600_000 };

export interface DispatcherOptions {
  db: PatDatabase;
  /** Webhook URLs. */
  urls: readonly string[];
  /** The webhooks' signing key (see webhookKey); required with `urls`. */
  key?: Buffer;
  /** The host's callback: a notification counts as delivered once it resolves. */
  onEvent?: (notification: Notification) => void | Promise<void>;
  now: () => number;
  logger: Logger;
  /** Each attempt's time limit. */
  timeoutMs: number;
  /** How often the outbox is looked at for what other instances wrote or what became due. */
  pollMs: number;
  retry: RetryPolicy;
}

export interface Dispatcher {
  /** Looks at the outbox now: a change just wrote to it. */
  nudge(): void;
  /** Resolves when the outbox holds nothing due that this instance can deliver. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** How many deliveries one claim takes (and sends at once). */
const CLAIM_BATCH = 10;

/** The wait before the next attempt: doubling from `firstMs`, capped, then jittered into its upper half. */
export function retryDelay(attempts: number, { firstMs, maxMs }: RetryPolicy, random = Math.random): number {
  const ceiling = Math.min(maxMs, firstMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * Delivers the outbox: claims due rows (leased, so that no other instance sends the same
 * attempt), sends each to its webhook (signed, with a time limit) or to the host's callback,
 * and marks it delivered, or due again after a backoff, or given up after `retry.forMs`.
 * At least once: a receiver dedupes by the notification's `id`.
 */
export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const { db, now, logger } = options;
  const targets = [...options.urls, ...(options.onEvent ? [CALLBACK_TARGET] : [])];
  let running: Promise<void> | undefined;
  let again = false;
  let closed = false;
  const timer = targets.length > 0 ? setInterval(() => nudge(), options.pollMs).unref() : undefined;

  async function send(row: DeliveryRow): Promise<void> {
    if (row.target === CALLBACK_TARGET) {
      await options.onEvent!(JSON.parse(row.body) as Notification);
      return;
    }
    const headers = signatureHeaders(options.key!, row.event_id, Math.floor(now() / 1000), row.body);
    const response = await fetch(row.target, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'user-agent': 'PAT-Kit-Webhooks' },
      body: row.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    await response.body?.cancel();
    if (response.status < 200 || response.status > 299) throw new Error(`answered ${response.status}`);
  }

  async function deliver(row: DeliveryRow): Promise<void> {
    try {
      await send(row);
      await markDelivered(db, row.id, new Date(now()).toISOString());
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const nextAt = now() + retryDelay(row.attempts, options.retry);
      const givenUp = nextAt > Date.parse(row.created_at) + options.retry.forMs;
      const target = row.target === CALLBACK_TARGET ? 'onEvent' : row.target;
      await markFailedAttempt(
        db,
        row.id,
        reason.slice(0, 500),
        givenUp ? { failedAt: new Date(now()).toISOString() } : { nextAt: new Date(nextAt).toISOString() },
      );
      const details = { notification: row.event_id, type: row.type, target, attempts: row.attempts, reason };
      if (givenUp) logger.error(details, 'gave up delivering a notification');
      else logger.warn(details, 'could not deliver a notification; it will be tried again');
    }
  }

  async function run(): Promise<void> {
    do {
      again = false;
      for (;;) {
        const at = now();
        const lease = new Date(at + options.timeoutMs * 2 + 5_000).toISOString();
        const claimed = await claimDeliveries(db, targets, new Date(at).toISOString(), lease, CLAIM_BATCH);
        if (claimed.length === 0) break;
        await Promise.all(claimed.map(deliver));
      }
    } while (again && !closed);
  }

  function nudge(): void {
    if (closed || targets.length === 0) return;
    if (running) {
      again = true;
      return;
    }
    running = run()
      .catch((err: unknown) => logger.error({ err }, 'could not read the notifications outbox'))
      .finally(() => {
        running = undefined;
      });
  }

  return {
    nudge,
    async idle() {
      nudge();
      while (running) await running;
    },
    async close() {
      closed = true;
      clearInterval(timer);
      await running;
    },
  };
}
