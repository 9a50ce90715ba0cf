import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import pg from 'pg';
import { openTestDatabase, type TestDatabase } from '../test/harness.js';
import { openDatabase, type PatDatabase } from './database.js';

/**
 * openDatabase's pool on PostgreSQL runs the app's statements prepared, by name, each planned
 * for its values. PostgreSQL only: scripts/test.mjs runs it with PAT_TEST_DATABASE_URL.
 */
if (!process.env.PAT_TEST_DATABASE_URL) {
  throw new Error(
    'server/db/named-statements.pg.test.ts needs PostgreSQL: set PAT_TEST_DATABASE_URL (`npm test` sets it for its PostgreSQL pass)',
  );
}

let test: TestDatabase;
/** One connection, so that what it prepared is what pg_prepared_statements shows. */
let db: PatDatabase;

before(async () => {
  test = await openTestDatabase();
  db = await openDatabase(test.url!, { poolSize: 1 });
});

after(async () => {
  await db.destroy();
  await test.close();
});

async function prepared(): Promise<string[]> {
  const { rows } = await sql<{ statement: string }>`select statement from pg_prepared_statements where name like 'pk\\_%'`.execute(db);
  return rows.map((row) => row.statement);
}

const patsOf = (user: string) => db.selectFrom('pats').select(['id', 'name']).where('user_id', '=', user);

describe('prepared statements on PostgreSQL', () => {
  it('prepares a read once by its text and runs it again with other values', async () => {
    assert.deepEqual(await patsOf('alice').execute(), []);
    assert.deepEqual(await patsOf('bob').execute(), []);
    const text = patsOf('x').compile().sql;
    assert.equal((await prepared()).filter((statement) => statement === text).length, 1);
  });

  it('plans each run for its values: plan_cache_mode is force_custom_plan', async () => {
    const { rows } = await sql<{ plan_cache_mode: string }>`show plan_cache_mode`.execute(db);
    assert.equal(rows[0]!.plan_cache_mode, 'force_custom_plan');
  });

  it('leaves a statement with * unnamed, so that another instance adding a column breaks nothing', async () => {
    const everything = db.selectFrom('pats').selectAll().where('user_id', '=', 'alice');
    const named = patsOf('alice');
    await everything.execute();
    await named.execute();
    assert.equal((await prepared()).includes(everything.compile().sql), false, 'select * is not prepared');
    // Another instance migrates: a column more.
    const other = new pg.Client({ connectionString: test.url });
    await other.connect();
    try {
      await other.query('alter table pats add column added_by_a_later_migration text');
      assert.deepEqual(await everything.execute(), []);
      assert.deepEqual(await named.execute(), []);
    } finally {
      await other.query('alter table pats drop column added_by_a_later_migration');
      await other.end();
    }
  });

  it('leaves transaction control and schema statements unnamed', async () => {
    await db.transaction().execute(async (trx) => {
      await trx.selectFrom('pat_counts').select('total').where('user_id', '=', 'alice').execute();
    });
    await sql`create temporary table scratch (n int)`.execute(db);
    const statements = await prepared();
    assert.equal(
      statements.some((statement) => /^(begin|commit|create)/i.test(statement)),
      false,
    );
    assert.ok(statements.some((statement) => statement.includes('"pat_counts"')));
  });

  it('keeps at most 200 prepared on a connection: past them statements run unnamed, and still run', async () => {
    for (let n = 0; n < 260; n++) {
      const { rows } = await sql<{ n: number }>`select ${sql.lit(n)}::int as n`.execute(db);
      assert.equal(rows[0]!.n, n);
    }
    assert.equal((await prepared()).length, 200);
  });
});
