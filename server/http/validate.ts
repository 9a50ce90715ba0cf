import type { z } from 'zod';
import { parseRequest } from '../../contract/schemas.js';
import { problems } from '../../contract/index.js';

/** Parses `input` with `schema`, or throws a 400 naming every bad field and why. */
export function validate<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = parseRequest(schema, input);
  if (result.ok) return result.value;
  throw problems.invalid(result.details);
}
