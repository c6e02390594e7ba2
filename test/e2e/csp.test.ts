// The built script-tag bundle (`packages/elements/dist/cercle.js`) on a page served with a
// strict Content-Security-Policy and Trusted Types enforced (STYLE.md §6): no inline script,
// no inline style, no eval. The widgets must render, join, ask, vote and leave, show the
// testimonial wall (photos from the API, and its opt-in JSON-LD in the page's light DOM),
// and unlock, reveal and copy a promo code against the reference server without a single
// CSP violation.
import { demoOwnerKey } from '@cercle/client/demo';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { createServer, type RunningServer } from '@cercle/server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, ROOT } from './helpers.js';

const DIST = join(ROOT, 'packages/elements/dist');
const SEO_PRODUCT = 'Coffret Cuisine Végétale';

let api: RunningServer;
let site: Server;
let siteUrl: string;
let browser: Browser;
let dir: string;

const page = (apiUrl: string) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>CSP test page</title>
    <meta name="cercle-api" content="${apiUrl}" />
    <script type="module" src="/cercle.js"></script>
  </head>
  <body>
    <cercle-join community="maison-verte" variant="card"></cercle-join>
    <cercle-join community="maison-verte" variant="button"></cercle-join>
    <cercle-qa community="maison-verte" session="dimanche-live"></cercle-qa>
    <cercle-promo community="maison-verte" offer="bienvenue-10"></cercle-promo>
    <cercle-wall community="maison-verte" limit="6" seo-product="${SEO_PRODUCT}"></cercle-wall>
  </body>
</html>`;

beforeAll(async () => {
  if (!existsSync(join(DIST, 'cercle.js'))) {
    throw new Error('packages/elements/dist/cercle.js is missing: run `npm run build` first');
  }
  dir = mkdtempSync(join(tmpdir(), 'cercle-csp-'));
  api = await createServer({ db: join(dir, 'csp.db'), seed: 'demo', logger: () => {} });
  site = createHttpServer((req, res) => {
    const path = normalize(new URL(req.url ?? '/', 'http://x').pathname);
    const csp = [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      `connect-src ${api.url}`,
      // Testimonial photos come from the API.
      `img-src 'self' ${api.url}`,
      "require-trusted-types-for 'script'",
      // Only the policies the widgets create: Lit's templates and the wall's JSON-LD.
      'trusted-types lit-html cercle-jsonld',
    ].join('; ');
    res.setHeader('Content-Security-Policy', csp);
    if (path === '/favicon.ico') {
      res.statusCode = 204;
      res.end();
      return;
    }
    if (path === '/') {
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.end(page(api.url));
      return;
    }
    const file = join(DIST, path);
    if (!file.startsWith(DIST) || extname(file) !== '.js' || !existsSync(file)) {
      res.statusCode = 404;
      res.end();
      return;
    }
    res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => site?.close(resolve));
  await api?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A fresh tab (its own storage) on the test page, with every CSP violation and error kept. */
async function openTab(): Promise<{ tab: Page; problems: string[] }> {
  const context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(siteUrl).origin,
  });
  const tab = await context.newPage();
  const problems: string[] = [];
  tab.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  tab.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  await tab.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  await tab.goto(siteUrl);
  return { tab, problems };
}

describe('the script-tag bundle under a strict CSP with Trusted Types', () => {
  it('renders, joins, opens the popover, asks and votes, and leaves without a single violation', async () => {
    const { tab, problems } = await openTab();

    const card = tab.locator('cercle-join[variant="card"]');
    await expect.poll(() => card.getByText('Maison Verte').first().isVisible()).toBe(true);
    await card.getByRole('textbox', { name: /display name/i }).fill('Camille CSP');
    await card.getByRole('checkbox').check();
    await card.getByRole('button', { name: /join the circle/i }).click();
    await expect
      .poll(() => card.getByRole('link', { name: /discord/i }).isVisible(), { timeout: 10_000 })
      .toBe(true);

    // The button variant floats its panel (floating-ui, a lazy chunk) and sets its position
    // through the CSSOM, which CSP allows; a style attribute would not be.
    const trigger = tab.locator('cercle-join[variant="button"]').getByRole('button').first();
    await trigger.click();
    await expect
      .poll(() =>
        tab
          .locator('cercle-join[variant="button"]')
          .getByRole('link', { name: /telegram/i })
          .isVisible(),
      )
      .toBe(true);
    await tab.keyboard.press('Escape');

    // The live board (its own stream over fetch) works for the member under the same policy:
    // ask, see the question arrive, vote for it.
    const board = tab.locator('cercle-qa');
    await board.getByRole('textbox', { name: /your question/i }).fill('Asked under a strict CSP?');
    await board.getByRole('button', { name: /^ask$/i }).click();
    const asked = board.getByText('Asked under a strict CSP?');
    await expect.poll(() => asked.isVisible(), { timeout: 10_000 }).toBe(true);
    const votes = board.getByRole('button', { name: /vote/i, pressed: false });
    await votes.first().click();
    await expect
      .poll(() => board.getByRole('button', { name: /vote/i, pressed: true }).count())
      .toBeGreaterThan(0);

    await card.getByRole('button', { name: 'Leave the circle' }).click();
    await card.getByRole('button', { name: /leave and erase/i }).click();
    await expect.poll(() => card.getByRole('checkbox').isVisible()).toBe(true);

    const members = await fetch(`${api.url}/v1/communities/maison-verte/members`, {
      headers: { authorization: `Bearer ${demoOwnerKey('maison-verte')}` },
    }).then((r) => r.json() as Promise<{ members: { displayName: string }[] }>);
    expect(members.members.map((m) => m.displayName)).not.toContain('Camille CSP');
    expect(problems).toEqual([]);
  });
});

describe('the wall and the promo code under the same policy', () => {
  it('shows the wall with its photos and JSON-LD, and unlocks, reveals and copies a code', async () => {
    const { tab, problems } = await openTab();
    const wait = { timeout: 10_000 };

    // The wall: cards, a photo loaded from the API, and the opt-in search-engine markup.
    // The wall loads its cards when it nears the viewport.
    const wall = tab.locator('cercle-wall');
    await wall.scrollIntoViewIfNeeded(wait);
    await wall.locator('[part~="card"]').first().waitFor(wait);
    const photo = wall.locator('[part~="card"] img').first();
    await photo.scrollIntoViewIfNeeded(wait);
    await expect
      .poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), wait)
      .toBeGreaterThan(0);
    expect(problems).toEqual([]);
    const jsonLd = await tab.evaluate(() =>
      [...document.querySelectorAll('script[type="application/ld+json"]')].map(
        (s) => s.textContent ?? '',
      ),
    );
    expect(jsonLd, 'the wall’s JSON-LD in the light DOM').toHaveLength(1);
    const product = JSON.parse(jsonLd[0]!) as {
      '@type': string;
      name: string;
      aggregateRating: { '@type': string; reviewCount: number };
      review: unknown[];
    };
    expect(product).toMatchObject({
      '@type': 'Product',
      name: SEO_PRODUCT,
      aggregateRating: { '@type': 'AggregateRating' },
    });
    expect(product.review.length).toBeGreaterThan(0);
    expect(product.review.length).toBeLessThanOrEqual(6);

    // The promo: join through the card, the offer unlocks; reveal, copy.
    const card = tab.locator('cercle-join[variant="card"]');
    await card.getByRole('textbox', { name: /display name/i }).fill('Paul CSP');
    await card.getByRole('checkbox').check();
    await card.getByRole('button', { name: /join the circle/i }).click();
    const promo = tab.locator('cercle-promo');
    const revealed = tab.waitForResponse((r) => r.url().endsWith('/offers/bienvenue-10/reveal'));
    await promo.getByRole('button', { name: 'Reveal my code' }).click(wait);
    const { code } = (await (await revealed).json()) as { code: string };
    await expect.poll(() => promo.getByText(code, { exact: true }).isVisible(), wait).toBe(true);
    await promo.getByRole('button', { name: 'Copy' }).click();
    await expect.poll(() => tab.evaluate(() => navigator.clipboard.readText()), wait).toBe(code);

    expect(problems).toEqual([]);
    await tab.context().close();
  });
});
