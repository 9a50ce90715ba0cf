import type {
  Catalog,
  CreatePatRequest,
  Pat,
  PatEventPage,
  PatListQuery,
  PatPage,
  PatUsage,
  PatWithSecret,
  ScopeInput,
  ScopeList,
  ScopePage,
  Summary,
} from '../../contract/index.js';
import { ApiError } from './api-error.js';
import { HttpTransport, type HttpTransportOptions, type Request } from './http-transport.js';
import type { CallOptions, PageRequest, PatApi } from './pat-api.js';

export type HttpPatApiOptions = HttpTransportOptions;

/** PatApi over `fetch`. Every call takes an AbortSignal; every failure is an ApiError. */
export class HttpPatApi implements PatApi {
  #transport: HttpTransport;

  constructor(options: HttpPatApiOptions) {
    this.#transport = new HttpTransport(options, (status, body) => ApiError.fromBody(status, body as never));
  }

  /** `POST /pats` with the request as it is: its allowlist and its idle limit (`max_idle`) when it has them. */
  createPat(request: CreatePatRequest, options?: CallOptions) {
    return this.#call<PatWithSecret>('POST', '/pats', { body: request, ...options });
  }

  /** Several statuses go as one `status=a,b`: the PATs in any of them. */
  listPats({ status, ...query }: PatListQuery = {}, options?: CallOptions) {
    const statuses = typeof status === 'string' || status === undefined ? status : status.join(',');
    return this.#call<PatPage>('GET', '/pats', { query: { ...query, status: statuses }, ...options });
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

  listScopes(id: string, page: PageRequest = {}, options?: CallOptions) {
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

  listPatEvents(id: string, page: PageRequest = {}, options?: CallOptions) {
    return this.#call<PatEventPage>('GET', `${this.#pat(id)}/events`, { query: page, ...options });
  }

  listEvents(page: PageRequest = {}, options?: CallOptions) {
    return this.#call<PatEventPage>('GET', '/events', { query: page, ...options });
  }

  /** `days` from 1 to 90; the server's 30 when left out. */
  getPatUsage(id: string, days?: number, options?: CallOptions) {
    return this.#call<PatUsage>('GET', `${this.#pat(id)}/usage`, { query: { days }, ...options });
  }

  /** `PATCH /pats/{id}/allowed_ips`: the server normalizes the entries (`10.1.2.3/8` → `10.0.0.0/8`). */
  setAllowedIps(id: string, allowedIps: string[], options?: CallOptions) {
    return this.#call<Pat>('PATCH', `${this.#pat(id)}/allowed_ips`, { body: { allowed_ips: allowedIps }, ...options });
  }

  #pat(id: string): string {
    return `/pats/${encodeURIComponent(id)}`;
  }

  #call<T>(method: string, path: string, request?: Request): Promise<T> {
    return this.#transport.call<T>(method, path, request);
  }
}
