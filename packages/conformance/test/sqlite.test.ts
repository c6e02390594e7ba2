/**
 * The whole suite against the reference server over SQLite, over real HTTP on 127.0.0.1, with
 * the server's default rate limits.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type RunningServer } from '@cercle/server';
import { describeConformance } from '@cercle/conformance/vitest';
import { afterAll, beforeAll } from 'vitest';

let server: RunningServer;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cercle-conformance-'));
  server = await createServer({
    db: join(dir, 'cercle.db'),
    port: 0,
    hostKey: 'conformance-host-key-0123456789',
    logger: () => {},
  });
});

afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describeConformance('the reference server over SQLite', () => ({
  url: server.url,
  hostKey: server.hostKey,
}));
