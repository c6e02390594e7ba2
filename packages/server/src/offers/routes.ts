/** The offers' routes: community-only promo codes. The rules are in rules.ts. */
import { OfferTeaser, routes } from '@cercle/client';
import * as v from 'valibot';
import type { AppContext, Handlers, RouteContext } from '../core/context.js';
import { refuse } from '../core/errors.js';
import {
  hostOffers,
  importCodes,
  offerFunnel,
  offerTeaser,
  putOffer,
  recordCopy,
  recordRedemption,
  revealOffer,
} from './rules.js';

type OfferRoute =
  | 'getOffer'
  | 'revealOffer'
  | 'copyOffer'
  | 'reportRedemption'
  | 'putOffer'
  | 'importCodes'
  | 'offerFunnel'
  | 'hostOffers';

const offerParam = (c: AppContext): string => c.req.param('offer') ?? '';

export function offerHandlers(ctx: RouteContext): Handlers<OfferRoute> {
  const { store, now } = ctx;

  /** The community and offer slug of the path, after the host key is checked. */
  async function host(c: AppContext) {
    const community = await ctx.requireCommunity(c);
    const actor = await ctx.requireHost(c, community);
    return { community: community.slug, offer: offerParam(c), actor };
  }

  return {
    getOffer: async (c) => {
      const community = await ctx.requireCommunity(c);
      const viewer = await ctx.optionalMember(c, community);
      return c.json(await offerTeaser(store, community.slug, offerParam(c), now(), viewer));
    },

    revealOffer: async (c) => {
      const community = await ctx.requireCommunity(c);
      const member = ctx.requireActive(
        await ctx.requireMember(c, community, 'reveal'),
        'promo codes',
      );
      return c.json(await revealOffer(store, community.slug, offerParam(c), member, now()));
    },

    copyOffer: async (c) => {
      const community = await ctx.requireCommunity(c);
      const member = await ctx.requireMember(c, community);
      const key = ctx.idempotencyKey(c);
      const result = await recordCopy(store, community.slug, offerParam(c), member, now(), key);
      if (result.replayed) c.header('Idempotent-Replayed', 'true');
      return c.body(null, 204);
    },

    reportRedemption: async (c) => {
      const { community, offer } = await host(c);
      const input = await ctx.readBody(c, routes.reportRedemption.body);
      const result = await recordRedemption(store, community, offer, input, now());
      return c.json(result.body, result.status);
    },

    putOffer: async (c) => {
      const { community, offer, actor } = await host(c);
      if (!v.is(OfferTeaser.entries.id, offer)) throw refuse.badSlug('offer');
      const input = await ctx.readBody(c, routes.putOffer.body);
      const result = await putOffer(store, community, offer, input, now(), actor);
      return c.json(result.body, result.status);
    },

    importCodes: async (c) => {
      const { community, offer, actor } = await host(c);
      const key = ctx.idempotencyKey(c);
      const input = await ctx.readBody(c, routes.importCodes.body);
      const codes = input.codes;
      return ctx.answer(c, await importCodes(store, community, offer, codes, now(), key, actor));
    },

    hostOffers: async (c) => {
      const community = await ctx.requireCommunity(c);
      await ctx.requireHost(c, community);
      return c.json({ offers: await hostOffers(store, community.slug, now()) });
    },

    offerFunnel: async (c) => {
      const { community, offer } = await host(c);
      return c.json(await offerFunnel(store, community, offer, now()));
    },
  };
}
