/**
 * The example bodies of the OpenAPI document, typed by the wire types (the compiler checks their
 * shape; contract/openapi.test.ts checks each against its schema in the document).
 */
import { DEFAULT_CATALOG } from './catalog.js';
import { problemAnswer, problems } from './errors.js';
import { LIMITS } from './limits.js';
import { buildSecret } from './secret.js';
import type { Notification, PatEventPage, PatUsage } from './events.js';
import type {
  AuthorizeRequest,
  AuthorizeResponse,
  Catalog,
  CreatePatRequest,
  ErrorBody,
  LeakReportAnswer,
  LeakReportEntry,
  Pat,
  PatPage,
  PatWithSecret,
  Scope,
  ScopeList,
  ScopePage,
  Summary,
} from './types.js';

const PAT_ID = '3f2b8c1e-7d4a-4b6e-9c0f-5a1d2e3f4b5c';
const SCOPE_IDS = ['8a7b6c5d-4e3f-4a1b-8c9d-0e1f2a3b4c5d', 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e'] as const;

export const PAT: Pat = {
  id: PAT_ID,
  user_id: 'alice',
  name: 'Grafana dashboards',
  description: 'Reads the dashboards shown on the wall screen.',
  status: 'active',
  // Created in October, its secret regenerated in January: its last use is of the new secret.
  created_at: '2025-10-15T09:30:00.000Z',
  issued_at: '2026-01-15T09:30:00.000Z',
  expires_at: '2026-04-15T09:30:00.000Z',
  updated_at: '2026-01-16T10:02:41.512Z',
  last_used_at: '2026-01-20T08:00:12.345Z',
  last_used_ip: '203.0.113.7',
  revoked: false,
  revoked_at: null,
  scopes_count: 2,
  allowed_ips: ['203.0.113.0/24', '2001:db8:4::/48'],
  leak: null,
  // Unused for 30 days it expires: 30 days after its last use, well before its expiry.
  max_idle: '30d',
  idle_expires_at: '2026-02-19T08:00:12.345Z',
  expired_reason: null,
};

/** A secret of the example PAT, with its real checksum (random part fixed so the document does not change). */
export const PAT_WITH_SECRET: PatWithSecret = {
  ...PAT,
  created_at: PAT.issued_at,
  updated_at: null,
  last_used_at: null,
  last_used_ip: null,
  secret: buildSecret(PAT_ID, new Uint8Array(32).fill(42)),
};

/** What regenerate answers: `created_at` kept, the rest about the new secret (not used yet). */
export const PAT_REGENERATED: PatWithSecret = {
  ...PAT,
  updated_at: PAT.issued_at,
  last_used_at: null,
  last_used_ip: null,
  secret: PAT_WITH_SECRET.secret,
};

export const PAT_PAGE: PatPage = { total: 1, offset: 0, limit: 10, pats: [PAT] };

export const SCOPES: Scope[] = [
  { id: SCOPE_IDS[0], pat_id: PAT_ID, entity_type: 'dashboards', operation: 'read', entity_id: '*', domain_id: null },
  { id: SCOPE_IDS[1], pat_id: PAT_ID, entity_type: 'clients', operation: 'read', entity_id: 'c-42', domain_id: 'd-1' },
];

export const SCOPE_PAGE: ScopePage = { total: 2, offset: 0, limit: 10, scopes: SCOPES };
export const SCOPE_LIST: ScopeList = { scopes: SCOPES };

export const SUMMARY: Summary = { active: 4, expiring_soon: 1, revoked: 2, expired: 1, total: 7 };
export const CATALOG: Catalog = DEFAULT_CATALOG;
export const DELETED = { deleted: 7 };

export const CREATE_REQUEST: CreatePatRequest = {
  name: 'Grafana dashboards',
  description: 'Reads the dashboards shown on the wall screen.',
  duration: '90d',
  scopes: [
    { entity_type: 'dashboards', operation: 'read', entity_id: '*' },
    { entity_type: 'clients', operation: 'read', entity_id: 'c-42', domain_id: 'd-1' },
  ],
  max_idle: '30d',
};
export const RENAME_REQUEST = { name: 'Grafana (wall screen)' };
export const DESCRIBE_REQUEST = { description: 'Reads the dashboards shown on the wall screen.' };
export const ALLOWED_IPS_REQUEST = { allowed_ips: ['203.0.113.0/24', '2001:db8:4::/48'] };
export const RESET_REQUEST = { duration: '30d' };
export const ADD_SCOPES_REQUEST = { scopes: [{ entity_type: 'channels', operation: 'read', entity_id: 'ch-7', domain_id: 'd-1' }] };
export const REMOVE_SCOPES_REQUEST = { scopes_id: [SCOPE_IDS[1]] };

export const LEAK_REPORT_REQUEST: LeakReportEntry[] = [
  { token: PAT_WITH_SECRET.secret, url: 'https://github.com/acme/edge/blob/4f1c2e9/.env', source: 'acme-secret-scanner' },
  {
    token: buildSecret('5b0fd7a2-3c1e-4a8b-9f6d-2e7c1a9b4d30', new Uint8Array(32).fill(7)),
    url: 'https://pastebin.example/raw/x7Yq',
    source: 'acme-secret-scanner',
  },
];
export const LEAK_REPORT_ANSWER: LeakReportAnswer = { results: [{ status: 'revoked' }, { status: 'unknown' }] };

export const AUTHORIZE_REQUEST: AuthorizeRequest = { entity_type: 'clients', operation: 'read', entity_id: 'c-42', domain_id: 'd-1' };
export const AUTHORIZE_RESPONSE: AuthorizeResponse = { allowed: true, user_id: 'alice', pat_id: PAT_ID };

/** One example body per error status: the server's own problems where it has them, else its words. */
export const ERROR_EXAMPLES: Record<number, ErrorBody> = {
  400: problemAnswer(problems.invalidField('name', 'must not be blank')).body,
  401: problemAnswer(problems.signInFirst()).body,
  403: problemAnswer(problems.patCannotManage()).body,
  404: problemAnswer(problems.patNotFound()).body,
  408: { error: 'bad_request', message: 'The request took too long to arrive.' },
  409: problemAnswer(problems.duplicateName()).body,
  413: problemAnswer(problems.tooLarge(LIMITS.bodyBytes)).body,
  414: { error: 'uri_too_long', message: 'The URL is longer than 8 KiB.' },
  415: problemAnswer(problems.notJson()).body,
  429: { error: 'too_many_requests', message: 'Too many failed token checks from this address; try again in 42 s.' },
  431: { error: 'headers_too_large', message: 'The request line and headers are larger than 16 KiB.' },
  500: problemAnswer(problems.internal()).body,
};

export const AUTHORIZE_UNAUTHENTICATED: ErrorBody = {
  error: 'unauthenticated',
  message: 'The personal access token is invalid, revoked or expired.',
};
export const AUTHORIZE_FORBIDDEN: ErrorBody = { error: 'forbidden', message: 'This personal access token may not delete clients "c-42".' };

/** A page of the example PAT's events, newest first. */
export const EVENT_PAGE: PatEventPage = {
  total: 3,
  offset: 0,
  limit: 10,
  events: [
    {
      id: '0c9e7f1a-2b3c-4d5e-8f90-a1b2c3d4e5f6',
      pat_id: PAT_ID,
      pat_name: PAT.name,
      kind: 'new_address',
      at: '2026-01-20T08:00:12.345Z',
      actor: 'alice',
      ip: '203.0.113.7',
      user_agent: 'grafana-agent/0.40',
      details: {},
    },
    {
      id: '5d6e7f80-9a1b-4c2d-8e3f-405162738495',
      pat_id: PAT_ID,
      pat_name: PAT.name,
      kind: 'regenerated',
      at: PAT.issued_at,
      actor: 'alice',
      ip: '198.51.100.20',
      user_agent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/134.0',
      details: { expires_at: PAT.expires_at },
    },
    {
      id: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
      pat_id: PAT_ID,
      pat_name: 'Grafana',
      kind: 'renamed',
      at: '2025-11-02T14:12:00.000Z',
      actor: 'alice',
      ip: '198.51.100.20',
      user_agent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/134.0',
      details: { from: 'Grafana', to: PAT.name },
    },
  ],
};

/** Three days of use, today last. */
export const USAGE: PatUsage = {
  pat_id: PAT_ID,
  days: [
    { day: '2026-01-18', allowed: 1204, denied: 0 },
    { day: '2026-01-19', allowed: 1187, denied: 3 },
    { day: '2026-01-20', allowed: 412, denied: 0 },
  ],
  allowed: 2803,
  denied: 3,
};

/** A webhook delivery's body. */
export const NOTIFICATION: Notification = {
  id: '5d6e7f80-9a1b-4c2d-8e3f-405162738495',
  type: 'pat.revoked',
  created_at: '2026-01-21T16:45:03.120Z',
  data: {
    pat: { id: PAT_ID, user_id: 'alice', name: PAT.name, expires_at: PAT.expires_at },
    actor: 'alice',
    ip: '198.51.100.20',
    user_agent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/134.0',
  },
};
