import { nameKey } from './text.js';
import type { Pat, PatSortKey, SortDirection } from './types.js';

/** Orders strings by code point, as SQL's binary collation orders UTF-8 text. */
export function compareBinary(a: string, b: string): number {
  if (a === b) return 0;
  const left = a[Symbol.iterator]();
  const right = b[Symbol.iterator]();
  for (;;) {
    const x = left.next();
    const y = right.next();
    if (x.done || y.done) return x.done ? (y.done ? 0 : -1) : 1;
    const cx = x.value.codePointAt(0)!;
    const cy = y.value.codePointAt(0)!;
    if (cx !== cy) return cx < cy ? -1 : 1;
  }
}

type Sortable = Pick<Pat, 'id' | 'name' | PatSortKey> & Partial<Pick<Pat, 'idle_expires_at'>>;

/** What `expires_at` sorts by: when the PAT stops working, its idle expiry when that comes first. */
function endsAt(pat: Sortable): string {
  return pat.idle_expires_at && pat.idle_expires_at < pat.expires_at ? pat.idle_expires_at : pat.expires_at;
}

/**
 * The list's order, as the server sorts: names by their key, expiry by when the PAT stops
 * working (its idle expiry when that comes first), a never-used PAT as the least recently used
 * (first ascending, last descending), the id breaking ties so pages are stable.
 */
export function comparePats(sort: PatSortKey, dir: SortDirection) {
  const sign = dir === 'asc' ? 1 : -1;
  const key = (pat: Sortable): string | null => (sort === 'name' ? nameKey(pat.name) : sort === 'expires_at' ? endsAt(pat) : pat[sort]);
  return (a: Sortable, b: Sortable): number => {
    const ka = key(a);
    const kb = key(b);
    const order = ka === kb ? 0 : ka === null ? -1 : kb === null ? 1 : compareBinary(ka, kb);
    return sign * (order || compareBinary(a.id, b.id));
  };
}
