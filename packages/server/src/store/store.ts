/**
 * The storage the rules run on. The rules are written once, as SQL in the subset SQLite and
 * PostgreSQL share (`?` placeholders, `RETURNING`, `ON CONFLICT`, `COUNT(*) FILTER`, row
 * values, `CAST(… AS INTEGER)` for counts); a store runs it. Three stores fit behind this
 * interface: SQLite in a file (`openSqliteStore`, Node), SQLite in memory (`openMemoryStore`,
 * sql.js, Node and browsers: the mock), and PostgreSQL for several instances.
 *
 * Every change runs inside `write`: one transaction, serialized with every other write to the
 * same scope (a community), so a rule may read, decide, then write without a race. SQLite
 * serializes all writes (BEGIN IMMEDIATE); PostgreSQL takes a lock per scope.
 */

export type SqlValue = string | number | null | Uint8Array;

export type Row = Record<string, unknown>;

/** Statements, with `?` placeholders and positional parameters. */
export interface Sql {
  /** The first row, or undefined. */
  get<T extends object = Row>(text: string, ...params: SqlValue[]): Promise<T | undefined>;
  all<T extends object = Row>(text: string, ...params: SqlValue[]): Promise<T[]>;
  /** The first column of the first row, or undefined. */
  value<T = unknown>(text: string, ...params: SqlValue[]): Promise<T | undefined>;
  /** A statement that returns no rows; how many rows it changed. */
  run(text: string, ...params: SqlValue[]): Promise<{ changes: number }>;
}

export interface Store extends Sql {
  readonly dialect: 'sqlite' | 'postgres';
  /**
   * Runs `fn` in one write transaction, serialized with every other write to `scope` (a
   * community slug; '' for the whole store; or another key naming the only rows the write
   * touches, e.g. `stream:<session>`): committed when it resolves, rolled back when it
   * throws. Never call the store itself inside `fn`, only `tx`.
   */
  write<T>(scope: string, fn: (tx: Sql) => Promise<T>): Promise<T>;
  /** After an erasure: make sure deleted rows are gone from the files too (SQLite folds its WAL). */
  afterErase(): Promise<void>;
  close(): Promise<void>;
}
