import { z } from 'zod';
import { LIMITS, PAT_SORT_KEYS, SORT_DIRECTIONS, STATUS_FILTERS } from '../../contract/index.js';

/** Request shapes and lengths. Catalog and lifetime rules need config and live in the service. */

function text(max: number, { trim = false, min = 0 } = {}) {
  const base = z.string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') });
  const trimmed = trim ? base.trim() : base;
  return trimmed
    .min(min, { error: min === 1 ? 'must not be blank' : `must be at least ${min} characters` })
    .max(max, { error: `must be at most ${max} characters` });
}

const name = text(LIMITS.nameMax, { trim: true, min: 1 });
const description = text(LIMITS.descriptionMax);
const duration = text(LIMITS.durationMax, { trim: true, min: 1 });
const id = text(LIMITS.idMax, { trim: true, min: 1 });

export const scopeInput = z.object(
  {
    entity_type: id,
    operation: id,
    entity_id: id,
    // An empty domain means "any domain", as null does.
    domain_id: z.preprocess((value) => (value === '' ? null : value), id.nullish()),
  },
  { error: 'must be an object' },
);

function list<T extends z.ZodType>(item: T, max: number) {
  return z
    .array(item, { error: (issue) => (issue.input === undefined ? 'is required' : 'must be an array') })
    .max(max, { error: `may hold at most ${max} entries per request` });
}

const body = { error: 'must be a JSON object' };

export const createPatBody = z.object(
  {
    name,
    description: description.optional().default(''),
    duration,
    scopes: list(scopeInput, LIMITS.scopesPerCall).optional().default([]),
  },
  body,
);

export const renameBody = z.object({ name }, body);
export const describeBody = z.object({ description }, body);
export const resetBody = z.object({ duration }, body);
export const addScopesBody = z.object(
  { scopes: list(scopeInput, LIMITS.scopesPerCall).min(1, { error: 'must hold at least one scope' }) },
  body,
);
export const removeScopesBody = z.object(
  { scopes_id: list(id, LIMITS.scopesPerCall).min(1, { error: 'must hold at least one scope id' }) },
  body,
);

function count(fallback: number, max: number, least: number) {
  return z.coerce
    .number({ error: 'must be a whole number' })
    .int({ error: 'must be a whole number' })
    .min(least, { error: `must be at least ${least}` })
    .max(max, { error: `must be at most ${max}` })
    .default(fallback);
}

function oneOf<T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) {
  return z.enum(values, { error: `must be one of ${values.join(', ')}` }).default(fallback);
}

export const pageQuery = z.object({
  offset: count(0, Number.MAX_SAFE_INTEGER, 0),
  limit: count(LIMITS.pageDefault, LIMITS.pageMax, 1),
});

export const listPatsQuery = pageQuery.extend({
  name: text(LIMITS.searchMax).optional(),
  id: text(LIMITS.idMax).optional(),
  status: oneOf(STATUS_FILTERS, 'active'),
  sort: oneOf(PAT_SORT_KEYS, 'issued_at'),
  dir: oneOf(SORT_DIRECTIONS, 'desc'),
});

/** What `POST /authorize` asks has the shape of a scope. */
export const authorizeBody = scopeInput;
