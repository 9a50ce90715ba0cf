/**
 * What the server answers, as zod schemas built from the wire types (contract/types.ts): the
 * OpenAPI document is generated from them and the server tests check every answer against it.
 * A type-level test (contract/responses.test.ts) holds each schema equal to its TypeScript type.
 * Not part of `contract/index.ts`: the elements do not need zod in their bundle.
 */
import { z } from 'zod';
import { DETAILS_MAX } from './errors.js';
import { EXPIRING_SOON_MS } from './limits.js';
import { SECRET_PATTERN } from './secret.js';
import { NOTIFICATION_TYPES, PAT_EVENT_KINDS } from './events.js';
import { ERROR_CODES, EXPIRED_REASONS, LEAK_OUTCOMES, PAT_STATUSES, type ErrorCode } from './types.js';

/** An instant in UTC, as `Date.toISOString()` writes it; one schema, so the document names it once. */
export const instantSchema = z.iso.datetime();
const count = z.int().nonnegative();

export const patSchema = z
  .strictObject({
    id: z.string().meta({ description: 'A UUID, in lower case.' }),
    user_id: z.string().meta({ description: 'The user who owns the PAT.' }),
    name: z.string().meta({ description: 'Unique among the user’s PATs (compared after NFKC normalization and case folding).' }),
    description: z.string(),
    status: z.enum(PAT_STATUSES).meta({ description: 'From `revoked`, `expires_at` and `idle_expires_at` at the time of the answer.' }),
    created_at: instantSchema.meta({ description: 'When the PAT was created. It never changes, not even when the secret is regenerated.' }),
    issued_at: instantSchema.meta({
      description: 'When the current secret was issued: at create, then at each regenerate (never before `created_at`).',
    }),
    expires_at: instantSchema,
    updated_at: instantSchema.nullable().meta({ description: 'The last change of its name, description, secret, state or scopes.' }),
    last_used_at: instantSchema.nullable().meta({
      description:
        'The last successful check with the current secret, recorded at most once a minute: null until it is first used, and null again after a regenerate (never before `issued_at`).',
    }),
    last_used_ip: z.string().nullable().meta({ description: 'The client address of that check; null when `last_used_at` is.' }),
    revoked: z.boolean(),
    revoked_at: instantSchema.nullable(),
    scopes_count: count,
    allowed_ips: z.array(z.string()).meta({
      description:
        'The client addresses and CIDR ranges the PAT may be used from, normalized (`10.0.0.0/8`, `2001:db8::1`); empty: any address. A check from elsewhere is refused with 403 `ip_not_allowed`.',
    }),
    leak: z
      .strictObject({
        reported_at: instantSchema,
        url: z.string().meta({ description: 'Where the secret was found, as reported; empty if the report named no place.' }),
        source: z.string().meta({ description: 'Who found it, as reported; empty if the report named nobody.' }),
      })
      .nullable()
      .meta({ description: 'Set when a leak report revoked the PAT (`POST /pats/leaked`); null otherwise, and again after a regenerate.' }),
    max_idle: z.string().nullable().meta({
      description:
        'Its idle limit as a duration (`90d`): unused this long, it expires. Its own (`max_idle` at create), or the server’s (the catalog’s `max_idle`) when that is shorter; null for none.',
    }),
    idle_expires_at: instantSchema.nullable().meta({
      description:
        'When it expires unless used before: its last use (or its issue) plus `max_idle`, when that comes before `expires_at`; null otherwise. Each use moves it on; once passed it stays passed.',
    }),
    expired_reason: z.enum(EXPIRED_REASONS).nullable().meta({
      description: 'Why an expired PAT expired: `lifetime` (`expires_at` passed) or `idle` (unused for `max_idle`); null unless expired.',
    }),
  })
  .meta({
    description:
      '`created_at` is when the PAT was made; `issued_at`, `last_used_at` and `last_used_ip` describe its current secret (create or regenerate).',
  });

export const patWithSecretSchema = patSchema.extend({
  secret: z.string().regex(SECRET_PATTERN).meta({ description: 'Shown in this answer only: the server keeps a digest of it.' }),
});

export const scopeSchema = z.strictObject({
  id: z.string(),
  pat_id: z.string(),
  entity_type: z.string(),
  operation: z.string(),
  entity_id: z.string().meta({ description: '`*` for every entity of the type.' }),
  domain_id: z.string().nullable().meta({ description: 'null for any domain.' }),
});

const page = {
  total: count.meta({ description: 'How many there are in all, not only on this page.' }),
  offset: count,
  limit: count,
};

export const patPageSchema = z.strictObject({ ...page, pats: z.array(patSchema) });
export const scopePageSchema = z.strictObject({ ...page, scopes: z.array(scopeSchema) });
/** The PAT's scopes after a change: every one of them, not a page. */
export const scopeListSchema = z.strictObject({ scopes: z.array(scopeSchema) });
export const deletedSchema = z.strictObject({ deleted: count.meta({ description: 'How many PATs were deleted.' }) });

export const summarySchema = z.strictObject({
  active: count,
  expiring_soon: count.meta({
    description: `Active PATs that expire within ${EXPIRING_SOON_MS / 86_400_000} days and were issued (created or last regenerated) for longer than that: a PAT made to live ${EXPIRING_SOON_MS / 86_400_000} days or less is never counted here.`,
  }),
  revoked: count,
  expired: count,
  total: count,
});

export const catalogSchema = z.strictObject({
  entity_types: z.array(z.strictObject({ type: z.string(), label: z.string(), operations: z.array(z.string()) })),
  durations: z
    .array(z.strictObject({ value: z.string(), label: z.string() }))
    .meta({ description: 'Lifetime presets, each within max_lifetime.' }),
  max_lifetime: z.string().meta({ description: 'The longest lifetime a PAT may have, as a duration (`365d`).' }),
  domain_required: z.boolean().optional().meta({
    description:
      'True where every scope must name a domain (a backend without "any domain"). PAT Kit’s server leaves it out: a scope without a domain holds in every domain.',
  }),
  max_idle: z.string().nullable().optional().meta({
    description:
      'The server’s idle limit as a duration (`90d`): every PAT expires unused this long, or sooner by its own `max_idle`; null for none. PAT Kit’s server always sends it.',
  }),
});

export const authorizeResponseSchema = z.strictObject({
  allowed: z.literal(true),
  user_id: z.string(),
  pat_id: z.string(),
});

export const leakReportAnswerSchema = z.strictObject({
  results: z.array(z.strictObject({ status: z.enum(LEAK_OUTCOMES) })).meta({
    description:
      'One per reported secret, in the order reported: `revoked` now; `already_inactive` (revoked, expired, or reported before); `unknown` (no PAT has this secret). Nothing says whose it was.',
  }),
});

const eventScopeSchema = z.strictObject({
  entity_type: z.string(),
  operation: z.string(),
  entity_id: z.string(),
  domain_id: z.string().nullable(),
});

export const eventSchema = z.strictObject({
  id: z.string(),
  pat_id: z.string(),
  pat_name: z.string().meta({ description: 'The PAT’s name when it happened: it names a deleted PAT too.' }),
  kind: z.enum(PAT_EVENT_KINDS).meta({
    description:
      '`new_address`: the first use of the PAT from a client address (`ip`), refused there if `details.refused` says so; `expired`: the server first saw it past its expiry; `allowed_ips_changed`: its allowlist changed. The others are the changes of the same names.',
  }),
  at: instantSchema,
  actor: z.string().meta({ description: 'The user who did it, or `system`; for `new_address`, the PAT’s owner.' }),
  ip: z.string().nullable().meta({ description: 'The client address of the request that caused it, where one did.' }),
  user_agent: z.string().nullable().meta({ description: 'Its user agent (at most 512 characters), where one did.' }),
  details: z
    .strictObject({
      from: z.string().optional(),
      to: z.string().optional(),
      expires_at: instantSchema.optional(),
      scopes: z.array(eventScopeSchema).optional(),
      allowed_ips: z.array(z.string()).optional(),
      refused: z.literal('ip_not_allowed').optional(),
      url: z.string().optional(),
      source: z.string().optional(),
      max_idle: z.string().optional(),
      reason: z.literal('idle').optional(),
      idle_expires_at: instantSchema.optional(),
    })
    .meta({
      description:
        '`from` and `to` for `renamed` and `described`; `expires_at` for `created`, `regenerated` and `expired`; `scopes` for `created`, `scopes_added`, `scopes_removed` and `scopes_cleared`; `allowed_ips` for `allowed_ips_changed` (and `created` with a list); `max_idle` for `created` with an idle limit; `reason` `idle`, `idle_expires_at` and `max_idle` for `expired` by the idle limit; `url` and `source` for `leaked`. Empty for the others.',
    }),
});

export const eventPageSchema = z.strictObject({ ...page, events: z.array(eventSchema) });

const usageDaySchema = z.strictObject({
  day: z.iso.date().meta({ description: 'A UTC day.' }),
  allowed: count,
  denied: count.meta({
    description: 'Checks refused although the secret was right: no scope granted it, or the PAT was revoked or expired.',
  }),
});

export const usageSchema = z.strictObject({
  pat_id: z.string(),
  days: z
    .array(usageDaySchema)
    .meta({ description: 'Every day asked for, oldest first, today (UTC) last; a day without checks is zeros.' }),
  allowed: count.meta({ description: 'The sum over the days.' }),
  denied: count.meta({ description: 'The sum over the days.' }),
});

export const notificationSchema = z.strictObject({
  id: z.string().meta({ description: 'The same on every attempt and every endpoint (and in `webhook-id`): deduplicate by it.' }),
  type: z.enum(NOTIFICATION_TYPES),
  created_at: instantSchema.meta({ description: 'When it happened.' }),
  data: z.strictObject({
    pat: z.strictObject({ id: z.string(), user_id: z.string(), name: z.string(), expires_at: instantSchema }),
    actor: z.string().meta({ description: 'The user who did it, or `system` (expiry).' }),
    ip: z.string().nullable(),
    user_agent: z.string().nullable(),
    days_left: z.int().positive().optional().meta({ description: '`pat.expiring`: 7, then 1.' }),
    reason: z.literal('idle').optional().meta({
      description:
        '`pat.expiring` and `pat.expired` by the PAT’s idle limit (absent for its lifetime): a use before `idle_expires_at` keeps it working.',
    }),
    idle_expires_at: instantSchema.optional().meta({ description: 'With `reason`: when it expires (or expired) unused.' }),
    leak: z
      .strictObject({ url: z.string(), source: z.string() })
      .optional()
      .meta({ description: '`pat.leaked`: where the secret was found, as reported; the PAT is revoked.' }),
  }),
});

export const fieldErrorSchema = z.strictObject({
  field: z.string().meta({ description: 'Where: `body`, `name`, `scopes[2].entity_id`, `limit`, …' }),
  message: z.string(),
});

/** The body of an error whose `error` is one of `codes`. */
export function errorBodyFor(codes: readonly [ErrorCode, ...ErrorCode[]]) {
  return z.strictObject({
    error: z.enum(codes),
    message: z.string().meta({ description: 'One sentence for a person.' }),
    details: z
      .array(fieldErrorSchema)
      .max(DETAILS_MAX)
      .optional()
      .meta({ description: `Each bad field (at most ${DETAILS_MAX}).` }),
  });
}

/** The body of every error. */
export const errorBodySchema = errorBodyFor(ERROR_CODES);
