/**
 * The English terms of <cercle-wall> (French: `terms.fr.ts`, a separate module so it stays in
 * the lazy French chunk), given to the widget as `static terms = wallTerms`; each locale's
 * object `satisfies WallTerms`, so a missing term fails the type check.
 */
import type { TermsBundle } from '../internal/localize.js';
import type { Disclosure, ImageFlag, TestimonialState } from '@cercle/client/contract';

export interface WallTerms {
  wallEyebrow: string;
  wallLoading: string;
  /** The average, e.g. "4.3 / 5". */
  wallAverage: (average: number) => string;
  /** The text alternative of the average's stars, e.g. "Rated 4.3 out of 5 on average". */
  wallAverageLabel: (average: number) => string;
  /** "38 reviews from members". */
  wallCount: (n: number) => string;
  wallEmpty: string;
  wallEmptyFiltered: string;
  /** The text alternative of a card's stars: "Rated 4 out of 5". */
  wallRated: (rating: number) => string;
  /** The author's name when they did not consent to publish it. */
  wallAMember: string;
  /** "Member since November 2025". */
  wallMemberSince: (date: Date) => string;
  wallVerified: string;
  /** How membership was checked, shown next to the badge. */
  wallVerifiedHow: string;
  wallNotVerified: string;
  /** "Experienced on 12 October 2026" (`date` is a calendar day). */
  wallExperienced: (date: Date) => string;
  wallPublished: (date: Date) => string;
  /** The legal label of paid or rewarded content, in the page's language. */
  wallDisclosure: (disclosure: Exclude<Disclosure, 'none'>) => string;
  /** The legal label of an edited or generated image. */
  wallImageFlag: (flag: ImageFlag) => string;
  wallReadMore: string;
  wallReadLess: string;
  wallTags: string;
  wallLoadMore: string;
  wallLoadingMore: string;
  /** The line under the wall: how reviews are collected and checked. */
  wallPolicy: string;
  wallPolicyLink: string;

  wallCarousel: string;
  /** A slide's label, "3 of 12". */
  wallSlide: (index: number, total: number) => string;
  wallPrevious: string;
  wallNext: string;
  wallPause: string;
  wallPlay: string;

  wallReportTitle: string;

  wallShare: string;
  wallShareCall: string;
  wallWaitlistCall: string;
  wallFormTitle: string;
  wallRating: string;
  /** The label of one star of the rating group: "4 stars". */
  wallStars: (n: number) => string;
  wallText: string;
  wallTextHint: string;
  wallPhoto: string;
  wallPhotoHint: (maxMb: number) => string;
  wallPhotoRemove: string;
  wallPhotoAlt: string;
  wallPhotoAltHint: string;
  wallPhotoPreview: string;
  /** The legend of the required choice "Publish as: my name / anonymously". */
  wallPublishAs: string;
  wallPublishName: string;
  wallPublishAnonymous: string;
  wallPublishRequired: string;
  /** The photo drop zone: "Drop a photo here, or choose one". */
  wallPhotoDrop: string;
  wallPhotoChoose: string;
  wallConsentPhoto: string;
  wallSubmit: string;
  wallSubmitting: string;
  wallRatingRequired: string;
  wallTextRequired: string;
  wallTextTooLong: (max: number) => string;
  wallPhotoType: string;
  wallPhotoTooLarge: (maxMb: number) => string;
  wallAltRequired: string;
  wallPhotoConsentRequired: string;
  wallSubmitError: string;
  wallSubmittedPending: string;
  wallSubmittedApproved: string;
  wallJoinedCall: string;

  wallMine: string;
  wallState: (state: TestimonialState) => string;
  /** "Refused: <statement>". */
  wallRefused: (statement: string) => string;
  wallWithdraw: string;
  wallWithdrawConfirm: string;
  wallWithdrawConfirmButton: string;
  wallWithdrawing: string;
  wallWithdrawn: string;
}

const number = new Intl.NumberFormat('en');
const decimal = new Intl.NumberFormat('en', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const monthYear = new Intl.DateTimeFormat('en', { month: 'long', year: 'numeric' });
const day = new Intl.DateTimeFormat('en', { day: 'numeric', month: 'long', year: 'numeric' });
const utcDay = new Intl.DateTimeFormat('en', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

const disclosures = {
  publicite: 'Advertising',
  'collaboration-commerciale': 'Paid partnership',
} as const;
const flags = { retouchee: 'Edited image', virtuelle: 'Generated image' } as const;
const states = {
  pending: 'Awaiting moderation',
  approved: 'Published',
  rejected: 'Refused',
  removed: 'Removed',
} as const;

export const wallEN = {
  wallEyebrow: 'Member reviews',
  wallLoading: 'Loading the reviews…',
  wallAverage: (average) => `${decimal.format(average)} / 5`,
  wallAverageLabel: (average) => `Rated ${decimal.format(average)} out of 5 on average`,
  wallCount: (n) =>
    n === 1 ? '1 review from a member' : `${number.format(n)} reviews from members`,
  wallEmpty: 'No reviews yet.',
  wallEmptyFiltered: 'No reviews match these filters yet.',
  wallRated: (rating) => `Rated ${rating} out of 5`,
  wallAMember: 'A member',
  wallMemberSince: (date) => `Member since ${monthYear.format(date)}`,
  wallVerified: 'Verified member',
  wallVerifiedHow: 'written while a member of the circle',
  wallNotVerified: 'Membership not verified',
  wallExperienced: (date) => `Experienced on ${utcDay.format(date)}`,
  wallPublished: (date) => `Published on ${day.format(date)}`,
  wallDisclosure: (d) => disclosures[d],
  wallImageFlag: (flag) => flags[flag],
  wallReadMore: 'Read more',
  wallReadLess: 'Read less',
  wallTags: 'Tags',
  wallLoadMore: 'Show more reviews',
  wallLoadingMore: 'Loading more reviews…',
  wallPolicy:
    'Reviews are written by members of the circle, whose membership is checked, and read by the host before they are published. They are published as written and never paid for, unless labelled “Advertising” or “Paid partnership”.',
  wallPolicyLink: 'How reviews are collected and checked',

  wallCarousel: 'Member reviews',
  wallSlide: (index, total) => `${number.format(index)} of ${number.format(total)}`,
  wallPrevious: 'Previous review',
  wallNext: 'Next review',
  wallPause: 'Pause',
  wallPlay: 'Play',

  wallReportTitle: 'Report this review',

  wallShare: 'Share your experience',
  wallShareCall: 'Reviews are written by members of the circle.',
  wallWaitlistCall: 'You are on the waitlist: you can share your experience once a place opens.',
  wallFormTitle: 'Your review',
  wallRating: 'Your rating',
  wallStars: (n) => (n === 1 ? '1 star' : `${n} stars`),
  wallText: 'Your experience',
  wallTextHint: 'What did you make, try or learn? Your words are published as written.',
  wallPhoto: 'A photo of what you made',
  wallPhotoHint: (maxMb) => `JPEG, PNG or WebP, up to ${maxMb} MB. No photos of people, please.`,
  wallPhotoRemove: 'Remove the photo',
  wallPhotoAlt: 'Describe the photo',
  wallPhotoAltHint: 'For people who cannot see it, e.g. “A loaf of sourdough, cut open”.',
  wallPhotoPreview: 'Preview of your photo',
  wallPublishAs: 'Publish my review',
  wallPublishName: 'With my display name',
  wallPublishAnonymous: 'Anonymously (it says “A member”)',
  wallPublishRequired: 'Choose whether to publish your review with your name or anonymously.',
  wallPhotoDrop: 'Drop a photo here, or',
  wallPhotoChoose: 'choose a file',
  wallConsentPhoto: 'Publish my photo with my review',
  wallSubmit: 'Send my review',
  wallSubmitting: 'Sending…',
  wallRatingRequired: 'Choose a rating from 1 to 5 stars.',
  wallTextRequired: 'Write a few words about your experience.',
  wallTextTooLong: (max) => `A review is at most ${number.format(max)} characters.`,
  wallPhotoType: 'This file is not a JPEG, PNG or WebP image.',
  wallPhotoTooLarge: (maxMb) => `This photo is too large: ${maxMb} MB at most.`,
  wallAltRequired: 'Describe the photo for people who cannot see it.',
  wallPhotoConsentRequired: 'Tick this box to publish the photo, or remove the photo.',
  wallSubmitError: 'Your review was not sent. Nothing you wrote is lost: try again.',
  wallSubmittedPending: 'Thanks! Your review will appear once the host has read it.',
  wallSubmittedApproved: 'Thanks! Your review is on the wall.',
  wallJoinedCall: 'You are in: share your experience below.',

  wallMine: 'Your reviews',
  wallState: (state) => states[state],
  wallRefused: (statement) => `Refused: ${statement}`,
  wallWithdraw: 'Withdraw',
  wallWithdrawConfirm: 'Withdraw this review? It will be deleted everywhere.',
  wallWithdrawConfirmButton: 'Withdraw it',
  wallWithdrawing: 'Withdrawing…',
  wallWithdrawn: 'Your review was withdrawn.',
} satisfies WallTerms;

/** The widget's terms in every locale (the French ones load on first use). */
export const wallTerms: TermsBundle<WallTerms> = {
  en: wallEN,
  load: { fr: () => import('./terms.fr.js').then((m) => ({ default: m.wallFR })) },
};
