import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/pat-regenerate-dialog/pat-regenerate-dialog.js';
import type { PatRegenerateDialog } from '../components/pat-regenerate-dialog/pat-regenerate-dialog.component.js';
import { ALICE_PATS, asPage, dialogShown, storyApi, storyElement } from './support.js';

interface Args {
  /** The PAT the dialog is opened for. */
  patId: string;
}

const meta = {
  title: 'Elements/pat-regenerate-dialog',
  component: 'pat-regenerate-dialog',
  args: { patId: ALICE_PATS.revoked },
  argTypes: { patId: { control: 'select', options: Object.values(ALICE_PATS) } },
  decorators: [asPage],
  render: () => html`<pat-regenerate-dialog></pat-regenerate-dialog>`,
  // Closed until open(pat): each story loads its PAT from the mock API and opens it.
  play: async ({ canvasElement, args }) => {
    const dialog = await storyElement<PatRegenerateDialog>(canvasElement, 'pat-regenerate-dialog');
    const pat = await storyApi(canvasElement).getPat(args.patId);
    void dialog.open(pat);
    await dialogShown(dialog.shadowRoot!);
  },
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

/** For a revoked token: a new secret and expiry, the same name and scopes. */
export const Revoked: Story = {};

/** For an expired one. */
export const Expired: Story = { args: { patId: ALICE_PATS.expired } };

export const Dark: Story = { globals: { theme: 'dark' } };
