/**
 * One question of `<cercle-qa>`'s list: its vote button, text, byline, the host's answer,
 * why a vote failed, and "Report" (with the report form under it while open).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Question } from '@cercle/client/contract';
import type { CommonTerms } from '../locales/terms.js';
import { domId } from '../internal/dom-id.js';
import { alertIcon, checkIcon, flagIcon, pinIcon, voteIcon } from '../internal/icons.js';
import type { QaTerms } from './terms.js';
import type { Control } from './motion.js';

export type Terms = CommonTerms & QaTerms;

/** What every question's template reads besides the question; one object while unchanged. */
export interface ItemContext {
  t: Terms;
  member: boolean;
  ended: boolean;
  voting: ReadonlySet<string>;
  reportFor: string | undefined;
  reportBusy: boolean;
  reportError: string | undefined;
  reported: ReadonlySet<string>;
  voteError: { id: string; message: string } | undefined;
  /** The question that holds the list's one tab stop, and which of its controls. */
  stopId: string | undefined;
  stopControl: Control | undefined;
}

/** What an item does on a click; the same functions for every item. */
export interface ItemActions {
  onVote: (e: Event) => void;
  onReport: (e: Event) => void;
  /** The report form under the open item (`key`: `domId` of its id). */
  renderReport: (t: Terms, key: string) => TemplateResult | typeof nothing;
}

/** The values an item's template depends on: it re-renders only when one changes. */
export const itemDeps = (q: Question, c: ItemContext): unknown[] => [
  q,
  c.t,
  c.member,
  c.ended,
  c.voting.has(q.id),
  c.reportFor === q.id ? c : false,
  c.reported.has(q.id),
  c.voteError?.id === q.id ? c.voteError : undefined,
  c.stopId === q.id ? c.stopControl : undefined,
];

export function renderItem(q: Question, c: ItemContext, a: ItemActions): TemplateResult {
  const t = c.t;
  const key = domId(q.id);
  const answered = q.state === 'answered';
  const reportOpen = c.reportFor === q.id;
  const reported = c.reported.has(q.id);
  const error = c.voteError?.id === q.id ? c.voteError.message : undefined;
  // The list's one tab stop: this question's wanted control if it has it, else its first.
  const controls: Control[] = [
    ...(c.ended ? [] : ['vote' as const]),
    ...(reported ? [] : ['report' as const]),
  ];
  const stop =
    c.stopId === q.id
      ? controls.includes(c.stopControl!)
        ? c.stopControl
        : controls[0]
      : undefined;
  return html`<li
    part="item"
    class="item ${q.pinned ? 'item-pinned' : ''} ${answered ? 'item-answered' : ''}"
    data-id=${q.id}
  >
    <button
      part="vote-button"
      class="vote"
      type="button"
      data-focus="vote"
      tabindex=${stop === 'vote' ? '0' : '-1'}
      aria-pressed=${q.votedByMe ? 'true' : 'false'}
      aria-label=${t.voteLabel(q.votes)}
      aria-describedby="text-${key}"
      aria-disabled=${c.voting.has(q.id) ? 'true' : 'false'}
      ?disabled=${c.ended}
      @click=${a.onVote}
    >
      ${voteIcon()}<span part="vote-count" class="vote-count">${t.voteCount(q.votes)}</span>
    </button>
    <div class="item-body">
      ${
        q.pinned || answered
          ? html`<p class="badges">
              ${q.pinned ? html`<span part="item-badge" class="item-badge badge-pinned">${pinIcon()}${t.pinned}</span>` : nothing}
              ${answered ? html`<span part="item-badge" class="item-badge badge-answered">${checkIcon()}${t.answered}</span>` : nothing}
            </p>`
          : nothing
      }
      <p part="text" class="text" id="text-${key}">${q.text}</p>
      <p part="byline" class="byline">
        <span part="author" class="author">${q.author ?? t.anonymous}</span>
        ${q.mine ? html`<span class="mine">(${t.you})</span>` : nothing}
        <span aria-hidden="true">·</span>
        <time datetime=${q.createdAt}>${t.askedAt(new Date(q.createdAt))}</time>
      </p>
      ${
        q.answer
          ? html`<div part="answer" class="answer">
              <p class="answer-label">${t.hostAnswer}</p>
              <p class="answer-text">${q.answer.text}</p>
            </div>`
          : nothing
      }
      ${
        error
          ? html`<p part="item-error" class="item-error">${alertIcon()}<span>${error}</span></p>`
          : nothing
      }
      ${
        reported
          ? html`<p class="reported" id="reported-${key}" tabindex="-1">
              ${checkIcon()}<span>${t.reportThanks}</span>
            </p>`
          : html`<button
              part="report-button"
              class="report-toggle"
              id="report-toggle-${key}"
              type="button"
              data-focus="report"
              tabindex=${stop === 'report' ? '0' : '-1'}
              aria-expanded=${reportOpen ? 'true' : 'false'}
              aria-controls=${reportOpen ? `report-${key}` : nothing}
              @click=${a.onReport}
            >
              ${flagIcon()}<span>${t.report}</span>
            </button>`
      }
      ${reportOpen ? a.renderReport(t, key) : nothing}
    </div>
  </li>`;
}
