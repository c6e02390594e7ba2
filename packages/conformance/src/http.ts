/**
 * The suite's HTTP layer, over `fetch` only. Every answer is checked against the contract on
 * the way in: a 2xx must be a status the route table lists, with a body its schema accepts; any
 * other answer must be the error shape, with the status `ERROR_STATUS` gives its code. So every
 * check also checks the shape of everything it touches.
 *
 * An unexpected 429 is waited out (as `Retry-After` says, at most two minutes per request) and
 * the request sent again, with a note; a check that wants to see the 429 says so.
 */
import { ERROR_STATUS, ErrorBody, buildPath, type ErrorCode } from '@cercle/client';
import { allRoutes, type AnyRouteName } from '@cercle/client/admin';
import * as v from 'valibot';
import { fail, show } from './assert.js';

/** Every operation of the contract: the widgets' routes and the brand's side. */
export type RouteName = AnyRouteName;
type Routes = typeof allRoutes;
type Responses<N extends RouteName> = Routes[N]['responses'];

/** The body of a successful answer of route `N` (the union over its success statuses). */
export type Success<N extends RouteName> = {
  [S in keyof Responses<N>]: Responses<N>[S] extends v.GenericSchema
    ? v.InferOutput<Responses<N>[S]>
    : undefined;
}[keyof Responses<N>];

type ParamsOf<P extends string> = P extends `${string}{${infer K}}${infer Rest}`
  ? K | ParamsOf<Rest>
  : never;

/** The `{name}` parameters of route `N`'s path. */
export type PathParams<N extends RouteName> = Record<ParamsOf<Routes[N]['path']>, string>;

export interface Answer<T> {
  status: number;
  headers: Headers;
  /** The raw body text. */
  text: string;
  /** The body parsed as JSON, or undefined. */
  json: unknown;
  /** The validated body of a 2xx answer (meaningless otherwise). */
  data: T;
  /** The error of a non-2xx answer. */
  error: { code: string; message: string; details?: unknown } | undefined;
  /** `METHOD /path`, for messages. */
  label: string;
}

export interface RequestOptions {
  method?: string;
  query?: Readonly<Record<string, string | number | undefined>>;
  /** Sent as JSON with `Content-Type: application/json`. */
  json?: unknown;
  /** A raw body (sent as is, with `contentType`). */
  body?: string | Uint8Array<ArrayBuffer>;
  contentType?: string;
  /** Sent as `Authorization: Bearer <token>` (a member token, or a host's key). */
  token?: string;
  /**
   * Send the key of the owner of the community in the path (`{community}`): the key the
   * suite got when it created that community. Only with `call` (it knows the path's params).
   */
  host?: boolean;
  /** Send the operator key (the key the suite was given): creating communities, inviting. */
  operator?: boolean;
  headers?: Readonly<Record<string, string>>;
  /** The check wants to see a 429: do not wait it out. */
  expectRateLimit?: boolean;
  /** Skip the error-shape check (e.g. a refused CORS preflight). */
  anyShape?: boolean;
}

/** The longest the suite waits out rate limits for one request. */
export const MAX_RATE_LIMIT_WAIT_MS = 120_000;
/** Each attempt's time limit. */
export const REQUEST_TIMEOUT_MS = 15_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `Retry-After` (seconds or an HTTP date) in milliseconds, or undefined. */
export function retryAfterMs(header: string | null): number | undefined {
  if (header === null) return undefined;
  if (/^\s*\d+\s*$/.test(header)) return Number(header) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

const isCode = (code: string): code is ErrorCode => Object.hasOwn(ERROR_STATUS, code);

const issuesText = (issues: readonly v.BaseIssue<unknown>[]) =>
  issues
    .slice(0, 5)
    .map((issue) => `${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`)
    .join('; ');

export class Http {
  readonly #fetch: typeof fetch;
  /** Requests sent (attempts included). */
  requests = 0;

  /** The owner's key of each community the suite created, by slug. */
  readonly ownerKeys = new Map<string, string>();

  constructor(
    readonly baseUrl: string,
    readonly operatorKey: string,
    fetchImpl: typeof fetch | undefined,
    private readonly note: (message: string) => void,
  ) {
    this.#fetch = fetchImpl ?? ((input, init) => globalThis.fetch(input, init));
  }

  /**
   * `options` with `host` turned into the owner's key of `community` (a failure when the
   * suite did not create it: a check that wants a key for another community sends `token`).
   */
  resolveHost(options: RequestOptions, community: string | undefined): RequestOptions {
    if (!options.host) return options;
    const key = community === undefined ? undefined : this.ownerKeys.get(community);
    if (key === undefined) {
      fail(
        `the suite has no owner key for ${community === undefined ? 'a path without a community' : `the community "${community}"`} (a check must create it first, or send a token)`,
      );
    }
    const { host: _, ...rest } = options;
    return { ...rest, token: key };
  }

  url(path: string, query?: RequestOptions['query']): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined) params.set(key, String(value));
    }
    const search = params.toString();
    return `${this.baseUrl.replace(/\/+$/, '')}${path}${search ? `?${search}` : ''}`;
  }

  headersFor(options: RequestOptions): Headers {
    const headers = new Headers(options.headers);
    if (options.host) fail('a host request needs the community of its path (use call)');
    const token = options.operator ? this.operatorKey : options.token;
    if (token !== undefined && !headers.has('authorization')) {
      headers.set('authorization', `Bearer ${token}`);
    }
    if (options.json !== undefined && !headers.has('content-type')) {
      headers.set('content-type', 'application/json');
    }
    if (options.contentType !== undefined) headers.set('content-type', options.contentType);
    return headers;
  }

  /**
   * Runs `attempt` until it is not a 429 (unless `expectRateLimit`), waiting as `Retry-After`
   * says, at most MAX_RATE_LIMIT_WAIT_MS in all, with a note each time.
   */
  async patiently(
    label: string,
    attempt: () => Promise<Response>,
    expectRateLimit = false,
  ): Promise<Response> {
    let waited = 0;
    for (;;) {
      this.requests++;
      const response = await attempt();
      if (response.status !== 429 || expectRateLimit) return response;
      const wait = (retryAfterMs(response.headers.get('retry-after')) ?? 5000) + 50;
      if (waited + wait > MAX_RATE_LIMIT_WAIT_MS) return response;
      await discard(response);
      this.note(
        `rate limited on ${label}: waiting ${Math.ceil(wait / 1000)} s (Retry-After) before sending it again`,
      );
      await sleep(wait);
      waited += wait;
    }
  }

  /** Sends a request to `path` (answer unread), waiting out unexpected 429s. */
  send(path: string, options: RequestOptions = {}): Promise<Response> {
    const method = options.method ?? 'GET';
    const body = options.json !== undefined ? JSON.stringify(options.json) : options.body;
    return this.patiently(
      `${method} ${path}`,
      () =>
        this.#fetch(this.url(path, options.query), {
          method,
          headers: this.headersFor(options),
          ...(body === undefined ? {} : { body }),
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
          redirect: 'manual',
        }),
      options.expectRateLimit === true,
    );
  }

  /** GET an absolute URL (a photo the backend named); the raw response, body unread. */
  fetchUrl(url: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.patiently(`GET ${url}`, () =>
      this.#fetch(url, { headers, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }),
    );
  }

  /** Opens a request whose body is read later (an event stream); `signal` ends it. */
  open(path: string, options: RequestOptions, signal: AbortSignal): Promise<Response> {
    return this.#fetch(this.url(path), { headers: this.headersFor(options), signal });
  }

  /** A request to any path; the body is read and, when not 2xx, checked for the error shape. */
  async request(path: string, options: RequestOptions = {}): Promise<Answer<unknown>> {
    const verb = options.method ?? ((options.json ?? options.body) !== undefined ? 'POST' : 'GET');
    const response = await this.send(path, { ...options, method: verb });
    return this.read(response, `${verb} ${path}`, options.anyShape === true);
  }

  /** Reads an answer and checks the error shape of a non-2xx. */
  async read(response: Response, label: string, anyShape = false): Promise<Answer<unknown>> {
    const text = await response.text();
    let json: unknown;
    if (text !== '') {
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
    }
    const answer: Answer<unknown> = {
      status: response.status,
      headers: response.headers,
      text,
      json,
      data: json,
      error: undefined,
      label,
    };
    if (response.status >= 200 && response.status < 300) return answer;
    const parsed = v.safeParse(ErrorBody, json);
    if (parsed.success) answer.error = parsed.output.error;
    if (anyShape) return answer;
    if (!parsed.success) {
      fail(
        `${label} answered ${response.status} without the error shape {"error": {"code", "message", "details"?}}: ${show(json ?? text)}`,
      );
    }
    const { code } = parsed.output.error;
    if (isCode(code) && ERROR_STATUS[code] !== response.status) {
      fail(
        `${label} answered ${response.status} with the code ${code}, which goes with ${ERROR_STATUS[code]}`,
      );
    }
    return answer;
  }

  /** A route of the contract: the path from the route table, the answer checked against it. */
  async call<N extends RouteName>(
    name: N,
    params: PathParams<N>,
    options: RequestOptions = {},
  ): Promise<Answer<Success<N>>> {
    const route = allRoutes[name];
    const values = params as Record<string, string>;
    const path = buildPath(route.path, values);
    const sent = this.resolveHost(options, values['community']);
    const response = await this.send(path, { ...sent, method: options.method ?? route.method });
    const answer = await this.read(response, `${route.method} ${path}`, options.anyShape === true);
    if (answer.status < 200 || answer.status >= 300) return answer as Answer<Success<N>>;
    const responses = route.responses as Readonly<Record<number, v.GenericSchema | null>>;
    if (!Object.hasOwn(responses, answer.status)) {
      fail(
        `${answer.label} answered ${answer.status}; the contract's ${name} answers ${Object.keys(responses).join(' or ')}`,
      );
    }
    const schema = responses[answer.status];
    if (schema) {
      const result = v.safeParse(schema, answer.json);
      if (!result.success) {
        fail(
          `${answer.label} answered ${answer.status} with a body the contract's ${name} schema refuses: ${issuesText(result.issues)} — ${show(answer.json ?? answer.text)}`,
        );
      }
      answer.data = result.output;
    } else if (answer.status === 204 && answer.text !== '') {
      fail(`${answer.label} answered 204 with a body: ${show(answer.text)}`);
    }
    return answer as Answer<Success<N>>;
  }
}

/**
 * Reads an answer we do not need to its end. Not `body.cancel()`: some fetch interceptors
 * (msw in Node) never settle a cancelled body, which would hang the check.
 */
export async function discard(response: Response): Promise<void> {
  await response.arrayBuffer().catch(() => undefined);
}
