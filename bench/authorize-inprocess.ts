import { pino } from 'pino';
import { openDatabase } from '../server/db/database.js';
import type { AuthorizePat } from '../server/authz/authorizer.js';
import { createPatKit } from '../server/router.js';
import { atLeast, log, median, readIntoPageCache, reported, round, type Result } from './lib.js';
import { seededRandom } from '../testing/random.js';
import { GRANTED_REQUEST, type Seeded } from './seed.js';

const JWT_SECRET = 'bench-only-secret-bench-only-secret';
const ROUNDS = 3;
const ROUND_MS = 1_000;
const COLD_ROUND_MS = 500;
/**
 * Cold checks before the timed rounds, on PATs the rounds do not take: a second of them. After
 * the 2,000 (0.2 s) this once was, the rounds still rose (18k, 23k, 27k checks/s): V8 was still
 * optimizing the miss path and SQLite filling its cache with the indexes' inner pages.
 */
const COLD_WARMUP = 20_000;
const COLD_WARMUP_MS = 1_000;

/**
 * Checks between two turns of the event loop, as a server gets between requests: what the
 * authorizer does after answering (queueing last uses, handing them to the writer thread, ending
 * the turn's read transaction) runs between them. A loop that only awaits checks never gives the
 * loop a turn (each answer is a resolved promise), so none of that would run while it is timed.
 */
export const CHECKS_PER_TURN = 100;

/** Calls `authorizePat` one after another for `ms`, cycling through `tokens` from `start`. */
export async function runChecks(
  authorizePat: AuthorizePat,
  tokens: string[],
  ms: number,
  start = 0,
): Promise<{ done: number; ms: number }> {
  let done = 0;
  const began = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    // CHECKS_PER_TURN checks between clock reads, then a turn of the event loop.
    for (let i = 0; i < CHECKS_PER_TURN; i++) {
      const result = await authorizePat(tokens[(start + done++) % tokens.length]!, GRANTED_REQUEST);
      if (!result.allowed) throw new Error(`a seeded token was refused: ${result.message}`);
    }
    await new Promise(setImmediate);
    elapsed = performance.now() - began;
  }
  return { done, ms: elapsed };
}

/** `runChecks` as checks per second. */
export async function checksPerSecond(authorizePat: AuthorizePat, tokens: string[], ms: number, start = 0): Promise<number> {
  const { done, ms: elapsed } = await runChecks(authorizePat, tokens, ms, start);
  return (done / elapsed) * 1000;
}

/** A deterministic sample of `count` distinct entries. */
export function sample<T>(items: T[], count: number, seed = 1): T[] {
  const random = seededRandom(seed);
  const picked = new Set<number>();
  while (picked.size < Math.min(count, items.length)) picked.add(Math.floor(random() * items.length));
  return [...picked].map((index) => items[index]!);
}

/**
 * `authorizePat()` in this process on the seeded database (100k PATs × 5 scopes): warm, 1,000
 * PATs whose grants are cached; cold, the cache turned off so every check reads the PAT and its
 * scopes, and queues a `last_used_at` write when it is over a minute old, as a real miss does.
 */
export async function run(seeded: Seeded): Promise<Result[]> {
  readIntoPageCache(seeded.target);
  const db = await openDatabase(seeded.target);
  try {
    const logger = pino({ level: 'silent' });
    const warmKit = createPatKit({ db, jwtSecret: JWT_SECRET, logger });
    const coldKit = createPatKit({ db, jwtSecret: JWT_SECRET, logger, cache: { maxEntries: 0 } });

    const warmTokens = sample(seeded.activeTokens, 1_000, 7);
    for (const token of warmTokens) await warmKit.authorizePat(token, GRANTED_REQUEST);
    await checksPerSecond(warmKit.authorizePat, warmTokens, 300); // JIT warm-up
    const warm: number[] = [];
    for (let i = 0; i < ROUNDS; i++) warm.push(await checksPerSecond(warmKit.authorizePat, warmTokens, ROUND_MS));

    // Every cold check is a PAT not read before in this run and last used over a minute ago, so
    // each one queues a last-use write (done by the writer thread). Rounds of half a second
    // leave enough distinct PATs for the warm-up and three of them.
    const coldTokens = sample(seeded.activeTokens, 80_000, 11);
    await checksPerSecond(coldKit.authorizePat, coldTokens.slice(0, COLD_WARMUP), COLD_WARMUP_MS);
    await coldKit.flush();
    const cold: number[] = [];
    let offset = COLD_WARMUP;
    const coldStarted = performance.now();
    for (let i = 0; i < ROUNDS; i++) {
      const { done, ms } = await runChecks(coldKit.authorizePat, coldTokens, COLD_ROUND_MS, offset);
      offset += done;
      if (offset > coldTokens.length) log('cold: ran out of distinct tokens; some checks reread a PAT');
      cold.push((done / ms) * 1000);
    }
    // Until the last of those writes is in the database: what the writer thread sustains.
    await coldKit.flush();
    const written = (offset - COLD_WARMUP) / ((performance.now() - coldStarted) / 1000);
    // The same misses again, now that their last use was written moments ago: reads only.
    const readsOnly = await checksPerSecond(coldKit.authorizePat, coldTokens.slice(COLD_WARMUP, offset), ROUND_MS);
    log(
      `authorize in process: warm ${warm.map((v) => round(v)).join(', ')}; cold ${cold.map((v) => round(v)).join(', ')}; ` +
        `last uses written ${round(written)}/s; cold without the last-used write ${round(readsOnly)} checks/s`,
    );
    await Promise.all([warmKit.close(), coldKit.close()]);
    return [
      atLeast('authorize in process, warm cache', round(median(warm), -2), 'checks/s', 200_000),
      atLeast('authorize in process, cold cache (each a PAT last used > 1 min ago)', round(median(cold), -2), 'checks/s', 30_000),
      reported('authorize in process, cold cache, no last-used write due', round(readsOnly, -2), 'checks/s'),
      reported('last uses written by the writer thread during the cold rounds', round(written, -2), 'rows/s'),
    ];
  } finally {
    await db.destroy();
  }
}
