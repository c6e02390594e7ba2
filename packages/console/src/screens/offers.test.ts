import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { Session } from '../screen.js';
import {
  $,
  buttonIn,
  COMMUNITY,
  freshBackend,
  setValue,
  warmUp,
  type TestBackend,
} from './live/testing.js';
import { parseCodes } from './offers/codes.js';
import './offers.js';
import type { ConsoleOffers } from './offers.js';
import type { ConsoleOfferForm } from './offers/form.js';
import type { ConsoleOfferImport } from './offers/import.js';

async function mount(session: Session): Promise<ConsoleOffers> {
  const el = await fixture<ConsoleOffers>(
    html`<cercle-console-offers .session=${session}></cercle-console-offers>`,
  );
  await waitUntil(() => el._status === 'ready', 'never loaded');
  await el.updateComplete;
  return el;
}

const card = (el: Element, id: string) => $(el, `[data-offer="${id}"]`)!;
const formOf = (el: Element) => $<ConsoleOfferForm>(el, 'cercle-console-offer-form')!;
const importOf = (el: Element) => $<ConsoleOfferImport>(el, 'cercle-console-offer-import')!;

async function offer(session: Session, id: string) {
  const { data } = await session.api.request('hostOffers', { params: { community: COMMUNITY } });
  return data.offers.find((o) => o.id === id)!;
}

function pick(input: HTMLInputElement, text: string, name = 'codes.csv'): void {
  const files = new DataTransfer();
  files.items.add(new File([text], name, { type: 'text/csv' }));
  input.files = files.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('parseCodes', () => {
  it('reads one code per line or the first CSV column, skipping a header and blanks', () => {
    const parsed = parseCodes(
      '\uFEFFCode;Valeur\r\n"AB-123";10\r\n\r\nCD-456,x\nbad code\n  EF-789  \n',
    );
    expect(parsed.header).to.equal(true);
    expect(parsed.codes).to.deep.equal(['AB-123', 'CD-456', 'EF-789']);
    expect(parsed.invalidCount).to.equal(1);
    expect(parsed.invalid[0]).to.deep.equal({ line: 5, value: 'bad code' });
    expect(parseCodes('AAA111\nBBB222').header).to.equal(false);
  });
});

describe('cercle-console-offers', () => {
  let backend: TestBackend;
  let owner: Session;

  before(async function () {
    this.timeout(60_000);
    await warmUp();
  });

  beforeEach(async () => {
    backend = await freshBackend();
    owner = await backend.owner();
  });

  afterEach(() => setViewport({ width: 1280, height: 800 }));

  it('lists the demo offers: kind, status, codes left, expiry; accessible', async () => {
    const el = await mount(owner);
    const unique = card(el, 'bienvenue-10');
    expect(unique.querySelector('h2')!.textContent).to.equal('Bienvenue dans le cercle');
    expect(unique.textContent).to.contain('Active');
    expect(unique.textContent).to.contain('Unique codes');
    expect(unique.textContent).to.contain('200 left of 200');
    expect(card(el, 'livraison-offerte').textContent).to.contain('One code shared by every member');
    await expect(el).to.be.accessible();
  });

  it('imports codes from a CSV file: counts what it read, then what was added', async () => {
    const el = await mount(owner);
    buttonIn(card(el, 'bienvenue-10'), 'Import codes')!.click();
    await el.updateComplete;
    const panel = importOf(el);
    await panel.updateComplete;
    pick(
      panel.shadowRoot!.querySelector('input[type="file"]')!,
      'code\nNEW-0001\nNEW-0002\n\nNEW-0001\nnot a code\n',
    );
    await waitUntil(() => panel.shadowRoot!.textContent!.includes('codes read'), 'not read');
    const text = panel.shadowRoot!.textContent!;
    expect(text).to.contain('3 codes read from the file.');
    expect(text).to.contain('The header row was skipped.');
    expect(text).to.contain('line 6: “not a code”');
    await expect(panel).to.be.accessible();
    buttonIn(panel.shadowRoot, 'Add 3 codes')!.click();
    await waitUntil(() => panel.shadowRoot!.textContent!.includes('Codes added'), 'not sent');
    expect(panel.shadowRoot!.textContent).to.contain('Codes added: 2. Duplicates skipped: 1.');
    await waitUntil(() => card(el, 'bienvenue-10').textContent!.includes('202 left of 202'));
    expect(backend.calls.filter((c) => c.path.endsWith('/codes'))).to.have.length(1);
  });

  it('sends a large file in chunks of at most 10,000 codes', async function () {
    this.timeout(60_000);
    const el = await mount(owner);
    buttonIn(card(el, 'bienvenue-10'), 'Import codes')!.click();
    await el.updateComplete;
    const panel = importOf(el);
    await panel.updateComplete;
    const codes = Array.from({ length: 10_005 }, (_, i) => `BULK-${String(i).padStart(6, '0')}`);
    pick(panel.shadowRoot!.querySelector('input[type="file"]')!, codes.join('\n'), 'codes.txt');
    await waitUntil(() => panel.shadowRoot!.textContent!.includes('10,005 codes read'));
    buttonIn(panel.shadowRoot, 'Add 10,005 codes')!.click();
    await waitUntil(() => panel.shadowRoot!.textContent!.includes('Codes added'), 'not sent', {
      timeout: 50_000,
    });
    expect(panel.shadowRoot!.textContent).to.contain('Codes added: 10,005. Duplicates skipped: 0.');
    expect(backend.calls.filter((c) => c.path.endsWith('/codes'))).to.have.length(2);
    expect((await offer(owner, 'bienvenue-10')).codesTotal).to.equal(10_205);
  });

  it('creates an offer; a shared one needs its code, shown as a field error', async () => {
    const el = await mount(owner);
    $(el, '#create')!.click();
    await el.updateComplete;
    const form = formOf(el);
    await form.updateComplete;
    const f = (id: string) => form.shadowRoot!.querySelector<HTMLInputElement>(`#o-${id}`)!;
    setValue(f('title'), 'Atelier offert');
    await form.updateComplete;
    expect(f('id').value).to.equal('atelier-offert');
    setValue(f('benefit'), 'Un atelier gratuit');
    form.shadowRoot!.querySelector<HTMLInputElement>('input[value="shared"]')!.click();
    await form.updateComplete;
    buttonIn(form.shadowRoot, 'Save the offer')!.click();
    await waitUntil(() => form.shadowRoot!.querySelector('#o-sharedCode-error'), 'no field error');
    expect(f('sharedCode').getAttribute('aria-invalid')).to.equal('true');
    expect(form.shadowRoot!.activeElement?.id).to.equal('o-sharedCode');
    expect(f('title').value).to.equal('Atelier offert');
    await expect(form).to.be.accessible();
    setValue(f('sharedCode'), 'ATELIER2027');
    buttonIn(form.shadowRoot, 'Save the offer')!.click();
    await waitUntil(
      () => $(el, '[data-offer="atelier-offert"]') && !$(el, 'cercle-console-offer-form'),
    );
    const created = await offer(owner, 'atelier-offert');
    expect(created.kind).to.equal('shared');
    expect(created.benefit).to.equal('Un atelier gratuit');
  });

  it('pauses and resumes a unique offer', async () => {
    const el = await mount(owner);
    buttonIn(card(el, 'bienvenue-10'), 'Pause')!.click();
    await waitUntil(() => card(el, 'bienvenue-10').textContent!.includes('Paused'));
    expect((await offer(owner, 'bienvenue-10')).status).to.equal('paused');
    buttonIn(card(el, 'bienvenue-10'), 'Resume')!.click();
    await waitUntil(() => card(el, 'bienvenue-10').textContent!.includes('Active'));
  });

  it('shows the funnel', async () => {
    const token = await backend.member('Léa');
    await backend.client.getOffer(COMMUNITY, 'bienvenue-10', { token });
    await backend.client.revealOffer(COMMUNITY, 'bienvenue-10', { token });
    const el = await mount(owner);
    buttonIn(card(el, 'bienvenue-10'), 'Show the funnel')!.click();
    await waitUntil(() => card(el, 'bienvenue-10').querySelector('.funnel'), 'no funnel');
    const steps = [...card(el, 'bienvenue-10').querySelectorAll('.steps li')].map((li) =>
      li.textContent!.replace(/\s+/g, ' ').trim(),
    );
    expect(steps[0]).to.match(/^\d+ Teaser views$/);
    expect(steps[1]).to.contain('1 Codes revealed');
    expect(card(el, 'bienvenue-10').textContent).to.contain('No order reported yet.');
    await expect(el).to.be.accessible();
  });

  it('a moderator sees the offers but no create, edit, pause or import control', async () => {
    const el = await mount(await backend.host('moderator'));
    expect(card(el, 'bienvenue-10')).to.not.equal(null);
    expect($(el, '#create') === null).to.equal(true);
    expect(card(el, 'bienvenue-10').querySelectorAll('button')).to.have.length(0);
    expect($(el, '.note')!.textContent).to.contain('Read-only');
  });

  it('an analyst reads the list and the funnels, nothing else', async () => {
    const el = await mount(await backend.host('analyst'));
    expect($(el, '#create') === null).to.equal(true);
    const buttons = [...card(el, 'bienvenue-10').querySelectorAll('button')].map((b) =>
      b.textContent!.trim(),
    );
    expect(buttons).to.deep.equal(['Show the funnel']);
    buttonIn(card(el, 'bienvenue-10'), 'Show the funnel')!.click();
    await waitUntil(() => card(el, 'bienvenue-10').querySelector('.funnel'));
  });

  it('in French on a 390 px phone', async () => {
    await setViewport({ width: 390, height: 844 });
    const el = await mount({ ...owner, locale: 'fr' });
    expect($(el, 'h1')!.textContent).to.equal('Offres');
    expect(card(el, 'bienvenue-10').textContent).to.contain('200 restants sur 200');
    expect(el.scrollWidth).to.be.at.most(390);
    await expect(el).to.be.accessible();
  });
});
