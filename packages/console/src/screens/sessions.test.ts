import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
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
import './sessions.js';
import type { ConsoleSessions } from './sessions.js';

async function mount(session: Session): Promise<ConsoleSessions> {
  const el = await fixture<ConsoleSessions>(
    html`<cercle-console-sessions .session=${session}></cercle-console-sessions>`,
  );
  await waitUntil(() => el.shadowRoot!.querySelector('[data-session]'), 'sessions never loaded');
  return el;
}

const item = (el: Element, id: string) => $(el, `[data-session="${id}"]`);

describe('cercle-console-sessions', () => {
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

  afterEach(() => setViewport({ width: 800, height: 600 }));

  it('groups the demo sessions: live, upcoming, past; is accessible', async () => {
    const el = await mount(owner);
    const live = $(el, 'section[aria-labelledby="g-live"]')!;
    const upcoming = $(el, 'section[aria-labelledby="g-upcoming"]')!;
    expect(live.textContent).to.contain('Le live du dimanche avec la cheffe');
    expect(upcoming.textContent).to.contain('Jeudi pain');
    expect($(el, 'section[aria-labelledby="g-past"]')!.textContent).to.contain('No past session');
    expect(item(el, 'dimanche-live')!.querySelector('a')!.getAttribute('href')).to.equal(
      '#/live/dimanche-live',
    );
    await expect(el).to.be.accessible();
  });

  it('creating with an end before the start shows the field error and keeps the input', async () => {
    const el = await mount(owner);
    $(el, '#create')!.click();
    await el.updateComplete;
    const title = $<HTMLInputElement>(el, '#f-title')!;
    title.focus();
    await sendKeys({ type: 'Atelier tartes' });
    expect($<HTMLInputElement>(el, '#f-id')!.value).to.equal('atelier-tartes');
    setValue($<HTMLInputElement>(el, '#f-startsAt')!, '2027-03-02T18:00');
    setValue($<HTMLInputElement>(el, '#f-endsAt')!, '2027-03-02T17:00');
    setValue($<HTMLInputElement>(el, '#f-description')! as HTMLInputElement, 'Pâte brisée.');
    $<HTMLButtonElement>(el, 'form button[type="submit"]')!.click();
    await waitUntil(() => $(el, '#f-endsAt-error'), 'no field error');
    const endsAt = $<HTMLInputElement>(el, '#f-endsAt')!;
    expect($(el, '#f-endsAt-error')!.textContent).to.contain('after the start');
    expect(endsAt.getAttribute('aria-invalid')).to.equal('true');
    expect(endsAt.getAttribute('aria-describedby')).to.contain('f-endsAt-error');
    expect(el.shadowRoot!.activeElement?.id).to.equal('f-endsAt');
    // Nothing typed is lost.
    expect($<HTMLInputElement>(el, '#f-title')!.value).to.equal('Atelier tartes');
    expect(endsAt.value).to.equal('2027-03-02T17:00');
    expect($<HTMLTextAreaElement>(el, '#f-description')!.value).to.equal('Pâte brisée.');
    await expect(el).to.be.accessible();

    // Fixed, it saves and the session is listed as upcoming.
    setValue(endsAt, '2027-03-02T20:00');
    await el.updateComplete;
    expect($(el, '#f-endsAt-error') === null).to.equal(true);
    $<HTMLButtonElement>(el, 'form button[type="submit"]')!.click();
    await waitUntil(
      () => item(el, 'atelier-tartes') && !$(el, 'form'),
      'the new session is not listed',
    );
    await el.updateComplete;
    const created = item(el, 'atelier-tartes')!;
    expect(created.closest('section')!.getAttribute('aria-labelledby')).to.equal('g-upcoming');
    expect(el.shadowRoot!.activeElement === created.querySelector('h3')).to.equal(true);
    const { data } = await owner.api.request('hostSessions', { params: { community: COMMUNITY } });
    const saved = data.sessions.find((s) => s.id === 'atelier-tartes')!;
    expect(saved.startsAt).to.equal(new Date('2027-03-02T18:00').toISOString());
    expect(saved.endsAt).to.equal(new Date('2027-03-02T20:00').toISOString());
    expect(saved.description).to.equal('Pâte brisée.');
  });

  it('refuses an id already taken before calling the server', async () => {
    const el = await mount(owner);
    $(el, '#create')!.click();
    await el.updateComplete;
    setValue($<HTMLInputElement>(el, '#f-title')!, 'Jeudi pain');
    setValue($<HTMLInputElement>(el, '#f-id')!, 'jeudi-pain');
    $<HTMLButtonElement>(el, 'form button[type="submit"]')!.click();
    await waitUntil(() => $(el, '#f-id-error'));
    expect($(el, '#f-id-error')!.textContent).to.contain('already');
  });

  it('edits a session: the form starts with its values', async () => {
    const el = await mount(owner);
    buttonIn(item(el, 'jeudi-pain'), 'Edit')!.click();
    await el.updateComplete;
    expect($(el, '#f-id') === null).to.equal(true);
    const title = $<HTMLInputElement>(el, '#f-title')!;
    expect(title.value).to.equal('Jeudi pain : le levain sans stress');
    expect(el.shadowRoot!.activeElement?.id).to.equal('form-heading');
    setValue(title, 'Jeudi pain : levain et focaccia');
    $<HTMLButtonElement>(el, 'form button[type="submit"]')!.click();
    await waitUntil(() => item(el, 'jeudi-pain')!.textContent!.includes('focaccia'));
  });

  it('closes a live session after confirmation, then archives and restores it', async () => {
    const el = await mount(owner);
    buttonIn(item(el, 'dimanche-live'), 'Close…')!.click();
    const confirm = $(el, '#confirm-close')!;
    await waitUntil(() => confirm.shadowRoot!.querySelector('dialog')!.open, 'no dialog');
    expect(confirm.getAttribute('heading')).to.contain('Le live du dimanche');
    buttonIn(confirm.shadowRoot!.querySelector('dialog'), 'Close the session')!.click();
    await waitUntil(
      () =>
        item(el, 'dimanche-live')?.closest('section')?.getAttribute('aria-labelledby') === 'g-past',
      'not moved to past',
    );
    buttonIn(item(el, 'dimanche-live'), 'Archive')!.click();
    await waitUntil(() => item(el, 'dimanche-live')?.closest('details'), 'not archived');
    buttonIn(item(el, 'dimanche-live'), 'Restore')!.click();
    await waitUntil(() => !item(el, 'dimanche-live')?.closest('details'), 'not restored');
  });

  it('cancelling the close dialog changes nothing', async () => {
    const el = await mount(owner);
    buttonIn(item(el, 'dimanche-live'), 'Close…')!.click();
    const dialog = $(el, '#confirm-close')!.shadowRoot!.querySelector('dialog')!;
    await waitUntil(() => dialog.open);
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialog.open);
    const { data } = await owner.api.request('hostSessions', { params: { community: COMMUNITY } });
    expect(data.sessions.find((s) => s.id === 'dimanche-live')!.state).to.equal('live');
  });

  it('a moderator may open and close but not create or edit', async () => {
    const el = await mount(await backend.host('moderator'));
    expect($(el, '#create') === null).to.equal(true);
    expect(Boolean(buttonIn(item(el, 'jeudi-pain'), 'Edit'))).to.equal(false);
    expect(Boolean(buttonIn(item(el, 'jeudi-pain'), 'Open now'))).to.equal(true);
    expect(Boolean(buttonIn(item(el, 'dimanche-live'), 'Close…'))).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('reads in French and fits a 390 px phone', async () => {
    await setViewport({ width: 390, height: 844 });
    const el = await mount({ ...owner, locale: 'fr' });
    expect($(el, 'h1')!.textContent).to.equal('Sessions');
    expect($(el, '#create')!.textContent!.trim()).to.equal('Nouvelle session');
    expect(Boolean(buttonIn(item(el, 'dimanche-live'), 'Fermer…'))).to.equal(true);
    expect(el.scrollWidth).to.be.at.most(390);
    await expect(el).to.be.accessible();
  });
});
