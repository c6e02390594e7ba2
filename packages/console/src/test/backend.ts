/**
 * The console's test backend: the mock (`@cercle/mock`: the reference server's own app and
 * rules over an in-memory SQLite) seeded with the demo, one fresh copy per test. The shell
 * gets its `fetch` (`mountConsole`), so every answer is the server's. Helpers make other
 * communities (operator key) and other hosts (invite + accept).
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { demoOwnerKey } from '@cercle/client/demo';
import type { CreatedCommunity, CreatedInvitation, HostCredential } from '@cercle/client/admin';
import type { HostRole } from '@cercle/client/contract';
import { createMockBackend, demoStore, type MockBackend } from '@cercle/mock';
import { NO_RATE_LIMITS, openMemoryStore, type MemoryStore } from '@cercle/server/app';
import type { CercleConsole } from '../app.js';
import '../app.js';

/** The test API's base URL (never on the network: the mock's fetch answers it). */
export const API = 'https://api.cercle.test';
export const OPERATOR_KEY = 'test-operator-key-0123456789';
export const OWNER_KEY = demoOwnerKey('maison-verte');

let image: Promise<Uint8Array> | undefined;

export interface TestBackend {
  mock: MockBackend;
  fetch: typeof fetch;
  /** Every request the console made: method and path. */
  calls: { method: string; path: string }[];
  /** Moves the backend's clock by `ms` (expiries). */
  advance(ms: number): void;
  /** A JSON call straight to the mock (status and body). */
  call(
    method: string,
    path: string,
    key?: string,
    body?: unknown,
  ): // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test bodies of any route
  Promise<{ status: number; body: any }>;
}

/** Builds the demo database once (a few seconds): call it from a `before` hook. */
export async function warmUp(): Promise<void> {
  image ??= demoStore().then((s) => (s as MemoryStore).snapshot());
  await image;
}

export async function freshBackend(): Promise<TestBackend> {
  image ??= demoStore().then((s) => (s as MemoryStore).snapshot());
  const store = openMemoryStore({ image: await image });
  let offset = 0;
  const mock = createMockBackend({
    baseUrl: API,
    store,
    hostKey: OPERATOR_KEY,
    app: { now: () => new Date(Date.now() + offset), rateLimits: NO_RATE_LIMITS },
  });
  const calls: TestBackend['calls'] = [];
  return {
    mock,
    calls,
    advance: (ms) => {
      offset += ms;
    },
    fetch: (input, init) => {
      const request = new Request(input, init);
      const url = new URL(request.url);
      calls.push({ method: request.method, path: url.pathname + url.search });
      return mock.fetch(request);
    },
    async call(method, path, key, body) {
      const res = await mock.fetch(
        new Request(API + path, {
          method,
          headers: {
            ...(key ? { authorization: `Bearer ${key}` } : {}),
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }),
      );
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
  };
}

/** Invites a host to `maison-verte` (as its owner) and accepts: their key. */
export async function hostKey(
  backend: TestBackend,
  role: HostRole,
  name = `A ${role}`,
): Promise<string> {
  const invited = await backend.call(
    'POST',
    '/v1/communities/maison-verte/host/invitations',
    OWNER_KEY,
    {
      role,
      name,
    },
  );
  expect(invited.status).to.equal(201);
  const { token } = invited.body as CreatedInvitation;
  const accepted = await backend.call(
    'POST',
    '/v1/communities/maison-verte/invitations/accept',
    undefined,
    {
      token,
      name,
    },
  );
  expect(accepted.status).to.equal(201);
  return (accepted.body as HostCredential).key;
}

/** A new community made with the operator key: its owner's key. */
export async function newCommunity(backend: TestBackend, slug: string): Promise<CreatedCommunity> {
  const res = await backend.call('POST', '/v1/communities', OPERATOR_KEY, {
    slug,
    name: `Community ${slug}`,
    privacyPolicyUrl: `https://${slug}.example/privacy`,
  });
  expect(res.status).to.equal(201);
  return res.body as CreatedCommunity;
}

export interface MountOptions {
  /** Signed in with this key before mounting (kept in sessionStorage as the console does). */
  key?: string;
  hash?: string;
  locale?: 'en' | 'fr';
}

/** Mounts `<cercle-console>` on a fresh or given backend, waits until it settled. */
export async function mountConsole(
  backend: TestBackend,
  { key, hash = '#/', locale = 'en' }: MountOptions = {},
): Promise<CercleConsole> {
  sessionStorage.clear();
  localStorage.setItem('cercle-console:locale', locale);
  localStorage.removeItem('cercle-console:theme');
  if (key) sessionStorage.setItem('cercle-console:session', JSON.stringify({ key }));
  history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
  const el = await fixture<CercleConsole>(
    html`<cercle-console .apiBase=${API} .fetchImpl=${backend.fetch}></cercle-console>`,
  );
  await waitUntil(() => el._phase !== 'starting', 'the console never started', { timeout: 4000 });
  if (key) await waitUntil(() => el._phase === 'ready', 'never signed in', { timeout: 4000 });
  await el.updateComplete;
  return el;
}

/** Goes to a route and waits for its screen to render its heading. */
export async function go(el: CercleConsole, hash: string): Promise<HTMLElement> {
  location.hash = hash;
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  await waitUntil(() => {
    const screen = el._screen;
    return (
      screen?.localName === `cercle-console-${name}` &&
      customElements.get(screen.localName) &&
      screen.shadowRoot?.querySelector('h1')
    );
  }, `no screen for ${hash}`);
  return el._screen!;
}

/** The current screen once it is defined and rendered. */
export async function screenOf<T extends HTMLElement = HTMLElement>(el: CercleConsole): Promise<T> {
  await waitUntil(
    () =>
      el._screen &&
      customElements.get(el._screen.localName) &&
      el._screen.shadowRoot?.querySelector('h1'),
    'no screen',
  );
  return el._screen as T;
}

/** Text of an element and its shadow roots, spaces collapsed. */
export function deepText(node: Node): string {
  const parts: string[] = [];
  const walk = (n: Node) => {
    if (n.nodeType === Node.TEXT_NODE) parts.push(n.textContent ?? '');
    if (n instanceof Element && n.shadowRoot) walk(n.shadowRoot);
    if (n instanceof HTMLSlotElement) for (const a of n.assignedNodes()) walk(a);
    for (const c of n.childNodes) walk(c);
  };
  walk(node);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** The first match of `selector` in `root`'s shadow tree. */
export function $<T extends Element = HTMLElement>(root: Element, selector: string): T {
  const found = root.shadowRoot?.querySelector<T>(selector);
  if (!found) throw new Error(`no ${selector} in <${root.localName}>`);
  return found;
}

export function $$<T extends Element = HTMLElement>(root: Element, selector: string): T[] {
  return [...(root.shadowRoot?.querySelectorAll<T>(selector) ?? [])];
}

/** Types into a field as a user does (value + input event). */
export function typeInto(field: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

/** The shell's live region text. */
export const liveText = (el: CercleConsole): string => deepText($(el, '[role="status"]'));

/** Waits until the live region says `text`. */
export async function announced(el: CercleConsole, text: string | RegExp): Promise<void> {
  await waitUntil(
    () => (typeof text === 'string' ? liveText(el).includes(text) : text.test(liveText(el))),
    `the live region never said ${String(text)} (it says: ${liveText(el)})`,
  );
}

/** The focused element, through shadow roots. */
export function deepActive(): Element | null {
  let a = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}
