/**
 * The English terms of <cercle-join> (French: `terms.fr.ts`, a separate module so it stays in
 * the lazy French chunk), given to the widget as `static terms = joinTerms`; each locale's
 * object `satisfies JoinTerms`, so a missing term fails the type check. The terms more than
 * one widget uses (`loading`, `optional`, `opensInNewTab`, `cancel`, `retry`, the errors) stay
 * common (`locales/terms.ts`).
 */
import type { TermsBundle } from '../internal/localize.js';
import type { InviteKind } from '@cercle/client/contract';
import type { CommonTerms } from '../locales/terms.js';

export interface JoinTerms {
  /** The eyebrow above the community's name. */
  community: string;
  membersCount: (n: number) => string;
  placesLeft: (n: number) => string;
  waitlistOpen: string;

  displayName: string;
  displayNameHint: string;
  email: string;
  emailHint: (community: string) => string;
  consent: (community: string) => string;
  privacyPolicy: string;
  join: string;
  joinWaitlist: string;
  joining: string;

  nameRequired: string;
  nameTooLong: (max: number) => string;
  emailInvalid: string;
  consentRequired: string;

  welcome: (name: string) => string;
  joinedIntro: (community: string) => string;
  noInvites: string;
  invitesLoading: string;
  inviteKind: (kind: InviteKind) => string;
  waitlisted: (position: number | undefined) => string;
  waitlistedHint: string;
  joinedAnnouncement: (community: string) => string;
  waitlistedAnnouncement: (community: string, position: number | undefined) => string;
  full: string;

  leave: string;
  leaveWaitlist: string;
  leaveConfirm: (community: string) => string;
  leaveConfirmButton: string;
  leaving: string;
  /**
   * Shown (and announced) once a member left. True to what the backend does: the member, their
   * email, consent, votes, testimonials and photos are deleted; their questions stay, without
   * an author.
   */
  leftCircle: string;

  openJoin: string;
  memberTrigger: string;
  waitlistTrigger: string;
  close: string;
}

const number = new Intl.NumberFormat('en');
const plural = new Intl.PluralRules('en');
const count = (n: number, one: string, other: string): string =>
  `${number.format(n)} ${plural.select(n) === 'one' ? one : other}`;

const kinds = {
  discord: 'Discord',
  telegram: 'Telegram',
  whatsapp: 'WhatsApp',
  circle: 'Circle',
  slack: 'Slack',
  web: 'Website',
} as const;

export const joinEN = {
  community: 'Community',
  membersCount: (n) => count(n, 'member', 'members'),
  placesLeft: (n) => (n > 0 ? `${count(n, 'place', 'places')} left` : 'No places left'),
  waitlistOpen: 'Full: the waitlist is open',

  displayName: 'Display name',
  displayNameHint: 'Shown to other members.',
  email: 'Email',
  emailHint: (community) => `Only for ${community} to reach you. Never shown.`,
  consent: (community) =>
    `I agree that ${community} keeps my display name and email to run this community. I can leave and erase them at any time.`,
  privacyPolicy: 'Privacy policy',
  join: 'Join the circle',
  joinWaitlist: 'Join the waitlist',
  joining: 'Joining…',

  nameRequired: 'Enter a display name.',
  nameTooLong: (max) => `Use at most ${number.format(max)} characters.`,
  emailInvalid: 'Enter a valid email address, or leave it empty.',
  consentRequired: 'Tick this box to join: nothing is sent without your consent.',

  welcome: (name) => `Welcome, ${name}!`,
  joinedIntro: (community) => `You are a member of ${community}. Meet the others here:`,
  noInvites: 'Your host will share where to meet very soon.',
  invitesLoading: 'Loading your invites…',
  inviteKind: (kind) => kinds[kind],
  waitlisted: (position) =>
    position
      ? `You are number ${number.format(position)} on the waitlist.`
      : 'You are on the waitlist.',
  waitlistedHint: 'We will let you in as soon as a place opens.',
  joinedAnnouncement: (community) => `You joined ${community}.`,
  waitlistedAnnouncement: (community, position) =>
    position
      ? `You are on the waitlist of ${community}, number ${number.format(position)}.`
      : `You are on the waitlist of ${community}.`,
  full: 'This circle is full and not taking new members right now.',

  leave: 'Leave the circle',
  leaveWaitlist: 'Leave the waitlist',
  leaveConfirm: (community) =>
    `Leave ${community}? Your membership and the data it holds about you will be erased.`,
  leaveConfirmButton: 'Leave and erase my data',
  leaving: 'Leaving…',
  leftCircle: 'You left the circle; your data was erased.',

  openJoin: 'Join the circle',
  memberTrigger: 'You are a member',
  waitlistTrigger: 'On the waitlist',
  close: 'Close',
} satisfies JoinTerms;

/** The widget's terms in every locale (the French ones load on first use). */
export const joinTerms: TermsBundle<JoinTerms> = {
  en: joinEN,
  load: { fr: () => import('./terms.fr.js').then((m) => ({ default: m.joinFR })) },
};

/** What the widget reads: the common terms and its own. */
export type Terms = CommonTerms & JoinTerms;
