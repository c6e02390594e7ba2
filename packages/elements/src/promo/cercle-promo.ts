/**
 * Registers `<cercle-promo>`. Importing this module defines the element (its only side
 * effect); import `CerclePromo` from the package root to register it yourself, e.g. in a
 * scoped registry. The `<cercle-join>` card it opens for visitors is loaded (and registered)
 * on first use.
 */
import { CerclePromo } from './promo.js';

export * from './promo.js';

CerclePromo.define('cercle-promo');

declare global {
  interface HTMLElementTagNameMap {
    'cercle-promo': CerclePromo;
  }
}
