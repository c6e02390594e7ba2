/**
 * Reading a file of promo codes in the browser, before `POST …/host/offers/{o}/codes`: one
 * code per line, or the first column of a CSV (comma, semicolon or tab separated, quoted or
 * not). Blank lines and a header row are skipped; cells that are not a valid code (3–64
 * visible ASCII characters, the contract's rule) are counted apart so the host sees them,
 * since one invalid code would make the server refuse the whole chunk.
 */
import { CODES_IMPORT_MAX } from '@cercle/client';

/** The contract's rule for a code (`CodesImport`). */
export const CODE_PATTERN = /^[\x21-\x7e]{3,64}$/;

/** Words a header's first cell is made of (`code`, `Code promo`, `voucher_code`…). */
const HEADER =
  /^(?:promo[\s_-]?)?(?:codes?|coupons?|vouchers?|promo)(?:[\s_-]?(?:promo|code|codes))?$/i;

export interface ParsedCodes {
  /** The codes, in file order (duplicates kept: the server counts them). */
  codes: string[];
  /** Whether a header row was skipped. */
  header: boolean;
  /** Non-blank lines whose first cell is not a valid code (1-based line numbers, first 20). */
  invalid: { line: number; value: string }[];
  invalidCount: number;
}

/** The first cell of a CSV line: quoted (`"a""b",…`) or up to the first separator. */
function firstCell(line: string): string {
  const trimmed = line.trimStart();
  if (trimmed.startsWith('"')) {
    let out = '';
    for (let i = 1; i < trimmed.length; i++) {
      const ch = trimmed[i]!;
      if (ch === '"') {
        if (trimmed[i + 1] === '"') {
          out += '"';
          i++;
        } else break;
      } else out += ch;
    }
    return out.trim();
  }
  const end = trimmed.search(/[,;\t]/);
  return (end < 0 ? trimmed : trimmed.slice(0, end)).trim();
}

export function parseCodes(text: string): ParsedCodes {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const result: ParsedCodes = { codes: [], header: false, invalid: [], invalidCount: 0 };
  let first = true;
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const cell = firstCell(line);
    if (first) {
      first = false;
      // A header: a known word, or a first row that is not a code while the next ones are.
      if (HEADER.test(cell) || (!CODE_PATTERN.test(cell) && /[a-z]/i.test(cell))) {
        result.header = true;
        return;
      }
    }
    if (CODE_PATTERN.test(cell)) result.codes.push(cell);
    else {
      result.invalidCount++;
      if (result.invalid.length < 20) result.invalid.push({ line: index + 1, value: cell });
    }
  });
  return result;
}

/** `codes` in chunks of at most `size` (the contract's limit per call). */
export function chunks<T>(items: readonly T[], size = CODES_IMPORT_MAX): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
