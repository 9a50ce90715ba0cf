import { Router } from 'express';
import { pageQuery, usageQuery } from '../../contract/schemas.js';
import { patIdParam, validate } from '../http/validate.js';
import { userOf } from '../identity/identity.js';
import type { ActivityService } from './activity.service.js';

/** `GET /pats/{id}/events`, `GET /pats/{id}/usage` and `GET /events`. Runs behind `requireUser`. */
export function createActivityRoutes(activity: ActivityService): Router {
  const router = Router();
  router.param('id', patIdParam);
  router.get('/pats/:id/events', async (req, res) => {
    const { offset, limit } = validate(pageQuery, req.query);
    res.json(await activity.patEvents(userOf(res), req.params.id, offset, limit));
  });
  router.get('/pats/:id/usage', async (req, res) => {
    const { days } = validate(usageQuery, req.query);
    res.json(await activity.usage(userOf(res), req.params.id, days));
  });
  router.get('/events', async (req, res) => {
    const { offset, limit } = validate(pageQuery, req.query);
    res.json(await activity.userEvents(userOf(res), offset, limit));
  });
  return router;
}
