import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/pat-activity/pat-activity.js';
import type { PatActivity } from '../components/pat-activity/pat-activity.component.js';
import { strings } from '../components/i18n/strings.js';
import type { PatStoryParameters } from '../.storybook/annotations.js';
import { seededId } from '../mocks/index.js';
import {
  ALICE_IDLE_PATS,
  ALICE_PATS,
  clickButton,
  deepQueryAll,
  ERROR_STORY,
  LOADING_STORY,
  storyElement,
  SUPERMQ_STORY,
  until,
} from './support.js';

interface Args {
  /** The token whose history to show; none for all of alice's. */
  patId: string;
  /** The owner: events by anyone else name who made them. */
  owner: string;
  pageSize: number;
}

/** The timeline once its first page is on screen. */
async function loadedActivity(canvasElement: HTMLElement): Promise<PatActivity> {
  const activity = await storyElement<PatActivity>(canvasElement, 'pat-activity');
  await until(() => activity.shadowRoot!.querySelector('[part="event"]'), 'the history');
  return activity;
}

const meta = {
  title: 'Elements/pat-activity',
  component: 'pat-activity',
  args: { patId: ALICE_PATS.active, owner: 'alice', pageSize: 20 },
  argTypes: {
    patId: { control: 'select', options: ['', ...Object.values(ALICE_PATS)] },
    pageSize: { control: { type: 'number', min: 1, max: 100 } },
  },
  render: ({ patId, owner, pageSize }) =>
    html`<pat-activity pat-id=${patId} owner=${owner} page-size=${pageSize} style="max-width: 48rem"></pat-activity>`,
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

/** "CI deploy": made under another name, renamed, described, a scope added, regenerated, used from two addresses. */
export const TokenHistory: Story = {};

/** Revoked by someone else than its owner (the security team), after a use from an address it had never been used from. */
export const RevokedBySomeoneElse: Story = { args: { patId: seededId('alice', 'Leaked in support ticket') } };

/** An expired token: the expiry is the system's, and says so alone. */
export const Expired: Story = { args: { patId: ALICE_PATS.expired } };

/**
 * On a server with idle limits: a token made to expire after 30 days without use (its creation
 * says so), used, then unused for those 30 days (it expired for it).
 */
export const ExpiredUnused: Story = {
  args: { patId: ALICE_IDLE_PATS.expiredUnused },
  parameters: { scenario: 'idle' } satisfies PatStoryParameters,
};

/** Without `pat-id`: every token's history, each event under its token's name. */
export const AllTokens: Story = { args: { patId: '' } };

/** Five events a page; Show more brings the next five. */
export const Paging: Story = {
  args: { patId: '', pageSize: 5 },
  play: async ({ canvasElement }) => {
    const activity = await loadedActivity(canvasElement);
    await clickButton(activity.shadowRoot!, strings.activity.showMore);
    await until(() => deepQueryAll(activity.shadowRoot!, '[part="event"]').length === 10, 'the second page');
  },
};

/** carol has no tokens: nothing has happened yet. */
export const Empty: Story = {
  args: { patId: '', owner: 'carol' },
  parameters: { user: 'carol' } satisfies PatStoryParameters,
};

export const Loading: Story = LOADING_STORY;

export const ErrorState: Story = ERROR_STORY;

/** The upstream keeps no history: the element shows nothing (its base part is hidden). */
export const OnSuperMq: Story = SUPERMQ_STORY;

export const Dark: Story = { globals: { theme: 'dark' } };
