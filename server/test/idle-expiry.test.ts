import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, after } from 'node:test';
import { pino } from 'pino';
import assert from 'node:assert/strict';
import { Kysely, sql, SqliteDialect, type KyselyPlugin } from 'kysely';
import { openConnection } from '../db/connection.js';
import { openDatabase, type PatDatabase } from '../db/database.js';
import type { Database } from '../db/schema.js';
import type { Catalog, Notification, Pat, PatEventPage, PatPage, Summary } from '../../contract/index.js';
import { useWriter } from '../usage/use.repository.js';
import { createPatKit } from '../router.js';
import { JWT_SECRET, openTestDatabase, startServer, TEST_DIALECT, type TestServer } from './harness.js';

/**
 * Idle expiry: a PAT unused for its idle limit (its own `max_idle`, or the server's `maxIdle`)
 * stops working, shows as expired with reason `idle`, is listed and counted so, is told ahead
 * of time by `pat.expiring`, and each use moves the limit on.
 */

const DAY = 86_400_000;
const scopes = [{ entity_type: 'clients', operation: 'read', entity_id: '*' }];
const readClient = { entity_type: 'clients', operation: 'read', entity_id: 'c1' };

const servers: TestServer[] = [];
const closers: (() => Promise<void>)[] = [];
after(async () => {
  await Promise.all(servers.map((server) => server.close()));
  for (const close of closers) await close();
});

async function fixture(options: Parameters<typeof startServer>[0] = {}) {
  const notified: Notification[] = [];
  const server = await startServer({ onEvent: (notification) => void notified.push(notification), ...options });
  servers.push(server);
  const kit = server.app.locals.patKit;
  await kit.ready;
  const alice = await server.tokenFor('alice');
  const create = (body: Record<string, unknown>) =>
    server.call('POST', '/pats', { token: alice, body: { duration: '90d', scopes, ...body } });
  async function created(name: string, body: Record<string, unknown> = {}) {
    const answer = await create({ name, ...body });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    return answer.body as Pat & { secret: string };
  }
  const get = async (id: string) => (await server.call<Pat>('GET', `/pats/${id}`, { token: alice })).body;
  const list = async (query: string) => (await server.call<PatPage>('GET', `/pats?${query}`, { token: alice })).body;
  const summary = async () => (await server.call<Summary>('GET', '/pats/summary', { token: alice })).body;
  const authorize = (secret: string) => server.call('POST', '/authorize', { token: secret, body: readClient });
  const events = async (id: string) => (await server.call<PatEventPage>('GET', `/pats/${id}/events`, { token: alice })).body.events;
  /** The expiry scan, then what it told (and forgets it). */
  async function scan() {
    await kit.scan();
    await kit.flush();
    return notified.splice(0).map((notification) => [notification.type, notification.data.days_left, notification.data.reason]);
  }
  return { server, kit, alice, clock: server.clock, create, created, get, list, summary, authorize, events, scan, notified };
}

const iso = (ms: number) => new Date(ms).toISOString();

describe('idle expiry: a PAT’s own max_idle', () => {
  it('is shown on the PAT and its created event; idle_expires_at is its issue plus the limit', async () => {
    const { server, alice, clock, created, events } = await fixture();
    const pat = await created('idle', { max_idle: '30d' });
    assert.equal(pat.max_idle, '30d');
    assert.equal(pat.idle_expires_at, iso(clock.ms + 30 * DAY));
    assert.equal(pat.status, 'active');
    assert.equal(pat.expired_reason, null);
    assert.deepEqual((await events(pat.id))[0]!.details.max_idle, '30d');
    const plain = await created('plain');
    assert.deepEqual([plain.max_idle, plain.idle_expires_at, plain.expired_reason], [null, null, null]);
    assert.equal((await events(plain.id))[0]!.details.max_idle, undefined);
    const catalog = (await server.call<Catalog>('GET', '/pats/catalog', { token: alice })).body;
    assert.equal(catalog.max_idle, null, 'no server limit by default');
  });

  it('is a duration of a day or more and at most the longest lifetime, else a 400 naming max_idle', async () => {
    const { create } = await fixture({ maxLifetime: '180d' });
    for (const [maxIdle, message] of [
      ['12h', 'must be at least 1d'],
      ['soon', '"soon" is not a duration; use e.g. "24h", "30d", "1w" or "1y"'],
      ['-30d', 'must be at least 1d'],
      ['1y', 'must be at most 180d (the maximum lifetime)'],
      ['', 'must not be blank'],
    ] as const) {
      const answer = await create({ name: `bad ${maxIdle}`, max_idle: maxIdle });
      assert.equal(answer.status, 400, maxIdle);
      assert.deepEqual(answer.body.details, [{ field: 'max_idle', message }], maxIdle);
    }
    const tooLong = await create({ name: 'long', max_idle: 'x'.repeat(65) });
    assert.equal(tooLong.status, 400);
    assert.equal(tooLong.body.details[0].field, 'max_idle');
  });

  it('ends an unused PAT: 401, expired with reason idle, listed and counted as expired, its expired event and pat.expired say idle', async () => {
    const { clock, created, get, list, summary, authorize, events, scan } = await fixture();
    const idle = await created('idle', { max_idle: '30d' });
    const other = await created('other');
    clock.advance(30 * DAY);
    assert.equal((await authorize(idle.secret)).status, 401);
    const pat = await get(idle.id);
    assert.deepEqual([pat.status, pat.expired_reason, pat.idle_expires_at], ['expired', 'idle', iso(clock.ms)]);
    assert.deepEqual(
      (await list('status=expired')).pats.map((each) => each.id),
      [idle.id],
    );
    assert.deepEqual(
      (await list('status=active')).pats.map((each) => each.id),
      [other.id],
    );
    assert.deepEqual(await summary(), { active: 1, expiring_soon: 0, revoked: 0, expired: 1, total: 2 });
    assert.deepEqual(await scan(), [['pat.expired', undefined, 'idle']]);
    const expired = (await events(idle.id))[0]!;
    assert.equal(expired.kind, 'expired');
    assert.deepEqual(expired.details, {
      expires_at: idle.expires_at,
      reason: 'idle',
      idle_expires_at: pat.idle_expires_at,
      max_idle: '30d',
    });
    assert.deepEqual(await scan(), [], 'once');
  });

  for (const [cached, options] of [
    ['warm', {}],
    ['every check a miss', { cache: { maxEntries: 0 } }],
  ] as const)
    it(`moves on with each use, written with the last use, and a PAT read again from the database keeps it (${cached})`, async () => {
      const { kit, clock, created, get, authorize } = await fixture(options);
      const pat = await created('used', { duration: '365d', max_idle: '30d' });
      for (let day = 20; day <= 80; day += 20) {
        clock.advance(20 * DAY);
        assert.equal((await authorize(pat.secret)).status, 200, `day ${day}`);
      }
      await kit.flush();
      assert.equal((await get(pat.id)).idle_expires_at, iso(clock.ms + 30 * DAY));
      kit.invalidate([pat.id]);
      clock.advance(30 * DAY - 1);
      assert.equal((await authorize(pat.secret)).status, 200, 'read again: the last millisecond of the limit still works');
      await kit.flush();
      clock.advance(30 * DAY);
      assert.equal((await authorize(pat.secret)).status, 401, 'unused for 30 days after that use');
      assert.equal((await get(pat.id)).expired_reason, 'idle');
    });

  it('keeps a use whose write lands while the PAT is read again: the read began before the write', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pat-kit-idle-race-'));
    const file = join(dir, 'pats.db');
    await (await openDatabase(file)).destroy();
    // A database that, once asked, holds a read's answer back until the last use on its way has
    // been written by the writer thread (and the recorder has heard so): the answer is then older
    // than the write. (Not opened by openDatabase, so the authorize read goes through kysely.)
    let holdNextAnswer: (() => Promise<void>) | undefined;
    const holdBack: KyselyPlugin = {
      transformQuery: ({ node }) => node,
      async transformResult({ result }) {
        const hold = holdNextAnswer;
        holdNextAnswer = undefined;
        await hold?.();
        return result;
      },
    };
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: openConnection(file) }), plugins: [holdBack] });
    closers.push(async () => rmSync(dir, { recursive: true, force: true }));
    const { kit, clock, created } = await fixture({ db, cache: { maxEntries: 0 } });
    const pat = await created('used', { duration: '365d', max_idle: '30d' });
    const watcher = openConnection(file);
    closers.unshift(async () => {
      watcher.close();
    });
    const storedUse = () => watcher.prepare('select last_used_at from pats where id = ?').pluck().get(pat.id);

    clock.advance(20 * DAY);
    assert.equal((await kit.authorizePat(pat.secret, readClient)).allowed, true, 'day 20');
    await kit.flush();
    clock.advance(20 * DAY);
    assert.equal((await kit.authorizePat(pat.secret, readClient)).allowed, true, 'day 40');
    const usedAt = iso(clock.ms);
    // Day 60, in the same turn: the day-40 use is queued, and is written while this read waits.
    holdNextAnswer = async () => {
      while (storedUse() !== usedAt) await new Promise((resolve) => setTimeout(resolve, 5));
      for (let turn = 0; turn < 3; turn++) await new Promise(setImmediate);
    };
    clock.advance(20 * DAY);
    const daySixty = await kit.authorizePat(pat.secret, readClient);
    assert.equal(holdNextAnswer, undefined, 'the check read the database');
    assert.equal(daySixty.allowed, true, 'day 60: used on day 40, so it ends on day 70');
  });

  it('keeps a chain of uses not yet written: each came while the PAT worked, so each moves its end on, in checks and in the database', async () => {
    // The writer is held up (a transaction of another connection holds the lock it needs), so
    // the uses of days 10 and 25 are both unwritten when day 40 is checked: one in flight, one queued.
    const dir = mkdtempSync(join(tmpdir(), 'pat-kit-idle-chain-'));
    closers.push(async () => rmSync(dir, { recursive: true, force: true }));
    const onSqlite = TEST_DIALECT === 'sqlite';
    const { server, kit, clock, created, get } = await fixture({
      cache: { maxEntries: 0 },
      ...(onSqlite && { dbPath: join(dir, 'pats.db') }),
    });
    const pat = await created('chained', { duration: '365d', max_idle: '20d' });
    // A use written first, so the writer is up before it is held.
    assert.equal((await kit.authorizePat(pat.secret, readClient)).allowed, true, 'day 0');
    await kit.flush();
    const hold = onSqlite ? holdSqliteWrites(join(dir, 'pats.db')) : await holdPostgresRow(server.db, pat.id);
    try {
      for (const [day, step] of [
        [10, 10],
        [25, 15],
        [40, 15],
      ] as const) {
        clock.advance(step * DAY);
        assert.equal(
          (await kit.authorizePat(pat.secret, readClient)).allowed,
          true,
          `day ${day}: each use came before the end the last one moved`,
        );
        for (let turn = 0; turn < 3; turn++) await new Promise(setImmediate);
      }
    } finally {
      await hold.release();
    }
    await kit.flush();
    assert.equal((await get(pat.id)).idle_expires_at, iso(clock.ms + 20 * DAY), 'written: the day-40 use plus the limit');
    clock.advance(20 * DAY - 1);
    assert.equal((await kit.authorizePat(pat.secret, readClient)).allowed, true, 'read again: the last millisecond of the limit');
    await kit.flush();
    clock.advance(20 * DAY);
    assert.equal((await kit.authorizePat(pat.secret, readClient)).allowed, false, 'unused for 20 days after that use');
  });

  it('ends when idle_expires_at says, on every instance: a check within a minute of the last use written moves nothing', async () => {
    // Cached for longer than the limit (`ttlMs`), so this instance judges the PAT by its cache entry.
    const { server, clock, created, get, authorize } = await fixture({ cache: { ttlMs: 2 * DAY } });
    const pat = await created('steady', { duration: '365d', max_idle: '1d' });
    clock.advance(DAY / 2);
    assert.equal((await authorize(pat.secret)).status, 200, 'a use, written as the last use');
    const usedAt = clock.ms;
    clock.advance(30_000);
    assert.equal((await authorize(pat.secret)).status, 200, 'half a minute later: not written');
    await server.app.locals.patKit.flush();
    const shown = await get(pat.id);
    assert.deepEqual([shown.last_used_at, shown.idle_expires_at], [iso(usedAt), iso(usedAt + DAY)]);
    // Another instance on the same database reads the PAT fresh: both end where the PAT says.
    const other = createPatKit({ db: server.db, jwtSecret: JWT_SECRET, logger: pino({ level: 'silent' }), now: clock.now });
    const elsewhere = async () => (await other.authorizePat(pat.secret, readClient)).allowed;
    try {
      clock.advance(DAY - 30_000 - 1);
      assert.equal((await get(pat.id)).status, 'active', 'the last millisecond');
      clock.advance(1);
      assert.equal((await authorize(pat.secret)).status, 401, 'at idle_expires_at, here (the unwritten use moved nothing)');
      assert.equal(await elsewhere(), false, 'and there');
      const ended = await get(pat.id);
      assert.deepEqual([ended.status, ended.expired_reason], ['expired', 'idle']);
    } finally {
      await other.close();
    }
  });

  it('gives way to the lifetime when that ends first: no idle_expires_at, reason lifetime', async () => {
    const { clock, created, get, authorize } = await fixture();
    const pat = await created('short', { duration: '10d', max_idle: '30d' });
    assert.equal(pat.idle_expires_at, null);
    assert.equal(pat.max_idle, '30d');
    clock.advance(10 * DAY);
    assert.equal((await authorize(pat.secret)).status, 401);
    const expired = await get(pat.id);
    assert.deepEqual([expired.status, expired.expired_reason], ['expired', 'lifetime']);
  });

  it('is told 7 and 1 days ahead by pat.expiring with reason idle; a use takes the notices back', async () => {
    const { kit, clock, created, authorize, scan } = await fixture({ maxLifetime: '365d' });
    const pat = await created('told', { duration: '365d', max_idle: '30d' });
    clock.advance(23 * DAY + 1);
    assert.deepEqual(await scan(), [['pat.expiring', 7, 'idle']]);
    assert.deepEqual(await scan(), []);
    assert.equal((await authorize(pat.secret)).status, 200);
    await kit.flush();
    // 23 days after the use the 7-day notice is due again: the use took it back.
    clock.advance(23 * DAY + 1);
    assert.deepEqual(await scan(), [['pat.expiring', 7, 'idle']]);
    clock.advance(6 * DAY);
    assert.deepEqual(await scan(), [['pat.expiring', 1, 'idle']]);
    clock.advance(DAY);
    assert.deepEqual(await scan(), [['pat.expired', undefined, 'idle']]);
  });

  it('lists and sorts by when a PAT stops working: expiring holds an idle end within 7 days; sort=expires_at orders by it', async () => {
    const { clock, created, list } = await fixture();
    const idle = await created('idle', { duration: '90d', max_idle: '10d' });
    await created('lifetime', { duration: '60d' });
    await created('later', { duration: '20d' });
    assert.deepEqual(
      (await list('status=active&sort=expires_at&dir=asc')).pats.map((pat) => pat.name),
      ['idle', 'later', 'lifetime'],
    );
    assert.deepEqual(
      (await list('status=active&sort=expires_at&dir=desc')).pats.map((pat) => pat.name),
      ['lifetime', 'later', 'idle'],
    );
    clock.advance(4 * DAY);
    assert.deepEqual(
      (await list('status=expiring')).pats.map((pat) => pat.id),
      [idle.id],
    );
    assert.equal((await list('status=expiring')).total, 1);
  });

  it('stays after a regenerate, which starts the idle clock again', async () => {
    const { server, alice, clock, created, authorize } = await fixture();
    const pat = await created('again', { max_idle: '30d' });
    clock.advance(31 * DAY);
    assert.equal((await authorize(pat.secret)).status, 401);
    const reset = await server.call('PATCH', `/pats/${pat.id}/secret/reset`, { token: alice, body: { duration: '90d' } });
    assert.equal(reset.status, 200);
    assert.deepEqual(
      [reset.body.status, reset.body.max_idle, reset.body.idle_expires_at, reset.body.expired_reason],
      ['active', '30d', iso(clock.ms + 30 * DAY), null],
    );
    assert.equal((await authorize(reset.body.secret)).status, 200);
  });

  it('never brings back a PAT whose end passed, even for a use written late', async () => {
    const { server, clock, created, get } = await fixture();
    const pat = await created('gone', { max_idle: '2d' });
    clock.advance(3 * DAY);
    // A use from before the end, written only now: it moves nothing that has passed.
    await useWriter(server.db)({
      lastUses: [{ id: pat.id, at: clock.ms - 1, since: clock.ms - 1, ip: '192.0.2.1', idleMs: 2 * DAY }],
      counts: [],
      addresses: [],
    });
    const after = await get(pat.id);
    assert.deepEqual([after.status, after.expired_reason, after.idle_expires_at], ['expired', 'idle', pat.idle_expires_at]);
    // One from before the end moves it on.
    const live = await created('live', { max_idle: '2d' });
    await useWriter(server.db)({
      lastUses: [{ id: live.id, at: clock.ms + 1_000, since: clock.ms + 1_000, ip: '192.0.2.1', idleMs: 2 * DAY }],
      counts: [],
      addresses: [],
    });
    assert.equal((await get(live.id)).idle_expires_at, iso(clock.ms + 1_000 + 2 * DAY));
  });
});

describe('idle expiry: the server’s maxIdle', () => {
  it('is in the catalog, the limit of a PAT made without one, and the longest a PAT may ask for', async () => {
    const { server, alice, create, created } = await fixture({ maxIdle: '90d' });
    const catalog = (await server.call<Catalog>('GET', '/pats/catalog', { token: alice })).body;
    assert.equal(catalog.max_idle, '90d');
    assert.equal((await created('default')).max_idle, '90d');
    assert.equal((await created('own', { max_idle: '30d' })).max_idle, '30d');
    const tooLong = await create({ name: 'long', max_idle: '120d' });
    assert.equal(tooLong.status, 400);
    assert.deepEqual(tooLong.body.details, [{ field: 'max_idle', message: "must be at most 90d (the server's maximum idle time)" }]);
  });

  it('applies at start to the PATs made before it; a PAT that ended stays ended, and lifting it later loosens nothing', async () => {
    const database = await openTestDatabase();
    closers.push(database.close);
    const before = await fixture({ db: database.db });
    const start = before.clock.ms;
    const unused = await before.created('unused');
    const used = await before.created('used');
    const own = await before.created('own', { max_idle: '30d' });
    const revoked = await before.created('revoked');
    assert.equal((await before.server.call('PATCH', `/pats/${revoked.id}/secret/revoke`, { token: before.alice })).status, 204);
    before.clock.advance(50 * DAY);
    assert.equal((await before.authorize(used.secret)).status, 200);
    await before.kit.flush();

    // Started again 70 days after the PATs were made, with a 60-day limit.
    const restarted = await fixture({ db: database.db, maxIdle: '60d', now: () => start + 70 * DAY });
    const status = async (id: string) => {
      const pat = await restarted.get(id);
      return [pat.status, pat.expired_reason, pat.max_idle, pat.idle_expires_at];
    };
    assert.deepEqual(await status(unused.id), ['expired', 'idle', '60d', iso(start + 60 * DAY)]);
    assert.deepEqual(await status(used.id), ['active', null, '60d', null], 'used on day 50: its 90-day lifetime ends first');
    assert.deepEqual(await status(own.id), ['expired', 'idle', '30d', iso(start + 30 * DAY)], 'its own, shorter limit stays');
    assert.deepEqual(await status(revoked.id), ['revoked', null, null, null]);
    assert.equal((await restarted.authorize(unused.secret)).status, 401);
    assert.equal((await restarted.authorize(used.secret)).status, 200);

    // Without the limit again: the PATs keep what they were given.
    const lifted = await fixture({ db: database.db, now: () => start + 71 * DAY });
    const unusedAfter = await lifted.get(unused.id);
    assert.deepEqual([unusedAfter.status, unusedAfter.max_idle], ['expired', '60d']);
    assert.equal((await lifted.get(used.id)).max_idle, '60d');
  });
});

/** Holds the write lock of a SQLite file with another connection's transaction (shorter than the busy timeout). */
function holdSqliteWrites(file: string): { release(): Promise<void> } {
  const holder = openConnection(file);
  holder.exec('begin immediate');
  return {
    async release() {
      holder.exec('commit');
      holder.close();
    },
  };
}

/** Holds a PAT's row locked on PostgreSQL until released: a write to it waits. */
async function holdPostgresRow(db: PatDatabase, id: string): Promise<{ release(): Promise<void> }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let locked!: () => void;
  const lockTaken = new Promise<void>((resolve) => (locked = resolve));
  const done = db.transaction().execute(async (trx) => {
    await sql`select id from pats where id = ${id} for update`.execute(trx);
    locked();
    await released;
  });
  await Promise.race([lockTaken, done]);
  return {
    async release() {
      release();
      await done;
    },
  };
}
