import '../test/setup.js';
import { expect, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { WebhookList } from '@cercle/client/admin';
import type { CercleConsole } from '../app.js';
import type { ConsoleConfirm } from '../ui/dialog.js';
import type { ConsoleCopy } from '../ui/copy.js';
import type { ConsoleWebhooksScreen } from './webhooks.js';
import type { ConsoleWebhookForm } from './webhooks/form.js';
import type { ConsoleDeliveries } from './webhooks/deliveries.js';
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

const hooks = async (): Promise<WebhookList['webhooks']> =>
  (await backend.call('GET', '/v1/communities/maison-verte/host/webhooks', OWNER_KEY)).body
    .webhooks;

async function openWebhooks(locale: 'en' | 'fr' = 'en') {
  const el = await mountConsole(backend, { key: OWNER_KEY, locale });
  const screen = (await go(el, '#/webhooks')) as ConsoleWebhooksScreen;
  await waitUntil(() => screen._list !== undefined, 'never loaded');
  await screen.updateComplete;
  return { el, screen };
}

function fill(form: ConsoleWebhookForm, url: string, events: string[], description = '') {
  typeInto($<HTMLInputElement>(form, 'input[name=url]'), url);
  for (const e of events) $<HTMLInputElement>(form, `input[name=events][value="${e}"]`).click();
  typeInto($<HTMLInputElement>(form, 'input[name=description]'), description);
}

async function create(
  el: CercleConsole,
  screen: ConsoleWebhooksScreen,
  url: string,
  said = 'Endpoint created',
) {
  const form = $<ConsoleWebhookForm>(screen, '#create');
  fill(form, url, ['member.joined', 'testimonial.published'], 'CRM sync');
  $<HTMLButtonElement>(form, 'button[type=submit]').click();
  await announced(el, said);
  await screen.updateComplete;
  return form;
}

async function confirm(screen: Element, id: string) {
  const dialog = $<ConsoleConfirm>(screen, id);
  await waitUntil(() => dialog.shadowRoot!.querySelector('dialog')!.open, 'no confirmation');
  $<HTMLButtonElement>(dialog, '.actions button:first-child').click();
}

describe('<cercle-console-webhooks>', () => {
  it('creates an endpoint, shows its secret once, and lists it', async () => {
    const { el, screen } = await openWebhooks();
    expect(deepText(screen)).to.contain('No endpoint yet');
    const form = await create(el, screen, 'https://crm.example/hooks/cercle');
    const secret = $<ConsoleCopy>(screen, '#secret cercle-console-copy').value;
    expect(secret).to.match(/^whsec_/);
    expect(deepText($(screen, '#secret'))).to.contain('Shown only this once');
    const item = $(screen, '#endpoints li');
    expect(deepText(item)).to.contain('https://crm.example/hooks/cercle');
    expect(deepText(item)).to.contain('A member joined');
    expect(deepText(item)).to.contain('Enabled');
    // The form is empty again; the secret appears nowhere else and goes away for good.
    expect($<HTMLInputElement>(form, 'input[name=url]').value).to.equal('');
    await expect(screen).to.be.accessible();
    $<HTMLButtonElement>(screen, '#secret button').click();
    await screen.updateComplete;
    expect(screen.shadowRoot!.querySelector('#secret')).to.equal(null);
    expect(deepText(screen)).not.to.contain(secret);
    expect(JSON.stringify(await hooks())).not.to.contain(secret);
  });

  it('keeps the form when the server refuses an http URL and no events', async () => {
    const { el, screen } = await openWebhooks();
    const form = $<ConsoleWebhookForm>(screen, '#create');
    fill(form, 'http://crm.example/hook', [], 'Kept');
    $<HTMLButtonElement>(form, 'button[type=submit]').click();
    await announced(el, 'Some fields need attention');
    await form.updateComplete;
    const url = $<HTMLInputElement>(form, 'input[name=url]');
    expect(url.value).to.equal('http://crm.example/hook');
    expect(url.getAttribute('aria-invalid')).to.equal('true');
    expect(deepText(form)).to.contain('https');
    expect($<HTMLInputElement>(form, 'input[name=description]').value).to.equal('Kept');
    await expect(form).to.be.accessible();
  });

  it('disables, enables, sends a test event and shows the delivery log', async () => {
    const { el, screen } = await openWebhooks();
    await create(el, screen, 'https://crm.example/hooks/a');
    const li = () => $(screen, '#endpoints li');
    const button = (cls: string) => li().querySelector<HTMLButtonElement>(`button.${cls}`)!;
    button('toggle').click();
    await announced(el, 'Endpoint disabled');
    await screen.updateComplete;
    expect(deepText(li())).to.contain('Disabled by an owner');
    expect((await hooks())[0]!.enabled).to.equal(false);
    button('toggle').click();
    await announced(el, 'Endpoint enabled');
    await screen.updateComplete;
    button('test').click();
    await announced(el, 'Test event queued');
    const log = $<ConsoleDeliveries>(screen, 'cercle-console-deliveries');
    await waitUntil(() => log.shadowRoot!.querySelector('[data-delivery]'), 'no delivery');
    expect(deepText(log)).to.contain('webhook.test');
    expect(deepText(log)).to.match(/Pending|Delivered|Failed/);
    await expect(screen).to.be.accessible();
  });

  it('edits an endpoint', async () => {
    const { el, screen } = await openWebhooks();
    await create(el, screen, 'https://crm.example/hooks/a');
    $<HTMLButtonElement>(screen, '#endpoints li button.edit').click();
    await screen.updateComplete;
    const form = $<ConsoleWebhookForm>(screen, '#endpoints cercle-console-webhook-form');
    await form.updateComplete;
    expect($<HTMLInputElement>(form, 'input[name=url]').value).to.equal(
      'https://crm.example/hooks/a',
    );
    typeInto($<HTMLInputElement>(form, 'input[name=url]'), 'https://crm.example/hooks/b');
    $<HTMLInputElement>(form, 'input[name=events][value="offer.revealed"]').click();
    $<HTMLButtonElement>(form, 'button[type=submit]').click();
    await announced(el, 'Endpoint saved');
    const [hook] = await hooks();
    expect(hook!.url).to.equal('https://crm.example/hooks/b');
    expect(hook!.events).to.include('offer.revealed');
  });

  it('rotates the secret (the new one shown once) and deletes after a confirmation', async () => {
    const { el, screen } = await openWebhooks();
    await create(el, screen, 'https://crm.example/hooks/a');
    const first = $<ConsoleCopy>(screen, '#secret cercle-console-copy').value;
    $<HTMLButtonElement>(screen, '#endpoints li button.rotate').click();
    await confirm(screen, '#confirm-rotate');
    await announced(el, 'Secret rotated');
    await screen.updateComplete;
    const second = $<ConsoleCopy>(screen, '#secret cercle-console-copy').value;
    expect(second).to.match(/^whsec_/);
    expect(second).not.to.equal(first);
    expect(deepText($(screen, '#secret'))).to.contain('previous secret keeps signing');

    $<HTMLButtonElement>(screen, '#endpoints li button.delete').click();
    await confirm(screen, '#confirm-delete');
    await announced(el, 'Endpoint deleted');
    expect(await hooks()).to.have.length(0);
    await screen.updateComplete;
    expect(deepText(screen)).to.contain('No endpoint yet');
  });

  it('fits a phone and speaks French', async () => {
    await setViewport({ width: 390, height: 844 });
    const { el, screen } = await openWebhooks('fr');
    await create(el, screen, 'https://crm.example/hooks/a', 'Point de terminaison créé');
    await waitUntil(() => $$(screen, '#endpoints li').length === 1, 'no endpoint');
    expect(deepText(screen)).to.contain('Points de terminaison');
    expect(deepText(screen)).to.contain('Secret de signature');
    expect(document.documentElement.scrollWidth).to.be.at.most(390);
    await expect(el).to.be.accessible();
  });
});
