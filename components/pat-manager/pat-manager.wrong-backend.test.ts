/**
 * The elements on a backend that answers otherwise than PAT Kit's server: an unmodified
 * Magistrala/SuperMQ backend (the `upstream` mock) with the provider left on its default
 * `backend`. Every view degrades to a clear message: no crash, no endless placeholder, no `NaN`.
 */
import { expect, html } from '@open-wc/testing';
import type { SetupWorker } from 'msw/browser';
import { seededId, useUpstreamScenario } from '../../mocks/index.js';
import { expectSame, mount, until, useMockApi } from '../../testing/fixture.js';
import { text } from '../../testing/dom.js';
import { strings } from '../i18n/strings.js';
import './pat-manager.js';
import type { PatManager } from './pat-manager.component.js';

const WAIT = 8000;
const CI = seededId('alice', 'CI deploy');

let worker: SetupWorker;
let uncaught: string[];
const onError = (event: ErrorEvent | PromiseRejectionEvent) => uncaught.push(String('reason' in event ? event.reason : event.message));

before(async () => {
  ({ worker } = await useMockApi('default'));
});

beforeEach(() => {
  useUpstreamScenario(worker);
  uncaught = [];
  addEventListener('error', onError);
  addEventListener('unhandledrejection', onError);
});

afterEach(() => {
  removeEventListener('error', onError);
  removeEventListener('unhandledrejection', onError);
  worker.resetHandlers();
});

/** Every text under `root`, shadow roots included. */
function deepText(root: Node): string {
  let all = '';
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) all += `${node.textContent} `;
    if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
    node.childNodes.forEach(walk);
  };
  walk(root);
  return all.replace(/\s+/g, ' ');
}

async function manager(route: string): Promise<PatManager> {
  return mount<PatManager>(html`<pat-manager route=${route}></pat-manager>`);
}

/** Waits until the page says `message` in an alert, then checks it shows nothing broken. */
async function showsMessage(element: PatManager, message: string): Promise<string> {
  await until(() => deepText(element).includes(message), `"${message}" on the page`, WAIT).catch((error: Error) => {
    throw new Error(`${error.message}; it shows: ${deepText(element).slice(0, 600)}`);
  });
  const page = deepText(element);
  expect(page).not.to.match(/NaN|undefined|\[object Object\]|0001|2,0\d\d years/);
  expect(uncaught, 'uncaught errors').to.deep.equal([]);
  return page;
}

describe('<pat-manager> on a Magistrala/SuperMQ backend without backend="supermq"', () => {
  it('the list says the answers are not PAT Kit’s, with Retry; the counts stay unknown, not NaN', async () => {
    const element = await manager('/pats');
    await showsMessage(element, strings.errors.unexpectedAnswer);
    const table = element.shadowRoot!.querySelector('pat-table')!;
    const counts = [...table.shadowRoot!.querySelectorAll('.stat-count')].map((count) => text(count));
    expect(counts.length).to.be.greaterThan(0);
    expect(
      counts.every((count) => count === '–'),
      counts.join(' '),
    ).to.equal(true);
    expect([...table.shadowRoot!.querySelectorAll('sl-button')].some((button) => text(button) === strings.retry)).to.equal(true);
  });

  it('the create view says the expiry choices, the idle limits and the scope catalog could not be loaded, with Retry, instead of blank selects', async () => {
    const element = await manager('/pats/new');
    await showsMessage(element, strings.duration.catalogError);
    await showsMessage(element, strings.idle.catalogError);
    const page = await showsMessage(element, strings.scopes.catalogError);
    expect(page.split(strings.retry).length - 1, 'a Retry for each').to.equal(3);
  });

  it('a token’s page says its answer could not be read, instead of crashing on its scopes', async () => {
    const element = await manager(`/pats/${CI}`);
    await showsMessage(element, strings.errors.unexpectedAnswer);
    // Under the page's one heading, where the token's name would be, with Retry.
    const detail = element.shadowRoot!.querySelector('pat-detail')!;
    const state = detail.shadowRoot!.querySelector('.state')!;
    expect(text(state.querySelector('h2'))).to.equal(strings.detail.errorTitle);
    expect(text(state.querySelector('p'))).to.equal(strings.errors.unexpectedAnswer);
    expect([...state.querySelectorAll('sl-button')].map((button) => text(button))).to.deep.equal([strings.retry]);
    expectSame(element.shadowRoot!.querySelector('h2'), null, 'a heading of the manager’s own');
    expect(text(element.shadowRoot!.querySelector('sl-button.back'))).to.equal(strings.manager.back);
  });
});
