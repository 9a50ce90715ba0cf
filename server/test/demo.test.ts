import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { decodeJwt } from 'jose';
import { startServer, type TestServer } from './harness.js';

/** DESIGN.md 4.1 and 6: demo mode's sign-in routes, and that they exist only in demo mode. */

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

  it('POST /api/demo/login {"user":"alice"} returns {access_token, user}, and the token works on /api/pats', async () => {
    const login = await server.call('POST', '/demo/login', { body: { user: 'alice' } });
    assert.equal(login.status, 200, JSON.stringify(login.body));
    assert.deepEqual(Object.keys(login.body).sort(), ['access_token', 'user']);
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
