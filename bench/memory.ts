import { startStandalone } from './authorize-http.js';
import { authorizeLoad } from './http-load.js';
import { atMost, log, reported, round, type Result } from './lib.js';
import type { Seeded } from './seed.js';

const LOAD_SECONDS = 30;

/**
 * The standalone server's resident memory after every one of the 100k PATs was authorized once
 * (so the grant cache holds them all) and 30 s more of authorize load over all of them.
 */
export async function run(seeded: Seeded): Promise<Result[]> {
  const server = await startStandalone(seeded);
  try {
    const idle = server.rssMb();
    const loading = await authorizeLoad(server.url, seeded.tokens, { amount: seeded.tokens.length, maxSeconds: 120 });
    if (loading.total < seeded.tokens.length) log(`memory: only ${loading.total} of ${seeded.tokens.length} PATs loaded within 120 s`);
    const loaded = server.rssMb();
    const load = await authorizeLoad(server.url, seeded.tokens, { seconds: LOAD_SECONDS, start: loading.total });
    const after = server.rssMb();
    log(
      `memory: RSS ${round(idle)} MB idle, ${round(loaded)} MB after loading ${loading.total} PATs (${round(loading.requestsPerSecond)} req/s, cold), ` +
        `${round(after)} MB after ${LOAD_SECONDS} s more (${round(load.requestsPerSecond)} req/s), peak ${round(server.peakRssMb())} MB`,
    );
    return [
      reported('server RSS at start (seeded database)', round(idle), 'MB'),
      atMost(`server RSS after loading 100k PATs and ${LOAD_SECONDS} s of authorize load`, round(after), 'MB', 200),
      reported('server peak RSS (VmHWM)', round(server.peakRssMb()), 'MB'),
    ];
  } finally {
    await server.stop();
  }
}
