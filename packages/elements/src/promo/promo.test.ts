import '../test/setup.js';
import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import type { TemplateResult } from 'lit';
import './cercle-promo.js';
import '../join/cercle-join.js';
import type { CerclePromo } from './promo.js';
import type { CercleJoin } from '../join/join.js';
import { configure } from '../internal/config.js';
import { resetCercleGlobal, sessionStore } from '../internal/stores.js';
import { tokens } from '../internal/tokens.js';
import { widgetStyles } from '../internal/widget.styles.js';
import { CercleCopyEvent } from '../events/copy.js';
import { CercleRevealEvent } from '../events/reveal.js';
import { styles } from './promo.styles.js';
import { httpError, networkError, type TestBackend } from '../test/backend.js';
import {
  captureWarnings,
  deepActiveElement,
  expectEvent,
  freshApi,
  joinAs,
  litWarnings,
  mountSettled,
  press,
  q,
  recordEvents,
  resetMedia,
  settle,
  customPropertyGaps,
  shadowText,
  spyIntervals,
  tabTo,
  type as typeText,
} from '../test/helpers.js';

// Every console.warn of this file, to prove Lit never warned (last test).
const warnings = captureWarnings();

const C = 'maison-verte';
const O = 'bienvenue-10';
const HOUR = 3_600_000;

let api: TestBackend;

beforeEach(async () => {
  getSelection()?.removeAllRanges();
  api = await freshApi();
});

afterEach(resetMedia);

const status = (el: CerclePromo): string =>
  q(el, '.sr-only[role="status"]')!.textContent!.replace(/\s+/g, ' ').trim();
const text = (el: CerclePromo, selector: string): string =>
  (q(el, selector)?.textContent ?? '').replace(/\s+/g, ' ').trim();
const codeText = (el: CerclePromo): string | undefined =>
  q(el, '[part="code"]')?.textContent ?? undefined;

const mount = (
  template: TemplateResult = html`<cercle-promo community=${C} offer=${O}></cercle-promo>`,
): Promise<CerclePromo> => mountSettled(template);

const becomeMember = (community = C, name?: string): Promise<string> =>
  joinAs(api, community, name);

/** Reveals by clicking, resolves with the code shown. */
async function reveal(el: CerclePromo): Promise<string> {
  q<HTMLButtonElement>(el, '#reveal')!.click();
  await settle(el, 'revealed');
  return codeText(el)!;
}

/** Fills and submits a `<cercle-join>` card. */
async function joinThrough(join: CercleJoin, name = 'Zoé'): Promise<void> {
  await waitUntil(() => join.shadowRoot?.querySelector('#name'), 'no join form');
  join.shadowRoot!.querySelector<HTMLInputElement>('#name')!.value = name;
  join.shadowRoot!.querySelector<HTMLInputElement>('#consent')!.checked = true;
  await expectEvent('cercle-join', () =>
    join.shadowRoot!.querySelector<HTMLButtonElement>('.submit')!.click(),
  );
}

/** Replaces `navigator.clipboard.writeText` for one test. */
function stubClipboard(impl: (text: string) => Promise<void>): {
  calls: string[];
  restore(): void;
} {
  const calls: string[] = [];
  Object.defineProperty(navigator.clipboard, 'writeText', {
    configurable: true,
    value: (value: string) => {
      calls.push(value);
      return impl(value);
    },
  });
  return {
    calls,
    restore: () => delete (navigator.clipboard as unknown as Record<string, unknown>).writeText,
  };
}

/** Every place a code could leak to outside the widget's state. */
function everything(el: CerclePromo): string {
  return [
    el.shadowRoot!.innerHTML,
    document.documentElement.outerHTML,
    location.href,
    JSON.stringify({ ...localStorage }),
    JSON.stringify({ ...sessionStorage }),
  ].join('\n');
}

describe('<cercle-promo>', () => {
  describe('the teaser', () => {
    it('shows a skeleton, then the disclosure, title, benefit, conditions and countdown', async () => {
      const release = api.hold('getOffer');
      const el = await fixture<CerclePromo>(
        html`<cercle-promo community=${C} offer=${O}></cercle-promo>`,
      );
      expect(el.matches(':state(loading)')).to.equal(true);
      expect(q(el, '[part="skeleton"]')).not.to.equal(null);
      expect(shadowText(el)).to.contain('Loading the offer…');
      release();
      await settle(el);
      const base = q(el, '[part="base"]')!;
      expect(base.firstElementChild!.classList.contains('disclosure')).to.equal(true);
      expect(text(el, '.disclosure')).to.equal('Advertising');
      expect(text(el, '[part="title"]')).to.equal('Bienvenue dans le cercle');
      expect(text(el, '[part="benefit"]')).to.equal('-10 % sur votre première commande');
      expect(text(el, '[part="conditions"]')).to.contain('Un code par membre');
      expect(text(el, '[part="countdown"] time')).to.match(/^Ends in (29|30) days$/);
    });

    it('keeps its height from skeleton to offer: nothing under it moves, at 1280 and 390 px', async () => {
      const cases: [string, TemplateResult, () => Promise<unknown>][] = [
        ['visitor', html`<cercle-promo community=${C} offer=${O}></cercle-promo>`, async () => {}],
        [
          'visitor fr',
          html`<cercle-promo community=${C} offer=${O} locale="fr"></cercle-promo>`,
          async () => {},
        ],
        [
          'waitlisted',
          html`<cercle-promo community="le-fournil" offer="pain"></cercle-promo>`,
          () => becomeMember('le-fournil'),
        ],
        [
          'member',
          html`<cercle-promo community=${C} offer=${O}></cercle-promo>`,
          () => becomeMember(),
        ],
      ];
      try {
        for (const width of [1280, 390]) {
          await setViewport({ width, height: 800 });
          for (const [name, template, before] of cases) {
            api = await freshApi(); // a new page, no session
            await api.offers.add('le-fournil', 'pain', { kind: 'shared' });
            await before();
            const release = api.hold('getOffer');
            const page = await fixture<HTMLElement>(
              html`<div>
                ${template}
                <p id="below">Text under the offer.</p>
              </div>`,
            );
            const el = page.querySelector<CerclePromo>('cercle-promo')!;
            await el.updateComplete;
            await el.updateComplete; // the locale's terms
            expect(el.matches(':state(loading)'), name).to.equal(true);
            const below = page.querySelector('#below')!;
            const loading = el.getBoundingClientRect().height;
            const belowTop = below.getBoundingClientRect().top;
            release();
            await settle(el);
            await el.updateComplete;
            const ready = el.getBoundingClientRect().height;
            const label = `${name} at ${width}px: loading ${loading}, ready ${ready}`;
            expect(Math.abs(ready - loading), label).to.be.at.most(2);
            expect(Math.abs(below.getBoundingClientRect().top - belowTop), label).to.be.at.most(2);
            fixtureCleanup();
          }
        }
      } finally {
        await setViewport({ width: 800, height: 600 });
      }
    });

    it('counts down every second under a day, and stops its timer when removed', async () => {
      await api.offers.add(C, 'flash', {
        kind: 'shared',
        expiresAt: new Date(Date.now() + 2 * HOUR).toISOString(),
      });
      const { created, cleared, restore } = spyIntervals();
      try {
        const el = await mount(html`<cercle-promo community=${C} offer="flash"></cercle-promo>`);
        const countdown = () => text(el, '[part="countdown"] time');
        expect(countdown()).to.match(/^Ends in (02:00:00|01:59:\d\d)$/);
        const before = countdown();
        await waitUntil(() => countdown() !== before, 'the countdown did not move', {
          timeout: 2500,
        });
        expect(created.length).to.be.greaterThan(0);
        el.remove();
        expect(created.every((id) => cleared.includes(id))).to.equal(true);
      } finally {
        restore();
      }
    });

    it('shows visitors a lock and a call to join, and never the code', async () => {
      const el = await mount();
      expect(el.matches(':state(locked)')).to.equal(true);
      expect(text(el, '[part="lock"]')).to.contain(
        'Members only: join the circle to unlock your code',
      );
      expect(text(el, '#join-toggle')).to.equal('Join to unlock');
      expect(q(el, '#reveal')).to.equal(null);
      expect(api.callsOf('getOffer')[0]!.token).to.equal(undefined);
      expect(api.count('revealOffer')).to.equal(0);
    });
  });

  describe('unlocking', () => {
    it('joins in place, then unlocks at once without a reload', async () => {
      const el = await mount();
      const toggle = q<HTMLButtonElement>(el, '#join-toggle')!;
      expect(toggle.getAttribute('aria-expanded')).to.equal('false');
      toggle.click();
      await waitUntil(() => q(el, 'cercle-join'), 'no join card');
      const join = q<CercleJoin>(el, 'cercle-join')!;
      expect(join.getAttribute('community')).to.equal(C);
      expect(join.getAttribute('variant')).to.equal('card');
      await joinThrough(join);
      await settle(el, 'member');
      expect(q(el, 'cercle-join')).to.equal(null);
      expect(el.matches(':state(locked)')).to.equal(false);
      await waitUntil(() => deepActiveElement()?.id === 'reveal', 'focus did not go to Reveal');
      expect(status(el)).to.contain('You are in: your code is ready to reveal.');
      const token = sessionStore('adapter', C).get()!.token;
      await waitUntil(() => api.callsOf('getOffer').some((c) => c.token === token));
      const code = await reveal(el);
      expect(await api.offers.codes(C, O)).to.include(code);
    });

    it('unlocks when the visitor joins through another <cercle-join> of the page', async () => {
      const page = await fixture(
        html`<div>
          <cercle-join community=${C}></cercle-join>
          <cercle-promo community=${C} offer=${O}></cercle-promo>
        </div>`,
      );
      const el = await settle(page.querySelector('cercle-promo')!);
      expect(el.matches(':state(locked)')).to.equal(true);
      await joinThrough(page.querySelector('cercle-join')!);
      await settle(el, 'member');
      expect(q(el, '#reveal')).not.to.equal(null);
      expect(status(el)).to.contain('You are in');
      expect(deepActiveElement()?.id).not.to.equal('reveal'); // focus stays where the visitor is
      await reveal(el);
    });

    it('tells a waitlisted visitor the code unlocks once they are in', async () => {
      await api.offers.add('le-fournil', 'pain', { kind: 'shared' });
      await becomeMember('le-fournil');
      const el = await mount(
        html`<cercle-promo community="le-fournil" offer="pain"></cercle-promo>`,
      );
      expect(el.matches(':state(waitlisted)')).to.equal(true);
      expect(text(el, '[part="lock"]')).to.contain(
        'You are on the waitlist: your code unlocks once you are in the circle.',
      );
      expect(q(el, '#join-toggle')).to.equal(null);
      expect(q(el, '#reveal')).to.equal(null);
    });

    it('says the same when the backend refuses a reveal with 403', async () => {
      await api.offers.add('le-fournil', 'pain', { kind: 'shared' });
      const token = await becomeMember('le-fournil');
      // The page believes it is active; the backend knows better.
      sessionStore('adapter', 'le-fournil').set({ token, memberId: 'm_1', status: 'active' });
      const el = await mount(
        html`<cercle-promo community="le-fournil" offer="pain"></cercle-promo>`,
      );
      q<HTMLButtonElement>(el, '#reveal')!.click();
      await settle(el, 'waitlisted');
      expect(text(el, '[part="lock"]')).to.contain('your code unlocks once you are in the circle');
      expect(codeText(el)).to.equal(undefined);
    });

    it('forgets a token the backend refuses and shows the offer as a visitor sees it', async () => {
      sessionStore('adapter', C).set({ token: 'tok_gone', memberId: 'm_x', status: 'active' });
      const el = await mount();
      await settle(el, 'locked');
      expect(sessionStore('adapter', C).get()).to.equal(null);
    });
  });

  describe('revealing', () => {
    it('reveals the code on a click: shown, announced, focused, and cercle-reveal fires', async () => {
      const token = await becomeMember();
      const el = await mount();
      expect(el.matches(':state(member)')).to.equal(true);
      expect(text(el, '#reveal')).to.equal('Reveal my code');
      const event = await expectEvent('cercle-reveal', () =>
        q<HTMLButtonElement>(el, '#reveal')!.click(),
      );
      await settle(el, 'revealed');
      const code = codeText(el)!;
      expect(event).to.be.instanceOf(CercleRevealEvent);
      expect(event.bubbles && event.composed).to.equal(true);
      expect(event.detail).to.deep.equal({ community: C, offer: O, code });
      // The member's code: what the backend answers them (a reveal again gives the same).
      expect((await api.direct().revealOffer(C, O, { token })).code).to.equal(code);
      expect(text(el, '.code-label')).to.equal('Your code');
      expect(status(el)).to.contain('Your code is shown.');
      expect(text(el, '[part="hint"]')).to.match(/^Use it at checkout until \w+ \d+, \d{4}\.$/);
      await waitUntil(() => deepActiveElement()?.id === 'copy', 'focus did not go to Copy');
      expect(getComputedStyle(q(el, '[part="code"]')!).fontFamily).to.match(/mono/i);
      // The code is text, never an attribute.
      const attributes = [...el.shadowRoot!.querySelectorAll('*')].flatMap((n) =>
        [...n.attributes].map((a) => a.value),
      );
      expect(attributes.filter((v) => v.includes(code))).to.deep.equal([]);
    });

    it('puts the code nowhere before the member revealed it', async () => {
      const codes = await api.offers.codes(C, O);
      const leaks = (el: CerclePromo) => codes.filter((c) => everything(el).includes(c));
      const visitor = await mount();
      expect(leaks(visitor)).to.deep.equal([]);
      fixtureCleanup();
      await becomeMember();
      const events = recordEvents('cercle-reveal');
      const el = await mount();
      expect(leaks(el)).to.deep.equal([]);
      expect(events.events).to.have.length(0);
      events.stop();
      const code = await reveal(el);
      expect(leaks(el)).to.deep.equal([code]);
      expect(JSON.stringify({ ...localStorage })).not.to.contain(code);
    });

    it('animates the code in calmly, and not at all under reduced motion', async () => {
      await becomeMember();
      const el = await mount();
      await reveal(el);
      const animations = q(el, '.revealed')!.getAnimations();
      expect(animations).to.have.length(1);
      const duration = Number(animations[0]!.effect!.getComputedTiming().duration);
      expect(duration).to.be.within(1, 300);
      fixtureCleanup();

      await emulateMedia({ reducedMotion: 'reduce' });
      await becomeMember(C, 'Léo');
      const calm = await mount();
      await reveal(calm);
      expect(q(calm, '.revealed')!.getAnimations()).to.have.length(0);
    });

    it('shows the same code again after a reload, without a click or an event', async () => {
      await becomeMember();
      const first = await mount();
      const code = await reveal(first);
      fixtureCleanup();
      resetCercleGlobal(); // a new page: only localStorage remains
      configure({ adapter: api.api });
      const events = recordEvents('cercle-reveal');
      const again = await mount();
      await settle(again, 'revealed');
      expect(codeText(again)).to.equal(code);
      expect(api.count('revealOffer')).to.equal(2);
      expect(events.events).to.have.length(0);
      events.stop();
    });

    it('takes the code away when the member leaves the circle', async () => {
      await becomeMember();
      const el = await mount();
      const code = await reveal(el);
      sessionStore('adapter', C).set(null);
      await settle(el, 'locked');
      expect(el.shadowRoot!.innerHTML).not.to.contain(code);
    });
  });

  describe('copying', () => {
    it('copies with the Clipboard API, says "Copied", announces it and counts it', async () => {
      const clipboard = stubClipboard(() => Promise.resolve());
      try {
        await becomeMember();
        const el = await mount();
        const code = await reveal(el);
        const event = await expectEvent('cercle-copy', () =>
          q<HTMLButtonElement>(el, '#copy')!.click(),
        );
        expect(event).to.be.instanceOf(CercleCopyEvent);
        expect(event.bubbles && event.composed).to.equal(true);
        expect(event.detail).to.deep.equal({ community: C, offer: O, method: 'clipboard' });
        expect(JSON.stringify(event.detail)).not.to.contain(code);
        expect(clipboard.calls).to.deep.equal([code]);
        await settle(el, 'copied');
        expect(text(el, '#copy')).to.equal('Copied');
        expect(status(el)).to.equal('Code copied.');
        await waitUntil(
          async () => (await api.offers.copies(C, O)) === 1,
          'the copy was not counted',
        );
        await waitUntil(() => !el.matches(':state(copied)'), 'Copied never went back', {
          timeout: 3000,
        });
        expect(text(el, '#copy')).to.equal('Copy');
      } finally {
        clipboard.restore();
      }
    });

    it('selects the code and says how to copy it when the clipboard refuses', async () => {
      const clipboard = stubClipboard(() =>
        Promise.reject(new DOMException('denied', 'NotAllowedError')),
      );
      try {
        await becomeMember();
        const el = await mount();
        const code = await reveal(el);
        const event = await expectEvent('cercle-copy', () =>
          q<HTMLButtonElement>(el, '#copy')!.click(),
        );
        expect(event.detail.method).to.equal('selection');
        await el.updateComplete;
        expect(getSelection()!.toString()).to.equal(code);
        expect(text(el, '.hint-manual')).to.equal(
          'The code is selected: press Ctrl+C / ⌘C to copy.',
        );
        expect(status(el)).to.contain('press Ctrl+C / ⌘C to copy');
        expect(el.matches(':state(copied)')).to.equal(false);
      } finally {
        clipboard.restore();
      }
    });

    it('ignores a failure to count the copy', async () => {
      const clipboard = stubClipboard(() => Promise.resolve());
      try {
        await becomeMember();
        const el = await mount();
        await reveal(el);
        api.fail('copyOffer', networkError());
        const before = warnings.length;
        q<HTMLButtonElement>(el, '#copy')!.click();
        await settle(el, 'copied');
        await waitUntil(() => warnings.length > before, 'no development warning');
        expect(warnings.at(-1)).to.contain('could not count the copy');
        expect(q(el, '[part="error"]')).to.equal(null);
      } finally {
        clipboard.restore();
      }
    });
  });

  describe('offers that cannot be revealed', () => {
    it('says when the offer ended, with no reveal', async () => {
      await api.offers.expire(C, O, new Date('2026-11-20T12:00:00Z'));
      await becomeMember();
      const el = await mount();
      expect(el.matches(':state(expired)')).to.equal(true);
      expect(text(el, '[part="notice"]')).to.equal('This offer ended on November 20, 2026.');
      expect(q(el, '#reveal')).to.equal(null);
      expect(q(el, '[part="countdown"]')).to.equal(null);
      expect(text(el, '.disclosure')).to.equal('Advertising');
    });

    it('goes to the ended state when the backend answers 410 to a reveal', async () => {
      await becomeMember();
      const el = await mount();
      await api.offers.expire(C, O);
      q<HTMLButtonElement>(el, '#reveal')!.click();
      await settle(el, 'expired');
      expect(text(el, '[part="notice"]')).to.contain('This offer ended on');
      expect(status(el)).to.contain('This offer ended on');
    });

    it('ends by itself when the countdown reaches zero', async () => {
      await api.offers.add(C, 'now', {
        kind: 'shared',
        expiresAt: new Date(Date.now() + 1500).toISOString(),
      });
      const el = await mount(html`<cercle-promo community=${C} offer="now"></cercle-promo>`);
      expect(el.matches(':state(locked)')).to.equal(true);
      await settle(el, 'expired');
      expect(q(el, '#join-toggle')).to.equal(null);
    });

    it('says when every code has been claimed, but still shows a member theirs', async () => {
      await becomeMember(C, 'Early');
      const session = sessionStore('adapter', C).get()!;
      const early = await mount();
      const code = await reveal(early);
      fixtureCleanup();
      await api.offers.exhaust(C, O);

      await becomeMember(C, 'Late');
      const late = await mount();
      expect(late.matches(':state(exhausted)')).to.equal(true);
      expect(text(late, '[part="notice"]')).to.contain('All codes have been claimed.');
      expect(q(late, '#reveal')).to.equal(null);
      fixtureCleanup();

      resetCercleGlobal();
      localStorage.clear();
      configure({ adapter: api.api });
      sessionStore('adapter', C).set(session);
      const back = await mount();
      await settle(back, 'revealed');
      expect(codeText(back)).to.equal(code);
    });

    it('says when the brand paused the offer, but still shows a member theirs', async () => {
      await becomeMember(C, 'Early');
      const session = sessionStore('adapter', C).get()!;
      const early = await mount();
      const code = await reveal(early);
      fixtureCleanup();
      await api.store.run('UPDATE offers SET paused = 1 WHERE id = ?', O);

      await becomeMember(C, 'Late');
      const late = await mount();
      expect(late.matches(':state(paused)')).to.equal(true);
      expect(text(late, '[part="notice"]')).to.contain('This offer is paused for now.');
      expect(q(late, '#reveal')).to.equal(null);
      await expect(late).to.be.accessible();
      fixtureCleanup();

      resetCercleGlobal();
      localStorage.clear();
      configure({ adapter: api.api });
      sessionStore('adapter', C).set(session);
      const back = await mount();
      await settle(back, 'revealed');
      expect(codeText(back)).to.equal(code);
    });

    it('goes to the exhausted state when the backend answers 409 to a reveal', async () => {
      await becomeMember();
      const el = await mount();
      await api.offers.exhaust(C, O);
      q<HTMLButtonElement>(el, '#reveal')!.click();
      await settle(el, 'exhausted');
      expect(text(el, '[part="notice"]')).to.contain('All codes have been claimed.');
      expect(status(el)).to.contain('All codes have been claimed.');
    });

    it('says when there is no such offer, without a retry', async () => {
      const el = await mount(html`<cercle-promo community=${C} offer="nope"></cercle-promo>`);
      expect(el.matches(':state(error)')).to.equal(true);
      expect(text(el, '[part="error"]')).to.contain('This offer does not exist.');
      expect(q(el, '#retry')).to.equal(null);
    });
  });

  describe('errors', () => {
    it('shows a load error with a retry that works', async () => {
      api.fail('getOffer', networkError());
      const el = await mount();
      expect(el.matches(':state(error)')).to.equal(true);
      expect(text(el, '[part="error"]')).to.contain('We could not reach');
      q<HTMLButtonElement>(el, '#retry')!.click();
      await waitUntil(() => q(el, '[part="title"]'), 'the offer never came');
      await waitUntil(() => deepActiveElement()?.id === 'title', 'focus did not go to the title');
    });

    it('shows a reveal error with a retry that reveals', async () => {
      await becomeMember();
      api.fail('revealOffer', networkError());
      const el = await mount();
      q<HTMLButtonElement>(el, '#reveal')!.click();
      await waitUntil(() => q(el, '[part="error"]'), 'no error');
      expect(text(el, '[part="error"]')).to.contain('We could not reach');
      expect(text(el, '[part="title"]')).to.equal('Bienvenue dans le cercle'); // teaser stays
      const event = await expectEvent('cercle-reveal', () =>
        q<HTMLButtonElement>(el, '#retry')!.click(),
      );
      await settle(el, 'revealed');
      expect(event.detail.code).to.equal(codeText(el));
    });

    it('says how long to wait when rate limited, then reveals by itself', async () => {
      await becomeMember();
      api.fail('revealOffer', httpError(429, 'rate_limited', { retryAfterMs: 1200 }));
      const el = await mount();
      const event = expectEvent(
        'cercle-reveal',
        () => q<HTMLButtonElement>(el, '#reveal')!.click(),
        {
          timeout: 4000,
        },
      );
      await settle(el, 'rate-limited');
      expect(text(el, '[part="notice"]')).to.equal('Too many tries, try again in 2 s.');
      expect(status(el)).to.equal('Too many tries, try again in 2 s.');
      expect(q(el, '#reveal')).to.equal(null);
      await settle(el, 'revealed');
      expect(el.matches(':state(rate-limited)')).to.equal(false);
      expect(api.count('revealOffer')).to.equal(2);
      expect((await event).detail.code).to.equal(codeText(el));
    });

    it('loads again by itself after a rate-limited load', async () => {
      api.fail('getOffer', httpError(429, 'rate_limited', { retryAfterMs: 1000 }));
      const el = await mount();
      expect(el.matches(':state(rate-limited)')).to.equal(true);
      expect(text(el, '[part="error"]')).to.contain('Too many tries, try again in 1 s.');
      await waitUntil(() => q(el, '[part="title"]'), 'never loaded again', { timeout: 3000 });
    });

    it('says so, in the page and the console, when an attribute or the backend is missing', async () => {
      const before = warnings.length;
      const noOffer = await mount(html`<cercle-promo community=${C}></cercle-promo>`);
      expect(shadowText(noOffer)).to.contain('This widget needs an offer');
      const noCommunity = await mount(html`<cercle-promo offer=${O}></cercle-promo>`);
      expect(shadowText(noCommunity)).to.contain('This widget needs a community');
      expect(api.calls).to.have.length(0);
      const issued = warnings.slice(before);
      expect(issued.find((w) => w.includes('"offer" attribute'))).to.contain(
        'docs/widgets/promo.md#attributes',
      );
      fixtureCleanup();
      resetCercleGlobal();
      const noApi = await mount();
      expect(shadowText(noApi)).to.contain('No Cercle API is set for this page.');
      configure({ adapter: api.api });
      await waitUntil(() => q(noApi, '[part="title"]'), 'configure() was not followed');
    });
  });

  describe('keyboard', () => {
    it('joins, reveals and copies with the keyboard only', async () => {
      const clipboard = stubClipboard(() => Promise.resolve());
      try {
        const el = await mount();
        await tabTo((e) => e?.id === 'join-toggle');
        await press('Enter');
        await waitUntil(() => q(el, 'cercle-join'), 'Enter did not open the join card');
        const join = q<CercleJoin>(el, 'cercle-join')!;
        await waitUntil(() => join.shadowRoot?.querySelector('#name'));
        await press('Escape');
        await el.updateComplete;
        expect(q(el, 'cercle-join')).to.equal(null);
        expect(deepActiveElement()?.id).to.equal('join-toggle');

        await press('Space');
        await waitUntil(() => q<CercleJoin>(el, 'cercle-join')?.shadowRoot?.querySelector('#name'));
        await tabTo((e) => e?.id === 'name');
        await typeText('Zoé');
        await tabTo((e) => e?.id === 'consent');
        await press('Space');
        await tabTo((e) => e?.classList.contains('submit') ?? false);
        await press('Enter');
        await settle(el, 'member');
        await waitUntil(() => deepActiveElement()?.id === 'reveal', 'focus did not go to Reveal');

        await press('Enter');
        await settle(el, 'revealed');
        await waitUntil(() => deepActiveElement()?.id === 'copy', 'focus did not go to Copy');
        await press('Space');
        await settle(el, 'copied');
        expect(clipboard.calls).to.deep.equal([codeText(el)]);
      } finally {
        clipboard.restore();
      }
    });

    it('has no keyboard trap: Tab goes through the widget and out', async () => {
      await becomeMember();
      const before = document.createElement('button');
      before.textContent = 'before';
      const after = document.createElement('button');
      after.textContent = 'after';
      const el = await mount();
      await reveal(el);
      el.before(before);
      el.after(after);
      before.focus();
      for (let i = 0; i < 10 && document.activeElement !== after; i++) await press('Tab');
      expect(document.activeElement).to.equal(after);
      before.remove();
      after.remove();
    });
  });

  describe('accessibility and theme', () => {
    /** Resolves when every animation and transition in the widget has finished. */
    const settled = async (el: Element) => {
      await Promise.all(el.shadowRoot!.getAnimations().map((a) => a.finished));
    };

    for (const theme of ['light', 'dark'] as const) {
      it(`passes axe locked, revealed, ended and in error (${theme})`, async function () {
        this.timeout(20000);
        const locked = await mount(
          html`<cercle-promo community=${C} offer=${O} theme=${theme}></cercle-promo>`,
        );
        await expect(locked).to.be.accessible();
        q<HTMLButtonElement>(locked, '#join-toggle')!.click();
        await waitUntil(() =>
          q<CercleJoin>(locked, 'cercle-join')?.shadowRoot?.querySelector('#name'),
        );
        await settled(locked); // the toggle's colour transition
        await expect(locked).to.be.accessible();
        fixtureCleanup();

        await becomeMember();
        const revealed = await mount(
          html`<cercle-promo community=${C} offer=${O} theme=${theme}></cercle-promo>`,
        );
        await reveal(revealed);
        await settled(revealed); // contrast is measured after the code's fade-in
        await expect(revealed).to.be.accessible();
        fixtureCleanup();

        await api.offers.expire(C, O);
        const ended = await mount(
          html`<cercle-promo community=${C} offer=${O} theme=${theme}></cercle-promo>`,
        );
        await expect(ended).to.be.accessible();
        fixtureCleanup();

        api.fail('getOffer', networkError());
        const error = await mount(
          html`<cercle-promo community=${C} offer=${O} theme=${theme}></cercle-promo>`,
        );
        await expect(error).to.be.accessible();
      });
    }

    it('keeps the disclosure label visible whatever the page’s CSS does to the offer', async () => {
      const wrapper = await fixture(
        html`<div class="hostile">
          <style>
            .hostile cercle-promo {
              color: transparent;
              font-size: 0;
              font-family: 'NoSuchFont';
              letter-spacing: -1em;
              text-indent: -9999px;
              line-height: 0;
              text-transform: lowercase;
              -webkit-text-fill-color: transparent;
              text-shadow: none;
              --cercle-color-text: transparent;
              --cercle-color-text-muted: transparent;
              --cercle-color-surface-alt: transparent;
              --cercle-color-border: transparent;
              --cercle-promo-color: transparent;
              --cercle-font-family: 'NoSuchFont';
            }
            .hostile cercle-promo::part(base) {
              color: transparent;
              font-size: 0;
              visibility: hidden;
            }
            .hostile cercle-promo::part(header) {
              display: none;
            }
            .hostile cercle-promo::part(title),
            .hostile cercle-promo::part(benefit) {
              visibility: visible;
              font-size: 16px;
              color: black;
            }
          </style>
          <cercle-promo community=${C} offer=${O}></cercle-promo>
        </div>`,
      );
      const el = await settle(wrapper.querySelector('cercle-promo')!);
      // The offer still shows…
      expect(getComputedStyle(q(el, '[part="benefit"]')!).visibility).to.equal('visible');
      // …and so does its label: no part to reach it, every inherited property reset.
      const label = q(el, '.disclosure')!;
      expect(label.hasAttribute('part')).to.equal(false);
      expect(label.textContent).to.equal('Advertising');
      const style = getComputedStyle(label);
      expect(style.visibility).to.equal('visible');
      expect(style.display).not.to.equal('none');
      expect(style.color).to.equal('rgb(23, 25, 31)');
      expect(style.webkitTextFillColor).to.equal('rgb(23, 25, 31)');
      expect(parseFloat(style.fontSize)).to.be.at.least(12);
      expect(style.textIndent).to.equal('0px');
      expect(style.letterSpacing).not.to.contain('-');
      const box = label.getBoundingClientRect();
      expect(box.width).to.be.greaterThan(40);
      expect(box.height).to.be.greaterThan(12);
      // Nothing covers it.
      const hit = el.shadowRoot!.elementFromPoint(
        box.left + box.width / 2,
        box.top + box.height / 2,
      );
      expect(hit).to.equal(label);
    });

    it('takes the host page tokens: global, then per widget', async () => {
      await becomeMember();
      const wrapper = await fixture(
        html`<div class="brand">
          <style>
            .brand {
              --cercle-color-accent: rgb(120, 40, 160);
            }
            .brand .special {
              --cercle-promo-accent: rgb(200, 60, 0);
            }
          </style>
          <cercle-promo community=${C} offer=${O}></cercle-promo>
          <cercle-promo class="special" community=${C} offer=${O}></cercle-promo>
        </div>`,
      );
      const [a, b] = [...wrapper.querySelectorAll('cercle-promo')] as [CerclePromo, CerclePromo];
      await settle(a);
      await settle(b);
      const bg = (el: CerclePromo) =>
        getComputedStyle(q(el, '[part~="reveal-button"]')!).backgroundColor;
      expect(bg(a)).to.equal('rgb(120, 40, 160)');
      expect(bg(b)).to.equal('rgb(200, 60, 0)');
    });

    it('defines every private custom property it uses, and uses every one it defines', () => {
      expect(customPropertyGaps([tokens, widgetStyles, styles], 'promo')).to.deep.equal({
        notDefined: [],
        notUsed: [],
      });
    });

    it('speaks French: « Publicité », the countdown and the lock', async () => {
      const el = await mount(
        html`<cercle-promo community=${C} offer=${O} locale="fr"></cercle-promo>`,
      );
      await el.updateComplete;
      expect(text(el, '.disclosure')).to.equal('Publicité');
      expect(text(el, '[part="countdown"] time')).to.match(/^Se termine dans (29|30) jours$/);
      expect(text(el, '[part="lock"]')).to.contain('Réservé aux membres');
      expect(text(el, '#join-toggle')).to.equal('Rejoindre pour débloquer');
      expect(q(el, '[part="base"]')!.getAttribute('lang')).to.equal('fr');
      await api.offers.add(C, 'soon', {
        kind: 'shared',
        expiresAt: new Date(Date.now() + 3 * HOUR + 5000).toISOString(),
      });
      const soon = await mount(
        html`<cercle-promo community=${C} offer="soon" locale="fr"></cercle-promo>`,
      );
      expect(text(soon, '[part="countdown"] time')).to.match(/^Se termine dans 03:00:0\d$/);
    });
  });

  describe('development', () => {
    it('renders under a strict CSP: no style attributes anywhere in the shadow root', async () => {
      await becomeMember();
      const el = await mount();
      await reveal(el);
      expect(el.shadowRoot!.querySelectorAll('[style]')).to.have.length(0);
      expect(el.shadowRoot!.querySelectorAll('style')).to.have.length(0);
    });

    it('fires no event on programmatic changes', async () => {
      const recorders = (['cercle-reveal', 'cercle-copy'] as const).map((e) => recordEvents(e));
      const token = await becomeMember();
      // The member revealed the shared offer before: moving to it shows their code again.
      await api.direct().revealOffer(C, 'livraison-offerte', { token });
      const el = await mount();
      el.offer = 'livraison-offerte';
      await waitUntil(
        () => text(el, '[part="title"]') === 'Livraison offerte',
        'the widget never moved to the new offer',
      );
      // The reveal's answer came (an event would have fired before the code shows).
      await settle(el, 'revealed');
      expect(api.count('revealOffer')).to.equal(1);
      el.theme = 'dark';
      await el.updateComplete;
      recorders.forEach((r) => r.stop());
      expect(recorders.flatMap((r) => r.events)).to.have.length(0);
    });

    it('has issued no Lit dev-mode warnings', () => {
      const lit = litWarnings(warnings);
      expect(lit).to.deep.equal([]);
    });
  });
});
