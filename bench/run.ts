/**
 * `npm run bench`: measures PAT Kit's performance figures on this machine, prints the table,
 * writes bench/results.json and exits non-zero when a budget is missed. `npm run bench -- listing
 * memory` runs only the figures named. Not part of `npm test`. The figures named `…-postgres`
 * run on a throw-away PostgreSQL cluster (scripts/postgres.mjs), started when the first of them
 * comes and stopped at the end, whatever happened.
 */
import { scryptSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import * as authorizeHttp from './authorize-http.js';
import * as authorizeInProcess from './authorize-inprocess.js';
import * as bundle from './bundle.js';
import * as expiryScan from './expiry-scan.js';
import * as growth from './growth.js';
import { median, reported, root, round, writeBack, type Result } from './lib.js';
import * as listing from './listing.js';
import * as memory from './memory.js';
import * as render from './render.js';
import { startPostgres, type Postgres } from './postgres.js';
import { seed, seedPostgres, type Seeded, type SeededDatabase } from './seed.js';
import * as upstream from './upstream.js';
import * as writes from './writes.js';

interface Figure {
  name: string;
  /** The seeded database the figure runs on, if any. */
  needsSeed: SeededDatabase | false;
  run: (seeded: Seeded) => Promise<Result[]>;
}

const FIGURES: Figure[] = [
  { name: 'bundle', needsSeed: false, run: () => bundle.run() },
  { name: 'render', needsSeed: false, run: () => render.run() },
  { name: 'authorize-inprocess', needsSeed: 'sqlite', run: authorizeInProcess.run },
  { name: 'upstream', needsSeed: false, run: () => upstream.run() },
  { name: 'listing', needsSeed: 'sqlite', run: listing.run },
  // Before any server runs a minute on the seeded database: its own scan would leave this one's first run nothing to do.
  { name: 'expiry-scan', needsSeed: 'sqlite', run: expiryScan.run },
  { name: 'writes', needsSeed: false, run: () => writes.run() },
  { name: 'authorize-http', needsSeed: 'sqlite', run: authorizeHttp.run },
  { name: 'memory', needsSeed: 'sqlite', run: memory.run },
  { name: 'growth', needsSeed: 'sqlite', run: growth.run },
  // Last: the cluster starts only now, so it never shares the machine with the SQLite figures.
  { name: 'listing-postgres', needsSeed: 'postgres', run: listing.run },
  { name: 'authorize-http-postgres', needsSeed: 'postgres', run: (seeded) => authorizeHttp.run(seeded, { chatty: false }) },
];

function machine(): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}`;
}

/**
 * The machine's speed as a yardstick for comparing runs: one scrypt (N=16384, r=8, p=1, the
 * upstream's secret hashing) takes about as long as a few thousand checks, and scales with the
 * core's speed and the machine's load the way the figures do. Median of 9, in ms.
 */
function scryptMs(): number {
  const times: number[] = [];
  for (let i = 0; i < 9; i++) {
    const started = performance.now();
    scryptSync(`yardstick-${i}`, 'pat-kit-bench', 32, { N: 16384, r: 8, p: 1 });
    times.push(performance.now() - started);
  }
  return median(times);
}

function load(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
}

function format(value: number): string {
  if (!Number.isFinite(value)) return '—';
  return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** A Markdown table: what the README's Performance section shows. */
function table(results: Result[]): string {
  const lines = ['| figure | value | budget | |', '|---|---:|---|---|'];
  for (const result of results) {
    const verdict = result.budget === null ? 'reported' : result.ok ? 'pass' : '**MISS**';
    const budget = result.budget?.replace(/\d{4,}/g, (digits) => Number(digits).toLocaleString('en-US'));
    lines.push(`| ${result.name} | ${format(result.value)} ${result.unit} | ${budget ? `${budget} ${result.unit}` : '—'} | ${verdict} |`);
  }
  return lines.join('\n');
}

/**
 * A full collection of this process's heap, now: V8's `gc()`, exposed here alone. The growth
 * figure leaves a million seeded secrets behind; collected during a later figure, V8's
 * background marking and sweeping would share the machine with it.
 */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !FIGURES.some((figure) => figure.name === name));
  if (unknown.length > 0) throw new Error(`unknown figure ${unknown.join(', ')}; one of ${FIGURES.map((f) => f.name).join(', ')}`);
  const figures = wanted.length > 0 ? FIGURES.filter((figure) => wanted.includes(figure.name)) : FIGURES;

  const started = Date.now();
  process.stderr.write(`PAT Kit bench on ${machine()}; load average ${load()}\n`);
  const dir = mkdtempSync(join(tmpdir(), 'pat-kit-bench-'));
  const results: Result[] = [
    reported('machine speed: one scrypt (N=16384, r=8, p=1) before the figures, median of 9', round(scryptMs(), 1), 'ms'),
  ];
  // Each database is seeded once, when the first figure on it comes; a failed seed fails them all.
  const seeded = new Map<SeededDatabase, Promise<Seeded>>();
  let postgres: Postgres | undefined;
  // Stopped on Ctrl-C too: the cluster is a daemon of its own and would outlive this process.
  const interrupted = (signal: NodeJS.Signals) => {
    postgres?.stop();
    rmSync(dir, { recursive: true, force: true });
    process.kill(process.pid, signal);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  const seedNow = async (database: SeededDatabase): Promise<Seeded> => {
    let done: Seeded;
    if (database === 'sqlite') {
      process.stderr.write('▶ seed: 100k PATs × 5 scopes\n');
      done = await seed(join(dir, 'bench.db'));
    } else {
      process.stderr.write('▶ PostgreSQL: a throw-away cluster\n');
      const clusterStarted = Date.now();
      postgres = await startPostgres();
      process.stderr.write(`  · started in ${((Date.now() - clusterStarted) / 1000).toFixed(1)} s\n`);
      process.stderr.write('▶ seed PostgreSQL: 100k PATs × 5 scopes, VACUUM ANALYZE, CHECKPOINT\n');
      done = await seedPostgres(postgres.url, dir);
      postgres.checkpoint();
    }
    // The kernel writes dirty pages back 30 s after they were made: the seed's hundreds of MB
    // would otherwise be written during the figures (the throw-away cluster runs without fsync).
    writeBack();
    process.stderr.write(`  · seeded in ${done.seconds.toFixed(1)} s\n`);
    return done;
  };
  try {
    for (const figure of figures) {
      let figureStarted = Date.now();
      try {
        let on: Seeded | undefined;
        if (figure.needsSeed) {
          if (!seeded.has(figure.needsSeed)) seeded.set(figure.needsSeed, seedNow(figure.needsSeed));
          on = await seeded.get(figure.needsSeed)!;
        }
        // What the figures before left in this process is collected now, not during this one.
        collectGarbage();
        process.stderr.write(`▶ ${figure.name}\n`);
        figureStarted = Date.now();
        results.push(...(await figure.run(on!)));
      } catch (error) {
        process.stderr.write(`  ✗ ${figure.name} failed: ${(error as Error).stack ?? error}\n`);
        results.push({ name: `${figure.name}: the measurement failed`, value: NaN, unit: '', budget: 'runs', ok: false });
      }
      process.stderr.write(`  · ${((Date.now() - figureStarted) / 1000).toFixed(1)} s\n`);
    }
  } finally {
    postgres?.stop();
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    rmSync(dir, { recursive: true, force: true });
  }

  results.push(reported('machine speed: one scrypt (N=16384, r=8, p=1) after the figures, median of 9', round(scryptMs(), 1), 'ms'));
  console.log(`\n${table(results)}\n`);
  console.log(`${machine()}; load average ${load()} at the end; ${((Date.now() - started) / 1000).toFixed(0)} s in all.`);
  if (wanted.length === 0) writeFileSync(join(root, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
  else console.log('(a partial run: bench/results.json is left as it was)');
  const missed = results.filter((result) => !result.ok);
  if (missed.length > 0) {
    console.log(`${missed.length} budget(s) missed: ${missed.map((result) => result.name).join('; ')}`);
    process.exitCode = 1;
  } else {
    console.log('every budget met');
  }
}

await main();
