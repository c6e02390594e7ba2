/**
 * The terms every locale provides (STYLE.md §8): strings, and functions where a plural, a
 * number or a name goes in (`membersCount(120)` → "120 members"). A locale file is a plain
 * object that `satisfies CercleTerms`, so a missing or misspelt term fails the type check.
 */
import type { ReportReason } from '@cercle/client/contract';
import type { JoinTerms } from '../join/terms.js';
import type { WallTerms } from '../wall/terms.js';
import type { PromoTerms } from '../promo/terms.js';
import type { QaTerms } from '../qa/terms.js';

/** Every widget's terms: the common ones and each widget's own. */
export type CercleTerms = CommonTerms & JoinTerms & QaTerms & WallTerms & PromoTerms;

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

  optional: string;
  opensInNewTab: string;

  cancel: string;

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

  // Reporting, counters, refusals (more than one widget)
  /** The visible counter, e.g. "12 / 500". */
  counter: (length: number, max: number) => string;
  report: string;
  reportReason: string;
  reportReasonLabel: (reason: ReportReason) => string;
  reportDetails: string;
  reportSend: string;
  reportSending: string;
  reportThanks: string;
  membersOnly: string;
}
