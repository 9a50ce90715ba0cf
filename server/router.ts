import { Router, type RequestHandler } from 'express';
import { pino } from 'pino';
import { noStore } from './http/no-store.js';
import type { Logger } from './logger.js';
import {
  DEFAULT_EVENT_RETENTION,
  LIMITS,
  parseDuration,
  resolveCatalog,
  type CatalogOptions,
  type Notification,
} from '../contract/index.js';
import { createAuthorizer, type AuthorizePat } from './authz/authorizer.js';
import { listenForChanges, type ChangeListener } from './authz/change-listener.js';
import { createAuthorizeRoute, createRequirePat, type RequirePatOptions } from './authz/authorize.routes.js';
import { createLeakReportRoutes } from './leaks/leak.routes.js';
import { LEAK_KEY_MIN, LeakService } from './leaks/leak.service.js';
import { GrantCache } from './authz/grant-cache.js';
import { createUseRecorder } from './usage/use-recorder.js';
import { createActivityRoutes } from './events/activity.routes.js';
import { ActivityService } from './events/activity.service.js';
import { createDispatcher, DEFAULT_RETRY, type RetryPolicy } from './events/dispatcher.js';
import { createEventIds, type EventIds } from './events/event-id.js';
import { CALLBACK_TARGET, Journal } from './events/journal.js';
import { createMaintenance } from './events/maintenance.js';
import { isWebhookUrl, webhookKey } from './events/webhook-signature.js';
import { createTokenHasher } from './tokens/token.js';
import { postgresUrlOf, type PatDatabase } from './db/database.js';
import { capIdleLimits } from './pats/pat.repository.js';
import { dialectOf } from './db/dialect.js';
import { errorHandler, routeNotFound } from './http/errors.js';
import { readJsonBody } from './http/json-body.js';
import { DEFAULT_RATE_LIMIT, limitFailures, type RateLimit } from './http/rate-limit.js';
import { createUserVerifier, requireUser, type IdentityOptions } from './identity/identity.js';
import { createPatRoutes } from './pats/pat.routes.js';
import { PatService } from './pats/pat.service.js';
import { createReferenceRoutes } from './reference/reference.routes.js';

/**
 * Grants kept for warm checks. A cached PAT takes about 1 KB; a miss costs one indexed read
 * (tens of microseconds), so the cache holds the PATs in use, not every PAT there is.
 */
const DEFAULT_CACHE_ENTRIES = 20_000;

export interface PatKitOptions extends IdentityOptions {
  db: PatDatabase;
  /** Entity types and operations (and duration presets) the host's scopes can name. */
  catalog?: CatalogOptions;
  /** The longest lifetime a PAT may have, as a duration string; `"365d"` by default. */
  maxLifetime?: string;
  /**
   * The server's idle limit, as a duration string of a day or more (`"90d"`): a PAT unused this
   * long expires. It is the idle limit of a PAT created without one and the longest one may
   * have, and at start it is applied to the PATs made before it (see `ready`). None by default.
   */
  maxIdle?: string;
  /** Secret key for HMAC-SHA256 token digests; plain SHA-256 without it. */
  pepper?: string;
  /** The clock, in epoch milliseconds; tests move it. */
  now?: () => number;
  /**
   * Failed checks of `POST /authorize` (401s) allowed per client address before they are
   * answered 429: 30 a minute by default; `false` turns the limit off. Successful checks are
   * never limited.
   */
  rateLimit?: RateLimit | false;
  /** The grant cache: `maxEntries` (20,000 by default) and `ttlMs` (60 s). */
  cache?: { maxEntries?: number; ttlMs?: number };
  /**
   * PostgreSQL: where this instance LISTENs for the PATs that other instances change, so that a
   * revocation anywhere is refused everywhere at once. By default the URL `openDatabase` opened
   * `db` with; `false` for a host that carries changes on its own bus (`onChange` → `invalidate`).
   */
  listenUrl?: string | false;
  /** Told of the PATs this instance changed (revoked, regenerated, deleted, scopes), after the commit. */
  onChange?: (patIds: string[]) => void;
  /** Where PAT Kit logs: any logger with info, warn and error (e.g. `console`); pino by default. */
  logger?: Logger;
  /**
   * Webhook endpoints told of every notification (`pat.expiring`, `pat.expired`, `pat.revoked`,
   * `pat.regenerated`, `pat.deleted`): POSTed at least once, signed with `webhookSecret`,
   * retried with backoff for a day.
   */
  webhookUrls?: readonly string[];
  /** The webhooks' signing secret, `whsec_<base64 of 24 or more random bytes>` (Standard Webhooks); required with `webhookUrls`. */
  webhookSecret?: string;
  /**
   * Told of every notification as a webhook is, at least once and through the same outbox: a
   * notification counts as delivered when it resolves, and is tried again when it rejects.
   */
  onEvent?: (notification: Notification) => void | Promise<void>;
  /** Notification delivery: each attempt's time limit (10 s), how often the outbox is read (5 s), the retries. */
  webhooks?: { timeoutMs?: number; pollMs?: number; retry?: Partial<RetryPolicy> };
  /** How long a deleted PAT's events are kept, as a duration string: `"90d"` by default. */
  eventRetention?: string;
  /** How often the expiry scan (expired events, expiry notices) and the retention sweeps run: 60 s by default. */
  scanIntervalMs?: number;
  /**
   * Whether `POST /authorize` takes the client's address from the body's `client_ip`: only for
   * a deployment where every caller of it is a service trusted to relay the address of the
   * client that presented the PAT. Off by default: the request's own address counts, and a
   * `client_ip` is a 400.
   */
  trustClientIp?: boolean;
  /**
   * The shared key of leak reports (`POST /pats/leaked`, signed with it): 32 characters or
   * more. Without it the route does not exist.
   */
  leakReportKey?: string;
}

export interface PatKit {
  /**
   * Resolves once the server's idle limit (`maxIdle`) is applied to the PATs stored before it
   * was set or lowered; a server awaits it before it listens. At once without `maxIdle`.
   */
  ready: Promise<void>;
  /** The REST API (`/pats…`, `POST /authorize`, its document `GET /openapi.json` and page `/docs`); mount it anywhere (the standalone server uses `/api`). */
  router: Router;
  /**
   * `POST /authorize` alone, as one handler that reads its body and answers everything itself,
   * errors too: for a host that mounts the check ahead of its other middleware, as the
   * standalone server does (`app.post('/api/authorize', kit.authorizeRoute)`). The router has it too.
   */
  authorizeRoute: RequestHandler;
  /** May `token` do `request`? For Node hosts; shares the router's cache and its invalidation. */
  authorizePat: AuthorizePat;
  /** Express middleware guarding a host route with a PAT. */
  requirePat: (options: RequirePatOptions) => RequestHandler;
  /** Forgets what is cached about these PATs: for changes made elsewhere and told by the host's own bus. */
  invalidate(patIds: string[]): void;
  /**
   * Resolves once what the checks answered so far left behind (last uses, counts, new
   * addresses) is in the database, and the notifications due have had their attempt.
   */
  flush(): Promise<void>;
  /** Runs the expiry scan and the retention sweeps now (they also run every `scanIntervalMs`). */
  scan(): Promise<void>;
  /** Writes what is still queued, stops the writer thread and the timers; call it before `db.destroy()`. */
  close(): Promise<void>;
}

/**
 * On PostgreSQL, several instances may share the database: each hears the others' changes and
 * drops those PATs from its cache. Until it listens, and whenever it cannot, it keeps no cache
 * at all (fail closed): every check reads the database.
 */
function listenToOtherInstances(options: PatKitOptions, cache: GrantCache, logger: Logger): ChangeListener | undefined {
  if (dialectOf(options.db) !== 'postgres' || options.listenUrl === false) return undefined;
  const url = options.listenUrl ?? postgresUrlOf(options.db);
  if (!url) {
    logger.warn('PAT Kit cannot hear the changes of other instances: pass listenUrl (or listenUrl: false and call invalidate() yourself)');
    return undefined;
  }
  cache.bypass();
  let lostAt: number | undefined;
  return listenForChanges({
    url,
    onChange: (patIds) => cache.invalidate(patIds),
    onListening: () => {
      cache.resume();
      if (lostAt !== undefined)
        logger.info({ offlineMs: Date.now() - lostAt }, 'listening for the changes of other instances again; the grant cache is back');
      lostAt = undefined;
    },
    onLost: (err) => {
      cache.bypass();
      if (lostAt === undefined)
        logger.warn({ err }, 'lost the connection that hears other instances; every check reads the database until it is back');
      lostAt ??= Date.now();
    },
  });
}

/**
 * Applies the server's idle limit to the stored PATs that have none or a longer one (see
 * capIdleLimits). A PAT this instance has cached was read under the old limit: the cache starts over.
 */
async function applyIdleLimit(db: PatDatabase, maxIdleMs: number | null, now: () => number, cache: GrantCache): Promise<void> {
  if (maxIdleMs === null) return;
  if ((await capIdleLimits(db, maxIdleMs, new Date(now()).toISOString())) > 0) cache.clear();
}

function retentionMs(retention = DEFAULT_EVENT_RETENTION): number {
  const parsed = parseDuration(retention);
  if (!parsed.ok) throw new Error(`eventRetention: ${parsed.reason}`);
  return parsed.ms;
}

/** The outbox's writer (the journal) and its reader (the dispatcher), from the webhook options. */
function notifications(options: PatKitOptions, logger: Logger, now: () => number, eventId: EventIds) {
  const urls = options.webhookUrls ?? [];
  for (const url of urls) {
    if (!isWebhookUrl(url)) throw new Error(`webhookUrls: "${url}" is not an http(s) URL`);
  }
  const key = options.webhookSecret === undefined ? undefined : webhookKey(options.webhookSecret);
  if (options.webhookSecret !== undefined && !key) {
    throw new Error('webhookSecret must be whsec_ followed by the base64 of 24 or more random bytes');
  }
  if (urls.length > 0 && !key) throw new Error('webhookUrls need a webhookSecret to sign their deliveries');
  const retry = { ...DEFAULT_RETRY, ...options.webhooks?.retry };
  const dispatcher = createDispatcher({
    db: options.db,
    urls,
    key,
    onEvent: options.onEvent,
    now,
    logger,
    timeoutMs: options.webhooks?.timeoutMs ?? 10_000,
    pollMs: options.webhooks?.pollMs ?? 5_000,
    retry,
  });
  const journal = new Journal([...urls, ...(options.onEvent ? [CALLBACK_TARGET] : [])], eventId, () => dispatcher.nudge());
  return { dispatcher, journal, retry };
}

/** Everything PAT Kit does, over one database and one grant cache. No module-level state. */
export function createPatKit(options: PatKitOptions): PatKit {
  const logger = options.logger ?? pino();
  const now = options.now ?? Date.now;
  // First: the options it refuses are refused before anything starts.
  const eventId = createEventIds();
  const { dispatcher, journal, retry } = notifications(options, logger, now, eventId);
  const { catalog, maxLifetimeMs, maxIdleMs } = resolveCatalog(options.catalog, options.maxLifetime, options.maxIdle);
  const leakKey = options.leakReportKey;
  if (leakKey !== undefined && leakKey.length < LEAK_KEY_MIN) throw new Error(`leakReportKey must be ${LEAK_KEY_MIN} characters or more`);
  const cache = new GrantCache(options.cache?.maxEntries ?? DEFAULT_CACHE_ENTRIES, options.cache?.ttlMs ?? 60_000);
  const hashToken = createTokenHasher(options.pepper);
  const uses = createUseRecorder({
    db: options.db,
    eventId,
    onError: (err) => logger.error({ err }, 'could not record the uses of personal access tokens'),
  });
  const authorizePat = createAuthorizer({ db: options.db, cache, hashToken, now, uses });
  const rateLimit = options.rateLimit ?? DEFAULT_RATE_LIMIT;
  const failedChecks = rateLimit ? limitFailures(rateLimit, 'failed token checks') : undefined;
  const changed = (patIds: string[]) => {
    cache.invalidate(patIds);
    options.onChange?.(patIds);
  };
  const service = new PatService({ db: options.db, catalog, maxLifetimeMs, maxIdleMs, hashToken, changed, journal, now });
  const ready = applyIdleLimit(options.db, maxIdleMs, now, cache);
  // Awaited by the server; a host that does not await it still hears of a failure.
  ready.catch((err: unknown) => logger.error({ err }, 'could not apply the idle limit (maxIdle) to the stored PATs'));
  const activity = new ActivityService({ db: options.db, withPendingCounts: (id, read) => uses.withPendingCounts(id, read), now });
  const maintenance = createMaintenance({
    db: options.db,
    journal,
    now,
    logger,
    intervalMs: options.scanIntervalMs ?? 60_000,
    eventRetentionMs: retentionMs(options.eventRetention),
    retry,
  });
  const listener = listenToOtherInstances(options, cache, logger);
  const signedIn = requireUser(createUserVerifier(options));
  const answerError = errorHandler(logger);
  const authorizeRoute = createAuthorizeRoute(authorizePat, { failedChecks, trustClientIp: options.trustClientIp, answerError });

  const router = Router();
  // The check first: it is most of the traffic, and passes through nothing the others need.
  router.post('/authorize', authorizeRoute);
  // The API document and its page: they hold no secret, and the page's assets may be cached.
  router.use(createReferenceRoutes());
  router.use(noStore);
  // Leak reports carry the report key, not a user token: before the management paths.
  if (leakKey) router.use(createLeakReportRoutes(new LeakService({ db: options.db, hashToken, journal, changed, now }), leakKey));
  // The management paths: the user token first, then a JSON body where one is sent.
  for (const path of ['/pats', '/events']) router.use(path, signedIn, readJsonBody(LIMITS.bodyBytes));
  router.use(createPatRoutes(service));
  router.use(createActivityRoutes(activity));
  router.use(['/pats', '/events'], routeNotFound);
  router.use(answerError);

  return {
    ready,
    router,
    authorizeRoute,
    authorizePat,
    requirePat: createRequirePat(authorizePat),
    invalidate: (patIds) => cache.invalidate(patIds),
    async flush() {
      await ready;
      await uses.flush();
      await dispatcher.idle();
    },
    scan: () => maintenance.run(),
    async close() {
      await ready.catch(() => undefined);
      failedChecks?.close();
      await maintenance.close();
      await dispatcher.close();
      await listener?.close();
      await uses.close();
    },
  };
}

/**
 * The REST API alone, for hosts that mount it in their own Express app. (A host that wants to
 * write the last uses still queued at shutdown uses createPatKit, whose `close()` does.)
 */
export function createPatRouter(options: PatKitOptions): Router {
  return createPatKit(options).router;
}
