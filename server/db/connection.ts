import SQLite from 'better-sqlite3';

/**
 * A better-sqlite3 connection set up the way every connection to the database must be: WAL,
 * foreign keys, a busy timeout, and the app's lower(). Used by the kysely database and by the
 * last-use writer thread, which keeps kysely out of its small heap.
 */
export function openConnection(path: string): SQLite.Database {
  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // SQLite's own lower() folds ASCII only; Postgres folds all of Unicode. Name search and the
  // case-insensitive unique index must agree with what people type ("Über" = "über"), and every
  // connection that may touch those indexes must fold the same way.
  sqlite.function('lower', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? text.toLowerCase() : text));
  return sqlite;
}
