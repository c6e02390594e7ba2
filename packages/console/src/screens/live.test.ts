import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { Route, Session } from '../screen.js';
import {
  $,
  buttonIn,
  COMMUNITY,
  freshBackend,
  same,
  setValue,
  warmUp,
  type TestBackend,
} from './live/testing.js';
import './live.js';
import type { ConsoleLive } from './live.js';

const route = (id: string): Route => ({ name: 'live', id, query: new URLSearchParams() });

async function mount(session: Session, id = 'dimanche-live'): Promise<ConsoleLive> {
  const el = await fixture<ConsoleLive>(
    html`<cercle-console-live .session=${session} .route=${route(id)}></cercle-console-live>`,
  );
  await waitUntil(() => el.queue.state === 'ready', 'the queue never loaded');
  await waitUntil(() => el.queue.stream === 'open', 'the stream never opened');
  await el.updateComplete;
  return el;
}

const texts = (el: Element) =>
  [...el.shadowRoot!.querySelectorAll('article .q-text')].map((p) => p.textContent!.trim());
const article = (el: Element, text: string) =>
  [...el.shadowRoot!.querySelectorAll<HTMLElement>('article')].find((a) =>
    a.querySelector('.q-text')!.textContent!.includes(text),
  );
const focusedArticle = (el: Element) =>
  el.shadowRoot!.activeElement?.closest('article')?.querySelector('.q-text')?.textContent ?? null;

async function questions(backend: TestBackend, session: Session, id = 'dimanche-live') {
  const { data } = await session.api.request('hostQuestions', {
    params: { community: COMMUNITY, session: id },
  });
  return data.questions;
}

describe('cercle-console-live', () => {
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

  it('shows the session and its questions in the order to take them; accessible', async () => {
    const el = await mount(owner);
    expect($(el, 'h1')!.textContent).to.equal('Le live du dimanche avec la cheffe');
    expect($(el, '.session-bar')!.textContent).to.contain('Live');
    expect($(el, '.stream')!.textContent).to.contain('Live updates on');
    const order = texts(el);
    expect(order).to.have.length(12);
    // Pinned first, then open ones by votes, the answered one last.
    expect(order[0]).to.contain('pain de mie');
    expect(order[1]).to.contain('aquafaba');
    expect(order[2]).to.contain('sans noix de cajou');
    expect(order[11]).to.contain('remplacer les œufs');
    expect(article(el, 'pain de mie')!.textContent).to.contain('Pinned');
    expect(article(el, 'remplacer les œufs')!.querySelector('.answer')!.textContent).to.contain(
      'fécule de maïs',
    );
    await expect(el).to.be.accessible();
  });

  it('answers a question in writing: it is marked answered', async () => {
    const el = await mount(owner);
    const tofu = article(el, 'tofu soyeux')!;
    buttonIn(tofu, 'Answer…')!.click();
    await el.updateComplete;
    const field = tofu.querySelector('textarea')!;
    expect(same(el.shadowRoot!.activeElement, field)).to.equal(true);
    // An empty answer is refused with the error tied to the field.
    buttonIn(tofu, 'Publish the answer')!.click();
    await el.updateComplete;
    expect(field.getAttribute('aria-invalid')).to.equal('true');
    expect(
      tofu.querySelector(`#${field.getAttribute('aria-describedby')}`)!.textContent,
    ).to.contain('Write the answer');
    await sendKeys({ type: 'Oui, mais il devient spongieux.' });
    buttonIn(tofu, 'Publish the answer')!.click();
    await waitUntil(() => article(el, 'tofu soyeux')!.querySelector('.answer'), 'no answer shown');
    const after = article(el, 'tofu soyeux')!;
    expect(after.querySelector('.badge')!.textContent).to.equal('Answered');
    expect(after.querySelector('textarea')).to.equal(null);
    const q = (await questions(backend, owner)).find((x) => x.text.includes('tofu soyeux'))!;
    expect(q.state).to.equal('answered');
    expect(q.answer!.text).to.equal('Oui, mais il devient spongieux.');
    // Answered questions sink below the open ones (by votes: the crêpes one has more).
    expect(texts(el)[11]).to.equal(q.text);
  });

  it('a question a member asks appears live, announced, without moving the focus', async () => {
    const el = await mount(owner);
    const search = $<HTMLInputElement>(el, '#search')!;
    search.focus();
    const token = await backend.member('Camille');
    await backend.client.ask(
      COMMUNITY,
      'dimanche-live',
      { text: 'Peut-on remplacer le beurre par de l’huile ?' },
      { token },
    );
    await waitUntil(() => article(el, 'beurre par de l’huile'), 'the new question never came');
    expect(article(el, 'de l’huile')!.textContent).to.contain('Camille');
    await waitUntil(
      () => $(el, '[aria-live="polite"]')!.textContent!.includes('New question: Peut-on remplacer'),
      'not announced',
    );
    expect(same(el.shadowRoot!.activeElement, search)).to.equal(true);
  });

  it('keyboard: j/k move, h hides the selected one, never while typing', async () => {
    const el = await mount(owner);
    const first = el.shadowRoot!.querySelector<HTMLElement>('article')!;
    expect(first.tabIndex).to.equal(0);
    first.focus();
    await sendKeys({ press: 'j' });
    await el.updateComplete;
    expect(focusedArticle(el)).to.contain('aquafaba');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'k' });
    await el.updateComplete;
    expect(focusedArticle(el)).to.contain('aquafaba');
    await sendKeys({ press: 'h' });
    await waitUntil(
      async () =>
        (await questions(backend, owner)).find((q) => q.text.includes('aquafaba'))!.state ===
        'hidden',
      'not hidden',
    );
    await waitUntil(() => article(el, 'aquafaba')!.textContent!.includes('Hidden'));
    // Hidden ones go last; the focus stays on a question.
    expect(texts(el)[11]).to.contain('aquafaba');
    expect(focusedArticle(el)).to.not.equal(null);

    // Outside the queue (on the page's links), h and p are not shortcuts either.
    $<HTMLAnchorElement>(el, '.back a')!.focus();
    await sendKeys({ press: 'h' });
    await sendKeys({ press: 'p' });

    // Typing "h" or "p" in the search box is typing, not a shortcut.
    $<HTMLInputElement>(el, '#search')!.focus();
    await sendKeys({ type: 'hp' });
    await el.updateComplete;
    expect($<HTMLInputElement>(el, '#search')!.value).to.equal('hp');
    const states = (await questions(backend, owner)).map((q) => `${q.state}${q.pinned}`);
    expect(states.filter((s) => s === 'hiddenfalse')).to.have.length(1);
  });

  it('p pins, / searches, ? opens the help; the filters narrow the list', async () => {
    const el = await mount(owner);
    article(el, 'tofu soyeux')!.focus();
    await sendKeys({ press: 'p' });
    await waitUntil(() => texts(el)[1]?.includes('tofu soyeux'), 'not pinned to the top');
    expect(buttonIn(article(el, 'tofu soyeux'), 'Pin')!.getAttribute('aria-pressed')).to.equal(
      'true',
    );

    await sendKeys({ press: '/' });
    expect(el.shadowRoot!.activeElement?.id).to.equal('search');
    await sendKeys({ type: 'bechamel tofu' });
    await el.updateComplete;
    expect(texts(el)).to.have.length(0);
    setValue($<HTMLInputElement>(el, '#search')!, 'tofu');
    await el.updateComplete;
    expect(texts(el)).to.deep.equal(['Le tofu soyeux se congèle-t-il ?']);
    setValue($<HTMLInputElement>(el, '#search')!, '');

    el.shadowRoot!.querySelector<HTMLInputElement>(
      'input[name="filter"][value="answered"]',
    )!.click();
    await el.updateComplete;
    expect(texts(el)).to.deep.equal(['Par quoi remplacer les œufs dans une pâte à crêpes ?']);

    article(el, 'remplacer les œufs')!.focus();
    await sendKeys({ press: '?' });
    const help = $<HTMLDialogElement>(el, '#help')!;
    expect(help.open).to.equal(true);
    expect(help.textContent).to.contain('Next question');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    expect(help.open).to.equal(false);
  });

  it('pre-moderation: a pending question comes first and is approved with o', async () => {
    await owner.api.request('updateSession', {
      params: { community: COMMUNITY, session: 'dimanche-live' },
      body: { moderation: 'pre' },
    });
    const el = await mount(owner);
    const token = await backend.member('Inès');
    await backend.client.ask(COMMUNITY, 'dimanche-live', { text: 'Et le sel ?' }, { token });
    await waitUntil(() => texts(el)[0] === 'Et le sel ?', 'the pending question is not first');
    await waitUntil(() =>
      $(el, '[aria-live="polite"]')!.textContent!.includes('New question to approve'),
    );
    expect(article(el, 'Et le sel')!.textContent).to.contain('Pending');
    article(el, 'Et le sel')!.focus();
    await sendKeys({ press: 'o' });
    await waitUntil(
      () => article(el, 'Et le sel')!.querySelector('.badge')!.textContent === 'Open',
    );
  });

  it('hides with a statement of reasons, and puts it back', async () => {
    const el = await mount(owner);
    const q = article(el, 'cappuccino')!;
    buttonIn(q, 'Hide…')!.click();
    await el.updateComplete;
    const statement = q.querySelector('textarea')!;
    expect(same(el.shadowRoot!.activeElement, statement)).to.equal(true);
    await sendKeys({ type: 'Hors sujet' });
    buttonIn(q, 'Hide the question')!.click();
    await waitUntil(() => article(el, 'cappuccino')!.textContent!.includes('Hidden'));
    const { data } = await owner.api.request('auditLog', {
      params: { community: COMMUNITY },
      query: { action: 'question.hidden' },
    });
    expect(data.entries[0]!.statement).to.equal('Hors sujet');
    buttonIn(article(el, 'cappuccino'), 'Put back')!.click();
    await waitUntil(() => article(el, 'cappuccino')!.textContent!.includes('Open'));
  });

  it('closes the session after confirmation', async () => {
    const el = await mount(owner);
    buttonIn($(el, '.session-bar'), 'Close the session…')!.click();
    const dialog = $(el, '#confirm-close')!.shadowRoot!.querySelector('dialog')!;
    await waitUntil(() => dialog.open);
    buttonIn(dialog, 'Close the session')!.click();
    await waitUntil(() => el.queue.session?.state === 'ended', 'never ended');
    await el.updateComplete;
    expect($(el, '.session-bar')!.textContent).to.contain('Ended');
    expect(buttonIn($(el, '.session-bar'), 'Close the session…')).to.equal(undefined);
  });

  it('votes reorder the queue live; the focused question keeps the focus', async () => {
    const el = await mount(owner);
    const tofu = () => article(el, 'tofu soyeux')!;
    tofu().focus();
    const { id } = (await questions(backend, owner)).find((q) => q.text.includes('tofu soyeux'))!;
    for (let i = 0; i < 6; i++) {
      const token = await backend.member(`Voter ${i}`);
      await backend.client.vote(COMMUNITY, 'dimanche-live', id, { token });
    }
    // 4 + 6 = 10 votes: second, after the pinned one.
    await waitUntil(() => texts(el)[1]?.includes('tofu soyeux'), 'not moved up');
    expect(tofu().textContent).to.contain('10 votes');
    expect(focusedArticle(el)).to.contain('tofu soyeux');
  });

  it('follows the session when another host closes it', async () => {
    const el = await mount(owner);
    await owner.api.request('updateSession', {
      params: { community: COMMUNITY, session: 'dimanche-live' },
      body: { state: 'ended' },
    });
    await waitUntil(() => $(el, '.session-bar')!.textContent!.includes('Ended'), 'not updated');
    expect($(el, '.note')!.textContent).to.contain('ended');
  });

  it('an analyst cannot run a live', async () => {
    const analyst = await backend.host('analyst');
    const el = await fixture<ConsoleLive>(
      html`<cercle-console-live
        .session=${analyst}
        .route=${route('dimanche-live')}
      ></cercle-console-live>`,
    );
    expect($(el, '.note')!.textContent).to.contain('moderate');
    await expect(el).to.be.accessible();
  });

  it('in French on a 390 px phone', async () => {
    await setViewport({ width: 390, height: 844 });
    const el = await mount({ ...owner, locale: 'fr' });
    expect(buttonIn($(el, '.session-bar'), 'Fermer la session…')).to.not.equal(undefined);
    expect($(el, 'label[for="search"]')!.textContent).to.equal('Rechercher dans les questions');
    expect(el.scrollWidth).to.be.at.most(390);
    await expect(el).to.be.accessible();
  });

  it('stops the stream when it leaves the page', async () => {
    const el = await mount(owner);
    el.remove();
    await waitUntil(() => el.queue.stream === 'closed');
  });
});
