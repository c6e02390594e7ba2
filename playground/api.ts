/**
 * Where the playground's pages find the Cercle API: `VITE_CERCLE_API` (the reference
 * server under `npm start`), or under `npm run dev:mock` (`VITE_CERCLE_MOCK=1`) msw's
 * service worker answering at `<this origin>/mock-api` with the server's own rules over an
 * in-memory database kept in IndexedDB, which the product page and the host console share
 * (open both in two tabs: what the host does shows on the board).
 */
export interface ConnectedApi {
  /** The API's base URL. */
  api: string;
  /** What the page shows about it. */
  label: string;
  /** The mock's host key under `dev:mock`; with the server, `npm start` prints the key. */
  mockHostKey?: string;
}

export async function connectApi(): Promise<ConnectedApi> {
  if (import.meta.env.VITE_CERCLE_MOCK === '1') {
    const { startMockWorker, DEFAULT_HOST_KEY } = await import('@cercle/mock/browser');
    const api = new URL('/mock-api', location.origin).href;
    await startMockWorker({
      baseUrl: api,
      // The mock's (demo) data kept in IndexedDB, like the widgets' session in localStorage,
      // so a reload behaves as it would against a real server.
      persist: 'cercle-playground',
      latencyMs: 300,
    });
    return { api, label: `${api} (msw mock)`, mockHostKey: DEFAULT_HOST_KEY };
  }
  const api = import.meta.env.VITE_CERCLE_API ?? 'http://127.0.0.1:8787';
  return { api, label: api };
}
