import { expect, html } from '@open-wc/testing';
import { emulateMedia, resetMouse, sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import { delay, http, HttpResponse } from 'msw';
import type { SetupWorker } from 'msw/browser';
import type SlDialog from '@shoelace-style/shoelace/dist/components/dialog/dialog.js';
import type SlInput from '@shoelace-style/shoelace/dist/components/input/input.js';
import type SlSelect from '@shoelace-style/shoelace/dist/components/select/select.js';
import { DAY_MS, type PatSortKey, type SortDirection, type StatusFilter, type StatusQuery } from '../../contract/index.js';
import { mockTokenFor, seededId, type MockStore } from '../../mocks/index.js';
import { mount, until, useMockApi, expectAccessible, expectSame } from '../../testing/fixture.js';
import { deepActive, drawnAt, nextEvent, text, transitionsEnded } from '../../testing/dom.js';
import { chooseMany, chooseOne, click, elapse, openSelect, record, typeInto } from '../../testing/input.js';
import type { PatConfirmDialog } from '../pat-confirm-dialog/pat-confirm-dialog.component.js';
import { LIST_STATE_DEFAULTS } from '../common/list-state.js';
import { PatLocale } from '../common/format.js';
import { loadPatTranslation } from '../i18n/localize.js';
import { strings } from '../i18n/strings.js';
import { ar } from '../i18n/translations/ar.js';
import { de } from '../i18n/translations/de.js';
import { TOAST_MS } from '../common/announcer.js';
import './pat-table.js';
import type { PatTable } from './pat-table.component.js';
import type { CSSResult } from 'lit';

// ---------------------------------------------------------------------------------------------
// The seeded data of mocks/scenarios.ts, as a person reads it (alice, default scenario).

/** alice's active PATs, newest first (the default sort: issued_at desc). */
const ACTIVE_BY_ISSUED = [
  'Local development', // 2 days ago
  'Support team access', // 7 days
  'Terraform provisioning', // 10 days
  'Alerting webhook', // 15 days
  'Nightly backup', // 29 days 4 h (expires within a day)
  'CI deploy', // 45 days
  'Mobile app telemetry', // 85 days (expires in 5 days)
  'Grafana dashboards read-only', // 120 days
];
/** The active ones that expire within the week, newest first. */
const EXPIRING_BY_ISSUED = ['Nightly backup', 'Mobile app telemetry'];
const REVOKED_BY_ISSUED = ['Leaked in support ticket', 'Old Jenkins pipeline'];
const EXPIRED_BY_ISSUED = ['Hackathon demo', 'Q3 data export'];
/** The revoked and the expired ones together, newest first. */
const REVOKED_OR_EXPIRED_BY_ISSUED = ['Hackathon demo', 'Leaked in support ticket', 'Q3 data export', 'Old Jenkins pipeline'];
/** The first page (10 rows) of all of alice's 12 PATs, newest first. */
const ALL_FIRST_PAGE = [
  'Local development',
  'Support team access',
  'Terraform provisioning',
  'Alerting webhook',
  'Nightly backup',
  'Hackathon demo',
  'CI deploy',
  'Leaked in support ticket',
  'Mobile app telemetry',
  'Q3 data export',
];
const ACTIVE_BY_NAME = [
  'Alerting webhook',
  'CI deploy',
  'Grafana dashboards read-only',
  'Local development',
  'Mobile app telemetry',
  'Nightly backup',
  'Support team access',
  'Terraform provisioning',
];
const ACTIVE_BY_EXPIRY = [
  'Nightly backup', // in 20 hours
  'Mobile app telemetry', // in 5 days
  'Local development', // 28 days
  'CI deploy', // 45 days
  'Support team access', // 83 days
  'Terraform provisioning', // 170 days
  'Grafana dashboards read-only', // 245 days
  'Alerting webhook', // 350 days
];

const idOf = (name: string, user = 'alice') => seededId(user, name);

/** Gives alice a PAT a leak report revoked three hours ago: its secret found at `url` by `source`. */
function seedLeaked(store: MockStore, name: string, url: string, source: string): void {
  const now = store.now();
  const reportedAt = now - 3 * 3600e3;
  const leak = { reported_at: new Date(reportedAt).toISOString(), url, source };
  store.seed('alice', { name, issuedAt: now - 20 * DAY_MS, expiresAt: now + 70 * DAY_MS, revokedAt: reportedAt, leak });
}

// ---------------------------------------------------------------------------------------------
// Helpers

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
/** A relative time in the past, as Intl words it ("3 days ago", "yesterday", "last week"). */
const PAST = /( ago|^yesterday|^last )/;
/** "Expires in 3 days", "Expires tomorrow", "Expires next month". */
const FUTURE = /^Expires (in |tomorrow|next )/;
const exactTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

const cleanups: (() => void)[] = [];

function root(table: PatTable): ShadowRoot {
  return table.shadowRoot!;
}

function rows(table: PatTable) {
  return [...root(table).querySelectorAll<HTMLTableRowElement>('tbody tr[data-id]')];
}

function rowNames(table: PatTable): string[] {
  return rows(table).map((row) => row.querySelector('td.name')!.textContent!.trim());
}

function rowByName(table: PatTable, name: string): HTMLTableRowElement {
  const row = rows(table).find((candidate) => candidate.querySelector('td.name')!.textContent!.trim() === name);
  if (!row) throw new Error(`no row "${name}" among ${JSON.stringify(rowNames(table))}`);
  return row;
}

function cells(row: HTMLTableRowElement): HTMLTableCellElement[] {
  return [...row.querySelectorAll('td')];
}

function busy(table: PatTable): string | null {
  return root(table).querySelector('table')!.getAttribute('aria-busy');
}

function stateText(table: PatTable): string {
  return text(root(table).querySelector('.state'));
}

function stat(table: PatTable, label: string): HTMLButtonElement {
  const button = [...root(table).querySelectorAll<HTMLButtonElement>('button.stat')].find(
    (candidate) => text(candidate.querySelector('.stat-label')) === label,
  );
  if (!button) throw new Error(`no stat "${label}"`);
  return button;
}

function statCount(table: PatTable, label: string): string {
  return text(stat(table, label).querySelector('.stat-count'));
}

function button(scope: ParentNode, label: string): HTMLElement {
  const found = [...scope.querySelectorAll<HTMLElement>('sl-button')].find((candidate) => text(candidate) === label);
  if (!found) throw new Error(`no button "${label}"`);
  return found;
}

function header(table: PatTable, label: string): HTMLTableCellElement {
  const th = [...root(table).querySelectorAll<HTMLTableCellElement>('thead th')].find((candidate) => text(candidate).startsWith(label));
  if (!th) throw new Error(`no column "${label}"`);
  return th;
}

function statusSelect(table: PatTable): SlSelect {
  return root(table).querySelector<SlSelect>('sl-select.status-filter')!;
}

/** The statuses ticked in the status filter. */
function chosenStatuses(table: PatTable): string[] {
  return [...(statusSelect(table).value as string[])];
}

/** What the closed status filter shows: the tags of the chosen statuses, or its placeholder when none is. */
function statusFilterShows(table: PatTable): string[] {
  const select = statusSelect(table).shadowRoot!;
  const tags = [...select.querySelectorAll('[part~="tag"]')].map((tag) => text(tag));
  const input = select.querySelector<HTMLInputElement>('[part~="display-input"]')!;
  return tags.length > 0 ? tags : [input.value || input.placeholder];
}

/** The status filter's × that clears it (Shoelace renders it while something is chosen). */
function statusClearButton(table: PatTable): HTMLElement | null {
  return statusSelect(table).shadowRoot!.querySelector<HTMLElement>('[part~="clear-button"]');
}

/** The × on the status filter's tag for `label`. */
function statusTagRemove(table: PatTable, label: string): HTMLElement {
  const tag = [...statusSelect(table).shadowRoot!.querySelectorAll('[part~="tag"]')].find((candidate) => text(candidate) === label);
  if (!tag) throw new Error(`no tag "${label}" in the status filter (it shows ${JSON.stringify(statusFilterShows(table))})`);
  return tag.shadowRoot!.querySelector('[part~="remove-button"]')!.shadowRoot!.querySelector<HTMLElement>('button')!;
}

/** Whether each count (Active, Expiring soon, Revoked, Expired) is pressed. */
function pressedStats(table: PatTable): string[] {
  return [...root(table).querySelectorAll('button.stat')].map((stat) => stat.getAttribute('aria-pressed')!);
}

function pageSizeSelect(table: PatTable): SlSelect {
  return root(table).querySelector<SlSelect>('.page-size sl-select')!;
}

function pager(table: PatTable, label: string): HTMLButtonElement {
  return root(table).querySelector<HTMLButtonElement>(`.pager button[aria-label="${label}"]`)!;
}

/** The footer's "1–10 of 12". */
function range(table: PatTable): string {
  return text(root(table).querySelector('.range'));
}

function announcement(table: PatTable): string {
  return text(root(table).querySelector('[role="status"]'));
}

/** The confirmation dialog: rendered the first time the table asks, so null until then. */
function confirmDialog(table: PatTable): PatConfirmDialog {
  return root(table).querySelector<PatConfirmDialog>('pat-confirm-dialog')!;
}

function slDialog(table: PatTable): SlDialog | null {
  return confirmDialog(table)?.shadowRoot?.querySelector<SlDialog>('sl-dialog') ?? null;
}

function dialogButton(table: PatTable, part: 'confirm' | 'cancel'): HTMLElement {
  return confirmDialog(table).shadowRoot!.querySelector<HTMLElement>(`sl-button[part="${part}"]`)!;
}

function dialogMessage(table: PatTable): string {
  return text(confirmDialog(table).shadowRoot!.querySelector('.message'));
}

/** Records the URL of every `GET /api/pats` (the list) the page sends from now on. */
function recordListRequests(worker: SetupWorker): URL[] {
  const urls: URL[] = [];
  const listener = ({ request }: { request: Request }) => {
    const url = new URL(request.url);
    if (request.method === 'GET' && url.pathname === '/api/pats') urls.push(url);
  };
  worker.events.on('request:start', listener);
  cleanups.push(() => worker.events.removeListener('request:start', listener));
  return urls;
}

/** Waits for the list to settle (not busy) with exactly `expected` rows, in that order. */
async function expectRows(table: PatTable, expected: string[], message = 'rows'): Promise<void> {
  const same = () => busy(table) === 'false' && JSON.stringify(rowNames(table)) === JSON.stringify(expected);
  await until(same, message).catch(() => undefined);
  expect(rowNames(table), message).to.deep.equal(expected);
  expect(busy(table), `${message}: aria-busy`).to.equal('false');
}

/** The names the store itself lists for alice: what the table must show. */
function storeNames(
  store: MockStore,
  query: { status?: StatusQuery; sort?: PatSortKey; dir?: SortDirection; offset?: number; limit?: number; name?: string },
  user = 'alice',
): string[] {
  const page = store.list(user, { status: 'active', sort: 'issued_at', dir: 'desc', offset: 0, limit: 10, ...query });
  return page.pats.map((pat) => pat.name);
}

async function apiGet(path: string, user = 'alice'): Promise<{ status: number; body: any }> {
  const response = await fetch(`/api${path}`, { headers: { authorization: `Bearer ${mockTokenFor(user)}` } });
  const body = response.status === 204 ? undefined : await response.json();
  return { status: response.status, body };
}

/** Mounts a table, with a `status` attribute (one status, or several comma-separated) if given, and waits for its rows and counts. */
async function mountLoaded(attributes: { status?: string } = {}): Promise<PatTable> {
  const table = attributes.status
    ? await mount<PatTable>(html`<pat-table status=${attributes.status}></pat-table>`)
    : await mount<PatTable>(html`<pat-table></pat-table>`);
  await until(() => rows(table).length > 0 && busy(table) === 'false', 'the first rows');
  // The counts come from a second request: Delete All is enabled once they are in.
  await until(() => statCount(table, 'Active') !== '–', 'the counts');
  return table;
}

/** A row's ⋮ button (a native <button>: it has the focus and the ARIA state), found by its label. */
function menuButton(table: PatTable, name: string): HTMLButtonElement {
  const button = rowByName(table, name).querySelector<HTMLButtonElement>(
    `button.row-menu-trigger[aria-label="Actions for ${CSS.escape(name)}"]`,
  );
  if (!button) throw new Error(`no menu button in the row "${name}"`);
  return button;
}

/** Every row menu on screen (a menu with a size). */
function shownMenus(table: PatTable): HTMLElement[] {
  return [...root(table).querySelectorAll<HTMLElement>('[role="menu"]')].filter((menu) => {
    const rect = menu.getBoundingClientRect();
    return rect.width > 0 && rect.height > 0 && getComputedStyle(menu).pointerEvents !== 'none';
  });
}

/** The one row menu on screen, or null when none is. */
function shownMenu(table: PatTable): HTMLElement | null {
  const menus = shownMenus(table);
  if (menus.length > 1) throw new Error(`${menus.length} row menus on screen`);
  return menus[0] ?? null;
}

/** Whether `name`'s menu is on screen, hanging under (or, flipped, over) its ⋮ button. */
function menuShownFor(table: PatTable, name: string): boolean {
  const menu = shownMenu(table);
  if (!menu || menu.closest('tr') !== rowByName(table, name)) return false;
  const button = menuButton(table, name).getBoundingClientRect();
  const rect = menu.getBoundingClientRect();
  return Math.abs(rect.top - button.bottom) <= 1 || Math.abs(rect.bottom - button.top) <= 1;
}

/** The values of the items of the menu on screen, in order. */
function menuItems(table: PatTable): string[] {
  return [...(shownMenu(table)?.querySelectorAll('sl-menu-item') ?? [])].map((item) => item.getAttribute('value')!);
}

/** Waits for `name`'s menu to be on screen, in place under its button. */
async function menuShown(table: PatTable, name: string): Promise<HTMLElement> {
  await until(() => menuShownFor(table, name), `the menu of "${name}"`);
  return shownMenu(table)!;
}

/** Waits until no row menu is on screen. */
async function menuHidden(table: PatTable): Promise<void> {
  await until(() => shownMenus(table).length === 0, 'the row menu to close');
}

/** Opens a row's action menu with a real click on its button; resolves once it is shown. */
async function openRowMenu(table: PatTable, name: string): Promise<HTMLElement> {
  await click(menuButton(table, name));
  return menuShown(table, name);
}

/** Chooses a row action with real clicks: the menu button, then the item. */
async function chooseRowAction(table: PatTable, name: string, value: string): Promise<void> {
  const menu = await openRowMenu(table, name);
  const item = menu.querySelector(`sl-menu-item[value="${value}"]`);
  if (!item) throw new Error(`no "${value}" in the menu of "${name}": ${menuItems(table).join(', ')}`);
  await click(item);
}

/** Focuses a row's ⋮ button from its row with Tab, as a keyboard user gets there. */
async function tabToMenuButton(table: PatTable, name: string): Promise<void> {
  rowByName(table, name).focus();
  await sendKeys({ press: 'Tab' });
  expect(focused(table)).to.equal(`menu:${name}`);
}

/** The next event `name` from an sl-dialog inside the table (the dialog may not be rendered yet). */
function nextDialogEvent(table: PatTable, name: string, timeout = 8000): Promise<SlDialog> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Timed out waiting for the dialog's ${name}`)), timeout);
    const listener = (event: Event) => {
      const origin = event.composedPath()[0];
      if (!(origin instanceof Element) || origin.localName !== 'sl-dialog') return;
      clearTimeout(timer);
      table.removeEventListener(name, listener);
      resolve(origin as SlDialog);
    };
    table.addEventListener(name, listener);
  });
}

/** Runs `open` and waits for the confirmation dialog to be fully shown. */
async function openDialog(table: PatTable, open: () => Promise<void>): Promise<SlDialog> {
  const shown = nextDialogEvent(table, 'sl-after-show');
  await open();
  const dialog = await shown;
  expectSame(dialog, slDialog(table), "the table's own confirmation dialog");
  return dialog;
}

async function typeSearch(table: PatTable, keys: string): Promise<void> {
  await typeInto(root(table).querySelector<SlInput>('sl-input.search')!, keys);
}

/** A short description of what has the keyboard focus inside the table. */
function focused(table: PatTable): string {
  const active = root(table).activeElement;
  if (!active) return `outside:${document.activeElement?.tagName.toLowerCase() ?? 'none'}`;
  const rowName = (element: Element) => text(element.closest('tr')?.querySelector('td.name'));
  if (active.matches('button.stat')) return `stat:${text(active.querySelector('.stat-label'))}`;
  if (active.matches('sl-input.search')) return 'search';
  if (active.matches('sl-select.status-filter')) return 'status';
  if (active.matches('sl-button')) return `button:${text(active)}`;
  if (active.matches('button.sort')) return `sort:${text(active).replace(/[↕▲▼]/g, '').trim()}`;
  if (active.matches('tr[data-id]')) return `row:${rowName(active)}`;
  if (active.matches('td.row-actions button.row-menu-trigger')) return `menu:${rowName(active)}`;
  if (active.matches('sl-menu-item')) return `item:${active.getAttribute('value')}`;
  return active.tagName.toLowerCase();
}

// ---------------------------------------------------------------------------------------------

describe('<pat-table>', () => {
  let worker: SetupWorker;
  let store: MockStore;

  before(async () => {
    // Shoelace skips its show/hide animations: menus and dialogs are clickable at once.
    await emulateMedia({ reducedMotion: 'reduce' });
  });

  afterEach(async () => {
    while (cleanups.length) cleanups.pop()!();
    worker?.resetHandlers();
    await resetMouse();
  });

  describe('rows and states', () => {
    it("renders the signed-in user's active PATs and is accessible", async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mount<PatTable>(html`<pat-table></pat-table>`);
      await until(() => rows(table).length > 0, 'rows');
      expect(rows(table).length).to.be.greaterThan(0);
      await expectAccessible(table);
    });

    it("starts on the list's defaults, the same the manager and the API start from", async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mount<PatTable>(html`<pat-table></pat-table>`);
      const { status, search, sort, sortDir, page, pageSize } = table;
      expect({ status, search, sort, sortDir, page, pageSize }).to.deep.equal(LIST_STATE_DEFAULTS);
    });

    it('shows every active PAT of alice (and none of bob) with all its columns', async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mountLoaded();
      await expectRows(table, ACTIVE_BY_ISSUED);
      expect(table.getAttribute('status')).to.equal('active');

      const headers = [...root(table).querySelectorAll('thead th')].map((th) => text(th).replace(/[↕▲▼]/g, '').trim());
      expect(headers.slice(0, 7)).to.deep.equal(['Name', 'Description', 'Status', 'Issued', 'Expires', 'Last used', 'Scopes']);
      expect(text(root(table).querySelector('table > caption'))).to.equal('Your personal access tokens');

      for (const name of ACTIVE_BY_ISSUED) {
        const pat = store.get('alice', idOf(name));
        const row = rowByName(table, name);
        const [nameCell, description, status, issued, expires, lastUsed, scopes] = cells(row);
        expect(row.dataset.id, name).to.equal(pat.id);
        expect(text(nameCell), name).to.equal(name);
        expect(text(description), `${name}: description`).to.equal(pat.description || '—');
        const badge = status!.querySelector<HTMLElement>('.badge')!;
        expect(text(badge), `${name}: status`).to.equal('Active');
        expect(badge.dataset.variant).to.equal('success');

        const issuedTime = issued!.querySelector('time')!;
        expect(issuedTime.getAttribute('datetime')).to.equal(pat.issued_at);
        expect(issuedTime.getAttribute('title'), `${name}: exact issue time`).to.equal(exactTime.format(new Date(pat.issued_at)));
        expect(text(issuedTime), `${name}: issued, relative`).to.match(PAST);

        const expiresTime = expires!.querySelector('time')!;
        expect(expiresTime.getAttribute('datetime')).to.equal(pat.expires_at);
        expect(expiresTime.getAttribute('title')).to.equal(exactTime.format(new Date(pat.expires_at)));
        expect(text(expiresTime), `${name}: expires`).to.match(FUTURE);
        const soon = Date.parse(pat.expires_at) - Date.now() <= 7 * 24 * 3600e3;
        expect(text(expires!.querySelector('.badge')) === 'Expiring soon', `${name}: expiring soon badge`).to.equal(soon);

        if (pat.last_used_at === null) {
          expect(text(lastUsed), `${name}: last used`).to.equal('never');
          expect(lastUsed!.querySelector('time')).to.equal(null);
        } else {
          const used = lastUsed!.querySelector('time')!;
          expect(used.getAttribute('datetime')).to.equal(pat.last_used_at);
          expect(used.getAttribute('title')).to.equal(exactTime.format(new Date(pat.last_used_at)));
          expect(text(used), `${name}: last used, relative`).to.match(PAST);
        }
        expect(text(scopes), `${name}: scopes`).to.equal(String(pat.scopes_count));
      }

      // A few cells exactly as a person reads them.
      const local = cells(rowByName(table, 'Local development'));
      expect(text(local[1])).to.equal('—');
      expect(text(local[3])).to.equal(relative.format(-2, 'day'));
      expect(text(local[4])).to.equal(`Expires ${relative.format(28, 'day')}`);
      expect(text(local[5])).to.equal('never');
      expect(text(local[6])).to.equal('0');
      const backup = cells(rowByName(table, 'Nightly backup'));
      expect(text(backup[4])).to.equal(`Expires ${relative.format(20, 'hour')} Expiring soon`);
      expect(text(cells(rowByName(table, 'CI deploy'))[5])).to.equal(relative.format(-2, 'hour'));
      expect(text(cells(rowByName(table, 'Terraform provisioning'))[6])).to.equal('5');
      expect(rowNames(table)).not.to.include('Home Assistant bridge');
    });

    it('shows "Expired …" for expired PATs', async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mountLoaded({ status: 'expired' });
      await expectRows(table, EXPIRED_BY_ISSUED);
      const hackathon = cells(rowByName(table, 'Hackathon demo'));
      expect(text(hackathon[2])).to.equal('Expired');
      expect(text(hackathon[4])).to.equal(`Expired ${relative.format(-2, 'day')}`);
      expect(hackathon[4]!.querySelector('.badge')).to.equal(null);
      expect(text(cells(rowByName(table, 'Q3 data export'))[4])).to.equal(`Expired ${relative.format(-3, 'month')}`);
    });

    it('draws the status and "Expiring soon" as pill badges, readable in the light and the dark theme', async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mountLoaded({ status: 'all' });
      await expectRows(table, ALL_FIRST_PAGE);
      const variants: Record<string, string> = { Active: 'success', Revoked: 'danger', Expired: 'neutral' };
      for (const row of rows(table)) {
        const name = text(row.querySelector('td.name'));
        const badges = [...cells(row)[2]!.querySelectorAll<HTMLElement>('.badge')];
        expect(badges, `${name}: one status badge`).to.have.length(1);
        const status = store.get('alice', idOf(name)).status;
        expect(text(badges[0]), `${name}: its status`).to.equal(strings.status[status]);
        expect(badges[0]!.dataset.variant, `${name}: its colour`).to.equal(variants[strings.status[status]]);
      }
      const soon = cells(rowByName(table, 'Nightly backup'))[4]!.querySelector<HTMLElement>('.badge')!;
      expect(text(soon)).to.equal('Expiring soon');
      expect(soon.dataset.variant).to.equal('warning');
      // sl-badge's pill: white (in the dark theme, near-black) text on the variant's colour.
      const style = getComputedStyle(soon);
      expect(style.borderTopLeftRadius).to.equal(
        getComputedStyle(document.documentElement).getPropertyValue('--sl-border-radius-pill').trim(),
      );
      expect(style.color).to.equal('rgb(255, 255, 255)');
      expect(style.backgroundColor).not.to.equal('rgba(0, 0, 0, 0)');
      await expectAccessible(table);

      // The dark theme on a dark page, as the Dark story shows it: axe checks every badge's contrast again.
      document.documentElement.classList.add('sl-theme-dark');
      document.documentElement.style.colorScheme = 'dark';
      document.body.style.background = 'var(--sl-color-neutral-0)';
      cleanups.push(() => {
        document.documentElement.classList.remove('sl-theme-dark');
        document.documentElement.style.colorScheme = '';
        document.body.style.background = '';
      });
      expect(getComputedStyle(soon).color, 'dark text in the dark theme').not.to.equal('rgb(255, 255, 255)');
      await transitionsEnded(); // Shoelace's controls fade to their new colours
      await expectAccessible(table);
    });

    it('is accessible while loading (skeleton rows, aria-busy)', async () => {
      ({ worker, store } = await useMockApi('slow'));
      const table = await mount<PatTable>(html`<pat-table></pat-table>`);
      expect(busy(table)).to.equal('true');
      expect(root(table).querySelectorAll('tbody tr.skeleton').length).to.be.greaterThan(0);
      // A pulsing bar in every cell of every skeleton row.
      const cellsLoading = [...root(table).querySelectorAll('tbody tr.skeleton td')];
      expect(cellsLoading.length).to.equal(
        root(table).querySelectorAll('tbody tr.skeleton').length * root(table).querySelectorAll('thead th').length,
      );
      for (const cell of cellsLoading) {
        const bar = cell.querySelector('.skeleton-bar')!;
        expect(bar.getBoundingClientRect().height, 'a bar with a height').to.be.greaterThan(10);
        expect(bar.getAnimations().length, 'a pulsing bar').to.equal(1);
      }
      await expectAccessible(table);
      expect(rows(table).length, 'still loading after axe').to.equal(0);
    });

    it('shows the empty state, accessibly, when the user has no PAT', async () => {
      ({ worker, store } = await useMockApi('empty'));
      const table = await mount<PatTable>(html`<pat-table></pat-table>`);
      await until(() => stateText(table).includes('No personal access tokens yet'), 'the empty state');
      await until(() => statCount(table, 'Active') === '0', 'the counts');
      expect(rows(table)).to.have.length(0);
      button(root(table).querySelector('.state')!, 'Create PAT');
      expect(root(table).querySelector('.footer')).to.equal(null);
      await expectAccessible(table);
    });

    it('shows "no match" with Reset filters, accessibly', async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mountLoaded();
      await typeSearch(table, 'zzz');
      await until(() => stateText(table).includes('No tokens match'), 'the no-match state');
      expect(rows(table)).to.have.length(0);
      button(root(table).querySelector('.state')!, 'Reset filters');
      await expectAccessible(table);
    });

    it('shows the error with Retry, accessibly, on a 500', async () => {
      ({ worker, store } = await useMockApi('error'));
      const table = await mount<PatTable>(html`<pat-table></pat-table>`);
      await until(() => root(table).querySelector('[role="alert"]'), 'the error');
      expect(text(root(table).querySelector('[role="alert"]'))).to.equal(strings.errors.server);
      expect(stateText(table)).to.include('Could not load your tokens');
      button(root(table).querySelector('.state')!, 'Retry');
      expect(busy(table)).to.equal('false');
      await expectAccessible(table);
    });

    it('recovers with Retry once the server works again', async () => {
      ({ worker, store } = await useMockApi('error'));
      const table = await mount<PatTable>(html`<pat-table></pat-table>`);
      await until(() => root(table).querySelector('[role="alert"]'), 'the error');
      ({ store } = await useMockApi('default'));
      await click(button(root(table).querySelector('.state')!, 'Retry'));
      await expectRows(table, ACTIVE_BY_ISSUED, 'rows after Retry');
      expect(root(table).querySelector('[role="alert"]')).to.equal(null);
      await until(() => statCount(table, 'Active') === '8', 'the counts after Retry');
    });

    it('keeps the current rows, marked busy, while a refetch is slow', async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mountLoaded();
      await expectRows(table, ACTIVE_BY_ISSUED);
      worker.use(
        http.get('/api/pats', async () => {
          await delay(1200);
          return undefined; // then the scenario answers
        }),
      );
      await click(stat(table, 'Revoked'));
      await until(() => busy(table) === 'true', 'aria-busy=true');
      await elapse(300, 'while the refetch is slow, the old rows must stay, marked busy, with no skeleton');
      expect(busy(table)).to.equal('true');
      expect(rowNames(table), 'the old rows stay meanwhile').to.deep.equal(ACTIVE_BY_ISSUED);
      expect(root(table).querySelectorAll('tbody tr.skeleton')).to.have.length(0);
      await expectRows(table, REVOKED_BY_ISSUED, 'the new rows');
    });

    it('a load that fails after a filter change shows the error, never the old filter’s rows', async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mountLoaded();
      await expectRows(table, ACTIVE_BY_ISSUED);
      // Raw server text, as a failing database might give it: the user reads the client's words.
      worker.use(http.get('/api/pats', () => HttpResponse.json({ error: 'internal', message: 'database is locked' }, { status: 500 })));
      await click(stat(table, 'Revoked'));
      await until(() => stateText(table).includes(strings.table.errorTitle), 'the error in place of the rows');
      expect(rowNames(table), 'no rows of the Active filter under Revoked').to.deep.equal([]);
      expect(text(root(table).querySelector('.state [role="alert"]'))).to.equal(strings.errors.server);
      expect(root(table).innerHTML).not.to.include('database is locked');
      expect(root(table).querySelector('[part="footer"]'), 'no pager for rows that are not there').to.equal(null);
      ({ store } = await useMockApi('default'));
      await click(button(root(table).querySelector('.state')!, 'Retry'));
      await expectRows(table, REVOKED_BY_ISSUED, 'rows after Retry');
      expect(stateText(table)).not.to.include(strings.table.errorTitle);
    });

    it('a refresh of the same query that fails keeps its rows, under an alert with a title and Retry', async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mountLoaded();
      await expectRows(table, ACTIVE_BY_ISSUED);
      worker.use(http.get('/api/pats', () => HttpResponse.json({ error: 'internal', message: 'Boom.' }, { status: 500 })));
      table.refresh();
      await until(() => root(table).querySelector('sl-alert'), 'the alert');
      expect(text(root(table).querySelector('sl-alert')))
        .to.include(strings.table.errorTitle)
        .and.include(strings.errors.server);
      expect(rowNames(table), 'the same query’s rows stay').to.deep.equal(ACTIVE_BY_ISSUED);
      ({ store } = await useMockApi('default'));
      await click(button(root(table).querySelector('sl-alert')!, 'Retry'));
      await until(() => !root(table).querySelector('sl-alert'), 'the alert to go');
      expect(rowNames(table)).to.deep.equal(ACTIVE_BY_ISSUED);
    });

    it('a token restricted to some client addresses has a labelled mark before its name; the others none', async () => {
      ({ worker, store } = await useMockApi('default'));
      store.setAllowedIps('alice', idOf('CI deploy'), ['203.0.113.0/24', '2001:db8::1']);
      store.setAllowedIps('alice', idOf('Nightly backup'), ['10.0.0.0/8']);
      const table = await mountLoaded();
      const mark = (name: string) => rowByName(table, name).querySelector<SVGElement>('td.name svg.restricted');
      expect(mark('CI deploy')!.getAttribute('role')).to.equal('img');
      expect(mark('CI deploy')!.getAttribute('aria-label')).to.equal('Restricted to 2 addresses');
      expect(mark('Nightly backup')!.getAttribute('aria-label')).to.equal(strings.allowedIps.restricted(1));
      expect(strings.allowedIps.restricted(1)).to.equal('Restricted to 1 address');
      expect(
        rows(table)
          .filter((row) => row.querySelector('svg.restricted'))
          .map((row) => row.dataset.id),
      ).to.have.members([idOf('CI deploy'), idOf('Nightly backup')]);
      // The name is the cell's text, and the mark stands before it, in view.
      const cell = rowByName(table, 'CI deploy').querySelector('td.name')!;
      expect(cell.textContent).to.equal('CI deploy');
      const [icon, name] = [mark('CI deploy')!.getBoundingClientRect(), cell.getBoundingClientRect()];
      expect(icon.width).to.be.above(8);
      expect(icon.left).to.be.at.least(name.left);
      expect(icon.right).to.be.at.most(name.right);
      await expectAccessible(table);
    });

    it('a token a leak report revoked: a “Leaked” mark after its Revoked badge, labelled, where it was found in its tooltip', async () => {
      ({ worker, store } = await useMockApi('default'));
      const url = 'https://github.com/acme/site/commit/4f2a9c1e';
      seedLeaked(store, 'Leaked deploy key', url, 'GitHub secret scanning');
      seedLeaked(store, 'Leaked quietly', '', '');
      const table = await mountLoaded({ status: 'revoked' });
      await until(() => rows(table).length === 4, 'the four revoked tokens');
      const status = (name: string) => cells(rowByName(table, name))[2]!;
      const mark = (name: string) => status(name).querySelector<HTMLElement>('.leak');
      const leaked = mark('Leaked deploy key')!;
      expect(text(leaked)).to.equal('Leaked');
      expect(leaked.getAttribute('role')).to.equal('img');
      expect(leaked.getAttribute('aria-label')).to.equal('Revoked automatically: found in a public place');
      expect(leaked.title).to.equal(`Revoked automatically: found in a public place\n${url}`);
      // Said after the status, as one more word: "Revoked Leaked".
      expect(text(status('Leaked deploy key'))).to.equal('Revoked Leaked');
      expectSame(status('Leaked deploy key').querySelector('.badge')!.nextElementSibling, leaked, 'the mark after the badge');
      expect(mark('Leaked quietly')!.title, 'no address: the label alone').to.equal(strings.leak.title);
      // Revoked by hand: the badge alone.
      for (const name of REVOKED_BY_ISSUED) {
        expect(mark(name) === null, `${name}: no mark`).to.equal(true);
        expect(text(status(name))).to.equal('Revoked');
      }
      const [badge, markBox] = [
        status('Leaked deploy key').querySelector('.badge')!.getBoundingClientRect(),
        leaked.getBoundingClientRect(),
      ];
      expect(markBox.width).to.be.above(8);
      expect(markBox.left, 'after the badge, on its line').to.be.at.least(badge.right);
      expect(Math.abs(markBox.top + markBox.height / 2 - (badge.top + badge.height / 2))).to.be.below(2);
      await expectAccessible(table);
    });

    it('an end its idle limit sets: an hourglass labelled with the limit, “Expires in 5 days if unused”, “Expired (unused) 10 days ago”', async () => {
      ({ worker, store } = await useMockApi('idle'));
      const table = await mountLoaded({ status: 'all' });
      await until(() => rows(table).length === 7, 'the seven tokens');
      const end = (name: string) => cells(rowByName(table, name))[4]!;
      const mark = (name: string) => end(name).querySelector<HTMLElement>('.idle');
      const time = (name: string) => end(name).querySelector('time')!;

      // Unused for 25 of its 30 days: it stops working in 5 days unless used, and is expiring soon.
      const soon = store.get('alice', idOf('Backup agent'));
      expect(text(time('Backup agent'))).to.equal('Expires in 5 days if unused');
      expect(time('Backup agent').getAttribute('datetime'), 'its idle expiry, not its lifetime’s').to.equal(soon.idle_expires_at);
      expect(text(end('Backup agent'))).to.equal(`Expires in 5 days if unused ${strings.status.expiring}`);
      expect(mark('Backup agent')!.getAttribute('role')).to.equal('img');
      expect(mark('Backup agent')!.getAttribute('aria-label')).to.equal('Expires after 30 days without use');
      expect(mark('Backup agent')!.title).to.equal('Expires after 30 days without use');
      // Used two hours ago; never used (the server's 90 days from its issue).
      expect(text(time('Metrics exporter'))).to.equal('Expires in 30 days if unused');
      expect(text(time('Quarterly audit'))).to.equal('Expires in 2 months if unused');
      expect(mark('Quarterly audit')!.getAttribute('aria-label')).to.equal(strings.idle.mark('90 days'));
      // Expired unused: said so, and since when.
      const expired = store.get('alice', idOf('Legacy importer'));
      expect(expired).to.include({ status: 'expired', expired_reason: 'idle' });
      expect(text(time('Legacy importer'))).to.equal('Expired (unused) 10 days ago');
      expect(time('Legacy importer').getAttribute('datetime')).to.equal(expired.idle_expires_at);
      expect(mark('Legacy importer')!.getAttribute('aria-label')).to.equal('Expired after 30 days without use');
      // Ended, or to end, by their lifetime, or revoked: no mark, the end as before.
      expect(text(time('Release bot'))).to.equal('Expires in 20 days');
      expect(text(time('Staging smoke tests'))).to.equal('Expired 15 days ago');
      expect(text(time('Old CI token'))).to.match(/^Revoked 3 hours ago$/);
      for (const name of ['Release bot', 'Staging smoke tests', 'Old CI token'])
        expect(mark(name) === null, `${name}: no mark`).to.equal(true);
      // Before the end, on its line.
      const [icon, words] = [mark('Backup agent')!.getBoundingClientRect(), time('Backup agent').getClientRects()[0]!];
      expect(icon.width).to.be.above(8);
      expect(icon.right).to.be.at.most(words.left + 0.5);
      expect(Math.abs(icon.top + icon.height / 2 - (words.top + words.height / 2))).to.be.below(4);
      await expectAccessible(table);
    });

    it('an end its idle limit sets, in German and Arabic', async () => {
      ({ worker, store } = await useMockApi('idle'));
      for (const [lang, words] of [
        ['de', de],
        ['ar', ar],
      ] as const) {
        await loadPatTranslation(lang);
        const wrapper = await mount<HTMLElement>(
          html`<div lang=${lang} dir=${lang === 'ar' ? 'rtl' : 'ltr'}><pat-table status="all"></pat-table></div>`,
        );
        const table = wrapper.querySelector<PatTable>('pat-table')!;
        await until(() => rows(table).length === 7 && busy(table) === 'false', 'the seven tokens');
        const locale = new PatLocale(lang, words);
        const now = Date.now();
        const end = (name: string) => cells(rowByName(table, name))[4]!;
        const { idle_expires_at: soon } = store.get('alice', idOf('Backup agent'));
        const { idle_expires_at: ended } = store.get('alice', idOf('Legacy importer'));
        expect(text(end('Backup agent').querySelector('time')), lang).to.equal(words.ends.expiresUnused(locale.relative(soon!, now)));
        expect(end('Backup agent').querySelector('.idle')!.getAttribute('aria-label'), lang).to.equal(
          words.idle.mark(locale.duration('30d')),
        );
        expect(text(end('Legacy importer').querySelector('time')), lang).to.equal(words.ends.expiredUnused(locale.relative(ended!, now)));
      }
      expect(de.ends.expiresUnused('in 5 Tagen')).to.equal('Läuft in 5 Tagen ab, falls ungenutzt');
    });

    it('renders a malicious name as text', async () => {
      ({ worker, store } = await useMockApi('default'));
      const evil = '<img src=x onerror=alert(1)>';
      const created = store.create('alice', { name: evil, description: '<b>bold</b><script>alert(2)</script>', duration: '30d' });
      const table = await mountLoaded();
      await until(() => rowNames(table).includes(evil), 'the malicious row');
      const row = rowByName(table, evil);
      expect(row.dataset.id).to.equal(created.id);
      expect(row.querySelector('td.name')!.textContent).to.equal(evil);
      expect(row.querySelector('td.description')!.textContent!.trim()).to.equal('<b>bold</b><script>alert(2)</script>');
      expect(root(table).querySelectorAll('img, b, script')).to.have.length(0);
      expect(row.querySelector('.row-menu-trigger')!.getAttribute('aria-label')).to.equal(`Actions for ${evil}`);

      // The confirmation names it as text too.
      await openDialog(table, () => chooseRowAction(table, evil, 'revoke'));
      expect(dialogMessage(table)).to.include(`"${evil}"`);
      expect(confirmDialog(table).shadowRoot!.querySelectorAll('img')).to.have.length(0);
      await click(dialogButton(table, 'cancel'));
    });
  });

  describe('every width', () => {
    afterEach(() => setViewport({ width: 800, height: 600 }));

    for (const width of [375, 768, 1024]) {
      it(`never widens the page at ${width} px: the table scrolls inside its frame`, async () => {
        await setViewport({ width, height: 800 });
        ({ worker, store } = await useMockApi('default'));
        const table = await mountLoaded();
        await expectRows(table, ACTIVE_BY_ISSUED);
        expect(document.documentElement.scrollWidth, 'the page is as wide as the viewport').to.be.at.most(innerWidth);
      });
    }
  });

  describe('as it ships', () => {
    it('runs on the minified templates the package ships (scripts/template-literals.ts)', async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mountLoaded();
      const styles = [(table.constructor as typeof HTMLElement & { styles: CSSResult | CSSResult[] }).styles].flat();
      expect(styles.length).to.be.above(0);
      for (const style of styles) expect(style.cssText, 'no line breaks, no comments').not.to.match(/\n|\/\*/);
    });
  });

  describe('status filter', () => {
    it('offers Active, Expiring soon, Revoked and Expired, any of them, and no "All": with none chosen it reads "All statuses"', async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mountLoaded({ status: 'all' });
      await expectRows(table, ALL_FIRST_PAGE);
      const select = statusSelect(table);
      expect([select.multiple, select.clearable], 'several at once, and a way to clear them').to.deep.equal([true, true]);
      expect(select.label).to.equal(strings.table.statusLabel);
      const options = [...select.querySelectorAll('sl-option')].map((option) => [option.getAttribute('value'), text(option)]);
      expect(options).to.deep.equal([
        ['active', 'Active'],
        ['expiring', 'Expiring soon'],
        ['revoked', 'Revoked'],
        ['expired', 'Expired'],
      ]);
      expect(chosenStatuses(table)).to.deep.equal([]);
      expect(statusFilterShows(table)).to.deep.equal([strings.table.statusAll]);
      expect(strings.table.statusAll).to.equal('All statuses');
      expect(statusClearButton(table), 'nothing to clear').to.equal(null);
      expect(pressedStats(table), 'no count is the filter').to.deep.equal(['false', 'false', 'false', 'false']);
      await expectAccessible(table);
    });

    const singles: [label: string, status: StatusFilter, expected: string[]][] = [
      ['Active', 'active', ACTIVE_BY_ISSUED],
      ['Expiring soon', 'expiring', EXPIRING_BY_ISSUED],
      ['Revoked', 'revoked', REVOKED_BY_ISSUED],
      ['Expired', 'expired', EXPIRED_BY_ISSUED],
    ];
    for (const [label, status, expected] of singles) {
      it(`ticking only "${label}" asks for status=${status}, shows those rows and reflects the attribute`, async () => {
        ({ worker, store } = await useMockApi('default'));
        const table = await mountLoaded({ status: 'all' });
        const requests = recordListRequests(worker);
        const changes = record(table, 'pat-query-change');
        await chooseMany(statusSelect(table), [status]);
        await expectRows(table, expected);
        expect(expected).to.deep.equal(storeNames(store, { status }));
        expect(requests.length, 'one list request').to.equal(1);
        expect(requests[0]!.searchParams.getAll('status')).to.deep.equal([status]);
        expect(requests[0]!.searchParams.get('offset')).to.equal('0');
        expect(table.getAttribute('status')).to.equal(status);
        expect(changes.map((event) => event.detail)).to.deep.equal([
          { status, search: '', sort: 'issued_at', sortDir: 'desc', page: 1, pageSize: 10 },
        ]);
        expect(statusFilterShows(table)).to.deep.equal([label]);
        const badges = new Set(rows(table).map((row) => text(row.querySelector('.badge'))));
        // An expiring PAT is active, with "Expiring soon" beside its expiry.
        expect([...badges]).to.deep.equal([status === 'expiring' ? 'Active' : label]);
        if (status === 'expiring') expect(rows(table).every((row) => text(row.querySelector('.expires')).includes(label))).to.equal(true);
      });
    }

    it('two statuses: one status=revoked,expired parameter, the PATs of either, the attribute and pat-query-change say both', async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mountLoaded({ status: 'revoked' });
      await expectRows(table, REVOKED_BY_ISSUED);
      const requests = recordListRequests(worker);
      const changes = record(table, 'pat-query-change');
      await chooseMany(statusSelect(table), ['expired']);
      await expectRows(table, REVOKED_OR_EXPIRED_BY_ISSUED);
      expect(REVOKED_OR_EXPIRED_BY_ISSUED).to.deep.equal(storeNames(store, { status: ['revoked', 'expired'] }));
      expect(requests.length, 'one list request').to.equal(1);
      expect(requests[0]!.searchParams.getAll('status'), 'one parameter, comma-separated').to.deep.equal(['revoked,expired']);
      expect(requests[0]!.search, 'the comma URL-encoded').to.include('status=revoked%2Cexpired');
      expect(requests[0]!.searchParams.get('offset')).to.equal('0');
      expect(table.status).to.equal('revoked,expired');
      expect(table.getAttribute('status')).to.equal('revoked,expired');
      expect(changes.map((event) => event.detail)).to.deep.equal([
        { status: 'revoked,expired', search: '', sort: 'issued_at', sortDir: 'desc', page: 1, pageSize: 10 },
      ]);
      expect(chosenStatuses(table)).to.deep.equal(['revoked', 'expired']);
      expect(statusFilterShows(table)).to.deep.equal(['Revoked', 'Expired']);
      expect(new Set(rows(table).map((row) => text(row.querySelector('.badge'))))).to.deep.equal(new Set(['Revoked', 'Expired']));
      expect(range(table)).to.equal('1–4 of 4');
      expect(pressedStats(table), 'no single count is the filter').to.deep.equal(['false', 'false', 'false', 'false']);
      expect(statCount(table, 'Revoked'), 'the counts stay').to.equal('2');
      await expectAccessible(table);
    });

    it('a status attribute of several, in any order and with unknown names, is read as the API reads it', async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mountLoaded({ status: 'expired,revoked' });
      await expectRows(table, REVOKED_OR_EXPIRED_BY_ISSUED);
      expect(table.getAttribute('status')).to.equal('revoked,expired');
      expect(statusFilterShows(table)).to.deep.equal(['Revoked', 'Expired']);

      const requests = recordListRequests(worker);
      table.setAttribute('status', 'expired,nonsense');
      await expectRows(table, EXPIRED_BY_ISSUED);
      expect(table.getAttribute('status')).to.equal('expired');
      expect(requests.at(-1)!.searchParams.get('status')).to.equal('expired');
      expect(statusFilterShows(table)).to.deep.equal(['Expired']);

      // Nothing known: the list's default.
      table.setAttribute('status', 'nonsense');
      await expectRows(table, ACTIVE_BY_ISSUED);
      expect(table.getAttribute('status')).to.equal(LIST_STATE_DEFAULTS.status);
      expect(requests.at(-1)!.searchParams.get('status')).to.equal('active');
    });

    it('Expiring soon beside Active is just Active; Active, Revoked and Expired together are all statuses', async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mountLoaded({ status: 'expiring' });
      await expectRows(table, EXPIRING_BY_ISSUED);
      const requests = recordListRequests(worker);
      const changes = record(table, 'pat-query-change');
      const select = statusSelect(table);
      const option = (value: string) => select.querySelector<HTMLElement>(`sl-option[value="${value}"]`)!;
      await openSelect(select);

      // Every expiring PAT is active: ticking Active leaves Active alone.
      await click(option('active'));
      await until(() => table.getAttribute('status') === 'active', 'status="active"');
      await expectRows(table, ACTIVE_BY_ISSUED);
      expect(chosenStatuses(table)).to.deep.equal(['active']);

      // Revoked too: both.
      await click(option('revoked'));
      await until(() => table.getAttribute('status') === 'active,revoked', 'status="active,revoked"');
      await expectRows(table, storeNames(store, { status: ['active', 'revoked'] }));
      expect(chosenStatuses(table)).to.deep.equal(['active', 'revoked']);

      // And Expired: that is every PAT, which the filter says with nothing ticked.
      await click(option('expired'));
      await until(() => table.getAttribute('status') === 'all', 'status="all"');
      await expectRows(table, ALL_FIRST_PAGE);
      await until(() => chosenStatuses(table).length === 0, 'nothing ticked');
      await sendKeys({ press: 'Escape' });
      await until(() => !select.open, 'the filter to close');
      expect(statusFilterShows(table)).to.deep.equal([strings.table.statusAll]);

      expect(requests.map((url) => url.searchParams.get('status'))).to.deep.equal(['active', 'active,revoked', 'all']);
      expect(changes.map((event) => event.detail.status)).to.deep.equal(['active', 'active,revoked', 'all']);
    });

    it('clearing the filter with its × asks for status=all and shows every PAT', async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mountLoaded({ status: 'revoked,expired' });
      await expectRows(table, REVOKED_OR_EXPIRED_BY_ISSUED);
      const requests = recordListRequests(worker);
      const changes = record(table, 'pat-query-change');
      await click(statusClearButton(table)!);
      await expectRows(table, ALL_FIRST_PAGE);
      expect(requests.map((url) => url.searchParams.get('status'))).to.deep.equal(['all']);
      expect(table.getAttribute('status')).to.equal('all');
      expect(changes.map((event) => event.detail)).to.deep.equal([
        { status: 'all', search: '', sort: 'issued_at', sortDir: 'desc', page: 1, pageSize: 10 },
      ]);
      expect(chosenStatuses(table)).to.deep.equal([]);
      await until(() => statusClearButton(table) === null, 'the × to go');
      expect(statusFilterShows(table)).to.deep.equal([strings.table.statusAll]);
      expect(range(table)).to.equal('1–10 of 12');
    });

    it('removing the last chosen status with its tag’s × shows every PAT too', async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mountLoaded({ status: 'revoked,expired' });
      await expectRows(table, REVOKED_OR_EXPIRED_BY_ISSUED);
      const requests = recordListRequests(worker);
      await click(statusTagRemove(table, 'Revoked'));
      await expectRows(table, EXPIRED_BY_ISSUED);
      expect(table.getAttribute('status')).to.equal('expired');
      await click(statusTagRemove(table, 'Expired'));
      await expectRows(table, ALL_FIRST_PAGE);
      expect(table.getAttribute('status')).to.equal('all');
      expect(requests.map((url) => url.searchParams.get('status'))).to.deep.equal(['expired', 'all']);
      expect(statusFilterShows(table)).to.deep.equal([strings.table.statusAll]);
      expect(statusSelect(table).open, 'a tag’s × does not open the list').to.equal(false);
    });
  });

  describe('search', () => {
    it('debounces typing into one case-insensitive name= request and filters the rows', async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mountLoaded();
      const requests = recordListRequests(worker);
      const changes = record(table, 'pat-query-change');
      await typeSearch(table, 'GR');
      await elapse(100, 'a pause in typing shorter than the search debounce: GR and AF must make one request');
      await sendKeys({ type: 'AF' });
      await expectRows(table, ['Grafana dashboards read-only']);
      await elapse(400, 'no list request may follow the one for GRAF');
      const named = requests.filter((url) => url.searchParams.has('name'));
      expect(named.map((url) => url.searchParams.get('name'))).to.deep.equal(['GRAF']);
      expect(requests).to.have.length(1);
      expect(requests[0]!.searchParams.get('status')).to.equal('active');
      expect(table.getAttribute('search')).to.equal('GRAF');
      expect(table.search).to.equal('GRAF');
      expect(changes.map((event) => event.detail.search)).to.deep.equal(['GRAF']);
    });

    it('matches a substring anywhere in the name', async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mountLoaded({ status: 'all' });
      await typeSearch(table, 'De');
      const expected = ['Local development', 'Hackathon demo', 'CI deploy'];
      await expectRows(table, expected);
      expect(expected).to.deep.equal(storeNames(store, { status: 'all', name: 'de' }));
    });
  });

  describe('stats', () => {
    it('show the summary counts', async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mountLoaded();
      const summary = store.summary('alice');
      expect(summary).to.include({ active: 8, expiring_soon: 2, revoked: 2, expired: 2, total: 12 });
      expect(statCount(table, 'Active')).to.equal('8');
      expect(statCount(table, 'Expiring soon')).to.equal('2');
      expect(statCount(table, 'Revoked')).to.equal('2');
      expect(statCount(table, 'Expired')).to.equal('2');
      expect(stat(table, 'Active').getAttribute('aria-pressed')).to.equal('true');
      for (const label of ['Expiring soon', 'Revoked', 'Expired'])
        expect(stat(table, label).getAttribute('aria-pressed'), label).to.equal('false');
    });

    it('the Revoked card filters to revoked PATs and is pressed', async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mountLoaded();
      const requests = recordListRequests(worker);
      const changes = record(table, 'pat-query-change');
      await click(stat(table, 'Revoked'));
      await expectRows(table, REVOKED_BY_ISSUED);
      expect(requests.at(-1)!.searchParams.get('status')).to.equal('revoked');
      expect(table.getAttribute('status')).to.equal('revoked');
      expect(stat(table, 'Revoked').getAttribute('aria-pressed')).to.equal('true');
      expect(stat(table, 'Active').getAttribute('aria-pressed')).to.equal('false');
      expect(changes.at(-1)!.detail.status).to.equal('revoked');
    });

    it('the Expired card filters to expired PATs', async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mountLoaded();
      await click(stat(table, 'Expired'));
      await expectRows(table, EXPIRED_BY_ISSUED);
      expect(stat(table, 'Expired').getAttribute('aria-pressed')).to.equal('true');
    });

    it('the Expiring soon card lists exactly the PATs it counts', async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mountLoaded({ status: 'revoked' });
      const requests = recordListRequests(worker);
      await click(stat(table, 'Expiring soon'));
      await expectRows(table, EXPIRING_BY_ISSUED);
      expect(EXPIRING_BY_ISSUED).to.have.length(Number(statCount(table, 'Expiring soon')));
      expect(requests.at(-1)!.searchParams.get('status')).to.equal('expiring');
      expect(stat(table, 'Expiring soon').getAttribute('aria-pressed')).to.equal('true');
      expect(stat(table, 'Active').getAttribute('aria-pressed')).to.equal('false');
      expect(chosenStatuses(table)).to.deep.equal(['expiring']);
      expect(statusFilterShows(table)).to.deep.equal(['Expiring soon']);
      expect(rows(table).every((row) => text(row).includes(strings.status.expiring))).to.equal(true);
    });

    it('a card sets its one status, whatever several the filter had', async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mountLoaded({ status: 'revoked,expired' });
      await expectRows(table, REVOKED_OR_EXPIRED_BY_ISSUED);
      const requests = recordListRequests(worker);
      const changes = record(table, 'pat-query-change');
      await click(stat(table, 'Expired'));
      await expectRows(table, EXPIRED_BY_ISSUED);
      expect(requests.map((url) => url.searchParams.getAll('status'))).to.deep.equal([['expired']]);
      expect(table.getAttribute('status')).to.equal('expired');
      expect(changes.map((event) => event.detail.status)).to.deep.equal(['expired']);
      expect(pressedStats(table)).to.deep.equal(['false', 'false', 'false', 'true']);
      expect(chosenStatuses(table)).to.deep.equal(['expired']);
      expect(statusFilterShows(table)).to.deep.equal(['Expired']);

      // From every status (nothing ticked) too.
      await click(statusClearButton(table)!);
      await expectRows(table, ALL_FIRST_PAGE);
      await click(stat(table, 'Active'));
      await expectRows(table, ACTIVE_BY_ISSUED);
      expect(table.getAttribute('status')).to.equal('active');
      expect(statusFilterShows(table)).to.deep.equal(['Active']);
      expect(pressedStats(table)).to.deep.equal(['true', 'false', 'false', 'false']);
    });

    it('the Active card after Expiring soon goes back to the active list', async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mountLoaded();
      await click(stat(table, 'Expiring soon'));
      await expectRows(table, EXPIRING_BY_ISSUED);
      await click(stat(table, 'Active'));
      await until(() => stat(table, 'Active').getAttribute('aria-pressed') === 'true', 'Active pressed');
      expect(stat(table, 'Expiring soon').getAttribute('aria-pressed')).to.equal('false');
      await expectRows(table, ACTIVE_BY_ISSUED);
    });
  });

  describe('sorting', () => {
    it('a header click sorts by that column; a second click flips the direction', async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mountLoaded();
      expect(header(table, 'Issued').getAttribute('aria-sort')).to.equal('descending');
      const requests = recordListRequests(worker);
      const changes = record(table, 'pat-query-change');

      await click(header(table, 'Name').querySelector('button')!);
      await expectRows(table, ACTIVE_BY_NAME);
      expect([requests.at(-1)!.searchParams.get('sort'), requests.at(-1)!.searchParams.get('dir')]).to.deep.equal(['name', 'asc']);
      expect(header(table, 'Name').getAttribute('aria-sort')).to.equal('ascending');
      expect(header(table, 'Issued').hasAttribute('aria-sort')).to.equal(false);
      expect([table.getAttribute('sort'), table.getAttribute('sort-dir')]).to.deep.equal(['name', 'asc']);

      await click(header(table, 'Name').querySelector('button')!);
      await expectRows(table, [...ACTIVE_BY_NAME].reverse());
      expect([requests.at(-1)!.searchParams.get('sort'), requests.at(-1)!.searchParams.get('dir')]).to.deep.equal(['name', 'desc']);
      expect(header(table, 'Name').getAttribute('aria-sort')).to.equal('descending');
      expect(changes.map((event) => [event.detail.sort, event.detail.sortDir])).to.deep.equal([
        ['name', 'asc'],
        ['name', 'desc'],
      ]);
      for (const column of ['Description', 'Status', 'Scopes'])
        expect(header(table, column).hasAttribute('aria-sort'), column).to.equal(false);
    });

    it('sorts by Last used (most recent first) and Expires, flipping on the second click', async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mountLoaded();
      const requests = recordListRequests(worker);

      await click(header(table, 'Last used').querySelector('button')!);
      const byUse = storeNames(store, { sort: 'last_used_at', dir: 'desc' });
      expect(byUse.slice(0, 3)).to.deep.equal(['Alerting webhook', 'Grafana dashboards read-only', 'Mobile app telemetry']);
      await expectRows(table, byUse);
      expect(requests.at(-1)!.searchParams.get('sort')).to.equal('last_used_at');
      expect(requests.at(-1)!.searchParams.get('dir')).to.equal('desc');
      expect(header(table, 'Last used').getAttribute('aria-sort')).to.equal('descending');

      await click(header(table, 'Last used').querySelector('button')!);
      await expectRows(table, storeNames(store, { sort: 'last_used_at', dir: 'asc' }));
      expect(header(table, 'Last used').getAttribute('aria-sort')).to.equal('ascending');

      await click(header(table, 'Expires').querySelector('button')!);
      await expectRows(table, [...ACTIVE_BY_EXPIRY].reverse());
      expect(header(table, 'Expires').getAttribute('aria-sort')).to.equal('descending');
      expect(header(table, 'Last used').hasAttribute('aria-sort')).to.equal(false);
    });
  });

  describe('pagination (250 PATs)', () => {
    it('next, previous, last and first pages', async () => {
      ({ worker, store } = await useMockApi('many'));
      const table = await mountLoaded({ status: 'all' });
      const page = (n: number, size = 10) => storeNames(store, { status: 'all', offset: (n - 1) * size, limit: size });
      await expectRows(table, page(1));
      expect(range(table)).to.equal('1–10 of 250');
      expect(text(root(table).querySelector('.page-of'))).to.equal('Page 1 of 25');
      expect(pager(table, 'Previous page').hasAttribute('disabled')).to.equal(true);
      expect(pager(table, 'First page').hasAttribute('disabled')).to.equal(true);
      const requests = recordListRequests(worker);
      const changes = record(table, 'pat-query-change');

      await click(pager(table, 'Next page'));
      await expectRows(table, page(2), 'page 2');
      expect(range(table)).to.equal('11–20 of 250');
      expect(requests.at(-1)!.searchParams.get('offset')).to.equal('10');
      expect(requests.at(-1)!.searchParams.get('limit')).to.equal('10');
      expect(requests.at(-1)!.searchParams.get('status')).to.equal('all');
      expect(table.getAttribute('page')).to.equal('2');

      await click(pager(table, 'Next page'));
      await expectRows(table, page(3), 'page 3');
      expect(range(table)).to.equal('21–30 of 250');

      await click(pager(table, 'Previous page'));
      await expectRows(table, page(2), 'back to page 2');
      expect(requests.at(-1)!.searchParams.get('offset')).to.equal('10');

      await click(pager(table, 'Last page'));
      await expectRows(table, page(25), 'the last page');
      expect(range(table)).to.equal('241–250 of 250');
      expect(requests.at(-1)!.searchParams.get('offset')).to.equal('240');
      expect(pager(table, 'Next page').hasAttribute('disabled')).to.equal(true);
      expect(pager(table, 'Last page').hasAttribute('disabled')).to.equal(true);

      await click(pager(table, 'First page'));
      await expectRows(table, page(1), 'back to the first page');
      expect(range(table)).to.equal('1–10 of 250');
      expect(requests.at(-1)!.searchParams.get('offset')).to.equal('0');
      expect(changes.map((event) => event.detail.page)).to.deep.equal([2, 3, 2, 25, 1]);
    });

    for (const size of [25, 50]) {
      it(`rows per page ${size} changes the request limit and the rows`, async () => {
        ({ worker, store } = await useMockApi('many'));
        const table = await mountLoaded({ status: 'all' });
        const requests = recordListRequests(worker);
        await chooseOne(pageSizeSelect(table), String(size));
        await expectRows(table, storeNames(store, { status: 'all', limit: size }));
        expect(rows(table)).to.have.length(size);
        expect(requests.at(-1)!.searchParams.get('limit')).to.equal(String(size));
        expect(requests.at(-1)!.searchParams.get('offset')).to.equal('0');
        expect(range(table)).to.equal(`1–${size} of 250`);
        expect(table.getAttribute('page-size')).to.equal(String(size));

        await click(pager(table, 'Next page'));
        await expectRows(table, storeNames(store, { status: 'all', offset: size, limit: size }));
        expect(range(table)).to.equal(`${size + 1}–${2 * size} of 250`);
      });
    }

    it('a revoked PAT shows when it was revoked, not an expiry it will never reach', async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mountLoaded({ status: 'revoked' });
      const expires = text(cells(rowByName(table, 'Leaked in support ticket'))[4]);
      expect(expires).to.match(/^Revoked .+ ago$/);
    });

    it('goes back to page 1 when the filter changes', async () => {
      ({ worker, store } = await useMockApi('many'));
      const table = await mountLoaded({ status: 'all' });
      await click(pager(table, 'Next page'));
      await until(() => range(table) === '11–20 of 250' && busy(table) === 'false', 'page 2');
      await click(pager(table, 'Next page'));
      await until(() => range(table) === '21–30 of 250' && busy(table) === 'false', 'page 3');
      const requests = recordListRequests(worker);
      await chooseMany(statusSelect(table), ['active']);
      const expected = storeNames(store, { status: 'active' });
      await expectRows(table, expected);
      expect(requests.at(-1)!.searchParams.get('offset')).to.equal('0');
      expect(table.page).to.equal(1);
      expect(table.getAttribute('page')).to.equal('1');
      expect(range(table)).to.match(/^1–10 of /);

      // And when the search changes.
      await click(pager(table, 'Next page'));
      await until(() => table.page === 2 && busy(table) === 'false', 'page 2 of active');
      await typeSearch(table, 'billing');
      await expectRows(table, storeNames(store, { status: 'active', name: 'billing' }));
      expect(table.page).to.equal(1);
      expect(requests.at(-1)!.searchParams.get('offset')).to.equal('0');
    });
  });

  describe('opening a row', () => {
    it('a row click emits pat-select with the id', async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mountLoaded();
      const selects = record(table, 'pat-select');
      await click(rowByName(table, 'CI deploy').querySelector('td.name')!);
      expect(selects.map((event) => event.detail)).to.deep.equal([{ id: idOf('CI deploy') }]);
      expect(selects[0]!.bubbles && selects[0]!.composed).to.equal(true);
      await click(cells(rowByName(table, 'Terraform provisioning'))[4]!);
      expect(selects.map((event) => event.detail.id)).to.deep.equal([idOf('CI deploy'), idOf('Terraform provisioning')]);
    });

    it('Enter on a focused row emits pat-select with the id', async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mountLoaded();
      const selects = record(table, 'pat-select');
      rowByName(table, 'Nightly backup').focus();
      await sendKeys({ press: 'Enter' });
      expect(selects.map((event) => event.detail)).to.deep.equal([{ id: idOf('Nightly backup') }]);
    });

    it("each row's ⋮ is a native menu button named for its PAT, with the icon hidden from assistive technology", async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mountLoaded();
      for (const name of ACTIVE_BY_ISSUED) {
        const trigger = menuButton(table, name);
        expect(trigger.localName, name).to.equal('button');
        expect(trigger.type, name).to.equal('button');
        expect(trigger.getAttribute('aria-label'), name).to.equal(strings.table.rowActions(name));
        expect(trigger.getAttribute('aria-haspopup'), `${name}: a menu button before it is ever focused`).to.equal('true');
        expect(trigger.getAttribute('aria-expanded'), name).to.equal('false');
        const icon = trigger.querySelector('svg')!;
        expect(icon.getAttribute('aria-hidden'), `${name}: the icon is decoration`).to.equal('true');
        const size = icon.getBoundingClientRect();
        expect([size.width, size.height], `${name}: the icon is drawn`).to.deep.equal([14, 14]);
      }
      // sl-icon-button's look: neutral, primary under the pointer, and the focus ring on keyboard focus.
      const trigger = menuButton(table, 'CI deploy');
      const neutral = getComputedStyle(trigger).color;
      trigger.scrollIntoView({ block: 'center', inline: 'center' });
      const box = trigger.getBoundingClientRect();
      await sendMouse({ type: 'move', position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)] });
      await until(() => getComputedStyle(trigger).color !== neutral, 'the hover colour');
      await resetMouse();
      await tabToMenuButton(table, 'CI deploy');
      expect(getComputedStyle(trigger).outlineStyle, 'the focus ring').to.equal('solid');
      // Enter opens its menu, on its first item.
      await sendKeys({ press: 'Enter' });
      await menuShown(table, 'CI deploy');
      await until(() => focused(table) === 'item:view', 'View focused');
      expect(trigger.getAttribute('aria-expanded')).to.equal('true');
    });

    it("clicking the row's menu button opens the menu under it and does not emit pat-select", async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mountLoaded();
      const selects = record(table, 'pat-select');
      // Room below the button (the menu flips over it where there is none).
      const spacer = document.createElement('div');
      spacer.style.height = '200vh';
      document.body.append(spacer);
      cleanups.push(() => spacer.remove());
      menuButton(table, 'CI deploy').scrollIntoView({ block: 'center' });
      const menu = await openRowMenu(table, 'CI deploy');
      // Placement bottom-end: the menu's top at the button's bottom, their right edges aligned.
      const button = menuButton(table, 'CI deploy').getBoundingClientRect();
      const rect = menu.getBoundingClientRect();
      expect(Math.round(rect.top)).to.equal(Math.round(button.bottom));
      expect(Math.round(rect.right)).to.equal(Math.round(button.right));
      expect(menuButton(table, 'CI deploy').getAttribute('aria-expanded')).to.equal('true');
      expect(menuButton(table, 'CI deploy').getAttribute('aria-haspopup')).to.equal('true');
      expect(focused(table), 'the focus stays on the button').to.equal('menu:CI deploy');
      await elapse(50, 'opening the menu must not emit pat-select');
      expect(selects).to.have.length(0);
      await expectAccessible(table);
    });

    it('the menu reads as a menu: items aligned to the start, a divider before what stops a secret or a PAT, Delete in red', async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mountLoaded();
      const menu = await openRowMenu(table, 'CI deploy');
      const children = [...menu.children].map((child) => (child.localName === 'sl-divider' ? '—' : child.getAttribute('value')));
      expect(children).to.deep.equal(['view', 'copy', 'add-scope', 'duplicate', '—', 'revoke', 'delete']);
      const base = (value: string) =>
        menu.querySelector(`sl-menu-item[value="${value}"]`)!.shadowRoot!.querySelector<HTMLElement>('[part~="base"]')!;
      const label = (value: string) =>
        menu.querySelector(`sl-menu-item[value="${value}"]`)!.shadowRoot!.querySelector<HTMLElement>('[part~="label"]')!;
      expect(getComputedStyle(base('view')).textAlign).to.be.oneOf(['start', 'left']);
      // Each label starts where the menu's items start, not at the end of a wide item.
      expect(Math.abs(label('view').getBoundingClientRect().left - label('delete').getBoundingClientRect().left)).to.be.below(1);
      const danger = getComputedStyle(document.documentElement).getPropertyValue('--sl-color-danger-700').trim();
      const probe = document.createElement('span');
      probe.style.color = danger;
      document.body.append(probe);
      const dangerRgb = getComputedStyle(probe).color;
      probe.remove();
      expect(getComputedStyle(base('delete')).color).to.equal(dangerRgb);
      expect(getComputedStyle(base('view')).color).not.to.equal(dangerRgb);
      await expectAccessible(table);
    });

    it('a second click on the menu button closes the menu, and so does a click outside', async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mountLoaded();
      const selects = record(table, 'pat-select');
      await openRowMenu(table, 'CI deploy');
      await click(menuButton(table, 'CI deploy'));
      await menuHidden(table);
      expect(menuButton(table, 'CI deploy').getAttribute('aria-expanded')).to.equal('false');

      await openRowMenu(table, 'CI deploy');
      await click(header(table, 'Description'));
      await menuHidden(table);
      await elapse(50, 'closing the menu must not emit pat-select');
      expect(selects).to.have.length(0);
    });

    it('taken out of the page with a menu open, the table comes back with the menu closed and its ⋮ saying so', async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mountLoaded();
      await openRowMenu(table, 'CI deploy');
      expect(menuButton(table, 'CI deploy').getAttribute('aria-expanded')).to.equal('true');
      const parent = table.parentElement!;
      table.remove();
      parent.append(table);
      await table.updateComplete;
      await menuHidden(table);
      expect(menuButton(table, 'CI deploy').getAttribute('aria-expanded')).to.equal('false');
      await openRowMenu(table, 'CI deploy');
      expect(menuButton(table, 'CI deploy').getAttribute('aria-expanded'), 'it opens again').to.equal('true');
    });

    it('choosing a menu item does not open the row as well', async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mountLoaded();
      const selects = record(table, 'pat-select');
      const navigations = record(table, 'pat-navigate');
      // By mouse.
      await chooseRowAction(table, 'CI deploy', 'add-scope');
      await until(() => navigations.length === 1, 'pat-navigate');
      await menuHidden(table);
      // By keyboard: Enter on an item (the row itself opens on Enter). The pointer out of the
      // way first: a menu item under it takes the focus.
      await resetMouse();
      await tabToMenuButton(table, 'Nightly backup');
      await sendKeys({ press: 'ArrowDown' });
      await until(() => focused(table) === 'item:view', 'View focused');
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'ArrowDown' });
      expect(focused(table)).to.equal('item:add-scope');
      await sendKeys({ press: 'Enter' });
      await until(() => navigations.length === 2, 'the second pat-navigate');
      await elapse(100, 'a menu item must not open the row too: no pat-select, no third pat-navigate');
      expect(navigations.map((event) => event.detail)).to.deep.equal([
        { route: `/pats/${idOf('CI deploy')}/add-scope` },
        { route: `/pats/${idOf('Nightly backup')}/add-scope` },
      ]);
      expect(selects, 'pat-select from the row').to.have.length(0);

      // View opens the PAT once: from the menu, not from the row too.
      await chooseRowAction(table, 'Alerting webhook', 'view');
      await until(() => selects.length > 0, 'pat-select from View');
      await elapse(100, 'View must emit pat-select once, not again from the row');
      expect(selects.map((event) => event.detail)).to.deep.equal([{ id: idOf('Alerting webhook') }]);
    });
  });

  describe('row actions', () => {
    it('offer Revoke on active rows and Regenerate on revoked and expired rows', async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mountLoaded({ status: 'all' });
      const statuses = new Set<string>();
      for (const row of rows(table)) {
        const name = text(row.querySelector('td.name'));
        const status = text(row.querySelector('.badge'));
        statuses.add(status);
        await openRowMenu(table, name);
        const expected =
          status === 'Active'
            ? ['view', 'copy', 'add-scope', 'duplicate', 'revoke', 'delete']
            : ['view', 'copy', 'add-scope', 'duplicate', 'regenerate', 'delete'];
        expect(menuItems(table), `${name} (${status})`).to.deep.equal(expected);
        await sendKeys({ press: 'Escape' });
        await menuHidden(table);
      }
      expect([...statuses].sort()).to.deep.equal(['Active', 'Expired', 'Revoked']);
      const menu = await openRowMenu(table, 'CI deploy');
      expect([...menu.querySelectorAll('sl-menu-item')].map((item) => text(item))).to.deep.equal([
        'View',
        'Copy ID',
        'Add scopes',
        'Duplicate',
        'Revoke',
        'Delete',
      ]);
      await sendKeys({ press: 'Escape' });
      await menuHidden(table);
      expect([...(await openRowMenu(table, 'Hackathon demo')).querySelectorAll('sl-menu-item')].map((item) => text(item))).to.deep.equal([
        'View',
        'Copy ID',
        'Add scopes',
        'Duplicate',
        'Regenerate',
        'Delete',
      ]);
    });

    it("opening a second row's menu closes the first and shows the second row's actions", async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mountLoaded({ status: 'all' });
      const navigations = record(table, 'pat-navigate');
      // The lower row first, with room below it: its open menu hangs over the rows below it.
      const spacer = document.createElement('div');
      spacer.style.height = '200vh';
      document.body.append(spacer);
      cleanups.push(() => spacer.remove());
      menuButton(table, 'Leaked in support ticket').scrollIntoView({ block: 'center' });
      await openRowMenu(table, 'Leaked in support ticket');
      expect(menuItems(table)).to.deep.equal(['view', 'copy', 'add-scope', 'duplicate', 'regenerate', 'delete']);
      await openRowMenu(table, 'CI deploy');
      expect(shownMenus(table), 'menus on screen').to.have.length(1);
      expect(menuItems(table)).to.deep.equal(['view', 'copy', 'add-scope', 'duplicate', 'revoke', 'delete']);
      expect(menuButton(table, 'Leaked in support ticket').getAttribute('aria-expanded')).to.equal('false');
      expect(menuButton(table, 'CI deploy').getAttribute('aria-expanded')).to.equal('true');
      await click(shownMenu(table)!.querySelector('sl-menu-item[value="add-scope"]')!);
      await until(() => navigations.length > 0, 'pat-navigate');
      expect(navigations.map((event) => event.detail)).to.deep.equal([{ route: `/pats/${idOf('CI deploy')}/add-scope` }]);
      await menuHidden(table);

      // And back to the other: its own actions again.
      await openRowMenu(table, 'Leaked in support ticket');
      expect(menuItems(table)).to.deep.equal(['view', 'copy', 'add-scope', 'duplicate', 'regenerate', 'delete']);
      await click(shownMenu(table)!.querySelector('sl-menu-item[value="regenerate"]')!);
      await until(() => navigations.length > 1, 'the second pat-navigate');
      expect(navigations.at(-1)!.detail).to.deep.equal({ route: `/pats/${idOf('Leaked in support ticket')}/regenerate` });
    });

    it("the menu is not clipped by the table's scrolling frame", async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mountLoaded({ status: 'all' });
      const frame = root(table).querySelector<HTMLElement>('.frame')!;
      const last = rowNames(table).at(-1)!;
      // Room below the table, and its last row at the top of the window: the menu hangs below the frame.
      const spacer = document.createElement('div');
      spacer.style.height = '200vh';
      document.body.append(spacer);
      cleanups.push(() => spacer.remove());
      menuButton(table, last).scrollIntoView({ block: 'start' });
      const menu = await openRowMenu(table, last);
      const frameRect = frame.getBoundingClientRect();
      const rect = menu.getBoundingClientRect();
      expect(rect.bottom, 'the menu reaches below the frame').to.be.greaterThan(frameRect.bottom);
      // Every item is there to be clicked, inside the frame or out of it.
      for (const item of menu.querySelectorAll('sl-menu-item')) {
        expect(drawnAt(root(table), item), item.getAttribute('value')!).to.equal(item);
      }
    });

    it('View emits pat-select', async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mountLoaded();
      const selects = record(table, 'pat-select');
      await chooseRowAction(table, 'Alerting webhook', 'view');
      await until(() => selects.length > 0, 'pat-select');
      await elapse(50, 'View must emit pat-select once');
      expect(selects.map((event) => event.detail)).to.deep.equal([{ id: idOf('Alerting webhook') }]);
    });

    it('Duplicate emits a cancelable pat-request-duplicate with the id and name, and changes nothing', async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mountLoaded({ status: 'all' });
      const requests = record(table, 'pat-request-duplicate');
      const selects = record(table, 'pat-select');
      const navigations = record(table, 'pat-navigate');
      const writes: string[] = [];
      const onRequest = ({ request }: { request: Request }) => request.method !== 'GET' && writes.push(`${request.method} ${request.url}`);
      worker.events.on('request:start', onRequest);
      cleanups.push(() => worker.events.removeListener('request:start', onRequest));
      await chooseRowAction(table, 'CI deploy', 'duplicate');
      await until(() => requests.length === 1, 'pat-request-duplicate');
      await menuHidden(table);
      // A revoked token has it too: a copy is a new token with its own secret.
      await chooseRowAction(table, 'Leaked in support ticket', 'duplicate');
      await until(() => requests.length === 2, 'the second pat-request-duplicate');
      await elapse(100, 'Duplicate must emit one request event, and neither pat-select nor pat-navigate');
      expect(requests.map((event) => event.detail)).to.deep.equal([
        { id: idOf('CI deploy'), name: 'CI deploy' },
        { id: idOf('Leaked in support ticket'), name: 'Leaked in support ticket' },
      ]);
      for (const event of requests) expect([event.bubbles, event.composed, event.cancelable]).to.deep.equal([true, true, true]);
      expect(selects, 'pat-select').to.have.length(0);
      expect(navigations, 'pat-navigate').to.have.length(0);
      expect(writes, 'requests that change something').to.deep.equal([]);
      await until(() => focused(table) === 'menu:Leaked in support ticket', 'the focus back on the menu button');
    });

    it('Copy ID writes the id to the clipboard and announces it', async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mountLoaded();
      const copied: string[] = [];
      Object.defineProperty(navigator.clipboard, 'writeText', {
        configurable: true,
        value: async (value: string) => {
          copied.push(value);
        },
      });
      cleanups.push(() => delete (navigator.clipboard as unknown as Record<string, unknown>).writeText);
      const selects = record(table, 'pat-select');
      await chooseRowAction(table, 'CI deploy', 'copy');
      await until(() => copied.length > 0, 'the clipboard write');
      expect(copied).to.deep.equal([idOf('CI deploy')]);
      await until(() => announcement(table) === 'ID of CI deploy copied', 'the announcement').catch(() => undefined);
      expect(announcement(table)).to.equal('ID of CI deploy copied');
      expect(root(table).querySelector('[role="status"]')!.getAttribute('aria-live')).to.equal('polite');
      expect(selects).to.have.length(0);
    });

    it('shows what an action did on screen too (a toast), for a few seconds', async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mountLoaded();
      Object.defineProperty(navigator.clipboard, 'writeText', { configurable: true, value: async () => undefined });
      cleanups.push(() => delete (navigator.clipboard as unknown as Record<string, unknown>).writeText);
      const toast = root(table).querySelector<HTMLElement>('[part="toast"]')!;
      expect(toast.getBoundingClientRect().width, 'nothing shows before').to.be.below(2);
      await chooseRowAction(table, 'CI deploy', 'copy');
      await until(() => text(toast) === 'ID of CI deploy copied', 'the toast');
      const box = toast.getBoundingClientRect();
      expect(box.width).to.be.above(100);
      expect(box.bottom, 'at the foot of the viewport').to.be.within(innerHeight - 80, innerHeight);
      expect(getComputedStyle(toast).visibility).to.equal('visible');
      await elapse(TOAST_MS + 300, 'the toast stays for TOAST_MS, then goes');
      expect(text(toast)).to.equal('');
      expect(toast.getBoundingClientRect().width).to.be.below(2);
    });

    it('Add scope emits pat-navigate to /pats/<id>/add-scope', async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mountLoaded();
      const navigations = record(table, 'pat-navigate');
      const selects = record(table, 'pat-select');
      await chooseRowAction(table, 'CI deploy', 'add-scope');
      await until(() => navigations.length > 0, 'pat-navigate');
      expect(navigations.map((event) => event.detail)).to.deep.equal([{ route: `/pats/${idOf('CI deploy')}/add-scope` }]);
      expect(selects).to.have.length(0);
    });

    it('Regenerate emits pat-navigate to /pats/<id>/regenerate', async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mountLoaded({ status: 'revoked' });
      const navigations = record(table, 'pat-navigate');
      await chooseRowAction(table, 'Old Jenkins pipeline', 'regenerate');
      await until(() => navigations.length > 0, 'pat-navigate');
      expect(navigations.map((event) => event.detail)).to.deep.equal([{ route: `/pats/${idOf('Old Jenkins pipeline')}/regenerate` }]);
    });

    it('Revoke asks, names the PAT, warns, then revokes it', async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mountLoaded();
      const id = idOf('CI deploy');
      const requests = record(table, 'pat-request-revoke');
      const revoked = record(table, 'pat-revoked');
      const dialog = await openDialog(table, () => chooseRowAction(table, 'CI deploy', 'revoke'));
      expect(requests.map((event) => event.detail)).to.deep.equal([{ id, name: 'CI deploy' }]);
      expect(requests[0]!.cancelable).to.equal(true);
      expect(dialog.label).to.equal('Revoke token?');
      expect(dialogMessage(table)).to.include('"CI deploy"');
      expect(dialogMessage(table)).to.match(/stop working/);
      expect(text(dialogButton(table, 'confirm'))).to.equal('Revoke');
      expect(revoked).to.have.length(0);
      await expectAccessible(table);

      await click(dialogButton(table, 'confirm'));
      await until(() => revoked.length > 0, 'pat-revoked');
      expect(revoked.map((event) => event.detail)).to.deep.equal([{ id }]);
      await until(() => !dialog.open, 'the dialog closes');
      await expectRows(
        table,
        ACTIVE_BY_ISSUED.filter((name) => name !== 'CI deploy'),
      );
      expect(store.get('alice', id).status).to.equal('revoked');
      const { status, body } = await apiGet(`/pats/${id}`);
      expect(status).to.equal(200);
      expect(body.status).to.equal('revoked');
      await until(() => statCount(table, 'Revoked') === '3' && statCount(table, 'Active') === '7', 'the counts update');
      await until(() => announcement(table) === 'CI deploy revoked', 'the announcement');
    });

    it('Delete asks, then deletes the PAT', async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mountLoaded();
      const id = idOf('Terraform provisioning');
      const requests = record(table, 'pat-request-delete');
      const deleted = record(table, 'pat-deleted');
      const dialog = await openDialog(table, () => chooseRowAction(table, 'Terraform provisioning', 'delete'));
      expect(requests.map((event) => event.detail)).to.deep.equal([{ id, name: 'Terraform provisioning' }]);
      expect(dialog.label).to.equal('Delete token?');
      expect(dialogMessage(table)).to.include('"Terraform provisioning"');
      expect(text(dialogButton(table, 'confirm'))).to.equal('Delete');

      await click(dialogButton(table, 'confirm'));
      await until(() => deleted.length > 0, 'pat-deleted');
      expect(deleted.map((event) => event.detail)).to.deep.equal([{ id }]);
      await expectRows(
        table,
        ACTIVE_BY_ISSUED.filter((name) => name !== 'Terraform provisioning'),
      );
      expect((await apiGet(`/pats/${id}`)).status).to.equal(404);
      expect(store.count('alice')).to.equal(11);
      await until(() => statCount(table, 'Active') === '7', 'the counts update');
    });

    it('renders its confirmation dialog the first time it asks; that dialog opens, and gives the focus back', async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mountLoaded();
      expect(confirmDialog(table) === null, 'no dialog before one is needed').to.equal(true);
      const deleteAll = button(root(table), 'Delete all tokens');
      let shows = 0;
      table.addEventListener('sl-show', (event) => (event.composedPath()[0] as Element).localName === 'sl-dialog' && shows++);
      const dialog = await openDialog(table, () => click(deleteAll));
      expect(shows, 'sl-show, as a dialog that opens (not one rendered open) emits it').to.equal(1);
      expect(dialog.open).to.equal(true);
      expect(dialogMessage(table)).to.include('All 12 personal access tokens');
      const hidden = nextEvent(dialog, 'sl-after-hide');
      await sendKeys({ press: 'Escape' });
      await hidden;
      await until(() => root(table).activeElement === deleteAll, 'the focus back on Delete All');
      // The next question uses the same dialog.
      expectSame(await openDialog(table, () => click(deleteAll)), dialog, 'the dialog the second time');
      await click(dialogButton(table, 'cancel'));
      expect((await apiGet('/pats?status=all')).body.total).to.equal(12);
    });

    it('after Delete, focus moves to the row that took its place', async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mountLoaded();
      const index = ACTIVE_BY_ISSUED.indexOf('Terraform provisioning');
      await openDialog(table, () => chooseRowAction(table, 'Terraform provisioning', 'delete'));
      await click(dialogButton(table, 'confirm'));
      await expectRows(
        table,
        ACTIVE_BY_ISSUED.filter((name) => name !== 'Terraform provisioning'),
      );
      const next = ACTIVE_BY_ISSUED[index + 1]!;
      await until(() => root(table).activeElement === rowByName(table, next), `focus on "${next}"`, 8000);
    });

    it('after Delete All, focus moves to Create PAT', async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mountLoaded();
      await openDialog(table, () => click(button(root(table), 'Delete all tokens')));
      await click(dialogButton(table, 'confirm'));
      await until(() => stateText(table).includes('No personal access tokens yet'), 'the empty state', 8000);
      await until(() => text(root(table).activeElement).includes('Create PAT'), 'focus on Create PAT', 8000);
    });

    it('Delete All asks with the count, then shows the empty state', async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mountLoaded();
      const requests = record(table, 'pat-request-delete-all');
      const allDeleted = record(table, 'pat-all-deleted');
      const dialog = await openDialog(table, () => click(button(root(table), 'Delete all tokens')));
      expect(requests.map((event) => event.detail)).to.deep.equal([{ count: 12 }]);
      expect(dialog.label).to.equal('Delete all tokens?');
      expect(dialogMessage(table)).to.include('All 12 personal access tokens');
      expect(text(dialogButton(table, 'confirm'))).to.equal('Delete 12 tokens');

      // The counts come back after the (empty) list: "No tokens match" must not flash meanwhile.
      worker.use(
        http.get('/api/pats/summary', async () => {
          await delay(400);
          return undefined;
        }),
      );
      const states: string[] = [];
      const observer = new MutationObserver(() => {
        const state = stateText(table);
        if (state && states.at(-1) !== state) states.push(state);
      });
      observer.observe(root(table), { subtree: true, childList: true, characterData: true });
      cleanups.push(() => observer.disconnect());

      await click(dialogButton(table, 'confirm'));
      await until(() => allDeleted.length > 0, 'pat-all-deleted');
      expect(allDeleted.map((event) => event.detail)).to.deep.equal([{ deleted: 12 }]);
      await until(() => stateText(table).includes('No personal access tokens yet'), 'the empty state');
      expect(
        states.filter((state) => state.includes('No tokens match')),
        'a "no match" flash',
      ).to.deep.equal([]);
      expect(rows(table)).to.have.length(0);
      button(root(table).querySelector('.state')!, 'Create PAT');
      expect(store.count('alice')).to.equal(0);
      expect(store.count('bob'), "bob's PATs stay").to.equal(5);
      expect((await apiGet('/pats?status=all')).body.total).to.equal(0);
      await until(() => button(root(table), 'Delete all tokens').hasAttribute('disabled'), 'Delete All disabled');
    });
  });

  describe('cancelling and vetoing', () => {
    type Action = {
      name: string;
      request: 'pat-request-revoke' | 'pat-request-delete' | 'pat-request-delete-all';
      done: 'pat-revoked' | 'pat-deleted' | 'pat-all-deleted';
      open: (table: PatTable) => Promise<void>;
    };
    const actions: Action[] = [
      {
        name: 'Revoke',
        request: 'pat-request-revoke',
        done: 'pat-revoked',
        open: (table) => chooseRowAction(table, 'CI deploy', 'revoke'),
      },
      {
        name: 'Delete',
        request: 'pat-request-delete',
        done: 'pat-deleted',
        open: (table) => chooseRowAction(table, 'CI deploy', 'delete'),
      },
      {
        name: 'Delete all tokens',
        request: 'pat-request-delete-all',
        done: 'pat-all-deleted',
        open: (table) => click(button(root(table), 'Delete all tokens')),
      },
    ];

    async function expectNothingChanged(table: PatTable) {
      const id = idOf('CI deploy');
      const one = await apiGet(`/pats/${id}`);
      expect(one.status).to.equal(200);
      expect(one.body.status).to.equal('active');
      expect((await apiGet('/pats?status=all')).body.total).to.equal(12);
      expect(rowNames(table)).to.deep.equal(ACTIVE_BY_ISSUED);
    }

    for (const action of actions) {
      for (const how of ['the Cancel button', 'Escape'] as const) {
        it(`${action.name}: ${how} changes nothing`, async () => {
          ({ worker, store } = await useMockApi('default'));
          const table = await mountLoaded();
          const done = record(table, action.done);
          const dialog = await openDialog(table, () => action.open(table));
          const hidden = nextEvent(dialog, 'sl-after-hide');
          if (how === 'Escape') await sendKeys({ press: 'Escape' });
          else await click(dialogButton(table, 'cancel'));
          await hidden;
          expect(dialog.open).to.equal(false);
          await elapse(100, `cancelling ${action.name} must not emit ${action.done} nor change anything`);
          expect(done).to.have.length(0);
          await expectNothingChanged(table);
        });
      }

      it(`${action.name}: preventDefault() on ${action.request} stops it before any dialog`, async () => {
        ({ worker, store } = await useMockApi('default'));
        const table = await mountLoaded();
        const vetoed: Event[] = [];
        table.addEventListener(action.request, (event) => {
          vetoed.push(event);
          event.preventDefault();
        });
        const done = record(table, action.done);
        let shown = false;
        table.addEventListener('sl-show', () => (shown = true));
        await action.open(table);
        await until(() => vetoed.length > 0, action.request);
        await elapse(200, `a vetoed ${action.request} must open no dialog`);
        expect(shown, 'a dialog opened').to.equal(false);
        expect(slDialog(table)?.open ?? false).to.equal(false);
        expect(done).to.have.length(0);
        await expectNothingChanged(table);
      });
    }
  });

  describe('create and reset', () => {
    it("the toolbar's Create PAT emits pat-navigate /pats/new", async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mountLoaded();
      const navigations = record(table, 'pat-navigate');
      await click(button(root(table).querySelector('.toolbar')!, 'Create PAT'));
      expect(navigations.map((event) => event.detail)).to.deep.equal([{ route: '/pats/new' }]);
    });

    it("the empty state's Create PAT emits pat-navigate /pats/new", async () => {
      ({ worker, store } = await useMockApi('empty'));
      const table = await mount<PatTable>(html`<pat-table></pat-table>`);
      await until(() => stateText(table).includes('No personal access tokens yet'), 'the empty state');
      const navigations = record(table, 'pat-navigate');
      await click(button(root(table).querySelector('.state')!, 'Create PAT'));
      expect(navigations.map((event) => event.detail)).to.deep.equal([{ route: '/pats/new' }]);
    });

    it('Reset filters clears the search and shows all statuses', async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mountLoaded({ status: 'revoked' });
      await typeSearch(table, 'nothing like this');
      await until(() => stateText(table).includes('No tokens match'), 'the no-match state');
      const changes = record(table, 'pat-query-change');
      await click(button(root(table).querySelector('.state')!, 'Reset filters'));
      await expectRows(table, ALL_FIRST_PAGE);
      expect(table.search).to.equal('');
      expect(table.status).to.equal('all');
      expect(table.getAttribute('status')).to.equal('all');
      expect(root(table).querySelector<HTMLInputElement & { value: string }>('sl-input.search')!.value).to.equal('');
      expect(chosenStatuses(table), 'nothing ticked').to.deep.equal([]);
      expect(statusFilterShows(table)).to.deep.equal([strings.table.statusAll]);
      expect(changes.at(-1)!.detail).to.include({ status: 'all', search: '', page: 1 });
    });
  });

  describe('keyboard', () => {
    it('Tab reaches the counts, search, filter, buttons, headers, rows and the row menu', async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mountLoaded();
      const before = document.createElement('button');
      before.textContent = 'before';
      table.parentElement!.before(before);
      cleanups.push(() => before.remove());
      before.focus();
      const stops: string[] = [];
      for (let i = 0; i < 16; i++) {
        await sendKeys({ press: 'Tab' });
        stops.push(focused(table));
      }
      expect(stops).to.deep.equal([
        'stat:Active',
        'stat:Expiring soon',
        'stat:Revoked',
        'stat:Expired',
        'search',
        'status',
        'button:Create PAT',
        'button:Delete all tokens',
        'sort:Name',
        'sort:Issued',
        'sort:Expires',
        'sort:Last used',
        'row:Local development',
        'menu:Local development',
        'row:Support team access',
        'menu:Support team access',
      ]);
    });

    it('Enter, Space and ArrowDown on the menu button open the menu with its first item focused', async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mountLoaded();
      const selects = record(table, 'pat-select');
      await tabToMenuButton(table, 'CI deploy');
      expect(menuButton(table, 'CI deploy').getAttribute('aria-haspopup'), 'a menu button').to.equal('true');
      expect(menuButton(table, 'CI deploy').getAttribute('aria-expanded')).to.equal('false');

      for (const key of ['Enter', ' ', 'ArrowDown']) {
        await sendKeys({ press: key });
        await menuShown(table, 'CI deploy');
        await until(() => focused(table) === 'item:view', `${JSON.stringify(key)}: the first item focused`);
        expect(menuButton(table, 'CI deploy').getAttribute('aria-expanded'), `${JSON.stringify(key)}: aria-expanded`).to.equal('true');
        expect(menuItems(table)).to.deep.equal(['view', 'copy', 'add-scope', 'duplicate', 'revoke', 'delete']);
        await sendKeys({ press: 'Escape' });
        await menuHidden(table);
        await until(() => focused(table) === 'menu:CI deploy', `${JSON.stringify(key)}: focus back on the menu button`);
      }
      // ArrowUp opens it on its last item.
      await sendKeys({ press: 'ArrowUp' });
      await until(() => focused(table) === 'item:delete', 'the last item focused');
      await sendKeys({ press: 'Escape' });
      await menuHidden(table);
      expect(selects, 'the menu button does not open the row').to.have.length(0);
    });

    it('arrows move through the items; Escape closes the menu and gives the focus back to its button', async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mountLoaded();
      const selects = record(table, 'pat-select');
      const escapes: KeyboardEvent[] = [];
      const onKeydown = (event: KeyboardEvent) => event.key === 'Escape' && escapes.push(event);
      document.addEventListener('keydown', onKeydown);
      cleanups.push(() => document.removeEventListener('keydown', onKeydown));
      await tabToMenuButton(table, 'CI deploy');
      await sendKeys({ press: 'ArrowDown' });
      await until(() => focused(table) === 'item:view', 'the first item focused');
      await sendKeys({ press: 'ArrowDown' });
      expect(focused(table)).to.equal('item:copy');
      await sendKeys({ press: 'ArrowDown' });
      expect(focused(table)).to.equal('item:add-scope');
      await sendKeys({ press: 'ArrowUp' });
      expect(focused(table)).to.equal('item:copy');
      await sendKeys({ press: 'Escape' });
      await menuHidden(table);
      await until(() => focused(table) === 'menu:CI deploy', 'focus back on the menu button');
      expect(deepActive(), 'the focus on the button itself').to.equal(menuButton(table, 'CI deploy'));
      expect(menuButton(table, 'CI deploy').getAttribute('aria-expanded')).to.equal('false');
      expect(escapes, 'Escape stays with the menu').to.have.length(0);

      // A menu opened by mouse closes on Escape too, the focus on its button.
      await openRowMenu(table, 'Nightly backup');
      await sendKeys({ press: 'Escape' });
      await menuHidden(table);
      await until(() => focused(table) === 'menu:Nightly backup', 'focus on the menu button');
      expect(selects).to.have.length(0);
    });

    it('Tab from an open menu moves on and closes it', async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mountLoaded();
      await tabToMenuButton(table, 'CI deploy');
      await sendKeys({ press: 'Enter' });
      await until(() => focused(table) === 'item:view', 'the first item focused');
      await sendKeys({ press: 'Tab' });
      await menuHidden(table);
      const next = ACTIVE_BY_ISSUED[ACTIVE_BY_ISSUED.indexOf('CI deploy') + 1]!;
      expect(focused(table)).to.equal(`row:${next}`);
    });

    it('Duplicate is reached with the arrows like the other items; Enter chooses it', async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mountLoaded();
      const requests = record(table, 'pat-request-duplicate');
      await resetMouse();
      await tabToMenuButton(table, 'CI deploy');
      await sendKeys({ press: 'ArrowDown' });
      await until(() => focused(table) === 'item:view', 'View focused');
      for (const item of ['copy', 'add-scope', 'duplicate']) {
        await sendKeys({ press: 'ArrowDown' });
        expect(focused(table)).to.equal(`item:${item}`);
      }
      await sendKeys({ press: 'Enter' });
      await until(() => requests.length === 1, 'pat-request-duplicate');
      expect(requests[0]!.detail).to.deep.equal({ id: idOf('CI deploy'), name: 'CI deploy' });
      await menuHidden(table);
      await until(() => focused(table) === 'menu:CI deploy', 'the focus back on the menu button');
      // ArrowUp from the button opens the menu on Delete: Duplicate is three items up, past the divider.
      await sendKeys({ press: 'ArrowUp' });
      await until(() => focused(table) === 'item:delete', 'Delete focused');
      await sendKeys({ press: 'ArrowUp' });
      await sendKeys({ press: 'ArrowUp' });
      expect(focused(table)).to.equal('item:duplicate');
      await sendKeys({ press: 'Escape' });
      await menuHidden(table);
    });

    it('Enter on an item chooses it', async () => {
      ({ worker, store } = await useMockApi('default'));
      const table = await mountLoaded();
      const selects = record(table, 'pat-select');
      await tabToMenuButton(table, 'CI deploy');
      await sendKeys({ press: 'ArrowDown' });
      await until(() => focused(table) === 'item:view', 'View focused');
      await sendKeys({ press: 'Enter' });
      await until(() => selects.length > 0, 'pat-select from View');
      await elapse(100, 'Enter on View must emit pat-select once');
      expect(selects.map((event) => event.detail)).to.deep.equal([{ id: idOf('CI deploy') }]);
      await menuHidden(table);
    });
  });
});
