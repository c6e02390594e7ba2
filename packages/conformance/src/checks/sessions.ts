/** Live sessions: create and edit (PUT), read, move scheduled → live → ended, and what ended closes. */
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

/** A fresh session of the main community, for a check that changes its state. */
async function fresh(ctx: Context, name: string) {
  const main = await ctx.fx.main();
  const params = { community: main.slug, session: `s-${name}` };
  const created = await ctx.call('putSession', params, {
    host: true,
    json: { title: `Session ${name}` },
  });
  expectStatus(created, 201, `creating ${params.session}`);
  return params;
}

const move = (ctx: Context, params: { community: string; session: string }, state: string) =>
  ctx.call('updateSession', params, { host: true, json: { state } });

/** An ended session with a visible question asked before it ended. */
function ended(ctx: Context) {
  return ctx.fx.once('ended session', async () => {
    const session = await ctx.fx.session('closing');
    const { member, question } = await ctx.fx.question(
      session.id,
      `Asked before the end (${ctx.run})`,
    );
    const params = { community: member.community, session: session.id };
    expectStatus(await move(ctx, params, 'ended'), 200, 'ending the session');
    return { member, question, params };
  });
}

export const sessionChecks = [
  check(
    'sessions.put.created',
    'PUT creates a session: 201, scheduled, with the defaults',
    async (ctx) => {
      const main = await ctx.fx.main();
      const params = { community: main.slug, session: `s-put-${ctx.run}` };
      const startsAt = new Date(Date.now() + 3_600_000).toISOString();
      const answer = await ctx.call('putSession', params, {
        host: true,
        json: { title: 'Thursday bread', startsAt },
      });
      const session = expectStatus(answer, 201);
      equal(session.id, params.session, 'id');
      equal(session.community, main.slug, 'community');
      equal(session.title, 'Thursday bread', 'title');
      equal(session.state, 'scheduled', 'state');
      equal(Date.parse(session.startsAt), Date.parse(startsAt), 'startsAt');
      equal(session.moderation, 'post', 'moderation by default');
      equal(session.disclosure, 'none', 'disclosure by default');
      equal(session.questionCount, 0, 'questionCount');
      equal(session.endedAt, null, 'endedAt');
    },
  ),

  check('sessions.put.updated', 'PUT again edits the session: 200, state kept', async (ctx) => {
    const params = await fresh(ctx, 'edit');
    const answer = await ctx.call('putSession', params, {
      host: true,
      json: { title: 'New title', moderation: 'pre', disclosure: 'publicite' },
    });
    const session = expectStatus(answer, 200);
    equal(session.title, 'New title', 'title');
    equal(session.moderation, 'pre', 'moderation');
    equal(session.disclosure, 'publicite', 'disclosure');
    equal(session.state, 'scheduled', 'state');
    const read = expectStatus(await ctx.call('getSession', params), 200);
    equal(read.title, 'New title', 'title read back');
  }),

  check('sessions.put.bad-slug', 'PUT on a session id that is not a slug is 400', async (ctx) => {
    const main = await ctx.fx.main();
    const answer = await ctx.call(
      'putSession',
      { community: main.slug, session: 'Not_A_Slug' },
      { host: true, json: { title: 'x' } },
    );
    expectError(answer, 400, 'validation_failed');
  }),

  check('sessions.put.title-required', 'PUT without a title is 400 on title', async (ctx) => {
    const main = await ctx.fx.main();
    const answer = await ctx.call(
      'putSession',
      { community: main.slug, session: `s-untitled-${ctx.run}` },
      { host: true, json: { title: '  ' } },
    );
    expectInvalid(answer, 'title');
  }),

  check('sessions.put.requires-host', 'PUT without the host key is 401', async (ctx) => {
    const main = await ctx.fx.main();
    const answer = await ctx.call(
      'putSession',
      { community: main.slug, session: `s-nohost-${ctx.run}` },
      { json: { title: 'x' } },
    );
    expectUnauthorized(answer);
  }),

  check('sessions.put.unknown-community', 'PUT in an unknown community is 404', async (ctx) => {
    const main = await ctx.fx.main();
    const answer = await ctx.call(
      'putSession',
      { community: ctx.fx.slug('nowhere'), session: 's-x' },
      { token: main.key, json: { title: 'x' } },
    );
    expectError(answer, 404, 'not_found');
  }),

  check('sessions.get.public', 'GET a session answers it, without a token', async (ctx) => {
    const session = await ctx.fx.session('main');
    const read = expectStatus(
      await ctx.call('getSession', { community: session.community, session: session.id }),
      200,
    );
    equal(read.id, session.id, 'id');
    equal(read.state, 'live', 'state');
  }),

  check('sessions.get.unknown', 'an unknown session is 404', async (ctx) => {
    const main = await ctx.fx.main();
    expectError(
      await ctx.call('getSession', { community: main.slug, session: 's-nowhere' }),
      404,
      'not_found',
    );
  }),

  check('sessions.state.live', 'the host starts a session: scheduled → live', async (ctx) => {
    const params = await fresh(ctx, 'start');
    equal(expectStatus(await move(ctx, params, 'live'), 200).state, 'live', 'state');
    equal(expectStatus(await ctx.call('getSession', params), 200).state, 'live', 'state read back');
  }),

  check('sessions.state.ended', 'the host ends a live session; endedAt is set', async (ctx) => {
    const params = await fresh(ctx, 'end');
    expectStatus(await move(ctx, params, 'live'), 200);
    const session = expectStatus(await move(ctx, params, 'ended'), 200);
    equal(session.state, 'ended', 'state');
    ok(session.endedAt !== null, 'endedAt is null after ending');
  }),

  check('sessions.state.no-reopen', 'an ended session cannot go live again (409)', async (ctx) => {
    const { params } = await ended(ctx);
    expectError(await move(ctx, params, 'live'), 409, 'conflict');
    equal(
      expectStatus(await ctx.call('getSession', params), 200).state,
      'ended',
      'state after the refusal',
    );
  }),

  check(
    'sessions.state.no-back',
    'a live session cannot go back to scheduled (409)',
    async (ctx) => {
      const params = await fresh(ctx, 'back');
      expectStatus(await move(ctx, params, 'live'), 200);
      expectError(await move(ctx, params, 'scheduled'), 409, 'conflict');
    },
  ),

  check('sessions.state.invalid', 'an unknown state is 400 on state', async (ctx) => {
    const session = await ctx.fx.session('main');
    const params = { community: session.community, session: session.id };
    expectInvalid(await move(ctx, params, 'paused'), 'state');
  }),

  check('sessions.state.requires-host', 'PATCH without the host key is 401', async (ctx) => {
    const session = await ctx.fx.session('main');
    const answer = await ctx.call(
      'updateSession',
      { community: session.community, session: session.id },
      { json: { state: 'ended' } },
    );
    expectUnauthorized(answer);
  }),

  check('sessions.moderation.switch', 'the host switches moderation with PATCH', async (ctx) => {
    const params = await fresh(ctx, 'moderation');
    const answer = await ctx.call('updateSession', params, {
      host: true,
      json: { moderation: 'pre' },
    });
    equal(expectStatus(answer, 200).moderation, 'pre', 'moderation');
  }),

  check('sessions.ended.ask', 'asking in an ended session is 409 conflict', async (ctx) => {
    const { params } = await ended(ctx);
    const member = await ctx.fx.pooled('ask');
    ctx.fx.spend(member, 'ask');
    const answer = await ctx.call('ask', params, {
      token: member.token,
      json: { text: 'Too late?' },
    });
    expectError(answer, 409, 'conflict');
  }),

  check('sessions.ended.vote', 'voting in an ended session is 409 conflict', async (ctx) => {
    const { params, question } = await ended(ctx);
    const bob = await ctx.fx.bob();
    const answer = await ctx.call(
      'vote',
      { ...params, question: question.id },
      { token: bob.token },
    );
    expectError(answer, 409, 'conflict');
  }),

  check(
    'sessions.ended.unvote',
    'taking a vote back in an ended session is 409 conflict',
    async (ctx) => {
      const { params, question } = await ended(ctx);
      const bob = await ctx.fx.bob();
      const answer = await ctx.call(
        'unvote',
        { ...params, question: question.id },
        { token: bob.token },
      );
      expectError(answer, 409, 'conflict');
    },
  ),

  check(
    'sessions.ended.readable',
    'an ended session’s questions can still be read',
    async (ctx) => {
      const { params, question } = await ended(ctx);
      const page = expectStatus(await ctx.call('listQuestions', params), 200);
      ok(
        page.questions.some((q) => q.id === question.id),
        'the question asked before the end is gone',
      );
    },
  ),
];
