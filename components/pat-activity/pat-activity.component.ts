import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import '@shoelace-style/shoelace/dist/components/button/button.js';
import { LIMITS, SYSTEM_ACTOR, type PatEvent, type PatEventPage } from '../../contract/index.js';
import { errorText } from '../api/api-error.js';
import type { PatApi } from '../api/pat-api.js';
import { baseStyles } from '../common/base.styles.js';
import { focusIsFree } from '../common/focus.js';
import { loadStateStyles, renderLoadState } from '../common/load-state.js';
import { PatApiElement, offers, requireApi } from '../common/pat-api-element.js';
import { EVENT_ICONS } from './pat-activity.icons.js';
import { eventSentence } from './pat-activity.sentence.js';
import styles from './pat-activity.styles.js';

/** The events loaded so far, and for which PAT ('' for all the user's). */
interface Loaded {
  patId: string;
  events: PatEvent[];
  total: number;
}

/** The colour of each kind's icon, as Shoelace's palettes name them. */
const TONES = {
  created: 'primary',
  regenerated: 'primary',
  renamed: 'neutral',
  described: 'neutral',
  scopes_added: 'success',
  scopes_removed: 'warning',
  scopes_cleared: 'danger',
  revoked: 'danger',
  expired: 'neutral',
  deleted: 'danger',
  new_address: 'warning',
  allowed_ips_changed: 'neutral',
  leaked: 'danger',
} as const;

type Tone = (typeof TONES)[keyof typeof TONES];

/** The colour of an event's icon: its kind's, or a stronger one where its details call for it. */
function toneOf(event: PatEvent): Tone {
  // A use refused for its address; a restriction lifted.
  if (event.kind === 'new_address' && event.details.refused) return 'danger';
  if (event.kind === 'allowed_ips_changed' && !event.details.allowed_ips?.length) return 'warning';
  return TONES[event.kind] ?? 'neutral';
}

const DEFAULT_PAGE_SIZE = 20;

/**
 * @tagname pat-activity
 * @summary A token's history as a timeline, newest first: each event a sentence in the user's
 * language (created, renamed, described, scopes added or removed, allowed addresses changed,
 * revoked, revoked automatically for a leak report (where the secret was found, and who found
 * it), regenerated, expired (by its lifetime, or unused for its idle limit), deleted, first used
 * from a new client address or refused there) with an icon, when it happened (how long ago and
 * the date and time), who did it when it was not the token's owner, and the client address and
 * user agent of the request. Show more loads the
 * next page. Without `pat-id`, the history of all the user's tokens, deleted ones' included, each
 * event under its token's name.
 *
 * The history is an optional part of the API (`listPatEvents`, `listEvents`): with a client
 * that lacks it (`backend="supermq"`, or a host's own client without it) the element renders
 * nothing visible, only its base part, hidden.
 *
 * @csspart base - The whole element (hidden when the client has no history).
 * @csspart list - The timeline, an ordered list, newest first.
 * @csspart event - One event.
 * @csspart icon - The icon of an event's kind, on the timeline's line.
 * @csspart footer - How many events are shown, and Show more.
 *
 * @cssproperty --pat-activity-icon-size - The size of the events' icons (1.75rem).
 */
export class PatActivity extends PatApiElement {
  static override styles = [baseStyles, loadStateStyles, styles];

  #events = new Task(this, {
    task: async ([api, patId, pageSize], { signal }): Promise<Loaded | undefined> => {
      if (!this.#offered(api, patId)) return undefined;
      const page = await this.#page(requireApi(api), patId, 0, pageSize, signal);
      return { patId, events: page.events, total: page.total };
    },
    args: () => [this.api, this.patId, this.pageSize] as const,
    onComplete: () => {
      this.moreError = undefined;
    },
  });

  /** A later page is on its way. */
  @state() private loadingMore = false;
  /** Why the last Show more failed. */
  @state() private moreError?: unknown;

  /** The token whose history to show; without it, the history of all the user's tokens. */
  @property({ attribute: 'pat-id' }) patId = '';

  /** How many events a page holds (Show more loads the next), from 1 to 100. */
  @property({ attribute: 'page-size', type: Number }) pageSize = DEFAULT_PAGE_SIZE;

  /**
   * The user id of the tokens' owner (the signed-in user): an event someone else made names who
   * made it. `<pat-detail>` sets it to its token's owner.
   */
  @property() owner = '';

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('pageSize')) {
      const size = Math.floor(this.pageSize);
      this.pageSize = Number.isFinite(size) ? Math.min(Math.max(size, 1), LIMITS.pageMax) : DEFAULT_PAGE_SIZE;
    }
  }

  /** Whether the client has the history this element shows (a PAT's, or all the user's). */
  #offered(api: PatApi | undefined, patId: string): boolean {
    return offers(api, patId ? 'listPatEvents' : 'listEvents');
  }

  #page(api: PatApi, patId: string, offset: number, limit: number, signal?: AbortSignal): Promise<PatEventPage> {
    const page = { offset, limit };
    return patId ? api.listPatEvents!(patId, page, { signal }) : api.listEvents!(page, { signal });
  }

  /** Who made it, when it was not the owner, nor the system (whose events say what happened). */
  #actor(event: PatEvent): string | undefined {
    return event.actor !== SYSTEM_ACTOR && this.owner && event.actor !== this.owner ? event.actor : undefined;
  }

  private async onShowMore(loaded: Loaded) {
    if (this.loadingMore) return;
    this.loadingMore = true;
    this.moreError = undefined;
    try {
      const next = await this.#page(requireApi(this.api), loaded.patId, loaded.events.length, this.pageSize);
      // What was made since the first page pushed older events down: each shows once.
      const seen = new Set(loaded.events.map((event) => event.id));
      const added = next.events.filter((event) => !seen.has(event.id));
      // Another token, or a refresh, since: this page is not the one shown.
      if (this.#events.value !== loaded) return;
      loaded.events = [...loaded.events, ...added];
      loaded.total = next.total;
      this.requestUpdate();
      // The button may be gone: the first event it brought takes the focus.
      await this.updateComplete;
      if (added[0] && focusIsFree(this)) this.renderRoot.querySelector<HTMLElement>(`[data-event="${CSS.escape(added[0].id)}"]`)?.focus();
    } catch (error) {
      this.moreError = error;
    } finally {
      this.loadingMore = false;
    }
  }

  /** Loads the history again from its newest event (after a change the page made). */
  refresh(): void {
    void this.#events.run();
  }

  private renderEvent(event: PatEvent, all: boolean, now: number) {
    const actor = this.#actor(event);
    // A first use's sentence already names its address.
    const ip = event.kind === 'new_address' ? null : event.ip;
    return html`
      <li class="event" part="event" data-kind=${event.kind} data-event=${event.id} tabindex="-1">
        <span class="icon" part="icon" data-tone=${toneOf(event)}>
          <svg viewBox="0 0 16 16" fill="currentColor" aria-hidden="true">${EVENT_ICONS[event.kind] ?? nothing}</svg>
        </span>
        <div class="body">
          ${all ? html`<span class="pat-name" dir="auto">${event.pat_name}</span>` : nothing}
          <span class="sentence">${eventSentence(event, this.locale)}</span>
          <span class="meta">
            <span><time datetime=${event.at}>${this.locale.relative(event.at, now)}</time> · ${this.locale.dateTime(event.at)}</span>
            ${actor ? html`<span class="actor" dir="auto">${this.t.activity.byActor(actor)}</span>` : nothing}
            ${ip ? html`<span class="ip">${this.t.activity.from(ip)}</span>` : nothing}
            ${event.user_agent ? html`<span class="agent" dir="auto">${event.user_agent}</span>` : nothing}
          </span>
        </div>
      </li>
    `;
  }

  private renderFooter(loaded: Loaded) {
    const more = loaded.events.length < loaded.total;
    if (!more && loaded.events.length <= this.pageSize) return nothing;
    return html`<div class="footer" part="footer">
      <span role="status">${this.t.activity.shown(loaded.events.length, loaded.total)}</span>
      ${
        more
          ? html`<sl-button size="small" ?loading=${this.loadingMore} @click=${() => this.onShowMore(loaded)}
              >${this.t.activity.showMore}</sl-button
            >`
          : nothing
      }
      ${this.moreError ? html`<span class="error" role="alert">${errorText(this.moreError, this.t)}</span>` : nothing}
    </div>`;
  }

  private renderState(loaded: Loaded | undefined) {
    if (loaded && this.#events.status !== TaskStatus.ERROR) return html`<p class="empty">${this.t.activity.empty}</p>`;
    return renderLoadState(this.#events, {
      errorTitle: this.t.activity.errorTitle,
      retry: () => this.refresh(),
      t: this.t,
      placeholders: 3,
    });
  }

  override render() {
    if (!this.#offered(this.api, this.patId)) return html`<div class="base" part="base" hidden></div>`;
    const value = this.#events.value;
    const loaded = value && value.patId === this.patId ? value : undefined;
    const all = !this.patId;
    const now = Date.now();
    return html`
      <div class="base" part="base">
        ${
          loaded && loaded.events.length > 0 && this.#events.status !== TaskStatus.ERROR
            ? html`<ol
                  class="timeline"
                  part="list"
                  aria-label=${all ? this.t.activity.allLabel : this.t.activity.label}
                  aria-busy=${this.#events.status === TaskStatus.PENDING ? 'true' : 'false'}
                >
                  ${loaded.events.map((event) => this.renderEvent(event, all, now))}
                </ol>
                ${this.renderFooter(loaded)}`
            : this.renderState(loaded)
        }
      </div>
    `;
  }
}
