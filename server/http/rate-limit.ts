import type { Request, RequestHandler, Response } from 'express';
import { MemoryStore, ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { ErrorBody } from '../../contract/index.js';

/** At most `max` counted requests per client address in `windowMs`. */
export interface RateLimit {
  max: number;
  windowMs: number;
}

/** What the standalone server and `createPatKit` use unless told otherwise. */
export const DEFAULT_RATE_LIMIT: RateLimit = { max: 30, windowMs: 60_000 };

/** A client address as a key; an IPv6 client is its /56, as one host usually has the whole of it. */
function clientKey(req: Request): string {
  return ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? '');
}

/** The 429 in the JSON of every other error, with `Retry-After` in whole seconds. */
function tooManyRequests(res: Response, resetTime: Date | undefined, what: string): void {
  const seconds = Math.max(1, Math.ceil(((resetTime?.getTime() ?? Date.now()) - Date.now()) / 1000));
  res.setHeader('Retry-After', String(seconds));
  res
    .status(429)
    .json({ error: 'too_many_requests', message: `Too many ${what} from this address; try again in ${seconds} s.` } satisfies ErrorBody);
}

/** Every request counts (demo sign-ins): express-rate-limit as it is. */
export function limitEveryRequest(limit: RateLimit, what: string): RequestHandler {
  return rateLimit({
    windowMs: limit.windowMs,
    limit: limit.max,
    standardHeaders: false,
    legacyHeaders: false,
    keyGenerator: clientKey,
    handler: (req, res) => tooManyRequests(res, (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime, what),
  });
}

export interface FailureLimiter {
  /**
   * Counts a failure of `req`'s client; true when it is over the limit and `res` has been sent
   * a 429 instead. Answers that succeed are never counted nor held up.
   */
  refused(req: Request, res: Response): Promise<boolean>;
  close(): void;
}

/**
 * Failed PAT checks: a host service asks on behalf of its own users, so its address may well
 * send a burst of bad tokens; a limit on every request would then refuse its good ones too.
 * Only the failures are counted, after they are known, and only they turn into 429s.
 */
export function limitFailures(limit: RateLimit, what: string): FailureLimiter {
  const store = new MemoryStore();
  store.init({ windowMs: limit.windowMs } as Parameters<MemoryStore['init']>[0]);
  return {
    async refused(req, res) {
      const { totalHits, resetTime } = await store.increment(clientKey(req));
      if (totalHits <= limit.max) return false;
      tooManyRequests(res, resetTime, what);
      return true;
    },
    close: () => store.shutdown(),
  };
}
