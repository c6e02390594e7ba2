/**
 * @cercle/server — the Cercle reference backend: the contract over HTTP (hono on Node),
 * SQLite through better-sqlite3. `createServer` for a running server, `createApp` for the
 * hono app over a store you opened, seeding helpers for demos and tests. Everything but the
 * SQLite file store and the server also runs in a browser: `@cercle/server/app`.
 */
export * from './app-entry.js';
export { createServer, type ServerOptions, type RunningServer } from './server.js';
export {
  betterSqliteDriver,
  openDatabase,
  openSqliteStore,
  type Db,
  type SqliteFileStore,
} from './sqlite.js';
export { migrate, SqliteStore, type SqliteDriver } from './store/sqlite-store.js';
export { migrations, type Migration } from './store/migrations.js';
export {
  isPostgresUrl,
  migratePostgres,
  openPostgresStore,
  PostgresStore,
  type PostgresStoreOptions,
  type PostgresUrl,
} from './store/postgres-store.js';
export { postgresMigrations } from './store/postgres-migrations.js';
export {
  EVENTS_CHANNEL,
  PostgresBroker,
  type PostgresBrokerOptions,
} from './core/postgres-broker.js';
export {
  signWebhook,
  verifyWebhook,
  WebhookWorker,
  type DeliveryOptions,
} from './webhooks/delivery.js';
