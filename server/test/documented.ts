/**
 * No drift between the server and its API document: every answer a server test receives is
 * held against `openApiDocument()`. The method and path name an operation; the status must be
 * among that operation's responses, the Content-Type among the response's media types, its
 * required headers present and valid, and the JSON body valid by its schema (ajv, draft
 * 2020-12). `makeCaller` (harness.ts) calls this for every answer, and so do the senders of the
 * robustness matrix.
 */
import assert from 'node:assert/strict';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { openApiDocument } from '../../contract/openapi.js';
import type { CallResult } from './harness.js';

interface DocumentedResponse {
  description: string;
  headers?: Record<string, { required?: boolean; schema: object }>;
  content?: Record<string, { schema: object }>;
}
type Responses = Record<string, DocumentedResponse | { $ref: string }>;
type PathItem = Partial<Record<string, { responses: Responses }>>;

const document = openApiDocument() as { servers: [{ url: string }]; paths: Record<string, PathItem>; components: object };
const API = document.servers[0].url;
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * Under the API's mount path but not part of its document: the demo sign-in of the standalone
 * demo server (off in production, not in the router a host mounts) and the reference page with
 * its assets.
 */
const UNDOCUMENTED = [/^\/demo\//i, /^\/docs(\/|$)/i];

/** What the document says every other path or method answers (info.description): 404, or what came before any route. */
const BEFORE_ANY_ROUTE = [400, 408, 414, 431, 500];
/** …and under /pats and /events, whose every path needs the user token and reads a JSON body first. */
const BEFORE_PATS_ROUTES = [...BEFORE_ANY_ROUTE, 401, 403, 413, 415];

const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats.default(ajv);
// The document's own pointers (`#/components/schemas/Pat`) resolve in it: its paths and
// components as one schema resource, the two keys declared so that strict mode accepts them.
ajv.addKeyword({ keyword: 'paths' });
ajv.addKeyword({ keyword: 'components' });
ajv.addSchema({ paths: document.paths, components: document.components }, 'openapi.json');

const validators = new Map<string, ValidateFunction>();

/** The validator of the schema at `pointer` in the document. */
export function validatorAt(pointer: string): ValidateFunction {
  let validate = validators.get(pointer);
  if (!validate) {
    validate = ajv.compile({ $ref: `openapi.json#${pointer}` });
    validators.set(pointer, validate);
  }
  return validate;
}

/** The JSON pointer (URI fragment) of `keys` in the document. */
export function pointer(...keys: string[]): string {
  return keys.map((key) => `/${encodeURIComponent(key.replaceAll('~', '~0').replaceAll('/', '~1'))}`).join('');
}

interface Route {
  template: string;
  segments: string[];
  literals: number;
}

const ROUTES: Route[] = Object.keys(document.paths).map((template) => {
  const segments = template.split('/').slice(1);
  return { template, segments, literals: segments.filter((segment) => !segment.startsWith('{')).length };
});

/**
 * The document's path for `path`: a literal segment beats a parameter (`/pats/catalog` is not
 * `/pats/{id}`). Express routes without regard to case (`/PATS/summary` is `/pats/summary`), and
 * so does this.
 */
function routeOf(path: string): Route | undefined {
  const segments = path.toLowerCase().split('/').slice(1);
  return ROUTES.filter(
    (route) =>
      route.segments.length === segments.length &&
      route.segments.every((segment, i) => (segment.startsWith('{') ? segments[i] !== '' : segment === segments[i])),
  ).sort((a, b) => b.literals - a.literals)[0];
}

/** The shared response each error status refers to, as the operations refer to them. */
const SHARED = new Map<number, string>();
for (const item of Object.values(document.paths)) {
  for (const method of METHODS) {
    for (const [status, response] of Object.entries(item[method]?.responses ?? {})) {
      if ('$ref' in response) SHARED.set(Number(status), response.$ref.slice('#'.length));
    }
  }
}

/** The response object at `where`, following its `$ref`, and where it is. */
function resolved(where: string): { response: DocumentedResponse; at: string } {
  const response = where
    .split('/')
    .slice(1)
    .reduce<any>((node, key) => node[decodeURIComponent(key).replaceAll('~1', '/').replaceAll('~0', '~')], document);
  return '$ref' in response ? resolved(response.$ref.slice('#'.length)) : { response, at: where };
}

/** Where the document describes this answer, or why it does not. */
function documentedAt(method: string, path: string, status: number): string | { undocumented: string } {
  const route = routeOf(path);
  // HEAD answers as GET does, without a body.
  const key = method === 'HEAD' ? 'get' : method.toLowerCase();
  const operation = route && document.paths[route.template]![key];
  if (route && operation) {
    if (operation.responses[status]) return pointer('paths', route.template, key, 'responses', String(status));
    return {
      undocumented: `${status} is not among the documented answers of ${method} ${route.template} (${Object.keys(operation.responses).join(', ')})`,
    };
  }
  const allowed = [404, ...(/^\/(pats|events)(\/|$)/i.test(path) ? BEFORE_PATS_ROUTES : BEFORE_ANY_ROUTE)];
  const shared = SHARED.get(status);
  if (allowed.includes(status) && shared) return shared;
  return {
    undocumented: `no operation ${method} ${path} is documented, and ${status} is not what any other path answers (${allowed.join(', ')})`,
  };
}

/** OPTIONS: Express lists the methods of the path, which must be the documented ones. */
function assertAllow(path: string, answer: CallResult, what: string): void {
  const route = routeOf(path);
  assert.ok(route, `${what}: an Allow list for a path the document does not have`);
  const item = document.paths[route.template]!;
  const methods = METHODS.filter((method) => item[method]).flatMap((method) =>
    method === 'get' ? ['GET', 'HEAD'] : [method.toUpperCase()],
  );
  const allow = methods.sort().join(', ');
  assert.equal(answer.headers.get('allow'), allow, `${what}: Allow must list the documented methods`);
  assert.equal(answer.body, allow, what);
}

/**
 * Fails when `answer`, received for `method` `target` (a URL, or a path with its query), is not
 * what the document describes. Answers outside the API's mount path are not the API's.
 */
export function assertDocumented(anyCase: string, target: string, answer: CallResult): void {
  const method = anyCase.toUpperCase();
  const { pathname } = new URL(target, 'http://localhost');
  if (pathname !== API && !pathname.startsWith(`${API}/`)) return;
  // Express matches `/pats/` as `/pats`.
  const path = pathname.slice(API.length).replace(/(.)\/$/, '$1') || '/';
  if (UNDOCUMENTED.some((pattern) => pattern.test(path))) return;
  const what = `${method} ${API}${path} → ${answer.status} (the API document)`;
  if (method === 'OPTIONS' && answer.status === 200) {
    assertAllow(path, answer, what);
    return;
  }
  const where = documentedAt(method, path, answer.status);
  if (typeof where !== 'string') assert.fail(`${what}: ${where.undocumented}; answered ${JSON.stringify(answer.body).slice(0, 200)}`);
  const { response, at } = resolved(where);

  for (const [name, header] of Object.entries(response.headers ?? {})) {
    const value = answer.headers.get(name);
    if (value === null) {
      assert.ok(!header.required, `${what}: no ${name} header`);
      continue;
    }
    const validate = validatorAt(`${at}${pointer('headers', name, 'schema')}`);
    assert.ok(validate(value), `${what}: header ${name}: ${value}: ${ajv.errorsText(validate.errors)}`);
  }

  if (!response.content) {
    assert.equal(answer.body, '', `${what}: the document describes no body`);
    return;
  }
  const type = answer.headers.get('content-type')?.split(';')[0]!.trim().toLowerCase() ?? '';
  assert.ok(response.content[type], `${what}: Content-Type "${type}" is not among ${Object.keys(response.content).join(', ')}`);
  if (method === 'HEAD') {
    assert.equal(answer.body, '', `${what}: a HEAD answer has no body`);
    return;
  }
  const validate = validatorAt(`${at}${pointer('content', type, 'schema')}`);
  assert.ok(
    validate(answer.body),
    `${what}: the body is not what the document says: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(answer.body).slice(0, 500)}`,
  );
}
