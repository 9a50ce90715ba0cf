/** PAT Kit's mock API: an in-memory store with the server's rules, MSW handlers and scenarios. */
import { problemAnswer, problems } from '../contract/index.js';

export {
  MockStore,
  MOCK_USERS,
  randomUuid,
  type MockStoreOptions,
  type MockUser,
  type SeedPat,
  type ListQuery,
  type MockAuthorizeResult,
  type MockCaller,
  type SeedEvent,
} from './store.js';
export { createHandlers, mockTokenFor, mockTokenUser, MOCK_TOKEN_PREFIX, type HandlerOptions } from './handlers.js';
export {
  SCENARIO_NAMES,
  scenarios,
  scenarioSettings,
  createScenario,
  scenarioHandlers,
  createUpstreamScenario,
  UPSTREAM_DOMAIN,
  seededId,
  type ScenarioName,
  type ScenarioOptions,
  type SeedOptions,
  type UpstreamScenarioOptions,
} from './scenarios.js';
export { startMockWorker, useScenario, useUpstreamScenario } from './browser.js';
export {
  createUpstreamHandlers,
  parseGoDuration,
  UpstreamStore,
  type UpstreamOptions,
  type UpstreamPat,
  type UpstreamScope,
  type UpstreamSeed,
} from './upstream.js';
export * from './validate.js';

/** The body of the server's generic 500, for error states in tests and stories. */
export const INTERNAL_ERROR_BODY = Object.freeze(problemAnswer(problems.internal()).body);
