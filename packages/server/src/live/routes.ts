/** The live Q&A's routes: sessions, questions, votes, host moderation, event streams. */
import { NEXT_SESSION, routes } from '@cercle/client';
import { adminRoutes, allRoutes } from '@cercle/client/admin';
import type { AppContext, Handlers, RouteContext } from '../core/context.js';
import { ApiError, refuse } from '../core/errors.js';
import type { EventStreams } from '../core/sse.js';
import type { CommunityRow, SessionRow } from '../store/rows.js';
import { eventsAfter, newestEventId, sessionKey } from '../core/events.js';
import {
  ask,
  getSession,
  hostQuestions,
  hostSessions,
  listSessions,
  nextSession,
  listQuestions,
  putSession,
  sessionView,
  setVote,
  updateQuestion,
  updateSession,
} from './rules.js';

type LiveRoute =
  | 'getSession'
  | 'listQuestions'
  | 'ask'
  | 'vote'
  | 'unvote'
  | 'sessionEvents'
  | 'hostQuestions'
  | 'hostSessionEvents'
  | 'updateQuestion'
  | 'putSession'
  | 'updateSession'
  | 'listSessions'
  | 'hostSessions';

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

export function liveHandlers(ctx: RouteContext, streams: EventStreams): Handlers<LiveRoute> {
  const { store, live } = ctx;

  async function requireSession(c: AppContext, community: CommunityRow): Promise<SessionRow> {
    const id = c.req.param('session') ?? '';
    const session =
      id === NEXT_SESSION && c.get('route') === 'getSession'
        ? await nextSession(store, community.slug)
        : await getSession(store, community.slug, id);
    const hidden = session?.archived_at && allRoutes[c.get('route')].auth !== 'host';
    if (!session || hidden) {
      throw new ApiError(
        'not_found',
        id === NEXT_SESSION
          ? `No live or upcoming session in "${community.slug}".`
          : `No session "${id}" in "${community.slug}".`,
      );
    }
    return session;
  }

  /** The community and session of the path; for host routes, after the host key is checked. */
  async function target(c: AppContext, host = false) {
    const community = await ctx.requireCommunity(c);
    const actor = host ? await ctx.requireHost(c, community) : undefined;
    return { community, session: await requireSession(c, community), actor };
  }

  async function openStream(c: AppContext, session: SessionRow, audience: 'public' | 'host') {
    const socket = c.env?.incoming?.socket;
    let onClose: (() => void) | undefined;
    if (audience === 'public') {
      // Live participation (docs/kpis.md): distinct viewers, and the most streams open at once.
      await ctx.visit(c, session.community, `s${session.seq}`);
      onClose = await ctx.visitors.streamOpened(session.seq);
    }
    return streams.open({
      onClose,
      broker: live.broker,
      key: sessionKey(session),
      audience,
      lastEventId: c.req.header('last-event-id'),
      eventsAfter: (id) => eventsAfter(store, session.seq, id),
      newestId: () => newestEventId(store, session.seq),
      drop: socket && (() => socket.destroy()),
    });
  }

  async function vote(c: AppContext, on: boolean) {
    const { community, session } = await target(c);
    const member = ctx.requireActive(await ctx.requireMember(c, community, 'vote'));
    return c.json(await setVote(live, session, c.req.param('question') ?? '', member, on));
  }

  return {
    getSession: async (c) => {
      const { session } = await target(c);
      return c.json(sessionView(session));
    },

    listQuestions: async (c) => {
      const { community, session } = await target(c);
      const viewer = await ctx.optionalMember(c, community);
      const query = ctx.readQuery(c, routes.listQuestions.query);
      return c.json(await listQuestions(store, session, query, viewer));
    },

    ask: async (c) => {
      const { community, session } = await target(c);
      const member = ctx.requireActive(await ctx.requireMember(c, community, null));
      const key = ctx.idempotencyKey(c);
      const input = await ctx.readBody(c, routes.ask.body);
      await ctx.limit('ask', member.token_hash);
      return ctx.answer(c, await ask(live, session, member, input, key));
    },

    vote: (c) => vote(c, true),

    unvote: (c) => vote(c, false),

    sessionEvents: async (c) => openStream(c, (await target(c)).session, 'public'),

    hostQuestions: async (c) => c.json(await hostQuestions(store, (await target(c, true)).session)),

    hostSessionEvents: async (c) => openStream(c, (await target(c, true)).session, 'host'),

    updateQuestion: async (c) => {
      const { session, actor } = await target(c, true);
      const input = await ctx.readBody(c, routes.updateQuestion.body);
      const id = c.req.param('question') ?? '';
      return c.json(await updateQuestion(live, session, id, input, actor));
    },

    putSession: async (c) => {
      const community = await ctx.requireCommunity(c);
      const actor = await ctx.requireHost(c, community);
      const id = c.req.param('session') ?? '';
      if (!SLUG.test(id)) throw refuse.badSlug('session');
      const input = await ctx.readBody(c, routes.putSession.body);
      const result = await putSession(live, community.slug, id, input, actor);
      return c.json(result.body, result.status);
    },

    updateSession: async (c) => {
      const { session, actor } = await target(c, true);
      const input = await ctx.readBody(c, routes.updateSession.body);
      return c.json(await updateSession(live, session, input, actor));
    },

    listSessions: async (c) => {
      const community = await ctx.requireCommunity(c);
      const { when } = ctx.readQuery(c, adminRoutes.listSessions.query);
      return c.json({ sessions: await listSessions(store, community.slug, when) });
    },

    hostSessions: async (c) => {
      const community = await ctx.requireCommunity(c);
      await ctx.requireHost(c, community);
      return c.json({ sessions: await hostSessions(store, community.slug) });
    },
  };
}
