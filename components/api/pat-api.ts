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

export interface CallOptions {
  signal?: AbortSignal;
}

/** Every management route of the REST API, one method each. Failures reject with ApiError. */
export interface PatApi {
  createPat(request: CreatePatRequest, options?: CallOptions): Promise<PatWithSecret>;
  listPats(query?: PatListQuery, options?: CallOptions): Promise<PatPage>;
  deleteAllPats(options?: CallOptions): Promise<{ deleted: number }>;
  getPat(id: string, options?: CallOptions): Promise<Pat>;
  deletePat(id: string, options?: CallOptions): Promise<void>;
  renamePat(id: string, name: string, options?: CallOptions): Promise<Pat>;
  describePat(id: string, description: string, options?: CallOptions): Promise<Pat>;
  resetSecret(id: string, duration: string, options?: CallOptions): Promise<PatWithSecret>;
  revokePat(id: string, options?: CallOptions): Promise<void>;
  listScopes(id: string, page?: { offset?: number; limit?: number }, options?: CallOptions): Promise<ScopePage>;
  addScopes(id: string, scopes: ScopeInput[], options?: CallOptions): Promise<ScopeList>;
  removeScopes(id: string, scopeIds: string[], options?: CallOptions): Promise<ScopeList>;
  clearScopes(id: string, options?: CallOptions): Promise<ScopeList>;
  getCatalog(options?: CallOptions): Promise<Catalog>;
  getSummary(options?: CallOptions): Promise<Summary>;
}

/** The methods of PatApi, for code that wraps a client whatever it is. */
export const PAT_API_METHODS = [
  'createPat',
  'listPats',
  'deleteAllPats',
  'getPat',
  'deletePat',
  'renamePat',
  'describePat',
  'resetSecret',
  'revokePat',
  'listScopes',
  'addScopes',
  'removeScopes',
  'clearScopes',
  'getCatalog',
  'getSummary',
] as const satisfies readonly (keyof PatApi)[];
