import { LIMITS } from '../../contract/limits.js';
import { normalizeStatuses } from '../../contract/status.js';
import { LIST_DEFAULTS, PAT_SORT_KEYS, SORT_DIRECTIONS, STATUS_FILTERS, type StatusFilter } from '../../contract/types.js';
import type { PatListState } from './events.js';

/** The list view where nothing says otherwise: the API's own defaults, on page 1. */
export const LIST_STATE_DEFAULTS: Readonly<PatListState> = {
  status: LIST_DEFAULTS.status,
  search: '',
  sort: LIST_DEFAULTS.sort,
  sortDir: LIST_DEFAULTS.dir,
  page: 1,
  pageSize: LIMITS.pageDefault,
};

/** The page sizes the table offers; the first is the default. */
export const PAGE_SIZES = [LIMITS.pageDefault, 25, 50];

function oneOf<T extends string>(values: readonly T[], value: string, fallback: T): T {
  return (values as readonly string[]).includes(value) ? (value as T) : fallback;
}

/**
 * The statuses a list state's `status` names, as the API reads them: unknown names are dropped,
 * and nothing known is the default.
 */
export function statusesOf(status: string): readonly StatusFilter[] {
  const known = status.split(',').filter((name): name is StatusFilter => (STATUS_FILTERS as readonly string[]).includes(name));
  return normalizeStatuses(known);
}

/**
 * `state` with each setting the API would refuse replaced by its default, and the search cut to
 * its limit: list settings come from hosts' attributes and from URLs.
 */
export function validListState(state: PatListState): PatListState {
  return {
    status: statusesOf(state.status).join(','),
    search: state.search.slice(0, LIMITS.searchMax),
    sort: oneOf(PAT_SORT_KEYS, state.sort, LIST_STATE_DEFAULTS.sort),
    sortDir: oneOf(SORT_DIRECTIONS, state.sortDir, LIST_STATE_DEFAULTS.sortDir),
    page: Number.isInteger(state.page) && state.page >= 1 ? state.page : 1,
    pageSize: PAGE_SIZES.includes(state.pageSize) ? state.pageSize : PAGE_SIZES[0]!,
  };
}
