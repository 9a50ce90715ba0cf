import express, { type Express } from 'express';
import { pino } from 'pino';
import { errorHandler, routeNotFound } from './http/errors.js';
import { answerClientErrors, limitUrlLength } from './http/client-errors.js';
import { createPageRouter } from './http/page.js';
import { requestLogger } from './http/request-logger.js';
import { createDemoRouter } from './identity/demo.js';
import { createPatKit, type PatKit, type PatKitOptions } from './router.js';

export interface AppOptions extends PatKitOptions {
  /** Offer the demo login routes; needs `jwtSecret`, which signs the demo tokens. */
  demo?: boolean;
  /** A built page to serve at `/` (the demo); a short page about the API otherwise. */
  staticDir?: string;
}

/**
 * The standalone server: the API at `/api`, the demo page at `/`, JSON for every error (its
 * `listen()` also answers what Node refuses by itself, such as oversized headers, in JSON).
 */
export function createApp(options: AppOptions): Express & { locals: { patKit: PatKit } } {
  const logger = options.logger ?? pino();
  const kit = createPatKit({ ...options, logger });
  const app = express();
  app.disable('x-powered-by');
  app.locals.patKit = kit;
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    next();
  });
  app.use(requestLogger(logger));
  app.use(limitUrlLength);
  if (options.demo) {
    if (process.env.NODE_ENV === 'production') throw new Error('demo mode is never on in production');
    if (!options.jwtSecret) throw new Error('demo mode signs its own tokens and needs jwtSecret');
    app.use('/api', createDemoRouter(options.jwtSecret));
  }
  app.use('/api', kit.router);
  app.use('/api', routeNotFound);
  app.use(createPageRouter(options.staticDir));
  app.use(routeNotFound);
  app.use(errorHandler(logger));
  // Requests Node refuses before Express sees them get the same JSON errors.
  const listen = app.listen.bind(app);
  app.listen = ((...args: Parameters<typeof listen>) => {
    const server = listen(...args);
    answerClientErrors(server);
    return server;
  }) as typeof app.listen;
  return app as Express & { locals: { patKit: PatKit } };
}
