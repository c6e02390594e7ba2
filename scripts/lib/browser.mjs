// What the browser scripts share: Debian's Chromium with the project's standard flags, and a
// static HTTP server on 127.0.0.1 (free port).
import { createServer } from 'node:http';
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Headless Chromium (`CHROME_PATH` or /usr/bin/chromium) driven by playwright-core. */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

/**
 * Serves `handle(url, req, res)` on 127.0.0.1 (free port); resolves to the base URL (no
 * trailing slash) and `close()`.
 */
export async function serve(handle) {
  const server = createServer((req, res) => handle(new URL(req.url, 'http://x'), req, res));
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    base: `http://127.0.0.1:${server.address().port}`,
    close: () => server.close(),
  };
}
