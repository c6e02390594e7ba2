/** Test helpers: a real server on 127.0.0.1 with a temporary database file. */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorBody } from '@cercle/client';
import { demoOwnerKey } from '@cercle/client/demo';
import {
  createServer,
  NO_RATE_LIMITS,
  seedCommunity,
  type CommunitySeed,
  type PostgresStore,
  type PostgresUrl,
  type RunningServer,
  type ServerOptions,
} from '@cercle/server';
import * as v from 'valibot';
import { expect, inject } from 'vitest';
import { createDatabase } from '../../../test/postgres/server.ts';

export const NO_LIMITS = NO_RATE_LIMITS;

export interface TestServer {
  server: RunningServer;
  url: string;
  /** The database file. */
  file: string;
  /** Every log line the server wrote. */
  lines: string[];
  stop(): Promise<void>;
}

const dirs: string[] = [];

/** Starts a server on a free port over a new temporary database file (rate limits off unless given). */
export async function startServer(options: Partial<ServerOptions> = {}): Promise<TestServer> {
  const dir = await mkdtemp(join(tmpdir(), 'cercle-server-test-'));
  dirs.push(dir);
  const file = options.db ?? join(dir, 'cercle.db');
  const lines: string[] = [];
  const server = await createServer({
    port: 0,
    rateLimits: NO_LIMITS,
    logger: (line) => lines.push(line),
    ...options,
    db: file,
  });
  return { server, url: server.url, file, lines, stop: () => server.close() };
}

/** Removes the temporary directories (call after the servers are stopped). */
export async function removeTempDirs(): Promise<void> {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/** Stops `t` and removes the temporary directories (an `afterEach`). */
export async function stopServer(t: TestServer): Promise<void> {
  await t.stop();
  await removeTempDirs();
}

/** The owner key of a community seeded by the tests (the demo's scheme: `demoOwnerKey`). */
export const ownerKey = demoOwnerKey;

/** The key of the owner of `atelier`, the community most tests use. */
export const HOST_KEY = ownerKey('atelier');

/** Seeds the community most tests use: `atelier`, consent version `v1`, plus `extra`; its owner holds HOST_KEY. */
export async function seedAtelier(
  t: TestServer,
  extra: Partial<CommunitySeed> = {},
): Promise<void> {
  await seedCommunity(
    t.server.store,
    { slug: 'atelier', name: 'Atelier', consentVersion: 'v1', ...extra },
    { ownerKey },
  );
}

/** Joins `community` as `name` (the join must succeed); the member's token and join date. */
export async function joinAs(
  url: string,
  name: string,
  community = 'atelier',
): Promise<{ token: string; joinedAt: string }> {
  const joined = await call(url, `/v1/communities/${community}/members`, { json: joinBody(name) });
  expect(joined.status, JSON.stringify(joined.body)).toBeLessThan(300);
  return { token: joined.body.token as string, joinedAt: joined.body.member.joinedAt as string };
}

/**
 * Asserts `answer` is the contract's error shape with `status` and `code`, and leaks no stack
 * trace; returns the error.
 */
export function expectError(answer: Answer, status: number, code: string) {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(v.is(ErrorBody, answer.body), JSON.stringify(answer.body)).toBe(true);
  expect(answer.body.error.code).toBe(code);
  expect(JSON.stringify(answer.body)).not.toMatch(/\n\s+at |\.ts:\d+/);
  return answer.body.error as { message: string; details?: { path: string; message: string }[] };
}

export interface Answer {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export interface CallOptions {
  method?: string;
  json?: unknown;
  /** Raw body (sent as is). */
  body?: string;
  token?: string;
  headers?: Record<string, string>;
}

/** One HTTP request; parses a JSON answer. */
export async function call(url: string, path: string, options: CallOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers['authorization'] = `Bearer ${options.token}`;
  let body = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(url + path, {
    method: options.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === '' ? undefined : JSON.parse(text),
  };
}

export const joinBody = (displayName: string, extra: Record<string, unknown> = {}) => ({
  displayName,
  consent: { version: 'v1', accepted: true },
  ...extra,
});

/** Whether the database file or its WAL holds `value` anywhere, in any page, as UTF-8. */
export async function databaseHolds(file: string, value: string): Promise<boolean> {
  const parts = await Promise.all(
    [file, `${file}-wal`].map((f) => readFile(f).catch(() => Buffer.alloc(0))),
  );
  return parts.some((bytes) => bytes.includes(Buffer.from(value, 'utf8')));
}

/** One Server-Sent Events block: an event (`id`, `event`, `data`) or a comment (`: ping`). */
export interface SseMessage {
  id?: string;
  event?: string;
  data?: string;
  comment?: string;
}

export interface EventReader {
  response: Response;
  /** Every block received so far, in order. */
  received: SseMessage[];
  /** The next block (events and comments), waiting at most `timeoutMs`. */
  next(timeoutMs?: number): Promise<SseMessage>;
  /** The next event, skipping comments. */
  nextEvent(timeoutMs?: number): Promise<Required<Omit<SseMessage, 'comment'>>>;
  /** The next `count` events. */
  events(count: number, timeoutMs?: number): Promise<Required<Omit<SseMessage, 'comment'>>[]>;
  /** Resolves when the server ends the stream (or the connection drops). */
  ended: Promise<void>;
  /** Disconnects. */
  close(): void;
}

/** Opens an event stream with fetch and parses it as it arrives (just enough of SSE for tests). */
export async function openEvents(
  url: string,
  options: { lastEventId?: string; token?: string; headers?: Record<string, string> } = {},
): Promise<EventReader> {
  const abort = new AbortController();
  const headers: Record<string, string> = { accept: 'text/event-stream', ...options.headers };
  if (options.lastEventId !== undefined) headers['last-event-id'] = options.lastEventId;
  if (options.token !== undefined) headers['authorization'] = `Bearer ${options.token}`;
  const response = await fetch(url, { headers, signal: abort.signal });
  const received: SseMessage[] = [];
  let cursor = 0;
  let wake: (() => void) | undefined;
  let done = false;

  const ended = (async () => {
    if (!response.body) return;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    try {
      for (;;) {
        const { done: finished, value } = await reader.read();
        if (finished) break;
        text += value;
        let end: number;
        while ((end = text.indexOf('\n\n')) !== -1) {
          const block = text.slice(0, end);
          text = text.slice(end + 2);
          const message: SseMessage = {};
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) {
              message.comment = line.slice(1).trim();
              continue;
            }
            const colon = line.indexOf(':');
            const field = line.slice(0, colon);
            const value = line.slice(colon + 1).replace(/^ /, '');
            if (field === 'id' || field === 'event' || field === 'data') message[field] = value;
          }
          received.push(message);
          wake?.();
        }
      }
    } catch {
      // Aborted or dropped: the stream has ended either way.
    } finally {
      done = true;
      wake?.();
    }
  })();

  async function next(timeoutMs = 3000): Promise<SseMessage> {
    const deadline = Date.now() + timeoutMs;
    while (cursor >= received.length) {
      if (done) throw new Error('the event stream ended');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no event within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
    return received[cursor++] as SseMessage;
  }

  async function nextEvent(timeoutMs = 3000) {
    for (;;) {
      const message = await next(timeoutMs);
      if (message.comment === undefined) {
        return message as Required<Omit<SseMessage, 'comment'>>;
      }
    }
  }

  return {
    response,
    received,
    next,
    nextEvent,
    async events(count, timeoutMs) {
      const list = [];
      for (let i = 0; i < count; i++) list.push(await nextEvent(timeoutMs));
      return list;
    },
    ended,
    close: () => abort.abort(),
  };
}

/** Server instances sharing one fresh PostgreSQL database (the test run's server). */
export interface Instances {
  servers: RunningServer<PostgresStore>[];
  /** The database's URL (a further instance may open it). */
  url: string;
  /** Closes the instances and drops the database. */
  stop(): Promise<void>;
}

/**
 * `count` instances (default 2) on one new database of the PostgreSQL server vitest's
 * globalSetup started (`inject('postgresUrl')`), rate limits off unless given, no webhook
 * worker; with `atelier` (owner HOST_KEY, no capacity) seeded unless `atelier` is false.
 */
export async function startInstances(
  options: Partial<ServerOptions> & { count?: number; atelier?: false } = {},
): Promise<Instances> {
  const { count = 2, atelier, ...serverOptions } = options;
  const database = await createDatabase(inject('postgresUrl'));
  const servers = await Promise.all(
    Array.from({ length: count }, () =>
      createServer({
        port: 0,
        rateLimits: NO_LIMITS,
        logger: () => {},
        webhooks: false,
        ...serverOptions,
        db: database.url as PostgresUrl,
      }),
    ),
  );
  if (atelier !== false) {
    await seedCommunity(
      servers[0]!.store,
      { slug: 'atelier', name: 'Atelier', consentVersion: 'v1', capacity: null },
      { ownerKey },
    );
  }
  return {
    servers,
    url: database.url,
    stop: async () => {
      await Promise.all(servers.map((s) => s.close()));
      await database.drop();
    },
  };
}
