/**
 * Roles: what a moderator and an analyst of the main community may and may not do (403
 * `forbidden` for a route their role does not allow), and the owner of another community.
 */
import { equal, expectError, expectStatus } from '../assert.js';
import type { Context } from '../context.js';
import type { Answer } from '../http.js';
import { check } from './define.js';

const forbidden = (answer: Answer<unknown>, what: string) =>
  expectError(answer, 403, 'forbidden', what);

/** A question of the roles session, hidden by the moderator with a statement. */
export const hiddenByModerator = (ctx: Context) =>
  ctx.fx.once('question hidden by the moderator', async () => {
    const moderator = await ctx.fx.moderator();
    const session = await ctx.fx.session('roles');
    const { question } = await ctx.fx.question(session.id, `Off topic (${ctx.run})`);
    const statement = `Off topic for this session (${ctx.run}).`;
    const answer = await ctx.call(
      'updateQuestion',
      { community: session.community, session: session.id, question: question.id },
      { token: moderator.key, json: { state: 'hidden', statement } },
    );
    return { moderator, session, question, statement, answer };
  });

/** A report on a question of the roles session, decided (remove) by the moderator. */
export const decidedByModerator = (ctx: Context) =>
  ctx.fx.once('report decided by the moderator', async () => {
    const moderator = await ctx.fx.moderator();
    const session = await ctx.fx.session('roles');
    const { question } = await ctx.fx.question(
      session.id,
      `Reported to the moderator (${ctx.run})`,
    );
    const receipt = expectStatus(
      await ctx.call(
        'report',
        { community: session.community },
        { json: { target: { kind: 'question', id: question.id }, reason: 'harassment' } },
      ),
      202,
      'filing a report',
    );
    const statement = `Removed: harassment (${ctx.run}).`;
    const answer = await ctx.call(
      'decideReport',
      { community: session.community, report: receipt.id },
      { token: moderator.key, json: { action: 'remove', statement } },
    );
    return { moderator, question, receipt, statement, answer };
  });

/** A testimonial of a pooled member, approved by the moderator from their queue. */
export const approvedByModerator = (ctx: Context) =>
  ctx.fx.once('testimonial approved by the moderator', async () => {
    const moderator = await ctx.fx.moderator();
    const member = await ctx.fx.pooled('submit');
    const submitted = await ctx.fx.submit(member, { text: `For the moderator (${ctx.run})` });
    const community = { community: member.community };
    const queue = await ctx.call('hostTestimonials', community, {
      token: moderator.key,
      query: { state: 'pending' },
    });
    const answer = await ctx.call(
      'moderateTestimonial',
      { ...community, testimonial: submitted.id },
      { token: moderator.key, json: { state: 'approved' } },
    );
    return { moderator, submitted, queue, answer };
  });

/** A fresh scheduled session of the main community, made by the owner. */
async function ownerSession(ctx: Context, name: string) {
  const main = await ctx.fx.main();
  const params = { community: main.slug, session: `s-${name}-${ctx.run}` };
  expectStatus(
    await ctx.call('putSession', params, { host: true, json: { title: `Session ${name}` } }),
    201,
    `creating ${params.session}`,
  );
  return params;
}

export const roleChecks = [
  check(
    'roles.moderator.questions',
    'a moderator hides a question with a statement, and answers one',
    async (ctx) => {
      const { moderator, session, question, answer } = await hiddenByModerator(ctx);
      equal(expectStatus(answer, 200).state, 'hidden', 'the hidden question’s state');
      const other = await ctx.fx.question(session.id, `To answer (${ctx.run})`);
      const answered = await ctx.call(
        'updateQuestion',
        { community: session.community, session: session.id, question: other.question.id },
        { token: moderator.key, json: { state: 'answered', answer: 'Yes, on Thursday.' } },
      );
      equal(expectStatus(answered, 200).state, 'answered', 'the answered question’s state');
      const list = expectStatus(
        await ctx.call(
          'hostQuestions',
          { community: session.community, session: session.id },
          { token: moderator.key },
        ),
        200,
      );
      equal(
        list.questions.find((q) => q.id === question.id)?.state,
        'hidden',
        'the hidden question in the moderator’s list',
      );
    },
  ),

  check('roles.moderator.reports', 'a moderator lists the reports and decides one', async (ctx) => {
    const { moderator, receipt, answer } = await decidedByModerator(ctx);
    const decided = expectStatus(answer, 200);
    equal([decided.id, decided.state], [receipt.id, 'actioned'], 'the decided report');
    const list = expectStatus(
      await ctx.call('listReports', { community: moderator.community }, { token: moderator.key }),
      200,
    );
    equal(
      list.reports.find((r) => r.id === receipt.id)?.state,
      'actioned',
      'the report in the moderator’s list',
    );
  }),

  check(
    'roles.moderator.testimonials',
    'a moderator sees the testimonial queue and approves a testimonial',
    async (ctx) => {
      const { submitted, queue, answer } = await approvedByModerator(ctx);
      equal(
        expectStatus(queue, 200).testimonials.some((t) => t.id === submitted.id),
        true,
        'the pending testimonial in the moderator’s queue',
      );
      equal(expectStatus(answer, 200).state, 'approved', 'the state after approval');
    },
  ),

  check('roles.moderator.live', 'a moderator opens and ends a live session', async (ctx) => {
    const moderator = await ctx.fx.moderator();
    const params = await ownerSession(ctx, 'moderated');
    for (const state of ['live', 'ended'] as const) {
      const moved = await ctx.call('updateSession', params, {
        token: moderator.key,
        json: { state },
      });
      equal(expectStatus(moved, 200).state, state, `the state after the moderator set ${state}`);
    }
  }),

  check(
    'roles.moderator.no-settings',
    'a moderator may read the settings but not change them (403), nor the wall’s',
    async (ctx) => {
      const [main, moderator] = [await ctx.fx.main(), await ctx.fx.moderator()];
      const as = { token: moderator.key };
      const params = { community: main.slug };
      const before = expectStatus(await ctx.call('hostSettings', params, as), 200);
      forbidden(
        await ctx.call('updateSettings', params, { ...as, json: { tagline: 'By a moderator' } }),
        'updateSettings',
      );
      forbidden(
        await ctx.call('wallSettings', params, { ...as, json: { moderation: 'post' } }),
        'wallSettings',
      );
      const after = expectStatus(await ctx.call('hostSettings', params, as), 200);
      equal(after.tagline, before.tagline, 'the tagline after the refused change');
    },
  ),

  check(
    'roles.moderator.no-sessions',
    'a moderator may not create or edit a session (403)',
    async (ctx) => {
      const [main, moderator] = [await ctx.fx.main(), await ctx.fx.moderator()];
      const params = { community: main.slug, session: `s-by-moderator-${ctx.run}` };
      forbidden(
        await ctx.call('putSession', params, { token: moderator.key, json: { title: 'Mine' } }),
        'putSession',
      );
      expectError(await ctx.call('getSession', params), 404, 'not_found', 'the refused session');
    },
  ),

  check(
    'roles.moderator.no-offers',
    'a moderator may not create offers, import codes or report orders (403)',
    async (ctx) => {
      const [moderator, offer] = [await ctx.fx.moderator(), await ctx.fx.offer('unique')];
      const as = { token: moderator.key };
      const params = { community: offer.community, offer: offer.id };
      forbidden(
        await ctx.call(
          'putOffer',
          { community: offer.community, offer: `o-by-moderator-${ctx.run}` },
          { ...as, json: { ...offer.input, title: 'By a moderator' } },
        ),
        'putOffer',
      );
      forbidden(
        await ctx.call('importCodes', params, { ...as, json: { codes: [`MOD-${ctx.run}`] } }),
        'importCodes',
      );
      forbidden(
        await ctx.call('reportRedemption', params, {
          ...as,
          json: { code: offer.codes[0], orderId: `mod-${ctx.run}`, amount: 1, currency: 'EUR' },
        }),
        'reportRedemption',
      );
    },
  ),

  check(
    'roles.moderator.no-team',
    'a moderator may not see the team or the members, invite, or change hosts (403)',
    async (ctx) => {
      const [main, moderator] = [await ctx.fx.main(), await ctx.fx.moderator()];
      const as = { token: moderator.key };
      forbidden(await ctx.call('team', { community: main.slug }, as), 'team');
      forbidden(await ctx.call('listMembers', { community: main.slug }, as), 'listMembers');
      forbidden(
        await ctx.call('invite', { community: main.slug }, { ...as, json: { role: 'owner' } }),
        'invite',
      );
      forbidden(
        await ctx.call(
          'updateHost',
          { community: main.slug, host: moderator.id },
          { ...as, json: { role: 'owner' } },
        ),
        'updateHost (promoting themselves)',
      );
    },
  ),

  check(
    'roles.moderator.no-audit',
    'a moderator may not read the audit log nor manage webhooks (403)',
    async (ctx) => {
      const [main, moderator] = [await ctx.fx.main(), await ctx.fx.moderator()];
      const as = { token: moderator.key };
      const community = { community: main.slug };
      forbidden(await ctx.call('auditLog', community, as), 'auditLog');
      forbidden(await ctx.call('auditCsv', community, as), 'auditCsv');
      forbidden(await ctx.call('listWebhooks', community, as), 'listWebhooks');
      forbidden(
        await ctx.call('createWebhook', community, {
          ...as,
          json: { url: `https://hooks.brand.example/${ctx.run}`, events: ['member.joined'] },
        }),
        'createWebhook',
      );
    },
  ),

  check(
    'roles.analyst.insights',
    'an analyst reads the funnel, the offers, the sessions and the settings',
    async (ctx) => {
      const [analyst, offer] = [await ctx.fx.analyst(), await ctx.fx.offer('unique')];
      const as = { token: analyst.key };
      const community = { community: offer.community };
      expectStatus(
        await ctx.call('offerFunnel', { ...community, offer: offer.id }, as),
        200,
        'offerFunnel',
      );
      const offers = expectStatus(await ctx.call('hostOffers', community, as), 200, 'hostOffers');
      equal(
        offers.offers.some((o) => o.id === offer.id),
        true,
        `${offer.id} in the analyst’s offer list`,
      );
      expectStatus(await ctx.call('hostSessions', community, as), 200, 'hostSessions');
      expectStatus(await ctx.call('hostSettings', community, as), 200, 'hostSettings');
    },
  ),

  check(
    'roles.analyst.no-moderation',
    'an analyst may not moderate: questions, reports, testimonials, live state (403)',
    async (ctx) => {
      const analyst = await ctx.fx.analyst();
      const { session, question } = await hiddenByModerator(ctx);
      const { receipt } = await decidedByModerator(ctx);
      const { submitted } = await approvedByModerator(ctx);
      const as = { token: analyst.key };
      const p = { community: session.community, session: session.id };
      forbidden(await ctx.call('hostQuestions', p, as), 'hostQuestions');
      forbidden(
        await ctx.call(
          'updateQuestion',
          { ...p, question: question.id },
          { ...as, json: { state: 'open' } },
        ),
        'updateQuestion',
      );
      forbidden(
        await ctx.call(
          'decideReport',
          { community: p.community, report: receipt.id },
          { ...as, json: { action: 'dismiss', statement: 'Fine.' } },
        ),
        'decideReport',
      );
      forbidden(
        await ctx.call('hostTestimonials', { community: p.community }, as),
        'hostTestimonials',
      );
      forbidden(
        await ctx.call(
          'moderateTestimonial',
          { community: p.community, testimonial: submitted.id },
          { ...as, json: { state: 'rejected', statement: 'Not for the wall.' } },
        ),
        'moderateTestimonial',
      );
      forbidden(
        await ctx.call('updateSession', p, { ...as, json: { state: 'ended' } }),
        'updateSession',
      );
    },
  ),

  check(
    'roles.other-community.owner',
    'the owner of another community is 403 forbidden here',
    async (ctx) => {
      const [main, full] = [await ctx.fx.main(), await ctx.fx.full()];
      const { session, question } = await hiddenByModerator(ctx);
      const as = { token: full.key };
      forbidden(await ctx.call('hostSettings', { community: main.slug }, as), 'hostSettings');
      forbidden(await ctx.call('listMembers', { community: main.slug }, as), 'listMembers');
      forbidden(
        await ctx.call(
          'updateQuestion',
          { community: main.slug, session: session.id, question: question.id },
          { ...as, json: { state: 'open' } },
        ),
        'updateQuestion',
      );
      forbidden(
        await ctx.call(
          'putOffer',
          { community: main.slug, offer: `o-other-${ctx.run}` },
          { ...as, json: (await ctx.fx.offer('unique')).input },
        ),
        'putOffer',
      );
    },
  ),
];
