import { createHmac, timingSafeEqual } from 'node:crypto';
import { Router } from 'express';
import { LIMITS, Problem, type LeakReportAnswer } from '../../contract/index.js';
import { leakReportBody } from '../../contract/schemas.js';
import { clientOf } from '../http/client.js';
import { rawBodies, signedJsonBody } from '../http/json-body.js';
import { validate } from '../http/validate.js';
import type { LeakService } from './leak.service.js';

/** The header that signs a leak report: `sha256=` and the hex HMAC-SHA256 of the body with the report key. */
export const LEAK_SIGNATURE_HEADER = 'PAT-Kit-Signature';

/** Whether `signature` is the body's HMAC with `key`, compared in constant time. */
export function validLeakSignature(body: Buffer, signature: string | undefined, key: string): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', key).update(body).digest('hex')}`);
  const given = Buffer.from(signature ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * `POST /pats/leaked`: a secret scanner (or the host's own) reports the PAT secrets it found,
 * signed with the shared report key. No user signs in: the key is the credential, checked
 * before the body is looked at.
 */
export function createLeakReportRoutes(service: LeakService, key: string): Router {
  const router = Router();
  router.post('/pats/leaked', ...signedJsonBody(LIMITS.bodyBytes), async (req, res) => {
    if (!validLeakSignature(rawBodies.get(req) ?? Buffer.alloc(0), req.get(LEAK_SIGNATURE_HEADER), key)) {
      throw new Problem(
        'unauthenticated',
        `The report is not signed with the leak report key (${LEAK_SIGNATURE_HEADER}: sha256=<hex HMAC of the body>).`,
      );
    }
    const entries = validate(leakReportBody, req.body);
    const { ip, userAgent } = clientOf(req);
    const outcomes = await service.report(entries, { ip, userAgent });
    res.json({ results: outcomes.map((status) => ({ status })) } satisfies LeakReportAnswer);
  });
  return router;
}
