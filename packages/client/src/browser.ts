/**
 * `@cercle/client/browser`: the client the widgets ship, with no schema and no valibot. The
 * same request path as `createClient` (http.ts: timeouts, retries, idempotency keys, typed
 * errors), with a light check of what comes back: a listed success status, a JSON object
 * body (none for 204), events with a string `id`. Development builds pass `loadFullChecks`
 * to check against the contract's schemas instead, loaded at the first call. Also the
 * contract's plain values (limits, lists), `CercleError` and the types the widgets need.
 */
import type { CercleApi } from './api.js';
import {
  createApi,
  parseJson,
  type Checks,
  type ClientOptions,
  type StreamOpener,
} from './http.js';
import { CercleError } from './errors.js';
import { operations, type OperationName } from './operations.js';

// The plain values the widgets use (the rest: `@cercle/client/contract`, or add them here).
export {
  CONTRACT_VERSION,
  DISPLAY_NAME_MAX,
  NEXT_SESSION,
  PHOTO_MAX_BYTES,
  PHOTO_TYPES,
  QUESTION_MAX,
  REPORT_REASONS,
  TESTIMONIAL_MAX,
  TESTIMONIALS_PAGE_MAX,
} from './constants.js';
export {
  CercleError,
  isCercleError,
  type CercleErrorInit,
  type CercleErrorKind,
} from './errors.js';
export type * from './api.js';
export type * from './contract.js';
export type { ClientOptions } from './http.js';
export type { StreamOptions } from './sse.js';

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * The shape check: what a page can afford on every call. Every answer of the contract is a
 * JSON object and every event's data an object with an `id` (the client's tests hold the
 * schemas to it); the fields are not checked, and fields a newer backend adds are kept.
 */
export const shapeChecks: Checks = {
  answer(name, status, text) {
    if (!(operations[name as OperationName].ok as readonly number[]).includes(status)) {
      return { error: `unexpected status ${status}` };
    }
    if (status === 204) return { data: undefined };
    const json = parseJson(text);
    if (json === undefined) return { error: 'the body is not JSON' };
    return isObject(json) ? { data: json } : { error: 'the body is not a JSON object' };
  },
  event: (_, data) => (isObject(data) && typeof data.id === 'string' ? data : undefined),
};

export interface BrowserClientOptions extends ClientOptions {
  /**
   * Loads the full checks, `() => import('@cercle/client/check')`: every answer and event is
   * then checked against the contract's schemas, as by `createClient`. For development
   * builds (valibot and the schemas come with it); loaded at the first call.
   */
  loadFullChecks?: () => Promise<{ fullChecks: Checks }>;
}

/**
 * The event stream, loaded with the first `subscribe` (only the live Q&A streams): the
 * subscription is returned at once and connects when sse.ts has loaded; a chunk that cannot
 * load closes it with a `network` error, as a stream that cannot connect would.
 */
const lazyStream: StreamOpener = (target, o) => {
  let inner: ReturnType<StreamOpener> | undefined;
  let closed = false;
  import('./sse.js').then(
    ({ openStream }) => {
      if (!closed) inner = openStream(target, o);
    },
    (cause: unknown) => {
      if (closed) return;
      closed = true;
      const error = new CercleError('network', `${target.what}: could not load the stream`, {
        cause,
      });
      o.onState?.('closed', { error });
    },
  );
  return {
    get lastEventId() {
      return inner ? inner.lastEventId : o.lastEventId;
    },
    close() {
      closed = true;
      inner?.close();
    },
  };
};

/** The widgets' HTTP client: `createClient`'s calls with the shape check (or the full one). */
export function createBrowserClient({
  loadFullChecks,
  ...options
}: BrowserClientOptions): CercleApi {
  if (!loadFullChecks) return createApi(options, shapeChecks, lazyStream);
  let full: Checks | undefined;
  let loading: Promise<Checks> | undefined;
  const load = () => (loading ??= loadFullChecks().then((m) => (full = m.fullChecks)));
  return createApi(
    options,
    {
      answer: async (...args) => (await load()).answer(...args),
      // Events arrive after a first call has loaded the checks (the list before the stream).
      event: (type, data) => {
        void load();
        return (full ?? shapeChecks).event(type, data);
      },
    },
    lazyStream,
  );
}
