import { pino } from 'pino';
import { openDatabase } from '../server/db/database.js';
import type { AuthorizePat } from '../server/authz/authorizer.js';
import { createPatKit } from '../server/router.js';
import { atLeast, log, median, reported, round, type Result } from './lib.js';
import { GRANTED_REQUEST, type Seeded } from './seed.js';

const JWT_SECRET = 'bench-only-secret-bench-only-secret';
const ROUNDS = 3;
const ROUND_MS = 1_000;

/** Calls `authorizePat` one after another for `ms`, cycling through `tokens`; checks per second. */
export async function checksPerSecond(authorizePat: AuthorizePat, tokens: string[], ms: number, start = 0): Promise<number> {
  let done = 0;
  const began = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    // 100 checks between clock reads. Then a turn of the event loop, as a server gets between
    // requests: what the authorizer does after answering (writing last uses) is counted too.
    for (let i = 0; i < 100; i++) {
      const result = await authorizePat(tokens[(start + done++) % tokens.length]!, GRANTED_REQUEST);
      if (!result.allowed) throw new Error(`a seeded token was refused: ${result.message}`);
    }
    await new Promise(setImmediate);
    elapsed = performance.now() - began;
  }
  return (done / elapsed) * 1000;
}

/** A deterministic sample of `count` distinct entries. */
export function sample<T>(items: T[], count: number, seed = 1): T[] {
  const picked = new Set<number>();
  let state = seed;
  while (picked.size < Math.min(count, items.length)) {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    picked.add(state % items.length);
  }
  return [...picked].map((index) => items[index]!);
}

/**
 * `authorizePat()` in this process on the seeded database (100k PATs × 5 scopes): warm, 1,000
 * PATs whose grants are cached; cold, the cache turned off so every check reads the PAT and its
 * scopes (and writes `last_used_at` when it is over a minute old, as a real miss does).
 */
export async function run(seeded: Seeded): Promise<Result[]> {
  const db = await openDatabase(seeded.path);
  try {
    const logger = pino({ level: 'silent' });
    const warmKit = createPatKit({ db, jwtSecret: JWT_SECRET, logger });
    const coldKit = createPatKit({ db, jwtSecret: JWT_SECRET, logger, cache: { maxEntries: 0 } });

    const warmTokens = sample(seeded.activeTokens, 1_000, 7);
    for (const token of warmTokens) await warmKit.authorizePat(token, GRANTED_REQUEST);
    await checksPerSecond(warmKit.authorizePat, warmTokens, 300); // JIT warm-up
    const warm: number[] = [];
    for (let i = 0; i < ROUNDS; i++) warm.push(await checksPerSecond(warmKit.authorizePat, warmTokens, ROUND_MS));

    // Every cold check is a PAT not read before in this run: 40k distinct active PATs.
    const coldTokens = sample(seeded.activeTokens, 40_000, 11);
    await checksPerSecond(coldKit.authorizePat, coldTokens.slice(0, 2_000), 200);
    const cold: number[] = [];
    let offset = 2_000;
    for (let i = 0; i < ROUNDS; i++) {
      const before = offset;
      const rate = await checksPerSecond(coldKit.authorizePat, coldTokens, ROUND_MS, offset);
      offset += Math.ceil((rate * ROUND_MS) / 1000) + 100;
      if (offset - before > coldTokens.length) log('cold: ran out of distinct tokens; some checks reread a PAT');
      cold.push(rate);
    }
    // The same misses again, now that their last use was written moments ago: reads only.
    const readsOnly = await checksPerSecond(coldKit.authorizePat, coldTokens.slice(2_000, offset), ROUND_MS);
    log(
      `authorize in process: warm ${warm.map((v) => round(v)).join(', ')}; cold ${cold.map((v) => round(v)).join(', ')}; ` +
        `cold without the last-used write ${round(readsOnly)} checks/s`,
    );
    return [
      atLeast('authorize in process, warm cache', round(median(warm), -2), 'checks/s', 200_000),
      atLeast('authorize in process, cold cache (each a PAT last used > 1 min ago)', round(median(cold), -2), 'checks/s', 20_000),
      reported('authorize in process, cold cache, no last-used write due', round(readsOnly, -2), 'checks/s'),
    ];
  } finally {
    await db.destroy();
  }
}
