import type { ErrorBody, ErrorCode, FieldError } from '../../contract/index.js';
import { strings } from '../i18n/strings.js';

const CODES: Record<number, ErrorCode> = {
  400: 'validation_failed',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

/** The code an error answer without a JSON body (a proxy's page, say) stands for. */
function codeOf(status: number): ErrorCode {
  return CODES[status] ?? (status >= 500 ? 'internal' : 'validation_failed');
}

/** A failed API call: the HTTP status and the server's error body, or a network failure (status 0). */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'network',
    message: string,
    readonly details: FieldError[] = [],
  ) {
    super(message);
  }

  static fromBody(status: number, body: Partial<ErrorBody> | undefined): ApiError {
    // A server's failure is said in the user's words: its own text ("database is locked") is for its logs.
    const server = status >= 500;
    return new ApiError(
      status,
      body?.error ?? codeOf(status),
      server ? strings.errors.server : typeof body?.message === 'string' && body.message ? body.message : strings.errors.request(status),
      Array.isArray(body?.details) ? body.details : [],
    );
  }

  /** The server's message for `field`, if it named that field. */
  fieldMessage(field: string): string | undefined {
    return this.details.find((detail) => detail.field === field)?.message;
  }
}

/** True for the error a fetch throws when its AbortSignal fires. */
export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
