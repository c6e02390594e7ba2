/** The error shape, and what every JSON endpoint refuses: bad JSON, wrong type, too big, unknown fields. */
import { equal, expectError, expectInvalid, expectStatus, ok, show } from '../assert.js';
import type { Context } from '../context.js';
import { check } from './define.js';

/** A raw create-community request (operator key) with `body` and `contentType`. */
const create = (ctx: Context, body: string, contentType = 'application/json') =>
  ctx.call('createCommunity', {}, { operator: true, body, contentType });

export const errorChecks = [
  check(
    'errors.route.unknown',
    'an unknown route is 404 not_found, in the error shape',
    async (ctx) => {
      expectError(await ctx.request(`/v1/no-such-route-${ctx.run}`), 404, 'not_found');
    },
  ),

  check(
    'errors.route.wrong-method',
    'a method a path does not take is refused in the error shape',
    async (ctx) => {
      const main = await ctx.fx.main();
      const answer = await ctx.request(`/v1/communities/${main.slug}`, { method: 'DELETE' });
      ok(answer.status >= 400 && answer.status < 500, `${answer.label} answered ${answer.status}`);
      ok(
        answer.error !== undefined,
        `${answer.label} answered without the error shape: ${show(answer.text)}`,
      );
    },
  ),

  check('errors.body.not-json', 'a body that is not JSON is 400 validation_failed', async (ctx) => {
    expectError(await create(ctx, '{"slug": "half'), 400, 'validation_failed');
  }),

  check('errors.body.not-object', 'a JSON body that is not an object is 400', async (ctx) => {
    expectError(await create(ctx, '["slug", "name"]'), 400, 'validation_failed');
  }),

  check('errors.body.empty', 'an empty JSON body is 400', async (ctx) => {
    expectError(await create(ctx, ''), 400, 'validation_failed');
  }),

  check('errors.body.content-type', 'a JSON body sent as text/plain is 400', async (ctx) => {
    const body = JSON.stringify(ctx.fx.communityInput('textplain'));
    expectError(await create(ctx, body, 'text/plain'), 400, 'validation_failed');
    const slug = ctx.fx.slug('textplain');
    expectError(await ctx.call('getCommunity', { community: slug }), 404, 'not_found');
  }),

  check('errors.body.too-large', 'a body over 16 KB is 413 payload_too_large', async (ctx) => {
    const body = JSON.stringify({
      ...ctx.fx.communityInput('large'),
      tagline: 'x'.repeat(17 * 1024),
    });
    expectError(await create(ctx, body), 413, 'payload_too_large');
  }),

  check(
    'errors.body.unknown-field',
    'a field the contract does not know is 400, naming it',
    async (ctx) => {
      const json = { ...ctx.fx.communityInput('unknown'), colour: 'green' };
      expectInvalid(await ctx.call('createCommunity', {}, { operator: true, json }), 'colour');
    },
  ),

  check(
    'errors.details.every-field',
    'validation_failed lists every field at fault',
    async (ctx) => {
      const main = await ctx.fx.main();
      const answer = await ctx.call(
        'putSession',
        { community: main.slug, session: `s-invalid-${ctx.run}` },
        { host: true, json: { title: '', moderation: 'sometimes' } },
      );
      expectInvalid(answer, 'title');
      expectInvalid(answer, 'moderation');
    },
  ),

  check(
    'errors.json.content-type',
    'JSON answers, errors included, say Content-Type: application/json',
    async (ctx) => {
      const main = await ctx.fx.main();
      for (const answer of [
        await ctx.call('getCommunity', { community: main.slug }),
        await ctx.call('getCommunity', { community: ctx.fx.slug('nowhere') }),
      ]) {
        const type = answer.headers.get('content-type') ?? '';
        ok(
          /^application\/json\b/i.test(type),
          `${answer.label} (${answer.status}) answered Content-Type "${type}"`,
        );
      }
    },
  ),

  check('errors.shape.statuses', 'each error code comes with its status', async (ctx) => {
    const main = await ctx.fx.main();
    const seen = [
      await ctx.call('me', { community: main.slug }),
      await ctx.call('getCommunity', { community: ctx.fx.slug('nowhere') }),
      await ctx.call('createCommunity', {}, { operator: true, json: { slug: main.slug } }),
    ].map((a) => [a.status, a.error?.code]);
    equal(
      seen,
      [
        [401, 'unauthorized'],
        [404, 'not_found'],
        [400, 'validation_failed'],
      ],
      'status and code',
    );
    const taken = expectStatus(await ctx.call('getCommunity', { community: main.slug }), 200);
    ok(taken.slug === main.slug, 'the community vanished');
  }),
];
