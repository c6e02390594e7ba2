import { html, isServer, type PropertyValues, type TemplateResult } from 'lit';
import type { CercleApi } from '@cercle/client';
import type { QuestionSort } from '@cercle/client/browser';
import { backendChanged, setUpWidget } from '../internal/backend.js';
import { CercleElement } from '../internal/cercle-element.js';
import { JoinInPlace, joinInPlaceStyles } from '../internal/join-in-place.js';
import { LiveRegion } from '../internal/live-region.js';
import { ReportDialog, reportStyles } from '../internal/report-dialog.js';
import type { ResolvedApi } from '../internal/config.js';
import { DEV, warnOnce } from '../internal/dev.js';
import { asCercleError, errorMessage } from '../internal/errors.js';
import { StoreController } from '../internal/store-controller.js';
import { configStore, sessionStore, type MemberSession } from '../internal/stores.js';
import { tokens } from '../internal/tokens.js';
import { formStyles } from '../internal/form.styles.js';
import { widgetStyles } from '../internal/widget.styles.js';
import { renderProblem } from '../internal/problem.js';
import { Ask } from './ask.js';
import { Votes } from './vote.js';
import { actionMessage, renderAskForm, renderJoinCall, type AskView } from './ask-form.js';
import type { BoardSnapshot } from './board.js';
import {
  problemOf,
  renderEmpty,
  renderEnded,
  renderHeader,
  renderNotice,
  renderSkeleton,
  viewOf,
  type View,
} from './header.js';
import type { ItemContext, Terms } from './item.js';
import { renderList } from './list.js';
import { QaList } from './list-controller.js';
import type { TabStop } from './motion.js';
import { showsPending, type Shown } from './order.js';
import { qaBoard, type QaBoard } from './store.js';
import { qaTerms, type QaTerms } from './terms.js';
import { styles } from './qa.styles.js';

export type QaSort = QuestionSort;

/**
 * `<cercle-qa>` is the board of a live session: members ask questions (anonymously if they
 * wish) and vote for the ones they want answered; the host answers live and everyone on
 * the page sees the board change within a second, without a reload. Visitors who are not
 * members see the board and can join in place. Reordering never jumps under the reader:
 * while they read or use the list, changes wait behind a "N new — show" button.
 *
 * @summary The live Q&A board of a session: ask, vote, see the host's answers as they come.
 *
 * @tag cercle-qa
 * @status experimental
 * @since 0.1
 *
 * @csspart base - The card.
 * @csspart header - The session: eyebrow, title, state badge, countdown, question count.
 * @csspart title - The session's title.
 * @csspart badge - The session's state: live, coming up, ended.
 * @csspart countdown - The time until a scheduled session starts.
 * @csspart notice - The connection notice (reconnecting, offline, live updates stopped).
 * @csspart form - The ask form.
 * @csspart label - The labels of the ask and report forms.
 * @csspart textarea - The question field, and the report's details.
 * @csspart counter - The question's character counter.
 * @csspart checkbox - "Ask anonymously".
 * @csspart hint - The hints under the question field and the anonymous option.
 * @csspart form-error - Why asking failed.
 * @csspart form-status - The confirmation once a question is sent.
 * @csspart ended - The note that replaces the form once the session has ended.
 * @csspart join-call - What visitors who are not members see instead of the form.
 * @csspart join-panel - The panel that holds the join card, opened in place.
 * @csspart button - Every text button (with a second name: `submit-button`, `join-button`, `show-button`, `more-button`, `retry-button`, `reconnect-button`, `send-button`, `cancel-button`).
 * @csspart submit-button - "Ask".
 * @csspart join-button - "Join to ask and vote".
 * @csspart show-button - "N new — show": applies the updates held while the reader was busy.
 * @csspart more-button - "Show more questions".
 * @csspart tabs - The `top` / `new` tabs.
 * @csspart tab - Each tab.
 * @csspart list - The list of questions.
 * @csspart item - One question.
 * @csspart vote-button - The vote button of a question (`aria-pressed` when voted).
 * @csspart vote-count - The number of votes in it.
 * @csspart text - The question's text.
 * @csspart byline - The author (or "Anonymous") and the time.
 * @csspart author - The author's name.
 * @csspart item-badge - The "Pinned" and "Answered" badges.
 * @csspart answer - The host's written answer.
 * @csspart item-error - Why a vote did not go through.
 * @csspart report-button - A question's "Report".
 * @csspart report-form - The report form: reason and details.
 * @csspart select - The report's reason.
 * @csspart empty - The empty board.
 * @csspart error - The error state (message and retry button).
 * @csspart skeleton - The loading placeholder.
 *
 * @cssproperty [--cercle-qa-background=var(--cercle-color-surface)] - Card background.
 * @cssproperty [--cercle-qa-color=var(--cercle-color-text)] - Text color.
 * @cssproperty [--cercle-qa-accent=var(--cercle-color-accent)] - Buttons, links, the voted state.
 * @cssproperty [--cercle-qa-accent-hover=var(--cercle-color-accent-hover)] - Buttons on hover.
 * @cssproperty [--cercle-qa-on-accent=var(--cercle-color-on-accent)] - Text on the accent.
 * @cssproperty [--cercle-qa-live=var(--cercle-color-danger)] - The "Live" badge.
 * @cssproperty [--cercle-qa-border=1px solid var(--cercle-color-border)] - Card border.
 * @cssproperty [--cercle-qa-radius=var(--cercle-radius-large)] - Card corner radius.
 * @cssproperty [--cercle-qa-padding=var(--cercle-space-l)] - Card padding.
 * @cssproperty [--cercle-qa-shadow=var(--cercle-shadow)] - Card shadow.
 * @cssproperty [--cercle-qa-max-width=40rem] - Widest the card grows.
 * @cssproperty [--cercle-qa-list-max-height=36rem] - Tallest the list grows before it scrolls (`none`: never).
 *
 * @cssstate loading - The session is loading.
 * @cssstate error - Loading failed, the session does not exist, or the widget is misconfigured.
 * @cssstate empty - The board has no questions.
 * @cssstate scheduled - The session has not started (asking is open).
 * @cssstate live - The session is live.
 * @cssstate ended - The session has ended: the board is read-only.
 * @cssstate member - The visitor is an active member: they can ask and vote.
 * @cssstate reconnecting - The live connection dropped and is coming back.
 * @cssstate offline - The browser is offline.
 * @cssstate rate-limited - The backend asked to slow down; see the message for when to retry.
 * @cssstate busy - A question is being sent.
 * @cssstate pending - Updates are held behind the "N new — show" button.
 *
 * @event {CercleQuestionEvent} cercle-question - The member asked a question and the backend accepted it. Detail: `{ community, session, questionId, anonymous }`.
 * @event {CercleVoteEvent} cercle-vote - The member voted for a question, or withdrew their vote, and the backend confirmed it. Detail: `{ community, session, questionId, voted }`.
 * @event {CercleReportEvent} cercle-report - The visitor reported a question to the host. Detail: `{ community, targetKind, targetId, reason }`.
 */
export class CercleQa extends CercleElement<QaTerms> {
  static override terms = qaTerms;
  static override styles = [
    tokens,
    widgetStyles,
    joinInPlaceStyles,
    reportStyles,
    formStyles,
    styles,
  ];

  static override properties = {
    community: {},
    session: {},
    api: {},
    sort: { reflect: true },
    adapter: { attribute: false },
    _setupError: { state: true },
    _board: { state: true },
    _shown: { state: true },
    _applyNow: { state: true },
    _stop: { state: true },
    _ask: { state: true },
    _now: { state: true },
    _voteError: { state: true },
    _rateLimited: { state: true },
    _retrying: { state: true },
  };

  /** The community's slug, e.g. `maison-verte`. Required. */
  declare community: string | undefined;

  /**
   * The live session's id, e.g. `dimanche-live`, or `next`: the community's live session, or
   * else its next scheduled one (resolved once, when the board loads). Required.
   */
  declare session: string | undefined;

  /**
   * Base URL of a backend that speaks the Cercle contract. Default: `configure({ api })`,
   * else `<meta name="cercle-api" content="…">`.
   */
  declare api: string | undefined;

  /** The order of the list: `top` (pinned, then most voted) or `new` (newest first). The tabs change it. */
  declare sort: QaSort;

  /**
   * Your own implementation of the Cercle operations (`CercleApi`), for a backend that
   * speaks something else. Wins over `api`. Property only.
   */
  declare adapter: CercleApi | undefined;

  /** Why the widget cannot work: a missing attribute or no backend. */
  declare private _setupError: 'community' | 'session' | 'api' | undefined;
  /** The session's board, shared by the page's widgets. */
  declare private _board: QaBoard | undefined;
  /** @internal What the list shows (list-controller.ts). */
  declare _shown: Shown;
  /** @internal Apply what the list holds at the next update. */
  declare _applyNow: boolean;
  /** @internal The control that holds the list's one tab stop. */
  declare _stop: TabStop | undefined;
  /** @internal The ask form's state (ask.ts). */
  declare _ask: AskView;
  /** The clock of the countdown, while scheduled. */
  declare private _now: number;
  /** @internal Why the last vote failed (vote.ts). */
  declare _voteError: { id: string; message: string } | undefined;
  declare private _rateLimited: boolean;
  declare private _retrying: boolean;

  #backend: ResolvedApi | undefined;
  #release: (() => void) | undefined;
  #state = new StoreController<BoardSnapshot>(this);
  #member = new StoreController<MemberSession | null>(this, undefined, (m) => this.#onMember(m));
  #wasMember = false;

  readonly #live = new LiveRegion(this);
  #tick: ReturnType<typeof setInterval> | undefined;
  #rateTimer: ReturnType<typeof setTimeout> | undefined;

  #report = new ReportDialog(this, {
    kind: 'question',
    context: () => {
      const community = this.community?.trim();
      return this._board && community
        ? { api: this._board.api, community, token: this.#member.value?.token }
        : undefined;
    },
    forgetToken: () => {
      const community = this.community?.trim();
      if (this._board && community) sessionStore(this._board.apiKey, community).set(null);
    },
    terms: () => this.localize.term,
    message: (error) => actionMessage(error, 'report', this.localize.term),
    announce: (message) => this.#live.announce(message),
    focus: (selector) => void this.focusAfterUpdate(selector),
    failed: (error) => this.#noteRateLimit(error),
  });

  readonly #list = new QaList(this, {
    board: () => this._board,
    snapshot: () => this.#state.value,
    announceNews: (n) => this.#live.announce(this.localize.term.newQuestions(n)),
    failed: (error) => this.#live.announce(errorMessage(error, this.localize.term)),
    focus: (selector) => void this.focusAfterUpdate(selector),
    rtl: () => this.localize.term.$dir === 'rtl',
  });

  readonly #asking = new Ask(this, {
    target: () => this.#target(),
    terms: () => this.localize.term,
    announce: (message) => this.#live.announce(message),
    focus: (selector) => void this.focusAfterUpdate(selector),
    failed: (error) => this.#noteRateLimit(error),
  });

  readonly #votes = new Votes(this, {
    target: () => this.#target(),
    member: () => this.#isMember(),
    askToJoin: () => {
      this.#join.show();
      this.#live.announce(this.localize.term.joinToVote);
      void this.focusAfterUpdate('#join-toggle');
    },
    terms: () => this.localize.term,
    announce: (message) => this.#live.announce(message),
    failed: (error) => this.#noteRateLimit(error),
  });

  readonly #join = new JoinInPlace(this, (error) =>
    this.#live.announce(errorMessage(error, this.localize.term)),
  );

  constructor() {
    super();
    this.sort = 'top';
    this._now = Date.now();
    this._rateLimited = false;
    this._retrying = false;
    new StoreController(this, configStore(), () => this.#onConfig());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.#connect();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#release?.();
    this.#release = undefined;
    clearInterval(this.#tick);
    clearTimeout(this.#rateTimer);
    this.#tick = this.#rateTimer = undefined;
    this._rateLimited = false;
  }

  get #sort(): QuestionSort {
    return this.sort === 'new' ? 'new' : 'top';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (isServer) return;
    if (
      !this.hasUpdated ||
      changed.has('community') ||
      changed.has('session') ||
      changed.has('api') ||
      changed.has('adapter')
    ) {
      this.#connect();
    } else if (changed.has('sort')) {
      this._board?.ensure(this.#sort);
    }
    if (DEV && changed.has('sort') && this.sort !== 'top' && this.sort !== 'new') {
      warnOnce(
        `<cercle-qa> sort="${String(this.sort)}" is not a sort: use "top" or "new".`,
        'widgets/qa.md#attributes',
      );
    }
  }

  protected override updated(): void {
    const view = this.#view();
    const s = this.#state.value;
    const state = view === 'board' ? s?.session?.state : undefined;
    this.setState('loading', view === 'loading');
    this.setState('error', view !== 'loading' && view !== 'board');
    this.setState('empty', view === 'board' && this._shown.ids?.length === 0);
    this.setState('scheduled', state === 'scheduled');
    this.setState('live', state === 'live');
    this.setState('ended', state === 'ended');
    this.setState('member', this.#isMember());
    this.setState('offline', view === 'board' && s?.online === false);
    this.setState('reconnecting', view === 'board' && s?.stream === 'reconnecting');
    this.setState('rate-limited', this._rateLimited);
    this.setState('busy', this._ask.busy);
    this.setState('pending', showsPending(this._shown));

    if (state === 'scheduled' && !this.#tick && this.isConnected) {
      this.#tick = setInterval(() => (this._now = Date.now()), 1000);
    } else if (state !== 'scheduled' && this.#tick) {
      clearInterval(this.#tick);
      this.#tick = undefined;
    }
  }

  /** (Re)binds the widget to its session and backend. */
  #connect(): void {
    this.#release?.();
    this.#release = undefined;
    this._board = undefined;
    this.#backend = undefined;
    this._setupError = undefined;
    this.#list.reset();
    this._voteError = undefined;
    this.#report.reset();

    const setup = setUpWidget(
      this,
      'qa',
      { community: this.community, session: this.session },
      '<cercle-qa community="maison-verte" session="dimanche-live">',
    );
    if (!setup.ok) {
      this._setupError = setup.error;
      this.#state.setStore(undefined);
      this.#member.setStore(undefined);
      return;
    }
    const { community, session } = setup.values;
    this.#backend = setup.backend;
    const board = qaBoard(this.#backend, community, session);
    this._board = board;
    this.#member.setStore(sessionStore(this.#backend.key, community));
    this.#state.setStore(board.$board);
    if (this.isConnected) this.#release = board.acquire(this.#sort);
  }

  #onConfig(): void {
    if (backendChanged(this, this.#backend)) this.#connect();
  }

  #onMember(member: MemberSession | null): void {
    const active = member?.status === 'active';
    if (active && !this.#wasMember && this.#join.open) {
      // Joined in place: close the join card and let them ask at once.
      this.#join.open = false;
      this.#live.announce(this.localize.term.joinedCall);
      void this.focusAfterUpdate('#ask');
    }
    this.#wasMember = active;
  }

  /** The board and community to act on, once both attributes are set. */
  #target(): { board: QaBoard; community: string } | undefined {
    const community = this.community?.trim();
    return this._board && community && this.session?.trim()
      ? { board: this._board, community }
      : undefined;
  }

  #isMember(): boolean {
    return this.#member.value?.status === 'active';
  }

  #view(): View {
    return viewOf(this._setupError, this.#state.value);
  }

  /** A `rate_limited` refusal sets `:state(rate-limited)` until the wait is over. */
  #noteRateLimit(error: unknown): void {
    const e = asCercleError(error);
    if (e?.code !== 'rate_limited') return;
    clearTimeout(this.#rateTimer);
    this._rateLimited = true;
    this.#rateTimer = setTimeout(() => {
      this._rateLimited = false;
      this.#rateTimer = undefined;
    }, e.retryAfterMs ?? 10_000);
  }

  #onRetry = (): void => void this.#retry();

  async #retry(): Promise<void> {
    const board = this._board;
    if (!board || this._retrying) return;
    this._retrying = true;
    await board.reload();
    this._retrying = false;
    void this.focusAfterUpdate(this.#view() === 'board' ? '#title' : '#retry');
  }

  #reconnect = (): void => {
    this._board?.reconnect();
  };

  readonly #itemActions = {
    onVote: this.#votes.onVote,
    onReport: this.#report.toggle,
    renderReport: (t: Terms, key: string) => this.#report.render(t, key, t.reportTitle),
  };

  override render(): TemplateResult {
    const t = this.localize.term;
    return html`
      <div part="base" class="base" lang=${t.$code} dir=${t.$dir}>
        ${this.#renderContent(this.#view(), t)} ${this.#live.render()}
      </div>
    `;
  }

  #renderContent(view: View, t: Terms): TemplateResult {
    if (view === 'loading') return renderSkeleton(t);
    if (view === 'board') return this.#renderBoard(this.#state.value!, t);
    const { message, retry } = problemOf(view, this.#state.value, t);
    return renderProblem(
      message,
      retry ? { label: t.retry, busy: this._retrying, onClick: this.#onRetry } : undefined,
    );
  }

  #renderBoard(s: BoardSnapshot, t: Terms): TemplateResult {
    const session = s.session!;
    const order = this._shown.ids ?? [];
    const member = this.#isMember();
    const ended = session.state === 'ended';
    return html`
      ${renderHeader(session, s.total, this._now, t)} ${renderNotice(s, t, this.#reconnect)}
      ${
        ended
          ? renderEnded(t)
          : member
            ? renderAskForm(this._ask, t, this.#asking.actions)
            : renderJoinCall(this.#join, this.#member.value?.status === 'waitlisted', t)
      }
      ${
        order.length === 0
          ? renderEmpty(ended ? t.emptyEnded : member ? t.empty : t.emptyVisitor)
          : renderList(
              {
                board: s,
                order,
                sort: this.#sort,
                ctx: this.#list.context(this.#itemContext(s, t), s, order),
                pending: showsPending(this._shown) ? this._shown.pendingNew : undefined,
              },
              this.#list.actions(this.#itemActions),
            )
      }
    `;
  }

  /** What every item reads besides its question and the tab stop. */
  #itemContext(s: BoardSnapshot, t: Terms): Omit<ItemContext, 'stopId' | 'stopControl'> {
    return {
      t,
      member: this.#isMember(),
      ended: s.session?.state === 'ended',
      voting: s.voting,
      reportFor: this.#report.open,
      reportBusy: this.#report.busy,
      reportError: this.#report.error,
      reported: this.#report.reported,
      voteError: this._voteError,
    };
  }
}
