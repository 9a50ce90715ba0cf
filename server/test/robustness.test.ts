/**
 * The bad-input matrix: every route × every kind of bad input, generated from a table of the
 * routes and their request shapes (contract/schemas.ts). Each case must get a 4xx with the JSON
 * JSON error body and must leave every row of `pats` and `pat_scopes` as it was. The
 * valid version of each request is shown to succeed at the end, so the matrix cannot pass by
 * refusing everything.
 */
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { connect } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { LIMITS } from '../../contract/limits.js';
import { assertError } from './answers.js';
import { assertDocumented } from './documented.js';
import { startServer, type CallResult, type TestServer } from './harness.js';

/** A 400 whose `details` name `field` (with `message`, when given). */
function assertInvalid(res: CallResult, field: string, message?: string): void {
  assertError(res, 400, 'validation_failed');
  assert.ok(Array.isArray(res.body.details) && res.body.details.length > 0, `details expected: ${JSON.stringify(res.body)}`);
  const named = res.body.details.filter((detail: any) => detail.field === field);
  assert.ok(named.length > 0, `details must name ${field}: ${JSON.stringify(res.body.details)}`);
  if (message !== undefined) {
    assert.ok(
      named.some((detail: any) => detail.message === message),
      `details must say ${field} "${message}": ${JSON.stringify(res.body.details)}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Sending exactly the bytes and headers a case needs

interface Sent {
  method: string;
  /** Relative to `/api`, sent as is (no encoding on our side). */
  path: string;
  token?: string | null;
  body?: string | Buffer;
  /** `application/json` unless given; null sends none. */
  contentType?: string | null;
  headers?: Record<string, string>;
}

let apiBase = '';

/** node:http, not fetch: any method may carry any bytes, and the path goes out untouched. */
function send(sent: Sent): Promise<CallResult> {
  const url = new URL(apiBase);
  const headers: Record<string, string | number> = { ...sent.headers };
  if (sent.token) headers.authorization = `Bearer ${sent.token}`;
  if (sent.body !== undefined) {
    const contentType = sent.contentType === undefined ? 'application/json' : sent.contentType;
    if (contentType !== null) headers['content-type'] = contentType;
    headers['content-length'] = Buffer.byteLength(sent.body);
  }
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request(
      { host: url.hostname, port: url.port, method: sent.method, path: `${url.pathname}${sent.path}`, headers, agent: false },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            if (value !== undefined) responseHeaders.set(name, Array.isArray(value) ? value.join(', ') : value);
          }
          const answer = { status: res.statusCode ?? 0, body: parseBody(text, responseHeaders), headers: responseHeaders };
          try {
            assertDocumented(sent.method, `${url.pathname}${sent.path}`, answer);
            resolve(answer);
          } catch (error) {
            reject(error);
          }
        });
      },
    );
    // The server may answer (413) before it has read everything; its answer is what counts.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    req.end(sent.body);
  });
}

function parseBody(text: string, headers: Headers): unknown {
  if (!headers.get('content-type')?.includes('json') || !text) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Writes `data` on a socket of its own in one go and reads the answer until the server closes. */
function sendRaw(data: string): Promise<CallResult> {
  const url = new URL(apiBase);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname);
    const chunks: Buffer[] = [];
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      if (split < 0) {
        reject(new Error(`no HTTP answer: ${JSON.stringify(text.slice(0, 200))}`));
        return;
      }
      const [statusLine = '', ...lines] = text.slice(0, split).split('\r\n');
      const headers = new Headers();
      for (const line of lines) {
        const colon = line.indexOf(':');
        if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
      }
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
      const answer = { status, body: parseBody(text.slice(split + 4), headers), headers };
      const [method = '', target = ''] = data.split(' ', 2);
      try {
        assertDocumented(method, target, answer);
        resolve(answer);
      } catch (error) {
        reject(error);
      }
    };
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', finish);
    socket.on('close', finish);
    // A reset after the answer (the server closes while we still write) keeps the answer.
    socket.on('error', (error) => {
      if (chunks.length > 0) finish();
      else if (!done) {
        done = true;
        reject(error);
      }
    });
    socket.write(data);
  });
}

// ---------------------------------------------------------------------------------------------
// The routes and their request shapes

type PathPart = string | number;
type Kind = 'string' | 'nullable-string' | 'array' | 'object';
type TextKind = 'name' | 'description' | 'id';

interface Field {
  path: PathPart[];
  kind: Kind;
  required?: boolean;
  /** Longest string. */
  max?: number;
  /** Blank ("", whitespace only) is refused. */
  blank?: boolean;
  text?: TextKind;
  /** Lists: at least `min` (when set) and at most `max` entries, made by `make`. */
  items?: { min?: number; max: number; make: (index: number) => unknown };
}

/** What a request needs from the world: whose token, which PAT, which of its scopes. */
interface Context {
  token: string;
  /** A PAT secret for `POST /authorize`. */
  secret: string;
  id: string;
  scopeId: string;
}

type Auth = 'user' | 'pat' | 'none';

interface Route {
  method: string;
  /** `{id}` is the context's PAT. */
  path: string;
  auth: Auth;
  /** The valid body, when the route reads one. */
  body?: (context: Context) => Record<string, unknown>;
  fields: Field[];
  /** The largest body the route reads. */
  bodyBytes: number;
  /** The status of the valid request. */
  ok: number;
  /** Whether the valid request writes to the database. */
  writes: boolean;
}

/** `body`, `scopes[2].entity_id`, … as the server names fields. */
function fieldName(path: readonly PathPart[]): string {
  let text = '';
  for (const key of path) text += typeof key === 'number' ? `[${key}]` : text ? `.${key}` : key;
  return text || 'body';
}

const id = (path: PathPart[], required = true): Field => ({ path, kind: 'string', required, max: LIMITS.idMax, blank: true, text: 'id' });
const scopeFields = (prefix: PathPart[]): Field[] => [
  id([...prefix, 'entity_type']),
  id([...prefix, 'operation']),
  id([...prefix, 'entity_id']),
  { path: [...prefix, 'domain_id'], kind: 'nullable-string', max: LIMITS.idMax, text: 'id' },
];
const nameField: Field = { path: ['name'], kind: 'string', required: true, max: LIMITS.nameMax, blank: true, text: 'name' };
const durationField: Field = { path: ['duration'], kind: 'string', required: true, max: LIMITS.durationMax, blank: true, text: 'id' };
const manyScopes = (index: number) => ({ entity_type: 'clients', operation: 'read', entity_id: `many-${index}` });
const scopeList = (required: boolean): Field[] => [
  { path: ['scopes'], kind: 'array', required, items: { min: required ? 1 : undefined, max: LIMITS.scopesPerCall, make: manyScopes } },
  { path: ['scopes', 0], kind: 'object' },
  ...scopeFields(['scopes', 0]),
];

const BODY = LIMITS.bodyBytes;
const DEMO_BODY = 1024;

const ROUTES: Route[] = [
  {
    method: 'POST',
    path: '/pats',
    auth: 'user',
    body: () => ({
      name: 'robust',
      description: 'made by the matrix',
      duration: '30d',
      scopes: [{ entity_type: 'clients', operation: 'read', entity_id: 'c1', domain_id: 'd1' }],
    }),
    fields: [
      nameField,
      { path: ['description'], kind: 'string', max: LIMITS.descriptionMax, text: 'description' },
      durationField,
      ...scopeList(false),
    ],
    bodyBytes: BODY,
    ok: 201,
    writes: true,
  },
  { method: 'GET', path: '/pats', auth: 'user', fields: [], bodyBytes: BODY, ok: 200, writes: false },
  { method: 'DELETE', path: '/pats', auth: 'user', fields: [], bodyBytes: BODY, ok: 200, writes: true },
  { method: 'GET', path: '/pats/catalog', auth: 'user', fields: [], bodyBytes: BODY, ok: 200, writes: false },
  { method: 'GET', path: '/pats/summary', auth: 'user', fields: [], bodyBytes: BODY, ok: 200, writes: false },
  { method: 'GET', path: '/pats/{id}', auth: 'user', fields: [], bodyBytes: BODY, ok: 200, writes: false },
  { method: 'DELETE', path: '/pats/{id}', auth: 'user', fields: [], bodyBytes: BODY, ok: 204, writes: true },
  {
    method: 'PATCH',
    path: '/pats/{id}/name',
    auth: 'user',
    body: () => ({ name: 'renamed' }),
    fields: [nameField],
    bodyBytes: BODY,
    ok: 202,
    writes: true,
  },
  {
    method: 'PATCH',
    path: '/pats/{id}/description',
    auth: 'user',
    body: () => ({ description: 'changed' }),
    fields: [{ path: ['description'], kind: 'string', required: true, max: LIMITS.descriptionMax, text: 'description' }],
    bodyBytes: BODY,
    ok: 202,
    writes: true,
  },
  {
    method: 'PATCH',
    path: '/pats/{id}/secret/reset',
    auth: 'user',
    body: () => ({ duration: '90d' }),
    fields: [durationField],
    bodyBytes: BODY,
    ok: 200,
    writes: true,
  },
  { method: 'PATCH', path: '/pats/{id}/secret/revoke', auth: 'user', fields: [], bodyBytes: BODY, ok: 204, writes: true },
  { method: 'GET', path: '/pats/{id}/scope', auth: 'user', fields: [], bodyBytes: BODY, ok: 200, writes: false },
  {
    method: 'PATCH',
    path: '/pats/{id}/scope/add',
    auth: 'user',
    body: () => ({ scopes: [{ entity_type: 'clients', operation: 'update', entity_id: 'c2', domain_id: 'd2' }] }),
    fields: scopeList(true),
    bodyBytes: BODY,
    ok: 200,
    writes: true,
  },
  {
    method: 'PATCH',
    path: '/pats/{id}/scope/remove',
    auth: 'user',
    body: (context) => ({ scopes_id: [context.scopeId] }),
    fields: [
      { path: ['scopes_id'], kind: 'array', required: true, items: { min: 1, max: LIMITS.scopesPerCall, make: () => randomUUID() } },
      // An entry cannot be missing; null is among its wrong types.
      id(['scopes_id', 0], false),
    ],
    bodyBytes: BODY,
    ok: 200,
    writes: true,
  },
  { method: 'DELETE', path: '/pats/{id}/scope', auth: 'user', fields: [], bodyBytes: BODY, ok: 200, writes: true },
  {
    method: 'POST',
    path: '/authorize',
    auth: 'pat',
    body: () => ({ entity_type: 'clients', operation: 'read', entity_id: 'c1', domain_id: 'd1' }),
    fields: scopeFields([]),
    bodyBytes: BODY,
    ok: 200,
    // The last use of the PAT, once the recorder has written it.
    writes: true,
  },
  {
    method: 'POST',
    path: '/demo/login',
    auth: 'none',
    body: () => ({ user: 'alice' }),
    fields: [{ path: ['user'], kind: 'string', required: true, max: 64, text: 'id' }],
    bodyBytes: DEMO_BODY,
    ok: 200,
    writes: false,
  },
];

const title = (route: Route) => `${route.method} /api${route.path}`;
const isWrite = (route: Route) => route.method !== 'GET';
const hasId = (route: Route) => route.path.includes('{id}');
const MANAGEMENT = ROUTES.filter((route) => route.path.startsWith('/pats'));

function pathOf(route: Route, context: Context, idText = context.id): string {
  return route.path.replace('{id}', idText);
}

function tokenOf(route: Route, context: Context): string | null {
  return route.auth === 'user' ? context.token : route.auth === 'pat' ? context.secret : null;
}

/** The route's valid request, with `changes` to its body, path or headers. */
function requestOf(route: Route, context: Context, changes: Partial<Sent> = {}): Sent {
  const body = route.body ? JSON.stringify(route.body(context)) : undefined;
  return { method: route.method, path: pathOf(route, context), token: tokenOf(route, context), body, ...changes };
}

// ---------------------------------------------------------------------------------------------
// The kinds of bad input

function clone<T>(value: T): T {
  return structuredClone(value);
}

function setAt(target: any, path: readonly PathPart[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) node = node[key];
  node[path[path.length - 1]!] = value;
}

function deleteAt(target: any, path: readonly PathPart[]): void {
  let node = target;
  for (const key of path.slice(0, -1)) node = node[key];
  delete node[path[path.length - 1]!];
}

const WRONG_TYPES: Record<Kind, [string, unknown][]> = {
  string: [
    ['a number', 42],
    ['a boolean', true],
    ['null', null],
    ['an array', ['x']],
    ['an object', { x: 1 }],
  ],
  'nullable-string': [
    ['a number', 42],
    ['a boolean', false],
    ['an array', ['x']],
    ['an object', { x: 1 }],
  ],
  array: [
    ['a number', 42],
    ['a boolean', true],
    ['null', null],
    ['a string', 'clients:read'],
    ['an object', { x: 1 }],
  ],
  object: [
    ['a number', 42],
    ['a boolean', true],
    ['null', null],
    ['a string', 'clients:read:*'],
    ['an array', []],
  ],
};

const LONE_SURROGATE = 'lone\ud800surrogate';
const CONTROLS: [string, string][] = [
  ['NUL (U+0000)', '\u0000'],
  ['ESC (U+001B)', '\u001b'],
  ['DEL (U+007F)', '\u007f'],
  ['NEL, a C1 control (U+0085)', '\u0085'],
];
const BIDI: [string, string][] = [
  ['RIGHT-TO-LEFT OVERRIDE (U+202E)', '\u202e'],
  ['LEFT-TO-RIGHT ISOLATE (U+2066)', '\u2066'],
];

/** A body the route's schema must refuse, and the field it must name. */
interface BodyCase {
  kind: string;
  field: string;
  /** The detail's message, when it is fixed. */
  message?: string;
  raw: (base: Record<string, unknown>) => string;
}

const UNKNOWN = 'unknown-field-placeholder';

/** `json` with the placeholder key renamed to `key`. */
function withKey(json: string, key: string): string {
  assert.ok(json.includes(`"${UNKNOWN}":`));
  return json.replace(`"${UNKNOWN}":`, `${JSON.stringify(key)}:`);
}

function mutated(change: (body: any) => void): (base: Record<string, unknown>) => string {
  return (base) => {
    const body = clone(base);
    change(body);
    return JSON.stringify(body);
  };
}

/** Every field × missing, wrong type, too long, blank, too many or too few, text rules, unknown fields. */
function bodyCases(route: Route): BodyCase[] {
  const cases: BodyCase[] = [];
  for (const raw of ['[]', '"text"', '42', 'null', 'true', 'false']) {
    cases.push({ kind: `a body that is not an object (${raw})`, field: 'body', raw: () => raw });
  }
  cases.push({ kind: 'a body that is an array of the valid body', field: 'body', raw: (base) => JSON.stringify([base]) });
  const depth = Math.min(20_000, Math.floor(route.bodyBytes / 2) - 1);
  cases.push({ kind: `a body nested ${depth} arrays deep`, field: 'body', raw: () => '['.repeat(depth) + ']'.repeat(depth) });
  // Keys an object lookup could mistake for its prototype's: written into the JSON text, since
  // assigning `__proto__` on an object would not make a key of it.
  for (const key of ['bogus_field', '__proto__', 'constructor', 'toString']) {
    cases.push({
      kind: `an unknown top-level field "${key}"`,
      field: key,
      message: 'is not a known field',
      raw: (base) => withKey(mutated((body) => (body[UNKNOWN] = { x: 1 }))(base), key),
    });
  }

  for (const field of route.fields) {
    const name = fieldName(field.path);
    const at = (value: unknown) => mutated((body) => setAt(body, field.path, value));
    if (field.required)
      cases.push({ kind: `${name} missing`, field: name, message: 'is required', raw: mutated((body) => deleteAt(body, field.path)) });
    for (const [label, value] of WRONG_TYPES[field.kind]) cases.push({ kind: `${name} is ${label}`, field: name, raw: at(value) });
    if (field.max !== undefined) {
      cases.push({ kind: `${name} of ${field.max + 1} characters (over ${field.max})`, field: name, raw: at('x'.repeat(field.max + 1)) });
    }
    if (field.blank) {
      cases.push({ kind: `${name} empty ("")`, field: name, raw: at('') });
      cases.push({ kind: `${name} whitespace only`, field: name, raw: at(' \t \n ') });
    }
    if (field.items) {
      const { min, max, make } = field.items;
      cases.push({
        kind: `${name} with ${max + 1} entries (over ${max})`,
        field: name,
        raw: at(Array.from({ length: max + 1 }, (_, i) => make(i))),
      });
      if (min) cases.push({ kind: `${name} empty ([])`, field: name, raw: at([]) });
    }
    if (field.kind === 'object') {
      for (const key of ['bogus', '__proto__']) {
        cases.push({
          kind: `an unknown field "${key}" inside ${name}`,
          field: `${name}.${key}`,
          message: 'is not a known field',
          raw: (base) => withKey(mutated((body) => setAt(body, [...field.path, UNKNOWN], 'x'))(base), key),
        });
      }
    }
    if (field.text) {
      cases.push({ kind: `${name} with a lone surrogate (\\ud800)`, field: name, raw: at(LONE_SURROGATE) });
      for (const [label, char] of CONTROLS) cases.push({ kind: `${name} with ${label}`, field: name, raw: at(`before${char}after`) });
      if (field.text !== 'id') {
        for (const [label, char] of BIDI) cases.push({ kind: `${name} with ${label}`, field: name, raw: at(`evil${char}gnp.exe`) });
      }
    }
  }
  return cases;
}

/** A case about how the body is sent rather than what it says: any route that reads a body. */
interface TransportCase {
  kind: string;
  status: number;
  code: string;
  /** For a 400. */
  field?: string;
  sent: (valid: string, route: Route) => Pick<Sent, 'body' | 'contentType' | 'headers'>;
}

/** A JSON object of exactly `bytes` bytes. */
function jsonOf(bytes: number): string {
  const head = '{"pad":"';
  const tail = '"}';
  return head + 'p'.repeat(bytes - head.length - tail.length) + tail;
}

const MALFORMED_JSON: [string, string][] = [
  ['truncated', '{"name": "x", "duration": '],
  ['unquoted keys and single quotes', "{name: 'x'}"],
  ['a trailing comma', '{"name": "x",}'],
  ['trailing garbage after the object', '{"name": "x"} {"name": "y"}'],
  ['an unterminated string', '{"name": "x'],
  ['a comment', '{"name": "x" /* hi */}'],
  ['NaN', '{"n": NaN}'],
  ['only an opening brace', '{'],
  ['whitespace only', '  \n '],
  ['a raw control character in a string', '{"name": "a\u0001b"}'],
];

const TRANSPORT: TransportCase[] = [
  ...MALFORMED_JSON.map(([label, raw]): TransportCase => ({
    kind: `malformed JSON: ${label}`,
    status: 400,
    code: 'validation_failed',
    field: 'body',
    sent: () => ({ body: raw }),
  })),
  ...['gzip', 'deflate', 'br'].map((encoding): TransportCase => ({
    kind: `Content-Encoding: ${encoding} on a body that is not ${encoding}`,
    status: 400,
    code: 'validation_failed',
    field: 'body',
    sent: (valid) => ({ body: valid, headers: { 'content-encoding': encoding } }),
  })),
  ...['compress', 'zstd', 'x-unknown'].map((encoding): TransportCase => ({
    kind: `an unknown Content-Encoding: ${encoding}`,
    status: 415,
    code: 'unsupported_media_type',
    sent: (valid) => ({ body: valid, headers: { 'content-encoding': encoding } }),
  })),
  ...['latin1', 'iso-8859-1', 'utf-16', 'utf-16le', 'us-ascii'].map((charset): TransportCase => ({
    kind: `a charset that is not UTF-8: ${charset}`,
    status: 415,
    code: 'unsupported_media_type',
    sent: (valid) => ({ body: valid, contentType: `application/json; charset=${charset}` }),
  })),
  {
    kind: 'bytes that are not UTF-8 (0xFF inside a string)',
    status: 400,
    code: 'validation_failed',
    field: 'body',
    sent: () => ({ body: Buffer.concat([Buffer.from('{"pad":"a'), Buffer.from([0xff]), Buffer.from('b"}')]) }),
  },
  {
    kind: 'bytes that are not UTF-8 (a surrogate encoded as ED A0 80)',
    status: 400,
    code: 'validation_failed',
    field: 'body',
    sent: () => ({ body: Buffer.concat([Buffer.from('{"pad":"a'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('b"}')]) }),
  },
  {
    kind: 'bytes that are not UTF-8 (latin1 é as E9)',
    status: 400,
    code: 'validation_failed',
    field: 'body',
    sent: () => ({ body: Buffer.from('{"pad":"caf\u00e9"}', 'latin1') }),
  },
  ...(
    [
      ['text/plain', 'text/plain'],
      ['text/plain with charset=utf-8', 'text/plain; charset=utf-8'],
      ['a form body (application/x-www-form-urlencoded)', 'application/x-www-form-urlencoded'],
      ['a multipart form body', 'multipart/form-data; boundary=XyZ'],
      ['no Content-Type at all', null],
    ] as [string, string | null][]
  ).map(([label, contentType]): TransportCase => ({
    kind: `${label} → 415`,
    status: 415,
    code: 'unsupported_media_type',
    sent: (valid) => ({ body: valid, contentType }),
  })),
  {
    kind: 'a body one byte over the limit',
    status: 413,
    code: 'payload_too_large',
    sent: (_valid, route) => ({ body: jsonOf(route.bodyBytes + 1) }),
  },
  {
    kind: 'a body four times the limit',
    status: 413,
    code: 'payload_too_large',
    sent: (_valid, route) => ({ body: jsonOf(route.bodyBytes * 4) }),
  },
  {
    kind: 'a gzip body that inflates to over the limit',
    status: 413,
    code: 'payload_too_large',
    sent: (_valid, route) => ({ body: gzipSync(jsonOf(route.bodyBytes * 8)), headers: { 'content-encoding': 'gzip' } }),
  },
  {
    kind: 'a deflate body that inflates to over the limit',
    status: 413,
    code: 'payload_too_large',
    sent: (_valid, route) => ({ body: deflateSync(jsonOf(route.bodyBytes + 1)), headers: { 'content-encoding': 'deflate' } }),
  },
  {
    kind: 'a br body that inflates to over the limit',
    status: 413,
    code: 'payload_too_large',
    sent: (_valid, route) => ({ body: brotliCompressSync(jsonOf(route.bodyBytes * 8)), headers: { 'content-encoding': 'br' } }),
  },
];

const BAD_IDS: [string, string][] = [
  ['an unknown uuid', randomUUID()],
  ['a non-uuid', 'not-a-uuid'],
  ['a 300-character id', 'a'.repeat(300)],
  ['an SQL-ish id', encodeURIComponent("1' OR '1'='1")],
  ['an SQL-ish id with a statement', encodeURIComponent("x'); DELETE FROM pats; --")],
  ['a LIKE pattern', encodeURIComponent('%')],
  ['percent-encoded garbage %ZZ', '%ZZ'],
  ['a truncated percent-encoded UTF-8 sequence %E0%A4%A', '%E0%A4%A'],
  ['a lone %', '%'],
  ['an encoded NUL', '%00'],
];

const NUMBER_VALUES: [string, string][] = [
  ['hex', '0x10'],
  ['an exponent', '1e1'],
  ['a leading space', '%203'],
  ['a trailing space', '3%20'],
  ['negative', '-1'],
  ['a fraction', '1.5'],
  ['a plus sign', '%2B1'],
  ['empty', ''],
  ['not a number', 'abc'],
  ['full-width digits', encodeURIComponent('１')],
  ['over the largest safe integer', '9007199254740993'],
];

/** [query, the parameter named, what it shows] for `GET /pats` and `GET /pats/{id}/scope`. */
function pageQueryCases(): [string, string, string][] {
  const cases: [string, string, string][] = [];
  for (const param of ['limit', 'offset']) {
    for (const [label, value] of NUMBER_VALUES) cases.push([`${param}=${value}`, param, `${param} ${label}`]);
    cases.push([`${param}=1&${param}=2`, param, `${param} repeated`]);
  }
  cases.push(['limit=0', 'limit', 'limit 0 (under 1)']);
  cases.push([`limit=${LIMITS.pageMax + 1}`, 'limit', `limit ${LIMITS.pageMax + 1} (over ${LIMITS.pageMax})`]);
  return cases;
}

function listQueryCases(): [string, string, string][] {
  const cases = pageQueryCases();
  for (const [param, values] of [
    ['status', ['bogus', 'ACTIVE', '', 'active&status=all']],
    ['sort', ['bogus', 'token_hash', 'user_id', '', 'name&sort=issued_at']],
    ['dir', ['sideways', 'ASC', '', 'asc&dir=desc']],
  ] as const) {
    for (const value of values) cases.push([`${param}=${value}`, param, `${param} "${value}"`]);
  }
  cases.push([`name=${'n'.repeat(LIMITS.searchMax + 1)}`, 'name', `name search of ${LIMITS.searchMax + 1} characters`]);
  for (const [label, encoded] of [
    ['NUL', '%00'],
    ['ESC', '%1B'],
    ['DEL', '%7F'],
    ['NEL (C1)', '%C2%85'],
    ['RIGHT-TO-LEFT OVERRIDE', '%E2%80%AE'],
  ]) {
    cases.push([`name=ab${encoded}cd`, 'name', `name search with ${label}`]);
  }
  cases.push(['name=a&name=b', 'name', 'name search repeated']);
  cases.push([`id=${'i'.repeat(LIMITS.idMax + 1)}`, 'id', `id search of ${LIMITS.idMax + 1} characters`]);
  cases.push(['id=ab%00cd', 'id', 'id search with NUL']);
  return cases;
}

// ---------------------------------------------------------------------------------------------

let server: TestServer;
let alice: Context;
let bobsPatId: string;

async function snapshot() {
  // What an accepted authorize would write comes later, through the last-use recorder.
  await server.app.locals.patKit.flush();
  return {
    pats: await server.db.selectFrom('pats').selectAll().orderBy('id').execute(),
    pat_scopes: await server.db.selectFrom('pat_scopes').selectAll().orderBy('id').execute(),
  };
}

/** Runs `call` and asserts every row of `pats` and `pat_scopes` is as it was. */
async function unchanged(call: () => Promise<CallResult>): Promise<CallResult> {
  const before = await snapshot();
  const res = await call();
  assert.deepEqual(await snapshot(), before, `the database changed (answer: ${res.status} ${JSON.stringify(res.body).slice(0, 300)})`);
  return res;
}

async function createPat(token: string, name: string) {
  const created = await send({
    method: 'POST',
    path: '/pats',
    token,
    body: JSON.stringify({
      name,
      description: 'seeded',
      duration: '30d',
      scopes: [
        { entity_type: 'clients', operation: 'read', entity_id: '*' },
        { entity_type: 'channels', operation: 'read', entity_id: 'ch1', domain_id: 'd1' },
      ],
    }),
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const scopes = await send({ method: 'GET', path: `/pats/${created.body.id}/scope`, token });
  assert.equal(scopes.status, 200);
  return { id: created.body.id as string, secret: created.body.secret as string, scopeId: scopes.body.scopes[0].id as string };
}

describe('robustness: the bad-input matrix', () => {
  before(async () => {
    // Demo mode for POST /demo/login; no rate limits, or the matrix's own requests would meet them.
    server = await startServer({ demo: true, rateLimit: false });
    apiBase = `${server.url}/api`;
    const token = await server.tokenFor('alice');
    const target = await createPat(token, 'target');
    await createPat(token, 'spare');
    alice = { token, ...target };
    bobsPatId = (await createPat(await server.tokenFor('bob'), 'bobs')).id;
    const seeded = await snapshot();
    assert.equal(seeded.pats.length, 3, 'the matrix works on a database with rows in it');
    assert.equal(seeded.pat_scopes.length, 6);
  });
  after(() => server.close());

  describe('bodies: shape, fields, lengths, lists and text rules', () => {
    for (const route of ROUTES.filter((candidate) => candidate.body)) {
      for (const bodyCase of bodyCases(route)) {
        it(`${title(route)} · ${bodyCase.kind} → 400 naming ${bodyCase.field}`, async () => {
          const raw = bodyCase.raw(route.body!(alice));
          if (bodyCase.kind.includes('lone surrogate'))
            assert.ok(raw.includes('\\ud800'), 'the lone surrogate goes out as a \\ud800 escape');
          const res = await unchanged(() => send(requestOf(route, alice, { body: raw })));
          assertInvalid(res, bodyCase.field, bodyCase.message);
        });
      }
    }
  });

  describe('bodies: how they are sent (JSON syntax, encodings, charsets, bytes, types, sizes)', () => {
    for (const route of ROUTES.filter(isWrite)) {
      for (const transport of TRANSPORT) {
        it(`${title(route)} · ${transport.kind} → ${transport.status}`, async () => {
          const valid = route.body ? JSON.stringify(route.body(alice)) : '{}';
          const res = await unchanged(() => send(requestOf(route, alice, transport.sent(valid, route))));
          if (transport.field) assertInvalid(res, transport.field);
          else assertError(res, transport.status, transport.code);
        });
      }
    }
  });

  describe('ids: unknown, malformed, hostile and foreign → 404', () => {
    for (const route of ROUTES.filter(hasId)) {
      for (const [label, idText] of BAD_IDS) {
        it(`${title(route)} · ${label} → 404`, async () => {
          const res = await unchanged(() => send(requestOf(route, alice, { path: pathOf(route, alice, idText) })));
          assertError(res, 404, 'not_found');
        });
      }
      it(`${title(route)} · another user's PAT → the same 404 as an unknown id`, async () => {
        const foreign = await unchanged(() => send(requestOf(route, alice, { path: pathOf(route, alice, bobsPatId) })));
        assertError(foreign, 404, 'not_found');
        const unknown = await send(requestOf(route, alice, { path: pathOf(route, alice, randomUUID()) }));
        assert.deepEqual(foreign.body, unknown.body, 'not yours must look exactly like not found');
      });
    }
  });

  describe('query values', () => {
    const listRoute = ROUTES.find((route) => route.method === 'GET' && route.path === '/pats')!;
    const scopeRoute = ROUTES.find((route) => route.method === 'GET' && route.path === '/pats/{id}/scope')!;
    for (const [route, cases] of [
      [listRoute, listQueryCases()],
      [scopeRoute, pageQueryCases()],
    ] as const) {
      for (const [query, param, label] of cases) {
        it(`${title(route)}?${query.length > 60 ? `${query.slice(0, 60)}…` : query} · ${label} → 400 naming ${param}`, async () => {
          const res = await unchanged(() => send(requestOf(route, alice, { path: `${pathOf(route, alice)}?${query}` })));
          assertInvalid(res, param);
        });
      }
    }
  });

  describe('URL and header sizes', () => {
    for (const route of ROUTES) {
      it(`${title(route)} · a URL over 8 KiB → 414`, async () => {
        const path = `${pathOf(route, alice)}?pad=${'u'.repeat(8 * 1024)}`;
        const res = await unchanged(() => send(requestOf(route, alice, { path })));
        assertError(res, 414, 'uri_too_long');
      });

      const head = (target: string, extra = '') => {
        const token = tokenOf(route, alice);
        const body = route.body ? JSON.stringify(route.body(alice)) : '';
        return (
          `${route.method} /api${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
          (token ? `Authorization: Bearer ${token}\r\n` : '') +
          (body ? `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` : '') +
          `${extra}\r\n${body}`
        );
      };

      it(`${title(route)} · a request line over 16 KiB (raw socket) → 414 JSON`, async () => {
        const res = await unchanged(() => sendRaw(head(`${pathOf(route, alice)}?pad=${'r'.repeat(17 * 1024)}`)));
        assertError(res, 414, 'uri_too_long');
      });

      it(`${title(route)} · one header over 16 KiB (raw socket) → 431 JSON`, async () => {
        const res = await unchanged(() => sendRaw(head(pathOf(route, alice), `X-Pad: ${'h'.repeat(17 * 1024)}\r\n`)));
        assertError(res, 431, 'headers_too_large');
      });

      it(`${title(route)} · 200 headers, over 16 KiB together (raw socket) → 431 JSON`, async () => {
        const many = Array.from({ length: 200 }, (_, i) => `X-Pad-${i}: ${'h'.repeat(90)}\r\n`).join('');
        const res = await unchanged(() => sendRaw(head(pathOf(route, alice), many)));
        assertError(res, 431, 'headers_too_large');
      });
    }
  });

  describe('auth on the management routes', () => {
    const tokens: [string, (context: Context) => string | null, number, string][] = [
      ['no token', () => null, 401, 'unauthenticated'],
      ['a garbage token', () => 'garbage', 401, 'unauthenticated'],
      ['a PAT secret', (context) => context.secret, 403, 'forbidden'],
    ];
    for (const route of MANAGEMENT) {
      for (const [label, token, status, code] of tokens) {
        it(`${title(route)} · ${label} → ${status}`, async () => {
          const res = await unchanged(() => send(requestOf(route, alice, { token: token(alice) })));
          assertError(res, status, code);
        });
      }
    }
  });

  describe('text rules: regressions', () => {
    it('POST /api/pats {"name":"lone\\ud800surrogate"} → 400 naming name, nothing stored', async () => {
      const raw = '{"name":"lone\\ud800surrogate"}';
      const res = await unchanged(() => send({ method: 'POST', path: '/pats', token: alice.token, body: raw }));
      assertInvalid(res, 'name');
      const list = await send({ method: 'GET', path: '/pats?status=all', token: alice.token });
      assert.equal(list.body.total, 2);
    });

    it('POST /api/pats with a complete body whose name holds a lone surrogate → 400 naming name, nothing stored', async () => {
      const raw = '{"name":"lone\\ud800surrogate","duration":"30d"}';
      const res = await unchanged(() => send({ method: 'POST', path: '/pats', token: alice.token, body: raw }));
      assertInvalid(res, 'name');
      assert.deepEqual(
        res.body.details.map((detail: any) => detail.field),
        ['name'],
      );
    });
  });

  describe('an answer never grows with the mistakes in a request', () => {
    it('5,000 unknown fields → 400 listing 20 of them, the message counting them all', async () => {
      const body = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`k${i}`, 1]));
      const res = await unchanged(() =>
        send({ method: 'PATCH', path: `/pats/${alice.id}/name`, token: alice.token, body: JSON.stringify({ name: 'x', ...body }) }),
      );
      assertInvalid(res, 'k0', 'is not a known field');
      assert.equal(res.body.details.length, 20);
      assert.match(res.body.message, /\(and 4999 more\)\.$/);
    });
  });

  it('after the whole matrix, the database holds exactly the seeded rows', async () => {
    const now = await snapshot();
    assert.equal(now.pats.length, 3);
    assert.equal(now.pat_scopes.length, 6);
    const target = now.pats.find((row) => row.id === alice.id)!;
    assert.equal(target.name, 'target');
    assert.equal(target.description, 'seeded');
    assert.equal(target.revoked, 0);
    assert.equal(target.updated_at, null);
    assert.equal(target.last_used_at, null);
  });
});

describe('robustness: positive controls (the valid request of each route succeeds)', () => {
  let token: string;
  let seq = 0;
  before(async () => {
    server = await startServer({ demo: true, rateLimit: false });
    apiBase = `${server.url}/api`;
    token = await server.tokenFor('carol');
  });
  after(() => server.close());

  /** A throw-away PAT of carol's, with two scopes. */
  async function throwAway(): Promise<Context> {
    return { token, ...(await createPat(token, `throw-away ${++seq}`)) };
  }

  for (const route of ROUTES) {
    it(`${title(route)} · the valid request → ${route.ok}${route.writes ? ', and the database changes' : ''}`, async () => {
      const context = await throwAway();
      const before = await snapshot();
      const res = await send(requestOf(route, context));
      assert.equal(res.status, route.ok, JSON.stringify(res.body));
      const after = await snapshot();
      if (route.writes) assert.notDeepEqual(after, before, 'the valid request writes');
      else assert.deepEqual(after, before);
    });
  }

  for (const [encoding, compress] of [
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
    ['identity', (text: string) => Buffer.from(text)],
  ] as const) {
    it(`PATCH /api/pats/{id}/description · a valid body with Content-Encoding: ${encoding} → 202`, async () => {
      const context = await throwAway();
      const res = await send({
        method: 'PATCH',
        path: `/pats/${context.id}/description`,
        token,
        body: compress(JSON.stringify({ description: `sent as ${encoding}` })),
        headers: { 'content-encoding': encoding },
      });
      assert.equal(res.status, 202, JSON.stringify(res.body));
      assert.equal(res.body.description, `sent as ${encoding}`);
    });
  }

  for (const contentType of ['application/json; charset=utf-8', 'application/json; charset="UTF-8"', 'application/json;charset=utf8']) {
    it(`PATCH /api/pats/{id}/name · Content-Type: ${contentType} → 202`, async () => {
      const context = await throwAway();
      const res = await send({
        method: 'PATCH',
        path: `/pats/${context.id}/name`,
        token,
        body: JSON.stringify({ name: `utf-8 ${++seq}` }),
        contentType,
      });
      assert.equal(res.status, 202, JSON.stringify(res.body));
    });
  }

  it('a body of exactly 64 KiB is read (and then judged on its fields) → 400 naming pad, not 413', async () => {
    const context = await throwAway();
    const res = await send({ method: 'PATCH', path: `/pats/${context.id}/name`, token, body: jsonOf(LIMITS.bodyBytes) });
    assertInvalid(res, 'pad', 'is not a known field');
  });

  for (const [label, description] of [
    ['\\n', 'first line\nsecond line'],
    ['\\t', 'column\tcolumn'],
    ['\\r\\n', 'first line\r\nsecond line'],
  ]) {
    it(`a description with ${label} is accepted and stored exactly (create and PATCH description)`, async () => {
      const created = await send({
        method: 'POST',
        path: '/pats',
        token,
        body: JSON.stringify({ name: `layout ${++seq}`, description, duration: '7d' }),
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.description, description);
      const changed = `${description} (changed)`;
      const described = await send({
        method: 'PATCH',
        path: `/pats/${created.body.id}/description`,
        token,
        body: JSON.stringify({ description: changed }),
      });
      assert.equal(described.status, 202, JSON.stringify(described.body));
      const row = await server.db.selectFrom('pats').select('description').where('id', '=', created.body.id).executeTakeFirstOrThrow();
      assert.equal(row.description, changed);
    });
  }

  it('query values at their limits are accepted', async () => {
    const context = await throwAway();
    for (const path of [
      '/pats?limit=100&offset=0&status=all&sort=name&dir=asc',
      `/pats?limit=1&offset=9007199254740991&name=${'n'.repeat(LIMITS.searchMax)}`,
      '/pats?limit=007&offset=00',
      `/pats/${context.id}/scope?limit=100&offset=1`,
      `/pats/${context.id}/scope?limit=1&unknown_key=ignored`,
    ]) {
      const res = await send({ method: 'GET', path, token });
      assert.equal(res.status, 200, `${path}: ${JSON.stringify(res.body)}`);
    }
  });
});
