import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import type Pg from 'pg';

/**
 * The database drivers are optional peer dependencies: a host installs the one for the database
 * it uses (and a front-end-only host neither). Each is loaded when first needed, and a missing
 * one is an error that names the package to install.
 */
const require = createRequire(import.meta.url);

/** The driver for the database asked for is not installed. */
export class MissingDriverError extends Error {
  override name = 'MissingDriverError';
}

function load<T>(name: string, database: string): T {
  try {
    return require(name) as T;
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code === 'MODULE_NOT_FOUND' && message.includes(`'${name}'`)) {
      throw new MissingDriverError(`PAT Kit needs the ${name} package for ${database}: npm install ${name}`);
    }
    throw error;
  }
}

export function sqliteDriver(): typeof BetterSqlite3 {
  return load('better-sqlite3', 'a SQLite database');
}

export function postgresDriver(): typeof Pg {
  return load('pg', 'a PostgreSQL database');
}
