/**
 * Registers `<cercle-qa>`. Importing this module defines the element (its only side effect);
 * import `CercleQa` from the package root to register it yourself, e.g. in a scoped registry.
 * The `<cercle-join>` card it opens for visitors is loaded (and registered) on first use.
 */
import { CercleQa } from './qa.js';

export * from './qa.js';

CercleQa.define('cercle-qa');

declare global {
  interface HTMLElementTagNameMap {
    'cercle-qa': CercleQa;
  }
}
