/**
 * `--db` for the CLI and its subcommands: a SQLite file, or a PostgreSQL URL; when the flag is
 * not given, `CERCLE_DATABASE_URL`. Subcommands open the server's existing database (a missing
 * SQLite file is refused, not created, except where the subcommand says so).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { openSqliteStore } from './sqlite.js';
import { isPostgresUrl, openPostgresStore } from './store/postgres-store.js';
import type { Store } from './store/store.js';

/** The `--db` value, else `CERCLE_DATABASE_URL`, else `fallback`: a PostgreSQL URL as is, a file made absolute. */
export function databaseOf(flag: string | undefined, fallback?: string): string | undefined {
  const db = flag ?? (process.env['CERCLE_DATABASE_URL'] || undefined) ?? fallback;
  if (db === undefined || db === ':memory:' || isPostgresUrl(db)) return db;
  return resolve(db);
}

/** How to show the database in a message: a URL without its password. */
export function describeDatabase(db: string): string {
  if (!isPostgresUrl(db)) return db;
  try {
    const url = new URL(db);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'postgres://…';
  }
}

/** Whether opening `db` creates it (a SQLite file that does not exist yet). */
export const createsDatabase = (db: string): boolean => !isPostgresUrl(db) && !existsSync(db);

/**
 * Opens `db` (migrating it). `existing`: refuse a SQLite file that does not exist. Throws an
 * Error whose message says what is wrong (no file, cannot connect).
 */
export async function openStoreAt(
  db: string,
  options: { existing?: boolean } = {},
): Promise<Store> {
  if (isPostgresUrl(db)) {
    try {
      return await openPostgresStore(db, { max: 2 });
    } catch (error) {
      throw new Error(`cannot open ${describeDatabase(db)}: ${(error as Error).message}`);
    }
  }
  if (options.existing && !existsSync(db)) throw new Error(`no database file at ${db}`);
  return openSqliteStore(db);
}
