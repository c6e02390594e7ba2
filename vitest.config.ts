import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** Tests run against the packages' sources, not their builds. */
const alias = [
  { find: /^@cercle\/client\/demo$/, replacement: src('./packages/client/src/demo.ts') },
  { find: /^@cercle\/client\/contract$/, replacement: src('./packages/client/src/contract.ts') },
  { find: /^@cercle\/client\/admin$/, replacement: src('./packages/client/src/admin.ts') },
  { find: /^@cercle\/client\/browser$/, replacement: src('./packages/client/src/browser.ts') },
  { find: /^@cercle\/client\/check$/, replacement: src('./packages/client/src/check.ts') },
  {
    find: /^@cercle\/client\/route-docs$/,
    replacement: src('./packages/client/src/route-docs.ts'),
  },
  { find: /^@cercle\/client$/, replacement: src('./packages/client/src/index.ts') },
  { find: /^@cercle\/mock\/node$/, replacement: src('./packages/mock/src/node.ts') },
  { find: /^@cercle\/mock$/, replacement: src('./packages/mock/src/index.ts') },
  { find: /^@cercle\/server\/app$/, replacement: src('./packages/server/src/app-entry.ts') },
  { find: /^@cercle\/server$/, replacement: src('./packages/server/src/index.ts') },
  {
    find: /^@cercle\/conformance\/vitest$/,
    replacement: src('./packages/conformance/src/vitest.ts'),
  },
  { find: /^@cercle\/conformance$/, replacement: src('./packages/conformance/src/index.ts') },
];

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'client',
          include: ['packages/client/test/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'server',
          include: ['packages/server/test/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/postgres/setup.ts'],
          testTimeout: 20_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'mock',
          include: ['packages/mock/test/**/*.test.ts'],
          environment: 'node',
          // The first test opens sql.js and seeds the demo (with its KPI history).
          testTimeout: 20_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'elements',
          include: ['packages/elements/test/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'conformance',
          include: ['packages/conformance/test/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/postgres/setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/postgres/setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
