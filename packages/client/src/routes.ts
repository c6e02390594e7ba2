/**
 * The contract's operations: method, path, who may call, what goes in and what comes
 * out. The HTTP client builds its requests and checks its answers from this table, the
 * reference server and the mock take their paths and request schemas from it, and
 * `scripts/openapi.ts` turns it into `docs/openapi.json`.
 */
import type * as v from 'valibot';
import {
  AskRequest,
  Community,
  Health,
  HostQuestionList,
  JoinRequest,
  JoinResponse,
  LiveSession,
  Me,
  MemberExport,
  MemberList,
  Question,
  QuestionPage,
  QuestionQuery,
  QuestionUpdate,
  ReportDecisionRequest,
  ReportList,
  ReportReceipt,
  ReportRequest,
  Report,
  SessionUpdate,
  VoteResult,
} from './contract.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnySchema = v.GenericSchema<any, any>;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * `none`: anyone; `member`: a member token; `host`: the community's host key;
 * `optional-member`: anyone, and a member token when sent personalises the answer
 * (`votedByMe`, `mine`) or attributes the request.
 */
export type Auth = 'none' | 'member' | 'host' | 'optional-member';

export interface Route {
  readonly method: HttpMethod;
  /** Path under the API base, with `{name}` parameters. */
  readonly path: string;
  readonly summary: string;
  readonly auth: Auth;
  readonly body?: AnySchema;
  /** Query string parameters (all strings on the wire). */
  readonly query?: AnySchema;
  /** The answer is a Server-Sent Events stream (`text/event-stream`), not JSON. */
  readonly stream?: true;
  /** Success statuses and their body schema (`null`: no body). */
  readonly responses: Readonly<Record<number, AnySchema | null>>;
  /** Error codes this operation may answer with, beyond `internal` and `rate_limited`. */
  readonly errors: readonly string[];
}

const route = <R extends Route>(r: R): R => r;

export const routes = {
  health: route({
    method: 'GET',
    path: '/v1/health',
    summary: 'Liveness, and the contract version the backend speaks.',
    auth: 'none',
    responses: { 200: Health },
    errors: [],
  }),
  getCommunity: route({
    method: 'GET',
    path: '/v1/communities/{community}',
    summary:
      'Public information on a community: name, tagline, member count, capacity, join state.',
    auth: 'none',
    responses: { 200: Community },
    errors: ['not_found'],
  }),
  join: route({
    method: 'POST',
    path: '/v1/communities/{community}/members',
    summary:
      'Join with recorded consent. 201 with the member token when joined, 202 when waitlisted; the token is never shown again.',
    auth: 'none',
    body: JoinRequest,
    responses: { 201: JoinResponse, 202: JoinResponse },
    errors: ['validation_failed', 'not_found', 'community_full', 'conflict', 'payload_too_large'],
  }),
  listMembers: route({
    method: 'GET',
    path: '/v1/communities/{community}/members',
    summary: 'Host only: the members and the waitlist.',
    auth: 'host',
    responses: { 200: MemberList },
    errors: ['unauthorized', 'not_found'],
  }),
  me: route({
    method: 'GET',
    path: '/v1/communities/{community}/members/me',
    summary: 'The member behind the token, with the member-only invite destinations.',
    auth: 'member',
    responses: { 200: Me },
    errors: ['unauthorized', 'not_found'],
  }),
  exportMe: route({
    method: 'GET',
    path: '/v1/communities/{community}/members/me/export',
    summary: 'Everything the backend holds on the member (GDPR art. 15 and 20).',
    auth: 'member',
    responses: { 200: MemberExport },
    errors: ['unauthorized', 'not_found'],
  }),
  leave: route({
    method: 'DELETE',
    path: '/v1/communities/{community}/members/me',
    summary: 'Leave the circle and erase the member’s personal data (GDPR art. 17).',
    auth: 'member',
    responses: { 204: null },
    errors: ['unauthorized', 'not_found'],
  }),

  // Live Q&A ------------------------------------------------------------------------------
  getSession: route({
    method: 'GET',
    path: '/v1/communities/{community}/sessions/{session}',
    summary: 'A live session: title, state (scheduled, live, ended), start time, moderation.',
    auth: 'none',
    responses: { 200: LiveSession },
    errors: ['not_found'],
  }),
  listQuestions: route({
    method: 'GET',
    path: '/v1/communities/{community}/sessions/{session}/questions',
    summary:
      'A page of the visible questions (open and answered), `top` or `new` first, with the id of the newest stream event to subscribe from.',
    auth: 'optional-member',
    query: QuestionQuery,
    responses: { 200: QuestionPage },
    errors: ['validation_failed', 'not_found', 'unauthorized'],
  }),
  ask: route({
    method: 'POST',
    path: '/v1/communities/{community}/sessions/{session}/questions',
    summary:
      'A member asks a question (1–500 characters), optionally anonymously. Pending until approved when the session is pre-moderated.',
    auth: 'member',
    body: AskRequest,
    responses: { 201: Question },
    errors: ['validation_failed', 'unauthorized', 'forbidden', 'not_found', 'conflict'],
  }),
  vote: route({
    method: 'PUT',
    path: '/v1/communities/{community}/sessions/{session}/questions/{question}/vote',
    summary: 'The member votes for a question; idempotent, one vote per member.',
    auth: 'member',
    responses: { 200: VoteResult },
    errors: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
  }),
  unvote: route({
    method: 'DELETE',
    path: '/v1/communities/{community}/sessions/{session}/questions/{question}/vote',
    summary: 'The member takes their vote back; idempotent.',
    auth: 'member',
    responses: { 200: VoteResult },
    errors: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
  }),
  sessionEvents: route({
    method: 'GET',
    path: '/v1/communities/{community}/sessions/{session}/events',
    summary:
      'Server-Sent Events: question.created, question.updated, question.removed, session.updated, resync. Send Last-Event-ID to resume.',
    auth: 'none',
    stream: true,
    responses: { 200: null },
    errors: ['not_found'],
  }),

  // Host of a live session ------------------------------------------------------------------
  hostQuestions: route({
    method: 'GET',
    path: '/v1/communities/{community}/host/sessions/{session}/questions',
    summary: 'Host only: every question of the session, pending and hidden ones included.',
    auth: 'host',
    responses: { 200: HostQuestionList },
    errors: ['unauthorized', 'not_found'],
  }),
  hostSessionEvents: route({
    method: 'GET',
    path: '/v1/communities/{community}/host/sessions/{session}/events',
    summary: 'Host only: the session stream, with pending and hidden questions too.',
    auth: 'host',
    stream: true,
    responses: { 200: null },
    errors: ['unauthorized', 'not_found'],
  }),
  updateQuestion: route({
    method: 'PATCH',
    path: '/v1/communities/{community}/host/sessions/{session}/questions/{question}',
    summary: 'Host only: approve, answer in writing, pin or hide a question.',
    auth: 'host',
    body: QuestionUpdate,
    responses: { 200: Question },
    errors: ['validation_failed', 'unauthorized', 'not_found'],
  }),
  updateSession: route({
    method: 'PATCH',
    path: '/v1/communities/{community}/host/sessions/{session}',
    summary: 'Host only: start or end the session, or change its moderation mode.',
    auth: 'host',
    body: SessionUpdate,
    responses: { 200: LiveSession },
    errors: ['validation_failed', 'unauthorized', 'not_found', 'conflict'],
  }),

  // Reports (notice and action) -------------------------------------------------------------
  report: route({
    method: 'POST',
    path: '/v1/communities/{community}/reports',
    summary: 'Anyone reports a question or a testimonial (reason and details); the host decides.',
    auth: 'optional-member',
    body: ReportRequest,
    responses: { 202: ReportReceipt },
    errors: ['validation_failed', 'not_found'],
  }),
  listReports: route({
    method: 'GET',
    path: '/v1/communities/{community}/host/reports',
    summary: 'Host only: the reports, open ones first.',
    auth: 'host',
    responses: { 200: ReportList },
    errors: ['unauthorized', 'not_found'],
  }),
  decideReport: route({
    method: 'POST',
    path: '/v1/communities/{community}/host/reports/{report}/decision',
    summary: 'Host only: remove the content or dismiss the report, with a statement of reasons.',
    auth: 'host',
    body: ReportDecisionRequest,
    responses: { 200: Report },
    errors: ['validation_failed', 'unauthorized', 'not_found', 'conflict'],
  }),
} as const satisfies Record<string, Route>;

export type RouteName = keyof typeof routes;

/** Fills `{name}` parameters, encoding each value. */
export function buildPath(path: string, params: Readonly<Record<string, string>>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new TypeError(`missing path parameter "${name}"`);
    return encodeURIComponent(value);
  });
}
