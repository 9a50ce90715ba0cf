import { expect, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type SlDialog from '@shoelace-style/shoelace/dist/components/dialog/dialog.js';
import type SlSelect from '@shoelace-style/shoelace/dist/components/select/select.js';
import { DAY_MS } from '../../contract/index.js';
import { mount, until, useMockApi } from '../../testing/fixture.js';
import { drawnAt, text } from '../../testing/dom.js';
import { chooseOne, click } from '../../testing/input.js';
import { loadPatTranslation } from '../i18n/localize.js';
import '../pat-detail/pat-detail.js';
import type { PatDetail } from '../pat-detail/pat-detail.component.js';
import { strings } from '../i18n/strings.js';
import './pat-table.js';
import type { PatTable } from './pat-table.component.js';

const WAIT = 8000;

async function mountTable(status = 'all'): Promise<PatTable> {
  await useMockApi('default');
  const table = await mount<PatTable>(html`<pat-table status=${status}></pat-table>`);
  await until(() => table.shadowRoot!.querySelectorAll('tbody tr[data-id]').length > 0, 'rows', WAIT);
  return table;
}

/** Two frames: the browser has laid out and painted what came into view. */
const nextFrames = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

/** A long page of rows: 50 of the mock's 250 PATs. */
async function mountLongPage(): Promise<PatTable> {
  await useMockApi('many');
  const table = await mount<PatTable>(html`<pat-table status="all" page-size="50"></pat-table>`);
  await until(() => rows(table).length === 50 && !table.shadowRoot!.querySelector('table[aria-busy="true"]'), 'fifty rows', WAIT);
  return table;
}

const rows = (table: PatTable) => [...table.shadowRoot!.querySelectorAll<HTMLTableRowElement>('tbody tr[data-id]')];
const visible = (element: Element) => element.checkVisibility() && element.getBoundingClientRect().width > 0;

/** Whether `inner` lies (within half a pixel) inside `outer`, horizontally. */
function within(inner: DOMRect, outer: DOMRect): boolean {
  return inner.left >= outer.left - 0.5 && inner.right <= outer.right + 0.5;
}

describe('every width', () => {
  afterEach(() => setViewport({ width: 800, height: 600 }));

  describe('<pat-table>', () => {
    it('on a phone each token is a card: name, status, end and ⋮ in view, the other columns gone', async () => {
      await setViewport({ width: 375, height: 800 });
      const table = await mountTable();
      const viewport = new DOMRect(0, 0, innerWidth, innerHeight);
      for (const row of rows(table).slice(0, 5)) {
        const name = text(row.querySelector('td.name'));
        for (const cell of ['td.name', 'td.status .badge', 'td.expires-cell time', 'button.row-menu-trigger']) {
          const element = row.querySelector(cell)!;
          expect(visible(element), `${name}: ${cell} shows`).to.equal(true);
          expect(within(element.getBoundingClientRect(), viewport), `${name}: ${cell} on screen`).to.equal(true);
        }
        for (const cell of ['td.description', 'td.issued', 'td.last-used', 'td.scopes'])
          expect(visible(row.querySelector(cell)!), `${name}: ${cell} hidden`).to.equal(false);
        const nameBox = row.querySelector('td.name')!.getBoundingClientRect();
        const trigger = row.querySelector('button.row-menu-trigger')!.getBoundingClientRect();
        expect(trigger.left, `${name}: the ⋮ beside the name`).to.be.at.least(nameBox.right - 0.5);
      }
      expect(document.documentElement.scrollWidth).to.be.at.most(innerWidth);
    });

    it('on a phone a leaked token’s card shows its “Leaked” mark beside the Revoked badge', async () => {
      await setViewport({ width: 375, height: 800 });
      const { store } = await useMockApi('default');
      const now = store.now();
      const leak = { reported_at: new Date(now - 3600e3).toISOString(), url: 'https://github.com/acme/site/issues/7', source: '' };
      store.seed('alice', {
        name: 'Leaked deploy key',
        issuedAt: now - 20 * DAY_MS,
        expiresAt: now + 70 * DAY_MS,
        revokedAt: now - 3600e3,
        leak,
      });
      const table = await mount<PatTable>(html`<pat-table status="revoked"></pat-table>`);
      await until(() => rows(table).some((row) => row.querySelector('.leak')), 'the leaked token', WAIT);
      const row = rows(table).find((candidate) => candidate.querySelector('.leak'))!;
      expect(text(row.querySelector('td.name'))).to.equal('Leaked deploy key');
      // A card: the issue time and the other columns gone.
      expect(visible(row.querySelector('td.issued')!)).to.equal(false);
      const [mark, badge] = [row.querySelector('td.status .leak')!, row.querySelector('td.status .badge')!];
      expect(visible(mark)).to.equal(true);
      expect(within(mark.getBoundingClientRect(), new DOMRect(0, 0, innerWidth, innerHeight))).to.equal(true);
      expect(mark.getBoundingClientRect().left, 'beside the badge').to.be.at.least(badge.getBoundingClientRect().right);
      expect(mark.getAttribute('aria-label')).to.equal(strings.leak.title);
      expect(document.documentElement.scrollWidth).to.be.at.most(innerWidth);
    });

    it('on a phone an idle-limited token’s card shows its hourglass before its end, on its line', async () => {
      await setViewport({ width: 375, height: 800 });
      await useMockApi('idle');
      const table = await mount<PatTable>(html`<pat-table status="all"></pat-table>`);
      await until(() => rows(table).some((row) => row.querySelector('.idle')), 'the idle-limited tokens', WAIT);
      const row = rows(table).find((candidate) => text(candidate.querySelector('td.name')) === 'Backup agent')!;
      const [mark, time, badge] = [
        row.querySelector('.idle')!,
        row.querySelector('td.expires-cell time')!,
        row.querySelector('td.expires-cell .badge')!,
      ];
      for (const element of [mark, time, badge]) expect(visible(element)).to.equal(true);
      expect(text(time)).to.equal('Expires in 5 days if unused');
      expect(mark.getAttribute('aria-label')).to.equal(strings.idle.mark('30 days'));
      const [icon, words] = [mark.getBoundingClientRect(), time.getClientRects()[0]!];
      expect(icon.right, 'the hourglass before the end').to.be.at.most(words.left + 0.5);
      expect(Math.abs(icon.top + icon.height / 2 - (words.top + words.height / 2))).to.be.below(4);
      const viewport = new DOMRect(0, 0, innerWidth, innerHeight);
      expect(within(badge.getBoundingClientRect(), viewport), 'Expiring soon on screen').to.equal(true);
      expect(document.documentElement.scrollWidth).to.be.at.most(innerWidth);
    });

    it('at 1000 px, where the columns scroll, a long end wraps in its column, never under the ⋮', async () => {
      await setViewport({ width: 1000, height: 800 });
      const { store } = await useMockApi('default');
      const now = store.now();
      const leak = { reported_at: new Date(now - 3 * 3600e3).toISOString(), url: 'https://github.com/acme/site/issues/7', source: '' };
      store.seed('alice', {
        name: 'Leaked deploy key',
        issuedAt: now - 20 * DAY_MS,
        expiresAt: now + 70 * DAY_MS,
        revokedAt: now - 3 * 3600e3,
        leak,
      });
      const table = await mount<PatTable>(html`<pat-table status="revoked"></pat-table>`);
      await until(
        () => rows(table).length === 3 && !table.shadowRoot!.querySelector('table[aria-busy="true"]'),
        'the revoked tokens',
        WAIT,
      );
      const frame = table.shadowRoot!.querySelector('.frame')!;
      expect(frame.scrollWidth, 'the columns scroll').to.be.above(frame.clientWidth);
      for (const row of rows(table)) {
        const name = text(row.querySelector('td.name'));
        const end = row.querySelector('td.expires-cell time')!;
        expect(text(end), name).to.match(/^Revoked \d+ (days|hours) ago$/);
        const actions = row.querySelector('td.row-actions')!.getBoundingClientRect();
        for (const line of end.getClientRects()) {
          expect(line.right, `${name}: its end clear of the ⋮`).to.be.at.most(actions.left + 0.5);
          expect(within(line, frame.getBoundingClientRect()), `${name}: its end in the frame`).to.equal(true);
        }
      }
    });

    it('on a phone a Sort select stands in for the column headings; wide, the headings sort and it is hidden', async () => {
      await setViewport({ width: 375, height: 800 });
      const table = await mountTable();
      const select = table.shadowRoot!.querySelector<SlSelect>('sl-select.sort-select')!;
      expect(visible(select), 'the Sort select shows').to.equal(true);
      expect(select.value).to.equal('issued_at:desc');
      const options = [...select.querySelectorAll('sl-option')].map((option) => text(option));
      expect(options).to.include(strings.table.sorts.name.asc).and.include(strings.table.sorts.expires_at.asc);
      await chooseOne(select, 'name:asc');
      await until(() => table.sort === 'name' && table.sortDir === 'asc', 'sorted by name', WAIT);
      await until(() => !table.shadowRoot!.querySelector('table[aria-busy="true"]'), 'the page', WAIT);
      const names = rows(table).map((row) => text(row.querySelector('td.name')));
      expect(names).to.deep.equal([...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
      expect(table.getAttribute('sort')).to.equal('name');

      await setViewport({ width: 1280, height: 800 });
      await until(() => !visible(select), 'hidden where the headings sort', WAIT);
    });

    it('at 1024 px the name keeps a readable width and the ⋮ stays in view while the columns scroll', async () => {
      await setViewport({ width: 1024, height: 800 });
      const table = await mountTable();
      const frame = table.shadowRoot!.querySelector('.frame')!;
      const remSize = parseFloat(getComputedStyle(document.documentElement).fontSize);
      for (const row of rows(table)) {
        const name = row.querySelector('td.name')!;
        expect(name.getBoundingClientRect().width, `${text(name)}: at least 9rem`).to.be.at.least(9 * remSize - 0.5);
        expect(within(row.querySelector('button.row-menu-trigger')!.getBoundingClientRect(), frame.getBoundingClientRect())).to.equal(true);
      }
      // Scrolled to the far side and back, the name and the ⋮ never leave the frame.
      frame.scrollLeft = frame.scrollWidth;
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const first = rows(table)[0]!;
      expect(within(first.querySelector('td.name')!.getBoundingClientRect(), frame.getBoundingClientRect()), 'the name, scrolled').to.equal(
        true,
      );
      expect(within(first.querySelector('button.row-menu-trigger')!.getBoundingClientRect(), frame.getBoundingClientRect())).to.equal(true);
      expect(document.documentElement.scrollWidth).to.be.at.most(innerWidth);
    });

    it('a long name shows whole on hover (its title) and on the focused row', async () => {
      await setViewport({ width: 1024, height: 800 });
      const table = await mountTable();
      const cell = rows(table)[0]!.querySelector<HTMLElement>('td.name')!;
      expect(cell.title).to.equal(text(cell));
      rows(table)[0]!.focus();
      expect(getComputedStyle(cell).whiteSpace).to.equal('normal');
    });

    it('at 1280 px every column lines up from its heading to the last row of a long page', async () => {
      await setViewport({ width: 1280, height: 600 });
      const table = await mountLongPage();
      const headings = [...table.shadowRoot!.querySelectorAll('thead th')].map((th) => th.getBoundingClientRect());
      expect(headings).to.have.length(8);
      const all = rows(table);
      for (const row of [...all.slice(0, 3), ...all.slice(-3)]) {
        const cells = [...row.querySelectorAll('td')].map((td) => td.getBoundingClientRect());
        expect(cells).to.have.length(8);
        cells.forEach((cell, i) => {
          expect(Math.abs(cell.left - headings[i]!.left), `${row.dataset.id}: column ${i + 1} starts under its heading`).to.be.below(0.5);
          expect(Math.abs(cell.width - headings[i]!.width), `${row.dataset.id}: column ${i + 1} as wide as its heading`).to.be.below(0.5);
        });
      }
      const frame = table.shadowRoot!.querySelector('.frame')!;
      expect(frame.scrollWidth, 'no scrolling at this width').to.be.at.most(frame.clientWidth);
    });

    it('a row far down a long page is drawn once it is scrolled into view: its name and ⋮ answer the pointer', async () => {
      await setViewport({ width: 1280, height: 600 });
      const table = await mountLongPage();
      const last = rows(table).at(-1)!;
      last.scrollIntoView({ block: 'center' });
      await nextFrames();
      const name = last.querySelector('td.name')!;
      expect(drawnAt(table.shadowRoot!, name), 'the name cell is under the pointer').to.equal(name);
      const trigger = last.querySelector('button.row-menu-trigger')!;
      expect(drawnAt(table.shadowRoot!, trigger)?.closest('button'), 'the ⋮ is under the pointer').to.equal(trigger);
    });

    it('a row’s menu opens whole over the rows below it, its last item under the pointer', async () => {
      await setViewport({ width: 1280, height: 800 });
      const table = await mountLongPage();
      const row = rows(table)[3]!;
      await click(row.querySelector<HTMLElement>('button.row-menu-trigger')!);
      await until(() => table.shadowRoot!.querySelector('sl-popup.row-menu sl-menu-item.danger'), 'the menu', WAIT);
      await new Promise((resolve) => setTimeout(resolve, 300)); // its opening animation
      const remove = table.shadowRoot!.querySelector('sl-popup.row-menu sl-menu-item.danger')!;
      const [top, drawn] = [remove.getBoundingClientRect().top, drawnAt(table.shadowRoot!, remove)?.closest('sl-menu-item')];
      await sendKeys({ press: 'Escape' });
      await until(() => !table.shadowRoot!.querySelector('sl-popup.row-menu'), 'the menu closed', WAIT);
      expect(top, 'the last item lies below the row').to.be.above(row.getBoundingClientRect().bottom);
      expect(drawn, 'Delete is drawn, not clipped or covered by a row').to.equal(remove);
    });

    for (const lang of ['de', 'ar'] as const) {
      it(`at 1280 px in ${lang === 'de' ? 'German' : 'Arabic'} every heading and time fits its column`, async () => {
        await setViewport({ width: 1280, height: 800 });
        await useMockApi('default');
        await loadPatTranslation(lang);
        const wrapper = await mount<HTMLElement>(
          html`<div lang=${lang} dir=${lang === 'ar' ? 'rtl' : 'ltr'}><pat-table status="all"></pat-table></div>`,
        );
        const table = wrapper.querySelector<PatTable>('pat-table')!;
        await until(() => rows(table).length > 0 && !table.shadowRoot!.querySelector('table[aria-busy="true"]'), 'the rows', WAIT);
        const cells = [
          ...table.shadowRoot!.querySelectorAll<HTMLElement>('thead th'),
          ...rows(table).flatMap((row) => [
            ...row.querySelectorAll<HTMLElement>('td.status, td.issued, td.expires-cell, td.last-used, td.scopes'),
          ]),
        ];
        for (const cell of cells) {
          expect(cell.scrollWidth, `${text(cell) || cell.className}: its content fits`).to.be.at.most(cell.clientWidth);
          for (const part of cell.querySelectorAll('.sort, .badge, .leak, time')) {
            expect(within(part.getBoundingClientRect(), cell.getBoundingClientRect()), `${text(part)}: inside its cell`).to.equal(true);
          }
        }
      });
    }

    it('"Expiring soon" sits under the end in every row, and times keep their width', async () => {
      await setViewport({ width: 1280, height: 800 });
      const table = await mountTable();
      const soon = rows(table).filter((row) => row.querySelector('td.expires-cell .badge'));
      expect(soon.length, 'some rows are expiring soon').to.be.above(0);
      for (const row of soon) {
        const time = row.querySelector('td.expires-cell time')!.getBoundingClientRect();
        const badge = row.querySelector('td.expires-cell .badge')!.getBoundingClientRect();
        expect(badge.top, `${text(row.querySelector('td.name'))}: the badge under the end`).to.be.at.least(time.bottom - 0.5);
        expect(Math.abs(badge.left - time.left)).to.be.below(1);
      }
      expect(getComputedStyle(rows(table)[0]!.querySelector('td.issued time')!).fontVariantNumeric).to.equal('tabular-nums');
    });
  });

  describe('dialogs', () => {
    const CI = 'CI deploy';

    async function mountDetail(): Promise<PatDetail> {
      const { store } = await useMockApi('default');
      const id = store
        .list('alice', { status: 'all', offset: 0, limit: 100, sort: 'name', dir: 'asc' })
        .pats.find((pat) => pat.name === CI)!.id;
      const detail = await mount<PatDetail>(html`<pat-detail pat-id=${id}></pat-detail>`);
      await until(() => text(detail.shadowRoot!.querySelector('h2.title')) === CI, 'the token', WAIT);
      return detail;
    }

    const button = (root: ShadowRoot | Element, label: string) =>
      [...root.querySelectorAll<HTMLElement>('sl-button')].find((candidate) => text(candidate) === label)!;

    /** The dialog's panel and every button in it lie inside the viewport. */
    function fitsTheScreen(dialog: SlDialog, what: string) {
      const screen = new DOMRect(0, 0, innerWidth, innerHeight);
      const panel = dialog.shadowRoot!.querySelector('[part~="panel"]')!.getBoundingClientRect();
      expect(within(panel, screen), `${what}: the dialog on screen`).to.equal(true);
      for (const action of dialog.querySelectorAll('sl-button'))
        expect(within(action.getBoundingClientRect(), screen), `${what}: "${text(action)}" on screen`).to.equal(true);
    }

    async function opened(dialog: () => SlDialog | null | undefined, open: () => Promise<void>) {
      await open();
      await until(
        () => dialog()?.open && dialog()!.shadowRoot!.querySelector('[part~="panel"]')!.getBoundingClientRect().width > 0,
        'the dialog',
        WAIT,
      );
      await new Promise((resolve) => setTimeout(resolve, 300)); // its opening animation
    }

    it('on a phone the Revoke and Add scopes dialogs fit the screen, their buttons included', async () => {
      await setViewport({ width: 375, height: 700 });
      const detail = await mountDetail();
      const root = detail.shadowRoot!;
      const confirm = () => root.querySelector('pat-confirm-dialog')?.shadowRoot?.querySelector<SlDialog>('sl-dialog');
      await opened(confirm, () => click(button(root, strings.detail.revoke)));
      fitsTheScreen(confirm()!, 'Revoke');
      await click(confirm()!.querySelector('sl-button[part="cancel"]') ?? button(confirm()!, strings.cancel));
      await until(() => !confirm()!.open, 'closed', WAIT);
      await new Promise((resolve) => setTimeout(resolve, 400)); // its closing animation

      const add = () => root.querySelector<SlDialog>('sl-dialog.add-scope');
      await opened(add, () => click(button(root, strings.detail.addScope)));
      fitsTheScreen(add()!, 'Add scopes');
      expect(document.documentElement.scrollWidth).to.be.at.most(innerWidth);
    });

    it('at 1440 px the Add scopes dialog gives a row its room: the type select reads in full, the row on one line', async () => {
      await setViewport({ width: 1440, height: 900 });
      const detail = await mountDetail();
      const root = detail.shadowRoot!;
      const add = () => root.querySelector<SlDialog>('sl-dialog.add-scope');
      await opened(add, () => click(button(root, strings.detail.addScope)));
      const editor = add()!.querySelector('pat-scope-editor')!;
      await until(
        () => editor.shadowRoot!.querySelector<SlSelect>('fieldset sl-select:not([multiple])')?.disabled === false,
        'the catalog',
        WAIT,
      );
      const row = editor.shadowRoot!.querySelector('fieldset')!;
      const select = row.querySelector<SlSelect>('sl-select:not([multiple])')!;
      const input = select.shadowRoot!.querySelector<HTMLInputElement>('input.select__display-input')!;
      const probe = document.createElement('span');
      probe.style.font = getComputedStyle(input).font;
      probe.style.position = 'absolute';
      probe.textContent = strings.scopes.chooseType;
      document.body.append(probe);
      const needed = probe.getBoundingClientRect().width;
      probe.remove();
      expect(input.getBoundingClientRect().width, 'the placeholder fits').to.be.at.least(needed);
      // On one line: every field starts before the first one ends (the trash sits lower, level with the inputs).
      const boxes = [...row.children]
        .filter((child) => !child.matches('.row-errors, legend'))
        .map((child) => child.getBoundingClientRect());
      expect(boxes.length).to.equal(5);
      for (const box of boxes) expect(box.top, 'one line').to.be.below(boxes[0]!.bottom);
    });
  });
});
