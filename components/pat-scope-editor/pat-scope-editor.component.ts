import { TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import '@shoelace-style/shoelace/dist/components/button/button.js';
import '@shoelace-style/shoelace/dist/components/icon/icon.js';
import '@shoelace-style/shoelace/dist/components/icon-button/icon-button.js';
import '@shoelace-style/shoelace/dist/components/input/input.js';
import '@shoelace-style/shoelace/dist/components/option/option.js';
import '@shoelace-style/shoelace/dist/components/radio-button/radio-button.js';
import '@shoelace-style/shoelace/dist/components/radio-group/radio-group.js';
import '@shoelace-style/shoelace/dist/components/select/select.js';
import '@shoelace-style/shoelace/dist/components/tag/tag.js';
import type SlInput from '@shoelace-style/shoelace/dist/components/input/input.js';
import type SlSelect from '@shoelace-style/shoelace/dist/components/select/select.js';
import { LIMITS, WILDCARD, operationsOf, type Catalog, type FieldError, type ScopeInput } from '../../contract/index.js';
import { baseStyles } from '../common/base.styles.js';
import { Announcer } from '../common/announcer.js';
import { CatalogTask } from '../common/catalog.js';
import { comboboxId, renderEntityCombobox, type ComboboxActions } from './pat-scope-editor.combobox.js';
import { checkRows, emptyRow, expandRow, rowsFrom, withServerErrors, type EntityOption, type ScopeRow } from './pat-scope-editor.rows.js';
import { PatApiElement } from '../common/pat-api-element.js';
import styles from './pat-scope-editor.styles.js';

/** One entity the host's lookup knows: its id and the name people recognise. */
export type { EntityOption };

/** Lets a host offer entity names: `(type, query) → matches`. */
export type EntityLookup = (entityType: string, query: string) => Promise<EntityOption[]>;

const LOOKUP_DEBOUNCE_MS = 250;

/**
 * @tagname pat-scope-editor
 * @summary Edits a list of scopes as rows of entity type → operations → entities (some ids, or
 * All) → domain, driven entirely by the catalog. A row with several operations or ids stands
 * for one scope each; duplicates are flagged before anything is sent.
 *
 * @event {CustomEvent<PatEventMap['pat-scopes-change']>} pat-scopes-change - The user changed the rows; `detail.scopes` is the expanded list.
 *
 * @csspart base - The wrapper.
 * @csspart row - One scope row (a fieldset).
 * @csspart add - The Add another scope button.
 */
export class PatScopeEditor extends PatApiElement {
  static override styles = [baseStyles, styles];

  #nextKey = 1;
  #lookupTimer?: ReturnType<typeof setTimeout>;
  /** Names the lookup returned, so tags can show them. */
  #names = new Map<string, string>();

  #catalog = new CatalogTask(
    this,
    () => this.api,
    () => this.catalog,
  );
  #announcer = new Announcer(this);

  @state() private rows: ScopeRow[] = [];
  @state() private errors = new Map<number, string[]>();

  /** The scopes to start from (grouped into rows by type, entity and domain). */
  @property({ attribute: false }) value: ScopeInput[] = [];

  /** The catalog to use instead of fetching it. */
  @property({ attribute: false }) catalog?: Catalog;

  /** Turns the entity field into a search (a combobox with a list of suggestions) that shows names. */
  @property({ attribute: false }) entityLookup?: EntityLookup;

  /** Start with one empty row when `value` is empty. */
  @property({ type: Boolean, attribute: 'start-with-row' }) startWithRow = false;

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.#lookupTimer);
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('value')) this.rows = rowsFrom(this.value, () => this.#nextKey++);
    if (this.rows.length === 0 && this.startWithRow && changed.has('startWithRow')) this.rows = [emptyRow(this.#nextKey++)];
  }

  #change(index: number, changes: Partial<ScopeRow>) {
    this.rows = this.rows.map((row, i) => (i === index ? { ...row, ...changes } : row));
    if (this.errors.size > 0) this.errors = this.#check();
    this.emit('pat-scopes-change', { scopes: this.scopes });
  }

  /** The rows' problems, a missing domain among them where the catalog requires one. */
  #check() {
    return checkRows(this.rows, this.t, this.#catalog.value?.domain_required === true);
  }

  /** Changes what only this element sees (the draft, the suggestions): no event. */
  #patch(index: number, changes: Partial<ScopeRow>) {
    this.rows = this.rows.map((row, i) => (i === index ? { ...row, ...changes } : row));
  }

  /** The entity combobox of the row with `key` (its ids are unique in this shadow root). */
  #combobox(key: number): HTMLInputElement | null {
    return this.renderRoot.querySelector<HTMLInputElement>(`#${comboboxId(key)}`);
  }

  private onType(index: number, event: Event) {
    const entityType = (event.target as SlSelect).value as string;
    const allowed = operationsOf(this.#catalog.value ?? { entity_types: [] }, entityType) ?? [];
    const operations = this.rows[index]!.operations.filter((op) => allowed.includes(op));
    this.#change(index, { entityType, operations, suggestions: [], open: false, active: -1 });
  }

  private onOperations(index: number, event: Event) {
    this.#change(index, { operations: [...((event.target as SlSelect).value as string[])] });
  }

  private onEntityMode(index: number, event: Event) {
    this.#change(index, { all: (event.target as HTMLInputElement).value === 'all' });
  }

  private onDraft(index: number, event: Event) {
    const draft = (event.target as SlInput | HTMLInputElement).value;
    // The text changed: a highlighted suggestion no longer stands for it.
    this.#patch(index, { draft, active: -1 });
    const lookup = this.entityLookup;
    const entityType = this.rows[index]!.entityType;
    clearTimeout(this.#lookupTimer);
    if (!lookup || !entityType || !draft.trim()) {
      this.#patch(index, { suggestions: [], open: false });
      return;
    }
    const key = this.rows[index]!.key;
    const query = draft.trim();
    this.#lookupTimer = setTimeout(async () => {
      const found = await lookup(entityType, query).catch(() => []);
      for (const option of found) this.#names.set(option.id, option.name);
      // A late answer to an older query (or to one already picked from) is not shown.
      const at = this.rows.findIndex((row) => row.key === key && row.draft.trim() === query);
      if (at < 0) return;
      const suggestions = found.slice(0, 20);
      // Only the field being typed in opens its list, and says so.
      const focused = (this.renderRoot as ShadowRoot).activeElement === this.#combobox(key);
      this.#patch(at, { suggestions, open: focused && suggestions.length > 0, active: -1 });
      if (focused) this.#announcer.announce(this.t.scopes.suggestionCount(suggestions.length));
    }, LOOKUP_DEBOUNCE_MS);
  }

  private onDraftKeydown(index: number, event: KeyboardEvent) {
    if (event.key !== 'Enter' && event.key !== ',') return;
    event.preventDefault();
    this.#addIds(index, this.rows[index]!.draft);
  }

  #addIds(index: number, text: string) {
    const row = this.rows[index]!;
    const added = text
      .split(/[\s,]+/)
      .map((id) => id.trim().slice(0, LIMITS.idMax))
      .filter((id) => id && id !== WILDCARD && !row.ids.includes(id));
    this.#change(index, { ids: [...row.ids, ...new Set(added)], draft: '', suggestions: [], open: false, active: -1 });
  }

  private onPick(index: number, option: EntityOption) {
    this.#names.set(option.id, option.name);
    this.#addIds(index, option.id);
    this.#announcer.clear();
  }

  private onRemoveId(index: number, id: string) {
    this.#change(index, { ids: this.rows[index]!.ids.filter((other) => other !== id) });
    // The button that had focus is gone: go on typing ids.
    void this.updateComplete.then(() =>
      this.renderRoot.querySelectorAll('fieldset')[index]?.querySelector<HTMLElement>('.ids-input, .ids-combobox')?.focus(),
    );
  }

  private onDomain(index: number, event: Event) {
    this.#change(index, { domain: (event.target as SlInput).value.trim() });
  }

  private onAddRow() {
    this.rows = [...this.rows, emptyRow(this.#nextKey++)];
    this.emit('pat-scopes-change', { scopes: this.scopes });
    void this.updateComplete.then(async () => {
      // The new row's select is disabled until the catalog is in, and renders after this
      // element does: focus it once it can take focus.
      await this.#catalog.loaded;
      await this.updateComplete;
      const select = this.renderRoot.querySelector<SlSelect>('fieldset:last-of-type sl-select');
      await select?.updateComplete;
      select?.focus();
    });
  }

  private onRemoveRow(index: number) {
    this.rows = this.rows.filter((_, i) => i !== index);
    this.errors = this.errors.size > 0 ? this.#check() : this.errors;
    this.emit('pat-scopes-change', { scopes: this.scopes });
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.add')?.focus());
  }

  /** The rows as the API takes them: one scope per operation and entity. */
  get scopes(): ScopeInput[] {
    return this.rows.flatMap(expandRow);
  }

  /** Whether a row shows a problem now (after validate(), until it is fixed). */
  get invalid(): boolean {
    return this.errors.size > 0;
  }

  /** Checks every row and shows what is wrong; true when the scopes can be sent. */
  validate(): boolean {
    this.errors = this.#check();
    return this.errors.size === 0;
  }

  /** Moves the focus to the first control of the first row in error; false when no row is. */
  focusFirstInvalid(): boolean {
    const control = this.renderRoot.querySelector<HTMLElement>('fieldset[data-invalid] sl-select, fieldset[data-invalid] sl-input');
    control?.focus();
    return !!control;
  }

  /** Shows the server's `scopes[i].…` errors on the rows they came from. */
  showServerErrors(details: FieldError[]): void {
    this.errors = withServerErrors(this.rows, this.errors, details);
  }

  #comboboxActions(index: number): ComboboxActions {
    return {
      input: (event) => this.onDraft(index, event),
      show: (state) => this.#patch(index, state),
      pick: (option) => this.onPick(index, option),
      commit: () => this.#addIds(index, this.rows[index]!.draft),
      reveal: (optionId) =>
        void this.updateComplete.then(() => this.renderRoot.querySelector(`#${optionId}`)?.scrollIntoView({ block: 'nearest' })),
    };
  }

  private renderEntity(row: ScopeRow, index: number) {
    return html`
      <div class="entity">
        <sl-radio-group
          size="small"
          label=${this.t.scopes.entity}
          name=${`entity-${row.key}`}
          .value=${row.all === null ? '' : row.all ? 'all' : 'some'}
          @sl-change=${(event: Event) => this.onEntityMode(index, event)}
        >
          <sl-radio-button value="all">${this.t.scopes.entityAll}</sl-radio-button>
          <sl-radio-button value="some">${this.t.scopes.entitySpecific}</sl-radio-button>
        </sl-radio-group>
        ${
          row.all !== false
            ? nothing
            : html`
                ${
                  this.entityLookup
                    ? renderEntityCombobox(row, this.#comboboxActions(index), this.t)
                    : html`<sl-input
                        class="ids-input"
                        size="small"
                        label=${this.t.scopes.entityIds}
                        help-text=${this.t.scopes.entityIdsHelp}
                        maxlength=${LIMITS.idMax}
                        .value=${row.draft}
                        @sl-input=${(event: Event) => this.onDraft(index, event)}
                        @keydown=${(event: KeyboardEvent) => this.onDraftKeydown(index, event)}
                        @sl-blur=${() => row.draft.trim() && this.#addIds(index, row.draft)}
                      ></sl-input>`
                }
                <div class="ids">
                  ${row.ids.map((id) => {
                    // Shoelace's own remove button cannot be reached with Tab and is only called "Remove".
                    const name = this.#names.get(id) ?? id;
                    return html`<sl-tag size="small" title=${id}>
                      ${name}
                      <sl-icon-button
                        class="remove-id"
                        library="system"
                        name="x-lg"
                        label=${this.t.scopes.removeId(name)}
                        @click=${() => this.onRemoveId(index, id)}
                      ></sl-icon-button>
                    </sl-tag>`;
                  })}
                </div>
              `
        }
      </div>
    `;
  }

  private renderRow(row: ScopeRow, index: number, catalog: Catalog | undefined) {
    const operations = operationsOf(catalog ?? { entity_types: [] }, row.entityType) ?? [];
    const errors = this.errors.get(row.key);
    return html`
      <fieldset part="row" ?data-invalid=${!!errors}>
        <legend class="visually-hidden">${this.t.scopes.row(index + 1)}</legend>
        <sl-select
          hoist
          size="small"
          label=${this.t.scopes.entityType}
          placeholder=${this.t.scopes.chooseType}
          ?disabled=${!catalog}
          .value=${catalog ? row.entityType : ''}
          @sl-change=${(event: Event) => this.onType(index, event)}
        >
          ${catalog?.entity_types.map((type) => html`<sl-option value=${type.type}>${type.label}</sl-option>`)}
        </sl-select>
        <sl-select
          hoist
          size="small"
          multiple
          max-options-visible="2"
          label=${this.t.scopes.operations}
          placeholder=${this.t.scopes.chooseOperations}
          ?disabled=${!row.entityType}
          .value=${catalog ? row.operations : []}
          @sl-change=${(event: Event) => this.onOperations(index, event)}
        >
          ${operations.map((operation) => html`<sl-option value=${operation}>${operation}</sl-option>`)}
        </sl-select>
        ${this.renderEntity(row, index)}
        <sl-input
          size="small"
          label=${catalog?.domain_required ? this.t.scopes.domainRequired : this.t.scopes.domain}
          help-text=${catalog?.domain_required ? this.t.scopes.domainRequiredHelp : this.t.scopes.domainHelp}
          ?required=${catalog?.domain_required === true}
          maxlength=${LIMITS.idMax}
          .value=${row.domain}
          @sl-change=${(event: Event) => this.onDomain(index, event)}
        ></sl-input>
        <sl-icon-button
          class="remove"
          name="trash"
          label=${this.t.scopes.removeRow(index + 1)}
          @click=${() => this.onRemoveRow(index)}
        ></sl-icon-button>
        ${
          errors
            ? html`<div class="row-errors" role="alert">
                <ul>
                  ${errors.map((message) => html`<li>${message}</li>`)}
                </ul>
              </div>`
            : nothing
        }
      </fieldset>
    `;
  }

  override render() {
    const catalog = this.#catalog.value;
    return html`
      <div class="base" part="base" aria-busy=${this.#catalog.status === TaskStatus.PENDING ? 'true' : 'false'}>
        ${this.#catalog.renderError(this.t.scopes.catalogError, this.t)}
        ${this.rows.length === 0 ? html`<p class="empty">${this.t.scopes.none}</p>` : nothing}
        ${repeat(
          this.rows,
          (row) => row.key,
          (row, index) => this.renderRow(row, index, catalog),
        )}
        <sl-button class="add" part="add" size="small" @click=${this.onAddRow}>
          <sl-icon slot="prefix" name="plus-lg"></sl-icon>${this.t.scopes.addRow}
        </sl-button>
      </div>
      ${this.#announcer.render()}
    `;
  }
}
