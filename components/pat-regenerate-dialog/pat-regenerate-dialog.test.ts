import { expect, html } from '@open-wc/testing';
import { emulateMedia, resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import type { SetupWorker } from 'msw/browser';
import type SlDialog from '@shoelace-style/shoelace/dist/components/dialog/dialog.js';
import type SlSelect from '@shoelace-style/shoelace/dist/components/select/select.js';
import { parseDuration, SECRET_PATTERN, type Pat, type PatWithSecret } from '../../contract/index.js';
import { INTERNAL_ERROR_BODY, seededId, type MockStore } from '../../mocks/index.js';
import { expectAccessible, mount, until, useMockApi } from '../../testing/fixture.js';
import { composedContains, deepActive, text } from '../../testing/dom.js';
import { chooseOne, click, elapse, nextTask, record } from '../../testing/input.js';
import type { PatDurationPicker } from '../pat-duration-picker/pat-duration-picker.component.js';
import { strings } from '../i18n/strings.js';
import './pat-regenerate-dialog.js';
import type { PatRegenerateDialog } from './pat-regenerate-dialog.component.js';

const JENKINS = seededId('alice', 'Old Jenkins pipeline'); // revoked
const Q3 = seededId('alice', 'Q3 data export'); // expired
const WAIT = 8000;
const DAY = 86400e3;
const SECRET_RE = /^pat_[0-9A-Za-z]{22}_[0-9A-Za-z]{49}$/;

const cleanups: (() => void)[] = [];

interface Mounted {
  element: PatRegenerateDialog;
  trigger: HTMLButtonElement;
}

async function mountDialog(): Promise<Mounted> {
  // A page as tall as the window, as a host page is: with an empty body under Shoelace's scroll
  // lock (overflow: hidden), axe takes the fixed dialog's labels for clipped and invisible.
  const wrapper = await mount<HTMLDivElement>(html`
    <div style="min-height: 100vh">
      <button id="trigger" type="button">Regenerate</button>
      <pat-regenerate-dialog></pat-regenerate-dialog>
    </div>
  `);
  const element = wrapper.querySelector('pat-regenerate-dialog')!;
  await element.updateComplete;
  return { element, trigger: wrapper.querySelector<HTMLButtonElement>('#trigger')! };
}

function sl(element: PatRegenerateDialog): SlDialog {
  return element.shadowRoot!.querySelector<SlDialog>('sl-dialog')!;
}

function picker(element: PatRegenerateDialog): PatDurationPicker {
  return element.shadowRoot!.querySelector<PatDurationPicker>('pat-duration-picker')!;
}

function presetSelect(element: PatRegenerateDialog): SlSelect {
  return picker(element).shadowRoot!.querySelector<SlSelect>('sl-select[part="preset"]')!;
}

function submit(element: PatRegenerateDialog): HTMLElement {
  return element.shadowRoot!.querySelector<HTMLElement>('[part="submit"]')!;
}

function cancel(element: PatRegenerateDialog): HTMLElement & { disabled: boolean } {
  return element.shadowRoot!.querySelector<HTMLElement & { disabled: boolean }>('[slot="footer"] sl-button:not([part="submit"])')!;
}

function alertText(element: PatRegenerateDialog): string {
  return text(element.shadowRoot!.querySelector('sl-alert'));
}

function pickerError(element: PatRegenerateDialog): string {
  return text(picker(element).shadowRoot!.querySelector('.error'));
}

interface Seen {
  method: string;
  path: string;
  body: Promise<string>;
}

function watch(worker: SetupWorker): Seen[] {
  const seen: Seen[] = [];
  const listener = ({ request }: { request: Request }) => {
    const url = new URL(request.url);
    if (url.pathname.startsWith('/api/')) seen.push({ method: request.method, path: url.pathname, body: request.clone().text() });
  };
  worker.events.on('request:start', listener);
  cleanups.push(() => worker.events.removeListener('request:start', listener));
  return seen;
}

function writes(seen: Seen[]): string[] {
  return seen.filter((request) => request.method !== 'GET').map((request) => `${request.method} ${request.path}`);
}

async function bodies(seen: Seen[]): Promise<unknown[]> {
  return Promise.all(seen.filter((request) => request.method !== 'GET').map(async (request) => JSON.parse((await request.body) || 'null')));
}

/** Settles with the outcome, so a test can tell whether it settled yet. */
function track(promise: Promise<PatWithSecret | undefined>) {
  const state: { done: boolean; value?: PatWithSecret } = { done: false };
  void promise.then((value) => Object.assign(state, { done: true, value }));
  return state;
}

/** Opens the dialog for `pat` from `trigger` (focused, as after a click); waits until it shows, with its presets. */
async function open(element: PatRegenerateDialog, pat: Pat, trigger?: HTMLElement, passTrigger = true) {
  trigger?.focus();
  const result = element.open(pat, passTrigger ? trigger : undefined);
  const dialog = sl(element);
  await until(() => dialog.open && !dialog.shadowRoot!.querySelector<HTMLElement>('.dialog')!.hidden, 'the dialog to open', WAIT);
  await until(() => !presetSelect(element).disabled && presetSelect(element).querySelectorAll('sl-option').length > 1, 'the presets', WAIT);
  return { result, state: track(result) };
}

async function closed(element: PatRegenerateDialog): Promise<void> {
  const dialog = sl(element);
  await until(() => !dialog.open && dialog.shadowRoot!.querySelector<HTMLElement>('.dialog')!.hidden, 'the dialog to close', WAIT);
  // Shoelace gives focus back in a timer it sets as the dialog hides.
  await nextTask();
}

describe('<pat-regenerate-dialog>', function () {
  // The machine may be busy with other test runs: room for the real-input flows.
  this.timeout(30_000);

  let worker: SetupWorker;
  let store: MockStore;
  let seen: Seen[];

  before(async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
  });

  beforeEach(async () => {
    ({ worker, store } = await useMockApi('default'));
    seen = watch(worker);
  });

  afterEach(async () => {
    while (cleanups.length) cleanups.pop()!();
    await resetMouse();
  });

  it('is closed until open() is called', async () => {
    const { element } = await mountDialog();
    await elapse(100, 'the dialog must not open nor send a request by itself');
    expect(sl(element).open).to.equal(false);
    expect(writes(seen)).to.deep.equal([]);
  });

  it('open() asks for a new duration for the PAT it names, and moves focus into the dialog', async () => {
    const { element, trigger } = await mountDialog();
    await open(element, store.get('alice', JENKINS), trigger);
    expect(sl(element).label).to.equal(strings.regenerate.title);
    expect(text(element.shadowRoot!.querySelector('.text'))).to.equal(strings.regenerate.text('Old Jenkins pipeline'));
    expect(text(element.shadowRoot!.querySelector('.text'))).to.match(/name, description and scopes stay/);
    expect(presetSelect(element).label).to.equal(strings.duration.label);
    // A sensible duration is chosen already, and its expiry is shown.
    expect(presetSelect(element).value).to.equal('30d');
    expect(text(picker(element).shadowRoot!.querySelector('[part="expiry"]'))).to.match(/^The token will expire on /);
    expect(text(submit(element))).to.equal(strings.regenerate.submit);
    await until(() => composedContains(element, deepActive()), 'focus inside the dialog', WAIT);
    expect(writes(seen)).to.deep.equal([]);
  });

  it('is accessible when open', async () => {
    const { element, trigger } = await mountDialog();
    await open(element, store.get('alice', JENKINS), trigger);
    await expectAccessible(element);
  });

  it('choosing a preset and Regenerate sends secret/reset with it and resolves to the PAT with its new secret', async () => {
    const regenerated = record(document, 'pat-regenerated');
    const { element, trigger } = await mountDialog();
    const before = store.get('alice', JENKINS);
    const scopesBefore = store.listScopes('alice', JENKINS, 0, 100).scopes;
    const { result } = await open(element, before, trigger);
    await chooseOne(presetSelect(element), '7d');
    const started = Date.now();
    await click(submit(element));
    const pat = await result;

    expect(writes(seen)).to.deep.equal([`PATCH /api/pats/${JENKINS}/secret/reset`]);
    expect(await bodies(seen)).to.deep.equal([{ duration: '7d' }]);
    expect(pat).to.exist;
    expect(pat!.id).to.equal(JENKINS);
    expect(pat!.secret).to.match(SECRET_RE);
    expect(pat!.secret).to.match(SECRET_PATTERN);
    expect(pat!.status).to.equal('active');
    expect(regenerated).to.have.length(1);
    expect(regenerated[0]!.detail.pat).to.deep.equal(pat);

    const after = store.get('alice', JENKINS);
    expect(after.status).to.equal('active');
    expect(Date.parse(after.expires_at) - started).to.be.within(7 * DAY - 60e3, 7 * DAY + 60e3);
    expect(after.name).to.equal(before.name);
    expect(after.description).to.equal(before.description);
    expect(store.listScopes('alice', JENKINS, 0, 100).scopes).to.deep.equal(scopesBefore);

    await closed(element);
    expect(document.activeElement).to.equal(trigger);
  });

  it('without a choice it regenerates for the preselected 30 days', async () => {
    const { element, trigger } = await mountDialog();
    const { result } = await open(element, store.get('alice', Q3), trigger);
    await click(submit(element));
    const pat = await result;
    expect(await bodies(seen)).to.deep.equal([{ duration: '30d' }]);
    expect(pat!.secret).to.match(SECRET_RE);
    expect(store.get('alice', Q3).status).to.equal('active');
  });

  it('a custom date sends the time to the end of that day', async () => {
    const { element, trigger } = await mountDialog();
    const { result } = await open(element, store.get('alice', Q3), trigger);
    await chooseOne(presetSelect(element), 'custom');
    const dateInput = picker(element).shadowRoot!.querySelector<HTMLElement & { value: string }>('sl-input[part="date"]')!;
    await until(() => dateInput.value, 'the date field', WAIT);
    const day = dateInput.value;
    await click(submit(element));
    await result;
    const [body] = (await bodies(seen)) as [{ duration: string }];
    const parsed = parseDuration(body.duration);
    expect(parsed.ok, body.duration).to.equal(true);
    const expires = new Date(store.get('alice', Q3).expires_at);
    const endOfDay = new Date(`${day}T23:59:59`);
    expect(Math.abs(expires.getTime() - endOfDay.getTime())).to.be.below(5_000);
  });

  it('Cancel resolves undefined, sends nothing and gives focus back to the trigger', async () => {
    const regenerated = record(document, 'pat-regenerated');
    const { element, trigger } = await mountDialog();
    const { result } = await open(element, store.get('alice', JENKINS), trigger);
    await chooseOne(presetSelect(element), '90d');
    await click(cancel(element));
    expect(await result).to.equal(undefined);
    await closed(element);
    expect(writes(seen)).to.deep.equal([]);
    expect(regenerated).to.have.length(0);
    expect(store.get('alice', JENKINS).status).to.equal('revoked');
    expect(document.activeElement).to.equal(trigger);
  });

  it('Escape resolves undefined, sends nothing and gives focus back to the trigger', async () => {
    const { element, trigger } = await mountDialog();
    const { result } = await open(element, store.get('alice', JENKINS), trigger);
    await until(() => composedContains(element, deepActive()), 'focus inside the dialog', WAIT);
    await sendKeys({ press: 'Escape' });
    expect(await result).to.equal(undefined);
    await closed(element);
    expect(writes(seen)).to.deep.equal([]);
    expect(store.get('alice', JENKINS).status).to.equal('revoked');
    expect(document.activeElement).to.equal(trigger);
  });

  it('gives focus back to what had it when no trigger is passed', async () => {
    const { element, trigger } = await mountDialog();
    const { result } = await open(element, store.get('alice', JENKINS), trigger, false);
    await sendKeys({ press: 'Escape' });
    await result;
    await closed(element);
    expect(document.activeElement).to.equal(trigger);
  });

  it('a click outside does not close it', async () => {
    const { element, trigger } = await mountDialog();
    const { state } = await open(element, store.get('alice', JENKINS), trigger);
    await sendMouse({ type: 'click', position: [5, 5] });
    await elapse(300, 'a click outside must neither close the dialog nor settle open()');
    expect(sl(element).open).to.equal(true);
    expect(state.done).to.equal(false);
    await click(cancel(element));
    await closed(element);
  });

  it('a server error shows in the dialog, which stays open; trying again can succeed', async () => {
    const errors = record(document, 'pat-error');
    const failing = { on: true };
    worker.use(
      http.patch(`/api/pats/${JENKINS}/secret/reset`, () =>
        failing.on ? HttpResponse.json({ ...INTERNAL_ERROR_BODY }, { status: 500 }) : undefined,
      ),
    );
    const { element, trigger } = await mountDialog();
    const { result, state } = await open(element, store.get('alice', JENKINS), trigger);
    await click(submit(element));
    await until(() => alertText(element), 'the error', WAIT);
    expect(alertText(element)).to.equal(strings.errors.server);
    await elapse(200, 'after a server error the dialog must stay open and open() unsettled');
    expect(sl(element).open).to.equal(true);
    expect(state.done).to.equal(false);
    expect(store.get('alice', JENKINS).status).to.equal('revoked');
    expect(errors.map((event) => [event.detail.action, event.detail.error.status])).to.deep.equal([['regenerate', 500]]);
    expect((submit(element) as HTMLElement & { loading: boolean }).loading).to.equal(false);
    expect(cancel(element).disabled).to.equal(false);
    await expectAccessible(element);

    failing.on = false;
    await click(submit(element));
    const pat = await result;
    expect(pat!.secret).to.match(SECRET_RE);
    expect(writes(seen)).to.deep.equal([`PATCH /api/pats/${JENKINS}/secret/reset`, `PATCH /api/pats/${JENKINS}/secret/reset`]);
    await closed(element);
  });

  it('a server error about the duration shows on the duration field', async () => {
    worker.use(
      http.patch(`/api/pats/${JENKINS}/secret/reset`, () =>
        HttpResponse.json(
          {
            error: 'validation_failed',
            message: 'Invalid request: duration must be at most 365d (the maximum lifetime).',
            details: [{ field: 'duration', message: 'must be at most 365d (the maximum lifetime)' }],
          },
          { status: 400 },
        ),
      ),
    );
    const { element, trigger } = await mountDialog();
    const { state } = await open(element, store.get('alice', JENKINS), trigger);
    await click(submit(element));
    await until(() => pickerError(element), 'the duration error', WAIT);
    expect(pickerError(element)).to.equal('Must be at most 365d (the maximum lifetime)');
    expect(picker(element).shadowRoot!.querySelector('.error')!.getAttribute('role')).to.equal('alert');
    expect(sl(element).open).to.equal(true);
    expect(state.done).to.equal(false);
  });

  it('is busy while the request runs: no second request, no Escape, Cancel disabled', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    worker.use(
      http.patch(`/api/pats/${JENKINS}/secret/reset`, async () => {
        await gate;
        return undefined;
      }),
    );
    const { element, trigger } = await mountDialog();
    const { result, state } = await open(element, store.get('alice', JENKINS), trigger);
    await click(submit(element));
    await until(() => (submit(element) as HTMLElement & { loading: boolean }).loading, 'the busy button', WAIT);
    expect(cancel(element).disabled).to.equal(true);
    await click(submit(element));
    await sendKeys({ press: 'Escape' });
    await elapse(200, 'while busy, a second click must send no second request and Escape must not close the dialog');
    expect(sl(element).open).to.equal(true);
    expect(state.done).to.equal(false);
    expect(writes(seen)).to.have.length(1);
    release();
    const pat = await result;
    expect(pat!.secret).to.match(SECRET_RE);
    await closed(element);
  });

  it('opens afresh each time: the default duration again and no old error', async () => {
    const failing = { on: true };
    worker.use(
      http.patch(`/api/pats/${JENKINS}/secret/reset`, () =>
        failing.on ? HttpResponse.json({ ...INTERNAL_ERROR_BODY }, { status: 500 }) : undefined,
      ),
    );
    const { element, trigger } = await mountDialog();
    const first = await open(element, store.get('alice', JENKINS), trigger);
    await chooseOne(presetSelect(element), '7d');
    await click(submit(element));
    await until(() => alertText(element), 'the error', WAIT);
    await click(cancel(element));
    await first.result;
    await closed(element);

    failing.on = false;
    const second = await open(element, store.get('alice', Q3), trigger);
    expect(alertText(element)).to.equal('');
    expect(text(element.shadowRoot!.querySelector('.text'))).to.equal(strings.regenerate.text('Q3 data export'));
    expect(presetSelect(element).value).to.equal('30d');
    await click(submit(element));
    const pat = await second.result;
    expect(pat!.id).to.equal(Q3);
    const sent = await bodies(seen);
    expect(sent[sent.length - 1]).to.deep.equal({ duration: '30d' });
  });
});
