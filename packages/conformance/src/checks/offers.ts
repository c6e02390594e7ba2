/** Offers: the teaser (never a code), reveals for members only, unique pools, expiry, copies. */
import {
  equal,
  expectError,
  expectInvalid,
  expectStatus,
  expectUnauthorized,
  ok,
  show,
} from '../assert.js';
import type { Context } from '../context.js';
import { inDays, type Offer } from '../fixtures.js';
import { check } from './define.js';

const teaser = (ctx: Context, offer: Offer, token?: string) =>
  ctx.call(
    'getOffer',
    { community: offer.community, offer: offer.id },
    token === undefined ? {} : { token },
  );

/** Fails when `text` holds any of the offer's codes. */
const noCode = (text: string, offer: Offer, where: string) => {
  const leaked = offer.codes.filter((code) => text.includes(code));
  ok(leaked.length === 0, `${where} holds ${leaked.length} of the offer's codes`);
};

/** Alice and Bob reveal the unique offer. */
const uniqueReveals = (ctx: Context) =>
  ctx.fx.once('unique reveals', async () => {
    const offer = await ctx.fx.offer('unique');
    const [alice, bob] = [await ctx.fx.alice(), await ctx.fx.bob()];
    return {
      offer,
      alice,
      bob,
      a: await ctx.fx.code(alice, offer.id),
      b: await ctx.fx.code(bob, offer.id),
    };
  });

/** The paused offer: Alice revealed her code, then the owner paused it. */
const paused = (ctx: Context) =>
  ctx.fx.once('paused offer', async () => {
    const offer = await ctx.fx.offer('paused');
    const alice = await ctx.fx.alice();
    const code = await ctx.fx.code(alice, offer.id);
    const answer = await ctx.call(
      'putOffer',
      { community: offer.community, offer: offer.id },
      { host: true, json: { ...offer.input, paused: true } },
    );
    return { offer, alice, code, answer };
  });

export const offerChecks = [
  check(
    'offers.put.created',
    'the host creates an offer (201), then changes it (200)',
    async (ctx) => {
      const offer = await ctx.fx.offer('put');
      const created = expectStatus(offer.created, 201);
      equal(
        [created.id, created.kind, created.title, created.codesTotal],
        [offer.id, 'shared', offer.input.title, null],
        'id, kind, title, codesTotal',
      );
      const changed = await ctx.call(
        'putOffer',
        { community: offer.community, offer: offer.id },
        { host: true, json: { ...offer.input, title: 'Renamed offer' } },
      );
      equal(expectStatus(changed, 200).title, 'Renamed offer', 'title after the change');
    },
  ),

  check(
    'offers.put.shared-needs-code',
    'a shared offer without sharedCode is 400 on sharedCode',
    async (ctx) => {
      const main = await ctx.fx.main();
      const answer = await ctx.call(
        'putOffer',
        { community: main.slug, offer: `o-nocode-${ctx.run}` },
        {
          host: true,
          json: {
            title: 'x',
            benefit: 'y',
            conditions: '',
            expiresAt: inDays(3),
            disclosure: 'none',
            kind: 'shared',
          },
        },
      );
      expectInvalid(answer, 'sharedCode');
    },
  ),

  check(
    'offers.put.requires-host',
    'creating an offer without the host key is 401',
    async (ctx) => {
      const main = await ctx.fx.main();
      const answer = await ctx.call(
        'putOffer',
        { community: main.slug, offer: `o-nohost-${ctx.run}` },
        {
          json: {
            title: 'x',
            benefit: 'y',
            conditions: '',
            expiresAt: inDays(3),
            disclosure: 'none',
            kind: 'unique',
          },
        },
      );
      expectUnauthorized(answer);
    },
  ),

  check(
    'offers.codes.import',
    'importing codes counts what was added and what was a duplicate',
    async (ctx) => {
      const offer = await ctx.fx.offer('import');
      const params = { community: offer.community, offer: offer.id };
      const codes = [`IMP-${ctx.run}-1`, `IMP-${ctx.run}-2`, `IMP-${ctx.run}-1`];
      const first = expectStatus(
        await ctx.call('importCodes', params, { host: true, json: { codes } }),
        200,
      );
      equal(
        [first.added, first.duplicates, first.codesTotal, first.codesRemaining],
        [2, 1, 2, 2],
        'added, duplicates, total, remaining',
      );
      const again = expectStatus(
        await ctx.call('importCodes', params, {
          host: true,
          json: { codes: [`IMP-${ctx.run}-2`, `IMP-${ctx.run}-3`] },
        }),
        200,
      );
      equal(
        [again.added, again.duplicates, again.codesTotal],
        [1, 1, 3],
        'added, duplicates, total of the second import',
      );
    },
  ),

  check('offers.codes.shared', 'importing codes into a shared offer is 409', async (ctx) => {
    const offer = await ctx.fx.offer('shared');
    const answer = await ctx.call(
      'importCodes',
      { community: offer.community, offer: offer.id },
      { host: true, json: { codes: [`X-${ctx.run}`] } },
    );
    expectError(answer, 409, 'conflict');
  }),

  check(
    'offers.codes.invalid',
    'a code that is not 3–64 visible characters is 400 on codes',
    async (ctx) => {
      const offer = await ctx.fx.offer('unique');
      const answer = await ctx.call(
        'importCodes',
        { community: offer.community, offer: offer.id },
        { host: true, json: { codes: ['ab'] } },
      );
      expectInvalid(answer, 'codes');
    },
  ),

  check('offers.teaser.public', 'anyone reads the teaser: active, not revealed', async (ctx) => {
    const offer = await ctx.fx.offer('unique');
    const body = expectStatus(await teaser(ctx, offer), 200);
    equal(
      [body.id, body.kind, body.status, body.revealedByMe],
      [offer.id, 'unique', 'active', false],
      'id, kind, status, revealedByMe',
    );
    equal(
      [body.title, body.benefit, body.disclosure],
      [offer.input.title, offer.input.benefit, 'publicite'],
      'title, benefit, disclosure',
    );
  }),

  check(
    'offers.teaser.no-code',
    'the teaser never carries a code, before or after a reveal',
    async (ctx) => {
      const { offer, alice } = await uniqueReveals(ctx);
      for (const token of [undefined, alice.token]) {
        const answer = await teaser(ctx, offer, token);
        expectStatus(answer, 200);
        noCode(
          answer.text,
          offer,
          token ? 'the teaser to a member who revealed' : 'the public teaser',
        );
      }
      const shared = await ctx.fx.offer('shared');
      await ctx.fx.code(alice, shared.id);
      noCode((await teaser(ctx, shared, alice.token)).text, shared, 'the shared teaser');
    },
  ),

  check(
    'offers.teaser.revealed-by-me',
    'with a member token the teaser says whether they revealed',
    async (ctx) => {
      const { offer, alice } = await uniqueReveals(ctx);
      equal(
        expectStatus(await teaser(ctx, offer, alice.token), 200).revealedByMe,
        true,
        'revealedByMe after a reveal',
      );
      const carol = await ctx.fx.carol();
      equal(
        expectStatus(await teaser(ctx, offer, carol.token), 200).revealedByMe,
        false,
        'revealedByMe before any reveal',
      );
    },
  ),

  check('offers.teaser.unknown', 'an unknown offer is 404', async (ctx) => {
    const main = await ctx.fx.main();
    expectError(
      await ctx.call('getOffer', { community: main.slug, offer: 'o-nowhere' }),
      404,
      'not_found',
    );
  }),

  check('offers.reveal.requires-member', 'revealing without a member token is 401', async (ctx) => {
    const offer = await ctx.fx.offer('unique');
    expectUnauthorized(
      await ctx.call('revealOffer', { community: offer.community, offer: offer.id }),
    );
  }),

  check('offers.reveal.waitlisted', 'a waitlisted member cannot reveal (403)', async (ctx) => {
    const offer = await ctx.fx.offer('full');
    const waiting = await ctx.fx.waitlisted();
    expectError(await ctx.fx.reveal(waiting, offer.id), 403, 'forbidden');
  }),

  check(
    'offers.reveal.code',
    'a member reveals a code of the pool, with the offer and expiry',
    async (ctx) => {
      const { offer, a } = await uniqueReveals(ctx);
      ok(offer.codes.includes(a), `the code revealed is not one of the pool: ${show(a)}`);
      const alice = await ctx.fx.alice();
      const again = expectStatus(await ctx.fx.reveal(alice, offer.id), 200);
      equal(
        [again.offer, Date.parse(again.expiresAt)],
        [offer.id, Date.parse(offer.input.expiresAt)],
        'offer and expiresAt',
      );
    },
  ),

  check(
    'offers.reveal.same-code',
    'every reveal by a member answers the same code',
    async (ctx) => {
      const { offer, alice, a } = await uniqueReveals(ctx);
      equal(
        expectStatus(await ctx.fx.reveal(alice, offer.id), 200).code,
        a,
        'the code on a second reveal',
      );
    },
  ),

  check('offers.reveal.distinct', 'two members never get the same unique code', async (ctx) => {
    const { a, b } = await uniqueReveals(ctx);
    ok(a !== b, 'two members were given the same unique code');
  }),

  check(
    'offers.reveal.shared',
    'a shared offer reveals its one code to every member',
    async (ctx) => {
      const offer = await ctx.fx.offer('shared');
      const [alice, carol] = [await ctx.fx.alice(), await ctx.fx.carol()];
      equal(
        [await ctx.fx.code(alice, offer.id), await ctx.fx.code(carol, offer.id)],
        [offer.codes[0], offer.codes[0]],
        'the codes revealed',
      );
    },
  ),

  check(
    'offers.reveal.exhausted',
    'when the pool is empty a new member gets 409 offer_exhausted',
    async (ctx) => {
      const offer = await ctx.fx.offer('single');
      const [alice, bob] = [await ctx.fx.alice(), await ctx.fx.bob()];
      const code = await ctx.fx.code(alice, offer.id);
      expectError(await ctx.fx.reveal(bob, offer.id), 409, 'offer_exhausted');
      equal(
        expectStatus(await teaser(ctx, offer), 200).status,
        'exhausted',
        'status of the teaser',
      );
      equal(await ctx.fx.code(alice, offer.id), code, 'the code of the member who holds one');
    },
  ),

  check(
    'offers.reveal.expired',
    'past expiresAt a reveal is 410 offer_expired and the teaser says expired',
    async (ctx) => {
      const offer = await ctx.fx.offer('expired');
      expectError(await ctx.fx.reveal(await ctx.fx.carol(), offer.id), 410, 'offer_expired');
      equal(expectStatus(await teaser(ctx, offer), 200).status, 'expired', 'status of the teaser');
    },
  ),

  check('offers.reveal.unknown', 'revealing an unknown offer is 404', async (ctx) => {
    const carol = await ctx.fx.carol();
    expectError(await ctx.fx.reveal(carol, 'o-nowhere'), 404, 'not_found');
  }),

  check('offers.copy.before-reveal', 'copying before revealing is 409 conflict', async (ctx) => {
    const offer = await ctx.fx.offer('unique');
    const carol = await ctx.fx.carol();
    const answer = await ctx.call(
      'copyOffer',
      { community: offer.community, offer: offer.id },
      { token: carol.token },
    );
    expectError(answer, 409, 'conflict');
  }),

  check(
    'offers.copy.counted',
    'a copy after a reveal answers 204 and counts in the funnel',
    async (ctx) => {
      const { offer, bob } = await uniqueReveals(ctx);
      const params = { community: offer.community, offer: offer.id };
      const funnel = async () =>
        expectStatus(await ctx.call('offerFunnel', params, { host: true }), 200).copies;
      const before = await funnel();
      expectStatus(await ctx.call('copyOffer', params, { token: bob.token }), 204);
      equal(await funnel(), before + 1, 'copies after one copy');
    },
  ),

  check('offers.copy.requires-member', 'copying without a member token is 401', async (ctx) => {
    const offer = await ctx.fx.offer('unique');
    expectUnauthorized(
      await ctx.call('copyOffer', { community: offer.community, offer: offer.id }),
    );
  }),

  check(
    'offers.host.list',
    'the host’s list has the offers with their code counts, never a code',
    async (ctx) => {
      const offer = await ctx.fx.offer('unique');
      const answer = await ctx.call('hostOffers', { community: offer.community }, { host: true });
      const listed = expectStatus(answer, 200).offers.find((o) => o.id === offer.id);
      ok(listed, `${offer.id} is not in the host’s offer list`);
      equal(listed.codesTotal, offer.codes.length, 'codesTotal');
      ok(
        listed.codesRemaining !== null && listed.codesRemaining <= offer.codes.length,
        `codesRemaining is ${show(listed.codesRemaining)}`,
      );
      noCode(answer.text, offer, 'the host’s offer list');
    },
  ),

  check(
    'offers.paused.teaser',
    'a paused offer says so: status paused in the teaser, paused in the host’s list',
    async (ctx) => {
      const { offer, answer } = await paused(ctx);
      equal(expectStatus(answer, 200).paused, true, 'paused in the answer');
      equal(expectStatus(await teaser(ctx, offer), 200).status, 'paused', 'the teaser’s status');
      const list = expectStatus(
        await ctx.call('hostOffers', { community: offer.community }, { host: true }),
        200,
      );
      equal(list.offers.find((o) => o.id === offer.id)?.paused, true, 'paused in the list');
    },
  ),

  check(
    'offers.paused.reveal',
    'a paused offer gives no new code (409 conflict); a member who revealed before still gets theirs',
    async (ctx) => {
      const { offer, alice, code } = await paused(ctx);
      const carol = await ctx.fx.carol();
      expectError(await ctx.fx.reveal(carol, offer.id), 409, 'conflict', 'a new reveal');
      equal(await ctx.fx.code(alice, offer.id), code, 'Alice’s code after the pause');
    },
  ),
];
