/**
 * The HTTP API as a hono app over an opened database. Paths, methods and request schemas
 * come from the contract's route table (`routes` in @cercle/client); this file adds what a
 * backend must enforce: CORS per community, rate limits, input limits, authentication.
 *
 * Middleware, outermost first: log line and security headers → CORS → rate limit per IP →
 * body size limit → the route. Errors thrown anywhere become the contract's error shape
 * and still pass back through CORS, so a browser can read them.
 */
import type { IncomingMessage } from 'node:http';
import {
  CONTRACT_VERSION,
  PHOTO_MAX_BYTES,
  routes,
  type FieldIssue,
  type JoinRequest,
  type RouteName,
} from '@cercle/client';
import { Hono, type Context, type Handler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as v from 'valibot';
import { originAllowed } from './cors.js';
import { digestsEqual, sha256 } from './crypto.js';
import type { Db } from './db.js';
import { ApiError, invalid } from './errors.js';
import { DEFAULT_RATE_LIMITS, TokenBuckets, type RateLimits } from './rate-limit.js';
import { InProcessBroker, type Broker } from './broker.js';
import {
  DEFAULT_EVENT_RETENTION,
  eventsAfter,
  newestEventId,
  type EventRetention,
} from './events.js';
import {
  ask,
  change,
  eraseMemberContent,
  getSession,
  hostQuestions,
  listQuestions,
  putSession,
  memberLiveExport,
  sessionKey,
  sessionView,
  setVote,
  updateQuestion,
  updateSession,
  type LiveContext,
  type SessionRow,
} from './live.js';
import { decideReport, fileReport, listReports, memberReportsExport } from './reports.js';
import { eraseMemberTestimonials, memberTestimonialsExport } from './testimonials.js';
import { memberOffersExport } from './offers.js';
import { photoTooLarge } from './photos.js';
import { EventStreams } from './sse.js';
import type { RouteContext } from './route-context.js';
import { wallHandlers } from './wall-routes.js';
import { offerHandlers } from './offer-routes.js';
import {
  allowedOrigins,
  communityInfo,
  createCommunity,
  deleteMember,
  exportView,
  foldWal,
  getCommunity,
  join,
  memberByToken,
  memberList,
  meView,
  type CommunityRow,
  type MemberRow,
} from './store.js';

/** Largest request body accepted, in bytes (JSON bodies; see BODY_LIMITS for the larger ones). */
export const MAX_BODY_BYTES = 16 * 1024;

/** Routes that take larger bodies: a photo upload, a pool of promo codes. */
const BODY_LIMITS: readonly { route: RouteName; bytes: number; refuse?: () => ApiError }[] = [
  { route: 'uploadPhoto', bytes: PHOTO_MAX_BYTES, refuse: photoTooLarge },
  { route: 'importCodes', bytes: 1024 * 1024 },
];
const pathPattern = (path: string) => new RegExp(`^${path.replace(/\{\w+\}/g, '[^/]+')}$`);
const bodyLimits = BODY_LIMITS.map(({ route, ...limit }) => ({
  method: routes[route].method,
  pattern: pathPattern(routes[route].path),
  ...limit,
}));

const findLimit = (method: string, path: string) =>
  bodyLimits.find((l) => l.method === method && l.pattern.test(path));

/** The largest body this request may carry. */
export function bodyLimit(method: string, path: string): number {
  return findLimit(method, path)?.bytes ?? MAX_BODY_BYTES;
}

export interface AppOptions {
  db: Db;
  /** The instance's host key; applies to every community that has no host key of its own. */
  hostKey: string;
  /** Origins allowed for every community, on top of each community's own list (for development). */
  allowedOrigins?: readonly string[];
  rateLimits?: Partial<RateLimits>;
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
}

/** Default time between two heartbeats on an event stream. */
export const HEARTBEAT_MS = 15_000;

/** The hono environment: the Node request, when served by @hono/node-server. */
export interface AppEnv {
  Bindings: { incoming?: IncomingMessage };
}

const ALLOW_HEADERS = 'Authorization, Content-Type, Idempotency-Key, Last-Event-ID';
const ALLOW_METHODS = 'GET, POST, PUT, PATCH, DELETE';
const COMMUNITY_PATH = /^\/v1\/communities\/([^/]+)(?:\/|$)/;
const BEARER = /^Bearer[ \t]+([^\s]+)[ \t]*$/i;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** A chunked body over the limit is read (and dropped) up to this much past it, then the connection is cut. */
const DISCARD_MAX_BYTES = 1024 * 1024;

const honoPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MB` : `${bytes / 1024} KB`;

const tooLarge = (max: number) =>
  new ApiError('payload_too_large', `The request body is larger than ${sizeText(max)}.`, {
    maxBytes: max,
  });

/**
 * Reads the body's bytes, at most `max`; a larger one is drained (up to a point) and refused
 * with `refuse()` (default: "The request body is larger than …").
 */
export async function readBytes(
  body: ReadableStream<Uint8Array> | null,
  max: number,
  refuse: () => ApiError = () => tooLarge(max),
): Promise<Buffer> {
  if (!body) return Buffer.alloc(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max + DISCARD_MAX_BYTES) {
      await reader.cancel();
      break;
    }
    if (size <= max) chunks.push(value);
  }
  if (size > max) throw refuse();
  return Buffer.concat(chunks);
}

/** Reads the body as UTF-8 text, at most `max` bytes. */
async function readText(body: ReadableStream<Uint8Array> | null, max: number): Promise<string> {
  const bytes = await readBytes(body, max);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw invalid('The request body is not valid UTF-8.', [{ path: '', message: 'invalid UTF-8' }]);
  }
}

/** Maps valibot issues to the contract's field issues, with plainer words for the common cases. */
function fieldIssue(issue: v.BaseIssue<unknown>): FieldIssue {
  const path = v.getDotPath(issue) ?? '';
  if (issue.type === 'strict_object') {
    return { path, message: issue.input === undefined ? `${path} is required` : 'unknown field' };
  }
  return { path, message: issue.message };
}

export function createApp(options: AppOptions): Hono<AppEnv> {
  const { db } = options;
  const now = options.now ?? (() => new Date());
  const log = options.logger ?? ((line: string) => console.log(line));
  const extraOrigins = options.allowedOrigins ?? [];
  const hostKeyHash = sha256(options.hostKey);
  const limits = { ...DEFAULT_RATE_LIMITS, ...options.rateLimits };
  const clock = () => now().getTime();
  const bucket = (rate: RateLimits[keyof RateLimits]) =>
    rate ? new TokenBuckets(rate, clock) : undefined;
  const buckets: Record<keyof RateLimits, TokenBuckets | undefined> = {
    ip: bucket(limits.ip),
    join: bucket(limits.join),
    member: bucket(limits.member),
    ask: bucket(limits.ask),
    vote: bucket(limits.vote),
    report: bucket(limits.report),
    submit: bucket(limits.submit),
    upload: bucket(limits.upload),
    reveal: bucket(limits.reveal),
  };
  const broker =
    options.broker ??
    new InProcessBroker({
      onError: (error) => log(`error in an event listener: ${String(error)}`),
    });
  const live: LiveContext = {
    db,
    broker,
    now,
    retention: { ...DEFAULT_EVENT_RETENTION, ...options.eventRetention },
  };
  const streams = new EventStreams({
    heartbeatMs: options.heartbeatMs ?? HEARTBEAT_MS,
    signal: options.signal,
  });

  function limit(which: keyof typeof buckets, key: string): void {
    const waitMs = buckets[which]?.take(key) ?? 0;
    if (waitMs === 0) return;
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    throw new ApiError(
      'rate_limited',
      `Too many requests; retry in ${seconds} s.`,
      { retryAfterSeconds: seconds },
      { 'Retry-After': String(seconds) },
    );
  }

  function clientIp(c: Context<AppEnv>): string {
    if (options.trustProxy) {
      const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
      if (forwarded) return forwarded;
    }
    return c.env?.incoming?.socket.remoteAddress ?? 'unknown';
  }

  function requireCommunity(c: Context<AppEnv>): CommunityRow {
    const slug = c.req.param('community') ?? '';
    const community = getCommunity(db, slug);
    if (!community) throw new ApiError('not_found', `No community "${slug}".`);
    return community;
  }

  function bearer(c: Context<AppEnv>, what: string): string {
    const match = BEARER.exec(c.req.header('authorization') ?? '');
    if (!match?.[1]) {
      throw new ApiError(
        'unauthorized',
        `Missing ${what}: send Authorization: Bearer <${what}>.`,
        undefined,
        {
          'WWW-Authenticate': 'Bearer',
        },
      );
    }
    return match[1];
  }

  /** The member behind the token; `bucket` is the rate limit taken first (per token). */
  function requireMember(
    c: Context<AppEnv>,
    community: CommunityRow,
    bucket: keyof RateLimits | null = 'member',
  ): MemberRow {
    const tokenHash = sha256(bearer(c, 'member token'));
    if (bucket) limit(bucket, tokenHash);
    const member = memberByToken(db, community.slug, tokenHash);
    if (!member) {
      throw new ApiError(
        'unauthorized',
        'This member token is unknown here (never issued, or the member left).',
        undefined,
        { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
      );
    }
    return member;
  }

  /** For `optional-member` routes: no Authorization, no member; a bad token is still a 401. */
  function optionalMember(c: Context<AppEnv>, community: CommunityRow): MemberRow | undefined {
    if (c.req.header('authorization') === undefined) return undefined;
    return requireMember(c, community, null);
  }

  /** Asking and voting are for active members, not the waitlist. */
  function requireActive(member: MemberRow, what = 'asking and voting'): MemberRow {
    if (member.status !== 'active') {
      throw new ApiError(
        'forbidden',
        `You are on the waitlist: ${what} open once you are in the circle.`,
      );
    }
    return member;
  }

  function requireSession(c: Context<AppEnv>, community: CommunityRow): SessionRow {
    const id = c.req.param('session') ?? '';
    const session = getSession(db, community.slug, id);
    if (!session) throw new ApiError('not_found', `No session "${id}" in "${community.slug}".`);
    return session;
  }

  function requireHost(c: Context<AppEnv>, community: CommunityRow): void {
    const given = sha256(bearer(c, 'host key'));
    if (!digestsEqual(given, community.host_key_hash ?? hostKeyHash)) {
      throw new ApiError('unauthorized', 'This is not the host key of this community.', undefined, {
        'WWW-Authenticate': 'Bearer error="invalid_token"',
      });
    }
  }

  async function readBody<S extends v.GenericSchema>(
    c: Context<AppEnv>,
    schema: S,
  ): Promise<v.InferOutput<S>> {
    const [mediaType, ...params] = (c.req.header('content-type') ?? '')
      .split(';')
      .map((part) => part.trim().toLowerCase());
    if (mediaType !== 'application/json') {
      throw invalid('Send the request body as JSON, with Content-Type: application/json.', [
        { path: '', message: 'Content-Type must be application/json' },
      ]);
    }
    const charset = params.find((p) => p.startsWith('charset='))?.slice('charset='.length);
    if (charset !== undefined && charset.replace(/"/g, '') !== 'utf-8') {
      throw invalid('The request body must be UTF-8.', [
        { path: '', message: 'charset must be utf-8' },
      ]);
    }
    const text = await readText(c.req.raw.body, bodyLimit(c.req.method, c.req.path));
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw invalid('The request body is not valid JSON.', [
        { path: '', message: text.trim() === '' ? 'empty body' : (error as Error).message },
      ]);
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      throw invalid('The request body must be a JSON object.', [
        { path: '', message: 'expected a JSON object' },
      ]);
    }
    const result = v.safeParse(schema, json);
    if (!result.success) {
      throw invalid('Some fields are missing or invalid.', result.issues.map(fieldIssue));
    }
    return result.output;
  }

  function readQuery<S extends v.GenericSchema>(c: Context<AppEnv>, schema: S): v.InferOutput<S> {
    const result = v.safeParse(schema, c.req.query());
    if (!result.success) {
      throw invalid('Some query parameters are missing or invalid.', result.issues.map(fieldIssue));
    }
    return result.output;
  }

  function openStream(c: Context<AppEnv>, session: SessionRow, audience: 'public' | 'host') {
    const socket = c.env?.incoming?.socket;
    return streams.open({
      broker,
      key: sessionKey(session),
      audience,
      lastEventId: c.req.header('last-event-id'),
      eventsAfter: (id) => eventsAfter(db, session.seq, id),
      newestId: () => newestEventId(db, session.seq),
      drop: socket && (() => socket.destroy()),
    });
  }

  function vote(c: Context<AppEnv>, on: boolean) {
    const community = requireCommunity(c);
    const session = requireSession(c, community);
    const member = requireActive(requireMember(c, community, 'vote'));
    return c.json(setVote(live, session, c.req.param('question') ?? '', member, on));
  }

  function idempotencyKey(c: Context<AppEnv>): string | undefined {
    const key = c.req.header('idempotency-key');
    if (key === undefined) return undefined;
    if (!IDEMPOTENCY_KEY.test(key)) {
      throw invalid('The Idempotency-Key header is malformed.', [
        { path: 'Idempotency-Key', message: '1 to 255 visible ASCII characters' },
      ]);
    }
    return key;
  }

  const context: RouteContext = {
    db,
    now,
    log,
    live,
    limit,
    clientIp,
    requireCommunity,
    requireMember,
    optionalMember,
    requireActive,
    requireHost,
    readBody,
    readQuery,
    idempotencyKey,
  };

  const handlers: Record<RouteName, Handler<AppEnv>> = {
    ...wallHandlers(context),
    ...offerHandlers(context),
    health: (c) => c.json({ ok: true, contract: CONTRACT_VERSION }),

    getCommunity: (c) => c.json(communityInfo(db, requireCommunity(c))),

    createCommunity: async (c) => {
      const given = sha256(bearer(c, 'operator key'));
      if (!digestsEqual(given, hostKeyHash)) {
        throw new ApiError(
          'unauthorized',
          'This is not the operator key of this server.',
          undefined,
          {
            'WWW-Authenticate': 'Bearer error="invalid_token"',
          },
        );
      }
      const input = await readBody(c, routes.createCommunity.body);
      return c.json(createCommunity(db, input, now()), 201);
    },

    putSession: async (c) => {
      const community = requireCommunity(c);
      requireHost(c, community);
      const id = c.req.param('session') ?? '';
      if (!/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/.test(id)) {
        throw invalid('The session id in the path must be a slug.', [
          { path: 'session', message: 'must be a lowercase slug (a-z, 0-9, -)' },
        ]);
      }
      const input = await readBody(c, routes.putSession.body);
      const result = putSession(live, community.slug, id, input);
      return c.json(result.body, result.status);
    },

    join: async (c) => {
      limit('join', clientIp(c));
      const community = requireCommunity(c);
      const key = idempotencyKey(c);
      const input: v.InferOutput<typeof JoinRequest> = await readBody(c, routes.join.body);
      if (input.consent.version !== community.consent_version) {
        throw invalid('The consent text has changed; show the current one and ask again.', [
          {
            path: 'consent.version',
            message: `must be the current consent version "${community.consent_version}"`,
          },
        ]);
      }
      const result = join(
        db,
        community.slug,
        {
          displayName: input.displayName,
          email: input.email,
          consentVersion: input.consent.version,
        },
        now(),
        key,
      );
      if (result.replayed) c.header('Idempotent-Replayed', 'true');
      return c.json(result.body, result.status);
    },

    listMembers: (c) => {
      const community = requireCommunity(c);
      requireHost(c, community);
      return c.json(memberList(db, community.slug));
    },

    me: (c) => {
      const community = requireCommunity(c);
      return c.json(meView(db, community, requireMember(c, community)));
    },

    exportMe: (c) => {
      const community = requireCommunity(c);
      const member = requireMember(c, community);
      return c.json({
        ...exportView(member, now()),
        ...memberLiveExport(db, member),
        ...memberReportsExport(db, member),
        ...memberTestimonialsExport(db, member, new URL(c.req.url).origin),
        ...memberOffersExport(db, member),
      });
    },

    leave: (c) => {
      const community = requireCommunity(c);
      const member = requireMember(c, community);
      change(live, (emit) => {
        eraseMemberContent(db, member, emit);
        eraseMemberTestimonials(db, member);
        deleteMember(db, member);
      });
      foldWal(db);
      return c.body(null, 204);
    },

    getSession: (c) => {
      const community = requireCommunity(c);
      return c.json(sessionView(db, requireSession(c, community)));
    },

    listQuestions: (c) => {
      const community = requireCommunity(c);
      const session = requireSession(c, community);
      const viewer = optionalMember(c, community);
      const query = readQuery(c, routes.listQuestions.query);
      return c.json(listQuestions(db, session, query, viewer));
    },

    ask: async (c) => {
      const community = requireCommunity(c);
      const session = requireSession(c, community);
      const member = requireActive(requireMember(c, community, null));
      const key = idempotencyKey(c);
      const input = await readBody(c, routes.ask.body);
      limit('ask', member.token_hash);
      const result = ask(live, session, member, input, key);
      if (result.replayed) c.header('Idempotent-Replayed', 'true');
      return c.json(result.body, result.status);
    },

    vote: (c) => vote(c, true),

    unvote: (c) => vote(c, false),

    sessionEvents: (c) => {
      const community = requireCommunity(c);
      return openStream(c, requireSession(c, community), 'public');
    },

    hostQuestions: (c) => {
      const community = requireCommunity(c);
      requireHost(c, community);
      return c.json(hostQuestions(db, requireSession(c, community)));
    },

    hostSessionEvents: (c) => {
      const community = requireCommunity(c);
      requireHost(c, community);
      return openStream(c, requireSession(c, community), 'host');
    },

    updateQuestion: async (c) => {
      const community = requireCommunity(c);
      requireHost(c, community);
      const session = requireSession(c, community);
      const input = await readBody(c, routes.updateQuestion.body);
      return c.json(updateQuestion(live, session, c.req.param('question') ?? '', input));
    },

    updateSession: async (c) => {
      const community = requireCommunity(c);
      requireHost(c, community);
      const session = requireSession(c, community);
      const input = await readBody(c, routes.updateSession.body);
      return c.json(updateSession(live, session, input));
    },

    report: async (c) => {
      limit('report', clientIp(c));
      const community = requireCommunity(c);
      const reporter = optionalMember(c, community);
      const key = idempotencyKey(c);
      const input = await readBody(c, routes.report.body);
      const result = fileReport(live, community.slug, input, reporter, key);
      if (result.replayed) c.header('Idempotent-Replayed', 'true');
      return c.json(result.body, result.status);
    },

    listReports: (c) => {
      const community = requireCommunity(c);
      requireHost(c, community);
      return c.json(listReports(db, community.slug));
    },

    decideReport: async (c) => {
      const community = requireCommunity(c);
      requireHost(c, community);
      const input = await readBody(c, routes.decideReport.body);
      return c.json(decideReport(live, community.slug, c.req.param('report') ?? '', input));
    },
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

  app.use('*', async (c, next) => {
    const origin = c.req.header('origin');
    const isHealth = c.req.path === routes.health.path;
    const slug = COMMUNITY_PATH.exec(c.req.path)?.[1];
    let allow: string | undefined;
    if (isHealth) {
      allow = '*';
    } else if (origin !== undefined) {
      const community = slug === undefined ? undefined : getCommunity(db, slug);
      const patterns = community ? [...allowedOrigins(community), ...extraOrigins] : extraOrigins;
      // An unknown community answers 404 to anyone, so a typo in a slug reads as one.
      if (originAllowed(origin, patterns) || (slug !== undefined && !community)) {
        allow = origin;
      } else if (slug !== undefined) {
        throw new ApiError(
          'forbidden',
          `The origin ${origin} is not allowed to use the community "${slug}"; add it to the community's allowed origins.`,
        );
      }
    }
    const headers = (target: Headers) => {
      if (!isHealth) target.append('Vary', 'Origin');
      if (allow === undefined) return;
      target.set('Access-Control-Allow-Origin', allow);
      target.set('Access-Control-Expose-Headers', 'Retry-After, Idempotent-Replayed');
    };
    if (c.req.method === 'OPTIONS') {
      const res = new Response(null, { status: 204 });
      headers(res.headers);
      if (allow !== undefined) {
        res.headers.set('Access-Control-Allow-Methods', ALLOW_METHODS);
        res.headers.set('Access-Control-Allow-Headers', ALLOW_HEADERS);
        res.headers.set('Access-Control-Max-Age', '600');
      }
      return res;
    }
    await next();
    headers(c.res.headers);
  });

  app.use('*', async (c, next) => {
    limit('ip', clientIp(c));
    await next();
  });

  // A declared length over the limit is refused before anything reads the body; the server
  // then drains it, so the client still gets the answer. Chunked bodies are counted in readBody.
  app.use('*', async (c, next) => {
    const limit = findLimit(c.req.method, c.req.path);
    const max = limit?.bytes ?? MAX_BODY_BYTES;
    if (Number(c.req.header('content-length') ?? 0) > max) {
      throw limit?.refuse?.() ?? tooLarge(max);
    }
    await next();
  });

  for (const name of Object.keys(routes) as RouteName[]) {
    const route = routes[name];
    app.on(route.method, honoPath(route.path), handlers[name]);
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
