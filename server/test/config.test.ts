import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import { parseDuration } from '../../contract/index.js';
import { ConfigError, loadConfig } from '../config.js';
import { JWT_SECRET, freePort, makeCaller, signUserToken, startServer, type TestServer } from './harness.js';

/** Configuration, the standalone entry, and how user tokens are checked. */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const GOOD_SECRET = 'a-production-secret-of-at-least-32-characters';

let tmp: string;
before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'pat-kit-config-'));
});
after(() => {
  rmSync(tmp, { recursive: true, force: true });
});

function configError(env: NodeJS.ProcessEnv, message: RegExp): void {
  assert.throws(
    () => loadConfig(env),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
      assert.match(error.message, message);
      return true;
    },
  );
}

function writeJson(name: string, value: unknown): string {
  const path = join(tmp, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
}

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({});
    assert.equal(config.port, 8080);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.dbPath, './data/pat-kit.db');
    assert.equal(config.staticDir, './dist/demo');
    assert.equal(config.maxLifetime, '365d');
    assert.equal(config.demo, true, 'with no way to sign users in, the demo signs them in');
    assert.equal(config.production, false);
    assert.equal(config.logLevel, 'info');
    assert.equal(config.jwtSecret, undefined, 'demo tokens never use a key of the host');
    assert.equal(config.jwksUrl, undefined);
    assert.equal(config.userClaim, undefined);
    assert.equal(config.jwtIssuer, undefined);
    assert.equal(config.jwtAudience, undefined);
    assert.equal(config.pepper, undefined);
    assert.equal(config.catalog, undefined);
    assert.deepEqual(config.rateLimit, { max: 30, windowMs: 60_000 });
    assert.deepEqual(config.webhookUrls, []);
    assert.equal(config.webhookSecret, undefined);
    assert.equal(config.eventRetention, undefined, "createPatKit's 90 days");
  });

  it('reads PAT_WEBHOOK_URLS (commas), PAT_WEBHOOK_SECRET and PAT_EVENT_RETENTION, and refuses what would not work', () => {
    const secret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
    const config = loadConfig({
      PAT_WEBHOOK_URLS: 'https://hooks.example.com/pat, http://10.0.0.5:9000/in',
      PAT_WEBHOOK_SECRET: secret,
      PAT_EVENT_RETENTION: '30d',
    });
    assert.deepEqual(config.webhookUrls, ['https://hooks.example.com/pat', 'http://10.0.0.5:9000/in']);
    assert.equal(config.webhookSecret, secret);
    assert.equal(config.eventRetention, '30d');
    configError({ PAT_WEBHOOK_URLS: 'https://hooks.example.com/pat' }, /PAT_WEBHOOK_URLS needs PAT_WEBHOOK_SECRET/);
    configError({ PAT_WEBHOOK_URLS: 'ftp://example.com', PAT_WEBHOOK_SECRET: secret }, /PAT_WEBHOOK_URLS.*"ftp:\/\/example.com"/);
    configError({ PAT_WEBHOOK_SECRET: 'hunter2' }, /PAT_WEBHOOK_SECRET must be whsec_/);
    configError({ PAT_EVENT_RETENTION: 'forever' }, /PAT_EVENT_RETENTION/);
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '9090',
      HOST: '0.0.0.0',
      PAT_DB: '/var/lib/pat/pats.db',
      PAT_STATIC_DIR: '/srv/portal',
      PAT_JWT_SECRET: GOOD_SECRET,
      PAT_JWT_USER_CLAIM: 'uid',
      PAT_JWT_ISSUER: 'https://login.example.com',
      PAT_JWT_AUDIENCE: 'portal',
      PAT_RATE_LIMIT: '5',
      PAT_PEPPER: 'pepper',
      PAT_MAX_LIFETIME: '90d',
      PAT_MAX_IDLE: '30d',
      PAT_DEMO: 'false',
      LOG_LEVEL: 'warn',
    });
    assert.equal(config.port, 9090);
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.dbPath, '/var/lib/pat/pats.db');
    assert.equal(config.staticDir, '/srv/portal');
    assert.equal(config.jwtSecret, GOOD_SECRET);
    assert.equal(config.userClaim, 'uid');
    assert.equal(config.jwtIssuer, 'https://login.example.com');
    assert.equal(config.jwtAudience, 'portal');
    assert.deepEqual(config.rateLimit, { max: 5, windowMs: 60_000 });
    assert.equal(config.pepper, 'pepper');
    assert.equal(config.maxLifetime, '90d');
    assert.equal(config.maxIdle, '30d');
    assert.equal(config.demo, false);
    assert.equal(config.logLevel, 'warn');
  });

  it('production without a JWT secret or JWKS URL refuses to start, with a clear message', () => {
    configError({ NODE_ENV: 'production' }, /PAT_JWT_SECRET/);
    configError({ NODE_ENV: 'production' }, /PAT_JWKS_URL/);
    configError({ NODE_ENV: 'production', PAT_DEMO: 'true' }, /PAT_JWT_SECRET/);
    configError({ NODE_ENV: 'production', PAT_JWT_SECRET: '' }, /PAT_JWT_SECRET/);
  });

  it('production with a secret or a JWKS URL starts without demo mode, and refuses PAT_DEMO=true', () => {
    const withSecret = loadConfig({ NODE_ENV: 'production', PAT_JWT_SECRET: GOOD_SECRET });
    assert.equal(withSecret.production, true);
    assert.equal(withSecret.demo, false);
    assert.equal(withSecret.jwtSecret, GOOD_SECRET);
    const withJwks = loadConfig({ NODE_ENV: 'production', PAT_JWKS_URL: 'https://login.example.com/.well-known/jwks.json' });
    assert.equal(withJwks.demo, false);
    assert.equal(withJwks.jwksUrl, 'https://login.example.com/.well-known/jwks.json');
    configError({ NODE_ENV: 'production', PAT_JWT_SECRET: GOOD_SECRET, PAT_DEMO: 'true' }, /PAT_DEMO.*production/);
    configError({ NODE_ENV: 'production', PAT_JWKS_URL: 'https://login.example.com/.well-known/jwks.json', PAT_DEMO: '1' }, /PAT_DEMO/);
  });

  it('demo mode: on without a key of the host, off with one whatever NODE_ENV says, on with one only when PAT_DEMO asks', () => {
    for (const NODE_ENV of [undefined, '', 'development', 'test', 'staging']) {
      assert.equal(loadConfig({ NODE_ENV }).demo, true, `no key, NODE_ENV=${NODE_ENV}`);
      assert.equal(
        loadConfig({ NODE_ENV, PAT_JWT_SECRET: GOOD_SECRET }).demo,
        false,
        `a shared key and NODE_ENV=${NODE_ENV}: no back door`,
      );
      assert.equal(loadConfig({ NODE_ENV, PAT_JWKS_URL: 'https://login.example.com/jwks' }).demo, false);
      assert.equal(loadConfig({ NODE_ENV, PAT_JWT_SECRET: GOOD_SECRET, PAT_DEMO: '1' }).demo, true, 'asked for explicitly');
    }
    configError({ PAT_DEMO: 'false' }, /PAT_DEMO=false needs PAT_JWT_SECRET or PAT_JWKS_URL/);
  });

  it('reads PAT_RATE_LIMIT as failures a minute, 0 for none, and refuses anything else', () => {
    assert.deepEqual(loadConfig({ PAT_RATE_LIMIT: '100' }).rateLimit, { max: 100, windowMs: 60_000 });
    assert.equal(loadConfig({ PAT_RATE_LIMIT: '0' }).rateLimit, false);
    for (const value of ['-1', '1.5', 'off', '1e3', ' 5']) configError({ PAT_RATE_LIMIT: value }, /PAT_RATE_LIMIT/);
  });

  it('reads PAT_TRUST_PROXY as hops or as addresses and ranges, and refuses anything else with a ConfigError', () => {
    assert.equal(loadConfig({ PAT_TRUST_PROXY: '2' }).trustProxy, 2);
    for (const value of ['loopback', '10.0.0.1', '10.0.0.0/8, fc00::/7', 'loopback,uniquelocal', '192.168.0.0/255.255.0.0', '::1/128']) {
      assert.equal(loadConfig({ PAT_TRUST_PROXY: value }).trustProxy, value);
    }
    for (const value of ['bogus', '10.0.0.1/33', '::1/129', 'loopback,', '10.0.0/8', '1.2.3.4/8/8', 'true'])
      configError({ PAT_TRUST_PROXY: value }, /PAT_TRUST_PROXY/);
  });

  it('reads PAT_TRUST_CLIENT_IP as a flag, off by default, and refuses anything else with a ConfigError', () => {
    assert.equal(loadConfig({}).trustClientIp, false);
    for (const value of ['1', 'true', 'on', 'YES']) assert.equal(loadConfig({ PAT_TRUST_CLIENT_IP: value }).trustClientIp, true);
    for (const value of ['0', 'false', 'off', '']) assert.equal(loadConfig({ PAT_TRUST_CLIENT_IP: value }).trustClientIp, false);
    for (const value of ['maybe', '2', 'loopback'])
      configError({ PAT_TRUST_CLIENT_IP: value }, /^PAT_TRUST_CLIENT_IP must be true or false/);
  });

  it('reads PAT_LEAK_REPORT_KEY, 32 characters or more; none by default', () => {
    assert.equal(loadConfig({}).leakReportKey, undefined);
    const key = 'k'.repeat(32);
    assert.equal(loadConfig({ PAT_LEAK_REPORT_KEY: key }).leakReportKey, key);
    configError({ PAT_LEAK_REPORT_KEY: 'k'.repeat(31) }, /^PAT_LEAK_REPORT_KEY must be 32 characters or more/);
  });

  it('reads PAT_DATABASE_URL (postgres:// or postgresql://) and PAT_DATABASE_POOL; SQLite at PAT_DB without it', () => {
    const sqlite = loadConfig({});
    assert.equal(sqlite.databaseUrl, undefined);
    assert.equal(sqlite.databasePool, 10);
    for (const url of [
      'postgres://pat:secret@db.example.com:5432/pats',
      'postgresql://pat@localhost/pats',
      'POSTGRES://pat@localhost/pats',
    ]) {
      assert.equal(loadConfig({ PAT_DATABASE_URL: url }).databaseUrl, url);
    }
    assert.equal(loadConfig({ PAT_DATABASE_URL: 'postgres://pat@localhost/pats', PAT_DATABASE_POOL: '25' }).databasePool, 25);
    for (const url of ['mysql://pat@localhost/pats', './data/pats.db', 'http://localhost'])
      configError({ PAT_DATABASE_URL: url }, /PAT_DATABASE_URL/);
    for (const size of ['0', '-1', '1.5', 'ten', '1001']) configError({ PAT_DATABASE_POOL: size }, /PAT_DATABASE_POOL/);
  });

  it('refuses a short PAT_JWT_SECRET', () => {
    configError({ PAT_JWT_SECRET: 'short' }, /PAT_JWT_SECRET.*32/);
    configError({ PAT_JWT_SECRET: 'x'.repeat(31) }, /PAT_JWT_SECRET/);
    configError({ NODE_ENV: 'production', PAT_JWT_SECRET: 'x'.repeat(31) }, /PAT_JWT_SECRET/);
    assert.equal(loadConfig({ PAT_JWT_SECRET: 'x'.repeat(32) }).jwtSecret, 'x'.repeat(32));
  });

  it('refuses a PAT_JWKS_URL that is not a URL', () => {
    configError({ PAT_JWKS_URL: 'not a url' }, /PAT_JWKS_URL/);
  });

  it('refuses a bad PORT', () => {
    for (const port of ['abc', '-1', '65536', '80.5', '8080x']) configError({ PORT: port }, /PORT/);
    assert.equal(loadConfig({ PORT: '3000' }).port, 3000);
    assert.equal(loadConfig({ PORT: '65535' }).port, 65535);
  });

  it('an empty PORT is unset (8080), as an empty value is for every other variable, not port 0', () => {
    assert.equal(loadConfig({ HOST: '', PAT_DB: '', LOG_LEVEL: '' }).host, '127.0.0.1');
    assert.equal(loadConfig({ PORT: '' }).port, 8080);
  });

  it('refuses a bad PAT_MAX_LIFETIME', () => {
    for (const value of ['forever', '0', '0s', '-30d', '30', 'd']) configError({ PAT_MAX_LIFETIME: value }, /PAT_MAX_LIFETIME/);
    assert.equal(loadConfig({ PAT_MAX_LIFETIME: '30d' }).maxLifetime, '30d');
    assert.equal(loadConfig({ PAT_MAX_LIFETIME: '2160h' }).maxLifetime, '2160h');
  });

  it('reads PAT_MAX_IDLE: unset for no idle limit, a duration of a day or more, else a clear refusal', () => {
    assert.equal(loadConfig({}).maxIdle, undefined);
    assert.equal(loadConfig({ PAT_MAX_IDLE: '' }).maxIdle, undefined);
    assert.equal(loadConfig({ PAT_MAX_IDLE: '90d' }).maxIdle, '90d');
    assert.equal(loadConfig({ PAT_MAX_IDLE: '24h' }).maxIdle, '24h');
    for (const value of ['never', '0', '23h', '-30d', '30'])
      configError({ PAT_MAX_IDLE: value }, /PAT_MAX_IDLE must be a duration of a day or more/);
  });

  it('reads PAT_DEMO as a flag and refuses anything else', () => {
    for (const value of ['true', 'TRUE', '1', 'yes', 'on'])
      assert.equal(loadConfig({ PAT_DEMO: value, PAT_JWT_SECRET: GOOD_SECRET }).demo, true, value);
    for (const value of ['false', '0', 'no', 'off'])
      assert.equal(loadConfig({ PAT_DEMO: value, PAT_JWT_SECRET: GOOD_SECRET }).demo, false, value);
    for (const value of ['maybe', 'tru', '2']) configError({ PAT_DEMO: value }, /PAT_DEMO/);
  });

  it('reads PAT_JWT_USER_CLAIM', () => {
    assert.equal(loadConfig({ PAT_JWT_USER_CLAIM: 'email' }).userClaim, 'email');
  });
});

describe('PAT_CATALOG', () => {
  const catalog = {
    entity_types: [
      { type: 'devices', label: 'Devices', operations: ['read', 'reboot'] },
      { type: 'reports', label: 'Reports', operations: ['read', 'list'] },
    ],
    durations: [
      { value: '1d', label: 'A day' },
      { value: '30d', label: 'A month' },
    ],
  };

  it('reads a valid catalog file', () => {
    const config = loadConfig({ PAT_CATALOG: writeJson('good.json', catalog) });
    assert.deepEqual(config.catalog, catalog);
  });

  it('refuses a missing file, bad JSON and catalogs of the wrong shape, naming PAT_CATALOG', () => {
    configError({ PAT_CATALOG: join(tmp, 'no-such-file.json') }, /PAT_CATALOG/);
    configError({ PAT_CATALOG: writeJson('broken.json', '{"entity_types": [') }, /PAT_CATALOG/);
    const bad: Record<string, unknown> = {
      'no entity types': {},
      'entity types not a list': { entity_types: { devices: ['read'] } },
      'empty entity types': { entity_types: [] },
      'no label': { entity_types: [{ type: 'devices', operations: ['read'] }] },
      'no type': { entity_types: [{ label: 'Devices', operations: ['read'] }] },
      'no operations': { entity_types: [{ type: 'devices', label: 'Devices', operations: [] }] },
      'operations not strings': { entity_types: [{ type: 'devices', label: 'Devices', operations: [1, 2] }] },
      'a list, not an object': [{ type: 'devices', label: 'Devices', operations: ['read'] }],
      'a number': 5,
      'a string': 'devices',
    };
    for (const [label, value] of Object.entries(bad)) {
      configError({ PAT_CATALOG: writeJson(`bad-${label.replace(/\W/g, '-')}.json`, JSON.stringify(value)) }, /PAT_CATALOG/);
    }
  });

  it('refuses a catalog file that holds JSON null with a ConfigError, not a crash', () => {
    configError({ PAT_CATALOG: writeJson('null.json', 'null') }, /PAT_CATALOG/);
  });

  it('refuses duration presets of the wrong shape instead of crashing later', () => {
    for (const [label, durations] of Object.entries({
      'not a list': 'soon',
      'not objects': ['30d'],
      'value not a string': [{ value: 30, label: 'Thirty' }],
    })) {
      const path = writeJson(`bad-durations-${label.replace(/\W/g, '-')}.json`, { entity_types: catalog.entity_types, durations });
      configError({ PAT_CATALOG: path }, /PAT_CATALOG/);
    }
  });

  describe('served by an app built from it', () => {
    let server: TestServer;
    before(async () => {
      const config = loadConfig({ PAT_CATALOG: writeJson('served.json', catalog), PAT_MAX_LIFETIME: '90d' });
      server = await startServer({ catalog: config.catalog, maxLifetime: config.maxLifetime });
    });
    after(async () => {
      await server.close();
    });

    it('GET /pats/catalog serves it and scopes follow it', async () => {
      const token = await server.tokenFor('alice');
      const served = await server.call('GET', '/pats/catalog', { token });
      assert.equal(served.status, 200);
      assert.deepEqual(served.body.entity_types, catalog.entity_types);
      assert.deepEqual(served.body.durations, catalog.durations);
      const max = parseDuration(served.body.max_lifetime);
      assert.ok(max.ok && max.ms === 90 * 24 * 3_600_000, `max_lifetime ${served.body.max_lifetime} is 90 days`);
      const custom = await server.call('POST', '/pats', {
        token,
        body: { name: 'device-bot', duration: '30d', scopes: [{ entity_type: 'devices', operation: 'reboot', entity_id: 'd1' }] },
      });
      assert.equal(custom.status, 201, JSON.stringify(custom.body));
      const allowed = await server.call('POST', '/authorize', {
        token: custom.body.secret,
        body: { entity_type: 'devices', operation: 'reboot', entity_id: 'd1' },
      });
      assert.equal(allowed.status, 200);
      const unknownType = await server.call('POST', '/pats', {
        token,
        body: { name: 'old', duration: '30d', scopes: [{ entity_type: 'clients', operation: 'read', entity_id: '*' }] },
      });
      assert.equal(unknownType.status, 400);
      const tooLong = await server.call('POST', '/pats', { token, body: { name: 'long', duration: '91d' } });
      assert.equal(tooLong.status, 400);
      assert.match(tooLong.body.message, new RegExp(`${served.body.max_lifetime}|maximum`));
    });
  });
});

interface Child {
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  waitFor(text: string, timeoutMs?: number): Promise<void>;
  kill(signal: NodeJS.Signals): void;
}

function startMain(env: Record<string, string>): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmp, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const watchers: (() => void)[] = [];
  child.stdout.on('data', (chunk) => {
    out += chunk;
    watchers.forEach((watch) => watch());
  });
  child.stderr.on('data', (chunk) => {
    err += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor(text, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for "${text}"; stdout: ${out}; stderr: ${err}`)), timeoutMs);
        const check = () => {
          if (out.includes(text)) {
            clearTimeout(timer);
            resolve();
          }
        };
        watchers.push(check);
        void exited.then(({ code }) => {
          clearTimeout(timer);
          if (!out.includes(text)) reject(new Error(`exited with ${code} before "${text}"; stdout: ${out}; stderr: ${err}`));
        });
        check();
      });
    },
    kill: (signal) => child.kill(signal),
  };
}

describe('the standalone entry (server/main.ts)', () => {
  it('NODE_ENV=production without a secret exits 1 with the reason on stderr', async () => {
    const child = startMain({ NODE_ENV: 'production', PAT_DB: join(tmp, 'never.db'), PORT: String(await freePort()) });
    const { code } = await child.exited;
    assert.equal(code, 1);
    assert.match(child.stderr(), /PAT_JWT_SECRET/);
    assert.match(child.stderr(), /production/);
    assert.doesNotMatch(child.stderr(), /at .*\.ts:\d+/, 'a message, not a stack trace');
  });

  it('a bad setting exits 1 with the reason on stderr', async () => {
    const child = startMain({ NODE_ENV: 'production', PAT_JWT_SECRET: GOOD_SECRET, PORT: 'eighty' });
    const { code } = await child.exited;
    assert.equal(code, 1);
    assert.match(child.stderr(), /PORT/);
  });

  it('in production with a secret: serves the API, no demo, never logs a token, and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const child = startMain({
      NODE_ENV: 'production',
      PAT_JWT_SECRET: GOOD_SECRET,
      PAT_DB: join(tmp, 'standalone', 'pats.db'),
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
    });
    let secret: string | undefined;
    let userToken: string | undefined;
    try {
      await child.waitFor(`listening on http://127.0.0.1:${port}`);
      const call = makeCaller(`http://127.0.0.1:${port}/api`);

      const anonymous = await call('GET', '/pats');
      assert.equal(anonymous.status, 401);
      assert.match(anonymous.headers.get('content-type') ?? '', /application\/json/);
      assert.equal(anonymous.body.error, 'unauthenticated');
      assert.equal(typeof anonymous.body.message, 'string');

      const login = await call('POST', '/demo/login', { body: { user: 'alice' } });
      assert.equal(login.status, 404, 'no demo login in production');
      assert.equal((await call('GET', '/demo/users')).status, 404);

      userToken = await signUserToken('alice', GOOD_SECRET);
      const created = await call('POST', '/pats', {
        token: userToken,
        body: { name: 'prod', duration: '1d', scopes: [{ entity_type: 'clients', operation: 'read', entity_id: '*' }] },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      secret = created.body.secret as string;
      const allowed = await call('POST', '/authorize', {
        token: secret,
        body: { entity_type: 'clients', operation: 'read', entity_id: 'c1' },
      });
      assert.equal(allowed.status, 200);
      assert.equal((await call('GET', `/pats?name=${encodeURIComponent(secret)}`, { token: userToken })).status, 200);
      assert.equal((await call('GET', '/pats', { token: secret })).status, 403);

      // Lines are written in batches, and what is left at least every second.
      await child.waitFor('"path":"/api/pats"', 3_000);
      assert.equal((await call('GET', '/last-before-exit')).status, 404);
    } finally {
      child.kill('SIGTERM');
    }
    const { code, signal } = await child.exited;
    assert.equal(signal, null);
    assert.equal(code, 0);
    assert.ok(secret && userToken);
    const logs = child.stdout() + child.stderr();
    assert.ok(logs.includes('"path":"/api/last-before-exit"'), 'the lines not yet written are written as the server exits');
    assert.equal(logs.includes(secret), false, 'a PAT secret was logged');
    assert.equal(logs.includes(secret.slice(27, 70)), false, 'part of a PAT secret was logged');
    assert.equal(logs.includes(userToken), false, 'a user token was logged');
    assert.equal(logs.includes(GOOD_SECRET), false, 'the JWT secret was logged');
  });
});

describe('user identity', () => {
  let jwks: Server;
  let jwksUrl: string;
  let jwksRequests = 0;
  let key: { privateKey: CryptoKey; publicKey: CryptoKey };
  let otherKey: { privateKey: CryptoKey; publicKey: CryptoKey };
  const KID = 'test-key-1';

  before(async () => {
    key = await generateKeyPair('ES256');
    otherKey = await generateKeyPair('ES256');
    const jwk: JWK = { ...(await exportJWK(key.publicKey)), kid: KID, alg: 'ES256', use: 'sig' };
    jwks = createServer((req, res) => {
      jwksRequests++;
      if (req.url !== '/.well-known/jwks.json') {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
  });

  after(async () => {
    jwks.closeAllConnections();
    await new Promise<void>((resolve) => jwks.close(() => resolve()));
  });

  function es256(claims: Record<string, unknown>, signWith: CryptoKey, kid = KID) {
    return new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid }).setIssuedAt().setExpirationTime('10m').sign(signWith);
  }

  describe('with a JWKS URL', () => {
    let server: TestServer;
    before(async () => {
      server = await startServer({ jwksUrl });
    });
    after(async () => {
      await server.close();
    });

    it('accepts a token signed with the JWKS key', async () => {
      const token = await es256({ sub: 'alice' }, key.privateKey);
      const created = await server.call('POST', '/pats', { token, body: { name: 'jwks', duration: '1d' } });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.user_id, 'alice');
      const list = await server.call('GET', '/pats', { token });
      assert.equal(list.status, 200);
      assert.equal(list.body.total, 1);
      assert.ok(jwksRequests > 0, 'the JWKS was fetched');
    });

    it('refuses a token signed with another key, even with the right kid', async () => {
      for (const token of [
        await es256({ sub: 'alice' }, otherKey.privateKey),
        await es256({ sub: 'alice' }, otherKey.privateKey, 'nope'),
      ]) {
        const answer = await server.call('GET', '/pats', { token });
        assert.equal(answer.status, 401);
        assert.equal(answer.body.error, 'unauthenticated');
        assert.match(answer.headers.get('www-authenticate') ?? '', /^Bearer/);
      }
    });

    it('refuses an HS256 token, an expired token and an unsigned one', async () => {
      assert.equal((await server.call('GET', '/pats', { token: await signUserToken('alice') })).status, 401);
      const expired = await new SignJWT({ sub: 'alice' })
        .setProtectedHeader({ alg: 'ES256', kid: KID })
        .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
        .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
        .sign(key.privateKey);
      assert.equal((await server.call('GET', '/pats', { token: expired })).status, 401);
      const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
      const payload = Buffer.from(JSON.stringify({ sub: 'alice', exp: Math.floor(Date.now() / 1000) + 600 })).toString('base64url');
      assert.equal((await server.call('GET', '/pats', { token: `${header}.${payload}.` })).status, 401);
    });
  });

  describe('with another user claim (userClaim / PAT_JWT_USER_CLAIM)', () => {
    let server: TestServer;
    before(async () => {
      const config = loadConfig({ PAT_JWKS_URL: jwksUrl, PAT_JWT_USER_CLAIM: 'uid' });
      server = await startServer({ jwksUrl: config.jwksUrl, userClaim: config.userClaim });
    });
    after(async () => {
      await server.close();
    });

    it('takes the user id from that claim, not from sub', async () => {
      const token = await es256({ sub: 'someone-else', uid: 'alice-42' }, key.privateKey);
      const created = await server.call('POST', '/pats', { token, body: { name: 'claimed', duration: '1d' } });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.user_id, 'alice-42');
      const bySub = await es256({ sub: 'alice-42' }, key.privateKey);
      assert.equal((await server.call('GET', '/pats', { token: bySub })).status, 401, 'sub alone is not the user');
      const numeric = await es256({ uid: 42 }, key.privateKey);
      assert.equal((await server.call('GET', '/pats', { token: numeric })).status, 401);
      const sameUser = await es256({ uid: 'alice-42' }, key.privateKey);
      const list = await server.call('GET', '/pats', { token: sameUser });
      assert.equal(list.status, 200);
      assert.equal(list.body.total, 1);
    });
  });

  describe('what every user token must carry', () => {
    const hs = new TextEncoder().encode(JWT_SECRET);
    const now = () => Math.floor(Date.now() / 1000);
    const sign = (claims: Record<string, unknown>) => new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(hs);
    let server: TestServer;
    let scoped: TestServer;
    before(async () => {
      server = await startServer();
      const config = loadConfig({ PAT_JWT_SECRET: JWT_SECRET, PAT_JWT_ISSUER: 'https://login.example.com', PAT_JWT_AUDIENCE: 'portal' });
      scoped = await startServer({ issuer: config.jwtIssuer, audience: config.jwtAudience });
    });
    after(async () => {
      await server.close();
      await scoped.close();
    });
    const status = async (target: TestServer, claims: Record<string, unknown>) =>
      (await target.call('GET', '/pats', { token: await sign(claims) })).status;

    it('a token without exp is refused (401): it could never be taken back', async () => {
      assert.equal(await status(server, { sub: 'alice' }), 401);
      assert.equal(await status(server, { sub: 'alice', iat: now() }), 401);
      assert.equal(await status(server, { sub: 'alice', exp: now() + 60 }), 200);
    });

    it('30 s of clock difference are tolerated, more are not', async () => {
      assert.equal(await status(server, { sub: 'alice', exp: now() - 10 }), 200, 'expired 10 s ago by our clock');
      assert.equal(await status(server, { sub: 'alice', exp: now() + 60, nbf: now() + 10 }), 200, 'valid 10 s from now by our clock');
      assert.equal(await status(server, { sub: 'alice', exp: now() - 60 }), 401);
      assert.equal(await status(server, { sub: 'alice', exp: now() + 120, nbf: now() + 60 }), 401);
    });

    it('PAT_JWT_ISSUER / PAT_JWT_AUDIENCE (issuer / audience): tokens from or for another service are refused', async () => {
      const exp = now() + 60;
      assert.equal(await status(scoped, { sub: 'alice', exp, iss: 'https://login.example.com', aud: 'portal' }), 200);
      assert.equal(await status(scoped, { sub: 'alice', exp, iss: 'https://login.example.com', aud: ['billing', 'portal'] }), 200);
      assert.equal(await status(scoped, { sub: 'alice', exp, iss: 'https://evil.example.com', aud: 'portal' }), 401, 'another issuer');
      assert.equal(
        await status(scoped, { sub: 'alice', exp, iss: 'https://login.example.com', aud: 'billing' }),
        401,
        'for another service',
      );
      assert.equal(await status(scoped, { sub: 'alice', exp, aud: 'portal' }), 401, 'no issuer');
      assert.equal(await status(scoped, { sub: 'alice', exp, iss: 'https://login.example.com' }), 401, 'no audience');
    });

    it('a token checked once is remembered only until it expires (its 30 s of tolerance included)', async () => {
      // Expired 28 s ago by our clock: accepted for another second or two, and remembered no longer.
      const token = await sign({ sub: 'alice', exp: now() - 28 });
      const list = () => server.call('GET', '/pats', { token });
      assert.equal((await list()).status, 200);
      assert.equal((await list()).status, 200);
      await new Promise((resolve) => setTimeout(resolve, 3_100));
      assert.equal((await list()).status, 401);
    });

    it('a remembered token vouches for no other: the same claims with a bad signature are refused', async () => {
      const exp = now() + 600;
      const good = await sign({ sub: 'alice', exp });
      assert.equal((await server.call('GET', '/pats', { token: good })).status, 200);
      const [header, payload, signature] = good.split('.') as [string, string, string];
      const flipped = `${signature.slice(0, -2)}${signature.at(-2) === 'A' ? 'B' : 'A'}${signature.at(-1)}`;
      assert.equal((await server.call('GET', '/pats', { token: `${header}.${payload}.${flipped}` })).status, 401);
      const otherKey = await new SignJWT({ sub: 'alice', exp })
        .setProtectedHeader({ alg: 'HS256' })
        .sign(new TextEncoder().encode('another-secret-that-is-long-enough-too'));
      assert.equal((await server.call('GET', '/pats', { token: otherKey })).status, 401);
      assert.equal((await server.call('GET', '/pats', { token: good })).status, 200);
    });
  });

  describe('HS256 with PAT_JWT_SECRET', () => {
    let server: TestServer;
    before(async () => {
      server = await startServer({ userClaim: 'email' });
    });
    after(async () => {
      await server.close();
    });

    it('checks the signature and reads the configured claim', async () => {
      const key = new TextEncoder().encode('test-secret-that-is-long-enough-for-hs256');
      const token = await new SignJWT({ email: 'alice@example.com' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('alice')
        .setExpirationTime('5m')
        .sign(key);
      const created = await server.call('POST', '/pats', { token, body: { name: 'hs', duration: '1d' } });
      assert.equal(created.status, 201);
      assert.equal(created.body.user_id, 'alice@example.com');
      const forged = await signUserToken('alice', 'another-secret-that-is-long-enough-too');
      assert.equal((await server.call('GET', '/pats', { token: forged })).status, 401);
    });
  });
});
