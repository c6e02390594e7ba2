import './test/setup.js';
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { CercleConsole } from './app.js';
import { navFor } from './app.js';
import { parseHash } from './router.js';
import { resolveApiBase, SessionStore } from './api.js';
import type { ConsoleSignIn } from './sign-in.js';
import {
  $,
  $$,
  announced,
  deepActive,
  deepText,
  freshBackend,
  go,
  hostKey,
  mountConsole,
  OWNER_KEY,
  screenOf,
  typeInto,
  warmUp,
  type TestBackend,
} from './test/backend.js';

let backend: TestBackend;

before(async function () {
  this.timeout(60_000);
  await warmUp();
});

beforeEach(async () => {
  backend = await freshBackend();
});

afterEach(async () => {
  await setViewport({ width: 1280, height: 800 });
});

const navLabels = (el: CercleConsole) => $$(el, 'nav a').map((a) => deepText(a));

async function signInWith(el: CercleConsole, key: string): Promise<ConsoleSignIn> {
  const form = $<ConsoleSignIn>(el, 'cercle-console-sign-in');
  await form.updateComplete;
  typeInto($<HTMLInputElement>(form, '#key'), key);
  $<HTMLButtonElement>(form, 'button[type=submit]').click();
  return form;
}

describe('routing', () => {
  it('parses the hash routes', () => {
    expect(parseHash('#/settings')).to.deep.include({ name: 'settings' });
    expect(parseHash('#/live/dimanche-live')).to.deep.include({
      name: 'live',
      id: 'dimanche-live',
    });
    const accept = parseHash('#/accept?community=maison-verte&token=abc');
    expect(accept.name).to.equal('accept');
    expect(accept.query.get('community')).to.equal('maison-verte');
    expect(accept.query.get('token')).to.equal('abc');
    expect(parseHash('').name).to.equal('home');
    expect(parseHash('#/nope').name).to.equal('unknown');
  });

  it('gives each role its screens', () => {
    expect(navFor(['read', 'moderate'])).to.deep.equal(['sessions', 'testimonials', 'reports']);
    expect(navFor(['read', 'insights'])).to.deep.equal(['offers', 'kpis']);
  });
});

describe('the session store', () => {
  it('takes ?api= once, keeps it beside the key, and forgets only the key on sign-out', () => {
    sessionStorage.clear();
    const store = new SessionStore(sessionStorage);
    const loc = {
      search: '?api=https://api.example/&x=1',
      pathname: location.pathname,
      hash: '#/team',
      origin: 'https://console.example',
    } as Location;
    expect(resolveApiBase(store, loc)).to.equal('https://api.example');
    expect(location.search).not.to.contain('api=');
    store.saveKey('k'.repeat(30));
    expect(resolveApiBase(store, { ...loc, search: '' })).to.equal('https://api.example');
    store.forgetKey();
    expect(store.key).to.equal(undefined);
    expect(store.api).to.equal('https://api.example');
    sessionStorage.clear();
    expect(resolveApiBase(new SessionStore(sessionStorage), { ...loc, search: '' })).to.equal(
      'https://console.example',
    );
    // A bad value is ignored.
    expect(
      resolveApiBase(new SessionStore(sessionStorage), { ...loc, search: '?api=javascript:1' }),
    ).to.equal('https://console.example');
  });
});

describe('<cercle-console> sign-in', () => {
  it('signs in with a good key and keeps it in sessionStorage only', async () => {
    const el = await mountConsole(backend);
    expect(el._phase).to.equal('signed-out');
    await expect(el).to.be.accessible();
    await signInWith(el, OWNER_KEY);
    await waitUntil(() => el._phase === 'ready', 'never signed in');
    await announced(el, 'Signed in as');
    expect(deepText($(el, 'header'))).to.contain('Maison Verte');
    expect(sessionStorage.getItem('cercle-console:session')).to.contain(OWNER_KEY);
    expect(localStorage.getItem('cercle-console:session')).to.equal(null);
    expect(location.href).not.to.contain(OWNER_KEY);
    // Every request carried the key in the header, none in a URL.
    expect(backend.calls.some((c) => c.path.includes(OWNER_KEY))).to.equal(false);
    await screenOf(el);
    await expect(el).to.be.accessible();
  });

  it('says clearly when a key is unknown, and keeps what was typed', async () => {
    const el = await mountConsole(backend);
    const form = await signInWith(el, 'not-a-real-key-000000000000');
    await waitUntil(() => form.shadowRoot!.querySelector('#key-error'), 'no error');
    const input = $<HTMLInputElement>(form, '#key');
    expect(deepText($(form, '#key-error'))).to.contain('unknown or has been revoked');
    expect(input.value).to.equal('not-a-real-key-000000000000');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(input.getAttribute('aria-describedby')).to.contain('key-error');
    expect(el._phase).to.equal('signed-out');
    await expect(el).to.be.accessible();
  });

  it('resumes from sessionStorage and signs out', async () => {
    const el = await mountConsole(backend, { key: OWNER_KEY });
    expect(el._phase).to.equal('ready');
    $<HTMLButtonElement>(el, '#sign-out').click();
    await waitUntil(() => el._phase === 'signed-out');
    expect(sessionStorage.getItem('cercle-console:session')).to.equal(null);
    await announced(el, 'Signed out');
  });

  it('signs out with a message when the key is revoked meanwhile', async () => {
    const modKey = await hostKey(backend, 'moderator', 'Temp');
    const el = await mountConsole(backend, { key: modKey });
    const team = await backend.call('GET', '/v1/communities/maison-verte/host/team', OWNER_KEY);
    const temp = (team.body.hosts as { id: string; name: string }[]).find(
      (h) => h.name === 'Temp',
    )!;
    await backend.call('DELETE', `/v1/communities/maison-verte/host/team/${temp.id}`, OWNER_KEY);
    location.hash = '#/settings';
    await waitUntil(() => el._phase === 'signed-out', 'still signed in', { timeout: 4000 });
    const form = $<ConsoleSignIn>(el, 'cercle-console-sign-in');
    await form.updateComplete;
    expect(deepText(form)).to.contain('no longer valid');
  });
});

describe('<cercle-console> navigation', () => {
  it('shows an owner every screen', async () => {
    const el = await mountConsole(backend, { key: OWNER_KEY });
    expect(navLabels(el)).to.include.members(['Settings', 'Team', 'Webhooks', 'Audit log']);
  });

  it('shows a moderator sessions, testimonials and reports only', async () => {
    const key = await hostKey(backend, 'moderator');
    const el = await mountConsole(backend, { key });
    const labels = navLabels(el);
    expect(labels).to.deep.equal(['Live sessions', 'Testimonials', 'Reports']);
    location.hash = '#/team';
    await waitUntil(() => deepText($(el, 'main')).includes('Not available to your role'));
    location.hash = '#/webhooks';
    await el.updateComplete;
    expect(deepText($(el, 'main'))).to.contain('Not available to your role');
  });

  it('shows an analyst offers and the KPIs', async () => {
    const key = await hostKey(backend, 'analyst');
    const el = await mountConsole(backend, { key });
    expect(navLabels(el)).to.deep.equal(['Offers', 'KPIs']);
  });

  it('moves focus to the heading of the screen it opens', async () => {
    await mountConsole(backend, { key: OWNER_KEY });
    location.hash = '#/team';
    await waitUntil(() => deepActive()?.localName === 'h1', 'focus not on a heading');
    expect(deepText(deepActive()!)).to.equal('Team');
  });

  it('has a skip link that is first in the tab order', async () => {
    const el = await mountConsole(backend, { key: OWNER_KEY });
    await screenOf(el);
    await sendKeys({ press: 'Tab' });
    expect(deepActive()?.className).to.equal('skip');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => deepActive()?.localName === 'h1');
  });

  it('switches to French and remembers it', async () => {
    const el = await mountConsole(backend, { key: OWNER_KEY });
    const select = $<HTMLSelectElement>(el, '#locale');
    select.value = 'fr';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(navLabels(el)).to.include('Réglages');
    expect(localStorage.getItem('cercle-console:locale')).to.equal('fr');
    expect(el.lang).to.equal('fr');
  });

  it('switches the theme with data-theme on the root', async () => {
    const el = await mountConsole(backend, { key: OWNER_KEY });
    const select = $<HTMLSelectElement>(el, '#theme');
    select.value = 'dark';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(document.documentElement.dataset['theme']).to.equal('dark');
    expect(getComputedStyle(el).getPropertyValue('--c-bg').trim()).to.equal('#101412');
    await expect(el).to.be.accessible();
    select.value = 'auto';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(document.documentElement.hasAttribute('data-theme')).to.equal(false);
  });

  it('renders no style attribute anywhere (CSP: style-src self)', async () => {
    const el = await mountConsole(backend, { key: OWNER_KEY });
    const styled: string[] = [];
    const walk = (root: Element | ShadowRoot) => {
      for (const node of root.querySelectorAll('*')) {
        if (node.hasAttribute('style')) styled.push(node.localName);
        if (node.shadowRoot) walk(node.shadowRoot);
      }
    };
    for (const hash of ['#/settings', '#/team', '#/audit', '#/webhooks', '#/kpis']) {
      const screen = await go(el, hash);
      await new Promise((r) => setTimeout(r, 150));
      await (screen as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
      walk(el.shadowRoot!);
    }
    expect(styled).to.deep.equal([]);
  });

  it('fits a phone and stays accessible, with a menu button', async () => {
    await setViewport({ width: 390, height: 844 });
    const el = await mountConsole(backend, { key: OWNER_KEY });
    await screenOf(el);
    const toggle = $<HTMLButtonElement>(el, '.menu-toggle');
    expect(getComputedStyle($(el, 'nav')).display).to.equal('none');
    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(getComputedStyle($(el, 'nav')).display).not.to.equal('none');
    expect(document.documentElement.scrollWidth).to.be.at.most(390);
    await expect(el).to.be.accessible();
  });
});
