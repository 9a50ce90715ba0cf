import { expect } from '@open-wc/testing';
import { delay, http, HttpResponse } from 'msw';
import type { SetupWorker } from 'msw/browser';
import { SECRET_PATTERN, type Pat } from '../../contract/index.js';
import { mockTokenFor, seededId, type MockStore } from '../../mocks/index.js';
import { apiErrorOf, useMockApi } from '../../testing/fixture.js';
import { strings } from '../i18n/strings.js';
import { ApiError } from './api-error.js';
import { HttpPatApi } from './http-pat-api.js';

interface Seen {
  method: string;
  url: URL;
  headers: Headers;
  body: Promise<string>;
}

/** Every request to the API from now on, as the network saw it. */
function watch(worker: SetupWorker): Seen[] {
  const seen: Seen[] = [];
  worker.events.on('request:start', ({ request }) => {
    const url = new URL(request.url);
    if (!url.pathname.startsWith('/api/')) return;
    seen.push({ method: request.method, url, headers: request.headers, body: request.clone().text() });
  });
  return seen;
}

async function only(
  seen: Seen[],
): Promise<{ method: string; path: string; search: string; auth: string | null; type: string | null; body: unknown }> {
  expect(seen, 'requests sent').to.have.length(1);
  const [request] = seen as [Seen];
  const text = await request.body;
  return {
    method: request.method,
    path: request.url.pathname,
    search: request.url.search,
    auth: request.headers.get('authorization'),
    type: request.headers.get('content-type'),
    body: text ? JSON.parse(text) : undefined,
  };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to reject');
}

function expectPat(pat: Pat, withSecret: boolean) {
  expect(pat).to.include.keys(
    'id',
    'user_id',
    'name',
    'description',
    'status',
    'created_at',
    'issued_at',
    'expires_at',
    'updated_at',
    'last_used_at',
    'revoked',
    'scopes_count',
    'allowed_ips',
  );
  expect(pat.id).to.match(/^[0-9a-f-]{36}$/);
  expect(['active', 'revoked', 'expired']).to.include(pat.status);
  expect(Number.isNaN(Date.parse(pat.issued_at))).to.equal(false);
  expect(pat.created_at <= pat.issued_at, 'created no later than issued').to.equal(true);
  expect(pat.scopes_count).to.be.a('number');
  if (withSecret) expect((pat as Pat & { secret: string }).secret).to.match(SECRET_PATTERN);
  else expect(pat).not.to.have.property('secret');
}

const CI = seededId('alice', 'CI deploy');
const TOKEN = mockTokenFor('alice');

describe('HttpPatApi', () => {
  let worker: SetupWorker;
  let store: MockStore;
  let seen: Seen[];
  let api: HttpPatApi;

  beforeEach(async () => {
    ({ worker, store } = await useMockApi('default'));
    seen = watch(worker);
    api = new HttpPatApi({ baseUrl: '/api', token: TOKEN });
  });

  afterEach(() => {
    worker.events.removeAllListeners();
    worker.resetHandlers();
  });

  describe('every method against the mocks', () => {
    it('createPat: POST /pats with the JSON body; a PAT with its secret', async () => {
      const request = {
        name: 'New one',
        description: 'for tests',
        duration: '30d',
        scopes: [{ entity_type: 'clients', operation: 'read', entity_id: '*' }],
      };
      const pat = await api.createPat(request);
      const sent = await only(seen);
      expect(sent).to.deep.include({
        method: 'POST',
        path: '/api/pats',
        search: '',
        auth: `Bearer ${TOKEN}`,
        type: 'application/json',
        body: request,
      });
      expectPat(pat, true);
      expect(pat).to.include({ name: 'New one', description: 'for tests', status: 'active', scopes_count: 1, user_id: 'alice' });
      expect(store.get('alice', pat.id).name).to.equal('New one');
    });

    it('createPat: max_idle goes in the body; the PAT answers its idle limit and when it expires unless used', async () => {
      const request = { name: 'Idle one', duration: '90d', max_idle: '30d' };
      const pat = await api.createPat(request);
      expect((await only(seen)).body).to.deep.equal(request);
      expect(pat).to.include({ max_idle: '30d', expired_reason: null });
      expect(Date.parse(pat.idle_expires_at!) - Date.parse(pat.issued_at)).to.equal(30 * 86_400_000);
      expect(store.get('alice', pat.id).max_idle).to.equal('30d');
    });

    it('createPat: a max_idle the server refuses is a 400 naming max_idle; without one, a PAT gets the server’s', async () => {
      ({ store } = await useMockApi('default', { maxIdle: '60d' }));
      const error = await apiErrorOf(api.createPat({ name: 'Too idle', duration: '1y', max_idle: '90d' }));
      expect([error.status, error.code]).to.deep.equal([400, 'validation_failed']);
      expect(error.details.map((detail) => detail.field)).to.deep.equal(['max_idle']);
      expect(error.fieldMessage('max_idle')).to.match(/^must be at most 60d/);
      expect((await api.getCatalog()).max_idle).to.equal('60d');
      expect((await api.createPat({ name: 'Server’s limit', duration: '1y' })).max_idle).to.equal('60d');
    });

    it('listPats: GET /pats with the query; a page', async () => {
      const page = await api.listPats({ status: 'all', name: 'grafana', sort: 'name', dir: 'asc', offset: 0, limit: 5 });
      const sent = await only(seen);
      expect(sent).to.include({ method: 'GET', path: '/api/pats', type: null, body: undefined });
      expect(Object.fromEntries(new URLSearchParams(sent.search))).to.deep.equal({
        status: 'all',
        name: 'grafana',
        sort: 'name',
        dir: 'asc',
        offset: '0',
        limit: '5',
      });
      expect(page).to.include({ total: 1, offset: 0, limit: 5 });
      expect(page.pats).to.have.length(1);
      expectPat(page.pats[0]!, false);
      expect(page.pats[0]!.name).to.equal('Grafana dashboards read-only');
    });

    it('listPats: several statuses as one status=a,b; the PATs in any of them, counted', async () => {
      const page = await api.listPats({ status: ['revoked', 'expired'], limit: 100 });
      const sent = await only(seen);
      expect(new URLSearchParams(sent.search).getAll('status')).to.deep.equal(['revoked,expired']);
      const summary = store.summary('alice');
      expect(page.total).to.equal(summary.revoked + summary.expired);
      expect(page.pats).to.have.length(page.total);
      expect(new Set(page.pats.map((pat) => pat.status))).to.deep.equal(new Set(['revoked', 'expired']));
      // A list of one, and a single value, are the same request.
      await api.listPats({ status: ['expiring'] });
      await api.listPats({ status: 'expiring' });
      expect(seen.slice(1).map((request) => request.url.search)).to.deep.equal(['?status=expiring', '?status=expiring']);
    });

    it('listPats: a list the server refuses is an ApiError naming status', async () => {
      const error = await apiErrorOf(api.listPats({ status: ['revoked', 'bogus' as 'revoked'] }));
      expect([error.status, error.code, error.details.map((detail) => detail.field)]).to.deep.equal([400, 'validation_failed', ['status']]);
    });

    it('listPats: leaves out undefined and empty query values', async () => {
      await api.listPats();
      await api.listPats({ name: '', status: undefined, sort: undefined, offset: 0 });
      expect(seen).to.have.length(2);
      expect(seen[0]!.url.search).to.equal('');
      expect(`${seen[0]!.url.pathname}${seen[0]!.url.search}`).to.equal('/api/pats');
      expect(seen[1]!.url.search).to.equal('?offset=0');
    });

    it('deleteAllPats: DELETE /pats; how many went', async () => {
      const before = store.count('alice');
      const result = await api.deleteAllPats();
      const sent = await only(seen);
      expect(sent).to.include({ method: 'DELETE', path: '/api/pats', body: undefined, type: null });
      expect(result).to.deep.equal({ deleted: before });
      expect(store.count('alice')).to.equal(0);
      expect(store.count('bob')).to.be.greaterThan(0);
    });

    it('getPat: GET /pats/{id}; a PAT without a secret', async () => {
      const pat = await api.getPat(CI);
      const sent = await only(seen);
      expect(sent).to.include({ method: 'GET', path: `/api/pats/${CI}` });
      expectPat(pat, false);
      expect(pat).to.include({ id: CI, name: 'CI deploy', scopes_count: 4 });
    });

    it('getPat: encodes the id as one path segment', async () => {
      const error = await apiErrorOf(api.getPat('a/b?c'));
      expect(seen[0]!.url.pathname).to.equal('/api/pats/a%2Fb%3Fc');
      expect(seen[0]!.url.search).to.equal('');
      expect(error.status).to.equal(404);
    });

    it('deletePat: DELETE /pats/{id}; resolves to nothing (204)', async () => {
      const result = await api.deletePat(CI);
      const sent = await only(seen);
      expect(sent).to.include({ method: 'DELETE', path: `/api/pats/${CI}` });
      expect(result).to.equal(undefined);
      expect(() => store.get('alice', CI)).to.throw();
    });

    it('renamePat: PATCH /pats/{id}/name {name}; the PAT (202)', async () => {
      const pat = await api.renamePat(CI, 'CI deploy v2');
      const sent = await only(seen);
      expect(sent).to.deep.include({
        method: 'PATCH',
        path: `/api/pats/${CI}/name`,
        type: 'application/json',
        body: { name: 'CI deploy v2' },
      });
      expectPat(pat, false);
      expect(pat.name).to.equal('CI deploy v2');
      expect(pat.updated_at).to.be.a('string');
    });

    it('setAllowedIps: PATCH /pats/{id}/allowed_ips {allowed_ips}; the PAT, its list normalized; an empty list lifts it', async () => {
      const pat = await api.setAllowedIps(CI, ['203.0.113.9/24', '2001:DB8::1']);
      const sent = await only(seen);
      expect(sent).to.deep.include({
        method: 'PATCH',
        path: `/api/pats/${CI}/allowed_ips`,
        type: 'application/json',
        body: { allowed_ips: ['203.0.113.9/24', '2001:DB8::1'] },
      });
      expectPat(pat, false);
      expect(pat.allowed_ips).to.deep.equal(['203.0.113.0/24', '2001:db8::1']);
      expect(store.get('alice', CI).allowed_ips).to.deep.equal(['203.0.113.0/24', '2001:db8::1']);
      expect((await api.setAllowedIps(CI, [])).allowed_ips).to.deep.equal([]);
    });

    it('setAllowedIps: an entry that is no address is a 400 naming it by its place; a PAT not yours is a 404', async () => {
      const error = await apiErrorOf(api.setAllowedIps(CI, ['10.0.0.1', 'nope']));
      expect([error.status, error.code]).to.deep.equal([400, 'validation_failed']);
      expect(error.details.map((detail) => detail.field)).to.deep.equal(['allowed_ips[1]']);
      expect(error.fieldMessage('allowed_ips[1]')).to.match(/^must be an IPv4 or IPv6 address/);
      expect((await apiErrorOf(api.setAllowedIps(seededId('bob', 'Home Assistant bridge'), []))).status).to.equal(404);
    });

    it('describePat: PATCH /pats/{id}/description {description}; an empty one clears it', async () => {
      const pat = await api.describePat(CI, '');
      const sent = await only(seen);
      expect(sent).to.deep.include({ method: 'PATCH', path: `/api/pats/${CI}/description`, body: { description: '' } });
      expectPat(pat, false);
      expect(pat.description).to.equal('');
    });

    it('resetSecret: PATCH /pats/{id}/secret/reset {duration}; the PAT with a new secret', async () => {
      const pat = await api.resetSecret(CI, '7d');
      const sent = await only(seen);
      expect(sent).to.deep.include({ method: 'PATCH', path: `/api/pats/${CI}/secret/reset`, body: { duration: '7d' } });
      expectPat(pat, true);
      expect(pat).to.include({ id: CI, name: 'CI deploy', status: 'active', scopes_count: 4 });
      const lifetime = Date.parse(pat.expires_at) - Date.parse(pat.issued_at);
      expect(lifetime).to.equal(7 * 24 * 3600e3);
      // Made long before, and used with the old secret: the one stays, the other goes.
      expect(Date.parse(pat.created_at)).to.be.below(Date.parse(pat.issued_at));
      expect([pat.last_used_at, pat.last_used_ip]).to.deep.equal([null, null]);
    });

    it('revokePat: PATCH /pats/{id}/secret/revoke without a body; resolves to nothing (204)', async () => {
      const result = await api.revokePat(CI);
      const sent = await only(seen);
      expect(sent).to.include({ method: 'PATCH', path: `/api/pats/${CI}/secret/revoke`, body: undefined, type: null });
      expect(result).to.equal(undefined);
      expect(store.get('alice', CI).status).to.equal('revoked');
    });

    it('listScopes: GET /pats/{id}/scope with offset and limit; a page of scopes', async () => {
      const page = await api.listScopes(CI, { offset: 1, limit: 2 });
      const sent = await only(seen);
      expect(sent).to.include({ method: 'GET', path: `/api/pats/${CI}/scope` });
      expect(Object.fromEntries(new URLSearchParams(sent.search))).to.deep.equal({ offset: '1', limit: '2' });
      expect(page).to.include({ total: 4, offset: 1, limit: 2 });
      expect(page.scopes).to.have.length(2);
      expect(page.scopes[0]).to.have.keys('id', 'pat_id', 'entity_type', 'operation', 'entity_id', 'domain_id');
      expect(page.scopes[0]!.pat_id).to.equal(CI);
    });

    it('listScopes: no query without a page', async () => {
      const page = await api.listScopes(CI);
      expect(seen[0]!.url.search).to.equal('');
      expect(page.total).to.equal(4);
    });

    it('addScopes: PATCH /pats/{id}/scope/add {scopes}; every scope after the change', async () => {
      const scopes = [{ entity_type: 'users', operation: 'read', entity_id: 'u-1', domain_id: 'd-1' }];
      const result = await api.addScopes(CI, scopes);
      const sent = await only(seen);
      expect(sent).to.deep.include({ method: 'PATCH', path: `/api/pats/${CI}/scope/add`, body: { scopes } });
      expect(result).to.have.keys('scopes');
      expect(result.scopes).to.have.length(5);
      expect(
        result.scopes.some((scope) => scope.entity_type === 'users' && scope.entity_id === 'u-1' && scope.domain_id === 'd-1'),
      ).to.equal(true);
    });

    it('removeScopes: PATCH /pats/{id}/scope/remove {scopes_id}; every scope left', async () => {
      const { scopes } = await api.listScopes(CI);
      seen.length = 0;
      const result = await api.removeScopes(CI, [scopes[0]!.id]);
      const sent = await only(seen);
      expect(sent).to.deep.include({ method: 'PATCH', path: `/api/pats/${CI}/scope/remove`, body: { scopes_id: [scopes[0]!.id] } });
      expect(result.scopes).to.have.length(3);
      expect(result.scopes.map((scope) => scope.id)).not.to.include(scopes[0]!.id);
    });

    it('clearScopes: DELETE /pats/{id}/scope; no scopes', async () => {
      const result = await api.clearScopes(CI);
      const sent = await only(seen);
      expect(sent).to.include({ method: 'DELETE', path: `/api/pats/${CI}/scope`, body: undefined });
      expect(result).to.deep.equal({ scopes: [] });
      expect(store.get('alice', CI).scopes_count).to.equal(0);
    });

    it('getCatalog: GET /pats/catalog; entity types, durations, the maximum lifetime and the server’s idle limit (none here)', async () => {
      const catalog = await api.getCatalog();
      const sent = await only(seen);
      expect(sent).to.include({ method: 'GET', path: '/api/pats/catalog' });
      expect(catalog).to.have.keys('entity_types', 'durations', 'max_lifetime', 'max_idle');
      expect(catalog.max_idle).to.equal(null);
      expect(catalog.entity_types.map((type) => type.type)).to.include.members(['clients', 'channels', 'messages']);
      expect(catalog.entity_types[0]).to.have.keys('type', 'label', 'operations');
      expect(catalog.durations[0]).to.have.keys('value', 'label');
      expect(catalog.max_lifetime).to.be.a('string');
    });

    it('getSummary: GET /pats/summary; the counts', async () => {
      const summary = await api.getSummary();
      const sent = await only(seen);
      expect(sent).to.include({ method: 'GET', path: '/api/pats/summary' });
      expect(summary).to.deep.equal({ active: 8, expiring_soon: 2, revoked: 2, expired: 2, total: 12 });
    });

    it('listPatEvents: GET /pats/{id}/events with offset and limit; a page of its history, newest first', async () => {
      await api.renamePat(CI, 'CI deploy v2');
      seen.length = 0;
      const page = await api.listPatEvents(CI, { offset: 0, limit: 2 });
      const sent = await only(seen);
      expect(sent).to.include({ method: 'GET', path: `/api/pats/${CI}/events`, type: null, body: undefined });
      expect(Object.fromEntries(new URLSearchParams(sent.search))).to.deep.equal({ offset: '0', limit: '2' });
      expect(page).to.include({ offset: 0, limit: 2, total: store.listPatEvents('alice', CI, 0, 100).total });
      expect(page.events).to.have.length(2);
      expect(page.events[0]).to.have.keys('id', 'pat_id', 'pat_name', 'kind', 'at', 'actor', 'ip', 'user_agent', 'details');
      expect(page.events[0]).to.deep.include({ pat_id: CI, pat_name: 'CI deploy v2', kind: 'renamed', actor: 'alice', ip: '127.0.0.1' });
      expect(page.events[0]!.details).to.deep.equal({ from: 'CI deploy', to: 'CI deploy v2' });
      expect(page.events[0]!.user_agent).to.equal(navigator.userAgent);
      expect(page.events[0]!.at >= page.events[1]!.at).to.equal(true);
    });

    it('listPatEvents: no query without a page; a PAT that is not yours is a 404', async () => {
      await api.listPatEvents(CI);
      expect(seen[0]!.url.search).to.equal('');
      const error = await apiErrorOf(api.listPatEvents(seededId('bob', 'Home Assistant bridge')));
      expect([error.status, error.code]).to.deep.equal([404, 'not_found']);
    });

    it('listEvents: GET /events; every PAT’s history, deleted ones’ included', async () => {
      await api.deletePat(CI);
      seen.length = 0;
      const page = await api.listEvents({ limit: 5 });
      const sent = await only(seen);
      expect(sent).to.include({ method: 'GET', path: '/api/events', search: '?limit=5' });
      expect(page.total).to.equal(store.listEvents('alice', 0, 1).total);
      expect(page.events[0]).to.deep.include({ pat_id: CI, pat_name: 'CI deploy', kind: 'deleted' });
      const error = await apiErrorOf(api.listEvents({ limit: 101 }));
      expect([error.status, error.details.map((detail) => detail.field)]).to.deep.equal([400, ['limit']]);
    });

    it('getPatUsage: GET /pats/{id}/usage?days; its checks on each UTC day, today last', async () => {
      const usage = await api.getPatUsage(CI, 7);
      const sent = await only(seen);
      expect(sent).to.include({ method: 'GET', path: `/api/pats/${CI}/usage`, search: '?days=7' });
      expect(usage).to.have.keys('pat_id', 'days', 'allowed', 'denied');
      expect(usage.days).to.have.length(7);
      expect(usage.days.at(-1)!.day).to.equal(new Date().toISOString().slice(0, 10));
      expect(usage.allowed).to.equal(usage.days.reduce((sum, day) => sum + day.allowed, 0));
      expect(usage).to.deep.equal(store.usage('alice', CI, 7));
      expect((await api.getPatUsage(CI)).days).to.have.length(30, 'the server’s 30 days without `days`');
      expect(seen[1]!.url.search).to.equal('');
      const error = await apiErrorOf(api.getPatUsage(CI, 91));
      expect([error.status, error.details.map((detail) => detail.field)]).to.deep.equal([400, ['days']]);
    });

    it('sends accept: application/json and a JSON content type only with a body', async () => {
      await api.getPat(CI);
      await api.renamePat(CI, 'Renamed');
      expect(seen[0]!.headers.get('accept')).to.equal('application/json');
      expect(seen[0]!.headers.get('content-type')).to.equal(null);
      expect(seen[1]!.headers.get('content-type')).to.equal('application/json');
    });

    it('joins a base URL with a trailing slash without doubling it', async () => {
      const slashed = new HttpPatApi({ baseUrl: '/api/', token: TOKEN });
      await slashed.getSummary();
      expect(seen[0]!.url.pathname).to.equal('/api/pats/summary');
    });
  });

  describe('the bearer token', () => {
    it('sends `token` as a bearer', async () => {
      await new HttpPatApi({ baseUrl: '/api', token: mockTokenFor('bob') }).listPats({ status: 'all' });
      expect(seen[0]!.headers.get('authorization')).to.equal(`Bearer ${mockTokenFor('bob')}`);
    });

    it('asks an async getToken() before every request, and it wins over token', async () => {
      let calls = 0;
      const tokens = [mockTokenFor('alice'), mockTokenFor('bob')];
      const client = new HttpPatApi({
        baseUrl: '/api',
        token: 'not-a-valid-token',
        getToken: async () => {
          await delay(5);
          return tokens[calls++];
        },
      });
      const alice = await client.listPats({ status: 'all' });
      const bob = await client.listPats({ status: 'all' });
      expect(calls).to.equal(2);
      expect(seen.map((request) => request.headers.get('authorization'))).to.deep.equal(tokens.map((token) => `Bearer ${token}`));
      expect(alice.total).to.equal(12);
      expect(bob.total).to.equal(5);
    });

    it('accepts a synchronous getToken()', async () => {
      const client = new HttpPatApi({ baseUrl: '/api', getToken: () => TOKEN });
      await client.getSummary();
      expect(seen[0]!.headers.get('authorization')).to.equal(`Bearer ${TOKEN}`);
    });

    it('sends no authorization header without a token', async () => {
      await rejection(new HttpPatApi({ baseUrl: '/api' }).getSummary());
      expect(seen[0]!.headers.get('authorization')).to.equal(null);
    });
  });

  describe('failures', () => {
    it('400: ApiError with the field details', async () => {
      const error = await apiErrorOf(api.createPat({ name: '   ', duration: '30d' }));
      expect(error.status).to.equal(400);
      expect(error.code).to.equal('validation_failed');
      expect(error.message).to.match(/^Invalid request: name /);
      expect(error.details.map((detail) => detail.field)).to.include('name');
      expect(error.fieldMessage('name')).to.be.a('string').and.not.be.empty;
      expect(error.fieldMessage('description')).to.equal(undefined);
      const duration = await apiErrorOf(api.createPat({ name: 'Fine name', duration: '0s' }));
      expect(duration.status).to.equal(400);
      expect(duration.fieldMessage('duration')).to.be.a('string').and.not.be.empty;
      expect(error.name).to.equal('ApiError');
      expect(error).to.be.instanceOf(Error);
    });

    it('401: ApiError unauthenticated without a token', async () => {
      const error = await apiErrorOf(new HttpPatApi({ baseUrl: '/api' }).listPats());
      expect(error).to.include({ status: 401, code: 'unauthenticated' });
      expect(error.message).to.match(/sign in/i);
      expect(error.details).to.deep.equal([]);
    });

    it('404: ApiError not_found for an id that is not yours', async () => {
      const bobs = seededId('bob', 'Prototype');
      const error = await apiErrorOf(api.getPat(bobs));
      expect(error).to.include({ status: 404, code: 'not_found', message: 'No personal access token with this id.' });
    });

    it('409: ApiError conflict for a duplicate name, with the name field', async () => {
      const error = await apiErrorOf(api.createPat({ name: 'ci DEPLOY', duration: '30d' }));
      expect(error).to.include({ status: 409, code: 'conflict' });
      expect(error.message).to.match(/already have/);
      expect(error.fieldMessage('name')).to.be.a('string');
    });

    it('500: ApiError internal, said in the client’s own words', async () => {
      await useMockApi('error');
      const error = await apiErrorOf(api.listPats());
      expect(error).to.include({ status: 500, code: 'internal', message: strings.errors.server });
    });

    it('a server failure never shows its raw text ("database is locked"): the user reads the client’s words', async () => {
      worker.use(http.get('/api/pats', () => HttpResponse.json({ message: 'database is locked' }, { status: 503 })));
      const error = await apiErrorOf(api.listPats());
      expect(error).to.include({ status: 503, code: 'internal', message: strings.errors.server });
    });

    it('an error answer without a JSON body still gives an ApiError with a message', async () => {
      worker.use(
        http.get(
          '/api/pats/summary',
          () => new HttpResponse('<h1>Bad gateway</h1>', { status: 502, headers: { 'content-type': 'text/html' } }),
        ),
      );
      const error = await apiErrorOf(api.getSummary());
      expect(error).to.include({ status: 502, code: 'internal' });
      expect(error.message).to.be.a('string').and.not.be.empty;
    });

    it('an error answer without a JSON body gets the code its status stands for', async () => {
      const statuses = [401, 403, 404, 409, 400];
      worker.use(http.get('/api/pats/:id', ({ params }) => new HttpResponse('Nope', { status: Number(params.id) })));
      const codes = [];
      for (const status of statuses) codes.push((await apiErrorOf(api.getPat(String(status)))).code);
      expect(codes).to.deep.equal(['unauthenticated', 'forbidden', 'not_found', 'conflict', 'validation_failed']);
    });

    it('status 0 network ApiError when fetch rejects', async () => {
      const client = new HttpPatApi({
        baseUrl: '/api',
        token: TOKEN,
        fetch: async () => {
          throw new TypeError('Failed to fetch');
        },
      });
      const error = await apiErrorOf(client.listPats());
      expect(error).to.include({ status: 0, code: 'network' });
      expect(error.message).to.match(/reach the server/);
    });

    it('status 0 network ApiError when the body breaks off while it is read', async () => {
      const client = new HttpPatApi({
        baseUrl: '/api',
        token: TOKEN,
        fetch: async () =>
          new Response(
            new ReadableStream({
              start(controller) {
                controller.error(new TypeError('network error'));
              },
            }),
            { status: 200, headers: { 'content-type': 'application/json' } },
          ),
      });
      const error = await apiErrorOf(client.getSummary());
      expect(error).to.include({ status: 0, code: 'network' });
    });

    it('passes the request to a custom fetch', async () => {
      const calls: [string, RequestInit | undefined][] = [];
      const client = new HttpPatApi({
        baseUrl: 'https://auth.example.com/api',
        token: TOKEN,
        fetch: async (input, init) => {
          calls.push([String(input), init]);
          return new Response(JSON.stringify({ deleted: 3 }), { status: 200, headers: { 'content-type': 'application/json' } });
        },
      });
      expect(await client.deleteAllPats()).to.deep.equal({ deleted: 3 });
      expect(calls).to.have.length(1);
      expect(calls[0]![0]).to.equal('https://auth.example.com/api/pats');
      expect(calls[0]![1]).to.include({ method: 'DELETE' });
      expect((calls[0]![1]!.headers as Record<string, string>).authorization).to.equal(`Bearer ${TOKEN}`);
    });

    it('an already aborted signal rejects with AbortError, not ApiError', async () => {
      const controller = new AbortController();
      controller.abort();
      const error = await rejection(api.listPats({}, { signal: controller.signal }));
      expect(error).not.to.be.instanceOf(ApiError);
      expect(error).to.be.instanceOf(DOMException);
      expect((error as DOMException).name).to.equal('AbortError');
    });

    it('aborting a request in flight rejects with AbortError, not ApiError', async () => {
      worker.use(
        http.get('/api/pats', async () => {
          await delay(2000);
          return HttpResponse.json({ total: 0, offset: 0, limit: 10, pats: [] });
        }),
      );
      const controller = new AbortController();
      const pending = rejection(api.listPats({}, { signal: controller.signal }));
      setTimeout(() => controller.abort(), 50);
      const error = await pending;
      expect(error).not.to.be.instanceOf(ApiError);
      expect((error as DOMException).name).to.equal('AbortError');
    });
  });
});
