// Several instances end to end: two `cercle-server` processes on one PostgreSQL (the embedded
// one the test run started, or CERCLE_TEST_DATABASE_URL's), behind a small round-robin proxy
// (test/e2e/proxy.ts); the playground's product page served by vite with the proxy as its API.
// Two members in separate browser contexts, whose event streams land on different instances:
// a question asked by either appears on the other's board, whichever instance took the POST
// (so at least one board got it from the other instance). Then the instance holding A's
// stream is killed (SIGKILL) mid-session: while A is away, B asks and votes through the
// survivor; A's board reconnects through the proxy to the survivor, resumes from its
// Last-Event-ID, and shows every change once — nothing lost, nothing twice.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase } from '../postgres/server.ts';
import { freePort, launchChromium, ROOT, startPlayground } from './helpers.js';
import { startProxy, type Proxy } from './proxy.js';
import { board, joinWith, seeQuestion, visible, WAIT } from './qa-page.js';

const HOST_KEY = 'e2e-instances-host-key-0123456789';
const run = Date.now().toString(36);
const QUESTION_A = `A asks through the proxy (${run})`;
const QUESTION_B = `B asks through the proxy (${run})`;
const QUESTION_C = `B asks while A is away (${run})`;
const PUBLIC_EVENTS = /\/v1\/communities\/[^/]+\/sessions\/[^/]+\/events$/;
const bin = join(ROOT, 'packages/server/bin/cercle-server.js');

interface Instance {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** One server process from source on `db`, resolved once it prints its URL. */
async function startInstance(db: string, extra: string[] = []): Promise<Instance> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      '--conditions=source',
      '--import',
      'tsx',
      bin,
      '--db',
      db,
      '--port',
      String(port),
      '--allow-origin',
      'http://127.0.0.1:*',
      '--trust-proxy',
      ...extra,
    ],
    { cwd: ROOT, env: { ...process.env, CERCLE_HOST_KEY: HOST_KEY }, stdio: 'pipe' },
  );
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const check = () => {
      if (/listening on http:\/\/127\.0\.0\.1:\d+/.test(output)) resolve();
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => reject(new Error(`instance exited (${code}):\n${output}`)));
  });
  return { child, url: `http://127.0.0.1:${port}`, output: () => output };
}

let dropDatabase: (() => Promise<void>) | undefined;
const instances: Instance[] = [];
let proxy: Proxy | undefined;
let vite: Awaited<ReturnType<typeof startPlayground>> | undefined;
let browser: Browser | undefined;
let playground: string;
const contexts: BrowserContext[] = [];
const errors: string[] = [];

beforeAll(async () => {
  const database = await createDatabase(inject('postgresUrl'));
  dropDatabase = database.drop;
  // The first seeds the demo (and migrates); the second starts on the migrated database.
  instances.push(await startInstance(database.url, ['--seed', 'demo']));
  instances.push(await startInstance(database.url));
  proxy = await startProxy(instances.map((i) => i.url));

  vite = await startPlayground(proxy.url);
  playground = vite.url;
  browser = await launchChromium();
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await vite?.close();
  await proxy?.close();
  for (const instance of instances) instance.child.kill('SIGKILL');
  await dropDatabase?.();
});

async function open(path: string): Promise<Page> {
  const context = await browser!.newContext({ viewport: { width: 1280, height: 1000 } });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`${path}: ${e.message}`));
  await page.goto(new URL(path, playground).href);
  return page;
}

/** The public event streams the proxy has passed on so far. */
const streams = () => proxy!.requests.filter((r) => r.stream && PUBLIC_EVENTS.test(r.path));

/** How many items of the board hold `text` (1: shown once). */
const shown = (page: Page, text: string) => board(page).item(text).count();

describe('two instances on one PostgreSQL behind a proxy', () => {
  it('keeps two boards on different instances live, and resumes on the survivor after a kill', async () => {
    const a = await open('./?lang=en');
    const boardA = board(a);
    await visible(boardA.item('Quelle farine pour un pain de mie'));
    await expect.poll(() => streams().filter((s) => s.upstream >= 0).length, WAIT).toBe(1);
    const b = await open('./?lang=en');
    const boardB = board(b);
    await visible(boardB.item('Quelle farine pour un pain de mie'));
    await expect.poll(() => streams().filter((s) => s.upstream >= 0).length, WAIT).toBe(2);
    const [streamA, streamB] = streams();
    expect(streamA!.upstream).not.toBe(streamB!.upstream);

    // Both join (A from the board's call, B from the page's card).
    await boardA.joinToAsk.click();
    await joinWith(boardA.widget.locator('cercle-join'), `Alice ${run}`);
    await joinWith(b.locator('#cercle cercle-join'), `Bruno ${run}`);
    await visible(boardA.question);
    await visible(boardB.question);

    // Each asks; the other's board shows it, whichever instance took the POST.
    await boardA.question.fill(QUESTION_A);
    await boardA.ask.click();
    await visible(boardB.item(QUESTION_A), 5000);
    await boardB.question.fill(QUESTION_B);
    await boardB.ask.click();
    await seeQuestion(a, QUESTION_B, 5000);
    await seeQuestion(a, QUESTION_A);
    await seeQuestion(b, QUESTION_B);

    // B votes; A sees the count.
    await boardB.vote(QUESTION_A).click();
    await visible(boardA.item(QUESTION_A).getByRole('button', { name: /, 1 vote$/ }), 5000);

    // A is kept away (its reconnections fail until told otherwise), then A's instance dies.
    const lastSeen = streams().length;
    await a.context().route(PUBLIC_EVENTS, (route) => route.abort('connectionrefused'));
    const victim = instances[streamA!.upstream]!;
    victim.child.kill('SIGKILL');
    await visible(boardA.reconnecting);

    // Meanwhile B (on the survivor) asks and votes again.
    await boardB.question.fill(QUESTION_C);
    await boardB.ask.click();
    await seeQuestion(b, QUESTION_C);
    await boardB.vote(QUESTION_B).click();
    await expect
      .poll(() => boardB.vote(QUESTION_B).getAttribute('aria-pressed'), WAIT)
      .toBe('true');

    // A comes back: through the proxy to the survivor, resuming from its last event.
    await a.context().unroute(PUBLIC_EVENTS);
    await seeQuestion(a, QUESTION_C);
    await visible(boardA.item(QUESTION_B).getByRole('button', { name: /, 1 vote$/ }));
    await expect.poll(() => boardA.reconnecting.isVisible(), WAIT).toBe(false);
    const resumed = streams()
      .slice(lastSeen)
      .filter((s) => s.upstream >= 0);
    expect(resumed.length).toBeGreaterThan(0);
    expect(resumed.every((s) => s.upstream === streamB!.upstream)).toBe(true);
    expect(resumed[0]!.lastEventId).toMatch(/^\d+$/);

    // Every question once on both boards; the counts right.
    for (const page of [a, b]) {
      for (const text of [QUESTION_A, QUESTION_B, QUESTION_C])
        expect(await shown(page, text)).toBe(1);
      await visible(
        board(page)
          .item(QUESTION_A)
          .getByRole('button', { name: /, 1 vote$/ }),
      );
      await visible(
        board(page)
          .item(QUESTION_B)
          .getByRole('button', { name: /, 1 vote$/ }),
      );
    }
    expect(errors).toEqual([]);
  });
});
