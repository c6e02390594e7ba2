import {
  html,
  isServer,
  nothing,
  type LitElement,
  type PropertyValues,
  type TemplateResult,
} from 'lit';
import type { CercleApi } from '@cercle/client';
import { CercleElement } from '../internal/cercle-element.js';
import { JoinInPlace, joinInPlaceStyles } from '../internal/join-in-place.js';
import { LiveRegion } from '../internal/live-region.js';
import { domId } from '../internal/dom-id.js';
import { DEV } from '../internal/dev.js';
import { errorMessage, hasCode } from '../internal/errors.js';
import { renderProblem } from '../internal/problem.js';
import { ReportDialog, reportStyles } from '../internal/report-dialog.js';
import { StoreController } from '../internal/store-controller.js';
import { tokens } from '../internal/tokens.js';
import { formStyles } from '../internal/form.styles.js';
import { widgetStyles } from '../internal/widget.styles.js';
import { CercleTestimonialSubmitEvent } from '../events/testimonial-submit.js';
import type { Terms } from './card.js';
import { JsonLdController, jsonLd } from './json-ld.js';
import {
  checkOptions,
  layoutOf,
  limitOf,
  minRatingOf,
  queryOf,
  type WallLayout,
  type WallSort,
} from './options.js';
import { LazyParts, PART_TAGS } from './parts.js';
import { WallShare } from './share.js';
import { WallLoader } from './wall-loader.js';
import { CardList, renderList, renderSkeleton } from './wall-list.js';
import {
  renderCarousel,
  renderHeader,
  renderMine,
  renderMore,
  renderPolicy,
  renderShare,
} from './wall-view.js';
import { styles } from './wall.styles.js';
import { wallTerms, type WallTerms } from './terms.js';

export type { WallLayout, WallSort } from './options.js';

type View = 'missing' | 'no-api' | 'loading' | 'error' | 'not-found' | 'wall';

/** The attributes that point the wall at other content: it loads again. */
const RELOAD = ['community', 'api', 'adapter', 'tag', 'minRating', 'limit', 'sort'] as const;

const cardId = (e: Event): string | undefined =>
  (e.currentTarget as HTMLElement).closest<HTMLElement>('[data-id]')?.dataset.id;

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
 * @cssproperty [--cercle-wall-card-height=30rem] - Height of every card of the grid and carousel (and of the skeleton's), the text clamped to fit; reserved for cards off screen.
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
  // The carousel's, the form's and the member's list's stylesheets come with their parts.
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
    _retrying: { state: true },
    _expanded: { state: true },
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

  declare _retrying: boolean;
  /** The cards whose long text is shown whole. */
  declare _expanded: ReadonlySet<string>;

  readonly #live = new LiveRegion(this);
  readonly #load = new WallLoader(
    this,
    () => queryOf(this),
    (active) => this.#share.onMember(active),
  );
  readonly #data = this.#load.data;
  readonly #parts = new LazyParts((part, error) => {
    if (part === 'form') this.#share.formFailed();
    this.#live.announce(errorMessage(error, this.localize.term));
  });
  readonly #list = new CardList();

  readonly #report = new ReportDialog(this, {
    kind: 'testimonial',
    context: () => {
      const community = this.community?.trim();
      return this.#load.backend && community
        ? { api: this.#load.backend.api, community, token: this.#load.member.value?.token }
        : undefined;
    },
    forgetToken: (token) => this.#load.forgetToken(token),
    terms: () => this.localize.term,
    message: (error) => errorMessage(error, this.localize.term),
    announce: (message) => this.#live.announce(message),
    focus: (selector) => void this.focusAfterUpdate(selector),
  });

  readonly #join = new JoinInPlace(this, (error) =>
    this.#live.announce(errorMessage(error, this.localize.term)),
  );

  readonly #share = new WallShare({
    load: this.#load,
    join: this.#join,
    parts: this.#parts,
    terms: () => this.localize.term,
    announce: (message) => this.#live.announce(message),
    focus: (selector) => void this.focusAfterUpdate(selector),
    submitted: (community, testimonial) =>
      this.emit(new CercleTestimonialSubmitEvent({ community, testimonial })),
  });

  constructor() {
    super();
    this.layout = 'grid';
    this.limit = 12;
    this.sort = 'recent';
    this.autoplay = false;
    this.autoplayDelay = 6000;
    this._retrying = false;
    this._expanded = new Set();
    new StoreController(this, this.#parts.$status);
    new StoreController(this, this.#share.$state);
    new JsonLdController(this, () => this.#jsonLd());
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (isServer) return;
    if (!this.hasUpdated || RELOAD.some((key) => changed.has(key))) {
      this.#list.reset();
      this.#report.reset();
      this.#load.connect();
    }
    if (DEV) checkOptions(this, changed);
    // The carousel is asked for with the first page, so both come together.
    if (layoutOf(this) === 'carousel') this.#parts.need('carousel');
    if (this.#load.active && this.#data.state.mine.length > 0) this.#parts.need('mine');
  }

  protected override updated(): void {
    const view = this.#view();
    this.setState('loading', view === 'loading');
    this.setState(
      'error',
      view === 'error' || view === 'not-found' || view === 'missing' || view === 'no-api',
    );
    this.setState('empty', view === 'wall' && this.#data.state.order.length === 0);
    this.setState('member', this.#load.active);
    this.setState('busy', this.#share.state.formBusy);
  }

  #view(): View {
    const { setup, phase, error } = this.#data.state;
    if (setup === 'community') return 'missing';
    if (setup === 'api') return 'no-api';
    if (phase === 'error') return hasCode(error, 'not_found') ? 'not-found' : 'error';
    // The carousel's first page waits for its module: one change, not two.
    const pending = layoutOf(this) === 'carousel' && this.#parts.status('carousel') === 'loading';
    return phase !== 'ready' || pending ? 'loading' : 'wall';
  }

  /** The search-engine markup of the cards shown (json-ld.ts); none with `min-rating`. */
  #jsonLd(): string | undefined {
    const name = this.seoProduct?.trim();
    if (!name || minRatingOf(this) || this.#view() !== 'wall') return undefined;
    const { order, items } = this.#data.state;
    return jsonLd(
      name,
      order.map((id) => items.get(id)!),
    );
  }

  /** Also waits for the lazy parts being loaded (parts.ts), and for the parts' own renders. */
  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    while (await this.#parts.settled()) done = await super.getUpdateComplete();
    for (const part of this.renderRoot?.querySelectorAll<LitElement>(PART_TAGS) ?? []) {
      await part.updateComplete;
    }
    return done;
  }

  // ---- actions (each only on a user gesture) ----------------------------------------------

  #onRetry = (): void => void this.#retry();

  async #retry(): Promise<void> {
    if (this._retrying) return;
    this._retrying = true;
    await this.#data.load();
    this._retrying = false;
    void this.focusAfterUpdate(this.#view() === 'wall' ? '#title' : '#retry');
  }

  #onMore = (): void => void this.#more();

  async #more(): Promise<void> {
    let added: string[];
    try {
      added = await this.#data.loadMore();
    } catch (error) {
      this.#live.announce(errorMessage(error, this.localize.term));
      return;
    }
    await this.updateComplete;
    if (added[0] && !this.#data.state.cursor) {
      // The button went away with the last page: focus goes to the first new card.
      this.renderRoot.querySelector<HTMLElement>(`#card-${domId(added[0])}`)?.focus();
    }
  }

  #onReadMore = (e: Event): void => {
    const id = cardId(e);
    if (!id) return;
    const expanded = new Set(this._expanded);
    if (expanded.has(id)) expanded.delete(id);
    else expanded.add(id);
    this._expanded = expanded;
  };

  #setRotating = (on: boolean): void => this.setState('rotating', on);

  // ---- rendering ----------------------------------------------------------------------------

  override render(): TemplateResult {
    const t = this.localize.term;
    return html`
      <div part="base" class="base layout-${layoutOf(this)}" lang=${t.$code} dir=${t.$dir}>
        ${this.#renderContent(this.#view(), t)} ${this.#live.render()}
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
        return renderProblem(errorMessage(this.#data.state.error, t), {
          label: t.retry,
          busy: this._retrying,
          onClick: this.#onRetry,
        });
      case 'loading':
        return renderSkeleton(
          t,
          layoutOf(this) === 'carousel' ? 3 : limitOf(this),
          renderHeader(t, this.#data.state.aggregate, true),
          this.#renderShare(t),
          layoutOf(this) === 'carousel',
          // A first page is mostly a full one: "Show more reviews" and the policy, kept inert.
          html`<div class="ghost" inert aria-hidden="true">
              ${renderMore(t, false, this.#onMore)}
            </div>
            <div inert aria-hidden="true">
              ${renderPolicy(t, this.#data.state.policyUrl ?? '#')}
            </div>`,
        );
      default:
        return this.#renderWall(t);
    }
  }

  #renderShare(t: Terms): TemplateResult {
    const { formOpen, formStatus } = this.#share.state;
    return renderShare(t, {
      member: this.#load.active,
      waitlisted: this.#load.member.value?.status === 'waitlisted',
      join: this.#join,
      formOpen,
      formReady: this.#parts.status('form') === 'ready',
      formStatus,
      formCtx: this.#share.ctx(),
      onShare: this.#share.onShare,
      onKeydown: this.#share.onKeydown,
    });
  }

  #renderWall(t: Terms): TemplateResult {
    const { aggregate, order, items, cursor, loadingMore, policyUrl, mine } = this.#data.state;
    const member = this.#load.active;
    const carousel = layoutOf(this) === 'carousel' && this.#parts.status('carousel') === 'ready';
    const cards = (): unknown =>
      this.#list.render({
        t,
        carousel,
        items,
        order,
        expanded: this._expanded,
        report: this.#report,
        onReadMore: this.#onReadMore,
      });
    return html`
      ${renderHeader(t, aggregate)} ${this.#renderShare(t)}
      ${
        member && mine.length > 0 && this.#parts.status('mine') === 'ready'
          ? renderMine(t, mine, this.#share.ctx())
          : nothing
      }
      ${
        order.length === 0
          ? html`<p part="empty" class="empty">
              ${minRatingOf(this) || this.tag ? t.wallEmptyFiltered : t.wallEmpty}
            </p>`
          : carousel
            ? renderCarousel(t, cards, {
                count: order.length,
                autoplay: this.autoplay,
                delay: this.autoplayDelay,
                rotating: this.#setRotating,
              })
            : renderList(cards())
      }
      ${cursor ? renderMore(t, loadingMore, this.#onMore) : nothing} ${renderPolicy(t, policyUrl)}
    `;
  }
}
