/**
 * Localization (STYLE.md §8): a typed dictionary per locale, English bundled, the others
 * loaded with `import()` the first time a widget needs them.
 *
 * A widget's locale is, in order: its `locale` attribute, `configure({ locale })`, the
 * `lang` of its nearest ancestor (crossing shadow roots) or of the document, then `en`.
 * Regional variants fall back to their language (`fr-CA` → `fr`); unknown ones to `en`.
 * Changing `<html lang>` re-renders every widget.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import en from '../locales/en.js';
import type { CercleTerms } from '../locales/terms.js';
import { configStore } from './stores.js';

export type { CercleTerms } from '../locales/terms.js';

/** The locales the SDK ships. */
export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

const loaders: Record<Exclude<Locale, 'en'>, () => Promise<{ default: CercleTerms }>> = {
  fr: () => import('../locales/fr.js'),
};

const loaded = new Map<Locale, CercleTerms>([['en', en]]);
const loading = new Map<Locale, Promise<void>>();

/** Loads a locale's terms once; resolves when they are available. */
export function loadLocale(locale: Locale): Promise<void> {
  if (loaded.has(locale)) return Promise.resolve();
  let pending = loading.get(locale);
  if (!pending) {
    const loader = loaders[locale as Exclude<Locale, 'en'>];
    pending = loader().then(
      (m) => void loaded.set(locale, m.default),
      () => void loaded.set(locale, en), // a failed chunk load falls back to English
    );
    loading.set(locale, pending);
  }
  return pending;
}

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

export class LocalizeController implements ReactiveController {
  #host: Host;
  #pending: Promise<void> | undefined;

  constructor(host: Host) {
    this.#host = host;
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
  get term(): CercleTerms {
    const locale = this.locale;
    const terms = loaded.get(locale);
    if (terms) return terms;
    const pending = loadLocale(locale).then(() => {
      if (this.#pending === pending) this.#pending = undefined;
      this.#host.requestUpdate();
    });
    this.#pending = pending;
    return en;
  }

  /** Resolves once the host's locale is loaded (the host's `updateComplete` waits for it). */
  get pending(): Promise<void> | undefined {
    return this.#pending;
  }
}
