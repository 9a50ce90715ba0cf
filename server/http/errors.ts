import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { Problem, problemAnswer, problems } from '../../contract/index.js';
import type { Logger } from '../logger.js';

export const routeNotFound: RequestHandler = (req, res) => {
  const { status, body } = problemAnswer(problems.routeNotFound(req.method, req.originalUrl.split('?')[0]!));
  res.status(status).json(body);
};

interface ClientError {
  type?: string;
  status?: number;
  limit?: number;
  encoding?: string;
}

/**
 * Errors that Express and its body parser raise for a bad request, in our JSON: each type
 * body-parser and raw-body know, zlib's for a body that is not what its Content-Encoding says,
 * and the router's for a path it cannot decode.
 */
function fromClientError(err: ClientError, req: Request): Problem | undefined {
  switch (err.type) {
    case 'entity.parse.failed':
      return problems.invalidField('body', 'is not valid JSON');
    case 'entity.verify.failed':
      // verifyUtf8's error, wrapped by body-parser.
      return problems.invalidField('body', 'is not valid UTF-8');
    case 'entity.too.large':
      return problems.tooLarge(err.limit);
    case 'request.size.invalid':
      return problems.invalidField('body', 'is not as long as its Content-Length says');
    case 'request.aborted':
      return problems.invalidField('body', 'ended before it was complete');
    case 'encoding.unsupported':
      return new Problem(
        'unsupported_media_type',
        `The Content-Encoding "${err.encoding ?? req.headers['content-encoding']}" is not supported; send the body as it is or with gzip, deflate or br.`,
      );
    case 'charset.unsupported':
      return problems.notUtf8Charset();
  }
  if (err.status === undefined || err.status < 400 || err.status >= 500) return undefined;
  // An untyped 400 on a compressed body is zlib's (or brotli's) error, passed on by body-parser.
  const encoding = req.headers['content-encoding']?.toLowerCase();
  if (err.status === 400 && !err.type && encoding && encoding !== 'identity') {
    return problems.invalidField('body', `could not be decompressed as ${encoding}`);
  }
  // A path the router cannot decode ("%ZZ"): it names nothing that exists.
  if (err instanceof URIError) return problems.undecodablePath();
  return new Problem('bad_request', 'The request is malformed.');
}

/** The last handler: problems become their answers; anything else is a logged, generic 500. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    let problem = err instanceof Problem ? err : fromClientError(err as ClientError, req);
    if (!problem) {
      logger.error({ err, method: req.method, path: req.path }, 'request failed');
      if (res.headersSent) return;
      problem = problems.internal();
    }
    const { status, body, headers } = problemAnswer(problem);
    res.status(status).set(headers).json(body);
  };
}
