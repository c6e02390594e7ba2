/** Running the suite: pick the checks, run them one after the other, report. */
import { checks } from './checks/index.js';
import { Context } from './context.js';
import type { Check, CheckResult, ConformanceOptions, ConformanceReport } from './types.js';

/** The checks whose id starts with one of `only` (every check without it). */
export function selectChecks(all: readonly Check[], only?: readonly string[]): Check[] {
  if (!only || only.length === 0) return [...all];
  return all.filter((c) => only.some((prefix) => c.id === prefix || c.id.startsWith(prefix)));
}

/** Runs the suite against `options.url` with `options.hostKey`. */
export async function runConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  const ctx = new Context(
    {
      url: options.url,
      hostKey: options.hostKey,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    },
    options.onNote,
  );
  const results: CheckResult[] = [];
  for (const check of selectChecks(checks, options.only)) {
    const result = await ctx.runCheck(check);
    results.push(result);
    options.onResult?.(result);
  }
  const passed = results.filter((r) => r.ok).length;
  return { passed, failed: results.length - passed, results, requests: ctx.http.requests };
}
