/**
 * Named mock scenarios for the demo, Storybook and the element tests. Each seeds a fresh store,
 * deterministically: the same names, descriptions, scopes and ids every time, with times
 * relative to one "now" (passed in, or the clock at seed time).
 */
import type { HttpHandler } from 'msw';
import { DAY_MS as DAY } from '../contract/index.js';
import { createHandlers, type HandlerOptions } from './handlers.js';
import { MockStore, uuidFromBytes, type MockStoreOptions, type SeedEvent, type SeedPat } from './store.js';
import { createUpstreamHandlers, UpstreamStore, type UpstreamOptions } from './upstream.js';

export const SCENARIO_NAMES = ['default', 'empty', 'many', 'error', 'slow', 'idle'] as const;
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
  /** The user agent of its first use from `ip`. */
  userAgent?: string;
  /** Who revoked it, if not its owner. */
  revokedBy?: string;
  scopes?: ScopeSpec[];
  /** About how many checks a day it answered while it was in use (up to its last use); none by default. */
  usePerDay?: number;
  /** Its history besides what its times tell (see SeedPat.history), each `ago` before "now". */
  history?: (Omit<SeedEvent, 'at'> & { ago: number })[];
  /** Its idle limit (`"30d"`); the server's, if it has one, by default. */
  maxIdle?: string;
}

/** Where alice and bob manage their tokens from: the portal in their browser. */
const PORTAL = {
  ip: '198.51.100.20',
  userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7) AppleWebKit/605.1.15 Version/18.2 Safari/605.1.15',
};

/** A scope of an event, from its spec. */
const scope = ([entity_type, operation, entity_id, domain_id]: ScopeSpec) => ({
  entity_type,
  operation,
  entity_id,
  domain_id: domain_id ?? null,
});

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

/**
 * A PAT's checks on each day it was in use, from the day it was made to its last use: about
 * `usePerDay`, fewer at weekends, now and then a few refused; the same for the same PAT.
 */
function dailyUsage(id: string, spec: PatSpec, now: number): SeedPat['usage'] {
  const { createdAt, lastUsedAt } = specTimes(spec, now);
  if (!spec.usePerDay || lastUsedAt === null) return [];
  const noise = seededBytes(`${id}\u0000usage`, 90);
  const usage: NonNullable<SeedPat['usage']> = [];
  for (let daysAgo = 89; daysAgo >= 0; daysAgo--) {
    const at = Math.min(now - daysAgo * DAY, lastUsedAt);
    if (at < createdAt || now - daysAgo * DAY > lastUsedAt + DAY) continue;
    const weekend = [0, 6].includes(new Date(at).getUTCDay());
    const byte = noise[daysAgo]!;
    const allowed = Math.round(spec.usePerDay * (weekend ? 0.35 : 0.7 + byte / 425));
    usage.push({ at, allowed, denied: byte % 13 === 0 ? 1 + (byte % 4) : 0 });
  }
  return usage;
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
      lastUsedUserAgent: spec.userAgent ?? null,
      changedFrom: PORTAL,
      revokedBy: spec.revokedBy,
      maxIdle: spec.maxIdle,
      history: spec.history?.map(({ ago: before, ...event }) => ({ ...event, at: now - before })),
      usage: dailyUsage(id, spec, now),
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
    userAgent: 'GitHub-Actions-Runner/2.321.0',
    scopes: [
      ['channels', 'create', '*'],
      ['channels', 'update', '*'],
      ['clients', 'create', '*'],
      ['clients', 'update', '*'],
    ],
    usePerDay: 140,
    history: [
      { kind: 'renamed', ago: 229 * DAY, details: { from: 'GitHub Actions deploy', to: 'CI deploy' } },
      {
        kind: 'described',
        ago: 229 * DAY - 2 * MINUTE,
        details: { from: '', to: 'GitHub Actions: deploys the edge gateway and rolls out client configs' },
      },
      { kind: 'scopes_added', ago: 120 * DAY, details: { scopes: [scope(['clients', 'update', '*'])] } },
      { kind: 'new_address', ago: 30 * DAY, ip: '10.0.4.18', userAgent: 'GitHub-Actions-Runner/2.321.0' },
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
    userAgent: 'Grafana/11.4.0',
    scopes: [
      ['channels', 'read', '*'],
      ['dashboards', 'list', '*'],
      ['dashboards', 'read', '*'],
    ],
    usePerDay: 1200,
    history: [
      {
        kind: 'described',
        ago: 30 * DAY,
        details: { from: 'Grafana data source', to: 'Data source for the operations dashboards in Grafana' },
      },
    ],
  },
  {
    name: 'Terraform provisioning',
    description: 'Creates domains, groups and channels from infra/terraform',
    issuedAgo: 10 * DAY,
    lifetime: 180 * DAY,
    updatedAgo: 3 * DAY,
    lastUsedAgo: 26 * HOUR,
    ip: '10.0.12.3',
    userAgent: 'Terraform/1.10.3',
    scopes: [
      ['channels', 'create', '*', 'd-prod-eu'],
      ['clients', 'create', '*', 'd-prod-eu'],
      ['domains', 'read', 'd-prod-eu'],
      ['domains', 'update', 'd-prod-eu'],
      ['groups', 'create', '*', 'd-prod-eu'],
    ],
    usePerDay: 25,
    history: [{ kind: 'scopes_added', ago: 3 * DAY, details: { scopes: [scope(['groups', 'create', '*', 'd-prod-eu'])] } }],
  },
  {
    name: 'Mobile app telemetry',
    description: 'Publishes device telemetry from the field-service app',
    issuedAgo: 85 * DAY,
    lifetime: 90 * DAY,
    lastUsedAgo: 12 * MINUTE,
    ip: '203.0.113.42',
    userAgent: 'FieldService/4.2 (Android 14)',
    scopes: [['messages', 'publish', 'ch-telemetry', 'd-prod-eu']],
    usePerDay: 600,
    history: [{ kind: 'new_address', ago: 20 * DAY, ip: '203.0.113.7', userAgent: 'FieldService/4.2 (iOS 18.2)' }],
  },
  {
    name: 'Nightly backup',
    description: 'Cron job on backup-01: exports clients and channels every night',
    createdAgo: 150 * DAY,
    issuedAgo: 29 * DAY + 4 * HOUR,
    lifetime: 30 * DAY,
    lastUsedAgo: 6 * HOUR,
    ip: '10.0.9.8',
    userAgent: 'curl/8.5.0',
    scopes: [
      ['channels', 'list', '*'],
      ['clients', 'list', '*'],
    ],
    usePerDay: 4,
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
    userAgent: 'Jenkins/2.452.3',
    scopes: [
      ['clients', 'create', '*'],
      ['clients', 'update', '*'],
    ],
    usePerDay: 60,
  },
  {
    name: 'Leaked in support ticket',
    description: 'Pasted into a support ticket by mistake; revoked the same day',
    issuedAgo: 60 * DAY,
    lifetime: 90 * DAY,
    revokedAgo: 59 * DAY,
    revokedBy: 'secops',
    lastUsedAgo: 59 * DAY + 3 * HOUR,
    ip: '198.51.100.7',
    userAgent: 'python-requests/2.32.3',
    scopes: [['users', 'read', '*']],
    usePerDay: 3,
    history: [{ kind: 'new_address', ago: 59 * DAY + 4 * HOUR, ip: '192.0.2.77', userAgent: 'curl/8.4.0' }],
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
    updatedAgo: 6 * DAY,
    lastUsedAgo: 3 * MINUTE,
    ip: '34.120.4.2',
    userAgent: 'alert-forwarder/1.8',
    scopes: [
      ['channels', 'read', 'ch-alarms'],
      ['messages', 'subscribe', 'ch-alarms'],
      ['messages', 'subscribe', 'ch-alarms-eu', 'd-prod-eu'],
    ],
    usePerDay: 450,
    history: [{ kind: 'scopes_added', ago: 6 * DAY, details: { scopes: [scope(['messages', 'subscribe', 'ch-alarms-eu', 'd-prod-eu'])] } }],
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
    userAgent: 'HomeAssistant/2025.1.0',
    scopes: [
      ['messages', 'publish', '*'],
      ['messages', 'subscribe', '*'],
    ],
    usePerDay: 900,
  },
  {
    name: 'Grafana dashboards read-only',
    issuedAgo: 20 * DAY,
    lifetime: 90 * DAY,
    lastUsedAgo: 50 * MINUTE,
    ip: '172.18.0.9',
    userAgent: 'Grafana/11.4.0',
    scopes: [['dashboards', 'read', '*']],
    usePerDay: 300,
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
    usePerDay: 20,
  },
  {
    name: 'Prototype',
    description: 'Weekend experiment',
    issuedAgo: 50 * DAY,
    lifetime: 7 * DAY,
  },
];

/** The server's idle limit in the `idle` scenario: a token unused this long expires. */
export const IDLE_SCENARIO_MAX_IDLE = '90d';

/** alice's tokens in the `idle` scenario, where every token expires unused for its idle limit (90 days at most). */
const ALICE_IDLE: PatSpec[] = [
  {
    name: 'Metrics exporter',
    description: 'Pushes the gateway metrics to Prometheus',
    issuedAgo: 40 * DAY,
    lifetime: 365 * DAY,
    maxIdle: '30d',
    lastUsedAgo: 2 * HOUR,
    ip: '10.0.9.14',
    userAgent: 'prometheus-pusher/2.4',
    scopes: [['messages', 'subscribe', '*']],
    usePerDay: 600,
  },
  {
    name: 'Backup agent',
    description: 'Nightly snapshot of the client configs; off since the storage move',
    issuedAgo: 60 * DAY,
    lifetime: 180 * DAY,
    maxIdle: '30d',
    // Its idle limit ends it in 5 days unless it is used before: expiring soon.
    lastUsedAgo: 25 * DAY,
    ip: '10.0.3.8',
    userAgent: 'restic/0.17.3',
    scopes: [['clients', 'read', '*']],
    usePerDay: 4,
  },
  {
    name: 'Legacy importer',
    description: 'Imported the old device registry',
    issuedAgo: 100 * DAY,
    lifetime: 365 * DAY,
    maxIdle: '30d',
    // Unused for 30 days after its last use 40 days ago: expired unused 10 days ago.
    lastUsedAgo: 40 * DAY,
    ip: '10.0.5.30',
    scopes: [
      ['clients', 'create', '*'],
      ['groups', 'create', '*'],
    ],
    usePerDay: 80,
  },
  {
    name: 'Quarterly audit',
    description: 'Read-only access for the external auditors',
    // Never used: the server's 90-day limit ends it 90 days after its issue.
    issuedAgo: 20 * DAY,
    lifetime: 365 * DAY,
    scopes: [
      ['clients', 'read', '*'],
      ['users', 'list', '*'],
    ],
  },
  {
    name: 'Release bot',
    // Its lifetime ends before 60 days without use could: no idle expiry to show.
    issuedAgo: 10 * DAY,
    lifetime: 30 * DAY,
    maxIdle: '60d',
    lastUsedAgo: DAY,
    ip: '10.0.4.40',
    scopes: [['channels', 'update', '*']],
    usePerDay: 12,
  },
  {
    name: 'Staging smoke tests',
    // Expired by its lifetime, not its idle limit.
    issuedAgo: 45 * DAY,
    lifetime: 30 * DAY,
    maxIdle: '30d',
    lastUsedAgo: 16 * DAY,
    ip: '10.2.0.9',
    scopes: [['clients', 'read', '*', 'd-staging']],
  },
  {
    name: 'Old CI token',
    issuedAgo: 50 * DAY,
    lifetime: 90 * DAY,
    maxIdle: '30d',
    revokedAgo: 3 * HOUR,
    lastUsedAgo: 4 * HOUR,
    ip: '10.0.4.17',
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

function seedIdle(options: SeedOptions = {}): MockStore {
  const { store, now } = newStore({ maxIdle: IDLE_SCENARIO_MAX_IDLE, ...options });
  seedAll(store, 'alice', now, ALICE_IDLE);
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
  /**
   * A server whose idle limit is 90 days (`maxIdle`): alice's 7 PATs, 4 active (one expiring
   * within the week, unused; one that lifetime ends before its idle limit could), one expired
   * unused, one expired by its lifetime, one revoked.
   */
  idle: seedIdle,
};

/** How each scenario's handlers behave, beyond its data. */
export const scenarioSettings: Record<ScenarioName, Pick<HandlerOptions, 'latencyMs' | 'failWith500'>> = {
  default: {},
  empty: {},
  many: {},
  error: { failWith500: true },
  slow: { latencyMs: 2000 },
  idle: {},
};

/** A scenario's store and the MSW handlers that serve it. */
export function createScenario(name: ScenarioName, options: ScenarioOptions = {}): { store: MockStore; handlers: HttpHandler[] } {
  const seed = scenarios[name];
  if (!seed) throw new Error(`unknown mock scenario "${name}"; use one of ${SCENARIO_NAMES.join(', ')}`);
  const { store: given, baseUrl, latencyMs, failWith500, clientIp, expiryScan, ...seedOptions } = options;
  const store = given ?? seed(seedOptions);
  const settings = scenarioSettings[name];
  const handlers = createHandlers({
    store,
    baseUrl,
    clientIp,
    expiryScan,
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
