import { isUtf8 } from 'node:buffer';
import { json, type RequestHandler, type Response } from 'express';
import { problems } from '../../contract/index.js';

function isUtf8Charset(charset: string | undefined): boolean {
  return charset === undefined || /^utf-?8$/.test(charset);
}

/** Answers 415 when a request carries a body that is not UTF-8 JSON. */
export const requireJsonBody: RequestHandler = (req, _res, next) => {
  const length = req.headers['content-length'];
  const hasBody = req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
  if (!hasBody) {
    next();
    return;
  }
  if (!req.is('application/json')) {
    next(problems.notJson());
    return;
  }
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(req.headers['content-type'] ?? '')?.[1]?.toLowerCase();
  if (!isUtf8Charset(charset)) {
    next(problems.notUtf8Charset(charset));
    return;
  }
  // "utf8" is a common name of UTF-8 that body-parser does not know.
  if (charset === 'utf8') req.headers['content-type'] = req.headers['content-type']!.replace(/charset\s*=\s*"?utf8"?/i, 'charset=utf-8');
  next();
};

/** Refuses bytes that are not UTF-8 instead of reading them as U+FFFD: what is stored is what was sent. */
function verifyUtf8(_req: unknown, _res: unknown, body: Buffer): void {
  if (!isUtf8(body)) throw new Error('the body is not UTF-8');
}

/** A UTF-8 JSON body of at most `limitBytes` (after decompression), parsed into `req.body`. */
export function jsonBody(limitBytes: number): RequestHandler[] {
  return [requireJsonBody, json({ limit: limitBytes, verify: verifyUtf8 })];
}

/** `jsonBody`, keeping the bytes too (see rawBodyOf): for a body whose signature is checked. */
export function signedJsonBody(limitBytes: number): RequestHandler[] {
  return [
    requireJsonBody,
    json({
      limit: limitBytes,
      verify: (req, res, body) => {
        verifyUtf8(req, res, body);
        (res as Response).locals.rawBody = body;
      },
    }),
  ];
}

/** The bytes of the request's body as they arrived (decompressed) where `signedJsonBody` read one; empty otherwise. */
export function rawBodyOf(res: Response): Buffer {
  return (res.locals.rawBody as Buffer | undefined) ?? Buffer.alloc(0);
}
