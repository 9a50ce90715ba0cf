import {
  comparePats,
  DEFAULT_CATALOG,
  inStatuses,
  isExpiringSoon,
  normalizeStatuses,
  parseDuration,
  patStatus,
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
import { supermqStrings } from '../i18n/supermq-strings.js';
import { ApiError } from './api-error.js';
import { HttpTransport, type HttpTransportOptions, type Request } from './http-transport.js';
import type { CallOptions, PatApi } from './pat-api.js';

export interface SuperMqPatApiOptions extends HttpTransportOptions {
  /** The scope catalog to offer: the backend has none. The upstream's entity types by default. */
  catalog?: Catalog;
}

/** A PAT as the upstream writes it: unset times are the zero time, empty fields are left out. */
interface UpstreamPat {
  id?: string;
  user_id?: string;
  name?: string;
  description?: string;
  secret?: string;
  /** Not in the upstream's answers today: used when a backend adds it. */
  created_at?: string;
  issued_at?: string;
  expires_at?: string;
  updated_at?: string;
  last_used_at?: string;
  revoked?: boolean;
  revoked_at?: string;
}

interface UpstreamPage {
  total: number;
  pats: UpstreamPat[];
}

interface UpstreamScopePage {
  total: number;
  offset: number;
  limit: number;
  scopes: Scope[];
}

/** The upstream's entity types and the operations it takes on each (it refuses `users` scopes). */
export const SUPERMQ_CATALOG: Catalog = {
  ...DEFAULT_CATALOG,
  domain_required: true,
  entity_types: DEFAULT_CATALOG.entity_types
    .filter((entry) => entry.type !== 'users')
    .map((entry) => (entry.type === 'dashboards' ? { ...entry, operations: ['share', 'unshare'] } : entry)),
};

/** The internal names the upstream stores some operations under, back to the ones it is sent. */
const OPERATION_NAMES: Record<string, string> = {
  create_clients: 'create',
  list_clients: 'list',
  create_channels: 'create',
  list_channels: 'list',
  create_groups: 'create',
  list_groups: 'list',
  dashboard_share: 'share',
  dashboard_unshare: 'unshare',
  message_publish: 'publish',
  message_subscribe: 'subscribe',
};

/** All of a PAT's scopes in one page: PAT Kit allows 1,000, the upstream has no maximum. */
const ALL_SCOPES = 10_000;
/** All of a user's PATs in one page, to sort them: the upstream has no maximum either. */
const ALL_PATS = 100_000;
const HOUR_MS = 3_600_000;

/** Go's zero time means "never"; anything else is an instant. */
function instant(time: string | undefined): string | null {
  return !time || time.startsWith('0001-01-01') ? null : new Date(time).toISOString();
}

/** A PAT Kit duration (`30d`) in Go's syntax (`720h`), which is all the upstream reads. */
function goDuration(duration: string): string {
  const parsed = parseDuration(duration);
  if (!parsed.ok) return duration;
  return parsed.ms % HOUR_MS === 0 ? `${parsed.ms / HOUR_MS}h` : `${Math.round(parsed.ms / 1000)}s`;
}

/** The upstream's terse messages: the field each is about, and what to say on it and in full. */
const KNOWN_MESSAGES: Record<string, { field: string; text: keyof typeof supermqStrings.fields }> = {
  'missing identity name': { field: 'name', text: 'name' },
  'missing description': { field: 'description', text: 'description' },
  'missing domainID': { field: 'scopes', text: 'domain' },
  'operation not valid for entity type': { field: 'scopes', text: 'operation' },
};

/**
 * The upstream's `{"message"}` errors as ApiErrors, its known messages put in words a user reads
 * and on their field; a 422 (its duplicate scope) is a conflict.
 */
function readUpstreamError(status: number, body: unknown): ApiError {
  const message = (body as { message?: unknown } | undefined)?.message;
  const error = ApiError.fromBody(status, typeof message === 'string' && message ? { message } : undefined);
  const code = status === 422 ? 'conflict' : error.code;
  const known = typeof message === 'string' ? KNOWN_MESSAGES[message] : undefined;
  if (!known) return new ApiError(status, code, error.message, error.details, error.reason);
  const { field, sentence } = supermqStrings.fields[known.text];
  return new ApiError(status, code, sentence, [{ field: known.field, message: field }]);
}

/**
 * PatApi over an unmodified Magistrala/SuperMQ backend (its `/pats` routes), which answers
 * differently from PAT Kit's server: durations in Go's syntax, scopes added after create, scope
 * changes without a body, unset times as the zero time, no counts, catalog or scope count. This
 * client makes up for each, with more requests where it must (a page of PATs asks for each
 * one's scope count; the counts are four list totals). What it has no trace of is absent: the
 * history, the daily use, the allowlists of client addresses (its PATs allow any address), the
 * leak reports (no PAT of its was revoked by one) and idle expiry (its PATs live their lifetime,
 * used or not: its catalog has no `max_idle`, and a create that asks for one is refused).
 */
export class SuperMqPatApi implements PatApi {
  #transport: HttpTransport;
  #catalog: Catalog;

  constructor(options: SuperMqPatApiOptions) {
    this.#transport = new HttpTransport(options, readUpstreamError);
    // No idle limit to offer: the backend has no idle expiry, whatever a host's catalog says.
    const { max_idle: _, ...catalog } = options.catalog ?? SUPERMQ_CATALOG;
    this.#catalog = catalog;
  }

  async createPat(request: CreatePatRequest, options?: CallOptions): Promise<PatWithSecret> {
    const scopes = request.scopes ?? [];
    this.#requireDomains(scopes);
    if ((request.allowed_ips ?? []).length > 0) {
      // A restriction it would drop without a word: refused before anything is made.
      const { field, sentence } = supermqStrings.fields.allowedIps;
      throw new ApiError(400, 'validation_failed', sentence, [{ field: 'allowed_ips', message: field }]);
    }
    if (request.max_idle !== undefined) {
      // Nor an idle limit: its PATs live their lifetime, used or not.
      const { field, sentence } = supermqStrings.fields.maxIdle;
      throw new ApiError(400, 'validation_failed', sentence, [{ field: 'max_idle', message: field }]);
    }
    const created = await this.#call<UpstreamPat>('POST', '/pats', {
      body: { name: request.name, description: request.description ?? '', duration: goDuration(request.duration ?? '30d') },
      ...options,
    });
    if (scopes.length > 0) {
      try {
        await this.#addScopes(created.id!, scopes, options);
      } catch (error) {
        // One logical step: a PAT without the scopes it was made for is taken back, and when
        // even that fails the error says what is left.
        const left = await this.deletePat(created.id!).then(
          () => false,
          () => true,
        );
        if (!left || !(error instanceof ApiError)) throw error;
        throw new ApiError(error.status, error.code, supermqStrings.scopesLeft(request.name, error.message), error.details);
      }
    }
    return { ...this.#toPat(created, scopes.length), secret: created.secret! };
  }

  async listPats(query: PatListQuery = {}, options?: CallOptions): Promise<PatPage> {
    const { offset = 0, limit = 10, sort = 'issued_at', dir = 'desc', status = 'active' } = query;
    // The upstream lists newest first whatever it is asked, takes one status, and has no
    // "expiring soon": another order, several statuses or that filter are done here, from all
    // the matches of the one status that holds them (`active` for `expiring`, else `all`).
    const statuses = normalizeStatuses(status);
    const single = statuses.length === 1 ? statuses[0]! : undefined;
    const local = single === undefined || single === 'expiring';
    const native = sort === 'issued_at' && dir === 'desc' && !local;
    const filter = { status: single === 'expiring' ? 'active' : (single ?? 'all'), name: query.name };
    const page = await this.#call<UpstreamPage>('GET', '/pats', {
      query: native ? { ...filter, offset, limit } : { ...filter, limit: ALL_PATS },
      ...options,
    });
    const now = Date.now();
    const pats = page.pats.map((pat) => this.#toPat(pat, 0)).filter((pat) => !local || inStatuses(pat, statuses, now));
    const shown = native ? pats : pats.sort(comparePats(sort, dir)).slice(offset, offset + limit);
    const counts = await Promise.all(shown.map((pat) => this.#scopeCount(pat.id, options)));
    const total = local ? pats.length : page.total;
    return { total, offset, limit, pats: shown.map((pat, i) => ({ ...pat, scopes_count: counts[i]! })) };
  }

  async deleteAllPats(options?: CallOptions): Promise<{ deleted: number }> {
    const deleted = await this.#total('all', options);
    await this.#call('DELETE', '/pats', options);
    return { deleted };
  }

  async getPat(id: string, options?: CallOptions): Promise<Pat> {
    const [pat, count] = await Promise.all([this.#call<UpstreamPat>('GET', this.#pat(id), options), this.#scopeCount(id, options)]);
    // The upstream answers 200 with an empty PAT for an id that is not the caller's.
    if (!pat.id) throw ApiError.because('notFound', 404, 'not_found');
    return this.#toPat(pat, count);
  }

  async deletePat(id: string, options?: CallOptions): Promise<void> {
    await this.#call('DELETE', this.#pat(id), options);
  }

  async renamePat(id: string, name: string, options?: CallOptions): Promise<Pat> {
    await this.#call('PATCH', `${this.#pat(id)}/name`, { body: { name }, ...options });
    return this.getPat(id, options);
  }

  async describePat(id: string, description: string, options?: CallOptions): Promise<Pat> {
    await this.#call('PATCH', `${this.#pat(id)}/description`, { body: { description }, ...options });
    return this.getPat(id, options);
  }

  async resetSecret(id: string, duration: string, options?: CallOptions): Promise<PatWithSecret> {
    const reset = await this.#call<UpstreamPat>('PATCH', `${this.#pat(id)}/secret/reset`, {
      body: { duration: goDuration(duration) },
      ...options,
    });
    // Its answer says "revoked" from before the reset: read the PAT as it is now.
    return { ...(await this.getPat(id, options)), secret: reset.secret! };
  }

  async revokePat(id: string, options?: CallOptions): Promise<void> {
    await this.#call('PATCH', `${this.#pat(id)}/secret/revoke`, options);
  }

  async listScopes(id: string, page: { offset?: number; limit?: number } = {}, options?: CallOptions): Promise<ScopePage> {
    const answer = await this.#call<UpstreamScopePage>('GET', `${this.#pat(id)}/scope`, {
      query: { offset: page.offset ?? 0, limit: page.limit ?? 10 },
      ...options,
    });
    return { total: answer.total, offset: answer.offset, limit: answer.limit, scopes: answer.scopes.map(toScope) };
  }

  async addScopes(id: string, scopes: ScopeInput[], options?: CallOptions): Promise<ScopeList> {
    this.#requireDomains(scopes);
    await this.#addScopes(id, scopes, options);
    return this.#allScopes(id, options);
  }

  async removeScopes(id: string, scopeIds: string[], options?: CallOptions): Promise<ScopeList> {
    await this.#call('PATCH', `${this.#pat(id)}/scope/remove`, { body: { scopes_id: scopeIds }, ...options });
    return this.#allScopes(id, options);
  }

  async clearScopes(id: string, options?: CallOptions): Promise<ScopeList> {
    await this.#call('DELETE', `${this.#pat(id)}/scope`, options);
    return { scopes: [] };
  }

  async getCatalog(): Promise<Catalog> {
    return this.#catalog;
  }

  async getSummary(options?: CallOptions): Promise<Summary> {
    const [active, revoked, expired] = await Promise.all([
      this.#total('active', options),
      this.#total('revoked', options),
      this.#total('expired', options),
    ]);
    const now = Date.now();
    const soon =
      active === 0 ? [] : (await this.#call<UpstreamPage>('GET', '/pats', { query: { status: 'active', limit: active }, ...options })).pats;
    // Read as the list reads them (its `issued_at` too), so the count is what `expiring` lists.
    const expiring_soon = soon.filter((pat) => isExpiringSoon(this.#toPat(pat, 0), now)).length;
    return { active, expiring_soon, revoked, expired, total: active + revoked + expired };
  }

  #toPat(raw: UpstreamPat, scopesCount: number): Pat {
    const revoked = raw.revoked === true;
    const expires_at = instant(raw.expires_at) ?? new Date(0).toISOString();
    const issued_at = instant(raw.issued_at) ?? new Date(0).toISOString();
    const status = patStatus({ revoked, expires_at });
    return {
      id: raw.id ?? '',
      user_id: raw.user_id ?? '',
      name: raw.name ?? '',
      description: raw.description ?? '',
      // Computed here: its create, rename and reset answers always say "active".
      status,
      // The upstream keeps no creation time, and its regenerate leaves `issued_at` as it was.
      created_at: instant(raw.created_at) ?? issued_at,
      issued_at,
      expires_at,
      updated_at: instant(raw.updated_at),
      last_used_at: instant(raw.last_used_at),
      last_used_ip: null,
      revoked,
      revoked_at: revoked ? instant(raw.revoked_at) : null,
      scopes_count: scopesCount,
      // The upstream has no allowlists: any address (and no setAllowedIps to set one).
      allowed_ips: [],
      // Nor leak reports: nothing it revoked was revoked for one.
      leak: null,
      // Nor idle expiry: its PATs end with their lifetime.
      max_idle: null,
      idle_expires_at: null,
      expired_reason: status === 'expired' ? 'lifetime' : null,
    };
  }

  /** The upstream has no "any domain": say so on the form rather than send what it refuses. */
  #requireDomains(scopes: ScopeInput[]) {
    const missing = scopes.findIndex((scope) => !scope.domain_id);
    if (missing >= 0) {
      const { field, sentence } = supermqStrings.fields.domain;
      throw new ApiError(400, 'validation_failed', sentence, [{ field: `scopes[${missing}].domain_id`, message: field }]);
    }
  }

  async #addScopes(id: string, scopes: ScopeInput[], options?: CallOptions) {
    await this.#call('PATCH', `${this.#pat(id)}/scope/add`, { body: { scopes }, ...options });
  }

  async #allScopes(id: string, options?: CallOptions): Promise<ScopeList> {
    return { scopes: (await this.listScopes(id, { limit: ALL_SCOPES }, options)).scopes };
  }

  async #scopeCount(id: string, options?: CallOptions): Promise<number> {
    return (await this.#call<UpstreamScopePage>('GET', `${this.#pat(id)}/scope`, { query: { limit: 0 }, ...options })).total;
  }

  async #total(status: string, options?: CallOptions): Promise<number> {
    return (await this.#call<UpstreamPage>('GET', '/pats', { query: { status, limit: 0 }, ...options })).total;
  }

  #pat(id: string): string {
    return `/pats/${encodeURIComponent(id)}`;
  }

  #call<T>(method: string, path: string, request?: Request): Promise<T> {
    return this.#transport.call<T>(method, path, request);
  }
}

/** A scope as PAT Kit names its operation. */
function toScope(scope: Scope): Scope {
  return { ...scope, operation: OPERATION_NAMES[scope.operation] ?? scope.operation, domain_id: scope.domain_id || null };
}
