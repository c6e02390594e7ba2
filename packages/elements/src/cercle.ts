/**
 * Every Cercle widget, self-registering: the entry behind `dist/cercle.js`, for a plain
 * `<script type="module" src=".../cercle.js">`. It also exposes the package's exports, so a
 * page can `import { configure } from '.../cercle.js'`.
 */
import './join/cercle-join.js';
import './qa/cercle-qa.js';

export * from './index.js';
