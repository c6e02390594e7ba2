// Screenshots of <cercle-join> in each state, light and dark, English and French, from the
// built dist/cercle.js (run `npm run build --workspace @cercle/elements` first).
//
//   node scripts/screenshot.mjs [outDir]      (default /tmp/cercle-shots)
//
// Serves a static page on 127.0.0.1 (free port) where every widget gets its own fake
// adapter (the documented way to plug any backend), then drives Debian's Chromium with
// playwright-core and writes one PNG per state × theme × locale.
import { createServer } from 'node:http';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'packages/elements/dist');
const outDir = process.argv[2] ?? '/tmp/cercle-shots';
if (!existsSync(join(dist, 'cercle.js'))) {
  console.error(
    'packages/elements/dist/cercle.js is missing: npm run build --workspace @cercle/elements',
  );
  process.exit(1);
}
mkdirSync(outDir, { recursive: true });

const page = (theme, locale) => `<!doctype html>
<html lang="${locale}">
<head>
  <meta charset="utf-8" />
  <title>cercle-join screenshots</title>
  <style>
    body { margin: 0; padding: 32px; font-family: system-ui, sans-serif; min-height: 2400px;
      background: ${theme === 'dark' ? '#0b0c0f' : '#f1f2f5'}; }
    .grid { display: grid; grid-template-columns: repeat(3, 400px); gap: 32px; align-items: start; }
    .wide { grid-column: 1 / -1; }
    .shot { padding: 12px; }
    .button-shot { min-height: 620px; }
  </style>
</head>
<body>
  <div class="grid" id="grid"></div>
  <script type="module">
    import '/dist/cercle.js';

    const info = (over = {}) => ({
      slug: 'maison-verte',
      name: 'Maison Verte',
      tagline: 'Le cercle des cuisiniers végétaux — recettes, lives avec la cheffe, entraide.',
      memberCount: 120,
      capacity: 300,
      joinState: 'open',
      privacyPolicyUrl: 'https://maison-verte.example/confidentialite',
      consentVersion: '2026-11-01',
      disclosure: 'none',
      ...over,
    });
    const member = (over = {}) => ({
      id: 'm_1', displayName: 'Camille', status: 'active', joinedAt: new Date().toISOString(), ...over,
    });
    const invites = [
      { kind: 'discord', label: 'Discord Maison Verte', url: 'https://discord.gg/maison-verte-demo' },
      { kind: 'telegram', label: 'Groupe Telegram', url: 'https://t.me/maison_verte_demo' },
    ];
    const error = (kind, init = {}) => Object.assign(new Error(kind), { kind, ...init });

    // A whole CercleApi in a few lines: what a brand writes for its own backend.
    const adapter = ({ community = info(), me, fail, hang, joinFail } = {}) => ({
      async getCommunity() {
        if (hang) return new Promise(() => {});
        if (fail) throw fail;
        return community;
      },
      async join(slug, body) {
        if (joinFail) throw joinFail;
        return { member: member({ displayName: body.displayName }), token: 't'.repeat(32), waitlisted: false };
      },
      async me() {
        if (!me) throw error('http', { status: 401, code: 'unauthorized' });
        return me;
      },
      async leave() {},
      async exportMe() { throw error('http', { status: 404, code: 'not_found' }); },
      async listMembers() { return { count: 0, members: [] }; },
    });

    const states = {
      form: { adapter: adapter() },
      loading: { adapter: adapter({ hang: true }) },
      error: { adapter: adapter({ fail: error('network') }) },
      'not-found': { adapter: adapter({ fail: error('http', { status: 404, code: 'not_found' }) }) },
      joined: { adapter: adapter({ me: { member: member(), invites } }), session: 'active' },
      waitlisted: {
        adapter: adapter({
          community: info({ memberCount: 300, joinState: 'waitlist' }),
          me: { member: member({ status: 'waitlisted', waitlistPosition: 12 }), invites: [] },
        }),
        session: 'waitlisted',
      },
      full: { adapter: adapter({ community: info({ memberCount: 300, joinState: 'closed' }) }) },
      'consent-error': { adapter: adapter(), act: 'submit' },
      'backend-error': {
        adapter: adapter({
          joinFail: error('http', {
            status: 400, code: 'validation_failed',
            details: [{ path: 'displayName', message: 'This name is already taken.' }],
          }),
        }),
        act: 'join',
      },
      'rate-limited': {
        adapter: adapter({ joinFail: error('http', { status: 429, code: 'rate_limited', retryAfterMs: 30000 }) }),
        act: 'join',
      },
      leave: { adapter: adapter({ me: { member: member(), invites } }), session: 'active', act: 'leave' },
      missing: { adapter: adapter(), noCommunity: true },
      banner: { adapter: adapter(), variant: 'banner', wide: true },
      button: { adapter: adapter(), variant: 'button', act: 'open' },
    };

    const grid = document.getElementById('grid');
    for (const [name, s] of Object.entries(states)) {
      const slug = 'demo-' + name;
      if (s.session) {
        localStorage.setItem('cercle.v1:adapter:' + slug,
          JSON.stringify({ token: 't'.repeat(32), memberId: 'm_1', status: s.session }));
      }
      const wrap = document.createElement('div');
      wrap.className = 'shot' + (s.wide ? ' wide' : '') + (s.variant === 'button' ? ' button-shot' : '');
      wrap.id = 'shot-' + name;
      const el = document.createElement('cercle-join');
      el.adapter = s.adapter;
      if (!s.noCommunity) el.setAttribute('community', slug);
      el.setAttribute('theme', '${theme}');
      if (s.variant) el.setAttribute('variant', s.variant);
      el.dataset.act = s.act ?? '';
      wrap.append(el);
      grid.append(wrap);
    }
    window.ready = true;
  </script>
</body>
</html>`;

const types = { '.js': 'text/javascript', '.map': 'application/json', '.html': 'text/html' };
const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  if (url.pathname === '/favicon.ico') {
    res.writeHead(204).end();
    return;
  }
  if (url.pathname === '/') {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(page(url.searchParams.get('theme'), url.searchParams.get('locale')));
    return;
  }
  const file = normalize(join(dist, url.pathname.replace(/^\/dist\//, '')));
  if (!url.pathname.startsWith('/dist/') || !file.startsWith(dist) || !existsSync(file)) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
  res.end(readFileSync(file));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});

const written = [];
try {
  for (const theme of ['light', 'dark']) {
    for (const locale of ['en', 'fr']) {
      const context = await browser.newContext({
        viewport: { width: 1400, height: 1000 },
        colorScheme: theme,
        reducedMotion: 'reduce',
        locale,
      });
      const tab = await context.newPage();
      const errors = [];
      tab.on('pageerror', (e) => errors.push(e.message));
      tab.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await tab.goto(`${base}/?theme=${theme}&locale=${locale}`);
      await tab.waitForFunction(() => window.ready === true);
      await tab.waitForTimeout(300);

      for (const el of await tab.locator('cercle-join').all()) {
        const act = await el.getAttribute('data-act');
        if (act === 'submit' || act === 'join') {
          await el.locator('#name').fill('Camille');
          if (act === 'join') await el.locator('#consent').check();
          await el.locator('.submit').click();
        } else if (act === 'leave') {
          await el.locator('#leave').click();
        }
      }
      await tab.waitForTimeout(300);
      await tab.mouse.move(0, 0);

      for (const shot of await tab.locator('.shot').all()) {
        const name = (await shot.getAttribute('id')).replace('shot-', '');
        const el = shot.locator('cercle-join');
        // A popover floats over its neighbours: open it only for its own picture.
        const popover = (await el.getAttribute('data-act')) === 'open';
        if (popover) {
          await shot.scrollIntoViewIfNeeded();
          await el.locator('#trigger').click();
          await el.locator('#panel').waitFor({ state: 'visible' });
          await tab.waitForTimeout(100);
        }
        const path = join(outDir, `${name}-${theme}-${locale}.png`);
        await shot.screenshot({ path });
        written.push(path);
        if (popover) await tab.keyboard.press('Escape');
      }
      if (errors.length) console.warn(`${theme}/${locale}: page errors:\n  ${errors.join('\n  ')}`);
      await context.close();
    }
  }
} finally {
  await browser.close();
  server.close();
}
console.log(`${written.length} screenshots in ${outDir}`);
