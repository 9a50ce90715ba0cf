import { DAY_MS, formatDuration, parseDuration, parseLifetime } from './duration.js';
import { problems } from './errors.js';
import type { Catalog, EntityTypeInfo, FieldError, Operation, ScopeInput } from './types.js';

/** The default catalog's operations are the upstream's (Operation): a typo does not compile. */
const MANAGED: Operation[] = ['create', 'read', 'list', 'update', 'delete', 'share', 'unshare'];

/** The default scope catalog (the upstream's entity types); a host replaces it with its own. */
export const DEFAULT_ENTITY_TYPES: EntityTypeInfo[] = [
  { type: 'clients', label: 'Clients', operations: [...MANAGED] },
  { type: 'channels', label: 'Channels', operations: [...MANAGED] },
  { type: 'groups', label: 'Groups', operations: [...MANAGED] },
  { type: 'dashboards', label: 'Dashboards', operations: [...MANAGED] },
  { type: 'domains', label: 'Domains', operations: MANAGED.filter((op) => op !== 'create') },
  { type: 'users', label: 'Users', operations: ['read', 'list', 'update', 'delete'] satisfies Operation[] },
  { type: 'messages', label: 'Messages', operations: ['publish', 'subscribe'] satisfies Operation[] },
];

export const DEFAULT_DURATIONS = [
  { value: '24h', label: '1 day' },
  { value: '7d', label: '7 days' },
  { value: '30d', label: '30 days' },
  { value: '90d', label: '90 days' },
  { value: '1y', label: '1 year' },
];

export const DEFAULT_MAX_LIFETIME = '365d';

export const DEFAULT_CATALOG: Catalog = {
  entity_types: DEFAULT_ENTITY_TYPES,
  durations: DEFAULT_DURATIONS,
  max_lifetime: DEFAULT_MAX_LIFETIME,
};

/** The operations `catalog` allows on `type`, or undefined for a type it does not know. */
export function operationsOf(catalog: Pick<Catalog, 'entity_types'>, type: string): string[] | undefined {
  return catalog.entity_types.find((entry) => entry.type === type)?.operations;
}

/** A host's catalog: its entity types, and its duration presets if it has its own. */
export type CatalogOptions = Pick<Catalog, 'entity_types'> & Partial<Pick<Catalog, 'durations'>>;

/**
 * The shortest idle limit a PAT may have: a PAT's last use is written about once a minute, and
 * an idle limit shorter than a day would be a lifetime in disguise.
 */
export const MIN_MAX_IDLE_MS = DAY_MS;

/**
 * The catalog `GET /pats/catalog` serves, from a host's (or the default), the maximum lifetime
 * and the server's idle limit (none by default): presets longer than the maximum are dropped.
 * Throws on a setting that cannot work.
 */
export function resolveCatalog(
  options: CatalogOptions = DEFAULT_CATALOG,
  maxLifetime = DEFAULT_MAX_LIFETIME,
  maxIdle?: string,
): { catalog: Catalog; maxLifetimeMs: number; maxIdleMs: number | null } {
  const max = parseDuration(maxLifetime);
  if (!max.ok || max.ms <= 0) throw new Error(`maxLifetime "${maxLifetime}" is not a positive duration`);
  if (options.entity_types.length === 0) throw new Error('the scope catalog needs at least one entity type');
  let maxIdleMs: number | null = null;
  if (maxIdle !== undefined) {
    const idle = parseDuration(maxIdle);
    if (!idle.ok || idle.ms < MIN_MAX_IDLE_MS) throw new Error(`maxIdle "${maxIdle}" is not a duration of a day or more`);
    maxIdleMs = idle.ms;
  }
  const durations = (options.durations ?? DEFAULT_DURATIONS).filter((preset) => parseLifetime(preset.value, max.ms).ok);
  return {
    catalog: {
      entity_types: options.entity_types,
      durations,
      max_lifetime: formatDuration(max.ms),
      max_idle: maxIdleMs === null ? null : formatDuration(maxIdleMs),
    },
    maxLifetimeMs: max.ms,
    maxIdleMs,
  };
}

/**
 * A PAT's idle limit in milliseconds from what was asked (`max_idle`), or null for none: the
 * server's limit when none was asked, never longer than it, at least a day, at most the longest
 * lifetime. A Problem naming `max_idle` otherwise.
 */
export function maxIdleMs(requested: string | undefined, serverMaxIdleMs: number | null, maxLifetimeMs: number): number | null {
  if (requested === undefined) return serverMaxIdleMs;
  const parsed = parseDuration(requested);
  const fail = (reason: string) => problems.invalidField('max_idle', reason);
  if (!parsed.ok) throw fail(parsed.reason);
  if (parsed.ms < MIN_MAX_IDLE_MS) throw fail(`must be at least ${formatDuration(MIN_MAX_IDLE_MS)}`);
  if (serverMaxIdleMs !== null && parsed.ms > serverMaxIdleMs) {
    throw fail(`must be at most ${formatDuration(serverMaxIdleMs)} (the server's maximum idle time)`);
  }
  if (parsed.ms > maxLifetimeMs) throw fail(`must be at most ${formatDuration(maxLifetimeMs)} (the maximum lifetime)`);
  return parsed.ms;
}

/** The idle limit a stored PAT has under the server's: the shorter of the two, or whichever there is. */
export function cappedIdleMs(own: number | null, serverMaxIdleMs: number | null): number | null {
  return own === null || serverMaxIdleMs === null ? (own ?? serverMaxIdleMs) : Math.min(own, serverMaxIdleMs);
}

/** A requested lifetime in milliseconds, or a Problem naming `duration`. */
export function lifetimeMs(duration: string, maxLifetimeMs: number): number {
  const result = parseLifetime(duration, maxLifetimeMs);
  if (!result.ok) throw problems.invalidField('duration', result.reason);
  return result.ms;
}

/** The scopes if the catalog allows each (a known type, an operation of that type), else a Problem naming every one it does not. */
export function allowedScopes(catalog: Pick<Catalog, 'entity_types'>, scopes: ScopeInput[], field = 'scopes'): ScopeInput[] {
  const details: FieldError[] = [];
  scopes.forEach((scope, index) => {
    const operations = operationsOf(catalog, scope.entity_type);
    if (!operations) {
      details.push({ field: `${field}[${index}].entity_type`, message: `is not a known entity type ("${scope.entity_type}")` });
    } else if (!operations.includes(scope.operation)) {
      details.push({ field: `${field}[${index}].operation`, message: `must be one of ${operations.join(', ')} for ${scope.entity_type}` });
    }
  });
  if (details.length > 0) throw problems.invalid(details);
  return scopes;
}
