/**
 * The SQLite store in a file, through better-sqlite3 (Node): WAL, foreign keys, a busy
 * timeout (several processes may share the file), secure delete (erased rows are
 * overwritten, not just unlinked), migrations applied at open.
 */
import Database from 'better-sqlite3';
import { migrate, SqliteStore, type SqliteDriver } from './store/sqlite-store.js';
import type { Row, SqlValue } from './store/store.js';

export type Db = Database.Database;

const bind = (params: readonly SqlValue[]) =>
  params.map((p) =>
    p instanceof Uint8Array && !Buffer.isBuffer(p)
      ? Buffer.from(p.buffer, p.byteOffset, p.length)
      : p,
  );

/** better-sqlite3 as a `SqliteDriver`, with each statement prepared once. */
export function betterSqliteDriver(db: Db): SqliteDriver {
  const statements = new Map<string, Database.Statement>();
  const prepare = (text: string) => {
    let statement = statements.get(text);
    if (!statement) statements.set(text, (statement = db.prepare(text)));
    return statement;
  };
  return {
    exec: (text) => void db.exec(text),
    get: (text, params) => prepare(text).get(...bind(params)) as Row | undefined,
    all: (text, params) => prepare(text).all(...bind(params)) as Row[],
    run: (text, params) => prepare(text).run(...bind(params)).changes,
    checkpoint: () => void db.pragma('wal_checkpoint(TRUNCATE)'),
    close: () => db.close(),
  };
}

/** A SQLite store whose better-sqlite3 handle (`db`) tests and tools may read directly. */
export interface SqliteFileStore extends SqliteStore {
  readonly db: Db;
}

/** Opens (creating if needed) and migrates a database: a file path or `:memory:`. */
export function openDatabase(file: string): Db {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('secure_delete = ON');
    migrate(betterSqliteDriver(db));
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** The store over a SQLite file (or `:memory:`), opened and migrated. */
export function openSqliteStore(file: string): SqliteFileStore {
  const db = openDatabase(file);
  return Object.assign(new SqliteStore(betterSqliteDriver(db)), { db });
}
