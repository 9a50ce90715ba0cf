import type { ErrorBody, ErrorCode, FieldError } from '../../contract/index.js';

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
    const fallback = status >= 500 ? 'The server had a problem. Please try again.' : `The request failed (HTTP ${status}).`;
    return new ApiError(
      status,
      body?.error ?? (status >= 500 ? 'internal' : 'validation_failed'),
      typeof body?.message === 'string' && body.message ? body.message : fallback,
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
