/** Redemptions (the brand's backend reports orders) and the funnel. */
import {
  equal,
  expectError,
  expectInvalid,
  expectStatus,
  expectUnauthorized,
  ok,
  show,
} from '../assert.js';
import { randomWord, type Context } from '../context.js';
import type { Offer } from '../fixtures.js';
import { check } from './define.js';

const order = () => `order-${randomWord(10)}`;

const redeem = (ctx: Context, offer: Offer, json: Record<string, unknown>) =>
  ctx.call(
    'reportRedemption',
    { community: offer.community, offer: offer.id },
    { host: true, json: { amount: 42.5, currency: 'EUR', ...json } },
  );

/** A pooled member's code of the redeem offer, reported once. */
const attributed = (ctx: Context) =>
  ctx.fx.once('attributed order', async () => {
    const offer = await ctx.fx.offer('redeem');
    const member = await ctx.fx.pooled('reveal');
    const code = await ctx.fx.code(member, offer.id);
    const orderId = order();
    const first = await redeem(ctx, offer, { code, orderId });
    return { offer, member, code, orderId, first };
  });

/** The funnel offer: one teaser view, one reveal, one copy, one good order and one unknown code. */
const funnel = (ctx: Context) =>
  ctx.fx.once('funnel', async () => {
    const offer = await ctx.fx.offer('funnel');
    const params = { community: offer.community, offer: offer.id };
    expectStatus(await ctx.call('getOffer', params), 200);
    const member = await ctx.fx.pooled('reveal');
    const code = await ctx.fx.code(member, offer.id);
    expectStatus(await ctx.call('copyOffer', params, { token: member.token }), 204);
    const good = order();
    const bad = order();
    expectStatus(await redeem(ctx, offer, { code, orderId: good, amount: 10 }), 201);
    expectStatus(
      await redeem(ctx, offer, { code: `NOPE-${ctx.run}`, orderId: bad, amount: 5 }),
      201,
    );
    const answer = await ctx.call('offerFunnel', params, { host: true });
    return { offer, code, good, bad, answer, body: expectStatus(answer, 200) };
  });

export const redemptionChecks = [
  check(
    'offers.redemptions.attributed',
    'an order with a unique code is recorded (201) for the member it was revealed to',
    async (ctx) => {
      const { offer, member, orderId, first } = await attributed(ctx);
      const body = expectStatus(first, 201);
      equal(
        [body.offer, body.orderId, body.memberId, body.flags],
        [offer.id, orderId, member.id, []],
        'offer, orderId, memberId, flags',
      );
      equal([body.amount, body.currency], [42.5, 'EUR'], 'amount and currency');
    },
  ),

  check(
    'offers.redemptions.idempotent',
    'the same order id again answers 200 with the first record',
    async (ctx) => {
      const { offer, code, orderId, first } = await attributed(ctx);
      const again = await redeem(ctx, offer, { code, orderId, amount: 99 });
      const body = expectStatus(again, 200);
      equal(body, expectStatus(first, 201), 'the record answered the second time');
    },
  ),

  check(
    'offers.redemptions.duplicate',
    'a unique code used by a second order is flagged duplicate',
    async (ctx) => {
      const { offer, code } = await attributed(ctx);
      const body = expectStatus(await redeem(ctx, offer, { code, orderId: order() }), 201);
      ok(body.flags.includes('duplicate'), `flags: ${show(body.flags)}`);
    },
  ),

  check(
    'offers.redemptions.unknown-code',
    'a code that is not the offer’s is flagged unknown_code, for nobody',
    async (ctx) => {
      const offer = await ctx.fx.offer('redeem');
      const body = expectStatus(
        await redeem(ctx, offer, { code: `NOT-${ctx.run}`, orderId: order() }),
        201,
      );
      equal([body.flags, body.memberId], [['unknown_code'], null], 'flags and memberId');
    },
  ),

  check(
    'offers.redemptions.after-expiry',
    'an order placed after expiresAt is flagged after_expiry',
    async (ctx) => {
      const offer = await ctx.fx.offer('redeem');
      const orderedAt = new Date(Date.parse(offer.input.expiresAt) + 86_400_000).toISOString();
      const body = expectStatus(
        await redeem(ctx, offer, { code: offer.codes.at(-1), orderId: order(), orderedAt }),
        201,
      );
      ok(body.flags.includes('after_expiry'), `flags: ${show(body.flags)}`);
      ok(
        !body.flags.includes('unknown_code'),
        `a code of the pool is flagged unknown: ${show(body.flags)}`,
      );
    },
  ),

  check(
    'offers.redemptions.shared',
    'an order with the shared code is recorded, unflagged and for nobody',
    async (ctx) => {
      const offer = await ctx.fx.offer('shared');
      const body = expectStatus(
        await redeem(ctx, offer, { code: offer.codes[0], orderId: order() }),
        201,
      );
      equal([body.flags, body.memberId], [[], null], 'flags and memberId');
    },
  ),

  check(
    'offers.redemptions.requires-host',
    'reporting an order needs the host key',
    async (ctx) => {
      const offer = await ctx.fx.offer('redeem');
      const params = { community: offer.community, offer: offer.id };
      const json = { code: 'X-1', orderId: order(), amount: 1, currency: 'EUR' };
      expectUnauthorized(await ctx.call('reportRedemption', params, { json }));
      const alice = await ctx.fx.alice();
      const asMember = await ctx.call('reportRedemption', params, { json, token: alice.token });
      ok(
        asMember.status === 401 || asMember.status === 403,
        `${asMember.label} with a member token answered ${asMember.status}`,
      );
    },
  ),

  check(
    'offers.redemptions.validation',
    'a currency that is not ISO 4217 is 400 on currency',
    async (ctx) => {
      const offer = await ctx.fx.offer('redeem');
      expectInvalid(
        await redeem(ctx, offer, { code: 'X-1', orderId: order(), currency: 'euro' }),
        'currency',
      );
    },
  ),

  check(
    'offers.redemptions.unknown-offer',
    'reporting an order for an unknown offer is 404',
    async (ctx) => {
      const main = await ctx.fx.main();
      const answer = await ctx.call(
        'reportRedemption',
        { community: main.slug, offer: 'o-nowhere' },
        { host: true, json: { code: 'X-1', orderId: order(), amount: 1, currency: 'EUR' } },
      );
      expectError(answer, 404, 'not_found');
    },
  ),

  check(
    'offers.funnel.counts',
    'the funnel counts views, reveals, copies, orders and flagged orders',
    async (ctx) => {
      const { body } = await funnel(ctx);
      ok(body.teaserViews >= 1, `teaserViews is ${body.teaserViews} after a view`);
      equal(
        [body.reveals, body.copies, body.redemptions, body.flagged],
        [1, 1, 2, 1],
        'reveals, copies, redemptions, flagged',
      );
      equal(
        [body.offer.codesTotal, body.offer.codesRemaining],
        [3, 2],
        'codesTotal and codesRemaining',
      );
    },
  ),

  check('offers.funnel.revenue', 'attributable revenue leaves flagged orders out', async (ctx) => {
    const { body, good, bad } = await funnel(ctx);
    equal(body.revenue, [{ currency: 'EUR', amount: 10 }], 'revenue');
    const ids = body.recent.map((r) => r.orderId);
    ok(ids.includes(good) && ids.includes(bad), `recent lacks an order: ${show(ids)}`);
  }),

  check('offers.funnel.no-code', 'the funnel never carries a code', async (ctx) => {
    const { answer, code } = await funnel(ctx);
    ok(!answer.text.includes(code), 'the funnel holds a revealed code');
  }),

  check('offers.funnel.requires-host', 'the funnel without the host key is 401', async (ctx) => {
    const offer = await ctx.fx.offer('redeem');
    expectUnauthorized(
      await ctx.call('offerFunnel', { community: offer.community, offer: offer.id }),
    );
  }),
];
