import type { PatListState } from '../common/events.js';
import { LIST_STATE_DEFAULTS } from '../common/list-state.js';

/** The manager's views and the paths that name them: `/pats`, `/pats/new`, `/pats/<id>[/<action>]`. */
export type ManagerRoute =
  { view: 'list'; query: Partial<PatListState> } | { view: 'create' } | { view: 'detail'; id: string; action?: 'add-scope' | 'regenerate' };

const ACTIONS = new Set(['add-scope', 'regenerate']);

export function parseRoute(path: string): ManagerRoute {
  const [pathname = '', search = ''] = path.split('?');
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] !== 'pats' || parts.length === 1) return { view: 'list', query: parseListQuery(search) };
  if (parts[1] === 'new' && parts.length === 2) return { view: 'create' };
  const action = parts[2];
  if (parts.length === 2 || (parts.length === 3 && ACTIONS.has(action!))) {
    return { view: 'detail', id: parts[1]!, action: action as 'add-scope' | 'regenerate' | undefined };
  }
  return { view: 'list', query: {} };
}

function parseListQuery(search: string): Partial<PatListState> {
  const params = new URLSearchParams(search);
  const query: Partial<PatListState> = {};
  const status = params.get('status');
  const q = params.get('q');
  const sort = params.get('sort');
  const dir = params.get('dir');
  const page = Number(params.get('page'));
  const size = Number(params.get('size'));
  if (status) query.status = status as PatListState['status'];
  if (q) query.search = q;
  if (sort) query.sort = sort as PatListState['sort'];
  if (dir) query.sortDir = dir as PatListState['sortDir'];
  if (page > 0) query.page = page;
  if (size > 0) query.pageSize = size;
  return query;
}

const DEFAULTS = LIST_STATE_DEFAULTS;

/** `/pats?…` with only the settings that differ from the defaults, so plain lists have plain URLs. */
export function listPath(state: PatListState): string {
  const params = new URLSearchParams();
  if (state.status !== DEFAULTS.status) params.set('status', state.status);
  if (state.search) params.set('q', state.search);
  if (state.sort !== DEFAULTS.sort) params.set('sort', state.sort);
  if (state.sortDir !== DEFAULTS.sortDir) params.set('dir', state.sortDir);
  if (state.page !== DEFAULTS.page) params.set('page', String(state.page));
  if (state.pageSize !== DEFAULTS.pageSize) params.set('size', String(state.pageSize));
  return params.size ? `/pats?${params}` : '/pats';
}
