/**
 * Rate limits: `limit` requests per `windowMs` in token buckets refilled continuously, behind
 * the `RateLimiter` interface. `MemoryRateLimiter` keeps the buckets in this process (one
 * process: SQLite, the mock); `PostgresRateLimiter` (postgres-rate-limit.ts) keeps them in the
 * database, so every instance on it takes from the same buckets.
 */

export interface RateLimit {
  limit: number;
  windowMs: number;
}

export interface RateLimits {
  /** Every request from one IP address (CORS preflights excepted). */
  ip: RateLimit | false;
  /** Joins from one IP address, on top of `ip`. */
  join: RateLimit | false;
  /** Member routes (me, export, leave) per member token, on top of `ip`. */
  member: RateLimit | false;
  /** Questions asked, per member token, on top of `ip`. */
  ask: RateLimit | false;
  /** Votes and unvotes, per member token, on top of `ip`. */
  vote: RateLimit | false;
  /** Reports sent, per IP address, on top of `ip`. */
  report: RateLimit | false;
  /** Testimonials submitted, per member token, on top of `ip`. */
  submit: RateLimit | false;
  /** Photos uploaded, per member token, on top of `ip`. */
  upload: RateLimit | false;
  /** Offer reveals, per member token, on top of `ip`. */
  reveal: RateLimit | false;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  ip: { limit: 600, windowMs: 60_000 },
  join: { limit: 30, windowMs: 60_000 },
  member: { limit: 60, windowMs: 60_000 },
  ask: { limit: 5, windowMs: 60_000 },
  vote: { limit: 60, windowMs: 60_000 },
  report: { limit: 10, windowMs: 60_000 },
  submit: { limit: 5, windowMs: 60 * 60_000 },
  upload: { limit: 10, windowMs: 60 * 60_000 },
  reveal: { limit: 10, windowMs: 60_000 },
};

/** Every limit off (tests, benchmarks). */
export const NO_RATE_LIMITS: RateLimits = {
  ip: false,
  join: false,
  member: false,
  ask: false,
  vote: false,
  report: false,
  submit: false,
  upload: false,
  reveal: false,
};

/** How long a bucket holding `tokens` (< 1) takes to hold one token again, in ms. */
export const waitFor = (tokens: number, rate: RateLimit): number =>
  Math.ceil(((1 - tokens) * rate.windowMs) / rate.limit);

/** Where the buckets live. */
export interface RateLimiter {
  /**
   * Takes one token from the bucket `name` for `key` (an IP address, a member token's hash);
   * resolves to 0 when allowed, else the milliseconds to wait. A bucket without a limit allows.
   */
  take(name: keyof RateLimits, key: string): Promise<number>;
}

/** Each limit's buckets in this process's memory: synchronous and cheap, not shared. */
export class MemoryRateLimiter implements RateLimiter {
  readonly #buckets = new Map<keyof RateLimits, TokenBuckets>();

  constructor(limits: RateLimits, clock: () => number) {
    for (const [name, rate] of Object.entries(limits) as [keyof RateLimits, RateLimit | false][]) {
      if (rate) this.#buckets.set(name, new TokenBuckets(rate, clock));
    }
  }

  take(name: keyof RateLimits, key: string): Promise<number> {
    return Promise.resolve(this.#buckets.get(name)?.take(key) ?? 0);
  }
}

interface Bucket {
  tokens: number;
  at: number;
}

export class TokenBuckets {
  readonly #buckets = new Map<string, Bucket>();
  #prunedAt = 0;

  constructor(
    readonly rate: RateLimit,
    private readonly clock: () => number,
  ) {}

  /** Takes one token for `key`; returns 0 when allowed, else the milliseconds to wait. */
  take(key: string): number {
    const now = this.clock();
    this.#prune(now);
    const bucket = this.#refill(this.#buckets.get(key), now);
    this.#buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return waitFor(bucket.tokens, this.rate);
  }

  #refill(bucket: Bucket | undefined, now: number): Bucket {
    if (!bucket) return { tokens: this.rate.limit, at: now };
    const refill = ((now - bucket.at) * this.rate.limit) / this.rate.windowMs;
    return { tokens: Math.min(this.rate.limit, bucket.tokens + refill), at: now };
  }

  /** Forgets, once per window, the buckets that have refilled completely. */
  #prune(now: number): void {
    if (now - this.#prunedAt < this.rate.windowMs) return;
    this.#prunedAt = now;
    for (const [key, bucket] of this.#buckets) {
      if (this.#refill(bucket, now).tokens >= this.rate.limit) this.#buckets.delete(key);
    }
  }
}
