/**
 * The mocks in a browser (demo under Vite, Storybook, element tests): an MSW service worker
 * serving a scenario. The worker script must be served at `/mockServiceWorker.js` (see
 * MSW: served from `/public/…` it silently intercepts nothing).
 */
import { setupWorker, type SetupWorker } from 'msw/browser';
import type { MockStore } from './store.js';
import {
  createScenario,
  createUpstreamScenario,
  type ScenarioName,
  type ScenarioOptions,
  type UpstreamScenarioOptions,
} from './scenarios.js';
import type { UpstreamStore } from './upstream.js';

/** Starts the MSW worker on `scenario`; resolves once it intercepts requests. */
export async function startMockWorker(scenario: ScenarioName = 'default', options: ScenarioOptions = {}): Promise<SetupWorker> {
  const worker = setupWorker(...createScenario(scenario, options).handlers);
  await worker.start({
    serviceWorker: { url: '/mockServiceWorker.js' },
    onUnhandledRequest: 'bypass',
    quiet: true,
  });
  return worker;
}

/**
 * Switches a running worker to another scenario (a fresh store unless `options.store` is
 * given) and returns that store. Per-test `worker.use(…)` overrides still go in front of it;
 * `worker.resetHandlers()` with no arguments goes back to the scenario the worker started with.
 */
export function useScenario(worker: SetupWorker, name: ScenarioName, options: ScenarioOptions = {}): MockStore {
  const { store, handlers } = createScenario(name, options);
  worker.resetHandlers(...handlers);
  return store;
}

/** Switches a running worker to the `upstream` scenario (see createUpstreamScenario) and returns its store. */
export function useUpstreamScenario(worker: SetupWorker, options: UpstreamScenarioOptions = {}): UpstreamStore {
  const { store, handlers } = createUpstreamScenario(options);
  worker.resetHandlers(...handlers);
  return store;
}
