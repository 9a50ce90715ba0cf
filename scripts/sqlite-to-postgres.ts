// Moves every PAT of a PAT Kit SQLite database, with its scopes and history, into an empty
// PostgreSQL database:
//
//   tsx scripts/sqlite-to-postgres.ts <sqlite file> <postgres url>
//
// Both databases are first brought to the latest schema (the SQLite file is migrated in place:
// back it up first). The copy is one PostgreSQL transaction: all of it or nothing. It prints
// counts only, never a digest, a name or any other row content. docs/postgresql.md tells the steps.
import { existsSync, realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { isPostgresUrl, openDatabase, redactedUrl, type PatDatabase } from '../server/db/database.js';
import { dialectOf } from '../server/db/dialect.js';
import type { Database } from '../server/db/schema.js';

const USAGE = 'usage: tsx scripts/sqlite-to-postgres.ts <sqlite file> <postgres://user:password@host:port/database>';

/** Rows per INSERT: 20 columns × 1,000 rows stays far below PostgreSQL's 65,535 parameters. */
const BATCH_ROWS = 1_000;

export class TargetNotEmptyError extends Error {}

/**
 * The tables copied, in order (scopes name their PAT), each with its key: every row a PAT or
 * its history left, the counts per user excepted, which PostgreSQL's triggers keep as PATs
 * arrive.
 */
const TABLES = {
  pats: ['id'],
  pat_scopes: ['id'],
  pat_events: ['id'],
  pat_addresses: ['pat_id', 'ip'],
  pat_usage: ['pat_id', 'day'],
  pat_deliveries: ['id'],
} as const satisfies Partial<Record<keyof Database, readonly string[]>>;
type CopiedTable = keyof typeof TABLES;

export type CopyCounts = Record<CopiedTable, number>;

async function countRows(db: PatDatabase): Promise<CopyCounts> {
  const counts = {} as CopyCounts;
  for (const table of Object.keys(TABLES) as CopiedTable[]) {
    const { n } = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(n);
  }
  return counts;
}

/** Copies every row of `table` in key order, `batchRows` per INSERT; returns how many. */
async function copyTable(source: PatDatabase, target: PatDatabase, table: CopiedTable, batchRows: number): Promise<number> {
  const key: readonly string[] = TABLES[table];
  let copied = 0;
  for (let after: unknown[] | undefined; ;) {
    // After the last row copied, by its whole key (a row value: both databases compare them).
    let query = source
      .selectFrom(table)
      .selectAll()
      .$if(after !== undefined, (select) =>
        select.where(sql<boolean>`(${sql.join(key.map((column) => sql.ref(column)))}) > (${sql.join(after!)})`),
      );
    for (const column of key) query = query.orderBy(sql.ref(column));
    const rows = (await query.limit(batchRows).execute()) as Record<string, unknown>[];
    if (rows.length === 0) return copied;
    await target
      .insertInto(table)
      .values(rows as never)
      .execute();
    copied += rows.length;
    const last = rows.at(-1)!;
    after = key.map((column) => last[column]);
  }
}

/**
 * Copies the tables of TABLES from `from` into `to`, as they are: ids, digests, the `grants` and
 * `name_key` columns, each PAT's history, counts, addresses and notifications not yet sent. One
 * transaction on `to`, which must hold no PAT (TargetNotEmptyError); reads one snapshot of
 * `from`. Throws, and `to` keeps nothing, when the counts in `to` do not come out equal to those
 * of `from`.
 */
export async function copyDatabase(from: PatDatabase, to: PatDatabase, { batchRows = BATCH_ROWS } = {}): Promise<CopyCounts> {
  return from.transaction().execute((source) =>
    to.transaction().execute(async (target) => {
      // Writers to the target wait until this commits; a second copy then finds it not empty.
      if (dialectOf(to) === 'postgres') {
        await sql`lock table ${sql.join(Object.keys(TABLES).map((table) => sql.table(table)))} in exclusive mode`.execute(target);
      }
      const present = await countRows(target);
      if (present.pats > 0)
        throw new TargetNotEmptyError(`the target database already holds ${present.pats} PATs: the copy goes only into an empty one`);

      const copied = {} as CopyCounts;
      for (const table of Object.keys(TABLES) as CopiedTable[]) copied[table] = await copyTable(source, target, table, batchRows);

      const expected = await countRows(source);
      const landed = await countRows(target);
      for (const table of Object.keys(TABLES) as CopiedTable[]) {
        if (copied[table] !== expected[table] || landed[table] !== expected[table]) {
          throw new Error(
            `${table}: ${expected[table]} in SQLite, ${copied[table]} copied, ${landed[table]} in PostgreSQL; nothing was kept`,
          );
        }
      }
      return copied;
    }),
  );
}

/** The counts as the script prints them. */
export function describeCounts(counts: CopyCounts): string {
  return (
    `${counts.pats} PATs, ${counts.pat_scopes} scopes, ${counts.pat_events} events, ${counts.pat_addresses} client addresses, ` +
    `${counts.pat_usage} days of usage and ${counts.pat_deliveries} notifications`
  );
}

async function main(args: string[]): Promise<number> {
  const [file, url] = args;
  if (args.length !== 2 || !file || !url || isPostgresUrl(file) || !isPostgresUrl(url)) {
    console.error(USAGE);
    return 2;
  }
  // openDatabase would create a missing file, and copy an empty database.
  if (!existsSync(file)) {
    console.error(`sqlite-to-postgres: ${file}: no such file`);
    return 1;
  }
  let from: PatDatabase | undefined;
  let to: PatDatabase | undefined;
  try {
    from = await openDatabase(file);
    to = await openDatabase(url, { poolSize: 1 });
    const copied = await copyDatabase(from, to);
    const after = await countRows(to);
    if (Object.keys(TABLES).some((table) => after[table as CopiedTable] !== copied[table as CopiedTable]))
      throw new Error('the row counts in PostgreSQL differ from those copied');
    console.log(`copied ${describeCounts(copied)} from ${file} to ${redactedUrl(url)}; the row counts match`);
    return 0;
  } catch (error) {
    // The message only: a driver error's other fields (detail, parameters) can hold row content.
    console.error(`sqlite-to-postgres: ${error instanceof Error ? error.message : 'failed'}`);
    return 1;
  } finally {
    await from?.destroy();
    await to?.destroy();
  }
}

const invoked = process.argv[1] && existsSync(process.argv[1]) ? pathToFileURL(realpathSync(process.argv[1])).href : undefined;
if (invoked === import.meta.url) process.exitCode = await main(process.argv.slice(2));
