/** English common terms: bundled with every widget, and the fallback for any missing locale. */
import type { CommonTerms } from './terms.js';

const number = new Intl.NumberFormat('en');

const reasons = {
  spam: 'Spam or advertising',
  harassment: 'Harassment or insults',
  hate: 'Hate speech',
  misinformation: 'False information',
  illegal: 'Illegal content',
  off_topic: 'Off topic',
  other: 'Something else',
} as const;

const en = {
  $code: 'en',
  $name: 'English',
  $dir: 'ltr',

  loading: 'Loading the community…',

  optional: 'optional',
  opensInNewTab: '(opens in a new tab)',

  cancel: 'Cancel',

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

  counter: (length, max) => `${number.format(length)} / ${number.format(max)}`,
  report: 'Report',
  reportReason: 'Reason',
  reportReasonLabel: (reason) => reasons[reason],
  reportDetails: 'Details',
  reportSend: 'Send the report',
  reportSending: 'Sending…',
  reportThanks: 'Thanks, the host will review it.',
  membersOnly: 'Only members of the circle can do this.',
} satisfies CommonTerms;

export default en;
