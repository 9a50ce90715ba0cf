import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { openDatabase } from '../server/db/database.js';
import { createPatKit } from '../server/router.js';
import { atMost, log, median, reported, round, type Result } from './lib.js';
import type { Seeded } from './seed.js';

const RUNS = 20;

/**
 * The expiry scan (`kit.scan()`: expired events, expiry notices, retention sweeps) on a copy of
 * the seeded database (100k PATs): the first run, which catches up with every PAT that expired
 * before (an `expired` event each), then the steady state, a run a minute as each instance does,
 * with nothing due: what the timer costs at 100k PATs.
 */
export async function run(seeded: Seeded): Promise<Result[]> {
  const file = join(seeded.dir, 'expiry-scan.db');
  copyFileSync(seeded.target, file);
  const db = await openDatabase(file);
  const kit = createPatKit({ db, jwtSecret: 'bench-only-secret-bench-only-secret', logger: pino({ level: 'silent' }) });
  try {
    let began = performance.now();
    await kit.scan();
    const first = performance.now() - began;
    const expired = await db
      .selectFrom('pat_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('kind', '=', 'expired')
      .executeTakeFirstOrThrow();
    const times: number[] = [];
    for (let n = 0; n < RUNS; n++) {
      began = performance.now();
      await kit.scan();
      times.push(performance.now() - began);
    }
    log(`expiry scan: first ${round(first)} ms (${expired.n} expired events); then ${times.map((ms) => round(ms, 2)).join(', ')} ms`);
    return [
      reported('expiry scan, 100k PATs, first run (an expired event for each PAT expired before)', round(first), 'ms'),
      atMost('expiry scan and retention sweeps, 100k PATs, nothing due (median of 20)', round(median(times), 2), 'ms', 5),
    ];
  } finally {
    await kit.close();
    await db.destroy();
  }
}
