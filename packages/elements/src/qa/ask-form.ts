/**
 * What `<cercle-qa>` shows above the list: the ask form for members (field, counter,
 * "ask anonymously", why asking failed, the confirmation), or the call to join for visitors,
 * with the join card opened in place.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { QUESTION_MAX } from '@cercle/client/browser';
import { asCercleError, errorMessage, isUnauthorized } from '../internal/errors.js';
import { alertIcon, checkIcon, lockIcon } from '../internal/icons.js';
import type { JoinInPlace } from '../internal/join-in-place.js';
import type { Terms } from './item.js';

/** Characters left at which the counter is announced. */
const NEAR_LIMIT = [50, 20, 10, 0];

export interface AskView {
  length: number;
  busy: boolean;
  error: string | undefined;
  status: string | undefined;
}

export interface AskActions {
  onSubmit: (e: SubmitEvent) => void;
  onInput: (e: Event) => void;
}

/**
 * The threshold of `NEAR_LIMIT` to announce for a field of `length` characters, given the
 * last one announced (`Infinity`: none yet); `reset` when the field is far from the limit.
 */
export function nearLimit(
  length: number,
  announced: number,
): { announce: number | undefined; announced: number } {
  const left = QUESTION_MAX - length;
  if (left > NEAR_LIMIT[0]!) return { announce: undefined, announced: Infinity };
  const crossed = [...NEAR_LIMIT].reverse().find((n) => left <= n);
  return crossed !== undefined && crossed < announced
    ? { announce: crossed, announced: crossed }
    : { announce: undefined, announced };
}

/** A clear message for a refused action. */
export function actionMessage(error: unknown, action: 'vote' | 'ask' | 'report', t: Terms): string {
  const e = asCercleError(error);
  const seconds =
    e?.retryAfterMs === undefined ? undefined : Math.max(1, Math.ceil(e.retryAfterMs / 1000));
  if (e?.code === 'rate_limited') {
    return action === 'vote'
      ? t.voteRateLimited(seconds)
      : action === 'ask'
        ? t.askRateLimited(seconds)
        : t.errorRateLimited(seconds);
  }
  if (e?.code === 'conflict') return t.actionEnded;
  if (e?.code === 'forbidden' || isUnauthorized(error)) return t.membersOnly;
  if (e?.code === 'not_found') return t.sessionNotFound;
  return errorMessage(error, t);
}

export function renderAskForm(v: AskView, t: Terms, a: AskActions): TemplateResult {
  const left = QUESTION_MAX - v.length;
  const describedBy = ['ask-hint', 'ask-counter', v.error ? 'ask-error' : '']
    .filter(Boolean)
    .join(' ');
  return html`
    <form part="form" class="ask" novalidate @submit=${a.onSubmit}>
      <label part="label" class="label" for="ask">${t.askLabel}</label>
      <textarea
        part="textarea"
        class="textarea"
        id="ask"
        name="text"
        rows="3"
        maxlength=${QUESTION_MAX}
        aria-invalid=${v.error ? 'true' : 'false'}
        aria-describedby=${describedBy}
        @input=${a.onInput}
      ></textarea>
      <div class="ask-meta">
        <p part="hint" class="hint" id="ask-hint">${t.askHint}</p>
        <p
          part="counter"
          class="counter ${left <= NEAR_LIMIT[0]! ? 'counter-near' : ''}"
          id="ask-counter"
        >
          ${t.counter(v.length, QUESTION_MAX)}
        </p>
      </div>
      ${
        v.error
          ? html`<p part="form-error" class="form-error" id="ask-error">
              ${alertIcon()}<span>${v.error}</span>
            </p>`
          : nothing
      }
      <div class="ask-row">
        <div class="check">
          <input
            part="checkbox"
            class="checkbox"
            id="anonymous"
            name="anonymous"
            type="checkbox"
            aria-describedby="anonymous-hint"
          />
          <label class="check-label" for="anonymous">${t.askAnonymously}</label>
          <p part="hint" class="hint check-hint" id="anonymous-hint">${t.anonymousHint}</p>
        </div>
        <button
          part="button submit-button"
          class="button button-primary"
          type="submit"
          aria-disabled=${v.busy ? 'true' : 'false'}
        >
          ${v.busy ? html`<span class="spinner" aria-hidden="true"></span>${t.asking}` : t.ask}
        </button>
      </div>
      ${
        v.status
          ? html`<p part="form-status" class="form-status">
              ${checkIcon()}<span>${v.status}</span>
            </p>`
          : nothing
      }
    </form>
  `;
}

/** For visitors: why they cannot ask yet, and the join card opened in place. */
export function renderJoinCall(join: JoinInPlace, waitlisted: boolean, t: Terms): TemplateResult {
  return html`
    <div part="join-call" class="call" @keydown=${join.onKeydown}>
      <div class="call-row">
        <p class="call-text">
          ${lockIcon()}<span>${waitlisted ? t.waitlistCall : t.joinCall}</span>
        </p>
        ${join.renderToggle(t.joinToAsk)}
      </div>
      ${join.renderPanel(t.loading)}
    </div>
  `;
}
