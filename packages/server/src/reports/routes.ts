/** Reports' routes: anyone files a notice, the host lists and decides. */
import { routes } from '@cercle/client';
import type { Handlers, RouteContext } from '../core/context.js';
import { decideReport, fileReport, listReports } from './rules.js';

export function reportHandlers(
  ctx: RouteContext,
): Handlers<'report' | 'listReports' | 'decideReport'> {
  return {
    report: async (c) => {
      await ctx.limit('report', ctx.clientIp(c));
      const community = await ctx.requireCommunity(c);
      const reporter = await ctx.optionalMember(c, community);
      const key = ctx.idempotencyKey(c);
      const input = await ctx.readBody(c, routes.report.body);
      return ctx.answer(c, await fileReport(ctx.live, community.slug, input, reporter, key));
    },

    listReports: async (c) => {
      const community = await ctx.requireCommunity(c);
      await ctx.requireHost(c, community);
      return c.json(await listReports(ctx.store, community.slug));
    },

    decideReport: async (c) => {
      const community = await ctx.requireCommunity(c);
      const actor = await ctx.requireHost(c, community);
      const key = ctx.idempotencyKey(c);
      const input = await ctx.readBody(c, routes.decideReport.body);
      const id = c.req.param('report') ?? '';
      return ctx.answer(c, await decideReport(ctx.live, community.slug, id, input, key, actor));
    },
  };
}
