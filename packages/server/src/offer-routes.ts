/** The offers' routes: community-only promo codes (issue #5). Store logic is in offers.ts. */
import { OfferTeaser, routes } from '@cercle/client';
import * as v from 'valibot';
import { invalid } from './errors.js';
import {
  importCodes,
  offerFunnel,
  offerTeaser,
  putOffer,
  recordCopy,
  recordRedemption,
  revealOffer,
} from './offers.js';
import type { AppContext, Handlers, RouteContext } from './route-context.js';

type OfferRoute =
  | 'getOffer'
  | 'revealOffer'
  | 'copyOffer'
  | 'reportRedemption'
  | 'putOffer'
  | 'importCodes'
  | 'offerFunnel';

const offerParam = (c: AppContext): string => c.req.param('offer') ?? '';

export function offerHandlers(context: RouteContext): Handlers<OfferRoute> {
  const { db, now } = context;

  /** The community and offer slug of the path, after the host key is checked. */
  function host(c: AppContext) {
    const community = context.requireCommunity(c);
    context.requireHost(c, community);
    return { community: community.slug, offer: offerParam(c) };
  }

  return {
    getOffer: (c) => {
      const community = context.requireCommunity(c);
      const viewer = context.optionalMember(c, community);
      return c.json(offerTeaser(db, community.slug, offerParam(c), now(), viewer));
    },

    revealOffer: (c) => {
      const community = context.requireCommunity(c);
      const member = context.requireActive(
        context.requireMember(c, community, 'reveal'),
        'promo codes',
      );
      return c.json(revealOffer(db, community.slug, offerParam(c), member, now()));
    },

    copyOffer: (c) => {
      const community = context.requireCommunity(c);
      const member = context.requireMember(c, community);
      recordCopy(db, community.slug, offerParam(c), member);
      return c.body(null, 204);
    },

    reportRedemption: async (c) => {
      const { community, offer } = host(c);
      const input = await context.readBody(c, routes.reportRedemption.body);
      const result = recordRedemption(db, community, offer, input, now());
      return c.json(result.body, result.status);
    },

    putOffer: async (c) => {
      const { community, offer } = host(c);
      if (!v.is(OfferTeaser.entries.id, offer)) {
        throw invalid('The offer id in the path must be a slug.', [
          { path: 'offer', message: 'must be a lowercase slug (a-z, 0-9, -)' },
        ]);
      }
      const input = await context.readBody(c, routes.putOffer.body);
      const result = putOffer(db, community, offer, input, now());
      return c.json(result.body, result.status);
    },

    importCodes: async (c) => {
      const { community, offer } = host(c);
      const input = await context.readBody(c, routes.importCodes.body);
      return c.json(importCodes(db, community, offer, input.codes));
    },

    offerFunnel: (c) => {
      const { community, offer } = host(c);
      return c.json(offerFunnel(db, community, offer, now()));
    },
  };
}
