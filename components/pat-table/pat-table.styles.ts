import { css } from 'lit';

export default css`
  :host {
    display: block;
    --pat-table-row-hover: var(--sl-color-neutral-50);
  }
  /* A container: the rows turn into cards by the width the table has, not the viewport's. */
  .base {
    display: flex;
    flex-direction: column;
    gap: var(--sl-spacing-medium);
    container: pat-table / inline-size;
  }
  .stats {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr));
    gap: var(--sl-spacing-small);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .stat {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: var(--sl-spacing-3x-small);
    width: 100%;
    padding: var(--sl-spacing-small) var(--sl-spacing-medium);
    border: solid var(--sl-input-border-width) var(--sl-color-neutral-200);
    border-radius: var(--sl-border-radius-large);
    background: var(--sl-color-neutral-0);
    color: inherit;
    font: inherit;
    text-align: start;
    cursor: pointer;
  }
  .stat:hover {
    border-color: var(--sl-color-primary-300);
  }
  .stat[aria-pressed='true'] {
    border-color: var(--sl-color-primary-600);
    box-shadow: inset 0 0 0 1px var(--sl-color-primary-600);
  }
  .stat-count {
    font-size: var(--sl-font-size-x-large);
    font-weight: var(--sl-font-weight-bold);
  }
  .stat-label {
    color: var(--sl-color-neutral-600);
    font-size: var(--sl-font-size-small);
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: var(--sl-spacing-small);
  }
  .search {
    flex: 1 1 16rem;
  }
  .status-filter {
    flex: 0 0 11rem;
  }
  /* The column headings sort; the cards have none, so they get this instead. */
  .sort-select {
    display: none;
    flex: 1 1 11rem;
  }
  .actions {
    display: flex;
    gap: var(--sl-spacing-x-small);
    margin-inline-start: auto;
  }
  .retry {
    margin-inline-start: var(--sl-spacing-small);
  }
  /* The table scrolls inside it; positioned, so that its visually hidden texts stay inside too (else they widen the page). */
  .frame {
    position: relative;
    overflow-x: auto;
    border: solid 1px var(--sl-color-neutral-200);
    border-radius: var(--sl-border-radius-large);
    background: var(--sl-color-neutral-0);
  }
  /*
   * Every row is a grid of the same tracks, and the tracks depend on the table's width alone: the
   * columns line up without the browser measuring every cell, as a table's layout does, so a row
   * out of view is neither styled nor laid out until it comes near (content-visibility). Below its
   * min-width, the sum of the tracks' least widths (change them together), the frame scrolls.
   */
  table {
    display: block;
    min-width: 63rem;
    font-size: var(--sl-font-size-small);
    transition: opacity var(--sl-transition-fast);
  }
  thead,
  tbody {
    display: block;
  }
  tr {
    display: grid;
    grid-template-columns: minmax(9rem, 2fr) minmax(6rem, 1.5fr) 10rem 8.5rem minmax(11rem, 1.75fr) 8.5rem 6rem 4rem;
  }
  tbody tr[data-id] {
    content-visibility: auto;
    contain-intrinsic-size: auto 3rem;
  }
  /* The open menu's row: contained, it would hold the fixed menu inside its own box and clip it. */
  tbody tr:has(.row-menu) {
    content-visibility: visible;
  }
  table[aria-busy='true'] tbody {
    opacity: 0.55;
  }
  th,
  td {
    padding: var(--sl-spacing-x-small) var(--sl-spacing-medium);
    border-bottom: solid 1px var(--sl-color-neutral-100);
    text-align: start;
    align-content: center;
  }
  th {
    color: var(--sl-color-neutral-600);
    font-weight: var(--sl-font-weight-bold);
  }
  /* The empty, no-match and error states span the row. */
  tbody tr:not([data-id]):not(.skeleton) > td {
    grid-column: 1 / -1;
  }
  tbody tr:last-child td {
    border-bottom: none;
  }
  tbody tr {
    cursor: pointer;
  }
  tbody tr:hover {
    background: var(--pat-table-row-hover);
  }
  tbody tr:focus-visible {
    outline: var(--sl-focus-ring);
    outline-offset: calc(-1 * var(--sl-focus-ring-width));
  }
  .sort {
    display: inline-flex;
    align-items: center;
    gap: var(--sl-spacing-3x-small);
    padding: 0;
    border: none;
    background: none;
    color: inherit;
    font: inherit;
    cursor: pointer;
  }
  .sort-indicator {
    font-size: var(--sl-font-size-x-small);
    color: var(--sl-color-neutral-400);
  }
  th[aria-sort] .sort-indicator {
    color: var(--sl-color-primary-600);
  }
  /* A name keeps a readable width on one line, its ellipsis unfolding on hover (title) and on the focused row. */
  .name {
    overflow: hidden;
    font-weight: var(--sl-font-weight-bold);
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  /* A restricted PAT's mark, before its name (so an ellipsis never hides it). */
  .restricted {
    vertical-align: -0.0625em;
    width: 0.875em;
    height: 0.875em;
    color: var(--sl-color-primary-600);
    margin-inline-end: var(--sl-spacing-2x-small);
  }
  tbody tr:focus-within .name {
    white-space: normal;
    overflow-wrap: anywhere;
  }
  /* The name and the ⋮ stay in view while the columns between them scroll underneath. */
  th:first-child,
  td.name,
  th:last-child,
  td.row-actions {
    position: sticky;
    background: var(--sl-color-neutral-0);
  }
  th:first-child,
  td.name {
    inset-inline-start: 0;
  }
  th:last-child,
  td.row-actions {
    inset-inline-end: 0;
  }
  tbody tr:hover > td.name,
  tbody tr:hover > td.row-actions {
    background: var(--pat-table-row-hover);
  }
  /* A sticky cell is a stacking context: the open menu's cell goes above the cells of the rows below. */
  td.row-actions:has(.row-menu) {
    z-index: 1;
  }
  .description {
    color: var(--sl-color-neutral-600);
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  /* Times keep their width as "59 seconds ago" becomes "1 minute ago". */
  time {
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
  }
  .muted {
    color: var(--sl-color-neutral-600);
  }
  /* The end, and beneath it (in every row the same way) the Expiring soon badge. */
  .expires {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: var(--sl-spacing-3x-small);
  }
  /* The end wraps in its column: a long "Revoked 3 hours ago" on one line would slide under the next. */
  td.expires-cell time {
    white-space: normal;
  }
  /* An idle-limited PAT's hourglass, before its end's first line. */
  .idle {
    display: inline-flex;
    vertical-align: -0.0625em;
    margin-inline-end: var(--sl-spacing-2x-small);
    color: var(--sl-color-neutral-600);
    cursor: help;
  }
  .idle svg {
    width: 0.875em;
    height: 0.875em;
  }
  .numeric {
    text-align: end;
  }
  .row-actions {
    text-align: end;
  }
  /*
   * A row's badges and the icon buttons (a row's ⋮, the pager) are native elements drawn as
   * Shoelace's sl-badge (pill) and sl-icon-button: a hundred rows of Shoelace elements, each
   * with its shadow root (and sl-icon's fetched, cloned SVG), made the first render slow.
   */
  .badge {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    padding: 0.35em 0.6em;
    border: solid 1px var(--sl-color-neutral-0);
    border-radius: var(--sl-border-radius-pill);
    color: var(--sl-color-neutral-0);
    font-size: max(12px, 0.75em); /* sl-badge's own size: --sl-font-size-2x-small is 10px */
    font-weight: var(--sl-font-weight-semibold);
    letter-spacing: var(--sl-letter-spacing-normal);
    line-height: 1;
    white-space: nowrap;
    user-select: none;
  }
  /* Shoelace's badge colours a shade darker, as base.styles.ts gives sl-badge: white text needs it (WCAG AA). */
  .badge[data-variant='success'] {
    background-color: var(--sl-color-success-700);
  }
  .badge[data-variant='warning'] {
    background-color: var(--sl-color-warning-700);
  }
  .badge[data-variant='danger'] {
    background-color: var(--sl-color-danger-700);
  }
  .badge[data-variant='neutral'] {
    background-color: var(--sl-color-neutral-700);
  }
  /* A status and a leaked PAT's mark, on one line where the column has room. */
  td.status {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--sl-spacing-3x-small);
  }
  /* A leaked PAT's mark beside its Revoked badge: the badge's size, outlined in the danger colour. */
  .leak {
    display: inline-flex;
    align-items: center;
    padding: calc(0.35em - 1px) 0.6em;
    border: solid 1px var(--sl-color-danger-700);
    border-radius: var(--sl-border-radius-pill);
    color: var(--sl-color-danger-700);
    font-size: max(12px, 0.75em);
    font-weight: var(--sl-font-weight-semibold);
    line-height: 1;
    white-space: nowrap;
    cursor: help;
  }
  .icon-button {
    display: inline-flex;
    align-items: center;
    vertical-align: middle;
    margin: 0;
    padding: var(--sl-spacing-x-small);
    border: none;
    border-radius: var(--sl-border-radius-medium);
    background: none;
    color: var(--sl-color-neutral-600);
    font-size: inherit;
    cursor: pointer;
    transition: var(--sl-transition-x-fast) color;
    -webkit-appearance: none;
    appearance: none;
  }
  .icon-button:hover:not(:disabled),
  .icon-button:focus-visible:not(:disabled) {
    color: var(--sl-color-primary-600);
  }
  .icon-button:active:not(:disabled) {
    color: var(--sl-color-primary-700);
  }
  .icon-button:focus {
    outline: none;
  }
  .icon-button:focus-visible {
    outline: var(--sl-focus-ring);
    outline-offset: var(--sl-focus-ring-offset);
  }
  .icon-button:disabled {
    opacity: 0.5;
    cursor: not-allowed;
  }
  .icon-button svg {
    display: block;
    width: 1em;
    height: 1em;
    pointer-events: none;
  }
  /* The row menu: what sl-dropdown gave its panel. */
  .row-menu::part(popup) {
    z-index: var(--sl-z-index-dropdown);
  }
  .row-menu[data-current-placement^='top']::part(popup) {
    transform-origin: bottom;
  }
  .row-menu[data-current-placement^='bottom']::part(popup) {
    transform-origin: top;
  }
  .row-menu sl-menu {
    max-width: var(--auto-size-available-width);
    max-height: var(--auto-size-available-height);
    border-radius: var(--sl-border-radius-medium);
    box-shadow: var(--sl-shadow-large);
    font-family: var(--sl-font-sans);
    font-size: var(--sl-font-size-medium);
    font-weight: var(--sl-font-weight-normal);
  }
  /* Its own alignment, not the actions cell's (end). */
  .row-menu sl-menu {
    text-align: start;
  }
  .row-menu sl-menu-item.danger::part(base) {
    color: var(--sl-color-danger-700);
  }
  .row-menu.closing sl-menu {
    pointer-events: none;
  }
  .state {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: var(--sl-spacing-small);
    padding: var(--sl-spacing-2x-large) var(--sl-spacing-large);
    text-align: center;
  }
  .state h3 {
    margin: 0;
    font-size: var(--sl-font-size-large);
  }
  .state p {
    margin: 0;
    max-width: 32rem;
    color: var(--sl-color-neutral-600);
  }
  .skeleton td {
    padding-block: var(--sl-spacing-small);
  }
  /* sl-skeleton's pulse, without an element per cell: the first render of every table draws them. */
  .skeleton-bar {
    display: block;
    min-height: 1rem;
    border-radius: var(--sl-border-radius-pill);
    background: var(--sl-color-neutral-200);
    animation: skeleton-pulse 2s ease-in-out 0.5s infinite;
  }
  @media (forced-colors: active) {
    .skeleton-bar {
      background: GrayText;
    }
  }
  @keyframes skeleton-pulse {
    0% {
      opacity: 1;
    }
    50% {
      opacity: 0.4;
    }
    100% {
      opacity: 1;
    }
  }
  .footer {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: flex-end;
    gap: var(--sl-spacing-medium);
    font-size: var(--sl-font-size-small);
  }
  .page-size {
    display: flex;
    align-items: center;
    gap: var(--sl-spacing-x-small);
  }
  .page-size sl-select {
    width: 5.5rem;
  }
  .pager {
    display: flex;
    gap: var(--sl-spacing-3x-small);
  }
  /* Narrow (a phone, a side panel), each PAT is a card: its name and ⋮, its status and its end. */
  @container pat-table (max-width: 44rem) {
    .sort-select {
      display: block;
    }
    .status-filter,
    .sort-select {
      flex: 1 1 8rem;
    }
    thead {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
    }
    table {
      min-width: 0;
    }
    tbody tr {
      contain-intrinsic-size: auto 5.5rem;
      grid-template-columns: minmax(0, 1fr) auto;
      align-items: center;
      gap: var(--sl-spacing-2x-small) var(--sl-spacing-small);
      padding: var(--sl-spacing-small) var(--sl-spacing-medium);
      border-bottom: solid 1px var(--sl-color-neutral-100);
    }
    tbody tr:last-child {
      border-bottom: none;
    }
    tbody td {
      display: block;
      padding: 0;
      border: none;
    }
    td.name,
    td.row-actions {
      position: static;
      background: none;
    }
    td.name {
      grid-column: 1;
      max-width: none;
      white-space: normal;
      overflow-wrap: anywhere;
    }
    td.row-actions {
      grid-column: 2;
      grid-row: 1 / span 3;
      width: auto;
    }
    td.status,
    td.expires-cell {
      grid-column: 1;
    }
    .expires {
      flex-direction: row;
      flex-wrap: wrap;
      align-items: center;
    }
    td.description,
    td.issued,
    td.last-used,
    td.scopes,
    tr.skeleton td:not(:first-child) {
      display: none;
    }
  }
`;
