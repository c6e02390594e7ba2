/**
 * A `Store` on PostgreSQL, through the `postgres` client: several server instances share one
 * database. The rules' SQL is the subset SQLite and PostgreSQL share; this store only turns
 * `?` placeholders into `$1…$n` and reads values back as SQLite gives them (integers, counts
 * and sums as numbers, booleans as 1/0, BYTEA as bytes).
 *
 * `write(scope, fn)` is one READ COMMITTED transaction holding a transaction-scoped advisory
 * lock: exclusive on its community, shared on the whole store; a `write('')` (the whole store)
 * takes the store's lock exclusively. Writes to one community therefore run one at a time
 * across every instance, so a rule may read, decide, then write without a race, while two
 * communities write in parallel.
 */
import postgres from 'postgres';
import { postgresMigrations, type Migration } from './postgres-migrations.js';
import type { Row, Sql, SqlValue, Store } from './store.js';

/** The advisory lock key of the whole store (a community's key is a hash of its slug). */
const STORE_LOCK = 0x63657263; // "cerc"

export interface PostgresStoreOptions {
  /** Connections in this instance's pool (default 10). */
  max?: number;
  /** Called after each committed write (the webhook worker looks for what became due). */
  onCommit?: () => void;
  /** The migrations to apply at open (default: all of them). */
  migrations?: readonly Migration[];
}

/** `?` → `$n`, outside quoted strings and identifiers; cached per text. */
const translated = new Map<string, string>();
export function toPostgresPlaceholders(text: string): string {
  let out = translated.get(text);
  if (out !== undefined) return out;
  out = '';
  let n = 0;
  let quote: string | null = null;
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
    } else if (ch === '?') {
      out += `$${++n}`;
      continue;
    }
    out += ch;
  }
  if (translated.size < 5000) translated.set(text, out);
  return out;
}

const toNumber = (x: string) => Number(x);

/** The client with SQLite's value shapes. */
export function connect(url: string, max = 10): postgres.Sql {
  return postgres(url, {
    max,
    onnotice: () => {},
    // Integers come back as numbers, like SQLite's: bigint (20), numeric (1700, AVG and SUM of
    // bigints); booleans (16) as 1/0, so `x IS NULL AS flag` reads the same on both.
    types: {
      bigint: { to: 20, from: [20, 1700], serialize: String, parse: toNumber },
      bool: {
        to: 16,
        from: [16],
        serialize: (x: unknown) => (x ? 't' : 'f'),
        parse: (x: string) => (x === 't' ? 1 : 0),
      },
    },
    connection: {
      application_name: 'cercle-server',
      // Communities of very different sizes share the tables: a generic plan, made for the
      // average community, walks a large one's rows to find a small one's (0.03 → 0.85 ms for
      // a 50-question session beside a 5,000-question one). Each statement is planned for its
      // own values instead (planning costs tens of microseconds).
      plan_cache_mode: 'force_custom_plan',
    },
  });
}

type Client = postgres.Sql | postgres.TransactionSql;

function statements(client: Client): Sql {
  const query = (text: string, params: SqlValue[]) =>
    client.unsafe(toPostgresPlaceholders(text), params as postgres.ParameterOrJSON<never>[], {
      prepare: true,
    });
  return {
    get: async <T extends object>(text: string, ...params: SqlValue[]) =>
      (await query(text, params))[0] as T | undefined,
    all: async <T extends object>(text: string, ...params: SqlValue[]) =>
      [...(await query(text, params))] as T[],
    value: async <T>(text: string, ...params: SqlValue[]) => {
      const row = (await query(text, params))[0] as Row | undefined;
      if (!row) return undefined;
      for (const key in row) return row[key] as T;
      return undefined;
    },
    run: async (text: string, ...params: SqlValue[]) => ({
      changes: (await query(text, params)).count,
    }),
  };
}

export class PostgresStore implements Store {
  readonly dialect = 'postgres' as const;
  readonly #statements: Sql;
  readonly #onCommit: (() => void) | undefined;
  readonly #queues = new Map<string, Promise<void>>();

  constructor(
    /** The client (a pool); tests and tools may query it directly. */
    readonly sql: postgres.Sql,
    options: Pick<PostgresStoreOptions, 'onCommit'> = {},
  ) {
    this.#statements = statements(sql);
    this.#onCommit = options.onCommit;
  }

  get<T extends object = Row>(text: string, ...params: SqlValue[]): Promise<T | undefined> {
    return this.#statements.get<T>(text, ...params);
  }

  all<T extends object = Row>(text: string, ...params: SqlValue[]): Promise<T[]> {
    return this.#statements.all<T>(text, ...params);
  }

  value<T = unknown>(text: string, ...params: SqlValue[]): Promise<T | undefined> {
    return this.#statements.value<T>(text, ...params);
  }

  run(text: string, ...params: SqlValue[]): Promise<{ changes: number }> {
    return this.#statements.run(text, ...params);
  }

  /**
   * Writes to one scope from this instance queue here first, so that they wait without holding
   * a pooled connection (only one per scope waits on the database's lock); reads keep flowing.
   */
  write<T>(scope: string, fn: (tx: Sql) => Promise<T>): Promise<T> {
    const result = (this.#queues.get(scope) ?? Promise.resolve()).then(() =>
      this.#transaction(scope, fn),
    );
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.#queues.set(scope, tail);
    void tail.then(() => {
      if (this.#queues.get(scope) === tail) this.#queues.delete(scope);
    });
    return result;
  }

  async #transaction<T>(scope: string, fn: (tx: Sql) => Promise<T>): Promise<T> {
    const result = (await this.sql.begin(async (tx) => {
      if (scope === '') {
        await tx.unsafe('SELECT pg_advisory_xact_lock($1)', [STORE_LOCK], { prepare: true });
      } else {
        await tx.unsafe(
          'SELECT pg_advisory_xact_lock_shared($1), pg_advisory_xact_lock(hashtextextended($2, 0))',
          [STORE_LOCK, scope],
          { prepare: true },
        );
      }
      return fn(statements(tx));
    })) as T;
    this.#onCommit?.();
    return result;
  }

  async afterErase(): Promise<void> {
    // Deleted rows become unreachable at once; VACUUM reclaims them in the background.
  }

  async close(): Promise<void> {
    await this.sql.end({ timeout: 5 });
  }
}

/** Applies the migrations not yet applied, each in its own transaction; safe from several instances at once. */
export async function migratePostgres(
  sql: postgres.Sql,
  list: readonly Migration[] = postgresMigrations,
): Promise<number[]> {
  const applied: number[] = [];
  await sql.begin(async (tx) => {
    // One instance migrates at a time; the others wait here, then find nothing to do.
    await tx.unsafe('SELECT pg_advisory_xact_lock($1)', [STORE_LOCK + 1]);
    await tx.unsafe(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    BIGINT PRIMARY KEY,
      name       TEXT NOT NULL,
      applied_at TEXT NOT NULL
    )`);
    const done = new Set(
      (await tx.unsafe<{ version: number }[]>('SELECT version FROM schema_migrations')).map((r) =>
        Number(r.version),
      ),
    );
    for (const m of [...list].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      await tx.unsafe(m.sql);
      await tx.unsafe(
        'INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)',
        [m.version, m.name, new Date().toISOString()],
      );
      applied.push(m.version);
    }
  });
  return applied;
}

/** Connects to `url`, applies the migrations, and returns the store. */
export async function openPostgresStore(
  url: string,
  options: PostgresStoreOptions = {},
): Promise<PostgresStore> {
  const sql = connect(url, options.max);
  try {
    await migratePostgres(sql, options.migrations);
  } catch (error) {
    await sql.end({ timeout: 1 });
    throw error;
  }
  return new PostgresStore(sql, options);
}

/** A PostgreSQL connection URL. */
export type PostgresUrl = `postgres://${string}` | `postgresql://${string}`;

/** Whether `db` names a PostgreSQL database (`postgres://…` or `postgresql://…`). */
export function isPostgresUrl(db: string): db is PostgresUrl {
  return /^postgres(ql)?:\/\//i.test(db);
}
