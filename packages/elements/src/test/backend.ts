/**
 * The backend of widget tests: the mock (`@cercle/mock`), that is the reference server's own
 * app and rules over an in-memory SQLite, seeded with the fixtures below. Widgets reach it
 * through the real HTTP client (`createClient`) whose `fetch` goes to the app in this page,
 * so every answer is the server's. On top of it, only what no backend would do on its own:
 * a failure (`fail`: an HTTP error, a network error, a timeout), a held answer (`hold`), a
 * dropped or refused event stream (`live(…).drop()`), a raw frame (`live(…).inject()`). Every
 * call is logged by operation (`count`, `callsOf`).
 *
 * The fixtures are built once per page and each test starts from a copy of them.
 */
import { demoOwnerKey } from '@cercle/client/demo';
import {
  createClient,
  routes,
  type CercleClient,
  type ClientOptions,
  type JsonRouteName,
  type OwnTestimonial,
  type Question,
  type QuestionUpdate,
  type RouteName,
  type SessionState,
} from '@cercle/client';
import { createMockBackend, type MockBackend } from '@cercle/mock';
import {
  InProcessBroker,
  NO_RATE_LIMITS,
  openMemoryStore,
  recountCommunity,
  seedCommunity,
  seedSession,
  seedTestimonials,
  type CommunitySeed,
  type MemoryStore,
  type TestimonialSeed,
} from '@cercle/server/app';

/** The test API's base URL (never on the network: the client's fetch answers it). */
export const API = 'https://api.cercle.test';
/** The operator key of the test backend (creates communities; no host key). */
export const OPERATOR_KEY = 'test-operator-key-0123456789';
/** The key of the owner of `maison-verte` (each fixture community has an owner: `demoOwnerKey(slug)`). */
export const HOST_KEY = demoOwnerKey('maison-verte');
export const CONSENT = '2026-11-01';

// Failures ----------------------------------------------------------------------------------

export type Failure =
  | { kind: 'http'; status: number; code: string; details?: unknown; retryAfterMs?: number }
  | { kind: 'network' }
  | { kind: 'timeout' };

/** The next call answers `status` with the contract's error body (and Retry-After when given). */
export const httpError = (
  status: number,
  code: string,
  init: { details?: unknown; retryAfterMs?: number } = {},
): Failure => ({ kind: 'http', status, code, ...init });

/** The next call fails as a dropped connection does (`fetch` rejects). */
export const networkError = (): Failure => ({ kind: 'network' });

/** The next call never answers: the client's per-attempt timeout ends it. */
export const timeoutError = (): Failure => ({ kind: 'timeout' });

/** Operations are the route names; `subscribe` is a session's public or host event stream. */
export type Operation = Exclude<RouteName, 'sessionEvents' | 'hostSessionEvents'> | 'subscribe';

export interface Call {
  op: Operation;
  method: string;
  community?: string;
  session?: string;
  question?: string;
  /** The testimonial, offer or report of the path. */
  target?: string;
  /** The JSON body, parsed. */
  body?: unknown;
  query: Record<string, string>;
  token?: string;
  idempotencyKey?: string;
  lastEventId?: string;
}

const matchers = (Object.keys(routes) as RouteName[]).map((name) => ({
  name,
  method: routes[name].method,
  pattern: new RegExp(`^${routes[name].path.replace(/\{(\w+)\}/g, '(?<$1>[^/]+)')}$`),
}));

function describe(request: Request, body: unknown): Call | undefined {
  const url = new URL(request.url);
  const path = url.pathname;
  const match = matchers.find((m) => m.method === request.method && m.pattern.test(path));
  if (!match) return undefined;
  const params = match.pattern.exec(path)?.groups ?? {};
  const token = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
  const op: Operation =
    match.name === 'sessionEvents' || match.name === 'hostSessionEvents' ? 'subscribe' : match.name;
  const call: Call = { op, method: request.method, query: Object.fromEntries(url.searchParams) };
  const decoded = (v: string | undefined) => (v === undefined ? undefined : decodeURIComponent(v));
  const set = <K extends keyof Call>(key: K, value: Call[K] | undefined) => {
    if (value !== undefined) call[key] = value;
  };
  set('community', decoded(params['community']));
  set('session', decoded(params['session']));
  set('question', decoded(params['question']));
  set('target', decoded(params['testimonial'] ?? params['offer'] ?? params['report']));
  set('body', body);
  set('token', token);
  set('idempotencyKey', request.headers.get('idempotency-key') ?? undefined);
  set('lastEventId', request.headers.get('last-event-id') ?? undefined);
  return call;
}

function failureResponse(failure: Failure, signal: AbortSignal): Promise<Response> {
  if (failure.kind === 'network') return Promise.reject(new TypeError('Failed to fetch'));
  if (failure.kind === 'timeout') {
    return new Promise((_, reject) =>
      signal.addEventListener('abort', () => reject(signal.reason), { once: true }),
    );
  }
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (failure.retryAfterMs !== undefined) {
    headers['retry-after'] = String(Math.ceil(failure.retryAfterMs / 1000));
  }
  const error = {
    code: failure.code,
    message: `${failure.status} ${failure.code}`,
    ...(failure.details === undefined ? {} : { details: failure.details }),
  };
  return Promise.resolve(Response.json({ error }, { status: failure.status, headers }));
}

// Fixtures ----------------------------------------------------------------------------------

const MINUTE = 60_000;
/** When the fixtures' live session started. */
export const T0 = Date.parse('2026-11-29T10:00:00.000Z');

/** Named members of `maison-verte` the fixtures create (their tokens are known). */
const PEOPLE = [
  'Léa',
  'Hugo',
  'Nina',
  'Malik',
  'Inès',
  'Sacha',
  'Zoé',
  'Ana',
  'Léo',
  'Lou',
  'Jules',
  'Yanis',
];

interface Fixtures {
  image: Uint8Array;
  /** Tokens of the named members, by name. */
  tokens: Map<string, string>;
  /** Tokens of the members who voted, by question id. */
  voters: Map<string, string[]>;
}

let fixtures: Promise<Fixtures> | undefined;

const invites = {
  'maison-verte': [
    { kind: 'discord', label: 'Discord Maison Verte', url: 'https://discord.gg/maison-verte-demo' },
    { kind: 'telegram', label: 'Groupe Telegram', url: 'https://t.me/maison_verte_demo' },
  ],
  'le-fournil': [
    { kind: 'web', label: 'Forum du Fournil', url: 'https://le-fournil.example/forum' },
  ],
} as const;

/**
 * `maison-verte` (open, 120 of 300, two invites), `le-fournil` (full at 40, waitlist),
 * `la-ferme` (full at 25, closed). Sessions of `maison-verte`: `dimanche-live` (live, three
 * questions with 12, 7 and 3 votes), `atelier-pain` (scheduled in one hour, no question),
 * `apero-fin` (ended, two questions, one answered). Offers: `bienvenue-10` (unique, 10
 * codes) and `livraison-offerte` (shared), both `publicite`. No testimonial.
 */
async function buildFixtures(): Promise<Fixtures> {
  const store = await openMemoryStore();
  const common = { privacyPolicyUrl: '', consentVersion: CONSENT, disclosure: 'none' as const };
  const policy = (slug: string) => `https://${slug}.example/confidentialite`;
  await seedCommunity(
    store,
    {
      ...common,
      slug: 'maison-verte',
      name: 'Maison Verte',
      tagline: 'Le cercle des cuisiniers végétaux — recettes, lives avec la cheffe, entraide.',
      capacity: 300,
      privacyPolicyUrl: policy('maison-verte'),
      invites: invites['maison-verte'],
      seedMembers: 120 - PEOPLE.length,
    },
    { ownerKey: demoOwnerKey },
  );
  await seedCommunity(
    store,
    {
      ...common,
      slug: 'le-fournil',
      name: 'Le Fournil',
      tagline: 'Levain, farines anciennes et fournées du dimanche.',
      capacity: 40,
      privacyPolicyUrl: policy('le-fournil'),
      invites: invites['le-fournil'],
      seedMembers: 40,
    },
    { ownerKey: demoOwnerKey },
  );
  await seedCommunity(
    store,
    {
      ...common,
      slug: 'la-ferme',
      name: 'La Ferme',
      capacity: 25,
      whenFull: 'closed',
      privacyPolicyUrl: policy('la-ferme'),
      seedMembers: 25,
    },
    { ownerKey: demoOwnerKey },
  );
  const t = new TestBackend(store, new Map(), new Map());
  for (const name of PEOPLE) await t.member('maison-verte', name);
  for (const [id, title, state, startsAt] of [
    ['dimanche-live', 'Sunday live with the chef', 'live', T0],
    ['atelier-pain', 'Bread workshop', 'scheduled', Date.now() + 60 * MINUTE],
    ['apero-fin', 'Plant-based aperitifs', 'live', T0 - 7 * 24 * 60 * MINUTE],
  ] as const) {
    await seedSession(store, {
      community: 'maison-verte',
      id,
      title,
      state,
      startsAt: new Date(startsAt),
    });
  }
  const live = t.live('maison-verte', 'dimanche-live');
  await live.addQuestion({
    text: 'Which plant milk works best in a béchamel?',
    author: 'Léa',
    votes: 12,
  });
  await live.addQuestion({
    text: 'Can we freeze the cashew cream?',
    author: 'Nina',
    anonymous: true,
    votes: 7,
  });
  await live.addQuestion({
    text: 'What knife do you use for the squash?',
    author: 'Hugo',
    votes: 3,
  });
  const ended = t.live('maison-verte', 'apero-fin');
  const wine = await ended.addQuestion({
    text: 'Which wine goes with the chickpea fritters?',
    author: 'Nina',
    votes: 4,
  });
  await ended.update(wine.id, { answer: 'A dry white from the Loire.' });
  await ended.addQuestion({ text: 'Is aquafaba hard to whip?', author: 'Malik', anonymous: true });
  await ended.setState('ended');
  await t.offers.add('maison-verte', 'bienvenue-10', {
    kind: 'unique',
    title: 'Bienvenue dans le cercle',
    benefit: '-10 % sur votre première commande',
    conditions: 'Un code par membre, valable une fois, dès 30 € d’achat.',
    codes: 10,
  });
  await t.offers.add('maison-verte', 'livraison-offerte', {
    kind: 'shared',
    title: 'Livraison offerte',
    benefit: 'Livraison offerte',
    conditions: 'Sur tout le site, pour les membres.',
  });
  return { image: await store.snapshot(), tokens: t.tokens, voters: t.voters };
}

/** A backend with the fixtures, for one test. */
export async function freshBackend(): Promise<TestBackend> {
  const { image, tokens, voters } = await (fixtures ??= buildFixtures());
  const copy = new Map([...voters].map(([id, list]) => [id, [...list]]));
  return new TestBackend(await openMemoryStore({ image }), new Map(tokens), copy);
}

// The backend -------------------------------------------------------------------------------

/** An open event stream, as the harness sees it. */
interface Stream {
  key: string;
  /** Ends the stream as a dropped connection would. */
  drop(): void;
  /** Sends raw text (a frame) to the client, as if the server had. */
  inject(text: string): void;
}

export class TestBackend {
  readonly store: MemoryStore;
  readonly broker = new InProcessBroker();
  readonly mock: MockBackend;
  /** Every call the widgets' client made, in order. */
  readonly calls: Call[] = [];
  /** The client the widgets use (`configure({ adapter })`): no retries, short timeouts. */
  readonly api: CercleClient;
  /** Tokens of members known to the test, by name. */
  readonly tokens: Map<string, string>;
  /** Tokens of the members who voted (through `otherVotes`), by question id. */
  readonly voters: Map<string, string[]>;
  readonly wall: WallControl;
  readonly offers: OfferControl;
  readonly #failures = new Map<Operation, Failure[]>();
  readonly #holds = new Map<Operation, { gate: Promise<void>; after: boolean }>();
  readonly #streams = new Set<Stream>();
  readonly #delivered = new Map<string, number>();
  readonly #decoder = new TextDecoder();
  /** Per session key: refuse connections (`down`), answer 404 (`closed`). */
  readonly #streamRules = new Map<string, { down?: boolean; closed?: boolean }>();
  #clock: (() => number) | undefined;

  constructor(
    store: MemoryStore,
    tokens: Map<string, string>,
    voters: Map<string, string[]>,
    client: Partial<ClientOptions> = {},
  ) {
    this.store = store;
    this.tokens = tokens;
    this.voters = voters;
    this.mock = createMockBackend({
      baseUrl: API,
      store,
      hostKey: OPERATOR_KEY,
      app: {
        broker: this.broker,
        rateLimits: NO_RATE_LIMITS,
        now: () => new Date(this.#clock?.() ?? Date.now()),
      },
    });
    this.api = createClient({
      baseUrl: API,
      fetch: (input, init) => this.#fetch(new Request(input, init)),
      retries: 0,
      timeoutMs: 1000,
      stream: { retryDelayMs: 20, maxRetryDelayMs: 100 },
      ...client,
    });
    this.wall = new WallControl(this);
    this.offers = new OfferControl(this);
  }

  /** The backend's clock from now on (default: the real one). */
  setClock(now: () => number): void {
    this.#clock = now;
  }

  /** A host call straight to the backend (not logged, never failed); its checked body. */
  async host(
    name: JsonRouteName,
    options: { params?: Record<string, string>; body?: unknown; query?: Record<string, string> },
  ): Promise<unknown> {
    const request = this.direct().request as (
      name: JsonRouteName,
      options: object,
    ) => Promise<{ data: unknown }>;
    const community = options.params?.['community'] ?? 'maison-verte';
    return (await request(name, { ...options, hostKey: demoOwnerKey(community) })).data;
  }

  /** A client for a member or a host, straight to the backend (not logged, never failed). */
  direct(): CercleClient {
    return createClient({
      baseUrl: API,
      fetch: (i, n) => this.mock.fetch(new Request(i, n)),
      retries: 0,
    });
  }

  /** Joins `community` as `name` (straight to the backend); the token, also kept in `tokens`. */
  async member(community: string, name: string): Promise<string> {
    const known =
      this.tokens.get(`${community}/${name}`) ??
      (community === 'maison-verte' ? this.tokens.get(name) : undefined);
    if (known) return known;
    const { token } = await this.direct().join(community, {
      displayName: name,
      consent: { version: CONSENT, accepted: true },
    });
    this.tokens.set(community === 'maison-verte' ? name : `${community}/${name}`, token);
    return token;
  }

  /**
   * Creates a community beside the fixtures (straight in the store), with `seedMembers`
   * members nobody knows the token of. Its consent version is `CONSENT` and its privacy
   * policy `https://<slug>.example/confidentialite` unless `seed` says otherwise.
   */
  async community(seed: CommunitySeed): Promise<void> {
    await seedCommunity(
      this.store,
      {
        privacyPolicyUrl: `https://${seed.slug}.example/confidentialite`,
        consentVersion: CONSENT,
        ...seed,
      },
      { ownerKey: demoOwnerKey },
    );
  }

  /** Makes the next `times` calls of `op` fail as `failure` says. */
  fail(op: Operation, failure: Failure, times = 1): this {
    const queue = this.#failures.get(op) ?? [];
    for (let i = 0; i < times; i++) queue.push(failure);
    this.#failures.set(op, queue);
    return this;
  }

  /**
   * Holds every call of `op` until the returned function is called: before it reaches the
   * backend, or with `after`, once the backend has answered (the change is made, its events
   * are out, the answer is slow to come back).
   */
  hold(op: Operation, { after = false } = {}): () => void {
    let release!: () => void;
    this.#holds.set(op, { gate: new Promise<void>((r) => (release = r)), after });
    return () => {
      this.#holds.delete(op);
      release();
    };
  }

  count(op: Operation): number {
    return this.callsOf(op).length;
  }

  callsOf(op: Operation): Call[] {
    return this.calls.filter((c) => c.op === op);
  }

  /** The controls of one session's stream and data. */
  live(community: string, session: string): LiveControl {
    return new LiveControl(this, community, session);
  }

  /** Event streams open on the backend, every session together (leak checks). */
  get openSubscriptions(): number {
    return this.broker.subscriberCount();
  }

  streamRules(key: string) {
    let rules = this.#streamRules.get(key);
    if (!rules) this.#streamRules.set(key, (rules = {}));
    return rules;
  }

  /** Events (SSE frames with an id) passed to the client on the session's streams so far. */
  delivered(key: string): number {
    return this.#delivered.get(key) ?? 0;
  }

  streamsOf(key: string): Stream[] {
    return [...this.#streams].filter((s) => s.key === key);
  }

  async #fetch(request: Request): Promise<Response> {
    let body: unknown;
    if (request.headers.get('content-type')?.startsWith('application/json')) {
      body = JSON.parse(await request.clone().text());
    }
    const call = describe(request, body);
    if (!call) return this.mock.fetch(request);
    this.calls.push(call);
    const held = this.#holds.get(call.op);
    if (held && !held.after) await held.gate;
    const failure = this.#failures.get(call.op)?.shift();
    if (failure) return failureResponse(failure, request.signal);
    if (call.op === 'subscribe') return this.#stream(request, `${call.community}/${call.session}`);
    const response = await this.mock.fetch(request);
    if (held?.after) await held.gate;
    return response;
  }

  /** An event stream through the harness: it can be dropped, refused, or sent raw frames. */
  async #stream(request: Request, key: string): Promise<Response> {
    const rules = this.streamRules(key);
    if (rules.down) throw new TypeError('Failed to fetch');
    if (rules.closed) return failureResponse(httpError(404, 'not_found'), request.signal);
    const response = await this.mock.fetch(request);
    if (!response.ok || !response.body) return response;
    const upstream = response.body.getReader();
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    const encoder = new TextEncoder();
    const stream: Stream = {
      key,
      drop: () => {
        this.#streams.delete(stream);
        controller.error(new TypeError('network error'));
        void upstream.cancel();
      },
      inject: (text) => controller.enqueue(encoder.encode(text)),
    };
    this.#streams.add(stream);
    const body = new ReadableStream<Uint8Array>({
      start: (c) => {
        controller = c;
      },
      pull: async (c) => {
        const { done, value } = await upstream.read();
        if (done) {
          this.#streams.delete(stream);
          c.close();
          return;
        }
        const frames = this.#decoder.decode(value).match(/^id: /gm)?.length ?? 0;
        this.#delivered.set(key, this.delivered(key) + frames);
        c.enqueue(value);
      },
      cancel: (reason) => {
        this.#streams.delete(stream);
        return upstream.cancel(reason);
      },
    });
    return new Response(body, { status: response.status, headers: response.headers });
  }
}

// Live sessions -----------------------------------------------------------------------------

/** An id shaped like the server's (`q_…`): a prefix and 12 random bytes in base64url. */
const randomId = (prefix: string): string => {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  const base64 = btoa(String.fromCharCode(...bytes));
  return `${prefix}_${base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
};

export interface QuestionSeed {
  text: string;
  /** The asker's name (a member joined for it when new); default `Member N`. */
  author?: string;
  anonymous?: boolean;
  /** Votes from other members. */
  votes?: number;
  state?: 'open' | 'answered' | 'hidden';
  pinned?: boolean;
  answer?: string;
}

/** What a host, other members and the network do to one session, for real. */
export class LiveControl {
  readonly key: string;

  constructor(
    readonly t: TestBackend,
    readonly community: string,
    readonly session: string,
  ) {
    this.key = `${community}/${session}`;
  }

  /** Events passed to the client on this session's streams so far. */
  get delivered(): number {
    return this.t.delivered(this.key);
  }

  /** Event streams of this session open on the backend. */
  get subscribers(): number {
    return this.t.broker.subscriberCount(this.key);
  }

  /** Every question (as the host sees them: pending and hidden too), in the order asked. */
  async questions(): Promise<Question[]> {
    const list = await this.t.host('hostQuestions', {
      params: { community: this.community, session: this.session },
    });
    return (list as { questions: Question[] }).questions;
  }

  /** The id of the `n`th question asked (1-based), like the `q_1` of a log. */
  async id(n: number): Promise<string> {
    const question = (await this.questions())[n - 1];
    if (!question) throw new Error(`${this.key} has no question ${n}`);
    return question.id;
  }

  /** The question with this text. */
  async find(text: string): Promise<Question> {
    const question = (await this.questions()).find((q) => q.text === text);
    if (!question) throw new Error(`${this.key} has no question "${text}"`);
    return question;
  }

  /** The newest event id of the session. */
  async lastEventId(): Promise<string> {
    const page = await this.t.direct().listQuestions(this.community, this.session);
    return page.lastEventId;
  }

  /** A member asks (and others vote, the host answers or pins) as `seed` says; the question as the host sees it. */
  async addQuestion(seed: QuestionSeed): Promise<Question> {
    const n = (await this.questions()).length + 1;
    const token = await this.t.member(this.community, seed.author ?? `Member ${n}`);
    let question = await this.t
      .direct()
      .ask(
        this.community,
        this.session,
        { text: seed.text, anonymous: seed.anonymous === true },
        { token },
      );
    if (seed.votes) await this.otherVotes(question.id, seed.votes);
    const update: QuestionUpdate = {};
    if (seed.state) update.state = seed.state;
    if (seed.pinned) update.pinned = true;
    if (seed.answer !== undefined) update.answer = seed.answer;
    if (Object.keys(update).length > 0) question = await this.update(question.id, update);
    return (await this.questions()).find((q) => q.id === question.id) ?? question;
  }

  /** `n` questions, `Question number N?` by `Member N` unless `over` says otherwise. */
  async addQuestions(n: number, over: Partial<QuestionSeed> = {}): Promise<Question[]> {
    const added: Question[] = [];
    const start = (await this.questions()).length;
    for (let i = 1; i <= n; i++) {
      added.push(
        await this.addQuestion({
          text: `Question number ${start + i}?`,
          author: `Member ${start + i}`,
          ...over,
        }),
      );
    }
    return added;
  }

  /**
   * `n` open questions at once, straight into the store (no event: for a board too large to
   * ask one by one, before the widget loads): `Question number N?` by `author` (default
   * `Léa`), a millisecond apart, after the questions already there. Their ids, in the order
   * asked.
   */
  async seedQuestions(n: number, author = 'Léa'): Promise<string[]> {
    const token = await this.t.member(this.community, author);
    const { member } = await this.t.direct().me(this.community, { token });
    return this.t.store.write(this.community, async (tx) => {
      const session = await tx.value<number>(
        'SELECT seq FROM sessions WHERE community = ? AND id = ?',
        this.community,
        this.session,
      );
      if (session === undefined) throw new Error(`no session ${this.key}`);
      const count =
        (await tx.value<number>(
          'SELECT CAST(count(*) AS INTEGER) FROM questions WHERE session = ?',
          session,
        )) ?? 0;
      const latest = await tx.value<string>(
        'SELECT max(created_at) FROM questions WHERE session = ?',
        session,
      );
      const start = Math.max(latest ? Date.parse(latest) + 1 : 0, Date.now() - n);
      const ids: string[] = [];
      for (let i = 0; i < n; i++) {
        const id = randomId('q');
        await tx.run(
          `INSERT INTO questions (id, session, member_id, author, text, state, created_at)
           VALUES (?, ?, ?, ?, ?, 'open', ?)`,
          id,
          session,
          member.id,
          member.displayName,
          `Question number ${count + i + 1}?`,
          new Date(start + i).toISOString(),
        );
        ids.push(id);
      }
      await recountCommunity(tx, this.community);
      return ids;
    });
  }

  /**
   * `n` more votes on question `id` at once, from as many new members, straight into the
   * store (no event: for counts too large to vote one by one, before the widget loads). The
   * community's capacity grows to hold them if need be, as when its operator raises it.
   */
  async seedVotes(id: string, n: number): Promise<void> {
    await this.t.store.write(this.community, async (tx) => {
      const question = await tx.value<number>('SELECT seq FROM questions WHERE id = ?', id);
      if (question === undefined) throw new Error(`${this.key} has no question ${id}`);
      const at = new Date().toISOString();
      for (let i = 1; i <= n; i++) {
        const member = randomId('mem');
        await tx.run(
          `INSERT INTO members (id, community, display_name, status, token_hash, joined_at,
             consent_version, consent_accepted_at)
           VALUES (?, ?, ?, 'active', ?, ?, ?, ?)`,
          member,
          this.community,
          `Seeded voter ${i}`,
          randomId('unknown'),
          at,
          CONSENT,
          at,
        );
        await tx.run(
          'INSERT INTO votes (question, member_id, created_at) VALUES (?, ?, ?)',
          question,
          member,
          at,
        );
      }
      await tx.run('UPDATE questions SET votes = votes + ? WHERE seq = ?', n, question);
      await tx.run(
        `UPDATE communities SET capacity = max(capacity,
           (SELECT count(*) FROM members WHERE community = ? AND status = 'active'))
         WHERE slug = ? AND capacity IS NOT NULL`,
        this.community,
        this.community,
      );
      await recountCommunity(tx, this.community);
    });
  }

  /** Host: answer, pin, hide or approve a question. */
  async update(id: string, update: QuestionUpdate): Promise<Question> {
    return (await this.t.host('updateQuestion', {
      params: { community: this.community, session: this.session, question: id },
      body: update,
    })) as Question;
  }

  /** `delta` other members vote (or take their votes back, when negative). */
  async otherVotes(id: string, delta: number): Promise<void> {
    const client = this.t.direct();
    const voted = this.t.voters.get(id) ?? [];
    this.t.voters.set(id, voted);
    for (let i = 0; i < Math.abs(delta); i++) {
      if (delta > 0) {
        const known = PEOPLE.map((name) => this.t.tokens.get(name)).find(
          (token) => token !== undefined && !voted.includes(token),
        );
        const token =
          this.community === 'maison-verte' && known
            ? known
            : await this.t.member(
                this.community,
                `Voter ${this.t.voters.size}-${voted.length + 1}`,
              );
        await client.vote(this.community, this.session, id, { token });
        voted.push(token);
      } else {
        const token = voted.pop();
        if (token) await client.unvote(this.community, this.session, id, { token });
      }
    }
  }

  /** Host: starts or ends the session. */
  async setState(state: SessionState): Promise<void> {
    await this.t.host('updateSession', {
      params: { community: this.community, session: this.session },
      body: { state },
    });
  }

  /** Host: moderation of the session (`pre`: questions wait for approval). */
  async setModeration(moderation: 'pre' | 'post'): Promise<void> {
    await this.t.host('updateSession', {
      params: { community: this.community, session: this.session },
      body: { moderation },
    });
  }

  /** Drops every open stream of the session and refuses new ones until `restore()`. */
  drop(): void {
    this.t.streamRules(this.key).down = true;
    for (const s of this.t.streamsOf(this.key)) s.drop();
  }

  /** Lets the client reconnect (it does, on its next backoff step). */
  restore(): void {
    this.t.streamRules(this.key).down = false;
  }

  /** Drops the streams; every reconnection is answered 404 (the client gives up: `closed`). */
  close(): void {
    this.t.streamRules(this.key).closed = true;
    for (const s of this.t.streamsOf(this.key)) s.drop();
  }

  /** Answers reconnections again after `close()` (the client reconnects when asked to). */
  reopen(): void {
    this.t.streamRules(this.key).closed = false;
  }

  /**
   * The client misses events it cannot get back: its streams drop, `during` happens while it
   * is away (default: the host pins the first question and unpins it, so nothing shows in
   * the end), the server forgets the log (as its retention would), and the client
   * reconnects: the server answers `resync`.
   */
  async resync(during?: () => Promise<void>): Promise<void> {
    this.drop();
    if (during) await during();
    else {
      const first = (await this.questions())[0];
      if (!first) throw new Error(`${this.key} has no question to pin`);
      await this.update(first.id, { pinned: !first.pinned });
      await this.update(first.id, { pinned: first.pinned });
    }
    const seq = await this.t.store.value<number>(
      'SELECT seq FROM sessions WHERE community = ? AND id = ?',
      this.community,
      this.session,
    );
    const newest = await this.t.store.value<number>(
      'SELECT max(id) FROM events WHERE session = ?',
      seq ?? 0,
    );
    await this.t.store.write(this.community, async (tx) => {
      await tx.run('DELETE FROM events WHERE session = ?', seq ?? 0);
      await tx.run(
        'UPDATE sessions SET events_pruned_through = ? WHERE seq = ?',
        newest ?? 0,
        seq ?? 0,
      );
    });
    this.restore();
  }

  /** Sends a raw frame to every open stream of the session (a duplicate, a malformed event). */
  inject(frame: string): void {
    for (const s of this.t.streamsOf(this.key)) s.inject(frame);
  }
}

// The wall ----------------------------------------------------------------------------------

const DAY = 86_400_000;
const NAMES = ['Camille', 'Nina', 'Jules', 'Inès', 'Malik', 'Sacha', 'Zoé', 'Ana', 'Léo', 'Lou'];

export interface WallSeed extends Partial<Omit<TestimonialSeed, 'photo'>> {
  /** `true` for an 800×600 photo. */
  photo?: boolean | TestimonialSeed['photo'];
}

/** The testimonials of the backend, through the host's routes and the seeds. */
export class WallControl {
  #seeded = 0;

  constructor(readonly t: TestBackend) {}

  /** Adds `n` approved testimonials of `community` (default `maison-verte`), published a day apart, newest first. */
  async seed(
    n: number,
    options: WallSeed | ((i: number) => WallSeed) = {},
    community = 'maison-verte',
  ): Promise<string[]> {
    const now = Date.now();
    const seeds: TestimonialSeed[] = [];
    for (let i = 0; i < n; i++) {
      const o = typeof options === 'function' ? options(i) : options;
      const k = ++this.#seeded;
      const published = new Date(now - k * DAY).toISOString();
      const { photo, ...rest } = o;
      seeds.push({
        text: `Testimonial number ${k}: the recipes work.`,
        rating: [5, 4, 5, 3, 4][i % 5]!,
        displayName: NAMES[i % NAMES.length]!,
        memberSince: new Date(now - (k + 200) * DAY).toISOString(),
        experiencedAt: new Date(now - (k + 3) * DAY).toISOString().slice(0, 10),
        submittedAt: new Date(now - (k + 1) * DAY).toISOString(),
        publishedAt: published,
        ...rest,
        photo:
          photo === true
            ? { width: 800, height: 600, hue: (k * 47) % 360, alt: 'A dish' }
            : photo || undefined,
      });
    }
    return seedTestimonials(this.t.store, community, seeds);
  }

  /** Every testimonial of `community` in one state, as the host sees them. */
  async list(
    state: OwnTestimonial['state'] = 'pending',
    community = 'maison-verte',
  ): Promise<OwnTestimonial[]> {
    const list = await this.t.host('hostTestimonials', { params: { community }, query: { state } });
    return (list as { testimonials: OwnTestimonial[] }).testimonials;
  }

  async moderate(
    id: string,
    body: {
      state?: 'approved' | 'rejected';
      statement?: string;
      disclosure?: OwnTestimonial['disclosure'];
      imageFlags?: OwnTestimonial['imageFlags'];
    },
    community = 'maison-verte',
  ): Promise<OwnTestimonial> {
    return (await this.t.host('moderateTestimonial', {
      params: { community, testimonial: id },
      body,
    })) as OwnTestimonial;
  }

  approve = (id: string, community?: string) => this.moderate(id, { state: 'approved' }, community);
  reject = (id: string, statement: string, community?: string) =>
    this.moderate(id, { state: 'rejected', statement }, community);

  /** The wall's moderation and review policy link. */
  async settings(
    update: { moderation?: 'pre' | 'post'; reviewPolicyUrl?: string },
    community = 'maison-verte',
  ) {
    await this.t.host('wallSettings', { params: { community }, body: update });
  }
}

// Offers ------------------------------------------------------------------------------------

export interface OfferSeed {
  kind: 'shared' | 'unique';
  title?: string;
  benefit?: string;
  conditions?: string;
  /** Default: in 30 days. */
  expiresAt?: string;
  disclosure?: 'none' | 'publicite' | 'collaboration-commerciale';
  /** Unique offers: how many codes the pool holds (default 10). */
  codes?: number;
  /** Shared offers: the code (default a random one). */
  sharedCode?: string;
}

/** A code that looks like a real one and appears nowhere else (tests search for it). */
const randomCode = (prefix: string): string =>
  `${prefix}-${Math.random().toString(36).slice(2, 8).toUpperCase().padEnd(6, 'X')}`;

/** The offers of the backend, through the host's routes. */
export class OfferControl {
  readonly #inputs = new Map<
    string,
    Required<Omit<OfferSeed, 'codes' | 'sharedCode'>> & { sharedCode?: string }
  >();

  constructor(readonly t: TestBackend) {}

  /** Creates or replaces an offer (a unique one with a new pool of `codes` codes). */
  async add(community: string, id: string, seed: OfferSeed): Promise<void> {
    const prefix =
      id
        .replace(/[^a-z0-9]/gi, '')
        .slice(0, 6)
        .toUpperCase() || 'CODE';
    const input = {
      title: seed.title ?? `Offer ${id}`,
      benefit: seed.benefit ?? '-10 % on your first order',
      conditions: seed.conditions ?? 'One code per member.',
      expiresAt: seed.expiresAt ?? new Date(Date.now() + 30 * DAY).toISOString(),
      disclosure: seed.disclosure ?? 'publicite',
      kind: seed.kind,
      ...(seed.kind === 'shared' ? { sharedCode: seed.sharedCode ?? randomCode(prefix) } : {}),
    };
    await this.t.host('putOffer', { params: { community, offer: id }, body: input });
    this.#inputs.set(`${community}/${id}`, input);
    if (seed.kind === 'unique' && (seed.codes ?? 10) > 0) {
      const codes = Array.from({ length: seed.codes ?? 10 }, () => randomCode(prefix));
      await this.t.host('importCodes', { params: { community, offer: id }, body: { codes } });
    }
  }

  async #input(community: string, id: string) {
    const known = this.#inputs.get(`${community}/${id}`);
    if (known) return known;
    const row = await this.t.store.get<{
      title: string;
      benefit: string;
      conditions: string;
      expires_at: string;
      disclosure: OfferSeed['disclosure'] & string;
      kind: 'shared' | 'unique';
      shared_code: string | null;
    }>('SELECT * FROM offers WHERE community = ? AND id = ?', community, id);
    if (!row) throw new Error(`no offer ${community}/${id}`);
    return {
      title: row.title,
      benefit: row.benefit,
      conditions: row.conditions,
      expiresAt: row.expires_at,
      disclosure: row.disclosure,
      kind: row.kind,
      ...(row.shared_code === null ? {} : { sharedCode: row.shared_code }),
    };
  }

  /** Moves the expiry (default: a minute ago). */
  async expire(community: string, id: string, at = new Date(Date.now() - 60_000)): Promise<void> {
    const input = { ...(await this.#input(community, id)), expiresAt: at.toISOString() };
    await this.t.host('putOffer', { params: { community, offer: id }, body: input });
  }

  /** Other members reveal every unique code left. */
  async exhaust(community: string, id: string): Promise<void> {
    const client = this.t.direct();
    for (let i = 1; ; i++) {
      const token = await this.t.member(community, `Taker ${i}`);
      try {
        await client.revealOffer(community, id, { token });
      } catch {
        return;
      }
    }
  }

  /** Every code of an offer: the shared one, or the whole pool, given or not. */
  async codes(community: string, id: string): Promise<string[]> {
    const rows = await this.t.store.all<{ code: string }>(
      `SELECT shared_code AS code FROM offers WHERE community = ? AND id = ? AND shared_code IS NOT NULL
       UNION ALL
       SELECT c.code FROM offer_codes c JOIN offers o ON o.seq = c.offer WHERE o.community = ? AND o.id = ?`,
      community,
      id,
      community,
      id,
    );
    return rows.map((r) => r.code);
  }

  /** Copies counted for an offer (the funnel). */
  async copies(community: string, id: string): Promise<number> {
    const funnel = await this.t.host('offerFunnel', { params: { community, offer: id } });
    return (funnel as { copies: number }).copies;
  }
}
