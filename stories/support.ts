/**
 * Helpers for the stories' play functions. Plain DOM only (no `storybook/test`), so the same
 * play functions run in Storybook and in components/stories.test.ts under web-test-runner.
 */
import type { Decorator } from '@storybook/web-components-vite';
import { html } from 'lit';
import type SlButton from '@shoelace-style/shoelace/dist/components/button/button.js';
import type SlDialog from '@shoelace-style/shoelace/dist/components/dialog/dialog.js';
import { buildSecret } from '../contract/index.js';
import type { PatStoryParameters } from '../.storybook/annotations.js';
import type { PatApi } from '../components/api/pat-api.js';
import type { PatApiProvider } from '../components/pat-api-provider/pat-api-provider.component.js';
import { mockTokenFor, seededId } from '../mocks/index.js';

/** Generous: the stories run on small CI machines too. */
export const WAIT = 15_000;

/** Waits until `predicate` returns something truthy (and returns it), or fails after `timeout` ms. */
export async function until<T>(predicate: () => T | Promise<T>, message: string, timeout = WAIT): Promise<NonNullable<T>> {
  const started = performance.now();
  for (;;) {
    const value = await predicate();
    if (value) return value as NonNullable<T>;
    if (performance.now() - started > timeout) throw new Error(`Timed out after ${timeout} ms waiting for ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Every element matching `selector` under `root`, looking into open shadow roots. */
export function deepQueryAll<T extends Element = HTMLElement>(root: ParentNode, selector: string): T[] {
  const found: T[] = [];
  const walk = (node: ParentNode) => {
    for (const element of node.querySelectorAll('*')) {
      if (element.matches(selector)) found.push(element as T);
      if (element.shadowRoot) walk(element.shadowRoot);
    }
  };
  walk(root);
  return found;
}

/** The first element matching `selector` under `root`, shadow roots included. */
export function deepQuery<T extends Element = HTMLElement>(root: ParentNode, selector: string): T | undefined {
  return deepQueryAll<T>(root, selector)[0];
}

/** The text of `element`, whitespace collapsed. */
export function textOf(element: Element | undefined): string {
  return (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The element a story rendered (inside the provider the decorator adds). */
export async function storyElement<T extends HTMLElement>(canvasElement: HTMLElement, tag: string): Promise<T> {
  const element = await until(() => canvasElement.querySelector<T>(tag), `<${tag}>`);
  await (element as T & { updateComplete?: Promise<unknown> }).updateComplete;
  return element;
}

/** The API client the story's provider hands its elements. */
export function storyApi(canvasElement: HTMLElement): PatApi {
  const provider = canvasElement.querySelector<PatApiProvider>('pat-api-provider');
  if (!provider) throw new Error('the story has no <pat-api-provider>');
  return provider.api;
}

/**
 * A decorator for dialog stories: a page as tall as the window, as a host page is. Over an empty
 * page under Shoelace's scroll lock, axe takes the fixed dialog's labels for clipped and invisible.
 */
export const asPage: Decorator = (story) => html`<div style="min-height: 100vh">${story()}</div>`;

/** Waits until an `<sl-dialog>` under `root` is open and its show animation has finished. */
export async function dialogShown(root: ParentNode, message = 'the dialog to open'): Promise<SlDialog> {
  return until(() => {
    const dialog = deepQueryAll<SlDialog>(root, 'sl-dialog').find((candidate) => candidate.open);
    const panel = dialog?.shadowRoot?.querySelector<HTMLElement>('[part="panel"]');
    const animating =
      panel &&
      [panel, ...dialog!.shadowRoot!.querySelectorAll('[part="overlay"]')].some((part) =>
        part.getAnimations().some((a) => a.playState === 'running'),
      );
    return panel && panel.getBoundingClientRect().height > 0 && !animating ? dialog : undefined;
  }, message);
}

/** Clicks the first enabled `<sl-button>` under `root` whose text is `label`, once it is there. */
export async function clickButton(root: ParentNode, label: string): Promise<void> {
  const button = await until(
    () =>
      deepQueryAll<SlButton>(root, 'sl-button').find(
        (candidate) => textOf(candidate) === label && !candidate.disabled && !candidate.loading,
      ),
    `an enabled "${label}" button`,
  );
  button.click();
}

/**
 * The states an element that loads its own data shows the same way: loading (the `slow`
 * scenario), failed (`error`), and on a Magistrala/SuperMQ backend.
 */
export const LOADING_STORY = { parameters: { scenario: 'slow' } satisfies PatStoryParameters };
export const ERROR_STORY = { name: 'Error', parameters: { scenario: 'error' } satisfies PatStoryParameters };
export const SUPERMQ_STORY = { name: 'On a Magistrala/SuperMQ backend', parameters: { backend: 'supermq' } satisfies PatStoryParameters };

/** The ids the default scenario gives alice's PATs: the same on every run. */
export const ALICE_PATS = {
  active: seededId('alice', 'CI deploy'),
  readOnly: seededId('alice', 'Grafana dashboards read-only'),
  expiringSoon: seededId('alice', 'Nightly backup'),
  noScopes: seededId('alice', 'Local development'),
  revoked: seededId('alice', 'Old Jenkins pipeline'),
  expired: seededId('alice', 'Q3 data export'),
  manyScopes: seededId('alice', 'Support team access'),
} as const;

/** The ids the `idle` scenario (a server with a 90-day idle limit) gives alice's PATs. */
export const ALICE_IDLE_PATS = {
  /** Used two hours ago: it expires in 30 days unless used before. */
  idleLimited: seededId('alice', 'Metrics exporter'),
  /** Unused for 25 of its 30 days: expiring soon. */
  expiringUnused: seededId('alice', 'Backup agent'),
  /** Unused for its 30 days: expired 10 days ago. */
  expiredUnused: seededId('alice', 'Legacy importer'),
} as const;

/** A PAT id no scenario has: the "not found" state. */
export const UNKNOWN_PAT = '00000000-0000-4000-8000-000000000000';

/** A well-formed secret for "CI deploy", from fixed bytes: it opens nothing. */
export const SAMPLE_SECRET = buildSecret(
  ALICE_PATS.active,
  Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + 11) & 0xff),
);

export { mockTokenFor };
