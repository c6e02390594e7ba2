/** Test helpers: a real server on 127.0.0.1 with a temporary database file. */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type RunningServer, type ServerOptions } from '@cercle/server';

export const NO_LIMITS = { ip: false, join: false, member: false } as const;

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
