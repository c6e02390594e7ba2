/**
 * The mock's backend: the reference server's own app (`createApp` from @cercle/server/app)
 * over an in-memory store seeded with the demo, so the mock answers with the server's rules,
 * not a copy of them. Requests reach it through msw (browser worker or Node server) or
 * through `fetch` (widget tests hand it to `createClient`).
 */
import { demoOwnerKey } from '@cercle/client/demo';
import {
  createApp,
  openMemoryStore,
  seedDemo,
  type AppOptions,
  type Store,
} from '@cercle/server/app';

/** The mock's operator key: creates communities (`POST /v1/communities`); no host key. */
export const DEFAULT_OPERATOR_KEY = 'demo-operator-key';

/** The key of the demo owner of `maison-verte` (`demoOwnerKey` names every demo owner's). */
export const DEFAULT_HOST_KEY = demoOwnerKey('maison-verte');

export interface MockOptions {
  /** Where the mock API lives, e.g. `https://api.cercle.test` or `http://localhost:5173/mock-api`. */
  baseUrl: string;
  /** The store behind the app; default a new in-memory store with the demo seeded. */
  store?: Store | Promise<Store>;
  /** The operator key; default `demo-operator-key`. */
  hostKey?: string;
  /** Delay before each answer, to see loading states; default 0. */
  latencyMs?: number;
  /** Anything else the app takes (rate limits, clock, heartbeat, event retention, broker). */
  app?: Omit<AppOptions, 'store' | 'hostKey' | 'publicUrl'>;
}

export interface MockBackend {
  /** The API base, without a trailing slash. */
  baseUrl: string;
  /** The operator key. */
  hostKey: string;
  /** Answers a request under `baseUrl` (others are a 404). */
  fetch(request: Request): Promise<Response>;
  /** The store, once open and seeded. */
  store: Promise<Store>;
}

/** A store in memory with the demo seeded (at `now`). */
export async function demoStore(now?: Date): Promise<Store> {
  const store = await openMemoryStore();
  await seedDemo(store, now ? { now } : {});
  return store;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createMockBackend(options: MockOptions): MockBackend {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const base = new URL(baseUrl);
  const prefix = base.pathname.replace(/\/+$/, '');
  const hostKey = options.hostKey ?? DEFAULT_OPERATOR_KEY;
  const now = options.app?.now;
  const store = Promise.resolve(options.store ?? demoStore(now?.()));
  const app = store.then((s) =>
    createApp({
      logger: () => {},
      ...options.app,
      store: s,
      hostKey,
      publicUrl: baseUrl,
    }),
  );
  return {
    baseUrl,
    hostKey,
    store,
    async fetch(request) {
      const url = new URL(request.url);
      if (url.origin !== base.origin || !url.pathname.startsWith(`${prefix}/`)) {
        return Response.json(
          { error: { code: 'not_found', message: `Not the mock API: ${request.url}` } },
          { status: 404 },
        );
      }
      if (options.latencyMs) await sleep(options.latencyMs);
      // The app's routes start at /v1: take the mock's path prefix off.
      url.pathname = url.pathname.slice(prefix.length);
      const hasBody = request.body !== null && !['GET', 'HEAD'].includes(request.method);
      const forwarded = new Request(url, {
        method: request.method,
        headers: request.headers,
        signal: request.signal,
        ...(hasBody ? { body: request.body, duplex: 'half' } : {}),
      });
      return abortable(await (await app).fetch(forwarded), request.signal);
    },
  };
}

/**
 * An event stream's body ends when the request is aborted, as with a real `fetch` (a closed
 * stream then lets the server forget its subscriber). Other answers are whole already.
 */
function abortable(response: Response, signal: AbortSignal): Response {
  const stream = response.headers.get('content-type')?.startsWith('text/event-stream');
  if (!response.body || !stream) return response;
  const reader = response.body.getReader();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const abort = () => {
        controller.error(
          signal.reason ?? new DOMException('The request was aborted', 'AbortError'),
        );
        void reader.cancel();
      };
      if (signal.aborted) abort();
      else signal.addEventListener('abort', abort, { once: true });
    },
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (error) {
        controller.error(error);
      }
    },
    cancel: (reason) => reader.cancel(reason),
  });
  return new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

/** A `fetch` that answers the mock's URLs from `backend` and everything else as the platform does. */
export function mockFetch(backend: MockBackend): typeof fetch {
  return (input, init) => {
    const request = new Request(input, init);
    if (request.url.startsWith(`${backend.baseUrl}/`)) return backend.fetch(request);
    return fetch(request);
  };
}
