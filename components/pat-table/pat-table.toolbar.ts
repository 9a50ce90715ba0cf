import { html } from 'lit';
import '@shoelace-style/shoelace/dist/components/button/button.js';
import '@shoelace-style/shoelace/dist/components/icon/icon.js';
import '@shoelace-style/shoelace/dist/components/input/input.js';
import '@shoelace-style/shoelace/dist/components/option/option.js';
import '@shoelace-style/shoelace/dist/components/select/select.js';
import { LIMITS, STATUS_FILTERS, type StatusFilter } from '../../contract/index.js';
import { strings } from '../i18n/strings.js';

export interface ToolbarState {
  /** The search as typed (the list follows it after a pause). */
  searchDraft: string;
  status: StatusFilter;
  /** Whether there is anything to delete. */
  canDeleteAll: boolean;
  onSearchInput: (event: Event) => void;
  onStatusChange: (event: Event) => void;
  onCreate: () => void;
  onDeleteAll: (event: Event) => void;
}

/** Search, status filter, Create PAT and Delete All. */
export function renderToolbar(state: ToolbarState) {
  return html`
    <div class="toolbar" part="toolbar">
      <sl-input
        class="search"
        type="search"
        label=${strings.table.searchLabel}
        placeholder=${strings.table.searchPlaceholder}
        maxlength=${LIMITS.searchMax}
        clearable
        .value=${state.searchDraft}
        @sl-input=${state.onSearchInput}
        @sl-clear=${state.onSearchInput}
      >
        <sl-icon name="search" slot="prefix"></sl-icon>
      </sl-input>
      <sl-select class="status-filter" hoist label=${strings.table.statusLabel} .value=${state.status} @sl-change=${state.onStatusChange}>
        ${STATUS_FILTERS.map((status) => html`<sl-option value=${status}>${strings.status[status]}</sl-option>`)}
      </sl-select>
      <div class="actions">
        <sl-button variant="primary" @click=${state.onCreate}>
          <sl-icon slot="prefix" name="plus-lg"></sl-icon>${strings.table.create}
        </sl-button>
        <sl-button variant="danger" outline ?disabled=${!state.canDeleteAll} @click=${state.onDeleteAll}
          >${strings.table.deleteAll}</sl-button
        >
      </div>
    </div>
  `;
}
