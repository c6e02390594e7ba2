/**
 * The contract's operations with their schemas: `operations.ts` (method, path, who may
 * call, success statuses) plus what goes in and what comes out, keyed by the same names.
 * The full HTTP client checks its answers against this table, the reference server and the
 * mock take their paths and request schemas from it, and `scripts/openapi.ts` turns it into
 * `docs/openapi.json`. The browser client does without it (`browser.ts`).
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
} from './contract.js';
import {
  operations,
  type Operation,
  type OperationFacts,
  type OperationName,
} from './operations.js';

export { buildPath, type Auth, type HttpMethod } from './operations.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnySchema = v.GenericSchema<any, any>;

/** What goes in and what comes out of an operation. */
interface RouteSchemas {
  readonly body?: AnySchema;
  /** Query string parameters (all strings on the wire). */
  readonly query?: AnySchema;
  /** The JSON answer of each of the operation's success statuses (none: no JSON body). */
  readonly answer?: AnySchema;
}

export interface Route extends OperationFacts {
  readonly body?: AnySchema;
  /** Query string parameters (all strings on the wire). */
  readonly query?: AnySchema;
  /** Success statuses and their body schema (`null`: no body). */
  readonly responses: Readonly<Record<number, AnySchema | null>>;
}

/** The schemas of each operation that has any, by its name in `operations`. */
const schemas = {
  health: { answer: Health },
  getCommunity: { answer: Community },
  join: { body: JoinRequest, answer: JoinResponse },
  listMembers: { answer: MemberList },
  me: { answer: Me },
  exportMe: { answer: MemberExport },

  // Live Q&A ------------------------------------------------------------------------------
  getSession: { answer: LiveSession },
  listQuestions: { query: QuestionQuery, answer: QuestionPage },
  ask: { body: AskRequest, answer: Question },
  vote: { answer: VoteResult },
  unvote: { answer: VoteResult },

  // Host of a live session ------------------------------------------------------------------
  hostQuestions: { answer: HostQuestionList },
  updateQuestion: { body: QuestionUpdate, answer: Question },
  putSession: { body: SessionInput, answer: LiveSession },
  updateSession: { body: SessionUpdate, answer: LiveSession },

  // Reports (notice and action) -------------------------------------------------------------
  report: { body: ReportRequest, answer: ReportReceipt },
  listReports: { answer: ReportList },
  decideReport: { body: ReportDecisionRequest, answer: Report },

  // Testimonials (the wall) -----------------------------------------------------------------
  listTestimonials: { query: TestimonialQuery, answer: TestimonialPage },
  submitTestimonial: { body: TestimonialRequest, answer: OwnTestimonial },
  myTestimonials: { answer: OwnTestimonialList },
  uploadPhoto: { answer: PhotoUpload },

  // Host of the wall ------------------------------------------------------------------------
  hostTestimonials: { query: HostTestimonialQuery, answer: OwnTestimonialList },
  moderateTestimonial: { body: TestimonialModeration, answer: OwnTestimonial },
  wallSettings: { body: WallSettingsUpdate, answer: WallSettings },

  // Offers (community-only promo codes) -----------------------------------------------------
  getOffer: { answer: OfferTeaser },
  revealOffer: { answer: OfferReveal },
  reportRedemption: { body: RedemptionRequest, answer: Redemption },
  putOffer: { body: OfferInput, answer: HostOffer },
  importCodes: { body: CodesImport, answer: CodesImportResult },
  offerFunnel: { answer: OfferFunnel },
} as const satisfies { readonly [N in OperationName]?: RouteSchemas };

type Ops = typeof operations;
type Schemas = {
  readonly [N in OperationName]: N extends keyof typeof schemas ? (typeof schemas)[N] : object;
};
type Answer<S> = S extends { answer: infer A } ? A : null;
/** An operation with its schemas attached: its facts, `body`, `query` and `responses`. */
type Attached<O extends Operation, S> = Omit<O, 'ok'> &
  Omit<S, 'answer'> & { readonly responses: { readonly [K in O['ok'][number]]: Answer<S> } };

/** Every operation of `operations.ts` with its schemas; the answer goes with each success status. */
export const routes = Object.fromEntries(
  Object.entries(operations).map(([name, { ok, ...facts }]) => {
    const { answer, ...io }: RouteSchemas =
      (schemas as Partial<Record<string, RouteSchemas>>)[name] ?? {};
    const responses = Object.fromEntries(ok.map((status) => [status, answer ?? null]));
    return [name, { ...facts, ...io, responses }];
  }),
) as unknown as { readonly [N in OperationName]: Attached<Ops[N], Schemas[N]> };

export type RouteName = OperationName;
