import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import type { Notification } from '../../contract/index.js';
import { openDatabase, postgresUrlOf } from '../db/database.js';
import { createPatKit, type PatKitOptions } from '../router.js';
import { freePort, JWT_SECRET, startServer, TEST_DIALECT, type TestServer } from './harness.js';

/**
 * Notifications: an outbox row per notification and target, written with the change, delivered
 * at least once to a real HTTP receiver (signed as Standard Webhooks has it) or the host's
 * onEvent, retried with backoff, never lost across a restart.
 */

const DAY = 86_400_000;
const SECRET = `whsec_${randomBytes(32).toString('base64')}`;
const scopes = [{ entity_type: 'clients', operation: 'read', entity_id: '*' }];
/** Retries within a test's patience: 40 ms, then 80 ms, … for 5 s. */
const FAST = { pollMs: 20, timeoutMs: 1_000, retry: { firstMs: 40, maxMs: 200, forMs: 5_000 } };

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  notification: Notification;
}

/** A webhook endpoint on a free loopback port: records what it receives and answers with `statuses` in turn (200 when they run out). */
async function receiver(statuses: number[] = [], port = 0) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body, notification: JSON.parse(body) as Notification });
      res.statusCode = statuses.shift() ?? 200;
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/pat-kit`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const tmp = mkdtempSync(join(tmpdir(), 'pat-kit-webhooks-'));
const servers: TestServer[] = [];
const receivers: { close(): Promise<void> }[] = [];
after(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await Promise.all(receivers.map((open) => open.close()));
  rmSync(tmp, { recursive: true, force: true });
});

async function fixture(options: Parameters<typeof startServer>[0] = {}) {
  const server = await startServer({ webhookSecret: SECRET, webhooks: FAST, ...options });
  servers.push(server);
  const kit = server.app.locals.patKit;
  const token = await server.tokenFor('alice');
  async function create(name: string, duration = '30d') {
    const created = await server.call('POST', '/pats', { token, body: { name, duration, scopes }, headers: { 'user-agent': 'portal' } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return created.body as { id: string; secret: string; expires_at: string };
  }
  const revoke = (id: string) => server.call('PATCH', `/pats/${id}/secret/revoke`, { token });
  return { server, kit, token, create, revoke, clock: server.clock };
}

/** The `verify` function of the README's webhook section, as a reader would paste it. */
function verifierOfReadme(): (secret: string, headers: IncomingHttpHeaders, body: string) => boolean {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const block = /```js\n(import \{ createHmac, timingSafeEqual \} from 'node:crypto';\n[\s\S]*?function verify\([\s\S]*?)```/.exec(readme);
  assert.ok(block, 'the README shows a verify function');
  const code = block[1]!.replace(/^import .*\n/, '');
  return new Function('createHmac', 'timingSafeEqual', 'Buffer', `${code}\nreturn verify;`)(createHmac, timingSafeEqual, Buffer);
}

/** Waits until `check` holds, the way a receiver waits: polling, with a deadline. */
async function until(check: () => boolean, what: string, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('webhooks', () => {
  it('POST each notification, signed so that the Standard Webhooks library verifies it', async () => {
    const hook = await receiver();
    receivers.push(hook);
    const { server, token, create, revoke } = await fixture({ webhookUrls: [hook.url], now: Date.now });
    const pat = await create('signed');
    assert.equal((await revoke(pat.id)).status, 204);
    const reset = await server.call('PATCH', `/pats/${pat.id}/secret/reset`, { token, body: { duration: '7d' } });
    assert.equal(reset.status, 200);
    assert.equal((await server.call('DELETE', `/pats/${pat.id}`, { token })).status, 204);
    await until(() => hook.received.length === 3, 'three deliveries');

    const verifier = new Webhook(SECRET);
    const types = hook.received.map(({ headers, body, notification }) => {
      const verified = verifier.verify(body, headers as Record<string, string>) as Notification;
      assert.deepEqual(verified, notification);
      assert.equal(headers['webhook-id'], notification.id);
      assert.equal(headers['content-type'], 'application/json');
      assert.deepEqual(notification.data.pat, {
        id: pat.id,
        user_id: 'alice',
        name: 'signed',
        expires_at: notification.data.pat.expires_at,
      });
      assert.equal(notification.data.actor, 'alice');
      return notification.type;
    });
    assert.deepEqual(types.sort(), ['pat.deleted', 'pat.regenerated', 'pat.revoked']);
    const regenerated = hook.received.find(({ notification }) => notification.type === 'pat.regenerated')!;
    assert.equal(regenerated.notification.data.pat.expires_at, reset.body.expires_at);

    // The README's check in plain Node agrees.
    const readmeVerify = verifierOfReadme();
    for (const { headers, body } of hook.received) assert.equal(readmeVerify(SECRET, headers, body), true);

    // A body changed on the way, or signed with another secret, does not verify.
    const [first] = hook.received;
    assert.equal(readmeVerify(SECRET, first!.headers, first!.body.replace('alice', 'mallory')), false);
    assert.equal(readmeVerify(`whsec_${randomBytes(32).toString('base64')}`, first!.headers, first!.body), false);
    assert.throws(() => verifier.verify(first!.body.replace('alice', 'mallory'), first!.headers as Record<string, string>));
    assert.throws(() =>
      new Webhook(`whsec_${randomBytes(32).toString('base64')}`).verify(first!.body, first!.headers as Record<string, string>),
    );
  });

  it('tell nothing of a create, a rename or a scope change, and nothing of a change that failed', async () => {
    const hook = await receiver();
    receivers.push(hook);
    const { server, kit, token, create } = await fixture({ webhookUrls: [hook.url] });
    const pat = await create('quiet');
    await server.call('PATCH', `/pats/${pat.id}/name`, { token, body: { name: 'quieter' } });
    await server.call('DELETE', `/pats/${pat.id}/scope`, { token });
    assert.equal((await server.call('PATCH', `/pats/${crypto.randomUUID()}/secret/revoke`, { token })).status, 404);
    await kit.flush();
    assert.deepEqual(hook.received, []);
    const outbox = await server.db.selectFrom('pat_deliveries').selectAll().execute();
    assert.deepEqual(outbox, []);
  });

  it('try again after a failure, with a growing wait, and stop once one is delivered', async () => {
    const hook = await receiver([500, 503]);
    receivers.push(hook);
    const { kit, create, revoke, server } = await fixture({ webhookUrls: [hook.url], now: Date.now });
    const pat = await create('flaky');
    await revoke(pat.id);
    await until(() => hook.received.length === 3, 'the third attempt');
    const [first, second, third] = hook.received.map((entry) => entry.notification.id);
    assert.equal(first, second);
    assert.equal(second, third, 'the same notification id on every attempt');
    const timestamps = hook.received.map((entry) => Number(entry.headers['webhook-timestamp']));
    assert.ok(
      timestamps.every((stamp) => Math.abs(stamp * 1000 - Date.now()) < 10_000),
      'each attempt signed at its own time',
    );

    await new Promise((resolve) => setTimeout(resolve, 300));
    await kit.flush();
    assert.equal(hook.received.length, 3, 'nothing after the delivery');
    const [row] = await server.db.selectFrom('pat_deliveries').selectAll().execute();
    assert.equal(row!.attempts, 3);
    assert.ok(row!.delivered_at);
    assert.equal(row!.last_error, null);
  });

  it('give up after the retry window, and log it', async () => {
    const lines: { msg: string; target?: string }[] = [];
    const logger = {
      info: () => undefined,
      warn: () => undefined,
      error: (details: object, msg: string) => lines.push({ ...details, msg }),
    };
    const dead = `http://127.0.0.1:${await freePort()}/gone`;
    const { create, revoke, server } = await fixture({
      webhookUrls: [dead],
      now: Date.now,
      logger: logger as never,
      webhooks: { pollMs: 20, timeoutMs: 500, retry: { firstMs: 20, maxMs: 40, forMs: 300 } },
    });
    const pat = await create('unreachable');
    await revoke(pat.id);
    await until(() => lines.some((line) => line.msg === 'gave up delivering a notification'), 'giving up');
    const [row] = await server.db.selectFrom('pat_deliveries').selectAll().execute();
    assert.ok(row!.failed_at);
    assert.ok(row!.attempts >= 2);
    assert.match(row!.last_error ?? '', /fetch failed|ECONNREFUSED/);
    assert.equal(lines.find((line) => line.msg === 'gave up delivering a notification')!.target, dead);
  });

  it('go to every endpoint, each on its own: one failing does not hold up the other', async () => {
    const good = await receiver();
    const bad = await receiver([500, 500, 500, 500, 500, 500, 500, 500, 500, 500]);
    receivers.push(good, bad);
    const { create, revoke } = await fixture({ webhookUrls: [good.url, bad.url], now: Date.now });
    await revoke((await create('both')).id);
    await until(() => good.received.length === 1 && bad.received.length >= 2, 'both endpoints');
    assert.equal(good.received[0]!.notification.id, bad.received[0]!.notification.id, 'one notification, one id');
    assert.equal(good.received.length, 1);
  });

  it('are not lost when the server stops before delivering: the next start delivers them', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/hooks/pat-kit`;
    const dbPath = TEST_DIALECT === 'sqlite' ? join(tmp, 'outbox.db') : undefined;
    const first = await fixture({
      webhookUrls: [url],
      now: Date.now,
      dbPath,
      webhooks: { ...FAST, retry: { firstMs: 60_000, maxMs: 60_000, forMs: DAY } },
    });
    const pat = await first.create('durable');
    await first.revoke(pat.id);
    await first.kit.flush();
    // Nothing listened: the attempt failed and the next is a minute away.
    const stored = await first.server.db.selectFrom('pat_deliveries').select(['attempts', 'delivered_at', 'next_at']).execute();
    assert.equal(stored.length, 1);
    assert.equal(stored[0]!.attempts, 1);
    assert.equal(stored[0]!.delivered_at, null);

    // A restart: SQLite's file opened again; on PostgreSQL another instance on the same database.
    if (TEST_DIALECT === 'sqlite') {
      await first.server.close();
      servers.splice(servers.indexOf(first.server), 1);
    }
    // The receiver is up now, and a minute has passed for the restarted server.
    const hook = await receiver([], port);
    receivers.push(hook);
    const second = await fixture({
      webhookUrls: [url],
      now: () => Date.now() + 61_000,
      dbPath,
      db: TEST_DIALECT === 'sqlite' ? undefined : await openDatabase(postgresUrlOf(first.server.db)!),
    });
    await until(() => hook.received.length === 1, 'the delivery after the restart');
    assert.equal(hook.received[0]!.notification.type, 'pat.revoked');
    assert.equal(hook.received[0]!.notification.data.pat.id, pat.id);
    await second.kit.flush();
    assert.equal(hook.received.length, 1);
  });
});

describe('expiry notices', () => {
  it('7 days and 1 day before the expiry, then the expiry, each once', async () => {
    const notified: Notification[] = [];
    const { kit, create, clock } = await fixture({ onEvent: (notification) => void notified.push(notification) });
    const pat = await create('monthly', '30d');
    const short = await create('weekly', '7d');
    const daily = await create('daily', '1d');
    const told = async () => {
      await kit.scan();
      await kit.flush();
      return notified
        .splice(0)
        .map(
          (notification) =>
            `${notification.data.pat.name} ${notification.type}${notification.data.days_left ? ` ${notification.data.days_left}` : ''}`,
        );
    };
    assert.deepEqual(await told(), [], 'at birth: a 7-day PAT is never told "7 days", nor a 1-day PAT "1 day"');
    clock.advance(6.5 * DAY);
    assert.deepEqual((await told()).sort(), ['daily pat.expired', 'weekly pat.expiring 1']);
    clock.advance(DAY);
    assert.deepEqual(await told(), ['weekly pat.expired']);
    clock.advance(16 * DAY);
    assert.deepEqual(await told(), ['monthly pat.expiring 7']);
    assert.deepEqual(await told(), [], 'once');
    clock.advance(6 * DAY);
    assert.deepEqual(await told(), ['monthly pat.expiring 1']);
    clock.advance(DAY);
    assert.deepEqual(await told(), ['monthly pat.expired']);
    assert.deepEqual(await told(), []);
    assert.ok(pat.id && short.id && daily.id);
  });

  it('skip a notice whose time passed while no scan ran, start over on a regenerate, and skip revoked PATs', async () => {
    const notified: Notification[] = [];
    const { kit, server, token, create, revoke, clock } = await fixture({ onEvent: (notification) => void notified.push(notification) });
    const pat = await create('late', '30d');
    const revoked = await create('revoked', '30d');
    await revoke(revoked.id);
    // Delivered now, in its own time: a month on, the scan's sweep gives up what no one delivered.
    await kit.flush();
    clock.advance(29.5 * DAY);
    await kit.scan();
    await kit.flush();
    const told = notified.splice(0).map((notification) => [notification.data.pat.name, notification.type, notification.data.days_left]);
    assert.deepEqual(told, [
      ['revoked', 'pat.revoked', undefined],
      ['late', 'pat.expiring', 1],
    ]);
    const reset = await server.call('PATCH', `/pats/${pat.id}/secret/reset`, { token, body: { duration: '30d' } });
    assert.equal(reset.status, 200);
    // The regenerate's own notice goes out with the change; waited for, so it cannot land among the scan's.
    await kit.flush();
    assert.deepEqual(
      notified.splice(0).map((notification) => [notification.data.pat.name, notification.type]),
      [['late', 'pat.regenerated']],
    );
    clock.advance(23.5 * DAY);
    await kit.scan();
    await kit.flush();
    assert.deepEqual(
      notified.map((notification) => [notification.type, notification.data.days_left]),
      [['pat.expiring', 7]],
      'the new expiry is told anew',
    );
  });

  it('leave PATs far from their expiry alone', async () => {
    const { kit, server, create, clock } = await fixture();
    for (let n = 0; n < 20; n++) await create(`far-${n}`, '365d');
    const near = await create('near', '30d');
    clock.advance(24 * DAY);
    await kit.scan();
    const plan = await server.db.selectFrom('pats').select('expiry_notice').where('id', '=', near.id).executeTakeFirstOrThrow();
    assert.equal(plan.expiry_notice, 1);
    const untouched = await server.db.selectFrom('pats').select('expiry_notice').where('name', 'like', 'far-%').execute();
    assert.ok(untouched.every((row) => row.expiry_notice === 0));
  });
});

describe('onEvent', () => {
  it('is told each notification at least once: a rejection is tried again', async () => {
    const calls: string[] = [];
    let fail = true;
    const { create, revoke } = await fixture({
      now: Date.now,
      onEvent: async (notification) => {
        calls.push(notification.type);
        if (fail) {
          fail = false;
          throw new Error('the host is busy');
        }
      },
    });
    await revoke((await create('callback')).id);
    await until(() => calls.length === 2, 'the second call');
    assert.deepEqual(calls, ['pat.revoked', 'pat.revoked']);
  });
});

describe('webhook options', () => {
  it('refuse a URL that is not http(s), URLs without a secret, and a secret that is not whsec_ and 24+ bytes', async () => {
    const { server } = await fixture();
    const kitWith = (options: Partial<PatKitOptions>) => () => createPatKit({ db: server.db, jwtSecret: JWT_SECRET, ...options });
    assert.throws(kitWith({ webhookUrls: ['ftp://example.com/hook'], webhookSecret: SECRET }), /not an http\(s\) URL/);
    assert.throws(kitWith({ webhookUrls: ['https://example.com/hook'] }), /need a webhookSecret/);
    assert.throws(kitWith({ webhookSecret: 'hunter2' }), /whsec_/);
    assert.throws(kitWith({ webhookSecret: `whsec_${randomBytes(8).toString('base64')}` }), /24 or more/);
  });
});
