/**
 * A seeded KPI history for the demo: ~6 months of joins, leaves, contributions, testimonials
 * and redemptions, written into the KPI tables (`kpi_daily`, `activity`, `kpi_revenue`,
 * `member_exits`) so the dashboard has something to show on a fresh `--seed demo`.
 * Deterministic: a small seeded PRNG, and `now` given. See docs/kpis.md, "The demo history".
 *
 * - Joins: a launch day, then waves on Sunday evenings after the live session (growing over
 *   time, a bigger one every sixth week) and a trickle on weekdays. The community's member
 *   rows (created just before by `seedCommunity`) get these join dates, in their order, so
 *   `joined_at` is the join day counted; the extra joins are members who left since (their
 *   exits go to `member_exits`, the daily member counts include them while they stayed).
 * - Contributions: each member has a level of engagement and, each week of their membership,
 *   may take part in the Sunday live (questions, votes) or during the week (votes, offers'
 *   reveals and copies, now and then a report); never before their join.
 * - The demo's testimonials and live questions and votes (`@cercle/client/demo`) are counted
 *   on the days the other seeds date them; some reveals lead to an order (EUR) a few days later.
 */
import { demoQuestions, demoTestimonials } from '@cercle/client/demo';
import {
  COUNTER,
  recordApproval,
  recordRedemption,
  utcDay,
  type ActivityKind,
} from '../kpis/activity.js';
import type { Sql, SqlValue, Store } from '../store/store.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export interface HistoryOptions {
  now: Date;
  /** Days of history, ending today. */
  days?: number;
  /** The PRNG's seed; the same seed (and `now`) gives the same history. */
  seed?: number;
}

/** What was written, for logs and tests. */
export interface HistorySummary {
  joins: number;
  leaves: number;
  members: number;
  activities: number;
  redemptions: number;
  /** Total of the orders, EUR. */
  revenue: number;
}

/** mulberry32: a tiny deterministic PRNG in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type HistoryEvent =
  | { at: number; type: 'join' }
  | { at: number; type: 'leave'; joinedAt: number }
  | { at: number; type: 'activity'; member: string; kind: ActivityKind }
  | { at: number; type: 'approval'; submittedAt: string }
  | { at: number; type: 'redemption'; amount: number };

/** The order events of one instant are written in: joins and leaves first. */
const ORDER: Record<HistoryEvent['type'], number> = {
  join: 0,
  leave: 1,
  activity: 2,
  approval: 3,
  redemption: 4,
};

/** The `kpi_daily` columns written here, and the one each kind bumps (as `recordActivity`). */
const COLUMNS = [
  'members',
  'joins',
  'leaves',
  'questions',
  'votes',
  'reports',
  'testimonials_submitted',
  'reveals',
  'copies',
] as const;
/** Activity rows per INSERT (5 parameters each). */
const BATCH = 150;

/** Day 0 (1970-01-01) was a Thursday: day d is a Sunday when (d + 4) % 7 === 0. */
const isSunday = (day: number): boolean => (day + 4) % 7 === 0;
/** The Sunday live starts at 17:00 UTC. */
const LIVE_HOUR = 17;
/** Founding members, on the first day. Members 0–29 must join ≥ 135 days back (demo.ts). */
const LAUNCH_JOINS = 20;
/** Extra joins (members who left since), as a share of the members there are. */
const CHURN_SHARE = 0.18;
/** Weekday joins outside the waves, as a share of all joins. */
const TRICKLE_SHARE = 0.08;

/**
 * Writes the history of `community` (which must have just been created with its seeded
 * members and nothing else counted): one write transaction.
 */
export async function seedKpiHistory(
  store: Store,
  community: string,
  { now, days = 182, seed = 20_261_101 }: HistoryOptions,
): Promise<HistorySummary> {
  const random = prng(seed);
  const between = (lo: number, hi: number) => lo + random() * (hi - lo);
  const nowMs = now.getTime();
  const today = Math.floor(nowMs / DAY_MS);
  const first = today - days + 1;
  const dayStart = (day: number) => day * DAY_MS;

  return store.write(community, async (tx: Sql): Promise<HistorySummary> => {
    const members = await tx.all<{ id: string }>(
      'SELECT id FROM members WHERE community = ? ORDER BY seq',
      community,
    );
    const count = members.length;
    const extra = Math.round(count * CHURN_SHARE);
    const total = count + extra;

    // Joins: the launch, the Sunday waves (by weight, largest remainder), the trickle.
    const joins: number[] = [];
    for (let i = 0; i < Math.min(LAUNCH_JOINS, total); i++) {
      joins.push(dayStart(first) + between(9 * HOUR_MS, 21 * HOUR_MS));
    }
    const sundays: number[] = [];
    for (let d = first + 1; d < today; d++) if (isSunday(d)) sundays.push(d);
    const trickleDays: number[] = [];
    for (let d = first + 1; d < today; d++) if (!isSunday(d)) trickleDays.push(d);
    const rest = total - joins.length;
    const trickle = Math.min(Math.round(rest * TRICKLE_SHARE), trickleDays.length);
    const weights = sundays.map((d, k) => {
      const growth = (d - first) / days;
      return (0.35 + 1.3 * growth) * between(0.8, 1.2) * (k % 6 === 5 ? 1.6 : 1);
    });
    const weightSum = weights.reduce((a, b) => a + b, 0);
    const wave = weights.map((w) => ((rest - trickle) * w) / weightSum);
    const sizes = wave.map(Math.floor);
    const order = wave.map((w, k) => [w - Math.floor(w), k] as const).sort((a, b) => b[0] - a[0]);
    for (let r = rest - trickle - sizes.reduce((a, b) => a + b, 0), i = 0; r > 0; r--, i++) {
      const k = order[i % order.length]?.[1] ?? 0;
      sizes[k] = (sizes[k] ?? 0) + 1;
    }
    sundays.forEach((d, k) => {
      // After the live: from 18:00 to 23:00 UTC, most in the first hour.
      for (let i = 0; i < (sizes[k] ?? 0); i++) {
        joins.push(dayStart(d) + (LIVE_HOUR + 1) * HOUR_MS + random() ** 2 * 5 * HOUR_MS);
      }
    });
    const picked = new Set<number>();
    while (picked.size < trickle) picked.add(Math.floor(random() * trickleDays.length));
    for (const i of picked) {
      joins.push(dayStart(trickleDays[i] as number) + between(7 * HOUR_MS, 23 * HOUR_MS));
    }
    joins.sort((a, b) => a - b);

    // Who left: among the joins after the founders and at least 10 days old.
    const leavers = new Set<number>();
    const candidates = joins
      .map((at, i) => [at, i] as const)
      .filter(([at], i) => i >= LAUNCH_JOINS + 20 && at < dayStart(today - 10))
      .map(([, i]) => i);
    while (leavers.size < Math.min(extra, candidates.length)) {
      leavers.add(candidates[Math.floor(random() * candidates.length)] as number);
    }

    const events: HistoryEvent[] = [];
    const joinedAt = new Map<string, number>();
    let next = 0;
    joins.forEach((at, i) => {
      events.push({ at, type: 'join' });
      if (leavers.has(i)) {
        const joinDay = Math.floor(at / DAY_MS);
        const stay = 1 + Math.floor(random() * Math.min(75, today - 1 - joinDay));
        events.push({
          at: dayStart(joinDay + stay) + between(6 * HOUR_MS, 23 * HOUR_MS),
          type: 'leave',
          joinedAt: at,
        });
      } else {
        const member = members[next++];
        if (member) joinedAt.set(member.id, Math.floor(at));
      }
    });
    // Not enough joins (a tiny community): the members left get the launch day.
    for (; next < count; next++) {
      joinedAt.set((members[next] as { id: string }).id, dayStart(first) + 8 * HOUR_MS);
    }

    // Contributions, week by week (weeks from Monday), from each member's join on.
    let redemptions = 0;
    let revenue = 0;
    const push = (member: string, kind: ActivityKind, at: number, since: number) => {
      if (at <= since || at >= nowMs) return false;
      events.push({ at, type: 'activity', member, kind });
      return true;
    };
    for (const [member, since] of joinedAt) {
      const level = random();
      const p = level < 0.15 ? 0.85 : level < 0.45 ? 0.45 : level < 0.8 ? 0.15 : 0.03;
      const revealed = new Set<number>(); // the months (of 30 days) of an offer revealed
      const joinDay = Math.floor(since / DAY_MS);
      for (let monday = joinDay - ((joinDay + 3) % 7); monday <= today; monday += 7) {
        if (random() >= p) continue;
        const actions = 1 + Math.floor(random() * 4);
        for (let i = 0; i < actions; i++) {
          if (random() < 0.6) {
            // At the Sunday live.
            const at = dayStart(monday + 6) + LIVE_HOUR * HOUR_MS + between(0, 90 * MINUTE_MS);
            const roll = random();
            push(member, roll < 0.68 ? 'vote' : roll < 0.98 ? 'question' : 'report', at, since);
            continue;
          }
          const day = monday + Math.floor(random() * 6);
          const at = dayStart(day) + between(7 * HOUR_MS, 23 * HOUR_MS);
          const month = Math.floor(day / 30);
          const roll = random();
          if (roll < 0.45) push(member, 'vote', at, since);
          else if (roll < 0.7 && !revealed.has(month)) {
            if (!push(member, 'reveal', at, since)) continue;
            revealed.add(month);
            if (random() < 0.6)
              push(member, 'copy', at + between(MINUTE_MS, 10 * MINUTE_MS), since);
            const orderAt = at + between(HOUR_MS, 4 * DAY_MS);
            if (random() < 0.3 && orderAt < nowMs) {
              const amount = Math.round(between(30, 95) * 100) / 100;
              events.push({ at: orderAt, type: 'redemption', amount });
              redemptions++;
              revenue += amount;
            }
          } else if (roll < 0.9 && revealed.has(month)) push(member, 'copy', at, since);
          else push(member, 'question', at, since);
        }
      }
    }

    // The demo's testimonials and live questions, as the wall and session seeds date them.
    const active = await tx.all<{ id: string }>(
      "SELECT id FROM members WHERE community = ? AND status = 'active' ORDER BY seq",
      community,
    );
    for (const t of demoTestimonials.filter((d) => d.community === community)) {
      const author = active[t.authorIndex];
      if (!author) continue;
      const submitted = nowMs - (t.daysAgo + 1) * DAY_MS;
      events.push({ at: submitted, type: 'activity', member: author.id, kind: 'testimonial' });
      if (t.state === 'approved') {
        const submittedAt = new Date(submitted).toISOString();
        events.push({ at: nowMs - t.daysAgo * DAY_MS, type: 'approval', submittedAt });
      }
    }
    for (const q of demoQuestions.filter((d) => d.community === community)) {
      const asked = nowMs - q.askedMsAgo;
      const author = q.authorIndex === null ? undefined : active[q.authorIndex];
      if (author) events.push({ at: asked, type: 'activity', member: author.id, kind: 'question' });
      active.slice(0, q.votes).forEach((voter, i) => {
        events.push({
          at: asked + (i + 1) * 1000,
          type: 'activity',
          member: voter.id,
          kind: 'vote',
        });
      });
    }

    // Each day's counters, in memory; then one row per day and the activity rows in batches
    // (thousands of single UPSERTs would take seconds on sql.js, the mock's store).
    events.sort((a, b) => a.at - b.at || ORDER[a.type] - ORDER[b.type]);
    for (const [id, at] of joinedAt) {
      const iso = new Date(at).toISOString();
      await tx.run(
        'UPDATE members SET joined_at = ?, consent_accepted_at = ? WHERE id = ?',
        iso,
        iso,
        id,
      );
    }
    const daily = new Map<string, Record<(typeof COLUMNS)[number], number>>();
    const row = (day: string) => {
      let r = daily.get(day);
      if (!r) daily.set(day, (r = Object.fromEntries(COLUMNS.map((c) => [c, 0])) as never));
      return r as Record<(typeof COLUMNS)[number], number>;
    };
    let present = 0;
    const activity: SqlValue[][] = [];
    const approvals: string[] = [];
    const orders: { amount: number; at: Date }[] = [];
    for (const event of events) {
      const at = new Date(event.at);
      const day = utcDay(at);
      const r = row(day);
      switch (event.type) {
        case 'join':
          present++;
          r.joins++;
          break;
        case 'leave':
          present--;
          r.leaves++;
          await tx.run(
            'INSERT INTO member_exits (community, join_day, left_day) VALUES (?, ?, ?)',
            community,
            utcDay(new Date(event.joinedAt)),
            day,
          );
          break;
        case 'activity':
          r[COUNTER[event.kind]]++;
          activity.push([community, event.member, event.kind, day, at.toISOString()]);
          break;
        case 'approval':
          approvals.push(event.submittedAt);
          break;
        case 'redemption':
          orders.push({ amount: event.amount, at });
          break;
      }
      r.members = present;
    }
    for (const [day, r] of daily) {
      await tx.run(
        `INSERT INTO kpi_daily (community, day, ${COLUMNS.join(', ')})
         VALUES (?, ?, ${COLUMNS.map(() => '?').join(', ')})`,
        community,
        day,
        ...COLUMNS.map((c) => r[c]),
      );
    }
    for (let i = 0; i < activity.length; i += BATCH) {
      const batch = activity.slice(i, i + BATCH);
      await tx.run(
        `INSERT INTO activity (community, member_id, kind, day, at)
         VALUES ${batch.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
        ...batch.flat(),
      );
    }
    // The helpers, now that every day has its row (so no count is carried wrong).
    for (const submittedAt of approvals) await recordApproval(tx, community, submittedAt);
    for (const { amount, at } of orders) {
      await recordRedemption(tx, community, amount, 'EUR', at);
    }
    const activities = activity.length;
    return {
      joins: joins.length,
      leaves: leavers.size,
      members: present,
      activities,
      redemptions,
      revenue: Math.round(revenue * 100) / 100,
    };
  });
}
