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

export interface CallOptions {
  signal?: AbortSignal;
}

/** Which page of a list: from `offset`, at most `limit` items (the server's defaults when left out). */
export type PageRequest = { offset?: number; limit?: number };

/**
 * Every management route of the REST API, one method each. Failures reject with ApiError.
 *
 * The methods marked optional are features a backend may not have (a host's own client, the
 * SuperMQ one): an element hides what needs a method its client lacks.
 */
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
  listScopes(id: string, page?: PageRequest, options?: CallOptions): Promise<ScopePage>;
  addScopes(id: string, scopes: ScopeInput[], options?: CallOptions): Promise<ScopeList>;
  removeScopes(id: string, scopeIds: string[], options?: CallOptions): Promise<ScopeList>;
  clearScopes(id: string, options?: CallOptions): Promise<ScopeList>;
  getCatalog(options?: CallOptions): Promise<Catalog>;
  getSummary(options?: CallOptions): Promise<Summary>;
  /** A PAT's history, newest first. Optional: `<pat-activity>` shows nothing without it. */
  listPatEvents?(id: string, page?: PageRequest, options?: CallOptions): Promise<PatEventPage>;
  /** The history of all the user's PATs, deleted ones included, newest first. Optional. */
  listEvents?(page?: PageRequest, options?: CallOptions): Promise<PatEventPage>;
  /** A PAT's allowed and denied checks on each of the last `days` UTC days. Optional: `<pat-usage-chart>` shows nothing without it. */
  getPatUsage?(id: string, days?: number, options?: CallOptions): Promise<PatUsage>;
  /**
   * Sets the client addresses and CIDR ranges the PAT may be used from (`[]`: any address); the
   * PAT as it is now, its list normalized. Optional: a backend without allowlists lacks it, and
   * the elements then offer none.
   */
  setAllowedIps?(id: string, allowedIps: string[], options?: CallOptions): Promise<Pat>;
}

/** The methods every PatApi has, for code that wraps a client whatever it is. */
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

/** The methods a PatApi may lack (see PatApi): a wrapper has one only when the client it wraps does. */
export const PAT_API_OPTIONAL_METHODS = [
  'listPatEvents',
  'listEvents',
  'getPatUsage',
  'setAllowedIps',
] as const satisfies readonly (keyof PatApi)[];
export type PatApiOptionalMethod = (typeof PAT_API_OPTIONAL_METHODS)[number];
