/**
 * The suite inside a vitest run: each check becomes an `it()`.
 *
 * ```ts
 * let server: RunningServer;
 * beforeAll(async () => { server = await createServer({ db: ':memory:' }); });
 * afterAll(() => server.close());
 * describeConformance('my backend', () => ({ url: server.url, hostKey: server.hostKey }));
 * ```
 *
 * `target` is called once, when the suite starts (after the file's `beforeAll` hooks).
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { checks } from './checks/index.js';
import { CHECK_TIMEOUT_MS, Context } from './context.js';
import { selectChecks } from './run.js';
import type { Target } from './types.js';

export interface DescribeOptions {
  /** Only the checks whose id starts with one of these. */
  only?: readonly string[];
  /**
   * Checks known to fail against this backend (ids): registered with `it.fails`, so the run
   * stays green while they fail and turns red once the backend is fixed (then remove them).
   */
  expectedFailures?: readonly string[];
  /** Called with the suite's notes (default: console.log). */
  onNote?: (note: string) => void;
}

export function describeConformance(
  name: string,
  target: () => Target | Promise<Target>,
  options: DescribeOptions = {},
): void {
  describe(name, () => {
    let ctx: Context | undefined;
    beforeAll(async () => {
      ctx = new Context(await target(), options.onNote ?? ((note) => console.log(`  … ${note}`)));
    });
    afterAll(() => {
      ctx = undefined;
    });
    const failing = new Set(options.expectedFailures ?? []);
    for (const check of selectChecks(checks, options.only)) {
      const test = failing.has(check.id) ? it.fails : it;
      test(
        `${check.id} — ${check.title}`,
        async () => {
          if (!ctx) throw new Error('the conformance target was not set up');
          const result = await ctx.runCheck(check);
          if (!result.ok) throw new Error(result.error);
        },
        CHECK_TIMEOUT_MS + 5_000,
      );
    }
  });
}
