import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { decodeJwt, jwtVerify } from 'jose';
import { pino } from 'pino';
import { JWT_SECRET, startServer, type TestServer } from './harness.js';

/** Demo mode's sign-in routes, and that they exist only in demo mode. */

describe('demo mode', () => {
  let server: TestServer;

  before(async () => {
    server = await startServer({ demo: true });
  });

  after(async () => {
    await server.close();
  });

  it('GET /api/demo/users lists the demo users', async () => {
    const answer = await server.call('GET', '/demo/users');
    assert.equal(answer.status, 200);
    assert.ok(Array.isArray(answer.body.users));
    assert.ok(answer.body.users.length >= 2, 'enough users to switch between');
    for (const user of answer.body.users) {
      assert.equal(typeof user.id, 'string');
      assert.equal(typeof user.name, 'string');
      assert.equal(typeof user.email, 'string');
    }
    const ids = answer.body.users.map((user: { id: string }) => user.id);
    assert.ok(ids.includes('alice'));
    assert.equal(new Set(ids).size, ids.length, 'ids are unique');
  });

  it('GET /api/demo/entities finds the demo portal’s entities of a type by name or id, an exact id first', async () => {
    const byName = await server.call('GET', '/demo/entities?type=channels&q=ALARM');
    assert.equal(byName.status, 200);
    assert.deepEqual(
      byName.body.entities.map((entity: { id: string }) => entity.id),
      ['ch-alarms', 'ch-alarms-eu'],
    );
    const byId = await server.call('GET', '/demo/entities?type=channels&q=ch-alarms-eu');
    assert.deepEqual(byId.body.entities, [{ id: 'ch-alarms-eu', name: 'Alarms (EU)' }]);
    const exactFirst = await server.call('GET', '/demo/entities?type=messages&q=ch-alarms');
    assert.equal(exactFirst.body.entities[0].id, 'ch-alarms');
    assert.deepEqual((await server.call('GET', '/demo/entities?type=nothing&q=a')).body.entities, []);
    const noType = await server.call('GET', '/demo/entities?q=a');
    assert.equal(noType.status, 400);
    assert.equal(noType.body.details[0].field, 'type');
    const tooLong = await server.call('GET', `/demo/entities?type=clients&q=${'x'.repeat(300)}`);
    assert.equal(tooLong.status, 400);
    assert.equal(tooLong.body.details[0].field, 'q');
  });

  it('POST /api/demo/login {"user":"alice"} returns {access_token, user}, and the token works on /api/pats', async () => {
    const login = await server.call('POST', '/demo/login', { body: { user: 'alice' } });
    assert.equal(login.status, 200, JSON.stringify(login.body));
    assert.deepEqual(Object.keys(login.body).sort(), ['access_token', 'user']);
    // The answer carries a sign-in token: no cache may keep it.
    assert.equal(login.headers.get('cache-control'), 'no-store');
    assert.equal((await server.call('GET', '/demo/users')).headers.get('cache-control'), 'no-store');
    assert.equal(login.body.user.id, 'alice');
    assert.equal(typeof login.body.user.name, 'string');
    const token: string = login.body.access_token;
    assert.equal(decodeJwt(token).sub, 'alice');

    const list = await server.call('GET', '/pats', { token });
    assert.equal(list.status, 200);
    assert.equal(list.body.total, 0);
    const created = await server.call('POST', '/pats', { token, body: { name: 'demo', duration: '1d' } });
    assert.equal(created.status, 201);
    assert.equal(created.body.user_id, 'alice');
    const again = await server.call('GET', '/pats', { token });
    assert.equal(again.body.total, 1);
  });

  it('switching users switches whose PATs are seen', async () => {
    const users = (await server.call('GET', '/demo/users')).body.users as { id: string }[];
    const other = users.find((user) => user.id !== 'alice')!;
    const login = await server.call('POST', '/demo/login', { body: { user: other.id } });
    assert.equal(login.status, 200);
    assert.equal(login.body.user.id, other.id);
    const list = await server.call('GET', '/pats?status=all', { token: login.body.access_token });
    assert.equal(list.status, 200);
    assert.ok(list.body.pats.every((pat: { user_id: string }) => pat.user_id === other.id));
    assert.equal(decodeJwt(login.body.access_token).sub, other.id);
  });

  it('an unknown user is 404, a bad body 400 or 415', async () => {
    const unknown = await server.call('POST', '/demo/login', { body: { user: 'mallory' } });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error, 'not_found');
    assert.equal(typeof unknown.body.message, 'string');
    const missing = await server.call('POST', '/demo/login', { body: {} });
    assert.equal(missing.status, 400);
    assert.equal(missing.body.error, 'validation_failed');
    const notJson = await server.call('POST', '/demo/login', { raw: 'user=alice', headers: { 'content-type': 'text/plain' } });
    assert.equal(notJson.status, 415);
  });

  it('the demo token is a user token: it cannot be used as a PAT', async () => {
    const login = await server.call('POST', '/demo/login', { body: { user: 'alice' } });
    const answer = await server.call('POST', '/authorize', {
      token: login.body.access_token,
      body: { entity_type: 'clients', operation: 'read', entity_id: '*' },
    });
    assert.equal(answer.status, 401);
  });
});

describe('demo tokens are worth nothing outside this demo', () => {
  async function demoToken(server: TestServer): Promise<string> {
    const login = await server.call('POST', '/demo/login', { body: { user: 'alice' } });
    assert.equal(login.status, 200);
    return login.body.access_token;
  }

  it("are not signed with the host's key: the host's services and a server without demo mode refuse them", async () => {
    const demo = await startServer({ demo: true });
    const real = await startServer({ demo: false });
    try {
      const token = await demoToken(demo);
      await assert.rejects(jwtVerify(token, new TextEncoder().encode(JWT_SECRET)), 'the host key does not verify a demo token');
      assert.equal((await demo.call('GET', '/pats', { token })).status, 200);
      const refused = await real.call('GET', '/pats', { token });
      assert.equal(refused.status, 401, 'same host key, demo mode off: the demo token is refused');
      assert.equal(refused.body.error, 'unauthenticated');
    } finally {
      await demo.close();
      await real.close();
    }
  });

  it('are signed with a key made at start: another start (or instance) refuses them', async () => {
    const first = await startServer({ demo: true });
    const second = await startServer({ demo: true });
    try {
      const token = await demoToken(first);
      assert.equal((await second.call('GET', '/pats', { token })).status, 401);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it("with demo mode on beside a host's key, the host's own tokens still work", async () => {
    const server = await startServer({ demo: true });
    try {
      const hostToken = await server.tokenFor('dave');
      const created = await server.call('POST', '/pats', { token: hostToken, body: { name: 'host user', duration: '1d' } });
      assert.equal(created.status, 201);
      assert.equal(created.body.user_id, 'dave');
    } finally {
      await server.close();
    }
  });

  it('demo mode logs one warning at start, and none without it', async () => {
    const lines: { level: number; msg: string }[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const logger = pino({ level: 'info' }, sink);
    const on = await startServer({ demo: true, logger });
    await on.call('GET', '/demo/users');
    await on.call('POST', '/demo/login', { body: { user: 'alice' } });
    await on.close();
    const warnings = lines.filter((line) => line.level === 40);
    assert.equal(warnings.length, 1, JSON.stringify(lines));
    assert.match(warnings[0]!.msg, /Demo mode is on: anyone .* can sign in as a demo user/);
    assert.match(warnings[0]!.msg, /PAT_JWT_SECRET or PAT_JWKS_URL/);

    lines.length = 0;
    const off = await startServer({ logger });
    await off.call('GET', '/pats');
    await off.close();
    assert.equal(lines.filter((line) => line.level >= 40).length, 0, JSON.stringify(lines));
  });
});

describe('without demo mode', () => {
  let server: TestServer;

  before(async () => {
    server = await startServer();
  });

  after(async () => {
    await server.close();
  });

  it('the demo routes are 404 JSON', async () => {
    const users = await server.call('GET', '/demo/users');
    assert.equal(users.status, 404);
    assert.equal(users.body.error, 'not_found');
    const login = await server.call('POST', '/demo/login', { body: { user: 'alice' } });
    assert.equal(login.status, 404);
    assert.equal(login.body.error, 'not_found');
    assert.equal(login.body.access_token, undefined);
  });

  it('demo: false is the same as no demo', async () => {
    const off = await startServer({ demo: false });
    try {
      assert.equal((await off.call('POST', '/demo/login', { body: { user: 'alice' } })).status, 404);
      assert.equal((await off.call('GET', '/demo/users')).status, 404);
    } finally {
      await off.close();
    }
  });
});
