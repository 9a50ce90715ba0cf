import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import express from 'express';
import { pino } from 'pino';
import type { CompiledQuery } from 'kysely';
import { buildSecret, crc32, encodeBase62, type AuthorizeRequest } from '../../contract/index.js';
import type { PatDatabase } from '../db/database.js';
import { createPatKit, type PatKit } from '../router.js';
import {
  JWT_SECRET,
  TestClock,
  listen,
  openTestDatabase,
  signUserToken,
  startServer,
  type Listening,
  type TestDatabase,
  type TestServer,
} from './harness.js';

/** `POST /authorize`, `authorizePat` and `requirePat`. */

const READ: AuthorizeRequest = { entity_type: 'clients', operation: 'read', entity_id: 'c1' };
const SCOPES = [
  { entity_type: 'clients', operation: 'read', entity_id: '*' },
  { entity_type: 'clients', operation: 'delete', entity_id: '*' },
  { entity_type: 'clients', operation: 'create', entity_id: '*' },
  { entity_type: 'channels', operation: 'read', entity_id: '*', domain_id: 'dom-1' },
];

function checksumOf(body: string): string {
  const value = crc32(body);
  return encodeBase62(new Uint8Array([value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff]), 6);
}

function flip(text: string, index: number): string {
  const char = text[index] === 'A' ? 'B' : 'A';
  return text.slice(0, index) + char + text.slice(index + 1);
}

describe('POST /authorize: refusals', () => {
  let server: TestServer;
  let userToken: string;
  let pat: { id: string; secret: string };
  let revoked: { id: string; secret: string };
  let expired: { id: string; secret: string };
  let bad: Record<string, string | undefined>;

  before(async () => {
    // Dozens of refusals from one address: the failure limit has tests of its own.
    server = await startServer({ rateLimit: false });
    userToken = await server.tokenFor('alice');
    const created = await server.call('POST', '/pats', { token: userToken, body: { name: 'main', duration: '30d', scopes: SCOPES } });
    assert.equal(created.status, 201);
    pat = created.body;
    const other = await server.call('POST', '/pats', { token: userToken, body: { name: 'revoked', duration: '30d', scopes: SCOPES } });
    revoked = other.body;
    assert.equal((await server.call('PATCH', `/pats/${revoked.id}/secret/revoke`, { token: userToken })).status, 204);
    const brief = await server.call('POST', '/pats', { token: userToken, body: { name: 'expired', duration: '1h', scopes: SCOPES } });
    expired = brief.body;
    server.clock.advance(2 * 3_600_000);

    const body = pat.secret.slice(0, 70);
    const wrongRandom = flip(body, 45);
    bad = {
      'no bearer': undefined,
      'a user JWT': userToken,
      'pat_ and nothing': 'pat_',
      'too short': pat.secret.slice(0, -1),
      'too long': `${pat.secret}x`,
      'a character outside base62': `${pat.secret.slice(0, 30)}-${pat.secret.slice(31)}`,
      'wrong prefix': `pak_${pat.secret.slice(4)}`,
      'upper-case prefix': `PAT_${pat.secret.slice(4)}`,
      'right format, wrong checksum': flip(pat.secret, 72),
      'right id, wrong random part, valid checksum': wrongRandom + checksumOf(wrongRandom),
      'unknown id, valid checksum': buildSecret(randomUUID(), randomBytes(32)),
      'id part that overflows a UUID': (() => {
        const forged = `pat_zzzzzzzzzzzzzzzzzzzzzz_${pat.secret.slice(27, 70)}`;
        return forged + checksumOf(forged);
      })(),
      'revoked PAT, right secret': revoked.secret,
      'revoked PAT, wrong secret': (() => {
        const forged = flip(revoked.secret.slice(0, 70), 50);
        return forged + checksumOf(forged);
      })(),
      'expired PAT, right secret': expired.secret,
      'expired PAT, wrong secret': (() => {
        const forged = flip(expired.secret.slice(0, 70), 50);
        return forged + checksumOf(forged);
      })(),
    };
  });

  after(async () => {
    await server.close();
  });

  it('the valid secret is allowed (control)', async () => {
    const answer = await server.call('POST', '/authorize', { token: pat.secret, body: READ });
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, { allowed: true, user_id: 'alice', pat_id: pat.id });
    assert.equal(answer.headers.get('cache-control'), 'no-store');
  });

  it('every bad, unknown or revoked token is 401 with WWW-Authenticate and one identical body', async () => {
    const bodies = new Set<string>();
    for (const [label, token] of Object.entries(bad)) {
      const answer = await server.call('POST', '/authorize', { token, body: READ });
      assert.equal(answer.status, 401, `${label}: ${JSON.stringify(answer.body)}`);
      assert.match(answer.headers.get('www-authenticate') ?? '', /^Bearer/, `${label}: WWW-Authenticate`);
      assert.equal(answer.body.error, 'unauthenticated', label);
      assert.equal(typeof answer.body.message, 'string');
      bodies.add(JSON.stringify(answer.body));
    }
    assert.equal(bodies.size, 1, 'a revoked or expired PAT answers exactly like an unknown one (secret checked first)');
  });

  it('other authorization schemes and odd headers are 401', async () => {
    for (const authorization of [
      `Basic ${Buffer.from(`x:${pat.secret}`).toString('base64')}`,
      `Token ${pat.secret}`,
      `${pat.secret}`,
      'Bearer',
      'Bearer  ',
    ]) {
      const answer = await server.call('POST', '/authorize', { body: READ, headers: { authorization } });
      assert.equal(answer.status, 401, authorization);
      assert.match(answer.headers.get('www-authenticate') ?? '', /^Bearer/);
    }
  });

  it('a request no scope grants is 403, without WWW-Authenticate', async () => {
    const answer = await server.call('POST', '/authorize', { token: pat.secret, body: { ...READ, operation: 'update' } });
    assert.equal(answer.status, 403);
    assert.equal(answer.body.error, 'forbidden');
    assert.equal(typeof answer.body.message, 'string');
    assert.equal(answer.headers.get('www-authenticate'), null);
  });

  it('missing or bad body fields are 400 naming each field', async () => {
    const missing = await server.call('POST', '/authorize', { token: pat.secret, body: {} });
    assert.equal(missing.status, 400);
    assert.equal(missing.body.error, 'validation_failed');
    assert.equal(typeof missing.body.message, 'string');
    const fields = (missing.body.details as { field: string; message: string }[]).map((detail) => detail.field).sort();
    assert.deepEqual(fields, ['entity_id', 'entity_type', 'operation']);
    for (const detail of missing.body.details) assert.equal(typeof detail.message, 'string');

    const partial = await server.call('POST', '/authorize', { token: pat.secret, body: { entity_type: 'clients', operation: 'read' } });
    assert.equal(partial.status, 400);
    assert.deepEqual(
      partial.body.details.map((detail: { field: string }) => detail.field),
      ['entity_id'],
    );

    const wrongTypes = await server.call('POST', '/authorize', {
      token: pat.secret,
      body: { entity_type: 5, operation: 'read', entity_id: 'c1', domain_id: 7 },
    });
    assert.equal(wrongTypes.status, 400);
    assert.deepEqual(wrongTypes.body.details.map((detail: { field: string }) => detail.field).sort(), ['domain_id', 'entity_type']);

    const notObject = await server.call('POST', '/authorize', { token: pat.secret, body: ['clients', 'read'] });
    assert.equal(notObject.status, 400);
    assert.ok(Array.isArray(notObject.body.details) && notObject.body.details.length > 0);

    const noBody = await server.call('POST', '/authorize', { token: pat.secret });
    assert.equal(noBody.status, 400);
    assert.ok(Array.isArray(noBody.body.details) && noBody.body.details.length > 0);

    const badJson = await server.call('POST', '/authorize', { token: pat.secret, raw: '{"entity_type":' });
    assert.equal(badJson.status, 400);
    assert.equal(badJson.body.error, 'validation_failed');
  });

  it('a body that is not JSON is 415; a huge one is 413', async () => {
    const text = await server.call('POST', '/authorize', {
      token: pat.secret,
      raw: 'entity_type=clients',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(text.status, 415);
    assert.equal(text.body.error, 'unsupported_media_type');
    const huge = await server.call('POST', '/authorize', { token: pat.secret, body: { ...READ, entity_id: 'x'.repeat(70 * 1024) } });
    assert.equal(huge.status, 413);
    assert.equal(huge.body.error, 'payload_too_large');
  });

  it('a PAT used on a management route is 403 (a PAT cannot manage PATs)', async () => {
    for (const [method, path] of [
      ['GET', '/pats'],
      ['GET', `/pats/${pat.id}`],
      ['DELETE', '/pats'],
      ['GET', '/pats/summary'],
    ] as const) {
      const answer = await server.call(method, path, { token: pat.secret });
      assert.equal(answer.status, 403, `${method} ${path}`);
      assert.equal(answer.body.error, 'forbidden');
    }
    const list = await server.call('GET', '/pats?status=all', { token: userToken });
    assert.equal(list.body.total, 3, 'nothing was deleted');
  });

  it('the in-process authorizePat gives the same answers as POST /authorize', async () => {
    const kit = server.app.locals.patKit;
    const cases: [string, string | undefined, AuthorizeRequest][] = [
      ['allowed', pat.secret, READ],
      ['allowed in domain', pat.secret, { entity_type: 'channels', operation: 'read', entity_id: 'ch', domain_id: 'dom-1' }],
      ['forbidden', pat.secret, { ...READ, operation: 'update' }],
      ['forbidden domain', pat.secret, { entity_type: 'channels', operation: 'read', entity_id: 'ch', domain_id: 'dom-2' }],
      ...Object.entries(bad).map(([label, token]): [string, string | undefined, AuthorizeRequest] => [label, token, READ]),
    ];
    for (const [label, token, request] of cases) {
      const http = await server.call('POST', '/authorize', { token, body: request });
      const local = await kit.authorizePat(token ?? '', request);
      if (http.status === 200) {
        assert.deepEqual(local, http.body, label);
      } else {
        assert.equal(local.allowed, false, label);
        if (local.allowed) continue;
        assert.equal(local.reason, http.body.error, label);
        assert.equal(local.message, http.body.message, label);
        assert.equal(http.status, local.reason === 'unauthenticated' ? 401 : 403, label);
      }
    }
  });

  it('authorizePat and POST /authorize share one cache: a revoke through the API stops both at once', async () => {
    const kit = server.app.locals.patKit;
    const created = await server.call('POST', '/pats', { token: userToken, body: { name: 'shared', duration: '1d', scopes: SCOPES } });
    const secret: string = created.body.secret;
    assert.deepEqual(await kit.authorizePat(secret, READ), { allowed: true, user_id: 'alice', pat_id: created.body.id });
    assert.equal((await server.call('POST', '/authorize', { token: secret, body: READ })).status, 200);
    assert.equal((await server.call('PATCH', `/pats/${created.body.id}/secret/revoke`, { token: userToken })).status, 204);
    assert.equal((await kit.authorizePat(secret, READ)).allowed, false);
    assert.equal((await server.call('POST', '/authorize', { token: secret, body: READ })).status, 401);
  });
});

describe('requirePat on a host app of its own', () => {
  let database: TestDatabase;
  let db: PatDatabase;
  let kit: PatKit;
  let host: Listening;
  let userToken: string;
  let pat: { id: string; secret: string };
  const clock = new TestClock();
  const ownerCalls: { userId: string; request: AuthorizeRequest }[] = [];
  let handlerRuns = 0;

  before(async () => {
    database = await openTestDatabase();
    db = database.db;
    kit = createPatKit({ db, jwtSecret: JWT_SECRET, logger: pino({ level: 'silent' }), now: clock.now });
    const app = express();
    app.use('/api', kit.router);
    const handler: express.RequestHandler = (req, res) => {
      handlerRuns++;
      res.json({ pat: res.locals.pat, id: req.params.id ?? null });
    };
    const entityId = (req: express.Request) => String(req.params.id);
    const domainId = (req: express.Request) => req.get('x-domain');
    app.get('/things/:id', kit.requirePat({ entityType: 'clients', operation: 'read', entityId, domainId }), handler);
    app.post('/things', kit.requirePat({ entityType: 'clients', operation: 'create', domainId }), handler);
    app.get('/zones/:id', kit.requirePat({ entityType: 'channels', operation: 'read', entityId, domainId }), handler);
    app.delete(
      '/things/:id',
      kit.requirePat({
        entityType: 'clients',
        operation: 'delete',
        entityId,
        ownerCan: async (userId, request) => {
          ownerCalls.push({ userId, request });
          return request.entity_id !== 'protected';
        },
      }),
      handler,
    );
    app.put('/things/:id', kit.requirePat({ entityType: 'clients', operation: 'update', entityId, ownerCan: () => true }), handler);
    host = await listen(app);
    userToken = await signUserToken('alice');
    const created = await host.call('POST', '/api/pats', { token: userToken, body: { name: 'host', duration: '30d', scopes: SCOPES } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    pat = created.body;
  });

  after(async () => {
    await host.close();
    await kit.close();
    await database.close();
  });

  it('an allowed request reaches the handler with res.locals.pat = {userId, patId}', async () => {
    const runs = handlerRuns;
    const answer = await host.call('GET', '/things/c42', { token: pat.secret });
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, { pat: { userId: 'alice', patId: pat.id }, id: 'c42' });
    assert.equal(handlerRuns, runs + 1);
    const created = await host.call('POST', '/things', { token: pat.secret });
    assert.equal(created.status, 200, 'create asks with entity_id "*", which the wildcard scope grants');
    assert.deepEqual(created.body.pat, { userId: 'alice', patId: pat.id });
  });

  it('refused requests get 401/403 JSON and never reach the handler', async () => {
    const runs = handlerRuns;
    const none = await host.call('GET', '/things/c42');
    assert.equal(none.status, 401);
    assert.equal(none.body.error, 'unauthenticated');
    assert.equal(typeof none.body.message, 'string');
    assert.match(none.headers.get('content-type') ?? '', /json/);
    assert.match(none.headers.get('www-authenticate') ?? '', /^Bearer/);

    const userJwt = await host.call('GET', '/things/c42', { token: userToken });
    assert.equal(userJwt.status, 401);

    const forged = await host.call('GET', '/things/c42', { token: buildSecret(pat.id, randomBytes(32)) });
    assert.equal(forged.status, 401);

    const notGranted = await host.call('PUT', '/things/c42', { token: pat.secret });
    assert.equal(notGranted.status, 403);
    assert.equal(notGranted.body.error, 'forbidden');
    assert.match(notGranted.headers.get('content-type') ?? '', /json/);

    const wrongDomain = await host.call('GET', '/zones/ch1', { token: pat.secret, headers: { 'x-domain': 'dom-2' } });
    assert.equal(wrongDomain.status, 403);
    const noDomain = await host.call('GET', '/zones/ch1', { token: pat.secret });
    assert.equal(noDomain.status, 403);
    assert.equal(handlerRuns, runs, 'the handler never ran');

    const rightDomain = await host.call('GET', '/zones/ch1', { token: pat.secret, headers: { 'x-domain': 'dom-1' } });
    assert.equal(rightDomain.status, 200);
  });

  it('ownerCan returning false turns an allowed request into 403; it sees the owner and the request', async () => {
    ownerCalls.length = 0;
    const runs = handlerRuns;
    const refused = await host.call('DELETE', '/things/protected', { token: pat.secret });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error, 'forbidden');
    assert.equal(handlerRuns, runs);
    assert.deepEqual(ownerCalls, [
      { userId: 'alice', request: { entity_type: 'clients', operation: 'delete', entity_id: 'protected', domain_id: null } },
    ]);

    const allowed = await host.call('DELETE', '/things/plain', { token: pat.secret });
    assert.equal(allowed.status, 200);
    assert.deepEqual(allowed.body.pat, { userId: 'alice', patId: pat.id });
    assert.equal(ownerCalls.length, 2);
  });

  it('ownerCan cannot widen a PAT: a PAT refusal stands even when ownerCan says yes', async () => {
    const answer = await host.call('PUT', '/things/c1', { token: pat.secret });
    assert.equal(answer.status, 403);
  });

  it('a revoke through the mounted router stops requirePat at once', async () => {
    const created = await host.call('POST', '/api/pats', {
      token: userToken,
      body: { name: 'to-revoke', duration: '30d', scopes: SCOPES },
    });
    const secret: string = created.body.secret;
    assert.equal((await host.call('GET', '/things/c1', { token: secret })).status, 200);
    assert.equal((await host.call('PATCH', `/api/pats/${created.body.id}/secret/revoke`, { token: userToken })).status, 204);
    assert.equal((await host.call('GET', '/things/c1', { token: secret })).status, 401);
  });

  it('an expired PAT is 401 to requirePat', async () => {
    const created = await host.call('POST', '/api/pats', { token: userToken, body: { name: 'brief', duration: '1m', scopes: SCOPES } });
    const secret: string = created.body.secret;
    assert.equal((await host.call('GET', '/things/c1', { token: secret })).status, 200);
    clock.advance(60_000);
    assert.equal((await host.call('GET', '/things/c1', { token: secret })).status, 401);
  });
});

/**
 * A database whose next authorize read (the precompiled query of a PAT's `grants`) is held back
 * after it ran, until released: lets a test change a PAT while an authorize has read the old
 * state but not yet cached it.
 */
function gatedDatabase(db: PatDatabase) {
  let armed = false;
  let reached: () => void = () => {};
  let release: () => void = () => {};
  let gate: Promise<void> = Promise.resolve();

  const proxy = new Proxy(db, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (prop === 'executeQuery') {
        return async (query: CompiledQuery) => {
          const result = await target.executeQuery(query);
          if (armed && query.sql.startsWith('select') && query.sql.includes('"grants"')) {
            armed = false;
            reached();
            await gate;
          }
          return result;
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as PatDatabase;

  return {
    db: proxy,
    /** Holds the next authorize read; the promise resolves once a read is held. */
    arm(): Promise<void> {
      armed = true;
      gate = new Promise((resolve) => (release = resolve));
      return new Promise((resolve) => (reached = resolve));
    },
    release: () => release(),
  };
}

describe('grant cache races', () => {
  let raw: TestDatabase;
  let gated: ReturnType<typeof gatedDatabase>;
  let kit: PatKit;
  let host: Listening;
  let userToken: string;

  before(async () => {
    raw = await openTestDatabase();
    gated = gatedDatabase(raw.db);
    kit = createPatKit({ db: gated.db, jwtSecret: JWT_SECRET, logger: pino({ level: 'silent' }) });
    const app = express();
    app.use('/api', kit.router);
    host = await listen(app);
    userToken = await signUserToken('alice');
  });

  after(async () => {
    await host.close();
    await kit.close();
    await raw.close();
  });

  async function racedChange(name: string, change: (id: string) => Promise<void>) {
    const created = await host.call('POST', '/api/pats', { token: userToken, body: { name, duration: '30d', scopes: SCOPES } });
    assert.equal(created.status, 201);
    const { id, secret } = created.body as { id: string; secret: string };
    // Cold cache: this authorize reads the PAT with its scopes, and is held before caching them.
    const reached = gated.arm();
    const racing = kit.authorizePat(secret, READ);
    await reached;
    await change(id);
    gated.release();
    const raced = await racing;
    // It read before the change, so it may answer the old way; what matters is what it left behind.
    assert.equal(raced.allowed, true, 'the racing check did read the state from before the change');
    return { id, secret };
  }

  it('scopes cleared while an authorize is loading them are not cached afterwards', async () => {
    const { secret } = await racedChange('race-clear', async (id) => {
      const cleared = await host.call('DELETE', `/api/pats/${id}/scope`, { token: userToken });
      assert.equal(cleared.status, 200);
    });
    const next = await kit.authorizePat(secret, READ);
    assert.equal(next.allowed, false, 'a stale grant was cached after the scopes were cleared');
    assert.equal(!next.allowed && next.reason, 'forbidden');
  });

  it('a PAT revoked while an authorize is loading it is not cached as valid afterwards', async () => {
    const { secret } = await racedChange('race-revoke', async (id) => {
      assert.equal((await host.call('PATCH', `/api/pats/${id}/secret/revoke`, { token: userToken })).status, 204);
    });
    const next = await kit.authorizePat(secret, READ);
    assert.equal(next.allowed, false);
    assert.equal(!next.allowed && next.reason, 'unauthenticated');
  });

  it('a secret regenerated while an authorize is loading it is dead afterwards', async () => {
    let fresh = '';
    const { secret } = await racedChange('race-reset', async (id) => {
      const reset = await host.call('PATCH', `/api/pats/${id}/secret/reset`, { token: userToken, body: { duration: '1d' } });
      assert.equal(reset.status, 200);
      fresh = reset.body.secret;
    });
    assert.equal((await kit.authorizePat(secret, READ)).allowed, false);
    assert.equal((await kit.authorizePat(fresh, READ)).allowed, true);
  });

  it('a PAT deleted while an authorize is loading it is gone afterwards', async () => {
    const { secret } = await racedChange('race-delete', async (id) => {
      assert.equal((await host.call('DELETE', `/api/pats/${id}`, { token: userToken })).status, 204);
    });
    assert.equal((await kit.authorizePat(secret, READ)).allowed, false);
  });

  it('many concurrent checks and changes end in the state of the last change', async () => {
    const created = await host.call('POST', '/api/pats', { token: userToken, body: { name: 'storm', duration: '30d', scopes: SCOPES } });
    const { id, secret } = created.body as { id: string; secret: string };
    const checks = Array.from({ length: 30 }, () => kit.authorizePat(secret, READ));
    const change = host.call('DELETE', `/api/pats/${id}/scope`, { token: userToken });
    const more = Array.from({ length: 30 }, () => kit.authorizePat(secret, READ));
    await Promise.all([...checks, change, ...more]);
    assert.equal((await change).status, 200);
    assert.equal((await kit.authorizePat(secret, READ)).allowed, false);
  });
});

describe('a cold check beside an open transaction', () => {
  let database: TestDatabase;
  let kit: PatKit;
  let host: Listening;

  before(async () => {
    database = await openTestDatabase();
    kit = createPatKit({ db: database.db, jwtSecret: JWT_SECRET, logger: pino({ level: 'silent' }) });
    const app = express();
    app.use('/api', kit.router);
    host = await listen(app);
  });

  after(async () => {
    await host.close();
    await kit.close();
    await database.close();
  });

  it('never reads what a transaction has not committed: a revoke rolled back leaves the PAT working', async () => {
    const created = await host.call('POST', '/api/pats', {
      token: await signUserToken('tx-user'),
      body: { name: 'tx', duration: '30d', scopes: SCOPES },
    });
    assert.equal(created.status, 201);
    const { id, secret } = created.body as { id: string; secret: string };
    let during: Promise<unknown> | undefined;
    await assert.rejects(
      database.db.transaction().execute(async (trx) => {
        await trx.updateTable('pats').set({ revoked: 1 }).where('id', '=', id).execute();
        // The cache is cold: this check must read the PAT, while the revoke is not committed.
        during = kit.authorizePat(secret, READ);
        await new Promise((resolve) => setTimeout(resolve, 20));
        throw new Error('roll back');
      }),
      /roll back/,
    );
    assert.deepEqual(await during, { allowed: true, user_id: 'tx-user', pat_id: id });
  });
});
