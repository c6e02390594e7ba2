/**
 * `createClient`: the HTTP client with the full checks, every answer and event against the
 * contract's schemas (check.ts). For Node, tests, the conformance suite and any app that
 * wants them; the widgets use the lighter `createBrowserClient` (browser.ts).
 */
import { answerCheck, fullChecks } from './check.js';
import { openStream } from './sse.js';
import {
  createApi,
  requester,
  type CercleClient,
  type ClientOptions,
  type RouteTable,
  type TableRequestOptions,
  type TableResult,
} from './http.js';

export function createClient(options: ClientOptions): CercleClient {
  return createApi(options, fullChecks, openStream);
}

/**
 * The request function over a route table: the retries, timeouts, idempotency keys and
 * answer checks of `createClient`, for any table (`@cercle/client/admin` uses it).
 */
export function createRequester<T extends RouteTable>(
  options: ClientOptions,
  table: T,
): <N extends keyof T & string>(
  name: N,
  options?: TableRequestOptions<T, N>,
) => Promise<TableResult<T, N>> {
  return requester(options, table, answerCheck(table)) as never;
}
