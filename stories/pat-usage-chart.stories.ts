import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/pat-usage-chart/pat-usage-chart.js';
import { ALICE_PATS, ERROR_STORY, LOADING_STORY, SUPERMQ_STORY } from './support.js';

interface Args {
  patId: string;
  /** How many days, today the last (1 to 90). */
  days: number;
}

const meta = {
  title: 'Elements/pat-usage-chart',
  component: 'pat-usage-chart',
  args: { patId: ALICE_PATS.readOnly, days: 30 },
  argTypes: {
    patId: { control: 'select', options: Object.values(ALICE_PATS) },
    days: { control: { type: 'number', min: 1, max: 90 } },
  },
  render: ({ patId, days }) => html`<pat-usage-chart pat-id=${patId} days=${days} style="max-width: 40rem"></pat-usage-chart>`,
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

/** "Grafana dashboards read-only": about 1,200 checks a weekday, a few refused now and then. */
export const WithData: Story = {};

/** The last week. */
export const LastWeek: Story = { args: { days: 7 } };

/** The longest window: 90 days. */
export const NinetyDays: Story = { args: { patId: ALICE_PATS.active, days: 90 } };

/** "Local development" was never used. */
export const Empty: Story = { args: { patId: ALICE_PATS.noScopes } };

export const Loading: Story = LOADING_STORY;

export const ErrorState: Story = ERROR_STORY;

/** The upstream counts no checks: the element shows nothing (its base part is hidden). */
export const OnSuperMq: Story = SUPERMQ_STORY;

export const Dark: Story = { globals: { theme: 'dark' } };
