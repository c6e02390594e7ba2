/**
 * @cercle/server — the Cercle reference backend: the contract over HTTP (hono on Node),
 * SQLite through better-sqlite3. `createServer` for a running server, `createApp` for the
 * hono app over a database you opened, seeding helpers for demos and tests.
 */
export { createServer, type ServerOptions, type RunningServer } from './server.js';
export { createApp, HEARTBEAT_MS, MAX_BODY_BYTES, type AppOptions, type AppEnv } from './app.js';
export { openDatabase, migrate, migrations, type Db, type Migration } from './db.js';
export {
  seedCommunity,
  seedDemo,
  seedSession,
  type CommunitySeed,
  type SeedOptions,
  type SessionSeed,
} from './seed.js';
export { DEFAULT_RATE_LIMITS, type RateLimit, type RateLimits } from './rate-limit.js';
export {
  InProcessBroker,
  type Broker,
  type LiveEvent,
  type LiveListener,
  type WireEvent,
} from './broker.js';
export { DEFAULT_EVENT_RETENTION, type EventRetention } from './events.js';
export { originAllowed } from './cors.js';
export { ApiError } from './errors.js';
export {
  encodePng,
  illustration,
  inspectImage,
  PHOTO_MAX_SIDE,
  stripMetadata,
  type ImageInfo,
} from './photos.js';
export { IDEMPOTENCY_TTL_MS } from './store.js';
