/** What the mocks read beyond the shared request schemas (contract/schemas.ts): the query string as Express reads it. */
import type { Parsed } from '../contract/schemas.js';

export type Validated<T> = Parsed<T>;

/** A query string as Express 5 parses it: a repeated key becomes an array. */
export type QueryRecord = Record<string, string | string[] | undefined>;

/** Turns a URL's query string into what Express 5's simple query parser gives a route. */
export function queryRecord(params: URLSearchParams): QueryRecord {
  const record: QueryRecord = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    record[key] = values.length === 1 ? values[0] : values;
  }
  return record;
}
