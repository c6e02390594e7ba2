/**
 * The entry behind `dist/cercle.js`, for a plain `<script type="module" src=".../cercle.js">`.
 * It is small: it loads each widget's chunk (from next to itself) the first time its tag is
 * in the page, so a page pays only for the widgets it shows. A page can also
 * `import { configure } from '.../cercle.js'`, or `load('cercle-wall')` for a tag placed
 * where the autoloader cannot see it (another script's shadow root). The widget classes and
 * event classes come from the npm entries (`@cercle/elements`).
 */
import { autoload } from './autoload.js';

export { configure, type CercleConfig } from './internal/configure.js';
export { load, widgets, type WidgetTag } from './autoload.js';
export { VERSION } from './internal/version.js';

if (typeof document !== 'undefined') autoload();
