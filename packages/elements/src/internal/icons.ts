/** Small decorative icons (24×24, stroke `currentColor`), hidden from assistive technology. */
import { html, svg, type SVGTemplateResult, type TemplateResult } from 'lit';

const icon = (paths: SVGTemplateResult): TemplateResult =>
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

export const circleIcon = (): TemplateResult =>
  icon(svg`<circle cx="12" cy="12" r="9"></circle><circle cx="12" cy="12" r="3.5"></circle>`);

export const peopleIcon = (): TemplateResult =>
  icon(
    svg`<path d="M16 20v-1.5a3.5 3.5 0 0 0-3.5-3.5h-5A3.5 3.5 0 0 0 4 18.5V20"></path>
      <circle cx="10" cy="8" r="3.5"></circle>
      <path d="M20 20v-1.5a3.5 3.5 0 0 0-2.6-3.4"></path>
      <path d="M15.5 4.6a3.5 3.5 0 0 1 0 6.8"></path>`,
  );

export const checkIcon = (): TemplateResult => icon(svg`<path d="M5 12.5l4.5 4.5L19 7.5"></path>`);

export const clockIcon = (): TemplateResult =>
  icon(svg`<circle cx="12" cy="12" r="9"></circle><path d="M12 7v5l3 2"></path>`);

export const alertIcon = (): TemplateResult =>
  icon(
    svg`<circle cx="12" cy="12" r="9"></circle><path d="M12 7.5v5"></path><path d="M12 16.2v.1"></path>`,
  );

export const lockIcon = (): TemplateResult =>
  icon(
    svg`<rect x="5" y="10.5" width="14" height="9.5" rx="2"></rect><path d="M8.5 10.5V7.5a3.5 3.5 0 0 1 7 0v3"></path>`,
  );

export const externalIcon = (): TemplateResult =>
  icon(
    svg`<path d="M14 5h5v5"></path><path d="M19 5l-8 8"></path><path d="M17 14v4a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1h4"></path>`,
  );

export const closeIcon = (): TemplateResult =>
  icon(svg`<path d="M6 6l12 12"></path><path d="M18 6L6 18"></path>`);
