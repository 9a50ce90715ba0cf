/**
 * The yardstick for "listing p99 on PostgreSQL": Express 5 and `pg` running the statements PAT
 * Kit runs for the listing figure's pages, and sending their rows as JSON. No sign-in, no
 * validation, no DTOs, no request log: what is left of a page's request is its HTTP and its
 * round trip to PostgreSQL. The statements are the repository's own, as a server runs them from
 * the second request of a query on, built at start for LISTER with the time then
 * (`LISTING_QUERIES`, a JSON array of the query strings to answer), and run prepared and planned
 * for their values, as the server's pool runs them. Run as a child
 * process, like the standalone server, with PAT_DATABASE_URL.
 */
import express from 'express';
import { Kysely, PostgresDialect, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { EXPIRING_SOON_MS } from '../contract/index.js';
import { listPatsQuery, parseRequest } from '../contract/schemas.js';
import type { Database } from '../server/db/schema.js';
import { listPats } from '../server/pats/pat.repository.js';
import { LISTER } from './seed.js';

const pool = new pg.Pool({ connectionString: process.env.PAT_DATABASE_URL, max: 10, options: '-c plan_cache_mode=force_custom_plan' });

/** Each query string's statement, as the repository builds it: captured from kysely's log. */
async function statements(queries: string[]): Promise<Map<string, pg.QueryConfig>> {
  let last: CompiledQuery | undefined;
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      if (event.level === 'query') last = event.query;
    },
  });
  const now = Date.now();
  const built = new Map<string, pg.QueryConfig>();
  for (const [index, query] of queries.entries()) {
    const parsed = parseRequest(listPatsQuery, Object.fromEntries(new URLSearchParams(query)));
    if (!parsed.ok) throw new Error(`${query}: ${JSON.stringify(parsed.details)}`);
    const filter = {
      userId: LISTER,
      now: new Date(now).toISOString(),
      soon: new Date(now + EXPIRING_SOON_MS).toISOString(),
      status: 'active' as const,
      name: parsed.value.name,
    };
    // The second run's statement, as the server runs it again and again: a search's first page
    // counts its matches, and the pages after take the total it counted while it holds.
    await listPats(db, filter, parsed.value);
    await listPats(db, filter, parsed.value);
    built.set(query, { name: `listing-${index}`, text: last!.sql, values: [...last!.parameters] });
  }
  return built;
}

const byQuery = await statements(JSON.parse(process.env.LISTING_QUERIES ?? '[]') as string[]);
const app = express();
app.disable('x-powered-by');
app.get('/api/pats', async (req, res) => {
  const query = req.originalUrl.slice(req.originalUrl.indexOf('?'));
  const statement = byQuery.get(query);
  if (!statement) {
    res.status(404).json({ error: `no statement for ${query}` });
    return;
  }
  const { rows } = await pool.query<{ total: string | number }>(statement);
  res.json({ total: Number(rows[0]?.total ?? 0), pats: rows });
});
app.get('/', (_req, res) => {
  res.type('text').send('bare');
});
const server = app.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
process.once('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  void pool.end();
});
