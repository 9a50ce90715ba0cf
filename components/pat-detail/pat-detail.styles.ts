import { css } from 'lit';

export default css`
  :host {
    display: block;
  }
  .base {
    display: flex;
    flex-direction: column;
    gap: var(--sl-spacing-large);
  }
  .card {
    border: solid 1px var(--sl-color-neutral-200);
    border-radius: var(--sl-border-radius-large);
    background: var(--sl-color-neutral-0);
  }
  .title {
    flex: 1 1 16rem;
    margin: 0;
    font-size: var(--sl-font-size-x-large);
    font-weight: var(--sl-font-weight-bold);
    word-break: break-word;
  }
  dl {
    margin: 0;
  }
  /* A PAT a leak report revoked: the alert stands out from the cards, tinted in the danger colour. */
  sl-alert.leak::part(base) {
    border-color: var(--sl-color-danger-200);
    border-top-color: var(--sl-color-danger-600);
    background: var(--sl-color-danger-50);
  }
  sl-alert.leak::part(message) {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: var(--sl-spacing-x-small);
  }
  .leak-title {
    margin: 0;
    font-size: var(--sl-font-size-medium);
    color: var(--sl-color-danger-800);
  }
  /* Its facts, a label beside each value (over it where the alert is narrow). */
  .leak-facts {
    display: flex;
    flex-direction: column;
    gap: var(--sl-spacing-3x-small);
    width: 100%;
    font-size: var(--sl-font-size-small);
  }
  .leak-facts > div {
    display: flex;
    flex-wrap: wrap;
    gap: 0 var(--sl-spacing-small);
  }
  .leak-facts dt {
    flex: 0 0 8rem;
  }
  .leak-facts dd {
    flex: 1 1 14rem;
  }
  /* An address may be long and has no spaces: it breaks anywhere rather than widen the page. */
  .leak-url {
    overflow-wrap: anywhere;
  }
  .leak-url a {
    color: var(--sl-color-primary-700);
  }
  .leak-hint {
    margin: 0;
    font-size: var(--sl-font-size-small);
  }
  .field {
    display: grid;
    grid-template-columns: minmax(7rem, 12rem) 1fr auto;
    gap: var(--sl-spacing-medium);
    align-items: center;
    padding: var(--sl-spacing-small) var(--sl-spacing-large);
    border-bottom: solid 1px var(--sl-color-neutral-100);
    min-height: 3.5rem;
  }
  /* The fields measure their card, not the viewport: the element may sit in a narrow column. */
  [part='details'] {
    container-type: inline-size;
  }
  /* Narrow, a label sits over its value, which then has the whole width. */
  @container (max-width: 36rem) {
    .field {
      grid-template-columns: 1fr auto;
      gap: var(--sl-spacing-2x-small) var(--sl-spacing-small);
    }
    .field dt {
      grid-column: 1 / -1;
    }
  }
  .field:last-child {
    border-bottom: none;
  }
  dt {
    font-weight: var(--sl-font-weight-bold);
    color: var(--sl-color-neutral-700);
  }
  dd {
    margin: 0;
    min-width: 0;
    word-break: break-word;
  }
  .field-actions {
    display: flex;
    gap: var(--sl-spacing-2x-small);
    justify-content: flex-end;
  }
  .mono {
    font-family: var(--sl-font-mono);
    font-size: var(--sl-font-size-small);
  }
  .status {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--sl-spacing-x-small);
  }
  .muted {
    color: var(--sl-color-neutral-600);
  }
  /* Why an expired PAT expired (it went unused), on a line of its own under its status. */
  .status-note {
    flex-basis: 100%;
    color: var(--sl-color-neutral-700);
    font-size: var(--sl-font-size-small);
  }
  /* An entity the host's lookup named: its name, its id beneath. */
  .entity-name .mono {
    display: block;
    font-size: var(--sl-font-size-x-small);
  }
  .pre {
    white-space: pre-wrap;
  }
  .edit {
    display: flex;
    flex-direction: column;
    gap: var(--sl-spacing-2x-small);
  }
  /* The field's term already labels the editor on screen; the label is for assistive tech. */
  .edit [data-editor]::part(form-control-label) {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  /* A list of addresses: typed as it is shown, left to right whatever the page's direction. */
  .edit sl-textarea.lines::part(textarea) {
    direction: ltr;
    font-family: var(--sl-font-mono);
  }
  .edit-hint {
    color: var(--sl-color-neutral-600);
    font-size: var(--sl-font-size-x-small);
  }
  .edit-error {
    color: var(--sl-color-danger-700);
    font-size: var(--sl-font-size-small);
  }
  /* A heading, and its buttons at the end of its line (under it when it is long): the name and Duplicate, Scopes and its buttons. */
  .title-row,
  .scopes-header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--sl-spacing-small);
  }
  .scopes-header {
    padding: var(--sl-spacing-medium) var(--sl-spacing-large);
  }
  .scopes-header h3 {
    margin: 0;
    font-size: var(--sl-font-size-large);
  }
  .scopes-actions {
    display: flex;
    gap: var(--sl-spacing-x-small);
  }
  /* The scopes table scrolls inside its card on a narrow screen (positioned: its hidden texts too). */
  .table-frame {
    position: relative;
    overflow-x: auto;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-size: var(--sl-font-size-small);
  }
  table[aria-busy='true'] tbody {
    opacity: 0.55;
  }
  th,
  td {
    padding: var(--sl-spacing-x-small) var(--sl-spacing-large);
    border-top: solid 1px var(--sl-color-neutral-100);
    text-align: start;
  }
  th {
    color: var(--sl-color-neutral-600);
    font-weight: var(--sl-font-weight-bold);
  }
  .trash {
    width: 1%;
    text-align: end;
  }
  .state {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: var(--sl-spacing-small);
    padding: var(--sl-spacing-x-large);
    text-align: center;
  }
  .state h2 {
    margin: 0;
  }
  .state p {
    margin: 0;
    color: var(--sl-color-neutral-600);
  }
  .footer {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: flex-end;
    gap: var(--sl-spacing-medium);
    padding: var(--sl-spacing-x-small) var(--sl-spacing-large);
    border-top: solid 1px var(--sl-color-neutral-100);
    font-size: var(--sl-font-size-small);
  }
  /* Usage and Activity: a heading over an element of their own. */
  .history {
    display: flex;
    flex-direction: column;
    gap: var(--sl-spacing-small);
    padding: var(--sl-spacing-medium) var(--sl-spacing-large) var(--sl-spacing-large);
  }
  .history h3 {
    margin: 0;
    font-size: var(--sl-font-size-large);
  }
  .danger-zone {
    display: flex;
    justify-content: flex-end;
  }
  /* Room for a scope row on one line where the screen has it; the whole screen on a phone. */
  sl-dialog.add-scope {
    --width: min(68rem, 100vw);
  }
  .dialog-footer {
    display: flex;
    justify-content: flex-end;
    gap: var(--sl-spacing-small);
  }
  sl-skeleton {
    width: 60%;
  }
`;
