import type { ApiError } from '../api/api-error.js';
import type { Pat, PatWithSecret, Scope, ScopeInput, PatSortKey, SortDirection } from '../../contract/index.js';

/** The list view's state, as `<pat-table>` reflects it to attributes and the manager to the URL. */
export interface PatListState {
  /** One status filter, or several comma-separated (`revoked,expired`), as `GET /pats` takes them. */
  status: string;
  search: string;
  sort: PatSortKey;
  sortDir: SortDirection;
  page: number;
  pageSize: number;
}

/**
 * Every event PAT Kit elements fire, declared once. All bubble and are composed; they fire on
 * user action or finished work, never because a property was set. `pat-request-*` events are
 * cancelable: a host calls `preventDefault()` to veto the destructive action (or, for
 * `pat-request-duplicate`, to open a copy its own way).
 */
export interface PatEventMap {
  'pat-select': { id: string };
  'pat-navigate': { route: string };
  'pat-query-change': PatListState;
  'pat-created': { pat: PatWithSecret };
  'pat-updated': { pat: Pat };
  'pat-revoked': { id: string };
  'pat-regenerated': { pat: PatWithSecret };
  'pat-deleted': { id: string };
  'pat-all-deleted': { deleted: number };
  'pat-scopes-changed': { id: string; scopes: Scope[] };
  'pat-error': { action: string; error: ApiError };
  'pat-request-delete': { id: string; name: string };
  'pat-request-delete-all': { count: number };
  'pat-request-revoke': { id: string; name: string };
  'pat-request-regenerate': { id: string; name: string };
  /** Duplicate was chosen: `<pat-manager>` opens the create form filled from the PAT `id`. */
  'pat-request-duplicate': { id: string; name: string };
  'pat-request-delete-scope': { id: string; scopeId: string };
  'pat-request-delete-scopes': { id: string; count: number };
  'pat-scopes-change': { scopes: ScopeInput[] };
  'pat-duration-change': { duration: string; expiresAt: string | null };
  'pat-cancel': Record<string, never>;
}

export type PatEventName = keyof PatEventMap;

type PatEvents = { [K in PatEventName]: CustomEvent<PatEventMap[K]> };

declare global {
  // Typed `addEventListener('pat-select', e => e.detail.id)` for hosts.
  interface HTMLElementEventMap extends PatEvents {}
}
