/**
 * The project annotations every story runs with: the theme toolbar, the MSW scenario named by
 * `parameters.scenario`, and a `<pat-api-provider>` signed in as a mock user.
 *
 * Kept apart from `preview.ts` (which adds the Shoelace theme CSS and base path, things only a
 * Vite build can import) so that components/stories.test.ts can render every story the way
 * Storybook does, under web-test-runner. Only type imports from Storybook here, for that reason.
 */
import type { Decorator, Loader, Preview } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { SetupWorker } from 'msw/browser';
import { mockTokenFor, startMockWorker, useScenario, useUpstreamScenario, SCENARIO_NAMES, type ScenarioName } from '../mocks/index.js';
import '../components/pat-api-provider/pat-api-provider.js';

/** What a story may set in `parameters` on top of Storybook's own. */
export interface PatStoryParameters {
  /** The MSW scenario the story runs on: `default` (the default), `empty`, `many`, `error`, `slow` or `idle`. */
  scenario?: ScenarioName;
  /** The mock user the provider signs in as (`alice` by default, `bob`). */
  user?: string;
  /** `false`: the story brings its own `<pat-api-provider>` (the provider's own stories). */
  provider?: boolean;
  /**
   * `supermq`: the elements on a mock of an unmodified Magistrala/SuperMQ backend (the `upstream`
   * scenario, alice's and bob's PATs as that backend keeps them), the provider set to match.
   */
  backend?: 'supermq';
}

let worker: Promise<SetupWorker> | undefined;

/** The MSW worker, started once per page (the first story to load starts it). */
export function mockWorker(): Promise<SetupWorker> {
  worker ??= startMockWorker('default');
  return worker;
}

/** Switches the mock API to the story's scenario, on a freshly seeded store, before it renders. */
export const mockApiLoader: Loader = async ({ parameters }) => {
  if ((parameters as PatStoryParameters).backend === 'supermq')
    return { scenario: 'upstream', store: useUpstreamScenario(await mockWorker()) };
  const scenario = ((parameters as PatStoryParameters).scenario ?? 'default') as ScenarioName;
  if (!SCENARIO_NAMES.includes(scenario)) throw new Error(`unknown mock scenario "${scenario}"; use one of ${SCENARIO_NAMES.join(', ')}`);
  const store = useScenario(await mockWorker(), scenario);
  return { scenario, store };
};

/** The page behind the stories follows the theme, so text is measured against the right ground. */
const PAGE_STYLE = `
  html { color-scheme: light; }
  html.sl-theme-dark { color-scheme: dark; }
  body {
    background: var(--sl-color-neutral-0);
    color: var(--sl-color-neutral-900);
    font-family: var(--sl-font-sans);
  }
`;

function ensurePageStyle() {
  if (document.getElementById('pat-kit-story-page')) return;
  const style = document.createElement('style');
  style.id = 'pat-kit-story-page';
  style.textContent = PAGE_STYLE;
  document.head.append(style);
}

/** Applies the `theme` global: Shoelace's dark theme is the `sl-theme-dark` class on `<html>`. */
export const withTheme: Decorator = (story, { globals }) => {
  ensurePageStyle();
  document.documentElement.classList.toggle('sl-theme-dark', globals.theme === 'dark');
  return story();
};

/** Wraps the story in a provider signed in as `parameters.user` against the mock API at `/api` (`parameters.backend`'s kind). */
export const withApiProvider: Decorator = (story, { parameters }) => {
  const { provider, user = 'alice', backend = 'pat-kit' } = parameters as PatStoryParameters;
  if (provider === false) return story();
  return html`<pat-api-provider base-url="/api" backend=${backend} .token=${mockTokenFor(user)}>${story()}</pat-api-provider>`;
};

const annotations = {
  // The first decorator is the innermost: the theme class is set before anything renders.
  decorators: [withApiProvider, withTheme],
  loaders: [mockApiLoader],
  globalTypes: {
    theme: {
      description: 'Shoelace theme',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'light', title: 'Light', icon: 'sun' },
          { value: 'dark', title: 'Dark', icon: 'moon' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light' },
  parameters: {
    layout: 'padded',
    scenario: 'default',
    controls: { expanded: true },
  },
} satisfies Preview;

export default annotations;
