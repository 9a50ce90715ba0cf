import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '@shoelace-style/shoelace/dist/components/menu-item/menu-item.js';
import '../components/pat-user-menu/pat-user-menu.js';
import type { PatUserMenu } from '../components/pat-user-menu/pat-user-menu.component.js';
import { storyElement } from './support.js';

interface Args {
  name: string;
  email: string;
  image: string;
  href: string;
  showName: boolean;
}

/** Opens the popover; resolves once it has finished showing. */
async function open({ canvasElement }: { canvasElement: HTMLElement }) {
  const menu = await storyElement<PatUserMenu>(canvasElement, 'pat-user-menu');
  await menu.show();
}

const meta = {
  title: 'Elements/pat-user-menu',
  component: 'pat-user-menu',
  args: { name: 'Alice Martin', email: 'alice@example.com', image: '', href: '', showName: false },
  // As in a portal's top bar: at the right, with the host's own items in the slot.
  render: ({ name, email, image, href, showName }) => html`
    <div style="display: flex; justify-content: flex-end; min-height: 18rem">
      <pat-user-menu name=${name} email=${email} image=${image} href=${href} ?show-name=${showName}>
        <sl-menu-item value="profile">Profile</sl-menu-item>
        <sl-menu-item value="sign-out">Sign out</sl-menu-item>
      </pat-user-menu>
    </div>
  `,
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

/** The avatar button with the user's initials. */
export const Closed: Story = {};

/** The name and email beside the avatar. */
export const WithName: Story = { args: { showName: true } };

/** No name: the initials come from the email's local part. */
export const EmailOnly: Story = { args: { name: '', email: 'bob.stone@example.com' } };

/** The popover: who is signed in, Personal Access Tokens, the host's items. */
export const Open: Story = { play: open };

export const Dark: Story = { args: { showName: true }, globals: { theme: 'dark' }, play: open };
