/**
 * The listing figure's client, a process of its own: the bench's process holds the seeded PATs
 * and what the figures before this one left behind, and a pause of its garbage collector would be
 * timed as the server's. Run as `node --import tsx bench/listing-client.ts <config as JSON>`; it
 * writes each URL's times (ms) to stdout as JSON.
 */
import { Agent, get as httpGet } from 'node:http';

export interface ListingClientConfig {
  urls: string[];
  token: string;
  /** Requests of each URL that are timed. */
  requests: number;
  /** How long every URL is requested in turn before any is timed. */
  warmupMs: number;
  /** How many PATs a page must hold. */
  pageSize: number;
}

/** GET `url` on a kept-alive connection: the status and the body as text. */
function get(agent: Agent, url: string, token: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpGet(url, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    request.on('error', reject);
  });
}

async function main(): Promise<void> {
  const { urls, token, requests, warmupMs, pageSize } = JSON.parse(process.argv[2]!) as ListingClientConfig;
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  /** One request: milliseconds from sending to the whole body read, and the page checked. */
  const timeRequest = async (url: string): Promise<number> => {
    const started = performance.now();
    const { status, body } = await get(agent, url, token);
    const elapsed = performance.now() - started;
    const page = JSON.parse(body) as { pats?: unknown[] };
    if (status !== 200 || page.pats?.length !== pageSize) throw new Error(`${url}: ${status} ${body.slice(0, 200)}`);
    return elapsed;
  };
  // Warm-up over every query first (JIT, the database's page cache), so no case pays for being first.
  for (const began = Date.now(); Date.now() - began < warmupMs;) {
    for (const url of urls) await timeRequest(url);
  }
  // Round-robin over the queries, one request at a time: a slow second of this shared machine
  // lands on every query a little, not on whichever query was being timed then.
  const times: number[][] = urls.map(() => []);
  for (let pass = 0; pass < requests; pass++) {
    for (const [index, url] of urls.entries()) times[index]!.push(await timeRequest(url));
  }
  agent.destroy();
  process.stdout.write(JSON.stringify(times));
}

await main();
