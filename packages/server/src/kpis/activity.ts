/**
 * What the KPIs are computed from, written in the transaction of each change (like `notify`
 * and `audit`), so the figures and the data never disagree and reading never scans history:
 *
 * - `activity`: one row per contribution (community, member id, kind, UTC day). The member id
 *   becomes null when the member is erased (ON DELETE SET NULL): the row still counts in
 *   past daily totals, the member no longer counts as active anywhere.
 * - `kpi_daily`: per community and UTC day, counters bumped by UPSERTs.
 * - `kpi_revenue`: redemptions and their amounts per community, day and currency.
 * - `member_exits`: the join day (no member id) of each member who left, for cohort sizes.
 * - `member_activity`: each member's latest contribution day (gone with the member), from which
 *   the active counts of today are read; the counts of a past day are frozen into `kpi_daily`
 *   by the first contribution of a later day (`closeDays`), so an erasure changes no past day.
 * - `kpi_offers`, `kpi_offer_revenue`: each offer's funnel and revenue per day.
 *
 * No IP address, name, email or text is stored in any of them. See docs/kpis.md.
 */
import type { Sql } from '../store/store.js';

export type ActivityKind = 'question' | 'vote' | 'testimonial' | 'report' | 'reveal' | 'copy';

/** The `kpi_daily` counter each kind of contribution bumps (the demo history uses it too). */
export const COUNTER = {
  question: 'questions',
  vote: 'votes',
  testimonial: 'testimonials_submitted',
  report: 'reports',
  reveal: 'reveals',
  copy: 'copies',
} as const satisfies Record<ActivityKind, string>;

/** The UTC day of an instant, `YYYY-MM-DD`. */
export const utcDay = (at: Date | string): string =>
  (typeof at === 'string' ? at : at.toISOString()).slice(0, 10);

const DAY_MS = 86_400_000;
/** Days since 1970-01-01 of a `YYYY-MM-DD` day, and back. */
export const dayNumber = (day: string): number =>
  Math.floor(Date.parse(`${day}T00:00:00.000Z`) / DAY_MS);
export const dayString = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** The rolling windows of "active members", in days. */
export const ACTIVE_WINDOWS = [1, 7, 28] as const;
/** A first contribution on day 0–6 of membership activates a member. */
export const ACTIVATION_DAYS = 7;

/**
 * The members of the community now, any status (hosts are separate accounts): the kept
 * counts (migration 10), so a join or a leave does not count the whole community.
 */
const MEMBERS_NOW = 'SELECT member_count + waitlist_count FROM communities WHERE slug = ?';

/** The members at the end of the latest earlier day with a row (0 when none). */
const MEMBERS_BEFORE = `COALESCE((SELECT p.members FROM kpi_daily p WHERE p.community = ? AND p.day < ?
  ORDER BY p.day DESC LIMIT 1), 0)`;

/** Adds `by` to one counter of the day's row, creating the row (members carried over). */
export async function bump(tx: Sql, community: string, day: string, column: string, by = 1) {
  await tx.run(
    `INSERT INTO kpi_daily (community, day, members, ${column}) VALUES (?, ?, ${MEMBERS_BEFORE}, ?)
     ON CONFLICT (community, day) DO UPDATE SET ${column} = kpi_daily.${column} + excluded.${column}`,
    community,
    day,
    community,
    day,
    by,
  );
}

/** The active counts of the days ending each `last_day`-set at day `d`: 1, 7 and 28 days. */
const ACTIVE_AT = `SELECT CAST(COALESCE(SUM(CASE WHEN last_day > ? THEN 1 ELSE 0 END), 0) AS INTEGER) AS d1,
  CAST(COALESCE(SUM(CASE WHEN last_day > ? THEN 1 ELSE 0 END), 0) AS INTEGER) AS d7,
  CAST(COUNT(*) AS INTEGER) AS d28
  FROM member_activity WHERE community = ? AND last_day > ? AND last_day <= ?`;

/** Active members in the 1, 7 and 28 days ending day `d`, from the members' latest contributions. */
export async function activeAt(
  db: Sql,
  community: string,
  d: number,
): Promise<{ d1: number; d7: number; d28: number }> {
  return (await db.get<{ d1: number; d7: number; d28: number }>(
    ACTIVE_AT,
    dayString(d - 1),
    dayString(d - 7),
    community,
    dayString(d - 28),
    dayString(d),
  )) as { d1: number; d7: number; d28: number };
}

/**
 * Freezes the active counts of the days before `day` that are not closed yet into `kpi_daily`
 * (rows up to 27 days after the latest contribution; later days count nobody). Called by the
 * first contribution of a day, before it is recorded, so every contribution since the last
 * closed day was made on the day after it and the latest days tell the counts exactly.
 */
export async function closeDays(tx: Sql, community: string, day: string): Promise<void> {
  const through = dayNumber(day) - 1;
  const closed = await tx.value<string>(
    'SELECT closed_through FROM kpi_state WHERE community = ?',
    community,
  );
  if (closed !== undefined && dayNumber(closed) >= through) return;
  const newest = await tx.value<string | null>(
    'SELECT MAX(last_day) FROM member_activity WHERE community = ?',
    community,
  );
  if (closed !== undefined && newest) {
    const last = Math.min(through, dayNumber(newest) + 27);
    for (let d = dayNumber(closed) + 1; d <= last; d++) {
      const { d1, d7, d28 } = await activeAt(tx, community, d);
      await freezeDay(tx, community, d, [d1, d7, d28]);
    }
  }
  await closedThrough(tx, community, through);
}

/** Writes a closed day's active counts (1, 7, 28 days) on its row (members carried over). */
async function freezeDay(
  tx: Sql,
  community: string,
  d: number,
  [d1, d7, d28]: readonly [number, number, number],
): Promise<void> {
  await tx.run(
    `INSERT INTO kpi_daily (community, day, members, active1, active7, active28)
     VALUES (?, ?, ${MEMBERS_BEFORE}, ?, ?, ?)
     ON CONFLICT (community, day) DO UPDATE SET active1 = excluded.active1,
       active7 = excluded.active7, active28 = excluded.active28`,
    community,
    dayString(d),
    community,
    dayString(d),
    d1,
    d7,
    d28,
  );
}

/** Records that the active counts are frozen up to day `d`. */
async function closedThrough(tx: Sql, community: string, d: number): Promise<void> {
  await tx.run(
    `INSERT INTO kpi_state (community, closed_through) VALUES (?, ?)
     ON CONFLICT (community) DO UPDATE SET closed_through = excluded.closed_through`,
    community,
    dayString(d),
  );
}

/**
 * After history was written straight into `activity` (the demo's, a benchmark's): the members'
 * latest days, the join days' activated counts, and every day's active counts up to the day
 * before `today`, from the rows.
 */
export async function rebuildActivity(tx: Sql, community: string, today: string): Promise<void> {
  await tx.run('DELETE FROM member_activity WHERE community = ?', community);
  await tx.run(
    `INSERT INTO member_activity (member_id, community, last_day)
     SELECT member_id, community, MAX(day) FROM activity
     WHERE community = ? AND member_id IS NOT NULL GROUP BY member_id, community`,
    community,
  );
  // Activated: the members whose first contribution fell on day 0–6 of their membership.
  const firsts = await tx.all<{ joined_at: string; first_day: string | null }>(
    `SELECT m.joined_at, (SELECT MIN(a.day) FROM activity a WHERE a.member_id = m.id) AS first_day
     FROM members m WHERE m.community = ?`,
    community,
  );
  const activated = new Map<string, number>();
  for (const { joined_at: joinedAt, first_day: firstDay } of firsts) {
    const joinDay = utcDay(joinedAt);
    if (firstDay !== null && dayNumber(firstDay) - dayNumber(joinDay) < ACTIVATION_DAYS) {
      activated.set(joinDay, (activated.get(joinDay) ?? 0) + 1);
    }
  }
  await tx.run('UPDATE kpi_daily SET activated = 0 WHERE community = ?', community);
  for (const [joinDay, n] of activated) await bump(tx, community, joinDay, 'activated', n);
  const first = await tx.value<string | null>(
    'SELECT MIN(day) FROM activity WHERE community = ?',
    community,
  );
  if (!first) return;
  const pairs = await tx.all<{ member_id: string; day: string }>(
    `SELECT DISTINCT member_id, day FROM activity
     WHERE community = ? AND member_id IS NOT NULL AND day < ?`,
    community,
    today,
  );
  const start = dayNumber(first);
  const end = dayNumber(today) - 1;
  const counts = activeCounts(pairs, start, end);
  await tx.run(
    'UPDATE kpi_daily SET active1 = 0, active7 = 0, active28 = 0 WHERE community = ? AND day < ?',
    community,
    today,
  );
  for (let d = start; d <= end; d++) {
    const row = counts.get(d) as [number, number, number];
    if (row[2] > 0) await freezeDay(tx, community, d, row);
  }
  await closedThrough(tx, community, end);
}

/** Distinct members with a contribution in the 1, 7 and 28 days ending each day `from`–`to`. */
export function activeCounts(
  pairs: readonly { member_id: string; day: string }[],
  from: number,
  to: number,
): Map<number, [number, number, number]> {
  const daysOf = new Map<string, number[]>();
  for (const { member_id: id, day } of pairs) {
    const list = daysOf.get(id) ?? [];
    list.push(dayNumber(day));
    daysOf.set(id, list);
  }
  const counts = new Map<number, [number, number, number]>();
  for (let d = from; d <= to; d++) counts.set(d, [0, 0, 0]);
  for (const list of daysOf.values()) {
    const days = new Set(list);
    let last = -Infinity; // the member's latest contribution day so far
    for (let d = from - 27; d <= to; d++) {
      if (days.has(d)) last = d;
      if (d < from) continue;
      const row = counts.get(d) as [number, number, number];
      ACTIVE_WINDOWS.forEach((w, i) => {
        if (last > d - w) row[i] = (row[i] ?? 0) + 1;
      });
    }
  }
  return counts;
}

/**
 * A member's contribution: the days before are closed if this is the day's first, one
 * `activity` row, the day's counter, the member's latest day, and — when it is the member's
 * first contribution and falls on day 0–6 of their membership — their join day's `activated`.
 */
export async function recordActivity(
  tx: Sql,
  community: string,
  memberId: string,
  kind: ActivityKind,
  now: Date,
): Promise<void> {
  const day = utcDay(now);
  await closeDays(tx, community, day);
  const member = await tx.get<{ joined_at: string; last_day: string | null }>(
    `SELECT m.joined_at, a.last_day FROM members m
     LEFT JOIN member_activity a ON a.member_id = m.id WHERE m.id = ?`,
    memberId,
  );
  if (member && member.last_day === null) {
    const joinDay = utcDay(member.joined_at);
    if (dayNumber(day) - dayNumber(joinDay) < ACTIVATION_DAYS) {
      await bump(tx, community, joinDay, 'activated');
    }
  }
  await tx.run(
    `INSERT INTO member_activity (member_id, community, last_day) VALUES (?, ?, ?)
     ON CONFLICT (member_id) DO UPDATE SET last_day = excluded.last_day
     WHERE excluded.last_day > member_activity.last_day`,
    memberId,
    community,
    day,
  );
  await tx.run(
    'INSERT INTO activity (community, member_id, kind, day, at) VALUES (?, ?, ?, ?, ?)',
    community,
    memberId,
    kind,
    day,
    now.toISOString(),
  );
  await bump(tx, community, day, COUNTER[kind]);
}

/** A join (call after the member row is inserted): joins, waitlisted joins, members. */
export async function recordJoin(
  tx: Sql,
  community: string,
  status: 'active' | 'waitlisted',
  now: Date,
): Promise<void> {
  await tx.run(
    `INSERT INTO kpi_daily (community, day, members, joins, waitlisted) VALUES (?, ?, (${MEMBERS_NOW}), 1, ?)
     ON CONFLICT (community, day) DO UPDATE SET members = excluded.members,
       joins = kpi_daily.joins + 1, waitlisted = kpi_daily.waitlisted + excluded.waitlisted`,
    community,
    utcDay(now),
    community,
    status === 'waitlisted' ? 1 : 0,
  );
}

/** A leave or an erasure (call after the member row is deleted): an exit row, leaves, members. */
export async function recordLeave(
  tx: Sql,
  member: { community: string; joined_at: string },
  now: Date,
): Promise<void> {
  const day = utcDay(now);
  await tx.run(
    'INSERT INTO member_exits (community, join_day, left_day) VALUES (?, ?, ?)',
    member.community,
    utcDay(member.joined_at),
    day,
  );
  await tx.run(
    `INSERT INTO kpi_daily (community, day, members, leaves) VALUES (?, ?, (${MEMBERS_NOW}), 1)
     ON CONFLICT (community, day) DO UPDATE SET members = excluded.members,
       leaves = kpi_daily.leaves + 1`,
    member.community,
    day,
    member.community,
  );
}

/**
 * A testimonial approved (`by` 1) or an approved one rejected (`by` -1): counted on the day it
 * was submitted, so "approved ÷ submitted" over a range is the share of that range's
 * submissions approved so far.
 */
export async function recordApproval(
  tx: Sql,
  community: string,
  submittedAt: string,
  by: 1 | -1 = 1,
): Promise<void> {
  await bump(tx, community, utcDay(submittedAt), 'testimonials_approved', by);
}

/** A submitted testimonial's rating and photo, on the day's row (next to its `activity`). */
export async function recordTestimonial(
  tx: Sql,
  community: string,
  rating: number,
  withPhoto: boolean,
  now: Date,
): Promise<void> {
  const day = utcDay(now);
  await bump(tx, community, day, 'rating_sum', rating);
  if (withPhoto) await bump(tx, community, day, 'testimonials_photo');
}

/** One step of an offer's funnel on the day: a teaser view, a reveal or a copy. */
export async function recordOfferStep(
  tx: Sql,
  offer: number,
  step: 'views' | 'reveals' | 'copies',
  now: Date,
): Promise<void> {
  await tx.run(
    `INSERT INTO kpi_offers (offer, day, ${step}) VALUES (?, ?, 1)
     ON CONFLICT (offer, day) DO UPDATE SET ${step} = kpi_offers.${step} + 1`,
    offer,
    utcDay(now),
  );
}

/** A reported order: the day's redemptions, and its amount in its currency (overall and for its offer). */
export async function recordRedemption(
  tx: Sql,
  community: string,
  amount: number,
  currency: string,
  now: Date,
  offer?: number,
): Promise<void> {
  const day = utcDay(now);
  await bump(tx, community, day, 'redemptions');
  await tx.run(
    `INSERT INTO kpi_revenue (community, day, currency, redemptions, amount) VALUES (?, ?, ?, 1, ?)
     ON CONFLICT (community, day, currency) DO UPDATE SET
       redemptions = kpi_revenue.redemptions + 1, amount = kpi_revenue.amount + excluded.amount`,
    community,
    day,
    currency,
    amount,
  );
  if (offer === undefined) return;
  await tx.run(
    `INSERT INTO kpi_offers (offer, day, redemptions) VALUES (?, ?, 1)
     ON CONFLICT (offer, day) DO UPDATE SET redemptions = kpi_offers.redemptions + 1`,
    offer,
    day,
  );
  await tx.run(
    `INSERT INTO kpi_offer_revenue (offer, day, currency, redemptions, amount) VALUES (?, ?, ?, 1, ?)
     ON CONFLICT (offer, day, currency) DO UPDATE SET
       redemptions = kpi_offer_revenue.redemptions + 1, amount = kpi_offer_revenue.amount + excluded.amount`,
    offer,
    day,
    currency,
    amount,
  );
}
