import { html, isServer, type PropertyValues, type TemplateResult } from 'lit';
import type { CercleApi } from '@cercle/client';
import type { OfferReveal, OfferTeaser } from '@cercle/client/contract';
import { backendChanged, setUpWidget } from '../internal/backend.js';
import { CercleElement } from '../internal/cercle-element.js';
import { JoinInPlace, joinInPlaceStyles } from '../internal/join-in-place.js';
import { LiveRegion } from '../internal/live-region.js';
import type { ResolvedApi } from '../internal/config.js';
import { DEV } from '../internal/dev.js';
import { asCercleError, errorMessage, hasCode, isUnauthorized } from '../internal/errors.js';
import { renderProblem } from '../internal/problem.js';
import { StoreController } from '../internal/store-controller.js';
import { configStore, sessionStore, type MemberSession } from '../internal/stores.js';
import { tokens } from '../internal/tokens.js';
import { widgetStyles } from '../internal/widget.styles.js';
import { CercleCopyEvent } from '../events/copy.js';
import { CercleRevealEvent } from '../events/reveal.js';
import { renderAction } from './action.js';
import { CodeCopy } from './code.js';
import { styles } from './promo.styles.js';
import { renderSkeleton, renderTeaser, type Terms } from './teaser.js';
import { promoTerms, type PromoTerms } from './terms.js';
import { Backoff, Clock } from './timers.js';

type View = 'missing' | 'no-offer' | 'no-api' | 'loading' | 'error' | 'not-found' | 'offer';
type Access = 'visitor' | 'waitlisted' | 'member';

const DAY = 86_400_000;

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
    _setupError: { state: true },
    _teaser: { state: true },
    _loadError: { state: true },
    _retrying: { state: true },
    _reveal: { state: true },
    _revealBusy: { state: true },
    _revealError: { state: true },
    _forbidden: { state: true },
    _animate: { state: true },
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

  declare private _setupError: 'community' | 'offer' | 'api' | undefined;
  declare private _teaser: OfferTeaser | undefined;
  declare private _loadError: unknown;
  declare private _retrying: boolean;
  /** The member's code: only here, and only once they revealed it. */
  declare private _reveal: OfferReveal | undefined;
  declare private _revealBusy: boolean;
  declare private _revealError: unknown;
  /** The backend refused the reveal with 403: the member is not in the circle yet. */
  declare private _forbidden: boolean;
  declare private _animate: boolean;

  #backend: ResolvedApi | undefined;
  #member = new StoreController<MemberSession | null>(this, undefined, (m) => this.#onMember(m));
  #memberKey = '';
  #loadRun: AbortController | undefined;
  /** The countdown's time; too many tries: the wait; the copy button. */
  readonly #clock = new Clock(this);
  readonly #backoff = new Backoff(this);
  readonly #copy = new CodeCopy(this);

  readonly #join = new JoinInPlace(this, (error) =>
    this.#live.announce(errorMessage(error, this.localize.term)),
  );
  readonly #live = new LiveRegion(this);

  constructor() {
    super();
    this._retrying = this._revealBusy = this._forbidden = this._animate = false;
    new StoreController(this, configStore(), () => {
      if (backendChanged(this, this.#backend)) this.#connect();
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.#connect();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#loadRun?.abort();
    this.#loadRun = undefined;
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
    const status = offer && !ended && !this._reveal ? this._teaser?.status : undefined;
    const open = offer && !ended && status !== 'exhausted' && status !== 'paused';
    this.setState('loading', view === 'loading');
    this.setState('error', view !== 'loading' && !offer);
    this.setState('expired', ended);
    this.setState('exhausted', status === 'exhausted');
    this.setState('paused', status === 'paused');
    this.setState('locked', open && !this._reveal && access === 'visitor');
    this.setState('waitlisted', open && !this._reveal && access === 'waitlisted');
    this.setState('member', access === 'member');
    this.setState('busy', this._revealBusy);
    this.setState('revealed', open && !!this._reveal);
    this.setState('copied', this.#copy.copied);
    const waiting = this.#backoff.until !== undefined;
    this.setState('rate-limited', waiting);

    // One timer: every second under a day (and while a wait counts down), else every minute.
    const left = this._teaser ? Date.parse(this._teaser.expiresAt) - this.#clock.now : Infinity;
    this.#clock.tick(
      !this.isConnected || (!open && !waiting) ? 0 : waiting || left < DAY ? 1000 : 60_000,
    );
  }

  // Data ---------------------------------------------------------------------------------

  /** (Re)binds the widget to its offer and backend, and loads the teaser. */
  #connect(): void {
    this.#loadRun?.abort();
    this.#loadRun = undefined;
    this.#backoff.clear();
    this.#copy.reset();
    this.#clock.sync();
    this.#backend = this._setupError = undefined;
    this._teaser = this._reveal = undefined;
    this._loadError = this._revealError = undefined;
    this._forbidden = this._revealBusy = false;

    const setup = setUpWidget(
      this,
      'promo',
      { community: this.community, offer: this.offer },
      '<cercle-promo community="maison-verte" offer="bienvenue-10">',
    );
    if (!setup.ok) {
      this._setupError = setup.error;
      this.#member.setStore(undefined);
      this.#memberKey = '';
      return;
    }
    this.#backend = setup.backend;
    const store = sessionStore(this.#backend.key, setup.values.community);
    this.#memberKey = keyOf(store.get());
    this.#member.setStore(store);
    void this.#load();
  }

  /** The member session changed (here, in another widget or another tab). */
  #onMember(member: MemberSession | null): void {
    const key = keyOf(member);
    if (key === this.#memberKey) return;
    const wasActive = this.#memberKey.startsWith('active:');
    this.#memberKey = key;
    this._forbidden = false;
    this._revealError = undefined;
    const active = member?.status === 'active';
    if (!active) {
      // Left the circle (or no longer active): the code goes with the membership.
      this._reveal = undefined;
      this.#copy.reset();
    }
    if (active && !wasActive) {
      // Joined, in this widget or anywhere on the page: unlock at once.
      const here = this.#join.open;
      this.#join.open = false;
      this.#live.announce(this.localize.term.promoUnlocked);
      if (here) void this.focusAfterUpdate('#reveal');
    }
    void this.#load();
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
      this._teaser = teaser;
      this._loadError = undefined;
      this.#clock.sync();
      // A returning member sees their code again without a click (reveal is idempotent).
      if (
        teaser.revealedByMe &&
        teaser.status !== 'expired' &&
        !this._reveal &&
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
      if (this._teaser && !hasCode(error, 'not_found')) return;
      this._teaser = undefined;
      this._loadError = error;
      this.#rateLimit(error, () => void this.#load());
    } finally {
      if (this.#loadRun === run) this.#loadRun = undefined;
    }
  }

  /** Reveals the member's code; `user`: on their click (then the event fires and focus moves). */
  async #doReveal(user: boolean): Promise<void> {
    const backend = this.#backend;
    const community = this.community?.trim();
    const offer = this.offer?.trim();
    const token = this.#member.value?.token;
    if (!backend || !community || !offer || !token || this._revealBusy) return;
    this._revealBusy = true;
    this._revealError = undefined;
    try {
      const reveal = await backend.api.revealOffer(community, offer, { token });
      if (this.#member.value?.token !== token) return; // left meanwhile: drop it
      this._reveal = reveal;
      this._animate = user;
      if (user) {
        this.#live.announce(this.localize.term.promoRevealed);
        this.emit(new CercleRevealEvent({ community, offer, code: reveal.code }));
        void this.focusAfterUpdate('#copy', true);
      }
    } catch (error) {
      this.#onRevealError(error, user);
    } finally {
      this._revealBusy = false;
    }
  }

  #onRevealError(error: unknown, user: boolean): void {
    const backend = this.#backend;
    const community = this.community?.trim();
    const teaser = this._teaser;
    const t = this.localize.term;
    if (isUnauthorized(error)) {
      if (backend && community) sessionStore(backend.key, community).set(null);
      this.#live.announce(t.promoMembersOnly);
    } else if (hasCode(error, 'forbidden')) {
      this._forbidden = true;
      this.#live.announce(t.promoWaitlisted);
    } else if (hasCode(error, 'offer_expired') && teaser) {
      this._teaser = { ...teaser, status: 'expired' };
      this.#live.announce(t.promoExpired(new Date(teaser.expiresAt)));
    } else if (hasCode(error, 'offer_exhausted') && teaser) {
      this._teaser = { ...teaser, status: 'exhausted', revealedByMe: false };
      this.#live.announce(t.promoExhausted);
    } else if (hasCode(error, 'not_found')) {
      this._teaser = undefined;
      this._loadError = error;
    } else if (!this.#rateLimit(error, () => void this.#doReveal(user))) {
      this._revealError = error;
      this.#live.announce(errorMessage(error, t));
    }
  }

  /** A `rate_limited` refusal: say when, and run `retry` once the wait is over. */
  #rateLimit(error: unknown, retry: () => void): boolean {
    const e = asCercleError(error);
    if (e?.code !== 'rate_limited') return false;
    const wait = Math.max(1000, e.retryAfterMs ?? 10_000);
    this.#clock.sync();
    this.#backoff.wait(this.#clock.now, wait, retry);
    this.#live.announce(this.localize.term.promoRateLimited(Math.ceil(wait / 1000)));
    return true;
  }

  #access(): Access {
    const m = this.#member.value;
    if (!m) return 'visitor';
    return m.status === 'active' && !this._forbidden ? 'member' : 'waitlisted';
  }

  #expired(): boolean {
    const teaser = this._teaser;
    const now = this.#clock.now;
    return !!teaser && (teaser.status === 'expired' || Date.parse(teaser.expiresAt) <= now);
  }

  #view(): View {
    if (this._setupError === 'community') return 'missing';
    if (this._setupError === 'offer') return 'no-offer';
    if (this._setupError === 'api') return 'no-api';
    if (this._teaser) return 'offer';
    if (this._loadError === undefined) return 'loading';
    return hasCode(this._loadError, 'not_found') ? 'not-found' : 'error';
  }

  // Actions (each only on a user gesture) ------------------------------------------------

  #retry = async (): Promise<void> => {
    if (this._retrying) return;
    this._retrying = true;
    await this.#load();
    this._retrying = false;
    void this.focusAfterUpdate(this.#view() === 'offer' ? '#title' : '#retry');
  };

  #onReveal = (): void => {
    if (this._revealBusy || this.#backoff.until !== undefined) return;
    void this.#doReveal(true);
  };

  #onRetryReveal = async (): Promise<void> => {
    await this.#doReveal(true);
    if (this._revealError !== undefined) void this.focusAfterUpdate('#retry');
  };

  #onCopy = async (): Promise<void> => {
    const code = this._reveal?.code;
    const community = this.community?.trim();
    const offer = this.offer?.trim();
    const backend = this.#backend;
    const token = this.#member.value?.token;
    if (!code || !community || !offer || !backend) return;
    const t = this.localize.term;
    const method = await this.#copy.copy(code);
    // Refused (permissions, an insecure page, an old browser): selected for Ctrl+C / ⌘C.
    this.#live.announce(method === 'clipboard' ? t.promoCopiedAnnouncement : t.promoCopyManually);
    this.emit(new CercleCopyEvent({ community, offer, method }));
    if (token) {
      // Counts the copy in the funnel; the member's copy worked either way.
      backend.api.copyOffer(community, offer, { token }).catch((error: unknown) => {
        if (DEV) console.warn('[cercle] <cercle-promo> could not count the copy:', error);
      });
    }
  };

  // Rendering ----------------------------------------------------------------------------

  override render(): TemplateResult {
    const t = this.localize.term;
    return html`<div part="base" class="base" lang=${t.$code} dir=${t.$dir}>
      ${this.#renderContent(t)} ${this.#live.render()}
    </div>`;
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
        return this.#backoff.until !== undefined
          ? renderProblem(t.promoRateLimited(this.#secondsLeft()))
          : renderProblem(errorMessage(this._loadError, t), {
              label: t.retry,
              busy: this._retrying,
              onClick: () => void this.#retry(),
            });
      case 'loading':
        return renderSkeleton(t, this.#access());
      default: {
        const ended = this.#expired();
        const teaser = this._teaser!;
        const action = renderAction({
          teaser,
          t,
          ended,
          reveal: this._reveal,
          access: this.#access(),
          join: this.#join,
          waitSeconds: this.#backoff.until === undefined ? undefined : this.#secondsLeft(),
          revealBusy: this._revealBusy,
          revealError: this._revealError,
          animate: this._animate,
          copied: this.#copy.copied,
          copyManual: this.#copy.manual,
          onCopy: () => void this.#onCopy(),
          onReveal: this.#onReveal,
          onRetryReveal: () => void this.#onRetryReveal(),
        });
        return renderTeaser(teaser, t, ended, this.#clock.now, action);
      }
    }
  }

  #secondsLeft(): number {
    return Math.max(1, Math.ceil(((this.#backoff.until ?? 0) - this.#clock.now) / 1000));
  }
}
