/** Testimonials: submitting with consent, moderation, the author's list, withdrawal, settings. */
import type { OwnTestimonial } from '@cercle/client';
import {
  equal,
  expectError,
  expectInvalid,
  expectStatus,
  expectUnauthorized,
  ok,
  show,
} from '../assert.js';
import type { Context } from '../context.js';
import type { Member } from '../fixtures.js';
import { check } from './define.js';

/** A testimonial with its own tag `<name>-<run>`, by a pooled member, approved by the host. */
export function approvedTestimonial(ctx: Context, name: string) {
  return ctx.fx.once(`approved testimonial ${name}`, async () => {
    const member = await ctx.fx.pooled('submit');
    const tag = `${name}-${ctx.run}`;
    const submitted = await ctx.fx.submit(member, {
      rating: 4,
      text: `Approved: ${name} (${ctx.run})`,
      tags: [tag],
    });
    const testimonial = await ctx.fx.decideTestimonial(member.community, submitted.id, {
      state: 'approved',
    });
    return { member, tag, testimonial };
  });
}

/** A pending testimonial, left pending. */
const pending = (ctx: Context) =>
  ctx.fx.once('pending testimonial', async () => {
    const member = await ctx.fx.pooled('submit');
    const tag = `pending-${ctx.run}`;
    const testimonial = await ctx.fx.submit(member, {
      rating: 3,
      text: `Waiting for the host (${ctx.run})`,
      tags: [tag],
      experiencedAt: '2024-05-01',
    });
    return { member, tag, testimonial };
  });

/** A rejected testimonial, with its statement. */
const rejected = (ctx: Context) =>
  ctx.fx.once('rejected testimonial', async () => {
    const member = await ctx.fx.pooled('submit');
    const submitted = await ctx.fx.submit(member, { rating: 1, text: `To reject (${ctx.run})` });
    const statement = 'Names a person who did not agree to it.';
    const testimonial = await ctx.fx.decideTestimonial(member.community, submitted.id, {
      state: 'rejected',
      statement,
    });
    return { member, testimonial, statement };
  });

const wall = async (ctx: Context, community: string, tag: string) =>
  expectStatus(await ctx.call('listTestimonials', { community }, { query: { tag } }), 200);

const mine = async (ctx: Context, member: Member) =>
  expectStatus(
    await ctx.call('myTestimonials', { community: member.community }, { token: member.token }),
    200,
  ).testimonials;

const queue = async (ctx: Context, community: string, state?: string) =>
  expectStatus(
    await ctx.call('hostTestimonials', { community }, { host: true, query: { state } }),
    200,
  ).testimonials;

const has = (list: readonly { id: string }[], t: OwnTestimonial) => list.some((x) => x.id === t.id);

async function trySubmit(ctx: Context, json: Record<string, unknown>, member?: Member) {
  const who = member ?? (await ctx.fx.pooled('submit'));
  const body = { rating: 5, text: 'Refused, surely', consent: await ctx.fx.consent(), ...json };
  return ctx.call(
    'submitTestimonial',
    { community: who.community },
    { token: who.token, json: body },
  );
}

export const testimonialChecks = [
  check(
    'testimonials.submit.pending',
    'a member submits: 201, pending, verified, consent recorded',
    async (ctx) => {
      const { member, tag, testimonial } = await pending(ctx);
      const main = await ctx.fx.main();
      equal(testimonial.state, 'pending', 'state');
      equal(testimonial.publishedAt, null, 'publishedAt');
      equal(testimonial.statement, null, 'statement');
      equal(testimonial.author.verified, true, 'author.verified');
      equal(
        testimonial.author.displayName,
        member.displayName,
        'author.displayName (to the author)',
      );
      equal(
        [testimonial.rating, testimonial.tags, testimonial.experiencedAt],
        [3, [tag], '2024-05-01'],
        'rating, tags and experiencedAt',
      );
      equal(
        [
          testimonial.consent.version,
          testimonial.consent.publishName,
          testimonial.consent.publishPhoto,
        ],
        [main.consentVersion, true, false],
        'consent',
      );
    },
  ),

  check(
    'testimonials.submit.not-public',
    'a pending testimonial is not on the wall',
    async (ctx) => {
      const { member, tag, testimonial } = await pending(ctx);
      const page = await wall(ctx, member.community, tag);
      ok(!has(page.testimonials, testimonial), 'a pending testimonial is on the wall');
    },
  ),

  check(
    'testimonials.submit.requires-member',
    'submitting without a member token is 401',
    async (ctx) => {
      const main = await ctx.fx.main();
      const json = { rating: 5, text: 'Anonymous praise', consent: await ctx.fx.consent() };
      expectUnauthorized(await ctx.call('submitTestimonial', { community: main.slug }, { json }));
    },
  ),

  check(
    'testimonials.submit.waitlisted',
    'a waitlisted member cannot submit (403)',
    async (ctx) => {
      expectError(await trySubmit(ctx, {}, await ctx.fx.waitlisted()), 403, 'forbidden');
    },
  ),

  check(
    'testimonials.submit.consent-version',
    'a consent version that is not the current one is 400 on consent.version',
    async (ctx) => {
      const answer = await trySubmit(ctx, {
        consent: { version: `old-${ctx.run}`, publishName: true, publishPhoto: false },
      });
      expectInvalid(answer, 'consent.version');
    },
  ),

  check(
    'testimonials.submit.consent-required',
    'a testimonial without consent is 400 on consent',
    async (ctx) => {
      const member = await ctx.fx.pooled('submit');
      const answer = await ctx.call(
        'submitTestimonial',
        { community: member.community },
        { token: member.token, json: { rating: 5, text: 'No consent given' } },
      );
      expectInvalid(answer, 'consent');
    },
  ),

  check('testimonials.submit.rating', 'a rating outside 1–5 is 400 on rating', async (ctx) => {
    expectInvalid(await trySubmit(ctx, { rating: 6 }), 'rating');
  }),

  check('testimonials.submit.text', 'a blank text is 400 on text', async (ctx) => {
    expectInvalid(await trySubmit(ctx, { text: '   ' }), 'text');
  }),

  check('testimonials.submit.tags', 'more than 5 tags is 400 on tags', async (ctx) => {
    expectInvalid(await trySubmit(ctx, { tags: ['a', 'b', 'c', 'd', 'e', 'f'] }), 'tags');
  }),

  check(
    'testimonials.moderate.approve',
    'approving publishes the testimonial on the wall',
    async (ctx) => {
      const { member, tag, testimonial } = await approvedTestimonial(ctx, 'approve');
      equal(testimonial.state, 'approved', 'state');
      ok(testimonial.publishedAt !== null, 'publishedAt is null after approval');
      const page = await wall(ctx, member.community, tag);
      const shown = page.testimonials.find((t) => t.id === testimonial.id);
      ok(shown, 'the approved testimonial is not on the wall');
      equal(
        [shown.text, shown.rating, shown.author.displayName],
        [testimonial.text, 4, member.displayName],
        'text, rating, author',
      );
    },
  ),

  check(
    'testimonials.moderate.reject-statement',
    'rejecting without a statement is 400 on statement',
    async (ctx) => {
      const { member, testimonial } = await pending(ctx);
      const answer = await ctx.call(
        'moderateTestimonial',
        { community: member.community, testimonial: testimonial.id },
        { host: true, json: { state: 'rejected' } },
      );
      expectInvalid(answer, 'statement');
    },
  ),

  check(
    'testimonials.moderate.reject',
    'a rejected testimonial carries the statement and stays off the wall',
    async (ctx) => {
      const { testimonial, statement } = await rejected(ctx);
      equal(
        [testimonial.state, testimonial.statement],
        ['rejected', statement],
        'state and statement',
      );
      equal(testimonial.publishedAt, null, 'publishedAt');
    },
  ),

  check(
    'testimonials.moderate.labels',
    'the host sets the disclosure and image labels the wall shows',
    async (ctx) => {
      const { member, tag, testimonial } = await approvedTestimonial(ctx, 'labels');
      const answer = await ctx.call(
        'moderateTestimonial',
        { community: member.community, testimonial: testimonial.id },
        {
          host: true,
          json: { disclosure: 'collaboration-commerciale', imageFlags: ['retouchee'] },
        },
      );
      const labelled = expectStatus(answer, 200);
      equal(
        [labelled.state, labelled.disclosure, labelled.imageFlags],
        ['approved', 'collaboration-commerciale', ['retouchee']],
        'state and labels',
      );
      const shown = (await wall(ctx, member.community, tag)).testimonials.find(
        (t) => t.id === testimonial.id,
      );
      equal(
        [shown?.disclosure, shown?.imageFlags],
        ['collaboration-commerciale', ['retouchee']],
        'labels on the wall',
      );
    },
  ),

  check(
    'testimonials.moderate.unknown',
    'moderating an unknown testimonial is 404',
    async (ctx) => {
      const main = await ctx.fx.main();
      const answer = await ctx.call(
        'moderateTestimonial',
        { community: main.slug, testimonial: 't_nowhere' },
        { host: true, json: { state: 'approved' } },
      );
      expectError(answer, 404, 'not_found');
    },
  ),

  check(
    'testimonials.moderate.requires-host',
    'moderating without the host key is 401',
    async (ctx) => {
      const { member, testimonial } = await pending(ctx);
      const answer = await ctx.call(
        'moderateTestimonial',
        { community: member.community, testimonial: testimonial.id },
        { token: member.token, json: { state: 'approved' } },
      );
      ok(
        answer.status === 401 || answer.status === 403,
        `${answer.label} with a member token answered ${answer.status}`,
      );
    },
  ),

  check(
    'testimonials.mine.states',
    'the author’s list shows pending and rejected ones, with the statement',
    async (ctx) => {
      const waiting = await pending(ctx);
      ok(
        has(await mine(ctx, waiting.member), waiting.testimonial),
        'the author’s list lacks their pending testimonial',
      );
      const refused = await rejected(ctx);
      const own = (await mine(ctx, refused.member)).find((t) => t.id === refused.testimonial.id);
      equal(
        [own?.state, own?.statement],
        ['rejected', refused.statement],
        'state and statement in the author’s list',
      );
    },
  ),

  check(
    'testimonials.mine.requires-member',
    'the author’s list without a token is 401',
    async (ctx) => {
      const main = await ctx.fx.main();
      expectUnauthorized(await ctx.call('myTestimonials', { community: main.slug }));
    },
  ),

  check(
    'testimonials.host.queue',
    'the host’s queue (pending by default) has the pending, not the approved',
    async (ctx) => {
      const waiting = await pending(ctx);
      const approved = await approvedTestimonial(ctx, 'approve');
      const list = await queue(ctx, waiting.member.community);
      ok(has(list, waiting.testimonial), 'the queue lacks a pending testimonial');
      ok(!has(list, approved.testimonial), 'the default queue has an approved testimonial');
      ok(
        list.every((t) => t.state === 'pending'),
        `the default queue holds ${show(list.map((t) => t.state))}`,
      );
    },
  ),

  check('testimonials.host.state', 'the host lists another state with ?state=', async (ctx) => {
    const approved = await approvedTestimonial(ctx, 'approve');
    const refused = await rejected(ctx);
    ok(
      has(await queue(ctx, approved.member.community, 'approved'), approved.testimonial),
      'state=approved lacks an approved one',
    );
    ok(
      has(await queue(ctx, refused.member.community, 'rejected'), refused.testimonial),
      'state=rejected lacks a rejected one',
    );
  }),

  check('testimonials.host.bad-state', 'an unknown state is 400 on state', async (ctx) => {
    const main = await ctx.fx.main();
    const answer = await ctx.call(
      'hostTestimonials',
      { community: main.slug },
      { host: true, query: { state: 'withdrawn' } },
    );
    expectInvalid(answer, 'state');
  }),

  check(
    'testimonials.host.requires-key',
    'the host’s queue without the host key is 401',
    async (ctx) => {
      const main = await ctx.fx.main();
      expectUnauthorized(await ctx.call('hostTestimonials', { community: main.slug }));
    },
  ),

  check(
    'testimonials.withdraw.others',
    'only the author can withdraw: others get 403',
    async (ctx) => {
      const { member, testimonial } = await pending(ctx);
      const bob = await ctx.fx.bob();
      const answer = await ctx.call(
        'withdrawTestimonial',
        { community: member.community, testimonial: testimonial.id },
        { token: bob.token },
      );
      expectError(answer, 403, 'forbidden');
      ok(
        has(await mine(ctx, member), testimonial),
        'the testimonial is gone after someone else’s withdrawal',
      );
    },
  ),

  check(
    'testimonials.withdraw.deletes',
    'the author withdraws: 204, then it is gone everywhere',
    async (ctx) => {
      const { member, tag, testimonial } = await approvedTestimonial(ctx, 'withdrawn');
      const params = { community: member.community, testimonial: testimonial.id };
      expectStatus(await ctx.call('withdrawTestimonial', params, { token: member.token }), 204);
      ok(!has(await mine(ctx, member), testimonial), 'the author’s list still has it');
      ok(
        !has((await wall(ctx, member.community, tag)).testimonials, testimonial),
        'the wall still has it',
      );
      ok(
        !has(await queue(ctx, member.community, 'approved'), testimonial),
        'the host still has it',
      );
      const again = await ctx.call('withdrawTestimonial', params, { token: member.token });
      expectError(again, 404, 'not_found');
    },
  ),

  check(
    'testimonials.settings.post',
    'with post-moderation a testimonial is approved at once',
    async (ctx) => {
      const member = await ctx.fx.pooled('submit');
      const params = { community: member.community };
      const set = await ctx.call('wallSettings', params, {
        host: true,
        json: { moderation: 'post' },
      });
      ctx.defer(async () => {
        await ctx.call('wallSettings', params, { host: true, json: { moderation: 'pre' } });
      });
      equal(expectStatus(set, 200).moderation, 'post', 'moderation');
      const tag = `post-${ctx.run}`;
      const testimonial = await ctx.fx.submit(member, {
        text: `Shown at once (${ctx.run})`,
        tags: [tag],
      });
      equal(testimonial.state, 'approved', 'state under post-moderation');
      ok(testimonial.publishedAt !== null, 'publishedAt is null under post-moderation');
      ok(
        has((await wall(ctx, member.community, tag)).testimonials, testimonial),
        'it is not on the wall',
      );
    },
  ),

  check(
    'testimonials.settings.review-policy',
    'the wall links to the review policy the host set',
    async (ctx) => {
      const main = await ctx.fx.main();
      const reviewPolicyUrl = `https://brand.example/reviews-${ctx.run}`;
      const set = await ctx.call(
        'wallSettings',
        { community: main.slug },
        { host: true, json: { reviewPolicyUrl } },
      );
      equal(
        expectStatus(set, 200).reviewPolicyUrl,
        reviewPolicyUrl,
        'reviewPolicyUrl in the settings',
      );
      const page = expectStatus(await ctx.call('listTestimonials', { community: main.slug }), 200);
      equal(page.reviewPolicyUrl, reviewPolicyUrl, 'reviewPolicyUrl on the wall');
    },
  ),

  check(
    'testimonials.settings.requires-host',
    'wall settings without the host key are 401',
    async (ctx) => {
      const main = await ctx.fx.main();
      expectUnauthorized(
        await ctx.call('wallSettings', { community: main.slug }, { json: { moderation: 'post' } }),
      );
    },
  ),

  check(
    'testimonials.wall.name-consent',
    'without consent to publish the name, the wall shows no name',
    async (ctx) => {
      const member = await ctx.fx.pooled('submit');
      const tag = `noname-${ctx.run}`;
      const submitted = await ctx.fx.submit(member, {
        tags: [tag],
        consent: await ctx.fx.consent(false, false),
      });
      await ctx.fx.decideTestimonial(member.community, submitted.id, { state: 'approved' });
      const shown = (await wall(ctx, member.community, tag)).testimonials.find(
        (t) => t.id === submitted.id,
      );
      ok(shown, 'the approved testimonial is not on the wall');
      equal(shown.author.displayName, null, 'author.displayName on the wall');
      const own = (await mine(ctx, member)).find((t) => t.id === submitted.id);
      equal(own?.author.displayName, member.displayName, 'author.displayName to the author');
    },
  ),
];
