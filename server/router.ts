import { Router, type RequestHandler } from 'express';
import { pino } from 'pino';
import { noStore } from './http/no-store.js';
import type { Logger } from './logger.js';
import { LIMITS, resolveCatalog, type CatalogOptions } from '../contract/index.js';
import { createAuthorizer, type AuthorizePat } from './authz/authorizer.js';
import { listenForChanges, type ChangeListener } from './authz/change-listener.js';
import { createAuthorizeRoutes, createRequirePat, type RequirePatOptions } from './authz/authorize.routes.js';
import { GrantCache } from './authz/grant-cache.js';
import { createLastUseRecorder } from './authz/last-use-recorder.js';
import { createTokenHasher } from './tokens/token.js';
import { postgresUrlOf, type PatDatabase } from './db/database.js';
import { dialectOf } from './db/dialect.js';
import { errorHandler, routeNotFound } from './http/errors.js';
import { jsonBody } from './http/json-body.js';
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
}

export interface PatKit {
  /** The REST API (`/pats…`, `POST /authorize`, its document `GET /openapi.json` and page `/docs`); mount it anywhere (the standalone server uses `/api`). */
  router: Router;
  /** May `token` do `request`? For Node hosts; shares the router's cache and its invalidation. */
  authorizePat: AuthorizePat;
  /** Express middleware guarding a host route with a PAT. */
  requirePat: (options: RequirePatOptions) => RequestHandler;
  /** Forgets what is cached about these PATs: for changes made elsewhere and told by the host's own bus. */
  invalidate(patIds: string[]): void;
  /** Resolves once the last uses of the checks answered so far are in the database. */
  flush(): Promise<void>;
  /** Writes the last uses still queued and stops the writer thread; call it before `db.destroy()`. */
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

/** Everything PAT Kit does, over one database and one grant cache. No module-level state. */
export function createPatKit(options: PatKitOptions): PatKit {
  const logger = options.logger ?? pino();
  const now = options.now ?? Date.now;
  const { catalog, maxLifetimeMs } = resolveCatalog(options.catalog, options.maxLifetime);
  const cache = new GrantCache(options.cache?.maxEntries ?? DEFAULT_CACHE_ENTRIES, options.cache?.ttlMs ?? 60_000);
  const hashToken = createTokenHasher(options.pepper);
  const lastUses = createLastUseRecorder({
    db: options.db,
    onError: (err) => logger.error({ err }, 'could not record the last use of personal access tokens'),
  });
  const authorizePat = createAuthorizer({ db: options.db, cache, hashToken, now, lastUses });
  const rateLimit = options.rateLimit ?? DEFAULT_RATE_LIMIT;
  const failedChecks = rateLimit ? limitFailures(rateLimit, 'failed token checks') : undefined;
  const changed = (patIds: string[]) => {
    cache.invalidate(patIds);
    options.onChange?.(patIds);
  };
  const service = new PatService({ db: options.db, catalog, maxLifetimeMs, hashToken, changed, now });
  const listener = listenToOtherInstances(options, cache, logger);

  const router = Router();
  // The API document and its page first: they hold no secret, and the page's assets may be cached.
  router.use(createReferenceRoutes());
  router.use(noStore);
  router.use(createAuthorizeRoutes(authorizePat, failedChecks));
  router.use('/pats', requireUser(createUserVerifier(options)), ...jsonBody(LIMITS.bodyBytes));
  router.use(createPatRoutes(service));
  router.use('/pats', routeNotFound);
  router.use(errorHandler(logger));

  return {
    router,
    authorizePat,
    requirePat: createRequirePat(authorizePat),
    invalidate: (patIds) => cache.invalidate(patIds),
    flush: () => lastUses.flush(),
    async close() {
      failedChecks?.close();
      await listener?.close();
      await lastUses.close();
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
