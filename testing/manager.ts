/**
 * The pages of one `<pat-manager>` as the journey tests read and drive them: the list, the create
 * form, a token's page and their dialogs, found in the shadow roots and used with the real mouse
 * and keyboard (testing/input.ts). Whatever they wait for, they wait up to `WAIT`.
 */
import { sendKeys } from '@web/test-runner-commands';
import type SlButton from '@shoelace-style/shoelace/dist/components/button/button.js';
import type SlDialog from '@shoelace-style/shoelace/dist/components/dialog/dialog.js';
import type SlInput from '@shoelace-style/shoelace/dist/components/input/input.js';
import type SlSelect from '@shoelace-style/shoelace/dist/components/select/select.js';
import type SlTextarea from '@shoelace-style/shoelace/dist/components/textarea/textarea.js';
import type { PatConfirmDialog } from '../components/pat-confirm-dialog/pat-confirm-dialog.component.js';
import type { PatCreateForm } from '../components/pat-create-form/pat-create-form.component.js';
import type { PatDetail } from '../components/pat-detail/pat-detail.component.js';
import type { PatDurationPicker } from '../components/pat-duration-picker/pat-duration-picker.component.js';
import type { PatManager } from '../components/pat-manager/pat-manager.component.js';
import type { PatRegenerateDialog } from '../components/pat-regenerate-dialog/pat-regenerate-dialog.component.js';
import type { PatScopeEditor } from '../components/pat-scope-editor/pat-scope-editor.component.js';
import type { PatSecretBanner } from '../components/pat-secret-banner/pat-secret-banner.component.js';
import type { PatTable } from '../components/pat-table/pat-table.component.js';
import { strings } from '../components/i18n/strings.js';
import { composedContains, deepActive, nextEvent, text } from './dom.js';
import { until } from './fixture.js';
import { chooseMany, chooseOne, click, nextTask, openSelect } from './input.js';

/** How long (ms) these helpers wait for the page: long, for whole flows on a machine that may be busy. */
export const WAIT = 15_000;

// ---------------------------------------------------------------------------------------------
// Buttons and dialogs

/** The sl-button under `scope` whose text is `label`, if any. */
export function buttonIn(scope: ParentNode, label: string): HTMLElement | undefined {
  return [...scope.querySelectorAll<HTMLElement>('sl-button')].find((candidate) => text(candidate) === label);
}

/** The sl-button under `scope` whose text is `label`; fails when there is none. */
export function button(scope: ParentNode, label: string): HTMLElement {
  const found = buttonIn(scope, label);
  if (!found) throw new Error(`no button "${label}"`);
  return found;
}

/** Runs `open`, then waits for `dialog` (or the one `dialog()` finds: the table renders its own when it first asks) to be open with focus inside it. */
export async function opened(dialog: SlDialog | (() => SlDialog | null), open: () => Promise<unknown>): Promise<void> {
  await open();
  const find = typeof dialog === 'function' ? dialog : () => dialog;
  await until(() => find()?.open && !find()!.shadowRoot!.querySelector<HTMLElement>('.dialog')!.hidden, 'the dialog to open', WAIT);
  await until(() => composedContains(find()!, deepActive()), 'focus inside the dialog', WAIT);
}

/** Waits for a Shoelace dialog to be closed and hidden, and for the focus it gives back. */
export async function closed(dialog: SlDialog): Promise<void> {
  await until(() => !dialog.open && dialog.shadowRoot!.querySelector<HTMLElement>('.dialog')!.hidden, 'the dialog to close', WAIT);
  // Shoelace gives focus back in a timer it sets as the dialog hides.
  await nextTask();
}

// ---------------------------------------------------------------------------------------------
// The manager and its views

/** The manager's shadow root. */
export const mroot = (manager: PatManager) => manager.shadowRoot!;
/** The manager's own heading (the list's, the create view's); '' on a token's page, which its name heads. */
export const heading = (manager: PatManager) => text(mroot(manager).querySelector('h2'));
/** The manager's Back button (on the create view and a token's page). */
export const backButton = (manager: PatManager) => mroot(manager).querySelector<HTMLElement>('sl-button.back')!;

/** Sets the hash without a history entry or a hashchange, as a page that opens on it. */
export function openAt(hash: string): void {
  history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
}

// ---------------------------------------------------------------------------------------------
// The list

/** The list's pat-table; fails naming the view shown instead. */
export function table(manager: PatManager): PatTable {
  const found = mroot(manager).querySelector<PatTable>('pat-table');
  if (!found) throw new Error(`no pat-table (the view is "${heading(manager)}")`);
  return found;
}

/** The list's shadow root. */
export const troot = (manager: PatManager) => table(manager).shadowRoot!;
/** The list's rows of PATs. */
export const rows = (manager: PatManager) => [...troot(manager).querySelectorAll<HTMLTableRowElement>('tbody tr[data-id]')];
/** The names in the list, top to bottom. */
export const rowNames = (manager: PatManager) => rows(manager).map((row) => text(row.querySelector('td.name')));
/** Whether the list's table says it is loading (aria-busy). */
export const listBusy = (manager: PatManager) => troot(manager).querySelector('table')!.getAttribute('aria-busy') === 'true';
/** The list's state message (empty, error), '' when there is none. */
export const listState = (manager: PatManager) => text(troot(manager).querySelector('.state'));
/** The list's status filter. */
export const statusSelect = (manager: PatManager) => troot(manager).querySelector<SlSelect>('sl-select.status-filter')!;

/** Makes the status filter hold exactly `wanted`, ticking and unticking its options with real clicks, then closes it with Escape. */
export async function chooseStatuses(manager: PatManager, wanted: string[]): Promise<void> {
  const select = statusSelect(manager);
  const chosen = () => select.value as string[];
  await openSelect(select);
  for (const option of select.querySelectorAll<HTMLElement>('sl-option')) {
    const value = option.getAttribute('value')!;
    const tick = wanted.includes(value);
    if (chosen().includes(value) === tick) continue;
    await click(option);
    await until(() => chosen().includes(value) === tick, `${value} ${tick ? 'ticked' : 'unticked'}`, WAIT);
  }
  const hidden = nextEvent(select, 'sl-after-hide');
  await sendKeys({ press: 'Escape' });
  await hidden;
}

/** The list's row of the PAT named `name`; fails listing the names there are. */
export function rowByName(manager: PatManager, name: string): HTMLTableRowElement {
  const row = rows(manager).find((candidate) => text(candidate.querySelector('td.name')) === name);
  if (!row) throw new Error(`no row "${name}" among ${JSON.stringify(rowNames(manager))}`);
  return row;
}

/** The count the list shows for the status `label` ('–' while unknown, '' without that count). */
export function statCount(manager: PatManager, label: string): string {
  const stat = [...troot(manager).querySelectorAll('button.stat')].find(
    (candidate) => text(candidate.querySelector('.stat-label')) === label,
  );
  return text(stat?.querySelector('.stat-count'));
}

/** Waits for the list with its rows and counts (Delete All waits for the counts). */
export async function listLoaded(manager: PatManager): Promise<void> {
  await until(
    () =>
      mroot(manager).querySelector('pat-table') &&
      rows(manager).length > 0 &&
      !listBusy(manager) &&
      statCount(manager, strings.status.active) !== '–',
    'the list',
    WAIT,
  );
}

/** The list's confirmation dialog: rendered the first time the list asks. */
export const tableConfirm = (manager: PatManager) => troot(manager).querySelector<PatConfirmDialog>('pat-confirm-dialog')!;
/** Its sl-dialog (undefined before the list first asks: opened() waits for it). */
export const tableConfirmSl = (manager: PatManager) => tableConfirm(manager)?.shadowRoot?.querySelector<SlDialog>('sl-dialog') as SlDialog;

/** Opens a row's action menu with a real click on its button, then clicks the item `value`. */
export async function chooseRowAction(manager: PatManager, name: string, value: string): Promise<void> {
  const row = rowByName(manager, name);
  await click(row.querySelector(`button.row-menu-trigger[aria-label="${strings.table.rowActions(name)}"]`)!);
  // The menu opens under its button (over it when there is no room below): wait until it is there.
  let item: HTMLElement | null = null;
  await until(
    () => {
      const trigger = row.querySelector('.row-menu-trigger')!.getBoundingClientRect();
      item = row.querySelector<HTMLElement>(`[role="menu"] sl-menu-item[value="${value}"]`);
      const menu = item?.closest('[role="menu"]')?.getBoundingClientRect();
      return menu && menu.height > 0 && (Math.abs(menu.top - trigger.bottom) <= 1 || Math.abs(menu.bottom - trigger.top) <= 1);
    },
    `"${value}" in the menu of "${name}"`,
    WAIT,
  );
  await click(item!);
}

/** Opens a PAT from the list with a real click on its row; resolves once its page has loaded. */
export async function openRow(manager: PatManager, name: string): Promise<PatDetail> {
  const id = rowByName(manager, name).dataset.id!;
  await click(rowByName(manager, name).querySelector('td.name')!);
  await until(() => location.hash === `#/pats/${id}`, `the URL of "${name}"`, WAIT);
  return detailLoaded(manager, name);
}

// ---------------------------------------------------------------------------------------------
// The create form

/** The create view's pat-create-form; fails naming the view shown instead. */
export function form(manager: PatManager): PatCreateForm {
  const found = mroot(manager).querySelector<PatCreateForm>('pat-create-form');
  if (!found) throw new Error(`no pat-create-form (the view is "${heading(manager)}")`);
  return found;
}

/** The create form's shadow root. */
export const froot = (manager: PatManager) => form(manager).shadowRoot!;
/** The create form's Name field. */
export const nameInput = (manager: PatManager) => froot(manager).querySelector<SlInput>('sl-input[part="name"]')!;
/** The create form's Description field. */
export const descriptionArea = (manager: PatManager) => froot(manager).querySelector<SlTextarea>('sl-textarea[part="description"]')!;
/** The create form's expiry picker. */
export const formPicker = (manager: PatManager) => froot(manager).querySelector<PatDurationPicker>('pat-duration-picker')!;
/** The preset select of an expiry picker. */
export const presetSelect = (picker: PatDurationPicker) => picker.shadowRoot!.querySelector<SlSelect>('sl-select[part="preset"]')!;
/** The create form's scope editor. */
export const formEditor = (manager: PatManager) => froot(manager).querySelector<PatScopeEditor>('pat-scope-editor')!;
/** A scope editor's rows. */
export const editorRows = (editor: PatScopeEditor) => [...editor.shadowRoot!.querySelectorAll<HTMLFieldSetElement>('fieldset[part="row"]')];
/** A scope row's entity type select. */
export const typeSelect = (fieldset: Element) => fieldset.querySelector<SlSelect>('sl-select:not([multiple])')!;
/** A scope row's operations select. */
export const operationsSelect = (fieldset: Element) => fieldset.querySelector<SlSelect>('sl-select[multiple]')!;
/** The create form's submit button. */
export const submitButton = (manager: PatManager) => froot(manager).querySelector<SlButton>('sl-button[part="submit"]')!;
/** The create form's alert text, '' when there is none. */
export const formAlert = (manager: PatManager) => text(froot(manager).querySelector('sl-alert'));

/** Scope row `index` of `editor`; fails saying how many there are. */
export function editorRow(editor: PatScopeEditor, index: number): HTMLFieldSetElement {
  const found = editorRows(editor)[index];
  if (!found) throw new Error(`no scope row ${index + 1} (there are ${editorRows(editor).length})`);
  return found;
}

/** Waits for the create view with its catalog (presets and entity types). */
export async function formLoaded(manager: PatManager): Promise<void> {
  await until(
    () =>
      // Defined: the manager loads its create view's element after the list.
      mroot(manager).querySelector('pat-create-form')?.shadowRoot &&
      formPicker(manager)?.value &&
      editorRows(formEditor(manager)).length > 0 &&
      typeSelect(editorRow(formEditor(manager), 0)).querySelectorAll('sl-option').length > 0,
    'the create form and its catalog',
    WAIT,
  );
  await form(manager).updateComplete;
}

// ---------------------------------------------------------------------------------------------
// A PAT's details

/** A token's pat-detail; fails naming the view shown instead. */
export function detail(manager: PatManager): PatDetail {
  const found = mroot(manager).querySelector<PatDetail>('pat-detail');
  if (!found) throw new Error(`no pat-detail (the view is "${heading(manager)}")`);
  return found;
}

/** A token's page's shadow root. */
export const droot = (manager: PatManager) => detail(manager).shadowRoot!;
/** The name heading a token's page, '' when none does. */
export const title = (manager: PatManager) => text(droot(manager).querySelector('[part="title"]'));
/** The heading of a token's page: its name, or what stands in its place. */
export const pageHeading = (manager: PatManager) => droot(manager).querySelector<HTMLElement>('h2');
/** The secret banner of a token's page, or null. */
export const banner = (manager: PatManager) => droot(manager).querySelector<PatSecretBanner>('pat-secret-banner');
/** The scopes table of a token's page, or null. */
export const scopesTable = (manager: PatManager) => droot(manager).querySelector('[part="scopes-table"]');
/** Whether the scopes are loading (or their table is not there yet). */
export const scopesBusy = (manager: PatManager) => scopesTable(manager)?.getAttribute('aria-busy') !== 'false';
/** The scopes table's state message ("No scopes yet", an error), '' when there is none. */
export const scopesState = (manager: PatManager) => text(scopesTable(manager)?.querySelector('tbody .state'));
/** The pencil that edits the name or the description in place. */
export const pencil = (manager: PatManager, which: 'name' | 'description') =>
  droot(manager).querySelector<HTMLElement>(`sl-icon-button[data-edit="${which}"]`)!;
/** The in-place editor of the name or the description, while one is open. */
export const inlineEditor = (manager: PatManager) => droot(manager).querySelector<HTMLElement & { value: string }>('.edit [data-editor]');

/** The scopes table as the user reads it: type, operation, entity, domain. */
export function scopeRows(manager: PatManager): string[][] {
  return [...droot(manager).querySelectorAll<HTMLTableRowElement>('[part="scopes-table"] tbody tr')]
    .filter((row) => row.querySelectorAll('td').length > 1)
    .map((row) => [...row.querySelectorAll('td')].slice(0, 4).map((cell) => text(cell)));
}

/** The `.field` row whose term is `label`. */
export function field(manager: PatManager, label: string): HTMLElement {
  const found = [...droot(manager).querySelectorAll<HTMLElement>('.field')].find(
    (candidate) => text(candidate.querySelector('dt')) === label,
  );
  if (!found) throw new Error(`no field "${label}"`);
  return found;
}

/** The Status row of a token's page. */
export const statusField = (manager: PatManager) => field(manager, strings.detail.status);
/** The text of the field `label`. */
export const fieldText = (manager: PatManager, label: string) => text(field(manager, label).querySelector('dd'));
/** The status badges' texts. */
export const badges = (manager: PatManager) => [...statusField(manager).querySelectorAll('sl-badge')].map((badge) => text(badge));

/** Waits until the detail view shows the PAT named `name` with its scopes. */
export async function detailLoaded(manager: PatManager, name: string): Promise<PatDetail> {
  await until(
    () =>
      mroot(manager).querySelector('pat-detail')?.shadowRoot &&
      title(manager) === name &&
      !scopesBusy(manager) &&
      (scopeRows(manager).length > 0 || scopesState(manager)),
    `the details of "${name}"`,
    WAIT,
  );
  return detail(manager);
}

/** The trash icon of the scope row that reads `row` (as scopeRows() gives it). */
export function trashFor(manager: PatManager, row: string[]): HTMLElement {
  const tr = [...droot(manager).querySelectorAll<HTMLTableRowElement>('[part="scopes-table"] tbody tr')].find(
    (candidate) => JSON.stringify([...candidate.querySelectorAll('td')].slice(0, 4).map((cell) => text(cell))) === JSON.stringify(row),
  );
  if (!tr) throw new Error(`no scope row ${JSON.stringify(row)} among ${JSON.stringify(scopeRows(manager))}`);
  return tr.querySelector<HTMLElement>('td.trash sl-icon-button')!;
}

/** The confirmation dialog of a token's page. */
export const detailConfirm = (manager: PatManager) => droot(manager).querySelector<PatConfirmDialog>('pat-confirm-dialog')!;
/** Its sl-dialog. */
export const detailConfirmSl = (manager: PatManager) => detailConfirm(manager).shadowRoot!.querySelector<SlDialog>('sl-dialog')!;
/** A part of a confirmation dialog: its confirm or cancel button, or its message. */
export const confirmPart = (dialog: PatConfirmDialog, part: 'confirm' | 'cancel' | 'message') =>
  dialog.shadowRoot!.querySelector<HTMLElement>(`[part="${part}"]`)!;
/** The regenerate dialog of a token's page. */
export const regenerateDialog = (manager: PatManager) => droot(manager).querySelector<PatRegenerateDialog>('pat-regenerate-dialog')!;
/** Its sl-dialog. */
export const regenerateSl = (manager: PatManager) => regenerateDialog(manager).shadowRoot!.querySelector<SlDialog>('sl-dialog')!;
/** Its expiry picker. */
export const regeneratePicker = (manager: PatManager) =>
  regenerateDialog(manager).shadowRoot!.querySelector<PatDurationPicker>('pat-duration-picker')!;
/** Its submit button. */
export const regenerateSubmit = (manager: PatManager) =>
  regenerateDialog(manager).shadowRoot!.querySelector<HTMLElement>('[part="submit"]')!;
/** Its Cancel button. */
export const regenerateCancel = (manager: PatManager) =>
  regenerateDialog(manager).shadowRoot!.querySelector<HTMLElement>('[slot="footer"] sl-button:not([part="submit"])')!;
/** The Add Scope dialog of a token's page. */
export const addScopeSl = (manager: PatManager) => droot(manager).querySelector<SlDialog>('sl-dialog.add-scope')!;
/** Its scope editor. */
export const addScopeEditor = (manager: PatManager) => addScopeSl(manager).querySelector<PatScopeEditor>('pat-scope-editor')!;

/** Opens the regenerate dialog with the Regenerate button of the status row; waits for its presets. */
export async function openRegenerate(manager: PatManager): Promise<void> {
  await opened(regenerateSl(manager), () => click(button(statusField(manager), strings.detail.regenerate)));
  const select = presetSelect(regeneratePicker(manager));
  await until(() => !select.disabled && select.value === '30d' && select.querySelectorAll('sl-option').length > 1, 'the presets', WAIT);
}

/** Opens the Add Scope dialog with its button; resolves to its editor once it has one row and the catalog. */
export async function openAddScope(manager: PatManager): Promise<PatScopeEditor> {
  await opened(addScopeSl(manager), () => click(button(droot(manager), strings.detail.addScope)));
  const editor = addScopeEditor(manager);
  await until(
    () => editorRows(editor).length === 1 && typeSelect(editorRow(editor, 0)).querySelectorAll('sl-option').length > 0,
    'one scope row and the catalog',
    WAIT,
  );
  return editor;
}

/** Fills the only row of the scope editor in an Add Scope `dialog`: type, operations, and entity ids (or All when there are none); no domain. */
export async function fillOnlyScopeRow(dialog: SlDialog, type: string, operations: string[], ids: string[] = []): Promise<void> {
  const editor = dialog.querySelector<PatScopeEditor>('pat-scope-editor')!;
  const fieldset = editorRow(editor, 0);
  await chooseOne(typeSelect(fieldset), type);
  await until(
    () => !operationsSelect(fieldset).disabled && operationsSelect(fieldset).querySelectorAll('sl-option').length > 0,
    'the operations',
    WAIT,
  );
  // A click on the dialog's title closes the operations (Escape would close the dialog too).
  await chooseMany(operationsSelect(fieldset), operations, dialog.shadowRoot!.querySelector('[part="title"]')!);
  if (ids.length === 0) {
    // A new row has no entity choice: All is picked, as a person would.
    await click(fieldset.querySelector('sl-radio-button[value="all"]')!);
    await until(() => editor.scopes.length === operations.length, 'All chosen', WAIT);
  } else {
    const editorRoot = editor.shadowRoot!;
    await click(editorRoot.querySelector('sl-radio-button[value="some"]')!);
    await until(() => editorRoot.querySelector('.entity sl-input'), 'the entity field', WAIT);
    await click(editorRoot.querySelector('.entity sl-input')!);
    for (const id of ids) {
      await sendKeys({ type: id });
      await sendKeys({ press: 'Enter' });
    }
    await until(() => editorRoot.querySelectorAll('.ids sl-tag').length === ids.length, 'the entity tags', WAIT);
  }
}

/** Fills the only row of the Add Scope dialog of a token's page, as fillOnlyScopeRow() does. */
export async function fillAddScopeRow(manager: PatManager, type: string, operations: string[], ids: string[] = []): Promise<void> {
  await fillOnlyScopeRow(addScopeSl(manager), type, operations, ids);
}
