/**
 * The top of `<cercle-qa>`'s board and its quiet states: the session (eyebrow, title, state
 * badge, countdown, count), the connection notice, the empty board, the ended note and the
 * loading skeleton.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { LiveSession } from '@cercle/client/contract';
import {
  alertIcon,
  chatIcon,
  clockIcon,
  liveIcon,
  lockIcon,
  offlineIcon,
} from '../internal/icons.js';
import { errorMessage, hasCode } from '../internal/errors.js';
import type { BoardSnapshot } from './board.js';
import type { Terms } from './item.js';

export type View =
  'missing' | 'no-session' | 'no-api' | 'loading' | 'error' | 'not-found' | 'board';

/** What the widget shows: why it cannot work, the loading skeleton, or the board. */
export function viewOf(
  setupError: 'community' | 'session' | 'api' | undefined,
  s: BoardSnapshot | undefined,
): View {
  if (setupError === 'community') return 'missing';
  if (setupError === 'session') return 'no-session';
  if (setupError === 'api') return 'no-api';
  if (!s) return 'loading';
  if (s.phase === 'error') return hasCode(s.error, 'not_found') ? 'not-found' : 'error';
  if (s.phase !== 'complete' || !s.session) return 'loading';
  return 'board';
}

/** The message of a problem view, and whether a retry may help. */
export function problemOf(
  view: Exclude<View, 'loading' | 'board'>,
  s: BoardSnapshot | undefined,
  t: Terms,
): { message: string; retry: boolean } {
  switch (view) {
    case 'missing':
      return { message: t.errorMissingCommunity, retry: false };
    case 'no-session':
      return { message: t.errorMissingSession, retry: false };
    case 'no-api':
      return { message: t.errorNoApi, retry: false };
    case 'not-found':
      return { message: t.sessionNotFound, retry: false };
    case 'error':
      return { message: errorMessage(s?.error, t), retry: true };
  }
}

/**
 * The session. A `<div part="header">`, not a `<header>`: inside a widget it would become a
 * second banner landmark of the page.
 */
export function renderHeader(
  session: LiveSession,
  total: number,
  now: number,
  t: Terms,
): TemplateResult {
  const state = session.state;
  const startsAt = new Date(session.startsAt);
  return html`
    <div part="header" class="header">
      <p class="eyebrow">${liveIcon()}<span>${t.qaEyebrow}</span></p>
      <h2 part="title" class="title" id="title" tabindex="-1">${session.title}</h2>
      <p class="meta">
        <span part="badge" class="badge badge-${state}">
          ${state === 'live' ? html`<span class="live-dot" aria-hidden="true"></span>` : nothing}
          ${state === 'live' ? t.sessionLive : state === 'scheduled' ? t.sessionScheduled : t.sessionEnded}
        </span>
        ${
          state === 'scheduled'
            ? html`<span part="countdown" class="countdown"
                >${clockIcon()}<time datetime=${session.startsAt}
                  >${t.startsIn(startsAt.getTime() - now)}</time
                ><span class="starts-at">${t.startsAt(startsAt)}</span></span
              >`
            : nothing
        }
        <span class="count">${t.questionsCount(total)}</span>
      </p>
    </div>
  `;
}

/** Reconnecting, offline, or live updates stopped (with "Reconnect"), in a polite region. */
export function renderNotice(s: BoardSnapshot, t: Terms, onReconnect: () => void): TemplateResult {
  let notice: TemplateResult | typeof nothing = nothing;
  if (!s.online) {
    notice = html`<p part="notice" class="notice">${offlineIcon()}<span>${t.offline}</span></p>`;
  } else if (s.stream === 'reconnecting') {
    notice = html`<p part="notice" class="notice">
      <span class="spinner" aria-hidden="true"></span><span>${t.reconnecting}</span>
    </p>`;
  } else if (s.stream === 'closed') {
    notice = html`<p part="notice" class="notice">
      ${alertIcon()}<span>${t.streamClosed}</span>
      <button
        part="button reconnect-button"
        class="link-button"
        id="reconnect"
        type="button"
        @click=${onReconnect}
      >
        ${t.reconnect}
      </button>
    </p>`;
  }
  return html`<div class="notices" role="status" aria-live="polite">${notice}</div>`;
}

export const renderEnded = (t: Terms): TemplateResult =>
  html`<p part="ended" class="ended">${lockIcon()}<span>${t.endedNote}</span></p>`;

export const renderEmpty = (text: string): TemplateResult =>
  html`<div part="empty" class="empty">
    <span class="empty-icon">${chatIcon()}</span>
    <p class="empty-text">${text}</p>
  </div>`;

export function renderSkeleton(t: Terms): TemplateResult {
  return html`
    <div part="skeleton" class="skeleton">
      <span class="sr-only">${t.qaLoading}</span>
      <div class="bone bone-eyebrow"></div>
      <div class="bone bone-title"></div>
      <div class="bone bone-short"></div>
      <div class="bone bone-field"></div>
      ${[0, 1, 2].map(
        () =>
          html`<div class="bone-item">
            <div class="bone bone-vote"></div>
            <div class="bone-lines">
              <div class="bone"></div>
              <div class="bone bone-short"></div>
            </div>
          </div>`,
      )}
    </div>
  `;
}
