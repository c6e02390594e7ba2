/**
 * The console's entry point (index.html loads it): defines `<cercle-console>`, which the page
 * already contains. Screens load lazily from there.
 */
import './app.js';
