/**
 * The API document and its reference page as the server serves them: `GET /api/openapi.json`
 * (with the server URL where the router is mounted), `/api/docs` on the installed
 * swagger-ui-dist under its own CSP, a 404 that says what to install without it; and the
 * document names exactly the routes the router has.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import express, { type Router } from 'express';
import { pino } from 'pino';
import { openApiDocument } from '../../contract/openapi.js';
import { createPatKit } from '../router.js';
import { createReferenceRoutes } from '../reference/reference.routes.js';
import { assertError } from './answers.js';
import { JWT_SECRET, listen, openTestDatabase, startServer, type Listening, type TestDatabase, type TestServer } from './harness.js';

let server: TestServer;

before(async () => {
  // With a leak report key, so the router has every route the document names.
  server = await startServer({ leakReportKey: 'leak-report-key-that-is-long-enough-0123' });
});

after(() => server.close());

describe('GET /api/openapi.json', () => {
  it('is the document, its server the mount path /api', async () => {
    const res = await server.call('GET', '/openapi.json');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    assert.deepEqual(res.body, openApiDocument());
    assert.deepEqual(res.body.servers, [{ url: '/api' }]);
  });

  it('needs no token', async () => {
    assert.equal((await server.call('GET', '/openapi.json', { token: 'garbage' })).status, 200);
  });
});

describe('/api/docs', () => {
  it('is a page under its own CSP: scripts and styles from the server only, no inline script, no framing', async () => {
    const res = await server.call('GET', '/docs');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /style-src 'self'(;|$)/);
    assert.match(csp, /connect-src 'self'(;|$)/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe|https?:/);
    assert.equal(res.headers.get('x-frame-options'), 'DENY');
    assert.doesNotMatch(res.body, /<script>|<script [^>]*>[^<]/, 'no inline script');
    assert.match(res.body, /data-document="\/api\/openapi.json"/);
    assert.equal((await server.call('GET', '/docs/')).body, res.body, '/docs/ is the same page');
  });

  it('serves the script and the swagger-ui-dist files it loads, and nothing else of the package', async () => {
    const page = (await server.call('GET', '/docs')).body as string;
    const urls = [...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    assert.deepEqual(urls.sort(), [
      '/api/docs/favicon-16x16.png',
      '/api/docs/favicon-32x32.png',
      '/api/docs/index.css',
      '/api/docs/init.js',
      '/api/docs/swagger-ui-bundle.js',
      '/api/docs/swagger-ui.css',
    ]);
    for (const url of urls) {
      const res = await fetch(`${server.url}${url}`);
      assert.equal(res.status, 200, url);
      assert.match(res.headers.get('content-type') ?? '', /^(text\/css|text\/javascript|application\/javascript|image\/png)/, url);
    }
    assert.match(await (await fetch(`${server.url}/api/docs/init.js`)).text(), /SwaggerUIBundle\(/);
    // The package's own page would load Swagger's petstore; its other files are not needed.
    for (const path of [
      '/docs/index.html',
      '/docs/swagger-initializer.js',
      '/docs/package.json',
      '/docs/../package.json',
      '/docs/nothing.js',
    ]) {
      assertError(await server.call('GET', path), 404, 'not_found');
    }
    assertError(await server.call('POST', '/docs/swagger-ui.css'), 404, 'not_found');
  });
});

describe('a host that mounts the router elsewhere', () => {
  let database: TestDatabase;
  let host: Listening;
  let close: () => Promise<void>;

  before(async () => {
    database = await openTestDatabase();
    const kit = createPatKit({ db: database.db, jwtSecret: JWT_SECRET, logger: pino({ level: 'silent' }) });
    const app = express();
    app.use('/v1/tokens', kit.router);
    host = await listen(app);
    close = () => kit.close();
  });

  after(async () => {
    await host.close();
    await close();
    await database.close();
  });

  it('serves the document with its own mount path as the server URL, and the page pointing there', async () => {
    const document = await host.call('GET', '/v1/tokens/openapi.json');
    assert.deepEqual(document.body.servers, [{ url: '/v1/tokens' }]);
    const page = await host.call('GET', '/v1/tokens/docs');
    assert.match(page.body, /data-document="\/v1\/tokens\/openapi.json"/);
    assert.match(page.body, /src="\/v1\/tokens\/docs\/swagger-ui-bundle.js"/);
    assert.equal((await host.call('GET', '/v1/tokens/docs/swagger-ui-bundle.js')).status, 200);
  });
});

describe('without swagger-ui-dist installed', () => {
  let host: Listening;

  before(async () => {
    const app = express();
    app.use(
      '/api',
      createReferenceRoutes(() => undefined),
    );
    host = await listen(app);
  });

  after(() => host.close());

  it('/api/docs and its files are a 404 that says what to install; the document is still served', async () => {
    for (const path of ['/api/docs', '/api/docs/init.js', '/api/docs/swagger-ui-bundle.js']) {
      const res = await host.call('GET', path);
      assertError(res, 404, 'not_found');
      assert.match(res.body.message, /npm install swagger-ui-dist/);
    }
    assert.equal((await host.call('GET', '/api/openapi.json')).status, 200);
  });
});

/** `METHOD /path` of every route of `router` (and of the routers it mounts without a path), `:id` as `{id}`. */
function routesOf(router: Router): string[] {
  return router.stack.flatMap((layer: any) => {
    if (layer.route)
      return Object.keys(layer.route.methods).map((method) => `${method.toUpperCase()} ${layer.route.path.replace(/:(\w+)/g, '{$1}')}`);
    if (!layer.handle?.stack) return [];
    assert.ok(layer.slash, 'a router mounted under a path: this walk would need its prefix');
    return routesOf(layer.handle);
  });
}

describe('the document and the router', () => {
  it('name the same operations (besides the reference page itself)', () => {
    const document = openApiDocument() as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((key) => key !== 'parameters')
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
    const routes = routesOf(server.app.locals.patKit.router).filter((route) => !/ \/docs(\/|$)/.test(route));
    assert.deepEqual(routes.sort(), documented.sort());
  });
});
