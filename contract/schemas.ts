/**
 * The shapes and lengths of every request, as zod schemas: the server validates with them and
 * the mocks answer with the same field errors. Catalog and lifetime rules need the server's
 * configuration and live in its service. Not part of `contract/index.ts`: the elements do not
 * need zod in their bundle.
 */
import { z } from 'zod';
import { USAGE_DAYS } from './events.js';
import { IP_ENTRY_PROBLEM, normalizeIp, normalizeIpEntry } from './ip.js';
import { LIMITS } from './limits.js';
import { textProblem, type TextKind } from './text.js';
import { LIST_DEFAULTS, PAT_SORT_KEYS, SORT_DIRECTIONS, STATUS_FILTERS, type FieldError, type StatusFilter } from './types.js';

function text(kind: TextKind, max: number, { trim = false, min = 0 } = {}) {
  const base = z.string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') });
  const trimmed = trim ? base.trim() : base;
  return trimmed
    .min(min, { error: min === 1 ? 'must not be blank' : `must be at least ${min} characters` })
    .max(max, { error: `must be at most ${max} characters` })
    .superRefine((value, context) => {
      const problem = textProblem(value, kind);
      if (problem) context.addIssue({ code: 'custom', message: problem, input: value });
    });
}

const name = text('name', LIMITS.nameMax, { trim: true, min: 1 });
const description = text('description', LIMITS.descriptionMax);
const duration = text('id', LIMITS.durationMax, { trim: true, min: 1 });
const id = text('id', LIMITS.idMax, { trim: true, min: 1 });

/** An object that names each field it does not know (a typo is an error, not ignored). */
function fields<T extends z.core.$ZodLooseShape>(shape: T, error = 'must be a JSON object') {
  return z.strictObject(shape, { error });
}

const scopeFields = {
  entity_type: id,
  operation: id,
  entity_id: id,
  // An empty domain means "any domain", as null does.
  domain_id: z.preprocess((value) => (value === '' ? null : value), id.nullish()),
};

export const scopeInput = fields(
  // A scope read from the API may be sent back as it is: its own id and PAT id are ignored.
  { ...scopeFields, id: z.unknown().optional(), pat_id: z.unknown().optional() },
  'must be an object',
).transform(({ id: _id, pat_id: _patId, ...scope }) => scope);

function list<T extends z.ZodType>(item: T, max: number) {
  return z
    .array(item, { error: (issue) => (issue.input === undefined ? 'is required' : 'must be an array') })
    .max(max, { error: `may hold at most ${max} entries per request` });
}

/** One allowlist entry or client address as sent: a string of bounded length, checked after. */
const ipText = z
  .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') })
  .max(LIMITS.ipMax, { error: `must be at most ${LIMITS.ipMax} characters` });

/** A PAT's allowlist: each entry normalized (see normalizeIpEntry), repeats dropped, the order kept. */
const allowedIps = z
  .array(
    ipText.transform((entry, context) => {
      const normalized = normalizeIpEntry(entry);
      if (normalized === undefined) context.addIssue({ code: 'custom', message: IP_ENTRY_PROBLEM, input: entry });
      return normalized ?? entry;
    }),
    { error: (issue) => (issue.input === undefined ? 'is required' : 'must be an array') },
  )
  .max(LIMITS.allowedIps, { error: `may hold at most ${LIMITS.allowedIps} addresses or ranges` })
  .transform((entries) => [...new Set(entries)]);

export const createPatBody = fields({
  name,
  description: description.optional().default(''),
  duration,
  scopes: list(scopeInput, LIMITS.scopesPerCall).optional().default([]),
  allowed_ips: allowedIps.optional().default([]),
  max_idle: duration.optional(),
});

export const allowedIpsBody = fields({ allowed_ips: allowedIps });

export const renameBody = fields({ name });
export const describeBody = fields({ description });
export const resetBody = fields({ duration });
export const addScopesBody = fields({
  scopes: list(scopeInput, LIMITS.scopesPerCall).min(1, { error: 'must hold at least one scope' }),
});
export const removeScopesBody = fields({
  scopes_id: list(id, LIMITS.scopesPerCall).min(1, { error: 'must hold at least one scope id' }),
});

/** What `POST /authorize` asks has the fields of a scope, and may relay the client's address. */
export const authorizeBody = fields({
  ...scopeFields,
  client_ip: ipText
    .transform((ip, context) => {
      const normalized = normalizeIp(ip);
      if (normalized === undefined) context.addIssue({ code: 'custom', message: 'must be an IPv4 or IPv6 address', input: ip });
      return normalized ?? ip;
    })
    .optional(),
});

/**
 * `POST /pats/leaked`: the secrets a scanner found, each with where (`url`) and by what
 * (`source`), both optional.
 */
export const leakReportBody = z
  .array(
    fields(
      {
        token: text('id', LIMITS.leakTokenMax, { min: 1 }),
        url: text('id', LIMITS.leakUrlMax).optional().default(''),
        source: text('name', LIMITS.leakSourceMax).optional().default(''),
      },
      'must be an object',
    ),
    { error: 'must be a JSON array of found secrets' },
  )
  .min(1, { error: 'must name at least one secret' })
  .max(LIMITS.leaksPerReport, { error: `may name at most ${LIMITS.leaksPerReport} secrets` });

/** `POST /demo/login`. */
export const demoLoginBody = fields({ user: text('id', 64, { min: 1 }) });

/** `GET /demo/entities?type=&q=`: the demo portal's entities of a type, found by name or id. */
export const demoEntitiesQuery = z.object({
  type: text('id', LIMITS.idMax, { min: 1 }),
  q: text('name', LIMITS.searchMax).default(''),
});

const DECIMAL = /^[0-9]+$/;

/**
 * A query number: decimal digits only. `Number()` would also take "0x10", "1e1", " 3" and
 * "", each a different number from what a person reads.
 */
function count(fallback: number, max: number, least: number) {
  return z
    .preprocess(
      (value) => (typeof value === 'string' && DECIMAL.test(value) ? Number(value) : value),
      z
        .number({ error: 'must be a whole number' })
        .int({ error: 'must be a whole number' })
        .min(least, { error: `must be at least ${least}` })
        .max(max, { error: `must be at most ${max}` }),
    )
    .default(fallback);
}

function oneOf<T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) {
  return z.enum(values, { error: `must be one of ${values.join(', ')}` }).default(fallback);
}

const STATUS_ERROR = `must be one of ${STATUS_FILTERS.join(', ')}, or several of them separated by commas`;

/**
 * `status`: one of STATUS_FILTERS, or up to `LIMITS.statusesPerQuery` of them separated by
 * commas (`revoked,expired`), as given: `normalizeStatuses` (status.ts) makes the set of it.
 * An empty or unknown item, too many items or a repeated key is an error on `status` itself.
 */
const statuses = z
  .string({ error: STATUS_ERROR })
  .default(LIST_DEFAULTS.status)
  .transform((value, context): StatusFilter[] => {
    const items = value.split(',');
    if (items.length > LIMITS.statusesPerQuery) {
      context.addIssue({ code: 'custom', message: `may name at most ${LIMITS.statusesPerQuery} statuses`, input: value });
      return z.NEVER;
    }
    if (!items.every((item) => (STATUS_FILTERS as readonly string[]).includes(item))) {
      context.addIssue({ code: 'custom', message: STATUS_ERROR, input: value });
      return z.NEVER;
    }
    return items as StatusFilter[];
  });

// Query strings stay open to keys they do not know: proxies and caches add their own.
export const pageQuery = z.object({
  offset: count(0, Number.MAX_SAFE_INTEGER, 0),
  limit: count(LIMITS.pageDefault, LIMITS.pageMax, 1),
});

/** `GET /pats/{id}/usage?days=`: how many UTC days, today included. */
export const usageQuery = z.object({
  days: count(USAGE_DAYS.default, USAGE_DAYS.max, 1),
});

export const listPatsQuery = pageQuery.extend({
  name: text('name', LIMITS.searchMax).optional(),
  id: text('id', LIMITS.idMax).optional(),
  status: statuses,
  sort: oneOf(PAT_SORT_KEYS, LIST_DEFAULTS.sort),
  dir: oneOf(SORT_DIRECTIONS, LIST_DEFAULTS.dir),
});

export type Parsed<T> = { ok: true; value: T } | { ok: false; details: FieldError[] };

/** `body`, `scopes[2].entity_id`, … */
function fieldPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) text += typeof key === 'number' ? `[${key}]` : text ? `.${String(key)}` : String(key);
  return text || 'body';
}

/** Parses `input` with `schema`, or names every bad field and why. */
export function parseRequest<T extends z.ZodType>(schema: T, input: unknown): Parsed<z.output<T>> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  const details = result.error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ field: fieldPath([...issue.path, key]), message: 'is not a known field' }))
      : [{ field: fieldPath(issue.path), message: issue.message }],
  );
  return { ok: false, details };
}
