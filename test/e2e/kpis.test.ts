// The KPI dashboard end to end, in headless Chromium against the reference server seeded with
// the demo (six months of history): the owner signs in to the console and opens the KPIs; a
// visitor's browser loads the join widget's data, joins and asks in the live session; the
// owner refreshes and the funnel moves by exactly that visitor (visitors, joined, joined and
// contributed); the series CSV downloaded from the dashboard holds the figures of the
// members plot's table, row for row.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoCommunities, demoOwnerKey } from '@cercle/client/demo';
import { createServer, type RunningServer } from '@cercle/server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, launchChromium } from './helpers.js';

const SLUG = 'maison-verte';
const WAIT = { timeout: 15_000 };

let browser: Browser | undefined;
let dir: string;
let api: RunningServer | undefined;

beforeAll(async () => {
  browser = await launchChromium();
  dir = mkdtempSync(join(tmpdir(), 'cercle-e2e-kpis-'));
  api = await createServer({
    db: join(dir, 'kpis.db'),
    port: await freePort(),
    seed: 'demo',
    logger: () => {},
  });
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The rows of a table alternative (opened), header cell first: `[[day, cells…], …]`. */
async function tableRows(page: Page, caption: string): Promise<string[][]> {
  const group = page.getByRole('group', { name: caption, exact: true });
  const details = page
    .locator('details')
    .filter({ has: page.locator(`[role="group"][aria-label="${caption}"]`) });
  if (!(await details.evaluate((d: HTMLDetailsElement) => d.open, undefined, WAIT))) {
    await details.locator('summary').click();
  }
  await group.locator('tbody tr').first().waitFor(WAIT);
  return group
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) =>
        [...row.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').trim()),
      ),
    );
}

/** The funnel's counts: visitors, joined, joined and contributed (numbers, "< 5" as NaN). */
async function funnel(page: Page): Promise<number[]> {
  const rows = await tableRows(page, 'From visitor to contributor');
  return rows.map((r) => Number((r[1] ?? '').replace(/[^\d]/g, '')));
}

describe('the KPI dashboard', () => {
  it('moves with a visitor who joins and asks, and its CSV matches the plots', async () => {
    const context = await browser!.newContext({
      locale: 'en-GB',
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    const owner = await context.newPage();
    const errors: string[] = [];
    owner.on('pageerror', (e) => errors.push(e.message));
    await owner.goto(`${api!.url}/console/`);
    await owner.getByLabel('Host key').fill(demoOwnerKey(SLUG));
    await owner.getByRole('button', { name: 'Sign in' }).click();
    await owner.getByRole('navigation').getByRole('link', { name: 'KPIs' }).click();
    const before = await funnel(owner);
    // The seeded history gives every step a figure over the default 28 days.
    expect(
      before.every((n) => Number.isFinite(n) && n >= 5),
      String(before),
    ).toBe(true);

    // A visitor in a new browser (its own user agent): loads the community and the session, joins
    // and asks (the widgets' requests, made from the page).
    const visitor = await browser!.newContext({ userAgent: `Cercle e2e visitor ${Date.now()}` });
    const page = await visitor.newPage();
    await page.goto(`${api!.url}/v1/health`);
    const community = demoCommunities.find((c) => c.slug === SLUG)!;
    const status = await page.evaluate(
      async ({ slug, consent }) => {
        const base = `/v1/communities/${slug}`;
        const json = { 'content-type': 'application/json' };
        await fetch(base);
        await fetch(`${base}/sessions/dimanche-live`);
        const joined = await fetch(`${base}/members`, {
          method: 'POST',
          headers: json,
          body: JSON.stringify({
            displayName: 'Lina',
            consent: { version: consent, accepted: true },
          }),
        });
        const { token } = (await joined.json()) as { token: string };
        const asked = await fetch(`${base}/sessions/dimanche-live/questions`, {
          method: 'POST',
          headers: { ...json, authorization: `Bearer ${token}` },
          body: JSON.stringify({ text: 'Faut-il nourrir le levain la veille ?' }),
        });
        return [joined.status, asked.status];
      },
      { slug: SLUG, consent: community.consentVersion },
    );
    expect(status).toEqual([201, 201]);
    await visitor.close();

    // The owner refreshes: one more visitor, one more join, one more member who contributed.
    await owner.reload();
    await owner.getByRole('navigation').getByRole('link', { name: 'KPIs' }).waitFor(WAIT);
    await expect
      .poll(() => funnel(owner), WAIT)
      .toEqual([before[0]! + 1, before[1]! + 1, before[2]! + 1]);

    // The series CSV from the dashboard holds the members plot's figures, day by day.
    const [download] = await Promise.all([
      owner.waitForEvent('download', WAIT),
      owner.getByRole('button', { name: 'Download CSV: figures over time' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      /^maison-verte-kpis-series-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/,
    );
    const csv = readFileSync((await download.path())!, 'utf8')
      .trimEnd()
      .split('\r\n')
      .map((line) => line.split(','));
    const [header, ...lines] = csv;
    expect(header?.slice(0, 5)).toEqual(['day', 'members', 'joins', 'waitlisted_joins', 'leaves']);
    const table = await tableRows(owner, 'Members per day');
    expect(lines).toHaveLength(table.length);
    const shown = (cell: string) => (cell === '<5' ? '< 5' : cell);
    // Table: [day, members, joins, leaves]; CSV: [day, members, joins, waitlisted, leaves, …].
    expect(lines.map((l) => [l[1], l[2], l[4]].map((c) => shown(c ?? '')))).toEqual(
      table.map((r) => r.slice(1, 4)),
    );
    expect(errors).toEqual([]);
    await context.close();
  });
});
