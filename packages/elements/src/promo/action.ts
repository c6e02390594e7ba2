/**
 * What `<cercle-promo>` shows under the teaser: why there is no code (the offer ended, every
 * code is claimed, it is paused, too many tries), the lock for visitors and waitlisted
 * members, the reveal button for members, then their code.
 */
import { html, type TemplateResult } from 'lit';
import type { OfferReveal, OfferTeaser } from '@cercle/client/contract';
import { errorMessage } from '../internal/errors.js';
import { alertIcon, clockIcon } from '../internal/icons.js';
import type { JoinInPlace } from '../internal/join-in-place.js';
import { busyLabel, renderProblem } from '../internal/problem.js';
import { renderCode, type CodeView } from './code.js';
import { renderLock, renderNotice, tagIcon, type Terms } from './teaser.js';

export interface ActionView extends Omit<CodeView, 'reveal'> {
  teaser: OfferTeaser;
  t: Terms;
  ended: boolean;
  reveal: OfferReveal | undefined;
  access: 'visitor' | 'waitlisted' | 'member';
  join: JoinInPlace;
  /** Too many tries: the seconds left to wait (`undefined`: not waiting). */
  waitSeconds: number | undefined;
  revealBusy: boolean;
  revealError: unknown;
  onReveal: () => void;
  onRetryReveal: () => void;
}

export function renderAction(v: ActionView): TemplateResult {
  const { teaser, t } = v;
  if (v.ended) return renderNotice(clockIcon(), t.promoExpired(new Date(teaser.expiresAt)));
  if (v.reveal) return renderCode({ ...v, reveal: v.reveal });
  if (teaser.status === 'exhausted' && !teaser.revealedByMe) {
    return renderNotice(alertIcon(), t.promoExhausted, t.promoExhaustedHint);
  }
  if (teaser.status === 'paused' && !teaser.revealedByMe) {
    return renderNotice(clockIcon(), t.promoPaused, t.promoPausedHint);
  }
  if (v.access !== 'member') return renderLock(v.access === 'waitlisted', v.join, t);
  if (v.waitSeconds !== undefined) {
    return renderNotice(alertIcon(), t.promoRateLimited(v.waitSeconds));
  }
  if (v.revealError !== undefined) {
    return renderProblem(errorMessage(v.revealError, t), {
      label: t.retry,
      busy: v.revealBusy,
      onClick: v.onRetryReveal,
    });
  }
  const busy = v.revealBusy || teaser.revealedByMe;
  return html`<button
    part="button reveal-button"
    class="button button-primary reveal"
    id="reveal"
    type="button"
    aria-disabled=${busy ? 'true' : 'false'}
    @click=${v.onReveal}
  >
    ${busy ? busyLabel(true, '', t.promoRevealing) : html`${tagIcon()}${t.promoReveal}`}
  </button>`;
}
