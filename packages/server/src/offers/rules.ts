/**
 * Offers: community-only promo codes, shared (one code for every member) or unique (one
 * single-use code per member, drawn from a pool). Every decision that reads then writes runs
 * in one write transaction, so two members never draw the same code, also from several
 * processes on the same database.
 *
 * Codes never leave this module except in a reveal answer to the member they belong to:
 * error messages name offers and orders, never a code.
 */
import {
  CODE_ALPHABET,
  type CodesImportResult,
  type HostOffer,
  type MemberExport,
  type OfferFunnel,
  type OfferInput,
  type OfferReveal,
  type OfferTeaser,
  type Redemption,
  type RedemptionFlag,
  type RedemptionRequest,
} from '@cercle/client';
import { newId, randomInt, sha256 } from '../core/crypto.js';
import { ApiError } from '../core/errors.js';
import { idempotent, type IdempotentAnswer } from '../core/idempotency.js';
import { audit, SYSTEM, type Actor } from '../audit/rules.js';
import { notify } from '../webhooks/outbox.js';
import type { MemberRow, OfferRow, RedemptionRow } from '../store/rows.js';
import type { Sql, Store } from '../store/store.js';
import {
  recordActivity,
  recordOfferStep,
  recordRedemption as rollUpRedemption,
} from '../kpis/activity.js';

/** How many recent redemptions the funnel lists. */
export const FUNNEL_RECENT = 20;

/** A random code: the prefix, then 8 characters of CODE_ALPHABET (31⁸ ≈ 8.5 × 10¹¹ possibilities). */
export function randomCode(prefix: string): string {
  let tail = '';
  for (let i = 0; i < 8; i++) tail += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return prefix + tail;
}

export const findOffer = (db: Sql, community: string, id: string) =>
  db.get<OfferRow>('SELECT * FROM offers WHERE community = ? AND id = ?', community, id);

export async function requireOffer(db: Sql, community: string, id: string): Promise<OfferRow> {
  const row = await findOffer(db, community, id);
  if (!row) throw new ApiError('not_found', `No offer "${id}" in "${community}".`);
  return row;
}

const isExpired = (row: OfferRow, at: Date): boolean => at.getTime() >= Date.parse(row.expires_at);

const poolCounts = async (db: Sql, row: OfferRow): Promise<{ total: number; remaining: number }> =>
  (await db.get<{ total: number; remaining: number }>(
    `SELECT CAST(COUNT(*) AS INTEGER) AS total,
            CAST(COUNT(*) FILTER (WHERE taken_at IS NULL) AS INTEGER) AS remaining
     FROM offer_codes WHERE offer = ?`,
    row.seq,
  )) ?? { total: 0, remaining: 0 };

/** `expired` from `expiresAt` on; `exhausted` when a unique pool has no free code left. */
async function offerStatus(db: Sql, row: OfferRow, now: Date): Promise<OfferTeaser['status']> {
  if (isExpired(row, now)) return 'expired';
  if (row.paused) return 'paused';
  if (row.kind === 'unique' && (await poolCounts(db, row)).remaining === 0) return 'exhausted';
  return 'active';
}

/** The member's code and when they revealed it, if they did. */
async function revealOf(
  db: Sql,
  row: OfferRow,
  memberId: string,
): Promise<{ code: string; revealed_at: string } | undefined> {
  if (row.kind === 'unique') {
    return db.get<{ code: string; revealed_at: string }>(
      'SELECT code, revealed_at FROM offer_codes WHERE offer = ? AND member_id = ?',
      row.seq,
      memberId,
    );
  }
  const revealedAt = await db.value<string>(
    'SELECT revealed_at FROM offer_reveals WHERE offer = ? AND member_id = ?',
    row.seq,
    memberId,
  );
  return revealedAt === undefined
    ? undefined
    : { code: row.shared_code ?? '', revealed_at: revealedAt };
}

async function teaserView(
  db: Sql,
  row: OfferRow,
  now: Date,
  member?: MemberRow,
): Promise<OfferTeaser> {
  return {
    id: row.id,
    community: row.community,
    title: row.title,
    benefit: row.benefit,
    conditions: row.conditions,
    expiresAt: row.expires_at,
    disclosure: row.disclosure,
    kind: row.kind,
    status: await offerStatus(db, row, now),
    revealedByMe: member !== undefined && (await revealOf(db, row, member.id)) !== undefined,
  };
}

/**
 * `GET …/offers/{o}`: the public teaser, counted as a teaser view. The status is the offer's
 * (an `exhausted` pool says so to everyone); a member who holds a code sees `revealedByMe`
 * and can still reveal it again.
 */
export function offerTeaser(
  store: Store,
  community: string,
  id: string,
  now: Date,
  member?: MemberRow,
): Promise<OfferTeaser> {
  return store.write(community, async (tx) => {
    const row = await requireOffer(tx, community, id);
    await tx.run('UPDATE offers SET teaser_views = teaser_views + 1 WHERE seq = ?', row.seq);
    await recordOfferStep(tx, row.seq, 'views', now);
    return teaserView(tx, row, now, member);
  });
}

export async function hostOfferView(db: Sql, row: OfferRow, now: Date): Promise<HostOffer> {
  const pool = row.kind === 'unique' ? await poolCounts(db, row) : undefined;
  return {
    ...(await teaserView(db, row, now)),
    codesRemaining: pool?.remaining ?? null,
    codesTotal: pool?.total ?? null,
    paused: row.paused === 1,
  };
}

/** Host: every offer of the community, newest first. */
export async function hostOffers(db: Sql, community: string, now: Date): Promise<HostOffer[]> {
  const rows = await db.all<OfferRow>(
    'SELECT * FROM offers WHERE community = ? ORDER BY created_at DESC, seq DESC',
    community,
  );
  const out: HostOffer[] = [];
  for (const row of rows) out.push(await hostOfferView(db, row, now));
  return out;
}

/**
 * `POST …/offers/{o}/reveal` (active member): the member's code, the same on every call while
 * the offer runs. From `expiresAt` on, nobody gets a code (410), not even one revealed before.
 */
export function revealOffer(
  store: Store,
  community: string,
  id: string,
  member: MemberRow,
  now: Date,
): Promise<OfferReveal> {
  return store.write(community, async (tx) => {
    const row = await requireOffer(tx, community, id);
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
    const own = await revealOf(tx, row, member.id);
    if (own) return answer(own.code, own.revealed_at);
    if (row.paused) {
      throw new ApiError('conflict', 'This offer is paused; no new code is given out for now.', {
        status: 'paused',
      });
    }
    const at = now.toISOString();
    const revealed = async () => {
      await notify(tx, community, 'offer.revealed', { offer: row.id, member: member.id }, {}, now);
      await recordActivity(tx, community, member.id, 'reveal', now);
      await recordOfferStep(tx, row.seq, 'reveals', now);
    };
    if (row.kind === 'shared') {
      await tx.run(
        'INSERT INTO offer_reveals (offer, member_id, revealed_at) VALUES (?, ?, ?)',
        row.seq,
        member.id,
        at,
      );
      await revealed();
      return answer(row.shared_code ?? '', at);
    }
    const claimed = await tx.value<string>(
      `UPDATE offer_codes SET member_id = ?, revealed_at = ?, taken_at = ?
       WHERE seq = (SELECT seq FROM offer_codes WHERE offer = ? AND taken_at IS NULL ORDER BY seq LIMIT 1)
       RETURNING code`,
      member.id,
      at,
      at,
      row.seq,
    );
    if (claimed === undefined) {
      throw new ApiError('offer_exhausted', 'All the codes of this offer have been given out.');
    }
    await revealed();
    return answer(claimed, at);
  });
}

/** `POST …/offers/{o}/copies`: counts a copy; only a member who revealed a code can copy it. */
export function recordCopy(
  store: Store,
  community: string,
  id: string,
  member: MemberRow,
  now: Date,
  idempotencyKey?: string,
): Promise<IdempotentAnswer<204, null>> {
  const scope = { community, route: 'copyOffer', key: idempotencyKey, request: [member.id, id] };
  return store.write(community, (tx) =>
    idempotent(tx, scope, now, async () => {
      const row = await requireOffer(tx, community, id);
      if (!(await revealOf(tx, row, member.id))) {
        throw new ApiError('conflict', 'Reveal your code before copying it.');
      }
      await tx.run('UPDATE offers SET copies = copies + 1 WHERE seq = ?', row.seq);
      await recordActivity(tx, community, member.id, 'copy', now);
      await recordOfferStep(tx, row.seq, 'copies', now);
      return { status: 204 as const, body: null, memberId: member.id };
    }),
  );
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
  store: Store,
  community: string,
  id: string,
  input: RedemptionRequest,
  now: Date,
): Promise<{ status: 200 | 201; body: Redemption }> {
  return store.write(community, async (tx) => {
    const offer = await requireOffer(tx, community, id);
    const earlier = await tx.get<RedemptionRow>(
      'SELECT * FROM redemptions WHERE offer = ? AND order_id = ?',
      offer.seq,
      input.orderId,
    );
    if (earlier) return { status: 200 as const, body: redemptionView(earlier, offer) };

    const codeHash = await sha256(input.code);
    const orderedAt = new Date(input.orderedAt ?? now).toISOString();
    const flags: RedemptionFlag[] = [];
    let memberId: string | null = null;
    if (offer.kind === 'unique') {
      const code = await tx.get<{ seq: number; member_id: string | null; taken_at: string | null }>(
        'SELECT seq, member_id, taken_at FROM offer_codes WHERE offer = ? AND code = ?',
        offer.seq,
        input.code,
      );
      if (!code) {
        flags.push('unknown_code');
      } else {
        memberId = code.member_id;
        const used = await tx.get(
          'SELECT 1 FROM redemptions WHERE offer = ? AND code_hash = ? LIMIT 1',
          offer.seq,
          codeHash,
        );
        if (used !== undefined) flags.push('duplicate');
        if (code.taken_at === null) {
          await tx.run(
            'UPDATE offer_codes SET taken_at = ? WHERE seq = ?',
            now.toISOString(),
            code.seq,
          );
        }
      }
    } else if (input.code !== offer.shared_code) {
      flags.push('unknown_code');
    }
    if (Date.parse(orderedAt) >= Date.parse(offer.expires_at)) flags.push('after_expiry');

    const row = (await tx.get<RedemptionRow>(
      `INSERT INTO redemptions (id, offer, order_id, code_hash, member_id, amount, currency,
         ordered_at, flags, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
      newId('red'),
      offer.seq,
      input.orderId,
      codeHash,
      memberId,
      input.amount,
      input.currency,
      orderedAt,
      JSON.stringify(flags),
      now.toISOString(),
    )) as RedemptionRow;
    await notify(
      tx,
      community,
      'offer.redeemed',
      {
        offer: offer.id,
        redemption: row.id,
        orderId: row.order_id,
        member: memberId,
        amount: row.amount,
        currency: row.currency,
        flags,
      },
      {},
      now,
    );
    await rollUpRedemption(tx, community, row.amount, row.currency, now, offer.seq);
    return { status: 201 as const, body: redemptionView(row, offer) };
  });
}

/** Whether the offer has been used: a code revealed or taken, or an order reported. */
const inUse = async (db: Sql, row: OfferRow): Promise<boolean> =>
  (await db.value<number>(
    `SELECT CASE WHEN EXISTS (SELECT 1 FROM offer_codes WHERE offer = ? AND taken_at IS NOT NULL)
              OR EXISTS (SELECT 1 FROM offer_reveals WHERE offer = ?)
              OR EXISTS (SELECT 1 FROM redemptions WHERE offer = ?) THEN 1 ELSE 0 END`,
    row.seq,
    row.seq,
    row.seq,
  )) === 1;

/**
 * Creates the offer (201) or changes it (200). Its kind cannot change once a code was
 * revealed or an order reported (409); a unique offer turned shared before that loses its
 * (unused) pool. Call inside a write.
 */
export async function writeOffer(
  tx: Sql,
  community: string,
  id: string,
  input: OfferInput,
  now: Date,
): Promise<{ status: 200 | 201; body: HostOffer }> {
  const at = now.toISOString();
  const fields = [
    input.title,
    input.benefit,
    input.conditions,
    new Date(input.expiresAt).toISOString(),
    input.disclosure,
    input.kind,
    input.kind === 'shared' ? (input.sharedCode ?? null) : null,
    input.paused ? 1 : 0,
  ];
  const existing = await findOffer(tx, community, id);
  if (!existing) {
    await tx.run(
      `INSERT INTO offers (community, id, title, benefit, conditions, expires_at, disclosure,
         kind, shared_code, paused, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      community,
      id,
      ...fields,
      at,
      at,
    );
    return {
      status: 201 as const,
      body: await hostOfferView(tx, await requireOffer(tx, community, id), now),
    };
  }
  if (existing.kind !== input.kind) {
    if (await inUse(tx, existing)) {
      throw new ApiError(
        'conflict',
        `The offer "${id}" is ${existing.kind} and already in use (codes revealed or orders reported); its kind cannot change. Create a new offer instead.`,
      );
    }
    await tx.run('DELETE FROM offer_codes WHERE offer = ?', existing.seq);
  }
  await tx.run(
    `UPDATE offers SET title = ?, benefit = ?, conditions = ?, expires_at = ?, disclosure = ?,
       kind = ?, shared_code = ?, paused = ?, updated_at = ? WHERE seq = ?`,
    ...fields,
    at,
    existing.seq,
  );
  return {
    status: 200 as const,
    body: await hostOfferView(tx, await requireOffer(tx, community, id), now),
  };
}

/** `PUT …/host/offers/{o}`: `writeOffer` in its own transaction, audited. */
export const putOffer = (
  store: Store,
  community: string,
  id: string,
  input: OfferInput,
  now: Date,
  actor: Actor = SYSTEM,
): Promise<{ status: 200 | 201; body: HostOffer }> =>
  store.write(community, async (tx) => {
    const result = await writeOffer(tx, community, id, input, now);
    const { sharedCode: _code, ...details } = input;
    await audit(
      tx,
      community,
      actor,
      {
        action: result.status === 201 ? 'offer.created' : 'offer.updated',
        target: { kind: 'offer', id },
        details,
      },
      now,
    );
    return result;
  });

/**
 * Adds unique codes to the offer's pool, in the given order; codes already in the pool or
 * repeated in the list are skipped and counted as duplicates. A shared offer has no pool (409).
 * Call inside a write.
 */
export async function addCodes(
  tx: Sql,
  community: string,
  id: string,
  codes: readonly string[],
): Promise<CodesImportResult> {
  const row = await requireOffer(tx, community, id);
  if (row.kind !== 'unique') {
    throw new ApiError(
      'conflict',
      `The offer "${id}" is shared: it has one code (sharedCode), not a pool of unique codes.`,
    );
  }
  let added = 0;
  for (const code of codes) {
    added += (
      await tx.run(
        'INSERT INTO offer_codes (offer, code) VALUES (?, ?) ON CONFLICT DO NOTHING',
        row.seq,
        code,
      )
    ).changes;
  }
  const pool = await poolCounts(tx, row);
  return {
    added,
    duplicates: codes.length - added,
    codesTotal: pool.total,
    codesRemaining: pool.remaining,
  };
}

/** `POST …/host/offers/{o}/codes`: `addCodes` in its own transaction. */
export function importCodes(
  store: Store,
  community: string,
  id: string,
  codes: readonly string[],
  now = new Date(),
  idempotencyKey?: string,
  actor: Actor = SYSTEM,
): Promise<IdempotentAnswer<200, CodesImportResult>> {
  const scope = { community, route: 'importCodes', key: idempotencyKey, request: [id, codes] };
  return store.write(community, (tx) =>
    idempotent(tx, scope, now, async () => {
      const body = await addCodes(tx, community, id, codes);
      await audit(
        tx,
        community,
        actor,
        {
          action: 'offer.codes_imported',
          target: { kind: 'offer', id },
          details: { added: body.added, duplicates: body.duplicates },
        },
        now,
      );
      return { status: 200 as const, body, memberId: null };
    }),
  );
}

const roundAmount = (amount: number): number => Math.round(amount * 1e6) / 1e6;

/** `GET …/host/offers/{o}/funnel`: teaser views → reveals → copies → redemptions, and revenue. */
export async function offerFunnel(
  db: Sql,
  community: string,
  id: string,
  now: Date,
): Promise<OfferFunnel> {
  const row = await requireOffer(db, community, id);
  const reveals =
    (await db.value<number>(
      row.kind === 'unique'
        ? 'SELECT CAST(COUNT(*) AS INTEGER) FROM offer_codes WHERE offer = ? AND revealed_at IS NOT NULL'
        : 'SELECT CAST(COUNT(*) AS INTEGER) FROM offer_reveals WHERE offer = ?',
      row.seq,
    )) ?? 0;
  const orders = (await db.get<{ redemptions: number; flagged: number }>(
    `SELECT CAST(COUNT(*) AS INTEGER) AS redemptions,
            CAST(COUNT(*) FILTER (WHERE flags != '[]') AS INTEGER) AS flagged
     FROM redemptions WHERE offer = ?`,
    row.seq,
  )) ?? { redemptions: 0, flagged: 0 };
  const revenue = await db.all<{ currency: string; amount: number }>(
    `SELECT currency, SUM(amount) AS amount FROM redemptions
     WHERE offer = ? AND flags = '[]' GROUP BY currency ORDER BY currency`,
    row.seq,
  );
  const recent = await db.all<RedemptionRow>(
    'SELECT * FROM redemptions WHERE offer = ? ORDER BY seq DESC LIMIT ?',
    row.seq,
    FUNNEL_RECENT,
  );
  return {
    offer: await hostOfferView(db, row, now),
    teaserViews: row.teaser_views,
    reveals,
    copies: row.copies,
    redemptions: orders.redemptions,
    flagged: orders.flagged,
    revenue: revenue.map((r) => ({ currency: r.currency, amount: roundAmount(r.amount) })),
    recent: recent.map((r) => redemptionView(r, row)),
  };
}

/** Export (GDPR art. 15 and 20): the codes revealed to the member, unique and shared. */
export async function memberOffersExport(
  db: Sql,
  member: MemberRow,
): Promise<Required<Pick<MemberExport, 'offers'>>> {
  const rows = await db.all<{ offer: string; code: string; revealedAt: string }>(
    `SELECT o.id AS offer, c.code AS code, c.revealed_at AS "revealedAt"
       FROM offer_codes c JOIN offers o ON o.seq = c.offer
      WHERE c.member_id = ? AND c.revealed_at IS NOT NULL
     UNION ALL
     SELECT o.id, o.shared_code, r.revealed_at
       FROM offer_reveals r JOIN offers o ON o.seq = r.offer
      WHERE r.member_id = ? AND o.shared_code IS NOT NULL
     ORDER BY "revealedAt"`,
    member.id,
    member.id,
  );
  return { offers: rows.map((r) => ({ offer: r.offer, code: r.code, revealedAt: r.revealedAt })) };
}
