import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import type { Logger } from '../logger.js';
import { shownDetails, validationMessage, type ErrorBody, type ErrorCode, type FieldError } from '../../contract/index.js';

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
  return new HttpError(400, 'validation_failed', validationMessage(details), shownDetails(details));
}

export function fieldError(field: string, message: string): HttpError {
  return validationError([{ field, message }]);
}

/** "Not found" and "not yours" are one answer: nobody learns which ids exist. */
export function patNotFound(): HttpError {
  return new HttpError(404, 'not_found', 'No personal access token with this id.');
}

export const routeNotFound: RequestHandler = (req, res) => {
  const path = req.originalUrl.split('?')[0];
  res.status(404).json({ error: 'not_found', message: `No route for ${req.method} ${path}.` } satisfies ErrorBody);
};

interface ClientError {
  type?: string;
  status?: number;
  limit?: number;
  encoding?: string;
}

function sizeText(bytes = 64 * 1024): string {
  return bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} bytes`;
}

/**
 * Errors that Express and its body parser raise for a bad request, in our JSON: each type
 * body-parser and raw-body know, zlib's for a body that is not what its Content-Encoding says,
 * and the router's for a path it cannot decode.
 */
function fromClientError(err: ClientError, req: Request): HttpError | undefined {
  switch (err.type) {
    case 'entity.parse.failed':
      return fieldError('body', 'is not valid JSON');
    case 'entity.verify.failed':
      // verifyUtf8's error, wrapped by body-parser.
      return fieldError('body', 'is not valid UTF-8');
    case 'entity.too.large':
      return new HttpError(413, 'payload_too_large', `The request body is larger than ${sizeText(err.limit)}.`);
    case 'request.size.invalid':
      return fieldError('body', 'is not as long as its Content-Length says');
    case 'request.aborted':
      return fieldError('body', 'ended before it was complete');
    case 'encoding.unsupported':
      return new HttpError(
        415,
        'unsupported_media_type',
        `The Content-Encoding "${err.encoding ?? req.headers['content-encoding']}" is not supported; send the body as it is or with gzip, deflate or br.`,
      );
    case 'charset.unsupported':
      return new HttpError(415, 'unsupported_media_type', 'The request body must be UTF-8 JSON.');
  }
  if (err.status === undefined || err.status < 400 || err.status >= 500) return undefined;
  // An untyped 400 on a compressed body is zlib's (or brotli's) error, passed on by body-parser.
  const encoding = req.headers['content-encoding']?.toLowerCase();
  if (err.status === 400 && !err.type && encoding && encoding !== 'identity') {
    return fieldError('body', `could not be decompressed as ${encoding}`);
  }
  // A path the router cannot decode ("%ZZ"): it names nothing that exists.
  if (err instanceof URIError) return new HttpError(404, 'not_found', 'Nothing exists at this address.');
  return new HttpError(err.status, 'bad_request', 'The request is malformed.');
}

/** The last handler: known errors become their JSON; anything else is a logged, generic 500. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const known = err instanceof HttpError ? err : fromClientError(err as ClientError, req);
    if (known) {
      res.status(known.status).json(known.toBody());
      return;
    }
    logger.error({ err, method: req.method, path: req.path }, 'request failed');
    if (res.headersSent) return;
    res.status(500).json({ error: 'internal', message: 'Something went wrong on our side. Please try again.' } satisfies ErrorBody);
  };
}
