/**
 * Rate limits: reveals are limited per member (docs/contract.md), so a burst of reveals by one
 * member must meet a 429 `rate_limited` with `Retry-After`, while other members go on.
 */
import { equal, expectError, expectStatus, fail, ok } from '../assert.js';
import type { Context } from '../context.js';
import type { Answer } from '../http.js';
import { check } from './define.js';

/** Most reveals the suite sends in a burst before it calls the backend unlimited. */
const BURST = 40;

const burst = (ctx: Context) =>
  ctx.fx.once('reveal burst', async () => {
    const offer = await ctx.fx.offer('burst');
    const member = await ctx.fx.member('burst');
    let limited: Answer<unknown> | undefined;
    for (let i = 0; i < BURST && !limited; i++) {
      const answer = await ctx.fx.reveal(member, offer.id, { expectRateLimit: true });
      if (answer.status === 429) limited = answer;
      else expectStatus(answer, 200, `reveal ${i + 1} of the burst`);
    }
    if (!limited) fail(`${BURST} reveals in a row by one member met no 429`);
    return { offer, limited };
  });

export const rateLimitChecks = [
  check(
    'rate-limits.reveal.burst',
    'a burst of reveals by one member meets 429 rate_limited',
    async (ctx) => {
      const { limited } = await burst(ctx);
      expectError(limited, 429, 'rate_limited');
    },
  ),

  check(
    'rate-limits.reveal.retry-after',
    'a 429 says when to come back: Retry-After, whole seconds ≥ 1',
    async (ctx) => {
      const { limited } = await burst(ctx);
      const header = limited.headers.get('retry-after');
      ok(
        header !== null && /^\d+$/.test(header.trim()),
        `Retry-After is ${JSON.stringify(header)}`,
      );
      ok(Number(header) >= 1, `Retry-After is ${header}`);
      const details = limited.error?.details as { retryAfterSeconds?: unknown } | undefined;
      if (details?.retryAfterSeconds !== undefined) {
        equal(
          details.retryAfterSeconds,
          Number(header),
          'details.retryAfterSeconds against Retry-After',
        );
      }
    },
  ),

  check(
    'rate-limits.reveal.per-member',
    'while one member is limited, another still reveals',
    async (ctx) => {
      const { offer } = await burst(ctx);
      const other = await ctx.fx.pooled('reveal');
      expectStatus(await ctx.fx.reveal(other, offer.id), 200);
    },
  ),
];
