import { html, nothing } from 'lit';
import { property, query } from 'lit/decorators.js';
import '@shoelace-style/shoelace/dist/components/avatar/avatar.js';
import '@shoelace-style/shoelace/dist/components/divider/divider.js';
import '@shoelace-style/shoelace/dist/components/dropdown/dropdown.js';
import '@shoelace-style/shoelace/dist/components/icon/icon.js';
import '@shoelace-style/shoelace/dist/components/menu/menu.js';
import '@shoelace-style/shoelace/dist/components/menu-item/menu-item.js';
import type SlDropdown from '@shoelace-style/shoelace/dist/components/dropdown/dropdown.js';
import type SlMenuItem from '@shoelace-style/shoelace/dist/components/menu-item/menu-item.js';
import { baseStyles } from '../common/base.styles.js';
import { PatElement } from '../common/pat-element.js';
import styles from './pat-user-menu.styles.js';

/** "Jane Doe" → "JD"; "jane@example.com" → "J"; "jane.doe@example.com" → "JD". */
export function initialsOf(name: string): string {
  // An email's domain says nothing about the person: only its local part counts.
  const person = name.includes('@') ? name.slice(0, name.indexOf('@')) : name;
  const words = person
    .trim()
    .split(/[\s._-]+/)
    .filter(Boolean);
  const letters = words.length > 1 ? [words[0]![0], words.at(-1)![0]] : [words[0]?.[0]];
  return letters.join('').toUpperCase();
}

/**
 * @tagname pat-user-menu
 * @summary The avatar button of a portal's top bar: opens a popover with the user's name and
 * email, the host's own items, and the entry to the Personal Access Tokens.
 *
 * @slot - The host's own `<sl-menu-item>`s (Profile, Sign out, …), shown under the PAT entry.
 *
 * @event {CustomEvent<PatEventMap['pat-navigate']>} pat-navigate - The user chose "Personal Access Tokens" and no `href` is set;
 *   `detail.route` is `/pats`.
 *
 * @csspart base - The dropdown.
 * @csspart trigger - The avatar button.
 * @csspart avatar - The avatar (image or initials).
 * @csspart menu - The popover's menu.
 * @csspart pats-item - The "Personal Access Tokens" entry.
 *
 * @cssproperty --pat-user-menu-avatar-size - The avatar's diameter.
 */
export class PatUserMenu extends PatElement {
  static override styles = [baseStyles, styles];

  @query('sl-dropdown') private dropdown!: SlDropdown;

  /** The user's name, shown in the popover and used for the initials. */
  @property() name = '';

  /** The user's email, under their name. */
  @property() email = '';

  /** A picture of the user; initials otherwise. */
  @property() image = '';

  /** Where "Personal Access Tokens" leads; without it the entry emits `pat-navigate`. */
  @property() href = '';

  /** Show the name and email beside the avatar in the top bar, not only in the popover. */
  @property({ type: Boolean, attribute: 'show-name' }) showName = false;

  private onSelect(event: CustomEvent<{ item: SlMenuItem }>) {
    if (event.detail.item.value !== 'pats') return;
    if (this.href) location.assign(this.href);
    else this.emit('pat-navigate', { route: '/pats' });
  }

  /** Opens the popover. */
  show(): Promise<void> {
    return this.dropdown.show();
  }

  /** Closes the popover. */
  hide(): Promise<void> {
    return this.dropdown.hide();
  }

  override render() {
    const label = this.name || this.email;
    return html`
      <sl-dropdown part="base" placement="bottom-end" distance="4" @sl-select=${this.onSelect}>
        <button slot="trigger" class="trigger" part="trigger" type="button" aria-haspopup="true" aria-expanded="false">
          <span class="visually-hidden">${this.t.userMenu.open(label)}</span>
          ${
            this.showName
              ? html`<span class="trigger-text" aria-hidden="true">
                  <span class="trigger-name">${this.name}</span><span class="trigger-email">${this.email}</span>
                </span>`
              : nothing
          }
          <sl-avatar part="avatar" image=${this.image} initials=${initialsOf(label)} label="" aria-hidden="true"></sl-avatar>
        </button>
        <sl-menu part="menu" aria-labelledby="identity">
          <div class="identity" role="presentation">
            <sl-avatar image=${this.image} initials=${initialsOf(label)} label="" aria-hidden="true"></sl-avatar>
            <div class="identity-text" id="identity">
              <span class="name">${this.name}</span>
              <span class="email">${this.email}</span>
            </div>
          </div>
          <sl-divider role="presentation"></sl-divider>
          <sl-menu-item part="pats-item" value="pats"> <sl-icon slot="prefix" name="key"></sl-icon>${this.t.userMenu.pats} </sl-menu-item>
          <slot></slot>
        </sl-menu>
      </sl-dropdown>
    `;
  }
}
