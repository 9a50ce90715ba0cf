import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/pat-confirm-dialog/pat-confirm-dialog.js';
import type { PatConfirmDialog } from '../components/pat-confirm-dialog/pat-confirm-dialog.component.js';
import { strings } from '../components/i18n/strings.js';
import type { PatStoryParameters } from '../.storybook/annotations.js';
import { ALICE_PATS, asPage, deepQuery, dialogShown, storyApi, storyElement, until } from './support.js';

interface Args {
  title: string;
  message: string;
  confirmLabel: string;
}

const meta = {
  title: 'Elements/pat-confirm-dialog',
  component: 'pat-confirm-dialog',
  args: {
    title: strings.confirm.revokeTitle,
    message: strings.confirm.revokeText('CI deploy'),
    confirmLabel: strings.confirm.revokeConfirm,
  },
  decorators: [asPage],
  render: () => html`<pat-confirm-dialog></pat-confirm-dialog>`,
  // The dialog is closed until someone calls confirm(): each story opens it.
  play: async ({ canvasElement, args }) => {
    const dialog = await storyElement<PatConfirmDialog>(canvasElement, 'pat-confirm-dialog');
    void dialog.confirm({ ...args });
    await dialogShown(dialog.shadowRoot!);
  },
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

/** Revoke, as the table and the detail page ask it. */
export const Revoke: Story = {};

export const DeleteAll: Story = {
  args: {
    title: strings.confirm.deleteAllTitle,
    message: strings.confirm.deleteAllText(12),
    confirmLabel: strings.confirm.deleteAllConfirm(12),
  },
};

/** The action fails (the API answers 500): the dialog stays open and says why. */
export const ActionFailed: Story = {
  parameters: { scenario: 'error' } satisfies PatStoryParameters,
  play: async ({ canvasElement, args }) => {
    const dialog = await storyElement<PatConfirmDialog>(canvasElement, 'pat-confirm-dialog');
    const api = storyApi(canvasElement);
    void dialog.confirm({ ...args, action: () => api.revokePat(ALICE_PATS.active) });
    await dialogShown(dialog.shadowRoot!);
    dialog.shadowRoot!.querySelector<HTMLElement>('[part="confirm"]')!.click();
    await until(() => deepQuery(dialog.shadowRoot!, 'sl-alert[open]'), 'the error');
  },
};

export const Dark: Story = { globals: { theme: 'dark' } };
