import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openDatabase } from './database.js';
import { QueryShapes } from './query-shapes.js';

describe('statements built once per shape', async () => {
  const db = await openDatabase(':memory:');
  after(() => db.destroy());

  interface Values extends Record<string, unknown> {
    user: string;
    name: string | undefined;
    limit: number;
  }

  /** A shape cache whose builder counts its runs, and the statement it builds. */
  function counted() {
    const shapes = new QueryShapes<Values>();
    let builds = 0;
    const compile = (values: Values, ordered: 'asc' | 'desc') =>
      shapes.compile<{ id: string }>(
        db,
        `${ordered}|${values.name !== undefined}`,
        (placed) => {
          builds++;
          let query = db.selectFrom('pats').select('id').where('user_id', '=', placed.user);
          if (placed.name !== undefined) query = query.where('name', '=', placed.name);
          return query.orderBy('id', ordered).limit(placed.limit);
        },
        values,
      );
    return { compile, builds: () => builds };
  }

  it('builds a shape once and puts each call’s values in its statement', () => {
    const { compile, builds } = counted();
    const first = compile({ user: 'u-1', name: 'ci', limit: 10 }, 'asc');
    const second = compile({ user: 'u-2', name: 'deploy', limit: 25 }, 'asc');
    assert.equal(builds(), 1);
    assert.equal(second.sql, first.sql);
    assert.deepEqual(first.parameters, ['u-1', 'ci', 10]);
    assert.deepEqual(second.parameters, ['u-2', 'deploy', 25]);
  });

  it('builds each shape on its own: an absent value is no placeholder, so a branch on it is taken as for the call', () => {
    const { compile, builds } = counted();
    const withName = compile({ user: 'u-1', name: 'ci', limit: 10 }, 'asc');
    const withoutName = compile({ user: 'u-1', name: undefined, limit: 10 }, 'asc');
    const descending = compile({ user: 'u-1', name: undefined, limit: 10 }, 'desc');
    assert.equal(builds(), 3);
    assert.match(withName.sql, /"name" = \?/);
    assert.doesNotMatch(withoutName.sql, /"name"/);
    assert.deepEqual(withoutName.parameters, ['u-1', 10]);
    assert.match(descending.sql, /order by "id" desc/);
  });

  it('runs the statement with the values of the call', async () => {
    const { compile } = counted();
    const rows = await db.executeQuery(compile({ user: 'nobody', name: undefined, limit: 5 }, 'asc'));
    assert.deepEqual(rows.rows, []);
  });

  it('refuses a builder that makes something of a value instead of placing it', () => {
    const shapes = new QueryShapes<Values>();
    assert.throws(
      () =>
        shapes.compile(db, 'pattern', (placed) => db.selectFrom('pats').select('id').where('name', 'like', `%${placed.name}%`), {
          user: 'u',
          name: 'ci',
          limit: 1,
        }),
      /the value "name" may only be placed in the statement/,
    );
  });
});
