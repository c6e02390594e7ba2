/**
 * Rate limits shared by two server instances on one PostgreSQL database (a real server:
 * embedded, or `CERCLE_TEST_DATABASE_URL`'s): a limit holds across both, whichever instance
 * answers, even for requests sent at once; the buckets hold no IP address or token in clear;
 * and the database's arithmetic is the in-memory buckets' (TokenBuckets).
 */
import { createHash } from 'node:crypto';
import {
  NO_RATE_LIMITS,
  PostgresRateLimiter,
  type PostgresStore,
  type RateLimits,
  type RunningServer,
} from '@cercle/server';
import { afterEach, describe, expect, it } from 'vitest';
import { TokenBuckets } from '../src/core/rate-limit.js';
import {
  call,
  expectError,
  joinAs,
  joinBody,
  startInstances,
  type Answer,
  type Instances,
} from './helpers.js';

const C = '/v1/communities/atelier';

let servers: RunningServer<PostgresStore>[] = [];
let instances: Instances | undefined;

/** Two instances on one fresh database, with `limits` on top of none. */
async function start(limits: Partial<RateLimits>): Promise<void> {
  instances = await startInstances({ rateLimits: { ...NO_RATE_LIMITS, ...limits } });
  servers = instances.servers;
}

afterEach(async () => {
  await instances?.stop();
  instances = undefined;
  servers = [];
});

/** The instance for the `i`-th request: alternating. */
const on = (i: number) => servers[i % 2]!.url;

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** A 429 `rate_limited` with a Retry-After of 1 to `maxSeconds` seconds. */
function expectLimited(answer: Answer, maxSeconds: number): void {
  expectError(answer, 429, 'rate_limited');
  const retryAfter = Number(answer.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(maxSeconds);
  expect(answer.body.error.details).toEqual({ retryAfterSeconds: retryAfter });
}

const join = (i: number) => call(on(i), `${C}/members`, { json: joinBody(`Joiner ${i}`) });

describe('rate limits on two instances sharing PostgreSQL', () => {
  it('refuses the 5th join from one IP under a limit of 4, whichever instance answers', async () => {
    await start({ join: { limit: 4, windowMs: 60_000 } });
    for (let i = 0; i < 4; i++) expect((await join(i)).status).toBe(201);
    // 4 per minute: one join back every 15 s.
    expectLimited(await join(4), 15);
    expectLimited(await join(5), 15);
    const rows = await servers[0]!.store.all<{ name: string; key: string }>(
      'SELECT name, key FROM rate_limits',
    );
    expect(rows).toEqual([{ name: 'join', key: sha256('127.0.0.1') }]);
  });

  it('lets exactly 4 of 12 joins sent at once through both instances in', async () => {
    await start({ join: { limit: 4, windowMs: 60_000 } });
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => join(i)));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(4);
    const refused = answers.filter((a) => a.status !== 201);
    expect(refused).toHaveLength(8);
    for (const answer of refused) expectLimited(answer, 15);
  });

  it("shares a member token's limit, and stores neither the token nor its hash", async () => {
    await start({ member: { limit: 3, windowMs: 60_000 } });
    const { token } = await joinAs(on(0), 'Ada');
    const { token: other } = await joinAs(on(1), 'Grace');
    const me = (i: number, t = token) => call(on(i), `${C}/members/me`, { token: t });
    for (let i = 0; i < 3; i++) expect((await me(i)).status).toBe(200);
    expectLimited(await me(3), 20);
    expectLimited(await me(4), 20);
    // Another member's bucket is their own.
    expect((await me(5, other)).status).toBe(200);

    const rows = await servers[1]!.store.all<{ name: string; key: string }>(
      'SELECT name, key FROM rate_limits ORDER BY key',
    );
    // The key is the SHA-256 of the token's hash (the members table's `token_hash`).
    expect(rows).toEqual(
      [sha256(sha256(token)), sha256(sha256(other))].sort().map((key) => ({ name: 'member', key })),
    );
    const dump = JSON.stringify(await servers[1]!.store.all('SELECT * FROM rate_limits'));
    for (const secret of [token, other, sha256(token), sha256(other)]) {
      expect(dump).not.toContain(secret);
    }
  });

  it('computes what TokenBuckets computes, refills, and prunes full buckets', async () => {
    await start({});
    let now = 1_700_000_000_000;
    const rate = { limit: 5, windowMs: 10_000 };
    const limits: RateLimits = { ...NO_RATE_LIMITS, ask: rate };
    const limiters = servers.map(
      (s) => new PostgresRateLimiter({ store: s.store, limits, clock: () => now }),
    );
    const memory = new TokenBuckets(rate, () => now);
    // Bursts, pauses shorter and longer than a token's 2 s, a full refill, through both.
    const steps = [0, 0, 0, 0, 0, 0, 0, 500, 1_500, 0, 0, 2_999, 1, 7, 20_000, 0, 0, 0, 0, 0, 0];
    const waits: number[][] = [];
    for (const [i, step] of steps.entries()) {
      now += step;
      waits.push([await limiters[i % 2]!.take('ask', 'k'), memory.take('k')]);
    }
    expect(waits.map(([pg]) => pg)).toEqual(waits.map(([, mem]) => mem));
    expect(waits.filter(([pg]) => pg! > 0).length).toBeGreaterThan(3);
    // Unlimited buckets take nothing and store nothing.
    expect(await limiters[0]!.take('join', 'k')).toBe(0);

    const count = () => servers[0]!.store.value<number>('SELECT COUNT(*) FROM rate_limits');
    expect(await count()).toBe(1);
    expect(await limiters[0]!.prune(now + 1_000)).toBe(0); // not full yet
    expect(await limiters[0]!.prune(now + rate.windowMs)).toBe(1);
    expect(await count()).toBe(0);
  });
});
