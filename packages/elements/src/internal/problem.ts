/**
 * The error block every widget shows (an icon, the message, and a retry button when useful),
 * and the smaller pieces of the forms: why sending failed, a sending button's label.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { alertIcon } from './icons.js';

export interface ProblemRetry {
  /** The button's text ("Try again"). */
  label: string;
  /** A retry is running: the button shows a spinner and is aria-disabled. */
  busy: boolean;
  onClick: () => void;
}

/**
 * Renders `.problem` (styled by `widgetStyles`). The message has id `problem` and the button
 * id `retry`, so a widget can move focus there; `data-autofocus` marks the button as the
 * first thing to focus when the widget sits in a popover.
 */
export function renderProblem(message: string, retry?: ProblemRetry): TemplateResult {
  return html`
    <div part="error" class="problem">
      <span class="problem-icon">${alertIcon()}</span>
      <p class="problem-message" id="problem">${message}</p>
      ${
        retry
          ? html`<button
              part="button retry-button"
              class="button button-secondary"
              id="retry"
              type="button"
              data-autofocus
              aria-disabled=${retry.busy ? 'true' : 'false'}
              aria-describedby="problem"
              @click=${retry.onClick}
            >
              ${retry.busy ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}
              ${retry.label}
            </button>`
          : nothing
      }
    </div>
  `;
}

/** Why sending a form failed (`.form-error`, styled by each widget). */
export const renderFormError = (message: string): TemplateResult =>
  html`<p part="form-error" class="form-error">${alertIcon()}<span>${message}</span></p>`;

/** A button's label: `text`, or a spinner and `busyText` while what it does runs. */
export const busyLabel = (
  busy: boolean,
  text: string,
  busyText: string,
): TemplateResult | string =>
  busy ? html`<span class="spinner" aria-hidden="true"></span>${busyText}` : text;
