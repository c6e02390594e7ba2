/** Shared helpers for widget tests: events, keyboard, waiting on the shadow DOM. */
import { waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';

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
