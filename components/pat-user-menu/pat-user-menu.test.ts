import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { resetMouse, sendKeys } from '@web/test-runner-commands';
import type SlAvatar from '@shoelace-style/shoelace/dist/components/avatar/avatar.js';
import type SlDropdown from '@shoelace-style/shoelace/dist/components/dropdown/dropdown.js';
import { expectAccessible, until, expectSame } from '../../testing/fixture.js';
import { deepActive } from '../../testing/dom.js';
import { click } from '../../testing/input.js';
import { strings } from '../i18n/strings.js';
import './pat-user-menu.js';
import { initialsOf, type PatUserMenu } from './pat-user-menu.component.js';

/** Identity check that names elements: a failing chai equal() on a live element hangs the runner. */
// A 1×1 PNG: an avatar image that loads without a network.
const PIXEL = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

function part<T extends Element = HTMLElement>(menu: PatUserMenu, selector: string): T {
  const found = menu.shadowRoot!.querySelector<T>(selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
}

const trigger = (menu: PatUserMenu) => part<HTMLButtonElement>(menu, 'button.trigger');
const dropdown = (menu: PatUserMenu) => part<SlDropdown>(menu, 'sl-dropdown');
const patsItem = (menu: PatUserMenu) => part(menu, 'sl-menu-item[value="pats"]');

/** The accessible name of `element` as axe computes it (shadow roots included). */
function accessibleName(element: Element): string {
  const axe = window.axe as unknown as {
    setup(node: Node): void;
    teardown(): void;
    commons: { text: { accessibleText(element: Element): string } };
  };
  axe.setup(document);
  try {
    return axe.commons.text.accessibleText(element).replace(/\s+/g, ' ').trim();
  } finally {
    axe.teardown();
  }
}

async function opened(menu: PatUserMenu): Promise<void> {
  await until(() => dropdown(menu).open && patsItem(menu).getBoundingClientRect().height > 0, 'the menu to open');
  await oneEventOrOpen(menu);
}

/** Waits for sl-after-show unless the dropdown finished showing already. */
async function oneEventOrOpen(menu: PatUserMenu): Promise<void> {
  const popup = dropdown(menu).shadowRoot!.querySelector('sl-popup')!.shadowRoot!.querySelector('.popup')!;
  await until(() => popup.getAnimations().length === 0, 'the show animation');
}

async function closed(menu: PatUserMenu): Promise<void> {
  await until(
    () => !dropdown(menu).open && dropdown(menu).shadowRoot!.querySelector<HTMLElement>('.dropdown__panel')!.hidden !== false,
    'the menu to close',
  );
}

async function mountMenu(
  template = html`
    <pat-user-menu name="Jane Doe" email="jane@example.com">
      <sl-menu-item value="profile">Profile</sl-menu-item>
      <sl-menu-item value="sign-out">Sign out</sl-menu-item>
    </pat-user-menu>
  `,
): Promise<PatUserMenu> {
  const wrapper = await fixture<HTMLElement>(html`<div style="display: flex; justify-content: flex-end; padding: 1rem">${template}</div>`);
  const menu = wrapper.querySelector('pat-user-menu')!;
  await menu.updateComplete;
  return menu;
}

describe('<pat-user-menu>', () => {
  afterEach(async () => {
    await resetMouse();
    history.replaceState(null, '', `${location.pathname}${location.search}`);
  });

  it('makes initials from a name', () => {
    expect(initialsOf('Jane Doe')).to.equal('JD');
    expect(initialsOf('  jane   van der doe ')).to.equal('JD');
    expect(initialsOf('Cher')).to.equal('C');
    expect(initialsOf('jane@example.com')).to.equal('J');
    expect(initialsOf('jane.doe@example.com')).to.equal('JD');
    expect(initialsOf('')).to.equal('');
  });

  it('shows the initials of the name on the avatar, closed, and is accessible', async () => {
    const menu = await mountMenu();
    const avatar = part<SlAvatar>(menu, 'sl-avatar[part="avatar"]');
    expect(avatar.initials).to.equal('JD');
    await avatar.updateComplete;
    expect(avatar.shadowRoot!.textContent).to.include('JD');
    expectSame(avatar.shadowRoot!.querySelector('img'), null, 'the image');
    expect(accessibleName(trigger(menu))).to.equal(strings.userMenu.open('Jane Doe'));
    expect(trigger(menu).getAttribute('aria-haspopup')).to.equal('true');
    expect(trigger(menu).getAttribute('aria-expanded')).to.equal('false');
    expect(dropdown(menu).open).to.equal(false);
    await expectAccessible(menu);
  });

  it('shows the image instead of the initials when there is one', async () => {
    const menu = await mountMenu(html`<pat-user-menu name="Jane Doe" image=${PIXEL}></pat-user-menu>`);
    const avatar = part<SlAvatar>(menu, 'sl-avatar[part="avatar"]');
    await avatar.updateComplete;
    const img = avatar.shadowRoot!.querySelector('img');
    expect(img).to.exist;
    expect(img!.getAttribute('src')).to.equal(PIXEL);
    expectSame(avatar.shadowRoot!.querySelector('.avatar__initials'), null, 'the initials');
  });

  it('shows the name and email beside the avatar with show-name, and is accessible', async () => {
    const menu = await mountMenu(html`<pat-user-menu name="Jane Doe" email="jane@example.com" show-name></pat-user-menu>`);
    expect(part(menu, '.trigger-name').textContent).to.equal('Jane Doe');
    expect(part(menu, '.trigger-email').textContent).to.equal('jane@example.com');
    expect(accessibleName(trigger(menu))).to.equal(strings.userMenu.open('Jane Doe'));
    await expectAccessible(menu);
  });

  it('uses the email for the initials and the label when there is no name', async () => {
    const menu = await mountMenu(html`<pat-user-menu email="sam@example.com"></pat-user-menu>`);
    expect(part<SlAvatar>(menu, 'sl-avatar[part="avatar"]').initials).to.equal('S');
    expect(accessibleName(trigger(menu))).to.equal(strings.userMenu.open('sam@example.com'));
  });

  it("opens on click with the name, email, the PAT entry and the host's items, and is accessible", async () => {
    const menu = await mountMenu();
    await click(trigger(menu));
    await opened(menu);
    expect(trigger(menu).getAttribute('aria-expanded')).to.equal('true');
    const identity = part(menu, '.identity');
    expect(part(menu, '.name').textContent).to.equal('Jane Doe');
    expect(part(menu, '.email').textContent).to.equal('jane@example.com');
    expect(identity.getBoundingClientRect().height).to.be.greaterThan(0);
    expect(patsItem(menu).textContent!.trim()).to.equal(strings.userMenu.pats);
    const signOut = menu.querySelector('sl-menu-item[value="sign-out"]')!;
    expect(signOut.getBoundingClientRect().height).to.be.greaterThan(0);
    expect(signOut.getBoundingClientRect().top).to.be.greaterThan(patsItem(menu).getBoundingClientRect().top);
    const slMenu = part(menu, 'sl-menu');
    expect(slMenu.getAttribute('role')).to.equal('menu');
    expect(accessibleName(slMenu), 'the menu is named after the user').to.equal('Jane Doe jane@example.com');
    expect(accessibleName(patsItem(menu))).to.equal(strings.userMenu.pats);
    await expectAccessible(menu);
  });

  it('a second click on the avatar closes it', async () => {
    const menu = await mountMenu();
    await click(trigger(menu));
    await opened(menu);
    await click(trigger(menu));
    await closed(menu);
  });

  for (const key of ['Enter', 'Space']) {
    it(`opens with ${key} on the focused avatar`, async () => {
      const menu = await mountMenu();
      trigger(menu).focus();
      await sendKeys({ press: key });
      await opened(menu);
      expect(part(menu, '.name').textContent).to.equal('Jane Doe');
      expect(patsItem(menu).getBoundingClientRect().height).to.be.greaterThan(0);
    });
  }

  it('moves between its own and the slotted items with the arrow keys', async () => {
    const menu = await mountMenu();
    trigger(menu).focus();
    await sendKeys({ press: 'Enter' });
    await opened(menu);
    const profile = menu.querySelector('sl-menu-item[value="profile"]')!;
    const signOut = menu.querySelector('sl-menu-item[value="sign-out"]')!;

    await sendKeys({ press: 'ArrowDown' });
    await until(() => deepActive() === patsItem(menu), 'the PAT entry focused');
    await sendKeys({ press: 'ArrowDown' });
    await until(() => deepActive() === profile, 'Profile focused');
    await sendKeys({ press: 'ArrowDown' });
    await until(() => deepActive() === signOut, 'Sign out focused');
    await sendKeys({ press: 'ArrowDown' });
    await until(() => deepActive() === patsItem(menu), 'wrapped to the PAT entry');
    await sendKeys({ press: 'ArrowUp' });
    await until(() => deepActive() === signOut, 'wrapped back to Sign out');
  });

  it('ArrowDown on the closed avatar opens it on the first item', async () => {
    const menu = await mountMenu();
    trigger(menu).focus();
    await sendKeys({ press: 'ArrowDown' });
    await opened(menu);
    await until(() => deepActive() === patsItem(menu), 'the PAT entry focused');
  });

  it('Escape closes it and gives focus back to the avatar', async () => {
    const menu = await mountMenu();
    await click(trigger(menu));
    await opened(menu);
    await sendKeys({ press: 'ArrowDown' });
    await until(() => deepActive() === patsItem(menu), 'the PAT entry focused');
    await sendKeys({ press: 'Escape' });
    await closed(menu);
    expectSame(deepActive(), trigger(menu), 'focus');
    expect(trigger(menu).getAttribute('aria-expanded')).to.equal('false');
  });

  it('choosing "Personal Access Tokens" emits pat-navigate to /pats without an href, and closes', async () => {
    const menu = await mountMenu();
    const seen: { route: string }[] = [];
    document.addEventListener('pat-navigate', (event) => seen.push((event as CustomEvent<{ route: string }>).detail), { once: true });
    await click(trigger(menu));
    await opened(menu);
    const navigate = oneEvent(menu, 'pat-navigate');
    await click(patsItem(menu));
    const event = await navigate;
    expect(event.detail).to.deep.equal({ route: '/pats' });
    expect(event.bubbles && event.composed).to.equal(true);
    expect(seen).to.deep.equal([{ route: '/pats' }]);
    await closed(menu);
    expectSame(deepActive(), trigger(menu), 'focus');
    expect(location.hash).to.equal('');
  });

  it('choosing it with the keyboard works the same', async () => {
    const menu = await mountMenu();
    trigger(menu).focus();
    await sendKeys({ press: 'ArrowDown' });
    await opened(menu);
    await until(() => deepActive() === patsItem(menu), 'the PAT entry focused');
    const navigate = oneEvent(menu, 'pat-navigate');
    await sendKeys({ press: 'Enter' });
    expect((await navigate).detail).to.deep.equal({ route: '/pats' });
  });

  it('choosing a host item emits its sl-select and no pat-navigate', async () => {
    const menu = await mountMenu();
    let navigations = 0;
    menu.addEventListener('pat-navigate', () => navigations++);
    const selected: string[] = [];
    menu.addEventListener('sl-select', (event) => selected.push((event as CustomEvent<{ item: { value: string } }>).detail.item.value));
    await click(trigger(menu));
    await opened(menu);
    await click(menu.querySelector('sl-menu-item[value="sign-out"]')!);
    await closed(menu);
    expect(selected).to.deep.equal(['sign-out']);
    expect(navigations).to.equal(0);
  });

  it('follows href when it is set, and emits no pat-navigate', async () => {
    const menu = await mountMenu(html`<pat-user-menu name="Jane Doe" href="#/pats"></pat-user-menu>`);
    let navigations = 0;
    menu.addEventListener('pat-navigate', () => navigations++);
    await click(trigger(menu));
    await opened(menu);
    const changed = new Promise((resolve) => window.addEventListener('hashchange', resolve, { once: true }));
    await click(patsItem(menu));
    await changed;
    expect(location.hash).to.equal('#/pats');
    expect(navigations).to.equal(0);
  });
});
