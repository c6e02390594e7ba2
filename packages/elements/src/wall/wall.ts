import { html, isServer, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import type { CercleApi } from '@cercle/client';
import {
  TESTIMONIALS_PAGE_MAX,
  type OwnTestimonial,
  type Testimonial,
  type TestimonialAggregate,
  type TestimonialSort,
} from '@cercle/client/browser';
import { backendChanged, setUpWidget } from '../internal/backend.js';
import { CercleElement } from '../internal/cercle-element.js';
import { JoinInPlace, joinInPlaceStyles } from '../internal/join-in-place.js';
import { LiveRegion } from '../internal/live-region.js';
import { domId } from '../internal/dom-id.js';
import type { ResolvedApi } from '../internal/config.js';
import { DEV, warnOnce } from '../internal/dev.js';
import { errorMessage, hasCode, isUnauthorized } from '../internal/errors.js';
import { checkIcon, externalIcon, lockIcon } from '../internal/icons.js';
import { busyLabel, renderFormError, renderProblem } from '../internal/problem.js';
import { ReportDialog, reportStyles } from '../internal/report-dialog.js';
import { StoreController } from '../internal/store-controller.js';
import { configStore, sessionStore, type MemberSession } from '../internal/stores.js';
import { tokens } from '../internal/tokens.js';
import { safeUrl } from '../internal/url.js';
import { formStyles } from '../internal/form.styles.js';
import { widgetStyles } from '../internal/widget.styles.js';
import { CercleTestimonialSubmitEvent } from '../events/testimonial-submit.js';
import { renderCard, renderLegal, stars, type Terms } from './card.js';
import type { CercleWallForm, FormContext } from './wall-form.js';
import { carouselSheet } from './carousel.styles.js';
import { mineSheet } from './mine.styles.js';
import { styles } from './wall.styles.js';
import { wallTerms, type WallTerms } from './terms.js';

export type WallLayout = 'grid' | 'masonry' | 'carousel' | 'list';
export type WallSort = TestimonialSort;

type View = 'missing' | 'no-api' | 'loading' | 'error' | 'not-found' | 'wall';
/** What every card's template reads besides the testimonial; one object while unchanged. */
interface Shared {
  t: Terms;
  carousel: boolean;
  total: number;
  reportFor: string | undefined;
  reportBusy: boolean;
  reportError: string | undefined;
}

const LAYOUTS: readonly WallLayout[] = ['grid', 'masonry', 'carousel', 'list'];
/** The wall starts loading when it comes this close to the viewport (CSS pixels). */
const NEAR_VIEWPORT = 200;

const reducedMotion = (): boolean =>
  typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

const cardId = (e: Event): string | undefined =>
  (e.currentTarget as HTMLElement).closest<HTMLElement>('[data-id]')?.dataset.id;

interface TrustedTypesLike {
  createPolicy(
    name: string,
    rules: { createScript: (input: string) => string },
  ): { createScript(input: string): unknown };
}

let jsonLdPolicy: { createScript(input: string): unknown } | null | undefined;

/**
 * The text of the JSON-LD script: under Trusted Types (`require-trusted-types-for 'script'`)
 * a script's text is a sink, so it goes through a policy named `cercle-jsonld` that only
 * lets JSON through (a page with a `trusted-types` allow-list must name it).
 */
function scriptText(json: string): string {
  const tt = (globalThis as { trustedTypes?: TrustedTypesLike }).trustedTypes;
  if (!tt) return json;
  if (jsonLdPolicy === undefined) {
    try {
      jsonLdPolicy = tt.createPolicy('cercle-jsonld', {
        createScript: (input) => JSON.stringify(JSON.parse(input)).replace(/</g, '\\u003c'),
      });
    } catch {
      jsonLdPolicy = null;
    }
  }
  return (jsonLdPolicy ? jsonLdPolicy.createScript(json) : json) as string;
}

/**
 * `<cercle-wall>` is the wall of testimonials written by members of the circle: the average
 * rating and count, then each testimonial as a card with its author ("A member" when they
 * did not publish their name), how long they have been a member, whether their membership
 * was verified, the rating, the text, a photo of what they made, tags and dates. Paid or
 * rewarded testimonials and edited or generated images carry their legal label ("Publicité",
 * "Collaboration commerciale", "Image retouchée", "Image virtuelle" on a French page) as
 * visible text at the top of the card, which the page's CSS cannot hide while the text stays
 * visible. A line under the wall says how reviews are collected and checked, with the policy.
 *
 * Members share their experience from the wall (rating, text, optional photo with its
 * description, consent to publish name and photo); it shows once the host approved it, and
 * the member sees theirs while it waits, or why it was refused, and can withdraw it.
 * Visitors open the join card in place. The wall loads only when it nears the viewport.
 *
 * @summary The wall of member testimonials: ratings, photos, legal labels, submit and withdraw.
 *
 * @tag cercle-wall
 * @status experimental
 * @since 0.1
 *
 * @csspart base - The wall.
 * @csspart header - The title, average and count.
 * @csspart title - "Member reviews".
 * @csspart average - The average rating and its stars.
 * @csspart count - "38 reviews from members".
 * @csspart stars - Stars, in the header and on each card (one text alternative each).
 * @csspart share - The call to share an experience (members) or to join (visitors), and its panel.
 * @csspart button - Every text button (with a second name: `share-button`, `submit-button`, `more-button`, `retry-button`, `send-button`, `cancel-button`, `withdraw-button`, `confirm-button`, `prev-button`, `next-button`, `pause-button`).
 * @csspart share-button - "Share your experience".
 * @csspart join-panel - The panel that holds the join card, opened in place for visitors.
 * @csspart form - The testimonial form.
 * @csspart label - The labels of the form's fields.
 * @csspart rating - The rating's five stars (a radio group).
 * @csspart textarea - The testimonial's text, and the report's details.
 * @csspart counter - The text's character counter.
 * @csspart input - The photo file and its description.
 * @csspart preview - The preview of the chosen photo.
 * @csspart checkbox - The consent checkbox of the photo.
 * @csspart dropzone - The photo's drop zone (the file input covers it, transparent).
 * @csspart publish - The choice "publish with my name / anonymously" (a radio group).
 * @csspart radio - Its two radio buttons.
 * @csspart hint - The hints under the fields.
 * @csspart field-error - What is wrong with a field.
 * @csspart form-error - Why sending failed.
 * @csspart form-status - The confirmation once a testimonial is sent.
 * @csspart mine - The member's own testimonials (awaiting moderation, refused, published).
 * @csspart mine-item - One of them.
 * @csspart mine-state - Its state, and the host's statement of reasons when refused.
 * @csspart list - The cards (the track of the carousel).
 * @csspart card - One testimonial, its legal labels included.
 * @csspart avatar - The author's initials.
 * @csspart author - The author's name, or "A member".
 * @csspart member-since - "Member since November 2025".
 * @csspart verified - Whether and how the author's membership was verified.
 * @csspart text - The testimonial's text.
 * @csspart read-more-button - "Read more" / "Read less" on long texts.
 * @csspart photo - The photo of what they made.
 * @csspart tags - The tags.
 * @csspart tag - One tag.
 * @csspart dates - "Experienced on …", "Published on …".
 * @csspart report-button - A card's "Report".
 * @csspart report-form - The report form: reason and details.
 * @csspart select - The report's reason.
 * @csspart carousel - The carousel (layout `carousel`).
 * @csspart controls - The carousel's previous, next and pause buttons.
 * @csspart more-button - "Show more reviews".
 * @csspart policy - The line under the wall: how reviews are collected and checked.
 * @csspart empty - The empty wall.
 * @csspart error - The error state (message and retry button).
 * @csspart skeleton - The loading placeholder.
 *
 * @cssproperty [--cercle-wall-surface=var(--cercle-color-surface-alt)] - Background of the wall around the cards.
 * @cssproperty [--cercle-wall-background=var(--cercle-color-surface)] - Card background.
 * @cssproperty [--cercle-wall-color=var(--cercle-color-text)] - Text color.
 * @cssproperty [--cercle-wall-accent=var(--cercle-color-accent)] - Buttons, links, the verified badge.
 * @cssproperty [--cercle-wall-accent-hover=var(--cercle-color-accent-hover)] - Buttons on hover.
 * @cssproperty [--cercle-wall-on-accent=var(--cercle-color-on-accent)] - Text on the accent.
 * @cssproperty [--cercle-wall-star=#b26b00] - Filled stars.
 * @cssproperty [--cercle-wall-border=1px solid var(--cercle-color-border)] - Card border.
 * @cssproperty [--cercle-wall-radius=var(--cercle-radius-large)] - Card corner radius.
 * @cssproperty [--cercle-wall-padding=var(--cercle-space-l)] - Card padding.
 * @cssproperty [--cercle-wall-shadow=var(--cercle-shadow)] - Card shadow.
 * @cssproperty [--cercle-wall-gap=var(--cercle-space-l)] - Space between cards.
 * @cssproperty [--cercle-wall-card-width=17rem] - Narrowest card of the grid and masonry, width of a carousel slide.
 * @cssproperty [--cercle-wall-card-height=22rem] - Height reserved for a card not rendered yet (off screen).
 *
 * @cssstate loading - The wall is loading (or waiting to come near the viewport).
 * @cssstate error - Loading failed, or the widget is misconfigured.
 * @cssstate empty - No testimonial to show.
 * @cssstate member - The visitor is an active member: they can share their experience.
 * @cssstate busy - A testimonial is being sent.
 * @cssstate rotating - The carousel advances on its own (`autoplay`, not paused).
 *
 * @event {CercleTestimonialSubmitEvent} cercle-testimonial-submit - The member sent a testimonial and the backend accepted it. Detail: `{ community, testimonial }` (`testimonial.state` is `pending` until the host approves it).
 * @event {CercleReportEvent} cercle-report - The visitor reported a testimonial to the host. Detail: `{ community, targetKind: 'testimonial', targetId, reason }`.
 */
export class CercleWall extends CercleElement<WallTerms> {
  static override terms = wallTerms;
  static override styles = [
    tokens,
    widgetStyles,
    joinInPlaceStyles,
    reportStyles,
    formStyles,
    styles,
    carouselSheet,
    mineSheet,
  ];

  static override properties = {
    community: {},
    api: {},
    layout: { reflect: true },
    tag: {},
    minRating: { attribute: 'min-rating', type: Number },
    limit: { type: Number },
    sort: {},
    seoProduct: { attribute: 'seo-product' },
    autoplay: { type: Boolean },
    autoplayDelay: { attribute: 'autoplay-delay', type: Number },
    adapter: { attribute: false },
  };

  /** The community's slug, e.g. `maison-verte`. Required. */
  declare community: string | undefined;

  /**
   * Base URL of a backend that speaks the Cercle contract. Default: `configure({ api })`,
   * else `<meta name="cercle-api" content="…">`.
   */
  declare api: string | undefined;

  /** `grid` (default), `masonry`, `carousel` or `list`. */
  declare layout: WallLayout;

  /** Only testimonials with this tag, e.g. `pain`. The average and count follow it. */
  declare tag: string | undefined;

  /**
   * Only testimonials rated at least this (1–5). The header still gives the average and
   * count of every testimonial; no search-engine markup is added (a filtered average would mislead).
   */
  declare minRating: number | undefined;

  /** How many testimonials a page loads (1–50, default 12). */
  declare limit: number;

  /** `recent` (default): newest first; `rating`: best rated first. */
  declare sort: WallSort;

  /**
   * The name of the product the testimonials are about. When set, the wall adds
   * `Product` + `AggregateRating` + `Review` JSON-LD (schema.org) to the page, built from the
   * testimonials shown, sponsored ones left out. Under Trusted Types, allow the policy `cercle-jsonld`.
   */
  declare seoProduct: string | undefined;

  /** The carousel advances on its own (never under `prefers-reduced-motion`); pauses on hover and focus. */
  declare autoplay: boolean;

  /** Milliseconds between two slides when `autoplay` is set (default 6000). */
  declare autoplayDelay: number;

  /**
   * Your own implementation of the Cercle operations (`CercleApi`), for a backend that
   * speaks something else. Wins over `api`. Property only.
   */
  declare adapter: CercleApi | undefined;

  #backend: ResolvedApi | undefined;
  #setupError: 'community' | 'api' | undefined;
  #member = new StoreController<MemberSession | null>(this, undefined, (m) => this.#onMember(m));
  #wasMember = false;
  #token: string | undefined;

  #phase: 'idle' | 'loading' | 'error' | 'ready' = 'idle';
  #error: unknown;
  #items = new Map<string, Testimonial>();
  #order: string[] = [];
  #cursor: string | null = null;
  #aggregate: TestimonialAggregate = { count: 0, average: 0 };
  #policyUrl: string | undefined;
  #loads = 0;
  #abort: AbortController | undefined;
  #observer: IntersectionObserver | undefined;
  #loadingMore = false;
  #retrying = false;
  #expanded: ReadonlySet<string> = new Set();
  #ctx: Shared | undefined;
  /** Each card's last template result and what it was rendered from (see `#renderCards`). */
  #cards = new Map<string, { deps: unknown[]; card: TemplateResult }>();

  #mine: OwnTestimonial[] = [];
  #mineFor: string | undefined;
  #withdrawFor: string | undefined;
  #withdrawBusy = false;
  #withdrawError: string | undefined;

  #report = new ReportDialog(this, {
    kind: 'testimonial',
    context: () => {
      const community = this.community?.trim();
      return this.#backend && community
        ? { api: this.#backend.api, community, token: this.#member.value?.token }
        : undefined;
    },
    forgetToken: (token) => this.#forgetToken(token),
    terms: () => this.localize.term,
    message: (error) => errorMessage(error, this.localize.term),
    announce: (message) => this.#live.announce(message),
    focus: (selector) => void this.focusAfterUpdate(selector),
  });

  #formOpen = false;
  #formBusy = false;
  #formStatus: string | undefined;
  /** The form's module, loaded the first time a member opens it; its load while pending. */
  #formModule: Promise<unknown> | undefined;
  #formReady = false;
  #formContext: FormContext | undefined;

  readonly #join = new JoinInPlace(this, (error) =>
    this.#live.announce(errorMessage(error, this.localize.term)),
  );

  #slide = 0;
  /** The last slide "next" goes to (see `#lastStop`). */
  #last = Infinity;
  #userPaused = false;
  #hovered = false;
  #focusWithin = false;
  #timer: ReturnType<typeof setInterval> | undefined;
  #scrollFrame = 0;

  #script: HTMLScriptElement | undefined;
  #scriptJson: string | undefined;
  readonly #live = new LiveRegion(this);

  constructor() {
    super();
    this.layout = 'grid';
    this.limit = 12;
    this.sort = 'recent';
    this.autoplay = false;
    this.autoplayDelay = 6000;
    new StoreController(this, configStore(), () => this.#onConfig());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated && this.#phase === 'idle') this.#observe();
    document.addEventListener('visibilitychange', this.#onReturn);
    addEventListener('focus', this.#onReturn);
  }

  /**
   * The member comes back to the page (tab shown, window focused): their own testimonials
   * are asked again, so one the host published meanwhile says "Published" without a reload.
   */
  #onReturn = (): void => {
    if (document.visibilityState !== 'visible' || !this.#mineFor) return;
    this.#mineFor = undefined;
    void this.#loadMine();
  };

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.#onReturn);
    removeEventListener('focus', this.#onReturn);
    this.#observer?.disconnect();
    this.#observer = undefined;
    if (this.#phase === 'loading') {
      this.#abort?.abort();
      this.#loads++;
      this.#phase = 'idle';
    }
    this.#stopTimer();
    cancelAnimationFrame(this.#scrollFrame);
    this.#removeScript();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (isServer) return;
    if (
      !this.hasUpdated ||
      changed.has('community') ||
      changed.has('api') ||
      changed.has('adapter') ||
      changed.has('tag') ||
      changed.has('minRating') ||
      changed.has('limit') ||
      changed.has('sort')
    ) {
      this.#connect();
    }
    if (DEV) this.#checkAttributes(changed);
  }

  protected override updated(): void {
    const view = this.#view();
    this.setState('loading', view === 'loading');
    this.setState(
      'error',
      view === 'error' || view === 'not-found' || view === 'missing' || view === 'no-api',
    );
    this.setState('empty', view === 'wall' && this.#order.length === 0);
    this.setState('member', this.#isMember());
    this.setState('busy', this.#formBusy);
    this.#syncTimer();
    this.setState('rotating', this.#timer !== undefined);
    this.#syncScript();
  }

  #checkAttributes(changed: PropertyValues<this>): void {
    if (changed.has('layout') && !LAYOUTS.includes(this.layout)) {
      warnOnce(
        `<cercle-wall> layout="${String(this.layout)}" is not a layout: use ${LAYOUTS.map((l) => `"${l}"`).join(', ')}.`,
        'widgets/wall.md#layouts',
      );
    }
    if (changed.has('sort') && this.sort !== 'recent' && this.sort !== 'rating') {
      warnOnce(
        `<cercle-wall> sort="${String(this.sort)}" is not a sort: use "recent" or "rating".`,
        'widgets/wall.md#attributes',
      );
    }
    if (changed.has('limit') && this.#limit !== this.limit) {
      warnOnce(
        `<cercle-wall> limit="${String(this.limit)}" is out of range: a page holds 1 to ${TESTIMONIALS_PAGE_MAX} testimonials.`,
        'widgets/wall.md#attributes',
      );
    }
    if (
      (changed.has('seoProduct') || changed.has('minRating')) &&
      this.seoProduct &&
      this.#minRating
    ) {
      warnOnce(
        '<cercle-wall> adds no search-engine markup with min-rating: the average of a filtered subset would mislead. Remove min-rating or seo-product.',
        'widgets/wall.md#search-engine-markup',
      );
    }
  }

  get #layout(): WallLayout {
    return LAYOUTS.includes(this.layout) ? this.layout : 'grid';
  }

  get #limit(): number {
    const n = Math.trunc(Number(this.limit));
    return Number.isFinite(n) ? Math.min(TESTIMONIALS_PAGE_MAX, Math.max(1, n)) : 12;
  }

  get #minRating(): number | undefined {
    const n = Math.trunc(Number(this.minRating));
    return n >= 1 && n <= 5 ? n : undefined;
  }

  get #sort(): WallSort {
    return this.sort === 'rating' ? 'rating' : 'recent';
  }

  // ---------------------------------------------------------------------------------------
  // Data
  // ---------------------------------------------------------------------------------------

  /** (Re)binds the widget to its community, backend and filters; loads once near the viewport. */
  #connect(): void {
    this.#abort?.abort();
    this.#loads++;
    this.#observer?.disconnect();
    this.#observer = undefined;
    this.#backend = undefined;
    this.#setupError = undefined;
    this.#phase = 'idle';
    this.#error = undefined;
    this.#items = new Map();
    this.#order = [];
    this.#cards = new Map();
    this.#cursor = null;
    this.#loadingMore = false;
    this.#slide = 0;
    this.#last = Infinity;
    this.#report.reset();

    const setup = setUpWidget(
      this,
      'wall',
      { community: this.community },
      '<cercle-wall community="maison-verte">',
    );
    if (!setup.ok) {
      this.#setupError = setup.error;
      this.#member.setStore(undefined);
      this.requestUpdate();
      return;
    }
    const { community } = setup.values;
    this.#backend = setup.backend;
    this.#mineFor = undefined;
    this.#member.setStore(sessionStore(this.#backend.key, community));
    if (this.isConnected) this.#observe();
    this.requestUpdate();
  }

  #onConfig(): void {
    if (backendChanged(this, this.#backend)) this.#connect();
  }

  /**
   * Loads when the wall comes within 200px of the viewport: at once when it is there already
   * (a synchronous look, so a wall on screen does not wait a frame for its first observation),
   * else when an IntersectionObserver says so (at once without IntersectionObserver).
   */
  #observe(): void {
    if (this.#observer || this.#phase !== 'idle' || !this.#backend) return;
    if (typeof IntersectionObserver !== 'function' || this.#nearViewport()) {
      void this.#load();
      return;
    }
    this.#observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        this.#observer?.disconnect();
        this.#observer = undefined;
        void this.#load();
      },
      { rootMargin: `${NEAR_VIEWPORT}px` },
    );
    this.#observer.observe(this);
  }

  /** Whether the wall is rendered (not `display: none`) within reach of the viewport now. */
  #nearViewport(): boolean {
    if (this.getClientRects().length === 0) return false;
    const r = this.getBoundingClientRect();
    const m = NEAR_VIEWPORT;
    return r.top < innerHeight + m && r.bottom > -m && r.left < innerWidth + m && r.right > -m;
  }

  #query(cursor?: string): Parameters<CercleApi['listTestimonials']>[1] {
    const minRating = this.#minRating;
    const tag = this.tag?.trim();
    return {
      sort: this.#sort,
      limit: this.#limit,
      ...(cursor ? { cursor } : {}),
      ...(tag ? { tag } : {}),
      ...(minRating ? { minRating } : {}),
    };
  }

  /** Loads the first page (and the member's own testimonials). */
  async #load(): Promise<void> {
    const backend = this.#backend;
    const community = this.community?.trim();
    if (!backend || !community) return;
    this.#abort?.abort();
    const ctrl = new AbortController();
    this.#abort = ctrl;
    const load = ++this.#loads;
    this.#phase = 'loading';
    this.requestUpdate();
    void this.#loadMine();
    try {
      const page = await backend.api.listTestimonials(community, {
        ...this.#query(),
        signal: ctrl.signal,
      });
      if (load !== this.#loads) return;
      this.#items = new Map(page.testimonials.map((t) => [t.id, t]));
      this.#order = page.testimonials.map((t) => t.id);
      this.#cursor = page.nextCursor;
      this.#aggregate = page.aggregate;
      this.#policyUrl = safeUrl(page.reviewPolicyUrl);
      this.#phase = 'ready';
      this.#error = undefined;
    } catch (error) {
      if (load !== this.#loads) return;
      this.#phase = 'error';
      this.#error = error;
    }
    this.requestUpdate();
  }

  /** The member's own testimonials, in every state (refusals with the host's statement). */
  async #loadMine(): Promise<void> {
    const backend = this.#backend;
    const community = this.community?.trim();
    const token = this.#isMember() ? this.#member.value?.token : undefined;
    if (!backend || !community || !token) {
      this.#mine = [];
      this.#mineFor = undefined;
      this.requestUpdate();
      return;
    }
    if (this.#mineFor === token || this.#phase === 'idle') return;
    this.#mineFor = token;
    try {
      const { testimonials } = await backend.api.myTestimonials(community, { token });
      if (this.#mineFor !== token) return;
      this.#mine = testimonials;
    } catch (error) {
      if (this.#mineFor !== token) return;
      this.#mineFor = undefined;
      if (isUnauthorized(error)) this.#forgetToken(token);
    }
    this.requestUpdate();
  }

  #onMember(member: MemberSession | null): void {
    const active = member?.status === 'active';
    this.#token = active ? member.token : undefined;
    if (active && !this.#wasMember && this.#join.open) {
      // Joined in place: close the join card and open the form at once.
      this.#join.open = false;
      this.#openForm();
      this.#live.announce(this.localize.term.wallJoinedCall);
      void this.focusAfterUpdate('#rating-1');
    }
    if (!active) this.#formOpen = false;
    this.#wasMember = active;
    if (this.#mineFor !== this.#token) void this.#loadMine();
  }

  #isMember(): boolean {
    return this.#member.value?.status === 'active';
  }

  #forgetToken(token: string): void {
    const backend = this.#backend;
    const community = this.community?.trim();
    if (!backend || !community) return;
    const store = sessionStore(backend.key, community);
    if (store.get()?.token === token) store.set(null);
  }

  #view(): View {
    if (this.#setupError === 'community') return 'missing';
    if (this.#setupError === 'api') return 'no-api';
    if (this.#phase === 'error') return hasCode(this.#error, 'not_found') ? 'not-found' : 'error';
    if (this.#phase !== 'ready') return 'loading';
    return 'wall';
  }

  /** Removes a testimonial from the wall (withdrawn), keeping the header's figures honest. */
  #drop(id: string): void {
    const t = this.#items.get(id);
    if (!t) return;
    const items = new Map(this.#items);
    items.delete(id);
    this.#items = items;
    this.#cards.delete(id);
    this.#order = this.#order.filter((x) => x !== id);
    const { count, average } = this.#aggregate;
    const rest = count - 1;
    this.#aggregate = {
      count: Math.max(0, rest),
      average: rest > 0 ? Math.round(((average * count - t.rating) / rest) * 10) / 10 : 0,
    };
  }

  // ---------------------------------------------------------------------------------------
  // Search-engine markup (JSON-LD in the page's light DOM)
  // ---------------------------------------------------------------------------------------

  #jsonLd(): string | undefined {
    const name = this.seoProduct?.trim();
    if (!name || this.#minRating || this.#view() !== 'wall') return undefined;
    // Sponsored testimonials are not consumer reviews: they stay out of the markup.
    const shown = this.#order
      .map((id) => this.#items.get(id)!)
      .filter((t) => t.disclosure === 'none');
    if (shown.length === 0) return undefined;
    const sum = shown.reduce((n, t) => n + t.rating, 0);
    const data = {
      '@context': 'https://schema.org',
      '@type': 'Product',
      name,
      aggregateRating: {
        '@type': 'AggregateRating',
        ratingValue: Math.round((sum / shown.length) * 10) / 10,
        reviewCount: shown.length,
        bestRating: 5,
        worstRating: 1,
      },
      review: shown
        .filter((t) => t.author.displayName)
        .map((t) => ({
          '@type': 'Review',
          author: { '@type': 'Person', name: t.author.displayName },
          ...(t.publishedAt ? { datePublished: t.publishedAt.slice(0, 10) } : {}),
          reviewBody: t.text,
          reviewRating: { '@type': 'Rating', ratingValue: t.rating, bestRating: 5, worstRating: 1 },
        })),
    };
    // `<` escaped: the text stays inert even if the page is serialised and parsed again.
    return JSON.stringify(data).replace(/</g, '\\u003c');
  }

  #syncScript(): void {
    const json = this.isConnected ? this.#jsonLd() : undefined;
    if (json === undefined) {
      this.#removeScript();
      return;
    }
    if (json === this.#scriptJson && this.#script?.parentNode === this) return;
    const script = document.createElement('script');
    script.type = 'application/ld+json';
    script.dataset.cercleWall = '';
    try {
      script.textContent = scriptText(json);
    } catch {
      if (DEV) {
        warnOnce(
          "<cercle-wall> could not add its search-engine markup: this page enforces Trusted Types. Allow the policy 'cercle-jsonld' in its trusted-types directive.",
          'widgets/wall.md#search-engine-markup',
        );
      }
      this.#removeScript();
      return;
    }
    if (this.#script?.parentNode === this) this.#script.replaceWith(script);
    else this.append(script);
    this.#script = script;
    this.#scriptJson = json;
  }

  #removeScript(): void {
    this.#script?.remove();
    this.#script = undefined;
    this.#scriptJson = undefined;
  }

  // ---------------------------------------------------------------------------------------
  // Carousel
  // ---------------------------------------------------------------------------------------

  #track(): HTMLElement | null | undefined {
    return this.shadowRoot?.querySelector<HTMLElement>('.track');
  }

  #slides(): HTMLElement[] {
    return [...(this.#track()?.querySelectorAll<HTMLElement>(':scope > [data-id]') ?? [])];
  }

  /**
   * The last slide the track can scroll to the start of: past it the track is at its end, so
   * "next" stops there (the slides after it are already in view).
   */
  #lastStop(track: HTMLElement, slides: HTMLElement[]): number {
    const max = Math.max(0, track.scrollWidth - track.clientWidth);
    const first = slides[0]?.offsetLeft ?? 0;
    const stop = slides.findIndex((s) => s.offsetLeft - first >= max - 1);
    return stop < 0 ? slides.length - 1 : stop;
  }

  /** Shows slide `index` (clamped), scrolling the track; smoothly unless motion is reduced. */
  #go(index: number): void {
    const slides = this.#slides();
    const track = this.#track();
    if (!track || slides.length === 0) return;
    this.#last = this.#lastStop(track, slides);
    this.#slide = Math.max(0, Math.min(this.#last, index));
    const slide = slides[this.#slide]!;
    track.scrollTo({
      left: slide.offsetLeft - slides[0]!.offsetLeft,
      behavior: reducedMotion() ? 'instant' : 'smooth',
    });
    this.requestUpdate();
  }

  #onPrev = (): void => this.#go(this.#slide - 1);
  #onNext = (): void => this.#go(this.#slide + 1);

  #onTrackKeydown = (e: KeyboardEvent): void => {
    const back = this.localize.term.$dir === 'rtl' ? 'ArrowRight' : 'ArrowLeft';
    const forward = this.localize.term.$dir === 'rtl' ? 'ArrowLeft' : 'ArrowRight';
    const next =
      e.key === back
        ? this.#slide - 1
        : e.key === forward
          ? this.#slide + 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? this.#order.length - 1
              : undefined;
    if (next === undefined || e.target !== e.currentTarget) return;
    e.preventDefault();
    this.#go(next);
  };

  /** The slide shown follows the reader's own scrolling (swipe, scrollbar). */
  #onTrackScroll = (): void => {
    cancelAnimationFrame(this.#scrollFrame);
    this.#scrollFrame = requestAnimationFrame(() => {
      const track = this.#track();
      if (!track) return;
      const left = Math.abs(track.scrollLeft);
      const slides = this.#slides();
      this.#last = this.#lastStop(track, slides);
      let best = this.#slide;
      let distance = Infinity;
      slides.forEach((s, i) => {
        const d = Math.abs(Math.abs(s.offsetLeft - (slides[0]?.offsetLeft ?? 0)) - left);
        if (d < distance) {
          distance = d;
          best = i;
        }
      });
      if (left >= track.scrollWidth - track.clientWidth - 1) best = this.#last;
      if (best !== this.#slide) {
        this.#slide = best;
        this.requestUpdate();
      }
    });
  };

  #rotates(): boolean {
    return (
      this.#layout === 'carousel' &&
      this.autoplay &&
      !reducedMotion() &&
      this.isConnected &&
      this.#view() === 'wall' &&
      this.#order.length > 1
    );
  }

  #syncTimer(): void {
    const run = this.#rotates() && !this.#userPaused && !this.#hovered && !this.#focusWithin;
    if (run && this.#timer === undefined) {
      this.#timer = setInterval(
        () => this.#go(this.#slide >= this.#last ? 0 : this.#slide + 1),
        Math.max(500, Number(this.autoplayDelay) || 6000),
      );
    } else if (!run) {
      this.#stopTimer();
    }
  }

  #stopTimer(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #onCarouselEnter = (): void => {
    this.#hovered = true;
    this.requestUpdate();
  };

  #onCarouselLeave = (): void => {
    this.#hovered = false;
    this.requestUpdate();
  };

  #onCarouselFocusIn = (): void => {
    this.#focusWithin = true;
    this.requestUpdate();
  };

  #onCarouselFocusOut = (e: FocusEvent): void => {
    const next = e.relatedTarget as Node | null;
    if (next && (e.currentTarget as HTMLElement).contains(next)) return;
    this.#focusWithin = false;
    this.requestUpdate();
  };

  #onPause = (): void => {
    this.#userPaused = !this.#userPaused;
    this.requestUpdate();
  };

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
    void this.focusAfterUpdate(this.#view() === 'wall' ? '#title' : '#retry');
  };

  #loadMore = async (): Promise<void> => {
    const backend = this.#backend;
    const community = this.community?.trim();
    const cursor = this.#cursor;
    if (!backend || !community || !cursor || this.#loadingMore) return;
    this.#loadingMore = true;
    this.requestUpdate();
    const load = this.#loads;
    try {
      const page = await backend.api.listTestimonials(community, this.#query(cursor));
      if (load !== this.#loads) return;
      const items = new Map(this.#items);
      const added: string[] = [];
      for (const t of page.testimonials) {
        if (!items.has(t.id)) added.push(t.id);
        items.set(t.id, t);
      }
      this.#items = items;
      this.#order = [...this.#order, ...added];
      this.#cursor = page.nextCursor;
      this.#aggregate = page.aggregate;
      this.#loadingMore = false;
      this.requestUpdate();
      await this.updateComplete;
      if (added[0] && !this.#cursor) {
        // The button went away with the last page: focus goes to the first new card.
        this.renderRoot.querySelector<HTMLElement>(`#card-${domId(added[0])}`)?.focus();
      }
    } catch (error) {
      if (load !== this.#loads) return;
      this.#loadingMore = false;
      this.#live.announce(errorMessage(error, this.localize.term));
    }
  };

  #onReadMore = (e: Event): void => {
    const id = cardId(e);
    if (!id) return;
    const expanded = new Set(this.#expanded);
    if (expanded.has(id)) expanded.delete(id);
    else expanded.add(id);
    this.#expanded = expanded;
    this.requestUpdate();
  };

  // ---- join in place (visitors) ---------------------------------------------------------

  #onShare = (): void => {
    if (this.#isMember()) {
      if (this.#formOpen) this.#formOpen = false;
      else this.#openForm();
      this.#formStatus = undefined;
      this.requestUpdate();
      if (this.#formOpen) void this.focusAfterUpdate('#rating-1');
      return;
    }
    this.#join.toggle();
  };

  #onShareKeydown = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape' || !(this.#join.open || (this.#formOpen && !this.#formBusy))) return;
    e.preventDefault();
    e.stopPropagation();
    this.#join.open = false;
    this.#formOpen = false;
    this.requestUpdate();
    void this.focusAfterUpdate('#share');
  };

  // ---- the form (its own element, loaded on first use) ---------------------------------

  /** Opens the form, loading its element the first time. */
  #openForm(): void {
    this.#formOpen = true;
    this.#formModule ??= import('./wall-form.js').then(
      () => {
        this.#formReady = true;
        this.requestUpdate();
      },
      (error: unknown) => {
        this.#formModule = undefined;
        this.#formOpen = false;
        this.#live.announce(errorMessage(error, this.localize.term));
        this.requestUpdate();
      },
    );
  }

  /** What the form needs from the wall; one object per community, member and backend. */
  #formCtx(): FormContext | undefined {
    const backend = this.#backend;
    const community = this.community?.trim();
    const token = this.#member.value?.token;
    if (!backend || !community || !token) return undefined;
    const prev = this.#formContext;
    if (prev && prev.backend === backend && prev.community === community && prev.token === token)
      return prev;
    return (this.#formContext = {
      backend,
      community,
      token,
      announce: (message) => this.#live.announce(message),
      forgetToken: (token) => this.#forgetToken(token),
      focus: (selector) => void this.focusAfterUpdate(selector),
      busy: (on) => {
        this.#formBusy = on;
        this.requestUpdate();
      },
      submitted: (testimonial) => this.#onSubmitted(community, testimonial),
    });
  }

  #onSubmitted(community: string, testimonial: OwnTestimonial): void {
    const t = this.localize.term;
    this.#formOpen = false;
    this.#formStatus =
      testimonial.state === 'approved' ? t.wallSubmittedApproved : t.wallSubmittedPending;
    this.#mine = [testimonial, ...this.#mine.filter((m) => m.id !== testimonial.id)];
    if (testimonial.state === 'approved' && !this.#items.has(testimonial.id)) {
      // On the wall it shows as everyone sees it: the name and photo only with consent.
      const { consent } = testimonial;
      const shown = {
        ...testimonial,
        author: {
          ...testimonial.author,
          displayName: consent.publishName ? testimonial.author.displayName : null,
        },
        photo: consent.publishPhoto ? testimonial.photo : null,
      };
      this.#items = new Map(this.#items).set(testimonial.id, shown);
      this.#order = [testimonial.id, ...this.#order];
      const { count, average } = this.#aggregate;
      this.#aggregate = {
        count: count + 1,
        average: Math.round(((average * count + testimonial.rating) / (count + 1)) * 10) / 10,
      };
    }
    this.#live.announce(this.#formStatus);
    this.emit(new CercleTestimonialSubmitEvent({ community, testimonial }));
    this.requestUpdate();
    void this.focusAfterUpdate('#form-status');
  }

  /** Also waits for the form's module and the form's own render. */
  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    while (this.#formOpen && this.#formModule && !this.#formReady) {
      await this.#formModule;
      done = await super.getUpdateComplete();
    }
    const form = this.renderRoot?.querySelector<CercleWallForm>('cercle-wall-form');
    if (form) await form.updateComplete;
    return done;
  }

  // ---- own testimonials -----------------------------------------------------------------

  #onWithdraw = (e: Event): void => {
    const id = cardId(e);
    if (!id) return;
    this.#withdrawFor = id;
    this.#withdrawError = undefined;
    this.requestUpdate();
    void this.focusAfterUpdate(`#withdraw-confirm-${domId(id)}`);
  };

  #onWithdrawCancel = (): void => {
    const id = this.#withdrawFor;
    this.#withdrawFor = undefined;
    this.#withdrawError = undefined;
    this.requestUpdate();
    if (id) void this.focusAfterUpdate(`#withdraw-${domId(id)}`);
  };

  #onWithdrawConfirm = async (): Promise<void> => {
    const id = this.#withdrawFor;
    const backend = this.#backend;
    const community = this.community?.trim();
    const token = this.#member.value?.token;
    if (!id || !backend || !community || !token || this.#withdrawBusy) return;
    this.#withdrawBusy = true;
    this.#withdrawError = undefined;
    this.requestUpdate();
    try {
      await backend.api.withdrawTestimonial(community, id, { token });
      this.#mine = this.#mine.filter((m) => m.id !== id);
      this.#drop(id);
      this.#withdrawFor = undefined;
      this.#live.announce(this.localize.term.wallWithdrawn);
      void this.focusAfterUpdate(this.#mine.length ? '#mine-title' : '#title');
    } catch (error) {
      if (hasCode(error, 'not_found')) {
        // Gone already (withdrawn from another tab): the outcome is the same.
        this.#mine = this.#mine.filter((m) => m.id !== id);
        this.#drop(id);
        this.#withdrawFor = undefined;
      } else {
        this.#withdrawError = errorMessage(error, this.localize.term);
        this.#live.announce(this.#withdrawError);
        if (isUnauthorized(error)) this.#forgetToken(token);
      }
    } finally {
      this.#withdrawBusy = false;
      this.requestUpdate();
    }
  };

  // ---------------------------------------------------------------------------------------
  // Rendering
  // ---------------------------------------------------------------------------------------

  override render(): TemplateResult {
    const t = this.localize.term;
    const view = this.#view();
    return html`
      <div part="base" class="base layout-${this.#layout}" lang=${t.$code} dir=${t.$dir}>
        ${this.#renderContent(view, t)} ${this.#live.render()}
      </div>
    `;
  }

  #renderContent(view: View, t: Terms): TemplateResult {
    switch (view) {
      case 'missing':
        return renderProblem(t.errorMissingCommunity);
      case 'no-api':
        return renderProblem(t.errorNoApi);
      case 'not-found':
        return renderProblem(t.errorNotFound);
      case 'error':
        return renderProblem(errorMessage(this.#error, t), {
          label: t.retry,
          busy: this.#retrying,
          onClick: this.#retry,
        });
      case 'loading':
        return this.#renderSkeleton(t);
      default:
        return this.#renderWall(t);
    }
  }

  #renderSkeleton(t: Terms): TemplateResult {
    return html`
      <div part="skeleton" class="skeleton">
        <span class="sr-only">${t.wallLoading}</span>
        <div class="bone bone-eyebrow"></div>
        <div class="bone bone-title"></div>
        <div class="bone-cards">
          ${Array.from(
            // As many as the first page holds, each as tall as a card not rendered yet: the
            // wall does not jump when the cards come.
            { length: this.#layout === 'carousel' ? 3 : this.#limit },
            () =>
              html`<div class="bone-card">
                <div class="bone bone-avatar"></div>
                <div class="bone"></div>
                <div class="bone"></div>
                <div class="bone bone-short"></div>
              </div>`,
          )}
        </div>
      </div>
    `;
  }

  #renderWall(t: Terms): TemplateResult {
    const { count, average } = this.#aggregate;
    const filtered = !!this.#minRating;
    return html`
      <div part="header" class="header">
        <h2 part="title" class="title" id="title" tabindex="-1">${t.wallEyebrow}</h2>
        ${
          count > 0
            ? html`<div class="summary">
                <p part="average" class="average">
                  <span class="average-value">${t.wallAverage(average)}</span>
                  ${stars(average, t.wallAverageLabel(average))}
                </p>
                <p part="count" class="count">${t.wallCount(count)}</p>
              </div>`
            : nothing
        }
      </div>
      ${this.#renderShare(t)} ${this.#renderMine(t)}
      ${
        this.#order.length === 0
          ? html`<p part="empty" class="empty">
              ${filtered || this.tag ? t.wallEmptyFiltered : t.wallEmpty}
            </p>`
          : this.#layout === 'carousel'
            ? this.#renderCarousel(t)
            : this.#renderList(t)
      }
      ${
        this.#cursor
          ? html`<div class="more">
              <button
                part="button more-button"
                class="button button-secondary"
                id="more"
                type="button"
                aria-disabled=${this.#loadingMore ? 'true' : 'false'}
                @click=${this.#loadMore}
              >
                ${busyLabel(this.#loadingMore, t.wallLoadMore, t.wallLoadingMore)}
              </button>
            </div>`
          : nothing
      }
      <p part="policy" class="policy">
        <span>${t.wallPolicy}</span>
        ${
          this.#policyUrl
            ? html`<a class="link" href=${this.#policyUrl} target="_blank" rel="noopener noreferrer"
                >${t.wallPolicyLink}<span class="sr-only"> ${t.opensInNewTab}</span
                >${externalIcon()}</a
              >`
            : nothing
        }
      </p>
    `;
  }

  #context(t: Terms): Shared {
    const next: Shared = {
      t,
      carousel: this.#layout === 'carousel',
      total: this.#order.length,
      reportFor: this.#report.open,
      reportBusy: this.#report.busy,
      reportError: this.#report.error,
    };
    const prev = this.#ctx;
    if (prev && (Object.keys(next) as (keyof Shared)[]).every((k) => prev[k] === next[k])) {
      return prev;
    }
    return (this.#ctx = next);
  }

  #renderCards(t: Terms): unknown {
    const ctx = this.#context(t);
    const items = this.#items;
    const cache = this.#cards;
    return guard([this.#order, items, ctx, this.#expanded, this.#report.reported], () =>
      repeat(
        this.#order,
        (id) => id,
        (id, index) => {
          const item = items.get(id)!;
          // A card renders again only when what it shows changed: the same template result
          // otherwise (cheaper than a `guard` per card, whose directive a thousand cards pay
          // for on their first render).
          const deps = [
            item,
            ctx.t,
            ctx.carousel ? `${index}/${ctx.total}` : false,
            ctx.reportFor === id ? ctx : false,
            this.#expanded.has(id),
            this.#report.reported.has(id),
          ];
          const hit = cache.get(id);
          if (hit && hit.deps.every((d, i) => d === deps[i])) return hit.card;
          const reportOpen = ctx.reportFor === id;
          const card = renderCard(item, index, {
            t: ctx.t,
            carousel: ctx.carousel,
            total: ctx.total,
            expanded: this.#expanded.has(id),
            reported: this.#report.reported.has(id),
            reportOpen,
            report: reportOpen
              ? this.#report.render(ctx.t, domId(id), ctx.t.wallReportTitle)
              : nothing,
            onReadMore: this.#onReadMore,
            onReport: this.#report.toggle,
          });
          cache.set(id, { deps, card });
          return card;
        },
      ),
    );
  }

  #renderList(t: Terms): TemplateResult {
    return html`<div part="list" class="list">${this.#renderCards(t)}</div>`;
  }

  #renderCarousel(t: Terms): TemplateResult {
    const rotates = this.#rotates();
    const running = rotates && !this.#userPaused && !this.#hovered && !this.#focusWithin;
    const last = Math.min(this.#last, this.#order.length - 1);
    return html`<section
      part="carousel"
      class="carousel"
      aria-roledescription="carousel"
      aria-label=${t.wallCarousel}
      @pointerenter=${this.#onCarouselEnter}
      @pointerleave=${this.#onCarouselLeave}
      @focusin=${this.#onCarouselFocusIn}
      @focusout=${this.#onCarouselFocusOut}
    >
      <div part="controls" class="controls">
        ${
          rotates
            ? html`<button
                part="button pause-button"
                class="button button-secondary control"
                id="pause"
                type="button"
                @click=${this.#onPause}
              >
                ${this.#userPaused ? t.wallPlay : t.wallPause}
              </button>`
            : nothing
        }
        <button
          part="button prev-button"
          class="button button-secondary control"
          id="prev"
          type="button"
          aria-controls="track"
          aria-disabled=${this.#slide <= 0 ? 'true' : 'false'}
          @click=${this.#onPrev}
        >
          <span aria-hidden="true">‹</span><span class="sr-only">${t.wallPrevious}</span>
        </button>
        <button
          part="button next-button"
          class="button button-secondary control"
          id="next"
          type="button"
          aria-controls="track"
          aria-disabled=${this.#slide >= last ? 'true' : 'false'}
          @click=${this.#onNext}
        >
          <span aria-hidden="true">›</span><span class="sr-only">${t.wallNext}</span>
        </button>
      </div>
      <div
        part="list"
        class="list track"
        id="track"
        tabindex="0"
        aria-label=${t.wallCarousel}
        aria-live=${running ? 'off' : 'polite'}
        @keydown=${this.#onTrackKeydown}
        @scroll=${this.#onTrackScroll}
      >
        ${this.#renderCards(t)}
      </div>
    </section>`;
  }

  #renderShare(t: Terms): TemplateResult {
    const member = this.#isMember();
    const waitlisted = this.#member.value?.status === 'waitlisted';
    const open = member ? this.#formOpen : this.#join.open;
    return html`<div part="share" class="share" @keydown=${this.#onShareKeydown}>
      <div class="call-row">
        ${
          member
            ? nothing
            : html`<p class="call-text">
                ${lockIcon()}<span>${waitlisted ? t.wallWaitlistCall : t.wallShareCall}</span>
              </p>`
        }
        <button
          part="button share-button"
          class="button button-primary"
          id="share"
          type="button"
          aria-expanded=${open ? 'true' : 'false'}
          aria-controls=${member ? 'form-panel' : 'join-panel'}
          @click=${this.#onShare}
          @pointerenter=${member ? nothing : this.#join.prefetch}
          @focus=${member ? nothing : this.#join.prefetch}
        >
          ${t.wallShare}
        </button>
      </div>
      ${
        this.#formStatus
          ? html`<p part="form-status" class="form-status" id="form-status" tabindex="-1">
              ${checkIcon()}<span>${this.#formStatus}</span>
            </p>`
          : nothing
      }
      ${
        member
          ? html`<div class="form-panel" id="form-panel" ?hidden=${!this.#formOpen}>
              ${
                this.#formOpen && this.#formReady
                  ? html`<cercle-wall-form .t=${t} .ctx=${this.#formCtx()}></cercle-wall-form>`
                  : this.#formOpen
                    ? html`<p class="join-loading">${t.loading}</p>`
                    : nothing
              }
            </div>`
          : this.#join.renderPanel(t.loading)
      }
    </div>`;
  }

  #renderMine(t: Terms): TemplateResult | typeof nothing {
    if (!this.#isMember() || this.#mine.length === 0) return nothing;
    return html`<section part="mine" class="mine" aria-labelledby="mine-title">
      <h3 class="mine-title" id="mine-title" tabindex="-1">${t.wallMine}</h3>
      <ul class="mine-list">
        ${repeat(
          this.#mine,
          (m) => m.id,
          (m) => {
            const key = domId(m.id);
            const confirming = this.#withdrawFor === m.id;
            return html`<li part="mine-item" class="mine-item" data-id=${m.id}>
              ${renderLegal(m, t)}
              <p part="mine-state" class="mine-state state-${m.state}">
                ${
                  (m.state === 'rejected' || m.state === 'removed') && m.statement
                    ? m.state === 'rejected'
                      ? t.wallRefused(m.statement)
                      : `${t.wallState(m.state)}: ${m.statement}`
                    : t.wallState(m.state)
                }
              </p>
              ${stars(m.rating, t.wallRated(m.rating))}
              <p class="mine-text"><span class="prose">${m.text}</span></p>
              ${
                confirming
                  ? html`<div class="confirm" role="group" aria-labelledby="withdraw-q-${key}">
                      <p id="withdraw-q-${key}">${t.wallWithdrawConfirm}</p>
                      ${this.#withdrawError ? renderFormError(this.#withdrawError) : nothing}
                      <div class="actions">
                        <button
                          part="button confirm-button"
                          class="button button-danger"
                          id="withdraw-confirm-${key}"
                          type="button"
                          aria-disabled=${this.#withdrawBusy ? 'true' : 'false'}
                          @click=${this.#onWithdrawConfirm}
                        >
                          ${busyLabel(this.#withdrawBusy, t.wallWithdrawConfirmButton, t.wallWithdrawing)}
                        </button>
                        <button
                          part="button cancel-button"
                          class="button button-secondary"
                          type="button"
                          @click=${this.#onWithdrawCancel}
                        >
                          ${t.cancel}
                        </button>
                      </div>
                    </div>`
                  : html`<button
                      part="button withdraw-button"
                      class="button button-secondary withdraw"
                      id="withdraw-${key}"
                      type="button"
                      @click=${this.#onWithdraw}
                    >
                      ${t.wallWithdraw}
                    </button>`
              }
            </li>`;
          },
        )}
      </ul>
    </section>`;
  }
}
