import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/pat-table/pat-table.js';
import type { PatTable } from '../components/pat-table/pat-table.component.js';
import { strings } from '../components/i18n/strings.js';
import type { PatStoryParameters } from '../.storybook/annotations.js';
import { clickButton, deepQuery, dialogShown, storyElement, until } from './support.js';

interface Args {
  status: 'active' | 'revoked' | 'expired' | 'all';
  search: string;
  sort: 'issued_at' | 'expires_at' | 'name' | 'last_used_at';
  sortDir: 'desc' | 'asc';
  page: number;
  pageSize: 10 | 25 | 50;
}

/** The table once its rows are on screen. */
async function loadedTable(canvasElement: HTMLElement): Promise<PatTable> {
  const table = await storyElement<PatTable>(canvasElement, 'pat-table');
  await until(() => deepQuery(table.shadowRoot!, 'tr[part="row"]'), 'the rows');
  return table;
}

const meta = {
  title: 'Elements/pat-table',
  component: 'pat-table',
  args: { status: 'active', search: '', sort: 'issued_at', sortDir: 'desc', page: 1, pageSize: 10 },
  argTypes: {
    status: { control: 'select', options: ['active', 'revoked', 'expired', 'all'] },
    sort: { control: 'select', options: ['issued_at', 'expires_at', 'name', 'last_used_at'] },
    sortDir: { control: 'inline-radio', options: ['desc', 'asc'] },
    pageSize: { control: 'inline-radio', options: [10, 25, 50] },
    page: { control: { type: 'number', min: 1 } },
  },
  render: (args) => html`
    <pat-table
      status=${args.status}
      search=${args.search}
      sort=${args.sort}
      sort-dir=${args.sortDir}
      page=${args.page}
      page-size=${args.pageSize}
    ></pat-table>
  `,
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

/** alice's twelve tokens: the active ones, newest first. */
export const Loaded: Story = {};

/** Nobody has a token yet: the empty state invites to create one. */
export const Empty: Story = { parameters: { scenario: 'empty' } satisfies PatStoryParameters };

/** 250 tokens of every status, 50 rows a page. */
export const ManyRows: Story = {
  args: { status: 'all', pageSize: 50 },
  parameters: { scenario: 'many' } satisfies PatStoryParameters,
};

/** Every answer takes 2 s: skeleton rows, marked busy. */
export const Loading: Story = { parameters: { scenario: 'slow' } satisfies PatStoryParameters };

/** Every request fails with the server's generic 500: the error and Retry. */
export const ErrorState: Story = { name: 'Error', parameters: { scenario: 'error' } satisfies PatStoryParameters };

/** Revoked and expired tokens too, sorted by name. */
export const AllStatuses: Story = { args: { status: 'all', sort: 'name', sortDir: 'asc' } };

/**
 * A server whose tokens expire unused (an idle limit of 90 days, 30 for some tokens), sorted by
 * when each stops working: an hourglass marks the ends an idle limit sets ("Expires in 5 days if
 * unused", one of them expiring soon; "Expired (unused) 10 days ago"), the others end with their
 * lifetime or were revoked.
 */
export const IdleLimits: Story = {
  args: { status: 'all', sort: 'expires_at', sortDir: 'asc' },
  parameters: { scenario: 'idle' } satisfies PatStoryParameters,
};

/** A search nothing matches: the "no match" state with Reset filters. */
export const NoMatch: Story = { args: { search: 'no such token' } };

/** Delete All asks first, naming how many tokens go. */
export const DeleteAllDialog: Story = {
  play: async ({ canvasElement }) => {
    const table = await loadedTable(canvasElement);
    await clickButton(table.shadowRoot!, strings.table.deleteAll);
    await dialogShown(table.shadowRoot!);
  },
};

export const Dark: Story = { globals: { theme: 'dark' }, args: { status: 'all' } };
