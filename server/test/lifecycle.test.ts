import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type TestServer } from './harness.js';

/** A PAT's life through the HTTP API, with `POST /authorize` checked at every step. */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Scope {
  entity_type: string;
  operation: string;
  entity_id: string;
  domain_id?: string | null;
}

const servers: TestServer[] = [];

async function fixture() {
  const server = await startServer();
  servers.push(server);
  const token = await server.tokenFor('alice');
  async function create(body: { name: string; duration: string; description?: string; scopes?: Scope[] }) {
    const created = await server.call('POST', '/pats', { token, body });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return created.body as { id: string; secret: string; [key: string]: any };
  }
  async function authorize(secret: string, request: Scope, headers?: Record<string, string>) {
    return server.call('POST', '/authorize', { token: secret, body: request, headers });
  }
  async function get(id: string) {
    return server.call('GET', `/pats/${id}`, { token });
  }
  async function scopes(id: string) {
    const page = await server.call('GET', `/pats/${id}/scope?limit=100`, { token });
    assert.equal(page.status, 200);
    return page.body.scopes as (Scope & { id: string; pat_id: string })[];
  }
  return { server, token, create, authorize, get, scopes, clock: server.clock };
}

const iso = (ms: number) => new Date(ms).toISOString();

after(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

describe('PAT lifecycle', () => {
  it('create → allowed → 403 → revoke → 401 → regenerate keeps everything but the secret', async () => {
    const { token, create, authorize, get, scopes, clock, server } = await fixture();
    const pat = await create({
      name: 'ci',
      description: 'the build robot',
      duration: '30d',
      scopes: [
        { entity_type: 'clients', operation: 'read', entity_id: '*' },
        { entity_type: 'channels', operation: 'update', entity_id: 'ch-1', domain_id: 'dom-1' },
      ],
    });
    assert.equal(pat.status, 'active');
    assert.equal(pat.scopes_count, 2);
    assert.equal(pat.expires_at, iso(clock.now() + 30 * DAY));
    const scopesBefore = await scopes(pat.id);

    const allowed = await authorize(pat.secret, { entity_type: 'clients', operation: 'read', entity_id: 'client-1' });
    assert.equal(allowed.status, 200);
    assert.deepEqual(allowed.body, { allowed: true, user_id: 'alice', pat_id: pat.id });

    const refused = await authorize(pat.secret, { entity_type: 'clients', operation: 'delete', entity_id: 'client-1' });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error, 'forbidden');
    assert.equal(typeof refused.body.message, 'string');

    clock.advance(HOUR);
    const revoked = await server.call('PATCH', `/pats/${pat.id}/secret/revoke`, { token });
    assert.equal(revoked.status, 204);
    const afterRevoke = await authorize(pat.secret, { entity_type: 'clients', operation: 'read', entity_id: 'client-1' });
    assert.equal(afterRevoke.status, 401);
    assert.equal(afterRevoke.body.error, 'unauthenticated');
    const revokedPat = (await get(pat.id)).body;
    assert.equal(revokedPat.status, 'revoked');
    assert.equal(revokedPat.revoked, true);
    assert.equal(revokedPat.revoked_at, iso(clock.now()));
    const revokedList = await server.call('GET', '/pats?status=revoked', { token });
    assert.deepEqual(
      revokedList.body.pats.map((p: any) => p.id),
      [pat.id],
    );

    clock.advance(2 * HOUR);
    const reset = await server.call('PATCH', `/pats/${pat.id}/secret/reset`, { token, body: { duration: '7d' } });
    assert.equal(reset.status, 200, JSON.stringify(reset.body));
    const regenerated = reset.body;
    assert.match(regenerated.secret, /^pat_[0-9A-Za-z]{22}_[0-9A-Za-z]{49}$/);
    assert.notEqual(regenerated.secret, pat.secret);
    assert.equal(regenerated.id, pat.id);
    assert.equal(regenerated.name, 'ci');
    assert.equal(regenerated.description, 'the build robot');
    assert.equal(regenerated.status, 'active');
    assert.equal(regenerated.revoked, false);
    assert.equal(regenerated.revoked_at, null);
    assert.equal(regenerated.scopes_count, 2);
    assert.equal(regenerated.expires_at, iso(clock.now() + 7 * DAY));
    assert.deepEqual(await scopes(pat.id), scopesBefore, 'scopes are kept');

    const stored = (await get(pat.id)).body;
    assert.equal(stored.status, 'active');
    assert.equal(stored.expires_at, iso(clock.now() + 7 * DAY));
    assert.equal(stored.name, 'ci');
    assert.equal(stored.description, 'the build robot');
    assert.equal('secret' in stored, false);

    const oldSecret = await authorize(pat.secret, { entity_type: 'clients', operation: 'read', entity_id: 'client-1' });
    assert.equal(oldSecret.status, 401, 'the old secret is dead');
    const newSecret = await authorize(regenerated.secret, { entity_type: 'clients', operation: 'read', entity_id: 'client-1' });
    assert.equal(newSecret.status, 200);
    assert.deepEqual(newSecret.body, { allowed: true, user_id: 'alice', pat_id: pat.id });
    const domainScope = await authorize(regenerated.secret, {
      entity_type: 'channels',
      operation: 'update',
      entity_id: 'ch-1',
      domain_id: 'dom-1',
    });
    assert.equal(domainScope.status, 200, 'the domain scope survived the regenerate');
  });

  it('regenerating an active PAT whose secret is cached kills the old secret at once', async () => {
    const { token, create, authorize, server } = await fixture();
    const pat = await create({ name: 'warm', duration: '30d', scopes: [{ entity_type: 'users', operation: 'read', entity_id: '*' }] });
    const request = { entity_type: 'users', operation: 'read', entity_id: 'u1' };
    assert.equal((await authorize(pat.secret, request)).status, 200);
    const reset = await server.call('PATCH', `/pats/${pat.id}/secret/reset`, { token, body: { duration: '1d' } });
    assert.equal(reset.status, 200);
    assert.equal((await authorize(pat.secret, request)).status, 401);
    assert.equal((await authorize(reset.body.secret, request)).status, 200);
  });

  it('expires at expires_at: allowed 1 ms before, 401 from then on, status expired, and can be regenerated', async () => {
    const { token, create, authorize, get, clock, server } = await fixture();
    const pat = await create({ name: 'short', duration: '1h', scopes: [{ entity_type: 'groups', operation: 'list', entity_id: '*' }] });
    const request = { entity_type: 'groups', operation: 'list', entity_id: '*' };
    assert.equal((await authorize(pat.secret, request)).status, 200);

    clock.advance(HOUR - 1);
    assert.equal((await authorize(pat.secret, request)).status, 200, 'still valid 1 ms before expiry');
    assert.equal((await get(pat.id)).body.status, 'active');

    clock.advance(1);
    const atExpiry = await authorize(pat.secret, request);
    assert.equal(atExpiry.status, 401, 'expires_at <= now is expired');
    assert.equal(atExpiry.headers.get('www-authenticate'), 'Bearer');
    assert.equal((await get(pat.id)).body.status, 'expired');

    clock.advance(DAY);
    assert.equal((await authorize(pat.secret, request)).status, 401);
    const fetched = (await get(pat.id)).body;
    assert.equal(fetched.status, 'expired');
    assert.equal(fetched.revoked, false);

    const expiredList = await server.call('GET', '/pats?status=expired', { token });
    assert.deepEqual(
      expiredList.body.pats.map((p: any) => p.id),
      [pat.id],
    );
    const activeList = await server.call('GET', '/pats', { token });
    assert.equal(activeList.body.total, 0, 'the default (active) list hides it');
    const summary = await server.call('GET', '/pats/summary', { token });
    assert.equal(summary.body.expired, 1);
    assert.equal(summary.body.active, 0);

    const reset = await server.call('PATCH', `/pats/${pat.id}/secret/reset`, { token, body: { duration: '2h' } });
    assert.equal(reset.status, 200);
    assert.equal(reset.body.status, 'active');
    assert.equal(reset.body.expires_at, iso(clock.now() + 2 * HOUR));
    assert.equal((await authorize(reset.body.secret, request)).status, 200);
  });

  it('deleting a PAT kills its secret at once (even when cached) and GET is 404', async () => {
    const { token, create, authorize, get, server } = await fixture();
    const pat = await create({ name: 'doomed', duration: '30d', scopes: [{ entity_type: 'clients', operation: 'read', entity_id: '*' }] });
    const request = { entity_type: 'clients', operation: 'read', entity_id: 'c' };
    assert.equal((await authorize(pat.secret, request)).status, 200);
    const deleted = await server.call('DELETE', `/pats/${pat.id}`, { token });
    assert.equal(deleted.status, 204);
    const refused = await authorize(pat.secret, request);
    assert.equal(refused.status, 401);
    assert.equal((await get(pat.id)).status, 404);
    assert.equal((await server.call('GET', `/pats/${pat.id}/scope`, { token })).status, 404);
    assert.equal((await server.call('DELETE', `/pats/${pat.id}`, { token })).status, 404, 'a second delete is 404');
  });

  it('delete all removes every PAT of the caller and kills every secret at once', async () => {
    const { token, create, authorize, server } = await fixture();
    const request = { entity_type: 'clients', operation: 'read', entity_id: 'c' };
    const scopes = [{ entity_type: 'clients', operation: 'read', entity_id: '*' }];
    const pats = [
      await create({ name: 'one', duration: '30d', scopes }),
      await create({ name: 'two', duration: '30d', scopes }),
      await create({ name: 'three', duration: '1h', scopes }),
    ];
    await server.call('PATCH', `/pats/${pats[1]!.id}/secret/revoke`, { token });
    for (const pat of [pats[0]!, pats[2]!]) assert.equal((await authorize(pat.secret, request)).status, 200);
    const deleted = await server.call('DELETE', '/pats', { token });
    assert.equal(deleted.status, 200);
    assert.deepEqual(deleted.body, { deleted: 3 });
    for (const pat of pats) assert.equal((await authorize(pat.secret, request)).status, 401);
    const list = await server.call('GET', '/pats?status=all', { token });
    assert.equal(list.body.total, 0);
    assert.deepEqual(list.body.pats, []);
    const summary = await server.call('GET', '/pats/summary', { token });
    assert.deepEqual(summary.body, { active: 0, expiring_soon: 0, revoked: 0, expired: 0, total: 0 });
  });
});

describe('scope changes reach authorize at once', () => {
  const readAny = { entity_type: 'clients', operation: 'read', entity_id: '*' };
  const publishCh = { entity_type: 'messages', operation: 'publish', entity_id: 'ch-1' };

  it('removing a scope is refused by the very next authorize (cache warmed first)', async () => {
    const { token, create, authorize, scopes, server } = await fixture();
    const pat = await create({ name: 'rm', duration: '30d', scopes: [readAny, publishCh] });
    const request = { entity_type: 'clients', operation: 'read', entity_id: 'c1' };
    assert.equal((await authorize(pat.secret, request)).status, 200);
    assert.equal((await authorize(pat.secret, request)).status, 200);
    const target = (await scopes(pat.id)).find((scope) => scope.entity_type === 'clients')!;
    const removed = await server.call('PATCH', `/pats/${pat.id}/scope/remove`, { token, body: { scopes_id: [target.id] } });
    assert.equal(removed.status, 200);
    assert.equal(removed.body.scopes.length, 1);
    const refused = await authorize(pat.secret, request);
    assert.equal(refused.status, 403, 'the removed scope must not live on in a cache');
    assert.equal((await authorize(pat.secret, publishCh)).status, 200, 'the other scope still works');
  });

  it('clearing all scopes is refused by the very next authorize (cache warmed first)', async () => {
    const { token, create, authorize, server } = await fixture();
    const pat = await create({ name: 'clear', duration: '30d', scopes: [readAny, publishCh] });
    assert.equal((await authorize(pat.secret, publishCh)).status, 200);
    const cleared = await server.call('DELETE', `/pats/${pat.id}/scope`, { token });
    assert.equal(cleared.status, 200);
    assert.deepEqual(cleared.body, { scopes: [] });
    assert.equal((await authorize(pat.secret, publishCh)).status, 403);
    assert.equal((await authorize(pat.secret, { entity_type: 'clients', operation: 'read', entity_id: 'x' })).status, 403);
    assert.equal((await server.call('GET', `/pats/${pat.id}`, { token })).body.scopes_count, 0);
  });

  it('adding a scope takes effect at once (cache warmed first)', async () => {
    const { token, create, authorize, server } = await fixture();
    const pat = await create({ name: 'add', duration: '30d', scopes: [readAny] });
    const request = { entity_type: 'clients', operation: 'update', entity_id: 'c1' };
    assert.equal((await authorize(pat.secret, { entity_type: 'clients', operation: 'read', entity_id: 'c1' })).status, 200);
    assert.equal((await authorize(pat.secret, request)).status, 403);
    const added = await server.call('PATCH', `/pats/${pat.id}/scope/add`, {
      token,
      body: { scopes: [{ entity_type: 'clients', operation: 'update', entity_id: 'c1' }] },
    });
    assert.equal(added.status, 200);
    assert.equal(added.body.scopes.length, 2);
    assert.equal((await authorize(pat.secret, request)).status, 200);
    assert.equal((await authorize(pat.secret, { ...request, entity_id: 'c2' })).status, 403, 'only the entity named');
  });

  it('revoking a PAT whose grant is cached is refused at once', async () => {
    const { token, create, authorize, server } = await fixture();
    const pat = await create({ name: 'rv', duration: '30d', scopes: [readAny] });
    const request = { entity_type: 'clients', operation: 'read', entity_id: 'c1' };
    assert.equal((await authorize(pat.secret, request)).status, 200);
    assert.equal((await server.call('PATCH', `/pats/${pat.id}/secret/revoke`, { token })).status, 204);
    assert.equal((await authorize(pat.secret, request)).status, 401);
    assert.equal((await server.call('PATCH', `/pats/${pat.id}/secret/revoke`, { token })).status, 204, 'revoking again is harmless');
    assert.equal((await authorize(pat.secret, request)).status, 401);
  });

  it('renaming and describing keep authorization', async () => {
    const { token, create, authorize, get, server } = await fixture();
    const pat = await create({ name: 'before', description: 'old', duration: '30d', scopes: [readAny] });
    const request = { entity_type: 'clients', operation: 'read', entity_id: 'c1' };
    assert.equal((await authorize(pat.secret, request)).status, 200);
    const renamed = await server.call('PATCH', `/pats/${pat.id}/name`, { token, body: { name: 'after' } });
    assert.equal(renamed.status, 202);
    assert.equal(renamed.body.name, 'after');
    assert.equal((await authorize(pat.secret, request)).status, 200);
    const described = await server.call('PATCH', `/pats/${pat.id}/description`, { token, body: { description: '' } });
    assert.equal(described.status, 202);
    assert.equal(described.body.description, '', 'a description can be cleared');
    const allowed = await authorize(pat.secret, request);
    assert.equal(allowed.status, 200);
    assert.deepEqual(allowed.body, { allowed: true, user_id: 'alice', pat_id: pat.id });
    const fetched = (await get(pat.id)).body;
    assert.equal(fetched.name, 'after');
    assert.equal(fetched.status, 'active');
  });
});

describe('scope matching rules', () => {
  it('a scope with a domain grants only that domain; one without grants any domain', async () => {
    const { create, authorize } = await fixture();
    const inDomain = await create({
      name: 'in-domain',
      duration: '30d',
      scopes: [{ entity_type: 'channels', operation: 'read', entity_id: '*', domain_id: 'dom-1' }],
    });
    const anyDomain = await create({
      name: 'any-domain',
      duration: '30d',
      scopes: [{ entity_type: 'channels', operation: 'read', entity_id: '*' }],
    });
    const read = { entity_type: 'channels', operation: 'read', entity_id: 'ch-9' };
    assert.equal((await authorize(inDomain.secret, { ...read, domain_id: 'dom-1' })).status, 200);
    assert.equal((await authorize(inDomain.secret, { ...read, domain_id: 'dom-2' })).status, 403);
    assert.equal((await authorize(inDomain.secret, read)).status, 403, 'a domain scope does not grant a request without domain');
    assert.equal((await authorize(inDomain.secret, { ...read, domain_id: null })).status, 403);
    assert.equal((await authorize(anyDomain.secret, { ...read, domain_id: 'dom-1' })).status, 200);
    assert.equal((await authorize(anyDomain.secret, { ...read, domain_id: 'dom-2' })).status, 200);
    assert.equal((await authorize(anyDomain.secret, read)).status, 200);
  });

  it('a scope with an entity id grants only that entity', async () => {
    const { create, authorize } = await fixture();
    const pat = await create({
      name: 'one-entity',
      duration: '30d',
      scopes: [{ entity_type: 'clients', operation: 'read', entity_id: 'c1' }],
    });
    assert.equal((await authorize(pat.secret, { entity_type: 'clients', operation: 'read', entity_id: 'c1' })).status, 200);
    assert.equal((await authorize(pat.secret, { entity_type: 'clients', operation: 'read', entity_id: 'c2' })).status, 403);
    assert.equal((await authorize(pat.secret, { entity_type: 'clients', operation: 'update', entity_id: 'c1' })).status, 403);
    assert.equal((await authorize(pat.secret, { entity_type: 'channels', operation: 'read', entity_id: 'c1' })).status, 403);
    assert.equal((await authorize(pat.secret, { entity_type: 'clients', operation: 'read', entity_id: '*' })).status, 403);
  });

  it('create and list requests ("*") need a wildcard scope', async () => {
    const { create, authorize } = await fixture();
    const specific = await create({
      name: 'specific',
      duration: '30d',
      scopes: [
        { entity_type: 'clients', operation: 'list', entity_id: 'c1' },
        { entity_type: 'clients', operation: 'create', entity_id: 'c1' },
      ],
    });
    const wildcard = await create({
      name: 'wildcard',
      duration: '30d',
      scopes: [
        { entity_type: 'clients', operation: 'list', entity_id: '*' },
        { entity_type: 'clients', operation: 'create', entity_id: '*', domain_id: 'dom-1' },
      ],
    });
    const list = { entity_type: 'clients', operation: 'list', entity_id: '*' };
    const createReq = { entity_type: 'clients', operation: 'create', entity_id: '*', domain_id: 'dom-1' };
    assert.equal((await authorize(specific.secret, list)).status, 403);
    assert.equal((await authorize(specific.secret, createReq)).status, 403);
    assert.equal((await authorize(wildcard.secret, list)).status, 200);
    assert.equal((await authorize(wildcard.secret, createReq)).status, 200);
    assert.equal((await authorize(wildcard.secret, { ...createReq, domain_id: 'dom-2' })).status, 403);
  });
});
