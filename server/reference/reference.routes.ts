import express, { Router, type RequestHandler } from 'express';
import { openApiDocument } from '../../contract/openapi.js';
import type { ErrorBody } from '../../contract/index.js';
import { setPageHeaders } from '../http/page.js';
import { DOCS_CSP, DOCS_INIT_SCRIPT, SWAGGER_UI_ASSETS, docsPage } from './docs-page.js';
import { locateSwaggerUi } from './swagger-ui.js';

/**
 * `GET /openapi.json`, the API document with its server URL where the router is mounted, and
 * `GET /docs`, the reference page on it (Swagger UI, when swagger-ui-dist is installed).
 */
export function createReferenceRoutes(locate: () => string | undefined = locateSwaggerUi): Router {
  const router = Router();
  let document: ReturnType<typeof openApiDocument> | undefined;
  router.get('/openapi.json', (req, res) => {
    document ??= openApiDocument();
    res.json({ ...document, servers: [{ url: req.baseUrl || '/' }] });
  });

  // swagger-ui-dist's files, looked for on the first request for the page: null when it is not installed.
  let assets: RequestHandler | null | undefined;
  const needSwaggerUi: RequestHandler = (_req, res, next) => {
    if (assets === undefined) {
      const dir = locate();
      assets = dir ? express.static(dir, { index: false }) : null;
    }
    if (assets) {
      next();
      return;
    }
    res.status(404).json({
      error: 'not_found',
      message: 'The API reference page needs swagger-ui-dist: npm install swagger-ui-dist.',
    } satisfies ErrorBody);
  };
  router.get('/docs', needSwaggerUi, (req, res) => {
    setPageHeaders(res, DOCS_CSP);
    res.type('html').send(docsPage(req.baseUrl));
  });
  router.get('/docs/init.js', needSwaggerUi, (_req, res) => {
    res.type('js').send(DOCS_INIT_SCRIPT);
  });
  router.use('/docs', (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !SWAGGER_UI_ASSETS.has(req.path.slice(1))) {
      // Not a file of the page: on to the API's own 404.
      next('router');
      return;
    }
    needSwaggerUi(req, res, () => assets!(req, res, next));
  });
  return router;
}
