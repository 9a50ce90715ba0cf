import { createHash } from 'node:crypto';
import type Pg from 'pg';

/** The most statements one connection keeps prepared; past them, new statements run unnamed. */
const PREPARED_PER_CONNECTION = 200;

/**
 * The statements worth naming: reads and writes (not `begin`, DDL or `set`) whose result names
 * its columns. A `*` would take the columns a migration adds, and PostgreSQL refuses to run a
 * prepared statement whose result changed ("cached plan must not change result type"): an
 * instance would fail while another one migrates.
 */
function isNameable(text: string): boolean {
  return /^(select|insert|update|delete|with)\s/i.test(text) && !text.replaceAll('count(*)', '').includes('*');
}

/**
 * A `pg` client class that runs kysely's queries as named prepared statements. kysely sends
 * each query as text with parameters, which PostgreSQL parses and plans on every run: 0.4 ms of
 * the 0.7 ms a page of a list takes. A named statement is parsed once per connection; each run
 * is still planned for its values, as the pool asks (`plan_cache_mode`, see openPostgres), since
 * a generic plan fits the average user, not one with 10,000 PATs. The name is a digest of the
 * text, so the same text always has the same name and no name is reused for another text. A
 * session that does not keep its prepared statements (a proxy that pools by transaction) is
 * unsupported already: the change listener needs a session of its own too.
 */
export function namedStatementsClient(pg: typeof Pg): typeof Pg.Client {
  return class NamedStatementsClient extends pg.Client {
    /** Statement names by their text, for this connection. */
    readonly #names = new Map<string, string>();

    // pg's query() has a dozen overloads; kysely calls the (text, values) one, the rest pass through.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    override query(config: any, values?: any, callback?: any): any {
      if (typeof config === 'string' && Array.isArray(values) && callback === undefined) {
        const name = this.#nameOf(config);
        if (name) return super.query({ name, text: config, values });
      }
      return super.query(config, values, callback);
    }

    #nameOf(text: string): string | undefined {
      const known = this.#names.get(text);
      if (known !== undefined || this.#names.size >= PREPARED_PER_CONNECTION || !isNameable(text)) return known;
      const name = `pk_${createHash('sha256').update(text).digest('base64url').slice(0, 32)}`;
      this.#names.set(text, name);
      return name;
    }
  };
}
