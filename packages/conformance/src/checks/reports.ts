/** Reports (notice and action): anyone files one, the host lists them and decides once. */
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
import { check } from './define.js';
import { approvedTestimonial } from './testimonials.js';

type Target = { kind: 'question' | 'testimonial'; id: string };

const file = async (
  ctx: Context,
  community: string,
  target: Target,
  details = 'Filed by the conformance suite',
) => ctx.call('report', { community }, { json: { target, reason: 'spam', details } });

/** A question of the reports session and a report on it (anonymous reporter). */
const reportedQuestion = (ctx: Context) =>
  ctx.fx.once('reported question', async () => {
    const session = await ctx.fx.session('reports');
    const { question } = await ctx.fx.question(session.id, `Reported (${ctx.run})`);
    const answer = await file(ctx, session.community, { kind: 'question', id: question.id });
    const receipt = expectStatus(answer, 202, 'filing a report');
    return { session, question, answer, receipt };
  });

/** An approved testimonial and a report on it. */
const reportedTestimonial = (ctx: Context) =>
  ctx.fx.once('reported testimonial', async () => {
    const { member, testimonial } = await approvedTestimonial(ctx, 'reported');
    const answer = await file(ctx, member.community, { kind: 'testimonial', id: testimonial.id });
    const receipt = expectStatus(answer, 202, 'reporting a testimonial');
    return { member, testimonial, receipt };
  });

const decide = (
  ctx: Context,
  community: string,
  report: string,
  action: 'remove' | 'dismiss',
  statement = 'Against the rules of the circle.',
) => ctx.call('decideReport', { community, report }, { host: true, json: { action, statement } });

const reports = async (ctx: Context, community: string) =>
  expectStatus(await ctx.call('listReports', { community }, { host: true }), 200).reports;

export const reportChecks = [
  check(
    'reports.file.question',
    'reporting a question answers 202 with an open receipt',
    async (ctx) => {
      const { receipt } = await reportedQuestion(ctx);
      equal(receipt.state, 'open', 'state');
    },
  ),

  check(
    'reports.file.testimonial',
    'reporting an approved testimonial answers 202',
    async (ctx) => {
      const { receipt } = await reportedTestimonial(ctx);
      equal(receipt.state, 'open', 'state');
    },
  ),

  check(
    'reports.file.unknown-target',
    'reporting something that does not exist is 404',
    async (ctx) => {
      const main = await ctx.fx.main();
      expectError(
        await file(ctx, main.slug, { kind: 'question', id: 'q_nowhere' }),
        404,
        'not_found',
      );
    },
  ),

  check('reports.file.bad-reason', 'an unknown reason is 400 on reason', async (ctx) => {
    const { question, session } = await reportedQuestion(ctx);
    const answer = await ctx.call(
      'report',
      { community: session.community },
      { json: { target: { kind: 'question', id: question.id }, reason: 'because' } },
    );
    expectInvalid(answer, 'reason');
  }),

  check(
    'reports.host.list',
    'the host lists the report with its target, reason, details and text',
    async (ctx) => {
      const { session, question, receipt } = await reportedQuestion(ctx);
      const found = (await reports(ctx, session.community)).find((r) => r.id === receipt.id);
      ok(found, `the host's reports lack ${receipt.id}`);
      equal(found.target, { kind: 'question', id: question.id }, 'target');
      equal(found.reason, 'spam', 'reason');
      equal(found.details, 'Filed by the conformance suite', 'details');
      equal(found.targetText, question.text, 'targetText');
      equal(found.decision, null, 'decision');
    },
  ),

  check('reports.host.requires-key', 'the report list without the host key is 401', async (ctx) => {
    const main = await ctx.fx.main();
    expectUnauthorized(await ctx.call('listReports', { community: main.slug }));
  }),

  check(
    'reports.decide.remove-question',
    'removing hides the reported question, with the statement kept',
    async (ctx) => {
      const { session, question, receipt } = await reportedQuestion(ctx);
      const report = expectStatus(await decide(ctx, session.community, receipt.id, 'remove'), 200);
      equal(report.state, 'actioned', 'state');
      equal(report.decision?.action, 'remove', 'decision.action');
      equal(report.decision?.statement, 'Against the rules of the circle.', 'decision.statement');
      const params = { community: session.community, session: session.id };
      const page = expectStatus(await ctx.call('listQuestions', params), 200);
      ok(!page.questions.some((q) => q.id === question.id), 'the removed question is still public');
      const host = expectStatus(await ctx.call('hostQuestions', params, { host: true }), 200);
      equal(
        host.questions.find((q) => q.id === question.id)?.state,
        'hidden',
        'state the host sees',
      );
    },
  ),

  check(
    'reports.decide.once',
    'a report is decided once: a second decision is 409',
    async (ctx) => {
      const { session, receipt } = await reportedQuestion(ctx);
      await decide(ctx, session.community, receipt.id, 'remove');
      expectError(await decide(ctx, session.community, receipt.id, 'dismiss'), 409, 'conflict');
    },
  ),

  check('reports.decide.dismiss', 'dismissing leaves the content up', async (ctx) => {
    const session = await ctx.fx.session('reports');
    const { question } = await ctx.fx.question(session.id, `Reported, kept (${ctx.run})`);
    const receipt = expectStatus(
      await file(ctx, session.community, { kind: 'question', id: question.id }),
      202,
    );
    const report = expectStatus(
      await decide(ctx, session.community, receipt.id, 'dismiss', 'Within the rules.'),
      200,
    );
    equal(report.state, 'dismissed', 'state');
    const page = expectStatus(
      await ctx.call('listQuestions', { community: session.community, session: session.id }),
      200,
    );
    ok(
      page.questions.some((q) => q.id === question.id),
      'the question is gone after a dismissal',
    );
  }),

  check(
    'reports.decide.statement-required',
    'a decision without a statement is 400 on statement',
    async (ctx) => {
      const { session, receipt } = await reportedQuestion(ctx);
      const answer = await ctx.call(
        'decideReport',
        { community: session.community, report: receipt.id },
        { host: true, json: { action: 'remove' } },
      );
      expectInvalid(answer, 'statement');
    },
  ),

  check('reports.decide.unknown', 'deciding an unknown report is 404', async (ctx) => {
    const main = await ctx.fx.main();
    expectError(await decide(ctx, main.slug, 'rep_nowhere', 'dismiss'), 404, 'not_found');
  }),

  check(
    'reports.decide.remove-testimonial',
    'removing takes the testimonial off the wall; its author sees why',
    async (ctx) => {
      const { member, testimonial, receipt } = await reportedTestimonial(ctx);
      const statement = 'Not about the product.';
      expectStatus(await decide(ctx, member.community, receipt.id, 'remove', statement), 200);
      const wall = expectStatus(
        await ctx.call(
          'listTestimonials',
          { community: member.community },
          { query: { tag: testimonial.tags[0] } },
        ),
        200,
      );
      ok(
        !wall.testimonials.some((t) => t.id === testimonial.id),
        'the removed testimonial is still on the wall',
      );
      const mine = expectStatus(
        await ctx.call('myTestimonials', { community: member.community }, { token: member.token }),
        200,
      );
      const own = mine.testimonials.find((t) => t.id === testimonial.id);
      ok(
        own,
        `the author's list lacks the removed testimonial: ${show(mine.testimonials.map((t) => t.id))}`,
      );
      equal(
        [own.state, own.statement],
        ['removed', statement],
        'state and statement the author sees',
      );
    },
  ),
];
