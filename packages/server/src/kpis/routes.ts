/** KPIs' routes: the figures of a community for its owner and analysts (`insights`), as JSON and CSV. */
import { adminRoutes } from '@cercle/client/admin';
import type { Handlers, RouteContext } from '../core/context.js';
import { kpiCsv } from './csv.js';
import { kpis } from './rules.js';

export function kpiHandlers(ctx: RouteContext): Handlers<'kpis' | 'kpisCsv'> {
  const { store, now } = ctx;
  return {
    kpis: async (c) => {
      const community = await ctx.requireCommunity(c);
      await ctx.requireHost(c, community);
      const query = ctx.readQuery(c, adminRoutes.kpis.query);
      return c.json(await kpis(store, community.slug, query, now()));
    },
    kpisCsv: async (c) => {
      const community = await ctx.requireCommunity(c);
      await ctx.requireHost(c, community);
      const { table, ...query } = ctx.readQuery(c, adminRoutes.kpisCsv.query);
      const k = await kpis(store, community.slug, query, now());
      return c.body(kpiCsv(k, table), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${community.slug}-kpis-${table}-${k.from}-${k.to}.csv"`,
      });
    },
  };
}
