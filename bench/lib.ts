import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { freePort } from '../server/test/harness.js';

/** One line of the results table and of bench/results.json. */
export interface Result {
  name: string;
  value: number;
  unit: string;
  /** The budget as people read it (`"≥ 0.7"`, `"≤ 10"`), or null for a figure that is only reported. */
  budget: string | null;
  ok: boolean;
}

export const root = new URL('..', import.meta.url).pathname;

/** A result held to `value >= min`. */
export function atLeast(name: string, value: number, unit: string, min: number): Result {
  return { name, value, unit, budget: `≥ ${min}`, ok: value >= min };
}

/** A result held to `value <= max`. */
export function atMost(name: string, value: number, unit: string, max: number): Result {
  return { name, value, unit, budget: `≤ ${max}`, ok: value <= max };
}

/** A figure that is reported, not judged. */
export function reported(name: string, value: number, unit: string): Result {
  return { name, value, unit, budget: null, ok: true };
}

export function round(value: number, digits = 0): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The nearest-rank quantile: p99 of 300 samples is the 297th smallest. */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Writes what the kernel holds of the files just seeded to disk (`sync`): a figure that follows a
 * seed would otherwise share the machine with that writeback, which starts some 30 s later.
 */
export function writeBack(): void {
  spawnSync('sync', { stdio: 'ignore' });
}

/**
 * Reads a SQLite database (and its WAL) through once, so its pages are in the kernel's page cache
 * for the figure that follows: this VM's page cache shrinks by about 5 MB/s even when memory is
 * free, so of the 1M-PAT database, written over three minutes, a part is back on disk when its
 * checks begin (cold checks there: 9–13k checks/s with the cache dropped, 26–35k with the file
 * read). A figure measures the product's reads, not the disk's.
 */
export function readIntoPageCache(path: string): void {
  const buffer = Buffer.allocUnsafe(1 << 20);
  for (const file of [path, `${path}-wal`]) {
    let fd: number;
    try {
      fd = openSync(file, 'r');
    } catch {
      continue; // no WAL
    }
    try {
      while (readSync(fd, buffer, 0, buffer.length, null) > 0);
    } finally {
      closeSync(fd);
    }
  }
}

/** Logs progress to stderr, so stdout keeps only the table. */
export function log(message: string): void {
  process.stderr.write(`  · ${message}\n`);
}

export interface Child {
  url: string;
  pid: number;
  /** Resident set size now, in MB (VmRSS of /proc/<pid>/status). */
  rssMb(): number;
  /** The highest resident set size so far, in MB (VmHWM). */
  peakRssMb(): number;
  /** CPU time its main thread (the one that answers requests) has used so far, in µs. */
  mainThreadCpuUs(): number;
  stop(): Promise<void>;
}

function procStatusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no ${field} for process ${pid}`);
  return Number(match[1]) / 1024;
}

/** What /proc counts CPU time in on Linux (USER_HZ). */
const CLOCK_TICKS = 100;

/** utime + stime of a process's main thread (/proc/<pid>/task/<pid>/stat), in µs. */
function mainThreadCpuUs(pid: number): number {
  // The fields after the command's closing parenthesis: utime and stime are the 12th and 13th, in clock ticks.
  const fields = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8').split(') ').at(-1)!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLOCK_TICKS;
}

/**
 * Runs `node <args>` on 127.0.0.1 and a free port and waits until it answers HTTP. Its output is
 * drained and kept for errors.
 */
export async function startNodeServer(args: string[], env: Record<string, string>, { logFile }: { logFile?: string } = {}): Promise<Child> {
  const script = args.at(-1);
  const port = await freePort();
  // A busy log goes to a file, as in production: read through a pipe it would load this process.
  const log = logFile === undefined ? undefined : openSync(logFile, 'w');
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', log ?? 'pipe', 'pipe'],
  });
  if (log !== undefined) closeSync(log);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr!.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${script} exited (${child.exitCode}):\n${output}`);
    try {
      await fetch(`${url}/`);
      break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 30_000) {
      child.kill('SIGKILL');
      throw new Error(`${script} did not start:\n${output}`);
    }
    await sleep(100);
  }
  const pid = child.pid!;
  return {
    url,
    pid,
    rssMb: () => procStatusMb(pid, 'VmRSS'),
    peakRssMb: () => procStatusMb(pid, 'VmHWM'),
    mainThreadCpuUs: () => mainThreadCpuUs(pid),
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
