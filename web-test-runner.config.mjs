// Component tests of @cercle/elements and the console in a real browser: Debian's Chromium, headless.
// `npm run test:browser` runs every group; `npm run test:widget -- join` one widget.
import { readdirSync, existsSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';

const widgetsDir = new URL('./packages/elements/src/', import.meta.url);
const groups = readdirSync(widgetsDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .filter((name) =>
    readdirSync(new URL(`${name}/`, widgetsDir)).some((f) => f.endsWith('.test.ts')),
  )
  .map((name) => ({ name, files: `packages/elements/src/${name}/**/*.test.ts` }));
// The host console (packages/console): one more group, `npx web-test-runner --group console`.
groups.push({ name: 'console', files: 'packages/console/src/**/*.test.ts' });

const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
if (!existsSync(executablePath)) {
  throw new Error(
    `Chromium not found at ${executablePath}: install Debian's chromium or set CHROME_PATH`,
  );
}

/**
 * sql.js (the in-memory SQLite the test backend runs on) ships as a UMD script: served to the
 * browser as an ES module whose default export is what it assigns to `module.exports`.
 */
const sqlJsAsModule = {
  name: 'sql-js-as-module',
  transform(context) {
    if (!context.path.endsWith('/sql.js/dist/sql-wasm-inline.js')) return undefined;
    return {
      body: `var module = { exports: {} };\nvar exports = module.exports;\n${context.body}\nexport default module.exports;\n`,
    };
  },
};

export default {
  groups,
  nodeResolve: { exportConditions: ['source', 'development'] },
  concurrency: 1,
  testFramework: { config: { timeout: 5000 } },
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'packages/elements/tsconfig.json' }),
    sqlJsAsModule,
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        args: [
          '--no-sandbox',
          '--headless=new',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      },
    }),
  ],
};
