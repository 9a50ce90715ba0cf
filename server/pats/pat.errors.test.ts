/**
 * Every error answer of the management routes (README: Security), through HTTP
 * against the real app on in-memory SQLite, plus hostile text stored and returned exactly.
 */
import { randomUUID } from 'node:crypto';
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SignJWT } from 'jose';
import { assertError } from '../test/answers.js';
import { JWT_SECRET, signUserToken, startServer, type CallResult, type TestServer } from '../test/harness.js';

/** A 400 whose `details` name `field` (exactly, or by a predicate for nested fields). */
function assertInvalid(res: CallResult, field: string | ((name: string) => boolean)): void {
  assertError(res, 400, 'validation_failed');
  assert.ok(Array.isArray(res.body.details) && res.body.details.length > 0, `details expected: ${JSON.stringify(res.body)}`);
  const matches = typeof field === 'string' ? (name: string) => name === field : field;
  assert.ok(
    res.body.details.some((detail: any) => matches(detail.field)),
    `details must name ${typeof field === 'string' ? field : 'the field'}: ${JSON.stringify(res.body.details)}`,
  );
}

function scopeField(part: string) {
  return (name: string) => name.startsWith('scopes') && name.endsWith(part);
}

const HOUR = 3_600_000;
const valid = { name: 'valid', duration: '30d' };

describe('400: request bodies', () => {
  let server: TestServer;
  let alice: string;
  let patId: string;
  let seq = 0;
  const fresh = () => `ok-${++seq}`;
  before(async () => {
    server = await startServer();
    alice = await server.tokenFor('alice');
    const res = await server.call('POST', '/pats', { token: alice, body: { name: 'target', duration: '30d' } });
    assert.equal(res.status, 201);
    patId = res.body.id;
  });
  after(() => server.close());

  const create = (body: unknown) => server.call('POST', '/pats', { token: alice, body });
  const createRaw = (raw: string) => server.call('POST', '/pats', { token: alice, raw });

  it('malformed JSON → 400 naming the body', async () => {
    assertInvalid(await createRaw('{"name": "x", "duration": '), 'body');
    assertInvalid(await createRaw("{name: 'x'}"), 'body');
    assertInvalid(await server.call('PATCH', `/pats/${patId}/name`, { token: alice, raw: '{"name"' }), 'body');
  });

  for (const raw of ['[]', '[{"name":"x","duration":"1d"}]', '"text"', '42', 'null', 'true']) {
    it(`a body that is not an object (${raw}) → 400 naming the body`, async () => {
      assertInvalid(await createRaw(raw), 'body');
      assertInvalid(await server.call('PATCH', `/pats/${patId}/description`, { token: alice, raw }), 'body');
    });
  }

  it('no body at all → 400 naming the missing fields', async () => {
    assertInvalid(await server.call('POST', '/pats', { token: alice }), (name) => name === 'name' || name === 'body');
  });

  it('missing name → 400 naming name', async () => {
    assertInvalid(await create({ duration: '30d' }), 'name');
  });

  it('name that is not a string → 400 naming name', async () => {
    assertInvalid(await create({ name: 42, duration: '30d' }), 'name');
    assertInvalid(await create({ name: null, duration: '30d' }), 'name');
  });

  it('blank name "   " → 400 naming name', async () => {
    assertInvalid(await create({ name: '   ', duration: '30d' }), 'name');
    assertInvalid(await create({ name: '', duration: '30d' }), 'name');
  });

  it('name of 255 characters → 400 naming name; 254 is fine', async () => {
    assertInvalid(await create({ name: 'n'.repeat(255), duration: '30d' }), 'name');
    const ok = await create({ name: 'n'.repeat(254), duration: '30d' });
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
    assert.equal(ok.body.name, 'n'.repeat(254));
  });

  it('description of 1025 characters → 400 naming description; 1024 is fine', async () => {
    assertInvalid(await create({ name: fresh(), duration: '30d', description: 'd'.repeat(1025) }), 'description');
    const ok = await create({ name: fresh(), duration: '30d', description: 'd'.repeat(1024) });
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
    assert.equal(ok.body.description, 'd'.repeat(1024));
  });

  it('description that is not a string → 400 naming description', async () => {
    assertInvalid(await create({ name: fresh(), duration: '30d', description: 5 }), 'description');
  });

  it('missing duration → 400 naming duration', async () => {
    assertInvalid(await create({ name: fresh() }), 'duration');
  });

  for (const duration of ['0s', '0', '0h', '-1h', '-30d', 'abc', '', '10', '1 day', '1x', 'h']) {
    it(`duration "${duration}" → 400 naming duration`, async () => {
      assertInvalid(await create({ name: fresh(), duration }), 'duration');
    });
  }

  for (const duration of ['366d', '8761h', '2y', '53w']) {
    it(`duration "${duration}" over the max lifetime → 400 whose message names the limit`, async () => {
      const res = await create({ name: fresh(), duration });
      assertInvalid(res, 'duration');
      assert.match(res.body.message, /1y|365d|365 days|8760h/, `message must name the limit: ${res.body.message}`);
      const detail = res.body.details.find((d: any) => d.field === 'duration');
      assert.match(detail.message, /1y|365d|365 days|8760h/, `detail must name the limit: ${detail.message}`);
    });
  }

  it('unknown entity_type → 400 naming the scope field', async () => {
    const res = await create({
      name: fresh(),
      duration: '30d',
      scopes: [{ entity_type: 'spaceships', operation: 'read', entity_id: '*' }],
    });
    assertInvalid(res, scopeField('entity_type'));
    assert.equal(
      (await server.call('GET', '/pats?name=ok-&status=all&limit=100', { token: alice })).body.pats.some(
        (pat: any) => pat.name === `ok-${seq}`,
      ),
      false,
      'a rejected create stores nothing',
    );
  });

  for (const [type, operation] of [
    ['clients', 'publish'],
    ['domains', 'create'],
    ['users', 'create'],
    ['users', 'share'],
    ['messages', 'read'],
    ['channels', 'subscribe'],
    ['clients', 'READ'],
  ] as const) {
    it(`operation "${operation}" on ${type} → 400 naming the operation (create and scope/add)`, async () => {
      const scopes = [{ entity_type: type, operation, entity_id: '*' }];
      assertInvalid(await create({ name: fresh(), duration: '30d', scopes }), scopeField('operation'));
      assertInvalid(await server.call('PATCH', `/pats/${patId}/scope/add`, { token: alice, body: { scopes } }), scopeField('operation'));
    });
  }

  it('a scope missing entity_id or operation → 400 naming it', async () => {
    const add = (scopes: unknown) => server.call('PATCH', `/pats/${patId}/scope/add`, { token: alice, body: { scopes } });
    assertInvalid(await add([{ entity_type: 'clients', operation: 'read' }]), scopeField('entity_id'));
    assertInvalid(await add([{ entity_type: 'clients', entity_id: '*' }]), scopeField('operation'));
    assertInvalid(await add([{ operation: 'read', entity_id: '*' }]), scopeField('entity_type'));
    assertInvalid(await add(['clients:read']), (name) => name.startsWith('scopes'));
  });

  it('scope/add with an empty or missing scopes array → 400 naming scopes', async () => {
    const add = (body: unknown) => server.call('PATCH', `/pats/${patId}/scope/add`, { token: alice, body });
    assertInvalid(await add({ scopes: [] }), 'scopes');
    assertInvalid(await add({}), 'scopes');
    assertInvalid(await add({ scopes: 'clients' }), 'scopes');
  });

  it('scope/remove with an empty or missing scopes_id → 400 naming scopes_id', async () => {
    const remove = (body: unknown) => server.call('PATCH', `/pats/${patId}/scope/remove`, { token: alice, body });
    assertInvalid(await remove({ scopes_id: [] }), 'scopes_id');
    assertInvalid(await remove({}), 'scopes_id');
  });

  it('101 scopes in one call → 400 naming scopes (create and scope/add); 100 is fine', async () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ entity_type: 'clients', operation: 'read', entity_id: `c${i}` }));
    assertInvalid(await create({ name: fresh(), duration: '30d', scopes: many(101) }), 'scopes');
    assertInvalid(await server.call('PATCH', `/pats/${patId}/scope/add`, { token: alice, body: { scopes: many(101) } }), 'scopes');
    const scopes = await server.call('GET', `/pats/${patId}/scope`, { token: alice });
    assert.equal(scopes.body.total, 0, 'a rejected add stores nothing');
    const ok = await server.call('PATCH', `/pats/${patId}/scope/add`, { token: alice, body: { scopes: many(100) } });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.scopes.length, 100);
  });

  it('rename: missing, blank or 255-character name → 400 naming name', async () => {
    const rename = (body: unknown) => server.call('PATCH', `/pats/${patId}/name`, { token: alice, body });
    assertInvalid(await rename({}), 'name');
    assertInvalid(await rename({ name: '   ' }), 'name');
    assertInvalid(await rename({ name: 'x'.repeat(255) }), 'name');
    const pat = await server.call('GET', `/pats/${patId}`, { token: alice });
    assert.equal(pat.body.name, 'target');
  });

  it('describe: missing or 1025-character description → 400 naming description', async () => {
    const describe = (body: unknown) => server.call('PATCH', `/pats/${patId}/description`, { token: alice, body });
    assertInvalid(await describe({}), 'description');
    assertInvalid(await describe({ description: 'x'.repeat(1025) }), 'description');
    assertInvalid(await describe({ description: null }), 'description');
    const ok = await describe({ description: 'x'.repeat(1024) });
    assert.equal(ok.status, 202);
  });

  it('reset: missing, zero, negative, unparseable or too long duration → 400 naming duration', async () => {
    const reset = (body: unknown) => server.call('PATCH', `/pats/${patId}/secret/reset`, { token: alice, body });
    assertInvalid(await reset({}), 'duration');
    for (const duration of ['0s', '-1h', 'abc', '366d']) assertInvalid(await reset({ duration }), 'duration');
    const over = await reset({ duration: '400d' });
    assert.match(over.body.message, /1y|365d|365 days|8760h/);
  });
});

describe('400: the 1000-scope limit per PAT', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(() => server.close());

  it('fills a PAT with 1000 scopes; the 1001st is 400 and the count stays 1000', async () => {
    const alice = await server.tokenFor('alice');
    const created = await server.call('POST', '/pats', { token: alice, body: { name: 'full', duration: '30d' } });
    const id = created.body.id;
    for (let call = 0; call < 10; call++) {
      const scopes = Array.from({ length: 100 }, (_, i) => ({ entity_type: 'clients', operation: 'read', entity_id: `c-${call}-${i}` }));
      const res = await server.call('PATCH', `/pats/${id}/scope/add`, { token: alice, body: { scopes } });
      assert.equal(res.status, 200, JSON.stringify(res.body).slice(0, 300));
      assert.equal(res.body.scopes.length, (call + 1) * 100);
    }
    const one = [{ entity_type: 'clients', operation: 'read', entity_id: 'one-too-many' }];
    const res = await server.call('PATCH', `/pats/${id}/scope/add`, { token: alice, body: { scopes: one } });
    assertInvalid(res, 'scopes');
    assert.match(res.body.message, /1000/);

    const pat = await server.call('GET', `/pats/${id}`, { token: alice });
    assert.equal(pat.body.scopes_count, 1000);
    const listed = await server.call('GET', `/pats/${id}/scope?limit=1`, { token: alice });
    assert.equal(listed.body.total, 1000);

    // Adding a scope it already has stays a no-op, even when full.
    const again = await server.call('PATCH', `/pats/${id}/scope/add`, {
      token: alice,
      body: { scopes: [{ entity_type: 'clients', operation: 'read', entity_id: 'c-0-0' }] },
    });
    assert.equal(again.status, 200);
    assert.equal(again.body.scopes.length, 1000);
  });
});

describe('400: query parameters', () => {
  let server: TestServer;
  let alice: string;
  let patId: string;
  before(async () => {
    server = await startServer();
    alice = await server.tokenFor('alice');
    patId = (await server.call('POST', '/pats', { token: alice, body: valid })).body.id;
  });
  after(() => server.close());

  for (const [query, field] of [
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=-5', 'limit'],
    ['limit=abc', 'limit'],
    ['limit=1.5', 'limit'],
    ['offset=-1', 'offset'],
    ['offset=abc', 'offset'],
    ['status=bogus', 'status'],
    ['status=ACTIVE', 'status'],
    ['status=', 'status'],
    ['status=revoked,', 'status'],
    ['status=,expired', 'status'],
    ['status=revoked,,expired', 'status'],
    ['status=revoked,bogus', 'status'],
    ['status=revoked%2C%20expired', 'status'],
    ['status=active,revoked,expired,expiring,all,active', 'status'],
    ['status=revoked&status=expired', 'status'],
    ['sort=bogus', 'sort'],
    ['sort=token_hash', 'sort'],
    ['dir=sideways', 'dir'],
  ] as const) {
    it(`GET /pats?${query} → 400 naming ${field}`, async () => {
      assertInvalid(await server.call('GET', `/pats?${query}`, { token: alice }), field);
    });
  }

  for (const [query, field] of [
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=abc', 'limit'],
    ['offset=-1', 'offset'],
  ] as const) {
    it(`GET /pats/{id}/scope?${query} → 400 naming ${field}`, async () => {
      assertInvalid(await server.call('GET', `/pats/${patId}/scope?${query}`, { token: alice }), field);
    });
  }
});

describe('401: no or bad user token', () => {
  let server: TestServer;
  let alice: string;
  let patId: string;
  before(async () => {
    server = await startServer();
    alice = await server.tokenFor('alice');
    patId = (await server.call('POST', '/pats', { token: alice, body: valid })).body.id;
  });
  after(() => server.close());

  const key = (secret: string) => new TextEncoder().encode(secret);
  const tokens: Record<string, () => Promise<string | null>> = {
    'no token': async () => null,
    'a garbage token': async () => 'garbage',
    'a JWT signed with another secret': () => signUserToken('alice', 'another-secret-that-is-also-long-enough'),
    'an expired JWT': () =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('alice')
        .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
        .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
        .sign(key(JWT_SECRET)),
    'a JWT without sub': () =>
      new SignJWT({ name: 'alice' }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime('1h').sign(key(JWT_SECRET)),
    'a JWT with an empty sub': () =>
      new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('').setIssuedAt().setExpirationTime('1h').sign(key(JWT_SECRET)),
    'an unsigned JWT (alg none)': async () => {
      const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
      return `${part({ alg: 'none', typ: 'JWT' })}.${part({ sub: 'alice', exp: Math.floor(Date.now() / 1000) + 3600 })}.`;
    },
    'a tampered JWT': async () => {
      const [header, , signature] = alice.split('.');
      const payload = Buffer.from(JSON.stringify({ sub: 'bob', exp: Math.floor(Date.now() / 1000) + 3600 })).toString('base64url');
      return `${header}.${payload}.${signature}`;
    },
  };

  const routes: [string, string, unknown?][] = [
    ['GET', '/pats'],
    ['POST', '/pats', valid],
    ['DELETE', '/pats'],
    ['GET', '/pats/catalog'],
    ['GET', '/pats/summary'],
    ['GET', '/pats/{id}'],
    ['PATCH', '/pats/{id}/name', { name: 'stolen' }],
    ['PATCH', '/pats/{id}/secret/revoke'],
  ];

  for (const [label, make] of Object.entries(tokens)) {
    it(`${label} → 401 {error: 'unauthenticated', message} on every management route`, async () => {
      const token = await make();
      for (const [method, path, body] of routes) {
        const res = await server.call(method, path.replace('{id}', patId), { token, body });
        assertError(res, 401, 'unauthenticated');
        assert.deepEqual(Object.keys(res.body).sort(), ['error', 'message'], `${method} ${path}`);
      }
      // Nothing happened.
      const pat = await server.call('GET', `/pats/${patId}`, { token: alice });
      assert.equal(pat.status, 200);
      assert.equal(pat.body.name, 'valid');
      assert.equal(pat.body.status, 'active');
    });
  }

  it('a non-Bearer Authorization header → 401', async () => {
    for (const authorization of [`Basic ${Buffer.from('alice:pw').toString('base64')}`, alice, `Token ${alice}`]) {
      const res = await server.call('GET', '/pats', { headers: { authorization } });
      assertError(res, 401, 'unauthenticated');
    }
  });
});

describe('403: a PAT on a management route', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(() => server.close());

  it('a bearer starting with pat_ (a real PAT secret) → 403 and nothing happens', async () => {
    const alice = await server.tokenFor('alice');
    const created = await server.call('POST', '/pats', {
      token: alice,
      body: { name: 'my pat', duration: '30d', scopes: [{ entity_type: 'clients', operation: 'read', entity_id: '*' }] },
    });
    assert.equal(created.status, 201);
    const secret: string = created.body.secret;
    assert.ok(secret.startsWith('pat_'));
    const id = created.body.id;
    for (const [method, path, body] of [
      ['GET', '/pats'],
      ['POST', '/pats', { name: 'made by a pat', duration: '30d' }],
      ['GET', `/pats/${id}`],
      ['PATCH', `/pats/${id}/secret/reset`, { duration: '30d' }],
      ['PATCH', `/pats/${id}/scope/add`, { scopes: [{ entity_type: 'users', operation: 'delete', entity_id: '*' }] }],
      ['DELETE', `/pats/${id}`],
      ['DELETE', '/pats'],
      ['GET', '/pats/catalog'],
    ] as [string, string, unknown?][]) {
      const res = await server.call(method, path, { token: secret, body });
      assertError(res, 403, 'forbidden');
    }
    const list = await server.call('GET', '/pats?status=all', { token: alice });
    assert.equal(list.body.total, 1);
    const pat = await server.call('GET', `/pats/${id}`, { token: alice });
    assert.equal(pat.body.scopes_count, 1);
    // The secret still works where it belongs.
    const authorize = await server.call('POST', '/authorize', {
      token: secret,
      body: { entity_type: 'clients', operation: 'read', entity_id: 'c1' },
    });
    assert.equal(authorize.status, 200);
  });
});

describe('404: unknown, malformed and foreign ids', () => {
  let server: TestServer;
  let alice: string;
  let bob: string;
  let bobsPat: any;
  before(async () => {
    server = await startServer();
    alice = await server.tokenFor('alice');
    bob = await server.tokenFor('bob');
    const res = await server.call('POST', '/pats', {
      token: bob,
      body: { name: 'bobs', description: 'mine', duration: '30d', scopes: [{ entity_type: 'clients', operation: 'read', entity_id: '*' }] },
    });
    assert.equal(res.status, 201);
    bobsPat = res.body;
  });
  after(() => server.close());

  const routes: [string, string, unknown?][] = [
    ['GET', ''],
    ['DELETE', ''],
    ['PATCH', '/name', { name: 'renamed' }],
    ['PATCH', '/description', { description: 'changed' }],
    ['PATCH', '/secret/reset', { duration: '30d' }],
    ['PATCH', '/secret/revoke'],
    ['GET', '/scope'],
    ['PATCH', '/scope/add', { scopes: [{ entity_type: 'clients', operation: 'read', entity_id: '*' }] }],
    ['PATCH', '/scope/remove', { scopes_id: ['00000000-0000-4000-8000-000000000000'] }],
    ['DELETE', '/scope'],
  ];

  for (const [method, suffix, body] of routes) {
    it(`${method} /pats/{id}${suffix}: unknown uuid, non-uuid and another user's PAT → the same 404`, async () => {
      const unknown = await server.call(method, `/pats/${randomUUID()}${suffix}`, { token: alice, body });
      assertError(unknown, 404, 'not_found');
      const malformed = await server.call(method, `/pats/not-a-uuid${suffix}`, { token: alice, body });
      assertError(malformed, 404, 'not_found');
      const sqlish = await server.call(method, `/pats/${encodeURIComponent("1' OR '1'='1")}${suffix}`, { token: alice, body });
      assertError(sqlish, 404, 'not_found');
      const foreign = await server.call(method, `/pats/${bobsPat.id}${suffix}`, { token: alice, body });
      assertError(foreign, 404, 'not_found');
      assert.deepEqual(foreign.body, unknown.body, 'not yours must look exactly like not found');
    });
  }

  for (const id of ['%E0%A4%A', '%', '%ZZ']) {
    it(`a malformed percent-encoded id (${id}) is a client error (400 or 404), never a 500`, async () => {
      for (const [method, suffix, body] of [
        ['GET', ''],
        ['DELETE', ''],
        ['PATCH', '/name', { name: 'renamed' }],
        ['GET', '/scope'],
      ] as [string, string, unknown?][]) {
        const res = await server.call(method, `/pats/${id}${suffix}`, { token: alice, body });
        assert.ok(res.status === 400 || res.status === 404, `${method} /pats/${id}${suffix}: ${res.status} ${JSON.stringify(res.body)}`);
        assertError(res, res.status, res.status === 400 ? 'validation_failed' : 'not_found');
      }
    });
  }

  it("another user's PAT is left untouched by all of that", async () => {
    const res = await server.call('GET', `/pats/${bobsPat.id}`, { token: bob });
    assert.equal(res.status, 200);
    assert.equal(res.body.name, 'bobs');
    assert.equal(res.body.description, 'mine');
    assert.equal(res.body.status, 'active');
    assert.equal(res.body.issued_at, bobsPat.issued_at);
    assert.equal(res.body.expires_at, bobsPat.expires_at);
    assert.equal(res.body.scopes_count, 1);
    const authorize = await server.call('POST', '/authorize', {
      token: bobsPat.secret,
      body: { entity_type: 'clients', operation: 'read', entity_id: 'c1' },
    });
    assert.equal(authorize.status, 200, 'the secret was not reset');
  });
});

describe('409: duplicate names', () => {
  let server: TestServer;
  let alice: string;
  before(async () => {
    server = await startServer();
    alice = await server.tokenFor('alice');
    assert.equal((await server.call('POST', '/pats', { token: alice, body: { name: 'CI', duration: '30d' } })).status, 201);
  });
  after(() => server.close());

  function assertConflict(res: CallResult): void {
    assertError(res, 409, 'conflict');
    assert.ok(Array.isArray(res.body.details), JSON.stringify(res.body));
    assert.ok(
      res.body.details.some((detail: any) => detail.field === 'name'),
      JSON.stringify(res.body.details),
    );
  }

  it('create with the same name → 409 with details on name', async () => {
    assertConflict(await server.call('POST', '/pats', { token: alice, body: { name: 'CI', duration: '30d' } }));
  });

  it('create with the same name in another case ("ci" after "CI") → 409', async () => {
    assertConflict(await server.call('POST', '/pats', { token: alice, body: { name: 'ci', duration: '30d' } }));
    assertConflict(await server.call('POST', '/pats', { token: alice, body: { name: 'Ci', duration: '30d' } }));
  });

  it('create with the same name padded with spaces → 409', async () => {
    assertConflict(await server.call('POST', '/pats', { token: alice, body: { name: '  ci  ', duration: '30d' } }));
  });

  it('a rejected duplicate stores nothing', async () => {
    const res = await server.call('GET', '/pats?status=all', { token: alice });
    assert.equal(res.body.total, 1);
  });

  it("rename to another PAT's name, in any case → 409 with details on name", async () => {
    const other = await server.call('POST', '/pats', { token: alice, body: { name: 'deploy', duration: '30d' } });
    assert.equal(other.status, 201);
    assertConflict(await server.call('PATCH', `/pats/${other.body.id}/name`, { token: alice, body: { name: 'ci' } }));
    assertConflict(await server.call('PATCH', `/pats/${other.body.id}/name`, { token: alice, body: { name: 'CI' } }));
    const unchanged = await server.call('GET', `/pats/${other.body.id}`, { token: alice });
    assert.equal(unchanged.body.name, 'deploy');
  });

  it('a revoked or expired PAT still holds its name', async () => {
    const old = await server.call('POST', '/pats', { token: alice, body: { name: 'old', duration: '1h' } });
    await server.call('PATCH', `/pats/${old.body.id}/secret/revoke`, { token: alice });
    server.clock.advance(2 * HOUR);
    assertConflict(await server.call('POST', '/pats', { token: alice, body: { name: 'OLD', duration: '30d' } }));
  });

  it('renaming a PAT to its own name in another case is fine', async () => {
    const res = await server.call('POST', '/pats', { token: alice, body: { name: 'release', duration: '30d' } });
    const renamed = await server.call('PATCH', `/pats/${res.body.id}/name`, { token: alice, body: { name: 'Release' } });
    assert.equal(renamed.status, 202);
    assert.equal(renamed.body.name, 'Release');
  });

  it('another user may use the same name', async () => {
    const bob = await server.tokenFor('bob');
    const res = await server.call('POST', '/pats', { token: bob, body: { name: 'ci', duration: '30d' } });
    assert.equal(res.status, 201);
  });

  it('names that differ only by Unicode case folding or compatibility forms are one name → 409, exactly as the name was kept', async () => {
    for (const [first, second] of [
      ['Straße', 'STRASSE'],
      ['ﬁle sync', 'file sync'],
      ['ｆｕｌｌ', 'full'],
      ['Café', 'cafe\u0301'],
      ['ΟΔΟΣ', 'οδοσ'],
    ]) {
      const created = await server.call('POST', '/pats', { token: alice, body: { name: first, duration: '30d' } });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.name, first, 'the name is kept as it was typed; only its key is folded');
      assertConflict(await server.call('POST', '/pats', { token: alice, body: { name: second, duration: '30d' } }));
    }
  });

  it('the name search folds the same way: "strasse" finds "Straße", "FILE" finds "ﬁle sync"', async () => {
    const names = async (search: string) =>
      (await server.call('GET', `/pats?status=all&name=${encodeURIComponent(search)}`, { token: alice })).body.pats
        .map((pat: any) => pat.name)
        .sort();
    assert.deepEqual(await names('strasse'), ['Straße']);
    assert.deepEqual(await names('STRAẞE'), ['Straße']);
    assert.deepEqual(await names('FILE'), ['ﬁle sync']);
    assert.deepEqual(await names('ｆｕｌ'), ['ｆｕｌｌ']);
  });

  it('a deleted PAT frees its name', async () => {
    const res = await server.call('POST', '/pats', { token: alice, body: { name: 'temp', duration: '30d' } });
    assert.equal((await server.call('DELETE', `/pats/${res.body.id}`, { token: alice })).status, 204);
    assert.equal((await server.call('POST', '/pats', { token: alice, body: { name: 'TEMP', duration: '30d' } })).status, 201);
  });
});

describe('413 and 415: body size and content type', () => {
  let server: TestServer;
  let alice: string;
  let patId: string;
  before(async () => {
    server = await startServer();
    alice = await server.tokenFor('alice');
    patId = (await server.call('POST', '/pats', { token: alice, body: { name: 'target', duration: '30d' } })).body.id;
  });
  after(() => server.close());

  /** A JSON body of exactly `bytes` bytes. */
  function bodyOf(bytes: number, fields = '"name":"big","duration":"30d",'): string {
    const head = `{${fields}"description":"`;
    const tail = '"}';
    return head + 'd'.repeat(bytes - head.length - tail.length) + tail;
  }

  it('a body over 64 KiB → 413', async () => {
    const raw = bodyOf(64 * 1024 + 1);
    assert.equal(Buffer.byteLength(raw), 65537);
    assertError(await server.call('POST', '/pats', { token: alice, raw }), 413, 'payload_too_large');
    assertError(
      await server.call('PATCH', `/pats/${patId}/description`, { token: alice, raw: bodyOf(200_000, '') }),
      413,
      'payload_too_large',
    );
    const list = await server.call('GET', '/pats?status=all', { token: alice });
    assert.equal(list.body.total, 1);
  });

  it('a body of exactly 64 KiB is read (and then judged on its fields, not its size)', async () => {
    const raw = bodyOf(64 * 1024);
    assert.equal(Buffer.byteLength(raw), 65536);
    assertInvalid(await server.call('POST', '/pats', { token: alice, raw }), 'description');
  });

  it('text/plain → 415', async () => {
    const raw = JSON.stringify({ name: 'plain', duration: '30d' });
    for (const type of ['text/plain', 'text/plain;charset=UTF-8']) {
      assertError(
        await server.call('POST', '/pats', { token: alice, raw, headers: { 'content-type': type } }),
        415,
        'unsupported_media_type',
      );
    }
    assertError(
      await server.call('PATCH', `/pats/${patId}/name`, { token: alice, raw: '{"name":"x"}', headers: { 'content-type': 'text/plain' } }),
      415,
      'unsupported_media_type',
    );
  });

  it('a form body → 415', async () => {
    assertError(
      await server.call('POST', '/pats', {
        token: alice,
        raw: 'name=form&duration=30d',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
      415,
      'unsupported_media_type',
    );
    const boundary = 'XyZ';
    assertError(
      await server.call('POST', '/pats', {
        token: alice,
        raw: `--${boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\nform\r\n--${boundary}--\r\n`,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      }),
      415,
      'unsupported_media_type',
    );
    const list = await server.call('GET', '/pats?status=all', { token: alice });
    assert.equal(list.body.total, 1, 'nothing was created');
  });
});

describe('hostile and unusual text is stored and returned exactly', () => {
  let server: TestServer;
  let alice: string;
  before(async () => {
    server = await startServer();
    alice = await server.tokenFor('alice');
  });
  after(() => server.close());

  const samples = [
    "'; DROP TABLE pats; --",
    '" OR 1=1',
    "Robert'); DELETE FROM pat_scopes; --",
    'it\'s "quoted"',
    'back\\slash \\n \\\\ end',
    'emoji 🔑✨👩‍💻',
    '<img src=x onerror=alert(1)>',
    '<script>alert("x")</script> & &amp;',
    '% _ [a-z] * ?',
    'ünïcödé ß 日本語 עברית',
    '{"json": [1, 2]}',
  ];

  samples.forEach((text, index) => {
    it(`name and description ${JSON.stringify(text)}`, async () => {
      const created = await server.call('POST', '/pats', { token: alice, body: { name: text, description: text, duration: '30d' } });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.name, text);
      assert.equal(created.body.description, text);
      const id = created.body.id;

      const got = await server.call('GET', `/pats/${id}`, { token: alice });
      assert.equal(got.body.name, text);
      assert.equal(got.body.description, text);

      const found = await server.call('GET', `/pats?name=${encodeURIComponent(text)}`, { token: alice });
      assert.equal(found.status, 200);
      assert.ok(
        found.body.pats.some((pat: any) => pat.id === id && pat.name === text && pat.description === text),
        `name search for the exact text finds it: ${JSON.stringify(found.body)}`,
      );

      const renamed = await server.call('PATCH', `/pats/${id}/name`, { token: alice, body: { name: `${text} (2)` } });
      assert.equal(renamed.status, 202);
      assert.equal(renamed.body.name, `${text} (2)`);
      const described = await server.call('PATCH', `/pats/${id}/description`, { token: alice, body: { description: `${text}!` } });
      assert.equal(described.status, 202);
      assert.equal(described.body.description, `${text}!`);

      const all = await server.call('GET', '/pats?status=all&limit=100', { token: alice });
      assert.equal(all.status, 200, 'the tables are still there');
      assert.equal(all.body.total, index + 1);
    });
  });

  it('a description keeps its whitespace and line breaks exactly', async () => {
    const description = '  first line\n\tsecond line\r\n  trailing  ';
    const created = await server.call('POST', '/pats', { token: alice, body: { name: 'whitespace', description, duration: '30d' } });
    assert.equal(created.status, 201);
    assert.equal(created.body.description, description);
    assert.equal((await server.call('GET', `/pats/${created.body.id}`, { token: alice })).body.description, description);
    const changed = `${description}\n`;
    const described = await server.call('PATCH', `/pats/${created.body.id}/description`, { token: alice, body: { description: changed } });
    assert.equal(described.body.description, changed);
  });

  it('a description can be cleared with ""', async () => {
    const created = await server.call('POST', '/pats', {
      token: alice,
      body: { name: 'to clear', description: 'something', duration: '30d' },
    });
    const cleared = await server.call('PATCH', `/pats/${created.body.id}/description`, { token: alice, body: { description: '' } });
    assert.equal(cleared.status, 202);
    assert.equal(cleared.body.description, '');
    assert.equal((await server.call('GET', `/pats/${created.body.id}`, { token: alice })).body.description, '');
  });

  it('hostile scope ids are stored and returned exactly', async () => {
    const created = await server.call('POST', '/pats', { token: alice, body: { name: 'hostile scopes', duration: '30d' } });
    const entity = "c1'; DROP TABLE pat_scopes; --";
    const domain = '<img src=x onerror=alert(1)>';
    const res = await server.call('PATCH', `/pats/${created.body.id}/scope/add`, {
      token: alice,
      body: { scopes: [{ entity_type: 'clients', operation: 'read', entity_id: entity, domain_id: domain }] },
    });
    assert.equal(res.status, 200);
    assert.equal(res.body.scopes[0].entity_id, entity);
    assert.equal(res.body.scopes[0].domain_id, domain);
  });
});
