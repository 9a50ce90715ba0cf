/** The mocks on their own: scenarios, the store's secret handling, identity, the handler list. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setupServer } from 'msw/node';
import { DAY_MS as DAY, DEFAULT_CATALOG, Problem, SECRET_PATTERN, patStatus, secretPatId, type Pat } from '../contract/index.js';
import * as index from './index.js';
import { INTERNAL_ERROR_BODY } from './index.js';
import { createHandlers, mockTokenFor, mockTokenUser } from './handlers.js';
import { SCENARIO_NAMES, createScenario, scenarioSettings, scenarios, seededId } from './scenarios.js';
import { MockStore } from './store.js';

const NOW = Date.parse('2026-06-01T12:00:00.000Z');
const ALL = { offset: 0, limit: 100, status: 'all', sort: 'issued_at', dir: 'desc' } as const;

type Fetch = (
  method: string,
  path: string,
  init?: { token?: string | null; body?: unknown },
) => Promise<{ status: number; body: any; headers: Headers }>;

function caller(base: string): Fetch {
  return async (method, path, { token = mockTokenFor('alice'), body } = {}) => {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
  };
}

describe('identity', () => {
  test('mockTokenFor and mockTokenUser', () => {
    assert.equal(mockTokenFor('alice'), 'mock-token:alice');
    assert.equal(mockTokenUser(mockTokenFor('bob')), 'bob');
    assert.equal(mockTokenUser('mock-token:'), undefined);
    assert.equal(mockTokenUser(`mock-token:${'x'.repeat(256)}`), undefined);
    assert.equal(mockTokenUser('eyJhbGciOiJIUzI1NiJ9.e30.x'), undefined);
  });
});

describe('the store', () => {
  test('a secret is shown once, kept as a digest, and verifies', () => {
    let now = NOW;
    const store = new MockStore({ now: () => now });
    const created = store.create('alice', {
      name: 'CI',
      duration: '1d',
      scopes: [{ entity_type: 'clients', operation: 'read', entity_id: '*' }],
    });
    assert.match(created.secret, SECRET_PATTERN);
    assert.equal(secretPatId(created.secret), created.id);
    assert.equal('secret' in store.get('alice', created.id), false);
    assert.equal('secret' in store.list('alice', ALL).pats[0]!, false);
    assert.equal('secret' in store.rename('alice', created.id, 'CI 2'), false);
    assert.equal(JSON.stringify(store).includes(created.secret), false);

    const request = { entity_type: 'clients', operation: 'read', entity_id: 'c-1' };
    assert.deepEqual(store.authorize(created.secret, request, '10.0.0.1'), { allowed: true, user_id: 'alice', pat_id: created.id });
    const tampered = created.secret.slice(0, 30) + (created.secret[30] === 'a' ? 'b' : 'a') + created.secret.slice(31);
    assert.equal(store.authorize(tampered, request).allowed, false);
    assert.equal(store.get('alice', created.id).last_used_ip, '10.0.0.1');

    const again = store.reset('alice', created.id, '2d');
    assert.notEqual(again.secret, created.secret);
    assert.equal(store.authorize(created.secret, request).allowed, false);
    assert.equal(store.authorize(again.secret, request).allowed, true);
    now += 3 * 86_400_000;
    assert.deepEqual(store.authorize(again.secret, request), {
      allowed: false,
      reason: 'unauthenticated',
      message: 'The personal access token is invalid, revoked or expired.',
    });
  });

  test('isolation: another user gets the same 404 as an unknown id', () => {
    const store = new MockStore();
    const { id } = store.create('alice', { name: 'Mine', duration: '1d' });
    for (const attempt of [
      () => store.get('bob', id),
      () => store.get('alice', '00000000-0000-4000-8000-000000000000'),
      () => store.remove('bob', id),
    ]) {
      assert.throws(attempt, (error: Problem) => error.code === 'not_found' && error.message === 'No personal access token with this id.');
    }
    assert.equal(store.list('bob', ALL).total, 0);
    assert.equal(store.create('bob', { name: 'mine', duration: '1d' }).name, 'mine');
    assert.throws(
      () => store.create('alice', { name: 'MINE', duration: '1d' }),
      (error: Problem) => error.code === 'conflict',
    );
  });

  test('a seeded PAT keeps its history and its secret works', () => {
    const store = new MockStore({ now: () => NOW });
    const seeded = store.seed('alice', {
      name: 'Old',
      issuedAt: NOW - 10_000,
      expiresAt: NOW + 10_000,
      revokedAt: NOW - 5_000,
      lastUsedAt: NOW - 6_000,
      lastUsedIp: '10.1.1.1',
      scopes: [{ id: '11111111-1111-4111-8111-111111111111', entity_type: 'clients', operation: 'read', entity_id: '*' }],
    });
    assert.equal(seeded.status, 'revoked');
    assert.equal(seeded.updated_at, new Date(NOW - 5_000).toISOString());
    assert.equal(store.listScopes('alice', seeded.id, 0, 10).scopes[0]!.id, '11111111-1111-4111-8111-111111111111');
    assert.equal(store.authorize(seeded.secret, { entity_type: 'clients', operation: 'read', entity_id: 'x' }).allowed, false);
    assert.equal(seeded.created_at, seeded.issued_at, 'made when issued, unless the seed says otherwise');
    assert.equal(store.get('alice', seeded.id).last_used_ip, '10.1.1.1');
    store.reset('alice', seeded.id, '1d');
    const regenerated = store.get('alice', seeded.id);
    assert.deepEqual(
      [regenerated.created_at, regenerated.issued_at, regenerated.last_used_at, regenerated.last_used_ip],
      [seeded.created_at, new Date(NOW).toISOString(), null, null],
      'regenerate keeps created_at and clears the last use, which was of the old secret',
    );
  });

  test('every change is an event of the PAT, with who made it and from where; a change that changes nothing is none', () => {
    let now = NOW;
    const store = new MockStore({ now: () => now });
    const caller = { userId: 'alice', ip: '198.51.100.20', userAgent: 'Firefox/134.0' };
    const read = { entity_type: 'clients', operation: 'read', entity_id: 'c-1' };
    const pat = store.create(caller, { name: 'Deploy', duration: '30d', scopes: [read] });
    const step = () => (now += 1000);
    const changes: (() => unknown)[] = [
      () => store.rename(caller, pat.id, 'Deploy'),
      () => store.rename(caller, pat.id, 'Deploy bot'),
      () => store.describe(caller, pat.id, ''),
      () => store.describe(caller, pat.id, 'CI'),
      () => store.addScopes(caller, pat.id, [{ ...read, entity_id: '*' }]),
      () => store.removeScopes(caller, pat.id, ['made-up']),
      () => store.clearScopes(caller, pat.id),
      () => store.clearScopes(caller, pat.id),
      () => store.revoke(caller, pat.id),
      () => store.revoke(caller, pat.id),
      () => store.reset(caller, pat.id, '7d'),
    ];
    for (const change of changes) {
      step();
      change();
    }
    const page = store.listPatEvents('alice', pat.id, 0, 100);
    assert.deepEqual(
      page.events.map((event) => event.kind),
      ['regenerated', 'revoked', 'scopes_cleared', 'scopes_removed', 'scopes_added', 'described', 'renamed', 'created'],
      'newest first; at the same instant, the last recorded first',
    );
    assert.equal(page.total, 8);
    for (const event of page.events) {
      assert.deepEqual([event.pat_id, event.actor, event.ip, event.user_agent], [pat.id, 'alice', '198.51.100.20', 'Firefox/134.0']);
    }
    const [regenerated, , cleared, removed, added, described, renamed, created] = page.events;
    assert.deepEqual(created!.details, { expires_at: pat.expires_at, scopes: [{ ...read, domain_id: null }] });
    assert.equal(created!.pat_name, 'Deploy');
    assert.deepEqual([renamed!.pat_name, renamed!.details], ['Deploy bot', { from: 'Deploy', to: 'Deploy bot' }]);
    assert.deepEqual(described!.details, { from: '', to: 'CI' });
    assert.deepEqual(added!.details, { scopes: [{ ...read, entity_id: '*', domain_id: null }] });
    assert.deepEqual(removed!.details, { scopes: [{ ...read, domain_id: null }] }, 'the scope the wildcard replaced');
    assert.deepEqual(cleared!.details, { scopes: [{ ...read, entity_id: '*', domain_id: null }] });
    assert.deepEqual(regenerated!.details, { expires_at: store.get('alice', pat.id).expires_at });
    assert.deepEqual(
      store.listPatEvents('alice', pat.id, 1, 2).events.map((event) => event.kind),
      ['revoked', 'scopes_cleared'],
    );
    assert.throws(
      () => store.listPatEvents('bob', pat.id, 0, 10),
      (error: Problem) => error.code === 'not_found',
    );
    assert.equal(store.listEvents('bob', 0, 10).total, 0);
  });

  test('checks with the right secret are counted by UTC day; the first from an address is an event', () => {
    let now = NOW;
    const store = new MockStore({ now: () => now });
    const pat = store.create('alice', {
      name: 'Used',
      duration: '30d',
      scopes: [{ entity_type: 'clients', operation: 'read', entity_id: '*' }],
    });
    const read = { entity_type: 'clients', operation: 'read', entity_id: 'c-1' };
    for (let n = 0; n < 3; n++) store.authorize(pat.secret, read, '203.0.113.7', 'grafana-agent/0.40');
    store.authorize(pat.secret, { ...read, operation: 'delete' }, '203.0.113.7');
    store.authorize(`${pat.secret.slice(0, -4)}AAAA`, read, '192.0.2.99');
    now += 86_400_000;
    store.authorize(pat.secret, read, '192.0.2.44', 'curl/8.5');
    store.revoke('alice', pat.id);
    store.authorize(pat.secret, read, '192.0.2.44');
    const usage = store.usage('alice', pat.id, 3);
    assert.deepEqual(usage, {
      pat_id: pat.id,
      days: [
        { day: '2026-05-31', allowed: 0, denied: 0 },
        { day: '2026-06-01', allowed: 3, denied: 1 },
        { day: '2026-06-02', allowed: 1, denied: 1 },
      ],
      allowed: 4,
      denied: 2,
    });
    assert.equal(store.usage('alice', pat.id).days.length, 30);
    const used = store.listPatEvents('alice', pat.id, 0, 10).events.filter((event) => event.kind === 'new_address');
    assert.deepEqual(
      used.map((event) => [event.ip, event.user_agent, event.actor]),
      [
        ['192.0.2.44', 'curl/8.5', 'alice'],
        ['203.0.113.7', 'grafana-agent/0.40', 'alice'],
      ],
    );
  });

  test('the expiry scan records each expiry once; a deleted PAT’s events stay for 90 days', () => {
    let now = NOW;
    const store = new MockStore({ now: () => now });
    const pat = store.create('alice', { name: 'Short', duration: '1h' });
    now += 2 * 3_600_000;
    store.scan();
    store.scan();
    const kinds = () => store.listEvents('alice', 0, 10).events.map((event) => event.kind);
    assert.deepEqual(kinds(), ['expired', 'created']);
    const expired = store.listEvents('alice', 0, 1).events[0]!;
    assert.deepEqual(
      [expired.actor, expired.ip, expired.user_agent, expired.details],
      ['system', null, null, { expires_at: pat.expires_at }],
    );
    store.remove('alice', pat.id);
    assert.deepEqual(kinds(), ['deleted', 'expired', 'created']);
    assert.throws(
      () => store.usage('alice', pat.id),
      (error: Problem) => error.code === 'not_found',
    );
    now += 90 * 86_400_000 - 1;
    assert.equal(store.listEvents('alice', 0, 10).total, 3);
    now += 2;
    assert.equal(store.listEvents('alice', 0, 10).total, 0, 'gone 90 days after the delete');
  });

  test('the catalog is served with presets within the maximum lifetime', () => {
    assert.deepEqual(new MockStore().catalog.entity_types, DEFAULT_CATALOG.entity_types);
    const short = new MockStore({ maxLifetime: '30d' });
    assert.deepEqual(
      short.catalog.durations.map((preset) => preset.value),
      ['24h', '7d', '30d'],
    );
    assert.equal(short.catalog.max_lifetime, '30d');
    assert.throws(
      () => short.create('alice', { name: 'x', duration: '31d' }),
      (error: Problem) => error.details?.[0]?.field === 'duration',
    );
  });
});

describe('scenarios', () => {
  const statuses = (pats: Pat[]) =>
    pats.reduce<Record<string, number>>((counts, pat) => ({ ...counts, [pat.status]: (counts[pat.status] ?? 0) + 1 }), {});

  test('every name has data and settings', () => {
    assert.deepEqual(Object.keys(scenarios).sort(), [...SCENARIO_NAMES].sort());
    assert.deepEqual(Object.keys(scenarioSettings).sort(), [...SCENARIO_NAMES].sort());
    assert.equal(scenarioSettings.slow.latencyMs, 2000);
    assert.equal(scenarioSettings.error.failWith500, true);
  });

  test('default: a realistic mix for alice and bob', () => {
    const store = scenarios.default({ now: NOW, clock: () => NOW });
    const alice = store.list('alice', ALL).pats;
    assert.equal(alice.length, 12);
    assert.deepEqual(statuses(alice), { active: 8, revoked: 2, expired: 2 });
    assert.deepEqual(store.summary('alice'), { active: 8, expiring_soon: 2, revoked: 2, expired: 2, total: 12 });
    assert.ok(
      alice.some((pat) => pat.last_used_at === null && pat.status === 'active'),
      'a never-used one',
    );
    assert.ok(alice.filter((pat) => pat.last_used_ip).length >= 6, 'used ones with an ip');
    assert.ok(alice.every((pat) => pat.scopes_count >= 0 && pat.scopes_count <= 5));
    assert.ok(alice.some((pat) => pat.scopes_count === 0) && alice.some((pat) => pat.scopes_count === 5));
    assert.ok(alice.some((pat) => pat.name === 'CI deploy') && alice.some((pat) => pat.name === 'Grafana dashboards read-only'));
    for (const pat of alice) {
      assert.equal(pat.status, patStatus(pat, NOW));
      if (pat.last_used_at) assert.ok(pat.last_used_at >= pat.issued_at && pat.last_used_at <= new Date(NOW).toISOString(), pat.name);
    }
    const bob = store.list('bob', ALL).pats;
    assert.equal(bob.length, 5);
    assert.deepEqual(new Set(bob.map((pat) => pat.status)), new Set(['active', 'revoked', 'expired']));
    assert.equal(store.list('carol', ALL).total, 0);
  });

  test('idle: a server whose tokens expire unused for 90 days at most; alice’s tokens show each way an idle limit ends one', () => {
    const store = scenarios.idle({ now: NOW, clock: () => NOW });
    assert.equal(store.catalog.max_idle, '90d');
    const alice = store.list('alice', ALL).pats;
    assert.equal(alice.length, 7);
    assert.deepEqual(statuses(alice), { active: 4, revoked: 1, expired: 2 });
    assert.deepEqual(store.summary('alice'), { active: 4, expiring_soon: 1, revoked: 1, expired: 2, total: 7 });
    const pat = (name: string) => alice.find((entry) => entry.name === name)!;
    assert.ok(
      alice.every((entry) => entry.max_idle !== null),
      'every token has a limit, the server’s at most',
    );
    assert.equal(pat('Quarterly audit').max_idle, '90d');
    assert.equal(pat('Backup agent').idle_expires_at, new Date(NOW + 5 * DAY).toISOString());
    assert.deepEqual([pat('Legacy importer').status, pat('Legacy importer').expired_reason], ['expired', 'idle']);
    assert.deepEqual([pat('Staging smoke tests').status, pat('Staging smoke tests').expired_reason], ['expired', 'lifetime']);
    assert.equal(pat('Release bot').idle_expires_at, null, 'its lifetime ends first');
    const history = store.listPatEvents('alice', pat('Legacy importer').id, 0, 10).events;
    assert.deepEqual(history[0]!.details, {
      expires_at: pat('Legacy importer').expires_at,
      reason: 'idle',
      idle_expires_at: pat('Legacy importer').idle_expires_at,
      max_idle: '30d',
    });
    assert.equal(history.at(-1)!.details.max_idle, '30d');
    assert.equal(store.list('bob', ALL).total, 0);
  });

  test('deterministic: same names, ids and times for the same now', () => {
    const one = scenarios.default({ now: NOW, clock: () => NOW });
    const two = scenarios.default({ now: NOW, clock: () => NOW });
    assert.deepEqual(two.list('alice', ALL), one.list('alice', ALL));
    const first = one.list('alice', ALL).pats[0]!;
    assert.deepEqual(two.listScopes('alice', first.id, 0, 10), one.listScopes('alice', first.id, 0, 10));
    const later = scenarios.default({ now: NOW + 86_400_000, clock: () => NOW + 86_400_000 });
    assert.deepEqual(
      later.list('alice', ALL).pats.map((pat) => [pat.id, pat.name, pat.status]),
      one.list('alice', ALL).pats.map((pat) => [pat.id, pat.name, pat.status]),
    );
  });

  test('default: every PAT has a history and the used ones a daily use, with each event’s name then', () => {
    const store = scenarios.default({ now: NOW, clock: () => NOW });
    for (const pat of store.list('alice', ALL).pats) {
      const { events } = store.listPatEvents('alice', pat.id, 0, 100);
      assert.equal(events.at(-1)!.kind, 'created', pat.name);
      if (pat.revoked)
        assert.ok(
          events.some((event) => event.kind === 'revoked'),
          pat.name,
        );
      if (pat.status === 'expired')
        assert.ok(
          events.some((event) => event.kind === 'expired' && event.actor === 'system'),
          pat.name,
        );
      if (pat.last_used_ip)
        assert.ok(
          events.some((event) => event.kind === 'new_address' && event.ip === pat.last_used_ip),
          pat.name,
        );
    }
    const all = store.listEvents('alice', 0, 100);
    assert.ok(all.total > 30, `${all.total} events`);
    for (const kind of ['created', 'renamed', 'described', 'scopes_added', 'revoked', 'regenerated', 'expired', 'new_address']) {
      assert.ok(
        all.events.some((event) => event.kind === kind),
        kind,
      );
    }
    assert.ok(
      all.events.some((event) => event.actor !== 'alice' && event.actor !== 'system'),
      'a change by someone else',
    );
    const ci = seededId('alice', 'CI deploy');
    const ciEvents = store.listPatEvents('alice', ci, 0, 100).events;
    assert.equal(ciEvents.at(-1)!.pat_name, 'GitHub Actions deploy', 'named as it was before its rename');
    assert.equal(ciEvents[0]!.pat_name, 'CI deploy');
    assert.equal(ciEvents.at(-1)!.details.scopes!.length, 3, 'made with the scopes it has less the one added since');
    const grafana = store.usage('alice', seededId('alice', 'Grafana dashboards read-only'));
    assert.ok(grafana.allowed > 10_000 && grafana.days.at(-1)!.allowed > 0, `${grafana.allowed} checks`);
    const local = store.usage('alice', seededId('alice', 'Local development'));
    assert.deepEqual([local.allowed, local.denied], [0, 0], 'never used');
    assert.deepEqual(scenarios.default({ now: NOW, clock: () => NOW }).usage('alice', ci, 90), store.usage('alice', ci, 90));
  });

  test('empty and many', () => {
    assert.equal(scenarios.empty().count(), 0);
    const many = scenarios.many({ now: NOW, clock: () => NOW });
    assert.equal(many.count('alice'), 250);
    const summary = many.summary('alice');
    assert.equal(summary.total, 250);
    for (const key of ['active', 'expiring_soon', 'revoked', 'expired'] as const) assert.ok(summary[key] > 0, key);
    const page = many.list('alice', { ...ALL, offset: 200, limit: 100 });
    assert.equal(page.pats.length, 50);
  });
});

describe('handlers under msw/node', () => {
  const server = setupServer();
  before(() => server.listen({ onUnhandledRequest: 'error' }));
  after(() => server.close());

  test('one handler per management route, the demo routes, and a fallback', () => {
    const handlers = createHandlers({ store: new MockStore() });
    const headers = handlers.map((handler) => handler.info.header);
    for (const route of [
      'POST /api/pats',
      'GET /api/pats',
      'DELETE /api/pats',
      'GET /api/pats/catalog',
      'GET /api/pats/summary',
      'GET /api/pats/:id',
      'DELETE /api/pats/:id',
      'PATCH /api/pats/:id/name',
      'PATCH /api/pats/:id/description',
      'PATCH /api/pats/:id/secret/reset',
      'PATCH /api/pats/:id/secret/revoke',
      'GET /api/pats/:id/scope',
      'PATCH /api/pats/:id/scope/add',
      'PATCH /api/pats/:id/scope/remove',
      'DELETE /api/pats/:id/scope',
      'GET /api/pats/:id/events',
      'GET /api/pats/:id/usage',
      'GET /api/events',
      'POST /api/authorize',
      'GET /api/demo/users',
      'POST /api/demo/login',
    ]) {
      assert.ok(headers.includes(route), route);
    }
    assert.equal(headers.at(-1), '* /api/*');
  });

  test('a relative base URL matches any origin in Node; requests elsewhere are not taken', async () => {
    const { store } = createScenario('default', { now: NOW });
    server.resetHandlers(...createHandlers({ store, baseUrl: '/custom/base' }));
    const call = caller('http://example.test/custom/base');
    const summary = await call('GET', '/pats/summary');
    assert.equal(summary.status, 200);
    assert.equal(summary.body.total, 12);
    await assert.rejects(fetch('http://example.test/api/pats'));
  });

  test('demo login gives a token that works', async () => {
    server.resetHandlers(...createScenario('default', { baseUrl: 'http://localhost/api' }).handlers);
    const call = caller('http://localhost/api');
    const login = await call('POST', '/demo/login', { token: null, body: { user: 'bob' } });
    assert.equal(login.status, 200);
    assert.deepEqual(login.body, { access_token: 'mock-token:bob', user: { id: 'bob', name: 'Bob Martin', email: 'bob@example.com' } });
    const list = await call('GET', '/pats?status=all', { token: login.body.access_token });
    assert.equal(list.body.total, 5);
    const users = await call('GET', '/demo/users', { token: null });
    assert.deepEqual(
      users.body.users.map((user: { id: string }) => user.id),
      ['alice', 'bob', 'carol'],
    );
  });

  test('error: every route answers the generic 500', async () => {
    server.resetHandlers(...index.scenarioHandlers('error', { baseUrl: 'http://localhost/api' }));
    const call = caller('http://localhost/api');
    for (const [method, path] of [
      ['GET', '/pats'],
      ['POST', '/pats'],
      ['GET', '/pats/catalog'],
      ['GET', '/pats/summary'],
      ['GET', '/pats/00000000-0000-4000-8000-000000000000'],
      ['PATCH', '/pats/x/scope/add'],
      ['GET', '/events'],
      ['GET', '/pats/00000000-0000-4000-8000-000000000000/usage'],
      ['POST', '/authorize'],
      ['GET', '/demo/users'],
      ['POST', '/demo/login'],
    ] as const) {
      const answer = await call(method, path, { body: method === 'GET' ? undefined : {} });
      assert.equal(answer.status, 500, `${method} ${path}`);
      assert.deepEqual(answer.body, INTERNAL_ERROR_BODY);
    }
  });

  test('slow: answers after about 2 s', async () => {
    server.resetHandlers(...index.scenarioHandlers('slow', { baseUrl: 'http://localhost/api' }));
    const started = Date.now();
    const answer = await caller('http://localhost/api')('GET', '/pats/summary');
    assert.equal(answer.status, 200);
    assert.ok(Date.now() - started >= 1900, `took ${Date.now() - started} ms`);
  });

  test('a store passed in is the one served', async () => {
    const store = scenarios.empty();
    server.resetHandlers(...index.scenarioHandlers('many', { store, baseUrl: 'http://localhost/api' }));
    const call = caller('http://localhost/api');
    const created = await call('POST', '/pats', { body: { name: 'Mine', duration: '7d' } });
    assert.equal(created.status, 201);
    assert.equal(store.count('alice'), 1);
    assert.equal(store.get('alice', created.body.id).name, 'Mine');
  });
});
