/**
 * What `<cercle-wall>` shows around its cards: the header (title, average, count), the call
 * to share an experience with its panel (the join card for visitors, the form for members),
 * "Show more reviews" and the policy line. Render functions of the wall's state; the wall
 * owns the state and the handlers.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { OwnTestimonial, TestimonialAggregate } from '@cercle/client/browser';
import type { JoinInPlace } from '../internal/join-in-place.js';
import { checkIcon, externalIcon, lockIcon } from '../internal/icons.js';
import { busyLabel } from '../internal/problem.js';
import { stars, type Terms } from './card.js';
import type { FormContext } from './wall-form.js';
import type { MineContext } from './wall-mine.js';

/** The header; while `loading`, its summary holds the room of one, invisible. */
export function renderHeader(
  t: Terms,
  { count, average }: TestimonialAggregate,
  loading = false,
): TemplateResult {
  if (loading) {
    count = 10;
    average = 5;
  }
  return html`<div part="header" class="header">
    <h2 part="title" class="title" id="title" tabindex="-1">${t.wallEyebrow}</h2>
    ${
      count > 0
        ? html`<div
            class="summary ${loading ? 'ghost' : ''}"
            aria-hidden=${loading ? 'true' : nothing}
          >
            <p part="average" class="average">
              <span class="average-value">${t.wallAverage(average)}</span>
              ${stars(average, t.wallAverageLabel(average))}
            </p>
            <p part="count" class="count">${t.wallCount(count)}</p>
          </div>`
        : nothing
    }
  </div>`;
}

/** The share row's state and handlers. */
export interface ShareView {
  /** An active member (the form), else a visitor (the join card). */
  member: boolean;
  waitlisted: boolean;
  join: JoinInPlace;
  formOpen: boolean;
  /** The form's element is loaded. */
  formReady: boolean;
  formStatus: string | undefined;
  formCtx: FormContext | undefined;
  onShare: () => void;
  onKeydown: (e: KeyboardEvent) => void;
}

export function renderShare(t: Terms, s: ShareView): TemplateResult {
  const { member, join } = s;
  const open = member ? s.formOpen : join.open;
  return html`<div part="share" class="share" @keydown=${s.onKeydown}>
    <div class="call-row">
      ${
        member
          ? nothing
          : html`<p class="call-text">
              ${lockIcon()}<span>${s.waitlisted ? t.wallWaitlistCall : t.wallShareCall}</span>
            </p>`
      }
      <button
        part="button share-button"
        class="button button-primary"
        id="share"
        type="button"
        aria-expanded=${open ? 'true' : 'false'}
        aria-controls=${member ? 'form-panel' : 'join-panel'}
        @click=${s.onShare}
        @pointerenter=${member ? nothing : join.prefetch}
        @focus=${member ? nothing : join.prefetch}
      >
        ${t.wallShare}
      </button>
    </div>
    ${
      s.formStatus
        ? html`<p part="form-status" class="form-status" id="form-status" tabindex="-1">
            ${checkIcon()}<span>${s.formStatus}</span>
          </p>`
        : nothing
    }
    ${
      member
        ? html`<div class="form-panel" id="form-panel" ?hidden=${!s.formOpen}>
            ${
              s.formOpen && s.formReady
                ? html`<cercle-wall-form .t=${t} .ctx=${s.formCtx}></cercle-wall-form>`
                : s.formOpen
                  ? html`<p class="join-loading">${t.loading}</p>`
                  : nothing
            }
          </div>`
        : join.renderPanel(t.loading)
    }
  </div>`;
}

export function renderMore(t: Terms, busy: boolean, onClick: () => void): TemplateResult {
  return html`<div class="more">
    <button
      part="button more-button"
      class="button button-secondary"
      id="more"
      type="button"
      aria-disabled=${busy ? 'true' : 'false'}
      @click=${onClick}
    >
      ${busyLabel(busy, t.wallLoadMore, t.wallLoadingMore)}
    </button>
  </div>`;
}

export function renderPolicy(t: Terms, url: string | undefined): TemplateResult {
  return html`<p part="policy" class="policy">
    <span>${t.wallPolicy}</span>
    ${
      url
        ? html`<a class="link" href=${url} target="_blank" rel="noopener noreferrer"
            >${t.wallPolicyLink}<span class="sr-only"> ${t.opensInNewTab}</span>${externalIcon()}</a
          >`
        : nothing
    }
  </p>`;
}

/** The member's own testimonials (wall-mine.ts, loaded when they have some). */
export const renderMine = (
  t: Terms,
  items: readonly OwnTestimonial[],
  ctx: MineContext | undefined,
): TemplateResult =>
  html`<cercle-wall-mine .t=${t} .items=${items} .ctx=${ctx}></cercle-wall-mine>`;

/** The carousel of the cards (wall-carousel.ts, loaded with `layout="carousel"`). */
export const renderCarousel = (
  t: Terms,
  cards: () => unknown,
  o: { count: number; autoplay: boolean; delay: number; rotating: (on: boolean) => void },
): TemplateResult =>
  html`<cercle-wall-carousel
    .t=${t}
    .cards=${cards}
    .count=${o.count}
    .autoplay=${o.autoplay}
    .delay=${o.delay}
    .rotating=${o.rotating}
  ></cercle-wall-carousel>`;
