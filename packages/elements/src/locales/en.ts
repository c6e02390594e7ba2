/** English: bundled with every widget, and the fallback for any missing locale. */
import type { CercleTerms } from './terms.js';

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

const en = {
  $code: 'en',
  $name: 'English',
  $dir: 'ltr',

  loading: 'Loading the community…',
  community: 'Community',
  membersCount: (n) => count(n, 'member', 'members'),
  placesLeft: (n) => (n > 0 ? `${count(n, 'place', 'places')} left` : 'No places left'),
  waitlistOpen: 'Full: the waitlist is open',

  displayName: 'Display name',
  displayNameHint: 'Shown to other members.',
  email: 'Email',
  optional: 'optional',
  emailHint: (community) => `Only for ${community} to reach you. Never shown.`,
  consent: (community) =>
    `I agree that ${community} keeps my display name and email to run this community. I can leave and erase them at any time.`,
  privacyPolicy: 'Privacy policy',
  opensInNewTab: '(opens in a new tab)',
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
  cancel: 'Cancel',
  leaving: 'Leaving…',
  left: (community) => `You left ${community}. Your data has been erased.`,

  openJoin: 'Join the circle',
  memberTrigger: 'You are a member',
  waitlistTrigger: 'On the waitlist',
  close: 'Close',
  retry: 'Try again',

  errorOffline: 'You seem to be offline. Check your connection and try again.',
  errorNetwork: 'We could not reach the community. Check your connection and try again.',
  errorTimeout: 'The community took too long to answer. Try again.',
  errorNotFound: 'This community does not exist.',
  errorRateLimited: (seconds) =>
    seconds
      ? `Too many attempts. Try again in ${number.format(seconds)} s.`
      : 'Too many attempts. Try again in a moment.',
  errorFull: 'The circle just filled up.',
  errorInvalidResponse: 'The community answered something unexpected. Try again later.',
  errorServer: 'Something went wrong on our side. Try again.',
  errorUnknown: 'Something went wrong. Try again.',
  errorMissingCommunity:
    'This widget needs a community: add community="your-community" to its tag.',
  errorNoApi: 'No Cercle API is set for this page.',
} satisfies CercleTerms;

export default en;
