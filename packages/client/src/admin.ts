/**
 * The brand's side of the contract (`@cercle/client/admin`): host accounts and invitations,
 * community settings, the sessions and offers lists, the audit log and webhooks. The host
 * console, the server, the mock and the conformance suite use it; the widgets never import
 * it, so none of it reaches their bundles.
 */
import * as v from 'valibot';
import {
  CommunityInput,
  Email,
  CommunityUpdate,
  HostCommunity,
  HostName,
  HostOfferList,
  HostRole,
  HostSessionList,
  HttpUrl,
  SessionList,
  SessionListQuery,
  pageLimit,
  Slug,
  Timestamp,
  type ErrorCode,
} from './contract.js';
import { createRequester } from './client.js';
import type { ClientOptions } from './http.js';
import { routes, type Route } from './routes.js';
import type { RouteDoc } from './route-docs.js';

const Count = v.pipe(v.number(), v.integer(), v.minValue(0));
const Cursor = v.pipe(v.string(), v.maxLength(200));
const Limit = pageLimit(200);

// ---------------------------------------------------------------------------------------
// Host accounts and invitations
// ---------------------------------------------------------------------------------------

/** A host of one community. Its key is shown once, when the account is created. */
export const HostAccount = v.object({
  id: v.string(),
  community: Slug,
  name: v.string(),
  email: v.nullable(v.string()),
  role: HostRole,
  createdAt: Timestamp,
  /** Who invited them: a host id, or `operator`. */
  invitedBy: v.nullable(v.string()),
});
export type HostAccount = v.InferOutput<typeof HostAccount>;

/** `POST /v1/communities` (operator): the community and its first owner, with the owner's key. */
export const CreatedCommunity = v.object({
  community: HostCommunity,
  owner: HostAccount,
  /** The owner's credential: shown once, stored only as a hash. */
  key: v.pipe(v.string(), v.minLength(20)),
});
export type CreatedCommunity = v.InferOutput<typeof CreatedCommunity>;

/** `GET /v1/host/me`: who the key belongs to, their community, and what they may do. */
export const HostSelf = v.object({
  host: HostAccount,
  community: HostCommunity,
  permissions: v.array(v.string()),
});
export type HostSelf = v.InferOutput<typeof HostSelf>;

export const INVITATION_HOURS_DEFAULT = 72;
export const INVITATION_HOURS_MAX = 720;

/** Owner (or operator): `POST …/host/invitations`. */
export const InvitationInput = v.strictObject({
  role: HostRole,
  /** Who it is for (shown in the team list until accepted). */
  name: v.optional(HostName),
  email: v.optional(Email),
  /** Hours until the link stops working: 1–720, default 72. */
  expiresInHours: v.optional(
    v.pipe(
      v.number(),
      v.integer(),
      v.minValue(1, 'an invitation lasts at least 1 hour'),
      v.maxValue(INVITATION_HOURS_MAX, `an invitation lasts at most ${INVITATION_HOURS_MAX} hours`),
    ),
  ),
});
export type InvitationInput = v.InferInput<typeof InvitationInput>;

export const InvitationState = v.picklist(['pending', 'accepted', 'expired', 'revoked']);

export const Invitation = v.object({
  id: v.string(),
  community: Slug,
  role: HostRole,
  name: v.nullable(v.string()),
  email: v.nullable(v.string()),
  state: InvitationState,
  createdAt: Timestamp,
  expiresAt: Timestamp,
  invitedBy: v.nullable(v.string()),
});
export type Invitation = v.InferOutput<typeof Invitation>;

/** The invitation and its single-use token (shown once; the link carries it in its fragment). */
export const CreatedInvitation = v.object({
  invitation: Invitation,
  token: v.pipe(v.string(), v.minLength(20)),
});
export type CreatedInvitation = v.InferOutput<typeof CreatedInvitation>;

/** Anyone holding the token: `POST …/invitations/accept`. */
export const InvitationAccept = v.strictObject({
  token: v.pipe(v.string('token is required'), v.minLength(20), v.maxLength(200)),
  name: HostName,
  email: v.optional(Email),
});
export type InvitationAccept = v.InferInput<typeof InvitationAccept>;

/** A new host account and its key (shown once). */
export const HostCredential = v.object({
  host: HostAccount,
  key: v.pipe(v.string(), v.minLength(20)),
});
export type HostCredential = v.InferOutput<typeof HostCredential>;

export const Team = v.object({
  hosts: v.array(HostAccount),
  /** Pending invitations (accepted, expired and revoked ones are in the audit log). */
  invitations: v.array(Invitation),
});
export type Team = v.InferOutput<typeof Team>;

/** Owner: `PATCH …/host/team/{host}`. A community always keeps at least one owner. */
export const HostUpdate = v.strictObject({
  role: v.optional(HostRole),
  name: v.optional(HostName),
});
export type HostUpdate = v.InferInput<typeof HostUpdate>;

export const CommunityList = v.object({ communities: v.array(HostCommunity) });
export type CommunityList = v.InferOutput<typeof CommunityList>;

// ---------------------------------------------------------------------------------------
// Audit log
// ---------------------------------------------------------------------------------------

/**
 * One recorded action: who (a host, the operator, or the system), when, what (`action`, e.g.
 * `question.hidden`, `settings.updated`, `host.invited`), on what, and the statement of
 * reasons given with a moderation decision.
 */
export const AuditEntry = v.object({
  id: v.string(),
  at: Timestamp,
  actor: v.object({
    kind: v.picklist(['host', 'operator', 'system']),
    id: v.nullable(v.string()),
    /** The host's name at the time. */
    name: v.nullable(v.string()),
    role: v.nullable(HostRole),
  }),
  action: v.string(),
  target: v.nullable(v.object({ kind: v.string(), id: v.string() })),
  statement: v.nullable(v.string()),
  /** What changed: for settings, the fields and their new values; never a secret. */
  details: v.record(v.string(), v.unknown()),
});
export type AuditEntry = v.InferOutput<typeof AuditEntry>;

export const AuditQuery = v.strictObject({
  cursor: v.optional(Cursor),
  limit: v.optional(Limit),
  /** Only this action, or actions starting with `prefix.` when it ends with `.` */
  action: v.optional(v.pipe(v.string(), v.maxLength(60))),
});
export type AuditQuery = v.InferInput<typeof AuditQuery>;

export const AuditPage = v.object({
  entries: v.array(AuditEntry),
  nextCursor: v.nullable(v.string()),
});
export type AuditPage = v.InferOutput<typeof AuditPage>;

// ---------------------------------------------------------------------------------------
// KPIs (host: owner and analyst)
// ---------------------------------------------------------------------------------------

/** A UTC day, `YYYY-MM-DD`. */
const Day = v.pipe(v.string(), v.isoDate('a date YYYY-MM-DD'));

/** How the daily series is grouped: by UTC day, by week (from Monday) or by calendar month. */
export const KpiGranularity = v.picklist(['day', 'week', 'month']);
export type KpiGranularity = v.InferOutput<typeof KpiGranularity>;

/**
 * The range of a KPI read: UTC days, both included; by default the 28 days ending today; the
 * series by day unless `granularity` says otherwise.
 */
export const KpiQuery = v.strictObject({
  from: v.optional(Day),
  to: v.optional(Day),
  granularity: v.optional(KpiGranularity),
});
export type KpiQuery = v.InferInput<typeof KpiQuery>;

/** The tables of the dashboard, each one downloadable as CSV (`…/host/kpis.csv?table=`). */
export const KPI_TABLES = ['summary', 'series', 'cohorts', 'sessions', 'offers'] as const;
export type KpiTable = (typeof KPI_TABLES)[number];

/** `GET …/host/kpis.csv`: one table of the same read, as CSV. */
export const KpiCsvQuery = v.strictObject({
  ...KpiQuery.entries,
  table: v.picklist(KPI_TABLES),
});
export type KpiCsvQuery = v.InferInput<typeof KpiCsvQuery>;

/** Cells derived from fewer members than this are suppressed (k-anonymity). */
export const KPI_MIN_MEMBERS = 5;

/**
 * One figure: its value, or `{ suppressed: true }` when it is derived from fewer than
 * `KPI_MIN_MEMBERS` members (shown as "< 5"). A nullable cell is null when it has no value
 * (a ratio over nothing, a cohort too young).
 */
export const KpiCell = v.union([
  v.strictObject({ value: v.number() }),
  v.strictObject({ suppressed: v.literal(true) }),
]);
export type KpiCell = v.InferOutput<typeof KpiCell>;

const ActiveCells = v.object({ d1: KpiCell, d7: KpiCell, d28: KpiCell });

export const KpiDay = v.object({
  /** The first day of the period (the day, its week's Monday or its month's first day, never before `from`). */
  day: v.string(),
  /** Members at the end of the period (active and waitlisted; hosts are never members). */
  members: KpiCell,
  joins: KpiCell,
  waitlistedJoins: KpiCell,
  leaves: KpiCell,
  /** Distinct visitors of the widgets: summed per day (a visitor is counted once a day). */
  visitors: KpiCell,
  /** Distinct members with a contribution in the 1, 7 and 28 days ending the period's last day. */
  active: ActiveCells,
  /** Active 1 day ÷ active 28 days, at the period's last day. */
  stickiness: v.nullable(KpiCell),
  /** Leaves in the 28 days ending the period's last day ÷ members 28 days before it. */
  churn: v.nullable(KpiCell),
  /** Testimonials submitted in the period, and of those approved since. */
  testimonials: KpiCell,
  testimonialsApproved: KpiCell,
});

export const KpiCohort = v.object({
  /** The Monday (UTC) of the join week. */
  week: v.string(),
  /** Members who joined that week, those who left since included. */
  size: KpiCell,
  /** Share of the cohort whose first contribution came within 7 days of joining (day 0–6); null until the cohort's last join day is 7 days old. */
  activated7: v.nullable(KpiCell),
  /** Share of the cohort still a member with a contribution on or after day N of membership; null while the cohort is younger than N days. */
  d30: v.nullable(KpiCell),
  d60: v.nullable(KpiCell),
  d90: v.nullable(KpiCell),
});

const Revenue = v.object({ currency: v.string(), redemptions: KpiCell, amount: KpiCell });

/** A live session that starts in the range. */
export const KpiSession = v.object({
  id: v.string(),
  title: v.string(),
  startsAt: Timestamp,
  state: v.picklist(['scheduled', 'live', 'ended']),
  /** Most event streams open at once (per server instance). */
  peakViewers: KpiCell,
  /** Distinct visitors who opened its event stream. */
  viewers: KpiCell,
  /** Distinct (still known) members who asked, who voted. */
  askers: KpiCell,
  voters: KpiCell,
  /** Distinct askers or voters ÷ distinct viewers. */
  participation: v.nullable(KpiCell),
  questions: KpiCell,
  /** Questions answered ÷ asked. */
  answerRate: v.nullable(KpiCell),
  /** Median seconds from a question to its answer, over answered questions. */
  medianAnswerSeconds: v.nullable(KpiCell),
});
export type KpiSession = v.InferOutput<typeof KpiSession>;

/** One offer's funnel over the range: teaser views → reveals → copies → redemptions. */
export const KpiOffer = v.object({
  id: v.string(),
  title: v.string(),
  teaserViews: KpiCell,
  reveals: KpiCell,
  copies: KpiCell,
  redemptions: KpiCell,
  revenue: v.array(Revenue),
});
export type KpiOffer = v.InferOutput<typeof KpiOffer>;

export const Kpis = v.object({
  from: v.string(),
  to: v.string(),
  granularity: KpiGranularity,
  minMembers: v.number(),
  series: v.array(KpiDay),
  /** Active members at `to`, 1, 7 and 28 days windows. */
  active: ActiveCells,
  /** Members active in the 28 days ending `to` ÷ members at the end of `to`. */
  activation: v.nullable(KpiCell),
  /**
   * Over the range: visitors (summed per day), joins, and of those who joined in the range
   * the (still known) members with a contribution in it.
   */
  funnel: v.object({ visitors: KpiCell, joined: KpiCell, contributed: KpiCell }),
  /** Active 1 day ÷ active 28 days, at `to`. */
  stickiness: v.nullable(KpiCell),
  /** Leaves in the 28 days ending `to` ÷ members at the end of the day before them. */
  churn: v.nullable(KpiCell),
  retention: v.array(KpiCohort),
  contributions: v.object({ questions: KpiCell, votes: KpiCell, reports: KpiCell }),
  testimonials: v.object({
    submitted: KpiCell,
    /** Of those submitted in the range, approved since. */
    approved: KpiCell,
    approvalRate: v.nullable(KpiCell),
    /** Of those submitted in the range, with a photo. */
    withPhoto: KpiCell,
    /** Average rating (1–5) of those submitted in the range. */
    averageRating: v.nullable(KpiCell),
  }),
  sessions: v.array(KpiSession),
  promo: v.object({
    reveals: KpiCell,
    copies: KpiCell,
    redemptions: KpiCell,
    revenue: v.array(Revenue),
    offers: v.array(KpiOffer),
  }),
});
export type Kpis = v.InferOutput<typeof Kpis>;

// ---------------------------------------------------------------------------------------
// Webhooks (Standard Webhooks)
// ---------------------------------------------------------------------------------------

/** Events an endpoint may subscribe to. `webhook.test` is sent by "send test event" only. */
export const WEBHOOK_EVENTS = [
  'member.joined',
  'member.left',
  'question.created',
  'testimonial.submitted',
  'testimonial.published',
  'offer.revealed',
  'offer.redeemed',
] as const;
export const WebhookEvent = v.picklist(WEBHOOK_EVENTS);
export type WebhookEvent = v.InferOutput<typeof WebhookEvent>;

/** Consecutive failed deliveries after which an endpoint is disabled. */
export const WEBHOOK_FAILURES_TO_DISABLE = 20;

const WebhookUrl = v.pipe(
  HttpUrl,
  v.check(
    (url) =>
      url.startsWith('https://') ||
      /^http:\/\/(?:localhost|127\.0\.0\.1|\[::1\])(?::\d+)?(?:\/|$)/.test(url),
    'a webhook URL is https (http only for localhost)',
  ),
);
const WebhookEvents = v.pipe(
  v.array(WebhookEvent),
  v.minLength(1, 'pick at least one event'),
  v.maxLength(WEBHOOK_EVENTS.length),
);
const WebhookDescription = v.pipe(v.string(), v.trim(), v.maxLength(200));

/** Owner: `POST …/host/webhooks`. */
export const WebhookInput = v.strictObject({
  url: WebhookUrl,
  events: WebhookEvents,
  description: v.optional(WebhookDescription),
  /** Put names and emails in payloads; default `false` (ids only). */
  includePersonalData: v.optional(v.boolean()),
});
export type WebhookInput = v.InferInput<typeof WebhookInput>;

/** Owner: `PATCH …/host/webhooks/{webhook}`; `enabled: true` re-enables a disabled endpoint. */
export const WebhookUpdate = v.strictObject({
  url: v.optional(WebhookUrl),
  events: v.optional(WebhookEvents),
  description: v.optional(WebhookDescription),
  includePersonalData: v.optional(v.boolean()),
  enabled: v.optional(v.boolean()),
});
export type WebhookUpdate = v.InferInput<typeof WebhookUpdate>;

export const Webhook = v.object({
  id: v.string(),
  url: v.string(),
  events: v.array(v.string()),
  description: v.string(),
  includePersonalData: v.boolean(),
  enabled: v.boolean(),
  /** Why it was disabled (`failures`: too many failed deliveries in a row), or `null`. */
  disabledReason: v.nullable(v.string()),
  consecutiveFailures: Count,
  createdAt: Timestamp,
});
export type Webhook = v.InferOutput<typeof Webhook>;

export const WebhookList = v.object({ webhooks: v.array(Webhook) });
export type WebhookList = v.InferOutput<typeof WebhookList>;

/** A new endpoint or a rotated secret: the `whsec_…` signing secret, shown once. */
export const WebhookSecret = v.object({
  webhook: Webhook,
  secret: v.pipe(v.string(), v.startsWith('whsec_')),
  /** After a rotation: the old secret still signs (beside the new one) until then. */
  previousSecretExpiresAt: v.nullable(Timestamp),
});
export type WebhookSecret = v.InferOutput<typeof WebhookSecret>;

/** One message to one endpoint, and how its delivery went. */
export const WebhookDelivery = v.object({
  /** The `webhook-id` header: the same on every retry. */
  id: v.string(),
  event: v.string(),
  state: v.picklist(['pending', 'delivered', 'failed']),
  attempts: Count,
  createdAt: Timestamp,
  lastAttemptAt: v.nullable(Timestamp),
  nextAttemptAt: v.nullable(Timestamp),
  /** The receiver's HTTP status on the last attempt; `null` when it was not reached. */
  lastStatus: v.nullable(v.pipe(v.number(), v.integer())),
  lastError: v.nullable(v.string()),
});
export type WebhookDelivery = v.InferOutput<typeof WebhookDelivery>;

export const WebhookDeliveryList = v.object({ deliveries: v.array(WebhookDelivery) });
export type WebhookDeliveryList = v.InferOutput<typeof WebhookDeliveryList>;

// ---------------------------------------------------------------------------------------
// The routes
// ---------------------------------------------------------------------------------------

const route = <R extends Route>(r: R): R => r;
const C = '/v1/communities/{community}';
const H = `${C}/host`;

export const adminRoutes = {
  createCommunity: route({
    method: 'POST',
    path: '/v1/communities',
    auth: 'operator',
    body: CommunityInput,
    responses: { 201: CreatedCommunity },
  }),
  listCommunities: route({
    method: 'GET',
    path: '/v1/communities',
    auth: 'operator',
    responses: { 200: CommunityList },
  }),
  hostMe: route({
    method: 'GET',
    path: '/v1/host/me',
    auth: 'host',
    permission: 'read',
    responses: { 200: HostSelf },
  }),
  hostSettings: route({
    method: 'GET',
    path: `${H}/settings`,
    auth: 'host',
    permission: 'read',
    responses: { 200: HostCommunity },
  }),
  updateSettings: route({
    method: 'PATCH',
    path: `${H}/settings`,
    auth: 'host',
    permission: 'settings',
    body: CommunityUpdate,
    responses: { 200: HostCommunity },
  }),
  listSessions: route({
    method: 'GET',
    path: `${C}/sessions`,
    auth: 'none',
    query: SessionListQuery,
    responses: { 200: SessionList },
  }),
  hostSessions: route({
    method: 'GET',
    path: `${H}/sessions`,
    auth: 'host',
    permission: 'read',
    responses: { 200: HostSessionList },
  }),
  hostOffers: route({
    method: 'GET',
    path: `${H}/offers`,
    auth: 'host',
    permission: 'read',
    responses: { 200: HostOfferList },
  }),
  team: route({
    method: 'GET',
    path: `${H}/team`,
    auth: 'host',
    permission: 'team',
    responses: { 200: Team },
  }),
  invite: route({
    method: 'POST',
    path: `${H}/invitations`,
    auth: 'host',
    permission: 'team',
    operator: true,
    body: InvitationInput,
    responses: { 201: CreatedInvitation },
  }),
  revokeInvitation: route({
    method: 'DELETE',
    path: `${H}/invitations/{invitation}`,
    auth: 'host',
    permission: 'team',
    responses: { 204: null },
  }),
  acceptInvitation: route({
    method: 'POST',
    path: `${C}/invitations/accept`,
    auth: 'none',
    body: InvitationAccept,
    responses: { 201: HostCredential },
  }),
  updateHost: route({
    method: 'PATCH',
    path: `${H}/team/{host}`,
    auth: 'host',
    permission: 'team',
    body: HostUpdate,
    responses: { 200: HostAccount },
  }),
  revokeHost: route({
    method: 'DELETE',
    path: `${H}/team/{host}`,
    auth: 'host',
    permission: 'team',
    responses: { 204: null },
  }),
  auditLog: route({
    method: 'GET',
    path: `${H}/audit`,
    auth: 'host',
    permission: 'audit',
    query: AuditQuery,
    responses: { 200: AuditPage },
  }),
  auditCsv: route({
    method: 'GET',
    path: `${H}/audit.csv`,
    auth: 'host',
    permission: 'audit',
    produces: ['text/csv'],
    responses: { 200: null },
  }),
  kpis: route({
    method: 'GET',
    path: `${H}/kpis`,
    auth: 'host',
    permission: 'insights',
    query: KpiQuery,
    responses: { 200: Kpis },
  }),
  kpisCsv: route({
    method: 'GET',
    path: `${H}/kpis.csv`,
    auth: 'host',
    permission: 'insights',
    query: KpiCsvQuery,
    produces: ['text/csv'],
    responses: { 200: null },
  }),
  listWebhooks: route({
    method: 'GET',
    path: `${H}/webhooks`,
    auth: 'host',
    permission: 'webhooks',
    responses: { 200: WebhookList },
  }),
  createWebhook: route({
    method: 'POST',
    path: `${H}/webhooks`,
    auth: 'host',
    permission: 'webhooks',
    body: WebhookInput,
    responses: { 201: WebhookSecret },
  }),
  updateWebhook: route({
    method: 'PATCH',
    path: `${H}/webhooks/{webhook}`,
    auth: 'host',
    permission: 'webhooks',
    body: WebhookUpdate,
    responses: { 200: Webhook },
  }),
  deleteWebhook: route({
    method: 'DELETE',
    path: `${H}/webhooks/{webhook}`,
    auth: 'host',
    permission: 'webhooks',
    responses: { 204: null },
  }),
  rotateWebhookSecret: route({
    method: 'POST',
    path: `${H}/webhooks/{webhook}/secret`,
    auth: 'host',
    permission: 'webhooks',
    responses: { 200: WebhookSecret },
  }),
  testWebhook: route({
    method: 'POST',
    path: `${H}/webhooks/{webhook}/test`,
    auth: 'host',
    permission: 'webhooks',
    responses: { 202: WebhookDelivery },
  }),
  webhookDeliveries: route({
    method: 'GET',
    path: `${H}/webhooks/{webhook}/deliveries`,
    auth: 'host',
    permission: 'webhooks',
    responses: { 200: WebhookDeliveryList },
  }),
} as const satisfies Record<string, Route>;

export type AdminRouteName = keyof typeof adminRoutes;

/** Every operation of the contract: the widgets' table and the brand's side. */
export const allRoutes = { ...routes, ...adminRoutes };
export type AnyRouteName = keyof typeof allRoutes;

const HOST: ErrorCode[] = ['unauthorized', 'forbidden', 'not_found'];
const WRITE: ErrorCode[] = [...HOST, 'validation_failed', 'payload_too_large'];

export const adminRouteDocs = {
  createCommunity: {
    summary:
      'Operator only: create a community with its settings and its first owner, whose key is in the answer (once).',
    errors: ['validation_failed', 'unauthorized', 'conflict', 'payload_too_large'],
  },
  listCommunities: {
    summary: 'Operator only: every community, archived ones included.',
    errors: ['unauthorized'],
  },
  hostMe: {
    summary: "Who a host key belongs to: the host, their community's settings, their permissions.",
    errors: ['unauthorized'],
  },
  hostSettings: {
    summary: 'Any host: the community with its settings and its consent history.',
    errors: HOST,
  },
  updateSettings: {
    summary:
      'Owner: change settings (origins, consent text, invite links, moderation defaults, locale), or archive. A new consent text records a new version.',
    errors: [...WRITE, 'conflict'],
  },
  listSessions: {
    summary:
      'Public: the live sessions not archived (live, upcoming by start, past), optionally filtered with `when`.',
    errors: ['not_found', 'validation_failed'],
  },
  hostSessions: {
    summary: 'Any host: every session, archived ones included.',
    errors: HOST,
  },
  hostOffers: { summary: 'Any host: every offer, with its code counts.', errors: HOST },
  team: { summary: 'Owner: the hosts and the pending invitations.', errors: HOST },
  invite: {
    summary:
      'Owner (or the operator, to give a community its first owner): a single-use invitation with an expiry; its token is shown once.',
    errors: WRITE,
  },
  revokeInvitation: { summary: 'Owner: revoke a pending invitation.', errors: HOST },
  acceptInvitation: {
    summary:
      'With an invitation token: create the host account; its key is shown once. A used or revoked token is 404, an expired one 410.',
    errors: ['validation_failed', 'not_found', 'invitation_expired', 'payload_too_large'],
  },
  updateHost: {
    summary: "Owner: change a host's role or name; the last owner cannot be demoted.",
    errors: [...WRITE, 'conflict'],
  },
  revokeHost: {
    summary: 'Owner: revoke a host; their key stops working at once. The last owner stays.',
    errors: [...HOST, 'conflict'],
  },
  auditLog: {
    summary:
      'Owner: moderation decisions and settings changes, newest first: who, when, what, why.',
    errors: [...HOST, 'validation_failed'],
  },
  auditCsv: { summary: 'Owner: the whole audit log as CSV.', errors: HOST },
  kpis: {
    summary:
      'Owner or analyst: KPIs over a range of UTC days (default the last 28, at most 366) from daily rollups, the series by day, week or month; cells from fewer than 5 members are suppressed.',
    errors: [...HOST, 'validation_failed'],
  },
  kpisCsv: {
    summary:
      'Owner or analyst: one table of the KPIs (summary, series, cohorts, sessions, offers) as CSV, the same figures as the JSON read; a suppressed cell reads "<5", an empty one nothing.',
    errors: [...HOST, 'validation_failed'],
  },
  listWebhooks: { summary: "Owner: the community's webhook endpoints.", errors: HOST },
  createWebhook: {
    summary:
      'Owner: register an endpoint for some events; answers its `whsec_` signing secret, once.',
    errors: WRITE,
  },
  updateWebhook: {
    summary: 'Owner: change an endpoint, or enable it again after it was disabled.',
    errors: WRITE,
  },
  deleteWebhook: { summary: 'Owner: remove an endpoint and its delivery log.', errors: HOST },
  rotateWebhookSecret: {
    summary: 'Owner: a new signing secret; the old one keeps signing beside it for 24 hours.',
    errors: HOST,
  },
  testWebhook: {
    summary: 'Owner: queue a `webhook.test` message to the endpoint (409 when it is disabled).',
    errors: [...HOST, 'conflict'],
  },
  webhookDeliveries: {
    summary: "Owner: the endpoint's latest deliveries, newest first.",
    errors: HOST,
  },
} as const satisfies Record<AdminRouteName, RouteDoc>;

/** A client for every operation (the console's): `request(name, options)` over `allRoutes`. */
export function createAdminClient(options: ClientOptions) {
  return { request: createRequester(options, allRoutes) };
}
export type AdminClient = ReturnType<typeof createAdminClient>;
