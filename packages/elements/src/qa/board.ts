/**
 * The shape of a session's board (what `QaBoard` holds and every `<cercle-qa>` reads) and the
 * pure rules on it: which questions are visible, the two orders, event id order.
 */
import type { StreamState } from '@cercle/client/browser';
import type { LiveSession, Question, QuestionSort } from '@cercle/client/contract';

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

/** The board before its first load. */
export const emptyBoard = (online: boolean): BoardSnapshot => ({
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
  online,
});

export const sameQuestion = (a: Question, b: Question): boolean =>
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
