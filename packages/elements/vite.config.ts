/**
 * Two library builds of @cercle/elements (vite 8 / rolldown), both minified, ES2022:
 *
 * - `vite build` — the npm entries: `dist/index.js` (classes, events, configure; no side
 *   effect), `dist/join/cercle-join.js` (defines `<cercle-join>`) and `dist/qa/cercle-qa.js`
 *   (defines `<cercle-qa>` and the `<cercle-join>` it opens), one file per source
 *   module so bundlers tree-shake and `sideEffects` stays exact. lit, nanostores,
 *   @floating-ui/dom and @cercle/client stay external: the app's bundler dedupes them.
 * - `vite build --mode bundle` — `dist/cercle.js`, every widget self-registering for a plain
 *   `<script type="module">`, with everything inside (lit, nanostores, the client). What only
 *   some pages need — the popover (floating-ui) and the French terms — are lazy chunks in
 *   `dist/chunks/`, loaded relative to `cercle.js` when first used.
 *
 * `@cercle/client` is resolved through its `source` export condition, so the bundle does not
 * depend on the client having been built first. Type declarations come from `tsc -b`
 * (`dist/types`), the manifest from the CEM analyzer (`npm run manifest`).
 */
import { readFileSync } from 'node:fs';
import { defaultClientConditions, defineConfig, type Plugin } from 'vite';
import { VERSION } from './src/internal/version.ts';
import { minifyTemplate } from './build/minify-templates.mjs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};
if (pkg.version !== VERSION) {
  throw new Error(`src/internal/version.ts says ${VERSION}, package.json says ${pkg.version}`);
}

const external =
  /^(lit|lit-html|lit-element|nanostores|@lit\/[^/]+|@floating-ui\/[^/]+|@cercle\/client)(\/|$)/;

/** The template minifier (build/minify-templates.mjs), shared with `npm run size`. */
function minifyTemplates(): Plugin {
  return {
    name: 'cercle:minify-templates',
    enforce: 'pre',
    transform(code, id) {
      const min = minifyTemplate(code, id);
      return min === undefined ? undefined : { code: min, map: null };
    },
  };
}

const npmEntries: Record<string, string> = {
  index: 'src/index.ts',
  'join/cercle-join': 'src/join/cercle-join.ts',
  'qa/cercle-qa': 'src/qa/cercle-qa.ts',
  'wall/cercle-wall': 'src/wall/cercle-wall.ts',
  'promo/cercle-promo': 'src/promo/cercle-promo.ts',
};
const bundleEntries: Record<string, string> = { cercle: 'src/cercle.ts' };

export default defineConfig(({ mode }) => {
  const bundle = mode === 'bundle';
  return {
    define: {
      // Strips the dev warnings (src/internal/dev.ts) and nanostores' development checks.
      __CERCLE_DEV__: 'false',
      'process.env.NODE_ENV': JSON.stringify('production'),
    },
    plugins: [minifyTemplates()],
    resolve: { conditions: ['source', ...defaultClientConditions] },
    build: {
      target: 'es2022',
      minify: true,
      sourcemap: true,
      emptyOutDir: !bundle,
      reportCompressedSize: bundle,
      lib: { entry: bundle ? bundleEntries : npmEntries, formats: ['es'] },
      rolldownOptions: bundle
        ? {
            output: {
              entryFileNames: '[name].js',
              chunkFileNames: 'chunks/[name]-[hash].js',
              // vite keeps white space in ES library output; a script tag wants it all gone
              minify: true,
            },
          }
        : {
            external: (id) => external.test(id),
            output: {
              preserveModules: true,
              preserveModulesRoot: 'src',
              entryFileNames: '[name].js',
              minify: true,
            },
          },
    },
  };
});
