import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, resetMouse, sendKeys } from '@web/test-runner-commands';
import type SlCopyButton from '@shoelace-style/shoelace/dist/components/copy-button/copy-button.js';
import type SlTooltip from '@shoelace-style/shoelace/dist/components/tooltip/tooltip.js';
import { buildSecret, SECRET_PATTERN } from '../../contract/index.js';
import { expectAccessible, until } from '../../testing/fixture.js';
import { text } from '../../testing/dom.js';
import { click } from '../../testing/input.js';
import { strings } from '../i18n/strings.js';
import './pat-secret-banner.js';
import type { PatSecretBanner } from './pat-secret-banner.component.js';

const SECRET = buildSecret(
  '0b5e6a3c-2f4d-4c1e-9a7b-3d2c1b0a9f8e',
  new Uint8Array(32).map((_, i) => (i * 37 + 11) & 0xff),
);
const OTHER_SECRET = buildSecret(
  '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
  new Uint8Array(32).map((_, i) => (i * 53 + 5) & 0xff),
);

function secretText(banner: PatSecretBanner): HTMLElement {
  return banner.shadowRoot!.querySelector<HTMLElement>('[part="secret"]')!;
}

function copyButton(banner: PatSecretBanner): SlCopyButton {
  return banner.shadowRoot!.querySelector<SlCopyButton>('sl-copy-button')!;
}

/** Every element of the tree under `root`, shadow roots included. */
function deepElements(root: Element | ShadowRoot): Element[] {
  const found: Element[] = [];
  const walk = (node: Element | ShadowRoot) => {
    for (const child of node.children) {
      found.push(child);
      if (child.shadowRoot) walk(child.shadowRoot);
      walk(child);
    }
  };
  if (root instanceof Element) {
    found.push(root);
    if (root.shadowRoot) walk(root.shadowRoot);
  }
  walk(root);
  return found;
}

/** Every attribute in the document that contains `value`, as `tag[name]`. */
function attributesContaining(value: string): string[] {
  return deepElements(document.documentElement).flatMap((element) =>
    [...element.attributes]
      .filter((attribute) => attribute.value.includes(value))
      .map((attribute) => `${element.tagName.toLowerCase()}[${attribute.name}]`),
  );
}

async function mountBanner(secret = SECRET): Promise<PatSecretBanner> {
  const banner = await fixture<PatSecretBanner>(html`<pat-secret-banner .secret=${secret}></pat-secret-banner>`);
  await banner.updateComplete;
  await copyButton(banner).updateComplete;
  return banner;
}

/** Replaces navigator.clipboard.writeText for one test; returns what it was asked to write. */
function stubClipboard(result: 'resolve' | 'reject' = 'resolve'): string[] {
  const written: string[] = [];
  Object.defineProperty(navigator.clipboard, 'writeText', {
    configurable: true,
    value: async (value: string) => {
      written.push(value);
      if (result === 'reject') throw new DOMException('Denied', 'NotAllowedError');
    },
  });
  return written;
}

describe('<pat-secret-banner>', function () {
  // The machine may be busy with other test runs: room for the real-input flows.
  this.timeout(30_000);

  before(async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
  });

  afterEach(async () => {
    // Back to the prototype's writeText.
    delete (navigator.clipboard as unknown as Record<string, unknown>).writeText;
    await resetMouse();
  });

  it('uses a secret of the documented format in these tests', () => {
    expect(SECRET).to.match(SECRET_PATTERN);
    expect(OTHER_SECRET).to.match(SECRET_PATTERN);
  });

  it('shows the secret in full, as monospace text', async () => {
    const banner = await mountBanner();
    const code = secretText(banner);
    expect(code.textContent!.trim()).to.equal(SECRET);
    expect(code.textContent!.trim()).to.equal(banner.secret);
    const font = getComputedStyle(code).fontFamily.toLowerCase();
    expect(font, 'font-family').to.match(/mono|consolas|courier|menlo/);
    // The whole secret is one selectable word: one click or double-click picks all of it.
    expect(getComputedStyle(code).userSelect).to.equal('all');
  });

  it('follows a new .secret', async () => {
    const banner = await mountBanner();
    banner.secret = OTHER_SECRET;
    await banner.updateComplete;
    expect(secretText(banner).textContent!.trim()).to.equal(OTHER_SECRET);
    expect(copyButton(banner).value).to.equal(OTHER_SECRET);
  });

  it('has a copy button whose value is the secret and whose label says what it copies', async () => {
    const banner = await mountBanner();
    const copy = copyButton(banner);
    expect(copy).to.exist;
    expect(copy.value).to.equal(SECRET);
    expect(copy.copyLabel).to.equal(strings.secret.copy);
    expect(copy.successLabel).to.equal(strings.copied);
    // Shoelace's inner button has no name of its own: the labelled icon names it.
    expect(copy.querySelector('[slot="copy-icon"]')?.getAttribute('label')).to.equal(strings.secret.copy);
  });

  it('focus() puts the keyboard on the copy button', async () => {
    const banner = await mountBanner();
    banner.focus();
    expect(document.activeElement).to.equal(banner);
    expect(banner.shadowRoot!.activeElement).to.equal(copyButton(banner));
    expect(copyButton(banner).shadowRoot!.activeElement).to.equal(copyButton(banner).shadowRoot!.querySelector('button'));
  });

  it('a click on the copy button writes the secret to the clipboard and shows "Copied"', async () => {
    const written = stubClipboard('resolve');
    const banner = await mountBanner();
    const copy = copyButton(banner);
    const copied = new Promise<CustomEvent>((resolve) =>
      copy.addEventListener('sl-copy', (event) => resolve(event as CustomEvent), { once: true }),
    );
    await click(copy.shadowRoot!.querySelector('button')!);
    const event = await copied;
    expect(event.detail.value).to.equal(SECRET);
    expect(written).to.deep.equal([SECRET]);
    const tooltip = copy.shadowRoot!.querySelector<SlTooltip>('sl-tooltip')!;
    await until(
      () => tooltip.content === strings.copied && tooltip.classList.contains('copy-button--success'),
      'the "Copied" feedback',
      8000,
    );
    expect(tooltip.content).to.equal(strings.copied);
  });

  it('the copy button works from the keyboard too', async () => {
    const written = stubClipboard('resolve');
    const banner = await mountBanner();
    const copy = copyButton(banner);
    copy.shadowRoot!.querySelector('button')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => written.length === 1, 'the clipboard write', 8000);
    expect(written).to.deep.equal([SECRET]);
    const tooltip = copy.shadowRoot!.querySelector<SlTooltip>('sl-tooltip')!;
    await until(() => tooltip.content === strings.copied, 'the "Copied" feedback', 8000);
  });

  it('says so when the clipboard refuses', async () => {
    stubClipboard('reject');
    const banner = await mountBanner();
    const copy = copyButton(banner);
    await click(copy.shadowRoot!.querySelector('button')!);
    const tooltip = copy.shadowRoot!.querySelector<SlTooltip>('sl-tooltip')!;
    await until(() => tooltip.content === strings.copyFailed, 'the failure feedback', 8000);
  });

  it('warns that the secret will not be shown again', async () => {
    const banner = await mountBanner();
    const warning = text(banner.shadowRoot!.querySelector('.warning'));
    expect(warning).to.equal(strings.secret.warning);
    expect(warning).to.match(/only time it is shown/);
    expect(warning).to.match(/cannot be seen again/);
    expect(text(banner.shadowRoot!.querySelector('.title'))).to.equal(strings.secret.title);
    // Shown as a warning, not as a quiet note.
    expect(banner.shadowRoot!.querySelector('sl-alert')!.getAttribute('variant')).to.equal('warning');
  });

  it('never reflects the secret to an attribute, anywhere in the tree', async () => {
    const banner = await mountBanner();
    expect(banner.hasAttribute('secret')).to.equal(false);
    expect(attributesContaining(SECRET)).to.deep.equal([]);
    // Nor a piece of it (the random part alone would be just as bad).
    expect(attributesContaining(SECRET.slice(27, 60))).to.deep.equal([]);
    banner.secret = OTHER_SECRET;
    await banner.updateComplete;
    expect(attributesContaining(OTHER_SECRET)).to.deep.equal([]);
  });

  it('ignores a secret given as an attribute (it is a property only)', async () => {
    const banner = await fixture<PatSecretBanner>(html`<pat-secret-banner secret=${SECRET}></pat-secret-banner>`);
    await banner.updateComplete;
    expect(banner.secret).to.equal('');
    expect(secretText(banner).textContent!.trim()).to.equal('');
  });

  it('is accessible', async () => {
    const banner = await mountBanner();
    await expectAccessible(banner);
  });
});
