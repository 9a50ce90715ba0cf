import { pino } from 'pino';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase, redactedUrl } from './db/database.js';
import { MissingDriverError } from './db/drivers.js';

/**
 * The log's lines gather until this many bytes, then go out in one write from the main thread.
 * A write per line went through libuv's thread pool and woke two threads per request
 * (docs/performance.md, round nine).
 */
const LOG_BATCH_BYTES = 4096;
/** How long a line waits at most when few come; a warning or an error is written at once. */
const LOG_FLUSH_MS = 1000;

/** The standalone server: `npm start`. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`pat-kit: ${error.message}`);
    process.exit(1);
  }
  const destination = pino.destination({ dest: 1, sync: true, minLength: LOG_BATCH_BYTES, periodicFlush: LOG_FLUSH_MS });
  const logger = pino(
    {
      level: config.logLevel,
      hooks: {
        logMethod(args, log, level) {
          log.apply(this, args);
          if (level >= pino.levels.values.warn!) destination.flush();
        },
      },
    },
    destination,
  );
  process.once('exit', () => destination.flushSync());
  const database = config.databaseUrl ? redactedUrl(config.databaseUrl) : config.dbPath;
  const db = await openDatabase(config.databaseUrl ?? config.dbPath, {
    poolSize: config.databasePool,
    onPoolError: (err) => logger.warn({ err }, 'a pooled database connection failed; the pool replaces it'),
  }).catch((error: unknown) => {
    if (!(error instanceof MissingDriverError)) throw error;
    console.error(`pat-kit: ${error.message}`);
    process.exit(1);
  });
  const app = createApp({
    db,
    logger,
    jwtSecret: config.jwtSecret,
    jwksUrl: config.jwksUrl,
    userClaim: config.userClaim,
    issuer: config.jwtIssuer,
    audience: config.jwtAudience,
    rateLimit: config.rateLimit,
    trustProxy: config.trustProxy,
    trustClientIp: config.trustClientIp,
    leakReportKey: config.leakReportKey,
    pepper: config.pepper,
    maxLifetime: config.maxLifetime,
    maxIdle: config.maxIdle,
    catalog: config.catalog,
    webhookUrls: config.webhookUrls,
    webhookSecret: config.webhookSecret,
    eventRetention: config.eventRetention,
    demo: config.demo,
    staticDir: config.staticDir,
  });
  // The idle limit applies to the stored PATs before the first request is answered.
  await app.locals.patKit.ready;
  const server = app.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    logger.info({ database, demo: config.demo }, `PAT Kit listening on http://${config.host}:${port}`);
    destination.flush();
  });
  const stop = () => {
    server.close(
      () =>
        void app.locals.patKit
          .close()
          .then(() => db.destroy())
          .then(() => process.exit(0)),
    );
    server.closeAllConnections();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

await main();
