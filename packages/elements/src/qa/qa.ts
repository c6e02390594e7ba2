import { html, isServer, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import type { CercleApi } from '@cercle/client';
import {
  QUESTION_MAX,
  type LiveSession,
  type Question,
  type QuestionSort,
} from '@cercle/client/browser';
import { backendChanged, setUpWidget } from '../internal/backend.js';
import { CercleElement } from '../internal/cercle-element.js';
import { JoinInPlace, joinInPlaceStyles } from '../internal/join-in-place.js';
import { LiveRegion } from '../internal/live-region.js';
import { domId } from '../internal/dom-id.js';
import { ReportDialog, reportStyles } from '../internal/report-dialog.js';
import type { ResolvedApi } from '../internal/config.js';
import { DEV, warnOnce } from '../internal/dev.js';
import { asCercleError, errorMessage, hasCode, isUnauthorized } from '../internal/errors.js';
import {
  alertIcon,
  arrowUpIcon,
  chatIcon,
  checkIcon,
  clockIcon,
  flagIcon,
  liveIcon,
  lockIcon,
  offlineIcon,
  pinIcon,
  voteIcon,
} from '../internal/icons.js';
import { StoreController } from '../internal/store-controller.js';
import { configStore, sessionStore, type MemberSession } from '../internal/stores.js';
import { tokens } from '../internal/tokens.js';
import { formStyles } from '../internal/form.styles.js';
import { widgetStyles } from '../internal/widget.styles.js';
import { renderProblem } from '../internal/problem.js';
import { randomKey } from '../internal/url.js';
import type { CommonTerms } from '../locales/terms.js';
import { qaTerms, type QaTerms } from './terms.js';

type Terms = CommonTerms & QaTerms;
import { CercleQuestionEvent } from '../events/question.js';
import { CercleVoteEvent } from '../events/vote.js';
import { qaBoard, sortedQuestions, type BoardSnapshot, type QaBoard } from './store.js';
import { styles } from './qa.styles.js';

export type QaSort = QuestionSort;

type View = 'missing' | 'no-session' | 'no-api' | 'loading' | 'error' | 'not-found' | 'board';

/** What every question's template reads besides the question; one object while unchanged. */
interface ItemContext {
  t: Terms;
  member: boolean;
  ended: boolean;
  voting: ReadonlySet<string>;
  reportFor: string | undefined;
  reportBusy: boolean;
  reportError: string | undefined;
  reported: ReadonlySet<string>;
  voteError: { id: string; message: string } | undefined;
}

const SORTS: readonly QuestionSort[] = ['top', 'new'];
/** Characters left at which the counter is announced. */
const NEAR_LIMIT = [50, 20, 10, 0];
/** How long new questions are gathered before one announcement. */
const ANNOUNCE_BATCH_MS = 1500;
const FLIP_MS = 260;
/** The list reorders at most this often, however fast votes come (counts update at once). */
const SETTLE_MS = 700;

const sameOrder = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((id, i) => id === b[i]);

const reducedMotion = (): boolean =>
  typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

const itemId = (e: Event): string | undefined =>
  (e.currentTarget as HTMLElement).closest<HTMLElement>('li[data-id]')?.dataset.id;

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

  #backend: ResolvedApi | undefined;
  #setupError: 'community' | 'session' | 'api' | undefined;
  #board: QaBoard | undefined;
  #release: (() => void) | undefined;
  #state = new StoreController<BoardSnapshot>(this);
  #member = new StoreController<MemberSession | null>(this, undefined, (m) => this.#onMember(m));
  #wasMember = false;

  /** The ids shown, in the order shown: the board's order, or held while the reader is busy. */
  #order: string[] | undefined;
  #orderSort: QuestionSort | undefined;
  #orderMap: ReadonlyMap<string, Question> | undefined;
  #pendingNew = 0;
  #pendingReorder = false;
  #applyNow = false;
  #applied = 0;
  #settleTimer: ReturnType<typeof setTimeout> | undefined;
  /** Whether held changes wait for the reader (the "show" button), not just for `SETTLE_MS`. */
  #heldForReader = false;
  #known = new Set<string>();
  #pointerInList = false;
  #flip: Map<string, number> | undefined;
  #focusKeep: { id: string; control: string; index: number } | undefined;
  #ctx: ItemContext | undefined;

  readonly #live = new LiveRegion(this);
  #newBatch = 0;
  #batchTimer: ReturnType<typeof setTimeout> | undefined;

  #now = Date.now();
  #tick: ReturnType<typeof setInterval> | undefined;

  #askLength = 0;
  #askBusy = false;
  #askError: string | undefined;
  #askStatus: string | undefined;
  #askKey: string | undefined;
  #askAnnounced = Infinity;

  #voteError: { id: string; message: string } | undefined;
  #rateLimited = false;
  #rateTimer: ReturnType<typeof setTimeout> | undefined;

  #report = new ReportDialog(this, {
    kind: 'question',
    context: () => {
      const community = this.community?.trim();
      return this.#board && community
        ? { api: this.#board.api, community, token: this.#member.value?.token }
        : undefined;
    },
    forgetToken: () => {
      const community = this.community?.trim();
      if (this.#board && community) sessionStore(this.#board.apiKey, community).set(null);
    },
    terms: () => this.localize.term,
    message: (error) => this.#actionMessage(error, 'report'),
    announce: (message) => this.#live.announce(message),
    focus: (selector) => void this.focusAfterUpdate(selector),
    failed: (error) => this.#noteRateLimit(error),
  });

  readonly #join = new JoinInPlace(this, (error) =>
    this.#live.announce(errorMessage(error, this.localize.term)),
  );
  #retrying = false;

  constructor() {
    super();
    this.sort = 'top';
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
    clearTimeout(this.#batchTimer);
    clearTimeout(this.#rateTimer);
    clearTimeout(this.#settleTimer);
    this.#tick = this.#batchTimer = this.#rateTimer = this.#settleTimer = undefined;
    this.#rateLimited = false;
    this.#newBatch = 0;
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
      this.#board?.ensure(this.#sort);
    }
    if (DEV && changed.has('sort') && this.sort !== 'top' && this.sort !== 'new') {
      warnOnce(
        `<cercle-qa> sort="${String(this.sort)}" is not a sort: use "top" or "new".`,
        'widgets/qa.md#attributes',
      );
    }
    this.#captureFocus();
    this.#reconcile();
  }

  protected override updated(): void {
    const view = this.#view();
    const s = this.#state.value;
    const state = view === 'board' ? s?.session?.state : undefined;
    this.setState('loading', view === 'loading');
    this.setState(
      'error',
      view === 'error' ||
        view === 'not-found' ||
        view === 'missing' ||
        view === 'no-session' ||
        view === 'no-api',
    );
    this.setState('empty', view === 'board' && this.#order?.length === 0);
    this.setState('scheduled', state === 'scheduled');
    this.setState('live', state === 'live');
    this.setState('ended', state === 'ended');
    this.setState('member', this.#isMember());
    this.setState('offline', view === 'board' && s?.online === false);
    this.setState('reconnecting', view === 'board' && s?.stream === 'reconnecting');
    this.setState('rate-limited', this.#rateLimited);
    this.setState('busy', this.#askBusy);
    this.setState('pending', this.#showsPending());

    if (state === 'scheduled' && !this.#tick && this.isConnected) {
      this.#tick = setInterval(() => {
        this.#now = Date.now();
        this.requestUpdate();
      }, 1000);
    } else if (state !== 'scheduled' && this.#tick) {
      clearInterval(this.#tick);
      this.#tick = undefined;
    }
    this.#playFlip();
    this.#restoreFocus();
  }

  // ---------------------------------------------------------------------------------------
  // Data
  // ---------------------------------------------------------------------------------------

  /** (Re)binds the widget to its session and backend. */
  #connect(): void {
    this.#release?.();
    this.#release = undefined;
    this.#board = undefined;
    this.#backend = undefined;
    this.#setupError = undefined;
    this.#order = this.#orderSort = this.#orderMap = undefined;
    this.#pendingNew = 0;
    this.#pendingReorder = this.#heldForReader = false;
    this.#applied = 0;
    this.#known = new Set();
    this.#voteError = undefined;
    this.#report.reset();

    const setup = setUpWidget(
      this,
      'qa',
      { community: this.community, session: this.session },
      '<cercle-qa community="maison-verte" session="dimanche-live">',
    );
    if (!setup.ok) {
      this.#setupError = setup.error;
      this.#state.setStore(undefined);
      this.#member.setStore(undefined);
      this.requestUpdate();
      return;
    }
    const { community, session } = setup.values;
    this.#backend = setup.backend;
    const board = qaBoard(this.#backend, community, session);
    this.#board = board;
    this.#member.setStore(sessionStore(this.#backend.key, community));
    this.#state.setStore(board.$board);
    if (this.isConnected) this.#release = board.acquire(this.#sort);
    this.requestUpdate();
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

  #isMember(): boolean {
    return this.#member.value?.status === 'active';
  }

  #view(): View {
    if (this.#setupError === 'community') return 'missing';
    if (this.#setupError === 'session') return 'no-session';
    if (this.#setupError === 'api') return 'no-api';
    const s = this.#state.value;
    if (!s) return 'loading';
    if (s.phase === 'error') return hasCode(s.error, 'not_found') ? 'not-found' : 'error';
    if (s.phase !== 'complete' || !s.session) return 'loading';
    return 'board';
  }

  /**
   * Brings the shown order up to date with the board: at once while the reader is not in the
   * list (with a calm animation), otherwise held behind "N new — show"; removals apply at once
   * and counts update in place either way.
   */
  #reconcile(): void {
    const s = this.#state.value;
    if (!s || s.phase !== 'complete') return;
    const sort = this.#sort;
    const sortChanged = this.#orderSort !== sort;
    if (!sortChanged && s.questions === this.#orderMap && !this.#applyNow) return;
    const target = sortedQuestions(s.questions, sort).map((q) => q.id);
    const first = this.#order === undefined;
    const paged = s.page?.sort === sort ? s.page.ids : undefined;

    for (const [id, q] of s.questions) {
      if (this.#known.has(id)) continue;
      this.#known.add(id);
      if (!first && !q.mine && !s.page?.ids.has(id)) this.#newBatch++;
    }
    if (this.#newBatch > 0) this.#scheduleAnnouncement();

    const order = this.#order;
    const now = Date.now();
    const touched = !!order && !sortChanged && !this.#applyNow && this.#touched();
    const settling = !touched && now - this.#applied < SETTLE_MS;
    if (!order || sortChanged || order.length === 0 || this.#applyNow || (!touched && !settling)) {
      if (order && !sortChanged) this.#captureFlip();
      this.#order = target;
      this.#pendingNew = 0;
      this.#pendingReorder = false;
      this.#applied = now;
    } else {
      const present = new Set(target);
      const kept = order.filter((id) => present.has(id));
      const shown = new Set(kept);
      // Pages the reader asked for go at the end at once.
      if (paged) {
        for (const id of target) {
          if (paged.has(id) && !shown.has(id)) {
            kept.push(id);
            shown.add(id);
          }
        }
      }
      this.#order = kept;
      this.#pendingNew = target.length - kept.length;
      this.#pendingReorder = !sameOrder(
        kept,
        target.filter((id) => shown.has(id)),
      );
      this.#heldForReader = touched;
      if (settling && this.#settleTimer === undefined && this.isConnected) {
        this.#settleTimer = setTimeout(() => {
          this.#settleTimer = undefined;
          this.#maybeApply();
        }, SETTLE_MS);
      }
    }
    this.#orderSort = sort;
    this.#orderMap = s.questions;
    this.#applyNow = false;
  }

  /** Whether the "N new — show" button is up. */
  #showsPending(): boolean {
    return this.#heldForReader && (this.#pendingNew > 0 || this.#pendingReorder);
  }

  /** Whether the reader is in the list: focus or pointer in it, or scrolled into it. */
  #touched(): boolean {
    const root = this.shadowRoot;
    const scroller = root?.querySelector<HTMLElement>('.scroller');
    if (!root || !scroller) return false;
    if (this.#pointerInList) return true;
    const active = root.activeElement;
    if (active && scroller.contains(active)) return true;
    return scroller.scrollTop > 4 || scroller.getBoundingClientRect().top < -4;
  }

  /** The reader left the list: apply what was held, calmly. */
  #maybeApply(): void {
    if (this.#pendingNew === 0 && !this.#pendingReorder) return;
    this.#orderMap = undefined;
    this.requestUpdate();
  }

  #scheduleAnnouncement(): void {
    if (this.#batchTimer !== undefined || !this.isConnected) return;
    this.#batchTimer = setTimeout(() => {
      this.#batchTimer = undefined;
      const n = this.#newBatch;
      this.#newBatch = 0;
      if (n > 0) this.#live.announce(this.localize.term.newQuestions(n));
    }, ANNOUNCE_BATCH_MS);
  }

  // ---------------------------------------------------------------------------------------
  // Motion and focus
  // ---------------------------------------------------------------------------------------

  #visibleItems(): { li: HTMLElement; top: number }[] {
    const list = this.shadowRoot?.querySelector<HTMLElement>('.list');
    const scroller = this.shadowRoot?.querySelector<HTMLElement>('.scroller');
    if (!list || !scroller) return [];
    const box = scroller.getBoundingClientRect();
    const top = Math.max(box.top, 0);
    const bottom = Math.min(box.bottom, window.innerHeight);
    const items: { li: HTMLElement; top: number }[] = [];
    for (const li of list.children as HTMLCollectionOf<HTMLElement>) {
      const r = li.getBoundingClientRect();
      if (r.top > bottom) break;
      if (r.bottom >= top) items.push({ li, top: r.top });
    }
    return items;
  }

  #captureFlip(): void {
    if (reducedMotion()) return;
    this.#flip = new Map(this.#visibleItems().map(({ li, top }) => [li.dataset.id!, top]));
  }

  /** FLIP: each visible question glides from where it was; new ones fade in. */
  #playFlip(): void {
    const before = this.#flip;
    this.#flip = undefined;
    if (!before || reducedMotion()) return;
    const timing = { duration: FLIP_MS, easing: 'cubic-bezier(0.2, 0, 0, 1)' };
    for (const { li, top } of this.#visibleItems()) {
      const old = before.get(li.dataset.id!);
      if (old === undefined) li.animate([{ opacity: 0 }, { opacity: 1 }], timing);
      else if (Math.abs(old - top) > 1) {
        li.animate(
          [{ transform: `translateY(${old - top}px)` }, { transform: 'translateY(0)' }],
          timing,
        );
      }
    }
  }

  #captureFocus(): void {
    const active = this.shadowRoot?.activeElement as HTMLElement | null | undefined;
    const li = active?.closest<HTMLElement>('li[data-id]');
    const id = li?.dataset.id;
    this.#focusKeep =
      active && id
        ? { id, control: active.dataset.focus ?? '', index: this.#order?.indexOf(id) ?? 0 }
        : undefined;
  }

  /** Keyed DOM keeps most focus; when a move or a removal lost it, put it back. */
  #restoreFocus(): void {
    const keep = this.#focusKeep;
    this.#focusKeep = undefined;
    const root = this.shadowRoot;
    if (!keep || !root || root.activeElement) return;
    const list = root.querySelector<HTMLElement>('.list');
    if (!list) return;
    const items = list.children as HTMLCollectionOf<HTMLElement>;
    const li =
      [...items].find((el) => el.dataset.id === keep.id) ??
      items[Math.min(keep.index, items.length - 1)];
    const target =
      li?.querySelector<HTMLElement>(`[data-focus="${keep.control}"]`) ??
      li?.querySelector<HTMLElement>('[data-focus]') ??
      list;
    target.focus({ preventScroll: true });
  }

  // ---------------------------------------------------------------------------------------
  // Actions (each only on a user gesture)
  // ---------------------------------------------------------------------------------------

  /** A clear message for a refused action. */
  #actionMessage(error: unknown, action: 'vote' | 'ask' | 'report'): string {
    const t = this.localize.term;
    const e = asCercleError(error);
    const seconds =
      e?.retryAfterMs === undefined ? undefined : Math.max(1, Math.ceil(e.retryAfterMs / 1000));
    if (e?.code === 'rate_limited') {
      return action === 'vote'
        ? t.voteRateLimited(seconds)
        : action === 'ask'
          ? t.askRateLimited(seconds)
          : t.errorRateLimited(seconds);
    }
    if (e?.code === 'conflict') return t.actionEnded;
    if (e?.code === 'forbidden' || isUnauthorized(error)) return t.membersOnly;
    if (e?.code === 'not_found') return t.sessionNotFound;
    return errorMessage(error, t);
  }

  /** A `rate_limited` refusal sets `:state(rate-limited)` until the wait is over. */
  #noteRateLimit(error: unknown): void {
    const e = asCercleError(error);
    if (e?.code !== 'rate_limited') return;
    clearTimeout(this.#rateTimer);
    this.#rateLimited = true;
    this.#rateTimer = setTimeout(() => {
      this.#rateLimited = false;
      this.#rateTimer = undefined;
      this.requestUpdate();
    }, e.retryAfterMs ?? 10_000);
  }

  #retry = async (): Promise<void> => {
    const board = this.#board;
    if (!board || this.#retrying) return;
    this.#retrying = true;
    this.requestUpdate();
    await board.reload();
    this.#retrying = false;
    this.requestUpdate();
    void this.focusAfterUpdate(this.#view() === 'board' ? '#title' : '#retry');
  };

  #reconnect = (): void => {
    this.#board?.reconnect();
  };

  #onTab = (e: Event): void => {
    const sort = (e.currentTarget as HTMLElement).dataset.sort as QuestionSort;
    this.#selectSort(sort);
  };

  #onTabKeydown = (e: KeyboardEvent): void => {
    const i = SORTS.indexOf(this.#sort);
    const next =
      e.key === 'ArrowRight' || e.key === 'ArrowDown'
        ? SORTS[(i + 1) % SORTS.length]
        : e.key === 'ArrowLeft' || e.key === 'ArrowUp'
          ? SORTS[(i - 1 + SORTS.length) % SORTS.length]
          : e.key === 'Home'
            ? SORTS[0]
            : e.key === 'End'
              ? SORTS[SORTS.length - 1]
              : undefined;
    if (!next) return;
    e.preventDefault();
    this.#selectSort(next);
    void this.focusAfterUpdate(`#tab-${next}`);
  };

  #selectSort(sort: QuestionSort): void {
    if (sort === this.#sort) return;
    this.sort = sort;
    const scroller = this.shadowRoot?.querySelector<HTMLElement>('.scroller');
    if (scroller) scroller.scrollTop = 0;
  }

  #showPending = async (): Promise<void> => {
    this.#applyNow = true;
    this.#orderMap = undefined;
    this.requestUpdate();
    await this.updateComplete;
    const scroller = this.shadowRoot?.querySelector<HTMLElement>('.scroller');
    if (scroller) scroller.scrollTop = 0;
    this.shadowRoot?.querySelector<HTMLElement>('.list')?.focus({ preventScroll: true });
  };

  #loadMore = async (): Promise<void> => {
    const board = this.#board;
    if (!board) return;
    try {
      const ids = await board.loadMore(this.#sort);
      await this.updateComplete;
      const root = this.shadowRoot;
      if (ids[0] && root && !root.querySelector('#more')) {
        const li = [...root.querySelectorAll<HTMLElement>('.list > li')].find(
          (el) => el.dataset.id === ids[0],
        );
        li?.querySelector<HTMLElement>('[data-focus="vote"]')?.focus();
      }
    } catch (error) {
      this.#live.announce(errorMessage(error, this.localize.term));
    }
  };

  #onVote = async (e: Event): Promise<void> => {
    const id = itemId(e);
    const board = this.#board;
    const s = this.#state.value;
    const community = this.community?.trim();
    const session = this.session?.trim();
    if (!id || !board || !s || !community || !session) return;
    if (!this.#isMember()) {
      this.#join.show();
      this.#live.announce(this.localize.term.joinToVote);
      void this.focusAfterUpdate('#join-toggle');
      return;
    }
    const q = s.questions.get(id);
    if (!q || s.voting.has(id) || s.session?.state === 'ended') return;
    const voted = !q.votedByMe;
    this.#voteError = undefined;
    this.requestUpdate();
    const outcome = await board.vote(id, voted);
    if (outcome.ok) {
      this.emit(new CercleVoteEvent({ community, session: board.session, questionId: id, voted }));
    } else if (outcome.error !== undefined) {
      const message = this.#actionMessage(outcome.error, 'vote');
      this.#voteError = { id, message };
      this.#live.announce(message);
      this.#noteRateLimit(outcome.error);
    }
    this.requestUpdate();
  };

  #onAskInput = (e: Event): void => {
    const length = (e.target as HTMLTextAreaElement).value.length;
    this.#askLength = length;
    this.#askKey = undefined; // a changed question is a new question
    this.#askError = undefined;
    this.#askStatus = undefined;
    const left = QUESTION_MAX - length;
    if (left > NEAR_LIMIT[0]!) this.#askAnnounced = Infinity;
    const crossed = [...NEAR_LIMIT].reverse().find((n) => left <= n);
    if (crossed !== undefined && crossed < this.#askAnnounced) {
      this.#askAnnounced = crossed;
      this.#live.announce(this.localize.term.charactersLeft(left));
    }
    this.requestUpdate();
  };

  #onAsk = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    const board = this.#board;
    const community = this.community?.trim();
    const session = this.session?.trim();
    if (this.#askBusy || !board || !community || !session) return;
    const t = this.localize.term;
    const form = e.currentTarget as HTMLFormElement;
    const field = form.querySelector<HTMLTextAreaElement>('#ask')!;
    const anonymous = form.querySelector<HTMLInputElement>('#anonymous')!.checked;
    const text = field.value.trim();
    this.#askStatus = undefined;
    if (!text || text.length > QUESTION_MAX) {
      this.#askError = text ? t.askTooLong(QUESTION_MAX) : t.askEmpty;
      this.requestUpdate();
      void this.focusAfterUpdate('#ask');
      return;
    }
    this.#askBusy = true;
    this.#askError = undefined;
    this.requestUpdate();
    this.#askKey ??= randomKey();
    try {
      const question = await board.ask(text, anonymous, this.#askKey);
      this.#askKey = undefined;
      field.value = '';
      this.#askLength = 0;
      this.#askAnnounced = Infinity;
      this.#askStatus = question.state === 'pending' ? t.askPending : t.askPosted;
      this.#live.announce(this.#askStatus);
      this.emit(
        new CercleQuestionEvent({
          community,
          session: board.session,
          questionId: question.id,
          anonymous,
        }),
      );
    } catch (error) {
      this.#askError = hasCode(error, 'validation_failed')
        ? t.askTooLong(QUESTION_MAX)
        : this.#actionMessage(error, 'ask');
      this.#live.announce(this.#askError);
      this.#noteRateLimit(error);
    } finally {
      this.#askBusy = false;
      this.requestUpdate();
    }
  };

  #onListPointerEnter = (): void => {
    this.#pointerInList = true;
  };

  #onListPointerLeave = (): void => {
    this.#pointerInList = false;
    this.#maybeApply();
  };

  #onListFocusOut = (e: FocusEvent): void => {
    const scroller = e.currentTarget as HTMLElement;
    const next = e.relatedTarget as Node | null;
    if (!next || !scroller.contains(next)) queueMicrotask(() => this.#maybeApply());
  };

  #onListScroll = (e: Event): void => {
    if ((e.currentTarget as HTMLElement).scrollTop <= 4) this.#maybeApply();
  };

  // ---------------------------------------------------------------------------------------
  // Rendering
  // ---------------------------------------------------------------------------------------

  override render(): TemplateResult {
    const t = this.localize.term;
    const view = this.#view();
    return html`
      <div part="base" class="base" lang=${t.$code} dir=${t.$dir}>
        ${this.#renderContent(view, t)} ${this.#live.render()}
      </div>
    `;
  }

  #renderContent(view: View, t: Terms): TemplateResult {
    switch (view) {
      case 'missing':
        return this.#renderProblem(t.errorMissingCommunity, false);
      case 'no-session':
        return this.#renderProblem(t.errorMissingSession, false);
      case 'no-api':
        return this.#renderProblem(t.errorNoApi, false);
      case 'not-found':
        return this.#renderProblem(t.sessionNotFound, false);
      case 'error':
        return this.#renderProblem(errorMessage(this.#state.value?.error, t), true);
      case 'loading':
        return this.#renderSkeleton(t);
      default:
        return this.#renderBoard(this.#state.value!, t);
    }
  }

  #renderSkeleton(t: Terms): TemplateResult {
    return html`
      <div part="skeleton" class="skeleton">
        <span class="sr-only">${t.qaLoading}</span>
        <div class="bone bone-eyebrow"></div>
        <div class="bone bone-title"></div>
        <div class="bone bone-short"></div>
        <div class="bone bone-field"></div>
        ${[0, 1, 2].map(
          () =>
            html`<div class="bone-item">
              <div class="bone bone-vote"></div>
              <div class="bone-lines">
                <div class="bone"></div>
                <div class="bone bone-short"></div>
              </div>
            </div>`,
        )}
      </div>
    `;
  }

  #renderProblem(message: string, retry: boolean): TemplateResult {
    return renderProblem(
      message,
      retry
        ? { label: this.localize.term.retry, busy: this.#retrying, onClick: this.#retry }
        : undefined,
    );
  }

  #renderBoard(s: BoardSnapshot, t: Terms): TemplateResult {
    const session = s.session!;
    const order = this.#order ?? [];
    return html`
      ${this.#renderHeader(session, s.total, t)} ${this.#renderNotice(s, t)}
      ${
        session.state === 'ended'
          ? html`<p part="ended" class="ended">${lockIcon()}<span>${t.endedNote}</span></p>`
          : this.#isMember()
            ? this.#renderForm(t)
            : this.#renderJoinCall(t)
      }
      ${
        order.length === 0
          ? html`<div part="empty" class="empty">
              <span class="empty-icon">${chatIcon()}</span>
              <p class="empty-text">
                ${session.state === 'ended' ? t.emptyEnded : this.#isMember() ? t.empty : t.emptyVisitor}
              </p>
            </div>`
          : this.#renderList(s, order, t)
      }
    `;
  }

  #renderHeader(session: LiveSession, total: number, t: Terms): TemplateResult {
    const state = session.state;
    const startsAt = new Date(session.startsAt);
    return html`
      <header part="header" class="header">
        <p class="eyebrow">${liveIcon()}<span>${t.qaEyebrow}</span></p>
        <h2 part="title" class="title" id="title" tabindex="-1">${session.title}</h2>
        <p class="meta">
          <span part="badge" class="badge badge-${state}">
            ${state === 'live' ? html`<span class="live-dot" aria-hidden="true"></span>` : nothing}
            ${state === 'live' ? t.sessionLive : state === 'scheduled' ? t.sessionScheduled : t.sessionEnded}
          </span>
          ${
            state === 'scheduled'
              ? html`<span part="countdown" class="countdown"
                  >${clockIcon()}<time datetime=${session.startsAt}
                    >${t.startsIn(startsAt.getTime() - this.#now)}</time
                  ><span class="starts-at">${t.startsAt(startsAt)}</span></span
                >`
              : nothing
          }
          <span class="count">${t.questionsCount(total)}</span>
        </p>
      </header>
    `;
  }

  #renderNotice(s: BoardSnapshot, t: Terms): TemplateResult {
    let notice: TemplateResult | typeof nothing = nothing;
    if (!s.online) {
      notice = html`<p part="notice" class="notice">${offlineIcon()}<span>${t.offline}</span></p>`;
    } else if (s.stream === 'reconnecting') {
      notice = html`<p part="notice" class="notice">
        <span class="spinner" aria-hidden="true"></span><span>${t.reconnecting}</span>
      </p>`;
    } else if (s.stream === 'closed') {
      notice = html`<p part="notice" class="notice">
        ${alertIcon()}<span>${t.streamClosed}</span>
        <button
          part="button reconnect-button"
          class="link-button"
          id="reconnect"
          type="button"
          @click=${this.#reconnect}
        >
          ${t.reconnect}
        </button>
      </p>`;
    }
    return html`<div class="notices" role="status" aria-live="polite">${notice}</div>`;
  }

  #renderForm(t: Terms): TemplateResult {
    const left = QUESTION_MAX - this.#askLength;
    const describedBy = ['ask-hint', 'ask-counter', this.#askError ? 'ask-error' : '']
      .filter(Boolean)
      .join(' ');
    return html`
      <form part="form" class="ask" novalidate @submit=${this.#onAsk}>
        <label part="label" class="label" for="ask">${t.askLabel}</label>
        <textarea
          part="textarea"
          class="textarea"
          id="ask"
          name="text"
          rows="3"
          maxlength=${QUESTION_MAX}
          aria-invalid=${this.#askError ? 'true' : 'false'}
          aria-describedby=${describedBy}
          @input=${this.#onAskInput}
        ></textarea>
        <div class="ask-meta">
          <p part="hint" class="hint" id="ask-hint">${t.askHint}</p>
          <p
            part="counter"
            class="counter ${left <= NEAR_LIMIT[0]! ? 'counter-near' : ''}"
            id="ask-counter"
          >
            ${t.counter(this.#askLength, QUESTION_MAX)}
          </p>
        </div>
        ${
          this.#askError
            ? html`<p part="form-error" class="form-error" id="ask-error">
                ${alertIcon()}<span>${this.#askError}</span>
              </p>`
            : nothing
        }
        <div class="ask-row">
          <div class="check">
            <input
              part="checkbox"
              class="checkbox"
              id="anonymous"
              name="anonymous"
              type="checkbox"
              aria-describedby="anonymous-hint"
            />
            <label class="check-label" for="anonymous">${t.askAnonymously}</label>
            <p part="hint" class="hint check-hint" id="anonymous-hint">${t.anonymousHint}</p>
          </div>
          <button
            part="button submit-button"
            class="button button-primary"
            type="submit"
            aria-disabled=${this.#askBusy ? 'true' : 'false'}
          >
            ${this.#askBusy ? html`<span class="spinner" aria-hidden="true"></span>${t.asking}` : t.ask}
          </button>
        </div>
        ${
          this.#askStatus
            ? html`<p part="form-status" class="form-status">
                ${checkIcon()}<span>${this.#askStatus}</span>
              </p>`
            : nothing
        }
      </form>
    `;
  }

  #renderJoinCall(t: Terms): TemplateResult {
    const waitlisted = this.#member.value?.status === 'waitlisted';
    return html`
      <div part="join-call" class="call" @keydown=${this.#join.onKeydown}>
        <div class="call-row">
          <p class="call-text">
            ${lockIcon()}<span>${waitlisted ? t.waitlistCall : t.joinCall}</span>
          </p>
          <button
            part="button join-button"
            class="button button-primary join-toggle"
            id="join-toggle"
            type="button"
            aria-expanded=${this.#join.open ? 'true' : 'false'}
            aria-controls="join-panel"
            @click=${this.#join.toggle}
            @pointerenter=${this.#join.prefetch}
            @focus=${this.#join.prefetch}
          >
            ${t.joinToAsk}
          </button>
        </div>
        ${this.#join.renderPanel(t.loading)}
      </div>
    `;
  }

  #context(s: BoardSnapshot, t: Terms): ItemContext {
    const next: ItemContext = {
      t,
      member: this.#isMember(),
      ended: s.session?.state === 'ended',
      voting: s.voting,
      reportFor: this.#report.open,
      reportBusy: this.#report.busy,
      reportError: this.#report.error,
      reported: this.#report.reported,
      voteError: this.#voteError,
    };
    const prev = this.#ctx;
    if (prev && (Object.keys(next) as (keyof ItemContext)[]).every((k) => prev[k] === next[k])) {
      return prev;
    }
    return (this.#ctx = next);
  }

  #renderList(s: BoardSnapshot, order: readonly string[], t: Terms): TemplateResult {
    const sort = this.#sort;
    const ctx = this.#context(s, t);
    const pending = this.#showsPending();
    const more = s.cursors[sort];
    const loadingMore = s.loadingMore === sort;
    return html`
      <div part="tabs" class="tabs" role="tablist" aria-label=${t.sortLabel}>
        ${SORTS.map(
          (value) =>
            html`<button
              part="tab"
              class="tab"
              role="tab"
              id="tab-${value}"
              type="button"
              data-sort=${value}
              aria-selected=${value === sort ? 'true' : 'false'}
              aria-controls="panel"
              tabindex=${value === sort ? '0' : '-1'}
              @click=${this.#onTab}
              @keydown=${this.#onTabKeydown}
            >
              ${value === 'top' ? t.sortTop : t.sortNew}
            </button>`,
        )}
      </div>
      <div class="panel" role="tabpanel" id="panel" aria-labelledby="tab-${sort}">
        <div
          class="scroller"
          @pointerenter=${this.#onListPointerEnter}
          @pointerleave=${this.#onListPointerLeave}
          @focusout=${this.#onListFocusOut}
          @scroll=${this.#onListScroll}
        >
          ${
            pending
              ? html`<div class="pending">
                  <button
                    part="button show-button"
                    class="show"
                    id="show"
                    type="button"
                    @click=${this.#showPending}
                  >
                    ${arrowUpIcon()}<span>${t.showPending(this.#pendingNew)}</span>
                  </button>
                </div>`
              : nothing
          }
          <ol part="list" class="list" tabindex="-1" aria-labelledby="tab-${sort}">
            ${guard([order, s.questions, ctx], () =>
              repeat(
                order,
                (id) => id,
                (id) => {
                  const q = s.questions.get(id)!;
                  return guard(
                    [
                      q,
                      ctx.t,
                      ctx.member,
                      ctx.ended,
                      ctx.voting.has(id),
                      ctx.reportFor === id ? ctx : false,
                      ctx.reported.has(id),
                      ctx.voteError?.id === id ? ctx.voteError : undefined,
                    ],
                    () => this.#renderItem(q, ctx),
                  );
                },
              ),
            )}
          </ol>
          ${
            more
              ? html`<div class="more">
                  <button
                    part="button more-button"
                    class="button button-secondary"
                    id="more"
                    type="button"
                    aria-disabled=${loadingMore ? 'true' : 'false'}
                    @click=${this.#loadMore}
                  >
                    ${loadingMore ? html`<span class="spinner" aria-hidden="true"></span>${t.loadingMore}` : t.loadMore}
                  </button>
                </div>`
              : nothing
          }
        </div>
      </div>
    `;
  }

  #renderItem(q: Question, c: ItemContext): TemplateResult {
    const t = c.t;
    const key = domId(q.id);
    const answered = q.state === 'answered';
    const reportOpen = c.reportFor === q.id;
    const error = c.voteError?.id === q.id ? c.voteError.message : undefined;
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
        aria-pressed=${q.votedByMe ? 'true' : 'false'}
        aria-label=${t.voteLabel(q.votes)}
        aria-describedby="text-${key}"
        aria-disabled=${c.voting.has(q.id) ? 'true' : 'false'}
        ?disabled=${c.ended}
        @click=${this.#onVote}
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
          c.reported.has(q.id)
            ? html`<p class="reported" id="reported-${key}" tabindex="-1">
                ${checkIcon()}<span>${t.reportThanks}</span>
              </p>`
            : html`<button
                part="report-button"
                class="report-toggle"
                id="report-toggle-${key}"
                type="button"
                data-focus="report"
                aria-expanded=${reportOpen ? 'true' : 'false'}
                aria-controls=${reportOpen ? `report-${key}` : nothing}
                @click=${this.#report.toggle}
              >
                ${flagIcon()}<span>${t.report}</span>
              </button>`
        }
        ${reportOpen ? this.#report.render(t, key, t.reportTitle) : nothing}
      </div>
    </li>`;
  }
}
