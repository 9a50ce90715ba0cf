import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sample } from './authorize-inprocess.js';
import { authorizeLoad, BENCH_JWT_SECRET, type Load } from './http-load.js';
import { atLeast, atMost, log, median, reported, root, round, startNodeServer, type Child, type Result } from './lib.js';
import { onDatabase, type Seeded } from './seed.js';

const ROUNDS = 5;
const SECONDS = 4;

/** `npm start`'s last step, the node command that runs the compiled server: `node <args>`. */
function startCommandArgs(): string[] {
  const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const [node, ...args] = scripts.start.split('&&').at(-1)!.trim().split(/\s+/);
  if (node !== 'node') throw new Error(`npm start no longer ends in a node command: ${scripts.start}`);
  return args;
}

let built = false;

/** Compiles the server once per bench run, as `npm start` does before it starts it. */
function buildServer(): void {
  if (built) return;
  const result = spawnSync('npm', ['run', 'build:server', '--silent'], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`npm run build:server failed:\n${result.stdout}${result.stderr}`);
  built = true;
}

/**
 * The standalone server as `npm start` runs it (compiled, same node flags, demo mode on, one log
 * line per request at the default LOG_LEVEL=info, to a file), on the seeded database: its
 * environment names it (PAT_DB or PAT_DATABASE_URL), and user tokens signed with
 * BENCH_JWT_SECRET are accepted beside the demo's.
 */
export async function startStandalone(seeded: Seeded, logLevel = 'info'): Promise<Child> {
  buildServer();
  return startNodeServer(
    startCommandArgs(),
    { ...seeded.serverEnv, PAT_JWT_SECRET: BENCH_JWT_SECRET, PAT_DEMO: '1', LOG_LEVEL: logLevel },
    { logFile: join(seeded.dir, `server-${seeded.database}-${logLevel}-${Date.now()}.log`) },
  );
}

/**
 * `POST /api/authorize` on the standalone server against a bare Express route of the same shape,
 * all child processes, in alternating runs of 4 s (5 rounds), medians compared. The standalone
 * server runs as `npm start` runs it, one log line per request (the figure), and, unless `chatty`
 * is false, also at LOG_LEVEL=warn, to show what the request log costs.
 */
export async function run(seeded: Seeded, { chatty = true }: { chatty?: boolean } = {}): Promise<Result[]> {
  const on = onDatabase(seeded);
  const tokens = sample(seeded.activeTokens, 1_000, 3);
  const runs = new Map<Child, Load[]>();
  const servers: Child[] = [];
  try {
    servers.push(await startNodeServer(['--import', 'tsx', 'bench/bare-server.ts'], {}));
    servers.push(await startStandalone(seeded));
    if (chatty) servers.push(await startStandalone(seeded, 'warn'));
    // Warm-up: JIT on every side, and every token's grants in the caches.
    for (const server of servers) await authorizeLoad(server.url, tokens, { seconds: 2 });
    for (let i = 0; i < ROUNDS; i++) {
      // The order turns every round, so a drift of the machine's speed weighs on all alike.
      for (let j = 0; j < servers.length; j++) {
        const server = servers[(i + j) % servers.length]!;
        runs.set(server, [...(runs.get(server) ?? []), await authorizeLoad(server.url, tokens, { seconds: SECONDS })]);
      }
    }
  } finally {
    for (const server of servers) await server.stop();
  }
  const [bare, kit, quiet] = servers.map((server) => runs.get(server)!);
  const rate = (loads: Load[]) => median(loads.map((load) => load.requestsPerSecond));
  const failures = [...kit!, ...(quiet ?? [])].reduce((sum, load) => sum + load.non2xx + load.errors, 0);
  const list = (loads: Load[]) => loads.map((load) => round(load.requestsPerSecond)).join(', ');
  log(
    `authorize over HTTP${on}: bare ${list(bare!)} req/s; PAT Kit ${list(kit!)} req/s${quiet ? `; at LOG_LEVEL=warn ${list(quiet)} req/s` : ''}`,
  );
  return [
    reported(`bare Express route, same shape (median)${on ? ', in the PostgreSQL run' : ''}`, round(rate(bare!)), 'req/s'),
    reported(`authorize over HTTP${on}, as npm start runs it (log line per request) (median)`, round(rate(kit!)), 'req/s'),
    atLeast(`authorize over HTTP${on}, as npm start runs it ÷ bare route`, round(rate(kit!) / rate(bare!), 2), 'ratio', 0.85),
    atMost(`authorize over HTTP${on}: non-2xx or errors under load`, failures, 'responses', 0),
    ...(quiet
      ? [reported(`authorize over HTTP${on} at LOG_LEVEL=warn (no request log) ÷ bare route`, round(rate(quiet) / rate(bare!), 2), 'ratio')]
      : []),
  ];
}
