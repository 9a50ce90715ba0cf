/**
 * The user journey of the README (create, use, scope, revoke, regenerate, delete), walked through one `<pat-manager>` with the real
 * keyboard and mouse, against the MSW mocks; what the UI did is read back from the mock store.
 */
import { expect, html } from '@open-wc/testing';
import { emulateMedia, resetMouse, sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import type { SetupWorker } from 'msw/browser';
import type SlInput from '@shoelace-style/shoelace/dist/components/input/input.js';
import { SECRET_PATTERN, type Scope, type ScopeInput, DEFAULT_CATALOG } from '../../contract/index.js';
import { INTERNAL_ERROR_BODY, seededId, type MockStore } from '../../mocks/index.js';
import { expectAccessible, expectSame, mount, until, useMockApi } from '../../testing/fixture.js';
import { composedContains, deepActive, nextEvent, storedCopies, text } from '../../testing/dom.js';
import { chooseMany, chooseOne, click, elapse, replaceText, typeInto } from '../../testing/input.js';
import { backButton, button, buttonIn, closed, heading, mroot, openAt, opened } from '../../testing/manager.js';
import { listBusy, listLoaded, listState, rowByName, rowNames, rows, statCount, troot } from '../../testing/manager.js';
import { chooseRowAction, chooseStatuses, fillAddScopeRow, openAddScope, openRegenerate, openRow } from '../../testing/manager.js';
import { descriptionArea, form, formAlert, formLoaded, froot, nameInput, submitButton } from '../../testing/manager.js';
import { editorRow, editorRows, formEditor, formPicker, operationsSelect, presetSelect, typeSelect } from '../../testing/manager.js';
import { badges, banner, detail, detailLoaded, droot, field, fieldText, pageHeading, statusField, title } from '../../testing/manager.js';
import { inlineEditor, pencil, scopeRows, scopesBusy, scopesState, trashFor } from '../../testing/manager.js';
import { confirmPart, detailConfirm, detailConfirmSl, tableConfirm, tableConfirmSl } from '../../testing/manager.js';
import { addScopeSl, regenerateCancel, regenerateDialog, regeneratePicker, regenerateSl, regenerateSubmit } from '../../testing/manager.js';
import { strings } from '../i18n/strings.js';
import './pat-manager.js';
import type { PatManager } from './pat-manager.component.js';

// ---------------------------------------------------------------------------------------------
// alice's seeded PATs (mocks/scenarios.ts, default scenario)

const idOf = (name: string, user = 'alice') => seededId(user, name);
const CI = idOf('CI deploy'); // active, 4 wildcard scopes
const TERRAFORM = idOf('Terraform provisioning'); // active
const Q3 = idOf('Q3 data export'); // expired
const UNKNOWN = '3f8e2a1c-5b7d-4e9f-a1c3-0d2e4f6a8b9c';
const EXPIRED_BY_ISSUED = ['Hackathon demo', 'Q3 data export'];

const WAIT = 8000;
const DAY = 24 * 3600e3;
const SECRET_RE = /^pat_[0-9A-Za-z]{22}_[0-9A-Za-z]{49}$/;

// ---------------------------------------------------------------------------------------------
// The manager (its pages: testing/manager.ts; the real mouse and keyboard: testing/input.ts)

async function mountManager(hash = ''): Promise<PatManager> {
  openAt(hash);
  return mount<PatManager>(html`<pat-manager></pat-manager>`);
}

/** A page reload: the manager (and its provider) go, a fresh one mounts at the same URL. */
async function reload(manager: PatManager): Promise<PatManager> {
  manager.parentElement!.remove();
  return mount<PatManager>(html`<pat-manager></pat-manager>`);
}

/** A scope row's Domain field, "Domain (optional)" on PAT Kit's own backend. */
const domainInput = (fieldset: Element) =>
  [...fieldset.querySelectorAll<SlInput>('sl-input')].find((input) => input.label === strings.scopes.domain)!;

/** Fills scope row `index` of the create form with real clicks and keys. */
async function fillFormRow(
  manager: PatManager,
  index: number,
  scope: { type: string; operations: string[]; domain?: string },
): Promise<void> {
  const editor = formEditor(manager);
  await chooseOne(typeSelect(editorRow(editor, index)), scope.type);
  await editor.updateComplete;
  await chooseMany(operationsSelect(editorRow(editor, index)), scope.operations);
  // A new row has no entity choice: All is picked, as a person would.
  await click(editorRow(editor, index).querySelector('sl-radio-button[value="all"]')!);
  await until(
    () => editor.scopes.filter((entry) => entry.entity_type === scope.type).length === scope.operations.length,
    'All chosen',
    WAIT,
  );
  if (scope.domain !== undefined) {
    await typeInto(domainInput(editorRow(editor, index)), scope.domain);
    await sendKeys({ press: 'Tab' });
    await until(() => editor.scopes.some((entry) => entry.domain_id === scope.domain), 'the domain', WAIT);
  }
}

/** Name, the 7-day preset, a description and two scopes, all with real input. */
async function fillCreateForm(manager: PatManager, name: string): Promise<ScopeInput[]> {
  await typeInto(nameInput(manager), name);
  await chooseOne(presetSelect(formPicker(manager)), '7d');
  await typeInto(descriptionArea(manager), 'Rolls out the edge gateway');
  await fillFormRow(manager, 0, { type: 'clients', operations: ['read'] });
  await click(formEditor(manager).shadowRoot!.querySelector('sl-button.add')!);
  await until(() => editorRows(formEditor(manager)).length === 2, 'a second scope row', WAIT);
  await fillFormRow(manager, 1, { type: 'channels', operations: ['update'], domain: 'd-prod-eu' });
  return [
    { entity_type: 'clients', operation: 'read', entity_id: '*', domain_id: null },
    { entity_type: 'channels', operation: 'update', entity_id: '*', domain_id: 'd-prod-eu' },
  ];
}

// ---------------------------------------------------------------------------------------------
// The store, the page and the network

function storeScopes(store: MockStore, id: string): Scope[] {
  return store.listScopes('alice', id, 0, 1000).scopes;
}

const bare = ({ entity_type, operation, entity_id, domain_id }: ScopeInput) => ({
  entity_type,
  operation,
  entity_id,
  domain_id: domain_id ?? null,
});

/** The table shows the catalog's label of an entity type. */
const typeLabel = (type: string) => DEFAULT_CATALOG.entity_types.find((entry) => entry.type === type)?.label ?? type;

/** A scope as the detail's table shows it: type, entity ("All" for *), operation, domain. */
function asRow(scope: Pick<Scope, 'entity_type' | 'operation' | 'entity_id' | 'domain_id'>): string[] {
  return [
    typeLabel(scope.entity_type),
    scope.operation,
    scope.entity_id === '*' ? strings.scopes.all : scope.entity_id,
    scope.domain_id ?? strings.scopes.anyDomain,
  ];
}

function findByName(store: MockStore, name: string) {
  return store
    .list('alice', { status: 'all', sort: 'name', dir: 'asc', offset: 0, limit: 100, name })
    .pats.filter((pat) => pat.name === name);
}

/** Everything the store holds for alice and bob, PATs and scopes, as one string. */
function snapshot(store: MockStore): string {
  return JSON.stringify(
    ['alice', 'bob'].map((user) =>
      store
        .list(user, { status: 'all', sort: 'name', dir: 'asc', offset: 0, limit: 100 })
        .pats.map((pat) => ({ pat, scopes: store.listScopes(user, pat.id, 0, 1000).scopes })),
    ),
  );
}

/** Every string the page holds: text, attributes and form values, inside shadow roots too. */
function pageStrings(): string[] {
  const found: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE || node.nodeType === Node.COMMENT_NODE) found.push((node as CharacterData).data);
    if (node instanceof Element) {
      for (const attribute of node.attributes) found.push(attribute.value);
      if (node instanceof HTMLInputElement || node instanceof HTMLTextAreaElement) found.push(node.value);
      if (node.shadowRoot) walk(node.shadowRoot);
    }
    for (const child of node.childNodes) walk(child);
  };
  walk(document.documentElement);
  return found;
}

/** The requests that change something (`METHOD /api/…`), from now on. */
function watchWrites(worker: SetupWorker): string[] {
  const writes: string[] = [];
  worker.events.on('request:start', ({ request }) => {
    const url = new URL(request.url);
    if (url.pathname.startsWith('/api/') && request.method !== 'GET') writes.push(`${request.method} ${url.pathname}`);
  });
  return writes;
}

// ---------------------------------------------------------------------------------------------

describe('<pat-manager>: the user journey', function () {
  // Real input through whole flows, on a machine that may be busy with other runs.
  this.timeout(90_000);

  let worker: SetupWorker;
  let store: MockStore;
  let writes: string[];

  before(async () => {
    // Shoelace skips its show/hide animations.
    await emulateMedia({ reducedMotion: 'reduce' });
  });

  beforeEach(async () => {
    ({ worker, store } = await useMockApi('default'));
    writes = watchWrites(worker);
  });

  afterEach(async () => {
    worker.events.removeAllListeners();
    worker.resetHandlers();
    await resetMouse();
    // Without a hashchange: the manager still mounted must not navigate on its way out.
    openAt('');
  });

  it('1. creates a PAT with two scopes; the secret shows once, and after a reload it is gone for good', async () => {
    const manager = await mountManager();
    await listLoaded(manager);
    await click(button(troot(manager), strings.table.create));
    await until(() => location.hash === '#/pats/new', 'the create URL', WAIT);
    expect(heading(manager)).to.equal(strings.manager.createTitle);
    await formLoaded(manager);
    const scopes = await fillCreateForm(manager, 'Edge deploy bot');
    await click(submitButton(manager));

    await until(() => findByName(store, 'Edge deploy bot').length === 1, 'the PAT in the store', WAIT);
    const [pat] = findByName(store, 'Edge deploy bot');
    await until(() => location.hash === `#/pats/${pat!.id}`, 'the URL of the new PAT', WAIT);
    await detailLoaded(manager, 'Edge deploy bot');
    // The page is headed by the token's name, which takes the focus; the manager adds the way back.
    expect(heading(manager), 'no heading of the manager’s own').to.equal('');
    expect(text(backButton(manager))).to.equal(strings.manager.back);
    await until(() => deepActive() === pageHeading(manager), 'focus on the token’s name', WAIT);
    expect(text(pageHeading(manager))).to.equal('Edge deploy bot');
    expect(writes).to.deep.equal(['POST /api/pats']);

    // The banner, once, with the secret.
    await until(() => banner(manager), 'the secret banner', WAIT);
    const secret = banner(manager)!.secret;
    expect(secret).to.match(SECRET_RE);
    expect(secret).to.match(SECRET_PATTERN);
    expect(text(banner(manager)!.shadowRoot!.querySelector('[part="secret"]'))).to.equal(secret);
    expect(droot(manager).querySelectorAll('pat-secret-banner')).to.have.length(1);
    const random = secret.slice(27);
    expect(
      pageStrings().filter((value) => value.includes(random)),
      'the secret on the page',
    ).to.have.length(1);

    // The store has it, with both scopes.
    expect(pat).to.include({ name: 'Edge deploy bot', description: 'Rolls out the edge gateway', status: 'active', scopes_count: 2 });
    expect(Date.parse(pat!.expires_at) - Date.parse(pat!.issued_at)).to.equal(7 * DAY);
    expect(storeScopes(store, pat!.id).map(bare)).to.have.deep.members(scopes);
    expect(scopeRows(manager)).to.have.deep.members(scopes.map((scope) => asRow({ ...scope, domain_id: scope.domain_id ?? null })));

    // A reload at the same URL: the PAT, but no secret anywhere.
    const hashBefore = location.hash;
    const fresh = await reload(manager);
    expect(location.hash).to.equal(hashBefore);
    await detailLoaded(fresh, 'Edge deploy bot');
    await elapse(200, 'after a reload the secret banner must not come back');
    expect(banner(fresh)).to.equal(null);
    expect(detail(fresh).secret).to.equal('');
    expect(
      pageStrings().filter((value) => value.includes(random) || value.includes(secret)),
      'the secret on the page',
    ).to.deep.equal([]);
    expect(storedCopies(random), 'the URL, storage and cookies').to.deep.equal([]);
  });

  it('2. renames and describes a PAT in place from its detail view (Enter saves)', async () => {
    const manager = await mountManager();
    await listLoaded(manager);
    await openRow(manager, 'CI deploy');

    await click(pencil(manager, 'name'));
    await until(() => inlineEditor(manager) && composedContains(inlineEditor(manager)!, deepActive()), 'the focused name field', WAIT);
    expect(inlineEditor(manager)!.value).to.equal('CI deploy');
    await replaceText('CI deploy (prod)');
    await sendKeys({ press: 'Enter' });
    await until(() => title(manager) === 'CI deploy (prod)' && !inlineEditor(manager), 'the new name', WAIT);
    expect(store.get('alice', CI).name).to.equal('CI deploy (prod)');

    await click(pencil(manager, 'description'));
    await until(
      () => inlineEditor(manager) && composedContains(inlineEditor(manager)!, deepActive()),
      'the focused description field',
      WAIT,
    );
    await replaceText('Deploys the edge gateway from GitHub Actions');
    await sendKeys({ press: 'Enter' });
    await until(() => !inlineEditor(manager), 'the description field to close', WAIT);
    expect(store.get('alice', CI).description).to.equal('Deploys the edge gateway from GitHub Actions');
    await until(
      () => text(field(manager, strings.detail.description).querySelector('dd')) === 'Deploys the edge gateway from GitHub Actions',
      'the new description',
      WAIT,
    );
    expect(writes).to.deep.equal([`PATCH /api/pats/${CI}/name`, `PATCH /api/pats/${CI}/description`]);

    // The list shows both.
    await click(backButton(manager));
    await listLoaded(manager);
    const row = rowByName(manager, 'CI deploy (prod)');
    expect(text(row.querySelector('td.description'))).to.equal('Deploys the edge gateway from GitHub Actions');
  });

  it('3. adds a scope, deletes one with its trash icon, then deletes them all', async () => {
    const manager = await mountManager(`#/pats/${CI}`);
    await detailLoaded(manager, 'CI deploy');
    expect(scopeRows(manager)).to.have.length(4);

    // Add Scope: groups / read / g-42.
    await openAddScope(manager);
    await fillAddScopeRow(manager, 'groups', ['read'], ['g-42']);
    await click(button(addScopeSl(manager), strings.detail.addScopeSubmit));
    await closed(addScopeSl(manager));
    await until(() => scopeRows(manager).length === 5 && !scopesBusy(manager), 'five scope rows', WAIT);
    expect(storeScopes(store, CI).map(bare)).to.deep.include({
      entity_type: 'groups',
      operation: 'read',
      entity_id: 'g-42',
      domain_id: null,
    });
    expect(storeScopes(store, CI)).to.have.length(5);
    expect(scopeRows(manager)).to.deep.equal(storeScopes(store, CI).map(asRow));

    // The trash icon of "update all channels".
    const gone = storeScopes(store, CI).find((scope) => scope.entity_type === 'channels' && scope.operation === 'update')!;
    await opened(detailConfirmSl(manager), () => click(trashFor(manager, asRow(gone))));
    expect(text(confirmPart(detailConfirm(manager), 'message'))).to.equal(strings.confirm.deleteScopeText('update all channels'));
    await click(confirmPart(detailConfirm(manager), 'confirm'));
    await until(() => scopeRows(manager).length === 4 && !scopesBusy(manager), 'four scope rows', WAIT);
    expect(storeScopes(store, CI).map((scope) => scope.id)).to.not.include(gone.id);
    expect(storeScopes(store, CI)).to.have.length(4);
    expect(scopeRows(manager)).to.deep.equal(storeScopes(store, CI).map(asRow));
    await closed(detailConfirmSl(manager));

    // Delete All.
    await opened(detailConfirmSl(manager), () => click(button(droot(manager), strings.detail.deleteAllScopes)));
    expect(text(confirmPart(detailConfirm(manager), 'message'))).to.equal(strings.confirm.deleteScopesText('CI deploy', 4));
    await click(confirmPart(detailConfirm(manager), 'confirm'));
    await until(() => scopesState(manager) === strings.scopes.none, '"No scopes yet"', WAIT);
    expect(storeScopes(store, CI)).to.deep.equal([]);
    expect(store.get('alice', CI).scopes_count).to.equal(0);
    expect(writes).to.deep.equal([`PATCH /api/pats/${CI}/scope/add`, `PATCH /api/pats/${CI}/scope/remove`, `DELETE /api/pats/${CI}/scope`]);
  });

  it('4. revokes a PAT, then regenerates it with another duration: new secret, same name and scopes, active', async () => {
    const manager = await mountManager(`#/pats/${CI}`);
    await detailLoaded(manager, 'CI deploy');
    const before = store.get('alice', CI);
    const scopesBefore = storeScopes(store, CI);
    const createdBefore = fieldText(manager, strings.detail.created);
    expect(fieldText(manager, strings.detail.lastUsed)).to.match(/ · 2 hours ago from 10\.0\.4\.17$/);

    await opened(detailConfirmSl(manager), () => click(button(statusField(manager), strings.detail.revoke)));
    expect(text(confirmPart(detailConfirm(manager), 'message'))).to.equal(strings.confirm.revokeText('CI deploy'));
    await click(confirmPart(detailConfirm(manager), 'confirm'));
    await until(
      () => badges(manager)[0] === strings.status.revoked && buttonIn(statusField(manager), strings.detail.regenerate),
      'Revoked, with Regenerate',
      WAIT,
    );
    expect(store.get('alice', CI).status).to.equal('revoked');
    expect(buttonIn(statusField(manager), strings.detail.revoke)).to.equal(undefined);
    await closed(detailConfirmSl(manager));

    await openRegenerate(manager);
    expect(text(regenerateDialog(manager).shadowRoot!.querySelector('.text'))).to.equal(strings.regenerate.text('CI deploy'));
    await chooseOne(presetSelect(regeneratePicker(manager)), '7d');
    const started = Date.now();
    await click(regenerateSubmit(manager));
    await until(() => banner(manager) && badges(manager)[0] === strings.status.active, 'the new secret and Active', WAIT);
    const finished = Date.now();
    await closed(regenerateSl(manager));

    const secret = banner(manager)!.secret;
    expect(secret).to.match(SECRET_RE);
    expect(text(banner(manager)!.shadowRoot!.querySelector('[part="secret"]'))).to.equal(secret);
    const after = store.get('alice', CI);
    expect(after.status).to.equal('active');
    expect(after.name).to.equal(before.name);
    expect(after.description).to.equal(before.description);
    expect(storeScopes(store, CI)).to.deep.equal(scopesBefore);
    expect(Date.parse(after.expires_at) - Date.parse(after.issued_at)).to.equal(7 * DAY);
    expect(Date.parse(after.expires_at)).to.be.within(started + 7 * DAY - 1000, finished + 7 * DAY + 1000);
    expect(after.expires_at).to.not.equal(before.expires_at);
    expect(title(manager)).to.equal('CI deploy');
    await until(() => statusField(manager).querySelector('time')?.getAttribute('datetime') === after.expires_at, 'the new expiry', WAIT);
    await until(() => !scopesBusy(manager), 'the scopes', WAIT);
    expect(scopeRows(manager)).to.deep.equal(scopesBefore.map(asRow));
    expect(buttonIn(statusField(manager), strings.detail.revoke)).to.exist;
    // Made 230 days ago it stays; the last use was the old secret's.
    expect(after.created_at).to.equal(before.created_at);
    expect(fieldText(manager, strings.detail.created)).to.equal(createdBefore);
    expect(fieldText(manager, strings.detail.lastUsed)).to.equal(strings.never);
    expect(fieldText(manager, strings.detail.issued)).to.match(/ · (now|\d+ seconds? ago)$/);
    expect(writes).to.deep.equal([`PATCH /api/pats/${CI}/secret/revoke`, `PATCH /api/pats/${CI}/secret/reset`]);
  });

  it('5. finds an expired PAT with the Expired filter, opens it and regenerates it', async () => {
    const manager = await mountManager();
    await listLoaded(manager);
    await chooseStatuses(manager, ['expired']);
    await until(() => location.hash === '#/pats?status=expired', 'the filter in the URL', WAIT);
    await until(
      () => !listBusy(manager) && JSON.stringify(rowNames(manager)) === JSON.stringify(EXPIRED_BY_ISSUED),
      'the expired PATs',
      WAIT,
    );
    for (const row of rows(manager)) expect(text(row.querySelector('.badge'))).to.equal(strings.status.expired);

    await openRow(manager, 'Q3 data export');
    expect(badges(manager)).to.deep.equal([strings.status.expired]);
    await openRegenerate(manager);
    await click(regenerateSubmit(manager));
    await until(() => banner(manager) && badges(manager)[0] === strings.status.active, 'the new secret and Active', WAIT);
    expect(banner(manager)!.secret).to.match(SECRET_RE);
    expect(store.get('alice', Q3).status).to.equal('active');
    expect(Date.parse(store.get('alice', Q3).expires_at) - Date.parse(store.get('alice', Q3).issued_at)).to.equal(30 * DAY);
    expect(writes).to.deep.equal([`PATCH /api/pats/${Q3}/secret/reset`]);
  });

  it('6. deletes one PAT from its row menu, then all of them', async () => {
    const manager = await mountManager();
    await listLoaded(manager);
    const count = store.count('alice');

    await opened(
      () => tableConfirmSl(manager),
      () => chooseRowAction(manager, 'Terraform provisioning', 'delete'),
    );
    expect(tableConfirmSl(manager).label).to.equal(strings.confirm.deleteTitle);
    expect(text(confirmPart(tableConfirm(manager), 'message'))).to.equal(strings.confirm.deleteText('Terraform provisioning'));
    await click(confirmPart(tableConfirm(manager), 'confirm'));
    await until(
      () => !listBusy(manager) && rows(manager).length > 0 && !rowNames(manager).includes('Terraform provisioning'),
      'the row to go',
      WAIT,
    );
    expect(() => store.get('alice', TERRAFORM)).to.throw();
    expect(store.count('alice')).to.equal(count - 1);
    await closed(tableConfirmSl(manager));
    await until(() => statCount(manager, strings.status.active) === '7', 'the counts', WAIT);

    await opened(
      () => tableConfirmSl(manager),
      () => click(button(troot(manager), strings.table.deleteAll)),
    );
    expect(tableConfirmSl(manager).label).to.equal(strings.confirm.deleteAllTitle);
    expect(text(confirmPart(tableConfirm(manager), 'message'))).to.equal(strings.confirm.deleteAllText(count - 1));
    expect(text(confirmPart(tableConfirm(manager), 'confirm'))).to.equal(strings.confirm.deleteAllConfirm(count - 1));
    expect(text(confirmPart(tableConfirm(manager), 'confirm'))).to.equal('Delete 11 tokens');
    await click(confirmPart(tableConfirm(manager), 'confirm'));
    await until(() => listState(manager).includes(strings.table.emptyTitle), 'the empty state', WAIT);
    expect(rows(manager)).to.have.length(0);
    expect(store.count('alice')).to.equal(0);
    expect(store.count('bob'), "bob's PATs stay").to.equal(5);
    expect(writes).to.deep.equal([`DELETE /api/pats/${TERRAFORM}`, 'DELETE /api/pats']);
  });

  it('7. every dialog of the journey can be cancelled (Escape or Cancel), and then nothing changes', async () => {
    const before = snapshot(store);
    const unchanged = (what: string) => {
      expect(writes, `${what}: requests that change something`).to.deep.equal([]);
      expect(snapshot(store) === before, `${what}: the store`).to.equal(true);
    };
    const manager = await mountManager();
    await listLoaded(manager);

    // The list: Revoke (Escape), Delete (Cancel), Delete All (Escape).
    await opened(
      () => tableConfirmSl(manager),
      () => chooseRowAction(manager, 'CI deploy', 'revoke'),
    );
    expect(tableConfirmSl(manager).label).to.equal(strings.confirm.revokeTitle);
    await sendKeys({ press: 'Escape' });
    await closed(tableConfirmSl(manager));
    unchanged('row Revoke, Escape');

    await opened(
      () => tableConfirmSl(manager),
      () => chooseRowAction(manager, 'CI deploy', 'delete'),
    );
    expect(tableConfirmSl(manager).label).to.equal(strings.confirm.deleteTitle);
    await click(confirmPart(tableConfirm(manager), 'cancel'));
    await closed(tableConfirmSl(manager));
    unchanged('row Delete, Cancel');

    await opened(
      () => tableConfirmSl(manager),
      () => click(button(troot(manager), strings.table.deleteAll)),
    );
    expect(tableConfirmSl(manager).label).to.equal(strings.confirm.deleteAllTitle);
    await sendKeys({ press: 'Escape' });
    await closed(tableConfirmSl(manager));
    unchanged('Delete All, Escape');
    expect(rowNames(manager)).to.include('CI deploy');

    // The create form: Cancel.
    await click(button(troot(manager), strings.table.create));
    await formLoaded(manager);
    await typeInto(nameInput(manager), 'Never mind');
    await click(button(froot(manager), strings.cancel));
    await until(() => heading(manager) === strings.manager.listTitle, 'the list again', WAIT);
    unchanged('create, Cancel');

    // A PAT's details: Revoke, Add Scope, trash, Delete All scopes, Delete token.
    await listLoaded(manager);
    await openRow(manager, 'CI deploy');

    await opened(detailConfirmSl(manager), () => click(button(statusField(manager), strings.detail.revoke)));
    await click(confirmPart(detailConfirm(manager), 'cancel'));
    await closed(detailConfirmSl(manager));
    unchanged('Revoke, Cancel');
    expect(badges(manager)[0]).to.equal(strings.status.active);

    await openAddScope(manager);
    await fillAddScopeRow(manager, 'groups', ['read']);
    await click(button(addScopeSl(manager), strings.cancel));
    await closed(addScopeSl(manager));
    unchanged('Add Scope, Cancel');

    await openAddScope(manager);
    await fillAddScopeRow(manager, 'users', ['list']);
    await sendKeys({ press: 'Escape' });
    await closed(addScopeSl(manager));
    unchanged('Add Scope, Escape');

    await opened(detailConfirmSl(manager), () =>
      click(trashFor(manager, ['Channels', 'update', strings.scopes.all, strings.scopes.anyDomain])),
    );
    expect(detailConfirmSl(manager).label).to.equal(strings.confirm.deleteScopeTitle);
    await sendKeys({ press: 'Escape' });
    await closed(detailConfirmSl(manager));
    unchanged('trash, Escape');

    await opened(detailConfirmSl(manager), () => click(button(droot(manager), strings.detail.deleteAllScopes)));
    expect(detailConfirmSl(manager).label).to.equal(strings.confirm.deleteScopesTitle);
    await click(confirmPart(detailConfirm(manager), 'cancel'));
    await closed(detailConfirmSl(manager));
    unchanged('Delete All scopes, Cancel');

    await opened(detailConfirmSl(manager), () => click(button(droot(manager), strings.detail.delete)));
    expect(detailConfirmSl(manager).label).to.equal(strings.confirm.deleteTitle);
    await sendKeys({ press: 'Escape' });
    await closed(detailConfirmSl(manager));
    unchanged('Delete token, Escape');
    expect(scopeRows(manager)).to.have.length(4);

    // An expired PAT: Regenerate (Cancel after choosing a duration, then Escape).
    await click(backButton(manager));
    await listLoaded(manager);
    await chooseStatuses(manager, ['expired']);
    await until(
      () => !listBusy(manager) && JSON.stringify(rowNames(manager)) === JSON.stringify(EXPIRED_BY_ISSUED),
      'the expired PATs',
      WAIT,
    );
    await openRow(manager, 'Q3 data export');

    await openRegenerate(manager);
    await chooseOne(presetSelect(regeneratePicker(manager)), '90d');
    await click(regenerateCancel(manager));
    await closed(regenerateSl(manager));
    unchanged('Regenerate, Cancel');

    await openRegenerate(manager);
    await sendKeys({ press: 'Escape' });
    await closed(regenerateSl(manager));
    unchanged('Regenerate, Escape');
    expect(banner(manager)).to.equal(null);
    expect(badges(manager)[0]).to.equal(strings.status.expired);
  });

  it('8a. a duplicate name (409) on create shows on the name field and keeps everything typed', async () => {
    const manager = await mountManager('#/pats/new');
    await formLoaded(manager);
    const count = store.count('alice');
    await typeInto(nameInput(manager), 'ci DEPLOY');
    await typeInto(descriptionArea(manager), 'A second one');
    await chooseOne(presetSelect(formPicker(manager)), '90d');
    await fillFormRow(manager, 0, { type: 'users', operations: ['read', 'list'] });
    const typed = () => ({
      name: nameInput(manager).value,
      description: descriptionArea(manager).value,
      duration: formPicker(manager).value,
      scopes: formEditor(manager).scopes,
    });
    const before = typed();
    await click(submitButton(manager));
    await until(() => nameInput(manager).getAttribute('aria-invalid') === 'true', 'the error on the name field', WAIT);
    await form(manager).updateComplete;

    expect(writes).to.deep.equal(['POST /api/pats']);
    expect(nameInput(manager).helpText).to.equal('Name is already used by another of your tokens.');
    expect(formAlert(manager)).to.equal(strings.create.fixErrors);
    expect(typed(), 'nothing typed is lost').to.deep.equal(before);
    expect(before.scopes).to.have.length(2);
    await until(() => froot(manager).activeElement === nameInput(manager), 'focus on the name field', WAIT);
    expect(location.hash).to.equal('#/pats/new');
    expect(heading(manager)).to.equal(strings.manager.createTitle);
    expect(store.count('alice')).to.equal(count);
  });

  it('8b. a server error (500) on revoke shows inside the confirm dialog', async () => {
    worker.use(http.patch('/api/pats/:id/secret/revoke', () => HttpResponse.json({ ...INTERNAL_ERROR_BODY }, { status: 500 })));
    const manager = await mountManager(`#/pats/${CI}`);
    await detailLoaded(manager, 'CI deploy');
    await opened(detailConfirmSl(manager), () => click(button(statusField(manager), strings.detail.revoke)));
    await click(confirmPart(detailConfirm(manager), 'confirm'));
    const alert = () => detailConfirm(manager).shadowRoot!.querySelector('sl-dialog sl-alert');
    await until(() => alert(), 'the error in the dialog', WAIT);
    expect(text(alert())).to.equal(strings.errors.server);
    expect((alert() as HTMLElement & { variant: string }).variant).to.equal('danger');
    await elapse(200, 'after a server error the confirm dialog must stay open');
    expect(detailConfirmSl(manager).open, 'the dialog stays open').to.equal(true);
    expect(writes).to.deep.equal([`PATCH /api/pats/${CI}/secret/revoke`]);
    expect(store.get('alice', CI).status).to.equal('active');
    expect(badges(manager)[0]).to.equal(strings.status.active);
    await click(confirmPart(detailConfirm(manager), 'cancel'));
    await closed(detailConfirmSl(manager));
    expect(badges(manager)[0]).to.equal(strings.status.active);
  });

  it('8c. an unknown PAT id in the URL shows "Token not found"', async () => {
    const manager = await mountManager();
    await listLoaded(manager);
    const changed = nextEvent(window, 'hashchange');
    location.hash = `/pats/${UNKNOWN}`;
    await changed;
    await until(() => mroot(manager).querySelector('pat-detail')?.shadowRoot?.querySelector('.state h2'), 'the not-found state', WAIT);
    const state = droot(manager).querySelector('.state')!;
    expect(heading(manager), 'no heading of the manager’s own').to.equal('');
    expect(text(state.querySelector('h2'))).to.equal(strings.detail.notFoundTitle);
    expect(text(state.querySelector('p'))).to.equal(strings.detail.notFoundText);
    expect(buttonIn(state, strings.retry)).to.equal(undefined);
    expect(title(manager)).to.equal('');
    // "Token not found" stands where the name would: the focus goes to it.
    await until(() => deepActive() === pageHeading(manager), 'focus on "Token not found"', WAIT);
    expectSame(mroot(manager).activeElement, detail(manager), 'focus in the manager');
    expectSame(droot(manager).activeElement, state.querySelector('h2'), 'focus in the page');
  });

  it('9. is axe-clean on the list, the create form, a PAT with its new secret, and a PAT', async () => {
    const manager = await mountManager();
    await listLoaded(manager);
    await expectAccessible(manager);

    await click(button(troot(manager), strings.table.create));
    await formLoaded(manager);
    await expectAccessible(manager);

    await typeInto(nameInput(manager), 'Axe check');
    await fillFormRow(manager, 0, { type: 'clients', operations: ['read'] });
    await click(submitButton(manager));
    await until(() => mroot(manager).querySelector('pat-detail') && banner(manager), 'the secret banner', WAIT);
    await detailLoaded(manager, 'Axe check');
    await expectAccessible(manager);

    await click(backButton(manager));
    await listLoaded(manager);
    await openRow(manager, 'CI deploy');
    expect(banner(manager)).to.equal(null);
    await expectAccessible(manager);
  });
});
