/**
 * A tiny typed dictionary for the console's two locales. Each screen owns its terms:
 *
 * ```ts
 * const en = { title: 'Team', hosts: (n: number) => (n === 1 ? '1 host' : `${n} hosts`) };
 * export const terms = { en, fr: { title: 'Équipe', hosts: (n) => … } } satisfies Dictionary<typeof en>;
 * // in render(): const t = this.t(terms);
 * ```
 *
 * `satisfies Dictionary<typeof en>` makes a missing or extra French term a type error.
 * Dates and numbers go through `Intl` (`formats(locale)`), never hand-built strings.
 */

export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

/** One screen's terms in every locale. */
export type Dictionary<T> = { readonly [L in Locale]: T };

export const LOCALE_NAMES: Readonly<Record<Locale, string>> = { en: 'English', fr: 'Français' };

const STORAGE_KEY = 'cercle-console:locale';

export const isLocale = (value: unknown): value is Locale =>
  typeof value === 'string' && (LOCALES as readonly string[]).includes(value);

/** The first of the browser's languages we speak, else English. */
export function browserLocale(languages: readonly string[] = navigatorLanguages()): Locale {
  for (const tag of languages) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'en';
}

function navigatorLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

/** The remembered locale (localStorage), else the browser's. */
export function initialLocale(): Locale {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (isLocale(stored)) return stored;
  } catch {
    // storage refused
  }
  return browserLocale();
}

export function rememberLocale(locale: Locale): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  } catch {
    // storage refused: the choice lasts as long as the page
  }
}

/** Dates, times and numbers in a locale (cached formatters). */
export interface Formats {
  /** `12 Nov 2026` */
  date(iso: string | Date): string;
  /** `12 Nov 2026, 14:05` */
  dateTime(iso: string | Date): string;
  number(n: number): string;
  /** `in 3 days`, `2 hours ago` */
  relative(iso: string | Date, now?: number): string;
}

const cache = new Map<Locale, Formats>();

export function formats(locale: Locale): Formats {
  const known = cache.get(locale);
  if (known) return known;
  const tag = locale === 'fr' ? 'fr-FR' : 'en-GB';
  const date = new Intl.DateTimeFormat(tag, { dateStyle: 'medium' });
  const dateTime = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' });
  const number = new Intl.NumberFormat(tag);
  const relative = new Intl.RelativeTimeFormat(tag, { numeric: 'auto' });
  const toDate = (value: string | Date) => (value instanceof Date ? value : new Date(value));
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['day', 86_400_000],
    ['hour', 3_600_000],
    ['minute', 60_000],
  ];
  const made: Formats = {
    date: (value) => date.format(toDate(value)),
    dateTime: (value) => dateTime.format(toDate(value)),
    number: (n) => number.format(n),
    relative: (value, now = Date.now()) => {
      const diff = toDate(value).getTime() - now;
      for (const [unit, ms] of units) {
        if (Math.abs(diff) >= ms || unit === 'minute') {
          return relative.format(Math.round(diff / ms), unit);
        }
      }
      return relative.format(0, 'minute');
    },
  };
  cache.set(locale, made);
  return made;
}

/** Terms the shell and every screen share (buttons, generic errors). */
const commonEn = {
  save: 'Save',
  saving: 'Saving…',
  saved: 'Saved.',
  cancel: 'Cancel',
  confirm: 'Confirm',
  close: 'Close',
  copy: 'Copy',
  copied: 'Copied to the clipboard.',
  copyFailed: 'Could not copy: select the text and copy it by hand.',
  loading: 'Loading…',
  retry: 'Try again',
  remove: 'Remove',
  add: 'Add',
  yes: 'Yes',
  no: 'No',
  none: 'None',
  optional: '(optional)',
  readOnly: 'Read-only: your role cannot change this.',
  errors: {
    network: 'The API could not be reached. Check your connection and try again.',
    timeout: 'The API took too long to answer. Try again.',
    unauthorized: 'Your key is no longer valid: sign in again.',
    forbidden: 'Your role does not allow this.',
    notFound: 'Not found: it may have been removed.',
    conflict: 'This conflicts with the current state: reload and try again.',
    validation: 'Some fields need attention.',
    rateLimited: 'Too many attempts: wait a moment and try again.',
    server: 'The API failed. Try again in a moment.',
    unknown: 'Something went wrong.',
  },
};

export type CommonTerms = typeof commonEn;

export const common = {
  en: commonEn,
  fr: {
    save: 'Enregistrer',
    saving: 'Enregistrement…',
    saved: 'Enregistré.',
    cancel: 'Annuler',
    confirm: 'Confirmer',
    close: 'Fermer',
    copy: 'Copier',
    copied: 'Copié dans le presse-papiers.',
    copyFailed: 'Copie impossible : sélectionnez le texte et copiez-le à la main.',
    loading: 'Chargement…',
    retry: 'Réessayer',
    remove: 'Retirer',
    add: 'Ajouter',
    yes: 'Oui',
    no: 'Non',
    none: 'Aucun',
    optional: '(facultatif)',
    readOnly: 'Lecture seule : votre rôle ne permet pas de modifier ceci.',
    errors: {
      network: 'L’API est injoignable. Vérifiez votre connexion et réessayez.',
      timeout: 'L’API a mis trop de temps à répondre. Réessayez.',
      unauthorized: 'Votre clé n’est plus valide : reconnectez-vous.',
      forbidden: 'Votre rôle ne permet pas cette action.',
      notFound: 'Introuvable : l’élément a peut-être été supprimé.',
      conflict: 'Conflit avec l’état actuel : rechargez et réessayez.',
      validation: 'Certains champs sont à corriger.',
      rateLimited: 'Trop de tentatives : patientez un instant et réessayez.',
      server: 'L’API a échoué. Réessayez dans un instant.',
      unknown: 'Une erreur est survenue.',
    },
  },
} satisfies Dictionary<CommonTerms>;
