/**
 * The management routes, through HTTP against the real app on in-memory SQLite:
 * success statuses, exact body shapes, list filters / sorting / paging, summary, catalog, scopes.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { isExpiringSoon } from '../../contract/index.js';
import { startServer, type CallResult, type TestServer } from '../test/harness.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MINUTE = 60_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;
const SECRET = /^pat_[0-9A-Za-z]{22}_[0-9A-Za-z]{49}$/;

const PAT_KEYS = [
  'allowed_ips',
  'created_at',
  'description',
  'expired_reason',
  'expires_at',
  'id',
  'idle_expires_at',
  'issued_at',
  'last_used_at',
  'last_used_ip',
  'leak',
  'max_idle',
  'name',
  'revoked',
  'revoked_at',
  'scopes_count',
  'status',
  'updated_at',
  'user_id',
];
const SCOPE_KEYS = ['domain_id', 'entity_id', 'entity_type', 'id', 'operation', 'pat_id'];

interface ScopeIn {
  entity_type: string;
  operation: string;
  entity_id: string;
  domain_id?: string | null;
}

function scope(entity_type: string, operation: string, entity_id: string, domain_id?: string | null): ScopeIn {
  return domain_id === undefined ? { entity_type, operation, entity_id } : { entity_type, operation, entity_id, domain_id };
}

function isoOrNull(value: unknown, field: string): void {
  if (value === null) return;
  assert.equal(typeof value, 'string', `${field} must be a string or null`);
  assert.match(value as string, ISO_UTC, `${field} must be an ISO-8601 UTC time`);
}

/** Every field of the PAT DTO with its type; `secret` exactly when `withSecret`. */
function assertPatShape(pat: any, withSecret: boolean): void {
  assert.equal(typeof pat, 'object');
  assert.notEqual(pat, null);
  const expected = withSecret ? [...PAT_KEYS, 'secret'].sort() : PAT_KEYS;
  assert.deepEqual(Object.keys(pat).sort(), expected);
  assert.match(pat.id, UUID);
  assert.equal(typeof pat.user_id, 'string');
  assert.equal(typeof pat.name, 'string');
  assert.equal(typeof pat.description, 'string');
  assert.ok(['active', 'revoked', 'expired'].includes(pat.status), `status ${pat.status}`);
  assert.match(pat.created_at, ISO_UTC);
  assert.match(pat.issued_at, ISO_UTC);
  assert.ok(pat.created_at <= pat.issued_at, 'created_at is never after issued_at');
  if (pat.last_used_at !== null) assert.ok(pat.last_used_at >= pat.issued_at, 'last_used_at is a use of the current secret');
  assert.match(pat.expires_at, ISO_UTC);
  isoOrNull(pat.updated_at, 'updated_at');
  isoOrNull(pat.last_used_at, 'last_used_at');
  if (pat.last_used_ip !== null) assert.equal(typeof pat.last_used_ip, 'string');
  assert.equal(typeof pat.revoked, 'boolean');
  isoOrNull(pat.revoked_at, 'revoked_at');
  assert.equal(typeof pat.scopes_count, 'number');
  assert.ok(Number.isInteger(pat.scopes_count) && pat.scopes_count >= 0);
  if (withSecret) assert.match(pat.secret, SECRET);
}

function assertScopeShape(s: any, patId: string): void {
  assert.deepEqual(Object.keys(s).sort(), SCOPE_KEYS);
  assert.match(s.id, UUID);
  assert.equal(s.pat_id, patId);
  assert.equal(typeof s.entity_type, 'string');
  assert.equal(typeof s.operation, 'string');
  assert.equal(typeof s.entity_id, 'string');
  assert.ok(s.domain_id === null || typeof s.domain_id === 'string');
}

/** A scope without its id and pat_id, domain normalised, as a sortable key. */
function keyOf(s: ScopeIn): string {
  return JSON.stringify([s.entity_type, s.operation, s.entity_id, s.domain_id ?? null]);
}

function keys(scopes: ScopeIn[]): string[] {
  return scopes.map(keyOf).sort();
}

function ms(iso: string): number {
  return Date.parse(iso);
}

async function createPat(server: TestServer, token: string, body: Record<string, unknown>): Promise<any> {
  const res = await server.call('POST', '/pats', { token, body: { duration: '30d', ...body } });
  assert.equal(res.status, 201, `create ${JSON.stringify(body)}: ${JSON.stringify(res.body)}`);
  return res.body;
}

async function list(server: TestServer, token: string, query = ''): Promise<CallResult> {
  const res = await server.call('GET', `/pats${query}`, { token });
  assert.equal(res.status, 200, `GET /pats${query}: ${JSON.stringify(res.body)}`);
  return res;
}

function names(res: CallResult): string[] {
  return res.body.pats.map((pat: any) => pat.name);
}

describe('POST /pats', () => {
  let server: TestServer;
  let alice: string;
  before(async () => {
    server = await startServer();
    alice = await server.tokenFor('alice');
  });
  after(() => server.close());

  it('answers 201 with the whole PAT DTO and a one-time secret', async () => {
    const at = server.clock.ms;
    const res = await server.call('POST', '/pats', { token: alice, body: { name: 'ci', duration: '24h' } });
    assert.equal(res.status, 201);
    assert.match(res.headers.get('content-type') ?? '', /application\/json/);
    assertPatShape(res.body, true);
    assert.equal(res.body.user_id, 'alice');
    assert.equal(res.body.name, 'ci');
    assert.equal(res.body.description, '');
    assert.equal(res.body.status, 'active');
    assert.equal(res.body.revoked, false);
    assert.equal(res.body.revoked_at, null);
    assert.equal(res.body.updated_at, null);
    assert.equal(res.body.last_used_at, null);
    assert.equal(res.body.last_used_ip, null);
    assert.equal(res.body.scopes_count, 0);
    assert.equal(ms(res.body.created_at), at);
    assert.equal(ms(res.body.issued_at), at);
    assert.equal(ms(res.body.expires_at), at + DAY);
  });

  it('keeps the description and gives every PAT its own id and secret', async () => {
    const a = await createPat(server, alice, { name: 'with-desc', description: 'Deploys from CI' });
    const b = await createPat(server, alice, { name: 'other' });
    assert.equal(a.description, 'Deploys from CI');
    assert.notEqual(a.id, b.id);
    assert.notEqual(a.secret, b.secret);
  });

  for (const [duration, lifetime] of [
    ['720h', 720 * HOUR],
    ['1h30m', 90 * MINUTE],
    ['30d', 30 * DAY],
    ['1w', 7 * DAY],
    ['1y', 365 * DAY],
    ['365d', 365 * DAY],
  ] as const) {
    it(`accepts the duration "${duration}"`, async () => {
      const pat = await createPat(server, alice, { name: `dur-${duration}`, duration });
      assert.equal(ms(pat.expires_at) - ms(pat.issued_at), lifetime);
    });
  }

  it('creates the scopes in the same call', async () => {
    const pat = await createPat(server, alice, {
      name: 'scoped',
      scopes: [scope('clients', 'read', '*'), scope('messages', 'publish', 'ch1', 'd1')],
    });
    assert.equal(pat.scopes_count, 2);
    const res = await server.call('GET', `/pats/${pat.id}/scope`, { token: alice });
    assert.equal(res.status, 200);
    assert.equal(res.body.total, 2);
    for (const s of res.body.scopes) assertScopeShape(s, pat.id);
    assert.deepEqual(keys(res.body.scopes), keys([scope('clients', 'read', '*', null), scope('messages', 'publish', 'ch1', 'd1')]));
  });
});

describe('GET /pats/{id}, rename, describe, reset, revoke, delete', () => {
  let server: TestServer;
  let alice: string;
  before(async () => {
    server = await startServer();
    alice = await server.tokenFor('alice');
  });
  after(() => server.close());

  it('GET /pats/{id} answers 200 with the PAT and no secret', async () => {
    const created = await createPat(server, alice, { name: 'get-me', description: 'd', scopes: [scope('clients', 'read', '*')] });
    const res = await server.call('GET', `/pats/${created.id}`, { token: alice });
    assert.equal(res.status, 200);
    assertPatShape(res.body, false);
    const { secret: _secret, ...withoutSecret } = created;
    assert.deepEqual(res.body, withoutSecret);
  });

  it('PATCH /pats/{id}/name answers 202 with the renamed PAT and no secret', async () => {
    const created = await createPat(server, alice, { name: 'old-name' });
    server.clock.advance(MINUTE);
    const res = await server.call('PATCH', `/pats/${created.id}/name`, { token: alice, body: { name: 'new-name' } });
    assert.equal(res.status, 202);
    assertPatShape(res.body, false);
    assert.equal(res.body.id, created.id);
    assert.equal(res.body.name, 'new-name');
    assert.equal(ms(res.body.updated_at), server.clock.ms);
    const again = await server.call('GET', `/pats/${created.id}`, { token: alice });
    assert.equal(again.body.name, 'new-name');
  });

  it('PATCH /pats/{id}/description answers 202 with the PAT and no secret; "" clears it', async () => {
    const created = await createPat(server, alice, { name: 'describe-me', description: 'first' });
    const res = await server.call('PATCH', `/pats/${created.id}/description`, { token: alice, body: { description: 'second' } });
    assert.equal(res.status, 202);
    assertPatShape(res.body, false);
    assert.equal(res.body.description, 'second');
    const cleared = await server.call('PATCH', `/pats/${created.id}/description`, { token: alice, body: { description: '' } });
    assert.equal(cleared.status, 202);
    assertPatShape(cleared.body, false);
    assert.equal(cleared.body.description, '');
    const again = await server.call('GET', `/pats/${created.id}`, { token: alice });
    assert.equal(again.body.description, '');
  });

  it('PATCH /pats/{id}/secret/revoke answers 204 and the PAT is revoked', async () => {
    const created = await createPat(server, alice, { name: 'revoke-me' });
    server.clock.advance(MINUTE);
    const res = await server.call('PATCH', `/pats/${created.id}/secret/revoke`, { token: alice });
    assert.equal(res.status, 204);
    assert.equal(res.body, '');
    const pat = (await server.call('GET', `/pats/${created.id}`, { token: alice })).body;
    assertPatShape(pat, false);
    assert.equal(pat.status, 'revoked');
    assert.equal(pat.revoked, true);
    assert.equal(ms(pat.revoked_at), server.clock.ms);
    const revoked = await list(server, alice, `?status=revoked&id=${created.id}`);
    assert.deepEqual(names(revoked), ['revoke-me']);
  });

  it('PATCH /pats/{id}/secret/reset answers 200 with a new secret and keeps name, description and scopes', async () => {
    const created = await createPat(server, alice, {
      name: 'regen-me',
      description: 'keep me',
      duration: '1h',
      scopes: [scope('clients', 'read', '*')],
    });
    await server.call('PATCH', `/pats/${created.id}/secret/revoke`, { token: alice });
    server.clock.advance(2 * HOUR);
    const res = await server.call('PATCH', `/pats/${created.id}/secret/reset`, { token: alice, body: { duration: '7d' } });
    assert.equal(res.status, 200);
    assertPatShape(res.body, true);
    assert.notEqual(res.body.secret, created.secret);
    assert.equal(res.body.id, created.id);
    assert.equal(res.body.name, 'regen-me');
    assert.equal(res.body.description, 'keep me');
    assert.equal(res.body.scopes_count, 1);
    assert.equal(res.body.status, 'active');
    assert.equal(res.body.revoked, false);
    assert.equal(res.body.revoked_at, null);
    assert.equal(ms(res.body.expires_at), server.clock.ms + 7 * DAY);

    const request = { entity_type: 'clients', operation: 'read', entity_id: 'c1' };
    const fresh = await server.call('POST', '/authorize', { token: res.body.secret, body: request });
    assert.equal(fresh.status, 200);
    const stale = await server.call('POST', '/authorize', { token: created.secret, body: request });
    assert.equal(stale.status, 401);

    const got = await server.call('GET', `/pats/${created.id}`, { token: alice });
    assertPatShape(got.body, false);
  });

  it('DELETE /pats/{id} answers 204 and the PAT and its scopes are gone', async () => {
    const created = await createPat(server, alice, { name: 'delete-me', scopes: [scope('clients', 'read', '*')] });
    const keep = await createPat(server, alice, { name: 'keep-me' });
    const res = await server.call('DELETE', `/pats/${created.id}`, { token: alice });
    assert.equal(res.status, 204);
    assert.equal(res.body, '');
    assert.equal((await server.call('GET', `/pats/${created.id}`, { token: alice })).status, 404);
    assert.equal((await server.call('GET', `/pats/${created.id}/scope`, { token: alice })).status, 404);
    assert.equal((await server.call('GET', `/pats/${keep.id}`, { token: alice })).status, 200);
    const all = await list(server, alice, '?status=all&limit=100');
    assert.ok(!all.body.pats.some((pat: any) => pat.id === created.id));
    const authorize = await server.call('POST', '/authorize', {
      token: created.secret,
      body: { entity_type: 'clients', operation: 'read', entity_id: 'c1' },
    });
    assert.equal(authorize.status, 401);
  });
});

describe('created_at, issued_at and the last use, across rename, revoke and regenerate', () => {
  let server: TestServer;
  let alice: string;
  before(async () => {
    server = await startServer();
    alice = await server.tokenFor('alice');
  });
  after(() => server.close());

  const request = { entity_type: 'clients', operation: 'read', entity_id: 'c1' };

  async function shown(id: string): Promise<any> {
    await server.app.locals.patKit.flush();
    const res = await server.call('GET', `/pats/${id}`, { token: alice });
    assert.equal(res.status, 200);
    assertPatShape(res.body, false);
    return res.body;
  }

  it('created_at is when the PAT was made and never moves; issued_at moves with each new secret', async () => {
    const made = server.clock.ms;
    const created = await createPat(server, alice, { name: 'lifelong', duration: '1d' });
    assert.equal(ms(created.created_at), made);
    assert.equal(created.created_at, created.issued_at);

    server.clock.advance(HOUR);
    const renamed = await server.call('PATCH', `/pats/${created.id}/name`, { token: alice, body: { name: 'lifelong 2' } });
    assert.deepEqual([ms(renamed.body.created_at), ms(renamed.body.issued_at)], [made, made]);
    const described = await server.call('PATCH', `/pats/${created.id}/description`, { token: alice, body: { description: 'x' } });
    assert.equal(ms(described.body.created_at), made);
    await server.call('PATCH', `/pats/${created.id}/secret/revoke`, { token: alice });
    assert.equal(ms((await shown(created.id)).created_at), made);

    server.clock.advance(2 * DAY);
    const first = await server.call('PATCH', `/pats/${created.id}/secret/reset`, { token: alice, body: { duration: '7d' } });
    assert.equal(first.status, 200);
    assertPatShape(first.body, true);
    assert.deepEqual([ms(first.body.created_at), ms(first.body.issued_at)], [made, server.clock.ms]);

    server.clock.advance(DAY);
    const second = await server.call('PATCH', `/pats/${created.id}/secret/reset`, { token: alice, body: { duration: '7d' } });
    assert.deepEqual([ms(second.body.created_at), ms(second.body.issued_at)], [made, server.clock.ms]);
    const again = await shown(created.id);
    assert.deepEqual([ms(again.created_at), again.issued_at], [made, second.body.issued_at]);
    const listed = await list(server, alice, `?status=all&id=${created.id}`);
    assert.equal(ms(listed.body.pats[0].created_at), made);
  });

  it('regenerate clears last_used_at and last_used_ip (they were the old secret’s); the new secret’s first use sets them', async () => {
    const created = await createPat(server, alice, { name: 'used then regenerated', scopes: [scope('clients', 'read', '*')] });
    server.clock.advance(MINUTE);
    assert.equal((await server.call('POST', '/authorize', { token: created.secret, body: request })).status, 200);
    const used = await shown(created.id);
    assert.equal(ms(used.last_used_at), server.clock.ms);
    assert.equal(typeof used.last_used_ip, 'string');

    // Within the minute in which the old use would keep the new one from being written.
    server.clock.advance(10_000);
    const reset = await server.call('PATCH', `/pats/${created.id}/secret/reset`, { token: alice, body: { duration: '30d' } });
    assert.equal(reset.status, 200);
    assert.deepEqual([reset.body.last_used_at, reset.body.last_used_ip], [null, null]);
    assert.deepEqual([(await shown(created.id)).last_used_at, (await shown(created.id)).last_used_ip], [null, null]);
    const sorted = await list(server, alice, `?status=all&sort=last_used_at&id=${created.id}`);
    assert.equal(sorted.body.pats[0].last_used_at, null);

    server.clock.advance(10_000);
    assert.equal((await server.call('POST', '/authorize', { token: created.secret, body: request })).status, 401);
    assert.equal((await shown(created.id)).last_used_at, null, 'the old secret is refused and not recorded');
    assert.equal((await server.call('POST', '/authorize', { token: reset.body.secret, body: request })).status, 200);
    const fresh = await shown(created.id);
    assert.equal(ms(fresh.last_used_at), server.clock.ms);
    assert.equal(typeof fresh.last_used_ip, 'string');
  });

  it('rename, describe and revoke keep the last use', async () => {
    const created = await createPat(server, alice, { name: 'kept use', scopes: [scope('clients', 'read', '*')] });
    assert.equal((await server.call('POST', '/authorize', { token: created.secret, body: request })).status, 200);
    const used = await shown(created.id);
    assert.notEqual(used.last_used_at, null);
    await server.call('PATCH', `/pats/${created.id}/name`, { token: alice, body: { name: 'kept use 2' } });
    await server.call('PATCH', `/pats/${created.id}/description`, { token: alice, body: { description: 'still used' } });
    await server.call('PATCH', `/pats/${created.id}/secret/revoke`, { token: alice });
    const after = await shown(created.id);
    assert.deepEqual([after.last_used_at, after.last_used_ip], [used.last_used_at, used.last_used_ip]);
  });
});

describe('DELETE /pats', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(() => server.close());

  it("answers 200 {deleted: n} and deletes only the caller's PATs", async () => {
    const alice = await server.tokenFor('alice');
    const bob = await server.tokenFor('bob');
    await createPat(server, alice, { name: 'a1' });
    const revoked = await createPat(server, alice, { name: 'a2', duration: '1h' });
    await server.call('PATCH', `/pats/${revoked.id}/secret/revoke`, { token: alice });
    await createPat(server, alice, { name: 'a3', duration: '1h' });
    server.clock.advance(2 * HOUR); // a3 expired, a2 revoked: every status goes
    const bobs = await createPat(server, bob, { name: 'b1' });

    const res = await server.call('DELETE', '/pats', { token: alice });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { deleted: 3 });
    assert.equal((await list(server, alice, '?status=all')).body.total, 0);
    assert.equal((await server.call('GET', `/pats/${bobs.id}`, { token: bob })).status, 200);

    const again = await server.call('DELETE', '/pats', { token: alice });
    assert.equal(again.status, 200);
    assert.deepEqual(again.body, { deleted: 0 });
  });
});

describe('GET /pats: shape, owner, name and id filters', () => {
  let server: TestServer;
  let alice: string;
  let bob: string;
  const ids: Record<string, string> = {};
  before(async () => {
    server = await startServer();
    alice = await server.tokenFor('alice');
    bob = await server.tokenFor('bob');
    for (const name of ['100% done', '100 percent', 'a_b', 'axb', 'Deploy-PROD', 'deploy-staging', 'back\\slash', 'backslash']) {
      ids[name] = (await createPat(server, alice, { name })).id;
      server.clock.advance(MINUTE);
    }
    await createPat(server, bob, { name: 'bob deploy' });
  });
  after(() => server.close());

  it('answers {total, offset, limit, pats} with defaults offset 0 and limit 10, PATs without secrets', async () => {
    const res = await list(server, alice);
    assert.deepEqual(Object.keys(res.body).sort(), ['limit', 'offset', 'pats', 'total']);
    assert.equal(res.body.total, 8);
    assert.equal(res.body.offset, 0);
    assert.equal(res.body.limit, 10);
    assert.equal(res.body.pats.length, 8);
    for (const pat of res.body.pats) {
      assertPatShape(pat, false);
      assert.equal(pat.user_id, 'alice');
    }
  });

  it("lists only the caller's PATs", async () => {
    const res = await list(server, bob, '?status=all');
    assert.equal(res.body.total, 1);
    assert.deepEqual(names(res), ['bob deploy']);
  });

  it('filters by name substring, case-insensitively', async () => {
    const res = await list(server, alice, '?name=DEPLOY');
    assert.equal(res.body.total, 2);
    assert.deepEqual(names(res).sort(), ['Deploy-PROD', 'deploy-staging']);
    const prod = await list(server, alice, '?name=prod');
    assert.deepEqual(names(prod), ['Deploy-PROD']);
    const middle = await list(server, alice, '?name=oy-st');
    assert.deepEqual(names(middle), ['deploy-staging']);
    const none = await list(server, alice, '?name=nothing-like-this');
    assert.equal(none.body.total, 0);
    assert.deepEqual(none.body.pats, []);
  });

  it('takes % literally in the name filter', async () => {
    const res = await list(server, alice, `?name=${encodeURIComponent('%')}`);
    assert.deepEqual(names(res), ['100% done']);
    assert.equal(res.body.total, 1);
    const both = await list(server, alice, `?name=${encodeURIComponent('100%')}`);
    assert.deepEqual(names(both), ['100% done']);
  });

  it('takes _ literally in the name filter', async () => {
    const res = await list(server, alice, '?name=_');
    assert.deepEqual(names(res), ['a_b']);
    const pattern = await list(server, alice, '?name=a_b');
    assert.deepEqual(names(pattern), ['a_b']);
    assert.equal(pattern.body.total, 1);
  });

  it('takes a backslash literally in the name filter', async () => {
    const res = await list(server, alice, `?name=${encodeURIComponent('k\\s')}`);
    assert.deepEqual(names(res), ['back\\slash']);
  });

  it('filters by id', async () => {
    const res = await list(server, alice, `?id=${ids['axb']}`);
    assert.equal(res.body.total, 1);
    assert.deepEqual(names(res), ['axb']);
    assert.equal(res.body.pats[0].id, ids['axb']);
    const foreign = await list(server, bob, `?id=${ids['axb']}&status=all`);
    assert.equal(foreign.body.total, 0);
  });
});

describe('GET /pats: name filter beyond ASCII', () => {
  let server: TestServer;
  let alice: string;
  before(async () => {
    server = await startServer();
    alice = await server.tokenFor('alice');
    for (const name of ['Über Token', 'ÉTÉ deploy', 'plain ascii']) await createPat(server, alice, { name });
  });
  after(() => server.close());

  it('finds a name by an exact substring holding capital non-ASCII letters', async () => {
    assert.deepEqual(names(await list(server, alice, `?name=${encodeURIComponent('Über')}`)), ['Über Token']);
    assert.deepEqual(names(await list(server, alice, `?name=${encodeURIComponent('ÉTÉ deploy')}`)), ['ÉTÉ deploy']);
  });

  it('matches non-ASCII letters case-insensitively', async () => {
    assert.deepEqual(names(await list(server, alice, `?name=${encodeURIComponent('über')}`)), ['Über Token']);
    assert.deepEqual(names(await list(server, alice, `?name=${encodeURIComponent('été')}`)), ['ÉTÉ deploy']);
  });
});

describe('GET /pats: status filter', () => {
  let server: TestServer;
  let alice: string;
  before(async () => {
    server = await startServer();
    alice = await server.tokenFor('alice');
    await createPat(server, alice, { name: 'active', duration: '30d' });
    const revoked = await createPat(server, alice, { name: 'revoked', duration: '30d' });
    await createPat(server, alice, { name: 'expired', duration: '1h' });
    const both = await createPat(server, alice, { name: 'revoked-and-expired', duration: '1h' });
    await server.call('PATCH', `/pats/${revoked.id}/secret/revoke`, { token: alice });
    await server.call('PATCH', `/pats/${both.id}/secret/revoke`, { token: alice });
    // Exactly at expires_at: expired (expires_at <= now).
    server.clock.advance(HOUR);
  });
  after(() => server.close());

  it('lists active PATs by default', async () => {
    const res = await list(server, alice);
    assert.deepEqual(names(res), ['active']);
    assert.equal(res.body.total, 1);
    assert.equal(res.body.pats[0].status, 'active');
  });

  it('status=active', async () => {
    const res = await list(server, alice, '?status=active');
    assert.deepEqual(names(res), ['active']);
  });

  it('status=revoked, revoked winning over expired', async () => {
    const res = await list(server, alice, '?status=revoked');
    assert.equal(res.body.total, 2);
    assert.deepEqual(names(res).sort(), ['revoked', 'revoked-and-expired']);
    for (const pat of res.body.pats) assert.equal(pat.status, 'revoked');
  });

  it('status=expired follows the clock', async () => {
    const res = await list(server, alice, '?status=expired');
    assert.equal(res.body.total, 1);
    assert.deepEqual(names(res), ['expired']);
    assert.equal(res.body.pats[0].status, 'expired');
  });

  it('status=expiring: the active PATs that expire within the week, and the same count as the summary', async () => {
    assert.equal((await list(server, alice, '?status=expiring')).body.total, 0, 'nothing expires within the week yet');
    // 30 days, less 24 days: "active" now expires in 6 days.
    server.clock.advance(24 * DAY - HOUR);
    try {
      const res = await list(server, alice, '?status=expiring&sort=expires_at&dir=asc');
      assert.deepEqual([res.body.total, names(res), res.body.pats[0].status], [1, ['active'], 'active']);
      const summary = await server.call('GET', '/pats/summary', { token: alice });
      assert.equal(summary.body.expiring_soon, res.body.total);
      // A search within it counts its matches only.
      assert.equal((await list(server, alice, '?status=expiring&name=zzz')).body.total, 0);
    } finally {
      server.clock.advance(-(24 * DAY - HOUR));
    }
  });

  it('status=all', async () => {
    const res = await list(server, alice, '?status=all');
    assert.equal(res.body.total, 4);
    const statuses = Object.fromEntries(res.body.pats.map((pat: any) => [pat.name, pat.status]));
    assert.deepEqual(statuses, {
      active: 'active',
      revoked: 'revoked',
      expired: 'expired',
      'revoked-and-expired': 'revoked',
    });
  });

  it('an active PAT becomes expired when the clock passes its expiry', async () => {
    server.clock.advance(31 * DAY);
    try {
      assert.equal((await list(server, alice)).body.total, 0);
      assert.deepEqual(names(await list(server, alice, '?status=expired')).sort(), ['active', 'expired']);
    } finally {
      server.clock.advance(-31 * DAY);
    }
  });
});

describe('GET /pats: expiring soon is for PATs made to live longer than the week', () => {
  let server: TestServer;
  let alice: string;
  const ids: Record<string, string> = {};
  before(async () => {
    server = await startServer();
    alice = await server.tokenFor('alice');
    for (const [name, duration] of [
      ['a week', '7d'],
      ['a week and a ms', '7d1ms'],
      ['a day', '1d'],
      ['a month', '30d'],
      ['regenerated', '30d'],
      ['revoked month', '30d'],
    ] as const)
      ids[name] = (await createPat(server, alice, { name, duration })).id;
    await server.call('PATCH', `/pats/${ids['revoked month']}/secret/revoke`, { token: alice });
  });
  after(() => server.close());

  /**
   * The expiring list (by name), checked against all else that says "expiring soon": its total,
   * the summary's count, the same filter sorted otherwise and with a search (other SQL on
   * SQLite), beside another status, and the contract's `isExpiringSoon` (the badge) on every PAT.
   */
  async function expiring(): Promise<string[]> {
    const res = await list(server, alice, '?status=expiring&sort=name&dir=asc&limit=100');
    const listed = names(res);
    assert.equal(res.body.total, listed.length, 'the total is what the list holds');
    const summary = (await server.call('GET', '/pats/summary', { token: alice })).body;
    assert.equal(summary.expiring_soon, listed.length, 'the summary counts what the filter lists');
    for (const query of ['sort=expires_at&dir=asc', 'sort=issued_at', 'sort=last_used_at', 'name=a&sort=name&dir=asc', 'name=month']) {
      const other = await list(server, alice, `?status=expiring&${query}&limit=100`);
      const want = query.startsWith('name=') ? listed.filter((name) => name.includes(query.slice(5).split('&')[0]!)) : listed;
      assert.deepEqual([other.body.total, names(other).sort()], [want.length, [...want].sort()], query);
    }
    const union = await list(server, alice, '?status=expiring,revoked&limit=100');
    assert.deepEqual(names(union).sort(), [...listed, 'revoked month'].sort(), 'expiring,revoked');
    assert.equal(union.body.total, summary.expiring_soon + summary.revoked);
    const all = (await list(server, alice, '?status=all&limit=100')).body.pats;
    const badged = all.filter((pat: any) => isExpiringSoon(pat, server.clock.now())).map((pat: any) => pat.name);
    assert.deepEqual(badged.sort(), listed, 'the contract (the badge) says the same');
    return listed;
  }

  it('a PAT just made is not expiring soon, whatever its lifetime', async () => {
    assert.deepEqual(await expiring(), []);
  });

  it('a lifetime of 7 days and 1 ms is expiring soon in its last 7 days; one of exactly 7 days never is', async () => {
    server.clock.advance(1);
    assert.deepEqual(await expiring(), ['a week and a ms']);
    server.clock.advance(6 * DAY);
    assert.deepEqual(await expiring(), ['a week and a ms']);
    const short = await list(server, alice, '?sort=name&dir=asc');
    assert.deepEqual(names(short), ['a month', 'a week', 'a week and a ms', 'regenerated'], 'a week is still active');
  });

  it('a 30-day PAT is expiring soon from 7 days before its end; revoked, it is not', async () => {
    server.clock.advance(17 * DAY); // 23 days and 1 ms after they were made
    assert.deepEqual(await expiring(), ['a month', 'regenerated']);
  });

  it('a regenerate moves issued_at: expiring soon is decided by the new lifetime', async () => {
    const reset = async (duration: string) => {
      const res = await server.call('PATCH', `/pats/${ids['regenerated']}/secret/reset`, { token: alice, body: { duration } });
      assert.equal(res.status, 200);
    };
    await reset('3d');
    assert.deepEqual(await expiring(), ['a month'], 'regenerated for 3 days: short-lived');
    await reset('8d');
    assert.deepEqual(await expiring(), ['a month'], 'regenerated for 8 days: 8 days left');
    server.clock.advance(DAY);
    assert.deepEqual(await expiring(), ['a month', 'regenerated'], 'a day later, 7 days of 8 left');
    await reset('7d');
    assert.deepEqual(await expiring(), ['a month'], 'regenerated for exactly 7 days: short-lived');
  });
});

describe('GET /pats: several statuses at once', () => {
  let server: TestServer;
  let alice: string;
  const ids: Record<string, string> = {};
  /** Each PAT's status once the clock is set: `expiring` for the active ones that expire within the week. */
  const STATUS: Record<string, 'active' | 'expiring' | 'revoked' | 'expired'> = {
    'active A': 'active',
    'active B': 'active',
    'expiring A': 'expiring',
    'expiring B': 'expiring',
    'revoked A': 'revoked',
    'revoked B': 'revoked',
    'revoked C': 'revoked',
    'expired A': 'expired',
    'expired B': 'expired',
  };
  // The clock then moves 24 days: "expiring soon" is for PATs made to live longer than the week.
  const DURATIONS: Record<string, string> = {
    'active A': '60d',
    'active B': '90d',
    'expiring A': '28d',
    'expiring B': '30d',
    'revoked A': '30d',
    'revoked B': '1h', // revoked and expired: revoked
    'revoked C': '3d',
    'expired A': '1h',
    'expired B': '2h',
  };

  before(async () => {
    server = await startServer();
    alice = await server.tokenFor('alice');
    for (const name of Object.keys(STATUS)) {
      ids[name] = (await createPat(server, alice, { name, duration: DURATIONS[name] })).id;
      if (STATUS[name] === 'revoked') await server.call('PATCH', `/pats/${ids[name]}/secret/revoke`, { token: alice });
      server.clock.advance(MINUTE);
    }
    server.clock.advance(24 * DAY);
  });
  after(() => server.close());

  /** The names the filters list, by the statuses above. */
  function expected(...filters: string[]): string[] {
    return Object.keys(STATUS)
      .filter((name) =>
        filters.some((filter) => filter === 'all' || STATUS[name] === filter || (filter === 'active' && STATUS[name] === 'expiring')),
      )
      .sort();
  }

  /** Every PAT the query lists, a page of `limit` at a time, and the total each page gave. */
  async function everyPage(query: string, limit = 2): Promise<{ names: string[]; totals: number[] }> {
    const seen: string[] = [];
    const totals: number[] = [];
    for (let offset = 0; ; offset += limit) {
      const res = await list(server, alice, `${query}&offset=${offset}&limit=${limit}`);
      totals.push(res.body.total);
      seen.push(...names(res));
      if (res.body.pats.length < limit) return { names: seen, totals };
    }
  }

  const cases: [query: string, filters: string[]][] = [
    ['revoked,expired', ['revoked', 'expired']],
    ['expired,revoked', ['revoked', 'expired']],
    ['active,revoked', ['active', 'revoked']],
    ['active,expired', ['active', 'expired']],
    ['expiring,revoked', ['expiring', 'revoked']],
    ['expiring,expired', ['expiring', 'expired']],
    ['expiring,revoked,expired', ['expiring', 'revoked', 'expired']],
    ['revoked,revoked', ['revoked']],
    ['expiring,active', ['active']],
    ['active,expiring,revoked', ['active', 'revoked']],
    ['expired,all', ['all']],
    ['active,revoked,expired', ['all']],
    ['expired,expired,revoked,revoked,active', ['all']],
  ];
  for (const [query, filters] of cases) {
    it(`status=${query} lists ${filters.join(' or ')}, its total the number of rows it lists`, async () => {
      const res = await list(server, alice, `?status=${query}&limit=100`);
      const want = expected(...filters);
      assert.deepEqual(names(res).sort(), want);
      assert.equal(res.body.total, want.length);
      for (const pat of res.body.pats) assertPatShape(pat, false);
      // Paged two at a time: the same rows, in the same order, each page with the same total.
      const paged = await everyPage(`?status=${query}`);
      assert.deepEqual(paged.names, names(res));
      assert.deepEqual(new Set(paged.totals), new Set([want.length]));
    });
  }

  it('the same page as the one status it amounts to: active,revoked,expired is all; expiring,active is active', async () => {
    const sameAs = async (query: string, single: string) =>
      assert.deepEqual(
        (await list(server, alice, `?status=${query}&limit=100`)).body,
        (await list(server, alice, `?status=${single}&limit=100`)).body,
      );
    await sameAs('active,revoked,expired', 'all');
    await sameAs('all,revoked', 'all');
    await sameAs('expiring,active', 'active');
    await sameAs('revoked,revoked,revoked', 'revoked');
  });

  it('the total of revoked,expired is the summary’s revoked and expired', async () => {
    const summary = (await server.call('GET', '/pats/summary', { token: alice })).body;
    assert.equal((await list(server, alice, '?status=revoked,expired&limit=1')).body.total, summary.revoked + summary.expired);
    assert.equal((await list(server, alice, '?status=expiring,revoked&limit=1')).body.total, summary.expiring_soon + summary.revoked);
  });

  it('sorts and pages across the union as one list', async () => {
    const want = expected('revoked', 'expired');
    for (const dir of ['asc', 'desc'] as const) {
      const pages: string[] = [];
      for (let offset = 0; offset < want.length; offset++) {
        const res = await list(server, alice, `?status=revoked,expired&sort=name&dir=${dir}&offset=${offset}&limit=1`);
        assert.equal(res.body.total, want.length);
        pages.push(...names(res));
      }
      assert.deepEqual(pages, dir === 'asc' ? want : [...want].reverse());
    }
    // Newest first by default: the order they were made in, reversed.
    const newest = await list(server, alice, '?status=revoked,expired');
    assert.deepEqual(names(newest), ['expired B', 'expired A', 'revoked C', 'revoked B', 'revoked A']);
    const byExpiry = await list(server, alice, '?status=expiring,expired&sort=expires_at&dir=asc');
    assert.deepEqual(names(byExpiry), ['expired A', 'expired B', 'expiring A', 'expiring B']);
    const past = await list(server, alice, '?status=revoked,expired&offset=50');
    assert.deepEqual([past.body.total, past.body.pats], [want.length, []]);
  });

  it('with a name search or an id, the total counts the matches', async () => {
    const named = await list(server, alice, '?status=revoked,expired&name=b');
    assert.deepEqual(names(named).sort(), ['expired B', 'revoked B']);
    assert.equal(named.body.total, 2);
    const paged = await everyPage('?status=revoked,expired&name=b', 1);
    assert.deepEqual(new Set(paged.totals), new Set([2]));
    assert.deepEqual(paged.names.sort(), ['expired B', 'revoked B']);
    const none = await list(server, alice, '?status=revoked,expired&name=zzz');
    assert.deepEqual([none.body.total, none.body.pats], [0, []]);
    const byId = await list(server, alice, `?status=revoked,expired&id=${ids['expired A']}`);
    assert.deepEqual([byId.body.total, names(byId)], [1, ['expired A']]);
    const notThere = await list(server, alice, `?status=revoked,expired&id=${ids['active A']}`);
    assert.deepEqual([notThere.body.total, notThere.body.pats], [0, []]);
  });

  it('a user without PATs gets an empty page and a total of 0', async () => {
    const bob = await server.tokenFor('bob');
    for (const query of ['revoked,expired', 'active,expired', 'expiring,revoked,expired']) {
      const res = await list(server, bob, `?status=${query}`);
      assert.deepEqual([res.body.total, res.body.pats], [0, []]);
    }
  });

  it('follows the clock: an expiring PAT moves to expired', async () => {
    server.clock.advance(6 * DAY);
    try {
      const res = await list(server, alice, '?status=revoked,expired&limit=100');
      assert.deepEqual(names(res).sort(), [...expected('revoked', 'expired'), 'expiring A', 'expiring B'].sort());
      assert.equal(res.body.total, 7);
    } finally {
      server.clock.advance(-6 * DAY);
    }
  });

  for (const query of [
    'revoked,',
    ',expired',
    'revoked,,expired',
    ',',
    'revoked,bogus',
    'Revoked,expired',
    'revoked, expired',
    'active,revoked,expired,expiring,all,active',
    'revoked&status=expired',
  ]) {
    it(`status=${query} is a 400 naming status`, async () => {
      const res = await server.call('GET', `/pats?status=${query}`, { token: alice });
      assert.equal(res.status, 400);
      assert.equal(res.body.error, 'validation_failed');
      assert.deepEqual(
        res.body.details.map((detail: any) => detail.field),
        ['status'],
      );
      assert.equal(typeof res.body.details[0].message, 'string');
    });
  }

  it('five items, each a known status, are accepted', async () => {
    const res = await list(server, alice, '?status=revoked,expired,revoked,expired,revoked&limit=100');
    assert.equal(res.body.total, expected('revoked', 'expired').length);
  });
});

describe('GET /pats: sorting', () => {
  let server: TestServer;
  let alice: string;
  before(async () => {
    server = await startServer();
    alice = await server.tokenFor('alice');
    const scopes = [scope('clients', 'read', '*')];
    // issued: bravo < alpha < delta < charlie; expires: alpha < delta < bravo < charlie
    const bravo = await createPat(server, alice, { name: 'bravo', duration: '30d', scopes });
    server.clock.advance(MINUTE);
    const alpha = await createPat(server, alice, { name: 'alpha', duration: '10d', scopes });
    server.clock.advance(MINUTE);
    await createPat(server, alice, { name: 'delta', duration: '20d', scopes });
    server.clock.advance(MINUTE);
    const charlie = await createPat(server, alice, { name: 'charlie', duration: '40d', scopes });
    // last used: charlie < bravo < alpha; delta never
    for (const pat of [charlie, bravo, alpha]) {
      server.clock.advance(5 * MINUTE);
      const res = await server.call('POST', '/authorize', {
        token: pat.secret,
        body: { entity_type: 'clients', operation: 'read', entity_id: 'c1' },
      });
      assert.equal(res.status, 200);
    }
  });
  after(() => server.close());

  it('sorts by issued_at descending by default', async () => {
    assert.deepEqual(names(await list(server, alice)), ['charlie', 'delta', 'alpha', 'bravo']);
  });

  const orders: Record<string, string[]> = {
    issued_at: ['bravo', 'alpha', 'delta', 'charlie'],
    expires_at: ['alpha', 'delta', 'bravo', 'charlie'],
    name: ['alpha', 'bravo', 'charlie', 'delta'],
  };
  for (const [key, ascending] of Object.entries(orders)) {
    it(`sort=${key}&dir=asc`, async () => {
      assert.deepEqual(names(await list(server, alice, `?sort=${key}&dir=asc`)), ascending);
    });
    it(`sort=${key}&dir=desc`, async () => {
      assert.deepEqual(names(await list(server, alice, `?sort=${key}&dir=desc`)), [...ascending].reverse());
    });
    it(`sort=${key} defaults to descending`, async () => {
      assert.deepEqual(names(await list(server, alice, `?sort=${key}`)), [...ascending].reverse());
    });
  }

  for (const dir of ['asc', 'desc'] as const) {
    it(`sort=last_used_at&dir=${dir}`, async () => {
      const res = await list(server, alice, `?sort=last_used_at&dir=${dir}`);
      assert.equal(res.body.total, 4);
      const used = res.body.pats.filter((pat: any) => pat.last_used_at !== null);
      const expected = dir === 'asc' ? ['charlie', 'bravo', 'alpha'] : ['alpha', 'bravo', 'charlie'];
      assert.deepEqual(
        used.map((pat: any) => pat.name),
        expected,
      );
      // The never-used PAT is not mixed in among the used ones.
      const never = names(res).indexOf('delta');
      assert.ok(never === 0 || never === 3, `never-used PAT at position ${never}`);
    });
  }

  it('last_used_at and last_used_ip are written by authorize', async () => {
    const res = await list(server, alice, '?name=alpha');
    const pat = res.body.pats[0];
    assert.match(pat.last_used_at, ISO_UTC);
    assert.equal(typeof pat.last_used_ip, 'string');
  });
});

describe('GET /pats: pagination', () => {
  let server: TestServer;
  let alice: string;
  let all: string[];
  before(async () => {
    server = await startServer();
    alice = await server.tokenFor('alice');
    for (let i = 0; i < 101; i++) {
      await createPat(server, alice, { name: `pat-${String(i).padStart(3, '0')}` });
      server.clock.advance(1000);
    }
    // Newest first.
    all = Array.from({ length: 101 }, (_, i) => `pat-${String(100 - i).padStart(3, '0')}`);
  });
  after(() => server.close());

  it('limit defaults to 10', async () => {
    const res = await list(server, alice);
    assert.equal(res.body.total, 101);
    assert.equal(res.body.limit, 10);
    assert.equal(res.body.offset, 0);
    assert.deepEqual(names(res), all.slice(0, 10));
  });

  it('offset and limit select a page; total counts every match', async () => {
    const res = await list(server, alice, '?offset=3&limit=4');
    assert.equal(res.body.total, 101);
    assert.equal(res.body.offset, 3);
    assert.equal(res.body.limit, 4);
    assert.deepEqual(names(res), all.slice(3, 7));
  });

  it('the last page is short', async () => {
    const res = await list(server, alice, '?offset=95&limit=10');
    assert.equal(res.body.total, 101);
    assert.deepEqual(names(res), all.slice(95));
  });

  it('an offset past the end gives an empty page with the total', async () => {
    const res = await list(server, alice, '?offset=500');
    assert.equal(res.body.total, 101);
    assert.deepEqual(res.body.pats, []);
  });

  it('limit=100 (the maximum) gives 100 of 101', async () => {
    const res = await list(server, alice, '?limit=100');
    assert.equal(res.body.total, 101);
    assert.equal(res.body.limit, 100);
    assert.deepEqual(names(res), all.slice(0, 100));
  });

  it('the total follows the filters', async () => {
    const res = await list(server, alice, '?name=pat-09&limit=3');
    assert.equal(res.body.total, 10);
    assert.deepEqual(names(res), ['pat-099', 'pat-098', 'pat-097']);
  });

  it('pages do not overlap and cover every PAT', async () => {
    const seen: string[] = [];
    for (let offset = 0; offset < 101; offset += 7) seen.push(...names(await list(server, alice, `?offset=${offset}&limit=7`)));
    assert.deepEqual(seen, all);
  });
});

describe('GET /pats/summary', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(() => server.close());

  it('counts active, expiring soon (7 days, of PATs made to live longer), revoked, expired and total', async () => {
    const alice = await server.tokenFor('alice');
    const bob = await server.tokenFor('bob');
    const empty = await server.call('GET', '/pats/summary', { token: alice });
    assert.equal(empty.status, 200);
    assert.deepEqual(empty.body, { active: 0, expiring_soon: 0, revoked: 0, expired: 0, total: 0 });

    await createPat(server, alice, { name: 'long', duration: '30d' });
    await createPat(server, alice, { name: 'eight-days', duration: '8d' });
    await createPat(server, alice, { name: 'seven-days', duration: '7d' });
    await createPat(server, alice, { name: 'three-days', duration: '3d' });
    await createPat(server, alice, { name: 'expires', duration: '1h' });
    const revoked = await createPat(server, alice, { name: 'revoked', duration: '3d' });
    const revokedExpired = await createPat(server, alice, { name: 'revoked-expired', duration: '1h' });
    await server.call('PATCH', `/pats/${revoked.id}/secret/revoke`, { token: alice });
    await server.call('PATCH', `/pats/${revokedExpired.id}/secret/revoke`, { token: alice });
    await createPat(server, bob, { name: 'bobs', duration: '1d' });
    server.clock.advance(2 * HOUR);
    // Now: long 29d22h, eight-days 7d22h (not soon yet); seven-days 6d22h and three-days are
    // short-lived (made to live a week or less): never expiring soon.

    const res = await server.call('GET', '/pats/summary', { token: alice });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { active: 4, expiring_soon: 0, revoked: 2, expired: 1, total: 7 });
    for (const value of Object.values(res.body)) assert.equal(typeof value, 'number');

    // A day later: eight-days has 6d22h left of its 8 days (soon); three-days 1d22h, still not.
    server.clock.advance(DAY);
    const later = await server.call('GET', '/pats/summary', { token: alice });
    assert.deepEqual(later.body, { active: 4, expiring_soon: 1, revoked: 2, expired: 1, total: 7 });
    assert.deepEqual(names(await list(server, alice, '?status=expiring')), ['eight-days']);
  });
});

describe('GET /pats/catalog', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(() => server.close());

  it('answers {entity_types: [{type, label, operations}], durations, max_lifetime} with the default catalog', async () => {
    const res = await server.call('GET', '/pats/catalog', { token: await server.tokenFor('alice') });
    assert.equal(res.status, 200);
    assert.deepEqual(Object.keys(res.body).sort(), ['durations', 'entity_types', 'max_idle', 'max_lifetime']);
    assert.equal(res.body.max_idle, null, 'no idle limit unless the server sets one');
    for (const entry of res.body.entity_types) {
      assert.deepEqual(Object.keys(entry).sort(), ['label', 'operations', 'type']);
      assert.equal(typeof entry.type, 'string');
      assert.equal(typeof entry.label, 'string');
      assert.ok(entry.label.length > 0);
      assert.ok(Array.isArray(entry.operations));
    }
    const managed = ['create', 'read', 'list', 'update', 'delete', 'share', 'unshare'];
    const byType = Object.fromEntries(res.body.entity_types.map((entry: any) => [entry.type, [...entry.operations].sort()]));
    assert.deepEqual(byType, {
      clients: [...managed].sort(),
      channels: [...managed].sort(),
      groups: [...managed].sort(),
      dashboards: [...managed].sort(),
      domains: managed.filter((op) => op !== 'create').sort(),
      users: ['delete', 'list', 'read', 'update'],
      messages: ['publish', 'subscribe'],
    });
    assert.ok(Array.isArray(res.body.durations) && res.body.durations.length > 0);
    for (const preset of res.body.durations) {
      assert.deepEqual(Object.keys(preset).sort(), ['label', 'value']);
      assert.equal(typeof preset.value, 'string');
      assert.equal(typeof preset.label, 'string');
    }
    assert.equal(typeof res.body.max_lifetime, 'string');
    assert.ok(['1y', '365d', '8760h'].includes(res.body.max_lifetime), `max_lifetime ${res.body.max_lifetime}`);
  });

  it('every duration preset is accepted by create', async () => {
    const alice = await server.tokenFor('alice');
    const catalog = (await server.call('GET', '/pats/catalog', { token: alice })).body;
    for (const preset of catalog.durations) {
      const res = await server.call('POST', '/pats', { token: alice, body: { name: `preset ${preset.value}`, duration: preset.value } });
      assert.equal(res.status, 201, `preset ${preset.value}: ${JSON.stringify(res.body)}`);
    }
    const max = await server.call('POST', '/pats', { token: alice, body: { name: 'max', duration: catalog.max_lifetime } });
    assert.equal(max.status, 201);
  });
});

describe('scopes', () => {
  let server: TestServer;
  let alice: string;
  before(async () => {
    server = await startServer();
    alice = await server.tokenFor('alice');
  });
  after(() => server.close());

  async function addScopes(patId: string, scopes: ScopeIn[]): Promise<any[]> {
    const res = await server.call('PATCH', `/pats/${patId}/scope/add`, { token: alice, body: { scopes } });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(Object.keys(res.body), ['scopes']);
    for (const s of res.body.scopes) assertScopeShape(s, patId);
    return res.body.scopes;
  }

  async function scopesCount(patId: string): Promise<number> {
    return (await server.call('GET', `/pats/${patId}`, { token: alice })).body.scopes_count;
  }

  it('GET /pats/{id}/scope answers {total, offset, limit, scopes} with pagination', async () => {
    const pat = await createPat(server, alice, { name: 'paged scopes' });
    const fifteen = Array.from({ length: 15 }, (_, i) => scope('clients', 'read', `c${String(i).padStart(2, '0')}`));
    await addScopes(pat.id, fifteen);

    const first = await server.call('GET', `/pats/${pat.id}/scope`, { token: alice });
    assert.equal(first.status, 200);
    assert.deepEqual(Object.keys(first.body).sort(), ['limit', 'offset', 'scopes', 'total']);
    assert.equal(first.body.total, 15);
    assert.equal(first.body.offset, 0);
    assert.equal(first.body.limit, 10);
    assert.equal(first.body.scopes.length, 10);
    for (const s of first.body.scopes) assertScopeShape(s, pat.id);

    const page = await server.call('GET', `/pats/${pat.id}/scope?offset=10&limit=3`, { token: alice });
    assert.equal(page.status, 200);
    assert.equal(page.body.total, 15);
    assert.equal(page.body.offset, 10);
    assert.equal(page.body.limit, 3);
    assert.equal(page.body.scopes.length, 3);

    const rest = await server.call('GET', `/pats/${pat.id}/scope?offset=13&limit=100`, { token: alice });
    assert.equal(rest.body.scopes.length, 2);
    const seen = [...first.body.scopes, ...page.body.scopes, ...rest.body.scopes].map((s: any) => s.id);
    assert.equal(new Set(seen).size, 15, 'pages must not overlap');
    assert.deepEqual(keys([...first.body.scopes, ...page.body.scopes, ...rest.body.scopes]), keys(fifteen));
  });

  it('PATCH /pats/{id}/scope/add answers 200 with all the scopes and updates scopes_count', async () => {
    const pat = await createPat(server, alice, { name: 'add scopes', scopes: [scope('clients', 'read', 'c1')] });
    const scopes = await addScopes(pat.id, [scope('channels', 'update', 'ch1', 'd1'), scope('messages', 'subscribe', 'ch1')]);
    assert.deepEqual(
      keys(scopes),
      keys([scope('clients', 'read', 'c1'), scope('channels', 'update', 'ch1', 'd1'), scope('messages', 'subscribe', 'ch1')]),
    );
    const withDomain = scopes.find((s) => s.entity_type === 'channels');
    assert.equal(withDomain.domain_id, 'd1');
    const withoutDomain = scopes.find((s) => s.entity_type === 'messages');
    assert.equal(withoutDomain.domain_id, null);
    assert.equal(await scopesCount(pat.id), 3);
  });

  it('adding an existing scope is a no-op', async () => {
    const pat = await createPat(server, alice, { name: 'duplicates' });
    const before = await addScopes(pat.id, [scope('clients', 'read', 'c1'), scope('clients', 'read', 'c2', 'd1')]);
    const after = await addScopes(pat.id, [scope('clients', 'read', 'c1'), scope('clients', 'read', 'c2', 'd1')]);
    assert.deepEqual(after.map((s) => s.id).sort(), before.map((s) => s.id).sort());
    assert.equal(after.length, 2);
    // The same scope twice in one call is stored once.
    const twice = await addScopes(pat.id, [scope('groups', 'list', '*'), scope('groups', 'list', '*')]);
    assert.equal(twice.length, 3);
    assert.equal(await scopesCount(pat.id), 3);
  });

  it('adding a scope a wildcard already covers is a no-op', async () => {
    const pat = await createPat(server, alice, { name: 'covered', scopes: [scope('clients', 'read', '*')] });
    const before = await addScopes(pat.id, [scope('channels', 'read', '*', 'd1')]);
    const after = await addScopes(pat.id, [
      scope('clients', 'read', 'c1'),
      scope('clients', 'read', 'c2', 'd9'),
      scope('channels', 'read', 'ch1', 'd1'),
    ]);
    assert.deepEqual(after.map((s) => s.id).sort(), before.map((s) => s.id).sort());
    assert.deepEqual(keys(after), keys([scope('clients', 'read', '*'), scope('channels', 'read', '*', 'd1')]));
    // A wildcard in one domain does not cover the same entity in another domain or in any domain.
    const otherDomain = await addScopes(pat.id, [scope('channels', 'read', 'ch1', 'd2')]);
    assert.equal(otherDomain.length, 3);
    assert.ok(otherDomain.some((s) => keyOf(s) === keyOf(scope('channels', 'read', 'ch1', 'd2'))));
    const anyDomain = await addScopes(pat.id, [scope('channels', 'read', 'ch2')]);
    assert.equal(anyDomain.length, 4);
    assert.ok(anyDomain.some((s) => keyOf(s) === keyOf(scope('channels', 'read', 'ch2', null))));
  });

  it('adding a wildcard removes the specific scopes it covers, and only those', async () => {
    const pat = await createPat(server, alice, {
      name: 'wildcard',
      scopes: [
        scope('clients', 'read', 'c1'),
        scope('clients', 'read', 'c2', 'd1'),
        scope('clients', 'read', 'c3', 'd2'),
        scope('clients', 'update', 'c1'),
        scope('channels', 'read', 'c1'),
      ],
    });
    const inDomain = await addScopes(pat.id, [scope('clients', 'read', '*', 'd1')]);
    assert.deepEqual(
      keys(inDomain),
      keys([
        scope('clients', 'read', 'c1'),
        scope('clients', 'read', '*', 'd1'),
        scope('clients', 'read', 'c3', 'd2'),
        scope('clients', 'update', 'c1'),
        scope('channels', 'read', 'c1'),
      ]),
    );
    const anyDomain = await addScopes(pat.id, [scope('clients', 'read', '*')]);
    assert.deepEqual(
      keys(anyDomain),
      keys([scope('clients', 'read', '*'), scope('clients', 'update', 'c1'), scope('channels', 'read', 'c1')]),
    );
    assert.equal(await scopesCount(pat.id), 3);
  });

  it('PATCH /pats/{id}/scope/remove removes the scopes by id and answers with the rest', async () => {
    const pat = await createPat(server, alice, { name: 'remove scopes' });
    const scopes = await addScopes(pat.id, [scope('clients', 'read', 'c1'), scope('clients', 'delete', 'c1'), scope('users', 'list', '*')]);
    const gone = scopes.filter((s) => s.operation !== 'list').map((s) => s.id);
    const res = await server.call('PATCH', `/pats/${pat.id}/scope/remove`, { token: alice, body: { scopes_id: gone } });
    assert.equal(res.status, 200);
    assert.deepEqual(Object.keys(res.body), ['scopes']);
    assert.equal(res.body.scopes.length, 1);
    assertScopeShape(res.body.scopes[0], pat.id);
    assert.deepEqual(keys(res.body.scopes), keys([scope('users', 'list', '*')]));
    assert.equal(await scopesCount(pat.id), 1);
    const listed = await server.call('GET', `/pats/${pat.id}/scope`, { token: alice });
    assert.equal(listed.body.total, 1);
  });

  it('DELETE /pats/{id}/scope answers 200 {scopes: []}', async () => {
    const pat = await createPat(server, alice, {
      name: 'clear scopes',
      scopes: [scope('clients', 'read', '*'), scope('domains', 'share', 'd1')],
    });
    const res = await server.call('DELETE', `/pats/${pat.id}/scope`, { token: alice });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { scopes: [] });
    assert.equal(await scopesCount(pat.id), 0);
    const listed = await server.call('GET', `/pats/${pat.id}/scope`, { token: alice });
    assert.equal(listed.body.total, 0);
    assert.deepEqual(listed.body.scopes, []);
    const authorize = await server.call('POST', '/authorize', {
      token: pat.secret,
      body: { entity_type: 'clients', operation: 'read', entity_id: 'c1' },
    });
    assert.equal(authorize.status, 403);
  });
});

describe('unknown routes', () => {
  let server: TestServer;
  let alice: string;
  before(async () => {
    server = await startServer();
    alice = await server.tokenFor('alice');
  });
  after(() => server.close());

  for (const [method, path] of [
    ['GET', '/nope'],
    ['POST', '/nope/deeper'],
    ['GET', '/pats/00000000-0000-4000-8000-000000000000/bogus'],
    ['PUT', '/pats'],
    ['POST', '/pats/catalog/extra'],
  ] as const) {
    it(`${method} /api${path} answers a JSON 404`, async () => {
      const res = await server.call(method, path, { token: alice });
      assert.equal(res.status, 404);
      assert.match(res.headers.get('content-type') ?? '', /application\/json/);
      assert.equal(res.body.error, 'not_found');
      assert.equal(typeof res.body.message, 'string');
      assert.ok(res.body.message.length > 0);
    });
  }
});
