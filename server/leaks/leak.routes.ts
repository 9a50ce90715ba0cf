import { Router } from 'express';
import { LIMITS, Problem, type LeakReportAnswer } from '../../contract/index.js';
import { leakReportBody } from '../../contract/schemas.js';
import { clientOf } from '../http/client.js';
import { rawBodyOf, signedJsonBody } from '../http/json-body.js';
import { validate } from '../http/validate.js';
import { LEAK_SIGNATURE_HEADER, validLeakSignature } from './leak-signature.js';
import type { LeakService } from './leak.service.js';

/**
 * `POST /pats/leaked`: a secret scanner (or the host's own) reports the PAT secrets it found,
 * signed with the shared report key. No user signs in: the key is the credential, checked
 * before the body is looked at.
 */
export function createLeakReportRoutes(service: LeakService, key: string): Router {
  const router = Router();
  router.post('/pats/leaked', ...signedJsonBody(LIMITS.bodyBytes), async (req, res) => {
    if (!validLeakSignature(rawBodyOf(res), req.get(LEAK_SIGNATURE_HEADER), key)) {
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
