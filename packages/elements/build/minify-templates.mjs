// The template minifier of @cercle/elements' build (vite.config.ts) and of `npm run size`.
//
// Lit ships template text verbatim. In the styles modules (all CSS) drop comments and white
// space; in the template modules (multi-line literals are all HTML, where runs of white space
// mean one space) drop indentation, and drop line breaks where they render nothing: before
// and after the tag of a block (a line's leading and trailing white space) and between the
// shapes of an SVG. Each is a text node fewer to clone, walk and lay out per template: a wall
// of a thousand cards has ~40,000 fewer nodes. Breaks between inline elements stay (they are
// a space); so must the templates keep `white-space: pre*` text hugging its tags (they do).
// Source maps drift by the lines dropped inside templates.

/** Tags whose boxes are blocks in every widget's CSS (or flex/grid items, or SVG shapes). */
const blocks =
  'div|p|ul|ol|li|header|footer|section|article|aside|nav|form|fieldset|legend|h[1-6]|dl|dt|dd|details|summary|figure|figcaption|select|option';
const shapes = 'path|circle|rect|polygon|polyline|line|ellipse|g';
/** A line break (with its indentation) next to a block's tag, or inside an `<svg>`. */
const breaks = [
  new RegExp(`\\s*\\n\\s*(?=<\\/?(?:${blocks}|${shapes})[\\s>/]|<\\/svg[\\s>])`, 'g'),
  new RegExp(`(<(?:\\/?(?:${blocks}|${shapes})|svg)(?:\\s[^<>\`]*)?>)\\s*\\n\\s*`, 'g'),
];

/** Modules that are all CSS. */
const styles = /\/src\/(internal\/tokens|.*\.styles)\.ts$/;
/**
 * Modules whose multi-line template literals are all HTML (or CSS, where indentation is as
 * idle): every module of the widgets but the tests and `internal/dev.ts` (its warnings are
 * multi-line text). A new module with multi-line text that is not markup goes in that list.
 */
const markup = /\/elements\/src\/(?!test\/)(?!internal\/dev\.ts$)(?!.*\.test\.ts$).*\.ts$/;

/**
 * The minified source of a module, or `undefined` when it is not one the minifier handles.
 * @param {string} code
 * @param {string} id the module's path
 * @returns {string | undefined}
 */
export function minifyTemplate(code, id) {
  if (styles.test(id)) {
    return code
      .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ''))
      .replace(/[ \t]+/g, ' ')
      .replace(/ ?([{};,]) ?/g, '$1')
      .replace(/: /g, ':')
      .replace(/\n /g, '\n');
  }
  if (markup.test(id)) {
    return code
      .replace(breaks[0], '')
      .replace(breaks[1], '$1')
      .replace(/\n[ \t]+/g, '\n');
  }
  return undefined;
}
