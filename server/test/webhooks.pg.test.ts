import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import type { Notification } from '../../contract/index.js';
import { openDatabase, type PatDatabase } from '../db/database.js';
import { createPatKit, type PatKit } from '../router.js';
import { JWT_SECRET, openTestDatabase, signUserToken, listen, type Listening, type TestDatabase } from './harness.js';
import express from 'express';

/**
 * Two instances on one PostgreSQL database deliver each notification once: the outbox's rows are
 * claimed with FOR UPDATE SKIP LOCKED and leased. PostgreSQL only: scripts/test.mjs runs it with
 * PAT_TEST_DATABASE_URL.
 */

if (!process.env.PAT_TEST_DATABASE_URL) {
  throw new Error(
    'server/test/webhooks.pg.test.ts needs PostgreSQL: set PAT_TEST_DATABASE_URL=postgres://user:password@host:port/database; `npm test` sets it for its PostgreSQL pass',
  );
}

const SECRET = `whsec_${randomBytes(32).toString('base64')}`;
const scopes = [{ entity_type: 'clients', operation: 'read', entity_id: '*' }];

const opened: { close(): Promise<void> }[] = [];
after(async () => {
  for (const each of opened.reverse()) await each.close();
});

describe('notifications on two instances', () => {
  it('are each delivered once, whichever instance made them and however both poll', async () => {
    // A slow receiver: an attempt is still under way when the other instance polls.
    const received: Notification[] = [];
    const hook = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk));
      req.on('end', () => {
        received.push(JSON.parse(body) as Notification);
        setTimeout(() => res.end('ok'), 30);
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    opened.push({ close: () => new Promise<void>((resolve) => hook.close(() => resolve())) });
    const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;

    const database: TestDatabase = await openTestDatabase();
    opened.push(database);
    const second: PatDatabase = await openDatabase(database.url!);
    opened.push({ close: () => second.destroy() });

    const instances: { kit: PatKit; api: Listening }[] = [];
    for (const db of [database.db, second]) {
      const kit = createPatKit({
        db,
        jwtSecret: JWT_SECRET,
        logger: pino({ level: 'silent' }),
        webhookUrls: [url],
        webhookSecret: SECRET,
        webhooks: { pollMs: 5, timeoutMs: 2_000 },
      });
      const app = express();
      app.use('/api', kit.router);
      const api = await listen(app);
      opened.push({ close: async () => (await api.close(), await kit.close()) });
      instances.push({ kit, api });
    }

    const token = await signUserToken('alice');
    const ids: string[] = [];
    for (let n = 0; n < 40; n++) {
      const { api } = instances[n % 2]!;
      const created = await api.call('POST', '/api/pats', { token, body: { name: `pat-${n}`, duration: '30d', scopes } });
      assert.equal(created.status, 201);
      assert.equal((await api.call('PATCH', `/api/pats/${created.body.id}/secret/revoke`, { token })).status, 204);
      ids.push(created.body.id);
    }

    const deadline = Date.now() + 15_000;
    while (received.length < ids.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    // Both keep polling a while longer: a second delivery would show now.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await Promise.all(instances.map(({ kit }) => kit.flush()));

    assert.equal(received.length, ids.length, 'one delivery per notification');
    assert.deepEqual(new Set(received.map((notification) => notification.id)).size, ids.length, 'no id twice');
    assert.deepEqual(new Set(received.map((notification) => notification.data.pat.id)), new Set(ids));
    const rows = await database.db.selectFrom('pat_deliveries').select(['attempts', 'delivered_at']).execute();
    assert.equal(rows.length, ids.length);
    assert.ok(rows.every((row) => row.attempts === 1 && row.delivered_at !== null));
  });
});
