import { expect } from '@open-wc/testing';
import { mockTokenFor, seededId } from '../../mocks/index.js';
import { apiErrorOf, useMockApi } from '../../testing/fixture.js';
import { strings } from '../i18n/strings.js';
import { ApiError } from './api-error.js';
import { checkedPatApi } from './checked-pat-api.js';
import { HttpPatApi } from './http-pat-api.js';
import { lazyPatApi } from './lazy-pat-api.js';
import { PAT_API_METHODS, PAT_API_OPTIONAL_METHODS, type PatApi } from './pat-api.js';

const ZERO = '0001-01-01T00:00:00Z';
/** What an unmodified Magistrala/SuperMQ backend answers to `GET /pats/catalog` and `/pats/summary`. */
const EMPTY_UPSTREAM_PAT = { issued_at: ZERO, expires_at: ZERO, updated_at: ZERO, last_used_at: ZERO, revoked_at: ZERO, status: 'active' };
const PAT = {
  id: seededId('alice', 'CI deploy'),
  user_id: 'alice',
  name: 'CI deploy',
  description: '',
  status: 'active',
  created_at: '2025-06-01T00:00:00.000Z',
  issued_at: '2026-01-01T00:00:00.000Z',
  expires_at: '2027-01-01T00:00:00.000Z',
  updated_at: null,
  last_used_at: null,
  last_used_ip: null,
  revoked: false,
  revoked_at: null,
  scopes_count: 0,
};
const { scopes_count: _, ...PAT_WITHOUT_COUNT } = PAT;
const { created_at: _created, ...PAT_WITHOUT_CREATED } = PAT;

const EVENT = {
  id: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  pat_id: PAT.id,
  pat_name: 'CI deploy',
  kind: 'renamed',
  at: '2026-01-02T00:00:00.000Z',
  actor: 'alice',
  ip: null,
  user_agent: null,
  details: { from: 'CI', to: 'CI deploy' },
};
const EVENT_PAGE = { total: 1, offset: 0, limit: 10, events: [EVENT] };

/** A client of the host's own whose every method answers `answer`; with `optional`, the optional methods too. */
function answering(answer: unknown, { optional = false } = {}): PatApi {
  const methods = [...PAT_API_METHODS, ...(optional ? PAT_API_OPTIONAL_METHODS : [])];
  return Object.fromEntries(methods.map((method) => [method, async () => answer])) as unknown as PatApi;
}

describe('checkedPatApi: every answer checked before an element reads it', () => {
  it('passes PAT Kit’s own answers through unchanged, calling the client as itself', async () => {
    await useMockApi('default');
    const raw = new HttpPatApi({ baseUrl: '/api', token: mockTokenFor('alice') });
    const checked = checkedPatApi(raw);
    expect(await checked.listPats({ status: 'all' })).to.deep.equal(await raw.listPats({ status: 'all' }));
    expect(await checked.getPat(PAT.id)).to.deep.equal(await raw.getPat(PAT.id));
    expect(await checked.listScopes(PAT.id)).to.deep.equal(await raw.listScopes(PAT.id));
    expect(await checked.getCatalog()).to.deep.equal(await raw.getCatalog());
    expect(await checked.getSummary()).to.deep.equal(await raw.getSummary());
    expect(await checked.listPatEvents!(PAT.id, { limit: 3 })).to.deep.equal(await raw.listPatEvents(PAT.id, { limit: 3 }));
    expect(await checked.listEvents!()).to.deep.equal(await raw.listEvents());
    expect(await checked.getPatUsage!(PAT.id, 5)).to.deep.equal(await raw.getPatUsage(PAT.id, 5));
    const restricted = await checked.setAllowedIps!(PAT.id, ['10.1.2.3/8']);
    expect(restricted.allowed_ips).to.deep.equal(['10.0.0.0/8']);
    expect(restricted).to.deep.equal(await raw.getPat(PAT.id));
    const created = await checked.createPat({ name: 'checked', duration: '1d' });
    expect(created.secret).to.be.a('string');
    expect((await checked.addScopes(created.id, [{ entity_type: 'clients', operation: 'read', entity_id: '*' }])).scopes).to.have.length(1);
    await checked.revokePat(created.id);
    await checked.deletePat(created.id);
    expect((await apiErrorOf(checked.getPat(created.id))).code).to.equal('not_found');
  });

  it('has an optional method only when the client has it, so an element can tell the feature is missing', () => {
    expect(Object.keys(checkedPatApi(answering(undefined))).sort()).to.deep.equal([...PAT_API_METHODS].sort());
    const { listEvents: _, ...withoutOne } = answering(undefined, { optional: true });
    const checked = checkedPatApi(withoutOne as PatApi);
    expect([typeof checked.listPatEvents, typeof checked.listEvents, typeof checked.getPatUsage]).to.deep.equal([
      'function',
      'undefined',
      'function',
    ]);
    for (const method of PAT_API_OPTIONAL_METHODS) expect(checkedPatApi(new HttpPatApi({ baseUrl: '/api' }))[method]).to.be.a('function');
    // The provider's code-split client (the SuperMQ one) forwards only what every client has.
    const lazy = lazyPatApi(async () => answering(undefined, { optional: true }));
    for (const method of PAT_API_OPTIONAL_METHODS) expect(checkedPatApi(lazy)[method], method).to.equal(undefined);
  });

  it('is the same wrapper for the same client', () => {
    const client = answering(undefined);
    expect(checkedPatApi(client)).to.equal(checkedPatApi(client));
  });

  const wrong: [method: keyof PatApi, answer: unknown, what: string][] = [
    ['getCatalog', EMPTY_UPSTREAM_PAT, 'a catalog that is an empty PAT (the upstream has no catalog route)'],
    [
      'getCatalog',
      { entity_types: [{ type: 'clients', label: 'Clients' }], durations: [], max_lifetime: '365d' },
      'an entity type without operations',
    ],
    ['getSummary', EMPTY_UPSTREAM_PAT, 'a summary without counts'],
    ['getSummary', { active: '8', expiring_soon: 0, revoked: 0, expired: 0, total: 8 }, 'a count that is not a number'],
    ['getPat', PAT_WITHOUT_COUNT, 'a PAT without scopes_count'],
    ['getPat', { ...PAT, id: '' }, 'the upstream’s empty PAT for an id that is not yours'],
    ['getPat', PAT_WITHOUT_CREATED, 'a PAT without created_at'],
    ['resetSecret', { ...PAT, created_at: null, secret: 'pat_x' }, 'a regenerated PAT whose created_at is not a string'],
    ['listPats', { total: 1, offset: 0, limit: 10, pats: [PAT_WITHOUT_COUNT] }, 'a page whose PAT has no scopes_count'],
    ['listPats', { total: 1 }, 'a page without pats'],
    ['createPat', PAT, 'a created PAT without its secret'],
    ['resetSecret', { ...PAT, secret: 7 }, 'a secret that is not a string'],
    ['renamePat', undefined, 'no body where a PAT was due'],
    ['addScopes', undefined, 'no body after adding scopes (the upstream’s answer)'],
    ['removeScopes', { scopes: [{ id: 's1', entity_type: 'clients' }] }, 'a scope without its operation'],
    ['clearScopes', null, 'null after deleting the scopes'],
    ['listScopes', { scopes: [] }, 'a scope page without its total'],
    ['deleteAllPats', undefined, 'no count of the deleted PATs'],
    ['listPatEvents', { total: 1, offset: 0 }, 'an event page without events'],
    ['listPatEvents', { ...EVENT_PAGE, events: [{ ...EVENT, kind: undefined }] }, 'an event without its kind'],
    ['listPatEvents', { ...EVENT_PAGE, events: [{ ...EVENT, details: null }] }, 'an event whose details are null'],
    ['listEvents', { ...EVENT_PAGE, events: [{ ...EVENT, ip: 7 }] }, 'an event whose address is not a string'],
    ['listEvents', { ...EVENT_PAGE, events: [{ ...EVENT, details: { from: 1 } }] }, 'a rename from a number'],
    [
      'listEvents',
      { ...EVENT_PAGE, events: [{ ...EVENT, details: { scopes: [{ entity_type: 'clients' }] } }] },
      'a scope without its operation',
    ],
    ['listEvents', EMPTY_UPSTREAM_PAT, 'a PAT where a page of events was due'],
    ['setAllowedIps', PAT, 'a PAT without the allowlist just set'],
    ['setAllowedIps', { ...PAT, allowed_ips: ['10.0.0.1', 7] }, 'an allowlist entry that is not a string'],
    ['getPat', { ...PAT, allowed_ips: '10.0.0.0/8' }, 'an allowlist that is not a list'],
    [
      'listEvents',
      { ...EVENT_PAGE, events: [{ ...EVENT, kind: 'allowed_ips_changed', details: { allowed_ips: '10.0.0.1' } }] },
      'an allowlist change whose list is not a list',
    ],
    [
      'listEvents',
      { ...EVENT_PAGE, events: [{ ...EVENT, kind: 'new_address', details: { refused: true } }] },
      'a refusal that is no reason',
    ],
    ['getPat', { ...PAT, leak: 'https://github.com/acme/site' }, 'a leak that is not a report'],
    [
      'listPats',
      { total: 1, offset: 0, limit: 10, pats: [{ ...PAT, leak: { url: '', source: '' } }] },
      'a leak without when it was reported',
    ],
    ['resetSecret', { ...PAT, secret: 'pat_x', leak: { reported_at: PAT.issued_at, url: 7, source: '' } }, 'a leak whose url is a number'],
    [
      'listEvents',
      { ...EVENT_PAGE, events: [{ ...EVENT, kind: 'leaked', details: { url: ['https://x.example'] } }] },
      'a leak event whose url is a list',
    ],
    [
      'listEvents',
      { ...EVENT_PAGE, events: [{ ...EVENT, kind: 'leaked', details: { source: null } }] },
      'a leak event whose source is null',
    ],
    ['getPat', { ...PAT, max_idle: 30 }, 'an idle limit that is a number'],
    ['listPats', { total: 1, offset: 0, limit: 10, pats: [{ ...PAT, idle_expires_at: 1767225600000 }] }, 'an idle expiry that is a number'],
    ['getPat', { ...PAT, status: 'expired', expired_reason: { idle: true } }, 'a reason it expired that is no word'],
    [
      'getCatalog',
      { entity_types: [{ type: 'clients', label: 'Clients', operations: ['read'] }], durations: [], max_lifetime: '365d', max_idle: 90 },
      'a server’s idle limit that is a number',
    ],
    [
      'listEvents',
      { ...EVENT_PAGE, events: [{ ...EVENT, kind: 'expired', details: { expires_at: PAT.expires_at, reason: true } }] },
      'an expiry whose reason is no word',
    ],
    [
      'listPatEvents',
      { ...EVENT_PAGE, events: [{ ...EVENT, kind: 'created', details: { expires_at: PAT.expires_at, max_idle: 30 } }] },
      'a creation whose idle limit is a number',
    ],
    ['getPatUsage', { pat_id: PAT.id, allowed: 1, denied: 0 }, 'usage without its days'],
    [
      'getPatUsage',
      { pat_id: PAT.id, allowed: 1, denied: 0, days: [{ day: '2026-01-01', allowed: '1', denied: 0 }] },
      'a count that is a string',
    ],
  ];
  for (const [method, answer, what] of wrong) {
    it(`${method}: ${what} is an ApiError with a clear message, not a value to crash on`, async () => {
      const checked = checkedPatApi(answering(answer, { optional: true })) as unknown as Record<string, () => Promise<unknown>>;
      const error = await apiErrorOf(checked[method]!());
      expect([error.status, error.code, error.message]).to.deep.equal([502, 'internal', strings.errors.unexpectedAnswer]);
    });
  }

  it('passes well-formed events and usage through: null addresses, details of every kind', async () => {
    const events = [
      EVENT,
      { ...EVENT, kind: 'created', ip: '203.0.113.7', user_agent: 'curl/8.5', details: { expires_at: PAT.expires_at, scopes: [] } },
      {
        ...EVENT,
        kind: 'scopes_added',
        details: { scopes: [{ entity_type: 'clients', operation: 'read', entity_id: '*', domain_id: null }] },
      },
      { ...EVENT, kind: 'revoked', details: {} },
      { ...EVENT, kind: 'allowed_ips_changed', details: { allowed_ips: ['203.0.113.0/24', '2001:db8::1'] } },
      { ...EVENT, kind: 'new_address', ip: '198.51.100.9', details: { refused: 'ip_not_allowed' } },
      {
        ...EVENT,
        kind: 'leaked',
        actor: 'system',
        details: { url: 'https://github.com/acme/site/commit/4f2a9c1e', source: 'pat-kit-scan' },
      },
      { ...EVENT, kind: 'leaked', actor: 'system', details: { url: '', source: '' } },
    ];
    const page = { ...EVENT_PAGE, total: 8, events };
    expect(await checkedPatApi(answering(page, { optional: true })).listEvents!()).to.deep.equal(page);
    const usage = { pat_id: PAT.id, days: [{ day: '2026-01-01', allowed: 3, denied: 1 }], allowed: 3, denied: 1 };
    expect(await checkedPatApi(answering(usage, { optional: true })).getPatUsage!(PAT.id)).to.deep.equal(usage);
  });

  it('passes a PAT without an allowlist (a server from before them: any address); setAllowedIps answers the list', async () => {
    expect(await checkedPatApi(answering(PAT)).getPat(PAT.id)).to.deep.equal(PAT);
    const restricted = { ...PAT, allowed_ips: ['10.0.0.0/8'] };
    expect(await checkedPatApi(answering(restricted, { optional: true })).setAllowedIps!(PAT.id, ['10.0.0.0/8'])).to.deep.equal(restricted);
  });

  it('passes a PAT without a leak (a server from before leak reports: none), with none, and with one', async () => {
    expect(await checkedPatApi(answering(PAT)).getPat(PAT.id)).to.not.have.property('leak');
    const clean = { ...PAT, allowed_ips: [], leak: null };
    expect(await checkedPatApi(answering(clean)).getPat(PAT.id)).to.deep.equal(clean);
    const leaked = {
      ...clean,
      status: 'revoked',
      revoked: true,
      revoked_at: '2026-02-01T00:00:00.000Z',
      leak: { reported_at: '2026-02-01T00:00:00.000Z', url: '', source: 'pat-kit-scan' },
    };
    expect(await checkedPatApi(answering(leaked)).getPat(PAT.id)).to.deep.equal(leaked);
    const page = { total: 2, offset: 0, limit: 10, pats: [PAT, leaked] };
    expect(await checkedPatApi(answering(page)).listPats()).to.deep.equal(page);
  });

  it('passes a PAT without an idle limit (a server from before them: none), with none, and with one; a catalog with or without the server’s', async () => {
    expect(await checkedPatApi(answering(PAT)).getPat(PAT.id)).to.not.have.property('max_idle');
    const none = { ...PAT, max_idle: null, idle_expires_at: null, expired_reason: null };
    expect(await checkedPatApi(answering(none)).getPat(PAT.id)).to.deep.equal(none);
    const limited = { ...none, max_idle: '30d', idle_expires_at: '2026-02-01T00:00:00.000Z' };
    const unused = { ...limited, status: 'expired', expired_reason: 'idle' };
    const page = { total: 3, offset: 0, limit: 10, pats: [PAT, limited, unused] };
    expect(await checkedPatApi(answering(page)).listPats()).to.deep.equal(page);
    expect(await checkedPatApi(answering({ ...unused, secret: 'pat_x' })).resetSecret(PAT.id, '30d')).to.deep.include({
      expired_reason: 'idle',
    });
    const catalog = { entity_types: [{ type: 'clients', label: 'Clients', operations: ['read'] }], durations: [], max_lifetime: '365d' };
    for (const answer of [catalog, { ...catalog, max_idle: null }, { ...catalog, max_idle: '90d' }])
      expect(await checkedPatApi(answering(answer)).getCatalog()).to.deep.equal(answer);
    const events = [
      { ...EVENT, kind: 'created', details: { expires_at: PAT.expires_at, scopes: [], max_idle: '30d' } },
      {
        ...EVENT,
        kind: 'expired',
        actor: 'system',
        details: { expires_at: PAT.expires_at, reason: 'idle', idle_expires_at: PAT.issued_at },
      },
    ];
    const history = { ...EVENT_PAGE, total: 2, events };
    expect(await checkedPatApi(answering(history, { optional: true })).listPatEvents!(PAT.id)).to.deep.equal(history);
  });

  it('lets the calls that answer nothing answer nothing', async () => {
    const checked = checkedPatApi(answering(undefined));
    expect(await checked.deletePat('x')).to.equal(undefined);
    expect(await checked.revokePat('x')).to.equal(undefined);
  });

  it('a client that trips over an answer (a TypeError) fails with the same clear message', async () => {
    const client = {
      ...answering(undefined),
      listPats: async () => (undefined as unknown as { pats: unknown[] }).pats.map(String),
    } as unknown as PatApi;
    const error = await apiErrorOf(checkedPatApi(client).listPats());
    expect([error.status, error.message]).to.deep.equal([502, strings.errors.unexpectedAnswer]);
  });

  it('passes a client’s own errors through as they are', async () => {
    const refusal = new ApiError(409, 'conflict', 'taken');
    const client = { ...answering(undefined), renamePat: async () => Promise.reject(refusal) } as PatApi;
    expect(await apiErrorOf(checkedPatApi(client).renamePat('x', 'y'))).to.equal(refusal);
  });
});
