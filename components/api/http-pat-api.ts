import type {
  Catalog,
  CreatePatRequest,
  Pat,
  PatListQuery,
  PatPage,
  PatWithSecret,
  ScopeInput,
  ScopeList,
  ScopePage,
  Summary,
} from '../../contract/index.js';
import { ApiError, isAbort } from './api-error.js';
import type { CallOptions, PatApi } from './pat-api.js';
import { strings } from '../i18n/strings.js';

export interface HttpPatApiOptions {
  /** Where the PAT routes are mounted, e.g. `/api` or `https://auth.example.com/api`. */
  baseUrl: string;
  /** A fixed bearer token for the signed-in user. */
  token?: string;
  /** Asked before every call, for hosts that refresh their tokens; wins over `token`. */
  getToken?: () => string | undefined | Promise<string | undefined>;
  fetch?: typeof fetch;
}

type Query = Record<string, string | number | undefined>;

const networkError = () => new ApiError(0, 'network', strings.errors.network);

/** PatApi over `fetch`. Every call takes an AbortSignal; every failure is an ApiError. */
export class HttpPatApi implements PatApi {
  constructor(private readonly options: HttpPatApiOptions) {}

  createPat(request: CreatePatRequest, options?: CallOptions) {
    return this.#call<PatWithSecret>('POST', '/pats', { body: request, ...options });
  }

  listPats(query: PatListQuery = {}, options?: CallOptions) {
    return this.#call<PatPage>('GET', '/pats', { query: { ...query }, ...options });
  }

  deleteAllPats(options?: CallOptions) {
    return this.#call<{ deleted: number }>('DELETE', '/pats', options);
  }

  getPat(id: string, options?: CallOptions) {
    return this.#call<Pat>('GET', this.#pat(id), options);
  }

  deletePat(id: string, options?: CallOptions) {
    return this.#call<void>('DELETE', this.#pat(id), options);
  }

  renamePat(id: string, name: string, options?: CallOptions) {
    return this.#call<Pat>('PATCH', `${this.#pat(id)}/name`, { body: { name }, ...options });
  }

  describePat(id: string, description: string, options?: CallOptions) {
    return this.#call<Pat>('PATCH', `${this.#pat(id)}/description`, { body: { description }, ...options });
  }

  resetSecret(id: string, duration: string, options?: CallOptions) {
    return this.#call<PatWithSecret>('PATCH', `${this.#pat(id)}/secret/reset`, { body: { duration }, ...options });
  }

  revokePat(id: string, options?: CallOptions) {
    return this.#call<void>('PATCH', `${this.#pat(id)}/secret/revoke`, options);
  }

  listScopes(id: string, page: { offset?: number; limit?: number } = {}, options?: CallOptions) {
    return this.#call<ScopePage>('GET', `${this.#pat(id)}/scope`, { query: page, ...options });
  }

  addScopes(id: string, scopes: ScopeInput[], options?: CallOptions) {
    return this.#call<ScopeList>('PATCH', `${this.#pat(id)}/scope/add`, { body: { scopes }, ...options });
  }

  removeScopes(id: string, scopeIds: string[], options?: CallOptions) {
    return this.#call<ScopeList>('PATCH', `${this.#pat(id)}/scope/remove`, { body: { scopes_id: scopeIds }, ...options });
  }

  clearScopes(id: string, options?: CallOptions) {
    return this.#call<ScopeList>('DELETE', `${this.#pat(id)}/scope`, options);
  }

  getCatalog(options?: CallOptions) {
    return this.#call<Catalog>('GET', '/pats/catalog', options);
  }

  getSummary(options?: CallOptions) {
    return this.#call<Summary>('GET', '/pats/summary', options);
  }

  #pat(id: string): string {
    return `/pats/${encodeURIComponent(id)}`;
  }

  async #call<T>(method: string, path: string, { body, query, signal }: CallOptions & { body?: unknown; query?: Query } = {}): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = this.options.getToken ? await this.options.getToken() : this.options.token;
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';

    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined && value !== '') search.set(key, String(value));
    const url = `${this.options.baseUrl.replace(/\/$/, '')}${path}${search.size ? `?${search}` : ''}`;

    let response: Response;
    try {
      response = await (this.options.fetch ?? fetch)(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
    } catch (error) {
      if (isAbort(error)) throw error;
      throw networkError();
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      // The connection broke off (or the call was aborted) while the body was read.
      if (isAbort(error)) throw error;
      throw networkError();
    }
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!response.ok) throw ApiError.fromBody(response.status, parsed as never);
    return parsed as T;
  }
}
