/** PAT Kit's mock API: an in-memory store with the server's rules, MSW handlers and scenarios. */
export { MockStore, MOCK_USERS, randomUuid, type MockStoreOptions, type MockUser, type SeedPat, type ListQuery, type MockAuthorizeResult } from './store.js';
export { createHandlers, createMockApi, mockTokenFor, mockTokenUser, MOCK_TOKEN_PREFIX, type HandlerOptions, type MockApi } from './handlers.js';
export {
  SCENARIO_NAMES,
  scenarios,
  scenarioSettings,
  createScenario,
  scenarioHandlers,
  seededId,
  type ScenarioName,
  type ScenarioOptions,
  type SeedOptions,
} from './scenarios.js';
export { startMockWorker, useScenario } from './browser.js';
export { MockHttpError, INTERNAL_ERROR_BODY } from './errors.js';
export * from './validate.js';
