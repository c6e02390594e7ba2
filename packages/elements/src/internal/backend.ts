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

/** A widget's setup: its required attributes (trimmed) and its backend, or what is missing. */
export type WidgetSetup<A extends string> =
  { ok: true; backend: ResolvedApi; values: Record<A, string> } | { ok: false; error: A | 'api' };

/**
 * Checks a widget's required attributes in order, then finds its backend. In development,
 * says which attribute is missing (with `example`, a tag that has them all) or that there is
 * no backend.
 */
export function setUpWidget<A extends string>(
  el: ApiSource,
  widget: string,
  required: Record<A, string | undefined>,
  example: string,
): WidgetSetup<A> {
  const values = {} as Record<A, string>;
  for (const name of Object.keys(required) as A[]) {
    const value = required[name]?.trim();
    if (!value) {
      if (DEV) {
        warnOnce(
          `<cercle-${widget}> needs a "${name}" attribute, e.g. ${example}.`,
          `widgets/${widget}.md#attributes`,
        );
      }
      return { ok: false, error: name };
    }
    values[name] = value;
  }
  const backend = findBackend(el, widget);
  return backend ? { ok: true, backend, values } : { ok: false, error: 'api' };
}

/**
 * Whether the page configuration (`configure()`, the meta tag) now gives the widget another
 * backend than `current`; never while its own `adapter` or `api` decides, or before its first
 * render.
 */
export function backendChanged(
  el: ApiSource & { readonly hasUpdated: boolean },
  current: ResolvedApi | undefined,
): boolean {
  if (!el.hasUpdated || el.adapter || el.api) return false;
  return findBackend(el)?.api !== current?.api;
}
