import { initialState, Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues } from 'lit';
import type { ScopeInput } from '../../contract/index.js';
import { property, query, state } from 'lit/decorators.js';
import '@shoelace-style/shoelace/dist/components/button/button.js';
import '@shoelace-style/shoelace/dist/components/icon/icon.js';
import { ApiError } from '../api/api-error.js';
import type { PatCreateForm } from '../pat-create-form/pat-create-form.component.js';
import type { PatDetail } from '../pat-detail/pat-detail.component.js';
import type { EntityLookup } from '../pat-scope-editor/pat-scope-editor.component.js';
import '../pat-table/pat-table.js';
import { baseStyles } from '../common/base.styles.js';
import { LIST_STATE_DEFAULTS } from '../common/list-state.js';
import type { PatEventMap } from '../common/events.js';
import { focusIsFree } from '../common/focus.js';
import { loadStateStyles, renderLoadState } from '../common/load-state.js';
import { PatApiElement, requireApi } from '../common/pat-api-element.js';
import type { PatCopy } from './copy.js';
import { listPath, parseRoute, type ManagerRoute } from './route.js';
import styles from './pat-manager.styles.js';

/**
 * The views besides the list, loaded apart from it: the list renders without waiting for them,
 * and they load once it has (or at once, for a view opened first). Their elements upgrade when
 * they come; what the manager set on them before is kept.
 */
const loadViews = (): Promise<unknown> =>
  Promise.all([import('../pat-create-form/pat-create-form.js'), import('../pat-detail/pat-detail.js')]);

/** An empty form's scopes: one array, so that a render of the manager never hands the form new ones. */
const NO_SCOPES: ScopeInput[] = [];
const NO_IPS: string[] = [];

/**
 * @tagname pat-manager
 * @summary The whole PAT feature in one tag: the list, the create form and a PAT's details,
 * routed by the URL hash (`#/pats`, `#/pats/new`, `#/pats/<id>`) or by the host's router.
 *
 * Duplicate (in a row's menu or on a PAT's page) opens the create view filled from the PAT: its
 * name made unique (`"x (copy)"`, `"x (copy 2)"`, …), description, nearest expiry preset, all
 * its scopes, the client addresses it may be used from and its idle limit, once all of them are
 * read (until then it shows that it loads, or what failed).
 *
 * @event {CustomEvent<PatEventMap['pat-navigate']>} pat-navigate - The user moved to another view; `detail.route` is its path (`/pats/new`).
 *   With `route` set by the host, the manager only asks: the host routes and sets `route`.
 * @event {CustomEvent<PatEventMap['pat-select']>} pat-select - Bubbles up from the list when a PAT is opened.
 * @event {CustomEvent<PatEventMap['pat-created']>} pat-created - Bubbles up from the create form; the manager then shows the new PAT with its secret.
 * @event {CustomEvent<PatEventMap['pat-query-change']>} pat-query-change - Bubbles up from the list: its filter, search, sort or page changed.
 * @event {CustomEvent<PatEventMap['pat-cancel']>} pat-cancel - Bubbles up from the create form; the manager then goes back to the list.
 * @event {CustomEvent<PatEventMap['pat-updated']>} pat-updated - Bubbles up from the details: the name or description was saved.
 * @event {CustomEvent<PatEventMap['pat-revoked']>} pat-revoked - Bubbles up from the list or the details: a PAT was revoked.
 * @event {CustomEvent<PatEventMap['pat-regenerated']>} pat-regenerated - Bubbles up from the details: a PAT has a new secret.
 * @event {CustomEvent<PatEventMap['pat-deleted']>} pat-deleted - Bubbles up from the list or the details: a PAT was deleted.
 * @event {CustomEvent<PatEventMap['pat-all-deleted']>} pat-all-deleted - Bubbles up from the list: all PATs were deleted.
 * @event {CustomEvent<PatEventMap['pat-scopes-changed']>} pat-scopes-changed - Bubbles up from the details: scopes were added or deleted.
 * @event {CustomEvent<PatEventMap['pat-request-delete']>} pat-request-delete - Bubbles up, cancelable, before a PAT is deleted.
 * @event {CustomEvent<PatEventMap['pat-request-delete-all']>} pat-request-delete-all - Bubbles up, cancelable, before all PATs are deleted.
 * @event {CustomEvent<PatEventMap['pat-request-revoke']>} pat-request-revoke - Bubbles up, cancelable, before a PAT is revoked.
 * @event {CustomEvent<PatEventMap['pat-request-regenerate']>} pat-request-regenerate - Bubbles up, cancelable, before the regenerate dialog.
 * @event {CustomEvent<PatEventMap['pat-request-duplicate']>} pat-request-duplicate - Bubbles up, cancelable, from the list or the details before
 *   the manager opens the copy's create view: `preventDefault()` keeps the manager out of it.
 * @event {CustomEvent<PatEventMap['pat-request-delete-scope']>} pat-request-delete-scope - Bubbles up, cancelable, before a scope is deleted.
 * @event {CustomEvent<PatEventMap['pat-request-delete-scopes']>} pat-request-delete-scopes - Bubbles up, cancelable, before all of a PAT's scopes are deleted.
 * @event {CustomEvent<PatEventMap['pat-error']>} pat-error - Bubbles up from any view: a request failed; `detail.action` names it
 *   (`duplicate` from the manager itself: what a copy starts with could not be read).
 *
 * @csspart base - The whole element.
 * @csspart header - The view's heading and back button.
 * @csspart heading - The view's heading (it takes focus when the view changes).
 * @csspart table - The `<pat-table>` of the list view.
 * @csspart create-form - The `<pat-create-form>` of the create view.
 * @csspart detail - The `<pat-detail>` of a PAT's view.
 *
 * @cssproperty --pat-manager-max-width - The widest the manager grows.
 */
export class PatManager extends PatApiElement {
  static override styles = [baseStyles, loadStateStyles, styles];

  #moveFocus = false;
  /** Duplicate was asked for: the copy's form takes the focus, in its name field, once it is shown. */
  #focusCopy = false;
  /** The secret of the PAT just created: shown on its detail page, kept nowhere but here. */
  #secret?: { id: string; secret: string };

  /** What the create view starts from while it makes a copy: read when Duplicate is chosen. */
  #copy = new Task(this, {
    // Its code comes with the first Duplicate: the list does not wait for it.
    task: async ([api, copyOf], { signal }) =>
      copyOf ? (await import('./copy.js')).preparePatCopy(requireApi(api), copyOf.id, this.t.manager.copyName, { signal }) : initialState,
    args: () => [this.api, this.copyOf] as const,
    onError: (error) => {
      if (error instanceof ApiError) this.emit('pat-error', { action: 'duplicate', error });
    },
  });

  @query('h2') private heading?: HTMLElement;
  @query('pat-detail') private detail?: PatDetail;
  @query('pat-create-form') private createForm?: PatCreateForm;

  @state() private current: ManagerRoute = { view: 'list', query: {} };
  /** The PAT the create view makes a copy of (Duplicate), while it does. */
  @state() private copyOf?: { id: string; name: string };

  /**
   * The view's path for hosts with their own router (`/pats`, `/pats/new`, `/pats/<id>`).
   * Left unset, the manager follows and writes the URL hash itself.
   */
  @property() route?: string;

  /** Offers entity names when choosing scopes; see `<pat-scope-editor>`. */
  @property({ attribute: false }) entityLookup?: EntityLookup;

  override connectedCallback() {
    super.connectedCallback();
    if (this.route === undefined) {
      window.addEventListener('hashchange', this.onHashChange);
      this.current = this.#fromHash();
    }
  }

  protected override firstUpdated() {
    // After the first render, so the list's first paint never waits for the other views.
    void loadViews();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHashChange);
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('route') && this.route !== undefined) {
      const next = parseRoute(this.route);
      if (changed.get('route') !== undefined)
        this.#moveFocus ||= next.view !== this.current.view || this.#viewKey(next) !== this.#viewKey(this.current);
      this.current = next;
    }
    // The secret is shown on the page the create form led to, and dropped once the user leaves it.
    if (!(this.current.view === 'detail' && this.current.id === this.#secret?.id)) this.#secret = undefined;
    // A copy belongs to the create view it was asked for: another view drops it.
    if (((changed as PropertyValues).has('current') || changed.has('route')) && this.current.view !== 'create') this.#dropCopy();
  }

  protected override updated() {
    if (this.#focusCopy && this.#copyShown) {
      // The filled form is there: the focus goes to its name, where a copy is told apart.
      this.#focusCopy = false;
      this.#moveFocus = false;
      if (focusIsFree(this)) void this.#whenLoaded('pat-create-form', () => this.createForm?.focusName());
    } else if (this.#moveFocus) {
      this.#moveFocus = false;
      // A token's page is headed by the token's name, which pat-detail shows once it has loaded.
      if (this.current.view === 'detail') void this.#whenLoaded('pat-detail', () => this.detail?.focusHeading());
      else this.heading?.focus();
    }
  }

  private onHashChange = () => {
    // A host that set `route` (even after the manager connected) does the routing.
    if (this.route !== undefined) return;
    const next = parseRoute(this.#hashPath());
    if (this.#viewKey(next) !== this.#viewKey(this.current)) this.#moveFocus = true;
    this.current = next;
  };

  private onTableNavigate(event: CustomEvent<PatEventMap['pat-navigate']>) {
    event.stopPropagation();
    this.navigate(event.detail.route);
  }

  private onSelect(event: CustomEvent<PatEventMap['pat-select']>) {
    this.navigate(`/pats/${encodeURIComponent(event.detail.id)}`);
  }

  private onCreated(event: CustomEvent<PatEventMap['pat-created']>) {
    this.#secret = { id: event.detail.pat.id, secret: event.detail.pat.secret };
    this.navigate(`/pats/${encodeURIComponent(event.detail.pat.id)}`);
  }

  private onDeleted() {
    this.navigate('/pats');
  }

  /**
   * Duplicate, from the list or a PAT's page: the create view, filled once the copy is read. The
   * host hears the request after the manager (it bubbles on), so its `preventDefault()` is known
   * once the event is through.
   */
  private async onDuplicateRequest(event: CustomEvent<PatEventMap['pat-request-duplicate']>) {
    await Promise.resolve();
    if (event.defaultPrevented) return;
    this.navigate('/pats/new');
    this.copyOf = { id: event.detail.id, name: event.detail.name };
    this.#focusCopy = true;
  }

  /** Calls `then` once the view's element is defined (see loadViews): at once, almost always. */
  async #whenLoaded(tag: 'pat-create-form' | 'pat-detail', then: () => unknown): Promise<void> {
    if (!customElements.get(tag)) await customElements.whenDefined(tag);
    await then();
  }

  #dropCopy() {
    this.copyOf = undefined;
    this.#focusCopy = false;
  }

  /** Whether the create view shows the copy's filled form. */
  get #copyShown(): boolean {
    return this.current.view === 'create' && !!this.copyOf && this.#copy.status === TaskStatus.COMPLETE;
  }

  /** A revoked PAT's one-time secret no longer works: the manager forgets it too. */
  private onRevoked() {
    this.#secret = undefined;
  }

  private onQueryChange(event: CustomEvent<PatEventMap['pat-query-change']>) {
    const path = listPath(event.detail);
    if (this.route !== undefined) {
      this.emit('pat-navigate', { route: path });
    } else {
      // Filters and pages replace the entry: Back leaves the list rather than stepping through them.
      history.replaceState(history.state, '', `#${path}`);
      this.current = parseRoute(path);
    }
  }

  /**
   * The route the hash names. A dialog route (`/pats/<id>/add-scope`) opens its dialog once: the
   * URL is rewritten to the PAT itself, so a reload or Back does not open it again.
   */
  #fromHash(): ManagerRoute {
    const route = parseRoute(this.#hashPath());
    if (route.view === 'detail' && route.action) history.replaceState(history.state, '', `#/pats/${encodeURIComponent(route.id)}`);
    return route;
  }

  #hashPath(): string {
    const hash = location.hash.slice(1);
    return hash.startsWith('/pats') ? hash : '/pats';
  }

  /** Identifies a view apart from its list filters: a filter change keeps focus where it is. */
  #viewKey(route: ManagerRoute): string {
    return route.view === 'detail' ? `detail:${route.id}` : route.view;
  }

  /** Goes to `route` (`/pats`, `/pats/new`, `/pats/<id>`): a new history entry, or a request to the host's router. */
  navigate(route: string): void {
    this.#dropCopy();
    this.emit('pat-navigate', { route });
    if (this.route !== undefined) return;
    const next = parseRoute(route);
    this.#moveFocus = this.#viewKey(next) !== this.#viewKey(this.current);
    if (location.hash !== `#${route}`) location.hash = route;
    this.current = this.#fromHash();
  }

  /** The view's heading (a token's page has its name for one, in pat-detail) and the way back. */
  private renderHeader(title: string | undefined, back: boolean) {
    return html`
      <div class="header" part="header">
        ${
          back
            ? html`<sl-button class="back" size="small" @click=${() => this.navigate('/pats')}>
                <sl-icon class="flip-rtl" slot="prefix" name="arrow-left"></sl-icon>${this.t.manager.back}
              </sl-button>`
            : nothing
        }
        ${title === undefined ? nothing : html`<h2 part="heading" tabindex="-1">${title}</h2>`}
      </div>
    `;
  }

  private renderView() {
    const route = this.current;
    switch (route.view) {
      case 'list': {
        const query = route.query;
        return html`
          ${this.renderHeader(this.t.manager.listTitle, false)}
          <pat-table
            part="table"
            status=${query.status ?? LIST_STATE_DEFAULTS.status}
            search=${query.search ?? LIST_STATE_DEFAULTS.search}
            sort=${query.sort ?? LIST_STATE_DEFAULTS.sort}
            sort-dir=${query.sortDir ?? LIST_STATE_DEFAULTS.sortDir}
            page=${query.page ?? LIST_STATE_DEFAULTS.page}
            page-size=${query.pageSize ?? LIST_STATE_DEFAULTS.pageSize}
            @pat-navigate=${this.onTableNavigate}
            @pat-select=${this.onSelect}
            @pat-query-change=${this.onQueryChange}
            @pat-request-duplicate=${this.onDuplicateRequest}
          ></pat-table>
        `;
      }
      case 'create':
        return this.copyOf
          ? html`${this.renderHeader(this.t.manager.duplicateTitle, true)} ${this.renderCopy(this.copyOf.name)}`
          : html`${this.renderHeader(this.t.manager.createTitle, true)} ${this.renderCreateForm()}`;
      case 'detail': {
        const secret = this.#secret?.id === route.id ? this.#secret.secret : '';
        return html`${this.renderHeader(undefined, true)}
          <pat-detail
            part="detail"
            pat-id=${route.id}
            .secret=${secret}
            .action=${route.action}
            .entityLookup=${this.entityLookup}
            @pat-deleted=${this.onDeleted}
            @pat-revoked=${this.onRevoked}
            @pat-request-duplicate=${this.onDuplicateRequest}
          ></pat-detail>`;
      }
    }
  }

  /** The create form, empty or filled with `copy` (set once: the form owns what the user changes). */
  private renderCreateForm(copy?: PatCopy) {
    return html`<pat-create-form
      part="create-form"
      .name=${copy?.name ?? ''}
      .description=${copy?.description ?? ''}
      .duration=${copy?.duration ?? ''}
      .scopes=${copy?.scopes ?? NO_SCOPES}
      .allowedIps=${copy?.allowedIps ?? NO_IPS}
      .maxIdle=${copy?.maxIdle ?? ''}
      .entityLookup=${this.entityLookup}
      @pat-created=${this.onCreated}
      @pat-cancel=${() => this.navigate('/pats')}
    ></pat-create-form>`;
  }

  /** The copy of the PAT `name`: the form once all it starts with is read; until then, that it loads, or what failed (with Retry). */
  private renderCopy(name: string) {
    const copy = this.#copy.value;
    if (this.#copy.status === TaskStatus.COMPLETE && copy) return this.renderCreateForm(copy);
    return html`<div class="copy-state">
      ${renderLoadState(this.#copy, {
        errorTitle: this.t.manager.duplicateError(name),
        retry: () => void this.#copy.run(),
        t: this.t,
        placeholders: 4,
      })}
    </div>`;
  }

  override render() {
    return html`<div class="base" part="base">${this.renderView()}</div>`;
  }
}
