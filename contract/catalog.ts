import type { Catalog, EntityTypeInfo } from './types.js';

const MANAGED = ['create', 'read', 'list', 'update', 'delete', 'share', 'unshare'];

/** The default scope catalog (the upstream's entity types); a host replaces it with its own. */
export const DEFAULT_ENTITY_TYPES: EntityTypeInfo[] = [
  { type: 'clients', label: 'Clients', operations: [...MANAGED] },
  { type: 'channels', label: 'Channels', operations: [...MANAGED] },
  { type: 'groups', label: 'Groups', operations: [...MANAGED] },
  { type: 'dashboards', label: 'Dashboards', operations: [...MANAGED] },
  { type: 'domains', label: 'Domains', operations: MANAGED.filter((op) => op !== 'create') },
  { type: 'users', label: 'Users', operations: ['read', 'list', 'update', 'delete'] },
  { type: 'messages', label: 'Messages', operations: ['publish', 'subscribe'] },
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
