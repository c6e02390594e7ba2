/** `createServer`: open the database, seed it if asked, and serve the API over HTTP. */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import type { Hono } from 'hono';
import { createApp, type AppEnv } from './app.js';
import { newSecret, sha256 } from './crypto.js';
import { openDatabase, type Db } from './db.js';
import type { RateLimits } from './rate-limit.js';
import { seedDemo } from './seed.js';

export interface ServerOptions {
  /** SQLite database file (created if missing), or `:memory:`. */
  db: string;
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to bind; default `127.0.0.1`. */
  host?: string;
  /** The host key; else `CERCLE_HOST_KEY`; else a random one is generated. */
  hostKey?: string;
  /** `demo` seeds the demo communities (idempotent). */
  seed?: 'demo';
  /** Origins allowed for every community, on top of each community's own list (for development). */
  allowedOrigins?: readonly string[];
  rateLimits?: Partial<RateLimits>;
  /** One line per request; default `console.log`. Never receives personal data or tokens. */
  logger?: (line: string) => void;
  now?: () => Date;
  /** Take the client IP from `X-Forwarded-For` (only behind a proxy you control). */
  trustProxy?: boolean;
}

export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:8787`. */
  url: string;
  port: number;
  hostKey: string;
  /** Whether the host key was generated (neither given nor in `CERCLE_HOST_KEY`). */
  hostKeyGenerated: boolean;
  app: Hono<AppEnv>;
  db: Db;
  /** Stops accepting connections, closes open ones and the database. Safe to call twice. */
  close(): Promise<void>;
}

export async function createServer(options: ServerOptions): Promise<RunningServer> {
  const given = options.hostKey ?? (process.env['CERCLE_HOST_KEY'] || undefined);
  const hostKey = given ?? newSecret();
  const host = options.host ?? '127.0.0.1';
  const db = openDatabase(options.db);
  let server: Server | undefined;
  try {
    if (options.seed === 'demo') seedDemo(db, { now: options.now?.() ?? new Date() });
    // One host key per instance for now, written to every community (see docs/server.md).
    db.prepare('UPDATE communities SET host_key_hash = ?').run(sha256(hostKey));

    const app = createApp({ ...options, db, hostKey });
    server = createAdaptorServer({ fetch: app.fetch, hostname: host }) as Server;
    const listening = server;
    await new Promise<void>((resolve, reject) => {
      listening.once('error', reject);
      listening.listen(options.port ?? 0, host, () => {
        listening.off('error', reject);
        resolve();
      });
    });
    const { port } = server.address() as AddressInfo;
    const urlHost = host.includes(':') ? `[${host}]` : host;

    let closing: Promise<void> | undefined;
    const close = () =>
      (closing ??= new Promise<void>((resolve) => {
        listening.close(() => {
          db.close();
          resolve();
        });
        listening.closeAllConnections();
      }));

    return {
      url: `http://${urlHost}:${port}`,
      port,
      hostKey,
      hostKeyGenerated: given === undefined,
      app,
      db,
      close,
    };
  } catch (error) {
    server?.close();
    db.close();
    throw error;
  }
}
