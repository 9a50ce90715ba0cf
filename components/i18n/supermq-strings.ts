/**
 * The UI text of the Magistrala/SuperMQ client: what that backend's terse messages mean, by
 * field. Apart from `strings` because it loads with that client, on demand.
 */
export const supermqStrings = {
  required: 'is required',
  description: 'cannot be emptied on this backend',
  domain: 'is required on this backend (it has no "any domain")',
  operation: 'is not allowed for this entity type on this backend',
  scopesLeft: (name: string, reason: string) =>
    `“${name}” was created, but its scopes were refused (${reason}) and it could not be deleted again: it has no scopes. Delete it from the list, or add its scopes there.`,
};
