/**
 * Failed PAT checks and demo sign-ins are limited per client address; successful checks never.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type CallResult, type TestServer } from './harness.js';

const REQUEST = { entity_type: 'clients', operation: 'read', entity_id: 'c-1' };
const BAD_TOKEN = `pat_${'0'.repeat(22)}_${'0'.repeat(49)}`;

function assertTooMany(res: CallResult): void {
  assert.equal(res.status, 429, JSON.stringify(res.body));
  assert.match(res.headers.get('content-type') ?? '', /application\/json/);
  assert.equal(res.body.error, 'too_many_requests');
  assert.match(res.body.message, /^Too many .+ try again in \d+ s\.$/);
  const retryAfter = Number(res.headers.get('retry-after'));
  assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, `Retry-After: ${res.headers.get('retry-after')}`);
}

describe('failed PAT checks: 30 a minute per address by default', () => {
  let server: TestServer;
  let secret: string;
  before(async () => {
    server = await startServer();
    const alice = await server.tokenFor('alice');
    const created = await server.call('POST', '/pats', {
      token: alice,
      body: { name: 'service', duration: '30d', scopes: [{ entity_type: 'clients', operation: 'read', entity_id: '*' }] },
    });
    assert.equal(created.status, 201);
    secret = created.body.secret;
  });
  after(() => server.close());

  it('the first 30 failures are 401, the next ones 429 with Retry-After; a good token still gets through, and forbidden (403) answers never count', async () => {
    for (let i = 0; i < 10; i++) {
      const forbidden = await server.call('POST', '/authorize', { token: secret, body: { ...REQUEST, operation: 'delete' } });
      assert.equal(forbidden.status, 403, 'a known token without the scope is not a failed check');
    }
    for (let i = 1; i <= 30; i++) {
      const failed = await server.call('POST', '/authorize', { token: i % 2 ? BAD_TOKEN : undefined, body: REQUEST });
      assert.equal(failed.status, 401, `failure ${i}`);
    }
    assertTooMany(await server.call('POST', '/authorize', { token: BAD_TOKEN, body: REQUEST }));
    assertTooMany(await server.call('POST', '/authorize', { body: REQUEST }));
    for (let i = 0; i < 50; i++) {
      const allowed = await server.call('POST', '/authorize', { token: secret, body: REQUEST });
      assert.equal(allowed.status, 200, `a successful check is never limited (${i})`);
    }
    assertTooMany(await server.call('POST', '/authorize', { token: BAD_TOKEN, body: REQUEST }));
  });

  it('the management API is not limited by it', async () => {
    const alice = await server.tokenFor('alice');
    assert.equal((await server.call('GET', '/pats', { token: alice })).status, 200);
  });
});

describe('the limit is configurable', () => {
  it('rateLimit {max, windowMs}: the count starts again after the window', async () => {
    const server = await startServer({ rateLimit: { max: 2, windowMs: 1_000 } });
    try {
      assert.equal((await server.call('POST', '/authorize', { token: BAD_TOKEN, body: REQUEST })).status, 401);
      assert.equal((await server.call('POST', '/authorize', { token: BAD_TOKEN, body: REQUEST })).status, 401);
      assertTooMany(await server.call('POST', '/authorize', { token: BAD_TOKEN, body: REQUEST }));
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      assert.equal((await server.call('POST', '/authorize', { token: BAD_TOKEN, body: REQUEST })).status, 401);
    } finally {
      await server.close();
    }
  });

  it('rateLimit: false turns it off', async () => {
    const server = await startServer({ rateLimit: false });
    try {
      for (let i = 0; i < 40; i++) assert.equal((await server.call('POST', '/authorize', { token: BAD_TOKEN, body: REQUEST })).status, 401);
    } finally {
      await server.close();
    }
  });

  it('behind a trusted proxy each forwarded client address has its own count', async () => {
    const server = await startServer({ rateLimit: { max: 1, windowMs: 60_000 }, trustProxy: 'loopback' });
    try {
      const from = (address: string) =>
        server.call('POST', '/authorize', { token: BAD_TOKEN, body: REQUEST, headers: { 'x-forwarded-for': address } });
      assert.equal((await from('203.0.113.1')).status, 401);
      assertTooMany(await from('203.0.113.1'));
      assert.equal((await from('203.0.113.2')).status, 401, 'another client behind the same proxy');
    } finally {
      await server.close();
    }
  });
});

describe('demo sign-ins: 30 a minute per address', () => {
  it('the 31st sign-in is 429 with Retry-After', async () => {
    const server = await startServer({ demo: true });
    try {
      for (let i = 1; i <= 30; i++)
        assert.equal((await server.call('POST', '/demo/login', { body: { user: 'alice' } })).status, 200, `sign-in ${i}`);
      assertTooMany(await server.call('POST', '/demo/login', { body: { user: 'alice' } }));
    } finally {
      await server.close();
    }
  });
});
