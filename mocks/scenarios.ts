/**
 * Named mock scenarios for the demo, Storybook and the element tests. Each seeds a fresh store,
 * deterministically: the same names, descriptions, scopes and ids every time, with times
 * relative to one "now" (passed in, or the clock at seed time).
 */
import type { HttpHandler } from 'msw';
import { DAY_MS as DAY } from '../contract/index.js';
import { createHandlers, type HandlerOptions } from './handlers.js';
import { MockStore, uuidFromBytes, type MockStoreOptions, type SeedPat } from './store.js';
import { createUpstreamHandlers, UpstreamStore, type UpstreamOptions } from './upstream.js';

export const SCENARIO_NAMES = ['default', 'empty', 'many', 'error', 'slow'] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export interface SeedOptions extends Omit<MockStoreOptions, 'now'> {
  /** The moment the seeded times are relative to (epoch ms); the clock's time by default. */
  now?: number;
  /** The store's clock afterwards; `Date.now` by default. Pass `() => now` to freeze time. */
  clock?: () => number;
}

export interface ScenarioOptions extends SeedOptions, Partial<Omit<HandlerOptions, 'store'>> {
  /** Serve this store instead of seeding a new one. */
  store?: MockStore;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A string hash (cyrb53-style) feeding a small PRNG (mulberry32): stable bytes for a seed. */
function seededBytes(seed: string, size: number): Uint8Array {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < seed.length; i++) {
    const c = seed.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  let state = (h1 ^ Math.imul(h2, 0x9e3779b1)) >>> 0;
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    bytes[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return bytes;
}

/** The id a scenario gives a PAT or scope: the same on every run. */
export function seededId(...parts: string[]): string {
  return uuidFromBytes(seededBytes(parts.join('\u0000'), 16));
}

type ScopeSpec = [entityType: string, operation: string, entityId: string, domainId?: string];

interface PatSpec {
  name: string;
  description?: string;
  /** How long before "now" it was made, if longer than `issuedAgo` (it was regenerated since). */
  createdAgo?: number;
  /** How long before "now" it was issued (or last regenerated). */
  issuedAgo: number;
  lifetime: number;
  revokedAgo?: number;
  /** When it was last renamed or described, if ever. */
  updatedAgo?: number;
  lastUsedAgo?: number;
  ip?: string;
  scopes?: ScopeSpec[];
}

/** A regenerate is a change: the last one, unless the PAT was revoked since (store.seed stamps that). */
function lastChangeAgo(spec: PatSpec): number | undefined {
  return spec.createdAgo !== undefined && spec.revokedAgo === undefined ? spec.issuedAgo : undefined;
}

function ago(now: number, duration: number | undefined): number | undefined {
  return duration === undefined ? undefined : now - duration;
}

/** A spec's moments (epoch ms) against `now`: made, issued, expiring, revoked and last used (null for never). */
function specTimes(spec: PatSpec, now: number) {
  return {
    createdAt: now - (spec.createdAgo ?? spec.issuedAgo),
    issuedAt: now - spec.issuedAgo,
    expiresAt: now - spec.issuedAgo + spec.lifetime,
    revokedAt: ago(now, spec.revokedAgo) ?? null,
    lastUsedAt: ago(now, spec.lastUsedAgo) ?? null,
  };
}

function seedAll(store: MockStore, userId: string, now: number, specs: PatSpec[]): void {
  for (const spec of specs) {
    const id = seededId(userId, spec.name);
    const seed: SeedPat = {
      id,
      name: spec.name,
      description: spec.description ?? '',
      ...specTimes(spec, now),
      updatedAt: ago(now, spec.updatedAgo ?? lastChangeAgo(spec)),
      lastUsedIp: spec.ip ?? null,
      scopes: (spec.scopes ?? []).map(([entity_type, operation, entity_id, domain_id]) => ({
        id: seededId(id, entity_type, operation, entity_id, domain_id ?? ''),
        entity_type,
        operation,
        entity_id,
        domain_id: domain_id ?? null,
      })),
    };
    store.seed(userId, seed);
  }
}

const ALICE: PatSpec[] = [
  {
    name: 'CI deploy',
    description: 'GitHub Actions: deploys the edge gateway and rolls out client configs',
    // Regenerated when "Old Jenkins pipeline" was retired; its last use is of the new secret.
    createdAgo: 230 * DAY,
    issuedAgo: 45 * DAY,
    lifetime: 90 * DAY,
    lastUsedAgo: 2 * HOUR,
    ip: '10.0.4.17',
    scopes: [
      ['channels', 'create', '*'],
      ['channels', 'update', '*'],
      ['clients', 'create', '*'],
      ['clients', 'update', '*'],
    ],
  },
  {
    name: 'Grafana dashboards read-only',
    description: 'Data source for the operations dashboards in Grafana',
    issuedAgo: 120 * DAY,
    lifetime: 365 * DAY,
    updatedAgo: 30 * DAY,
    lastUsedAgo: 5 * MINUTE,
    ip: '172.18.0.5',
    scopes: [
      ['channels', 'read', '*'],
      ['dashboards', 'list', '*'],
      ['dashboards', 'read', '*'],
    ],
  },
  {
    name: 'Terraform provisioning',
    description: 'Creates domains, groups and channels from infra/terraform',
    issuedAgo: 10 * DAY,
    lifetime: 180 * DAY,
    lastUsedAgo: 26 * HOUR,
    ip: '10.0.12.3',
    scopes: [
      ['channels', 'create', '*', 'd-prod-eu'],
      ['clients', 'create', '*', 'd-prod-eu'],
      ['domains', 'read', 'd-prod-eu'],
      ['domains', 'update', 'd-prod-eu'],
      ['groups', 'create', '*', 'd-prod-eu'],
    ],
  },
  {
    name: 'Mobile app telemetry',
    description: 'Publishes device telemetry from the field-service app',
    issuedAgo: 85 * DAY,
    lifetime: 90 * DAY,
    lastUsedAgo: 12 * MINUTE,
    ip: '203.0.113.42',
    scopes: [['messages', 'publish', 'ch-telemetry', 'd-prod-eu']],
  },
  {
    name: 'Nightly backup',
    description: 'Cron job on backup-01: exports clients and channels every night',
    createdAgo: 150 * DAY,
    issuedAgo: 29 * DAY + 4 * HOUR,
    lifetime: 30 * DAY,
    lastUsedAgo: 6 * HOUR,
    ip: '10.0.9.8',
    scopes: [
      ['channels', 'list', '*'],
      ['clients', 'list', '*'],
    ],
  },
  {
    name: 'Local development',
    issuedAgo: 2 * DAY,
    lifetime: 30 * DAY,
  },
  {
    name: 'Old Jenkins pipeline',
    description: 'Replaced by "CI deploy"',
    issuedAgo: 200 * DAY,
    lifetime: 365 * DAY,
    revokedAgo: 44 * DAY,
    lastUsedAgo: 46 * DAY,
    ip: '10.0.4.9',
    scopes: [
      ['clients', 'create', '*'],
      ['clients', 'update', '*'],
    ],
  },
  {
    name: 'Leaked in support ticket',
    description: 'Pasted into a support ticket by mistake; revoked the same day',
    issuedAgo: 60 * DAY,
    lifetime: 90 * DAY,
    revokedAgo: 59 * DAY,
    lastUsedAgo: 59 * DAY + 3 * HOUR,
    ip: '198.51.100.7',
    scopes: [['users', 'read', '*']],
  },
  {
    name: 'Q3 data export',
    description: 'One-off export for the quarterly report',
    issuedAgo: 100 * DAY,
    lifetime: 7 * DAY,
    lastUsedAgo: 96 * DAY,
    ip: '10.0.7.21',
    scopes: [
      ['channels', 'read', '*'],
      ['messages', 'subscribe', '*'],
    ],
  },
  {
    name: 'Hackathon demo',
    issuedAgo: 32 * DAY,
    lifetime: 30 * DAY,
    scopes: [['dashboards', 'read', '*']],
  },
  {
    name: 'Alerting webhook',
    description: 'Subscribes to the alarm channels and forwards to PagerDuty',
    issuedAgo: 15 * DAY,
    lifetime: 365 * DAY,
    lastUsedAgo: 3 * MINUTE,
    ip: '34.120.4.2',
    scopes: [
      ['channels', 'read', 'ch-alarms'],
      ['messages', 'subscribe', 'ch-alarms'],
      ['messages', 'subscribe', 'ch-alarms-eu', 'd-prod-eu'],
    ],
  },
  {
    name: 'Support team access',
    description: 'Read-only access for the support rota',
    issuedAgo: 7 * DAY,
    lifetime: 90 * DAY,
    scopes: [
      ['clients', 'read', '*'],
      ['domains', 'read', '*'],
      ['groups', 'list', '*'],
      ['users', 'list', '*'],
      ['users', 'read', '*'],
    ],
  },
];

const BOB: PatSpec[] = [
  {
    name: 'Home Assistant bridge',
    description: 'Forwards sensor readings from the home lab',
    createdAgo: 400 * DAY,
    issuedAgo: 40 * DAY,
    lifetime: 365 * DAY,
    lastUsedAgo: MINUTE,
    ip: '192.168.1.50',
    scopes: [
      ['messages', 'publish', '*'],
      ['messages', 'subscribe', '*'],
    ],
  },
  {
    name: 'Grafana dashboards read-only',
    issuedAgo: 20 * DAY,
    lifetime: 90 * DAY,
    lastUsedAgo: 50 * MINUTE,
    ip: '172.18.0.9',
    scopes: [['dashboards', 'read', '*']],
  },
  {
    name: 'Nightly reports',
    description: 'Builds the morning usage report',
    issuedAgo: 27 * DAY,
    lifetime: 30 * DAY,
    lastUsedAgo: 9 * HOUR,
    ip: '10.1.0.14',
    scopes: [['channels', 'list', '*']],
  },
  {
    name: 'Staging deploy',
    issuedAgo: 75 * DAY,
    lifetime: 90 * DAY,
    revokedAgo: 5 * DAY,
    lastUsedAgo: 6 * DAY,
    ip: '10.2.0.3',
    scopes: [['clients', 'update', '*', 'd-staging']],
  },
  {
    name: 'Prototype',
    description: 'Weekend experiment',
    issuedAgo: 50 * DAY,
    lifetime: 7 * DAY,
  },
];

const SERVICES = [
  'Billing sync',
  'Ingest worker',
  'Reporting',
  'Edge gateway',
  'Scheduler',
  'Search indexer',
  'Webhooks',
  'Metrics',
  'Notifications',
  'Audit export',
];
const ENVIRONMENTS = ['prod', 'staging', 'dev', 'qa', 'eu-west'];
const MANY_SCOPES: ScopeSpec[] = [
  ['clients', 'read', '*'],
  ['channels', 'list', '*'],
  ['messages', 'publish', 'ch-ingest'],
];

/** 250 PATs with every status, one a few hours apart, 0–3 scopes each. */
function manySpecs(): PatSpec[] {
  return Array.from({ length: 250 }, (_, i) => {
    const n = i + 1;
    const spec: PatSpec = {
      name: `${SERVICES[i % SERVICES.length]} (${ENVIRONMENTS[i % ENVIRONMENTS.length]}) ${String(n).padStart(3, '0')}`,
      description: n % 3 === 0 ? '' : `Service token ${n} for the ${ENVIRONMENTS[i % ENVIRONMENTS.length]} environment`,
      issuedAgo: n * 5 * HOUR,
      lifetime: 90 * DAY,
      scopes: MANY_SCOPES.slice(0, n % 4),
    };
    if (n % 5 === 0) spec.createdAgo = spec.issuedAgo + (n % 3) * 30 * DAY + DAY; // regenerated since
    if (n % 11 === 0) spec.lifetime = n * 5 * HOUR + 3 * DAY; // ends within the week: expiring soon if it lived longer
    if (n % 7 === 0) spec.lifetime = n * 5 * HOUR - HOUR; // expired an hour ago… or more
    if (n % 9 === 0) spec.revokedAgo = Math.floor((n * 5 * HOUR) / 2);
    if (n % 2 === 0) {
      // Used before it stopped working, if it did.
      const endedAgo = Math.max(spec.revokedAgo ?? 0, spec.issuedAgo - spec.lifetime, 0);
      spec.lastUsedAgo = endedAgo + (n % 13) * HOUR + 10 * MINUTE;
      spec.ip = `10.0.${n % 256}.${(n * 7) % 250}`;
    }
    return spec;
  });
}

function newStore(options: SeedOptions): { store: MockStore; now: number } {
  const { now, clock, ...rest } = options;
  const store = new MockStore({ ...rest, now: clock });
  return { store, now: now ?? store.now() };
}

function seedDefault(options: SeedOptions = {}): MockStore {
  const { store, now } = newStore(options);
  seedAll(store, 'alice', now, ALICE);
  seedAll(store, 'bob', now, BOB);
  return store;
}

function seedEmpty(options: SeedOptions = {}): MockStore {
  return newStore(options).store;
}

function seedMany(options: SeedOptions = {}): MockStore {
  const { store, now } = newStore(options);
  seedAll(store, 'alice', now, manySpecs());
  return store;
}

/** Each scenario's data: a fresh, seeded store per call. */
export const scenarios: Record<ScenarioName, (options?: SeedOptions) => MockStore> = {
  /** alice: 12 PATs (8 active of which 2 expire within a week, 2 revoked, 2 expired); bob: 5. */
  default: seedDefault,
  /** Nobody has a PAT yet. */
  empty: seedEmpty,
  /** alice has 250 PATs of every status (pagination, sorting, search). */
  many: seedMany,
  /** The default data, but every request answers the server's generic 500. */
  error: seedDefault,
  /** The default data, answered after 2 s (loading states). */
  slow: seedDefault,
};

/** How each scenario's handlers behave, beyond its data. */
export const scenarioSettings: Record<ScenarioName, Pick<HandlerOptions, 'latencyMs' | 'failWith500'>> = {
  default: {},
  empty: {},
  many: {},
  error: { failWith500: true },
  slow: { latencyMs: 2000 },
};

/** A scenario's store and the MSW handlers that serve it. */
export function createScenario(name: ScenarioName, options: ScenarioOptions = {}): { store: MockStore; handlers: HttpHandler[] } {
  const seed = scenarios[name];
  if (!seed) throw new Error(`unknown mock scenario "${name}"; use one of ${SCENARIO_NAMES.join(', ')}`);
  const { store: given, baseUrl, latencyMs, failWith500, clientIp, ...seedOptions } = options;
  const store = given ?? seed(seedOptions);
  const settings = scenarioSettings[name];
  const handlers = createHandlers({
    store,
    baseUrl,
    clientIp,
    latencyMs: latencyMs ?? settings.latencyMs,
    failWith500: failWith500 ?? settings.failWith500,
  });
  return { store, handlers };
}

/** The MSW handlers of a scenario (over a freshly seeded store unless `options.store` is given). */
export function scenarioHandlers(name: ScenarioName, options?: ScenarioOptions): HttpHandler[] {
  return createScenario(name, options).handlers;
}

/** The scopes an unmodified upstream holds: a domain on each; no `users`; dashboards only shared. */
function upstreamScopes(patId: string, specs: ScopeSpec[] = []) {
  return specs
    .filter(([type, operation]) => type !== 'users' && (type !== 'dashboards' || operation === 'share' || operation === 'unshare'))
    .map(([entity_type, operation, entity_id, domain_id = UPSTREAM_DOMAIN]) => ({
      id: seededId(patId, entity_type, operation, entity_id, domain_id),
      entity_type,
      operation,
      entity_id,
      domain_id,
    }));
}

/** The domain of the upstream scenario's scopes that have none in the default scenario. */
export const UPSTREAM_DOMAIN = 'd-main';

export interface UpstreamScenarioOptions extends Omit<UpstreamOptions, 'now'> {
  /** The moment the seeded times are relative to (epoch ms); the clock's time by default. */
  now?: number;
  /** The store's clock afterwards; `Date.now` by default. */
  clock?: () => number;
}

/**
 * The `upstream` scenario: alice's and bob's PATs of the default scenario (the same ids) on a mock
 * of an unmodified Magistrala/SuperMQ backend at `/api`, as `backend="supermq"` talks to it. It
 * keeps what that backend keeps: no last use, scopes only of the kinds it takes.
 */
export function createUpstreamScenario(options: UpstreamScenarioOptions = {}): { store: UpstreamStore; handlers: HttpHandler[] } {
  const { now: at, clock = Date.now, baseUrl = '/api', latencyMs } = options;
  const store = new UpstreamStore(clock);
  const now = at ?? clock();
  for (const [userId, specs] of [
    ['alice', ALICE],
    ['bob', BOB],
  ] as const) {
    for (const spec of specs) {
      const id = seededId(userId, spec.name);
      const { issuedAt, expiresAt, revokedAt } = specTimes(spec, now);
      store.seed(userId, {
        id,
        name: spec.name,
        description: spec.description ?? '',
        issued_at: issuedAt,
        expires_at: expiresAt,
        updated_at: ago(now, spec.updatedAgo) ?? null,
        revoked_at: revokedAt,
        scopes: upstreamScopes(id, spec.scopes),
      });
    }
  }
  return { store, handlers: createUpstreamHandlers(store, { baseUrl, latencyMs }) };
}
