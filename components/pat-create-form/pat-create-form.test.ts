import { expect, html } from '@open-wc/testing';
import { resetMouse, sendKeys } from '@web/test-runner-commands';
import { delay, http, HttpResponse } from 'msw';
import type { SetupWorker } from 'msw/browser';
import type SlAlert from '@shoelace-style/shoelace/dist/components/alert/alert.js';
import type SlButton from '@shoelace-style/shoelace/dist/components/button/button.js';
import type SlDialog from '@shoelace-style/shoelace/dist/components/dialog/dialog.js';
import type SlInput from '@shoelace-style/shoelace/dist/components/input/input.js';
import type SlSelect from '@shoelace-style/shoelace/dist/components/select/select.js';
import type SlTextarea from '@shoelace-style/shoelace/dist/components/textarea/textarea.js';
import { SECRET_PATTERN, parseDuration, type ScopeInput } from '../../contract/index.js';
import { INTERNAL_ERROR_BODY, mockTokenFor, type MockStore } from '../../mocks/index.js';
import { basicClient, expectAccessible, expectSame, mount, until, useMockApi } from '../../testing/fixture.js';
import { composedContains, deepActive, deepElementAt, nextEvent, text } from '../../testing/dom.js';
import { chooseMany, chooseOne, click, elapse, nextTask, record, replaceText, typeInto } from '../../testing/input.js';
import type { PatConfirmDialog } from '../pat-confirm-dialog/pat-confirm-dialog.component.js';
import type { PatDurationPicker } from '../pat-duration-picker/pat-duration-picker.component.js';
import type { PatScopeEditor } from '../pat-scope-editor/pat-scope-editor.component.js';
import { HttpPatApi } from '../api/http-pat-api.js';
import type { PatApi } from '../api/pat-api.js';
import { loadPatTranslation } from '../i18n/localize.js';
import { strings } from '../i18n/strings.js';
import { ar } from '../i18n/translations/ar.js';
import { de } from '../i18n/translations/de.js';
import './pat-create-form.js';
import type { PatCreateForm } from './pat-create-form.component.js';

const WAIT = 8000;
const DAY = 24 * 3600e3;

// ---------------------------------------------------------------------------------------------
// Helpers

const root = (form: PatCreateForm) => form.shadowRoot!;
const nameInput = (form: PatCreateForm) => root(form).querySelector<SlInput>('sl-input[part="name"]')!;
const descriptionArea = (form: PatCreateForm) => root(form).querySelector<SlTextarea>('sl-textarea[part="description"]')!;
const allowedIpsArea = (form: PatCreateForm) => root(form).querySelector<SlTextarea>('sl-textarea[part="allowed-ips"]');
const showAllowedIpsButton = (form: PatCreateForm) =>
  [...root(form).querySelectorAll<SlButton>('sl-button')].find((button) => text(button) === strings.allowedIps.show) ?? null;
const picker = (form: PatCreateForm) => root(form).querySelector<PatDurationPicker>('pat-duration-picker')!;
const presetSelect = (form: PatCreateForm) => picker(form).shadowRoot!.querySelector<SlSelect>('sl-select[part="preset"]')!;
const idleSelect = (form: PatCreateForm) => root(form).querySelector<SlSelect>('sl-select[part="max-idle"]');
/**
 * Chooses `value` as the idle limit with real clicks: on its box (the select spans the form, its
 * box is the expiry's width), then on the option; resolves once it has closed with that value.
 */
async function chooseIdle(form: PatCreateForm, value: string): Promise<void> {
  const select = idleSelect(form)!;
  const shown = nextEvent(select, 'sl-after-show');
  await click(select.shadowRoot!.querySelector('[part~="combobox"]')!);
  await shown;
  const hidden = nextEvent(select, 'sl-after-hide');
  await click(select.querySelector(`sl-option[value="${value}"]`)!);
  await hidden;
  await until(() => select.value === value, `idle limit ${value} chosen`, WAIT);
}
/** The idle limit's choices as the select offers them: value and text. */
const idleChoices = (form: PatCreateForm) =>
  [...idleSelect(form)!.querySelectorAll('sl-option')].map((option) => [option.value, text(option)]);
const editor = (form: PatCreateForm) => root(form).querySelector<PatScopeEditor>('pat-scope-editor')!;
const submitButton = (form: PatCreateForm) => root(form).querySelector<SlButton>('sl-button[part="submit"]')!;
const cancelButton = (form: PatCreateForm) =>
  [...root(form).querySelectorAll<SlButton>('.footer sl-button')].find((button) => text(button) === strings.cancel)!;
const alert = (form: PatCreateForm) => root(form).querySelector<SlAlert>('sl-alert');
const alertText = (form: PatCreateForm) => text(alert(form));
const helpText = (field: SlInput | SlTextarea) => field.helpText;

const rows = (form: PatCreateForm) => [...editor(form).shadowRoot!.querySelectorAll<HTMLFieldSetElement>('fieldset[part="row"]')];
function row(form: PatCreateForm, index: number): HTMLFieldSetElement {
  const found = rows(form)[index];
  if (!found) throw new Error(`no scope row ${index + 1} (there are ${rows(form).length})`);
  return found;
}
const typeSelect = (fieldset: Element) => fieldset.querySelector<SlSelect>('sl-select:not([multiple])')!;
const operationsSelect = (fieldset: Element) => fieldset.querySelector<SlSelect>('sl-select[multiple]')!;
const modeGroupValue = (fieldset: Element) => (fieldset.querySelector('sl-radio-group') as unknown as { value: string }).value;
const modeButton = (fieldset: Element, mode: 'all' | 'some') => fieldset.querySelector<HTMLElement>(`sl-radio-button[value="${mode}"]`)!;
const trash = (fieldset: Element) => fieldset.querySelector<HTMLElement>('sl-icon-button.remove')!;
const domainInput = (fieldset: Element) =>
  [...fieldset.querySelectorAll<SlInput>('sl-input')].find((input) => input.label === strings.scopes.domain)!;
const rowErrors = (fieldset: Element) => [...fieldset.querySelectorAll('.row-errors li')].map((item) => text(item));
const addRowButton = (form: PatCreateForm) => editor(form).shadowRoot!.querySelector<HTMLElement>('sl-button.add')!;

/** Fills scope row `index` with real clicks and keys: type, operations, All (unless `entity: 'unchosen'`), domain. */
async function fillRow(
  form: PatCreateForm,
  index: number,
  scope: { type: string; operations: string[]; entity?: 'unchosen'; domain?: string },
): Promise<void> {
  await chooseOne(typeSelect(row(form, index)), scope.type);
  await editor(form).updateComplete;
  await chooseMany(operationsSelect(row(form, index)), scope.operations);
  if (scope.entity !== 'unchosen') {
    // A new row has no entity choice: All is picked, as a person would.
    await click(modeButton(row(form, index), 'all'));
    await until(() => modeGroupValue(row(form, index)) === 'all', 'All chosen', WAIT);
  }
  if (scope.domain !== undefined) {
    await typeInto(domainInput(row(form, index)), scope.domain);
    await sendKeys({ press: 'Tab' });
    await until(() => editor(form).scopes.some((entry) => entry.domain_id === scope.domain), 'the domain', WAIT);
  }
}

/** Removes every scope row with its trash button. */
async function removeEveryRow(form: PatCreateForm): Promise<void> {
  while (rows(form).length > 0) {
    const count = rows(form).length;
    await click(trash(row(form, 0)));
    await until(() => rows(form).length === count - 1, 'a row removed', WAIT);
  }
}

/** The dialog that asks before a token without scopes is created; null until the form first needs it. */
const confirmDialog = (form: PatCreateForm) => root(form).querySelector<PatConfirmDialog>('pat-confirm-dialog');
function dialogParts(form: PatCreateForm) {
  const element = confirmDialog(form);
  if (!element) throw new Error('no <pat-confirm-dialog> in the form');
  const dialogRoot = element.shadowRoot!;
  return {
    dialog: dialogRoot.querySelector<SlDialog>('sl-dialog')!,
    message: dialogRoot.querySelector<HTMLElement>('[part="message"]')!,
    confirm: dialogRoot.querySelector<SlButton>('[part="confirm"]')!,
    cancel: dialogRoot.querySelector<SlButton>('[part="cancel"]')!,
  };
}

/** Removes the listeners of dialogEvents() after each test. */
const listening: (() => void)[] = [];

/** Every `name` event (sl-show, sl-after-show …) of an sl-dialog under `form` from now on; the selects' own do not count. */
function dialogEvents(form: PatCreateForm, name: string): Event[] {
  const events: Event[] = [];
  const listener = (event: Event) => {
    if ((event.composedPath()[0] as Element).localName === 'sl-dialog') events.push(event);
  };
  form.addEventListener(name, listener);
  listening.push(() => form.removeEventListener(name, listener));
  return events;
}

/** Submits (a click on Create, unless `submit` does it otherwise) and resolves once the no-scopes dialog is shown (sl-after-show). */
async function submitAndAsk(form: PatCreateForm, submit: () => Promise<void> = () => submitByClick(form)): Promise<void> {
  const shownEvents = dialogEvents(form, 'sl-after-show');
  await submit();
  await until(() => shownEvents.length > 0, 'the no-scopes dialog to show', WAIT);
}

/** Resolves once the no-scopes dialog has closed and Shoelace has given focus back (in a timer it sets as it hides). */
async function dialogClosed(form: PatCreateForm): Promise<void> {
  const { dialog } = dialogParts(form);
  await until(() => !dialog.open && dialog.shadowRoot!.querySelector<HTMLElement>('.dialog')!.hidden, 'the dialog to close', WAIT);
  await nextTask();
}

interface Sent {
  method: string;
  path: string;
  body: Promise<unknown>;
}

/** Every request to the API that changes something (anything but GET) from now on. */
function watchWrites(worker: SetupWorker): Sent[] {
  const sent: Sent[] = [];
  worker.events.on('request:start', ({ request }) => {
    const url = new URL(request.url);
    if (!url.pathname.startsWith('/api/') || request.method === 'GET') return;
    sent.push({
      method: request.method,
      path: url.pathname,
      body: request
        .clone()
        .json()
        .catch(() => undefined),
    });
  });
  return sent;
}

/** Mounts a form and waits for the catalog (presets and entity types). */
async function mountForm(template = html`<pat-create-form></pat-create-form>`): Promise<PatCreateForm> {
  const form = await mount<PatCreateForm>(template);
  await until(
    () => picker(form)?.value && rows(form).length > 0 && typeSelect(row(form, 0)).querySelectorAll('sl-option').length > 0,
    'the catalog',
    WAIT,
  );
  await form.updateComplete;
  return form;
}

/** Name, the 7-day preset, a description and two scopes, all with real input. */
async function fillEverything(form: PatCreateForm, name = 'Deploy bot'): Promise<ScopeInput[]> {
  await typeInto(nameInput(form), name);
  await chooseOne(presetSelect(form), '7d');
  await typeInto(descriptionArea(form), 'Deploys the edge gateway');
  await fillRow(form, 0, { type: 'clients', operations: ['read'] });
  await click(addRowButton(form));
  await until(() => rows(form).length === 2, 'a second scope row', WAIT);
  await fillRow(form, 1, { type: 'channels', operations: ['update'], domain: 'd-prod-eu' });
  return [
    { entity_type: 'clients', operation: 'read', entity_id: '*', domain_id: null },
    { entity_type: 'channels', operation: 'update', entity_id: '*', domain_id: 'd-prod-eu' },
  ];
}

/** What the person typed, as the form shows it now. */
function shown(form: PatCreateForm) {
  return {
    name: nameInput(form).value,
    description: descriptionArea(form).value,
    duration: picker(form).value,
    preset: presetSelect(form).value,
    rows: rows(form).map((fieldset) => ({
      type: typeSelect(fieldset).value,
      operations: operationsSelect(fieldset).value,
      mode: modeGroupValue(fieldset),
      domain: domainInput(fieldset).value,
    })),
    scopes: editor(form).scopes,
  };
}

/** `yyyy-mm-dd` of a local date. */
function isoDay(ms: number): string {
  const date = new Date(ms);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/** Types `day` (yyyy-mm-dd) into the picker's custom date field, in the browser's field order. */
async function typeDay(form: PatCreateForm, day: string): Promise<void> {
  const field = picker(form).shadowRoot!.querySelector<SlInput>('sl-input[part="date"]')!;
  const [year, month, date] = day.split('-') as [string, string, string];
  const keys = new Intl.DateTimeFormat(navigator.language, { year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(new Date(2001, 1, 3))
    .filter((part) => part.type === 'year' || part.type === 'month' || part.type === 'day')
    .map((part) => (part.type === 'year' ? year : part.type === 'month' ? month : date))
    .join('');
  const inner = field.shadowRoot!.querySelector('input')!;
  inner.focus(); // a date field takes focus in its first segment
  await sendKeys({ type: keys });
  await sendKeys({ press: 'Tab' });
  await until(() => field.value === day, `the date field to read ${day}`, WAIT);
}

async function submitByClick(form: PatCreateForm): Promise<void> {
  await click(submitButton(form));
}

// ---------------------------------------------------------------------------------------------

describe('<pat-create-form>', () => {
  let worker: SetupWorker;
  let store: MockStore;
  let writes: Sent[];

  beforeEach(async () => {
    ({ worker, store } = await useMockApi('default'));
    writes = watchWrites(worker);
  });

  afterEach(async () => {
    while (listening.length) listening.pop()!();
    worker.events.removeAllListeners();
    worker.resetHandlers();
    await resetMouse();
  });

  it('creates a PAT: one POST /pats with exactly the fields given, then pat-created with the secret', async () => {
    const form = await mountForm();
    const created = record(form, 'pat-created');
    const scopes = await fillEverything(form);
    const before = Date.now();
    await submitByClick(form);
    await until(() => created.length > 0, 'pat-created', WAIT);
    const after = Date.now();

    expect(writes.map((request) => `${request.method} ${request.path}`)).to.deep.equal(['POST /api/pats']);
    expect(await writes[0]!.body).to.deep.equal({ name: 'Deploy bot', description: 'Deploys the edge gateway', duration: '7d', scopes });

    expect(created).to.have.length(1);
    const { pat } = created[0]!.detail;
    expect(pat.secret).to.match(/^pat_[0-9A-Za-z]{22}_[0-9A-Za-z]{49}$/);
    expect(pat.secret).to.match(SECRET_PATTERN);
    expect(pat).to.include({ name: 'Deploy bot', description: 'Deploys the edge gateway', status: 'active', scopes_count: 2 });
    expect(Date.parse(pat.expires_at) - Date.parse(pat.issued_at)).to.equal(7 * DAY);
    expect(Date.parse(pat.issued_at)).to.be.within(before - 1000, after + 1000);
    expect(created[0]!.bubbles && created[0]!.composed).to.equal(true);

    expect(confirmDialog(form), 'with scopes nothing asks: no dialog is even rendered').to.equal(null);

    const page = store.list('alice', { status: 'all', sort: 'name', dir: 'asc', offset: 0, limit: 100, name: 'Deploy bot' });
    expect(page.pats.map((entry) => entry.id)).to.deep.equal([pat.id]);
    const stored = store
      .listScopes('alice', pat.id, 0, 100)
      .scopes.map(({ entity_type, operation, entity_id, domain_id }) => ({ entity_type, operation, entity_id, domain_id }));
    expect(stored).to.have.deep.members(scopes);
    expect(submitButton(form).loading).to.equal(false);
  });

  it('a custom expiry date creates a PAT that expires on that day', async () => {
    const form = await mountForm();
    const created = record(form, 'pat-created');
    await typeInto(nameInput(form), 'Until a date');
    await chooseOne(presetSelect(form), 'custom');
    await until(() => picker(form).shadowRoot!.querySelector('sl-input[part="date"]'), 'the date field', WAIT);
    const day = isoDay(Date.now() + 12 * DAY);
    await typeDay(form, day);
    await fillRow(form, 0, { type: 'users', operations: ['read'] });
    await submitByClick(form);
    await until(() => created.length > 0, 'pat-created', WAIT);
    const { duration } = (await writes[0]!.body) as { duration: string };
    const parsed = parseDuration(duration);
    expect(parsed.ok && parsed.ms > 11 * DAY && parsed.ms < 13 * DAY, duration).to.equal(true);
    expect(isoDay(Date.parse(created[0]!.detail.pat.expires_at))).to.equal(day);
  });

  it('a duplicate name shows the server’s 409 message on the name field and keeps everything typed', async () => {
    const form = await mountForm();
    const created = record(form, 'pat-created');
    const errors = record(form, 'pat-error');
    await fillEverything(form, 'CI deploy');
    const before = shown(form);
    const count = store.count('alice');
    await submitByClick(form);
    await until(() => errors.length > 0, 'pat-error', WAIT);
    await form.updateComplete;

    expect(writes).to.have.length(1);
    expect(errors[0]!.detail.action).to.equal('create');
    expect(errors[0]!.detail.error.status).to.equal(409);
    expect(created).to.have.length(0);
    expect(store.count('alice')).to.equal(count);
    expect(helpText(nameInput(form))).to.equal('Name is already used by another of your tokens.');
    expect(nameInput(form).getAttribute('aria-invalid')).to.equal('true');
    expect(nameInput(form).hasAttribute('data-error')).to.equal(true);
    expect(alertText(form)).to.equal(strings.create.fixErrors);
    expect(shown(form), 'nothing typed is lost').to.deep.equal(before);
    await until(() => root(form).activeElement === nameInput(form), 'focus on the name field', WAIT);

    // Editing the name clears its error; a new name goes through.
    await sendKeys({ type: ' 2' });
    await form.updateComplete;
    expect(helpText(nameInput(form))).to.equal(strings.create.nameHelp);
    await submitByClick(form);
    await until(() => created.length > 0, 'pat-created', WAIT);
    expect(created[0]!.detail.pat.name).to.equal('CI deploy 2');
  });

  it('a 400 with field details shows each on its field (description, duration, a scope’s operation)', async () => {
    worker.use(
      http.post('/api/pats', () =>
        HttpResponse.json(
          {
            error: 'validation_failed',
            message: 'Invalid request: description must be at most 1024 characters (and 2 more).',
            details: [
              { field: 'description', message: 'must be at most 1024 characters' },
              { field: 'duration', message: 'must be at most 1y (the maximum lifetime)' },
              { field: 'scopes[1].operation', message: 'must be one of read, list for channels' },
            ],
          },
          { status: 400 },
        ),
      ),
    );
    const form = await mountForm();
    const created = record(form, 'pat-created');
    await fillEverything(form);
    const before = shown(form);
    await submitByClick(form);
    await until(() => alert(form), 'the form alert', WAIT);
    await form.updateComplete;
    await editor(form).updateComplete;
    await picker(form).updateComplete;

    expect(writes).to.have.length(1);
    expect(created).to.have.length(0);
    expect(helpText(descriptionArea(form))).to.equal('Description must be at most 1024 characters.');
    expect(descriptionArea(form).hasAttribute('data-error')).to.equal(true);
    expect(helpText(nameInput(form)), 'the name is fine').to.equal(strings.create.nameHelp);
    expect(text(picker(form).shadowRoot!.querySelector('.error'))).to.equal('Expiration must be at most 1y (the maximum lifetime).');
    expect(rowErrors(row(form, 0))).to.deep.equal([]);
    expect(rowErrors(row(form, 1))).to.deep.equal(['operation must be one of read, list for channels']);
    expect(alertText(form)).to.equal(strings.create.fixErrors);
    expect(shown(form), 'nothing typed is lost').to.deep.equal(before);
    await until(() => root(form).activeElement === descriptionArea(form), 'focus on the description', WAIT);
  });

  it('a 400 about something the form has no field for shows the server’s words in the form alert', async () => {
    worker.use(
      http.post('/api/pats', () =>
        HttpResponse.json(
          {
            error: 'validation_failed',
            message: 'Invalid request: scopes may hold at most 100 entries per request.',
            details: [{ field: 'scopes', message: 'may hold at most 100 entries per request' }],
          },
          { status: 400 },
        ),
      ),
    );
    const form = await mountForm();
    await fillEverything(form);
    await submitByClick(form);
    await until(() => alert(form), 'the form alert', WAIT);
    expect(alertText(form)).to.equal(`${strings.create.failed} Scopes may hold at most 100 entries per request.`);
  });

  it('a 500 shows the message in the form-level alert and nothing is lost', async () => {
    worker.use(http.post('/api/pats', () => HttpResponse.json(INTERNAL_ERROR_BODY, { status: 500 })));
    const form = await mountForm();
    const created = record(form, 'pat-created');
    const errors = record(form, 'pat-error');
    await fillEverything(form);
    const before = shown(form);
    await submitByClick(form);
    await until(() => alert(form), 'the form alert', WAIT);
    await form.updateComplete;

    expect(writes).to.have.length(1);
    expect(created).to.have.length(0);
    expect(errors.map((event) => event.detail.error.status)).to.deep.equal([500]);
    expect(alert(form)!.variant).to.equal('danger');
    expect(alert(form)!.open).to.equal(true);
    expect(alertText(form)).to.contain(strings.errors.server);
    expect(shown(form), 'nothing typed is lost').to.deep.equal(before);
    expect(helpText(nameInput(form))).to.equal(strings.create.nameHelp);
    expect(submitButton(form).loading).to.equal(false);
    expect(submitButton(form).disabled).to.equal(false);

    // Trying again once the server is back works, with the same data.
    ({ store } = await useMockApi('default'));
    await submitByClick(form);
    await until(() => created.length > 0, 'pat-created after a retry', WAIT);
    expect(alert(form) === null, 'the alert goes').to.equal(true);
    expect(store.get('alice', created[0]!.detail.pat.id).scopes_count).to.equal(2);
  });

  it('a scope row left untouched is flagged, not dropped: no request, and nothing asks about a token without scopes', async () => {
    const form = await mountForm();
    const created = record(form, 'pat-created');
    await typeInto(nameInput(form), 'No scopes yet');
    await submitByClick(form);
    await until(() => alert(form), 'the form alert', WAIT);
    await editor(form).updateComplete;
    expect(alertText(form)).to.equal(strings.create.fixErrors);
    expect(rowErrors(row(form, 0))).to.deep.equal([strings.scopes.needType, strings.scopes.needOperation, strings.scopes.needEntity]);
    expect(row(form, 0).hasAttribute('data-invalid')).to.equal(true);
    await elapse(300, 'an untouched scope row must send no request');
    expect(writes, 'nothing sent').to.have.length(0);
    expect(created).to.have.length(0);
    expect(confirmDialog(form), 'an invalid form does not ask').to.equal(null);

    // Removing the row removes what was highlighted, and the alert with it.
    await click(trash(row(form, 0)));
    await until(() => rows(form).length === 0, 'no scope rows', WAIT);
    await until(() => !alert(form), 'the alert to go', WAIT);
    expect(writes).to.have.length(0);
  });

  it('when the catalog cannot load, the form says so and Retry recovers', async () => {
    worker.use(
      http.get('/api/pats/catalog', () =>
        HttpResponse.json({ error: 'internal', message: 'Something went wrong on our side. Please try again.' }, { status: 500 }),
      ),
    );
    const form = await mount<PatCreateForm>(html`<pat-create-form></pat-create-form>`);
    const retryIn = (element: Element) =>
      [...element.shadowRoot!.querySelectorAll<SlButton>('[role="alert"] sl-button')].find((button) => text(button) === strings.retry);
    await until(() => retryIn(picker(form)) && retryIn(editor(form)), 'Retry in the picker and the scope editor', WAIT);
    expect(text(picker(form).shadowRoot!.querySelector('[role="alert"]'))).to.include(strings.duration.catalogError);
    expect(text(editor(form).shadowRoot!.querySelector('[role="alert"]'))).to.include(strings.scopes.catalogError);
    worker.resetHandlers();
    // The editor's Retry first: it sits below the picker, whose alert goes away on its own Retry.
    await click(retryIn(editor(form))!);
    await until(() => typeSelect(row(form, 0)).querySelectorAll('sl-option').length > 0, 'the scope catalog after Retry', WAIT);
    await click(retryIn(picker(form))!);
    await until(() => picker(form).value, 'the presets after Retry', WAIT);
    expect(retryIn(picker(form))).to.equal(undefined);
    // The idle limit says so too, in place of its select, and its Retry brings it.
    expect(idleSelect(form)).to.equal(null);
    expect(text(root(form).querySelector('.catalog-error'))).to.include(strings.idle.catalogError);
    await click(retryIn(form)!);
    await until(() => idleSelect(form), 'the idle limits after Retry', WAIT);
    expect(retryIn(form)).to.equal(undefined);
  });

  it('a blank name is caught before sending: no request', async () => {
    const form = await mountForm();
    await typeInto(nameInput(form), '   ');
    await fillRow(form, 0, { type: 'clients', operations: ['read'] });
    await submitByClick(form);
    await until(() => alert(form), 'the form alert', WAIT);
    await form.updateComplete;
    expect(helpText(nameInput(form))).to.equal('Enter a name.');
    expect(nameInput(form).getAttribute('aria-invalid')).to.equal('true');
    expect(alertText(form)).to.equal(strings.create.fixErrors);
    await until(() => root(form).activeElement === nameInput(form), 'focus on the name field', WAIT);
    await elapse(300, 'a blank name must send no request');
    expect(writes, 'nothing sent').to.have.length(0);
  });

  it('an incomplete scope row is caught before sending: no request', async () => {
    const form = await mountForm();
    await typeInto(nameInput(form), 'Half done');
    await chooseOne(typeSelect(row(form, 0)), 'users');
    await submitByClick(form);
    await until(() => alert(form), 'the form alert', WAIT);
    await editor(form).updateComplete;
    expect(rowErrors(row(form, 0))).to.deep.equal([strings.scopes.needOperation, strings.scopes.needEntity]);
    // The focus goes to the row in error (its first control), not to Create.
    await until(() => row(form, 0).contains(editor(form).shadowRoot!.activeElement), 'the focus in the row', WAIT);
    expectSame(editor(form).shadowRoot!.activeElement, typeSelect(row(form, 0)), 'the focus');
    await elapse(300, 'an incomplete scope row must send no request');
    expect(writes).to.have.length(0);
  });

  /** A filled form whose create answers after 1.5 s (the scenario's handler then answers). */
  async function filledWithSlowCreate() {
    worker.use(
      http.post('/api/pats', async () => {
        await delay(1500);
      }),
    );
    const form = await mountForm();
    const created = record(form, 'pat-created');
    await fillEverything(form);
    return { form, created };
  }

  it('"Please correct the highlighted fields" goes once nothing is highlighted, not before', async () => {
    const form = await mountForm();
    await chooseOne(typeSelect(row(form, 0)), 'users');
    await submitByClick(form);
    await until(() => alert(form), 'the form alert', WAIT);
    expect(alertText(form)).to.equal(strings.create.fixErrors);
    // The name fixed, the scope row still wrong: the alert stays.
    await typeInto(nameInput(form), 'Fixed');
    await elapse(200, 'the alert must stay while a row is still flagged');
    expect(alertText(form)).to.equal(strings.create.fixErrors);
    // An operation chosen: the row still has no entity, the alert stays.
    await chooseMany(operationsSelect(row(form, 0)), ['read']);
    await until(() => rowErrors(row(form, 0)).length === 1, 'the operation flag to clear', WAIT);
    expect(rowErrors(row(form, 0))).to.deep.equal([strings.scopes.needEntity]);
    await elapse(200, 'the alert must stay while the row has no entity');
    expect(alertText(form)).to.equal(strings.create.fixErrors);
    // All chosen too: nothing is highlighted, the alert goes.
    await click(modeButton(row(form, 0), 'all'));
    await until(() => !alert(form), 'the alert to go', WAIT);
    expect(rowErrors(row(form, 0))).to.deep.equal([]);
    expect(row(form, 0).hasAttribute('data-invalid')).to.equal(false);
    expect(writes, 'nothing sent').to.have.length(0);
  });

  it('"Please correct the highlighted fields" stays while the name is blank, and goes when it is filled', async () => {
    const form = await mountForm();
    await fillRow(form, 0, { type: 'clients', operations: ['read'] });
    await submitByClick(form);
    await until(() => alert(form), 'the form alert', WAIT);
    expect(alertText(form)).to.equal(strings.create.fixErrors);
    expect(rowErrors(row(form, 0)), 'the row is fine').to.deep.equal([]);
    await typeInto(nameInput(form), 'Named');
    await until(() => !alert(form), 'the alert to go', WAIT);
    expect(helpText(nameInput(form))).to.equal(strings.create.nameHelp);
    expect(writes, 'nothing sent').to.have.length(0);
  });

  it('the fields cannot be changed while it submits', async () => {
    const { form, created } = await filledWithSlowCreate();
    const name = nameInput(form).value;
    await click(submitButton(form));
    await form.updateComplete;
    expect(submitButton(form).loading).to.equal(true);
    // Neither the pointer nor focus reaches the fields meanwhile.
    const box = nameInput(form).getBoundingClientRect();
    expect(composedContains(nameInput(form), deepElementAt(box.x + box.width / 2, box.y + box.height / 2))).to.equal(false);
    const scopeBox = typeSelect(row(form, 0)).getBoundingClientRect();
    expect(
      composedContains(typeSelect(row(form, 0)), deepElementAt(scopeBox.x + scopeBox.width / 2, scopeBox.y + scopeBox.height / 2)),
      'the scope rows are out of reach too',
    ).to.equal(false);
    expect(root(form).querySelector('.fields')!.hasAttribute('inert')).to.equal(true);
    nameInput(form).focus();
    await sendKeys({ type: 'xyz' });
    expect(nameInput(form).value, 'typing while it submits changes nothing').to.equal(name);
    expect(root(form).activeElement).not.to.equal(nameInput(form));
    await until(() => created.length > 0, 'pat-created', WAIT);
    expect(created[0]!.detail.pat.name).to.equal(name);
    await form.updateComplete;
    expect(root(form).querySelector('.fields')!.hasAttribute('inert'), 'the fields are back once it is done').to.equal(false);
  });

  it('double submit is impossible: Enter and Create twice quickly send one POST; the button shows loading', async () => {
    const { form, created } = await filledWithSlowCreate();
    nameInput(form).focus();
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Enter' });
    await click(submitButton(form));
    await click(submitButton(form));
    await form.updateComplete;
    expect(submitButton(form).loading, 'Create shows loading').to.equal(true);
    expect(root(form).querySelector('form')!.getAttribute('aria-busy')).to.equal('true');
    expect(cancelButton(form).disabled, 'Cancel waits too').to.equal(true);
    await sendKeys({ press: 'Enter' });
    await until(() => created.length > 0, 'pat-created', WAIT);
    await elapse(300, 'Enter and Create pressed again while busy must send no second POST');
    expect(writes, 'exactly one POST').to.have.length(1);
    expect(created).to.have.length(1);
    await form.updateComplete;
    expect(submitButton(form).loading).to.equal(false);
    expect(store.list('alice', { status: 'all', sort: 'name', dir: 'asc', offset: 0, limit: 100, name: 'Deploy bot' }).total).to.equal(1);
  });

  it('Cancel emits pat-cancel and sends nothing', async () => {
    const form = await mountForm();
    const cancelled = record(form, 'pat-cancel');
    const created = record(form, 'pat-created');
    await typeInto(nameInput(form), 'Never mind');
    await click(cancelButton(form));
    await until(() => cancelled.length > 0, 'pat-cancel', WAIT);
    await elapse(300, 'Cancel must send no request');
    expect(cancelled).to.have.length(1);
    expect(cancelled[0]!.bubbles && cancelled[0]!.composed).to.equal(true);
    expect(created).to.have.length(0);
    expect(writes).to.have.length(0);
  });

  it('prefills from attributes, shows them and submits them', async () => {
    const form = await mountForm(
      html`<pat-create-form
        name="ci"
        description="d"
        duration="7d"
        scopes='[{"entity_type":"clients","operation":"read","entity_id":"*"}]'
        allowed-ips="203.0.113.0/24, 10.1.2.3  2001:db8::1"
      ></pat-create-form>`,
    );
    const created = record(form, 'pat-created');
    await until(() => typeSelect(row(form, 0)).value === 'clients', 'the prefilled scope row', WAIT);
    expect(shown(form)).to.deep.include({ name: 'ci', description: 'd', duration: '7d', preset: '7d' });
    expect(form.allowedIps).to.deep.equal(['203.0.113.0/24', '10.1.2.3', '2001:db8::1']);
    expect(allowedIpsArea(form)!.value, 'prefilled: the field shows at once, one address a line').to.equal(
      '203.0.113.0/24\n10.1.2.3\n2001:db8::1',
    );
    expect(showAllowedIpsButton(form)).to.equal(null);
    expect(shown(form).rows).to.deep.equal([{ type: 'clients', operations: ['read'], mode: 'all', domain: '' }]);
    expect(text(picker(form).shadowRoot!.querySelector('[part="expiry"]'))).to.match(/^The token will expire on /);

    await submitByClick(form);
    await until(() => created.length > 0, 'pat-created', WAIT);
    expect(await writes[0]!.body).to.deep.equal({
      name: 'ci',
      description: 'd',
      duration: '7d',
      scopes: [{ entity_type: 'clients', operation: 'read', entity_id: '*', domain_id: null }],
      allowed_ips: ['203.0.113.0/24', '10.1.2.3', '2001:db8::1'],
    });
  });

  it('is axe-clean in the initial, error and busy states', async () => {
    const form = await mountForm();
    await expectAccessible(form);

    await submitByClick(form);
    await until(() => alert(form), 'the validation alert', WAIT);
    await editor(form).updateComplete;
    await expectAccessible(form);

    worker.use(
      http.post('/api/pats', async () => {
        await delay(3000);
      }),
    );
    await fillEverything(form);
    await submitByClick(form);
    await until(() => submitButton(form).loading, 'busy', WAIT);
    await expectAccessible(form);
  });

  it('can be filled and submitted with the keyboard alone', async () => {
    const form = await mountForm();
    const created = record(form, 'pat-created');
    // Start before the form, as a person tabbing into the page would.
    const start = document.createElement('button');
    start.textContent = 'before';
    form.parentElement!.before(start);
    start.focus();
    await sendKeys({ press: 'Tab' });
    expect(root(form).activeElement === nameInput(form), 'Tab reaches the name first').to.equal(true);
    await sendKeys({ type: 'Keyboard only' });

    // Expiration: 30 days → 90 days.
    await sendKeys({ press: 'Tab' });
    const preset = presetSelect(form);
    await sendKeys({ press: 'Enter' });
    await until(() => preset.open, 'the expiration list', WAIT);
    const presetHidden = nextEvent(preset, 'sl-after-hide');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await presetHidden;
    expect(picker(form).value).to.equal('90d');

    // Expire when unused for: Never → 30 days.
    await sendKeys({ press: 'Tab' });
    const idle = idleSelect(form)!;
    expect(root(form).activeElement === idle, 'then the idle limit').to.equal(true);
    await sendKeys({ press: 'Enter' });
    await until(() => idle.open, 'the idle limits', WAIT);
    const idleHidden = nextEvent(idle, 'sl-after-hide');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await idleHidden;
    expect(idle.value).to.equal('30d');

    await sendKeys({ press: 'Tab' });
    expect(root(form).activeElement === descriptionArea(form), 'then the description').to.equal(true);
    await sendKeys({ type: 'Typed, not clicked' });

    // Restrict to IP addresses: Enter shows the field, which takes the focus; Enter in it is a new line.
    await sendKeys({ press: 'Tab' });
    expect(root(form).activeElement === showAllowedIpsButton(form), 'then Restrict to IP addresses').to.equal(true);
    await sendKeys({ press: 'Enter' });
    await until(() => allowedIpsArea(form) && root(form).activeElement === allowedIpsArea(form), 'the focused address field', WAIT);
    await sendKeys({ type: '203.0.113.0/24' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ type: '2001:db8::1' });
    expect(writes, 'Enter in the address field submits nothing').to.deep.equal([]);

    // Scope row 1: entity type (Clients is first), operations (create, then read).
    await sendKeys({ press: 'Tab' });
    const type = typeSelect(row(form, 0));
    await sendKeys({ press: 'Enter' });
    await until(() => type.open, 'the type list', WAIT);
    const typeHidden = nextEvent(type, 'sl-after-hide');
    await sendKeys({ press: 'Enter' });
    await typeHidden;
    expect(type.value).to.equal('clients');
    await sendKeys({ press: 'Tab' });
    const operations = operationsSelect(row(form, 0));
    await sendKeys({ press: 'Enter' });
    await until(() => operations.open, 'the operations list', WAIT);
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    const operationsHidden = nextEvent(operations, 'sl-after-hide');
    await sendKeys({ press: 'Escape' });
    await operationsHidden;
    expect(operations.value).to.deep.equal(['read']);

    // Entity: nothing is chosen until Space picks All.
    await sendKeys({ press: 'Tab' });
    const all = modeButton(row(form, 0), 'all');
    expect(editor(form).shadowRoot!.activeElement === all, 'Tab reaches All').to.equal(true);
    expect(modeGroupValue(row(form, 0)), 'focus alone chooses nothing').to.equal('');
    await sendKeys({ press: 'Space' });
    await until(() => modeGroupValue(row(form, 0)) === 'all', 'All chosen with Space', WAIT);

    // Tab on to Create (past Specific, domain, remove, Add another scope, Cancel) and press Enter.
    let steps = 0;
    while (root(form).activeElement !== submitButton(form) && steps++ < 15) await sendKeys({ press: 'Tab' });
    expect(root(form).activeElement === submitButton(form), 'Tab reaches Create').to.equal(true);
    await sendKeys({ press: 'Enter' });
    await until(() => created.length > 0, 'pat-created', WAIT);
    expect(await writes[0]!.body).to.deep.equal({
      name: 'Keyboard only',
      description: 'Typed, not clicked',
      duration: '90d',
      scopes: [{ entity_type: 'clients', operation: 'read', entity_id: '*', domain_id: null }],
      allowed_ips: ['203.0.113.0/24', '2001:db8::1'],
      max_idle: '30d',
    });
    start.remove();
  });

  it('Enter in the name field submits the form', async () => {
    const form = await mountForm();
    const created = record(form, 'pat-created');
    await fillRow(form, 0, { type: 'users', operations: ['list'] });
    await typeInto(nameInput(form), 'Enter key');
    await sendKeys({ press: 'Enter' });
    await until(() => created.length > 0, 'pat-created', WAIT);
    expect(writes).to.have.length(1);
    expect(((await writes[0]!.body) as { name: string }).name).to.equal('Enter key');
  });

  describe('allowed IP addresses', () => {
    /** Shows the field with its button and types `lines` into it, one a line. */
    async function typeAddresses(form: PatCreateForm, lines: string[]): Promise<SlTextarea> {
      expect(allowedIpsArea(form), 'hidden until asked for').to.equal(null);
      await click(showAllowedIpsButton(form)!);
      await until(() => allowedIpsArea(form) && root(form).activeElement === allowedIpsArea(form), 'the focused address field', WAIT);
      for (const [i, line] of lines.entries()) {
        if (i > 0) await sendKeys({ press: 'Enter' });
        if (line) await sendKeys({ type: line });
      }
      return allowedIpsArea(form)!;
    }

    it('a button shows the field; the addresses go as allowed_ips, each line trimmed, blank lines dropped', async () => {
      const form = await mountForm();
      const created = record(form, 'pat-created');
      await fillEverything(form);
      const area = await typeAddresses(form, ['  203.0.113.9/24 ', '', '2001:DB8::1', '']);
      expect(area.label).to.equal(strings.allowedIps.label);
      expect(helpText(area)).to.equal(strings.allowedIps.help);
      await expectAccessible(form);
      await submitByClick(form);
      await until(() => created.length > 0, 'pat-created', WAIT);
      expect(writes.map((request) => `${request.method} ${request.path}`)).to.deep.equal(['POST /api/pats']);
      expect(((await writes[0]!.body) as { allowed_ips: string[] }).allowed_ips).to.deep.equal(['203.0.113.9/24', '2001:DB8::1']);
      // The server keeps them normalized.
      const { pat } = created[0]!.detail;
      expect(pat.allowed_ips).to.deep.equal(['203.0.113.0/24', '2001:db8::1']);
      expect(store.get('alice', pat.id).allowed_ips).to.deep.equal(['203.0.113.0/24', '2001:db8::1']);
    });

    it('a field left empty (or only blank lines) sends no allowed_ips: any address', async () => {
      const form = await mountForm();
      const created = record(form, 'pat-created');
      await fillEverything(form);
      await typeAddresses(form, ['   ', '']);
      await submitByClick(form);
      await until(() => created.length > 0, 'pat-created', WAIT);
      expect(Object.keys((await writes[0]!.body) as object)).to.deep.equal(['name', 'description', 'duration', 'scopes']);
      expect(created[0]!.detail.pat.allowed_ips).to.deep.equal([]);
    });

    it('an address the server refuses is shown on the field, naming its line; nothing typed is lost; fixing it creates the token', async () => {
      const form = await mountForm();
      const created = record(form, 'pat-created');
      const errors = record(form, 'pat-error');
      await fillEverything(form);
      const area = await typeAddresses(form, ['203.0.113.0/24', '', '10.0.0.300', '2001:db8::1']);
      const before = { ...shown(form), addresses: area.value };
      await submitByClick(form);
      await until(() => errors.length > 0, 'pat-error', WAIT);
      await form.updateComplete;

      expect(errors[0]!.detail.error.details).to.deep.equal([
        { field: 'allowed_ips[1]', message: 'must be an IPv4 or IPv6 address, or a CIDR range such as 203.0.113.0/24 or 2001:db8::/32' },
      ]);
      expect(created).to.have.length(0);
      expect(helpText(area)).to.equal(
        'Line 3 (“10.0.0.300”) must be an IPv4 or IPv6 address, or a CIDR range such as 203.0.113.0/24 or 2001:db8::/32.',
      );
      expect(area.hasAttribute('data-error')).to.equal(true);
      expect(area.getAttribute('aria-invalid')).to.equal('true');
      expect(helpText(nameInput(form)), 'the name is fine').to.equal(strings.create.nameHelp);
      expect(alertText(form)).to.equal(strings.create.fixErrors);
      expect({ ...shown(form), addresses: area.value }, 'nothing typed is lost').to.deep.equal(before);
      await until(() => root(form).activeElement === area, 'focus on the address field', WAIT);
      await expectAccessible(form);

      // Editing clears the error (and the form's alert); the fixed list goes through.
      await replaceText('203.0.113.0/24\n10.0.0.30');
      await form.updateComplete;
      expect(helpText(area)).to.equal(strings.allowedIps.help);
      expect(area.hasAttribute('data-error')).to.equal(false);
      await until(() => alert(form) === null, 'the alert to go', WAIT);
      await submitByClick(form);
      await until(() => created.length > 0, 'pat-created', WAIT);
      expect(created[0]!.detail.pat.allowed_ips).to.deep.equal(['203.0.113.0/24', '10.0.0.30']);
    });

    it('an error about the whole list names the field; several refused lines are each named', async () => {
      const form = await mountForm(html`<pat-create-form name="Too many"></pat-create-form>`);
      const errors = record(form, 'pat-error');
      await fillRow(form, 0, { type: 'clients', operations: ['read'] });
      // Prefilled (a property): the field shows at once. One more than the server takes.
      form.allowedIps = Array.from({ length: 51 }, (_, i) => `10.0.0.${i + 1}`);
      await until(() => allowedIpsArea(form), 'the address field', WAIT);
      await submitByClick(form);
      await until(() => errors.length === 1, 'pat-error', WAIT);
      await form.updateComplete;
      expect(helpText(allowedIpsArea(form)!)).to.equal('Allowed IP addresses may hold at most 50 addresses or ranges.');
      expect(alertText(form)).to.equal(strings.create.fixErrors);

      allowedIpsArea(form)!.focus();
      await replaceText('bad\n10.0.0.1\nworse/99');
      await submitByClick(form);
      await until(() => errors.length === 2, 'the second pat-error', WAIT);
      await form.updateComplete;
      const problem = 'must be an IPv4 or IPv6 address, or a CIDR range such as 203.0.113.0/24 or 2001:db8::/32.';
      expect(helpText(allowedIpsArea(form)!)).to.equal(`Line 1 (“bad”) ${problem} Line 3 (“worse/99”) ${problem}`);
    });

    it('with a client without allowlists (a host’s own, the SuperMQ one): no field, and no allowed_ips sent', async () => {
      const form = await mount<PatCreateForm>(html`<pat-create-form name="No list" allowed-ips="203.0.113.0/24"></pat-create-form>`, {
        client: basicClient(),
      });
      const created = record(form, 'pat-created');
      await until(() => rows(form).length > 0 && typeSelect(row(form, 0)).querySelectorAll('sl-option').length > 0, 'the catalog', WAIT);
      expect(allowedIpsArea(form)).to.equal(null);
      expect(showAllowedIpsButton(form)).to.equal(null);
      expect(root(form).querySelector('[part="allowed-ips"]')).to.equal(null);
      await fillRow(form, 0, { type: 'clients', operations: ['read'] });
      await submitByClick(form);
      await until(() => created.length > 0, 'pat-created', WAIT);
      expect(Object.keys((await writes[0]!.body) as object)).to.not.include('allowed_ips');
      expect(store.get('alice', created[0]!.detail.pat.id).allowed_ips).to.deep.equal([]);
    });
  });

  describe('expire when unused (idle limit)', () => {
    /** Mounts a form on the current mock server and waits for its idle limits. */
    async function mountIdleForm(template = html`<pat-create-form></pat-create-form>`, options = {}): Promise<PatCreateForm> {
      const form = await mount<PatCreateForm>(template, options);
      await until(() => picker(form)?.value && idleSelect(form) && rows(form).length > 0, 'the catalog', WAIT);
      await form.updateComplete;
      return form;
    }

    /** Names the token and fills its one scope row, ready to create. */
    async function fillMinimal(form: PatCreateForm, name: string): Promise<void> {
      await typeInto(nameInput(form), name);
      await fillRow(form, 0, { type: 'clients', operations: ['read'] });
    }

    it('on a server without an idle limit: Never first and chosen, then 30, 60 and 90 days, labelled and explained; Never sends no max_idle', async () => {
      const form = await mountIdleForm();
      const created = record(form, 'pat-created');
      const select = idleSelect(form)!;
      expect(select.label).to.equal('Expire when unused for');
      expect(select.label).to.equal(strings.idle.label);
      expect(select.helpText).to.equal('A token unused this long stops working; each use restarts the clock.');
      expect(idleChoices(form)).to.deep.equal([
        ['never', 'Never'],
        ['30d', '30 days'],
        ['60d', '60 days'],
        ['90d', '90 days'],
      ]);
      expect(select.value).to.equal('never');
      // Between the expiry and the description.
      expect(picker(form).nextElementSibling === select && select.nextElementSibling === descriptionArea(form)).to.equal(true);
      await expectAccessible(form);
      await fillMinimal(form, 'No idle limit');
      await submitByClick(form);
      await until(() => created.length > 0, 'pat-created', WAIT);
      expect(Object.keys((await writes[0]!.body) as object)).to.not.include('max_idle');
      expect(created[0]!.detail.pat).to.include({ max_idle: null, idle_expires_at: null });
    });

    it('choosing 60 days sends max_idle: "60d"; the token expires 60 days after its last use unless used', async () => {
      const form = await mountIdleForm();
      const created = record(form, 'pat-created');
      await fillMinimal(form, 'Sixty days idle');
      await chooseOne(presetSelect(form), '90d');
      await chooseIdle(form, '60d');
      expect(form.maxIdle).to.equal('60d');
      await submitByClick(form);
      await until(() => created.length > 0, 'pat-created', WAIT);
      expect(((await writes[0]!.body) as { max_idle?: string }).max_idle).to.equal('60d');
      const { pat } = created[0]!.detail;
      expect(pat.max_idle).to.equal('60d');
      expect(Date.parse(pat.idle_expires_at!) - Date.parse(pat.issued_at)).to.equal(60 * DAY);
      expect(store.get('alice', pat.id).max_idle).to.equal('60d');
    });

    it('on a server with an idle limit (90 days): it starts there, offers no Never and nothing longer; kept, the server gives it; 30 days is sent', async () => {
      await useMockApi('default', { maxIdle: '90d' });
      const form = await mountIdleForm();
      const created = record(form, 'pat-created');
      expect(idleChoices(form)).to.deep.equal([
        ['30d', '30 days'],
        ['60d', '60 days'],
        ['90d', '90 days'],
      ]);
      expect(idleSelect(form)!.value).to.equal('90d');
      await fillMinimal(form, 'Server limit');
      await submitByClick(form);
      await until(() => created.length === 1, 'pat-created', WAIT);
      expect(Object.keys((await writes[0]!.body) as object), 'the server’s own limit is its default').to.not.include('max_idle');
      expect(created[0]!.detail.pat.max_idle).to.equal('90d');

      const second = await mountIdleForm();
      const again = record(second, 'pat-created');
      await fillMinimal(second, 'Thirty days idle');
      await chooseIdle(second, '30d');
      await submitByClick(second);
      await until(() => again.length === 1, 'the second pat-created', WAIT);
      expect(((await writes[1]!.body) as { max_idle?: string }).max_idle).to.equal('30d');
      expect(again[0]!.detail.pat.max_idle).to.equal('30d');
    });

    it('offers only what the server takes: none longer than its idle limit nor its longest lifetime, its own limit among them', async () => {
      await useMockApi('default', { maxIdle: '45d', maxLifetime: '60d' });
      const form = await mountIdleForm();
      expect(idleChoices(form)).to.deep.equal([
        ['30d', '30 days'],
        ['45d', '45 days'],
      ]);
      expect(idleSelect(form)!.value).to.equal('45d');
      await useMockApi('default', { maxLifetime: '45d' });
      const short = await mountIdleForm();
      expect(idleChoices(short)).to.deep.equal([
        ['never', 'Never'],
        ['30d', '30 days'],
      ]);
    });

    it('max-idle starts with a limit, one no preset has too (a copy’s); one the server would refuse starts with its default', async () => {
      const form = await mountIdleForm(html`<pat-create-form max-idle="45d"></pat-create-form>`);
      const created = record(form, 'pat-created');
      expect(idleChoices(form).map(([value]) => value)).to.deep.equal(['never', '30d', '45d', '60d', '90d']);
      expect(idleSelect(form)!.value).to.equal('45d');
      await fillMinimal(form, 'Copy with 45 days');
      await submitByClick(form);
      await until(() => created.length > 0, 'pat-created', WAIT);
      expect(((await writes[0]!.body) as { max_idle?: string }).max_idle).to.equal('45d');

      await useMockApi('default', { maxIdle: '30d' });
      const refused = await mountIdleForm(html`<pat-create-form max-idle="60d"></pat-create-form>`);
      expect(idleChoices(refused).map(([value]) => value)).to.deep.equal(['30d']);
      expect(idleSelect(refused)!.value).to.equal('30d');
      const tooShort = await mountIdleForm(html`<pat-create-form max-idle="12h"></pat-create-form>`);
      expect(idleSelect(tooShort)!.value, 'less than a day').to.equal('30d');
    });

    it('the server’s word on max_idle shows on the field, which takes the focus; changing it clears it', async () => {
      worker.use(
        http.post('/api/pats', () =>
          HttpResponse.json(
            {
              error: 'validation_failed',
              message: 'Invalid request: max_idle must be at most 30d (the server’s maximum idle time).',
              details: [{ field: 'max_idle', message: 'must be at most 30d (the server’s maximum idle time)' }],
            },
            { status: 400 },
          ),
        ),
      );
      const form = await mountIdleForm();
      const errors = record(form, 'pat-error');
      await fillMinimal(form, 'Refused limit');
      await chooseIdle(form, '60d');
      await submitByClick(form);
      await until(() => errors.length > 0, 'pat-error', WAIT);
      await form.updateComplete;
      const select = idleSelect(form)!;
      expect(select.helpText).to.equal('Idle limit must be at most 30d (the server’s maximum idle time).');
      expect(select.hasAttribute('data-error')).to.equal(true);
      expect(select.getAttribute('aria-invalid')).to.equal('true');
      expect(alertText(form), 'placed on its field, not in the alert').to.equal(strings.create.fixErrors);
      expect(select.value, 'the choice is kept').to.equal('60d');
      await until(() => root(form).activeElement === select, 'focus on the idle limit', WAIT);
      await expectAccessible(form);

      worker.resetHandlers();
      await chooseIdle(form, '30d');
      await form.updateComplete;
      expect(select.helpText).to.equal(strings.idle.help);
      expect(select.hasAttribute('data-error')).to.equal(false);
      await until(() => alert(form) === null, 'the alert to go', WAIT);
    });

    it('in German and Arabic: its label, help and choices in the language', async () => {
      for (const [lang, words, never, thirty] of [
        ['de', de, 'Nie', '30 Tage'],
        ['ar', ar, 'أبدًا', new Intl.NumberFormat('ar', { style: 'unit', unit: 'day', unitDisplay: 'long' }).format(30)],
      ] as const) {
        await loadPatTranslation(lang);
        const wrapper = await mount<HTMLElement>(
          html`<div lang=${lang} dir=${lang === 'ar' ? 'rtl' : 'ltr'}><pat-create-form></pat-create-form></div>`,
        );
        const form = wrapper.querySelector<PatCreateForm>('pat-create-form')!;
        await until(() => idleSelect(form), 'the idle limits', WAIT);
        await form.updateComplete;
        expect(idleSelect(form)!.label, lang).to.equal(words.idle.label);
        expect(idleSelect(form)!.helpText, lang).to.equal(words.idle.help);
        expect(idleChoices(form).slice(0, 2), lang).to.deep.equal([
          ['never', never],
          ['30d', thirty],
        ]);
      }
      expect(de.idle.label).to.equal('Ablaufen, wenn ungenutzt für');
    });

    it('with a client whose backend has no idle expiry (no max_idle in its catalog, as the SuperMQ one): no field, no max_idle sent', async () => {
      const http = new HttpPatApi({ baseUrl: '/api', token: mockTokenFor('alice') });
      const client: PatApi = {
        ...basicClient(),
        getCatalog: async () => {
          const { max_idle: _, ...catalog } = await http.getCatalog();
          return catalog;
        },
      };
      const form = await mount<PatCreateForm>(html`<pat-create-form name="No idle" max-idle="30d"></pat-create-form>`, { client });
      const created = record(form, 'pat-created');
      await until(() => picker(form)?.value && typeSelect(row(form, 0))?.querySelectorAll('sl-option').length, 'the catalog', WAIT);
      await form.updateComplete;
      expect(idleSelect(form)).to.equal(null);
      expect(root(form).querySelector('[part="max-idle"], .catalog-error')).to.equal(null);
      await fillRow(form, 0, { type: 'clients', operations: ['read'] });
      await submitByClick(form);
      await until(() => created.length > 0, 'pat-created', WAIT);
      expect(Object.keys((await writes[0]!.body) as object)).to.not.include('max_idle');
    });
  });

  describe('a token without scopes', () => {
    /** A form with a name, 7 days and a description typed, and every scope row removed. */
    async function withoutScopes(name: string) {
      const form = await mountForm();
      const created = record(form, 'pat-created');
      await typeInto(nameInput(form), name);
      await chooseOne(presetSelect(form), '7d');
      await typeInto(descriptionArea(form), 'Scopes come later');
      await removeEveryRow(form);
      return { form, created };
    }

    it('Create asks first (no request yet); "Create without scopes" sends one POST with scopes: [], then pat-created', async () => {
      const { form: asked, created } = await withoutScopes('No scopes yet');
      expect(text(editor(asked).shadowRoot!.querySelector('.empty'))).to.equal(strings.scopes.none);
      expect(confirmDialog(asked), 'no dialog until the form needs one').to.equal(null);
      await submitAndAsk(asked);
      await elapse(300, 'nothing may be sent while the form asks');
      expect(writes, 'nothing sent while it asks').to.have.length(0);
      expect(created).to.have.length(0);
      expect(alert(asked), 'a valid form shows no alert').to.equal(null);

      const { dialog, message, confirm, cancel } = dialogParts(asked);
      expect(dialog.open).to.equal(true);
      expect(dialog.label).to.equal(strings.create.noScopesTitle);
      expect(text(dialog.shadowRoot!.querySelector('[part~="title"]'))).to.equal('Create a token with no scopes?');
      expect(text(message)).to.equal(strings.create.noScopesText);
      expect(text(confirm)).to.equal(strings.create.noScopesConfirm);
      expect(text(confirm)).to.equal('Create without scopes');
      expect(confirm.variant, 'it only needs a second look: primary, not danger').to.equal('primary');
      expect(text(cancel)).to.equal(strings.cancel);
      expect(composedContains(dialog, deepActive()), 'focus is in the dialog').to.equal(true);
      await expectAccessible(asked);

      await click(confirm);
      await until(() => created.length > 0, 'pat-created', WAIT);
      expect(writes.map((request) => `${request.method} ${request.path}`)).to.deep.equal(['POST /api/pats']);
      expect(await writes[0]!.body).to.deep.equal({ name: 'No scopes yet', description: 'Scopes come later', duration: '7d', scopes: [] });
      expect(created).to.have.length(1);
      const { pat } = created[0]!.detail;
      expect(pat).to.include({ name: 'No scopes yet', scopes_count: 0 });
      expect(store.get('alice', pat.id).scopes_count).to.equal(0);
      await dialogClosed(asked);
      await elapse(300, 'Create without scopes must send exactly one POST');
      expect(writes).to.have.length(1);
    });

    for (const how of ['Cancel', 'Escape'] as const) {
      it(`${how} sends nothing: focus back on Create, nothing typed lost, and Create asks again`, async () => {
        const { form, created } = await withoutScopes(`Closed with ${how}`);
        const before = shown(form);
        await submitAndAsk(form);
        const first = confirmDialog(form);
        if (how === 'Cancel') await click(dialogParts(form).cancel);
        else await sendKeys({ press: 'Escape' });
        await dialogClosed(form);
        await elapse(300, `${how} must send no request`);
        expect(writes, 'nothing sent').to.have.length(0);
        expect(created).to.have.length(0);
        expectSame(root(form).activeElement, submitButton(form), `focus after ${how}`);
        expect(shown(form), 'nothing typed is lost').to.deep.equal(before);
        expect(alert(form), 'no alert: nothing was wrong').to.equal(null);
        expect(submitButton(form).loading).to.equal(false);

        // Enter on Create (where focus is) asks again, in the same dialog; this time the answer is yes.
        await submitAndAsk(form, () => sendKeys({ press: 'Enter' }));
        expectSame(confirmDialog(form), first, 'the dialog rendered on first need');
        expect(root(form).querySelectorAll('pat-confirm-dialog')).to.have.length(1);
        expect(writes).to.have.length(0);
        await click(dialogParts(form).confirm);
        await until(() => created.length > 0, 'pat-created', WAIT);
        expect(writes).to.have.length(1);
        expect(await writes[0]!.body).to.deep.equal({
          name: `Closed with ${how}`,
          description: 'Scopes come later',
          duration: '7d',
          scopes: [],
        });
      });
    }

    it('after Cancel, a scope added instead creates the token without asking', async () => {
      const { form, created } = await withoutScopes('Scoped after all');
      await submitAndAsk(form);
      await click(dialogParts(form).cancel);
      await dialogClosed(form);
      await click(addRowButton(form));
      await until(() => rows(form).length === 1, 'a new scope row', WAIT);
      await fillRow(form, 0, { type: 'users', operations: ['read'] });
      const shows = dialogEvents(form, 'sl-show');
      await submitByClick(form);
      await until(() => created.length > 0, 'pat-created', WAIT);
      expect(shows, 'it did not ask').to.have.length(0);
      expect(dialogParts(form).dialog.open).to.equal(false);
      expect(writes).to.have.length(1);
      expect(((await writes[0]!.body) as { scopes: ScopeInput[] }).scopes).to.deep.equal([
        { entity_type: 'users', operation: 'read', entity_id: '*', domain_id: null },
      ]);
    });

    it('a second submit while it asks does nothing: the dialog stays open, one POST once confirmed', async () => {
      const { form, created } = await withoutScopes('Asked once');
      const submits: Event[] = [];
      root(form)
        .querySelector('form')!
        .addEventListener('submit', (event) => submits.push(event));
      const shows = dialogEvents(form, 'sl-show');
      const hides = dialogEvents(form, 'sl-hide');
      // Enter twice quickly in the name field.
      nameInput(form).focus();
      await submitAndAsk(form, async () => {
        await sendKeys({ press: 'Enter' });
        await sendKeys({ press: 'Enter' });
      });
      // The pointer cannot reach Create behind the dialog…
      const box = submitButton(form).getBoundingClientRect();
      expect(composedContains(submitButton(form), deepElementAt(box.x + box.width / 2, box.y + box.height / 2))).to.equal(false);
      // …but a submit can still come (a host's script, implicit submission): it must change nothing.
      root(form).querySelector('form')!.requestSubmit();
      await elapse(400, 'a second submit while the form asks must send nothing and must not close or reopen the dialog');
      expect(submits.length, 'the form was submitted again while it asked').to.be.at.least(2);
      expect(writes, 'nothing sent').to.have.length(0);
      expect(dialogParts(form).dialog.open).to.equal(true);
      expect([shows.length, hides.length], 'shown once, never hidden').to.deep.equal([1, 0]);
      expect(created).to.have.length(0);

      await click(dialogParts(form).confirm);
      await until(() => created.length > 0, 'pat-created', WAIT);
      await dialogClosed(form);
      await elapse(300, 'one confirmation must send exactly one POST');
      expect(writes, 'exactly one POST').to.have.length(1);
      expect(created).to.have.length(1);
      expect(((await writes[0]!.body) as { scopes: unknown[] }).scopes).to.deep.equal([]);
    });

    it('a blank name is flagged first: nothing asks until the form is valid', async () => {
      const form = await mountForm();
      await removeEveryRow(form);
      await submitByClick(form);
      await until(() => alert(form), 'the form alert', WAIT);
      expect(alertText(form)).to.equal(strings.create.fixErrors);
      expect(helpText(nameInput(form))).to.equal(strings.detail.nameRequired);
      await elapse(300, 'an invalid form must not ask and must send nothing');
      expect(confirmDialog(form), 'no dialog for an invalid form').to.equal(null);
      expect(writes).to.have.length(0);
      // Named, the form is valid: now it asks.
      await typeInto(nameInput(form), 'Named');
      await until(() => !alert(form), 'the alert to go', WAIT);
      await submitAndAsk(form);
      expect(dialogParts(form).dialog.open).to.equal(true);
      await click(dialogParts(form).cancel);
      await dialogClosed(form);
      expect(writes).to.have.length(0);
    });
  });
});
