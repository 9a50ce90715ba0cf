import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { buildSecret, type Notification, type PatEventPage } from '../../contract/index.js';
import { startServer, type TestServer } from './harness.js';

/**
 * `POST /pats/leaked`: reports of found secrets, signed with the leak report key; each live
 * PAT among them revoked at once, recorded on its timeline and told to the webhooks.
 */

const KEY = 'leak-report-key-that-is-long-enough-0123456789';
const scopes = [{ entity_type: 'clients', operation: 'read', entity_id: '*' }];
const readClient = { entity_type: 'clients', operation: 'read', entity_id: 'c1' };
const WHERE = { url: 'https://github.com/acme/edge/blob/4f1c2e9/.env', source: 'acme-secret-scanner' };

const servers: TestServer[] = [];
after(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

function sign(body: string, key = KEY): string {
  return `sha256=${createHmac('sha256', key).update(body).digest('hex')}`;
}

async function fixture(options: Parameters<typeof startServer>[0] = {}) {
  const notified: Notification[] = [];
  const server = await startServer({ leakReportKey: KEY, onEvent: (notification) => void notified.push(notification), ...options });
  servers.push(server);
  const alice = await server.tokenFor('alice');
  async function create(name: string, duration = '30d') {
    const answer = await server.call('POST', '/pats', { token: alice, body: { name, duration, scopes } });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    return answer.body as { id: string; secret: string };
  }
  const report = (entries: unknown, signature?: string, headers: Record<string, string> = {}) => {
    const raw = JSON.stringify(entries);
    return server.call('POST', '/pats/leaked', {
      raw,
      headers: {
        'content-type': 'application/json',
        'pat-kit-signature': signature ?? sign(raw),
        'user-agent': 'acme-scanner/2.1',
        ...headers,
      },
    });
  };
  const get = async (id: string) => (await server.call('GET', `/pats/${id}`, { token: alice })).body;
  const events = async (id: string) => (await server.call<PatEventPage>('GET', `/pats/${id}/events`, { token: alice })).body.events;
  return { server, alice, create, report, get, events, notified, kit: server.app.locals.patKit };
}

describe('leak reports', () => {
  it('revoke each live PAT reported, and tell of each secret only what became of it', async () => {
    const { server, alice, create, report, get, events, notified, kit } = await fixture();
    const live = await create('leaky');
    const other = await create('also leaky');
    const revoked = await create('revoked already');
    assert.equal((await server.call('PATCH', `/pats/${revoked.id}/secret/revoke`, { token: alice })).status, 204);
    const expired = await create('short', '1h');
    server.clock.advance(3_600_001);
    const unknown = buildSecret(randomUUID(), randomBytes(32));
    const wrongSecret = buildSecret(other.id, randomBytes(32));
    const answer = await report([
      { token: live.secret, ...WHERE },
      { token: live.secret, ...WHERE },
      { token: unknown },
      { token: 'pat_not_a_secret' },
      { token: wrongSecret },
      { token: revoked.secret },
      { token: expired.secret },
      { token: other.secret },
    ]);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.deepEqual(
      answer.body.results.map((result: { status: string }) => result.status),
      ['revoked', 'already_inactive', 'unknown', 'unknown', 'unknown', 'already_inactive', 'already_inactive', 'revoked'],
    );
    assert.deepEqual(Object.keys(answer.body.results[0]), ['status'], 'nothing about whose it was');

    const pat = await get(live.id);
    assert.equal(pat.status, 'revoked');
    assert.deepEqual(pat.leak, { reported_at: new Date(server.clock.now()).toISOString(), ...WHERE });
    assert.equal((await get(other.id)).leak.url, '', 'a report without a url');
    assert.equal((await get(revoked.id)).leak, null, 'revoked by its owner, not by the report');
    assert.equal((await server.call('POST', '/authorize', { token: live.secret, body: readClient })).status, 401);

    const leaked = (await events(live.id)).find((event) => event.kind === 'leaked');
    assert.equal(leaked!.kind, 'leaked');
    assert.deepEqual(leaked!.details, WHERE);
    assert.equal(leaked!.actor, 'system');
    assert.equal(leaked!.user_agent, 'acme-scanner/2.1');
    assert.equal((await events(live.id)).filter((event) => event.kind === 'leaked').length, 1, 'the repeat wrote nothing');

    await kit.flush();
    const told = notified.filter((notification) => notification.type === 'pat.leaked');
    assert.deepEqual(
      told.map((notification) => [notification.data.pat.id, notification.data.leak]).sort(),
      [
        [live.id, WHERE],
        [other.id, { url: '', source: '' }],
      ].sort(),
    );
    assert.equal(notified.filter((notification) => notification.type === 'pat.revoked').length, 1, 'only the owner’s revoke');

    // Reported again later: nothing changes.
    assert.deepEqual((await report([{ token: live.secret, ...WHERE }])).body, { results: [{ status: 'already_inactive' }] });
  });

  it('a regenerated PAT is no longer leaked: its new secret works', async () => {
    const { server, alice, create, report, get } = await fixture();
    const pat = await create('rotated');
    assert.equal((await report([{ token: pat.secret, ...WHERE }])).body.results[0].status, 'revoked');
    const reset = await server.call('PATCH', `/pats/${pat.id}/secret/reset`, { token: alice, body: { duration: '7d' } });
    assert.equal(reset.status, 200);
    assert.equal(reset.body.leak, null);
    assert.equal((await get(pat.id)).status, 'active');
    assert.equal((await server.call('POST', '/authorize', { token: reset.body.secret, body: readClient })).status, 200);
    assert.equal((await report([{ token: pat.secret }])).body.results[0].status, 'unknown', 'the old secret is no PAT’s now');
  });

  it('refuses a report not signed with the key, before reading it', async () => {
    const { create, report, get } = await fixture();
    const pat = await create('safe');
    const entries = [{ token: pat.secret }];
    const raw = JSON.stringify(entries);
    for (const signature of [
      '',
      'sha256=',
      sign(raw, 'another-key-that-is-long-enough-0123456789'),
      sign(`${raw} `),
      sign(raw).toUpperCase(),
      sign(raw).slice(7),
    ]) {
      const answer = await report(entries, signature);
      assert.equal(answer.status, 401, signature);
      assert.equal(answer.body.error, 'unauthenticated');
    }
    const unsigned = await report(entries, undefined, { 'pat-kit-signature': '' });
    assert.equal(unsigned.status, 401);
    assert.equal((await get(pat.id)).status, 'active');
    // A user's sign-in is no key.
    assert.equal((await report([{ token: 'x' }], 'Bearer whatever')).status, 401);
  });

  it('validates the report: a list of 1 to 100 secrets, each field bounded', async () => {
    const { report } = await fixture();
    const field = async (entries: unknown) => {
      const answer = await report(entries);
      assert.equal(answer.status, 400, JSON.stringify(answer.body));
      return answer.body.details[0];
    };
    assert.deepEqual(await field([]), { field: 'body', message: 'must name at least one secret' });
    assert.deepEqual(await field(Array.from({ length: 101 }, () => ({ token: 'x' }))), {
      field: 'body',
      message: 'may name at most 100 secrets',
    });
    assert.deepEqual(await field({ token: 'x' }), { field: 'body', message: 'must be a JSON array of found secrets' });
    assert.deepEqual(await field([{ token: 'x'.repeat(257) }]), { field: '[0].token', message: 'must be at most 256 characters' });
    assert.deepEqual(await field([{ token: 'x', url: 'u'.repeat(2049) }]), {
      field: '[0].url',
      message: 'must be at most 2048 characters',
    });
    assert.deepEqual(await field([{ token: 'x', source: 's'.repeat(129) }]), {
      field: '[0].source',
      message: 'must be at most 128 characters',
    });
    assert.deepEqual(await field([{ token: 'x', owner: 'alice' }]), { field: '[0].owner', message: 'is not a known field' });
    assert.deepEqual(await field(['pat_x']), { field: '[0]', message: 'must be an object' });
  });

  it('is no route without a key', async () => {
    const { report } = await fixture({ leakReportKey: undefined });
    const answer = await report([{ token: 'x' }]);
    assert.equal(answer.status, 401, 'the /pats paths want a user');
    assert.equal(answer.body.message, 'Sign in first: the request needs a valid user access token.');
  });
});
