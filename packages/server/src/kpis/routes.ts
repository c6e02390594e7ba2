/** KPIs' route: the figures of a community for its owner and analysts (`insights`). */
import { adminRoutes } from '@cercle/client/admin';
import type { Handlers, RouteContext } from '../core/context.js';
import { kpis } from './rules.js';

export function kpiHandlers(ctx: RouteContext): Handlers<'kpis'> {
  const { store, now } = ctx;
  return {
    kpis: async (c) => {
      const community = await ctx.requireCommunity(c);
      await ctx.requireHost(c, community);
      const query = ctx.readQuery(c, adminRoutes.kpis.query);
      return c.json(await kpis(store, community.slug, query, now()));
    },
  };
}
