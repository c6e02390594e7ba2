/** The live stream (Server-Sent Events): what each change sends, to whom, and resuming. */
import { LiveSession, Question, QuestionRemoved } from '@cercle/client';
import * as v from 'valibot';
import { equal, expectError, expectStatus, expectUnauthorized, fail, ok, show } from '../assert.js';
import type { Context } from '../context.js';
import type { SseEvent } from '../sse.js';
import { check } from './define.js';

type Params = { community: string; session: string };

/** The event's data, checked against the contract's schema for its type. */
function payload<S extends v.GenericSchema>(event: SseEvent, schema: S): v.InferOutput<S> {
  const result = v.safeParse(schema, event.json);
  if (!result.success) {
    fail(
      `the ${event.type} event's data breaks the contract: ${result.issues[0]?.message} — ${show(event.data)}`,
    );
  }
  ok(event.id !== undefined && event.id !== '', `the ${event.type} event has no id: field`);
  return result.output;
}

const about = (type: string, id: string) => (event: SseEvent) =>
  event.type === type && (event.json as { id?: unknown } | undefined)?.id === id;

async function stream(ctx: Context, name: string) {
  const session = await ctx.fx.session(name);
  return { community: session.community, session: session.id };
}

/** A question of the stream session that checks vote for, answer and pin while watching. */
const watched = (ctx: Context) =>
  ctx.fx.once('watched question', async () => {
    const p = await stream(ctx, 'stream');
    const { question } = await ctx.fx.question(p.session, `Watched (${ctx.run})`);
    return { p, question };
  });

const open = (ctx: Context, p: Params, options: { host?: boolean; lastEventId?: string } = {}) =>
  ctx.events(options.host ? 'hostSessionEvents' : 'sessionEvents', p, options);

export const eventChecks = [
  check('events.stream.open', 'GET …/events answers 200 text/event-stream', async (ctx) => {
    const s = await open(ctx, await stream(ctx, 'stream'));
    equal(s.status, 200, 'status');
  }),

  check(
    'events.question.created',
    'asking sends question.created with the question and an id',
    async (ctx) => {
      const p = await stream(ctx, 'stream');
      const s = await open(ctx, p);
      const { question } = await ctx.fx.question(p.session, `Streamed (${ctx.run})`);
      const event = await s.waitFor('question.created', about('question.created', question.id));
      equal(payload(event, Question).text, question.text, 'text');
    },
  ),

  check(
    'events.question.updated',
    'a vote sends question.updated with the new count',
    async (ctx) => {
      const { p, question } = await watched(ctx);
      const s = await open(ctx, p);
      const votes = await ctx.fx.vote(await ctx.fx.alice(), p.session, question.id);
      const event = await s.waitFor('question.updated', about('question.updated', question.id));
      equal(payload(event, Question).votes, votes, 'votes');
    },
  ),

  check(
    'events.public.not-personal',
    'the public stream never says votedByMe or mine',
    async (ctx) => {
      const { p, question } = await watched(ctx);
      const s = await open(ctx, p);
      const bob = await ctx.fx.bob();
      await ctx.fx.vote(bob, p.session, question.id);
      const updated = payload(
        await s.waitFor('question.updated', about('question.updated', question.id)),
        Question,
      );
      equal([updated.votedByMe, updated.mine], [false, false], 'votedByMe and mine after a vote');
      const asked = await ctx.fx.question(p.session, `Mine? (${ctx.run})`);
      const created = payload(
        await s.waitFor('question.created', about('question.created', asked.question.id)),
        Question,
      );
      equal(
        [created.votedByMe, created.mine],
        [false, false],
        'votedByMe and mine of a new question',
      );
    },
  ),

  check(
    'events.question.answered',
    'a written answer sends question.updated with the answer',
    async (ctx) => {
      const { p, question } = await watched(ctx);
      const s = await open(ctx, p);
      await ctx.fx.moderate(p.community, p.session, question.id, { answer: 'Answered live.' });
      const event = await s.waitFor('question.updated', about('question.updated', question.id));
      const q = payload(event, Question);
      equal([q.state, q.answer?.text], ['answered', 'Answered live.'], 'state and answer');
    },
  ),

  check('events.question.pinned', 'pinning sends question.updated with pinned', async (ctx) => {
    const { p, question } = await watched(ctx);
    const s = await open(ctx, p);
    await ctx.fx.moderate(p.community, p.session, question.id, { pinned: true });
    const event = await s.waitFor('question.updated', about('question.updated', question.id));
    equal(payload(event, Question).pinned, true, 'pinned');
  }),

  check(
    'events.question.removed',
    'hiding sends question.removed on the public stream',
    async (ctx) => {
      const p = await stream(ctx, 'stream');
      const { question } = await ctx.fx.question(p.session, `Removed live (${ctx.run})`);
      const s = await open(ctx, p);
      await ctx.fx.moderate(p.community, p.session, question.id, { state: 'hidden' });
      const event = await s.waitFor('question.removed', about('question.removed', question.id));
      equal(payload(event, QuestionRemoved).id, question.id, 'id');
    },
  ),

  check(
    'events.host.hidden',
    'the host stream sees a hidden question as question.updated',
    async (ctx) => {
      const p = await stream(ctx, 'stream');
      const { question } = await ctx.fx.question(p.session, `Hidden, host view (${ctx.run})`);
      const s = await open(ctx, p, { host: true });
      await ctx.fx.moderate(p.community, p.session, question.id, { state: 'hidden' });
      const event = await s.waitFor('question.updated', about('question.updated', question.id));
      equal(payload(event, Question).state, 'hidden', 'state');
    },
  ),

  check('events.host.pending', 'the host stream sees pending questions', async (ctx) => {
    const p = await stream(ctx, 'pre-stream');
    const s = await open(ctx, p, { host: true });
    const { question } = await ctx.fx.question(p.session, `Pending, host stream (${ctx.run})`);
    const event = await s.waitFor('question.created', about('question.created', question.id));
    equal(payload(event, Question).state, 'pending', 'state');
  }),

  check(
    'events.public.no-pending',
    'the public stream never carries a pending question',
    async (ctx) => {
      const p = await stream(ctx, 'pre-stream');
      const s = await open(ctx, p);
      await ctx.fx.question(p.session, `Pending, public stream (${ctx.run})`);
      const title = `Retitled (${Math.random().toString(36).slice(2)})`;
      expectStatus(await ctx.call('putSession', p, { host: true, json: { title } }), 200);
      const first = await s.next();
      equal(
        first.type,
        'session.updated',
        'the first public event after a pending question and a retitle',
      );
      equal(payload(first, LiveSession).title, title, 'title');
    },
  ),

  check(
    'events.public.approval',
    'approving a pending question sends question.created to the public',
    async (ctx) => {
      const p = await stream(ctx, 'pre-stream');
      const { question } = await ctx.fx.question(p.session, `Approved live (${ctx.run})`);
      const s = await open(ctx, p);
      await ctx.fx.moderate(p.community, p.session, question.id, { state: 'open' });
      const event = await s.waitFor('question.created', about('question.created', question.id));
      equal(payload(event, Question).state, 'open', 'state');
    },
  ),

  check(
    'events.anonymous.author',
    'an anonymous question streams without its author, but the host sees it',
    async (ctx) => {
      const p = await stream(ctx, 'stream');
      const [pub, host] = [await open(ctx, p), await open(ctx, p, { host: true })];
      const { member, question } = await ctx.fx.question(p.session, `Anonymous live (${ctx.run})`, {
        anonymous: true,
      });
      const seen = payload(
        await pub.waitFor('question.created', about('question.created', question.id)),
        Question,
      );
      equal(seen.author, null, 'author on the public stream');
      const hosted = payload(
        await host.waitFor('question.created (host)', about('question.created', question.id)),
        Question,
      );
      equal(hosted.author, member.displayName, 'author on the host stream');
    },
  ),

  check(
    'events.session.updated',
    'a state change sends session.updated with the session',
    async (ctx) => {
      const main = await ctx.fx.main();
      const p = { community: main.slug, session: `s-state-stream-${ctx.run}` };
      expectStatus(
        await ctx.call('putSession', p, { host: true, json: { title: 'Streams its state' } }),
        201,
      );
      const s = await open(ctx, p);
      expectStatus(
        await ctx.call('updateSession', p, { host: true, json: { state: 'live' } }),
        200,
      );
      const event = await s.waitFor('session.updated', (e) => e.type === 'session.updated');
      equal(payload(event, LiveSession).state, 'live', 'state');
    },
  ),

  check('events.ids.increase', 'every event has an id, and ids increase', async (ctx) => {
    const p = await stream(ctx, 'stream');
    const s = await open(ctx, p);
    const { question } = await ctx.fx.question(p.session, `Ids (${ctx.run})`);
    await ctx.fx.vote(await ctx.fx.carol(), p.session, question.id);
    await ctx.fx.moderate(p.community, p.session, question.id, { pinned: true });
    await s.waitFor(
      'the pin',
      (e) =>
        about('question.updated', question.id)(e) &&
        (e.json as { pinned?: boolean }).pinned === true,
    );
    const ids = s.received.map((e) => e.id);
    ok(
      ids.every((id) => id !== undefined && /^\d+$/.test(id)),
      `event ids are not all integers: ${show(ids)}`,
    );
    const numbers = ids.map(Number);
    ok(
      numbers.every((n, i) => i === 0 || n > (numbers[i - 1] as number)),
      `event ids do not increase: ${show(ids)}`,
    );
  }),

  check(
    'events.resume.exact',
    'Last-Event-ID replays exactly the missed events, then goes on live',
    async (ctx) => {
      const p = await stream(ctx, 'resume');
      const page = expectStatus(await ctx.call('listQuestions', p), 200);
      const { question } = await ctx.fx.question(p.session, `Missed (${ctx.run})`);
      await ctx.fx.vote(await ctx.fx.alice(), p.session, question.id);
      const s = await open(ctx, p, { lastEventId: page.lastEventId });
      const [first, second] = [await s.next(), await s.next()];
      ok(
        about('question.created', question.id)(first),
        `the first replayed event is ${first.type} ${show(first.json)}`,
      );
      ok(
        about('question.updated', question.id)(second),
        `the second replayed event is ${second.type} ${show(second.json)}`,
      );
      equal(payload(second, Question).votes, 1, 'votes in the replayed update');
      await ctx.fx.moderate(p.community, p.session, question.id, { pinned: true });
      const live = await s.next();
      ok(
        about('question.updated', question.id)(live),
        `after the replay came ${live.type} ${show(live.json)}, not the live pin`,
      );
      equal(payload(live, Question).pinned, true, 'pinned in the live event');
    },
  ),

  check(
    'events.resume.host',
    'the host stream resumes from the host list’s lastEventId',
    async (ctx) => {
      const p = await stream(ctx, 'resume-host');
      const list = expectStatus(await ctx.call('hostQuestions', p, { host: true }), 200);
      const { question } = await ctx.fx.question(p.session, `Missed by the host (${ctx.run})`);
      const s = await open(ctx, p, { host: true, lastEventId: list.lastEventId });
      const first = await s.next();
      ok(
        about('question.created', question.id)(first),
        `the first replayed event is ${first.type} ${show(first.json)}`,
      );
    },
  ),

  check(
    'events.resync.unknown-id',
    'a Last-Event-ID the backend never sent gets a resync event',
    async (ctx) => {
      const s = await open(ctx, await stream(ctx, 'stream'), {
        lastEventId: `not-an-event-${ctx.run}`,
      });
      const first = await s.next();
      equal(first.type, 'resync', 'the first event');
      ok(first.id !== undefined && first.id !== '', 'the resync event has no id: field');
    },
  ),

  check(
    'events.resync.future-id',
    'a Last-Event-ID beyond the newest event gets a resync event',
    async (ctx) => {
      const s = await open(ctx, await stream(ctx, 'stream'), { lastEventId: '999999999999' });
      equal((await s.next()).type, 'resync', 'the first event');
    },
  ),

  check('events.host.requires-key', 'the host stream without the host key is 401', async (ctx) => {
    expectUnauthorized(await ctx.call('hostSessionEvents', await stream(ctx, 'stream')));
  }),

  check('events.stream.unknown-session', 'the stream of an unknown session is 404', async (ctx) => {
    const main = await ctx.fx.main();
    expectError(
      await ctx.call('sessionEvents', { community: main.slug, session: 's-nowhere' }),
      404,
      'not_found',
    );
  }),
];
