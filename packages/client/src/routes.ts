/**
 * The contract's operations: method, path, who may call, what goes in and what comes
 * out. The HTTP client builds its requests and checks its answers from this table, the
 * reference server and the mock take their paths and request schemas from it, and
 * `scripts/openapi.ts` turns it into `docs/openapi.json`.
 */
import type * as v from 'valibot';
import {
  Community,
  Health,
  JoinRequest,
  JoinResponse,
  Me,
  MemberExport,
  MemberList,
} from './contract.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnySchema = v.GenericSchema<any, any>;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** `none`: anyone; `member`: a member token; `host`: the community's host key. */
export type Auth = 'none' | 'member' | 'host';

export interface Route {
  readonly method: HttpMethod;
  /** Path under the API base, with `{name}` parameters. */
  readonly path: string;
  readonly summary: string;
  readonly auth: Auth;
  readonly body?: AnySchema;
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
