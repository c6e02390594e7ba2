// `npm run size`: what each entry costs a page, minified and compressed, with its budget.
// Bundles from source with esbuild as the production build does (dev warnings and checks
// stripped, nanostores' development checks too, template white space minified with the
// build's own minifier, lazy `import()`s split into chunks), with everything a page loads
// (lit, nanostores, floating-ui, the client), so the figures do not depend on a prior build.
// "first load" is the entry file and the chunks it imports statically, what a page pays
// before a widget needs a lazy chunk (the popover, the French terms, a form); "all" adds
// every lazy chunk. Each file is compressed on its own, as a server sends it. Budgets apply
// to the first load, in gzip bytes: that is what every page with the widget pays.
//
// Each entry has a budget (issue #13's floor) and, while the floor is not reached, a ceiling:
// the figure measured when the last step landed, plus 0.3 KB. `--check` (in `npm test`) fails
// past the ceiling, so a regression fails CI; a step that cuts bytes lowers the ceiling in the
// same commit, and the ceiling goes once the entry is within its budget.
//
// Writes the table into README.md (between the size markers); `--check` writes nothing and
// exits 1 when an entry is over its ceiling (or its budget, when it has no ceiling) or the
// README's figures are more than 0.5 KB off what it measures.
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { minifyTemplate } from '../packages/elements/build/minify-templates.mjs';
import { firstLoad } from './lib/first-load.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const check = process.argv.includes('--check');
const KB = 1024;

// The floors of issue #13 (targets: 18 KB a widget, 30 KB the whole SDK).
const WIDGET_BUDGET = 22 * KB;
const browserClient = existsSync(`${root}/packages/client/src/browser.ts`)
  ? 'packages/client/src/browser.ts'
  : 'packages/client/src/index.ts';
const entries = [
  // What a widget bundles of the client: the browser entry (no schema library; full
  // contract checks only in dev builds).
  { name: '@cercle/client (browser)', file: browserClient, budget: 5 * KB },
  {
    name: '<cercle-join> alone',
    file: 'packages/elements/src/join/cercle-join.ts',
    budget: WIDGET_BUDGET,
    ceiling: 24.0 * KB,
  },
  // The board, its store and the live client; host paths, the report dialog and the join
  // card it opens for visitors are lazy.
  {
    name: '<cercle-qa> alone',
    file: 'packages/elements/src/qa/cercle-qa.ts',
    budget: WIDGET_BUDGET,
    ceiling: 33.6 * KB,
  },
  // The teaser, reveal and copy; the join card it opens for visitors is lazy.
  {
    name: '<cercle-promo> alone',
    file: 'packages/elements/src/promo/cercle-promo.ts',
    budget: WIDGET_BUDGET,
    ceiling: 23.3 * KB,
  },
  // The wall's first page of cards; the form, the photo viewer, the member's own
  // testimonials, the report dialog and the join card are lazy.
  {
    name: '<cercle-wall> alone',
    file: 'packages/elements/src/wall/cercle-wall.ts',
    budget: WIDGET_BUDGET,
    ceiling: 32.4 * KB,
  },
  // The script-tag entry: the autoloader, configure() and the page store. "all" is every
  // widget chunk it may load.
  { name: 'cercle.js (autoloader)', file: 'packages/elements/src/cercle.ts', budget: 2 * KB },
  // Every widget defined on one page, all loaded up front: what the whole SDK costs a page.
  {
    name: 'whole SDK: all four widgets on one page',
    imports: ['join/cercle-join', 'qa/cercle-qa', 'wall/cercle-wall', 'promo/cercle-promo'].map(
      (w) => `packages/elements/src/${w}.ts`,
    ),
    budget: 40 * KB,
    ceiling: 58.5 * KB,
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
  const { chunks } = await firstLoad({
    root,
    ...(entry.file
      ? { entry: `${root}/${entry.file}` }
      : {
          stdin: {
            contents: imports.map((f) => `import './${f}';`).join('\n'),
            sourcefile: 'all-widgets.js',
          },
        }),
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
  let firstGz = 0;
  let allGz = 0;
  let allBr = 0;
  for (const chunk of chunks) {
    const gz = gzip(chunk.contents);
    allGz += gz;
    allBr += brotli(chunk.contents);
    if (chunk.first) firstGz += gz;
  }
  const limit = entry.ceiling ?? entry.budget;
  const ok = firstGz <= limit;
  if (!ok) failed = true;
  rows.push({
    entry: entry.name,
    'first load (gzip)': kb(firstGz),
    'all (gzip)': kb(allGz),
    'all (brotli)': kb(allBr),
    budget: kb(entry.budget),
    ceiling: entry.ceiling ? kb(entry.ceiling) : '—',
    ok: !ok ? 'OVER' : firstGz <= entry.budget ? 'yes' : 'under ceiling, over budget',
  });
}
console.table(rows);

const START = '<!-- size table start (npm run size) -->';
const END = '<!-- size table end -->';
const table = [
  '| entry | first load (gzip) | all chunks (gzip) | all chunks (brotli) | budget (first load) | ceiling until then |',
  '| --- | --- | --- | --- | --- | --- |',
  ...rows.map(
    (r) =>
      `| ${r.entry.replace(/[<>]/g, (c) => (c === '<' ? '`<' : '>`'))} | ${r['first load (gzip)']} | ${r['all (gzip)']} | ${r['all (brotli)']} | ${r.budget} | ${r.ceiling} |`,
  ),
].join('\n');
const readmePath = `${root}/README.md`;
const readme = readFileSync(readmePath, 'utf8');
const at = readme.indexOf(START);
const end = readme.indexOf(END);
if (at < 0 || end < at) {
  console.error(`size: README.md has no size table markers (${START} … ${END})`);
  process.exit(1);
}
const current = readme.slice(at + START.length, end).trim();
if (check) {
  // Figures in the README that are more than 0.5 KB off: the table is stale.
  const figures = (t) => [...t.matchAll(/([\d.]+) KB/g)].map((m) => Number(m[1]));
  const want = figures(table);
  const have = figures(current);
  if (want.length !== have.length || want.some((n, i) => Math.abs(n - have[i]) > 0.5)) {
    console.error('size: the table in README.md is stale: run `npm run size` and commit it');
    failed = true;
  }
} else if (current !== table) {
  writeFileSync(
    readmePath,
    readme.slice(0, at + START.length) + '\n\n' + table + '\n\n' + readme.slice(end),
  );
  console.log('size: README.md table updated');
}
if (failed) {
  console.error('size: an entry is over its gzip ceiling or budget, or the README is stale');
  process.exit(1);
}
