import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { repeat } from 'lit/directives/repeat.js';
import '@shoelace-style/shoelace/dist/components/button/button.js';
import '@shoelace-style/shoelace/dist/components/alert/alert.js';
import type SlInput from '@shoelace-style/shoelace/dist/components/input/input.js';
import type SlMenuItem from '@shoelace-style/shoelace/dist/components/menu-item/menu-item.js';
import type SlSelect from '@shoelace-style/shoelace/dist/components/select/select.js';
import type { Pat, PatSortKey, SortDirection, StatusFilter } from '../../contract/types.js';
import type { PatConfirmDialog } from '../pat-confirm-dialog/pat-confirm-dialog.component.js';
import { baseStyles } from '../common/base.styles.js';
import type { PatListState } from '../common/events.js';
import { errorText } from '../api/api-error.js';
import { PatApiElement } from '../common/pat-api-element.js';
import { PAGE_SIZES, statusesOf, validListState } from '../common/list-state.js';
import { Announcer } from '../common/announcer.js';
import { renderPager } from './pat-table.pager.js';
import { RowMenu } from './pat-table.row-menu.js';
import { PatListData } from './pat-table.list.js';
import { renderCounts } from './pat-table.counts.js';
import {
  patColumns,
  renderColumnHeader,
  renderEmpty,
  renderListError,
  renderPatRow,
  renderRowMenuItems,
  skeletonRows,
  stateRow,
} from './pat-table.rows.js';
import { renderToolbar } from './pat-table.toolbar.js';
import styles from './pat-table.styles.js';

const SEARCH_DEBOUNCE_MS = 300;

/**
 * @tagname pat-table
 * @summary The user's PATs: counts that filter, search, status filter, sortable columns,
 * pagination and a menu of actions on each row. A row's end is when its PAT stops working: its
 * expiry, or sooner, unless it is used, its idle limit (marked with an hourglass).
 *
 * The row menu animates as Shoelace's elements do: its animations are `pat-table.row-menu.show`
 * and `pat-table.row-menu.hide` in Shoelace's animation registry (`setAnimation(table, …)` for
 * one table, `setDefaultAnimation(…)` for all).
 *
 * @event {CustomEvent<PatEventMap['pat-select']>} pat-select - A row was opened (click, Enter, or View). `detail.id` is the PAT's id.
 * @event {CustomEvent<PatEventMap['pat-navigate']>} pat-navigate - Create PAT, Add scope or Regenerate was chosen: `detail.route` is
 *   `/pats/new`, `/pats/<id>/add-scope` or `/pats/<id>/regenerate`.
 * @event {CustomEvent<PatEventMap['pat-query-change']>} pat-query-change - The user changed the filter, search, sort or page; `detail` is the new state.
 * @event {CustomEvent<PatEventMap['pat-request-delete']>} pat-request-delete - Cancelable, before one PAT is deleted.
 * @event {CustomEvent<PatEventMap['pat-request-delete-all']>} pat-request-delete-all - Cancelable, before all PATs are deleted.
 * @event {CustomEvent<PatEventMap['pat-request-revoke']>} pat-request-revoke - Cancelable, before a PAT is revoked.
 * @event {CustomEvent<PatEventMap['pat-request-duplicate']>} pat-request-duplicate - Cancelable: Duplicate was chosen. `<pat-manager>` then opens
 *   the create form filled from the PAT; a host without it opens its own.
 * @event {CustomEvent<PatEventMap['pat-deleted']>} pat-deleted - A PAT was deleted.
 * @event {CustomEvent<PatEventMap['pat-all-deleted']>} pat-all-deleted - All PATs were deleted; `detail.deleted` is how many.
 * @event {CustomEvent<PatEventMap['pat-revoked']>} pat-revoked - A PAT was revoked.
 * @event {CustomEvent<PatEventMap['pat-error']>} pat-error - A request failed; `detail.action` names it.
 *
 * @csspart base - The whole element.
 * @csspart stats - The list of counts.
 * @csspart stat - One count (a button that filters).
 * @csspart toolbar - Search, status filter and the Create / Delete All buttons.
 * @csspart table - The native table.
 * @csspart row - A PAT's row. The browser lays a row out only as it comes near the view (`content-visibility: auto`);
 *   `pat-table::part(row) { content-visibility: visible; }` lays out every row at once.
 * @csspart footer - Rows per page and the pager.
 * @csspart toast - What an action did (Copy ID, Revoke, Delete…), shown for a few seconds at the foot of the viewport.
 *
 * @cssproperty --pat-table-row-hover - Background of the row under the pointer.
 */
export class PatTable extends PatApiElement {
  static override styles = [baseStyles, styles];

  #searchTimer?: ReturnType<typeof setTimeout>;

  #data = new PatListData(this, () => [this.api, this.status, this.search, this.sort, this.sortDir, this.page, this.pageSize] as const);

  #rowMenu = new RowMenu(this);
  #announcer = new Announcer(this, { toast: true });

  @query('pat-confirm-dialog') private confirmDialog?: PatConfirmDialog;

  /** The confirmation dialog is rendered the first time something asks, not with the table. */
  @state() private confirmWanted = false;

  @state() private searchDraft = '';

  // The defaults below are LIST_STATE_DEFAULTS, written out so that the manifest documents them
  // (its analyzer reads literals only); a test holds them equal.

  /**
   * The status filter: `active`, `expiring` (active, expiring within a week), `revoked`,
   * `expired` or `all`, or several comma-separated (`revoked,expired`).
   */
  @property({ reflect: true }) status = 'active';

  /** The name search (substring, case-insensitive). */
  @property({ reflect: true }) search = '';

  /** The sort key: `issued_at`, `expires_at`, `name` or `last_used_at`. */
  @property({ reflect: true }) sort: PatSortKey = 'issued_at';

  /** The sort direction: `desc` or `asc`. (Not `dir`: that is the element's text direction.) */
  @property({ reflect: true, attribute: 'sort-dir' }) sortDir: SortDirection = 'desc';

  /** The page shown, from 1. */
  @property({ type: Number, reflect: true }) page = 1;

  /** Rows per page: 10, 25 or 50. */
  @property({ type: Number, reflect: true, attribute: 'page-size' }) pageSize = 10;

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.#searchTimer);
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    Object.assign(this, validListState(this.listState));
    if (changed.has('search')) this.searchDraft = this.search;
    // The open menu's row left the page (reloaded, deleted): the menu goes with it.
    const shown = this.#data.page && !this.#data.awaitingCounts ? this.#data.page.pats : [];
    const open = this.#rowMenu.openId;
    if (open && !shown.some((pat) => pat.id === open)) this.#rowMenu.drop();
  }

  private setQuery(changes: Partial<PatListState>) {
    Object.assign(this, changes);
    this.emit('pat-query-change', this.listState);
  }

  private onSearchInput(event: Event) {
    this.searchDraft = (event.target as SlInput).value;
    clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(() => {
      if (this.searchDraft.trim() !== this.search) this.setQuery({ search: this.searchDraft.trim(), page: 1 });
    }, SEARCH_DEBOUNCE_MS);
  }

  private onStatusChange(event: Event) {
    const chosen = (event.target as SlSelect).value as string[];
    this.setQuery({ status: chosen.length === 0 ? 'all' : statusesOf(chosen.join(',')).join(','), page: 1 });
  }

  private onStatClick(status: StatusFilter) {
    this.setQuery({ status, page: 1 });
  }

  private onSort(key: PatSortKey) {
    const sortDir: SortDirection = this.sort === key ? (this.sortDir === 'asc' ? 'desc' : 'asc') : key === 'name' ? 'asc' : 'desc';
    this.setQuery({ sort: key, sortDir, page: 1 });
  }

  private onResetFilters() {
    clearTimeout(this.#searchTimer);
    this.setQuery({ status: 'all', search: '', page: 1 });
  }

  private onCreate() {
    this.emit('pat-navigate', { route: '/pats/new' });
  }

  /** The row `target` is in, and its PAT. */
  #rowOf(target: EventTarget | null): { row: HTMLTableRowElement; pat: Pat } | undefined {
    const row = target instanceof Element ? target.closest<HTMLTableRowElement>('tr[data-id]') : null;
    const pat = row ? this.#data.page?.pats.find((candidate) => candidate.id === row.dataset.id) : undefined;
    return row && pat ? { row, pat } : undefined;
  }

  // The rows' events are handled once, on the table body, rather than on each row.

  private onBodyClick(event: MouseEvent) {
    const hit = this.#rowOf(event.target);
    if (hit && !this.#rowMenu.handleClick(event, hit.pat.id)) this.emit('pat-select', { id: hit.pat.id });
  }

  private onBodyKeydown(event: KeyboardEvent) {
    const hit = this.#rowOf(event.target);
    if (!hit) return;
    if (event.target !== hit.row) this.#rowMenu.handleKeydown(event, hit.pat.id);
    else if (event.key === 'Enter') {
      event.preventDefault();
      this.emit('pat-select', { id: hit.pat.id });
    }
  }

  private async onRowAction(event: CustomEvent<{ item: SlMenuItem }>, pat: Pat) {
    const trigger = this.#rowMenu.trigger;
    void this.#rowMenu.close(true);
    switch (event.detail.item.value) {
      case 'view':
        this.emit('pat-select', { id: pat.id });
        break;
      case 'copy':
        await this.#copyId(pat);
        break;
      case 'add-scope':
        this.emit('pat-navigate', { route: `/pats/${pat.id}/add-scope` });
        break;
      case 'regenerate':
        this.emit('pat-navigate', { route: `/pats/${pat.id}/regenerate` });
        break;
      case 'duplicate':
        this.emit('pat-request-duplicate', { id: pat.id, name: pat.name }, { cancelable: true });
        break;
      case 'revoke':
        await this.#revoke(pat, trigger);
        break;
      case 'delete':
        await this.#delete(pat, trigger);
        break;
    }
  }

  private async onDeleteAll(event: Event) {
    const count = this.#data.summary?.total ?? this.#data.page?.total ?? 0;
    const deleted = await this.confirmDeleteAll(() => this.#confirmDialog(), count, event.currentTarget as HTMLElement);
    if (deleted === undefined) return;
    this.#announcer.announce(this.t.table.allDeleted(deleted));
    this.page = 1;
    this.refresh();
    void this.#refocus(0);
  }

  /** The confirmation dialog, loaded and rendered now if it is the first time one is needed. */
  async #confirmDialog(): Promise<PatConfirmDialog> {
    await import('../pat-confirm-dialog/pat-confirm-dialog.js');
    this.confirmWanted = true;
    await this.updateComplete;
    return this.confirmDialog!;
  }

  async #copyId(pat: Pat) {
    try {
      await navigator.clipboard.writeText(pat.id);
      this.#announcer.announce(this.t.table.idCopied(pat.name));
    } catch {
      this.#announcer.announce(this.t.copyFailed);
    }
  }

  async #revoke(pat: Pat, trigger?: HTMLElement) {
    if (!(await this.confirmRevoke(() => this.#confirmDialog(), pat, trigger))) return;
    this.#announcer.announce(this.t.table.revoked(pat.name));
    this.refresh();
    void this.#refocus(this.#rowIndex(pat));
  }

  async #delete(pat: Pat, trigger?: HTMLElement) {
    const rows = this.#data.page?.pats.length ?? 0;
    const index = this.#rowIndex(pat);
    if (!(await this.confirmDelete(() => this.#confirmDialog(), pat, trigger))) return;
    this.#announcer.announce(this.t.table.deleted(pat.name));
    // The last row of a later page went: show the page before rather than an empty one.
    if (rows === 1 && this.page > 1) this.setQuery({ page: this.page - 1 });
    this.refresh();
    void this.#refocus(index);
  }

  #rowIndex(pat: Pat): number {
    return this.#data.page?.pats.findIndex((row) => row.id === pat.id) ?? 0;
  }

  /**
   * After a row left the list, focus the row that took its place (or the one before), or the
   * Create button when none is left, so keyboard users keep their place.
   */
  async #refocus(index: number) {
    await this.#data.settled;
    await this.updateComplete;
    const rows = this.renderRoot.querySelectorAll<HTMLElement>('tbody tr[data-id]');
    const target = rows[Math.min(index, rows.length - 1)] ?? this.renderRoot.querySelector<HTMLElement>('.actions sl-button');
    target?.focus();
  }

  /** The list state as the attributes hold it. */
  get listState(): PatListState {
    return { status: this.status, search: this.search, sort: this.sort, sortDir: this.sortDir, page: this.page, pageSize: this.pageSize };
  }

  /** Loads the rows and counts again, keeping the current rows on screen meanwhile. */
  refresh(): void {
    this.#data.refresh();
  }

  private renderCounts() {
    const summary = this.#data.summary;
    return renderCounts(
      [
        {
          label: this.t.status.active,
          value: summary?.active,
          pressed: this.status === 'active',
          onClick: () => this.onStatClick('active'),
        },
        {
          label: this.t.status.expiring,
          value: summary?.expiring_soon,
          pressed: this.status === 'expiring',
          onClick: () => this.onStatClick('expiring'),
        },
        {
          label: this.t.status.revoked,
          value: summary?.revoked,
          pressed: this.status === 'revoked',
          onClick: () => this.onStatClick('revoked'),
        },
        {
          label: this.t.status.expired,
          value: summary?.expired,
          pressed: this.status === 'expired',
          onClick: () => this.onStatClick('expired'),
        },
      ],
      this.locale,
    );
  }

  private renderToolbar() {
    return renderToolbar({
      searchDraft: this.searchDraft,
      status: this.status,
      sort: this.sort,
      sortDir: this.sortDir,
      canDeleteAll: (this.#data.summary?.total ?? 0) > 0,
      onSearchInput: (event) => this.onSearchInput(event),
      onStatusChange: (event) => this.onStatusChange(event),
      onSortChange: (sort, sortDir) => this.setQuery({ sort, sortDir, page: 1 }),
      onCreate: () => this.onCreate(),
      onDeleteAll: (event) => this.onDeleteAll(event),
      t: this.t,
    });
  }

  /** The open row menu's items. */
  private renderRowMenu(pat: Pat) {
    return this.#rowMenu.render(renderRowMenuItems(pat, (event) => this.onRowAction(event, pat), this.t));
  }

  private renderBody(columns: number) {
    const page = this.#data.page;
    // A failed load never leaves rows of another filter under the new one.
    if (this.#data.error && (!page || this.#data.stale))
      return stateRow(
        columns,
        renderListError(this.#data.error, () => this.refresh(), this.t),
      );
    // An empty page is "nothing yet" or "no match" by the counts: while they reload, it is still loading.
    if (!page || this.#data.awaitingCounts) return skeletonRows(columns);
    if (page.pats.length === 0) {
      const nothingYet = this.#data.summary?.total === 0;
      return stateRow(columns, renderEmpty(nothingYet, { onCreate: () => this.onCreate(), onReset: () => this.onResetFilters() }, this.t));
    }
    const now = Date.now();
    const { locale } = this;
    // Keyed by id, so focus never lands on a row that now shows another PAT.
    return repeat(
      page.pats,
      (pat) => pat.id,
      (pat) => renderPatRow(pat, now, this.#rowMenu.openId === pat.id ? this.renderRowMenu(pat) : nothing, locale),
    );
  }

  private renderFooter() {
    const page = this.#data.page;
    if (!page || page.total === 0 || (this.#data.error && this.#data.stale)) return nothing;
    return html`<div class="footer" part="footer">
      ${renderPager({
        page: this.page,
        pageSize: this.pageSize,
        pageSizes: PAGE_SIZES,
        total: page.total,
        shown: page.pats.length,
        onPage: (target) => this.setQuery({ page: target }),
        onPageSize: (pageSize) => this.setQuery({ pageSize, page: 1 }),
        locale: this.locale,
      })}
    </div>`;
  }

  override render() {
    const columns = patColumns(this.t);
    const busy = this.#data.loading || this.#data.awaitingCounts;
    const failedRefetch = this.#data.page && !this.#data.stale ? this.#data.error : undefined;
    return html`
      <div class="base" part="base">
        ${this.renderCounts()} ${this.renderToolbar()}
        ${
          failedRefetch
            ? html`<sl-alert variant="danger" open>
                <strong>${this.t.table.errorTitle}</strong> ${errorText(failedRefetch, this.t)}
                <sl-button class="retry" size="small" @click=${() => this.refresh()}>${this.t.retry}</sl-button>
              </sl-alert>`
            : nothing
        }
        <div class="frame">
          <table part="table" aria-busy=${busy ? 'true' : 'false'}>
            <caption class="visually-hidden">
              ${this.t.table.caption}
            </caption>
            <thead>
              <tr>
                ${columns.map((column) => renderColumnHeader(column, this.sort, this.sortDir, (key) => this.onSort(key)))}
                <th scope="col"><span class="visually-hidden">${this.t.table.columns.actions}</span></th>
              </tr>
            </thead>
            <tbody
              class=${classMap({ busy })}
              @click=${this.onBodyClick}
              @keydown=${this.onBodyKeydown}
              @keyup=${this.#rowMenu.handleKeyup}
            >
              ${this.renderBody(columns.length + 1)}
            </tbody>
          </table>
        </div>
        ${this.renderFooter()} ${this.#announcer.render()} ${this.confirmWanted ? html`<pat-confirm-dialog></pat-confirm-dialog>` : nothing}
      </div>
    `;
  }
}
