import { existsSync } from 'node:fs';
import express, { Router } from 'express';

const ABOUT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>PAT Kit</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1f2937}code{background:#f3f4f6;padding:.1rem .3rem;border-radius:.25rem}</style>
</head><body><h1>PAT Kit</h1>
<p>A drop-in Personal Access Token manager: Lit custom elements and this REST server.</p>
<p>The API is at <code>/api</code>: <code>/api/pats</code> manages a signed-in user's tokens and
<code>POST /api/authorize</code> answers whether a token may do something.</p></body></html>`;

/** The page at `/`: a built page from `staticDir` (the demo), or a short page about the API. */
export function createPageRouter(staticDir?: string): Router {
  const router = Router();
  if (staticDir && existsSync(staticDir)) {
    router.use(express.static(staticDir, { index: 'index.html' }));
  } else {
    router.get('/', (_req, res) => {
      res.type('html').send(ABOUT_PAGE);
    });
  }
  return router;
}
