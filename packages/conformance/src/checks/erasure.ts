/** Leaving (GDPR art. 17): the member and their personal content go; shared content is anonymised. */
import { equal, expectStatus, expectUnauthorized, ok } from '../assert.js';
import { discard } from '../http.js';
import type { Context } from '../context.js';
import { encodePng } from '../png.js';
import { check } from './define.js';

/** A member who asked, voted, wrote an approved testimonial with a photo, then left. */
function leaver(ctx: Context) {
  return ctx.fx.once('leaver', async () => {
    const main = await ctx.fx.main();
    const member = await ctx.fx.member('leaver', { email: `leaver-${ctx.run}@example.com` });
    const session = await ctx.fx.session('erasure');
    const asked = await ctx.fx.ask(
      member,
      session.id,
      `A question from someone who leaves (${ctx.run})`,
    );
    const other = await ctx.fx.question(session.id, `A question the leaver votes for (${ctx.run})`);
    await ctx.fx.vote(member, session.id, other.question.id);
    const photo = await ctx.fx.photo(member, encodePng(4, 3));
    const tag = `gone-${ctx.run}`;
    const testimonial = await ctx.fx.submit(member, {
      text: `Written by someone who leaves (${ctx.run})`,
      tags: [tag],
      photo: { id: photo.id, alt: 'A plate' },
    });
    await ctx.fx.decideTestimonial(main.slug, testimonial.id, { state: 'approved' });
    const count = async () =>
      expectStatus(await ctx.call('getCommunity', { community: main.slug }), 200).memberCount;
    const before = await count();
    const left = await ctx.call('leave', { community: main.slug }, { token: member.token });
    const after = await count();
    return {
      main,
      member,
      session,
      asked,
      other: other.question,
      photo,
      tag,
      testimonial,
      left,
      before,
      after,
    };
  });
}

export const erasureChecks = [
  check('erasure.leave.no-content', 'leaving answers 204', async (ctx) => {
    const { left } = await leaver(ctx);
    expectStatus(left, 204);
  }),

  check('erasure.leave.token-revoked', 'after leaving, the token is 401 on me', async (ctx) => {
    const { member } = await leaver(ctx);
    expectUnauthorized(
      await ctx.call('me', { community: member.community }, { token: member.token }),
    );
  }),

  check(
    'erasure.leave.export-revoked',
    'after leaving, the token is 401 on the export',
    async (ctx) => {
      const { member } = await leaver(ctx);
      expectUnauthorized(
        await ctx.call('exportMe', { community: member.community }, { token: member.token }),
      );
    },
  ),

  check('erasure.leave.twice', 'leaving again with the same token is 401', async (ctx) => {
    const { member } = await leaver(ctx);
    expectUnauthorized(
      await ctx.call('leave', { community: member.community }, { token: member.token }),
    );
  }),

  check('erasure.leave.host-list', 'the host’s member list no longer has them', async (ctx) => {
    const { main, member } = await leaver(ctx);
    const list = expectStatus(
      await ctx.call('listMembers', { community: main.slug }, { host: true }),
      200,
    );
    ok(!list.members.some((m) => m.id === member.id), 'the member who left is still listed');
    ok(
      !list.members.some((m) => m.displayName === member.displayName),
      'their name is still listed',
    );
  }),

  check('erasure.leave.member-count', 'memberCount drops by one', async (ctx) => {
    const { before, after } = await leaver(ctx);
    equal(after, before - 1, 'memberCount after leaving');
  }),

  check(
    'erasure.questions.anonymised',
    'their questions stay, without an author, for the public and the host',
    async (ctx) => {
      const { main, session, asked } = await leaver(ctx);
      const params = { community: main.slug, session: session.id };
      const page = expectStatus(
        await ctx.call('listQuestions', params, { query: { sort: 'new' } }),
        200,
      );
      const open = page.questions.find((q) => q.id === asked.id);
      ok(open, 'their question is gone from the public list (it should stay, anonymised)');
      equal(open.author, null, 'the public author of their question');
      const host = expectStatus(await ctx.call('hostQuestions', params, { host: true }), 200);
      equal(
        host.questions.find((q) => q.id === asked.id)?.author,
        null,
        'the author the host sees',
      );
    },
  ),

  check('erasure.votes.removed', 'their votes are taken back', async (ctx) => {
    const { main, session, other } = await leaver(ctx);
    const params = { community: main.slug, session: session.id };
    const page = expectStatus(await ctx.call('listQuestions', params), 200);
    equal(
      page.questions.find((q) => q.id === other.id)?.votes,
      0,
      'votes of the question they voted for',
    );
  }),

  check('erasure.testimonials.removed', 'their testimonials leave the wall', async (ctx) => {
    const { main, tag, testimonial } = await leaver(ctx);
    const page = expectStatus(
      await ctx.call('listTestimonials', { community: main.slug }, { query: { tag } }),
      200,
    );
    ok(
      !page.testimonials.some((t) => t.id === testimonial.id),
      'their testimonial is still on the wall',
    );
    equal(page.aggregate.count, 0, 'the aggregate of their tag');
  }),

  check('erasure.photos.removed', 'their photos are no longer served', async (ctx) => {
    const { photo } = await leaver(ctx);
    const response = await ctx.http.fetchUrl(photo.url);
    await discard(response);
    ok(
      response.status === 404 || response.status === 410,
      `GET ${photo.url} answered ${response.status}, not 404`,
    );
  }),
];
