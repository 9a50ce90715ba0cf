/**
 * The upstream mock answers as the upstream's Go code does (see mocks/upstream.ts): its status
 * codes, bodies, headers and order of checks, including where they differ from PAT Kit's.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setupServer } from 'msw/node';
import { mockTokenFor } from './handlers.js';
import { createUpstreamScenario, seededId, UPSTREAM_DOMAIN } from './scenarios.js';
import { createUpstreamHandlers, parseGoDuration, UpstreamStore } from './upstream.js';

const BASE = 'http://upstream.test';
const NOW = Date.parse('2026-04-03T16:37:00.000Z');
const ZERO = '0001-01-01T00:00:00Z';
const HOUR = 3600e3;

interface Sent {
  token?: string | null;
  body?: unknown;
  /** Sent as it is, with its own Content-Type (or none). */
  raw?: string;
  contentType?: string | null;
}

interface Got {
  status: number;
  text: string;
  body: any;
  headers: Headers;
}

async function call(
  method: string,
  path: string,
  { token = mockTokenFor('alice'), body, raw, contentType = 'application/json' }: Sent = {},
): Promise<Got> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  const payload = raw ?? (body === undefined ? undefined : JSON.stringify(body));
  if (payload !== undefined && contentType) headers['content-type'] = contentType;
  const response = await fetch(`${BASE}${path}`, { method, headers, body: payload });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, text, body: parsed, headers: response.headers };
}

let now = NOW;
let store: UpstreamStore;
const server = setupServer();
before(() => server.listen({ onUnhandledRequest: 'error' }));
after(() => server.close());
beforeEach(() => {
  now = NOW;
  store = new UpstreamStore(() => now);
  server.resetHandlers(...createUpstreamHandlers(store, { baseUrl: BASE }));
});

async function create(name: string, duration = '720h', as = 'alice'): Promise<any> {
  const created = await call('POST', '/pats', { body: { name, duration }, token: mockTokenFor(as) });
  assert.equal(created.status, 201, created.text);
  return created.body;
}

describe('Go durations', () => {
  test('parses what time.ParseDuration parses, refuses the rest', () => {
    assert.equal(parseGoDuration('24h'), 24 * HOUR);
    assert.equal(parseGoDuration('1h30m'), 1.5 * HOUR);
    assert.equal(parseGoDuration('1.5h'), 1.5 * HOUR);
    assert.equal(parseGoDuration('-1h'), -HOUR);
    assert.equal(parseGoDuration('300ms'), 300);
    assert.equal(parseGoDuration('0'), 0);
    for (const refused of ['30d', '1w', '1y', '10', '', 'h', '1h30', '3000000h'])
      assert.equal(parseGoDuration(refused), undefined, refused);
  });
});

describe('the upstream mock', () => {
  test('create: 201, the secret once, Go times, zero times for unset ones, no scopes_count; scopes are ignored', async () => {
    const created = await call('POST', '/pats', {
      body: { name: 'ci', duration: '720h', scopes: [{ entity_type: 'clients', operation: 'read', entity_id: '*', domain_id: 'd1' }] },
    });
    assert.equal(created.status, 201);
    assert.equal(created.headers.get('content-type'), 'application/json');
    assert.ok(created.text.endsWith('}\n'), 'a newline after the JSON, as Go writes it');
    assert.deepEqual(Object.keys(created.body), [
      'id',
      'user_id',
      'name',
      'secret',
      'issued_at',
      'expires_at',
      'updated_at',
      'last_used_at',
      'revoked_at',
      'status',
    ]);
    assert.match(created.body.secret, /^pat_[A-Za-z0-9+/]{43}=_.{100}$/);
    assert.equal(created.body.issued_at, '2026-04-03T16:37:00Z');
    assert.equal(created.body.expires_at, '2026-05-03T16:37:00Z');
    assert.equal(created.body.updated_at, ZERO);
    assert.equal(created.body.status, 'active');
    const scopes = await call('GET', `/pats/${created.body.id}/scope`);
    assert.deepEqual(scopes.body, { total: 0, offset: 0, limit: 10, scopes: [] });
  });

  test('create: PAT Kit durations and a missing duration are "not a valid JSON"; zero and negative are accepted', async () => {
    for (const duration of ['30d', '1y', '', undefined]) {
      const refused = await call('POST', '/pats', { body: { name: 'x', duration } });
      assert.equal(refused.status, 400);
      assert.deepEqual(refused.body, { message: 'request body is not a valid JSON, expecting a valid JSON' });
    }
    const expired = await create('already over', '-1h');
    assert.equal(expired.status, 'active', 'create always says active');
    const listed = await call('GET', '/pats?status=expired');
    assert.deepEqual(
      listed.body.pats.map((pat: any) => pat.name),
      ['already over'],
    );
  });

  test('checks come in the upstream order: 415, then a pat_ bearer, then the body, then the token, then the fields', async () => {
    assert.deepEqual((await call('POST', '/pats', { token: null, raw: '{}', contentType: null })).body, {
      message: 'unsupported content type',
    });
    assert.equal((await call('POST', '/pats', { token: null, raw: '{}', contentType: 'Application/JSON' })).status, 415);
    assert.deepEqual((await call('POST', '/pats', { token: 'pat_x', body: {} })).body, { message: 'unsupported content token type' });
    assert.equal((await call('POST', '/pats', { token: null, raw: 'nope' })).status, 400);
    assert.deepEqual((await call('POST', '/pats', { token: null, body: { name: 'x', duration: '1h' } })).body, {
      message: 'missing or invalid bearer user token',
    });
    assert.deepEqual((await call('POST', '/pats', { body: { name: '  ', duration: '1h' } })).body, { message: 'missing identity name' });
    const unknown = await call('POST', '/pats', { token: 'eyJ.not.ours', body: { name: 'x', duration: '1h' } });
    assert.deepEqual([unknown.status, unknown.body], [401, { message: 'failed to perform authentication over the entity' }]);
    assert.equal((await call('GET', '/pats', { token: 'pat_abc' })).status, 400);
  });

  test('names are not unique', async () => {
    await create('same');
    await create('same');
    assert.equal((await call('GET', '/pats')).body.total, 2);
  });

  test('the list: active only by default, newest first whatever sort says, name as ILIKE, no limit maximum', async () => {
    const old = await create('backup old');
    now += 1000;
    const revoked = await create('Backup revoked');
    now += 1000;
    await create('deploy');
    assert.equal((await call('PATCH', `/pats/${revoked.id}/secret/revoke`)).status, 204);
    const active = await call('GET', '/pats?sort=name&dir=asc&limit=1000');
    assert.deepEqual(
      active.body.pats.map((pat: any) => pat.name),
      ['deploy', 'backup old'],
    );
    assert.equal(active.body.limit, 1000);
    const all = await call('GET', '/pats?status=all&name=BACK');
    assert.deepEqual(
      all.body.pats.map((pat: any) => [pat.name, pat.status, pat.revoked]),
      [
        ['Backup revoked', 'revoked', true],
        ['backup old', 'active', undefined],
      ],
    );
    assert.equal(all.body.pats[1].secret, undefined, 'no secret in the list');
    assert.equal(all.body.pats[1].id, old.id);
    assert.deepEqual((await call('GET', '/pats?status=gone')).body, { message: 'invalid status' });
    assert.deepEqual((await call('GET', '/pats?limit=-1')).body, { message: 'invalid query parameters' });
  });

  test('/pats/catalog and /pats/summary are a 200 empty PAT; so is a missing or foreign id', async () => {
    const bobs = await create('bob’s', '1h', 'bob');
    for (const path of ['/pats/catalog', '/pats/summary', `/pats/${bobs.id}`]) {
      const got = await call('GET', path);
      assert.equal(got.status, 200, path);
      assert.deepEqual(got.body, {
        issued_at: ZERO,
        expires_at: ZERO,
        updated_at: ZERO,
        last_used_at: ZERO,
        revoked_at: ZERO,
        status: 'active',
      });
    }
  });

  test('retrieve shows the stored hash as the secret; rename is 202 and always says active; a description cannot be cleared', async () => {
    const pat = await create('ci');
    const got = await call('GET', `/pats/${pat.id}/`);
    assert.match(got.body.secret, /^[A-Za-z0-9+/]{43}=\.[A-Za-z0-9+/]{34}==$/);
    assert.equal((await call('PATCH', `/pats/${pat.id}/secret/revoke`, { body: {} })).status, 204);
    now += 1000;
    const renamed = await call('PATCH', `/pats/${pat.id}/name`, { body: { name: 'ci 2' } });
    assert.equal(renamed.status, 202);
    assert.deepEqual([renamed.body.name, renamed.body.revoked, renamed.body.status], ['ci 2', true, 'active']);
    assert.equal(renamed.body.updated_at, '2026-04-03T16:37:01Z');
    assert.deepEqual((await call('PATCH', `/pats/${pat.id}/description`, { body: { description: ' ' } })).body, {
      message: 'missing description',
    });
    assert.deepEqual((await call('PATCH', '/pats/3b2e4c1a-0000-4000-8000-000000000000/name', { body: { name: 'x' } })).body, {
      message: 'entity not found',
    });
  });

  test('reset un-revokes, counts the expiry from now, and says revoked from before; revoke and delete of nothing are 204', async () => {
    const pat = await create('ci');
    await call('PATCH', `/pats/${pat.id}/secret/revoke`);
    now += HOUR;
    const reset = await call('PATCH', `/pats/${pat.id}/secret/reset`, { body: { duration: '1h' } });
    assert.equal(reset.status, 200);
    assert.notEqual(reset.body.secret, pat.secret);
    assert.deepEqual([reset.body.revoked, reset.body.status, reset.body.revoked_at], [true, 'active', ZERO]);
    assert.equal(reset.body.expires_at, '2026-04-03T18:37:00Z');
    assert.equal((await call('GET', `/pats/${pat.id}`)).body.revoked, undefined);
    assert.deepEqual((await call('PATCH', '/pats/catalog/secret/reset', { body: { duration: '1h' } })).body, {
      message: 'update entity failed',
    });
    assert.equal((await call('DELETE', '/pats/3b2e4c1a-0000-4000-8000-000000000000')).status, 204);
    assert.equal((await call('PATCH', '/pats/nothing/secret/revoke')).status, 204);
  });

  test('scopes: 200 without a body, internal operation names, domain required, users refused, covered scopes 422', async () => {
    const pat = await create('ci');
    const scope = (entity_type: string, operation: string, entity_id = '*', domain_id = 'd1') => ({
      entity_type,
      operation,
      entity_id,
      domain_id,
    });
    const added = await call('PATCH', `/pats/${pat.id}/scope/add`, {
      body: { scopes: [scope('clients', 'create'), scope('messages', 'publish', 'c1'), scope('dashboards', 'share', 'x')] },
    });
    assert.deepEqual([added.status, added.text, added.headers.get('content-type')], [200, '', 'application/json']);
    const listed = await call('GET', `/pats/${pat.id}/scope`);
    assert.deepEqual(
      listed.body.scopes.map((s: any) => [s.entity_type, s.operation, s.entity_id]),
      [
        ['clients', 'create_clients', '*'],
        ['messages', 'message_publish', 'c1'],
        ['dashboards', 'dashboard_share', 'x'],
      ],
    );
    assert.deepEqual(Object.keys(listed.body.scopes[0]), ['id', 'pat_id', 'domain_id', 'entity_type', 'entity_id', 'operation']);
    const refused = async (body: unknown) => (await call('PATCH', `/pats/${pat.id}/scope/add`, { body })).body;
    assert.deepEqual(await refused({ scopes: [scope('clients', 'read', '*', '')] }), { message: 'missing domainID' });
    assert.deepEqual(await refused({ scopes: [scope('users', 'read')] }), { message: 'operation not valid for entity type' });
    assert.deepEqual(await refused({ scopes: [scope('messages', 'read')] }), { message: 'operation not valid for entity type' });
    assert.deepEqual(await refused({ scopes: [scope('things', 'read')] }), {
      message: 'request body is not a valid JSON, expecting a valid JSON',
    });
    assert.deepEqual(await refused({ scopes: [] }), { message: 'something went wrong with the request' });
    assert.deepEqual(await refused({ scopes: [scope('clients', 'create', 'c9')] }), { message: 'failed to create entity' });
    assert.deepEqual(await refused({ scopes: [scope('messages', 'publish', 'c1')] }), { message: 'failed to create entity' });

    const removed = await call('PATCH', `/pats/${pat.id}/scope/remove`, { body: { scopes_id: [listed.body.scopes[1].id] } });
    assert.deepEqual([removed.status, removed.text], [200, '']);
    assert.deepEqual((await call('PATCH', `/pats/${pat.id}/scope/remove`, { body: { scopes_id: ['nope'] } })).body, {
      message: 'entity not found',
    });
    const cleared = await call('DELETE', `/pats/${pat.id}/scope/`);
    assert.deepEqual([cleared.status, cleared.text], [200, '']);
    assert.equal((await call('GET', `/pats/${pat.id}/scope`)).body.total, 0);
  });

  test('a new wildcard takes over the specific scope of its key; DELETE /pats is 200 without a body', async () => {
    const pat = await create('ci');
    const scope = (entity_id: string) => ({ entity_type: 'channels', operation: 'read', entity_id, domain_id: 'd1' });
    await call('PATCH', `/pats/${pat.id}/scope/add`, { body: { scopes: [scope('c1')] } });
    const before = (await call('GET', `/pats/${pat.id}/scope`)).body.scopes[0];
    assert.equal((await call('PATCH', `/pats/${pat.id}/scope/add`, { body: { scopes: [scope('*')] } })).status, 200);
    assert.deepEqual((await call('GET', `/pats/${pat.id}/scope`)).body.scopes, [{ ...before, entity_id: '*' }]);
    const deleted = await call('DELETE', '/pats');
    assert.deepEqual([deleted.status, deleted.text], [200, '']);
    assert.equal((await call('GET', '/pats?status=all')).body.total, 0);
  });

  test("chi's routing: plain-text 404, 405 with Allow and no body, case-sensitive paths, strict trailing slashes", async () => {
    const pat = await create('ci');
    const unknown = await call('GET', `/pats/${pat.id}/scopes`);
    assert.deepEqual(
      [unknown.status, unknown.text, unknown.headers.get('content-type')],
      [404, '404 page not found\n', 'text/plain; charset=utf-8'],
    );
    assert.equal((await call('PATCH', `/pats/${pat.id}/name/`, { body: { name: 'x' } })).status, 404);
    assert.equal((await call('GET', '/PATS')).status, 404);
    const wrong = await call('PUT', '/pats', { body: {} });
    assert.deepEqual([wrong.status, wrong.text, wrong.headers.get('allow')], [405, '', 'POST, GET, DELETE']);
    assert.equal((await call('HEAD', '/pats')).status, 405);
    assert.equal((await call('OPTIONS', '/pats')).status, 405);
  });

  test('JSON as Go writes it: &, < and > escaped', async () => {
    const created = await call('POST', '/pats', { body: { name: 'a & <b>', duration: '1h' } });
    assert.ok(created.text.includes('"name":"a \\u0026 \\u003cb\\u003e"'), created.text);
    assert.equal(created.body.name, 'a & <b>');
  });
});

describe('the upstream scenario', () => {
  test('alice’s and bob’s PATs as the upstream keeps them: the same ids, every status, scopes it takes', async () => {
    const scenario = createUpstreamScenario({ now: NOW, clock: () => NOW, baseUrl: BASE });
    server.resetHandlers(...scenario.handlers);
    const counts = Object.fromEntries(
      await Promise.all(
        ['active', 'revoked', 'expired'].map(async (status) => [status, (await call('GET', `/pats?status=${status}&limit=0`)).body.total]),
      ),
    );
    assert.deepEqual(counts, { active: 8, revoked: 2, expired: 2 });
    const ci = await call('GET', `/pats/${seededId('alice', 'CI deploy')}`);
    assert.deepEqual([ci.status, ci.body.name, ci.body.last_used_at, ci.body.revoked], [200, 'CI deploy', ZERO, undefined]);
    const scopes = (await call('GET', `/pats/${ci.body.id}/scope?limit=10`)).body.scopes;
    assert.deepEqual(
      scopes.map((scope: any) => [scope.entity_type, scope.operation, scope.domain_id]),
      [
        ['channels', 'create_channels', UPSTREAM_DOMAIN],
        ['channels', 'update', UPSTREAM_DOMAIN],
        ['clients', 'create_clients', UPSTREAM_DOMAIN],
        ['clients', 'update', UPSTREAM_DOMAIN],
      ],
    );
    // What the upstream refuses is left out: users scopes, dashboards other than share.
    const kinds = new Set(scenario.store.scopes.map((scope) => scope.entity_type));
    assert.equal(kinds.has('users'), false);
    assert.ok(scenario.store.scopes.every((scope) => scope.entity_type !== 'dashboards' || scope.operation.startsWith('dashboard_')));
    assert.equal((await call('GET', '/pats?status=all&limit=0', { token: mockTokenFor('bob') })).body.total, 5);
  });
});
