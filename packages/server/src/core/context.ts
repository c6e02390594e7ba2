/**
 * What every feature's route handlers share (`createApp` builds it): the store, the clock,
 * the log, the live context, and the checks every route makes — the community of the path,
 * the member behind a token, the host and operator keys, rate limits, body and query
 * validation, the Idempotency-Key. Each feature returns its handlers from a function of this
 * context, so features live in their own modules and only the app composes them.
 */
import { allRoutes, type AnyRouteName } from '@cercle/client/admin';
import {
  IDEMPOTENCY_KEY_PATTERN,
  ROLE_PERMISSIONS,
  MAX_BODY_BYTES,
  PHOTO_MAX_BYTES,
  routes,
  type FieldIssue,
  type Route,
  type RouteName,
} from '@cercle/client';
import type { Context, Handler } from 'hono';
import * as v from 'valibot';
import type { LiveContext } from './events.js';
import type { CommunityRow, HostRow, MemberRow } from '../store/rows.js';
import type { Sql, Store } from '../store/store.js';
import { idempotent, prepareIdempotency } from './idempotency.js';
import { concat } from './bytes.js';
import { digestsEqual, sha256 } from './crypto.js';
import { ApiError, invalid, refuse } from './errors.js';
import { PostgresRateLimiter } from './postgres-rate-limit.js';
import { MemoryRateLimiter, type RateLimiter, type RateLimits } from './rate-limit.js';
import { Visitors, type VisitScope } from '../kpis/visitors.js';

/** The hono environment: the Node request, when served by @hono/node-server. */
export interface AppEnv {
  Bindings: { incoming?: { socket: { remoteAddress?: string; destroy(): void } } };
  Variables: { allowOrigin: string | null; route: AnyRouteName };
}

export type AppContext = Context<AppEnv>;

/** A route's handler: what it answers is a `Response` (hono's default would be `any`). */
export type RouteHandler = Handler<AppEnv, string, object, Response | Promise<Response>>;
export type Handlers<N extends AnyRouteName> = Record<N, RouteHandler>;

/** Who makes a host call: a host of the community, or the operator (bootstrap routes). */
export type Actor = { kind: 'host'; host: HostRow } | { kind: 'operator' } | { kind: 'system' };

/** Who a request acts as, in an idempotency scope (two hosts' retries never collide). */
export const actorKey = (actor: Actor): string =>
  actor.kind === 'host' ? actor.host.id : actor.kind;

/** Routes that take larger bodies than MAX_BODY_BYTES: a photo, a pool of promo codes. */
const BODY_LIMITS: readonly { route: RouteName; bytes: number; refuse?: () => ApiError }[] = [
  { route: 'uploadPhoto', bytes: PHOTO_MAX_BYTES, refuse: refuse.photoTooLarge },
  { route: 'importCodes', bytes: 1024 * 1024 },
];
const pathPattern = (path: string) => new RegExp(`^${path.replace(/\{\w+\}/g, '[^/]+')}$`);
const bodyLimits = BODY_LIMITS.map(({ route, ...limit }) => ({
  method: routes[route].method,
  pattern: pathPattern(routes[route].path),
  ...limit,
}));

/** The largest body a request may carry, and how it is refused past that. */
export function bodyLimitOf(
  method: string,
  path: string,
): { max: number; refusal: () => ApiError } {
  const found = bodyLimits.find((l) => l.method === method && l.pattern.test(path));
  const max = found?.bytes ?? MAX_BODY_BYTES;
  return { max, refusal: found?.refuse ?? (() => refuse.tooLarge(max)) };
}

/** Maps valibot issues to the contract's field issues, with plainer words for the common cases. */
function fieldIssue(issue: v.BaseIssue<unknown>): FieldIssue {
  const path = v.getDotPath(issue) ?? '';
  if (issue.type === 'strict_object') {
    return { path, message: issue.input === undefined ? `${path} is required` : 'unknown field' };
  }
  return { path, message: issue.message };
}

const BEARER = /^Bearer[ \t]+([^\s]+)[ \t]*$/i;

/** A chunked body over the limit is read (and dropped) up to this much past it. */
const DISCARD_MAX_BYTES = 1024 * 1024;

export interface ContextOptions {
  store: Store;
  /** The community of a slug (membership's rule, handed in so this module depends on no feature). */
  findCommunity(db: Store, slug: string): Promise<CommunityRow | undefined>;
  /** The host account behind a key's hash, revoked ones included. */
  findHost(db: Store, keyHash: string): Promise<HostRow | undefined>;
  /** The member of a community behind a token's hash. */
  findMember(db: Store, community: string, tokenHash: string): Promise<MemberRow | undefined>;
  live: LiveContext;
  now: () => Date;
  log: (line: string) => void;
  /** The SHA-256 of the operator key. */
  operatorKeyHash: Promise<string>;
  limits: RateLimits;
  /** Where the buckets live; default: the database's on PostgreSQL (shared), else memory. */
  limiter?: RateLimiter | undefined;
  trustProxy: boolean;
  /** The API's public base URL, for absolute URLs in answers; default: where the request came to. */
  publicUrl?: string | undefined;
  /** Aborted when the server closes (stops background timers). */
  signal?: AbortSignal | undefined;
}

export type RouteContext = ReturnType<typeof createContext>;

export function createContext(options: ContextOptions) {
  const { store, now } = options;
  const clock = () => now().getTime();
  // Several instances share a PostgreSQL database, so they share its buckets too; SQLite
  // (and the mock) is one process: its buckets stay in memory.
  const limiter =
    options.limiter ??
    (store.dialect === 'postgres'
      ? new PostgresRateLimiter({
          store,
          limits: options.limits,
          clock,
          onError: (error) => options.log(`error pruning rate limits: ${String(error)}`),
        })
      : new MemoryRateLimiter(options.limits, clock));

  /** Takes a token from a rate-limit bucket; throws `rate_limited` (429, Retry-After) when empty. */
  async function limit(which: keyof RateLimits, key: string): Promise<void> {
    const waitMs = await limiter.take(which, key);
    if (waitMs > 0) throw refuse.rateLimited(waitMs);
  }

  const visitors = new Visitors(store, {
    now,
    signal: options.signal,
    onError: (error) => options.log(`error recording open streams: ${String(error)}`),
  });

  /** Counts the request's visitor for the community (or a session's stream), once a day. */
  function visit(c: AppContext, community: string, scope: VisitScope = ''): Promise<void> {
    return visitors.visit(community, scope, clientIp(c), c.req.header('user-agent') ?? '', now());
  }

  /**
   * The client's address. Behind a proxy (`trustProxy`), the last entry of X-Forwarded-For:
   * the one our proxy added; the entries before it are whatever the client sent, and a client
   * must not choose the address its rate limits count.
   */
  function clientIp(c: AppContext): string {
    if (options.trustProxy) {
      const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
      if (forwarded) return forwarded;
    }
    return c.env?.incoming?.socket.remoteAddress ?? 'unknown';
  }

  /** The bearer token of the request; `what` names it in the refusal ("member token"). */
  function bearer(c: AppContext, what: string): string {
    const token = BEARER.exec(c.req.header('authorization') ?? '')?.[1];
    if (!token) throw refuse.missingBearer(what);
    return token;
  }

  /** The `{community}` of the path; throws `not_found`. */
  async function requireCommunity(c: AppContext): Promise<CommunityRow> {
    const slug = c.req.param('community') ?? '';
    const community = await options.findCommunity(store, slug);
    if (!community) throw refuse.noCommunity(slug);
    // An archived community is gone for the public; its hosts still see and restore it.
    if (community.archived_at && allRoutes[c.get('route')].auth !== 'host') {
      throw refuse.noCommunity(slug);
    }
    return community;
  }

  /** The member behind the token; `bucket` is the rate limit taken first (per token). */
  async function requireMember(
    c: AppContext,
    community: CommunityRow,
    bucket: keyof RateLimits | null = 'member',
  ): Promise<MemberRow> {
    const tokenHash = await sha256(bearer(c, 'member token'));
    if (bucket) await limit(bucket, tokenHash);
    const member = await options.findMember(store, community.slug, tokenHash);
    if (!member) throw refuse.unknownToken();
    return member;
  }

  /** For `optional-member` routes: no Authorization, no member; a bad token is still a 401. */
  async function optionalMember(
    c: AppContext,
    community: CommunityRow,
  ): Promise<MemberRow | undefined> {
    if (c.req.header('authorization') === undefined) return undefined;
    return requireMember(c, community, null);
  }

  /** Asking, voting, testimonials, reveals are for active members, not the waitlist. */
  function requireActive(member: MemberRow, what = 'asking and voting'): MemberRow {
    if (member.status !== 'active') throw refuse.waitlisted(what);
    return member;
  }

  /**
   * The host making the call, checked against the route's permission: 401 for a missing,
   * unknown or revoked key; 403 for another community's host or a role without the
   * permission. Routes marked `operator` accept the operator key too. `community` is null
   * for routes without one in the path (`/v1/host/me`).
   */
  async function requireHost(c: AppContext, community: CommunityRow | null): Promise<Actor> {
    const route: Route = allRoutes[c.get('route')];
    const permission = route.permission;
    if (route.auth !== 'host' || !permission) {
      throw new Error(`route ${c.get('route')} is not a host route with a permission`);
    }
    const given = await sha256(bearer(c, 'host key'));
    if ('operator' in route && digestsEqual(given, await options.operatorKeyHash)) {
      return { kind: 'operator' };
    }
    const host = await options.findHost(store, given);
    if (!host) throw refuse.notHostKey();
    if (host.revoked_at) throw refuse.revokedHostKey(host.revoked_at);
    if (community && host.community !== community.slug) {
      throw refuse.otherCommunityHost(community.slug);
    }
    if (!ROLE_PERMISSIONS[host.role].includes(permission)) {
      throw refuse.notAllowed(host.role, permission);
    }
    return { kind: 'host', host };
  }

  /** Throws `unauthorized` unless the bearer is the operator key. */
  async function requireOperator(c: AppContext): Promise<void> {
    const given = await sha256(bearer(c, 'operator key'));
    if (!digestsEqual(given, await options.operatorKeyHash)) throw refuse.notOperatorKey();
  }

  /**
   * The raw body, at most the route's limit. A larger one is read on (and dropped) up to
   * 1 MB past the limit before the refusal, so a client still sending a chunked body gets
   * the answer on a connection it can reuse; past that, the connection is cut. (hono's
   * body-limit middleware stops reading at the limit, which resets the client's connection.)
   */
  async function readBytes(c: AppContext): Promise<Uint8Array> {
    const { max, refusal } = bodyLimitOf(c.req.method, c.req.path);
    const body = c.req.raw.body;
    if (!body) return new Uint8Array(0);
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
    if (size > max) throw refusal();
    return concat(chunks);
  }

  /** The JSON body, validated (400 `validation_failed` with field issues; 413 over the route's limit). */
  async function readBody<S extends v.GenericSchema>(
    c: AppContext,
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
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(await readBytes(c));
    } catch (error) {
      if (error instanceof ApiError) throw error;
      throw invalid('The request body is not valid UTF-8.', [
        { path: '', message: 'invalid UTF-8' },
      ]);
    }
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

  /** The query string, validated. */
  function readQuery<S extends v.GenericSchema>(c: AppContext, schema: S): v.InferOutput<S> {
    const result = v.safeParse(schema, c.req.query());
    if (!result.success) {
      throw invalid('Some query parameters are missing or invalid.', result.issues.map(fieldIssue));
    }
    return result.output;
  }

  /** The Idempotency-Key header, checked; undefined when absent. */
  function idempotencyKey(c: AppContext): string | undefined {
    const key = c.req.header('idempotency-key');
    if (key === undefined) return undefined;
    if (!IDEMPOTENCY_KEY_PATTERN.test(key)) throw refuse.malformedIdempotencyKey();
    return key;
  }

  /** Answers an idempotent result, marking a replay. */
  function answer(c: AppContext, result: { status: number; body: unknown; replayed?: boolean }) {
    if (result.replayed) c.header('Idempotent-Replayed', 'true');
    return c.json(result.body, result.status as 200);
  }

  /**
   * Runs `run` in one write of `community`, once per Idempotency-Key (`key`, read before the
   * body), the route as the scope and `request` as what makes two calls the same; answers it.
   * For the brand's POSTs whose answer names no member.
   */
  async function answerOnce<S extends number, B>(
    c: AppContext,
    community: string,
    key: string | undefined,
    request: unknown,
    status: S,
    run: (tx: Sql) => Promise<B>,
  ) {
    const scope = await prepareIdempotency({ community, route: c.get('route'), key, request });
    const result = await store.write(community, (tx) =>
      idempotent(tx, scope, now(), async () => ({ status, body: await run(tx), memberId: null })),
    );
    return answer(c, result);
  }

  /** The API base the request came to (photos' URLs are absolute and start with it). */
  function apiBase(c: AppContext): string {
    if (options.publicUrl !== undefined) return options.publicUrl.replace(/\/+$/, '');
    const url = c.req.url;
    const at = url.indexOf('/v1/');
    return at === -1 ? new URL(url).origin : url.slice(0, at);
  }

  return {
    store,
    findCommunity: (slug: string) => options.findCommunity(store, slug),
    now,
    log: options.log,
    live: options.live,
    limit,
    clientIp,
    visit,
    visitors,
    requireCommunity,
    requireMember,
    optionalMember,
    requireActive,
    requireHost,
    requireOperator,
    readBytes,
    readBody,
    readQuery,
    idempotencyKey,
    answer,
    answerOnce,
    apiBase,
  };
}
