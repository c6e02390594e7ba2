/**
 * The store in memory: SQLite compiled to WebAssembly (sql.js), in Node and in browsers. The
 * same schema and the same statements as the file store, so the mock and the widget tests run
 * the reference server's rules, not a copy of them. A snapshot of the whole database can be
 * kept (the mock keeps it in IndexedDB) and restored.
 */
import initSqlJs from 'sql.js/dist/sql-wasm-inline.js';
import type { Database, SqlJsStatic, Statement } from 'sql.js';
import { migrate, SqliteStore, type SqliteDriver } from './store/sqlite-store.js';
import type { Row, SqlValue } from './store/store.js';

let engine: Promise<SqlJsStatic> | undefined;

class SqlJsDriver implements SqliteDriver {
  #statements = new Map<string, Statement>();

  constructor(
    private readonly sql: SqlJsStatic,
    public db: Database,
  ) {
    this.#configure();
  }

  #configure(): void {
    this.db.exec('PRAGMA foreign_keys = ON');
  }

  #prepare(text: string, params: readonly SqlValue[]): Statement {
    let statement = this.#statements.get(text);
    if (!statement) this.#statements.set(text, (statement = this.db.prepare(text)));
    statement.bind(params as SqlValue[]);
    return statement;
  }

  exec(text: string): void {
    this.db.exec(text);
  }

  get(text: string, params: readonly SqlValue[]): Row | undefined {
    const statement = this.#prepare(text, params);
    try {
      return statement.step() ? statement.getAsObject() : undefined;
    } finally {
      statement.reset();
    }
  }

  all(text: string, params: readonly SqlValue[]): Row[] {
    const statement = this.#prepare(text, params);
    const rows: Row[] = [];
    try {
      while (statement.step()) rows.push(statement.getAsObject());
    } finally {
      statement.reset();
    }
    return rows;
  }

  run(text: string, params: readonly SqlValue[]): number {
    const statement = this.#prepare(text, params);
    try {
      while (statement.step()) {
        // A statement run for its effect (RETURNING rows are dropped).
      }
    } finally {
      statement.reset();
    }
    return this.db.getRowsModified();
  }

  checkpoint(): void {
    // Nothing is on disk.
  }

  close(): void {
    this.#forget();
    this.db.close();
  }

  /** The database as a SQLite file image. */
  snapshot(): Uint8Array {
    this.#forget(); // export() closes every statement
    const image = this.db.export();
    this.#configure(); // and resets the pragmas
    return image;
  }

  restore(image: Uint8Array): void {
    this.close();
    this.db = new this.sql.Database(image);
    this.#configure();
    migrate(this);
  }

  #forget(): void {
    for (const statement of this.#statements.values()) statement.free();
    this.#statements.clear();
  }
}

export interface MemoryStoreOptions {
  /** A snapshot to start from (`snapshot()` of an earlier store); default an empty database. */
  image?: Uint8Array | undefined;
  /** Called after each write transaction commits (e.g. to schedule a snapshot). */
  onCommit?: () => void;
}

/** What the memory store's driver does beyond a `SqliteDriver`. */
interface ImageDriver extends SqliteDriver {
  snapshot(): Uint8Array;
  restore(image: Uint8Array): void;
}

export class MemoryStore extends SqliteStore {
  readonly #driver: ImageDriver;

  /** Use `openMemoryStore`. */
  constructor(driver: ImageDriver, options: MemoryStoreOptions) {
    super(driver, options.onCommit ? { onCommit: options.onCommit } : {});
    this.#driver = driver;
  }

  /** The whole database as a SQLite file image, taken between two transactions. */
  snapshot(): Promise<Uint8Array> {
    return this.exclusive(() => this.#driver.snapshot());
  }

  /** Replaces the whole database with a snapshot (another tab's, say). */
  restore(image: Uint8Array): Promise<void> {
    return this.exclusive(() => this.#driver.restore(image));
  }
}

/** Opens a store in memory, migrated (from `image` when given). */
export async function openMemoryStore(options: MemoryStoreOptions = {}): Promise<MemoryStore> {
  const sql = await (engine ??= initSqlJs());
  const driver = new SqlJsDriver(sql, new sql.Database(options.image));
  migrate(driver);
  return new MemoryStore(driver, options);
}
