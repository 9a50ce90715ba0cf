/**
 * The UI text of the Magistrala/SuperMQ client: what that backend's terse messages mean. Apart
 * from `strings` because it loads with that client, on demand.
 */
export const supermqStrings = {
  /** Per message: what to say on its field (after the field's label) and as a sentence. */
  fields: {
    name: { field: 'is required', sentence: 'Name is required.' },
    description: {
      field: 'cannot be emptied on this backend',
      sentence: 'The description cannot be emptied on this backend: write a new one instead.',
    },
    domain: {
      field: 'is required on this backend (it has no "any domain")',
      sentence: 'Every scope needs a domain on this backend: it has no "any domain".',
    },
    operation: {
      field: 'is not allowed for this entity type on this backend',
      sentence: 'One of these operations is not allowed for its entity type on this backend.',
    },
    allowedIps: {
      field: 'cannot be set on this backend (it has no allowlists of client addresses)',
      sentence: 'This backend cannot restrict a token to client addresses: it has no allowlists.',
    },
    maxIdle: {
      field: 'cannot be set on this backend (its tokens do not expire when unused)',
      sentence: 'This backend cannot make a token expire when unused: its tokens live until they expire or are revoked.',
    },
  },
  scopesLeft: (name: string, reason: string) =>
    `“${name}” was created, but its scopes were refused (${reason}) and it could not be deleted again: it has no scopes. Delete it from the list, or add its scopes there.`,
};
