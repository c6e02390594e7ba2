// `npm run size`: what each entry costs a page, minified and compressed, with its budget.
// Bundles from source with esbuild (everything a page would load: lit, nanostores,
// floating-ui, valibot, the client), so the figures do not depend on a prior build.
import { build } from 'esbuild';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Budgets in bytes, gzip. The whole SDK target is under 30 KB (issue #5). */
const entries = [
  {
    name: '@cercle/client (createClient + contract)',
    file: 'packages/client/src/index.ts',
    budget: 8_000,
  },
  {
    name: '<cercle-join> alone',
    file: 'packages/elements/src/join/cercle-join.ts',
    budget: 22_000,
  },
  {
    name: 'whole SDK (cercle.js, all widgets)',
    file: 'packages/elements/src/cercle.ts',
    budget: 30_000,
  },
];

const kb = (n) => `${(n / 1024).toFixed(2)} KB`;
let failed = false;
const rows = [];
for (const entry of entries) {
  if (!existsSync(`${root}/${entry.file}`)) continue;
  const result = await build({
    entryPoints: [`${root}/${entry.file}`],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    conditions: ['source'],
    write: false,
    logLevel: 'silent',
    define: { 'import.meta.env.DEV': 'false' },
  });
  const code = result.outputFiles[0].contents;
  const gz = gzipSync(code, { level: 9 }).length;
  const br = brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  const ok = gz <= entry.budget;
  if (!ok) failed = true;
  rows.push({
    entry: entry.name,
    minified: kb(code.length),
    gzip: kb(gz),
    brotli: kb(br),
    budget: kb(entry.budget),
    ok: ok ? 'yes' : 'OVER',
  });
}
console.table(rows);
if (failed) {
  console.error('size: an entry is over its gzip budget');
  process.exit(1);
}
