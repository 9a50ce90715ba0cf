import type { CompiledQuery } from 'kysely';
import type { PatDatabase } from './database.js';

/**
 * A value's place in a statement built once per shape: each run puts its own value there. Used
 * as a value while the statement is built (in a template string, a comparison), it throws: the
 * statement would otherwise hold what was made of the first call's placeholder.
 */
class Slot {
  constructor(readonly key: string) {}

  [Symbol.toPrimitive](): never {
    throw new Error(`QueryShapes: the value "${this.key}" may only be placed in the statement, not used to build it`);
  }
}

/** The most shapes kept per database; past it the oldest goes. */
const SHAPES_PER_DATABASE = 100;

interface Shape {
  query: CompiledQuery;
  /** Per parameter, the key of the value that fills it, or undefined for a value built in. */
  keys: (string | undefined)[];
}

/**
 * Statements built and compiled once per shape, then run with each call's values. Kysely builds
 * a query as a tree of frozen nodes and compiles it on every call: for a page of the list, a
 * few dozen microseconds and most of what a request allocates, which the garbage collector then
 * pays for as well (bench: listing).
 *
 * `build` runs on the first call of a shape only, with each value that is not undefined replaced
 * by a placeholder that kysely takes for a value. So everything the statement's text depends on
 * — the structure `build` was given, which values are present — must be in `shape`.
 */
export class QueryShapes<Values extends Record<string, unknown>> {
  readonly #byDatabase = new WeakMap<PatDatabase, Map<string, Shape>>();

  /** The statement of `shape` on `db` (built by `build` the first time), with `values` in it. */
  compile<Row>(
    db: PatDatabase,
    shape: string,
    build: (values: Values) => { compile(): CompiledQuery },
    values: Values,
  ): CompiledQuery<Row> {
    let shapes = this.#byDatabase.get(db);
    if (!shapes) this.#byDatabase.set(db, (shapes = new Map()));
    let compiled = shapes.get(shape);
    if (!compiled) {
      const placeholders = Object.fromEntries(
        Object.entries(values).map(([key, value]) => [key, value === undefined ? undefined : new Slot(key)]),
      ) as Values;
      const query = build(placeholders).compile();
      compiled = { query, keys: query.parameters.map((parameter) => (parameter instanceof Slot ? parameter.key : undefined)) };
      if (shapes.size >= SHAPES_PER_DATABASE) shapes.delete(shapes.keys().next().value!);
      shapes.set(shape, compiled);
    }
    const { query, keys } = compiled;
    const parameters = query.parameters.map((parameter, index) => {
      const key = keys[index];
      return key === undefined ? parameter : values[key];
    });
    return { ...query, parameters } as CompiledQuery<Row>;
  }
}
