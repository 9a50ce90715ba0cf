/**
 * The operations of the API document: every route of the router, its parameters, body, and
 * each status it answers, with an example of each body.
 */
import { z } from 'zod';
import { LIMITS } from './limits.js';
import {
  API_VERSION,
  ERRORS,
  JSON_SCHEMA_TARGET,
  OPENAPI_VERSION,
  REQUEST_SCHEMAS,
  RESPONSE_SCHEMAS,
  WWW_AUTHENTICATE,
  jsonContent,
  schemaRef,
  type ErrorStatus,
  type Json,
} from './openapi.components.js';
import * as example from './openapi.examples.js';
import { listPatsQuery, pageQuery, usageQuery } from './schemas.js';
import { USAGE_DAYS } from './events.js';
import { LIST_DEFAULTS, PAT_ID_PATTERN, STATUS_FILTERS } from './types.js';

/** What any request may meet before it reaches a route: HTTP that does not parse or arrives too slowly, a URL or headers too large, a failure. */
const EVERY_ROUTE: ErrorStatus[] = [400, 408, 414, 431, 500];
/** Every route that reads a JSON body (each `/pats` route reads one when it is sent). */
const READS_BODY: ErrorStatus[] = [...EVERY_ROUTE, 413, 415];
const MANAGEMENT: ErrorStatus[] = [...READS_BODY, 401, 403];
const ONE_PAT: ErrorStatus[] = [...MANAGEMENT, 404];

function requestBody(name: keyof typeof REQUEST_SCHEMAS, example: unknown): Json {
  return { required: true, content: jsonContent(schemaRef(name), example) };
}

function answer(description: string, name: keyof typeof RESPONSE_SCHEMAS, example: unknown): Json {
  return { description, content: jsonContent(schemaRef(name), example) };
}

/** The operation's answers: its own, then each error status as a reference to the shared one. */
function responses(own: Record<number, Json>, errors: ErrorStatus[]): Json {
  const shared = Object.fromEntries(errors.map((status) => [status, { $ref: `#/components/responses/${ERRORS[status].name}` }]));
  return Object.fromEntries(Object.entries({ ...shared, ...own }).sort(([a], [b]) => Number(a) - Number(b)));
}

function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output' = 'output'): Json {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: JSON_SCHEMA_TARGET, io });
  return rest;
}

/** A query schema's fields as query parameters, each described. */
function queryParameters<T extends z.ZodObject>(schema: T, descriptions: Record<keyof T['shape'] & string, string>): Json[] {
  const properties = jsonSchemaOf(schema, 'input').properties as Record<string, Json>;
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: 'query',
    required: false,
    description: descriptions[name as keyof typeof descriptions],
    schema: property,
  }));
}

const PAGE_PARAMETERS = {
  offset: 'How many to skip. Decimal digits only.',
  limit: 'How many to answer at most. Decimal digits only.',
};

/**
 * `status` as what it is on the wire: a list of filters written `a,b` (form style, not exploded),
 * which the query schema reads from one string.
 */
const STATUS_PARAMETER = {
  style: 'form',
  explode: false,
  schema: {
    type: 'array',
    items: { type: 'string', enum: [...STATUS_FILTERS] },
    minItems: 1,
    maxItems: LIMITS.statusesPerQuery,
    default: [LIST_DEFAULTS.status],
  },
  example: ['revoked', 'expired'],
};

/**
 * The notifications PAT Kit POSTs to the host's webhook endpoints (the document's `webhooks`):
 * one body for every type.
 */
export function webhooks(): Json {
  return {
    patNotification: {
      post: {
        tags: ['Notifications'],
        operationId: 'patNotification',
        summary: 'A PAT expires soon, expired, or was revoked, regenerated or deleted',
        description:
          'Sent at least once, with Standard Webhooks signature headers: `webhook-id` (the notification’s `id`), `webhook-timestamp` (Unix seconds) and `webhook-signature` (`v1,` and the base64 HMAC-SHA256 of `id.timestamp.body`, keyed by the bytes of the `whsec_` secret). Any 2xx answer is a delivery; anything else, or no answer within 10 s, is tried again with a growing wait for a day.',
        security: [],
        parameters: [
          { name: 'webhook-id', in: 'header', required: true, schema: { type: 'string' } },
          { name: 'webhook-timestamp', in: 'header', required: true, schema: { type: 'string', pattern: '^[0-9]+$' } },
          { name: 'webhook-signature', in: 'header', required: true, schema: { type: 'string', pattern: '^v1,' } },
        ],
        requestBody: { required: true, content: jsonContent(schemaRef('Notification'), example.NOTIFICATION) },
        responses: { 200: { description: 'Received (any 2xx).' } },
      },
    },
  };
}

/** The `paths` of the document, relative to where the router is mounted. */
export function paths(): Json {
  const patRoute = (operation: Json) => ({ tags: ['PATs'], ...operation });
  const scopeRoute = (operation: Json) => ({ tags: ['Scopes'], ...operation });
  const activityRoute = (operation: Json) => ({ tags: ['Activity'], ...operation });
  const idParameter = {
    name: 'id',
    in: 'path',
    required: true,
    description: 'The PAT’s id. Anything that is not the id of one of the signed-in user’s PATs answers 404.',
    schema: jsonSchemaOf(z.string().regex(PAT_ID_PATTERN)),
    example: example.PAT.id,
  };
  // The routes of one PAT, named by the `{id}` in their path.
  const onePat = (pathItem: Json) => ({ parameters: [idParameter], ...pathItem });
  return {
    '/pats': {
      get: patRoute({
        operationId: 'listPats',
        summary: 'List the user’s PATs',
        parameters: queryParameters(listPatsQuery, {
          ...PAGE_PARAMETERS,
          name: 'Only PATs whose name contains this, compared as names are (NFKC, case-insensitive).',
          id: 'Only the PAT with this id.',
          status: `Only PATs in this status, or in any of several separated by commas (\`revoked,expired\`, at most ${LIMITS.statusesPerQuery}); \`expiring\` for the active PATs that expire within a week and were issued (created or last regenerated) for longer than a week (the summary’s \`expiring_soon\`); \`all\` for every PAT. Duplicates do not matter, \`all\` anywhere means every PAT, \`active\` includes \`expiring\`, and \`active,revoked,expired\` is \`all\`; \`total\` counts the PATs the whole list holds. An empty or unknown item is a 400 naming \`status\`.`,
          sort: 'The sort key; PATs with equal keys are ordered by id. `expires_at` orders by when a PAT stops working: its `idle_expires_at` when that comes first.',
          dir: 'The sort direction.',
        }).map((parameter) => (parameter.name === 'status' ? { ...parameter, ...STATUS_PARAMETER } : parameter)),
        responses: responses({ 200: answer('A page of PATs.', 'PatPage', example.PAT_PAGE) }, MANAGEMENT),
      }),
      post: patRoute({
        operationId: 'createPat',
        summary: 'Create a PAT',
        description:
          'The answer holds the secret; it is never shown again. `duration` is the lifetime, at most the catalog’s `max_lifetime`; scopes must name an entity type and one of its operations from the catalog. `max_idle` (a day or more, at most the catalog’s `max_idle`) makes it expire when unused that long; without it the server’s `max_idle` applies.',
        requestBody: requestBody('CreatePatRequest', example.CREATE_REQUEST),
        responses: responses({ 201: answer('The new PAT with its secret.', 'PatWithSecret', example.PAT_WITH_SECRET) }, [
          ...MANAGEMENT,
          409,
        ]),
      }),
      delete: patRoute({
        operationId: 'deleteAllPats',
        summary: 'Delete every PAT of the user',
        responses: responses({ 200: answer('How many PATs were deleted.', 'Deleted', example.DELETED) }, MANAGEMENT),
      }),
    },
    '/pats/catalog': {
      get: patRoute({
        operationId: 'getCatalog',
        summary: 'The scope catalog',
        description: 'The entity types and operations scopes may name, the lifetime presets and the longest lifetime.',
        responses: responses({ 200: answer('The catalog.', 'Catalog', example.CATALOG) }, MANAGEMENT),
      }),
    },
    '/pats/summary': {
      get: patRoute({
        operationId: 'getSummary',
        summary: 'Count the user’s PATs by status',
        responses: responses({ 200: answer('The counts.', 'Summary', example.SUMMARY) }, MANAGEMENT),
      }),
    },
    '/pats/{id}': onePat({
      get: patRoute({
        operationId: 'getPat',
        summary: 'Get a PAT',
        responses: responses({ 200: answer('The PAT.', 'Pat', example.PAT) }, ONE_PAT),
      }),
      delete: patRoute({
        operationId: 'deletePat',
        summary: 'Delete a PAT',
        responses: responses({ 204: { description: 'Deleted: it no longer authorizes anything.' } }, ONE_PAT),
      }),
    }),
    '/pats/{id}/name': onePat({
      patch: patRoute({
        operationId: 'renamePat',
        summary: 'Rename a PAT',
        requestBody: requestBody('RenameRequest', example.RENAME_REQUEST),
        responses: responses({ 202: answer('The renamed PAT.', 'Pat', { ...example.PAT, ...example.RENAME_REQUEST }) }, [...ONE_PAT, 409]),
      }),
    }),
    '/pats/{id}/description': onePat({
      patch: patRoute({
        operationId: 'describePat',
        summary: 'Change a PAT’s description',
        requestBody: requestBody('DescribeRequest', example.DESCRIBE_REQUEST),
        responses: responses({ 202: answer('The changed PAT.', 'Pat', example.PAT) }, ONE_PAT),
      }),
    }),
    '/pats/{id}/allowed_ips': onePat({
      patch: patRoute({
        operationId: 'setPatAllowedIps',
        summary: 'Set the addresses a PAT may be used from',
        description: `IPv4 and IPv6 addresses and CIDR ranges, at most ${LIMITS.allowedIps}, each normalized (\`10.1.2.3/8\` is stored as \`10.0.0.0/8\`, an IPv4-mapped IPv6 address as the IPv4 address, repeats once); an empty list lets any address use it. The change applies to the next check on every instance.`,
        requestBody: requestBody('AllowedIpsRequest', example.ALLOWED_IPS_REQUEST),
        responses: responses({ 200: answer('The changed PAT.', 'Pat', example.PAT) }, ONE_PAT),
      }),
    }),
    '/pats/{id}/secret/reset': onePat({
      patch: patRoute({
        operationId: 'regeneratePat',
        summary: 'Regenerate a PAT’s secret',
        description:
          'A new secret and lifetime (`duration`, at most the catalog’s `max_lifetime`); the old secret stops working at once. A revoked PAT becomes active again. Name, description, scopes, idle limit and `created_at` stay; `issued_at` is now, and `last_used_at` and `last_used_ip` are null until the new secret is used.',
        requestBody: requestBody('ResetRequest', example.RESET_REQUEST),
        responses: responses({ 200: answer('The PAT with its new secret.', 'PatWithSecret', example.PAT_REGENERATED) }, ONE_PAT),
      }),
    }),
    '/pats/{id}/secret/revoke': onePat({
      patch: patRoute({
        operationId: 'revokePat',
        summary: 'Revoke a PAT',
        description: 'It stops authorizing at once; revoking a revoked PAT changes nothing.',
        responses: responses({ 204: { description: 'Revoked.' } }, ONE_PAT),
      }),
    }),
    '/pats/{id}/scope': onePat({
      get: scopeRoute({
        operationId: 'listScopes',
        summary: 'List a PAT’s scopes',
        parameters: queryParameters(pageQuery, PAGE_PARAMETERS),
        responses: responses({ 200: answer('A page of scopes.', 'ScopePage', example.SCOPE_PAGE) }, ONE_PAT),
      }),
      delete: scopeRoute({
        operationId: 'deleteAllScopes',
        summary: 'Remove every scope of a PAT',
        responses: responses({ 200: answer('The PAT’s scopes: none.', 'ScopeList', { scopes: [] }) }, ONE_PAT),
      }),
    }),
    '/pats/{id}/scope/add': onePat({
      patch: scopeRoute({
        operationId: 'addScopes',
        summary: 'Add scopes to a PAT',
        description: `A scope that an existing one covers adds nothing; one that covers existing ones replaces them. At most ${LIMITS.scopesPerPat} scopes per PAT.`,
        requestBody: requestBody('AddScopesRequest', example.ADD_SCOPES_REQUEST),
        responses: responses({ 200: answer('Every scope of the PAT after the change.', 'ScopeList', example.SCOPE_LIST) }, ONE_PAT),
      }),
    }),
    '/pats/{id}/scope/remove': onePat({
      patch: scopeRoute({
        operationId: 'removeScopes',
        summary: 'Remove scopes from a PAT',
        description: 'Ids that name no scope of the PAT are passed over.',
        requestBody: requestBody('RemoveScopesRequest', example.REMOVE_SCOPES_REQUEST),
        responses: responses(
          { 200: answer('Every scope of the PAT after the change.', 'ScopeList', { scopes: example.SCOPES.slice(0, 1) }) },
          ONE_PAT,
        ),
      }),
    }),
    '/pats/{id}/events': onePat({
      get: activityRoute({
        operationId: 'listPatEvents',
        summary: 'A PAT’s history',
        description:
          'What happened to the PAT, newest first: its changes (each with who made it, from where), its first use from each client address, its expiry. Written in the transaction of the change.',
        parameters: queryParameters(pageQuery, PAGE_PARAMETERS),
        responses: responses({ 200: answer('A page of events.', 'PatEventPage', example.EVENT_PAGE) }, ONE_PAT),
      }),
    }),
    '/pats/{id}/usage': onePat({
      get: activityRoute({
        operationId: 'getPatUsage',
        summary: 'A PAT’s checks by day',
        description: `How many checks allowed the PAT and how many refused it (its secret right), per UTC day, kept for ${USAGE_DAYS.max} days. An instance writes its counts within seconds; the instance answering adds its own unwritten ones.`,
        parameters: queryParameters(usageQuery, { days: `How many days, today included (1–${USAGE_DAYS.max}).` }),
        responses: responses({ 200: answer('The daily counts.', 'PatUsage', example.USAGE) }, ONE_PAT),
      }),
    }),
    '/events': {
      get: activityRoute({
        operationId: 'listEvents',
        summary: 'The history of all the user’s PATs',
        description:
          'The events of every PAT of the user, newest first, including those of deleted PATs (kept for the retention period after the delete, 90 days by default).',
        parameters: queryParameters(pageQuery, PAGE_PARAMETERS),
        responses: responses({ 200: answer('A page of events.', 'PatEventPage', example.EVENT_PAGE) }, MANAGEMENT),
      }),
    },
    '/pats/leaked': {
      post: {
        tags: ['Leaks'],
        operationId: 'reportLeakedPats',
        summary: 'Report PAT secrets found in a public place',
        description: `For a secret scanner (GitHub's, the host's own CI scanner, \`npm run scan\`), on a server with a leak report key (\`PAT_LEAK_REPORT_KEY\`; without one the route does not exist). At most ${LIMITS.leaksPerReport} secrets a report. Each one that is a live PAT's is revoked at once; its owner sees where it was found, its timeline gets a \`leaked\` event and the webhooks a \`pat.leaked\` notification. A repeated report changes nothing (\`already_inactive\`).`,
        security: [{ leakReportSignature: [] }],
        requestBody: requestBody('LeakReportRequest', example.LEAK_REPORT_REQUEST),
        responses: responses(
          {
            200: answer('What became of each secret.', 'LeakReportAnswer', example.LEAK_REPORT_ANSWER),
            401: {
              description: 'The `PAT-Kit-Signature` header is missing or is not the body’s HMAC with the report key.',
              headers: WWW_AUTHENTICATE,
              content: jsonContent(schemaRef('UnauthenticatedError'), {
                error: 'unauthenticated',
                message: 'The report is not signed with the leak report key (PAT-Kit-Signature: sha256=<hex HMAC of the body>).',
              }),
            },
          },
          READS_BODY,
        ),
      },
    },
    '/authorize': {
      post: {
        tags: ['Authorize'],
        operationId: 'authorize',
        summary: 'May this PAT do this?',
        description:
          'For the host’s services, in any language: the bearer is the PAT secret. A request about no single entity (create, list) asks with `"entity_id": "*"`, which only a wildcard scope grants. The body is checked before the token. Successful checks record the PAT’s last use. The client whose address a PAT’s `allowed_ips` must list is the caller of this route (its address as the server’s `trust proxy` setting reads it), or the body’s `client_ip` on a server set to trust its callers to relay it (`PAT_TRUST_CLIENT_IP`); elsewhere a `client_ip` is a 400.',
        security: [{ patSecret: [] }],
        requestBody: requestBody('AuthorizeRequest', example.AUTHORIZE_REQUEST),
        responses: responses(
          {
            200: answer('The PAT grants the request.', 'AuthorizeResponse', example.AUTHORIZE_RESPONSE),
            401: {
              description: 'The PAT is malformed, unknown, revoked or expired (or there is none).',
              headers: WWW_AUTHENTICATE,
              content: jsonContent(schemaRef('UnauthenticatedError'), example.AUTHORIZE_UNAUTHENTICATED),
            },
            403: {
              description:
                'No scope of the PAT grants the request (`forbidden`), or the client’s address is not on the PAT’s `allowed_ips` (`ip_not_allowed`).',
              content: jsonContent(schemaRef('AuthorizeRefusedError'), example.AUTHORIZE_FORBIDDEN),
            },
          },
          [...READS_BODY, 429],
        ),
      },
    },
    '/openapi.json': {
      get: {
        tags: ['Reference'],
        operationId: 'getOpenApiDocument',
        summary: 'This document',
        security: [],
        responses: responses(
          {
            200: {
              description: 'The OpenAPI document, its server URL where the API is mounted.',
              content: jsonContent(jsonSchemaOf(z.looseObject({ openapi: z.literal(OPENAPI_VERSION) })), {
                openapi: OPENAPI_VERSION,
                info: { title: 'PAT Kit', version: API_VERSION },
                servers: [{ url: '/api' }],
                paths: { '/pats': {} },
              }),
            },
          },
          EVERY_ROUTE,
        ),
      },
    },
  };
}
