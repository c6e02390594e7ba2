/**
 * The contract's plain values: version, error codes, limits, the lists its picklists are
 * built from. No schema and no valibot here, so the browser client (`browser.ts`) and the
 * widgets import them for nothing; `contract.ts` builds its schemas from them and
 * re-exports them, so each rule is written once.
 */

/** The contract's major version; part of every path (`/v1`) and of the global store key. */
export const CONTRACT_VERSION = 1;
export const API_PREFIX = '/v1';

// ---------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------

/** Stable machine codes of the error shape. New codes may be added; never renamed. */
export const ERROR_CODES = [
  'validation_failed',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'community_full',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'offer_expired',
  'offer_exhausted',
  'invitation_expired',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The HTTP status each error code is sent with (CONTRACT.md § Errors). */
export const ERROR_STATUS: Readonly<Record<ErrorCode, number>> = {
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  community_full: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  offer_expired: 410,
  offer_exhausted: 409,
  invitation_expired: 410,
  internal: 500,
};

// ---------------------------------------------------------------------------------------
// Limits every backend applies
// ---------------------------------------------------------------------------------------

/** Largest JSON request body, in bytes; past it, 413 `payload_too_large`. */
export const MAX_BODY_BYTES = 16 * 1024;

/** A valid `Idempotency-Key` header: 1 to 255 visible ASCII characters. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** How long a backend keeps and replays the first answer to an `Idempotency-Key`. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** Largest width or height of a photo, in pixels. */
export const PHOTO_MAX_SIDE = 10_000;

/** Letters and digits of generated promo codes: none that reads as another (no 0/O, 1/I/L). */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

// Community and membership
export const DISPLAY_NAME_MAX = 60;
export const EMAIL_MAX = 254;
export const COMMUNITY_NAME_MAX = 80;
export const TAGLINE_MAX = 200;
export const CONSENT_TEXT_MAX = 4000;
export const HOST_NAME_MAX = 60;

// Live Q&A
export const QUESTIONS_PAGE_MAX = 200;
export const QUESTION_MAX = 500;
export const SESSION_TITLE_MAX = 140;

// Testimonials (the wall)
export const TESTIMONIALS_PAGE_MAX = 50;
export const TAG_PATTERN = /^[a-z0-9][a-z0-9-]{0,30}$/;
export const TESTIMONIAL_MAX = 2000;
export const PHOTO_ALT_MAX = 300;
export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

// Offers
export const CODES_IMPORT_MAX = 10_000;

// ---------------------------------------------------------------------------------------
// Hosts
// ---------------------------------------------------------------------------------------

/**
 * `owner`: everything; `moderator`: questions, testimonials, reports and running a live;
 * `analyst`: reads the figures. Every host route names the permission it needs.
 */
export const HOST_ROLES = ['owner', 'moderator', 'analyst'] as const;

export const PERMISSIONS = [
  /** See the community's settings, sessions and offers. */
  'read',
  /** Questions, testimonials, reports; open and close a live session. */
  'moderate',
  /** Create, schedule, edit and archive live sessions. */
  'sessions',
  /** Offers, their codes and redemptions. */
  'offers',
  /** Community settings (origins, consent, invites, wall). */
  'settings',
  /** Invite, change and revoke hosts. */
  'team',
  /** Read and export the audit log. */
  'audit',
  'webhooks',
  /** Funnels and KPIs (aggregates only). */
  'insights',
  /** The member list (personal data). */
  'members',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Readonly<
  Record<(typeof HOST_ROLES)[number], readonly Permission[]>
> = {
  owner: PERMISSIONS,
  moderator: ['read', 'moderate'],
  analyst: ['read', 'insights'],
};

// ---------------------------------------------------------------------------------------
// Sessions, events, reports
// ---------------------------------------------------------------------------------------

/** The session id that names "the live one, or else the next one" in `GET …/sessions/{session}`. */
export const NEXT_SESSION = 'next';

/** The types of a session's stream events (`EVENT_DATA` in contract.ts: what each carries). */
export const SESSION_EVENT_TYPES = [
  'question.created',
  'question.updated',
  'question.removed',
  'session.updated',
  'resync',
] as const;
export type SessionEventType = (typeof SESSION_EVENT_TYPES)[number];

/** Why anyone may report a question or a testimonial (`ReportReason`). */
export const REPORT_REASONS = [
  'spam',
  'harassment',
  'hate',
  'misinformation',
  'illegal',
  'off_topic',
  'other',
] as const;
