/**
 * What a feature's route handlers get from the app (`createApp`): the database, the clock,
 * and the checks every route shares (community, member, host key, rate limits, body and
 * query validation). Each feature (`wall-routes.ts`, `offer-routes.ts`) returns its
 * handlers from a function of this context, so features live in their own files.
 */
import type { Context, Handler } from 'hono';
import type { RouteName } from '@cercle/client';
import type * as v from 'valibot';
import type { AppEnv } from './app.js';
import type { Db } from './db.js';
import type { LiveContext } from './live.js';
import type { RateLimits } from './rate-limit.js';
import type { CommunityRow, MemberRow } from './store.js';

export type AppContext = Context<AppEnv>;

export interface RouteContext {
  db: Db;
  now: () => Date;
  /** One line per event; never personal data, tokens or promo codes. */
  log: (line: string) => void;
  /** Database, broker and clock for changes that emit live events. */
  live: LiveContext;
  /** Takes a token from a rate-limit bucket; throws `rate_limited` (429, Retry-After) when empty. */
  limit(which: keyof RateLimits, key: string): void;
  clientIp(c: AppContext): string;
  /** The `{community}` of the path; throws `not_found`. */
  requireCommunity(c: AppContext): CommunityRow;
  /** The member behind the bearer token; `bucket` is taken per token first (default `member`). */
  requireMember(
    c: AppContext,
    community: CommunityRow,
    bucket?: keyof RateLimits | null,
  ): MemberRow;
  /** No Authorization header: undefined; a bad token: 401. */
  optionalMember(c: AppContext, community: CommunityRow): MemberRow | undefined;
  /** Throws `forbidden` for a waitlisted member: "`what` open once you are in the circle". */
  requireActive(member: MemberRow, what?: string): MemberRow;
  /** Throws `unauthorized` unless the bearer is the community's host key. */
  requireHost(c: AppContext, community: CommunityRow): void;
  /** The JSON body, validated (400 `validation_failed` with field issues; 413 over the route's limit). */
  readBody<S extends v.GenericSchema>(c: AppContext, schema: S): Promise<v.InferOutput<S>>;
  /** The query string, validated. */
  readQuery<S extends v.GenericSchema>(c: AppContext, schema: S): v.InferOutput<S>;
  /** The Idempotency-Key header, checked; undefined when absent. */
  idempotencyKey(c: AppContext): string | undefined;
}

export type Handlers<N extends RouteName> = Record<N, Handler<AppEnv>>;
