import { shownDetails, validationMessage, type ErrorBody, type ErrorCode, type FieldError } from '../contract/index.js';

/**
 * An error answer of the mock API: exactly the status, JSON body and headers the real server
 * (server/http/errors.ts) sends for the same mistake.
 */
export class MockHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: FieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'MockHttpError';
  }

  toBody(): ErrorBody {
    return this.details ? { error: this.code, message: this.message, details: this.details } : { error: this.code, message: this.message };
  }
}

export function validationError(details: FieldError[]): MockHttpError {
  return new MockHttpError(400, 'validation_failed', validationMessage(details), shownDetails(details));
}

export function fieldError(field: string, message: string): MockHttpError {
  return validationError([{ field, message }]);
}

/** "Not found" and "not yours" are one answer: nobody learns which ids exist. */
export function patNotFound(): MockHttpError {
  return new MockHttpError(404, 'not_found', 'No personal access token with this id.');
}

export function duplicateName(): MockHttpError {
  return new MockHttpError(409, 'conflict', 'You already have a personal access token with this name.', [
    { field: 'name', message: 'is already used by another of your tokens' },
  ]);
}

export function routeNotFound(method: string, path: string): MockHttpError {
  return new MockHttpError(404, 'not_found', `No route for ${method} ${path}.`);
}

/** A path that cannot be decoded (`%ZZ` where a PAT id goes) names nothing that exists. */
export function undecodablePath(): MockHttpError {
  return new MockHttpError(404, 'not_found', 'Nothing exists at this address.');
}

export function unauthenticatedUser(): MockHttpError {
  return new MockHttpError(401, 'unauthenticated', 'Sign in first: the request needs a valid user access token.', undefined, {
    'WWW-Authenticate': 'Bearer',
  });
}

export function patCannotManage(): MockHttpError {
  return new MockHttpError(403, 'forbidden', 'A personal access token cannot manage personal access tokens; sign in as the user.');
}

export function notJson(): MockHttpError {
  return new MockHttpError(415, 'unsupported_media_type', 'The request body must be JSON (Content-Type: application/json).');
}

export function notUtf8Charset(charset: string): MockHttpError {
  return new MockHttpError(415, 'unsupported_media_type', `The request body must be UTF-8 JSON, not "${charset}".`);
}

export function tooLarge(limitBytes: number): MockHttpError {
  const size = limitBytes % 1024 === 0 ? `${limitBytes / 1024} KiB` : `${limitBytes} bytes`;
  return new MockHttpError(413, 'payload_too_large', `The request body is larger than ${size}.`);
}

/** The generic 500: details only ever go to the server's log. */
export const INTERNAL_ERROR_BODY: ErrorBody = Object.freeze({
  error: 'internal',
  message: 'Something went wrong on our side. Please try again.',
}) as ErrorBody;

export function internalError(): MockHttpError {
  return new MockHttpError(500, INTERNAL_ERROR_BODY.error, INTERNAL_ERROR_BODY.message);
}
