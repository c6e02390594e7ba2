/**
 * The suite's own data, created through the contract (never seed data), lazily and once per
 * run: communities with random slugs (created with the operator key, then run with the key of
 * their first owner), hosts who accepted an invitation, members, live sessions, offers. Joins
 * are the scarce resource (a backend may allow 30 a minute per address, and the reference
 * server counts invitation acceptances too), so members and hosts are shared across checks
 * and a pool hands out members who still have room in their per-member buckets (asking,
 * submitting, uploading, revealing), so the suite does not wait on limits it could avoid.
 */
import type {
  CommunityInput,
  HostCommunity,
  HostOffer,
  HostRole,
  JoinResponse,
  LiveSession,
  OfferInput,
  OwnTestimonial,
  PhotoUpload,
  Question,
  TestimonialRequest,
} from '@cercle/client';
import type {
  CreatedCommunity,
  CreatedInvitation,
  HostAccount,
  InvitationInput,
} from '@cercle/client/admin';
import { expectStatus, fail } from './assert.js';
import type { Context } from './context.js';
import type { Answer } from './http.js';

export interface Community {
  slug: string;
  consentVersion: string;
  /** The community as the creation answered it. */
  info: HostCommunity;
  /** Its first owner, and the owner's key (what `host: true` sends for this community). */
  owner: HostAccount;
  key: string;
  answer: Answer<CreatedCommunity>;
}

export interface Member {
  community: string;
  id: string;
  token: string;
  displayName: string;
  email: string | undefined;
  status: 'active' | 'waitlisted';
  /** The join's answer (status, headers, body). */
  join: Answer<JoinResponse>;
}

/** A host of one of the suite's communities, who accepted an invitation. */
export interface Host {
  community: string;
  id: string;
  role: HostRole;
  name: string;
  /** Their key (what they send as Bearer). */
  key: string;
  account: HostAccount;
  /** The invitation they accepted, and its token (used once already). */
  invitation: CreatedInvitation;
}

export interface Offer {
  id: string;
  community: string;
  input: OfferInput;
  /** The unique codes imported, or the shared code. */
  codes: string[];
  created: Answer<HostOffer>;
}

/** Per-member buckets the suite paces itself by (the reference server's defaults). */
export type Bucket = 'ask' | 'submit' | 'upload' | 'reveal';
const BUDGETS: Readonly<Record<Bucket, { limit: number; windowMs: number }>> = {
  ask: { limit: 5, windowMs: 60_000 },
  submit: { limit: 5, windowMs: 3_600_000 },
  upload: { limit: 10, windowMs: 3_600_000 },
  reveal: { limit: 10, windowMs: 60_000 },
};

/** The consent text the `consent` community is created with (version `1`). */
export const FIRST_CONSENT_TEXT = 'I agree to join the circle.';

/** The settings of the suite's communities, by name (the others take the defaults). */
const PRESETS: Readonly<Record<string, Partial<CommunityInput>>> = {
  full: { capacity: 1, whenFull: 'waitlist' },
  closed: { capacity: 1, whenFull: 'closed' },
  queue: { capacity: 1, whenFull: 'waitlist' },
  consent: { consentText: FIRST_CONSENT_TEXT, consentVersion: '1' },
  settings: { defaultLocale: 'fr' },
  growing: { capacity: 1, whenFull: 'waitlist' },
};

/** The suite's live sessions, by name: all live in the main community, unless said here. */
const SESSIONS: Readonly<Record<string, { community?: string; moderation?: 'pre' }>> = {
  pre: { moderation: 'pre' },
  'pre-stream': { moderation: 'pre' },
  full: { community: 'full' },
  kpis: { community: 'kpis' },
};

/** The suite's offers, by name: unique with 5 codes in the main community, unless said here. */
const OFFERS: Readonly<
  Record<
    string,
    { community?: string; kind?: 'unique' | 'shared'; codes?: number; expiresInDays?: number }
  >
> = {
  unique: { codes: 10 },
  single: { codes: 1 },
  funnel: { codes: 3 },
  import: { codes: 0 },
  'codes-replay': { codes: 0 },
  expired: { codes: 2, expiresInDays: -1 },
  full: { community: 'full', codes: 2 },
  shared: { kind: 'shared' },
  copies: { kind: 'shared' },
  burst: { kind: 'shared' },
  put: { kind: 'shared' },
  paused: { codes: 3 },
};

const DAY = 24 * 60 * 60 * 1000;
export const inDays = (days: number): string => new Date(Date.now() + days * DAY).toISOString();

export class Fixtures {
  readonly #memo = new Map<string, Promise<unknown>>();
  readonly #spent = new Map<string, Record<Bucket, number[]>>();
  readonly #pool: Member[] = [];
  #poolJoining: Promise<Member> | undefined;

  constructor(private readonly ctx: Context) {}

  /** Creates what `create` makes once per run; a fixture that failed fails every check using it. */
  once<T>(key: string, create: () => Promise<T>): Promise<T> {
    let promise = this.#memo.get(key) as Promise<T> | undefined;
    if (!promise) {
      promise = create().catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        fail(`setting up "${key}" failed: ${message}`);
      });
      this.#memo.set(key, promise);
    }
    return promise;
  }

  /** `conf-<run>-<name>`: a slug of this run. */
  slug(name: string): string {
    return `conf-${this.ctx.run}-${name}`;
  }

  // Communities ------------------------------------------------------------------------------

  /** The base input of the suite's communities. */
  communityInput(name: string, extra: Partial<CommunityInput> = {}): CommunityInput {
    return {
      slug: this.slug(name),
      name: `Conformance ${name}`,
      tagline: 'Created by the Cercle conformance suite',
      privacyPolicyUrl: 'https://brand.example/privacy',
      consentVersion: `v-${this.ctx.run}`,
      allowedOrigins: ['https://brand.example', 'http://localhost:*'],
      invites: [{ kind: 'discord', label: 'Our Discord', url: this.inviteUrl(name) }],
      ...extra,
    };
  }

  inviteUrl(name: string): string {
    return `https://discord.example/invite/${this.ctx.run}-${name}`;
  }

  /**
   * The community `name`, created once with its preset settings (see PRESETS): `main` (no
   * capacity), `full` (capacity 1, waitlist), `closed` (capacity 1, closed), `queue` and
   * `growing` (like `full`, for the promotion checks), `consent` (its own consent text),
   * `settings` (another language); any other name takes the defaults. The answer's owner key
   * becomes the key `host: true` sends for it.
   */
  community(name: string): Promise<Community> {
    return this.once(`community ${name}`, () =>
      this.#create(this.communityInput(name, PRESETS[name] ?? {})),
    );
  }

  /** Creates a community with the operator key; its owner's key is what `host: true` sends. */
  async #create(input: CommunityInput): Promise<Community> {
    const answer = await this.ctx.call('createCommunity', {}, { operator: true, json: input });
    const created = expectStatus(answer, 201, `creating the community ${input.slug}`);
    const info = created.community;
    this.ctx.http.ownerKeys.set(info.slug, created.key);
    return {
      slug: info.slug,
      consentVersion: info.consentVersion,
      info,
      owner: created.owner,
      key: created.key,
      answer,
    };
  }

  main(): Promise<Community> {
    return this.community('main');
  }

  full(): Promise<Community> {
    return this.community('full');
  }

  closed(): Promise<Community> {
    return this.community('closed');
  }

  // Hosts ------------------------------------------------------------------------------------

  /** Invites into `community` (a slug) with its owner's key, or the operator key; unchecked. */
  invite(community: string, json: InvitationInput, by: 'owner' | 'operator' = 'owner') {
    return this.ctx.call(
      'invite',
      { community },
      by === 'owner' ? { host: true, json } : { operator: true, json },
    );
  }

  /** Accepts an invitation of `community` (a slug) with its token; unchecked. */
  accept(community: string, token: string, name: string) {
    return this.ctx.call('acceptInvitation', { community }, { json: { token, name } });
  }

  /**
   * The host `name` of the community `where` (default main) with `role`: invited by the
   * owner, then accepted, once per run.
   */
  host(name: string, role: HostRole, where = 'main'): Promise<Host> {
    return this.once(`host ${where}/${name}`, async () => {
      const community = await this.community(where);
      const displayName = `${name[0]?.toUpperCase()}${name.slice(1)} ${this.ctx.run}`;
      const invitation = expectStatus(
        await this.invite(community.slug, { role, name: displayName }),
        201,
        `inviting the ${role} ${name} into ${community.slug}`,
      );
      const accepted = expectStatus(
        await this.accept(community.slug, invitation.token, displayName),
        201,
        `${name} accepting their invitation to ${community.slug}`,
      );
      return {
        community: community.slug,
        id: accepted.host.id,
        role: accepted.host.role,
        name: accepted.host.name,
        key: accepted.key,
        account: accepted.host,
        invitation,
      };
    });
  }

  /** A moderator of the main community. */
  moderator(): Promise<Host> {
    return this.host('moderator', 'moderator');
  }

  /** An analyst of the main community. */
  analyst(): Promise<Host> {
    return this.host('analyst', 'analyst');
  }

  // Members ----------------------------------------------------------------------------------

  /** Joins `community` (default main) as `name`, once per run. */
  member(
    name: string,
    options: { community?: string; displayName?: string; email?: string } = {},
  ): Promise<Member> {
    const where = options.community ?? 'main';
    return this.once(`member ${where}/${name}`, async () => {
      const community = await this.community(where);
      const displayName =
        options.displayName ?? `${name[0]?.toUpperCase()}${name.slice(1)} ${this.ctx.run}`;
      const json = {
        displayName,
        ...(options.email === undefined ? {} : { email: options.email }),
        consent: { version: community.consentVersion, accepted: true as const },
      };
      const join = await this.ctx.call('join', { community: community.slug }, { json });
      const body = expectStatus(join, [201, 202], `${name} joining ${community.slug}`);
      return {
        community: community.slug,
        id: body.member.id,
        token: body.token,
        displayName: body.member.displayName,
        email: options.email,
        status: body.member.status,
        join,
      };
    });
  }

  /** Alice: the main community's first member, with an email; she does a bit of everything. */
  alice(): Promise<Member> {
    return this.member('alice', { email: `alice-${this.ctx.run}@example.com` });
  }

  bob(): Promise<Member> {
    return this.member('bob');
  }

  /** Carol joins with spaces around her name (the contract trims it). */
  carol(): Promise<Member> {
    return this.member('carol', { displayName: `  Carol ${this.ctx.run}  ` });
  }

  /** The active member of the full community. */
  fullActive(): Promise<Member> {
    return this.member('first', { community: 'full' });
  }

  /** A waitlisted member (the full community's second joiner). */
  async waitlisted(): Promise<Member> {
    await this.fullActive();
    const member = await this.member('waiting', { community: 'full' });
    if (member.status !== 'waitlisted')
      fail(`the second member of a full community is ${member.status}`);
    return member;
  }

  #used(member: Member, bucket: Bucket): number[] {
    let spent = this.#spent.get(member.token);
    if (!spent)
      this.#spent.set(member.token, (spent = { ask: [], submit: [], upload: [], reveal: [] }));
    const now = Date.now();
    const list = spent[bucket].filter((t) => now - t < BUDGETS[bucket].windowMs);
    spent[bucket] = list;
    return list;
  }

  /** Counts one use of `member`'s per-member bucket. */
  spend(member: Member, bucket: Bucket): void {
    this.#used(member, bucket).push(Date.now());
  }

  /** A main-community member with room left in `bucket` (joins a new one when none has). */
  async pooled(bucket: Bucket, room = 1): Promise<Member> {
    for (;;) {
      const free = this.#pool.find(
        (m) => this.#used(m, bucket).length + room <= BUDGETS[bucket].limit,
      );
      if (free) return free;
      if (!this.#poolJoining) {
        const name = `pool${this.#pool.length + 1}`;
        this.#poolJoining = this.member(name).then((m) => {
          this.#pool.push(m);
          this.#poolJoining = undefined;
          return m;
        });
      }
      await this.#poolJoining;
    }
  }

  // Live sessions ----------------------------------------------------------------------------

  /** The live session `s-<name>` (settings in SESSIONS), created with PUT, then started. */
  session(name: string): Promise<LiveSession> {
    const preset = SESSIONS[name] ?? {};
    const where = preset.community ?? 'main';
    return this.once(`session ${where}/${name}`, async () => {
      const community = await this.community(where);
      const params = { community: community.slug, session: `s-${name}` };
      const json = {
        title: `Session ${name}`,
        ...(preset.moderation ? { moderation: preset.moderation } : {}),
      };
      const put = await this.ctx.call('putSession', params, { host: true, json });
      expectStatus(put, 201, `creating the session ${params.session}`);
      const moved = await this.ctx.call('updateSession', params, {
        host: true,
        json: { state: 'live' },
      });
      return expectStatus(moved, 200, `starting ${params.session}`);
    });
  }

  /** `member` asks `text` in `session` (of their community); expects 201. */
  async ask(
    member: Member,
    session: string,
    text: string,
    options: { anonymous?: boolean; idempotencyKey?: string } = {},
  ): Promise<Question> {
    this.spend(member, 'ask');
    const answer = await this.ctx.call(
      'ask',
      { community: member.community, session },
      {
        token: member.token,
        json: {
          text,
          ...(options.anonymous === undefined ? {} : { anonymous: options.anonymous }),
        },
        ...(options.idempotencyKey
          ? { headers: { 'idempotency-key': options.idempotencyKey } }
          : {}),
      },
    );
    return expectStatus(answer, 201, `asking a question in ${session}`);
  }

  /** A question asked by a pooled member in `session` of the main community. */
  async question(session: string, text: string, options: { anonymous?: boolean } = {}) {
    const member = await this.pooled('ask');
    return { member, question: await this.ask(member, session, text, options) };
  }

  /** `member` votes for `question`; expects 200. */
  async vote(member: Member, session: string, question: string): Promise<number> {
    const answer = await this.ctx.call(
      'vote',
      { community: member.community, session, question },
      { token: member.token },
    );
    return expectStatus(answer, 200, 'voting').votes;
  }

  /** The host changes a question (hide, approve, answer, pin); expects 200. */
  async moderate(
    community: string,
    session: string,
    question: string,
    json: { state?: 'open' | 'answered' | 'hidden'; pinned?: boolean; answer?: string | null },
  ): Promise<Question> {
    const answer = await this.ctx.call(
      'updateQuestion',
      { community, session, question },
      { host: true, json },
    );
    return expectStatus(answer, 200, 'the host changing a question');
  }

  // Testimonials and photos ------------------------------------------------------------------

  /** The consent a testimonial carries (the community's current version). */
  async consent(publishName = true, publishPhoto = false) {
    const main = await this.main();
    return { version: main.consentVersion, publishName, publishPhoto };
  }

  /** `member` submits a testimonial to their community; expects 201. */
  async submit(
    member: Member,
    body: Partial<TestimonialRequest> = {},
    headers: Record<string, string> = {},
  ): Promise<OwnTestimonial> {
    this.spend(member, 'submit');
    const json: TestimonialRequest = {
      rating: 5,
      text: `Lovely circle (${this.ctx.run})`,
      consent: await this.consent(true, body.photo !== undefined),
      ...body,
    };
    const answer = await this.ctx.call(
      'submitTestimonial',
      { community: member.community },
      { token: member.token, json, headers },
    );
    return expectStatus(answer, 201, 'submitting a testimonial');
  }

  /** The host approves (or rejects) a testimonial; expects 200. */
  async decideTestimonial(
    community: string,
    testimonial: string,
    json: { state: 'approved' | 'rejected'; statement?: string },
  ): Promise<OwnTestimonial> {
    const answer = await this.ctx.call(
      'moderateTestimonial',
      { community, testimonial },
      { host: true, json },
    );
    return expectStatus(answer, 200, `the host setting a testimonial ${json.state}`);
  }

  /** `member` uploads raw image bytes; the answer, unchecked (the caller expects its status). */
  upload(
    member: Member,
    bytes: Uint8Array<ArrayBuffer>,
    contentType = 'image/png',
    headers: Record<string, string> = {},
  ) {
    this.spend(member, 'upload');
    return this.ctx.call(
      'uploadPhoto',
      { community: member.community },
      { token: member.token, body: bytes, contentType, headers },
    );
  }

  async photo(member: Member, bytes: Uint8Array<ArrayBuffer>): Promise<PhotoUpload> {
    return expectStatus(await this.upload(member, bytes), 201, 'uploading a photo');
  }

  // Offers -----------------------------------------------------------------------------------

  /** The offer `o-<name>` (settings in OFFERS), with its unique codes imported. */
  offer(name: string): Promise<Offer> {
    const options = OFFERS[name] ?? {};
    const where = options.community ?? 'main';
    return this.once(`offer ${where}/${name}`, async () => {
      const community = await this.community(where);
      const id = `o-${name}`;
      const kind = options.kind ?? 'unique';
      const shared = `SHARED-${this.ctx.run}-${name}`.toUpperCase();
      const input: OfferInput = {
        title: `Offer ${name}`,
        benefit: '-10 % on the first order',
        conditions: 'One per member.',
        expiresAt: inDays(options.expiresInDays ?? 30),
        disclosure: 'publicite',
        kind,
        ...(kind === 'shared' ? { sharedCode: shared } : {}),
      };
      const params = { community: community.slug, offer: id };
      const created = await this.ctx.call('putOffer', params, { host: true, json: input });
      expectStatus(created, 201, `creating the offer ${id}`);
      const codes =
        kind === 'shared'
          ? [shared]
          : Array.from({ length: options.codes ?? 5 }, (_, i) =>
              `${name}-${this.ctx.run}-${String(i + 1).padStart(2, '0')}`.toUpperCase(),
            );
      if (kind === 'unique' && codes.length > 0) {
        const imported = await this.ctx.call('importCodes', params, {
          host: true,
          json: { codes },
        });
        expectStatus(imported, 200, `importing the codes of ${id}`);
      }
      return { id, community: community.slug, input, codes, created };
    });
  }

  /** `member` reveals their code of `offer`; the answer, unchecked. */
  reveal(member: Member, offer: string, options: { expectRateLimit?: boolean } = {}) {
    this.spend(member, 'reveal');
    return this.ctx.call(
      'revealOffer',
      { community: member.community, offer },
      { token: member.token, ...options },
    );
  }

  async code(member: Member, offer: string): Promise<string> {
    return expectStatus(await this.reveal(member, offer), 200, `revealing ${offer}`).code;
  }
}
