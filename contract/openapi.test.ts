/**
 * The API document is valid OpenAPI 3.1, and openapi.json (committed, shipped in the package) is
 * what the schemas generate today: run `npm run build:openapi` when this fails.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { API_VERSION } from './openapi.components.js';
import { openApiDocument } from './openapi.js';
import { ERROR_CODES } from './types.js';

const root = new URL('..', import.meta.url).pathname;
const document = openApiDocument();

describe('the API document', () => {
  it('is valid OpenAPI 3.1', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document));
    assert.deepEqual(result.errors, undefined);
    assert.equal(result.valid, true);
    assert.equal(validator.version, '3.1');
  });

  it('openapi.json is what the schemas generate today (run `npm run build:openapi` when this fails)', () => {
    const committed = JSON.parse(readFileSync(join(root, 'openapi.json'), 'utf8'));
    assert.deepEqual(committed, document);
  });

  it('has the package’s version', () => {
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    assert.equal(API_VERSION, version);
  });

  it('names every error code in the error bodies it describes', () => {
    const schemas = (document as { components: { schemas: Record<string, { properties?: { error?: { enum?: string[] } } }> } }).components
      .schemas;
    const described = new Set(Object.values(schemas).flatMap((schema) => schema.properties?.error?.enum ?? []));
    assert.deepEqual([...described].sort(), [...ERROR_CODES].sort());
  });

  it('serves its server URL where it is told the API is mounted', () => {
    assert.deepEqual(document.servers, [{ url: '/api' }]);
    assert.deepEqual(openApiDocument({ serverUrl: '/v1/tokens' }).servers, [{ url: '/v1/tokens' }]);
  });
});
