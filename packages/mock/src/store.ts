/**
 * The mock's in-memory backend: the whole contract with the same demo data and the same
 * rules as the reference server (validation and its messages, consent version, capacity
 * and waitlist, Idempotency-Key replay, erasure that promotes the waitlist), without HTTP.
 * Membership lives here; the live Q&A in `live.ts`, the testimonial wall in `wall.ts`, the
 * offers in `offers.ts`. `createHandlers` puts it behind msw.
 *
 * Isomorphic: no Node or DOM API beyond `crypto.getRandomValues` and, to draw the seeded
 * photos, `CompressionStream`.
 *
 * Unlike the reference server, which keeps only hashes of member tokens and encrypts
 * replayable answers, this store keeps tokens as given, in memory, for the life of the
 * page or test. It holds only demo data and persists nothing unless given a `storage`
 * (the playground passes `localStorage` so a reload behaves as against a real server).
 */
import * as v from 'valibot';
import { JoinRequest } from '@cercle/client/contract';
import { demoCommunities, demoMemberName, type DemoCommunity } from '@cercle/client/demo';
import type {
  Community,
  FieldIssue,
  JoinResponse,
  Me,
  Member,
  MemberExport,
  MemberList,
  MemberStatus,
} from '@cercle/client';
import type {
  HostQuestionList,
  LiveSession,
  Question,
  QuestionPage,
  Report,
  ReportList,
  ReportReceipt,
  VoteResult,
} from '@cercle/client';
import type {
  CodesImportResult,
  HostOffer,
  OfferFunnel,
  OfferReveal,
  OfferTeaser,
  OwnTestimonial,
  OwnTestimonialList,
  PhotoUpload,
  Redemption,
  TestimonialPage,
  WallSettings,
} from '@cercle/client';
import { MockApiError } from './errors.js';
import {
  createLive,
  DEFAULT_LIVE_LIMITS,
  seedLive,
  type LiveData,
  type LiveLimits,
  type LiveSubscriber,
  type RateLimit,
} from './live.js';
import { createOffers, DEFAULT_REVEAL_LIMIT, seedOffers, type OfferData } from './offers.js';
import {
  createWall,
  DEFAULT_WALL_LIMITS,
  seedWall,
  type WallData,
  type WallLimits,
} from './wall.js';
import type { PhotoType } from './images.js';

export { MockApiError };

const invalid = (message: string, details: FieldIssue[]) =>
  new MockApiError(400, 'validation_failed', message, details);

export interface MockStoreOptions {
  /** The communities to serve, seeded with their `seedMembers`; defaults to the demo. */
  communities?: readonly DemoCommunity[];
  /** The clock; defaults to `() => new Date()`. */
  now?: () => Date;
  /**
   * Where to keep the state between page loads (e.g. `localStorage`): read once at
   * creation, written after every change. Default: memory only.
   */
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  /** The key in `storage`; default `cercle-mock-state`. */
  storageKey?: string;
  /** Rate limits of asking and voting, per member; `false` turns one off. */
  liveLimits?: Partial<LiveLimits>;
  /** Events each session's log retains for resuming streams; default 500. */
  eventLogSize?: number;
  /** Offer reveals per member; default 10 a minute; `false` turns it off. */
  revealLimit?: RateLimit | false;
  /** Testimonials (5 an hour) and photo uploads (10 an hour) per member; `false` turns one off. */
  wallLimits?: Partial<WallLimits>;
}

/** What a join answers: 201 joined or 202 waitlisted, and whether it replays an earlier answer. */
export interface MockJoinResult {
  status: 201 | 202;
  body: JoinResponse;
  replayed: boolean;
}

export interface MockStore {
  /** Public information; `not_found` for an unknown slug. */
  getCommunity(community: string): Community;
  /**
   * Validates `input` against the contract's `JoinRequest` and the consent version, then
   * joins: active while there is room, else waitlisted or `community_full`. With an
   * `idempotencyKey`, the first answer within 24 h is replayed for the same request, and
   * the same key with a different request is a `conflict`.
   */
  join(community: string, input: unknown, options?: { idempotencyKey?: string }): MockJoinResult;
  /** `unauthorized` unless `token` belongs to a member of this community. */
  me(community: string, token: string | undefined): Me;
  /** `base`: the API's absolute base URL, for the URLs of the member's photos. */
  exportMe(community: string, token: string | undefined, base?: string): MemberExport;
  /** Erases the member (and any replayable answer naming them); the waitlist moves up. */
  leave(community: string, token: string | undefined): void;
  /** Active members in join order, then the waitlist in order. Host only (the handlers check). */
  listMembers(community: string): MemberList;
  /** Back to the seeded state: joined members, tokens and idempotency keys forgotten. */
  reset(): void;
  /**
   * Picks up changes another tab wrote to `storage` (open streams get their events);
   * every other method does it first, so call it on the window's `storage` event.
   */
  sync(): void;

  // Live Q&A (the handlers check the host key of host calls) ------------------------------
  getSession(community: string, session: string): LiveSession;
  /** `query`: the query string's parameters (`sort`, `cursor`, `limit`). */
  listQuestions(
    community: string,
    session: string,
    query: Record<string, string>,
    token?: string,
  ): QuestionPage;
  ask(
    community: string,
    session: string,
    token: string | undefined,
    input: unknown,
    options?: { idempotencyKey?: string },
  ): { body: Question; replayed: boolean };
  /** `voted`: true to vote (PUT), false to take the vote back (DELETE). */
  vote(
    community: string,
    session: string,
    question: string,
    token: string | undefined,
    voted: boolean,
  ): VoteResult;
  hostQuestions(community: string, session: string): HostQuestionList;
  updateQuestion(community: string, session: string, question: string, input: unknown): Question;
  updateSession(community: string, session: string, input: unknown): LiveSession;
  report(
    community: string,
    input: unknown,
    options?: { token?: string; idempotencyKey?: string },
  ): { body: ReportReceipt; replayed: boolean };
  listReports(community: string): ReportList;
  decideReport(community: string, report: string, input: unknown): Report;
  /**
   * Opens a session's event stream: `send` gets whole SSE frames, first what followed
   * `lastEventId` (or `resync`), then every new event. Returns the unsubscribe function.
   */
  subscribe(
    community: string,
    session: string,
    options: LiveSubscriber & { host: boolean; lastEventId?: string | null },
  ): () => void;
  /** Open streams on a session. */
  subscriberCount(community: string, session: string): number;

  // Testimonials. `base` is the API's absolute base URL, for the photos' URLs. -----------
  /** `query`: `cursor`, `limit`, `tag`, `minRating`, `sort`, as on the wire. */
  listTestimonials(community: string, query: Record<string, string>, base: string): TestimonialPage;
  submitTestimonial(
    community: string,
    token: string | undefined,
    input: unknown,
    options: { idempotencyKey?: string; base: string },
  ): { body: OwnTestimonial; replayed: boolean };
  myTestimonials(community: string, token: string | undefined, base: string): OwnTestimonialList;
  withdrawTestimonial(community: string, testimonial: string, token: string | undefined): void;
  /** Checks the bytes (JPEG, PNG or WebP, at most 2 MB, not truncated) and keeps them in memory. */
  uploadPhoto(
    community: string,
    token: string | undefined,
    bytes: Uint8Array,
    base: string,
  ): PhotoUpload;
  getPhoto(photo: string): Promise<{ bytes: Uint8Array; contentType: PhotoType }>;
  hostTestimonials(
    community: string,
    query: Record<string, string>,
    base: string,
  ): OwnTestimonialList;
  moderateTestimonial(
    community: string,
    testimonial: string,
    input: unknown,
    base: string,
  ): OwnTestimonial;
  wallSettings(community: string, input: unknown): WallSettings;

  // Offers -------------------------------------------------------------------------------
  /** The teaser (counted as a view); a token, when given, must be a member's. */
  getOffer(community: string, offer: string, token?: string): OfferTeaser;
  revealOffer(community: string, offer: string, token: string | undefined): OfferReveal;
  copyOffer(community: string, offer: string, token: string | undefined): void;
  reportRedemption(
    community: string,
    offer: string,
    input: unknown,
  ): { status: 200 | 201; body: Redemption };
  putOffer(
    community: string,
    offer: string,
    input: unknown,
  ): { status: 200 | 201; body: HostOffer };
  importCodes(community: string, offer: string, input: unknown): CodesImportResult;
  offerFunnel(community: string, offer: string): OfferFunnel;
}

interface StoredMember {
  id: string;
  displayName: string;
  email: string | null;
  status: MemberStatus;
  joinedAt: string;
  consent: { version: string; acceptedAt: string };
}

interface StoredCommunity {
  def: DemoCommunity;
  /** In order of arrival: the waitlist order is the order of this array. */
  members: StoredMember[];
  /** token → member id. */
  tokens: Map<string, string>;
}

interface StoredAnswer {
  request: string;
  memberId: string;
  status: 201 | 202;
  body: JoinResponse;
  at: number;
}

/** What `storage` holds: the whole state, as JSON. */
interface SavedState {
  v: 1;
  communities: Record<string, { members: StoredMember[]; tokens: [string, string][] }>;
  answers: [string, StoredAnswer][];
  /** Sessions, questions, reports and event logs (absent in states saved before them). */
  live?: LiveData;
  /** Testimonials, photo records and wall settings (not the photos' bytes). */
  wall?: WallData;
  offers?: OfferData;
}

const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** Hours between two seeded members' join dates, as in the reference server's seed. */
const SEED_SPACING_MS = 36 * 60 * 60 * 1000;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** base64url of `bytes` random bytes (crypto.getRandomValues: browsers and Node 20). */
function randomId(bytes: number): string {
  let s = '';
  for (const b of crypto.getRandomValues(new Uint8Array(bytes))) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function seed(def: DemoCommunity, now: Date): StoredCommunity {
  const members: StoredMember[] = [];
  for (let i = 0; i < def.seedMembers; i++) {
    const joinedAt = new Date(now.getTime() - (def.seedMembers - i) * SEED_SPACING_MS);
    const at = joinedAt.toISOString();
    members.push({
      id: `mem_${randomId(12)}`,
      displayName: demoMemberName(i),
      email: null,
      status: def.capacity === null || i < def.capacity ? 'active' : 'waitlisted',
      joinedAt: at,
      consent: { version: def.consentVersion, acceptedAt: at },
    });
  }
  return { def, members, tokens: new Map() };
}

const activeCount = (c: StoredCommunity) => c.members.filter((m) => m.status === 'active').length;

const hasRoom = (c: StoredCommunity) => c.def.capacity === null || activeCount(c) < c.def.capacity;

function toMember(c: StoredCommunity, m: StoredMember): Member {
  const member: Member = {
    id: m.id,
    displayName: m.displayName,
    status: m.status,
    joinedAt: m.joinedAt,
  };
  if (m.status === 'waitlisted') {
    member.waitlistPosition =
      c.members.filter((o) => o.status === 'waitlisted').findIndex((o) => o.id === m.id) + 1;
  }
  return member;
}

/** Valibot issues as the contract's field issues, in the reference server's words. */
export function fieldIssues(issues: readonly v.BaseIssue<unknown>[]): FieldIssue[] {
  return issues.map((issue) => {
    const path = v.getDotPath(issue) ?? '';
    if (issue.type === 'strict_object') {
      return { path, message: issue.input === undefined ? `${path} is required` : 'unknown field' };
    }
    return { path, message: issue.message };
  });
}

export function createMockStore(options: MockStoreOptions = {}): MockStore {
  const defs = options.communities ?? demoCommunities;
  const now = options.now ?? (() => new Date());
  const { storage, storageKey = 'cercle-mock-state' } = options;
  let communities = new Map<string, StoredCommunity>();
  let answers = new Map<string, StoredAnswer>();

  /** What this store last read from or wrote to `storage`. */
  let known: string | null = null;

  const save = () => {
    if (!storage) return;
    const state: SavedState = {
      v: 1,
      communities: Object.fromEntries(
        [...communities].map(([slug, c]) => [slug, { members: c.members, tokens: [...c.tokens] }]),
      ),
      answers: [...answers],
      live: live.data,
      wall: wall.data,
      offers: offers.data,
    };
    known = JSON.stringify(state);
    storage.setItem(storageKey, known);
  };

  const seedAll = (at: Date) => seedLive([...communities.values()], at, randomId);

  const live = createLive(
    {
      now,
      community: (slug) => find(slug),
      member: (slug, token) => authenticate(slug, token).member,
      save,
      randomId,
      limits: { ...DEFAULT_LIVE_LIMITS, ...options.liveLimits },
      eventLogSize: options.eventLogSize ?? 500,
      testimonial: (slug, id) => wall.lookup(slug, id),
      removeTestimonial: (slug, id, statement) => wall.remove(slug, id, statement),
    },
    { sessions: [], questions: [], reports: [], logs: [], replays: [] },
  );

  const wall = createWall(
    {
      now,
      community: (slug) => find(slug),
      member: (slug, token) => authenticate(slug, token).member,
      save,
      randomId,
      idempotent: live.idempotent,
      limits: { ...DEFAULT_WALL_LIMITS, ...options.wallLimits },
    },
    { settings: [], testimonials: [], photos: [] },
  );

  const offers = createOffers(
    {
      now,
      community: (slug) => find(slug),
      member: (slug, token) => authenticate(slug, token).member,
      save,
      randomId,
      revealLimit: options.revealLimit ?? DEFAULT_REVEAL_LIMIT,
    },
    { offers: [] },
  );

  /** Back to the seed; written to `storage` at once so that other tabs share the same seed. */
  const reset = () => {
    const at = now();
    communities = new Map(defs.map((def) => [def.slug, seed(def, at)]));
    answers = new Map();
    live.replace(seedAll(at));
    wall.replace(seedWall([...communities.values()], at, randomId));
    offers.replace(seedOffers([...communities.values()], at));
    save();
  };

  const restore = (raw: string | null | undefined): boolean => {
    if (!raw) return false;
    try {
      const state = JSON.parse(raw) as SavedState;
      if (state.v !== 1) return false;
      const at = now();
      communities = new Map(
        defs.map((def) => {
          const saved = state.communities[def.slug];
          return [
            def.slug,
            saved ? { def, members: saved.members, tokens: new Map(saved.tokens) } : seed(def, at),
          ];
        }),
      );
      answers = new Map(state.answers);
      live.replace(state.live ?? seedAll(at));
      wall.replace(state.wall ?? seedWall([...communities.values()], at, randomId));
      offers.replace(state.offers ?? seedOffers([...communities.values()], at));
      known = raw;
      return true;
    } catch {
      return false; // unreadable: start from the seed
    }
  };

  /** Takes in what another tab saved since this store last read or wrote `storage`. */
  const refresh = () => {
    if (!storage) return;
    const raw = storage.getItem(storageKey);
    if (raw !== known && !restore(raw)) reset();
  };

  const find = (slug: string): StoredCommunity => {
    const c = communities.get(slug);
    if (!c) throw new MockApiError(404, 'not_found', `No community "${slug}".`);
    return c;
  };

  const authenticate = (slug: string, token: string | undefined) => {
    const c = find(slug);
    if (token === undefined) {
      throw new MockApiError(
        401,
        'unauthorized',
        'Missing member token: send Authorization: Bearer <member token>.',
        undefined,
        { 'WWW-Authenticate': 'Bearer' },
      );
    }
    const id = c.tokens.get(token);
    const member = id === undefined ? undefined : c.members.find((m) => m.id === id);
    if (!member) {
      throw new MockApiError(
        401,
        'unauthorized',
        'This member token is unknown here (never issued, or the member left).',
        undefined,
        { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
      );
    }
    return { c, member };
  };

  if (!restore(storage?.getItem(storageKey))) reset();

  return {
    getCommunity(slug) {
      refresh();
      const c = find(slug);
      const { def } = c;
      return {
        slug: def.slug,
        name: def.name,
        tagline: def.tagline,
        memberCount: activeCount(c),
        capacity: def.capacity,
        joinState: hasRoom(c) ? 'open' : def.whenFull,
        privacyPolicyUrl: def.privacyPolicyUrl,
        consentVersion: def.consentVersion,
        disclosure: def.disclosure,
      };
    },

    join(slug, input, { idempotencyKey } = {}) {
      refresh();
      const c = find(slug);
      if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
        throw invalid('The Idempotency-Key header is malformed.', [
          { path: 'Idempotency-Key', message: '1 to 255 visible ASCII characters' },
        ]);
      }
      const parsed = v.safeParse(JoinRequest, input);
      if (!parsed.success) {
        throw invalid('Some fields are missing or invalid.', fieldIssues(parsed.issues));
      }
      const body = parsed.output;
      if (body.consent.version !== c.def.consentVersion) {
        throw invalid('The consent text has changed; show the current one and ask again.', [
          {
            path: 'consent.version',
            message: `must be the current consent version "${c.def.consentVersion}"`,
          },
        ]);
      }

      const at = now();
      const answerKey = idempotencyKey === undefined ? undefined : `${slug}\0${idempotencyKey}`;
      const request = JSON.stringify([body.displayName, body.email ?? null, body.consent.version]);
      if (answerKey !== undefined) {
        for (const [k, a] of answers)
          if (at.getTime() - a.at > IDEMPOTENCY_TTL_MS) answers.delete(k);
        const earlier = answers.get(answerKey);
        if (earlier) {
          if (earlier.request !== request) {
            throw new MockApiError(
              409,
              'conflict',
              'This Idempotency-Key was already used for a different request; use a new key.',
            );
          }
          return { status: earlier.status, body: structuredClone(earlier.body), replayed: true };
        }
      }

      const room = hasRoom(c);
      if (!room && c.def.whenFull === 'closed') {
        throw new MockApiError(
          409,
          'community_full',
          `${c.def.name} is full and not taking new members.`,
        );
      }
      const member: StoredMember = {
        id: `mem_${randomId(12)}`,
        displayName: body.displayName,
        email: body.email ?? null,
        status: room ? 'active' : 'waitlisted',
        joinedAt: at.toISOString(),
        consent: { version: body.consent.version, acceptedAt: at.toISOString() },
      };
      c.members.push(member);
      const token = randomId(32);
      c.tokens.set(token, member.id);
      const result: MockJoinResult = {
        status: room ? 201 : 202,
        body: { member: toMember(c, member), token },
        replayed: false,
      };
      if (answerKey !== undefined) {
        answers.set(answerKey, {
          request,
          memberId: member.id,
          status: result.status,
          body: structuredClone(result.body),
          at: at.getTime(),
        });
      }
      save();
      return result;
    },

    me(slug, token) {
      refresh();
      const { c, member } = authenticate(slug, token);
      return {
        member: toMember(c, member),
        invites: member.status === 'active' ? c.def.invites.map((i) => ({ ...i })) : [],
      };
    },

    exportMe(slug, token, base = 'http://localhost') {
      refresh();
      const { c, member } = authenticate(slug, token);
      return {
        exportedAt: now().toISOString(),
        community: c.def.slug,
        member: {
          id: member.id,
          displayName: member.displayName,
          email: member.email,
          status: member.status,
          joinedAt: member.joinedAt,
          consent: { ...member.consent },
        },
        testimonials: wall.exportOf(slug, member.id, base),
        offers: offers.exportOf(slug, member.id),
      };
    },

    leave(slug, token) {
      refresh();
      const { c, member } = authenticate(slug, token);
      c.members = c.members.filter((m) => m.id !== member.id);
      for (const [t, id] of c.tokens) if (id === member.id) c.tokens.delete(t);
      for (const [k, a] of answers) if (a.memberId === member.id) answers.delete(k);
      for (const next of c.members) {
        if (!hasRoom(c)) break;
        if (next.status === 'waitlisted') next.status = 'active';
      }
      wall.memberLeft(slug, member.id);
      offers.memberLeft(slug, member.id);
      save();
      live.memberLeft(slug, member.id);
    },

    listMembers(slug) {
      refresh();
      const c = find(slug);
      const ordered = [
        ...c.members.filter((m) => m.status === 'active'),
        ...c.members.filter((m) => m.status === 'waitlisted'),
      ];
      return { count: ordered.length, members: ordered.map((m) => toMember(c, m)) };
    },

    reset,
    sync: refresh,

    getSession(community, session) {
      refresh();
      return live.getSession(community, session);
    },
    listQuestions(community, session, query, token) {
      refresh();
      return live.listQuestions(community, session, query, token);
    },
    ask(community, session, token, input, o) {
      refresh();
      return live.ask(community, session, token, input, o);
    },
    vote(community, session, question, token, voted) {
      refresh();
      return live.vote(community, session, question, token, voted);
    },
    hostQuestions(community, session) {
      refresh();
      return live.hostQuestions(community, session);
    },
    updateQuestion(community, session, question, input) {
      refresh();
      return live.updateQuestion(community, session, question, input);
    },
    updateSession(community, session, input) {
      refresh();
      return live.updateSession(community, session, input);
    },
    report(community, input, o) {
      refresh();
      return live.report(community, input, o);
    },
    listReports(community) {
      refresh();
      return live.listReports(community);
    },
    decideReport(community, report, input) {
      refresh();
      return live.decideReport(community, report, input);
    },
    subscribe(community, session, o) {
      refresh();
      return live.subscribe(community, session, o);
    },
    subscriberCount: (community, session) => live.subscriberCount(community, session),

    listTestimonials(community, query, base) {
      refresh();
      return wall.list(community, query, base);
    },
    submitTestimonial(community, token, input, o) {
      refresh();
      return wall.submit(community, token, input, o);
    },
    myTestimonials(community, token, base) {
      refresh();
      return wall.mine(community, token, base);
    },
    withdrawTestimonial(community, testimonial, token) {
      refresh();
      wall.withdraw(community, testimonial, token);
    },
    uploadPhoto(community, token, bytes, base) {
      refresh();
      return wall.upload(community, token, bytes, base);
    },
    getPhoto(photo) {
      refresh();
      return wall.photo(photo);
    },
    hostTestimonials(community, query, base) {
      refresh();
      return wall.hostList(community, query, base);
    },
    moderateTestimonial(community, testimonial, input, base) {
      refresh();
      return wall.moderate(community, testimonial, input, base);
    },
    wallSettings(community, input) {
      refresh();
      return wall.settings(community, input);
    },

    getOffer(community, offer, token) {
      refresh();
      return offers.teaser(community, offer, token);
    },
    revealOffer(community, offer, token) {
      refresh();
      return offers.reveal(community, offer, token);
    },
    copyOffer(community, offer, token) {
      refresh();
      offers.copy(community, offer, token);
    },
    reportRedemption(community, offer, input) {
      refresh();
      return offers.redeem(community, offer, input);
    },
    putOffer(community, offer, input) {
      refresh();
      return offers.put(community, offer, input);
    },
    importCodes(community, offer, input) {
      refresh();
      return offers.importCodes(community, offer, input);
    },
    offerFunnel(community, offer) {
      refresh();
      return offers.funnel(community, offer);
    },
  };
}
