// The member-only promo code end to end in headless Chromium against the reference server:
// a visitor on the product page sees the locked offer, joins through the page's own
// <cercle-join> card (not the offer's button), and the offer unlocks with no reload; reveal
// shows the code, copy puts it on the clipboard (read back here); the brand's backend (a
// plain HTTP client with the host key) reports an order with that code, attributed to the
// member, and the host console's funnel shows it.
//
// Before the reveal click, every network response the page received (API answers, the
// playground's scripts and the widgets' sources) and the whole DOM (every shadow root and
// the page's storage included) are recorded: the code must be in none of them. And no line
// the server logged, during the whole test, carries it.
import { demoOwnerKey } from '@cercle/client/demo';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowserStack } from './helpers.js';

const HOST_KEY = 'e2e-promo-host-key-0123456789';
/** The demo owner of maison-verte (the server's key only creates communities). */
const OWNER_KEY = demoOwnerKey('maison-verte');
const COMMUNITY = 'maison-verte';
const OFFER = 'bienvenue-10';
const WAIT = { timeout: 15_000 };
const run = Date.now().toString(36);

const e2e = useBrowserStack({ hostKey: HOST_KEY });

async function open(path: string): Promise<{ page: Page; errors: string[] }> {
  const errors: string[] = [];
  const permissions = ['clipboard-read', 'clipboard-write'];
  return { page: await e2e.open(path, { errors, permissions }), errors };
}

/** The whole DOM as text: the document, every shadow root (nested ones too), and storage. */
function snapshotDom(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts = [document.documentElement.outerHTML];
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        if (!el.shadowRoot) continue;
        parts.push(el.shadowRoot.innerHTML);
        walk(el.shadowRoot);
      }
    };
    walk(document);
    for (const storage of [localStorage, sessionStorage]) {
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i)!;
        parts.push(`${key}=${storage.getItem(key)}`);
      }
    }
    return parts.join('\n');
  });
}

const isPost = (path: RegExp) => (r: { request(): { method(): string }; url(): string }) =>
  r.request().method() === 'POST' && path.test(new URL(r.url()).pathname);

describe('the member-only promo code against the reference server', () => {
  it('unlocks on joining anywhere on the page, reveals and copies a code that nothing leaked before, and attributes the order', async () => {
    const { page, errors } = await open('./');

    // Every response body the page receives, as text (images and event streams aside: an
    // image is not text, and a stream's body never ends while the page is open; streams
    // carry the live Q&A's events).
    const bodies: Promise<string>[] = [];
    page.on('response', (response) => {
      const type = response.headers()['content-type'] ?? '';
      if (type.startsWith('image/') || type.includes('text/event-stream')) return;
      bodies.push(
        response
          .text()
          .then((text) => `${response.url()}\n${text}`)
          .catch(() => ''),
      );
    });

    // The teaser, locked for a visitor.
    const promo = page.locator('cercle-promo');
    await promo.getByRole('heading', { name: 'Bienvenue dans le cercle' }).waitFor(WAIT);
    await promo.getByText('-10 % sur votre première commande').waitFor(WAIT);
    await promo.getByText('Publicité', { exact: true }).waitFor(WAIT);
    await promo.getByText(/Réservé aux membres/).waitFor(WAIT);
    await promo.getByRole('button', { name: 'Rejoindre pour débloquer' }).waitFor(WAIT);
    expect(await promo.getByRole('button', { name: 'Afficher mon code' }).count()).toBe(0);

    // A marker that a navigation or reload would wipe.
    await page.evaluate(() => {
      (window as { cercleMarker?: string }).cercleMarker = 'still the same page';
    });

    // Join through the page's own card, not through the offer.
    const card = page.locator('#cercle cercle-join');
    await card.getByRole('textbox', { name: /Nom affiché/ }).fill(`Promo ${run}`);
    await card.getByRole('checkbox').check();
    const joined = page.waitForResponse(isPost(/\/communities\/[^/]+\/members$/));
    await card.getByRole('button', { name: 'Rejoindre le cercle' }).click();
    const joinResponse = await joined;
    expect(joinResponse.status()).toBe(201);
    const { member } = (await joinResponse.json()) as { member: { id: string } };

    // The offer unlocks at once, on the same page.
    const reveal = promo.getByRole('button', { name: 'Afficher mon code' });
    await reveal.waitFor(WAIT);
    expect(await promo.getByText(/Réservé aux membres/).count()).toBe(0);
    expect(await page.evaluate(() => (window as { cercleMarker?: string }).cercleMarker)).toBe(
      'still the same page',
    );

    // What the page holds and has received before the reveal: recorded now.
    const dom = await snapshotDom(page);
    const received = await Promise.all([...bodies]);
    // Both hold what matters: the offer's teaser answer, and the widget's shadow root.
    const teaserUrl = `${e2e.stack.api.url}/v1/communities/${COMMUNITY}/offers/${OFFER}`;
    expect(received.some((body) => body.startsWith(teaserUrl))).toBe(true);
    expect(dom).toContain('Afficher mon code');

    // Reveal: the code shows.
    const revealed = page.waitForResponse(isPost(/\/offers\/[^/]+\/reveal$/));
    await reveal.click();
    const revealResponse = await revealed;
    expect(revealResponse.status()).toBe(200);
    const { code } = (await revealResponse.json()) as { code: string };
    expect(code.length).toBeGreaterThanOrEqual(3);
    await promo.getByText(code, { exact: true }).waitFor(WAIT);

    // Copy: the clipboard holds the code, and the copy is counted.
    const copied = page.waitForResponse(isPost(/\/offers\/[^/]+\/copies$/));
    await promo.getByRole('button', { name: 'Copier' }).click();
    expect((await copied).status()).toBe(204);
    await promo.getByText('Copié', { exact: true }).waitFor(WAIT);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);

    // Nothing carried the code before the member revealed it.
    expect(dom.includes(code), 'the DOM before the reveal carries the code').toBe(false);
    const leaks = received.filter((body) => body.includes(code)).map((b) => b.split('\n')[0]);
    expect(leaks, 'responses before the reveal that carry the code').toEqual([]);

    // The brand's backend reports an order that used the code: attributed to the member.
    const offerUrl = `${e2e.stack.api.url}/v1/communities/${COMMUNITY}/offers/${OFFER}`;
    const reported = await fetch(`${offerUrl}/redemptions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${OWNER_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ code, orderId: `order-${run}`, amount: 42.5, currency: 'EUR' }),
    });
    expect(reported.status).toBe(201);
    expect(await reported.json()).toMatchObject({
      offer: OFFER,
      orderId: `order-${run}`,
      memberId: member.id,
      amount: 42.5,
      currency: 'EUR',
      flags: [],
    });

    // The funnel, over HTTP…
    const funnel = (await fetch(
      `${e2e.stack.api.url}/v1/communities/${COMMUNITY}/host/offers/${OFFER}/funnel`,
      { headers: { authorization: `Bearer ${OWNER_KEY}` } },
    ).then((r) => r.json())) as {
      teaserViews: number;
      reveals: number;
      copies: number;
      redemptions: number;
      flagged: number;
      revenue: { currency: string; amount: number }[];
      recent: { memberId: string | null }[];
    };
    expect(funnel.teaserViews).toBeGreaterThanOrEqual(1);
    expect(funnel.reveals).toBeGreaterThanOrEqual(1);
    expect(funnel.copies).toBeGreaterThanOrEqual(1);
    expect(funnel.redemptions).toBe(1);
    expect(funnel.flagged).toBe(0);
    expect(funnel.revenue).toEqual([{ currency: 'EUR', amount: 42.5 }]);
    expect(funnel.recent.map((r) => r.memberId)).toEqual([member.id]);

    // …and in the host console's offers tab.
    const host = (await open('./host.html#offres')).page;
    await host.getByLabel('Clé d’hôte').fill(OWNER_KEY);
    await host.getByRole('button', { name: 'Se connecter' }).click();
    const offer = host.locator(`section.offer[data-id="${OFFER}"]`);
    await offer.getByRole('heading', { name: 'Bienvenue dans le cercle' }).waitFor(WAIT);
    expect(await host.getByRole('tab', { name: 'Offres' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    const step = (label: string) => offer.locator('.funnel li').filter({ hasText: label });
    await expect.poll(() => step('commandes').locator('.n').textContent(), WAIT).toBe('1');
    expect(Number(await step('codes révélés').locator('.n').textContent())).toBeGreaterThan(0);
    expect(Number(await step('copies').locator('.n').textContent())).toBeGreaterThan(0);
    expect((await offer.locator('.revenue').textContent())?.replace(/\s/g, ' ')).toBe('42,50 €');
    const row = offer.getByRole('row').filter({ hasText: `order-${run}` });
    await row.getByText(member.id).waitFor(WAIT);
    // The console never shows a code.
    expect(await snapshotDom(host)).not.toContain(code);

    // No line the server logged carries the code (and it did log the reveal and the order).
    const logs = e2e.stack.logs;
    expect(logs.some((line) => line.includes(`/offers/${OFFER}/reveal`))).toBe(true);
    expect(logs.some((line) => line.includes(`/offers/${OFFER}/redemptions`))).toBe(true);
    expect(logs.filter((line) => line.includes(code))).toEqual([]);
    expect(errors).toEqual([]);
  });
});
