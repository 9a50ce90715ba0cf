import { consume } from '@lit/context';
import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { state } from 'lit/decorators.js';
import type { SetupWorker } from 'msw/browser';
import { mockTokenFor } from '../../mocks/index.js';
import { useMockApi } from '../../testing/fixture.js';
import { patApiContext } from '../api/context.js';
import { HttpPatApi } from '../api/http-pat-api.js';
import type { PatApi } from '../api/pat-api.js';
import './pat-api-provider.js';
import type { PatApiProvider } from './pat-api-provider.component.js';

/** Counts every client it is given. */
class TestApiConsumer extends LitElement {
  @consume({ context: patApiContext, subscribe: true })
  @state()
  api?: PatApi;

  received: PatApi[] = [];

  protected override willUpdate() {
    if (this.api && this.api !== this.received.at(-1)) this.received.push(this.api);
  }
}
customElements.define('test-api-consumer', TestApiConsumer);

/** Takes the client once, as a consumer without `subscribe` does. */
class TestApiOnceConsumer extends LitElement {
  @consume({ context: patApiContext })
  api?: PatApi;
}
customElements.define('test-api-once-consumer', TestApiOnceConsumer);

declare global {
  interface HTMLElementTagNameMap {
    'test-api-consumer': TestApiConsumer;
    'test-api-once-consumer': TestApiOnceConsumer;
  }
}

/** The path and bearer of every API request from now on. */
function watch(worker: SetupWorker): { path: string; auth: string | null }[] {
  const seen: { path: string; auth: string | null }[] = [];
  worker.events.on('request:start', ({ request }) => {
    const url = new URL(request.url);
    if (url.pathname.endsWith('/pats/summary')) seen.push({ path: url.pathname, auth: request.headers.get('authorization') });
  });
  return seen;
}

async function mountProvider(token = mockTokenFor('alice')) {
  const provider = await fixture<PatApiProvider>(html`
    <pat-api-provider base-url="/api" .token=${token}>
      <test-api-consumer></test-api-consumer>
      <test-api-once-consumer></test-api-once-consumer>
    </pat-api-provider>
  `);
  const consumer = provider.querySelector('test-api-consumer')!;
  await consumer.updateComplete;
  return { provider, consumer, once: provider.querySelector('test-api-once-consumer')! };
}

describe('<pat-api-provider>', () => {
  let worker: SetupWorker;

  beforeEach(async () => {
    ({ worker } = await useMockApi('default'));
  });

  afterEach(() => {
    worker.events.removeAllListeners();
    worker.resetHandlers();
  });

  it('gives a consuming child an HttpPatApi that calls base-url with the token', async () => {
    const seen = watch(worker);
    const { consumer } = await mountProvider();
    expect(consumer.api).to.be.instanceOf(HttpPatApi);
    const summary = await consumer.api!.getSummary();
    expect(summary.total).to.equal(12);
    expect(seen).to.deep.equal([{ path: '/api/pats/summary', auth: `Bearer ${mockTokenFor('alice')}` }]);
  });

  it('gives a consumer that does not subscribe a client with the token too', async () => {
    const seen = watch(worker);
    const { once } = await mountProvider();
    expect(once.api).to.be.instanceOf(HttpPatApi);
    await once.api!.getSummary();
    expect(seen[0]!.auth).to.equal(`Bearer ${mockTokenFor('alice')}`);
  });

  it('gives subscribed consumers a new client when the token changes', async () => {
    const seen = watch(worker);
    const { provider, consumer } = await mountProvider();
    const first = consumer.api;
    provider.token = mockTokenFor('bob');
    await provider.updateComplete;
    await consumer.updateComplete;
    expect(consumer.api).to.be.instanceOf(HttpPatApi);
    expect(consumer.api).not.to.equal(first);
    expect(consumer.received).to.have.length(2);
    const summary = await consumer.api!.getSummary();
    expect(summary.total).to.equal(5);
    expect(seen.at(-1)!.auth).to.equal(`Bearer ${mockTokenFor('bob')}`);
  });

  it('gives subscribed consumers a new client when base-url changes', async () => {
    ({ worker } = await useMockApi('default', { baseUrl: '/v2' }));
    const seen = watch(worker);
    const { provider, consumer } = await mountProvider();
    const first = consumer.api;
    provider.setAttribute('base-url', '/v2');
    await provider.updateComplete;
    await consumer.updateComplete;
    expect(consumer.api).not.to.equal(first);
    expect(consumer.api).to.be.instanceOf(HttpPatApi);
    expect((await consumer.api!.getSummary()).total).to.equal(12);
    expect(seen).to.deep.equal([{ path: '/v2/pats/summary', auth: `Bearer ${mockTokenFor('alice')}` }]);
  });

  it('backend="supermq" gives the SuperMQ client, loaded on its first call, and HttpPatApi again without it', async () => {
    // Observed, not read from the timeline: a page of tests fills its buffer of 250 entries.
    let loadCount = 0;
    const observer = new PerformanceObserver((list) => {
      loadCount += list.getEntries().filter((entry) => entry.name.includes('/supermq-pat-api.')).length;
    });
    observer.observe({ type: 'resource' });
    const loads = () => (observer.takeRecords().forEach((entry) => entry.name.includes('/supermq-pat-api.') && loadCount++), loadCount);
    const { provider, consumer } = await mountProvider();
    provider.setAttribute('backend', 'supermq');
    await provider.updateComplete;
    await consumer.updateComplete;
    expect(consumer.api).not.to.be.instanceOf(HttpPatApi);
    expect(loads(), 'not loaded before it is used').to.equal(0);
    // The upstream has no catalog: this client brings its own (without `users`), without a request.
    const catalog = await consumer.api!.getCatalog();
    expect(catalog.entity_types.map((entry) => entry.type))
      .to.include('clients')
      .and.not.include('users');
    expect(loads(), 'loaded by the first call').to.equal(1);
    provider.removeAttribute('backend');
    provider.backend = 'pat-kit';
    await provider.updateComplete;
    await consumer.updateComplete;
    expect(consumer.api).to.be.instanceOf(HttpPatApi);
    observer.disconnect();
  });

  it('passes getToken() on: asked per request, winning over token', async () => {
    const seen = watch(worker);
    const { provider, consumer } = await mountProvider('not-a-valid-token');
    let calls = 0;
    provider.getToken = async () => {
      calls++;
      return mockTokenFor('bob');
    };
    await provider.updateComplete;
    await consumer.updateComplete;
    await consumer.api!.getSummary();
    await consumer.api!.getSummary();
    expect(calls).to.equal(2);
    expect(seen.map((request) => request.auth)).to.deep.equal([`Bearer ${mockTokenFor('bob')}`, `Bearer ${mockTokenFor('bob')}`]);
  });

  it('a client property wins over base-url and token, and unsetting it brings HttpPatApi back', async () => {
    const { provider, consumer } = await mountProvider();
    const client = { getSummary: async () => ({ active: 1, expiring_soon: 0, revoked: 0, expired: 0, total: 1 }) } as unknown as PatApi;
    provider.client = client;
    await provider.updateComplete;
    await consumer.updateComplete;
    expect(consumer.api).to.equal(client);

    provider.token = mockTokenFor('bob');
    provider.baseUrl = '/elsewhere';
    await provider.updateComplete;
    await consumer.updateComplete;
    expect(consumer.api).to.equal(client);

    provider.client = undefined;
    await provider.updateComplete;
    await consumer.updateComplete;
    expect(consumer.api).to.be.instanceOf(HttpPatApi);
  });

  it('a client set before the provider connects reaches its children first', async () => {
    const client = {} as PatApi;
    const provider = await fixture<PatApiProvider>(html`
      <pat-api-provider .client=${client}><test-api-once-consumer></test-api-once-consumer></pat-api-provider>
    `);
    expect(provider.querySelector('test-api-once-consumer')!.api).to.equal(client);
  });

  it('reaches elements that were defined and connected before the provider was', async () => {
    // As on a host page that loads pat-table's module before pat-api-provider's.
    const tag = 'test-late-provider';
    const page = await fixture(html`<test-late-provider><test-api-consumer></test-api-consumer></test-late-provider>`);
    const consumer = page.querySelector('test-api-consumer')!;
    await consumer.updateComplete;
    expect(consumer.api).to.equal(undefined);
    const client = {} as PatApi;
    customElements.define(tag, class extends (customElements.get('pat-api-provider') as typeof PatApiProvider) {});
    (page as PatApiProvider).client = client;
    await (page as PatApiProvider).updateComplete;
    await consumer.updateComplete;
    expect(consumer.api).to.equal(client);
  });

  it('lays nothing out: display contents', async () => {
    const { provider } = await mountProvider();
    expect(getComputedStyle(provider).display).to.equal('contents');
    expect(provider.getAttribute('base-url')).to.equal('/api');
    expect(provider.hasAttribute('token')).to.equal(false);
  });
});
