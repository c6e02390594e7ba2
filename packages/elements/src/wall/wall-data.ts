/**
 * The data of `<cercle-wall>`: its pages of testimonials, the header's figures and the
 * member's own testimonials, in one nanostores atom that the wall reads through a
 * `StoreController` (STYLE.md §12). Every change is a new state object, and the map and
 * order of the cards are new only when they changed, so the wall's templates can compare
 * them by identity. A load that a newer one replaced (other filters, another community)
 * changes nothing.
 */
import { atom } from 'nanostores';
import type { CercleApi } from '@cercle/client';
import type { OwnTestimonial, Testimonial, TestimonialAggregate } from '@cercle/client/browser';
import { isUnauthorized } from '../internal/errors.js';
import { safeUrl } from '../internal/url.js';

export type WallQuery = NonNullable<Parameters<CercleApi['listTestimonials']>[1]>;

/** Where the wall loads from: the backend, the community and the filters of a page. */
export interface WallSource {
  api: CercleApi;
  community: string;
  query: WallQuery;
}

export interface WallState {
  /** What the wall lacks to load: its community, or a backend. */
  setup: 'community' | 'api' | undefined;
  /** `idle` until the wall nears the viewport. */
  phase: 'idle' | 'loading' | 'error' | 'ready';
  error: unknown;
  items: ReadonlyMap<string, Testimonial>;
  /** The cards' ids, in the wall's order. */
  order: readonly string[];
  /** The next page's cursor; `null` on the last page. */
  cursor: string | null;
  aggregate: TestimonialAggregate;
  policyUrl: string | undefined;
  loadingMore: boolean;
  /** The member's own testimonials, in every state. */
  mine: readonly OwnTestimonial[];
}

const EMPTY: WallState = {
  setup: undefined,
  phase: 'idle',
  error: undefined,
  items: new Map(),
  order: [],
  cursor: null,
  aggregate: { count: 0, average: 0 },
  policyUrl: undefined,
  loadingMore: false,
  mine: [],
};

const round = (n: number): number => Math.round(n * 10) / 10;

export class WallData {
  readonly $state = atom<WallState>(EMPTY);

  #source: WallSource | undefined;
  #loads = 0;
  #abort: AbortController | undefined;
  /** The active member's token, and the one their own testimonials were asked with. */
  #token: string | undefined;
  #mineFor: string | undefined;
  #forgetToken: (token: string) => void;

  /** `forgetToken`: the backend refused the member's token. */
  constructor(forgetToken: (token: string) => void) {
    this.#forgetToken = forgetToken;
  }

  get state(): WallState {
    return this.$state.get();
  }

  #set(patch: Partial<WallState>): void {
    this.$state.set({ ...this.$state.get(), ...patch });
  }

  /**
   * Points the wall at a backend, community and filters, or at none for want of `setup`:
   * back to `idle`, empty.
   */
  bind(source: WallSource | undefined, setup?: WallState['setup']): void {
    this.#abort?.abort();
    this.#loads++;
    this.#source = source;
    this.#mineFor = undefined;
    this.$state.set({ ...EMPTY, setup });
  }

  /** Stops a first load in flight (the wall left the page): `idle` again, to load on return. */
  cancel(): void {
    if (this.state.phase !== 'loading') return;
    this.#abort?.abort();
    this.#loads++;
    this.#set({ phase: 'idle' });
  }

  /** Loads the first page (and the member's own testimonials). */
  async load(): Promise<void> {
    const source = this.#source;
    if (!source) return;
    this.#abort?.abort();
    const ctrl = new AbortController();
    this.#abort = ctrl;
    const load = ++this.#loads;
    this.#set({ phase: 'loading' });
    void this.#loadMine();
    try {
      const page = await source.api.listTestimonials(source.community, {
        ...source.query,
        signal: ctrl.signal,
      });
      if (load !== this.#loads) return;
      this.#set({
        phase: 'ready',
        error: undefined,
        items: new Map(page.testimonials.map((t) => [t.id, t])),
        order: page.testimonials.map((t) => t.id),
        cursor: page.nextCursor,
        aggregate: page.aggregate,
        policyUrl: safeUrl(page.reviewPolicyUrl),
      });
    } catch (error) {
      if (load !== this.#loads) return;
      this.#set({ phase: 'error', error });
    }
  }

  /**
   * Appends the next page; resolves with the ids it added (none when a newer load replaced
   * it), rejects with why it failed.
   */
  async loadMore(): Promise<string[]> {
    const source = this.#source;
    const cursor = this.state.cursor;
    if (!source || !cursor || this.state.loadingMore) return [];
    this.#set({ loadingMore: true });
    const load = this.#loads;
    try {
      const page = await source.api.listTestimonials(source.community, {
        ...source.query,
        cursor,
      });
      if (load !== this.#loads) return [];
      const { items: before, order } = this.state;
      const items = new Map(before);
      const added: string[] = [];
      for (const t of page.testimonials) {
        if (!items.has(t.id)) added.push(t.id);
        items.set(t.id, t);
      }
      this.#set({
        items,
        order: [...order, ...added],
        cursor: page.nextCursor,
        aggregate: page.aggregate,
        loadingMore: false,
      });
      return added;
    } catch (error) {
      if (load !== this.#loads) return [];
      this.#set({ loadingMore: false });
      throw error;
    }
  }

  /** The active member's token (`undefined` for a visitor); asks for their testimonials. */
  member(token: string | undefined): void {
    this.#token = token;
    if (this.#mineFor !== token) void this.#loadMine();
  }

  /** Asks for the member's own testimonials again (they came back to the page). */
  refreshMine(): void {
    if (!this.#mineFor) return;
    this.#mineFor = undefined;
    void this.#loadMine();
  }

  /** The member's own testimonials, in every state (refusals with the host's statement). */
  async #loadMine(): Promise<void> {
    const source = this.#source;
    const token = this.#token;
    if (!source || !token) {
      this.#mineFor = undefined;
      if (this.state.mine.length) this.#set({ mine: [] });
      return;
    }
    if (this.#mineFor === token || this.state.phase === 'idle') return;
    this.#mineFor = token;
    try {
      const { testimonials } = await source.api.myTestimonials(source.community, { token });
      if (this.#mineFor !== token) return;
      this.#set({ mine: testimonials });
    } catch (error) {
      if (this.#mineFor !== token) return;
      this.#mineFor = undefined;
      if (isUnauthorized(error)) this.#forgetToken(token);
    }
  }

  /** The member withdrew testimonial `id` (or it was gone already): off their list and the wall. */
  withdrawn(id: string): void {
    const { mine, items, order, aggregate } = this.state;
    const patch: Partial<WallState> = { mine: mine.filter((m) => m.id !== id) };
    const t = items.get(id);
    if (t) {
      const left = new Map(items);
      left.delete(id);
      const { count, average } = aggregate;
      const rest = count - 1;
      patch.items = left;
      patch.order = order.filter((x) => x !== id);
      // The header's figures stay honest.
      patch.aggregate = {
        count: Math.max(0, rest),
        average: rest > 0 ? round((average * count - t.rating) / rest) : 0,
      };
    }
    this.#set(patch);
  }

  /** The member sent a testimonial: first on their list, and on the wall at once if approved. */
  submitted(testimonial: OwnTestimonial): void {
    const { mine, items, order, aggregate } = this.state;
    const patch: Partial<WallState> = {
      mine: [testimonial, ...mine.filter((m) => m.id !== testimonial.id)],
    };
    if (testimonial.state === 'approved' && !items.has(testimonial.id)) {
      // On the wall it shows as everyone sees it: the name and photo only with consent.
      const { consent } = testimonial;
      const shown: Testimonial = {
        ...testimonial,
        author: {
          ...testimonial.author,
          displayName: consent.publishName ? testimonial.author.displayName : null,
        },
        photo: consent.publishPhoto ? testimonial.photo : null,
      };
      const { count, average } = aggregate;
      patch.items = new Map(items).set(testimonial.id, shown);
      patch.order = [testimonial.id, ...order];
      patch.aggregate = {
        count: count + 1,
        average: round((average * count + testimonial.rating) / (count + 1)),
      };
    }
    this.#set(patch);
  }
}

/**
 * Calls `near` once, when `el` comes within `margin` CSS pixels of the viewport: at once when
 * it is there already (a synchronous look, so a wall on screen does not wait a frame for its
 * first observation), else when an IntersectionObserver says so (at once without one).
 * Returns what stops waiting (nothing when it called `near` at once).
 */
export function whenNear(el: Element, margin: number, near: () => void): (() => void) | undefined {
  if (typeof IntersectionObserver !== 'function' || isNear(el, margin)) {
    near();
    return undefined;
  }
  const observer = new IntersectionObserver(
    (entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      observer.disconnect();
      near();
    },
    { rootMargin: `${margin}px` },
  );
  observer.observe(el);
  return () => observer.disconnect();
}

/** Whether `el` is rendered (not `display: none`) within `m` px of the viewport now. */
function isNear(el: Element, m: number): boolean {
  if (el.getClientRects().length === 0) return false;
  const r = el.getBoundingClientRect();
  return r.top < innerHeight + m && r.bottom > -m && r.left < innerWidth + m && r.right > -m;
}
