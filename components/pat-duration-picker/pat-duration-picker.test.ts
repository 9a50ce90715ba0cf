import { expect, html } from '@open-wc/testing';
import { resetMouse, sendKeys } from '@web/test-runner-commands';
import type { SetupWorker } from 'msw/browser';
import type SlInput from '@shoelace-style/shoelace/dist/components/input/input.js';
import type SlSelect from '@shoelace-style/shoelace/dist/components/select/select.js';
import { DEFAULT_DURATIONS, parseDuration } from '../../contract/index.js';
import { mockTokenFor, type MockStore } from '../../mocks/index.js';
import { expectAccessible, mount, until, useMockApi } from '../../testing/fixture.js';
import { text } from '../../testing/dom.js';
import { chooseOne, elapse, record } from '../../testing/input.js';
import { PatLocale } from '../common/format.js';
import { strings } from '../i18n/strings.js';
import './pat-duration-picker.js';
import type { PatDurationPicker } from './pat-duration-picker.component.js';

const DAY = 24 * 3600e3;
const WAIT = 8000;

// ---------------------------------------------------------------------------------------------
// Helpers

const root = (picker: PatDurationPicker) => picker.shadowRoot!;
const presetSelect = (picker: PatDurationPicker) => root(picker).querySelector<SlSelect>('sl-select[part="preset"]')!;
const dateInput = (picker: PatDurationPicker) => root(picker).querySelector<SlInput>('sl-input[part="date"]');
const expiryLine = (picker: PatDurationPicker) => text(root(picker).querySelector('[part="expiry"]'));
const errorLine = (picker: PatDurationPicker) => root(picker).querySelector('.error[role="alert"]');

/** `yyyy-mm-dd` of a local date. */
function isoDay(ms: number): string {
  const date = new Date(ms);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/** Local midnight of `yyyy-mm-dd`. */
function localDay(day: string): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, date);
}

/** The keys that type `day` (yyyy-mm-dd) into a native date field, in the browser's field order. */
function dateKeys(day: string): string {
  const [year, month, date] = day.split('-') as [string, string, string];
  const order = new Intl.DateTimeFormat(navigator.language, { year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(new Date(2001, 1, 3))
    .filter((part) => part.type === 'year' || part.type === 'month' || part.type === 'day')
    .map((part) => part.type);
  return order.map((type) => (type === 'year' ? year : type === 'month' ? month : date)).join('');
}

/** Types `day` into the custom date field with the real keyboard, as a person would. */
async function typeDay(picker: PatDurationPicker, day: string): Promise<void> {
  const field = dateInput(picker);
  if (!field) throw new Error('no date field');
  const inner = field.shadowRoot!.querySelector('input')!;
  // Focusing a date field puts the caret in its first segment (a click would pick one by position).
  inner.blur();
  inner.focus();
  await sendKeys({ type: dateKeys(day) });
  // The date field commits (fires change) on each complete value; blur settles it.
  await sendKeys({ press: 'Tab' });
  await until(() => field.value === day, `the date field to read ${day} (it reads "${field.value}")`, WAIT);
  await picker.updateComplete;
}

async function mountLoaded(template = html`<pat-duration-picker></pat-duration-picker>`): Promise<PatDurationPicker> {
  const picker = await mount<PatDurationPicker>(template);
  await until(() => presetSelect(picker) && !presetSelect(picker).disabled && picker.value !== '', 'the catalog', WAIT);
  await picker.updateComplete;
  return picker;
}

async function chooseCustom(picker: PatDurationPicker): Promise<SlInput> {
  await chooseOne(presetSelect(picker), 'custom');
  await until(() => dateInput(picker), 'the date field', WAIT);
  await picker.updateComplete;
  return dateInput(picker)!;
}

/** Creates a PAT for alice with `duration` straight through the API, as the form would. */
async function createWith(duration: string, name = `Token ${Math.random()}`): Promise<{ status: number; body: any }> {
  const response = await fetch('/api/pats', {
    method: 'POST',
    headers: { authorization: `Bearer ${mockTokenFor('alice')}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name, duration }),
  });
  return { status: response.status, body: await response.json() };
}

// ---------------------------------------------------------------------------------------------

/** How the picker writes dates: the page's language is the browser's here. */
const locale = new PatLocale(navigator.language, strings);
const formatDate = (iso: string) => locale.date(iso);
const formatDateTime = (iso: string) => locale.dateTime(iso);

describe('<pat-duration-picker>', () => {
  let worker: SetupWorker;
  let store: MockStore;

  beforeEach(async () => {
    ({ worker, store } = await useMockApi('default'));
  });

  afterEach(async () => {
    worker.events.removeAllListeners();
    worker.resetHandlers();
    await resetMouse();
  });

  describe('presets', () => {
    it('offers the presets of GET /pats/catalog plus "Custom date…", with 30 days preselected', async () => {
      const catalogRequests: string[] = [];
      worker.events.on('request:start', ({ request }) => {
        if (new URL(request.url).pathname === '/api/pats/catalog') catalogRequests.push(request.method);
      });
      const picker = await mountLoaded();
      const options = [...presetSelect(picker).querySelectorAll('sl-option')];
      expect(options.map((option) => option.getAttribute('value'))).to.deep.equal([
        ...store.catalog.durations.map((preset) => preset.value),
        'custom',
      ]);
      expect(options.map((option) => text(option))).to.deep.equal([
        ...store.catalog.durations.map((preset) => preset.label),
        strings.duration.custom,
      ]);
      expect(store.catalog.durations).to.deep.equal(DEFAULT_DURATIONS);
      expect(catalogRequests).to.deep.equal(['GET']);
      expect(picker.value).to.equal('30d');
      expect(presetSelect(picker).value).to.equal('30d');
      expect(
        presetSelect(picker).shadowRoot!.querySelector<HTMLInputElement>('input[part~="display-input"]')!.value,
        'what the select shows',
      ).to.equal('30 days');
      expect(dateInput(picker) === null, 'no date field for a preset').to.equal(true);
    });

    it('takes a host catalog’s presets from the API (the first when 30 days is not offered)', async () => {
      ({ worker, store } = await useMockApi('default', {
        catalog: {
          entity_types: [{ type: 'reports', label: 'Reports', operations: ['read'] }],
          durations: [
            { value: '12h', label: 'Half a day' },
            { value: '2w', label: 'Two weeks' },
          ],
        },
        maxLifetime: '30d',
      }));
      const picker = await mountLoaded();
      const options = [...presetSelect(picker).querySelectorAll('sl-option')];
      expect(options.map((option) => option.getAttribute('value'))).to.deep.equal(['12h', '2w', 'custom']);
      expect(options.map((option) => text(option))).to.deep.equal(['Half a day', 'Two weeks', strings.duration.custom]);
      expect(picker.value).to.equal('12h');
    });

    it('choosing a preset sets `value` and shows "The token will expire on …" with its date', async () => {
      const picker = await mountLoaded();
      const events = record(picker, 'pat-duration-change');
      const before = Date.now();
      await chooseOne(presetSelect(picker), '7d');
      const after = Date.now();
      expect(picker.value).to.equal('7d');
      expect(events).to.have.length(1);
      expect(events[0]!.detail.duration).to.equal('7d');
      const expiresAt = Date.parse(events[0]!.detail.expiresAt!);
      expect(expiresAt).to.be.within(before + 7 * DAY, after + 7 * DAY + 1000);
      await picker.updateComplete;
      const line = expiryLine(picker);
      const candidates = [before, after + 1000].map((now) =>
        strings.duration.expiresOn(formatDateTime(new Date(now + 7 * DAY).toISOString())),
      );
      expect(candidates, `"${line}"`).to.include(line);

      const before1y = Date.now();
      await chooseOne(presetSelect(picker), '1y');
      expect(picker.value).to.equal('1y');
      const after1y = Date.now() + 1000;
      const yearLine = expiryLine(picker);
      expect(
        [before1y, after1y].map((now) => strings.duration.expiresOn(formatDateTime(new Date(now + 365 * DAY).toISOString()))),
        `"${yearLine}"`,
      ).to.include(yearLine);
      expect(events.map((event) => event.detail.duration)).to.deep.equal(['7d', '1y']);
    });
  });

  describe('custom date', () => {
    it('"Custom date…" shows a date field from tomorrow to now + the maximum lifetime', async () => {
      const picker = await mountLoaded();
      const field = await chooseCustom(picker);
      const now = Date.now();
      expect(field.type).to.equal('date');
      expect(field.label).to.equal(strings.duration.customLabel);
      expect(field.min).to.equal(isoDay(now + DAY));
      expect(field.max).to.equal(isoDay(now + store.maxLifetimeMs));
      const inner = field.shadowRoot!.querySelector('input')!;
      expect(inner.min).to.equal(isoDay(now + DAY));
      expect(inner.max).to.equal(isoDay(now + 365 * DAY));
      // It starts on a sensible day (30 days out) and says so.
      expect(field.value).to.equal(isoDay(now + 30 * DAY));
      expect(expiryLine(picker)).to.equal(strings.duration.expiresOn(formatDate(localDay(field.value).toISOString())));
      expect(picker.reportValidity()).to.equal(true);
    });

    it('a typed custom date sets a duration the API accepts, and the expiry line shows that date', async () => {
      const picker = await mountLoaded();
      await chooseCustom(picker);
      const events = record(picker, 'pat-duration-change');
      const day = isoDay(Date.now() + 45 * DAY);
      await typeDay(picker, day);
      expect(events.length, 'pat-duration-change on typing').to.be.greaterThan(0);
      expect(events.at(-1)!.detail.duration).to.equal(picker.value);
      expect(isoDay(Date.parse(events.at(-1)!.detail.expiresAt!))).to.equal(day);

      const parsed = parseDuration(picker.value);
      expect(parsed.ok, picker.value).to.equal(true);
      expect(picker.reportValidity()).to.equal(true);
      expect(expiryLine(picker)).to.equal(strings.duration.expiresOn(formatDate(localDay(day).toISOString())));

      const created = await createWith(picker.value);
      expect(created.status, JSON.stringify(created.body)).to.equal(201);
      expect(isoDay(Date.parse(created.body.expires_at)), 'the stored expiry falls on the chosen day').to.equal(day);
      expect(isoDay(Date.parse(store.get('alice', created.body.id).expires_at))).to.equal(day);
    });

    it('the last day offered (the max) is accepted by the API and expires on that day', async () => {
      const picker = await mountLoaded();
      const field = await chooseCustom(picker);
      const lastDay = String(field.max);
      await typeDay(picker, lastDay);
      expect(picker.reportValidity(), picker.validationMessage).to.equal(true);
      expect(errorLine(picker) === null, 'no error shown').to.equal(true);
      const created = await createWith(picker.value);
      expect(created.status, JSON.stringify(created.body)).to.equal(201);
      expect(isoDay(Date.parse(created.body.expires_at))).to.equal(lastDay);
    });

    it('a custom date still expires on that day when the form is sent a while later', async () => {
      const picker = await mountLoaded();
      await chooseCustom(picker);
      const day = isoDay(Date.now() + 10 * DAY);
      await typeDay(picker, day);
      // The person takes a moment over the rest of the form; the form checks the picker on submit.
      await elapse(1500, 'time passes between choosing the date and sending the form: the date must stay valid');
      expect(picker.reportValidity()).to.equal(true);
      const created = await createWith(picker.value);
      expect(created.status).to.equal(201);
      expect(isoDay(Date.parse(created.body.expires_at))).to.equal(day);
    });

    it('a past date is refused by reportValidity() with a clear message', async () => {
      const picker = await mountLoaded();
      await chooseCustom(picker);
      await typeDay(picker, isoDay(Date.now() - 3 * DAY));
      expect(picker.reportValidity()).to.equal(false);
      await picker.updateComplete;
      expect(text(errorLine(picker))).to.equal(strings.duration.pastDate);
      expect(expiryLine(picker), 'no expiry line under the error').to.equal('');
    });

    it('today is refused like a past date (the field starts tomorrow)', async () => {
      const picker = await mountLoaded();
      await chooseCustom(picker);
      await typeDay(picker, isoDay(Date.now()));
      expect(picker.reportValidity()).to.equal(false);
      await picker.updateComplete;
      expect(text(errorLine(picker))).to.equal(strings.duration.pastDate);
    });

    it('keeps the date field while a date is half typed or cleared', async () => {
      const picker = await mountLoaded();
      const field = await chooseCustom(picker);
      const inner = field.shadowRoot!.querySelector('input')!;
      inner.focus();
      // Clearing the first segment makes the field's value empty for a moment.
      await sendKeys({ press: 'Backspace' });
      await until(() => field.value === '', 'the field to be incomplete', WAIT);
      await picker.updateComplete;
      // (Elements are compared by identity: chai would try to print them on failure.)
      expect(dateInput(picker) === field, 'the date field stays').to.equal(true);
      expect(presetSelect(picker).value).to.equal('custom');
      expect(field.shadowRoot!.activeElement === inner, 'focus stays in the field').to.equal(true);
      expect(picker.reportValidity()).to.equal(false);
      await picker.updateComplete;
      expect(text(errorLine(picker))).to.equal(strings.duration.required);
      await typeDay(picker, isoDay(Date.now() + 60 * DAY));
      expect(picker.reportValidity()).to.equal(true);
    });

    it('a date beyond the maximum lifetime is refused by reportValidity() with a clear message', async () => {
      const picker = await mountLoaded();
      await chooseCustom(picker);
      await typeDay(picker, isoDay(Date.now() + 400 * DAY));
      // The message names the last day allowed, as a person reads dates.
      const lastDay = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(new Date(Date.now() + 365 * DAY));
      expect(picker.validationMessage).to.equal(`Choose a date on or before ${lastDay}.`);
      expect(picker.reportValidity()).to.equal(false);
      await picker.updateComplete;
      expect(text(errorLine(picker))).to.equal(`Choose a date on or before ${lastDay}.`);
      // The API would have refused it too.
      expect((await createWith(picker.value)).status).to.equal(400);

      // Choosing again clears the message.
      await typeDay(picker, isoDay(Date.now() + 20 * DAY));
      expect(errorLine(picker) === null, 'no error shown').to.equal(true);
      expect(picker.reportValidity()).to.equal(true);
    });
  });

  describe('events', () => {
    it('pat-duration-change fires on user choices only, never because `value` was set', async () => {
      const picker = await mountLoaded();
      const events = record(picker, 'pat-duration-change');
      picker.value = '90d';
      await picker.updateComplete;
      await elapse(100, 'setting `value` to a preset must not emit pat-duration-change');
      expect(presetSelect(picker).value).to.equal('90d');
      expect(picker.value).to.equal('90d');
      picker.value = '45d';
      await picker.updateComplete;
      await elapse(100, 'setting `value` to a custom duration must not emit pat-duration-change');
      expect(presetSelect(picker).value, 'a value that is no preset shows as a custom date').to.equal('custom');
      expect(events, 'no event for set values (nor for the preselected default)').to.have.length(0);

      await chooseOne(presetSelect(picker), '24h');
      expect(events.map((event) => event.detail.duration)).to.deep.equal(['24h']);
      expect(events[0]!.bubbles && events[0]!.composed).to.equal(true);
    });

    it('a value set by the host replaces a custom date; an empty one goes back to the default', async () => {
      const picker = await mountLoaded();
      await chooseCustom(picker);
      await typeDay(picker, isoDay(Date.now() + 50 * DAY));
      const events = record(picker, 'pat-duration-change');
      picker.value = '7d';
      await picker.updateComplete;
      expect(presetSelect(picker).value).to.equal('7d');
      expect(dateInput(picker) === null, 'no date field for a preset').to.equal(true);
      picker.value = '';
      await picker.updateComplete;
      await until(() => picker.value === '30d', 'the default again', WAIT);
      expect(presetSelect(picker).value).to.equal('30d');
      expect(events, 'nothing fired for values the host set').to.have.length(0);
    });

    it('a value set before the catalog arrives is kept, not replaced by the default, and fires nothing', async () => {
      const events: Event[] = [];
      const listener = (event: Event) => events.push(event);
      document.addEventListener('pat-duration-change', listener);
      try {
        const picker = await mountLoaded(html`<pat-duration-picker value="90d"></pat-duration-picker>`);
        expect(picker.value).to.equal('90d');
        expect(presetSelect(picker).value).to.equal('90d');
        expect(events).to.have.length(0);
      } finally {
        document.removeEventListener('pat-duration-change', listener);
      }
    });
  });

  describe('accessibility', () => {
    it('is axe-clean with a preset, with a custom date and with an error', async () => {
      const picker = await mountLoaded();
      await expectAccessible(picker);
      await chooseCustom(picker);
      await expectAccessible(picker);
      await typeDay(picker, isoDay(Date.now() - 2 * DAY));
      picker.reportValidity();
      await picker.updateComplete;
      expect(errorLine(picker) === null, 'an error shown').to.equal(false);
      await expectAccessible(picker);
    });

    it('can be used with the keyboard alone', async () => {
      const picker = await mountLoaded();
      const events = record(picker, 'pat-duration-change');
      presetSelect(picker).focus();
      await sendKeys({ press: 'Enter' });
      await until(() => presetSelect(picker).open, 'the select to open', WAIT);
      // 30 days is current: one down is 90 days.
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'Enter' });
      await until(() => picker.value === '90d', 'keyboard choice', WAIT);
      expect(events.map((event) => event.detail.duration)).to.deep.equal(['90d']);
    });
  });
});
