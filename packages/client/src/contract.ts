/**
 * The Cercle contract: the one source of truth for what crosses the wire between the
 * widgets and any backend. TypeScript types are inferred from these schemas, the client
 * checks every answer against them at run time, the reference server and the mock
 * validate requests with them, and `docs/openapi.json` is generated from them
 * (`npm run openapi`), so the three cannot drift.
 *
 * Conventions: JSON, camelCase fields, timestamps as ISO 8601 strings in UTC,
 * identifiers as opaque strings. Objects are open for reading (a newer backend may add
 * fields; the client keeps what it knows) and closed for writing (the server refuses
 * unknown fields in a request body).
 */
import * as v from 'valibot';

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
  'rate_limited',
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
  rate_limited: 429,
  internal: 500,
};

export const FieldIssue = v.object({
  /** Dotted path of the field in the request body, e.g. `consent.accepted`. */
  path: v.string(),
  message: v.string(),
});
export type FieldIssue = v.InferOutput<typeof FieldIssue>;

export const ErrorBody = v.object({
  error: v.object({
    /** A stable code (see ERROR_CODES); unknown codes from newer backends are kept as is. */
    code: v.string(),
    message: v.string(),
    details: v.optional(v.unknown()),
  }),
});
export type ErrorBody = v.InferOutput<typeof ErrorBody>;

// ---------------------------------------------------------------------------------------
// Shared pieces
// ---------------------------------------------------------------------------------------

const Slug = v.pipe(
  v.string(),
  v.regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, 'must be a lowercase slug (a-z, 0-9, -)'),
);
const Timestamp = v.pipe(v.string(), v.isoTimestamp());
const HttpUrl = v.pipe(v.string(), v.url());

/** Commercial disclosure (French law 2023-451). */
export const Disclosure = v.picklist(['none', 'publicite', 'collaboration-commerciale']);
export type Disclosure = v.InferOutput<typeof Disclosure>;

// ---------------------------------------------------------------------------------------
// Community and membership
// ---------------------------------------------------------------------------------------

export const JoinState = v.picklist(['open', 'waitlist', 'closed']);
export type JoinState = v.InferOutput<typeof JoinState>;

/** `GET /v1/communities/{community}`: what anyone may see. */
export const Community = v.object({
  slug: Slug,
  name: v.string(),
  tagline: v.string(),
  /** Active members (social proof). */
  memberCount: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** Most active members the community takes; `null` for no limit. */
  capacity: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1))),
  /** `open`: joining makes you a member; `waitlist`: full, joining queues you; `closed`: no joins. */
  joinState: JoinState,
  privacyPolicyUrl: HttpUrl,
  /** The version of the consent text the join form shows; sent back with the consent. */
  consentVersion: v.string(),
  disclosure: Disclosure,
});
export type Community = v.InferOutput<typeof Community>;

export const MemberStatus = v.picklist(['active', 'waitlisted']);
export type MemberStatus = v.InferOutput<typeof MemberStatus>;

export const Member = v.object({
  id: v.string(),
  displayName: v.string(),
  status: MemberStatus,
  joinedAt: Timestamp,
  /** 1-based place in the waitlist, only while `waitlisted`. */
  waitlistPosition: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
});
export type Member = v.InferOutput<typeof Member>;

export const DISPLAY_NAME_MAX = 60;
export const EMAIL_MAX = 254;

/** `POST /v1/communities/{community}/members`. */
export const JoinRequest = v.strictObject({
  displayName: v.pipe(
    v.string('display name is required'),
    v.trim(),
    v.minLength(1, 'display name is required'),
    v.maxLength(DISPLAY_NAME_MAX, `display name is at most ${DISPLAY_NAME_MAX} characters`),
  ),
  email: v.optional(
    v.pipe(
      v.string(),
      v.trim(),
      v.maxLength(EMAIL_MAX, `email is at most ${EMAIL_MAX} characters`),
      v.email('email is not a valid address'),
    ),
  ),
  consent: v.strictObject({
    version: v.pipe(v.string('consent version is required'), v.minLength(1)),
    accepted: v.literal(true, 'consent must be accepted'),
  }),
});
export type JoinRequest = v.InferInput<typeof JoinRequest>;

/** 201 (joined) or 202 (waitlisted). The token is returned once and never again. */
export const JoinResponse = v.object({
  member: Member,
  token: v.pipe(v.string(), v.minLength(20)),
});
export type JoinResponse = v.InferOutput<typeof JoinResponse>;

export const InviteKind = v.picklist(['discord', 'telegram', 'whatsapp', 'circle', 'slack', 'web']);
export type InviteKind = v.InferOutput<typeof InviteKind>;

/** A member-only destination (the community's chat, forum…). */
export const Invite = v.object({
  kind: InviteKind,
  label: v.string(),
  url: HttpUrl,
});
export type Invite = v.InferOutput<typeof Invite>;

/** `GET /v1/communities/{community}/members/me`. Invites are empty while waitlisted. */
export const Me = v.object({
  member: Member,
  invites: v.array(Invite),
});
export type Me = v.InferOutput<typeof Me>;

/** `GET /v1/communities/{community}/members/me/export`: everything held on the member. */
export const MemberExport = v.object({
  exportedAt: Timestamp,
  community: Slug,
  member: v.object({
    id: v.string(),
    displayName: v.string(),
    email: v.nullable(v.string()),
    status: MemberStatus,
    joinedAt: Timestamp,
    consent: v.object({ version: v.string(), acceptedAt: Timestamp }),
  }),
});
export type MemberExport = v.InferOutput<typeof MemberExport>;

/** `GET /v1/communities/{community}/members` (host key): who is in the circle. */
export const MemberList = v.object({
  count: v.pipe(v.number(), v.integer(), v.minValue(0)),
  members: v.array(Member),
});
export type MemberList = v.InferOutput<typeof MemberList>;

export const Health = v.object({ ok: v.literal(true), contract: v.number() });
export type Health = v.InferOutput<typeof Health>;
