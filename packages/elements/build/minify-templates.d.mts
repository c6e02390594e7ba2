/** The minified source of a module, or `undefined` when it is not one the minifier handles. */
export function minifyTemplate(code: string, id: string): string | undefined;
