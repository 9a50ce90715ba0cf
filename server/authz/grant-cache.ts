import type { CountHolder } from '../usage/use-recorder.js';
/**
 * What authorize needs to know about one PAT, kept so a warm check costs one hash. It also
 * counts the PAT's checks of the day (see UseRecorder.count).
 */
export interface CachedPat extends CountHolder {
  id: string;
  userId: string;
  tokenHash: string;
  expiresAt: number;
  /**
   * When it stops working: `expiresAt`, or sooner by its idle limit (`idleMs`, null for none),
   * which each allowed check moves on to the check's time plus the limit.
   */
  endsAt: number;
  idleMs: number | null;
  revoked: boolean;
  lastUsedAt: number | null;
  scopes: { entity_type: string; operation: string; entity_id: string; domain_id: string | null }[];
  /** Its allowlist of client addresses as a test, or null for any address; and the last address it let through. */
  allowedFrom: ((ip: string) => boolean) | null;
  allowedAddress: string | undefined;
  /** The client addresses this instance has already reported the PAT used from (see AddressUse): the first, then the others. */
  address?: string;
  addresses?: Set<string>;
}

interface Entry {
  pat: CachedPat;
  storedAt: number;
}

/**
 * A bounded map of PAT id → CachedPat, also found by the digest of the PAT's secret, that lets
 * the least recently used entry go first. Every change to a PAT or its scopes invalidates its
 * entry at once (on every instance, through the change listener on PostgreSQL); the TTL bounds
 * staleness should a change ever go unheard. `epoch` moves on every invalidation so a read that
 * raced with a change is not stored afterwards. While `bypassed` (an instance that cannot hear
 * the others' changes), nothing is kept and every check reads the database.
 */
export class GrantCache {
  #entries = new Map<string, Entry>();
  /** The same entries by stored digest: a warm check hashes the token and looks it up here. */
  #byDigest = new Map<string, Entry>();
  #epoch = 0;
  #bypassed = false;

  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: number,
  ) {}

  get epoch(): number {
    return this.#epoch;
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
    if (epoch !== this.#epoch || this.maxEntries <= 0 || this.#bypassed) return;
    this.#delete(id);
    if (this.#entries.size >= this.maxEntries) this.#delete(this.#entries.keys().next().value!);
    const entry = { pat, storedAt: now };
    this.#entries.set(id, entry);
    this.#byDigest.set(pat.tokenHash, entry);
  }

  invalidate(ids: readonly string[]): void {
    this.#epoch++;
    for (const id of ids) this.#delete(id);
  }

  /** Drops every entry: what they say may have changed. */
  clear(): void {
    this.#epoch++;
    this.#entries.clear();
    this.#byDigest.clear();
  }

  /** Drops every entry and keeps none until `resume()`: changes elsewhere may go unheard. */
  bypass(): void {
    this.#bypassed = true;
    this.clear();
  }

  /** Keeps entries again, from an empty cache (what changed while bypassed is unknown). */
  resume(): void {
    this.bypass();
    this.#bypassed = false;
  }

  #fresh(entry: Entry | undefined, now: number): CachedPat | undefined {
    if (!entry) return undefined;
    const id = entry.pat.id;
    if (now - entry.storedAt > this.ttlMs) {
      this.#delete(id);
      return undefined;
    }
    // Most recently used last: the map's first key is the one to evict.
    this.#entries.delete(id);
    this.#entries.set(id, entry);
    return entry.pat;
  }

  #delete(id: string): void {
    const entry = this.#entries.get(id);
    if (!entry) return;
    this.#entries.delete(id);
    if (this.#byDigest.get(entry.pat.tokenHash) === entry) this.#byDigest.delete(entry.pat.tokenHash);
  }
}
