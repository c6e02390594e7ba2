/**
 * @cercle/mock: msw handlers that speak the Cercle contract over an in-memory store
 * seeded with the demo data. Isomorphic and free of side effects; for a ready server or
 * worker import `@cercle/mock/node` or `@cercle/mock/browser`.
 */
export {
  createHandlers,
  DEFAULT_HOST_KEY,
  MAX_BODY_BYTES,
  type HandlerOptions,
} from './handlers.js';
export {
  createMockStore,
  fieldIssues,
  MockApiError,
  type MockJoinResult,
  type MockStore,
  type MockStoreOptions,
} from './store.js';
export { DEFAULT_LIVE_LIMITS, type LiveLimits, type RateLimit } from './live.js';
export { DEFAULT_WALL_LIMITS, type WallLimits } from './wall.js';
export { DEFAULT_REVEAL_LIMIT } from './offers.js';
