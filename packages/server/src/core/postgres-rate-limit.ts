/**
 * Rate limits shared by every instance on one PostgreSQL database, so N instances do not
 * multiply a limit by N. A bucket is a row of `rate_limits` (PostgreSQL migration 11, an
 * UNLOGGED table: the state need not survive a crash), and a take is one upsert that refills
 * and takes atomically, with TokenBuckets' arithmetic: `limit` tokens per `windowMs`, refilled
 * continuously, one token per allowed request, nothing taken from a refused one. Two
 * instances' takes on one bucket serialize on its row.
 *
 * Keys are stored as their SHA-256 (hex): no IP address and no member token (whose key is
 * already the token's hash) in clear. Time is the instances' clock (`now`); a take never moves
 * a bucket back in time, so a few milliseconds of skew between instances only delay a refill.
 * Buckets full again are deleted at most once a minute per instance.
 *
 * Uses only the `Store` interface and Web Crypto: no Node import (it may run wherever the app does).
 */
import type { Store } from '../store/store.js';
import { sha256 } from './crypto.js';
import { waitFor, type RateLimit, type RateLimiter, type RateLimits } from './rate-limit.js';

/** How often one instance deletes the buckets that are full again. */
export const PRUNE_EVERY_MS = 60_000;

/**
 * One take. Parameters: name, key hash, the new bucket's tokens and refusal (a full bucket
 * after one take), now (ms); then limit, limit, windowMs for the refill of an existing bucket:
 * min(limit, tokens + elapsed × limit / windowMs), minus the token taken when there is one.
 */
const TAKE = `
  INSERT INTO rate_limits AS b (name, key, tokens, refused, at)
  VALUES (?, ?, CAST(? AS DOUBLE PRECISION), CAST(? AS BOOLEAN), CAST(? AS BIGINT))
  ON CONFLICT (name, key) DO UPDATE SET (tokens, refused, at) = (
    SELECT CASE WHEN r >= 1 THEN r - 1 ELSE r END, r < 1, GREATEST(b.at, EXCLUDED.at)
    FROM (
      SELECT LEAST(
        CAST(? AS DOUBLE PRECISION),
        b.tokens + GREATEST(EXCLUDED.at - b.at, 0) * CAST(? AS DOUBLE PRECISION)
          / CAST(? AS DOUBLE PRECISION)
      ) AS r
    ) AS refill
  )
  RETURNING tokens, refused`;

/** The buckets of `name` that have refilled completely by now. Parameters: name, now, limit, windowMs, limit. */
const PRUNE = `
  DELETE FROM rate_limits
  WHERE name = ?
    AND tokens + GREATEST(CAST(? AS BIGINT) - at, 0) * CAST(? AS DOUBLE PRECISION)
      / CAST(? AS DOUBLE PRECISION) >= CAST(? AS DOUBLE PRECISION)`;

export interface PostgresRateLimiterOptions {
  store: Store;
  limits: RateLimits;
  /** Milliseconds since the epoch. */
  clock: () => number;
  /** A failed prune (takes fail with their request). */
  onError?: (error: unknown) => void;
}

export class PostgresRateLimiter implements RateLimiter {
  readonly #store: Store;
  readonly #limits: RateLimits;
  readonly #clock: () => number;
  readonly #onError: (error: unknown) => void;
  #prunedAt = -Infinity;

  constructor(options: PostgresRateLimiterOptions) {
    if (options.store.dialect !== 'postgres') {
      throw new Error('PostgresRateLimiter needs a PostgreSQL store');
    }
    this.#store = options.store;
    this.#limits = options.limits;
    this.#clock = options.clock;
    this.#onError = options.onError ?? (() => {});
  }

  async take(name: keyof RateLimits, key: string): Promise<number> {
    const rate = this.#limits[name];
    if (!rate) return 0;
    const now = this.#clock();
    if (now - this.#prunedAt >= PRUNE_EVERY_MS) {
      this.#prunedAt = now;
      this.prune(now).catch(this.#onError);
    }
    const full = rate.limit;
    const row = await this.#store.get<{ tokens: number; refused: number }>(
      TAKE,
      name,
      await sha256(key),
      full >= 1 ? full - 1 : full,
      full >= 1 ? 0 : 1,
      now,
      rate.limit,
      rate.limit,
      rate.windowMs,
    );
    return row?.refused ? waitFor(row.tokens, rate) : 0;
  }

  /** Deletes the buckets full again at `now` (a missing bucket is a full one). */
  async prune(now = this.#clock()): Promise<number> {
    let deleted = 0;
    for (const [name, rate] of Object.entries(this.#limits) as [string, RateLimit | false][]) {
      if (!rate) continue;
      const { changes } = await this.#store.run(
        PRUNE,
        name,
        now,
        rate.limit,
        rate.windowMs,
        rate.limit,
      );
      deleted += changes;
    }
    return deleted;
  }
}
