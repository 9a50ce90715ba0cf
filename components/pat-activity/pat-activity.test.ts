import { expect, html } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { DAY_MS, problems } from '../../contract/index.js';
import { INTERNAL_ERROR_BODY, seededId } from '../../mocks/index.js';
import { basicClient, expectAccessible, mount, until, useMockApi, watchedMockApi } from '../../testing/fixture.js';
import { deepActive, text } from '../../testing/dom.js';
import { click } from '../../testing/input.js';
import { loadPatTranslation } from '../i18n/localize.js';
import { strings } from '../i18n/strings.js';
import { ar } from '../i18n/translations/ar.js';
import { de } from '../i18n/translations/de.js';
import { PatLocale } from '../common/format.js';
import './pat-activity.js';
import type { PatActivity } from './pat-activity.component.js';
import { eventSentence } from './pat-activity.sentence.js';

const CI = seededId('alice', 'CI deploy'); // made 230 days ago as "GitHub Actions deploy", renamed, described, a scope added, regenerated, used from two addresses
const LEAKED = seededId('alice', 'Leaked in support ticket'); // revoked by secops
const Q3 = seededId('alice', 'Q3 data export'); // expired
const BOB_PAT = seededId('bob', 'Home Assistant bridge');
const WAIT = 8000;
const en = new PatLocale('en', strings);

const root = (activity: PatActivity) => activity.shadowRoot!;
const events = (activity: PatActivity) => [...root(activity).querySelectorAll<HTMLElement>('[part="event"]')];
const sentences = (activity: PatActivity) => events(activity).map((event) => text(event.querySelector('.sentence')));
const metaOf = (event: HTMLElement) => text(event.querySelector('.meta'));
const footer = (activity: PatActivity) => root(activity).querySelector<HTMLElement>('[part="footer"]');
const showMore = (activity: PatActivity) => footer(activity)?.querySelector<HTMLElement>('sl-button') ?? null;
/** What stands instead of the timeline: that nothing happened yet, or an error. */
const state = (activity: PatActivity) => text(root(activity).querySelector('.empty, .load-error'));

async function mountActivity(
  template = html`<pat-activity pat-id=${CI} owner="alice"></pat-activity>`,
  options = {},
): Promise<PatActivity> {
  const activity = await mount<PatActivity>(template, options);
  await until(() => events(activity).length > 0 || state(activity) !== '', 'the history', WAIT);
  return activity;
}

describe('<pat-activity>', function () {
  this.timeout(30_000);

  const api = watchedMockApi();

  it('shows a token’s history newest first, a sentence for each event, with when, from where and how', async () => {
    const activity = await mountActivity();
    const page = api.store.listPatEvents('alice', CI, 0, 100);
    expect(events(activity).map((event) => event.dataset.kind)).to.deep.equal(page.events.map((event) => event.kind));
    expect(sentences(activity)).to.deep.equal([
      'First used from 10.0.4.18',
      `Regenerated, expires ${en.date(api.store.get('alice', CI).expires_at)}`,
      'Scopes added: update all clients',
      'Description changed to “GitHub Actions: deploys the edge gateway and rolls out client configs”',
      'Renamed from “GitHub Actions deploy” to “CI deploy”',
      'First used from 10.0.4.17',
      `Created with create all channels, update all channels, and create all clients, expires ${en.date(page.events.at(-1)!.details.expires_at!)}`,
    ]);
    expect(api.requests).to.deep.equal([`GET /api/pats/${CI}/events?offset=0&limit=20`]);
    // When: how long ago, and the date and time.
    const [used, regenerated] = events(activity);
    const time = regenerated!.querySelector('time')!;
    expect(time.getAttribute('datetime')).to.equal(page.events[1]!.at);
    expect(metaOf(regenerated!)).to.include(`45 days ago · ${en.dateTime(page.events[1]!.at)}`);
    // From where: the address (a first use says it in its sentence) and the user agent, smaller.
    expect(metaOf(regenerated!)).to.include(`from 198.51.100.20`).and.include('Safari/605.1.15');
    expect(metaOf(used!)).not.to.include('from');
    expect(metaOf(used!)).to.include('GitHub-Actions-Runner/2.321.0');
    const [sentence, meta] = [regenerated!.querySelector('.sentence')!, regenerated!.querySelector('.meta')!];
    expect(parseFloat(getComputedStyle(meta).fontSize)).to.be.below(parseFloat(getComputedStyle(sentence).fontSize));
    // An icon per kind, drawn inline and hidden from screen readers.
    for (const event of events(activity)) {
      const icon = event.querySelector('[part="icon"] svg')!;
      expect(icon.getAttribute('aria-hidden')).to.equal('true');
      expect(icon.querySelectorAll('path').length).to.be.above(0);
    }
    expect(root(activity).querySelector('[part="list"]')!.getAttribute('aria-label')).to.equal(strings.activity.label);
    expect(footer(activity), 'one page: no Show more').to.equal(null);
    await expectAccessible(activity);
  });

  it('names who made a change when it was not the owner; the system’s events say what happened', async () => {
    const leaked = await mountActivity(html`<pat-activity pat-id=${LEAKED} owner="alice"></pat-activity>`);
    const revoked = events(leaked).find((event) => event.dataset.kind === 'revoked')!;
    expect(text(revoked.querySelector('.sentence'))).to.equal(strings.activity.revoked);
    expect(text(revoked.querySelector('.actor'))).to.equal('by secops');
    expect(leaked.shadowRoot!.querySelectorAll('.actor')).to.have.length(1);
    const q3 = await mountActivity(html`<pat-activity pat-id=${Q3} owner="alice"></pat-activity>`);
    expect(sentences(q3)[0]).to.equal(strings.activity.expired);
    expect(q3.shadowRoot!.querySelector('.actor')).to.equal(null);
    // Without an owner to tell others from, nobody is named.
    const unknown = await mountActivity(html`<pat-activity pat-id=${LEAKED}></pat-activity>`);
    expect(unknown.shadowRoot!.querySelector('.actor')).to.equal(null);
  });

  it('says each kind of change in words: a description cut short or cleared, scopes added and cleared', async () => {
    api.store.describe('alice', CI, `${'A very long description. '.repeat(10)}\nwith a second line`);
    api.store.describe('alice', CI, '');
    api.store.addScopes('alice', CI, [{ entity_type: 'messages', operation: 'publish', entity_id: 'ch-1', domain_id: 'd-1' }]);
    api.store.clearScopes('alice', CI);
    const activity = await mountActivity();
    const [cleared, added, emptied, described] = sentences(activity);
    expect(emptied).to.equal(strings.activity.descriptionCleared);
    expect(described).to.match(/^Description changed to “A very long description\. A very long/);
    expect(described!.endsWith('…”'), 'cut short').to.equal(true);
    expect(described, 'on one line').not.to.include('\n');
    expect(described!.length).to.be.below(150);
    expect(added).to.equal('Scopes added: publish messages ch-1 in domain d-1');
    expect(cleared).to.equal(
      'All scopes deleted: create all channels, update all channels, create all clients, and 2 more',
      'three named, the rest counted',
    );
  });

  it('says what happened to an allowlist: set, removed, a token made with one, a use refused for its address', async () => {
    const made = api.store.create('alice', {
      name: 'Office only',
      duration: '30d',
      scopes: [{ entity_type: 'clients', operation: 'read', entity_id: '*' }],
      allowed_ips: ['203.0.113.0/24', '2001:db8::1'],
    });
    // Its first use from elsewhere is refused; a later one from the office is not.
    const check = { entity_type: 'clients', operation: 'read', entity_id: 'c-1' };
    expect(api.store.authorize(made.secret, check, '198.51.100.9', 'curl/8.5.0')).to.include({ allowed: false, reason: 'ip_not_allowed' });
    expect(api.store.authorize(made.secret, check, '203.0.113.7', 'curl/8.5.0')).to.include({ allowed: true });
    api.store.setAllowedIps('alice', made.id, [
      '203.0.113.0/24',
      '2001:db8::1',
      '10.0.0.0/8',
      '10.1.0.1',
      '10.1.0.2',
      '10.1.0.3',
      '10.1.0.4',
    ]);
    api.store.setAllowedIps('alice', made.id, []);
    const activity = await mountActivity(html`<pat-activity pat-id=${made.id} owner="alice"></pat-activity>`);
    const expires = en.date(made.expires_at);
    expect(sentences(activity)).to.deep.equal([
      'Address restriction removed: any address allowed',
      'Allowed addresses set to 203.0.113.0/24, 2001:db8::1, 10.0.0.0/8, 10.1.0.1, 10.1.0.2 and 2 more',
      'First used from 203.0.113.7',
      'Refused a use from 198.51.100.9: not an allowed address',
      `Created with read all clients, expires ${expires}; usable only from 203.0.113.0/24, 2001:db8::1`,
    ]);
    expect(events(activity).map((event) => event.dataset.kind)).to.deep.equal([
      'allowed_ips_changed',
      'allowed_ips_changed',
      'new_address',
      'new_address',
      'created',
    ]);
    // A refused use and a lifted restriction stand out; every kind has its icon.
    const tones = events(activity).map((event) => event.querySelector<HTMLElement>('[part="icon"]')!.dataset.tone);
    expect(tones).to.deep.equal(['warning', 'neutral', 'warning', 'danger', 'primary']);
    for (const event of events(activity))
      expect(event.querySelectorAll('[part="icon"] svg path').length, event.dataset.kind).to.be.above(0);
    // The refused use's sentence names its address; its user agent is in the line below.
    expect(metaOf(events(activity)[3]!))
      .to.include('curl/8.5.0')
      .and.not.include('from');
    await expectAccessible(activity);
  });

  it('says a token was revoked for a leak report: where and by whom when the report said, in the danger tone', async () => {
    const now = api.store.now();
    const seedLeaked = (name: string, url: string, source: string) =>
      api.store.seed('alice', {
        name,
        issuedAt: now - 20 * DAY_MS,
        expiresAt: now + 70 * DAY_MS,
        revokedAt: now - 3600e3,
        leak: { reported_at: new Date(now - 3600e3).toISOString(), url, source },
      }).id;
    const reports: [url: string, source: string, sentence: string][] = [
      [
        'https://github.com/acme/site/commit/4f2a9c1e',
        'GitHub secret scanning',
        'Revoked automatically: found in a public place at https://github.com/acme/site/commit/4f2a9c1e (reported by GitHub secret scanning)',
      ],
      [
        'https://gist.github.com/someone/1a2b3c',
        '',
        'Revoked automatically: found in a public place at https://gist.github.com/someone/1a2b3c',
      ],
      ['', 'pat-kit-scan', 'Revoked automatically: found in a public place (reported by pat-kit-scan)'],
      ['', '', 'Revoked automatically: found in a public place'],
    ];
    for (const [index, [url, source, sentence]] of reports.entries()) {
      const id = seedLeaked(`Leaked ${index}`, url, source);
      const activity = await mountActivity(html`<pat-activity pat-id=${id} owner="alice"></pat-activity>`);
      const [leaked] = events(activity);
      expect(leaked!.dataset.kind, sentence).to.equal('leaked');
      expect(text(leaked!.querySelector('.sentence'))).to.equal(sentence);
      expect(leaked!.querySelector<HTMLElement>('[part="icon"]')!.dataset.tone).to.equal('danger');
      expect(leaked!.querySelectorAll('[part="icon"] svg path').length).to.be.above(0);
      // The system revoked it: nobody is named; and nothing in it is a link.
      expect(leaked!.querySelectorAll('.actor').length).to.equal(0);
      expect(leaked!.querySelectorAll('a').length).to.equal(0);
      // Its history: made, then revoked for the leak (not by hand).
      expect(events(activity).map((event) => event.dataset.kind)).to.deep.equal(['leaked', 'created']);
      if (index === 0) await expectAccessible(activity);
    }
  });

  it('a leak report’s long address is cut short on one line; German and Arabic say it too, the address left to right', async () => {
    const long = `https://github.com/acme/site/blob/main/${'deploy/'.repeat(30)}config.yml`;
    const event = {
      id: 'e1',
      pat_id: 'p1',
      pat_name: 'Leaked',
      kind: 'leaked' as const,
      at: new Date().toISOString(),
      actor: 'system',
      ip: '192.0.2.10',
      user_agent: 'pat-kit-scan/1.0',
      details: { url: long, source: 'GitHub secret scanning' },
    };
    const sentence = eventSentence(event, en);
    expect(
      sentence.startsWith('Revoked automatically: found in a public place at https://github.com/acme/site/blob/main/deploy/'),
    ).to.equal(true);
    expect(sentence).to.include('… (reported by GitHub secret scanning)');
    expect(sentence.length).to.be.below(220);
    const short = { ...event, details: { url: 'https://example.com/x', source: 'Scanner' } };
    expect(eventSentence(short, new PatLocale('de', de))).to.equal(
      'Automatisch widerrufen: an einem öffentlichen Ort gefunden unter https://example.com/x (gemeldet von Scanner)',
    );
    expect(eventSentence(short, new PatLocale('ar', ar))).to.equal(
      'أُبطل تلقائيًا: عُثر عليه في مكان عام في \u2066https://example.com/x\u2069 (أبلغ عنه \u2068Scanner\u2069)',
    );
  });

  it('says a token was made with an idle limit and expired unused; in German and Arabic too', async () => {
    const { store } = await useMockApi('idle');
    const id = seededId('alice', 'Legacy importer'); // 30 days without use; expired unused 10 days ago
    const activity = await mountActivity(html`<pat-activity pat-id=${id} owner="alice"></pat-activity>`);
    const page = store.listPatEvents('alice', id, 0, 20);
    expect(page.events.map((event) => event.kind)).to.deep.equal(['expired', 'new_address', 'created']);
    expect(page.events[0]!.details).to.include({ reason: 'idle' });
    const expires = en.date(page.events[2]!.details.expires_at!);
    expect(sentences(activity)).to.deep.equal([
      'Expired after 30 days without use',
      'First used from 10.0.5.30',
      `Created with create all clients and create all groups, expires ${expires}; expires after 30 days without use`,
    ]);
    const [expired] = events(activity);
    expect(expired!.querySelector<HTMLElement>('[part="icon"]')!.dataset.tone).to.equal('neutral');
    expect(expired!.querySelector('.actor'), 'the system’s doing: nobody named').to.equal(null);
    await expectAccessible(activity);

    for (const [lang, words] of [
      ['de', de],
      ['ar', ar],
    ] as const) {
      await loadPatTranslation(lang);
      const wrapper = await mount<HTMLElement>(
        html`<div lang=${lang} dir=${lang === 'ar' ? 'rtl' : 'ltr'}><pat-activity pat-id=${id}></pat-activity></div>`,
      );
      const translated = wrapper.querySelector<PatActivity>('pat-activity')!;
      await until(() => events(translated).length === 3, 'the history', WAIT);
      const locale = new PatLocale(lang, words);
      const created = words.activity.createdWith(
        locale.date(page.events[2]!.details.expires_at!),
        locale.list(page.events[2]!.details.scopes!.map((scope) => words.scopes.describe(scope))),
      );
      expect(sentences(translated), lang).to.deep.equal([
        words.activity.expiredIdle(locale.duration('30d')),
        words.activity.newAddress('10.0.5.30'),
        words.activity.createdIdle(created, locale.duration('30d')),
      ]);
    }
    expect(de.activity.expiredIdle('')).to.equal('Abgelaufen, weil es zu lange nicht verwendet wurde');
  });

  it('an expiry that names its idle limit says it; an expiry by its lifetime says “Expired” alone', () => {
    const base = {
      id: 'e1',
      pat_id: 'p1',
      pat_name: 'Idle',
      at: new Date().toISOString(),
      actor: 'system',
      ip: null,
      user_agent: null,
    };
    const idle = { ...base, kind: 'expired' as const, details: { expires_at: base.at, reason: 'idle' as const, idle_expires_at: base.at } };
    expect(eventSentence(idle, en)).to.equal('Expired: unused for longer than its idle limit');
    expect(eventSentence({ ...idle, details: { ...idle.details, max_idle: '30d' } }, en)).to.equal('Expired after 30 days without use');
    expect(eventSentence({ ...idle, details: { ...idle.details, max_idle: '2w' } }, new PatLocale('de', de))).to.equal(
      'Abgelaufen, weil es 2 Wochen lang nicht verwendet wurde',
    );
    expect(eventSentence({ ...base, kind: 'expired', details: { expires_at: base.at } }, en)).to.equal(strings.activity.expired);
    const created = {
      ...base,
      kind: 'created' as const,
      actor: 'alice',
      details: { expires_at: '2027-01-03T12:00:00.000Z', allowed_ips: ['203.0.113.0/24'], max_idle: '1y' },
    };
    expect(eventSentence(created, en)).to.equal(
      `Created, expires ${en.date(created.details.expires_at)}; usable only from 203.0.113.0/24; expires after 1 year without use`,
    );
  });

  it('German: an allowlist set, and a use refused', async () => {
    await loadPatTranslation('de');
    const made = api.store.create('alice', { name: 'Büro', duration: '30d', allowed_ips: ['203.0.113.0/24'] });
    api.store.authorize(made.secret, { entity_type: 'clients', operation: 'read', entity_id: 'c-1' }, '198.51.100.9');
    api.store.setAllowedIps('alice', made.id, ['203.0.113.0/24', '2001:db8::1']);
    const wrapper = await mount<HTMLElement>(html`<div lang="de"><pat-activity pat-id=${made.id}></pat-activity></div>`);
    const activity = wrapper.querySelector('pat-activity')!;
    await until(() => events(activity).length === 3, 'the history', WAIT);
    const german = new PatLocale('de', de);
    expect(sentences(activity)).to.deep.equal([
      'Erlaubte Adressen festgelegt auf 203.0.113.0/24, 2001:db8::1',
      'Verwendung von 198.51.100.9 abgewiesen: keine erlaubte Adresse',
      `Erstellt, läuft am ${german.date(made.expires_at)} ab; nur verwendbar von 203.0.113.0/24`,
    ]);
  });

  it('without pat-id: every token’s history, each event under its token’s name, deleted tokens’ too', async () => {
    api.store.remove('alice', CI);
    const activity = await mountActivity(html`<pat-activity owner="alice"></pat-activity>`);
    expect(api.requests).to.deep.equal(['GET /api/events?offset=0&limit=20']);
    const [first] = events(activity);
    expect(first!.dataset.kind).to.equal('deleted');
    expect(text(first!.querySelector('.pat-name'))).to.equal('CI deploy');
    expect(text(first!.querySelector('.sentence'))).to.equal(strings.activity.deleted);
    const names = events(activity).map((event) => text(event.querySelector('.pat-name')));
    expect(names.every((name) => name !== '')).to.equal(true);
    expect(new Set(names).size).to.be.above(3);
    expect(root(activity).querySelector('[part="list"]')!.getAttribute('aria-label')).to.equal(strings.activity.allLabel);
    await expectAccessible(activity);
  });

  it('pages: Show more brings the next page, the first new event takes the focus, the footer counts', async () => {
    const total = api.store.listEvents('alice', 0, 1).total;
    const activity = await mountActivity(html`<pat-activity page-size="15"></pat-activity>`);
    expect(events(activity)).to.have.length(15);
    expect(text(footer(activity)!.querySelector('[role="status"]'))).to.equal(strings.activity.shown(15, total));
    await click(showMore(activity)!);
    await until(() => events(activity).length === 30, 'the second page', WAIT);
    expect(api.requests).to.deep.equal(['GET /api/events?offset=0&limit=15', 'GET /api/events?offset=15&limit=15']);
    expect(deepActive()).to.equal(events(activity)[15]);
    expect(text(footer(activity)!.querySelector('[role="status"]'))).to.equal(strings.activity.shown(30, total));
    expect(events(activity).map((event) => event.dataset.event)).to.deep.equal(
      api.store.listEvents('alice', 0, 30).events.map((event) => event.id),
    );
    while (showMore(activity)) {
      const shown = events(activity).length;
      await click(showMore(activity)!);
      await until(() => events(activity).length > shown, 'another page', WAIT);
    }
    expect(events(activity)).to.have.length(total);
    expect(text(footer(activity))).to.equal(strings.activity.shown(total, total));
    await expectAccessible(activity);
  });

  it('a page that fails to come says why and keeps what is shown', async () => {
    const activity = await mountActivity(html`<pat-activity page-size="5"></pat-activity>`);
    api.worker.use(http.get('/api/events', () => HttpResponse.json({ ...INTERNAL_ERROR_BODY }, { status: 500 })));
    await click(showMore(activity)!);
    await until(() => footer(activity)!.querySelector('[role="alert"]'), 'the error', WAIT);
    expect(text(footer(activity)!.querySelector('[role="alert"]'))).to.equal(strings.errors.server);
    expect(events(activity)).to.have.length(5);
    api.worker.resetHandlers();
    await click(showMore(activity)!);
    await until(() => events(activity).length === 10, 'the second page', WAIT);
    expect(footer(activity)!.querySelector('[role="alert"]')).to.equal(null);
  });

  it('refresh() shows what happened since, newest first', async () => {
    const activity = await mountActivity();
    api.store.rename('alice', CI, 'CI deploy (prod)');
    activity.refresh();
    await until(() => sentences(activity)[0] === 'Renamed from “CI deploy” to “CI deploy (prod)”', 'the rename', WAIT);
  });

  it('follows pat-id to another token', async () => {
    const activity = await mountActivity();
    activity.patId = Q3;
    await until(() => events(activity)[0]?.dataset.kind === 'expired', 'the other token’s history', WAIT);
    expect(events(activity).map((event) => event.dataset.event)).to.deep.equal(
      api.store.listPatEvents('alice', Q3, 0, 20).events.map((event) => event.id),
    );
  });

  it('keeps page-size within 1 and 100', async () => {
    const activity = await mountActivity(html`<pat-activity page-size="500"></pat-activity>`);
    expect(activity.pageSize).to.equal(100);
    activity.pageSize = 0;
    await activity.updateComplete;
    expect(activity.pageSize).to.equal(1);
  });

  it('loading: busy, with placeholders', async () => {
    await useMockApi('slow');
    const activity = await mount<PatActivity>(html`<pat-activity pat-id=${CI}></pat-activity>`);
    const busy = root(activity).querySelector('[aria-busy="true"]')!;
    expect(busy.querySelectorAll('sl-skeleton').length).to.be.above(0);
    expect(text(busy)).to.equal(strings.loading);
    await expectAccessible(activity);
  });

  it('error: says so with Retry, which loads it again', async () => {
    api.worker.use(http.get('/api/pats/:id/events', () => HttpResponse.json({ ...INTERNAL_ERROR_BODY }, { status: 500 })));
    const activity = await mountActivity();
    const alert = root(activity).querySelector('[role="alert"]')!;
    expect(text(alert)).to.include(strings.activity.errorTitle).and.include(strings.errors.server);
    await expectAccessible(activity);
    api.worker.resetHandlers();
    await click(alert.querySelector('sl-button')!);
    await until(() => events(activity).length === 7, 'the history', WAIT);
  });

  it('another user’s token is the server’s 404, said as an error', async () => {
    const activity = await mountActivity(html`<pat-activity pat-id=${BOB_PAT}></pat-activity>`);
    expect(text(root(activity).querySelector('[role="alert"]'))).to.include(problems.patNotFound().message);
  });

  it('empty: nothing has happened yet', async () => {
    const activity = await mountActivity(html`<pat-activity></pat-activity>`, { user: 'carol' });
    expect(state(activity)).to.equal(strings.activity.empty);
    expect(root(activity).querySelector('[part="list"]')).to.equal(null);
    await expectAccessible(activity);
  });

  it('with a client that has no history (the SuperMQ one, a host’s own): nothing shows and nothing is asked', async () => {
    for (const template of [html`<pat-activity pat-id=${CI}></pat-activity>`, html`<pat-activity></pat-activity>`]) {
      const activity = await mount<PatActivity>(template, { client: basicClient() });
      await new Promise((resolve) => setTimeout(resolve, 100));
      const base = root(activity).querySelector<HTMLElement>('[part="base"]')!;
      expect(base.hidden).to.equal(true);
      expect(activity.getBoundingClientRect().height).to.equal(0);
    }
    expect(api.requests).to.deep.equal([]);
  });

  it('runs right to left: the line of icons on the right', async () => {
    const wrapper = await mount<HTMLElement>(html`<div dir="rtl"><pat-activity pat-id=${CI}></pat-activity></div>`);
    const activity = wrapper.querySelector('pat-activity')!;
    await until(() => events(activity).length > 0, 'the history', WAIT);
    const [event] = events(activity);
    const icon = event!.querySelector('[part="icon"]')!.getBoundingClientRect();
    const body = event!.querySelector('.body')!.getBoundingClientRect();
    expect(icon.left).to.be.above(body.right - 1);
    await expectAccessible(wrapper);
  });

  it('German: sentences, dates and relative times in German', async () => {
    await loadPatTranslation('de');
    const wrapper = await mount<HTMLElement>(html`<div lang="de"><pat-activity pat-id=${CI}></pat-activity></div>`);
    const activity = wrapper.querySelector('pat-activity')!;
    await until(() => events(activity).length > 0, 'the history', WAIT);
    const german = new PatLocale('de', de);
    expect(sentences(activity)[0]).to.equal(de.activity.newAddress('10.0.4.18'));
    expect(sentences(activity)[1]).to.equal(de.activity.regenerated(german.date(api.store.get('alice', CI).expires_at)));
    expect(metaOf(events(activity)[1]!)).to.include('vor 45 Tagen');
  });
});
