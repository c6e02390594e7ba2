/**
 * The board's reducer: what a stream event does to the board, and the member's own answers
 * laid over every question (their pending votes, `votedByMe`, `mine`), which stream events do
 * not carry (they are per member). `QaBoard` owns one `Ledger` and applies its patches.
 */
import type { Question, QuestionPage, QuestionSort, SessionEvent } from '@cercle/client/contract';
import { isNewer, isVisible, sameQuestion, type BoardSnapshot } from './board.js';

export interface PendingVote {
  voted: boolean;
  delta: number;
  /** The count of the last event received while the vote was in flight. */
  eventVotes?: number;
}

/** A stream event other than `resync` (which reloads the board instead). */
export type BoardEvent = Exclude<SessionEvent, { type: 'resync' }>;

export class Ledger {
  /** Votes in flight, by question. */
  readonly votes = new Map<string, PendingVote>();
  /** Questions the member asked from this page (their `mine` survives events). */
  readonly mine = new Set<string>();
  /** Questions removed since the last full load (a later page must not bring them back). */
  readonly removed = new Set<string>();
  /** Change of the visible count since `session.questionCount` was read. */
  countDelta = 0;
  /** The id of the last event applied (or of the page the board was loaded from). */
  lastEventId: string | undefined;

  /**
   * A full load: the first page of each of `sorts` replaces the board (`before`), whose
   * unchanged questions keep their object; events apply from the newest page's id.
   */
  loaded(
    before: ReadonlyMap<string, Question>,
    sorts: readonly QuestionSort[],
    pages: readonly QuestionPage[],
  ): Pick<BoardSnapshot, 'questions' | 'cursors'> {
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
        const next = this.overlay(q, q.votedByMe, q.mine);
        const old = before.get(q.id);
        questions.set(q.id, old && sameQuestion(old, next) ? old : next);
      }
    });
    this.lastEventId = lastEventId;
    this.removed.clear();
    this.countDelta = 0;
    return { questions, cursors };
  }

  /** A later page: its questions not on the board yet, and its ids in order. */
  addPage(
    before: ReadonlyMap<string, Question>,
    page: QuestionPage,
  ): { questions: Map<string, Question>; ids: string[] } {
    const questions = new Map(before);
    const ids: string[] = [];
    for (const q of page.questions) {
      if (!isVisible(q) || this.removed.has(q.id)) continue;
      ids.push(q.id);
      // What the board has is at least as recent as the page (events keep it current).
      if (!questions.has(q.id)) questions.set(q.id, this.overlay(q, q.votedByMe, q.mine));
    }
    return { questions, ids };
  }

  /** The member left: nothing on the board is theirs any more. */
  forgetMember(before: ReadonlyMap<string, Question>): Map<string, Question> {
    this.mine.clear();
    const questions = new Map<string, Question>();
    for (const [id, q] of before) {
      questions.set(id, q.votedByMe || q.mine ? { ...q, votedByMe: false, mine: false } : q);
    }
    return questions;
  }

  /** `q` with the member's own answers: their pending vote, `votedByMe`, `mine`. */
  overlay(q: Question, votedByMe: boolean, mine: boolean): Question {
    const vote = this.votes.get(q.id);
    return {
      ...q,
      votes: vote ? Math.max(0, q.votes + vote.delta) : q.votes,
      votedByMe: vote ? vote.voted : votedByMe,
      mine: mine || this.mine.has(q.id),
    };
  }

  /** Visible questions on the backend, following events. */
  total(s: BoardSnapshot): number {
    return Math.max(0, (s.session?.questionCount ?? 0) + this.countDelta);
  }

  /**
   * What `event` changes on the board `s`: a patch, or `undefined` when nothing (a
   * duplicate, an event older than the page, a removal of a question never shown).
   */
  apply(s: BoardSnapshot, event: BoardEvent): Partial<BoardSnapshot> | undefined {
    if (event.id && !isNewer(event.id, this.lastEventId)) return undefined; // a duplicate, or older than the page
    if (event.id) this.lastEventId = event.id;
    switch (event.type) {
      case 'session.updated':
        this.countDelta = 0;
        return { session: event.session, total: event.session.questionCount };
      case 'question.removed':
        return this.#remove(s, event.questionId, true);
      case 'question.created':
      case 'question.updated': {
        const q = event.question;
        if (!isVisible(q)) return this.#remove(s, q.id, false);
        const questions = new Map(s.questions);
        const old = questions.get(q.id);
        const vote = this.votes.get(q.id);
        if (vote) vote.eventVotes = q.votes;
        const next = this.overlay(q, old?.votedByMe ?? false, old?.mine ?? false);
        questions.set(q.id, old && sameQuestion(old, next) ? old : next);
        this.removed.delete(q.id);
        // Only news counts: an update may be about a question on a page not loaded yet.
        if (!old && event.type === 'question.created') this.countDelta++;
        return { questions, total: this.total(s) };
      }
    }
  }

  /** The member asked `q`: it is theirs, and on the board at once when visible. */
  asked(s: BoardSnapshot, q: Question): Partial<BoardSnapshot> | undefined {
    this.mine.add(q.id);
    if (!isVisible(q) || this.removed.has(q.id)) return undefined;
    const questions = new Map(s.questions);
    const old = questions.get(q.id);
    questions.set(q.id, this.overlay(q, old?.votedByMe ?? false, true));
    if (!old) this.countDelta++;
    return { questions, total: this.total(s) };
  }

  /** `visibleBefore`: the event says a visible question went, loaded or not. */
  #remove(
    s: BoardSnapshot,
    id: string,
    visibleBefore: boolean,
  ): Partial<BoardSnapshot> | undefined {
    const loaded = s.questions.has(id);
    const gone = this.removed.has(id);
    this.removed.add(id);
    if (!loaded && (gone || !visibleBefore)) return undefined;
    this.countDelta--;
    if (!loaded) return { total: this.total(s) };
    const questions = new Map(s.questions);
    questions.delete(id);
    return { questions, total: this.total(s) };
  }
}
