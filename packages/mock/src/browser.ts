/** The mock in the browser: msw's service worker with the contract's handlers. */
import { setupWorker, type SetupWorker } from 'msw/browser';
import { createHandlers, type HandlerOptions } from './handlers.js';
import { createMockStore } from './store.js';

export * from './index.js';

export interface MockWorkerOptions extends HandlerOptions {
  /** Where `mockServiceWorker.js` is served (`npx msw init <public dir>`); default `/mockServiceWorker.js`. */
  serviceWorkerUrl?: string;
  /** Log each intercepted request in the console; default false. */
  verbose?: boolean;
}

/**
 * Registers msw's service worker and starts answering the contract under
 * `options.baseUrl`; resolves once requests are intercepted. Other requests pass through.
 *
 * The mock runs in this page: with a store kept in `localStorage`, other tabs of the same
 * origin share its state, and their changes reach this page's open event streams (through
 * the window's `storage` event), so a host console in one tab drives a board in another.
 */
export async function startMockWorker(options: MockWorkerOptions): Promise<SetupWorker> {
  const store = options.store ?? createMockStore();
  addEventListener('storage', () => store.sync());
  const worker = setupWorker(...createHandlers({ ...options, store }));
  await worker.start({
    serviceWorker: { url: options.serviceWorkerUrl ?? '/mockServiceWorker.js' },
    quiet: !options.verbose,
    onUnhandledRequest: 'bypass',
  });
  return worker;
}
