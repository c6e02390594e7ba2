export * from './contract.js';
export * from './routes.js';
export {
  operations,
  type Operation,
  type OperationFacts,
  type OperationName,
} from './operations.js';
export * from './errors.js';
export type * from './api.js';
export { createClient, createRequester } from './client.js';
export type {
  AnswerCheck,
  Checks,
  ClientOptions,
  CercleClient,
  JsonRouteName,
  RequestOptions,
  RouteResult,
  Verdict,
} from './http.js';
export type { EventCheck, StreamOptions } from './sse.js';
