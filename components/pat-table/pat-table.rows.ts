import { html, nothing, svg } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import '@shoelace-style/shoelace/dist/components/button/button.js';
import '@shoelace-style/shoelace/dist/components/menu/menu.js';
import '@shoelace-style/shoelace/dist/components/menu-item/menu-item.js';
import '@shoelace-style/shoelace/dist/components/divider/divider.js';
import type SlMenuItem from '@shoelace-style/shoelace/dist/components/menu-item/menu-item.js';
import { isExpiringSoon } from '../../contract/status.js';
import type { Pat, PatSortKey, SortDirection } from '../../contract/types.js';
import { errorText } from '../api/api-error.js';
import { STATUS_BADGE, type PatLocale } from '../common/format.js';
import type { PatStrings } from '../i18n/strings.js';

/** A column the user can sort by, or just a heading. */
export type Column = { key: PatSortKey; label: string } | string;

/** The table's columns, the actions column aside. */
export function patColumns(t: PatStrings): Column[] {
  return [
    { key: 'name', label: t.table.columns.name },
    t.table.columns.description,
    t.table.columns.status,
    { key: 'issued_at', label: t.table.columns.issued },
    { key: 'expires_at', label: t.table.columns.expires },
    { key: 'last_used_at', label: t.table.columns.lastUsed },
    t.table.columns.scopes,
  ];
}

/** A column's heading: a button that sorts by it (and says how the list is sorted), if it sorts. */
export function renderColumnHeader(column: Column, sort: PatSortKey, dir: SortDirection, onSort: (key: PatSortKey) => void) {
  if (typeof column === 'string') return html`<th scope="col">${column}</th>`;
  const sorted = sort === column.key;
  const ariaSort = sorted ? (dir === 'asc' ? 'ascending' : 'descending') : undefined;
  return html`
    <th scope="col" aria-sort=${ifDefined(ariaSort)}>
      <button class="sort" type="button" @click=${() => onSort(column.key)}>
        ${column.label}
        <span class="sort-indicator" aria-hidden="true">${sorted ? (dir === 'asc' ? '▲' : '▼') : '↕'}</span>
      </button>
    </th>
  `;
}

/** A loading row's cell: a pulsing bar, drawn as sl-skeleton draws it (see .skeleton-bar). */
const SKELETON_CELL = html`<td><span class="skeleton-bar"></span></td>`;

/** Three loading rows of `columns` cells. */
export function skeletonRows(columns: number) {
  const cells = Array.from({ length: columns }, () => SKELETON_CELL);
  return Array.from(
    { length: 3 },
    () =>
      html`<tr class="skeleton" aria-hidden="true">
        ${cells}
      </tr>`,
  );
}

/** One row across the table that says why there are no rows (empty, no match, error). */
export function stateRow(columns: number, content: unknown) {
  return html`<tr>
    <td colspan=${columns}><div class="state">${content}</div></td>
  </tr>`;
}

/** Bootstrap Icons' funnel (MIT), as `<pat-activity>` draws an allowlist's change. */
const FUNNEL = svg`<path d="M1.5 1.5A.5.5 0 0 1 2 1h12a.5.5 0 0 1 .5.5v2a.5.5 0 0 1-.128.334L10 8.692V13.5a.5.5 0 0 1-.342.474l-3 1A.5.5 0 0 1 6 14.5V8.692L1.628 3.834A.5.5 0 0 1 1.5 3.5zm1 .5v1.308l4.372 4.858A.5.5 0 0 1 7 8.5v5.306l2-.666V8.5a.5.5 0 0 1 .128-.334L13.5 3.308V2z" />`;

/**
 * A name, and before it, when the PAT may be used only from some client addresses, a funnel
 * labelled with how many: the name alone is one text node.
 */
function nameContent(pat: Pat, t: PatStrings) {
  const restricted = pat.allowed_ips?.length ?? 0;
  if (restricted === 0) return pat.name;
  const label = t.allowedIps.restricted(restricted);
  return html`<svg class="restricted" viewBox="0 0 16 16" fill="currentColor" role="img" aria-label=${label}>${FUNNEL}</svg>${pat.name}`;
}

/** Bootstrap Icons' hourglass-split (MIT): the time a PAT has left unless it is used. */
const HOURGLASS = svg`<path d="M2.5 15a.5.5 0 1 1 0-1h1v-1a4.5 4.5 0 0 1 2.557-4.06c.29-.139.443-.377.443-.59v-.7c0-.213-.154-.451-.443-.59A4.5 4.5 0 0 1 3.5 3V2h-1a.5.5 0 0 1 0-1h11a.5.5 0 0 1 0 1h-1v1a4.5 4.5 0 0 1-2.557 4.06c-.29.139-.443.377-.443.59v.7c0 .213.154.451.443.59A4.5 4.5 0 0 1 12.5 13v1h1a.5.5 0 0 1 0 1zm2-13v1c0 .537.12 1.045.337 1.5h6.326c.216-.455.337-.963.337-1.5V2zm3 6.35c0 .701-.478 1.236-1.011 1.492A3.5 3.5 0 0 0 4.5 13s.866-1.299 3-1.48zm1 0v3.17c2.134.181 3 1.48 3 1.48a3.5 3.5 0 0 0-1.989-3.158C8.978 9.586 8.5 9.052 8.5 8.351z" />`;

/**
 * Before the end, when the PAT's idle limit ends it (it expires unless used before, or it
 * expired unused), an hourglass labelled with the limit ("Expires after 30 days without use"),
 * which its tooltip says too; nothing for the others.
 */
function idleMark(pat: Pat, end: { idle: boolean; at: string }, now: number, locale: PatLocale) {
  if (!end.idle) return nothing;
  const { t } = locale;
  const limit = pat.max_idle ? locale.duration(pat.max_idle) : '';
  const label = !limit ? t.idle.detailLabel : Date.parse(end.at) <= now ? t.idle.expiredMark(limit) : t.idle.mark(limit);
  return html`<span class="idle" role="img" aria-label=${label} title=${label}
    ><svg viewBox="0 0 16 16" fill="currentColor" aria-hidden="true">${HOURGLASS}</svg></span
  >`;
}

/**
 * After a revoked PAT's badge, when a leak report revoked it, a small "Leaked" mark labelled with
 * what happened, where its secret was found in its tooltip; nothing for the others.
 */
function leakMark(pat: Pat, t: PatStrings) {
  // A server from before leak reports leaves `leak` out: no leak.
  if (!pat.leak) return nothing;
  return html` <span
    class="leak"
    role="img"
    aria-label=${t.leak.title}
    title=${t.leak.tooltip(pat.leak.url)}
    .textContent=${t.leak.mark}
  ></span>`;
}

/**
 * One PAT's row, with its ⋮ button and, while it is open, its menu. A page holds up to a hundred
 * of them, so every node and binding counts: the template has no whitespace between its tags
 * (each would be a text node to clone; the one space left keeps the expiry and its badge two
 * words for screen readers), text goes in with `.textContent` (no marker comment and child part
 * per cell; the name's, the status's and the end's cells have one, for a restricted, a leaked or an
 * idle-limited PAT's mark),
 * and it nests as few templates as it takes. (An empty description's "—" takes the
 * description's own muted colour.)
 */
export function renderPatRow(pat: Pat, now: number, menu: unknown, locale: PatLocale) {
  const { t } = locale;
  const end = locale.patEnd(pat, now);
  return html`<tr part="row" tabindex="0" data-id=${pat.id}>
    <td class="name" dir="auto" title=${pat.name}>${nameContent(pat, t)}</td>
    <td class="description" dir="auto" title=${pat.description} .textContent=${pat.description || '—'}></td>
    <td class="status">
      <span class="badge" data-variant=${STATUS_BADGE[pat.status]} .textContent=${t.status[pat.status]}></span>${leakMark(pat, t)}
    </td>
    <td class="issued">
      <time datetime=${pat.issued_at} title=${locale.dateTime(pat.issued_at)} .textContent=${locale.relative(pat.issued_at, now)}></time>
    </td>
    <td class="expires-cell">
      <span class="expires"
        ><span class="end"
          >${idleMark(pat, end, now, locale)}<time
            class=${end.revoked ? 'muted' : ''}
            datetime=${end.at}
            title=${locale.dateTime(end.at)}
            .textContent=${end.text}
          ></time
        ></span>
        ${isExpiringSoon(pat, now) ? html`<span class="badge" data-variant="warning" .textContent=${t.status.expiring}></span>` : nothing}</span
      >
    </td>
    <td class="last-used">
      ${
        pat.last_used_at
          ? html`<time
              datetime=${pat.last_used_at}
              title=${locale.dateTime(pat.last_used_at)}
              .textContent=${locale.relative(pat.last_used_at, now)}
            ></time>`
          : html`<span class="muted" .textContent=${t.never}></span>`
      }
    </td>
    <td class="numeric scopes" .textContent=${locale.number(pat.scopes_count)}></td>
    <td class="row-actions">
      <button
        class="icon-button row-menu-trigger"
        type="button"
        aria-label=${t.table.rowActions(pat.name)}
        aria-haspopup="true"
        aria-expanded="false"
      >
        <svg viewBox="0 0 16 16" fill="currentColor" aria-hidden="true">
          <path
            d="M9.5 13a1.5 1.5 0 1 1-3 0 1.5 1.5 0 0 1 3 0m0-5a1.5 1.5 0 1 1-3 0 1.5 1.5 0 0 1 3 0m0-5a1.5 1.5 0 1 1-3 0 1.5 1.5 0 0 1 3 0"
          />
        </svg></button
      >${menu}
    </td>
  </tr>`;
}

/** The empty list: nothing yet (with Create), or nothing that matches (with Reset filters). */
export function renderEmpty(nothingYet: boolean, { onCreate, onReset }: { onCreate: () => void; onReset: () => void }, t: PatStrings) {
  return nothingYet
    ? html`
        <h3>${t.table.emptyTitle}</h3>
        <p>${t.table.emptyText}</p>
        <sl-button variant="primary" @click=${onCreate}>${t.table.create}</sl-button>
      `
    : html`
        <h3>${t.table.noMatchTitle}</h3>
        <p>${t.table.noMatchText}</p>
        <sl-button @click=${onReset}>${t.table.resetFilters}</sl-button>
      `;
}

/** The list could not be loaded: why, and Retry. */
export function renderListError(error: Error | undefined, onRetry: () => void, t: PatStrings) {
  return html`
    <h3>${t.table.errorTitle}</h3>
    <p role="alert">${error && errorText(error, t)}</p>
    <sl-button @click=${onRetry}>${t.retry}</sl-button>
  `;
}

/**
 * The items of a row's menu: Revoke for an active PAT, Regenerate for the others; the ones that
 * stop a secret or a PAT below a divider, Delete in the danger colour.
 */
export function renderRowMenuItems(pat: Pat, onSelect: (event: CustomEvent<{ item: SlMenuItem }>) => void, t: PatStrings) {
  return html`
    <sl-menu @sl-select=${onSelect}>
      <sl-menu-item value="view">${t.table.view}</sl-menu-item>
      <sl-menu-item value="copy">${t.table.copyId}</sl-menu-item>
      <sl-menu-item value="add-scope">${t.table.addScope}</sl-menu-item>
      <sl-menu-item value="duplicate">${t.table.duplicate}</sl-menu-item>
      <sl-divider></sl-divider>
      ${
        pat.status === 'active'
          ? html`<sl-menu-item value="revoke">${t.table.revoke}</sl-menu-item>`
          : html`<sl-menu-item value="regenerate">${t.table.regenerate}</sl-menu-item>`
      }
      <sl-menu-item class="danger" value="delete">${t.table.delete}</sl-menu-item>
    </sl-menu>
  `;
}
