/**
 * The contract's operations: method, path, who may call, what goes in and what comes
 * out. The HTTP client builds its requests and checks its answers from this table, the
 * reference server and the mock take their paths and request schemas from it, and
 * `scripts/openapi.ts` turns it into `docs/openapi.json`.
 */
import type * as v from 'valibot';
import {
  AskRequest,
  CodesImport,
  CodesImportResult,
  HostOffer,
  HostTestimonialQuery,
  OfferFunnel,
  OfferInput,
  OfferReveal,
  OfferTeaser,
  OwnTestimonial,
  OwnTestimonialList,
  PHOTO_TYPES,
  PhotoUpload,
  Redemption,
  RedemptionRequest,
  TestimonialModeration,
  TestimonialPage,
  TestimonialQuery,
  TestimonialRequest,
  WallSettings,
  WallSettingsUpdate,
  Community,
  SessionInput,
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
  type Permission,
} from './contract.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnySchema = v.GenericSchema<any, any>;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * `none`: anyone; `member`: a member token; `host`: the key of one of the community's hosts,
 * whose role grants the route's `permission`;
 * `operator`: the key of whoever runs the backend (creates communities);
 * `optional-member`: anyone, and a member token when sent personalises the answer
 * (`votedByMe`, `mine`) or attributes the request.
 */
export type Auth = 'none' | 'member' | 'host' | 'operator' | 'optional-member';

export interface Route {
  readonly method: HttpMethod;
  /** Path under the API base, with `{name}` parameters. */
  readonly path: string;
  readonly auth: Auth;
  /** For `host` routes: what the host's role must allow (ROLE_PERMISSIONS). */
  readonly permission?: Permission;
  /** For `host` routes: the operator key is accepted too. */
  readonly operator?: true;
  readonly body?: AnySchema;
  /** Query string parameters (all strings on the wire). */
  readonly query?: AnySchema;
  /** The answer is a Server-Sent Events stream (`text/event-stream`), not JSON. */
  readonly stream?: true;
  /** The request body is raw bytes of one of these media types (an upload), not JSON. */
  readonly upload?: readonly string[];
  /** The answer is raw bytes of these media types (an image), not JSON. */
  readonly produces?: readonly string[];
  /** Success statuses and their body schema (`null`: no body). */
  readonly responses: Readonly<Record<number, AnySchema | null>>;
}

const route = <R extends Route>(r: R): R => r;

export const routes = {
  health: route({
    method: 'GET',
    path: '/v1/health',
    auth: 'none',
    responses: { 200: Health },
  }),
  getCommunity: route({
    method: 'GET',
    path: '/v1/communities/{community}',
    auth: 'none',
    responses: { 200: Community },
  }),
  join: route({
    method: 'POST',
    path: '/v1/communities/{community}/members',
    auth: 'none',
    body: JoinRequest,
    responses: { 201: JoinResponse, 202: JoinResponse },
  }),
  listMembers: route({
    method: 'GET',
    path: '/v1/communities/{community}/members',
    auth: 'host',
    permission: 'members',
    responses: { 200: MemberList },
  }),
  me: route({
    method: 'GET',
    path: '/v1/communities/{community}/members/me',
    auth: 'member',
    responses: { 200: Me },
  }),
  exportMe: route({
    method: 'GET',
    path: '/v1/communities/{community}/members/me/export',
    auth: 'member',
    responses: { 200: MemberExport },
  }),
  leave: route({
    method: 'DELETE',
    path: '/v1/communities/{community}/members/me',
    auth: 'member',
    responses: { 204: null },
  }),

  // Live Q&A ------------------------------------------------------------------------------
  getSession: route({
    method: 'GET',
    path: '/v1/communities/{community}/sessions/{session}',
    auth: 'none',
    responses: { 200: LiveSession },
  }),
  listQuestions: route({
    method: 'GET',
    path: '/v1/communities/{community}/sessions/{session}/questions',
    auth: 'optional-member',
    query: QuestionQuery,
    responses: { 200: QuestionPage },
  }),
  ask: route({
    method: 'POST',
    path: '/v1/communities/{community}/sessions/{session}/questions',
    auth: 'member',
    body: AskRequest,
    responses: { 201: Question },
  }),
  vote: route({
    method: 'PUT',
    path: '/v1/communities/{community}/sessions/{session}/questions/{question}/vote',
    auth: 'member',
    responses: { 200: VoteResult },
  }),
  unvote: route({
    method: 'DELETE',
    path: '/v1/communities/{community}/sessions/{session}/questions/{question}/vote',
    auth: 'member',
    responses: { 200: VoteResult },
  }),
  sessionEvents: route({
    method: 'GET',
    path: '/v1/communities/{community}/sessions/{session}/events',
    auth: 'none',
    stream: true,
    responses: { 200: null },
  }),

  // Host of a live session ------------------------------------------------------------------
  hostQuestions: route({
    method: 'GET',
    path: '/v1/communities/{community}/host/sessions/{session}/questions',
    auth: 'host',
    permission: 'moderate',
    responses: { 200: HostQuestionList },
  }),
  hostSessionEvents: route({
    method: 'GET',
    path: '/v1/communities/{community}/host/sessions/{session}/events',
    auth: 'host',
    permission: 'moderate',
    stream: true,
    responses: { 200: null },
  }),
  updateQuestion: route({
    method: 'PATCH',
    path: '/v1/communities/{community}/host/sessions/{session}/questions/{question}',
    auth: 'host',
    permission: 'moderate',
    body: QuestionUpdate,
    responses: { 200: Question },
  }),
  putSession: route({
    method: 'PUT',
    path: '/v1/communities/{community}/host/sessions/{session}',
    auth: 'host',
    permission: 'sessions',
    body: SessionInput,
    responses: { 200: LiveSession, 201: LiveSession },
  }),
  updateSession: route({
    method: 'PATCH',
    path: '/v1/communities/{community}/host/sessions/{session}',
    auth: 'host',
    permission: 'moderate',
    body: SessionUpdate,
    responses: { 200: LiveSession },
  }),

  // Reports (notice and action) -------------------------------------------------------------
  report: route({
    method: 'POST',
    path: '/v1/communities/{community}/reports',
    auth: 'optional-member',
    body: ReportRequest,
    responses: { 202: ReportReceipt },
  }),
  listReports: route({
    method: 'GET',
    path: '/v1/communities/{community}/host/reports',
    auth: 'host',
    permission: 'moderate',
    responses: { 200: ReportList },
  }),
  decideReport: route({
    method: 'POST',
    path: '/v1/communities/{community}/host/reports/{report}/decision',
    auth: 'host',
    permission: 'moderate',
    body: ReportDecisionRequest,
    responses: { 200: Report },
  }),

  // Testimonials (the wall) -----------------------------------------------------------------
  listTestimonials: route({
    method: 'GET',
    path: '/v1/communities/{community}/testimonials',
    auth: 'none',
    query: TestimonialQuery,
    responses: { 200: TestimonialPage },
  }),
  submitTestimonial: route({
    method: 'POST',
    path: '/v1/communities/{community}/testimonials',
    auth: 'member',
    body: TestimonialRequest,
    responses: { 201: OwnTestimonial },
  }),
  myTestimonials: route({
    method: 'GET',
    path: '/v1/communities/{community}/testimonials/mine',
    auth: 'member',
    responses: { 200: OwnTestimonialList },
  }),
  withdrawTestimonial: route({
    method: 'DELETE',
    path: '/v1/communities/{community}/testimonials/{testimonial}',
    auth: 'member',
    responses: { 204: null },
  }),
  uploadPhoto: route({
    method: 'POST',
    path: '/v1/communities/{community}/photos',
    auth: 'member',
    upload: PHOTO_TYPES,
    responses: { 201: PhotoUpload },
  }),
  getPhoto: route({
    method: 'GET',
    path: '/v1/photos/{photo}',
    auth: 'none',
    produces: PHOTO_TYPES,
    responses: { 200: null },
  }),

  // Host of the wall ------------------------------------------------------------------------
  hostTestimonials: route({
    method: 'GET',
    path: '/v1/communities/{community}/host/testimonials',
    auth: 'host',
    permission: 'moderate',
    query: HostTestimonialQuery,
    responses: { 200: OwnTestimonialList },
  }),
  moderateTestimonial: route({
    method: 'PATCH',
    path: '/v1/communities/{community}/host/testimonials/{testimonial}',
    auth: 'host',
    permission: 'moderate',
    body: TestimonialModeration,
    responses: { 200: OwnTestimonial },
  }),
  wallSettings: route({
    method: 'PATCH',
    path: '/v1/communities/{community}/host/wall',
    auth: 'host',
    permission: 'settings',
    body: WallSettingsUpdate,
    responses: { 200: WallSettings },
  }),

  // Offers (community-only promo codes) -----------------------------------------------------
  getOffer: route({
    method: 'GET',
    path: '/v1/communities/{community}/offers/{offer}',
    auth: 'optional-member',
    responses: { 200: OfferTeaser },
  }),
  revealOffer: route({
    method: 'POST',
    path: '/v1/communities/{community}/offers/{offer}/reveal',
    auth: 'member',
    responses: { 200: OfferReveal },
  }),
  copyOffer: route({
    method: 'POST',
    path: '/v1/communities/{community}/offers/{offer}/copies',
    auth: 'member',
    responses: { 204: null },
  }),
  reportRedemption: route({
    method: 'POST',
    path: '/v1/communities/{community}/offers/{offer}/redemptions',
    auth: 'host',
    permission: 'offers',
    body: RedemptionRequest,
    responses: { 201: Redemption, 200: Redemption },
  }),
  putOffer: route({
    method: 'PUT',
    path: '/v1/communities/{community}/host/offers/{offer}',
    auth: 'host',
    permission: 'offers',
    body: OfferInput,
    responses: { 200: HostOffer, 201: HostOffer },
  }),
  importCodes: route({
    method: 'POST',
    path: '/v1/communities/{community}/host/offers/{offer}/codes',
    auth: 'host',
    permission: 'offers',
    body: CodesImport,
    responses: { 200: CodesImportResult },
  }),
  offerFunnel: route({
    method: 'GET',
    path: '/v1/communities/{community}/host/offers/{offer}/funnel',
    auth: 'host',
    permission: 'insights',
    responses: { 200: OfferFunnel },
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
