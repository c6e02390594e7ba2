/**
 * The English terms of <cercle-promo> (French: `terms.fr.ts`, a separate module so it stays in
 * the lazy French chunk), given to the widget as `static terms = promoTerms`; each locale's
 * object `satisfies PromoTerms`, so a missing term fails the type check.
 */
import type { TermsBundle } from '../internal/localize.js';
import type { Disclosure } from '@cercle/client/contract';

export interface PromoTerms {
  promoLoading: string;
  /** Above the title, e.g. "Members’ offer". */
  promoEyebrow: string;
  /**
   * The commercial disclosure shown above every offer (French law 2023-451): "Advertising",
   * or "Paid partnership" for a `collaboration-commerciale`. An offer is always advertising,
   * so `none` reads "Advertising" too (French: « Publicité », « Collaboration commerciale »).
   */
  promoDisclosure: (disclosure: Disclosure) => string;
  /** "Ends in 3 days"; under a day, "Ends in 02:14:09". */
  promoEndsIn: (ms: number) => string;
  /** The end date in full, e.g. "December 29, 2026 at 11:00 PM". */
  promoEndsAt: (date: Date) => string;
  promoLocked: string;
  promoJoin: string;
  promoWaitlisted: string;
  /** Announced when a visitor's join unlocks the offer. */
  promoUnlocked: string;
  promoReveal: string;
  promoRevealing: string;
  /** Announced once the code shows (the code itself is on screen, not in the announcement). */
  promoRevealed: string;
  promoCodeLabel: string;
  promoCopy: string;
  promoCopied: string;
  promoCopiedAnnouncement: string;
  promoCopyManually: string;
  /** Under the code: until when it works. */
  promoValidUntil: (date: Date) => string;
  promoExpired: (date: Date) => string;
  promoExhausted: string;
  promoExhaustedHint: string;
  promoPaused: string;
  promoPausedHint: string;
  promoRateLimited: (seconds: number) => string;
  promoNotFound: string;
  promoMembersOnly: string;
  errorMissingOffer: string;
}

const number = new Intl.NumberFormat('en');
const date = new Intl.DateTimeFormat('en', { day: 'numeric', month: 'long', year: 'numeric' });
const dateTime = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'short' });
const two = (n: number) => String(n).padStart(2, '0');

/** "3 days" from two days on, "1 day", then "02:14:09" under a day. */
const remaining = (ms: number, days: (n: number) => string): string => {
  const s = Math.max(0, Math.ceil(ms / 1000));
  if (s >= 86_400) return days(Math.floor(s / 86_400));
  return `${two(Math.floor(s / 3600))}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`;
};

export const promoEN = {
  promoLoading: 'Loading the offer…',
  promoEyebrow: 'Members’ offer',
  promoDisclosure: (disclosure) =>
    disclosure === 'collaboration-commerciale' ? 'Paid partnership' : 'Advertising',
  promoEndsIn: (ms) =>
    `Ends in ${remaining(ms, (n) => `${number.format(n)} ${n === 1 ? 'day' : 'days'}`)}`,
  promoEndsAt: (d) => dateTime.format(d),
  promoLocked: 'Members only: join the circle to unlock your code',
  promoJoin: 'Join to unlock',
  promoWaitlisted: 'You are on the waitlist: your code unlocks once you are in the circle.',
  promoUnlocked: 'You are in: your code is ready to reveal.',
  promoReveal: 'Reveal my code',
  promoRevealing: 'Revealing…',
  promoRevealed: 'Your code is shown. Copy it and use it at checkout.',
  promoCodeLabel: 'Your code',
  promoCopy: 'Copy',
  promoCopied: 'Copied',
  promoCopiedAnnouncement: 'Code copied.',
  promoCopyManually: 'The code is selected: press Ctrl+C / ⌘C to copy.',
  promoValidUntil: (d) => `Use it at checkout until ${date.format(d)}.`,
  promoExpired: (d) => `This offer ended on ${date.format(d)}.`,
  promoExhausted: 'All codes have been claimed.',
  promoExhaustedHint: 'Members who revealed theirs can still use them.',
  promoPaused: 'This offer is paused for now.',
  promoPausedHint: 'Members who revealed their code can still use it.',
  promoRateLimited: (seconds) => `Too many tries, try again in ${number.format(seconds)} s.`,
  promoNotFound: 'This offer does not exist.',
  promoMembersOnly: 'Only members of the circle can reveal this code.',
  errorMissingOffer: 'This widget needs an offer: add offer="your-offer" to its tag.',
} satisfies PromoTerms;

/** The widget's terms in every locale (the French ones load on first use). */
export const promoTerms: TermsBundle<PromoTerms> = {
  en: promoEN,
  load: { fr: () => import('./terms.fr.js').then((m) => ({ default: m.promoFR })) },
};
