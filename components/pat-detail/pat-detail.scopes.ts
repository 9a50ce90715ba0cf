import { Task, TaskStatus } from '@lit/task';
import { html, nothing } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import '@shoelace-style/shoelace/dist/components/alert/alert.js';
import '@shoelace-style/shoelace/dist/components/button/button.js';
import '@shoelace-style/shoelace/dist/components/dialog/dialog.js';
import '@shoelace-style/shoelace/dist/components/icon-button/icon-button.js';
import '@shoelace-style/shoelace/dist/components/skeleton/skeleton.js';
import type SlDialog from '@shoelace-style/shoelace/dist/components/dialog/dialog.js';
import { WILDCARD, type Catalog, type Pat, type Scope } from '../../contract/index.js';
import { ApiError, errorText } from '../api/api-error.js';
import type { PatApi } from '../api/pat-api.js';
import { DialogSession } from '../common/dialog-session.js';
import type { PatElement } from '../common/pat-element.js';
import { requireApi } from '../common/pat-api-element.js';
import type { PatLocale } from '../common/format.js';
import type { PatConfirmDialog } from '../pat-confirm-dialog/pat-confirm-dialog.component.js';
import '../pat-scope-editor/pat-scope-editor.js';
import type { EntityLookup, PatScopeEditor } from '../pat-scope-editor/pat-scope-editor.component.js';

const SCOPES_PER_PAGE = 10;

/** What the scopes card needs of the element it is part of. */
export interface PatScopesOptions {
  api: () => PatApi | undefined;
  patId: () => string;
  catalog: () => Catalog | undefined;
  entityLookup: () => EntityLookup | undefined;
  /** Runs a change through the API, reporting a failure as `pat-error`. */
  mutate: <T>(action: string, run: (api: PatApi) => Promise<T>) => Promise<T>;
  confirmDialog: () => PatConfirmDialog;
  announce: (message: string) => void;
  /** The element's language. */
  locale: () => PatLocale;
  /** The scopes changed: what the element shows of the PAT (its scope count) is stale. */
  changed: () => void;
}

/**
 * pat-detail's scopes card: the PAT's scopes a page at a time, deleting one or all of them
 * (confirmed), and the Add Scope dialog with its scope editor.
 */
export class PatScopes {
  #host: PatElement;
  #options: PatScopesOptions;
  #offset = 0;
  #adding = false;
  #addError: string | ApiError = '';
  /** A new number opens the Add Scope dialog on a fresh editor. */
  #addKey = 0;
  /** Entities whose names were asked of the host's lookup (once each), and the names it gave. */
  #namesAsked = new Set<string>();
  #names = new Map<string, string>();

  #scopes: Task<readonly [PatApi | undefined, string, number], { scopes: Scope[]; total: number }>;
  #addSession: DialogSession<boolean>;

  get #t() {
    return this.#options.locale().t;
  }

  constructor(host: PatElement, options: PatScopesOptions) {
    this.#host = host;
    this.#options = options;
    this.#scopes = new Task(host, {
      task: async ([api, id, offset], { signal }) => requireApi(api).listScopes(id, { offset, limit: SCOPES_PER_PAGE }, { signal }),
      args: () => [options.api(), options.patId(), this.#offset] as const,
      onComplete: ({ scopes }) => this.lookUpNames(scopes),
    });
    this.#addSession = new DialogSession<boolean>(host, { dialog: () => this.#addDialog, cancelled: false, busy: () => this.#adding });
  }

  get #addDialog(): SlDialog {
    return this.#host.renderRoot.querySelector<SlDialog>('sl-dialog.add-scope')!;
  }

  get #editor(): PatScopeEditor {
    return this.#host.renderRoot.querySelector<PatScopeEditor>('sl-dialog.add-scope pat-scope-editor')!;
  }

  /**
   * Asks the host's entity lookup (if any) for the names of the page's entities: one search per
   * id never asked before, its exact match taken. A failed lookup leaves the id. Run when a page
   * of scopes loads, and when the host sets a lookup.
   */
  lookUpNames(scopes: readonly Scope[] = this.#scopes.value?.scopes ?? []): void {
    const lookup = this.#options.entityLookup();
    if (!lookup) return;
    for (const scope of scopes) {
      const key = `${scope.entity_type}\u0000${scope.entity_id}`;
      if (scope.entity_id === WILDCARD || this.#namesAsked.has(key)) continue;
      this.#namesAsked.add(key);
      void lookup(scope.entity_type, scope.entity_id).then(
        (options) => {
          const name = options.find((option) => option.id === scope.entity_id)?.name;
          if (!name) return;
          this.#names.set(key, name);
          this.#host.requestUpdate();
        },
        () => undefined,
      );
    }
  }

  #set(changes: { offset?: number; adding?: boolean; addError?: string | ApiError }) {
    if (changes.offset !== undefined) this.#offset = changes.offset;
    if (changes.adding !== undefined) this.#adding = changes.adding;
    if (changes.addError !== undefined) this.#addError = changes.addError;
    this.#host.requestUpdate();
  }

  /** Back to the first page (another PAT is shown). */
  reset(): void {
    this.#set({ offset: 0 });
  }

  refresh(): void {
    void this.#scopes.run();
  }

  /** Opens the Add Scope dialog on a fresh editor; focus comes back to `trigger` (or Add Scope). */
  async openAdd(trigger?: HTMLElement): Promise<void> {
    this.#addError = '';
    const added = this.#addSession.begin(trigger ?? this.#host.renderRoot.querySelector<HTMLElement>('.add-scope-button') ?? undefined);
    this.#addKey++;
    this.#host.requestUpdate();
    await this.#host.updateComplete;
    await this.#editor.updateComplete;
    await this.#addDialog.show();
    if (await added) this.#options.announce(this.#t.detail.scopesAdded);
  }

  async #add() {
    const editor = this.#editor;
    if (this.#adding || !editor.validate()) return;
    const scopes = editor.scopes;
    if (scopes.length === 0) {
      this.#set({ addError: this.#t.scopes.none });
      return;
    }
    this.#set({ adding: true, addError: '' });
    try {
      await this.#change('add-scopes', (api) => api.addScopes(this.#options.patId(), scopes));
      await this.#addSession.finish(true);
    } catch (error) {
      if (error instanceof ApiError) {
        editor.showServerErrors(error.details);
        this.#set({ addError: error });
      }
    } finally {
      this.#set({ adding: false });
    }
  }

  async #delete(pat: Pat, scope: Scope, event: Event) {
    if (this.#host.emit('pat-request-delete-scope', { id: pat.id, scopeId: scope.id }, { cancelable: true }).defaultPrevented) return;
    const done = await this.#options.confirmDialog().confirm(
      {
        title: this.#t.confirm.deleteScopeTitle,
        message: this.#t.confirm.deleteScopeText(this.#t.scopes.describe(scope)),
        confirmLabel: this.#t.confirm.deleteScopeConfirm,
        action: () => this.#change('delete-scope', (api) => api.removeScopes(pat.id, [scope.id])),
      },
      event.currentTarget as HTMLElement,
    );
    if (done) this.#options.announce(this.#t.detail.scopeDeleted);
  }

  async #deleteAll(pat: Pat, event: Event) {
    const count = this.#scopes.value?.total ?? pat.scopes_count;
    if (this.#host.emit('pat-request-delete-scopes', { id: pat.id, count }, { cancelable: true }).defaultPrevented) return;
    const done = await this.#options.confirmDialog().confirm(
      {
        title: this.#t.confirm.deleteScopesTitle,
        message: this.#t.confirm.deleteScopesText(pat.name, count),
        confirmLabel: this.#t.confirm.deleteScopesConfirm,
        action: () => this.#change('delete-scopes', (api) => api.clearScopes(pat.id)),
      },
      event.currentTarget as HTMLElement,
    );
    if (done) this.#options.announce(this.#t.detail.scopesCleared);
  }

  async #change(action: string, run: (api: PatApi) => Promise<{ scopes: Scope[] }>) {
    const { scopes } = await this.#options.mutate(action, run);
    this.#host.emit('pat-scopes-changed', { id: this.#options.patId(), scopes });
    const lastPage = Math.max(0, Math.floor((scopes.length - 1) / SCOPES_PER_PAGE) * SCOPES_PER_PAGE);
    if (this.#offset > lastPage) this.#set({ offset: lastPage });
    void this.#scopes.run();
    this.#options.changed();
  }

  #renderBody(pat: Pat) {
    const page = this.#scopes.value;
    const row = (content: unknown) =>
      html`<tr>
        <td colspan="5">${content}</td>
      </tr>`;
    if (this.#scopes.status === TaskStatus.ERROR && !page) {
      return row(
        html`<div class="state">
          <p role="alert">${errorText(this.#scopes.error, this.#t)}</p>
          <sl-button size="small" @click=${() => this.#scopes.run()}>${this.#t.retry}</sl-button>
        </div>`,
      );
    }
    if (!page) return row(html`<sl-skeleton effect="pulse"></sl-skeleton>`);
    if (page.scopes.length === 0) return row(html`<div class="state"><p>${this.#t.scopes.none}</p></div>`);
    const catalog = this.#options.catalog();
    return page.scopes.map(
      (scope) => html`
        <tr>
          <td>${catalog?.entity_types.find((type) => type.type === scope.entity_type)?.label ?? scope.entity_type}</td>
          <td>${scope.operation}</td>
          ${this.#renderEntity(scope)}
          <td class=${scope.domain_id ? 'mono' : 'muted'}>${scope.domain_id ?? this.#t.scopes.anyDomain}</td>
          <td class="trash">
            <sl-icon-button
              name="trash"
              label=${this.#t.detail.deleteScope(this.#t.scopes.describe(scope))}
              @click=${(event: Event) => this.#delete(pat, scope, event)}
            ></sl-icon-button>
          </td>
        </tr>
      `,
    );
  }

  /** All, the entity's name (its id beneath) where the host's lookup knows it, or its id. */
  #renderEntity(scope: Scope) {
    if (scope.entity_id === WILDCARD) return html`<td>${this.#t.scopes.all}</td>`;
    const name = this.#names.get(`${scope.entity_type}\u0000${scope.entity_id}`);
    return name
      ? html`<td class="entity-name">${name} <span class="mono muted">${scope.entity_id}</span></td>`
      : html`<td class="mono">${scope.entity_id}</td>`;
  }

  #renderPager(total: number) {
    if (total <= SCOPES_PER_PAGE) return nothing;
    const offset = this.#offset;
    const pages = Math.max(1, Math.ceil(total / SCOPES_PER_PAGE));
    const current = Math.floor(offset / SCOPES_PER_PAGE) + 1;
    const go = (target: number) => this.#set({ offset: Math.max(0, target) });
    return html`<div class="footer">
      <span>${this.#t.table.range(offset + 1, Math.min(total, offset + SCOPES_PER_PAGE), total)}</span>
      <span>${this.#t.table.pageOf(current, pages)}</span>
      <sl-icon-button
        class="flip-rtl"
        name="chevron-left"
        label=${this.#t.table.previousPage}
        ?disabled=${current <= 1}
        @click=${() => go(offset - SCOPES_PER_PAGE)}
      ></sl-icon-button>
      <sl-icon-button
        class="flip-rtl"
        name="chevron-right"
        label=${this.#t.table.nextPage}
        ?disabled=${current >= pages}
        @click=${() => go(offset + SCOPES_PER_PAGE)}
      ></sl-icon-button>
    </div>`;
  }

  /** The scopes card of `pat`. */
  render(pat: Pat) {
    const total = this.#scopes.value?.total ?? 0;
    return html`
      <section class="card" part="scopes" aria-labelledby="scopes-title">
        <div class="scopes-header">
          <h3 id="scopes-title">${this.#t.detail.scopes}</h3>
          <div class="scopes-actions">
            <sl-button
              class="add-scope-button"
              size="small"
              variant="primary"
              @click=${(event: Event) => this.openAdd(event.currentTarget as HTMLElement)}
              >${this.#t.detail.addScope}</sl-button
            >
            <sl-button
              size="small"
              variant="danger"
              outline
              ?disabled=${total === 0}
              @click=${(event: Event) => this.#deleteAll(pat, event)}
            >
              ${this.#t.detail.deleteAllScopes}
            </sl-button>
          </div>
        </div>
        <div class="table-frame">
          <table part="scopes-table" aria-busy=${this.#scopes.status === TaskStatus.PENDING ? 'true' : 'false'}>
            <caption class="visually-hidden">
              ${this.#t.detail.scopesCaption}
            </caption>
            <thead>
              <tr>
                <th scope="col">${this.#t.scopes.entityType}</th>
                <th scope="col">${this.#t.scopes.operation}</th>
                <th scope="col">${this.#t.scopes.entity}</th>
                <th scope="col">${this.#t.scopes.domainColumn}</th>
                <th scope="col"><span class="visually-hidden">${this.#t.table.columns.actions}</span></th>
              </tr>
            </thead>
            <tbody>
              ${this.#renderBody(pat)}
            </tbody>
          </table>
        </div>
        ${this.#renderPager(total)}
      </section>
    `;
  }

  /** The Add Scopes dialog: rendered whatever the element shows, so it can open at any time. */
  renderAddDialog(name = '') {
    return html`
      <sl-dialog
        class="add-scope"
        label=${name ? this.#t.detail.addScopeTitle(name) : this.#t.detail.addScope}
        @sl-request-close=${this.#addSession.onRequestClose}
        @sl-hide=${this.#addSession.onHide}
        @sl-after-hide=${this.#addSession.onAfterHide}
      >
        ${keyed(this.#addKey, html`<pat-scope-editor start-with-row .entityLookup=${this.#options.entityLookup()}></pat-scope-editor>`)}
        ${this.#addError ? html`<sl-alert variant="danger" open>${errorText(this.#addError, this.#t)}</sl-alert>` : nothing}
        <div slot="footer" class="dialog-footer">
          <sl-button ?disabled=${this.#adding} @click=${() => this.#addDialog.hide()}>${this.#t.cancel}</sl-button>
          <sl-button variant="primary" ?loading=${this.#adding} @click=${() => this.#add()}>${this.#t.detail.addScopeSubmit}</sl-button>
        </div>
      </sl-dialog>
    `;
  }
}
