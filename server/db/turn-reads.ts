import type SQLite from 'better-sqlite3';

/**
 * Reads on a SQLite connection, outside kysely, that share one read transaction per turn of the
 * event loop. In WAL mode a statement outside a transaction begins and ends one of its own: it
 * takes and releases a read mark on the `-shm` file (two `fcntl` calls) and checks the file,
 * which is about 6 of the 16 µs a cold authorize read costs (bench: 100k PATs). The reads of one
 * turn share that work and see the database as the first of them did.
 *
 * The transaction never outlives what this process knows to have changed: it ends before kysely
 * uses the connection (a write, and whatever is read after it, see each other), when `end()` is
 * called (another connection of this process committed: the last-use writer thread), and when the
 * turn ends. Another process's write is seen from the next turn.
 */
export class TurnReads {
  readonly #sqlite: SQLite.Database;
  readonly #begin: SQLite.Statement;
  readonly #commit: SQLite.Statement;
  readonly #endOfTurn = () => this.end();
  #open = false;

  constructor(sqlite: SQLite.Database) {
    this.#sqlite = sqlite;
    this.#begin = sqlite.prepare('begin');
    this.#commit = sqlite.prepare('commit');
  }

  /** Whether kysely holds a transaction on the connection: reads must then wait in its queue. */
  get blocked(): boolean {
    return this.#sqlite.inTransaction && !this.#open;
  }

  prepare<Params extends unknown[], Row>(text: string): SQLite.Statement<Params, Row> {
    return this.#sqlite.prepare<Params, Row>(text);
  }

  /** `statement.get(...params)` inside the turn's read transaction (begun here if none is open). Not while `blocked`. */
  get<Params extends unknown[], Row>(statement: SQLite.Statement<Params, Row>, ...params: Params): Row | undefined {
    if (!this.#open) {
      this.#begin.run();
      this.#open = true;
      setImmediate(this.#endOfTurn);
    }
    return statement.get(...params);
  }

  /** Ends the turn's read transaction, if one is open: the next read sees every commit made so far. */
  end(): void {
    if (!this.#open) return;
    this.#open = false;
    if (this.#sqlite.open) this.#commit.run();
  }
}
