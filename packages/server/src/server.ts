/**
 * `createServer`: open the store (a SQLite file, or PostgreSQL when `db` is a `postgres://`
 * URL), seed it if asked, and serve the API over HTTP (Node).
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import type { Hono } from 'hono';
import { createApp, type AppEnv, type AppOptions } from './app.js';
import { InProcessBroker, type Broker } from './core/broker.js';
import { PostgresBroker } from './core/postgres-broker.js';
import { newSecret } from './core/crypto.js';
import { seedDemo } from './seed/seed.js';
import { betterSqliteDriver, openDatabase, type Db, type SqliteFileStore } from './sqlite.js';
import { SqliteStore } from './store/sqlite-store.js';
import {
  isPostgresUrl,
  openPostgresStore,
  type PostgresStore,
  type PostgresUrl,
} from './store/postgres-store.js';
import type { Store } from './store/store.js';
import { withStatic, type StaticOptions } from './static.js';
import { WebhookWorker, type DeliveryOptions } from './webhooks/delivery.js';

export interface ServerOptions
  extends Omit<AppOptions, 'store' | 'hostKey' | 'signal'>, StaticOptions {
  /**
   * The database: a SQLite file (created if missing), `:memory:`, or a PostgreSQL URL
   * (`postgres://user:password@host:5432/cercle`), migrated at start.
   */
  db: string;
  /** Connections in this instance's PostgreSQL pool (default 10); ignored on SQLite. */
  poolSize?: number;
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to bind; default `127.0.0.1`. */
  host?: string;
  /** The host key; else `CERCLE_HOST_KEY`; else a random one is generated. */
  hostKey?: string;
  /** `demo` seeds the demo communities (idempotent). */
  seed?: 'demo';
  /** The webhook delivery worker's options (`now` defaults to the server's); `false`: no worker. */
  webhooks?: DeliveryOptions | false;
}

/** What `createServer` returns: on SQLite (the default) with the file's handle, or on PostgreSQL. */
export interface RunningServer<S extends Store = SqliteFileStore> {
  /** Base URL, e.g. `http://127.0.0.1:8787`. */
  url: string;
  port: number;
  hostKey: string;
  /** Whether the host key was generated (neither given nor in `CERCLE_HOST_KEY`). */
  hostKeyGenerated: boolean;
  app: Hono<AppEnv>;
  /** The store the rules run on. */
  store: S;
  /** On SQLite, its better-sqlite3 handle, for tests and tools that read the file directly. */
  db: S extends SqliteFileStore ? Db : undefined;
  /** The broker the event streams subscribe to (`subscriberCount()` tells how many are open). */
  broker: Broker;
  /** The webhook delivery worker (`kick()` sends what is due now), or null when disabled. */
  webhooks: WebhookWorker | null;
  /** Stops accepting connections, ends event streams, closes open connections and the database. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Starts a server. A `db` typed as a `postgres://` literal (or narrowed with `isPostgresUrl`)
 * gives the PostgreSQL result type; any other string opens SQLite, unless it is a PostgreSQL
 * URL at run time, which still opens PostgreSQL (with `db` undefined).
 */
export async function createServer(
  options: ServerOptions & { db: PostgresUrl },
): Promise<RunningServer<PostgresStore>>;
export async function createServer(options: ServerOptions): Promise<RunningServer>;
export async function createServer(options: ServerOptions): Promise<RunningServer<Store>> {
  const given = options.hostKey ?? (process.env['CERCLE_HOST_KEY'] || undefined);
  const hostKey = given ?? newSecret();
  const host = options.host ?? '127.0.0.1';
  let webhooks: WebhookWorker | null = null;
  // After each commit, the worker looks for messages it just made due.
  const onCommit = () => void webhooks?.kick();
  let file: Db | undefined;
  let store: Store;
  if (isPostgresUrl(options.db)) {
    store = await openPostgresStore(options.db, { onCommit, max: options.poolSize });
  } else {
    file = openDatabase(options.db);
    store = Object.assign(new SqliteStore(betterSqliteDriver(file), { onCommit }), { db: file });
  }
  let server: Server | undefined;
  const shutdown = new AbortController();
  try {
    if (options.seed === 'demo') await seedDemo(store, { now: options.now?.() ?? new Date() });

    const log = options.logger ?? ((line: string) => console.log(line));
    const onError = (error: unknown) => log(`error in an event listener: ${String(error)}`);
    // On PostgreSQL, every instance sees every change (LISTEN/NOTIFY); closed before the store.
    const own =
      options.broker === undefined && store.dialect === 'postgres'
        ? new PostgresBroker(store as PostgresStore, { onError })
        : undefined;
    const broker = options.broker ?? own ?? new InProcessBroker({ onError });
    const {
      db: _file,
      poolSize: _poolSize,
      port: _port,
      host: _host,
      seed: _seed,
      webhooks: delivery,
      ...appOptions
    } = options;
    const app = createApp({ ...appOptions, store, hostKey, broker, signal: shutdown.signal });
    // In front of the API: the SDK (/sdk/) and the console (/console/), unless serveStatic: false.
    const fetch = withStatic(app.fetch, options, log);
    server = createAdaptorServer({ fetch, hostname: host }) as Server;
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
        shutdown.abort();
        const stopped = webhooks?.stop() ?? Promise.resolve();
        listening.close(() => {
          stopped
            .then(() => own?.close())
            .then(() => store.close())
            .then(resolve, resolve);
        });
        listening.closeAllConnections();
      }));

    if (delivery !== false) {
      webhooks = new WebhookWorker(store, {
        now: options.now,
        onError: (error) => log(`error in webhook delivery: ${String(error)}`),
        ...delivery,
      });
      webhooks.start();
    }

    return {
      url: `http://${urlHost}:${port}`,
      port,
      hostKey,
      hostKeyGenerated: given === undefined,
      app,
      store,
      db: file as never, // Db on SQLite, undefined on PostgreSQL (the overloads type it)
      broker,
      webhooks,
      close,
    };
  } catch (error) {
    server?.close();
    await store.close();
    throw error;
  }
}
