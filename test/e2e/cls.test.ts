// No layout shift: the playground's product page and reviews page against the reference
// server (its seeded demo, real photos, text below the widgets), on a desktop and a 390 px
// phone, in English and French, each in a fresh context that scrolls the page through as a
// visitor would (scripts/lib/cls.mjs, shared with `npm run bench`'s scripts/bench-cls.mjs).
// CLS must be 0 to three decimals; a failure lists what moved, with its boxes.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLS_PAGES, CLS_VIEWPORTS, measureCls } from '../../scripts/lib/cls.mjs';
import { launchChromium, startStack, type Stack } from './helpers.js';

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  stack = await startStack();
  browser = await launchChromium();
  // vite optimises the widgets' dependencies on the first visit (and reloads the page):
  // once here, so the measured visits are a returning visitor's cold-cache loads.
  const warm = await browser.newPage();
  await warm.goto(stack.playground, { waitUntil: 'load' });
  await warm.waitForTimeout(3_000);
  await warm.close();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('layout shift on the playground', () => {
  for (const page of CLS_PAGES) {
    for (const viewport of CLS_VIEWPORTS) {
      it(`is 0 on the ${page.name}, ${viewport.name}`, async () => {
        const { cls, shifts } = await measureCls(
          browser,
          new URL(page.path, stack.playground).href,
          viewport,
        );
        const moved = shifts.map(
          (s) =>
            `${s.at} ms ${s.value.toFixed(4)}: ${s.moved.map((m, i) => `${m} ${s.rects[i]}`).join('; ')}`,
        );
        expect(cls, moved.join('\n')).toBeLessThan(0.001);
      }, 60_000);
    }
  }
});
