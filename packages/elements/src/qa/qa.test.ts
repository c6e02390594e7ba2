import '../test/setup.js';
import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import type { TemplateResult } from 'lit';
import type { ReportList } from '@cercle/client/contract';
import './cercle-qa.js';
import type { CercleQa } from './qa.js';
import type { CercleJoin } from '../join/join.js';
import { configure } from '../internal/config.js';
import { resetCercleGlobal, sessionStore } from '../internal/stores.js';
import { tokens } from '../internal/tokens.js';
import { widgetStyles } from '../internal/widget.styles.js';
import { reportStyles } from '../internal/report-dialog.js';
import { CercleQuestionEvent } from '../events/question.js';
import { CercleReportEvent } from '../events/report.js';
import { CercleVoteEvent } from '../events/vote.js';
import { styles } from './qa.styles.js';
import { domId } from '../internal/dom-id.js';
import { httpError, networkError, type LiveControl, type TestBackend } from '../test/backend.js';
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
  tick,
} from '../test/helpers.js';

// Every console.warn of this file, to prove Lit never warned (last test).
const warnings = captureWarnings();

let api: TestBackend;
let live: LiveControl;
/** The fixture's questions of `dimanche-live`, in the order asked (12, 7 and 3 votes). */
let q1: string;
let q2: string;
let q3: string;

beforeEach(async () => {
  api = await freshApi();
  live = api.live('maison-verte', 'dimanche-live');
  [q1, q2, q3] = (await live.questions()).map((question) => question.id) as [
    string,
    string,
    string,
  ];
});

afterEach(resetMedia);

const items = (el: CercleQa): HTMLLIElement[] => [
  ...el.shadowRoot!.querySelectorAll<HTMLLIElement>('.list > li'),
];
const ids = (el: CercleQa): string[] => items(el).map((li) => li.dataset.id!);
const item = (el: CercleQa, id: string): HTMLLIElement =>
  items(el).find((li) => li.dataset.id === id)!;
const voteButton = (el: CercleQa, id: string): HTMLButtonElement =>
  item(el, id).querySelector<HTMLButtonElement>('.vote')!;
const status = (el: CercleQa): string =>
  q(el, '.sr-only[role="status"]')!.textContent!.replace(/\s+/g, ' ').trim();
const notice = (el: CercleQa): string =>
  q(el, '.notices')!.textContent!.replace(/\s+/g, ' ').trim();

const mount = (
  template: TemplateResult = html`<cercle-qa
    community="maison-verte"
    session="dimanche-live"
  ></cercle-qa>`,
): Promise<CercleQa> => mountSettled(template);

const becomeMember = (name?: string): Promise<string> => joinAs(api, 'maison-verte', name);

/** Until the subscription is open (the events pushed next are live). */
const streaming = async (): Promise<void> => {
  await waitUntil(() => live.subscribers > 0, 'never subscribed', { timeout: 2000 });
  await tick();
};

/**
 * Waits for `predicate` long enough for the widget's own timers to run (a reorder may wait
 * up to 0.7 s for the list to settle, a batch of news 1.5 s).
 */
const until = (predicate: () => unknown, message?: string): Promise<void> =>
  waitUntil(predicate, message, { timeout: 4000 });

/** One raw event as the server writes it on the stream. */
const frame = (id: string, type: string, data: unknown): string =>
  `id: ${id}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`;

/**
 * An event id this session's stream never carries: event ids are the log's, shared by every
 * session, so a change in another session takes the next one.
 */
async function idOfAnotherSession(): Promise<string> {
  await api.live('maison-verte', 'atelier-pain').setModeration('pre');
  return String(await api.store.value<number>('SELECT max(id) FROM events'));
}

/** A question as the public sees it (its stream's form). */
async function publicQuestion(id: string) {
  const page = await api.direct().listQuestions('maison-verte', 'dimanche-live', { limit: 100 });
  const found = page.questions.find((question) => question.id === id);
  if (!found) throw new Error(`no visible question ${id}`);
  return found;
}

/**
 * A clock for the code under test: `Date.now()` and `setInterval` are faked from `now`
 * (timeouts and the rest of `Date` stay real, so waits, the client and the in-page backend go
 * on) until `restore()`. `tick(ms)` moves it on, running the intervals due on the way.
 */
function fakeClock(now = Date.now()) {
  const real = {
    now: Date.now,
    setInterval: window.setInterval,
    clearInterval: window.clearInterval,
  };
  const intervals = new Map<number, { fn: () => void; ms: number; next: number }>();
  let ids = 1_000_000_000; // never a real timer's id
  Date.now = () => now;
  window.setInterval = ((fn: () => void, ms = 0) => {
    intervals.set(++ids, { fn, ms, next: now + ms });
    return ids;
  }) as typeof setInterval;
  window.clearInterval = ((id?: number) => {
    if (id !== undefined) intervals.delete(id);
  }) as typeof clearInterval;
  return {
    tick(ms: number): void {
      const end = now + ms;
      for (;;) {
        const due = [...intervals.values()]
          .filter((t) => t.next <= end)
          .sort((a, b) => a.next - b.next)[0];
        if (!due) break;
        now = due.next;
        due.next += Math.max(1, due.ms);
        due.fn();
      }
      now = end;
    },
    restore(): void {
      Date.now = real.now;
      window.setInterval = real.setInterval;
      window.clearInterval = real.clearInterval;
    },
  };
}

/** Records the elements `animate()` is called on until `restore()`. */
function spyAnimations(): { animated: Element[]; restore: () => void } {
  const animated: Element[] = [];
  const animate = Element.prototype.animate;
  Element.prototype.animate = function (this: Element, ...args: Parameters<typeof animate>) {
    animated.push(this);
    return animate.apply(this, args);
  };
  return { animated, restore: () => (Element.prototype.animate = animate) };
}

function typeQuestion(el: CercleQa, text: string): void {
  const field = q<HTMLTextAreaElement>(el, '#ask')!;
  field.value = text;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

const submitQuestion = (el: CercleQa): void => q<HTMLFormElement>(el, 'form.ask')!.requestSubmit();

describe('<cercle-qa>', () => {
  describe('states', () => {
    it('shows a skeleton while loading, then the session and its questions, top first', async () => {
      const release = api.hold('listQuestions');
      const el = await fixture<CercleQa>(
        html`<cercle-qa community="maison-verte" session="dimanche-live"></cercle-qa>`,
      );
      expect(el.matches(':state(loading)')).to.equal(true);
      expect(q(el, '[part="skeleton"]')).not.to.equal(null);
      expect(shadowText(el)).to.contain('Loading the questions…');
      release();
      await settle(el);
      expect(q(el, '[part="title"]')!.textContent).to.equal('Sunday live with the chef');
      expect(q(el, '[part="badge"]')!.textContent).to.contain('Live');
      expect(el.matches(':state(live)')).to.equal(true);
      expect(shadowText(el)).to.contain('3 questions');
      const texts = items(el).map((li) => li.querySelector('[part="text"]')!.textContent);
      expect(texts).to.deep.equal([
        'Which plant milk works best in a béchamel?',
        'Can we freeze the cashew cream?',
        'What knife do you use for the squash?',
      ]);
      expect(items(el)[1]!.querySelector('[part="author"]')!.textContent).to.equal('Anonymous');
      expect(ids(el)).to.deep.equal([q1, q2, q3]);
      expect(voteButton(el, q1).getAttribute('aria-label')).to.equal(
        'Vote for this question, 12 votes',
      );
      expect(voteButton(el, q1).getAttribute('aria-pressed')).to.equal('false');
    });

    it('shows the empty board, with a call to ask first for members', async () => {
      const visitor = await mount(
        html`<cercle-qa community="maison-verte" session="atelier-pain"></cercle-qa>`,
      );
      expect(visitor.matches(':state(empty)')).to.equal(true);
      expect(q(visitor, '[part="empty"]')!.textContent).to.contain('No questions yet.');
      fixtureCleanup();
      await becomeMember();
      const member = await mount(
        html`<cercle-qa community="maison-verte" session="atelier-pain"></cercle-qa>`,
      );
      expect(q(member, '[part="empty"]')!.textContent).to.contain(
        'No questions yet — ask the first.',
      );
      expect(q(member, 'form.ask')).not.to.equal(null);
    });

    it('counts down every second while scheduled, and stops its timer when removed', async () => {
      api.hold('subscribe'); // no event stream, so no timer of the backend's (its heartbeat)
      const clock = fakeClock();
      const { created, cleared, restore } = spyIntervals();
      try {
        const el = await mount(
          html`<cercle-qa community="maison-verte" session="atelier-pain"></cercle-qa>`,
        );
        expect(el.matches(':state(scheduled)')).to.equal(true);
        expect(q(el, '[part="badge"]')!.textContent).to.contain('Coming up');
        const countdown = () => q(el, '[part="countdown"] time')!.textContent!;
        expect(countdown()).to.match(/^Starts in (1 h 00 min 00 s|59 min \d\d s)$/);
        const before = countdown();
        clock.tick(999);
        await el.updateComplete;
        expect(countdown()).to.equal(before);
        clock.tick(1);
        await el.updateComplete;
        expect(countdown()).not.to.equal(before);
        expect(q(el, 'form.ask, [part="join-call"]')).not.to.equal(null); // asking is open
        expect(created.length).to.be.greaterThan(0);
        el.remove();
        expect(created.every((id) => cleared.includes(id))).to.equal(true);
      } finally {
        restore();
        clock.restore();
      }
    });

    it('is read-only once ended: no form, no vote enabled, the host’s answers shown', async () => {
      await becomeMember();
      const el = await mount(
        html`<cercle-qa community="maison-verte" session="apero-fin"></cercle-qa>`,
      );
      expect(el.matches(':state(ended)')).to.equal(true);
      expect(q(el, 'form.ask')).to.equal(null);
      expect(q(el, '[part="join-call"]')).to.equal(null);
      expect(q(el, '[part="ended"]')!.textContent).to.contain('This session has ended.');
      expect(items(el)).to.have.length(2);
      const disabled = items(el).map(
        (li) => li.querySelector<HTMLButtonElement>('.vote')!.disabled,
      );
      expect(disabled).to.deep.equal([true, true]);
      const answered = items(el)[0]!;
      expect(answered.querySelector('[part="item-badge"]')!.textContent).to.contain('Answered');
      expect(answered.querySelector('[part="answer"]')!.textContent).to.contain(
        'A dry white from the Loire.',
      );
    });

    it('becomes read-only when the host ends the session', async () => {
      await becomeMember();
      const el = await mount();
      await streaming();
      expect(q(el, 'form.ask')).not.to.equal(null);
      await live.setState('ended');
      await settle(el, 'ended');
      expect(q(el, 'form.ask')).to.equal(null);
      expect(voteButton(el, q1).disabled).to.equal(true);
    });

    it('shows the live session for session="next", and names it in its events', async () => {
      await becomeMember('Nadia');
      const el = await mount(html`<cercle-qa community="maison-verte" session="next"></cercle-qa>`);
      expect(q(el, '[part="title"]')!.textContent).to.equal('Sunday live with the chef');
      expect(items(el)).to.have.length(3);
      typeQuestion(el, 'Is the recipe online?');
      const event = await expectEvent('cercle-question', () => submitQuestion(el));
      expect(event.detail.session).to.equal('dimanche-live');
      expect(await live.find('Is the recipe online?')).to.not.equal(undefined);
    });

    it('says when the session does not exist, without a retry', async () => {
      const el = await mount(html`<cercle-qa community="maison-verte" session="nope"></cercle-qa>`);
      expect(el.matches(':state(error)')).to.equal(true);
      expect(q(el, '[part="error"]')!.textContent).to.contain('This live session does not exist.');
      expect(q(el, '#retry')).to.equal(null);
    });

    it('shows an error with a retry that works, and says when to retry if rate limited', async () => {
      api.fail('getSession', networkError());
      const el = await mount();
      expect(el.matches(':state(error)')).to.equal(true);
      expect(q(el, '[part="error"]')!.textContent).to.contain('We could not reach');
      q<HTMLButtonElement>(el, '#retry')!.click();
      await waitUntil(() => items(el).length === 3, 'the board never came');
      await waitUntil(() => deepActiveElement()?.id === 'title', 'focus did not go to the title');
      fixtureCleanup();

      api.fail('listQuestions', httpError(429, 'rate_limited', { retryAfterMs: 11_200 }));
      const limited = await mount();
      expect(q(limited, '[part="error"]')!.textContent).to.contain('Try again in 12 s.');
      expect(q(limited, '#retry')).not.to.equal(null);
    });

    it('says so, in the page and the console, when an attribute or the backend is missing', async () => {
      const before = warnings.length;
      const noSession = await mount(html`<cercle-qa community="maison-verte"></cercle-qa>`);
      expect(shadowText(noSession)).to.contain('This widget needs a session');
      const noCommunity = await mount(html`<cercle-qa session="dimanche-live"></cercle-qa>`);
      expect(shadowText(noCommunity)).to.contain('This widget needs a community');
      expect(api.calls).to.have.length(0);
      const issued = warnings.slice(before);
      expect(issued.find((w) => w.includes('"session" attribute'))).to.contain(
        'docs/widgets/qa.md#attributes',
      );
      fixtureCleanup();
      resetCercleGlobal();
      const noApi = await mount();
      expect(shadowText(noApi)).to.contain('No Cercle API is set for this page.');
      configure({ adapter: api.api });
      await waitUntil(() => items(noApi).length === 3, 'configure() was not followed');
    });
  });

  describe('connection', () => {
    it('says calmly that it is reconnecting, then catches up on what it missed', async () => {
      const el = await mount();
      await streaming();
      live.drop();
      await settle(el, 'reconnecting');
      expect(notice(el)).to.contain('Reconnecting… The board will catch up on its own.');
      expect(q(el, '.notices')!.getAttribute('role')).to.equal('status');
      await live.addQuestions(1, { text: 'Asked while you were away?' });
      await live.otherVotes(q3, 20);
      // The client tried again since, and was refused: the board has not seen any of it.
      const attempts = api.count('subscribe');
      await waitUntil(() => api.count('subscribe') > attempts, 'no reconnection attempt');
      expect(items(el)).to.have.length(3);
      expect(el.matches(':state(reconnecting)')).to.equal(true);
      live.restore();
      await until(() => items(el).length === 4, 'the missed question never came');
      expect(el.matches(':state(reconnecting)')).to.equal(false);
      expect(notice(el)).to.equal('');
      expect(ids(el)[0]).to.equal(q3); // 23 votes now
    });

    it('says when the browser is offline', async () => {
      const el = await mount();
      window.dispatchEvent(new Event('offline'));
      await settle(el, 'offline');
      expect(notice(el)).to.contain('You are offline.');
      window.dispatchEvent(new Event('online'));
      await waitUntil(() => !el.matches(':state(offline)'));
      expect(notice(el)).to.equal('');
    });

    it('offers to reconnect when live updates stopped for good', async () => {
      const el = await mount();
      await streaming();
      live.close();
      await waitUntil(() => q(el, '#reconnect'), 'no reconnect button');
      expect(notice(el)).to.contain('Live updates stopped.');
      live.reopen();
      const subscribes = api.count('subscribe');
      q<HTMLButtonElement>(el, '#reconnect')!.click();
      await waitUntil(() => api.count('subscribe') === subscribes + 1);
      expect(api.callsOf('subscribe').at(-1)!.lastEventId).to.equal(await live.lastEventId());
      await waitUntil(() => notice(el) === '', 'the notice stayed');
    });
  });

  describe('live updates', () => {
    it('subscribes from the page it loaded, shows new questions and announces them in a batch', async () => {
      const el = await mount();
      await streaming();
      expect(api.callsOf('subscribe')[0]!.lastEventId).to.equal(await live.lastEventId());
      await live.addQuestions(3);
      await until(() => items(el).length === 6, 'the new questions never showed');
      await until(() => status(el) === '3 new questions', `announced "${status(el)}"`);
      expect(shadowText(el)).to.contain('6 questions');
    });

    it('ignores duplicate and older events', async () => {
      const el = await mount();
      await streaming();
      const [created] = await live.addQuestions(1, { text: 'Only once?' });
      await until(() => items(el).length === 4);
      const createdId = await live.lastEventId();
      // The same event again: a duplicate.
      const duplicate = frame(createdId, 'question.created', await publicQuestion(created!.id));
      live.inject(duplicate);
      live.inject(duplicate);
      await live.otherVotes(q1, 1); // 13 votes, a newer id
      await until(() => voteButton(el, q1).textContent!.includes('13'));
      // An older id, after it.
      const stale = { ...(await publicQuestion(q1)), votes: 99 };
      live.inject(frame(createdId, 'question.updated', stale));
      // The stream is ordered: once a later real event shows, the injected ones were read.
      await live.otherVotes(q2, 1);
      await until(() => voteButton(el, q2).textContent!.includes('8'), 'the next event never came');
      expect(items(el)).to.have.length(4);
      expect(voteButton(el, q1).textContent).to.contain('13');
    });

    it('shows the host’s answer and pin in place, and removes hidden questions', async () => {
      const el = await mount();
      await streaming();
      await live.update(q3, {
        state: 'answered',
        pinned: true,
        answer: 'A santoku, well sharpened.',
      });
      await until(() => item(el, q3).querySelector('[part="answer"]'));
      const li = item(el, q3);
      expect(li.textContent).to.contain('A santoku, well sharpened.');
      expect(li.textContent).to.contain('Pinned');
      expect(li.textContent).to.contain('Answered');
      await until(() => ids(el)[0] === q3, 'a pinned question goes first');
      await live.update(q2, { state: 'hidden' });
      await until(() => !ids(el).includes(q2), 'the hidden question stayed');
      expect(shadowText(el)).to.contain('2 questions');
    });

    it('reloads and replaces the board on resync', async () => {
      const el = await mount();
      await streaming();
      const lists = api.count('listQuestions');
      // Changes the stream never tells about (the server forgot them), then a resync.
      await live.resync(async () => {
        await live.update(q2, { state: 'hidden' });
        await live.update(q1, { answer: 'Oat milk, unsweetened.' });
      });
      await waitUntil(() => api.count('listQuestions') > lists, 'no reload');
      await until(() => items(el).length === 2, 'the board was not replaced');
      expect(item(el, q1).textContent).to.contain('Oat milk, unsweetened.');
      expect(ids(el)).not.to.include(q2);
    });

    it('keeps the member’s own vote across events, which carry votedByMe false', async () => {
      await becomeMember();
      const el = await mount();
      await streaming();
      voteButton(el, q2).click();
      await waitUntil(() => voteButton(el, q2).getAttribute('aria-pressed') === 'true');
      await waitUntil(() => api.count('vote') === 1);
      await live.otherVotes(q2, 2);
      await until(() => voteButton(el, q2).textContent!.includes('10'));
      expect(voteButton(el, q2).getAttribute('aria-pressed')).to.equal('true');
    });

    it('forgets the member’s votes when they leave', async () => {
      await becomeMember();
      const el = await mount();
      await expectEvent('cercle-vote', () => voteButton(el, q3).click()); // the backend counted it
      expect(api.count('vote')).to.equal(1);
      expect(voteButton(el, q3).getAttribute('aria-pressed')).to.equal('true');
      sessionStore('adapter', 'maison-verte').set(null);
      await waitUntil(() => voteButton(el, q3).getAttribute('aria-pressed') === 'false');
      expect(q(el, '[part="join-call"]')).not.to.equal(null);
    });
  });

  describe('voting', () => {
    it('votes with the keyboard: Enter and Space toggle, aria-pressed and the name follow', async () => {
      await becomeMember();
      const el = await mount();
      const button = voteButton(el, q2);
      // One tab stop per list (roving focus): Tab reaches the first question, ArrowDown the next.
      await tabTo((a) => a === voteButton(el, q1));
      await press('ArrowDown');
      expect(deepActiveElement()).to.equal(button);
      const voted = await expectEvent('cercle-vote', () => press('Enter'));
      expect(voted).to.be.instanceOf(CercleVoteEvent);
      expect(voted.bubbles && voted.composed).to.equal(true);
      expect(voted.detail).to.deep.equal({
        community: 'maison-verte',
        session: 'dimanche-live',
        questionId: q2,
        voted: true,
      });
      expect(button.getAttribute('aria-pressed')).to.equal('true');
      expect(button.getAttribute('aria-label')).to.equal('Vote for this question, 8 votes');
      expect(api.callsOf('vote')[0]!.token).to.be.a('string');
      const unvoted = await expectEvent('cercle-vote', () => press('Space'));
      expect(unvoted.detail.voted).to.equal(false);
      expect(button.getAttribute('aria-pressed')).to.equal('false');
      expect(button.getAttribute('aria-label')).to.equal('Vote for this question, 7 votes');
      expect(api.count('unvote')).to.equal(1);
    });

    it('moves the count at once, and rolls back with a clear message when refused', async () => {
      await becomeMember();
      const el = await mount();
      api.fail('vote', httpError(429, 'rate_limited', { retryAfterMs: 30_000 }));
      const release = api.hold('vote');
      const votes = recordEvents('cercle-vote');
      voteButton(el, q3).click();
      await el.updateComplete;
      expect(voteButton(el, q3).getAttribute('aria-pressed')).to.equal('true');
      expect(voteButton(el, q3).textContent).to.contain('4');
      expect(voteButton(el, q3).getAttribute('aria-disabled')).to.equal('true');
      release();
      await waitUntil(() => item(el, q3).querySelector('[part="item-error"]'), 'no message');
      votes.stop();
      expect(votes.events).to.have.length(0);
      expect(voteButton(el, q3).getAttribute('aria-pressed')).to.equal('false');
      expect(voteButton(el, q3).textContent).to.contain('3');
      const message = 'You are voting very fast. Try again in 30 s.';
      expect(item(el, q3).textContent).to.contain(message);
      expect(status(el)).to.contain(message);
      expect(el.matches(':state(rate-limited)')).to.equal(true);
    });

    it('explains a vote refused because the session ended, and goes read-only', async () => {
      await becomeMember();
      api.hold('subscribe'); // the page does not hear of the end before the vote
      const el = await mount();
      await live.setState('ended');
      expect(el.matches(':state(live)')).to.equal(true);
      voteButton(el, q1).click();
      await waitUntil(() => item(el, q1).querySelector('[part="item-error"]'));
      expect(item(el, q1).textContent).to.contain(
        'This session has ended: questions and votes are closed.',
      );
      await settle(el, 'ended');
      expect(voteButton(el, q1).textContent).to.contain('12');
    });

    it('asks visitors to join instead of voting', async () => {
      const el = await mount();
      voteButton(el, q1).click();
      await waitUntil(() => q(el, 'cercle-join'), 'the join card did not open');
      expect(api.count('vote')).to.equal(0);
      expect(status(el)).to.equal('Join the circle to vote.');
      expect(q(el, '#join-toggle')!.getAttribute('aria-expanded')).to.equal('true');
      await waitUntil(() => deepActiveElement()?.id === 'join-toggle');
    });
  });

  describe('ordering without jumps', () => {
    it('holds new questions and rank changes behind "N new — show" while focus is in the list', async () => {
      await becomeMember();
      const el = await mount();
      await streaming();
      const focused = voteButton(el, q2);
      focused.focus();
      const nodes = items(el);
      const [added] = await live.addQuestions(1, { text: 'A brand new one?' });
      await live.otherVotes(q3, 30); // would go first
      await until(() => voteButton(el, q3).textContent!.includes('33'), 'the votes never came');
      expect(q(el, '#show')!.textContent).to.contain('1 new — show');
      expect(el.matches(':state(pending)')).to.equal(true);
      expect(ids(el)).to.deep.equal([q1, q2, q3]); // nothing moved…
      expect(voteButton(el, q3).textContent).to.contain('33'); // …counts still update
      expect(items(el)).to.deep.equal(nodes);
      expect(deepActiveElement()).to.equal(focused);

      q<HTMLButtonElement>(el, '#show')!.click();
      await waitUntil(() => ids(el).length === 4, 'show did not apply');
      expect(ids(el)).to.deep.equal([q3, q1, q2, added!.id]);
      expect(q(el, '#show')).to.equal(null);
      expect(deepActiveElement()).to.equal(q(el, '.list'));
      // The same DOM nodes, moved: keyed rendering.
      expect(item(el, q2)).to.equal(nodes[1]);
    });

    it('holds new questions at the top of "new" until shown', async () => {
      const el = await mount(
        html`<cercle-qa community="maison-verte" session="dimanche-live" sort="new"></cercle-qa>`,
      );
      await streaming();
      expect(ids(el)).to.deep.equal([q3, q2, q1]);
      item(el, q2).querySelector<HTMLButtonElement>('.report-toggle')!.focus();
      const [, newest] = await live.addQuestions(2);
      await until(() => q(el, '#show')?.textContent!.includes('2 new — show'), 'no "show" button');
      expect(ids(el)).to.deep.equal([q3, q2, q1]);
      q<HTMLButtonElement>(el, '#show')!.click();
      await waitUntil(() => ids(el)[0] === newest!.id);
    });

    it('applies changes at once with a calm animation when the list is untouched', async () => {
      const el = await mount();
      await streaming();
      const spy = spyAnimations();
      try {
        await live.otherVotes(q3, 30);
        await until(() => ids(el)[0] === q3, 'not applied');
        expect(q(el, '#show')).to.equal(null);
        expect(spy.animated).to.include(item(el, q3)); // it glided up
        fixtureCleanup();

        await emulateMedia({ reducedMotion: 'reduce' });
        const calm = await mount();
        await streaming();
        spy.animated.length = 0;
        await live.otherVotes(q2, 40);
        await until(() => ids(calm)[0] === q2, 'not applied');
        expect(spy.animated).to.have.length(0);
      } finally {
        spy.restore();
      }
    });

    it('reorders at most every 0.7 s however fast votes come; counts move at once', async () => {
      const el = await mount();
      await streaming();
      // 0.8 s after the board showed, and time stands still until the clock says.
      const clock = fakeClock(Date.now() + 800);
      try {
        // The first vote's event applies at once (nothing moves); the next ones settle.
        await live.otherVotes(q3, 30);
        await until(() => voteButton(el, q3).textContent!.includes('33'));
        expect(ids(el)[0]).to.equal(q1);
        expect(q(el, '#show')).to.equal(null);
        clock.tick(700);
        await until(() => ids(el)[0] === q3, 'not applied');
        await live.otherVotes(q2, 60);
        await until(() => voteButton(el, q2).textContent!.includes('67'));
        expect(ids(el)[0]).to.equal(q3); // settling…
        expect(q(el, '#show')).to.equal(null); // …without a button: nobody is reading
        clock.tick(700);
        await until(() => ids(el)[0] === q2, 'never settled');
      } finally {
        clock.restore();
      }
    });

    it('keeps focus on the focused question, and moves it to a neighbour when it goes', async () => {
      await becomeMember();
      const el = await mount();
      await streaming();
      const focused = voteButton(el, q2);
      focused.focus();
      await live.otherVotes(q2, 1);
      await until(() => focused.getAttribute('aria-label')!.includes('8 votes'));
      expect(deepActiveElement()).to.equal(focused);
      await live.update(q2, { state: 'hidden' });
      await until(() => !ids(el).includes(q2));
      expect(deepActiveElement()).to.equal(voteButton(el, q3));
    });

    it('switches between top and new with arrow keys (ARIA tabs)', async () => {
      const el = await mount();
      const top = q<HTMLButtonElement>(el, '#tab-top')!;
      expect(q(el, '[role="tablist"]')!.getAttribute('aria-label')).to.equal('Sort the questions');
      expect(top.getAttribute('aria-selected')).to.equal('true');
      expect(q<HTMLButtonElement>(el, '#tab-new')!.tabIndex).to.equal(-1);
      await tabTo((a) => a === top);
      await press('ArrowRight');
      await el.updateComplete;
      expect(el.sort).to.equal('new');
      expect(el.getAttribute('sort')).to.equal('new');
      expect(deepActiveElement()?.id).to.equal('tab-new');
      expect(q(el, '#tab-new')!.getAttribute('aria-selected')).to.equal('true');
      expect(q(el, '[role="tabpanel"]')!.getAttribute('aria-labelledby')).to.equal('tab-new');
      expect(ids(el)).to.deep.equal([q3, q2, q1]);
      await press('Home');
      await el.updateComplete;
      expect(ids(el)).to.deep.equal([q1, q2, q3]);
      expect(deepActiveElement()?.id).to.equal('tab-top');
    });

    it('loads more questions on request and keeps them in place', async () => {
      await live.seedQuestions(120);
      const el = await mount();
      await streaming();
      expect(items(el)).to.have.length(100);
      expect(shadowText(el)).to.contain('123 questions');
      q<HTMLButtonElement>(el, '#more')!.click();
      await waitUntil(() => items(el).length === 123, 'the next page never came');
      expect(q(el, '#more')).to.equal(null);
      const first = await api
        .direct()
        .listQuestions('maison-verte', 'dimanche-live', { sort: 'top', limit: 100 });
      expect(api.callsOf('listQuestions').at(-1)!.query.cursor).to.equal(first.nextCursor);
      expect(status(el)).to.equal('');
      // A page is not news: the next announcement counts only the question asked since.
      await live.addQuestion({ text: 'Asked after the page?', author: 'Hugo' });
      await until(() => status(el) !== '', 'no announcement');
      expect(status(el)).to.equal('1 new question');
    });
  });

  describe('a board not fully loaded', () => {
    it('counts only news: an update to an unloaded question is not a new question', async () => {
      const seeded = await live.seedQuestions(120);
      const [q110, q115] = [seeded[110 - 4]!, seeded[115 - 4]!];
      const el = await mount();
      await streaming();
      expect(items(el)).to.have.length(100);
      expect(ids(el)).not.to.include(q110);
      await live.otherVotes(q110, 40); // on page two: it climbs into view
      await until(() => ids(el)[0] === q110, 'the climber did not show');
      expect(shadowText(el)).to.contain('123 questions');
      await live.update(q115, { state: 'hidden' }); // on page two too
      await until(() => shadowText(el).includes('122 questions'), 'the total did not drop');
      // Told twice (an event of its own), counted once.
      live.inject(frame(await idOfAnotherSession(), 'question.removed', { id: q115 }));
      await live.otherVotes(q1, 1); // a later event: the injected one was read before it
      await until(
        () => voteButton(el, q1).textContent!.includes('13'),
        'the next event never came',
      );
      expect(shadowText(el)).to.contain('122 questions');
    });
  });

  describe('asking', () => {
    it('asks a question: counter, confirmation, the question on the board, cercle-question', async () => {
      await becomeMember('Camille');
      const el = await mount();
      typeQuestion(el, 'Does the tofu need pressing?');
      await el.updateComplete;
      expect(q(el, '[part="counter"]')!.textContent!.trim()).to.equal('28 / 500');
      const event = await expectEvent('cercle-question', () => submitQuestion(el));
      const asked = await live.find('Does the tofu need pressing?');
      expect(event).to.be.instanceOf(CercleQuestionEvent);
      expect(event.bubbles && event.composed).to.equal(true);
      expect(event.detail).to.deep.equal({
        community: 'maison-verte',
        session: 'dimanche-live',
        questionId: asked.id,
        anonymous: false,
      });
      await waitUntil(() => ids(el).includes(asked.id));
      expect(item(el, asked.id).textContent).to.contain('Camille');
      expect(item(el, asked.id).textContent).to.contain('(you)');
      expect(q(el, '[part="form-status"]')!.textContent).to.contain(
        'Your question is on the board.',
      );
      expect(q<HTMLTextAreaElement>(el, '#ask')!.value).to.equal('');
      expect(api.callsOf('ask')[0]!.body).to.deep.equal({
        text: 'Does the tofu need pressing?',
        anonymous: false,
      });
    });

    it('asks anonymously', async () => {
      await becomeMember('Camille');
      const el = await mount();
      typeQuestion(el, 'Is it fine to skip the nutritional yeast?');
      q<HTMLInputElement>(el, '#anonymous')!.click();
      const event = await expectEvent('cercle-question', () => submitQuestion(el));
      expect(event.detail.anonymous).to.equal(true);
      const asked = await live.find('Is it fine to skip the nutritional yeast?');
      expect(event.detail.questionId).to.equal(asked.id);
      await waitUntil(() => ids(el).includes(asked.id));
      expect(item(el, asked.id).querySelector('[part="author"]')!.textContent).to.equal(
        'Anonymous',
      );
    });

    it('refuses an empty question and focuses the field', async () => {
      await becomeMember();
      const el = await mount();
      typeQuestion(el, '   ');
      submitQuestion(el);
      await el.updateComplete;
      expect(api.count('ask')).to.equal(0);
      const field = q<HTMLTextAreaElement>(el, '#ask')!;
      expect(q(el, '#ask-error')!.textContent).to.contain('Write your question first.');
      expect(field.getAttribute('aria-invalid')).to.equal('true');
      expect(field.getAttribute('aria-describedby')).to.contain('ask-error');
      await waitUntil(() => deepActiveElement() === field);
    });

    it('retries with the same idempotency key after a failure', async () => {
      await becomeMember();
      const el = await mount();
      api.fail('ask', networkError());
      typeQuestion(el, 'Oat or soy?');
      submitQuestion(el);
      await waitUntil(() => q(el, '[part="form-error"]'));
      expect(q(el, '[part="form-error"]')!.textContent).to.contain('We could not reach');
      submitQuestion(el);
      await waitUntil(() => items(el).length === 4);
      expect(ids(el)).to.include((await live.find('Oat or soy?')).id);
      const [first, second] = api.callsOf('ask');
      expect(first!.idempotencyKey).to.be.a('string').and.equal(second!.idempotencyKey);
    });

    it('says when the question waits for the host, and shows it once approved', async () => {
      await becomeMember();
      await live.setModeration('pre');
      const el = await mount();
      await streaming();
      typeQuestion(el, 'Can I come with my dog?');
      submitQuestion(el);
      await waitUntil(() => q(el, '[part="form-status"]'));
      expect(q(el, '[part="form-status"]')!.textContent).to.contain(
        'Thanks! Your question will show once the host approves it.',
      );
      expect(items(el)).to.have.length(3);
      const waiting = await live.find('Can I come with my dog?');
      expect(waiting.state).to.equal('pending');
      await live.update(waiting.id, { state: 'open' });
      await until(() => ids(el).includes(waiting.id));
      expect(item(el, waiting.id).textContent).to.contain('(you)');
    });

    it('announces the counter politely only near the limit', async () => {
      await becomeMember();
      const el = await mount();
      typeQuestion(el, 'x'.repeat(300));
      await el.updateComplete;
      expect(status(el)).to.equal('');
      typeQuestion(el, 'x'.repeat(455));
      await el.updateComplete;
      expect(status(el)).to.equal('45 characters left');
      expect(q(el, '[part="counter"]')!.classList.contains('counter-near')).to.equal(true);
      typeQuestion(el, 'x'.repeat(456));
      await el.updateComplete;
      expect(status(el)).to.equal('45 characters left'); // no chatter between steps
      expect(q<HTMLTextAreaElement>(el, '#ask')!.maxLength).to.equal(500);
    });

    it('says when asking is rate limited, with when to retry', async () => {
      await becomeMember();
      const el = await mount();
      api.fail('ask', httpError(429, 'rate_limited', { retryAfterMs: 20_000 }));
      typeQuestion(el, 'Again?');
      submitQuestion(el);
      await waitUntil(() => q(el, '[part="form-error"]'));
      expect(q(el, '[part="form-error"]')!.textContent).to.contain(
        'You are asking very fast. Try again in 20 s.',
      );
      expect(el.matches(':state(rate-limited)')).to.equal(true);
    });
  });

  describe('visitors', () => {
    it('joins in place, then asks at once without a reload', async () => {
      const el = await mount();
      expect(q(el, 'form.ask')).to.equal(null);
      expect(q(el, '[part="join-call"]')!.textContent).to.contain(
        'Asking and voting are for members of the circle.',
      );
      const toggle = q<HTMLButtonElement>(el, '#join-toggle')!;
      expect(toggle.getAttribute('aria-expanded')).to.equal('false');
      toggle.click();
      const join = await waitUntil(() => q<CercleJoin>(el, 'cercle-join')).then(() =>
        q<CercleJoin>(el, 'cercle-join')!,
      );
      expect(join.getAttribute('community')).to.equal('maison-verte');
      expect(join.getAttribute('variant')).to.equal('card');
      await waitUntil(() => join.shadowRoot?.querySelector('#name'), 'no join form');
      const name = join.shadowRoot!.querySelector<HTMLInputElement>('#name')!;
      name.value = 'Zoé';
      join.shadowRoot!.querySelector<HTMLInputElement>('#consent')!.checked = true;
      const joined = await expectEvent('cercle-join', () =>
        join.shadowRoot!.querySelector<HTMLButtonElement>('.submit')!.click(),
      );
      expect(joined.detail.community).to.equal('maison-verte');
      await settle(el, 'member');
      await waitUntil(() => deepActiveElement()?.id === 'ask', 'focus did not go to the field');
      expect(q(el, 'cercle-join')).to.equal(null);
      expect(status(el)).to.contain('You are in: ask and vote away.');
      typeQuestion(el, 'First question as a member?');
      submitQuestion(el);
      await waitUntil(() => items(el).length === 4);
      expect(ids(el)).to.include((await live.find('First question as a member?')).id);
      expect(api.callsOf('ask')[0]!.token).to.equal(
        sessionStore('adapter', 'maison-verte').get()!.token,
      );
      voteButton(el, q1).click();
      await waitUntil(() => api.count('vote') === 1);
    });

    it('closes the join card with Escape and returns focus to its button', async () => {
      const el = await mount();
      q<HTMLButtonElement>(el, '#join-toggle')!.click();
      await waitUntil(() => q(el, 'cercle-join'));
      const join = q<CercleJoin>(el, 'cercle-join')!;
      await waitUntil(() => join.shadowRoot?.querySelector('#name'));
      join.shadowRoot!.querySelector<HTMLInputElement>('#name')!.focus();
      await press('Escape');
      await el.updateComplete;
      expect(q(el, 'cercle-join')).to.equal(null);
      expect(deepActiveElement()?.id).to.equal('join-toggle');
    });
  });

  describe('reporting', () => {
    it('opens a report form, Escape closes it and returns focus', async () => {
      const el = await mount();
      const key = domId(q2);
      const toggle = item(el, q2).querySelector<HTMLButtonElement>('.report-toggle')!;
      // Roving focus: Tab to the list, ArrowDown to the question, ArrowRight to its "Report".
      await tabTo((a) => a === voteButton(el, q1));
      await press('ArrowDown');
      await press('ArrowRight');
      expect(deepActiveElement()).to.equal(toggle);
      await press('Enter');
      await waitUntil(() => deepActiveElement()?.id === `reason-${key}`, 'focus not in the form');
      expect(toggle.getAttribute('aria-expanded')).to.equal('true');
      expect(toggle.getAttribute('aria-controls')).to.equal(`report-${key}`);
      await press('Escape');
      await el.updateComplete;
      expect(q(el, '[part="report-form"]')).to.equal(null);
      expect(deepActiveElement()).to.equal(toggle);
      expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    });

    it('sends a report, thanks the visitor and fires cercle-report', async () => {
      const el = await mount();
      const key = domId(q2);
      item(el, q2).querySelector<HTMLButtonElement>('.report-toggle')!.click();
      await waitUntil(() => q(el, `#reason-${key}`));
      q<HTMLSelectElement>(el, `#reason-${key}`)!.value = 'off_topic';
      q<HTMLTextAreaElement>(el, `#details-${key}`)!.value = '  Not about cooking.  ';
      const event = await expectEvent('cercle-report', () =>
        q<HTMLFormElement>(el, `#report-${key}`)!.requestSubmit(),
      );
      expect(event).to.be.instanceOf(CercleReportEvent);
      expect(event.bubbles && event.composed).to.equal(true);
      expect(event.detail).to.deep.equal({
        community: 'maison-verte',
        targetKind: 'question',
        targetId: q2,
        reason: 'off_topic',
      });
      const { reports } = (await api.host('listReports', {
        params: { community: 'maison-verte' },
      })) as ReportList;
      expect(reports).to.have.length(1);
      expect(reports[0]).to.deep.include({
        target: { kind: 'question', id: q2 },
        reason: 'off_topic',
        details: 'Not about cooking.',
      });
      await el.updateComplete;
      expect(status(el)).to.equal('Thanks, the host will review it.');
      expect(item(el, q2).textContent).to.contain('Thanks, the host will review it.');
      await waitUntil(() => deepActiveElement()?.id === `reported-${key}`);
    });
  });

  describe('a stale member token', () => {
    const stale = () =>
      localStorage.setItem(
        'cercle.v1:adapter:maison-verte',
        JSON.stringify({
          token: 'tok_gone_xxxxxxxxxxxxxxxxxxxxxxxx',
          memberId: 'm_9',
          status: 'active',
        }),
      );

    it('is forgotten, and the board shows as a visitor sees it', async () => {
      stale();
      const el = await mount();
      expect(items(el)).to.have.length(3);
      expect(el.matches(':state(error)')).to.equal(false);
      expect(q(el, '[part="join-call"]')).not.to.equal(null);
      expect(localStorage.getItem('cercle.v1:adapter:maison-verte')).to.equal(null);
      expect(api.callsOf('listQuestions').at(-1)!.token).to.equal(undefined);
    });

    it('does not stop a report: it goes without the token', async () => {
      const el = await mount();
      const release = api.hold('listQuestions'); // the board's own check waits
      stale();
      sessionStore('adapter', 'maison-verte').set({
        token: 'tok_gone_xxxxxxxxxxxxxxxxxxxxxxxx',
        memberId: 'm_9',
        status: 'waitlisted',
      });
      item(el, q1).querySelector<HTMLButtonElement>('.report-toggle')!.click();
      await waitUntil(() => q(el, `#report-${domId(q1)}`));
      await expectEvent('cercle-report', () =>
        q<HTMLFormElement>(el, `#report-${domId(q1)}`)!.requestSubmit(),
      );
      expect(api.callsOf('report').map((c) => c.token)).to.deep.equal([
        'tok_gone_xxxxxxxxxxxxxxxxxxxxxxxx',
        undefined,
      ]);
      // One report, from nobody the backend knows.
      const stored = await api.store.all<{ target_id: string; reporter: string | null }>(
        'SELECT target_id, reporter_member_id AS reporter FROM reports',
      );
      expect(stored).to.deep.equal([{ target_id: q1, reporter: null }]);
      release();
    });
  });

  describe('one subscription per session', () => {
    it('is shared by every widget of the page, and closed when the last one goes', async () => {
      const wrapper = await fixture(
        html`<div>
          <cercle-qa community="maison-verte" session="dimanche-live"></cercle-qa>
          <cercle-qa community="maison-verte" session="dimanche-live" sort="new"></cercle-qa>
        </div>`,
      );
      const [a, b] = [...wrapper.querySelectorAll('cercle-qa')] as [CercleQa, CercleQa];
      await settle(a);
      await settle(b);
      await streaming();
      expect(api.openSubscriptions).to.equal(1);
      expect(api.count('getSession')).to.equal(1);
      await live.addQuestions(1);
      await until(() => items(a).length === 4 && items(b).length === 4);
      a.remove();
      await tick();
      expect(api.openSubscriptions).to.equal(1);
      wrapper.append(a); // moved back: the same board, no reload
      await tick();
      expect(api.count('getSession')).to.equal(1);
      expect(api.count('subscribe')).to.equal(1);
      b.remove();
      a.remove();
      await waitUntil(() => api.openSubscriptions === 0, 'the subscription stayed open');
    });

    it('leaks nothing when mounted and removed 50 times', async function () {
      this.timeout(20000);
      for (let i = 0; i < 50; i++) {
        const el = await mount();
        await waitUntil(() => api.count('subscribe') === i + 1 && live.subscribers === 1);
        el.remove();
        await waitUntil(() => live.subscribers === 0, `subscription ${i + 1} stayed open`);
      }
      expect(api.openSubscriptions).to.equal(0);
      expect(api.count('subscribe')).to.equal(50);
    });
  });

  describe('1,000 questions', () => {
    it('renders them all, and an update re-renders only the changed question', async function () {
      this.timeout(20000);
      const seeded = await live.seedQuestions(997);
      const q500 = seeded[500 - 4]!;
      const el = await mount();
      while (q(el, '#more')) {
        const n = items(el).length;
        q<HTMLButtonElement>(el, '#more')!.click();
        await waitUntil(() => items(el).length > n, 'no next page', { timeout: 3000 });
      }
      expect(items(el)).to.have.length(1000);
      await streaming();
      const before = items(el);
      const changed = new Set<Node>();
      const observer = new MutationObserver((records) => {
        for (const r of records) {
          const li = (r.target instanceof Element ? r.target : r.target.parentElement)?.closest(
            'li',
          );
          changed.add(li ?? r.target);
        }
      });
      observer.observe(q(el, '.list')!, {
        subtree: true,
        childList: true,
        attributes: true,
        characterData: true,
      });
      const start = performance.now();
      await live.update(q500, { answer: 'Answered by the host.' });
      await waitUntil(() => item(el, q500).textContent!.includes('Answered by the host.'), '', {
        interval: 5,
      });
      const elapsed = performance.now() - start;
      observer.disconnect();
      expect([...changed]).to.deep.equal([item(el, q500)]);
      const after = items(el);
      expect(after).to.have.length(1000);
      expect(after.every((li, i) => li === before[i])).to.equal(true);
      expect(elapsed).to.be.below(500);
      expect(getComputedStyle(after[0]!).contentVisibility).to.equal('auto');
    });
  });

  describe('keyboard: one tab stop per list', () => {
    const inList = (el: CercleQa): HTMLElement[] => [
      ...el.shadowRoot!.querySelectorAll<HTMLElement>('.list [data-focus]'),
    ];
    const shiftTab = async (): Promise<void> => {
      await sendKeys({ down: 'Shift' });
      await press('Tab');
      await sendKeys({ up: 'Shift' });
    };
    const reportButton = (el: CercleQa, id: string): HTMLButtonElement =>
      item(el, id).querySelector<HTMLButtonElement>('.report-toggle')!;

    it('Tab lands on one question of the list, and one more Tab leaves it', async () => {
      const el = await mount();
      const after = document.createElement('button');
      after.textContent = 'after';
      el.after(after);
      expect(inList(el).filter((b) => b.tabIndex === 0)).to.deep.equal([voteButton(el, q1)]);
      await tabTo((a) => a === q(el, '#tab-top'));
      await press('Tab');
      expect(deepActiveElement()).to.equal(voteButton(el, q1));
      await press('Tab');
      expect(document.activeElement).to.equal(after);
      after.remove();
    });

    it('moves between questions with the arrows, Home and End, and to Report with ArrowRight', async () => {
      const el = await mount();
      await tabTo((a) => a === voteButton(el, q1));
      await press('ArrowDown');
      expect(deepActiveElement()).to.equal(voteButton(el, q2));
      expect(inList(el).filter((b) => b.tabIndex === 0)).to.deep.equal([voteButton(el, q2)]);
      await press('End');
      expect(deepActiveElement()).to.equal(voteButton(el, q3));
      await press('ArrowDown'); // the last one: stays
      expect(deepActiveElement()).to.equal(voteButton(el, q3));
      await press('Home');
      expect(deepActiveElement()).to.equal(voteButton(el, q1));
      await press('ArrowRight');
      expect(deepActiveElement()).to.equal(reportButton(el, q1));
      await press('ArrowDown'); // the same control of the next question
      expect(deepActiveElement()).to.equal(reportButton(el, q2));
      await press('ArrowLeft');
      expect(deepActiveElement()).to.equal(voteButton(el, q2));
      // Leaving and coming back: Tab returns to the question focused last.
      await shiftTab();
      expect(deepActiveElement()?.id).to.equal('tab-top');
      await press('Tab');
      expect(deepActiveElement()).to.equal(voteButton(el, q2));
    });

    it('keeps its tab stop on the same question through a live re-order', async () => {
      await becomeMember();
      const el = await mount();
      await streaming();
      await tabTo((a) => a === voteButton(el, q1));
      await press('ArrowDown');
      expect(deepActiveElement()).to.equal(voteButton(el, q2));
      await shiftTab(); // out of the list: changes apply at once
      await live.otherVotes(q3, 30);
      await until(() => ids(el)[0] === q3, 'the list never reordered');
      expect(ids(el)).to.deep.equal([q3, q1, q2]);
      await press('Tab');
      expect(deepActiveElement()).to.equal(voteButton(el, q2));
      // While focus is in the list, a re-order waits, and focus stays where it is.
      await live.otherVotes(q2, 30);
      await until(() => voteButton(el, q2).textContent!.includes('37'), 'the votes never came');
      expect(ids(el)).to.deep.equal([q3, q1, q2]);
      expect(deepActiveElement()).to.equal(voteButton(el, q2));
    });
  });

  describe('on a phone, and among the page’s landmarks', () => {
    afterEach(() => setViewport({ width: 800, height: 600 }));

    it('lets the page scroll, not the list, at 390 px; keeps the list box on a wide screen', async () => {
      await live.seedQuestions(30);
      await setViewport({ width: 390, height: 844 });
      const phone = await mount();
      const scroller = q(phone, '.scroller')!;
      expect(getComputedStyle(scroller).overflowY).to.equal('visible');
      expect(scroller.scrollHeight).to.be.at.most(scroller.clientHeight + 1);
      expect(scroller.getBoundingClientRect().height).to.be.above(576);
      expect(document.documentElement.scrollWidth).to.be.at.most(390);
      fixtureCleanup();

      await setViewport({ width: 1000, height: 800 });
      const desktop = await mount();
      const box = q(desktop, '.scroller')!;
      expect(getComputedStyle(box).overflowY).to.equal('auto');
      expect(box.getBoundingClientRect().height).to.be.at.most(576 + 1);
      expect(box.scrollHeight).to.be.above(box.clientHeight);
    });

    it('adds no banner landmark to the page (axe)', async function () {
      this.timeout(10000);
      const page = await fixture(
        html`<div>
          <header><p>The brand’s own header</p></header>
          <main>
            <cercle-qa community="maison-verte" session="dimanche-live"></cercle-qa>
          </main>
        </div>`,
      );
      const el = page.querySelector('cercle-qa') as CercleQa;
      await settle(el);
      expect(el.shadowRoot!.querySelector('header')).to.equal(null);
      expect(q(el, '[part="header"]')!.tagName).to.equal('DIV');
      await expect(page).to.be.accessible();
      const { axe } = window as unknown as {
        axe: {
          run: (context: Element, options: object) => Promise<{ violations: { id: string }[] }>;
        };
      };
      const result = await axe.run(page, {
        runOnly: ['landmark-no-duplicate-banner', 'landmark-banner-is-top-level'],
      });
      expect(result.violations.map((v) => v.id)).to.deep.equal([]);
    });
  });

  describe('accessibility and theme', () => {
    for (const theme of ['light', 'dark'] as const) {
      it(`passes axe in the list, empty and error states (${theme})`, async function () {
        this.timeout(20000);
        await becomeMember();
        const list = await mount(
          html`<cercle-qa
            community="maison-verte"
            session="dimanche-live"
            theme=${theme}
          ></cercle-qa>`,
        );
        await live.update(q1, { state: 'answered', pinned: true, answer: 'Oat milk.' });
        await until(() => item(list, q1).querySelector('[part="answer"]'));
        voteButton(list, q2).click();
        await waitUntil(() => api.count('vote') === 1);
        await expect(list).to.be.accessible();
        item(list, q3).querySelector<HTMLButtonElement>('.report-toggle')!.click();
        await waitUntil(() => q(list, '[part="report-form"]'));
        await expect(list).to.be.accessible();
        fixtureCleanup();

        const empty = await mount(
          html`<cercle-qa
            community="maison-verte"
            session="atelier-pain"
            theme=${theme}
          ></cercle-qa>`,
        );
        await expect(empty).to.be.accessible();
        fixtureCleanup();

        sessionStore('adapter', 'maison-verte').set(null);
        const visitor = await mount(
          html`<cercle-qa community="maison-verte" session="apero-fin" theme=${theme}></cercle-qa>`,
        );
        await expect(visitor).to.be.accessible();
        fixtureCleanup();

        api.fail('getSession', networkError());
        const error = await mount(
          html`<cercle-qa
            community="maison-verte"
            session="dimanche-live"
            theme=${theme}
          ></cercle-qa>`,
        );
        await expect(error).to.be.accessible();
      });
    }

    it('has no keyboard trap: Tab goes through the widget and out', async () => {
      const before = document.createElement('button');
      before.textContent = 'before';
      const after = document.createElement('button');
      after.textContent = 'after';
      const el = await mount();
      el.before(before);
      el.after(after);
      before.focus();
      for (let i = 0; i < 40 && document.activeElement !== after; i++) await press('Tab');
      expect(document.activeElement).to.equal(after);
      before.remove();
      after.remove();
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
              --cercle-qa-accent: rgb(200, 60, 0);
            }
          </style>
          <cercle-qa community="maison-verte" session="dimanche-live"></cercle-qa>
          <cercle-qa class="special" community="maison-verte" session="dimanche-live"></cercle-qa>
        </div>`,
      );
      const [a, b] = [...wrapper.querySelectorAll('cercle-qa')] as [CercleQa, CercleQa];
      await settle(a);
      await settle(b);
      const bg = (el: CercleQa) =>
        getComputedStyle(q(el, '[part~="submit-button"]')!).backgroundColor;
      expect(bg(a)).to.equal('rgb(120, 40, 160)');
      expect(bg(b)).to.equal('rgb(200, 60, 0)');
    });

    it('defines every private custom property it uses, and uses every one it defines', () => {
      expect(customPropertyGaps([tokens, widgetStyles, reportStyles, styles], 'qa')).to.deep.equal({
        notDefined: [],
        notUsed: [],
      });
    });

    it('speaks French, with French plurals and numbers', async () => {
      await becomeMember();
      await live.seedVotes(q1, 1200);
      const el = await mount(
        html`<cercle-qa community="maison-verte" session="dimanche-live" locale="fr"></cercle-qa>`,
      );
      await el.updateComplete;
      const text = shadowText(el);
      expect(text).to.contain('Questions en direct');
      expect(text).to.contain('En direct');
      expect(text).to.contain('3 questions');
      expect(text).to.contain('Poser anonymement');
      expect(q(el, '#tab-top')!.textContent).to.contain('Populaires');
      expect(voteButton(el, q1).getAttribute('aria-label')).to.equal(
        'Voter pour cette question, 1\u202f212 votes',
      );
      expect(items(el)[1]!.querySelector('[part="author"]')!.textContent).to.equal('Anonyme');
      expect(q(el, '[part="base"]')!.getAttribute('lang')).to.equal('fr');
    });
  });

  describe('development', () => {
    it('renders under a strict CSP: no style attributes anywhere in the shadow root', async () => {
      await becomeMember();
      const el = await mount();
      await streaming();
      await live.otherVotes(q3, 30);
      await until(() => ids(el)[0] === q3);
      item(el, q1).querySelector<HTMLButtonElement>('.report-toggle')!.click();
      await el.updateComplete;
      expect(el.shadowRoot!.querySelectorAll('[style]')).to.have.length(0);
      expect(el.shadowRoot!.querySelectorAll('style')).to.have.length(0);
    });

    it('fires no event on programmatic changes or stream updates', async () => {
      const events = ['cercle-vote', 'cercle-question', 'cercle-report'] as const;
      const recorders = events.map((e) => recordEvents(e));
      const el = await mount();
      await streaming();
      el.sort = 'new';
      await live.addQuestions(1);
      await live.otherVotes(q1, 2);
      await until(() => items(el).length === 4 && voteButton(el, q1).textContent!.includes('14'));
      recorders.forEach((r) => r.stop());
      expect(recorders.flatMap((r) => r.events)).to.have.length(0);
    });

    it('has issued no Lit dev-mode warnings', () => {
      const lit = litWarnings(warnings);
      expect(lit).to.deep.equal([]);
    });
  });
});
