/**
 * The live board of one session (STYLE.md §12): one store per (API, community, session),
 * shared by every `<cercle-qa>` of the page (and every SDK copy of the same contract major),
 * holding the logic the widgets only read.
 *
 * - Loads the session and the first page of questions, then subscribes to the session's
 *   stream from that page's `lastEventId`, so nothing is missed between the two.
 * - Applies events in order, each once (an event id at or below the last applied one is a
 *   duplicate); `resync` reloads the first page(s) and replaces the board, buffering events
 *   meanwhile and applying those newer than the reload.
 * - Stream events carry `votedByMe` / `mine` as false (they are per member): the member's
 *   own answers from the list, the vote and the ask calls are kept across events.
 * - Votes are optimistic: the count moves at once and rolls back if refused; the caller
 *   gets the error to say why.
 * - Connection: the stream's state (`connecting`, `open`, `reconnecting`, `closed`) and
 *   whether the browser is online.
 * - One subscription per session: `acquire()` by each widget, torn down when the last one
 *   releases it (a widget moved in the DOM releases and acquires in the same task, which
 *   keeps the board).
 */
import { atom, type ReadableAtom } from 'nanostores';
import {
  NEXT_SESSION,
  type CercleApi,
  type StreamState,
  type Subscription,
} from '@cercle/client/browser';
import type {
  LiveSession,
  Question,
  QuestionPage,
  QuestionSort,
  SessionEvent,
} from '@cercle/client/contract';
import type { ResolvedApi } from '../internal/config.js';
import { hasCode, isUnauthorized } from '../internal/errors.js';
import { cercleGlobal, sessionKey, sessionStore, type MemberSession } from '../internal/stores.js';

/** Questions per page. */
export const PAGE_SIZE = 100;

export type BoardPhase = 'initial' | 'pending' | 'complete' | 'error';

export interface BoardSnapshot {
  /** `pending` while the first load runs; `error` when it failed (see `error`). */
  readonly phase: BoardPhase;
  /** Why the load failed. */
  readonly error: unknown;
  readonly session: LiveSession | undefined;
  /** The visible questions (open and answered), by id. Unchanged questions keep their object. */
  readonly questions: ReadonlyMap<string, Question>;
  /** Per sort: the cursor of the next page, `null` at the end, absent before the first page. */
  readonly cursors: Readonly<Partial<Record<QuestionSort, string | null>>>;
  /** Visible questions on the backend, following events (exact once every page is loaded). */
  readonly total: number;
  /** The sort whose next page is loading. */
  readonly loadingMore: QuestionSort | undefined;
  /** The last page loaded after the first (by "load more", or for another sort). */
  readonly page: { readonly sort: QuestionSort; readonly ids: ReadonlySet<string> } | undefined;
  /** Questions with a vote or unvote in flight. */
  readonly voting: ReadonlySet<string>;
  readonly stream: StreamState;
  /** While `reconnecting`: the wait before the next attempt, in ms. */
  readonly retryInMs: number | undefined;
  readonly online: boolean;
}

/** `error` is undefined when there was nothing to do (not a member, already in that state). */
export type VoteOutcome = { ok: true } | { ok: false; error: unknown };

interface PendingVote {
  voted: boolean;
  delta: number;
  /** The count of the last event received while the vote was in flight. */
  eventVotes?: number;
}

const sameQuestion = (a: Question, b: Question): boolean =>
  a.id === b.id &&
  a.text === b.text &&
  a.author === b.author &&
  a.votes === b.votes &&
  a.votedByMe === b.votedByMe &&
  a.mine === b.mine &&
  a.state === b.state &&
  a.pinned === b.pinned &&
  a.createdAt === b.createdAt &&
  a.answer?.text === b.answer?.text &&
  a.answer?.answeredAt === b.answer?.answeredAt;

export const isVisible = (q: Question): boolean => q.state === 'open' || q.state === 'answered';

/** `top`: pinned first, then most votes, then oldest first. */
export const compareTop = (a: Question, b: Question): number =>
  Number(b.pinned) - Number(a.pinned) ||
  b.votes - a.votes ||
  a.createdAt.localeCompare(b.createdAt) ||
  a.id.localeCompare(b.id);

/** `new`: newest first. */
export const compareNew = (a: Question, b: Question): number =>
  b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id);

/** Whether event `id` comes after `last`: as integers when both are, else when it differs. */
export const isNewer = (id: string, last: string | undefined): boolean =>
  last === undefined ||
  (/^\d+$/.test(id) && /^\d+$/.test(last) ? BigInt(id) > BigInt(last) : id !== last);

const views = new WeakMap<
  ReadonlyMap<string, Question>,
  Partial<Record<QuestionSort, Question[]>>
>();

/** The questions in `sort` order; computed once per board state and shared by every widget. */
export function sortedQuestions(
  questions: ReadonlyMap<string, Question>,
  sort: QuestionSort,
): readonly Question[] {
  let cached = views.get(questions);
  if (!cached) views.set(questions, (cached = {}));
  return (cached[sort] ??= [...questions.values()].sort(sort === 'new' ? compareNew : compareTop));
}

const online = (): boolean => typeof navigator === 'undefined' || navigator.onLine !== false;

export class QaBoard {
  readonly api: CercleApi;
  readonly apiKey: string;
  readonly community: string;
  /** The session as the page named it: an id, or `next` (the live or next one). */
  readonly requested: string;
  /** The id `next` stood for, once loaded. */
  #resolved: string | undefined;

  readonly #board = atom<BoardSnapshot>({
    phase: 'initial',
    error: undefined,
    session: undefined,
    questions: new Map(),
    cursors: {},
    total: 0,
    loadingMore: undefined,
    page: undefined,
    voting: new Set(),
    stream: 'connecting',
    retryInMs: undefined,
    online: online(),
  });

  #users = 0;
  #teardown = false;
  #subscription: Subscription | undefined;
  /** The id of the last event applied (or of the page the board was loaded from). */
  #lastEventId: string | undefined;
  /** Events that arrived while the board was (re)loading. */
  #buffer: SessionEvent[] | undefined;
  #loadAbort: AbortController | undefined;
  #loads = 0;
  #votes = new Map<string, PendingVote>();
  /** Questions the member asked from this page (their `mine` survives events). */
  #mine = new Set<string>();
  /** Questions removed since the last full load (a later page must not bring them back). */
  #removed = new Set<string>();
  /** Change of the visible count since `session.questionCount` was read. */
  #countDelta = 0;
  #token: string | undefined;
  #stopSession: (() => void) | undefined;
  /** The sorts widgets show: each has its first page loaded. */
  #wanted = new Set<QuestionSort>();
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #retries = 0;

  constructor(backend: ResolvedApi, community: string, session: string) {
    this.api = backend.api;
    this.apiKey = backend.key;
    this.community = community;
    this.requested = session;
  }

  /** The session's id: the one named, or the one `next` stood for when the board loaded. */
  get session(): string {
    return this.#resolved ?? this.requested;
  }

  /** The board's state; subscribe to follow it. */
  get $board(): ReadableAtom<BoardSnapshot> {
    return this.#board;
  }

  get #state(): BoardSnapshot {
    return this.#board.get();
  }

  #set(patch: Partial<BoardSnapshot>): void {
    const next = { ...this.#state, ...patch };
    if (this.#complete(next)) next.total = next.questions.size;
    this.#board.set(next);
  }

  /** Whether every visible question is loaded (some sort reached its last page). */
  #complete(s: BoardSnapshot): boolean {
    return s.cursors.top === null || s.cursors.new === null;
  }

  /** The member's session store for this community. */
  get $member(): ReadableAtom<MemberSession | null> {
    return sessionStore(this.apiKey, this.community);
  }

  /** The token of an active member, for calls that need one. */
  get token(): string | undefined {
    const s = this.$member.get();
    return s?.status === 'active' ? s.token : undefined;
  }

  /** Whether every visible question has been loaded. */
  get complete(): boolean {
    return this.#complete(this.#state);
  }

  // -------------------------------------------------------------------------------------
  // Lifecycle
  // -------------------------------------------------------------------------------------

  /**
   * A widget starts using the board; call the returned function when it stops. The first
   * user loads and subscribes; `sort` is the order the widget shows first.
   */
  acquire(sort: QuestionSort): () => void {
    this.#users++;
    this.#teardown = false;
    this.#wanted.add(sort);
    if (this.#users === 1 && !this.#stopSession) this.#start();
    else this.ensure(sort);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#users--;
      if (this.#users > 0) return;
      this.#teardown = true;
      queueMicrotask(() => {
        if (this.#teardown && this.#users === 0) this.#stop();
      });
    };
  }

  #start(): void {
    this.#token = this.$member.get()?.token;
    this.#stopSession = this.$member.listen((member) => {
      if (member?.token === this.#token) return;
      const left = this.#token !== undefined && !member;
      this.#token = member?.token;
      if (left) this.#forgetMember();
      else void this.reload({ quiet: true });
    });
    if (typeof window !== 'undefined') {
      window.addEventListener('online', this.#onOnline);
      window.addEventListener('offline', this.#onOffline);
    }
    this.#set({ online: online() });
    void this.reload();
  }

  #stop(): void {
    this.#subscription?.close();
    this.#subscription = undefined;
    this.#stopSession?.();
    this.#stopSession = undefined;
    this.#loadAbort?.abort();
    this.#loadAbort = undefined;
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    this.#loads++;
    this.#buffer = undefined;
    if (typeof window !== 'undefined') {
      window.removeEventListener('online', this.#onOnline);
      window.removeEventListener('offline', this.#onOffline);
    }
    const boards = boardsOf();
    if (boards.get(this.#key()) === this) boards.delete(this.#key());
  }

  #key(): string {
    return `${sessionKey(this.apiKey, this.community)}:${this.requested}`;
  }

  #onOnline = (): void => {
    this.#set({ online: true });
    if (this.#state.stream === 'closed' && this.#state.phase === 'complete') this.reconnect();
  };

  #onOffline = (): void => this.#set({ online: false });

  /** Opens the stream again after it closed for good (from the last event applied). */
  reconnect(): void {
    this.#subscription?.close();
    this.#subscription = undefined;
    this.#subscribe();
  }

  #subscribe(): void {
    if (this.#subscription || this.#users === 0) return;
    this.#set({ stream: 'connecting', retryInMs: undefined });
    const options = {
      onEvent: (event: SessionEvent) => this.#onEvent(event),
      onState: (stream: StreamState, info?: { retryInMs?: number }) =>
        this.#set({ stream, retryInMs: info?.retryInMs }),
    };
    this.#subscription = this.api.subscribe(
      this.community,
      this.session,
      this.#lastEventId === undefined ? options : { ...options, lastEventId: this.#lastEventId },
    );
  }

  // -------------------------------------------------------------------------------------
  // Loading
  // -------------------------------------------------------------------------------------

  /**
   * Loads the session and the first page of each sort shown, and replaces the board.
   * `quiet` keeps what is shown meanwhile (a resync, a new member) instead of `pending`.
   */
  async reload({ quiet = false }: { quiet?: boolean } = {}): Promise<void> {
    this.#loadAbort?.abort();
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    const ctrl = new AbortController();
    this.#loadAbort = ctrl;
    const load = ++this.#loads;
    this.#buffer ??= [];
    const sorts = [...this.#wanted];
    if (sorts.length === 0) sorts.push('top');
    quiet &&= this.#state.phase === 'complete';
    if (!quiet) this.#set({ phase: 'pending', error: undefined });
    const token = this.#token;
    try {
      if (this.session === NEXT_SESSION) {
        // "The live or next session": learn which one, then load it by its id.
        const next = await this.api.getSession(this.community, NEXT_SESSION, {
          signal: ctrl.signal,
        });
        if (load !== this.#loads) return;
        this.#resolved = next.id;
      }
      const [session, ...pages] = await Promise.all([
        this.api.getSession(this.community, this.session, { signal: ctrl.signal }),
        ...sorts.map((sort) => this.#page(sort, undefined, token, ctrl.signal)),
      ]);
      if (load !== this.#loads || this.#users === 0) return;
      this.#loadAbort = undefined;
      this.#replace(session, sorts, pages);
      this.#subscribe();
    } catch (error) {
      if (load !== this.#loads || ctrl.signal.aborted) return;
      this.#loadAbort = undefined;
      if (token !== undefined && isUnauthorized(error)) {
        // A token the backend no longer knows (erased elsewhere, or stale): forget it, and
        // show the board as a visitor sees it.
        this.#forgetToken(token);
        void this.reload({ quiet });
        return;
      }
      if (!quiet) {
        this.#buffer = undefined;
        this.#set({ phase: 'error', error });
        return;
      }
      // Keep showing the board, go on with the stream, and try again a little later.
      const buffered = this.#buffer ?? [];
      this.#buffer = undefined;
      for (const event of buffered) this.#onEvent(event);
      const delay = Math.min(30_000, 2000 * 2 ** this.#retries++);
      this.#retryTimer = setTimeout(() => void this.reload({ quiet: true }), delay);
    }
  }

  #page(
    sort: QuestionSort,
    cursor: string | undefined,
    token: string | undefined,
    signal?: AbortSignal,
  ): Promise<QuestionPage> {
    return this.api.listQuestions(this.community, this.session, {
      sort,
      limit: PAGE_SIZE,
      ...(cursor ? { cursor } : {}),
      ...(token ? { token } : {}),
      ...(signal ? { signal } : {}),
    });
  }

  #replace(session: LiveSession, sorts: QuestionSort[], pages: QuestionPage[]): void {
    const before = this.#state.questions;
    const questions = new Map<string, Question>();
    const cursors: Partial<Record<QuestionSort, string | null>> = {};
    let lastEventId: string | undefined;
    pages.forEach((page, i) => {
      cursors[sorts[i]!] = page.nextCursor;
      if (lastEventId === undefined || isNewer(page.lastEventId, lastEventId)) {
        lastEventId = page.lastEventId;
      }
      for (const q of page.questions) {
        if (!isVisible(q)) continue;
        const next = this.#overlay(q, q.votedByMe, q.mine);
        const old = before.get(q.id);
        questions.set(q.id, old && sameQuestion(old, next) ? old : next);
      }
    });
    this.#lastEventId = lastEventId;
    this.#retries = 0;
    this.#removed.clear();
    this.#countDelta = 0;
    const buffered = this.#buffer ?? [];
    this.#buffer = undefined;
    this.#set({
      phase: 'complete',
      error: undefined,
      session,
      questions,
      cursors,
      total: session.questionCount,
      loadingMore: undefined,
      page: undefined,
    });
    for (const event of buffered) this.#onEvent(event);
    for (const sort of this.#wanted) this.ensure(sort);
  }

  /** Loads the first page of `sort` unless every question is already there. */
  ensure(sort: QuestionSort): void {
    this.#wanted.add(sort);
    const s = this.#state;
    if (s.phase !== 'complete' || s.loadingMore || sort in s.cursors || this.complete) return;
    this.#more(sort, undefined).catch(() => {
      // Shown from what the board has; the next reload brings the page.
    });
  }

  /** Loads the next page of `sort`; resolves with the ids it brought, in order. */
  loadMore(sort: QuestionSort): Promise<string[]> {
    const cursor = this.#state.cursors[sort];
    if (!cursor || this.#state.loadingMore) return Promise.resolve([]);
    return this.#more(sort, cursor);
  }

  async #more(sort: QuestionSort, cursor: string | undefined): Promise<string[]> {
    this.#set({ loadingMore: sort });
    const load = this.#loads;
    try {
      const page = await this.#page(sort, cursor, this.#token);
      if (load !== this.#loads) return [];
      const questions = new Map(this.#state.questions);
      const ids: string[] = [];
      for (const q of page.questions) {
        if (!isVisible(q) || this.#removed.has(q.id)) continue;
        ids.push(q.id);
        // What the board has is at least as recent as the page (events keep it current).
        if (!questions.has(q.id)) questions.set(q.id, this.#overlay(q, q.votedByMe, q.mine));
      }
      this.#set({
        questions,
        cursors: { ...this.#state.cursors, [sort]: page.nextCursor },
        loadingMore: undefined,
        page: { sort, ids: new Set(ids) },
      });
      for (const wanted of this.#wanted) if (wanted !== sort) this.ensure(wanted);
      return ids;
    } catch (error) {
      if (load === this.#loads) this.#set({ loadingMore: undefined });
      throw error;
    }
  }

  // -------------------------------------------------------------------------------------
  // Events
  // -------------------------------------------------------------------------------------

  #onEvent(event: SessionEvent): void {
    if (this.#buffer) {
      // A resync while reloading: what is loading may be older; start over.
      if (event.type === 'resync') void this.reload({ quiet: true });
      else this.#buffer.push(event);
      return;
    }
    if (event.type === 'resync') {
      void this.reload({ quiet: true }); // always: the board may be missing anything
      return;
    }
    if (event.id && !isNewer(event.id, this.#lastEventId)) return; // a duplicate, or older than the page
    if (event.id) this.#lastEventId = event.id;
    switch (event.type) {
      case 'session.updated':
        this.#countDelta = 0;
        this.#set({ session: event.session, total: event.session.questionCount });
        return;
      case 'question.removed':
        this.#remove(event.questionId, true);
        return;
      case 'question.created':
      case 'question.updated': {
        const q = event.question;
        if (!isVisible(q)) {
          this.#remove(q.id, false);
          return;
        }
        const questions = new Map(this.#state.questions);
        const old = questions.get(q.id);
        const vote = this.#votes.get(q.id);
        if (vote) vote.eventVotes = q.votes;
        const next = this.#overlay(q, old?.votedByMe ?? false, old?.mine ?? false);
        questions.set(q.id, old && sameQuestion(old, next) ? old : next);
        this.#removed.delete(q.id);
        // Only news counts: an update may be about a question on a page not loaded yet.
        if (!old && event.type === 'question.created') this.#countDelta++;
        this.#set({ questions, total: this.#total() });
        return;
      }
    }
  }

  #total(): number {
    return Math.max(0, (this.#state.session?.questionCount ?? 0) + this.#countDelta);
  }

  /** `visibleBefore`: the event says a visible question went, loaded or not. */
  #remove(id: string, visibleBefore: boolean): void {
    const loaded = this.#state.questions.has(id);
    const gone = this.#removed.has(id);
    this.#removed.add(id);
    if (!loaded && (gone || !visibleBefore)) return;
    this.#countDelta--;
    if (!loaded) {
      this.#set({ total: this.#total() });
      return;
    }
    const questions = new Map(this.#state.questions);
    questions.delete(id);
    this.#set({ questions, total: this.#total() });
  }

  /** `q` with the member's own answers: their pending vote, `votedByMe`, `mine`. */
  #overlay(q: Question, votedByMe: boolean, mine: boolean): Question {
    const vote = this.#votes.get(q.id);
    return {
      ...q,
      votes: vote ? Math.max(0, q.votes + vote.delta) : q.votes,
      votedByMe: vote ? vote.voted : votedByMe,
      mine: mine || this.#mine.has(q.id),
    };
  }

  /** The member left: nothing on the board is theirs any more. */
  #forgetMember(): void {
    this.#mine.clear();
    const questions = new Map<string, Question>();
    for (const [id, q] of this.#state.questions) {
      questions.set(id, q.votedByMe || q.mine ? { ...q, votedByMe: false, mine: false } : q);
    }
    this.#set({ questions });
  }

  #patch(id: string, patch: Partial<Question>): void {
    const old = this.#state.questions.get(id);
    if (!old) return;
    const questions = new Map(this.#state.questions);
    questions.set(id, { ...old, ...patch });
    this.#set({ questions });
  }

  // -------------------------------------------------------------------------------------
  // Member actions
  // -------------------------------------------------------------------------------------

  /**
   * Votes for (or withdraws the vote on) a question, optimistically: the count moves at
   * once, and moves back when the backend refuses (the outcome carries its error).
   */
  async vote(id: string, voted: boolean): Promise<VoteOutcome> {
    const token = this.token;
    const q = this.#state.questions.get(id);
    if (!token || !q || this.#votes.has(id) || q.votedByMe === voted) {
      return { ok: false, error: undefined }; // nothing to do
    }
    const delta = voted ? 1 : -1;
    const pending: PendingVote = { voted, delta };
    this.#votes.set(id, pending);
    this.#patch(id, { votes: Math.max(0, q.votes + delta), votedByMe: voted });
    this.#set({ voting: new Set(this.#votes.keys()) });
    try {
      const call = voted ? this.api.vote : this.api.unvote;
      const result = await call.call(this.api, this.community, this.session, id, { token });
      this.#votes.delete(id);
      // The stream is ordered; a response is not: an event seen meanwhile has the count.
      this.#patch(id, {
        votes: pending.eventVotes ?? result.votes,
        votedByMe: result.votedByMe,
      });
      return { ok: true };
    } catch (error) {
      this.#votes.delete(id);
      const now = this.#state.questions.get(id);
      if (now) {
        this.#patch(id, {
          votes: pending.eventVotes ?? Math.max(0, now.votes - delta),
          votedByMe: !voted,
        });
      }
      this.#refused(error);
      return { ok: false, error };
    } finally {
      this.#set({ voting: new Set(this.#votes.keys()) });
    }
  }

  /** Asks a question; resolves with it (state `pending` when the host approves first). */
  async ask(text: string, anonymous: boolean, idempotencyKey: string): Promise<Question> {
    const token = this.token;
    if (!token) throw new Error('not a member');
    try {
      const q = await this.api.ask(
        this.community,
        this.session,
        { text, anonymous },
        { token, idempotencyKey },
      );
      this.#mine.add(q.id);
      if (isVisible(q) && !this.#removed.has(q.id)) {
        const questions = new Map(this.#state.questions);
        const old = questions.get(q.id);
        questions.set(q.id, this.#overlay(q, old?.votedByMe ?? false, true));
        if (!old) this.#countDelta++;
        this.#set({ questions, total: this.#total() });
      }
      return q;
    } catch (error) {
      this.#refused(error);
      throw error;
    }
  }

  /** What a refusal teaches: the session ended, or the member is gone. */
  #refused(error: unknown): void {
    if (hasCode(error, 'conflict')) {
      void this.api
        .getSession(this.community, this.session)
        .then((session) => this.#set({ session }))
        .catch(() => {});
    } else if (isUnauthorized(error) && this.#token !== undefined) {
      this.#forgetToken(this.#token);
    }
  }

  /** Drops a refused token from the member session shared by the page. */
  #forgetToken(token: string): void {
    const store = sessionStore(this.apiKey, this.community);
    if (store.get()?.token === token) store.set(null); // the listener forgets the member
    if (this.#token === token) {
      this.#token = undefined;
      this.#forgetMember();
    }
  }
}

type Boards = Map<string, QaBoard>;

const boardsOf = (): Boards => {
  const root = cercleGlobal() as ReturnType<typeof cercleGlobal> & { boards?: Boards };
  return (root.boards ??= new Map());
};

/** The board of one session on one API, shared by every widget of the page. */
export function qaBoard(backend: ResolvedApi, community: string, session: string): QaBoard {
  const boards = boardsOf();
  const key = `${sessionKey(backend.key, community)}:${session}`;
  let board = boards.get(key);
  if (!board || board.api !== backend.api) {
    board = new QaBoard(backend, community, session);
    boards.set(key, board);
  }
  return board;
}
