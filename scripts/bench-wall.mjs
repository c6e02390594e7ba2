// `npm run bench` (part of it): time to first paint of <cercle-wall> with 100 and 1,000
// cards, next to the same page built with plain DOM calls (createElement / textContent) in a
// shadow root that adopts the wall's own stylesheets, in headless Chromium. Prints the median and
// the fastest run of each, and their ratios (target ≤ 1.5×); asserts nothing.
//
// The page is one esbuild bundle of the npm build's modules (packages/elements/dist: build
// first), so the wall is measured as it ships, templates minified. Both sides build the same DOM: the header with the average and
// count, the visitor's "Share your experience" row, every card (same elements, attributes,
// parts, listeners, and text formatted by the same English terms and their cached Intl
// formatters), the policy line and the live region; the same CSS, `content-visibility`
// included. The wall's time also includes its adapter call (a resolved promise) and its
// near-viewport check.
//
// Each run is a fresh page: mark, append, then wait for the first animation frame that has
// the cards in the DOM and for the task after it (that frame has been painted). Runs
// alternate between the wall and the plain page so background load hits both alike.
//
//   node scripts/bench-wall.mjs [--runs 15]
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { launchChromium, serve } from './lib/browser.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const RUNS = runsAt >= 0 ? Number(args[runsAt + 1]) : 15;
const SIZES = [100, 1000];
if (!existsSync(`${root}packages/elements/dist/wall/wall.js`)) {
  console.error('packages/elements/dist is missing: npm run build --workspace @cercle/elements');
  process.exit(1);
}

const entry = `
import { CercleWall } from './packages/elements/dist/wall/wall.js';
import en from './packages/elements/dist/locales/en.js';
import { wallEN } from './packages/elements/dist/wall/terms.js';
CercleWall.define('cercle-wall');

const DAY = 86400000;
const now = Date.now();
const names = ['Camille Martin', 'Nina', null, 'Jules Petit', 'Inès', 'Malik'];
const photo = (i) => ({
  url: 'data:image/svg+xml,' + encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600"><rect width="100%" height="100%" fill="hsl(' + (i * 47) % 360 + ' 45% 55%)"/></svg>'),
  alt: 'A dish', width: 800, height: 600,
});
const testimonials = (n) => Array.from({ length: n }, (_, i) => ({
  id: 't_' + i, community: 'bench',
  author: { displayName: names[i % names.length], memberSince: new Date(now - (200 + i) * DAY).toISOString(), verified: i % 7 !== 3 },
  rating: [5, 4, 5, 3, 4][i % 5],
  text: 'Testimonial ' + i + ': the lentil curry of the Sunday live is now our Monday dish. ' + (i % 4 === 0 ? 'The children ask for more, and the recipe works every time with what we have at home. '.repeat(3) : ''),
  photo: i % 3 === 0 ? photo(i) : null,
  tags: i % 2 ? ['plats', 'famille'] : ['pain'],
  experiencedAt: new Date(now - (i + 3) * DAY).toISOString().slice(0, 10),
  publishedAt: new Date(now - (i + 1) * DAY).toISOString(),
  disclosure: i % 9 === 4 ? 'collaboration-commerciale' : 'none',
  imageFlags: i % 9 === 4 ? ['retouchee'] : [],
}));
const AVERAGE = 4.2;
const POLICY = 'https://example.com/policy';

/** The first frame that has the cards, once painted (the task after its animation frame). */
const painted = (ready) =>
  new Promise((resolve) => {
    const frame = () => (ready() ? setTimeout(resolve, 0) : requestAnimationFrame(frame));
    requestAnimationFrame(frame);
  });

window.benchWall = async (n) => {
  const items = testimonials(n);
  const adapter = {
    listTestimonials: async () => ({ testimonials: items, nextCursor: null, aggregate: { count: n, average: AVERAGE }, reviewPolicyUrl: POLICY }),
  };
  const el = document.createElement('cercle-wall');
  el.adapter = adapter;
  el.setAttribute('community', 'bench');
  el.setAttribute('limit', '50');
  const start = performance.now();
  document.body.append(el);
  await painted(() => el.shadowRoot?.querySelector('.list')?.childElementCount === n);
  return performance.now() - start;
};

// ---- the same page with plain DOM calls ------------------------------------------------

const make = (parent, tag, cls, text) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  parent.append(e);
  return e;
};
const attrs = (e, values) => {
  for (const k in values) e.setAttribute(k, values[k]);
  return e;
};
const SVG = 'http://www.w3.org/2000/svg';
const svgEl = (parent, tag, values) => {
  const e = attrs(document.createElementNS(SVG, tag), values);
  parent.append(e);
  return e;
};
const ICON = { class: 'icon', viewBox: '0 0 24 24', fill: 'none', stroke: 'currentColor', 'stroke-width': '2', 'stroke-linecap': 'round', 'stroke-linejoin': 'round', 'aria-hidden': 'true', focusable: 'false' };
const icon = (parent, paths) => {
  const s = svgEl(parent, 'svg', ICON);
  for (const d of paths) {
    if (typeof d === 'string') svgEl(s, 'path', { d });
    else {
      const { tag, ...rest } = d;
      svgEl(s, tag, rest);
    }
  }
};
const STAR = '12 2.5 14.9 8.6 21.5 9.4 16.6 13.9 17.9 20.5 12 17.3 6.1 20.5 7.4 13.9 2.5 9.4 9.1 8.6';
const FIVE_STARS = [0, 1, 2, 3, 4].map((i) => {
  const n = STAR.split(' ').map(Number);
  return 'M' + n.flatMap((v, k) => (k % 2 ? [] : [(v + i * 26) + ' ' + n[k + 1]])).join('L') + 'Z';
}).join('');
const stars = (parent, value, label) => {
  const s = attrs(make(parent, 'span', 'stars'), { part: 'stars', role: 'img', 'aria-label': label });
  const halves = Math.round(value * 2);
  const all = svgEl(s, 'svg', { class: 'stars-svg', viewBox: '0 0 128 24', 'aria-hidden': 'true' });
  svgEl(all, 'path', { class: 'star-back', d: FIVE_STARS });
  const fill = svgEl(all, 'svg', { class: 'star-fill', width: String(Math.floor(halves / 2) * 26 + (halves % 2 ? 12 : 0)), height: '24' });
  svgEl(fill, 'path', { d: FIVE_STARS });
};
const initials = (name) => (name ?? '').trim().split(/\\s+/).filter(Boolean).slice(0, 2).map((w) => w[0].toUpperCase()).join('');
const noop = () => {};

function card(list, item, t) {
  const key = item.id.replace(/[^\\w-]/g, '_');
  const c = attrs(make(list, 'div', 'card'), { part: 'card', id: 'card-' + key, 'data-id': item.id, tabindex: '-1', role: 'article', 'aria-labelledby': 'author-' + key });
  const inner = make(c, 'div', 'inner');
  const labels = [];
  if (item.disclosure !== 'none') labels.push(t.wallDisclosure(item.disclosure));
  for (const f of item.imageFlags) labels.push(t.wallImageFlag(f));
  if (labels.length) {
    const legal = make(inner, 'p', 'legal');
    for (const l of labels) make(legal, 'span', 'legal-item', l);
  }
  const body = make(inner, 'div', 'body');
  const byline = make(body, 'div', 'byline');
  const name = item.author.displayName;
  attrs(make(byline, 'span', 'avatar', initials(name) || '·'), { part: 'avatar', 'aria-hidden': 'true' });
  const who = make(byline, 'div', 'who');
  attrs(make(who, 'p', 'author', name ?? t.wallAMember), { part: 'author', id: 'author-' + key });
  attrs(make(who, 'p', 'since', t.wallMemberSince(new Date(item.author.memberSince))), { part: 'member-since' });
  const verified = attrs(make(body, 'p', 'verified' + (item.author.verified ? '' : ' unverified')), { part: 'verified' });
  icon(verified, ['M5 12.5l4.5 4.5L19 7.5']);
  const s = make(verified, 'span');
  make(s, 'strong', '', item.author.verified ? t.wallVerified : t.wallNotVerified);
  if (item.author.verified) s.append(' · ' + t.wallVerifiedHow);
  stars(body, item.rating, t.wallRated(item.rating));
  const long = item.text.length > 280;
  const text = attrs(make(body, 'p', 'text' + (long ? ' clamped' : '')), { part: 'text', id: 'text-' + key });
  make(text, 'span', 'prose', item.text);
  if (long) {
    const more = attrs(make(body, 'button', 'link-button', t.wallReadMore), { part: 'read-more-button', type: 'button', 'aria-expanded': 'false', 'aria-controls': 'text-' + key });
    more.addEventListener('click', noop);
  }
  if (item.photo) {
    const img = attrs(make(body, 'img', 'photo'), { part: 'photo' });
    img.src = item.photo.url;
    img.width = item.photo.width;
    img.height = item.photo.height;
    img.alt = item.photo.alt;
    img.loading = 'lazy';
    img.decoding = 'async';
  }
  const tags = attrs(make(body, 'ul', 'tags'), { part: 'tags', 'aria-label': t.wallTags });
  if (!item.tags.length) tags.hidden = true;
  for (const tag of item.tags) attrs(make(tags, 'li', 'tag', tag), { part: 'tag' });
  const dates = attrs(make(body, 'p', 'dates'), { part: 'dates' });
  if (item.experiencedAt) {
    make(make(dates, 'span'), 'time', '', t.wallExperienced(new Date(item.experiencedAt + 'T00:00:00Z'))).dateTime = item.experiencedAt;
  }
  if (item.publishedAt) {
    make(make(dates, 'span'), 'time', '', t.wallPublished(new Date(item.publishedAt))).dateTime = item.publishedAt;
  }
  const report = attrs(make(body, 'button', 'report-toggle'), { part: 'report-button', id: 'report-toggle-' + key, type: 'button', 'aria-expanded': 'false' });
  icon(report, ['M5 21V4', 'M5 4h11l-2 4 2 4H5']);
  make(report, 'span', '', t.report);
  report.addEventListener('click', noop);
}

window.benchPlain = async (n) => {
  const items = testimonials(n);
  // The wall's own terms live with the wall (wall/terms.js); the common ones in the locale.
  const t = { ...en, ...wallEN };
  const host = document.createElement('div');
  const start = performance.now();
  const shadow = host.attachShadow({ mode: 'open' });
  shadow.adoptedStyleSheets = CercleWall.elementStyles.map((s) => s.styleSheet);
  const base = attrs(make(shadow, 'div', 'base layout-grid'), { part: 'base', lang: t.$code, dir: t.$dir });
  const header = attrs(make(base, 'header', 'header'), { part: 'header' });
  attrs(make(header, 'h2', 'title', t.wallEyebrow), { part: 'title', id: 'title', tabindex: '-1' });
  const summary = make(header, 'div', 'summary');
  const average = attrs(make(summary, 'p', 'average'), { part: 'average' });
  make(average, 'span', 'average-value', t.wallAverage(AVERAGE));
  stars(average, AVERAGE, t.wallAverageLabel(AVERAGE));
  attrs(make(summary, 'p', 'count', t.wallCount(n)), { part: 'count' });
  const share = attrs(make(base, 'div', 'share'), { part: 'share' });
  share.addEventListener('keydown', noop);
  const row = make(share, 'div', 'share-row');
  const call = make(row, 'p', 'share-text');
  icon(call, [{ tag: 'rect', x: '5', y: '10.5', width: '14', height: '9.5', rx: '2' }, 'M8.5 10.5V7.5a3.5 3.5 0 0 1 7 0v3']);
  make(call, 'span', '', t.wallShareCall);
  const button = attrs(make(row, 'button', 'button button-primary', t.wallShare), { part: 'button share-button', id: 'share', type: 'button', 'aria-expanded': 'false', 'aria-controls': 'join-panel' });
  for (const type of ['click', 'pointerenter', 'focus']) button.addEventListener(type, noop);
  attrs(make(share, 'div', 'join-panel'), { part: 'join-panel', id: 'join-panel', hidden: '' });
  const list = attrs(make(base, 'div', 'list'), { part: 'list' });
  for (const item of items) card(list, item, t);
  const policy = attrs(make(base, 'p', 'policy'), { part: 'policy' });
  make(policy, 'span', '', t.wallPolicy);
  const link = attrs(make(policy, 'a', 'link', t.wallPolicyLink), { href: POLICY, target: '_blank', rel: 'noopener noreferrer' });
  make(link, 'span', 'sr-only', ' ' + t.opensInNewTab);
  icon(link, ['M14 5h5v5', 'M19 5l-8 8', 'M17 14v4a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1h4']);
  attrs(make(base, 'div', 'sr-only'), { role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
  document.body.append(host);
  await painted(() => true);
  return performance.now() - start;
};
`;

const bundle = await build({
  stdin: { contents: entry, resolveDir: root, loader: 'js' },
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  write: false,
  conditions: ['source'],
  define: { __CERCLE_DEV__: 'false', 'process.env.NODE_ENV': '"production"' },
  logLevel: 'silent',
});
const js = bundle.outputFiles[0].text;
const page =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>wall bench</title>' +
  '<style>body{margin:0;padding:16px;font-family:system-ui}</style></head><body>' +
  '<script type="module" src="/bench.js"></script></body></html>';

const server = await serve((u, req, res) => {
  if (u.pathname === '/bench.js') {
    res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
  } else if (u.pathname === '/') {
    res.writeHead(200, { 'content-type': 'text/html' }).end(page);
  } else {
    res.writeHead(404).end();
  }
});
const url = `${server.base}/`;

const browser = await launchChromium();

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** One run of `fn` with `n` cards in a fresh page; milliseconds to the painted frame. */
async function run(fn, n) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const tab = await context.newPage();
    await tab.goto(url);
    await tab.waitForFunction(() => typeof window.benchWall === 'function');
    return await tab.evaluate(([f, size]) => window[f](size), [fn, n]);
  } finally {
    await context.close();
  }
}

const rows = [];
try {
  for (const n of SIZES) {
    const wall = [];
    const plain = [];
    for (let i = 0; i < RUNS; i++) {
      // Alternate which goes first, so neither always runs right after the other.
      if (i % 2) {
        plain.push(await run('benchPlain', n));
        wall.push(await run('benchWall', n));
      } else {
        wall.push(await run('benchWall', n));
        plain.push(await run('benchPlain', n));
      }
    }
    const [wm, pm] = [median(wall), median(plain)];
    const [wf, pf] = [Math.min(...wall), Math.min(...plain)];
    const paired = median(wall.map((w, i) => w / plain[i]));
    rows.push({
      cards: n,
      'wall median (ms)': wm.toFixed(1),
      'plain median (ms)': pm.toFixed(1),
      'ratio of medians': `${(wm / pm).toFixed(2)}×`,
      'wall fastest (ms)': wf.toFixed(1),
      'plain fastest (ms)': pf.toFixed(1),
      'ratio of fastest': `${(wf / pf).toFixed(2)}×`,
      'median of paired ratios': `${paired.toFixed(2)}×`,
      'target ≤ 1.5×': wm / pm <= 1.5 ? 'yes' : 'no',
    });
  }
} finally {
  await browser.close();
  server.close();
}
console.log(`First paint of the testimonial wall vs plain DOM, ${RUNS} fresh pages each:`);
console.table(rows);
