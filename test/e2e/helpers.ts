/**
 * Helpers for end-to-end tests: free ports, `npm start` in a child process, the reference
 * server and the playground in this process (`startStack`), Chromium.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createServer as createApiServer,
  type RunningServer,
  type ServerOptions,
} from '@cercle/server';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { freePort } from '../free-port.ts';
import { createServer as createViteServer } from 'vite';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export { freePort } from '../free-port.ts';

export interface StartedApp {
  /** The playground page, e.g. `http://127.0.0.1:5173/`. */
  playground: string;
  /** The reference server, e.g. `http://127.0.0.1:8787` (absent with `--mock`). */
  api: string | undefined;
  /** Everything the process printed so far (for failure messages). */
  output(): string;
  /** Stops the whole process group; resolves when the process has exited. */
  stop(): Promise<void>;
}

/**
 * Runs `node scripts/start.mjs [args]` in its own process group and resolves once it
 * prints `Cercle playground: <url>`; rejects if it exits or `timeoutMs` passes first.
 */
export function startApp(
  args: string[],
  env: Record<string, string>,
  timeoutMs = 170_000,
): Promise<StartedApp> {
  const child: ChildProcess = spawn(process.execPath, ['scripts/start.mjs', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env, FORCE_COLOR: '0' },
    detached: true, // its own process group, so stop() reaches vite's and npm's children too
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const group = (signal: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // already gone
      }
    };
    group('SIGTERM');
    const timer = setTimeout(() => group('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`start.mjs did not print its URL in ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const playground = /^Cercle playground: (\S+)/m.exec(output)?.[1];
      if (!playground) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stdout?.on('data', (more: Buffer) => (output += more.toString()));
      resolve({
        playground,
        api: /^Cercle API: (http\S+)/m.exec(output)?.[1],
        output: () => output,
        stop,
      });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`start.mjs exited (${code}) before serving:\n${output}`));
    });
  });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

export interface Stack {
  /** The reference server, on a fresh SQLite file seeded with the demo. */
  api: RunningServer;
  /** The playground's base URL (vite, the root vite.config.ts), e.g. `http://127.0.0.1:5174/`. */
  playground: string;
  /** Every line the server logged so far. */
  logs: string[];
  /** Stops vite and the server and removes the database. */
  close(): Promise<void>;
}

/**
 * The reference server (seeded demo, its own temporary SQLite file, every line it logs kept
 * in `logs`) and the playground served by vite against it, both in this process on free
 * ports of 127.0.0.1.
 */
export async function startStack(options: Partial<ServerOptions> = {}): Promise<Stack> {
  const dir = mkdtempSync(join(tmpdir(), 'cercle-e2e-'));
  const logs: string[] = [];
  const api = await createApiServer({
    db: join(dir, 'e2e.db'),
    port: 0,
    seed: 'demo',
    allowedOrigins: ['http://127.0.0.1:*'],
    // Several browsers share one IP here.
    rateLimits: { ip: { limit: 10_000, windowMs: 60_000 } },
    logger: (line) => logs.push(line),
    ...options,
  });
  const vite = await startPlayground(api.url);
  return {
    api,
    playground: vite.url,
    logs,
    close: async () => {
      await vite.close();
      await api.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The playground served by vite (the root vite.config.ts) against the API at `api`, on a free port. */
export async function startPlayground(
  api: string,
): Promise<{ url: string; close(): Promise<void> }> {
  // vite reads VITE_* from the environment when it resolves its config.
  process.env.VITE_CERCLE_API = api;
  delete process.env.VITE_CERCLE_MOCK;
  const vite = await createViteServer({
    configFile: join(ROOT, 'vite.config.ts'),
    clearScreen: false,
    logLevel: 'error',
    server: { port: await freePort(), strictPort: true },
  });
  await vite.listen();
  return {
    url: vite.resolvedUrls?.local[0] ?? '',
    close: async () => {
      await vite.close();
      delete process.env.VITE_CERCLE_API;
    },
  };
}

export interface BrowserStack {
  /** The running stack (from `beforeAll` on). */
  readonly stack: Stack;
  /**
   * A fresh browser context (1280×1000, `permissions` granted for the playground's origin) on
   * `path` of the playground; the page's uncaught errors go to `errors`, prefixed by `path`.
   */
  open(path: string, options?: { errors?: string[]; permissions?: string[] }): Promise<Page>;
}

/**
 * For a whole file: `startStack(options)` and Chromium before all tests, every context opened,
 * the browser and the stack closed after them.
 */
export function useBrowserStack(options: Partial<ServerOptions> = {}): BrowserStack {
  let stack: Stack | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    stack = await startStack(options);
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await stack?.close();
  });
  return {
    get stack() {
      return stack!;
    },
    async open(path, { errors, permissions } = {}) {
      const context = await browser!.newContext({ viewport: { width: 1280, height: 1000 } });
      contexts.push(context);
      if (permissions) {
        await context.grantPermissions(permissions, { origin: new URL(stack!.playground).origin });
      }
      const page = await context.newPage();
      page.on('pageerror', (e) => errors?.push(`${path}: ${e.message}`));
      await page.goto(new URL(path, stack!.playground).href);
      return page;
    },
  };
}
