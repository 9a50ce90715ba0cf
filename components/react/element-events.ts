import type { PatEventName } from '../common/events.js';

/**
 * The events each element fires, as its class JSDoc lists them (`@event`): the React components
 * take one `on…` prop for each. e2e/manifest.test.ts fails when a list and custom-elements.json
 * disagree. A module of its own, free of elements, so that test can read it in Node.
 */
export const ELEMENT_EVENTS = {
  'pat-activity': [],
  'pat-api-provider': [],
  'pat-confirm-dialog': [],
  'pat-create-form': ['pat-created', 'pat-cancel', 'pat-error'],
  'pat-detail': [
    'pat-updated',
    'pat-revoked',
    'pat-regenerated',
    'pat-deleted',
    'pat-scopes-changed',
    'pat-request-revoke',
    'pat-request-regenerate',
    'pat-request-duplicate',
    'pat-request-delete',
    'pat-request-delete-scope',
    'pat-request-delete-scopes',
    'pat-error',
  ],
  'pat-duration-picker': ['pat-duration-change'],
  'pat-manager': [
    'pat-navigate',
    'pat-select',
    'pat-created',
    'pat-query-change',
    'pat-cancel',
    'pat-updated',
    'pat-revoked',
    'pat-regenerated',
    'pat-deleted',
    'pat-all-deleted',
    'pat-scopes-changed',
    'pat-request-delete',
    'pat-request-delete-all',
    'pat-request-revoke',
    'pat-request-regenerate',
    'pat-request-duplicate',
    'pat-request-delete-scope',
    'pat-request-delete-scopes',
    'pat-error',
  ],
  'pat-regenerate-dialog': ['pat-regenerated', 'pat-error'],
  'pat-scope-editor': ['pat-scopes-change'],
  'pat-secret-banner': [],
  'pat-table': [
    'pat-select',
    'pat-navigate',
    'pat-query-change',
    'pat-request-delete',
    'pat-request-delete-all',
    'pat-request-revoke',
    'pat-request-duplicate',
    'pat-deleted',
    'pat-all-deleted',
    'pat-revoked',
    'pat-error',
  ],
  'pat-usage-chart': [],
  'pat-user-menu': ['pat-navigate'],
} as const satisfies Record<`pat-${string}`, readonly PatEventName[]>;

/** `pat-created` → `onPatCreated`: the React prop that listens to a PAT Kit event. */
export type EventPropName<K extends PatEventName> = `on${PascalCase<K>}`;

type PascalCase<S extends string> = S extends `${infer Word}-${infer Rest}` ? `${Capitalize<Word>}${PascalCase<Rest>}` : Capitalize<S>;

export function eventPropName<K extends PatEventName>(name: K): EventPropName<K> {
  return `on${name.replace(/(?:^|-)([a-z])/g, (_, letter: string) => letter.toUpperCase())}` as EventPropName<K>;
}
