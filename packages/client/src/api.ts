/**
 * The operations widgets depend on. The HTTP client (`createClient`) is the default
 * implementation; a brand whose backend speaks something else hands the widgets its own
 * implementation of this interface (an adapter) once per page. Implementations reject
 * with `CercleError` so widgets can show a clear message for each kind of failure.
 */
import type {
  Community,
  JoinRequest,
  JoinResponse,
  Me,
  MemberExport,
  MemberList,
} from './contract.js';

export interface CallOptions {
  /** Cancels the call; always wins over retries. */
  signal?: AbortSignal;
}

export interface MemberCallOptions extends CallOptions {
  /** The member token returned by `join`. */
  token: string;
}

export interface HostCallOptions extends CallOptions {
  /** The community's host key. */
  hostKey: string;
}

export interface JoinResult extends JoinResponse {
  /** True when the community was full and the member was put on the waitlist (202). */
  waitlisted: boolean;
}

export interface CercleApi {
  getCommunity(community: string, options?: CallOptions): Promise<Community>;
  join(
    community: string,
    body: JoinRequest,
    options?: CallOptions & { idempotencyKey?: string },
  ): Promise<JoinResult>;
  me(community: string, options: MemberCallOptions): Promise<Me>;
  exportMe(community: string, options: MemberCallOptions): Promise<MemberExport>;
  leave(community: string, options: MemberCallOptions): Promise<void>;
  listMembers(community: string, options: HostCallOptions): Promise<MemberList>;
}
