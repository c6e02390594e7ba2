import '../test/setup.js';
import { expect, fixture, html } from '@open-wc/testing';
import { createClient } from '@cercle/client';
import { CercleElement } from './cercle-element.js';
import { configure, resolveApi } from './config.js';
import { toLocale } from './localize.js';
import { cercleGlobal, resetCercleGlobal, sessionKey, sessionStore } from './stores.js';
import { safeUrl } from './url.js';
import { DEV, warnOnce } from './dev.js';

function captureWarnings(): { messages: string[]; restore: () => void } {
  const messages: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => void messages.push(args.map(String).join(' '));
  return { messages, restore: () => (console.warn = original) };
}

let tagCount = 0;
const uniqueTag = () => `cercle-test-${++tagCount}-${Date.now()}`;

beforeEach(() => {
  resetCercleGlobal();
  localStorage.clear();
});

describe('CercleElement.define', () => {
  it('is silent when the same class or version is defined twice, and never throws', () => {
    class A extends CercleElement {}
    class B extends CercleElement {}
    const tag = uniqueTag();
    const w = captureWarnings();
    try {
      A.define(tag);
      A.define(tag);
      B.define(tag); // another copy of the same version
    } finally {
      w.restore();
    }
    expect(customElements.get(tag)).to.equal(A);
    expect(w.messages).to.deep.equal([]);
  });

  it('warns with both versions when another version holds the tag', () => {
    class Old extends CercleElement {
      static override readonly version = '0.0.1';
    }
    class New extends CercleElement {}
    const tag = uniqueTag();
    Old.define(tag);
    const w = captureWarnings();
    try {
      expect(() => New.define(tag)).not.to.throw();
    } finally {
      w.restore();
    }
    expect(w.messages).to.have.length(1);
    expect(w.messages[0]).to.contain('0.0.1').and.contain(New.version);
    expect(customElements.get(tag)).to.equal(Old);
  });

  it('reflects the theme attribute (light by default) and the locale', async () => {
    class T extends CercleElement {}
    const tag = uniqueTag();
    T.define(tag);
    const el = document.createElement(tag) as T;
    await fixture(html`<div></div>`).then((d) => d.append(el));
    await el.updateComplete;
    expect(el.getAttribute('theme')).to.equal('light');
    el.theme = 'dark';
    el.locale = 'fr';
    await el.updateComplete;
    expect(el.getAttribute('theme')).to.equal('dark');
    expect(el.getAttribute('locale')).to.equal('fr');
  });
});

describe('stores', () => {
  it('live on one global key that includes the contract major version', () => {
    const root = cercleGlobal();
    expect((globalThis as Record<symbol, unknown>)[Symbol.for('cercle.v1')]).to.equal(root);
    expect(sessionKey('https://api.example', 'maison-verte')).to.equal(
      'cercle.v1:https://api.example:maison-verte',
    );
  });

  it('give one session store per (API, community), persisted with nothing but the token', () => {
    const a = sessionStore('https://api.example', 'maison-verte');
    expect(sessionStore('https://api.example', 'maison-verte')).to.equal(a);
    expect(sessionStore('https://other.example', 'maison-verte')).not.to.equal(a);
    const extra = { token: 't'.repeat(24), memberId: 'm_1', status: 'active', displayName: 'Léa' };
    a.set(extra as never);
    const stored = localStorage.getItem('cercle.v1:https://api.example:maison-verte')!;
    expect(JSON.parse(stored)).to.deep.equal({
      token: 't'.repeat(24),
      memberId: 'm_1',
      status: 'active',
    });
    a.set(null);
    expect(localStorage.getItem('cercle.v1:https://api.example:maison-verte')).to.equal(null);
  });

  it('ignore corrupt stored sessions', () => {
    localStorage.setItem('cercle.v1:adapter:x', '{"token": 3}');
    expect(sessionStore('adapter', 'x').get()).to.equal(null);
  });
});

describe('configure and the backend resolution', () => {
  it('prefers the element adapter, then its api attribute, then configure(), then the meta tag', async () => {
    const meta = await fixture<HTMLMetaElement>(
      html`<meta name="cercle-api" content="https://meta.example/" />`,
    );
    expect(resolveApi({})!.key).to.equal('https://meta.example');
    configure({ api: 'https://configured.example/base/' });
    expect(resolveApi({})!.key).to.equal('https://configured.example/base');
    // An adapter is any object with the Cercle operations: here, two real HTTP clients.
    const adapter = createClient({ baseUrl: 'https://adapter.example' });
    configure({ adapter });
    expect(resolveApi({})!.api).to.equal(adapter);
    expect(resolveApi({ api: 'https://attr.example' })!.key).to.equal('https://attr.example');
    const own = createClient({ baseUrl: 'https://own.example' });
    expect(resolveApi({ adapter: own, api: 'https://attr.example' })!.api).to.equal(own);
    meta.remove();
  });

  it('shares one HTTP client per API', () => {
    const a = resolveApi({ api: 'https://api.example' })!;
    const b = resolveApi({ api: 'https://api.example/' })!;
    expect(a.api).to.equal(b.api);
    expect(typeof a.api.getCommunity).to.equal('function');
  });

  it('finds nothing when nothing is configured', () => {
    expect(resolveApi({})).to.equal(undefined);
  });
});

describe('helpers', () => {
  it('resolves locales from tags', () => {
    expect(toLocale('fr-CA')).to.equal('fr');
    expect(toLocale('FR')).to.equal('fr');
    expect(toLocale('de')).to.equal('en');
    expect(toLocale(undefined)).to.equal('en');
  });

  it('only lets http(s) links through', () => {
    expect(safeUrl('https://discord.gg/x')).to.equal('https://discord.gg/x');
    expect(safeUrl('javascript:alert(1)')).to.equal(undefined);
    expect(safeUrl('data:text/html,hi')).to.equal(undefined);
    expect(safeUrl('not a url')).to.equal(undefined);
  });

  it('warns once per message in development', () => {
    expect(DEV).to.equal(true);
    const w = captureWarnings();
    try {
      const message = `test warning ${Date.now()}`;
      expect(warnOnce(message, 'widgets/join.md')).to.equal(true);
      expect(warnOnce(message, 'widgets/join.md')).to.equal(false);
      expect(w.messages).to.have.length(1);
      expect(w.messages[0]).to.contain('docs/widgets/join.md');
    } finally {
      w.restore();
    }
  });
});
