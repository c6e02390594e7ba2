/**
 * The playground's dev server (`npm start`, `npm run dev:mock`): serves `playground/` and
 * resolves `@cercle/*` through their `source` export condition, so the page runs the
 * packages' TypeScript sources with no build step in between.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig, defaultClientConditions } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('./playground', import.meta.url)),
  // `resolve.conditions` replaces vite's defaults, so keep them after `source`.
  resolve: { conditions: ['source', ...defaultClientConditions] },
  server: { host: '127.0.0.1', port: 5173, strictPort: false },
  preview: { host: '127.0.0.1' },
});
