/**
 * @cercle/mock: the Cercle contract answered in the page or the test process, by the
 * reference server's own app and rules over an in-memory store seeded with the demo. No side
 * effects; for a ready server or worker import `@cercle/mock/node` or `@cercle/mock/browser`.
 */
export {
  createMockBackend,
  DEFAULT_HOST_KEY,
  DEFAULT_OPERATOR_KEY,
  demoStore,
  mockFetch,
  type MockBackend,
  type MockOptions,
} from './backend.js';
export { createHandlers, handlersFor, type HandlerOptions } from './handlers.js';
