import type { RequestHandler } from 'express';
import type { Logger } from '../logger.js';

/** One line per request: method, path, status, time. Never headers, bodies or query strings. */
export function requestLogger(logger: Logger): RequestHandler {
  return (req, res, next) => {
    // Below the logger's level the line would be dropped: no timer, no listener.
    if (logger.isLevelEnabled?.('info') === false) {
      next();
      return;
    }
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info(
        { method: req.method, path: req.originalUrl.split('?')[0], status: res.statusCode, ms: Math.round(ms * 10) / 10 },
        'request',
      );
    });
    next();
  };
}
