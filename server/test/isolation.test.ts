import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startServer, type CallOptions, type TestServer } from './harness.js';

/**
 * Everything is filtered by the caller's user id; another user's PAT is
 * "not found", with exactly the answer an id that does not exist gets.
 */

const ALICE_SCOPES = [
  { entity_type: 'clients', operation: 'read', entity_id: '*' },
  { entity_type: 'channels', operation: 'update', entity_id: 'ch-1', domain_id: 'dom-1' },
  { entity_type: 'messages', operation: 'publish', entity_id: 'ch-2' },
];

interface PatRoute {
  label: string;
  method: string;
  path: (id: string) => string;
  body?: (ctx: { aliceScopeIds: string[] }) => unknown;
}

/** Every management route that takes a PAT id, with a body that would be valid. */
const ROUTES: PatRoute[] = [
  { label: 'GET /pats/{id}', method: 'GET', path: (id) => `/pats/${id}` },
  { label: 'DELETE /pats/{id}', method: 'DELETE', path: (id) => `/pats/${id}` },
  { label: 'PATCH /pats/{id}/name', method: 'PATCH', path: (id) => `/pats/${id}/name`, body: () => ({ name: 'stolen' }) },
  {
    label: 'PATCH /pats/{id}/description',
    method: 'PATCH',
    path: (id) => `/pats/${id}/description`,
    body: () => ({ description: 'owned by bob' }),
  },
  { label: 'PATCH /pats/{id}/secret/reset', method: 'PATCH', path: (id) => `/pats/${id}/secret/reset`, body: () => ({ duration: '7d' }) },
  { label: 'PATCH /pats/{id}/secret/revoke', method: 'PATCH', path: (id) => `/pats/${id}/secret/revoke` },
  { label: 'GET /pats/{id}/scope', method: 'GET', path: (id) => `/pats/${id}/scope` },
  {
    label: 'PATCH /pats/{id}/scope/add',
    method: 'PATCH',
    path: (id) => `/pats/${id}/scope/add`,
    body: () => ({ scopes: [{ entity_type: 'users', operation: 'delete', entity_id: '*' }] }),
  },
  {
    label: 'PATCH /pats/{id}/scope/remove',
    method: 'PATCH',
    path: (id) => `/pats/${id}/scope/remove`,
    body: ({ aliceScopeIds }) => ({ scopes_id: aliceScopeIds }),
  },
  { label: 'DELETE /pats/{id}/scope', method: 'DELETE', path: (id) => `/pats/${id}/scope` },
];

const READ_CLIENT = { entity_type: 'clients', operation: 'read', entity_id: 'client-7' };

describe('isolation between users', () => {
  let server: TestServer;
  let alice: string;
  let bob: string;
  let alicePat: any;
  let aliceSecret: string;
  let aliceScopes: any[];
  let aliceOther: any;
  let bobPat: any;

  async function aliceState() {
    const pat = await server.call('GET', `/pats/${alicePat.id}`, { token: alice });
    const scopes = await server.call('GET', `/pats/${alicePat.id}/scope?limit=100`, { token: alice });
    assert.equal(pat.status, 200, 'alice can still read her PAT');
    assert.equal(scopes.status, 200, 'alice can still read her scopes');
    return { pat: pat.body, scopes: scopes.body };
  }

  async function authorizeAlice() {
    return server.call('POST', '/authorize', { token: aliceSecret, body: READ_CLIENT });
  }

  before(async () => {
    server = await startServer();
    alice = await server.tokenFor('alice');
    bob = await server.tokenFor('bob');
    const created = await server.call('POST', '/pats', {
      token: alice,
      body: { name: 'ci', description: 'alice builds', duration: '30d', scopes: ALICE_SCOPES },
    });
    assert.equal(created.status, 201);
    alicePat = created.body;
    aliceSecret = created.body.secret;
    const scopes = await server.call('GET', `/pats/${alicePat.id}/scope`, { token: alice });
    aliceScopes = scopes.body.scopes;
    assert.equal(aliceScopes.length, 3);
    const other = await server.call('POST', '/pats', { token: alice, body: { name: 'deploy', duration: '7d' } });
    assert.equal(other.status, 201);
    aliceOther = other.body;
    const mine = await server.call('POST', '/pats', {
      token: bob,
      body: { name: 'bob-tool', duration: '30d', scopes: [{ entity_type: 'groups', operation: 'list', entity_id: '*' }] },
    });
    assert.equal(mine.status, 201);
    bobPat = mine.body;
  });

  after(async () => {
    await server.close();
  });

  it('two users may both have a PAT named "ci"', async () => {
    const bobCi = await server.call('POST', '/pats', { token: bob, body: { name: 'ci', duration: '1d' } });
    assert.equal(bobCi.status, 201, JSON.stringify(bobCi.body));
    assert.equal(bobCi.body.name, 'ci');
    assert.equal(bobCi.body.user_id, 'bob');
    assert.notEqual(bobCi.body.id, alicePat.id);
    // The same user may not, whatever the case.
    const again = await server.call('POST', '/pats', { token: alice, body: { name: 'CI', duration: '1d' } });
    assert.equal(again.status, 409);
    // Renaming bob's token to alice's other name is fine too.
    const renamed = await server.call('PATCH', `/pats/${bobCi.body.id}/name`, { token: bob, body: { name: 'deploy' } });
    assert.equal(renamed.status, 202);
    const gone = await server.call('DELETE', `/pats/${bobCi.body.id}`, { token: bob });
    assert.equal(gone.status, 204);
    const stillThere = await server.call('GET', `/pats/${alicePat.id}`, { token: alice });
    assert.equal(stillThere.body.name, 'ci');
  });

  for (const route of ROUTES) {
    it(`${route.label}: bob gets the same 404 for alice's PAT as for an unknown id, and nothing changes`, async () => {
      const before = await aliceState();
      const ctx = { aliceScopeIds: aliceScopes.map((scope) => scope.id) };
      const options = (): CallOptions => (route.body ? { token: bob, body: route.body(ctx) } : { token: bob });

      const foreign = await server.call(route.method, route.path(alicePat.id), options());
      const unknown = await server.call(route.method, route.path(randomUUID()), options());
      assert.equal(unknown.status, 404, `unknown id: ${JSON.stringify(unknown.body)}`);
      assert.equal(foreign.status, 404, `alice's id: ${JSON.stringify(foreign.body)}`);
      assert.deepEqual(foreign.body, unknown.body, 'the 404 must not tell "not yours" from "not found"');
      assert.equal(foreign.body.error, 'not_found');
      assert.equal(typeof foreign.body.message, 'string');
      assert.equal(foreign.headers.get('content-type'), unknown.headers.get('content-type'));
      assert.equal(foreign.headers.get('www-authenticate'), unknown.headers.get('www-authenticate'));

      const after = await aliceState();
      assert.deepEqual(after.pat, before.pat, "alice's PAT is unchanged");
      assert.deepEqual(after.scopes, before.scopes, "alice's scopes are unchanged");
      assert.equal(after.pat.name, 'ci');
      assert.equal(after.pat.description, 'alice builds');
      assert.equal(after.pat.status, 'active');
      assert.equal(after.pat.revoked, false);
      assert.equal(after.scopes.total, 3);
      assert.deepEqual(after.scopes.scopes.map((scope: any) => scope.id).sort(), aliceScopes.map((scope) => scope.id).sort());
      const allowed = await authorizeAlice();
      assert.equal(allowed.status, 200, `alice's secret still authorizes: ${JSON.stringify(allowed.body)}`);
      assert.deepEqual(allowed.body, { allowed: true, user_id: 'alice', pat_id: alicePat.id });
    });
  }

  it('ids that are not UUIDs get the very same 404', async () => {
    const reference = await server.call('GET', `/pats/${randomUUID()}`, { token: bob });
    for (const id of ['not-a-uuid', alicePat.id.toUpperCase(), `${alicePat.id}x`, encodeURIComponent(`${alicePat.id} `), '0']) {
      const answer = await server.call('GET', `/pats/${id}`, { token: bob });
      assert.equal(answer.status, 404, id);
      assert.deepEqual(answer.body, reference.body, id);
    }
  });

  it("bob cannot remove alice's scopes through his own PAT id", async () => {
    const removed = await server.call('PATCH', `/pats/${bobPat.id}/scope/remove`, {
      token: bob,
      body: { scopes_id: aliceScopes.map((scope) => scope.id) },
    });
    assert.equal(removed.status, 200);
    assert.equal(removed.body.scopes.length, 1, "bob's own scope stays");
    assert.ok(removed.body.scopes.every((scope: any) => scope.pat_id === bobPat.id));
    const scopes = await server.call('GET', `/pats/${alicePat.id}/scope`, { token: alice });
    assert.equal(scopes.body.total, 3);
    const allowed = await authorizeAlice();
    assert.equal(allowed.status, 200);
  });

  it("bob's list never shows alice's PATs, with any filter, sort or name search", async () => {
    for (const status of ['active', 'revoked', 'expired', 'all']) {
      for (const sort of ['issued_at', 'expires_at', 'name', 'last_used_at']) {
        const page = await server.call('GET', `/pats?status=${status}&sort=${sort}&limit=100`, { token: bob });
        assert.equal(page.status, 200);
        assert.ok(
          page.body.pats.every((pat: any) => pat.user_id === 'bob'),
          `status=${status} sort=${sort} shows only bob's PATs`,
        );
        assert.ok(!page.body.pats.some((pat: any) => pat.id === alicePat.id || pat.id === aliceOther.id));
        assert.equal(page.body.total, page.body.pats.length);
      }
    }
    const byName = await server.call('GET', '/pats?status=all&name=deploy', { token: bob });
    assert.equal(byName.status, 200);
    assert.deepEqual(byName.body.pats, []);
    assert.equal(byName.body.total, 0);
    const aliceSees = await server.call('GET', '/pats?status=all&name=deploy', { token: alice });
    assert.equal(aliceSees.body.total, 1, 'the name filter does work for the owner');
  });

  it("bob's id filter with alice's PAT id finds nothing", async () => {
    for (const status of ['active', 'all']) {
      const page = await server.call('GET', `/pats?status=${status}&id=${alicePat.id}`, { token: bob });
      assert.equal(page.status, 200);
      assert.equal(page.body.total, 0);
      assert.deepEqual(page.body.pats, []);
    }
    const own = await server.call('GET', `/pats?status=all&id=${alicePat.id}`, { token: alice });
    assert.equal(own.body.total, 1, 'the id filter does work for the owner');
    assert.equal(own.body.pats[0].id, alicePat.id);
  });

  it("bob's summary counts only his PATs", async () => {
    const bobs = await server.call('GET', '/pats/summary', { token: bob });
    const alices = await server.call('GET', '/pats/summary', { token: alice });
    assert.equal(bobs.status, 200);
    const bobList = await server.call('GET', '/pats?status=all&limit=100', { token: bob });
    assert.equal(bobs.body.total, bobList.body.total);
    const aliceList = await server.call('GET', '/pats?status=all&limit=100', { token: alice });
    assert.equal(alices.body.total, aliceList.body.total);
    assert.equal(alices.body.total, 2);
    const carol = await server.call('GET', '/pats/summary', { token: await server.tokenFor('carol') });
    assert.deepEqual(carol.body, { active: 0, expiring_soon: 0, revoked: 0, expired: 0, total: 0 });
  });

  it("bob's DELETE /pats deletes only his PATs", async () => {
    const before = await aliceState();
    const bobCount = (await server.call('GET', '/pats?status=all', { token: bob })).body.total;
    assert.ok(bobCount >= 1);
    const deleted = await server.call('DELETE', '/pats', { token: bob });
    assert.equal(deleted.status, 200);
    assert.deepEqual(deleted.body, { deleted: bobCount });
    const bobAfter = await server.call('GET', '/pats?status=all', { token: bob });
    assert.equal(bobAfter.body.total, 0);
    const aliceList = await server.call('GET', '/pats?status=all', { token: alice });
    assert.equal(aliceList.body.total, 2);
    const after = await aliceState();
    assert.deepEqual(after.pat, before.pat);
    assert.deepEqual(after.scopes, before.scopes);
    const allowed = await authorizeAlice();
    assert.equal(allowed.status, 200);
    const secondCall = await server.call('DELETE', '/pats', { token: bob });
    assert.deepEqual(secondCall.body, { deleted: 0 });
  });
});
