import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/pat-duration-picker/pat-duration-picker.js';
import { strings } from '../components/i18n/strings.js';
import type { PatStoryParameters } from '../.storybook/annotations.js';

interface Args {
  value: string;
  label: string;
  errorMessage: string;
}

const meta = {
  title: 'Elements/pat-duration-picker',
  component: 'pat-duration-picker',
  args: { value: '', label: strings.duration.label, errorMessage: '' },
  argTypes: { value: { control: 'select', options: ['', '24h', '7d', '30d', '90d', '1y', '45d'] } },
  render: ({ value, label, errorMessage }) =>
    html`<pat-duration-picker value=${value} label=${label} error-message=${errorMessage}></pat-duration-picker>`,
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

/** No value: the catalog's 30 days, with the expiry it gives. */
export const Default: Story = {};

export const Preset: Story = { args: { value: '1y' } };

/** A duration that is no preset: the custom date field. */
export const CustomDate: Story = { args: { value: '45d' } };

/** An error from the form or the server, under the field. */
export const WithError: Story = { args: { errorMessage: 'Expiration must be at most 365d.' } };

/** The catalog is on its way: the select waits, disabled. */
export const Loading: Story = { parameters: { scenario: 'slow' } satisfies PatStoryParameters };

/** The catalog cannot load: the choices are missing, with Retry. */
export const ErrorState: Story = { name: 'Error', parameters: { scenario: 'error' } satisfies PatStoryParameters };

export const Dark: Story = { ...CustomDate, globals: { theme: 'dark' } };
