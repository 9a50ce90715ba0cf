import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sample } from './authorize-inprocess.js';
import { authorizeLoad, BENCH_JWT_SECRET, type Load } from './http-load.js';
import { atLeast, atMost, log, median, reported, root, round, startNodeServer, type Child, type Result } from './lib.js';
import { onDatabase, type Seeded } from './seed.js';

const ROUNDS = 9;
const SECONDS = 3;

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

/** One run of load on one server: its rate, and its main thread's CPU time per request. */
interface Measured extends Load {
  cpuUsPerRequest: number;
}

async function measure(server: Child, tokens: string[]): Promise<Measured> {
  const cpuBefore = server.mainThreadCpuUs();
  const load = await authorizeLoad(server.url, tokens, { seconds: SECONDS });
  return { ...load, cpuUsPerRequest: (server.mainThreadCpuUs() - cpuBefore) / Math.max(1, load.total) };
}

/**
 * `POST /api/authorize` on the standalone server against a bare Express route of the same shape,
 * all child processes, in alternating runs of 3 s (9 rounds). A round's runs are seconds apart,
 * so their ratio is little moved by the machine's drift: the figure is the median of the rounds'
 * ratios. The CPU time each server's main thread spends per request is reported beside it. The
 * standalone server runs as `npm start` runs it, one log line per request (the figure), and,
 * unless `chatty` is false, also at LOG_LEVEL=warn, to show what the request log costs.
 */
export async function run(seeded: Seeded, { chatty = true }: { chatty?: boolean } = {}): Promise<Result[]> {
  const on = onDatabase(seeded);
  const tokens = sample(seeded.activeTokens, 1_000, 3);
  const runs = new Map<Child, Measured[]>();
  const servers: Child[] = [];
  try {
    servers.push(await startNodeServer(['--import', 'tsx', 'bench/bare-server.ts'], {}));
    servers.push(await startStandalone(seeded));
    if (chatty) {
      servers.push(await startStandalone(seeded, 'warn'));
      servers.push(await startNodeServer(['--import', 'tsx', 'bench/bare-server.ts'], { BARE_SERVER: 'createExpressServer' }));
    }
    // Warm-up: JIT on every side, and every token's grants in the caches.
    for (const server of servers) await authorizeLoad(server.url, tokens, { seconds: 2 });
    for (const server of servers) runs.set(server, []);
    for (let i = 0; i < ROUNDS; i++) {
      // The order turns every round, so a drift of the machine's speed weighs on all alike.
      for (let j = 0; j < servers.length; j++) {
        const server = servers[(i + j) % servers.length]!;
        runs.get(server)!.push(await measure(server, tokens));
      }
    }
  } finally {
    for (const server of servers) await server.stop();
  }
  const [bare, kit, quiet, bareCreated] = servers.map((server) => runs.get(server)!) as [
    Measured[],
    Measured[],
    Measured[] | undefined,
    Measured[] | undefined,
  ];
  const rate = (loads: Measured[]) => median(loads.map((load) => load.requestsPerSecond));
  const ratio = (loads: Measured[], to = bare) => median(loads.map((load, i) => load.requestsPerSecond / to[i]!.requestsPerSecond));
  const cpu = (loads: Measured[]) => median(loads.map((load) => load.cpuUsPerRequest));
  const failures = [...kit, ...(quiet ?? [])].reduce((sum, load) => sum + load.non2xx + load.errors, 0);
  const list = (loads: Measured[]) => loads.map((load) => round(load.requestsPerSecond)).join(', ');
  log(
    `authorize over HTTP${on}: bare ${list(bare)} req/s; PAT Kit ${list(kit)} req/s${quiet ? `; at LOG_LEVEL=warn ${list(quiet)} req/s` : ''}` +
      (bareCreated ? `; bare on createExpressServer ${list(bareCreated)} req/s` : ''),
  );
  return [
    reported(`bare Express route, same shape (median)${on ? ', in the PostgreSQL run' : ''}`, round(rate(bare)), 'req/s'),
    reported(`authorize over HTTP${on}, as npm start runs it (log line per request) (median)`, round(rate(kit)), 'req/s'),
    atLeast(`authorize over HTTP${on}, as npm start runs it ÷ bare route (median of the rounds)`, round(ratio(kit), 2), 'ratio', 0.85),
    reported(`bare Express route: main thread's CPU per request (median)${on ? ', in the PostgreSQL run' : ''}`, round(cpu(bare)), 'µs'),
    reported(`authorize over HTTP${on}, as npm start runs it: main thread's CPU per request (median)`, round(cpu(kit)), 'µs'),
    atMost(`authorize over HTTP${on}: non-2xx or errors under load`, failures, 'responses', 0),
    ...(quiet
      ? [reported(`authorize over HTTP${on} at LOG_LEVEL=warn (no request log) ÷ bare route`, round(ratio(quiet), 2), 'ratio')]
      : []),
    // The bare route on the server the standalone one uses (createExpressServer): what is left of the check's own cost.
    ...(bareCreated
      ? [
          reported('bare Express route on createExpressServer (median)', round(rate(bareCreated)), 'req/s'),
          reported(
            'authorize over HTTP, as npm start runs it ÷ bare route on createExpressServer',
            round(ratio(kit, bareCreated), 2),
            'ratio',
          ),
        ]
      : []),
  ];
}
