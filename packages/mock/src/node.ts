/** The mock in Node (tests, scripts): msw's `setupServer` with the contract's handlers. */
import { setupServer, type SetupServer } from 'msw/node';
import { createHandlers, type HandlerOptions } from './handlers.js';

export * from './index.js';

/**
 * A msw server answering the contract under `options.baseUrl`. Call `listen()` on it
 * (e.g. `listen({ onUnhandledRequest: 'error' })`) and `close()` when done.
 */
export function setupMockServer(options: HandlerOptions): SetupServer {
  return setupServer(...createHandlers(options));
}
