import type { RequestHandler } from 'express';

/** Answers can carry a secret (a PAT's, a demo sign-in's token): no cache anywhere may keep them. */
export const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};
