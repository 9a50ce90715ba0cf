import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mergeScopes, scopeCovers, scopeGrants, scopeKey } from './scopes.js';
import type { AuthorizeRequest, Scope, ScopeInput } from './types.js';

/** A scope or request in short form: `clients read c1 d1`; `-` for a null domain, nothing for none. */
function input(spec: string): ScopeInput {
  const [entity_type, operation, entity_id, domain] = spec.split(' ');
  const scope: ScopeInput = { entity_type: entity_type!, operation: operation!, entity_id: entity_id! };
  if (domain !== undefined) scope.domain_id = domain === '-' ? null : domain;
  return scope;
}

/** A stored scope (always with a domain_id, null when unset) with an id for telling them apart. */
function stored(id: string, spec: string): Scope {
  const { entity_type, operation, entity_id, domain_id } = input(spec);
  return { id, pat_id: 'pat-1', entity_type, operation, entity_id, domain_id: domain_id ?? null };
}

/** What mergeScopes puts in `add`: the input with its domain made explicit. */
function normal(spec: string): ScopeInput {
  return { ...input(spec), domain_id: input(spec).domain_id ?? null };
}

describe('scopeGrants', () => {
  const rows: [name: string, scope: string, request: string, expected: boolean][] = [
    // entity id
    ['a wildcard grants a specific entity', 'clients read *', 'clients read c1', true],
    ['a wildcard grants a request about no entity (list)', 'clients list *', 'clients list *', true],
    ['a wildcard grants create', 'clients create *', 'clients create *', true],
    ['a specific scope grants its own entity', 'clients read c1', 'clients read c1', true],
    ['a specific scope refuses another entity', 'clients read c1', 'clients read c2', false],
    ['a specific scope refuses a list request', 'clients list c1', 'clients list *', false],
    ['a specific scope refuses a create request', 'clients create c1', 'clients create *', false],
    ['entity ids are compared exactly (case)', 'clients read c1', 'clients read C1', false],
    ['entity ids are compared exactly (prefix)', 'clients read c1', 'clients read c10', false],
    // domain
    ['a null domain grants any domain', 'clients read c1 -', 'clients read c1 d1', true],
    ['a null domain grants a request with no domain (omitted)', 'clients read c1 -', 'clients read c1', true],
    ['a null domain grants a request with a null domain', 'clients read c1 -', 'clients read c1 -', true],
    ['an omitted domain on the scope grants any domain', 'clients read c1', 'clients read c1 d1', true],
    ['a given domain grants that domain', 'clients read c1 d1', 'clients read c1 d1', true],
    ['a given domain refuses another domain', 'clients read c1 d1', 'clients read c1 d2', false],
    ['a given domain refuses a request with no domain (omitted)', 'clients read c1 d1', 'clients read c1', false],
    ['a given domain refuses a request with a null domain', 'clients read c1 d1', 'clients read c1 -', false],
    ['a wildcard in a domain grants a list in that domain', 'clients list * d1', 'clients list * d1', true],
    ['a wildcard in a domain refuses a list in another domain', 'clients list * d1', 'clients list * d2', false],
    // type and operation
    ['another entity type is refused', 'clients read c1', 'channels read c1', false],
    ['a wildcard does not cross entity types', 'clients read *', 'channels read c1', false],
    ['another operation is refused', 'clients read c1', 'clients update c1', false],
    ['a wildcard does not cross operations', 'clients read *', 'clients delete c1', false],
    ['types are compared exactly (case)', 'clients read *', 'Clients read c1', false],
    ['messages: publish on a channel', 'messages publish ch1', 'messages publish ch1', true],
    ['messages: publish does not grant subscribe', 'messages publish *', 'messages subscribe ch1', false],
  ];
  for (const [name, scope, request, expected] of rows) {
    it(`${name}: [${scope}] ${expected ? 'grants' : 'refuses'} [${request}]`, () => {
      assert.equal(scopeGrants(input(scope), input(request) as AuthorizeRequest), expected);
      assert.equal(scopeGrants(stored('s', scope), input(request) as AuthorizeRequest), expected, 'as a stored scope');
    });
  }
});

describe('scopeCovers', () => {
  const rows: [name: string, outer: string, inner: string, expected: boolean][] = [
    ['a scope covers itself', 'clients read c1 d1', 'clients read c1 d1', true],
    ['a scope covers itself (null domain)', 'clients read c1 -', 'clients read c1 -', true],
    ['an omitted domain equals a null domain', 'clients read c1', 'clients read c1 -', true],
    ['a null domain equals an omitted domain', 'clients read c1 -', 'clients read c1', true],
    ['a wildcard covers a specific scope', 'clients read *', 'clients read c1', true],
    ['a specific scope does not cover a wildcard', 'clients read c1', 'clients read *', false],
    ['a specific scope does not cover another', 'clients read c1', 'clients read c2', false],
    ['a null domain covers a given domain', 'clients read c1 -', 'clients read c1 d1', true],
    ['a given domain does not cover a null domain', 'clients read c1 d1', 'clients read c1 -', false],
    ['a given domain does not cover an omitted domain', 'clients read c1 d1', 'clients read c1', false],
    ['a given domain does not cover another', 'clients read c1 d1', 'clients read c1 d2', false],
    ['a null-domain wildcard covers a specific scope in a domain', 'clients read * -', 'clients read c1 d1', true],
    ['a null-domain wildcard covers a wildcard in a domain', 'clients read * -', 'clients read * d1', true],
    ['a wildcard in a domain covers a specific scope there', 'clients read * d1', 'clients read c1 d1', true],
    ['a wildcard in a domain does not cover a null-domain specific', 'clients read * d1', 'clients read c1 -', false],
    ['a wildcard in a domain does not cover another domain', 'clients read * d1', 'clients read c1 d2', false],
    ['another operation is not covered', 'clients read *', 'clients update c1', false],
    ['another entity type is not covered', 'clients read *', 'channels read c1', false],
  ];
  for (const [name, outer, inner, expected] of rows) {
    it(`${name}: [${outer}] ${expected ? 'covers' : 'does not cover'} [${inner}]`, () => {
      assert.equal(scopeCovers(input(outer), input(inner)), expected);
    });
  }
});

describe('scopeKey', () => {
  it('treats an omitted domain and a null domain as the same scope', () => {
    assert.equal(scopeKey(input('clients read c1')), scopeKey(input('clients read c1 -')));
  });
  const different: [a: string, b: string][] = [
    ['clients read c1', 'clients read c2'],
    ['clients read c1', 'clients update c1'],
    ['clients read c1', 'channels read c1'],
    ['clients read c1 -', 'clients read c1 d1'],
    ['clients read c1 d1', 'clients read c1 d2'],
  ];
  for (const [a, b] of different) {
    it(`tells [${a}] from [${b}]`, () => {
      assert.notEqual(scopeKey(input(a)), scopeKey(input(b)));
    });
  }
});

/** The scopes after applying a merge plan. */
function applied(existing: Scope[], plan: { add: ScopeInput[]; remove: Scope[] }): ScopeInput[] {
  return [...existing.filter((scope) => !plan.remove.includes(scope)), ...plan.add];
}

describe('mergeScopes', () => {
  const rows: [name: string, existing: Scope[], incoming: string[], add: string[], removeIds: string[]][] = [
    ['into an empty PAT, a scope is added', [], ['clients read c1'], ['clients read c1 -'], []],
    ['a domain is kept', [], ['clients read c1 d1'], ['clients read c1 d1'], []],
    ['a duplicate of an existing scope is a no-op', [stored('a', 'clients read c1 -')], ['clients read c1 -'], [], []],
    ['a duplicate with the domain omitted is a no-op', [stored('a', 'clients read c1 -')], ['clients read c1'], [], []],
    ['a duplicate in a domain is a no-op', [stored('a', 'clients read c1 d1')], ['clients read c1 d1'], [], []],
    ['a specific scope under an existing wildcard is a no-op', [stored('w', 'clients read * -')], ['clients read c1'], [], []],
    ['a domain scope under an existing null-domain wildcard is a no-op', [stored('w', 'clients read * -')], ['clients read c1 d1'], [], []],
    ['a domain scope under an existing null-domain scope is a no-op', [stored('a', 'clients read c1 -')], ['clients read c1 d1'], [], []],
    [
      'a null-domain scope is not covered by a wildcard in a domain',
      [stored('w', 'clients read * d1')],
      ['clients read c1'],
      ['clients read c1 -'],
      [],
    ],
    ['a scope in another domain is not covered', [stored('w', 'clients read * d1')], ['clients read c1 d2'], ['clients read c1 d2'], []],
    ['a wildcard of another operation covers nothing', [stored('w', 'clients update * -')], ['clients read c1'], ['clients read c1 -'], []],
    ['a wildcard of another type covers nothing', [stored('w', 'channels read * -')], ['clients read c1'], ['clients read c1 -'], []],
    [
      'adding a wildcard removes the specific scopes of the same type and operation',
      [
        stored('a', 'clients read c1 -'),
        stored('b', 'clients read c2 -'),
        stored('c', 'clients update c1 -'),
        stored('d', 'channels read c1 -'),
      ],
      ['clients read *'],
      ['clients read * -'],
      ['a', 'b'],
    ],
    [
      'adding a wildcard in a domain removes only the specific scopes in that domain',
      [stored('a', 'clients read c1 d1'), stored('b', 'clients read c2 d2'), stored('c', 'clients read c3 -')],
      ['clients read * d1'],
      ['clients read * d1'],
      ['a'],
    ],
    [
      'adding a null-domain wildcard removes scopes in every domain, wildcards in a domain included',
      [stored('a', 'clients read c1 d1'), stored('b', 'clients read * d2'), stored('c', 'clients read c2 -')],
      ['clients read *'],
      ['clients read * -'],
      ['a', 'b', 'c'],
    ],
    [
      'adding a null-domain specific scope removes the same entity in a domain',
      [stored('a', 'clients read c1 d1'), stored('b', 'clients read c2 d1')],
      ['clients read c1'],
      ['clients read c1 -'],
      ['a'],
    ],
    ['two identical incoming scopes become one', [], ['clients read c1', 'clients read c1'], ['clients read c1 -'], []],
    ['an omitted and a null domain in one list become one', [], ['clients read c1', 'clients read c1 -'], ['clients read c1 -'], []],
    ['two identical incoming wildcards become one', [], ['clients read * d1', 'clients read * d1'], ['clients read * d1'], []],
    [
      'a wildcard later in the list replaces the earlier specific ones',
      [],
      ['clients read c1', 'clients read c2', 'clients update c1', 'clients read *', 'clients read c3'],
      ['clients update c1 -', 'clients read * -'],
      [],
    ],
    [
      'a wildcard in a domain later in the list replaces only the earlier ones in that domain',
      [],
      ['clients read c1 d1', 'clients read c2 d2', 'clients read * d1'],
      ['clients read c2 d2', 'clients read * d1'],
      [],
    ],
    [
      'a wildcard first makes the later specific ones no-ops',
      [],
      ['clients read *', 'clients read c1', 'clients read c2 d1'],
      ['clients read * -'],
      [],
    ],
    [
      'new scopes keep their order, covered ones are dropped',
      [stored('w', 'clients read * -'), stored('x', 'channels read ch1 -')],
      ['groups read g1', 'clients read c9', 'channels read ch1', 'channels read ch2', 'messages publish ch1'],
      ['groups read g1 -', 'channels read ch2 -', 'messages publish ch1 -'],
      [],
    ],
    [
      'a mix: no-ops, a new wildcard with removals, and a new scope',
      [stored('a', 'clients read c1 -'), stored('b', 'clients read c2 -'), stored('w', 'channels read * -')],
      ['channels read ch1', 'clients read c1', 'clients read *', 'users read u1'],
      ['clients read * -', 'users read u1 -'],
      ['a', 'b'],
    ],
    ['nothing incoming is a no-op', [stored('a', 'clients read c1 -')], [], [], []],
  ];

  for (const [name, existing, incoming, add, removeIds] of rows) {
    it(name, () => {
      const plan = mergeScopes(existing, incoming.map(input));
      assert.deepEqual(plan.add, add.map(normal), 'add');
      assert.deepEqual(
        plan.remove.map((scope) => scope.id),
        removeIds,
        'remove',
      );
      // remove hands back the caller's own objects, so it can delete them by id
      for (const scope of plan.remove) assert.ok(existing.includes(scope), 'remove returns existing objects');

      const after = applied(existing, plan);
      // no scope left that another one covers
      after.forEach((a, i) =>
        after.forEach((b, j) => {
          if (i !== j) assert.equal(scopeCovers(a, b), false, `[${JSON.stringify(a)}] covers [${JSON.stringify(b)}]`);
        }),
      );
      // nothing granted before or asked for is lost
      for (const scope of [...existing, ...incoming.map(input)]) {
        assert.ok(
          after.some((kept) => scopeCovers(kept, scope)),
          `${JSON.stringify(scope)} is no longer covered`,
        );
      }
    });
  }

  it('does not modify its arguments', () => {
    const existing = [stored('a', 'clients read c1 -')];
    const incoming = [input('clients read *'), input('clients read c2')];
    const before = JSON.stringify([existing, incoming]);
    mergeScopes(existing, incoming);
    assert.equal(JSON.stringify([existing, incoming]), before);
  });
});
