import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { DEFAULT_MAX_LIFETIME, MIN_MAX_IDLE_MS, parseDuration, type Catalog } from '../contract/index.js';
import { isPostgresUrl } from './db/database.js';
import { isWebhookUrl, webhookKey } from './events/webhook-signature.js';
import { DEFAULT_RATE_LIMIT, type RateLimit } from './http/rate-limit.js';
import { LEAK_KEY_MIN } from './leaks/leak.service.js';

/** The standalone server's settings, read from the environment (README: Configuration). */
export interface ServerConfig {
  port: number;
  host: string;
  dbPath: string;
  /** PostgreSQL instead of SQLite: `postgres://user:password@host:port/database`. */
  databaseUrl?: string;
  /** The most PostgreSQL connections in the pool. */
  databasePool: number;
  /** A built page to serve at `/`: the demo by default. */
  staticDir: string;
  jwtSecret?: string;
  jwksUrl?: string;
  userClaim?: string;
  jwtIssuer?: string;
  jwtAudience?: string;
  pepper?: string;
  maxLifetime: string;
  /** The server's idle limit (`PAT_MAX_IDLE`): a PAT unused this long expires; unset for none. */
  maxIdle?: string;
  demo: boolean;
  /** Failed PAT checks and demo sign-ins per client address and minute; false: no limit. */
  rateLimit: RateLimit | false;
  /** Express's `trust proxy`: hops (a number), or addresses and subnets; unset trusts none. */
  trustProxy?: number | string;
  /** Whether `POST /authorize` takes the client's address from the body's `client_ip` (see PatKitOptions.trustClientIp). */
  trustClientIp: boolean;
  /** The key that signs leak reports (`POST /pats/leaked`); no route without it. */
  leakReportKey?: string;
  catalog?: Pick<Catalog, 'entity_types'> & Partial<Pick<Catalog, 'durations'>>;
  /** Webhook endpoints for notifications, and the secret that signs them (`whsec_…`). */
  webhookUrls: string[];
  webhookSecret?: string;
  /** How long a deleted PAT's events are kept. */
  eventRetention?: string;
  logLevel: string;
  production: boolean;
}

export class ConfigError extends Error {}

const MIN_SECRET_CHARS = 32;

function flag(name: string, value: string | undefined): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw new ConfigError(`${name} must be true or false, not "${value}"`);
}

function readCatalog(path: string): ServerConfig['catalog'] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`PAT_CATALOG: cannot read ${path} as JSON (${(error as Error).message})`);
  }
  const { entity_types: types, durations } = (parsed ?? {}) as { entity_types?: unknown; durations?: unknown };
  const validTypes =
    Array.isArray(types) &&
    types.length > 0 &&
    types.every(
      (entry) =>
        typeof entry?.type === 'string' &&
        typeof entry?.label === 'string' &&
        Array.isArray(entry?.operations) &&
        entry.operations.length > 0 &&
        entry.operations.every((op: unknown) => typeof op === 'string'),
    );
  if (!validTypes) throw new ConfigError(`PAT_CATALOG: ${path} needs "entity_types": [{type, label, operations: [...]}, …]`);
  const validDurations =
    durations === undefined ||
    (Array.isArray(durations) &&
      durations.every(
        (preset) => typeof preset?.label === 'string' && typeof preset?.value === 'string' && parseDuration(preset.value).ok,
      ));
  if (!validDurations) throw new ConfigError(`PAT_CATALOG: ${path} "durations" must be [{value: "30d", label: "30 days"}, …]`);
  return parsed as ServerConfig['catalog'];
}

export function loadConfig(env: NodeJS.ProcessEnv): ServerConfig {
  const production = env.NODE_ENV === 'production';
  const port = Number(env.PORT || 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a port number, not "${env.PORT}"`);
  const maxLifetime = env.PAT_MAX_LIFETIME || DEFAULT_MAX_LIFETIME;
  const parsedMax = parseDuration(maxLifetime);
  if (!parsedMax.ok || parsedMax.ms <= 0)
    throw new ConfigError(`PAT_MAX_LIFETIME must be a positive duration like "365d", not "${maxLifetime}"`);
  const maxIdle = env.PAT_MAX_IDLE || undefined;
  if (maxIdle !== undefined) {
    const idle = parseDuration(maxIdle);
    if (!idle.ok || idle.ms < MIN_MAX_IDLE_MS)
      throw new ConfigError(`PAT_MAX_IDLE must be a duration of a day or more like "90d", not "${maxIdle}"`);
  }

  const jwtSecret = env.PAT_JWT_SECRET || undefined;
  const jwksUrl = env.PAT_JWKS_URL || undefined;
  if (jwtSecret && jwtSecret.length < MIN_SECRET_CHARS) {
    throw new ConfigError(`PAT_JWT_SECRET must be at least ${MIN_SECRET_CHARS} characters`);
  }
  if (jwksUrl && !URL.canParse(jwksUrl)) throw new ConfigError(`PAT_JWKS_URL is not a URL: "${jwksUrl}"`);
  const hostSignIn = jwtSecret !== undefined || jwksUrl !== undefined;
  if (production && !hostSignIn) {
    throw new ConfigError('NODE_ENV=production needs PAT_JWT_SECRET or PAT_JWKS_URL to check user tokens');
  }
  // Demo sign-ins only where nobody can sign in otherwise, or where someone asked for them.
  const demo = flag('PAT_DEMO', env.PAT_DEMO) ?? !hostSignIn;
  if (demo && production) throw new ConfigError('PAT_DEMO cannot be on with NODE_ENV=production: anyone could sign in as a demo user');
  if (!demo && !hostSignIn) {
    throw new ConfigError('PAT_DEMO=false needs PAT_JWT_SECRET or PAT_JWKS_URL: without them nobody can sign in');
  }

  const databaseUrl = env.PAT_DATABASE_URL || undefined;
  if (databaseUrl && !isPostgresUrl(databaseUrl)) throw new ConfigError('PAT_DATABASE_URL must be a postgres:// or postgresql:// URL');
  const databasePool = Number(env.PAT_DATABASE_POOL || 10);
  if (!Number.isInteger(databasePool) || databasePool < 1 || databasePool > 1000) {
    throw new ConfigError(`PAT_DATABASE_POOL must be a whole number of connections from 1 to 1000, not "${env.PAT_DATABASE_POOL}"`);
  }

  const perMinute = env.PAT_RATE_LIMIT || String(DEFAULT_RATE_LIMIT.max);
  if (!/^[0-9]{1,9}$/.test(perMinute))
    throw new ConfigError(`PAT_RATE_LIMIT must be a whole number of requests a minute (0 for no limit), not "${perMinute}"`);
  const rateLimit = Number(perMinute) === 0 ? false : { max: Number(perMinute), windowMs: 60_000 };

  const webhookUrls = (env.PAT_WEBHOOK_URLS || '')
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean);
  const badUrl = webhookUrls.find((url) => !isWebhookUrl(url));
  if (badUrl !== undefined) throw new ConfigError(`PAT_WEBHOOK_URLS must be http(s) URLs separated by commas; "${badUrl}" is not one`);
  const webhookSecret = env.PAT_WEBHOOK_SECRET || undefined;
  if (webhookSecret !== undefined && !webhookKey(webhookSecret)) {
    throw new ConfigError('PAT_WEBHOOK_SECRET must be whsec_ followed by the base64 of 24 or more random bytes');
  }
  if (webhookUrls.length > 0 && !webhookSecret) throw new ConfigError('PAT_WEBHOOK_URLS needs PAT_WEBHOOK_SECRET to sign the deliveries');
  const eventRetention = env.PAT_EVENT_RETENTION || undefined;
  if (eventRetention !== undefined) {
    const parsed = parseDuration(eventRetention);
    if (!parsed.ok || parsed.ms <= 0)
      throw new ConfigError(`PAT_EVENT_RETENTION must be a positive duration like "90d", not "${eventRetention}"`);
  }

  return {
    port,
    host: env.HOST || '127.0.0.1',
    dbPath: env.PAT_DB || './data/pat-kit.db',
    databaseUrl,
    databasePool,
    staticDir: env.PAT_STATIC_DIR || './dist/demo',
    jwtSecret,
    jwksUrl,
    userClaim: env.PAT_JWT_USER_CLAIM || undefined,
    jwtIssuer: env.PAT_JWT_ISSUER || undefined,
    jwtAudience: env.PAT_JWT_AUDIENCE || undefined,
    pepper: env.PAT_PEPPER || undefined,
    maxLifetime,
    maxIdle,
    demo,
    rateLimit,
    trustProxy: env.PAT_TRUST_PROXY ? readTrustProxy(env.PAT_TRUST_PROXY) : undefined,
    trustClientIp: flag('PAT_TRUST_CLIENT_IP', env.PAT_TRUST_CLIENT_IP) ?? false,
    leakReportKey: readLeakReportKey(env.PAT_LEAK_REPORT_KEY),
    catalog: env.PAT_CATALOG ? readCatalog(env.PAT_CATALOG) : undefined,
    webhookUrls,
    webhookSecret,
    eventRetention,
    logLevel: env.LOG_LEVEL || 'info',
    production,
  };
}

function readLeakReportKey(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (value.length < LEAK_KEY_MIN)
    throw new ConfigError(`PAT_LEAK_REPORT_KEY must be ${LEAK_KEY_MIN} characters or more (e.g. openssl rand -base64 32)`);
  return value;
}

/** The names Express knows for address ranges (see its `trust proxy` setting). */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** A number of hops, or addresses, CIDR ranges and range names separated by commas, as Express takes them. */
function readTrustProxy(value: string): number | string {
  if (/^[0-9]{1,3}$/.test(value)) return Number(value);
  const wrong = value
    .split(',')
    .map((item) => item.trim())
    .find((item) => !NAMED_RANGES.has(item) && !isAddressOrRange(item));
  if (wrong !== undefined) {
    throw new ConfigError(
      `PAT_TRUST_PROXY must be a number of proxies or a comma-separated list of addresses, CIDR ranges, loopback, linklocal or uniquelocal; "${wrong}" is none of them`,
    );
  }
  return value;
}

function isAddressOrRange(item: string): boolean {
  const [address = '', prefix, ...more] = item.split('/');
  const version = isIP(address);
  if (version === 0 || more.length > 0) return false;
  if (prefix === undefined) return true;
  return /^[0-9]{1,3}$/.test(prefix) ? Number(prefix) <= (version === 4 ? 32 : 128) : version === 4 && isIP(prefix) === 4;
}
