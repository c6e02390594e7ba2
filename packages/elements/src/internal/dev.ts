/**
 * Development-only warnings, each printed once, with a link to the docs.
 *
 * `DEV` is on when the source runs unbundled (the test runner, the playground, a bundler
 * resolving the `source` export condition) and off in the files the vite build writes to
 * `dist/`: it replaces `__CERCLE_DEV__` by `false`, so the minifier drops the warnings and
 * their strings. Nothing here runs at import time.
 */
declare const __CERCLE_DEV__: boolean | undefined;

export const DEV: boolean = typeof __CERCLE_DEV__ === 'undefined' || __CERCLE_DEV__;

/**
 * Where the docs live, relative to the Cercle repository; warnings link to a page under it.
 * One constant, so a published site can replace it.
 */
export const DOCS_BASE = 'docs/';

export const docsUrl = (page: string): string => DOCS_BASE + page;

const issued = new Set<string>();

/** Warns once per message (development builds only). Returns whether it printed. */
export function warnOnce(message: string, docsPage?: string): boolean {
  if (!DEV || issued.has(message)) return false;
  issued.add(message);
  console.warn(
    `[cercle] ${message}${docsPage ? `\nSee ${docsUrl(docsPage)} in the Cercle repository.` : ''}`,
  );
  return true;
}
