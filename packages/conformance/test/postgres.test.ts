/**
 * The whole suite against the reference server over PostgreSQL (a real server: embedded, or
 * `CERCLE_TEST_DATABASE_URL`'s), over real HTTP on 127.0.0.1, with the default rate limits.
 */
import { createServer, type PostgresStore, type RunningServer } from '@cercle/server';
import { describeConformance } from '@cercle/conformance/vitest';
import { afterAll, beforeAll, inject } from 'vitest';
import { createDatabase } from '../../../test/postgres/server.ts';

let server: RunningServer<PostgresStore>;
let drop: (() => Promise<void>) | undefined;

beforeAll(async () => {
  const database = await createDatabase(inject('postgresUrl'));
  drop = database.drop;
  server = await createServer({
    db: database.url as `postgres://${string}`,
    port: 0,
    hostKey: 'conformance-host-key-0123456789',
    logger: () => {},
  });
});

afterAll(async () => {
  await server?.close();
  await drop?.();
});

describeConformance('the reference server over PostgreSQL', () => ({
  url: server.url,
  hostKey: server.hostKey,
}));
