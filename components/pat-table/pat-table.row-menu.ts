import { html, type LitElement, type ReactiveController, type TemplateResult } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { getAnimation, setDefaultAnimation } from '@shoelace-style/shoelace/dist/utilities/animation-registry.js';
import '@shoelace-style/shoelace/dist/components/popup/popup.js';
import type SlMenu from '@shoelace-style/shoelace/dist/components/menu/menu.js';
import type SlPopup from '@shoelace-style/shoelace/dist/components/popup/popup.js';

/**
 * The row menu's animations, in Shoelace's animation registry: a host changes them as it changes
 * any Shoelace animation, for one table (`setAnimation(table, 'pat-table.row-menu.show', …)`)
 * or for all (`setDefaultAnimation`). By default, sl-dropdown's.
 */
export const ROW_MENU_SHOW = 'pat-table.row-menu.show';
export const ROW_MENU_HIDE = 'pat-table.row-menu.hide';
setDefaultAnimation(ROW_MENU_SHOW, {
  keyframes: [
    { opacity: 0, scale: 0.9 },
    { opacity: 1, scale: 1 },
  ],
  options: { duration: 100, easing: 'ease' },
});
setDefaultAnimation(ROW_MENU_HIDE, {
  keyframes: [
    { opacity: 1, scale: 1 },
    { opacity: 0, scale: 0.9 },
  ],
  options: { duration: 100, easing: 'ease' },
});

/** The open menu: the row's id and the ⋮ button it hangs from; `closing` while it plays its hide animation. */
interface OpenMenu {
  id: string;
  trigger: HTMLButtonElement;
  closing: boolean;
}

/**
 * One action menu for a list's rows, opened from each row's ⋮ button (the menu button pattern:
 * Enter, Space and the arrow keys open it, Escape and a click elsewhere close it, Tab moves on).
 * One menu serves every row and is rendered only while open: a menu per row made the first
 * render of a long page slow (each menu item measures its styles as it starts).
 */
export class RowMenu implements ReactiveController {
  #host: LitElement;
  #open?: OpenMenu;

  constructor(host: LitElement) {
    this.#host = host;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.drop();
  }

  /** The id of the row whose menu is open (or closing). */
  get openId(): string | undefined {
    return this.#open?.id;
  }

  /** Whether the menu is open, and not closing, on `trigger`. */
  isOpenOn(trigger: Element): boolean {
    return this.#open?.trigger === trigger && !this.#open.closing;
  }

  /** The ⋮ button this menu hangs from, while it is open and not closing. */
  get trigger(): HTMLButtonElement | undefined {
    return this.#open && !this.#open.closing ? this.#open.trigger : undefined;
  }

  /** Opens `id`'s menu under `trigger` (if not open yet); `focus` moves to its first or last item. */
  async show(id: string, trigger: HTMLButtonElement, focus?: 'first' | 'last'): Promise<void> {
    const opening = !this.isOpenOn(trigger);
    if (opening) {
      if (this.#open) markExpanded(this.#open.trigger, false);
      this.#set({ id, trigger, closing: false });
      markExpanded(trigger, true);
      this.#listen(true);
    }
    const menu = this.#open;
    await this.#host.updateComplete;
    const popup = this.#popup;
    const list = popup?.querySelector<SlMenu>('sl-menu');
    if (!popup || !list) return;
    await Promise.all([popup.updateComplete, list.updateComplete]);
    if (this.#open !== menu) return;
    const items = list.getAllItems();
    const item = focus === 'first' ? items[0] : focus === 'last' ? items.at(-1) : undefined;
    if (item) {
      list.setCurrentItem(item);
      item.focus();
    } else if (opening) {
      trigger.focus();
    }
    if (opening) await this.#play(popup, ROW_MENU_SHOW);
  }

  /** Closes the open menu, and gives the focus back to its button when `refocus`. */
  async close(refocus = false): Promise<void> {
    const menu = this.#open;
    if (!menu || menu.closing) return;
    const closing = { ...menu, closing: true };
    this.#set(closing);
    this.#listen(false);
    markExpanded(menu.trigger, false);
    if (refocus) menu.trigger.focus();
    await this.#play(this.#popup, ROW_MENU_HIDE);
    if (this.#open === closing) this.#set(undefined);
  }

  /** Forgets the open menu at once (no animation): its row or the list went. */
  drop(): void {
    if (this.#open) markExpanded(this.#open.trigger, false);
    this.#listen(false);
    if (this.#open) this.#set(undefined);
  }

  /**
   * A click in a row: on its ⋮ button it opens or closes the menu, in the menu it is the menu's.
   * True when the menu took it (else it is the row's).
   */
  handleClick(event: MouseEvent, id: string): boolean {
    const target = event.target as Element;
    const trigger = target.closest<HTMLButtonElement>('.row-menu-trigger');
    if (trigger) {
      if (this.isOpenOn(trigger)) void this.close();
      else void this.show(id, trigger);
      return true;
    }
    return !!target.closest('.row-menu');
  }

  /** Space was handled on keydown: no click from the ⋮ button on keyup. */
  handleKeyup = (event: KeyboardEvent): void => {
    if (event.key === ' ' && (event.target as Element).closest('.row-menu-trigger')) event.preventDefault();
  };

  /**
   * A key pressed on a row's ⋮ button, or in its open menu: true when the menu handled it.
   * Enter and Space toggle the menu (opening it on its first item), ArrowDown and Home open it
   * on its first item, ArrowUp and End on its last; Escape in the menu closes it.
   */
  handleKeydown(event: KeyboardEvent, id: string): boolean {
    const target = event.target as Element;
    const open = this.#open;
    if (event.key === 'Escape' && open && !open.closing && target.closest('td') === open.trigger.closest('td')) {
      event.preventDefault();
      event.stopPropagation();
      void this.close(true);
      return true;
    }
    const trigger = target.closest<HTMLButtonElement>('.row-menu-trigger');
    if (!trigger) return false;
    const focus = ({ Enter: 'first', ' ': 'first', ArrowDown: 'first', Home: 'first', ArrowUp: 'last', End: 'last' } as const)[
      event.key as 'Enter'
    ];
    if (!focus) return false;
    event.preventDefault();
    if ((event.key === 'Enter' || event.key === ' ') && this.isOpenOn(trigger)) void this.close();
    else void this.show(id, trigger, focus);
    return true;
  }

  /** The open menu around `content` (an sl-menu), under its ⋮ button; fixed, so a scrolling frame does not clip it. */
  render(content: TemplateResult) {
    const open = this.#open;
    if (!open) return null;
    return html`
      <sl-popup
        class=${classMap({ 'row-menu': true, closing: open.closing })}
        placement="bottom-end"
        strategy="fixed"
        flip
        shift
        auto-size="vertical"
        auto-size-padding="10"
        active
        .anchor=${open.trigger}
      >
        ${content}
      </sl-popup>
    `;
  }

  #set(open: OpenMenu | undefined) {
    this.#open = open;
    this.#host.requestUpdate();
  }

  get #popup(): SlPopup | null {
    return this.#host.renderRoot.querySelector<SlPopup>('sl-popup.row-menu');
  }

  #play(popup: SlPopup | null, name: string): Promise<unknown> {
    const target = popup?.popup;
    if (!target || matchMedia('(prefers-reduced-motion: reduce)').matches) return Promise.resolve();
    const { keyframes, options } = getAnimation(this.#host, name, { dir: getComputedStyle(this.#host).direction });
    return target.animate(keyframes, options).finished.catch(() => undefined);
  }

  #listen(on: boolean) {
    if (on) {
      document.addEventListener('keydown', this.#onDocumentKeydown);
      document.addEventListener('mousedown', this.#onDocumentMousedown);
    } else {
      document.removeEventListener('keydown', this.#onDocumentKeydown);
      document.removeEventListener('mousedown', this.#onDocumentMousedown);
    }
  }

  /** Whether the focus is on the open menu's button or in the menu. */
  #focusInMenu(): boolean {
    const root = this.#host.renderRoot;
    const active = root instanceof ShadowRoot ? root.activeElement : null;
    const cell = this.#open?.trigger.closest('td');
    return !!active && !!cell && cell.contains(active);
  }

  #onDocumentKeydown = (event: KeyboardEvent) => {
    const menu = this.#open;
    if (!menu || menu.closing) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      void this.close(true);
    } else if (event.key === 'Tab') {
      // Tab moves on from the menu as from any other control; the menu closes once the focus left it.
      setTimeout(() => {
        if (this.#open === menu && !this.#focusInMenu()) void this.close();
      });
    }
  };

  #onDocumentMousedown = (event: MouseEvent) => {
    const cell = this.#open?.trigger.closest('td');
    if (!cell || !event.composedPath().includes(cell)) void this.close();
  };
}

/** The ⋮ button says whether its menu is open (it is rendered closed, `aria-haspopup` set). */
function markExpanded(trigger: HTMLButtonElement, expanded: boolean) {
  trigger.setAttribute('aria-expanded', expanded ? 'true' : 'false');
}
