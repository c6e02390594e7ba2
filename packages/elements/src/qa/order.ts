/**
 * Ordering without jumps: the order the list shows, brought up to date with the board at
 * once while the reader is not in the list, otherwise held behind "N new — show"; removals
 * apply at once and counts update in place either way. Pure: `<cercle-qa>` keeps the result
 * as reactive state and runs the timers.
 */
import type { Question, QuestionSort } from '@cercle/client/contract';
import { sortedQuestions, type BoardSnapshot } from './board.js';

/** The list reorders at most this often, however fast votes come (counts update at once). */
export const SETTLE_MS = 700;

/** What the list shows. */
export interface Shown {
  /** The ids shown, in the order shown; `undefined` before the first complete board. */
  readonly ids: readonly string[] | undefined;
  /** The sort `ids` follow. */
  readonly sort: QuestionSort | undefined;
  /** The board's questions `ids` were computed from (`undefined`: compute again). */
  readonly map: ReadonlyMap<string, Question> | undefined;
  /** Questions on the board not shown yet. */
  readonly pendingNew: number;
  /** The board's order differs from the one shown. */
  readonly pendingReorder: boolean;
  /** Held changes wait for the reader (the "show" button), not just for `SETTLE_MS`. */
  readonly held: boolean;
  /** When the board's order was last applied (ms). */
  readonly applied: number;
}

export const NOTHING_SHOWN: Shown = {
  ids: undefined,
  sort: undefined,
  map: undefined,
  pendingNew: 0,
  pendingReorder: false,
  held: false,
  applied: 0,
};

const sameOrder = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((id, i) => id === b[i]);

export interface Reconciled {
  readonly shown: Shown;
  /** The order changed under a list on screen: animate it (FLIP). */
  readonly animate: boolean;
  /** Changes are held only to settle: look again after `SETTLE_MS`. */
  readonly settle: boolean;
}

/**
 * The next `Shown` for board `s` in `sort`. `force`: apply everything now (the "show"
 * button); `touched`: whether the reader is in the list (asked only when it matters).
 */
export function reconcile(
  prev: Shown,
  s: BoardSnapshot,
  sort: QuestionSort,
  force: boolean,
  touched: () => boolean,
  now: number,
): Reconciled {
  const target = sortedQuestions(s.questions, sort).map((q) => q.id);
  const order = prev.ids;
  const sortChanged = prev.sort !== sort;
  const base = { sort, map: s.questions };
  const inList = !!order && !sortChanged && !force && touched();
  const settling = !inList && now - prev.applied < SETTLE_MS;
  if (!order || sortChanged || order.length === 0 || force || (!inList && !settling)) {
    return {
      shown: {
        ...base,
        ids: target,
        pendingNew: 0,
        pendingReorder: false,
        held: false,
        applied: now,
      },
      animate: !!order && !sortChanged,
      settle: false,
    };
  }
  const present = new Set(target);
  const kept = order.filter((id) => present.has(id));
  const shownIds = new Set(kept);
  // Pages the reader asked for go at the end at once.
  const paged = s.page?.sort === sort ? s.page.ids : undefined;
  if (paged) {
    for (const id of target) {
      if (paged.has(id) && !shownIds.has(id)) {
        kept.push(id);
        shownIds.add(id);
      }
    }
  }
  return {
    shown: {
      ...base,
      ids: kept,
      pendingNew: target.length - kept.length,
      pendingReorder: !sameOrder(
        kept,
        target.filter((id) => shownIds.has(id)),
      ),
      held: inList,
      applied: prev.applied,
    },
    animate: false,
    settle: settling,
  };
}

/** Whether the "N new — show" button is up. */
export const showsPending = (s: Shown): boolean => s.held && (s.pendingNew > 0 || s.pendingReorder);
