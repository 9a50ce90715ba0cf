import { WILDCARD, scopeKey, type FieldError, type ScopeInput } from '../../contract/index.js';
import type { PatStrings } from '../i18n/strings.js';

/** A name the entity lookup offers for an id. */
export interface EntityOption {
  id: string;
  name: string;
}

/**
 * One row of the scope editor: an entity type, its operations, some ids or all, a domain. It
 * stands for one scope per operation and id. The rest is its entity search's own state.
 */
export interface ScopeRow {
  key: number;
  entityType: string;
  operations: string[];
  /** Every entity of the type (true), the ids (false), or not chosen yet (null): All is never a default. */
  all: boolean | null;
  ids: string[];
  domain: string;
  /** The text being typed in the entity field. */
  draft: string;
  suggestions: EntityOption[];
  /** Whether the suggestions are shown (the combobox is expanded). */
  open: boolean;
  /** The highlighted suggestion, or -1. */
  active: number;
}

export function emptyRow(key: number): ScopeRow {
  return { key, entityType: '', operations: [], all: null, ids: [], domain: '', draft: '', suggestions: [], open: false, active: -1 };
}

/** Groups scopes that differ only in operation into one row; `nextKey` numbers the rows. */
export function rowsFrom(scopes: readonly ScopeInput[], nextKey: () => number): ScopeRow[] {
  const rows = new Map<string, ScopeRow>();
  for (const scope of scopes) {
    const all = scope.entity_id === WILDCARD;
    const group = JSON.stringify([scope.entity_type, all ? WILDCARD : scope.entity_id, scope.domain_id ?? '']);
    const row = rows.get(group) ?? {
      ...emptyRow(nextKey()),
      entityType: scope.entity_type,
      all,
      ids: all ? [] : [scope.entity_id],
      domain: scope.domain_id ?? '',
    };
    if (!row.operations.includes(scope.operation)) row.operations.push(scope.operation);
    rows.set(group, row);
  }
  return [...rows.values()];
}

/** The scopes a row stands for: one per operation and entity. */
export function expandRow(row: ScopeRow): ScopeInput[] {
  const ids = row.all ? [WILDCARD] : row.ids;
  return row.operations.flatMap((operation) =>
    ids.map((entity_id) => ({ entity_type: row.entityType, operation, entity_id, domain_id: row.domain || null })),
  );
}

/**
 * Every row's problems, by row key: incomplete rows, an untouched one too (without a domain,
 * where the backend requires one), and scopes that an earlier row already has.
 */
export function checkRows(rows: readonly ScopeRow[], t: PatStrings, domainRequired = false): Map<number, string[]> {
  const errors = new Map<number, string[]>();
  const seen = new Map<string, number>();
  const add = (key: number, message: string) => errors.set(key, [...(errors.get(key) ?? []), message]);
  rows.forEach((row, index) => {
    if (!row.entityType) add(row.key, t.scopes.needType);
    if (row.operations.length === 0) add(row.key, t.scopes.needOperation);
    if (row.all === null) add(row.key, t.scopes.needEntity);
    else if (!row.all && row.ids.length === 0) add(row.key, t.scopes.needIds);
    if (domainRequired && !row.domain) add(row.key, t.scopes.needDomain);
    for (const scope of expandRow(row)) {
      const other = seen.get(scopeKey(scope));
      if (other !== undefined && other !== index) {
        add(row.key, t.scopes.duplicate(other + 1));
        break;
      }
      seen.set(scopeKey(scope), index);
    }
  });
  return errors;
}

/** `errors` with the server's `scopes[i].…` errors added to the rows those scopes came from. */
export function withServerErrors(
  rows: readonly ScopeRow[],
  errors: Map<number, string[]>,
  details: readonly FieldError[],
): Map<number, string[]> {
  // The server numbers expanded scopes; find the row each came from.
  const rowOfScope = rows.flatMap((row) => expandRow(row).map(() => row));
  const merged = new Map(errors);
  for (const detail of details) {
    const match = /^scopes\[(\d+)\]\.?(\w*)/.exec(detail.field);
    const row = match ? rowOfScope[Number(match[1])] : undefined;
    if (!row) continue;
    const field = match![2] ? `${match![2].replace('_', ' ')} ` : '';
    merged.set(row.key, [...(merged.get(row.key) ?? []), `${field}${detail.message}`]);
  }
  return merged;
}
