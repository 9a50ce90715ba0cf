import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { ScopeInput } from '../contract/index.js';
import '../components/pat-create-form/pat-create-form.js';
import type { PatCreateForm } from '../components/pat-create-form/pat-create-form.component.js';
import type { PatDurationPicker } from '../components/pat-duration-picker/pat-duration-picker.component.js';
import { strings } from '../components/i18n/strings.js';
import type { PatStoryParameters } from '../.storybook/annotations.js';
import { clickButton, deepQuery, storyElement, until } from './support.js';

interface Args {
  name: string;
  description: string;
  duration: string;
  scopes: ScopeInput[];
  /** The client addresses and CIDR ranges it may be used from (`allowed-ips`, space-separated). */
  allowedIps: string[];
  /** How long it may go unused before it expires (`max-idle`, `"30d"`); the server's limit, or Never, when empty. */
  maxIdle: string;
}

const GRAFANA_SCOPES: ScopeInput[] = [
  { entity_type: 'dashboards', operation: 'read', entity_id: '*' },
  { entity_type: 'dashboards', operation: 'list', entity_id: '*' },
  { entity_type: 'channels', operation: 'read', entity_id: 'ch-telemetry', domain_id: 'd-prod-eu' },
];

/** The form once the catalog has loaded (the expiry picker has its default). */
async function readyForm(canvasElement: HTMLElement): Promise<PatCreateForm> {
  const form = await storyElement<PatCreateForm>(canvasElement, 'pat-create-form');
  await until(() => deepQuery<PatDurationPicker>(form.shadowRoot!, 'pat-duration-picker')?.value, 'the catalog');
  return form;
}

/** Submits the form and waits until it has answered (errors on the fields, or created). */
async function submit(form: PatCreateForm): Promise<void> {
  await clickButton(form.shadowRoot!, strings.create.submit);
  await until(
    () =>
      form.shadowRoot!.querySelector('form')!.getAttribute('aria-busy') === 'false' &&
      deepQuery(form.shadowRoot!, '[data-error], sl-alert[open]'),
    'the form to show its errors',
  );
}

const meta = {
  title: 'Elements/pat-create-form',
  component: 'pat-create-form',
  args: { name: '', description: '', duration: '', scopes: [], allowedIps: [], maxIdle: '' },
  argTypes: {
    duration: { control: 'select', options: ['', '24h', '7d', '30d', '90d', '1y', '45d'] },
    maxIdle: { control: 'select', options: ['', '30d', '60d', '90d', '45d'] },
  },
  // The attributes a host would write: `scopes` is a JSON array.
  render: (args) => html`
    <pat-create-form
      name=${args.name}
      description=${args.description}
      duration=${args.duration}
      scopes=${JSON.stringify(args.scopes)}
      allowed-ips=${args.allowedIps.join(' ')}
      max-idle=${args.maxIdle}
    ></pat-create-form>
  `,
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

/** A blank form: 30 days and one empty scope row to start with. */
export const Blank: Story = {};

/** Pre-filled from attributes: name, description, a 90-day expiry and three scopes. */
export const Prefilled: Story = {
  args: {
    name: 'Grafana read-only',
    description: 'Data source for the operations dashboards',
    duration: '90d',
    scopes: GRAFANA_SCOPES,
  },
};

/** A duration that is no preset shows as a custom date. */
export const CustomExpiry: Story = { args: { name: 'Quarter-end export', duration: '45d' } };

/** Create with no name: the form says what to fix before sending anything. */
export const ValidationErrors: Story = {
  play: async ({ canvasElement }) => submit(await readyForm(canvasElement)),
};

/** The server refuses a name already in use (409): the message lands on the name field. */
export const NameTaken: Story = {
  args: { name: 'CI deploy', scopes: GRAFANA_SCOPES.slice(0, 1) },
  play: async ({ canvasElement }) => submit(await readyForm(canvasElement)),
};

/** Restricted to client addresses: prefilled, the field shows at once, one address or range a line. */
export const AllowedAddresses: Story = {
  args: { ...Prefilled.args, allowedIps: ['203.0.113.0/24', '2001:db8::/32'] },
};

/** The server refuses an address: its message lands on the field, naming the line. */
export const AddressRefused: Story = {
  args: { name: 'Office only', scopes: GRAFANA_SCOPES.slice(0, 1), allowedIps: ['203.0.113.0/24', '10.0.0.300'] },
  play: async ({ canvasElement }) => submit(await readyForm(canvasElement)),
};

/** Expire when unused for 60 days: a copy's idle limit, prefilled; Never is a choice too, the server having no limit of its own. */
export const IdleLimit: Story = { args: { ...Prefilled.args, maxIdle: '60d' } };

/**
 * On a server whose idle limit is 90 days: the form starts with it and offers only limits as
 * long or shorter, never Never.
 */
export const ServerIdleLimit: Story = { parameters: { scenario: 'idle' } satisfies PatStoryParameters };

/** The catalog is on its way: the expiry choices wait for it. */
export const Loading: Story = { parameters: { scenario: 'slow' } satisfies PatStoryParameters };

/** The catalog cannot load: the picker and the scope editor say so, with Retry. */
export const ErrorState: Story = { name: 'Error', parameters: { scenario: 'error' } satisfies PatStoryParameters };

export const Dark: Story = { ...Prefilled, globals: { theme: 'dark' } };
