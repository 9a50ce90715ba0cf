import { LIMITS, LIST_DEFAULTS } from '../../contract/index.js';
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
