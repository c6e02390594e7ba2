// The Custom Elements Manifest (custom-elements.json), generated from the widgets' JSDoc
// headers (STYLE.md §2): `npm run manifest`. Docs tables, editor data and JSX types read it.

/** Records `CercleJoin.define('cercle-join')` (our registration) as a definition export. */
function defineCalls() {
  return {
    name: 'cercle-define-calls',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isCallExpression(node)) return;
      const callee = node.expression;
      const [tag] = node.arguments;
      if (
        !ts.isPropertyAccessExpression(callee) ||
        callee.name.text !== 'define' ||
        !ts.isIdentifier(callee.expression) ||
        !tag ||
        !ts.isStringLiteral(tag)
      ) {
        return;
      }
      (moduleDoc.exports ??= []).push({
        kind: 'custom-element-definition',
        name: tag.text,
        declaration: { name: callee.expression.text, module: '' },
      });
    },
    packageLinkPhase({ customElementsManifest }) {
      const where = new Map();
      for (const mod of customElementsManifest.modules) {
        for (const d of mod.declarations ?? []) where.set(d.name, mod.path);
      }
      for (const mod of customElementsManifest.modules) {
        for (const e of mod.exports ?? []) {
          if (e.kind === 'custom-element-definition' && e.declaration.module === '') {
            e.declaration.module = where.get(e.declaration.name) ?? mod.path;
          }
        }
      }
    },
  };
}

/** Private members (`#x`, `private`) are not API: leave them out. */
function noPrivates() {
  return {
    name: 'cercle-no-privates',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const d of mod.declarations ?? []) {
          if (d.members) {
            d.members = d.members.filter((m) => m.privacy !== 'private' && !m.name.startsWith('#'));
          }
        }
      }
    },
  };
}

export default {
  // The widgets, their events and the base class they inherit from; not the other internals.
  globs: ['src/*.ts', 'src/!(internal|locales|test)/**/*.ts', 'src/internal/cercle-element.ts'],
  // Stores are internals too (the widgets' state), not API.
  exclude: ['src/**/*.test.ts', 'src/**/*.styles.ts', 'src/**/store.ts'],
  outdir: '.',
  litelement: true,
  plugins: [defineCalls(), noPrivates()],
};
