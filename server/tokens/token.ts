import { createHmac, hash, randomBytes, timingSafeEqual } from 'node:crypto';
import { buildSecret } from '../../contract/index.js';

/** Hex digest of a whole secret: SHA-256, or HMAC-SHA256 when a pepper is configured. */
export type TokenHasher = (token: string) => string;

export function createTokenHasher(pepper?: string): TokenHasher {
  if (pepper) return (token) => createHmac('sha256', pepper).update(token).digest('hex');
  // The one-shot hash: no Hash object per check.
  return (token) => hash('sha256', token, 'hex');
}

/** A fresh secret for `patId`: 256 bits from the OS's CSPRNG. */
export function newSecret(patId: string): string {
  return buildSecret(patId, randomBytes(32));
}

/** Compares two hex digests in constant time. */
export function digestsEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}
