/**
 * The terms every locale provides (STYLE.md §8): strings, and functions where a plural, a
 * number or a name goes in (`membersCount(120)` → "120 members"). A locale file is a plain
 * object that `satisfies CercleTerms`, so a missing or misspelt term fails the type check.
 */
import type { InviteKind } from '@cercle/client/contract';

export interface CercleTerms {
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
}
