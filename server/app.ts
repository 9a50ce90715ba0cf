import { existsSync } from 'node:fs';
import express, { type Express } from 'express';
import { pino } from 'pino';
import { errorHandler, routeNotFound } from './http/errors.js';
import { requestLogger } from './http/request-logger.js';
import { createDemoRouter } from './identity/demo.js';
import { createPatKit, type PatKit, type PatKitOptions } from './router.js';

export interface AppOptions extends PatKitOptions {
  /** Offer the demo login routes; needs `jwtSecret`, which signs the demo tokens. */
  demo?: boolean;
  /** A built page to serve at `/` (the demo); a short page about the API otherwise. */
  staticDir?: string;
}

const ABOUT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>PAT Kit</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1f2937}code{background:#f3f4f6;padding:.1rem .3rem;border-radius:.25rem}</style>
</head><body><h1>PAT Kit</h1>
<p>A drop-in Personal Access Token manager: Lit custom elements and this REST server.</p>
<p>The API is at <code>/api</code>: <code>/api/pats</code> manages a signed-in user's tokens and
<code>POST /api/authorize</code> answers whether a token may do something.</p></body></html>`;

/** The standalone server: the API at `/api`, the demo page at `/`, JSON for every error. */
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
  if (options.demo) {
    if (process.env.NODE_ENV === 'production') throw new Error('demo mode is never on in production');
    if (!options.jwtSecret) throw new Error('demo mode signs its own tokens and needs jwtSecret');
    app.use('/api', createDemoRouter(options.jwtSecret));
  }
  app.use('/api', kit.router);
  app.use('/api', routeNotFound);
  if (options.staticDir && existsSync(options.staticDir)) {
    app.use(express.static(options.staticDir, { index: 'index.html' }));
  } else {
    app.get('/', (_req, res) => {
      res.type('html').send(ABOUT_PAGE);
    });
  }
  app.use(routeNotFound);
  app.use(errorHandler(logger));
  return app as Express & { locals: { patKit: PatKit } };
}
