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
import './reports.js';
import type { ConsoleReports } from './reports.js';

async function mount(session: Session): Promise<ConsoleReports> {
  const el = await fixture<ConsoleReports>(
    html`<cercle-console-reports .session=${session}></cercle-console-reports>`,
  );
  await waitUntil(() => el._status === 'ready', 'never loaded');
  await el.updateComplete;
  return el;
}

const reports = (el: Element) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('article')];

describe('cercle-console-reports', () => {
  let backend: TestBackend;
  let owner: Session;
  let question: { id: string; text: string };

  before(async function () {
    this.timeout(60_000);
    await warmUp();
  });

  beforeEach(async () => {
    backend = await freshBackend();
    owner = await backend.owner();
    const { data } = await owner.api.request('hostQuestions', {
      params: { community: COMMUNITY, session: 'dimanche-live' },
    });
    question = data.questions.find((q) => q.text.includes('cappuccino'))!;
    const token = await backend.member('Reporter');
    await backend.client.report(
      COMMUNITY,
      {
        target: { kind: 'question', id: question.id },
        reason: 'off_topic',
        details: 'Rien à voir.',
      },
      { token },
    );
    await backend.client.report(COMMUNITY, {
      target: { kind: 'question', id: data.questions[0]!.id },
      reason: 'spam',
    });
  });

  afterEach(() => setViewport({ width: 1280, height: 800 }));

  it('lists the open reports with the reported text, reason and details; accessible', async () => {
    const el = await mount(owner);
    expect(reports(el)).to.have.length(2);
    const first = reports(el)[0]!;
    expect(first.querySelector('h3')!.textContent).to.contain('Off topic');
    expect(first.querySelector('blockquote')!.textContent).to.equal(question.text);
    expect(first.textContent).to.contain('Rien à voir.');
    await expect(el).to.be.accessible();
  });

  it('dismissing requires a statement of reasons', async () => {
    const el = await mount(owner);
    const first = reports(el)[0]!;
    buttonIn(first, 'Dismiss the report')!.click();
    await el.updateComplete;
    const field = first.querySelector('textarea')!;
    expect(field.getAttribute('aria-invalid')).to.equal('true');
    expect(field.getAttribute('aria-describedby')).to.contain('-error');
    expect(first.querySelector('.error')!.textContent).to.contain('statement of reasons');
    expect(el.shadowRoot!.activeElement?.id).to.equal(field.id);
    const { data } = await owner.api.request('listReports', { params: { community: COMMUNITY } });
    expect(data.reports.every((r) => r.state === 'open')).to.equal(true);
    await expect(el).to.be.accessible();

    setValue(field, 'La question porte bien sur le live.');
    const toasts = recordToasts();
    buttonIn(first, 'Dismiss the report')!.click();
    await waitUntil(() => $(el, '#open-heading')!.textContent!.includes('(1)'), 'not decided');
    toasts.stop();
    expect(toasts.messages[0]).to.contain('Report dismissed');
    const after = await owner.api.request('listReports', { params: { community: COMMUNITY } });
    const decided = after.data.reports.find((r) => r.state === 'dismissed')!;
    expect(decided.decision!.statement).to.equal('La question porte bien sur le live.');
    // The decided one is folded below, with its reasons.
    const folded = el.shadowRoot!.querySelector('details')!;
    expect(folded.textContent).to.contain('Kept (report dismissed)');
    expect(folded.textContent).to.contain('La question porte bien sur le live.');
  });

  it('removing hides the reported question', async () => {
    const el = await mount(owner);
    const first = reports(el)[0]!;
    setValue(first.querySelector('textarea')!, 'Hors sujet, retiré.');
    buttonIn(first, 'Remove the content')!.click();
    await waitUntil(() => $(el, '#open-heading')!.textContent!.includes('(1)'), 'not decided');
    const { data } = await owner.api.request('hostQuestions', {
      params: { community: COMMUNITY, session: 'dimanche-live' },
    });
    expect(data.questions.find((q) => q.id === question.id)!.state).to.equal('hidden');
  });

  it('an analyst may not decide', async () => {
    const el = await fixture<ConsoleReports>(
      html`<cercle-console-reports
        .session=${await backend.host('analyst')}
      ></cercle-console-reports>`,
    );
    expect($(el, '.note')!.textContent).to.contain('moderate');
    expect(el.shadowRoot!.querySelector('textarea')).to.equal(null);
  });

  it('in French on a 390 px phone', async () => {
    await setViewport({ width: 390, height: 844 });
    const el = await mount({ ...owner, locale: 'fr' });
    expect($(el, 'h1')!.textContent).to.equal('Signalements');
    expect(buttonIn(reports(el)[0], 'Rejeter le signalement')).to.not.equal(undefined);
    expect(el.scrollWidth).to.be.at.most(390);
    await expect(el).to.be.accessible();
  });
});
