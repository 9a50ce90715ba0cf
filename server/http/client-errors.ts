import { maxHeaderSize, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { RequestHandler } from 'express';
import type { ErrorBody } from '../../contract/index.js';

/** The longest URL a request may have; Node itself stops at 16 KiB (maxHeaderSize) of request line and headers. */
export const URL_MAX = 8 * 1024;

/** 414 for a URL over URL_MAX, in the JSON of every other error. */
export const limitUrlLength: RequestHandler = (req, res, next) => {
  if (req.originalUrl.length <= URL_MAX) {
    next();
    return;
  }
  res.status(414).json({ error: 'uri_too_long', message: `The URL is longer than ${URL_MAX / 1024} KiB.` } satisfies ErrorBody);
};

function rawAnswer(status: number, reason: string, body: ErrorBody): string {
  const json = JSON.stringify(body);
  return (
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
    `Content-Length: ${Buffer.byteLength(json)}\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${json}`
  );
}

/**
 * What Node answers by itself, before Express sees a request (a request line and headers over
 * its 16 KiB limit, a request it cannot parse), in the same JSON as every other error instead of
 * a bare status line.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    let answer: string;
    if (err.code === 'HPE_HEADER_OVERFLOW') {
      // The request line alone filled the limit when the packet starts with it and never ends it.
      const firstLine = err.rawPacket?.toString('latin1', 0, URL_MAX * 3).split('\r\n', 1)[0] ?? '';
      answer =
        /^[A-Z]+ /.test(firstLine) && firstLine.length > URL_MAX
          ? rawAnswer(414, 'URI Too Long', { error: 'uri_too_long', message: `The URL is longer than ${URL_MAX / 1024} KiB.` })
          : rawAnswer(431, 'Request Header Fields Too Large', {
              error: 'headers_too_large',
              message: `The request line and headers are larger than ${maxHeaderSize / 1024} KiB.`,
            });
    } else if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
      answer = rawAnswer(408, 'Request Timeout', { error: 'bad_request', message: 'The request took too long to arrive.' });
    } else {
      answer = rawAnswer(400, 'Bad Request', { error: 'bad_request', message: 'The request is not valid HTTP.' });
    }
    socket.end(answer);
  });
}
