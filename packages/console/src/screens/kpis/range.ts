/** The dashboard's ranges of UTC days. */
const DAY = 86_400_000;

/** A UTC day `n − 1` days before `to` (a range of `n` days ending `to`). */
export function rangeOf(n: number, now = Date.now()): { from: string; to: string } {
  const to = new Date(now).toISOString().slice(0, 10);
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - (n - 1) * DAY).toISOString().slice(0, 10);
  return { from, to };
}
