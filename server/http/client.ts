import type { Request } from 'express';

/** The longest user agent an event keeps. */
const USER_AGENT_MAX = 512;

/** Where a request came from, as events and last uses record it. */
export function clientOf(req: Request): { ip: string | null; userAgent: string | null } {
  const userAgent = req.get('user-agent');
  return { ip: req.ip ?? null, userAgent: userAgent ? userAgent.slice(0, USER_AGENT_MAX) : null };
}
