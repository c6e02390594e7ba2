export * from './contract.js';
export * from './routes.js';
export { routeDocs, type RouteDoc } from './route-docs.js';
export * from './errors.js';
export type * from './api.js';
export {
  createClient,
  type ClientOptions,
  type CercleClient,
  type JsonRouteName,
  type RequestOptions,
  type RouteResult,
} from './http.js';
export type { StreamOptions } from './sse.js';
