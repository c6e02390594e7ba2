// `npm run size`: what each entry costs a page, minified and compressed, with its budget.
// Bundles from source with esbuild as the production build does (dev warnings and
// nanostores' development checks stripped, template white space minified with the build's
// own minifier, lazy `import()`s split into chunks), with everything a page loads (lit,
// nanostores, floating-ui, valibot, the client), so the figures do not depend on a prior
// build. "first load" is the entry file and the chunks it imports statically, what a page
// pays before a widget needs a lazy chunk (the popover, the French terms); "all" adds every
// lazy chunk. Budgets apply to the first load, in gzip bytes:
// that is what every page with the widget pays.
import { build } from 'esbuild';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { existsSync, readFileSync } from 'node:fs';
import { minifyTemplate } from '../packages/elements/build/minify-templates.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The whole SDK target is under 30 KB gzip (issue #5). */
const entries = [
  { name: '@cercle/client', file: 'packages/client/src/index.ts', budget: 6 * 1024 },
  {
    name: '<cercle-join> alone',
    file: 'packages/elements/src/join/cercle-join.ts',
    budget: 25 * 1024,
  },
  // The board, its store and the live client; the join card it opens for visitors is lazy.
  {
    name: '<cercle-qa> alone',
    file: 'packages/elements/src/qa/cercle-qa.ts',
    budget: 36 * 1024,
  },
  // The teaser, reveal and copy; the join card it opens for visitors is lazy.
  {
    name: '<cercle-promo> alone',
    file: 'packages/elements/src/promo/cercle-promo.ts',
    budget: 25 * 1024,
  },
  // The wall and its form; the join card it opens for visitors is lazy.
  {
    name: '<cercle-wall> alone',
    file: 'packages/elements/src/wall/cercle-wall.ts',
    budget: 30 * 1024,
  },
  // The script-tag entry: the autoloader, configure() and the page store. "all" is every
  // widget chunk it may load.
  { name: 'cercle.js (autoloader)', file: 'packages/elements/src/cercle.ts', budget: 30 * 1024 },
  // Every widget defined on one page, all loaded up front: what the whole SDK costs a page.
  {
    name: 'whole SDK: all four widgets on one page',
    imports: ['join/cercle-join', 'qa/cercle-qa', 'wall/cercle-wall', 'promo/cercle-promo'].map(
      (w) => `packages/elements/src/${w}.ts`,
    ),
    budget: 30 * 1024,
  },
];

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const gzip = (bytes) => gzipSync(bytes, { level: 9 }).length;
const brotli = (bytes) =>
  brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

let failed = false;
const rows = [];
for (const entry of entries) {
  if (entry.file && !existsSync(`${root}/${entry.file}`)) continue;
  const missing = (entry.imports ?? []).filter((f) => !existsSync(`${root}/${f}`));
  const imports = (entry.imports ?? []).filter((f) => !missing.includes(f));
  if (missing.length) entry.name += ` (missing: ${missing.join(', ')})`;
  const result = await build({
    ...(entry.file
      ? { entryPoints: { entry: `${root}/${entry.file}` } }
      : {
          stdin: {
            contents: imports.map((f) => `import './${f}';`).join('\n'),
            resolveDir: root,
            sourcefile: 'all-widgets.js',
          },
        }),
    bundle: true,
    splitting: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    conditions: ['source'],
    outdir: `${root}/.size`,
    write: false,
    metafile: true,
    logLevel: 'silent',
    define: { __CERCLE_DEV__: 'false', 'process.env.NODE_ENV': '"production"' },
    // The build's template minifier (CSS and HTML white space), as vite applies it.
    plugins: [
      {
        name: 'minify-templates',
        setup(b) {
          b.onLoad({ filter: /packages\/elements\/src\/.*\.ts$/ }, (args) => {
            const code = minifyTemplate(readFileSync(args.path, 'utf8'), args.path);
            return code === undefined ? undefined : { contents: code, loader: 'ts' };
          });
        },
      },
    ],
  });
  const files = new Map(
    result.outputFiles.filter((f) => f.path.endsWith('.js')).map((f) => [f.path, f.contents]),
  );
  const outputs = result.metafile.outputs;
  const abs = (p) => (p.startsWith('/') ? p : `${root}/${p}`).replace(/\/+/g, '/');
  // The entry and what it imports statically, transitively.
  const firstLoad = new Set();
  const visit = (path) => {
    if (firstLoad.has(path)) return;
    firstLoad.add(path);
    const meta = Object.entries(outputs).find(([p]) => abs(p) === path)?.[1];
    for (const imp of meta?.imports ?? [])
      if (imp.kind === 'import-statement') visit(abs(imp.path));
  };
  // The entry's own output, named after it (lazy chunks are entry points too, of their own
  // `import()`, so `entryPoint` alone does not tell).
  visit(abs(Object.keys(outputs).find((p) => /\/(entry|stdin)\.js$/.test(p))));
  let firstGz = 0;
  let allGz = 0;
  let allBr = 0;
  for (const [path, bytes] of files) {
    const gz = gzip(bytes);
    allGz += gz;
    allBr += brotli(bytes);
    if (firstLoad.has(abs(path))) firstGz += gz;
  }
  const ok = firstGz <= entry.budget;
  if (!ok) failed = true;
  rows.push({
    entry: entry.name,
    'first load (gzip)': kb(firstGz),
    'all (gzip)': kb(allGz),
    'all (brotli)': kb(allBr),
    budget: kb(entry.budget),
    ok: ok ? 'yes' : 'OVER',
  });
}
console.table(rows);
if (failed) {
  console.error('size: an entry is over its gzip budget');
  process.exit(1);
}
