/**
 * The sessions of a community: the public list (live, then upcoming by start, then past, most
 * recent first; never archived ones), its `when` filter, `sessions/next`, the host's list, and
 * what a session says about itself (description, planned end).
 */
import { equal, expectError, expectInvalid, expectStatus, ok } from '../assert.js';
import type { Context } from '../context.js';
import { inDays } from '../fixtures.js';
import { check } from './define.js';

const HOUR = 3_600_000;
const inHours = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();

/**
 * The agenda community: two past sessions, one live, two upcoming and one archived, created
 * in an order that is none of the orders the list must follow.
 */
const agenda = (ctx: Context) =>
  ctx.fx.once('agenda', async () => {
    const community = await ctx.fx.community('agenda');
    const put = async (id: string, startsAt: string, ...moves: ('live' | 'ended')[]) => {
      const params = { community: community.slug, session: id };
      expectStatus(
        await ctx.call('putSession', params, { host: true, json: { title: id, startsAt } }),
        201,
        `creating ${id}`,
      );
      for (const state of moves) {
        expectStatus(
          await ctx.call('updateSession', params, { host: true, json: { state } }),
          200,
          `moving ${id} to ${state}`,
        );
      }
    };
    await put('s-later', inDays(2));
    await put('s-past-2', inDays(-2), 'live');
    await put('s-soon', inDays(1));
    await put('s-past-1', inDays(-3), 'live', 'ended');
    await ctx.call(
      'updateSession',
      { community: community.slug, session: 's-past-2' },
      { host: true, json: { state: 'ended' } },
    );
    await put('s-live', inHours(-1), 'live');
    await put('s-hidden', inHours(3));
    expectStatus(
      await ctx.call(
        'updateSession',
        { community: community.slug, session: 's-hidden' },
        { host: true, json: { archived: true } },
      ),
      200,
      'archiving s-hidden',
    );
    return { community };
  });

const list = async (ctx: Context, community: string, when?: string) =>
  expectStatus(
    await ctx.call('listSessions', { community }, when ? { query: { when } } : {}),
    200,
  ).sessions.map((s) => s.id);

export const agendaChecks = [
  check(
    'sessions.list.order',
    'the public list: live first, then upcoming by start, then past, most recent first',
    async (ctx) => {
      const { community } = await agenda(ctx);
      equal(
        await list(ctx, community.slug),
        ['s-live', 's-soon', 's-later', 's-past-2', 's-past-1'],
        'the sessions in order',
      );
    },
  ),

  check(
    'sessions.list.when',
    '`when` keeps upcoming, live or past sessions; another value is 400',
    async (ctx) => {
      const { community } = await agenda(ctx);
      equal(await list(ctx, community.slug, 'upcoming'), ['s-soon', 's-later'], 'upcoming');
      equal(await list(ctx, community.slug, 'live'), ['s-live'], 'live');
      equal(await list(ctx, community.slug, 'past'), ['s-past-2', 's-past-1'], 'past');
      expectInvalid(
        await ctx.call('listSessions', { community: community.slug }, { query: { when: 'soon' } }),
        'when',
      );
    },
  ),

  check(
    'sessions.list.archived',
    'an archived session leaves the public list (404); the host’s list keeps it, flagged',
    async (ctx) => {
      const { community } = await agenda(ctx);
      ok(
        !(await list(ctx, community.slug)).includes('s-hidden'),
        'the archived session is in the public list',
      );
      expectError(
        await ctx.call('getSession', { community: community.slug, session: 's-hidden' }),
        404,
        'not_found',
      );
      const hosted = expectStatus(
        await ctx.call('hostSessions', { community: community.slug }, { host: true }),
        200,
      );
      const flags = Object.fromEntries(hosted.sessions.map((s) => [s.id, s.archived]));
      equal(
        flags,
        {
          's-later': false,
          's-past-2': false,
          's-soon': false,
          's-past-1': false,
          's-live': false,
          's-hidden': true,
        },
        'the host’s sessions and their archived flags',
      );
    },
  ),

  check('sessions.next.live', '`sessions/next` is the live session', async (ctx) => {
    const { community } = await agenda(ctx);
    const next = expectStatus(
      await ctx.call('getSession', { community: community.slug, session: 'next' }),
      200,
    );
    equal([next.id, next.state], ['s-live', 'live'], 'the next session’s id and state');
  }),

  check(
    'sessions.next.upcoming',
    'without a live session, `sessions/next` is the scheduled one that starts first',
    async (ctx) => {
      const community = await ctx.fx.community('agenda-next');
      for (const [id, days] of [
        ['s-second', 2],
        ['s-first', 1],
      ] as const) {
        expectStatus(
          await ctx.call(
            'putSession',
            { community: community.slug, session: id },
            { host: true, json: { title: id, startsAt: inDays(days) } },
          ),
          201,
          `creating ${id}`,
        );
      }
      const next = expectStatus(
        await ctx.call('getSession', { community: community.slug, session: 'next' }),
        200,
      );
      equal([next.id, next.state], ['s-first', 'scheduled'], 'the next session’s id and state');
    },
  ),

  check(
    'sessions.next.none',
    'a community without sessions: an empty list, and `sessions/next` is 404',
    async (ctx) => {
      const community = await ctx.fx.community('quiet');
      equal(await list(ctx, community.slug), [], 'the sessions');
      expectError(
        await ctx.call('getSession', { community: community.slug, session: 'next' }),
        404,
        'not_found',
      );
    },
  ),

  check(
    'sessions.put.description',
    'a session keeps its description and planned end, and shows them publicly',
    async (ctx) => {
      const main = await ctx.fx.main();
      const params = { community: main.slug, session: `s-described-${ctx.run}` };
      const json = {
        title: 'Sourdough night',
        description: 'Bring your starter; we answer questions about hydration.',
        startsAt: inHours(24),
        endsAt: inHours(26),
      };
      const created = expectStatus(await ctx.call('putSession', params, { host: true, json }), 201);
      const shown = expectStatus(await ctx.call('getSession', params), 200);
      for (const [what, session] of [
        ['the answer', created],
        ['the public view', shown],
      ] as const) {
        equal(session.description, json.description, `${what}: description`);
        equal(
          session.endsAt ? Date.parse(session.endsAt) : null,
          Date.parse(json.endsAt),
          `${what}: endsAt`,
        );
      }
    },
  ),

  check(
    'sessions.put.ends-before-start',
    'a session that ends before it starts is 400 on endsAt',
    async (ctx) => {
      const main = await ctx.fx.main();
      const answer = await ctx.call(
        'putSession',
        { community: main.slug, session: `s-backwards-${ctx.run}` },
        { host: true, json: { title: 'Backwards', startsAt: inHours(5), endsAt: inHours(4) } },
      );
      expectInvalid(answer, 'endsAt');
    },
  ),

  check(
    'sessions.put.next-reserved',
    '`next` cannot be a session id (400): it names the live or next session',
    async (ctx) => {
      const main = await ctx.fx.main();
      const answer = await ctx.call(
        'putSession',
        { community: main.slug, session: 'next' },
        { host: true, json: { title: 'Not a session' } },
      );
      expectError(answer, 400, 'validation_failed');
    },
  ),
];
