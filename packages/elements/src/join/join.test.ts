import '../test/setup.js';
import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import type { TemplateResult } from 'lit';
import type { MemberList } from '@cercle/client';
import './cercle-join.js';
import type { CercleJoin } from './join.js';
import { configure } from '../internal/config.js';
import { resetCercleGlobal, sessionKey } from '../internal/stores.js';
import { CercleJoinEvent } from '../events/join.js';
import { CercleLeaveEvent } from '../events/leave.js';
import { styles } from './join.styles.js';
import { popoverStyles } from './popover.styles.js';
import { formStyles } from '../internal/form.styles.js';
import { tokens } from '../internal/tokens.js';
import { widgetStyles } from '../internal/widget.styles.js';
import {
  httpError,
  networkError,
  timeoutError,
  type Failure,
  type TestBackend,
} from '../test/backend.js';
import {
  captureWarnings,
  deepActiveElement,
  expectEvent,
  freshApi,
  litWarnings,
  mountSettled,
  press,
  q,
  recordEvents,
  resetMedia,
  settle,
  customPropertyGaps,
  shadowText,
  tabTo,
  type,
} from '../test/helpers.js';

// Every console.warn of this file, to prove Lit never warned (last test).
const warnings = captureWarnings();

const KEY = sessionKey('adapter', 'maison-verte');
/** A community of two places, one taken. */
const LE_PETIT = { slug: 'le-petit', name: 'Le Petit Cercle', capacity: 2, seedMembers: 1 };
let api: TestBackend;

beforeEach(async () => {
  api = await freshApi();
});

afterEach(resetMedia);

const mount = (
  template: TemplateResult = html`<cercle-join community="maison-verte"></cercle-join>`,
): Promise<CercleJoin> => mountSettled(template);

function fill(el: CercleJoin, { name = '', email = '', consent = false } = {}): void {
  const set = (id: string, value: string) => {
    const input = q<HTMLInputElement>(el, `#${id}`)!;
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  };
  set('name', name);
  set('email', email);
  q<HTMLInputElement>(el, '#consent')!.checked = consent;
}

const submit = (el: CercleJoin): void => q<HTMLButtonElement>(el, '.submit')!.click();

async function join(el: CercleJoin, name = 'Camille'): Promise<CercleJoinEvent> {
  fill(el, { name, consent: true });
  const event = await expectEvent('cercle-join', () => submit(el));
  await settle(el, 'joined');
  await waitUntil(() => q(el, '.invite'), 'invites never showed', { timeout: 2000, interval: 10 });
  return event;
}

describe('<cercle-join>', () => {
  describe('states', () => {
    it('shows a skeleton while loading, then the community with social proof', async () => {
      const release = api.hold('getCommunity');
      const el = await fixture<CercleJoin>(
        html`<cercle-join community="maison-verte"></cercle-join>`,
      );
      expect(el.matches(':state(loading)')).to.equal(true);
      expect(q(el, '[part="skeleton"]')).not.to.equal(null);
      expect(shadowText(el)).to.contain('Loading the community…');
      release();
      await settle(el);
      expect(q(el, '[part="title"]')!.textContent).to.equal('Maison Verte');
      expect(q(el, '[part="tagline"]')!.textContent).to.contain('cuisiniers végétaux');
      expect(q(el, '[part="stats"]')!.textContent).to.contain('120 members');
      expect(q(el, '[part="stats"]')!.textContent).to.contain('180 places left');
      expect(q(el, 'form[part="form"]')).not.to.equal(null);
      expect(q<HTMLAnchorElement>(el, '[part="privacy-link"]')!.href).to.equal(
        'https://maison-verte.example/confidentialite',
      );
    });

    it('shows an error with a retry that works', async () => {
      api.fail('getCommunity', networkError());
      const el = await mount();
      expect(el.matches(':state(error)')).to.equal(true);
      expect(q(el, '[part="error"]')!.textContent).to.contain('We could not reach the community');
      const retry = q<HTMLButtonElement>(el, '#retry')!;
      retry.focus();
      retry.click();
      await settle(el, 'error'); // still error while retrying…
      await waitUntil(() => q(el, 'form'), 'the form never came back', { timeout: 2000 });
      expect(el.matches(':state(error)')).to.equal(false);
      expect(api.count('getCommunity')).to.equal(2);
      await waitUntil(() => deepActiveElement()?.id === 'title', 'focus did not move to the title');
    });

    it('gives a clear message for each kind of failure', async () => {
      const cases: [Failure, string, boolean][] = [
        [timeoutError(), 'took too long to answer', true],
        [httpError(404, 'not_found'), 'This community does not exist.', false],
        [httpError(429, 'rate_limited', { retryAfterMs: 11_200 }), 'Try again in 12 s.', true],
        [httpError(500, 'internal'), 'Something went wrong on our side', true],
      ];
      for (const [error, message, retry] of cases) {
        api.fail('getCommunity', error);
        const el = await mount();
        expect(el.matches(':state(error)')).to.equal(true);
        expect(q(el, '[part="error"]')!.textContent).to.contain(message);
        expect(!!q(el, '#retry')).to.equal(retry, message);
        expect(q(el, '[role="status"]')!.textContent).to.contain(message);
        fixtureCleanup();
      }
    });

    it('says so, in the page and the console, when the community attribute is missing', async () => {
      const before = warnings.length;
      const el = await mount(html`<cercle-join></cercle-join>`);
      expect(el.matches(':state(error)')).to.equal(true);
      expect(shadowText(el)).to.contain('This widget needs a community');
      expect(q(el, '#retry')).to.equal(null);
      expect(api.calls).to.have.length(0);
      const warning = warnings.slice(before).find((w) => w.includes('"community" attribute'));
      expect(warning).to.contain('docs/widgets/join.md#attributes');
    });

    it('says so when no backend is configured', async () => {
      resetCercleGlobal();
      const el = await mount();
      expect(el.matches(':state(error)')).to.equal(true);
      expect(shadowText(el)).to.contain('No Cercle API is set for this page.');
      configure({ adapter: api.api }); // configuring afterwards brings the widget to life
      await waitUntil(() => q(el, 'form'), 'configure() was not followed');
    });

    it('shows a closed community as full, without a form', async () => {
      const el = await mount(html`<cercle-join community="la-ferme"></cercle-join>`);
      expect(el.matches(':state(full)')).to.equal(true);
      expect(q(el, 'form')).to.equal(null);
      expect(shadowText(el)).to.contain(
        'This circle is full and not taking new members right now.',
      );
      expect(shadowText(el)).to.contain('No places left');
    });

    it('puts joiners of a full community on the waitlist, with their position', async () => {
      const el = await mount(html`<cercle-join community="le-fournil"></cercle-join>`);
      expect(shadowText(el)).to.contain('Full: the waitlist is open');
      expect(q(el, '.submit')!.textContent).to.contain('Join the waitlist');
      fill(el, { name: 'Hugo', consent: true });
      const event = await expectEvent('cercle-join', () => submit(el));
      expect(event.detail.status).to.equal('waitlisted');
      await settle(el, 'waitlisted');
      expect(shadowText(el)).to.contain('You are number 1 on the waitlist.');
      expect(q(el, '#leave')!.textContent).to.contain('Leave the waitlist');
      expect(q(el, '[role="status"]')!.textContent).to.contain('waitlist of Le Fournil, number 1');
    });
  });

  describe('joining', () => {
    it('joins with consent and shows the member-only invites', async () => {
      const el = await mount();
      fill(el, { name: '  Camille  ', email: 'camille@example.com', consent: true });
      submit(el);
      await settle(el, 'joined');
      expect(api.calls.find((c) => c.op === 'join')!.body).to.deep.equal({
        displayName: 'Camille',
        email: 'camille@example.com',
        consent: { version: '2026-11-01', accepted: true },
      });
      await waitUntil(() => q(el, '.invite'), 'no invites');
      const links = [...el.shadowRoot!.querySelectorAll<HTMLAnchorElement>('[part="invite"]')];
      expect(links.map((a) => a.href)).to.deep.equal([
        'https://discord.gg/maison-verte-demo',
        'https://t.me/maison_verte_demo',
      ]);
      expect(links[0]!.rel).to.contain('noopener');
      expect(shadowText(el)).to.contain('Welcome, Camille!');
      expect(q(el, '[role="status"]')!.textContent).to.contain('You joined Maison Verte.');
      expect(deepActiveElement()?.id).to.equal('status-title');
      expect(api.count('me')).to.be.greaterThan(0);
    });

    it('shows the community’s own consent text, as text, when it has one', async () => {
      const words = 'I agree that Maison Verte keeps my name <b>and</b> my email.';
      await api.store.run(
        "UPDATE communities SET consent_text = ? WHERE slug = 'maison-verte'",
        words,
      );
      const el = await mount();
      const label = q(el, 'label[for="consent"]')!;
      expect(label.textContent!.trim()).to.equal(words);
      expect(label.querySelector('b')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('sends nothing without consent: shows why and focuses the checkbox', async () => {
      const el = await mount();
      fill(el, { name: 'Camille', consent: false });
      const requests = recordEvents('cercle-join-request');
      submit(el);
      await el.updateComplete;
      requests.stop();
      expect(api.count('join')).to.equal(0);
      expect(requests.events).to.have.length(0);
      const checkbox = q<HTMLInputElement>(el, '#consent')!;
      expect(checkbox.getAttribute('aria-invalid')).to.equal('true');
      expect(checkbox.getAttribute('aria-describedby')).to.equal('consent-error');
      expect(q(el, '#consent-error')!.textContent).to.contain(
        'nothing is sent without your consent',
      );
      await waitUntil(() => deepActiveElement() === checkbox, 'focus is not on the checkbox');
    });

    it('asks for a display name before anything else', async () => {
      const el = await mount();
      fill(el, { name: '   ', consent: true });
      submit(el);
      await el.updateComplete;
      expect(api.count('join')).to.equal(0);
      expect(q(el, '#name-error')!.textContent).to.contain('Enter a display name.');
      await waitUntil(() => deepActiveElement()?.id === 'name', 'focus is not on the name');
    });

    it('shows validation errors from the backend next to their field', async () => {
      api.fail(
        'join',
        httpError(400, 'validation_failed', {
          details: [{ path: 'displayName', message: 'This name is already taken.' }],
        }),
      );
      const el = await mount();
      fill(el, { name: 'Camille', consent: true });
      submit(el);
      await waitUntil(() => q(el, '#name-error'), 'no field error');
      const input = q<HTMLInputElement>(el, '#name')!;
      expect(q(el, '#name-error')!.textContent).to.contain('This name is already taken.');
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      expect(input.getAttribute('aria-describedby')).to.contain('name-error');
      await waitUntil(() => deepActiveElement() === input, 'focus is not on the name');
      expect(el.matches(':state(joined)')).to.equal(false);
    });

    it('keeps the form after a failed join, and a second try reuses the idempotency key', async () => {
      api.fail('join', networkError());
      const el = await mount();
      fill(el, { name: 'Camille', consent: true });
      submit(el);
      await waitUntil(() => q(el, '[part="form-error"]'), 'no form error');
      expect(q(el, '[part="form-error"]')!.textContent).to.contain(
        'We could not reach the community',
      );
      submit(el);
      await settle(el, 'joined');
      const [first, second] = api.calls.filter((c) => c.op === 'join');
      expect(first!.idempotencyKey).to.be.a('string').and.equal(second!.idempotencyKey);
    });

    it('shows the circle as full when it filled up meanwhile', async () => {
      await api.community({ ...LE_PETIT, whenFull: 'closed' });
      const el = await mount(html`<cercle-join community="le-petit"></cercle-join>`);
      expect(shadowText(el)).to.contain('1 place left');
      // Someone else takes the last place while the visitor fills the form.
      await api.member('le-petit', 'Nina');
      fill(el, { name: 'Camille', consent: true });
      submit(el);
      await settle(el, 'full');
      expect(api.count('join')).to.equal(1);
      expect(q(el, 'form')).to.equal(null);
      expect(shadowText(el)).to.contain('This circle is full');
    });

    it('sends one join for a double click', async () => {
      const el = await mount();
      fill(el, { name: 'Camille', consent: true });
      const release = api.hold('join');
      submit(el);
      await el.updateComplete;
      expect(el.matches(':state(busy)')).to.equal(true);
      expect(q(el, '.submit')!.getAttribute('aria-disabled')).to.equal('true');
      expect(q(el, '.submit')!.textContent).to.contain('Joining…');
      submit(el);
      release();
      await settle(el, 'joined');
      expect(api.count('join')).to.equal(1);
    });

    it('joins with the keyboard only', async () => {
      const el = await mount();
      await tabTo((a) => a?.id === 'name');
      await type('Léa');
      await press('Tab');
      expect(deepActiveElement()?.id).to.equal('email');
      await press('Tab');
      expect(deepActiveElement()?.id).to.equal('consent');
      await press('Space');
      expect(q<HTMLInputElement>(el, '#consent')!.checked).to.equal(true);
      await tabTo((a) => a?.classList.contains('submit') ?? false);
      await press('Enter');
      await settle(el, 'joined');
      expect(shadowText(el)).to.contain('Welcome, Léa!');
      expect(deepActiveElement()?.id).to.equal('status-title');
    });

    it('lets the host page veto a join with cercle-join-request', async () => {
      const el = await mount();
      fill(el, { name: 'Camille', consent: true });
      const veto = (e: Event) => e.preventDefault();
      document.addEventListener('cercle-join-request', veto);
      const request = await expectEvent('cercle-join-request', () => submit(el));
      document.removeEventListener('cercle-join-request', veto);
      expect(request.cancelable).to.equal(true);
      expect(request.bubbles && request.composed).to.equal(true);
      expect(request.detail).to.deep.equal({ community: 'maison-verte' });
      await el.updateComplete;
      expect(api.count('join')).to.equal(0);
      expect(el.matches(':state(joined)')).to.equal(false);
    });
  });

  describe('events', () => {
    it('fires cercle-join (bubbles, composed, typed detail) after the backend confirmed', async () => {
      const el = await mount();
      const event = await join(el);
      expect(event).to.be.instanceOf(CercleJoinEvent);
      expect(event.bubbles).to.equal(true);
      expect(event.composed).to.equal(true);
      expect(event.cancelable).to.equal(false);
      // The id of the member the backend created (the stored token is theirs).
      const { token } = JSON.parse(localStorage.getItem(KEY)!) as { token: string };
      const { member } = await api.direct().me('maison-verte', { token });
      expect(event.detail).to.deep.equal({
        community: 'maison-verte',
        memberId: member.id,
        status: 'active',
      });
    });

    it('fires nothing on programmatic changes or a restored session', async () => {
      const first = await mount();
      await join(first);
      fixtureCleanup();
      const recorded = ['cercle-join', 'cercle-leave', 'cercle-join-request'].map((t) =>
        recordEvents(t as 'cercle-join'),
      );
      const el = await mount();
      await settle(el, 'joined');
      el.community = 'le-fournil';
      await settle(el);
      el.variant = 'banner';
      await el.updateComplete;
      recorded.forEach((r) => r.stop());
      expect(recorded.flatMap((r) => r.events)).to.have.length(0);
    });
  });

  describe('the member session', () => {
    it('is shared: a second element for the same community shows joined without joining', async () => {
      const el = await mount();
      await join(el);
      const second = await mount();
      await settle(second, 'joined');
      await waitUntil(() => q(second, '.invite'), 'no invites in the second element');
      expect(api.count('join')).to.equal(1);
    });

    it('is followed live by every widget of the page', async () => {
      const wrapper = await fixture(
        html`<div>
          <cercle-join community="maison-verte"></cercle-join>
          <cercle-join community="maison-verte" variant="banner"></cercle-join>
        </div>`,
      );
      const [a, b] = [...wrapper.querySelectorAll('cercle-join')] as [CercleJoin, CercleJoin];
      await settle(a);
      await settle(b);
      const count = (el: CercleJoin) => q(el, '[part="stats"]')?.textContent ?? '';
      expect(count(a)).to.contain('120');
      await join(a);
      await settle(b, 'joined');
      // One widget's join updates the member count that every widget shows.
      await waitUntil(
        () => count(a).includes('121') && count(b).includes('121'),
        'count not shared',
      );
      expect(api.count('getCommunity')).to.be.at.most(3);
      q<HTMLButtonElement>(b, '#leave')!.click();
      await b.updateComplete;
      q<HTMLButtonElement>(b, '#confirm-leave')!.click();
      await waitUntil(() => q(a, 'form') && q(b, 'form'), 'leaving was not followed');
      await waitUntil(
        () => count(a).includes('120') && count(b).includes('120'),
        'count not shared',
      );
    });

    it('survives a reload: only the token, member id and status are stored, then me() is called', async () => {
      const el = await mount();
      await join(el, 'Camille');
      const stored = JSON.parse(localStorage.getItem(KEY)!);
      expect(Object.keys(stored).sort()).to.deep.equal(['memberId', 'status', 'token']);
      expect(JSON.stringify(stored)).not.to.contain('Camille');
      fixtureCleanup();

      // A new page: the stores are gone, localStorage is not.
      resetCercleGlobal();
      configure({ adapter: api.api });
      const mesBefore = api.count('me');
      const reloaded = await mount();
      await settle(reloaded, 'joined');
      expect(api.count('join')).to.equal(1);
      expect(api.count('me')).to.equal(mesBefore + 1);
      expect(api.calls.filter((c) => c.op === 'me').at(-1)!.token).to.equal(stored.token);
      expect(shadowText(reloaded)).to.contain('Welcome, Camille!');
    });

    it('forgets a token the backend refuses (401), silently, and shows the form', async () => {
      localStorage.setItem(
        KEY,
        JSON.stringify({
          token: 'tok_gone_xxxxxxxxxxxxxxxxxxxxxxx',
          memberId: 'm_9',
          status: 'active',
        }),
      );
      const el = await mount();
      expect(api.count('me')).to.equal(1);
      expect(q(el, 'form')).not.to.equal(null);
      expect(el.matches(':state(error)')).to.equal(false);
      expect(localStorage.getItem(KEY)).to.equal(null);
    });

    it('follows a join made in another tab (storage event)', async () => {
      const el = await mount();
      const { token, member } = await api.direct().join('maison-verte', {
        displayName: 'Nina',
        consent: { version: '2026-11-01', accepted: true },
      });
      const value = JSON.stringify({ token, memberId: member.id, status: 'active' });
      localStorage.setItem(KEY, value);
      window.dispatchEvent(new StorageEvent('storage', { key: KEY, newValue: value }));
      await settle(el, 'joined');
      expect(shadowText(el)).to.contain('Welcome, Nina!');
    });

    it('leaves after a confirmation: erased on the backend, token forgotten, cercle-leave fired', async () => {
      const el = await mount();
      const joined = await join(el);
      const { token } = JSON.parse(localStorage.getItem(KEY)!) as { token: string };
      q<HTMLButtonElement>(el, '#leave')!.click();
      await waitUntil(() => deepActiveElement()?.id === 'cancel', 'focus did not move to Cancel');
      expect(shadowText(el)).to.contain('Leave Maison Verte? Your membership');
      const left = await expectEvent('cercle-leave', () =>
        q<HTMLButtonElement>(el, '#confirm-leave')!.click(),
      );
      expect(left).to.be.instanceOf(CercleLeaveEvent);
      expect(left.bubbles && left.composed).to.equal(true);
      expect(left.detail).to.deep.equal({
        community: 'maison-verte',
        memberId: joined.detail.memberId,
      });
      await waitUntil(() => q(el, 'form'), 'the form did not come back');
      // Erased on the backend: gone from the host's list, and its token no longer works.
      const { members, count } = (await api.host('listMembers', {
        params: { community: 'maison-verte' },
      })) as MemberList;
      expect(members.map((m) => m.id)).not.to.include(joined.detail.memberId);
      expect(count).to.equal(120);
      const refused: unknown = await api
        .direct()
        .me('maison-verte', { token })
        .catch((e: unknown) => e);
      expect(refused).to.have.property('status', 401);
      expect(localStorage.getItem(KEY)).to.equal(null);
      expect(q(el, '[role="status"]')!.textContent).to.contain(
        'You left the circle; your data was erased.',
      );
      expect(q(el, '[part="notice"]')!.textContent).to.contain(
        'You left the circle; your data was erased.',
      );
      await waitUntil(() => deepActiveElement()?.id === 'name', 'focus did not move to the form');
    });

    it('can cancel leaving, and focus returns to the leave button', async () => {
      const el = await mount();
      await join(el);
      q<HTMLButtonElement>(el, '#leave')!.click();
      await waitUntil(() => q(el, '#cancel'));
      q<HTMLButtonElement>(el, '#cancel')!.click();
      await waitUntil(() => deepActiveElement()?.id === 'leave', 'focus did not return');
      expect(api.count('leave')).to.equal(0);
      expect(el.matches(':state(joined)')).to.equal(true);
    });
  });

  describe('button variant', () => {
    it('opens a popover on Enter, moves focus in, and Escape closes it and returns focus', async () => {
      const el = await mount(
        html`<cercle-join community="maison-verte" variant="button"></cercle-join>`,
      );
      const trigger = q<HTMLButtonElement>(el, '#trigger')!;
      const panel = q<HTMLElement>(el, '#panel')!;
      expect(trigger.textContent).to.contain('Join the circle');
      expect(trigger.getAttribute('aria-expanded')).to.equal('false');
      expect(panel.matches(':popover-open')).to.equal(false);

      await tabTo((a) => a === trigger);
      await press('Enter');
      await waitUntil(() => panel.matches(':popover-open'), 'the popover did not open');
      await waitUntil(() => deepActiveElement()?.id === 'name', 'focus did not move into it');
      expect(trigger.getAttribute('aria-expanded')).to.equal('true');
      expect(el.matches(':state(open)')).to.equal(true);
      const box = panel.getBoundingClientRect();
      const anchor = trigger.getBoundingClientRect();
      expect(box.top).to.be.at.least(anchor.bottom);

      await press('Escape');
      await el.updateComplete;
      expect(panel.matches(':popover-open')).to.equal(false);
      expect(deepActiveElement()).to.equal(trigger);
      expect(trigger.getAttribute('aria-expanded')).to.equal('false');
    });

    it('closes on a click outside, and lets a member see their invites', async () => {
      const el = await mount(
        html`<cercle-join community="maison-verte" variant="button"></cercle-join>`,
      );
      const trigger = q<HTMLButtonElement>(el, '#trigger')!;
      const panel = q<HTMLElement>(el, '#panel')!;
      trigger.click();
      await waitUntil(() => panel.matches(':popover-open'));
      await join(el);
      expect(panel.matches(':popover-open')).to.equal(true);
      expect(trigger.textContent).to.contain('You are a member');
      document.body.dispatchEvent(
        new PointerEvent('pointerdown', { bubbles: true, composed: true }),
      );
      await el.updateComplete;
      expect(panel.matches(':popover-open')).to.equal(false);
    });
  });

  describe('localization', () => {
    it('speaks French with locale="fr"', async () => {
      const el = await mount(
        html`<cercle-join community="maison-verte" locale="fr"></cercle-join>`,
      );
      await el.updateComplete;
      const text = shadowText(el);
      expect(text).to.contain('120 membres');
      expect(text).to.contain('180 places restantes');
      expect(text).to.contain('Nom affiché');
      expect(text).to.contain('Politique de confidentialité');
      expect(q(el, '.submit')!.textContent).to.contain('Rejoindre le cercle');
      expect(q(el, '[part="base"]')!.getAttribute('lang')).to.equal('fr');
      fill(el, { name: 'Zoé', consent: true });
      submit(el);
      await settle(el, 'joined');
      expect(shadowText(el)).to.contain('Bienvenue, Zoé\u202f!');
      expect(q(el, '#leave')!.textContent).to.contain('Quitter le cercle');
    });

    it('follows the nearest lang, and configure({ locale })', async () => {
      const wrapper = await fixture(
        html`<div lang="fr-FR"><cercle-join community="le-fournil"></cercle-join></div>`,
      );
      const el = await settle(wrapper.querySelector('cercle-join')!);
      await el.updateComplete;
      expect(shadowText(el)).to.contain('40 membres');
      expect(shadowText(el)).to.contain('Complet\u00a0: la liste d’attente est ouverte');
      fixtureCleanup();

      configure({ locale: 'fr' });
      const other = await mount(html`<cercle-join community="la-ferme"></cercle-join>`);
      await other.updateComplete;
      expect(shadowText(other)).to.contain('Ce cercle est complet');
    });

    it('uses French plurals and error messages', async () => {
      await api.community(LE_PETIT);
      const el = await mount(html`<cercle-join community="le-petit" locale="fr"></cercle-join>`);
      await el.updateComplete;
      expect(shadowText(el)).to.contain('1 membre');
      expect(shadowText(el)).to.contain('1 place restante');
      fixtureCleanup();
      // No community "nope" on the backend: it answers 404.
      const missing = await mount(html`<cercle-join community="nope" locale="fr"></cercle-join>`);
      await missing.updateComplete;
      expect(shadowText(missing)).to.contain('Cette communauté n’existe pas.');
    });
  });

  describe('on a phone, and among the page’s landmarks', () => {
    afterEach(() => setViewport({ width: 800, height: 600 }));

    /** How many lines the text of `el` takes. */
    const lines = (el: Element): number => {
      const range = document.createRange();
      range.selectNodeContents(el);
      const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      return tops.size;
    };

    for (const variant of ['card', 'banner'] as const) {
      it(`keeps its loading height once loaded (no layout shift), at 1280 and 390 px (${variant})`, async () => {
        for (const width of [1280, 390]) {
          await setViewport({ width, height: 800 });
          api = await freshApi(); // nothing cached: a first load
          const release = api.hold('getCommunity');
          const el = await fixture<CercleJoin>(
            html`<cercle-join community="maison-verte" variant=${variant}></cercle-join>`,
          );
          await el.updateComplete;
          expect(el.matches(':state(loading)')).to.equal(true);
          const loading = el.getBoundingClientRect().height;
          release();
          await settle(el);
          const loaded = el.getBoundingClientRect().height;
          expect(Math.abs(loaded - loading), `${width}px: ${loading} → ${loaded}`).to.be.at.most(2);
          fixtureCleanup();
        }
      });
    }

    for (const locale of ['en', 'fr'] as const) {
      it(`keeps the join labels on one line at 390 px, inside the viewport (${locale})`, async () => {
        await setViewport({ width: 390, height: 844 });
        const card = await mount(
          html`<cercle-join community="maison-verte" locale=${locale}></cercle-join>`,
        );
        const submitButton = q(card, '.submit')!;
        expect(lines(submitButton)).to.equal(1);
        const button = await mount(
          html`<cercle-join
            community="maison-verte"
            variant="button"
            locale=${locale}
          ></cercle-join>`,
        );
        const trigger = q(button, '#trigger')!;
        expect(lines(trigger.querySelector('.trigger-label')!)).to.equal(1);
        expect(trigger.getBoundingClientRect().right).to.be.at.most(390);
        trigger.click();
        const panel = q(button, '#panel')!;
        await waitUntil(() => panel.matches(':popover-open'), 'the popover did not open');
        await Promise.all(panel.getAnimations().map((a) => a.finished));
        await waitUntil(() => panel.style.left !== '', 'the popover was never placed');
        const box = panel.getBoundingClientRect();
        expect(box.left).to.be.at.least(0);
        expect(box.right).to.be.at.most(390);
        expect(document.documentElement.scrollWidth).to.be.at.most(390);
      });
    }

    it('adds no banner landmark to the page, popover open or not (axe)', async function () {
      this.timeout(10000);
      const page = await fixture(
        html`<div>
          <header><p>The brand’s own header</p></header>
          <main>
            <cercle-join community="maison-verte"></cercle-join>
            <cercle-join community="le-fournil" variant="button"></cercle-join>
          </main>
        </div>`,
      );
      const [card, button] = [...page.querySelectorAll('cercle-join')] as [CercleJoin, CercleJoin];
      await settle(card);
      await settle(button);
      expect(card.shadowRoot!.querySelector('header')).to.equal(null);
      q<HTMLButtonElement>(button, '#trigger')!.click();
      const panel = q(button, '#panel')!;
      await waitUntil(() => panel.matches(':popover-open'));
      await Promise.all(panel.getAnimations().map((a) => a.finished));
      expect(panel.querySelector('header')).to.equal(null);
      await expect(page).to.be.accessible();
      const { axe } = window as unknown as {
        axe: {
          run: (
            context: Element,
            options: object,
          ) => Promise<{ violations: { id: string }[]; passes: { id: string }[] }>;
        };
      };
      const result = await axe.run(page, {
        runOnly: ['landmark-no-duplicate-banner', 'landmark-banner-is-top-level'],
      });
      expect(result.violations.map((v) => v.id)).to.deep.equal([]);
    });

    for (const [locale, said] of [
      ['en', 'You left the circle; your data was erased.'],
      ['fr', 'Vous avez quitté le cercle\u202f; vos données ont été effacées.'],
    ] as const) {
      it(`says the data was erased once a member left (${locale})`, async () => {
        const el = await mount(
          html`<cercle-join community="maison-verte" locale=${locale}></cercle-join>`,
        );
        await join(el);
        q<HTMLButtonElement>(el, '#leave')!.click();
        await waitUntil(() => q(el, '#confirm-leave'));
        q<HTMLButtonElement>(el, '#confirm-leave')!.click();
        await waitUntil(() => q(el, '[part="notice"]'), 'no word that the data was erased');
        expect(q(el, '[part="notice"]')!.textContent!.trim()).to.equal(said);
        expect(q(el, '[role="status"]')!.textContent!.trim()).to.equal(said);
        // Typing again (a new join) puts the note away.
        fill(el, { name: 'Camille' });
        await el.updateComplete;
        expect(q(el, '[part="notice"]')).to.equal(null);
      });
    }
  });

  describe('accessibility and theme', () => {
    for (const theme of ['light', 'dark'] as const) {
      it(`passes axe in the form, joined and error states (${theme})`, async function () {
        this.timeout(15000);
        const form = await mount(
          html`<cercle-join community="maison-verte" theme=${theme}></cercle-join>`,
        );
        await expect(form).to.be.accessible();
        fill(form, { name: '', consent: false });
        submit(form);
        await waitUntil(() => q(form, '#consent-error'));
        await expect(form).to.be.accessible();
        await join(form);
        await expect(form).to.be.accessible();
        q<HTMLButtonElement>(form, '#leave')!.click();
        await waitUntil(() => q(form, '#cancel'));
        await expect(form).to.be.accessible();
        fixtureCleanup();

        api.fail('getCommunity', networkError());
        const error = await mount(
          html`<cercle-join community="maison-verte" theme=${theme}></cercle-join>`,
        );
        await expect(error).to.be.accessible();
        fixtureCleanup();

        const button = await mount(
          html`<cercle-join community="le-fournil" variant="button" theme=${theme}></cercle-join>`,
        );
        q<HTMLButtonElement>(button, '#trigger')!.click();
        const panel = q(button, '#panel')!;
        await waitUntil(() => panel.matches(':popover-open'));
        await Promise.all(panel.getAnimations().map((a) => a.finished));
        await expect(button).to.be.accessible();
      });
    }

    it('is dark with theme="dark", and follows the system with theme="auto"', async () => {
      const bg = (el: CercleJoin) => getComputedStyle(q(el, '[part="base"]')!).backgroundColor;
      const light = await mount();
      const dark = await mount(
        html`<cercle-join community="maison-verte" theme="dark"></cercle-join>`,
      );
      const auto = await mount(
        html`<cercle-join community="maison-verte" theme="auto"></cercle-join>`,
      );
      expect(bg(light)).to.equal('rgb(255, 255, 255)');
      expect(bg(dark)).to.equal('rgb(22, 24, 29)');
      expect(bg(auto)).to.equal('rgb(255, 255, 255)');
      await emulateMedia({ colorScheme: 'dark' });
      expect(bg(auto)).to.equal('rgb(22, 24, 29)');
      expect(bg(light)).to.equal('rgb(255, 255, 255)');
    });

    it('takes the host page tokens: global, then per widget', async () => {
      const wrapper = await fixture(
        html`<div class="brand">
          <style>
            .brand {
              --cercle-color-accent: rgb(120, 40, 160);
            }
            .brand .special {
              --cercle-join-accent: rgb(200, 60, 0);
            }
          </style>
          <cercle-join community="maison-verte"></cercle-join>
          <cercle-join class="special" community="maison-verte"></cercle-join>
        </div>`,
      );
      const [a, b] = [...wrapper.querySelectorAll('cercle-join')] as [CercleJoin, CercleJoin];
      await settle(a);
      await settle(b);
      expect(getComputedStyle(q(a, '.submit')!).backgroundColor).to.equal('rgb(120, 40, 160)');
      expect(getComputedStyle(q(b, '.submit')!).backgroundColor).to.equal('rgb(200, 60, 0)');
    });

    it('defines every private custom property it uses, and uses every one it defines', () => {
      expect(
        customPropertyGaps([tokens, widgetStyles, formStyles, styles, popoverStyles], 'join'),
      ).to.deep.equal({
        notDefined: [],
        notUsed: [],
      });
    });

    it('stops its animations when the visitor prefers reduced motion', async () => {
      await emulateMedia({ reducedMotion: 'reduce' });
      const release = api.hold('getCommunity');
      const el = await fixture<CercleJoin>(
        html`<cercle-join community="maison-verte"></cercle-join>`,
      );
      const bone = q(el, '.bone')!;
      expect(getComputedStyle(bone).animationDuration).to.equal('0s');
      release();
      await settle(el);
      const fill = q(el, '.meter-fill')!;
      expect(getComputedStyle(fill).transitionDuration).to.equal('0s');
    });
  });

  describe('development', () => {
    it('renders under a strict CSP: no style attributes anywhere in the shadow root', async () => {
      const el = await mount(
        html`<cercle-join community="maison-verte" variant="banner"></cercle-join>`,
      );
      const styled = [...el.shadowRoot!.querySelectorAll('[style]')].filter(
        (n) => !n.classList.contains('meter-fill'),
      );
      expect(styled).to.have.length(0);
      expect(el.shadowRoot!.querySelectorAll('style')).to.have.length(0);
    });

    it('has issued no Lit dev-mode warnings', () => {
      // The one notice Lit's development build always prints is not about our code.
      const lit = litWarnings(warnings);
      expect(lit).to.deep.equal([]);
    });
  });
});
