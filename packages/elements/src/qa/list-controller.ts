/**
 * The behaviour of `<cercle-qa>`'s list, as a reactive controller: ordering without jumps
 * (order.ts, with the settle timer and "N new — show"), the batched announcement of new
 * questions, the FLIP and focus keeping (motion.ts), the roving tab stop, the tabs and
 * "Show more questions". Its state lives on the host as reactive properties (`_shown`,
 * `_applyNow`, `_stop`): setting them is what re-renders.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { QuestionSort } from '@cercle/client/contract';
import type { BoardSnapshot } from './board.js';
import type { ItemActions, ItemContext } from './item.js';
import { sortForKey, type ListActions } from './list.js';
import {
  captureFlip,
  captureFocus,
  playFlip,
  readerInList,
  restoreFocus,
  rovingTarget,
  type Control,
  type FocusKeep,
  type TabStop,
} from './motion.js';
import { NOTHING_SHOWN, reconcile, SETTLE_MS, type Shown } from './order.js';
import type { QaBoard } from './store.js';

/** How long new questions are gathered before one announcement. */
const ANNOUNCE_BATCH_MS = 1500;

/** The host's reactive state this controller reads and writes. */
export interface QaListHost extends ReactiveControllerHost, HTMLElement {
  sort: QuestionSort;
  /** What the list shows: the board's order, or held while the reader is busy. */
  _shown: Shown;
  /** Apply what is held at the next update ("show"). */
  _applyNow: boolean;
  /** The control that holds the list's one tab stop (the last one focused). */
  _stop: TabStop | undefined;
}

export interface QaListOptions {
  board(): QaBoard | undefined;
  snapshot(): BoardSnapshot | undefined;
  /** Says `n` new questions arrived (in the live region). */
  announceNews(n: number): void;
  /** Says why loading more failed. */
  failed(error: unknown): void;
  /** Moves focus, after the next render, to what `selector` matches. */
  focus(selector: string): void;
  rtl(): boolean;
}

export class QaList implements ReactiveController {
  readonly #host: QaListHost;
  readonly #o: QaListOptions;
  #settleTimer: ReturnType<typeof setTimeout> | undefined;
  #known = new Set<string>();
  #pointerIn = false;
  #flip: Map<string, number> | undefined;
  #focusKeep: FocusKeep | undefined;
  #ctx: ItemContext | undefined;
  /** Focus is being put back after a render: the tab stop follows it after the update. */
  #restoring = false;
  #newBatch = 0;
  #batchTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: QaListHost, options: QaListOptions) {
    this.#host = host;
    this.#o = options;
    host._shown = NOTHING_SHOWN;
    host._applyNow = false;
    host.addController(this);
  }

  get #sort(): QuestionSort {
    return this.#host.sort === 'new' ? 'new' : 'top';
  }

  get #root(): ShadowRoot | null {
    return this.#host.shadowRoot;
  }

  /** The widget was pointed at another board: start over. */
  reset(): void {
    this.#host._shown = NOTHING_SHOWN;
    this.#host._stop = undefined;
    this.#known = new Set();
  }

  hostDisconnected(): void {
    clearTimeout(this.#batchTimer);
    clearTimeout(this.#settleTimer);
    this.#batchTimer = this.#settleTimer = undefined;
    this.#newBatch = 0;
  }

  hostUpdate(): void {
    this.#focusKeep = captureFocus(this.#root, this.#host._shown.ids);
    this.#reconcile();
  }

  hostUpdated(): void {
    const flip = this.#flip;
    const keep = this.#focusKeep;
    this.#flip = this.#focusKeep = undefined;
    playFlip(this.#root, flip);
    this.#restoring = true;
    restoreFocus(this.#root, keep);
    this.#restoring = false;
  }

  /** Brings what the list shows up to date with the board (order.ts), and counts news. */
  #reconcile(): void {
    const host = this.#host;
    const s = this.#o.snapshot();
    if (!s || s.phase !== 'complete') return;
    const sort = this.#sort;
    const prev = host._shown;
    if (prev.sort === sort && prev.map === s.questions && !host._applyNow) return;
    const first = prev.ids === undefined;
    for (const [id, q] of s.questions) {
      if (this.#known.has(id)) continue;
      this.#known.add(id);
      if (!first && !q.mine && !s.page?.ids.has(id)) this.#newBatch++;
    }
    if (this.#newBatch > 0) this.#scheduleAnnouncement();
    const touched = (): boolean => readerInList(this.#root, this.#pointerIn);
    const next = reconcile(prev, s, sort, host._applyNow, touched, Date.now());
    if (next.animate) this.#flip = captureFlip(this.#root);
    if (next.settle && this.#settleTimer === undefined && host.isConnected) {
      this.#settleTimer = setTimeout(() => {
        this.#settleTimer = undefined;
        this.#maybeApply();
      }, SETTLE_MS);
    }
    host._shown = next.shown;
    host._applyNow = false;
  }

  /** The reader left the list: apply what was held, calmly. */
  #maybeApply(): void {
    const shown = this.#host._shown;
    if (shown.pendingNew === 0 && !shown.pendingReorder) return;
    this.#host._shown = { ...shown, map: undefined };
  }

  #scheduleAnnouncement(): void {
    if (this.#batchTimer !== undefined || !this.#host.isConnected) return;
    this.#batchTimer = setTimeout(() => {
      this.#batchTimer = undefined;
      const n = this.#newBatch;
      this.#newBatch = 0;
      if (n > 0) this.#o.announceNews(n);
    }, ANNOUNCE_BATCH_MS);
  }

  /**
   * What every item reads besides its question (`base`: the host's part), with the list's
   * tab stop: the same object while nothing changed, so unchanged items skip rendering.
   */
  context(
    base: Omit<ItemContext, 'stopId' | 'stopControl'>,
    s: BoardSnapshot,
    order: readonly string[],
  ): ItemContext {
    const stop = this.#host._stop;
    const stopId = stop && s.questions.has(stop.id) && order.includes(stop.id) ? stop.id : order[0];
    const next: ItemContext = {
      ...base,
      stopId,
      stopControl: stop && stop.id === stopId ? stop.control : 'vote',
    };
    const prev = this.#ctx;
    if (prev && (Object.keys(next) as (keyof ItemContext)[]).every((k) => prev[k] === next[k])) {
      return prev;
    }
    return (this.#ctx = next);
  }

  #actions: ListActions | undefined;

  /** The list's handlers, with the items' own (`item`); the same object every render. */
  actions(item: ItemActions): ListActions {
    return (this.#actions ??= {
      ...item,
      onTab: this.#onTab,
      onTabKeydown: this.#onTabKeydown,
      onShowPending: () => void this.#showPending(),
      onLoadMore: () => void this.#loadMore(),
      onPointerEnter: () => {
        this.#pointerIn = true;
      },
      onPointerLeave: () => {
        this.#pointerIn = false;
        this.#maybeApply();
      },
      onFocusOut: (e: FocusEvent) => {
        const scroller = e.currentTarget as HTMLElement;
        const next = e.relatedTarget as Node | null;
        if (!next || !scroller.contains(next)) queueMicrotask(() => this.#maybeApply());
      },
      onScroll: (e: Event) => {
        if ((e.currentTarget as HTMLElement).scrollTop <= 4) this.#maybeApply();
      },
      onListKeydown: this.#onListKeydown,
      onListFocusIn: this.#onListFocusIn,
    });
  }

  #onTab = (e: Event): void => {
    this.#selectSort((e.currentTarget as HTMLElement).dataset.sort as QuestionSort);
  };

  #onTabKeydown = (e: KeyboardEvent): void => {
    const next = sortForKey(this.#sort, e.key);
    if (!next) return;
    e.preventDefault();
    this.#selectSort(next);
    this.#o.focus(`#tab-${next}`);
  };

  #selectSort(sort: QuestionSort): void {
    if (sort === this.#sort) return;
    this.#host.sort = sort;
    const scroller = this.#root?.querySelector<HTMLElement>('.scroller');
    if (scroller) scroller.scrollTop = 0;
  }

  async #showPending(): Promise<void> {
    this.#host._applyNow = true;
    await this.#host.updateComplete;
    const scroller = this.#root?.querySelector<HTMLElement>('.scroller');
    if (scroller) scroller.scrollTop = 0;
    this.#root?.querySelector<HTMLElement>('.list')?.focus({ preventScroll: true });
  }

  async #loadMore(): Promise<void> {
    const board = this.#o.board();
    if (!board) return;
    try {
      const ids = await board.loadMore(this.#sort);
      await this.#host.updateComplete;
      const root = this.#root;
      if (ids[0] && root && !root.querySelector('#more')) {
        const li = [...root.querySelectorAll<HTMLElement>('.list > li')].find(
          (el) => el.dataset.id === ids[0],
        );
        li?.querySelector<HTMLElement>('[data-focus="vote"]')?.focus();
      }
    } catch (error) {
      this.#o.failed(error);
    }
  }

  /** Roving focus: arrows, Home and End move between the questions (motion.ts). */
  #onListKeydown = (e: KeyboardEvent): void => {
    const target = rovingTarget(e, this.#o.rtl());
    if (!target) return;
    e.preventDefault();
    target.focus();
  };

  /** The control focused last holds the list's tab stop (Tab comes back to it). */
  #onListFocusIn = (e: FocusEvent): void => {
    const el = e.target as HTMLElement;
    const control = el.dataset.focus as Control | undefined;
    const id = el.closest<HTMLElement>('li[data-id]')?.dataset.id;
    if (!control || !id) return;
    const set = (): void => {
      const stop = this.#host._stop;
      if (stop?.id !== id || stop.control !== control) this.#host._stop = { id, control };
    };
    if (this.#restoring) queueMicrotask(set);
    else set();
  };
}
