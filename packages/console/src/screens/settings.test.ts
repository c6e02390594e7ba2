import '../test/setup.js';
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { HostCommunity } from '@cercle/client/contract';
import type { CercleConsole } from '../app.js';
import type { ConsoleConfirm } from '../ui/dialog.js';
import type { ConsoleCopy } from '../ui/copy.js';
import type { ConsoleEmbed } from './settings/embed.js';
import type { ConsoleSettingsScreen } from './settings.js';
import { embedSnippet } from './settings/embed.js';
import {
  $,
  $$,
  announced,
  deepText,
  freshBackend,
  go,
  hostKey,
  mountConsole,
  OWNER_KEY,
  typeInto,
  warmUp,
  type TestBackend,
} from '../test/backend.js';

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

async function openSettings(
  options: { key?: string; locale?: 'en' | 'fr' } = {},
): Promise<{ el: CercleConsole; screen: ConsoleSettingsScreen }> {
  const el = await mountConsole(backend, {
    key: options.key ?? OWNER_KEY,
    locale: options.locale ?? 'en',
  });
  const screen = (await go(el, '#/settings')) as ConsoleSettingsScreen;
  await waitUntil(() => screen.shadowRoot!.querySelector('#f-name'), 'the form never showed');
  return { el, screen };
}

const settings = async (): Promise<HostCommunity> =>
  (await backend.call('GET', '/v1/communities/maison-verte/host/settings', OWNER_KEY)).body;

const submit = (screen: ConsoleSettingsScreen, section: string) =>
  $<HTMLButtonElement>(screen, `#section-${section} button[type=submit]`).click();

describe('<cercle-console-settings>', () => {
  it('saves the name and the shell shows the new one', async () => {
    const { el, screen } = await openSettings();
    typeInto($<HTMLInputElement>(screen, '#f-name'), 'Maison Verte & co');
    submit(screen, 'community');
    await announced(el, 'Community: saved.');
    expect((await settings()).name).to.equal('Maison Verte & co');
    await el.updateComplete;
    expect(deepText($(el, 'header'))).to.contain('Maison Verte & co');
    await expect(screen).to.be.accessible();
  });

  it('sends only what changed (no new consent version for an untouched text)', async () => {
    const { el, screen } = await openSettings();
    const before = (await settings()).consentHistory.length;
    submit(screen, 'consent');
    await announced(el, 'Nothing changed');
    expect((await settings()).consentHistory.length).to.equal(before);
    expect(backend.calls.filter((c) => c.method === 'PATCH')).to.have.length(0);
  });

  it('shows the server’s error next to a malformed origin and keeps the text', async () => {
    const { el, screen } = await openSettings();
    const field = $<HTMLTextAreaElement>(screen, '#f-allowedOrigins');
    const typed = 'https://shop.example\nhttp://localhost:*\nnot an origin';
    typeInto(field, typed);
    submit(screen, 'origins');
    await waitUntil(
      () => screen.shadowRoot!.querySelector('#err-allowedOrigins'),
      'no field error',
    );
    const error = deepText($(screen, '#err-allowedOrigins'));
    expect(error).to.contain('Line 3');
    expect(error).to.contain('scheme://host[:port]');
    expect(field.value).to.equal(typed);
    expect(field.getAttribute('aria-invalid')).to.equal('true');
    expect(field.getAttribute('aria-describedby')).to.contain('err-allowedOrigins');
    await announced(el, 'refused some fields');
    expect((await settings()).allowedOrigins).not.to.include('not an origin');
    await expect(screen).to.be.accessible();

    // Fixed, it saves, and localhost:* is accepted.
    typeInto(field, 'https://shop.example\nhttp://localhost:*');
    submit(screen, 'origins');
    await announced(el, 'Allowed origins: saved.');
    expect((await settings()).allowedOrigins).to.deep.equal([
      'https://shop.example',
      'http://localhost:*',
    ]);
    await screen.updateComplete;
    expect(screen.shadowRoot!.querySelector('#err-allowedOrigins')).to.equal(null);
  });

  it('keeps a bad capacity as typed and says why, without a request', async () => {
    const { screen } = await openSettings();
    const field = $<HTMLInputElement>(screen, '#f-capacity');
    typeInto(field, 'three hundred');
    submit(screen, 'joining');
    await waitUntil(() => screen.shadowRoot!.querySelector('#err-capacity'));
    expect(field.value).to.equal('three hundred');
    expect(backend.calls.filter((c) => c.method === 'PATCH')).to.have.length(0);
  });

  it('records a new consent version when the text changes and lists it', async () => {
    const { el, screen } = await openSettings();
    const before = await settings();
    typeInto(
      $<HTMLTextAreaElement>(screen, '#f-consentText'),
      'I agree that Maison Verte keeps my name to run the circle.',
    );
    submit(screen, 'consent');
    await announced(el, 'Consent text: saved.');
    const after = await settings();
    expect(after.consentVersion).not.to.equal(before.consentVersion);
    expect(after.consentHistory).to.have.length(before.consentHistory.length + 1);
    await screen.updateComplete;
    const history = deepText($(screen, '#consent-history'));
    expect(history).to.contain(`Version ${after.consentVersion}`);
    expect(history).to.contain(`Version ${before.consentVersion}`);
    expect(history).to.match(/\d+ members accepted it/);
    expect(deepText($(screen, '#consent-note'))).to.contain(
      `Current version: ${after.consentVersion}`,
    );
  });

  it('adds and removes invite destinations', async () => {
    const { el, screen } = await openSettings();
    const count = (await settings()).invites.length;
    $<HTMLButtonElement>(screen, '#add-invite').click();
    await screen.updateComplete;
    const i = count;
    const kind = $<HTMLSelectElement>(screen, `#invite-${i}-kind`);
    kind.value = 'slack';
    kind.dispatchEvent(new Event('change'));
    typeInto($<HTMLInputElement>(screen, `#invite-${i}-label`), 'Slack des cuisiniers');
    typeInto($<HTMLInputElement>(screen, `#invite-${i}-url`), 'not a url');
    submit(screen, 'invites');
    await waitUntil(
      () => screen.shadowRoot!.querySelector(`#err-invites\\.${i}\\.url`),
      'no row error',
    );
    expect($<HTMLInputElement>(screen, `#invite-${i}-url`).value).to.equal('not a url');
    typeInto($<HTMLInputElement>(screen, `#invite-${i}-url`), 'https://slack.example/join');
    submit(screen, 'invites');
    await announced(el, 'Invite destinations: saved.');
    const saved = (await settings()).invites;
    expect(saved).to.have.length(count + 1);
    expect(saved[i]).to.deep.equal({
      kind: 'slack',
      label: 'Slack des cuisiniers',
      url: 'https://slack.example/join',
    });
    // Remove the first one.
    $$<HTMLButtonElement>(screen, '.invite button.danger')[0]!.click();
    submit(screen, 'invites');
    await waitUntil(async () => (await settings()).invites.length === count);
  });

  it('gives the embed snippet with the real widget attributes and an offer', async () => {
    const { screen } = await openSettings();
    const embed = $<ConsoleEmbed>(screen, 'cercle-console-embed');
    await waitUntil(() => embed.shadowRoot!.querySelector('#offer'), 'no offer picker');
    const copy = $<ConsoleCopy>(embed, 'cercle-console-copy');
    const snippet = copy.value;
    expect(snippet).to.contain(
      '<script type="module" src="https://api.cercle.test/sdk/cercle.js"></script>',
    );
    expect(snippet).to.contain(
      '<cercle-join community="maison-verte" api="https://api.cercle.test">',
    );
    expect(snippet).to.contain('<cercle-qa community="maison-verte" session="next" api=');
    expect(snippet).to.contain('<cercle-wall community="maison-verte"');
    expect(snippet).to.match(/<cercle-promo community="maison-verte" offer="[a-z0-9-]+"/);
    expect(embedSnippet('https://x.example', 'c', undefined)).not.to.contain('cercle-promo');
  });

  it('archives after a confirmation and restores', async () => {
    const { el, screen } = await openSettings();
    $<HTMLButtonElement>(screen, '#section-archive button.danger').click();
    const dialog = $<ConsoleConfirm>(screen, '#confirm-archive');
    await waitUntil(() => dialog.shadowRoot!.querySelector('dialog')!.open, 'no confirmation');
    await expect(dialog).to.be.accessible();
    $<HTMLButtonElement>(dialog, 'button.danger').click();
    await announced(el, 'The community is archived.');
    expect((await settings()).archived).to.equal(true);
    await el.updateComplete;
    expect(deepText($(el, 'main'))).to.contain('This community is archived');
    $<HTMLButtonElement>(screen, '#section-archive button.primary').click();
    await announced(el, 'The community is restored.');
    expect((await settings()).archived).to.equal(false);
  });

  it('cancels the confirmation with Escape and gives focus back', async () => {
    const { screen } = await openSettings();
    const button = $<HTMLButtonElement>(screen, '#section-archive button.danger');
    button.focus();
    await sendKeys({ press: 'Enter' });
    const dialog = $<ConsoleConfirm>(screen, '#confirm-archive');
    await waitUntil(() => dialog.shadowRoot!.querySelector('dialog')!.open, 'no confirmation');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialog.shadowRoot!.querySelector('dialog')!.open, 'still open');
    await waitUntil(() => screen.shadowRoot!.activeElement === button, 'focus not returned');
    expect((await settings()).archived).to.equal(false);
  });

  it('is read-only for a moderator', async () => {
    const key = await hostKey(backend, 'moderator');
    const { screen } = await openSettings({ key });
    expect(deepText(screen)).to.contain('Read-only');
    expect($$(screen, 'button[type=submit]')).to.have.length(0);
    expect($<HTMLInputElement>(screen, '#f-name').readOnly).to.equal(true);
    await expect(screen).to.be.accessible();
  });

  it('renders in French', async () => {
    const { screen } = await openSettings({ locale: 'fr' });
    const text = deepText(screen);
    expect(text).to.contain('Réglages');
    expect(text).to.contain('Origines autorisées');
    expect(text).to.contain('Historique du consentement');
    expect(text).not.to.contain('Allowed origins');
  });

  it('fits a 390 px phone, axe-clean, in both themes', async () => {
    await setViewport({ width: 390, height: 844 });
    const { el, screen } = await openSettings();
    expect(document.documentElement.scrollWidth).to.be.at.most(390);
    await expect(el).to.be.accessible();
    const theme = $<HTMLSelectElement>(el, '#theme');
    theme.value = 'dark';
    theme.dispatchEvent(new Event('change'));
    await el.updateComplete;
    await expect(screen).to.be.accessible();
    expect(document.documentElement.scrollWidth).to.be.at.most(390);
  });
});
