/** Votes (one per member, idempotent) and the question list: order, cursor, personalisation. */
import {
  equal,
  expectError,
  expectInvalid,
  expectStatus,
  expectUnauthorized,
  ok,
} from '../assert.js';
import type { Context } from '../context.js';
import { check } from './define.js';
import { hidden } from './questions.js';

/** A session with three questions a, b, c (asked in that order) with 0, 2 and 1 votes. */
function board(ctx: Context) {
  return ctx.fx.once('board', async () => {
    const session = await ctx.fx.session('board');
    const p = { community: session.community, session: session.id };
    const a = await ctx.fx.question(session.id, `Board A (${ctx.run})`);
    const b = await ctx.fx.question(session.id, `Board B (${ctx.run})`);
    const c = await ctx.fx.question(session.id, `Board C (${ctx.run})`);
    const [alice, bob, carol] = [await ctx.fx.alice(), await ctx.fx.bob(), await ctx.fx.carol()];
    await ctx.fx.vote(alice, session.id, b.question.id);
    await ctx.fx.vote(bob, session.id, b.question.id);
    await ctx.fx.vote(carol, session.id, c.question.id);
    return { p, a, b, c, alice };
  });
}

type Query = Record<string, string | number | undefined>;

const list = async (
  ctx: Context,
  p: { community: string; session: string },
  query: Query = {},
  token?: string,
) =>
  expectStatus(
    await ctx.call('listQuestions', p, { query, ...(token === undefined ? {} : { token }) }),
    200,
  );

/** A fresh question of the main session and its path parameters. */
async function fresh(ctx: Context, text: string) {
  const session = await ctx.fx.session('votes');
  const { question } = await ctx.fx.question(session.id, `${text} (${ctx.run})`);
  return { community: session.community, session: session.id, question: question.id };
}

export const voteChecks = [
  check('questions.vote.once', 'voting twice counts one vote', async (ctx) => {
    const params = await fresh(ctx, 'Vote twice');
    const alice = await ctx.fx.alice();
    const first = expectStatus(await ctx.call('vote', params, { token: alice.token }), 200);
    equal([first.votes, first.votedByMe], [1, true], 'votes and votedByMe after one vote');
    const again = expectStatus(await ctx.call('vote', params, { token: alice.token }), 200);
    equal([again.votes, again.votedByMe], [1, true], 'votes and votedByMe after voting again');
    equal(again.questionId, params.question, 'questionId');
  }),

  check('questions.vote.unvote', 'taking a vote back, twice, leaves no vote', async (ctx) => {
    const params = await fresh(ctx, 'Unvote');
    const bob = await ctx.fx.bob();
    expectStatus(await ctx.call('vote', params, { token: bob.token }), 200);
    const back = expectStatus(await ctx.call('unvote', params, { token: bob.token }), 200);
    equal([back.votes, back.votedByMe], [0, false], 'votes and votedByMe after unvoting');
    const again = expectStatus(await ctx.call('unvote', params, { token: bob.token }), 200);
    equal([again.votes, again.votedByMe], [0, false], 'votes and votedByMe after unvoting again');
  }),

  check('questions.vote.members', 'each member’s vote counts once', async (ctx) => {
    const { p, b } = await board(ctx);
    const page = await list(ctx, p);
    equal(
      page.questions.find((q) => q.id === b.question.id)?.votes,
      2,
      'votes of a question two members voted for',
    );
  }),

  check('questions.vote.hidden', 'voting for a hidden question is 404', async (ctx) => {
    const { question, params: p } = await hidden(ctx);
    const alice = await ctx.fx.alice();
    const answer = await ctx.call('vote', { ...p, question: question.id }, { token: alice.token });
    expectError(answer, 404, 'not_found');
  }),

  check('questions.vote.pending', 'voting for a pending question is 404', async (ctx) => {
    const session = await ctx.fx.session('pre');
    const { question } = await ctx.fx.question(session.id, `Pending, no votes (${ctx.run})`);
    const alice = await ctx.fx.alice();
    const answer = await ctx.call(
      'vote',
      { community: session.community, session: session.id, question: question.id },
      { token: alice.token },
    );
    expectError(answer, 404, 'not_found');
  }),

  check('questions.vote.unknown', 'voting for an unknown question is 404', async (ctx) => {
    const session = await ctx.fx.session('votes');
    const alice = await ctx.fx.alice();
    const answer = await ctx.call(
      'vote',
      { community: session.community, session: session.id, question: 'q_nowhere' },
      { token: alice.token },
    );
    expectError(answer, 404, 'not_found');
  }),

  check('questions.vote.requires-member', 'voting without a member token is 401', async (ctx) => {
    const { p, a } = await board(ctx);
    expectUnauthorized(await ctx.call('vote', { ...p, question: a.question.id }));
  }),

  check('questions.vote.waitlisted', 'a waitlisted member cannot vote (403)', async (ctx) => {
    const session = await ctx.fx.session('full');
    const first = await ctx.fx.fullActive();
    const question = await ctx.fx.once('full question', () =>
      ctx.fx.ask(first, session.id, `In the full community (${ctx.run})`),
    );
    const waiting = await ctx.fx.waitlisted();
    const answer = await ctx.call(
      'vote',
      { community: waiting.community, session: session.id, question: question.id },
      { token: waiting.token },
    );
    expectError(answer, 403, 'forbidden');
  }),

  check('questions.list.top', 'sort=top (the default): most votes first', async (ctx) => {
    const { p, a, b, c } = await board(ctx);
    const ids = (await list(ctx, p)).questions.map((q) => q.id);
    equal(
      ids,
      [b, c, a].map((x) => x.question.id),
      'the default order',
    );
    const top = (await list(ctx, p, { sort: 'top' })).questions.map((q) => q.id);
    equal(top, ids, 'sort=top against the default');
  }),

  check('questions.list.new', 'sort=new: newest first', async (ctx) => {
    const { p, a, b, c } = await board(ctx);
    const ids = (await list(ctx, p, { sort: 'new' })).questions.map((q) => q.id);
    equal(
      ids,
      [c, b, a].map((x) => x.question.id),
      'sort=new',
    );
  }),

  check('questions.list.pinned-first', 'a pinned question comes first in top', async (ctx) => {
    const session = await ctx.fx.session('pin');
    const p = { community: session.community, session: session.id };
    const voted = await ctx.fx.question(session.id, `Voted (${ctx.run})`);
    const quiet = await ctx.fx.question(session.id, `Pinned (${ctx.run})`);
    await ctx.fx.vote(await ctx.fx.alice(), session.id, voted.question.id);
    const pinned = await ctx.fx.moderate(p.community, p.session, quiet.question.id, {
      pinned: true,
    });
    equal(pinned.pinned, true, 'pinned');
    const ids = (await list(ctx, p)).questions.map((q) => q.id);
    equal(ids, [quiet.question.id, voted.question.id], 'top with a pinned question');
  }),

  check(
    'questions.list.cursor',
    'limit and nextCursor page through top without gaps or repeats',
    async (ctx) => {
      const { p, a, b, c } = await board(ctx);
      const first = await list(ctx, p, { limit: 2 });
      equal(
        first.questions.map((q) => q.id),
        [b.question.id, c.question.id],
        'the first page',
      );
      ok(first.nextCursor !== null, 'the first page of two has no nextCursor');
      const second = await list(ctx, p, { limit: 2, cursor: first.nextCursor });
      equal(
        second.questions.map((q) => q.id),
        [a.question.id],
        'the second page',
      );
      equal(second.nextCursor, null, 'nextCursor of the last page');
    },
  ),

  check('questions.list.cursor-new', 'the cursor pages through sort=new too', async (ctx) => {
    const { p, a, b, c } = await board(ctx);
    const first = await list(ctx, p, { sort: 'new', limit: 2 });
    ok(first.nextCursor !== null, 'the first page of two has no nextCursor');
    const second = await list(ctx, p, { sort: 'new', limit: 2, cursor: first.nextCursor });
    const ids = [...first.questions, ...second.questions].map((q) => q.id);
    equal(
      ids,
      [c, b, a].map((x) => x.question.id),
      'both pages of sort=new',
    );
  }),

  check(
    'questions.list.bad-cursor',
    'a cursor that is not one of the list’s is 400 on cursor',
    async (ctx) => {
      const { p } = await board(ctx);
      expectInvalid(
        await ctx.call('listQuestions', p, { query: { cursor: 'not-a-cursor!' } }),
        'cursor',
      );
    },
  ),

  check('questions.list.bad-limit', 'limit outside 1–200 is 400 on limit', async (ctx) => {
    const { p } = await board(ctx);
    expectInvalid(await ctx.call('listQuestions', p, { query: { limit: 0 } }), 'limit');
    expectInvalid(await ctx.call('listQuestions', p, { query: { limit: 201 } }), 'limit');
  }),

  check('questions.list.bad-sort', 'an unknown sort is 400 on sort', async (ctx) => {
    const { p } = await board(ctx);
    expectInvalid(await ctx.call('listQuestions', p, { query: { sort: 'hot' } }), 'sort');
  }),

  check(
    'questions.list.personal',
    'with a member token, votedByMe and mine are the member’s',
    async (ctx) => {
      const { p, a, b, c, alice } = await board(ctx);
      const page = await list(ctx, p, {}, alice.token);
      const voted = (id: string) => page.questions.find((q) => q.id === id)?.votedByMe;
      equal(
        [voted(a.question.id), voted(b.question.id), voted(c.question.id)],
        [false, true, false],
        'votedByMe for Alice',
      );
      const asker = b.member;
      const theirs = await list(ctx, p, {}, asker.token);
      for (const x of [a, b, c]) {
        const q = theirs.questions.find((y) => y.id === x.question.id);
        equal(
          q?.mine,
          x.member.id === asker.id,
          `mine on ${x.question.text} for its asker's pool member`,
        );
      }
    },
  ),

  check(
    'questions.list.anonymous-viewer',
    'without a token, votedByMe and mine are false',
    async (ctx) => {
      const { p } = await board(ctx);
      const page = await list(ctx, p);
      ok(
        page.questions.every((q) => !q.votedByMe && !q.mine),
        'votedByMe or mine is true without a token',
      );
    },
  ),

  check('questions.list.bad-token', 'a token that is sent must be valid: 401', async (ctx) => {
    const { p } = await board(ctx);
    expectUnauthorized(
      await ctx.call('listQuestions', p, { token: `unknown-${ctx.run}-token-000000` }),
    );
  }),

  check('questions.list.unknown-session', 'listing an unknown session is 404', async (ctx) => {
    const main = await ctx.fx.main();
    expectError(
      await ctx.call('listQuestions', { community: main.slug, session: 's-nowhere' }),
      404,
      'not_found',
    );
  }),
];
