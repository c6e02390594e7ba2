/**
 * What a request to each operation of the contract needs, without its schemas: method,
 * path, who may call, the success statuses, and whether it streams, uploads or answers
 * bytes. The browser client builds its requests from this table alone; `routes.ts` attaches
 * the schemas (body, query, answer) to the same names for the full client, the reference
 * server, the mock, the conformance suite and `docs/openapi.json`.
 */
import { PHOTO_TYPES, type Permission } from './constants.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * `none`: anyone; `member`: a member token; `host`: the key of one of the community's hosts,
 * whose role grants the route's `permission`;
 * `operator`: the key of whoever runs the backend (creates communities);
 * `optional-member`: anyone, and a member token when sent personalises the answer
 * (`votedByMe`, `mine`) or attributes the request.
 */
export type Auth = 'none' | 'member' | 'host' | 'operator' | 'optional-member';

/** The facts of an operation that involve no schema. */
export interface OperationFacts {
  readonly method: HttpMethod;
  /** Path under the API base, with `{name}` parameters. */
  readonly path: string;
  readonly auth: Auth;
  /** For `host` routes: what the host's role must allow (ROLE_PERMISSIONS). */
  readonly permission?: Permission;
  /** For `host` routes: the operator key is accepted too. */
  readonly operator?: true;
  /** The answer is a Server-Sent Events stream (`text/event-stream`), not JSON. */
  readonly stream?: true;
  /** The request body is raw bytes of one of these media types (an upload), not JSON. */
  readonly upload?: readonly string[];
  /** The answer is raw bytes of these media types (an image), not JSON. */
  readonly produces?: readonly string[];
}

export interface Operation extends OperationFacts {
  /**
   * The success statuses. Each carries the operation's JSON answer, except 204 (no body)
   * and the answers of `stream` and `produces` operations, which are not JSON.
   */
  readonly ok: readonly number[];
}

export const operations = {
  health: { method: 'GET', path: '/v1/health', auth: 'none', ok: [200] },
  getCommunity: { method: 'GET', path: '/v1/communities/{community}', auth: 'none', ok: [200] },
  join: {
    method: 'POST',
    path: '/v1/communities/{community}/members',
    auth: 'none',
    ok: [201, 202],
  },
  listMembers: {
    method: 'GET',
    path: '/v1/communities/{community}/members',
    auth: 'host',
    permission: 'members',
    ok: [200],
  },
  me: { method: 'GET', path: '/v1/communities/{community}/members/me', auth: 'member', ok: [200] },
  exportMe: {
    method: 'GET',
    path: '/v1/communities/{community}/members/me/export',
    auth: 'member',
    ok: [200],
  },
  leave: {
    method: 'DELETE',
    path: '/v1/communities/{community}/members/me',
    auth: 'member',
    ok: [204],
  },

  // Live Q&A ------------------------------------------------------------------------------
  getSession: {
    method: 'GET',
    path: '/v1/communities/{community}/sessions/{session}',
    auth: 'none',
    ok: [200],
  },
  listQuestions: {
    method: 'GET',
    path: '/v1/communities/{community}/sessions/{session}/questions',
    auth: 'optional-member',
    ok: [200],
  },
  ask: {
    method: 'POST',
    path: '/v1/communities/{community}/sessions/{session}/questions',
    auth: 'member',
    ok: [201],
  },
  vote: {
    method: 'PUT',
    path: '/v1/communities/{community}/sessions/{session}/questions/{question}/vote',
    auth: 'member',
    ok: [200],
  },
  unvote: {
    method: 'DELETE',
    path: '/v1/communities/{community}/sessions/{session}/questions/{question}/vote',
    auth: 'member',
    ok: [200],
  },
  sessionEvents: {
    method: 'GET',
    path: '/v1/communities/{community}/sessions/{session}/events',
    auth: 'none',
    stream: true,
    ok: [200],
  },

  // Host of a live session ------------------------------------------------------------------
  hostQuestions: {
    method: 'GET',
    path: '/v1/communities/{community}/host/sessions/{session}/questions',
    auth: 'host',
    permission: 'moderate',
    ok: [200],
  },
  hostSessionEvents: {
    method: 'GET',
    path: '/v1/communities/{community}/host/sessions/{session}/events',
    auth: 'host',
    permission: 'moderate',
    stream: true,
    ok: [200],
  },
  updateQuestion: {
    method: 'PATCH',
    path: '/v1/communities/{community}/host/sessions/{session}/questions/{question}',
    auth: 'host',
    permission: 'moderate',
    ok: [200],
  },
  putSession: {
    method: 'PUT',
    path: '/v1/communities/{community}/host/sessions/{session}',
    auth: 'host',
    permission: 'sessions',
    ok: [200, 201],
  },
  updateSession: {
    method: 'PATCH',
    path: '/v1/communities/{community}/host/sessions/{session}',
    auth: 'host',
    permission: 'moderate',
    ok: [200],
  },

  // Reports (notice and action) -------------------------------------------------------------
  report: {
    method: 'POST',
    path: '/v1/communities/{community}/reports',
    auth: 'optional-member',
    ok: [202],
  },
  listReports: {
    method: 'GET',
    path: '/v1/communities/{community}/host/reports',
    auth: 'host',
    permission: 'moderate',
    ok: [200],
  },
  decideReport: {
    method: 'POST',
    path: '/v1/communities/{community}/host/reports/{report}/decision',
    auth: 'host',
    permission: 'moderate',
    ok: [200],
  },

  // Testimonials (the wall) -----------------------------------------------------------------
  listTestimonials: {
    method: 'GET',
    path: '/v1/communities/{community}/testimonials',
    auth: 'none',
    ok: [200],
  },
  submitTestimonial: {
    method: 'POST',
    path: '/v1/communities/{community}/testimonials',
    auth: 'member',
    ok: [201],
  },
  myTestimonials: {
    method: 'GET',
    path: '/v1/communities/{community}/testimonials/mine',
    auth: 'member',
    ok: [200],
  },
  withdrawTestimonial: {
    method: 'DELETE',
    path: '/v1/communities/{community}/testimonials/{testimonial}',
    auth: 'member',
    ok: [204],
  },
  uploadPhoto: {
    method: 'POST',
    path: '/v1/communities/{community}/photos',
    auth: 'member',
    upload: PHOTO_TYPES,
    ok: [201],
  },
  getPhoto: {
    method: 'GET',
    path: '/v1/photos/{photo}',
    auth: 'none',
    produces: PHOTO_TYPES,
    ok: [200],
  },

  // Host of the wall ------------------------------------------------------------------------
  hostTestimonials: {
    method: 'GET',
    path: '/v1/communities/{community}/host/testimonials',
    auth: 'host',
    permission: 'moderate',
    ok: [200],
  },
  moderateTestimonial: {
    method: 'PATCH',
    path: '/v1/communities/{community}/host/testimonials/{testimonial}',
    auth: 'host',
    permission: 'moderate',
    ok: [200],
  },
  wallSettings: {
    method: 'PATCH',
    path: '/v1/communities/{community}/host/wall',
    auth: 'host',
    permission: 'settings',
    ok: [200],
  },

  // Offers (community-only promo codes) -----------------------------------------------------
  getOffer: {
    method: 'GET',
    path: '/v1/communities/{community}/offers/{offer}',
    auth: 'optional-member',
    ok: [200],
  },
  revealOffer: {
    method: 'POST',
    path: '/v1/communities/{community}/offers/{offer}/reveal',
    auth: 'member',
    ok: [200],
  },
  copyOffer: {
    method: 'POST',
    path: '/v1/communities/{community}/offers/{offer}/copies',
    auth: 'member',
    ok: [204],
  },
  reportRedemption: {
    method: 'POST',
    path: '/v1/communities/{community}/offers/{offer}/redemptions',
    auth: 'host',
    permission: 'offers',
    ok: [201, 200],
  },
  putOffer: {
    method: 'PUT',
    path: '/v1/communities/{community}/host/offers/{offer}',
    auth: 'host',
    permission: 'offers',
    ok: [200, 201],
  },
  importCodes: {
    method: 'POST',
    path: '/v1/communities/{community}/host/offers/{offer}/codes',
    auth: 'host',
    permission: 'offers',
    ok: [200],
  },
  offerFunnel: {
    method: 'GET',
    path: '/v1/communities/{community}/host/offers/{offer}/funnel',
    auth: 'host',
    permission: 'insights',
    ok: [200],
  },
} as const satisfies Record<string, Operation>;

export type OperationName = keyof typeof operations;

/** Fills `{name}` parameters, encoding each value. */
export function buildPath(path: string, params: Readonly<Record<string, string>>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new TypeError(`missing path parameter "${name}"`);
    return encodeURIComponent(value);
  });
}
