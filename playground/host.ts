/**
 * The host console (a demo page, plain TypeScript and DOM): the host enters the host key
 * (kept in sessionStorage only), picks a session, and sees every question live through the
 * client's `subscribe` with the host key (pending and hidden ones too). From here: approve,
 * answer in writing, pin, hide, start and end the session, switch the moderation mode, and
 * decide reports with a statement of reasons. Two more tabs: testimonials to moderate
 * (`host-testimonials.ts`) and the offers' funnels (`host-offers.ts`).
 *
 * Every text from the API goes into the page through `textContent`; question items are
 * keyed by id and updated in place, so a live update never steals focus or a half-typed
 * answer.
 */
import {
  CercleError,
  createClient,
  type LiveSession,
  type Question,
  type Report,
  type ReportReason,
  type SessionEvent,
  type StreamState,
  type Subscription,
} from '@cercle/client';
import { demoOffers, demoSessions } from '@cercle/client/demo';
import { connectApi } from './api.js';
import { offersTab } from './host-offers.js';
import { testimonialsTab } from './host-testimonials.js';
import { $, act, announce, clearError, dateTime, explain, h, showError } from './host-ui.js';

const KEY_STORAGE = 'cercle-host-key';
const SESSION_STORAGE = 'cercle-host-session';
const params = new URLSearchParams(location.search);
const COMMUNITY = params.get('community') ?? 'maison-verte';

const STATE_LABEL: Record<LiveSession['state'], string> = {
  scheduled: 'Programmée',
  live: 'En direct',
  ended: 'Terminée',
};
const QUESTION_STATE: Record<Question['state'], string> = {
  pending: 'En attente',
  open: 'Ouverte',
  answered: 'Répondue',
  hidden: 'Masquée',
};
const REASON_LABEL: Record<ReportReason, string> = {
  spam: 'Spam',
  harassment: 'Harcèlement',
  hate: 'Haine',
  misinformation: 'Désinformation',
  illegal: 'Contenu illicite',
  off_topic: 'Hors sujet',
  other: 'Autre',
};
const REPORT_STATE: Record<Report['state'], string> = {
  open: 'À décider',
  dismissed: 'Rejeté',
  actioned: 'Contenu retiré',
};

const time = new Intl.DateTimeFormat('fr-FR', { timeStyle: 'short' });
const votesLabel = (n: number) => (n <= 1 ? `${n} vote` : `${n} votes`);
const shorten = (text: string, max = 90) =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;

// --- The page's parts --------------------------------------------------------------------

const form = $<HTMLFormElement>('connect');
const keyInput = $<HTMLInputElement>('host-key');
const sessionInput = $<HTMLInputElement>('session-id');
const forgetButton = $<HTMLButtonElement>('forget');
const workspace = $('workspace');

const sections = {
  pending: { list: $('pending-list'), count: $('pending-count'), empty: $('pending-empty') },
  board: { list: $('board-list'), count: $('board-count'), empty: $('board-empty') },
  hidden: { list: $('hidden-list'), count: $('hidden-count'), empty: $('hidden-empty') },
};

for (const s of demoSessions.filter((d) => d.community === COMMUNITY)) {
  $('session-options').append(h('option', { value: s.id }, s.title));
}

// --- State ---------------------------------------------------------------------------------

let client = createClient({ baseUrl: 'http://127.0.0.1:8787' });
let hostKey = '';
let sessionId = '';
let session: LiveSession | undefined;
let subscription: Subscription | undefined;
const questions = new Map<string, Question>();

interface Item {
  li: HTMLLIElement;
  votes: HTMLElement;
  text: HTMLElement;
  meta: HTMLElement;
  badges: HTMLElement;
  answer: HTMLElement;
  approve: HTMLButtonElement;
  pin: HTMLButtonElement;
  hide: HTMLButtonElement;
  answerBox: HTMLDetailsElement;
  answerSummary: HTMLElement;
  answerField: HTMLTextAreaElement;
  removeAnswer: HTMLButtonElement;
}
const items = new Map<string, Item>();

const host = (body: Record<string, unknown>, question: string) =>
  client.request('updateQuestion', {
    params: { community: COMMUNITY, session: sessionId, question },
    body,
    hostKey,
  });

// --- Questions -----------------------------------------------------------------------------

function createItem(id: string): Item {
  const textId = `q-${id}-text`;
  const fieldId = `q-${id}-answer`;
  const votes = h('span', { class: 'votes' });
  const text = h('p', { class: 'q-text', id: textId });
  const meta = h('p', { class: 'q-meta' });
  const badges = h('span', { class: 'badges' });
  const answer = h('blockquote', { class: 'q-answer' });
  const approve = h('button', { type: 'button', class: 'primary', 'aria-describedby': textId });
  approve.textContent = 'Approuver';
  const pin = h('button', { type: 'button', 'aria-describedby': textId });
  pin.textContent = 'Épingler';
  const hide = h('button', { type: 'button', 'aria-describedby': textId });
  const answerField = h('textarea', { id: fieldId, rows: '3', maxlength: '2000', required: true });
  const removeAnswer = h('button', { type: 'button', 'aria-describedby': textId });
  removeAnswer.textContent = 'Retirer la réponse';
  const answerSummary = h('summary');
  const answerForm = h(
    'form',
    { class: 'answer-form' },
    h('label', { for: fieldId }, 'Réponse écrite (visible par tous sur le tableau)'),
    answerField,
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'primary', 'aria-describedby': textId }, 'Publier'),
      removeAnswer,
    ),
  );
  const answerBox = h('details', { class: 'answer-box' }, answerSummary, answerForm);
  const li = h(
    'li',
    { class: 'question', 'data-id': id },
    h('div', { class: 'q-main' }, votes, h('div', { class: 'q-body' }, text, meta, answer)),
    h('div', { class: 'q-actions' }, approve, pin, hide),
    answerBox,
  );
  const item: Item = {
    li,
    votes,
    text,
    meta,
    badges,
    answer,
    approve,
    pin,
    hide,
    answerBox,
    answerSummary,
    answerField,
    removeAnswer,
  };

  approve.addEventListener('click', () =>
    act(approve, 'Approbation impossible', async () => {
      apply((await host({ state: 'open' }, id)).data);
      announce('Question approuvée : elle est sur le tableau.');
    }),
  );
  pin.addEventListener('click', () =>
    act(pin, 'Épinglage impossible', async () => {
      const pinned = !questions.get(id)?.pinned;
      apply((await host({ pinned }, id)).data);
      announce(pinned ? 'Question épinglée en tête du tableau.' : 'Question désépinglée.');
    }),
  );
  hide.addEventListener('click', () =>
    act(hide, 'Action impossible', async () => {
      const q = questions.get(id);
      const hiding = q?.state !== 'hidden';
      const state = hiding ? 'hidden' : q?.answer ? 'answered' : 'open';
      apply((await host({ state }, id)).data);
      announce(hiding ? 'Question masquée.' : 'Question remise sur le tableau.');
    }),
  );
  answerForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = answerField.value.trim();
    if (!text) {
      answerField.setAttribute('aria-invalid', 'true');
      showError('La réponse est vide : écrivez-la avant de la publier.');
      answerField.focus();
      return;
    }
    void act(answerForm, 'Réponse impossible', async () => {
      apply((await host({ answer: text }, id)).data);
      answerField.removeAttribute('aria-invalid');
      answerField.dataset.dirty = '';
      answerBox.open = false;
      answerSummary.focus();
      announce('Réponse publiée.');
    });
  });
  answerField.addEventListener('input', () => (answerField.dataset.dirty = '1'));
  removeAnswer.addEventListener('click', () =>
    act(removeAnswer, 'Action impossible', async () => {
      apply((await host({ answer: null }, id)).data);
      answerField.value = '';
      answerField.dataset.dirty = '';
      announce('Réponse retirée.');
    }),
  );
  items.set(id, item);
  return item;
}

function updateItem(item: Item, q: Question): void {
  item.votes.textContent = String(q.votes);
  item.votes.setAttribute('aria-label', votesLabel(q.votes));
  item.votes.title = votesLabel(q.votes);
  item.text.textContent = q.text;
  const badges = [QUESTION_STATE[q.state], ...(q.pinned ? ['Épinglée'] : [])].map((b) =>
    h('span', { class: 'badge' }, b),
  );
  item.badges.replaceChildren(...badges);
  item.meta.replaceChildren(
    q.author ?? 'Anonyme',
    ' · ',
    h('time', { datetime: q.createdAt }, time.format(new Date(q.createdAt))),
    ' · ',
    votesLabel(q.votes),
    ' ',
    item.badges,
  );
  item.answer.hidden = q.answer === null;
  item.answer.replaceChildren(...(q.answer ? [h('strong', {}, 'Réponse : '), q.answer.text] : []));
  item.approve.hidden = q.state !== 'pending';
  item.pin.hidden = q.state === 'hidden' || q.state === 'pending';
  item.pin.setAttribute('aria-pressed', String(q.pinned));
  item.hide.textContent = q.state === 'hidden' ? 'Remettre sur le tableau' : 'Masquer';
  item.answerBox.hidden = q.state === 'hidden';
  item.answerSummary.textContent = q.answer ? 'Modifier la réponse écrite' : 'Répondre par écrit';
  item.removeAnswer.hidden = q.answer === null;
  // Never overwrite what the host is typing.
  if (!item.answerField.dataset.dirty && document.activeElement !== item.answerField) {
    item.answerField.value = q.answer?.text ?? '';
  }
  item.li.classList.toggle('pinned', q.pinned);
  item.li.classList.toggle('answered', q.state === 'answered');
}

const sectionOf = (q: Question): keyof typeof sections =>
  q.state === 'pending' ? 'pending' : q.state === 'hidden' ? 'hidden' : 'board';

const ORDER: Record<keyof typeof sections, (a: Question, b: Question) => number> = {
  pending: (a, b) => a.createdAt.localeCompare(b.createdAt),
  board: (a, b) =>
    Number(b.pinned) - Number(a.pinned) ||
    b.votes - a.votes ||
    a.createdAt.localeCompare(b.createdAt),
  hidden: (a, b) => b.createdAt.localeCompare(a.createdAt),
};

/** Puts every item in its section, in order, moving only what is out of place. */
function layout(): void {
  const focused = document.activeElement;
  for (const [name, section] of Object.entries(sections) as [
    keyof typeof sections,
    (typeof sections)['board'],
  ][]) {
    const wanted = [...questions.values()]
      .filter((q) => sectionOf(q) === name)
      .sort(ORDER[name])
      .map((q) => items.get(q.id)!.li);
    wanted.forEach((li, i) => {
      if (section.list.children[i] !== li)
        section.list.insertBefore(li, section.list.children[i] ?? null);
    });
    while (section.list.children.length > wanted.length) section.list.lastElementChild!.remove();
    section.count.textContent = String(wanted.length);
    section.empty.hidden = wanted.length > 0;
  }
  // A moved item loses focus in some browsers: give it back.
  if (focused instanceof HTMLElement && focused !== document.activeElement && focused.isConnected) {
    focused.focus({ preventScroll: true });
  }
}

function apply(q: Question): void {
  questions.set(q.id, q);
  updateItem(items.get(q.id) ?? createItem(q.id), q);
  layout();
}

function remove(id: string): void {
  questions.delete(id);
  items.get(id)?.li.remove();
  items.delete(id);
  layout();
}

function replaceAll(list: readonly Question[]): void {
  const keep = new Set(list.map((q) => q.id));
  for (const id of [...questions.keys()]) if (!keep.has(id)) remove(id);
  for (const q of list) {
    questions.set(q.id, q);
    updateItem(items.get(q.id) ?? createItem(q.id), q);
  }
  layout();
}

// --- Session -----------------------------------------------------------------------------

const startButton = $<HTMLButtonElement>('start');
const endButton = $<HTMLButtonElement>('end');
const endConfirm = $('end-confirm');
const moderationInputs = [
  ...document.querySelectorAll<HTMLInputElement>('input[name="moderation"]'),
];

function renderSession(s: LiveSession): void {
  session = s;
  $('session-title').textContent = s.title;
  const state = $('session-state');
  state.textContent = STATE_LABEL[s.state];
  state.dataset.state = s.state;
  const when = $('session-when');
  const at = s.state === 'ended' && s.endedAt ? s.endedAt : s.startsAt;
  $('session-when-label').textContent = s.state === 'ended' ? 'Fin' : 'Début';
  when.setAttribute('datetime', at);
  when.textContent = dateTime.format(new Date(at));
  startButton.hidden = s.state !== 'scheduled';
  endButton.hidden = s.state === 'ended' || !endConfirm.hidden;
  if (s.state === 'ended') endConfirm.hidden = true;
  for (const input of moderationInputs) input.checked = input.value === s.moderation;
}

startButton.addEventListener('click', () =>
  act(startButton, 'Démarrage impossible', async () => {
    renderSession(await updateSession({ state: 'live' }));
    announce('La session est en direct.');
    endButton.focus();
  }),
);
endButton.addEventListener('click', () => {
  endButton.hidden = true;
  endConfirm.hidden = false;
  $('end-yes').focus();
});
$('end-no').addEventListener('click', () => {
  endConfirm.hidden = true;
  endButton.hidden = false;
  endButton.focus();
});
$('end-yes').addEventListener('click', () =>
  act($('end-yes'), 'Fin de session impossible', async () => {
    endConfirm.hidden = true;
    renderSession(await updateSession({ state: 'ended' }));
    announce('La session est terminée : le tableau est en lecture seule.');
    $('session-title').setAttribute('tabindex', '-1');
    $('session-title').focus();
  }),
);
for (const input of moderationInputs) {
  input.addEventListener('change', () =>
    act(input, 'Changement de modération impossible', async () => {
      const moderation = input.value === 'pre' ? 'pre' : 'post';
      renderSession(await updateSession({ moderation }));
      announce(
        moderation === 'pre'
          ? 'Modération a priori : les nouvelles questions attendent votre accord.'
          : 'Modération a posteriori : les nouvelles questions paraissent tout de suite.',
      );
    }).finally(() => session && renderSession(session)),
  );
}

async function updateSession(body: {
  state?: LiveSession['state'];
  moderation?: LiveSession['moderation'];
}): Promise<LiveSession> {
  const { data } = await client.request('updateSession', {
    params: { community: COMMUNITY, session: sessionId },
    body,
    hostKey,
  });
  return data;
}

// --- Reports -----------------------------------------------------------------------------

const reportItems = new Map<string, { li: HTMLLIElement; state: Report['state'] }>();

function reportItem(r: Report): HTMLLIElement {
  const statementId = `r-${r.id}-statement`;
  const li = h(
    'li',
    { class: 'report', 'data-id': r.id },
    h(
      'p',
      { class: 'report-head' },
      h('strong', {}, REASON_LABEL[r.reason]),
      ' · ',
      h('time', { datetime: r.createdAt }, dateTime.format(new Date(r.createdAt))),
      ' ',
      h('span', { class: 'badge', 'data-state': r.state }, REPORT_STATE[r.state]),
    ),
    h('blockquote', {}, r.targetText ?? '(le contenu signalé n’existe plus)'),
  );
  if (r.details) li.append(h('p', { class: 'report-details' }, `Précisions : ${r.details}`));
  if (r.decision) {
    li.append(
      h(
        'p',
        { class: 'decision' },
        h('strong', {}, r.decision.action === 'remove' ? 'Retiré' : 'Maintenu'),
        ` le ${dateTime.format(new Date(r.decision.decidedAt))} — motifs : `,
        r.decision.statement,
      ),
    );
    return li;
  }
  const statement = h('textarea', {
    id: statementId,
    rows: '2',
    maxlength: '2000',
    required: true,
  });
  const decide = h(
    'form',
    { class: 'decide' },
    h('label', { for: statementId }, 'Exposé des motifs (obligatoire)'),
    statement,
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'danger', value: 'remove' }, 'Retirer le contenu'),
      h('button', { type: 'submit', value: 'dismiss' }, 'Maintenir (rejeter le signalement)'),
    ),
  );
  decide.addEventListener('submit', (event) => {
    event.preventDefault();
    const action =
      (event.submitter as HTMLButtonElement | null)?.value === 'remove' ? 'remove' : 'dismiss';
    const text = statement.value.trim();
    if (!text) {
      statement.setAttribute('aria-invalid', 'true');
      showError('Une décision doit être motivée : écrivez l’exposé des motifs.');
      statement.focus();
      return;
    }
    void act(decide, 'Décision impossible', async () => {
      const { data } = await client.request('decideReport', {
        params: { community: COMMUNITY, report: r.id },
        body: { action, statement: text },
        hostKey,
      });
      const next = reportItem(data);
      li.replaceWith(next);
      reportItems.set(r.id, { li: next, state: data.state });
      next.setAttribute('tabindex', '-1');
      next.focus();
      announce(
        action === 'remove'
          ? 'Contenu retiré, décision motivée enregistrée.'
          : 'Signalement rejeté, décision motivée enregistrée.',
      );
      updateReportCount();
    });
  });
  li.append(decide);
  return li;
}

function updateReportCount(): void {
  const open = [...reportItems.values()].filter((r) => r.state === 'open').length;
  $('reports-count').textContent = String(open);
  $('reports-empty').hidden = reportItems.size > 0;
}

async function loadReports(): Promise<void> {
  const { data } = await client.request('listReports', {
    params: { community: COMMUNITY },
    hostKey,
  });
  const list = $('report-list');
  const seen = new Set<string>();
  data.reports.forEach((r, i) => {
    seen.add(r.id);
    let known = reportItems.get(r.id);
    if (!known || known.state !== r.state) {
      const li = reportItem(r);
      if (known) known.li.replaceWith(li);
      known = { li, state: r.state };
      reportItems.set(r.id, known);
    }
    if (list.children[i] !== known.li) list.insertBefore(known.li, list.children[i] ?? null);
  });
  for (const [id, r] of reportItems) {
    if (!seen.has(id)) {
      r.li.remove();
      reportItems.delete(id);
    }
  }
  updateReportCount();
}

$('reports-refresh').addEventListener('click', () =>
  act($('reports-refresh'), 'Chargement des signalements impossible', async () => {
    await loadReports();
    announce('Signalements à jour.');
  }),
);

// --- The live stream -----------------------------------------------------------------------

const STREAM_LABEL: Record<StreamState, string> = {
  connecting: 'connexion…',
  open: 'en direct',
  reconnecting: 'reconnexion…',
  closed: 'fermé',
};

function onState(state: StreamState, info?: { retryInMs?: number }): void {
  const el = $('stream-state');
  el.dataset.state = state;
  el.textContent =
    state === 'reconnecting' && info?.retryInMs !== undefined
      ? `reconnexion dans ${Math.max(1, Math.round(info.retryInMs / 1000))} s…`
      : STREAM_LABEL[state];
}

async function reload(): Promise<void> {
  const [s, list] = await Promise.all([
    client.getSession(COMMUNITY, sessionId),
    client.request('hostQuestions', {
      params: { community: COMMUNITY, session: sessionId },
      hostKey,
    }),
  ]);
  renderSession(s);
  replaceAll(list.data.questions);
}

function onEvent(event: SessionEvent): void {
  switch (event.type) {
    case 'question.created':
      apply(event.question);
      announce(
        event.question.state === 'pending'
          ? `Nouvelle question à approuver : ${shorten(event.question.text)}`
          : `Nouvelle question : ${shorten(event.question.text)}`,
      );
      break;
    case 'question.updated':
      apply(event.question);
      break;
    case 'question.removed':
      remove(event.questionId);
      break;
    case 'session.updated':
      renderSession(event.session);
      break;
    case 'resync':
      // Too long away: the stream says to start again from a fresh list.
      reload().catch((error: unknown) => showError(explain(error, 'Rechargement impossible')));
      break;
  }
}

let reportTimer: ReturnType<typeof setInterval> | undefined;

async function connect(key: string, id: string): Promise<void> {
  subscription?.close();
  subscription = undefined;
  clearInterval(reportTimer);
  hostKey = key;
  sessionId = id;
  clearError();
  const [s, list] = await Promise.all([
    client.getSession(COMMUNITY, id),
    client.request('hostQuestions', { params: { community: COMMUNITY, session: id }, hostKey }),
  ]);
  sessionStorage.setItem(KEY_STORAGE, key);
  sessionStorage.setItem(SESSION_STORAGE, id);
  forgetButton.hidden = false;
  workspace.hidden = false;
  renderSession(s);
  replaceAll(list.data.questions);
  subscription = client.subscribe(COMMUNITY, id, {
    hostKey,
    lastEventId: list.data.lastEventId,
    onEvent,
    onState,
  });
  await loadReports();
  void testimonials.loadPendingCount();
  if (currentTab !== 'tab-qa') void openTab(currentTab);
  // Reports have no stream: look again every 15 s.
  reportTimer = setInterval(() => void loadReports().catch(() => {}), 15_000);
  announce(`Connecté à « ${s.title} ».`);
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const key = keyInput.value.trim();
  const id = sessionInput.value.trim();
  if (!key || !id) {
    showError(!key ? 'Entrez la clé d’hôte.' : 'Choisissez une session.');
    (key ? sessionInput : keyInput).focus();
    return;
  }
  void act($('connect-button'), 'Connexion impossible', async () => {
    try {
      await connect(key, id);
    } catch (error) {
      if (error instanceof CercleError && error.code === 'not_found') {
        throw new Error(`pas de session « ${id} » dans ${COMMUNITY}`);
      }
      throw error;
    }
  });
});

forgetButton.addEventListener('click', () => {
  subscription?.close();
  subscription = undefined;
  clearInterval(reportTimer);
  sessionStorage.removeItem(KEY_STORAGE);
  keyInput.value = '';
  hostKey = '';
  workspace.hidden = true;
  forgetButton.hidden = true;
  keyInput.focus();
  announce('Clé oubliée : la console est déconnectée.');
});

// --- Testimonials and offers, in their tabs --------------------------------------------------

const testimonials = testimonialsTab({
  community: COMMUNITY,
  client: () => client,
  hostKey: () => hostKey,
});
const offers = offersTab({
  community: COMMUNITY,
  offers: demoOffers.filter((o) => o.community === COMMUNITY).map((o) => o.id),
  client: () => client,
  hostKey: () => hostKey,
});

$('offers-refresh').addEventListener('click', () =>
  act($('offers-refresh'), 'Chargement des offres impossible', async () => {
    await offers.load();
    announce('Offres à jour.');
  }),
);

// --- Tabs (WAI-ARIA tabs: arrows, Home and End move between them) ---------------------------

type TabId = 'tab-qa' | 'tab-testimonials' | 'tab-offers';
const TAB_HASH: Record<TabId, string> = {
  'tab-qa': '#questions',
  'tab-testimonials': '#temoignages',
  'tab-offers': '#offres',
};
const tabs = [...document.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
let currentTab: TabId =
  (Object.keys(TAB_HASH) as TabId[]).find((id) => TAB_HASH[id] === location.hash) ?? 'tab-qa';

function selectTab(id: TabId): void {
  currentTab = id;
  for (const tab of tabs) {
    const selected = tab.id === id;
    tab.setAttribute('aria-selected', String(selected));
    tab.tabIndex = selected ? 0 : -1;
    $(tab.getAttribute('aria-controls')!).hidden = !selected;
  }
  history.replaceState(null, '', TAB_HASH[id]);
}

/** Shows a tab and loads what it shows (the Q&A tab is live already). */
async function openTab(id: TabId): Promise<void> {
  selectTab(id);
  if (id === 'tab-testimonials') {
    await act($(id), 'Chargement des témoignages impossible', testimonials.load);
  } else if (id === 'tab-offers') {
    await act($(id), 'Chargement des offres impossible', offers.load);
  }
}

for (const [index, tab] of tabs.entries()) {
  tab.addEventListener('click', () => void openTab(tab.id as TabId));
  tab.addEventListener('keydown', (event) => {
    const to =
      event.key === 'ArrowRight'
        ? (index + 1) % tabs.length
        : event.key === 'ArrowLeft'
          ? (index - 1 + tabs.length) % tabs.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? tabs.length - 1
              : undefined;
    if (to === undefined) return;
    event.preventDefault();
    tabs[to]!.focus();
    void openTab(tabs[to]!.id as TabId);
  });
}
selectTab(currentTab);

// --- Start -------------------------------------------------------------------------------

const connected = await connectApi();
client = createClient({ baseUrl: connected.api });
$('api-info').textContent = connected.label;
if (connected.mockHostKey) {
  $('host-key-hint').append(
    ' Sous npm run dev:mock, la clé est « ',
    h('code', {}, connected.mockHostKey),
    ' ».',
  );
} else {
  $('host-key-hint').append(' Avec npm start, la clé est affichée dans le terminal.');
}
const savedKey = sessionStorage.getItem(KEY_STORAGE) ?? connected.mockHostKey;
sessionInput.value =
  params.get('session') ?? sessionStorage.getItem(SESSION_STORAGE) ?? 'dimanche-live';
if (savedKey) {
  keyInput.value = savedKey;
  if (sessionStorage.getItem(KEY_STORAGE)) form.requestSubmit();
}
