/**
 * @cercle/conformance — proves over real HTTP that a backend speaks the Cercle contract,
 * given its base URL and operator key: `runConformance({ url, hostKey })`, the
 * `cercle-conformance` command, or `describeConformance` from `@cercle/conformance/vitest`.
 */
export { checks } from './checks/index.js';
export { runConformance, selectChecks } from './run.js';
export { Context, CHECK_TIMEOUT_MS } from './context.js';
export { CheckFailure } from './assert.js';
export { encodePng } from './png.js';
export type { Check, CheckResult, ConformanceOptions, ConformanceReport, Target } from './types.js';
