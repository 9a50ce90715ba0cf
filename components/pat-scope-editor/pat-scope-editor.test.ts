import { expect, html } from '@open-wc/testing';
import { resetMouse, sendKeys } from '@web/test-runner-commands';
import { delay, http } from 'msw';
import type { SetupWorker } from 'msw/browser';
import type SlIconButton from '@shoelace-style/shoelace/dist/components/icon-button/icon-button.js';
import type SlInput from '@shoelace-style/shoelace/dist/components/input/input.js';
import type SlRadioGroup from '@shoelace-style/shoelace/dist/components/radio-group/radio-group.js';
import type SlSelect from '@shoelace-style/shoelace/dist/components/select/select.js';
import { DEFAULT_CATALOG, LIMITS, type ScopeInput } from '../../contract/index.js';
import { mockTokenFor, type MockStore } from '../../mocks/index.js';
import { expectAccessible, expectSame, mount, until, useMockApi } from '../../testing/fixture.js';
import { deepActive, drawnAt, nextEvent, text } from '../../testing/dom.js';
import { chooseMany, chooseOne, click, elapse, nextTask, openSelect, record, typeInto } from '../../testing/input.js';
import { strings } from '../i18n/strings.js';
import './pat-scope-editor.js';
import type { EntityOption, PatScopeEditor } from './pat-scope-editor.component.js';

const WAIT = 8000;

// ---------------------------------------------------------------------------------------------
// Helpers

const root = (editor: PatScopeEditor) => editor.shadowRoot!;
const rows = (editor: PatScopeEditor) => [...root(editor).querySelectorAll<HTMLFieldSetElement>('fieldset[part="row"]')];
function row(editor: PatScopeEditor, index: number): HTMLFieldSetElement {
  const found = rows(editor)[index];
  if (!found) throw new Error(`no row ${index + 1} (there are ${rows(editor).length})`);
  return found;
}
const typeSelect = (fieldset: Element) => fieldset.querySelector<SlSelect>('sl-select:not([multiple])')!;
const operationsSelect = (fieldset: Element) => fieldset.querySelector<SlSelect>('sl-select[multiple]')!;
const modeGroup = (fieldset: Element) => fieldset.querySelector<SlRadioGroup>('sl-radio-group')!;
const modeButton = (fieldset: Element, mode: 'all' | 'some') => fieldset.querySelector<HTMLElement>(`sl-radio-button[value="${mode}"]`)!;
/** The entity ids field: the plain sl-input, or (with a lookup) the combobox's native input. */
const idsInput = (fieldset: Element): SlInput | HTMLInputElement | undefined =>
  [...fieldset.querySelectorAll<SlInput>('sl-input')].find((input) => input.label === strings.scopes.entityIds) ??
  fieldset.querySelector<HTMLInputElement>('input[role="combobox"]') ??
  undefined;
const combobox = (fieldset: Element) => {
  const input = fieldset.querySelector<HTMLInputElement>('input[role="combobox"]');
  if (!input) throw new Error('no combobox in this row');
  return input;
};
/** The element an IDREF attribute of `element` names, looked up where ARIA looks: its own root. */
const referenced = (element: Element, attribute: string) => {
  const id = element.getAttribute(attribute);
  return id ? (element.getRootNode() as ShadowRoot).getElementById(id) : null;
};
/** The options of the listbox the row's combobox controls (the selects' sl-options have that role too). */
const suggestions = (fieldset: Element): HTMLElement[] => {
  const input = fieldset.querySelector('input[role="combobox"]');
  const list = input && referenced(input, 'aria-controls');
  return list ? [...list.querySelectorAll<HTMLElement>('[role="option"]')] : [];
};
const liveRegion = (editor: PatScopeEditor) => root(editor).querySelector<HTMLElement>('[aria-live="polite"]');
const domainInput = (fieldset: Element) =>
  [...fieldset.querySelectorAll<SlInput>('sl-input')].find((input) => input.label === strings.scopes.domain)!;
const trash = (fieldset: Element) => fieldset.querySelector<SlIconButton>('sl-icon-button.remove')!;
const tags = (fieldset: Element) => [...fieldset.querySelectorAll<HTMLElement>('.ids sl-tag')];
const rowErrors = (fieldset: Element) => [...fieldset.querySelectorAll('.row-errors li')].map((item) => text(item));
const addButton = (editor: PatScopeEditor) => root(editor).querySelector<HTMLElement>('sl-button.add')!;
const optionValues = (select: SlSelect) => [...select.querySelectorAll('sl-option')].map((option) => option.getAttribute('value'));

/** The Entity choices shown as checked, as assistive technology is told (aria-checked of each radio). */
const checkedModes = (fieldset: Element) =>
  (['all', 'some'] as const).filter(
    (mode) => modeButton(fieldset, mode).shadowRoot!.querySelector('[role="radio"]')!.getAttribute('aria-checked') === 'true',
  );

/**
 * Fills a row with real clicks and keys: type, operations, the entity (a click on All, or on
 * Specific and the ids; none with `entity: 'unchosen'`) and domain.
 */
async function fillRow(
  editor: PatScopeEditor,
  index: number,
  scope: { type: string; operations: string[]; ids?: string[]; entity?: 'unchosen'; domain?: string },
): Promise<void> {
  const fieldset = row(editor, index);
  await chooseOne(typeSelect(fieldset), scope.type);
  await editor.updateComplete;
  await chooseMany(operationsSelect(row(editor, index)), scope.operations);
  if (scope.ids) {
    await click(modeButton(row(editor, index), 'some'));
    await until(() => idsInput(row(editor, index)), 'the ids field', WAIT);
    for (const id of scope.ids) {
      await typeInto(idsInput(row(editor, index))!, id);
      await sendKeys({ press: 'Enter' });
      await until(() => tags(row(editor, index)).some((tag) => tag.title === id), `tag ${id}`, WAIT);
    }
  } else if (scope.entity !== 'unchosen') {
    // All is never a default: it is picked, like any other choice.
    await click(modeButton(row(editor, index), 'all'));
    await until(() => modeGroup(row(editor, index)).value === 'all', 'All chosen', WAIT);
  }
  if (scope.domain !== undefined) {
    await typeInto(domainInput(row(editor, index)), scope.domain);
    await sendKeys({ press: 'Tab' });
    await until(() => editor.scopes.some((scope_) => scope_.domain_id === scope.domain), 'the domain', WAIT);
  }
  await editor.updateComplete;
}

/** Mounts an editor and waits for the catalog (its first row's type options). */
async function mountEditor(template = html`<pat-scope-editor start-with-row></pat-scope-editor>`): Promise<PatScopeEditor> {
  const editor = await mount<PatScopeEditor>(template);
  await until(() => rows(editor).length === 0 || typeSelect(row(editor, 0)).querySelectorAll('sl-option').length > 0, 'the catalog', WAIT);
  await editor.updateComplete;
  return editor;
}

/** Which control of the editor has focus, as a short name. */
function focusedControl(editor: PatScopeEditor): string {
  // Climb from the deepest focused node to the editor's own shadow root.
  let node: Element | null = deepActive();
  while (node && node.getRootNode() !== root(editor)) {
    const host = (node.getRootNode() as ShadowRoot).host;
    node = host ?? null;
  }
  if (!node) return `outside:${document.activeElement?.tagName.toLowerCase()}`;
  const fieldset = node.closest('fieldset');
  const at = fieldset ? `row${rows(editor).indexOf(fieldset as HTMLFieldSetElement) + 1}:` : '';
  if (node.matches('sl-select[multiple]')) return `${at}operations`;
  if (node.matches('sl-select')) return `${at}type`;
  if (node.matches('sl-radio-button')) return `${at}mode-${node.getAttribute('value')}`;
  if (node.matches('sl-input')) return `${at}${(node as SlInput).label === strings.scopes.domain ? 'domain' : 'ids'}`;
  if (node.matches('input[role="combobox"]')) return `${at}ids`;
  if (node.matches('sl-icon-button.remove-id')) return `${at}remove-id-${node.closest('sl-tag')!.title}`;
  if (node.matches('sl-icon-button.remove')) return `${at}remove-row`;
  if (node.matches('sl-button.add')) return 'add';
  if (node.matches('[role="option"], [role="listbox"]')) return `${at}suggestion`;
  return `${at}${node.tagName.toLowerCase()}`;
}

async function createWithScopes(scopes: ScopeInput[]): Promise<{ status: number; body: any }> {
  const response = await fetch('/api/pats', {
    method: 'POST',
    headers: { authorization: `Bearer ${mockTokenFor('alice')}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: `Scoped ${Math.random()}`, duration: '7d', scopes }),
  });
  return { status: response.status, body: await response.json() };
}

// ---------------------------------------------------------------------------------------------

describe('<pat-scope-editor>', () => {
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

  describe('the catalog', () => {
    it('offers the entity types of GET /pats/catalog', async () => {
      const paths: string[] = [];
      worker.events.on('request:start', ({ request }) => {
        const { pathname } = new URL(request.url);
        if (pathname.startsWith('/api/')) paths.push(pathname);
      });
      const editor = await mountEditor();
      const select = typeSelect(row(editor, 0));
      expect(optionValues(select)).to.deep.equal(store.catalog.entity_types.map((type) => type.type));
      expect([...select.querySelectorAll('sl-option')].map((option) => text(option))).to.deep.equal(
        store.catalog.entity_types.map((type) => type.label),
      );
      expect(paths).to.deep.equal(['/api/pats/catalog']);
    });

    it('offers each type’s operations from the catalog: domains has no create, messages only publish/subscribe', async () => {
      const editor = await mountEditor();
      for (const entry of store.catalog.entity_types) {
        await chooseOne(typeSelect(row(editor, 0)), entry.type);
        await editor.updateComplete;
        expect(optionValues(operationsSelect(row(editor, 0))), entry.type).to.deep.equal(entry.operations);
      }
      await chooseOne(typeSelect(row(editor, 0)), 'domains');
      await editor.updateComplete;
      expect(optionValues(operationsSelect(row(editor, 0)))).to.deep.equal(['read', 'list', 'update', 'delete', 'share', 'unshare']);
      await chooseOne(typeSelect(row(editor, 0)), 'messages');
      await editor.updateComplete;
      expect(optionValues(operationsSelect(row(editor, 0)))).to.deep.equal(['publish', 'subscribe']);
    });

    it('follows a host catalog: other types, other operations', async () => {
      ({ worker, store } = await useMockApi('default', {
        catalog: {
          entity_types: [
            { type: 'reports', label: 'Reports', operations: ['read', 'list'] },
            { type: 'rules', label: 'Rules', operations: ['update'] },
          ],
        },
      }));
      const editor = await mountEditor();
      expect(optionValues(typeSelect(row(editor, 0)))).to.deep.equal(['reports', 'rules']);
      await chooseOne(typeSelect(row(editor, 0)), 'reports');
      await editor.updateComplete;
      expect(optionValues(operationsSelect(row(editor, 0)))).to.deep.equal(['read', 'list']);
    });

    it('changing the type keeps only the operations the new type allows', async () => {
      const editor = await mountEditor();
      await fillRow(editor, 0, { type: 'clients', operations: ['create', 'read'] });
      await chooseOne(typeSelect(row(editor, 0)), 'domains');
      await editor.updateComplete;
      expect(operationsSelect(row(editor, 0)).value).to.deep.equal(['read']);
      expect(editor.scopes).to.deep.equal([{ entity_type: 'domains', operation: 'read', entity_id: '*', domain_id: null }]);
    });
  });

  describe('building scopes', () => {
    it('operations are disabled until a type is chosen', async () => {
      const editor = await mountEditor();
      const select = operationsSelect(row(editor, 0));
      expect(select.disabled).to.equal(true);
      expect(optionValues(select)).to.deep.equal([]);
      // A click on it does nothing.
      await click(select);
      await elapse(300, 'a click on the disabled operations select must not open it');
      expect(select.open).to.equal(false);
      await chooseOne(typeSelect(row(editor, 0)), 'channels');
      await editor.updateComplete;
      expect(operationsSelect(row(editor, 0)).disabled).to.equal(false);
    });

    it('several operations and several ids expand to one scope per pair', async () => {
      const editor = await mountEditor();
      await fillRow(editor, 0, { type: 'clients', operations: ['read', 'update'], ids: ['c-1', 'c-2', 'c-3'] });
      expect(tags(row(editor, 0)).map((tag) => text(tag))).to.deep.equal(['c-1', 'c-2', 'c-3']);
      const expected = ['read', 'update'].flatMap((operation) =>
        ['c-1', 'c-2', 'c-3'].map((entity_id) => ({ entity_type: 'clients', operation, entity_id, domain_id: null })),
      );
      expect(editor.scopes).to.have.length(6);
      expect(editor.scopes).to.have.deep.members(expected);
      expect(editor.validate()).to.equal(true);
      // The API takes them as they are.
      const created = await createWithScopes(editor.scopes);
      expect(created.status, JSON.stringify(created.body)).to.equal(201);
      expect(store.get('alice', created.body.id).scopes_count).to.equal(6);
    });

    it('several ids can be pasted at once, separated by commas or spaces, without duplicates', async () => {
      const editor = await mountEditor();
      await fillRow(editor, 0, { type: 'channels', operations: ['read'], ids: [] });
      await typeInto(idsInput(row(editor, 0))!, 'ch-1, ch-2 ch-1');
      await sendKeys({ press: 'Enter' });
      await until(() => tags(row(editor, 0)).length === 2, 'two tags', WAIT);
      expect(editor.scopes.map((scope) => scope.entity_id)).to.deep.equal(['ch-1', 'ch-2']);
      // Removing a tag removes its scopes; its button says which.
      const remove = tags(row(editor, 0))[0]!.querySelector<SlIconButton>('sl-icon-button.remove-id')!;
      expect(remove.label).to.equal(strings.scopes.removeId('ch-1'));
      await click(remove);
      await until(() => tags(row(editor, 0)).length === 1, 'one tag left', WAIT);
      expect(editor.scopes.map((scope) => scope.entity_id)).to.deep.equal(['ch-2']);
      await until(() => focusedControl(editor) === 'row1:ids', 'focus back in the ids field', WAIT);
    });

    it('All gives entity_id "*"; an empty domain gives domain_id null, a domain its id', async () => {
      const editor = await mountEditor();
      await fillRow(editor, 0, { type: 'channels', operations: ['list'] });
      expect(modeGroup(row(editor, 0)).value).to.equal('all');
      expect(checkedModes(row(editor, 0))).to.deep.equal(['all']);
      expect(idsInput(row(editor, 0)), 'no ids field for All').to.equal(undefined);
      expect(editor.scopes).to.deep.equal([{ entity_type: 'channels', operation: 'list', entity_id: '*', domain_id: null }]);

      await typeInto(domainInput(row(editor, 0)), 'd-prod-eu');
      await sendKeys({ press: 'Tab' });
      await until(() => editor.scopes[0]?.domain_id === 'd-prod-eu', 'the domain', WAIT);
      expect(editor.scopes).to.deep.equal([{ entity_type: 'channels', operation: 'list', entity_id: '*', domain_id: 'd-prod-eu' }]);

      // Emptying the domain again means any domain.
      domainInput(row(editor, 0)).focus();
      await sendKeys({ press: 'Control+a' });
      await sendKeys({ press: 'Backspace' });
      await sendKeys({ press: 'Tab' });
      await until(() => editor.scopes[0]?.domain_id === null, 'no domain', WAIT);

      // Specific ids, then All again: the ids no longer count.
      await click(modeButton(row(editor, 0), 'some'));
      await until(() => idsInput(row(editor, 0)), 'the ids field', WAIT);
      await typeInto(idsInput(row(editor, 0))!, 'ch-9');
      await sendKeys({ press: 'Enter' });
      await until(() => editor.scopes[0]?.entity_id === 'ch-9', 'a specific id', WAIT);
      await click(modeButton(row(editor, 0), 'all'));
      await until(() => editor.scopes[0]?.entity_id === '*', 'All again', WAIT);
      expect(editor.scopes).to.have.length(1);
    });

    it('a specific entity with no id is not a scope yet, and validate() asks for an id', async () => {
      const editor = await mountEditor();
      await fillRow(editor, 0, { type: 'clients', operations: ['read'], ids: [] });
      expect(checkedModes(row(editor, 0))).to.deep.equal(['some']);
      expect(editor.scopes).to.deep.equal([]);
      expect(editor.validate()).to.equal(false);
      await editor.updateComplete;
      expect(rowErrors(row(editor, 0))).to.deep.equal([strings.scopes.needIds]);
      await typeInto(idsInput(row(editor, 0))!, 'c-1');
      await sendKeys({ press: 'Enter' });
      await until(() => rowErrors(row(editor, 0)).length === 0, 'the flag to clear with an id', WAIT);
      expect(editor.scopes).to.deep.equal([{ entity_type: 'clients', operation: 'read', entity_id: 'c-1', domain_id: null }]);
    });

    it('a new row starts with no entity choice: neither All nor Specific, and no scope until All is picked', async () => {
      const editor = await mountEditor();
      const events = record(editor, 'pat-scopes-change');
      expect(modeGroup(row(editor, 0)).value).to.equal('');
      expect(checkedModes(row(editor, 0)), 'nothing checked').to.deep.equal([]);
      expect(idsInput(row(editor, 0)), 'no ids field before Specific').to.equal(undefined);

      await fillRow(editor, 0, { type: 'channels', operations: ['read', 'list'], entity: 'unchosen' });
      expect(checkedModes(row(editor, 0)), 'still nothing checked').to.deep.equal([]);
      expect(editor.scopes, 'a type and operations alone are no scope').to.deep.equal([]);
      expect(events.at(-1)!.detail.scopes).to.deep.equal([]);

      // All is a click like any other choice.
      await click(modeButton(row(editor, 0), 'all'));
      await until(() => editor.scopes.length === 2, 'the scopes of All', WAIT);
      expect(checkedModes(row(editor, 0))).to.deep.equal(['all']);
      expect(editor.scopes).to.deep.equal([
        { entity_type: 'channels', operation: 'read', entity_id: '*', domain_id: null },
        { entity_type: 'channels', operation: 'list', entity_id: '*', domain_id: null },
      ]);
      expect(events.at(-1)!.detail.scopes).to.deep.equal(editor.scopes);
      expect(editor.validate()).to.equal(true);

      // A row added later starts without a choice too, whatever the rows above chose.
      await click(addButton(editor));
      await until(() => rows(editor).length === 2, 'a second row', WAIT);
      expect(modeGroup(row(editor, 1)).value).to.equal('');
      expect(checkedModes(row(editor, 1))).to.deep.equal([]);
      expect(checkedModes(row(editor, 0)), 'the first row keeps All').to.deep.equal(['all']);
      expect(editor.scopes).to.have.length(2);
    });
  });

  describe('rows', () => {
    it('Add scope adds an empty row (focused); the trash button, labelled "Remove scope N", removes its row', async () => {
      const editor = await mountEditor(html`<pat-scope-editor></pat-scope-editor>`);
      expect(rows(editor)).to.have.length(0);
      expect(text(root(editor).querySelector('.empty'))).to.equal(strings.scopes.none);
      expect(text(addButton(editor))).to.equal(strings.scopes.addRow);
      expect(text(addButton(editor))).to.equal('Add another scope');

      await click(addButton(editor));
      await until(() => rows(editor).length === 1, 'one row', WAIT);
      await until(() => focusedControl(editor) === 'row1:type', 'focus on the new row', WAIT);
      expect(root(editor).querySelector('.empty') === null, 'no empty text with a row').to.equal(true);
      await fillRow(editor, 0, { type: 'clients', operations: ['read'] });
      await click(addButton(editor));
      await until(() => rows(editor).length === 2, 'two rows', WAIT);
      await fillRow(editor, 1, { type: 'channels', operations: ['list'] });
      await click(addButton(editor));
      await until(() => rows(editor).length === 3, 'three rows', WAIT);
      await fillRow(editor, 2, { type: 'users', operations: ['read'] });

      expect(rows(editor).map((fieldset) => trash(fieldset).label)).to.deep.equal(['Remove scope 1', 'Remove scope 2', 'Remove scope 3']);
      expect(rows(editor).map((fieldset) => text(fieldset.querySelector('legend')))).to.deep.equal(['Scope 1', 'Scope 2', 'Scope 3']);

      await click(trash(row(editor, 1)));
      await until(() => rows(editor).length === 2, 'row 2 removed', WAIT);
      expect(editor.scopes.map((scope) => scope.entity_type)).to.deep.equal(['clients', 'users']);
      expect(rows(editor).map((fieldset) => trash(fieldset).label)).to.deep.equal(['Remove scope 1', 'Remove scope 2']);
      await until(() => focusedControl(editor) === 'add', 'focus moves to Add scope', WAIT);

      await click(trash(row(editor, 0)));
      await click(trash(row(editor, 0)));
      await until(() => rows(editor).length === 0, 'no rows', WAIT);
      expect(editor.scopes).to.deep.equal([]);
      expect(editor.validate()).to.equal(true);
    });

    it('validate() flags a row that duplicates an earlier one ("Duplicates scope 1")', async () => {
      const editor = await mountEditor();
      await fillRow(editor, 0, { type: 'clients', operations: ['read', 'update'] });
      await click(addButton(editor));
      await until(() => rows(editor).length === 2, 'two rows', WAIT);
      await fillRow(editor, 1, { type: 'channels', operations: ['read'] });
      await click(addButton(editor));
      await until(() => rows(editor).length === 3, 'three rows', WAIT);
      await fillRow(editor, 2, { type: 'clients', operations: ['update'] });

      expect(editor.validate()).to.equal(false);
      await editor.updateComplete;
      expect(rowErrors(row(editor, 0))).to.deep.equal([]);
      expect(rowErrors(row(editor, 1))).to.deep.equal([]);
      expect(rowErrors(row(editor, 2))).to.deep.equal([strings.scopes.duplicate(1)]);
      expect(text(row(editor, 2).querySelector('.row-errors'))).to.equal('Duplicates scope 1.');
      expect(row(editor, 2).hasAttribute('data-invalid')).to.equal(true);
      expect(row(editor, 0).hasAttribute('data-invalid')).to.equal(false);

      // Fixing the row clears the flag as you edit.
      await chooseMany(operationsSelect(row(editor, 2)), ['delete']);
      await editor.updateComplete;
      // clients: update + delete still holds the duplicate "update"…
      expect(rowErrors(row(editor, 2))).to.deep.equal([strings.scopes.duplicate(1)]);
      await openSelect(operationsSelect(row(editor, 2)));
      await click(operationsSelect(row(editor, 2)).querySelector('sl-option[value="update"]')!);
      const hidden = nextEvent(operationsSelect(row(editor, 2)), 'sl-after-hide');
      await sendKeys({ press: 'Escape' });
      await hidden;
      await until(() => rowErrors(row(editor, 2)).length === 0, 'the flag to clear', WAIT);
      expect(editor.validate()).to.equal(true);
    });

    it('a catalog with domain_required makes the domain a required field: labelled so, and flagged when empty', async () => {
      const optional = await mountEditor();
      expect(domainInput(row(optional, 0)).required).to.equal(false);
      await fillRow(optional, 0, { type: 'clients', operations: ['read'] });
      expect(optional.validate(), 'an empty domain means every domain').to.equal(true);

      const catalog = { ...DEFAULT_CATALOG, domain_required: true };
      const editor = await mountEditor(html`<pat-scope-editor start-with-row .catalog=${catalog}></pat-scope-editor>`);
      const field = [...row(editor, 0).querySelectorAll<SlInput>('sl-input')].find(
        (input) => input.label === strings.scopes.domainRequired,
      )!;
      expect([field.required, field.helpText]).to.deep.equal([true, strings.scopes.domainRequiredHelp]);
      await fillRow(editor, 0, { type: 'clients', operations: ['read'] });
      expect(editor.validate()).to.equal(false);
      await editor.updateComplete;
      expect(rowErrors(row(editor, 0))).to.deep.equal([strings.scopes.needDomain]);
      await typeInto(field, 'd-1');
      field.dispatchEvent(new Event('sl-change', { bubbles: true, composed: true }));
      await until(() => rowErrors(row(editor, 0)).length === 0, 'the flag to clear', WAIT);
      expect(editor.validate()).to.equal(true);
      expect(editor.scopes).to.deep.equal([{ entity_type: 'clients', operation: 'read', entity_id: '*', domain_id: 'd-1' }]);
    });

    it('validate() flags every incomplete row, an untouched one too, with what is missing', async () => {
      const editor = await mountEditor();
      await click(addButton(editor));
      await click(addButton(editor));
      await click(addButton(editor));
      await until(() => rows(editor).length === 4, 'four rows', WAIT);
      // Row 1 untouched; row 2 a type only; row 3 type and operation, no entity chosen; row 4 Specific without an id.
      await chooseOne(typeSelect(row(editor, 1)), 'clients');
      await fillRow(editor, 2, { type: 'users', operations: ['read'], entity: 'unchosen' });
      await fillRow(editor, 3, { type: 'channels', operations: ['read'], ids: [] });
      expect(editor.scopes, 'no row stands for a scope yet').to.deep.equal([]);
      expect(rows(editor).map(rowErrors), 'nothing flagged before validate()').to.deep.equal([[], [], [], []]);

      expect(editor.validate()).to.equal(false);
      expect(editor.invalid).to.equal(true);
      await editor.updateComplete;
      expect(rowErrors(row(editor, 0)), 'an untouched row is flagged, not dropped').to.deep.equal([
        strings.scopes.needType,
        strings.scopes.needOperation,
        strings.scopes.needEntity,
      ]);
      expect(rowErrors(row(editor, 1))).to.deep.equal([strings.scopes.needOperation, strings.scopes.needEntity]);
      expect(rowErrors(row(editor, 2))).to.deep.equal([strings.scopes.needEntity]);
      expect(text(row(editor, 2).querySelector('.row-errors'))).to.equal('Choose All, or Specific with at least one entity ID.');
      expect(rowErrors(row(editor, 3))).to.deep.equal([strings.scopes.needIds]);
      expect(rows(editor).map((fieldset) => fieldset.hasAttribute('data-invalid'))).to.deep.equal([true, true, true, true]);

      // Choosing All settles row 3 as you edit.
      await click(modeButton(row(editor, 2), 'all'));
      await until(() => rowErrors(row(editor, 2)).length === 0, 'row 3 settled by All', WAIT);
      expect(row(editor, 2).hasAttribute('data-invalid')).to.equal(false);

      await click(trash(row(editor, 0)));
      await until(() => rows(editor).length === 3, 'row removed', WAIT);
      expect(rowErrors(row(editor, 0)), 'the errors follow their rows').to.deep.equal([
        strings.scopes.needOperation,
        strings.scopes.needEntity,
      ]);
      expect(rowErrors(row(editor, 1))).to.deep.equal([]);
      expect(rowErrors(row(editor, 2))).to.deep.equal([strings.scopes.needIds]);
      expect(editor.validate()).to.equal(false);
    });

    it('an editor left with its one untouched row does not validate; without rows it does', async () => {
      const editor = await mountEditor();
      expect(editor.validate(), 'the untouched row').to.equal(false);
      await editor.updateComplete;
      expect(rowErrors(row(editor, 0))).to.deep.equal([strings.scopes.needType, strings.scopes.needOperation, strings.scopes.needEntity]);
      expect(editor.scopes).to.deep.equal([]);
      await click(trash(row(editor, 0)));
      await until(() => rows(editor).length === 0, 'no rows', WAIT);
      expect(editor.invalid, 'the flag goes with its row').to.equal(false);
      expect(editor.validate(), 'no rows: nothing to fix').to.equal(true);
      expect(text(root(editor).querySelector('.empty'))).to.equal(strings.scopes.none);
    });

    it('a prefill given before the catalog arrives shows once it does', async () => {
      worker.use(
        http.get('/api/pats/catalog', async () => {
          await delay(600);
          // Nothing returned: the scenario's handler answers.
        }),
      );
      const value: ScopeInput[] = [
        { entity_type: 'channels', operation: 'read', entity_id: 'ch-1', domain_id: 'd-1' },
        { entity_type: 'channels', operation: 'update', entity_id: 'ch-1', domain_id: 'd-1' },
      ];
      const editor = await mount<PatScopeEditor>(html`<pat-scope-editor .value=${value}></pat-scope-editor>`);
      expect(typeSelect(row(editor, 0)).querySelectorAll('sl-option'), 'no catalog yet').to.have.length(0);
      await until(() => typeSelect(row(editor, 0)).querySelectorAll('sl-option').length > 0, 'the catalog', WAIT);
      await until(() => typeSelect(row(editor, 0)).value === 'channels', 'the type shown', WAIT);
      await until(() => (operationsSelect(row(editor, 0)).value as string[]).length === 2, 'the operations shown', WAIT);
      expect(operationsSelect(row(editor, 0)).value).to.deep.equal(['read', 'update']);
      expect(typeSelect(row(editor, 0)).shadowRoot!.querySelector<HTMLInputElement>('input[part~="display-input"]')!.value).to.equal(
        'Channels',
      );
      expect(editor.scopes).to.deep.equal(value);
    });

    it('prefill through `.value` groups scopes into rows by type, entity and domain', async () => {
      const editor = await mountEditor(html`<pat-scope-editor></pat-scope-editor>`);
      const events = record(editor, 'pat-scopes-change');
      const value: ScopeInput[] = [
        { entity_type: 'clients', operation: 'read', entity_id: '*' },
        { entity_type: 'clients', operation: 'update', entity_id: '*' },
        { entity_type: 'channels', operation: 'read', entity_id: 'ch-1', domain_id: 'd-1' },
        { entity_type: 'channels', operation: 'delete', entity_id: 'ch-1', domain_id: 'd-1' },
        { entity_type: 'channels', operation: 'read', entity_id: 'ch-2', domain_id: 'd-1' },
        { entity_type: 'messages', operation: 'publish', entity_id: '*', domain_id: null },
      ];
      editor.value = value;
      await editor.updateComplete;
      await until(
        () => rows(editor).length > 0 && operationsSelect(row(editor, 0)).querySelectorAll('sl-option').length > 0,
        'the rows',
        WAIT,
      );

      expect(rows(editor).map((fieldset) => typeSelect(fieldset).value)).to.deep.equal(['clients', 'channels', 'channels', 'messages']);
      expect(rows(editor).map((fieldset) => operationsSelect(fieldset).value)).to.deep.equal([
        ['read', 'update'],
        ['read', 'delete'],
        ['read'],
        ['publish'],
      ]);
      expect(rows(editor).map((fieldset) => modeGroup(fieldset).value)).to.deep.equal(['all', 'some', 'some', 'all']);
      expect(rows(editor).map((fieldset) => tags(fieldset).map((tag) => text(tag)))).to.deep.equal([[], ['ch-1'], ['ch-2'], []]);
      expect(rows(editor).map((fieldset) => domainInput(fieldset).value)).to.deep.equal(['', 'd-1', 'd-1', '']);
      const normalized = value.map((scope) => ({ ...scope, domain_id: scope.domain_id ?? null }));
      expect(editor.scopes).to.have.deep.members(normalized);
      expect(editor.scopes).to.have.length(normalized.length);
      expect(events, 'no event for a value the host set').to.have.length(0);
    });
  });

  describe('entity lookup', () => {
    it('turns the id field into a search that shows names; the tag shows the name, the scope carries the id', async () => {
      const known: EntityOption[] = [
        { id: 'c-7f3a', name: 'Boiler room pump' },
        { id: 'c-91bd', name: 'Cooling pump' },
        { id: 'c-0042', name: 'Door sensor' },
      ];
      const calls: [string, string][] = [];
      const lookup = async (type: string, query: string) => {
        calls.push([type, query]);
        return known.filter((option) => option.name.toLowerCase().includes(query.toLowerCase()));
      };
      const editor = await mountEditor(html`<pat-scope-editor start-with-row .entityLookup=${lookup}></pat-scope-editor>`);
      await fillRow(editor, 0, { type: 'clients', operations: ['read'], ids: [] });
      const input = idsInput(row(editor, 0))!;
      expect(input.placeholder).to.equal(strings.scopes.entitySearch);

      await typeInto(input, 'pump');
      await until(() => suggestions(row(editor, 0)).length === 2, 'two suggestions', WAIT);
      expect(calls, 'one (debounced) lookup for the whole word').to.deep.equal([['clients', 'pump']]);
      const items = suggestions(row(editor, 0));
      expect(items.map((item) => text(item))).to.deep.equal(['Boiler room pump c-7f3a', 'Cooling pump c-91bd']);

      await click(items[1]!);
      await until(() => tags(row(editor, 0)).length === 1, 'a tag', WAIT);
      expect(text(tags(row(editor, 0))[0])).to.equal('Cooling pump');
      expect(tags(row(editor, 0))[0]!.title).to.equal('c-91bd');
      expect(suggestions(row(editor, 0)), 'suggestions close').to.have.length(0);
      expect(idsInput(row(editor, 0))!.value, 'the search is cleared').to.equal('');
      expect(editor.scopes).to.deep.equal([{ entity_type: 'clients', operation: 'read', entity_id: 'c-91bd', domain_id: null }]);

      // An id typed as such still works.
      await typeInto(idsInput(row(editor, 0))!, 'c-raw');
      await sendKeys({ press: 'Enter' });
      await until(() => tags(row(editor, 0)).length === 2, 'a second tag', WAIT);
      expect(editor.scopes.map((scope) => scope.entity_id)).to.deep.equal(['c-91bd', 'c-raw']);
    });
  });

  describe('entity lookup, continued', () => {
    it('suggestions are picked with the keyboard from the input itself: arrows, Enter', async () => {
      const lookup = async (_type: string, query: string) =>
        [
          { id: 'ch-1', name: 'Alarms' },
          { id: 'ch-2', name: 'Alarms (EU)' },
        ].filter((option) => option.name.toLowerCase().startsWith(query.toLowerCase()));
      const editor = await mountEditor(html`<pat-scope-editor start-with-row .entityLookup=${lookup}></pat-scope-editor>`);
      await fillRow(editor, 0, { type: 'channels', operations: ['read'], ids: [] });
      await typeInto(idsInput(row(editor, 0))!, 'ala');
      await until(() => suggestions(row(editor, 0)).length === 2, 'two suggestions', WAIT);
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'ArrowDown' });
      expect(focusedControl(editor)).to.equal('row1:ids');
      await sendKeys({ press: 'Enter' });
      await until(() => tags(row(editor, 0)).length === 1, 'a tag', WAIT);
      expect(text(tags(row(editor, 0))[0])).to.equal('Alarms (EU)');
      expect(editor.scopes.map((scope) => scope.entity_id)).to.deep.equal(['ch-2']);
    });

    it('a slow answer to an older query does not replace the suggestions for the newer one', async () => {
      const all: EntityOption[] = [
        { id: 'c-1', name: 'Pump A' },
        { id: 'c-2', name: 'Pump B' },
        { id: 'c-3', name: 'Pull station' },
      ];
      // The short query is answered last: only once the test lets it, after the newer one.
      let answerPu!: () => void;
      const puHeld = new Promise<void>((resolve) => (answerPu = resolve));
      let puAnswered: Promise<EntityOption[]> | undefined;
      const lookup = (_type: string, query: string) => {
        const answer = (async () => {
          if (query === 'pu') await puHeld;
          return all.filter((option) => option.name.toLowerCase().startsWith(query));
        })();
        if (query === 'pu') puAnswered = answer;
        return answer;
      };
      const editor = await mountEditor(html`<pat-scope-editor start-with-row .entityLookup=${lookup}></pat-scope-editor>`);
      await fillRow(editor, 0, { type: 'clients', operations: ['read'], ids: [] });
      await typeInto(idsInput(row(editor, 0))!, 'pu');
      await until(() => puAnswered !== undefined, 'the "pu" lookup under way', WAIT);
      await sendKeys({ type: 'mp' });
      const names = () => suggestions(row(editor, 0)).map((item) => text(item).split(' c-')[0]);
      await until(() => names().length === 2, 'the "pump" suggestions', WAIT);
      // Now the "pu" answer comes in; the editor has handled it (and rendered) by the next task.
      answerPu();
      await puAnswered;
      await nextTask();
      await editor.updateComplete;
      expect(names()).to.deep.equal(['Pump A', 'Pump B']);
    });
  });

  describe('entity combobox (ARIA 1.2, with a lookup)', () => {
    const PUMPS: EntityOption[] = [
      { id: 'c-1', name: 'Pump A' },
      { id: 'c-2', name: 'Pump B' },
      { id: 'c-3', name: 'Pump C' },
      { id: 'c-9', name: 'Door sensor' },
    ];
    const lookup = async (_type: string, query: string) =>
      PUMPS.filter((option) => option.name.toLowerCase().startsWith(query.toLowerCase()));

    /** An editor with a lookup, its first row on clients/read with specific ids; returns the combobox. */
    async function comboboxEditor(): Promise<{ editor: PatScopeEditor; input: HTMLInputElement }> {
      const editor = await mountEditor(html`<pat-scope-editor start-with-row .entityLookup=${lookup}></pat-scope-editor>`);
      await fillRow(editor, 0, { type: 'clients', operations: ['read'], ids: [] });
      return { editor, input: combobox(row(editor, 0)) };
    }

    /** Types `query` into the combobox and waits until `count` suggestions are shown. */
    async function search(input: HTMLInputElement, query: string, count: number): Promise<void> {
      await typeInto(input, query);
      await until(
        () => input.getAttribute('aria-expanded') === 'true' && suggestions(input.closest('fieldset')!).length === count,
        `${count} suggestions for "${query}"`,
        WAIT,
      );
    }

    async function press(editor: PatScopeEditor, key: string): Promise<void> {
      await sendKeys({ press: key });
      await editor.updateComplete;
    }

    /** The option aria-activedescendant names, checked to be one. */
    function highlighted(input: HTMLInputElement): HTMLElement | null {
      if (!input.hasAttribute('aria-activedescendant')) return null;
      const option = referenced(input, 'aria-activedescendant') as HTMLElement | null;
      if (!option) throw new Error(`aria-activedescendant="${input.getAttribute('aria-activedescendant')}" names nothing`);
      expect(option.getAttribute('role')).to.equal('option');
      expect(option.getAttribute('aria-selected')).to.equal('true');
      expect(option.closest('[role="listbox"]')!.querySelectorAll('[aria-selected="true"]'), 'one highlighted option').to.have.length(1);
      return option;
    }

    it('is a native input in the editor’s shadow root with role combobox, a label, help text and a listbox it controls', async () => {
      const { editor, input } = await comboboxEditor();
      expect(input.localName).to.equal('input');
      expectSame(input.getRootNode(), root(editor), 'the combobox’s root');
      expect(row(editor, 0).querySelector('sl-input.ids-input'), 'no sl-input for the ids').to.equal(null);
      expect(input.getAttribute('aria-autocomplete')).to.equal('list');
      expect(input.getAttribute('aria-expanded')).to.equal('false');
      expect(input.hasAttribute('aria-activedescendant')).to.equal(false);
      expect(input.maxLength).to.equal(LIMITS.idMax);
      expect(input.placeholder).to.equal(strings.scopes.entitySearch);
      // A visible label and the help text, by reference.
      expect([...input.labels!].map((label) => text(label))).to.deep.equal([strings.scopes.entityIds]);
      expect(input.labels![0]!.getBoundingClientRect().height).to.be.greaterThan(0);
      expect(text(referenced(input, 'aria-describedby'))).to.equal(strings.scopes.entityIdsHelp);
      const list = referenced(input, 'aria-controls');
      expect(list, 'aria-controls names an element of the same shadow root').to.not.equal(null);
      expect(list!.getAttribute('role')).to.equal('listbox');
      expect(list!.getBoundingClientRect().height, 'the list is hidden while closed').to.equal(0);
      // Styled like the small Shoelace inputs around it.
      expect(input.getBoundingClientRect().height).to.be.closeTo(
        domainInput(row(editor, 0)).shadowRoot!.querySelector('[part~="base"]')!.getBoundingClientRect().height,
        0.5,
      );

      await search(input, 'pump', 3);
      const options = suggestions(row(editor, 0));
      expect(options.map((option) => text(option))).to.deep.equal(['Pump A c-1', 'Pump B c-2', 'Pump C c-3']);
      for (const option of options) {
        expect(option.getAttribute('role')).to.equal('option');
        expect(option.id).to.not.equal('');
        expect(option.hasAttribute('aria-selected'), 'nothing highlighted yet').to.equal(false);
        expectSame(option.closest('[role="listbox"]'), list, 'the option’s listbox');
      }
      // Under the input, on top of everything else (not clipped by the row).
      expect(list!.getBoundingClientRect().top).to.be.at.least(input.getBoundingClientRect().bottom);
      for (const option of options) {
        option.scrollIntoView({ block: 'nearest' });
        const hit = drawnAt(root(editor), option);
        expect(hit && option.contains(hit), `${text(option)} can be seen and clicked`).to.equal(true);
      }
      await expectAccessible(editor);

      await press(editor, 'Escape');
      expect(input.getAttribute('aria-expanded')).to.equal('false');
      expect(list!.getBoundingClientRect().height).to.equal(0);
    });

    it('each row has its own listbox and option ids', async () => {
      const { editor, input } = await comboboxEditor();
      await click(addButton(editor));
      await until(() => rows(editor).length === 2, 'two rows', WAIT);
      await fillRow(editor, 1, { type: 'clients', operations: ['update'], ids: [] });
      const second = combobox(row(editor, 1));
      expect(second.id).to.not.equal(input.id);
      expect(second.getAttribute('aria-controls')).to.not.equal(input.getAttribute('aria-controls'));
      await search(second, 'pump', 3);
      await press(editor, 'ArrowDown');
      expect(row(editor, 1).contains(highlighted(second)), 'the second row’s option').to.equal(true);
      const ids = [...root(editor).querySelectorAll('[id]')].map((element) => element.id);
      expect(new Set(ids).size, 'ids are unique in the shadow root').to.equal(ids.length);
    });

    it('ArrowDown/ArrowUp move aria-activedescendant over the options and wrap; focus stays in the input', async () => {
      const { editor, input } = await comboboxEditor();
      await search(input, 'pump', 3);
      const options = suggestions(row(editor, 0));
      const steps: [string, number][] = [
        ['ArrowDown', 0],
        ['ArrowDown', 1],
        ['ArrowDown', 2],
        ['ArrowDown', 0], // wraps to the first
        ['ArrowUp', 2], // and back to the last
        ['ArrowUp', 1],
      ];
      for (const [key, expected] of steps) {
        await press(editor, key);
        expectSame(highlighted(input), options[expected], `${key} → option ${expected + 1}`);
        expectSame(deepActive(), input, `focus after ${key}`);
      }
      expect(input.value, 'the arrows do not change the text').to.equal('pump');

      // Home and End move the caret in the text, and the highlight back to it.
      await press(editor, 'Home');
      expect([input.selectionStart, input.selectionEnd]).to.deep.equal([0, 0]);
      expect(input.hasAttribute('aria-activedescendant')).to.equal(false);
      expect(input.getAttribute('aria-expanded'), 'the list stays open').to.equal('true');
      await press(editor, 'End');
      expect([input.selectionStart, input.selectionEnd]).to.deep.equal([4, 4]);

      // Closed, ArrowDown opens on the first option, ArrowUp on the last.
      await press(editor, 'Escape');
      expect(input.getAttribute('aria-expanded')).to.equal('false');
      await press(editor, 'ArrowDown');
      expect(input.getAttribute('aria-expanded')).to.equal('true');
      expectSame(highlighted(input), options[0], 'ArrowDown opens on the first option');
      await press(editor, 'Escape');
      await press(editor, 'ArrowUp');
      expect(input.getAttribute('aria-expanded')).to.equal('true');
      expectSame(highlighted(input), options[2], 'ArrowUp opens on the last option');
      // Typing on drops the highlight.
      await sendKeys({ type: ' ' });
      await editor.updateComplete;
      expect(input.hasAttribute('aria-activedescendant')).to.equal(false);
    });

    it('Enter picks the highlighted option: a tag, one pat-scopes-change, the draft cleared, the list closed', async () => {
      const { editor, input } = await comboboxEditor();
      const events = record(editor, 'pat-scopes-change');
      await search(input, 'pump', 3);
      expect(events, 'typing and suggestions are no change').to.have.length(0);
      await press(editor, 'ArrowDown');
      await press(editor, 'ArrowDown');
      await press(editor, 'Enter');
      await until(() => tags(row(editor, 0)).length === 1, 'a tag', WAIT);
      expect(text(tags(row(editor, 0))[0])).to.equal('Pump B');
      expect(tags(row(editor, 0))[0]!.title).to.equal('c-2');
      expect(editor.scopes).to.deep.equal([{ entity_type: 'clients', operation: 'read', entity_id: 'c-2', domain_id: null }]);
      expect(events).to.have.length(1);
      expect(events[0]!.detail.scopes).to.deep.equal(editor.scopes);
      expect(input.value).to.equal('');
      expect(input.getAttribute('aria-expanded')).to.equal('false');
      expect(input.hasAttribute('aria-activedescendant')).to.equal(false);
      expect(suggestions(row(editor, 0))).to.have.length(0);
      expectSame(deepActive(), input, 'focus after the pick');

      // With nothing highlighted, Enter adds the text as it is, as without a lookup.
      await search(input, 'pump', 3);
      await press(editor, 'Enter');
      await until(() => tags(row(editor, 0)).length === 2, 'a second tag', WAIT);
      expect(editor.scopes.map((scope) => scope.entity_id)).to.deep.equal(['c-2', 'pump']);
      expect(events).to.have.length(2);
      expect(input.getAttribute('aria-expanded')).to.equal('false');
    });

    it('Escape closes the list without picking; a second Escape is left to the page (a dialog can close)', async () => {
      const { editor, input } = await comboboxEditor();
      const events = record(editor, 'pat-scopes-change');
      const escapes: boolean[] = [];
      const onKeydown = (event: KeyboardEvent) => event.key === 'Escape' && escapes.push(event.defaultPrevented);
      document.addEventListener('keydown', onKeydown);
      try {
        await search(input, 'pump', 3);
        await press(editor, 'ArrowDown');
        await press(editor, 'Escape');
        expect(input.getAttribute('aria-expanded')).to.equal('false');
        expect(input.hasAttribute('aria-activedescendant')).to.equal(false);
        expect(escapes, 'the first Escape is the list’s').to.deep.equal([]);
        expect(tags(row(editor, 0)), 'nothing picked').to.have.length(0);
        expect(input.value, 'the text stays').to.equal('pump');
        expectSame(deepActive(), input, 'focus after Escape');

        await press(editor, 'Escape');
        expect(escapes, 'the second Escape reaches the document, not prevented').to.deep.equal([false]);
        expect(tags(row(editor, 0))).to.have.length(0);
        expect(events).to.have.length(0);
      } finally {
        document.removeEventListener('keydown', onKeydown);
      }
    });

    it('Tab closes the list and moves on, without picking', async () => {
      const { editor, input } = await comboboxEditor();
      await search(input, 'pump', 3);
      await press(editor, 'ArrowDown');
      await press(editor, 'Tab');
      expect(focusedControl(editor)).to.equal('row1:domain');
      expect(input.getAttribute('aria-expanded')).to.equal('false');
      expect(input.hasAttribute('aria-activedescendant')).to.equal(false);
      expect(tags(row(editor, 0))).to.have.length(0);
    });

    it('a click on an option picks it; focus stays in the input', async () => {
      const { editor, input } = await comboboxEditor();
      const events = record(editor, 'pat-scopes-change');
      const blurs: Event[] = [];
      input.addEventListener('blur', (event) => blurs.push(event));
      await search(input, 'pump', 3);
      await click(suggestions(row(editor, 0))[2]!);
      await until(() => tags(row(editor, 0)).length === 1, 'a tag', WAIT);
      expect(text(tags(row(editor, 0))[0])).to.equal('Pump C');
      expect(events).to.have.length(1);
      expect(blurs, 'the input never lost focus').to.have.length(0);
      expectSame(deepActive(), input, 'focus after the click');
      expect(input.value).to.equal('');
      expect(input.getAttribute('aria-expanded')).to.equal('false');
      // Typing goes on in the same field.
      await sendKeys({ type: 'door' });
      await until(() => suggestions(row(editor, 0)).length === 1, 'the door sensor', WAIT);
    });

    it('a polite live region, always there, says how many suggestions came', async () => {
      const { editor, input } = await comboboxEditor();
      const region = liveRegion(editor);
      expect(region, 'the live region is rendered before any search').to.not.equal(null);
      expectSame(region!.getRootNode(), root(editor), 'the live region’s root');
      expect(region!.getBoundingClientRect().width, 'visually hidden').to.be.at.most(1);
      expect(text(region)).to.equal('');

      await search(input, 'pump', 3);
      await until(() => text(region) === '3 suggestions', '"3 suggestions"', WAIT);
      expect(strings.scopes.suggestionCount(3)).to.equal('3 suggestions');

      input.select();
      await sendKeys({ type: 'door' });
      await until(() => text(region) === strings.scopes.suggestionCount(1), '"1 suggestion"', WAIT);
      expect(text(region)).to.equal('1 suggestion');

      input.select();
      await sendKeys({ type: 'zzz' });
      await until(() => text(region) === 'No matches', '"No matches"', WAIT);
      expect(input.getAttribute('aria-expanded'), 'no list for no matches').to.equal('false');
      expectSame(liveRegion(editor), region, 'the same live region throughout');
    });

    it('without entityLookup the ids field stays a plain input: Enter, comma and blur add ids', async () => {
      const editor = await mountEditor();
      await fillRow(editor, 0, { type: 'clients', operations: ['read'], ids: [] });
      expect(row(editor, 0).querySelector('[role="combobox"]'), 'no combobox').to.equal(null);
      expect(row(editor, 0).querySelector('[role="listbox"]'), 'no listbox').to.equal(null);
      const input = idsInput(row(editor, 0))!;
      expect(input.localName).to.equal('sl-input');
      expect(input.placeholder).to.equal('');
      await typeInto(input, 'a-1');
      await sendKeys({ press: 'Enter' });
      await until(() => tags(row(editor, 0)).length === 1, 'a-1 (Enter)', WAIT);
      await sendKeys({ type: 'a-2,' });
      await until(() => tags(row(editor, 0)).length === 2, 'a-2 (comma)', WAIT);
      await sendKeys({ type: 'a-3' });
      await sendKeys({ press: 'Tab' });
      await until(() => tags(row(editor, 0)).length === 3, 'a-3 (blur)', WAIT);
      expect(editor.scopes.map((scope) => scope.entity_id)).to.deep.equal(['a-1', 'a-2', 'a-3']);
      expect(idsInput(row(editor, 0))!.value).to.equal('');
      expect(text(liveRegion(editor))).to.equal('');
    });
  });

  describe('server errors', () => {
    it('showServerErrors() puts scopes[i].… on the row scope i came from', async () => {
      const editor = await mountEditor(html`<pat-scope-editor></pat-scope-editor>`);
      editor.value = [
        { entity_type: 'clients', operation: 'read', entity_id: '*' },
        { entity_type: 'clients', operation: 'update', entity_id: '*' },
        { entity_type: 'messages', operation: 'publish', entity_id: 'ch-1' },
        { entity_type: 'users', operation: 'read', entity_id: '*' },
      ];
      await editor.updateComplete;
      expect(rows(editor)).to.have.length(3);
      expect(editor.scopes.map((scope) => `${scope.entity_type}:${scope.operation}`)).to.deep.equal([
        'clients:read',
        'clients:update',
        'messages:publish',
        'users:read',
      ]);
      editor.showServerErrors([
        { field: 'scopes[2].operation', message: 'must be one of publish, subscribe for messages' },
        { field: 'scopes[3].entity_id', message: 'must not be blank' },
        { field: 'name', message: 'is not for me' },
      ]);
      await editor.updateComplete;
      expect(rowErrors(row(editor, 0))).to.deep.equal([]);
      expect(rowErrors(row(editor, 1))).to.deep.equal(['operation must be one of publish, subscribe for messages']);
      expect(rowErrors(row(editor, 2))).to.deep.equal(['entity id must not be blank']);
      expect(row(editor, 1).hasAttribute('data-invalid')).to.equal(true);
      await expectAccessible(editor);
    });
  });

  describe('events', () => {
    it('pat-scopes-change fires on user edits with the expanded scopes, and not when `value` is set', async () => {
      const editor = await mountEditor();
      const events = record(editor, 'pat-scopes-change');
      editor.value = [{ entity_type: 'users', operation: 'read', entity_id: '*' }];
      await editor.updateComplete;
      expect(events).to.have.length(0);

      await chooseOne(typeSelect(row(editor, 0)), 'clients');
      expect(events).to.have.length(1);
      // users → clients keeps "read" (clients allows it).
      expect(events.at(-1)!.detail.scopes).to.deep.equal([{ entity_type: 'clients', operation: 'read', entity_id: '*', domain_id: null }]);
      expect(events[0]!.bubbles && events[0]!.composed).to.equal(true);

      await chooseMany(operationsSelect(row(editor, 0)), ['list']);
      expect(events.at(-1)!.detail.scopes.map((scope) => scope.operation)).to.deep.equal(['read', 'list']);
      const before = events.length;
      await click(addButton(editor));
      await until(() => events.length === before + 1, 'an event for Add scope', WAIT);
      await click(trash(row(editor, 1)));
      await until(() => events.length === before + 2, 'an event for removing a row', WAIT);
      expect(events.at(-1)!.detail.scopes).to.deep.equal(editor.scopes);
      await fillRow(editor, 0, { type: 'clients', operations: [], domain: 'd-9' });
      expect(events.at(-1)!.detail.scopes.every((scope) => scope.domain_id === 'd-9')).to.equal(true);
    });
  });

  describe('keyboard', () => {
    it('Tab goes through every control of a row in order, then to Add scope', async () => {
      const editor = await mountEditor();
      await fillRow(editor, 0, { type: 'clients', operations: ['read'], ids: ['c-1'] });
      typeSelect(row(editor, 0)).focus();
      const seen = [focusedControl(editor)];
      for (let i = 0; i < 9 && seen.at(-1) !== 'add'; i++) {
        await sendKeys({ press: 'Tab' });
        seen.push(focusedControl(editor));
      }
      expect(seen).to.deep.equal([
        'row1:type',
        'row1:operations',
        'row1:mode-all',
        'row1:mode-some',
        'row1:ids',
        'row1:remove-id-c-1',
        'row1:domain',
        'row1:remove-row',
        'add',
      ]);
    });

    it('a row can be filled with the keyboard alone', async () => {
      const editor = await mountEditor();
      const select = typeSelect(row(editor, 0));
      select.focus();
      await sendKeys({ press: 'Enter' });
      await until(() => select.open, 'the type list', WAIT);
      // Clients is first; Channels second.
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'Enter' });
      const typeHidden = nextEvent(select, 'sl-after-hide');
      await until(() => select.value === 'channels', 'channels chosen', WAIT);
      await typeHidden;
      await sendKeys({ press: 'Tab' });
      expect(focusedControl(editor)).to.equal('row1:operations');
      const operations = operationsSelect(row(editor, 0));
      await sendKeys({ press: 'Enter' });
      await until(() => operations.open, 'the operations list', WAIT);
      await sendKeys({ press: 'Enter' }); // create
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'Enter' }); // read
      const operationsHidden = nextEvent(operations, 'sl-after-hide');
      await sendKeys({ press: 'Escape' });
      await operationsHidden;
      expect(operations.value).to.deep.equal(['create', 'read']);
      await sendKeys({ press: 'Tab' });
      expect(focusedControl(editor)).to.equal('row1:mode-all');
      expect(checkedModes(row(editor, 0)), 'focus on All does not choose it').to.deep.equal([]);
      expect(editor.scopes).to.deep.equal([]);
      await sendKeys({ press: 'ArrowRight' });
      await until(() => idsInput(row(editor, 0)), 'the ids field', WAIT);
      expect(focusedControl(editor)).to.equal('row1:mode-some');
      await sendKeys({ press: 'Tab' });
      expect(focusedControl(editor)).to.equal('row1:ids');
      await sendKeys({ type: 'ch-1' });
      await sendKeys({ press: 'Enter' });
      await until(() => tags(row(editor, 0)).length === 1, 'a tag', WAIT);
      await sendKeys({ type: 'ch-2' });
      await sendKeys({ press: 'Enter' });
      await until(() => tags(row(editor, 0)).length === 2, 'two tags', WAIT);
      // An id is removed from the keyboard too: Tab to its button, Enter.
      await sendKeys({ press: 'Tab' });
      expect(focusedControl(editor)).to.equal('row1:remove-id-ch-1');
      await sendKeys({ press: 'Enter' });
      await until(() => tags(row(editor, 0)).length === 1, 'ch-1 removed', WAIT);
      expect(editor.scopes).to.deep.equal([
        { entity_type: 'channels', operation: 'create', entity_id: 'ch-2', domain_id: null },
        { entity_type: 'channels', operation: 'read', entity_id: 'ch-2', domain_id: null },
      ]);
      // Add scope and remove it again from the keyboard.
      while (focusedControl(editor) !== 'add') await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Enter' });
      await until(() => rows(editor).length === 2, 'a second row', WAIT);
      await until(() => focusedControl(editor) === 'row2:type', 'focus on the new row', WAIT);
      while (focusedControl(editor) !== 'row2:remove-row') await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Enter' });
      await until(() => rows(editor).length === 1, 'the second row removed', WAIT);
    });
  });

  describe('accessibility', () => {
    it('is axe-clean empty', async () => {
      const editor = await mountEditor(html`<pat-scope-editor></pat-scope-editor>`);
      await expectAccessible(editor);
    });

    it('is axe-clean with rows, ids, suggestions and errors', async () => {
      const lookup = async () => [{ id: 'c-1', name: 'Pump' }];
      const editor = await mountEditor(html`<pat-scope-editor start-with-row .entityLookup=${lookup}></pat-scope-editor>`);
      await expectAccessible(editor);
      await fillRow(editor, 0, { type: 'clients', operations: ['read', 'update'], ids: ['c-9'], domain: 'd-1' });
      await click(addButton(editor));
      await until(() => rows(editor).length === 2, 'two rows', WAIT);
      await typeInto(domainInput(row(editor, 1)), 'x');
      await expectAccessible(editor);
      await typeInto(idsInput(row(editor, 0))!, 'pu');
      await until(() => suggestions(row(editor, 0)).length === 1, 'a suggestion', WAIT);
      await expectAccessible(editor);
      await sendKeys({ press: 'ArrowDown' });
      await until(() => combobox(row(editor, 0)).hasAttribute('aria-activedescendant'), 'a highlighted suggestion', WAIT);
      await expectAccessible(editor);
      expect(editor.validate()).to.equal(false);
      await editor.updateComplete;
      expect(rowErrors(row(editor, 1)).length).to.be.greaterThan(0);
      await expectAccessible(editor);
    });
  });
});
