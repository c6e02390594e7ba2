/** The mock in the browser: msw's service worker with the contract's handlers. */
import { setupWorker, type SetupWorker } from 'msw/browser';
import { createHandlers, type HandlerOptions } from './handlers.js';

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
 */
export async function startMockWorker(options: MockWorkerOptions): Promise<SetupWorker> {
  const worker = setupWorker(...createHandlers(options));
  await worker.start({
    serviceWorker: { url: options.serviceWorkerUrl ?? '/mockServiceWorker.js' },
    quiet: !options.verbose,
    onUnhandledRequest: 'bypass',
  });
  return worker;
}
