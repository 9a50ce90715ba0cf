import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import '@shoelace-style/shoelace/dist/components/alert/alert.js';
import '@shoelace-style/shoelace/dist/components/badge/badge.js';
import '@shoelace-style/shoelace/dist/components/button/button.js';
import '@shoelace-style/shoelace/dist/components/icon/icon.js';
import '@shoelace-style/shoelace/dist/components/icon-button/icon-button.js';
import '@shoelace-style/shoelace/dist/components/skeleton/skeleton.js';
import { LIMITS, isExpiringSoon, type Pat } from '../../contract/index.js';
import '../pat-activity/pat-activity.js';
import type { PatActivity } from '../pat-activity/pat-activity.component.js';
import { ApiError, errorText } from '../api/api-error.js';
import '../pat-confirm-dialog/pat-confirm-dialog.js';
import type { PatConfirmDialog } from '../pat-confirm-dialog/pat-confirm-dialog.component.js';
import '../pat-regenerate-dialog/pat-regenerate-dialog.js';
import type { PatRegenerateDialog } from '../pat-regenerate-dialog/pat-regenerate-dialog.component.js';
import type { EntityLookup } from '../pat-scope-editor/pat-scope-editor.component.js';
import '../pat-secret-banner/pat-secret-banner.js';
import '../pat-usage-chart/pat-usage-chart.js';
import { ipLineErrors, ipLines, ipText } from '../common/allowed-ips.js';
import { baseStyles } from '../common/base.styles.js';
import { renderCopyButton } from '../common/copy-button.js';
import { STATUS_BADGE } from '../common/format.js';
import { httpUrl } from '../common/links.js';
import { Announcer } from '../common/announcer.js';
import { CatalogTask } from '../common/catalog.js';
import { focusIsFree } from '../common/focus.js';
import { renderIdleExpiry, renderIdleLimit } from './pat-detail.idle.js';
import { InlineEditor } from './pat-detail.inline-editor.js';
import { PatScopes } from './pat-detail.scopes.js';
import { PatApiElement, offers, requireApi } from '../common/pat-api-element.js';
import styles from './pat-detail.styles.js';

type EditableField = 'name' | 'description' | 'allowed_ips';

/**
 * @tagname pat-detail
 * @summary One PAT: rename and describe it in place, copy its id, see its status and use,
 * revoke, regenerate or duplicate it, manage its scopes and, where the API client has
 * allowlists (`setAllowedIps`), the client addresses it may be used from; see its idle limit
 * (how long it may go unused, and until when; why it expired when it went unused); below them,
 * its checks per day (`<pat-usage-chart>`) and its history (`<pat-activity>`), where the API
 * client has them. Shows the one-time secret after create or regenerate. A PAT a leak report revoked
 * (`leak`) is headed by an alert: where its secret was found, who found it and when, and
 * Regenerate.
 *
 * @event {CustomEvent<PatEventMap['pat-updated']>} pat-updated - The name, description or allowed addresses were saved; `detail.pat` is the PAT now.
 * @event {CustomEvent<PatEventMap['pat-revoked']>} pat-revoked - The PAT was revoked.
 * @event {CustomEvent<PatEventMap['pat-regenerated']>} pat-regenerated - The PAT has a new secret (shown in the banner).
 * @event {CustomEvent<PatEventMap['pat-deleted']>} pat-deleted - The PAT was deleted.
 * @event {CustomEvent<PatEventMap['pat-scopes-changed']>} pat-scopes-changed - Scopes were added or deleted; `detail.scopes` are all of them now.
 * @event {CustomEvent<PatEventMap['pat-request-revoke']>} pat-request-revoke - Cancelable, before the revoke confirmation.
 * @event {CustomEvent<PatEventMap['pat-request-regenerate']>} pat-request-regenerate - Cancelable, before the regenerate dialog.
 * @event {CustomEvent<PatEventMap['pat-request-duplicate']>} pat-request-duplicate - Cancelable: Duplicate was chosen. `<pat-manager>` then opens
 *   the create form filled from the PAT; a host without it opens its own.
 * @event {CustomEvent<PatEventMap['pat-request-delete']>} pat-request-delete - Cancelable, before the delete confirmation.
 * @event {CustomEvent<PatEventMap['pat-request-delete-scope']>} pat-request-delete-scope - Cancelable, before one scope's delete confirmation.
 * @event {CustomEvent<PatEventMap['pat-request-delete-scopes']>} pat-request-delete-scopes - Cancelable, before the delete-all-scopes confirmation.
 * @event {CustomEvent<PatEventMap['pat-error']>} pat-error - A request failed; `detail.action` names it.
 *
 * @csspart base - The whole element.
 * @csspart title - The PAT's name as a heading.
 * @csspart duplicate - The Duplicate button beside it.
 * @csspart leak - The alert over a PAT a leak report revoked (absent otherwise).
 * @csspart secret - The one-time secret banner.
 * @csspart details - The card of fields.
 * @csspart scopes - The scopes card.
 * @csspart scopes-table - The scopes table.
 * @csspart usage - The card of the PAT's checks per day (absent when the client has no usage).
 * @csspart activity - The card of the PAT's history (absent when the client has no history).
 * @csspart toast - What an action did (name saved, scope added…), shown for a few seconds at the foot of the viewport.
 */
export class PatDetail extends PatApiElement {
  static override styles = [baseStyles, styles];

  /** Opened once the PAT is loaded, from the `action` property. */
  #pendingAction?: 'add-scope' | 'regenerate';

  #pat = new Task(this, {
    task: async ([api, id], { signal }) => {
      return requireApi(api).getPat(id, { signal });
    },
    args: () => [this.api, this.patId] as const,
    onComplete: (pat) => void this.#openPendingAction(pat),
  });

  /** For the entity types' labels; the raw type shows until (or unless) it loads. */
  #catalog = new CatalogTask(this, () => this.api);
  #editor = new InlineEditor<EditableField>(this, async (field, draft) => {
    if (field === 'allowed_ips') return this.#saveAllowedIps(draft);
    const value = field === 'name' ? draft.trim() : draft;
    if (field === 'name' && !value) return this.t.detail.nameRequired;
    const pat = await this.mutate(field === 'name' ? 'rename' : 'describe', (api) =>
      field === 'name' ? api.renamePat(this.patId, value) : api.describePat(this.patId, value),
    );
    this.emit('pat-updated', { pat });
    this.#announcer.announce(field === 'name' ? this.t.detail.renamed : this.t.detail.described);
    void this.#reload();
    return undefined;
  });
  #announcer = new Announcer(this, { toast: true });
  #scopes = new PatScopes(this, {
    api: () => this.api,
    patId: () => this.patId,
    catalog: () => this.#catalog.value,
    entityLookup: () => this.entityLookup,
    mutate: (action, run) => this.mutate(action, run),
    confirmDialog: () => this.confirmDialog,
    announce: (message) => this.#announcer.announce(message),
    locale: () => this.locale,
    changed: () => void this.#reload(),
  });

  @query('pat-confirm-dialog') private confirmDialog!: PatConfirmDialog;
  @query('pat-regenerate-dialog') private regenerateDialog!: PatRegenerateDialog;

  /** The PAT shown was deleted here: its page says so instead of offering actions on nothing. */
  @state() private deletedId = '';

  /** The PAT to show. */
  @property({ attribute: 'pat-id' }) patId = '';

  /** The one-time secret to show above the details: set it from the create response. Never an attribute. */
  @property({ attribute: false }) secret = '';

  /** Opens a dialog as soon as the PAT is loaded: `add-scope` or `regenerate`. */
  @property() action?: 'add-scope' | 'regenerate';

  /** Offers entity names in the Add Scope dialog; see `<pat-scope-editor>`. */
  @property({ attribute: false }) entityLookup?: EntityLookup;

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('patId') && changed.get('patId') !== undefined) {
      // A secret set together with the new id is the new PAT's; any other belongs to the old one.
      if (!changed.has('secret')) this.secret = '';
      this.#editor.cancel();
      this.#scopes.reset();
    }
    if (changed.has('action') && this.action) this.#pendingAction = this.action;
    if (changed.has('entityLookup')) this.#scopes.lookUpNames();
  }

  private async onRevoke(pat: Pat, event: Event) {
    const done = await this.confirmRevoke(this.confirmDialog, pat, event.currentTarget as HTMLElement);
    if (!done) return;
    // The secret on screen no longer works: it leaves the page with the PAT's use.
    this.secret = '';
    this.#announcer.announce(this.t.table.revoked(pat.name));
    await this.#reload();
    // The Revoke button is gone: focus the Regenerate button that took its place.
    this.#refocus(() => this.renderRoot.querySelector<HTMLElement>('.status-action'));
  }

  private async onRegenerate(pat: Pat, trigger?: HTMLElement) {
    if (this.emit('pat-request-regenerate', { id: pat.id, name: pat.name }, { cancelable: true }).defaultPrevented) return;
    const regenerated = await this.regenerateDialog.open(pat, trigger);
    if (!regenerated) return;
    this.secret = regenerated.secret;
    await this.#reload();
    // The Regenerate button is gone: focus the new secret's copy button.
    this.#refocus(() => this.renderRoot.querySelector<HTMLElement>('pat-secret-banner'));
  }

  /** Once rendered, focuses `target` unless the user has moved on to something outside this element. */
  async #refocus(target: () => HTMLElement | null) {
    await this.updateComplete;
    if (focusIsFree(this)) target()?.focus();
  }

  /** Asks for a copy: `<pat-manager>` (or the host) opens the create form filled from this PAT. */
  private onDuplicate(pat: Pat) {
    this.emit('pat-request-duplicate', { id: pat.id, name: pat.name }, { cancelable: true });
  }

  private async onDelete(pat: Pat, event: Event) {
    if (await this.confirmDelete(this.confirmDialog, pat, event.currentTarget as HTMLElement)) this.deletedId = pat.id;
  }

  async #openPendingAction(pat: Pat) {
    const action = this.#pendingAction;
    if (!action) return;
    this.#pendingAction = undefined;
    // onComplete runs before the task stores its value: let the PAT render first.
    await Promise.resolve();
    await this.updateComplete;
    if (action === 'add-scope') await this.#scopes.openAdd();
    else if (pat.status !== 'active') await this.onRegenerate(pat);
  }

  /**
   * Saves the allowlist typed one entry a line (blank lines dropped; the server normalizes the
   * entries). An entry the server refuses is named by its line.
   */
  async #saveAllowedIps(draft: string): Promise<string | undefined> {
    const lines = ipLines(draft);
    const entries = lines.map(({ entry }) => entry);
    let pat: Pat;
    try {
      pat = await this.mutate('set-allowed-ips', (api) => api.setAllowedIps!(this.patId, entries));
    } catch (error) {
      const refused = error instanceof ApiError ? ipLineErrors(error.details, lines, this.t.allowedIps.detailLabel, this.t) : [];
      if (refused.length > 0) return refused.join(' ');
      throw error;
    }
    this.emit('pat-updated', { pat });
    this.#announcer.announce(this.t.allowedIps.saved);
    void this.#reload();
    return undefined;
  }

  /** After a change made here: the PAT again, and its history with the change in it. */
  #reload(): Promise<void> {
    this.renderRoot.querySelector<PatActivity>('pat-activity')?.refresh();
    return this.#pat.run();
  }

  /** Loads the PAT, its scopes, its use and its history again. */
  refresh(): void {
    void this.#reload();
    this.#scopes.refresh();
    this.renderRoot.querySelector('pat-usage-chart')?.refresh();
  }

  private renderStatus(pat: Pat, now: number) {
    const end = this.locale.patEnd(pat, now);
    return html`
      <div class="field">
        <dt>${this.t.detail.status}</dt>
        <dd class="status">
          <sl-badge variant=${STATUS_BADGE[pat.status]} pill>${this.t.status[pat.status]}</sl-badge>
          ${isExpiringSoon(pat, now) ? html`<sl-badge variant="warning" pill>${this.t.status.expiring}</sl-badge>` : nothing}
          <span><time datetime=${end.at}>${end.text}</time> <span class="muted">· ${this.locale.dateTime(end.at)}</span></span>
          ${renderIdleExpiry(pat, this.locale)}
        </dd>
        <dd class="field-actions">
          ${
            pat.status === 'active'
              ? html`<sl-button class="status-action" size="small" variant="danger" @click=${(event: Event) => this.onRevoke(pat, event)}
                  >${this.t.detail.revoke}</sl-button
                >`
              : html`<sl-button
                  class="status-action"
                  size="small"
                  variant="primary"
                  @click=${(event: Event) => this.onRegenerate(pat, event.currentTarget as HTMLElement)}
                  >${this.t.detail.regenerate}</sl-button
                >`
          }
        </dd>
      </div>
    `;
  }

  /**
   * A PAT a leak report revoked: a danger alert saying so, then where its secret was found (a
   * link only to an http: or https: address; anything else is text), who found it and when, and
   * Regenerate (the status row's action: the new secret is the way out).
   */
  private renderLeak(pat: Pat, now: number) {
    // A server from before leak reports leaves `leak` out: no leak.
    const { leak } = pat;
    if (!leak) return nothing;
    const href = httpUrl(leak.url);
    const t = this.t.leak;
    return html`
      <sl-alert class="leak" part="leak" variant="danger" open>
        <sl-icon slot="icon" name="exclamation-octagon"></sl-icon>
        <h3 class="leak-title">${t.title}</h3>
        <dl class="leak-facts">
          ${
            leak.url
              ? html`<div>
                  <dt>${t.url}</dt>
                  <dd>
                    <span class="leak-url" dir="ltr"
                      >${href ? html`<a href=${href} target="_blank" rel="noopener noreferrer nofollow">${leak.url}</a>` : leak.url}</span
                    >
                  </dd>
                </div>`
              : nothing
          }
          ${
            leak.source
              ? html`<div>
                  <dt>${t.source}</dt>
                  <dd dir="auto">${leak.source}</dd>
                </div>`
              : nothing
          }
          <div>
            <dt>${t.reported}</dt>
            <dd>
              <time datetime=${leak.reported_at}>${this.locale.dateTime(leak.reported_at)}</time>
              <span class="muted">· ${this.locale.relative(leak.reported_at, now)}</span>
            </dd>
          </div>
        </dl>
        <p class="leak-hint">${t.hint}</p>
        <sl-button
          class="leak-action"
          size="small"
          variant="primary"
          @click=${(event: Event) => this.onRegenerate(pat, event.currentTarget as HTMLElement)}
          >${this.t.detail.regenerate}</sl-button
        >
      </sl-alert>
    `;
  }

  /** The addresses it may be used from, one a line (or "Any address"), edited in place; only where the client has allowlists. */
  private renderAllowedIps(pat: Pat) {
    if (!offers(this.api, 'setAllowedIps')) return nothing;
    return this.#editor.render(
      {
        key: 'allowed_ips',
        label: this.t.allowedIps.detailLabel,
        // A server from before allowlists leaves them out: any address.
        value: ipText(pat.allowed_ips ?? []),
        maxLength: LIMITS.allowedIps * (LIMITS.ipMax + 1),
        lines: true,
        help: this.t.allowedIps.help,
        hint: this.t.allowedIps.editHint,
      },
      this.t.allowedIps.any,
      this.t,
    );
  }

  /** A moment as a user needs it on a token's page: the date and time, and how long ago. */
  private renderTime(label: string, iso: string | null, now: number, from?: string) {
    const when =
      iso && html`<time datetime=${iso}>${this.locale.dateTime(iso)}</time> <span class="muted">· ${this.locale.relative(iso, now)}</span>`;
    return html`
      <div class="field">
        <dt>${label}</dt>
        <dd>
          ${when ? html`${when}${from ? ` ${this.t.detail.lastUsedFrom(from)}` : ''}` : html`<span class="muted">${this.t.never}</span>`}
        </dd>
      </div>
    `;
  }

  /** The PAT's checks per day and its history, each where the client has it. */
  private renderHistory(pat: Pat) {
    return html`
      ${
        offers(this.api, 'getPatUsage')
          ? html`<section class="card history" part="usage" aria-labelledby="usage-title">
              <h3 id="usage-title">${this.t.usage.title}</h3>
              <pat-usage-chart pat-id=${pat.id}></pat-usage-chart>
            </section>`
          : nothing
      }
      ${
        offers(this.api, 'listPatEvents')
          ? html`<section class="card history" part="activity" aria-labelledby="activity-title">
              <h3 id="activity-title">${this.t.activity.title}</h3>
              <pat-activity pat-id=${pat.id} owner=${pat.user_id}></pat-activity>
            </section>`
          : nothing
      }
    `;
  }

  private renderPat(pat: Pat) {
    const now = Date.now();
    return html`
      <div class="title-row">
        <h2 class="title" part="title" tabindex="-1" dir="auto">${pat.name}</h2>
        <sl-button class="duplicate" part="duplicate" size="small" @click=${() => this.onDuplicate(pat)}>
          <sl-icon slot="prefix" name="files"></sl-icon>${this.t.detail.duplicate}
        </sl-button>
      </div>
      ${this.renderLeak(pat, now)}
      ${this.secret ? html`<pat-secret-banner part="secret" .secret=${this.secret}></pat-secret-banner>` : nothing}
      <section class="card" part="details">
        <dl>
          ${this.#editor.render({ key: 'name', label: this.t.detail.name, value: pat.name, maxLength: LIMITS.nameMax }, '', this.t)}
          <div class="field">
            <dt>${this.t.detail.id}</dt>
            <dd class="mono">${pat.id}</dd>
            <dd class="field-actions">${renderCopyButton(pat.id, this.t.detail.copyId, this.t)}</dd>
          </div>
          ${this.renderStatus(pat, now)}
          ${this.#editor.render(
            {
              key: 'description',
              label: this.t.detail.description,
              value: pat.description,
              maxLength: LIMITS.descriptionMax,
              multiline: true,
            },
            this.t.detail.noDescription,
            this.t,
          )}
          ${this.renderAllowedIps(pat)} ${renderIdleLimit(pat, now, this.locale)}
          ${this.renderTime(this.t.detail.created, pat.created_at, now)} ${this.renderTime(this.t.detail.issued, pat.issued_at, now)}
          ${this.renderTime(this.t.detail.lastUsed, pat.last_used_at, now, pat.last_used_ip ?? undefined)}
          ${this.renderTime(this.t.detail.updated, pat.updated_at, now)}
        </dl>
      </section>
      ${this.#scopes.render(pat)} ${this.renderHistory(pat)}
      <div class="danger-zone">
        <sl-button variant="danger" outline size="small" @click=${(event: Event) => this.onDelete(pat, event)}
          >${this.t.detail.delete}</sl-button
        >
      </div>
    `;
  }

  private renderState() {
    const error = this.#pat.error;
    if (this.#pat.status === TaskStatus.ERROR) {
      const missing = error instanceof ApiError && error.status === 404;
      return html`<div class="card state" role=${missing ? 'status' : 'alert'}>
        <h2 tabindex="-1">${missing ? this.t.detail.notFoundTitle : this.t.detail.errorTitle}</h2>
        <p>${missing ? this.t.detail.notFoundText : errorText(error, this.t)}</p>
        ${missing ? nothing : html`<sl-button @click=${() => this.refresh()}>${this.t.retry}</sl-button>`}
      </div>`;
    }
    return html`<div class="card state" aria-busy="true">
      <sl-skeleton effect="pulse"></sl-skeleton><sl-skeleton effect="pulse"></sl-skeleton>
    </div>`;
  }

  /**
   * Moves the focus to the page's heading (the token's name, or what stands in its place) once
   * the token has loaded: a router calls it after navigating here.
   */
  async focusHeading(): Promise<void> {
    await this.updateComplete; // the update that starts loading the current pat-id
    await this.#pat.taskComplete.catch(() => undefined);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  override render() {
    const pat = this.#pat.value && this.#pat.value.id === this.patId ? this.#pat.value : undefined;
    return html`
      <div class="base" part="base">
        ${
          this.deletedId && this.deletedId === this.patId
            ? html`<div class="card state" role="status">
                <h2 tabindex="-1">${this.t.detail.deletedTitle}</h2>
                <p>${this.t.detail.deletedText}</p>
              </div>`
            : pat && this.#pat.status !== TaskStatus.ERROR
              ? this.renderPat(pat)
              : this.renderState()
        }
        ${this.#announcer.render()}
        <pat-confirm-dialog></pat-confirm-dialog>
        <pat-regenerate-dialog></pat-regenerate-dialog>
        ${this.#scopes.renderAddDialog(pat?.name)}
      </div>
    `;
  }
}
