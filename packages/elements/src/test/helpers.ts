/**
 * Shared helpers for widget tests: a fresh backend per test (the mock), mounting and settling a
 * widget, events, keyboard, waiting on the shadow DOM.
 */
import { fixture, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import type { CSSResult, LitElement, TemplateResult } from 'lit';
import { configure } from '../internal/config.js';
import { resetCercleGlobal, sessionStore } from '../internal/stores.js';
import { CONSENT, freshBackend, type TestBackend } from './backend.js';

/**
 * Every console.warn from now on (still printed), so a file can prove Lit never warned
 * (see `litWarnings`) or that a development warning was issued.
 */
export function captureWarnings(): string[] {
  const warnings: string[] = [];
  const originalWarn = console.warn;
  console.warn = (...args: unknown[]) => {
    warnings.push(args.map(String).join(' '));
    originalWarn.apply(console, args);
  };
  return warnings;
}

/** The warnings from Lit itself (not Cercle's own, not the dev-mode notice). */
export const litWarnings = (warnings: string[]): string[] =>
  warnings.filter(
    (w) => /lit/i.test(w) && !w.startsWith('[cercle]') && !w.startsWith('Lit is in dev mode'),
  );

/**
 * A clean page for the next test: no global state, no session, a new backend with the
 * fixtures (see backend.ts), its client configured as the widgets' adapter.
 */
export async function freshApi(): Promise<TestBackend> {
  resetCercleGlobal();
  localStorage.clear();
  const t = await freshBackend();
  configure({ adapter: t.api });
  return t;
}

/** Back to the default colour scheme and motion (after a test emulated others). */
export const resetMedia = (): Promise<void> =>
  emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });

/**
 * Joins `community` as `name` (straight to the backend, not in its call log) and stores the
 * session, as `<cercle-join>` would.
 */
export async function joinAs(
  t: TestBackend,
  community = 'maison-verte',
  name = 'Camille',
): Promise<string> {
  const { token, member } = await t.direct().join(community, {
    displayName: name,
    consent: { version: CONSENT, accepted: true },
  });
  sessionStore('adapter', community).set({ token, memberId: member.id, status: member.status });
  return token;
}

/** The first `selector` match in `el`'s shadow root, now (null if none). */
export const q = <T extends Element = HTMLElement>(el: Element, selector: string): T | null =>
  el.shadowRoot!.querySelector<T>(selector);

/** A macrotask later (or `ms`). */
export const tick = (ms = 0): Promise<unknown> => new Promise((r) => setTimeout(r, ms));

/** Waits until the widget is past loading (or has `state` when given). */
export async function settle<T extends LitElement>(el: T, state?: string): Promise<T> {
  await waitUntil(
    () => (state ? el.matches(`:state(${state})`) : !el.matches(':state(loading)')),
    `never reached ${state ?? 'a loaded state'}: "${shadowText(el)}"`,
    { timeout: 3000, interval: 10 },
  );
  await el.updateComplete;
  return el;
}

/** Renders `template` and waits until its widget is past loading. */
export const mountSettled = async <T extends LitElement>(template: TemplateResult): Promise<T> =>
  settle(await fixture<T>(template));

/**
 * Records the ids of the intervals set and cleared until `restore()` (to prove a widget
 * stops its timers when removed).
 */
export function spyIntervals(): { created: number[]; cleared: number[]; restore: () => void } {
  const created: number[] = [];
  const cleared: number[] = [];
  const { setInterval: set, clearInterval: clear } = window;
  window.setInterval = ((fn: () => void, ms: number) => {
    const id = set(fn, ms);
    created.push(id);
    return id;
  }) as typeof setInterval;
  window.clearInterval = ((id: number) => {
    cleared.push(id);
    clear(id);
  }) as typeof clearInterval;
  return {
    created,
    cleared,
    restore: () => {
      window.setInterval = set;
      window.clearInterval = clear;
    },
  };
}

/**
 * Runs `action` and resolves with the first `type` event that reaches `target` within
 * `timeout` ms (rejects otherwise). Listens on `target` (default: `document`), so an event
 * that does not bubble out of the widget is not caught.
 */
export async function expectEvent<K extends keyof GlobalEventHandlersEventMap>(
  type: K,
  action: () => unknown,
  { target = document as EventTarget, timeout = 2000 } = {},
): Promise<GlobalEventHandlersEventMap[K]> {
  let listener!: (e: Event) => void;
  const caught = new Promise<GlobalEventHandlersEventMap[K]>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no "${type}" event within ${timeout} ms`)),
      timeout,
    );
    listener = (e) => {
      clearTimeout(timer);
      resolve(e as GlobalEventHandlersEventMap[K]);
    };
    target.addEventListener(type, listener, { once: true });
  });
  try {
    await action();
    return await caught;
  } finally {
    target.removeEventListener(type, listener);
  }
}

/** Records every `type` event reaching `document` until `stop()`. */
export function recordEvents<K extends keyof GlobalEventHandlersEventMap>(
  type: K,
): { events: GlobalEventHandlersEventMap[K][]; stop: () => void } {
  const events: GlobalEventHandlersEventMap[K][] = [];
  const listener = (e: Event): void => void events.push(e as GlobalEventHandlersEventMap[K]);
  document.addEventListener(type, listener);
  return { events, stop: () => document.removeEventListener(type, listener) };
}

/** Presses one key (`Tab`, `Enter`, `Escape`, `Space`…) as a real keyboard would. */
export const press = (key: string): Promise<void> => sendKeys({ press: key });

/** Types text into whatever has focus. */
export const type = (text: string): Promise<void> => sendKeys({ type: text });

/** The element that has focus, looking inside shadow roots. */
export function deepActiveElement(): Element | null {
  let el: Element | null = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

/** Presses Tab until `predicate(deepActiveElement())` holds (at most `max` times). */
export async function tabTo(predicate: (el: Element | null) => boolean, max = 20): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (predicate(deepActiveElement())) return;
    await press('Tab');
  }
  throw new Error('tabTo: never reached the wanted element');
}

/** Waits until `selector` matches inside `el`'s shadow root; resolves with it. */
export async function shadowQuery<T extends Element = HTMLElement>(
  el: Element,
  selector: string,
  message = `"${selector}" in the shadow root`,
): Promise<T> {
  await waitUntil(() => el.shadowRoot?.querySelector(selector), `never found ${message}`, {
    timeout: 2000,
  });
  return el.shadowRoot!.querySelector<T>(selector)!;
}

/** The text of the widget's shadow root, collapsing white space (but not no-break spaces). */
export const shadowText = (el: Element): string =>
  (el.shadowRoot?.textContent ?? '').replace(/[ \t\n\r\f]+/g, ' ').trim();

/**
 * The private custom properties (`--_cercle-*`) `sheets` use but never define, and the
 * `--_cercle-<widget>-*` ones they define but never use (both lists should be empty).
 */
export function customPropertyGaps(
  sheets: CSSResult[],
  widget: string,
): { notDefined: string[]; notUsed: string[] } {
  const css = sheets.map((s) => s.cssText).join('\n');
  const defined = new Set([...css.matchAll(/(--_cercle-[\w-]+)\s*:/g)].map((m) => m[1]!));
  const used = new Set([...css.matchAll(/var\(\s*(--_cercle-[\w-]+)/g)].map((m) => m[1]!));
  return {
    notDefined: [...used].filter((n) => !defined.has(n)),
    notUsed: [...defined].filter((n) => n.startsWith(`--_cercle-${widget}-`) && !used.has(n)),
  };
}
