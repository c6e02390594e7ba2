/**
 * Importing the widgets where there is no `window` (a server render, a test in node) must do
 * nothing harmful: no throw, no DOM access, no global `window` created, no network.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

describe('@cercle/elements in node (no window)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('imports the side-effect-free entry and every widget module without a window', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
    const entry = await import('../src/index.js');
    expect(typeof entry.CercleJoin).toBe('function');
    expect(typeof entry.CercleQa).toBe('function');
    expect(typeof entry.CercleVoteEvent).toBe('function');
    expect(typeof entry.configure).toBe('function');
    await import('../src/join/cercle-join.js');
    await import('../src/qa/cercle-qa.js');
    await import('../src/cercle.js');
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
    expect(typeof (globalThis as { document?: unknown }).document).toBe('undefined');
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('lets a page configure the widgets before any of them exists', async () => {
    const { configure } = await import('../src/index.js');
    expect(() => configure({ api: 'https://api.example.com' })).not.toThrow();
  });
});
