import { html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import '@shoelace-style/shoelace/dist/components/button/button.js';
import '@shoelace-style/shoelace/dist/components/menu/menu.js';
import '@shoelace-style/shoelace/dist/components/menu-item/menu-item.js';
import '@shoelace-style/shoelace/dist/components/divider/divider.js';
import type SlMenuItem from '@shoelace-style/shoelace/dist/components/menu-item/menu-item.js';
import { isExpiringSoon, type Pat, type PatSortKey, type SortDirection } from '../../contract/index.js';
import { STATUS_BADGE, formatDateTime, formatNumber, formatRelative, patEnd } from '../common/format.js';
import { strings } from '../i18n/strings.js';

/** A column the user can sort by, or just a heading. */
export type Column = { key: PatSortKey; label: string } | string;

/** The table's columns, the actions column aside. */
export function patColumns(): Column[] {
  return [
    { key: 'name', label: strings.table.columns.name },
    strings.table.columns.description,
    strings.table.columns.status,
    { key: 'issued_at', label: strings.table.columns.issued },
    { key: 'expires_at', label: strings.table.columns.expires },
    { key: 'last_used_at', label: strings.table.columns.lastUsed },
    strings.table.columns.scopes,
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

/**
 * One PAT's row, with its ⋮ button and, while it is open, its menu. A page holds up to a hundred
 * of them, so every node and binding counts: the template has no whitespace between its tags
 * (each would be a text node to clone; the one space left keeps the expiry and its badge two
 * words for screen readers), text goes in with `.textContent` (no marker comment and child part
 * per cell), and it nests as few templates as it takes. (An empty description's "—" takes the
 * description's own muted colour.)
 */
export function renderPatRow(pat: Pat, now: number, menu: unknown) {
  const end = patEnd(pat, now);
  return html`<tr part="row" tabindex="0" data-id=${pat.id}>
    <td class="name" .textContent=${pat.name}></td>
    <td class="description" title=${pat.description} .textContent=${pat.description || '—'}></td>
    <td><span class="badge" data-variant=${STATUS_BADGE[pat.status]} .textContent=${strings.status[pat.status]}></span></td>
    <td>
      <time datetime=${pat.issued_at} title=${formatDateTime(pat.issued_at)} .textContent=${formatRelative(pat.issued_at, now)}></time>
    </td>
    <td>
      <span class="expires"
        ><time class=${end.revoked ? 'muted' : ''} datetime=${end.at} title=${formatDateTime(end.at)} .textContent=${end.text}></time>
        ${isExpiringSoon(pat, now) ? html`<span class="badge" data-variant="warning" .textContent=${strings.status.expiring}></span>` : nothing}</span
      >
    </td>
    <td>
      ${
        pat.last_used_at
          ? html`<time
              datetime=${pat.last_used_at}
              title=${formatDateTime(pat.last_used_at)}
              .textContent=${formatRelative(pat.last_used_at, now)}
            ></time>`
          : html`<span class="muted" .textContent=${strings.never}></span>`
      }
    </td>
    <td class="numeric" .textContent=${formatNumber(pat.scopes_count)}></td>
    <td class="row-actions">
      <button
        class="icon-button row-menu-trigger"
        type="button"
        aria-label=${strings.table.rowActions(pat.name)}
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
export function renderEmpty(nothingYet: boolean, { onCreate, onReset }: { onCreate: () => void; onReset: () => void }) {
  return nothingYet
    ? html`
        <h3>${strings.table.emptyTitle}</h3>
        <p>${strings.table.emptyText}</p>
        <sl-button variant="primary" @click=${onCreate}>${strings.table.create}</sl-button>
      `
    : html`
        <h3>${strings.table.noMatchTitle}</h3>
        <p>${strings.table.noMatchText}</p>
        <sl-button @click=${onReset}>${strings.table.resetFilters}</sl-button>
      `;
}

/** The list could not be loaded: why, and Retry. */
export function renderListError(error: Error | undefined, onRetry: () => void) {
  return html`
    <h3>${strings.table.errorTitle}</h3>
    <p role="alert">${error?.message}</p>
    <sl-button @click=${onRetry}>${strings.retry}</sl-button>
  `;
}

/**
 * The items of a row's menu: Revoke for an active PAT, Regenerate for the others; the ones that
 * stop a secret or a PAT below a divider, Delete in the danger colour.
 */
export function renderRowMenuItems(pat: Pat, onSelect: (event: CustomEvent<{ item: SlMenuItem }>) => void) {
  return html`
    <sl-menu @sl-select=${onSelect}>
      <sl-menu-item value="view">${strings.table.view}</sl-menu-item>
      <sl-menu-item value="copy">${strings.table.copyId}</sl-menu-item>
      <sl-menu-item value="add-scope">${strings.table.addScope}</sl-menu-item>
      <sl-divider></sl-divider>
      ${
        pat.status === 'active'
          ? html`<sl-menu-item value="revoke">${strings.table.revoke}</sl-menu-item>`
          : html`<sl-menu-item value="regenerate">${strings.table.regenerate}</sl-menu-item>`
      }
      <sl-menu-item class="danger" value="delete">${strings.table.delete}</sl-menu-item>
    </sl-menu>
  `;
}
