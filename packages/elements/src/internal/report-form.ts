/**
 * The report form (report-dialog.ts loads it on the first "Report"): reason, optional
 * details, send and cancel; sending calls `api.report` with the member's token when there is
 * one, and without it when the backend refuses that token (anyone may report), under one
 * idempotency key per report; Escape or "Cancel" closes it and focus returns to the toggle.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { REPORT_REASONS, type ReportReason } from '@cercle/client/browser';
import { CercleReportEvent } from '../events/report.js';
import type { CommonTerms } from '../locales/terms.js';
import { domId } from './dom-id.js';
import { isUnauthorized } from './errors.js';
import { busyLabel, renderFormError } from './problem.js';
import type { ReportDialog } from './report-dialog.js';
import { randomKey } from './url.js';

/** The handlers of one dialog's form, made once per dialog. */
const handlers = new WeakMap<ReportDialog, Handlers>();

interface Handlers {
  keydown: (e: KeyboardEvent) => void;
  cancel: () => void;
  submit: (e: SubmitEvent) => void;
}

function handlersOf(d: ReportDialog): Handlers {
  let h = handlers.get(d);
  if (!h) {
    h = {
      keydown: (e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault();
        e.stopPropagation();
        d.close(true);
      },
      cancel: () => d.close(true),
      submit: (e) => {
        e.preventDefault();
        void send(d, e.currentTarget as HTMLFormElement);
      },
    };
    handlers.set(d, h);
  }
  return h;
}

async function send(d: ReportDialog, form: HTMLFormElement): Promise<void> {
  const id = d.open;
  const to = d.options.context();
  if (!id || !to || d.busy) return;
  const reason = form.querySelector<HTMLSelectElement>('select')!.value as ReportReason;
  const details = form.querySelector<HTMLTextAreaElement>('textarea')!.value.trim();
  d.busy = true;
  d.error = undefined;
  d.host.requestUpdate();
  d.key ??= randomKey();
  const { api, community, token } = to;
  const kind = d.options.kind;
  const body = { target: { kind, id }, reason, ...(details ? { details } : {}) };
  try {
    try {
      await api.report(community, body, {
        idempotencyKey: d.key,
        ...(token ? { token } : {}),
      });
    } catch (error) {
      // Anyone may report: a token the backend refuses is forgotten, the report sent without.
      if (!token || !isUnauthorized(error)) throw error;
      d.options.forgetToken(token);
      await api.report(community, body, { idempotencyKey: randomKey() });
    }
    d.reset();
    d.key = undefined;
    d.reported = new Set([...d.reported, id]);
    d.host.requestUpdate();
    d.options.announce(d.options.terms().reportThanks);
    d.host.dispatchEvent(
      new CercleReportEvent({ community, targetKind: kind, targetId: id, reason }),
    );
    d.options.focus(`#reported-${domId(id)}`);
  } catch (error) {
    d.busy = false;
    d.error = d.options.message(error);
    d.host.requestUpdate();
    d.options.announce(d.error);
    d.options.failed?.(error);
  }
}

/** The form under the open item of `d` (`key` is `domId` of its id); `title` heads it. */
export function renderReportForm(
  d: ReportDialog,
  t: CommonTerms,
  key: string,
  title: string,
): TemplateResult {
  const h = handlersOf(d);
  return html`<form
    part="report-form"
    class="report"
    id="report-${key}"
    aria-labelledby="report-title-${key}"
    novalidate
    @submit=${h.submit}
    @keydown=${h.keydown}
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
    ${d.error ? renderFormError(d.error) : nothing}
    <div class="actions">
      <button
        part="button send-button"
        class="button button-primary"
        type="submit"
        aria-disabled=${d.busy ? 'true' : 'false'}
      >
        ${busyLabel(d.busy, t.reportSend, t.reportSending)}
      </button>
      <button
        part="button cancel-button"
        class="button button-secondary"
        type="button"
        @click=${h.cancel}
      >
        ${t.cancel}
      </button>
    </div>
  </form>`;
}

/** The form's own rules (its fields are the widget's: `.field`, `.label`, `.select`…). */
export const reportFormStyles = css`
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
