import type { FieldError } from './types.js';

/** The most field errors one answer lists: a body of 5,000 unknown keys gets 20, not 5,000. */
export const DETAILS_MAX = 20;

/** The top-level sentence of a 400: the first problem, and how many more there are in all. */
export function validationMessage(details: readonly FieldError[]): string {
  const first = details[0]!;
  const more = details.length > 1 ? ` (and ${details.length - 1} more)` : '';
  return `Invalid request: ${first.field} ${first.message}${more}.`;
}

/** The field errors a 400 lists. */
export function shownDetails(details: readonly FieldError[]): FieldError[] {
  return details.slice(0, DETAILS_MAX);
}
