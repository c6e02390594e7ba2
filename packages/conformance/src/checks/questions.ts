/** Asking, anonymity, pre-moderation and the host's side of questions. */
import { QUESTION_MAX } from '@cercle/client';
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

const mainSession = (ctx: Context) => ctx.fx.session('main');

async function params(ctx: Context, name = 'main') {
  const session = await ctx.fx.session(name);
  return { community: session.community, session: session.id };
}

/** An anonymous question in the main session. */
const anonymous = (ctx: Context) =>
  ctx.fx.once('anonymous question', async () => {
    const session = await mainSession(ctx);
    return ctx.fx.question(session.id, `Asked anonymously (${ctx.run})`, { anonymous: true });
  });

/** A question of the pre-moderated session, left pending. */
const pending = (ctx: Context) =>
  ctx.fx.once('pending question', async () => {
    const session = await ctx.fx.session('pre');
    return ctx.fx.question(session.id, `Waiting for the host (${ctx.run})`);
  });

/** A question the host hid. */
export const hidden = (ctx: Context) =>
  ctx.fx.once('hidden question', async () => {
    const p = await params(ctx, 'hide');
    const asked = await ctx.fx.question(p.session, `To be hidden (${ctx.run})`);
    const after = await ctx.fx.moderate(p.community, p.session, asked.question.id, {
      state: 'hidden',
    });
    return { ...asked, after, params: p };
  });

const publicList = async (ctx: Context, p: { community: string; session: string }) =>
  expectStatus(await ctx.call('listQuestions', p, { query: { sort: 'new', limit: 200 } }), 200);

const hostList = async (ctx: Context, p: { community: string; session: string }) =>
  expectStatus(await ctx.call('hostQuestions', p, { host: true }), 200);

export const questionChecks = [
  check('questions.ask.created', 'a member asks: 201, open, theirs, no votes', async (ctx) => {
    const session = await mainSession(ctx);
    const { member, question } = await ctx.fx.question(
      session.id,
      `How long to proof? (${ctx.run})`,
    );
    equal(question.state, 'open', 'state');
    equal(question.session, session.id, 'session');
    equal(question.author, member.displayName, 'author');
    equal(question.votes, 0, 'votes');
    equal(question.mine, true, 'mine (to the asker)');
    equal(question.votedByMe, false, 'votedByMe');
    equal(question.pinned, false, 'pinned');
    equal(question.answer, null, 'answer');
  }),

  check('questions.ask.trimmed', 'the question’s text is trimmed', async (ctx) => {
    const session = await mainSession(ctx);
    const { question } = await ctx.fx.question(session.id, `   Spaces around (${ctx.run})   `);
    equal(question.text, `Spaces around (${ctx.run})`, 'text');
  }),

  check(
    'questions.ask.max-length',
    `a question of ${QUESTION_MAX} characters is taken`,
    async (ctx) => {
      const session = await mainSession(ctx);
      const text = `${ctx.run} `.padEnd(QUESTION_MAX, 'q');
      const { question } = await ctx.fx.question(session.id, text);
      equal(question.text.length, QUESTION_MAX, 'text length');
    },
  ),

  check(
    'questions.ask.too-long',
    `a question of ${QUESTION_MAX + 1} characters is 400 on text`,
    async (ctx) => {
      const member = await ctx.fx.pooled('ask');
      const answer = await ctx.call('ask', await params(ctx), {
        token: member.token,
        json: { text: 'q'.repeat(QUESTION_MAX + 1) },
      });
      expectInvalid(answer, 'text');
    },
  ),

  check('questions.ask.empty', 'a blank question is 400 on text', async (ctx) => {
    const member = await ctx.fx.pooled('ask');
    const answer = await ctx.call('ask', await params(ctx), {
      token: member.token,
      json: { text: '  \n ' },
    });
    expectInvalid(answer, 'text');
  }),

  check(
    'questions.ask.no-extra-fields',
    'an ask with a field the contract does not know is 400',
    async (ctx) => {
      const member = await ctx.fx.pooled('ask');
      const answer = await ctx.call('ask', await params(ctx), {
        token: member.token,
        json: { text: 'Pin me', pinned: true },
      });
      expectInvalid(answer, 'pinned');
    },
  ),

  check('questions.ask.requires-member', 'asking without a member token is 401', async (ctx) => {
    expectUnauthorized(await ctx.call('ask', await params(ctx), { json: { text: 'Who am I?' } }));
  }),

  check('questions.ask.waitlisted', 'a waitlisted member cannot ask (403)', async (ctx) => {
    const waiting = await ctx.fx.waitlisted();
    const session = await ctx.fx.session('full');
    const answer = await ctx.call(
      'ask',
      { community: waiting.community, session: session.id },
      { token: waiting.token, json: { text: 'Can I ask yet?' } },
    );
    expectError(answer, 403, 'forbidden');
  }),

  check('questions.ask.unknown-session', 'asking in an unknown session is 404', async (ctx) => {
    const member = await ctx.fx.pooled('ask');
    const answer = await ctx.call(
      'ask',
      { community: member.community, session: 's-nowhere' },
      { token: member.token, json: { text: 'Anyone here?' } },
    );
    expectError(answer, 404, 'not_found');
  }),

  check(
    'questions.anonymous.public',
    'an anonymous question shows no author to the public',
    async (ctx) => {
      const { question } = await anonymous(ctx);
      equal(question.author, null, 'author in the answer to the asker');
      const page = await publicList(ctx, {
        community: (await ctx.fx.main()).slug,
        session: question.session,
      });
      const listed = page.questions.find((q) => q.id === question.id);
      ok(listed, 'the anonymous question is not in the list');
      equal(listed.author, null, 'author in the public list');
    },
  ),

  check(
    'questions.anonymous.host',
    'the host sees the author of an anonymous question',
    async (ctx) => {
      const { member, question } = await anonymous(ctx);
      const host = await hostList(ctx, { community: member.community, session: question.session });
      equal(
        host.questions.find((q) => q.id === question.id)?.author,
        member.displayName,
        'author the host sees',
      );
    },
  ),

  check(
    'questions.moderation.pending',
    'under pre-moderation a question is pending and not public',
    async (ctx) => {
      const { member, question } = await pending(ctx);
      equal(question.state, 'pending', 'state');
      const page = await publicList(ctx, {
        community: member.community,
        session: question.session,
      });
      ok(
        !page.questions.some((q) => q.id === question.id),
        'a pending question is in the public list',
      );
    },
  ),

  check(
    'questions.moderation.approve',
    'the host approves a pending question and it turns public',
    async (ctx) => {
      const p = await params(ctx, 'pre');
      const { question } = await ctx.fx.question(p.session, `To approve (${ctx.run})`);
      equal(question.state, 'pending', 'state before approval');
      const approved = await ctx.fx.moderate(p.community, p.session, question.id, {
        state: 'open',
      });
      equal(approved.state, 'open', 'state after approval');
      const page = await publicList(ctx, p);
      ok(
        page.questions.some((q) => q.id === question.id),
        'the approved question is not public',
      );
    },
  ),

  check(
    'questions.moderation.count',
    'questionCount counts only visible questions',
    async (ctx) => {
      const { member, question } = await pending(ctx);
      const p = { community: member.community, session: question.session };
      const page = await publicList(ctx, p);
      const session = expectStatus(await ctx.call('getSession', p), 200);
      equal(session.questionCount, page.questions.length, 'questionCount against the public list');
    },
  ),

  check(
    'questions.host.all',
    'the host’s list includes pending and hidden questions',
    async (ctx) => {
      const waiting = await pending(ctx);
      const gone = await hidden(ctx);
      const pre = await hostList(ctx, {
        community: waiting.member.community,
        session: waiting.question.session,
      });
      equal(
        pre.questions.find((q) => q.id === waiting.question.id)?.state,
        'pending',
        'the pending question',
      );
      const hid = await hostList(ctx, gone.params);
      equal(
        hid.questions.find((q) => q.id === gone.question.id)?.state,
        'hidden',
        'the hidden question',
      );
    },
  ),

  check('questions.host.hide', 'a hidden question leaves the public list', async (ctx) => {
    const { question, after, params: p } = await hidden(ctx);
    equal(after.state, 'hidden', 'state');
    const page = await publicList(ctx, p);
    ok(
      !page.questions.some((q) => q.id === question.id),
      'a hidden question is in the public list',
    );
  }),

  check(
    'questions.host.answer',
    'the host answers in writing: answered, with the answer',
    async (ctx) => {
      const p = await params(ctx);
      const { question } = await ctx.fx.question(p.session, `Please answer (${ctx.run})`);
      const answered = await ctx.fx.moderate(p.community, p.session, question.id, {
        answer: ' Two hours. ',
      });
      equal(answered.state, 'answered', 'state');
      equal(answered.answer?.text, 'Two hours.', 'answer.text (trimmed)');
      const listed = (await publicList(ctx, p)).questions.find((q) => q.id === question.id);
      equal(listed?.answer?.text, 'Two hours.', 'answer.text in the public list');
      const removed = await ctx.fx.moderate(p.community, p.session, question.id, { answer: null });
      equal(removed.answer, null, 'answer after removing it');
    },
  ),

  check('questions.host.validation', 'a state the host cannot set is 400 on state', async (ctx) => {
    const { question } = await anonymous(ctx);
    const main = await ctx.fx.main();
    const answer = await ctx.call(
      'updateQuestion',
      { community: main.slug, session: question.session, question: question.id },
      { host: true, json: { state: 'pending' } },
    );
    expectInvalid(answer, 'state');
  }),

  check('questions.host.unknown', 'changing an unknown question is 404', async (ctx) => {
    const p = await params(ctx);
    const answer = await ctx.call(
      'updateQuestion',
      { ...p, question: 'q_nowhere' },
      { host: true, json: { pinned: true } },
    );
    expectError(answer, 404, 'not_found');
  }),

  check(
    'questions.host.requires-key',
    'the host’s question list without the host key is 401',
    async (ctx) => {
      expectUnauthorized(await ctx.call('hostQuestions', await params(ctx)));
    },
  ),

  check(
    'questions.host.member-token',
    'a member token is refused on the host’s question list',
    async (ctx) => {
      const alice = await ctx.fx.alice();
      const answer = await ctx.call('hostQuestions', await params(ctx), { token: alice.token });
      ok(
        answer.status === 401 || answer.status === 403,
        `${answer.label} with a member token answered ${answer.status}`,
      );
    },
  ),
];
