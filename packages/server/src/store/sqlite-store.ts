/**
 * A `Store` over a synchronous SQLite driver: better-sqlite3 for a file (Node), sql.js for
 * memory (Node and browsers). One connection. A statement made while nothing else is under
 * way runs at once (the driver is synchronous: it is over before anything else can start);
 * while a transaction is open (awaiting inside `write`), statements and later transactions
 * wait their turn in one queue, so a transaction's awaits never let another request's
 * statements in, and a read never sees a transaction's uncommitted rows. Across processes on
 * one file, BEGIN IMMEDIATE and the busy timeout serialize writers.
 */
import { migrations, type Migration } from './migrations.js';
import type { Row, Sql, SqlValue, Store } from './store.js';

/** What a SQLite library must do for the store. */
export interface SqliteDriver {
  exec(text: string): void;
  get(text: string, params: readonly SqlValue[]): Row | undefined;
  all(text: string, params: readonly SqlValue[]): Row[];
  run(text: string, params: readonly SqlValue[]): number;
  /** Folds the write-ahead log into the main file (after an erasure). */
  checkpoint(): void;
  close(): void;
}

export class SqliteStore implements Store {
  readonly dialect = 'sqlite' as const;
  #queue: Promise<unknown> = Promise.resolve();
  /** Turns queued or running that have not settled yet: 0 means the connection is free. */
  #pending = 0;
  /** Between BEGIN and COMMIT or ROLLBACK. */
  #open = false;
  readonly #tx: Sql;
  readonly #onCommit: (() => void) | undefined;

  constructor(
    readonly driver: SqliteDriver,
    options: { onCommit?: () => void } = {},
  ) {
    this.#onCommit = options.onCommit;
    const d = driver;
    // `async` on purpose, with nothing to await: a driver's throw becomes a rejection, as with
    // PostgreSQL, so callers see one kind of failure.
    /* eslint-disable @typescript-eslint/require-await */
    this.#tx = {
      get: async <T extends object>(text: string, ...params: SqlValue[]) =>
        d.get(text, params) as T | undefined,
      all: async <T extends object>(text: string, ...params: SqlValue[]) =>
        d.all(text, params) as T[],
      value: async <T>(text: string, ...params: SqlValue[]) => firstColumn<T>(d.get(text, params)),
      run: async (text: string, ...params: SqlValue[]) => ({ changes: d.run(text, params) }),
    };
    /* eslint-enable @typescript-eslint/require-await */
  }

  /** Runs `fn` alone on the connection: after every earlier statement and transaction. */
  exclusive<T>(fn: () => T | Promise<T>): Promise<T> {
    return this.#turn(fn);
  }

  /**
   * Runs `fn` on the connection: at once when it is free (a synchronous `fn` is then over
   * before this returns, an asynchronous one holds the connection until it settles), else
   * after every turn before it.
   */
  #turn<T>(fn: () => T | Promise<T>): Promise<T> {
    if (this.#pending === 0 && !this.#open) {
      let result: T | Promise<T>;
      try {
        result = fn();
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
      return result instanceof Promise ? this.#hold(result) : Promise.resolve(result);
    }
    return this.#hold(this.#queue.then(fn));
  }

  /** Holds the connection until `result` settles: later turns queue behind it. */
  #hold<T>(result: Promise<T>): Promise<T> {
    this.#pending++;
    this.#queue = result.then(
      () => void this.#pending--,
      () => void this.#pending--,
    );
    return result;
  }

  get<T extends object = Row>(text: string, ...params: SqlValue[]): Promise<T | undefined> {
    return this.#turn(() => this.driver.get(text, params) as T | undefined);
  }

  all<T extends object = Row>(text: string, ...params: SqlValue[]): Promise<T[]> {
    return this.#turn(() => this.driver.all(text, params) as T[]);
  }

  value<T = unknown>(text: string, ...params: SqlValue[]): Promise<T | undefined> {
    return this.#turn(() => firstColumn<T>(this.driver.get(text, params)));
  }

  run(text: string, ...params: SqlValue[]): Promise<{ changes: number }> {
    return this.#turn(() => ({ changes: this.driver.run(text, params) }));
  }

  write<T>(_scope: string, fn: (tx: Sql) => Promise<T>): Promise<T> {
    return this.#turn(async () => {
      this.driver.exec('BEGIN IMMEDIATE');
      this.#open = true;
      let result: T;
      try {
        result = await fn(this.#tx);
        this.driver.exec('COMMIT');
      } catch (error) {
        this.driver.exec('ROLLBACK');
        throw error;
      } finally {
        this.#open = false;
      }
      this.#onCommit?.();
      return result;
    });
  }

  afterErase(): Promise<void> {
    return this.#turn(() => this.driver.checkpoint());
  }

  close(): Promise<void> {
    return this.#turn(() => this.driver.close());
  }
}

function firstColumn<T>(row: Row | undefined): T | undefined {
  if (!row) return undefined;
  for (const key in row) return row[key] as T;
  return undefined;
}

/** Applies the migrations not yet applied; safe on every start and from several processes. */
export function migrate(driver: SqliteDriver, list: readonly Migration[] = migrations): number[] {
  driver.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  const applied: number[] = [];
  for (const m of [...list].sort((a, b) => a.version - b.version)) {
    // IMMEDIATE: a second process starting at the same time waits, then sees it applied.
    driver.exec('BEGIN IMMEDIATE');
    try {
      if (!driver.get('SELECT 1 FROM schema_migrations WHERE version = ?', [m.version])) {
        driver.exec(m.sql);
        driver.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
          m.version,
          m.name,
          new Date().toISOString(),
        ]);
        applied.push(m.version);
      }
      driver.exec('COMMIT');
    } catch (error) {
      driver.exec('ROLLBACK');
      throw error;
    }
  }
  return applied;
}
