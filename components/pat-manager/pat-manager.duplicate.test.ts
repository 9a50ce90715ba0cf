/**
 * Duplicate: from a row's menu or a token's page, `<pat-manager>` opens the create form filled
 * from the token (a unique "(copy)" name, its description, the nearest expiry preset, every
 * scope), with the real mouse and keyboard against the MSW mocks; what was made is read back
 * from the mock store.
 */
import { expect, html } from '@open-wc/testing';
import { emulateMedia, resetMouse, sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import type { SetupWorker } from 'msw/browser';
import type SlSelect from '@shoelace-style/shoelace/dist/components/select/select.js';
import { DEFAULT_CATALOG, LIMITS, SECRET_PATTERN, scopeKey, type Catalog, type ScopeInput } from '../../contract/index.js';
import { INTERNAL_ERROR_BODY, seededId, type MockStore } from '../../mocks/index.js';
import { expectAccessible, expectSame, mount, until, useMockApi } from '../../testing/fixture.js';
import { composedContains, deepActive, text } from '../../testing/dom.js';
import { click, elapse, record } from '../../testing/input.js';
import { backButton, button, heading, listLoaded, mroot, openAt, rowByName, troot } from '../../testing/manager.js';
import { banner, chooseRowAction, descriptionArea, detailLoaded, droot, editorRows, form, formAlert } from '../../testing/manager.js';
import { formEditor, formLoaded, formPicker, nameInput, presetSelect, submitButton } from '../../testing/manager.js';
import { strings } from '../i18n/strings.js';
import { de } from '../i18n/translations/de.js';
import { fittedName, presetFor } from './copy.js';
import './pat-manager.js';
import type { PatManager } from './pat-manager.component.js';

const WAIT = 15_000;
const DAY = 24 * 3600e3;
const idOf = (name: string, user = 'alice') => seededId(user, name);
const CI = idOf('CI deploy'); // active, lives 90 days, 4 wildcard scopes
const TERRAFORM = idOf('Terraform provisioning'); // active, lives 180 days, 5 scopes in domain d-prod-eu

// ---------------------------------------------------------------------------------------------
// Helpers

async function mountManager(hash = ''): Promise<PatManager> {
  openAt(hash);
  return mount<PatManager>(html`<pat-manager></pat-manager>`);
}

/** What the create form shows: name, description, the chosen preset and the scopes (as keys, sorted). */
function shown(manager: PatManager) {
  return {
    name: nameInput(manager).value,
    description: descriptionArea(manager).value,
    preset: presetSelect(formPicker(manager)).value as string,
    scopes: keys(formEditor(manager).scopes),
  };
}

function keys(scopes: readonly ScopeInput[]): string[] {
  return scopes.map((scope) => scopeKey(scope)).sort();
}

function storeScopes(store: MockStore, id: string, user = 'alice'): ScopeInput[] {
  return store.listScopes(user, id, 0, LIMITS.scopesPerPat).scopes;
}

/** Waits for the copy's create form, filled (its name in) and with its catalog. */
async function copyLoaded(manager: PatManager): Promise<void> {
  await until(
    () => mroot(manager).querySelector('pat-create-form')?.shadowRoot && nameInput(manager)?.value,
    'the filled create form',
    WAIT,
  );
  await formLoaded(manager);
  await formEditor(manager).updateComplete;
}

/** Whether the focus is in the create form's name field. */
const focusInName = (manager: PatManager) =>
  !!mroot(manager).querySelector('pat-create-form') && composedContains(nameInput(manager), deepActive());

/** The API requests from now on: `METHOD /path?a=1&b=2`, the query decoded and in name order. */
function watchRequests(worker: SetupWorker): string[] {
  const seen: string[] = [];
  worker.events.on('request:start', ({ request }) => {
    const url = new URL(request.url);
    const query = [...url.searchParams].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, value]) => `${key}=${value}`);
    if (url.pathname.startsWith('/api/')) seen.push(`${request.method} ${url.pathname}${query.length ? `?${query.join('&')}` : ''}`);
  });
  return seen;
}

const writesOf = (requests: string[]) =>
  requests.filter((request) => !request.startsWith('GET ')).map((request) => request.replace(/\?.*/, ''));

// ---------------------------------------------------------------------------------------------

describe('<pat-manager>: Duplicate', function () {
  this.timeout(60_000);

  let worker: SetupWorker;
  let store: MockStore;
  let requests: string[];

  before(async () => {
    // Shoelace skips its show/hide animations: menus are clickable at once.
    await emulateMedia({ reducedMotion: 'reduce' });
  });

  beforeEach(async () => {
    ({ worker, store } = await useMockApi('default'));
    requests = watchRequests(worker);
  });

  afterEach(async () => {
    worker.events.removeAllListeners();
    worker.resetHandlers();
    await resetMouse();
    openAt('');
  });

  it('from a row’s menu: the create form filled from the token, the focus in its name, and accessible', async () => {
    const navigations = record(document, 'pat-navigate');
    const manager = await mountManager();
    await listLoaded(manager);
    await chooseRowAction(manager, 'Terraform provisioning', 'duplicate');
    await copyLoaded(manager);
    expect(heading(manager)).to.equal(strings.manager.duplicateTitle);
    expect(location.hash).to.equal('#/pats/new');
    expect(navigations.map((event) => event.detail)).to.deep.equal([{ route: '/pats/new' }]);
    const original = store.get('alice', TERRAFORM);
    expect(shown(manager)).to.deep.equal({
      name: 'Terraform provisioning (copy)',
      description: original.description,
      // It lives 180 days: no preset is that long; 90 days is the nearest.
      preset: '90d',
      scopes: keys(storeScopes(store, TERRAFORM)),
    });
    expect(formEditor(manager).scopes).to.have.length(5);
    // The scope editor's rows: operations on the same entity and domain share a row.
    expect(editorRows(formEditor(manager))).to.have.length(4);
    await until(() => focusInName(manager), 'the focus in the name field', WAIT);
    // The names taken were looked up in one search of all the user's tokens.
    expect(requests.filter((request) => request.startsWith('GET /api/pats?'))).to.include(
      'GET /api/pats?limit=100&name=Terraform provisioning (copy&offset=0&status=all',
    );
    expect(writesOf(requests)).to.deep.equal([]);
    await expectAccessible(manager);
  });

  it('from a token’s page: its lifetime’s preset, and Duplicate is reached with Tab', async () => {
    const manager = await mountManager(`#/pats/${CI}`);
    await detailLoaded(manager, 'CI deploy');
    const duplicate = droot(manager).querySelector<HTMLElement>('sl-button[part="duplicate"]')!;
    droot(manager).querySelector<HTMLElement>('[part="title"]')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(composedContains(duplicate, deepActive()), 'the focus on Duplicate').to.equal(true);
    await sendKeys({ press: 'Enter' });
    await copyLoaded(manager);
    expect(location.hash).to.equal('#/pats/new');
    expect(shown(manager)).to.deep.equal({
      name: 'CI deploy (copy)',
      description: store.get('alice', CI).description,
      // It lives 90 days, a preset of the catalog.
      preset: '90d',
      scopes: keys(storeScopes(store, CI)),
    });
    await until(() => focusInName(manager), 'the focus in the name field', WAIT);
  });

  it('a taken "(copy)" name gives "(copy 2)", "(copy 3)", … as the server compares names; other users’ names do not count', async () => {
    store.create('alice', { name: 'ci deploy (COPY)', duration: '30d' });
    const revoked = store.create('alice', { name: 'CI DEPLOY (copy 2)', duration: '30d' });
    store.revoke('alice', revoked.id);
    // Full-width letters are the same name (NFKC).
    store.create('alice', { name: 'ＣＩ deploy (copy 3)', duration: '30d' });
    store.create('bob', { name: 'CI deploy (copy 4)', duration: '30d' });
    const manager = await mountManager();
    await listLoaded(manager);
    await chooseRowAction(manager, 'CI deploy', 'duplicate');
    await copyLoaded(manager);
    expect(nameInput(manager).value).to.equal('CI deploy (copy 4)');
  });

  it('a token with more scopes than a page of the scope list: all of them, and Create makes a new token with its own secret; the original stays as it was', async () => {
    // 15 clients × 7 operations: 105 scopes, more than a page (100) and more than one create takes (100).
    const operations = DEFAULT_CATALOG.entity_types.find((type) => type.type === 'clients')!.operations;
    const scopes = Array.from({ length: 15 }, (_, i) => `c-${String(i + 1).padStart(2, '0')}`).flatMap((entity_id) =>
      operations.map((operation) => ({ entity_type: 'clients', operation, entity_id, domain_id: 'd-fleet' })),
    );
    const original = store.create('alice', { name: 'Fleet sync', description: 'Syncs the fleet', duration: '30d', scopes });
    const before = { pat: store.get('alice', original.id), scopes: storeScopes(store, original.id) };
    const history = store.listPatEvents('alice', original.id, 0, 100).total;
    expect(before.scopes).to.have.length(105);

    const manager = await mountManager();
    await listLoaded(manager);
    await chooseRowAction(manager, 'Fleet sync', 'duplicate');
    await copyLoaded(manager);
    expect(shown(manager)).to.deep.equal({
      name: 'Fleet sync (copy)',
      description: 'Syncs the fleet',
      preset: '30d',
      scopes: keys(scopes),
    });
    expect(editorRows(formEditor(manager))).to.have.length(15);
    expect(requests.filter((request) => request.startsWith(`GET /api/pats/${original.id}/scope`))).to.deep.equal([
      `GET /api/pats/${original.id}/scope?limit=100&offset=0`,
      `GET /api/pats/${original.id}/scope?limit=100&offset=100`,
    ]);

    const created = record(document, 'pat-created');
    await click(submitButton(manager));
    await until(() => created.length === 1, 'pat-created', WAIT);
    const copy = created[0]!.detail.pat;
    await detailLoaded(manager, 'Fleet sync (copy)');
    expect(location.hash).to.equal(`#/pats/${copy.id}`);
    expect(copy.id).not.to.equal(original.id);
    expect(copy.scopes_count).to.equal(105);
    // One create (100 scopes), then the other 5.
    expect(writesOf(requests)).to.deep.equal(['POST /api/pats', `PATCH /api/pats/${copy.id}/scope/add`]);
    expect(keys(storeScopes(store, copy.id))).to.deep.equal(keys(scopes));
    expect(store.get('alice', copy.id)).to.include({ name: 'Fleet sync (copy)', description: 'Syncs the fleet', status: 'active' });
    // Its own secret, shown once, that works for the copy and not the original.
    await until(() => banner(manager), 'the secret banner', WAIT);
    const secret = banner(manager)!.secret;
    expect(secret).to.match(SECRET_PATTERN);
    expect(secret).to.equal(copy.secret);
    expect(secret).not.to.equal(original.secret);
    const check = { entity_type: 'clients', operation: 'read', entity_id: 'c-07', domain_id: 'd-fleet' };
    expect(store.authorize(secret, check)).to.deep.include({ allowed: true, pat_id: copy.id });
    // The original: the same token, the same scopes, nothing in its history; its own secret still works.
    expect(store.get('alice', original.id)).to.deep.equal(before.pat);
    expect(storeScopes(store, original.id)).to.deep.equal(before.scopes);
    expect(store.listPatEvents('alice', original.id, 0, 100).total).to.equal(history);
    expect(store.authorize(original.secret, check)).to.deep.include({ allowed: true, pat_id: original.id });
  });

  it('a token restricted to client addresses: the copy keeps the restriction, shown and sent', async () => {
    store.setAllowedIps('alice', CI, ['203.0.113.0/24', '2001:db8::1']);
    const manager = await mountManager();
    await listLoaded(manager);
    await chooseRowAction(manager, 'CI deploy', 'duplicate');
    await copyLoaded(manager);
    const area = form(manager).shadowRoot!.querySelector<HTMLElement & { value: string }>('sl-textarea[part="allowed-ips"]');
    expect(area, 'the field, shown at once').to.exist;
    expect(area!.value).to.equal('203.0.113.0/24\n2001:db8::1');
    const created = record(document, 'pat-created');
    await click(submitButton(manager));
    await until(() => created.length === 1, 'pat-created', WAIT);
    const copy = created[0]!.detail.pat;
    expect(copy.allowed_ips).to.deep.equal(['203.0.113.0/24', '2001:db8::1']);
    expect(store.get('alice', copy.id).allowed_ips).to.deep.equal(['203.0.113.0/24', '2001:db8::1']);
    await detailLoaded(manager, 'CI deploy (copy)');
  });

  it('a token with an idle limit: the copy keeps it, one no preset has too, shown and sent', async () => {
    store.create('alice', {
      name: 'Idle bot',
      duration: '90d',
      max_idle: '45d',
      scopes: [{ entity_type: 'clients', operation: 'read', entity_id: '*' }],
    });
    const manager = await mountManager();
    await listLoaded(manager);
    await chooseRowAction(manager, 'Idle bot', 'duplicate');
    await copyLoaded(manager);
    const select = form(manager).shadowRoot!.querySelector<SlSelect>('sl-select[part="max-idle"]')!;
    await until(() => select.value === '45d', 'the copy’s idle limit', WAIT);
    expect(form(manager).maxIdle).to.equal('45d');
    expect(text(select.querySelector('sl-option[value="45d"]'))).to.equal('45 days');
    const created = record(document, 'pat-created');
    await click(submitButton(manager));
    await until(() => created.length === 1, 'pat-created', WAIT);
    const copy = created[0]!.detail.pat;
    // The default scenario's server has no idle limit: only what the form sent gives the copy one.
    expect(copy.max_idle).to.equal('45d');
    expect(store.get('alice', copy.id).max_idle).to.equal('45d');
    await detailLoaded(manager, 'Idle bot (copy)');
  });

  it('when the copy cannot be read: the error and Retry, never a half-filled form; pat-error names it', async () => {
    const errors = record(document, 'pat-error');
    worker.use(http.get('/api/pats/:id/scope', () => HttpResponse.json({ ...INTERNAL_ERROR_BODY }, { status: 500 })));
    const manager = await mountManager();
    await listLoaded(manager);
    await chooseRowAction(manager, 'CI deploy', 'duplicate');
    const alert = () => mroot(manager).querySelector('.copy-state [role="alert"]');
    await until(alert, 'the error', WAIT);
    expect(heading(manager)).to.equal(strings.manager.duplicateTitle);
    expect(text(alert())).to.include(strings.manager.duplicateError('CI deploy')).and.include(strings.errors.server);
    expectSame(mroot(manager).querySelector('pat-create-form'), null, 'a create form');
    expect(errors.map((event) => [event.detail.action, event.detail.error.status])).to.deep.equal([['duplicate', 500]]);
    await expectAccessible(manager);

    worker.resetHandlers();
    await click(button(alert()!, strings.retry));
    await copyLoaded(manager);
    expect(nameInput(manager).value).to.equal('CI deploy (copy)');
    expect(shown(manager).scopes).to.deep.equal(keys(storeScopes(store, CI)));
    await until(() => focusInName(manager), 'the focus in the name field', WAIT);
  });

  it('by keyboard alone: Tab to a row’s ⋮, Enter, the arrows to Duplicate, Enter; then the name is typed on', async () => {
    const manager = await mountManager();
    await listLoaded(manager);
    await resetMouse();
    rowByName(manager, 'CI deploy').focus();
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    const item = () => troot(manager).activeElement?.getAttribute('value');
    await until(() => item() === 'view', 'View focused', WAIT);
    for (let i = 0; i < 3; i++) await sendKeys({ press: 'ArrowDown' });
    expect(item()).to.equal('duplicate');
    await sendKeys({ press: 'Enter' });
    await copyLoaded(manager);
    await until(() => focusInName(manager), 'the focus in the name field', WAIT);
    await sendKeys({ press: 'End' });
    await sendKeys({ type: ' for staging' });
    await until(() => form(manager).name === 'CI deploy (copy) for staging', 'the name typed on', WAIT);
  });

  it('Back leaves the copy: Create PAT afterwards opens an empty form', async () => {
    const manager = await mountManager();
    await listLoaded(manager);
    await chooseRowAction(manager, 'CI deploy', 'duplicate');
    await copyLoaded(manager);
    await click(backButton(manager));
    await listLoaded(manager);
    await click(button(troot(manager), strings.table.create));
    await formLoaded(manager);
    expect(heading(manager)).to.equal(strings.manager.createTitle);
    expect(nameInput(manager).value).to.equal('');
    expect(descriptionArea(manager).value).to.equal('');
    expect(editorRows(formEditor(manager))).to.have.length(1);
    expect(formEditor(manager).scopes).to.deep.equal([]);
  });

  it('a failed create of a copy with many scopes leaves nothing behind and shows the error on the form', async () => {
    const operations = DEFAULT_CATALOG.entity_types.find((type) => type.type === 'channels')!.operations;
    const scopes = Array.from({ length: 20 }, (_, i) => `ch-${i + 1}`).flatMap((entity_id) =>
      operations.map((operation) => ({ entity_type: 'channels', operation, entity_id })),
    );
    store.create('alice', { name: 'Broker bridge', duration: '7d', scopes });
    worker.use(http.patch('/api/pats/:id/scope/add', () => HttpResponse.json({ ...INTERNAL_ERROR_BODY }, { status: 500 })));
    const created = record(document, 'pat-created');
    const manager = await mountManager();
    await listLoaded(manager);
    await chooseRowAction(manager, 'Broker bridge', 'duplicate');
    await copyLoaded(manager);
    expect(shown(manager).preset).to.equal('7d');
    expect(formEditor(manager).scopes).to.have.length(140);
    await click(submitButton(manager));
    await until(() => formAlert(manager), 'the form’s error', WAIT);
    expect(formAlert(manager)).to.equal(strings.errors.server);
    await elapse(100, 'a copy that failed must not be announced as created');
    expect(created).to.have.length(0);
    const copies = store.list('alice', { status: 'all', sort: 'name', dir: 'asc', offset: 0, limit: 100, name: 'Broker bridge (copy' });
    expect(copies.total, 'a copy left behind').to.equal(0);
    expect(writesOf(requests).map((request) => request.replace(/[0-9a-f-]{36}/, '<id>'))).to.deep.equal([
      'POST /api/pats',
      'PATCH /api/pats/<id>/scope/add',
      'DELETE /api/pats/<id>',
    ]);
    expect(nameInput(manager).value, 'what the user had is kept').to.equal('Broker bridge (copy)');
  });

  describe('the host', () => {
    it('preventDefault() on pat-request-duplicate keeps the manager out of it', async () => {
      const manager = await mountManager();
      const asked: string[] = [];
      manager.addEventListener('pat-request-duplicate', (event) => {
        asked.push(event.detail.name);
        event.preventDefault();
      });
      await listLoaded(manager);
      const navigations = record(document, 'pat-navigate');
      await chooseRowAction(manager, 'CI deploy', 'duplicate');
      await until(() => asked.length === 1, 'pat-request-duplicate at the host', WAIT);
      await elapse(300, 'a vetoed Duplicate must leave the list alone');
      expect(asked).to.deep.equal(['CI deploy']);
      expect(heading(manager)).to.equal(strings.manager.listTitle);
      expect(navigations).to.have.length(0);
      expect(location.hash).to.equal('');
      expect(requests.filter((request) => request.includes('/scope'))).to.deep.equal([]);
    });

    it('with its own router (route): asks for /pats/new, and shows the filled form once it routes there, however late', async () => {
      const manager = await mount<PatManager>(html`<pat-manager .route=${'/pats'}></pat-manager>`);
      manager.addEventListener('pat-navigate', (event) => {
        if (event.target === manager) setTimeout(() => (manager.route = event.detail.route), 300);
      });
      await listLoaded(manager);
      await chooseRowAction(manager, 'CI deploy', 'duplicate');
      await copyLoaded(manager);
      expect(manager.route).to.equal('/pats/new');
      expect(heading(manager)).to.equal(strings.manager.duplicateTitle);
      expect(nameInput(manager).value).to.equal('CI deploy (copy)');
      await until(() => focusInName(manager), 'the focus in the name field', WAIT);
      expect(location.hash).to.equal('');

      // Routed elsewhere and back (not by Duplicate): an empty form.
      manager.route = '/pats';
      await manager.updateComplete;
      manager.route = '/pats/new';
      await formLoaded(manager);
      expect(heading(manager)).to.equal(strings.manager.createTitle);
      expect(nameInput(manager).value).to.equal('');
    });
  });

  it('names the copy in the user’s language', async () => {
    const manager = await mount<PatManager>(html`<pat-manager lang="de"></pat-manager>`);
    await until(() => troot(manager).querySelectorAll('tbody tr[data-id]').length > 0, 'the rows', WAIT);
    const row = rowByName(manager, 'CI deploy');
    await click(row.querySelector('button.row-menu-trigger')!);
    const item = () => row.querySelector<HTMLElement>('sl-menu-item[value="duplicate"]');
    await until(() => (item()?.getBoundingClientRect().height ?? 0) > 0, 'the row menu', WAIT);
    expect(text(item())).to.equal(de.table.duplicate);
    await click(item()!);
    await copyLoaded(manager);
    expect(heading(manager)).to.equal(de.manager.duplicateTitle);
    expect(nameInput(manager).value).to.equal('CI deploy (Kopie)');
  });
});

describe('a copy’s name and expiry', () => {
  const english = strings.manager.copyName;

  it('a long name is cut, by whole characters, so that the copy’s fits the limit', () => {
    // A person typing, then an e with its accent as a mark of its own: 242 + 5 + 2 UTF-16 units.
    const start = 'a'.repeat(LIMITS.nameMax - 12);
    const name = `${start}\u{1F469}\u200D\u{1F4BB}e\u0301`;
    expect(name.length).to.equal(LIMITS.nameMax - 5);
    // " (copy)" is 7: 2 over, and the accented e goes whole.
    expect(fittedName(name, 1, english)).to.equal(`${start}\u{1F469}\u200D\u{1F4BB} (copy)`);
    expect(fittedName(name, 1, english)).to.have.length(LIMITS.nameMax);
    // " (copy 2)" is 9: 4 over, and the person goes whole too (never half of a pair).
    expect(fittedName(name, 2, english)).to.equal(`${start} (copy 2)`);
    expect(fittedName('short', 3, english)).to.equal('short (copy 3)');
  });

  it('the preset equal to the lifetime, else the nearest no longer than the maximum', () => {
    const lives = (days: number) => ({ issued_at: new Date(0).toISOString(), expires_at: new Date(days * DAY).toISOString() });
    const catalog: Catalog = { ...DEFAULT_CATALOG, max_lifetime: '90d' };
    expect(presetFor(lives(30), catalog)).to.equal('30d');
    expect(presetFor(lives(1), catalog)).to.equal('24h');
    expect(presetFor(lives(20), catalog)).to.equal('30d');
    expect(presetFor(lives(12), catalog)).to.equal('7d');
    // 1 year is a preset, but longer than this catalog's maximum.
    expect(presetFor(lives(365), catalog)).to.equal('90d');
    expect(presetFor(lives(365), DEFAULT_CATALOG)).to.equal('1y');
    expect(presetFor(lives(30), { ...DEFAULT_CATALOG, durations: [] })).to.equal('');
  });
});
