import assert from 'node:assert/strict';
import type { CallResult } from './harness.js';

const ERROR_KEYS = new Set(['error', 'message', 'details']);

/** The JSON error body: `error`, a sentence in `message`, `details` of fields, never a stack trace. */
export function assertError(res: CallResult, status: number, code: string): void {
  assert.equal(res.status, status, `expected ${status} ${code}, got ${res.status} ${JSON.stringify(res.body)}`);
  assert.match(res.headers.get('content-type') ?? '', /application\/json/);
  const body = res.body;
  assert.equal(typeof body, 'object', `body must be JSON: ${String(body)}`);
  assert.notEqual(body, null);
  for (const key of Object.keys(body)) assert.ok(ERROR_KEYS.has(key), `unexpected key "${key}" in an error body`);
  assert.equal(body.error, code);
  assert.equal(typeof body.message, 'string');
  assert.match(body.message, /^\S.*\S[.!?]$/s, `message must be a sentence: "${body.message}"`);
  assert.match(body.message, /^[A-Z]/, `message must read as a sentence: "${body.message}"`);
  const text = JSON.stringify(body);
  assert.doesNotMatch(text, /\bat [^\s]+ \(|\.ts:\d+:\d+|\.js:\d+:\d+|node:internal|node_modules/, `no stack trace: ${text}`);
  if (body.details !== undefined) {
    assert.ok(Array.isArray(body.details));
    for (const detail of body.details) {
      assert.deepEqual(Object.keys(detail).sort(), ['field', 'message']);
      assert.equal(typeof detail.field, 'string');
      assert.equal(typeof detail.message, 'string');
    }
  }
}
