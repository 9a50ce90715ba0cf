import { pino } from 'pino';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase, redactedUrl } from './db/database.js';
import { MissingDriverError } from './db/drivers.js';

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
  // Written without blocking the answer: a line per request goes out with the next write the
  // event loop gets to, several lines in one (pino flushes what is left when the process exits).
  const logger = pino({ level: config.logLevel }, pino.destination({ dest: 1, sync: false }));
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
