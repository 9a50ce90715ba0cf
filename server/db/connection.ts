import type SQLite from 'better-sqlite3';
import { sqliteDriver } from './drivers.js';

/**
 * WAL pages (4 KiB) after which a connection's commit checkpoints. The last-use writer thread,
 * which writes the most, checkpoints at 32 MiB: rarer checkpoints cost it half as much per row
 * (bench: 100k PATs, a burst of last uses). The server's own connection only past 64 MiB, when
 * that thread is not there to do it: a checkpoint on the answering thread stalls every request.
 */
export const CHECKPOINT_PAGES = { writerThread: 8_000, server: 16_000 };

export interface ConnectionOptions {
  checkpointPages?: number;
  /**
   * `FULL` (the default) syncs the WAL on every commit, so an acknowledged write, such as a
   * revocation, survives a power loss or an OS crash, not only a killed process. `NORMAL` may
   * lose the last commits then: only for writes whose loss is harmless (the last-use stamps).
   */
  synchronous?: 'FULL' | 'NORMAL';
}

/**
 * A better-sqlite3 connection set up the way every connection to the database must be: WAL,
 * foreign keys, a busy timeout, and no function of PAT Kit's own, so that any SQLite tool can
 * check and rebuild every index. Used by the kysely database and by the last-use writer thread,
 * which keeps kysely out of its small heap. `checkpointPages`: see CHECKPOINT_PAGES (the
 * server's connection by default).
 */
export function openConnection(
  path: string,
  { checkpointPages = CHECKPOINT_PAGES.server, synchronous = 'FULL' }: ConnectionOptions = {},
): SQLite.Database {
  const sqlite = new (sqliteDriver())(path);
  sqlite.pragma('journal_mode = WAL');
  // The commit that finds the WAL this long copies it into the database file (and syncs it).
  sqlite.pragma(`wal_autocheckpoint = ${checkpointPages}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma(`synchronous = ${synchronous}`);
  return sqlite;
}
