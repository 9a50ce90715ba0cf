import { expect, html } from '@open-wc/testing';
import { emulateMedia, resetMouse, sendKeys, setViewport } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import type { SetupWorker } from 'msw/browser';
import type SlAlert from '@shoelace-style/shoelace/dist/components/alert/alert.js';
import type SlCopyButton from '@shoelace-style/shoelace/dist/components/copy-button/copy-button.js';
import type SlDialog from '@shoelace-style/shoelace/dist/components/dialog/dialog.js';
import type SlSelect from '@shoelace-style/shoelace/dist/components/select/select.js';
import { LitElement } from 'lit';
import { DAY_MS, SECRET_PATTERN, type Scope, DEFAULT_CATALOG, findDemoEntities } from '../../contract/index.js';
import { INTERNAL_ERROR_BODY, mockTokenFor, seededId, type MockStore } from '../../mocks/index.js';
import { basicClient, expectAccessible, expectSame, mount, until, useMockApi } from '../../testing/fixture.js';
import { composedContains, deepActive, storedCopies, text } from '../../testing/dom.js';
import { chooseOne, click, elapse, nextTask, record, replaceText } from '../../testing/input.js';
import { fillOnlyScopeRow } from '../../testing/manager.js';
import { HttpPatApi } from '../api/http-pat-api.js';
import { PAT_API_METHODS, PAT_API_OPTIONAL_METHODS, type PatApi } from '../api/pat-api.js';
import type { PatActivity } from '../pat-activity/pat-activity.component.js';
import type { PatConfirmDialog } from '../pat-confirm-dialog/pat-confirm-dialog.component.js';
import type { PatDurationPicker } from '../pat-duration-picker/pat-duration-picker.component.js';
import type { PatRegenerateDialog } from '../pat-regenerate-dialog/pat-regenerate-dialog.component.js';
import type { EntityLookup, PatScopeEditor } from '../pat-scope-editor/pat-scope-editor.component.js';
import type { PatSecretBanner } from '../pat-secret-banner/pat-secret-banner.component.js';
import type { PatUsageChart } from '../pat-usage-chart/pat-usage-chart.component.js';
import { PatLocale } from '../common/format.js';
import { loadPatTranslation } from '../i18n/localize.js';
import { strings } from '../i18n/strings.js';
import { ar } from '../i18n/translations/ar.js';
import { de } from '../i18n/translations/de.js';
import './pat-detail.js';
import type { PatDetail } from './pat-detail.component.js';

// ---------------------------------------------------------------------------------------------
// alice's seeded PATs (mocks/scenarios.ts, default scenario)

const idOf = (name: string, user = 'alice') => seededId(user, name);

// active, made 230 days ago, regenerated (and so updated) 45 days ago, used 2 h ago from 10.0.4.17, 4 wildcard scopes
const CI = idOf('CI deploy');
const GRAFANA = idOf('Grafana dashboards read-only'); // active, updated 30 days ago
const ALERTING = idOf('Alerting webhook'); // active, scopes on the channel ch-alarms and its messages (ch-alarms, ch-alarms-eu)
const TERRAFORM = idOf('Terraform provisioning'); // active, scopes inside domain d-prod-eu
const NIGHTLY = idOf('Nightly backup'); // active, expires within a day
const LOCAL = idOf('Local development'); // active, no description, no scopes, never used
const JENKINS = idOf('Old Jenkins pipeline'); // revoked, made 200 days ago, last used 46 days ago from 10.0.4.9
const Q3 = idOf('Q3 data export'); // expired
const BOB_PAT = idOf('Home Assistant bridge', 'bob');
const UNKNOWN = '3f8e2a1c-5b7d-4e9f-a1c3-0d2e4f6a8b9c';

const WAIT = 8000;
const SECRET_RE = /^pat_[0-9A-Za-z]{22}_[0-9A-Za-z]{49}$/;

// ---------------------------------------------------------------------------------------------
// Helpers

/** Puts a <pat-detail> in its own shadow root, as <pat-manager> does. */
class TestDetailHost extends LitElement {
  static override properties = { patId: { attribute: 'pat-id' } };
  declare patId: string;
  override render() {
    return html`<pat-detail pat-id=${this.patId}></pat-detail>`;
  }
}
customElements.define('test-detail-host', TestDetailHost);

const cleanups: (() => void)[] = [];

function root(detail: PatDetail): ShadowRoot {
  return detail.shadowRoot!;
}

function title(detail: PatDetail): string {
  return text(root(detail).querySelector('[part="title"]'));
}

/** The `.field` row whose term is `label`. */
function field(detail: PatDetail, label: string): HTMLElement {
  const found = [...root(detail).querySelectorAll<HTMLElement>('.field')].find(
    (candidate) => text(candidate.querySelector('dt')) === label,
  );
  if (!found) throw new Error(`no field "${label}"`);
  return found;
}

function value(detail: PatDetail, label: string): string {
  return text(field(detail, label).querySelector('dd'));
}

/** The page's language's medium date and short time, as the page writes a moment in full. */
function dateTime(iso: string): string {
  return new Date(iso).toLocaleString(document.documentElement.lang, { dateStyle: 'medium', timeStyle: 'short' });
}

/** The moment a time field shows: its `<time>`'s datetime and its text. */
function shownTime(detail: PatDetail, label: string): { datetime: string | null; text: string } | null {
  const time = field(detail, label).querySelector('time');
  return time && { datetime: time.getAttribute('datetime'), text: text(time) };
}

/** The terms of the details list, in order. */
function terms(detail: PatDetail): string[] {
  return [...root(detail).querySelectorAll('[part="details"] dt')].map((term) => text(term));
}

/** The page's heading: the token's name, or what stands in its place (not found, an error, deleted). */
function heading(detail: PatDetail): HTMLHeadingElement | null {
  return root(detail).querySelector('h2');
}

function badges(detail: PatDetail): string[] {
  return [...field(detail, strings.detail.status).querySelectorAll('sl-badge')].map((badge) => text(badge));
}

function buttonIn(scope: ParentNode, label: string): HTMLElement | undefined {
  return [...scope.querySelectorAll<HTMLElement>('sl-button')].find((candidate) => text(candidate) === label);
}

function button(scope: ParentNode, label: string): HTMLElement {
  const found = buttonIn(scope, label);
  if (!found) throw new Error(`no button "${label}"`);
  return found;
}

type Editable = 'name' | 'description' | 'allowed_ips';

function pencil(detail: PatDetail, fieldName: Editable): HTMLElement {
  return root(detail).querySelector<HTMLElement>(`sl-icon-button[data-edit="${fieldName}"]`)!;
}

function editor(detail: PatDetail): (HTMLElement & { value: string }) | null {
  return root(detail).querySelector('.edit [data-editor]');
}

function editError(detail: PatDetail): string {
  return text(root(detail).querySelector('.edit-error'));
}

function banner(detail: PatDetail): PatSecretBanner | null {
  return root(detail).querySelector('pat-secret-banner');
}

function scopeRows(detail: PatDetail): string[][] {
  return [...root(detail).querySelectorAll<HTMLTableRowElement>('[part="scopes-table"] tbody tr')]
    .filter((row) => row.querySelectorAll('td').length > 1)
    .map((row) => [...row.querySelectorAll('td')].slice(0, 4).map((cell) => text(cell)));
}

/** The Entity cell of the scope row for entity `id` (of the type labelled `type`, if given). */
function entityCell(detail: PatDetail, id: string, type?: string): HTMLTableCellElement {
  const cells = [...root(detail).querySelectorAll<HTMLTableRowElement>('[part="scopes-table"] tbody tr')]
    .filter((row) => type === undefined || text(row.querySelector('td')) === type)
    .map((row) => row.querySelectorAll('td')[2])
    .filter((cell): cell is HTMLTableCellElement => !!cell && text(cell.querySelector('span.mono') ?? cell) === id);
  if (cells.length !== 1) throw new Error(`${cells.length} entity cells for ${type ?? ''} ${id}`);
  return cells[0]!;
}

/** An Entity cell as a person reads it: "All", the id alone, or the entity's name over its id ("name / id"). */
function entityShown(cell: Element): string {
  const id = cell.querySelector('span.mono');
  return id ? `${text(cell).slice(0, -text(id).length).trim()} / ${text(id)}` : text(cell);
}

function scopesState(detail: PatDetail): string {
  return text(root(detail).querySelector('[part="scopes-table"] tbody .state'));
}

function scopesBusy(detail: PatDetail): boolean {
  return root(detail).querySelector('[part="scopes-table"]')!.getAttribute('aria-busy') === 'true';
}

/** The table shows the catalog's label of an entity type. */
const typeLabel = (type: string) => DEFAULT_CATALOG.entity_types.find((entry) => entry.type === type)?.label ?? type;

/** A scope as the table shows it: type, operation, entity ("All" for *), domain — the editor's order. */
function asRow(scope: Pick<Scope, 'entity_type' | 'operation' | 'entity_id' | 'domain_id'>): string[] {
  return [
    typeLabel(scope.entity_type),
    scope.operation,
    scope.entity_id === '*' ? strings.scopes.all : scope.entity_id,
    scope.domain_id ?? strings.scopes.anyDomain,
  ];
}

function storeScopes(store: MockStore, id: string): Scope[] {
  return store.listScopes('alice', id, 0, 1000).scopes;
}

function trashFor(detail: PatDetail, row: string[]): HTMLElement {
  const tr = [...root(detail).querySelectorAll<HTMLTableRowElement>('[part="scopes-table"] tbody tr')].find(
    (candidate) => JSON.stringify([...candidate.querySelectorAll('td')].slice(0, 4).map((cell) => text(cell))) === JSON.stringify(row),
  );
  if (!tr) throw new Error(`no scope row ${JSON.stringify(row)} among ${JSON.stringify(scopeRows(detail))}`);
  return tr.querySelector<HTMLElement>('td.trash sl-icon-button')!;
}

function confirmDialog(detail: PatDetail): PatConfirmDialog {
  return root(detail).querySelector<PatConfirmDialog>('pat-confirm-dialog')!;
}

function confirmSl(detail: PatDetail): SlDialog {
  return confirmDialog(detail).shadowRoot!.querySelector<SlDialog>('sl-dialog')!;
}

function confirmPart(detail: PatDetail, part: 'confirm' | 'cancel' | 'message'): HTMLElement {
  return confirmDialog(detail).shadowRoot!.querySelector<HTMLElement>(`[part="${part}"]`)!;
}

function regenerateDialog(detail: PatDetail): PatRegenerateDialog {
  return root(detail).querySelector<PatRegenerateDialog>('pat-regenerate-dialog')!;
}

function regenerateSl(detail: PatDetail): SlDialog {
  return regenerateDialog(detail).shadowRoot!.querySelector<SlDialog>('sl-dialog')!;
}

function addScopeSl(detail: PatDetail): SlDialog {
  return root(detail).querySelector<SlDialog>('sl-dialog.add-scope')!;
}

function scopeEditor(detail: PatDetail): PatScopeEditor {
  return addScopeSl(detail).querySelector<PatScopeEditor>('pat-scope-editor')!;
}

interface Seen {
  method: string;
  path: string;
  body: Promise<string>;
}

/** Every request to the API from now on. */
function watch(worker: SetupWorker): Seen[] {
  const seen: Seen[] = [];
  const listener = ({ request }: { request: Request }) => {
    const url = new URL(request.url);
    if (url.pathname.startsWith('/api/')) seen.push({ method: request.method, path: url.pathname, body: request.clone().text() });
  };
  worker.events.on('request:start', listener);
  cleanups.push(() => worker.events.removeListener('request:start', listener));
  return seen;
}

/** The requests that change something: `METHOD path`. */
function writes(seen: Seen[]): string[] {
  return seen.filter((request) => request.method !== 'GET').map((request) => `${request.method} ${request.path}`);
}

async function bodyOf(seen: Seen[], method: string, path: string): Promise<unknown> {
  const request = seen.find((candidate) => candidate.method === method && candidate.path === path);
  if (!request) throw new Error(`no ${method} ${path} among ${JSON.stringify(writes(seen))}`);
  const body = await request.body;
  return body ? JSON.parse(body) : undefined;
}

/** Whether the usage and the history below the scopes are in (or failed): the page no longer grows. */
function historyLoaded(detail: PatDetail): boolean {
  return [...root(detail).querySelectorAll('pat-usage-chart, pat-activity')].every(
    (element) => element.shadowRoot?.querySelector('[part="base"]') && !element.shadowRoot.querySelector('.loading'),
  );
}

async function mountDetail(id: string): Promise<PatDetail> {
  const detail = await mount<PatDetail>(html`<pat-detail pat-id=${id}></pat-detail>`);
  await until(
    () =>
      title(detail) !== '' && scopeRows(detail).length + (scopesState(detail) ? 1 : 0) > 0 && !scopesBusy(detail) && historyLoaded(detail),
    'the PAT, its scopes, its usage and its history',
    WAIT,
  );
  return detail;
}

async function mountState(id: string): Promise<PatDetail> {
  const detail = await mount<PatDetail>(html`<pat-detail pat-id=${id}></pat-detail>`);
  await until(() => root(detail).querySelector('.state h2'), 'the error state', WAIT);
  return detail;
}

async function opened(dialog: SlDialog, open: () => Promise<unknown>): Promise<void> {
  await open();
  await until(() => dialog.open && !dialog.shadowRoot!.querySelector<HTMLElement>('.dialog')!.hidden, 'the dialog to open', WAIT);
  // Shoelace focuses the panel once the show animation ends.
  await until(() => composedContains(dialog, deepActive()), 'focus inside the dialog', WAIT);
}

async function closed(dialog: SlDialog): Promise<void> {
  await until(() => !dialog.open && dialog.shadowRoot!.querySelector<HTMLElement>('.dialog')!.hidden, 'the dialog to close', WAIT);
  // Shoelace gives focus back in a timer it sets as the dialog hides.
  await nextTask();
}

async function startEditing(detail: PatDetail, fieldName: Editable): Promise<HTMLElement & { value: string }> {
  await click(pencil(detail, fieldName));
  await until(() => editor(detail) && composedContains(editor(detail)!, deepActive()), 'the focused editor', WAIT);
  return editor(detail)!;
}

/** Every element in the document, shadow roots included. */
function deepElements(start: Element): Element[] {
  const found: Element[] = [];
  const walk = (node: Element | ShadowRoot) => {
    for (const child of node.children) {
      found.push(child);
      if (child.shadowRoot) walk(child.shadowRoot);
      walk(child);
    }
  };
  found.push(start);
  if (start.shadowRoot) walk(start.shadowRoot);
  walk(start);
  return found;
}

function attributesContaining(needle: string): string[] {
  return deepElements(document.documentElement).flatMap((element) =>
    [...element.attributes]
      .filter((attribute) => attribute.value.includes(needle))
      .map((attribute) => `${element.tagName.toLowerCase()}[${attribute.name}]`),
  );
}

/** Answers one route with the server's generic 500 while `failing.on` holds; else the mocks answer. */
function failWhile(worker: SetupWorker, method: 'get' | 'patch' | 'delete', path: string) {
  const failing = { on: true };
  worker.use(http[method](path, () => (failing.on ? HttpResponse.json({ ...INTERNAL_ERROR_BODY }, { status: 500 }) : undefined)));
  return failing;
}

// ---------------------------------------------------------------------------------------------

describe('<pat-detail>', function () {
  // The machine may be busy with other test runs: room for the real-input flows.
  this.timeout(30_000);

  let worker: SetupWorker;
  let store: MockStore;
  let seen: Seen[];

  before(async () => {
    // Shoelace skips its show/hide animations.
    await emulateMedia({ reducedMotion: 'reduce' });
  });

  beforeEach(async () => {
    ({ worker, store } = await useMockApi('default'));
    seen = watch(worker);
  });

  afterEach(async () => {
    while (cleanups.length) cleanups.pop()!();
    await resetMouse();
  });

  // -------------------------------------------------------------------------------------------
  describe('details', () => {
    it('shows the name as its title: the page’s heading (h2), its Scopes, Usage and Activity sections under it (h3)', async () => {
      const detail = await mountDetail(CI);
      expect(title(detail)).to.equal('CI deploy');
      expect(value(detail, strings.detail.name)).to.equal('CI deploy');
      const titles = [...root(detail).querySelectorAll('[part="title"]')];
      expect(titles.map((element) => element.localName)).to.deep.equal(['h2']);
      expect(titles[0]!.getAttribute('tabindex'), 'focusable by script, not a Tab stop').to.equal('-1');
      expect([...root(detail).querySelectorAll('h2')].map((element) => text(element))).to.deep.equal(['CI deploy']);
      expect([...root(detail).querySelectorAll('h3')].map((element) => text(element))).to.deep.equal([
        strings.detail.scopes,
        strings.usage.title,
        strings.activity.title,
      ]);
    });

    it('lists Name, ID, Status, Description, Allowed addresses, Idle limit, Created, Secret issued, Secret last used and Updated, in that order', async () => {
      const detail = await mountDetail(CI);
      expect(terms(detail)).to.deep.equal([
        'Name',
        'ID',
        'Status',
        'Description',
        'Allowed addresses',
        'Idle limit',
        'Created',
        'Secret issued',
        'Secret last used',
        'Updated',
      ]);
      expect(terms(detail)).to.deep.equal([
        strings.detail.name,
        strings.detail.id,
        strings.detail.status,
        strings.detail.description,
        strings.allowedIps.detailLabel,
        strings.idle.detailLabel,
        strings.detail.created,
        strings.detail.issued,
        strings.detail.lastUsed,
        strings.detail.updated,
      ]);
    });

    it('shows the ID with a copy button whose value is the ID', async () => {
      const detail = await mountDetail(CI);
      expect(value(detail, strings.detail.id)).to.equal(CI);
      const copy = field(detail, strings.detail.id).querySelector<SlCopyButton>('sl-copy-button')!;
      expect(copy).to.exist;
      expect(copy.value).to.equal(CI);
      expect(copy.copyLabel).to.equal(strings.detail.copyId);
    });

    it('copies the ID with a click, with "Copied" feedback', async () => {
      const written: string[] = [];
      Object.defineProperty(navigator.clipboard, 'writeText', {
        configurable: true,
        value: async (copied: string) => void written.push(copied),
      });
      cleanups.push(() => delete (navigator.clipboard as unknown as Record<string, unknown>).writeText);
      const detail = await mountDetail(CI);
      const copy = field(detail, strings.detail.id).querySelector<SlCopyButton>('sl-copy-button')!;
      await click(copy.shadowRoot!.querySelector('button')!);
      await until(() => written.length === 1, 'the clipboard write', WAIT);
      expect(written).to.deep.equal([CI]);
      await until(
        () => (copy.shadowRoot!.querySelector('sl-tooltip') as HTMLElement & { content: string }).content === strings.copied,
        '"Copied"',
        WAIT,
      );
    });

    it('an active PAT: "Active" badge, "Expires in …", a Revoke button and no Regenerate', async () => {
      const detail = await mountDetail(CI);
      expect(badges(detail)).to.deep.equal([strings.status.active]);
      const status = field(detail, strings.detail.status);
      expect(status.querySelector('sl-badge')!.getAttribute('variant')).to.equal('success');
      const time = status.querySelector('time')!;
      const { expires_at } = store.get('alice', CI);
      expect(text(time)).to.equal('Expires in 45 days');
      expect(time.getAttribute('datetime')).to.equal(expires_at);
      // How long is left first, then the date and time it ends.
      expect(text(status.querySelector('dd'))).to.equal(`Active Expires in 45 days · ${dateTime(expires_at)}`);
      expect(buttonIn(status, strings.detail.revoke)).to.exist;
      expect(buttonIn(status, strings.detail.regenerate)).to.equal(undefined);
    });

    it('an active PAT about to expire also says "Expiring soon"', async () => {
      const detail = await mountDetail(NIGHTLY);
      expect(badges(detail)).to.deep.equal([strings.status.active, strings.status.expiring]);
    });

    it('a revoked PAT: "Revoked" badge, when it was revoked, a Regenerate button and no Revoke', async () => {
      const detail = await mountDetail(JENKINS);
      expect(badges(detail)).to.deep.equal([strings.status.revoked]);
      const status = field(detail, strings.detail.status);
      // Said once, as the table says it: when it was revoked, not an expiry it will never reach.
      const { revoked_at } = store.get('alice', JENKINS);
      const line = text(status.querySelector('dd'));
      expect(line).to.equal(`Revoked Revoked 44 days ago · ${dateTime(revoked_at!)}`);
      expect(line).not.to.match(/Expire/);
      expect(status.querySelector('time')!.getAttribute('datetime')).to.equal(revoked_at);
      expect(buttonIn(status, strings.detail.regenerate)).to.exist;
      expect(buttonIn(status, strings.detail.revoke)).to.equal(undefined);
    });

    it('an expired PAT: "Expired" badge, "Expired … ago", a Regenerate button and no Revoke', async () => {
      const detail = await mountDetail(Q3);
      expect(badges(detail)).to.deep.equal([strings.status.expired]);
      const status = field(detail, strings.detail.status);
      expect(text(status.querySelector('time'))).to.equal('Expired 3 months ago');
      expect(text(status.querySelector('dd'))).to.equal(`Expired Expired 3 months ago · ${dateTime(store.get('alice', Q3).expires_at)}`);
      expect(buttonIn(status, strings.detail.regenerate)).to.exist;
      expect(buttonIn(status, strings.detail.revoke)).to.equal(undefined);
    });

    it('shows the description, or "No description"', async () => {
      const detail = await mountDetail(CI);
      expect(value(detail, strings.detail.description)).to.equal(store.get('alice', CI).description);
      const other = await mountDetail(LOCAL);
      expect(value(other, strings.detail.description)).to.equal(strings.detail.noDescription);
    });

    it('shows when it was created, its secret issued and last used (with the IP), and updated: the date and time, then how long ago', async () => {
      const detail = await mountDetail(CI);
      const pat = store.get('alice', CI);
      // Made long before its current secret: regenerated 45 days ago.
      expect(Date.parse(pat.created_at)).to.be.below(Date.parse(pat.issued_at));
      const expected: [label: string, iso: string, line: string][] = [
        [strings.detail.created, pat.created_at, `${dateTime(pat.created_at)} · 8 months ago`],
        [strings.detail.issued, pat.issued_at, `${dateTime(pat.issued_at)} · 45 days ago`],
        [strings.detail.lastUsed, pat.last_used_at!, `${dateTime(pat.last_used_at!)} · 2 hours ago from 10.0.4.17`],
        [strings.detail.updated, pat.updated_at!, `${dateTime(pat.updated_at!)} · 45 days ago`],
      ];
      for (const [label, iso, line] of expected) {
        expect(shownTime(detail, label), label).to.deep.equal({ datetime: iso, text: dateTime(iso) });
        expect(value(detail, label), label).to.equal(line);
      }
      expect(shownTime(detail, strings.detail.created)!.text, 'Created is not the secret’s issue').to.not.equal(
        shownTime(detail, strings.detail.issued)!.text,
      );
    });

    it('a PAT never regenerated was created when its secret was issued', async () => {
      const detail = await mountDetail(GRAFANA);
      const pat = store.get('alice', GRAFANA);
      expect(pat.created_at).to.equal(pat.issued_at);
      expect(value(detail, strings.detail.created)).to.equal(`${dateTime(pat.created_at)} · 4 months ago`);
      expect(value(detail, strings.detail.issued)).to.equal(value(detail, strings.detail.created));
      expect(value(detail, strings.detail.lastUsed)).to.equal(`${dateTime(pat.last_used_at!)} · 5 minutes ago from 172.18.0.5`);
      expect(value(detail, strings.detail.updated)).to.equal(`${dateTime(pat.updated_at!)} · 30 days ago`);
    });

    it('says "never" for a PAT never updated or used', async () => {
      const detail = await mountDetail(LOCAL);
      expect(value(detail, strings.detail.lastUsed)).to.equal(strings.never);
      expect(value(detail, strings.detail.updated)).to.equal(strings.never);
      expect(field(detail, strings.detail.lastUsed).querySelector('time')).to.equal(null);
      expect(field(detail, strings.detail.updated).querySelector('time')).to.equal(null);
      expect(value(detail, strings.detail.created)).to.equal(`${dateTime(store.get('alice', LOCAL).created_at)} · 2 days ago`);
    });

    it('is accessible: active', async () => {
      const detail = await mountDetail(CI);
      await expectAccessible(detail);
    });

    it('is accessible: revoked', async () => {
      const detail = await mountDetail(JENKINS);
      await expectAccessible(detail);
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('loading, not found and errors', () => {
    it('shows a busy skeleton while the PAT loads', async () => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      worker.use(
        http.get(`/api/pats/${CI}`, async () => {
          await gate;
          return undefined;
        }),
      );
      const detail = await mount<PatDetail>(html`<pat-detail pat-id=${CI}></pat-detail>`);
      await until(() => root(detail).querySelector('.state[aria-busy="true"]'), 'the loading state', WAIT);
      const loading = root(detail).querySelector('.state[aria-busy="true"]');
      expect(loading, 'the loading state').to.exist;
      expect(loading!.querySelectorAll('sl-skeleton').length).to.be.greaterThan(0);
      expect(title(detail)).to.equal('');
      await expectAccessible(detail);
      release();
      await until(() => title(detail) === 'CI deploy', 'the PAT', WAIT);
      expect(root(detail).querySelector('[aria-busy="true"].state')).to.equal(null);
    });

    it('an unknown id: "Token not found", without a Retry', async () => {
      const detail = await mountState(UNKNOWN);
      const state = root(detail).querySelector('.state')!;
      // It stands in the place of the token's name: the page's heading.
      expect(text(state.querySelector('h2'))).to.equal(strings.detail.notFoundTitle);
      expectSame(heading(detail), state.querySelector('h2'), 'the page heading');
      expect(heading(detail)!.getAttribute('tabindex')).to.equal('-1');
      expect(text(state.querySelector('p'))).to.equal(strings.detail.notFoundText);
      expect(buttonIn(state, strings.retry)).to.equal(undefined);
      expect(title(detail)).to.equal('');
    });

    it("another user's PAT looks exactly like an unknown id", async () => {
      const unknown = await mountState(UNKNOWN);
      const unknownHtml = root(unknown).querySelector('.state')!.outerHTML;
      const foreign = await mountState(BOB_PAT);
      const foreignState = root(foreign).querySelector('.state')!;
      expect(text(foreignState.querySelector('h2'))).to.equal(strings.detail.notFoundTitle);
      expect(foreignState.outerHTML).to.equal(unknownHtml);
      expect(text(root(foreign).querySelector('.base'))).to.equal(text(root(unknown).querySelector('.base')));
      expect(text(root(foreign).querySelector('.base'))).to.not.include('Home Assistant');
    });

    it('is accessible: not found', async () => {
      const detail = await mountState(UNKNOWN);
      await expectAccessible(detail);
    });

    it('a server error shows its message with a Retry that recovers', async () => {
      const failing = failWhile(worker, 'get', `/api/pats/${CI}`);
      const detail = await mountState(CI);
      const state = root(detail).querySelector('.state')!;
      expect(state.getAttribute('role')).to.equal('alert');
      expect(text(state.querySelector('h2'))).to.equal(strings.detail.errorTitle);
      expectSame(heading(detail), state.querySelector('h2'), 'the page heading');
      expect(text(state.querySelector('p'))).to.equal(strings.errors.server);
      const retry = button(state, strings.retry);
      failing.on = false;
      await click(retry);
      await until(() => title(detail) === 'CI deploy', 'the PAT after Retry', WAIT);
      expect(root(detail).querySelector('.state h2')).to.equal(null);
      expect(text(heading(detail))).to.equal('CI deploy');
      await until(() => scopeRows(detail).length === 4, 'its scopes', WAIT);
    });

    it('is accessible: error', async () => {
      failWhile(worker, 'get', `/api/pats/${CI}`);
      const detail = await mountState(CI);
      await expectAccessible(detail);
    });

    it('a network failure says so in the client’s own words', async () => {
      worker.use(http.get(`/api/pats/${CI}`, () => HttpResponse.error()));
      const detail = await mountState(CI);
      const state = root(detail).querySelector('.state')!;
      expect(text(state.querySelector('h2'))).to.equal(strings.detail.errorTitle);
      expect(text(state.querySelector('p'))).to.equal(strings.errors.network);
      expect(strings.errors.network).to.equal('Cannot reach the server. Check your connection and try again.');
      expect(buttonIn(state, strings.retry)).to.exist;
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('focusHeading()', () => {
    it('waits for the PAT, then moves the focus to its name', async () => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      worker.use(
        http.get(`/api/pats/${CI}`, async () => {
          await gate;
          return undefined;
        }),
      );
      const detail = await mount<PatDetail>(html`<pat-detail pat-id=${CI}></pat-detail>`);
      let done = false;
      const focusing = detail.focusHeading().then(() => (done = true));
      await elapse(300, 'while the PAT loads there is no name to focus: focusHeading() must wait');
      expect(done, 'still waiting for the PAT').to.equal(false);
      expectSame(root(detail).activeElement, null, 'focus in the detail');
      release();
      await focusing;
      expect(text(heading(detail))).to.equal('CI deploy');
      expectSame(root(detail).activeElement, heading(detail), 'focus in the detail');
      expectSame(document.activeElement, detail, 'the focused element');
      expectSame(deepActive(), heading(detail), 'the focused element, deep');
    });

    it('inside another element’s shadow root too, and again after pat-id changes', async () => {
      const host = await mount<TestDetailHost>(html`<test-detail-host pat-id=${CI}></test-detail-host>`);
      await until(() => host.shadowRoot!.querySelector('pat-detail'), 'the detail', WAIT);
      const detail = host.shadowRoot!.querySelector<PatDetail>('pat-detail')!;
      await detail.focusHeading();
      expect(text(heading(detail))).to.equal('CI deploy');
      expectSame(deepActive(), heading(detail), 'the focused element');
      // A router calls it after each navigation: another PAT, its name.
      host.patId = GRAFANA;
      await host.updateComplete;
      await detail.focusHeading();
      expect(text(heading(detail))).to.equal('Grafana dashboards read-only');
      expectSame(deepActive(), heading(detail), 'the focused element after pat-id changed');
    });

    it('called as pat-id changes, as a router calls it, waits for the new PAT and focuses its name', async () => {
      const detail = await mountDetail(CI);
      detail.patId = GRAFANA;
      await detail.focusHeading();
      expect(text(heading(detail))).to.equal('Grafana dashboards read-only');
      expectSame(deepActive(), heading(detail), 'the focused element');
    });

    it('focuses "Token not found" where there is no such token', async () => {
      const detail = await mount<PatDetail>(html`<pat-detail pat-id=${UNKNOWN}></pat-detail>`);
      await detail.focusHeading();
      expect(text(heading(detail))).to.equal(strings.detail.notFoundTitle);
      expectSame(deepActive(), heading(detail), 'the focused element');
    });

    it('focuses "Could not load this token" when the load fails', async () => {
      failWhile(worker, 'get', `/api/pats/${CI}`);
      const detail = await mount<PatDetail>(html`<pat-detail pat-id=${CI}></pat-detail>`);
      await detail.focusHeading();
      expect(text(heading(detail))).to.equal(strings.detail.errorTitle);
      expectSame(deepActive(), heading(detail), 'the focused element');
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('inline rename', () => {
    it('the pencil opens a focused input holding the current name', async () => {
      const detail = await mountDetail(CI);
      const input = await startEditing(detail, 'name');
      expect(input.tagName.toLowerCase()).to.equal('sl-input');
      expect(input.value).to.equal('CI deploy');
      expect(input.getAttribute('label')).to.equal(strings.detail.name);
      await expectAccessible(detail);
    });

    it('typing and Enter saves the name, updates the title, fires pat-updated and gives focus back to the pencil', async () => {
      const updated = record(document, 'pat-updated');
      const detail = await mountDetail(CI);
      await startEditing(detail, 'name');
      await replaceText('CI deploy (prod)');
      await sendKeys({ press: 'Enter' });
      await until(() => title(detail) === 'CI deploy (prod)', 'the new title', WAIT);
      expect(writes(seen)).to.deep.equal([`PATCH /api/pats/${CI}/name`]);
      expect(await bodyOf(seen, 'PATCH', `/api/pats/${CI}/name`)).to.deep.equal({ name: 'CI deploy (prod)' });
      expect(store.get('alice', CI).name).to.equal('CI deploy (prod)');
      expect(updated).to.have.length(1);
      expect(updated[0]!.detail.pat.id).to.equal(CI);
      expect(updated[0]!.detail.pat.name).to.equal('CI deploy (prod)');
      expect(editor(detail)).to.equal(null);
      await until(() => root(detail).activeElement === pencil(detail, 'name'), 'focus on the pencil', WAIT);
      // Said on screen too, not only to screen readers.
      const toast = root(detail).querySelector<HTMLElement>('[part="toast"]')!;
      await until(() => text(toast) === strings.detail.renamed, 'the toast', WAIT);
      expect(toast.getBoundingClientRect().width).to.be.above(50);
      // The updated time follows the store: now, no longer the regenerate of 45 days ago.
      const { updated_at } = store.get('alice', CI);
      await until(() => shownTime(detail, strings.detail.updated)?.datetime === updated_at, 'the updated time', WAIT);
      expect(value(detail, strings.detail.updated)).to.match(/ · (now|\d+ seconds? ago)$/);
    });

    it('the Save button saves too', async () => {
      const detail = await mountDetail(CI);
      await startEditing(detail, 'name');
      await replaceText('CI deploy 2');
      await click(button(field(detail, strings.detail.name), strings.detail.save));
      await until(() => title(detail) === 'CI deploy 2', 'the new title', WAIT);
      expect(store.get('alice', CI).name).to.equal('CI deploy 2');
    });

    it('Escape cancels: no request, the old name, focus back on the pencil', async () => {
      const updated = record(document, 'pat-updated');
      const detail = await mountDetail(CI);
      await startEditing(detail, 'name');
      await replaceText('Something else');
      await sendKeys({ press: 'Escape' });
      await until(() => editor(detail) === null, 'the editor to close', WAIT);
      await elapse(100, 'Escape must send no PATCH of the name nor emit pat-updated');
      expect(title(detail)).to.equal('CI deploy');
      expect(value(detail, strings.detail.name)).to.equal('CI deploy');
      expect(writes(seen)).to.deep.equal([]);
      expect(updated).to.have.length(0);
      expect(store.get('alice', CI).name).to.equal('CI deploy');
      expect(root(detail).activeElement).to.equal(pencil(detail, 'name'));
    });

    it('a name another PAT has shows the 409 message in place and keeps the draft', async () => {
      const updated = record(document, 'pat-updated');
      const detail = await mountDetail(CI);
      await startEditing(detail, 'name');
      await replaceText('grafana dashboards READ-ONLY');
      await sendKeys({ press: 'Enter' });
      await until(() => editError(detail), 'the error', WAIT);
      expect(editError(detail)).to.equal('You already have a personal access token with this name.');
      expect(root(detail).querySelector('.edit-error')!.getAttribute('role')).to.equal('alert');
      expect(writes(seen)).to.deep.equal([`PATCH /api/pats/${CI}/name`]);
      expect(editor(detail)!.value).to.equal('grafana dashboards READ-ONLY');
      expect(title(detail)).to.equal('CI deploy');
      expect(store.get('alice', CI).name).to.equal('CI deploy');
      expect(updated).to.have.length(0);
      // Typing again clears the message; the draft can still be saved.
      await sendKeys({ type: ' 2' });
      await until(() => !editError(detail), 'the error to clear', WAIT);
      await sendKeys({ press: 'Enter' });
      await until(() => title(detail) === 'grafana dashboards READ-ONLY 2', 'the new title', WAIT);
    });

    it('a blank name is refused without a request', async () => {
      const detail = await mountDetail(CI);
      await startEditing(detail, 'name');
      await replaceText('');
      await sendKeys({ press: 'Enter' });
      await until(() => editError(detail), 'the error', WAIT);
      await replaceText('   ');
      await sendKeys({ press: 'Enter' });
      await elapse(200, 'a blank name must send no PATCH and keep the editor open');
      expect(editError(detail)).to.not.equal('');
      expect(editor(detail)).to.exist;
      expect(writes(seen)).to.deep.equal([]);
      expect(title(detail)).to.equal('CI deploy');
      expect(store.get('alice', CI).name).to.equal('CI deploy');
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('inline description', () => {
    it('the pencil opens a focused text area holding the current description', async () => {
      const detail = await mountDetail(CI);
      const area = await startEditing(detail, 'description');
      expect(area.tagName.toLowerCase()).to.equal('sl-textarea');
      expect(area.value).to.equal(store.get('alice', CI).description);
    });

    it('Enter saves, Shift+Enter is a new line; pat-updated fires and focus returns to the pencil', async () => {
      const updated = record(document, 'pat-updated');
      const detail = await mountDetail(CI);
      await startEditing(detail, 'description');
      await replaceText('First line');
      await sendKeys({ press: 'Shift+Enter' });
      await sendKeys({ type: 'Second line' });
      expect(writes(seen)).to.deep.equal([]);
      await sendKeys({ press: 'Enter' });
      await until(() => editor(detail) === null, 'the editor to close', WAIT);
      expect(await bodyOf(seen, 'PATCH', `/api/pats/${CI}/description`)).to.deep.equal({ description: 'First line\nSecond line' });
      expect(store.get('alice', CI).description).to.equal('First line\nSecond line');
      await until(
        () => field(detail, strings.detail.description).querySelector('dd')!.textContent === 'First line\nSecond line',
        'the new description',
        WAIT,
      );
      expect(updated).to.have.length(1);
      expect(updated[0]!.detail.pat.description).to.equal('First line\nSecond line');
      await until(() => root(detail).activeElement === pencil(detail, 'description'), 'focus on the pencil', WAIT);
    });

    it('an empty description clears it', async () => {
      const detail = await mountDetail(CI);
      await startEditing(detail, 'description');
      await replaceText('');
      await sendKeys({ press: 'Enter' });
      await until(() => value(detail, strings.detail.description) === strings.detail.noDescription, '"No description"', WAIT);
      expect(await bodyOf(seen, 'PATCH', `/api/pats/${CI}/description`)).to.deep.equal({ description: '' });
      expect(store.get('alice', CI).description).to.equal('');
    });

    it('Escape cancels without a request', async () => {
      const detail = await mountDetail(CI);
      const before = store.get('alice', CI).description;
      await startEditing(detail, 'description');
      await replaceText('Not saved');
      await sendKeys({ press: 'Escape' });
      await until(() => editor(detail) === null, 'the editor to close', WAIT);
      await elapse(100, 'Escape must send no PATCH of the description');
      expect(value(detail, strings.detail.description)).to.equal(before);
      expect(writes(seen)).to.deep.equal([]);
      expect(root(detail).activeElement).to.equal(pencil(detail, 'description'));
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('allowed addresses', () => {
    const LABEL = strings.allowedIps.detailLabel;
    const shownList = (detail: PatDetail) => field(detail, LABEL).querySelector('dd')!;
    const firstEvent = (detail: PatDetail) =>
      root(detail).querySelector<PatActivity>('pat-activity')!.shadowRoot!.querySelector<HTMLElement>('[part="event"]');
    const REFUSED = 'must be an IPv4 or IPv6 address, or a CIDR range such as 203.0.113.0/24 or 2001:db8::/32.';

    it('shows the addresses one a line, left to right in a monospace font, or "Any address"', async () => {
      store.setAllowedIps('alice', CI, ['203.0.113.0/24', '2001:db8::1']);
      const detail = await mountDetail(CI);
      expect(shownList(detail).textContent).to.equal('203.0.113.0/24\n2001:db8::1');
      expect(shownList(detail).getAttribute('dir')).to.equal('ltr');
      expect(getComputedStyle(shownList(detail)).whiteSpace).to.equal('pre-wrap');
      expect(getComputedStyle(shownList(detail)).fontFamily).to.include('monospace');
      expect(pencil(detail, 'allowed_ips').getAttribute('label')).to.equal(strings.detail.edit(LABEL));
      await expectAccessible(detail);
      const other = await mountDetail(LOCAL);
      expect(value(other, LABEL)).to.equal(strings.allowedIps.any);
      expect(shownList(other).getAttribute('dir')).to.equal('auto');
    });

    it('the pencil opens a text area: Enter starts a line, Ctrl+Enter saves the trimmed lines; pat-updated, a toast, the history', async () => {
      const updated = record(document, 'pat-updated');
      const detail = await mountDetail(CI);
      await until(() => firstEvent(detail), 'the history', WAIT);
      const area = await startEditing(detail, 'allowed_ips');
      expect(area.tagName.toLowerCase()).to.equal('sl-textarea');
      expect(area.value).to.equal('');
      expect(area.getAttribute('label')).to.equal(LABEL);
      expect((area as unknown as { helpText: string }).helpText).to.equal(strings.allowedIps.help);
      expect(text(root(detail).querySelector('.edit-hint'))).to.equal(strings.allowedIps.editHint);
      await expectAccessible(detail);
      await sendKeys({ type: '203.0.113.9/24' });
      await sendKeys({ press: 'Enter' });
      await sendKeys({ type: '  2001:DB8::1 ' });
      await sendKeys({ press: 'Enter' });
      await sendKeys({ press: 'Enter' });
      expect(writes(seen), 'Enter saves nothing in a list').to.deep.equal([]);
      expect(area.value).to.equal('203.0.113.9/24\n  2001:DB8::1 \n\n');
      await sendKeys({ press: 'Control+Enter' });
      await until(() => editor(detail) === null, 'the editor to close', WAIT);
      expect(writes(seen)).to.deep.equal([`PATCH /api/pats/${CI}/allowed_ips`]);
      expect(await bodyOf(seen, 'PATCH', `/api/pats/${CI}/allowed_ips`)).to.deep.equal({ allowed_ips: ['203.0.113.9/24', '2001:DB8::1'] });
      // As the server keeps them: normalized.
      expect(store.get('alice', CI).allowed_ips).to.deep.equal(['203.0.113.0/24', '2001:db8::1']);
      expect(updated).to.have.length(1);
      expect(updated[0]!.detail.pat.allowed_ips).to.deep.equal(['203.0.113.0/24', '2001:db8::1']);
      await until(() => shownList(detail).textContent === '203.0.113.0/24\n2001:db8::1', 'the saved list', WAIT);
      await until(() => root(detail).activeElement === pencil(detail, 'allowed_ips'), 'focus on the pencil', WAIT);
      await until(() => text(root(detail).querySelector('[part="toast"]')) === strings.allowedIps.saved, 'the toast', WAIT);
      await until(() => firstEvent(detail)?.dataset.kind === 'allowed_ips_changed', 'the change in the history', WAIT);
      expect(text(firstEvent(detail)!.querySelector('.sentence'))).to.equal('Allowed addresses set to 203.0.113.0/24, 2001:db8::1');
    });

    it('emptied, the restriction is removed: any address', async () => {
      store.setAllowedIps('alice', CI, ['203.0.113.0/24']);
      const updated = record(document, 'pat-updated');
      const detail = await mountDetail(CI);
      const area = await startEditing(detail, 'allowed_ips');
      expect(area.value).to.equal('203.0.113.0/24');
      await replaceText('');
      await click(button(field(detail, LABEL), strings.detail.save));
      await until(() => value(detail, LABEL) === strings.allowedIps.any, '"Any address"', WAIT);
      expect(await bodyOf(seen, 'PATCH', `/api/pats/${CI}/allowed_ips`)).to.deep.equal({ allowed_ips: [] });
      expect(store.get('alice', CI).allowed_ips).to.deep.equal([]);
      expect(updated.map((event) => event.detail.pat.allowed_ips)).to.deep.equal([[]]);
    });

    it('an address the server refuses is named by its line, the draft kept; Escape then cancels without a request', async () => {
      store.setAllowedIps('alice', CI, ['203.0.113.0/24']);
      const updated = record(document, 'pat-updated');
      const errors = record(document, 'pat-error');
      const detail = await mountDetail(CI);
      await startEditing(detail, 'allowed_ips');
      await replaceText('10.0.0.0/8');
      await sendKeys({ press: 'Enter' });
      await sendKeys({ press: 'Enter' });
      await sendKeys({ type: '10.0.0.300' });
      await sendKeys({ press: 'Control+Enter' });
      await until(() => editError(detail), 'the error', WAIT);
      expect(editError(detail)).to.equal(`Line 3 (“10.0.0.300”) ${REFUSED}`);
      expect(root(detail).querySelector('.edit-error')!.getAttribute('role')).to.equal('alert');
      expect(errors.map((event) => [event.detail.action, event.detail.error.status])).to.deep.equal([['set-allowed-ips', 400]]);
      expect(editor(detail)!.value).to.equal('10.0.0.0/8\n\n10.0.0.300');
      expect(store.get('alice', CI).allowed_ips).to.deep.equal(['203.0.113.0/24']);
      expect(updated).to.have.length(0);
      await until(() => composedContains(editor(detail)!, deepActive()), 'the focus back in the editor', WAIT);
      await expectAccessible(detail);
      // Typing clears the message.
      await sendKeys({ type: '0' });
      await until(() => !editError(detail), 'the error to clear', WAIT);
      await sendKeys({ press: 'Escape' });
      await until(() => editor(detail) === null, 'the editor to close', WAIT);
      await elapse(100, 'Escape must send no PATCH of the allowed addresses');
      expect(writes(seen)).to.deep.equal([`PATCH /api/pats/${CI}/allowed_ips`]);
      expect(shownList(detail).textContent).to.equal('203.0.113.0/24');
      expect(root(detail).activeElement).to.equal(pencil(detail, 'allowed_ips'));
    });

    it('a list too long is said on the field', async () => {
      const detail = await mountDetail(CI);
      await startEditing(detail, 'allowed_ips');
      // Typed at once (51 lines): one more than a PAT may hold.
      editor(detail)!.value = Array.from({ length: 51 }, (_, i) => `10.0.0.${i + 1}`).join('\n');
      editor(detail)!.dispatchEvent(new Event('sl-input'));
      await sendKeys({ press: 'Control+Enter' });
      await until(() => editError(detail), 'the error', WAIT);
      expect(editError(detail)).to.equal('Allowed addresses may hold at most 50 addresses or ranges.');
    });

    it('a server failure is said in the client’s words, the draft kept', async () => {
      failWhile(worker, 'patch', '/api/pats/:id/allowed_ips');
      const detail = await mountDetail(CI);
      await startEditing(detail, 'allowed_ips');
      await sendKeys({ type: '203.0.113.0/24' });
      await sendKeys({ press: 'Control+Enter' });
      await until(() => editError(detail), 'the error', WAIT);
      expect(editError(detail)).to.equal(strings.errors.server);
      expect(editor(detail)!.value).to.equal('203.0.113.0/24');
    });

    it('with a client without allowlists (the SuperMQ one, a host’s own): no row, though it has the rest', async () => {
      // Everything PAT Kit's client has but setAllowedIps: the usage and history show, the allowlist does not.
      const http = new HttpPatApi({ baseUrl: '/api', token: mockTokenFor('alice') });
      const methods = [...PAT_API_METHODS, ...PAT_API_OPTIONAL_METHODS.filter((method) => method !== 'setAllowedIps')];
      const client = Object.fromEntries(methods.map((method) => [method, http[method].bind(http)])) as unknown as PatApi;
      store.setAllowedIps('alice', CI, ['203.0.113.0/24']);
      for (const api of [client, basicClient()]) {
        const detail = await mount<PatDetail>(html`<pat-detail pat-id=${CI}></pat-detail>`, { client: api });
        await until(() => title(detail) !== '' && !scopesBusy(detail), 'the PAT', WAIT);
        expect(terms(detail)).to.not.include(LABEL);
        expect(root(detail).querySelector('[data-edit="allowed_ips"]')).to.equal(null);
      }
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('idle limit (the idle scenario: a server whose tokens expire unused for 90 days at most)', () => {
    const METRICS = idOf('Metrics exporter'); // 30 days; used two hours ago
    const BACKUP = idOf('Backup agent'); // 30 days; unused for 25 of them
    const LEGACY = idOf('Legacy importer'); // 30 days; expired unused 10 days ago
    const RELEASE = idOf('Release bot'); // 60 days; its lifetime ends in 20 days, before 60 days without use could

    beforeEach(async () => {
      ({ worker, store } = await useMockApi('idle'));
      seen = watch(worker);
    });

    const statusTime = (detail: PatDetail) => field(detail, strings.detail.status).querySelector('time')!;
    const statusNote = (detail: PatDetail) => field(detail, strings.detail.status).querySelector('.status-note');

    it('an idle-limited token: its limit and when it expires unless used; its status says it ends then if unused', async () => {
      const detail = await mountDetail(METRICS);
      const { idle_expires_at: idle, expires_at } = store.get('alice', METRICS);
      expect(Date.parse(idle!)).to.be.below(Date.parse(expires_at));
      expect(value(detail, 'Idle limit')).to.equal(`30 days · Expires on ${dateTime(idle!)} unless used before`);
      expect(shownTime(detail, strings.idle.detailLabel)!.datetime).to.equal(idle);
      expect(text(statusTime(detail))).to.equal('Expires in 30 days if unused');
      expect(statusTime(detail).getAttribute('datetime'), 'when it really stops working').to.equal(idle);
      expect(text(field(detail, strings.detail.status).querySelector('dd'))).to.equal(
        `Active Expires in 30 days if unused · ${dateTime(idle!)}`,
      );
      expect(badges(detail)).to.deep.equal([strings.status.active]);
      expect(statusNote(detail)).to.equal(null);
      await expectAccessible(detail);
    });

    it('unused for 25 of its 30 days: expiring soon, in 5 days unless used', async () => {
      const detail = await mountDetail(BACKUP);
      expect(badges(detail)).to.deep.equal([strings.status.active, strings.status.expiring]);
      expect(text(statusTime(detail))).to.equal('Expires in 5 days if unused');
      expect(value(detail, strings.idle.detailLabel)).to.equal(
        `30 days · Expires on ${dateTime(store.get('alice', BACKUP).idle_expires_at!)} unless used before`,
      );
    });

    it('expired unused: its status says so and why (its limit), and offers Regenerate; the limit stays', async () => {
      const detail = await mountDetail(LEGACY);
      const pat = store.get('alice', LEGACY);
      expect(pat).to.include({ status: 'expired', expired_reason: 'idle' });
      expect(badges(detail)).to.deep.equal([strings.status.expired]);
      expect(text(statusTime(detail))).to.equal('Expired (unused) 10 days ago');
      expect(statusTime(detail).getAttribute('datetime')).to.equal(pat.idle_expires_at);
      expect(text(statusNote(detail))).to.equal('It expired because it went unused for 30 days.');
      expect(text(field(detail, strings.detail.status).querySelector('dd'))).to.equal(
        `Expired Expired (unused) 10 days ago · ${dateTime(pat.idle_expires_at!)} It expired because it went unused for 30 days.`,
      );
      expect(buttonIn(field(detail, strings.detail.status), strings.detail.regenerate)).to.exist;
      expect(value(detail, strings.idle.detailLabel), 'no "unless used" for a token that no longer works').to.equal('30 days');
      await expectAccessible(detail);
    });

    it('a token expired by its lifetime says nothing of going unused', async () => {
      const detail = await mountDetail(idOf('Staging smoke tests'));
      expect(store.get('alice', idOf('Staging smoke tests')).expired_reason).to.equal('lifetime');
      expect(text(statusTime(detail))).to.equal('Expired 15 days ago');
      expect(statusNote(detail)).to.equal(null);
    });

    it('a token its lifetime ends first: its limit alone, and its expiry', async () => {
      const detail = await mountDetail(RELEASE);
      expect(store.get('alice', RELEASE)).to.include({ max_idle: '60d', idle_expires_at: null });
      expect(value(detail, strings.idle.detailLabel)).to.equal('60 days');
      expect(text(statusTime(detail))).to.equal('Expires in 20 days');
    });

    it('without a limit, "None"; a server from before idle limits leaves the fields out: "None" too, and its lifetime', async () => {
      ({ worker, store } = await useMockApi('default'));
      const detail = await mountDetail(CI);
      expect(value(detail, strings.idle.detailLabel)).to.equal('None');
      expect(field(detail, strings.idle.detailLabel).querySelector('dd .muted')).to.exist;
      const { max_idle: _, idle_expires_at: _idle, expired_reason: _reason, ...older } = store.get('alice', CI);
      worker.use(http.get(`/api/pats/${CI}`, () => HttpResponse.json(older)));
      const old = await mountDetail(CI);
      expect(value(old, strings.idle.detailLabel)).to.equal(strings.idle.none);
      expect(text(statusTime(old))).to.equal('Expires in 45 days');
    });

    it('in German and Arabic: the row, the end and why it expired', async () => {
      for (const [lang, words] of [
        ['de', de],
        ['ar', ar],
      ] as const) {
        await loadPatTranslation(lang);
        const locale = new PatLocale(lang, words);
        const limit = locale.duration('30d');
        for (const id of [BACKUP, LEGACY]) {
          const wrapper = await mount<HTMLElement>(
            html`<div lang=${lang} dir=${lang === 'ar' ? 'rtl' : 'ltr'}><pat-detail pat-id=${id}></pat-detail></div>`,
          );
          const detail = wrapper.querySelector<PatDetail>('pat-detail')!;
          await until(() => title(detail) !== '', 'the token', WAIT);
          const pat = store.get('alice', id);
          const row = () => text(field(detail, words.idle.detailLabel).querySelector('dd'));
          const status = field(detail, words.detail.status);
          if (id === BACKUP) {
            expect(row(), lang).to.equal(`${limit} · ${words.idle.expiresOn(locale.dateTime(pat.idle_expires_at!))}`);
            expect(text(status.querySelector('time')), lang).to.equal(words.ends.expiresUnused(locale.relative(pat.idle_expires_at!)));
          } else {
            expect(row(), lang).to.equal(limit);
            expect(text(status.querySelector('.status-note')), lang).to.equal(words.idle.expiredBecause(limit));
          }
        }
      }
      expect(de.idle.expiredBecause('30 Tage')).to.equal('Es ist abgelaufen, weil es 30 Tage lang nicht verwendet wurde.');
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('a token a leak report revoked', () => {
    const SCANNER = 'GitHub secret scanning';
    const HOUR = 3600e3;

    /** Seeds alice a PAT revoked by a leak report three hours ago, its secret found at `url` by `source`; its id. */
    function seedLeaked(name: string, url: string, source = SCANNER): string {
      const now = store.now();
      const reportedAt = now - 3 * HOUR;
      const leak = { reported_at: new Date(reportedAt).toISOString(), url, source };
      return store.seed('alice', { name, issuedAt: now - 20 * DAY_MS, expiresAt: now + 70 * DAY_MS, revokedAt: reportedAt, leak }).id;
    }

    function leakAlert(detail: PatDetail): SlAlert | null {
      return root(detail).querySelector<SlAlert>('[part="leak"]');
    }

    /** The alert's facts, label → value, in order. */
    function facts(detail: PatDetail): [string, string][] {
      return [...leakAlert(detail)!.querySelectorAll('dl > div')].map((row) => [
        text(row.querySelector('dt')),
        text(row.querySelector('dd')),
      ]);
    }

    it('is headed by an open danger alert: what happened, a link to where (https), by whom and when, that regenerating helps', async () => {
      const url = 'https://github.com/acme/site/commit/4f2a9c1e#diff-3f1';
      const id = seedLeaked('Leaked deploy key', url);
      const detail = await mountDetail(id);
      const alert = leakAlert(detail)!;
      expect(alert.localName).to.equal('sl-alert');
      expect(alert.variant).to.equal('danger');
      expect(alert.open).to.equal(true);
      expect(alert.closable, 'it stays until the token is regenerated').to.equal(false);
      const box = alert.shadowRoot!.querySelector<HTMLElement>('[part~="base"]')!;
      expect(box.checkVisibility() && box.getBoundingClientRect().height > 0, 'shown').to.equal(true);
      // At the top: right under the token's name, above its details.
      expect(alert.previousElementSibling!.classList.contains('title-row')).to.equal(true);
      expect(
        alert.compareDocumentPosition(root(detail).querySelector('[part="details"]')!) & Node.DOCUMENT_POSITION_FOLLOWING,
      ).to.not.equal(0);
      expect(text(alert.querySelector('h3'))).to.equal('Revoked automatically: found in a public place');
      const reported = store.get('alice', id).leak!.reported_at;
      expect(facts(detail)).to.deep.equal([
        [strings.leak.url, url],
        [strings.leak.source, SCANNER],
        [strings.leak.reported, `${dateTime(reported)} · 3 hours ago`],
      ]);
      expect(alert.querySelector('time')!.getAttribute('datetime')).to.equal(reported);
      const links = alert.querySelectorAll('a');
      expect(links).to.have.length(1);
      const link = links[0]!;
      expect(link.getAttribute('href')).to.equal(url);
      expect(text(link)).to.equal(url);
      expect(link.getAttribute('target')).to.equal('_blank');
      expect(link.getAttribute('rel')).to.equal('noopener noreferrer nofollow');
      // An address reads left to right, whatever the page's direction.
      expect(link.closest('[dir]')!.getAttribute('dir')).to.equal('ltr');
      expect(text(alert.querySelector('.leak-hint'))).to.equal(strings.leak.hint);
      expect(text(alert.querySelector('.leak-hint'))).to.match(/Regenerate it to issue a new secret/);
      // The status row says it as for any revoked token, at the report's time.
      expect(badges(detail)).to.deep.equal([strings.status.revoked]);
      expect(field(detail, strings.detail.status).querySelector('time')!.getAttribute('datetime')).to.equal(reported);
      await expectAccessible(detail);
    });

    it('an address that is not http: or https: is plain text, never a link', async () => {
      const notLinks = [
        'javascript:alert(document.domain)',
        'JavaScript:void(0)',
        'data:text/html,<b>x</b>',
        'github.com/acme/site',
        'ftp://files.example.com/key.txt',
      ];
      for (const [index, url] of notLinks.entries()) {
        const detail = await mountDetail(seedLeaked(`Leaked ${index}`, url));
        const alert = leakAlert(detail)!;
        expect(alert.querySelectorAll('a').length, url).to.equal(0);
        expect(facts(detail)[0], url).to.deep.equal([strings.leak.url, url]);
        expect(alert.querySelector('.leak-url')!.getAttribute('dir')).to.equal('ltr');
      }
      expect(attributesContaining('javascript:'), 'no attribute holds the address').to.deep.equal([]);
      expect(attributesContaining('JavaScript:')).to.deep.equal([]);
    });

    it('right to left (Arabic), the address still reads left to right, beside its label', async () => {
      await loadPatTranslation('ar');
      const url = 'https://github.com/acme/site/commit/4f2a9c1e';
      const id = seedLeaked('Leaked deploy key', url);
      const wrapper = await mount<HTMLElement>(html`<div lang="ar" dir="rtl"><pat-detail pat-id=${id}></pat-detail></div>`);
      const detail = wrapper.querySelector<PatDetail>('pat-detail')!;
      await until(() => leakAlert(detail), 'the alert', WAIT);
      const alert = leakAlert(detail)!;
      expect(text(alert.querySelector('h3'))).to.equal(ar.leak.title);
      const shown = alert.querySelector<HTMLElement>('.leak-url')!;
      expect(getComputedStyle(shown).direction).to.equal('ltr');
      expect(text(shown)).to.equal(url);
      // At the start of its value, the right in Arabic: next to its label, not across the alert.
      const [value, label] = [
        shown.closest('dd')!.getBoundingClientRect(),
        shown.closest('div')!.querySelector('dt')!.getBoundingClientRect(),
      ];
      expect(label.left).to.be.above(value.left);
      expect(Math.abs(shown.getBoundingClientRect().right - value.right)).to.be.below(1);
    });

    it('a report without where or by whom says only when', async () => {
      const detail = await mountDetail(seedLeaked('Leaked quietly', '', ''));
      expect(facts(detail).map(([label]) => label)).to.deep.equal([strings.leak.reported]);
      expect(leakAlert(detail)!.querySelectorAll('a').length).to.equal(0);
      await expectAccessible(detail);
    });

    it('a token revoked by hand, an active or an expired one has no alert', async () => {
      for (const id of [JENKINS, idOf('Leaked in support ticket'), CI, Q3]) {
        const detail = await mountDetail(id);
        expect(store.get('alice', id).leak).to.equal(null);
        expect(root(detail).querySelectorAll('[part="leak"], sl-alert').length, id).to.equal(0);
      }
    });

    it('its Regenerate, reached by keyboard, opens the regenerate dialog; the new secret ends the alert', async () => {
      const regenerated = record(document, 'pat-regenerated');
      const id = seedLeaked('Leaked deploy key', 'https://gist.github.com/someone/1a2b3c');
      const detail = await mountDetail(id);
      const link = leakAlert(detail)!.querySelector('a')!;
      link.focus();
      await sendKeys({ press: 'Tab' });
      const action = leakAlert(detail)!.querySelector<HTMLElement>('sl-button.leak-action')!;
      expect(text(action)).to.equal(strings.detail.regenerate);
      expectSame(root(detail).activeElement, action, 'the focus after the link');
      await sendKeys({ press: 'Enter' });
      const dialog = regenerateSl(detail);
      await until(() => dialog.open && composedContains(regenerateDialog(detail), deepActive()), 'the regenerate dialog', WAIT);
      const submit = regenerateDialog(detail).shadowRoot!.querySelector<HTMLElement>('[part="submit"]')!;
      const select = regenerateDialog(detail)
        .shadowRoot!.querySelector<PatDurationPicker>('pat-duration-picker')!
        .shadowRoot!.querySelector<SlSelect>('sl-select[part="preset"]')!;
      await until(() => !select.disabled && select.value === '30d', 'the presets', WAIT);
      await click(submit);
      await until(() => banner(detail), 'the secret banner', WAIT);
      expect(writes(seen)).to.deep.equal([`PATCH /api/pats/${id}/secret/reset`]);
      expect(regenerated.map((event) => event.detail.pat.id)).to.deep.equal([id]);
      await until(() => leakAlert(detail) === null, 'the alert to go', WAIT);
      expect(store.get('alice', id).leak).to.equal(null);
      expect(badges(detail)).to.deep.equal([strings.status.active]);
      await closed(dialog);
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('revoke', () => {
    it('asks first, warning that anything using the token stops working', async () => {
      const detail = await mountDetail(CI);
      await opened(confirmSl(detail), () => click(button(field(detail, strings.detail.status), strings.detail.revoke)));
      expect(confirmSl(detail).label).to.equal(strings.confirm.revokeTitle);
      const message = text(confirmPart(detail, 'message'));
      expect(message).to.include('"CI deploy"');
      expect(message).to.match(/stop working/);
      expect(message).to.match(/every script, job or service using it/);
      expect(text(confirmPart(detail, 'confirm'))).to.equal(strings.confirm.revokeConfirm);
      expect(writes(seen)).to.deep.equal([]);
      await expectAccessible(detail);
    });

    it('confirming revokes it: status Revoked, a Regenerate button, pat-revoked', async () => {
      const revoked = record(document, 'pat-revoked');
      const detail = await mountDetail(CI);
      await opened(confirmSl(detail), () => click(button(field(detail, strings.detail.status), strings.detail.revoke)));
      await click(confirmPart(detail, 'confirm'));
      await until(() => badges(detail)[0] === strings.status.revoked, 'the Revoked badge', WAIT);
      expect(writes(seen)).to.deep.equal([`PATCH /api/pats/${CI}/secret/revoke`]);
      expect(store.get('alice', CI).status).to.equal('revoked');
      const status = field(detail, strings.detail.status);
      expect(buttonIn(status, strings.detail.regenerate)).to.exist;
      expect(buttonIn(status, strings.detail.revoke)).to.equal(undefined);
      expect(revoked.map((event) => event.detail)).to.deep.equal([{ id: CI }]);
      await closed(confirmSl(detail));
    });

    it('after revoking, focus is on the Regenerate button that took the place of Revoke', async () => {
      const detail = await mountDetail(CI);
      await opened(confirmSl(detail), () => click(button(field(detail, strings.detail.status), strings.detail.revoke)));
      await click(confirmPart(detail, 'confirm'));
      await until(() => buttonIn(field(detail, strings.detail.status), strings.detail.regenerate), 'the Regenerate button', WAIT);
      await closed(confirmSl(detail));
      await until(
        () => root(detail).activeElement === buttonIn(field(detail, strings.detail.status), strings.detail.regenerate),
        'focus on Regenerate',
        WAIT,
      );
    });

    it("inside another element's shadow root too, focus lands on Regenerate after revoking", async () => {
      const host = await mount<TestDetailHost>(html`<test-detail-host pat-id=${CI}></test-detail-host>`);
      await until(() => host.shadowRoot!.querySelector('pat-detail'), 'the detail', WAIT);
      const detail = host.shadowRoot!.querySelector<PatDetail>('pat-detail')!;
      await until(() => title(detail) === 'CI deploy', 'the PAT', WAIT);
      await opened(confirmSl(detail), () => click(button(field(detail, strings.detail.status), strings.detail.revoke)));
      await click(confirmPart(detail, 'confirm'));
      await until(() => buttonIn(field(detail, strings.detail.status), strings.detail.regenerate), 'the Regenerate button', WAIT);
      await closed(confirmSl(detail));
      await until(
        () => root(detail).activeElement === buttonIn(field(detail, strings.detail.status), strings.detail.regenerate),
        'focus on Regenerate',
        WAIT,
      );
    });

    it('cancelling changes nothing', async () => {
      const revoked = record(document, 'pat-revoked');
      const detail = await mountDetail(CI);
      const revoke = button(field(detail, strings.detail.status), strings.detail.revoke);
      await opened(confirmSl(detail), () => click(revoke));
      await click(confirmPart(detail, 'cancel'));
      await closed(confirmSl(detail));
      expect(writes(seen)).to.deep.equal([]);
      expect(store.get('alice', CI).status).to.equal('active');
      expect(badges(detail)).to.deep.equal([strings.status.active]);
      expect(revoked).to.have.length(0);
      expect(root(detail).activeElement).to.equal(revoke);
    });

    it('a host that calls preventDefault() on pat-request-revoke gets no dialog', async () => {
      const requests: CustomEvent[] = [];
      const veto = (event: Event) => {
        requests.push(event as CustomEvent);
        event.preventDefault();
      };
      document.addEventListener('pat-request-revoke', veto);
      cleanups.push(() => document.removeEventListener('pat-request-revoke', veto));
      const detail = await mountDetail(CI);
      await click(button(field(detail, strings.detail.status), strings.detail.revoke));
      await elapse(400, 'a vetoed pat-request-revoke must open no dialog and send no request');
      expect(requests.map((event) => event.detail)).to.deep.equal([{ id: CI, name: 'CI deploy' }]);
      expect(confirmSl(detail).open).to.equal(false);
      expect(writes(seen)).to.deep.equal([]);
      expect(store.get('alice', CI).status).to.equal('active');
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('regenerate', () => {
    async function openRegenerate(detail: PatDetail): Promise<HTMLElement> {
      const trigger = button(field(detail, strings.detail.status), strings.detail.regenerate);
      await opened(regenerateSl(detail), () => click(trigger));
      const select = picker(detail).shadowRoot!.querySelector<SlSelect>('sl-select[part="preset"]')!;
      await until(() => !select.disabled && select.value === '30d', 'the presets', WAIT);
      return trigger;
    }

    function picker(detail: PatDetail): PatDurationPicker {
      return regenerateDialog(detail).shadowRoot!.querySelector<PatDurationPicker>('pat-duration-picker')!;
    }

    async function choosePreset(detail: PatDetail, preset: string): Promise<void> {
      const select = picker(detail).shadowRoot!.querySelector<SlSelect>('sl-select[part="preset"]')!;
      await until(() => !select.disabled && select.querySelectorAll('sl-option').length > 1, 'the presets', WAIT);
      await chooseOne(select, preset);
    }

    function submit(detail: PatDetail): HTMLElement {
      return regenerateDialog(detail).shadowRoot!.querySelector<HTMLElement>('[part="submit"]')!;
    }

    it('the dialog asks for a new duration and moves focus into itself', async () => {
      const detail = await mountDetail(JENKINS);
      await openRegenerate(detail);
      const dialog = regenerateSl(detail);
      expect(dialog.label).to.equal(strings.regenerate.title);
      expect(text(regenerateDialog(detail).shadowRoot!.querySelector('.text'))).to.equal(strings.regenerate.text('Old Jenkins pipeline'));
      expect(picker(detail)).to.exist;
      expect(composedContains(regenerateDialog(detail), deepActive())).to.equal(true);
      expect(writes(seen)).to.deep.equal([]);
    });

    it('regenerates a revoked PAT with the chosen preset: new secret shown, active, the rest unchanged, pat-regenerated', async () => {
      const regenerated = record(document, 'pat-regenerated');
      const detail = await mountDetail(JENKINS);
      const before = store.get('alice', JENKINS);
      const scopesBefore = storeScopes(store, JENKINS);
      const rowsBefore = scopeRows(detail);
      await openRegenerate(detail);
      await choosePreset(detail, '7d');
      const started = Date.now();
      await click(submit(detail));
      await until(() => banner(detail), 'the secret banner', WAIT);

      expect(writes(seen)).to.deep.equal([`PATCH /api/pats/${JENKINS}/secret/reset`]);
      expect(await bodyOf(seen, 'PATCH', `/api/pats/${JENKINS}/secret/reset`)).to.deep.equal({ duration: '7d' });
      const secret = banner(detail)!.secret;
      expect(secret).to.match(SECRET_RE);
      expect(secret).to.match(SECRET_PATTERN);
      expect(text(banner(detail)!.shadowRoot!.querySelector('[part="secret"]'))).to.equal(secret);
      expect(regenerated).to.have.length(1);
      expect(regenerated[0]!.detail.pat.secret).to.equal(secret);
      expect(regenerated[0]!.detail.pat.id).to.equal(JENKINS);

      await until(() => badges(detail)[0] === strings.status.active, 'the Active badge', WAIT);
      const after = store.get('alice', JENKINS);
      expect(after.status).to.equal('active');
      expect(Date.parse(after.expires_at) - started).to.be.within(7 * 86400e3 - 60e3, 7 * 86400e3 + 60e3);
      expect(after.name).to.equal(before.name);
      expect(after.description).to.equal(before.description);
      expect(storeScopes(store, JENKINS)).to.deep.equal(scopesBefore);
      expect(title(detail)).to.equal('Old Jenkins pipeline');
      expect(value(detail, strings.detail.description)).to.equal(before.description);
      await until(() => !scopesBusy(detail), 'the scopes', WAIT);
      expect(scopeRows(detail)).to.deep.equal(rowsBefore);
      expect(buttonIn(field(detail, strings.detail.status), strings.detail.revoke)).to.exist;
      await closed(regenerateSl(detail));
    });

    it('after regenerating, focus is on the copy button of the new secret', async () => {
      const detail = await mountDetail(JENKINS);
      await openRegenerate(detail);
      await click(submit(detail));
      await until(() => banner(detail), 'the secret banner', WAIT);
      await closed(regenerateSl(detail));
      const copy = banner(detail)!.shadowRoot!.querySelector('sl-copy-button')!;
      await until(() => deepActive() === copy.shadowRoot!.querySelector('button'), 'focus on the copy button', WAIT);
    });

    it('a new secret: Created stays, Secret issued is now, and Secret last used is "never" (the use was the old secret’s)', async () => {
      const detail = await mountDetail(JENKINS);
      const before = store.get('alice', JENKINS);
      expect(value(detail, strings.detail.lastUsed)).to.equal(`${dateTime(before.last_used_at!)} · 46 days ago from 10.0.4.9`);
      const createdBefore = value(detail, strings.detail.created);
      expect(createdBefore).to.equal(`${dateTime(before.created_at)} · 7 months ago`);
      await openRegenerate(detail);
      await click(submit(detail));
      await until(() => banner(detail) && badges(detail)[0] === strings.status.active, 'the banner and the Active badge', WAIT);
      await until(() => value(detail, strings.detail.lastUsed) === strings.never, 'Secret last used: never', WAIT);

      const after = store.get('alice', JENKINS);
      expect([after.created_at, after.last_used_at, after.last_used_ip]).to.deep.equal([before.created_at, null, null]);
      expect(shownTime(detail, strings.detail.created)).to.deep.equal({ datetime: before.created_at, text: dateTime(before.created_at) });
      expect(value(detail, strings.detail.created), 'Created does not move').to.equal(createdBefore);
      expect(field(detail, strings.detail.lastUsed).querySelector('time'), 'no time for a secret never used').to.equal(null);
      expect(shownTime(detail, strings.detail.issued)!.datetime).to.equal(after.issued_at);
      expect(after.issued_at).to.not.equal(before.issued_at);
      expect(value(detail, strings.detail.issued)).to.match(/ · (now|\d+ seconds? ago)$/);
      expect(shownTime(detail, strings.detail.updated)!.datetime).to.equal(after.updated_at);
      await closed(regenerateSl(detail));
    });

    it('regenerates an expired PAT', async () => {
      const detail = await mountDetail(Q3);
      await openRegenerate(detail);
      await choosePreset(detail, '90d');
      await click(submit(detail));
      await until(() => banner(detail) && badges(detail)[0] === strings.status.active, 'the banner and the Active badge', WAIT);
      expect(await bodyOf(seen, 'PATCH', `/api/pats/${Q3}/secret/reset`)).to.deep.equal({ duration: '90d' });
      expect(banner(detail)!.secret).to.match(SECRET_RE);
      expect(store.get('alice', Q3).status).to.equal('active');
      expect(text(field(detail, strings.detail.status).querySelector('time'))).to.match(/^Expires /);
    });

    it('a token that expired unused keeps its idle limit: active again, it expires 30 days after its new secret unless used', async () => {
      ({ worker, store } = await useMockApi('idle'));
      seen = watch(worker);
      const id = idOf('Legacy importer');
      const detail = await mountDetail(id);
      await openRegenerate(detail);
      await choosePreset(detail, '90d');
      await click(submit(detail));
      await until(() => banner(detail) && badges(detail)[0] === strings.status.active, 'the banner and the Active badge', WAIT);
      expect(await bodyOf(seen, 'PATCH', `/api/pats/${id}/secret/reset`)).to.deep.equal({ duration: '90d' });
      const after = store.get('alice', id);
      expect(after).to.include({ status: 'active', max_idle: '30d', expired_reason: null });
      await until(() => value(detail, strings.idle.detailLabel).startsWith('30 days · Expires on'), 'the limit and its new end', WAIT);
      expect(text(field(detail, strings.detail.status).querySelector('time'))).to.equal('Expires in 30 days if unused');
      expect(field(detail, strings.detail.status).querySelector('.status-note'), 'no longer expired').to.equal(null);
      await closed(regenerateSl(detail));
    });

    it('Cancel sends nothing and gives focus back to the Regenerate button', async () => {
      const regenerated = record(document, 'pat-regenerated');
      const detail = await mountDetail(JENKINS);
      const trigger = await openRegenerate(detail);
      await click(regenerateDialog(detail).shadowRoot!.querySelector<HTMLElement>('[slot="footer"] sl-button:not([part="submit"])')!);
      await closed(regenerateSl(detail));
      expect(writes(seen)).to.deep.equal([]);
      expect(store.get('alice', JENKINS).status).to.equal('revoked');
      expect(banner(detail)).to.equal(null);
      expect(regenerated).to.have.length(0);
      await until(() => root(detail).activeElement === trigger, 'focus on the trigger', WAIT);
    });

    it('Escape sends nothing and gives focus back to the Regenerate button', async () => {
      const detail = await mountDetail(Q3);
      const trigger = await openRegenerate(detail);
      await sendKeys({ press: 'Escape' });
      await closed(regenerateSl(detail));
      expect(writes(seen)).to.deep.equal([]);
      expect(store.get('alice', Q3).status).to.equal('expired');
      expect(banner(detail)).to.equal(null);
      await until(() => root(detail).activeElement === trigger, 'focus on the trigger', WAIT);
    });

    it('a server error shows in the dialog, which stays open', async () => {
      const errors = record(document, 'pat-error');
      failWhile(worker, 'patch', `/api/pats/${JENKINS}/secret/reset`);
      const detail = await mountDetail(JENKINS);
      await openRegenerate(detail);
      await click(submit(detail));
      await until(() => regenerateDialog(detail).shadowRoot!.querySelector('sl-alert'), 'the error', WAIT);
      expect(text(regenerateDialog(detail).shadowRoot!.querySelector('sl-alert'))).to.equal(strings.errors.server);
      await elapse(200, 'after a server error the regenerate dialog must stay open');
      expect(regenerateSl(detail).open).to.equal(true);
      expect(banner(detail)).to.equal(null);
      expect(store.get('alice', JENKINS).status).to.equal('revoked');
      expect(badges(detail)).to.deep.equal([strings.status.revoked]);
      expect(errors.map((event) => event.detail.action)).to.deep.equal(['regenerate']);
      await expectAccessible(detail);
    });

    it('is accessible with the dialog open', async () => {
      const detail = await mountDetail(Q3);
      await openRegenerate(detail);
      await expectAccessible(detail);
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('the action property', () => {
    it('action="add-scope" opens the Add Scope dialog once the PAT is loaded', async () => {
      const detail = await mount<PatDetail>(html`<pat-detail pat-id=${CI} action="add-scope"></pat-detail>`);
      await until(() => addScopeSl(detail).open, 'the Add Scope dialog', WAIT);
      expect(title(detail)).to.equal('CI deploy');
      await until(() => scopeEditor(detail).shadowRoot!.querySelectorAll('fieldset').length === 1, 'one empty scope row', WAIT);
    });

    it('action="regenerate" on an expired PAT opens the regenerate dialog', async () => {
      const detail = await mount<PatDetail>(html`<pat-detail pat-id=${Q3} action="regenerate"></pat-detail>`);
      await until(() => regenerateSl(detail).open, 'the regenerate dialog', WAIT);
      expect(title(detail)).to.equal('Q3 data export');
      expect(text(regenerateDialog(detail).shadowRoot!.querySelector('.text'))).to.include('Q3 data export');
    });

    it('action="regenerate" on an active PAT opens nothing', async () => {
      const detail = await mount<PatDetail>(html`<pat-detail pat-id=${CI} action="regenerate"></pat-detail>`);
      await until(() => title(detail) === 'CI deploy', 'the PAT', WAIT);
      await elapse(400, 'action="regenerate" on an active PAT must open no dialog and send no request');
      expect(regenerateSl(detail).open).to.equal(false);
      expect(writes(seen)).to.deep.equal([]);
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('every width', () => {
    afterEach(() => setViewport({ width: 800, height: 600 }));

    /** The Expires/status field: where its label and value sit. */
    const statusBoxes = (detail: PatDetail) => {
      const status = field(detail, strings.detail.status);
      return { label: status.querySelector('dt')!.getBoundingClientRect(), value: status.querySelector('dd')!.getBoundingClientRect() };
    };

    it('on a phone a label sits over its value, which has the width, and nothing widens the page', async () => {
      await setViewport({ width: 375, height: 800 });
      const detail = await mountDetail(CI);
      const { label, value } = statusBoxes(detail);
      expect(value.top, 'the value under its label').to.be.at.least(label.bottom - 1);
      expect(value.width, 'the value has most of the width').to.be.above(200);
      expect(document.documentElement.scrollWidth).to.be.at.most(innerWidth);
    });

    it('wide, the label and the value share a line', async () => {
      await setViewport({ width: 1280, height: 800 });
      const detail = await mountDetail(CI);
      const { label, value } = statusBoxes(detail);
      expect(value.left, 'the value beside its label').to.be.at.least(label.right);
      expect(Math.abs(value.top - label.top)).to.be.below(20);
    });
  });

  describe('the one-time secret', () => {
    const SECRET = 'pat_0123456789ABCDEFGHIJKL_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVW';

    it('.secret shows the banner', async () => {
      const detail = await mount<PatDetail>(html`<pat-detail pat-id=${CI} .secret=${SECRET}></pat-detail>`);
      await until(() => title(detail) === 'CI deploy', 'the PAT', WAIT);
      expect(banner(detail)).to.exist;
      expect(banner(detail)!.secret).to.equal(SECRET);
      expect(detail.hasAttribute('secret')).to.equal(false);
    });

    it('is accessible with the banner', async () => {
      const detail = await mount<PatDetail>(html`<pat-detail pat-id=${CI} .secret=${SECRET}></pat-detail>`);
      await until(() => title(detail) === 'CI deploy' && !scopesBusy(detail) && scopeRows(detail).length > 0, 'the PAT', WAIT);
      await expectAccessible(detail);
    });

    it('is gone once the PAT is revoked: a secret that no longer works leaves the page', async () => {
      const detail = await mount<PatDetail>(html`<pat-detail pat-id=${CI} .secret=${SECRET}></pat-detail>`);
      await until(() => title(detail) === 'CI deploy', 'the PAT', WAIT);
      expect(banner(detail)).to.exist;
      await opened(confirmSl(detail), () => click(button(field(detail, strings.detail.status), strings.detail.revoke)));
      await click(confirmPart(detail, 'confirm'));
      await until(() => badges(detail)[0] === strings.status.revoked, 'the Revoked badge', WAIT);
      expect(banner(detail)).to.equal(null);
      expect(detail.secret).to.equal('');
      expect(detail.shadowRoot!.innerHTML).not.to.include(SECRET);
      await closed(confirmSl(detail));
    });

    it('is gone once pat-id changes to another PAT', async () => {
      const detail = await mount<PatDetail>(html`<pat-detail pat-id=${CI} .secret=${SECRET}></pat-detail>`);
      await until(() => title(detail) === 'CI deploy', 'the PAT', WAIT);
      detail.setAttribute('pat-id', GRAFANA);
      await until(() => title(detail) === 'Grafana dashboards read-only', 'the other PAT', WAIT);
      expect(banner(detail)).to.equal(null);
      expect(detail.secret).to.equal('');
      // And coming back does not bring it back.
      detail.setAttribute('pat-id', CI);
      await until(() => title(detail) === 'CI deploy', 'the first PAT again', WAIT);
      expect(banner(detail)).to.equal(null);
    });

    it('a new pat-id and a new secret set together show the new secret', async () => {
      const detail = await mountDetail(CI);
      detail.patId = GRAFANA;
      detail.secret = SECRET;
      await until(() => title(detail) === 'Grafana dashboards read-only', 'the other PAT', WAIT);
      expect(banner(detail)?.secret).to.equal(SECRET);
    });

    it('never appears in an attribute anywhere in the tree, the URL or storage', async () => {
      const detail = await mountDetail(JENKINS);
      const hrefBefore = location.href;
      await opened(regenerateSl(detail), () => click(button(field(detail, strings.detail.status), strings.detail.regenerate)));
      await click(regenerateDialog(detail).shadowRoot!.querySelector<HTMLElement>('[part="submit"]')!);
      await until(() => banner(detail) && badges(detail)[0] === strings.status.active, 'the banner', WAIT);
      const secret = banner(detail)!.secret;
      expect(secret).to.match(SECRET_RE);
      expect(text(banner(detail)!.shadowRoot!.querySelector('[part="secret"]'))).to.equal(secret);
      const random = secret.slice(27);
      expect(attributesContaining(random), 'attributes').to.deep.equal([]);
      expect(location.href).to.equal(hrefBefore);
      expect(storedCopies(random), 'the URL, storage and cookies').to.deep.equal([]);
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('scopes', () => {
    it('lists the scopes in the editor’s order: entity type, operation, "All" for *, "Any domain" for none', async () => {
      const detail = await mountDetail(CI);
      expect(scopeRows(detail)).to.deep.equal(storeScopes(store, CI).map(asRow));
      expect(scopeRows(detail)).to.deep.include(['Channels', 'create', strings.scopes.all, strings.scopes.anyDomain]);
      const headers = [...root(detail).querySelectorAll('[part="scopes-table"] thead th')].map((th) => text(th));
      expect(headers.slice(0, 4)).to.deep.equal([strings.scopes.entityType, strings.scopes.operation, strings.scopes.entity, 'Domain']);
    });

    it('shows specific entities and domains as they are', async () => {
      const detail = await mountDetail(TERRAFORM);
      expect(scopeRows(detail)).to.deep.equal(storeScopes(store, TERRAFORM).map(asRow));
      expect(scopeRows(detail)).to.deep.include(['Domains', 'read', 'd-prod-eu', strings.scopes.anyDomain]);
      expect(scopeRows(detail)).to.deep.include(['Channels', 'create', strings.scopes.all, 'd-prod-eu']);
      // No entity lookup: the id alone, as it is.
      const ids = [...root(detail).querySelectorAll<HTMLTableRowElement>('[part="scopes-table"] tbody tr')]
        .map((row) => row.querySelectorAll('td')[2]!)
        .filter((cell) => text(cell) !== strings.scopes.all);
      expect(ids.map((cell) => [cell.className, text(cell), cell.children.length])).to.deep.equal([
        ['mono', 'd-prod-eu', 0],
        ['mono', 'd-prod-eu', 0],
      ]);
      expect(root(detail).querySelectorAll('td.entity-name')).to.have.length(0);
    });

    it('a PAT without scopes says so, with Delete all scopes disabled', async () => {
      const detail = await mountDetail(LOCAL);
      expect(scopesState(detail)).to.equal(strings.scopes.none);
      expect(strings.detail.deleteAllScopes).to.equal('Delete all scopes');
      expect(button(root(detail), 'Delete all scopes').hasAttribute('disabled')).to.equal(true);
      expect(button(root(detail), 'Add scopes').hasAttribute('disabled')).to.equal(false);
    });

    it('pages through more than 10 scopes', async () => {
      store.addScopes(
        'alice',
        CI,
        Array.from({ length: 15 }, (_, i) => ({
          entity_type: 'clients',
          operation: 'read',
          entity_id: `c-${String(i + 1).padStart(2, '0')}`,
          domain_id: null,
        })),
      );
      const all = storeScopes(store, CI);
      expect(all).to.have.length(19);
      const detail = await mountDetail(CI);
      expect(scopeRows(detail)).to.deep.equal(all.slice(0, 10).map(asRow));
      const footer = root(detail).querySelector('[part="scopes"] .footer')!;
      expect(text(footer)).to.include(strings.table.range(1, 10, 19));
      expect(text(footer)).to.include(strings.table.pageOf(1, 2));
      const previous = footer.querySelector<HTMLElement & { disabled: boolean }>(`sl-icon-button[label="${strings.table.previousPage}"]`)!;
      const next = footer.querySelector<HTMLElement & { disabled: boolean }>(`sl-icon-button[label="${strings.table.nextPage}"]`)!;
      expect(previous.disabled).to.equal(true);
      expect(next.disabled).to.equal(false);

      await click(next);
      await until(
        () => JSON.stringify(scopeRows(detail)) === JSON.stringify(all.slice(10).map(asRow)) && !scopesBusy(detail),
        'page 2',
        WAIT,
      );
      expect(text(footer)).to.include(strings.table.range(11, 19, 19));
      expect(text(footer)).to.include(strings.table.pageOf(2, 2));
      expect(next.disabled).to.equal(true);
      expect(previous.disabled).to.equal(false);
      const pages = seen.filter((request) => request.method === 'GET' && request.path === `/api/pats/${CI}/scope`);
      expect(pages.length).to.be.greaterThan(1);

      await click(previous);
      await until(
        () => JSON.stringify(scopeRows(detail)) === JSON.stringify(all.slice(0, 10).map(asRow)) && !scopesBusy(detail),
        'page 1 again',
        WAIT,
      );
    });

    describe('entity names from the host’s lookup', () => {
      /** What the lookup was asked, as `type:query`. */
      let asked: string[];
      beforeEach(() => (asked = []));

      /** The demo portal's entities, every match of the query with the exact id last: the page must take that one, not the first. */
      const demoLookup: EntityLookup = async (type, query) => {
        asked.push(`${type}:${query}`);
        return [...findDemoEntities(type, query)].reverse();
      };

      async function mountWithLookup(id: string, entityLookup: EntityLookup): Promise<PatDetail> {
        const detail = await mount<PatDetail>(html`<pat-detail pat-id=${id} .entityLookup=${entityLookup}></pat-detail>`);
        await until(() => title(detail) !== '' && scopeRows(detail).length > 0 && !scopesBusy(detail), 'the PAT and its scopes', WAIT);
        return detail;
      }

      const NAMES: Record<string, string> = {
        'channels:ch-alarms': 'Alarms',
        'messages:ch-alarms': 'Alarm messages',
        'messages:ch-alarms-eu': 'Alarm messages (EU)',
      };

      it('shows each entity’s name with its id beneath, asking once per id and taking the exact match', async () => {
        // A wildcard (nothing to look up) and an id the lookup only half matches (cl-gateway-01, -02).
        store.addScopes('alice', ALERTING, [
          { entity_type: 'dashboards', operation: 'read', entity_id: '*', domain_id: null },
          { entity_type: 'clients', operation: 'read', entity_id: 'cl-gateway', domain_id: null },
        ]);
        const detail = await mountWithLookup(ALERTING, demoLookup);
        await until(() => root(detail).querySelectorAll('td.entity-name').length === 3, 'the three names', WAIT);
        const expected = storeScopes(store, ALERTING).map((scope) => {
          const name = NAMES[`${scope.entity_type}:${scope.entity_id}`];
          const entity = scope.entity_id === '*' ? strings.scopes.all : name ? `${name} / ${scope.entity_id}` : scope.entity_id;
          return [typeLabel(scope.entity_type), scope.operation, entity];
        });
        const shown = () =>
          [...root(detail).querySelectorAll<HTMLTableRowElement>('[part="scopes-table"] tbody tr')].map((row) => {
            const cells = row.querySelectorAll('td');
            return [text(cells[0]), text(cells[1]), entityShown(cells[2]!)];
          });
        expect(shown()).to.deep.equal(expected);
        expect(shown()).to.deep.include(['Channels', 'read', 'Alarms / ch-alarms']);
        expect(shown()).to.deep.include(['Messages', 'subscribe', 'Alarm messages (EU) / ch-alarms-eu']);
        expect(shown(), 'no exact match: the id alone').to.deep.include(['Clients', 'read', 'cl-gateway']);
        expect(entityCell(detail, 'cl-gateway').className).to.equal('mono');
        expect(asked).to.have.members(['channels:ch-alarms', 'messages:ch-alarms', 'messages:ch-alarms-eu', 'clients:cl-gateway']);
        expect(asked, 'once per entity, never for "*"').to.have.length(4);

        // The id sits beneath the name.
        const cell = entityCell(detail, 'ch-alarms', 'Channels');
        expect(cell.className).to.equal('entity-name');
        const nameNode = [...cell.childNodes].find((node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim())!;
        expect(nameNode.textContent).to.equal('Alarms');
        const nameRange = document.createRange();
        nameRange.selectNodeContents(nameNode);
        const id = cell.querySelector('span.mono')!;
        expect(id.getBoundingClientRect().top, 'the id under the name').to.be.at.least(nameRange.getBoundingClientRect().bottom - 1);
        expect(text(root(detail).querySelector('[part="scopes-table"]')), 'ids in full, never cut').to.include('ch-alarms-eu');
        await expectAccessible(detail);

        // The scopes load again after a delete: nothing is asked again, the names stay.
        await opened(confirmSl(detail), () => click(trashFor(detail, ['Clients', 'read', 'cl-gateway', strings.scopes.anyDomain])));
        await click(confirmPart(detail, 'confirm'));
        await until(() => scopeRows(detail).length === expected.length - 1 && !scopesBusy(detail), 'the scope gone', WAIT);
        await closed(confirmSl(detail));
        expect(shown()).to.deep.include(['Channels', 'read', 'Alarms / ch-alarms']);
        expect(root(detail).querySelectorAll('td.entity-name')).to.have.length(3);
        expect(asked).to.have.length(4);
      });

      it('a lookup the host sets after the scopes loaded names them at once', async () => {
        const detail = await mount<PatDetail>(html`<pat-detail pat-id=${ALERTING}></pat-detail>`);
        await until(() => title(detail) !== '' && scopeRows(detail).length > 0 && !scopesBusy(detail), 'the PAT and its scopes', WAIT);
        expect(root(detail).querySelectorAll('td.entity-name')).to.have.length(0);
        detail.entityLookup = demoLookup;
        await until(() => root(detail).querySelectorAll('td.entity-name').length === 3, 'the names', WAIT);
        expect(asked).to.have.members(['channels:ch-alarms', 'messages:ch-alarms', 'messages:ch-alarms-eu']);
      });

      it('an id the lookup cannot name, or a lookup that fails, leaves the id alone', async () => {
        const lookup: EntityLookup = async (type, query) => {
          asked.push(`${type}:${query}`);
          if (type === 'messages') throw new Error('the directory is down');
          // Only a near miss for channels.
          return type === 'channels' ? [{ id: `${query}-eu`, name: 'Alarms (EU)' }] : [];
        };
        const detail = await mountWithLookup(ALERTING, lookup);
        await until(() => asked.length === 3, 'the lookups', WAIT);
        await elapse(200, 'no name may come for an id the lookup could not name');
        expect(asked).to.have.members(['channels:ch-alarms', 'messages:ch-alarms', 'messages:ch-alarms-eu']);
        expect(root(detail).querySelectorAll('td.entity-name')).to.have.length(0);
        expect(scopeRows(detail)).to.deep.equal(storeScopes(store, ALERTING).map(asRow));
        for (const [type, id] of [
          ['Channels', 'ch-alarms'],
          ['Messages', 'ch-alarms'],
          ['Messages', 'ch-alarms-eu'],
        ] as const) {
          expect(entityCell(detail, id, type).className, `${type} ${id}`).to.equal('mono');
        }
      });
    });

    describe('Add Scope', () => {
      async function openAddScope(detail: PatDetail): Promise<PatScopeEditor> {
        await opened(addScopeSl(detail), () => click(button(root(detail), strings.detail.addScope)));
        const editorElement = scopeEditor(detail);
        await until(() => editorElement.shadowRoot!.querySelectorAll('fieldset').length === 1, 'one scope row', WAIT);
        const [typeSelect] = editorElement.shadowRoot!.querySelectorAll<SlSelect>('fieldset sl-select');
        await until(() => typeSelect!.querySelectorAll('sl-option').length > 0, 'the catalog', WAIT);
        return editorElement;
      }

      /** Fills the only row: type, operations, and entity ids (or All). */
      async function fillRow(detail: PatDetail, type: string, operations: string[], ids: string[] = []): Promise<void> {
        await fillOnlyScopeRow(addScopeSl(detail), type, operations, ids);
      }

      function addButton(detail: PatDetail): HTMLElement {
        return button(addScopeSl(detail), strings.detail.addScopeSubmit);
      }

      it('opens with one empty row, names the token it adds to, and is accessible', async () => {
        const detail = await mountDetail(CI);
        expect(strings.detail.addScope).to.equal('Add scopes');
        await openAddScope(detail);
        expect(addScopeSl(detail).label).to.equal(strings.detail.addScopeTitle('CI deploy'));
        expect(addScopeSl(detail).label).to.equal('Add scopes to “CI deploy”');
        expect(text(addButton(detail))).to.equal('Add scopes');
        expect(strings.detail.addScopeSubmit).to.equal('Add scopes');
        await expectAccessible(detail);
      });

      it('names the token as it is now, after a rename', async () => {
        const detail = await mountDetail(CI);
        await startEditing(detail, 'name');
        await replaceText('CI deploy (prod)');
        await sendKeys({ press: 'Enter' });
        await until(() => title(detail) === 'CI deploy (prod)', 'the new title', WAIT);
        await openAddScope(detail);
        expect(addScopeSl(detail).label).to.equal('Add scopes to “CI deploy (prod)”');
      });

      it('adding a scope sends scope/add, updates the rows and fires pat-scopes-changed with all scopes', async () => {
        const changed = record(document, 'pat-scopes-changed');
        const detail = await mountDetail(CI);
        await openAddScope(detail);
        await fillRow(detail, 'groups', ['read'], ['g-42']);
        await click(addButton(detail));
        await closed(addScopeSl(detail));
        expect(writes(seen)).to.deep.equal([`PATCH /api/pats/${CI}/scope/add`]);
        expect(await bodyOf(seen, 'PATCH', `/api/pats/${CI}/scope/add`)).to.deep.equal({
          scopes: [{ entity_type: 'groups', operation: 'read', entity_id: 'g-42', domain_id: null }],
        });
        const all = storeScopes(store, CI);
        expect(all).to.have.length(5);
        await until(() => scopeRows(detail).length === 5 && !scopesBusy(detail), 'five rows', WAIT);
        expect(scopeRows(detail)).to.deep.equal(all.map(asRow));
        expect(scopeRows(detail)).to.deep.include(['Groups', 'read', 'g-42', strings.scopes.anyDomain]);
        expect(changed).to.have.length(1);
        expect(changed[0]!.detail.id).to.equal(CI);
        expect(changed[0]!.detail.scopes).to.deep.equal(all);
      });

      it('a wildcard scope for several operations is added as one scope per operation', async () => {
        const detail = await mountDetail(LOCAL);
        await openAddScope(detail);
        await fillRow(detail, 'clients', ['read', 'list']);
        await click(addButton(detail));
        await closed(addScopeSl(detail));
        const body = (await bodyOf(seen, 'PATCH', `/api/pats/${LOCAL}/scope/add`)) as { scopes: unknown[] };
        expect(body.scopes).to.have.deep.members([
          { entity_type: 'clients', operation: 'read', entity_id: '*', domain_id: null },
          { entity_type: 'clients', operation: 'list', entity_id: '*', domain_id: null },
        ]);
        await until(() => scopeRows(detail).length === 2, 'two rows', WAIT);
        expect(scopeRows(detail)).to.deep.equal(storeScopes(store, LOCAL).map(asRow));
        expect(button(root(detail), strings.detail.deleteAllScopes).hasAttribute('disabled')).to.equal(false);
      });

      it('a server 400 on scopes[0].operation shows on the row and keeps the dialog open', async () => {
        const changed = record(document, 'pat-scopes-changed');
        worker.use(
          http.patch(`/api/pats/${CI}/scope/add`, () =>
            HttpResponse.json(
              {
                error: 'validation_failed',
                message: 'Invalid request: scopes[0].operation must be one of list, read for groups.',
                details: [{ field: 'scopes[0].operation', message: 'must be one of list, read for groups' }],
              },
              { status: 400 },
            ),
          ),
        );
        const detail = await mountDetail(CI);
        await openAddScope(detail);
        await fillRow(detail, 'groups', ['delete']);
        await click(addButton(detail));
        const rowErrors = () => text(scopeEditor(detail).shadowRoot!.querySelector('fieldset .row-errors'));
        await until(() => rowErrors(), 'the row error', WAIT);
        expect(rowErrors()).to.include('operation must be one of list, read for groups');
        await elapse(200, 'after a 400 the Add Scope dialog must stay open');
        expect(addScopeSl(detail).open).to.equal(true);
        expect(text(addScopeSl(detail).querySelector('sl-alert'))).to.equal(
          'Invalid request: scopes[0].operation must be one of list, read for groups.',
        );
        expect(storeScopes(store, CI)).to.have.length(4);
        expect(scopeRows(detail)).to.have.length(4);
        expect(changed).to.have.length(0);
        await expectAccessible(detail);
      });

      it('Cancel adds nothing', async () => {
        const detail = await mountDetail(CI);
        await openAddScope(detail);
        await fillRow(detail, 'groups', ['read']);
        await click(button(addScopeSl(detail), strings.cancel));
        await closed(addScopeSl(detail));
        expect(writes(seen)).to.deep.equal([]);
        expect(storeScopes(store, CI)).to.have.length(4);
      });

      it('opens with a fresh empty row every time', async () => {
        const detail = await mountDetail(CI);
        await openAddScope(detail);
        await fillRow(detail, 'groups', ['read']);
        await click(button(addScopeSl(detail), strings.cancel));
        await closed(addScopeSl(detail));
        await openAddScope(detail);
        const [typeSelect] = scopeEditor(detail).shadowRoot!.querySelectorAll<SlSelect>('fieldset sl-select');
        expect(typeSelect!.value).to.equal('');
      });

      it('gives focus back to the Add Scope button when it closes', async () => {
        const detail = await mountDetail(CI);
        const trigger = button(root(detail), strings.detail.addScope);
        await openAddScope(detail);
        await sendKeys({ press: 'Escape' });
        await closed(addScopeSl(detail));
        await until(() => root(detail).activeElement === trigger, 'focus on Add Scope', WAIT);
      });
    });

    describe('deleting scopes', () => {
      const UPDATE_CHANNELS = ['Channels', 'update', strings.scopes.all, strings.scopes.anyDomain];

      it('the trash icon asks, naming the scope, then removes that scope', async () => {
        const changed = record(document, 'pat-scopes-changed');
        const detail = await mountDetail(CI);
        const scope = storeScopes(store, CI).find((candidate) => candidate.entity_type === 'channels' && candidate.operation === 'update')!;
        const trash = trashFor(detail, UPDATE_CHANNELS);
        expect(trash.getAttribute('label')).to.equal(strings.detail.deleteScope('update all channels'));
        await opened(confirmSl(detail), () => click(trash));
        expect(confirmSl(detail).label).to.equal(strings.confirm.deleteScopeTitle);
        expect(text(confirmPart(detail, 'message'))).to.equal(strings.confirm.deleteScopeText('update all channels'));
        await expectAccessible(detail);
        await click(confirmPart(detail, 'confirm'));
        await until(() => scopeRows(detail).length === 3 && !scopesBusy(detail), 'three rows', WAIT);
        expect(writes(seen)).to.deep.equal([`PATCH /api/pats/${CI}/scope/remove`]);
        expect(await bodyOf(seen, 'PATCH', `/api/pats/${CI}/scope/remove`)).to.deep.equal({ scopes_id: [scope.id] });
        expect(scopeRows(detail)).to.not.deep.include(UPDATE_CHANNELS);
        expect(storeScopes(store, CI).map((candidate) => candidate.id)).to.not.include(scope.id);
        expect(changed).to.have.length(1);
        expect(changed[0]!.detail.scopes).to.deep.equal(storeScopes(store, CI));
      });

      it('cancelling the trash confirmation changes nothing', async () => {
        const detail = await mountDetail(CI);
        const trash = trashFor(detail, UPDATE_CHANNELS);
        await opened(confirmSl(detail), () => click(trash));
        await click(confirmPart(detail, 'cancel'));
        await closed(confirmSl(detail));
        expect(writes(seen)).to.deep.equal([]);
        expect(scopeRows(detail)).to.have.length(4);
        expect(storeScopes(store, CI)).to.have.length(4);
        expect(root(detail).activeElement).to.equal(trash);
      });

      it('Delete All asks, then deletes every scope: "No scopes yet"', async () => {
        const changed = record(document, 'pat-scopes-changed');
        const detail = await mountDetail(CI);
        await opened(confirmSl(detail), () => click(button(root(detail), strings.detail.deleteAllScopes)));
        expect(confirmSl(detail).label).to.equal(strings.confirm.deleteScopesTitle);
        expect(text(confirmPart(detail, 'message'))).to.equal(strings.confirm.deleteScopesText('CI deploy', 4));
        expect(text(confirmPart(detail, 'confirm'))).to.equal(strings.confirm.deleteScopesConfirm);
        await click(confirmPart(detail, 'confirm'));
        await until(() => scopesState(detail) === strings.scopes.none, '"No scopes yet"', WAIT);
        expect(writes(seen)).to.deep.equal([`DELETE /api/pats/${CI}/scope`]);
        expect(storeScopes(store, CI)).to.deep.equal([]);
        expect(scopeRows(detail)).to.deep.equal([]);
        expect(changed.map((event) => event.detail)).to.deep.equal([{ id: CI, scopes: [] }]);
        await until(() => button(root(detail), strings.detail.deleteAllScopes).hasAttribute('disabled'), 'Delete All disabled', WAIT);
      });

      it('cancelling Delete All changes nothing', async () => {
        const detail = await mountDetail(CI);
        await opened(confirmSl(detail), () => click(button(root(detail), strings.detail.deleteAllScopes)));
        await sendKeys({ press: 'Escape' });
        await closed(confirmSl(detail));
        expect(writes(seen)).to.deep.equal([]);
        expect(storeScopes(store, CI)).to.have.length(4);
        expect(scopeRows(detail)).to.have.length(4);
      });
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('usage and activity', () => {
    const section = (detail: PatDetail, name: 'usage' | 'activity') => root(detail).querySelector<HTMLElement>(`[part="${name}"]`);
    const activity = (detail: PatDetail) => root(detail).querySelector<PatActivity>('pat-activity')!;
    const firstEvent = (detail: PatDetail) => activity(detail).shadowRoot!.querySelector<HTMLElement>('[part="event"]');

    it('below the scopes: the token’s checks per day, then its history', async () => {
      const detail = await mountDetail(CI);
      const order = [...root(detail).querySelectorAll('[part="scopes"], [part="usage"], [part="activity"]')].map((element) =>
        element.getAttribute('part'),
      );
      expect(order).to.deep.equal(['scopes', 'usage', 'activity']);
      const chart = section(detail, 'usage')!.querySelector<PatUsageChart>('pat-usage-chart')!;
      expect(chart.patId).to.equal(CI);
      expect(section(detail, 'usage')!.getAttribute('aria-labelledby')).to.equal('usage-title');
      expect(activity(detail).patId).to.equal(CI);
      expect(activity(detail).owner, 'events by others name who made them').to.equal('alice');
      await until(() => firstEvent(detail) && chart.shadowRoot!.querySelector('[part="summary"]'), 'the chart and the history', WAIT);
      expect(text(firstEvent(detail)!.querySelector('.sentence'))).to.equal('First used from 10.0.4.18');
      await expectAccessible(detail);
    });

    it('a change made here shows at the top of the history', async () => {
      const detail = await mountDetail(CI);
      await until(() => firstEvent(detail), 'the history', WAIT);
      await startEditing(detail, 'name');
      await replaceText('CI deploy (prod)');
      await sendKeys({ press: 'Enter' });
      await until(() => firstEvent(detail)?.dataset.kind === 'renamed', 'the rename in the history', WAIT);
      expect(text(firstEvent(detail)!.querySelector('.sentence'))).to.equal('Renamed from “CI deploy” to “CI deploy (prod)”');
      await opened(confirmSl(detail), () => click(button(field(detail, strings.detail.status), strings.detail.revoke)));
      await click(confirmPart(detail, 'confirm'));
      await until(() => firstEvent(detail)?.dataset.kind === 'revoked', 'the revoke in the history', WAIT);
      await closed(confirmSl(detail));
    });

    it('with a client that has neither (the SuperMQ one, a host’s own): no Usage, no Activity, nothing asked', async () => {
      const detail = await mount<PatDetail>(html`<pat-detail pat-id=${CI}></pat-detail>`, { client: basicClient() });
      await until(() => title(detail) !== '' && !scopesBusy(detail) && scopeRows(detail).length > 0, 'the PAT and its scopes', WAIT);
      expect(section(detail, 'usage')).to.equal(null);
      expect(section(detail, 'activity')).to.equal(null);
      expect(root(detail).querySelector('pat-activity, pat-usage-chart')).to.equal(null);
      expect([...root(detail).querySelectorAll('h3')].map((element) => text(element))).to.deep.equal([strings.detail.scopes]);
      expect(seen.filter((request) => /\/(events|usage)$/.test(request.path))).to.deep.equal([]);
    });
  });

  describe('duplicate', () => {
    const duplicateButton = (detail: PatDetail) => root(detail).querySelector<HTMLElement>('sl-button[part="duplicate"]')!;

    it('Duplicate, on the name’s line, emits a cancelable pat-request-duplicate with the id and name, and changes nothing', async () => {
      const requests = record(document, 'pat-request-duplicate');
      const detail = await mountDetail(CI);
      const duplicate = duplicateButton(detail);
      expect(text(duplicate)).to.equal(strings.detail.duplicate);
      const name = root(detail).querySelector('[part="title"]')!.getBoundingClientRect();
      const box = duplicate.getBoundingClientRect();
      expect(Math.abs((box.top + box.bottom) / 2 - (name.top + name.bottom) / 2), 'beside the name').to.be.below(10);
      expect(box.left, 'after the name').to.be.above(name.left);
      await click(duplicate);
      await until(() => requests.length === 1, 'pat-request-duplicate', WAIT);
      await elapse(100, 'one click must ask once');
      expect(requests.map((event) => event.detail)).to.deep.equal([{ id: CI, name: 'CI deploy' }]);
      expect([requests[0]!.bubbles, requests[0]!.composed, requests[0]!.cancelable]).to.deep.equal([true, true, true]);
      expect(writes(seen)).to.deep.equal([]);
      expect(title(detail)).to.equal('CI deploy');
      await expectAccessible(detail);
    });

    it('revoked and expired PATs offer it too', async () => {
      const requests = record(document, 'pat-request-duplicate');
      for (const [id, name] of [
        [JENKINS, 'Old Jenkins pipeline'],
        [Q3, 'Q3 data export'],
      ] as const) {
        const detail = await mountDetail(id);
        await click(duplicateButton(detail));
        await until(() => requests.at(-1)?.detail.id === id, `pat-request-duplicate for ${name}`, WAIT);
        expect(requests.at(-1)!.detail).to.deep.equal({ id, name });
        detail.parentElement!.remove();
      }
    });

    it('is the Tab stop after the name, and Enter asks for the copy', async () => {
      const requests = record(document, 'pat-request-duplicate');
      const detail = await mountDetail(CI);
      await detail.focusHeading();
      expectSame(deepActive(), heading(detail), 'focus on the name');
      await sendKeys({ press: 'Tab' });
      expect(composedContains(duplicateButton(detail), deepActive()), 'focus on Duplicate').to.equal(true);
      await sendKeys({ press: 'Enter' });
      await until(() => requests.length === 1, 'pat-request-duplicate', WAIT);
      expect(requests[0]!.detail).to.deep.equal({ id: CI, name: 'CI deploy' });
    });
  });

  describe('delete token', () => {
    it('asks, then deletes the PAT and fires pat-deleted', async () => {
      const deleted = record(document, 'pat-deleted');
      const detail = await mountDetail(CI);
      await opened(confirmSl(detail), () => click(button(root(detail), strings.detail.delete)));
      expect(confirmSl(detail).label).to.equal(strings.confirm.deleteTitle);
      expect(text(confirmPart(detail, 'message'))).to.equal(strings.confirm.deleteText('CI deploy'));
      await expectAccessible(detail);
      await click(confirmPart(detail, 'confirm'));
      await until(() => deleted.length === 1, 'pat-deleted', WAIT);
      expect(deleted[0]!.detail).to.deep.equal({ id: CI });
      expect(writes(seen)).to.deep.equal([`DELETE /api/pats/${CI}`]);
      expect(() => store.get('alice', CI)).to.throw();
      // The page says so, under a heading of its own level in place of the name.
      await until(() => text(heading(detail)) === strings.detail.deletedTitle, 'the deleted state', WAIT);
      expect(heading(detail)!.getAttribute('tabindex')).to.equal('-1');
      expect(title(detail)).to.equal('');
    });

    it('cancelling deletes nothing', async () => {
      const deleted = record(document, 'pat-deleted');
      const detail = await mountDetail(CI);
      await opened(confirmSl(detail), () => click(button(root(detail), strings.detail.delete)));
      await click(confirmPart(detail, 'cancel'));
      await closed(confirmSl(detail));
      expect(writes(seen)).to.deep.equal([]);
      expect(deleted).to.have.length(0);
      expect(store.get('alice', CI).name).to.equal('CI deploy');
    });
  });

  it('never shows ISO timestamps as text', async () => {
    const detail = await mountDetail(CI);
    expect(text(root(detail).querySelector('[part="details"]'))).to.not.match(/\d{4}-\d{2}-\d{2}T/);
  });
});
