// End to end in headless Chromium against `npm start` (the reference server on a fresh
// SQLite file, the playground on vite): join from the product page, reload and still be a
// member, leave, and check over HTTP that the server no longer holds the member. Then the
// same path against `npm run dev:mock` (msw's service worker in the page).
import { demoOwnerKey } from '@cercle/client/demo';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { freePort, launchChromium, startApp, type StartedApp } from './helpers.js';

const HOST_KEY = 'e2e-host-key-0123456789';
/** The demo owner of maison-verte (the server's key only creates communities). */
const OWNER_KEY = demoOwnerKey('maison-verte');
const NAME = `Margaux E2E ${Date.now().toString(36)}`;
const WAIT = { timeout: 15_000 };

let browser: Browser | undefined;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** The inline card on the product page, and its parts (playwright pierces shadow roots). */
function card(page: Page) {
  const widget: Locator = page.locator('cercle-join[variant="card"]');
  return {
    name: widget.getByRole('textbox', { name: /display name/i }),
    consent: widget.getByRole('checkbox'),
    join: widget.getByRole('button', { name: /join the circle/i }),
    consentError: widget.getByText(/nothing is sent without your consent/i),
    discord: widget.getByRole('link', { name: /discord/i }),
    telegram: widget.getByRole('link', { name: /telegram/i }),
    leave: widget.getByRole('button', { name: 'Leave the circle' }),
    confirmLeave: widget.getByRole('button', { name: /leave and erase/i }),
  };
}

/** Opens the page in English and collects uncaught page errors. */
async function open(url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser!.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${url}?lang=en`);
  return { page, errors };
}

const visible = (locator: Locator) => expect.poll(() => locator.isVisible(), WAIT).toBe(true);
const eventLog = (page: Page) => page.locator('#event-log').textContent();

describe('npm start: the reference server on SQLite', () => {
  let app: StartedApp | undefined;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cercle-e2e-'));
    app = await startApp([], {
      CERCLE_PORT: '0',
      PLAYGROUND_PORT: String(await freePort()),
      CERCLE_DB: join(dir, 'e2e.db'),
      CERCLE_HOST_KEY: HOST_KEY,
    });
  });

  afterAll(async () => {
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  interface MemberList {
    count: number;
    members: { id: string; displayName: string; status: string }[];
  }

  /** What the reference server holds, asked as the host. */
  async function members(): Promise<MemberList> {
    const res = await fetch(`${app!.api}/v1/communities/maison-verte/members`, {
      headers: { authorization: `Bearer ${OWNER_KEY}` },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as MemberList;
  }

  it('joins from the product page, stays joined after a reload, leaves and is erased', async () => {
    expect(app!.api, app!.output()).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const before = await members();
    const { page, errors } = await open(app!.playground);
    const ui = card(page);

    // Nothing is sent without consent.
    await visible(ui.name);
    await ui.name.fill(NAME);
    await ui.join.click();
    await visible(ui.consentError);
    expect((await members()).count).toBe(before.count);

    await ui.consent.check();
    await ui.join.click();

    // Joined: the member-only invites are shown, and the server holds the member.
    await visible(ui.discord);
    expect(await ui.discord.getAttribute('href')).toBe('https://discord.gg/maison-verte-demo');
    expect(await ui.telegram.getAttribute('href')).toBe('https://t.me/maison_verte_demo');
    const held = await members();
    expect(held.count).toBe(before.count + 1);
    expect(held.members.filter((m) => m.displayName === NAME)).toMatchObject([
      { status: 'active' },
    ]);
    // The host page heard the event.
    await expect.poll(() => eventLog(page), WAIT).toContain('cercle-join');

    // A reload keeps the member joined.
    await page.reload();
    await visible(ui.discord);

    // Leave the circle (with confirmation): the form comes back, the server forgets.
    await ui.leave.click();
    await ui.confirmLeave.click();
    await visible(ui.name);
    expect(await ui.discord.count()).toBe(0);
    await expect.poll(() => eventLog(page), WAIT).toContain('cercle-leave');
    const after = await members();
    expect(after.members.some((m) => m.displayName === NAME)).toBe(false);
    expect(after.count).toBe(before.count);

    // And a reload does not bring the member back.
    await page.reload();
    await visible(ui.name);
    expect(await ui.discord.count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('npm run dev:mock: the msw mock in the page', () => {
  let app: StartedApp | undefined;

  beforeAll(async () => {
    app = await startApp(['--mock'], { PLAYGROUND_PORT: String(await freePort()) });
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('joins, stays joined after a reload, and leaves', async () => {
    expect(app!.api).toBeUndefined();
    const { page, errors } = await open(app!.playground);
    const ui = card(page);

    await visible(ui.name);
    await ui.name.fill(NAME);
    await ui.consent.check();
    await ui.join.click();
    await visible(ui.telegram);
    await expect.poll(() => eventLog(page), WAIT).toContain('cercle-join');

    await page.reload();
    await visible(ui.telegram);

    await ui.leave.click();
    await ui.confirmLeave.click();
    await visible(ui.name);
    expect(await ui.telegram.count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
