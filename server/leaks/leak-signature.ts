import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header that signs a leak report: `sha256=` and the hex HMAC-SHA256 of the body with the report key. */
export const LEAK_SIGNATURE_HEADER = 'PAT-Kit-Signature';

/** The signature of a leak report body, as a scanner sends it and the server expects it. */
export function leakReportSignature(body: string | Buffer, key: string): string {
  return `sha256=${createHmac('sha256', key).update(body).digest('hex')}`;
}

/** Whether `signature` is the body's, compared in constant time. */
export function validLeakSignature(body: Buffer, signature: string | undefined, key: string): boolean {
  const expected = Buffer.from(leakReportSignature(body, key));
  const given = Buffer.from(signature ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
