// `npm run docs`: writes each widget page's API tables (docs/widgets/<name>.md, between the
// auto-generated markers) from packages/elements/custom-elements.json, the manifest that the
// widgets' JSDoc produces. `--check` exits 1 when a page is stale or when a public member of a
// widget has no description (STYLE.md §2), without writing anything.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const START = '<!-- auto-generated API docs start -->';
const END = '<!-- auto-generated API docs end -->';

const cell = (s) =>
  String(s ?? '')
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|')
    .trim();
// Escaped once, by `table`: a `|` inside a code span stays `\|` in GFM tables.
const code = (s) =>
  s
    ? `\`${String(s)
        .replace(/\s*\n\s*/g, ' ')
        .trim()}\``
    : '';

function table(title, head, rows) {
  if (rows.length === 0) return '';
  return [
    `### ${title}`,
    '',
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
    '',
  ].join('\n');
}

/** Every custom element declared in the manifest, with its module path. */
export function widgetsOf(manifest) {
  return manifest.modules.flatMap((m) =>
    (m.declarations ?? [])
      .filter((d) => d.customElement && d.tagName)
      .map((d) => ({ ...d, module: m.path })),
  );
}

/** The attributes a page can set: lit's `{ state: true }` properties (`_name`) are not. */
const publicAttributes = (el) =>
  (el.attributes ?? []).filter((a) => !a.name.startsWith('_') && !a.fieldName?.startsWith('_'));

/** Public members without a description: "cercle-join: attribute variant", … */
export function undocumented(manifest) {
  const missing = [];
  for (const el of widgetsOf(manifest)) {
    if (!el.description && !el.summary) missing.push(`${el.tagName}: the element itself`);
    for (const a of publicAttributes(el))
      if (!a.description) missing.push(`${el.tagName}: attribute ${a.name}`);
    for (const m of el.members ?? []) {
      if (m.privacy === 'private' || m.privacy === 'protected' || m.static) continue;
      if (m.name.startsWith('_') || m.inheritedFrom) continue;
      if (!m.description) missing.push(`${el.tagName}: ${m.kind} ${m.name}`);
    }
    for (const e of el.events ?? [])
      if (!e.description) missing.push(`${el.tagName}: event ${e.name}`);
    for (const p of el.cssParts ?? [])
      if (!p.description) missing.push(`${el.tagName}: part ${p.name}`);
    for (const p of el.cssProperties ?? [])
      if (!p.description) missing.push(`${el.tagName}: css property ${p.name}`);
  }
  return missing;
}

/** The markdown API section of one element. */
export function apiSection(el) {
  const attrs = publicAttributes(el).map((a) => [
    code(a.name),
    code(a.fieldName),
    a.description,
    code(a.type?.text),
    code(a.default),
  ]);
  const attributeFields = new Set((el.attributes ?? []).map((a) => a.fieldName));
  const properties = (el.members ?? [])
    .filter((m) => m.kind === 'field' && !attributeFields.has(m.name))
    .filter((m) => m.privacy !== 'private' && m.privacy !== 'protected')
    .filter((m) => !m.static && !m.name.startsWith('_') && !m.inheritedFrom)
    .map((m) => [code(m.name), m.description, code(m.type?.text), code(m.default)]);
  const methods = (el.members ?? [])
    .filter((m) => m.kind === 'method' && m.privacy !== 'private' && m.privacy !== 'protected')
    .filter((m) => !m.static && !m.name.startsWith('_') && !m.inheritedFrom)
    .map((m) => [
      code(`${m.name}(${(m.parameters ?? []).map((p) => p.name).join(', ')})`),
      m.description,
    ]);
  const events = (el.events ?? []).map((e) => [
    code(e.name),
    e.description,
    code(e.type?.text),
    'yes',
    'yes',
    /cancelable/i.test(e.description ?? '') ? 'yes' : 'no',
  ]);
  return [
    `## API of \`<${el.tagName}>\``,
    '',
    'Generated from `custom-elements.json` by `npm run docs`; edit the JSDoc in',
    `\`packages/elements/${el.module}\`, not these tables.`,
    '',
    table(
      'Attributes and properties',
      ['attribute', 'property', 'description', 'type', 'default'],
      attrs,
    ),
    table('Properties (no attribute)', ['property', 'description', 'type', 'default'], properties),
    table('Events', ['name', 'description', 'type', 'bubbles', 'composed', 'cancelable'], events),
    table('Methods', ['method', 'description'], methods),
    table(
      'Slots',
      ['name', 'description'],
      (el.slots ?? []).map((s) => [code(s.name || '(default)'), s.description]),
    ),
    table(
      'CSS parts',
      ['part', 'description'],
      (el.cssParts ?? []).map((p) => [code(p.name), p.description]),
    ),
    table(
      'CSS custom properties',
      ['property', 'description', 'default'],
      (el.cssProperties ?? []).map((p) => [code(p.name), p.description, code(p.default)]),
    ),
    table(
      'Custom states',
      ['state', 'description'],
      (el.cssStates ?? []).map((s) => [code(`:state(${s.name})`), s.description]),
    ),
  ]
    .filter(Boolean)
    .join('\n')
    .trim();
}

/** The page with its generated section replaced; throws when the markers are missing. */
export function renderPage(page, el) {
  const start = page.indexOf(START);
  const end = page.indexOf(END);
  if (start < 0 || end < start)
    throw new Error(`the page of <${el.tagName}> lacks the ${START} / ${END} markers`);
  return `${page.slice(0, start + START.length)}\n\n${apiSection(el)}\n\n${page.slice(end)}`;
}

export function pagePath(el) {
  return `${root}docs/widgets/${el.tagName.replace(/^cercle-/, '')}.md`;
}

export function loadManifest() {
  return JSON.parse(readFileSync(`${root}packages/elements/custom-elements.json`, 'utf8'));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  const manifest = loadManifest();
  let failed = false;
  const missing = undocumented(manifest);
  if (missing.length > 0) {
    console.error(
      `docs: public API without a description (write the JSDoc):\n  ${missing.join('\n  ')}`,
    );
    failed = true;
  }
  for (const el of widgetsOf(manifest)) {
    const path = pagePath(el);
    if (!existsSync(path)) {
      console.error(`docs: ${path} is missing for <${el.tagName}>`);
      failed = true;
      continue;
    }
    const page = readFileSync(path, 'utf8');
    const next = renderPage(page, el);
    if (next === page) continue;
    if (check) {
      console.error(`docs: ${path} is stale: run \`npm run docs\` and commit the result`);
      failed = true;
    } else {
      writeFileSync(path, next);
      console.log(`docs: wrote ${path}`);
    }
  }
  if (failed) process.exit(1);
}
