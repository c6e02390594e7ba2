// `npm run bench` (part of it): Cumulative Layout Shift of the playground's product page and
// reviews page against the reference server (its seeded demo: ~40 testimonials, some with
// photos the server stores and serves, real text below the widgets), on a desktop and a
// 390 px phone viewport, in English and French, in headless Chromium. `npm start` runs in its
// own process on a temporary SQLite file and free ports; each run is a fresh browser context
// that scrolls the page through (scripts/lib/cls.mjs). Prints the worst CLS of each page and
// what moved; the target is 0 (test/e2e/cls.test.ts holds it in `npm test`). Asserts nothing.
//
//   node scripts/bench-cls.mjs [--runs 3]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './lib/browser.mjs';
import { CLS_PAGES, CLS_VIEWPORTS, measureCls } from './lib/cls.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const RUNS = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;

const dir = mkdtempSync(join(tmpdir(), 'cercle-cls-'));
const app = spawn(process.execPath, ['scripts/start.mjs'], {
  cwd: root,
  env: {
    ...process.env,
    CERCLE_PORT: '0',
    CERCLE_DB: join(dir, 'cls.db'),
    PLAYGROUND_PORT: String(5300 + Math.floor(Math.random() * 500)),
    FORCE_COLOR: '0',
  },
  detached: true,
  stdio: ['ignore', 'pipe', 'pipe'],
});
let output = '';
app.stderr.on('data', (c) => (output += c));
const playground = await new Promise((resolve, reject) => {
  const timer = setTimeout(
    () => reject(new Error(`npm start did not come up:\n${output}`)),
    120_000,
  );
  app.stdout.on('data', (c) => {
    output += c;
    const url = /^Cercle playground: (\S+)/m.exec(output)?.[1];
    if (url) {
      clearTimeout(timer);
      resolve(url);
    }
  });
  app.once('exit', (code) => reject(new Error(`npm start exited (${code}):\n${output}`)));
});
const stop = () => {
  try {
    process.kill(-app.pid, 'SIGTERM');
  } catch {
    // gone
  }
  rmSync(dir, { recursive: true, force: true });
};

const browser = await launchChromium();
const rows = [];
const moved = new Map();
try {
  // Warm-up: vite transforms the modules on first request; the runs below measure the page.
  for (const page of CLS_PAGES) await measureCls(browser, new URL(page.path, playground).href);
  for (const page of CLS_PAGES) {
    for (const viewport of CLS_VIEWPORTS) {
      const values = [];
      for (let i = 0; i < RUNS; i++) {
        const { cls, shifts } = await measureCls(
          browser,
          new URL(page.path, playground).href,
          viewport,
        );
        values.push(cls);
        for (const s of shifts)
          for (const m of s.moved) moved.set(m, (moved.get(m) ?? 0) + s.value);
      }
      rows.push({
        page: page.name,
        viewport: `${viewport.name} ${viewport.width}px`,
        'CLS worst': Math.max(...values).toFixed(4),
        'CLS median': values.sort((a, b) => a - b)[Math.floor(values.length / 2)].toFixed(4),
        runs: RUNS,
      });
    }
  }
} finally {
  await browser.close();
  stop();
}
console.table(rows);
if (moved.size) {
  console.log('What moved (summed shift share over all runs):');
  for (const [what, value] of [...moved].sort((a, b) => b[1] - a[1]).slice(0, 12))
    console.log(`  ${value.toFixed(4)}  ${what}`);
}
