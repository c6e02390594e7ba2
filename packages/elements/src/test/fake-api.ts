/**
 * An in-memory `CercleApi` for widget tests — and the shape of an adapter a brand writes
 * to plug its own backend. It keeps a call log, can fail or hold any operation, and
 * answers like the contract (201 joined, 202 waitlisted, `community_full`, 401…).
 *
 * Live sessions come with a controllable event stream: `api.live(community, session)`
 * pushes events, drops and restores the connection, closes it, or asks for a resync, so
 * the Q&A widget is tested without a server.
 */
import {
  CercleError,
  type CercleApi,
  type JoinResult,
  type QuestionListOptions,
  type StreamState,
  type SubscribeOptions,
  type Subscription,
} from '@cercle/client';
import type {
  AskRequest,
  Community,
  Invite,
  JoinRequest,
  LiveSession,
  Me,
  Member,
  MemberExport,
  MemberList,
  Question,
  QuestionPage,
  QuestionSort,
  ReportReceipt,
  ReportRequest,
  SessionEvent,
  TestimonialRequest,
  VoteResult,
} from '@cercle/client/contract';
import { FakeWall } from './fake-wall.js';
import { FakeOffers } from './fake-offers.js';

/** What the wall and promo fakes use of the FakeApi: the call log with failures and holds, and members. */
export interface FakeHooks {
  enter(call: Call, signal?: AbortSignal): Promise<void>;
  /** The member behind the token (401 otherwise). */
  member(community: string, token: string): StoredMember;
  /** The active member behind the token (403 when waitlisted). */
  activeMember(community: string, token: string): StoredMember;
  /** Throws 404 for an unknown community. */
  community(slug: string): void;
}

export type Operation =
  | 'getCommunity'
  | 'join'
  | 'me'
  | 'exportMe'
  | 'leave'
  | 'listMembers'
  | 'getSession'
  | 'listQuestions'
  | 'ask'
  | 'vote'
  | 'unvote'
  | 'report'
  | 'subscribe'
  | 'listTestimonials'
  | 'uploadPhoto'
  | 'submitTestimonial'
  | 'myTestimonials'
  | 'withdrawTestimonial'
  | 'getOffer'
  | 'revealOffer'
  | 'copyOffer';

export interface Call {
  op: Operation;
  community: string;
  session?: string;
  question?: string;
  body?: JoinRequest | AskRequest | ReportRequest | TestimonialRequest;
  /** Testimonial, offer or query options of the wall and promo operations. */
  target?: string;
  options?: Record<string, unknown>;
  token?: string;
  idempotencyKey?: string;
  sort?: QuestionSort;
  cursor?: string;
  lastEventId?: string;
}

interface StoredCommunity {
  info: Community;
  whenFull: 'waitlist' | 'closed';
  invites: Invite[];
}

export interface StoredMember {
  community: string;
  member: Member;
  email: string | undefined;
  consentVersion: string;
}

export const httpError = (
  status: number,
  code: string,
  init: { details?: unknown; retryAfterMs?: number } = {},
): CercleError => new CercleError('http', `${status} ${code}`, { status, code, ...init });

export const networkError = (): CercleError =>
  new CercleError('network', 'Failed to fetch', { cause: new TypeError('Failed to fetch') });

export const timeoutError = (): CercleError =>
  new CercleError('timeout', 'timed out after 10000 ms');

const community = (
  slug: string,
  name: string,
  memberCount: number,
  capacity: number | null,
  joinState: Community['joinState'],
): Community => ({
  slug,
  name,
  tagline:
    slug === 'maison-verte'
      ? 'Le cercle des cuisiniers végétaux — recettes, lives avec la cheffe, entraide.'
      : 'Levain, farines anciennes et fournées du dimanche.',
  memberCount,
  capacity,
  joinState,
  privacyPolicyUrl: `https://${slug}.example/confidentialite`,
  consentVersion: '2026-11-01',
  disclosure: 'none',
});

/** `maison-verte` (open, 120/300), `le-fournil` (full, waitlist), `la-ferme` (full, closed). */
export function demoCommunities(): Map<string, StoredCommunity> {
  return new Map([
    [
      'maison-verte',
      {
        info: community('maison-verte', 'Maison Verte', 120, 300, 'open'),
        whenFull: 'waitlist',
        invites: [
          {
            kind: 'discord',
            label: 'Discord Maison Verte',
            url: 'https://discord.gg/maison-verte-demo',
          },
          { kind: 'telegram', label: 'Groupe Telegram', url: 'https://t.me/maison_verte_demo' },
        ],
      },
    ],
    [
      'le-fournil',
      {
        info: community('le-fournil', 'Le Fournil', 40, 40, 'waitlist'),
        whenFull: 'waitlist',
        invites: [
          { kind: 'web', label: 'Forum du Fournil', url: 'https://le-fournil.example/forum' },
        ],
      },
    ],
    [
      'la-ferme',
      {
        info: community('la-ferme', 'La Ferme', 25, 25, 'closed'),
        whenFull: 'closed',
        invites: [],
      },
    ],
  ]);
}

/** A question as the backend keeps it: who voted, who asked. */
interface StoredQuestion {
  question: Question;
  voters: Set<string>;
  authorId: string | null;
}

/** A live session as the backend keeps it, with its event log and subscribers. */
interface StoredSession {
  info: LiveSession;
  questions: Map<string, StoredQuestion>;
  log: SessionEvent[];
  /** Events before this id are no longer retained (a resume from before gets `resync`). */
  retainedAfter: number;
  seq: number;
  subscribers: Set<FakeSubscription>;
  asked: Map<string, Question>;
  /** Questions created so far (ids are `q_<n>` per session). */
  created: number;
}

const MINUTE = 60_000;
const T0 = Date.parse('2026-11-29T10:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const visible = (q: Question) => q.state === 'open' || q.state === 'answered';
const eventNumber = (id: string | undefined) => (id && /^\d+$/.test(id) ? Number(id) : 0);

const SEED_QUESTIONS: [string, string | null, number][] = [
  ['Which plant milk works best in a béchamel?', 'Léa', 12],
  ['Can we freeze the cashew cream?', null, 7],
  ['What knife do you use for the squash?', 'Hugo', 3],
];

/**
 * Demo sessions of `maison-verte`: `dimanche-live` (live, 3 questions), `atelier-pain`
 * (scheduled in one hour, no question) and `apero-fin` (ended, 2 questions).
 */
function demoSessions(): Map<string, StoredSession> {
  const session = (
    id: string,
    title: string,
    state: LiveSession['state'],
    startsAt: number,
  ): StoredSession => ({
    info: {
      id,
      community: 'maison-verte',
      title,
      state,
      startsAt: iso(startsAt),
      endedAt: state === 'ended' ? iso(startsAt + 60 * MINUTE) : null,
      moderation: 'post',
      disclosure: 'none',
      questionCount: 0,
    },
    questions: new Map(),
    log: [],
    retainedAfter: 0,
    seq: 0,
    subscribers: new Set(),
    asked: new Map(),
    created: 0,
  });
  const live = session('dimanche-live', 'Sunday live with the chef', 'live', T0);
  const scheduled = session('atelier-pain', 'Bread workshop', 'scheduled', Date.now() + 3_600_000);
  const ended = session('apero-fin', 'Plant-based aperitifs', 'ended', T0 - 7 * 24 * 60 * MINUTE);
  return new Map([
    ['maison-verte/dimanche-live', live],
    ['maison-verte/atelier-pain', scheduled],
    ['maison-verte/apero-fin', ended],
  ]);
}

/** One consumer of a fake stream; delivers in microtasks, like a network would. */
class FakeSubscription implements Subscription {
  lastEventId: string | undefined;
  closed = false;
  /** Whether events reach it (false while the connection is "dropped"). */
  connected = false;
  readonly options: SubscribeOptions;

  constructor(options: SubscribeOptions) {
    this.options = options;
    this.lastEventId = options.lastEventId;
  }

  state(state: StreamState, info?: { retryInMs?: number; error?: CercleError }): void {
    if (!this.closed) this.options.onState?.(state, info);
  }

  deliver(event: SessionEvent): void {
    if (this.closed || !this.connected) return;
    this.lastEventId = event.id;
    this.options.onEvent(event);
  }

  close(): void {
    this.closed = true;
    this.connected = false;
  }
}

/** Test control of one session's stream and data (what a host or the network would do). */
export class LiveControl {
  readonly #api: FakeApi;
  readonly #s: StoredSession;

  constructor(api: FakeApi, s: StoredSession) {
    this.#api = api;
    this.#s = s;
  }

  get info(): LiveSession {
    return this.#s.info;
  }

  /** Consumers currently subscribed (not closed). */
  get subscribers(): number {
    return [...this.#s.subscribers].filter((s) => !s.closed).length;
  }

  /** The id of the newest event. */
  get lastEventId(): string {
    return String(this.#s.seq);
  }

  /** Appends an event to the log (with the next id) and delivers it to every subscriber. */
  push(
    event: SessionEvent extends infer E
      ? E extends { id: string }
        ? Omit<E, 'id'>
        : never
      : never,
  ): SessionEvent {
    const full = { ...event, id: String(++this.#s.seq) } as SessionEvent;
    this.#s.log.push(full);
    this.#fanOut(full);
    return full;
  }

  /** Delivers `event` as is (an already delivered id: a duplicate), without logging it. */
  deliver(event: SessionEvent): void {
    this.#fanOut(event);
  }

  /** Drops every connection: subscribers see `reconnecting`; events meanwhile are only logged. */
  drop(retryInMs = 1000): void {
    for (const sub of this.#s.subscribers) {
      sub.connected = false;
      sub.state('reconnecting', {
        retryInMs,
        error: new CercleError('network', 'the stream ended'),
      });
    }
  }

  /** Reconnects every dropped subscriber: resumes after its last event, or resyncs. */
  restore(): void {
    for (const sub of this.#s.subscribers) {
      if (sub.closed || sub.connected) continue;
      this.#api.connect(this.#s, sub);
    }
  }

  /** Ends every subscription for good (`closed`, with `error`). */
  close(
    error: CercleError = new CercleError('http', '404 not_found', {
      status: 404,
      code: 'not_found',
    }),
  ): void {
    for (const sub of this.#s.subscribers) {
      sub.state('closed', { error });
      sub.close();
    }
  }

  /** Forgets the log (a resume from before gets `resync`) and sends `resync` to everyone. */
  resync(): void {
    this.#s.retainedAfter = this.#s.seq;
    this.#s.log = [];
    this.#fanOut({ type: 'resync', id: String(this.#s.seq) });
  }

  /** Adds `n` questions (as the backend would, with events). */
  addQuestions(n: number, over: Partial<Question> = {}): Question[] {
    const added: Question[] = [];
    for (let i = 0; i < n; i++) {
      const q = this.#api.addQuestion(this.#s, {
        text: `Question number ${this.#s.questions.size + 1}?`,
        author: `Member ${this.#s.questions.size + 1}`,
        ...over,
      });
      added.push(q);
    }
    return added;
  }

  /** A question as everyone sees it (votedByMe and mine false). */
  question(id: string): Question | undefined {
    const q = this.#s.questions.get(id)?.question;
    return q && structuredClone(q);
  }

  /** Host: answer, pin, hide or approve a question; emits the event the backend would. */
  update(id: string, patch: Partial<Question>): Question {
    const stored = this.#s.questions.get(id);
    if (!stored) throw new Error(`no question ${id}`);
    const wasVisible = visible(stored.question);
    stored.question = { ...stored.question, ...patch };
    const q = structuredClone(stored.question);
    if (visible(q))
      this.push({ type: wasVisible ? 'question.updated' : 'question.created', question: q });
    else if (wasVisible) this.push({ type: 'question.removed', questionId: id });
    return q;
  }

  /** Someone else votes (or unvotes): the count moves, an event goes out. */
  otherVotes(id: string, delta: number): Question {
    const stored = this.#s.questions.get(id)!;
    for (let i = 0; i < Math.abs(delta); i++) {
      if (delta > 0) stored.voters.add(`other_${Math.random()}`);
      else {
        const other = [...stored.voters].find((v) => v.startsWith('other_'));
        if (other) stored.voters.delete(other);
      }
    }
    return this.update(id, { votes: stored.voters.size });
  }

  /** Host: starts or ends the session. */
  setState(state: LiveSession['state']): void {
    this.#s.info = {
      ...this.#s.info,
      state,
      endedAt: state === 'ended' ? new Date().toISOString() : null,
    };
    this.push({ type: 'session.updated', session: this.#api.sessionInfo(this.#s) });
  }

  #fanOut(event: SessionEvent): void {
    for (const sub of this.#s.subscribers) {
      if (!sub.connected) continue;
      queueMicrotask(() => sub.deliver(event));
    }
  }
}

export class FakeApi implements CercleApi {
  readonly communities = demoCommunities();
  readonly members = new Map<string, StoredMember>();
  readonly sessions = demoSessions();
  readonly reports: (ReportRequest & { id: string; token?: string })[] = [];
  readonly calls: Call[] = [];
  #failures = new Map<Operation, unknown[]>();
  #holds = new Map<Operation, Promise<void>>();
  #seq = 0;
  readonly #hooks: FakeHooks = {
    enter: (call, signal) => this.#enter(call, signal),
    member: (community, token) => this.#member(community, token),
    activeMember: (community, token) => this.#activeMember(community, token),
    community: (slug) => void this.#community(slug),
  };
  /** The testimonials of the fake (seed, moderation controls). */
  readonly wall = new FakeWall(this.#hooks);
  /** The offers of the fake (codes, expiry, exhaustion controls). */
  readonly offers = new FakeOffers(this.#hooks);

  constructor() {
    const live = this.sessions.get('maison-verte/dimanche-live')!;
    SEED_QUESTIONS.forEach(([text, author, votes], i) => {
      const q = this.addQuestion(live, { text, author, createdAt: iso(T0 + i * MINUTE) });
      const stored = live.questions.get(q.id)!;
      for (let v = 0; v < votes; v++) stored.voters.add(`seed_${v}`);
      stored.question.votes = votes;
    });
    const ended = this.sessions.get('maison-verte/apero-fin')!;
    this.addQuestion(ended, {
      text: 'Which wine goes with the chickpea fritters?',
      author: 'Nina',
      votes: 4,
      state: 'answered',
      answer: { text: 'A dry white from the Loire.', answeredAt: iso(T0) },
    });
    this.addQuestion(ended, { text: 'Is aquafaba hard to whip?', author: null });
    for (const s of [live, ended]) {
      s.log = [];
      s.seq = 0;
    }
  }

  /** The controls of one session's stream and data. */
  live(community: string, session: string): LiveControl {
    const s = this.sessions.get(`${community}/${session}`);
    if (!s) throw new Error(`no session ${community}/${session}`);
    return new LiveControl(this, s);
  }

  /** Open subscriptions, every session together (leak checks). */
  get openSubscriptions(): number {
    let n = 0;
    for (const s of this.sessions.values()) for (const sub of s.subscribers) if (!sub.closed) n++;
    return n;
  }

  /** Creates a visible question in `s`; emits `question.created`. */
  addQuestion(
    s: StoredSession,
    over: Partial<Question> & { authorId?: string | null } = {},
  ): Question {
    const { authorId = null, ...fields } = over;
    const n = ++s.created;
    const question: Question = {
      id: `q_${n}`,
      session: s.info.id,
      text: 'A question?',
      author: null,
      votes: 0,
      votedByMe: false,
      mine: false,
      state: 'open',
      pinned: false,
      answer: null,
      createdAt: iso(T0 + n * MINUTE),
      ...fields,
    };
    s.questions.set(question.id, { question, voters: new Set(), authorId });
    if (visible(question)) {
      new LiveControl(this, s).push({
        type: 'question.created',
        question: structuredClone(question),
      });
    }
    return structuredClone(question);
  }

  sessionInfo(s: StoredSession): LiveSession {
    const questionCount = [...s.questions.values()].filter((q) => visible(q.question)).length;
    return structuredClone({ ...s.info, questionCount });
  }

  /** Starts delivering to `sub`: missed events since its last id, or `resync` when too old. */
  connect(s: StoredSession, sub: FakeSubscription): void {
    queueMicrotask(() => {
      if (sub.closed) return;
      sub.connected = true;
      sub.state('open');
      const last = eventNumber(sub.lastEventId);
      if (sub.lastEventId !== undefined && last < s.retainedAfter) {
        sub.deliver({ type: 'resync', id: String(s.seq) });
        return;
      }
      for (const e of s.log) if (eventNumber(e.id) > last) sub.deliver(e);
    });
  }

  /** Makes the next `times` calls of `op` reject with `error`. */
  fail(op: Operation, error: unknown, times = 1): this {
    const queue = this.#failures.get(op) ?? [];
    for (let i = 0; i < times; i++) queue.push(error);
    this.#failures.set(op, queue);
    return this;
  }

  /** Holds every call of `op` until the returned function is called. */
  hold(op: Operation): () => void {
    let release!: () => void;
    this.#holds.set(op, new Promise<void>((r) => (release = r)));
    return () => {
      this.#holds.delete(op);
      release();
    };
  }

  count(op: Operation): number {
    return this.calls.filter((c) => c.op === op).length;
  }

  /** Calls of `op`, in order. */
  callsOf(op: Operation): Call[] {
    return this.calls.filter((c) => c.op === op);
  }

  async #enter(call: Call, signal?: AbortSignal): Promise<void> {
    this.calls.push(call);
    await this.#holds.get(call.op);
    await Promise.resolve();
    if (signal?.aborted) throw new CercleError('aborted', 'aborted');
    const error = this.#failures.get(call.op)?.shift();
    if (error) throw error;
  }

  #community(slug: string): StoredCommunity {
    const c = this.communities.get(slug);
    if (!c) throw httpError(404, 'not_found');
    return c;
  }

  #member(slug: string, token: string): StoredMember {
    const m = this.members.get(token);
    if (!m || m.community !== slug) throw httpError(401, 'unauthorized');
    return m;
  }

  async getCommunity(slug: string, options?: { signal?: AbortSignal }): Promise<Community> {
    await this.#enter({ op: 'getCommunity', community: slug }, options?.signal);
    return structuredClone(this.#community(slug).info);
  }

  async join(
    slug: string,
    body: JoinRequest,
    options?: { signal?: AbortSignal; idempotencyKey?: string },
  ): Promise<JoinResult> {
    const call: Call = { op: 'join', community: slug, body };
    if (options?.idempotencyKey) call.idempotencyKey = options.idempotencyKey;
    await this.#enter(call, options?.signal);
    const c = this.#community(slug);
    const details = [];
    if (!body.displayName?.trim())
      details.push({ path: 'displayName', message: 'display name is required' });
    if (body.consent?.accepted !== true)
      details.push({ path: 'consent.accepted', message: 'consent must be accepted' });
    if (details.length) throw httpError(400, 'validation_failed', { details });
    const info = c.info;
    const full = info.capacity !== null && info.memberCount >= info.capacity;
    if (full && c.whenFull === 'closed') throw httpError(409, 'community_full');
    const waitlisted = full;
    const waiting = [...this.members.values()].filter(
      (m) => m.community === slug && m.member.status === 'waitlisted',
    ).length;
    const member: Member = {
      id: `m_${++this.#seq}`,
      displayName: body.displayName.trim(),
      status: waitlisted ? 'waitlisted' : 'active',
      joinedAt: new Date().toISOString(),
      ...(waitlisted ? { waitlistPosition: waiting + 1 } : {}),
    };
    if (!waitlisted) info.memberCount += 1;
    const token = `tok_${member.id}_${'x'.repeat(24)}`;
    this.members.set(token, {
      community: slug,
      member,
      email: body.email,
      consentVersion: body.consent.version,
    });
    return { member: structuredClone(member), token, waitlisted };
  }

  async me(slug: string, options: { token: string; signal?: AbortSignal }): Promise<Me> {
    await this.#enter({ op: 'me', community: slug, token: options.token }, options.signal);
    const m = this.#member(slug, options.token);
    const invites = m.member.status === 'active' ? this.#community(slug).invites : [];
    return structuredClone({ member: m.member, invites });
  }

  async exportMe(
    slug: string,
    options: { token: string; signal?: AbortSignal },
  ): Promise<MemberExport> {
    await this.#enter({ op: 'exportMe', community: slug, token: options.token }, options.signal);
    const m = this.#member(slug, options.token);
    return {
      exportedAt: new Date().toISOString(),
      community: slug,
      member: {
        id: m.member.id,
        displayName: m.member.displayName,
        email: m.email ?? null,
        status: m.member.status,
        joinedAt: m.member.joinedAt,
        consent: { version: m.consentVersion, acceptedAt: m.member.joinedAt },
      },
    };
  }

  async leave(slug: string, options: { token: string; signal?: AbortSignal }): Promise<void> {
    await this.#enter({ op: 'leave', community: slug, token: options.token }, options.signal);
    const m = this.#member(slug, options.token);
    this.members.delete(options.token);
    if (m.member.status === 'active') this.#community(slug).info.memberCount -= 1;
  }

  async listMembers(
    slug: string,
    options: { hostKey: string; signal?: AbortSignal },
  ): Promise<MemberList> {
    await this.#enter({ op: 'listMembers', community: slug }, options.signal);
    const members = [...this.members.values()]
      .filter((m) => m.community === slug)
      .map((m) => structuredClone(m.member));
    return { count: members.length, members };
  }

  // -------------------------------------------------------------------------------------
  // Live Q&A
  // -------------------------------------------------------------------------------------

  #session(community: string, session: string): StoredSession {
    this.#community(community);
    const s = this.sessions.get(`${community}/${session}`);
    if (!s) throw httpError(404, 'not_found');
    return s;
  }

  #activeMember(community: string, token: string): StoredMember {
    const m = this.#member(community, token);
    if (m.member.status !== 'active') throw httpError(403, 'forbidden');
    return m;
  }

  #asSeenBy(stored: StoredQuestion, memberId: string | undefined): Question {
    return {
      ...structuredClone(stored.question),
      votedByMe: memberId !== undefined && stored.voters.has(memberId),
      mine: memberId !== undefined && stored.authorId === memberId,
    };
  }

  async getSession(
    community: string,
    session: string,
    options?: { signal?: AbortSignal },
  ): Promise<LiveSession> {
    await this.#enter({ op: 'getSession', community, session }, options?.signal);
    return this.sessionInfo(this.#session(community, session));
  }

  async listQuestions(
    community: string,
    session: string,
    options: QuestionListOptions = {},
  ): Promise<QuestionPage> {
    const { sort = 'top', cursor, limit = 50, token, signal } = options;
    const call: Call = { op: 'listQuestions', community, session, sort };
    if (cursor) call.cursor = cursor;
    if (token) call.token = token;
    await this.#enter(call, signal);
    const s = this.#session(community, session);
    // Optional member: no token is a visitor, a token the backend does not know is a 401.
    const memberId = token ? this.#member(community, token).member.id : undefined;
    const all = [...s.questions.values()].filter((q) => visible(q.question));
    all.sort((a, b) => {
      const x = a.question;
      const y = b.question;
      if (sort === 'new') return y.createdAt.localeCompare(x.createdAt);
      return (
        Number(y.pinned) - Number(x.pinned) ||
        y.votes - x.votes ||
        x.createdAt.localeCompare(y.createdAt)
      );
    });
    const start = cursor ? Number(cursor.replace('o:', '')) : 0;
    const page = all.slice(start, start + limit);
    return {
      questions: page.map((q) => this.#asSeenBy(q, memberId)),
      nextCursor: start + limit < all.length ? `o:${start + limit}` : null,
      lastEventId: String(s.seq),
    };
  }

  async ask(
    community: string,
    session: string,
    body: AskRequest,
    options: { token: string; signal?: AbortSignal; idempotencyKey?: string },
  ): Promise<Question> {
    const call: Call = { op: 'ask', community, session, body, token: options.token };
    if (options.idempotencyKey) call.idempotencyKey = options.idempotencyKey;
    await this.#enter(call, options.signal);
    const s = this.#session(community, session);
    const m = this.#activeMember(community, options.token);
    const earlier = options.idempotencyKey && s.asked.get(options.idempotencyKey);
    if (earlier) return structuredClone(earlier);
    const text = body.text?.trim() ?? '';
    if (!text || text.length > 500) {
      throw httpError(400, 'validation_failed', {
        details: [{ path: 'text', message: 'a question is 1 to 500 characters' }],
      });
    }
    if (s.info.state === 'ended') throw httpError(409, 'conflict');
    const q = this.addQuestion(s, {
      text,
      author: body.anonymous ? null : m.member.displayName,
      authorId: m.member.id,
      state: s.info.moderation === 'pre' ? 'pending' : 'open',
    });
    const mine = { ...q, mine: true };
    if (options.idempotencyKey) s.asked.set(options.idempotencyKey, mine);
    return mine;
  }

  async #setVote(
    op: 'vote' | 'unvote',
    community: string,
    session: string,
    question: string,
    options: { token: string; signal?: AbortSignal },
  ): Promise<VoteResult> {
    await this.#enter({ op, community, session, question, token: options.token }, options.signal);
    const s = this.#session(community, session);
    const m = this.#activeMember(community, options.token);
    const stored = s.questions.get(question);
    if (!stored || !visible(stored.question)) throw httpError(404, 'not_found');
    if (s.info.state === 'ended') throw httpError(409, 'conflict');
    const had = stored.voters.has(m.member.id);
    if (op === 'vote') stored.voters.add(m.member.id);
    else stored.voters.delete(m.member.id);
    if (had !== (op === 'vote')) {
      new LiveControl(this, s).update(question, { votes: stored.voters.size });
    }
    return { questionId: question, votes: stored.voters.size, votedByMe: op === 'vote' };
  }

  vote(
    community: string,
    session: string,
    question: string,
    options: { token: string; signal?: AbortSignal },
  ): Promise<VoteResult> {
    return this.#setVote('vote', community, session, question, options);
  }

  unvote(
    community: string,
    session: string,
    question: string,
    options: { token: string; signal?: AbortSignal },
  ): Promise<VoteResult> {
    return this.#setVote('unvote', community, session, question, options);
  }

  subscribe(community: string, session: string, options: SubscribeOptions): Subscription {
    const call: Call = { op: 'subscribe', community, session };
    if (options.lastEventId !== undefined) call.lastEventId = options.lastEventId;
    this.calls.push(call);
    const sub = new FakeSubscription(options);
    const s = this.sessions.get(`${community}/${session}`);
    queueMicrotask(() => {
      sub.state('connecting');
      if (!s) {
        sub.state('closed', { error: httpError(404, 'not_found') });
        sub.close();
        return;
      }
      s.subscribers.add(sub);
      this.connect(s, sub);
    });
    return sub;
  }

  async report(
    community: string,
    body: ReportRequest,
    options: { signal?: AbortSignal; token?: string; idempotencyKey?: string } = {},
  ): Promise<ReportReceipt> {
    const call: Call = { op: 'report', community, body };
    if (options.token) call.token = options.token;
    if (options.idempotencyKey) call.idempotencyKey = options.idempotencyKey;
    await this.#enter(call, options.signal);
    this.#community(community);
    if (options.token) this.#member(community, options.token);
    const id = `r_${this.reports.length + 1}`;
    this.reports.push({
      ...structuredClone(body),
      id,
      ...(options.token ? { token: options.token } : {}),
    });
    return { id, state: 'open', createdAt: new Date().toISOString() };
  }

  // Wall and promo: see fake-wall.ts and fake-offers.ts
  // -------------------------------------------------------------------------------------

  listTestimonials: CercleApi['listTestimonials'] = (...a) => this.wall.listTestimonials(...a);
  uploadPhoto: CercleApi['uploadPhoto'] = (...a) => this.wall.uploadPhoto(...a);
  submitTestimonial: CercleApi['submitTestimonial'] = (...a) => this.wall.submitTestimonial(...a);
  myTestimonials: CercleApi['myTestimonials'] = (...a) => this.wall.myTestimonials(...a);
  withdrawTestimonial: CercleApi['withdrawTestimonial'] = (...a) =>
    this.wall.withdrawTestimonial(...a);
  getOffer: CercleApi['getOffer'] = (...a) => this.offers.getOffer(...a);
  revealOffer: CercleApi['revealOffer'] = (...a) => this.offers.revealOffer(...a);
  copyOffer: CercleApi['copyOffer'] = (...a) => this.offers.copyOffer(...a);
}
