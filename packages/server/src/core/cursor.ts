/**
 * Opaque cursors of keyset pages: the sort order and the last row's key, as base64url JSON.
 * A cursor names its order, so one taken from another order (or made up) is refused.
 */
import { base64url, fromBase64url, fromUtf8, utf8 } from './bytes.js';
import { refuse } from './errors.js';

export const encodeCursor = (sort: string, key: readonly (string | number | null)[]): string =>
  base64url(utf8(JSON.stringify([sort, ...key])));

/** The key of a cursor of `sort`, checked by `valid`; `validation_failed` otherwise. */
export function decodeCursor<K extends unknown[]>(
  text: string,
  sort: string,
  valid: (key: unknown[]) => key is K,
): K {
  let parsed: unknown;
  try {
    const bytes = fromBase64url(text);
    parsed = bytes && JSON.parse(fromUtf8(bytes));
  } catch {
    parsed = undefined;
  }
  if (Array.isArray(parsed) && parsed[0] === sort) {
    const key = parsed.slice(1);
    if (valid(key)) return key;
  }
  throw refuse.badCursor(sort);
}
