/**
 * The live queue's rules, without the DOM: the order a host works through the questions in,
 * the filters and the search.
 *
 * Order: questions waiting for approval first (oldest first: a queue), then pinned ones, then
 * open ones by votes, then answered ones by votes, hidden ones last; ties go to the oldest.
 * Answered questions sink below open ones so the top of the list is always what to take next.
 */
import type { Question } from '@cercle/client/contract';

export const FILTERS = ['all', 'pending', 'open', 'answered', 'hidden'] as const;
export type Filter = (typeof FILTERS)[number];

const rank = (q: Question): number =>
  q.state === 'pending'
    ? 0
    : q.state === 'hidden'
      ? 4
      : q.pinned
        ? 1
        : q.state === 'answered'
          ? 3
          : 2;

export function compareQuestions(a: Question, b: Question): number {
  const byRank = rank(a) - rank(b);
  if (byRank) return byRank;
  if (rank(a) !== 0 && b.votes !== a.votes) return b.votes - a.votes;
  return a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
}

/** Lowercase, without accents: `Béchamel` matches `bechamel`. */
export const fold = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

export function matchesFilter(q: Question, filter: Filter): boolean {
  return filter === 'all' ? true : q.state === filter;
}

export function matchesSearch(q: Question, search: string): boolean {
  const words = fold(search).split(/\s+/).filter(Boolean);
  if (!words.length) return true;
  const haystack = fold([q.text, q.author ?? '', q.answer?.text ?? ''].join(' '));
  return words.every((w) => haystack.includes(w));
}

/** The questions to show, in order. */
export function visibleQuestions(
  questions: Iterable<Question>,
  filter: Filter,
  search: string,
): Question[] {
  return [...questions]
    .filter((q) => matchesFilter(q, filter) && matchesSearch(q, search))
    .sort(compareQuestions);
}

/** How many questions each filter shows (the search applies). */
export function filterCounts(
  questions: Iterable<Question>,
  search: string,
): Record<Filter, number> {
  const counts: Record<Filter, number> = { all: 0, pending: 0, open: 0, answered: 0, hidden: 0 };
  for (const q of questions) {
    if (!matchesSearch(q, search)) continue;
    counts.all++;
    counts[q.state]++;
  }
  return counts;
}

/** Whether a key press comes from a place where typing is expected (no shortcut then). */
export function isTyping(event: KeyboardEvent): boolean {
  const target = event.composedPath()[0];
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type);
  }
  return false;
}
