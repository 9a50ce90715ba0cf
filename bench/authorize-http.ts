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
 * The standalone server as `npm start` runs it (compiled, same node flags), on the seeded
 * database: its environment names it (PAT_DB or PAT_DATABASE_URL), the rest is the same for all.
 */
export async function startStandalone(seeded: Seeded, logLevel = 'warn'): Promise<Child> {
  buildServer();
  return startNodeServer(
    startCommandArgs(),
    { ...seeded.serverEnv, PAT_JWT_SECRET: BENCH_JWT_SECRET, NODE_ENV: 'production', LOG_LEVEL: logLevel },
    { logFile: join(seeded.dir, `server-${seeded.database}-${logLevel}-${Date.now()}.log`) },
  );
}

/**
 * `POST /api/authorize` on the standalone server against a bare Express route of the same shape,
 * all child processes, in alternating runs of 4 s (5 rounds), medians compared. The standalone
 * server runs at LOG_LEVEL=warn (the figure) and, unless `chatty` is false, also at
 * LOG_LEVEL=info (one log line per request, to a file), to show what the request log costs.
 */
export async function run(seeded: Seeded, { chatty = true }: { chatty?: boolean } = {}): Promise<Result[]> {
  const on = onDatabase(seeded);
  const tokens = sample(seeded.activeTokens, 1_000, 3);
  const runs = new Map<Child, Load[]>();
  const servers: Child[] = [];
  try {
    servers.push(await startNodeServer(['--import', 'tsx', 'bench/bare-server.ts'], {}));
    servers.push(await startStandalone(seeded));
    if (chatty) servers.push(await startStandalone(seeded, 'info'));
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
  const [bare, kit, loud] = servers.map((server) => runs.get(server)!);
  const rate = (loads: Load[]) => median(loads.map((load) => load.requestsPerSecond));
  const failures = [...kit!, ...(loud ?? [])].reduce((sum, load) => sum + load.non2xx + load.errors, 0);
  const list = (loads: Load[]) => loads.map((load) => round(load.requestsPerSecond)).join(', ');
  log(
    `authorize over HTTP${on}: bare ${list(bare!)} req/s; PAT Kit ${list(kit!)} req/s${loud ? `; at LOG_LEVEL=info ${list(loud)} req/s` : ''}`,
  );
  return [
    reported(`bare Express route, same shape (median)${on ? ', in the PostgreSQL run' : ''}`, round(rate(bare!)), 'req/s'),
    reported(`authorize over HTTP${on} (median)`, round(rate(kit!)), 'req/s'),
    atLeast(`authorize over HTTP${on} ÷ bare route`, round(rate(kit!) / rate(bare!), 2), 'ratio', 0.7),
    atMost(`authorize over HTTP${on}: non-2xx or errors under load`, failures, 'responses', 0),
    ...(loud ? [reported(`authorize over HTTP${on} at LOG_LEVEL=info ÷ bare route`, round(rate(loud) / rate(bare!), 2), 'ratio')] : []),
  ];
}
