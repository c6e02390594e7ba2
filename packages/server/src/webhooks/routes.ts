/** Webhooks' routes: the owner's endpoints, their secrets, test messages and delivery logs. */
import { adminRoutes } from '@cercle/client/admin';
import { actorKey, type AppContext, type Handlers, type RouteContext } from '../core/context.js';
import {
  createWebhook,
  deleteWebhook,
  listWebhooks,
  rotateWebhookSecret,
  testWebhook,
  updateWebhook,
  webhookDeliveries,
} from './rules.js';

type WebhookRoute =
  | 'listWebhooks'
  | 'createWebhook'
  | 'updateWebhook'
  | 'deleteWebhook'
  | 'rotateWebhookSecret'
  | 'testWebhook'
  | 'webhookDeliveries';

export function webhookHandlers(ctx: RouteContext): Handlers<WebhookRoute> {
  const { store, now } = ctx;

  /** The community, the owner acting, and the `{webhook}` of the path. */
  async function owner(c: AppContext) {
    const community = await ctx.requireCommunity(c);
    const actor = await ctx.requireHost(c, community);
    return { slug: community.slug, actor, id: c.req.param('webhook') ?? '' };
  }

  return {
    listWebhooks: async (c) => {
      const { slug } = await owner(c);
      return c.json({ webhooks: await listWebhooks(store, slug) });
    },

    createWebhook: async (c) => {
      const { slug, actor } = await owner(c);
      const key = ctx.idempotencyKey(c);
      const input = await ctx.readBody(c, adminRoutes.createWebhook.body);
      return ctx.answerOnce(c, slug, key, [actorKey(actor), input], 201, (tx) =>
        createWebhook(tx, slug, input, actor, now()),
      );
    },

    updateWebhook: async (c) => {
      const { slug, actor, id } = await owner(c);
      const input = await ctx.readBody(c, adminRoutes.updateWebhook.body);
      return c.json(
        await store.write(slug, (tx) => updateWebhook(tx, slug, id, input, actor, now())),
      );
    },

    deleteWebhook: async (c) => {
      const { slug, actor, id } = await owner(c);
      await store.write(slug, (tx) => deleteWebhook(tx, slug, id, actor, now()));
      return c.body(null, 204);
    },

    rotateWebhookSecret: async (c) => {
      const { slug, actor, id } = await owner(c);
      const key = ctx.idempotencyKey(c);
      return ctx.answerOnce(c, slug, key, [actorKey(actor), id], 200, (tx) =>
        rotateWebhookSecret(tx, slug, id, actor, now()),
      );
    },

    testWebhook: async (c) => {
      const { slug, actor, id } = await owner(c);
      const key = ctx.idempotencyKey(c);
      return ctx.answerOnce(c, slug, key, [actorKey(actor), id], 202, (tx) =>
        testWebhook(tx, slug, id, now()),
      );
    },

    webhookDeliveries: async (c) => {
      const { slug, id } = await owner(c);
      return c.json({ deliveries: await webhookDeliveries(store, slug, id) });
    },
  };
}
