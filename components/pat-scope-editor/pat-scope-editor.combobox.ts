import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { LIMITS } from '../../contract/index.js';
import type { PatStrings } from '../i18n/strings.js';
import type { EntityOption, ScopeRow } from './pat-scope-editor.rows.js';

/** What the entity search of one scope row does; its host keeps the row's state. */
export interface ComboboxActions {
  /** The text changed (the host looks it up). */
  input(event: Event): void;
  /** The list opened, closed or moved its highlight. */
  show(state: { open: boolean; active: number }): void;
  pick(option: EntityOption): void;
  /** Enter or a comma with nothing highlighted: what was typed becomes ids. */
  commit(): void;
  /** Scrolls the option with this element id into view, once rendered. */
  reveal(optionId: string): void;
}

/** The id of row `key`'s search field; its list and options are named after it. */
export function comboboxId(key: number): string {
  return `ids-${key}`;
}

/** The keys of the entity combobox: the focus stays in the field, the highlight moves in the list. */
function onKeydown(row: ScopeRow, event: KeyboardEvent, actions: ComboboxActions) {
  if (event.isComposing) return;
  const count = row.suggestions.length;
  const shown = row.open && count > 0;
  switch (event.key) {
    case 'ArrowDown':
    case 'ArrowUp': {
      if (count === 0) return;
      event.preventDefault();
      // Closed, ArrowDown opens on the first suggestion and ArrowUp on the last; open, both wrap around.
      const step = event.key === 'ArrowDown' ? 1 : -1;
      const from = shown ? row.active : -1;
      const active = from < 0 ? (step === 1 ? 0 : count - 1) : (from + step + count) % count;
      actions.show({ open: true, active });
      actions.reveal(`${comboboxId(row.key)}-option-${active}`);
      return;
    }
    case 'Enter':
      if (shown && row.active >= 0) {
        event.preventDefault();
        actions.pick(row.suggestions[row.active]!);
        return;
      }
      break;
    case 'Escape':
      // Closed, Escape is not ours: a dialog around may close on it.
      if (!shown) return;
      event.preventDefault();
      event.stopPropagation();
      actions.show({ open: false, active: -1 });
      return;
    case 'Tab':
      // Focus moves on as usual; the list closes behind it.
      if (shown) actions.show({ open: false, active: -1 });
      return;
    case 'Home':
    case 'End':
    case 'ArrowLeft':
    case 'ArrowRight':
      // The caret moves in the text, and the highlight goes back to it.
      if (row.active >= 0) actions.show({ open: row.open, active: -1 });
      return;
  }
  if (event.key === 'Enter' || event.key === ',') {
    event.preventDefault();
    actions.commit();
  }
}

/**
 * A scope row's entity search as an ARIA 1.2 combobox: a native input in its host's shadow root,
 * so that aria-controls and aria-activedescendant can name the listbox and its options.
 */
export function renderEntityCombobox(row: ScopeRow, actions: ComboboxActions, t: PatStrings) {
  const id = comboboxId(row.key);
  const shown = row.open && row.suggestions.length > 0;
  const active = shown && row.active >= 0 ? `${id}-option-${row.active}` : undefined;
  return html`
    <div class="ids-field">
      <label class="ids-label" id=${`${id}-label`} for=${id}>${t.scopes.entityIds}</label>
      <div class="combobox">
        <input
          id=${id}
          class="ids-combobox"
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded=${shown ? 'true' : 'false'}
          aria-controls=${`${id}-listbox`}
          aria-activedescendant=${ifDefined(active)}
          aria-describedby=${`${id}-help`}
          autocomplete="off"
          autocapitalize="off"
          spellcheck="false"
          placeholder=${t.scopes.entitySearch}
          maxlength=${LIMITS.idMax}
          .value=${live(row.draft)}
          @input=${actions.input}
          @keydown=${(event: KeyboardEvent) => onKeydown(row, event, actions)}
          @blur=${() => (row.open || row.active >= 0) && actions.show({ open: false, active: -1 })}
        />
        <div
          class="suggestions"
          id=${`${id}-listbox`}
          role="listbox"
          aria-labelledby=${`${id}-label`}
          ?hidden=${!shown}
          @mousedown=${(event: MouseEvent) => event.preventDefault()}
        >
          ${row.suggestions.map(
            (option, i) =>
              html`<div
                class="suggestion"
                id=${`${id}-option-${i}`}
                role="option"
                aria-selected=${ifDefined(i === row.active ? 'true' : undefined)}
                @click=${() => actions.pick(option)}
              >
                <span class="suggestion-name">${option.name}</span> <small class="suggestion-id">${option.id}</small>
              </div>`,
          )}
        </div>
      </div>
      <div class="ids-help" id=${`${id}-help`}>${t.scopes.entityIdsHelp}</div>
    </div>
  `;
}
