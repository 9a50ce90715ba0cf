import { TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
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
import { LIMITS, WILDCARD, operationsOf, scopeKey, type Catalog, type FieldError, type ScopeInput } from '../../contract/index.js';
import { baseStyles } from '../common/base.styles.js';
import { Announcer } from '../common/announcer.js';
import { CatalogTask } from '../common/catalog.js';
import { PatApiElement } from '../common/pat-api-element.js';
import { strings } from '../i18n/strings.js';
import styles from './pat-scope-editor.styles.js';

/** One entity the host's lookup knows: its id and the name people recognise. */
export interface EntityOption {
  id: string;
  name: string;
}

/** Lets a host offer entity names: `(type, query) → matches`. */
export type EntityLookup = (entityType: string, query: string) => Promise<EntityOption[]>;

interface ScopeRow {
  key: number;
  entityType: string;
  operations: string[];
  all: boolean;
  ids: string[];
  domain: string;
  draft: string;
  suggestions: EntityOption[];
  /** Whether the suggestions are shown (the combobox is expanded). */
  open: boolean;
  /** The highlighted suggestion, or -1. */
  active: number;
}

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
 * @csspart add - The Add scope button.
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
    if (changed.has('value')) this.rows = this.#rowsFrom(this.value);
    if (this.rows.length === 0 && this.startWithRow && changed.has('startWithRow')) this.rows = [this.#emptyRow()];
  }

  #emptyRow(): ScopeRow {
    return {
      key: this.#nextKey++,
      entityType: '',
      operations: [],
      all: true,
      ids: [],
      domain: '',
      draft: '',
      suggestions: [],
      open: false,
      active: -1,
    };
  }

  /** Groups scopes that differ only in operation into one row. */
  #rowsFrom(scopes: ScopeInput[]): ScopeRow[] {
    const rows = new Map<string, ScopeRow>();
    for (const scope of scopes) {
      const all = scope.entity_id === WILDCARD;
      const group = JSON.stringify([scope.entity_type, all ? WILDCARD : scope.entity_id, scope.domain_id ?? '']);
      const row = rows.get(group) ?? {
        ...this.#emptyRow(),
        entityType: scope.entity_type,
        all,
        ids: all ? [] : [scope.entity_id],
        domain: scope.domain_id ?? '',
      };
      if (!row.operations.includes(scope.operation)) row.operations.push(scope.operation);
      rows.set(group, row);
    }
    return [...rows.values()];
  }

  #change(index: number, changes: Partial<ScopeRow>) {
    this.rows = this.rows.map((row, i) => (i === index ? { ...row, ...changes } : row));
    if (this.errors.size > 0) this.errors = this.#check();
    this.emit('pat-scopes-change', { scopes: this.scopes });
  }

  /** Changes what only this element sees (the draft, the suggestions): no event. */
  #patch(index: number, changes: Partial<ScopeRow>) {
    this.rows = this.rows.map((row, i) => (i === index ? { ...row, ...changes } : row));
  }

  /** The entity combobox of the row with `key` (its ids are unique in this shadow root). */
  #combobox(key: number): HTMLInputElement | null {
    return this.renderRoot.querySelector<HTMLInputElement>(`#ids-${key}`);
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
      if (focused) this.#announcer.announce(strings.scopes.suggestionCount(suggestions.length));
    }, LOOKUP_DEBOUNCE_MS);
  }

  private onDraftKeydown(index: number, event: KeyboardEvent) {
    if (event.key !== 'Enter' && event.key !== ',') return;
    event.preventDefault();
    this.#addIds(index, this.rows[index]!.draft);
  }

  /** The keys of the entity combobox; focus stays in it, the highlight moves in the list. */
  private onComboboxKeydown(index: number, event: KeyboardEvent) {
    if (event.isComposing) return;
    const row = this.rows[index]!;
    const count = row.suggestions.length;
    const shown = row.open && count > 0;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        if (count === 0) return;
        event.preventDefault();
        // Closed, ArrowDown opens on the first suggestion and ArrowUp on the last; open, both wrap around.
        const step = event.key === 'ArrowDown' ? 1 : -1;
        const from = shown ? row.active : -1;
        const active = from < 0 ? (step === 1 ? 0 : count - 1) : (from + step + count) % count;
        this.#patch(index, { open: true, active });
        void this.updateComplete.then(() =>
          this.renderRoot.querySelector(`#ids-${row.key}-option-${active}`)?.scrollIntoView({ block: 'nearest' }),
        );
        return;
      }
      case 'Enter':
        if (shown && row.active >= 0) {
          event.preventDefault();
          this.onPick(index, row.suggestions[row.active]!);
          return;
        }
        break;
      case 'Escape':
        // Closed, Escape is not ours: a dialog around may close on it.
        if (!shown) return;
        event.preventDefault();
        event.stopPropagation();
        this.#patch(index, { open: false, active: -1 });
        return;
      case 'Tab':
        // Focus moves on as usual; the list closes behind it.
        if (shown) this.#patch(index, { open: false, active: -1 });
        return;
      case 'Home':
      case 'End':
      case 'ArrowLeft':
      case 'ArrowRight':
        // The caret moves in the text, and the highlight goes back to it.
        if (row.active >= 0) this.#patch(index, { active: -1 });
        return;
    }
    this.onDraftKeydown(index, event);
  }

  private onComboboxBlur(index: number) {
    const row = this.rows[index];
    if (row && (row.open || row.active >= 0)) this.#patch(index, { open: false, active: -1 });
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
    this.rows = [...this.rows, this.#emptyRow()];
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

  /** Every row's problems: incomplete rows and scopes that an earlier row already has. */
  #check(): Map<number, string[]> {
    const errors = new Map<number, string[]>();
    const seen = new Map<string, number>();
    const add = (key: number, message: string) => errors.set(key, [...(errors.get(key) ?? []), message]);
    this.rows.forEach((row, index) => {
      // A row nobody touched is no mistake: it stands for no scope (a token may have none).
      if (this.#isBlank(row)) return;
      if (!row.entityType) add(row.key, strings.scopes.needType);
      if (row.operations.length === 0) add(row.key, strings.scopes.needOperation);
      if (!row.all && row.ids.length === 0) add(row.key, strings.scopes.needEntity);
      for (const scope of this.#expand(row)) {
        const other = seen.get(scopeKey(scope));
        if (other !== undefined && other !== index) {
          add(row.key, strings.scopes.duplicate(other + 1));
          break;
        }
        seen.set(scopeKey(scope), index);
      }
    });
    return errors;
  }

  #isBlank(row: ScopeRow): boolean {
    return !row.entityType && row.operations.length === 0 && row.ids.length === 0 && !row.domain && !row.draft.trim();
  }

  #expand(row: ScopeRow): ScopeInput[] {
    const ids = row.all ? [WILDCARD] : row.ids;
    return row.operations.flatMap((operation) =>
      ids.map((entity_id) => ({ entity_type: row.entityType, operation, entity_id, domain_id: row.domain || null })),
    );
  }

  /** The rows as the API takes them: one scope per operation and entity. */
  get scopes(): ScopeInput[] {
    return this.rows.flatMap((row) => this.#expand(row));
  }

  /** Checks every row and shows what is wrong; true when the scopes can be sent. */
  validate(): boolean {
    this.errors = this.#check();
    return this.errors.size === 0;
  }

  /** Shows the server's `scopes[i].…` errors on the rows they came from. */
  showServerErrors(details: FieldError[]): void {
    // The server numbers expanded scopes; find the row each came from.
    const rowOfScope = this.rows.flatMap((row) => this.#expand(row).map(() => row));
    const errors = new Map(this.errors);
    for (const detail of details) {
      const match = /^scopes\[(\d+)\]\.?(\w*)/.exec(detail.field);
      const row = match ? rowOfScope[Number(match[1])] : undefined;
      if (!row) continue;
      errors.set(row.key, [...(errors.get(row.key) ?? []), `${match![2] ? `${match![2].replace('_', ' ')} ` : ''}${detail.message}`]);
    }
    this.errors = errors;
  }

  private renderEntity(row: ScopeRow, index: number) {
    return html`
      <div class="entity">
        <sl-radio-group
          size="small"
          label=${strings.scopes.entity}
          name=${`entity-${row.key}`}
          .value=${row.all ? 'all' : 'some'}
          @sl-change=${(event: Event) => this.onEntityMode(index, event)}
        >
          <sl-radio-button value="all">${strings.scopes.entityAll}</sl-radio-button>
          <sl-radio-button value="some">${strings.scopes.entitySpecific}</sl-radio-button>
        </sl-radio-group>
        ${
          row.all
            ? nothing
            : html`
                ${
                  this.entityLookup
                    ? this.renderCombobox(row, index)
                    : html`<sl-input
                        class="ids-input"
                        size="small"
                        label=${strings.scopes.entityIds}
                        help-text=${strings.scopes.entityIdsHelp}
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
                        label=${strings.scopes.removeId(name)}
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

  /**
   * The entity search as an ARIA 1.2 combobox: a native input here, in this shadow root, so that
   * aria-controls and aria-activedescendant can name the listbox and its options.
   */
  private renderCombobox(row: ScopeRow, index: number) {
    const id = `ids-${row.key}`;
    const shown = row.open && row.suggestions.length > 0;
    const active = shown && row.active >= 0 ? `${id}-option-${row.active}` : undefined;
    return html`
      <div class="ids-field">
        <label class="ids-label" id=${`${id}-label`} for=${id}>${strings.scopes.entityIds}</label>
        <div class="combobox">
          <input
            id=${id}
            class="ids-combobox"
            type="text"
            role="combobox"
            aria-autocomplete="list"
            aria-expanded=${shown ? 'true' : 'false'}
            aria-controls=${`${id}-listbox`}
            aria-activedescendant=${ifDefined(active)}
            aria-describedby=${`${id}-help`}
            autocomplete="off"
            autocapitalize="off"
            spellcheck="false"
            placeholder=${strings.scopes.entitySearch}
            maxlength=${LIMITS.idMax}
            .value=${live(row.draft)}
            @input=${(event: Event) => this.onDraft(index, event)}
            @keydown=${(event: KeyboardEvent) => this.onComboboxKeydown(index, event)}
            @blur=${() => this.onComboboxBlur(index)}
          />
          <div
            class="suggestions"
            id=${`${id}-listbox`}
            role="listbox"
            aria-labelledby=${`${id}-label`}
            ?hidden=${!shown}
            @mousedown=${(event: MouseEvent) => event.preventDefault()}
          >
            ${row.suggestions.map(
              (option, i) =>
                html`<div
                  class="suggestion"
                  id=${`${id}-option-${i}`}
                  role="option"
                  aria-selected=${ifDefined(i === row.active ? 'true' : undefined)}
                  @click=${() => this.onPick(index, option)}
                >
                  <span class="suggestion-name">${option.name}</span> <small class="suggestion-id">${option.id}</small>
                </div>`,
            )}
          </div>
        </div>
        <div class="ids-help" id=${`${id}-help`}>${strings.scopes.entityIdsHelp}</div>
      </div>
    `;
  }

  private renderRow(row: ScopeRow, index: number, catalog: Catalog | undefined) {
    const operations = operationsOf(catalog ?? { entity_types: [] }, row.entityType) ?? [];
    const errors = this.errors.get(row.key);
    return html`
      <fieldset part="row" ?data-invalid=${!!errors}>
        <legend class="visually-hidden">${strings.scopes.row(index + 1)}</legend>
        <sl-select
          hoist
          size="small"
          label=${strings.scopes.entityType}
          placeholder=${strings.scopes.chooseType}
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
          label=${strings.scopes.operations}
          placeholder=${strings.scopes.chooseOperations}
          ?disabled=${!row.entityType}
          .value=${catalog ? row.operations : []}
          @sl-change=${(event: Event) => this.onOperations(index, event)}
        >
          ${operations.map((operation) => html`<sl-option value=${operation}>${operation}</sl-option>`)}
        </sl-select>
        ${this.renderEntity(row, index)}
        <sl-input
          size="small"
          label=${strings.scopes.domain}
          help-text=${strings.scopes.domainHelp}
          maxlength=${LIMITS.idMax}
          .value=${row.domain}
          @sl-change=${(event: Event) => this.onDomain(index, event)}
        ></sl-input>
        <sl-icon-button
          class="remove"
          name="trash"
          label=${strings.scopes.removeRow(index + 1)}
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
        ${this.#catalog.renderError(strings.scopes.catalogError)}
        ${this.rows.length === 0 ? html`<p class="empty">${strings.scopes.none}</p>` : nothing}
        ${repeat(
          this.rows,
          (row) => row.key,
          (row, index) => this.renderRow(row, index, catalog),
        )}
        <sl-button class="add" part="add" size="small" @click=${this.onAddRow}>
          <sl-icon slot="prefix" name="plus-lg"></sl-icon>${strings.scopes.addRow}
        </sl-button>
      </div>
      ${this.#announcer.render()}
    `;
  }
}
