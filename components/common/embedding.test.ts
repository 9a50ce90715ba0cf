import { expect, fixture, html } from '@open-wc/testing';
import { buildSecret } from '../../contract/index.js';
import { mount, until, useMockApi } from '../../testing/fixture.js';
import { text, transitionsEnded } from '../../testing/dom.js';
import { click } from '../../testing/input.js';
import '../pat-secret-banner/pat-secret-banner.js';
import type { PatSecretBanner } from '../pat-secret-banner/pat-secret-banner.component.js';
import '../pat-table/pat-table.js';
import type { PatTable } from '../pat-table/pat-table.component.js';
import '../pat-user-menu/pat-user-menu.js';
import type { PatUserMenu } from '../pat-user-menu/pat-user-menu.component.js';

const WAIT = 8000;

/** A host page's global styles that a drop-in element must not take on. */
const HOSTILE_PAGE = `
  * { box-sizing: content-box; text-transform: uppercase; letter-spacing: 3px; }
  body { text-align: right; white-space: pre; font-style: italic; line-height: 3; word-spacing: 10px; }
`;

const SECRET = buildSecret(
  '0b5e6a3c-2f4d-4c1e-9a7b-3d2c1b0a9f8e',
  new Uint8Array(32).map((_, i) => (i * 37 + 11) & 0xff),
);

function addPageStyle(css: string): () => void {
  const style = document.createElement('style');
  style.textContent = css;
  document.head.append(style);
  return () => style.remove();
}

/** [r, g, b, a] of a computed colour. */
function rgba(colour: string): number[] {
  const parts = colour.match(/[\d.]+/g)!.map(Number);
  return [parts[0]!, parts[1]!, parts[2]!, parts[3] ?? 1];
}

function luminance([r, g, b]: number[]): number {
  const channel = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  return 0.2126 * channel(r!) + 0.7152 * channel(g!) + 0.0722 * channel(b!);
}

/** WCAG's contrast ratio of two opaque colours. */
function contrast(foreground: string, background: string): number {
  const [a, b] = [luminance(rgba(foreground)), luminance(rgba(background))];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/** The first opaque background behind `element`, through shadow roots. */
function backgroundBehind(element: Element): string {
  for (let node: Node | null = element; node; node = node instanceof ShadowRoot ? node.host : node.parentNode) {
    if (node instanceof Element) {
      const background = getComputedStyle(node).backgroundColor;
      if (rgba(background)[3] === 1) return background;
    }
  }
  return getComputedStyle(document.documentElement).backgroundColor;
}

function useDarkTheme(dark: boolean): () => void {
  document.documentElement.classList.toggle('sl-theme-dark', dark);
  document.body.style.background = 'var(--sl-color-neutral-0)';
  return () => {
    document.documentElement.classList.remove('sl-theme-dark');
    document.body.style.background = '';
  };
}

describe('embedded in a host page', () => {
  const cleanups: (() => void)[] = [];

  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  describe("the host's global text styles stop at the element", () => {
    it('the one-time secret shows exactly as it is, never in upper case', async () => {
      cleanups.push(addPageStyle(HOSTILE_PAGE));
      const banner = await fixture<PatSecretBanner>(html`<pat-secret-banner .secret=${SECRET}></pat-secret-banner>`);
      await banner.updateComplete;
      const secret = banner.shadowRoot!.querySelector<HTMLElement>('[part="secret"]')!;
      expect(secret.innerText.trim(), 'what a user reads (innerText applies text-transform)').to.equal(SECRET);
      const style = getComputedStyle(secret);
      expect([style.textTransform, style.letterSpacing, style.wordSpacing, style.fontStyle]).to.deep.equal([
        'none',
        'normal',
        '0px',
        'normal',
      ]);
    });

    it('the table keeps its own alignment, spacing, wrapping and box sizing', async () => {
      await useMockApi('default');
      cleanups.push(addPageStyle(HOSTILE_PAGE));
      const table = await mount<PatTable>(html`<pat-table></pat-table>`);
      const root = table.shadowRoot!;
      await until(() => root.querySelectorAll('tbody tr[data-id]').length > 0, 'rows', WAIT);
      const name = root.querySelector<HTMLElement>('td.name')!;
      const style = getComputedStyle(name);
      // Left, as the page runs (the name's dir="auto" lines up with its parent), not the host's right.
      expect([style.textTransform, style.textAlign, style.fontStyle, style.letterSpacing]).to.deep.equal([
        'none',
        'left',
        'normal',
        'normal',
      ]);
      expect(getComputedStyle(root.querySelector('.base')!).whiteSpace).to.equal('normal');
      for (const stat of root.querySelectorAll<HTMLElement>('.stat')) {
        expect(getComputedStyle(stat).boxSizing).to.equal('border-box');
        const cell = stat.parentElement!.getBoundingClientRect();
        expect(stat.getBoundingClientRect().width, `${text(stat)} fits its cell`).to.be.at.most(cell.width + 0.5);
      }
      expect(root.querySelector('.frame')!.getBoundingClientRect().right, 'the table stays inside the element').to.be.at.most(
        table.getBoundingClientRect().right + 0.5,
      );
    });
  });

  describe('contrast (WCAG AA, 4.5:1 for text this size)', () => {
    for (const dark of [false, true]) {
      const theme = dark ? 'dark' : 'light';

      it(`primary buttons (Create PAT) in the ${theme} theme`, async () => {
        await useMockApi('default');
        cleanups.push(useDarkTheme(dark));
        const table = await mount<PatTable>(html`<pat-table></pat-table>`);
        const create = [...table.shadowRoot!.querySelectorAll('sl-button[variant="primary"]')][0]!;
        await (create as unknown as { updateComplete: Promise<unknown> }).updateComplete;
        await transitionsEnded();
        const base = create.shadowRoot!.querySelector('[part~="base"]')!;
        const style = getComputedStyle(base);
        expect(contrast(style.color, style.backgroundColor)).to.be.at.least(4.5);
      });

      it(`the user menu's email in the ${theme} theme`, async () => {
        cleanups.push(useDarkTheme(dark));
        const menu = await fixture<PatUserMenu>(html`<pat-user-menu name="Alice Johnson" email="alice@example.com"></pat-user-menu>`);
        await menu.updateComplete;
        await click(menu.shadowRoot!.querySelector('[slot="trigger"]')!);
        const email = await (async () => {
          await until(() => menu.shadowRoot!.querySelector('.email')?.checkVisibility(), 'the open menu', WAIT);
          return menu.shadowRoot!.querySelector('.email')!;
        })();
        await transitionsEnded();
        expect(contrast(getComputedStyle(email).color, backgroundBehind(email))).to.be.at.least(4.5);
      });
    }
  });
});
