/**
 * `configure()`: its own small module (the page store only), so `dist/cercle.js` can offer it
 * in its first load without the client or any widget.
 */
import { configStore, type CercleConfig } from './stores.js';

export type { CercleConfig } from './stores.js';

/**
 * Sets the page-level configuration of every Cercle widget on the page (merged into what
 * was set before). Widgets already on the page follow the change.
 *
 * ```js
 * import { configure } from '@cercle/elements';
 * configure({ api: 'https://api.example.com', locale: 'fr' });
 * ```
 */
export function configure(config: CercleConfig): void {
  const store = configStore();
  store.set({ ...store.get(), ...config });
}
