/**
 * What each operation of the route table does and which error codes it may answer with,
 * for `docs/openapi.json` and the docs. Kept apart from `routes.ts` so the words stay out of
 * the widgets' bundles; `satisfies` keeps the two tables in step.
 */
import type { ErrorCode } from './contract.js';
import type { RouteName } from './routes.js';

export interface RouteDoc {
  readonly summary: string;
  /** Error codes this operation may answer with, beyond `internal` and `rate_limited`. */
  readonly errors: readonly ErrorCode[];
}

export const routeDocs = {
  health: {
    summary: 'Liveness, and the contract version the backend speaks.',
    errors: [],
  },
  getCommunity: {
    summary:
      'Public information on a community: name, tagline, member count, capacity, join state.',
    errors: ['not_found'],
  },
  join: {
    summary:
      'Join with recorded consent. 201 with the member token when joined, 202 when waitlisted; the token is never shown again.',
    errors: ['validation_failed', 'not_found', 'community_full', 'conflict', 'payload_too_large'],
  },
  listMembers: {
    summary: 'Host only: the members and the waitlist.',
    errors: ['unauthorized', 'not_found'],
  },
  me: {
    summary: 'The member behind the token, with the member-only invite destinations.',
    errors: ['unauthorized', 'not_found'],
  },
  exportMe: {
    summary: 'Everything the backend holds on the member (GDPR art. 15 and 20).',
    errors: ['unauthorized', 'not_found'],
  },
  leave: {
    summary: 'Leave the circle and erase the member’s personal data (GDPR art. 17).',
    errors: ['unauthorized', 'not_found'],
  },
  getSession: {
    summary: 'A live session: title, state (scheduled, live, ended), start time, moderation.',
    errors: ['not_found'],
  },
  listQuestions: {
    summary:
      'A page of the visible questions (open and answered), `top` or `new` first, with the id of the newest stream event to subscribe from.',
    errors: ['validation_failed', 'not_found', 'unauthorized'],
  },
  ask: {
    summary:
      'A member asks a question (1–500 characters), optionally anonymously. Pending until approved when the session is pre-moderated.',
    errors: ['validation_failed', 'unauthorized', 'forbidden', 'not_found', 'conflict'],
  },
  vote: {
    summary: 'The member votes for a question; idempotent, one vote per member.',
    errors: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
  },
  unvote: {
    summary: 'The member takes their vote back; idempotent.',
    errors: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
  },
  sessionEvents: {
    summary:
      'Server-Sent Events: question.created, question.updated, question.removed, session.updated, resync. Send Last-Event-ID to resume.',
    errors: ['not_found'],
  },
  hostQuestions: {
    summary: 'Host only: every question of the session, pending and hidden ones included.',
    errors: ['unauthorized', 'not_found'],
  },
  hostSessionEvents: {
    summary: 'Host only: the session stream, with pending and hidden questions too.',
    errors: ['unauthorized', 'not_found'],
  },
  updateQuestion: {
    summary: 'Host only: approve, answer in writing, pin or hide a question.',
    errors: ['validation_failed', 'unauthorized', 'not_found'],
  },
  putSession: {
    summary:
      'Host only: create a live session (201) or edit its title, start time, moderation and disclosure (200).',
    errors: ['validation_failed', 'unauthorized', 'not_found'],
  },
  updateSession: {
    summary: 'Host only: start or end the session, or change its moderation mode.',
    errors: ['validation_failed', 'unauthorized', 'not_found', 'conflict'],
  },
  report: {
    summary: 'Anyone reports a question or a testimonial (reason and details); the host decides.',
    errors: ['validation_failed', 'not_found'],
  },
  listReports: {
    summary: 'Host only: the reports, open ones first.',
    errors: ['unauthorized', 'not_found'],
  },
  decideReport: {
    summary: 'Host only: remove the content or dismiss the report, with a statement of reasons.',
    errors: ['validation_failed', 'unauthorized', 'not_found', 'conflict'],
  },
  listTestimonials: {
    summary:
      'A page of approved testimonials (`recent` or `rating` first, by tag and minimum rating), with the count and average of the wall and the review policy link.',
    errors: ['validation_failed', 'not_found'],
  },
  submitTestimonial: {
    summary:
      'An active member submits a testimonial with consent to publish (name, photo). It waits for moderation unless the community post-moderates.',
    errors: ['validation_failed', 'unauthorized', 'forbidden', 'not_found', 'payload_too_large'],
  },
  myTestimonials: {
    summary:
      'The member’s own testimonials in every state, with the statement of reasons of a refusal.',
    errors: ['unauthorized', 'not_found'],
  },
  withdrawTestimonial: {
    summary: 'The author withdraws a testimonial: it is deleted everywhere, its photo too.',
    errors: ['unauthorized', 'forbidden', 'not_found'],
  },
  uploadPhoto: {
    summary:
      'An active member uploads a photo (JPEG, PNG or WebP, checked by its bytes, at most 2 MB) as the raw request body, to reference in a testimonial.',
    errors: [
      'validation_failed',
      'unauthorized',
      'forbidden',
      'not_found',
      'payload_too_large',
      'unsupported_media_type',
    ],
  },
  getPhoto: {
    summary:
      'A stored photo, with `nosniff`, a restrictive Content-Security-Policy and a long cache.',
    errors: ['not_found'],
  },
  hostTestimonials: {
    summary:
      'Host only: the moderation queue (pending by default, or another state), oldest first.',
    errors: ['validation_failed', 'unauthorized', 'not_found'],
  },
  moderateTestimonial: {
    summary:
      'Host only: approve, or reject with a statement of reasons the author sees; set the disclosure and image labels.',
    errors: ['validation_failed', 'unauthorized', 'not_found'],
  },
  wallSettings: {
    summary: 'Host only: the wall’s moderation mode (`pre` by default) and review policy link.',
    errors: ['validation_failed', 'unauthorized', 'not_found'],
  },
  getOffer: {
    summary:
      'The public teaser of an offer: title, benefit, conditions, expiry, disclosure, status. Never a code.',
    errors: ['not_found', 'unauthorized'],
  },
  revealOffer: {
    summary:
      'An active member reveals their code: the shared code, or a unique code from the pool, the same on every call.',
    errors: ['unauthorized', 'forbidden', 'not_found', 'offer_expired', 'offer_exhausted'],
  },
  copyOffer: {
    summary: 'The member copied their code (counted in the funnel).',
    errors: ['unauthorized', 'not_found', 'conflict'],
  },
  reportRedemption: {
    summary:
      'Host only (the brand’s backend): an order used a code. Idempotent on the order id; a reused unique code, an order after expiry or an unknown code is flagged.',
    errors: ['validation_failed', 'unauthorized', 'not_found'],
  },
  putOffer: {
    summary: 'Host only: create or change an offer (a shared code, or a pool of unique codes).',
    errors: ['validation_failed', 'unauthorized', 'not_found', 'conflict'],
  },
  importCodes: {
    summary: 'Host only: add unique single-use codes to the offer’s pool (duplicates skipped).',
    errors: ['validation_failed', 'unauthorized', 'not_found', 'conflict', 'payload_too_large'],
  },
  offerFunnel: {
    summary:
      'Host only: teaser views, reveals, copies, redemptions, flagged orders and attributable revenue.',
    errors: ['unauthorized', 'not_found'],
  },
} as const satisfies Record<RouteName, RouteDoc>;
