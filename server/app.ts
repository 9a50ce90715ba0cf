import express, { type Express } from 'express';
import { pino } from 'pino';
import { errorHandler, routeNotFound } from './http/errors.js';
import { answerClientErrors, limitUrlLength } from './http/client-errors.js';
import { createExpressServer } from './http/express-server.js';
import { createPageRouter } from './http/page.js';
import { requestLogger } from './http/request-logger.js';
import { DEFAULT_RATE_LIMIT } from './http/rate-limit.js';
import { createDemoSignIn, type DemoSignIn } from './identity/demo.js';
import { createUserVerifier, type IdentityOptions, type UserVerifier } from './identity/identity.js';
import { createPatKit, type PatKit, type PatKitOptions } from './router.js';

export interface AppOptions extends PatKitOptions {
  /**
   * Demo mode: the demo login routes, whose tokens are signed with a key of their own and
   * accepted beside the host's (if any) only while this is on. Anyone who reaches the server
   * can sign in as a demo user: never on a server that holds real PATs.
   */
  demo?: boolean;
  /** A built page to serve at `/` (the demo); a short page about the API otherwise. */
  staticDir?: string;
  /**
   * Express's `trust proxy`: which proxies' X-Forwarded-For to believe for the client address
   * that rate limits and last uses see (e.g. `1` behind one reverse proxy). None by default.
   */
  trustProxy?: boolean | number | string;
}

/** Demo tokens first (one HMAC tells), then the host's own sign-in when it has one. */
function withDemoUsers(demo: DemoSignIn, options: IdentityOptions): UserVerifier {
  const host = options.authenticate || options.jwtSecret || options.jwksUrl ? createUserVerifier(options) : undefined;
  return async (bearer) => (await demo.verify(bearer)) ?? (await host?.(bearer));
}

/**
 * The standalone server: the API at `/api`, the demo page at `/`, JSON for every error (its
 * `listen()` also answers what Node refuses by itself, such as oversized headers, in JSON).
 */
export function createApp(options: AppOptions): Express & { locals: { patKit: PatKit } } {
  const logger = options.logger ?? pino();
  const demo = options.demo ? createDemoSignIn({ rateLimit: options.rateLimit ?? DEFAULT_RATE_LIMIT }) : undefined;
  const kit = createPatKit({ ...options, logger, authenticate: demo ? withDemoUsers(demo, options) : options.authenticate });
  const app = express();
  app.disable('x-powered-by');
  if (options.trustProxy !== undefined) app.set('trust proxy', options.trustProxy);
  app.locals.patKit = kit;
  const logRequest = requestLogger(logger);
  app.use((req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    logRequest(req, res);
    // Most of the traffic is checks: in its usual spelling, one goes straight to its handler,
    // past the router's layers (any other spelling reaches the same handler through them).
    if (req.method === 'POST' && req.url === '/api/authorize') kit.authorizeRoute(req, res, next);
    else limitUrlLength(req, res, next);
  });
  // The API before the demo sign-in, which no path of it shares.
  app.use('/api', kit.router);
  if (demo) {
    logger.warn(
      'Demo mode is on: anyone who can reach this server can sign in as a demo user. Set PAT_JWT_SECRET or PAT_JWKS_URL (and leave PAT_DEMO unset) to sign users in for real.',
    );
    app.use('/api', demo.router);
  }
  app.use('/api', routeNotFound);
  app.use(createPageRouter(options.staticDir));
  app.use(routeNotFound);
  app.use(errorHandler(logger));
  // Express's listen() with Node's server made as createExpressServer makes it; requests Node
  // refuses before Express sees them get the same JSON errors. As with Express, a callback
  // also hears an error in listening.
  app.listen = ((...args: unknown[]) => {
    const server = createExpressServer(app);
    answerClientErrors(server);
    const ready = args.at(-1);
    if (typeof ready === 'function') server.once('error', (error) => server.listening || ready(error));
    return server.listen(...(args as Parameters<typeof server.listen>));
  }) as typeof app.listen;
  return app as Express & { locals: { patKit: PatKit } };
}
