/**
 * The parts of `<cercle-wall>` loaded with `import()` the first time the wall needs them:
 * the form (a member opens it), the carousel (`layout="carousel"`) and the member's own
 * testimonials (they have some). Each is an element that renders in the wall's shadow root
 * and adopts its own stylesheet there (adopt.ts), so the first load carries neither their
 * code nor their CSS. Where each one is lives in a store the wall reads (STYLE.md §12).
 */
import { atom } from 'nanostores';

const LOADERS = {
  form: () => import('./wall-form.js'),
  carousel: () => import('./wall-carousel.js'),
  mine: () => import('./wall-mine.js'),
};

export type Part = keyof typeof LOADERS;
export type PartStatus = 'loading' | 'ready' | 'failed';

/** The parts' tags, to wait for their renders. */
export const PART_TAGS = 'cercle-wall-form, cercle-wall-carousel, cercle-wall-mine';

export class LazyParts {
  readonly $status = atom<Readonly<Partial<Record<Part, PartStatus>>>>({});
  /** Each part's load; it never rejects (a failure is a status). */
  #loading: Partial<Record<Part, Promise<void>>> = {};
  #failed: (part: Part, error: unknown) => void;

  /** `failed`: a part could not be loaded (it is tried again on the next `need(part, true)`). */
  constructor(failed: (part: Part, error: unknown) => void) {
    this.#failed = failed;
  }

  status(part: Part): PartStatus | undefined {
    return this.$status.get()[part];
  }

  #set(part: Part, status: PartStatus): void {
    this.$status.set({ ...this.$status.get(), [part]: status });
  }

  /**
   * Whether `part` is loaded; starts loading it if not (once: a part that failed is tried
   * again only with `retry`, on a user's gesture).
   */
  need(part: Part, retry = false): boolean {
    const now = this.status(part);
    if (now === 'ready') return true;
    if (now === 'loading' || (now === 'failed' && !retry)) return false;
    this.#set(part, 'loading');
    this.#loading[part] = LOADERS[part]().then(
      () => this.#set(part, 'ready'),
      (error: unknown) => {
        this.#set(part, 'failed');
        this.#failed(part, error);
      },
    );
    return false;
  }

  /** Waits for the parts loading now; resolves `false` at once when none is. */
  async settled(): Promise<boolean> {
    const status = this.$status.get();
    const loading = (Object.keys(status) as Part[])
      .filter((p) => status[p] === 'loading')
      .flatMap((p) => this.#loading[p] ?? []);
    if (loading.length === 0) return false;
    await Promise.all(loading);
    return true;
  }
}
