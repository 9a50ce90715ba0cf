import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/pat-manager/pat-manager.js';
import type { PatManager } from '../components/pat-manager/pat-manager.component.js';
import type { PatEventMap } from '../components/common/events.js';
import type { PatStoryParameters } from '../.storybook/annotations.js';
import type { PatCreateForm } from '../components/pat-create-form/pat-create-form.component.js';
import { strings } from '../components/i18n/strings.js';
import { ALICE_PATS, clickButton, deepQuery, deepQueryAll, dialogShown, storyElement, textOf, until } from './support.js';

interface Args {
  /** The view, as a host router would set it: `/pats`, `/pats/new`, `/pats/<id>[/regenerate|/add-scope]`. */
  route: string;
}

/**
 * The story plays the host's router: the manager asks with `pat-navigate`, the story sets
 * `route`. (Left without `route`, the manager would follow the URL hash of Storybook's frame.)
 */
function onNavigate(event: CustomEvent<PatEventMap['pat-navigate']>) {
  if (event.target === event.currentTarget) (event.currentTarget as PatManager).route = event.detail.route;
}

const meta = {
  title: 'Elements/pat-manager',
  component: 'pat-manager',
  args: { route: '/pats' },
  render: ({ route }) => html`<pat-manager route=${route} @pat-navigate=${onNavigate}></pat-manager>`,
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

/** The list view with alice's tokens. */
export const List: Story = {};

export const Empty: Story = { parameters: { scenario: 'empty' } satisfies PatStoryParameters };

export const ManyRows: Story = {
  args: { route: '/pats?status=all&size=50' },
  parameters: { scenario: 'many' } satisfies PatStoryParameters,
};

export const Loading: Story = { parameters: { scenario: 'slow' } satisfies PatStoryParameters };

export const ErrorState: Story = { name: 'Error', parameters: { scenario: 'error' } satisfies PatStoryParameters };

/** The create view: the form, with a Back button. */
export const CreateView: Story = { args: { route: '/pats/new' } };

/** A token's page. */
export const DetailView: Story = { args: { route: `/pats/${ALICE_PATS.active}` } };

/**
 * Duplicate on a token's page: the create view filled from it (name "… (copy)", description, the
 * expiry preset nearest its lifetime, every scope), the focus in the name.
 */
export const DuplicateView: Story = {
  args: { route: `/pats/${ALICE_PATS.manyScopes}` },
  play: async ({ canvasElement }) => {
    const manager = await storyElement<PatManager>(canvasElement, 'pat-manager');
    const detail = await until(() => deepQuery(manager.shadowRoot!, 'pat-detail'), '<pat-detail>');
    await clickButton(detail.shadowRoot!, strings.detail.duplicate);
    const form = await until(() => deepQuery<PatCreateForm>(manager.shadowRoot!, 'pat-create-form'), 'the filled create form');
    await until(() => form.name.endsWith(' (copy)') && deepQueryAll(form.shadowRoot!, 'fieldset[part="row"]').length > 0, 'its scope rows');
  },
};

/** `/pats/<id>/regenerate` opens the regenerate dialog of a revoked token once it has loaded. */
export const RegenerateRoute: Story = {
  args: { route: `/pats/${ALICE_PATS.revoked}/regenerate` },
  play: async ({ canvasElement }) => {
    const manager = await storyElement<PatManager>(canvasElement, 'pat-manager');
    await dialogShown(manager.shadowRoot!);
  },
};

export const Dark: Story = { globals: { theme: 'dark' } };

export const DarkDetail: Story = { globals: { theme: 'dark' }, args: { route: `/pats/${ALICE_PATS.active}` } };

/**
 * On an unmodified Magistrala/SuperMQ backend (`backend="supermq"` on the provider): the same
 * list, with what that backend does not keep (last use) shown as never.
 */
export const OnSuperMqBackend: Story = {
  name: 'On a Magistrala/SuperMQ backend',
  parameters: { backend: 'supermq' } satisfies PatStoryParameters,
  play: async ({ canvasElement }) => {
    const manager = await storyElement<PatManager>(canvasElement, 'pat-manager');
    const table = await until(() => deepQuery(manager.shadowRoot!, 'pat-table'), '<pat-table>');
    await until(() => deepQueryAll(table.shadowRoot!, 'tr[part="row"]').length === 8, 'alice’s 8 active PATs');
  },
};

/** A token's page on that backend: its scopes as the backend keeps them. */
export const OnSuperMqBackendDetail: Story = {
  name: 'On a Magistrala/SuperMQ backend: a token',
  args: { route: `/pats/${ALICE_PATS.active}` },
  parameters: { backend: 'supermq' } satisfies PatStoryParameters,
  play: async ({ canvasElement }) => {
    const manager = await storyElement<PatManager>(canvasElement, 'pat-manager');
    const detail = await until(() => deepQuery(manager.shadowRoot!, 'pat-detail'), '<pat-detail>');
    await until(() => textOf(detail.shadowRoot!.querySelector('[part~="base"]') ?? undefined).includes('CI deploy'), 'the token’s name');
    await until(() => deepQueryAll(detail.shadowRoot!, 'tbody tr').length === 4, 'its 4 scopes');
  },
};
