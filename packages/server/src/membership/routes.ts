/** Membership's routes: health, communities, join, the member's views, export and leave. */
import { CONTRACT_VERSION, routes } from '@cercle/client';
import type { Handlers, RouteContext } from '../core/context.js';
import { change } from '../core/events.js';
import { eraseMemberContent, memberLiveExport } from '../live/rules.js';
import { memberOffersExport } from '../offers/rules.js';
import { memberReportsExport } from '../reports/rules.js';
import { eraseMemberTestimonials, memberTestimonialsExport } from '../wall/rules.js';
import { communityInfo, deleteMember, exportView, join, memberList, meView } from './rules.js';

type MembershipRoute =
  'health' | 'getCommunity' | 'join' | 'listMembers' | 'me' | 'exportMe' | 'leave';

export function membershipHandlers(ctx: RouteContext): Handlers<MembershipRoute> {
  const { store, now } = ctx;
  return {
    health: (c) => c.json({ ok: true, contract: CONTRACT_VERSION }),

    getCommunity: async (c) => c.json(communityInfo(await ctx.requireCommunity(c))),

    join: async (c) => {
      await ctx.limit('join', ctx.clientIp(c));
      const community = await ctx.requireCommunity(c);
      const key = ctx.idempotencyKey(c);
      const input = await ctx.readBody(c, routes.join.body);
      const member = {
        displayName: input.displayName,
        email: input.email,
        consentVersion: input.consent.version,
      };
      return ctx.answer(c, await join(store, community.slug, member, now(), key));
    },

    listMembers: async (c) => {
      const community = await ctx.requireCommunity(c);
      await ctx.requireHost(c, community);
      return c.json(await memberList(store, community.slug));
    },

    me: async (c) => {
      const community = await ctx.requireCommunity(c);
      return c.json(await meView(store, community, await ctx.requireMember(c, community)));
    },

    exportMe: async (c) => {
      const community = await ctx.requireCommunity(c);
      const member = await ctx.requireMember(c, community);
      return c.json({
        ...exportView(member, now()),
        ...(await memberLiveExport(store, member)),
        ...(await memberReportsExport(store, member)),
        ...(await memberTestimonialsExport(store, member, ctx.apiBase(c))),
        ...(await memberOffersExport(store, member)),
      });
    },

    leave: async (c) => {
      const community = await ctx.requireCommunity(c);
      const member = await ctx.requireMember(c, community);
      await change(ctx.live, community.slug, async (tx, emit) => {
        await eraseMemberContent(tx, member, emit);
        await eraseMemberTestimonials(tx, member);
        await deleteMember(tx, member, now());
      });
      await store.afterErase();
      return c.body(null, 204);
    },
  };
}
