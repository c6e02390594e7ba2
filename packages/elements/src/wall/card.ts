/**
 * One testimonial card of `<cercle-wall>`, and the stars and legal labels the wall, its cards
 * and the member's own list share: render functions (no element of their own, so a thousand
 * cards cost a thousand template clones and nothing more).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Testimonial } from '@cercle/client/browser';
import type { CommonTerms } from '../locales/terms.js';
import { domId } from '../internal/dom-id.js';
import { checkIcon, personIcon } from '../internal/icons.js';
import { safeUrl } from '../internal/url.js';
import type { WallTerms } from './terms.js';

export type Terms = CommonTerms & WallTerms;

/** Longer texts are clamped behind "Read more". */
const CLAMP_CHARS = 280;

export const STAR =
  '12 2.5 14.9 8.6 21.5 9.4 16.6 13.9 17.9 20.5 12 17.3 6.1 20.5 7.4 13.9 2.5 9.4 9.1 8.6';
/** A star is drawn in a 24-unit square; five of them sit 2 units apart. */
const STAR_STEP = 26;
/** The five stars as one path (one element per row of stars, not five). */
const FIVE_STARS = [0, 1, 2, 3, 4]
  .map((i) => {
    const n = STAR.split(' ').map(Number);
    const xy = n.flatMap((v, k) => (k % 2 ? [] : [`${v + i * STAR_STEP} ${n[k + 1]}`]));
    return `M${xy.join('L')}Z`;
  })
  .join('');

/** How much of the five stars `halves` half-stars cover, in the path's units. */
const starsWidth = (halves: number): number =>
  Math.floor(Math.max(0, Math.min(10, halves)) / 2) * STAR_STEP + (halves % 2 ? 12 : 0);

/** Photos are shown from http(s) URLs, or from `data:image/` and `blob:` ones an adapter made. */
const imageUrl = (url: string): string | undefined =>
  /^(data:image\/|blob:)/i.test(url) ? url : safeUrl(url);

/** Two initials from a display name ("Camille Martin" → "CM"); none without a name. */
const initials = (name: string | null): string =>
  (name ?? '')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');

/**
 * Five stars, filled to `value` (halves rounded), with one text alternative for all: the
 * outlines, then the same path filled inside an inner `<svg>` as wide as the value (which
 * clips it).
 */
export function stars(value: number, label: string): TemplateResult {
  return html`<span part="stars" class="stars" role="img" aria-label=${label}
    ><svg class="stars-svg" viewBox="0 0 128 24" aria-hidden="true">
      <path class="star-back" d=${FIVE_STARS}></path>
      <svg class="star-fill" width=${starsWidth(Math.round(value * 2))} height="24">
        <path d=${FIVE_STARS}></path>
      </svg></svg
  ></span>`;
}

/** The legal labels of a testimonial, in the page's language (first in the card, not a part). */
export function renderLegal(item: Testimonial, t: Terms): TemplateResult | typeof nothing {
  const labels: string[] = [];
  if (item.disclosure !== 'none') labels.push(t.wallDisclosure(item.disclosure));
  for (const flag of item.imageFlags) labels.push(t.wallImageFlag(flag));
  return labels.length
    ? html`<p class="legal">${labels.map((l) => html`<span class="legal-item">${l}</span>`)}</p>`
    : nothing;
}

/** What a card shows besides its testimonial, and what its buttons do. */
export interface CardContext {
  t: Terms;
  carousel: boolean;
  total: number;
  expanded: boolean;
  reported: boolean;
  /** The report form under the card while open, else `nothing`. */
  report: TemplateResult | typeof nothing;
  reportOpen: boolean;
  onReadMore: (e: Event) => void;
  onReport: (e: Event) => void;
}

/**
 * One card. One flat template for what every card has (a nested template per piece costs a
 * clone each, times a thousand cards); only what some cards have is nested. Plain text goes
 * in by `.textContent` where an element holds nothing else: no marker comment, no part.
 */
export function renderCard(item: Testimonial, index: number, c: CardContext): TemplateResult {
  const t = c.t;
  const key = domId(item.id);
  const name = item.author.displayName;
  const verified = item.author.verified;
  const long = item.text.length > CLAMP_CHARS;
  const photo = item.photo ? imageUrl(item.photo.url) : undefined;
  return html`<div
    part="card"
    class="card ${c.expanded ? 'open' : ''}"
    id="card-${key}"
    data-id=${item.id}
    tabindex="-1"
    role=${c.carousel ? 'group' : 'article'}
    aria-roledescription=${ifDefined(c.carousel ? 'slide' : undefined)}
    aria-label=${ifDefined(c.carousel ? t.wallSlide(index + 1, c.total) : undefined)}
    aria-labelledby=${ifDefined(c.carousel ? undefined : `author-${key}`)}
  >
    <div class="inner">
      ${renderLegal(item, t)}
      <div class="body">
        <div class="byline">
          <span part="avatar" class="avatar" aria-hidden="true"
            >${initials(name) || personIcon()}</span
          >
          <div class="who">
            <p
              part="author"
              class="author"
              id="author-${key}"
              .textContent=${name ?? t.wallAMember}
            ></p>
            <p
              part="member-since"
              class="since"
              .textContent=${t.wallMemberSince(new Date(item.author.memberSince))}
            ></p>
          </div>
        </div>
        <p part="verified" class="verified ${verified ? '' : 'unverified'}">
          <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M5 12.5l4.5 4.5L19 7.5"></path></svg
          ><span
            ><strong>${verified ? t.wallVerified : t.wallNotVerified}</strong>${
              verified ? ` · ${t.wallVerifiedHow}` : ''
            }</span
          >
        </p>
        <span part="stars" class="stars" role="img" aria-label=${t.wallRated(item.rating)}
          ><svg class="stars-svg" viewBox="0 0 128 24" aria-hidden="true">
            <path class="star-back" d=${FIVE_STARS}></path>
            <svg class="star-fill" width=${starsWidth(Math.round(item.rating * 2))} height="24">
              <path d=${FIVE_STARS}></path>
            </svg></svg
        ></span>
        <p part="text" class="text ${long && !c.expanded ? 'clamped' : ''}" id="text-${key}">
          <span class="prose" .textContent=${item.text}></span>
        </p>
        ${
          long
            ? html`<button
                part="read-more-button"
                class="link-button"
                type="button"
                aria-expanded=${c.expanded ? 'true' : 'false'}
                aria-controls="text-${key}"
                @click=${c.onReadMore}
              >
                ${c.expanded ? t.wallReadLess : t.wallReadMore}
              </button>`
            : nothing
        }
        ${
          item.photo && photo
            ? html`<img
                part="photo"
                class="photo"
                src=${photo}
                width=${item.photo.width}
                height=${item.photo.height}
                alt=${item.photo.alt}
                loading="lazy"
                decoding="async"
              />`
            : nothing
        }
        <ul part="tags" class="tags" aria-label=${t.wallTags} ?hidden=${item.tags.length === 0}>
          ${item.tags.map((tag) => html`<li part="tag" class="tag" .textContent=${tag}></li>`)}
        </ul>
        <p part="dates" class="dates">
          <span ?hidden=${!item.experiencedAt}
            ><time
              datetime=${item.experiencedAt ?? ''}
              .textContent=${
                item.experiencedAt
                  ? t.wallExperienced(new Date(`${item.experiencedAt}T00:00:00Z`))
                  : ''
              }
            ></time
          ></span>
          <span ?hidden=${!item.publishedAt}
            ><time
              datetime=${item.publishedAt ?? ''}
              .textContent=${item.publishedAt ? t.wallPublished(new Date(item.publishedAt)) : ''}
            ></time
          ></span>
        </p>
        <button
          part="report-button"
          class="report-toggle"
          id="report-toggle-${key}"
          type="button"
          ?hidden=${c.reported}
          aria-expanded=${c.reportOpen ? 'true' : 'false'}
          aria-controls=${c.reportOpen ? `report-${key}` : nothing}
          @click=${c.onReport}
        >
          <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M5 21V4"></path>
            <path d="M5 4h11l-2 4 2 4H5"></path></svg
          ><span .textContent=${t.report}></span>
        </button>
        ${
          c.reported
            ? html`<p class="reported" id="reported-${key}" tabindex="-1">
                ${checkIcon()}<span>${t.reportThanks}</span>
              </p>`
            : c.report
        }
      </div>
    </div>
  </div>`;
}
