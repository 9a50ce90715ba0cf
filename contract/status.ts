import { EXPIRING_SOON_MS } from './limits.js';
import type { PatStatus } from './types.js';

interface StatusFields {
  revoked: boolean;
  expires_at: string;
}

/** Status is computed when read, never stored: revoked wins over expired. */
export function patStatus(pat: StatusFields, now: number = Date.now()): PatStatus {
  if (pat.revoked) return 'revoked';
  return Date.parse(pat.expires_at) <= now ? 'expired' : 'active';
}

/** An active PAT that expires within the next seven days. */
export function isExpiringSoon(pat: StatusFields, now: number = Date.now()): boolean {
  const left = Date.parse(pat.expires_at) - now;
  return !pat.revoked && left > 0 && left <= EXPIRING_SOON_MS;
}
