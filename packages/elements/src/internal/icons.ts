/**
 * Small decorative icons (24×24, stroke `currentColor`), hidden from assistive technology.
 * Each is one flat template (no nested part), a function so that a widget's bundle keeps only
 * the icons it uses (a top-level `html` call is kept even when unused): lit caches a
 * template by its strings, so a card that shows two icons costs two template clones. The
 * stroke and fill come from the `.icon` rule of the shared widget styles
 * (internal/widget.styles.ts).
 */
import { html, type TemplateResult } from 'lit';

export const circleIcon = (): TemplateResult =>
  html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
    <circle cx="12" cy="12" r="9"></circle>
    <circle cx="12" cy="12" r="3.5"></circle>
  </svg>`;

export const peopleIcon = (): TemplateResult =>
  html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
    <path d="M16 20v-1.5a3.5 3.5 0 0 0-3.5-3.5h-5A3.5 3.5 0 0 0 4 18.5V20"></path>
    <circle cx="10" cy="8" r="3.5"></circle>
    <path d="M20 20v-1.5a3.5 3.5 0 0 0-2.6-3.4"></path>
    <path d="M15.5 4.6a3.5 3.5 0 0 1 0 6.8"></path>
  </svg>`;

export const personIcon = (): TemplateResult =>
  html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
    <circle cx="12" cy="8" r="3.5"></circle>
    <path d="M5.5 19.5v-1a5 5 0 0 1 5-5h3a5 5 0 0 1 5 5v1"></path>
  </svg>`;

export const checkIcon = (): TemplateResult =>
  html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
    <path d="M5 12.5l4.5 4.5L19 7.5"></path>
  </svg>`;

export const clockIcon = (): TemplateResult =>
  html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
    <circle cx="12" cy="12" r="9"></circle>
    <path d="M12 7v5l3 2"></path>
  </svg>`;

export const alertIcon = (): TemplateResult =>
  html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
    <circle cx="12" cy="12" r="9"></circle>
    <path d="M12 7.5v5"></path>
    <path d="M12 16.2v.1"></path>
  </svg>`;

export const lockIcon = (): TemplateResult =>
  html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
    <rect x="5" y="10.5" width="14" height="9.5" rx="2"></rect>
    <path d="M8.5 10.5V7.5a3.5 3.5 0 0 1 7 0v3"></path>
  </svg>`;

export const externalIcon = (): TemplateResult =>
  html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
    <path d="M14 5h5v5"></path>
    <path d="M19 5l-8 8"></path>
    <path d="M17 14v4a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1h4"></path>
  </svg>`;

export const closeIcon = (): TemplateResult =>
  html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
    <path d="M6 6l12 12"></path>
    <path d="M18 6L6 18"></path>
  </svg>`;

export const voteIcon = (): TemplateResult =>
  html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
    <path d="M12 5l7 8h-4.5v6h-5v-6H5z"></path>
  </svg>`;

export const flagIcon = (): TemplateResult =>
  html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
    <path d="M5 21V4"></path>
    <path d="M5 4h11l-2 4 2 4H5"></path>
  </svg>`;

export const pinIcon = (): TemplateResult =>
  html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
    <path d="M9 4h6l-1 5 3 3v2H7v-2l3-3z"></path>
    <path d="M12 14v6"></path>
  </svg>`;

export const chatIcon = (): TemplateResult =>
  html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
    <path
      d="M5 5h14a1 1 0 0 1 1 1v9a1 1 0 0 1-1 1h-7l-4 3.5V16H5a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1z"
    ></path>
    <path d="M8.5 9.5h7"></path>
    <path d="M8.5 12.5h4"></path>
  </svg>`;

export const liveIcon = (): TemplateResult =>
  html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
    <circle cx="12" cy="12" r="2.5"></circle>
    <path d="M7.8 7.8a6 6 0 0 0 0 8.4"></path>
    <path d="M16.2 7.8a6 6 0 0 1 0 8.4"></path>
    <path d="M5 5a10 10 0 0 0 0 14"></path>
    <path d="M19 5a10 10 0 0 1 0 14"></path>
  </svg>`;

export const arrowUpIcon = (): TemplateResult =>
  html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
    <path d="M12 19V5"></path>
    <path d="M6 11l6-6 6 6"></path>
  </svg>`;

export const offlineIcon = (): TemplateResult =>
  html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
    <path d="M3 3l18 18"></path>
    <path d="M8.5 16.4a5 5 0 0 1 7 0"></path>
    <path d="M5 12.9a10 10 0 0 1 4.2-2.4"></path>
    <path d="M14.8 10.5A10 10 0 0 1 19 12.9"></path>
    <path d="M12 20h.01"></path>
  </svg>`;
