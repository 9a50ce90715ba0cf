import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { openDatabase } from '../server/db/database.js';
import { createPatKit } from '../server/router.js';
import { CHECKS_PER_TURN, sample } from './authorize-inprocess.js';
import { atLeast, atMost, log, quantile, readIntoPageCache, reported, round, writeBack, type Result } from './lib.js';
import * as listing from './listing.js';
import { GRANTED_REQUEST, GROWTH_PATS, seed, type Seeded } from './seed.js';

/** Cold checks per database and round, and the rounds: alternating, so a drift weighs on both. */
const COLD_CHECKS = 10_000;
const COLD_ROUNDS = 4;
const GROWTH_LIMIT = 1.5;

interface Cold {
  perSecond: number[];
  /** Milliseconds per check, each timed on its own. */
  times: number[];
}

/**
 * `COLD_CHECKS` cold checks in this process (no cache: each one reads its PAT, and queues its
 * last use), PATs not read before, one after another, with a turn of the event loop after every
 * CHECKS_PER_TURN, in which the last uses go to the writer thread as they do in a server.
 */
async function coldRound(checks: (token: string) => Promise<void>, tokens: string[], into: Cold): Promise<void> {
  const began = performance.now();
  for (const [index, token] of tokens.entries()) {
    const started = performance.now();
    await checks(token);
    into.times.push(performance.now() - started);
    if (index % CHECKS_PER_TURN === CHECKS_PER_TURN - 1) await new Promise(setImmediate);
  }
  into.perSecond.push((tokens.length / (performance.now() - began)) * 1000);
}

/** A cold checker on `seeded`'s database and the distinct tokens its rounds take. */
async function coldChecker(seeded: Seeded) {
  const db = await openDatabase(seeded.target);
  const kit = createPatKit({
    db,
    jwtSecret: 'bench-only-secret-bench-only-secret',
    logger: pino({ level: 'silent' }),
    cache: { maxEntries: 0 },
  });
  const tokens = sample(seeded.activeTokens, COLD_CHECKS * (COLD_ROUNDS + 1), 13);
  const check = async (token: string) => {
    const result = await kit.authorizePat(token, GRANTED_REQUEST);
    if (!result.allowed) throw new Error(`a seeded token was refused: ${result.message}`);
  };
  return {
    check,
    tokens,
    /** Until the last uses queued so far are written. */
    flush: () => kit.flush(),
    async close() {
      await kit.close();
      await db.destroy();
    },
  };
}

/** The SQLite file and its WAL, in MB. */
function databaseMb(path: string): number {
  const size = (file: string) => {
    try {
      return statSync(file).size;
    } catch {
      return 0;
    }
  };
  return (size(path) + size(`${path}-wal`)) / 2 ** 20;
}

/**
 * How cost grows with the data, on SQLite: a database of 1M PATs (100 users × 10k, 5 scopes
 * each) seeded in bulk beside the usual 100k one, then the listing (LISTER's 10k PATs in both)
 * and cold checks on each, their p99s compared: at 1M within 1.5× of what they are at 100k.
 */
export async function run(base: Seeded): Promise<Result[]> {
  log(`seeding ${GROWTH_PATS.toLocaleString('en-US')} PATs × 5 scopes`);
  const path = join(base.dir, 'growth.db');
  const grown = await seed(path, GROWTH_PATS);
  const sizeMb = databaseMb(path);
  log(`seeded in ${round(grown.seconds, 1)} s, ${round(sizeMb)} MB`);
  writeBack();
  try {
    return [
      reported('growth: seeding 1M PATs × 5 scopes in bulk (SQLite)', round(grown.seconds, 1), 's'),
      reported('growth: the database of 1M PATs (SQLite file and WAL)', round(sizeMb), 'MB'),
      ...(await compare(base, grown)),
    ];
  } finally {
    // 2 GB the figures after this one need not share the disk and the page cache with.
    for (const file of [path, `${path}-wal`, `${path}-shm`]) rmSync(file, { force: true });
  }
}

/** Cold checks and the listing on the 100k-PAT and the 1M-PAT databases, compared. */
async function compare(base: Seeded, grown: Seeded): Promise<Result[]> {
  const results: Result[] = [];

  // Cold checks, alternating between the databases round by round.
  for (const { target } of [base, grown]) readIntoPageCache(target);
  const checkers = [await coldChecker(base), await coldChecker(grown)];
  const cold: Cold[] = [
    { perSecond: [], times: [] },
    { perSecond: [], times: [] },
  ];
  try {
    // Warm-up (JIT, the page cache) on tokens the rounds do not take; its last uses written
    // before the rounds, as the in-process figure does.
    for (const checker of checkers) {
      await coldRound(checker.check, checker.tokens.slice(0, COLD_CHECKS), { perSecond: [], times: [] });
      await checker.flush();
    }
    for (let pass = 1; pass <= COLD_ROUNDS; pass++) {
      for (let i = 0; i < checkers.length; i++) {
        const index = (pass + i) % checkers.length;
        const tokens = checkers[index]!.tokens.slice(pass * COLD_CHECKS, (pass + 1) * COLD_CHECKS);
        await coldRound(checkers[index]!.check, tokens, cold[index]!);
        // Its last uses written before the other database's round: one writer thread at a time.
        await checkers[index]!.flush();
      }
    }
  } finally {
    for (const checker of checkers) await checker.close();
  }
  const [small, large] = cold.map(({ perSecond, times }) => ({
    perSecond: quantile(perSecond, 0.5),
    p99: quantile(times, 0.99),
  }));
  log(
    `cold checks: 100k ${round(small!.perSecond)} checks/s, p99 ${round(small!.p99 * 1000)} µs; ` +
      `1M ${round(large!.perSecond)} checks/s, p99 ${round(large!.p99 * 1000)} µs`,
  );
  results.push(
    atLeast('growth: authorize in process, cold cache, at 1M PATs', round(large!.perSecond, -2), 'checks/s', 30_000),
    reported('growth: cold check p99 at 100k PATs', round(small!.p99 * 1000), 'µs'),
    reported('growth: cold check p99 at 1M PATs', round(large!.p99 * 1000), 'µs'),
    atMost('growth: cold check p99, 1M ÷ 100k PATs', round(large!.p99 / small!.p99, 2), 'ratio', GROWTH_LIMIT),
  );

  // The listing on both at once, the client taking their queries in turn.
  const [before, after] = await listing.measure([base, grown], ['100k PATs', '1M PATs']);
  for (const [i, figure] of before!.entries()) {
    const grownFigure = after![i]!;
    const name = figure.name.replace('listing p99', 'growth: listing p99');
    results.push(
      reported(`${name} at 1M PATs`, grownFigure.value, 'ms'),
      atMost(`${name}, 1M ÷ 100k PATs`, round(grownFigure.value / figure.value, 2), 'ratio', GROWTH_LIMIT),
    );
  }
  return results;
}
