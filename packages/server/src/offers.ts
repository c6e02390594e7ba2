/**
 * Offers over SQLite: community-only promo codes, shared (one code for every member) or
 * unique (one single-use code per member, drawn from a pool). Every decision that reads
 * then writes runs in one IMMEDIATE transaction, so two members never draw the same code,
 * also from several processes on the same file.
 *
 * Codes never leave this module except in a reveal answer to the member they belong to:
 * error messages name offers and orders, never a code.
 */
import type {
  CodesImportResult,
  MemberExport,
  HostOffer,
  OfferFunnel,
  OfferInput,
  OfferReveal,
  OfferTeaser,
  Redemption,
  RedemptionFlag,
  RedemptionRequest,
} from '@cercle/client';
import { randomBytes } from 'node:crypto';
import { sha256 } from './crypto.js';
import type { Db } from './db.js';
import { ApiError } from './errors.js';
import { sql } from './sql.js';
import type { MemberRow } from './store.js';

export interface OfferRow {
  seq: number;
  community: string;
  id: string;
  title: string;
  benefit: string;
  conditions: string;
  expires_at: string;
  disclosure: OfferTeaser['disclosure'];
  kind: OfferTeaser['kind'];
  shared_code: string | null;
  teaser_views: number;
  copies: number;
  created_at: string;
  updated_at: string;
}

interface RedemptionRow {
  seq: number;
  id: string;
  offer: number;
  order_id: string;
  code_hash: string;
  member_id: string | null;
  amount: number;
  currency: string;
  ordered_at: string;
  flags: string;
  created_at: string;
}

/** How many recent redemptions the funnel lists. */
export const FUNNEL_RECENT = 20;

const immediate = <T>(db: Db, fn: () => T): T => db.transaction(fn).immediate();

export const findOffer = (db: Db, community: string, id: string): OfferRow | undefined =>
  sql(db, 'SELECT * FROM offers WHERE community = ? AND id = ?').get(community, id) as
    OfferRow | undefined;

export function requireOffer(db: Db, community: string, id: string): OfferRow {
  const row = findOffer(db, community, id);
  if (!row) throw new ApiError('not_found', `No offer "${id}" in "${community}".`);
  return row;
}

const isExpired = (row: OfferRow, at: Date): boolean => at.getTime() >= Date.parse(row.expires_at);

const poolCounts = (db: Db, row: OfferRow): { total: number; remaining: number } =>
  sql(
    db,
    `SELECT COUNT(*) AS total, COUNT(*) FILTER (WHERE taken_at IS NULL) AS remaining
     FROM offer_codes WHERE offer = ?`,
  ).get(row.seq) as { total: number; remaining: number };

/** `expired` from `expiresAt` on; `exhausted` when a unique pool has no free code left. */
function offerStatus(db: Db, row: OfferRow, now: Date): OfferTeaser['status'] {
  if (isExpired(row, now)) return 'expired';
  if (row.kind === 'unique' && poolCounts(db, row).remaining === 0) return 'exhausted';
  return 'active';
}

/** The member's code and when they revealed it, if they did. */
function revealOf(
  db: Db,
  row: OfferRow,
  memberId: string,
): { code: string; revealed_at: string } | undefined {
  if (row.kind === 'unique') {
    return sql(
      db,
      'SELECT code, revealed_at FROM offer_codes WHERE offer = ? AND member_id = ?',
    ).get(row.seq, memberId) as { code: string; revealed_at: string } | undefined;
  }
  const revealedAt = sql(
    db,
    'SELECT revealed_at FROM offer_reveals WHERE offer = ? AND member_id = ?',
  )
    .pluck()
    .get(row.seq, memberId) as string | undefined;
  return revealedAt === undefined
    ? undefined
    : { code: row.shared_code ?? '', revealed_at: revealedAt };
}

function teaserView(db: Db, row: OfferRow, now: Date, member?: MemberRow): OfferTeaser {
  return {
    id: row.id,
    community: row.community,
    title: row.title,
    benefit: row.benefit,
    conditions: row.conditions,
    expiresAt: row.expires_at,
    disclosure: row.disclosure,
    kind: row.kind,
    status: offerStatus(db, row, now),
    revealedByMe: member !== undefined && revealOf(db, row, member.id) !== undefined,
  };
}

/**
 * `GET …/offers/{o}`: the public teaser, counted as a teaser view. The status is the offer's
 * (an `exhausted` pool says so to everyone); a member who holds a code sees `revealedByMe`
 * and can still reveal it again.
 */
export function offerTeaser(
  db: Db,
  community: string,
  id: string,
  now: Date,
  member?: MemberRow,
): OfferTeaser {
  const row = requireOffer(db, community, id);
  sql(db, 'UPDATE offers SET teaser_views = teaser_views + 1 WHERE seq = ?').run(row.seq);
  return teaserView(db, row, now, member);
}

export function hostOfferView(db: Db, row: OfferRow, now: Date): HostOffer {
  const pool = row.kind === 'unique' ? poolCounts(db, row) : undefined;
  return {
    ...teaserView(db, row, now),
    codesRemaining: pool?.remaining ?? null,
    codesTotal: pool?.total ?? null,
  };
}

/**
 * `POST …/offers/{o}/reveal` (active member): the member's code, the same on every call while
 * the offer runs. From `expiresAt` on, nobody gets a code (410), not even one revealed before.
 */
export function revealOffer(
  db: Db,
  community: string,
  id: string,
  member: MemberRow,
  now: Date,
): OfferReveal {
  return immediate(db, () => {
    const row = requireOffer(db, community, id);
    if (isExpired(row, now)) {
      throw new ApiError(
        'offer_expired',
        `This offer ended on ${row.expires_at}; its codes can no longer be revealed.`,
        { expiresAt: row.expires_at },
      );
    }
    const answer = (code: string, revealedAt: string): OfferReveal => ({
      offer: row.id,
      code,
      revealedAt,
      expiresAt: row.expires_at,
    });
    const own = revealOf(db, row, member.id);
    if (own) return answer(own.code, own.revealed_at);
    const at = now.toISOString();
    if (row.kind === 'shared') {
      sql(db, 'INSERT INTO offer_reveals (offer, member_id, revealed_at) VALUES (?, ?, ?)').run(
        row.seq,
        member.id,
        at,
      );
      return answer(row.shared_code ?? '', at);
    }
    const claimed = sql(
      db,
      `UPDATE offer_codes SET member_id = ?, revealed_at = ?, taken_at = ?
       WHERE seq = (SELECT seq FROM offer_codes WHERE offer = ? AND taken_at IS NULL ORDER BY seq LIMIT 1)
       RETURNING code`,
    )
      .pluck()
      .get(member.id, at, at, row.seq) as string | undefined;
    if (claimed === undefined) {
      throw new ApiError('offer_exhausted', 'All the codes of this offer have been given out.');
    }
    return answer(claimed, at);
  });
}

/** `POST …/offers/{o}/copies`: counts a copy; only a member who revealed a code can copy it. */
export function recordCopy(db: Db, community: string, id: string, member: MemberRow): void {
  immediate(db, () => {
    const row = requireOffer(db, community, id);
    if (!revealOf(db, row, member.id)) {
      throw new ApiError('conflict', 'Reveal your code before copying it.');
    }
    sql(db, 'UPDATE offers SET copies = copies + 1 WHERE seq = ?').run(row.seq);
  });
}

function redemptionView(row: RedemptionRow, offer: OfferRow): Redemption {
  return {
    id: row.id,
    offer: offer.id,
    orderId: row.order_id,
    memberId: row.member_id,
    amount: row.amount,
    currency: row.currency,
    orderedAt: row.ordered_at,
    flags: JSON.parse(row.flags) as RedemptionFlag[],
  };
}

/**
 * `POST …/offers/{o}/redemptions` (host): records an order that used a code. Idempotent on the
 * order id: the same order id again answers 200 with the first record, whatever the new body
 * says. Attribution follows the code: a unique code names the member it was revealed to; a
 * shared code names nobody (`memberId: null`). A unique code used before anyone revealed it
 * leaves the pool, so it is never handed out afterwards.
 */
export function recordRedemption(
  db: Db,
  community: string,
  id: string,
  input: RedemptionRequest,
  now: Date,
): { status: 200 | 201; body: Redemption } {
  return immediate(db, () => {
    const offer = requireOffer(db, community, id);
    const earlier = sql(db, 'SELECT * FROM redemptions WHERE offer = ? AND order_id = ?').get(
      offer.seq,
      input.orderId,
    ) as RedemptionRow | undefined;
    if (earlier) return { status: 200 as const, body: redemptionView(earlier, offer) };

    const codeHash = sha256(input.code);
    const orderedAt = new Date(input.orderedAt ?? now).toISOString();
    const flags: RedemptionFlag[] = [];
    let memberId: string | null = null;
    if (offer.kind === 'unique') {
      const code = sql(
        db,
        'SELECT seq, member_id, taken_at FROM offer_codes WHERE offer = ? AND code = ?',
      ).get(offer.seq, input.code) as
        { seq: number; member_id: string | null; taken_at: string | null } | undefined;
      if (!code) {
        flags.push('unknown_code');
      } else {
        memberId = code.member_id;
        const used = sql(db, 'SELECT 1 FROM redemptions WHERE offer = ? AND code_hash = ? LIMIT 1')
          .pluck()
          .get(offer.seq, codeHash);
        if (used !== undefined) flags.push('duplicate');
        if (code.taken_at === null) {
          sql(db, 'UPDATE offer_codes SET taken_at = ? WHERE seq = ?').run(
            now.toISOString(),
            code.seq,
          );
        }
      }
    } else if (input.code !== offer.shared_code) {
      flags.push('unknown_code');
    }
    if (Date.parse(orderedAt) >= Date.parse(offer.expires_at)) flags.push('after_expiry');

    const row = sql(
      db,
      `INSERT INTO redemptions (id, offer, order_id, code_hash, member_id, amount, currency,
         ordered_at, flags, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
    ).get(
      `red_${randomBytes(12).toString('base64url')}`,
      offer.seq,
      input.orderId,
      codeHash,
      memberId,
      input.amount,
      input.currency,
      orderedAt,
      JSON.stringify(flags),
      now.toISOString(),
    ) as RedemptionRow;
    return { status: 201 as const, body: redemptionView(row, offer) };
  });
}

/** Whether the offer has been used: a code revealed or taken, or an order reported. */
const inUse = (db: Db, row: OfferRow): boolean =>
  sql(
    db,
    `SELECT EXISTS (SELECT 1 FROM offer_codes WHERE offer = @offer AND taken_at IS NOT NULL)
         OR EXISTS (SELECT 1 FROM offer_reveals WHERE offer = @offer)
         OR EXISTS (SELECT 1 FROM redemptions WHERE offer = @offer)`,
  )
    .pluck()
    .get({ offer: row.seq }) === 1;

/**
 * `PUT …/host/offers/{o}`: creates the offer (201) or changes it (200). Its kind cannot
 * change once a code was revealed or an order reported (409); a unique offer turned shared
 * before that loses its (unused) pool.
 */
export function putOffer(
  db: Db,
  community: string,
  id: string,
  input: OfferInput,
  now: Date,
): { status: 200 | 201; body: HostOffer } {
  return immediate(db, () => {
    const at = now.toISOString();
    const fields = [
      input.title,
      input.benefit,
      input.conditions,
      new Date(input.expiresAt).toISOString(),
      input.disclosure,
      input.kind,
      input.kind === 'shared' ? (input.sharedCode ?? null) : null,
    ];
    const existing = findOffer(db, community, id);
    if (!existing) {
      sql(
        db,
        `INSERT INTO offers (community, id, title, benefit, conditions, expires_at, disclosure,
           kind, shared_code, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(community, id, ...fields, at, at);
      return {
        status: 201 as const,
        body: hostOfferView(db, requireOffer(db, community, id), now),
      };
    }
    if (existing.kind !== input.kind) {
      if (inUse(db, existing)) {
        throw new ApiError(
          'conflict',
          `The offer "${id}" is ${existing.kind} and already in use (codes revealed or orders reported); its kind cannot change. Create a new offer instead.`,
        );
      }
      sql(db, 'DELETE FROM offer_codes WHERE offer = ?').run(existing.seq);
    }
    sql(
      db,
      `UPDATE offers SET title = ?, benefit = ?, conditions = ?, expires_at = ?, disclosure = ?,
         kind = ?, shared_code = ?, updated_at = ? WHERE seq = ?`,
    ).run(...fields, at, existing.seq);
    return { status: 200 as const, body: hostOfferView(db, requireOffer(db, community, id), now) };
  });
}

/**
 * Adds unique codes to the offer's pool, in the given order; codes already in the pool or
 * repeated in the list are skipped and counted as duplicates. A shared offer has no pool (409).
 */
export function importCodes(
  db: Db,
  community: string,
  id: string,
  codes: readonly string[],
): CodesImportResult {
  return immediate(db, () => {
    const row = requireOffer(db, community, id);
    if (row.kind !== 'unique') {
      throw new ApiError(
        'conflict',
        `The offer "${id}" is shared: it has one code (sharedCode), not a pool of unique codes.`,
      );
    }
    const insert = sql(db, 'INSERT OR IGNORE INTO offer_codes (offer, code) VALUES (?, ?)');
    let added = 0;
    for (const code of codes) added += insert.run(row.seq, code).changes;
    const pool = poolCounts(db, row);
    return {
      added,
      duplicates: codes.length - added,
      codesTotal: pool.total,
      codesRemaining: pool.remaining,
    };
  });
}

const roundAmount = (amount: number): number => Math.round(amount * 1e6) / 1e6;

/** `GET …/host/offers/{o}/funnel`: teaser views → reveals → copies → redemptions, and revenue. */
export function offerFunnel(db: Db, community: string, id: string, now: Date): OfferFunnel {
  const row = requireOffer(db, community, id);
  const reveals = sql(
    db,
    row.kind === 'unique'
      ? 'SELECT COUNT(*) FROM offer_codes WHERE offer = ? AND revealed_at IS NOT NULL'
      : 'SELECT COUNT(*) FROM offer_reveals WHERE offer = ?',
  )
    .pluck()
    .get(row.seq) as number;
  const orders = sql(
    db,
    `SELECT COUNT(*) AS redemptions, COUNT(*) FILTER (WHERE flags != '[]') AS flagged
     FROM redemptions WHERE offer = ?`,
  ).get(row.seq) as { redemptions: number; flagged: number };
  const revenue = sql(
    db,
    `SELECT currency, SUM(amount) AS amount FROM redemptions
     WHERE offer = ? AND flags = '[]' GROUP BY currency ORDER BY currency`,
  ).all(row.seq) as { currency: string; amount: number }[];
  const recent = sql(db, 'SELECT * FROM redemptions WHERE offer = ? ORDER BY seq DESC LIMIT ?').all(
    row.seq,
    FUNNEL_RECENT,
  ) as RedemptionRow[];
  return {
    offer: hostOfferView(db, row, now),
    teaserViews: row.teaser_views,
    reveals,
    copies: row.copies,
    ...orders,
    revenue: revenue.map((r) => ({ currency: r.currency, amount: roundAmount(r.amount) })),
    recent: recent.map((r) => redemptionView(r, row)),
  };
}

/** Export (GDPR art. 15 and 20): the codes revealed to the member, unique and shared. */
export function memberOffersExport(
  db: Db,
  member: MemberRow,
): Required<Pick<MemberExport, 'offers'>> {
  const rows = sql(
    db,
    `SELECT o.id AS offer, c.code AS code, c.revealed_at AS revealedAt
       FROM offer_codes c JOIN offers o ON o.seq = c.offer
      WHERE c.member_id = ? AND c.revealed_at IS NOT NULL
     UNION ALL
     SELECT o.id, o.shared_code, r.revealed_at
       FROM offer_reveals r JOIN offers o ON o.seq = r.offer
      WHERE r.member_id = ? AND o.shared_code IS NOT NULL
     ORDER BY revealedAt`,
  ).all(member.id, member.id) as { offer: string; code: string; revealedAt: string }[];
  return { offers: rows };
}
