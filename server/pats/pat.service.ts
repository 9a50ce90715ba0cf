import { randomUUID } from 'node:crypto';
import {
  allowedScopes,
  EXPIRING_SOON_MS,
  lifetimeMs,
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
import * as repo from './pat.repository.js';

export interface PatServiceDeps {
  db: PatDatabase;
  catalog: Catalog;
  maxLifetimeMs: number;
  hashToken: TokenHasher;
  /** Told, after the commit, of the PATs whose secret, state or scopes changed. */
  changed: (patIds: string[]) => void;
  now: () => number;
}

type Db = PatDatabase;

function toPat(row: repo.StoredPat, now: number): Pat {
  return { ...row, status: patStatus(row, now) };
}

function toScope(row: repo.ScopeRow): Scope {
  return { ...row, domain_id: row.domain_id || null };
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

  async create(userId: string, input: Required<CreatePatRequest>): Promise<PatWithSecret> {
    const lifetime = lifetimeMs(input.duration, this.deps.maxLifetimeMs);
    const scopes = allowedScopes(this.deps.catalog, input.scopes);
    const now = this.deps.now();
    const id = randomUUID();
    const secret = newSecret(id);
    const rows = mergeScopes([], scopes).add.map((scope) => this.#scopeRow(id, scope));
    try {
      await this.deps.db.transaction().execute(async (trx) => {
        await repo.insertPat(trx, {
          id,
          user_id: userId,
          name: input.name,
          name_key: nameKey(input.name),
          description: input.description,
          token_hash: this.deps.hashToken(secret),
          created_at: new Date(now).toISOString(),
          issued_at: new Date(now).toISOString(),
          expires_at: new Date(now + lifetime).toISOString(),
          updated_at: null,
          revoked: 0,
          revoked_at: null,
          last_used_at: null,
          last_used_ip: null,
          grants: repo.grantsOf(rows),
        });
        await repo.insertScopes(trx, rows);
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

  async rename(userId: string, id: string, name: string): Promise<Pat> {
    try {
      await this.#update(userId, id, { name, name_key: nameKey(name) });
    } catch (error) {
      if (isUniqueViolation(error)) throw problems.duplicateName();
      throw error;
    }
    return this.get(userId, id);
  }

  async describe(userId: string, id: string, description: string): Promise<Pat> {
    await this.#update(userId, id, { description });
    return this.get(userId, id);
  }

  /**
   * Regenerate: a new secret and lifetime in one write; name, description, scopes and
   * `created_at` stay. The last use was of the old secret: it goes in the same write.
   */
  async reset(userId: string, id: string, duration: string): Promise<PatWithSecret> {
    const lifetime = lifetimeMs(duration, this.deps.maxLifetimeMs);
    await this.get(userId, id);
    const now = this.deps.now();
    const secret = newSecret(id);
    const at = new Date(now).toISOString();
    await this.#changeAccess(userId, id, {
      token_hash: this.deps.hashToken(secret),
      issued_at: at,
      expires_at: new Date(now + lifetime).toISOString(),
      updated_at: at,
      revoked: 0,
      revoked_at: null,
      last_used_at: null,
      last_used_ip: null,
    });
    return { ...(await this.get(userId, id)), secret };
  }

  async revoke(userId: string, id: string): Promise<void> {
    const pat = await this.get(userId, id);
    if (pat.revoked) return;
    const at = new Date(this.deps.now()).toISOString();
    await this.#changeAccess(userId, id, { revoked: 1, revoked_at: at, updated_at: at });
  }

  async remove(userId: string, id: string): Promise<void> {
    const deleted = await this.deps.db.transaction().execute(async (trx) => {
      const found = await repo.deletePat(trx, userId, id);
      if (found) await repo.notifyChanged(trx, [id]);
      return found;
    });
    if (!deleted) throw problems.patNotFound();
    this.deps.changed([id]);
  }

  async removeAll(userId: string): Promise<number> {
    const ids = await this.deps.db.transaction().execute(async (trx) => {
      const deleted = await repo.deleteAllPats(trx, userId);
      await repo.notifyChanged(trx, deleted);
      return deleted;
    });
    if (ids.length > 0) this.deps.changed(ids);
    return ids.length;
  }

  async listScopes(userId: string, id: string, offset: number, limit: number): Promise<ScopePage> {
    await this.get(userId, id);
    const { total, rows } = await repo.listScopes(this.deps.db, id, offset, limit);
    return { total, offset, limit, scopes: rows.map(toScope) };
  }

  async addScopes(userId: string, id: string, input: ScopeInput[]): Promise<ScopeList> {
    const scopes = allowedScopes(this.deps.catalog, input);
    return this.#changeScopes(userId, id, async (trx, existing) => {
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
    });
  }

  async removeScopes(userId: string, id: string, scopeIds: string[]): Promise<ScopeList> {
    return this.#changeScopes(userId, id, (trx) => repo.deleteScopes(trx, id, scopeIds));
  }

  async clearScopes(userId: string, id: string): Promise<ScopeList> {
    return this.#changeScopes(userId, id, (trx) => repo.deleteAllScopes(trx, id));
  }

  /** One transaction: check ownership, change the scopes, stamp the PAT, read the result. */
  async #changeScopes(userId: string, id: string, change: (trx: Db, existing: repo.ScopeRow[]) => Promise<void>): Promise<ScopeList> {
    const scopes = await this.deps.db.transaction().execute(async (trx) => {
      const touched = await repo.updatePat(trx, userId, id, { updated_at: new Date(this.deps.now()).toISOString() });
      if (!touched) throw problems.patNotFound();
      await change(trx, await repo.allScopes(trx, id));
      const changed = await repo.allScopes(trx, id);
      await repo.setGrants(trx, id, changed);
      await repo.notifyChanged(trx, [id]);
      return changed;
    });
    this.deps.changed([id]);
    return { scopes: scopes.map(toScope) };
  }

  /** A change of what the PAT is called or says: nothing that authorize reads. */
  async #update(userId: string, id: string, changes: repo.PatChanges): Promise<void> {
    const updated = await repo.updatePat(this.deps.db, userId, id, {
      updated_at: new Date(this.deps.now()).toISOString(),
      ...changes,
    });
    if (!updated) throw problems.patNotFound();
  }

  /** A change of what the PAT may do (its secret, expiry or state), told to every instance. */
  async #changeAccess(userId: string, id: string, changes: repo.PatChanges): Promise<void> {
    const updated = await this.deps.db.transaction().execute(async (trx) => {
      const found = await repo.updatePat(trx, userId, id, { updated_at: new Date(this.deps.now()).toISOString(), ...changes });
      if (found) await repo.notifyChanged(trx, [id]);
      return found;
    });
    if (!updated) throw problems.patNotFound();
    this.deps.changed([id]);
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
