// Types of cls.mjs, for the e2e test that imports it (test/e2e/cls.test.ts).
import type { Browser } from 'playwright-core';

export interface LayoutShift {
  /** When, in ms since the page started loading. */
  at: number;
  value: number;
  /** What moved: a short path to each node. */
  moved: string[];
  /** Each node's box before → after. */
  rects: string[];
}

export function measureCls(
  browser: Browser,
  url: string,
  viewport?: { width: number; height: number },
): Promise<{ cls: number; shifts: LayoutShift[] }>;

export const CLS_PAGES: readonly { name: string; path: string }[];
export const CLS_VIEWPORTS: readonly { name: string; width: number; height: number }[];
