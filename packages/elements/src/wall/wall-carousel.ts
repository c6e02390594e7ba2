/**
 * `<cercle-wall-carousel>`: the carousel layout of `<cercle-wall>` (previous, next and pause
 * buttons, a scroll-snapping track moved by them, the arrow keys, Home and End, and on its
 * own with `autoplay`, paused on hover and focus). Loaded with `import()` when a wall's
 * `layout` is `carousel`. It renders in the wall's shadow root (no shadow root of its own),
 * so its ids and parts are the wall's; it adopts its own stylesheet there.
 */
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import type { Terms } from './card.js';
import { adopt } from './adopt.js';
import { carouselSheet } from './carousel.styles.js';

const reducedMotion = (): boolean =>
  typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

/**
 * The wall's carousel, an internal part of `<cercle-wall>` (not a widget of its own).
 *
 * @internal
 */
export class CercleWallCarousel extends LitElement {
  static override properties = {
    t: { attribute: false },
    cards: { attribute: false },
    count: { attribute: false },
    autoplay: { attribute: false },
    delay: { attribute: false },
    rotating: { attribute: false },
    _slide: { state: true },
    _last: { state: true },
    _paused: { state: true },
    _hovered: { state: true },
    _focused: { state: true },
  };

  declare t: Terms;
  /** Renders the slides (the wall's cards). */
  declare cards: () => unknown;
  /** How many slides. */
  declare count: number;
  /** Advance on its own (never under `prefers-reduced-motion`). */
  declare autoplay: boolean;
  /** Milliseconds between two slides. */
  declare delay: number;
  /** Told whether it advances on its own now (the wall's `:state(rotating)`). */
  declare rotating: ((on: boolean) => void) | undefined;
  declare _slide: number;
  /** The last slide "next" goes to (see `#lastStop`). */
  declare _last: number;
  declare _paused: boolean;
  declare _hovered: boolean;
  declare _focused: boolean;

  #timer: ReturnType<typeof setInterval> | undefined;
  #frame = 0;

  constructor() {
    super();
    this.count = 0;
    this.autoplay = false;
    this.delay = 6000;
    this._slide = 0;
    this._last = Infinity;
    this._paused = false;
    this._hovered = false;
    this._focused = false;
  }

  protected override createRenderRoot(): HTMLElement {
    adopt(this, carouselSheet);
    return this;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stop();
    cancelAnimationFrame(this.#frame);
  }

  protected override updated(): void {
    this.#syncTimer();
  }

  #track(): HTMLElement | null {
    return this.querySelector<HTMLElement>('.track');
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
    this._last = this.#lastStop(track, slides);
    this._slide = Math.max(0, Math.min(this._last, index));
    track.scrollTo({
      left: slides[this._slide]!.offsetLeft - slides[0]!.offsetLeft,
      behavior: reducedMotion() ? 'instant' : 'smooth',
    });
  }

  #onPrev = (): void => this.#go(this._slide - 1);
  #onNext = (): void => this.#go(this._slide + 1);

  #onKeydown = (e: KeyboardEvent): void => {
    const rtl = this.t.$dir === 'rtl';
    const next =
      e.key === (rtl ? 'ArrowRight' : 'ArrowLeft')
        ? this._slide - 1
        : e.key === (rtl ? 'ArrowLeft' : 'ArrowRight')
          ? this._slide + 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? this.count - 1
              : undefined;
    if (next === undefined || e.target !== e.currentTarget) return;
    e.preventDefault();
    this.#go(next);
  };

  /** The slide shown follows the reader's own scrolling (swipe, scrollbar). */
  #onScroll = (): void => {
    cancelAnimationFrame(this.#frame);
    this.#frame = requestAnimationFrame(() => {
      const track = this.#track();
      if (!track) return;
      const left = Math.abs(track.scrollLeft);
      const slides = this.#slides();
      const first = slides[0]?.offsetLeft ?? 0;
      this._last = this.#lastStop(track, slides);
      let best = this._slide;
      let distance = Infinity;
      slides.forEach((s, i) => {
        const d = Math.abs(Math.abs(s.offsetLeft - first) - left);
        if (d < distance) {
          distance = d;
          best = i;
        }
      });
      this._slide = left >= track.scrollWidth - track.clientWidth - 1 ? this._last : best;
    });
  };

  #rotates(): boolean {
    return this.autoplay && !reducedMotion() && this.isConnected && this.count > 1;
  }

  #running(): boolean {
    return this.#rotates() && !this._paused && !this._hovered && !this._focused;
  }

  #syncTimer(): void {
    const run = this.#running();
    if (run && this.#timer === undefined) {
      this.#timer = setInterval(
        () => this.#go(this._slide >= this._last ? 0 : this._slide + 1),
        Math.max(500, Number(this.delay) || 6000),
      );
    } else if (!run) {
      this.#stop();
    }
    this.rotating?.(this.#timer !== undefined);
  }

  #stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.rotating?.(false);
  }

  #onEnter = (): void => {
    this._hovered = true;
  };

  #onLeave = (): void => {
    this._hovered = false;
  };

  #onFocusIn = (): void => {
    this._focused = true;
  };

  #onFocusOut = (e: FocusEvent): void => {
    const next = e.relatedTarget as Node | null;
    if (!next || !(e.currentTarget as HTMLElement).contains(next)) this._focused = false;
  };

  #onPause = (): void => {
    this._paused = !this._paused;
  };

  override render(): TemplateResult {
    const t = this.t;
    const last = Math.min(this._last, this.count - 1);
    return html`<section
      part="carousel"
      class="carousel"
      aria-roledescription="carousel"
      aria-label=${t.wallCarousel}
      @pointerenter=${this.#onEnter}
      @pointerleave=${this.#onLeave}
      @focusin=${this.#onFocusIn}
      @focusout=${this.#onFocusOut}
    >
      <div part="controls" class="controls">
        ${
          this.#rotates()
            ? html`<button
                part="button pause-button"
                class="button button-secondary control"
                id="pause"
                type="button"
                @click=${this.#onPause}
              >
                ${this._paused ? t.wallPlay : t.wallPause}
              </button>`
            : nothing
        }
        <button
          part="button prev-button"
          class="button button-secondary control"
          id="prev"
          type="button"
          aria-controls="track"
          aria-disabled=${this._slide <= 0 ? 'true' : 'false'}
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
          aria-disabled=${this._slide >= last ? 'true' : 'false'}
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
        aria-live=${this.#running() ? 'off' : 'polite'}
        @keydown=${this.#onKeydown}
        @scroll=${this.#onScroll}
      >
        ${this.cards()}
      </div>
    </section>`;
  }
}

if (typeof customElements !== 'undefined' && !customElements.get('cercle-wall-carousel')) {
  customElements.define('cercle-wall-carousel', CercleWallCarousel);
}

declare global {
  interface HTMLElementTagNameMap {
    'cercle-wall-carousel': CercleWallCarousel;
  }
}
