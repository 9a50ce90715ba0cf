import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type SqliteDatabase } from 'kysely';
import { openConnection, type ConnectionOptions } from './connection.js';
import { postgresDriver } from './drivers.js';
import { dialectOf } from './dialect.js';
import { migrationProvider } from './migrations.js';
import { namedStatementsClient } from './named-statements.js';
import type { Database } from './schema.js';
import { TurnReads } from './turn-reads.js';

export type PatDatabase = Kysely<Database>;

export interface OpenDatabaseOptions {
  /** SQLite: see ConnectionOptions.synchronous (`FULL` by default). */
  synchronous?: ConnectionOptions['synchronous'];
  /** PostgreSQL: the most connections in the pool (10 by default). */
  poolSize?: number;
  /** PostgreSQL: told of an error on an idle pooled connection (a server restart, a failover). */
  onPoolError?: (error: Error) => void;
}

/** Whether `target` names a PostgreSQL database rather than a SQLite file. */
export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

/** The URL a PostgreSQL database was opened with, for connections of its own (the change listener). */
const postgresUrls = new WeakMap<PatDatabase, string>();

/** The reads outside kysely on the connection behind a SQLite database opened here. */
const sqliteReads = new WeakMap<PatDatabase, TurnReads>();

/**
 * Opens PAT Kit's database and brings its schema up to date: PostgreSQL for a
 * `postgres://`/`postgresql://` URL (a pool), otherwise the embedded SQLite file at the path
 * (`:memory:` for tests) with WAL, foreign keys and a busy timeout. SQLite syncs every commit
 * (`synchronous: 'FULL'`), so an acknowledged revocation survives a power loss; `'NORMAL'` is
 * faster and may lose the last commits on a power loss or OS crash.
 */
export async function openDatabase(target: string, options: OpenDatabaseOptions = {}): Promise<PatDatabase> {
  const db = isPostgresUrl(target) ? openPostgres(target, options) : openSqlite(target, options);
  await migrate(db);
  return db;
}

function openSqlite(path: string, { synchronous }: OpenDatabaseOptions): PatDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const connection = openConnection(path, { synchronous });
  const reads = new TurnReads(connection);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(connection, reads) }) });
  sqliteReads.set(db, reads);
  return db;
}

function openPostgres(url: string, { poolSize = 10, onPoolError }: OpenDatabaseOptions): PatDatabase {
  const pg = postgresDriver();
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    application_name: 'pat-kit',
    Client: namedStatementsClient(pg),
    // Each run of a prepared statement is planned for its values, as an unnamed one is: a generic
    // plan fits the average user, and sorts all 10,000 PATs of a user who has that many.
    options: '-c plan_cache_mode=force_custom_plan',
  });
  // kysely attaches no error listener, and an idle client that the server terminated emits
  // 'error' on the pool: unheard, it would end the process. The pool drops that client itself.
  pool.on('error', (error) => onPoolError?.(error));
  // A client checked out when the server ends its connection (between two queries, or as it is
  // handed over) emits 'error' on itself, where the pool no longer listens: heard here, its next
  // query fails (and that request logs it) instead of the process ending. Nothing is logged here:
  // an idle client's error also reaches the pool's listener above.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  postgresUrls.set(db, url);
  return db;
}

/** The URL `db` was opened with by openDatabase, if it is PostgreSQL. */
export function postgresUrlOf(db: PatDatabase): string | undefined {
  return postgresUrls.get(db);
}

/**
 * The reads on the SQLite connection `db` was opened with by openDatabase: for the one read that
 * may skip kysely's queue (see credentialReader). Undefined for PostgreSQL and for a database
 * opened elsewhere.
 */
export function sqliteReadsOf(db: PatDatabase): TurnReads | undefined {
  return sqliteReads.get(db);
}

/** A URL with its password replaced, for logs. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unreadable URL)';
  }
}

/**
 * The file behind `db`, or null when it has none a second connection could open: an in-memory
 * or temporary SQLite database, or another kind of database (a host's own kysely).
 */
export async function databaseFile(db: PatDatabase): Promise<string | null> {
  if (dialectOf(db) !== 'sqlite') return null;
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
 * is never handed out twice. Kysely runs each statement it prepares at once: the turn's reads
 * outside it end first.
 */
function withStatementCache(sqlite: SQLite.Database, reads: TurnReads): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      reads.end();
      sqlite.close();
    },
    prepare(text: string) {
      reads.end();
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
