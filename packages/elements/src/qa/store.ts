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
import { Ledger, type PendingVote } from './board-events.js';
import { emptyBoard, PAGE_SIZE, type BoardSnapshot, type VoteOutcome } from './board.js';

export { compareNew, compareTop } from './board.js';

const online = (): boolean => typeof navigator === 'undefined' || navigator.onLine !== false;

export class QaBoard {
  readonly api: CercleApi;
  readonly apiKey: string;
  readonly community: string;
  /** The session as the page named it: an id, or `next` (the live or next one). */
  readonly requested: string;
  /** The id `next` stood for, once loaded. */
  #resolved: string | undefined;

  readonly #board = atom<BoardSnapshot>(emptyBoard(online()));

  #users = 0;
  #teardown = false;
  #subscription: Subscription | undefined;
  /** Events that arrived while the board was (re)loading. */
  #buffer: SessionEvent[] | undefined;
  #loadAbort: AbortController | undefined;
  #loads = 0;
  /** The member's own answers over the board, and the event reducer. */
  readonly #ledger = new Ledger();
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
      this.#ledger.lastEventId === undefined
        ? options
        : { ...options, lastEventId: this.#ledger.lastEventId },
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
    const { questions, cursors } = this.#ledger.loaded(this.#state.questions, sorts, pages);
    this.#retries = 0;
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
      const { questions, ids } = this.#ledger.addPage(this.#state.questions, page);
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
    const patch = this.#ledger.apply(this.#state, event);
    if (patch) this.#set(patch);
  }

  /** The member left: nothing on the board is theirs any more. */
  #forgetMember(): void {
    this.#set({ questions: this.#ledger.forgetMember(this.#state.questions) });
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
    if (!token || !q || this.#ledger.votes.has(id) || q.votedByMe === voted) {
      return { ok: false, error: undefined }; // nothing to do
    }
    const delta = voted ? 1 : -1;
    const pending: PendingVote = { voted, delta };
    this.#ledger.votes.set(id, pending);
    this.#patch(id, { votes: Math.max(0, q.votes + delta), votedByMe: voted });
    this.#set({ voting: new Set(this.#ledger.votes.keys()) });
    try {
      const result = voted
        ? await this.api.vote(this.community, this.session, id, { token })
        : await this.api.unvote(this.community, this.session, id, { token });
      this.#ledger.votes.delete(id);
      // The stream is ordered; a response is not: an event seen meanwhile has the count.
      this.#patch(id, {
        votes: pending.eventVotes ?? result.votes,
        votedByMe: result.votedByMe,
      });
      return { ok: true };
    } catch (error) {
      this.#ledger.votes.delete(id);
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
      this.#set({ voting: new Set(this.#ledger.votes.keys()) });
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
      const patch = this.#ledger.asked(this.#state, q);
      if (patch) this.#set(patch);
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
  root.boards ??= new Map<string, QaBoard>();
  return root.boards;
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
