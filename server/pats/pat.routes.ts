import { Router, type Request, type Response } from 'express';
import type { PatService } from './pat.service.js';
import type { Caller } from '../events/journal.js';
import { clientOf } from '../http/client.js';
import { patIdParam, validate } from '../http/validate.js';
import { userOf } from '../identity/identity.js';
import {
  addScopesBody,
  allowedIpsBody,
  createPatBody,
  describeBody,
  listPatsQuery,
  pageQuery,
  removeScopesBody,
  renameBody,
  resetBody,
} from '../../contract/schemas.js';

/** The signed-in user and where the request came from, as a change's events record them. */
function callerOf(req: Request, res: Response): Caller {
  return { userId: userOf(res), ...clientOf(req) };
}

/**
 * The management routes. Runs behind `requireUser` and the JSON body parser;
 * validates, calls the service and picks the status code.
 */
export function createPatRoutes(service: PatService): Router {
  const router = Router();
  router.param('id', patIdParam);

  router.post('/pats', async (req, res) => {
    res.status(201).json(await service.create(callerOf(req, res), validate(createPatBody, req.body)));
  });
  router.get('/pats', async (req, res) => {
    res.json(await service.list(userOf(res), validate(listPatsQuery, req.query)));
  });
  router.delete('/pats', async (req, res) => {
    res.json({ deleted: await service.removeAll(callerOf(req, res)) });
  });
  router.get('/pats/catalog', (_req, res) => {
    res.json(service.catalog());
  });
  router.get('/pats/summary', async (_req, res) => {
    res.json(await service.summary(userOf(res)));
  });
  router.get('/pats/:id', async (req, res) => {
    res.json(await service.get(userOf(res), req.params.id));
  });
  router.delete('/pats/:id', async (req, res) => {
    await service.remove(callerOf(req, res), req.params.id);
    res.status(204).end();
  });
  router.patch('/pats/:id/name', async (req, res) => {
    const { name } = validate(renameBody, req.body);
    res.status(202).json(await service.rename(callerOf(req, res), req.params.id, name));
  });
  router.patch('/pats/:id/description', async (req, res) => {
    const { description } = validate(describeBody, req.body);
    res.status(202).json(await service.describe(callerOf(req, res), req.params.id, description));
  });
  router.patch('/pats/:id/allowed_ips', async (req, res) => {
    const { allowed_ips } = validate(allowedIpsBody, req.body);
    res.json(await service.setAllowedIps(callerOf(req, res), req.params.id, allowed_ips));
  });
  router.patch('/pats/:id/secret/reset', async (req, res) => {
    const { duration } = validate(resetBody, req.body);
    res.json(await service.reset(callerOf(req, res), req.params.id, duration));
  });
  router.patch('/pats/:id/secret/revoke', async (req, res) => {
    await service.revoke(callerOf(req, res), req.params.id);
    res.status(204).end();
  });
  router.get('/pats/:id/scope', async (req, res) => {
    const { offset, limit } = validate(pageQuery, req.query);
    res.json(await service.listScopes(userOf(res), req.params.id, offset, limit));
  });
  router.patch('/pats/:id/scope/add', async (req, res) => {
    const { scopes } = validate(addScopesBody, req.body);
    res.json(await service.addScopes(callerOf(req, res), req.params.id, scopes));
  });
  router.patch('/pats/:id/scope/remove', async (req, res) => {
    const { scopes_id } = validate(removeScopesBody, req.body);
    res.json(await service.removeScopes(callerOf(req, res), req.params.id, scopes_id));
  });
  router.delete('/pats/:id/scope', async (req, res) => {
    res.json(await service.clearScopes(callerOf(req, res), req.params.id));
  });

  return router;
}
