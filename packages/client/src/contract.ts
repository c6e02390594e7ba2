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
  /** The questions the member asked (live Q&A); absent from backends without it. */
  questions: v.optional(
    v.array(
      v.object({
        id: v.string(),
        session: v.string(),
        text: v.string(),
        anonymous: v.boolean(),
        state: v.string(),
        createdAt: Timestamp,
      }),
    ),
  ),
  /** The member's votes (live Q&A). */
  votes: v.optional(
    v.array(v.object({ questionId: v.string(), session: v.string(), votedAt: Timestamp })),
  ),
  /** The reports (notices) the member sent. */
  reports: v.optional(
    v.array(
      v.object({
        id: v.string(),
        target: v.object({ kind: v.string(), id: v.string() }),
        reason: v.string(),
        details: v.string(),
        createdAt: Timestamp,
      }),
    ),
  ),
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

// ---------------------------------------------------------------------------------------
// Live Q&A
// ---------------------------------------------------------------------------------------

export const SessionState = v.picklist(['scheduled', 'live', 'ended']);
export type SessionState = v.InferOutput<typeof SessionState>;

/** `post`: questions show at once (default); `pre`: the host approves each one first. */
export const Moderation = v.picklist(['post', 'pre']);
export type Moderation = v.InferOutput<typeof Moderation>;

/** `GET /v1/communities/{community}/sessions/{session}`. */
export const LiveSession = v.object({
  id: Slug,
  community: Slug,
  title: v.string(),
  /** `scheduled`: not started (asking may be open); `live`; `ended`: read-only. */
  state: SessionState,
  startsAt: Timestamp,
  endedAt: v.nullable(Timestamp),
  moderation: Moderation,
  disclosure: Disclosure,
  /** Questions visible to everyone (open and answered). */
  questionCount: v.pipe(v.number(), v.integer(), v.minValue(0)),
});
export type LiveSession = v.InferOutput<typeof LiveSession>;

/** `pending`: awaits the host (pre-moderation); `hidden`: removed by the host. */
export const QuestionState = v.picklist(['pending', 'open', 'answered', 'hidden']);
export type QuestionState = v.InferOutput<typeof QuestionState>;

export const Answer = v.object({
  text: v.string(),
  answeredAt: Timestamp,
});
export type Answer = v.InferOutput<typeof Answer>;

export const Question = v.object({
  id: v.string(),
  session: Slug,
  text: v.string(),
  /** The author's display name, or `null` when asked anonymously. */
  author: v.nullable(v.string()),
  votes: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** Whether the caller's member token has voted for it (always false in stream events). */
  votedByMe: v.boolean(),
  /** Whether the caller asked it (always false in stream events). */
  mine: v.boolean(),
  state: QuestionState,
  pinned: v.boolean(),
  answer: v.nullable(Answer),
  createdAt: Timestamp,
});
export type Question = v.InferOutput<typeof Question>;

export const QuestionSort = v.picklist(['top', 'new']);
export type QuestionSort = v.InferOutput<typeof QuestionSort>;

export const QUESTIONS_PAGE_MAX = 200;

/** Query of `GET …/sessions/{session}/questions`. */
export const QuestionQuery = v.strictObject({
  /** `top`: pinned first, then most votes; `new`: newest first. Default `top`. */
  sort: v.optional(QuestionSort),
  /** From `nextCursor` of the previous page. */
  cursor: v.optional(v.pipe(v.string(), v.maxLength(200))),
  /** Page size, 1–200, default 50. */
  limit: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{1,3}$/, 'limit is a number from 1 to 200'),
      v.transform(Number),
      v.number(),
      v.integer(),
      v.minValue(1, 'limit is a number from 1 to 200'),
      v.maxValue(QUESTIONS_PAGE_MAX, 'limit is a number from 1 to 200'),
    ),
  ),
});
export type QuestionQuery = v.InferInput<typeof QuestionQuery>;

export const QuestionPage = v.object({
  questions: v.array(Question),
  /** `null` on the last page. */
  nextCursor: v.nullable(v.string()),
  /**
   * The id of the newest event of the session's stream when this page was read: subscribe
   * with it as `Last-Event-ID` to get every change after this snapshot.
   */
  lastEventId: v.string(),
});
export type QuestionPage = v.InferOutput<typeof QuestionPage>;

export const QUESTION_MAX = 500;

/** `POST …/sessions/{session}/questions` (member). */
export const AskRequest = v.strictObject({
  text: v.pipe(
    v.string('text is required'),
    v.trim(),
    v.minLength(1, 'the question is empty'),
    v.maxLength(QUESTION_MAX, `a question is at most ${QUESTION_MAX} characters`),
  ),
  /** Hide the author's name from everyone but the host. */
  anonymous: v.optional(v.boolean()),
});
export type AskRequest = v.InferInput<typeof AskRequest>;

/** Answer of `PUT` / `DELETE …/questions/{question}/vote`. */
export const VoteResult = v.object({
  questionId: v.string(),
  votes: v.pipe(v.number(), v.integer(), v.minValue(0)),
  votedByMe: v.boolean(),
});
export type VoteResult = v.InferOutput<typeof VoteResult>;

/** Host: `PATCH /v1/communities/{community}/host/sessions/{session}/questions/{question}`. */
export const QuestionUpdate = v.strictObject({
  /** `open` approves a pending question; `hidden` removes it from the board. */
  state: v.optional(v.picklist(['open', 'answered', 'hidden'])),
  pinned: v.optional(v.boolean()),
  /** The host's written answer (sets the state to `answered`); `null` removes it. */
  answer: v.optional(
    v.nullable(
      v.pipe(
        v.string(),
        v.trim(),
        v.minLength(1, 'the answer is empty'),
        v.maxLength(2000, 'an answer is at most 2000 characters'),
      ),
    ),
  ),
});
export type QuestionUpdate = v.InferInput<typeof QuestionUpdate>;

/** Host: `PATCH /v1/communities/{community}/host/sessions/{session}`. */
export const SessionUpdate = v.strictObject({
  state: v.optional(SessionState),
  moderation: v.optional(Moderation),
});
export type SessionUpdate = v.InferInput<typeof SessionUpdate>;

/** Host: every question of the session, pending and hidden ones included. */
export const HostQuestionList = v.object({
  questions: v.array(Question),
  lastEventId: v.string(),
});
export type HostQuestionList = v.InferOutput<typeof HostQuestionList>;

/**
 * Stream events (`GET …/sessions/{session}/events`, Server-Sent Events). The SSE `event`
 * field is the type, `id` an increasing integer per session, `data` one JSON object:
 * - `question.created` / `question.updated`: a `Question` (votedByMe and mine false);
 * - `question.removed`: `{ id }` (hidden by the host, or its author left);
 * - `session.updated`: a `LiveSession`;
 * - `resync`: `{}`: the `Last-Event-ID` was too old; reload the list, then go on.
 * A comment line (`: ping`) comes every 15 s so a dead connection is noticed.
 */
export const SESSION_EVENT_TYPES = [
  'question.created',
  'question.updated',
  'question.removed',
  'session.updated',
  'resync',
] as const;
export type SessionEventType = (typeof SESSION_EVENT_TYPES)[number];

export const QuestionRemoved = v.object({ id: v.string() });
export type QuestionRemoved = v.InferOutput<typeof QuestionRemoved>;

export type SessionEvent =
  | { type: 'question.created'; id: string; question: Question }
  | { type: 'question.updated'; id: string; question: Question }
  | { type: 'question.removed'; id: string; questionId: string }
  | { type: 'session.updated'; id: string; session: LiveSession }
  | { type: 'resync'; id: string };

// ---------------------------------------------------------------------------------------
// Reports (notice and action)
// ---------------------------------------------------------------------------------------

export const ReportReason = v.picklist([
  'spam',
  'harassment',
  'hate',
  'misinformation',
  'illegal',
  'off_topic',
  'other',
]);
export type ReportReason = v.InferOutput<typeof ReportReason>;

export const ReportTarget = v.object({
  kind: v.picklist(['question', 'testimonial']),
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
});
export type ReportTarget = v.InferOutput<typeof ReportTarget>;

/** `POST /v1/communities/{community}/reports`: anyone, member token optional. */
export const ReportRequest = v.strictObject({
  target: v.strictObject({
    kind: v.picklist(['question', 'testimonial']),
    id: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
  }),
  reason: ReportReason,
  details: v.optional(
    v.pipe(v.string(), v.trim(), v.maxLength(1000, 'details are at most 1000 characters')),
  ),
});
export type ReportRequest = v.InferInput<typeof ReportRequest>;

export const ReportState = v.picklist(['open', 'dismissed', 'actioned']);
export type ReportState = v.InferOutput<typeof ReportState>;

/** 202: the notice was received and waits for the host's decision. */
export const ReportReceipt = v.object({
  id: v.string(),
  state: ReportState,
  createdAt: Timestamp,
});
export type ReportReceipt = v.InferOutput<typeof ReportReceipt>;

export const ReportDecision = v.object({
  /** `remove`: the content is hidden; `dismiss`: it stays. */
  action: v.picklist(['remove', 'dismiss']),
  /** The statement of reasons. */
  statement: v.string(),
  decidedAt: Timestamp,
});
export type ReportDecision = v.InferOutput<typeof ReportDecision>;

/** Host view of a report. */
export const Report = v.object({
  id: v.string(),
  target: ReportTarget,
  /** The reported content's text when it still exists. */
  targetText: v.nullable(v.string()),
  reason: ReportReason,
  details: v.string(),
  state: ReportState,
  createdAt: Timestamp,
  decision: v.nullable(ReportDecision),
});
export type Report = v.InferOutput<typeof Report>;

export const ReportList = v.object({ reports: v.array(Report) });
export type ReportList = v.InferOutput<typeof ReportList>;

/** Host: `POST /v1/communities/{community}/host/reports/{report}/decision`. */
export const ReportDecisionRequest = v.strictObject({
  action: v.picklist(['remove', 'dismiss']),
  statement: v.pipe(
    v.string('a statement of reasons is required'),
    v.trim(),
    v.minLength(1, 'a statement of reasons is required'),
    v.maxLength(2000, 'the statement is at most 2000 characters'),
  ),
});
export type ReportDecisionRequest = v.InferInput<typeof ReportDecisionRequest>;
