import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/pat-detail/pat-detail.js';
import type { PatDetail } from '../components/pat-detail/pat-detail.component.js';
import { strings } from '../components/i18n/strings.js';
import type { PatStoryParameters } from '../.storybook/annotations.js';
import { DAY_MS } from '../contract/index.js';
import { seededId, type MockStore } from '../mocks/index.js';
import {
  ALICE_IDLE_PATS,
  ALICE_PATS,
  clickButton,
  deepQuery,
  dialogShown,
  SAMPLE_SECRET,
  storyElement,
  UNKNOWN_PAT,
  until,
} from './support.js';

interface Args {
  patId: string;
  /** The one-time secret, as after create or regenerate. */
  secret: string;
  /** Opens a dialog once the PAT has loaded. */
  action?: 'add-scope' | 'regenerate';
}

/** The detail page once its PAT and scopes are on screen. */
async function loadedDetail(canvasElement: HTMLElement): Promise<PatDetail> {
  const detail = await storyElement<PatDetail>(canvasElement, 'pat-detail');
  await until(
    () =>
      deepQuery(detail.shadowRoot!, '[part="title"]') &&
      detail.shadowRoot!.querySelector('[part="scopes-table"]')?.getAttribute('aria-busy') === 'false',
    'the token',
  );
  return detail;
}

const meta = {
  title: 'Elements/pat-detail',
  component: 'pat-detail',
  args: { patId: ALICE_PATS.active, secret: '' },
  argTypes: {
    patId: { control: 'select', options: [...Object.values(ALICE_PATS), ...Object.values(ALICE_IDLE_PATS), UNKNOWN_PAT] },
    action: { control: 'select', options: [undefined, 'add-scope', 'regenerate'] },
  },
  render: ({ patId, secret, action }) => html`<pat-detail pat-id=${patId} .secret=${secret} .action=${action}></pat-detail>`,
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

/** "CI deploy": active, used two hours ago, four scopes. */
export const Active: Story = {};

/** Right after create: the one-time secret above the details. */
export const JustCreated: Story = { args: { secret: SAMPLE_SECRET } };

/** A revoked token offers Regenerate instead of Revoke. */
export const Revoked: Story = { args: { patId: ALICE_PATS.revoked } };

export const Expired: Story = { args: { patId: ALICE_PATS.expired } };

/**
 * "CI deploy" restricted to some client addresses: the Allowed addresses row lists them (its
 * pencil edits them), and the history says when they were set. The mock store gets the list as
 * the story renders.
 */
export const AllowedAddresses: Story = {
  decorators: [
    (story, { args, loaded }) => {
      (loaded.store as MockStore).setAllowedIps('alice', args.patId, ['203.0.113.0/24', '198.51.100.7', '2001:db8::/32']);
      return story();
    },
  ],
};

/** The server's idle limit is 90 days; "Metrics exporter"'s own is 30: it expires 30 days after its last use (two hours ago) unless used again. */
export const IdleLimited: Story = {
  args: { patId: ALICE_IDLE_PATS.idleLimited },
  parameters: { scenario: 'idle' } satisfies PatStoryParameters,
};

/** Unused for 25 of its 30 days: it expires in 5 days unless used before, and says it is expiring soon. */
export const ExpiringUnused: Story = {
  args: { patId: ALICE_IDLE_PATS.expiringUnused },
  parameters: { scenario: 'idle' } satisfies PatStoryParameters,
};

/** Unused for its 30 days: expired 10 days ago, and its status says why. */
export const ExpiredUnused: Story = {
  args: { patId: ALICE_IDLE_PATS.expiredUnused },
  parameters: { scenario: 'idle' } satisfies PatStoryParameters,
};

/** The stores the Leaked story has seeded its token into (a story renders again as its args change). */
const leakSeeded = new WeakSet<MockStore>();

/**
 * A token a leak report revoked: the danger alert over its details says where its secret was
 * found (a link), who found it and when, and offers Regenerate; its history says it too. The mock
 * store gets the token as the story renders.
 */
export const Leaked: Story = {
  args: { patId: seededId('alice', 'Marketing site deploy') },
  decorators: [
    (story, { loaded }) => {
      const store = loaded.store as MockStore;
      if (!leakSeeded.has(store)) {
        leakSeeded.add(store);
        const now = store.now();
        const reportedAt = now - 3 * 3600e3;
        store.seed('alice', {
          id: seededId('alice', 'Marketing site deploy'),
          name: 'Marketing site deploy',
          description: 'GitHub Actions: builds and publishes the marketing site',
          issuedAt: now - 40 * DAY_MS,
          expiresAt: now + 50 * DAY_MS,
          lastUsedAt: now - 5 * 3600e3,
          lastUsedIp: '140.82.112.4',
          revokedAt: reportedAt,
          scopes: [{ entity_type: 'clients', operation: 'update', entity_id: '*' }],
          leak: {
            reported_at: new Date(reportedAt).toISOString(),
            url: 'https://github.com/acme/marketing-site/commit/4f2a9c1e#diff-3f1',
            source: 'GitHub secret scanning',
          },
        });
      }
      return story();
    },
  ],
};

/** A token with no scopes: it can do nothing yet. */
export const NoScopes: Story = { args: { patId: ALICE_PATS.noScopes } };

/** An id that does not exist (or is someone else's): 404. */
export const NotFound: Story = { args: { patId: UNKNOWN_PAT } };

export const Loading: Story = { parameters: { scenario: 'slow' } satisfies PatStoryParameters };

export const ErrorState: Story = { name: 'Error', parameters: { scenario: 'error' } satisfies PatStoryParameters };

/** Revoke asks first. */
export const RevokeDialog: Story = {
  play: async ({ canvasElement }) => {
    const detail = await loadedDetail(canvasElement);
    await clickButton(detail.shadowRoot!, strings.detail.revoke);
    await dialogShown(detail.shadowRoot!);
  },
};

/** Delete asks first. */
export const DeleteDialog: Story = {
  play: async ({ canvasElement }) => {
    const detail = await loadedDetail(canvasElement);
    await clickButton(detail.shadowRoot!, strings.detail.delete);
    await dialogShown(detail.shadowRoot!);
  },
};

/** `action="regenerate"` on a revoked token: the regenerate dialog, asking for a new expiry. */
export const RegenerateDialog: Story = {
  args: { patId: ALICE_PATS.revoked, action: 'regenerate' },
  play: async ({ canvasElement }) => {
    const detail = await storyElement<PatDetail>(canvasElement, 'pat-detail');
    await dialogShown(detail.shadowRoot!);
  },
};

/** `action="add-scope"`: the Add scopes dialog with one empty row. */
export const AddScopeDialog: Story = {
  args: { action: 'add-scope' },
  play: async ({ canvasElement }) => {
    const detail = await storyElement<PatDetail>(canvasElement, 'pat-detail');
    await dialogShown(detail.shadowRoot!);
  },
};

export const Dark: Story = { globals: { theme: 'dark' }, args: { secret: SAMPLE_SECRET } };
