/**
 * The English terms of <cercle-qa> (French: `terms.fr.ts`, a separate module so it stays in
 * the lazy French chunk), given to the widget as `static terms = qaTerms`; each locale's
 * object `satisfies QaTerms`, so a missing term fails the type check. The terms more than one
 * widget uses (reporting, the counter, `membersOnly`) stay common (`locales/terms.ts`).
 */
import type { TermsBundle } from '../internal/localize.js';

export interface QaTerms {
  qaEyebrow: string;
  qaLoading: string;
  sessionLive: string;
  sessionScheduled: string;
  sessionEnded: string;
  /** The countdown while scheduled; `ms` ≤ 0 once the start time has passed. */
  startsIn: (ms: number) => string;
  /** The start date and time, e.g. "Sunday 29 November, 11:00". */
  startsAt: (date: Date) => string;
  endedNote: string;
  questionsCount: (n: number) => string;
  sortLabel: string;
  sortTop: string;
  sortNew: string;

  askLabel: string;
  askHint: string;
  /** Announced near the limit. */
  charactersLeft: (n: number) => string;
  askAnonymously: string;
  anonymousHint: string;
  ask: string;
  asking: string;
  askEmpty: string;
  askTooLong: (max: number) => string;
  askPosted: string;
  askPending: string;

  anonymous: string;
  you: string;
  /** When a question was asked, e.g. "10:42". */
  askedAt: (date: Date) => string;
  voteLabel: (votes: number) => string;
  voteCount: (votes: number) => string;
  pinned: string;
  answered: string;
  hostAnswer: string;

  reportTitle: string;
  joinToAsk: string;
  joinCall: string;
  waitlistCall: string;
  joinToVote: string;
  joinedCall: string;

  /** The button that applies held updates: `n` new questions, or only a new order. */
  showPending: (n: number) => string;
  newQuestions: (n: number) => string;
  loadMore: string;
  loadingMore: string;
  empty: string;
  emptyVisitor: string;
  emptyEnded: string;

  reconnecting: string;
  offline: string;
  streamClosed: string;
  reconnect: string;

  sessionNotFound: string;
  actionEnded: string;
  voteRateLimited: (seconds: number | undefined) => string;
  askRateLimited: (seconds: number | undefined) => string;
  errorMissingSession: string;
}

const number = new Intl.NumberFormat('en');
const plural = new Intl.PluralRules('en');
const count = (n: number, one: string, other: string): string =>
  `${number.format(n)} ${plural.select(n) === 'one' ? one : other}`;

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

const qaEN = {
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

  reportTitle: 'Report this question',
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
  voteRateLimited: (seconds) =>
    seconds
      ? `You are voting very fast. Try again in ${number.format(seconds)} s.`
      : 'You are voting very fast. Try again in a moment.',
  askRateLimited: (seconds) =>
    seconds
      ? `You are asking very fast. Try again in ${number.format(seconds)} s.`
      : 'You are asking very fast. Try again in a moment.',
  errorMissingSession: 'This widget needs a session: add session="your-session" to its tag.',
} satisfies QaTerms;

/** The widget's terms in every locale (the French ones load on first use). */
export const qaTerms: TermsBundle<QaTerms> = {
  en: qaEN,
  load: { fr: () => import('./terms.fr.js').then((m) => ({ default: m.qaFR })) },
};
