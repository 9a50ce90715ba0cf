import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { z } from 'zod';
import type { Notification, PatEvent, PatEventPage, PatUsage } from './events.js';
import type { AuthorizeResponse, Catalog, ErrorBody, Pat, PatPage, PatWithSecret, Scope, ScopeList, ScopePage, Summary } from './types.js';
import {
  authorizeResponseSchema,
  catalogSchema,
  deletedSchema,
  errorBodySchema,
  eventPageSchema,
  eventSchema,
  notificationSchema,
  usageSchema,
  patPageSchema,
  patSchema,
  patWithSecretSchema,
  scopeListSchema,
  scopePageSchema,
  scopeSchema,
  summarySchema,
} from './responses.js';

/** True only when A and B are the same type (not merely assignable one way). */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

// Compiles only while every schema describes exactly its wire type: a field added to, dropped
// from or retyped in contract/types.ts fails the type check until the schema follows.
const agreements: true[] = [
  true satisfies Same<z.output<typeof patSchema>, Pat>,
  true satisfies Same<z.output<typeof patWithSecretSchema>, PatWithSecret>,
  true satisfies Same<z.output<typeof scopeSchema>, Scope>,
  true satisfies Same<z.output<typeof patPageSchema>, PatPage>,
  true satisfies Same<z.output<typeof scopePageSchema>, ScopePage>,
  true satisfies Same<z.output<typeof scopeListSchema>, ScopeList>,
  true satisfies Same<z.output<typeof summarySchema>, Summary>,
  true satisfies Same<z.output<typeof catalogSchema>, Catalog>,
  true satisfies Same<z.output<typeof authorizeResponseSchema>, AuthorizeResponse>,
  true satisfies Same<z.output<typeof errorBodySchema>, ErrorBody>,
  true satisfies Same<z.output<typeof deletedSchema>, { deleted: number }>,
  true satisfies Same<z.output<typeof eventSchema>, PatEvent>,
  true satisfies Same<z.output<typeof eventPageSchema>, PatEventPage>,
  true satisfies Same<z.output<typeof usageSchema>, PatUsage>,
  true satisfies Same<z.output<typeof notificationSchema>, Notification>,
];

test('the response schemas are the wire types (checked by the compiler)', () => {
  assert.ok(agreements.length > 0);
});
