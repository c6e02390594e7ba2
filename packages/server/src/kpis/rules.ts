/**
 * KPIs of a community over a range of UTC days, read from the daily rollups (`kpi_daily`,
 * `kpi_revenue`), the contributions of the range (`activity`, by day), the members' join days
 * and `member_exits`; nothing here reads a whole history. Formulas: docs/kpis.md.
 *
 * k-anonymity: a figure derived from fewer than `KPI_MIN_MEMBERS` members is `{ suppressed:
 * true }`: a count of members when it is under 5, a ratio when its denominator is, a count
 * of actions when fewer than 5 (still known) members made them.
 */
import {
  KPI_MIN_MEMBERS,
  type KpiCell,
  type KpiGranularity,
  type KpiOffer,
  type KpiQuery,
  type Kpis,
  type KpiSession,
} from '@cercle/client/admin';
import type * as v from 'valibot';
import { invalid } from '../core/errors.js';
import type { Sql, Store } from '../store/store.js';
import { ACTIVATION_DAYS, activeCounts, dayNumber, dayString, utcDay } from './activity.js';

/** The longest range, in days. */
export const MAX_RANGE_DAYS = 366;
/** The default range, in days, ending today. */
export const DEFAULT_RANGE_DAYS = 28;
const RETENTION_DAYS = [30, 60, 90] as const;

/** A count of members (or of actions by `members` members). */
export const countCell = (value: number, members = value): KpiCell =>
  members < KPI_MIN_MEMBERS ? { suppressed: true } : { value };

/** `num ÷ den` to `places` decimals; null over nothing; suppressed when `members` (default `den`) < 5. */
export const ratioCell = (num: number, den: number, members = den, places = 4): KpiCell | null =>
  den === 0
    ? null
    : members < KPI_MIN_MEMBERS
      ? { suppressed: true }
      : { value: Math.round((num / den) * 10 ** places) / 10 ** places };

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
  visitors: number;
  activated: number;
  testimonials_photo: number;
  rating_sum: number;
  active1: number | null;
  active7: number | null;
  active28: number | null;
}

type Counter = Exclude<keyof DailyRow, 'day' | 'active1' | 'active7' | 'active28'>;

const sum = (rows: readonly (DailyRow | undefined)[], key: Counter) =>
  rows.reduce((total, row) => total + (row?.[key] ?? 0), 0);

/** The first day of the period holding day `d` (weeks from Monday; day 0 was a Thursday). */
function periodStart(d: number, granularity: KpiGranularity): number {
  if (granularity === 'day') return d;
  if (granularity === 'week') return d - ((d + 3) % 7);
  return dayNumber(`${dayString(d).slice(0, 7)}-01`);
}

/** Members with a contribution of each kind in the range, counted up to 5 (enough to suppress or not). */
async function contributorsUpTo5(db: Sql, community: string, from: string, to: string) {
  const kinds = ['question', 'vote', 'testimonial', 'report', 'reveal', 'copy'] as const;
  const counts = new Map<string, number>();
  for (const kind of kinds) {
    counts.set(
      kind,
      (await db.value<number>(
        `SELECT CAST(COUNT(*) AS INTEGER) FROM (SELECT DISTINCT member_id FROM activity
         WHERE community = ? AND kind = ? AND day >= ? AND day <= ? AND member_id IS NOT NULL
         LIMIT ${KPI_MIN_MEMBERS})`,
        community,
        kind,
        from,
        to,
      )) ?? 0,
    );
  }
  return (kind: (typeof kinds)[number]) => counts.get(kind) ?? 0;
}

export async function kpis(
  db: Store,
  community: string,
  query: v.InferOutput<typeof KpiQuery>,
  now: Date,
): Promise<Kpis> {
  const [from, to] = kpiRange(query, now);
  const granularity = query.granularity ?? 'day';
  // Rows from 28 days before the range (each day's churn window) on, and the last one before.
  const start = from - 28;
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

  const active = await activeByDay(db, community, from, to, byDay);
  const activeCells = (d: number) => {
    const [d1, d7, d28] = active.get(d) as [number, number, number];
    return { d1: countCell(d1), d7: countCell(d7), d28: countCell(d28) };
  };

  const by = await contributorsUpTo5(db, community, dayString(from), dayString(to));
  /** Leaves in the 28 days ending `d` ÷ members at the end of `d − 28`. */
  const churnAt = (d: number) => {
    let leaves = 0;
    for (let k = d - 27; k <= d; k++) leaves += byDay.get(k)?.leaves ?? 0;
    return ratioCell(leaves, membersAt.get(d - 28) ?? 0);
  };
  const stickinessAt = (d: number) => {
    const [d1, , d28] = active.get(d) as [number, number, number];
    return ratioCell(d1, d28);
  };
  const series: Kpis['series'] = [];
  for (let d = from; d <= to;) {
    const next = Math.min(to + 1, periodStart(d, granularity) + periodLength(d, granularity));
    const days = Array.from({ length: next - d }, (_, k) => byDay.get(d + k));
    series.push({
      day: dayString(d),
      members: countCell(membersAt.get(next - 1) ?? 0),
      joins: countCell(sum(days, 'joins')),
      waitlistedJoins: countCell(sum(days, 'waitlisted')),
      leaves: countCell(sum(days, 'leaves')),
      visitors: countCell(sum(days, 'visitors')),
      active: activeCells(next - 1),
      stickiness: stickinessAt(next - 1),
      churn: churnAt(next - 1),
      testimonials: countCell(sum(days, 'testimonials_submitted'), by('testimonial')),
      testimonialsApproved: countCell(sum(days, 'testimonials_approved'), by('testimonial')),
    });
    d = next;
  }

  const [, , active28] = active.get(to) as [number, number, number];
  const membersEnd = membersAt.get(to) ?? 0;
  const range = rows.filter((row) => dayNumber(row.day) >= from);
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
  const contributed =
    (await db.value<number>(
      `SELECT CAST(COUNT(*) AS INTEGER) FROM members m
       WHERE m.community = ? AND m.joined_at >= ? AND m.joined_at < ?
         AND EXISTS (SELECT 1 FROM activity a WHERE a.member_id = m.id AND a.day <= ?)`,
      community,
      `${dayString(from)}T00:00:00.000Z`,
      `${dayString(to + 1)}T00:00:00.000Z`,
      dayString(to),
    )) ?? 0;

  return {
    from: dayString(from),
    to: dayString(to),
    granularity,
    minMembers: KPI_MIN_MEMBERS,
    series,
    active: activeCells(to),
    activation: ratioCell(active28, membersEnd),
    funnel: {
      visitors: countCell(sum(range, 'visitors')),
      joined: countCell(sum(range, 'joins')),
      contributed: countCell(contributed),
    },
    stickiness: stickinessAt(to),
    churn: churnAt(to),
    retention: await retention(db, community, from, to),
    contributions: {
      questions: countCell(sum(range, 'questions'), by('question')),
      votes: countCell(sum(range, 'votes'), by('vote')),
      reports: countCell(sum(range, 'reports'), by('report')),
    },
    testimonials: {
      submitted: countCell(submitted, by('testimonial')),
      approved: countCell(approved, by('testimonial')),
      approvalRate: ratioCell(approved, submitted, by('testimonial')),
      withPhoto: countCell(sum(range, 'testimonials_photo'), by('testimonial')),
      averageRating: ratioCell(sum(range, 'rating_sum'), submitted, by('testimonial'), 2),
    },
    sessions: await sessionKpis(db, community, from, to, utcDay(now)),
    promo: {
      reveals: countCell(sum(range, 'reveals'), by('reveal')),
      copies: countCell(sum(range, 'copies'), by('copy')),
      // Each order has at most one member: fewer than 5 orders, fewer than 5 members.
      redemptions: countCell(sum(range, 'redemptions')),
      revenue: revenue.map(revenueCells),
      offers: await offerKpis(db, community, from, to),
    },
  };
}

/** Days in the period starting on or holding `d`. */
function periodLength(d: number, granularity: KpiGranularity): number {
  if (granularity === 'day') return 1;
  if (granularity === 'week') return 7;
  const first = dayString(periodStart(d, 'month'));
  const [year, month] = [Number(first.slice(0, 4)), Number(first.slice(5, 7))];
  return new Date(Date.UTC(year, month, 1)).getTime() / 86_400_000 - dayNumber(first);
}

const revenueCells = (row: { currency: string; redemptions: number; amount: number }) => ({
  currency: row.currency,
  redemptions: countCell(row.redemptions),
  amount: countCell(Math.round(row.amount * 100) / 100, row.redemptions),
});

/**
 * Active members (1, 7, 28 days) at the end of each day of the range: frozen in `kpi_daily`
 * for the days closed (`kpi_state`), from the members' latest contribution days after them.
 */
async function activeByDay(
  db: Sql,
  community: string,
  from: number,
  to: number,
  byDay: Map<number, DailyRow>,
): Promise<Map<number, [number, number, number]>> {
  const closedDay = await db.value<string>(
    'SELECT closed_through FROM kpi_state WHERE community = ?',
    community,
  );
  const closed = closedDay === undefined ? -Infinity : dayNumber(closedDay);
  const counts = new Map<number, [number, number, number]>();
  for (let d = from; d <= Math.min(to, closed); d++) {
    const row = byDay.get(d);
    counts.set(d, [row?.active1 ?? 0, row?.active7 ?? 0, row?.active28 ?? 0]);
  }
  const liveFrom = Math.max(from, closed + 1);
  if (liveFrom <= to) {
    // Every contribution since the closed day was made on the day after it: the latest day
    // of each member is all the later days need.
    const latest = await db.all<{ member_id: string; day: string }>(
      'SELECT member_id, last_day AS day FROM member_activity WHERE community = ? AND last_day > ?',
      community,
      dayString(liveFrom - 28),
    );
    for (const [d, row] of activeCounts(latest, liveFrom, to)) counts.set(d, row);
  }
  return counts;
}

interface SessionFigures {
  askers: number;
  voters: number;
  participants: number;
  questions: number;
  answered: number;
  /** Median seconds to an answer; null with nothing answered. */
  median: number | null;
}

/** A session's participation from its questions and votes (a session's own rows only). */
async function sessionFigures(db: Sql, seq: number): Promise<SessionFigures> {
  const counts = (await db.get<Omit<SessionFigures, 'median'>>(
    `SELECT
       (SELECT COUNT(DISTINCT q.member_id) FROM questions q WHERE q.session = ?) AS askers,
       (SELECT COUNT(DISTINCT v.member_id) FROM votes v JOIN questions q ON q.seq = v.question
        WHERE q.session = ?) AS voters,
       (SELECT COUNT(*) FROM (SELECT q.member_id FROM questions q
          WHERE q.session = ? AND q.member_id IS NOT NULL
        UNION SELECT v.member_id FROM votes v JOIN questions q ON q.seq = v.question
          WHERE q.session = ?)) AS participants,
       (SELECT COUNT(*) FROM questions q WHERE q.session = ?) AS questions,
       (SELECT COUNT(*) FROM questions q WHERE q.session = ? AND q.answered_at IS NOT NULL) AS answered`,
    seq,
    seq,
    seq,
    seq,
    seq,
    seq,
  )) as Omit<SessionFigures, 'median'>;
  const answered = await db.all<{ created_at: string; answered_at: string }>(
    'SELECT created_at, answered_at FROM questions WHERE session = ? AND answered_at IS NOT NULL',
    seq,
  );
  const waits = answered
    .map((q) => Math.max(0, (Date.parse(q.answered_at) - Date.parse(q.created_at)) / 1000))
    .sort((a, b) => a - b);
  const middle = waits.length >> 1;
  const median =
    waits.length === 0
      ? null
      : Math.round(
          waits.length % 2 === 1
            ? (waits[middle] as number)
            : ((waits[middle - 1] ?? 0) + (waits[middle] ?? 0)) / 2,
        );
  return { ...counts, median };
}

interface SessionRowKpi {
  seq: number;
  id: string;
  title: string;
  starts_at: string;
  ended_at: string | null;
  state: KpiSession['state'];
  viewers: number;
  peak: number;
  askers: number | null;
  voters: number | null;
  participants: number | null;
  questions: number | null;
  answered: number | null;
  median_answer_seconds: number | null;
}

/**
 * Live participation of each session starting in the range (docs/kpis.md). A session that
 * ended before today is computed once and its figures kept in `session_stats` (a rollup made
 * by the first read after that day): later reads cost one row, as for the closed days.
 */
async function sessionKpis(
  store: Store,
  community: string,
  from: number,
  to: number,
  today: string,
): Promise<KpiSession[]> {
  const sessions = await store.all<SessionRowKpi>(
    `SELECT s.seq, s.id, s.title, s.starts_at, s.ended_at, s.state,
       COALESCE(st.viewers, 0) AS viewers, COALESCE(st.peak_viewers, 0) AS peak,
       st.askers, st.voters, st.participants, st.questions, st.answered, st.median_answer_seconds
     FROM sessions s LEFT JOIN session_stats st ON st.session = s.seq
     WHERE s.community = ? AND s.starts_at >= ? AND s.starts_at < ?
     ORDER BY s.starts_at, s.seq`,
    community,
    `${dayString(from)}T00:00:00.000Z`,
    `${dayString(to + 1)}T00:00:00.000Z`,
  );
  const result: KpiSession[] = [];
  for (const s of sessions) {
    let f: SessionFigures;
    if (s.askers !== null && s.state === 'ended') {
      f = {
        askers: s.askers,
        voters: s.voters ?? 0,
        participants: s.participants ?? 0,
        questions: s.questions ?? 0,
        answered: s.answered ?? 0,
        median: s.median_answer_seconds,
      };
    } else {
      f = await sessionFigures(store, s.seq);
      if (s.state === 'ended' && s.ended_at !== null && s.ended_at < `${today}T00:00:00.000Z`) {
        await store.write(community, (tx) =>
          tx.run(
            `INSERT INTO session_stats (session, askers, voters, participants, questions, answered,
               median_answer_seconds) VALUES (?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (session) DO UPDATE SET askers = excluded.askers,
               voters = excluded.voters, participants = excluded.participants,
               questions = excluded.questions, answered = excluded.answered,
               median_answer_seconds = excluded.median_answer_seconds`,
            s.seq,
            f.askers,
            f.voters,
            f.participants,
            f.questions,
            f.answered,
            f.median,
          ),
        );
      }
    }
    // A member may vote from a board without its live stream: capped at 1.
    const participation = ratioCell(Math.min(f.participants, s.viewers), s.viewers);
    result.push({
      id: s.id,
      title: s.title,
      startsAt: s.starts_at,
      state: s.state,
      peakViewers: countCell(s.peak),
      viewers: countCell(s.viewers),
      askers: countCell(f.askers),
      voters: countCell(f.voters),
      participation,
      questions: countCell(f.questions, f.askers),
      answerRate: ratioCell(f.answered, f.questions, f.askers),
      medianAnswerSeconds:
        f.median === null
          ? null
          : f.askers < KPI_MIN_MEMBERS
            ? { suppressed: true }
            : { value: f.median },
    });
  }
  return result;
}

/** Each offer's funnel over the range, newest offer first. */
async function offerKpis(db: Sql, community: string, from: number, to: number) {
  const range = [dayString(from), dayString(to)] as const;
  const offers = await db.all<{
    seq: number;
    id: string;
    title: string;
    views: number;
    reveals: number;
    copies: number;
    redemptions: number;
  }>(
    `SELECT o.seq, o.id, o.title,
       CAST(COALESCE(SUM(k.views), 0) AS INTEGER) AS views,
       CAST(COALESCE(SUM(k.reveals), 0) AS INTEGER) AS reveals,
       CAST(COALESCE(SUM(k.copies), 0) AS INTEGER) AS copies,
       CAST(COALESCE(SUM(k.redemptions), 0) AS INTEGER) AS redemptions
     FROM offers o LEFT JOIN kpi_offers k ON k.offer = o.seq AND k.day >= ? AND k.day <= ?
     WHERE o.community = ? GROUP BY o.seq, o.id, o.title, o.created_at
     ORDER BY o.created_at DESC, o.seq DESC`,
    ...range,
    community,
  );
  const revenue = await db.all<{
    offer: number;
    currency: string;
    redemptions: number;
    amount: number;
  }>(
    `SELECT r.offer, r.currency, CAST(SUM(r.redemptions) AS INTEGER) AS redemptions,
       SUM(r.amount) AS amount
     FROM kpi_offer_revenue r JOIN offers o ON o.seq = r.offer
     WHERE o.community = ? AND r.day >= ? AND r.day <= ?
     GROUP BY r.offer, r.currency ORDER BY r.currency`,
    community,
    ...range,
  );
  return offers.map((o): KpiOffer => ({
    id: o.id,
    title: o.title,
    teaserViews: countCell(o.views),
    // One reveal per member and offer: reveals are members.
    reveals: countCell(o.reveals),
    // Copies by whom is not kept per offer: shown once 5 members revealed and 5 copies came.
    copies: countCell(o.copies, Math.min(o.copies, o.reveals)),
    redemptions: countCell(o.redemptions),
    revenue: revenue.filter((r) => r.offer === o.seq).map(revenueCells),
  }));
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
    const activated =
      (await db.value<number>(
        `SELECT CAST(COALESCE(SUM(activated), 0) AS INTEGER) FROM kpi_daily
         WHERE community = ? AND day >= ? AND day < ?`,
        community,
        dayString(week),
        dayString(week + 7),
      )) ?? 0;
    // The last join day's first 7 days (day 0–6) must all be on or before `to`.
    const activated7 = week + 6 + ACTIVATION_DAYS - 1 > to ? null : ratioCell(activated, size);
    const [d30, d60, d90] = RETENTION_DAYS.map((n) => {
      if (week + 6 + n > to) return null;
      const kept = current.filter(
        (m) => m.last_day !== null && dayNumber(m.last_day) >= dayNumber(utcDay(m.joined_at)) + n,
      ).length;
      return ratioCell(kept, size);
    }) as [KpiCell | null, KpiCell | null, KpiCell | null];
    cohorts.push({ week: dayString(week), size: countCell(size), activated7, d30, d60, d90 });
  }
  return cohorts;
}
