import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { openDatabase } from './database.js';

/** SQLite's numbers for PRAGMA synchronous. */
const SYNCHRONOUS = { OFF: 0, NORMAL: 1, FULL: 2 } as const;

describe('durability of the server connection', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pat-kit-durability-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  async function synchronousOf(
    path: string,
    options?: Parameters<typeof openDatabase>[1],
  ): Promise<{ synchronous: number; journal: string }> {
    const db = await openDatabase(path, options);
    try {
      const { rows: sync } = await sql<{ synchronous: number }>`pragma synchronous`.execute(db);
      const { rows: journal } = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db);
      return { synchronous: sync[0]!.synchronous, journal: journal[0]!.journal_mode };
    } finally {
      await db.destroy();
    }
  }

  it('syncs every commit of a database file (WAL, synchronous=FULL): an acknowledged revocation survives a power loss', async () => {
    assert.deepEqual(await synchronousOf(join(dir, 'default.db')), { synchronous: SYNCHRONOUS.FULL, journal: 'wal' });
  });

  it("takes synchronous: 'NORMAL' only when asked", async () => {
    assert.deepEqual(await synchronousOf(join(dir, 'normal.db'), { synchronous: 'NORMAL' }), {
      synchronous: SYNCHRONOUS.NORMAL,
      journal: 'wal',
    });
  });
});
