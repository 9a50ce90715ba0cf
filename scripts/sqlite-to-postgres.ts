// Moves every PAT and scope of a PAT Kit SQLite database into an empty PostgreSQL database:
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

const USAGE = 'usage: tsx scripts/sqlite-to-postgres.ts <sqlite file> <postgres://user:password@host:port/database>';

/** Rows per INSERT: 15 columns × 1,000 rows stays far below PostgreSQL's 65,535 parameters. */
const BATCH_ROWS = 1_000;

export class TargetNotEmptyError extends Error {}

export interface CopyCounts {
  pats: number;
  scopes: number;
}

async function countRows(db: PatDatabase): Promise<CopyCounts> {
  const count = async (table: 'pats' | 'pat_scopes') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { pats: await count('pats'), scopes: await count('pat_scopes') };
}

/**
 * Copies `pats`, then `pat_scopes` (whose rows name their PAT), from `from` into `to`, as they
 * are: ids, digests, the `grants` and `name_key` columns. One transaction on `to`, which must
 * hold no PAT (TargetNotEmptyError); reads one snapshot of `from`. Throws, and `to` keeps
 * nothing, when the counts in `to` do not come out equal to those of `from`.
 */
/** Copies every row of `table` in id order, `batchRows` per INSERT; returns how many. */
async function copyTable(source: PatDatabase, target: PatDatabase, table: 'pats' | 'pat_scopes', batchRows: number): Promise<number> {
  let copied = 0;
  for (let after = ''; ;) {
    const rows = await source.selectFrom(table).selectAll().where('id', '>', after).orderBy('id').limit(batchRows).execute();
    if (rows.length === 0) return copied;
    await target
      .insertInto(table)
      .values(rows as never)
      .execute();
    copied += rows.length;
    after = rows.at(-1)!.id;
  }
}

export async function copyDatabase(from: PatDatabase, to: PatDatabase, { batchRows = BATCH_ROWS } = {}): Promise<CopyCounts> {
  return from.transaction().execute((source) =>
    to.transaction().execute(async (target) => {
      // Writers to the target wait until this commits; a second copy then finds it not empty.
      if (dialectOf(to) === 'postgres') await sql`lock table pats, pat_scopes in exclusive mode`.execute(target);
      const present = await countRows(target);
      if (present.pats > 0)
        throw new TargetNotEmptyError(`the target database already holds ${present.pats} PATs: the copy goes only into an empty one`);

      // PATs first: scopes refer to them.
      const copied: CopyCounts = {
        pats: await copyTable(source, target, 'pats', batchRows),
        scopes: await copyTable(source, target, 'pat_scopes', batchRows),
      };

      const expected = await countRows(source);
      const landed = await countRows(target);
      for (const key of ['pats', 'scopes'] as const) {
        if (copied[key] !== expected[key] || landed[key] !== expected[key]) {
          throw new Error(`${key}: ${expected[key]} in SQLite, ${copied[key]} copied, ${landed[key]} in PostgreSQL; nothing was kept`);
        }
      }
      return copied;
    }),
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
    if (after.pats !== copied.pats || after.scopes !== copied.scopes)
      throw new Error('the row counts in PostgreSQL differ from those copied');
    console.log(`copied ${copied.pats} PATs and ${copied.scopes} scopes from ${file} to ${redactedUrl(url)}; the row counts match`);
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
