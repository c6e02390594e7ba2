/** The mock in Node (tests, scripts): msw's `setupServer` answering from the backend's app. */
import { setupServer, type SetupServer } from 'msw/node';
import { createMockBackend, type MockBackend } from './backend.js';
import { handlersFor, type HandlerOptions } from './handlers.js';

export * from './index.js';

/**
 * A msw server answering the contract under `options.baseUrl`. Call `listen()` on it
 * (e.g. `listen({ onUnhandledRequest: 'error' })`) and `close()` when done; `backend` is
 * the app and store behind it.
 */
export function setupMockServer(options: HandlerOptions): SetupServer & { backend: MockBackend } {
  const backend = createMockBackend(options);
  return Object.assign(setupServer(...handlersFor(backend)), { backend });
}
