/**
 * Server-Sent Events read with `fetch` and a small parser (the WHATWG event-stream format:
 * `field: value` lines, a blank line ends an event, `:` starts a comment). Every wait has a
 * time limit, so a backend that never sends fails the check instead of hanging it, and every
 * stream is closed when its check ends.
 */
import { fail, show } from './assert.js';

export interface SseEvent {
  /** The `id:` field of this event, if it had one. */
  id: string | undefined;
  /** The `event:` field (`message` when absent). */
  type: string;
  data: string;
  /** `data` parsed as JSON, or undefined. */
  json: unknown;
}

/** How long the suite waits for an event it expects. */
export const EVENT_TIMEOUT_MS = 5000;

/** Parses an event stream incrementally. */
export class SseParser {
  #buffer = '';
  #id: string | undefined;
  #type = '';
  #data: string[] = [];
  #hasData = false;

  /** Feeds text; returns the events it completed. */
  push(text: string): SseEvent[] {
    this.#buffer += text;
    const events: SseEvent[] = [];
    for (;;) {
      const match = /\r\n|\r|\n/.exec(this.#buffer);
      if (!match) break;
      // A lone \r at the very end may be the first half of \r\n: wait for more.
      if (match[0] === '\r' && match.index === this.#buffer.length - 1) break;
      const line = this.#buffer.slice(0, match.index);
      this.#buffer = this.#buffer.slice(match.index + match[0].length);
      const event = this.#line(line);
      if (event) events.push(event);
    }
    return events;
  }

  #line(line: string): SseEvent | undefined {
    if (line === '') {
      if (!this.#hasData && this.#type === '' && this.#id === undefined) return undefined;
      const data = this.#data.join('\n');
      let json: unknown;
      try {
        json = JSON.parse(data);
      } catch {
        json = undefined;
      }
      const event: SseEvent = { id: this.#id, type: this.#type || 'message', data, json };
      this.#id = undefined;
      this.#type = '';
      this.#data = [];
      this.#hasData = false;
      return event;
    }
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') {
      this.#data.push(value);
      this.#hasData = true;
    } else if (field === 'event') {
      this.#type = value;
    } else if (field === 'id' && !value.includes('\0')) {
      this.#id = value;
    }
    return undefined;
  }
}

export interface EventStream {
  status: number;
  headers: Headers;
  /** Every event received so far, in order. */
  received: SseEvent[];
  /** The next event, waiting at most `timeoutMs`. */
  next(timeoutMs?: number): Promise<SseEvent>;
  /** Skips events until one matches; `what` names it in the failure message. */
  waitFor(what: string, match: (event: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>;
  close(): void;
}

/** Reads `response`'s body as an event stream; `abort` ends it. */
export function readEvents(response: Response, abort: AbortController): EventStream {
  const received: SseEvent[] = [];
  const parser = new SseParser();
  let cursor = 0;
  let ended: string | undefined;
  let wake: (() => void) | undefined;

  void (async () => {
    const body = response.body;
    if (!body) {
      ended = 'the answer has no body';
      return;
    }
    const reader = body.getReader();
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        received.push(...parser.push(decoder.decode(value, { stream: true })));
        wake?.();
      }
      ended = 'the backend ended the event stream';
    } catch {
      ended = 'the event stream was closed';
    } finally {
      wake?.();
    }
  })();

  async function next(timeoutMs = EVENT_TIMEOUT_MS): Promise<SseEvent> {
    const deadline = Date.now() + timeoutMs;
    while (cursor >= received.length) {
      if (ended !== undefined) fail(`waited for an event, but ${ended}`);
      const left = deadline - Date.now();
      if (left <= 0) fail(`no event arrived within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
    return received[cursor++] as SseEvent;
  }

  async function waitFor(
    what: string,
    match: (event: SseEvent) => boolean,
    timeoutMs = EVENT_TIMEOUT_MS,
  ): Promise<SseEvent> {
    const deadline = Date.now() + timeoutMs;
    const skipped: string[] = [];
    for (;;) {
      const left = deadline - Date.now();
      let event: SseEvent;
      try {
        event = await next(Math.max(1, left));
      } catch (error) {
        const seen = skipped.length ? `; it saw only ${skipped.join(', ')}` : '';
        fail(`${what} did not arrive within ${timeoutMs} ms (${(error as Error).message})${seen}`);
      }
      if (match(event)) return event;
      skipped.push(`${event.type} ${show(event.json ?? event.data, 80)}`);
    }
  }

  return {
    status: response.status,
    headers: response.headers,
    received,
    next,
    waitFor,
    close: () => abort.abort(),
  };
}
