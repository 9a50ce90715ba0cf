/**
 * Browser-test support: the MSW worker on a named scenario, an element mounted inside a
 * `<pat-api-provider>` signed in as a mock user, waiting, and axe. Tests use the real HttpPatApi.
 */
import { expect, fixture } from '@open-wc/testing';
import { html, type TemplateResult } from 'lit';
import { setBasePath } from '@shoelace-style/shoelace/dist/utilities/base-path.js';
import type { SetupWorker } from 'msw/browser';
import 'axe-core/axe.min.js';
import { mockTokenFor, startMockWorker, useScenario, type MockStore, type ScenarioName, type ScenarioOptions } from '../mocks/index.js';
import '../components/pat-api-provider/pat-api-provider.js';
import { ApiError } from '../components/api/api-error.js';
import { HttpPatApi } from '../components/api/http-pat-api.js';
import { PAT_API_METHODS, type PatApi } from '../components/api/pat-api.js';

setBasePath('/node_modules/@shoelace-style/shoelace/dist');

// Shoelace repositions popups from a ResizeObserver; Chromium then reports the benign
// "ResizeObserver loop completed with undelivered notifications", which must not fail whatever
// test is running. A root hook, so it wraps mocha's own handler once mocha has set it.
before(() => {
  const mochaOnError = window.onerror;
  window.onerror = function (message, ...rest) {
    if (typeof message === 'string' && message.includes('ResizeObserver loop')) return true;
    return mochaOnError?.call(this, message, ...rest) ?? false;
  };
});

let worker: SetupWorker | undefined;

/** Serves `scenario` (a fresh store) to every request from now on; returns the worker and store. */
export async function useMockApi(
  scenario: ScenarioName = 'default',
  options: ScenarioOptions = {},
): Promise<{ worker: SetupWorker; store: MockStore }> {
  worker ??= await startMockWorker(scenario, options);
  const store = useScenario(worker, scenario, options);
  return { worker, store };
}

/** The mock API of the current test (see watchedMockApi). */
export interface WatchedMockApi {
  worker: SetupWorker;
  store: MockStore;
  /** Every request to the API since the test began, as `METHOD /path?query`. */
  requests: string[];
}

/**
 * For the tests of a suite: each on a fresh `scenario`, its requests recorded. The object
 * returned holds the current test's worker, store and requests.
 */
export function watchedMockApi(scenario: ScenarioName = 'default'): WatchedMockApi {
  const api = { requests: [] as string[] } as WatchedMockApi;
  beforeEach(async () => {
    Object.assign(api, await useMockApi(scenario), { requests: [] });
    api.worker.events.on('request:start', ({ request }) => {
      const url = new URL(request.url);
      if (url.pathname.startsWith('/api/')) api.requests.push(`${request.method} ${url.pathname}${url.search}`);
    });
  });
  afterEach(() => {
    api.worker.events.removeAllListeners('request:start');
    api.worker.resetHandlers();
  });
  return api;
}

/**
 * Mounts `template` inside a provider signed in as `user` (or giving `client`); resolves to the
 * template's first element.
 */
export async function mount<T extends HTMLElement>(
  template: TemplateResult,
  { user = 'alice', client = undefined as PatApi | undefined } = {},
): Promise<T> {
  const provider = await fixture(
    html`<pat-api-provider base-url="/api" .token=${mockTokenFor(user)} .client=${client}>${template}</pat-api-provider>`,
  );
  const element = provider.firstElementChild as T & { updateComplete?: Promise<unknown> };
  await element.updateComplete;
  return element;
}

/**
 * The mock API through a client of the host's own that has only the methods every client has:
 * no history, no daily use (as the SuperMQ client).
 */
export function basicClient(user = 'alice'): PatApi {
  const http = new HttpPatApi({ baseUrl: '/api', token: mockTokenFor(user) });
  return Object.fromEntries(PAT_API_METHODS.map((method) => [method, http[method].bind(http)])) as unknown as PatApi;
}

/** Waits until `predicate` holds, or fails with `message` after `timeout` ms. */
export async function until(predicate: () => unknown, message = 'condition', timeout = 8000): Promise<void> {
  const started = performance.now();
  while (!(await predicate())) {
    if (performance.now() - started > timeout) throw new Error(`Timed out waiting for: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

declare global {
  interface Window {
    axe: {
      run(context: Element, options?: object): Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }>;
    };
  }
}

/** Fails with every axe violation found in `element` (shadow roots included). */
export async function expectAccessible(element: Element): Promise<void> {
  const { violations } = await window.axe.run(element, { resultTypes: ['violations'] });
  if (violations.length > 0) {
    const report = violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`).join('\n');
    throw new Error(`axe found ${violations.length} violation(s):\n${report}`);
  }
}

/**
 * Asserts that two values are the same object. Use it for elements: chai's own comparison of
 * two unequal elements tries to print them and hangs the browser.
 */
export function expectSame(actual: unknown, expected: unknown, what: string): void {
  const name = (node: unknown) =>
    node instanceof Element ? `<${node.localName}> "${(node.textContent ?? '').trim().slice(0, 40)}"` : String(node);
  if (actual !== expected) throw new Error(`${what}: expected ${name(expected)}, got ${name(actual)}`);
}

/** The ApiError `promise` rejects with; fails the test when it resolves or rejects otherwise. */
export async function apiErrorOf(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected the call to reject');
}
