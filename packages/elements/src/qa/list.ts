/**
 * The list of `<cercle-qa>`: the `top` / `new` tabs, the "N new — show" button, the
 * questions (keyed, each re-rendered only when it changed) and "Show more questions".
 */
import { html, nothing, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import type { QuestionSort } from '@cercle/client/contract';
import { arrowUpIcon } from '../internal/icons.js';
import type { BoardSnapshot } from './board.js';
import { itemDeps, renderItem, type ItemActions, type ItemContext, type Terms } from './item.js';

export const SORTS: readonly QuestionSort[] = ['top', 'new'];

export interface ListView {
  board: BoardSnapshot;
  order: readonly string[];
  sort: QuestionSort;
  ctx: ItemContext;
  /** How many questions wait behind the "show" button; `undefined`: no button. */
  pending: number | undefined;
}

export interface ListActions extends ItemActions {
  onTab: (e: Event) => void;
  onTabKeydown: (e: KeyboardEvent) => void;
  onShowPending: () => void;
  onLoadMore: () => void;
  /** The scroller's own listeners: whether the reader is in the list. */
  onPointerEnter: () => void;
  onPointerLeave: () => void;
  onFocusOut: (e: FocusEvent) => void;
  onScroll: (e: Event) => void;
  /** The list's: roving focus between questions. */
  onListKeydown: (e: KeyboardEvent) => void;
  onListFocusIn: (e: FocusEvent) => void;
}

/** The next sort for a key on the tabs (ARIA tabs: arrows, Home, End), or `undefined`. */
export function sortForKey(sort: QuestionSort, key: string): QuestionSort | undefined {
  const i = SORTS.indexOf(sort);
  const n = SORTS.length;
  if (key === 'ArrowRight' || key === 'ArrowDown') return SORTS[(i + 1) % n];
  if (key === 'ArrowLeft' || key === 'ArrowUp') return SORTS[(i - 1 + n) % n];
  if (key === 'Home') return SORTS[0];
  if (key === 'End') return SORTS[n - 1];
  return undefined;
}

export function renderList(v: ListView, a: ListActions): TemplateResult {
  const { board: s, order, sort, ctx } = v;
  const t: Terms = ctx.t;
  const more = s.cursors[sort];
  const loadingMore = s.loadingMore === sort;
  return html`
    <div part="tabs" class="tabs" role="tablist" aria-label=${t.sortLabel}>
      ${SORTS.map(
        (value) =>
          html`<button
            part="tab"
            class="tab"
            role="tab"
            id="tab-${value}"
            type="button"
            data-sort=${value}
            aria-selected=${value === sort ? 'true' : 'false'}
            aria-controls="panel"
            tabindex=${value === sort ? '0' : '-1'}
            @click=${a.onTab}
            @keydown=${a.onTabKeydown}
          >
            ${value === 'top' ? t.sortTop : t.sortNew}
          </button>`,
      )}
    </div>
    <div class="panel" role="tabpanel" id="panel" aria-labelledby="tab-${sort}">
      <div
        class="scroller"
        @pointerenter=${a.onPointerEnter}
        @pointerleave=${a.onPointerLeave}
        @focusout=${a.onFocusOut}
        @scroll=${a.onScroll}
      >
        ${
          v.pending !== undefined
            ? html`<div class="pending">
                <button
                  part="button show-button"
                  class="show"
                  id="show"
                  type="button"
                  @click=${a.onShowPending}
                >
                  ${arrowUpIcon()}<span>${t.showPending(v.pending)}</span>
                </button>
              </div>`
            : nothing
        }
        <ol
          part="list"
          class="list"
          tabindex="-1"
          aria-labelledby="tab-${sort}"
          @keydown=${a.onListKeydown}
          @focusin=${a.onListFocusIn}
        >
          ${guard([order, s.questions, ctx], () =>
            repeat(
              order,
              (id) => id,
              (id) => {
                const q = s.questions.get(id)!;
                return guard(itemDeps(q, ctx), () => renderItem(q, ctx, a));
              },
            ),
          )}
        </ol>
        ${
          more
            ? html`<div class="more">
                <button
                  part="button more-button"
                  class="button button-secondary"
                  id="more"
                  type="button"
                  aria-disabled=${loadingMore ? 'true' : 'false'}
                  @click=${a.onLoadMore}
                >
                  ${loadingMore ? html`<span class="spinner" aria-hidden="true"></span>${t.loadingMore}` : t.loadMore}
                </button>
              </div>`
            : nothing
        }
      </div>
    </div>
  `;
}
