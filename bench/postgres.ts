/** A throw-away PostgreSQL cluster for the PostgreSQL figures: scripts/postgres.mjs, typed. */
export interface Postgres {
  /** A database that an ordinary role owns, on 127.0.0.1. */
  url: string;
  /** Stops the cluster and removes its files (synchronous: safe in a signal handler). */
  stop(): void;
  /** Writes every dirty page out now (a no-op on a server named by PAT_TEST_DATABASE_URL). */
  checkpoint(): void;
}

/**
 * Starts the cluster `npm test` uses (installs Debian's postgresql with apt-get when missing
 * and running as root; PAT_TEST_DATABASE_URL names a server to use instead).
 */
export async function startPostgres(): Promise<Postgres> {
  // A JavaScript module without types: imported by URL, so the compiler does not look for them.
  const module = (await import(new URL('../scripts/postgres.mjs', import.meta.url).href)) as { startPostgres(): Promise<Postgres> };
  return module.startPostgres();
}
