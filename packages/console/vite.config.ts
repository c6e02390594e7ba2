/**
 * The console's build: a plain app (not a library) under `/console/`, where the reference
 * server serves it. Everything is a hashed file in `dist/assets/`; `index.html` loads one
 * module script and one stylesheet, so the page runs under a strict CSP
 * (`default-src 'self'; style-src 'self'`…): no inline script (no modulepreload polyfill,
 * which vite would otherwise bundle — not inline — but we do not need it: every browser we
 * support has `modulepreload`), no inline style (components style themselves through Lit's
 * adopted stylesheets), no asset inlined as `data:` except what `img-src data:` allows.
 *
 * `@cercle/client` is resolved through its `source` export condition, so the console does
 * not depend on the client having been built first.
 */
import { defaultClientConditions, defineConfig } from 'vite';

export default defineConfig({
  base: '/console/',
  resolve: { conditions: ['source', ...defaultClientConditions] },
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: true,
  },
  preview: { port: 4174, strictPort: false },
});
