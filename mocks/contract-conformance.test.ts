/**
 * The mocks answer like the server: the same sequence of requests goes to the real server
 * (Express + in-memory SQLite, through HTTP) and to the MSW handlers (through msw/node and
 * fetch), and every answer must match: status, the headers that matter, and the JSON body
 * exactly, up to ids and secrets (each side makes its own). Both sides share one clock, so
 * every time is compared too. Every request names the same user agent, and comes from
 * 127.0.0.1 (the mock's default client address), so the events' `ip` and `user_agent` compare.
 * The server's expiry scan runs only when a test runs it, and the mock's with it.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setupServer } from 'msw/node';
import { SECRET_PATTERN, secretPatId } from '../contract/index.js';
import { makeCaller, startServer, type CallOptions, type CallResult, type TestServer } from '../server/test/harness.js';
import { createHandlers, mockTokenFor } from './handlers.js';
import { MockStore } from './store.js';

const MOCK_BASE = 'http://localhost/api';
const UUIDS = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** The user agent every request sends, for the events to record. */
const USER_AGENT = 'pat-kit-conformance/1.0';

type Who = 'alice' | 'bob' | 'carol';

interface Side {
  name: 'server' | 'mock';
  call: (method: string, path: string, options?: CallOptions) => Promise<CallResult>;
  tokens: Record<Who, string>;
  /** PAT ids by the label the test gave them. */
  ids: Record<string, string>;
  secrets: Record<string, string>;
  /** uuid → label, for comparing bodies. */
  labels: Map<string, string>;
  counter: number;
}

interface Step extends Omit<CallOptions, 'token' | 'body'> {
  /**
   * Whose user token to send (alice by default); null for none; `{bearer}` for a literal one;
   * `{pat}` for the secret of the PAT the test labelled so (each side has its own).
   */
  as?: Who | null | { bearer: string } | { pat: string };
  body?: unknown | ((side: Side) => unknown);
  /**
   * The list's sort key: PATs with equal keys are ordered by id, and ids differ between the
   * sides, so each run of equal keys is compared as a set.
   */
  tiesBy?: string;
  /** The status both must answer (a check on the test itself). */
  expect?: number;
}

type PathOf = string | ((side: Side) => string);

let server: TestServer;
let msw: ReturnType<typeof setupServer>;
let store: MockStore;
let sides: [Side, Side];

function register(side: Side, id: string, label: string): void {
  side.ids[label] = id;
  side.labels.set(id, label);
}

/** Replaces what legitimately differs between the sides: ids (by label) and secrets. */
function normalize(side: Side, value: unknown): unknown {
  if (typeof value === 'string') {
    if (value.startsWith('pat_') && SECRET_PATTERN.test(value)) return '<secret>';
    return value.replace(UUIDS, (uuid) => {
      let label = side.labels.get(uuid);
      if (!label) {
        label = `uuid#${side.counter++}`;
        side.labels.set(uuid, label);
      }
      return `<${label}>`;
    });
  }
  if (Array.isArray(value)) return value.map((entry) => normalize(side, entry));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, normalize(side, entry)]));
  }
  return value;
}

const HEADERS = ['content-type', 'cache-control', 'www-authenticate', 'allow', 'x-content-type-options', 'referrer-policy'];

/** Orders each run of items with the same `key` by their (normalized) JSON. */
function untieList(items: Record<string, unknown>[], key: string): Record<string, unknown>[] {
  const sorted: Record<string, unknown>[] = [];
  for (let start = 0; start < items.length;) {
    let end = start + 1;
    while (end < items.length && items[end]![key] === items[start]![key]) end++;
    sorted.push(...items.slice(start, end).sort((x, y) => (JSON.stringify(x) < JSON.stringify(y) ? -1 : 1)));
    start = end;
  }
  return sorted;
}

/**
 * Orders each run of PATs with the same `key` by their (normalized) JSON; and each run of events
 * of the same instant, which the server orders by their (random) ids.
 */
function untie(body: unknown, key: string | undefined): unknown {
  const { pats, events } = (body ?? {}) as { pats?: Record<string, unknown>[]; events?: Record<string, unknown>[] };
  if (Array.isArray(events)) return { ...(body as object), events: untieList(events, 'at') };
  if (!key || !Array.isArray(pats)) return body;
  return { ...(body as object), pats: untieList(pats, key) };
}

/**
 * An event's id is new on each side, and events of the same instant come in a different order:
 * each must be a UUID, and is compared as `<event>` (not numbered in the order it was met).
 */
function withoutEventIds(body: unknown): unknown {
  const events = (body as { events?: { id: unknown }[] } | undefined)?.events;
  if (!Array.isArray(events)) return body;
  for (const event of events) assert.match(String(event.id), UUID, 'an event id');
  return { ...(body as object), events: events.map((event) => ({ ...event, id: '<event>' })) };
}

async function callOn(side: Side, method: string, path: PathOf, step: Step): Promise<CallResult> {
  const { as = 'alice', body, tiesBy: _ties, expect: _expect, ...rest } = step;
  const token = as === null ? null : typeof as === 'string' ? side.tokens[as] : 'bearer' in as ? as.bearer : side.secrets[as.pat]!;
  const options: CallOptions = { ...rest, headers: { 'user-agent': USER_AGENT, ...rest.headers }, token };
  if (body !== undefined) options.body = typeof body === 'function' ? (body as (side: Side) => unknown)(side) : body;
  return side.call(method, typeof path === 'function' ? path(side) : path, options);
}

/** Sends one request to both, asserts the answers match, returns both. */
async function both(method: string, path: PathOf, step: Step = {}): Promise<{ server: CallResult; mock: CallResult }> {
  const [serverSide, mockSide] = sides;
  const real = await callOn(serverSide, method, path, step);
  // The server writes what a check leaves behind (its last use) just after answering, the mock
  // at once: what the next request reads must be written on both sides.
  if (path === '/authorize') await server.app.locals.patKit.flush();
  const mocked = await callOn(mockSide, method, path, step);
  const what = `${method} ${typeof path === 'string' ? path : path(serverSide)}`;
  if (step.expect !== undefined) assert.equal(real.status, step.expect, `${what}: the server's status (${JSON.stringify(real.body)})`);
  assert.equal(
    mocked.status,
    real.status,
    `${what}: status (server said ${JSON.stringify(real.body)}, mock said ${JSON.stringify(mocked.body)})`,
  );
  for (const header of HEADERS) {
    assert.equal(mocked.headers.get(header), real.headers.get(header), `${what}: header ${header}`);
  }
  const a = untie(normalize(serverSide, withoutEventIds(real.body)), step.tiesBy);
  const b = untie(normalize(mockSide, withoutEventIds(mocked.body)), step.tiesBy);
  assert.deepStrictEqual(b, a, `${what}: body`);
  assert.equal(JSON.stringify(b), JSON.stringify(a), `${what}: key order`);
  return { server: real, mock: mocked };
}

/** Creates the same PAT on both sides and labels its id; moves the clock a second on. */
async function create(label: string, body: Record<string, unknown>, as: Who = 'alice') {
  const answer = await both('POST', '/pats', { as, body });
  assert.equal(answer.server.status, 201, JSON.stringify(answer.server.body));
  for (const [side, result] of [
    [sides[0], answer.server],
    [sides[1], answer.mock],
  ] as const) {
    assert.match(result.body.secret, SECRET_PATTERN);
    assert.equal(secretPatId(result.body.secret), result.body.id, 'the secret names its PAT');
    side.secrets[label] = result.body.secret;
  }
  // Labels are assigned before the next comparison; the first one has already seen the ids.
  relabel(label, answer.server.body.id, answer.mock.body.id);
  server.clock.advance(1000);
  return answer;
}

function relabel(label: string, serverId: string, mockId: string): void {
  for (const [side, id] of [
    [sides[0], serverId],
    [sides[1], mockId],
  ] as const) {
    const old = side.labels.get(id);
    assert.equal(old?.startsWith('uuid#'), true, 'create answers were normalized first');
    register(side, id, label);
  }
}

const id =
  (label: string, suffix = '') =>
  (side: Side) =>
    `/pats/${side.ids[label]}${suffix}`;

/**
 * What the checks so far left behind is in the server's database (its `new_address` events are
 * written after the answer), and the expiry scan has run on both sides.
 */
async function settle(): Promise<void> {
  const kit = server.app.locals.patKit;
  await kit.flush();
  await kit.scan();
  store.scan();
}

before(async () => {
  // The largest interval a timer takes: the scan runs only when settle() runs it.
  server = await startServer({ demo: true, scanIntervalMs: 2 ** 31 - 1 });
  store = new MockStore({ now: server.clock.now });
  msw = setupServer(...createHandlers({ store, baseUrl: MOCK_BASE, expiryScan: false }));
  msw.listen({ onUnhandledRequest: 'bypass' });
  const users: Who[] = ['alice', 'bob', 'carol'];
  const serverTokens = Object.fromEntries(await Promise.all(users.map(async (user) => [user, await server.tokenFor(user)]))) as Record<
    Who,
    string
  >;
  const mockTokens = Object.fromEntries(users.map((user) => [user, mockTokenFor(user)])) as Record<Who, string>;
  sides = [
    { name: 'server', call: server.call, tokens: serverTokens, ids: {}, secrets: {}, labels: new Map(), counter: 0 },
    { name: 'mock', call: makeCaller(MOCK_BASE), tokens: mockTokens, ids: {}, secrets: {}, labels: new Map(), counter: 0 },
  ];
});

after(async () => {
  msw?.close();
  await server?.close();
});

describe('the mocks answer like the server', () => {
  test('catalog and an empty start', async () => {
    await both('GET', '/pats/catalog');
    await both('GET', '/pats');
    await both('GET', '/pats/summary');
    await both('GET', '/pats/catalog/');
    await both('GET', '/PATS/Summary');
  });

  test('who is calling: no token 401, other token 401, pat_ bearer 403', async () => {
    await both('GET', '/pats', { as: null, expect: 401 });
    await both('GET', '/pats', { as: { bearer: 'not-a-token' } });
    await both('GET', '/pats', { headers: { authorization: 'Basic YWxpY2U6c2VjcmV0' }, as: null });
    await both('GET', '/pats/catalog', { as: { bearer: 'pat_abc' }, expect: 403 });
    await both('DELETE', '/pats', { as: { bearer: 'pat_1R4RMsFkiccVhN460xPtwZ_xU7PB8VDpEOMrRTd1xfYwJJYaIfHjsfHFCHtUOOOqzQ1gha1E' } });
    // Identity comes before the body checks.
    await both('POST', '/pats', { as: null, raw: 'hello', headers: { 'content-type': 'text/plain' } });
    await both('POST', '/pats', { as: { bearer: 'pat_x' }, raw: '{', headers: {} });
    await both('GET', '/pats/x/y', { as: null });
  });

  test('create: plain, with description, with scopes (merged)', async () => {
    await create('ci', { name: 'CI deploy', description: 'Deploys the gateway', duration: '30d' });
    await create('grafana', {
      name: '  Grafana dashboards read-only  ',
      duration: '90d',
      scopes: [
        { entity_type: 'dashboards', operation: 'read', entity_id: 'dash-1' },
        { entity_type: 'dashboards', operation: 'read', entity_id: '*' },
        { entity_type: 'dashboards', operation: 'read', entity_id: 'dash-2' },
        { entity_type: 'channels', operation: 'list', entity_id: '*', domain_id: 'd-1' },
        { entity_type: 'messages', operation: 'publish', entity_id: ' ch-1 ', domain_id: '' },
        { entity_type: 'messages', operation: 'publish', entity_id: 'ch-1', domain_id: null },
      ],
    });
    await both('GET', id('grafana', '/scope'));
    // Made to live just over a week: expiring soon from its first hour (the list test below).
    await create('soon', {
      name: 'Nightly backup',
      duration: '7d1h',
      scopes: [{ entity_type: 'clients', operation: 'list', entity_id: '*' }],
    });
    await create('emoji', { name: '🚀'.repeat(200), duration: '1h30m' });
    await create('bob-grafana', { name: 'Grafana dashboards read-only', duration: '7d' }, 'bob');
    await both('GET', '/pats?status=all');
    await both('GET', '/pats?status=all', { as: 'bob' });
  });

  test('create: duplicate name is 409, case-insensitively', async () => {
    await both('POST', '/pats', { body: { name: 'CI deploy', duration: '1d' }, expect: 409 });
    await both('POST', '/pats', { body: { name: ' ci DEPLOY ', duration: '1d' }, expect: 409 });
    await create('umlaut', { name: 'Ärger im Büro', duration: '1d' }, 'carol');
    await both('POST', '/pats', { as: 'carol', body: { name: 'ärger im büro', duration: '1d' }, expect: 409 });
    await both('GET', '/pats?name=%C3%84RGER', { as: 'carol' });
    await both('GET', '/pats?name=B%C3%9CRO', { as: 'carol' });
  });

  test('create: name rules', async () => {
    for (const name of ['', '   ', 'x'.repeat(255), ' '.repeat(300), 42, null, [], ['x'], { length: 300 }]) {
      await both('POST', '/pats', { body: { name, duration: '1d' } });
    }
    await both('POST', '/pats', { body: { duration: '1d' } });
    await both('POST', '/pats', { body: { name: 'x', duration: '1d', description: 'd'.repeat(1025) } });
    await both('POST', '/pats', { body: { name: 'x', duration: '1d', description: null } });
  });

  test('create: bad durations', async () => {
    for (const duration of ['0s', '-1h', 'abc', '400d', '366d', '', '  ', '0', '1y1s', 'x'.repeat(65), 5, null]) {
      await both('POST', '/pats', { body: { name: 'Duration test', duration } });
    }
    await both('POST', '/pats', { body: { name: 'Duration test' } });
  });

  test('create: scope rules (catalog, shape, limits)', async () => {
    const scope = (entity_type: unknown, operation: unknown, entity_id: unknown = '*', extra = {}) => ({
      entity_type,
      operation,
      entity_id,
      ...extra,
    });
    const cases: unknown[] = [
      [scope('robots', 'read')],
      [scope('clients', 'publish')],
      [scope('robots', 'read'), scope('clients', 'fly'), scope('clients', 'read')],
      [scope('domains', 'create')],
      [
        scope('', 'read'),
        scope('clients', ' '),
        scope('clients', 'read', 7),
        null,
        'x',
        [],
        scope('clients', 'read', '*', { domain_id: '  ' }),
      ],
      [{}],
      Array.from({ length: 101 }, (_, i) => scope('clients', 'read', `c-${i}`)),
      'not a list',
      {},
    ];
    for (const scopes of cases) await both('POST', '/pats', { body: { name: 'Scope test', duration: '1d', scopes } });
    // The lifetime is checked before the catalog.
    await both('POST', '/pats', { body: { name: 'Scope test', duration: '0s', scopes: [scope('robots', 'read')] } });
    // Shape problems are all reported together.
    await both('POST', '/pats', { body: { name: '', duration: 7, description: 1, scopes: [scope('x', 'y', '')] } });
  });

  test('bodies: malformed JSON 400, non-objects 400, text/plain 415, too large 413', async () => {
    for (const raw of ['{"name":', 'null', '"x"', '42', '[]', '   ', 'nope', '{"name":"x",}']) {
      await both('POST', '/pats', { raw });
    }
    await both('POST', '/pats', { raw: 'hello', headers: { 'content-type': 'text/plain' }, expect: 415 });
    await both('POST', '/pats', { raw: '{"name":"x","duration":"1d"}', headers: { 'content-type': 'text/plain;charset=UTF-8' } });
    await both('POST', '/pats', { raw: '{}', headers: { 'content-type': 'application/json; charset=latin1' } });
    await both('POST', '/pats', {
      raw: '{"name":"Charset","duration":"1d"}',
      headers: { 'content-type': 'Application/JSON; charset=UTF-8' },
    });
    server.clock.advance(1000);
    await both('POST', '/pats', { body: { name: 'x'.repeat(70_000), duration: '1d' }, expect: 413 });
    await both('PATCH', id('ci', '/name'), { raw: 'x', headers: { 'content-type': 'application/xml' } });
    await both('POST', '/pats');
  });

  test('list: filters, sorts and pages', async () => {
    // A revoked, an expired and a used PAT, so that every filter and sort has something to do.
    await create('revoked', { name: 'Old Jenkins pipeline', duration: '1y' });
    await both('PATCH', id('revoked', '/secret/revoke'));
    await create('short', { name: 'Hackathon demo', duration: '1h' });
    await create('used', {
      name: 'Alerting webhook',
      duration: '30d',
      scopes: [{ entity_type: 'messages', operation: 'subscribe', entity_id: '*' }],
    });
    await both('POST', '/authorize', {
      body: { entity_type: 'messages', operation: 'subscribe', entity_id: 'ch-9' },
      ...bearerOfPat('used'),
    });
    server.clock.advance(2 * 60 * 60 * 1000);
    await both('POST', '/authorize', {
      body: { entity_type: 'clients', operation: 'list', entity_id: '*' },
      ...bearerOfPat('soon'),
    });

    const queries = [
      '',
      '?status=active',
      '?status=revoked',
      '?status=expired',
      '?status=expiring',
      '?status=expiring&sort=expires_at&dir=asc',
      '?status=all',
      '?status=all&name=ci',
      '?status=all&name=CI',
      '?status=all&name=%25',
      '?status=all&name=_',
      '?status=all&name=',
      '?status=all&name=dashboards+read',
      '?status=all&offset=1&limit=2',
      '?status=all&offset=100',
      '?status=all&limit=100',
      '?status=all&limit=1&offset=3',
      // Several statuses: the union, its total, paged; the same set however it is written.
      '?status=revoked,expired',
      '?status=expired,revoked',
      '?status=revoked,revoked,expired',
      '?status=active,revoked',
      '?status=active,expired',
      '?status=expiring,revoked',
      '?status=expiring,expired&sort=expires_at&dir=asc',
      '?status=expiring,revoked,expired',
      '?status=expiring,active',
      '?status=active,expiring,revoked',
      '?status=expired,all',
      '?status=active,revoked,expired',
      '?status=active,revoked,expired,expiring,all',
      '?status=revoked%2Cexpired',
      '?status=revoked,expired&limit=1',
      '?status=revoked,expired&offset=1&limit=1',
      '?status=revoked,expired&offset=100',
      '?status=active,revoked&name=e',
      '?status=active,revoked&name=zzz',
      '?status=active,revoked&sort=name&dir=asc&offset=2&limit=2',
    ];
    for (const query of queries) await both('GET', `/pats${query}`);
    const expiring = await both('GET', '/pats?status=expiring');
    assert.deepEqual(
      expiring.server.body.pats.map((pat: { name: string }) => pat.name),
      ['Nightly backup'],
      'something expires soon',
    );
    for (const sort of ['issued_at', 'expires_at', 'name', 'last_used_at']) {
      await both('GET', `/pats?status=revoked,expired,expiring&sort=${sort}&dir=asc&limit=100`, { tiesBy: sort });
    }
    await both('GET', (side) => `/pats?status=revoked,expired&id=${side.ids.revoked}`);
    await both('GET', (side) => `/pats?status=revoked,expired&id=${side.ids.ci}`);
    await both('GET', '/pats?status=revoked,expired', { as: 'carol' });
    for (const sort of ['issued_at', 'expires_at', 'name', 'last_used_at']) {
      for (const dir of ['asc', 'desc']) await both('GET', `/pats?status=all&sort=${sort}&dir=${dir}&limit=100`, { tiesBy: sort });
      await both('GET', `/pats?status=all&sort=${sort}`, { tiesBy: sort });
    }
    await both('GET', (side) => `/pats?status=all&id=${side.ids.ci}`);
    await both('GET', (side) => `/pats?status=revoked&id=${side.ids.ci}`);
    await both('GET', '/pats?id=');
    await both('GET', '/pats?status=all', { as: 'carol' });
  });

  test('list: bad queries are 400 with every problem', async () => {
    const queries = [
      '?limit=101',
      '?limit=0',
      '?offset=-1',
      '?limit=abc',
      '?limit=1.5',
      '?offset=1e20',
      '?offset=-1e20&limit=-1e20',
      '?limit=',
      '?limit=Infinity',
      '?limit=0x10',
      '?offset=1&offset=2',
      '?status=bogus',
      '?status=',
      '?status=ALL',
      '?sort=size&dir=up',
      '?status=all&status=active',
      '?status=revoked,',
      '?status=,expired',
      '?status=revoked,,expired',
      '?status=,',
      '?status=revoked,bogus',
      '?status=Revoked,expired',
      '?status=revoked,%20expired',
      '?status=active,revoked,expired,expiring,all,active',
      '?status=revoked,bogus&limit=0',
      '?name=a&name=b&id=1&id=2',
      `?name=${'x'.repeat(255)}`,
      `?id=${'x'.repeat(256)}`,
    ];
    for (const query of queries) await both('GET', `/pats${query}`);
  });

  test('get, rename, describe', async () => {
    await both('GET', id('ci'));
    await both('GET', id('ci', '/'));
    await both('PATCH', id('ci', '/name'), { body: { name: 'CI deploy (prod)' } });
    await both('PATCH', id('ci', '/name'), { body: { name: 'CI deploy (prod)' } });
    await both('PATCH', id('ci', '/name'), { body: { name: 'NIGHTLY BACKUP' } });
    await both('PATCH', id('ci', '/name'), { body: { name: '  ' } });
    await both('PATCH', id('ci', '/name'), { body: {} });
    await both('PATCH', id('ci', '/name'), { body: ['CI'] });
    await both('PATCH', id('ci', '/name'));
    await both('PATCH', id('ci', '/description'), { body: { description: '' } });
    await both('PATCH', id('ci', '/description'), { body: { description: '  Deploys the edge gateway  ' } });
    await both('PATCH', id('ci', '/description'), { body: { description: 'd'.repeat(1025) } });
    await both('PATCH', id('ci', '/description'), { body: {} });
    await both('GET', id('ci'));
  });

  test('allowed_ips: normalized on create and on change, enforced by authorize, client_ip refused', async () => {
    const read = { entity_type: 'clients', operation: 'list', entity_id: '*' };
    await create('fenced', {
      name: 'Fenced',
      duration: '30d',
      scopes: [read],
      allowed_ips: [' 10.1.2.3/8 ', '::ffff:192.0.2.7', '2001:DB8::1', '10.0.0.0/8'],
    });
    await both('GET', id('fenced'));
    await both('POST', '/authorize', { body: read, ...bearerOfPat('fenced'), expect: 403 });
    await both('PATCH', id('fenced', '/allowed_ips'), { body: { allowed_ips: ['127.0.0.1', '2001:db8::/32'] } });
    await both('PATCH', id('fenced', '/allowed_ips'), { body: { allowed_ips: ['127.0.0.1', '2001:db8::/32'] } });
    await both('POST', '/authorize', { body: read, ...bearerOfPat('fenced'), expect: 200 });
    await both('POST', '/authorize', { body: { ...read, client_ip: '127.0.0.1' }, ...bearerOfPat('fenced'), expect: 400 });
    await both('POST', '/authorize', { body: { ...read, client_ip: 'nope' }, ...bearerOfPat('fenced'), expect: 400 });
    for (const allowed_ips of [['10.1'], ['1.2.3.4/33'], 'x', [7], Array.from({ length: 51 }, (_, i) => `10.0.0.${i}`), ['1'.repeat(65)]]) {
      await both('PATCH', id('fenced', '/allowed_ips'), { body: { allowed_ips } });
      await both('POST', '/pats', { body: { name: 'Fence test', duration: '1d', allowed_ips } });
    }
    await both('PATCH', id('fenced', '/allowed_ips'), { body: {} });
    await both('PATCH', id('fenced', '/allowed_ips'), { body: { allowed_ips: [] }, as: 'bob', expect: 404 });
    await both('PATCH', id('fenced', '/allowed_ips'), { body: { allowed_ips: [] } });
    await settle();
    await both('GET', id('fenced', '/events'));
    await both('GET', id('fenced', '/usage?days=1'));
  });

  test('max_idle: on create, validated, moved on by a use, and later (the clock moves on) an idle expiry', async () => {
    const read = { entity_type: 'clients', operation: 'list', entity_id: '*' };
    await create('idle', { name: 'Idle after ten days', duration: '90d', max_idle: '10d', scopes: [read] });
    await create('idle-long', { name: 'Idle after a year', duration: '30d', max_idle: '1y' });
    for (const max_idle of ['12h', '0', 'soon', '-2d', '400d', '', 7, null, 'x'.repeat(65)]) {
      await both('POST', '/pats', { body: { name: 'Idle test', duration: '1d', max_idle } });
    }
    server.clock.advance(60_000);
    await both('POST', '/authorize', { body: read, ...bearerOfPat('idle'), expect: 200 });
    await settle();
    await both('GET', id('idle'));
    await both('GET', id('idle-long'));
    await both('GET', '/pats?status=all&sort=expires_at&dir=asc');
    await both('GET', id('idle', '/events'));
  });

  test('revoke, regenerate, delete', async () => {
    await both('PATCH', id('ci', '/secret/revoke'));
    server.clock.advance(1000);
    await both('PATCH', id('ci', '/secret/revoke'));
    await both('GET', id('ci'));
    const oldSecrets = { server: sides[0].secrets.ci!, mock: sides[1].secrets.ci! };
    await both('POST', '/authorize', { body: { entity_type: 'clients', operation: 'read', entity_id: 'c' }, ...bearerOfPat('ci') });
    for (const duration of ['abc', '0s', '400d', '']) {
      await both('PATCH', id('ci', '/secret/reset'), { body: { duration } });
    }
    await both('PATCH', id('ci', '/secret/reset'), { body: {} });
    const reset = await both('PATCH', id('ci', '/secret/reset'), { body: { duration: '7d' } });
    for (const [side, result] of [
      [sides[0], reset.server],
      [sides[1], reset.mock],
    ] as const) {
      assert.match(result.body.secret, SECRET_PATTERN);
      assert.notEqual(result.body.secret, side.secrets.ci);
      side.secrets.ci = result.body.secret;
    }
    await both('GET', id('ci'));
    await both('GET', (side) => `/pats?status=all&id=${side.ids.ci}`);
    // The old secret is dead, the new one works (the PAT has no scopes: 403, not 401).
    sides[0].secrets.ciOld = oldSecrets.server;
    sides[1].secrets.ciOld = oldSecrets.mock;
    await both('POST', '/authorize', { body: { entity_type: 'clients', operation: 'read', entity_id: 'c' }, ...bearerOfPat('ciOld') });
    await both('POST', '/authorize', { body: { entity_type: 'clients', operation: 'read', entity_id: 'c' }, ...bearerOfPat('ci') });
    // Regenerating a used PAT: created_at stays, the last use (of the old secret) goes, and the
    // new secret's first use is recorded.
    await both('GET', id('used'));
    server.clock.advance(1000);
    const usedReset = await both('PATCH', id('used', '/secret/reset'), { body: { duration: '30d' } });
    sides[0].secrets.used = usedReset.server.body.secret;
    sides[1].secrets.used = usedReset.mock.body.secret;
    await both('GET', id('used'));
    await both('POST', '/authorize', {
      body: { entity_type: 'messages', operation: 'subscribe', entity_id: 'ch-9' },
      ...bearerOfPat('used'),
    });
    await both('GET', id('used'));
    // Regenerating the expired one.
    await both('GET', '/pats?status=expired');
    await both('PATCH', id('short', '/secret/reset'), { body: { duration: '24h' } });
    await both('GET', '/pats?status=expired');

    await create('doomed', { name: 'Temporary', duration: '1d' });
    await both('DELETE', id('doomed'));
    await both('GET', id('doomed'));
    await both('DELETE', id('doomed'));
    await both('PATCH', id('doomed', '/secret/revoke'));
  });

  test('foreign and unknown ids are the same 404', async () => {
    const cases: [Who, PathOf][] = [
      ['bob', id('grafana')],
      ['alice', '/pats/00000000-0000-4000-8000-000000000000'],
      ['alice', '/pats/not-a-uuid'],
      ['alice', '/pats/%E2%82%AC'],
      ['alice', '/pats/%E0%A4%A'],
      ['bob', '/pats/%ZZ'],
    ];
    for (const [as, base] of cases) {
      const at = (suffix: string): PathOf => (typeof base === 'string' ? base + suffix : (side: Side) => base(side) + suffix);
      await both('GET', at(''), { as });
      await both('DELETE', at(''), { as });
      await both('PATCH', at('/name'), { as, body: { name: 'Mine now' } });
      await both('PATCH', at('/description'), { as, body: { description: 'Mine now' } });
      await both('PATCH', at('/secret/reset'), { as, body: { duration: '1d' } });
      await both('PATCH', at('/secret/revoke'), { as });
      await both('GET', at('/scope'), { as });
      await both('PATCH', at('/scope/add'), { as, body: { scopes: [{ entity_type: 'clients', operation: 'read', entity_id: '*' }] } });
      await both('PATCH', at('/scope/remove'), { as, body: { scopes_id: ['x'] } });
      await both('DELETE', at('/scope'), { as });
      // The body is checked before the id: a bad body is 400 even for a foreign PAT.
      await both('PATCH', at('/name'), { as, body: { name: '' } });
      await both('PATCH', at('/secret/reset'), { as, body: { duration: 'soon' } });
      await both('PATCH', at('/scope/add'), { as, body: { scopes: [{ entity_type: 'robots', operation: 'read', entity_id: '*' }] } });
      await both('GET', at('/scope?limit=0'), { as });
      await both('GET', at('/events'), { as });
      await both('GET', at('/events?limit=0'), { as });
      await both('GET', at('/usage'), { as });
      await both('GET', at('/usage?days=91'), { as });
    }
    // A name taken by bob is free for alice, and the other way round.
    await both('PATCH', id('bob-grafana', '/name'), { as: 'bob', body: { name: 'nightly backup' } });
    // alice's PAT is untouched.
    await both('GET', id('grafana'));
    await both('GET', '/pats?status=all', { as: 'bob' });
  });

  test('scopes: add, list, remove, clear', async () => {
    await create('scoped', { name: 'Terraform provisioning', duration: '90d' });
    const add = (scopes: unknown) => both('PATCH', id('scoped', '/scope/add'), { body: { scopes } });
    await add([
      { entity_type: 'clients', operation: 'read', entity_id: 'c-1' },
      { entity_type: 'clients', operation: 'read', entity_id: 'c-2', domain_id: 'd-1' },
      { entity_type: 'channels', operation: 'create', entity_id: '*' },
      { entity_type: 'groups', operation: 'update', entity_id: 'g-1', domain_id: 'd-1' },
    ]);
    await add([{ entity_type: 'clients', operation: 'read', entity_id: 'c-1' }]);
    await add([{ entity_type: 'channels', operation: 'create', entity_id: '*', domain_id: 'd-9' }]);
    await add([{ entity_type: 'clients', operation: 'read', entity_id: '*' }]);
    await add([{ entity_type: 'groups', operation: 'update', entity_id: 'g-1' }]);
    await both('GET', id('scoped'));
    await both('GET', id('scoped', '/scope'));
    await both('GET', id('scoped', '/scope?offset=1&limit=1'));
    await both('GET', id('scoped', '/scope?offset=10'));
    await both('GET', id('scoped', '/scope?limit=101'));
    await add([]);
    await add(Array.from({ length: 101 }, (_, i) => ({ entity_type: 'clients', operation: 'read', entity_id: `c-${i}` })));
    await add([{ entity_type: 'robots', operation: 'read', entity_id: '*' }]);
    await add('x');
    await both('PATCH', id('scoped', '/scope/add'), { body: {} });

    // Remove: one of this PAT's scope ids, one of another PAT's, one made up.
    const scopeIds = (result: CallResult) => (result.body.scopes as { id: string }[]).map((scope) => scope.id);
    const serverScopes = await sides[0].call('GET', `/pats/${sides[0].ids.scoped}/scope`, { token: sides[0].tokens.alice });
    const mockScopes = await sides[1].call('GET', `/pats/${sides[1].ids.scoped}/scope`, { token: sides[1].tokens.alice });
    const foreign = {
      server: scopeIds(await sides[0].call('GET', `/pats/${sides[0].ids.grafana}/scope`, { token: sides[0].tokens.alice }))[0]!,
      mock: scopeIds(await sides[1].call('GET', `/pats/${sides[1].ids.grafana}/scope`, { token: sides[1].tokens.alice }))[0]!,
    };
    await both('PATCH', id('scoped', '/scope/remove'), {
      body: (side: Side) => ({
        scopes_id: [side.name === 'server' ? scopeIds(serverScopes)[0] : scopeIds(mockScopes)[0], foreign[side.name], 'made-up'],
      }),
    });
    await both('GET', id('grafana', '/scope'));
    await both('PATCH', id('scoped', '/scope/remove'), { body: { scopes_id: [] } });
    await both('PATCH', id('scoped', '/scope/remove'), { body: { scopes_id: ['', 5, ' x '] } });
    await both('PATCH', id('scoped', '/scope/remove'), { body: { scopes_id: Array(101).fill('x') } });
    await both('DELETE', id('scoped', '/scope'));
    await both('DELETE', id('scoped', '/scope'));
    await both('GET', id('scoped'));
  });

  test('scopes: at most 1000 per PAT', async () => {
    await create('bulk', { name: 'Bulk', duration: '30d' });
    for (let call = 0; call < 10; call++) {
      const scopes = Array.from({ length: 100 }, (_, i) => ({
        entity_type: 'clients',
        operation: 'read',
        entity_id: `c-${call * 100 + i}`,
      }));
      const result = await both('PATCH', id('bulk', '/scope/add'), { body: { scopes } });
      assert.equal(result.server.status, 200);
    }
    await both('GET', id('bulk'));
    await both('PATCH', id('bulk', '/scope/add'), {
      body: { scopes: [{ entity_type: 'clients', operation: 'read', entity_id: 'c-1000' }] },
      expect: 400,
    });
    // A covered scope is a no-op, so it still fits; a wildcard replaces the 1000.
    await both('PATCH', id('bulk', '/scope/add'), {
      body: { scopes: [{ entity_type: 'clients', operation: 'read', entity_id: 'c-5' }] },
      expect: 200,
    });
    await both('PATCH', id('bulk', '/scope/add'), {
      body: {
        scopes: [
          { entity_type: 'clients', operation: 'read', entity_id: '*' },
          { entity_type: 'clients', operation: 'list', entity_id: '*' },
        ],
      },
    });
    await both('GET', id('bulk', '/scope?limit=100'));
  });

  test('summary', async () => {
    await both('GET', '/pats/summary');
    await both('GET', '/pats/summary', { as: 'bob' });
    await both('GET', '/pats/summary', { as: 'carol' });
  });

  test('authorize: allowed, 403, 401, and last used', async () => {
    const ask = (body: unknown, label?: string, extra: Step = {}) =>
      both('POST', '/authorize', { as: null, body, ...(label ? bearerOfPat(label) : {}), ...extra });
    const allowed = await ask({ entity_type: 'dashboards', operation: 'read', entity_id: 'dash-7' }, 'grafana');
    assert.equal(allowed.mock.status, 200);
    assert.deepEqual(allowed.mock.body, { allowed: true, user_id: 'alice', pat_id: sides[1].ids.grafana });
    await ask({ entity_type: 'dashboards', operation: 'read', entity_id: '*', domain_id: 'd-1' }, 'grafana');
    await ask({ entity_type: 'channels', operation: 'list', entity_id: '*', domain_id: 'd-1' }, 'grafana');
    await ask({ entity_type: 'channels', operation: 'list', entity_id: '*', domain_id: 'd-2' }, 'grafana');
    await ask({ entity_type: 'channels', operation: 'list', entity_id: '*' }, 'grafana');
    await ask({ entity_type: 'messages', operation: 'publish', entity_id: 'ch-1', domain_id: 'd-5' }, 'grafana');
    await ask({ entity_type: 'messages', operation: 'publish', entity_id: 'ch-2' }, 'grafana');
    assert.equal((await ask({ entity_type: 'dashboards', operation: 'delete', entity_id: 'dash-7' }, 'grafana')).mock.status, 403);
    await ask({ entity_type: 'anything', operation: 'goes', entity_id: 'x' }, 'grafana');
    const used = await both('GET', id('grafana'));
    assert.equal(used.mock.body.last_used_ip, '127.0.0.1');
    assert.equal(used.mock.body.last_used_at, new Date(server.clock.now()).toISOString());
    // Within a minute last_used_at stays; after one it moves.
    server.clock.advance(30_000);
    await ask({ entity_type: 'dashboards', operation: 'read', entity_id: 'dash-7' }, 'grafana');
    await both('GET', id('grafana'));
    server.clock.advance(31_000);
    await ask({ entity_type: 'dashboards', operation: 'read', entity_id: 'dash-7' }, 'grafana');
    await both('GET', id('grafana'));

    // 401: no token, garbage, a user token, a broken checksum, revoked, expired.
    const request = { entity_type: 'clients', operation: 'list', entity_id: '*' };
    await ask(request);
    await ask(request, undefined, { as: { bearer: 'garbage' } });
    await ask(request, undefined, { as: 'alice' });
    await ask(request, undefined, { as: { bearer: 'pat_1R4RMsFkiccVhN460xPtwZ_xU7PB8VDpEOMrRTd1xfYwJJYaIfHjsfHFCHtUOOOqzQ1gha1F' } });
    assert.equal((await ask(request, 'revoked')).mock.status, 401);
    await both('PATCH', id('soon', '/secret/revoke'));
    await ask(request, 'soon');
    await ask(request, 'bob-grafana');
    server.clock.advance(8 * 24 * 60 * 60 * 1000);
    await ask({ entity_type: 'dashboards', operation: 'read', entity_id: '*' }, 'bob-grafana');
    // The body is checked before the token.
    await ask({}, 'grafana');
    await ask(null, 'grafana');
    await ask({ entity_type: 'dashboards', operation: ' ', entity_id: 5, domain_id: '' });
    await both('POST', '/authorize', { as: null, raw: '[1]' });
    await both('POST', '/authorize', { as: null });
    await both('POST', '/authorize', { as: null, raw: 'x', headers: { 'content-type': 'text/plain' } });
    await both('POST', '/authorize', { as: null, raw: '{"entity_type":' });
    await both('GET', '/authorize');
    await both('GET', '/pats/summary');
  });

  test('activity: every PAT’s events, all the user’s, paged, and the checks of each day', async () => {
    await settle();
    for (const label of ['ci', 'grafana', 'soon', 'emoji', 'revoked', 'short', 'used', 'scoped', 'bulk']) {
      await both('GET', id(label, '/events?limit=100'), { expect: 200 });
    }
    await both('GET', id('bob-grafana', '/events'), { as: 'bob' });
    await both('GET', id('umlaut', '/events'), { as: 'carol' });
    // A deleted PAT's history is in /events only.
    await both('GET', id('doomed', '/events'), { expect: 404 });
    for (const who of ['alice', 'bob', 'carol'] as const) await allEvents(who);

    // One PAT's history, a second apart: what changed something, and nothing for what did not.
    await create('history', {
      name: 'History',
      duration: '30d',
      scopes: [{ entity_type: 'clients', operation: 'read', entity_id: 'c-1' }],
    });
    const change = async (method: string, suffix: string, body?: unknown, headers?: Record<string, string>) => {
      server.clock.advance(1000);
      await both(method, id('history', suffix), { body, headers });
    };
    // A user agent is kept to 512 characters; an empty one is none.
    await change('PATCH', '/name', { name: 'History 1' }, { 'user-agent': `agent/${'x'.repeat(600)}` });
    await change('PATCH', '/name', { name: 'History 0' }, { 'user-agent': '' });
    await change('PATCH', '/name', { name: 'History 2' });
    await change('PATCH', '/name', { name: 'History 2' });
    await change('PATCH', '/name', { name: 'HISTORY 2' });
    await change('PATCH', '/description', { description: 'Kept for the record' });
    await change('PATCH', '/description', { description: 'Kept for the record' });
    // A wildcard replaces the scope it covers: added and removed at the same instant.
    await change('PATCH', '/scope/add', { scopes: [{ entity_type: 'clients', operation: 'read', entity_id: '*' }] });
    await change('PATCH', '/scope/add', { scopes: [{ entity_type: 'clients', operation: 'read', entity_id: 'c-2' }] });
    await change('PATCH', '/scope/remove', { scopes_id: ['made-up'] });
    await change('DELETE', '/scope');
    await change('DELETE', '/scope');
    await change('PATCH', '/secret/revoke');
    await change('PATCH', '/secret/revoke');
    await change('PATCH', '/secret/reset', { duration: '1d' });
    const history = await both('GET', id('history', '/events?limit=100'));
    await both('GET', id('history', '/events'));
    assert.deepEqual(
      history.server.body.events.map((event: { kind: string }) => event.kind).filter((kind: string) => !kind.startsWith('scopes_')),
      ['regenerated', 'revoked', 'described', 'renamed', 'renamed', 'renamed', 'renamed', 'created'],
    );
    assert.equal(history.server.body.total, 11);
    const agents = history.server.body.events.slice(-4, -1).map((event: { user_agent: string | null }) => event.user_agent?.length ?? null);
    assert.deepEqual(agents, [USER_AGENT.length, null, 512], 'a user agent kept to 512 characters; an empty one is none');
    // Newest first: 0 regenerated … 3-4 the scopes (the same instant) … 10 created.
    for (const query of [
      '?limit=1',
      '?offset=1&limit=2',
      '?offset=3&limit=2',
      '?offset=5&limit=3',
      '?offset=8&limit=2',
      '?offset=10',
      '?offset=11',
      '?offset=100',
    ]) {
      await both('GET', id('history', `/events${query}`));
    }
    for (const query of ['?limit=5', '?offset=2&limit=1', '?offset=100000']) await both('GET', `/events${query}`, { as: 'bob' });

    // Bad paging is a 400 naming the field, on both routes.
    for (const query of [
      '?limit=0',
      '?limit=101',
      '?offset=-1',
      '?limit=x',
      '?limit=1.5',
      '?limit=0x10',
      '?offset=1&offset=2',
      '?limit=',
    ]) {
      await both('GET', id('history', `/events${query}`));
      await both('GET', `/events${query}`);
    }

    // Daily use: checks allowed and denied (a revoked or expired PAT's right secret is denied).
    for (const label of ['grafana', 'used', 'ci', 'revoked', 'soon', 'history']) {
      await both('GET', id(label, '/usage'), { expect: 200 });
      await both('GET', id(label, '/usage?days=1'));
    }
    await both('GET', id('grafana', '/usage?days=90'));
    await both('GET', id('bob-grafana', '/usage?days=10'), { as: 'bob' });
    for (const days of ['0', '91', 'x', '1.5', '', ' 3', '1e1', '2&days=3']) await both('GET', id('grafana', `/usage?days=${days}`));
  });

  test('activity: who may ask, and the routes around it', async () => {
    await both('GET', '/events', { as: null, expect: 401 });
    await both('GET', '/events', { as: { bearer: 'not-a-token' } });
    await both('GET', '/events', { as: { pat: 'grafana' }, expect: 403 });
    await both('GET', id('grafana', '/events'), { as: { pat: 'grafana' } });
    await both('GET', id('grafana', '/usage'), { as: null });
    await both('GET', '/events/', { as: 'carol' });
    await both('GET', '/EVENTS', { as: 'carol' });
    await both('HEAD', '/events', { as: 'carol' });
    await both('GET', '/events/x', { as: 'carol' });
    await both('POST', '/events', { as: 'carol', body: {} });
    await both('DELETE', '/events', { as: 'carol' });
    await both('OPTIONS', '/events', { as: 'carol' });
    await both('OPTIONS', id('grafana', '/usage'));
    await both('PATCH', id('grafana', '/events'));
    await both('DELETE', id('grafana', '/usage'));
    // /events reads no body; under /pats the body is read first.
    await both('GET', '/events', { as: 'carol', headers: { 'content-type': 'text/plain' } });
    await both('DELETE', id('grafana', '/events'), { raw: 'x', headers: { 'content-type': 'text/plain' } });
  });

  test('routes the server does not have', async () => {
    await both('GET', '/pats/x/y');
    await both('PUT', '/pats');
    await both('POST', '/pats/catalog');
    await both('PATCH', id('grafana'));
    await both('GET', '/nothing/here');
    await both('DELETE', '/authorize');
    await both('OPTIONS', '/pats');
    await both('OPTIONS', id('grafana', '/scope'));
    await both('OPTIONS', '/authorize');
    await both('HEAD', '/pats');
    await both('DELETE', '/pats/catalog');
  });

  test('demo sign-in', async () => {
    await both('GET', '/demo/users');
    for (const body of [{ user: 'zed' }, {}, { user: 5 }, { user: 'x'.repeat(65) }, []]) {
      await both('POST', '/demo/login', { as: null, body });
    }
    await both('POST', '/demo/login', { as: null, raw: 'alice', headers: { 'content-type': 'text/plain' } });
    await both('GET', '/demo/login', { as: null });
    for (const query of [
      'type=channels&q=alarm',
      'type=channels&q=ch-alarms',
      'type=clients',
      'type=nothing&q=x',
      'q=x',
      'type=',
      `type=clients&q=${'x'.repeat(300)}`,
    ]) {
      await both('GET', `/demo/entities?${query}`, { as: null });
    }
    const login = await Promise.all(sides.map((side) => side.call('POST', '/demo/login', { body: { user: 'bob' } })));
    assert.deepEqual(login[1]!.body.user, login[0]!.body.user);
    assert.deepEqual(Object.keys(login[1]!.body), Object.keys(login[0]!.body));
    assert.equal(login[1]!.body.access_token, mockTokenFor('bob'));
  });

  test('delete all', async () => {
    await both('DELETE', '/pats', { as: 'bob' });
    await both('GET', '/pats?status=all', { as: 'bob' });
    await both('GET', '/pats/summary');
    await both('DELETE', '/pats');
    await both('DELETE', '/pats');
    await both('GET', '/pats?status=all');
    await both('GET', '/pats/summary');
    // Every deleted PAT's history stays in /events, its `deleted` event last.
    await settle();
    for (const who of ['alice', 'bob'] as const) await allEvents(who);
    await both('GET', id('grafana', '/events'));
    await both('GET', id('grafana', '/usage'));
  });

  test('expiring soon: active, in its last week, of a PAT made to live longer than a week', async () => {
    const check = async () => {
      await both('GET', '/pats/summary');
      await both('GET', '/pats?status=expiring&sort=expires_at&dir=asc', { tiesBy: 'expires_at' });
      await both('GET', '/pats?status=expiring,revoked&sort=name&dir=asc');
      await both('GET', '/pats?status=expiring&name=week&sort=name&dir=asc');
      return (await both('GET', '/pats?status=expiring&sort=name&dir=asc')).server.body.pats.map((pat: { name: string }) => pat.name);
    };
    await create('week', { name: 'A week', duration: '7d' });
    await create('week-ms', { name: 'A week and a millisecond', duration: '7d1ms' });
    await create('day', { name: 'A day', duration: '1d' });
    await create('month', { name: 'A month', duration: '30d' });
    await create('regen', { name: 'Regenerated', duration: '30d' });
    // Each create moved the clock a second: the 7d1ms PAT is already in its last week.
    assert.deepEqual(await check(), ['A week and a millisecond']);
    server.clock.advance(23 * 24 * 60 * 60 * 1000);
    assert.deepEqual(await check(), ['A month', 'Regenerated']);
    await both('PATCH', id('regen', '/secret/reset'), { body: { duration: '3d' } });
    assert.deepEqual(await check(), ['A month'], 'regenerated for 3 days: short-lived');
    await both('PATCH', id('regen', '/secret/reset'), { body: { duration: '8d' } });
    server.clock.advance(24 * 60 * 60 * 1000);
    assert.deepEqual(await check(), ['A month', 'Regenerated']);
    await both('PATCH', id('regen', '/secret/reset'), { body: { duration: '7d' } });
    assert.deepEqual(await check(), ['A month'], 'regenerated for exactly 7 days: short-lived');
    await both('DELETE', '/pats');
  });
});

/**
 * Where the server's answer is wrong the mocks do the right thing (reported, not copied).
 * These tests pin the mocks' answers and note the server's.
 */
describe('where the mocks deliberately differ from the server', () => {
  test('demo login over 1 KiB: 413 that names 1 KiB (the server says 64 KiB)', async (t) => {
    const body = { user: 'x'.repeat(2000) };
    const serverAnswer = await sides[0].call('POST', '/demo/login', { body });
    const mockAnswer = await sides[1].call('POST', '/demo/login', { body });
    t.diagnostic(`server: ${serverAnswer.status} ${JSON.stringify(serverAnswer.body)}`);
    assert.equal(mockAnswer.status, serverAnswer.status);
    assert.equal(mockAnswer.body.error, serverAnswer.body.error);
    assert.equal(mockAnswer.body.message, 'The request body is larger than 1 KiB.');
  });
});

/** Every event of `as` (every page of 100), the same on both sides; how many. */
async function allEvents(as: Who): Promise<number> {
  const lists: unknown[] = [];
  for (const side of sides) {
    const events: { at: string }[] = [];
    let total = Infinity;
    for (let offset = 0; events.length < total; offset += 100) {
      const page = await side.call('GET', `/events?offset=${offset}&limit=100`, { token: side.tokens[as] });
      assert.equal(page.status, 200, `${side.name}: GET /events as ${as}`);
      assert.ok(page.body.events.length > 0 || page.body.total === 0, 'a page short of the total');
      total = page.body.total;
      events.push(...page.body.events);
      if (page.body.events.length === 0) break;
    }
    lists.push(untie(normalize(side, withoutEventIds({ total, events })), undefined));
  }
  assert.deepStrictEqual(lists[1], lists[0], `every event of ${as}`);
  assert.equal(JSON.stringify(lists[1]), JSON.stringify(lists[0]), `every event of ${as}: key order`);
  return (lists[0] as { total: number }).total;
}

function bearerOfPat(label: string): Step {
  return { as: { pat: label } };
}
