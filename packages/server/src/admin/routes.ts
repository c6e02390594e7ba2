/**
 * The brand's side: communities (operator), who a host is, settings, the team and its
 * invitations, the audit log. Sessions, offers and webhooks lists live with their features.
 */
import { adminRoutes } from '@cercle/client/admin';
import { ROLE_PERMISSIONS } from '@cercle/client';
import { actorKey, type Handlers, type RouteContext } from '../core/context.js';
import { auditCsv, auditPage } from '../audit/rules.js';
import {
  createCommunity,
  hostCommunityView,
  listCommunities,
  updateSettings,
} from '../communities/rules.js';
import {
  acceptInvitation,
  hostView,
  invite,
  revokeHost,
  revokeInvitation,
  team,
  updateHost,
} from '../hosts/rules.js';
import { requireCommunityRow } from '../membership/rules.js';

type AdminRoute =
  | 'createCommunity'
  | 'listCommunities'
  | 'hostMe'
  | 'hostSettings'
  | 'updateSettings'
  | 'team'
  | 'invite'
  | 'revokeInvitation'
  | 'acceptInvitation'
  | 'updateHost'
  | 'revokeHost'
  | 'auditLog'
  | 'auditCsv';

export function adminHandlers(ctx: RouteContext): Handlers<AdminRoute> {
  const { store, now } = ctx;
  const write = <T>(slug: string, fn: Parameters<typeof store.write<T>>[1]) =>
    store.write(slug, fn);

  return {
    createCommunity: async (c) => {
      await ctx.requireOperator(c);
      const key = ctx.idempotencyKey(c);
      const input = await ctx.readBody(c, adminRoutes.createCommunity.body);
      return ctx.answer(c, await createCommunity(store, input, now(), key));
    },

    listCommunities: async (c) => {
      await ctx.requireOperator(c);
      return c.json({ communities: await listCommunities(store) });
    },

    hostMe: async (c) => {
      const actor = await ctx.requireHost(c, null);
      if (actor.kind !== 'host') throw new Error('hostMe takes host keys only');
      const { host } = actor;
      return c.json({
        host: hostView(host),
        community: await hostCommunityView(store, await requireCommunityRow(store, host.community)),
        permissions: [...ROLE_PERMISSIONS[host.role]],
      });
    },

    hostSettings: async (c) => {
      const community = await ctx.requireCommunity(c);
      await ctx.requireHost(c, community);
      return c.json(await hostCommunityView(store, community));
    },

    updateSettings: async (c) => {
      const community = await ctx.requireCommunity(c);
      const actor = await ctx.requireHost(c, community);
      const input = await ctx.readBody(c, adminRoutes.updateSettings.body);
      return c.json(await updateSettings(store, community, input, actor, now()));
    },

    team: async (c) => {
      const community = await ctx.requireCommunity(c);
      await ctx.requireHost(c, community);
      return c.json(await team(store, community.slug, now()));
    },

    invite: async (c) => {
      const community = await ctx.requireCommunity(c);
      const actor = await ctx.requireHost(c, community);
      const key = ctx.idempotencyKey(c);
      const input = await ctx.readBody(c, adminRoutes.invite.body);
      return ctx.answerOnce(c, community.slug, key, [actorKey(actor), input], 201, (tx) =>
        invite(tx, community.slug, input, actor, now()),
      );
    },

    revokeInvitation: async (c) => {
      const community = await ctx.requireCommunity(c);
      const actor = await ctx.requireHost(c, community);
      const id = c.req.param('invitation') ?? '';
      await write(community.slug, (tx) => revokeInvitation(tx, community.slug, id, actor, now()));
      return c.body(null, 204);
    },

    acceptInvitation: async (c) => {
      const community = await ctx.requireCommunity(c);
      const key = ctx.idempotencyKey(c);
      const input = await ctx.readBody(c, adminRoutes.acceptInvitation.body);
      // A retry whose first answer was lost gets the same key back (sealed under its
      // Idempotency-Key, like a join's token), not a 404 for a token already used.
      return ctx.answerOnce(c, community.slug, key, input, 201, (tx) =>
        acceptInvitation(tx, community.slug, input, now()),
      );
    },

    updateHost: async (c) => {
      const community = await ctx.requireCommunity(c);
      const actor = await ctx.requireHost(c, community);
      const input = await ctx.readBody(c, adminRoutes.updateHost.body);
      const id = c.req.param('host') ?? '';
      return c.json(
        await write(community.slug, (tx) =>
          updateHost(tx, community.slug, id, input, actor, now()),
        ),
      );
    },

    revokeHost: async (c) => {
      const community = await ctx.requireCommunity(c);
      const actor = await ctx.requireHost(c, community);
      const id = c.req.param('host') ?? '';
      await write(community.slug, (tx) => revokeHost(tx, community.slug, id, actor, now()));
      return c.body(null, 204);
    },

    auditLog: async (c) => {
      const community = await ctx.requireCommunity(c);
      await ctx.requireHost(c, community);
      const query = ctx.readQuery(c, adminRoutes.auditLog.query);
      return c.json(await auditPage(store, community.slug, query));
    },

    auditCsv: async (c) => {
      const community = await ctx.requireCommunity(c);
      await ctx.requireHost(c, community);
      return c.body(await auditCsv(store, community.slug), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${community.slug}-audit.csv"`,
      });
    },
  };
}
