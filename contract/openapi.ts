/**
 * The API document (OpenAPI 3.1), generated with zod's JSON Schema output from the schemas the
 * server validates requests with (contract/schemas.ts) and those of its answers
 * (contract/responses.ts): one source for the server, the mocks and the document.
 * `npm run build:openapi` writes it to openapi.json; the server serves it at `GET /api/openapi.json`.
 */
import { LIMITS } from './limits.js';
import { API_VERSION, OPENAPI_VERSION, componentSchemas, errorResponses, type Json } from './openapi.components.js';
import { paths, webhooks } from './openapi.paths.js';

const DESCRIPTION = `A Personal Access Token (PAT) manager. The management routes (\`/pats…\`, \`/events\`) act for the signed-in user, whose access token (a JWT from the host's sign-in) is the bearer; a PAT secret there is refused. \`POST /authorize\` takes a PAT secret as the bearer and answers whether it may do one operation.

**Bodies** are UTF-8 JSON (\`Content-Type: application/json\`), at most ${LIMITS.bodyBytes / 1024} KiB, also after a \`Content-Encoding\` of gzip, deflate or br. Unknown fields are refused (a scope read from the API may be sent back with its \`id\` and \`pat_id\`). Text must be well-formed Unicode without control characters; names and descriptions also refuse the bidirectional controls U+202A–U+202E and U+2066–U+2069, and descriptions keep line breaks and tabs. Names, durations and ids are trimmed; an empty \`domain_id\` means any domain, as null does. Durations read like \`24h\`, \`30d\`, \`2w\`, \`1y\`.

**Query numbers** are decimal digits only: \`limit=0x10\`, \`1e1\` and \` 3\` are refused.

**Errors** are JSON: \`{"error", "message", "details"?}\`, \`details\` naming each bad field. Any other method or path answers 404 \`not_found\` (under \`/pats\` and \`/events\` once the user token passed; 401 or 403 before). \`HEAD\` answers as \`GET\` without a body; \`OPTIONS\` lists a path's methods in \`Allow\` (under \`/pats\` and \`/events\`, to a signed-in user). Outside \`/pats\`, the 404 for another path, the 408, 414 and 431 answers and the 400 for a request that is not HTTP come from the standalone server (\`createApp\`): a host that mounts the router answers those itself.

Every answer of \`/pats…\`, \`/events\` and \`/authorize\` carries \`Cache-Control: no-store\`.`;

/** The whole document; `serverUrl` is where the API is mounted (`/api` on the standalone server). */
export function openApiDocument({ serverUrl = '/api' }: { serverUrl?: string } = {}): Json {
  return {
    openapi: OPENAPI_VERSION,
    info: {
      title: 'PAT Kit',
      version: API_VERSION,
      summary: 'Personal Access Tokens: manage them for the signed-in user, and check one for your services.',
      description: DESCRIPTION,
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: serverUrl }],
    tags: [
      { name: 'PATs', description: 'The signed-in user’s PATs.' },
      { name: 'Scopes', description: 'What a PAT may do: an operation on an entity (or `*`, every one) of a type, in a domain (or any).' },
      { name: 'Activity', description: 'What happened to the user’s PATs, and how much each is used.' },
      { name: 'Authorize', description: 'The check for the host’s services.' },
      { name: 'Leaks', description: 'Reports of PAT secrets found where they should not be, from a secret scanner.' },
      { name: 'Notifications', description: 'What PAT Kit tells the host’s webhook endpoints.' },
      { name: 'Reference', description: 'This document.' },
    ],
    security: [{ userToken: [] }],
    paths: paths(),
    webhooks: webhooks(),
    components: {
      schemas: componentSchemas(),
      responses: errorResponses(),
      securitySchemes: {
        userToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'The signed-in user’s access token, from the host’s sign-in (with `exp`).',
        },
        patSecret: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'pat_…',
          description: 'A PAT secret, as create and regenerate answer it.',
        },
        leakReportSignature: {
          type: 'apiKey',
          in: 'header',
          name: 'PAT-Kit-Signature',
          description:
            '`sha256=` and the hex HMAC-SHA256 of the request body’s bytes, keyed with the server’s leak report key (`PAT_LEAK_REPORT_KEY`).',
        },
      },
    },
  };
}
