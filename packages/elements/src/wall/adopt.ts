import type { CSSResult } from 'lit';

/**
 * Adds a lazy part's stylesheet to the shadow root `node` renders in (the wall's), once: the
 * parts loaded with `import()` (the form, the member's own list, the carousel) bring their own
 * CSS, so the first load carries only the wall's.
 */
export function adopt(node: Node, sheet: CSSResult): void {
  const root = node.getRootNode();
  const css = sheet.styleSheet;
  if (!(root instanceof ShadowRoot) || !css || root.adoptedStyleSheets.includes(css)) return;
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, css];
}
