/** What authorize needs to know about one PAT, kept so a warm check costs one hash. */
export interface CachedPat {
  id: string;
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
 * A bounded map of PAT id → CachedPat, also found by the digest of the PAT's secret. Every
 * change to a PAT or its scopes invalidates its entry at once; the TTL only bounds staleness
 * when several server instances share one database. `epoch` moves on every invalidation so a
 * read that raced with a change is not stored afterwards.
 */
export class GrantCache {
  #entries = new Map<string, Entry>();
  /** The same entries by stored digest: a warm check hashes the token and looks it up here. */
  #byDigest = new Map<string, Entry>();
  #epoch = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: number,
  ) {}

  get epoch(): number {
    return this.#epoch;
  }

  get(id: string, now: number): CachedPat | undefined {
    return this.#fresh(this.#entries.get(id), now);
  }

  /**
   * The cached PAT whose stored digest is `digest`. Finding it is the secret's verification: the
   * digest was compared in constant time with the stored one when the entry was made.
   */
  getByDigest(digest: string, now: number): CachedPat | undefined {
    return this.#fresh(this.#byDigest.get(digest), now);
  }

  /** Stores `pat` unless something was invalidated since `epoch` was read. */
  set(id: string, pat: CachedPat, now: number, epoch: number): void {
    if (epoch !== this.#epoch || this.maxEntries <= 0) return;
    this.#delete(id);
    if (this.#entries.size >= this.maxEntries) this.#delete(this.#entries.keys().next().value!);
    const entry = { pat, storedAt: now };
    this.#entries.set(id, entry);
    this.#byDigest.set(pat.tokenHash, entry);
  }

  invalidate(ids: string | string[]): void {
    this.#epoch++;
    for (const id of Array.isArray(ids) ? ids : [ids]) this.#delete(id);
  }

  #fresh(entry: Entry | undefined, now: number): CachedPat | undefined {
    if (!entry) return undefined;
    if (now - entry.storedAt > this.ttlMs) {
      this.#delete(entry.pat.id);
      return undefined;
    }
    return entry.pat;
  }

  #delete(id: string): void {
    const entry = this.#entries.get(id);
    if (!entry) return;
    this.#entries.delete(id);
    if (this.#byDigest.get(entry.pat.tokenHash) === entry) this.#byDigest.delete(entry.pat.tokenHash);
  }
}
