/**
 * @cercle/server/app — the reference server's app and rules without Node: `createApp` over
 * any `Store`, the in-memory store (SQLite in WebAssembly), the seeds. The mock runs this in
 * a browser or in Node, so every backend we ship answers with the same rules.
 */
export { createApp, HEARTBEAT_MS, type AppOptions, type AppEnv } from './app.js';
export { openMemoryStore, MemoryStore, type MemoryStoreOptions } from './memory.js';
export type { Sql, SqlValue, Store } from './store/store.js';
export {
  seedCommunity,
  seedDemo,
  seedSession,
  type CommunitySeed,
  type SeedOptions,
  type SessionSeed,
} from './seed/seed.js';
export { seedTestimonials, type TestimonialSeed } from './seed/wall.js';
/** After rows written directly (a bulk load, a test's seed): the kept counts set from the rows. */
export { recountCommunity } from './communities/rules.js';
export {
  DEFAULT_RATE_LIMITS,
  MemoryRateLimiter,
  NO_RATE_LIMITS,
  type RateLimit,
  type RateLimiter,
  type RateLimits,
} from './core/rate-limit.js';
export {
  PostgresRateLimiter,
  type PostgresRateLimiterOptions,
} from './core/postgres-rate-limit.js';
export {
  InProcessBroker,
  type Broker,
  type LiveEvent,
  type LiveListener,
  type WireEvent,
} from './core/broker.js';
export {
  DEFAULT_EVENT_RETENTION,
  eventsAfter,
  newestEventId,
  type EventRetention,
} from './core/events.js';
export { originAllowed } from './core/cors.js';
export { ApiError } from './core/errors.js';
export {
  encodePng,
  illustration,
  inspectImage,
  stripMetadata,
  type ImageInfo,
} from './core/photos.js';
