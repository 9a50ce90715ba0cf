import { randomUUID } from 'node:crypto';
import {
  allowedScopes,
  cappedIdleMs,
  EXPIRING_SOON_MS,
  expiredReason,
  formatDuration,
  lifetimeMs,
  maxIdleMs,
  LIMITS,
  mergeScopes,
  nameKey,
  normalizeStatuses,
  patStatus,
  problems,
  type Catalog,
  type CreatePatRequest,
  type Pat,
  type PatListQuery,
  type PatPage,
  type PatWithSecret,
  type Scope,
  type ScopeInput,
  type ScopeList,
  type ScopePage,
  type Summary,
} from '../../contract/index.js';
import { newSecret, type TokenHasher } from '../tokens/token.js';
import type { PatDatabase } from '../db/database.js';
import { byCaller, type Caller, type Journal, type JournalEntry, type PatRef } from '../events/journal.js';
import * as repo from './pat.repository.js';

export interface PatServiceDeps {
  db: PatDatabase;
  catalog: Catalog;
  maxLifetimeMs: number;
  /** The server's idle limit (every PAT's longest), or null for none. */
  maxIdleMs: number | null;
  hashToken: TokenHasher;
  /** Told, after the commit, of the PATs whose secret, state or scopes changed. */
  changed: (patIds: string[]) => void;
  /** Where each change's events and notifications are written, in its transaction. */
  journal: Journal;
  now: () => number;
}

/** A change's work in its transaction: it logs what happened with `log`. */
type Work<T> = (trx: Db, log: (entry: JournalEntry) => void) => Promise<T>;

type Db = PatDatabase;

/**
 * A StoredPat as the contract's Pat. Field by field: objects made with rest and spread copies
 * were kept through V8's young collections, a list page's DTOs with them (docs/performance.md,
 * round six).
 */
function toPat(row: repo.StoredPat, now: number): Pat {
  // ISO-8601 UTC times order as text.
  const timing = { revoked: row.revoked, expires_at: row.expires_at, idle_expires_at: row.ends_at < row.expires_at ? row.ends_at : null };
  return {
    id: row.id,
    user_id: row.user_id,
    name: row.name,
    description: row.description,
    created_at: row.created_at,
    issued_at: row.issued_at,
    expires_at: row.expires_at,
    updated_at: row.updated_at,
    last_used_at: row.last_used_at,
    last_used_ip: row.last_used_ip,
    revoked: row.revoked,
    revoked_at: row.revoked_at,
    scopes_count: row.scopes_count,
    allowed_ips: row.allowed_ips,
    leak: row.leak,
    max_idle: row.max_idle_ms === null ? null : formatDuration(row.max_idle_ms),
    idle_expires_at: timing.idle_expires_at,
    status: patStatus(timing, now),
    expired_reason: expiredReason(timing, now),
  };
}

/** When a PAT issued at `now` stops working: its lifetime's end, or sooner by its idle limit. */
function endsAt(now: number, lifetime: number, idleMs: number | null): string {
  return new Date(now + (idleMs === null ? lifetime : Math.min(lifetime, idleMs))).toISOString();
}

function toScope(row: repo.ScopeRow): Scope {
  return { ...row, domain_id: row.domain_id || null };
}

/** A scope as an event tells it. */
function eventScope({ entity_type, operation, entity_id, domain_id }: Omit<ScopeInput, 'domain_id'> & { domain_id?: string | null }) {
  return { entity_type, operation, entity_id, domain_id: domain_id || null };
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
}

/** The rules of PATs and scopes; turns rows into the DTOs of the wire contract. */
export class PatService {
  constructor(private readonly deps: PatServiceDeps) {}

  catalog(): Catalog {
    return this.deps.catalog;
  }

  async create(
    caller: Caller,
    input: Required<Omit<CreatePatRequest, 'max_idle'>> & Pick<CreatePatRequest, 'max_idle'>,
  ): Promise<PatWithSecret> {
    const userId = caller.userId;
    const lifetime = lifetimeMs(input.duration, this.deps.maxLifetimeMs);
    const idleMs = maxIdleMs(input.max_idle, this.deps.maxIdleMs, this.deps.maxLifetimeMs);
    const scopes = allowedScopes(this.deps.catalog, input.scopes);
    const now = this.deps.now();
    const id = randomUUID();
    const secret = newSecret(id);
    const rows = mergeScopes([], scopes).add.map((scope) => this.#scopeRow(id, scope));
    const expiresAt = new Date(now + lifetime).toISOString();
    const allowedIps = input.allowed_ips ?? [];
    try {
      await this.#write(async (trx, log) => {
        await repo.insertPat(trx, {
          id,
          user_id: userId,
          name: input.name,
          name_key: nameKey(input.name),
          description: input.description,
          token_hash: this.deps.hashToken(secret),
          created_at: new Date(now).toISOString(),
          issued_at: new Date(now).toISOString(),
          expires_at: expiresAt,
          updated_at: null,
          revoked: 0,
          revoked_at: null,
          last_used_at: null,
          last_used_ip: null,
          grants: repo.grantsOf(rows),
          allowed_ips: JSON.stringify(allowedIps),
          max_idle_ms: idleMs,
          ends_at: endsAt(now, lifetime, idleMs),
        });
        await repo.insertScopes(trx, rows);
        const pat = { id, user_id: userId, name: input.name, expires_at: expiresAt };
        log(
          byCaller(caller, now, pat, 'created', {
            expires_at: expiresAt,
            scopes: rows.map(eventScope),
            ...(allowedIps.length > 0 ? { allowed_ips: allowedIps } : {}),
            ...(idleMs !== null ? { max_idle: formatDuration(idleMs) } : {}),
          }),
        );
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw problems.duplicateName();
      throw error;
    }
    return { ...(await this.get(userId, id)), secret };
  }

  async list(userId: string, query: Required<Omit<PatListQuery, 'name' | 'id'>> & PatListQuery): Promise<PatPage> {
    const now = this.deps.now();
    const statuses = normalizeStatuses(query.status);
    const { total, rows } = await repo.listPats(
      this.deps.db,
      {
        userId,
        now: new Date(now).toISOString(),
        soon: new Date(now + EXPIRING_SOON_MS).toISOString(),
        status: statuses.length === 1 ? statuses[0]! : statuses,
        name: query.name,
        id: query.id,
      },
      query,
    );
    return { total, offset: query.offset, limit: query.limit, pats: rows.map((row) => toPat(row, now)) };
  }

  async summary(userId: string): Promise<Summary> {
    const now = this.deps.now();
    return repo.summarize(this.deps.db, userId, new Date(now).toISOString(), new Date(now + EXPIRING_SOON_MS).toISOString());
  }

  async get(userId: string, id: string, db: Db = this.deps.db): Promise<Pat> {
    const row = await repo.findPat(db, userId, id);
    if (!row) throw problems.patNotFound();
    return toPat(row, this.deps.now());
  }

  async rename(caller: Caller, id: string, name: string): Promise<Pat> {
    try {
      await this.#update(caller, id, { name, name_key: nameKey(name) }, (pat) =>
        pat.name === name ? undefined : { kind: 'renamed', details: { from: pat.name, to: name } },
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw problems.duplicateName();
      throw error;
    }
    return this.get(caller.userId, id);
  }

  async describe(caller: Caller, id: string, description: string): Promise<Pat> {
    await this.#update(caller, id, { description }, (pat) =>
      pat.description === description ? undefined : { kind: 'described', details: { from: pat.description, to: description } },
    );
    return this.get(caller.userId, id);
  }

  /**
   * Sets the client addresses and ranges the PAT may be used from (normalized by the route's
   * schema; `[]`: any). Told to every instance, as a change of access; no event when the list
   * stays the same.
   */
  async setAllowedIps(caller: Caller, id: string, allowedIps: string[]): Promise<Pat> {
    const changed = await this.#write(async (trx, log) => {
      const before = await repo.findPat(trx, caller.userId, id);
      if (!before) throw problems.patNotFound();
      if (JSON.stringify(before.allowed_ips) === JSON.stringify(allowedIps)) return false;
      const now = this.deps.now();
      const pat = await this.#touch(trx, caller.userId, id, {
        allowed_ips: JSON.stringify(allowedIps),
        updated_at: new Date(now).toISOString(),
      });
      await repo.notifyChanged(trx, [id]);
      log(byCaller(caller, now, pat, 'allowed_ips_changed', { allowed_ips: allowedIps }));
      return true;
    });
    if (changed) this.deps.changed([id]);
    return this.get(caller.userId, id);
  }

  /**
   * Regenerate: a new secret and lifetime in one write; name, description, scopes, idle limit
   * and `created_at` stay. The last use was of the old secret: it goes in the same write.
   */
  async reset(caller: Caller, id: string, duration: string): Promise<PatWithSecret> {
    const lifetime = lifetimeMs(duration, this.deps.maxLifetimeMs);
    const stored = await repo.findPat(this.deps.db, caller.userId, id);
    if (!stored) throw problems.patNotFound();
    const idleMs = cappedIdleMs(stored.max_idle_ms, this.deps.maxIdleMs);
    const now = this.deps.now();
    const secret = newSecret(id);
    const at = new Date(now).toISOString();
    const expiresAt = new Date(now + lifetime).toISOString();
    await this.#changeAccess(
      caller,
      id,
      {
        token_hash: this.deps.hashToken(secret),
        issued_at: at,
        expires_at: expiresAt,
        max_idle_ms: idleMs,
        ends_at: endsAt(now, lifetime, idleMs),
        updated_at: at,
        revoked: 0,
        revoked_at: null,
        last_used_at: null,
        last_used_ip: null,
        // A new expiry: its notices are owed anew.
        expiry_notice: 0,
        // A leaked secret is the old one: the new one is not.
        leaked_at: null,
        leak_url: null,
        leak_source: null,
      },
      'regenerated',
      { expires_at: expiresAt },
    );
    return { ...(await this.get(caller.userId, id)), secret };
  }

  async revoke(caller: Caller, id: string): Promise<void> {
    const pat = await this.get(caller.userId, id);
    if (pat.revoked) return;
    const at = new Date(this.deps.now()).toISOString();
    await this.#changeAccess(caller, id, { revoked: 1, revoked_at: at, updated_at: at }, 'revoked');
  }

  async remove(caller: Caller, id: string): Promise<void> {
    const deleted = await this.#write(async (trx, log) => {
      const pat = await repo.deletePat(trx, caller.userId, id);
      if (!pat) return false;
      await repo.notifyChanged(trx, [id]);
      log(byCaller(caller, this.deps.now(), pat, 'deleted'));
      return true;
    });
    if (!deleted) throw problems.patNotFound();
    this.deps.changed([id]);
  }

  async removeAll(caller: Caller): Promise<number> {
    const ids = await this.#write(async (trx, log) => {
      const deleted = await repo.deleteAllPats(trx, caller.userId);
      const ids = deleted.map((pat) => pat.id);
      await repo.notifyChanged(trx, ids);
      const now = this.deps.now();
      for (const pat of deleted) log(byCaller(caller, now, pat, 'deleted'));
      return ids;
    });
    if (ids.length > 0) this.deps.changed(ids);
    return ids.length;
  }

  async listScopes(userId: string, id: string, offset: number, limit: number): Promise<ScopePage> {
    await this.get(userId, id);
    const { total, rows } = await repo.listScopes(this.deps.db, id, offset, limit);
    return { total, offset, limit, scopes: rows.map(toScope) };
  }

  async addScopes(caller: Caller, id: string, input: ScopeInput[]): Promise<ScopeList> {
    const scopes = allowedScopes(this.deps.catalog, input);
    return this.#changeScopes(caller, id, async (trx, existing) => {
      const { add, remove } = mergeScopes(existing.map(toScope), scopes);
      if (existing.length - remove.length + add.length > LIMITS.scopesPerPat) {
        throw problems.invalidField('scopes', `would exceed the limit of ${LIMITS.scopesPerPat} scopes per token`);
      }
      await repo.deleteScopes(
        trx,
        id,
        remove.map((scope) => scope.id),
      );
      await repo.insertScopes(
        trx,
        add.map((scope) => this.#scopeRow(id, scope)),
      );
      // A broader scope replaces the narrower ones it covers: both are told.
      return [
        ...(add.length > 0 ? [{ kind: 'scopes_added' as const, scopes: add }] : []),
        ...(remove.length > 0 ? [{ kind: 'scopes_removed' as const, scopes: remove }] : []),
      ];
    });
  }

  async removeScopes(caller: Caller, id: string, scopeIds: string[]): Promise<ScopeList> {
    return this.#changeScopes(caller, id, async (trx, existing) => {
      await repo.deleteScopes(trx, id, scopeIds);
      const removed = existing.filter((scope) => scopeIds.includes(scope.id));
      return removed.length > 0 ? [{ kind: 'scopes_removed', scopes: removed }] : [];
    });
  }

  async clearScopes(caller: Caller, id: string): Promise<ScopeList> {
    return this.#changeScopes(caller, id, async (trx, existing) => {
      await repo.deleteAllScopes(trx, id);
      return existing.length > 0 ? [{ kind: 'scopes_cleared', scopes: existing }] : [];
    });
  }

  /**
   * One transaction: check ownership, change the scopes, stamp the PAT, read the result. The
   * change says which events it made.
   */
  async #changeScopes(
    caller: Caller,
    id: string,
    change: (
      trx: Db,
      existing: repo.ScopeRow[],
    ) => Promise<{ kind: 'scopes_added' | 'scopes_removed' | 'scopes_cleared'; scopes: (ScopeInput | repo.ScopeRow)[] }[]>,
  ): Promise<ScopeList> {
    const scopes = await this.#write(async (trx, log) => {
      const now = this.deps.now();
      const pat = await this.#touch(trx, caller.userId, id, { updated_at: new Date(now).toISOString() });
      const events = await change(trx, await repo.allScopes(trx, id));
      const changed = await repo.allScopes(trx, id);
      await repo.setGrants(trx, id, changed);
      await repo.notifyChanged(trx, [id]);
      for (const { kind, scopes } of events) log(byCaller(caller, now, pat, kind, { scopes: scopes.map(eventScope) }));
      return changed;
    });
    this.deps.changed([id]);
    return { scopes: scopes.map(toScope) };
  }

  /**
   * A change of what the PAT is called or says: nothing that authorize reads. `event` says what
   * the change is, seen against the PAT before it (nothing when it changes nothing).
   */
  async #update(
    caller: Caller,
    id: string,
    changes: repo.PatChanges,
    event: (before: repo.StoredPat) => { kind: 'renamed' | 'described'; details: { from: string; to: string } } | undefined,
  ): Promise<void> {
    await this.#write(async (trx, log) => {
      const before = await repo.findPat(trx, caller.userId, id);
      if (!before) throw problems.patNotFound();
      const now = this.deps.now();
      await repo.updatePat(trx, caller.userId, id, { updated_at: new Date(now).toISOString(), ...changes });
      const happened = event(before);
      if (happened) log(byCaller(caller, now, { ...before, name: changes.name ?? before.name }, happened.kind, happened.details));
    });
  }

  /** A change of what the PAT may do (its secret, expiry or state), told to every instance. */
  async #changeAccess(
    caller: Caller,
    id: string,
    changes: repo.PatChanges,
    kind: 'revoked' | 'regenerated',
    details?: { expires_at: string },
  ): Promise<void> {
    await this.#write(async (trx, log) => {
      const now = this.deps.now();
      const pat = await this.#touch(trx, caller.userId, id, { updated_at: new Date(now).toISOString(), ...changes });
      await repo.notifyChanged(trx, [id]);
      log(byCaller(caller, now, pat, kind, details));
    });
    this.deps.changed([id]);
  }

  /** Updates the caller's PAT and reads it back in `trx`; 404 when it is not theirs. */
  async #touch(trx: Db, userId: string, id: string, changes: repo.PatChanges): Promise<PatRef> {
    if (!(await repo.updatePat(trx, userId, id, changes))) throw problems.patNotFound();
    return (await repo.findPat(trx, userId, id))!;
  }

  /**
   * Runs a change in one transaction with the journal: the events and notifications it logs are
   * written in the same transaction, and the outbox is told after the commit.
   */
  async #write<T>(work: Work<T>): Promise<T> {
    let notifications = 0;
    const result = await this.deps.db.transaction().execute(async (trx) => {
      const entries: JournalEntry[] = [];
      const value = await work(trx, (entry) => entries.push(entry));
      notifications = await this.deps.journal.write(trx, entries);
      return value;
    });
    if (notifications > 0) this.deps.journal.notified();
    return result;
  }

  #scopeRow(patId: string, scope: ScopeInput): repo.ScopeRow {
    return {
      id: randomUUID(),
      pat_id: patId,
      entity_type: scope.entity_type,
      operation: scope.operation,
      entity_id: scope.entity_id,
      domain_id: scope.domain_id ?? '',
    };
  }
}
