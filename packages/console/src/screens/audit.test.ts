import '../test/setup.js';
import { expect, waitUntil } from '@open-wc/testing';
import type { CercleConsole } from '../app.js';
import type { ConsoleAuditScreen } from './audit.js';
import {
  $,
  $$,
  announced,
  deepText,
  freshBackend,
  go,
  mountConsole,
  OWNER_KEY,
  typeInto,
  warmUp,
  type TestBackend,
} from '../test/backend.js';
import type { ConsoleSettingsScreen } from './settings.js';

let backend: TestBackend;

before(async function () {
  this.timeout(60_000);
  await warmUp();
});

beforeEach(async () => {
  backend = await freshBackend();
});

async function openAudit(el: CercleConsole): Promise<ConsoleAuditScreen> {
  const screen = (await go(el, '#/audit')) as ConsoleAuditScreen;
  await waitUntil(() => screen._entries !== undefined, 'the log never loaded');
  await screen.updateComplete;
  return screen;
}

const patch = (body: object) =>
  backend.call('PATCH', '/v1/communities/maison-verte/host/settings', OWNER_KEY, body);

describe('<cercle-console-audit>', () => {
  it('lists the settings change made in the console, newest first, with who and what', async () => {
    const el = await mountConsole(backend, { key: OWNER_KEY });
    const settings = (await go(el, '#/settings')) as ConsoleSettingsScreen;
    await waitUntil(() => settings.shadowRoot!.querySelector('#f-tagline'));
    typeInto($<HTMLInputElement>(settings, '#f-tagline'), 'Cuisine végétale, entre nous.');
    $<HTMLButtonElement>(settings, '#section-community button[type=submit]').click();
    await announced(el, 'Community: saved.');

    const screen = await openAudit(el);
    const first = $$(screen, '#entries > li')[0]!;
    expect(first.dataset['action']).to.equal('settings.updated');
    const text = deepText(first);
    expect(text).to.contain('Demo owner');
    expect(text).to.match(/\(\s*owner\s*\)/);
    expect(text).to.contain('tagline: Cuisine végétale, entre nous.');
    await expect(screen).to.be.accessible();
  });

  it('filters by action family', async () => {
    await patch({ tagline: 'One' });
    await backend.call('POST', '/v1/communities/maison-verte/host/invitations', OWNER_KEY, {
      role: 'analyst',
    });
    const el = await mountConsole(backend, { key: OWNER_KEY });
    const screen = await openAudit(el);
    const select = $<HTMLSelectElement>(screen, '#prefix');
    select.value = 'host';
    select.dispatchEvent(new Event('change'));
    await waitUntil(
      () => screen._entries?.every((e) => e.action.startsWith('host.')) && !screen._loading,
      'not filtered',
    );
    await screen.updateComplete;
    const actions = $$(screen, '#entries > li').map((li) => li.dataset['action']);
    expect(actions).to.include('host.invited');
    expect(actions).not.to.include('settings.updated');
    expect(backend.calls.some((c) => c.path.includes('action=host.'))).to.equal(true);
  });

  it('loads more with the cursor', async function () {
    this.timeout(20_000);
    for (let i = 0; i < 55; i++) await patch({ tagline: `Tagline ${i}` });
    const el = await mountConsole(backend, { key: OWNER_KEY });
    const screen = await openAudit(el);
    expect($$(screen, '#entries > li')).to.have.length(50);
    $<HTMLButtonElement>(screen, '#more').click();
    await announced(el, 'more entries loaded');
    await screen.updateComplete;
    expect($$(screen, '#entries > li').length).to.be.at.least(55);
    expect(screen._cursor).to.equal(null);
    expect(backend.calls.some((c) => c.path.includes('cursor='))).to.equal(true);
    // No entry twice.
    const ids = screen._entries!.map((e) => e.id);
    expect(new Set(ids).size).to.equal(ids.length);
  });

  it('exports CSV with the key in a header, never in a URL', async () => {
    await patch({ tagline: 'Exported' });
    const el = await mountConsole(backend, { key: OWNER_KEY });
    const screen = await openAudit(el);
    const made: Blob[] = [];
    const original = URL.createObjectURL;
    URL.createObjectURL = (blob: Blob | MediaSource) => {
      made.push(blob as Blob);
      return original.call(URL, blob);
    };
    try {
      $<HTMLButtonElement>(screen, '#export').click();
      await announced(el, 'downloaded as CSV');
    } finally {
      URL.createObjectURL = original;
    }
    expect(made).to.have.length(1);
    const csv = await made[0]!.text();
    expect(csv).to.contain('settings.updated');
    const call = backend.calls.find((c) => c.path.endsWith('/host/audit.csv'))!;
    expect(call.path).not.to.contain(OWNER_KEY);
  });

  it('renders in French', async () => {
    await patch({ tagline: 'FR' });
    const el = await mountConsole(backend, { key: OWNER_KEY, locale: 'fr' });
    const screen = await openAudit(el);
    const text = deepText(screen);
    expect(text).to.contain('Journal d’audit');
    expect(text).to.contain('Exporter en CSV');
    expect(text).to.match(/\(\s*propriétaire\s*\)/);
  });
});
