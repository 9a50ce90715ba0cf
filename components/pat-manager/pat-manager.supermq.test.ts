/**
 * The user journey through one `<pat-manager>` inside `<pat-api-provider backend="supermq">`,
 * against the MSW mock of an unmodified Magistrala/SuperMQ backend (the `upstream` scenario):
 * Go durations only, create without scopes, scope changes answered without a body, zero times,
 * no counts and no sorting. Real mouse and keyboard; what the UI did is read back from the
 * upstream's store.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, resetMouse, sendKeys } from '@web/test-runner-commands';
import type { SetupWorker } from 'msw/browser';
import type SlInput from '@shoelace-style/shoelace/dist/components/input/input.js';
import { DAY_MS as DAY } from '../../contract/index.js';
import { mockTokenFor, seededId, UPSTREAM_DOMAIN, useUpstreamScenario, type UpstreamStore } from '../../mocks/index.js';
import { until, useMockApi } from '../../testing/fixture.js';
import { composedContains, deepActive, text } from '../../testing/dom.js';
import { chooseMany, chooseOne, click, replaceText, typeInto } from '../../testing/input.js';
import { backButton, button, buttonIn, closed, heading, openAt, opened, WAIT } from '../../testing/manager.js';
import { listBusy, listLoaded, listState, rowByName, rowNames, rows, statCount, statusSelect, troot } from '../../testing/manager.js';
import { chooseRowAction, chooseStatuses, fillAddScopeRow, openAddScope, openRegenerate, openRow } from '../../testing/manager.js';
import { descriptionArea, formAlert, formLoaded, froot, nameInput, submitButton } from '../../testing/manager.js';
import { editorRow, formEditor, formPicker, operationsSelect, presetSelect, typeSelect } from '../../testing/manager.js';
import { badges, banner, detailLoaded, droot, fieldText, statusField, title } from '../../testing/manager.js';
import { inlineEditor, pencil, scopeRows, scopesBusy, scopesState, trashFor } from '../../testing/manager.js';
import { confirmPart, detailConfirm, detailConfirmSl, tableConfirm, tableConfirmSl } from '../../testing/manager.js';
import { addScopeSl, regeneratePicker, regenerateSl, regenerateSubmit } from '../../testing/manager.js';
import { ALICE_PATS } from '../../stories/support.js';
import type { PatApiProvider } from '../pat-api-provider/pat-api-provider.component.js';
import type { PatScopeEditor } from '../pat-scope-editor/pat-scope-editor.component.js';
import { strings } from '../i18n/strings.js';
import '../pat-api-provider/pat-api-provider.js';
import './pat-manager.js';
import type { PatManager } from './pat-manager.component.js';

// ---------------------------------------------------------------------------------------------
// alice's PATs on the upstream (mocks/scenarios.ts: the default scenario's, the same ids)

const CI = ALICE_PATS.active; // active, 4 wildcard scopes in d-main
const TERRAFORM = seededId('alice', 'Terraform provisioning');

/** alice's active PATs, newest first: the upstream's own order. */
const ACTIVE_BY_ISSUED = [
  'Local development',
  'Support team access',
  'Terraform provisioning',
  'Alerting webhook',
  'Nightly backup',
  'CI deploy',
  'Mobile app telemetry',
  'Grafana dashboards read-only',
];

/** All 12 of alice's PATs by name. */
const ALL_BY_NAME = [
  'Alerting webhook',
  'CI deploy',
  'Grafana dashboards read-only',
  'Hackathon demo',
  'Leaked in support ticket',
  'Local development',
  'Mobile app telemetry',
  'Nightly backup',
  'Old Jenkins pipeline',
  'Q3 data export',
  'Support team access',
  'Terraform provisioning',
];

/** The upstream's secrets: `pat_<base64 of the user and PAT ids>_<100 characters>`. */
const UPSTREAM_SECRET = /^pat_[A-Za-z0-9+/=]+_\S{100}$/;

// ---------------------------------------------------------------------------------------------
// The manager on the SuperMQ backend (its pages: testing/manager.ts)

/** `<pat-manager>` in a provider for an unmodified Magistrala/SuperMQ backend at `/api`, signed in as alice. */
async function mountManager(hash = ''): Promise<PatManager> {
  openAt(hash);
  const provider = await fixture<PatApiProvider>(
    html`<pat-api-provider base-url="/api" backend="supermq" .token=${mockTokenFor('alice')}
      ><pat-manager></pat-manager
    ></pat-api-provider>`,
  );
  const manager = provider.querySelector<PatManager>('pat-manager')!;
  await manager.updateComplete;
  return manager;
}

// The list

const searchInput = (manager: PatManager) => troot(manager).querySelector<SlInput>('sl-input.search')!;

/** The page's language's medium date and short time of an instant (ms), as a token's page writes it in full. */
const dateTime = (ms: number) => new Date(ms).toLocaleString(document.documentElement.lang, { dateStyle: 'medium', timeStyle: 'short' });
/** A row's cells: name, description, status, issued, expires, last used, scopes. */
const cells = (row: HTMLTableRowElement) => [...row.querySelectorAll('td')].slice(0, 7).map((cell) => text(cell));

const stats = (manager: PatManager) =>
  [strings.status.active, strings.status.expiring, strings.status.revoked, strings.status.expired].map((label) => [
    label,
    statCount(manager, label),
  ]);

/** Waits until the list, done loading, shows exactly `names` in that order. */
async function listShows(manager: PatManager, names: string[], what: string): Promise<void> {
  await until(() => !listBusy(manager) && JSON.stringify(rowNames(manager)) === JSON.stringify(names), what, WAIT).catch((error) => {
    throw new Error(`${(error as Error).message}; the list shows ${JSON.stringify(rowNames(manager))}`);
  });
}

function sortButton(manager: PatManager, label: string): HTMLElement {
  const found = [...troot(manager).querySelectorAll<HTMLElement>('thead button.sort')].find((candidate) =>
    text(candidate).startsWith(label),
  );
  if (!found) throw new Error(`no sort button "${label}"`);
  return found;
}

// The create form

/** The Domain field: on this backend it is required, not "optional". */
const domainInput = (fieldset: Element) =>
  [...fieldset.querySelectorAll<SlInput>('sl-input')].find((input) => input.label === strings.scopes.domainRequired && input.required)!;
const rowErrors = (fieldset: Element) => text(fieldset.querySelector('.row-errors'));

/** Types a domain into a scope row's Domain field and leaves it (the field takes it on change). */
async function typeDomain(editor: PatScopeEditor, fieldset: Element, domain: string): Promise<void> {
  await typeInto(domainInput(fieldset), domain);
  await sendKeys({ press: 'Tab' });
  await until(() => editor.scopes.some((scope) => scope.domain_id === domain), `the domain ${domain}`, WAIT);
}

// ---------------------------------------------------------------------------------------------
// What the user must never see on this backend

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const SECRET = /pat_\S+/g;

/** Every text and attribute value under `root`, shadow roots included (styles and icons aside), ids and secrets cut out. */
function shownStrings(root: Node): string[] {
  const found: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) found.push((node as Text).data);
    if (node instanceof Element) {
      if (['STYLE', 'SCRIPT', 'svg'].includes(node.nodeName)) return;
      for (const attribute of node.attributes) found.push(attribute.value);
      if (node.shadowRoot) walk(node.shadowRoot);
    }
    for (const child of node.childNodes) walk(child);
  };
  walk(root);
  return found.map((value) => value.replace(SECRET, '').replace(UUID, '').replace(/\s+/g, ' ').trim()).filter(Boolean);
}

/**
 * Fails when anything under the manager shows what the upstream's unset times and missing counts
 * would turn into: `NaN`, Go's zero time (`0001-01-01`), "2,025 years ago", the epoch, "Invalid Date".
 */
function expectNothingBogus(manager: PatManager, where: string): void {
  const bogus = shownStrings(manager).filter((value) => /NaN|0001|2,02\d|years? ago|1970|Invalid Date/.test(value));
  expect(bogus, `${where}: what the manager shows`).to.deep.equal([]);
}

// ---------------------------------------------------------------------------------------------
// The network and the console

interface Sent {
  /** `METHOD /api/path?query`. */
  line: string;
  body: Promise<string>;
}

function watchRequests(worker: SetupWorker): Sent[] {
  const sent: Sent[] = [];
  worker.events.on('request:start', ({ request }) => {
    const url = new URL(request.url);
    if (!url.pathname.startsWith('/api/')) return;
    sent.push({ line: `${request.method} ${url.pathname}${url.search}`, body: request.clone().text() });
  });
  return sent;
}

/** The requests that change something, as `METHOD /api/path`. */
const writesOf = (sent: Sent[]) => sent.filter(({ line }) => !line.startsWith('GET ')).map(({ line }) => line.split('?')[0]);

interface ErrorLog {
  errors: string[];
  stop(): void;
}

/** Records console.error, uncaught errors and unhandled rejections until stopped. */
function recordErrors(): ErrorLog {
  const errors: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => {
    errors.push(args.map((arg) => (arg instanceof Error ? `${arg.name}: ${arg.message}` : String(arg))).join(' '));
    original.apply(console, args);
  };
  const onError = (event: ErrorEvent) => {
    if (!String(event.message).includes('ResizeObserver loop')) errors.push(`Uncaught: ${event.message}`);
  };
  const onRejection = (event: PromiseRejectionEvent) => {
    const reason = event.reason as unknown;
    errors.push(`Unhandled rejection: ${reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason)}`);
  };
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  return {
    errors,
    stop() {
      console.error = original;
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
    },
  };
}

/** `yyyy-mm-dd` of a local date, as the custom date field shows it. */
function isoDay(ms: number): string {
  const date = new Date(ms);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------

describe('<pat-manager> on an unmodified Magistrala/SuperMQ backend (backend="supermq")', function () {
  // Real input through whole flows, on a machine that may be busy with other runs.
  this.timeout(120_000);

  let worker: SetupWorker;
  let store: UpstreamStore;
  let sent: Sent[];
  let log: ErrorLog;

  const alicePats = () => [...store.pats.values()].filter((pat) => pat.user_id === 'alice');
  const storeScopes = (id: string) =>
    store.scopes
      .filter((scope) => scope.pat_id === id)
      .map(({ entity_type, operation, entity_id, domain_id }) => ({ entity_type, operation, entity_id, domain_id }));
  const expectNoErrors = () => expect(log.errors, 'console errors, uncaught errors, unhandled rejections').to.deep.equal([]);

  before(async () => {
    // Shoelace skips its show/hide animations.
    await emulateMedia({ reducedMotion: 'reduce' });
  });

  beforeEach(async () => {
    ({ worker } = await useMockApi('default'));
    store = useUpstreamScenario(worker);
    sent = watchRequests(worker);
    log = recordErrors();
  });

  afterEach(async () => {
    log.stop();
    worker.events.removeAllListeners();
    worker.resetHandlers();
    await resetMouse();
    // Without a hashchange: the manager still mounted must not navigate on its way out.
    openAt('');
  });

  it('1. lists alice’s 8 active PATs with real counts, "never" for last use, and nothing made of zero times', async () => {
    const manager = await mountManager();
    await listLoaded(manager);
    await listShows(manager, ACTIVE_BY_ISSUED, 'alice’s active PATs, newest first');

    expect(stats(manager)).to.deep.equal([
      [strings.status.active, '8'],
      [strings.status.expiring, '2'],
      [strings.status.revoked, '2'],
      [strings.status.expired, '2'],
    ]);
    for (const row of rows(manager)) {
      const [name, , status, issued, expires, lastUsed, scopes] = cells(row);
      const id = row.dataset.id!;
      expect(status, `the status of "${name}"`).to.equal(strings.status.active);
      expect(lastUsed, `the last use of "${name}"`).to.equal(strings.never);
      expect(issued, `the issue of "${name}"`).to.match(/^\d+ (days?|hours?|months?) ago$/);
      expect(expires, `the expiry of "${name}"`).to.match(/^Expires in \d+ (days?|hours?|months?)/);
      expect(scopes, `the scope count of "${name}"`).to.equal(String(storeScopes(id).length));
    }
    expect(cells(rowByName(manager, 'CI deploy'))[6]).to.equal('4');
    expect(cells(rowByName(manager, 'Local development'))[6]).to.equal('0');
    expect(text(rowByName(manager, 'Nightly backup').querySelector('.expires'))).to.include(strings.status.expiring);
    expectNothingBogus(manager, 'the list');

    // The upstream pages in its own order (newest first): the list asks for a page, counts are list totals.
    const lines = sent.map(({ line }) => line);
    expect(lines).to.include('GET /api/pats?status=active&offset=0&limit=10');
    for (const status of ['active', 'revoked', 'expired']) expect(lines).to.include(`GET /api/pats?status=${status}&limit=0`);
    expect(writesOf(sent)).to.deep.equal([]);
    expectNoErrors();
  });

  it('2. searches by name, filters by status, and sorts by name (sorted by the client: the upstream cannot)', async () => {
    const manager = await mountManager();
    await listLoaded(manager);

    await typeInto(searchInput(manager), 'in');
    await until(() => location.hash === '#/pats?q=in', 'the search in the URL', WAIT);
    await listShows(manager, ['Terraform provisioning', 'Alerting webhook'], 'the active PATs whose name has "in"');

    await chooseStatuses(manager, ['revoked']);
    await until(() => location.hash === '#/pats?status=revoked&q=in', 'the filter in the URL', WAIT);
    await listShows(manager, ['Leaked in support ticket', 'Old Jenkins pipeline'], 'the revoked PATs whose name has "in"');
    for (const row of rows(manager)) {
      expect(text(row.querySelector('.badge'))).to.equal(strings.status.revoked);
      expect(cells(row)[4]).to.match(/^Revoked \d+ days ago$/);
    }

    // Clear the search: Revoked alone shows the 2 revoked PATs.
    await click(searchInput(manager));
    await replaceText('');
    await until(() => location.hash === '#/pats?status=revoked', 'the search gone from the URL', WAIT);
    await listShows(manager, ['Leaked in support ticket', 'Old Jenkins pipeline'], 'the 2 revoked PATs');

    await chooseStatuses(manager, ['expired']);
    await listShows(manager, ['Hackathon demo', 'Q3 data export'], 'the 2 expired PATs');
    for (const row of rows(manager)) {
      expect(text(row.querySelector('.badge'))).to.equal(strings.status.expired);
      expect(cells(row)[4]).to.match(/^Expired \d+ (days|months) ago$/);
    }

    // Revoked and Expired together: the upstream takes one status, so the client reads them all and keeps those two.
    sent.length = 0;
    await chooseStatuses(manager, ['revoked', 'expired']);
    await until(() => location.hash === '#/pats?status=revoked%2Cexpired', 'both statuses in the URL', WAIT);
    await listShows(
      manager,
      ['Hackathon demo', 'Leaked in support ticket', 'Q3 data export', 'Old Jenkins pipeline'],
      'the 2 revoked and the 2 expired PATs, newest first',
    );
    expect(new Set(rows(manager).map((row) => text(row.querySelector('.badge'))))).to.deep.equal(
      new Set([strings.status.revoked, strings.status.expired]),
    );
    expect(text(troot(manager).querySelector('.range'))).to.equal(strings.table.range(1, 4, 4));
    expect(sent.map(({ line }) => line)).to.include('GET /api/pats?status=all&limit=100000');

    // All 12, newest first, on pages of 10: the filter cleared.
    await click(statusSelect(manager).shadowRoot!.querySelector('[part~="clear-button"]')!);
    await until(() => location.hash === '#/pats?status=all', 'all statuses in the URL', WAIT);
    await until(() => !listBusy(manager) && rows(manager).length === 10, 'the first page of all PATs', WAIT);
    const newestFirst = rowNames(manager);
    expect(newestFirst).to.not.deep.equal(ALL_BY_NAME.slice(0, 10));
    expect(newestFirst[0]).to.equal('Local development');
    expect(text(troot(manager).querySelector('.range'))).to.equal(strings.table.range(1, 10, 12));

    // Sort by Name: the client reads every match and sorts them.
    sent.length = 0;
    await click(sortButton(manager, strings.table.columns.name));
    await until(() => location.hash === '#/pats?status=all&sort=name&dir=asc', 'the sort in the URL', WAIT);
    await listShows(manager, ALL_BY_NAME.slice(0, 10), 'the first 10 PATs by name');
    expect(rowNames(manager)).to.deep.equal([...rowNames(manager)].sort((a, b) => a.localeCompare(b)));
    expect(sortButton(manager, strings.table.columns.name).closest('th')!.getAttribute('aria-sort')).to.equal('ascending');
    expect(sent.map(({ line }) => line)).to.include('GET /api/pats?status=all&limit=100000');

    await click(troot(manager).querySelector(`button[aria-label="${strings.table.nextPage}"]`)!);
    await listShows(manager, ALL_BY_NAME.slice(10), 'the last 2 PATs by name on page 2');
    expect(text(troot(manager).querySelector('.range'))).to.equal(strings.table.range(11, 12, 12));

    // Name again: descending.
    await click(sortButton(manager, strings.table.columns.name));
    await listShows(manager, [...ALL_BY_NAME].reverse().slice(0, 10), 'the first 10 PATs by name, descending');
    expect(sortButton(manager, strings.table.columns.name).closest('th')!.getAttribute('aria-sort')).to.equal('descending');
    expectNothingBogus(manager, 'the sorted list');
    expect(writesOf(sent)).to.deep.equal([]);
    expectNoErrors();
  });

  it('3. creates a PAT with a scope: a domain is required (an error on the form, nothing sent), then the secret once and the PAT in the list', async () => {
    const manager = await mountManager();
    await listLoaded(manager);
    const before = alicePats().length;
    await click(button(troot(manager), strings.table.create));
    await until(() => location.hash === '#/pats/new', 'the create URL', WAIT);
    await formLoaded(manager);

    // The Magistrala/SuperMQ catalog: no users scopes.
    const editor = formEditor(manager);
    const types = [...typeSelect(editorRow(editor, 0)).querySelectorAll('sl-option')].map((option) => option.getAttribute('value'));
    expect(types).to.include.members(['clients', 'channels', 'groups', 'domains', 'messages']);
    expect(types).to.not.include('users');
    // Nor idle expiry: no idle limit to choose, and nothing said about one.
    expect(froot(manager).querySelector('[part="max-idle"], .catalog-error')).to.equal(null);

    await typeInto(nameInput(manager), 'Edge deploy bot');
    await typeInto(descriptionArea(manager), 'Rolls out the edge gateway');
    await chooseOne(presetSelect(formPicker(manager)), '7d');
    await chooseOne(typeSelect(editorRow(editor, 0)), 'channels');
    await editor.updateComplete;
    await chooseMany(operationsSelect(editorRow(editor, 0)), ['create']);
    // A new row has no entity choice: All is picked, as a person would.
    await click(editorRow(editor, 0).querySelector('sl-radio-button[value="all"]')!);
    await until(() => editor.scopes.length === 1, 'All chosen', WAIT);
    expect(editor.scopes).to.deep.equal([{ entity_type: 'channels', operation: 'create', entity_id: '*', domain_id: null }]);

    // No domain: the form says so on the scope row; no request goes out.
    await click(submitButton(manager));
    await until(() => rowErrors(editorRow(editor, 0)), 'the error on the scope row', WAIT);
    expect(rowErrors(editorRow(editor, 0))).to.include(strings.scopes.needDomain);
    expect(domainInput(editorRow(editor, 0)), 'a required Domain field').to.exist;
    expect(formAlert(manager)).to.equal(strings.create.fixErrors);
    expect(writesOf(sent), 'requests that change something').to.deep.equal([]);
    expect(alicePats()).to.have.length(before);
    expect(location.hash).to.equal('#/pats/new');
    expect(nameInput(manager).value, 'nothing typed is lost').to.equal('Edge deploy bot');

    // With a domain it goes through: the PAT, then its scope (the upstream's create ignores scopes).
    await typeDomain(editor, editorRow(editor, 0), 'd-prod-eu');
    expect(rowErrors(editorRow(editor, 0))).to.equal('');
    const started = Date.now();
    await click(submitButton(manager));
    await until(() => alicePats().some((pat) => pat.name === 'Edge deploy bot'), 'the PAT in the store', WAIT);
    const created = alicePats().find((pat) => pat.name === 'Edge deploy bot')!;
    await until(() => location.hash === `#/pats/${created.id}`, 'the URL of the new PAT', WAIT);
    await detailLoaded(manager, 'Edge deploy bot');
    const finished = Date.now();

    // The secret, once.
    await until(() => banner(manager), 'the secret banner', WAIT);
    const secret = banner(manager)!.secret;
    expect(secret).to.match(UPSTREAM_SECRET);
    expect(secret).to.equal(created.secret);
    expect(text(banner(manager)!.shadowRoot!.querySelector('[part="secret"]'))).to.equal(secret);
    expect(droot(manager).querySelectorAll('pat-secret-banner')).to.have.length(1);

    // What the upstream holds: the PAT for 7 days (168h), and its scope under the upstream's own name.
    expect(created.description).to.equal('Rolls out the edge gateway');
    expect(created.revoked).to.equal(false);
    expect(created.expires_at - created.issued_at).to.equal(7 * DAY);
    expect(created.issued_at).to.be.within(started - 1000, finished + 1000);
    expect(storeScopes(created.id)).to.deep.equal([
      { entity_type: 'channels', operation: 'create_channels', entity_id: '*', domain_id: 'd-prod-eu' },
    ]);
    expect(writesOf(sent)).to.deep.equal(['POST /api/pats', `PATCH /api/pats/${created.id}/scope/add`]);
    const post = sent.find(({ line }) => line === 'POST /api/pats')!;
    expect(JSON.parse(await post.body)).to.deep.equal({
      name: 'Edge deploy bot',
      description: 'Rolls out the edge gateway',
      duration: '168h',
    });

    // The page shows it as PAT Kit names it.
    expect(scopeRows(manager)).to.deep.equal([['Channels', 'create', strings.scopes.all, 'd-prod-eu']]);
    expect(badges(manager)[0]).to.equal(strings.status.active);
    expect(fieldText(manager, strings.detail.lastUsed)).to.equal(strings.never);
    expect(fieldText(manager, strings.detail.updated)).to.equal(strings.never);
    expect(statusField(manager).querySelector('time')!.getAttribute('datetime')).to.equal(new Date(created.expires_at).toISOString());
    expectNothingBogus(manager, 'the new PAT');

    // Back in the list: the new PAT first (newest), with its one scope, never used.
    await click(backButton(manager));
    await listLoaded(manager);
    await listShows(manager, ['Edge deploy bot', ...ACTIVE_BY_ISSUED], 'the new PAT first');
    const [, description, status, , , lastUsed, scopes] = cells(rowByName(manager, 'Edge deploy bot'));
    expect([description, status, lastUsed, scopes]).to.deep.equal([
      'Rolls out the edge gateway',
      strings.status.active,
      strings.never,
      '1',
    ]);
    expect(statCount(manager, strings.status.active)).to.equal('9');
    expectNoErrors();
  });

  it('4. renames and describes a PAT, adds a scope (a domain is required), deletes one, then all of them', async () => {
    const manager = await mountManager();
    await listLoaded(manager);
    await openRow(manager, 'CI deploy');

    // The upstream's scopes, every one in a domain, operations as PAT Kit names them.
    expect(scopeRows(manager)).to.deep.equal([
      ['Channels', 'create', strings.scopes.all, UPSTREAM_DOMAIN],
      ['Channels', 'update', strings.scopes.all, UPSTREAM_DOMAIN],
      ['Clients', 'create', strings.scopes.all, UPSTREAM_DOMAIN],
      ['Clients', 'update', strings.scopes.all, UPSTREAM_DOMAIN],
    ]);
    expect(badges(manager)).to.deep.equal([strings.status.active]);
    expect(fieldText(manager, strings.detail.lastUsed)).to.equal(strings.never);
    expect(fieldText(manager, strings.detail.updated)).to.equal(strings.never);
    const issued = store.pats.get(CI)!.issued_at;
    expect(fieldText(manager, strings.detail.issued)).to.equal(`${dateTime(issued)} · 45 days ago`);
    // The upstream keeps no creation time: made, as far as anyone can tell, when its secret was issued.
    expect(fieldText(manager, strings.detail.created)).to.equal(`${dateTime(issued)} · 45 days ago`);
    expect(droot(manager).querySelector('[part="title"]')!.localName).to.equal('h2');
    expect(heading(manager), 'no heading of the manager’s own').to.equal('');
    expectNothingBogus(manager, 'the details of CI deploy');

    // Rename.
    await click(pencil(manager, 'name'));
    await until(() => inlineEditor(manager) && composedContains(inlineEditor(manager)!, deepActive()), 'the focused name field', WAIT);
    await replaceText('CI deploy (prod)');
    await sendKeys({ press: 'Enter' });
    await until(() => title(manager) === 'CI deploy (prod)' && !inlineEditor(manager), 'the new name', WAIT);
    expect(store.pats.get(CI)!.name).to.equal('CI deploy (prod)');
    await until(() => fieldText(manager, strings.detail.updated) !== strings.never, 'the update time', WAIT);
    expect(badges(manager)[0]).to.equal(strings.status.active);

    // Describe.
    await click(pencil(manager, 'description'));
    await until(
      () => inlineEditor(manager) && composedContains(inlineEditor(manager)!, deepActive()),
      'the focused description field',
      WAIT,
    );
    await replaceText('Deploys the edge gateway from GitHub Actions');
    await sendKeys({ press: 'Enter' });
    await until(() => !inlineEditor(manager), 'the description field to close', WAIT);
    await until(
      () => fieldText(manager, strings.detail.description) === 'Deploys the edge gateway from GitHub Actions',
      'the new description',
      WAIT,
    );
    expect(store.pats.get(CI)!.description).to.equal('Deploys the edge gateway from GitHub Actions');

    // Add Scope without a domain: refused in the dialog, nothing sent.
    sent.length = 0;
    const editor = await openAddScope(manager);
    await fillAddScopeRow(manager, 'groups', ['create'], ['g-42']);
    await click(button(addScopeSl(manager), strings.detail.addScopeSubmit));
    await until(() => rowErrors(editorRow(editor, 0)), 'the error on the scope row', WAIT);
    expect(rowErrors(editorRow(editor, 0))).to.include(strings.scopes.needDomain);
    expect(addScopeSl(manager).open, 'the dialog stays open').to.equal(true);
    expect(writesOf(sent)).to.deep.equal([]);
    expect(storeScopes(CI)).to.have.length(4);

    // With a domain: added; the page shows it though the upstream answers without a body.
    await typeDomain(editor, editorRow(editor, 0), 'd-prod-eu');
    await click(button(addScopeSl(manager), strings.detail.addScopeSubmit));
    await closed(addScopeSl(manager));
    await until(() => scopeRows(manager).length === 5 && !scopesBusy(manager), 'five scope rows', WAIT);
    expect(scopeRows(manager)).to.deep.include(['Groups', 'create', 'g-42', 'd-prod-eu']);
    expect(storeScopes(CI)).to.deep.include({
      entity_type: 'groups',
      operation: 'create_groups',
      entity_id: 'g-42',
      domain_id: 'd-prod-eu',
    });
    expect(storeScopes(CI)).to.have.length(5);

    // The trash icon of "update all channels".
    const update = ['Channels', 'update', strings.scopes.all, UPSTREAM_DOMAIN];
    await opened(detailConfirmSl(manager), () => click(trashFor(manager, update)));
    expect(text(confirmPart(detailConfirm(manager), 'message'))).to.equal(
      strings.confirm.deleteScopeText(`update all channels in domain ${UPSTREAM_DOMAIN}`),
    );
    await click(confirmPart(detailConfirm(manager), 'confirm'));
    await until(() => scopeRows(manager).length === 4 && !scopesBusy(manager), 'four scope rows', WAIT);
    expect(scopeRows(manager)).to.not.deep.include(update);
    expect(storeScopes(CI).some((scope) => scope.entity_type === 'channels' && scope.operation === 'update')).to.equal(false);
    expect(storeScopes(CI)).to.have.length(4);
    await closed(detailConfirmSl(manager));

    // Delete All.
    await opened(detailConfirmSl(manager), () => click(button(droot(manager), strings.detail.deleteAllScopes)));
    expect(text(confirmPart(detailConfirm(manager), 'message'))).to.equal(strings.confirm.deleteScopesText('CI deploy (prod)', 4));
    await click(confirmPart(detailConfirm(manager), 'confirm'));
    await until(() => scopesState(manager) === strings.scopes.none, '"No scopes yet"', WAIT);
    expect(storeScopes(CI)).to.deep.equal([]);
    await closed(detailConfirmSl(manager));
    expect(writesOf(sent)).to.deep.equal([
      `PATCH /api/pats/${CI}/scope/add`,
      `PATCH /api/pats/${CI}/scope/remove`,
      `DELETE /api/pats/${CI}/scope`,
    ]);
    expectNothingBogus(manager, 'the details after the changes');

    // The list shows the new name and description, and no scopes.
    await click(backButton(manager));
    await listLoaded(manager);
    const [, description, , , , lastUsed, scopes] = cells(rowByName(manager, 'CI deploy (prod)'));
    expect([description, lastUsed, scopes]).to.deep.equal(['Deploys the edge gateway from GitHub Actions', strings.never, '0']);
    expectNoErrors();
  });

  it('5. revokes a PAT, regenerates it on a custom date (sent as a Go duration), deletes one PAT, then all', async () => {
    const manager = await mountManager(`#/pats/${CI}`);
    await detailLoaded(manager, 'CI deploy');
    const oldSecret = store.pats.get(CI)!.secret;

    // Revoke.
    await opened(detailConfirmSl(manager), () => click(button(statusField(manager), strings.detail.revoke)));
    expect(text(confirmPart(detailConfirm(manager), 'message'))).to.equal(strings.confirm.revokeText('CI deploy'));
    await click(confirmPart(detailConfirm(manager), 'confirm'));
    await until(
      () => badges(manager)[0] === strings.status.revoked && buttonIn(statusField(manager), strings.detail.regenerate),
      'Revoked, with Regenerate',
      WAIT,
    );
    expect(store.pats.get(CI)!.revoked).to.equal(true);
    const revokedAt = store.pats.get(CI)!.revoked_at!;
    expect(text(statusField(manager).querySelector('dd.status'))).to.match(/^Revoked Revoked (now|\d+ seconds? ago) · /);
    expect(text(statusField(manager).querySelector('dd.status'))).to.match(new RegExp(` · ${dateTime(revokedAt)}$`));
    expect(buttonIn(statusField(manager), strings.detail.revoke)).to.equal(undefined);
    await closed(detailConfirmSl(manager));
    expectNothingBogus(manager, 'the revoked PAT');

    // Regenerate, until the end of a custom date (30 days from now, the field's default).
    await openRegenerate(manager);
    const picker = regeneratePicker(manager);
    await chooseOne(presetSelect(picker), 'custom');
    const day = isoDay(Date.now() + 30 * DAY);
    const dateField = () => picker.shadowRoot!.querySelector<SlInput>('sl-input[part="date"]');
    await until(() => dateField()?.value === day, 'the custom date field', WAIT);
    const endOfDay = new Date(`${day}T23:59:59`).getTime();
    await click(regenerateSubmit(manager));
    await until(() => banner(manager) && badges(manager)[0] === strings.status.active, 'the new secret and Active', WAIT);
    await closed(regenerateSl(manager));

    const after = store.pats.get(CI)!;
    expect(after.revoked).to.equal(false);
    expect(after.expires_at).to.be.within(endOfDay - 2000, endOfDay + 2000);
    const secret = banner(manager)!.secret;
    expect(secret).to.match(UPSTREAM_SECRET);
    expect(secret).to.equal(after.secret);
    expect(secret).to.not.equal(oldSecret);
    expect(text(banner(manager)!.shadowRoot!.querySelector('[part="secret"]'))).to.equal(secret);
    const reset = sent.find(({ line }) => line === `PATCH /api/pats/${CI}/secret/reset`)!;
    const { duration } = JSON.parse(await reset.body) as { duration: string };
    expect(duration, 'a duration Go reads').to.match(/^\d+(h|s)$/);
    await until(
      () => statusField(manager).querySelector('time')?.getAttribute('datetime') === new Date(after.expires_at).toISOString(),
      'the new expiry',
      WAIT,
    );
    expect(buttonIn(statusField(manager), strings.detail.revoke)).to.exist;
    expect(scopeRows(manager)).to.have.length(4);
    expectNothingBogus(manager, 'the regenerated PAT');

    // Delete one PAT from its row menu.
    await click(backButton(manager));
    await listLoaded(manager);
    await opened(
      () => tableConfirmSl(manager),
      () => chooseRowAction(manager, 'Terraform provisioning', 'delete'),
    );
    expect(text(confirmPart(tableConfirm(manager), 'message'))).to.equal(strings.confirm.deleteText('Terraform provisioning'));
    await click(confirmPart(tableConfirm(manager), 'confirm'));
    await until(
      () => !listBusy(manager) && rows(manager).length > 0 && !rowNames(manager).includes('Terraform provisioning'),
      'the row to go',
      WAIT,
    );
    expect(store.pats.has(TERRAFORM)).to.equal(false);
    expect(store.scopes.filter((scope) => scope.pat_id === TERRAFORM)).to.deep.equal([]);
    await closed(tableConfirmSl(manager));
    await until(() => statCount(manager, strings.status.active) === '7', 'the counts', WAIT);
    expect(rowNames(manager)).to.have.length(7);

    // Delete All.
    await opened(
      () => tableConfirmSl(manager),
      () => click(button(troot(manager), strings.table.deleteAll)),
    );
    expect(text(confirmPart(tableConfirm(manager), 'message'))).to.equal(strings.confirm.deleteAllText(11));
    expect(text(confirmPart(tableConfirm(manager), 'confirm'))).to.equal('Delete 11 tokens');
    await click(confirmPart(tableConfirm(manager), 'confirm'));
    await until(() => listState(manager).includes(strings.table.emptyTitle), 'the empty state', WAIT);
    expect(rows(manager)).to.have.length(0);
    expect(alicePats()).to.deep.equal([]);
    expect(
      [...store.pats.values()].filter((pat) => pat.user_id === 'bob'),
      "bob's PATs stay",
    ).to.have.length(5);
    await until(() => statCount(manager, strings.status.active) === '0', 'the counts at zero', WAIT);
    expect(stats(manager).map(([, count]) => count)).to.deep.equal(['0', '0', '0', '0']);
    expectNothingBogus(manager, 'the empty list');

    expect(writesOf(sent)).to.deep.equal([
      `PATCH /api/pats/${CI}/secret/revoke`,
      `PATCH /api/pats/${CI}/secret/reset`,
      `DELETE /api/pats/${TERRAFORM}`,
      'DELETE /api/pats',
    ]);
    expectNoErrors();
  });
});
