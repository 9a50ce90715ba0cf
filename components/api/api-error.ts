import type { ErrorBody, ErrorCode, FieldError } from '../../contract/index.js';
import { strings, type PatStrings } from '../i18n/strings.js';

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

/** A failure the client puts in words (rather than passing the server's on): a key of `strings.errors`. */
export type ErrorReason = Exclude<keyof PatStrings['errors'], 'request'> | 'request';

/**
 * A failed API call: the HTTP status and the server's error body, or a network failure (status 0).
 * Where the client words it (`reason`), `message` is the English and an element shows
 * `errorText()`, in its own language.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'network',
    message: string,
    readonly details: FieldError[] = [],
    readonly reason?: ErrorReason,
  ) {
    super(message);
  }

  /** The failure the client words: `message` from `strings.errors`, in English. */
  static because(reason: ErrorReason, status: number, code: ErrorCode | 'network', details: FieldError[] = []): ApiError {
    return new ApiError(status, code, wordsFor(reason, status, strings), details, reason);
  }

  static fromBody(status: number, body: Partial<ErrorBody> | undefined): ApiError {
    // A server's failure is said in the user's words: its own text ("database is locked") is for its logs.
    const code = body?.error ?? codeOf(status);
    if (status >= 500) return ApiError.because('server', status, code);
    const details = Array.isArray(body?.details) ? body.details : [];
    if (typeof body?.message !== 'string' || !body.message) return ApiError.because('request', status, code, details);
    return new ApiError(status, code, body.message, details);
  }

  /** The server's message for `field`, if it named that field. */
  fieldMessage(field: string): string | undefined {
    return this.details.find((detail) => detail.field === field)?.message;
  }
}

function wordsFor(reason: ErrorReason, status: number, t: PatStrings): string {
  return reason === 'request' ? t.errors.request(status) : t.errors[reason];
}

/** What to tell a user about `error`, in the words `t` of their language. */
export function errorText(error: unknown, t: PatStrings): string {
  if (error instanceof ApiError && error.reason) return wordsFor(error.reason, error.status, t);
  return error instanceof Error ? error.message : String(error);
}

/** True for the error a fetch throws when its AbortSignal fires. */
export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
