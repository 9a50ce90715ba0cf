/** What authorize needs to know about one PAT, kept so a warm check costs one hash. */
export interface CachedPat {
  userId: string;
  tokenHash: string;
  expiresAt: number;
  revoked: boolean;
  lastUsedAt: number | null;
  scopes: { entity_type: string; operation: string; entity_id: string; domain_id: string | null }[];
}

interface Entry {
  pat: CachedPat;
  storedAt: number;
}

/**
 * A bounded map of PAT id → CachedPat. Every change to a PAT or its scopes invalidates its
 * entry at once; the TTL only bounds staleness when several server instances share one
 * database. `epoch` moves on every invalidation so a read that raced with a change is not
 * stored afterwards.
 */
export class GrantCache {
  #entries = new Map<string, Entry>();
  #epoch = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: number,
  ) {}

  get epoch(): number {
    return this.#epoch;
  }

  get(id: string, now: number): CachedPat | undefined {
    const entry = this.#entries.get(id);
    if (!entry) return undefined;
    if (now - entry.storedAt > this.ttlMs) {
      this.#entries.delete(id);
      return undefined;
    }
    return entry.pat;
  }

  /** Stores `pat` unless something was invalidated since `epoch` was read. */
  set(id: string, pat: CachedPat, now: number, epoch: number): void {
    if (epoch !== this.#epoch || this.maxEntries <= 0) return;
    this.#entries.delete(id);
    if (this.#entries.size >= this.maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(id, { pat, storedAt: now });
  }

  invalidate(ids: string | string[]): void {
    this.#epoch++;
    for (const id of Array.isArray(ids) ? ids : [ids]) this.#entries.delete(id);
  }
}
