import type { ErrorBody, ErrorCode, FieldError } from './types.js';

/** The most field errors one answer lists: a body of 5,000 unknown keys gets 20, not 5,000. */
export const DETAILS_MAX = 20;

/** The top-level sentence of a 400: the first problem, and how many more there are in all. */
export function validationMessage(details: readonly FieldError[]): string {
  const first = details[0]!;
  const more = details.length > 1 ? ` (and ${details.length - 1} more)` : '';
  return `Invalid request: ${first.field} ${first.message}${more}.`;
}

/** The field errors a 400 lists. */
export function shownDetails(details: readonly FieldError[]): FieldError[] {
  return details.slice(0, DETAILS_MAX);
}

/** The HTTP status of each error code: where a problem becomes a status, for the server and the mocks alike. */
export const ERROR_STATUS: Readonly<Record<ErrorCode, number>> = {
  validation_failed: 400,
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  ip_not_allowed: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  uri_too_long: 414,
  unsupported_media_type: 415,
  too_many_requests: 429,
  headers_too_large: 431,
  internal: 500,
};

/**
 * A request that cannot be served, in the contract's words and with no HTTP in it: the server's
 * service and identity check throw it, so do the mocks, and each one's HTTP edge answers it with
 * `problemAnswer`.
 */
export class Problem extends Error {
  override name = 'Problem';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: FieldError[],
  ) {
    super(message);
  }
}

export interface ProblemAnswer {
  status: number;
  body: ErrorBody;
  headers: Record<string, string>;
}

/** The status, JSON body and headers of a problem's answer. */
export function problemAnswer({ code, message, details }: Problem): ProblemAnswer {
  return {
    status: ERROR_STATUS[code],
    body: details ? { error: code, message, details } : { error: code, message },
    // A 401 says which scheme would do (RFC 9110).
    headers: code === 'unauthenticated' ? { 'WWW-Authenticate': 'Bearer' } : {},
  };
}

function sizeText(bytes: number): string {
  return bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} bytes`;
}

/** Every problem the API names, with its one wording. */
export const problems = {
  invalid: (details: readonly FieldError[]) => new Problem('validation_failed', validationMessage(details), shownDetails(details)),
  invalidField: (field: string, message: string) => problems.invalid([{ field, message }]),
  clientIpNotTrusted: () =>
    problems.invalidField('client_ip', 'is not accepted: this server does not let callers relay the client’s address'),
  /** "Not found" and "not yours" are one answer: nobody learns which ids exist. */
  patNotFound: () => new Problem('not_found', 'No personal access token with this id.'),
  duplicateName: () =>
    new Problem('conflict', 'You already have a personal access token with this name.', [
      { field: 'name', message: 'is already used by another of your tokens' },
    ]),
  routeNotFound: (method: string, path: string) => new Problem('not_found', `No route for ${method} ${path}.`),
  /** A path that cannot be decoded (`%ZZ` where a PAT id goes) names nothing that exists. */
  undecodablePath: () => new Problem('not_found', 'Nothing exists at this address.'),
  signInFirst: () => new Problem('unauthenticated', 'Sign in first: the request needs a valid user access token.'),
  patCannotManage: () => new Problem('forbidden', 'A personal access token cannot manage personal access tokens; sign in as the user.'),
  noDemoUser: (wanted: string, ids: readonly string[]) => new Problem('not_found', `No demo user "${wanted}"; try ${ids.join(', ')}.`),
  notJson: () => new Problem('unsupported_media_type', 'The request body must be JSON (Content-Type: application/json).'),
  notUtf8Charset: (charset?: string) =>
    new Problem(
      'unsupported_media_type',
      charset ? `The request body must be UTF-8 JSON, not "${charset}".` : 'The request body must be UTF-8 JSON.',
    ),
  tooLarge: (limitBytes = 64 * 1024) => new Problem('payload_too_large', `The request body is larger than ${sizeText(limitBytes)}.`),
  /** The generic 500: what went wrong goes only to the server's log. */
  internal: () => new Problem('internal', 'Something went wrong on our side. Please try again.'),
};

/** The longest bearer token either kind of check reads; longer is refused unread. */
export const MAX_BEARER = 8192;

/** The token of an `Authorization: Bearer …` header. */
export function bearerOf(header: string | null | undefined): string | undefined {
  return /^Bearer[ \t]+(\S+)\s*$/i.exec(header ?? '')?.[1];
}
