import { Agent, get as httpGet } from 'node:http';
import { SignJWT } from 'jose';
import { startStandalone } from './authorize-http.js';
import { BENCH_JWT_SECRET } from './http-load.js';
import { atMost, log, quantile, round, type Result } from './lib.js';
import { LISTER, LISTER_PATS, NAME_SEARCH, onDatabase, type Seeded } from './seed.js';

/** Per query: a p99 of 1,000 times is the 10th worst, not the 3rd. */
const REQUESTS = 1_000;
const WARMUP_MS = 4_000;

interface Case {
  name: string;
  queries: string[];
}

/**
 * Every sort key in both directions, and a name search; the status filter is the table's default
 * (active). `on` names the database in the figures' names (nothing for SQLite).
 */
function cases(on: string): Case[] {
  return [
    ...(['issued_at', 'expires_at', 'name', 'last_used_at'] as const).map((sort) => ({
      name: `listing p99${on}, sort=${sort} (worse of asc, desc)`,
      queries: ['asc', 'desc'].map((dir) => `?limit=10&sort=${sort}&dir=${dir}`),
    })),
    { name: `listing p99${on}, name search "${NAME_SEARCH}"`, queries: [`?limit=10&name=${NAME_SEARCH}`] },
  ];
}

/** GET `url` on a kept-alive connection: the status and the body as text. */
function get(agent: Agent, url: string, token: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpGet(url, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    request.on('error', reject);
  });
}

/** One request: milliseconds from sending to the whole body read, and the page checked. */
async function timeRequest(agent: Agent, url: string, token: string): Promise<number> {
  const started = performance.now();
  const { status, body } = await get(agent, url, token);
  const elapsed = performance.now() - started;
  const page = JSON.parse(body) as { pats?: unknown[] };
  if (status !== 200 || page.pats?.length !== 10) throw new Error(`${url}: ${status} ${body.slice(0, 200)}`);
  return elapsed;
}

/**
 * `GET /api/pats` pages of 10 from the standalone server on the seeded database (SQLite or
 * PostgreSQL), for LISTER and their 10k PATs.
 */
export async function run(seeded: Seeded): Promise<Result[]> {
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(LISTER)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(BENCH_JWT_SECRET));
  const server = await startStandalone(seeded);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const results: Result[] = [];
  const measured = cases(onDatabase(seeded));
  try {
    const { total } = JSON.parse((await get(agent, `${server.url}/api/pats?status=all&limit=1`, token)).body) as { total: number };
    if (total !== LISTER_PATS) throw new Error(`${LISTER} has ${total} PATs, not ${LISTER_PATS}`);
    // Warm-up over every query first (JIT, the database's page cache), so no case pays for being first.
    const urls = measured.flatMap((entry) => entry.queries).map((query) => `${server.url}/api/pats${query}`);
    for (const began = Date.now(); Date.now() - began < WARMUP_MS;) {
      for (const url of urls) await timeRequest(agent, url, token);
    }
    // Round-robin over the queries, one request at a time: a slow second of this shared machine
    // lands on every query a little, not on whichever query was being timed then.
    const times = new Map(urls.map((url) => [url, [] as number[]]));
    for (let pass = 0; pass < REQUESTS; pass++) {
      for (const url of urls) times.get(url)!.push(await timeRequest(agent, url, token));
    }
    for (const { name, queries } of measured) {
      const p99s = queries.map((query) => {
        const of = times.get(`${server.url}/api/pats${query}`)!;
        log(`GET /api/pats${query}: p50 ${round(quantile(of, 0.5), 2)} ms, p99 ${round(quantile(of, 0.99), 2)} ms`);
        return quantile(of, 0.99);
      });
      results.push(atMost(name, round(Math.max(...p99s), 2), 'ms', 5));
    }
  } finally {
    agent.destroy();
    await server.stop();
  }
  return results;
}
