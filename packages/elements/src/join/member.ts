/**
 * What a member sees in `<cercle-join>`: the welcome and their invites (or their place on the
 * waitlist), and leaving, which asks for a confirmation first. Rendered by the element, which
 * owns the state.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Community, Me } from '@cercle/client/browser';
import { errorMessage } from '../internal/errors.js';
import { alertIcon, checkIcon, clockIcon, externalIcon } from '../internal/icons.js';
import { busyLabel } from '../internal/problem.js';
import { safeUrl } from '../internal/url.js';
import type { Terms } from './terms.js';

export interface MemberView {
  community: Community;
  me: Me;
  t: Terms;
  /** The member is being (re)loaded: their invites are on their way. */
  loading: boolean;
  meError: unknown;
  confirming: boolean;
  leaveError: unknown;
  busy: boolean;
  onRetry: () => void;
  onAskLeave: () => void;
  onCancelLeave: () => void;
  onLeave: () => void;
}

const statusTitle = (icon: TemplateResult, text: string): TemplateResult =>
  html`<p class="status-title" id="status-title" tabindex="-1" data-autofocus>
    <span class="status-icon">${icon}</span>${text}
  </p>`;

function renderInvites(v: MemberView): TemplateResult {
  const { t } = v;
  const invites = v.me.invites.flatMap((i) => {
    const url = safeUrl(i.url);
    return url ? [{ ...i, url }] : [];
  });
  if (v.loading && invites.length === 0) {
    return html`<div class="invites-loading">
      <span class="sr-only">${t.invitesLoading}</span>
      <div class="bone bone-invite"></div>
      <div class="bone bone-invite"></div>
    </div>`;
  }
  if (v.meError) {
    return html`<p class="form-error">${alertIcon()}<span>${errorMessage(v.meError, t)}</span></p>
      <button
        part="button retry-button"
        class="button button-secondary"
        id="retry"
        type="button"
        @click=${v.onRetry}
      >
        ${t.retry}
      </button>`;
  }
  if (invites.length === 0) return html`<p class="status-text">${t.noInvites}</p>`;
  return html`<ul part="invites" class="invites">
    ${invites.map(
      (i) =>
        html`<li>
          <a part="invite" class="invite" href=${i.url} target="_blank" rel="noopener noreferrer">
            <span class="invite-text">
              <span class="invite-label">${i.label}</span>
              <span class="invite-kind">${t.inviteKind(i.kind)}</span>
            </span>
            <span class="sr-only">${t.opensInNewTab}</span>
            ${externalIcon()}
          </a>
        </li>`,
    )}
  </ul>`;
}

/** An active member: welcome, invites, leave. */
export const renderJoined = (v: MemberView): TemplateResult => html`
  <div part="status" class="status">
    ${statusTitle(checkIcon(), v.t.welcome(v.me.member.displayName))}
    <p class="status-text">${v.t.joinedIntro(v.community.name)}</p>
    ${renderInvites(v)} ${renderLeave(v, v.t.leave)}
  </div>
`;

/** A member on the waitlist: their place, leave the waitlist. */
export const renderWaitlisted = (v: MemberView): TemplateResult => html`
  <div part="status" class="status">
    ${statusTitle(clockIcon(), v.t.waitlisted(v.me.member.waitlistPosition))}
    <p class="status-text">${v.t.waitlistedHint}</p>
    ${renderLeave(v, v.t.leaveWaitlist)}
  </div>
`;

function renderLeave(v: MemberView, label: string): TemplateResult {
  const { t } = v;
  if (!v.confirming) {
    return html`<button
      part="leave-button"
      class="leave"
      id="leave"
      type="button"
      @click=${v.onAskLeave}
    >
      ${label}
    </button>`;
  }
  return html`
    <div part="confirm" class="confirm" role="group" aria-labelledby="confirm-text">
      <p class="confirm-text" id="confirm-text">${t.leaveConfirm(v.community.name)}</p>
      ${
        v.leaveError
          ? html`<p class="form-error">
              ${alertIcon()}<span>${errorMessage(v.leaveError, t)}</span>
            </p>`
          : nothing
      }
      <div class="actions">
        <button
          part="button confirm-button"
          class="button button-danger"
          id="confirm-leave"
          type="button"
          aria-disabled=${v.busy ? 'true' : 'false'}
          @click=${v.onLeave}
        >
          ${busyLabel(v.busy, t.leaveConfirmButton, t.leaving)}
        </button>
        <button
          part="button cancel-button"
          class="button button-secondary"
          id="cancel"
          type="button"
          @click=${v.onCancelLeave}
        >
          ${t.cancel}
        </button>
      </div>
    </div>
  `;
}
