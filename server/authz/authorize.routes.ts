import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { AuthorizeRequest } from '../../contract/index.js';
import { bearerOf, LIMITS, Problem, problemAnswer, problems } from '../../contract/index.js';
import { clientOf } from '../http/client.js';
import { jsonBody } from '../http/json-body.js';
import { noStore } from '../http/no-store.js';
import type { FailureLimiter } from '../http/rate-limit.js';
import { validate } from '../http/validate.js';
import { authorizeBody } from '../../contract/schemas.js';
import type { AuthorizeOptions, AuthorizePat, AuthorizeResult } from './authorizer.js';

/**
 * 401 for a token that is bad, unknown, revoked or expired; 403 `ip_not_allowed` from an address
 * off its allowlist; 403 `forbidden` when no scope grants the request.
 */
function refuse(res: Response, result: Exclude<AuthorizeResult, { allowed: true }>): void {
  const { status, body, headers } = problemAnswer(new Problem(result.reason, result.message));
  res.status(status).set(headers).json(body);
}

/**
 * `POST /authorize`: the same check as `authorizePat`, for services in any language. The client
 * is the request's own address, or the body's `client_ip` when `trustClientIp`. Failures beyond
 * `failedChecks`' limit are 429s.
 */
export function createAuthorizeRoutes(
  authorizePat: AuthorizePat,
  { failedChecks, trustClientIp = false }: { failedChecks?: FailureLimiter; trustClientIp?: boolean } = {},
): Router {
  const router = Router();
  // Mounted before the API's own no-store (see createPatKit): every answer here, errors too.
  router.use('/authorize', noStore);
  router.post('/authorize', ...jsonBody(LIMITS.bodyBytes), async (req, res) => {
    const token = bearerOf(req.headers.authorization) ?? '';
    const { client_ip: relayed, ...request } = validate(authorizeBody, req.body);
    if (relayed !== undefined && !trustClientIp) throw problems.clientIpNotTrusted();
    const client = clientOf(req);
    const result = await authorizePat(token, request, relayed === undefined ? client : { ...client, ip: relayed });
    if (result.allowed) {
      res.json(result);
      return;
    }
    if (result.reason === 'unauthenticated' && failedChecks && (await failedChecks.refused(req, res))) return;
    refuse(res, result);
  });
  return router;
}

export interface RequirePatOptions {
  entityType: string;
  operation: string;
  /** The entity the request is about; `"*"` (the default) for create and list. */
  entityId?: (req: Request) => string;
  domainId?: (req: Request) => string | null | undefined;
  ownerCan?: AuthorizeOptions['ownerCan'];
}

/** What `requirePat` leaves in `res.locals.pat` for the host's handler. */
export interface PatPrincipal {
  userId: string;
  patId: string;
}

/**
 * Express middleware for the host's own routes: lets the request through only when its bearer
 * PAT grants the operation; the PAT's owner and id are in `res.locals.pat`.
 */
export function createRequirePat(authorizePat: AuthorizePat) {
  return function requirePat(options: RequirePatOptions): RequestHandler {
    return async (req, res, next) => {
      const request: AuthorizeRequest = {
        entity_type: options.entityType,
        operation: options.operation,
        entity_id: options.entityId?.(req) ?? '*',
        domain_id: options.domainId?.(req) ?? null,
      };
      const result = await authorizePat(bearerOf(req.headers.authorization) ?? '', request, {
        ...clientOf(req),
        ownerCan: options.ownerCan,
      });
      if (!result.allowed) {
        refuse(res, result);
        return;
      }
      res.locals.pat = { userId: result.user_id, patId: result.pat_id } satisfies PatPrincipal;
      next();
    };
  };
}
