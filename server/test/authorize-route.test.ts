/**
 * `POST /authorize`'s own handler: the standalone server sends a check in its usual spelling
 * straight to it, and every other spelling through the router, with the same answers; it reads
 * its JSON body without body-parser (and answers as body-parser would); a host can mount it
 * ahead of its own middleware, and a host that parsed the body already is not left hanging.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { connect } from 'node:net';
import express from 'express';
import { pino } from 'pino';
import type { Logger } from '../logger.js';
import { createPatKit, type PatKit } from '../router.js';
import {
  JWT_SECRET,
  listen,
  openTestDatabase,
  signUserToken,
  startServer,
  type CallResult,
  type Listening,
  type TestDatabase,
  type TestServer,
} from './harness.js';

const GRANTED = { entity_type: 'clients', operation: 'read', entity_id: 'c1' };
const SCOPES = [{ entity_type: 'clients', operation: 'read', entity_id: '*' }];

/** What an answer shows a caller, the headers every API answer carries included. */
function shown(answer: CallResult) {
  const headers = Object.fromEntries(
    ['cache-control', 'content-type', 'referrer-policy', 'www-authenticate', 'x-content-type-options'].map((name) => [
      name,
      answer.headers.get(name),
    ]),
  );
  return { status: answer.status, body: answer.body as unknown, headers };
}

/** A logger that keeps its request lines. */
function requestLines() {
  const lines: Record<string, unknown>[] = [];
  const keep = (first: unknown) => {
    if (typeof first === 'object' && first !== null && 'status' in first) lines.push(first as Record<string, unknown>);
  };
  const logger: Logger = { info: keep, warn: () => undefined, error: () => undefined };
  return { logger, lines };
}

/** Sends POST /api/authorize as a chunked body (no Content-Length): body-parser's path. */
function postChunked(url: string, secret: string, parts: string[]): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const sent = request(`${url}/api/authorize`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
    });
    sent.on('response', (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode!, body: JSON.parse(text) }));
    });
    sent.on('error', reject);
    for (const part of parts) sent.write(part);
    sent.end();
  });
}

describe('POST /api/authorize on the standalone server', () => {
  let server: TestServer;
  let secret: string;
  const { logger, lines } = requestLines();

  before(async () => {
    server = await startServer({ logger });
    const token = await server.tokenFor('route-user');
    const created = await server.call('POST', '/pats', { token, body: { name: 'route', duration: '30d', scopes: SCOPES } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    secret = created.body.secret;
  });

  after(() => server.close());

  const cases: {
    label: string;
    status: number;
    send: () => { token?: string; raw?: string; body?: unknown; headers?: Record<string, string> };
  }[] = [
    { label: 'allowed', status: 200, send: () => ({ token: secret, body: GRANTED }) },
    { label: 'an unknown token', status: 401, send: () => ({ token: `pat_${'a'.repeat(22)}_${'b'.repeat(49)}`, body: GRANTED }) },
    { label: 'no scope grants it', status: 403, send: () => ({ token: secret, body: { ...GRANTED, operation: 'delete' } }) },
    { label: 'a field missing', status: 400, send: () => ({ token: secret, body: { entity_type: 'clients' } }) },
    { label: 'malformed JSON', status: 400, send: () => ({ token: secret, raw: '{"entity_type":' }) },
    { label: 'a relayed client_ip', status: 400, send: () => ({ token: secret, body: { ...GRANTED, client_ip: '10.0.0.1' } }) },
    {
      label: 'not JSON',
      status: 415,
      send: () => ({ token: secret, raw: 'entity_type=clients', headers: { 'content-type': 'text/plain' } }),
    },
    { label: 'over the size limit', status: 413, send: () => ({ token: secret, body: { ...GRANTED, pad: 'x'.repeat(70_000) } }) },
  ];

  for (const { label, status, send } of cases) {
    it(`${label} → ${status}: the same answer in the usual spelling (straight to the handler) and through the router`, async () => {
      const before = lines.length;
      const straight = shown(await server.call('POST', '/authorize', send()));
      const routed = shown(await server.call('POST', '/authorize/', send()));
      assert.equal(straight.status, status, JSON.stringify(straight.body));
      assert.deepEqual(routed, straight);
      assert.equal(straight.headers['cache-control'], 'no-store');
      assert.equal(straight.headers['x-content-type-options'], 'nosniff');
      assert.equal(straight.headers['referrer-policy'], 'no-referrer');
      assert.equal(straight.headers['content-type'], 'application/json; charset=utf-8');
      // One request line each, with the path as sent and the status answered.
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(
        lines.slice(before).map(({ method, path, status: logged }) => ({ method, path, status: logged })),
        [
          { method: 'POST', path: '/api/authorize', status },
          { method: 'POST', path: '/api/authorize/', status },
        ],
      );
    });
  }

  it('a query string or another case reaches the same handler through the router', async () => {
    const spellings = ['/api/authorize?trace=1', '/API/Authorize'];
    for (const spelling of spellings) {
      const answer = await fetch(`${server.url}${spelling}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
        body: JSON.stringify(GRANTED),
      });
      assert.equal(answer.status, 200, spelling);
      assert.equal(((await answer.json()) as { allowed: boolean }).allowed, true, spelling);
      assert.equal(answer.headers.get('cache-control'), 'no-store', spelling);
    }
  });

  it('the other methods on /api/authorize are 404 JSON, uncached', async () => {
    const answer = await server.call('GET', '/authorize');
    assert.equal(answer.status, 404);
    assert.equal(answer.body.error, 'not_found');
    assert.equal(answer.headers.get('cache-control'), 'no-store');
  });

  describe('its body, read as body-parser reads one', () => {
    it('a UTF-8 byte order mark before the JSON is ignored', async () => {
      const answer = await server.call('POST', '/authorize', { token: secret, raw: `\uFEFF${JSON.stringify(GRANTED)}` });
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
    });

    it('the usual spellings of UTF-8 JSON are read; JSON that is not an object or an array is a 400', async () => {
      for (const type of ['application/json; charset=utf-8', 'Application/JSON;charset="UTF-8"', 'application/json; charset=utf8']) {
        const answer = await server.call('POST', '/authorize', { token: secret, body: GRANTED, headers: { 'content-type': type } });
        assert.equal(answer.status, 200, type);
      }
      for (const raw of ['"text"', '42', 'null', 'true']) {
        const answer = await server.call('POST', '/authorize', { token: secret, raw });
        assert.equal(answer.status, 400, raw);
        assert.deepEqual(answer.body.details, [{ field: 'body', message: 'is not valid JSON' }], raw);
      }
      const array = await server.call('POST', '/authorize', { token: secret, raw: JSON.stringify([GRANTED]) });
      assert.equal(array.status, 400);
      assert.notDeepEqual(array.body.details, [{ field: 'body', message: 'is not valid JSON' }]);
    });

    it('a chunked body (no Content-Length) gets the same answers', async () => {
      const whole = JSON.stringify(GRANTED);
      const allowed = await postChunked(server.url, secret, [whole.slice(0, 10), whole.slice(10)]);
      assert.deepEqual(allowed, { status: 200, body: (await server.call('POST', '/authorize', { token: secret, body: GRANTED })).body });
      const malformed = await postChunked(server.url, secret, ['{"entity_type":', '']);
      assert.deepEqual(malformed, {
        status: 400,
        body: (await server.call('POST', '/authorize', { token: secret, raw: '{"entity_type":' })).body,
      });
    });

    it('a client that goes away mid-body leaves the server answering the next check', async () => {
      await new Promise<void>((resolve, reject) => {
        const socket = connect(Number(new URL(server.url).port), '127.0.0.1', () => {
          socket.write(
            `POST /api/authorize HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: Bearer ${secret}\r\nContent-Length: 200\r\n\r\n{"entity_type":`,
            () => {
              socket.destroy();
              resolve();
            },
          );
        });
        socket.on('error', reject);
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      const answer = await server.call('POST', '/authorize', { token: secret, body: GRANTED });
      assert.equal(answer.status, 200);
    });
  });
});

describe('the check mounted by a host', () => {
  let database: TestDatabase;
  let kit: PatKit;
  let host: Listening;
  let secret: string;
  let hostErrors = 0;

  before(async () => {
    database = await openTestDatabase();
    kit = createPatKit({ db: database.db, jwtSecret: JWT_SECRET, logger: pino({ level: 'silent' }) });
    const app = express();
    // Ahead of the host's own middleware, which here turns away everything else under /guarded.
    app.post('/guarded/authorize', kit.authorizeRoute);
    app.use('/guarded', (_req, res) => void res.status(403).send('host says no'));
    // A host that parses every body itself before the API.
    app.use(express.json());
    app.use('/api', kit.router);
    app.use(((_err, _req, res, _next) => {
      hostErrors++;
      res.status(500).send('<h1>host error page</h1>');
    }) as express.ErrorRequestHandler);
    host = await listen(app);
    const token = await signUserToken('host-user');
    const created = await host.call('POST', '/api/pats', { token, body: { name: 'host', duration: '30d', scopes: SCOPES } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    secret = created.body.secret;
  });

  after(async () => {
    await host.close();
    await kit.close();
    await database.close();
  });

  it('authorizeRoute answers checks ahead of the host middleware, and its own errors in JSON', async () => {
    const allowed = await host.call('POST', '/guarded/authorize', { token: secret, body: GRANTED });
    assert.deepEqual([allowed.status, allowed.body.allowed], [200, true]);
    assert.equal(allowed.headers.get('cache-control'), 'no-store');
    const malformed = await host.call('POST', '/guarded/authorize', { token: secret, raw: '{' });
    assert.equal(malformed.status, 400);
    assert.equal(malformed.body.error, 'validation_failed');
    const refused = await host.call('POST', '/guarded/authorize', { token: 'nope', body: GRANTED });
    assert.equal(refused.status, 401);
    assert.equal(refused.headers.get('www-authenticate'), 'Bearer');
    assert.equal(hostErrors, 0);
  });

  it('a body the host has parsed already is taken as it is, not waited for', { timeout: 10_000 }, async () => {
    const allowed = await host.call('POST', '/api/authorize', { token: secret, body: GRANTED });
    assert.deepEqual([allowed.status, allowed.body.allowed], [200, true]);
    const token = await signUserToken('host-user');
    const listed = await host.call('GET', '/api/pats', { token });
    const renamed = await host.call('PATCH', `/api/pats/${listed.body.pats[0].id}/name`, { token, body: { name: 'renamed' } });
    assert.equal(renamed.status, 202, JSON.stringify(renamed.body));
    assert.equal(renamed.body.name, 'renamed');
  });
});
