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
import {
  CODES_IMPORT_MAX,
  COMMUNITY_NAME_MAX,
  CONSENT_TEXT_MAX,
  DISPLAY_NAME_MAX,
  EMAIL_MAX,
  HOST_NAME_MAX,
  HOST_ROLES,
  PHOTO_ALT_MAX,
  PHOTO_TYPES,
  QUESTION_MAX,
  QUESTIONS_PAGE_MAX,
  REPORT_REASONS,
  SESSION_TITLE_MAX,
  TAG_PATTERN,
  TAGLINE_MAX,
  TESTIMONIAL_MAX,
  TESTIMONIALS_PAGE_MAX,
  type SessionEventType,
} from './constants.js';

// The plain values (limits, codes, lists) live in constants.ts, which the browser client
// imports without the schemas.
export * from './constants.js';

// ---------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------

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

export const Slug = v.pipe(
  v.string(),
  v.regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, 'must be a lowercase slug (a-z, 0-9, -)'),
);
export const Timestamp = v.pipe(v.string(), v.isoTimestamp());
export const HttpUrl = v.pipe(v.string(), v.url());

/** A `limit` query parameter: digits on the wire, a number from 1 to `max` once read. */
export const pageLimit = (max: number) => {
  const message = `limit is a number from 1 to ${max}`;
  return v.pipe(
    v.string(),
    v.regex(new RegExp(`^\\d{1,${String(max).length}}$`), message),
    v.transform(Number),
    v.number(),
    v.integer(),
    v.minValue(1, message),
    v.maxValue(max, message),
  );
};

/** Commercial disclosure (French law 2023-451). */
export const Disclosure = v.picklist(['none', 'publicite', 'collaboration-commerciale']);
export type Disclosure = v.InferOutput<typeof Disclosure>;

// ---------------------------------------------------------------------------------------
// Hosts: roles and what each may do
// ---------------------------------------------------------------------------------------

export const HostRole = v.picklist(HOST_ROLES);
export type HostRole = v.InferOutput<typeof HostRole>;

// ---------------------------------------------------------------------------------------
// Community and membership
// ---------------------------------------------------------------------------------------

/** `post`: content shows at once; `pre`: a host approves each item first. */
export const Moderation = v.picklist(['post', 'pre']);
export type Moderation = v.InferOutput<typeof Moderation>;

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
  /**
   * The community's own consent text for that version; `null` or absent: the widget's
   * built-in wording (which names the privacy policy).
   */
  consentText: v.optional(v.nullable(v.string())),
  /** The language the community writes in (BCP 47), for widgets without a `lang`. */
  defaultLocale: v.optional(v.string()),
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
  /** The testimonials the member wrote, in every state (the wall). */
  /** The promo codes revealed to the member, with the offer and when. */
  offers: v.optional(
    v.array(v.object({ offer: v.string(), code: v.string(), revealedAt: Timestamp })),
  ),
  testimonials: v.optional(
    v.array(
      v.object({
        id: v.string(),
        rating: v.number(),
        text: v.string(),
        photo: v.nullable(v.object({ url: HttpUrl, alt: v.string() })),
        tags: v.array(v.string()),
        experiencedAt: v.nullable(v.string()),
        state: v.string(),
        statement: v.nullable(v.string()),
        consent: v.object({
          version: v.string(),
          publishName: v.boolean(),
          publishPhoto: v.boolean(),
          acceptedAt: Timestamp,
        }),
        submittedAt: Timestamp,
        publishedAt: v.nullable(Timestamp),
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

/**
 * An origin a browser may call from (CORS), lowercase: `https://shop.example`, or
 * `http://localhost:*` for any port.
 */
export const OriginPattern = v.pipe(
  v.string(),
  v.regex(
    /^https?:\/\/[a-z0-9.-]+(?::(?:\d{1,5}|\*))?$/,
    'an origin is scheme://host[:port], with :* for any port',
  ),
);

const CommunityName = v.pipe(
  v.string('name is required'),
  v.trim(),
  v.minLength(1, 'name is required'),
  v.maxLength(COMMUNITY_NAME_MAX, `name is at most ${COMMUNITY_NAME_MAX} characters`),
);
const ConsentVersion = v.pipe(
  v.string(),
  v.regex(/^[\x21-\x7e]{1,40}$/, 'a consent version is 1–40 visible ASCII characters'),
);
const ConsentText = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1, 'the consent text is empty'),
  v.maxLength(CONSENT_TEXT_MAX, `the consent text is at most ${CONSENT_TEXT_MAX} characters`),
);
/** A BCP 47 language tag, e.g. `fr` or `en-GB`. */
const Locale = v.pipe(
  v.string(),
  v.regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'a language tag like fr or en-GB'),
);
export const HostName = v.pipe(
  v.string('name is required'),
  v.trim(),
  v.minLength(1, 'name is required'),
  v.maxLength(HOST_NAME_MAX, `a name is at most ${HOST_NAME_MAX} characters`),
);
export const Email = v.pipe(
  v.string(),
  v.trim(),
  v.maxLength(EMAIL_MAX, `email is at most ${EMAIL_MAX} characters`),
  v.email('email is not a valid address'),
);

/** The settings a community's owner may change (every field optional in an update). */
const settings = {
  name: CommunityName,
  tagline: v.pipe(
    v.string(),
    v.trim(),
    v.maxLength(TAGLINE_MAX, `tagline is at most ${TAGLINE_MAX} characters`),
  ),
  /** Most active members; `null` for no limit. */
  capacity: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1))),
  /** When full: `waitlist` (the default) queues new joiners, `closed` refuses them. */
  whenFull: v.picklist(['waitlist', 'closed']),
  privacyPolicyUrl: HttpUrl,
  /** How testimonials are moderated; `null` for none. */
  reviewPolicyUrl: v.nullable(HttpUrl),
  /**
   * The consent text members accept. Changing it records a new consent version (the next
   * number, or `consentVersion` when given); members keep the version they accepted.
   */
  consentText: v.nullable(ConsentText),
  disclosure: Disclosure,
  allowedOrigins: v.pipe(v.array(OriginPattern), v.maxLength(50)),
  invites: v.pipe(v.array(Invite), v.maxLength(10)),
  /** How new live sessions moderate questions, unless a session says otherwise. */
  questionModeration: Moderation,
  /** How testimonials are moderated (`pre`: each one waits for approval). */
  testimonialModeration: Moderation,
  defaultLocale: Locale,
};

/** Operator: `POST /v1/communities`: a new community, its settings and its first owner. */
export const CommunityInput = v.strictObject({
  slug: Slug,
  name: settings.name,
  privacyPolicyUrl: settings.privacyPolicyUrl,
  tagline: v.optional(settings.tagline),
  capacity: v.optional(settings.capacity),
  whenFull: v.optional(settings.whenFull),
  reviewPolicyUrl: v.optional(settings.reviewPolicyUrl),
  /** The version of the consent text members accept; default `1`. */
  consentVersion: v.optional(ConsentVersion),
  consentText: v.optional(settings.consentText),
  disclosure: v.optional(settings.disclosure),
  allowedOrigins: v.optional(settings.allowedOrigins),
  invites: v.optional(settings.invites),
  questionModeration: v.optional(settings.questionModeration),
  testimonialModeration: v.optional(settings.testimonialModeration),
  defaultLocale: v.optional(settings.defaultLocale),
  /** The first owner's account; its key is in the answer, once. Default name "Owner". */
  owner: v.optional(v.strictObject({ name: HostName, email: v.optional(Email) })),
});
export type CommunityInput = v.InferInput<typeof CommunityInput>;

/** Owner: `PATCH …/host/settings`: change any setting; `archived: true` takes the community offline. */
export const CommunityUpdate = v.strictObject({
  ...(Object.fromEntries(
    Object.entries(settings).map(([key, schema]) => [key, v.optional(schema)]),
  ) as { [K in keyof typeof settings]: v.OptionalSchema<(typeof settings)[K], undefined> }),
  /** With `consentText`: the version to record (default: the next number). */
  consentVersion: v.optional(ConsentVersion),
  /** An archived community answers 404 to the public and refuses joins; hosts still see it. */
  archived: v.optional(v.boolean()),
});
export type CommunityUpdate = v.InferInput<typeof CommunityUpdate>;

export const ConsentRecord = v.object({
  version: v.string(),
  /** `null`: the widget's built-in wording. */
  text: v.nullable(v.string()),
  createdAt: Timestamp,
  /** Members who accepted this version and are still members. */
  members: v.pipe(v.number(), v.integer(), v.minValue(0)),
});
export type ConsentRecord = v.InferOutput<typeof ConsentRecord>;

/** A community as its hosts and the operator see it: the public view and its settings. */
export const HostCommunity = v.object({
  ...Community.entries,
  whenFull: v.picklist(['waitlist', 'closed']),
  allowedOrigins: v.array(v.string()),
  invites: v.array(Invite),
  consentText: v.nullable(v.string()),
  reviewPolicyUrl: v.nullable(HttpUrl),
  defaultLocale: v.string(),
  questionModeration: Moderation,
  testimonialModeration: Moderation,
  /** Every consent version, newest first. */
  consentHistory: v.array(ConsentRecord),
  archived: v.boolean(),
  createdAt: Timestamp,
});
export type HostCommunity = v.InferOutput<typeof HostCommunity>;

export const Health = v.object({ ok: v.literal(true), contract: v.number() });
export type Health = v.InferOutput<typeof Health>;

// ---------------------------------------------------------------------------------------
// Live Q&A
// ---------------------------------------------------------------------------------------

export const SessionState = v.picklist(['scheduled', 'live', 'ended']);
export type SessionState = v.InferOutput<typeof SessionState>;

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
  /** What the session is about (plain text); absent from backends without it. */
  description: v.optional(v.string()),
  /** When it is planned to end; `null` when open-ended. */
  endsAt: v.optional(v.nullable(Timestamp)),
});
export type LiveSession = v.InferOutput<typeof LiveSession>;

/** `upcoming`: scheduled; `live`; `past`: ended. */
export const SessionWhen = v.picklist(['upcoming', 'live', 'past']);
export type SessionWhen = v.InferOutput<typeof SessionWhen>;

/** Query of `GET …/sessions`. */
export const SessionListQuery = v.strictObject({ when: v.optional(SessionWhen) });
export type SessionListQuery = v.InferInput<typeof SessionListQuery>;

/**
 * `GET /v1/communities/{community}/sessions`: the sessions not archived: live first, then
 * upcoming by start time, then past ones, most recent first. `GET …/sessions/next` is the live
 * session, or else the next scheduled one.
 */
export const SessionList = v.object({ sessions: v.array(LiveSession) });
export type SessionList = v.InferOutput<typeof SessionList>;

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

/** Query of `GET …/sessions/{session}/questions`. */
export const QuestionQuery = v.strictObject({
  /** `top`: pinned first, then most votes; `new`: newest first. Default `top`. */
  sort: v.optional(QuestionSort),
  /** From `nextCursor` of the previous page. */
  cursor: v.optional(v.pipe(v.string(), v.maxLength(200))),
  /** Page size, 1–200, default 50. */
  limit: v.optional(pageLimit(QUESTIONS_PAGE_MAX)),
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
  /** The statement of reasons of a decision (hiding), kept in the audit log. */
  statement: v.optional(
    v.pipe(v.string(), v.trim(), v.maxLength(1000, 'a statement is at most 1000 characters')),
  ),
});
export type QuestionUpdate = v.InferInput<typeof QuestionUpdate>;

/** Host: `PATCH /v1/communities/{community}/host/sessions/{session}`. */
export const SessionUpdate = v.strictObject({
  state: v.optional(SessionState),
  moderation: v.optional(Moderation),
  /** An archived session leaves the public list and answers 404; its questions are kept. */
  archived: v.optional(v.boolean()),
});
export type SessionUpdate = v.InferInput<typeof SessionUpdate>;

/** Host: `PUT /v1/communities/{community}/host/sessions/{session}`: create or edit a session. */
export const SessionInput = v.strictObject({
  title: v.pipe(
    v.string('title is required'),
    v.trim(),
    v.minLength(1, 'title is required'),
    v.maxLength(SESSION_TITLE_MAX, `title is at most ${SESSION_TITLE_MAX} characters`),
  ),
  /** Plain text, at most 2,000 characters. */
  description: v.optional(
    v.pipe(v.string(), v.trim(), v.maxLength(2000, 'a description is at most 2000 characters')),
  ),
  /** When it is planned to start; default: now (on creation). */
  startsAt: v.optional(Timestamp),
  /** When it is planned to end; after `startsAt`. */
  endsAt: v.optional(v.nullable(Timestamp)),
  /** Default: the community's `questionModeration` (on creation). */
  moderation: v.optional(Moderation),
  /** Default `none` (on creation). */
  disclosure: v.optional(Disclosure),
});
export type SessionInput = v.InferInput<typeof SessionInput>;

/** Host: `GET …/host/sessions`: every session, archived ones included. */
export const HostSessionList = v.object({
  sessions: v.array(v.object({ ...LiveSession.entries, archived: v.boolean() })),
});
export type HostSessionList = v.InferOutput<typeof HostSessionList>;

/** Host: every question of the session, pending and hidden ones included. */
export const HostQuestionList = v.object({
  questions: v.array(Question),
  lastEventId: v.string(),
});
export type HostQuestionList = v.InferOutput<typeof HostQuestionList>;

export const QuestionRemoved = v.object({ id: v.string() });
export type QuestionRemoved = v.InferOutput<typeof QuestionRemoved>;

/**
 * Stream events (`GET …/sessions/{session}/events`, Server-Sent Events). The SSE `event`
 * field is the type, `id` an increasing integer per session, `data` one JSON object:
 * - `question.created` / `question.updated`: a `Question` (votedByMe and mine false);
 * - `question.removed`: `{ id }` (hidden by the host, or its author left);
 * - `session.updated`: a `LiveSession`;
 * - `resync`: `{}`: the `Last-Event-ID` was too old; reload the list, then go on.
 * A comment line (`: ping`) comes every 15 s so a dead connection is noticed. This is the
 * schema of each type's `data`; the client checks every event against it.
 */
export const EVENT_DATA = {
  'question.created': Question,
  'question.updated': Question,
  'question.removed': QuestionRemoved,
  'session.updated': LiveSession,
} as const satisfies Record<Exclude<SessionEventType, 'resync'>, v.GenericSchema>;

export type SessionEvent =
  | { type: 'question.created'; id: string; question: Question }
  | { type: 'question.updated'; id: string; question: Question }
  | { type: 'question.removed'; id: string; questionId: string }
  | { type: 'session.updated'; id: string; session: LiveSession }
  | { type: 'resync'; id: string };

// ---------------------------------------------------------------------------------------
// Reports (notice and action)
// ---------------------------------------------------------------------------------------

export const ReportReason = v.picklist(REPORT_REASONS);
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

// ---------------------------------------------------------------------------------------
// Testimonials (the member wall)
// ---------------------------------------------------------------------------------------

/** Image labels required by French law 2023-451 on edited or generated images. */
export const ImageFlag = v.picklist(['retouchee', 'virtuelle']);
export type ImageFlag = v.InferOutput<typeof ImageFlag>;

/**
 * `pending`: awaits the host (pre-moderation, the default for testimonials); `approved`: on
 * the wall; `rejected`: refused, with a statement of reasons the author sees; `removed`:
 * taken down after a report; `withdrawn` is never shown: the author's withdrawal deletes it.
 */
export const TestimonialState = v.picklist(['pending', 'approved', 'rejected', 'removed']);
export type TestimonialState = v.InferOutput<typeof TestimonialState>;

export const TestimonialSort = v.picklist(['recent', 'rating']);
export type TestimonialSort = v.InferOutput<typeof TestimonialSort>;

/** A photo as stored by the backend; width and height let the wall reserve its box. */
export const Photo = v.object({
  /** Absolute URL of the image (served by the backend or a CDN). */
  url: HttpUrl,
  alt: v.string(),
  width: v.pipe(v.number(), v.integer(), v.minValue(1)),
  height: v.pipe(v.number(), v.integer(), v.minValue(1)),
});
export type Photo = v.InferOutput<typeof Photo>;

export const TestimonialAuthor = v.object({
  /** The author's display name, or `null` when they did not consent to publish it. */
  displayName: v.nullable(v.string()),
  /** When the author joined the circle. */
  memberSince: Timestamp,
  /** The author was an active member when they wrote it (how: by the member token). */
  verified: v.boolean(),
});
export type TestimonialAuthor = v.InferOutput<typeof TestimonialAuthor>;

/** An approved testimonial, as the wall shows it. */
export const Testimonial = v.object({
  id: v.string(),
  community: Slug,
  author: TestimonialAuthor,
  rating: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5)),
  text: v.string(),
  /** `null` without a photo, or when the author did not consent to publish it. */
  photo: v.nullable(Photo),
  tags: v.array(v.string()),
  /** The day of the experience told (ISO date, `YYYY-MM-DD`), when given. */
  experiencedAt: v.nullable(v.pipe(v.string(), v.isoDate())),
  /** When it was approved and published; `null` before that. */
  publishedAt: v.nullable(Timestamp),
  /** Paid or rewarded content must say so (French law 2023-451); set by the host. */
  disclosure: Disclosure,
  /** `retouchee` (edited) and/or `virtuelle` (generated) photo; set by the host. */
  imageFlags: v.array(ImageFlag),
});
export type Testimonial = v.InferOutput<typeof Testimonial>;

/** Consent to publish, as recorded by the backend. */
export const TestimonialConsent = v.object({
  version: v.string(),
  publishName: v.boolean(),
  publishPhoto: v.boolean(),
  acceptedAt: Timestamp,
});
export type TestimonialConsent = v.InferOutput<typeof TestimonialConsent>;

/** The author's and the host's view: the state, and the statement of reasons when refused. */
export const OwnTestimonial = v.object({
  ...Testimonial.entries,
  state: TestimonialState,
  /** The host's statement of reasons when rejected or removed. */
  statement: v.nullable(v.string()),
  consent: TestimonialConsent,
  submittedAt: Timestamp,
});
export type OwnTestimonial = v.InferOutput<typeof OwnTestimonial>;

const Tag = v.pipe(v.string(), v.regex(TAG_PATTERN, 'a tag is a lowercase word (a-z, 0-9, -)'));

/** Query of `GET …/testimonials`. */
export const TestimonialQuery = v.strictObject({
  /** From `nextCursor` of the previous page. */
  cursor: v.optional(v.pipe(v.string(), v.maxLength(200))),
  /** Page size, 1–50, default 12. */
  limit: v.optional(pageLimit(TESTIMONIALS_PAGE_MAX)),
  /** Only testimonials with this tag. */
  tag: v.optional(Tag),
  /** Only testimonials rated at least this (1–5). */
  minRating: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^[1-5]$/, 'minRating is a number from 1 to 5'),
      v.transform(Number),
      v.number(),
    ),
  ),
  /** `recent` (default): newest published first; `rating`: best rated first, then newest. */
  sort: v.optional(TestimonialSort),
});
export type TestimonialQuery = v.InferInput<typeof TestimonialQuery>;

/** Count and average rating of every approved testimonial of the wall (`tag` applies, `minRating` does not). */
export const TestimonialAggregate = v.object({
  count: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** Mean rating rounded to one decimal; 0 when there is none. */
  average: v.pipe(v.number(), v.minValue(0), v.maxValue(5)),
});
export type TestimonialAggregate = v.InferOutput<typeof TestimonialAggregate>;

export const TestimonialPage = v.object({
  testimonials: v.array(Testimonial),
  /** `null` on the last page. */
  nextCursor: v.nullable(v.string()),
  aggregate: TestimonialAggregate,
  /** How testimonials are collected and checked (Code de la consommation L111-7-2). */
  reviewPolicyUrl: HttpUrl,
});
export type TestimonialPage = v.InferOutput<typeof TestimonialPage>;

/** `POST …/testimonials` (active member). It waits for moderation (`pending`) unless the community post-moderates. */
export const TestimonialRequest = v.strictObject({
  rating: v.pipe(
    v.number('rating is a number from 1 to 5'),
    v.integer('rating is a whole number from 1 to 5'),
    v.minValue(1, 'rating is a number from 1 to 5'),
    v.maxValue(5, 'rating is a number from 1 to 5'),
  ),
  text: v.pipe(
    v.string('text is required'),
    v.trim(),
    v.minLength(1, 'the testimonial is empty'),
    v.maxLength(TESTIMONIAL_MAX, `a testimonial is at most ${TESTIMONIAL_MAX} characters`),
  ),
  /** A photo uploaded first with `POST …/photos`, and its alternative text. */
  photo: v.optional(
    v.strictObject({
      id: v.pipe(v.string('photo id is required'), v.minLength(1), v.maxLength(100)),
      alt: v.pipe(
        v.string('describe the photo for people who cannot see it'),
        v.trim(),
        v.minLength(1, 'describe the photo for people who cannot see it'),
        v.maxLength(PHOTO_ALT_MAX, `the description is at most ${PHOTO_ALT_MAX} characters`),
      ),
    }),
  ),
  tags: v.optional(v.pipe(v.array(Tag), v.maxLength(5, 'at most 5 tags'))),
  experiencedAt: v.optional(v.pipe(v.string(), v.isoDate('experiencedAt is a date YYYY-MM-DD'))),
  consent: v.strictObject({
    /** The community's `consentVersion`. */
    version: v.pipe(v.string('consent version is required'), v.minLength(1)),
    /** Publish the display name (else the wall says "a member"). */
    publishName: v.boolean('say whether the name may be published'),
    /** Publish the photo; required when a photo is sent. */
    publishPhoto: v.boolean('say whether the photo may be published'),
  }),
});
export type TestimonialRequest = v.InferInput<typeof TestimonialRequest>;

/** `POST …/photos`: the stored photo, to reference in a testimonial. */
export const PhotoUpload = v.object({
  id: v.string(),
  url: HttpUrl,
  width: v.pipe(v.number(), v.integer(), v.minValue(1)),
  height: v.pipe(v.number(), v.integer(), v.minValue(1)),
  contentType: v.picklist(PHOTO_TYPES),
  bytes: v.pipe(v.number(), v.integer(), v.minValue(1)),
});
export type PhotoUpload = v.InferOutput<typeof PhotoUpload>;

export const OwnTestimonialList = v.object({ testimonials: v.array(OwnTestimonial) });
export type OwnTestimonialList = v.InferOutput<typeof OwnTestimonialList>;

/** Query of the host's moderation queue. */
export const HostTestimonialQuery = v.strictObject({
  /** Default `pending`. */
  state: v.optional(TestimonialState),
});
export type HostTestimonialQuery = v.InferInput<typeof HostTestimonialQuery>;

/** Host: `PATCH …/host/testimonials/{testimonial}`: approve, reject (with reasons), label. */
export const TestimonialModeration = v.pipe(
  v.strictObject({
    state: v.optional(v.picklist(['approved', 'rejected'])),
    /** The statement of reasons; required when rejecting. */
    statement: v.optional(
      v.pipe(
        v.string(),
        v.trim(),
        v.minLength(1, 'a statement of reasons is required'),
        v.maxLength(2000, 'the statement is at most 2000 characters'),
      ),
    ),
    disclosure: v.optional(Disclosure),
    imageFlags: v.optional(v.pipe(v.array(ImageFlag), v.maxLength(2))),
  }),
  v.forward(
    v.check(
      (input) => input.state !== 'rejected' || input.statement !== undefined,
      'a statement of reasons is required to reject',
    ),
    ['statement'],
  ),
);
export type TestimonialModeration = v.InferInput<typeof TestimonialModeration>;

/** Host: per-community settings of the wall. */
export const WallSettings = v.object({
  /** `pre` (default): each testimonial waits for approval; `post`: shown at once. */
  moderation: Moderation,
  reviewPolicyUrl: HttpUrl,
});
export type WallSettings = v.InferOutput<typeof WallSettings>;

export const WallSettingsUpdate = v.strictObject({
  moderation: v.optional(Moderation),
  reviewPolicyUrl: v.optional(HttpUrl),
});
export type WallSettingsUpdate = v.InferInput<typeof WallSettingsUpdate>;

// ---------------------------------------------------------------------------------------
// Offers (community-only promo codes)
// ---------------------------------------------------------------------------------------

/** `shared`: one code for every member; `unique`: one single-use code per member from a pool. */
export const OfferKind = v.picklist(['shared', 'unique']);
export type OfferKind = v.InferOutput<typeof OfferKind>;

/** `GET …/offers/{offer}`: the public teaser. Never carries a code. */
export const OfferTeaser = v.object({
  id: Slug,
  community: Slug,
  title: v.string(),
  /** The benefit, e.g. "-10 % on your first order". */
  benefit: v.string(),
  conditions: v.string(),
  expiresAt: Timestamp,
  disclosure: Disclosure,
  kind: OfferKind,
  /**
   * `expired`: past `expiresAt`; `exhausted`: no unique code left for a new member;
   * `paused`: the brand paused it (members who revealed keep their code).
   */
  status: v.picklist(['active', 'expired', 'exhausted', 'paused']),
  /** With a member token: whether this member has revealed their code already. */
  revealedByMe: v.boolean(),
});
export type OfferTeaser = v.InferOutput<typeof OfferTeaser>;

/** `POST …/offers/{offer}/reveal` (active member): the member's code, the same on every call. */
export const OfferReveal = v.object({
  offer: Slug,
  code: v.string(),
  revealedAt: Timestamp,
  expiresAt: Timestamp,
});
export type OfferReveal = v.InferOutput<typeof OfferReveal>;

/** Host: `PUT …/host/offers/{offer}`: create or change an offer. */
export const OfferInput = v.pipe(
  v.strictObject({
    title: v.pipe(v.string(), v.trim(), v.minLength(1, 'title is required'), v.maxLength(120)),
    benefit: v.pipe(v.string(), v.trim(), v.minLength(1, 'benefit is required'), v.maxLength(120)),
    conditions: v.pipe(v.string(), v.trim(), v.maxLength(1000)),
    expiresAt: Timestamp,
    disclosure: Disclosure,
    kind: OfferKind,
    /** A paused offer reveals no new code; default `false`. */
    paused: v.optional(v.boolean()),
    /** The code every member gets, for a `shared` offer. */
    sharedCode: v.optional(
      v.pipe(v.string(), v.regex(/^[\x21-\x7e]{3,64}$/, 'a code is 3–64 visible ASCII characters')),
    ),
  }),
  v.forward(
    v.check(
      (input) => (input.kind === 'shared') === (input.sharedCode !== undefined),
      'a shared offer needs sharedCode, a unique one takes its codes from a pool',
    ),
    ['sharedCode'],
  ),
);
export type OfferInput = v.InferInput<typeof OfferInput>;

/** Host view of an offer (still without any code). */
export const HostOffer = v.object({
  ...OfferTeaser.entries,
  /** Unique codes not yet given to a member (`null` for a shared offer). */
  codesRemaining: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0))),
  codesTotal: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0))),
  paused: v.boolean(),
});
export type HostOffer = v.InferOutput<typeof HostOffer>;

/** Host: `GET …/host/offers`. */
export const HostOfferList = v.object({ offers: v.array(HostOffer) });
export type HostOfferList = v.InferOutput<typeof HostOfferList>;

/** Host: `POST …/host/offers/{offer}/codes`: add unique codes to the pool. */
export const CodesImport = v.strictObject({
  codes: v.pipe(
    v.array(
      v.pipe(v.string(), v.regex(/^[\x21-\x7e]{3,64}$/, 'a code is 3–64 visible ASCII characters')),
    ),
    v.minLength(1, 'send at least one code'),
    v.maxLength(CODES_IMPORT_MAX, `at most ${CODES_IMPORT_MAX} codes per call`),
  ),
});
export type CodesImport = v.InferInput<typeof CodesImport>;

export const CodesImportResult = v.object({
  added: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** Codes already in the pool (or twice in the request), skipped. */
  duplicates: v.pipe(v.number(), v.integer(), v.minValue(0)),
  codesTotal: v.pipe(v.number(), v.integer(), v.minValue(0)),
  codesRemaining: v.pipe(v.number(), v.integer(), v.minValue(0)),
});
export type CodesImportResult = v.InferOutput<typeof CodesImportResult>;

/** Host (the brand's backend): `POST …/offers/{offer}/redemptions`: an order used a code. */
export const RedemptionRequest = v.strictObject({
  code: v.pipe(v.string('code is required'), v.minLength(1), v.maxLength(64)),
  orderId: v.pipe(v.string('orderId is required'), v.minLength(1), v.maxLength(100)),
  /** The order's amount in the currency's major unit, e.g. 42.5. */
  amount: v.pipe(v.number('amount is a number'), v.minValue(0, 'amount cannot be negative')),
  /** ISO 4217, e.g. `EUR`. */
  currency: v.pipe(v.string(), v.regex(/^[A-Z]{3}$/, 'currency is an ISO 4217 code like EUR')),
  /** When the order was placed; default now. */
  orderedAt: v.optional(Timestamp),
});
export type RedemptionRequest = v.InferInput<typeof RedemptionRequest>;

/** `duplicate`: a unique code used by an earlier order; `after_expiry`: ordered after expiresAt; `unknown_code`: not a code of this offer. */
export const RedemptionFlag = v.picklist(['duplicate', 'after_expiry', 'unknown_code']);
export type RedemptionFlag = v.InferOutput<typeof RedemptionFlag>;

/** 201 recorded, or 200 when this order id was reported before (the first record). */
export const Redemption = v.object({
  id: v.string(),
  offer: Slug,
  orderId: v.string(),
  /** The member the code was revealed to; `null` when nobody revealed it. */
  memberId: v.nullable(v.string()),
  amount: v.number(),
  currency: v.string(),
  orderedAt: Timestamp,
  flags: v.array(RedemptionFlag),
});
export type Redemption = v.InferOutput<typeof Redemption>;

/** Host: `GET …/host/offers/{offer}/funnel`. */
export const OfferFunnel = v.object({
  offer: HostOffer,
  teaserViews: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** Members who revealed their code. */
  reveals: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** Copy clicks reported by the widget. */
  copies: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** Orders reported, flagged ones included. */
  redemptions: v.pipe(v.number(), v.integer(), v.minValue(0)),
  flagged: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** Attributable revenue per currency (orders without a flag). */
  revenue: v.array(v.object({ currency: v.string(), amount: v.number() })),
  recent: v.array(Redemption),
});
export type OfferFunnel = v.InferOutput<typeof OfferFunnel>;
