import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { basename, posix } from 'node:path';
import express, { Router, type RequestHandler, type Response } from 'express';

const ABOUT_STYLE =
  'body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1f2937}code{background:#f3f4f6;padding:.1rem .3rem;border-radius:.25rem}';

const ABOUT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>PAT Kit</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>${ABOUT_STYLE}</style>
</head><body><h1>PAT Kit</h1>
<p>A drop-in Personal Access Token manager: Lit custom elements and this REST server.</p>
<p>The API is at <code>/api</code>: <code>/api/pats</code> manages a signed-in user's tokens and
<code>POST /api/authorize</code> answers whether a token may do something.</p></body></html>`;

/** The about page's one inline `<style>`, allowed by its hash rather than 'unsafe-inline'. */
const ABOUT_STYLE_HASH = `'sha256-${createHash('sha256').update(ABOUT_STYLE).digest('base64')}'`;

function contentSecurityPolicy(extraStyle = ''): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Lit and Shoelace style through constructable stylesheets and CSSOM writes, which CSP allows.
    `style-src 'self'${extraStyle}`,
    "img-src 'self' data:",
    "font-src 'self'",
    // Shoelace fetch()es its built-in "system" icons (select chevrons, checkmarks) from data: URLs;
    // a data: URL reaches no server, and script-src keeps its content from running.
    "connect-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const PAGE_CSP = contentSecurityPolicy();
const ABOUT_CSP = contentSecurityPolicy(` ${ABOUT_STYLE_HASH}`);

// Four fixed headers written by hand rather than with helmet: no dependency, and nothing of
// helmet's defaults (HSTS, upgrade-insecure-requests) that would not fit a plain-http localhost server.
export function setPageHeaders(res: Response, csp = PAGE_CSP): void {
  res.setHeader('Content-Security-Policy', csp);
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
}

/** MSW's worker would answer the page's API calls from mocks: a stale copy in the static dir stays unserved. */
const skipMockWorker: RequestHandler = (req, _res, next) => {
  let path = req.path;
  try {
    path = decodeURIComponent(path);
  } catch {
    // express.static answers a malformed path itself
  }
  if (basename(posix.normalize(path)).toLowerCase() === 'mockserviceworker.js') return next('router');
  next();
};

/** The page at `/`: a built page from `staticDir` (the demo), or a short page about the API. */
export function createPageRouter(staticDir?: string): Router {
  const router = Router();
  if (staticDir && existsSync(staticDir)) {
    router.use(skipMockWorker);
    router.use(express.static(staticDir, { index: 'index.html', setHeaders: (res) => setPageHeaders(res) }));
  } else {
    router.get('/', (_req, res) => {
      setPageHeaders(res, ABOUT_CSP);
      res.type('html').send(ABOUT_PAGE);
    });
  }
  return router;
}
