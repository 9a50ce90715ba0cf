import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { startStandalone } from './authorize-http.js';
import { BENCH_JWT_SECRET } from './http-load.js';
import type { ListingClientConfig } from './listing-client.js';
import { atMost, log, quantile, reported, root, round, startNodeServer, type Child, type Result } from './lib.js';
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

/** A user token of LISTER, for the standalone server. */
function listerToken(): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(LISTER)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(BENCH_JWT_SECRET));
}

/** Runs the client (bench/listing-client.ts) in a process of its own: each URL's times. */
function runClient(config: ListingClientConfig): Promise<number[][]> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(root, 'bench/listing-client.ts'), JSON.stringify(config)],
      { cwd: root, maxBuffer: 64 * 2 ** 20 },
      (error, stdout, stderr) =>
        error ? reject(new Error(`the listing client failed: ${stderr || error.message}`)) : resolve(JSON.parse(stdout) as number[][]),
    );
  });
}

/** The listing's queries from each of `servers`, the client taking all of them in turn: each server's times, by query. */
async function timeInTurn(servers: Child[], queries: string[], token: string): Promise<number[][][]> {
  const urls = servers.flatMap((server) => queries.map((query) => `${server.url}/api/pats${query}`));
  const timesOf = await runClient({ urls, token, requests: REQUESTS, warmupMs: WARMUP_MS, pageSize: 10 });
  return servers.map((_, index) => timesOf.slice(index * queries.length, (index + 1) * queries.length));
}

/** A query's p99, with its p50 and p99 logged after `prefix`. */
function loggedP99(prefix: string, query: string, times: number[]): number {
  log(`${prefix}GET /api/pats${query}: p50 ${round(quantile(times, 0.5), 2)} ms, p99 ${round(quantile(times, 0.99), 2)} ms`);
  return quantile(times, 0.99);
}

/**
 * `GET /api/pats` pages of 10 from a standalone server on each seeded database (SQLite or
 * PostgreSQL), for LISTER and their 10k PATs: each database's figures. The servers run at once
 * and the client takes all their queries in turn, so a drift of the machine weighs on each
 * alike (growth compares two databases). `labels` name the databases in the log.
 */
export async function measure(databases: Seeded[], labels: string[] = []): Promise<Result[][]> {
  const token = await listerToken();
  const servers: Child[] = [];
  try {
    for (const seeded of databases) servers.push(await startStandalone(seeded));
    for (const server of servers) {
      const first = await fetch(`${server.url}/api/pats?status=all&limit=1`, { headers: { authorization: `Bearer ${token}` } });
      const { total } = (await first.json()) as { total: number };
      if (total !== LISTER_PATS) throw new Error(`${LISTER} has ${total} PATs, not ${LISTER_PATS}`);
    }
    const queries = cases('').flatMap((entry) => entry.queries);
    const timesOf = await timeInTurn(servers, queries, token);
    return databases.map((seeded, index) =>
      cases(onDatabase(seeded)).map(({ name, queries: ofCase }) => {
        const prefix = labels[index] ? `${labels[index]}: ` : '';
        const p99s = ofCase.map((query) => loggedP99(prefix, query, timesOf[index]![queries.indexOf(query)]!));
        return atMost(name, round(Math.max(...p99s), 2), 'ms', 5);
      }),
    );
  } finally {
    for (const server of servers) await server.stop();
  }
}

/**
 * The yardstick on PostgreSQL: the same statements from a bare Express route
 * (bench/bare-listing-server.ts), and a standalone server beside it, the client taking the two
 * servers' queries in turn, so that both meet the same moments of the machine. Says how much of
 * the figure this machine's hand-offs between three processes take, whatever the server does
 * between them. Reported, not judged: the figure itself is the one above, the server alone.
 */
async function yardstick(seeded: Seeded): Promise<Result[]> {
  const queries = cases('').flatMap((entry) => entry.queries);
  const servers: Child[] = [];
  try {
    servers.push(await startStandalone(seeded));
    servers.push(
      await startNodeServer(['--import', 'tsx', 'bench/bare-listing-server.ts'], {
        ...seeded.serverEnv,
        LISTING_QUERIES: JSON.stringify(queries),
      }),
    );
    const [beside, bare] = await timeInTurn(servers, queries, await listerToken());
    const worst = (label: string, times: number[][]) =>
      Math.max(...queries.map((query, index) => loggedP99(`${label}: `, query, times[index]!)));
    const on = onDatabase(seeded);
    return [
      reported(
        `listing p99${on}, beside the yardstick (requests in turn, worst query)`,
        round(worst('beside the bare route', beside!), 2),
        'ms',
      ),
      reported(
        `listing p99${on}, yardstick: a bare Express route running the same statements through pg (worst query)`,
        round(worst('bare route', bare!), 2),
        'ms',
      ),
    ];
  } finally {
    for (const server of servers) await server.stop();
  }
}

/** The listing figures on one seeded database, and on PostgreSQL the yardstick's. */
export async function run(seeded: Seeded): Promise<Result[]> {
  const figures = (await measure([seeded]))[0]!;
  return seeded.database === 'postgres' ? [...figures, ...(await yardstick(seeded))] : figures;
}
