import { expect, html } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { DAY_MS, utcDay, type PatUsage } from '../../contract/index.js';
import { INTERNAL_ERROR_BODY, seededId } from '../../mocks/index.js';
import { basicClient, expectAccessible, mount, until, useMockApi, watchedMockApi } from '../../testing/fixture.js';
import { text } from '../../testing/dom.js';
import { click } from '../../testing/input.js';
import { PatLocale } from '../common/format.js';
import { loadPatTranslation } from '../i18n/localize.js';
import { strings } from '../i18n/strings.js';
import { de } from '../i18n/translations/de.js';
import './pat-usage-chart.js';
import type { PatUsageChart } from './pat-usage-chart.component.js';

const GRAFANA = seededId('alice', 'Grafana dashboards read-only'); // about 1,200 checks a day, a few refused
const LOCAL = seededId('alice', 'Local development'); // never used
const WAIT = 8000;
const en = new PatLocale('en', strings);

const root = (chart: PatUsageChart) => chart.shadowRoot!;
const bars = (chart: PatUsageChart) => [...root(chart).querySelectorAll('[part="chart"] g')];
const summary = (chart: PatUsageChart) => text(root(chart).querySelector('[part="summary"]'));
/** The hidden table's rows: day, allowed, denied. */
const tableRows = (chart: PatUsageChart) =>
  [...root(chart).querySelectorAll('tbody tr')].map((row) => [...row.children].map((cell) => text(cell)));

async function mountChart(template = html`<pat-usage-chart pat-id=${GRAFANA}></pat-usage-chart>`, options = {}): Promise<PatUsageChart> {
  const chart = await mount<PatUsageChart>(template, options);
  await until(() => summary(chart) !== '' || root(chart).querySelector('[role="alert"]'), 'the usage', WAIT);
  return chart;
}

/** A usage answer of `counts` ([allowed, denied] a day, today last). */
function usageOf(counts: [number, number][]): PatUsage {
  const today = Math.floor(Date.now() / DAY_MS);
  const days = counts.map(([allowed, denied], index) => ({ day: utcDay((today - counts.length + 1 + index) * DAY_MS), allowed, denied }));
  const sum = (key: 'allowed' | 'denied') => days.reduce((total, day) => total + day[key], 0);
  return { pat_id: GRAFANA, days, allowed: sum('allowed'), denied: sum('denied') };
}

describe('<pat-usage-chart>', function () {
  this.timeout(30_000);

  const api = watchedMockApi();

  it('draws a bar a day for the last 30 days, today last, with the totals in words', async () => {
    const chart = await mountChart();
    const usage = api.store.usage('alice', GRAFANA);
    expect(api.requests).to.deep.equal([`GET /api/pats/${GRAFANA}/usage?days=30`]);
    expect(bars(chart)).to.have.length(30);
    expect(summary(chart)).to.equal(strings.usage.summary(usage.allowed, usage.denied, 30));
    expect(summary(chart)).to.match(/^[\d,]+ allowed · \d+ denied in the last 30 days$/);
    // Each bar's tooltip names its day and counts.
    const last = usage.days.at(-1)!;
    expect(text(bars(chart).at(-1)!.querySelector('title'))).to.equal(strings.usage.bar(en.utcDay(last.day), last.allowed, last.denied));
    const axis = [...root(chart).querySelectorAll('.axis span')].map((span) => text(span));
    expect(axis).to.deep.equal([en.utcDay(usage.days[0]!.day), en.utcDay(last.day)]);
    await expectAccessible(chart);
  });

  it('is one image to a screen reader, named and described by its totals, with a table of the days', async () => {
    const chart = await mountChart();
    const usage = api.store.usage('alice', GRAFANA);
    const image = root(chart).querySelector('[part="chart"]')!;
    expect(image.getAttribute('role')).to.equal('img');
    expect(image.getAttribute('aria-label')).to.equal(strings.usage.chartLabel(30));
    expect(root(chart).getElementById(image.getAttribute('aria-describedby')!)).to.equal(root(chart).querySelector('[part="summary"]'));
    expect(image.querySelector('svg')!.getAttribute('aria-hidden')).to.equal('true');
    expect(text(root(chart).querySelector('caption'))).to.equal(strings.usage.tableCaption);
    expect(tableRows(chart)).to.deep.equal(usage.days.map((day) => [en.utcDay(day.day), en.number(day.allowed), en.number(day.denied)]));
    expect(root(chart).querySelector('table')!.parentElement!.getBoundingClientRect().width, 'hidden').to.be.at.most(1);
    expect(root(chart).querySelector('[part="legend"]')!.getAttribute('aria-hidden')).to.equal('true');
  });

  it('stacks denied on allowed, the busiest day full height; any check shows; colours from Shoelace', async () => {
    api.worker.use(
      http.get('/api/pats/:id/usage', () =>
        HttpResponse.json(
          usageOf([
            [0, 0],
            [1000, 0],
            [500, 500],
            [1, 0],
            [0, 2],
          ]),
        ),
      ),
    );
    const chart = await mountChart(html`<pat-usage-chart pat-id=${GRAFANA} days="5"></pat-usage-chart>`);
    const heights = bars(chart).map((bar) => ({
      allowed: Number(bar.querySelector('.allowed')?.getAttribute('height') ?? 0),
      denied: Number(bar.querySelector('.denied')?.getAttribute('height') ?? 0),
    }));
    expect(heights[0]).to.deep.equal({ allowed: 0, denied: 0 });
    expect(heights[1]).to.deep.equal({ allowed: 100, denied: 0 });
    expect(heights[2]).to.deep.equal({ allowed: 50, denied: 50 });
    expect(heights[3]!.allowed, 'one check of a thousand still shows').to.be.above(0);
    expect(heights[4]!.denied).to.be.above(0);
    const [allowed, denied] = ['.allowed', '.denied'].map(
      (selector) => getComputedStyle(root(chart).querySelector(`svg ${selector}`)!).fill,
    );
    const probe = document.createElement('div');
    document.body.append(probe);
    probe.style.color = 'var(--sl-color-success-600)';
    const success = getComputedStyle(probe).color;
    probe.style.color = 'var(--sl-color-danger-600)';
    const danger = getComputedStyle(probe).color;
    probe.remove();
    expect([allowed, denied]).to.deep.equal([success, danger]);
    expect(summary(chart)).to.equal('1,501 allowed · 502 denied in the last 5 days');
  });

  it('days: as many bars as days asked for, from 1 to 90', async () => {
    const chart = await mountChart(html`<pat-usage-chart pat-id=${GRAFANA} days="7"></pat-usage-chart>`);
    expect(bars(chart)).to.have.length(7);
    expect(api.requests).to.deep.equal([`GET /api/pats/${GRAFANA}/usage?days=7`]);
    chart.days = 1;
    await until(() => bars(chart).length === 1, 'one day', WAIT);
    expect(summary(chart)).to.match(/ today$/);
    chart.days = 500;
    await until(() => bars(chart).length === 90, 'ninety days', WAIT);
    expect(chart.days).to.equal(90);
    chart.days = 0;
    await until(() => bars(chart).length === 1, 'one day again', WAIT);
    expect(api.requests.at(-1)).to.equal(`GET /api/pats/${GRAFANA}/usage?days=1`);
  });

  it('empty: "Not used in the last 30 days", without a chart', async () => {
    const chart = await mountChart(html`<pat-usage-chart pat-id=${LOCAL}></pat-usage-chart>`);
    expect(summary(chart)).to.equal(strings.usage.empty(30));
    expect(summary(chart)).to.equal('Not used in the last 30 days');
    expect(root(chart).querySelector('[part="chart"]')).to.equal(null);
    await expectAccessible(chart);
  });

  it('loading: busy, with a placeholder', async () => {
    await useMockApi('slow');
    const chart = await mount<PatUsageChart>(html`<pat-usage-chart pat-id=${GRAFANA}></pat-usage-chart>`);
    const busy = root(chart).querySelector('[aria-busy="true"]')!;
    expect(busy.querySelector('sl-skeleton')).to.exist;
    expect(text(busy)).to.equal(strings.loading);
    await expectAccessible(chart);
  });

  it('error: says so with Retry, which loads it again', async () => {
    api.worker.use(http.get('/api/pats/:id/usage', () => HttpResponse.json({ ...INTERNAL_ERROR_BODY }, { status: 500 })));
    const chart = await mountChart();
    const alert = root(chart).querySelector('[role="alert"]')!;
    expect(text(alert)).to.include(strings.usage.errorTitle).and.include(strings.errors.server);
    await expectAccessible(chart);
    api.worker.resetHandlers();
    await click(alert.querySelector('sl-button')!);
    await until(() => bars(chart).length === 30, 'the chart', WAIT);
  });

  it('with a client that has no usage, or without pat-id: nothing shows and nothing is asked', async () => {
    for (const [template, options] of [
      [html`<pat-usage-chart pat-id=${GRAFANA}></pat-usage-chart>`, { client: basicClient() }],
      [html`<pat-usage-chart></pat-usage-chart>`, {}],
    ] as const) {
      const chart = await mount<PatUsageChart>(template, options);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(root(chart).querySelector<HTMLElement>('[part="base"]')!.hidden).to.equal(true);
      expect(chart.getBoundingClientRect().height).to.equal(0);
    }
    expect(api.requests).to.deep.equal([]);
  });

  it('runs right to left: today at the left, the oldest day at the right', async () => {
    const wrapper = await mount<HTMLElement>(html`<div dir="rtl"><pat-usage-chart pat-id=${GRAFANA}></pat-usage-chart></div>`);
    const chart = wrapper.querySelector('pat-usage-chart')!;
    await until(() => bars(chart).length === 30, 'the chart', WAIT);
    const [oldest, today] = [bars(chart)[0]!, bars(chart).at(-1)!].map((bar) => bar.querySelector('.track')!.getBoundingClientRect());
    expect(today!.left).to.be.below(oldest!.left);
    const [first, last] = [...root(chart).querySelectorAll('.axis span')].map((span) => span.getBoundingClientRect());
    expect(first!.left, 'the oldest day’s date at the right').to.be.above(last!.left);
    await expectAccessible(wrapper);
  });

  it('German: totals, the empty state and the days in German', async () => {
    await loadPatTranslation('de');
    const wrapper = await mount<HTMLElement>(
      html`<div lang="de"><pat-usage-chart pat-id=${GRAFANA}></pat-usage-chart><pat-usage-chart pat-id=${LOCAL}></pat-usage-chart></div>`,
    );
    const [used, unused] = [...wrapper.querySelectorAll('pat-usage-chart')];
    await until(() => summary(used!) !== '' && summary(unused!) !== '', 'both', WAIT);
    const usage = api.store.usage('alice', GRAFANA);
    expect(summary(used!)).to.equal(de.usage.summary(usage.allowed, usage.denied, 30));
    expect(summary(unused!)).to.equal('In den letzten 30 Tagen nicht verwendet');
    expect(tableRows(used!)[0]![0]).to.equal(new PatLocale('de', de).utcDay(usage.days[0]!.day));
  });
});
