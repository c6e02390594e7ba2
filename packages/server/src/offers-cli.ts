/**
 * `cercle-server import-codes`: adds unique promo codes from a CSV file to an offer's pool,
 * straight into the database file (the server may be running on it). Never prints a code.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ApiError } from './core/errors.js';
import { importCodes } from './offers/rules.js';
import { databaseOf, openStoreAt } from './cli-db.js';
import type { Store } from './store/store.js';

export const IMPORT_USAGE = `Usage: cercle-server import-codes --db DB --community C --offer O CODES.csv

Adds unique single-use codes to the pool of the offer O of the community C. The CSV has one
code per line, or a header row with a "code" column (other columns are ignored). Codes
already in the pool, or repeated in the file, are skipped. Nothing is imported if a line is
invalid. Codes are never printed.

Options:
  --db DB            the server's database: a SQLite file or a PostgreSQL URL
                     (default $CERCLE_DATABASE_URL)
  --community C      the community's slug
  --offer O          the offer's id (a unique-code offer)
  -h, --help         show this help
`;

const CODE = /^[\x21-\x7e]{3,64}$/;

/** Splits one CSV line into cells (RFC 4180 quotes: `"a,b"`, `""` for a quote). */
function cells(line: string): string[] | undefined {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        cell += ch;
      }
    } else if (ch === '"' && cell === '') {
      quoted = true;
    } else if (ch === ',') {
      out.push(cell);
      cell = '';
    } else {
      cell += ch;
    }
  }
  if (quoted) return undefined;
  out.push(cell);
  return out;
}

export interface ParsedCodes {
  codes: string[];
  /** One message per bad line, `line N: …`; never the code itself. */
  errors: string[];
}

/**
 * Reads codes from CSV text: one code per line, or a header with a `code` column (any
 * case). Blank lines are skipped; surrounding spaces are trimmed.
 */
export function parseCodesCsv(text: string): ParsedCodes {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const codes: string[] = [];
  const errors: string[] = [];
  let column: number | undefined;
  let headerSeen = false;
  lines.forEach((line, index) => {
    const n = index + 1;
    if (line.trim() === '') return;
    const row = cells(line)?.map((cell) => cell.trim());
    if (!row) {
      errors.push(`line ${n}: a quote is not closed`);
      return;
    }
    if (!headerSeen) {
      headerSeen = true;
      const at = row.findIndex((cell) => cell.toLowerCase() === 'code');
      if (at !== -1) {
        column = at;
        return;
      }
    }
    if (column === undefined && row.length > 1) {
      errors.push(`line ${n}: several columns, but no header row naming the "code" column`);
      return;
    }
    const code = row[column ?? 0] ?? '';
    if (code === '') errors.push(`line ${n}: the code is empty`);
    else if (!CODE.test(code)) errors.push(`line ${n}: a code is 3–64 visible ASCII characters`);
    else codes.push(code);
  });
  if (errors.length === 0 && codes.length === 0) errors.push('the file holds no code');
  return { codes, errors };
}

/** Runs the subcommand; sets `process.exitCode` (0 done, 1 refused, 2 usage error). */
export async function importCodesCommand(argv: readonly string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: true,
      options: {
        db: { type: 'string' },
        community: { type: 'string' },
        offer: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    return usage((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(IMPORT_USAGE);
    return;
  }
  const db = databaseOf(values.db);
  const missing = [
    ...(db === undefined ? ['db'] : []),
    ...(['community', 'offer'] as const).filter((k) => values[k] === undefined),
  ];
  if (missing.length > 0) return usage(`missing ${missing.map((k) => `--${k}`).join(', ')}`);
  if (positionals.length !== 1) return usage('give exactly one CSV file');
  const [file] = positionals as [string];

  let text: string;
  try {
    text = await readFile(resolve(file), 'utf8');
  } catch (error) {
    return fail(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  const { codes, errors } = parseCodesCsv(text);
  if (errors.length > 0) {
    const shown = errors.slice(0, 20);
    const more = errors.length - shown.length;
    return fail(
      `${file}: nothing imported, fix these lines first:\n  ${shown.join('\n  ')}${more > 0 ? `\n  … and ${more} more` : ''}`,
    );
  }

  let store: Store;
  try {
    store = await openStoreAt(db!, { existing: true });
  } catch (error) {
    return fail((error as Error).message);
  }
  try {
    const { body: result } = await importCodes(
      store,
      values.community as string,
      values.offer as string,
      codes,
    );
    process.stdout.write(
      `${values.community}/${values.offer}: ${result.added} added, ${result.duplicates} duplicates skipped; ` +
        `${result.codesRemaining} of ${result.codesTotal} codes not yet given out.\n`,
    );
  } catch (error) {
    if (error instanceof ApiError) return fail(error.message);
    throw error;
  } finally {
    await store.close();
  }
}

function usage(message: string): void {
  process.stderr.write(`cercle-server import-codes: ${message}\n\n${IMPORT_USAGE}`);
  process.exitCode = 2;
}

function fail(message: string): void {
  process.stderr.write(`cercle-server import-codes: ${message}\n`);
  process.exitCode = 1;
}
