// The live Q&A end to end in headless Chromium against the reference server: two members in
// separate browser contexts (A and B) on the product page and the host on the host console.
// A asks, B sees it within a second; B votes, A sees the count change; the host answers,
// both see it answered. Then the server is restarted mid-session (same port, same SQLite
// file): the boards reconnect on their own and show every change made meanwhile.
//
// The test runs its own reference server (so it can restart it) and serves the playground
// with vite (the root vite.config.ts, `VITE_CERCLE_API` pointing at that server).
import { demoOwnerKey } from '@cercle/client/demo';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type RunningServer, type ServerOptions } from '@cercle/server';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startPlayground } from './helpers.js';
import { board, joinWith, seeQuestion, visible, WAIT } from './qa-page.js';

const HOST_KEY = 'e2e-qa-host-key-0123456789';
/** The demo owner of maison-verte (the server's key only creates communities). */
const OWNER_KEY = demoOwnerKey('maison-verte');
const COMMUNITY = 'maison-verte';
const SESSION = 'dimanche-live';
const run = Date.now().toString(36);
const QUESTION_A = `A asks: which miso for a vegan ramen? (${run})`;
const QUESTION_C = `C asks while the boards are away (${run})`;
const ANSWER = `Shiro miso, mild and sweet (${run}).`;
/** The public event stream of a session (not the host's, under `/host/`). */
const PUBLIC_EVENTS = /\/v1\/communities\/[^/]+\/sessions\/[^/]+\/events$/;

let dir: string;
let serverOptions: ServerOptions;
let api: RunningServer | undefined;
let vite: Awaited<ReturnType<typeof startPlayground>> | undefined;
let browser: Browser | undefined;
let playground: string;
const contexts: BrowserContext[] = [];
const errors: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cercle-qa-e2e-'));
  serverOptions = {
    db: join(dir, 'qa.db'),
    port: 0,
    hostKey: HOST_KEY,
    allowedOrigins: ['http://127.0.0.1:*'],
    // Three browsers and their reconnections share one IP here.
    rateLimits: { ip: { limit: 10_000, windowMs: 60_000 } },
    logger: () => {},
  };
  api = await createServer({ ...serverOptions, seed: 'demo' });
  serverOptions.port = api.port;

  vite = await startPlayground(api.url);
  playground = vite.url;
  browser = await launchChromium();
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await vite?.close();
  await api?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function open(path: string): Promise<Page> {
  const context = await browser!.newContext({ viewport: { width: 1280, height: 1000 } });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`${path}: ${e.message}`));
  await page.goto(new URL(path, playground).href);
  return page;
}

/** The host console's parts. */
function console_(page: Page) {
  const item = (text: string) => page.locator('li.question').filter({ hasText: text });
  return {
    key: page.getByLabel('Clé d’hôte'),
    session: page.getByLabel('Session', { exact: true }),
    connect: page.getByRole('button', { name: 'Se connecter' }),
    item,
    stream: page.locator('#stream-state'),
    error: page.getByRole('alert'),
  };
}

async function restartServer(): Promise<void> {
  api = await createServer(serverOptions);
  expect(api.port).toBe(serverOptions.port);
}

describe('live Q&A against the reference server', () => {
  it('keeps two boards and the host console live, across a server restart', async () => {
    const [a, b, host] = await Promise.all([
      open('./?lang=en'),
      open('./?lang=en'),
      open('./host.html'),
    ]);
    const boardA = board(a);
    const boardB = board(b);

    // Both boards show the seeded session; nobody has joined yet.
    await visible(boardA.item('Quelle farine pour un pain de mie'));
    await visible(boardB.item('Quelle farine pour un pain de mie'));

    // A joins from the board's own call; B joins from the page's card.
    await boardA.joinToAsk.click();
    await joinWith(boardA.widget.locator('cercle-join'), `Alice ${run}`);
    await joinWith(b.locator('#cercle cercle-join'), `Bruno ${run}`);
    await visible(boardA.question);
    await visible(boardB.question);

    // The host connects to the session.
    const hostUi = console_(host);
    await hostUi.key.fill(OWNER_KEY);
    await hostUi.session.fill(SESSION);
    await hostUi.connect.click();
    await visible(hostUi.item('Quelle farine pour un pain de mie'));
    await expect.poll(() => hostUi.stream.textContent(), WAIT).toBe('en direct');

    // A asks; B sees it within a second of A's answer.
    await boardA.question.fill(QUESTION_A);
    const asked = a.waitForResponse(
      (r) => r.request().method() === 'POST' && r.url().endsWith(`/sessions/${SESSION}/questions`),
    );
    await boardA.ask.click();
    expect((await asked).status()).toBe(201);
    await visible(boardB.item(QUESTION_A), 1000);
    await visible(hostUi.item(QUESTION_A), 1000);
    await seeQuestion(a, QUESTION_A);

    // B votes; A sees the count change (and B's button says it is pressed).
    await visible(boardA.item(QUESTION_A).getByRole('button', { name: /, 0 votes$/ }));
    await boardB.vote(QUESTION_A).click();
    await expect
      .poll(() => boardB.vote(QUESTION_A).getAttribute('aria-pressed'), WAIT)
      .toBe('true');
    await visible(boardA.item(QUESTION_A).getByRole('button', { name: /, 1 vote$/ }), 2000);

    // The host answers in writing; both boards show the answer.
    const hostItem = hostUi.item(QUESTION_A);
    await hostItem.getByText('Répondre par écrit').click();
    await hostItem.getByLabel(/Réponse écrite/).fill(ANSWER);
    await hostItem.getByRole('button', { name: 'Publier' }).click();
    await visible(boardA.item(QUESTION_A).getByText(ANSWER), 2000);
    await visible(boardB.item(QUESTION_A).getByText(ANSWER), 2000);

    // A third member, over plain HTTP, for the changes made while the boards are away.
    const joined = await fetch(`${api!.url}/v1/communities/${COMMUNITY}/members`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        displayName: `Chloé ${run}`,
        consent: { version: '2026-11-01', accepted: true },
      }),
    });
    expect(joined.status).toBe(201);
    const { token } = (await joined.json()) as { token: string };

    // The boards are kept away until told otherwise (their reconnections fail), so that the
    // changes below are made while they are away, not merely while they reconnect.
    const away = [a, b].map((page) => page.context());
    for (const context of away) {
      await context.route(PUBLIC_EVENTS, (route) => route.abort('connectionrefused'));
    }

    // The server goes down: every stream drops, the host's calls fail.
    await api!.close();
    await visible(boardA.reconnecting);
    await expect.poll(() => hostUi.stream.textContent(), WAIT).toMatch(/reconnexion/);
    await hostItem.getByRole('button', { name: 'Épingler' }).click();
    await expect.poll(() => hostUi.error.textContent(), WAIT).toMatch(/l’API ne répond pas/);

    // Back on the same port and the same SQLite file. While the boards are away, C asks and
    // votes for A's question (plain HTTP) and the host pins it from the console.
    await restartServer();
    const sessionUrl = `${api!.url}/v1/communities/${COMMUNITY}/sessions/${SESSION}`;
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const cAsked = await fetch(`${sessionUrl}/questions`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ text: QUESTION_C }),
    });
    expect(cAsked.status).toBe(201);
    const questionA = (
      (await (await fetch(`${sessionUrl}/questions?sort=new&limit=5`)).json()) as {
        questions: { id: string; text: string }[];
      }
    ).questions.find((q) => q.text === QUESTION_A)!;
    const voted = await fetch(`${sessionUrl}/questions/${questionA.id}/vote`, {
      method: 'PUT',
      headers: auth,
    });
    expect(voted.status).toBe(200);
    await hostItem.getByRole('button', { name: 'Épingler' }).click();
    await expect
      .poll(
        () => hostItem.getByRole('button', { name: 'Épingler' }).getAttribute('aria-pressed'),
        WAIT,
      )
      .toBe('true');

    // At most the host console is connected; now the boards may come back.
    expect(api!.broker.subscriberCount()).toBeLessThanOrEqual(1);
    for (const context of away) await context.unroute(PUBLIC_EVENTS);

    // Both boards reconnect on their own and show every change.
    await expect.poll(() => api!.broker.subscriberCount(), WAIT).toBeGreaterThanOrEqual(3);
    for (const page of [a, b]) {
      const ui = board(page);
      await seeQuestion(page, QUESTION_C);
      await visible(ui.item(QUESTION_A).getByRole('button', { name: /, 2 votes$/ }));
      await visible(ui.item(QUESTION_A).getByText('Pinned'));
      await visible(ui.item(QUESTION_A).getByText(ANSWER));
      await expect.poll(() => ui.reconnecting.isVisible(), WAIT).toBe(false);
    }
    // B's own vote survived the restart.
    expect(await boardB.vote(QUESTION_A).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => hostUi.stream.textContent(), WAIT).toBe('en direct');
    await visible(hostUi.item(QUESTION_C));

    expect(errors).toEqual([]);
  });
});
