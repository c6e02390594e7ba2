/** The export (GDPR art. 15 and 20): everything the backend holds on the member. */
import { equal, expectStatus, ok, show } from '../assert.js';
import type { Context } from '../context.js';
import { check } from './define.js';

/** Alice asks, votes, reports, writes a testimonial and reveals a code; then exports. */
export function aliceActivity(ctx: Context) {
  return ctx.fx.once('alice activity', async () => {
    const alice = await ctx.fx.alice();
    const session = await ctx.fx.session('main');
    const question = await ctx.fx.ask(alice, session.id, `Alice asks (${ctx.run})`);
    const other = await ctx.fx.question(session.id, `Someone else asks (${ctx.run})`);
    await ctx.fx.vote(alice, session.id, other.question.id);
    const report = expectStatus(
      await ctx.call(
        'report',
        { community: alice.community },
        {
          token: alice.token,
          json: {
            target: { kind: 'question', id: other.question.id },
            reason: 'off_topic',
            details: 'export',
          },
        },
      ),
      202,
      'Alice reporting a question',
    );
    const testimonial = await ctx.fx.submit(alice, {
      rating: 4,
      text: `Alice writes (${ctx.run})`,
    });
    const offer = await ctx.fx.offer('unique');
    const code = await ctx.fx.code(alice, offer.id);
    const exported = expectStatus(
      await ctx.call('exportMe', { community: alice.community }, { token: alice.token }),
      200,
      'Alice’s export',
    );
    return {
      alice,
      session,
      question,
      voted: other.question,
      report,
      testimonial,
      offer,
      code,
      exported,
    };
  });
}

export const exportChecks = [
  check(
    'membership.export.member',
    'the export holds the member: id, name, email, status, consent',
    async (ctx) => {
      const { alice, exported } = await aliceActivity(ctx);
      const main = await ctx.fx.main();
      equal(exported.community, main.slug, 'community');
      equal(exported.member.id, alice.id, 'member.id');
      equal(exported.member.displayName, alice.displayName, 'member.displayName');
      equal(exported.member.email, alice.email ?? null, 'member.email');
      equal(exported.member.status, 'active', 'member.status');
      equal(exported.member.consent.version, main.consentVersion, 'member.consent.version');
      equal(exported.member.joinedAt, alice.join.data.member.joinedAt, 'member.joinedAt');
    },
  ),

  check('membership.export.no-token', 'the export never holds the member token', async (ctx) => {
    const { alice } = await aliceActivity(ctx);
    const answer = await ctx.call(
      'exportMe',
      { community: alice.community },
      { token: alice.token },
    );
    expectStatus(answer, 200);
    ok(!answer.text.includes(alice.token), 'the export contains the member token');
  }),

  check(
    'membership.export.questions',
    'the export lists the questions the member asked',
    async (ctx) => {
      const { exported, question, session } = await aliceActivity(ctx);
      const found = exported.questions?.find((q) => q.id === question.id);
      ok(found, `the export's questions lack ${question.id}: ${show(exported.questions)}`);
      equal(found.text, question.text, 'questions[].text');
      equal(found.session, session.id, 'questions[].session');
    },
  ),

  check('membership.export.votes', 'the export lists the member’s votes', async (ctx) => {
    const { exported, voted } = await aliceActivity(ctx);
    ok(
      exported.votes?.some((v) => v.questionId === voted.id),
      `the export's votes lack ${voted.id}: ${show(exported.votes)}`,
    );
  }),

  check(
    'membership.export.reports',
    'the export lists the reports the member sent',
    async (ctx) => {
      const { exported, report, voted } = await aliceActivity(ctx);
      const found = exported.reports?.find((r) => r.id === report.id);
      ok(found, `the export's reports lack ${report.id}: ${show(exported.reports)}`);
      equal(found.target, { kind: 'question', id: voted.id }, 'reports[].target');
    },
  ),

  check(
    'membership.export.testimonials',
    'the export lists the member’s testimonials in every state',
    async (ctx) => {
      const { exported, testimonial } = await aliceActivity(ctx);
      const found = exported.testimonials?.find((t) => t.id === testimonial.id);
      ok(found, `the export's testimonials lack ${testimonial.id}: ${show(exported.testimonials)}`);
      equal(found.text, testimonial.text, 'testimonials[].text');
      equal(found.state, 'pending', 'testimonials[].state');
    },
  ),

  check(
    'membership.export.offers',
    'the export lists the promo codes revealed to the member',
    async (ctx) => {
      const { exported, offer, code } = await aliceActivity(ctx);
      ok(
        exported.offers?.some((o) => o.offer === offer.id && o.code === code),
        `the export's offers lack ${offer.id}: ${show(exported.offers?.map((o) => o.offer))}`,
      );
    },
  ),
];
