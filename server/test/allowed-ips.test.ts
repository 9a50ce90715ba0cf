import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import express from 'express';
import { pino } from 'pino';
import type { Pat, PatEventPage, PatUsage } from '../../contract/index.js';
import { createPatKit } from '../router.js';
import { listen, openTestDatabase, signUserToken, startServer, type TestServer } from './harness.js';

/**
 * A PAT's allowlist of client addresses (`allowed_ips`): set on create and by
 * `PATCH /pats/{id}/allowed_ips`, normalized, and enforced by `POST /authorize`, `authorizePat`
 * and `requirePat` with the client address each one sees.
 */

const scopes = [{ entity_type: 'clients', operation: 'read', entity_id: '*' }];
const readClient = { entity_type: 'clients', operation: 'read', entity_id: 'c1' };

const servers: TestServer[] = [];
const closers: (() => Promise<void>)[] = [];
after(async () => {
  await Promise.all(servers.map((server) => server.close()));
  for (const close of closers) await close();
});

async function fixture(options: Parameters<typeof startServer>[0] = {}) {
  const server = await startServer(options);
  servers.push(server);
  const alice = await server.tokenFor('alice');
  async function create(allowedIps?: unknown, name = 'restricted') {
    return server.call('POST', '/pats', { token: alice, body: { name, duration: '30d', scopes, allowed_ips: allowedIps } });
  }
  async function created(allowedIps: string[], name?: string) {
    const answer = await create(allowedIps, name);
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    return answer.body as Pat & { secret: string };
  }
  const setIps = (id: string, body: unknown, token = alice) => server.call('PATCH', `/pats/${id}/allowed_ips`, { token, body });
  const authorize = (secret: string, headers: Record<string, string> = {}, body: object = readClient) =>
    server.call('POST', '/authorize', { token: secret, body, headers });
  const events = async (id: string) => (await server.call<PatEventPage>('GET', `/pats/${id}/events`, { token: alice })).body.events;
  return { server, alice, create, created, setIps, authorize, events, kit: server.app.locals.patKit };
}

describe('allowed_ips on a PAT', () => {
  it('are normalized on create: network addresses, short IPv6, IPv4-mapped as IPv4, repeats once', async () => {
    const { server, alice, created, events } = await fixture();
    const pat = await created([' 10.1.2.3/8 ', '2001:DB8:0:0::1', '::ffff:192.0.2.7', '192.0.2.7', '2001:db8::/32', '198.51.100.4/32']);
    assert.deepEqual(pat.allowed_ips, ['10.0.0.0/8', '2001:db8::1', '192.0.2.7', '2001:db8::/32', '198.51.100.4']);
    assert.deepEqual((await server.call('GET', `/pats/${pat.id}`, { token: alice })).body.allowed_ips, pat.allowed_ips);
    const listed = (await server.call('GET', '/pats', { token: alice })).body.pats as Pat[];
    assert.deepEqual(listed.find((each) => each.id === pat.id)!.allowed_ips, pat.allowed_ips);
    const [createdEvent] = await events(pat.id);
    assert.deepEqual(createdEvent!.details.allowed_ips, pat.allowed_ips);
    const open = await created([], 'open');
    assert.deepEqual(open.allowed_ips, [], 'none: any address');
    assert.equal((await events(open.id))[0]!.details.allowed_ips, undefined);
  });

  it('refuses what is not an address or a range, naming the entry', async () => {
    const { create } = await fixture();
    for (const [entry, index] of [
      ['10.1', 1],
      ['010.0.0.1', 1],
      ['1.2.3.4/33', 1],
      ['2001:db8::/129', 1],
      ['fe80::1%eth0', 1],
      ['example.com', 1],
      ['1.2.3.4/032', 1],
      ['', 1],
    ] as const) {
      const answer = await create(['192.0.2.1', entry]);
      assert.equal(answer.status, 400, entry);
      assert.deepEqual(answer.body.details[0], {
        field: `allowed_ips[${index}]`,
        message: 'must be an IPv4 or IPv6 address, or a CIDR range such as 203.0.113.0/24 or 2001:db8::/32',
      });
    }
    const tooMany = await create(Array.from({ length: 51 }, (_, i) => `10.0.0.${i}`));
    assert.equal(tooMany.status, 400);
    assert.deepEqual(tooMany.body.details[0], { field: 'allowed_ips', message: 'may hold at most 50 addresses or ranges' });
    const tooLong = await create([`${'1'.repeat(65)}`]);
    assert.deepEqual(tooLong.body.details[0], { field: 'allowed_ips[0]', message: 'must be at most 64 characters' });
    assert.equal((await create('10.0.0.1')).body.details[0].field, 'allowed_ips');
    assert.equal((await create([42])).body.details[0].message, 'must be a string');
  });

  it('PATCH /pats/{id}/allowed_ips sets, keeps and clears the list, each change an event; another user’s PAT is a 404', async () => {
    const { server, created, setIps, events } = await fixture();
    const pat = await created([]);
    const set = await setIps(pat.id, { allowed_ips: ['203.0.113.9/24', '2001:db8::1'] });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    assert.deepEqual(set.body.allowed_ips, ['203.0.113.0/24', '2001:db8::1']);
    assert.notEqual(set.body.updated_at, null);
    assert.equal((await setIps(pat.id, { allowed_ips: ['203.0.113.0/24', '2001:db8::1'] })).status, 200, 'the same list again');
    assert.equal((await setIps(pat.id, { allowed_ips: [] })).body.allowed_ips.length, 0);
    const changes = (await events(pat.id)).filter((event) => event.kind === 'allowed_ips_changed');
    assert.deepEqual(
      changes.map((event) => event.details.allowed_ips),
      [[], ['203.0.113.0/24', '2001:db8::1']],
      'newest first; the unchanged list wrote none',
    );
    const bob = await server.tokenFor('bob');
    assert.equal((await setIps(pat.id, { allowed_ips: ['192.0.2.1'] }, bob)).status, 404);
    assert.equal((await setIps(pat.id, { allowed_ips: ['nope'] })).body.details[0].field, 'allowed_ips[0]');
    assert.equal((await setIps(pat.id, {})).body.details[0].field, 'allowed_ips');
    assert.equal((await setIps(pat.id, { allowed_ips: [], extra: 1 })).body.details[0].field, 'extra');
  });
});

describe('a PAT with allowed_ips, checked', () => {
  it('works from a listed address or range, IPv4 and IPv6, and is refused elsewhere with 403 ip_not_allowed', async () => {
    const { created, authorize } = await fixture({ trustProxy: 1 });
    const pat = await created(['203.0.113.0/24', '2001:db8::/32']);
    const from = (ip: string) => authorize(pat.secret, { 'x-forwarded-for': ip });
    assert.equal((await from('203.0.113.77')).status, 200);
    assert.equal((await from('::ffff:203.0.113.78')).status, 200, 'an IPv4-mapped IPv6 address is the IPv4 address');
    assert.equal((await from('2001:db8:7::1')).status, 200);
    for (const ip of ['203.0.114.1', '2001:db9::1', '198.51.100.1']) {
      const refused = await from(ip);
      assert.equal(refused.status, 403, ip);
      assert.deepEqual(refused.body, { error: 'ip_not_allowed', message: 'This personal access token may not be used from this address.' });
    }
    // A wrong secret from a listed address is still a 401: the address tells nothing about it.
    assert.equal((await authorize(`${pat.secret.slice(0, -4)}AAAA`, { 'x-forwarded-for': '203.0.113.77' })).status, 401);
  });

  it('records the refusals: denied in the usage, and a refused first use from each address', async () => {
    const { server, alice, created, authorize, events, kit } = await fixture({ trustProxy: 1 });
    const pat = await created(['203.0.113.0/24']);
    assert.equal((await authorize(pat.secret, { 'x-forwarded-for': '203.0.113.5' })).status, 200);
    for (let i = 0; i < 3; i++) assert.equal((await authorize(pat.secret, { 'x-forwarded-for': '198.51.100.9' })).status, 403);
    await kit.flush();
    const usage = (await server.call<PatUsage>('GET', `/pats/${pat.id}/usage?days=1`, { token: alice })).body;
    assert.deepEqual([usage.allowed, usage.denied], [1, 3]);
    const used = (await events(pat.id)).filter((event) => event.kind === 'new_address');
    assert.deepEqual(
      used.map((event) => [event.ip, event.details]),
      [
        ['198.51.100.9', { refused: 'ip_not_allowed' }],
        ['203.0.113.5', {}],
      ],
    );
  });

  it('a change applies to the next check, however warm the cache', async () => {
    const { created, setIps, authorize } = await fixture({ trustProxy: 1 });
    const pat = await created([]);
    const from = (ip: string) => authorize(pat.secret, { 'x-forwarded-for': ip });
    assert.equal((await from('192.0.2.10')).status, 200);
    assert.equal((await setIps(pat.id, { allowed_ips: ['192.0.2.11'] })).status, 200);
    assert.equal((await from('192.0.2.10')).status, 403, 'no longer listed');
    assert.equal((await from('192.0.2.11')).status, 200);
    assert.equal((await setIps(pat.id, { allowed_ips: [] })).status, 200);
    assert.equal((await from('192.0.2.10')).status, 200, 'any address again');
  });

  it('believes X-Forwarded-For only from a trusted proxy: a client cannot claim a listed address', async () => {
    const untrusting = await fixture();
    const pat = await untrusting.created(['203.0.113.0/24']);
    assert.equal((await untrusting.authorize(pat.secret, { 'x-forwarded-for': '203.0.113.5' })).status, 403, 'the socket is 127.0.0.1');
    const trusting = await fixture({ trustProxy: 1 });
    const other = await trusting.created(['203.0.113.0/24']);
    assert.equal((await trusting.authorize(other.secret, { 'x-forwarded-for': '203.0.113.5' })).status, 200);
    // Behind one proxy, the address it saw is the last one: an earlier, client-written hop counts for nothing.
    assert.equal((await trusting.authorize(other.secret, { 'x-forwarded-for': '203.0.113.5, 198.51.100.1' })).status, 403);
  });

  it('takes client_ip from the body only on a server that trusts its callers to relay it', async () => {
    const plain = await fixture();
    const pat = await plain.created(['203.0.113.0/24']);
    const relayed = await plain.authorize(pat.secret, {}, { ...readClient, client_ip: '203.0.113.5' });
    assert.equal(relayed.status, 400);
    assert.deepEqual(relayed.body.details, [
      { field: 'client_ip', message: 'is not accepted: this server does not let callers relay the client’s address' },
    ]);
    const trusting = await fixture({ trustClientIp: true });
    const other = await trusting.created(['203.0.113.0/24', '2001:db8::/32']);
    const ask = (clientIp?: string) =>
      trusting.authorize(other.secret, {}, clientIp === undefined ? readClient : { ...readClient, client_ip: clientIp });
    assert.equal((await ask('203.0.113.5')).status, 200);
    assert.equal((await ask('2001:DB8::5')).status, 200);
    assert.equal((await ask('198.51.100.1')).status, 403);
    assert.equal((await ask()).status, 403, 'without client_ip the caller itself is the client (127.0.0.1)');
    const bad = await ask('not-an-address');
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body.details, [{ field: 'client_ip', message: 'must be an IPv4 or IPv6 address' }]);
    assert.equal((await ask('1'.repeat(65))).body.details[0].message, 'must be at most 64 characters');
  });

  it('authorizePat without an address and requirePat behind a trusted proxy', async () => {
    const { db, close } = await openTestDatabase();
    const kit = createPatKit({ db, jwtSecret: 'test-secret-that-is-long-enough-for-hs256', logger: pino({ level: 'silent' }) });
    closers.push(async () => {
      await kit.close();
      await close();
    });
    const app = express();
    app.set('trust proxy', 1);
    app.use('/api', kit.router);
    app.get(
      '/things/:id',
      kit.requirePat({ entityType: 'clients', operation: 'read', entityId: (req) => String(req.params.id) }),
      (_req, res) => {
        res.json({ ok: true });
      },
    );
    const server = await listen(app);
    closers.unshift(() => server.close());
    const token = await signUserToken('alice');
    const made = await fetch(`${server.url}/api/pats`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'host', duration: '30d', scopes, allowed_ips: ['192.0.2.0/24'] }),
    });
    const { id, secret } = (await made.json()) as { id: string; secret: string };
    const get = (ip: string) => fetch(`${server.url}/things/c1`, { headers: { authorization: `Bearer ${secret}`, 'x-forwarded-for': ip } });
    assert.equal((await get('192.0.2.200')).status, 200);
    const refused = await get('198.51.100.200');
    assert.equal(refused.status, 403);
    assert.equal(((await refused.json()) as { error: string }).error, 'ip_not_allowed');
    assert.deepEqual(await kit.authorizePat(secret, readClient, { ip: '192.0.2.9' }), { allowed: true, user_id: 'alice', pat_id: id });
    const unknown = await kit.authorizePat(secret, readClient);
    assert.equal(unknown.allowed, false);
    assert.equal(!unknown.allowed && unknown.reason, 'ip_not_allowed', 'no address known: none listed');
  });
});
