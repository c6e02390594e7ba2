#!/usr/bin/env node
/**
 * `npm start`: builds what is missing (and brings the server's build up to date), starts the reference server on SQLite with
 * the seeded demo, serves the playground against it and prints the URLs.
 * `npm run dev:mock` (`--mock`): no server; the playground answers from msw's worker.
 *
 * Environment:
 *   CERCLE_PORT      API port (default 8787; 0 picks a free one)
 *   CERCLE_DB        SQLite file (default .cercle/demo.db)
 *   CERCLE_HOST_KEY  operator key (default: generated at each start and printed)
 *   PLAYGROUND_PORT  playground port (default 5173; the next free one if taken)
 *
 * Prints `Cercle playground: <url>` once everything is up (tests wait for that line), then
 * `Cercle reviews page: <url>` (the full testimonial wall), `Cercle host page: <url>` and, with
 * the reference server, `Cercle host console: <url>` (the console it serves at /console/)
 * (answer questions live, moderate testimonials, follow offers; the host key is printed above).
 * Stops both servers on SIGINT / SIGTERM.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const mock = process.argv.includes('--mock');
const PACKAGES = ['client', 'mock', 'server', 'elements', 'console'];

function run(command, args) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0
        ? resolvePromise()
        : reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`)),
    );
  });
}

function port(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new Error(`${name} must be a port number (0-65535), got "${raw}"`);
  }
  return value;
}

async function main() {
  const closers = [];
  let stopping = false;
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    for (const close of closers.reverse()) await close().catch(() => {});
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  try {
    const missing = PACKAGES.filter((name) => !existsSync(join(root, 'packages', name, 'dist')));
    if (missing.length > 0) {
      console.log(`Building (no build yet for ${missing.join(', ')})…`);
      await run('npm', ['run', 'build']);
    } else if (!mock) {
      // The page runs the packages' sources; the server runs its build: bring it up to date
      // (incremental, a no-op when nothing changed).
      await run(process.execPath, [
        join(root, 'node_modules/typescript/bin/tsc'),
        '-b',
        'packages/server',
      ]);
    }

    if (mock) {
      process.env.VITE_CERCLE_MOCK = '1';
      delete process.env.VITE_CERCLE_API;
    } else {
      const serverEntry = pathToFileURL(join(root, 'packages/server/dist/index.js')).href;
      const { createServer } = await import(serverEntry);
      const db = resolve(root, process.env.CERCLE_DB || '.cercle/demo.db');
      mkdirSync(dirname(db), { recursive: true });
      const api = await createServer({
        db,
        port: port('CERCLE_PORT', 8787),
        host: '127.0.0.1',
        hostKey: process.env.CERCLE_HOST_KEY || undefined,
        seed: 'demo',
        // The playground's origin, whatever port vite ends up on.
        allowedOrigins: ['http://127.0.0.1:*', 'http://localhost:*'],
        logger: (line) => console.log(`[api] ${line}`),
      });
      closers.push(() => api.close());
      process.env.VITE_CERCLE_API = api.url;
      delete process.env.VITE_CERCLE_MOCK;
      const shown = relative(root, db).startsWith('..') ? db : relative(root, db);
      console.log(`Cercle API: ${api.url} (SQLite ${shown})`);
      console.log(
        `Cercle operator key: ${api.hostKey}${api.hostKeyGenerated ? ' (generated; set CERCLE_HOST_KEY to choose one)' : ''}`,
      );
      // The demo owner's key (demo only; see docs/console.md for real communities).
      console.log('Cercle host key: demo-owner-key-maison-verte (owner of maison-verte)');
    }

    const { createServer: createViteServer } = await import('vite');
    const vite = await createViteServer({
      configFile: join(root, 'vite.config.ts'),
      clearScreen: false,
      server: { port: port('PLAYGROUND_PORT', 5173) },
    });
    closers.push(() => vite.close());
    await vite.listen();
    const url = vite.resolvedUrls?.local[0];
    if (!url) throw new Error('the playground server did not report its URL');
    if (mock) console.log('Cercle API: msw mock in the page (service worker), no server');
    console.log(`Cercle playground: ${url}`);
    console.log(`Cercle reviews page: ${new URL('wall.html', url).href}`);
    console.log(`Cercle host page: ${new URL('host.html', url).href}`);
    if (process.env.VITE_CERCLE_API) {
      console.log(`Cercle host console: ${process.env.VITE_CERCLE_API}/console/`);
    }
    console.log('Press Ctrl+C to stop.');
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await stop(1);
  }
}

await main();
