import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql, type SqliteDatabase } from 'kysely';
import { openConnection, type ConnectionOptions } from './connection.js';
import { migrationProvider } from './migrations.js';
import type { Database } from './schema.js';

export type PatDatabase = Kysely<Database>;

/**
 * Opens the embedded SQLite database at `path` (`:memory:` for tests) with WAL, foreign keys
 * and a busy timeout, and brings its schema up to date. Every commit is synced to disk
 * (`synchronous: 'FULL'`), so an acknowledged revocation survives a power loss; `'NORMAL'` is
 * faster and may lose the last commits on a power loss or OS crash.
 */
export async function openDatabase(path: string, { synchronous }: Pick<ConnectionOptions, 'synchronous'> = {}): Promise<PatDatabase> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const connection = openConnection(path, { synchronous });
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(connection) }) });
  await migrate(db);
  return db;
}

/**
 * The file behind `db`, or null when it has none a second connection could open: an in-memory
 * or temporary SQLite database, or another kind of database (a host's own kysely).
 */
export async function databaseFile(db: PatDatabase): Promise<string | null> {
  try {
    const { rows } = await sql<{ name: string; file: string }>`pragma database_list`.execute(db);
    return rows.find((row) => row.name === 'main')?.file || null;
  } catch {
    return null;
  }
}

const STATEMENT_CACHE_SIZE = 200;

/**
 * Kysely's SQLite driver prepares every query anew, which costs about as much as running a
 * simple one. The app's queries come in a few shapes, so prepared statements are kept by their
 * SQL text (a bounded map, oldest out first). A statement still open in an iterate() is busy and
 * is never handed out twice.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      const cached = statements.get(text);
      if (cached && !cached.busy) return cached;
      const statement = sqlite.prepare(text);
      if (!cached) {
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!);
        statements.set(text, statement);
      }
      return statement;
    },
  };
}

/** Runs every pending migration; throws with the failing migration's error. */
export async function migrate(db: PatDatabase): Promise<void> {
  const { error, results } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error');
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed`, { cause: error });
  }
}
