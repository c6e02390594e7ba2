/**
 * msw request handlers speaking the Cercle contract over a `MockStore`. One handler per
 * entry of the contract's route table (`routes` in @cercle/client): the `resolvers`
 * record is typed by the route names, so adding a route to the contract fails the build
 * here until the mock implements it.
 */
import { delay, http, HttpResponse, type HttpHandler } from 'msw';
import { CONTRACT_VERSION, PHOTO_MAX_BYTES, routes, type RouteName } from '@cercle/client';
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
  /** Milliseconds between two `: ping` comments on an open event stream; default 15 000. */
  pingMs?: number;
}

interface Context {
  request: Request;
  params: Record<string, string>;
  store: MockStore;
  hostKey: string;
  pingMs: number;
  /** The absolute base URL of the mock API (photos' URLs start with it). */
  base: string;
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

/** `unauthorized` unless the request carries the host key. */
function requireHost(request: Request, hostKey: string): void {
  const given = bearer(request);
  if (given === hostKey) return;
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

const replayHeaders = (replayed: boolean): Record<string, string> =>
  replayed ? { 'Idempotent-Replayed': 'true' } : {};

/**
 * A session's Server-Sent Events stream as a streaming body: the store's frames, a
 * `: ping` comment every `pingMs`, and the subscription dropped when the reader cancels
 * or the request is aborted. The session (and the host key) are checked before, so those
 * failures are plain JSON errors.
 */
function eventStream(ctx: Context, host: boolean): Response {
  const { store, request, params, pingMs } = ctx;
  const community = params.community ?? '';
  const session = params.session ?? '';
  if (host) {
    store.getCommunity(community);
    requireHost(request, ctx.hostKey);
  }
  store.getSession(community, session);

  const encoder = new TextEncoder();
  let stop = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let stopped = false;
      const send = (text: string) => {
        if (stopped) return;
        // Nobody reads any more (a dropped tab): give up rather than queue forever.
        if ((controller.desiredSize ?? 0) < -1000) {
          stop();
          controller.error(new Error('the event stream has no reader'));
          return;
        }
        controller.enqueue(encoder.encode(text));
      };
      const onAbort = () => {
        stop();
        try {
          controller.close();
        } catch {
          // already closed or cancelled
        }
      };
      const ping = setInterval(() => send(': ping\n\n'), pingMs);
      let unsubscribe = () => {};
      stop = () => {
        stopped = true;
        clearInterval(ping);
        unsubscribe();
        request.signal.removeEventListener('abort', onAbort);
      };
      request.signal.addEventListener('abort', onAbort);
      unsubscribe = store.subscribe(community, session, {
        host,
        lastEventId: request.headers.get('last-event-id'),
        send,
      });
    },
    cancel() {
      stop();
    },
  });
  return new HttpResponse(stream, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
    },
  });
}

/** Largest body of a code import: 10,000 codes of up to 64 characters, quoted. */
const CODES_BODY_BYTES = 1024 * 1024;

/** The body as JSON, refused as the reference server refuses it. */
async function readJson(request: Request, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const text = await request.text();
  if (new TextEncoder().encode(text).length > maxBytes) {
    throw new MockApiError(
      413,
      'payload_too_large',
      `The request body is larger than ${maxBytes / 1024} KB.`,
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

/** An upload's raw bytes; `payload_too_large` past the photo limit, before reading when it can. */
async function readBytes(request: Request): Promise<Uint8Array> {
  const tooLarge = () =>
    new MockApiError(
      413,
      'payload_too_large',
      `A photo is at most ${PHOTO_MAX_BYTES / 1024 / 1024} MB.`,
    );
  if (Number(request.headers.get('content-length') ?? 0) > PHOTO_MAX_BYTES) throw tooLarge();
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.length > PHOTO_MAX_BYTES) throw tooLarge();
  return bytes;
}

/** The host key checked after the community exists (an unknown one is `not_found` first). */
function host({ store, params, request, hostKey }: Context): string {
  const community = params.community ?? '';
  store.getCommunity(community);
  requireHost(request, hostKey);
  return community;
}

const query = (request: Request) => Object.fromEntries(new URL(request.url).searchParams);

const resolvers: Record<RouteName, Resolver> = {
  health: () => json({ ok: true, contract: CONTRACT_VERSION }),

  createCommunity: () => json({ error: { code: 'internal', message: 'not in the mock yet' } }, 501),
  putSession: () => json({ error: { code: 'internal', message: 'not in the mock yet' } }, 501),
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
    requireHost(request, hostKey);
    return json(store.listMembers(community));
  },

  me: ({ store, params, request }) => json(store.me(params.community ?? '', bearer(request))),

  exportMe: ({ store, params, request, base }) =>
    json(store.exportMe(params.community ?? '', bearer(request), base)),

  leave: ({ store, params, request }) => {
    store.leave(params.community ?? '', bearer(request));
    return new HttpResponse(null, { status: 204 });
  },

  // Live Q&A
  getSession: ({ store, params }) =>
    json(store.getSession(params.community ?? '', params.session ?? '')),

  listQuestions: ({ store, params, request }) => {
    const query = Object.fromEntries(new URL(request.url).searchParams);
    return json(
      store.listQuestions(params.community ?? '', params.session ?? '', query, bearer(request)),
    );
  },

  ask: async ({ store, params, request }) => {
    const community = params.community ?? '';
    const session = params.session ?? '';
    store.getSession(community, session);
    const token = bearer(request);
    store.me(community, token); // unauthorized before reading the body
    const { body, replayed } = store.ask(community, session, token, await readJson(request), {
      idempotencyKey: request.headers.get('idempotency-key') ?? undefined,
    });
    return HttpResponse.json(body, { status: 201, headers: replayHeaders(replayed) });
  },

  vote: ({ store, params, request }) =>
    json(
      store.vote(
        params.community ?? '',
        params.session ?? '',
        params.question ?? '',
        bearer(request),
        true,
      ),
    ),

  unvote: ({ store, params, request }) =>
    json(
      store.vote(
        params.community ?? '',
        params.session ?? '',
        params.question ?? '',
        bearer(request),
        false,
      ),
    ),

  sessionEvents: (ctx) => eventStream(ctx, false),

  // Host of a live session
  hostQuestions: ({ store, params, request, hostKey }) => {
    const community = params.community ?? '';
    store.getCommunity(community);
    requireHost(request, hostKey);
    return json(store.hostQuestions(community, params.session ?? ''));
  },

  hostSessionEvents: (ctx) => eventStream(ctx, true),

  updateQuestion: async ({ store, params, request, hostKey }) => {
    const community = params.community ?? '';
    store.getCommunity(community);
    requireHost(request, hostKey);
    const session = params.session ?? '';
    store.getSession(community, session);
    return json(
      store.updateQuestion(community, session, params.question ?? '', await readJson(request)),
    );
  },

  updateSession: async ({ store, params, request, hostKey }) => {
    const community = params.community ?? '';
    store.getCommunity(community);
    requireHost(request, hostKey);
    const session = params.session ?? '';
    store.getSession(community, session);
    return json(store.updateSession(community, session, await readJson(request)));
  },

  // Reports
  report: async ({ store, params, request }) => {
    const community = params.community ?? '';
    store.getCommunity(community);
    const { body, replayed } = store.report(community, await readJson(request), {
      token: bearer(request),
      idempotencyKey: request.headers.get('idempotency-key') ?? undefined,
    });
    return HttpResponse.json(body, { status: 202, headers: replayHeaders(replayed) });
  },

  listReports: ({ store, params, request, hostKey }) => {
    const community = params.community ?? '';
    store.getCommunity(community);
    requireHost(request, hostKey);
    return json(store.listReports(community));
  },

  decideReport: async ({ store, params, request, hostKey }) => {
    const community = params.community ?? '';
    store.getCommunity(community);
    requireHost(request, hostKey);
    return json(store.decideReport(community, params.report ?? '', await readJson(request)));
  },

  // Testimonials
  listTestimonials: ({ store, params, request, base }) =>
    json(store.listTestimonials(params.community ?? '', query(request), base)),

  submitTestimonial: async ({ store, params, request, base }) => {
    const community = params.community ?? '';
    const token = bearer(request);
    store.me(community, token); // not_found, then unauthorized, before reading the body
    const { body, replayed } = store.submitTestimonial(community, token, await readJson(request), {
      idempotencyKey: request.headers.get('idempotency-key') ?? undefined,
      base,
    });
    return HttpResponse.json(body, { status: 201, headers: replayHeaders(replayed) });
  },

  myTestimonials: ({ store, params, request, base }) =>
    json(store.myTestimonials(params.community ?? '', bearer(request), base)),

  withdrawTestimonial: ({ store, params, request }) => {
    store.withdrawTestimonial(params.community ?? '', params.testimonial ?? '', bearer(request));
    return new HttpResponse(null, { status: 204 });
  },

  uploadPhoto: async ({ store, params, request, base }) => {
    const community = params.community ?? '';
    const token = bearer(request);
    store.me(community, token);
    const body = store.uploadPhoto(community, token, await readBytes(request), base);
    return json(body, 201);
  },

  getPhoto: async ({ store, params }) => {
    const { bytes, contentType } = await store.getPhoto(params.photo ?? '');
    return new HttpResponse(bytes as BodyInit, {
      headers: {
        'Content-Type': contentType,
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': "default-src 'none'; sandbox",
        'Cache-Control': 'public, max-age=31536000, immutable',
      },
    });
  },

  hostTestimonials: (ctx) =>
    json(ctx.store.hostTestimonials(host(ctx), query(ctx.request), ctx.base)),

  moderateTestimonial: async (ctx) => {
    const community = host(ctx);
    const input = await readJson(ctx.request);
    return json(
      ctx.store.moderateTestimonial(community, ctx.params.testimonial ?? '', input, ctx.base),
    );
  },

  wallSettings: async (ctx) => {
    const community = host(ctx);
    return json(ctx.store.wallSettings(community, await readJson(ctx.request)));
  },

  // Offers
  getOffer: ({ store, params, request }) =>
    json(store.getOffer(params.community ?? '', params.offer ?? '', bearer(request))),

  revealOffer: ({ store, params, request }) =>
    json(store.revealOffer(params.community ?? '', params.offer ?? '', bearer(request))),

  copyOffer: ({ store, params, request }) => {
    store.copyOffer(params.community ?? '', params.offer ?? '', bearer(request));
    return new HttpResponse(null, { status: 204 });
  },

  reportRedemption: async (ctx) => {
    const community = host(ctx);
    const input = await readJson(ctx.request);
    const { status, body } = ctx.store.reportRedemption(community, ctx.params.offer ?? '', input);
    return json(body, status);
  },

  putOffer: async (ctx) => {
    const community = host(ctx);
    const input = await readJson(ctx.request);
    const { status, body } = ctx.store.putOffer(community, ctx.params.offer ?? '', input);
    return json(body, status);
  },

  importCodes: async (ctx) => {
    const community = host(ctx);
    // A pool of 10,000 codes is larger than the 16 KB of other bodies.
    const input = await readJson(ctx.request, CODES_BODY_BYTES);
    return json(ctx.store.importCodes(community, ctx.params.offer ?? '', input));
  },

  offerFunnel: (ctx) => json(ctx.store.offerFunnel(host(ctx), ctx.params.offer ?? '')),
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
  const pingMs = options.pingMs ?? 15_000;
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
        const absolute = new URL(base || '/', request.url).href.replace(/\/+$/, '');
        return await resolve({ request, params: strings, store, hostKey, pingMs, base: absolute });
      } catch (e) {
        if (e instanceof MockApiError) return errorResponse(e);
        const message = e instanceof Error ? e.message : String(e);
        return errorResponse(new MockApiError(500, 'internal', `The mock failed: ${message}`));
      }
    };

  const handlers = (Object.keys(routes) as RouteName[]).map((name) => {
    const route = routes[name];
    const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
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
