import { WILDCARD, type AuthorizeRequest, type ScopeInput } from './types.js';

interface ScopeFields {
  entity_type: string;
  operation: string;
  entity_id: string;
  domain_id?: string | null;
}

/**
 * Whether `scope` grants `request`: same type and operation, the scope's entity is `*` or the
 * same, and the scope's domain is unset (any domain) or the same. A request about no single
 * entity asks with `entity_id: "*"`, which only a wildcard scope grants.
 */
export function scopeGrants(scope: ScopeFields, request: AuthorizeRequest): boolean {
  return (
    scope.entity_type === request.entity_type &&
    scope.operation === request.operation &&
    (scope.entity_id === WILDCARD || scope.entity_id === request.entity_id) &&
    (scope.domain_id == null || scope.domain_id === (request.domain_id ?? null))
  );
}

/**
 * Whether `outer` already grants everything `inner` grants: a scope is a request pattern, so
 * this is the grant rule applied to `inner` as a request. Adding a covered scope is a no-op;
 * adding a wildcard removes the specific scopes it now covers.
 */
export function scopeCovers(outer: ScopeFields, inner: ScopeFields): boolean {
  return scopeGrants(outer, inner);
}

/** The identity of a scope: two inputs with the same key are the same scope. */
export function scopeKey(scope: ScopeFields): string {
  return JSON.stringify([scope.entity_type, scope.operation, scope.entity_id, scope.domain_id ?? null]);
}

export interface ScopeMerge<T extends ScopeFields> {
  /** New scopes to store: not covered by an existing scope nor by another new one. */
  add: ScopeInput[];
  /** Existing scopes that a new wildcard now covers. */
  remove: T[];
}

/**
 * Plans adding `incoming` to `existing`: duplicates and covered scopes are dropped, and
 * existing scopes a new scope covers are removed. Applying the plan leaves no scope that
 * another covers.
 */
export function mergeScopes<T extends ScopeFields>(existing: T[], incoming: ScopeInput[]): ScopeMerge<T> {
  const kept: ScopeInput[] = [];
  for (const scope of incoming) {
    const normal = { ...scope, domain_id: scope.domain_id ?? null };
    if (existing.some((old) => scopeCovers(old, normal))) continue;
    if (kept.some((other) => scopeCovers(other, normal))) continue;
    // A later, broader scope replaces the narrower ones already planned.
    for (let i = kept.length - 1; i >= 0; i--) if (scopeCovers(normal, kept[i]!)) kept.splice(i, 1);
    kept.push(normal);
  }
  const remove = existing.filter((old) => kept.some((scope) => scopeCovers(scope, old)));
  return { add: kept, remove };
}
