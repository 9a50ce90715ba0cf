import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PatEvent, PatEventPage, PatUsage } from '../../contract/index.js';
import { TEST_DIALECT, startServer, type TestServer } from './harness.js';

/**
 * Each PAT's history (`GET /pats/{id}/events`, `GET /events`) and daily use
 * (`GET /pats/{id}/usage`), through the API, on the suite's database.
 */

const DAY = 86_400_000;
const scopes = [{ entity_type: 'clients', operation: 'read', entity_id: '*' }];
const readClient = { entity_type: 'clients', operation: 'read', entity_id: 'c1' };
const deleteClient = { entity_type: 'clients', operation: 'delete', entity_id: 'c1' };
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) Firefox/134.0';

const tmp = mkdtempSync(join(tmpdir(), 'pat-kit-activity-'));
const servers: TestServer[] = [];
after(async () => {
  await Promise.all(servers.map((server) => server.close()));
  rmSync(tmp, { recursive: true, force: true });
});

async function fixture(options: Parameters<typeof startServer>[0] = {}) {
  // One proxy hop trusted: a test names the client address in X-Forwarded-For.
  const server = await startServer({ trustProxy: 1, ...options });
  servers.push(server);
  const kit = server.app.locals.patKit;
  const alice = await server.tokenFor('alice');
  const bob = await server.tokenFor('bob');
  const headers = { 'user-agent': BROWSER, 'x-forwarded-for': '198.51.100.20' };
  async function create(name: string, token = alice, duration = '30d') {
    const created = await server.call('POST', '/pats', { token, headers, body: { name, duration, scopes } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return created.body as { id: string; secret: string; expires_at: string };
  }
  async function events(id?: string, query = '', token = alice) {
    const answer = await server.call<PatEventPage>('GET', `${id ? `/pats/${id}/events` : '/events'}${query}`, { token });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    return answer.body;
  }
  const kinds = async (id?: string) => (await events(id)).events.map((event) => event.kind);
  const authorize = (secret: string, body: object = readClient, ip = '203.0.113.7', userAgent = 'grafana-agent/0.40') =>
    server.call('POST', '/authorize', { token: secret, body, headers: { 'x-forwarded-for': ip, 'user-agent': userAgent } });
  async function usage(id: string, query = '') {
    const answer = await server.call<PatUsage>('GET', `/pats/${id}/usage${query}`, { token: alice });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    return answer.body;
  }
  return { server, kit, alice, bob, headers, create, events, kinds, authorize, usage, clock: server.clock };
}

describe('PAT events', () => {
  it('record every change, newest first, with who made it and from where', async () => {
    const { server, alice, headers, create, events, clock } = await fixture();
    const pat = await create('deploy');
    const call = (method: string, path: string, body?: unknown) => {
      clock.advance(1_000);
      return server.call(method, `/pats/${pat.id}${path}`, { token: alice, headers, body });
    };
    assert.equal((await call('PATCH', '/name', { name: 'deploy-bot' })).status, 202);
    assert.equal((await call('PATCH', '/description', { description: 'CI' })).status, 202);
    const added = await call('PATCH', '/scope/add', { scopes: [{ entity_type: 'messages', operation: 'publish', entity_id: 'ch1' }] });
    assert.equal(added.status, 200);
    const channel = (added.body.scopes as { id: string; entity_type: string }[]).find((scope) => scope.entity_type === 'messages')!;
    assert.equal((await call('PATCH', '/scope/remove', { scopes_id: [channel.id] })).status, 200);
    assert.equal((await call('DELETE', '/scope')).status, 200);
    assert.equal((await call('PATCH', '/secret/revoke')).status, 204);
    const reset = await call('PATCH', '/secret/reset', { duration: '7d' });
    assert.equal(reset.status, 200);

    const page = await events(pat.id);
    assert.equal(page.total, 8);
    assert.deepEqual(
      page.events.map((event) => event.kind),
      ['regenerated', 'revoked', 'scopes_cleared', 'scopes_removed', 'scopes_added', 'described', 'renamed', 'created'],
    );
    const byKind = Object.fromEntries(page.events.map((event) => [event.kind, event])) as Record<string, PatEvent>;
    for (const event of page.events) {
      assert.equal(event.pat_id, pat.id);
      assert.equal(event.actor, 'alice');
      assert.equal(event.ip, '198.51.100.20');
      assert.equal(event.user_agent, BROWSER);
    }
    assert.deepEqual(byKind.created!.details, { expires_at: pat.expires_at, scopes: [{ ...scopes[0], domain_id: null }] });
    assert.equal(byKind.created!.pat_name, 'deploy');
    assert.deepEqual(byKind.renamed!.details, { from: 'deploy', to: 'deploy-bot' });
    assert.equal(byKind.renamed!.pat_name, 'deploy-bot');
    assert.deepEqual(byKind.described!.details, { from: '', to: 'CI' });
    const channelScope = { entity_type: 'messages', operation: 'publish', entity_id: 'ch1', domain_id: null };
    assert.deepEqual(byKind.scopes_added!.details, { scopes: [channelScope] });
    assert.deepEqual(byKind.scopes_removed!.details, { scopes: [channelScope] });
    assert.deepEqual(byKind.scopes_cleared!.details, { scopes: [{ ...scopes[0], domain_id: null }] });
    assert.deepEqual(byKind.revoked!.details, {});
    assert.deepEqual(byKind.regenerated!.details, { expires_at: reset.body.expires_at });
    // Newest first, by time.
    const times = page.events.map((event) => Date.parse(event.at));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => b - a),
    );
  });

  it('records nothing for a change that changes nothing, or that fails', async () => {
    const { server, alice, create, kinds, clock } = await fixture();
    const pat = await create('same');
    await create('taken');
    clock.advance(1_000);
    assert.equal((await server.call('PATCH', `/pats/${pat.id}/name`, { token: alice, body: { name: 'same' } })).status, 202);
    assert.equal((await server.call('PATCH', `/pats/${pat.id}/description`, { token: alice, body: { description: '' } })).status, 202);
    assert.equal((await server.call('PATCH', `/pats/${pat.id}/name`, { token: alice, body: { name: 'TAKEN' } })).status, 409);
    assert.equal(
      (await server.call('PATCH', `/pats/${pat.id}/scope/remove`, { token: alice, body: { scopes_id: [crypto.randomUUID()] } })).status,
      200,
    );
    assert.equal((await server.call('PATCH', `/pats/${pat.id}/secret/revoke`, { token: alice })).status, 204);
    assert.equal((await server.call('PATCH', `/pats/${pat.id}/secret/revoke`, { token: alice })).status, 204, 'a second revoke');
    assert.deepEqual(await kinds(pat.id), ['revoked', 'created']);
  });

  it('keep the order of the events one change makes, and of a delete of all', async () => {
    const { server, alice, create, kinds, events } = await fixture();
    const pat = await create('ordered');
    await server.call('PATCH', `/pats/${pat.id}/scope/remove`, { token: alice, body: { scopes_id: [] } });
    // Reading one client, then every client: the broader scope replaces the narrower one.
    const narrow = await server.call('PATCH', `/pats/${pat.id}/scope/add`, {
      token: alice,
      body: { scopes: [{ entity_type: 'channels', operation: 'read', entity_id: 'ch1' }] },
    });
    assert.equal(narrow.status, 200);
    const broad = await server.call('PATCH', `/pats/${pat.id}/scope/add`, {
      token: alice,
      body: { scopes: [{ entity_type: 'channels', operation: 'read', entity_id: '*' }] },
    });
    assert.equal(broad.status, 200);
    // All at the clock's one instant: the order they were made in, newest first.
    assert.deepEqual(await kinds(pat.id), ['scopes_removed', 'scopes_added', 'scopes_added', 'created']);
    await create('second');
    await create('third');
    assert.equal((await server.call('DELETE', '/pats', { token: alice })).status, 200);
    const deleted = (await events()).events.filter((event) => event.kind === 'deleted').map((event) => event.pat_name);
    const again = (await events()).events.filter((event) => event.kind === 'deleted').map((event) => event.pat_name);
    assert.equal(deleted.length, 3);
    assert.deepEqual(again, deleted, 'the same order every time');
  });

  it('pages newest first with the total; bad paging is a 400 naming the field', async () => {
    const { server, alice, create, events, clock } = await fixture();
    const pat = await create('paged');
    for (let n = 1; n <= 5; n++) {
      clock.advance(1_000);
      await server.call('PATCH', `/pats/${pat.id}/description`, { token: alice, body: { description: `v${n}` } });
    }
    const first = await events(pat.id, '?limit=2');
    assert.deepEqual([first.total, first.offset, first.limit], [6, 0, 2]);
    assert.deepEqual(
      first.events.map((event) => event.details.to),
      ['v5', 'v4'],
    );
    const last = await events(pat.id, '?offset=4&limit=2');
    assert.deepEqual(
      last.events.map((event) => event.kind),
      ['described', 'created'],
    );
    assert.equal((await events(pat.id, '?offset=10')).events.length, 0);
    for (const query of ['?limit=0', '?limit=101', '?offset=-1', '?limit=x']) {
      const bad = await server.call('GET', `/pats/${pat.id}/events${query}`, { token: alice });
      assert.equal(bad.status, 400, query);
      assert.equal(bad.body.details[0].field, query.slice(1).split('=')[0]);
    }
  });

  it("are the owner's alone: another user's PAT, a deleted one and a bad id are 404s; /events holds only the user's", async () => {
    const { server, alice, bob, create, events } = await fixture();
    const mine = await create('mine');
    const theirs = await create('theirs', bob);
    for (const path of [
      `/pats/${theirs.id}/events`,
      `/pats/${theirs.id}/usage`,
      '/pats/not-a-uuid/events',
      `/pats/${crypto.randomUUID()}/usage`,
    ]) {
      const answer = await server.call('GET', path, { token: alice });
      assert.equal(answer.status, 404, path);
      assert.equal(answer.body.error, 'not_found');
    }
    assert.deepEqual(
      (await events(undefined, '', alice)).events.map((event) => event.pat_id),
      [mine.id],
    );
    assert.deepEqual(
      (await events(undefined, '', bob)).events.map((event) => event.pat_id),
      [theirs.id],
    );
    assert.equal((await server.call('GET', '/events')).status, 401, 'signed in only');
    assert.equal((await server.call('GET', `/pats/${mine.id}/events`, { token: mine.secret })).status, 403, 'not with a PAT');
  });

  it("keep a deleted PAT's history in /events, with its name, for the retention period", async () => {
    const { server, kit, alice, create, events, clock } = await fixture({ eventRetention: '30d' });
    const gone = await create('gone');
    const all = await create('all-1');
    await create('all-2');
    clock.advance(1_000);
    assert.equal((await server.call('DELETE', `/pats/${gone.id}`, { token: alice })).status, 204);
    assert.equal((await server.call('GET', `/pats/${gone.id}/events`, { token: alice })).status, 404);
    const afterDelete = await events();
    const deleted = afterDelete.events.find((event) => event.kind === 'deleted')!;
    assert.deepEqual([deleted.pat_id, deleted.pat_name, deleted.actor], [gone.id, 'gone', 'alice']);

    clock.advance(10 * DAY);
    assert.equal((await server.call('DELETE', '/pats', { token: alice })).status, 200);
    const afterAll = await events();
    assert.equal(afterAll.events.filter((event) => event.kind === 'deleted').length, 3);
    assert.ok(afterAll.events.some((event) => event.pat_id === all.id && event.kind === 'deleted'));

    // 30 days after the first delete, its events go; the others' delete is 20 days old.
    clock.advance(20 * DAY + 1_000);
    await kit.scan();
    const swept = await events();
    assert.ok(!swept.events.some((event) => event.pat_id === gone.id), 'the first deleted PAT is forgotten');
    assert.equal(swept.events.filter((event) => event.kind === 'deleted').length, 2);
    assert.equal(swept.total, 4, 'created and deleted of the two others');
  });

  it('keeps a live PAT’s history however old it is', async () => {
    const { kit, create, kinds, clock } = await fixture({ eventRetention: '1d' });
    const pat = await create('old');
    clock.advance(400 * DAY);
    await kit.scan();
    assert.deepEqual((await kinds(pat.id)).at(-1), 'created');
  });

  it('record a PAT’s expiry once, when the scan first sees it expired', async () => {
    const { kit, create, kinds, clock, events } = await fixture();
    const pat = await create('expiring');
    clock.advance(30 * DAY + 1);
    await kit.scan();
    await kit.scan();
    assert.deepEqual(await kinds(pat.id), ['expired', 'created']);
    const expired = (await events(pat.id)).events[0]!;
    assert.deepEqual([expired.actor, expired.ip, expired.user_agent], ['system', null, null]);
    assert.deepEqual(expired.details, { expires_at: pat.expires_at });
  });

  it('record the first use from each client address, once, however many checks and instances', async () => {
    const { kit, create, authorize, events, clock } = await fixture();
    const pat = await create('used');
    for (let n = 0; n < 3; n++) assert.equal((await authorize(pat.secret)).status, 200);
    assert.equal((await authorize(pat.secret, deleteClient)).status, 403, 'a refused check is a use too');
    clock.advance(1_000);
    assert.equal((await authorize(pat.secret, readClient, '192.0.2.44', 'curl/8.5')).status, 200);
    await kit.flush();
    // The cache forgets the PAT (a change): its next checks do not know what it reported.
    kit.invalidate([pat.id]);
    assert.equal((await authorize(pat.secret)).status, 200);
    await kit.flush();
    const used = (await events(pat.id)).events.filter((event) => event.kind === 'new_address');
    assert.deepEqual(
      used.map((event) => [event.ip, event.user_agent, event.actor]),
      [
        ['192.0.2.44', 'curl/8.5', 'alice'],
        ['203.0.113.7', 'grafana-agent/0.40', 'alice'],
      ],
    );
    // A wrong secret is no use of the PAT.
    const wrong = `${pat.secret.slice(0, -4)}AAAA`;
    assert.equal((await authorize(wrong, readClient, '192.0.2.99')).status, 401);
    await kit.flush();
    assert.equal((await events(pat.id)).events.filter((event) => event.kind === 'new_address').length, 2);
  });

  it('count the address of a PAT’s last use as known, as for a PAT last used before events were kept', async () => {
    const { server, kit, create, authorize, events } = await fixture();
    const pat = await create('used before');
    assert.equal((await authorize(pat.secret, readClient, '192.0.2.10')).status, 200);
    await kit.flush();
    // What a database upgraded to this version holds: a last use, and no address behind it.
    await server.db.deleteFrom('pat_events').where('kind', '=', 'new_address').execute();
    await server.db.deleteFrom('pat_addresses').execute();
    kit.invalidate([pat.id]);
    assert.equal((await authorize(pat.secret, readClient, '192.0.2.10')).status, 200);
    assert.equal((await authorize(pat.secret, readClient, '192.0.2.11')).status, 200);
    await kit.flush();
    const used = (await events(pat.id)).events.filter((event) => event.kind === 'new_address');
    assert.deepEqual(
      used.map((event) => event.ip),
      ['192.0.2.11'],
    );
  });
});

describe('PAT usage', () => {
  it('counts allowed and denied checks per UTC day, including those not yet written', async () => {
    const { kit, create, authorize, usage, server, alice, clock } = await fixture();
    const pat = await create('counted');
    const other = await create('other');
    for (let n = 0; n < 4; n++) assert.equal((await authorize(pat.secret)).status, 200);
    assert.equal((await authorize(pat.secret, deleteClient)).status, 403);
    assert.equal((await authorize(other.secret)).status, 200);

    const today = await usage(pat.id);
    assert.equal(today.days.length, 30);
    assert.deepEqual(today.days.at(-1), { day: new Date(clock.now()).toISOString().slice(0, 10), allowed: 4, denied: 1 });
    assert.deepEqual([today.allowed, today.denied], [4, 1], 'counted before they were written');
    assert.ok(today.days.slice(0, -1).every((day) => day.allowed === 0 && day.denied === 0));

    await kit.flush();
    assert.deepEqual((await usage(pat.id)).days.at(-1), today.days.at(-1), 'the same once written');

    // Tomorrow: a new day; a revoked PAT's right secret is a denied check.
    clock.advance(DAY);
    assert.equal((await authorize(pat.secret)).status, 200);
    assert.equal((await server.call('PATCH', `/pats/${pat.id}/secret/revoke`, { token: alice })).status, 204);
    assert.equal((await authorize(pat.secret)).status, 401);
    const later = await usage(pat.id, '?days=2');
    assert.deepEqual(
      later.days.map((day) => [day.allowed, day.denied]),
      [
        [4, 1],
        [1, 1],
      ],
    );
    assert.deepEqual([later.allowed, later.denied], [5, 2]);
    assert.deepEqual((await usage(other.id, '?days=1')).days.at(-1)!.allowed, 0, 'yesterday is outside one day');
  });

  it('spans 1 to 90 days; anything else is a 400 naming days', async () => {
    const { create, usage, server, alice, clock } = await fixture();
    const pat = await create('window');
    const one = await usage(pat.id, '?days=1');
    assert.deepEqual(
      one.days.map((day) => day.day),
      [new Date(clock.now()).toISOString().slice(0, 10)],
    );
    const ninety = await usage(pat.id, '?days=90');
    assert.equal(ninety.days.length, 90);
    assert.equal(ninety.days[0]!.day, new Date(clock.now() - 89 * DAY).toISOString().slice(0, 10));
    for (const days of ['0', '91', 'x', '1.5']) {
      const bad = await server.call('GET', `/pats/${pat.id}/usage?days=${days}`, { token: alice });
      assert.equal(bad.status, 400, days);
      assert.equal(bad.body.details[0].field, 'days');
    }
  });

  it('are kept 90 days, and go with the PAT', async () => {
    const { kit, create, authorize, usage, server, alice, clock } = await fixture();
    const pat = await create('kept', alice, '365d');
    assert.equal((await authorize(pat.secret)).status, 200);
    await kit.flush();
    clock.advance(89 * DAY);
    await kit.scan();
    assert.equal((await usage(pat.id, '?days=90')).allowed, 1);
    clock.advance(DAY);
    await kit.scan();
    assert.equal((await usage(pat.id, '?days=90')).allowed, 0, 'the 91st day is gone');

    assert.equal((await authorize(pat.secret)).status, 200);
    await kit.flush();
    assert.equal((await server.call('DELETE', `/pats/${pat.id}`, { token: alice })).status, 204);
    const left = await server.db.selectFrom('pat_usage').selectAll().where('pat_id', '=', pat.id).execute();
    assert.deepEqual(left, []);
  });
});

// A database file keeps what was written across a restart (SQLite; PostgreSQL keeps everything).
if (TEST_DIALECT === 'sqlite') {
  describe('PAT usage and events across a restart', () => {
    it('survive on the database file, as written by the writer thread', async () => {
      const dbPath = join(tmp, 'restart.db');
      const first = await fixture({ dbPath });
      const pat = await first.create('durable');
      first.clock.advance(1_000);
      for (let n = 0; n < 3; n++) assert.equal((await first.authorize(pat.secret)).status, 200);
      const at = first.clock.now();
      await first.server.close();
      servers.splice(servers.indexOf(first.server), 1);

      const second = await fixture({ dbPath });
      second.clock.ms = at;
      assert.equal((await second.usage(pat.id)).allowed, 3);
      assert.deepEqual(await second.kinds(pat.id), ['new_address', 'created']);
    });
  });
}
