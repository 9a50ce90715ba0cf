import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/pat-api-provider/pat-api-provider.js';
import '../components/pat-table/pat-table.js';
import type { PatStoryParameters } from '../.storybook/annotations.js';
import { mockTokenFor } from './support.js';

interface Args {
  baseUrl: string;
  /** The mock user signed in; empty for nobody. */
  user: string;
  /** Hand the token over through `getToken` (a host that refreshes tokens) instead of `token`. */
  useGetToken: boolean;
}

const meta = {
  title: 'Elements/pat-api-provider',
  component: 'pat-api-provider',
  // These stories bring their own provider, around a table that shows what it gives.
  parameters: { provider: false } satisfies PatStoryParameters,
  args: { baseUrl: '/api', user: 'alice', useGetToken: false },
  argTypes: { user: { control: 'select', options: ['alice', 'bob', ''] } },
  render: ({ baseUrl, user, useGetToken }) => {
    const token = user ? mockTokenFor(user) : undefined;
    return useGetToken
      ? html`<pat-api-provider base-url=${baseUrl} .getToken=${async () => token}><pat-table status="all"></pat-table></pat-api-provider>`
      : html`<pat-api-provider base-url=${baseUrl} .token=${token}><pat-table status="all"></pat-table></pat-api-provider>`;
  },
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

/** Signed in as alice: her twelve tokens. */
export const SignedInAsAlice: Story = {};

/** The same element, signed in as bob: only his. */
export const SignedInAsBob: Story = { args: { user: 'bob' } };

/** The token comes from the host's `getToken`, asked before every call. */
export const WithGetToken: Story = { args: { useGetToken: true } };

/** No token: the API answers 401, and the element says so. */
export const SignedOut: Story = { args: { user: '' } };
