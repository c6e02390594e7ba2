/**
 * Test-only (imported by `src/screens/*.test.ts`): the screens' tests on top of the shell's
 * test backend (`src/test/backend.ts`: the mock, the reference server's own app and rules,
 * demo seeded once and copied per test). Adds what a screen test needs: a signed-in
 * `Session` for a role, members acting through the public client, and a few DOM helpers.
 */
import '../../test/setup.js';
import { createClient, type CercleClient } from '@cercle/client';
import {
  API,
  freshBackend as shellBackend,
  hostKey,
  OWNER_KEY,
  type TestBackend as ShellBackend,
} from '../../test/backend.js';
import { ConsoleApi, whoAmI } from '../../api.js';
import type { Locale } from '../../i18n.js';
import type { Session } from '../../screen.js';

export { API, warmUp } from '../../test/backend.js';
export const COMMUNITY = 'maison-verte';
export const CONSENT = '2026-11-01';

export interface TestBackend extends ShellBackend {
  /** The public client (what members' widgets use). */
  client: CercleClient;
  /** The demo owner, signed in. */
  owner(locale?: Locale): Promise<Session>;
  /** A new host of `role`, invited by the owner and signed in. */
  host(role: 'owner' | 'moderator' | 'analyst', locale?: Locale): Promise<Session>;
  /** A new member of the community: their token. */
  member(name?: string): Promise<string>;
}

/** A backend with the demo data, fresh for one test. */
export async function freshBackend(): Promise<TestBackend> {
  const backend = await shellBackend();
  const client = createClient({ baseUrl: API, fetch: backend.fetch, retries: 0 });
  let members = 0;
  const signIn = async (key: string, locale: Locale = 'en'): Promise<Session> => {
    const api = new ConsoleApi({ base: API, key, fetch: backend.fetch });
    // The live queue's stream goes through the same fetch (see live/controller.ts).
    Object.defineProperty(api, 'fetch', { value: backend.fetch });
    const me = await whoAmI(api);
    return { api, host: me.host, community: me.community, permissions: me.permissions, locale };
  };
  return {
    ...backend,
    client,
    owner: (locale) => signIn(OWNER_KEY, locale),
    host: async (role, locale) => signIn(await hostKey(backend, role), locale),
    async member(name = `Member ${++members}`) {
      const { token } = await client.join(COMMUNITY, {
        displayName: name,
        consent: { version: CONSENT, accepted: true },
      });
      return token;
    },
  };
}

/** The first `selector` match in `el`'s shadow root. */
export const $ = <T extends Element = HTMLElement>(el: Element, selector: string): T | null =>
  el.shadowRoot!.querySelector<T>(selector);

/** The first button in `root` whose text (trimmed) is `text`. */
export const buttonIn = (root: ParentNode | null | undefined, text: string) =>
  [...(root?.querySelectorAll('button') ?? [])].find((b) => b.textContent!.trim() === text);

/** Sets a field's value as typing would (an `input` event). */
export function setValue(input: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

/** Records the `console-toast` messages reaching `document` until `stop()`. */
export function recordToasts(): { messages: string[]; stop(): void } {
  const messages: string[] = [];
  const listener = (e: Event) =>
    messages.push((e as CustomEvent<{ message: string }>).detail.message);
  document.addEventListener('console-toast', listener);
  return { messages, stop: () => document.removeEventListener('console-toast', listener) };
}

/** Same element? (chai's `equal` on two elements can hang the page when it fails.) */
export const same = (a: unknown, b: unknown): boolean => a === b;
