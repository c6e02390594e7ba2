/**
 * The autoloader behind `dist/cercle.js`: it defines each Cercle widget the first time its
 * tag shows up in the page, by loading that widget's chunk. A page with only a
 * `<cercle-join>` loads the join widget and nothing of the Q&A, the wall or the promo.
 *
 * It looks once at the document and then watches it (a `MutationObserver` on the document's
 * subtree), so tags added later, by a framework or a CMS, load too. Tags inside another
 * script's shadow roots are not seen: import the widget's own entry
 * (`@cercle/elements/wall`…) or call `load('cercle-wall')` there.
 */

/** Every widget of the SDK, by tag, with the chunk that defines it. */
export const widgets = {
  'cercle-join': () => import('./join/cercle-join.js'),
  'cercle-qa': () => import('./qa/cercle-qa.js'),
  'cercle-wall': () => import('./wall/cercle-wall.js'),
  'cercle-promo': () => import('./promo/cercle-promo.js'),
} as const;

export type WidgetTag = keyof typeof widgets;

const loading = new Map<WidgetTag, Promise<void>>();
const isWidget = (tag: string): tag is WidgetTag => Object.hasOwn(widgets, tag);

/**
 * Loads and defines one widget (once; a failed load is tried again on the next call).
 * Resolves when the tag is defined.
 */
export function load(tag: WidgetTag): Promise<void> {
  let pending = loading.get(tag);
  if (!pending) {
    pending = widgets[tag]().then(
      () => undefined,
      (error: unknown) => {
        loading.delete(tag);
        console.error(`Cercle: could not load <${tag}>`, error);
        throw error;
      },
    );
    loading.set(tag, pending);
  }
  return pending;
}

const selector = Object.keys(widgets).join(',');

/** Starts loading a widget found in the page; a failure is already reported by `load`. */
const found = (el: Element) => {
  if (isWidget(el.localName)) load(el.localName).catch(() => {});
};

/** Loads every widget whose tag is `root` or inside it. */
function scan(root: Element | Document): void {
  if (root instanceof Element) found(root);
  root.querySelectorAll(selector).forEach(found);
}

let observer: MutationObserver | undefined;

/** Starts the autoloader on `document` (idempotent). */
export function autoload(doc: Document = document): void {
  if (observer) return;
  scan(doc);
  observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) if (node instanceof Element) scan(node);
    }
    // Once every widget is loaded there is nothing left to watch for.
    if (loading.size === Object.keys(widgets).length) observer?.disconnect();
  });
  observer.observe(doc, { childList: true, subtree: true });
}
