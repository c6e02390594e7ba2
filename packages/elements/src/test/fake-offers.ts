/**
 * The offers of `FakeApi` (issue #5): teasers, member-only reveals and copies, answering like
 * the contract (401 without a known token, 403 waitlisted, 404, 410 `offer_expired`,
 * 409 `offer_exhausted`). Failures and holds go through the FakeApi's call log, so
 * `api.fail('revealOffer', …)` and `api.hold('getOffer')` work as for every operation.
 *
 * Seeded with the demo offers of `maison-verte` (`bienvenue-10`: unique codes;
 * `livraison-offerte`: one shared code), with random codes as the real seed makes them.
 */
import type { CercleApi } from '@cercle/client';
import type { Disclosure, OfferKind, OfferReveal, OfferTeaser } from '@cercle/client/contract';
import { demoOffers } from '@cercle/client/demo';
import { httpError, type FakeHooks } from './fake-api.js';

type Offers = Pick<CercleApi, 'getOffer' | 'revealOffer' | 'copyOffer'>;

interface StoredOffer {
  id: string;
  community: string;
  title: string;
  benefit: string;
  conditions: string;
  expiresAt: string;
  disclosure: Disclosure;
  kind: OfferKind;
  sharedCode: string | undefined;
  /** Unique codes not given yet. */
  pool: string[];
  /** Member id → their code. */
  given: Map<string, OfferReveal>;
  copies: number;
}

/** What `add` takes: a shared code, or a pool of `codes` unique codes. */
export interface FakeOfferInit {
  title?: string;
  benefit?: string;
  conditions?: string;
  /** Default: in 30 days. */
  expiresAt?: string;
  disclosure?: Disclosure;
  kind: OfferKind;
  /** Unique offers: how many codes the pool holds (default 10). */
  codes?: number;
  /** Shared offers: the code (default a random one). */
  sharedCode?: string;
}

const DAY = 86_400_000;

/** A code that looks like a real one and appears nowhere else (tests search for it). */
const randomCode = (prefix: string): string =>
  `${prefix}-${Math.random().toString(36).slice(2, 8).toUpperCase().padEnd(6, 'X')}`;

export class FakeOffers implements Offers {
  readonly #offers = new Map<string, StoredOffer>();

  constructor(readonly hooks: FakeHooks) {
    for (const o of demoOffers) {
      this.add(o.community, o.id, {
        title: o.title,
        benefit: o.benefit,
        conditions: o.conditions,
        expiresAt: new Date(Date.now() + o.expiresInDays * DAY).toISOString(),
        disclosure: o.disclosure,
        kind: o.kind,
        codes: Math.min(o.codes, 20),
      });
    }
  }

  /** Adds (or replaces) an offer. */
  add(community: string, id: string, init: FakeOfferInit): this {
    const prefix =
      id
        .replace(/[^a-z0-9]/gi, '')
        .slice(0, 6)
        .toUpperCase() || 'CODE';
    this.#offers.set(`${community}/${id}`, {
      id,
      community,
      title: init.title ?? `Offer ${id}`,
      benefit: init.benefit ?? '-10 % on your first order',
      conditions: init.conditions ?? 'One code per member.',
      expiresAt: init.expiresAt ?? new Date(Date.now() + 30 * DAY).toISOString(),
      disclosure: init.disclosure ?? 'publicite',
      kind: init.kind,
      sharedCode: init.kind === 'shared' ? (init.sharedCode ?? randomCode(prefix)) : undefined,
      pool:
        init.kind === 'unique'
          ? Array.from({ length: init.codes ?? 10 }, () => randomCode(prefix))
          : [],
      given: new Map(),
      copies: 0,
    });
    return this;
  }

  /** Moves the expiry (default: a minute ago). */
  expire(community: string, id: string, at = new Date(Date.now() - 60_000)): this {
    this.#stored(community, id).expiresAt = at.toISOString();
    return this;
  }

  /** Gives away every unique code left (to nobody on the page). */
  exhaust(community: string, id: string): this {
    this.#stored(community, id).pool = [];
    return this;
  }

  /** Every code of an offer: the shared one, or the whole pool, given or not. */
  codes(community: string, id: string): string[] {
    const o = this.#stored(community, id);
    if (o.sharedCode) return [o.sharedCode];
    return [...o.pool, ...[...o.given.values()].map((r) => r.code)];
  }

  /** The code a member was given, if any. */
  codeOf(community: string, id: string, memberId: string): string | undefined {
    return this.#stored(community, id).given.get(memberId)?.code;
  }

  /** Copies counted for an offer. */
  copies(community: string, id: string): number {
    return this.#stored(community, id).copies;
  }

  #stored(community: string, id: string): StoredOffer {
    const o = this.#offers.get(`${community}/${id}`);
    if (!o) throw new Error(`no offer ${community}/${id}`);
    return o;
  }

  /** The offer as the backend finds it: 404 for an unknown community or offer. */
  #find(community: string, id: string): StoredOffer {
    this.hooks.community(community);
    const o = this.#offers.get(`${community}/${id}`);
    if (!o) throw httpError(404, 'not_found');
    return o;
  }

  #expired(o: StoredOffer): boolean {
    return Date.parse(o.expiresAt) <= Date.now();
  }

  getOffer: Offers['getOffer'] = async (community, offer, options = {}) => {
    const { token, signal } = options;
    await this.hooks.enter(
      { op: 'getOffer', community, target: offer, ...(token ? { token } : {}) },
      signal,
    );
    const o = this.#find(community, offer);
    // Optional member: no token is a visitor, a token the backend does not know is a 401.
    const memberId = token ? this.hooks.member(community, token).member.id : undefined;
    const teaser: OfferTeaser = {
      id: o.id,
      community: o.community,
      title: o.title,
      benefit: o.benefit,
      conditions: o.conditions,
      expiresAt: o.expiresAt,
      disclosure: o.disclosure,
      kind: o.kind,
      status: this.#expired(o)
        ? 'expired'
        : o.kind === 'unique' && o.pool.length === 0
          ? 'exhausted'
          : 'active',
      revealedByMe: memberId !== undefined && o.given.has(memberId),
    };
    return teaser;
  };

  revealOffer: Offers['revealOffer'] = async (community, offer, options) => {
    await this.hooks.enter(
      { op: 'revealOffer', community, target: offer, token: options.token },
      options.signal,
    );
    const o = this.#find(community, offer);
    const m = this.hooks.activeMember(community, options.token);
    if (this.#expired(o)) throw httpError(410, 'offer_expired');
    const earlier = o.given.get(m.member.id);
    if (earlier) return structuredClone(earlier);
    const code = o.kind === 'shared' ? o.sharedCode : o.pool.shift();
    if (code === undefined) throw httpError(409, 'offer_exhausted');
    const reveal: OfferReveal = {
      offer: o.id,
      code,
      revealedAt: new Date().toISOString(),
      expiresAt: o.expiresAt,
    };
    o.given.set(m.member.id, reveal);
    return structuredClone(reveal);
  };

  copyOffer: Offers['copyOffer'] = async (community, offer, options) => {
    await this.hooks.enter(
      { op: 'copyOffer', community, target: offer, token: options.token },
      options.signal,
    );
    const o = this.#find(community, offer);
    const m = this.hooks.member(community, options.token);
    if (!o.given.has(m.member.id)) throw httpError(409, 'conflict');
    o.copies += 1;
  };
}
