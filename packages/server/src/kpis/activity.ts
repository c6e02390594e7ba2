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

/** The members of the community now, any status (hosts are separate accounts). */
const MEMBERS_NOW = 'SELECT CAST(COUNT(*) AS INTEGER) FROM members WHERE community = ?';

/** The members at the end of the latest earlier day with a row (0 when none). */
const MEMBERS_BEFORE = `COALESCE((SELECT p.members FROM kpi_daily p WHERE p.community = ? AND p.day < ?
  ORDER BY p.day DESC LIMIT 1), 0)`;

/** Adds `by` to one counter of the day's row, creating the row (members carried over). */
async function bump(tx: Sql, community: string, day: string, column: string, by = 1) {
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

/** A member's contribution: one `activity` row and the day's counter. */
export async function recordActivity(
  tx: Sql,
  community: string,
  memberId: string,
  kind: ActivityKind,
  now: Date,
): Promise<void> {
  const day = utcDay(now);
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

/** A reported order: the day's redemptions, and its amount in its currency. */
export async function recordRedemption(
  tx: Sql,
  community: string,
  amount: number,
  currency: string,
  now: Date,
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
}
