/**
 * The HTTP API as a hono app over a `Store`. Paths, methods and request schemas come from the
 * contract's route table (`routes` in @cercle/client); each feature's handlers come from its
 * own module (membership, live, reports, wall, offers); this file composes them and adds what
 * every request goes through.
 *
 * Middleware, outermost first: log line and security headers → the origin's right to call
 * (403 for an origin a community does not allow) → CORS headers (hono/cors) → rate limit per
 * IP → declared body size → the route. Errors thrown anywhere become the contract's error
 * shape and still pass back through CORS, so a browser can read them.
 *
 * Runs wherever hono runs: under Node (server.ts) and in a browser (the mock).
 */
import { allRoutes, type AnyRouteName } from '@cercle/client/admin';
import { routes } from '@cercle/client';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DEFAULT_EVENT_RETENTION, type EventRetention, type LiveContext } from './core/events.js';
import { liveHandlers } from './live/routes.js';
import { adminHandlers } from './admin/routes.js';
import { hostByKeyHash } from './hosts/rules.js';
import { kpiHandlers } from './kpis/routes.js';
import { allowedOrigins, getCommunity, memberByToken } from './membership/rules.js';
import { membershipHandlers } from './membership/routes.js';
import { offerHandlers } from './offers/routes.js';
import { reportHandlers } from './reports/routes.js';
import type { Store } from './store/store.js';
import { wallHandlers } from './wall/routes.js';
import { webhookHandlers } from './webhooks/routes.js';
import { InProcessBroker, type Broker } from './core/broker.js';
import {
  bodyLimitOf,
  createContext,
  type AppContext,
  type AppEnv,
  type Handlers,
} from './core/context.js';
import { originAllowed } from './core/cors.js';
import { sha256 } from './core/crypto.js';
import { ApiError } from './core/errors.js';
import { DEFAULT_RATE_LIMITS, type RateLimiter, type RateLimits } from './core/rate-limit.js';
import { EventStreams } from './core/sse.js';

export type { AppEnv } from './core/context.js';

export interface AppOptions {
  store: Store;
  /** The operator key: creates communities, and is the host key of every community without its own. */
  hostKey: string;
  /** Origins allowed for every community, on top of each community's own list (for development). */
  allowedOrigins?: readonly string[];
  rateLimits?: Partial<RateLimits>;
  /**
   * Where the rate-limit buckets live; default: on PostgreSQL, in the database (shared by every
   * instance on it: `PostgresRateLimiter`); else in memory (`MemoryRateLimiter`). A limiter
   * given here applies its own limits (`rateLimits` configures the default ones).
   */
  rateLimiter?: RateLimiter;
  /** Receives one line per request and one per unexpected error; never personal data or tokens. */
  logger?: (line: string) => void;
  now?: () => Date;
  /** Take the client IP from `X-Forwarded-For` (only behind a proxy you control). */
  trustProxy?: boolean;
  /** Fan-out of live events; default an `InProcessBroker` (one process). */
  broker?: Broker;
  /** Time between two `: ping` comments on event streams; default 15 s. */
  heartbeatMs?: number;
  /** How much of each session's event log is kept for resuming; default 10,000 events and 24 h. */
  eventRetention?: Partial<EventRetention>;
  /** Aborting it ends every open event stream (the server's `close()` does). */
  signal?: AbortSignal;
  /** The API's public base URL (photos' URLs start with it); default: where each request came to. */
  publicUrl?: string;
}

/** Default time between two heartbeats on an event stream. */
export const HEARTBEAT_MS = 15_000;

const ALLOW_HEADERS = ['Authorization', 'Content-Type', 'Idempotency-Key', 'Last-Event-ID'];
const ALLOW_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const COMMUNITY_PATH = /^\/v1\/communities\/([^/]+)(?:\/|$)/;

/** The public reads a widget makes when it shows: each counts its visitor (once a day). */
const VISIT_ROUTES = new Set<AnyRouteName>([
  'getCommunity',
  'getSession',
  'listQuestions',
  'sessionEvents',
  'listTestimonials',
  'getOffer',
]);

const honoPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

export function createApp(options: AppOptions): Hono<AppEnv> {
  const { store } = options;
  const now = options.now ?? (() => new Date());
  const log = options.logger ?? ((line: string) => console.log(line));
  const extraOrigins = options.allowedOrigins ?? [];
  const broker =
    options.broker ??
    new InProcessBroker({
      onError: (error) => log(`error in an event listener: ${String(error)}`),
    });
  const live: LiveContext = {
    store,
    broker,
    now,
    retention: { ...DEFAULT_EVENT_RETENTION, ...options.eventRetention },
  };
  const ctx = createContext({
    store,
    findCommunity: getCommunity,
    findMember: memberByToken,
    findHost: hostByKeyHash,
    live,
    now,
    log,
    operatorKeyHash: sha256(options.hostKey),
    limits: { ...DEFAULT_RATE_LIMITS, ...options.rateLimits },
    limiter: options.rateLimiter,
    trustProxy: options.trustProxy ?? false,
    publicUrl: options.publicUrl,
    signal: options.signal,
  });
  const publicOrigin = options.publicUrl ? new URL(options.publicUrl).origin : undefined;
  /** The origins of the API itself: where the request came to, and its public URL. */
  const ownOrigins = (url: string): string[] => {
    const here = new URL(url).origin;
    return publicOrigin && publicOrigin !== here ? [here, publicOrigin] : [here];
  };
  const streams = new EventStreams({
    heartbeatMs: options.heartbeatMs ?? HEARTBEAT_MS,
    signal: options.signal,
  });

  const handlers: Handlers<AnyRouteName> = {
    ...adminHandlers(ctx),
    ...membershipHandlers(ctx),
    ...liveHandlers(ctx, streams),
    ...reportHandlers(ctx),
    ...wallHandlers(ctx),
    ...offerHandlers(ctx),
    ...webhookHandlers(ctx),
    ...kpiHandlers(ctx),
  };

  const app = new Hono<AppEnv>();

  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    // No caching, unless the route says otherwise (photos are immutable).
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
    const ms = Math.round(performance.now() - started);
    log(`${c.req.method} ${c.req.path.slice(0, 200)} ${c.res.status} ${ms}ms`);
  });

  // Which origin may read the answer: a community's own list (plus the instance's), anyone
  // for the health check; a community refuses other origins outright.
  app.use('*', async (c, next) => {
    const origin = c.req.header('origin');
    const slug = COMMUNITY_PATH.exec(c.req.path)?.[1];
    let allow: string | null = null;
    if (c.req.path === routes.health.path) {
      allow = '*';
    } else if (origin !== undefined) {
      const community = slug === undefined ? undefined : await getCommunity(store, slug);
      const patterns = community ? [...allowedOrigins(community), ...extraOrigins] : extraOrigins;
      // The server's own pages (the console at /console/) call it from its own origin;
      // an unknown community answers 404 to anyone, so a typo in a slug reads as one.
      if (
        ownOrigins(c.req.url).includes(origin) ||
        originAllowed(origin, patterns) ||
        (slug !== undefined && !community)
      ) {
        allow = origin;
      } else if (slug !== undefined) {
        throw new ApiError(
          'forbidden',
          `The origin ${origin} is not allowed to use the community "${slug}"; add it to the community's allowed origins.`,
        );
      }
    }
    c.set('allowOrigin', allow);
    await next();
  });

  app.use(
    '*',
    cors({
      origin: (_origin, c: AppContext) => c.get('allowOrigin'),
      allowMethods: ALLOW_METHODS,
      allowHeaders: ALLOW_HEADERS,
      exposeHeaders: ['Retry-After', 'Idempotent-Replayed'],
      maxAge: 600,
    }),
  );

  app.use('*', async (c: AppContext, next) => {
    await ctx.limit('ip', ctx.clientIp(c));
    await next();
  });

  // A declared length over the limit is refused before anything reads the body; streamed
  // bodies are counted as they are read (context.ts, with hono's body limit).
  app.use('*', async (c, next) => {
    const { max, refusal } = bodyLimitOf(c.req.method, c.req.path);
    if (Number(c.req.header('content-length') ?? 0) > max) throw refusal();
    await next();
  });

  for (const name of Object.keys(allRoutes) as AnyRouteName[]) {
    const route = allRoutes[name];
    const handler = handlers[name];
    const visit = VISIT_ROUTES.has(name);
    app.on(route.method, honoPath(route.path), async (c, next) => {
      c.set('route', name);
      const response = await handler(c, next);
      // What a widget loads first counts its visitor (docs/kpis.md, "Visitors").
      if (visit) await ctx.visit(c, c.req.param('community') ?? '');
      return response;
    });
  }

  app.notFound((c) =>
    c.json(new ApiError('not_found', `No route ${c.req.method} ${c.req.path}.`).toBody(), 404),
  );

  app.onError((error, c) => {
    if (error instanceof ApiError) {
      return c.json(error.toBody(), error.status as ContentfulStatusCode, error.headers);
    }
    if (error instanceof HTTPException && error.status < 500) {
      const code = error.status === 413 ? 'payload_too_large' : 'validation_failed';
      return c.json(new ApiError(code, error.message || 'Bad request.').toBody(), error.status);
    }
    log(`error ${c.req.method} ${c.req.path.slice(0, 200)}: ${error.stack ?? error.message}`);
    return c.json(new ApiError('internal', 'Something went wrong on the server.').toBody(), 500);
  });

  return app;
}
