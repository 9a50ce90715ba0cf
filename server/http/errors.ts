import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { ErrorBody, ErrorCode, FieldError } from '../../contract/index.js';

/** An error that becomes exactly this status and JSON body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: FieldError[],
  ) {
    super(message);
  }

  toBody(): ErrorBody {
    return this.details ? { error: this.code, message: this.message, details: this.details } : { error: this.code, message: this.message };
  }
}

export function validationError(details: FieldError[]): HttpError {
  const first = details[0]!;
  const more = details.length > 1 ? ` (and ${details.length - 1} more)` : '';
  return new HttpError(400, 'validation_failed', `Invalid request: ${first.field} ${first.message}${more}.`, details);
}

export function fieldError(field: string, message: string): HttpError {
  return validationError([{ field, message }]);
}

/** "Not found" and "not yours" are one answer: nobody learns which ids exist. */
export function patNotFound(): HttpError {
  return new HttpError(404, 'not_found', 'No personal access token with this id.');
}

/** Answers 415 when a request carries a body that is not JSON. */
export const requireJsonBody: RequestHandler = (req, _res, next) => {
  const length = req.headers['content-length'];
  const hasBody = req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
  if (hasBody && !req.is('application/json')) {
    next(new HttpError(415, 'unsupported_media_type', 'The request body must be JSON (Content-Type: application/json).'));
    return;
  }
  next();
};

export const routeNotFound: RequestHandler = (req, res) => {
  const path = req.originalUrl.split('?')[0];
  res.status(404).json({ error: 'not_found', message: `No route for ${req.method} ${path}.` } satisfies ErrorBody);
};

interface ClientError {
  type?: string;
  status?: number;
  limit?: number;
}

function bodyLimit(bytes = 64 * 1024): string {
  return bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} bytes`;
}

/** Errors that Express and its body parser raise for a bad request, in our JSON. */
function fromClientError(err: ClientError): HttpError | undefined {
  switch (err.type) {
    case 'entity.parse.failed':
      return fieldError('body', 'is not valid JSON');
    case 'entity.too.large':
      return new HttpError(413, 'payload_too_large', `The request body is larger than ${bodyLimit(err.limit)}.`);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new HttpError(415, 'unsupported_media_type', 'The request body must be UTF-8 JSON.');
  }
  // E.g. a path the router cannot decode ("%ZZ"): it names nothing that exists.
  if (typeof err.status === 'number' && err.status >= 400 && err.status < 500) {
    return new HttpError(404, 'not_found', 'Nothing exists at this address.');
  }
  return undefined;
}

/** The last handler: known errors become their JSON; anything else is a logged, generic 500. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const known = err instanceof HttpError ? err : fromClientError(err as ClientError);
    if (known) {
      res.status(known.status).json(known.toBody());
      return;
    }
    logger.error({ err, method: req.method, path: req.path }, 'request failed');
    if (res.headersSent) return;
    res.status(500).json({ error: 'internal', message: 'Something went wrong on our side. Please try again.' } satisfies ErrorBody);
  };
}
