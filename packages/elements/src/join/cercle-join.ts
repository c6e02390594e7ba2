/**
 * Registers `<cercle-join>`. Importing this module defines the element (its only side
 * effect); import `CercleJoin` from the package root to register it yourself, e.g. in a
 * scoped registry.
 */
import { CercleJoin } from './join.js';

export * from './join.js';

CercleJoin.define('cercle-join');

declare global {
  interface HTMLElementTagNameMap {
    'cercle-join': CercleJoin;
  }
}
