/**
 * `<cercle-console-live>` (route `#/live/<id>`): running a live session, made for a phone in
 * one hand. Every question (pending and hidden too) kept current by the host event stream
 * (`live/controller.ts`), in the order to take them (`live/queue.ts`): pending first, then
 * pinned, then by votes. Per question: approve, pin, answer in writing, mark answered, hide
 * with an optional statement of reasons, put back (`PATCH …/host/sessions/{s}/questions/{q}`).
 * A search box, filters, and keyboard shortcuts that never fire while typing in a field
 * (j/k or arrows, a, p, h, o, /, ?). New questions are announced in a polite live region,
 * focus stays where it is. The session's state, with open and close (after confirmation).
 */
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { allRoutes } from '@cercle/client/admin';
import type { Question, QuestionUpdate, SessionState } from '@cercle/client/contract';
import { ConsoleScreen, defineScreen, type Route } from '../screen.js';
import { href } from '../router.js';
import '../ui/dialog.js';
import type { ConsoleConfirm } from '../ui/dialog.js';
import { LiveQueueController } from './live/controller.js';
import { renderQuestion, type EditorKind, type QuestionAction } from './live/item.js';
import { liveStyles } from './live/styles.js';
import { filterCounts, FILTERS, isTyping, visibleQuestions, type Filter } from './live/queue.js';
import { liveTerms, type LiveTerms } from './live/terms.js';

const shorten = (text: string, max = 90) =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;

export class ConsoleLive extends ConsoleScreen {
  static override styles = [...ConsoleScreen.styles, liveStyles];

  static override properties = {
    ...ConsoleScreen.properties,
    _filter: { state: true },
    _search: { state: true },
    _selected: { state: true },
    _editor: { state: true },
    _drafts: { state: true },
    _statement: { state: true },
    _editorError: { state: true },
    _busy: { state: true },
    _arrivals: { state: true },
    _sessionBusy: { state: true },
  };

  declare _filter: Filter;
  declare _search: string;
  /** The question the shortcuts act on. */
  declare _selected: string | undefined;
  declare _editor: { id: string; kind: EditorKind } | undefined;
  /** Answers being written, by question (kept through live updates and errors). */
  declare _drafts: ReadonlyMap<string, string>;
  declare _statement: string;
  declare _editorError: string;
  declare _busy: ReadonlySet<string>;
  /** What the polite live region says about new questions. */
  declare _arrivals: string;
  declare _sessionBusy: boolean;

  readonly queue = new LiveQueueController(this, {
    onAsked: (q) => this.#arrived(q),
    onError: (error) => this.toast(this.errorText(error), 'error'),
  });

  #fresh: Question[] = [];
  #arrivalTimer: ReturnType<typeof setTimeout> | undefined;
  #focused: Element | null = null;
  #loaded = '';

  constructor() {
    super();
    this._filter = 'all';
    this._search = '';
    this._selected = undefined;
    this._editor = undefined;
    this._drafts = new Map();
    this._statement = '';
    this._editorError = '';
    this._busy = new Set();
    this._arrivals = '';
    this._sessionBusy = false;
  }

  get #t(): LiveTerms {
    return this.t(liveTerms);
  }

  get #community(): string {
    return this.session?.community.slug ?? '';
  }

  get #id(): string {
    return this.route?.id ?? '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('keydown', this.#onKey);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('keydown', this.#onKey);
    clearTimeout(this.#arrivalTimer);
  }

  protected override load(force = false): void {
    const api = this.session?.api;
    if (!api || !this.#id || !this.can(allRoutes.hostQuestions.permission)) return;
    const key = `${api.key}/${this.#community}/${this.#id}`;
    // The session and the route may arrive in separate updates: connect once per target.
    if (!force && key === this.#loaded && this.queue.state !== 'error') return;
    this.#loaded = key;
    void this.queue.connect({ api, community: this.#community, id: this.#id });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const before: Route | undefined = changed.get('route');
    if (changed.has('route') && before?.id !== this.route?.id) {
      this._selected = undefined;
      this._editor = undefined;
      this.load();
    }
    this.#focused = this.shadowRoot?.activeElement ?? null;
  }

  protected override updated(): void {
    // A question that moved in the list may have lost focus on the way: give it back.
    const was = this.#focused;
    if (was instanceof HTMLElement && was.isConnected && this.shadowRoot?.activeElement !== was) {
      was.focus({ preventScroll: true });
    }
  }

  get #visible(): Question[] {
    return visibleQuestions(this.queue.questions.values(), this._filter, this._search);
  }

  // New questions ------------------------------------------------------------------------------

  #arrived(q: Question): void {
    this.#fresh.push(q);
    clearTimeout(this.#arrivalTimer);
    // A burst is said once, after it.
    this.#arrivalTimer = setTimeout(() => {
      const t = this.#t;
      const fresh = this.#fresh;
      this.#fresh = [];
      const one = fresh.length === 1 ? fresh[0]! : undefined;
      const text = one
        ? (one.state === 'pending' ? t.askedPending : t.asked)(shorten(one.text))
        : t.askedMany(fresh.length);
      this._arrivals = this._arrivals === text ? `${text}\u00a0` : text;
    }, 600);
  }

  // Keyboard ----------------------------------------------------------------------------------

  #onKey = (event: KeyboardEvent): void => {
    if (!this.isConnected || event.defaultPrevented) return;
    if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event)) return;
    if (event.composedPath().some((n) => n instanceof HTMLDialogElement && n.open)) return;
    const key = event.key;
    if (key === '/') {
      event.preventDefault();
      this.renderRoot.querySelector<HTMLInputElement>('#search')?.focus();
      return;
    }
    if (key === '?') {
      event.preventDefault();
      this.renderRoot.querySelector<HTMLDialogElement>('#help')?.showModal();
      return;
    }
    // Acting on a question takes the focus in the queue (not on a link of the page, say);
    // arrows move between questions there only (elsewhere they scroll, or move in the filters).
    const inQueue = event
      .composedPath()
      .some((n) => n instanceof HTMLElement && n.classList.contains('queue'));
    const moves: Record<string, number> = inQueue
      ? { j: 1, ArrowDown: 1, k: -1, ArrowUp: -1 }
      : { j: 1, k: -1 };
    if (key in moves) {
      event.preventDefault();
      void this.#move(moves[key]!);
      return;
    }
    const q = inQueue ? this.#current() : undefined;
    if (!q) return;
    const actions: Record<string, () => void> = {
      a: () => {
        if (q.state !== 'hidden') void this.#openEditor(q, 'answer');
      },
      p: () =>
        (q.state === 'open' || q.state === 'answered') && this.#act(q, q.pinned ? 'unpin' : 'pin'),
      h: () => {
        if (q.state !== 'hidden') void this.#update(q, { state: 'hidden' }, this.#t.hiddenDone);
      },
      o: () => q.state === 'pending' && this.#act(q, 'approve'),
    };
    const run = actions[key];
    if (!run) return;
    event.preventDefault();
    run();
  };

  /** The selected question if shown, else the first one. */
  #current(): Question | undefined {
    const visible = this.#visible;
    return visible.find((q) => q.id === this._selected) ?? visible[0];
  }

  async #move(by: number): Promise<void> {
    const visible = this.#visible;
    if (!visible.length) return;
    const at = visible.findIndex((q) => q.id === this._selected);
    const next = at < 0 ? 0 : Math.min(visible.length - 1, Math.max(0, at + by));
    await this.#select(visible[next]!.id, true);
  }

  async #select(id: string | undefined, focus: boolean): Promise<void> {
    this._selected = id;
    if (!focus || !id) return;
    await this.updateComplete;
    this.#article(id)?.focus();
  }

  #article(id: string): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`article[data-id="${CSS.escape(id)}"]`);
  }

  // Actions -----------------------------------------------------------------------------------

  async #update(q: Question, body: QuestionUpdate, done: string): Promise<boolean> {
    const api = this.session?.api;
    if (!api || this._busy.has(q.id)) return false;
    const inList = this.shadowRoot?.activeElement?.closest('.queue') != null;
    const before = this.#visible.findIndex((v) => v.id === q.id);
    this._busy = new Set([...this._busy, q.id]);
    try {
      const { data } = await api.request('updateQuestion', {
        params: { community: this.#community, session: this.#id, question: q.id },
        body,
      });
      this.queue.upsert(data);
      this.toast(done, 'success');
      // Out of the current filter: the next one takes its place (and the focus).
      const visible = this.#visible;
      if (!visible.some((v) => v.id === q.id)) {
        const next = visible[Math.min(Math.max(before, 0), visible.length - 1)];
        await this.#select(next?.id, inList);
      }
      return true;
    } catch (error) {
      this.toast(this.errorText(error), 'error');
      return false;
    } finally {
      const busy = new Set(this._busy);
      busy.delete(q.id);
      this._busy = busy;
    }
  }

  #act(q: Question, action: QuestionAction): void {
    const t = this.#t;
    const run: Record<QuestionAction, () => Promise<boolean>> = {
      approve: () => this.#update(q, { state: 'open' }, t.approved),
      pin: () => this.#update(q, { pinned: true }, t.pinnedDone),
      unpin: () => this.#update(q, { pinned: false }, t.unpinnedDone),
      mark: () => this.#update(q, { state: 'answered' }, t.markedDone),
      restore: () => this.#update(q, { state: q.answer ? 'answered' : 'open' }, t.restoredDone),
      removeAnswer: async () => {
        const ok = await this.#update(q, { answer: null }, t.answerRemoved);
        if (ok) await this.#closeEditor(q, true);
        return ok;
      },
    };
    void run[action]();
  }

  async #openEditor(q: Question, kind: EditorKind): Promise<void> {
    this._selected = q.id;
    this._editor = { id: q.id, kind };
    this._editorError = '';
    if (kind === 'answer' && !this._drafts.has(q.id)) this.#setDraft(q, q.answer?.text ?? '');
    if (kind === 'hide') this._statement = '';
    await this.updateComplete;
    this.#article(q.id)?.querySelector<HTMLTextAreaElement>('textarea')?.focus();
  }

  async #closeEditor(q: Question, forget = false): Promise<void> {
    this._editor = undefined;
    this._editorError = '';
    if (forget) {
      const drafts = new Map(this._drafts);
      drafts.delete(q.id);
      this._drafts = drafts;
    }
    await this.updateComplete;
    this.#article(q.id)?.focus();
  }

  #setDraft(q: Question, text: string): void {
    this._drafts = new Map(this._drafts).set(q.id, text);
    if (this._editorError && text.trim()) this._editorError = '';
  }

  async #submitAnswer(q: Question): Promise<void> {
    const text = (this._drafts.get(q.id) ?? '').trim();
    if (!text) {
      this._editorError = this.#t.answerEmpty;
      await this.updateComplete;
      this.#article(q.id)?.querySelector<HTMLTextAreaElement>('textarea')?.focus();
      return;
    }
    if (await this.#update(q, { answer: text }, this.#t.answeredDone)) {
      await this.#closeEditor(q, true);
    }
  }

  async #submitHide(q: Question): Promise<void> {
    const statement = this._statement.trim();
    const body: QuestionUpdate = statement ? { state: 'hidden', statement } : { state: 'hidden' };
    if (await this.#update(q, body, this.#t.hiddenDone)) {
      this._editor = undefined;
      this._statement = '';
    }
  }

  async #setState(state: SessionState): Promise<void> {
    const api = this.session?.api;
    const t = this.#t;
    if (!api) return;
    if (state === 'ended') {
      const dialog = this.renderRoot.querySelector<ConsoleConfirm>('#confirm-close');
      if (!dialog || !(await dialog.ask())) return;
    }
    this._sessionBusy = true;
    try {
      const { data } = await api.request('updateSession', {
        params: { community: this.#community, session: this.#id },
        body: { state },
      });
      this.queue.setSession(data);
      this.toast(state === 'live' ? t.opened : t.closed, 'success');
    } catch (error) {
      this.toast(this.errorText(error), 'error');
    } finally {
      this._sessionBusy = false;
    }
  }

  // Rendering ---------------------------------------------------------------------------------

  override render(): TemplateResult {
    const t = this.#t;
    const s = this.queue.session;
    const back = html`<p class="back"><a href=${href('sessions')}>← ${t.back}</a></p>`;
    if (!this.can(allRoutes.hostQuestions.permission)) {
      return html`${back}
        <h1>${t.heading}</h1>
        <p class="note warn">${t.noPermission}</p>`;
    }
    if (!this.#id) {
      return html`${back}
        <h1>${t.heading}</h1>
        <p class="note">${t.pick}</p>`;
    }
    const loading = this.queue.state === 'loading' && !s;
    return html`${back}
      <header class="live-head">
        <h1>${s?.title ?? t.heading}</h1>
        ${s ? this.#renderSessionBar() : nothing}
      </header>
      ${loading ? html`<p class="muted" role="status">${this.common.loading}</p>` : nothing}
      ${
        this.queue.state === 'error'
          ? html`<div class="note danger" role="alert">
              <p>${t.loadFailed}</p>
              <button type="button" @click=${() => this.load(true)}>${this.common.retry}</button>
            </div>`
          : nothing
      }
      ${this.queue.state === 'ready' && !s ? html`<p class="note warn">${t.notFound}</p>` : nothing}
      ${s ? this.#renderQueue() : nothing}
      <div class="sr-only" role="status" aria-live="polite" aria-atomic="true">
        ${this._arrivals}
      </div>
      ${this.#renderDialogs()}`;
  }

  #renderSessionBar(): TemplateResult {
    const t = this.#t;
    const s = this.queue.session!;
    const mayRun = this.can(allRoutes.updateSession.permission);
    const stream = this.queue.stream;
    const streamText =
      stream === 'reconnecting' && this.queue.retryInMs !== undefined
        ? t.retryIn(Math.max(1, Math.round(this.queue.retryInMs / 1000)))
        : t.stream[stream];
    return html`<div class="session-bar">
        <span
          class="badge ${s.state === 'live' ? 'success' : s.state === 'scheduled' ? 'accent' : ''}"
          >${t.state[s.state]}</span
        >
        <span class="stream stream-${stream}">${streamText}</span>
        <span class="grow"></span>
        ${
          mayRun && s.state === 'scheduled'
            ? html`<button
                type="button"
                class="primary"
                ?disabled=${this._sessionBusy}
                @click=${() => this.#setState('live')}
              >
                ${t.open}
              </button>`
            : nothing
        }
        ${
          mayRun && s.state === 'live'
            ? html`<button
                type="button"
                class="danger"
                ?disabled=${this._sessionBusy}
                @click=${() => this.#setState('ended')}
              >
                ${t.close}
              </button>`
            : nothing
        }
      </div>
      ${s.state === 'ended' ? html`<p class="note">${t.ended}</p>` : nothing}`;
  }

  #renderQueue(): TemplateResult {
    const t = this.#t;
    const counts = filterCounts(this.queue.questions.values(), this._search);
    const visible = this.#visible;
    const current = visible.find((q) => q.id === this._selected) ?? visible[0];
    return html`<div class="controls">
        <div class="field search">
          <label for="search">${t.search}</label>
          <input
            id="search"
            type="search"
            autocomplete="off"
            aria-describedby="search-hint"
            .value=${this._search}
            @input=${(e: Event) => (this._search = (e.target as HTMLInputElement).value)}
            @keydown=${(e: KeyboardEvent) => {
              if (e.key === 'Escape' && this._search) {
                e.preventDefault();
                this._search = '';
              }
            }}
          />
          <p class="hint" id="search-hint">${t.searchHint}</p>
        </div>
        <fieldset class="filters">
          <legend>${t.filter}</legend>
          ${FILTERS.map(
            (f) =>
              html`<label class="chip">
                <input
                  type="radio"
                  name="filter"
                  value=${f}
                  .checked=${this._filter === f}
                  @change=${() => (this._filter = f)}
                />
                <span>${t.filters[f]} <span class="n">${counts[f]}</span></span>
              </label>`,
          )}
        </fieldset>
        <button
          type="button"
          class="small ghost help"
          @click=${() => this.renderRoot.querySelector<HTMLDialogElement>('#help')?.showModal()}
        >
          ${t.help}
        </button>
      </div>
      <section class="queue" aria-label=${t.queue}>
        ${
          visible.length
            ? html`<ul class="q-list">
                ${repeat(
                  visible,
                  (q) => q.id,
                  (q) => html`<li>${this.#renderItem(q, q === current)}</li>`,
                )}
              </ul>`
            : html`<p class="empty">${this.queue.questions.size ? t.emptyFilter : t.empty}</p>`
        }
      </section>`;
  }

  #renderItem(q: Question, tabStop: boolean): TemplateResult {
    const editor = this._editor?.id === q.id ? this._editor.kind : undefined;
    return renderQuestion(q, {
      t: this.#t,
      fmt: this.fmt,
      cancel: this.common.cancel,
      tabStop,
      selected: q.id === this._selected,
      busy: this._busy.has(q.id),
      editor,
      draft: this._drafts.get(q.id) ?? '',
      statement: this._statement,
      editorError: editor === 'answer' ? this._editorError : '',
      act: (item, action) => this.#act(item, action),
      openEditor: (item, kind) => void this.#openEditor(item, kind),
      closeEditor: (item) => void this.#closeEditor(item),
      setDraft: (item, text) => this.#setDraft(item, text),
      setStatement: (text) => (this._statement = text),
      submitAnswer: (item) => void this.#submitAnswer(item),
      submitHide: (item) => void this.#submitHide(item),
    });
  }

  #renderDialogs(): TemplateResult {
    const t = this.#t;
    return html`<cercle-console-confirm
        id="confirm-close"
        danger
        heading=${t.confirmClose}
        confirm-label=${t.confirmCloseButton}
        cancel-label=${this.common.cancel}
      >
        <p>${t.confirmCloseText}</p>
      </cercle-console-confirm>
      <dialog id="help" aria-labelledby="help-title">
        <h2 id="help-title">${t.help}</h2>
        <p>${t.helpIntro}</p>
        <dl class="keys">
          ${t.keys.map(
            ([key, what]) =>
              html`<dt><kbd>${key}</kbd></dt>
                <dd>${what}</dd>`,
          )}
        </dl>
        <form method="dialog" class="actions">
          <button class="primary" autofocus>${this.common.close}</button>
        </form>
      </dialog>`;
  }

  /** Any focus inside a question selects it (the shortcuts act on it). */
  protected override firstUpdated(): void {
    this.renderRoot.addEventListener('focusin', (event) => {
      const article = (event.target as Element).closest?.('article[data-id]');
      const id = article?.getAttribute('data-id');
      if (id && id !== this._selected) this._selected = id;
    });
  }
}

defineScreen('cercle-console-live', ConsoleLive);

declare global {
  interface HTMLElementTagNameMap {
    'cercle-console-live': ConsoleLive;
  }
}
