import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { Session } from '../screen.js';
import {
  $,
  buttonIn,
  COMMUNITY,
  freshBackend,
  recordToasts,
  setValue,
  warmUp,
  type TestBackend,
} from './live/testing.js';
import './testimonials.js';
import type { ConsoleTestimonials } from './testimonials.js';

async function mount(session: Session): Promise<ConsoleTestimonials> {
  const el = await fixture<ConsoleTestimonials>(
    html`<cercle-console-testimonials .session=${session}></cercle-console-testimonials>`,
  );
  await waitUntil(() => el._status === 'ready', 'never loaded');
  await el.updateComplete;
  return el;
}

const cards = (el: Element) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('article')];

async function listed(session: Session, state: 'pending' | 'approved' | 'rejected') {
  const { data } = await session.api.request('hostTestimonials', {
    params: { community: COMMUNITY },
    query: { state },
  });
  return data.testimonials;
}

describe('cercle-console-testimonials', () => {
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

  it('shows the pending queue: rating, text, tags, author; accessible', async () => {
    const el = await mount(owner);
    const pending = await listed(owner, 'pending');
    expect(cards(el)).to.have.length(pending.length);
    const first = cards(el)[0]!;
    expect(first.querySelector('blockquote')!.textContent).to.equal(pending[0]!.text);
    expect(first.querySelector('.stars')!.getAttribute('aria-label')).to.equal(
      `Rated ${pending[0]!.rating} out of 5`,
    );
    expect(first.querySelector('.tags')!.textContent).to.contain(pending[0]!.tags[0]!);
    await expect(el).to.be.accessible();
  });

  it('approves with a disclosure: it leaves the queue and is published so', async () => {
    const el = await mount(owner);
    const target = cards(el)[0]!;
    const id = target.dataset['id']!;
    const select = target.querySelector<HTMLSelectElement>('select')!;
    select.value = 'publicite';
    select.dispatchEvent(new Event('change'));
    const toasts = recordToasts();
    buttonIn(target, 'Approve and publish')!.click();
    await waitUntil(() => !cards(el).some((c) => c.dataset['id'] === id), 'still in the queue');
    toasts.stop();
    expect(toasts.messages).to.include('Approved: the testimonial is on the wall.');
    const published = (await listed(owner, 'approved')).find((x) => x.id === id)!;
    expect(published.disclosure).to.equal('publicite');
    // The focus goes to the next testimonial of the queue.
    expect(el.shadowRoot!.activeElement?.closest('article')?.dataset['id']).to.equal(
      cards(el)[0]!.dataset['id'],
    );
  });

  it('rejecting requires a statement of reasons, then records it', async () => {
    const el = await mount(owner);
    const target = cards(el)[0]!;
    const id = target.dataset['id']!;
    target.querySelector('summary')!.click();
    await el.updateComplete;
    buttonIn(target, 'Reject')!.click();
    await el.updateComplete;
    const field = target.querySelector('textarea')!;
    expect(field.getAttribute('aria-invalid')).to.equal('true');
    const error = target.querySelector(`#${field.getAttribute('aria-describedby')}`)!;
    expect(error.textContent).to.contain('Write the reasons');
    expect(el.shadowRoot!.activeElement?.id).to.equal(field.id);
    expect((await listed(owner, 'pending')).some((x) => x.id === id)).to.equal(true);
    await expect(el).to.be.accessible();

    setValue(field, 'Propos sans rapport avec la communauté.');
    buttonIn(target, 'Reject')!.click();
    await waitUntil(() => !cards(el).some((c) => c.dataset['id'] === id), 'still in the queue');
    const rejected = (await listed(owner, 'rejected')).find((x) => x.id === id)!;
    expect(rejected.statement).to.equal('Propos sans rapport avec la communauté.');

    // The rejected list shows it, with its reasons, read-only.
    el.shadowRoot!.querySelector<HTMLInputElement>('input[value="rejected"]')!.click();
    await waitUntil(() => el._state === 'rejected' && el._status === 'ready');
    await el.updateComplete;
    expect(cards(el)[0]!.textContent).to.contain('Propos sans rapport');
    expect(cards(el)[0]!.querySelector('textarea')).to.equal(null);
  });

  it('published testimonials show their photo and let the host fix the labels', async () => {
    const el = await mount(owner);
    el.shadowRoot!.querySelector<HTMLInputElement>('input[value="approved"]')!.click();
    await waitUntil(() => el._state === 'approved' && el._status === 'ready');
    await el.updateComplete;
    const withPhoto = cards(el).find((c) => c.querySelector('img.photo'))!;
    const img = withPhoto.querySelector('img')!;
    expect(img.getAttribute('src')).to.match(/\/v1\/photos\//);
    expect(img.alt).to.contain('Photo du plat');
    expect(withPhoto.querySelectorAll('input[type="checkbox"]')).to.have.length(2);
    expect(buttonIn(withPhoto, 'Save the labels')).to.not.equal(undefined);
  });

  it('in French on a 390 px phone', async () => {
    await setViewport({ width: 390, height: 844 });
    const el = await mount({ ...owner, locale: 'fr' });
    expect($(el, 'h1')!.textContent).to.equal('Témoignages');
    expect(buttonIn(cards(el)[0], 'Approuver et publier')).to.not.equal(undefined);
    expect(el.scrollWidth).to.be.at.most(390);
    await expect(el).to.be.accessible();
  });

  it('a moderator moderates too', async () => {
    const el = await mount(await backend.host('moderator'));
    expect(cards(el).length).to.be.greaterThan(0);
  });
});
