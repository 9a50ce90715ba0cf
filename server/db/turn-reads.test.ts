import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { openConnection } from './connection.js';
import { openDatabase, sqliteReadsOf, type PatDatabase } from './database.js';
import type { TurnReads } from './turn-reads.js';

/** The next turn of the event loop: the turn's read transaction has ended. */
const nextTurn = () => new Promise(setImmediate);

describe('reads outside kysely share one read transaction per turn', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pat-kit-turn-reads-'));
  let db: PatDatabase;
  let reads: TurnReads;
  let readValue: SQLite.Statement<[number], { value: string }>;
  /** Another connection to the file, as the last-use writer thread has. */
  let other: SQLite.Database;

  const read = (): string | undefined => reads.get(readValue, 1)?.value;

  before(async () => {
    db = await openDatabase(join(dir, 'pats.db'));
    await sql`create table scratch (id integer primary key, value text not null)`.execute(db);
    reads = sqliteReadsOf(db)!;
    readValue = reads.prepare('select value from scratch where id = ?');
    other = openConnection(join(dir, 'pats.db'));
  });
  after(async () => {
    other.close();
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await nextTurn();
    await sql`delete from scratch`.execute(db);
    await sql`insert into scratch (id, value) values (1, 'before')`.execute(db);
  });

  it('commits a write through kysely made in the turn of a read at once: another connection sees it before the turn ends', async () => {
    assert.equal(read(), 'before');
    await db
      .updateTable('scratch' as never)
      .set({ value: 'after' } as never)
      .execute();
    assert.equal(other.prepare('select value from scratch where id = 1').pluck().get(), 'after');
    assert.equal(read(), 'after');
  });

  it('lets kysely begin a transaction in the turn of a read, and waits for it while it is open', async () => {
    assert.equal(read(), 'before');
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('scratch' as never)
        .set({ value: 'in the transaction' } as never)
        .execute();
      assert.equal(reads.blocked, true, 'a read must queue behind the transaction');
    });
    assert.equal(reads.blocked, false);
    assert.equal(read(), 'in the transaction');
  });

  it("sees another connection's commit from the next turn, or at once after end()", async () => {
    assert.equal(read(), 'before');
    other.prepare("update scratch set value = 'elsewhere' where id = 1").run();
    assert.equal(read(), 'before', "the turn's reads see the database as its first read did");
    reads.end();
    assert.equal(read(), 'elsewhere');

    other.prepare("update scratch set value = 'again' where id = 1").run();
    await nextTurn();
    assert.equal(read(), 'again');
  });

  it('holds no transaction between turns: the other connection can checkpoint the whole WAL', async () => {
    assert.equal(read(), 'before');
    other.prepare("update scratch set value = 'written' where id = 1").run();
    await nextTurn();
    const [checkpoint] = other.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    assert.equal(checkpoint!.busy, 0);
  });
});
