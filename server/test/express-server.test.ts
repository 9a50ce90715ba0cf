import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { IncomingMessage, ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';
import { createExpressServer } from '../http/express-server.js';
import { pino } from 'pino';
import { createApp } from '../app.js';
import { JWT_SECRET, openTestDatabase } from './harness.js';

/**
 * createExpressServer: Node makes each request and response with the app's prototypes, so
 * Express's per-request `setPrototypeOf` has nothing to change, and everything Express (or a
 * host) puts on those prototypes still works.
 */

const servers: Server[] = [];
after(() => Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve)))));

async function serve(app: Express): Promise<{ server: Server; url: string }> {
  const server = createExpressServer(app);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** An app whose route reports what the request looked like before Express saw it and after. */
function reportingApp() {
  const app = express();
  app.set('trust proxy', 1);
  app.get('/report', (req, res) => {
    res.status(201).json({
      prototypeIsTheApps: Object.getPrototypeOf(req) === app.request && Object.getPrototypeOf(res) === app.response,
      nodeClasses: req instanceof IncomingMessage && res instanceof ServerResponse,
      header: req.get('x-test'),
      ip: req.ip,
      protocol: req.protocol,
      query: req.query,
      app: req.app === app,
    });
  });
  return app;
}

/** The prototypes each request and response had when Node made them, before any listener ran. */
function prototypesAtBirth(server: Server): { request: object | null; response: object | null }[] {
  const seen: { request: object | null; response: object | null }[] = [];
  server.prependListener('request', (req, res) => seen.push({ request: Object.getPrototypeOf(req), response: Object.getPrototypeOf(res) }));
  return seen;
}

describe('createExpressServer', () => {
  it("makes each request and response with the app's prototypes, and Express's own methods work on them", async () => {
    const app = reportingApp();
    const { server, url } = await serve(app);
    const born = prototypesAtBirth(server);
    const response = await fetch(`${url}/report?a=1&b=two`, { headers: { 'x-test': 'hello', 'x-forwarded-for': '203.0.113.9' } });
    assert.equal(response.status, 201);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    assert.deepEqual(await response.json(), {
      prototypeIsTheApps: true,
      nodeClasses: true,
      header: 'hello',
      ip: '203.0.113.9',
      protocol: 'http',
      query: { a: '1', b: 'two' },
      app: true,
    });
    // Born with them: Express's setPrototypeOf had nothing to change.
    assert.deepEqual(born, [{ request: app.request, response: app.response }]);
  });

  it('sees what is added to the prototypes later, by the host or on Express itself', async () => {
    const app = express();
    app.get('/added', (req, res) => {
      const added = req as unknown as { greeting(): string; everywhere: string };
      res.json({ greeting: added.greeting(), everywhere: added.everywhere });
    });
    const { url } = await serve(app);
    Object.assign(app.request, { greeting: () => 'hi' });
    Object.defineProperty(express.request, 'everywhere', { configurable: true, get: () => 'from express.request' });
    try {
      assert.deepEqual(await (await fetch(`${url}/added`)).json(), { greeting: 'hi', everywhere: 'from express.request' });
    } finally {
      delete (express.request as unknown as Record<string, unknown>).everywhere;
    }
  });

  it("a second server on the same app makes its requests with the same prototypes; a mounted app's requests get its own", async () => {
    const app = reportingApp();
    const first = await serve(app);
    const prototype = app.request;
    const second = await serve(app);
    assert.equal(app.request, prototype, 'the classes of the first server are reused');
    const born = prototypesAtBirth(second.server);
    for (const { url } of [first, second]) {
      const body = (await (await fetch(`${url}/report`)).json()) as { prototypeIsTheApps: boolean };
      assert.equal(body.prototypeIsTheApps, true);
    }
    assert.deepEqual(born, [{ request: app.request, response: app.response }]);

    // A mounted app is Express's business: its requests carry its prototypes while it handles them.
    const mounted = express();
    mounted.get('/inner', (req, res) => res.json({ mounted: Object.getPrototypeOf(req) === mounted.request, app: req.app === mounted }));
    app.use('/sub', mounted);
    assert.deepEqual(await (await fetch(`${first.url}/sub/inner`)).json(), { mounted: true, app: true });
  });
});

describe("createApp's listen()", () => {
  it('serves through createExpressServer, and its callback hears an error in listening, as with Express', async () => {
    const database = await openTestDatabase();
    const app = createApp({ db: database.db, jwtSecret: JWT_SECRET, logger: pino({ level: 'silent' }) });
    try {
      const server = await new Promise<Server>((resolve) => {
        const listening: Server = app.listen(0, '127.0.0.1', () => resolve(listening));
      });
      servers.push(server);
      const born = prototypesAtBirth(server);
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const refused = await fetch(`${url}/api/pats`);
      assert.equal(refused.status, 401);
      assert.equal(((await refused.json()) as { error: string }).error, 'unauthenticated');
      assert.deepEqual(born, [{ request: app.request, response: app.response }]);

      // The same port again: the callback is called with the error, and nothing is thrown.
      const taken = await new Promise<unknown>((resolve) => {
        app.listen((server.address() as AddressInfo).port, '127.0.0.1', resolve as () => void);
      });
      assert.equal((taken as NodeJS.ErrnoException).code, 'EADDRINUSE');
    } finally {
      await app.locals.patKit.close();
      await database.close();
    }
  });
});
