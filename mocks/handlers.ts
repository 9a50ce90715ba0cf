/**
 * MSW handlers that answer the wire contract of the REST API the way the real server does:
 * the same routes (matched like Express: without regard to case, with an optional trailing
 * slash), the same order of checks (user token, then 415, then JSON, then the body's shape,
 * then the rules), the same status codes, headers and JSON bodies.
 *
 * Identity: a user bearer is `mock-token:<userId>` (see `mockTokenFor`); no bearer or any other
 * one is 401, and a `pat_…` bearer on the management routes is 403.
 */
import { HttpResponse, delay, http, type HttpHandler } from 'msw';
import { bearerOf, LIMITS, MAX_BEARER, PAT_ID_PATTERN, Problem, problemAnswer, problems, SECRET_PREFIX } from '../contract/index.js';
import type { MockStore } from './store.js';
import {
  addScopesBody,
  authorizeBody,
  createPatBody,
  demoLoginBody,
  describeBody,
  listPatsQuery,
  pageQuery,
  parseRequest,
  removeScopesBody,
  renameBody,
  resetBody,
} from '../contract/schemas.js';
import { queryRecord, type QueryRecord, type Validated } from './validate.js';

export interface HandlerOptions {
  /** Where the API is mounted: a path (`/api`, resolved against the page) or an absolute URL. */
  baseUrl?: string;
  store: MockStore;
  /** Wait this long before every answer (loading states). */
  latencyMs?: number;
  /** Answer every request with the server's generic 500 (error states). */
  failWith500?: boolean;
  /** Recorded as `last_used_ip` by a successful `POST /authorize`. */
  clientIp?: string;
}

export const MOCK_TOKEN_PREFIX = 'mock-token:';

/** The user access token the mocks accept for `userId` (what `POST /demo/login` returns). */
export function mockTokenFor(userId: string): string {
  return `${MOCK_TOKEN_PREFIX}${userId}`;
}

/** The user a mock bearer names, or undefined for anything that is not a mock user token. */
export function mockTokenUser(bearer: string): string | undefined {
  if (!bearer.startsWith(MOCK_TOKEN_PREFIX)) return undefined;
  const user = bearer.slice(MOCK_TOKEN_PREFIX.length);
  return user.length > 0 && user.length <= LIMITS.idMax ? user : undefined;
}

const DEMO_LOGIN_BYTES = 1024;
const JSON_TYPE = 'application/json; charset=utf-8';
/** What the standalone server adds to every answer under /api (no-store: it can carry a secret). */
const API_HEADERS = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-store' };

interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** A plain-text body (Express's automatic OPTIONS answer). */
  text?: string;
}

interface RouteContext {
  userId: string;
  id: string;
  body: unknown;
  query: QueryRecord;
}

interface Route {
  method: string;
  /** The path as the server declares it, relative to the base URL. */
  path: string;
  pattern: RegExp;
  handle: (context: RouteContext) => Answer;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** An Express 5 route path as a regular expression: any case, optional trailing slash. */
function compilePath(path: string): RegExp {
  const source = path
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '([^/]+)' : escapeRegExp(segment)))
    .join('/');
  return new RegExp(`^${source}/?$`, 'i');
}

function need<T>(result: Validated<T>): T {
  if (!result.ok) throw problems.invalid(result.details);
  return result.value;
}

/** Splits a URL path into the part under `mount` (Express's `app.use(mount)`), if it is under it. */
function under(mount: string, path: string): string | undefined {
  if (mount === '') return path;
  if (path.length < mount.length || path.slice(0, mount.length).toLowerCase() !== mount.toLowerCase()) return undefined;
  const rest = path.slice(mount.length);
  if (rest !== '' && !rest.startsWith('/')) return undefined;
  return rest;
}

function mediaType(header: string | null): string | undefined {
  return header?.split(';')[0]?.trim().toLowerCase();
}

function charsetOf(header: string | null): string | undefined {
  const match = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(header ?? '');
  const value = match?.[1] ?? match?.[2];
  return value ? value.toLowerCase() : undefined;
}

/**
 * The body of a request, as `requireJsonBody` + `express.json()` see it: undefined when there
 * is none; 415 when it is not JSON; 413 over `limit` bytes; 400 when it does not parse or is
 * not an object or array (the parser's strict mode).
 */
async function readJson(request: Request, limit: number): Promise<unknown> {
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.length === 0) return undefined;
  const type = request.headers.get('content-type');
  if (mediaType(type) !== 'application/json') throw problems.notJson();
  const charset = charsetOf(type);
  if (charset !== undefined && !/^utf-?8$/.test(charset)) throw problems.notUtf8Charset(charset);
  if (bytes.length > limit) throw problems.tooLarge(limit);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw problems.invalidField('body', 'is not valid UTF-8');
  }
  const first = /^[ \t\n\r]*([^ \t\n\r])/.exec(text)?.[1];
  if (first !== '{' && first !== '[') throw problems.invalidField('body', 'is not valid JSON');
  try {
    return JSON.parse(text);
  } catch {
    throw problems.invalidField('body', 'is not valid JSON');
  }
}

/** Express's automatic answer to OPTIONS: the methods of the routes that match the path. */
function optionsAnswer(methods: string[], headers: Record<string, string>): Answer {
  const allow = [...new Set(methods.flatMap((method) => (method === 'GET' ? ['GET', 'HEAD'] : [method])))].sort().join(', ');
  return { status: 200, text: allow, headers: { ...headers, Allow: allow } };
}

function patRoutes(store: MockStore): Route[] {
  const route = (method: string, path: string, handle: Route['handle']): Route => ({ method, path, pattern: compilePath(path), handle });
  return [
    route('POST', '/pats', ({ userId, body }) => ({ status: 201, body: store.create(userId, need(parseRequest(createPatBody, body))) })),
    route('GET', '/pats', ({ userId, query }) => ({ status: 200, body: store.list(userId, need(parseRequest(listPatsQuery, query))) })),
    route('DELETE', '/pats', ({ userId }) => ({ status: 200, body: { deleted: store.removeAll(userId) } })),
    route('GET', '/pats/catalog', () => ({ status: 200, body: store.catalog })),
    route('GET', '/pats/summary', ({ userId }) => ({ status: 200, body: store.summary(userId) })),
    route('GET', '/pats/:id', ({ userId, id }) => ({ status: 200, body: store.get(userId, id) })),
    route('DELETE', '/pats/:id', ({ userId, id }) => {
      store.remove(userId, id);
      return { status: 204 };
    }),
    route('PATCH', '/pats/:id/name', ({ userId, id, body }) => {
      const { name } = need(parseRequest(renameBody, body));
      return { status: 202, body: store.rename(userId, id, name) };
    }),
    route('PATCH', '/pats/:id/description', ({ userId, id, body }) => {
      const { description } = need(parseRequest(describeBody, body));
      return { status: 202, body: store.describe(userId, id, description) };
    }),
    route('PATCH', '/pats/:id/secret/reset', ({ userId, id, body }) => {
      const { duration } = need(parseRequest(resetBody, body));
      return { status: 200, body: store.reset(userId, id, duration) };
    }),
    route('PATCH', '/pats/:id/secret/revoke', ({ userId, id }) => {
      store.revoke(userId, id);
      return { status: 204 };
    }),
    route('GET', '/pats/:id/scope', ({ userId, id, query }) => {
      const { offset, limit } = need(parseRequest(pageQuery, query));
      return { status: 200, body: store.listScopes(userId, id, offset, limit) };
    }),
    route('PATCH', '/pats/:id/scope/add', ({ userId, id, body }) => {
      const { scopes } = need(parseRequest(addScopesBody, body));
      return { status: 200, body: store.addScopes(userId, id, scopes) };
    }),
    route('PATCH', '/pats/:id/scope/remove', ({ userId, id, body }) => {
      const { scopes_id } = need(parseRequest(removeScopesBody, body));
      return { status: 200, body: store.removeScopes(userId, id, scopes_id) };
    }),
    route('DELETE', '/pats/:id/scope', ({ userId, id }) => ({ status: 200, body: store.clearScopes(userId, id) })),
  ];
}

/** The routes outside `/pats`, for the handler list; their logic is in `answer()`. */
const OTHER_ROUTES: [method: string, path: string][] = [
  ['POST', '/authorize'],
  ['GET', '/demo/users'],
  ['POST', '/demo/login'],
];

function toResponse(answer: Answer, method: string): Response {
  const headers: Record<string, string> = { ...answer.headers };
  let body: string | null = null;
  if (answer.text !== undefined) {
    body = answer.text;
    headers['Content-Type'] = 'text/plain';
  } else if (answer.body !== undefined) {
    body = JSON.stringify(answer.body);
    headers['Content-Type'] = JSON_TYPE;
  }
  return new HttpResponse(method === 'HEAD' ? null : body, { status: answer.status, headers });
}

function problemAnswerWith(problem: Problem, headers: Record<string, string>): Answer {
  const answer = problemAnswer(problem);
  return { ...answer, headers: { ...headers, ...answer.headers } };
}

/** The base URL resolved the way MSW resolves a relative handler path. */
function resolveBase(baseUrl: string): { origin?: string; path: string } {
  const page = (globalThis as { location?: { href: string } }).location?.href;
  let url: URL | undefined;
  try {
    url = new URL(baseUrl, page);
  } catch {
    url = undefined;
  }
  const path = (url ? url.pathname : baseUrl).replace(/\/+$/, '');
  return { origin: url?.origin, path };
}

/**
 * The mock API as a function from request to response, without MSW: what every handler of
 * `createHandlers` calls. Answers any request; `relative` tells whether a URL is under the base.
 */
export function createMockApi(options: HandlerOptions) {
  const { store, latencyMs = 0, failWith500 = false, clientIp = '127.0.0.1' } = options;
  const base = resolveBase(options.baseUrl ?? '/api');
  const routes = patRoutes(store);
  const demoUsers = compilePath('/demo/users');
  const demoLogin = compilePath('/demo/login');
  const authorizePath = compilePath('/authorize');

  /** The request's path under the base URL, raw (still percent-encoded), or undefined. */
  function relative(url: string): string | undefined {
    const parsed = new URL(url);
    if (base.origin !== undefined && parsed.origin !== base.origin) return undefined;
    return under(base.path, parsed.pathname);
  }

  function requireUser(request: Request): string {
    const bearer = bearerOf(request.headers.get('authorization'));
    if (bearer?.startsWith(SECRET_PREFIX)) throw problems.patCannotManage();
    const userId = bearer && bearer.length <= MAX_BEARER ? mockTokenUser(bearer) : undefined;
    if (!userId) throw problems.signInFirst();
    return userId;
  }

  async function patsRouter(request: Request, method: string, path: string, rest: string, query: QueryRecord): Promise<Answer> {
    const userId = requireUser(request);
    const body = await readJson(request, LIMITS.bodyBytes);
    const wanted = method === 'HEAD' ? 'GET' : method;
    const allowed: string[] = [];
    for (const route of routes) {
      const match = route.pattern.exec(path);
      if (!match) continue;
      // Express decodes the id of the first route whose path matches, whatever its method.
      let id = '';
      if (match[1] !== undefined) {
        try {
          id = decodeURIComponent(match[1]);
        } catch {
          throw problems.undecodablePath();
        }
      }
      allowed.push(route.method);
      if (route.method !== wanted) continue;
      if (route.path.includes(':id') && !PAT_ID_PATTERN.test(id)) throw problems.patNotFound();
      return { ...route.handle({ userId, id, body, query }), headers: API_HEADERS };
    }
    if (method === 'OPTIONS' && allowed.length > 0) return optionsAnswer(allowed, API_HEADERS);
    throw problems.routeNotFound(method, new URL(request.url).pathname);
  }

  async function answer(request: Request, method: string, path: string, query: QueryRecord): Promise<Answer> {
    if (demoUsers.test(path)) {
      if (method === 'GET' || method === 'HEAD') {
        const users = store.users.map(({ id, name, email }) => ({ id, name, email }));
        return { status: 200, body: { users }, headers: API_HEADERS };
      }
      if (method === 'OPTIONS') return optionsAnswer(['GET'], API_HEADERS);
    }
    if (demoLogin.test(path)) {
      if (method === 'POST') {
        const { user: wanted } = need(parseRequest(demoLoginBody, await readJson(request, DEMO_LOGIN_BYTES)));
        const user = store.users.find((candidate) => candidate.id === wanted);
        if (!user)
          throw problems.noDemoUser(
            wanted,
            store.users.map((candidate) => candidate.id),
          );
        const { id, name, email } = user;
        return { status: 200, body: { access_token: mockTokenFor(id), user: { id, name, email } }, headers: API_HEADERS };
      }
      if (method === 'OPTIONS') return optionsAnswer(['POST'], API_HEADERS);
    }

    if (authorizePath.test(path)) {
      if (method === 'POST') {
        const body = await readJson(request, LIMITS.bodyBytes);
        const token = bearerOf(request.headers.get('authorization')) ?? '';
        const scope = need(parseRequest(authorizeBody, body));
        const result = store.authorize(token, scope, clientIp);
        if (result.allowed) return { status: 200, body: result, headers: API_HEADERS };
        return problemAnswerWith(new Problem(result.reason, result.message), API_HEADERS);
      }
      if (method === 'OPTIONS') return optionsAnswer(['POST'], API_HEADERS);
    }

    const rest = under('/pats', path);
    if (rest !== undefined) return patsRouter(request, method, path, rest, query);
    throw problems.routeNotFound(method, new URL(request.url).pathname);
  }

  async function respond(request: Request): Promise<Response> {
    if (latencyMs > 0) await delay(latencyMs);
    const method = request.method.toUpperCase();
    const url = new URL(request.url);
    const path = relative(request.url) ?? url.pathname;
    let result: Answer;
    try {
      if (failWith500) throw new Error('failWith500');
      result = await answer(request, method, path, queryRecord(url.searchParams));
    } catch (error) {
      if (!(error instanceof Problem) && !failWith500) console.error('[pat-kit mocks] request failed', error);
      result = problemAnswerWith(error instanceof Problem ? error : problems.internal(), API_HEADERS);
    }
    return toResponse(result, method);
  }

  return {
    /** Answers one request the way the server would. */
    respond,
    /** The path of `url` under the base URL (still percent-encoded), or undefined when it is not under it. */
    relative,
    /** The management routes and the demo routes, as `[method, path]` under the base URL. */
    routes: [...routes.map((route) => [route.method, route.path] as [string, string]), ...OTHER_ROUTES],
  };
}

export type MockApi = ReturnType<typeof createMockApi>;

/**
 * MSW handlers for every management route, `POST /authorize`, `GET /demo/users` and
 * `POST /demo/login`, then one for anything else under the base URL (the server's JSON 404s).
 * Every handler answers through the same code, so matching, order of checks and error bodies
 * are the server's whatever handler MSW picks.
 */
export function createHandlers(options: HandlerOptions): HttpHandler[] {
  const api = createMockApi(options);
  const prefix = (options.baseUrl ?? '/api').replace(/\/+$/, '');
  const resolver = ({ request }: { request: Request }) => api.respond(request);
  const handlers = api.routes.map(([method, path]) => {
    const compiled = compilePath(path);
    const handler = http.all(({ request }) => {
      const wanted = request.method.toUpperCase() === 'HEAD' ? 'GET' : request.method.toUpperCase();
      const path = api.relative(request.url);
      return wanted === method && path !== undefined && compiled.test(path);
    }, resolver);
    handler.info.header = `${method} ${prefix}${path}`;
    return handler;
  });
  const fallback = http.all(({ request }) => api.relative(request.url) !== undefined, resolver);
  fallback.info.header = `* ${prefix}/*`;
  return [...handlers, fallback];
}
