import { expect, fixture, html } from '@open-wc/testing';
import '@shoelace-style/shoelace/dist/components/dialog/dialog.js';
import type SlDialog from '@shoelace-style/shoelace/dist/components/dialog/dialog.js';
import type { MockStore } from '../../mocks/index.js';
import { expectAccessible, mount, until, useMockApi } from '../../testing/fixture.js';
import { text } from '../../testing/dom.js';
import type { PatDetail } from '../pat-detail/pat-detail.component.js';
import '../pat-detail/pat-detail.js';
import '../pat-manager/pat-manager.js';
import type { PatManager } from '../pat-manager/pat-manager.component.js';
import type { PatTable } from '../pat-table/pat-table.component.js';
import '../pat-table/pat-table.js';
import { loadPatTranslation, registerPatTranslation, SHIPPED_LANGUAGES } from './localize.js';
import { strings, type PatStrings } from './strings.js';
import { ar } from './translations/ar.js';
import { de } from './translations/de.js';

const WAIT = 8000;
const SHIPPED: Record<string, PatStrings> = { de, ar };

/** Keys whose text is the same word in a language as in English. */
const SAME_AS_ENGLISH: Record<string, string[]> = {
  de: [
    'table.statusLabel',
    'table.columns.name',
    'table.columns.status',
    'scopes.operation',
    'create.name',
    'detail.name',
    'detail.id',
    'detail.status',
  ],
  ar: [],
};

type Leaf = [path: string, value: unknown];

function leaves(node: object, prefix = ''): Leaf[] {
  return Object.entries(node).flatMap(([key, value]): Leaf[] =>
    value && typeof value === 'object' ? leaves(value, `${prefix}${key}.`) : [[`${prefix}${key}`, value]],
  );
}

/** Arguments a text function of `strings` takes, by its parameter count: numbers and names both read. */
function sampleArguments(fn: (...args: never[]) => string): never[] {
  const scope = { id: 's', pat_id: 'p', entity_type: 'clients', operation: 'read', entity_id: 'c-1', domain_id: 'd-1' };
  return Array.from({ length: fn.length }, (_, i) => (fn.toString().includes('scope') ? scope : i === 0 ? 3 : 'x')) as never[];
}

async function setPageLanguage(lang: string, dir: 'ltr' | 'rtl' = 'ltr'): Promise<void> {
  document.documentElement.lang = lang;
  document.documentElement.dir = dir;
  await loadPatTranslation(lang);
}

describe('localization', () => {
  let store: MockStore;

  beforeEach(async () => {
    ({ store } = await useMockApi('default'));
  });

  afterEach(async () => {
    await setPageLanguage('en');
  });

  describe('the shipped translations', () => {
    it('ships English, German and Arabic', () => {
      expect([...SHIPPED_LANGUAGES]).to.deep.equal(['en', 'de', 'ar']);
    });

    for (const [lang, words] of Object.entries(SHIPPED)) {
      it(`${lang} has every string English has, of the same kind, and no other`, () => {
        const english = new Map(leaves(strings));
        const translated = new Map(leaves(words));
        expect([...translated.keys()].sort(), `${lang}'s keys`).to.deep.equal([...english.keys()].sort());
        for (const [path, value] of english) {
          const theirs = translated.get(path);
          expect(typeof theirs, `${lang} ${path}`).to.equal(typeof value);
          if (typeof value === 'function') {
            const fn = theirs as (...args: never[]) => string;
            expect(fn.length, `${lang} ${path}: its parameters`).to.equal((value as () => string).length);
            const said = fn(...sampleArguments(value as (...args: never[]) => string));
            expect(said, `${lang} ${path}()`).to.be.a('string').and.not.equal('');
          } else {
            expect(theirs, `${lang} ${path}`).to.be.a('string').and.not.equal('');
          }
        }
      });

      it(`${lang} translates every string (nothing left in English but the words that are the same)`, () => {
        const english = new Map(leaves(strings));
        const untranslated = leaves(words)
          .filter(([path, value]) => typeof value === 'string' && value === english.get(path))
          .map(([path]) => path)
          .filter((path) => !SAME_AS_ENGLISH[lang]!.includes(path));
        expect(untranslated, `${lang}: still in English`).to.deep.equal([]);
      });
    }

    it('a missing string is caught: a translation without one key fails the check above', () => {
      const { retry: _, ...broken } = de;
      const english = leaves(strings).map(([path]) => path);
      const present = new Set(leaves(broken).map(([path]) => path));
      expect(english.filter((path) => !present.has(path))).to.deep.equal(['retry']);
    });
  });

  describe('the language of the page', () => {
    it('German on <html lang="de">: words, numbers and relative times in German, Shoelace’s own too', async () => {
      await setPageLanguage('de');
      const table = await mount<PatTable>(html`<pat-table></pat-table>`);
      const root = table.shadowRoot!;
      await until(() => root.querySelectorAll('tbody tr[data-id]').length > 0, 'rows', WAIT);
      expect(text(root.querySelector('caption'))).to.equal(de.table.caption);
      const buttons = [...root.querySelectorAll('sl-button')].map((button) => text(button));
      expect(buttons).to.include(de.table.create).and.include(de.table.deleteAll);
      const headers = [...root.querySelectorAll('thead th')].map((th) => text(th).replace(/[▲▼↕]/g, '').trim());
      expect(headers.slice(0, 3)).to.deep.equal([de.table.columns.name, de.table.columns.description, de.table.columns.status]);
      const issued = root.querySelector('tbody tr[data-id] td.issued time')!;
      const expected = new Intl.RelativeTimeFormat('de', { numeric: 'always' });
      expect(text(issued)).to.match(
        /^vor \d+ (Sekunden|Minuten|Stunden|Tagen|Monaten|Jahren?)|^vor 1 (Sekunde|Minute|Stunde|Tag|Monat|Jahr)$/,
      );
      expect(expected.format(-1, 'day')).to.equal('vor 1 Tag');
      await expectAccessible(table);
    });

    it('follows the page when its language changes, without a reload', async () => {
      const table = await mount<PatTable>(html`<pat-table></pat-table>`);
      const caption = () => text(table.shadowRoot!.querySelector('caption'));
      await until(() => caption() === strings.table.caption, 'English first', WAIT);
      await setPageLanguage('de');
      await until(() => caption() === de.table.caption, 'German', WAIT);
      await setPageLanguage('ar', 'rtl');
      await until(() => caption() === ar.table.caption, 'Arabic', WAIT);
      await setPageLanguage('en');
      await until(() => caption() === strings.table.caption, 'English again', WAIT);
    });

    it('a lang on an element reaches the elements inside it, through shadow roots', async () => {
      const manager = await mount<PatManager>(html`<pat-manager lang="de"></pat-manager>`);
      await loadPatTranslation('de');
      const table = () => manager.shadowRoot!.querySelector('pat-table');
      await until(() => text(table()?.shadowRoot?.querySelector('caption')) === de.table.caption, 'the table in German', WAIT);
      expect(text(manager.shadowRoot!.querySelector('h2'))).to.equal(de.manager.listTitle);
      expect(document.documentElement.lang, 'the page stays English').to.equal('en');
    });

    it('Arabic runs right to left: the toolbar and the pager mirror, dates and numbers are Arabic', async () => {
      await setPageLanguage('ar', 'rtl');
      const table = await mount<PatTable>(html`<pat-table status="all"></pat-table>`);
      const root = table.shadowRoot!;
      await until(() => root.querySelectorAll('tbody tr[data-id]').length > 0, 'rows', WAIT);
      const search = root.querySelector('.search')!.getBoundingClientRect();
      const create = [...root.querySelectorAll('sl-button')].find((button) => text(button) === ar.table.create)!.getBoundingClientRect();
      expect(create.right, 'Create sits left of the search').to.be.lessThan(search.left + 1);
      const name = root.querySelector('thead th:first-child')!.getBoundingClientRect();
      const status = root.querySelector('thead th:nth-child(3)')!.getBoundingClientRect();
      expect(name.left, 'the first column is on the right').to.be.greaterThan(status.left);
      // An English name reads left to right (dir="auto") yet lines up with the Arabic column.
      const nameCell = root.querySelector<HTMLElement>('tbody tr[data-id] td.name')!;
      expect(getComputedStyle(nameCell).direction).to.equal('ltr');
      expect(getComputedStyle(nameCell).textAlign).to.equal('right');
      const chevron = root.querySelector('.pager svg');
      if (chevron) expect(getComputedStyle(chevron).transform).to.equal('matrix(-1, 0, 0, 1, 0, 0)');
      const issued = text(root.querySelector('tbody tr[data-id] td.issued time'));
      expect(issued, 'an Arabic relative time').to.match(/[\u0600-\u06FF]/);
      const count = root.querySelector('.stat-count')!;
      // The counts load apart from the rows: a dash until they are in.
      await until(() => text(count) !== '–', 'the counts', WAIT);
      expect(text(count)).to.equal(new Intl.NumberFormat('ar').format(store.summary('alice').active));
      await expectAccessible(table);
    });

    it('a language PAT Kit does not ship is English throughout, never mixed; a host can register it', async () => {
      await setPageLanguage('fr');
      const detail = await mount<PatDetail>(
        html`<pat-detail
          pat-id=${store.list('alice', { status: 'all', offset: 0, limit: 1, sort: 'name', dir: 'asc' }).pats[0]!.id}
        ></pat-detail>`,
      );
      const root = detail.shadowRoot!;
      await until(() => root.querySelector('h2.title'), 'the token', WAIT);
      expect(text(root.querySelector('#scopes-title'))).to.equal(strings.detail.scopes);
      // The status line's relative end, then Created's date and time.
      const created = () => root.querySelectorAll('[part="details"] dd time')[1]!;
      const written = (lang: string) =>
        new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(Date.parse(created().getAttribute('datetime')!));
      expect(text(created())).to.equal(written('en'));
      registerPatTranslation('fr', 'Français', 'ltr', { ...strings, detail: { ...strings.detail, scopes: 'Portées' } });
      await until(() => text(root.querySelector('#scopes-title')) === 'Portées', 'the registered French', WAIT);
      expect(text(created())).to.equal(written('fr'));
    });

    it('Shoelace’s own words follow: a dialog’s close button is labelled in German', async () => {
      await setPageLanguage('de');
      const dialog = await fixture<SlDialog>(html`<sl-dialog label="x" open></sl-dialog>`);
      await dialog.updateComplete;
      await until(
        () => dialog.shadowRoot!.querySelector('[part~="close-button"]')?.getAttribute('label') === 'Schließen',
        'Schließen',
        WAIT,
      );
    });
  });
});
