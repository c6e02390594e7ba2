/** In-memory token buckets: `limit` requests per `windowMs`, refilled continuously. */

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
    return Math.ceil(((1 - bucket.tokens) * this.rate.windowMs) / this.rate.limit);
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
