// What a page loads for an entry of the SDK, bundled from source as the production build
// does (esbuild: minified, split at each `import()`, dev checks stripped, the `source`
// condition): every output chunk, and which of them a page loads first — the entry's own
// output and what it imports statically, transitively (a lazy chunk waits for its
// `import()`). Shared by `npm run size` (scripts/size.mjs) and the client's bundle test
// (packages/client/test/browser.test.ts), so "first load" means one thing.
import { build } from 'esbuild';

/**
 * @param {{ root: string, entry?: string, stdin?: { contents: string, sourcefile: string },
 *   plugins?: import('esbuild').Plugin[] }} options `entry` (an absolute path) or `stdin`
 *   (resolved from `root`)
 * @returns {Promise<{ chunks: { path: string, contents: Uint8Array, first: boolean }[],
 *   inputs: string[] }>} the JS chunks, and the source files (root-relative) in the first load
 */
export async function firstLoad({ root, entry, stdin, plugins = [] }) {
  const result = await build({
    ...(entry ? { entryPoints: { entry } } : { stdin: { ...stdin, resolveDir: root } }),
    absWorkingDir: root,
    bundle: true,
    splitting: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    conditions: ['source'],
    outdir: `${root}/.bundle`, // not written
    write: false,
    metafile: true,
    logLevel: 'silent',
    define: { __CERCLE_DEV__: 'false', 'process.env.NODE_ENV': '"production"' },
    plugins,
  });
  const { outputs } = result.metafile;
  const first = new Set();
  const visit = (path) => {
    if (first.has(path)) return;
    first.add(path);
    for (const i of outputs[path]?.imports ?? []) {
      if (!i.external && i.kind === 'import-statement') visit(i.path);
    }
  };
  // The entry's own output, named after it (lazy chunks are entry points too, of their own
  // `import()`, so `entryPoint` alone does not tell).
  visit(Object.keys(outputs).find((p) => /\/(entry|stdin)\.js$/.test(p)));
  const relative = (abs) => abs.slice(root.replace(/\/?$/, '/').length);
  const chunks = result.outputFiles
    .filter((f) => f.path.endsWith('.js'))
    .map((f) => ({ path: f.path, contents: f.contents, first: first.has(relative(f.path)) }));
  const inputs = [...first].flatMap((out) =>
    Object.entries(outputs[out].inputs)
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([path]) => path),
  );
  return { chunks, inputs };
}
