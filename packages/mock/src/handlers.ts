/**
 * msw request handlers speaking the Cercle contract over a `MockStore`. One handler per
 * entry of the contract's route table (`routes` in @cercle/client): the `resolvers`
 * record is typed by the route names, so adding a route to the contract fails the build
 * here until the mock implements it.
 */
import { delay, http, HttpResponse, type HttpHandler } from 'msw';
import { CONTRACT_VERSION, routes, type RouteName } from '@cercle/client';
import { createMockStore, MockApiError, type MockStore } from './store.js';

export const DEFAULT_HOST_KEY = 'demo-host-key';

/** Largest request body accepted, like the reference server (`payload_too_large` past it). */
export const MAX_BODY_BYTES = 16 * 1024;

export interface HandlerOptions {
  /** Where the mock API lives, e.g. `https://api.cercle.test` or `http://localhost:5173/mock-api`. */
  baseUrl: string;
  /** The state behind the handlers; a fresh seeded store by default. */
  store?: MockStore;
  /** The host key for host-only calls (`listMembers`); default `demo-host-key`. */
  hostKey?: string;
  /** Delay before each answer, to see loading states; default 0. */
  latencyMs?: number;
}

interface Context {
  request: Request;
  params: Record<string, string>;
  store: MockStore;
  hostKey: string;
}

type Resolver = (ctx: Context) => Response | Promise<Response>;

const json = (body: unknown, status = 200) => HttpResponse.json(body as never, { status });

function errorResponse(e: MockApiError): Response {
  const error = {
    code: e.code,
    message: e.message,
    ...(e.details === undefined ? {} : { details: e.details }),
  };
  return HttpResponse.json({ error }, { status: e.status, headers: { ...e.headers } });
}

const BEARER = /^Bearer[ \t]+([^\s]+)[ \t]*$/i;

function bearer(request: Request): string | undefined {
  return BEARER.exec(request.headers.get('authorization') ?? '')?.[1];
}

/** The body as JSON, refused as the reference server refuses it. */
async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (new TextEncoder().encode(text).length > MAX_BODY_BYTES) {
    throw new MockApiError(
      413,
      'payload_too_large',
      `The request body is larger than ${MAX_BODY_BYTES / 1024} KB.`,
    );
  }
  const mediaType = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    throw new MockApiError(
      400,
      'validation_failed',
      'Send the request body as JSON, with Content-Type: application/json.',
      [{ path: '', message: 'Content-Type must be application/json' }],
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new MockApiError(400, 'validation_failed', 'The request body is not valid JSON.', [
      { path: '', message: text.trim() === '' ? 'empty body' : (error as Error).message },
    ]);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new MockApiError(400, 'validation_failed', 'The request body must be a JSON object.', [
      { path: '', message: 'expected a JSON object' },
    ]);
  }
  return body;
}

const resolvers: Record<RouteName, Resolver> = {
  health: () => json({ ok: true, contract: CONTRACT_VERSION }),

  getCommunity: ({ store, params }) => json(store.getCommunity(params.community ?? '')),

  join: async ({ store, params, request }) => {
    const community = params.community ?? '';
    store.getCommunity(community); // not_found before anything else
    const idempotencyKey = request.headers.get('idempotency-key') ?? undefined;
    const { status, body, replayed } = store.join(community, await readJson(request), {
      idempotencyKey,
    });
    return HttpResponse.json(body, {
      status,
      headers: replayed ? { 'Idempotent-Replayed': 'true' } : {},
    });
  },

  listMembers: ({ store, params, request, hostKey }) => {
    const community = params.community ?? '';
    store.getCommunity(community);
    const given = bearer(request);
    if (given !== hostKey) {
      throw new MockApiError(
        401,
        'unauthorized',
        given === undefined
          ? 'Missing host key: send Authorization: Bearer <host key>.'
          : 'This is not the host key of this community.',
        undefined,
        { 'WWW-Authenticate': given === undefined ? 'Bearer' : 'Bearer error="invalid_token"' },
      );
    }
    return json(store.listMembers(community));
  },

  me: ({ store, params, request }) => json(store.me(params.community ?? '', bearer(request))),

  exportMe: ({ store, params, request }) =>
    json(store.exportMe(params.community ?? '', bearer(request))),

  leave: ({ store, params, request }) => {
    store.leave(params.community ?? '', bearer(request));
    return new HttpResponse(null, { status: 204 });
  },
};

/** `/v1/communities/{community}` → `/v1/communities/:community` (msw's path syntax). */
const toMswPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

/**
 * The handlers for every route of the contract under `baseUrl`, plus a catch-all that
 * answers `not_found` for any other path under `${baseUrl}/v1/`. No side effect: pass
 * them to `setupServer`/`setupWorker` (or use `setupMockServer` / `startMockWorker`).
 */
export function createHandlers(options: HandlerOptions): HttpHandler[] {
  const base = options.baseUrl.replace(/\/+$/, '');
  const store = options.store ?? createMockStore();
  const hostKey = options.hostKey ?? DEFAULT_HOST_KEY;
  const latencyMs = options.latencyMs ?? 0;
  /** The path part of `base` (`/mock-api`), left out of error messages. */
  const basePath = new URL(base, 'http://base.invalid').pathname.replace(/\/+$/, '');

  const wrap =
    (resolve: Resolver) =>
    async ({ request, params }: { request: Request; params: Record<string, unknown> }) => {
      if (latencyMs > 0) await delay(latencyMs);
      const strings = Object.fromEntries(
        Object.entries(params).filter((e): e is [string, string] => typeof e[1] === 'string'),
      );
      try {
        return await resolve({ request, params: strings, store, hostKey });
      } catch (e) {
        if (e instanceof MockApiError) return errorResponse(e);
        const message = e instanceof Error ? e.message : String(e);
        return errorResponse(new MockApiError(500, 'internal', `The mock failed: ${message}`));
      }
    };

  const handlers = (Object.keys(routes) as RouteName[]).map((name) => {
    const route = routes[name];
    const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete';
    return http[method](`${base}${toMswPath(route.path)}`, wrap(resolvers[name]));
  });
  handlers.push(
    http.all(
      `${base}/v1/*`,
      wrap(({ request }) => {
        const path = new URL(request.url).pathname.slice(basePath.length);
        throw new MockApiError(404, 'not_found', `No route ${request.method} ${path}.`);
      }),
    ),
  );
  return handlers;
}
