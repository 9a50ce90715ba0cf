import type { z } from 'zod';
import { validationError } from './errors.js';

function fieldPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) text += typeof key === 'number' ? `[${key}]` : text ? `.${String(key)}` : String(key);
  return text || 'body';
}

/** Parses `input` with `schema`, or throws a 400 naming every bad field and why. */
export function validate<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw validationError(result.error.issues.map((issue) => ({ field: fieldPath(issue.path), message: issue.message })));
}
