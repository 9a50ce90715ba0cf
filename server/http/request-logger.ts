import type { Request, Response } from 'express';
import type { Logger } from '../logger.js';

/**
 * One line per request once its answer is sent: method, path, status, time. Never headers,
 * bodies or query strings. Returns what to call on each request.
 */
export function requestLogger(logger: Logger): (req: Request, res: Response) => void {
  // Below the logger's level the line would be dropped: no timer, no listener.
  if (logger.isLevelEnabled?.('info') === false) return () => undefined;
  return (req, res) => {
    const started = performance.now();
    res.on('finish', () => {
      const ms = Math.round((performance.now() - started) * 10) / 10;
      logger.info({ method: req.method, path: req.originalUrl.split('?')[0], status: res.statusCode, ms }, 'request');
    });
  };
}
