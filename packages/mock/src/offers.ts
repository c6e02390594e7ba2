/**
 * The mock's offers (community-only promo codes): the public teaser, the member-only reveal
 * (a shared code, or one unique code per member from a pool, the same on every reveal),
 * copies, redemption reports from the brand's backend (idempotent on the order id, flagged
 * when a unique code is reused, used after expiry or unknown), the host's offer editing,
 * code imports and the funnel.
 *
 * Codes are generated at random when the store is seeded; none is written in the source.
 * Everything is plain data (`OfferData`), kept in `localStorage` with the rest of the store.
 */
import {
  CodesImport,
  OfferInput,
  RedemptionRequest,
  type CodesImportResult,
  type Disclosure,
  type HostOffer,
  type OfferFunnel,
  type OfferKind,
  type OfferReveal,
  type OfferTeaser,
  type Redemption,
  type RedemptionFlag,
} from '@cercle/client/contract';
import type { MemberExport, MemberStatus } from '@cercle/client';
import { demoOffers, type DemoCommunity } from '@cercle/client/demo';
import { MockApiError } from './errors.js';
import { Buckets, parse, type RateLimit } from './live.js';

export interface StoredRedemption extends Redemption {
  community: string;
  code: string;
}

export interface StoredOffer {
  community: string;
  id: string;
  title: string;
  benefit: string;
  conditions: string;
  expiresAt: string;
  disclosure: Disclosure;
  kind: OfferKind;
  /** The code of a `shared` offer. */
  sharedCode: string | null;
  /** The unique codes of the pool, in the order they are given out. */
  pool: string[];
  /** Who got which code, in order; `memberId` is `null` once the member has left. */
  reveals: { memberId: string | null; code: string; revealedAt: string }[];
  teaserViews: number;
  copies: number;
  redemptions: StoredRedemption[];
}

export interface OfferData {
  offers: StoredOffer[];
}

/** The offers' view of the rest of the store. */
export interface OfferContext {
  now(): Date;
  community(slug: string): { def: DemoCommunity };
  /** The member holding `token`, `unauthorized` otherwise. */
  member(slug: string, token: string | undefined): { id: string; status: MemberStatus };
  save(): void;
  randomId(bytes: number): string;
  /** Reveals per member; `false`: no limit. */
  revealLimit: RateLimit | false;
}

export const DEFAULT_REVEAL_LIMIT: RateLimit = { limit: 10, windowMs: 60_000 };

const DAY = 24 * 60 * 60 * 1000;
const RECENT = 20;
/** Letters and digits that cannot be mistaken for one another (no 0/O, 1/I/L). */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** `length` random characters of ALPHABET. */
export function randomCode(length: number): string {
  let s = '';
  for (const b of crypto.getRandomValues(new Uint8Array(length))) {
    s += ALPHABET[b % ALPHABET.length];
  }
  return s;
}

/** `maison-verte` + `bienvenue-10` → `MV10`: a readable prefix for the seeded codes. */
const prefixOf = (community: string, offer: string) =>
  community
    .split('-')
    .map((w) => w[0]?.toUpperCase() ?? '')
    .join('') + offer.replace(/\D/g, '');

export function seedOffers(communities: readonly { def: DemoCommunity }[], now: Date): OfferData {
  const known = new Set(communities.map((c) => c.def.slug));
  return {
    offers: demoOffers
      .filter((o) => known.has(o.community))
      .map((o) => {
        const prefix = prefixOf(o.community, o.id);
        const pool = new Set<string>();
        while (o.kind === 'unique' && pool.size < o.codes) pool.add(`${prefix}-${randomCode(8)}`);
        return {
          community: o.community,
          id: o.id,
          title: o.title,
          benefit: o.benefit,
          conditions: o.conditions,
          expiresAt: new Date(now.getTime() + o.expiresInDays * DAY).toISOString(),
          disclosure: o.disclosure,
          kind: o.kind,
          sharedCode: o.kind === 'shared' ? `${prefix}-${randomCode(8)}` : null,
          pool: [...pool],
          reveals: [],
          teaserViews: 0,
          copies: 0,
          redemptions: [],
        };
      }),
  };
}

export type Offers = ReturnType<typeof createOffers>;

const redemptionView = (r: StoredRedemption): Redemption => ({
  id: r.id,
  offer: r.offer,
  orderId: r.orderId,
  memberId: r.memberId,
  amount: r.amount,
  currency: r.currency,
  orderedAt: r.orderedAt,
  flags: [...r.flags],
});

export function createOffers(ctx: OfferContext, initial: OfferData) {
  let data = initial;
  const reveals = ctx.revealLimit ? new Buckets(ctx.revealLimit) : undefined;

  const find = (community: string, id: string): StoredOffer => {
    ctx.community(community);
    const offer = data.offers.find((o) => o.community === community && o.id === id);
    if (!offer) throw new MockApiError(404, 'not_found', `No offer "${id}" in "${community}".`);
    return offer;
  };

  // A code is taken once revealed, or once an order used it (even before anyone revealed it).
  const given = (o: StoredOffer) =>
    new Set([...o.reveals.map((r) => r.code), ...o.redemptions.map((r) => r.code)]);
  const remaining = (o: StoredOffer) => {
    const taken = given(o);
    return o.pool.filter((c) => !taken.has(c)).length;
  };
  const revealOf = (o: StoredOffer, memberId: string) =>
    o.reveals.find((r) => r.memberId === memberId);
  const expired = (o: StoredOffer) => ctx.now().getTime() >= Date.parse(o.expiresAt);

  const teaser = (o: StoredOffer, memberId?: string): OfferTeaser => ({
    id: o.id,
    community: o.community,
    title: o.title,
    benefit: o.benefit,
    conditions: o.conditions,
    expiresAt: o.expiresAt,
    disclosure: o.disclosure,
    kind: o.kind,
    status: expired(o)
      ? 'expired'
      : o.kind === 'unique' && remaining(o) === 0
        ? 'exhausted'
        : 'active',
    revealedByMe: memberId !== undefined && revealOf(o, memberId) !== undefined,
  });

  const hostView = (o: StoredOffer): HostOffer => ({
    ...teaser(o),
    codesRemaining: o.kind === 'unique' ? remaining(o) : null,
    codesTotal: o.kind === 'unique' ? o.pool.length : null,
  });

  const activeMember = (community: string, token: string | undefined) => {
    const member = ctx.member(community, token);
    if (member.status !== 'active') {
      throw new MockApiError(
        403,
        'forbidden',
        'Only active members see the code; you are on the waitlist.',
      );
    }
    return member;
  };

  return {
    get data(): OfferData {
      return data;
    },

    replace(next: OfferData): void {
      data = next;
    },

    /** The teaser; counts a view. An unknown token is `unauthorized`. */
    teaser(community: string, id: string, token: string | undefined): OfferTeaser {
      const offer = find(community, id);
      const memberId = token === undefined ? undefined : ctx.member(community, token).id;
      offer.teaserViews += 1;
      ctx.save();
      return teaser(offer, memberId);
    },

    reveal(community: string, id: string, token: string | undefined): OfferReveal {
      const offer = find(community, id);
      const member = activeMember(community, token);
      reveals?.limit(member.id, ctx.now().getTime(), 'reveals');
      if (expired(offer)) {
        throw new MockApiError(410, 'offer_expired', 'This offer has expired.');
      }
      let mine = revealOf(offer, member.id);
      if (!mine) {
        const taken = given(offer);
        const code =
          offer.kind === 'shared' ? offer.sharedCode : offer.pool.find((c) => !taken.has(c));
        if (!code) {
          throw new MockApiError(
            409,
            'offer_exhausted',
            'All the codes of this offer have been given out.',
          );
        }
        mine = { memberId: member.id, code, revealedAt: ctx.now().toISOString() };
        offer.reveals.push(mine);
        ctx.save();
      }
      return {
        offer: offer.id,
        code: mine.code,
        revealedAt: mine.revealedAt,
        expiresAt: offer.expiresAt,
      };
    },

    copy(community: string, id: string, token: string | undefined): void {
      const offer = find(community, id);
      const member = ctx.member(community, token);
      if (!revealOf(offer, member.id)) {
        throw new MockApiError(409, 'conflict', 'Reveal the code before copying it.');
      }
      offer.copies += 1;
      ctx.save();
    },

    /** 201 for a new order, 200 with the first record for an order reported before. */
    redeem(community: string, id: string, input: unknown): { status: 200 | 201; body: Redemption } {
      const offer = find(community, id);
      const body = parse(RedemptionRequest, input);
      const earlier = offer.redemptions.find((r) => r.orderId === body.orderId);
      if (earlier) return { status: 200, body: redemptionView(earlier) };

      const orderedAt = body.orderedAt ?? ctx.now().toISOString();
      const owner = offer.reveals.find((r) => r.code === body.code)?.memberId;
      const known =
        offer.kind === 'shared' ? body.code === offer.sharedCode : offer.pool.includes(body.code);
      const flags: RedemptionFlag[] = [];
      if (!known) flags.push('unknown_code');
      if (known && offer.kind === 'unique' && offer.redemptions.some((r) => r.code === body.code)) {
        flags.push('duplicate');
      }
      if (Date.parse(orderedAt) > Date.parse(offer.expiresAt)) flags.push('after_expiry');
      const record: StoredRedemption = {
        id: `red_${ctx.randomId(9)}`,
        offer: offer.id,
        orderId: body.orderId,
        // A shared code is everyone's: the order is the community's, not one member's.
        memberId: offer.kind === 'unique' ? (owner ?? null) : null,
        amount: body.amount,
        currency: body.currency,
        orderedAt,
        flags,
        community,
        code: body.code,
      };
      offer.redemptions.push(record);
      ctx.save();
      return { status: 201, body: redemptionView(record) };
    },

    /** 201 when created, 200 when changed. A kind cannot change once codes were revealed. */
    put(community: string, id: string, input: unknown): { status: 200 | 201; body: HostOffer } {
      ctx.community(community);
      const body = parse(OfferInput, input);
      const existing = data.offers.find((o) => o.community === community && o.id === id);
      const used = existing && existing.reveals.length + existing.redemptions.length > 0;
      if (existing && existing.kind !== body.kind && used) {
        throw new MockApiError(
          409,
          'conflict',
          'Codes of this offer were revealed or used; its kind can no longer change.',
        );
      }
      // A unique offer turned shared (before any use) drops its unused pool.
      if (existing && body.kind === 'shared') existing.pool = [];
      const offer: StoredOffer = existing ?? {
        community,
        id,
        title: '',
        benefit: '',
        conditions: '',
        expiresAt: '',
        disclosure: 'none',
        kind: body.kind,
        sharedCode: null,
        pool: [],
        reveals: [],
        teaserViews: 0,
        copies: 0,
        redemptions: [],
      };
      Object.assign(offer, {
        title: body.title,
        benefit: body.benefit,
        conditions: body.conditions,
        expiresAt: new Date(body.expiresAt).toISOString(),
        disclosure: body.disclosure,
        kind: body.kind,
        sharedCode: body.sharedCode ?? null,
      });
      if (!existing) data.offers.push(offer);
      ctx.save();
      return { status: existing ? 200 : 201, body: hostView(offer) };
    },

    importCodes(community: string, id: string, input: unknown): CodesImportResult {
      const offer = find(community, id);
      const body = parse(CodesImport, input);
      if (offer.kind !== 'unique') {
        throw new MockApiError(409, 'conflict', 'A shared offer has one code and no pool.');
      }
      const pool = new Set(offer.pool);
      let added = 0;
      for (const code of body.codes) {
        if (pool.has(code)) continue;
        pool.add(code);
        offer.pool.push(code);
        added += 1;
      }
      ctx.save();
      return {
        added,
        duplicates: body.codes.length - added,
        codesTotal: offer.pool.length,
        codesRemaining: remaining(offer),
      };
    },

    funnel(community: string, id: string): OfferFunnel {
      const offer = find(community, id);
      const revenue = new Map<string, number>();
      for (const r of offer.redemptions) {
        if (r.flags.length === 0)
          revenue.set(r.currency, (revenue.get(r.currency) ?? 0) + r.amount);
      }
      return {
        offer: hostView(offer),
        teaserViews: offer.teaserViews,
        reveals: offer.reveals.length,
        copies: offer.copies,
        redemptions: offer.redemptions.length,
        flagged: offer.redemptions.filter((r) => r.flags.length > 0).length,
        revenue: [...revenue]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([currency, amount]) => ({ currency, amount: Math.round(amount * 100) / 100 })),
        recent: offer.redemptions.slice(-RECENT).reverse().map(redemptionView),
      };
    },

    /** Export: the codes revealed to the member (unique and shared), oldest first. */
    exportOf(community: string, memberId: string): NonNullable<MemberExport['offers']> {
      return data.offers
        .filter((o) => o.community === community)
        .flatMap((o) =>
          o.reveals
            .filter((r) => r.memberId === memberId)
            .map((r) => ({ offer: o.id, code: r.code, revealedAt: r.revealedAt })),
        )
        .sort((a, b) => a.revealedAt.localeCompare(b.revealedAt));
    },

    /**
     * A member left (erasure): their id goes from reveals and redemptions; a unique code
     * stays given out, so that it is never handed to someone else.
     */
    memberLeft(community: string, memberId: string): void {
      for (const offer of data.offers) {
        if (offer.community !== community) continue;
        for (const r of offer.reveals) if (r.memberId === memberId) r.memberId = null;
        for (const r of offer.redemptions) if (r.memberId === memberId) r.memberId = null;
      }
    },
  };
}
