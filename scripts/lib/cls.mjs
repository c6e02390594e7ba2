// Cumulative Layout Shift of a page as a visitor sees it, shared by the CLS benchmark
// (scripts/bench-cls.mjs) and the e2e test that holds the pages to 0 (test/e2e/cls.test.ts).
//
// The page is opened in a fresh context with a `layout-shift` observer installed before any
// script runs; the visitor then scrolls to the bottom in viewport-sized steps (a wall loads
// as it nears the viewport, so its shifts happen in view), waits for every widget to leave
// its loading state and every image to decode, and scrolls back up. CLS is the web-vitals
// definition: the largest session window (shifts less than 1 s apart, at most 5 s long) of
// shifts without recent input. The shifts themselves are returned too, with the nodes that
// moved, so a failure says what moved.

const OBSERVE = () => {
  const cls = { value: 0, window: 0, first: 0, last: 0, shifts: [] };
  const describe = (node) => {
    if (!node) return '?';
    let el = node.nodeType === 1 ? node : node.parentElement;
    const path = [];
    while (el && path.length < 4) {
      const id = el.id ? `#${el.id}` : '';
      const part = el.getAttribute?.('part') ? `[part=${el.getAttribute('part')}]` : '';
      path.unshift(`${el.localName}${id}${part}`);
      el = el.parentElement ?? el.getRootNode()?.host;
    }
    return path.join(' > ');
  };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.hadRecentInput) continue;
      if (cls.window && (e.startTime - cls.last > 1000 || e.startTime - cls.first > 5000)) {
        cls.window = 0;
      }
      if (!cls.window) cls.first = e.startTime;
      cls.window += e.value;
      cls.last = e.startTime;
      cls.value = Math.max(cls.value, cls.window);
      cls.shifts.push({
        at: Math.round(e.startTime),
        value: e.value,
        moved: e.sources.map((s) => describe(s.node)),
        rects: e.sources.map((s) => {
          const r = (x) =>
            `${Math.round(x.x)},${Math.round(x.y)} ${Math.round(x.width)}×${Math.round(x.height)}`;
          return `${r(s.previousRect)} → ${r(s.currentRect)}`;
        }),
      });
    }
  }).observe({ type: 'layout-shift', buffered: true });
  globalThis.__cls = cls;
};

const SETTLE = async () => {
  const widgets = () =>
    [...document.querySelectorAll('*')].filter((el) => el.localName.startsWith('cercle-'));
  const deadline = Date.now() + 15_000;
  const busy = () =>
    widgets().some((el) => !customElements.get(el.localName) || el.matches(':state(loading)'));
  while (busy() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const images = (root) => [
    ...root.querySelectorAll('img'),
    ...[...root.querySelectorAll('*')].flatMap((el) =>
      el.shadowRoot ? images(el.shadowRoot) : [],
    ),
  ];
  // A lazy image never scrolled into view never decodes: wait 5 s at most.
  const decoded = (img) =>
    Promise.race([img.decode().catch(() => {}), new Promise((r) => setTimeout(r, 5_000))]);
  await Promise.all(images(document).map(decoded));
};

/**
 * CLS of `url` in `browser` at `viewport` ({ width, height }), after scrolling it through.
 * Resolves to `{ cls, shifts }`.
 */
export async function measureCls(browser, url, viewport = { width: 1280, height: 900 }) {
  // vite reloads a page once when it first optimises a dependency: measure again then.
  for (let attempt = 0; ; attempt++) {
    try {
      return await measureOnce(browser, url, viewport);
    } catch (error) {
      if (attempt >= 2 || !/context was destroyed/i.test(String(error))) throw error;
    }
  }
}

async function measureOnce(browser, url, viewport) {
  const context = await browser.newContext({ viewport, reducedMotion: 'reduce' });
  try {
    const page = await context.newPage();
    await page.addInitScript(OBSERVE);
    await page.goto(url, { waitUntil: 'load' });
    for (let i = 0; i < 40; i++) {
      const done = await page.evaluate(() => {
        const before = scrollY;
        scrollBy(0, innerHeight * 0.8);
        return scrollY === before;
      });
      await page.waitForTimeout(150);
      if (done) break;
    }
    await page.evaluate(SETTLE);
    await page.waitForTimeout(1_200); // past the 1 s session gap, so late shifts are counted
    await page.evaluate(() => scrollTo(0, 0));
    await page.waitForTimeout(300);
    const { value, shifts } = await page.evaluate(() => globalThis.__cls);
    return { cls: Math.round(value * 10_000) / 10_000, shifts };
  } finally {
    await context.close();
  }
}

/** The pages and viewports the CLS budget covers. */
export const CLS_PAGES = [
  { name: 'product page', path: './?lang=en' },
  { name: 'product page (fr)', path: './?lang=fr' },
  { name: 'reviews page', path: './wall.html?lang=en' },
  { name: 'reviews page (fr)', path: './wall.html?lang=fr' },
];
export const CLS_VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];
