/**
 * KPIs of a community over a range of UTC days, read from the daily rollups (`kpi_daily`,
 * `kpi_revenue`), the contributions of the range (`activity`, by day), the members' join days
 * and `member_exits`; nothing here reads a whole history. Formulas: docs/kpis.md.
 *
 * k-anonymity: a figure derived from fewer than `KPI_MIN_MEMBERS` members is `{ suppressed:
 * true }`: a count of members when it is under 5, a ratio when its denominator is, a count
 * of actions when fewer than 5 (still known) members made them.
 */
import { KPI_MIN_MEMBERS, type KpiCell, type KpiQuery, type Kpis } from '@cercle/client/admin';
import type * as v from 'valibot';
import { invalid } from '../core/errors.js';
import type { Sql } from '../store/store.js';
import { utcDay } from './activity.js';

const DAY_MS = 86_400_000;
/** The longest range, in days. */
export const MAX_RANGE_DAYS = 366;
/** The default range, in days, ending today. */
export const DEFAULT_RANGE_DAYS = 28;
const WINDOWS = [1, 7, 28] as const;
const RETENTION_DAYS = [30, 60, 90] as const;

const dayNumber = (day: string): number => Math.floor(Date.parse(`${day}T00:00:00.000Z`) / DAY_MS);
const dayString = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** A count of members (or of actions by `members` members). */
export const countCell = (value: number, members = value): KpiCell =>
  members < KPI_MIN_MEMBERS ? { suppressed: true } : { value };

/** `num ÷ den`, to 4 decimals; null over nothing, suppressed under 5 members. */
export const ratioCell = (num: number, den: number): KpiCell | null =>
  den === 0
    ? null
    : den < KPI_MIN_MEMBERS
      ? { suppressed: true }
      : { value: Math.round((num / den) * 10_000) / 10_000 };

/** The validated range: `[from, to]` as day numbers. */
export function kpiRange(query: v.InferOutput<typeof KpiQuery>, now: Date): [number, number] {
  for (const key of ['from', 'to'] as const) {
    const day = query[key];
    if (
      day !== undefined &&
      (!Number.isFinite(dayNumber(day)) || dayString(dayNumber(day)) !== day)
    ) {
      throw invalid('Some query parameters are missing or invalid.', [
        { path: key, message: 'no such day' },
      ]);
    }
  }
  const to = dayNumber(query.to ?? utcDay(now));
  const from = query.from !== undefined ? dayNumber(query.from) : to - DEFAULT_RANGE_DAYS + 1;
  if (from > to) {
    throw invalid('The range starts after it ends.', [
      { path: 'from', message: 'must be on or before to' },
    ]);
  }
  if (to - from + 1 > MAX_RANGE_DAYS) {
    throw invalid(`A range is at most ${MAX_RANGE_DAYS} days.`, [
      { path: 'from', message: `at most ${MAX_RANGE_DAYS} days before to` },
    ]);
  }
  return [from, to];
}

interface DailyRow {
  day: string;
  members: number;
  joins: number;
  waitlisted: number;
  leaves: number;
  questions: number;
  votes: number;
  reports: number;
  testimonials_submitted: number;
  testimonials_approved: number;
  reveals: number;
  copies: number;
  redemptions: number;
}

const sum = (rows: DailyRow[], key: keyof Omit<DailyRow, 'day'>) =>
  rows.reduce((total, row) => total + row[key], 0);

export async function kpis(
  db: Sql,
  community: string,
  query: v.InferOutput<typeof KpiQuery>,
  now: Date,
): Promise<Kpis> {
  const [from, to] = kpiRange(query, now);
  // Rows from the day before the churn window (or the range) on, and the last one before.
  const start = Math.min(from, to - 28);
  const rows = await db.all<DailyRow>(
    'SELECT * FROM kpi_daily WHERE community = ? AND day >= ? AND day <= ? ORDER BY day',
    community,
    dayString(start),
    dayString(to),
  );
  const carried =
    (await db.value<number>(
      'SELECT members FROM kpi_daily WHERE community = ? AND day < ? ORDER BY day DESC LIMIT 1',
      community,
      dayString(start),
    )) ?? 0;
  const byDay = new Map(rows.map((row) => [dayNumber(row.day), row]));
  /** Members at the end of each day from `start` to `to` (carried over days without a row). */
  const membersAt = new Map<number, number>();
  let members = carried;
  for (let d = start; d <= to; d++) {
    members = byDay.get(d)?.members ?? members;
    membersAt.set(d, members);
  }

  // Active members: the days each (still known) member contributed, from 27 days before `from`.
  const first = from - 27;
  const pairs = await db.all<{ member_id: string; day: string }>(
    `SELECT DISTINCT member_id, day FROM activity
     WHERE community = ? AND day >= ? AND day <= ? AND member_id IS NOT NULL`,
    community,
    dayString(first),
    dayString(to),
  );
  const daysOf = new Map<string, Set<number>>();
  for (const { member_id: id, day } of pairs) {
    const set = daysOf.get(id) ?? new Set<number>();
    set.add(dayNumber(day));
    daysOf.set(id, set);
  }
  /** Distinct members with a contribution in the `w` days ending `d`. */
  const activeCounts = new Map<number, number[]>();
  for (let d = from; d <= to; d++) activeCounts.set(d, [0, 0, 0]);
  for (const days of daysOf.values()) {
    let last = -Infinity; // the member's latest contribution day so far
    for (let d = first; d <= to; d++) {
      if (days.has(d)) last = d;
      if (d < from) continue;
      const counts = activeCounts.get(d) as number[];
      WINDOWS.forEach((w, i) => {
        if (last > d - w) (counts[i] as number)++;
      });
    }
  }
  const activeCells = (d: number) => {
    const [d1, d7, d28] = activeCounts.get(d) as [number, number, number];
    return { d1: countCell(d1), d7: countCell(d7), d28: countCell(d28) };
  };

  const series: Kpis['series'] = [];
  for (let d = from; d <= to; d++) {
    const row = byDay.get(d);
    series.push({
      day: dayString(d),
      members: countCell(membersAt.get(d) ?? 0),
      joins: countCell(row?.joins ?? 0),
      waitlistedJoins: countCell(row?.waitlisted ?? 0),
      leaves: countCell(row?.leaves ?? 0),
      active: activeCells(d),
    });
  }

  const [active1, , active28] = activeCounts.get(to) as [number, number, number];
  const membersEnd = membersAt.get(to) ?? 0;
  const churnRows = rows.filter((row) => dayNumber(row.day) > to - 28);
  const range = rows.filter((row) => dayNumber(row.day) >= from);

  // Distinct (still known) contributors of each kind over the range.
  const contributors = new Map(
    (
      await db.all<{ kind: string; n: number }>(
        `SELECT kind, CAST(COUNT(DISTINCT member_id) AS INTEGER) AS n FROM activity
         WHERE community = ? AND day >= ? AND day <= ? GROUP BY kind`,
        community,
        dayString(from),
        dayString(to),
      )
    ).map((row) => [row.kind, row.n]),
  );
  const by = (kind: string) => contributors.get(kind) ?? 0;
  const submitted = sum(range, 'testimonials_submitted');
  const approved = sum(range, 'testimonials_approved');

  const revenue = await db.all<{ currency: string; redemptions: number; amount: number }>(
    `SELECT currency, CAST(SUM(redemptions) AS INTEGER) AS redemptions, SUM(amount) AS amount
     FROM kpi_revenue WHERE community = ? AND day >= ? AND day <= ?
     GROUP BY currency ORDER BY currency`,
    community,
    dayString(from),
    dayString(to),
  );
  const redemptions = sum(range, 'redemptions');

  return {
    from: dayString(from),
    to: dayString(to),
    minMembers: KPI_MIN_MEMBERS,
    series,
    active: activeCells(to),
    activation: ratioCell(active28, membersEnd),
    stickiness: ratioCell(active1, active28),
    churn: ratioCell(sum(churnRows, 'leaves'), membersAt.get(to - 28) ?? 0),
    retention: await retention(db, community, from, to),
    contributions: {
      questions: countCell(sum(range, 'questions'), by('question')),
      votes: countCell(sum(range, 'votes'), by('vote')),
      reports: countCell(sum(range, 'reports'), by('report')),
    },
    testimonials: {
      submitted: countCell(submitted, by('testimonial')),
      approved: countCell(approved, by('testimonial')),
      approvalRate:
        submitted === 0
          ? null
          : by('testimonial') < KPI_MIN_MEMBERS
            ? { suppressed: true }
            : { value: Math.round((approved / submitted) * 10_000) / 10_000 },
    },
    promo: {
      reveals: countCell(sum(range, 'reveals'), by('reveal')),
      copies: countCell(sum(range, 'copies'), by('copy')),
      // Each order has at most one member: fewer than 5 orders, fewer than 5 members.
      redemptions: countCell(redemptions),
      revenue: revenue.map((row) => ({
        currency: row.currency,
        redemptions: countCell(row.redemptions),
        amount: countCell(Math.round(row.amount * 100) / 100, row.redemptions),
      })),
    },
  };
}

/**
 * Join-week cohorts (weeks from Monday, UTC) starting from the week of `from` to `to`: the
 * cohort is the members who joined that week plus those of them who left since; D-N is the
 * share of it still a member with a contribution on or after their day N (join day + N), by
 * `to`; null until the cohort's last join day is N days before `to`.
 */
async function retention(db: Sql, community: string, from: number, to: number) {
  // 1970-01-01 (day 0) was a Thursday: day d is a Monday when (d + 3) % 7 === 0.
  const firstWeek = from - ((from + 3) % 7);
  const cohorts: Kpis['retention'] = [];
  for (let week = firstWeek; week <= to; week += 7) {
    const since = `${dayString(week)}T00:00:00.000Z`;
    const until = `${dayString(week + 7)}T00:00:00.000Z`;
    const current = await db.all<{ joined_at: string; last_day: string | null }>(
      `SELECT m.joined_at,
              (SELECT MAX(a.day) FROM activity a WHERE a.member_id = m.id AND a.day <= ?) AS last_day
       FROM members m WHERE m.community = ? AND m.joined_at >= ? AND m.joined_at < ?`,
      dayString(to),
      community,
      since,
      until,
    );
    const exits =
      (await db.value<number>(
        `SELECT CAST(COUNT(*) AS INTEGER) FROM member_exits
         WHERE community = ? AND join_day >= ? AND join_day < ?`,
        community,
        dayString(week),
        dayString(week + 7),
      )) ?? 0;
    const size = current.length + exits;
    if (size === 0) continue;
    const [d30, d60, d90] = RETENTION_DAYS.map((n) => {
      if (week + 6 + n > to) return null;
      const kept = current.filter(
        (m) => m.last_day !== null && dayNumber(m.last_day) >= dayNumber(utcDay(m.joined_at)) + n,
      ).length;
      return ratioCell(kept, size);
    }) as [KpiCell | null, KpiCell | null, KpiCell | null];
    cohorts.push({ week: dayString(week), size: countCell(size), d30, d60, d90 });
  }
  return cohorts;
}
