/**
 * The no-drift check itself (documented.ts): it accepts what the document describes and fails
 * every kind of answer it does not, so "every server test passed it" means something. And every
 * example in the document is valid by its own schema.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openApiDocument } from '../../contract/openapi.js';
import * as example from '../../contract/openapi.examples.js';
import { assertDocumented, pointer, validatorAt } from './documented.js';
import type { CallResult } from './harness.js';

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };
const ID = example.PAT.id;

function answer(status: number, body: unknown, headers: Record<string, string> = JSON_TYPE): CallResult {
  return { status, body, headers: new Headers(headers) };
}

const notDocumented = { name: 'AssertionError', message: /the API document/ };

describe('the no-drift check', () => {
  it('accepts answers the document describes', () => {
    assertDocumented('GET', `http://127.0.0.1:1/api/pats/${ID}`, answer(200, example.PAT));
    assertDocumented('get', `/api/pats?status=all`, answer(200, example.PAT_PAGE));
    assertDocumented('DELETE', `/api/pats/${ID}`, answer(204, '', {}));
    assertDocumented('GET', '/api/pats', answer(401, example.ERROR_EXAMPLES[401], { ...JSON_TYPE, 'www-authenticate': 'Bearer' }));
    assertDocumented('PUT', '/api/pats', answer(404, { error: 'not_found', message: 'No route for PUT /api/pats.' }));
    assertDocumented('HEAD', '/api/pats/summary', answer(200, '', JSON_TYPE));
    assertDocumented('OPTIONS', '/api/authorize', answer(200, 'POST', { 'content-type': 'text/plain; charset=utf-8', allow: 'POST' }));
    // Not the API: a host's own routes, the page at /.
    assertDocumented('GET', '/things/c-1', answer(200, { anything: true }));
    assertDocumented('GET', '/', answer(200, '<!doctype html>', { 'content-type': 'text/html' }));
  });

  it('fails a body that is not the schema’s: a field missing, one too many, a wrong type or code', () => {
    const { scopes_count: _dropped, ...missing } = example.PAT;
    assert.throws(() => assertDocumented('GET', `/api/pats/${ID}`, answer(200, missing)), notDocumented);
    assert.throws(() => assertDocumented('GET', `/api/pats/${ID}`, answer(200, { ...example.PAT, token_hash: 'ab12' })), notDocumented);
    assert.throws(() => assertDocumented('GET', `/api/pats/${ID}`, answer(200, { ...example.PAT, revoked: 'no' })), notDocumented);
    assert.throws(
      () => assertDocumented('GET', `/api/pats/${ID}`, answer(200, { ...example.PAT, issued_at: '15/01/2026' })),
      notDocumented,
    );
    // A secret where none is documented.
    assert.throws(() => assertDocumented('GET', `/api/pats/${ID}`, answer(200, example.PAT_WITH_SECRET)), notDocumented);
    assert.throws(() => assertDocumented('GET', `/api/pats/${ID}`, answer(404, { error: 'forbidden', message: 'No.' })), notDocumented);
  });

  it('fails a status the operation does not document, and a success on a path it does not have', () => {
    assert.throws(() => assertDocumented('DELETE', `/api/pats/${ID}`, answer(409, example.ERROR_EXAMPLES[409])), notDocumented);
    assert.throws(() => assertDocumented('GET', '/api/pats/summary', answer(204, '', {})), notDocumented);
    assert.throws(() => assertDocumented('GET', '/api/nothing', answer(200, {})), notDocumented);
    // Only under /pats does the user token come first.
    assert.throws(
      () =>
        assertDocumented('GET', '/api/nothing', answer(401, example.ERROR_EXAMPLES[401], { ...JSON_TYPE, 'www-authenticate': 'Bearer' })),
      notDocumented,
    );
  });

  it('fails a Content-Type, a header or a body the response does not have', () => {
    assert.throws(
      () => assertDocumented('GET', `/api/pats/${ID}`, answer(200, example.PAT, { 'content-type': 'text/html' })),
      notDocumented,
    );
    assert.throws(() => assertDocumented('GET', '/api/pats', answer(401, example.ERROR_EXAMPLES[401])), notDocumented);
    assert.throws(() => assertDocumented('POST', '/api/authorize', answer(429, example.ERROR_EXAMPLES[429])), notDocumented);
    assert.throws(() => assertDocumented('DELETE', `/api/pats/${ID}`, answer(204, '{}', {})), notDocumented);
    assert.throws(
      () => assertDocumented('OPTIONS', '/api/authorize', answer(200, 'GET, POST', { 'content-type': 'text/plain', allow: 'GET, POST' })),
      notDocumented,
    );
  });
});

describe('the examples of the document', () => {
  it('are there for every body, each valid by the schema beside it', () => {
    const bodies: string[] = [];
    const visit = (node: unknown, keys: string[]) => {
      if (!node || typeof node !== 'object') return;
      const record = node as Record<string, unknown>;
      if (keys.at(-2) === 'content') {
        assert.ok('example' in record, `${keys.join(' ')}: no example`);
        bodies.push(keys.join(' '));
      }
      if ('schema' in record && 'example' in record) {
        const validate = validatorAt(pointer(...keys, 'schema'));
        assert.ok(validate(record.example), `${keys.join(' ')}: ${JSON.stringify(validate.errors)}`);
      }
      for (const [key, value] of Object.entries(record)) visit(value, [...keys, key]);
    };
    const document = openApiDocument();
    visit({ paths: document.paths, components: document.components }, []);
    // Every request body, every answer with a body, every shared error.
    assert.ok(bodies.length >= 30, `${bodies.length} bodies`);
  });
});
