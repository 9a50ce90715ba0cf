import { isUtf8 } from 'node:buffer';
import { json, type Request, type RequestHandler, type Response } from 'express';
import { problems } from '../../contract/index.js';

function isUtf8Charset(charset: string | undefined): boolean {
  return charset === undefined || /^utf-?8$/.test(charset);
}

/** Whether a request carries a body at all (a length above 0, or chunks). */
function carriesBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** Why a body is not UTF-8 JSON (a 415), or undefined when it is; "utf8" is renamed for body-parser. */
function notJson(req: Request) {
  if (!req.is('application/json')) return problems.notJson();
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(req.headers['content-type'] ?? '')?.[1]?.toLowerCase();
  if (!isUtf8Charset(charset)) return problems.notUtf8Charset(charset);
  // "utf8" is a common name of UTF-8 that body-parser does not know.
  if (charset === 'utf8') req.headers['content-type'] = req.headers['content-type']!.replace(/charset\s*=\s*"?utf8"?/i, 'charset=utf-8');
  return undefined;
}

/** Answers 415 when a request carries a body that is not UTF-8 JSON. */
const requireJsonBody: RequestHandler = (req, _res, next) => next(carriesBody(req) ? notJson(req) : undefined);

/** Refuses bytes that are not UTF-8 instead of reading them as U+FFFD: what is stored is what was sent. */
function verifyUtf8(_req: unknown, _res: unknown, body: Buffer): void {
  if (!isUtf8(body)) throw new Error('the body is not UTF-8');
}

/** The Content-Types that name UTF-8 JSON in the usual spellings. */
const PLAIN_JSON_TYPE = /^application\/json(?:\s*;\s*charset\s*=\s*"?utf-?8"?)?$/i;

/**
 * Whether a body can be read without body-parser's machinery: UTF-8 JSON, as it is (no
 * Content-Encoding), of a known length within the limit. body-parser reads every other request
 * (and refuses those it must).
 */
function isPlainJson(req: Request, limitBytes: number): boolean {
  const { headers } = req;
  // Read already (a host's own parser before ours): body-parser knows to pass it on.
  if (!req.readable || headers['transfer-encoding'] !== undefined || headers['content-encoding'] !== undefined) return false;
  const length = Number(headers['content-length']);
  return length > 0 && length <= limitBytes && PLAIN_JSON_TYPE.test(headers['content-type'] ?? '');
}

/** A failure of the kind body-parser reports (its `type`): the error handler words them all, one way. */
function bodyError(type: 'entity.parse.failed' | 'entity.verify.failed' | 'request.aborted') {
  return { type, status: 400 };
}

/**
 * Reads a plain JSON body (see isPlainJson) into `req.body`, failing as body-parser does
 * (strict: an object or an array; a UTF-8 byte order mark ignored), in fewer steps: most
 * requests with a body are such, `POST /authorize`'s above all.
 */
function readPlainJson(req: Request, next: (err?: unknown) => void): void {
  const chunks: Buffer[] = [];
  let done = false;
  const finish = (err?: unknown) => {
    if (done) return;
    done = true;
    next(err);
  };
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  // A client that goes away mid-body (Node emits 'error' then, to listeners).
  req.on('error', () => finish(bodyError('request.aborted')));
  req.on('end', () => {
    const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
    if (!isUtf8(bytes)) {
      finish(bodyError('entity.verify.failed'));
      return;
    }
    const text = bytes.toString('utf8');
    let body: unknown;
    try {
      body = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    } catch {
      body = undefined;
    }
    if (typeof body !== 'object' || body === null) {
      finish(bodyError('entity.parse.failed'));
      return;
    }
    req.body = body;
    finish();
  });
}

/** A UTF-8 JSON body of at most `limitBytes` (after decompression), parsed into `req.body`: one handler. */
export function readJsonBody(limitBytes: number): RequestHandler {
  const parse = json({ limit: limitBytes, verify: verifyUtf8 });
  return (req, res, next) => {
    // Most requests (every GET) have none: nothing to read, body-parser not asked.
    if (!carriesBody(req)) next();
    else if (isPlainJson(req, limitBytes)) readPlainJson(req, next);
    else {
      const problem = notJson(req);
      if (problem) next(problem);
      else parse(req, res, next);
    }
  };
}

/** `readJsonBody`, keeping the bytes too (see rawBodyOf): for a body whose signature is checked. */
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
