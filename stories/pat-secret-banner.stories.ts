import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/pat-secret-banner/pat-secret-banner.js';
import { SAMPLE_SECRET } from './support.js';

interface Args {
  /** A property only, never an attribute. */
  secret: string;
  /** The width of the column it sits in. */
  width: string;
}

const meta = {
  title: 'Elements/pat-secret-banner',
  component: 'pat-secret-banner',
  args: { secret: SAMPLE_SECRET, width: '48rem' },
  render: ({ secret, width }) => html`<div style="max-width: ${width}"><pat-secret-banner .secret=${secret}></pat-secret-banner></div>`,
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

/** The one time a secret is shown: in full, with Copy and the warning. */
export const Secret: Story = {};

/** In a narrow column the secret wraps rather than overflowing. */
export const Narrow: Story = { args: { width: '20rem' } };

export const Dark: Story = { globals: { theme: 'dark' } };
