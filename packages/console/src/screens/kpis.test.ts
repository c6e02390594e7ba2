import '../test/setup.js';
import { expect, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { CercleConsole } from '../app.js';
import { rangeOf, type ConsoleKpisScreen } from './kpis.js';
import {
  $,
  $$,
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

async function openKpis(el: CercleConsole): Promise<ConsoleKpisScreen> {
  const screen = (await go(el, '#/kpis')) as ConsoleKpisScreen;
  await waitUntil(() => screen._data !== undefined && !screen._loading, 'the KPIs never loaded');
  await screen.updateComplete;
  return screen;
}

const tile = (screen: Element, key: string) => $(screen, `[data-tile="${key}"]`);

describe('<cercle-console-kpis>', () => {
  it('renders the dashboard for the demo owner, with tiles, plots and explanations', async () => {
    const el = await mountConsole(backend, { key: OWNER_KEY });
    const screen = await openKpis(el);
    expect(deepText($(screen, 'h1'))).to.equal('KPIs');
    const keys = $$(screen, '#tiles > li').map((li) => li.dataset['tile']);
    for (const key of [
      'members',
      'active28',
      'activation',
      'stickiness',
      'churn',
      'approval',
      'reveals',
      'redemptions',
    ]) {
      expect(keys).to.include(key);
    }
    expect(keys.some((k) => k?.startsWith('revenue'))).to.equal(true);
    expect(deepText(tile(screen, 'activation'))).to.contain('Active members (28 days) ÷ members');
    // The range asked for is the one shown: the 28 days ending today.
    const call = backend.calls.find((c) => c.path.includes('/host/kpis'))!;
    expect(call.path).to.match(/from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}/);
    expect(screen.shadowRoot!.querySelectorAll('svg[role="img"][aria-label]')).to.have.length(2);
    expect(screen.shadowRoot!.querySelector('#plot-retention table')).not.to.equal(null);
    // No inline style anywhere (strict CSP).
    expect(screen.shadowRoot!.querySelectorAll('[style]')).to.have.length(0);
    await expect(screen).to.be.accessible();
  });

  it('shows small counts as "< 5" with a visible k-anonymity hint, and null as "—"', async () => {
    const el = await mountConsole(backend, { key: OWNER_KEY });
    const screen = await openKpis(el);
    // The demo has few joins a day: most daily joins are suppressed.
    expect(screen._data!.series.some((d) => 'suppressed' in d.joins)).to.equal(true);
    expect(deepText($(screen, '#plot-members tbody'))).to.contain('< 5');
    expect(deepText($(screen, '#privacy'))).to.contain('“< 5”');
    expect(deepText($(screen, '#privacy'))).to.contain('k-anonymity');

    // A range before the community existed: no member (0 is suppressed), no ratio at all.
    const { from, to } = rangeOf(28, Date.now() - 400 * 86_400_000);
    typeInto($<HTMLInputElement>(screen, '#f-from'), from);
    typeInto($<HTMLInputElement>(screen, '#f-to'), to);
    $<HTMLButtonElement>(screen, '#range button[type=submit]').click();
    await waitUntil(() => screen._data?.from === from && !screen._loading, 'no old range');
    await screen.updateComplete;
    const members = tile(screen, 'members');
    expect(deepText(members.querySelector('.value')!)).to.equal('< 5');
    expect(deepText(members)).to.contain('Fewer than 5 members behind this figure');
    expect(deepText(members)).to.contain('k-anonymity');
    expect(screen._data!.activation).to.equal(null);
    const activation = tile(screen, 'activation');
    expect(deepText(activation.querySelector('.value')!)).to.equal('—');
    expect(deepText(activation)).to.contain('Not enough history yet.');
    await expect(screen).to.be.accessible();
  });

  it('opens the table alternative of a plot with the same numbers', async () => {
    const el = await mountConsole(backend, { key: OWNER_KEY });
    const screen = await openKpis(el);
    const details = $<HTMLDetailsElement>(screen, '#plot-members details');
    expect(details.open).to.equal(false);
    details.querySelector<HTMLElement>('summary')!.click();
    await waitUntil(() => details.open, 'the table never opened');
    const rows = [...details.querySelectorAll('tbody tr')];
    expect(rows).to.have.length(screen._data!.series.length);
    expect(rows.length).to.equal(28);
    const text = rows.map((r) => r.textContent ?? '').join(' ');
    expect(text).to.contain('< 5');
    const svg = $(screen, '#plot-members svg');
    expect(svg.getAttribute('aria-label')).to.contain('Members per day');
    await expect(screen).to.be.accessible();
  });

  it('changes the range with a preset', async () => {
    const el = await mountConsole(backend, { key: OWNER_KEY });
    const screen = await openKpis(el);
    $<HTMLButtonElement>(screen, '[data-days="7"]').click();
    await waitUntil(() => screen._data?.series.length === 7 && !screen._loading, 'no 7 days');
    await screen.updateComplete;
    expect($<HTMLInputElement>(screen, '#f-from').value).to.equal(screen._data!.from);
  });

  it('shows the server’s field error for a range that starts after it ends, keeping the inputs', async () => {
    const el = await mountConsole(backend, { key: OWNER_KEY });
    const screen = await openKpis(el);
    const from = $<HTMLInputElement>(screen, '#f-from');
    const to = $<HTMLInputElement>(screen, '#f-to');
    typeInto(from, '2026-05-01');
    typeInto(to, '2026-04-01');
    $<HTMLButtonElement>(screen, '#range button[type=submit]').click();
    await waitUntil(() => screen._fields['from'], 'no field error');
    await screen.updateComplete;
    expect(deepText($(screen, '#e-from'))).to.equal('must be on or before to');
    expect(from.getAttribute('aria-invalid')).to.equal('true');
    expect(from.getAttribute('aria-describedby')).to.equal('e-from');
    expect(deepText($(screen, '#range-error'))).to.contain('The range starts after it ends.');
    expect($<HTMLInputElement>(screen, '#f-from').value).to.equal('2026-05-01');
    expect($<HTMLInputElement>(screen, '#f-to').value).to.equal('2026-04-01');
    await expect(screen).to.be.accessible();
  });

  it('says when the figures cannot be loaded, and retries', async () => {
    let fail = false;
    const flaky: typeof fetch = (input, init) =>
      fail && new Request(input, init).url.includes('/host/kpis')
        ? Promise.reject(new TypeError('offline'))
        : backend.fetch(input, init);
    const el = await mountConsole({ ...backend, fetch: flaky }, { key: OWNER_KEY });
    const screen = await openKpis(el);
    fail = true;
    $<HTMLButtonElement>(screen, '[data-days="90"]').click();
    await waitUntil(() => screen._error, 'no error');
    await screen.updateComplete;
    expect(deepText($(screen, '#failed'))).to.contain('The figures could not be loaded.');
    expect(deepText($(screen, '#failed'))).to.contain('could not be reached');
    fail = false;
    $<HTMLButtonElement>(screen, '#retry').click();
    await waitUntil(() => !screen._error && screen._data?.series.length === 90, 'no retry');
  });

  it('is open to an analyst, without the coming-soon badge', async () => {
    const key = await hostKey(backend, 'analyst');
    const el = await mountConsole(backend, { key });
    expect(deepText($(el, 'nav'))).not.to.contain('coming soon');
    const screen = await openKpis(el);
    expect($$(screen, '#tiles > li').length).to.be.at.least(9);
    await expect(screen).to.be.accessible();
  });

  it('renders in French', async () => {
    const el = await mountConsole(backend, { key: OWNER_KEY, locale: 'fr' });
    const screen = await openKpis(el);
    const text = deepText(screen);
    expect(text).to.contain('Indicateurs');
    expect(text).to.contain('Taux d’activation');
    expect(text).to.contain('k-anonymat');
    expect(text).to.contain('Afficher en tableau');
  });

  it('reflows to a 390 px phone and stays accessible', async () => {
    await setViewport({ width: 390, height: 844 });
    try {
      const el = await mountConsole(backend, { key: OWNER_KEY });
      const screen = await openKpis(el);
      const svg = $(screen, '#plot-active svg');
      expect(svg.getBoundingClientRect().width).to.be.at.most(390);
      expect(screen.scrollWidth).to.be.at.most(screen.clientWidth + 1);
      await expect(screen).to.be.accessible();
    } finally {
      await setViewport({ width: 1280, height: 800 });
    }
  });
});
