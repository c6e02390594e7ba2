/**
 * Registers `<cercle-wall>`. Importing this module defines the element (its only side effect);
 * import `CercleWall` from the package root to register it yourself, e.g. in a scoped registry.
 * The `<cercle-join>` card it opens for visitors is loaded (and registered) on first use.
 */
import { CercleWall } from './wall.js';

export * from './wall.js';

CercleWall.define('cercle-wall');

declare global {
  interface HTMLElementTagNameMap {
    'cercle-wall': CercleWall;
  }
}
