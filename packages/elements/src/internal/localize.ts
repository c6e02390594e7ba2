/**
 * Localization (STYLE.md §8): a typed dictionary per locale, English bundled, the others
 * loaded with `import()` the first time a widget needs them. The terms are in two parts:
 * the common ones (`locales/`: loading, errors, reporting), and each widget's own (its
 * folder's `terms.ts` and `terms.fr.ts`, given as `static terms`), so a page pays only for
 * the widgets it shows.
 *
 * A widget's locale is, in order: its `locale` attribute, `configure({ locale })`, the
 * `lang` of its nearest ancestor (crossing shadow roots) or of the document, then `en`.
 * Regional variants fall back to their language (`fr-CA` → `fr`); unknown ones to `en`.
 * Changing `<html lang>` re-renders every widget.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import en from '../locales/en.js';
import type { CommonTerms } from '../locales/terms.js';
import { configStore } from './stores.js';

export type { CercleTerms, CommonTerms } from '../locales/terms.js';

/** The locales the SDK ships. */
export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * A set of terms in every locale: English bundled, the others loaded on first use (a
 * module whose default export is the locale's object).
 */
export interface TermsBundle<T extends object> {
  readonly en: T;
  readonly load: Record<Exclude<Locale, 'en'>, () => Promise<{ default: T }>>;
}

const common: TermsBundle<CommonTerms> = {
  en,
  load: { fr: () => import('../locales/fr.js') },
};

/** Per bundle, the terms of each locale loaded so far (common and the widget's, merged). */
const loaded = new WeakMap<object, Map<Locale, object>>();
const loading = new WeakMap<object, Map<Locale, Promise<void>>>();

/** Loads a bundle's terms in a locale once; a failed chunk load falls back to English. */
function load<T extends object>(bundle: TermsBundle<T>, locale: Exclude<Locale, 'en'>) {
  const own = (b: TermsBundle<object>) =>
    b.load[locale]().then(
      (m) => m.default,
      () => b.en,
    );
  const done = Promise.all([own(common), bundle === (common as object) ? {} : own(bundle)]).then(
    ([c, w]) => void cache(bundle).set(locale, { ...c, ...w }),
  );
  (loading.get(bundle) ?? loading.set(bundle, new Map()).get(bundle)!).set(locale, done);
  return done;
}

const cache = (bundle: object): Map<Locale, object> =>
  loaded.get(bundle) ?? loaded.set(bundle, new Map()).get(bundle)!;

/** Loads the common terms of a locale, and a widget's when given; resolves when available. */
export function loadLocale(locale: Locale, bundle: TermsBundle<object> = common): Promise<void> {
  if (locale === 'en' || cache(bundle).has(locale)) return Promise.resolve();
  return loading.get(bundle)?.get(locale) ?? load(bundle, locale);
}

/** The English of a bundle, common terms included. */
const english = <T extends object>(bundle: TermsBundle<T>): CommonTerms & T => {
  const terms = cache(bundle);
  let merged = terms.get('en');
  if (!merged) terms.set('en', (merged = { ...en, ...bundle.en }));
  return merged as CommonTerms & T;
};

/** `fr-CA` → `fr`; anything unknown → `en`. */
export function toLocale(tag: string | null | undefined): Locale {
  const lang = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(lang ?? '') ? (lang as Locale) : 'en';
}

/** The `lang` of the nearest ancestor, crossing shadow roots. */
function closestLang(el: Element): string | undefined {
  let node: Element | null = el;
  while (node) {
    const lang = node.getAttribute('lang');
    if (lang) return lang;
    const parent: Element | null = node.parentElement;
    if (parent) node = parent;
    else {
      const root = node.getRootNode();
      node = root instanceof ShadowRoot ? root.host : null;
    }
  }
  return undefined;
}

type Host = ReactiveControllerHost & HTMLElement & { locale?: string | undefined };

const hosts = new Set<Host>();
let observer: MutationObserver | undefined;

const observeDocumentLang = (): void => {
  if (observer || typeof MutationObserver === 'undefined' || typeof document === 'undefined')
    return;
  observer = new MutationObserver(() => hosts.forEach((h) => h.requestUpdate()));
  observer.observe(document.documentElement, {
    attributes: true,
    attributeFilter: ['lang', 'dir'],
  });
};

export class LocalizeController<T extends object = object> implements ReactiveController {
  #host: Host;
  #bundle: TermsBundle<T>;
  #pending: Promise<void> | undefined;

  /** `bundle`: the widget's own terms (default: the common ones only). */
  constructor(host: Host, bundle?: TermsBundle<T>) {
    this.#host = host;
    this.#bundle = bundle ?? (common as TermsBundle<object> as TermsBundle<T>);
    host.addController(this);
  }

  hostConnected(): void {
    hosts.add(this.#host);
    observeDocumentLang();
  }

  hostDisconnected(): void {
    hosts.delete(this.#host);
  }

  /** The locale the host resolves to. */
  get locale(): Locale {
    const host = this.#host;
    const tag =
      host.locale ||
      configStore().get().locale ||
      (typeof document === 'undefined' ? undefined : closestLang(host));
    return toLocale(tag);
  }

  /** The host's terms; English until its locale has loaded (then the host re-renders). */
  get term(): CommonTerms & T {
    const locale = this.locale;
    const bundle = this.#bundle;
    const terms = locale === 'en' ? undefined : cache(bundle).get(locale);
    if (terms) return terms as CommonTerms & T;
    if (locale !== 'en') {
      const pending = loadLocale(locale, bundle).then(() => {
        if (this.#pending === pending) this.#pending = undefined;
        this.#host.requestUpdate();
      });
      this.#pending = pending;
    }
    return english(bundle);
  }

  /** Whether the host's locale has loaded (English always has): `term` is then its own. */
  get ready(): boolean {
    const locale = this.locale;
    return locale === 'en' || cache(this.#bundle).has(locale);
  }

  /** Loads the host's locale (at once for English, or when loaded already). */
  load(): Promise<void> {
    return loadLocale(this.locale, this.#bundle);
  }

  /** Resolves once the host's locale is loaded (the host's `updateComplete` waits for it). */
  get pending(): Promise<void> | undefined {
    return this.#pending;
  }
}
