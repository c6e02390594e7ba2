/**
 * The top of the join card (the community at a glance: name, tagline, member count, places
 * left, the capacity bar), its loading placeholder, and the message of a full circle.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Community } from '@cercle/client/browser';
import { circleIcon, lockIcon, peopleIcon } from '../internal/icons.js';
import type { Terms } from './terms.js';

/**
 * The community. A `<div>`, not a `<header>`: inside the widget's shadow root a `<header>`
 * would be one more banner landmark on the page.
 */
export function renderHeader(c: Community, t: Terms): TemplateResult {
  const placesLeft = c.capacity === null ? undefined : Math.max(0, c.capacity - c.memberCount);
  return html`
    <div part="header" class="header">
      <p class="eyebrow">${circleIcon()}<span>${t.community}</span></p>
      <h2 part="title" class="title" id="title" tabindex="-1">${c.name}</h2>
      ${c.tagline ? html`<p part="tagline" class="tagline">${c.tagline}</p>` : nothing}
      <p part="stats" class="stats">
        <span class="stat">${peopleIcon()}<span>${t.membersCount(c.memberCount)}</span></span>
        ${
          placesLeft === undefined
            ? nothing
            : html`<span class="stat stat-places"
                >${c.joinState === 'waitlist' ? t.waitlistOpen : t.placesLeft(placesLeft)}</span
              >`
        }
      </p>
      ${
        c.capacity === null
          ? nothing
          : html`<div part="meter" class="meter" aria-hidden="true">
              <div class="meter-fill"></div>
            </div>`
      }
    </div>
  `;
}

/**
 * The loading placeholder: the shape of the card it stands for (header, two fields with their
 * label and hint, the consent, the button), bone for bone, so nothing moves when it loads.
 */
export const renderSkeleton = (t: Terms): TemplateResult => html`
  <div part="skeleton" class="skeleton">
    <span class="sr-only">${t.loading}</span>
    <div class="bone-head">
      <div class="bone bone-text bone-small bone-eyebrow"></div>
      <div class="bone bone-text bone-title"></div>
      <div class="bone bone-text"></div>
      <div class="bone bone-text bone-short"></div>
      <div class="bone bone-text bone-small bone-stats"></div>
      <div class="bone bone-meter"></div>
    </div>
    <div class="bone-form">
      ${[0, 1].map(
        () =>
          html`<div class="bone-field-group">
            <div class="bone bone-text bone-small bone-label"></div>
            <div class="bone bone-field"></div>
            <div class="bone bone-text bone-small bone-hint"></div>
          </div>`,
      )}
      <div class="bone bone-small bone-consent"></div>
      <div class="bone bone-button"></div>
    </div>
  </div>
`;

export const renderFull = (t: Terms): TemplateResult => html`
  <div part="status" class="status">
    <p class="status-title" id="status-title" tabindex="-1" data-autofocus>
      <span class="status-icon status-icon-muted">${lockIcon()}</span>${t.full}
    </p>
  </div>
`;
