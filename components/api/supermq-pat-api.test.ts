import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import type { SetupWorker } from 'msw/browser';
import { DAY_MS, type ScopeInput } from '../../contract/index.js';
import { createUpstreamHandlers, mockTokenFor, seededId, UpstreamStore } from '../../mocks/index.js';
import { apiErrorOf, useMockApi } from '../../testing/fixture.js';
import { checkedPatApi } from './checked-pat-api.js';
import { PAT_API_OPTIONAL_METHODS, type PatApi } from './pat-api.js';
import { supermqStrings } from '../i18n/supermq-strings.js';
import { SUPERMQ_CATALOG, SuperMqPatApi } from './supermq-pat-api.js';

const BASE = '/upstream';

let worker: SetupWorker;
let store: UpstreamStore;
let api: SuperMqPatApi;
/** Every request that reached the upstream mock, as `METHOD /path?query`. */
let sent: string[];

before(async () => {
  ({ worker } = await useMockApi('default'));
});

beforeEach(() => {
  store = new UpstreamStore();
  worker.resetHandlers(...createUpstreamHandlers(store, { baseUrl: BASE }));
  sent = [];
  worker.events.removeAllListeners('request:start');
  worker.events.on('request:start', ({ request }) => {
    const url = new URL(request.url);
    if (url.pathname.startsWith(BASE)) sent.push(`${request.method} ${url.pathname.slice(BASE.length)}${url.search}`);
  });
  api = new SuperMqPatApi({ baseUrl: BASE, token: mockTokenFor('alice') });
});

afterEach(() => {
  worker.events.removeAllListeners('request:start');
  worker.resetHandlers();
});

const scope = (entity_type: string, operation: string, entity_id = '*', domain_id: string | null = 'd1'): ScopeInput => ({
  entity_type,
  operation,
  entity_id,
  domain_id,
});

describe('SuperMqPatApi on an unmodified upstream backend', () => {
  it('creates a PAT and then its scopes, in Go durations, and answers it as PAT Kit does', async () => {
    const pat = await api.createPat({
      name: 'ci',
      description: 'deploys',
      duration: '30d',
      scopes: [scope('clients', 'create'), scope('messages', 'publish', 'c1')],
    });
    expect(sent).to.deep.equal(['POST /pats', `PATCH /pats/${pat.id}/scope/add`]);
    expect(pat.secret).to.match(/^pat_/);
    expect([pat.status, pat.scopes_count, pat.updated_at, pat.last_used_at, pat.revoked_at]).to.deep.equal(['active', 2, null, null, null]);
    const stored = store.pats.get(pat.id)!;
    expect(stored.expires_at - stored.issued_at).to.equal(30 * DAY_MS);
    const { scopes } = await api.listScopes(pat.id);
    expect(scopes.map((s) => [s.entity_type, s.operation, s.entity_id, s.domain_id])).to.deep.equal([
      ['clients', 'create', '*', 'd1'],
      ['messages', 'publish', 'c1', 'd1'],
    ]);
  });

  it('refuses a scope without a domain before sending anything, on the field', async () => {
    const error = await apiErrorOf(api.createPat({ name: 'ci', duration: '1d', scopes: [scope('clients', 'read', '*', null)] }));
    expect([error.status, error.details[0]?.field]).to.deep.equal([400, 'scopes[0].domain_id']);
    expect(sent).to.deep.equal([]);
  });

  it('has no allowlists nor leak reports: any address, no leak; a create restricted to some is refused before anything is sent', async () => {
    const pat = await api.createPat({ name: 'open', duration: '1d' });
    expect(pat.allowed_ips).to.deep.equal([]);
    expect((await api.getPat(pat.id)).allowed_ips).to.deep.equal([]);
    expect((await api.listPats({ status: 'all' })).pats.map((entry) => entry.allowed_ips)).to.deep.equal([[]]);
    // Nor leak reports: none of its PATs was revoked by one.
    expect([pat.leak, (await api.getPat(pat.id)).leak]).to.deep.equal([null, null]);
    sent = [];
    const error = await apiErrorOf(api.createPat({ name: 'restricted', duration: '1d', allowed_ips: ['203.0.113.0/24'] }));
    expect([error.status, error.code, error.details[0]?.field]).to.deep.equal([400, 'validation_failed', 'allowed_ips']);
    expect(error.message).to.equal('This backend cannot restrict a token to client addresses: it has no allowlists.');
    expect(sent).to.deep.equal([]);
    expect(store.pats.size).to.equal(1);
  });

  it('has no idle expiry: no idle limit on its PATs nor in its catalog (a host’s either); a create asking for one is refused before anything is sent', async () => {
    const pat = await api.createPat({ name: 'lives its lifetime', duration: '1d' });
    expect([pat.max_idle, pat.idle_expires_at, pat.expired_reason]).to.deep.equal([null, null, null]);
    expect((await api.getCatalog()).max_idle).to.equal(undefined);
    expect(await checkedPatApi(api).getCatalog()).to.not.have.property('max_idle');
    const hosts = new SuperMqPatApi({ baseUrl: BASE, catalog: { ...SUPERMQ_CATALOG, max_idle: '30d' } });
    expect(await hosts.getCatalog()).to.not.have.property('max_idle');
    sent = [];
    const error = await apiErrorOf(api.createPat({ name: 'idle', duration: '30d', max_idle: '7d' }));
    expect([error.status, error.code, error.details[0]?.field]).to.deep.equal([400, 'validation_failed', 'max_idle']);
    expect(error.message).to.equal(supermqStrings.fields.maxIdle.sentence);
    expect(error.message).to.equal(
      'This backend cannot make a token expire when unused: its tokens live until they expire or are revoked.',
    );
    expect(error.fieldMessage('max_idle')).to.equal('cannot be set on this backend (its tokens do not expire when unused)');
    expect(sent).to.deep.equal([]);
    expect(store.pats.size).to.equal(1);
    // Expired, it expired by its lifetime.
    const now = Date.now();
    store.seed('alice', {
      id: seededId('alice', 'already over'),
      name: 'already over',
      description: '',
      issued_at: now - 10 * DAY_MS,
      expires_at: now - DAY_MS,
      updated_at: null,
      revoked_at: null,
      scopes: [],
    });
    const over = (await api.listPats({ status: 'expired' })).pats;
    expect(over.map((entry) => [entry.name, entry.expired_reason])).to.deep.equal([['already over', 'lifetime']]);
  });

  it('takes the PAT back when its scopes are refused, so no PAT is left without them', async () => {
    const error = await apiErrorOf(api.createPat({ name: 'ci', duration: '1d', scopes: [scope('users', 'read')] }));
    expect([error.status, error.details[0]?.field]).to.deep.equal([400, 'scopes']);
    expect(store.pats.size).to.equal(0);
  });

  it('lists with each PAT’s scope count, unset times as null, and the status computed', async () => {
    const first = await api.createPat({ name: 'first', duration: '1d', scopes: [scope('channels', 'read')] });
    await api.createPat({ name: 'second', duration: '1d' });
    await api.revokePat(first.id);
    const active = await api.listPats();
    expect(active.pats.map((pat) => [pat.name, pat.scopes_count])).to.deep.equal([['second', 0]]);
    const all = await api.listPats({ status: 'all' });
    expect(all.pats.map((pat) => [pat.name, pat.status, pat.scopes_count])).to.deep.equal([
      ['second', 'active', 0],
      ['first', 'revoked', 1],
    ]);
    expect(all.pats[1]!.revoked_at).to.be.a('string');
  });

  it('sorts here what the upstream does not: another order reads every match, then pages', async () => {
    for (const [name, duration] of [
      ['beta', '3d'],
      ['Alpha', '1d'],
      ['gamma', '2d'],
    ]) {
      await api.createPat({ name: name!, duration: duration! });
    }
    sent = [];
    const byName = await api.listPats({ sort: 'name', dir: 'asc', offset: 1, limit: 1 });
    expect([byName.total, byName.pats.map((pat) => pat.name)]).to.deep.equal([3, ['beta']]);
    expect(sent[0]).to.equal('GET /pats?status=active&limit=100000');
    const byExpiry = await api.listPats({ sort: 'expires_at', dir: 'desc', limit: 2 });
    expect(byExpiry.pats.map((pat) => pat.name)).to.deep.equal(['beta', 'gamma']);
    // Its own order (newest first) is paged by the upstream.
    sent = [];
    const newest = await api.listPats({ sort: 'issued_at', dir: 'desc', offset: 0, limit: 2 });
    expect([newest.total, newest.pats.length]).to.deep.equal([3, 2]);
    expect(sent[0]).to.equal('GET /pats?status=active&offset=0&limit=2');
  });

  it('lists the PATs expiring within the week, which the upstream cannot filter, with their count', async () => {
    // A 30-day PAT with 3 days left is expiring soon; one made for 3 days never is.
    const now = Date.now();
    store.seed('alice', {
      id: seededId('alice', 'soon'),
      name: 'soon',
      description: '',
      issued_at: now - 27 * DAY_MS,
      expires_at: now + 3 * DAY_MS,
      updated_at: null,
      revoked_at: null,
      scopes: [],
    });
    await api.createPat({ name: 'short-lived', duration: '3d' });
    await api.createPat({ name: 'a week', duration: '7d' });
    await api.createPat({ name: 'later', duration: '30d' });
    const page = await api.listPats({ status: 'expiring' });
    expect([page.total, page.pats.map((pat) => pat.name)]).to.deep.equal([1, ['soon']]);
    expect((await api.getSummary()).expiring_soon).to.equal(page.total);
    const active = await api.listPats({ status: 'active', sort: 'name', dir: 'asc' });
    expect(active.pats.map((pat) => pat.name)).to.deep.equal(['a week', 'later', 'short-lived', 'soon']);
  });

  it('lists several statuses at once, which the upstream cannot: from all the PATs, with their count', async () => {
    const now = Date.now();
    // Made in this order, an hour apart: newest first is the reverse.
    const made: [name: string, expiresIn: number, revoked: boolean][] = [
      ['long', 30 * DAY_MS, false],
      ['soon', 2 * DAY_MS, false],
      ['gone', 30 * DAY_MS, true],
      ['old', -DAY_MS, false],
      ['gone and old', -DAY_MS, true],
    ];
    for (const [i, [name, expiresIn, revoked]] of made.entries()) {
      const issued = now - 40 * DAY_MS + i * 3_600_000;
      store.seed('alice', {
        id: seededId('alice', name),
        name,
        description: '',
        issued_at: issued,
        expires_at: now + expiresIn,
        updated_at: null,
        revoked_at: revoked ? issued + 1000 : null,
        scopes: [],
      });
    }
    const names = (page: { pats: { name: string }[] }) => page.pats.map((pat) => pat.name);

    const ended = await api.listPats({ status: ['revoked', 'expired'] });
    expect([ended.total, names(ended)]).to.deep.equal([3, ['gone and old', 'old', 'gone']]);
    expect(sent[0]).to.equal('GET /pats?status=all&limit=100000');
    const paged = await api.listPats({ status: ['expired', 'revoked', 'revoked'], offset: 1, limit: 1 });
    expect([paged.total, names(paged)]).to.deep.equal([3, ['old']]);
    const soonOrGone = await api.listPats({ status: ['expiring', 'revoked'], sort: 'name', dir: 'asc' });
    expect([soonOrGone.total, names(soonOrGone)]).to.deep.equal([3, ['gone', 'gone and old', 'soon']]);

    // What amounts to one status the upstream has is asked of it, paged there.
    sent = [];
    const all = await api.listPats({ status: ['active', 'revoked', 'expired'] });
    expect(all.total).to.equal(5);
    expect(sent[0]).to.equal('GET /pats?status=all&offset=0&limit=10');
    sent = [];
    const active = await api.listPats({ status: ['expiring', 'active'] });
    expect([active.total, names(active)]).to.deep.equal([2, ['soon', 'long']]);
    expect(sent[0]).to.equal('GET /pats?status=active&offset=0&limit=10');
  });

  it('answers created_at: the upstream’s when it gives one, else issued_at (it has none, and regenerate keeps issued_at)', async () => {
    const pat = await api.createPat({ name: 'ci', duration: '1d' });
    expect(pat.created_at).to.equal(pat.issued_at);
    const reset = await api.resetSecret(pat.id, '7d');
    expect([reset.created_at, reset.issued_at]).to.deep.equal([pat.created_at, pat.issued_at]);
    const listed = await api.listPats({ status: 'all' });
    expect(listed.pats[0]!.created_at).to.equal(pat.issued_at);

    // A backend that keeps it.
    const upstream = await (
      await fetch(`${BASE}/pats/${pat.id}`, { headers: { authorization: `Bearer ${mockTokenFor('alice')}` } })
    ).json();
    worker.use(http.get(`${BASE}/pats/:id`, () => HttpResponse.json({ ...upstream, created_at: '2025-03-04T05:06:07.123456789Z' })));
    const got = await api.getPat(pat.id);
    expect([got.created_at, got.issued_at]).to.deep.equal(['2025-03-04T05:06:07.123Z', pat.issued_at]);
  });

  it('a PAT that is not the caller’s is a 404, not the upstream’s empty 200', async () => {
    const bobs = await new SuperMqPatApi({ baseUrl: BASE, token: mockTokenFor('bob') }).createPat({ name: 'bob’s', duration: '1d' });
    const error = await apiErrorOf(api.getPat(bobs.id));
    expect([error.status, error.code]).to.deep.equal([404, 'not_found']);
  });

  it('rename and reset answer the PAT as it is now (the upstream says "active" and a stale "revoked")', async () => {
    const pat = await api.createPat({ name: 'ci', duration: '1d' });
    await api.revokePat(pat.id);
    const renamed = await api.renamePat(pat.id, 'ci 2');
    expect([renamed.name, renamed.status]).to.deep.equal(['ci 2', 'revoked']);
    const reset = await api.resetSecret(pat.id, '1w');
    expect([reset.status, reset.revoked]).to.deep.equal(['active', false]);
    expect(reset.secret).to.not.equal(pat.secret);
  });

  it('a description cannot be emptied on this backend: a sentence and a field error say so, not "missing description"', async () => {
    const pat = await api.createPat({ name: 'ci', description: 'x', duration: '1d' });
    const error = await apiErrorOf(api.describePat(pat.id, ''));
    expect(error.message).to.equal('The description cannot be emptied on this backend: write a new one instead.');
    expect(error.details).to.deep.equal([{ field: 'description', message: 'cannot be emptied on this backend' }]);
  });

  it('an upstream message it does not know is passed on as it is, with no field', async () => {
    const pat = await api.createPat({ name: 'ci', duration: '1d' });
    const error = await apiErrorOf(api.renamePat(pat.id, 'x'.repeat(300)));
    expect([error.status, error.code, error.message, error.details]).to.deep.equal([422, 'conflict', 'failed to update PAT', []]);
  });

  it('scope changes answer every scope, though the upstream answers without a body', async () => {
    const pat = await api.createPat({ name: 'ci', duration: '1d' });
    const added = await api.addScopes(pat.id, [scope('groups', 'list'), scope('groups', 'read', 'g1')]);
    expect(added.scopes.map((s) => s.operation)).to.deep.equal(['list', 'read']);
    const removed = await api.removeScopes(pat.id, [added.scopes[0]!.id]);
    expect(removed.scopes.map((s) => s.entity_id)).to.deep.equal(['g1']);
    expect(await api.clearScopes(pat.id)).to.deep.equal({ scopes: [] });
    const duplicate = await apiErrorOf(api.addScopes(pat.id, [scope('groups', 'list'), scope('groups', 'list')]));
    expect([duplicate.status, duplicate.code]).to.deep.equal([422, 'conflict']);
  });

  it('counts from list totals, and deletes all with their number', async () => {
    // Made for a day: short-lived, so not expiring soon.
    await api.createPat({ name: 'soon', duration: '1d' });
    await api.createPat({ name: 'later', duration: '30d' });
    const gone = await api.createPat({ name: 'gone', duration: '30d' });
    await api.revokePat(gone.id);
    expect(await api.getSummary()).to.deep.equal({ active: 2, expiring_soon: 0, revoked: 1, expired: 0, total: 3 });
    expect(await api.deleteAllPats()).to.deep.equal({ deleted: 3 });
    expect((await api.getSummary()).total).to.equal(0);
  });

  it('offers a catalog the backend takes: no users scopes, dashboards only shared', async () => {
    const catalog = await api.getCatalog();
    const types = Object.fromEntries(catalog.entity_types.map((entry) => [entry.type, entry.operations]));
    expect(types.users).to.equal(undefined);
    expect(types.dashboards).to.deep.equal(['share', 'unshare']);
    expect(types.messages).to.deep.equal(['publish', 'subscribe']);
    expect(sent).to.deep.equal([]);
  });

  it('has no history or daily use (the backend keeps neither): the elements hide them', () => {
    for (const method of PAT_API_OPTIONAL_METHODS) {
      expect((api as PatApi)[method], method).to.equal(undefined);
      expect(checkedPatApi(api)[method], `checked ${method}`).to.equal(undefined);
    }
  });
});
