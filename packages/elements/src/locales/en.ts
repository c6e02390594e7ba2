/** English common terms: bundled with every widget, and the fallback for any missing locale. */
import type { CommonTerms } from './terms.js';

const number = new Intl.NumberFormat('en');
const plural = new Intl.PluralRules('en');
const count = (n: number, one: string, other: string): string =>
  `${number.format(n)} ${plural.select(n) === 'one' ? one : other}`;

const reasons = {
  spam: 'Spam or advertising',
  harassment: 'Harassment or insults',
  hate: 'Hate speech',
  misinformation: 'False information',
  illegal: 'Illegal content',
  off_topic: 'Off topic',
  other: 'Something else',
} as const;

const time = new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit' });
const dateTime = new Intl.DateTimeFormat('en', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  hour: 'numeric',
  minute: '2-digit',
});
const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const two = (n: number) => String(n).padStart(2, '0');

/** "2 h 05 min 09 s" under a day; "in 3 days" beyond. */
const countdown = (ms: number): string => {
  const s = Math.ceil(ms / 1000);
  if (s >= 86_400) return relative.format(Math.round(s / 86_400), 'day');
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h > 0) return `in ${h} h ${two(m)} min ${two(sec)} s`;
  if (m > 0) return `in ${m} min ${two(sec)} s`;
  return `in ${sec} s`;
};

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

  qaEyebrow: 'Live Q&A',
  qaLoading: 'Loading the questions…',
  sessionLive: 'Live',
  sessionScheduled: 'Coming up',
  sessionEnded: 'Ended',
  startsIn: (ms) => (ms > 0 ? `Starts ${countdown(ms)}` : 'Starting any moment'),
  startsAt: (date) => dateTime.format(date),
  endedNote: 'This session has ended. Questions and votes are closed.',
  questionsCount: (n) => (n === 0 ? 'No questions' : count(n, 'question', 'questions')),
  sortLabel: 'Sort the questions',
  sortTop: 'Top',
  sortNew: 'New',

  askLabel: 'Your question',
  askHint: 'Keep it short: the host answers the most voted first.',
  counter: (length, max) => `${number.format(length)} / ${number.format(max)}`,
  charactersLeft: (n) =>
    n > 0 ? `${count(n, 'character', 'characters')} left` : 'No characters left',
  askAnonymously: 'Ask anonymously',
  anonymousHint: 'Only the host sees your name.',
  ask: 'Ask',
  asking: 'Sending…',
  askEmpty: 'Write your question first.',
  askTooLong: (max) => `A question is at most ${number.format(max)} characters.`,
  askPosted: 'Your question is on the board.',
  askPending: 'Thanks! Your question will show once the host approves it.',

  anonymous: 'Anonymous',
  you: 'you',
  askedAt: (date) => time.format(date),
  voteLabel: (votes) => `Vote for this question, ${count(votes, 'vote', 'votes')}`,
  voteCount: (votes) => number.format(votes),
  pinned: 'Pinned',
  answered: 'Answered',
  hostAnswer: 'The host’s answer',

  report: 'Report',
  reportTitle: 'Report this question',
  reportReason: 'Reason',
  reportReasonLabel: (reason) => reasons[reason],
  reportDetails: 'Details',
  reportSend: 'Send the report',
  reportSending: 'Sending…',
  reportThanks: 'Thanks, the host will review it.',

  joinToAsk: 'Join to ask and vote',
  joinCall: 'Asking and voting are for members of the circle.',
  waitlistCall: 'You are on the waitlist: you can ask and vote once a place opens.',
  joinToVote: 'Join the circle to vote.',
  joinedCall: 'You are in: ask and vote away.',

  showPending: (n) => (n > 0 ? `${number.format(n)} new — show` : 'New order — show'),
  newQuestions: (n) => count(n, 'new question', 'new questions'),
  loadMore: 'Show more questions',
  loadingMore: 'Loading more questions…',
  empty: 'No questions yet — ask the first.',
  emptyVisitor: 'No questions yet.',
  emptyEnded: 'No questions were asked.',

  reconnecting: 'Reconnecting… The board will catch up on its own.',
  offline: 'You are offline. The board will catch up when you are back.',
  streamClosed: 'Live updates stopped.',
  reconnect: 'Reconnect',

  sessionNotFound: 'This live session does not exist.',
  actionEnded: 'This session has ended: questions and votes are closed.',
  membersOnly: 'Only members of the circle can do this.',
  voteRateLimited: (seconds) =>
    seconds
      ? `You are voting very fast. Try again in ${number.format(seconds)} s.`
      : 'You are voting very fast. Try again in a moment.',
  askRateLimited: (seconds) =>
    seconds
      ? `You are asking very fast. Try again in ${number.format(seconds)} s.`
      : 'You are asking very fast. Try again in a moment.',
  errorMissingSession: 'This widget needs a session: add session="your-session" to its tag.',
} satisfies CommonTerms;

export default en;
