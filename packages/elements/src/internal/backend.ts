import { resolveApi, type ApiSource, type ResolvedApi } from './config.js';
import { DEV, warnOnce } from './dev.js';

/**
 * The widget's backend (`resolveApi`), or `undefined` when the page gives it none or a URL
 * that is not one. With `warnAs` (the widget's name, e.g. `wall`), says so in development,
 * with how to give it one.
 */
export function findBackend(source: ApiSource, warnAs?: string): ResolvedApi | undefined {
  let backend: ResolvedApi | undefined;
  try {
    backend = resolveApi(source);
  } catch {
    backend = undefined;
  }
  if (!backend && warnAs && DEV) {
    warnOnce(
      `<cercle-${warnAs}> has no backend: set its "api" attribute, add <meta name="cercle-api" content="https://…">, or call configure({ api }) or configure({ adapter }).`,
      `widgets/${warnAs}.md#choose-the-backend`,
    );
  }
  return backend;
}
