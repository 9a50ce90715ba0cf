import type { RequestParamHandler } from 'express';
import type { z } from 'zod';
import { parseRequest } from '../../contract/schemas.js';
import { PAT_ID_PATTERN, problems } from '../../contract/index.js';

/** Parses `input` with `schema`, or throws a 400 naming every bad field and why. */
export function validate<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = parseRequest(schema, input);
  if (result.ok) return result.value;
  throw problems.invalid(result.details);
}

/**
 * `router.param('id', patIdParam)`: PAT ids are UUIDs, anything else names no PAT and never
 * reaches the database (PostgreSQL text cannot even hold a NUL).
 */
export const patIdParam: RequestParamHandler = (_req, _res, next, id: string) =>
  next(PAT_ID_PATTERN.test(id) ? undefined : problems.patNotFound());
