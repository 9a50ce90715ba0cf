import { ApiError } from './api-error.js';
import { PAT_API_METHODS, PAT_API_OPTIONAL_METHODS, type PatApi } from './pat-api.js';

// Answers are untyped JSON: a shape reads any field of any value.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Shape = (value: any) => boolean;

const typed =
  (type: string, ...keys: string[]): Shape =>
  (value) =>
    !!value && typeof value === 'object' && keys.every((key) => typeof value[key] === type);
const listOf =
  (key: string, item: Shape): Shape =>
  (value) =>
    Array.isArray(value?.[key]) && value[key].every(item);
const all =
  (...shapes: Shape[]): Shape =>
  (value) =>
    shapes.every((shape) => shape(value));
/** Each of `keys` is of `type` or `absent` (null, or undefined for a field that may be left out). */
const orAbsent =
  (type: string, absent: null | undefined, ...keys: string[]): Shape =>
  (value) =>
    keys.every((key) => value[key] === absent || typeof value[key] === type);
/** Each of `keys` is of `type`, null, or left out (a field a server from before it does not send). */
const orNullOrAbsent =
  (type: string, ...keys: string[]): Shape =>
  (value) =>
    keys.every((key) => value[key] === undefined || value[key] === null || typeof value[key] === type);

const isText: Shape = (value) => typeof value === 'string';
/** A list of addresses and ranges, as a PAT's allowlist and an event's details hold it. */
const isIpList: Shape = (value) => Array.isArray(value) && value.every(isText);

/** The leak report that revoked a PAT: where and by whom its secret was found, and when. */
const isLeak = typed('string', 'reported_at', 'url', 'source');

/**
 * A PAT; its allowlist, its leak and its idle limit may be left out (a server or client from
 * before them: any address, no leak, and no idle limit, as `null`).
 */
const isPat = all(
  typed('string', 'id', 'name', 'description', 'status', 'created_at', 'issued_at', 'expires_at'),
  typed('boolean', 'revoked'),
  typed('number', 'scopes_count'),
  (pat) => pat.id !== '',
  (pat) => pat.allowed_ips === undefined || isIpList(pat.allowed_ips),
  (pat) => pat.leak === undefined || pat.leak === null || isLeak(pat.leak),
  orNullOrAbsent('string', 'max_idle', 'idle_expires_at', 'expired_reason'),
);
const isScopeList = listOf('scopes', typed('string', 'id', 'entity_type', 'operation', 'entity_id'));

/** An event, its details as the timeline reads them: texts, and scopes that say what they granted. */
const isEvent = all(
  typed('string', 'id', 'pat_id', 'pat_name', 'kind', 'at', 'actor'),
  orAbsent('string', null, 'ip', 'user_agent'),
  (event) =>
    typed('object')(event.details) &&
    orAbsent(
      'string',
      undefined,
      'from',
      'to',
      'expires_at',
      'refused',
      'url',
      'source',
      'max_idle',
      'reason',
      'idle_expires_at',
    )(event.details),
  (event) => event.details.allowed_ips === undefined || isIpList(event.details.allowed_ips),
  (event) =>
    event.details.scopes === undefined || listOf('scopes', typed('string', 'entity_type', 'operation', 'entity_id'))(event.details),
);
const isEventPage = all(typed('number', 'total', 'offset'), listOf('events', isEvent));

/** What each call must answer before an element uses it; the calls that answer nothing are absent. */
const SHAPES: Partial<Record<keyof PatApi, Shape>> = {
  createPat: all(isPat, typed('string', 'secret')),
  listPats: all(typed('number', 'total'), listOf('pats', isPat)),
  deleteAllPats: typed('number', 'deleted'),
  getPat: isPat,
  renamePat: isPat,
  describePat: isPat,
  resetSecret: all(isPat, typed('string', 'secret')),
  listScopes: all(typed('number', 'total'), isScopeList),
  addScopes: isScopeList,
  removeScopes: isScopeList,
  clearScopes: isScopeList,
  getCatalog: all(
    listOf(
      'entity_types',
      all(typed('string', 'type', 'label'), (entry) => Array.isArray(entry.operations)),
    ),
    listOf('durations', typed('string', 'value', 'label')),
    typed('string', 'max_lifetime'),
    // The server's idle limit; a backend without idle expiry (the SuperMQ one, a server from before it) leaves it out.
    orNullOrAbsent('string', 'max_idle'),
  ),
  getSummary: typed('number', 'active', 'expiring_soon', 'revoked', 'expired', 'total'),
  listPatEvents: isEventPage,
  listEvents: isEventPage,
  // The list just set must be in the answer: the page shows it.
  setAllowedIps: all(isPat, (pat) => isIpList(pat.allowed_ips)),
  getPatUsage: all(typed('number', 'allowed', 'denied'), listOf('days', all(typed('string', 'day'), typed('number', 'allowed', 'denied')))),
};

const checkedApis = new WeakMap<PatApi, PatApi>();

/**
 * `api` with every answer checked for the shape the elements read, so that a backend answering
 * otherwise (another server at `base-url`, a client of the host's own) shows as an error with a
 * clear message rather than a crash, an endless placeholder or `NaN`. An optional method (see
 * PAT_API_OPTIONAL_METHODS) is there only when `api` has it, so elements can tell the feature is
 * missing.
 */
export function checkedPatApi(api: PatApi): PatApi {
  let checked = checkedApis.get(api);
  if (!checked) {
    const unexpected = () => ApiError.because('unexpectedAnswer', 502, 'internal');
    const check = async (method: keyof PatApi, args: unknown[]) => {
      let answer: unknown;
      try {
        answer = await (api[method] as (...a: unknown[]) => unknown).apply(api, args);
      } catch (error) {
        // A client that read an answer it did not expect (`undefined.map`) says so plainly.
        throw error instanceof TypeError ? unexpected() : error;
      }
      if (!(SHAPES[method]?.(answer) ?? true)) throw unexpected();
      return answer;
    };
    const methods = [...PAT_API_METHODS, ...PAT_API_OPTIONAL_METHODS.filter((method) => typeof api[method] === 'function')];
    checked = Object.fromEntries(methods.map((method) => [method, (...args: unknown[]) => check(method, args)])) as unknown as PatApi;
    checkedApis.set(api, checked);
  }
  return checked;
}
