/**
 * The cards of `<cercle-wall>` (the grid, masonry and list layouts, and the slides of the
 * carousel) and the skeleton that stands for the first page while it loads. `CardList` keeps
 * each card's last template result, so a card renders again only when what it shows changed.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import type { Testimonial } from '@cercle/client/browser';
import { domId } from '../internal/dom-id.js';
import type { ReportDialog } from '../internal/report-dialog.js';
import { renderCard, type Terms } from './card.js';

/** What every card's template reads besides the testimonial; one object while unchanged. */
interface Shared {
  t: Terms;
  carousel: boolean;
  total: number;
  reportFor: string | undefined;
  reportBusy: boolean;
  reportError: string | undefined;
}

export interface CardsInput {
  t: Terms;
  carousel: boolean;
  items: ReadonlyMap<string, Testimonial>;
  order: readonly string[];
  expanded: ReadonlySet<string>;
  report: ReportDialog;
  onReadMore: (e: Event) => void;
}

export class CardList {
  #ctx: Shared | undefined;
  /** Each card's last template result and what it was rendered from. */
  #cache = new Map<string, { deps: unknown[]; card: TemplateResult }>();

  /** Forgets every card (other content). */
  reset(): void {
    this.#cache = new Map();
  }

  #context(c: CardsInput): Shared {
    const next: Shared = {
      t: c.t,
      carousel: c.carousel,
      total: c.order.length,
      reportFor: c.report.open,
      reportBusy: c.report.busy,
      reportError: c.report.error,
    };
    const prev = this.#ctx;
    if (prev && (Object.keys(next) as (keyof Shared)[]).every((k) => prev[k] === next[k])) {
      return prev;
    }
    return (this.#ctx = next);
  }

  /** The cards, in order. */
  render(c: CardsInput): unknown {
    const ctx = this.#context(c);
    const { items, order, expanded, report } = c;
    const cache = this.#cache;
    // Cards of testimonials gone from the wall (withdrawn) are forgotten.
    if (cache.size > order.length)
      for (const id of cache.keys()) if (!items.has(id)) cache.delete(id);
    return guard([order, items, ctx, expanded, report.reported], () =>
      repeat(
        order,
        (id) => id,
        (id, index) => {
          const item = items.get(id)!;
          // A card renders again only when what it shows changed: the same template result
          // otherwise (cheaper than a `guard` per card, whose directive a thousand cards pay
          // for on their first render).
          const deps = [
            item,
            ctx.t,
            ctx.carousel ? `${index}/${ctx.total}` : false,
            ctx.reportFor === id ? ctx : false,
            expanded.has(id),
            report.reported.has(id),
          ];
          const hit = cache.get(id);
          if (hit && hit.deps.every((d, i) => d === deps[i])) return hit.card;
          const reportOpen = ctx.reportFor === id;
          const card = renderCard(item, index, {
            t: ctx.t,
            carousel: ctx.carousel,
            total: ctx.total,
            expanded: expanded.has(id),
            reported: report.reported.has(id),
            reportOpen,
            report: reportOpen ? report.render(ctx.t, domId(id), ctx.t.wallReportTitle) : nothing,
            onReadMore: c.onReadMore,
            onReport: report.toggle,
          });
          cache.set(id, { deps, card });
          return card;
        },
      ),
    );
  }
}

/** The grid, masonry or list of cards. */
export const renderList = (cards: unknown): TemplateResult =>
  html`<div part="list" class="list">${cards}</div>`;

/**
 * The placeholder of the first page, laid out as the wall will be: the real header (its
 * summary kept invisible until the figures come) and share row, then as many cards as the
 * page holds (`count`) in the same grid, each as tall as a card not rendered yet
 * (`--cercle-wall-card-height`). The first row of cards starts where it will, and with a
 * full page the wall ends below the fold either way: nothing under it moves (CLS 0).
 */
export function renderSkeleton(
  t: Terms,
  count: number,
  header: TemplateResult,
  share: TemplateResult,
  carousel = false,
  policy: TemplateResult | typeof nothing = nothing,
): TemplateResult {
  const bones = html`<div
    class="list bone-cards ${carousel ? 'bone-track' : ''}"
    aria-hidden="true"
  >
    ${Array.from(
      { length: count },
      () =>
        html`<div class="bone-card">
          <div class="bone bone-avatar"></div>
          <div class="bone"></div>
          <div class="bone"></div>
          <div class="bone bone-short"></div>
        </div>`,
    )}
  </div>`;
  // The carousel's first frame: its controls' row, then one row of slides.
  return html`
    <div part="skeleton" class="skeleton">
      <span class="sr-only">${t.wallLoading}</span>
      ${header} ${share}
      ${
        carousel
          ? html`<div class="bone-carousel" aria-hidden="true">
              <div class="bone-controls"></div>
              ${bones}
            </div>`
          : bones
      }
      ${policy}
    </div>
  `;
}
