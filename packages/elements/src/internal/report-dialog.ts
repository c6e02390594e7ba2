/**
 * The report flow the widgets share (a question of the Q&A, a testimonial of the wall): each
 * item has a "Report" toggle that opens a small form under it (reason, optional details);
 * sending it calls `api.report` — with the member's token when there is one, and without it
 * when the backend refuses that token (anyone may report), under one idempotency key per
 * attempt — then the item says thanks, the live region announces it and the widget emits
 * `cercle-report`. Escape or "Cancel" closes the form and focus returns to the toggle.
 *
 * One `ReportDialog` per widget keeps which item is open, whether it is sending, why it
 * failed and which items were reported; the widget renders the toggle (its own markup) and
 * `render()` under the open item. Ids in the widget's shadow root, for an item id `id` and
 * `key = domId(id)`: `report-toggle-${key}` (the widget's toggle), `report-${key}` (the form),
 * `reason-${key}`, `details-${key}`, `reported-${key}` (the widget's thanks).
 */
import { css, html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import {
  REPORT_REASONS,
  type CercleApi,
  type ReportReason,
  type ReportTarget,
} from '@cercle/client/browser';
import { CercleReportEvent } from '../events/report.js';
import type { CommonTerms } from '../locales/terms.js';
import { domId } from './dom-id.js';
import { isUnauthorized } from './errors.js';
import { busyLabel, renderFormError } from './problem.js';
import { randomKey } from './url.js';

/** Where a report goes, now. */
export interface ReportContext {
  api: CercleApi;
  community: string;
  /** The member's token, sent when there is one. */
  token: string | undefined;
}

export interface ReportOptions {
  /** What the widget's items are. */
  kind: ReportTarget['kind'];
  /** Where to send a report; `undefined` while the widget has no backend or community. */
  context(): ReportContext | undefined;
  /** Forgets a token the backend refused. */
  forgetToken(token: string): void;
  /** The widget's terms now. */
  terms(): CommonTerms;
  /** What to say when sending failed. */
  message(error: unknown): string;
  /** Says it in the widget's live region. */
  announce(message: string): void;
  /** Moves focus (after the next render) to the element `selector` matches. */
  focus(selector: string): void;
  /** Also told when sending failed (e.g. to note a rate limit). */
  failed?(error: unknown): void;
}

/** The item id of a toggle's event: its closest `[data-id]`. */
const itemOf = (e: Event): string | undefined =>
  (e.currentTarget as HTMLElement).closest<HTMLElement>('[data-id]')?.dataset.id;

export class ReportDialog {
  /** The item whose form is open. */
  open: string | undefined;
  /** The open form is sending. */
  busy = false;
  /** Why sending failed, shown in the form. */
  error: string | undefined;
  /** Items reported from this widget (they say thanks instead of "Report"). */
  reported: ReadonlySet<string> = new Set();

  #host: ReactiveControllerHost & HTMLElement;
  #options: ReportOptions;
  /** Kept across retries of one report, so the backend records it once. */
  #key: string | undefined;

  constructor(host: ReactiveControllerHost & HTMLElement, options: ReportOptions) {
    this.#host = host;
    this.#options = options;
  }

  /** Forgets the open form (the widget was pointed at other content). */
  reset(): void {
    this.open = this.error = undefined;
    this.busy = false;
  }

  /** The toggle's click handler: opens the item's form, or closes it when open. */
  toggle = (e: Event): void => {
    const id = itemOf(e);
    if (!id) return;
    if (this.open === id) {
      this.close(true);
      return;
    }
    this.open = id;
    this.error = undefined;
    this.#key = undefined;
    this.#host.requestUpdate();
    this.#options.focus(`#reason-${domId(id)}`);
  };

  /** Closes the open form; focus goes back to its toggle when `returnFocus`. */
  close(returnFocus: boolean): void {
    const id = this.open;
    if (id === undefined) return;
    this.reset();
    this.#host.requestUpdate();
    if (returnFocus) this.#options.focus(`#report-toggle-${domId(id)}`);
  }

  #onKeydown = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    e.stopPropagation();
    this.close(true);
  };

  #onCancel = (): void => this.close(true);

  #onSubmit = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    const id = this.open;
    const to = this.#options.context();
    if (!id || !to || this.busy) return;
    const form = e.currentTarget as HTMLFormElement;
    const reason = form.querySelector<HTMLSelectElement>('select')!.value as ReportReason;
    const details = form.querySelector<HTMLTextAreaElement>('textarea')!.value.trim();
    this.busy = true;
    this.error = undefined;
    this.#host.requestUpdate();
    this.#key ??= randomKey();
    const { api, community, token } = to;
    const kind = this.#options.kind;
    const body = { target: { kind, id }, reason, ...(details ? { details } : {}) };
    try {
      try {
        await api.report(community, body, {
          idempotencyKey: this.#key,
          ...(token ? { token } : {}),
        });
      } catch (error) {
        // Anyone may report: a token the backend refuses is forgotten, the report sent without.
        if (!token || !isUnauthorized(error)) throw error;
        this.#options.forgetToken(token);
        await api.report(community, body, { idempotencyKey: randomKey() });
      }
      this.reset();
      this.#key = undefined;
      this.reported = new Set([...this.reported, id]);
      this.#host.requestUpdate();
      this.#options.announce(this.#options.terms().reportThanks);
      this.#host.dispatchEvent(
        new CercleReportEvent({ community, targetKind: kind, targetId: id, reason }),
      );
      this.#options.focus(`#reported-${domId(id)}`);
    } catch (error) {
      this.busy = false;
      this.error = this.#options.message(error);
      this.#host.requestUpdate();
      this.#options.announce(this.error);
      this.#options.failed?.(error);
    }
  };

  /** The form under the open item (`key` is `domId` of its id); `title` heads it. */
  render(t: CommonTerms, key: string, title: string): TemplateResult {
    return html`<form
      part="report-form"
      class="report"
      id="report-${key}"
      aria-labelledby="report-title-${key}"
      novalidate
      @submit=${this.#onSubmit}
      @keydown=${this.#onKeydown}
    >
      <p class="report-title" id="report-title-${key}">${title}</p>
      <div class="field">
        <label part="label" class="label" for="reason-${key}">${t.reportReason}</label>
        <select part="select" class="select" id="reason-${key}" name="reason">
          ${REPORT_REASONS.map((r) => html`<option value=${r}>${t.reportReasonLabel(r)}</option>`)}
        </select>
      </div>
      <div class="field">
        <label part="label" class="label" for="details-${key}"
          >${t.reportDetails} <span class="optional">(${t.optional})</span></label
        >
        <textarea
          part="textarea"
          class="textarea"
          id="details-${key}"
          name="details"
          rows="2"
          maxlength="1000"
        ></textarea>
      </div>
      ${this.error ? renderFormError(this.error) : nothing}
      <div class="actions">
        <button
          part="button send-button"
          class="button button-primary"
          type="submit"
          aria-disabled=${this.busy ? 'true' : 'false'}
        >
          ${busyLabel(this.busy, t.reportSend, t.reportSending)}
        </button>
        <button
          part="button cancel-button"
          class="button button-secondary"
          type="button"
          @click=${this.#onCancel}
        >
          ${t.cancel}
        </button>
      </div>
    </form>`;
  }
}

/**
 * The toggle, the thanks and the form, for the widgets that adopt it after `widgetStyles`
 * (the fields inside the form are the widget's own: `.field`, `.label`, `.select`…). Reads
 * the widget-level values `--_cercle-widget-color` and `--_cercle-widget-accent`.
 */
export const reportStyles = css`
  .report-toggle {
    display: inline-flex;
    align-items: center;
    gap: var(--_cercle-space-xs);
    padding: 0.125rem 0;
    font: inherit;
    font-size: var(--_cercle-font-size-small);
    color: var(--_cercle-color-text-muted);
    background: none;
    border: 0;
    border-radius: var(--_cercle-radius-small);
    cursor: pointer;
  }

  .report-toggle:hover,
  .report-toggle[aria-expanded='true'] {
    color: var(--_cercle-widget-color);
    text-decoration: underline;
    text-underline-offset: 0.2em;
  }

  .report-toggle .icon {
    inline-size: 0.95em;
    block-size: 0.95em;
  }

  .report-toggle[hidden] {
    display: none;
  }

  .reported {
    display: inline-flex;
    align-items: center;
    gap: var(--_cercle-space-xs);
    font-size: var(--_cercle-font-size-small);
    color: var(--_cercle-widget-accent);
  }

  .report {
    align-self: stretch;
    display: flex;
    flex-direction: column;
    gap: var(--_cercle-space-s);
    margin-block-start: var(--_cercle-space-xs);
    padding: var(--_cercle-space-m);
    background: var(--_cercle-color-surface-alt);
    border: 1px solid var(--_cercle-color-border);
    border-radius: var(--_cercle-radius-medium);
  }

  .report-title {
    font-weight: var(--_cercle-font-weight-strong);
  }
`;
