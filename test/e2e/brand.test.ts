// The brand's side end to end, from an empty database, in headless Chromium: the operator
// creates a community with the CLI; the owner signs in to the console, sets the allowed
// origins and an invite link, invites a moderator, schedules a session and creates a
// unique-code offer from a CSV file; the moderator accepts on a phone-sized screen and may
// moderate but not edit the settings; a plain page on another origin, with the embed snippet
// copied from the console, shows the join card, the session and the offer; a visitor joins
// and asks; a webhook receiver gets member.joined and question.created with valid
// signatures although the server restarts between the actions and the delivery; the
// moderator answers and the visitor sees the answer.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createServer, verifyWebhook, type RunningServer } from '@cercle/server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, launchChromium, ROOT } from './helpers.js';

const OPERATOR = 'e2e-brand-operator-key-0123456789';
const SLUG = 'atelier-vert';
const WAIT = { timeout: 15_000 };
const run = Date.now().toString(36);
const QUESTION = `Which clay for a first bowl? ${run}`;
const ANSWER = `Start with a stoneware clay. ${run}`;

let browser: Browser | undefined;
let dir: string;
let api: RunningServer | undefined;
let brand: Server | undefined;
let receiver: Server | undefined;
const received: { headers: Record<string, string>; body: string }[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  dir = mkdtempSync(join(tmpdir(), 'cercle-e2e-brand-'));
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
  brand?.close();
  receiver?.close();
  rmSync(dir, { recursive: true, force: true });
});

const listen = (server: Server, port = 0) =>
  new Promise<number>((resolve) =>
    server.listen(port, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );

/** The reference server on the test's database file and port; `deliver` runs the webhook worker. */
const startApi = (port: number, deliver: boolean) =>
  createServer({
    db: join(dir, 'brand.db'),
    port,
    hostKey: OPERATOR,
    logger: () => {},
    webhooks: deliver ? { intervalMs: 100 } : false,
  });

async function cli(args: string[]): Promise<string> {
  const bin = join(ROOT, 'packages/server/bin/cercle-server.js');
  const { stdout } = await promisify(execFile)(process.execPath, [bin, ...args], { cwd: ROOT });
  return stdout;
}

/** A page in English at `width` × `height`, failing the test on any uncaught page error. */
async function page(width = 1280, height = 900): Promise<{ page: Page; errors: string[] }> {
  const context = await browser!.newContext({ locale: 'en-GB', viewport: { width, height } });
  const p = await context.newPage();
  const errors: string[] = [];
  p.on('pageerror', (e) => errors.push(e.message));
  return { page: p, errors };
}

/** A toast or status text the console announces. */
const announced = (p: Page, text: string | RegExp) =>
  p
    .getByText(text)
    .first()
    .waitFor({ state: 'attached', ...WAIT });

/** `YYYY-MM-DDTHH:MM` for a datetime-local field, in the browser's zone (UTC here). */
const local = (d: Date) => d.toISOString().slice(0, 16);

describe('the brand’s side', () => {
  it('sets up and runs a community without code', async () => {
    // The operator creates the community and its first owner from a terminal.
    const created = JSON.parse(
      await cli([
        'communities',
        'create',
        '--db',
        join(dir, 'brand.db'),
        '--slug',
        SLUG,
        '--name',
        'Atelier Vert',
        '--privacy-policy',
        'https://atelier-vert.example/privacy',
        '--owner-name',
        'Olivia',
        '--json',
      ]),
    ) as { key: string; owner: { name: string } };
    expect(created.owner.name).toBe('Olivia');

    // The brand's own page (another origin) and the brand's webhook receiver.
    let snippet = '';
    brand = createHttpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8">
        <title>Atelier Vert</title></head><body><h1>Our bowls</h1>${snippet}</body></html>`);
    });
    const brandOrigin = `http://127.0.0.1:${await listen(brand)}`;
    receiver = createHttpServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        received.push({ headers: req.headers as Record<string, string>, body });
        res.writeHead(204).end();
      });
    });
    const hooks = `http://127.0.0.1:${await listen(receiver)}/cercle`;

    const port = await freePort();
    api = await startApi(port, false);
    const console_ = `${api.url}/console/`;

    // The owner signs in and sets the allowed origins and an invite destination.
    const { page: owner, errors: ownerErrors } = await page();
    await owner.goto(console_);
    await owner.getByLabel('Host key').fill(created.key);
    await owner.getByRole('button', { name: 'Sign in' }).click();
    await owner.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
    await owner.getByLabel('Origins, one per line').fill(brandOrigin);
    await owner.getByRole('button', { name: 'Save allowed origins' }).click();
    await announced(owner, 'Allowed origins: saved.');
    await owner.getByRole('button', { name: 'Add a destination' }).click();
    await owner.getByLabel('Label').fill('Our Discord');
    await owner.getByLabel('URL', { exact: true }).fill('https://discord.gg/atelier-vert');
    await owner.getByRole('button', { name: 'Save invite destinations' }).click();
    await announced(owner, 'Invite destinations: saved.');

    // The owner invites a moderator.
    await owner.getByRole('navigation').getByRole('link', { name: 'Team' }).click();
    await owner.getByRole('radio', { name: /^Moderator/ }).check();
    await owner.getByLabel('Their name').fill('Mo');
    await owner.getByRole('button', { name: 'Create the invitation link' }).click();
    const link = await owner.getByLabel('Invitation link').inputValue();
    expect(link).toMatch(/\/console\/#\/accept\?community=atelier-vert&token=/);

    // The owner schedules a session and creates a unique-code offer from a CSV file.
    await owner.getByRole('navigation').getByRole('link', { name: 'Sessions' }).click();
    await owner.getByRole('button', { name: 'New session' }).click();
    await owner.getByLabel('Session id').fill('atelier-live');
    await owner.getByLabel('Title', { exact: true }).fill('Throwing a bowl, live');
    await owner.getByLabel('Starts').fill(local(new Date(Date.now() + 3_600_000)));
    await owner.getByRole('button', { name: 'Save the session' }).click();
    await announced(owner, '“Throwing a bowl, live” is scheduled.');

    await owner.getByRole('navigation').getByRole('link', { name: 'Offers' }).click();
    await owner.getByRole('button', { name: 'New offer' }).click();
    await owner.getByLabel('Offer id').fill('bienvenue');
    await owner.getByLabel('Title', { exact: true }).fill('Welcome to the circle');
    await owner.getByLabel('Benefit', { exact: true }).fill('-10 % on your first bowl');
    await owner.getByLabel('Expires').fill(local(new Date(Date.now() + 30 * 86_400_000)));
    await owner.getByRole('radio', { name: /^Unique codes/ }).check();
    await owner.getByRole('button', { name: 'Save the offer' }).click();
    await announced(owner, '“Welcome to the circle” is created.');
    await owner.getByRole('button', { name: 'Import codes: Welcome to the circle' }).click();
    const csv = ['code', ...Array.from({ length: 20 }, (_, i) => `AV-${run}-${i}`)].join('\n');
    await owner
      .getByLabel('File of codes (CSV, or one code per line)')
      .setInputFiles({ name: 'codes.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await owner.getByRole('button', { name: 'Add 20 codes' }).click();
    await announced(owner, 'Codes added: 20. Duplicates skipped: 0.');

    // The webhook endpoint (through the API with the owner's key), then the embed snippet.
    const hook = await fetch(`${api.url}/v1/communities/${SLUG}/host/webhooks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${created.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: hooks, events: ['member.joined', 'question.created'] }),
    });
    expect(hook.status).toBe(201);
    const { secret } = (await hook.json()) as { secret: string };

    await owner.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
    await owner.getByLabel('Offer for the promo widget').selectOption('bienvenue');
    snippet = await owner.getByLabel('Embed snippet').inputValue();
    expect(snippet).toContain(`${api.url}/sdk/cercle.js`);
    expect(snippet).toContain('session="next"');
    expect(ownerErrors).toEqual([]);

    // The moderator accepts the invitation on a phone: moderation yes, settings no.
    const { page: mod, errors: modErrors } = await page(390, 844);
    await mod.goto(link);
    await mod.getByLabel('Your name').fill('Mo');
    await mod.getByRole('button', { name: 'Accept and create my key' }).click();
    const shown = mod.getByRole('textbox', { name: 'Host key' });
    await shown.waitFor(WAIT);
    const modKey = await shown.inputValue();
    expect(modKey.length).toBeGreaterThan(20);
    await mod.getByLabel('I have saved it somewhere safe').check();
    await mod.getByRole('button', { name: 'Continue to the console' }).click();
    await mod.getByRole('heading', { name: 'Sessions' }).waitFor(WAIT);
    await mod.getByRole('button', { name: 'Menu' }).click();
    const nav = mod.getByRole('navigation');
    await nav.getByRole('link', { name: 'Live sessions' }).waitFor(WAIT);
    expect(await nav.getByRole('link', { name: 'Settings' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Team' }).count()).toBe(0);
    // …and the API refuses them a settings change, whatever the console shows.
    const refused = await fetch(`${api.url}/v1/communities/${SLUG}/host/settings`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${modKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ tagline: 'Not theirs to change' }),
    });
    expect(refused.status).toBe(403);

    // A visitor on the brand's page: the join card, the session and the offer; joins and asks.
    const { page: visitor, errors: visitorErrors } = await page();
    await visitor.goto(`${brandOrigin}/`);
    const card = visitor.locator('cercle-join');
    const qa = visitor.locator('cercle-qa');
    const promo = visitor.locator('cercle-promo');
    await qa.getByText('Throwing a bowl, live').waitFor(WAIT);
    await promo.getByText('-10 % on your first bowl').waitFor(WAIT);
    await card.getByRole('textbox', { name: /display name/i }).fill(`Vera ${run}`);
    await card.getByRole('checkbox').check();
    await card.getByRole('button', { name: /join the circle/i }).click();
    await card.getByRole('link', { name: /discord/i }).waitFor(WAIT);
    await qa.getByRole('textbox', { name: 'Your question' }).fill(QUESTION);
    await qa.getByRole('button', { name: 'Ask', exact: true }).click();
    await qa.getByText(QUESTION).waitFor(WAIT);
    await promo.getByRole('button', { name: 'Reveal my code' }).click();
    await promo.getByText(new RegExp(`AV-${run}-\\d+`)).waitFor(WAIT);

    // Nothing was delivered yet (no worker); the server restarts, and the outbox goes out.
    expect(received).toEqual([]);
    await api.close();
    api = await startApi(port, true);
    await expect.poll(() => received.length, WAIT).toBe(2);
    const events = [];
    for (const { headers, body } of received) {
      expect(await verifyWebhook([secret], headers, body)).toBe(true);
      events.push((JSON.parse(body) as { type: string; data: Record<string, unknown> }).type);
    }
    expect(events.sort()).toEqual(['member.joined', 'question.created']);
    expect(received.map((r) => r.body).join('')).not.toContain(`Vera ${run}`);

    // The moderator answers from the live queue; the visitor sees the answer.
    await mod.reload();
    await mod.goto(`${api.url}/console/#/live/atelier-live`);
    const question = mod.getByRole('listitem').filter({ hasText: QUESTION });
    await question.getByRole('button', { name: /^Answer/ }).click();
    await mod.getByLabel('Written answer (everyone sees it on the board)').fill(ANSWER);
    await mod.getByRole('button', { name: 'Publish the answer' }).click();
    await announced(mod, 'Answer published.');
    await qa.getByText(ANSWER).waitFor({ timeout: 30_000 });

    expect(modErrors).toEqual([]);
    expect(visitorErrors).toEqual([]);
  });
});
