// The testimonial wall end to end in headless Chromium against the reference server: a
// member (context A, the product page in English) joins, submits a testimonial with a photo
// from the wall and is told it awaits moderation; the host approves it in the host console,
// labelling it a commercial collaboration with an edited image; the members' reviews page
// (context B, in French) shows it with its labels and its photo; the author withdraws it and
// it is gone from B after a reload, its photo too.
import { demoOwnerKey } from '@cercle/client/demo';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowserStack } from './helpers.js';
import { pngImage } from './png.js';

const HOST_KEY = 'e2e-wall-host-key-0123456789';
/** The demo owner of maison-verte (the server's key only creates communities). */
const OWNER_KEY = demoOwnerKey('maison-verte');
const WAIT = { timeout: 15_000 };
/** A card of the wall, by its documented part name. */
const CARD = '[part~="card"]';
const run = Date.now().toString(36);
const NAME = `Margaux ${run}`;
const TEXT = `Ma première miche au levain a levé du premier coup grâce au cercle (${run}).`;
const ALT = `Une miche au levain dorée, coupée en deux (${run})`;

const e2e = useBrowserStack({ hostKey: HOST_KEY });
const errors: string[] = [];

const open = (path: string): Promise<Page> => e2e.open(path, { errors });

const answered = (method: string, path: RegExp, status: number) => (page: Page) =>
  page
    .waitForResponse((r) => r.request().method() === method && path.test(new URL(r.url()).pathname))
    .then((r) => expect(r.status(), `${method} ${r.url()}`).toBe(status));

/** Whether the photo has loaded (decoded, with a size). */
const loaded = (page: Page, src: string) =>
  page.evaluate(async (url) => {
    const img = new Image();
    img.src = url;
    await img.decode().catch(() => {});
    return img.naturalWidth;
  }, src);

describe('the testimonial wall against the reference server', () => {
  it('publishes a member’s testimonial with a photo after moderation, with its labels, until the author withdraws it', async () => {
    // A joins on the product page, through the page's card.
    const a = await open('./?lang=en');
    const card = a.locator('#cercle cercle-join');
    await card.getByRole('textbox', { name: /display name/i }).fill(NAME);
    await card.getByRole('checkbox').check();
    await card.getByRole('button', { name: /join the circle/i }).click();
    await card.getByRole('link', { name: /discord/i }).waitFor(WAIT);

    // A opens the form on the wall and submits a testimonial with a photo.
    const wallA = a.locator('cercle-wall');
    await wallA.getByRole('button', { name: 'Share your experience' }).click();
    await wallA.locator('label[for="rating-4"]').click();
    expect(await wallA.getByRole('radio', { name: '4 stars' }).isChecked()).toBe(true);
    await wallA.getByRole('textbox', { name: 'Your experience' }).fill(TEXT);
    await wallA
      .getByLabel(/A photo of what you made/)
      .setInputFiles({ name: 'miche.png', mimeType: 'image/png', buffer: pngImage(320, 240) });
    await wallA.getByRole('textbox', { name: 'Describe the photo' }).fill(ALT);
    await wallA.getByRole('radio', { name: 'With my display name' }).check();
    await wallA.getByRole('checkbox', { name: 'Publish my photo with my review' }).check();
    const uploaded = answered('POST', /\/communities\/[^/]+\/photos$/, 201)(a);
    const submitted = answered('POST', /\/communities\/[^/]+\/testimonials$/, 201)(a);
    await wallA.getByRole('button', { name: 'Send my review' }).click();
    await uploaded;
    await submitted;

    // A is told it awaits moderation, and sees it in their own list.
    await wallA
      .locator('#form-status')
      .getByText('Thanks! Your review will appear once the host has read it.')
      .waitFor(WAIT);
    const mine = wallA.locator('.mine-item').filter({ hasText: TEXT });
    await mine.getByText('Awaiting moderation').waitFor(WAIT);

    // B, on the members' reviews page: not there before the host approves it.
    const b = await open('./wall.html');
    const wallB = b.locator('cercle-wall');
    await wallB.locator(CARD).first().waitFor(WAIT);
    expect(await wallB.locator(CARD).filter({ hasText: TEXT }).count()).toBe(0);

    // The host previews it in the console, labels it and approves it.
    const host = await open('./host.html#temoignages');
    await host.getByLabel('Clé d’hôte').fill(OWNER_KEY);
    await host.getByRole('button', { name: 'Se connecter' }).click();
    const item = host.locator('li.testimonial').filter({ hasText: TEXT });
    await item.waitFor(WAIT);
    const preview = item.locator('.wall-card');
    await preview.getByText(NAME).waitFor(WAIT);
    await preview.getByRole('img', { name: 'Note : 4 sur 5' }).waitFor(WAIT);
    await preview.getByRole('img', { name: ALT }).waitFor(WAIT);
    await item.getByLabel('Mention commerciale').selectOption('collaboration-commerciale');
    await item.getByRole('checkbox', { name: 'Image retouchée' }).check();
    // The preview shows the labels before they are saved.
    await preview.getByText('Collaboration commerciale', { exact: true }).waitFor(WAIT);
    await preview.getByText('Image retouchée', { exact: true }).waitFor(WAIT);
    const approved = answered('PATCH', /\/host\/testimonials\/[^/]+$/, 200)(host);
    await item.getByRole('button', { name: 'Approuver et publier' }).click();
    await approved;
    await expect.poll(() => item.count(), WAIT).toBe(0);
    await expect.poll(() => host.locator('#announce').textContent(), WAIT).toContain('approuvé');

    // B, after a reload: on the wall, labels first and visible, photo loaded.
    await b.reload();
    const shown = wallB.locator(CARD).filter({ hasText: TEXT });
    await shown.waitFor(WAIT);
    await shown.getByText('Collaboration commerciale', { exact: true }).waitFor(WAIT);
    await shown.getByText('Image retouchée', { exact: true }).waitFor(WAIT);
    await shown.getByText(NAME).waitFor(WAIT);
    const photo = shown.getByRole('img', { name: ALT });
    await photo.scrollIntoViewIfNeeded(WAIT);
    await expect
      .poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), WAIT)
      .toBeGreaterThan(0);
    const photoUrl = (await photo.getAttribute('src'))!;
    expect(await loaded(b, photoUrl)).toBe(320);

    // A sees it published, then withdraws it.
    await a.reload();
    await mine.getByText('Published').waitFor(WAIT);
    await mine.getByRole('button', { name: 'Withdraw' }).click();
    const withdrawn = answered('DELETE', /\/testimonials\/[^/]+$/, 204)(a);
    await mine.getByRole('button', { name: 'Withdraw it' }).click();
    await withdrawn;
    await expect.poll(() => mine.count(), WAIT).toBe(0);

    // B, after a reload: gone, and so is the photo.
    await b.reload();
    await wallB.locator(CARD).first().waitFor(WAIT);
    expect(await wallB.locator(CARD).filter({ hasText: TEXT }).count()).toBe(0);
    expect((await fetch(photoUrl)).status).toBe(404);

    expect(errors).toEqual([]);
  });
});
