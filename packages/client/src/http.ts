/**
 * The HTTP client's one request path, shared by `createClient` (client.ts) and
 * `createBrowserClient` (browser.ts): the default `CercleApi` implementation, a small `fetch`
 * wrapper driven by the operations table. Per-attempt timeout, the caller's `AbortSignal`
 * always wins, retries with exponential backoff and full jitter (honouring `Retry-After`),
 * an `Idempotency-Key` on every POST (reused across its retries), every 2xx body handed to
 * the client's answer check, and every failure a `CercleError`. No schema here: the checks
 * are injected (`Checks`), so the browser client does without valibot. Nothing runs at
 * import time; the global `fetch` is looked up at call time, so it works in browsers, Node
 * 20+ and under msw. The realtime stream (`subscribe`) lives in `sse.ts`.
 */
import type * as v from 'valibot';
import type { CallOptions, CercleApi } from './api.js';
import { ERROR_STATUS, type ErrorCode } from './constants.js';
import type { ErrorBody, Health } from './contract.js';
import { CercleError } from './errors.js';
import { buildPath, operations, type HttpMethod } from './operations.js';
import type { Route, RouteName, routes } from './routes.js';
import type { EventCheck, StreamOptions, StreamTarget } from './sse.js';
import type { SubscribeOptions, Subscription } from './api.js';

export interface ClientOptions {
  /** Where the backend lives, e.g. `https://api.example.com` (route paths start with `/v1`). */
  baseUrl: string;
  /** The `fetch` to use (tests, instrumentation). Default: the global one, looked up per call. */
  fetch?: typeof fetch;
  /** Time allowed for each attempt, answer and body included. Default 10 000 ms. */
  timeoutMs?: number;
  /** Attempts after the first one. Default 2. */
  retries?: number;
  /** Backoff base: retry n waits a random time in [0, base × 2ⁿ). Default 300 ms. */
  retryDelayMs?: number;
  /** Longest wait between attempts; a longer `Retry-After` is not waited for. Default 10 000 ms. */
  maxRetryDelayMs?: number;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
  /** Reconnect and heartbeat tuning of `subscribe`. */
  stream?: StreamOptions;
}

type Routes = typeof routes;
type Output<S> = S extends v.GenericSchema ? v.InferOutput<S> : undefined;

/** The routes answered with JSON; stream routes are read with `subscribe`, images by URL. */
export type JsonRouteName = {
  [N in RouteName]: Routes[N] extends { stream: true } | { produces: readonly string[] }
    ? never
    : N;
}[RouteName];

/** What `request` resolves with: one of the route's success statuses and its checked body. */
export type RouteResult<N extends RouteName> = {
  [S in keyof Routes[N]['responses'] & number]: {
    status: S;
    data: Output<Routes[N]['responses'][S]>;
  };
}[keyof Routes[N]['responses'] & number];

export interface RequestOptions<N extends RouteName = RouteName> extends CallOptions {
  /** Values of the route's `{name}` path parameters. */
  params?: Readonly<Record<string, string>>;
  /** The JSON body, for routes that take one. */
  body?: Routes[N] extends { body: infer B extends v.GenericSchema } ? v.InferInput<B> : never;
  /** Query string parameters, for routes that take them; `undefined` ones are left out. */
  query?: Routes[N] extends { query: infer Q extends v.GenericSchema } ? v.InferInput<Q> : never;
  /** The raw bytes of an upload route, sent with the Blob's own type as `Content-Type`. */
  blob?: Routes[N] extends { upload: readonly string[] } ? Blob : never;
  /** Member token (`Authorization: Bearer`); optional-member routes personalise with it. */
  token?: string;
  /** Host key (`Authorization: Bearer`), for host routes. */
  hostKey?: string;
  /** For POSTs: defaults to a fresh random key, reused across the retries of this call. */
  idempotencyKey?: string;
}

export interface CercleClient extends CercleApi {
  health(options?: CallOptions): Promise<Health>;
  /** Calls any JSON route of the table by name (the host routes, for instance). */
  request<N extends JsonRouteName>(name: N, options?: RequestOptions<N>): Promise<RouteResult<N>>;
}

type LooseOptions = Omit<RequestOptions, 'body' | 'query' | 'blob'> & {
  body?: unknown;
  /** Raw bytes for upload routes, sent with their own media type. */
  blob?: Blob;
  query?: Record<string, string | undefined>;
};

const RETRY_STATUSES = [408, 429, 500, 502, 503, 504];

/** The JSON in `text`, or `undefined` when it is not JSON. */
export const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** `Retry-After` in seconds or as an HTTP date, in milliseconds from now. */
const retryAfter = (header: string | null): number | undefined => {
  if (!header) return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
  return Number.isNaN(ms) ? undefined : Math.max(0, ms);
};

/** Resolves after `ms`, or at once when `signal` aborts (the next attempt then rejects). */
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done);
  });

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

/** `ErrorBody` by hand, so that reading an error needs no schema (a test holds it to it). */
export const isErrorBody = (x: unknown): x is ErrorBody =>
  isObject(x) &&
  isObject(x.error) &&
  typeof x.error.code === 'string' &&
  typeof x.error.message === 'string';

/** The `http` error of a non-2xx answer, its code from the body or else from the status. */
function httpError(what: string, res: Response, text: string): CercleError {
  const { status } = res;
  const json = parseJson(text);
  const sent = isErrorBody(json) ? json.error : undefined;
  return new CercleError('http', sent?.message ?? `${what} answered ${status}`, {
    status,
    code:
      sent?.code ??
      (Object.keys(ERROR_STATUS) as ErrorCode[]).find((c) => ERROR_STATUS[c] === status) ??
      (status >= 500 ? 'internal' : 'unknown'),
    details: sent?.details,
    retryAfterMs:
      status === 429 || status === 503 ? retryAfter(res.headers.get('retry-after')) : undefined,
  });
}

// A UUID where available (secure contexts), else 128 random bits in hex.
const newKey = () =>
  crypto.randomUUID?.() ??
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');

/** Any route table shaped like `routes` (the admin module adds the brand's side). */
export type RouteTable = Readonly<Record<string, Route>>;

/** What `request` resolves with, for a route of any table. */
export type TableResult<T extends RouteTable, N extends keyof T> = {
  [S in keyof T[N]['responses'] & number]: {
    status: S;
    data: Output<T[N]['responses'][S]>;
  };
}[keyof T[N]['responses'] & number];

/** Options of `request`, for a route of any table. */
export interface TableRequestOptions<T extends RouteTable, N extends keyof T> extends Omit<
  RequestOptions,
  'body' | 'query' | 'blob'
> {
  body?: T[N] extends { body: infer B extends v.GenericSchema } ? v.InferInput<B> : never;
  query?: T[N] extends { query: infer Q extends v.GenericSchema } ? v.InferInput<Q> : never;
  blob?: T[N] extends { upload: readonly string[] } ? Blob : never;
}

/** A 2xx answer's data, or why it breaks the contract (`error`, with `details`). */
export type Verdict = { data: unknown; error?: undefined } | { error: string; details?: unknown };

/**
 * Checks a 2xx answer of operation `name`: its status among the operation's, its body
 * (`text`) what the contract says. The full client checks against the schemas (check.ts),
 * the browser client the shape only (browser.ts).
 */
export type AnswerCheck = (
  name: string,
  status: number,
  text: string,
) => Verdict | Promise<Verdict>;

/** How a client checks what the backend sends: each 2xx answer and each stream event. */
export interface Checks {
  answer: AnswerCheck;
  event: EventCheck;
}

/** What a request needs of an operation: `operations`, `routes`, `allRoutes`. */
type Requests = Readonly<Record<string, { readonly method: HttpMethod; readonly path: string }>>;

/**
 * The request function over a table: retries, timeouts, idempotency keys, error mapping;
 * each 2xx answer goes through `check`.
 */
export function requester(options: ClientOptions, table: Requests, check: AnswerCheck) {
  const { timeoutMs = 10_000, retries = 2, retryDelayMs = 300, maxRetryDelayMs = 10_000 } = options;
  const base = options.baseUrl.replace(/\/+$/, '');
  const fetchFn: typeof fetch = options.fetch ?? ((input, init) => fetch(input, init));

  return async function request(name: string, o: LooseOptions = {}) {
    const route = table[name];
    if (!route) throw new TypeError(`no route named "${name}"`);
    const { method } = route;
    const { signal } = o;
    const what = `${method} ${route.path}`;
    const query = new URLSearchParams(
      Object.entries(o.query ?? {}).filter((e): e is [string, string] => e[1] !== undefined),
    ).toString();
    const url = base + buildPath(route.path, o.params ?? {}) + (query && `?${query}`);
    const headers = new Headers(options.headers);
    headers.set('accept', 'application/json');
    const auth = o.token ?? o.hostKey;
    if (auth) headers.set('authorization', `Bearer ${auth}`);
    const body = o.blob ?? (o.body === undefined ? undefined : JSON.stringify(o.body));
    if (o.blob) headers.set('content-type', o.blob.type || 'application/octet-stream');
    else if (body !== undefined) headers.set('content-type', 'application/json');
    // With its key, a POST is as safe to retry as GET, PUT and DELETE: the backend answers
    // a repeated key with the first answer. So every route of the table may be retried.
    if (method === 'POST') headers.set('idempotency-key', o.idempotencyKey ?? newKey());

    /** One attempt: the answer and its body, or a network / timeout / aborted error. */
    const send = async (): Promise<[Response, string]> => {
      if (signal?.aborted)
        throw new CercleError('aborted', `${what}: aborted`, { cause: signal.reason });
      const controller = new AbortController();
      const stop = () => controller.abort();
      const timer = setTimeout(stop, timeoutMs);
      signal?.addEventListener('abort', stop);
      // Settles on abort even with a `fetch` that ignores its signal.
      const aborted = new Promise<never>((_, reject) =>
        controller.signal.addEventListener('abort', () =>
          reject(new Error('aborted', { cause: controller.signal.reason })),
        ),
      );
      try {
        const res = await Promise.race([
          fetchFn(url, { method, headers, body, signal: controller.signal }),
          aborted,
        ]);
        return [res, await Promise.race([res.text(), aborted])];
      } catch (cause) {
        if (signal?.aborted) throw new CercleError('aborted', `${what}: aborted`, { cause });
        if (controller.signal.aborted) {
          throw new CercleError('timeout', `${what}: no answer within ${timeoutMs} ms`, { cause });
        }
        throw new CercleError('network', `${what}: ${(cause as Error).message}`, { cause });
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', stop);
      }
    };

    const invalid = (message: string, status: number, details?: unknown) =>
      new CercleError('invalid_response', `${what}: ${message}`, { status, details });

    for (let attempt = 0; ; attempt++) {
      let wait = Math.random() * Math.min(maxRetryDelayMs, retryDelayMs * 2 ** attempt);
      let error: CercleError;
      const got = await send().catch((e: CercleError) => e);
      if (got instanceof CercleError) {
        if (got.kind === 'aborted') throw got;
        error = got;
      } else {
        const [res, text] = got;
        const { status } = res;
        if (res.ok) {
          const verdict = await check(name, status, text);
          if (verdict.error !== undefined) throw invalid(verdict.error, status, verdict.details);
          return { status, data: verdict.data };
        }
        error = httpError(what, res, text);
        const after = error.retryAfterMs;
        // A Retry-After past the cap: give up now and let the caller say "come back later".
        if (!RETRY_STATUSES.includes(status) || (after ?? 0) > maxRetryDelayMs) throw error;
        if (after !== undefined) wait = after;
      }
      if (attempt >= retries) throw error;
      await sleep(wait, signal);
    }
  };
}

/** The client's operations over one request path and its checks. */
/** Opens a session's event stream (`openStream` of sse.ts, or a loader of it). */
export type StreamOpener = (target: StreamTarget, o: SubscribeOptions) => Subscription;

export function createApi(
  options: ClientOptions,
  checks: Checks,
  openStream: StreamOpener,
): CercleClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const fetchFn: typeof fetch = options.fetch ?? ((input, init) => fetch(input, init));
  const call = requester(options, operations, checks.answer) as unknown as CercleClient['request'];
  const data = async <N extends JsonRouteName>(name: N, o?: RequestOptions<N>) =>
    (await call(name, o)).data;

  return {
    request: call,
    health: (o) => data('health', o),
    getCommunity: (community, o) => data('getCommunity', { ...o, params: { community } }),
    join: async (community, body, o) => {
      const { status, data } = await call('join', { ...o, body, params: { community } });
      return { ...data, waitlisted: status === 202 };
    },
    me: (community, o) => data('me', { ...o, params: { community } }),
    exportMe: (community, o) => data('exportMe', { ...o, params: { community } }),
    leave: async (community, o) => {
      await call('leave', { ...o, params: { community } });
    },
    listMembers: (community, o) => data('listMembers', { ...o, params: { community } }),

    getSession: (community, session, o) =>
      data('getSession', { ...o, params: { community, session } }),
    listQuestions: (community, session, o = {}) => {
      const { sort, cursor, limit, ...rest } = o;
      return data('listQuestions', {
        ...rest,
        params: { community, session },
        query: { sort, cursor, limit: limit === undefined ? undefined : String(limit) },
      });
    },
    ask: (community, session, body, o) =>
      data('ask', { ...o, body, params: { community, session } }),
    vote: (community, session, question, o) =>
      data('vote', { ...o, params: { community, session, question } }),
    unvote: (community, session, question, o) =>
      data('unvote', { ...o, params: { community, session, question } }),
    report: (community, body, o) => data('report', { ...o, body, params: { community } }),

    listTestimonials: (community, o = {}) => {
      const { sort, cursor, limit, tag, minRating, ...rest } = o;
      const text = (n?: number) => (n === undefined ? undefined : String(n));
      return data('listTestimonials', {
        ...rest,
        params: { community },
        query: { sort, cursor, tag, limit: text(limit), minRating: text(minRating) },
      });
    },
    uploadPhoto: (community, blob, o) => data('uploadPhoto', { ...o, blob, params: { community } }),
    submitTestimonial: (community, body, o) =>
      data('submitTestimonial', { ...o, body, params: { community } }),
    myTestimonials: (community, o) => data('myTestimonials', { ...o, params: { community } }),
    withdrawTestimonial: async (community, testimonial, o) => {
      await call('withdrawTestimonial', { ...o, params: { community, testimonial } });
    },

    getOffer: (community, offer, o) => data('getOffer', { ...o, params: { community, offer } }),
    revealOffer: (community, offer, o) =>
      data('revealOffer', { ...o, params: { community, offer } }),
    copyOffer: async (community, offer, o) => {
      await call('copyOffer', { ...o, params: { community, offer } });
    },

    subscribe: (community, session, o) => {
      const route = operations[o.hostKey ? 'hostSessionEvents' : 'sessionEvents'];
      const headers = new Headers(options.headers);
      if (o.hostKey) headers.set('authorization', `Bearer ${o.hostKey}`);
      const what = `GET ${route.path}`;
      return openStream(
        {
          fetch: fetchFn,
          url: base + buildPath(route.path, { community, session }),
          what,
          headers,
          httpError: (res, text) => httpError(what, res, text),
          check: checks.event,
          options: options.stream,
        },
        o,
      );
    },
  };
}
