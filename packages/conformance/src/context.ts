/**
 * What a check gets: the HTTP layer, the shared fixtures, event streams that close themselves
 * when the check ends, and a place for notes. One context serves a whole run; checks run one
 * after the other.
 */
import { buildPath, routes } from '@cercle/client';
import { CheckFailure, fail } from './assert.js';
import { Fixtures } from './fixtures.js';
import {
  Http,
  MAX_RATE_LIMIT_WAIT_MS,
  REQUEST_TIMEOUT_MS,
  type PathParams,
  type RequestOptions,
} from './http.js';
import { readEvents, type EventStream } from './sse.js';
import type { Check, CheckResult, Target } from './types.js';

/** A check's time limit (above the longest rate-limit wait of one request). */
export const CHECK_TIMEOUT_MS = MAX_RATE_LIMIT_WAIT_MS + 60_000;

export interface StreamOptions {
  token?: string;
  /** With the key of the community's owner. */
  host?: boolean;
  lastEventId?: string;
  headers?: Record<string, string>;
}

/** A random lowercase word, from the platform's CSPRNG. */
export function randomWord(length = 8): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

function reason(error: unknown): string {
  if (error instanceof CheckFailure) return error.message;
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return `${error.name}: ${error.message}${cause}`;
  }
  return String(error);
}

export class Context {
  readonly http: Http;
  readonly fx: Fixtures;
  /** A random word of this run, part of every slug the suite creates. */
  readonly run = randomWord(6);
  #defers: (() => void | Promise<void>)[] = [];
  #notes: string[] = [];

  constructor(
    readonly target: Target,
    private readonly onNote: (note: string) => void = () => {},
  ) {
    this.http = new Http(target.url, target.hostKey, target.fetch, (note) => this.note(note));
    this.fx = new Fixtures(this);
  }

  /** The key the suite was given: the backend's operator key (creates communities). */
  get operatorKey(): string {
    return this.target.hostKey;
  }

  note(message: string): void {
    this.#notes.push(message);
    this.onNote(message);
  }

  /** Runs `fn` when the current check ends, passed or failed. */
  defer(fn: () => void | Promise<void>): void {
    this.#defers.push(fn);
  }

  call: Http['call'] = (name, params, options) => this.http.call(name, params, options);

  request: Http['request'] = (path, options) => this.http.request(path, options);

  /**
   * Opens an event stream of `name` and expects a 200 `text/event-stream`; the stream is
   * closed when the check ends.
   */
  async events(
    name: 'sessionEvents' | 'hostSessionEvents',
    params: PathParams<'sessionEvents'>,
    options: StreamOptions = {},
  ): Promise<EventStream> {
    const path = buildPath(routes[name].path, params);
    const headers: Record<string, string> = { accept: 'text/event-stream', ...options.headers };
    if (options.lastEventId !== undefined) headers['last-event-id'] = options.lastEventId;
    const request: RequestOptions = this.http.resolveHost(
      {
        headers,
        ...(options.host ? { host: true } : {}),
        ...(options.token === undefined ? {} : { token: options.token }),
      },
      (params as Record<string, string>)['community'],
    );
    let abort = new AbortController();
    const response = await this.http.patiently(`GET ${path}`, async () => {
      abort = new AbortController();
      const attempt = abort;
      this.defer(() => attempt.abort());
      const timer = setTimeout(() => attempt.abort(), REQUEST_TIMEOUT_MS);
      try {
        return await this.http.open(path, request, attempt.signal);
      } finally {
        clearTimeout(timer);
      }
    });
    if (response.status !== 200) {
      const answer = await this.http.read(response, `GET ${path}`);
      fail(`GET ${path} should open an event stream (200), got ${answer.status} ${answer.text}`);
    }
    const type = response.headers.get('content-type') ?? '';
    if (!/^text\/event-stream\b/i.test(type)) {
      abort.abort();
      fail(`GET ${path} answered Content-Type "${type}", not text/event-stream`);
    }
    return readEvents(response, abort);
  }

  /** Runs one check: its result, with the time it took and any notes. */
  async runCheck(check: Check): Promise<CheckResult> {
    const started = performance.now();
    this.#notes = [];
    this.#defers = [];
    let error: string | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      await Promise.race([
        check.run(this),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () =>
              reject(new CheckFailure(`the check took longer than ${CHECK_TIMEOUT_MS / 1000} s`)),
            CHECK_TIMEOUT_MS,
          );
        }),
      ]);
    } catch (e) {
      error = reason(e);
    } finally {
      clearTimeout(timer);
      for (const fn of this.#defers.splice(0).reverse()) {
        try {
          await fn();
        } catch {
          // Clean-up is best effort.
        }
      }
    }
    const result: CheckResult = {
      id: check.id,
      title: check.title,
      ok: error === undefined,
      ms: Math.round(performance.now() - started),
    };
    if (error !== undefined) result.error = error;
    if (this.#notes.length > 0) result.notes = [...this.#notes];
    return result;
  }
}
