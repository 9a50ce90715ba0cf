import { expect, html } from '@open-wc/testing';
import { resetMouse, sendKeys } from '@web/test-runner-commands';
import type { SetupWorker } from 'msw/browser';
import type SlSelect from '@shoelace-style/shoelace/dist/components/select/select.js';
import { findDemoEntities } from '../../contract/index.js';
import { seededId } from '../../mocks/index.js';
import { expectAccessible, mount, until, useMockApi, expectSame } from '../../testing/fixture.js';
import { composedContains, deepActive, text } from '../../testing/dom.js';
import { chooseMany, click, elapse } from '../../testing/input.js';
import { openAt } from '../../testing/manager.js';
import type { EntityLookup } from '../pat-scope-editor/pat-scope-editor.component.js';
import type { PatTable } from '../pat-table/pat-table.component.js';
import { strings } from '../i18n/strings.js';
import './pat-manager.js';
import type { PatManager } from './pat-manager.component.js';

/** Identity check that names elements: a failing chai equal() on a live element hangs the runner. */
const CI = seededId('alice', 'CI deploy');
const ALERTING = seededId('alice', 'Alerting webhook');

/** The manager's own heading: the list's and the create view's. A token's page has none: the token's name heads it. */
function heading(manager: PatManager): HTMLHeadingElement {
  return manager.shadowRoot!.querySelector('h2')!;
}

/** The heading of a token's page: pat-detail's, the token's name (or what stands in its place). */
function pageHeading(manager: PatManager): HTMLHeadingElement | null {
  return detail(manager).shadowRoot?.querySelector('h2') ?? null;
}

/** A token's page: the Back button and no heading of the manager's own. */
function expectDetailHeader(manager: PatManager): void {
  expectSame(heading(manager), null, "the manager's own heading");
  const header = manager.shadowRoot!.querySelector('[part="header"]')!;
  expect([...header.children].map((child) => `${child.localName} ${text(child)}`)).to.deep.equal([`sl-button ${strings.manager.back}`]);
}

/** Waits until the focus is on the token's page heading, which reads `name`. */
async function focusOnPageHeading(manager: PatManager, name: string): Promise<void> {
  await until(
    () => text(pageHeading(manager)) === name && detail(manager).shadowRoot!.activeElement === pageHeading(manager),
    `focus on the page's heading "${name}"`,
  );
  expectSame(focused(manager), detail(manager), 'focus in the manager');
  expectSame(document.activeElement, manager, 'focus');
  expectSame(deepActive(), pageHeading(manager), 'focus, deep');
}

function table(manager: PatManager): PatTable {
  return manager.shadowRoot!.querySelector('pat-table')!;
}

function rows(manager: PatManager): HTMLTableRowElement[] {
  const list = table(manager);
  return list ? [...list.shadowRoot!.querySelectorAll<HTMLTableRowElement>('tbody tr[data-id]')] : [];
}

async function loaded(manager: PatManager): Promise<HTMLTableRowElement[]> {
  await until(
    () => rows(manager).length > 0 && table(manager).shadowRoot!.querySelector('table')!.getAttribute('aria-busy') === 'false',
    'the rows',
  );
  return rows(manager);
}

function inTable(manager: PatManager, selector: string): HTMLElement {
  const found = table(manager).shadowRoot!.querySelector<HTMLElement>(selector);
  if (!found) throw new Error(`nothing matches ${selector} in the table`);
  return found;
}

function statButton(manager: PatManager, label: string): HTMLElement {
  const button = [...table(manager).shadowRoot!.querySelectorAll<HTMLElement>('button.stat')].find((stat) =>
    stat.textContent!.includes(label),
  );
  if (!button) throw new Error(`no stat ${label}`);
  return button;
}

function sortButton(manager: PatManager, label: string): HTMLElement {
  const button = [...table(manager).shadowRoot!.querySelectorAll<HTMLElement>('button.sort')].find((sort) =>
    sort.textContent!.trim().startsWith(label),
  );
  if (!button) throw new Error(`no sort button ${label}`);
  return button;
}

function createButton(manager: PatManager): HTMLElement {
  const button = [...table(manager).shadowRoot!.querySelectorAll<HTMLElement>('.toolbar sl-button')].find((b) =>
    b.textContent!.includes(strings.table.create),
  );
  if (!button) throw new Error('no Create PAT button');
  return button;
}

function detail(manager: PatManager): HTMLElement {
  const found = manager.shadowRoot!.querySelector<HTMLElement>('pat-detail');
  if (!found) throw new Error('no pat-detail');
  return found;
}

/** Waits until the detail view shows the PAT named `name` (or its not-found state). */
async function detailLoaded(manager: PatManager, name?: string): Promise<void> {
  await until(
    () => {
      const root = detail(manager).shadowRoot;
      if (!root) return false;
      return name === undefined ? root.querySelector('.state h2') : root.querySelector('[part="title"]')?.textContent === name;
    },
    name ? `the details of ${name}` : 'the not-found state',
  );
}

function focused(manager: PatManager): Element | null {
  return manager.shadowRoot!.activeElement;
}

function nextHashChange(): Promise<void> {
  return new Promise((resolve) => window.addEventListener('hashchange', () => resolve(), { once: true }));
}

/** Every pat-navigate that reaches the document. */
function navigations(): { route: string }[] {
  const seen: { route: string }[] = [];
  const listener = (event: Event) => seen.push((event as CustomEvent<{ route: string }>).detail);
  document.addEventListener('pat-navigate', listener);
  cleanups.push(() => document.removeEventListener('pat-navigate', listener));
  return seen;
}

const cleanups: (() => void)[] = [];

/** API requests sent and still unanswered, counted from the worker's events. */
const requests = { sent: 0, open: 0 };

/** Waits until at least one request went out and every one has been answered. */
async function idle(): Promise<void> {
  await until(() => requests.sent > 0 && requests.open === 0, 'the requests to finish');
  await new Promise((resolve) => requestAnimationFrame(resolve));
}

describe('<pat-manager>', () => {
  let worker: SetupWorker;

  beforeEach(async () => {
    ({ worker } = await useMockApi('default'));
    openAt('');
    Object.assign(requests, { sent: 0, open: 0 });
    worker.events.on('request:start', () => {
      requests.sent++;
      requests.open++;
    });
    worker.events.on('request:end', () => requests.open--);
  });

  afterEach(async () => {
    worker.events.removeAllListeners();
    for (const cleanup of cleanups.splice(0)) cleanup();
    worker.resetHandlers();
    await resetMouse();
    openAt('');
  });

  describe('routed by the URL hash', () => {
    it('shows the list without a hash, without taking focus, and is accessible', async () => {
      const manager = await mount<PatManager>(html`<pat-manager></pat-manager>`);
      expect(heading(manager).textContent).to.equal(strings.manager.listTitle);
      expect(table(manager)).to.exist;
      await loaded(manager);
      expect(document.activeElement === manager, 'focus in the manager').to.equal(false);
      expectSame(focused(manager), null, 'focus in the manager');
      expect(location.hash).to.equal('');
      await expectAccessible(manager);
    });

    it('shows the list for #/pats', async () => {
      openAt('#/pats');
      const manager = await mount<PatManager>(html`<pat-manager></pat-manager>`);
      expect(heading(manager).textContent).to.equal(strings.manager.listTitle);
      expect(table(manager).getAttribute('status')).to.equal('active');
      expectSame(focused(manager), null, 'focus in the manager');
    });

    it('shows the create view for #/pats/new, without taking focus, and is accessible', async () => {
      openAt('#/pats/new');
      const manager = await mount<PatManager>(html`<pat-manager></pat-manager>`);
      expect(heading(manager).textContent).to.equal(strings.manager.createTitle);
      expectSame(table(manager), null, 'the table');
      expect(manager.shadowRoot!.querySelector('pat-create-form')).to.exist;
      expectSame(focused(manager), null, 'focus in the manager');
      await idle();
      await expectAccessible(manager);
    });

    it('shows the detail view with the id for #/pats/<id>, headed by the token’s name, and is accessible', async () => {
      openAt(`#/pats/${CI}`);
      const manager = await mount<PatManager>(html`<pat-manager></pat-manager>`);
      expectDetailHeader(manager);
      expect(detail(manager).getAttribute('pat-id')).to.equal(CI);
      await detailLoaded(manager, 'CI deploy');
      // One page heading: the token's name, in pat-detail.
      expect(text(pageHeading(manager))).to.equal('CI deploy');
      expect(manager.shadowRoot!.querySelectorAll('h1, h2, h3')).to.have.length(0);
      expectSame(focused(manager), null, 'focus in the manager');
      await expectAccessible(manager);
    });

    it('decodes the id of #/pats/<id>', async () => {
      openAt('#/pats/a%20b');
      const manager = await mount<PatManager>(html`<pat-manager></pat-manager>`);
      expectDetailHeader(manager);
      expect(detail(manager).getAttribute('pat-id')).to.equal('a b');
      await detailLoaded(manager);
      expect(text(pageHeading(manager))).to.equal(strings.detail.notFoundTitle);
    });

    it('shows the list for a hash that is not its own', async () => {
      openAt('#/settings');
      const manager = await mount<PatManager>(html`<pat-manager></pat-manager>`);
      expect(heading(manager).textContent).to.equal(strings.manager.listTitle);
    });

    it('a row click opens #/pats/<id>, emits one pat-navigate and, once it has loaded, focuses the token’s name', async () => {
      const seen = navigations();
      const manager = await mount<PatManager>(html`<pat-manager></pat-manager>`);
      const [first] = await loaded(manager);
      const id = first!.dataset.id!;
      const name = text(first!.querySelector('td.name'));
      const before = history.length;
      await click(first!.querySelector('td.name')!);
      await manager.updateComplete;
      expect(location.hash).to.equal(`#/pats/${id}`);
      expect(history.length).to.equal(before + 1);
      expectDetailHeader(manager);
      expect(detail(manager).getAttribute('pat-id')).to.equal(id);
      expect(seen).to.deep.equal([{ route: `/pats/${id}` }]);
      await focusOnPageHeading(manager, name);
      await elapse(300, 'the focus must stay on the heading once the scopes have loaded too');
      expectSame(deepActive(), pageHeading(manager), 'focus, deep');
    });

    it('Enter on a focused row opens it, the focus on the token’s name', async () => {
      const seen = navigations();
      const manager = await mount<PatManager>(html`<pat-manager></pat-manager>`);
      const [, second] = await loaded(manager);
      second!.focus();
      await sendKeys({ press: 'Enter' });
      await manager.updateComplete;
      expect(location.hash).to.equal(`#/pats/${second!.dataset.id}`);
      expect(seen).to.have.length(1);
      await focusOnPageHeading(manager, text(second!.querySelector('td.name')));
    });

    it('an unknown id opened from the hash focuses "Token not found", the heading in place of a name', async () => {
      const manager = await mount<PatManager>(html`<pat-manager></pat-manager>`);
      await loaded(manager);
      const changed = nextHashChange();
      location.hash = '/pats/3f8e2a1c-5b7d-4e9f-a1c3-0d2e4f6a8b9c';
      await changed;
      await focusOnPageHeading(manager, strings.detail.notFoundTitle);
      expectDetailHeader(manager);
    });

    it('a row menu route (Add scope) opens the PAT with one pat-navigate', async () => {
      const seen = navigations();
      const manager = await mount<PatManager>(html`<pat-manager></pat-manager>`);
      const [first] = await loaded(manager);
      const id = first!.dataset.id!;
      await click(first!.querySelector('td.row-actions button.row-menu-trigger')!);
      const item = () => first!.querySelector<HTMLElement>('sl-menu-item[value="add-scope"]');
      await until(() => (item()?.getBoundingClientRect().height ?? 0) > 0, 'the row menu');
      await click(item()!);
      await manager.updateComplete;
      expect(seen).to.deep.equal([{ route: `/pats/${id}/add-scope` }]);
      expectDetailHeader(manager);
      expect(detail(manager).getAttribute('pat-id')).to.equal(id);
      const dialog = () => detail(manager).shadowRoot!.querySelector<HTMLElement & { open: boolean }>('sl-dialog.add-scope');
      await until(() => dialog()?.open, 'the Add scope dialog');
      // The dialog opens once: the URL names the PAT itself, so a reload or Back does not reopen it.
      expect(location.hash).to.equal(`#/pats/${id}`);
      // The dialog has the focus: the page's heading does not take it away.
      await until(() => composedContains(dialog()!, deepActive()), 'focus in the dialog');
      await elapse(300, 'the focus must stay in the Add scopes dialog');
      expect(composedContains(dialog()!, deepActive()), 'focus in the dialog').to.equal(true);
      expect(dialog()!.open).to.equal(true);
    });

    it('Create PAT in the table opens #/pats/new with one pat-navigate', async () => {
      const seen = navigations();
      const manager = await mount<PatManager>(html`<pat-manager></pat-manager>`);
      await loaded(manager);
      await click(createButton(manager));
      await manager.updateComplete;
      expect(location.hash).to.equal('#/pats/new');
      expect(heading(manager).textContent).to.equal(strings.manager.createTitle);
      expect(seen).to.deep.equal([{ route: '/pats/new' }]);
      expectSame(focused(manager), heading(manager), 'focus in the manager');
      await idle();
      expectSame(focused(manager), heading(manager), 'focus in the manager once the form loaded');
      await expectAccessible(manager);
    });

    it('the back button leads to the list with one pat-navigate and focuses its heading', async () => {
      openAt('#/pats/new');
      const seen = navigations();
      const manager = await mount<PatManager>(html`<pat-manager></pat-manager>`);
      await click(manager.shadowRoot!.querySelector('sl-button.back')!);
      await manager.updateComplete;
      expect(location.hash).to.equal('#/pats');
      expect(heading(manager).textContent).to.equal(strings.manager.listTitle);
      expect(seen).to.deep.equal([{ route: '/pats' }]);
      expectSame(focused(manager), heading(manager), 'focus in the manager');
    });

    it('follows browser back and forward, focusing the heading of each view', async () => {
      const manager = await mount<PatManager>(html`<pat-manager></pat-manager>`);
      const [first] = await loaded(manager);
      const id = first!.dataset.id!;
      const name = text(first!.querySelector('td.name'));
      await click(first!);
      await manager.updateComplete;
      expectDetailHeader(manager);
      await focusOnPageHeading(manager, name);

      let changed = nextHashChange();
      history.back();
      await changed;
      await manager.updateComplete;
      expect(heading(manager).textContent).to.equal(strings.manager.listTitle);
      expectSame(focused(manager), heading(manager), 'focus in the manager');
      await loaded(manager);

      heading(manager).blur();
      changed = nextHashChange();
      history.forward();
      await changed;
      await manager.updateComplete;
      expect(location.hash).to.equal(`#/pats/${id}`);
      expectDetailHeader(manager);
      await focusOnPageHeading(manager, name);
    });

    it('emits no pat-navigate for browser back', async () => {
      const manager = await mount<PatManager>(html`<pat-manager></pat-manager>`);
      await click(createButton(manager));
      const seen = navigations();
      const changed = nextHashChange();
      history.back();
      await changed;
      await manager.updateComplete;
      expect(heading(manager).textContent).to.equal(strings.manager.listTitle);
      expect(seen).to.deep.equal([]);
    });

    it('starts the table with the list state of the hash', async () => {
      openAt('#/pats?status=all&q=ci&sort=name&dir=asc&size=25');
      const manager = await mount<PatManager>(html`<pat-manager></pat-manager>`);
      const list = table(manager);
      expect(list.getAttribute('status')).to.equal('all');
      expect(list.getAttribute('search')).to.equal('ci');
      expect(list.getAttribute('sort')).to.equal('name');
      expect(list.getAttribute('sort-dir')).to.equal('asc');
      expect(list.getAttribute('page-size')).to.equal('25');
      expect(list.getAttribute('page')).to.equal('1');
      const found = await loaded(manager);
      for (const row of found) expect(row.querySelector('td.name')!.textContent!.toLowerCase()).to.include('ci');
    });

    it('writes a status filter to the hash with replaceState, keeping focus where it is', async () => {
      const manager = await mount<PatManager>(html`<pat-manager></pat-manager>`);
      await loaded(manager);
      const before = history.length;
      const revoked = statButton(manager, strings.status.revoked);
      await click(revoked);
      await manager.updateComplete;
      expect(location.hash).to.equal('#/pats?status=revoked');
      expect(history.length).to.equal(before);
      expect(table(manager).getAttribute('status')).to.equal('revoked');
      expectSame(focused(manager), table(manager), 'focus in the manager');
      expectSame(table(manager).shadowRoot!.activeElement, revoked, 'focus in the table');
    });

    it('writes a filter of several statuses to the hash as one status=a,b, and starts the table with it', async () => {
      openAt('#/pats?status=revoked');
      const manager = await mount<PatManager>(html`<pat-manager></pat-manager>`);
      await loaded(manager);
      const before = history.length;
      const select = inTable(manager, 'sl-select.status-filter') as SlSelect;
      await chooseMany(select, ['expired']);
      await until(() => location.hash === '#/pats?status=revoked%2Cexpired', 'both statuses in the hash');
      expect(history.length).to.equal(before);
      expect(new URLSearchParams(location.hash.split('?')[1]).getAll('status')).to.deep.equal(['revoked,expired']);
      expect(table(manager).getAttribute('status')).to.equal('revoked,expired');

      // Opened at that URL (or at one that says it otherwise), the table starts on both.
      for (const hash of ['#/pats?status=revoked%2Cexpired', '#/pats?status=expired,revoked']) {
        manager.parentElement!.remove();
        openAt(hash);
        const fresh = await mount<PatManager>(html`<pat-manager></pat-manager>`);
        await until(() => table(fresh).getAttribute('status') === 'revoked,expired', `the table's status from ${hash}`);
        const found = await loaded(fresh);
        const statuses = new Set(found.map((row) => text(row.querySelector('.badge'))));
        expect([...statuses].sort(), hash).to.deep.equal([strings.status.expired, strings.status.revoked]);
        expect(found).to.have.length(4);
        fresh.parentElement!.remove();
      }
    });

    it('writes the search to the hash', async () => {
      const manager = await mount<PatManager>(html`<pat-manager></pat-manager>`);
      await loaded(manager);
      const before = history.length;
      await click(inTable(manager, 'sl-input.search'));
      await sendKeys({ type: 'ci' });
      await until(() => location.hash === '#/pats?q=ci', 'the search in the hash');
      expect(history.length).to.equal(before);
      expect(table(manager).getAttribute('search')).to.equal('ci');
    });

    it('writes the sort to the hash', async () => {
      const manager = await mount<PatManager>(html`<pat-manager></pat-manager>`);
      await loaded(manager);
      await click(sortButton(manager, strings.table.columns.name));
      await manager.updateComplete;
      expect(location.hash).to.equal('#/pats?sort=name&dir=asc');
      await click(sortButton(manager, strings.table.columns.name));
      await manager.updateComplete;
      expect(location.hash).to.equal('#/pats?sort=name');
    });

    it('writes the page to the hash', async () => {
      await useMockApi('many');
      const manager = await mount<PatManager>(html`<pat-manager></pat-manager>`);
      await loaded(manager);
      const before = history.length;
      await click(inTable(manager, `.pager button[aria-label="${strings.table.nextPage}"]`));
      await manager.updateComplete;
      expect(location.hash).to.equal('#/pats?page=2');
      expect(history.length).to.equal(before);
      expect(table(manager).getAttribute('page')).to.equal('2');
    });

    it('brings the list state back with browser back from a PAT', async () => {
      const manager = await mount<PatManager>(html`<pat-manager></pat-manager>`);
      await loaded(manager);
      await click(statButton(manager, strings.status.revoked));
      await until(() => rows(manager).every((row) => row.textContent!.includes(strings.status.revoked)), 'revoked rows');
      const [first] = await loaded(manager);
      await click(first!);
      expect(location.hash).to.equal(`#/pats/${first!.dataset.id}`);
      const changed = nextHashChange();
      history.back();
      await changed;
      await manager.updateComplete;
      expect(location.hash).to.equal('#/pats?status=revoked');
      expect(table(manager).getAttribute('status')).to.equal('revoked');
    });

    it('stops following the hash once disconnected', async () => {
      const manager = await mount<PatManager>(html`<pat-manager></pat-manager>`);
      manager.remove();
      const changed = nextHashChange();
      location.hash = '/pats/new';
      await changed;
      await manager.updateComplete;
      expect(heading(manager).textContent).to.equal(strings.manager.listTitle);
    });
  });

  describe('entity names', () => {
    it('hands its entityLookup to a token’s page: the scopes show the entities’ names', async () => {
      const asked: string[] = [];
      const lookup: EntityLookup = async (type, query) => {
        asked.push(`${type}:${query}`);
        return findDemoEntities(type, query);
      };
      openAt(`#/pats/${ALERTING}`);
      const manager = await mount<PatManager>(html`<pat-manager .entityLookup=${lookup}></pat-manager>`);
      await detailLoaded(manager, 'Alerting webhook');
      const named = () => [...detail(manager).shadowRoot!.querySelectorAll('td.entity-name')];
      await until(() => named().length === 3, 'the names of the three entities');
      // Each cell: the name, then the id (beneath it).
      const nameAndId = (cell: Element) => {
        const id = text(cell.querySelector('.mono'));
        return [text(cell).slice(0, -id.length).trim(), id];
      };
      expect(named().map(nameAndId)).to.have.deep.members([
        ['Alarms', 'ch-alarms'],
        ['Alarm messages', 'ch-alarms'],
        ['Alarm messages (EU)', 'ch-alarms-eu'],
      ]);
      expect(asked).to.have.members(['channels:ch-alarms', 'messages:ch-alarms', 'messages:ch-alarms-eu']);
      expect(asked).to.have.length(3);
    });

    it('without one, a token’s page shows the ids alone', async () => {
      openAt(`#/pats/${ALERTING}`);
      const manager = await mount<PatManager>(html`<pat-manager></pat-manager>`);
      await detailLoaded(manager, 'Alerting webhook');
      await until(() => detail(manager).shadowRoot!.querySelectorAll('[part="scopes-table"] td.mono').length >= 3, 'the scopes');
      expect(detail(manager).shadowRoot!.querySelectorAll('td.entity-name')).to.have.length(0);
    });
  });

  describe('routed by the host (route property)', () => {
    it('renders what route says, without taking focus on the first render', async () => {
      const manager = await mount<PatManager>(html`<pat-manager .route=${'/pats/new'}></pat-manager>`);
      expect(heading(manager).textContent).to.equal(strings.manager.createTitle);
      expectSame(focused(manager), null, 'focus in the manager');

      manager.route = `/pats/${CI}`;
      await manager.updateComplete;
      expectDetailHeader(manager);
      expect(detail(manager).getAttribute('pat-id')).to.equal(CI);
      await detailLoaded(manager, 'CI deploy');
      await focusOnPageHeading(manager, 'CI deploy');
      await expectAccessible(manager);

      manager.route = '/pats';
      await manager.updateComplete;
      expect(heading(manager).textContent).to.equal(strings.manager.listTitle);
      expectSame(focused(manager), heading(manager), 'focus in the manager');
      expect(location.hash).to.equal('');
    });

    it('asks the host with pat-navigate and leaves the hash and the view alone', async () => {
      const manager = await mount<PatManager>(html`<pat-manager .route=${'/pats'}></pat-manager>`);
      const seen = navigations();
      const before = history.length;
      const [first] = await loaded(manager);
      await click(first!);
      await manager.updateComplete;
      expect(seen).to.deep.equal([{ route: `/pats/${first!.dataset.id}` }]);
      expect(location.hash).to.equal('');
      expect(history.length).to.equal(before);
      expect(heading(manager).textContent).to.equal(strings.manager.listTitle);

      await click(createButton(manager));
      await manager.updateComplete;
      expect(seen).to.deep.equal([{ route: `/pats/${first!.dataset.id}` }, { route: '/pats/new' }]);
      expect(location.hash).to.equal('');
      expect(heading(manager).textContent).to.equal(strings.manager.listTitle);

      manager.route = seen[1]!.route;
      await manager.updateComplete;
      expect(heading(manager).textContent).to.equal(strings.manager.createTitle);
      await click(manager.shadowRoot!.querySelector('sl-button.back')!);
      expect(seen.at(-1)).to.deep.equal({ route: '/pats' });
      expect(seen).to.have.length(3);
      expect(location.hash).to.equal('');
    });

    it('asks the host to change the list state and starts the table with it', async () => {
      const manager = await mount<PatManager>(html`<pat-manager .route=${'/pats?status=all&q=ci'}></pat-manager>`);
      expect(table(manager).getAttribute('status')).to.equal('all');
      expect(table(manager).getAttribute('search')).to.equal('ci');
      await loaded(manager);
      const seen = navigations();
      const before = history.length;
      await click(statButton(manager, strings.status.revoked));
      expect(seen).to.deep.equal([{ route: '/pats?status=revoked&q=ci' }]);
      expect(location.hash).to.equal('');
      expect(history.length).to.equal(before);

      manager.route = seen[0]!.route;
      await manager.updateComplete;
      expect(table(manager).getAttribute('status')).to.equal('revoked');
      expectSame(focused(manager), table(manager), 'focus in the manager');
    });

    it('ignores hash changes, even when route was set after it connected', async () => {
      const manager = await mount<PatManager>(html`<pat-manager></pat-manager>`);
      manager.route = '/pats/new';
      await manager.updateComplete;
      expect(heading(manager).textContent).to.equal(strings.manager.createTitle);
      const changed = nextHashChange();
      location.hash = `/pats/${CI}`;
      await changed;
      await manager.updateComplete;
      expect(heading(manager).textContent).to.equal(strings.manager.createTitle);
    });
  });
});
