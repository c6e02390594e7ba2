/**
 * The operations widgets depend on. The HTTP client (`createClient`) is the default
 * implementation; a brand whose backend speaks something else hands the widgets its own
 * implementation of this interface (an adapter) once per page. Implementations reject
 * with `CercleError` so widgets can show a clear message for each kind of failure.
 */
import type {
  AskRequest,
  OfferReveal,
  OfferTeaser,
  OwnTestimonial,
  OwnTestimonialList,
  PhotoUpload,
  TestimonialPage,
  TestimonialRequest,
  TestimonialSort,
  Community,
  JoinRequest,
  JoinResponse,
  LiveSession,
  Me,
  MemberExport,
  MemberList,
  Question,
  QuestionPage,
  QuestionSort,
  ReportReceipt,
  ReportRequest,
  SessionEvent,
  VoteResult,
} from './contract.js';
import type { CercleError } from './errors.js';

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

export interface QuestionListOptions extends CallOptions {
  sort?: QuestionSort;
  cursor?: string;
  /** 1–200, default 50. */
  limit?: number;
  /** With a member token, `votedByMe` and `mine` are filled in. */
  token?: string;
}

export interface TestimonialListOptions extends CallOptions {
  sort?: TestimonialSort;
  cursor?: string;
  /** 1–50, default 12. */
  limit?: number;
  tag?: string;
  /** 1–5. */
  minRating?: number;
}

/** Where a subscription stands; widgets show `reconnecting` calmly and `offline` plainly. */
export type StreamState = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface SubscribeOptions {
  /** Resume after this event (e.g. `lastEventId` of the page the widget shows). */
  lastEventId?: string;
  /** Subscribe to the host stream (pending and hidden questions too). */
  hostKey?: string;
  /**
   * Every event, in order, each once. `resync` means the gap since `lastEventId` is too old:
   * reload the list, then keep going (the subscription stays open).
   */
  onEvent(event: SessionEvent): void;
  /** The connection's state; `retryInMs` while reconnecting, `error` that caused it. */
  onState?(state: StreamState, info?: { retryInMs?: number; error?: CercleError }): void;
}

export interface Subscription {
  /** The id of the last event delivered. */
  readonly lastEventId: string | undefined;
  /** Stops for good: closes the connection and cancels any pending reconnect. */
  close(): void;
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

  getSession(community: string, session: string, options?: CallOptions): Promise<LiveSession>;
  listQuestions(
    community: string,
    session: string,
    options?: QuestionListOptions,
  ): Promise<QuestionPage>;
  ask(
    community: string,
    session: string,
    body: AskRequest,
    options: MemberCallOptions & { idempotencyKey?: string },
  ): Promise<Question>;
  vote(
    community: string,
    session: string,
    question: string,
    options: MemberCallOptions,
  ): Promise<VoteResult>;
  unvote(
    community: string,
    session: string,
    question: string,
    options: MemberCallOptions,
  ): Promise<VoteResult>;
  /** Live changes of a session (Server-Sent Events), reconnecting on its own. */
  subscribe(community: string, session: string, options: SubscribeOptions): Subscription;

  /** Reports a question or testimonial to the host (notice and action). */
  report(
    community: string,
    body: ReportRequest,
    options?: CallOptions & { token?: string; idempotencyKey?: string },
  ): Promise<ReportReceipt>;

  /** A page of approved testimonials, with the wall's count and average. */
  listTestimonials(community: string, options?: TestimonialListOptions): Promise<TestimonialPage>;
  /** Uploads a photo (JPEG, PNG or WebP, at most 2 MB) to attach to a testimonial. */
  uploadPhoto(
    community: string,
    photo: Blob,
    options: MemberCallOptions & { idempotencyKey?: string },
  ): Promise<PhotoUpload>;
  submitTestimonial(
    community: string,
    body: TestimonialRequest,
    options: MemberCallOptions & { idempotencyKey?: string },
  ): Promise<OwnTestimonial>;
  /** The member's own testimonials in every state (refusals carry the statement of reasons). */
  myTestimonials(community: string, options: MemberCallOptions): Promise<OwnTestimonialList>;
  /** Deletes the member's testimonial everywhere. */
  withdrawTestimonial(
    community: string,
    testimonial: string,
    options: MemberCallOptions,
  ): Promise<void>;

  /** The public teaser of an offer; with a token, `revealedByMe` is filled in. */
  getOffer(
    community: string,
    offer: string,
    options?: CallOptions & { token?: string },
  ): Promise<OfferTeaser>;
  /** The member's code (the same on every call). */
  revealOffer(community: string, offer: string, options: MemberCallOptions): Promise<OfferReveal>;
  /** Counts a copy of the member's code in the funnel. */
  copyOffer(community: string, offer: string, options: MemberCallOptions): Promise<void>;
}
