import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { ScopeInput } from '../contract/index.js';
import '../components/pat-scope-editor/pat-scope-editor.js';
import type { PatScopeEditor } from '../components/pat-scope-editor/pat-scope-editor.component.js';
import type { PatStoryParameters } from '../.storybook/annotations.js';
import { deepQuery, storyElement, until } from './support.js';

interface Args {
  value: ScopeInput[];
  startWithRow: boolean;
}

const TERRAFORM_SCOPES: ScopeInput[] = [
  { entity_type: 'channels', operation: 'create', entity_id: '*', domain_id: 'd-prod-eu' },
  { entity_type: 'clients', operation: 'create', entity_id: '*', domain_id: 'd-prod-eu' },
  { entity_type: 'domains', operation: 'read', entity_id: 'd-prod-eu' },
  { entity_type: 'domains', operation: 'update', entity_id: 'd-prod-eu' },
  { entity_type: 'messages', operation: 'publish', entity_id: 'ch-telemetry' },
  { entity_type: 'messages', operation: 'publish', entity_id: 'ch-alarms' },
];

/** The editor once the catalog has filled the entity types. */
async function readyEditor(canvasElement: HTMLElement): Promise<PatScopeEditor> {
  const editor = await storyElement<PatScopeEditor>(canvasElement, 'pat-scope-editor');
  await until(() => deepQuery(editor.shadowRoot!, 'sl-option'), 'the catalog');
  return editor;
}

const meta = {
  title: 'Elements/pat-scope-editor',
  component: 'pat-scope-editor',
  args: { value: [], startWithRow: true },
  render: ({ value, startWithRow }) => html`<pat-scope-editor ?start-with-row=${startWithRow} .value=${value}></pat-scope-editor>`,
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

/** One empty row to start with, as in the create form. */
export const StartWithRow: Story = {};

/** No rows: the token would have no scopes. */
export const NoRows: Story = { args: { startWithRow: false } };

/** Scopes grouped into rows: all entities or some ids, with and without a domain. */
export const WithScopes: Story = { args: { value: TERRAFORM_SCOPES } };

/** The server's errors shown on the rows their scopes came from. */
export const ServerErrors: Story = {
  args: { value: TERRAFORM_SCOPES },
  play: async ({ canvasElement }) => {
    const editor = await readyEditor(canvasElement);
    editor.showServerErrors([
      { field: 'scopes[2].entity_id', message: 'is not a domain you administer' },
      { field: 'scopes[4].entity_id', message: 'is not a channel of yours' },
    ]);
    await editor.updateComplete;
  },
};

/** The catalog is on its way. The editor has no busy marker of its own: its type select is just empty. */
export const Loading: Story = { parameters: { scenario: 'slow' } satisfies PatStoryParameters };

/** The catalog cannot load: an alert with Retry. */
export const ErrorState: Story = { name: 'Error', parameters: { scenario: 'error' } satisfies PatStoryParameters };

export const Dark: Story = { ...WithScopes, globals: { theme: 'dark' } };
