/**
 * MSW handlers that answer the wire contract of the REST API the way the real server does:
 * the same routes (matched by MSW, which matches paths as Express does: without regard to case,
 * with an optional trailing slash), the same order of checks (user token, then 415, then JSON, then the body's shape,
 * then the rules), the same status codes, headers and JSON bodies.
 *
 * Identity: a user bearer is `mock-token:<userId>` (see `mockTokenFor`); no bearer or any other
 * one is 401, and a `pat_…` bearer on the management routes is 403.
 */
import { HttpResponse, delay, http, matchRequestUrl, type HttpHandler } from 'msw';
import {
  bearerOf,
  findDemoEntities,
  LIMITS,
  MAX_BEARER,
  PAT_ID_PATTERN,
  Problem,
  problemAnswer,
  problems,
  SECRET_PREFIX,
} from '../contract/index.js';
import type { MockCaller, MockStore } from './store.js';
import {
  addScopesBody,
  allowedIpsBody,
  authorizeBody,
  createPatBody,
  demoEntitiesQuery,
  demoLoginBody,
  describeBody,
  listPatsQuery,
  pageQuery,
  parseRequest,
  removeScopesBody,
  renameBody,
  resetBody,
  usageQuery,
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
  /** The client address: recorded as `last_used_ip` by a successful `POST /authorize`, and with every event. */
  clientIp?: string;
  /** Whether `POST /authorize` takes the client's address from the body's `client_ip`, as the server's `trustClientIp`. */
  trustClientIp?: boolean;
  /**
   * Runs the server's expiry scan (`store.scan()`: the `expired` events) before every request;
   * on by default. Off, a test runs it when it wants, as it runs the server's.
   */
  expiryScan?: boolean;
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

/** What a management route sees once the caller is known and the body is read. */
interface PatRequest {
  userId: string;
  /** The user, the client address and the user agent: what the events of a change record. */
  caller: MockCaller;
  /** The `:id` path parameter, decoded ('' on routes without one). */
  id: string;
  body: unknown;
  query: QueryRecord;
}

/** A route: its method, its path under the base URL (MSW's syntax, which is Express's), its answer. */
interface Route {
  method: string;
  path: string;
  answer: (request: Request, id: string) => Promise<Answer>;
}

function need<T>(result: Validated<T>): T {
  if (!result.ok) throw problems.invalid(result.details);
  return result.value;
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

type Open = (request: Request, id: string) => Promise<PatRequest>;

/** A route answered after `open` checked the caller (and read the body). */
function openRoute(open: Open, method: string, path: string, handle: (pat: PatRequest) => Answer): Route {
  return { method, path, answer: async (request, id) => ({ ...handle(await open(request, id)), headers: API_HEADERS }) };
}

/** The management routes, answered after `open` checked the caller and read the body. */
function patRoutes(store: MockStore, open: Open): Route[] {
  const route = (method: string, path: string, handle: (pat: PatRequest) => Answer) => openRoute(open, method, path, handle);
  return [
    route('POST', '/pats', ({ caller, body }) => ({ status: 201, body: store.create(caller, need(parseRequest(createPatBody, body))) })),
    route('GET', '/pats', ({ userId, query }) => ({ status: 200, body: store.list(userId, need(parseRequest(listPatsQuery, query))) })),
    route('DELETE', '/pats', ({ caller }) => ({ status: 200, body: { deleted: store.removeAll(caller) } })),
    route('GET', '/pats/catalog', () => ({ status: 200, body: store.catalog })),
    route('GET', '/pats/summary', ({ userId }) => ({ status: 200, body: store.summary(userId) })),
    route('GET', '/pats/:id', ({ userId, id }) => ({ status: 200, body: store.get(userId, id) })),
    route('DELETE', '/pats/:id', ({ caller, id }) => {
      store.remove(caller, id);
      return { status: 204 };
    }),
    route('PATCH', '/pats/:id/name', ({ caller, id, body }) => {
      const { name } = need(parseRequest(renameBody, body));
      return { status: 202, body: store.rename(caller, id, name) };
    }),
    route('PATCH', '/pats/:id/allowed_ips', ({ caller, id, body }) => {
      const { allowed_ips } = need(parseRequest(allowedIpsBody, body));
      return { status: 200, body: store.setAllowedIps(caller, id, allowed_ips) };
    }),
    route('PATCH', '/pats/:id/description', ({ caller, id, body }) => {
      const { description } = need(parseRequest(describeBody, body));
      return { status: 202, body: store.describe(caller, id, description) };
    }),
    route('PATCH', '/pats/:id/secret/reset', ({ caller, id, body }) => {
      const { duration } = need(parseRequest(resetBody, body));
      return { status: 200, body: store.reset(caller, id, duration) };
    }),
    route('PATCH', '/pats/:id/secret/revoke', ({ caller, id }) => {
      store.revoke(caller, id);
      return { status: 204 };
    }),
    route('GET', '/pats/:id/scope', ({ userId, id, query }) => {
      const { offset, limit } = need(parseRequest(pageQuery, query));
      return { status: 200, body: store.listScopes(userId, id, offset, limit) };
    }),
    route('PATCH', '/pats/:id/scope/add', ({ caller, id, body }) => {
      const { scopes } = need(parseRequest(addScopesBody, body));
      return { status: 200, body: store.addScopes(caller, id, scopes) };
    }),
    route('PATCH', '/pats/:id/scope/remove', ({ caller, id, body }) => {
      const { scopes_id } = need(parseRequest(removeScopesBody, body));
      return { status: 200, body: store.removeScopes(caller, id, scopes_id) };
    }),
    route('DELETE', '/pats/:id/scope', ({ caller, id }) => ({ status: 200, body: store.clearScopes(caller, id) })),
    route('GET', '/pats/:id/events', ({ userId, id, query }) => {
      const { offset, limit } = need(parseRequest(pageQuery, query));
      return { status: 200, body: store.listPatEvents(userId, id, offset, limit) };
    }),
    route('GET', '/pats/:id/usage', ({ userId, id, query }) => {
      const { days } = need(parseRequest(usageQuery, query));
      return { status: 200, body: store.usage(userId, id, days) };
    }),
  ];
}

/** `GET /events`: behind the user token like /pats, but with no body read (the server parses none there). */
function eventRoutes(store: MockStore, open: Open): Route[] {
  return [
    openRoute(open, 'GET', '/events', ({ userId, query }) => {
      const { offset, limit } = need(parseRequest(pageQuery, query));
      return { status: 200, body: store.listEvents(userId, offset, limit) };
    }),
  ];
}

/** `POST /authorize` and the demo sign-in routes. */
function otherRoutes(store: MockStore, clientIp: string, trustClientIp: boolean): Route[] {
  return [
    {
      method: 'POST',
      path: '/authorize',
      answer: async (request) => {
        const body = await readJson(request, LIMITS.bodyBytes);
        const token = bearerOf(request.headers.get('authorization')) ?? '';
        const { client_ip: relayed, ...asked } = need(parseRequest(authorizeBody, body));
        if (relayed !== undefined && !trustClientIp) throw problems.clientIpNotTrusted();
        const result = store.authorize(token, asked, relayed ?? clientIp, userAgentOf(request));
        if (result.allowed) return { status: 200, body: result, headers: API_HEADERS };
        return problemAnswerWith(new Problem(result.reason, result.message), API_HEADERS);
      },
    },
    {
      method: 'GET',
      path: '/demo/users',
      answer: async () => ({
        status: 200,
        body: { users: store.users.map(({ id, name, email }) => ({ id, name, email })) },
        headers: API_HEADERS,
      }),
    },
    {
      method: 'POST',
      path: '/demo/login',
      answer: async (request) => {
        const { user: wanted } = need(parseRequest(demoLoginBody, await readJson(request, DEMO_LOGIN_BYTES)));
        const user = store.users.find((candidate) => candidate.id === wanted);
        if (!user)
          throw problems.noDemoUser(
            wanted,
            store.users.map((candidate) => candidate.id),
          );
        const { id, name, email } = user;
        return { status: 200, body: { access_token: mockTokenFor(id), user: { id, name, email } }, headers: API_HEADERS };
      },
    },
    {
      method: 'GET',
      path: '/demo/entities',
      answer: async (request) => {
        const { type, q } = need(parseRequest(demoEntitiesQuery, queryRecord(new URL(request.url).searchParams)));
        return { status: 200, body: { entities: findDemoEntities(type, q) }, headers: API_HEADERS };
      },
    },
  ];
}

/**
 * The request's user agent. A service worker's requests do not carry the header: in a browser,
 * the page's own.
 */
function userAgentOf(request: Request): string | null {
  return request.headers.get('user-agent') ?? (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent ?? null;
}

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

/** Whether `url` matches `path` (an MSW path), and its `:id`; `undecodable` when it matches but its id cannot be decoded. */
function matchPath(url: string, path: string): { matches: boolean; id: string; undecodable?: boolean } {
  try {
    const { matches, params } = matchRequestUrl(new URL(url), path);
    return { matches, id: typeof params?.id === 'string' ? params.id : '' };
  } catch (error) {
    if (error instanceof URIError) return { matches: true, id: '', undecodable: true };
    throw error;
  }
}

/**
 * MSW handlers for the wire contract, matched by MSW on the routes' own paths (like Express:
 * any case, an optional trailing slash, `:id` decoded), in the server's order of checks: who
 * calls, then the body, then the route. Before them, one handler for what Express refuses while
 * matching (an `:id` that is not valid percent-encoding); after them, one for the rest under the
 * base URL: HEAD on a GET route, OPTIONS (the methods of the routes that match), JSON 404s.
 */
export function createHandlers(options: HandlerOptions): HttpHandler[] {
  const { store, latencyMs = 0, failWith500 = false, clientIp = '127.0.0.1', expiryScan = true, trustClientIp = false } = options;
  const prefix = (options.baseUrl ?? '/api').replace(/\/+$/, '');
  const base = resolveBase(prefix);
  // A relative base URL in Node (no page to resolve it against) matches any origin.
  const at = (path: string) => (base.origin !== undefined ? `${base.origin}${base.path}${path}` : `*${base.path}${path}`);
  const under = (url: string, path: string) => matchPath(url, at(path)).matches || matchPath(url, at(`${path}/*`)).matches;

  /** What every request under /pats and /events goes through first: a user token. */
  function openUser(request: Request, id: string): PatRequest {
    const bearer = bearerOf(request.headers.get('authorization'));
    if (bearer?.startsWith(SECRET_PREFIX)) throw problems.patCannotManage();
    const userId = bearer && bearer.length <= MAX_BEARER ? mockTokenUser(bearer) : undefined;
    if (!userId) throw problems.signInFirst();
    const caller = { userId, ip: clientIp, userAgent: userAgentOf(request) };
    return { userId, caller, id, body: undefined, query: queryRecord(new URL(request.url).searchParams) };
  }

  /** Under /pats, a readable body next. */
  async function openPats(request: Request, id: string): Promise<PatRequest> {
    const user = openUser(request, id);
    return { ...user, body: await readJson(request, LIMITS.bodyBytes) };
  }

  /** Whatever the route, what a request under /pats or /events must pass before it is answered (or refused as unknown). */
  async function open(request: Request): Promise<void> {
    if (under(request.url, '/pats')) await openPats(request, '');
    else if (under(request.url, '/events')) openUser(request, '');
  }

  const routes = [
    ...patRoutes(store, async (request, id) => {
      const pat = await openPats(request, id);
      if (id !== '' && !PAT_ID_PATTERN.test(id)) throw problems.patNotFound();
      return pat;
    }),
    ...eventRoutes(store, async (request, id) => openUser(request, id)),
    ...otherRoutes(store, clientIp, trustClientIp),
  ];

  async function respond(request: Request, run: () => Promise<Answer>): Promise<Response> {
    if (latencyMs > 0) await delay(latencyMs);
    let result: Answer;
    try {
      if (failWith500) throw new Error('failWith500');
      if (expiryScan) store.scan();
      result = await run();
    } catch (error) {
      if (!(error instanceof Problem) && !failWith500) console.error('[pat-kit mocks] request failed', error);
      result = problemAnswerWith(error instanceof Problem ? error : problems.internal(), API_HEADERS);
    }
    return toResponse(result, request.method.toUpperCase());
  }

  /** The first route whose path `url` matches, whatever its method (Express decodes its `:id`). */
  const firstMatch = (url: string) => routes.map((route) => matchPath(url, at(route.path))).find((match) => match.matches);

  const undecodable = http.all(
    ({ request }) => firstMatch(request.url)?.undecodable === true,
    ({ request }) =>
      respond(request, async () => {
        await open(request);
        throw problems.undecodablePath();
      }),
  );
  undecodable.info.header = `* ${prefix}/… (an undecodable id)`;

  const handlers = routes.flatMap((route) => {
    const resolver = ({ request, params }: { request: Request; params: Record<string, unknown> }) =>
      respond(request, () => route.answer(request, typeof params.id === 'string' ? params.id : ''));
    const methods = route.method === 'GET' ? ['GET', 'HEAD'] : [route.method];
    return methods.map((method) => {
      const handler = http[method.toLowerCase() as 'get'](at(route.path), resolver);
      handler.info.header = `${method} ${prefix}${route.path}`;
      return handler;
    });
  });

  const rest = http.all(
    ({ request }) => matchPath(request.url, at('')).matches || matchPath(request.url, at('/*')).matches,
    ({ request }) =>
      respond(request, async () => {
        const method = request.method.toUpperCase();
        await open(request);
        const allowed = routes.filter((route) => matchPath(request.url, at(route.path)).matches).map((route) => route.method);
        if (method === 'OPTIONS' && allowed.length > 0) return optionsAnswer(allowed, API_HEADERS);
        throw problems.routeNotFound(method, new URL(request.url).pathname);
      }),
  );
  rest.info.header = `* ${prefix}/*`;
  return [undecodable, ...handlers, rest];
}
