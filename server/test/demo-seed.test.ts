import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Pat, PatEventPage, PatPage, PatUsage, ScopePage } from '../../contract/index.js';
import { scenarios } from '../../mocks/scenarios.js';
import { seedDemo } from '../../scripts/demo-seed.js';
import { startServer, type TestServer } from './harness.js';

/**
 * `npm start`'s demo data (scripts/demo-seed.ts): the mocks' default scenario put into the real
 * database, read back through the API as the demo shows it.
 */

const servers: TestServer[] = [];
after(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

async function seededServer() {
  const server = await startServer({ trustProxy: 1 });
  servers.push(server);
  const now = server.clock.now();
  await seedDemo(server.db, { now });
  const mock = scenarios.default({ now, clock: () => now });
  const alice = await server.tokenFor('alice');
  const get = async <T>(path: string, token = alice) => {
    const answer = await server.call<T>('GET', path, { token });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    return answer.body;
  };
  return { server, mock, alice, get };
}

/** What the demo shows of an event: everything but its id, which each side makes its own. */
const shown = ({ events }: PatEventPage) => events.map(({ id: _id, ...event }) => event);

describe('demo seed', () => {
  it('puts in every demo user’s tokens, scopes, history and usage as the mocks show them', async () => {
    const { server, mock, get } = await seededServer();
    for (const user of ['alice', 'bob']) {
      const token = await server.tokenFor(user);
      const page = await get<PatPage>('/pats?status=all&limit=100&sort=name&dir=asc', token);
      const expected = mock.list(user, { offset: 0, limit: 100, status: 'all', sort: 'name', dir: 'asc' });
      assert.ok(page.total > 0, `${user} has tokens`);
      assert.deepEqual(page.pats, expected.pats, `${user}'s tokens`);
      for (const pat of page.pats as Pat[]) {
        const scopes = await get<ScopePage>(`/pats/${pat.id}/scope?limit=100`, token);
        assert.deepEqual(scopes.scopes, mock.listScopes(user, pat.id, 0, 100).scopes, `${pat.name}'s scopes`);
        const events = await get<PatEventPage>(`/pats/${pat.id}/events?limit=100`, token);
        assert.deepEqual(shown(events), shown(mock.listPatEvents(user, pat.id, 0, 100)), `${pat.name}'s history`);
        const usage = await get<PatUsage>(`/pats/${pat.id}/usage?days=90`, token);
        assert.deepEqual(usage, mock.usage(user, pat.id, 90), `${pat.name}'s usage`);
      }
    }
    const all = await get<PatEventPage>('/events?limit=100');
    assert.deepEqual(shown(all), shown(mock.listEvents('alice', 0, 100)), 'alice’s whole history, in the same order');
    const grafana = (await get<PatPage>('/pats?name=Grafana')).pats[0]!;
    assert.ok(
      (await get<PatUsage>(`/pats/${grafana.id}/usage`)).days.some((day) => day.allowed > 0),
      'a chart with bars',
    );
  });

  it('remembers the addresses the tokens were used from: a use from one is not a new address', async () => {
    const { server, alice, get } = await seededServer();
    const grafana = (await get<PatPage>('/pats?name=Grafana')).pats[0]!;
    assert.equal(grafana.last_used_ip, '172.18.0.5');
    // Its secret was shown to no one: a new one, to use it.
    const reset = await server.call('PATCH', `/pats/${grafana.id}/secret/reset`, { token: alice, body: { duration: '30d' } });
    assert.equal(reset.status, 200, JSON.stringify(reset.body));
    const authorize = (ip: string) =>
      server.call('POST', '/authorize', {
        token: reset.body.secret,
        body: { entity_type: 'dashboards', operation: 'read', entity_id: 'ops' },
        headers: { 'x-forwarded-for': ip },
      });
    const before = (await get<PatEventPage>(`/pats/${grafana.id}/events?limit=100`)).total;
    await authorize('172.18.0.5');
    await server.app.locals.patKit.flush();
    assert.equal((await get<PatEventPage>(`/pats/${grafana.id}/events?limit=100`)).total, before, 'no event: a known address');
    await authorize('192.0.2.44');
    await server.app.locals.patKit.flush();
    const [newest] = (await get<PatEventPage>(`/pats/${grafana.id}/events?limit=1`)).events;
    assert.equal(newest!.kind, 'new_address');
    assert.equal(newest!.ip, '192.0.2.44');
  });
});
