/**
 * The mock's live Q&A: sessions, questions, votes, the host's moderation, reports and each
 * session's event log, with the reference server's rules (pre / post moderation, one vote
 * per member, `ended` is read-only, leaving anonymises questions and removes votes).
 *
 * Every change appends one event to the session's log (ids 1, 2, 3… per session) in two
 * renderings: the host's (every question, the author of anonymous ones included) and the
 * public one (visible questions only: a question turning visible is `question.created` for
 * the public, one leaving the board `question.removed`). Subscribers get the log from their
 * `Last-Event-ID` on, or `resync` when it is older than what the log retains.
 *
 * All of it is plain data (`LiveData`), so the store can keep it in `localStorage` and two
 * tabs of the playground can share one board.
 */
import * as v from 'valibot';
import {
  AskRequest,
  QuestionQuery,
  QuestionUpdate,
  ReportDecisionRequest,
  ReportRequest,
  SessionUpdate,
} from '@cercle/client/contract';
import { demoQuestions, demoSessions, type DemoCommunity } from '@cercle/client/demo';
import type {
  Answer,
  FieldIssue,
  HostQuestionList,
  LiveSession,
  Moderation,
  Question,
  QuestionPage,
  QuestionSort,
  QuestionState,
  Report,
  ReportDecision,
  ReportList,
  ReportReason,
  ReportReceipt,
  ReportState,
  SessionEventType,
  SessionState,
  VoteResult,
} from '@cercle/client';
import { MockApiError } from './errors.js';

export interface StoredSession {
  community: string;
  id: string;
  title: string;
  state: SessionState;
  startsAt: string;
  endedAt: string | null;
  moderation: Moderation;
}

export interface StoredQuestion {
  id: string;
  community: string;
  session: string;
  text: string;
  /** `null` once the author has left. */
  authorId: string | null;
  /** Kept for the host even when asked anonymously; `null` once the author has left. */
  authorName: string | null;
  anonymous: boolean;
  state: QuestionState;
  pinned: boolean;
  answer: Answer | null;
  createdAt: string;
  /** Member ids, one vote each. */
  voters: string[];
}

export interface StoredReport {
  id: string;
  community: string;
  target: { kind: 'question' | 'testimonial'; id: string };
  reason: ReportReason;
  details: string;
  state: ReportState;
  createdAt: string;
  decision: ReportDecision | null;
  /** `null` for an anonymous notice, or once the reporter has left. */
  reporterId: string | null;
}

interface Frame {
  type: SessionEventType;
  data: unknown;
}

export interface StoredEvent {
  id: number;
  host: Frame;
  /** `null` when the public does not see this change (a pending question, a hidden one). */
  public: Frame | null;
}

export interface SessionLog {
  /** `community/session`. */
  key: string;
  /** The newest event id (0: none yet). */
  last: number;
  /** The retained events, oldest first (at most `eventLogSize`). */
  events: StoredEvent[];
}

interface Replay {
  request: string;
  memberId: string | null;
  body: unknown;
  at: number;
}

/** Everything the live part holds, as JSON-safe data. */
export interface LiveData {
  sessions: StoredSession[];
  questions: StoredQuestion[];
  reports: StoredReport[];
  logs: SessionLog[];
  /** Idempotency-Key → first answer (asks and reports). */
  replays: [string, Replay][];
}

export interface RateLimit {
  limit: number;
  windowMs: number;
}

export interface LiveLimits {
  /** Questions asked per member. */
  ask: RateLimit | false;
  /** Votes and unvotes per member. */
  vote: RateLimit | false;
}

export const DEFAULT_LIVE_LIMITS: LiveLimits = {
  ask: { limit: 5, windowMs: 60_000 },
  vote: { limit: 60, windowMs: 60_000 },
};

/** The live part's view of the membership store. */
export interface LiveContext {
  now(): Date;
  /** The community's definition and members, `not_found` when unknown. */
  community(slug: string): {
    def: DemoCommunity;
    members: readonly { id: string; displayName: string }[];
  };
  /** The member holding `token`, `unauthorized` otherwise. */
  member(slug: string, token: string | undefined): { id: string; displayName: string };
  /** Called after every change. */
  save(): void;
  randomId(bytes: number): string;
  limits: LiveLimits;
  eventLogSize: number;
  /** A testimonial's text and whether it is on the wall (reports); `undefined`: none. */
  testimonial(community: string, id: string): { text: string; onWall: boolean } | undefined;
  /** Takes a reported testimonial off the wall with the statement of reasons. */
  removeTestimonial(community: string, id: string, statement: string): void;
}

/**
 * Runs `run` once per Idempotency-Key: the same key (per scope and member) within 24 h
 * replays the first answer, a different request under it is a `conflict`.
 */
export type Idempotent = <T>(
  scope: string,
  memberId: string | null,
  key: string | undefined,
  request: unknown,
  run: () => T,
) => { body: T; replayed: boolean };

/** One Server-Sent Events frame. `data` is one line of JSON. */
export function sseFrame(id: number, type: SessionEventType, data: unknown): string {
  return `id: ${id}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
}

export interface LiveSubscriber {
  /** Receives whole SSE frames, in order. */
  send(frame: string): void;
}

const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;
const DEFAULT_PAGE = 50;

const isVisible = (state: QuestionState) => state === 'open' || state === 'answered';

function issues(list: readonly v.BaseIssue<unknown>[]): FieldIssue[] {
  return list.map((issue) => {
    const path = v.getDotPath(issue) ?? '';
    if (issue.type === 'strict_object') {
      return { path, message: issue.input === undefined ? `${path} is required` : 'unknown field' };
    }
    return { path, message: issue.message };
  });
}

/** `input` checked against `schema`, or `validation_failed` with the field issues. */
export function parse<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, input);
  if (!result.success) {
    throw new MockApiError(
      400,
      'validation_failed',
      'Some fields are missing or invalid.',
      issues(result.issues),
    );
  }
  return result.output;
}

/** Token buckets per key, refilled continuously (as the reference server's). */
export class Buckets {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();
  constructor(readonly rate: RateLimit) {}

  /** 0 when allowed, else the milliseconds to wait. */
  take(key: string, now: number): number {
    const old = this.#buckets.get(key);
    const tokens = old
      ? Math.min(
          this.rate.limit,
          old.tokens + ((now - old.at) * this.rate.limit) / this.rate.windowMs,
        )
      : this.rate.limit;
    const bucket = { tokens, at: now };
    this.#buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - bucket.tokens) * this.rate.windowMs) / this.rate.limit);
  }

  /** Takes a token for `key`, or throws `rate_limited` (429 with Retry-After) naming `what`. */
  limit(key: string, now: number, what = 'requests'): void {
    const waitMs = this.take(key, now);
    if (waitMs === 0) return;
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    throw new MockApiError(
      429,
      'rate_limited',
      `Too many ${what}; retry in ${seconds} s.`,
      { retryAfterSeconds: seconds },
      { 'Retry-After': String(seconds) },
    );
  }
}

export function seedLive(
  communities: readonly {
    def: DemoCommunity;
    members: readonly { id: string; displayName: string }[];
  }[],
  now: Date,
  randomId: (bytes: number) => string,
): LiveData {
  const at = (ms: number) => new Date(now.getTime() + ms).toISOString();
  const known = new Map(communities.map((c) => [c.def.slug, c.members]));
  const sessions: StoredSession[] = demoSessions
    .filter((s) => known.has(s.community))
    .map((s) => ({
      community: s.community,
      id: s.id,
      title: s.title,
      state: s.state,
      startsAt: at(s.startsInMs),
      endedAt: s.state === 'ended' ? at(0) : null,
      moderation: s.moderation,
    }));
  const questions: StoredQuestion[] = demoQuestions
    .filter((q) => known.has(q.community))
    .map((q) => {
      const members = known.get(q.community) ?? [];
      const author = q.authorIndex === null ? undefined : members[q.authorIndex];
      const createdAt = at(-q.askedMsAgo);
      return {
        id: `q_${randomId(9)}`,
        community: q.community,
        session: q.session,
        text: q.text,
        authorId: author?.id ?? null,
        authorName: author?.displayName ?? null,
        anonymous: q.authorIndex === null,
        state: q.state,
        pinned: q.pinned,
        // Answered halfway between the question and the seeding, as in the server's seed.
        answer:
          q.answer === undefined ? null : { text: q.answer, answeredAt: at(-q.askedMsAgo / 2) },
        createdAt,
        voters: members.slice(0, q.votes).map((m) => m.id),
      };
    });
  return {
    sessions,
    questions,
    reports: [],
    logs: sessions.map((s) => ({ key: `${s.community}/${s.id}`, last: 0, events: [] })),
    replays: [],
  };
}

export type Live = ReturnType<typeof createLive>;

/** The live part over `data` (kept by the caller, which persists it). */
export function createLive(ctx: LiveContext, initial: LiveData) {
  let data = initial;
  const subscribers = new Map<string, Set<LiveSubscriber & { host: boolean; last: number }>>();
  const buckets = {
    ask: ctx.limits.ask ? new Buckets(ctx.limits.ask) : undefined,
    vote: ctx.limits.vote ? new Buckets(ctx.limits.vote) : undefined,
  };

  const limit = (which: keyof typeof buckets, key: string) =>
    buckets[which]?.limit(key, ctx.now().getTime());

  const findSession = (community: string, id: string): StoredSession => {
    ctx.community(community);
    const session = data.sessions.find((s) => s.community === community && s.id === id);
    if (!session) {
      throw new MockApiError(404, 'not_found', `No session "${id}" in "${community}".`);
    }
    return session;
  };

  const findQuestion = (session: StoredSession, id: string): StoredQuestion => {
    const question = data.questions.find(
      (q) => q.community === session.community && q.session === session.id && q.id === id,
    );
    if (!question) throw new MockApiError(404, 'not_found', `No question "${id}" in this session.`);
    return question;
  };

  const logOf = (community: string, session: string): SessionLog => {
    const key = `${community}/${session}`;
    let log = data.logs.find((l) => l.key === key);
    if (!log) {
      log = { key, last: 0, events: [] };
      data.logs.push(log);
    }
    return log;
  };

  const sessionView = (s: StoredSession): LiveSession => ({
    id: s.id,
    community: s.community,
    title: s.title,
    state: s.state,
    startsAt: s.startsAt,
    endedAt: s.endedAt,
    moderation: s.moderation,
    disclosure: ctx.community(s.community).def.disclosure,
    questionCount: data.questions.filter(
      (q) => q.community === s.community && q.session === s.id && isVisible(q.state),
    ).length,
  });

  /** A question as `viewer` sees it; the host sees who asked anonymous questions. */
  const questionView = (q: StoredQuestion, viewer?: string, host = false): Question => ({
    id: q.id,
    session: q.session,
    text: q.text,
    author: host || !q.anonymous ? q.authorName : null,
    votes: q.voters.length,
    votedByMe: viewer !== undefined && q.voters.includes(viewer),
    mine: viewer !== undefined && q.authorId === viewer,
    state: q.state,
    pinned: q.pinned,
    answer: q.answer && { ...q.answer },
    createdAt: q.createdAt,
  });

  /** Delivers what `sub` has not had yet from `log`, or `resync` if it is gone. */
  const deliver = (sub: LiveSubscriber & { host: boolean; last: number }, log: SessionLog) => {
    if (sub.last >= log.last) return;
    const oldest = log.events[0]?.id ?? log.last + 1;
    if (sub.last < oldest - 1) {
      sub.last = log.last;
      sub.send(sseFrame(log.last, 'resync', {}));
      return;
    }
    for (const event of log.events) {
      if (event.id <= sub.last) continue;
      sub.last = event.id;
      const frame = sub.host ? event.host : event.public;
      if (frame) sub.send(sseFrame(event.id, frame.type, frame.data));
    }
  };

  const flush = (log: SessionLog) => {
    for (const sub of subscribers.get(log.key) ?? []) deliver(sub, log);
  };

  const append = (session: StoredSession, host: Frame, pub: Frame | null) => {
    const log = logOf(session.community, session.id);
    log.last += 1;
    log.events.push({ id: log.last, host, public: pub });
    if (log.events.length > ctx.eventLogSize) {
      log.events.splice(0, log.events.length - ctx.eventLogSize);
    }
  };

  /** Records a question's change; `before` is its state before (undefined: new). */
  const questionChanged = (
    session: StoredSession,
    q: StoredQuestion,
    before: QuestionState | undefined,
  ) => {
    const view = questionView(q);
    const wasVisible = before !== undefined && isVisible(before);
    const nowVisible = isVisible(q.state);
    let pub: Frame | null = null;
    if (nowVisible)
      pub = { type: wasVisible ? 'question.updated' : 'question.created', data: view };
    else if (wasVisible) pub = { type: 'question.removed', data: { id: q.id } };
    append(
      session,
      {
        type: before === undefined ? 'question.created' : 'question.updated',
        data: questionView(q, undefined, true),
      },
      pub,
    );
  };

  const commit = (...sessions: StoredSession[]) => {
    ctx.save();
    for (const s of sessions) flush(logOf(s.community, s.id));
  };

  const writable = (session: StoredSession, what: string) => {
    if (session.state === 'ended') {
      throw new MockApiError(
        409,
        'conflict',
        `This session has ended: it is read-only, so you can no longer ${what}.`,
      );
    }
  };

  /** The first answer for this Idempotency-Key, or `run()`'s, remembered for 24 h. */
  const idempotent: Idempotent = (scope, memberId, key, request, run) => {
    if (key === undefined) return { body: run(), replayed: false };
    if (!IDEMPOTENCY_KEY.test(key)) {
      throw new MockApiError(400, 'validation_failed', 'The Idempotency-Key header is malformed.', [
        { path: 'Idempotency-Key', message: '1 to 255 visible ASCII characters' },
      ]);
    }
    const at = ctx.now().getTime();
    data.replays = data.replays.filter(([, r]) => at - r.at <= IDEMPOTENCY_TTL_MS);
    const id = `${scope}\0${memberId ?? '-'}\0${key}`;
    const fingerprint = JSON.stringify(request);
    const earlier = data.replays.find(([k]) => k === id)?.[1];
    if (earlier) {
      if (earlier.request !== fingerprint) {
        throw new MockApiError(
          409,
          'conflict',
          'This Idempotency-Key was already used for a different request; use a new key.',
        );
      }
      return { body: structuredClone(earlier.body) as ReturnType<typeof run>, replayed: true };
    }
    const body = run();
    data.replays.push([id, { request: fingerprint, memberId, body: structuredClone(body), at }]);
    ctx.save();
    return { body, replayed: false };
  };

  const sorted = (list: StoredQuestion[], sort: QuestionSort) =>
    [...list].sort((a, b) =>
      sort === 'new'
        ? b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id)
        : Number(b.pinned) - Number(a.pinned) ||
          b.voters.length - a.voters.length ||
          a.createdAt.localeCompare(b.createdAt) ||
          a.id.localeCompare(b.id),
    );

  const encodeCursor = (sort: QuestionSort, offset: number) => btoa(`${sort}:${offset}`);
  const decodeCursor = (cursor: string, sort: QuestionSort): number => {
    let text = '';
    try {
      text = atob(cursor);
    } catch {
      // reported below
    }
    const match = /^(top|new):(\d{1,7})$/.exec(text);
    if (!match || match[1] !== sort) {
      throw new MockApiError(400, 'validation_failed', 'Some fields are missing or invalid.', [
        { path: 'cursor', message: 'not a cursor of this list (use nextCursor as given)' },
      ]);
    }
    return Number(match[2]);
  };

  return {
    get data(): LiveData {
      return data;
    },

    idempotent,

    /** Replaces the data (a reset, or a newer copy from storage) and tells the subscribers. */
    replace(next: LiveData): void {
      data = next;
      for (const [key, subs] of subscribers) {
        const log = data.logs.find((l) => l.key === key) ?? { key, last: 0, events: [] };
        for (const sub of subs) {
          if (sub.last > log.last) {
            // The log restarted (a reset): the subscriber's view is unrelated now.
            sub.last = log.last;
            sub.send(sseFrame(log.last, 'resync', {}));
          } else {
            deliver(sub, log);
          }
        }
      }
    },

    getSession(community: string, id: string): LiveSession {
      return sessionView(findSession(community, id));
    },

    listQuestions(
      community: string,
      id: string,
      query: Record<string, string>,
      token: string | undefined,
    ): QuestionPage {
      const session = findSession(community, id);
      const q = parse(QuestionQuery, query);
      const viewer = token === undefined ? undefined : ctx.member(community, token).id;
      const sort = q.sort ?? 'top';
      const limit = q.limit ?? DEFAULT_PAGE;
      const offset = q.cursor === undefined ? 0 : decodeCursor(q.cursor, sort);
      const visible = sorted(
        data.questions.filter(
          (x) => x.community === community && x.session === id && isVisible(x.state),
        ),
        sort,
      );
      const page = visible.slice(offset, offset + limit);
      const next = offset + page.length;
      return {
        questions: page.map((x) => questionView(x, viewer)),
        nextCursor: next < visible.length ? encodeCursor(sort, next) : null,
        lastEventId: String(logOf(session.community, session.id).last),
      };
    },

    ask(
      community: string,
      id: string,
      token: string | undefined,
      input: unknown,
      options: { idempotencyKey?: string } = {},
    ): { body: Question; replayed: boolean } {
      const session = findSession(community, id);
      const member = ctx.member(community, token);
      const body = parse(AskRequest, input);
      return idempotent(`ask/${community}/${id}`, member.id, options.idempotencyKey, body, () => {
        writable(session, 'ask questions');
        limit('ask', member.id);
        const question: StoredQuestion = {
          id: `q_${ctx.randomId(9)}`,
          community,
          session: id,
          text: body.text,
          authorId: member.id,
          authorName: member.displayName,
          anonymous: body.anonymous ?? false,
          state: session.moderation === 'pre' ? 'pending' : 'open',
          pinned: false,
          answer: null,
          createdAt: ctx.now().toISOString(),
          voters: [],
        };
        data.questions.push(question);
        questionChanged(session, question, undefined);
        commit(session);
        return questionView(question, member.id);
      });
    },

    vote(
      community: string,
      id: string,
      questionId: string,
      token: string | undefined,
      voted: boolean,
    ): VoteResult {
      const session = findSession(community, id);
      const member = ctx.member(community, token);
      const question = findQuestion(session, questionId);
      if (!isVisible(question.state)) {
        throw new MockApiError(404, 'not_found', `No question "${questionId}" on the board.`);
      }
      writable(session, 'vote');
      limit('vote', member.id);
      const has = question.voters.includes(member.id);
      if (has !== voted) {
        question.voters = voted
          ? [...question.voters, member.id]
          : question.voters.filter((m) => m !== member.id);
        questionChanged(session, question, question.state);
        commit(session);
      }
      return { questionId, votes: question.voters.length, votedByMe: voted };
    },

    hostQuestions(community: string, id: string): HostQuestionList {
      const session = findSession(community, id);
      return {
        questions: data.questions
          .filter((q) => q.community === community && q.session === id)
          .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
          .map((q) => questionView(q, undefined, true)),
        lastEventId: String(logOf(session.community, session.id).last),
      };
    },

    updateQuestion(community: string, id: string, questionId: string, input: unknown): Question {
      const session = findSession(community, id);
      const question = findQuestion(session, questionId);
      const update = parse(QuestionUpdate, input);
      const before = JSON.stringify(question);
      const beforeState = question.state;
      if (update.answer !== undefined) {
        if (update.answer === null) {
          question.answer = null;
          if (question.state === 'answered') question.state = 'open';
        } else {
          question.answer = { text: update.answer, answeredAt: ctx.now().toISOString() };
          question.state = 'answered';
        }
      }
      if (update.state !== undefined) question.state = update.state;
      if (update.pinned !== undefined) question.pinned = update.pinned;
      if (JSON.stringify(question) !== before) {
        questionChanged(session, question, beforeState);
        commit(session);
      }
      return questionView(question, undefined, true);
    },

    updateSession(community: string, id: string, input: unknown): LiveSession {
      const session = findSession(community, id);
      const update = parse(SessionUpdate, input);
      const before = JSON.stringify(session);
      if (update.state !== undefined && update.state !== session.state) {
        if (session.state === 'ended') {
          throw new MockApiError(409, 'conflict', 'This session has ended; it cannot be reopened.');
        }
        if (update.state === 'scheduled') {
          throw new MockApiError(
            409,
            'conflict',
            'This session has started; it cannot go back to scheduled.',
          );
        }
        const at = ctx.now().toISOString();
        if (update.state === 'live') session.startsAt = at;
        if (update.state === 'ended') session.endedAt = at;
        session.state = update.state;
      }
      if (update.moderation !== undefined) session.moderation = update.moderation;
      if (JSON.stringify(session) !== before) {
        const frame: Frame = { type: 'session.updated', data: sessionView(session) };
        append(session, frame, frame);
        commit(session);
      }
      return sessionView(session);
    },

    report(
      community: string,
      input: unknown,
      options: { token?: string; idempotencyKey?: string } = {},
    ): { body: ReportReceipt; replayed: boolean } {
      ctx.community(community);
      const body = parse(ReportRequest, input);
      // A token is optional; an unknown one makes an anonymous notice.
      let reporterId: string | null = null;
      if (options.token !== undefined) {
        try {
          reporterId = ctx.member(community, options.token).id;
        } catch {
          reporterId = null;
        }
      }
      return idempotent(`report/${community}`, reporterId, options.idempotencyKey, body, () => {
        const exists =
          body.target.kind === 'testimonial'
            ? ctx.testimonial(community, body.target.id)?.onWall
            : data.questions.some((q) => q.community === community && q.id === body.target.id);
        if (!exists) {
          throw new MockApiError(
            404,
            'not_found',
            `No ${body.target.kind} "${body.target.id}" in "${community}".`,
          );
        }
        const report: StoredReport = {
          id: `rep_${ctx.randomId(9)}`,
          community,
          target: { ...body.target },
          reason: body.reason,
          details: body.details ?? '',
          state: 'open',
          createdAt: ctx.now().toISOString(),
          decision: null,
          reporterId,
        };
        data.reports.push(report);
        ctx.save();
        return { id: report.id, state: report.state, createdAt: report.createdAt };
      });
    },

    listReports(community: string): ReportList {
      ctx.community(community);
      const reports = data.reports
        .filter((r) => r.community === community)
        .sort(
          (a, b) =>
            Number(b.state === 'open') - Number(a.state === 'open') ||
            b.createdAt.localeCompare(a.createdAt),
        );
      return { reports: reports.map(reportView) };
    },

    decideReport(community: string, reportId: string, input: unknown): Report {
      ctx.community(community);
      const report = data.reports.find((r) => r.community === community && r.id === reportId);
      if (!report) throw new MockApiError(404, 'not_found', `No report "${reportId}".`);
      const decision = parse(ReportDecisionRequest, input);
      if (report.state !== 'open') {
        throw new MockApiError(409, 'conflict', 'This report has already been decided.');
      }
      report.state = decision.action === 'remove' ? 'actioned' : 'dismissed';
      report.decision = {
        action: decision.action,
        statement: decision.statement,
        decidedAt: ctx.now().toISOString(),
      };
      const question =
        report.target.kind === 'question'
          ? data.questions.find((q) => q.community === community && q.id === report.target.id)
          : undefined;
      if (decision.action === 'remove' && report.target.kind === 'testimonial') {
        ctx.removeTestimonial(community, report.target.id, decision.statement);
      }
      const touched: StoredSession[] = [];
      if (decision.action === 'remove' && question && question.state !== 'hidden') {
        const session = findSession(community, question.session);
        const before = question.state;
        question.state = 'hidden';
        questionChanged(session, question, before);
        touched.push(session);
      }
      commit(...touched);
      return reportView(report);
    },

    /**
     * Starts a subscription: replays from `lastEventId` (or `resync` if that is too old or
     * unknown), then delivers every new event. Returns the unsubscribe function.
     */
    subscribe(
      community: string,
      id: string,
      options: LiveSubscriber & { host: boolean; lastEventId?: string | null },
    ): () => void {
      const session = findSession(community, id);
      const log = logOf(session.community, session.id);
      const given = options.lastEventId?.trim();
      const sub = { send: options.send, host: options.host, last: log.last };
      if (given !== undefined && given !== '') {
        const n = /^\d{1,15}$/.test(given) ? Number(given) : Number.NaN;
        if (Number.isNaN(n) || n > log.last) {
          options.send(sseFrame(log.last, 'resync', {}));
        } else {
          sub.last = n;
          deliver(sub, log);
        }
      }
      let subs = subscribers.get(log.key);
      if (!subs) subscribers.set(log.key, (subs = new Set()));
      subs.add(sub);
      return () => {
        subs.delete(sub);
        if (subs.size === 0) subscribers.delete(log.key);
      };
    },

    /** How many streams are open on a session (tests). */
    subscriberCount(community: string, id: string): number {
      return subscribers.get(`${community}/${id}`)?.size ?? 0;
    },

    /** A member left: their votes go (counts updated), their questions stay, anonymised. */
    memberLeft(community: string, memberId: string): void {
      const touched = new Set<StoredSession>();
      for (const q of data.questions) {
        if (q.community !== community) continue;
        const voted = q.voters.includes(memberId);
        const authored = q.authorId === memberId;
        if (!voted && !authored) continue;
        q.voters = q.voters.filter((m) => m !== memberId);
        if (authored) {
          q.authorId = null;
          q.authorName = null;
        }
        const session = findSession(community, q.session);
        questionChanged(session, q, q.state);
        touched.add(session);
      }
      for (const r of data.reports) if (r.reporterId === memberId) r.reporterId = null;
      data.replays = data.replays.filter(([, r]) => r.memberId !== memberId);
      commit(...touched);
    },
  };

  function reportView(r: StoredReport): Report {
    const targetText =
      r.target.kind === 'testimonial'
        ? ctx.testimonial(r.community, r.target.id)?.text
        : data.questions.find((q) => q.community === r.community && q.id === r.target.id)?.text;
    return {
      id: r.id,
      target: { ...r.target },
      targetText: targetText ?? null,
      reason: r.reason,
      details: r.details,
      state: r.state,
      createdAt: r.createdAt,
      decision: r.decision && { ...r.decision },
    };
  }
}
