/**
 * One question of the live queue: votes, text, who asked and when, its state, the answer,
 * and the host's actions on it, with the inline answer and hide forms. A template function:
 * the screen (`live.ts`) holds the state and passes what the item needs.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Question } from '@cercle/client/contract';
import type { Formats } from '../../i18n.js';
import type { LiveTerms } from './terms.js';

export type QuestionAction = 'approve' | 'pin' | 'unpin' | 'mark' | 'restore' | 'removeAnswer';
export type EditorKind = 'answer' | 'hide';

export interface ItemContext {
  t: LiveTerms;
  fmt: Formats;
  /** The shared Cancel label. */
  cancel: string;
  /** The roving tab stop of the list. */
  tabStop: boolean;
  selected: boolean;
  busy: boolean;
  editor: EditorKind | undefined;
  draft: string;
  statement: string;
  editorError: string;
  act(q: Question, action: QuestionAction): void;
  openEditor(q: Question, kind: EditorKind): void;
  closeEditor(q: Question): void;
  setDraft(q: Question, text: string): void;
  setStatement(text: string): void;
  submitAnswer(q: Question): void;
  submitHide(q: Question): void;
}

const onEscape = (close: () => void) => (event: KeyboardEvent) => {
  if (event.key !== 'Escape') return;
  event.preventDefault();
  event.stopPropagation();
  close();
};

export function renderQuestion(q: Question, c: ItemContext): TemplateResult {
  const { t, fmt } = c;
  const base = `q-${q.id}`;
  const text = `${base}-text`;
  const button = (label: string, action: () => void, tone = '', pressed?: boolean) =>
    html`<button
      type="button"
      class="small ${tone}"
      aria-describedby=${text}
      aria-pressed=${pressed === undefined ? nothing : String(pressed)}
      ?disabled=${c.busy}
      @click=${action}
    >
      ${label}
    </button>`;
  const actions: TemplateResult[] = [];
  if (q.state === 'pending') actions.push(button(t.approve, () => c.act(q, 'approve'), 'primary'));
  if (q.state === 'open' || q.state === 'answered') {
    actions.push(button(t.pin, () => c.act(q, q.pinned ? 'unpin' : 'pin'), '', q.pinned));
  }
  if (q.state !== 'hidden') {
    actions.push(button(q.answer ? t.editAnswer : t.answer, () => c.openEditor(q, 'answer')));
  }
  if (q.state === 'open') actions.push(button(t.markAnswered, () => c.act(q, 'mark')));
  if (q.state === 'hidden') actions.push(button(t.restore, () => c.act(q, 'restore')));
  else actions.push(button(t.hide, () => c.openEditor(q, 'hide'), 'danger'));

  const tone =
    q.state === 'pending'
      ? 'warn'
      : q.state === 'answered'
        ? 'success'
        : q.state === 'hidden'
          ? 'danger'
          : '';
  return html`<article
    class="q ${c.selected ? 'selected' : ''} ${q.pinned ? 'pinned' : ''} state-${q.state}"
    data-id=${q.id}
    tabindex=${c.tabStop ? '0' : '-1'}
    aria-labelledby=${text}
    aria-describedby="${base}-meta"
  >
    <div class="q-head">
      <span class="votes" aria-hidden="true">${q.votes}</span>
      <div class="q-body">
        <p class="q-text" id=${text}>${q.text}</p>
        <p class="meta" id="${base}-meta">
          <span class="badge ${tone}">${t.qState[q.state]}</span>
          ${q.pinned ? html`<span class="badge accent">${t.pinned}</span>` : nothing}
          <span>${t.votes(q.votes)}</span> · <span>${q.author ?? t.anonymous}</span> ·
          <time datetime=${q.createdAt}>${fmt.relative(q.createdAt)}</time>
        </p>
        ${
          q.answer
            ? html`<p class="answer"><strong>${t.answerLabel}</strong> ${q.answer.text}</p>`
            : nothing
        }
      </div>
    </div>
    <div class="q-actions">${actions}</div>
    ${c.editor === 'answer' ? renderAnswerForm(q, c) : nothing}
    ${c.editor === 'hide' ? renderHideForm(q, c) : nothing}
  </article>`;
}

function renderAnswerForm(q: Question, c: ItemContext): TemplateResult {
  const { t } = c;
  const id = `q-${q.id}-answer`;
  return html`<form
    class="editor"
    novalidate
    @submit=${(e: Event) => {
      e.preventDefault();
      c.submitAnswer(q);
    }}
    @keydown=${onEscape(() => c.closeEditor(q))}
  >
    <label for=${id}>${t.answerField}</label>
    <textarea
      id=${id}
      rows="3"
      maxlength="2000"
      aria-invalid=${c.editorError ? 'true' : 'false'}
      aria-describedby=${c.editorError ? `${id}-error` : nothing}
      .value=${c.draft}
      @input=${(e: Event) => c.setDraft(q, (e.target as HTMLTextAreaElement).value)}
    ></textarea>
    ${c.editorError ? html`<p class="error" id="${id}-error">${c.editorError}</p>` : nothing}
    <div class="editor-actions">
      <button type="submit" class="primary small" ?disabled=${c.busy}>${t.publish}</button>
      ${
        q.answer
          ? html`<button
              type="button"
              class="small"
              ?disabled=${c.busy}
              @click=${() => c.act(q, 'removeAnswer')}
            >
              ${t.removeAnswer}
            </button>`
          : nothing
      }
      <button type="button" class="small ghost" @click=${() => c.closeEditor(q)}>
        ${c.cancel}
      </button>
    </div>
  </form>`;
}

function renderHideForm(q: Question, c: ItemContext): TemplateResult {
  const { t } = c;
  const id = `q-${q.id}-statement`;
  return html`<form
    class="editor"
    novalidate
    @submit=${(e: Event) => {
      e.preventDefault();
      c.submitHide(q);
    }}
    @keydown=${onEscape(() => c.closeEditor(q))}
  >
    <label for=${id}>${t.statementField}</label>
    <textarea
      id=${id}
      rows="2"
      maxlength="1000"
      .value=${c.statement}
      @input=${(e: Event) => c.setStatement((e.target as HTMLTextAreaElement).value)}
    ></textarea>
    <div class="editor-actions">
      <button type="submit" class="danger small" ?disabled=${c.busy}>${t.hideNow}</button>
      <button type="button" class="small ghost" @click=${() => c.closeEditor(q)}>
        ${c.cancel}
      </button>
    </div>
  </form>`;
}
