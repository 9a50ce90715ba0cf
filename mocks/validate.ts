/**
 * The mocks' request checks beyond the shared request schemas (contract/schemas.ts): the query
 * string as Express reads it, and the catalog and lifetime rules of server/pats/pat.service.ts.
 */
import { operationsOf, parseLifetime, type Catalog, type FieldError, type ScopeInput } from '../contract/index.js';
import type { Parsed } from '../contract/schemas.js';

export type Validated<T> = Parsed<T>;

/** A query string as Express 5 parses it: a repeated key becomes an array. */
export type QueryRecord = Record<string, string | string[] | undefined>;

/** Turns a URL's query string into what Express 5's simple query parser gives a route. */
export function queryRecord(params: URLSearchParams): QueryRecord {
  const record: QueryRecord = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    record[key] = values.length === 1 ? values[0] : values;
  }
  return record;
}

// The service rules (pat.service.ts), checked after the shape: they need config.

/** A PAT lifetime: positive and no longer than the maximum; `field` is `duration`. */
export function checkLifetime(duration: string, maxLifetimeMs: number): Validated<number> {
  const result = parseLifetime(duration, maxLifetimeMs);
  return result.ok ? { ok: true, value: result.ms } : { ok: false, details: [{ field: 'duration', message: result.reason }] };
}

/** Every scope must name a catalog type and an operation that type allows. */
export function checkScopesAgainstCatalog(
  scopes: ScopeInput[],
  catalog: Pick<Catalog, 'entity_types'>,
  path = 'scopes',
): Validated<ScopeInput[]> {
  const details: FieldError[] = [];
  scopes.forEach((scope, index) => {
    const operations = operationsOf(catalog, scope.entity_type);
    if (!operations) {
      details.push({ field: `${path}[${index}].entity_type`, message: `is not a known entity type ("${scope.entity_type}")` });
    } else if (!operations.includes(scope.operation)) {
      details.push({ field: `${path}[${index}].operation`, message: `must be one of ${operations.join(', ')} for ${scope.entity_type}` });
    }
  });
  return details.length > 0 ? { ok: false, details } : { ok: true, value: scopes };
}
