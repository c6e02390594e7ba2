import {
  html,
  isServer,
  nothing,
  svg,
  type PropertyValues,
  type SVGTemplateResult,
  type TemplateResult,
} from 'lit';
import type { CercleApi } from '@cercle/client';
import type { OfferReveal, OfferTeaser } from '@cercle/client/contract';
import { backendChanged, setUpWidget } from '../internal/backend.js';
import { CercleElement } from '../internal/cercle-element.js';
import { JoinInPlace, joinInPlaceStyles } from '../internal/join-in-place.js';
import { LiveRegion } from '../internal/live-region.js';
import type { ResolvedApi } from '../internal/config.js';
import { DEV } from '../internal/dev.js';
import { asCercleError, errorMessage, hasCode, isUnauthorized } from '../internal/errors.js';
import { alertIcon, checkIcon, clockIcon, lockIcon } from '../internal/icons.js';
import { renderProblem } from '../internal/problem.js';
import { StoreController } from '../internal/store-controller.js';
import { configStore, sessionStore, type MemberSession } from '../internal/stores.js';
import { tokens } from '../internal/tokens.js';
import { widgetStyles } from '../internal/widget.styles.js';
import type { CommonTerms } from '../locales/terms.js';
import { promoTerms, type PromoTerms } from './terms.js';

type Terms = CommonTerms & PromoTerms;
import { CercleCopyEvent, type CercleCopyMethod } from '../events/copy.js';
import { CercleRevealEvent } from '../events/reveal.js';
import { styles } from './promo.styles.js';

type View = 'missing' | 'no-offer' | 'no-api' | 'loading' | 'error' | 'not-found' | 'offer';
type Access = 'visitor' | 'waitlisted' | 'member';

const DAY = 86_400_000;
/** How long "Copied" stays on the button. */
const COPIED_MS = 2000;

const glyph = (paths: SVGTemplateResult): TemplateResult =>
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

const copyIcon = (): TemplateResult =>
  glyph(
    svg`<rect x="8.5" y="8.5" width="11" height="11" rx="2"></rect><path d="M15.5 8.5V6a1.5 1.5 0 0 0-1.5-1.5H6A1.5 1.5 0 0 0 4.5 6v8A1.5 1.5 0 0 0 6 15.5h2.5"></path>`,
  );

const tagIcon = (): TemplateResult =>
  glyph(
    svg`<path d="M3.5 12.6V4.5a1 1 0 0 1 1-1h8.1a1 1 0 0 1 .7.3l7.2 7.2a1 1 0 0 1 0 1.4l-8.1 8.1a1 1 0 0 1-1.4 0l-7.2-7.2a1 1 0 0 1-.3-.7z"></path><circle cx="8" cy="8" r="1.5"></circle>`,
  );

const keyOf = (m: MemberSession | null | undefined): string => (m ? `${m.status}:${m.token}` : '');

/**
 * `<cercle-promo>` shows a community-only offer: its teaser is public (title, benefit,
 * conditions, countdown, and the commercial disclosure), its code is for members. A visitor
 * joins in place to unlock it; joining through any `<cercle-join>` of the page unlocks it too,
 * at once, without a reload. The member reveals their code, the same one on every visit, and
 * copies it. The code exists only in the widget's state once revealed: never in an attribute,
 * a URL, storage, or an event before that.
 *
 * @summary A member-only promo code: public teaser, join to unlock, reveal and copy.
 *
 * @tag cercle-promo
 * @status experimental
 * @since 0.1
 *
 * @csspart base - The card.
 * @csspart header - The eyebrow and the offer's title.
 * @csspart title - The offer's title.
 * @csspart benefit - The benefit, e.g. "-10 % on your first order".
 * @csspart conditions - The offer's conditions.
 * @csspart countdown - The time left until the offer ends.
 * @csspart lock - What visitors and waitlisted members see instead of the code.
 * @csspart join-panel - The panel that holds the join card, opened in place.
 * @csspart button - Every text button (with a second name: `join-button`, `reveal-button`, `copy-button`, `retry-button`).
 * @csspart join-button - "Join to unlock".
 * @csspart reveal-button - "Reveal my code".
 * @csspart copy-button - "Copy" (then "Copied").
 * @csspart code - The revealed code (monospace, selectable).
 * @csspart hint - Until when the code works, and how to copy it by hand when the clipboard refused.
 * @csspart notice - Why there is no code: the offer ended, every code is claimed, or too many tries.
 * @csspart error - The error state (message and retry button).
 * @csspart skeleton - The loading placeholder.
 *
 * @cssproperty [--cercle-promo-background=var(--cercle-color-surface)] - Card background.
 * @cssproperty [--cercle-promo-color=var(--cercle-color-text)] - Text color.
 * @cssproperty [--cercle-promo-accent=var(--cercle-color-accent)] - Buttons and the benefit.
 * @cssproperty [--cercle-promo-accent-hover=var(--cercle-color-accent-hover)] - Buttons on hover.
 * @cssproperty [--cercle-promo-on-accent=var(--cercle-color-on-accent)] - Text on the accent.
 * @cssproperty [--cercle-promo-border=1px solid var(--cercle-color-border)] - Card border.
 * @cssproperty [--cercle-promo-radius=var(--cercle-radius-large)] - Card corner radius.
 * @cssproperty [--cercle-promo-padding=var(--cercle-space-l)] - Card padding.
 * @cssproperty [--cercle-promo-shadow=var(--cercle-shadow)] - Card shadow.
 * @cssproperty [--cercle-promo-max-width=28rem] - Widest the card grows.
 * @cssproperty [--cercle-promo-code-font=ui-monospace, SFMono-Regular, Menlo, Consolas, monospace] - The code's font.
 *
 * @cssstate loading - The offer is loading.
 * @cssstate error - Loading failed, the offer does not exist, or the widget is misconfigured.
 * @cssstate locked - A visitor sees the offer: members only, join to unlock.
 * @cssstate waitlisted - The visitor is on the waitlist: the code unlocks once they are in.
 * @cssstate member - The visitor is an active member.
 * @cssstate busy - The code is being revealed.
 * @cssstate revealed - The member's code is shown.
 * @cssstate copied - The code was just copied to the clipboard.
 * @cssstate expired - The offer has ended.
 * @cssstate exhausted - Every code has been claimed (and this member has none).
 * @cssstate paused - The brand paused the offer (and this member has no code yet).
 * @cssstate rate-limited - Too many tries: the widget retries on its own after the wait.
 *
 * @event {CercleRevealEvent} cercle-reveal - The member revealed their code. Detail: `{ community, offer, code }`.
 * @event {CercleCopyEvent} cercle-copy - The member copied their code. Detail: `{ community, offer, method }` (`clipboard` or `selection`), never the code.
 */
export class CerclePromo extends CercleElement<PromoTerms> {
  static override terms = promoTerms;
  static override styles = [tokens, widgetStyles, joinInPlaceStyles, styles];

  static override properties = {
    community: {},
    offer: {},
    api: {},
    adapter: { attribute: false },
  };

  /** The community's slug, e.g. `maison-verte`. Required. */
  declare community: string | undefined;

  /** The offer's id, e.g. `bienvenue-10`. Required. */
  declare offer: string | undefined;

  /**
   * Base URL of a backend that speaks the Cercle contract. Default: `configure({ api })`,
   * else `<meta name="cercle-api" content="…">`.
   */
  declare api: string | undefined;

  /**
   * Your own implementation of the Cercle operations (`CercleApi`), for a backend that
   * speaks something else. Wins over `api`. Property only.
   */
  declare adapter: CercleApi | undefined;

  #backend: ResolvedApi | undefined;
  #setupError: 'community' | 'offer' | 'api' | undefined;
  #member = new StoreController<MemberSession | null>(this, undefined, (m) => this.#onMember(m));
  #memberKey = '';

  #teaser: OfferTeaser | undefined;
  #loadError: unknown;
  #loadRun: AbortController | undefined;
  #retrying = false;

  /** The member's code: only here, and only once they revealed it. */
  #reveal: OfferReveal | undefined;
  #revealBusy = false;
  #revealError: unknown;
  /** The backend refused the reveal with 403: the member is not in the circle yet. */
  #forbidden = false;
  #animate = false;

  #retryAt: number | undefined;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;

  #copied = false;
  #copiedTimer: ReturnType<typeof setTimeout> | undefined;
  #copyManual = false;

  readonly #join = new JoinInPlace(this, (error) =>
    this.#live.announce(errorMessage(error, this.localize.term)),
  );

  readonly #live = new LiveRegion(this);
  #now = Date.now();
  #tick: ReturnType<typeof setInterval> | undefined;
  #tickEvery = 0;

  constructor() {
    super();
    new StoreController(this, configStore(), () => this.#onConfig());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.#connect();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#loadRun?.abort();
    this.#loadRun = undefined;
    clearInterval(this.#tick);
    clearTimeout(this.#retryTimer);
    clearTimeout(this.#copiedTimer);
    this.#tick = this.#retryTimer = this.#copiedTimer = undefined;
    this.#tickEvery = 0;
    this.#retryAt = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (isServer) return;
    if (
      !this.hasUpdated ||
      changed.has('community') ||
      changed.has('offer') ||
      changed.has('api') ||
      changed.has('adapter')
    ) {
      this.#connect();
    }
  }

  protected override updated(): void {
    const view = this.#view();
    const offer = view === 'offer';
    const ended = offer && this.#expired();
    const access = this.#access();
    const exhausted = offer && !ended && !this.#reveal && this.#teaser?.status === 'exhausted';
    const paused = offer && !ended && !this.#reveal && this.#teaser?.status === 'paused';
    const open = offer && !ended && !exhausted && !paused;
    this.setState('loading', view === 'loading');
    this.setState('error', view !== 'loading' && !offer);
    this.setState('expired', ended);
    this.setState('exhausted', exhausted);
    this.setState('paused', paused);
    this.setState('locked', open && !this.#reveal && access === 'visitor');
    this.setState('waitlisted', open && !this.#reveal && access === 'waitlisted');
    this.setState('member', access === 'member');
    this.setState('busy', this.#revealBusy);
    this.setState('revealed', open && !!this.#reveal);
    this.setState('copied', this.#copied);
    this.setState('rate-limited', this.#retryAt !== undefined);

    // One timer: every second under a day (and while a wait counts down), else every minute.
    const left = this.#teaser ? Date.parse(this.#teaser.expiresAt) - this.#now : Infinity;
    const every =
      !this.isConnected || (!open && this.#retryAt === undefined)
        ? 0
        : this.#retryAt !== undefined || left < DAY
          ? 1000
          : 60_000;
    if (every !== this.#tickEvery) {
      clearInterval(this.#tick);
      this.#tick = every
        ? setInterval(() => {
            this.#now = Date.now();
            this.requestUpdate();
          }, every)
        : undefined;
      this.#tickEvery = every;
    }
  }

  // ---------------------------------------------------------------------------------------
  // Data
  // ---------------------------------------------------------------------------------------

  /** (Re)binds the widget to its offer and backend, and loads the teaser. */
  #connect(): void {
    this.#loadRun?.abort();
    this.#loadRun = undefined;
    clearTimeout(this.#retryTimer);
    this.#retryTimer = this.#retryAt = undefined;
    this.#backend = undefined;
    this.#setupError = undefined;
    this.#teaser = this.#reveal = undefined;
    this.#loadError = this.#revealError = undefined;
    this.#forbidden = this.#revealBusy = this.#copied = this.#copyManual = false;
    this.#now = Date.now();

    const setup = setUpWidget(
      this,
      'promo',
      { community: this.community, offer: this.offer },
      '<cercle-promo community="maison-verte" offer="bienvenue-10">',
    );
    if (!setup.ok) {
      this.#setupError = setup.error;
      this.#member.setStore(undefined);
      this.#memberKey = '';
      this.requestUpdate();
      return;
    }
    const { community } = setup.values;
    this.#backend = setup.backend;
    const store = sessionStore(this.#backend.key, community);
    this.#memberKey = keyOf(store.get());
    this.#member.setStore(store);
    void this.#load();
    this.requestUpdate();
  }

  #onConfig(): void {
    if (backendChanged(this, this.#backend)) this.#connect();
  }

  /** The member session changed (here, in another widget or another tab). */
  #onMember(member: MemberSession | null): void {
    const key = keyOf(member);
    if (key === this.#memberKey) return;
    const wasActive = this.#memberKey.startsWith('active:');
    this.#memberKey = key;
    this.#forbidden = false;
    this.#revealError = undefined;
    const active = member?.status === 'active';
    if (!active) {
      // Left the circle (or no longer active): the code goes with the membership.
      this.#reveal = undefined;
      this.#copied = this.#copyManual = false;
    }
    if (active && !wasActive) {
      // Joined, in this widget or anywhere on the page: unlock at once.
      const here = this.#join.open;
      this.#join.open = false;
      this.#live.announce(this.localize.term.promoUnlocked);
      if (here) void this.focusAfterUpdate('#reveal');
    }
    void this.#load();
    this.requestUpdate();
  }

  /** Loads the teaser, with the member token when there is one. */
  async #load(): Promise<void> {
    const backend = this.#backend;
    const community = this.community?.trim();
    const offer = this.offer?.trim();
    if (!backend || !community || !offer) return;
    this.#loadRun?.abort();
    const run = new AbortController();
    this.#loadRun = run;
    const token = this.#member.value?.token;
    try {
      const teaser = await backend.api.getOffer(community, offer, {
        signal: run.signal,
        ...(token ? { token } : {}),
      });
      if (run.signal.aborted) return;
      this.#teaser = teaser;
      this.#loadError = undefined;
      this.#now = Date.now();
      // A returning member sees their code again without a click (reveal is idempotent).
      if (
        teaser.revealedByMe &&
        teaser.status !== 'expired' &&
        !this.#reveal &&
        this.#access() === 'member'
      ) {
        void this.#doReveal(false);
      }
    } catch (error) {
      if (run.signal.aborted) return;
      if (token && isUnauthorized(error)) {
        // A token the backend refuses (the member left elsewhere): forget it, load as a visitor.
        sessionStore(backend.key, community).set(null);
        return;
      }
      // A failed refresh keeps the teaser already shown; only a first load shows the error.
      if (this.#teaser && !hasCode(error, 'not_found')) return;
      this.#teaser = undefined;
      this.#loadError = error;
      this.#rateLimit(error, () => void this.#load());
    } finally {
      if (this.#loadRun === run) this.#loadRun = undefined;
      this.requestUpdate();
    }
  }

  /** Reveals the member's code; `user`: on their click (then the event fires and focus moves). */
  async #doReveal(user: boolean): Promise<void> {
    const backend = this.#backend;
    const community = this.community?.trim();
    const offer = this.offer?.trim();
    const token = this.#member.value?.token;
    if (!backend || !community || !offer || !token || this.#revealBusy) return;
    this.#revealBusy = true;
    this.#revealError = undefined;
    this.requestUpdate();
    try {
      const reveal = await backend.api.revealOffer(community, offer, { token });
      if (this.#member.value?.token !== token) return; // left meanwhile: drop it
      this.#reveal = reveal;
      this.#animate = user;
      if (user) {
        this.#live.announce(this.localize.term.promoRevealed);
        this.emit(new CercleRevealEvent({ community, offer, code: reveal.code }));
        void this.focusAfterUpdate('#copy', true);
      }
    } catch (error) {
      this.#onRevealError(error, user);
    } finally {
      this.#revealBusy = false;
      this.requestUpdate();
    }
  }

  #onRevealError(error: unknown, user: boolean): void {
    const backend = this.#backend;
    const community = this.community?.trim();
    const teaser = this.#teaser;
    const t = this.localize.term;
    if (isUnauthorized(error)) {
      if (backend && community) sessionStore(backend.key, community).set(null);
      this.#live.announce(t.promoMembersOnly);
    } else if (hasCode(error, 'forbidden')) {
      this.#forbidden = true;
      this.#live.announce(t.promoWaitlisted);
    } else if (hasCode(error, 'offer_expired') && teaser) {
      this.#teaser = { ...teaser, status: 'expired' };
      this.#live.announce(t.promoExpired(new Date(teaser.expiresAt)));
    } else if (hasCode(error, 'offer_exhausted') && teaser) {
      this.#teaser = { ...teaser, status: 'exhausted', revealedByMe: false };
      this.#live.announce(t.promoExhausted);
    } else if (hasCode(error, 'not_found')) {
      this.#teaser = undefined;
      this.#loadError = error;
    } else if (!this.#rateLimit(error, () => void this.#doReveal(user))) {
      this.#revealError = error;
      this.#live.announce(errorMessage(error, t));
    }
  }

  /** A `rate_limited` refusal: say when, and run `retry` once the wait is over. */
  #rateLimit(error: unknown, retry: () => void): boolean {
    const e = asCercleError(error);
    if (e?.code !== 'rate_limited') return false;
    const wait = Math.max(1000, e.retryAfterMs ?? 10_000);
    clearTimeout(this.#retryTimer);
    this.#now = Date.now();
    this.#retryAt = this.#now + wait;
    this.#live.announce(this.localize.term.promoRateLimited(Math.ceil(wait / 1000)));
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = this.#retryAt = undefined;
      retry();
      this.requestUpdate();
    }, wait);
    return true;
  }

  #access(): Access {
    const m = this.#member.value;
    if (!m) return 'visitor';
    return m.status === 'active' && !this.#forbidden ? 'member' : 'waitlisted';
  }

  #expired(): boolean {
    const teaser = this.#teaser;
    return !!teaser && (teaser.status === 'expired' || Date.parse(teaser.expiresAt) <= this.#now);
  }

  #view(): View {
    if (this.#setupError === 'community') return 'missing';
    if (this.#setupError === 'offer') return 'no-offer';
    if (this.#setupError === 'api') return 'no-api';
    if (this.#teaser) return 'offer';
    if (this.#loadError === undefined) return 'loading';
    return hasCode(this.#loadError, 'not_found') ? 'not-found' : 'error';
  }

  // ---------------------------------------------------------------------------------------
  // Actions (each only on a user gesture)
  // ---------------------------------------------------------------------------------------

  #retry = async (): Promise<void> => {
    if (this.#retrying) return;
    this.#retrying = true;
    this.requestUpdate();
    await this.#load();
    this.#retrying = false;
    this.requestUpdate();
    void this.focusAfterUpdate(this.#view() === 'offer' ? '#title' : '#retry');
  };

  #onReveal = (): void => {
    if (this.#revealBusy || this.#retryAt !== undefined) return;
    void this.#doReveal(true);
  };

  #onRetryReveal = async (): Promise<void> => {
    await this.#doReveal(true);
    if (this.#revealError !== undefined) void this.focusAfterUpdate('#retry');
  };

  #onCopy = async (): Promise<void> => {
    const code = this.#reveal?.code;
    const community = this.community?.trim();
    const offer = this.offer?.trim();
    const backend = this.#backend;
    const token = this.#member.value?.token;
    if (!code || !community || !offer || !backend) return;
    const t = this.localize.term;
    let method: CercleCopyMethod = 'clipboard';
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no Clipboard API');
      await navigator.clipboard.writeText(code);
      this.#copyManual = false;
      this.#copied = true;
      this.#live.announce(t.promoCopiedAnnouncement);
      clearTimeout(this.#copiedTimer);
      this.#copiedTimer = setTimeout(() => {
        this.#copied = false;
        this.#copiedTimer = undefined;
        this.requestUpdate();
      }, COPIED_MS);
    } catch {
      // Refused (permissions, an insecure page, an old browser): select it for Ctrl+C / ⌘C.
      method = 'selection';
      this.#copied = false;
      this.#copyManual = true;
      this.#live.announce(t.promoCopyManually);
      await this.updateComplete;
      this.#selectCode();
    }
    this.requestUpdate();
    this.emit(new CercleCopyEvent({ community, offer, method }));
    if (token) {
      // Counts the copy in the funnel; the member's copy worked either way.
      backend.api.copyOffer(community, offer, { token }).catch((error: unknown) => {
        if (DEV) console.warn('[cercle] <cercle-promo> could not count the copy:', error);
      });
    }
  };

  #selectCode(): void {
    const box = this.renderRoot.querySelector<HTMLElement>('#code');
    const selection = document.getSelection();
    if (!box || !selection) return;
    const range = document.createRange();
    range.selectNodeContents(box);
    selection.removeAllRanges();
    selection.addRange(range);
  }

  // ---------------------------------------------------------------------------------------
  // Rendering
  // ---------------------------------------------------------------------------------------

  override render(): TemplateResult {
    const t = this.localize.term;
    return html`
      <div part="base" class="base" lang=${t.$code} dir=${t.$dir}>
        ${this.#renderContent(t)} ${this.#live.render()}
      </div>
    `;
  }

  #renderContent(t: Terms): TemplateResult {
    switch (this.#view()) {
      case 'missing':
        return renderProblem(t.errorMissingCommunity);
      case 'no-offer':
        return renderProblem(t.errorMissingOffer);
      case 'no-api':
        return renderProblem(t.errorNoApi);
      case 'not-found':
        return renderProblem(t.promoNotFound);
      case 'error':
        return this.#retryAt !== undefined
          ? renderProblem(t.promoRateLimited(this.#secondsLeft()))
          : renderProblem(errorMessage(this.#loadError, t), {
              label: t.retry,
              busy: this.#retrying,
              onClick: this.#retry,
            });
      case 'loading':
        return html`<div part="skeleton" class="skeleton">
          <span class="sr-only">${t.promoLoading}</span>
          <div class="bone bone-label"></div>
          <div class="bone bone-title"></div>
          <div class="bone bone-benefit"></div>
          <div class="bone"></div>
          <div class="bone bone-short"></div>
          <div class="bone bone-button"></div>
        </div>`;
      default:
        return this.#renderOffer(this.#teaser!, t);
    }
  }

  #secondsLeft(): number {
    return Math.max(1, Math.ceil(((this.#retryAt ?? 0) - this.#now) / 1000));
  }

  #renderOffer(teaser: OfferTeaser, t: Terms): TemplateResult {
    const ended = this.#expired();
    const expiresAt = new Date(teaser.expiresAt);
    return html`
      <p class="disclosure">${t.promoDisclosure(teaser.disclosure)}</p>
      <div part="header" class="header">
        <p class="eyebrow">${tagIcon()}<span>${t.promoEyebrow}</span></p>
        <h2 part="title" class="title" id="title" tabindex="-1">${teaser.title}</h2>
      </div>
      <p part="benefit" class="benefit">${teaser.benefit}</p>
      ${teaser.conditions ? html`<p part="conditions" class="conditions">${teaser.conditions}</p>` : nothing}
      ${
        ended
          ? nothing
          : html`<p part="countdown" class="countdown">
              ${clockIcon()}<time datetime=${teaser.expiresAt}
                >${t.promoEndsIn(expiresAt.getTime() - this.#now)}</time
              ><span class="sr-only">(${t.promoEndsAt(expiresAt)})</span>
            </p>`
      }
      <div class="action">${this.#renderAction(teaser, ended, t)}</div>
    `;
  }

  #renderAction(teaser: OfferTeaser, ended: boolean, t: Terms): TemplateResult {
    if (ended) {
      return this.#notice(clockIcon(), t.promoExpired(new Date(teaser.expiresAt)));
    }
    if (this.#reveal) return this.#renderCode(this.#reveal, t);
    if (teaser.status === 'exhausted' && !teaser.revealedByMe) {
      return this.#notice(alertIcon(), t.promoExhausted, t.promoExhaustedHint);
    }
    if (teaser.status === 'paused' && !teaser.revealedByMe) {
      return this.#notice(clockIcon(), t.promoPaused, t.promoPausedHint);
    }
    const access = this.#access();
    if (access !== 'member') return this.#renderLock(access, t);
    if (this.#retryAt !== undefined) {
      return this.#notice(alertIcon(), t.promoRateLimited(this.#secondsLeft()));
    }
    if (this.#revealError !== undefined) {
      return renderProblem(errorMessage(this.#revealError, t), {
        label: t.retry,
        busy: this.#revealBusy,
        onClick: this.#onRetryReveal,
      });
    }
    const busy = this.#revealBusy || teaser.revealedByMe;
    return html`<button
      part="button reveal-button"
      class="button button-primary reveal"
      id="reveal"
      type="button"
      aria-disabled=${busy ? 'true' : 'false'}
      @click=${this.#onReveal}
    >
      ${
        busy
          ? html`<span class="spinner" aria-hidden="true"></span>${t.promoRevealing}`
          : html`${tagIcon()}${t.promoReveal}`
      }
    </button>`;
  }

  #notice(icon: TemplateResult, message: string, hint?: string): TemplateResult {
    return html`<div part="notice" class="notice">
      ${icon}
      <p class="notice-text">
        <span class="notice-message">${message}</span>
        ${hint ? html`<span class="notice-hint">${hint}</span>` : nothing}
      </p>
    </div>`;
  }

  #renderLock(access: Exclude<Access, 'member'>, t: Terms): TemplateResult {
    return html`
      <div part="lock" class="call" @keydown=${this.#join.onKeydown}>
        <p class="placeholder" aria-hidden="true">
          ${lockIcon()}<span class="placeholder-dots">••••••••</span>
        </p>
        <div class="call-row">
          <p class="lock-text">${access === 'visitor' ? t.promoLocked : t.promoWaitlisted}</p>
          ${
            access === 'visitor'
              ? html`<button
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
                  ${t.promoJoin}
                </button>`
              : nothing
          }
        </div>
        ${this.#join.renderPanel(t.loading)}
      </div>
    `;
  }

  #renderCode(reveal: OfferReveal, t: Terms): TemplateResult {
    return html`
      <div class="revealed ${this.#animate ? 'enter' : ''}">
        <p class="code-label" id="code-label">${t.promoCodeLabel}</p>
        <div class="code-row">
          <p part="code" class="code" id="code" tabindex="-1">${reveal.code}</p>
          <button
            part="button copy-button"
            class="button button-secondary copy"
            id="copy"
            type="button"
            aria-describedby="code-label code"
            @click=${this.#onCopy}
          >
            ${this.#copied ? html`${checkIcon()}${t.promoCopied}` : html`${copyIcon()}${t.promoCopy}`}
          </button>
        </div>
        ${
          this.#copyManual
            ? html`<p part="hint" class="hint hint-manual">${t.promoCopyManually}</p>`
            : nothing
        }
        <p part="hint" class="hint">${t.promoValidUntil(new Date(reveal.expiresAt))}</p>
      </div>
    `;
  }
}
