/**
 * The terms every locale provides (STYLE.md §8): strings, and functions where a plural, a
 * number or a name goes in (`membersCount(120)` → "120 members"). A locale file is a plain
 * object that `satisfies CercleTerms`, so a missing or misspelt term fails the type check.
 */
import type { InviteKind, ReportReason } from '@cercle/client/contract';
import type { WallTerms } from '../wall/terms.js';
import type { PromoTerms } from '../promo/terms.js';

/** Every widget's terms: the common ones and each widget's own. */
export type CercleTerms = CommonTerms & WallTerms & PromoTerms;

/**
 * The terms every widget shares (loading, errors, reporting), bundled once; each widget adds
 * its own (`wall/terms.ts`, …) through its `static terms`.
 */
export interface CommonTerms {
  /** BCP 47 code of the locale, e.g. `en`. */
  $code: string;
  /** The locale's name in itself, e.g. `Français`. */
  $name: string;
  $dir: 'ltr' | 'rtl';

  loading: string;
  community: string;
  membersCount: (n: number) => string;
  placesLeft: (n: number) => string;
  waitlistOpen: string;

  displayName: string;
  displayNameHint: string;
  email: string;
  optional: string;
  emailHint: (community: string) => string;
  consent: (community: string) => string;
  privacyPolicy: string;
  opensInNewTab: string;
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
  cancel: string;
  leaving: string;
  left: (community: string) => string;

  openJoin: string;
  memberTrigger: string;
  waitlistTrigger: string;
  close: string;
  retry: string;

  errorOffline: string;
  errorNetwork: string;
  errorTimeout: string;
  errorNotFound: string;
  errorRateLimited: (seconds: number | undefined) => string;
  errorFull: string;
  errorInvalidResponse: string;
  errorServer: string;
  errorUnknown: string;
  errorMissingCommunity: string;
  errorNoApi: string;

  // Live Q&A (`<cercle-qa>`)
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
  /** The visible counter, e.g. "12 / 500". */
  counter: (length: number, max: number) => string;
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

  report: string;
  reportTitle: string;
  reportReason: string;
  reportReasonLabel: (reason: ReportReason) => string;
  reportDetails: string;
  reportSend: string;
  reportSending: string;
  reportThanks: string;

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
  membersOnly: string;
  voteRateLimited: (seconds: number | undefined) => string;
  askRateLimited: (seconds: number | undefined) => string;
  errorMissingSession: string;
}
