/**
 * The list's motion and focus, on the rendered DOM of `<cercle-qa>`: the calm FLIP when the
 * order changes, whether the reader is in the list, keeping focus on a question that moved
 * or went, and the roving focus between questions (one tab stop per list).
 */

const FLIP_MS = 260;

/** The focusable controls of a question, in order: `data-focus="vote"`, `"report"`. */
export type Control = 'vote' | 'report';

/** The question that holds the list's tab stop, and which of its controls. */
export interface TabStop {
  id: string;
  control: Control;
}

/** A question's focus that must survive a render. */
export interface FocusKeep extends TabStop {
  index: number;
}

const reducedMotion = (): boolean =>
  typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

const listOf = (root: ShadowRoot | null): HTMLElement | null =>
  root?.querySelector<HTMLElement>('.list') ?? null;

const scrollerOf = (root: ShadowRoot | null): HTMLElement | null =>
  root?.querySelector<HTMLElement>('.scroller') ?? null;

function visibleItems(root: ShadowRoot | null): { li: HTMLElement; top: number }[] {
  const list = listOf(root);
  const scroller = scrollerOf(root);
  if (!list || !scroller) return [];
  const box = scroller.getBoundingClientRect();
  const top = Math.max(box.top, 0);
  const bottom = Math.min(box.bottom, window.innerHeight);
  const items: { li: HTMLElement; top: number }[] = [];
  for (const li of list.children as HTMLCollectionOf<HTMLElement>) {
    const r = li.getBoundingClientRect();
    if (r.top > bottom) break;
    if (r.bottom >= top) items.push({ li, top: r.top });
  }
  return items;
}

/** Where each question on screen is now, before the order changes. */
export function captureFlip(root: ShadowRoot | null): Map<string, number> | undefined {
  if (reducedMotion()) return undefined;
  return new Map(visibleItems(root).map(({ li, top }) => [li.dataset.id!, top]));
}

/** FLIP: each visible question glides from where it was (`before`); new ones fade in. */
export function playFlip(root: ShadowRoot | null, before: Map<string, number> | undefined): void {
  if (!before || reducedMotion()) return;
  const timing = { duration: FLIP_MS, easing: 'cubic-bezier(0.2, 0, 0, 1)' };
  for (const { li, top } of visibleItems(root)) {
    const old = before.get(li.dataset.id!);
    if (old === undefined) li.animate([{ opacity: 0 }, { opacity: 1 }], timing);
    else if (Math.abs(old - top) > 1) {
      li.animate(
        [{ transform: `translateY(${old - top}px)` }, { transform: 'translateY(0)' }],
        timing,
      );
    }
  }
}

/** Whether the reader is in the list: focus or pointer in it, or scrolled into it. */
export function readerInList(root: ShadowRoot | null, pointerIn: boolean): boolean {
  const scroller = scrollerOf(root);
  if (!root || !scroller) return false;
  if (pointerIn) return true;
  const active = root.activeElement;
  if (active && scroller.contains(active)) return true;
  return scroller.scrollTop > 4 || scroller.getBoundingClientRect().top < -4;
}

/** The focused question's control, before a render that may move or remove it. */
export function captureFocus(
  root: ShadowRoot | null,
  order: readonly string[] | undefined,
): FocusKeep | undefined {
  const active = root?.activeElement as HTMLElement | null | undefined;
  const id = active?.closest<HTMLElement>('li[data-id]')?.dataset.id;
  if (!active || !id) return undefined;
  return { id, control: active.dataset.focus as Control, index: order?.indexOf(id) ?? 0 };
}

/** Keyed DOM keeps most focus; when a move or a removal lost it, put it back. */
export function restoreFocus(root: ShadowRoot | null, keep: FocusKeep | undefined): void {
  const list = listOf(root);
  if (!keep || !root || root.activeElement || !list) return;
  const items = list.children as HTMLCollectionOf<HTMLElement>;
  const li =
    [...items].find((el) => el.dataset.id === keep.id) ??
    items[Math.min(keep.index, items.length - 1)];
  const target = (li && controlOf(li, keep.control)) ?? list;
  target.focus({ preventScroll: true });
}

/** The question's control `control`, else its first one (`undefined`: none is enabled). */
function controlOf(li: Element, control: string | undefined): HTMLElement | undefined {
  return (
    li.querySelector<HTMLElement>(`[data-focus="${control}"]:not(:disabled)`) ??
    li.querySelector<HTMLElement>('[data-focus]:not(:disabled)') ??
    undefined
  );
}

/**
 * Roving focus in the list (a keydown on one of its questions' controls): ArrowDown/ArrowUp
 * go to the same control of the next/previous question, Home/End to the first/last
 * question, ArrowRight/ArrowLeft to the next/previous control of the same question (vote,
 * report; mirrored right to left). Returns the control to focus, or `undefined` (the key is
 * not ours, or there is nowhere to go).
 */
export function rovingTarget(e: KeyboardEvent, rtl: boolean): HTMLElement | undefined {
  const from = e.target as HTMLElement;
  const control = from.dataset.focus;
  const li = from.closest<HTMLElement>('li[data-id]');
  const list = li?.parentElement;
  if (!control || !li || !list || e.altKey || e.ctrlKey || e.metaKey) return undefined;
  const items = [...list.children];
  const i = items.indexOf(li);
  const step = (start: number, by: number): HTMLElement | undefined => {
    for (let j = start; j >= 0 && j < items.length; j += by) {
      const found = controlOf(items[j]!, control);
      if (found) return found;
    }
    return undefined;
  };
  const across = (by: number): HTMLElement | undefined => {
    const controls = [...li.querySelectorAll<HTMLElement>('[data-focus]:not(:disabled)')];
    return controls[controls.indexOf(from) + by];
  };
  switch (e.key) {
    case 'ArrowDown':
      return step(i + 1, 1);
    case 'ArrowUp':
      return step(i - 1, -1);
    case 'Home':
      return step(0, 1);
    case 'End':
      return step(items.length - 1, -1);
    case 'ArrowRight':
      return across(rtl ? -1 : 1);
    case 'ArrowLeft':
      return across(rtl ? 1 : -1);
    default:
      return undefined;
  }
}
