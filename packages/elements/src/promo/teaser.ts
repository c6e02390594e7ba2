/**
 * The public side of `<cercle-promo>`: the teaser (the disclosure label, title, benefit,
 * conditions, countdown), its loading placeholder, the lock a visitor or a waitlisted member
 * sees instead of the code, and the notices that say why there is no code.
 */
import { html, nothing, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import type { OfferTeaser } from '@cercle/client/contract';
import type { JoinInPlace } from '../internal/join-in-place.js';
import { clockIcon, lockIcon } from '../internal/icons.js';
import type { CommonTerms } from '../locales/terms.js';
import type { PromoTerms } from './terms.js';

export type Terms = CommonTerms & PromoTerms;

/** An icon of this widget (24 × 24, stroked like `internal/icons.ts`). */
export const glyph = (paths: SVGTemplateResult): TemplateResult =>
  html`<svg
    class="icon"
    viewBox="0 0 24 24"
    fill="none"
    stroke="currentColor"
    stroke-width="2"
    stroke-linecap="round"
    stroke-linejoin="round"
    aria-hidden="true"
    focusable="false"
  >
    ${paths}
  </svg>`;

export const tagIcon = (): TemplateResult =>
  glyph(
    svg`<path d="M3.5 12.6V4.5a1 1 0 0 1 1-1h8.1a1 1 0 0 1 .7.3l7.2 7.2a1 1 0 0 1 0 1.4l-8.1 8.1a1 1 0 0 1-1.4 0l-7.2-7.2a1 1 0 0 1-.3-.7z"></path><circle cx="8" cy="8" r="1.5"></circle>`,
  );

/** A bone shaped like `text`: one bar per line it takes, so it wraps as the text will. */
const boneText = (text: string): TemplateResult =>
  html`<span class="bone bone-inline">${text}</span>`;

/**
 * The placeholder while the offer loads: the teaser's layout with the same classes, a bone
 * one line box tall for each line the loaded card takes (the benefit and the conditions
 * keep at least two lines, see promo.styles.ts), and what is known before the offer (the
 * lock, its wording and the join button for a visitor; the reveal button for a member) with
 * the real text under its bones, so the card takes its place without moving anything.
 */
export const renderSkeleton = (
  t: Terms,
  access: 'visitor' | 'waitlisted' | 'member',
): TemplateResult =>
  html`<div part="skeleton" class="skeleton">
    <span class="sr-only">${t.promoLoading}</span>
    <div class="disclosure bone" aria-hidden="true">${t.promoDisclosure('publicite')}</div>
    <div class="header" aria-hidden="true">
      <p class="eyebrow"><span class="bone bone-text bone-eyebrow"></span></p>
      <div class="title"><div class="bone bone-text bone-title"></div></div>
    </div>
    <div class="benefit" aria-hidden="true">
      <div class="bone bone-text"></div>
      <div class="bone bone-text bone-short"></div>
    </div>
    <div class="conditions" aria-hidden="true">
      <div class="bone bone-text"></div>
      <div class="bone bone-text bone-short"></div>
    </div>
    <p class="countdown" aria-hidden="true"><span class="bone bone-text bone-countdown"></span></p>
    <div class="action" aria-hidden="true">
      ${
        access === 'member'
          ? html`<span class="button bone bone-button">${t.promoReveal}</span>`
          : html`<div class="call">
              <p class="placeholder">${lockIcon()}<span class="placeholder-dots">••••••••</span></p>
              <div class="call-row">
                <p class="lock-text">
                  ${boneText(access === 'waitlisted' ? t.promoWaitlisted : t.promoLocked)}
                </p>
                ${
                  access === 'waitlisted'
                    ? nothing
                    : html`<span class="button bone bone-button">${t.promoJoin}</span>`
                }
              </div>
            </div>`
      }
    </div>
  </div>`;

/**
 * The teaser, and `action` under it (the lock, the code, a notice). The disclosure comes
 * first, before the title: the page cannot hide it (see promo.styles.ts).
 */
export function renderTeaser(
  teaser: OfferTeaser,
  t: Terms,
  ended: boolean,
  now: number,
  action: TemplateResult,
): TemplateResult {
  const expiresAt = new Date(teaser.expiresAt);
  return html`
    <p class="disclosure">${t.promoDisclosure(teaser.disclosure)}</p>
    <div part="header" class="header">
      <p class="eyebrow">${tagIcon()}<span>${t.promoEyebrow}</span></p>
      <h2 part="title" class="title" id="title" tabindex="-1">${teaser.title}</h2>
    </div>
    <p part="benefit" class="benefit">${teaser.benefit}</p>
    ${teaser.conditions ? html`<p part="conditions" class="conditions">${teaser.conditions}</p>` : nothing}
    ${
      ended
        ? nothing
        : html`<p part="countdown" class="countdown">
            ${clockIcon()}<time datetime=${teaser.expiresAt}
              >${t.promoEndsIn(expiresAt.getTime() - now)}</time
            ><span class="sr-only">(${t.promoEndsAt(expiresAt)})</span>
          </p>`
    }
    <div class="action">${action}</div>
  `;
}

/** Why there is no code (ended, claimed, paused, too many tries). */
export const renderNotice = (icon: TemplateResult, message: string, hint?: string) =>
  html`<div part="notice" class="notice">
    ${icon}
    <p class="notice-text">
      <span class="notice-message">${message}</span>
      ${hint ? html`<span class="notice-hint">${hint}</span>` : nothing}
    </p>
  </div>`;

/** What a visitor (join in place) or a waitlisted member (wait) sees instead of the code. */
export function renderLock(waitlisted: boolean, join: JoinInPlace, t: Terms): TemplateResult {
  return html`
    <div part="lock" class="call" @keydown=${join.onKeydown}>
      <p class="placeholder" aria-hidden="true">
        ${lockIcon()}<span class="placeholder-dots">••••••••</span>
      </p>
      <div class="call-row">
        <p class="lock-text">${waitlisted ? t.promoWaitlisted : t.promoLocked}</p>
        ${waitlisted ? nothing : join.renderToggle(t.promoJoin)}
      </div>
      ${join.renderPanel(t.loading)}
    </div>
  `;
}
