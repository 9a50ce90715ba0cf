import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import type { AuthorizeRequest } from '../../contract/index.js';
import { bearerOf, LIMITS, Problem, problemAnswer, problems } from '../../contract/index.js';
import { clientOf } from '../http/client.js';
import { readJsonBody } from '../http/json-body.js';
import type { FailureLimiter } from '../http/rate-limit.js';
import { validate } from '../http/validate.js';
import { authorizeBody } from '../../contract/schemas.js';
import type { AuthorizeOptions, AuthorizePat, AuthorizeResult } from './authorizer.js';

/**
 * A check's answer, written in one step: what `res.json` would send, less its ETag (nothing
 * caches these answers) and its header parsing, on the path that carries most of the traffic.
 */
function answer(res: Response, status: number, body: object, headers: Record<string, string> = {}): void {
  const json = JSON.stringify(body);
  res
    .writeHead(status, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(json) })
    .end(json);
}

/**
 * 401 for a token that is bad, unknown, revoked or expired; 403 `ip_not_allowed` from an address
 * off its allowlist; 403 `forbidden` when no scope grants the request.
 */
function refusal(result: Exclude<AuthorizeResult, { allowed: true }>) {
  return problemAnswer(new Problem(result.reason, result.message));
}

export interface AuthorizeRouteOptions {
  /** Counts the 401s of each client address and answers 429 past its limit. */
  failedChecks?: FailureLimiter;
  /** Whether the body may relay the client's address (`client_ip`). */
  trustClientIp?: boolean;
  /** Answers what went wrong (a bad body, a server error) in the API's JSON. */
  answerError: ErrorRequestHandler;
}

/**
 * `POST /authorize`: the same check as `authorizePat`, for services in any language. The client
 * is the request's own address, or the body's `client_ip` when `trustClientIp`. Failures beyond
 * `failedChecks`' limit are 429s. One handler that reads its body and answers every error
 * itself, so that it can be mounted ahead of everything else: most of the traffic is checks.
 */
export function createAuthorizeRoute(authorizePat: AuthorizePat, options: AuthorizeRouteOptions): RequestHandler {
  const { failedChecks, trustClientIp = false, answerError } = options;
  const readBody = readJsonBody(LIMITS.bodyBytes);
  const check = async (req: Request, res: Response) => {
    const token = bearerOf(req.headers.authorization) ?? '';
    const { client_ip: relayed, ...request } = validate(authorizeBody, req.body);
    if (relayed !== undefined && !trustClientIp) throw problems.clientIpNotTrusted();
    const client = clientOf(req);
    const result = await authorizePat(token, request, relayed === undefined ? client : { ...client, ip: relayed });
    if (result.allowed) {
      answer(res, 200, result);
      return;
    }
    if (result.reason === 'unauthenticated' && failedChecks && (await failedChecks.refused(req, res))) return;
    const { status, body, headers } = refusal(result);
    answer(res, status, body, headers);
  };
  return (req, res, next) => {
    const failed = (err: unknown) => answerError(err, req, res, next);
    // Every answer, errors too, may name a PAT's owner: no cache keeps it.
    res.setHeader('Cache-Control', 'no-store');
    readBody(req, res, (err?: unknown) => {
      if (err === undefined) check(req, res).catch(failed);
      else failed(err);
    });
  };
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
        const { status, body, headers } = refusal(result);
        res.status(status).set(headers).json(body);
        return;
      }
      res.locals.pat = { userId: result.user_id, patId: result.pat_id } satisfies PatPrincipal;
      next();
    };
  };
}
