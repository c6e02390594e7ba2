/**
 * Realtime: a session's Server-Sent Events, read with `fetch` streaming rather than
 * `EventSource` so the request can carry headers (`Authorization` for the host stream,
 * `Last-Event-ID` on the first connection too). Reconnects on its own with exponential
 * backoff and full jitter, resumes after the last delivered event, notices a dead
 * connection by the missing heartbeats, delivers each event once and in order, and hands
 * every event to the client's check (the contract's schemas, or the shape in the browser).
 */
import type { SubscribeOptions, Subscription } from './api.js';
import { SESSION_EVENT_TYPES, type SessionEventType } from './constants.js';
import type { LiveSession, Question, SessionEvent } from './contract.js';
import { CercleError } from './errors.js';

export interface StreamOptions {
  /**
   * Reconnect backoff base: reconnect n waits a random time in [0, base × 2ⁿ). A `retry:`
   * field from the server replaces it. Default 500 ms.
   */
  retryDelayMs?: number;
  /** Longest wait between reconnects. Default 15 000 ms. */
  maxRetryDelayMs?: number;
  /**
   * With no byte received for this long (the server pings every 15 s), the connection is
   * presumed dead and replaced. Default 45 000 ms.
   */
  heartbeatTimeoutMs?: number;
}

/**
 * Checks the parsed `data` of an event of a known type (`EVENT_DATA` in contract.ts): what
 * to deliver, or `undefined` when it breaks the contract.
 */
export type EventCheck = (type: Exclude<SessionEventType, 'resync'>, data: unknown) => unknown;

/** One dispatched message of an event stream. */
export interface SseMessage {
  /** The last event ID buffer: the `id` of this message, or of an earlier one. */
  id: string;
  /** The `event` field, `message` when absent. */
  event: string;
  data: string;
}

/**
 * A Server-Sent Events parser (WHATWG HTML, "Event stream interpretation"): feed it the
 * decoded text as it arrives, in chunks of any size. Lines end with CRLF, LF or CR;
 * `data` lines are joined with LF; comments (`:`) and unknown fields are ignored; an `id`
 * with NUL is ignored; `retry` is taken only when all digits. A message without data is
 * not dispatched. (The BOM is removed by `TextDecoder`.)
 */
export function sseParser(
  onMessage: (message: SseMessage) => void,
  onRetry: (ms: number) => void = () => {},
): (chunk: string) => void {
  let rest = '';
  let skipLf = false;
  let id = '';
  let event = '';
  let data = '';
  const line = (text: string) => {
    if (text === '') {
      if (data) onMessage({ id, event: event || 'message', data: data.slice(0, -1) });
      data = event = '';
      return;
    }
    const colon = text.indexOf(':');
    if (colon === 0) return;
    const field = colon < 0 ? text : text.slice(0, colon);
    const value = colon < 0 ? '' : text.slice(text[colon + 1] === ' ' ? colon + 2 : colon + 1);
    if (field === 'data') data += `${value}\n`;
    else if (field === 'event') event = value;
    else if (field === 'id' && !value.includes('\0')) id = value;
    else if (field === 'retry' && /^\d+$/.test(value)) onRetry(Number(value));
  };
  return (chunk) => {
    if (!chunk) return;
    // A CR ended the previous chunk: an LF opening this one belongs to it.
    if (skipLf && chunk[0] === '\n') chunk = chunk.slice(1);
    rest += chunk;
    skipLf = rest.endsWith('\r');
    const lines = rest.split(/\r\n?|\n/);
    rest = lines.pop()!;
    lines.forEach(line);
  };
}

/** Whether event `id` comes after `last`: as integers when both are, else when it differs. */
const isNewer = (id: string, last: string | undefined) =>
  last === undefined ||
  (/^\d+$/.test(id) && /^\d+$/.test(last) ? BigInt(id) > BigInt(last) : id !== last);

/** The typed event; `null` for a type this client does not know, `undefined` when invalid. */
function toEvent(
  check: EventCheck,
  type: string,
  id: string,
  data: string,
): SessionEvent | null | undefined {
  if (type === 'resync') return { type, id };
  if (!SESSION_EVENT_TYPES.includes(type as SessionEventType)) return null;
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return undefined;
  }
  const output = check(type as Exclude<SessionEventType, 'resync'>, json);
  if (output === undefined) return undefined;
  if (type === 'question.removed') return { type, id, questionId: (output as { id: string }).id };
  if (type === 'session.updated') return { type, id, session: output as LiveSession };
  return { type: type as 'question.created', id, question: output as Question };
}

/** What `createClient` hands a stream: where it is and how to turn an answer into an error. */
export interface StreamTarget {
  fetch: typeof fetch;
  url: string;
  /** `GET <path>`, for error messages. */
  what: string;
  /** Extra headers and `Authorization`. */
  headers: Headers;
  /** The `http` error of a non-2xx answer. */
  httpError(response: Response, text: string): CercleError;
  /** Checks each event's data. */
  check: EventCheck;
  options?: StreamOptions;
}

// Worth retrying: the backend may come back. Anything else (401, 403, 404…) is final.
const RETRY_STATUSES = [408, 425, 429, 500, 502, 503, 504];

/**
 * Opens the stream and keeps it open until `close()` or a final error (`closed`, with the
 * error). States: `connecting` (first connection), `open`, `reconnecting` (with the wait
 * and its cause), `closed`. Nothing is called back after `close()`.
 */
export function openStream(target: StreamTarget, o: SubscribeOptions): Subscription {
  const {
    retryDelayMs = 500,
    maxRetryDelayMs = 15_000,
    heartbeatTimeoutMs = 45_000,
  } = target.options ?? {};
  const { what } = target;
  let last = o.lastEventId;
  let base = retryDelayMs;
  let attempt = 0;
  let closed = false;
  let controller: AbortController | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let watchdog: ReturnType<typeof setTimeout> | undefined;

  const state: NonNullable<SubscribeOptions['onState']> = (s, info) => {
    if (!closed) o.onState?.(s, info);
  };
  const deliver = (event: SessionEvent) => {
    if (closed) return;
    try {
      o.onEvent(event);
    } catch (error) {
      // A failing consumer must not break the stream: report the error, go on.
      queueMicrotask(() => {
        throw error;
      });
    }
  };
  const stop = () => {
    closed = true;
    controller?.abort();
    clearTimeout(retryTimer);
    clearTimeout(watchdog);
    if (typeof removeEventListener === 'function') {
      removeEventListener('online', online);
      removeEventListener('offline', offline);
    }
  };
  // Browsers: reconnect as soon as the network is back; drop the connection when it leaves.
  const online = () => {
    if (retryTimer === undefined) return;
    clearTimeout(retryTimer);
    void connect();
  };
  const offline = () => controller?.abort(new CercleError('network', `${what}: offline`));

  const retry = (error: CercleError) => {
    const ceiling = Math.max(maxRetryDelayMs, base);
    const backoff = Math.random() * Math.min(ceiling, base * 2 ** attempt++);
    const retryInMs = Math.floor(Math.max(backoff, error.retryAfterMs ?? 0));
    retryTimer = setTimeout(connect, retryInMs);
    state('reconnecting', { retryInMs, error }); // which may close()
  };

  async function connect() {
    retryTimer = undefined;
    const c = (controller = new AbortController());
    const arm = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(
        () =>
          c.abort(
            new CercleError('timeout', `${what}: nothing received in ${heartbeatTimeoutMs} ms`),
          ),
        heartbeatTimeoutMs,
      );
    };
    const headers = new Headers(target.headers);
    headers.set('accept', 'text/event-stream');
    if (last) headers.set('last-event-id', last);
    arm();
    try {
      const res = await target.fetch(target.url, { headers, signal: c.signal });
      if (!res.ok) throw target.httpError(res, await res.text());
      if (!res.body || !res.headers.get('content-type')?.startsWith('text/event-stream')) {
        throw new CercleError('invalid_response', `${what}: the answer is not an event stream`, {
          status: res.status,
        });
      }
      state('open');
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      const parse = sseParser(
        ({ id, event, data }) => {
          if (closed || !isNewer(id, last)) return;
          const typed = toEvent(target.check, event, id, data);
          if (id) last = id;
          // An event that breaks the contract is skipped; the consumer reloads instead.
          if (typed !== null) deliver(typed ?? { type: 'resync', id });
        },
        (ms) => (base = ms),
      );
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        arm();
        attempt = 0;
        parse(decoder.decode(value, { stream: true }));
        if (closed) return;
      }
      throw new CercleError('network', `${what}: the stream ended`);
    } catch (e) {
      clearTimeout(watchdog);
      c.abort();
      if (closed) return;
      const reason: unknown = c.signal.reason;
      const error =
        e instanceof CercleError
          ? e
          : reason instanceof CercleError
            ? reason
            : new CercleError('network', `${what}: ${(e as Error).message}`, { cause: e });
      const final =
        error.kind === 'invalid_response' ||
        (error.kind === 'http' && !RETRY_STATUSES.includes(error.status!));
      if (final) {
        state('closed', { error });
        stop();
      } else retry(error);
    }
  }

  if (typeof addEventListener === 'function') {
    addEventListener('online', online);
    addEventListener('offline', offline);
  }
  // Started in a microtask so that `onState` is never called before `subscribe` returns.
  queueMicrotask(() => {
    state('connecting');
    if (!closed) void connect();
  });

  return {
    get lastEventId() {
      return last;
    },
    close: stop,
  };
}
