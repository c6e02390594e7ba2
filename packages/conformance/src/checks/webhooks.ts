/**
 * Webhooks, as the owner manages them: create (a `whsec_` secret, shown once), list, change,
 * delete, the delivery log and a test message. Delivery itself is not checked: a backend may
 * send asynchronously, and the suite runs no receiver.
 */
import type { WebhookInput } from '@cercle/client/admin';
import { equal, expectError, expectInvalid, expectStatus, ok } from '../assert.js';
import type { Context } from '../context.js';
import { check } from './define.js';

/** An endpoint that never answers: `.example` names never resolve. */
const url = (ctx: Context, name: string) => `https://hooks.brand.example/${ctx.run}/${name}`;

const create = async (ctx: Context, json: WebhookInput) => {
  const community = await ctx.fx.community('hooks');
  return ctx.call('createWebhook', { community: community.slug }, { host: true, json });
};

/** The hooks community's first endpoint: member events, with a description. */
const hook = (ctx: Context) =>
  ctx.fx.once('webhook', async () => {
    const json = {
      url: url(ctx, 'members'),
      events: ['member.joined', 'member.left'] as WebhookInput['events'],
      description: 'The CRM',
    };
    const answer = await create(ctx, json);
    return { json, answer, created: expectStatus(answer, 201, 'creating a webhook') };
  });

const listed = async (ctx: Context) => {
  const community = await ctx.fx.community('hooks');
  const answer = await ctx.call('listWebhooks', { community: community.slug }, { host: true });
  return { answer, webhooks: expectStatus(answer, 200).webhooks };
};

export const webhookChecks = [
  check(
    'webhooks.create.secret',
    'creating a webhook answers 201, enabled, with its whsec_ secret; the list never shows it',
    async (ctx) => {
      const { json, created } = await hook(ctx);
      ok(created.secret.startsWith('whsec_'), 'the secret does not start with whsec_');
      const { webhook } = created;
      equal(
        [webhook.url, [...webhook.events].sort(), webhook.description],
        [json.url, [...json.events].sort(), json.description],
        'url, events and description',
      );
      equal(
        [webhook.enabled, webhook.includePersonalData],
        [true, false],
        'enabled and includePersonalData by default',
      );
      const { answer, webhooks } = await listed(ctx);
      ok(
        webhooks.some((w) => w.id === webhook.id),
        'the new webhook is not in the list',
      );
      ok(!answer.text.includes(created.secret), 'the webhook list holds the secret');
    },
  ),

  check(
    'webhooks.create.refused',
    'a webhook URL that is not https is 400 on url; no event or an unknown one is 400 on events',
    async (ctx) => {
      expectInvalid(
        await create(ctx, {
          url: `http://hooks.brand.example/${ctx.run}`,
          events: ['member.joined'],
        }),
        'url',
        'an http URL',
      );
      expectInvalid(await create(ctx, { url: url(ctx, 'none'), events: [] }), 'events', 'no event');
      expectInvalid(
        await create(ctx, {
          url: url(ctx, 'unknown'),
          events: ['order.paid'] as unknown as WebhookInput['events'],
        }),
        'events',
        'an unknown event',
      );
    },
  ),

  check(
    'webhooks.update.changed',
    'PATCH changes the events and description, and disables an endpoint',
    async (ctx) => {
      const community = await ctx.fx.community('hooks');
      const { webhook } = expectStatus(
        await create(ctx, { url: url(ctx, 'changing'), events: ['question.created'] }),
        201,
      );
      const json = {
        events: ['offer.revealed', 'offer.redeemed'] as WebhookInput['events'],
        description: 'Offers only',
        enabled: false,
      };
      const changed = expectStatus(
        await ctx.call(
          'updateWebhook',
          { community: community.slug, webhook: webhook.id },
          { host: true, json },
        ),
        200,
      );
      equal(
        [[...changed.events].sort(), changed.description, changed.enabled],
        [[...json.events].sort(), json.description, false],
        'events, description and enabled',
      );
      const { webhooks } = await listed(ctx);
      equal(
        webhooks.find((w) => w.id === webhook.id)?.enabled,
        false,
        'enabled in the list after disabling',
      );
    },
  ),

  check(
    'webhooks.delete.gone',
    'a deleted webhook (204) leaves the list; its deliveries and a second delete are 404',
    async (ctx) => {
      const community = await ctx.fx.community('hooks');
      const { webhook } = expectStatus(
        await create(ctx, { url: url(ctx, 'deleted'), events: ['member.joined'] }),
        201,
      );
      const params = { community: community.slug, webhook: webhook.id };
      expectStatus(await ctx.call('deleteWebhook', params, { host: true }), 204);
      const { webhooks } = await listed(ctx);
      ok(!webhooks.some((w) => w.id === webhook.id), 'the deleted webhook is still listed');
      expectError(
        await ctx.call('webhookDeliveries', params, { host: true }),
        404,
        'not_found',
        'its deliveries',
      );
      expectError(
        await ctx.call('deleteWebhook', params, { host: true }),
        404,
        'not_found',
        'deleting it again',
      );
    },
  ),

  check(
    'webhooks.test.queued',
    '"send test event" answers 202 with a webhook.test delivery, then in the delivery log',
    async (ctx) => {
      const community = await ctx.fx.community('hooks');
      const { created } = await hook(ctx);
      const params = { community: community.slug, webhook: created.webhook.id };
      const delivery = expectStatus(await ctx.call('testWebhook', params, { host: true }), 202);
      equal(delivery.event, 'webhook.test', 'the delivery’s event');
      const log = expectStatus(await ctx.call('webhookDeliveries', params, { host: true }), 200);
      ok(
        log.deliveries.some((d) => d.id === delivery.id),
        'the test delivery is not in the delivery log',
      );
    },
  ),
];
