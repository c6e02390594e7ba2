/**
 * The playground's dev server (`npm start`, `npm run dev:mock`): serves `playground/` and
 * resolves `@cercle/*` through their `source` export condition, so the page runs the
 * packages' TypeScript sources with no build step in between.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig, defaultClientConditions } from 'vite';

const page = (name: string) => fileURLToPath(new URL(`./playground/${name}`, import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('./playground', import.meta.url)),
  // Three pages: the brand's product page, its members' reviews page and the host console.
  build: {
    rolldownOptions: {
      input: { main: page('index.html'), wall: page('wall.html'), host: page('host.html') },
    },
  },
  // `resolve.conditions` replaces vite's defaults, so keep them after `source`.
  resolve: { conditions: ['source', ...defaultClientConditions] },
  server: { host: '127.0.0.1', port: 5173, strictPort: false },
  preview: { host: '127.0.0.1' },
});
