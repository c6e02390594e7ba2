/**
 * vitest `globalSetup`: one PostgreSQL server for the whole run (embedded, or the one
 * `CERCLE_TEST_DATABASE_URL` names), provided to the tests as `inject('postgresUrl')`; each
 * test file creates its own database on it (`createDatabase`).
 */
import type { TestProject } from 'vitest/node';
import { startPostgres, type PostgresServer } from './server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

let server: PostgresServer | undefined;

export async function setup(project: TestProject): Promise<void> {
  server = await startPostgres();
  project.provide('postgresUrl', server.url);
}

export async function teardown(): Promise<void> {
  await server?.stop();
}
