import type { Request } from 'express';

/** The longest user agent an event keeps. */
const USER_AGENT_MAX = 512;

/** Where a request came from, as events and last uses record it. */
export function clientOf(req: Request): { ip: string | null; userAgent: string | null } {
  const userAgent = req.headers['user-agent'];
  // Without X-Forwarded-For, `req.ip` is the socket's address whatever `trust proxy` says; this skips its parsing.
  const ip = req.headers['x-forwarded-for'] === undefined ? req.socket.remoteAddress : req.ip;
  return { ip: ip ?? null, userAgent: userAgent ? userAgent.slice(0, USER_AGENT_MAX) : null };
}
