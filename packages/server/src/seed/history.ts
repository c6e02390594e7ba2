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
  rebuildActivity,
  recordApproval,
  recordRedemption,
  utcDay,
  type ActivityKind,
} from '../kpis/activity.js';
import { recountCommunity } from '../communities/rules.js';
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
  /**
   * Multiplies the contributions of each member-week a member takes part in (default 1, the
   * demo's); e.g. 10 for a benchmark's busier year (`scripts/bench-kpis.mjs`).
   */
  intensity?: number;
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
  | { at: number; type: 'activity'; member: string; kind: ActivityKind; offer?: number }
  | { at: number; type: 'approval'; submittedAt: string }
  | { at: number; type: 'redemption'; amount: number; offer: number };

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
  'visitors',
  'testimonials_photo',
  'rating_sum',
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
/** The past offers of the history, one after the other (shared codes, expired since). */
const PAST_OFFERS = [
  { id: 'code-lancement', title: 'Code de lancement', benefit: '-15 % sur tout le site' },
  { id: 'beaux-jours', title: 'Les beaux jours', benefit: 'Un sachet de graines offert' },
  { id: 'offre-saison', title: 'Offre de saison', benefit: '-10 % sur les coffrets' },
] as const;
/** The last Sunday lives kept as (archived) sessions with their questions and votes. */
const PAST_LIVES = 8;
const LIVE_QUESTIONS = [
  'Comment garder le levain actif en vacances ?',
  'Quelle farine pour une première fournée ?',
  'Peut-on congeler la pâte ?',
  'Combien de temps pour la pousse en hiver ?',
  'Quel four conseillez-vous pour débuter ?',
  'Et sans gluten, c’est possible ?',
  'Comment réussir une croûte bien dorée ?',
  'Quelles graines ajouter au pain complet ?',
] as const;

/**
 * Writes the history of `community` (which must have just been created with its seeded
 * members and nothing else counted): one write transaction.
 */
export async function seedKpiHistory(
  store: Store,
  community: string,
  { now, days = 182, seed = 20_261_101, intensity = 1 }: HistoryOptions,
): Promise<HistorySummary> {
  const random = prng(seed);
  /** Days the past offers cover: all but the last 2 weeks (they have all expired). */
  const offerDays = days - 14;
  // Everything added after the first version draws from its own sequence, so the joins,
  // leaves and contributions stay what they were for a given seed.
  const extra = prng(seed + 1);
  const within = (lo: number, hi: number) => lo + extra() * (hi - lo);
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
    // The seeded members' joins were counted as they were inserted: the history recounts them.
    await tx.run('DELETE FROM kpi_daily WHERE community = ?', community);
    const count = members.length;
    const leaving = Math.round(count * CHURN_SHARE);
    const total = count + leaving;

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
    while (leavers.size < Math.min(leaving, candidates.length)) {
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
    const push = (
      member: string,
      kind: ActivityKind,
      at: number,
      since: number,
      offer?: number,
    ) => {
      if (at <= since || at >= nowMs) return false;
      events.push({
        at,
        type: 'activity',
        member,
        kind,
        ...(offer === undefined ? {} : { offer }),
      });
      return true;
    };
    /** The past offer running on a day: the history but its last 2 weeks, in equal thirds. */
    const offerOf = (day: number): number | undefined =>
      day >= first + offerDays
        ? undefined
        : Math.floor(((day - first) * PAST_OFFERS.length) / offerDays);
    for (const [member, since] of joinedAt) {
      const level = random();
      const p = level < 0.15 ? 0.85 : level < 0.45 ? 0.45 : level < 0.8 ? 0.15 : 0.03;
      const revealed = new Set<number>(); // the past offers this member revealed
      const joinDay = Math.floor(since / DAY_MS);
      for (let monday = joinDay - ((joinDay + 3) % 7); monday <= today; monday += 7) {
        if (random() >= p) continue;
        const actions = Math.round((1 + Math.floor(random() * 4)) * intensity);
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
          const offer = offerOf(day);
          const roll = random();
          if (roll < 0.45 || offer === undefined) push(member, 'vote', at, since);
          else if (roll < 0.7 && !revealed.has(offer)) {
            if (!push(member, 'reveal', at, since, offer)) continue;
            revealed.add(offer);
            if (random() < 0.6)
              push(member, 'copy', at + between(MINUTE_MS, 10 * MINUTE_MS), since, offer);
            const orderAt = at + between(HOUR_MS, 4 * DAY_MS);
            if (random() < 0.3 && orderAt < nowMs) {
              const amount = Math.round(between(30, 95) * 100) / 100;
              events.push({ at: orderAt, type: 'redemption', amount, offer });
              redemptions++;
              revenue += amount;
            }
          } else if (roll < 0.9 && revealed.has(offer)) push(member, 'copy', at, since, offer);
          else push(member, 'question', at, since);
        }
      }
    }

    const daily = new Map<string, Record<(typeof COLUMNS)[number], number>>();
    const row = (day: string) => {
      let r = daily.get(day);
      if (!r) daily.set(day, (r = Object.fromEntries(COLUMNS.map((c) => [c, 0])) as never));
      return r;
    };

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
      const r = row(utcDay(new Date(submitted)));
      r.rating_sum += t.rating;
      if (t.photo) r.testimonials_photo++;
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
    let present = 0;
    const activity: SqlValue[][] = [];
    const approvals: string[] = [];
    const orders: { amount: number; at: Date; offer: number }[] = [];
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
          orders.push({ amount: event.amount, at, offer: event.offer });
          break;
      }
      r.members = present;
    }
    // Visitors of the widgets: a few per join, more on Sundays, growing with the community.
    let carried = 0;
    for (let d = first; d <= today; d++) {
      const key = new Date(d * DAY_MS).toISOString().slice(0, 10);
      const r = daily.get(key);
      if (r) carried = r.members;
      const growth = (d - first) / days;
      const visitors = Math.round(
        (r?.joins ?? 0) * within(3, 6) + within(6, 20) * (0.5 + growth) * (isSunday(d) ? 1.8 : 1),
      );
      row(key).visitors += visitors;
      if (!r) row(key).members = carried;
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
    const offers = await writePastOffers(tx, community, events, first, offerDays, within);
    await writePastLives(tx, community, events, today, within);
    // The helpers, now that every day has its row (so no count is carried wrong).
    for (const submittedAt of approvals) await recordApproval(tx, community, submittedAt);
    for (const { amount, at, offer } of orders) {
      await recordRedemption(tx, community, amount, 'EUR', at, offers[offer]);
    }
    // The members' latest days and every past day's active counts, from the rows written.
    await rebuildActivity(tx, community, utcDay(now));
    // The past lives' questions were inserted directly: their counts, from the rows.
    await recountCommunity(tx, community);
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

/**
 * The history's offers, one after the other (shared codes, expired since), with their reveals
 * (one per member), copies, teaser views per day and totals. Returns each one's seq.
 */
async function writePastOffers(
  tx: Sql,
  community: string,
  events: readonly HistoryEvent[],
  first: number,
  days: number,
  within: (lo: number, hi: number) => number,
): Promise<number[]> {
  const seqs: number[] = [];
  const perDay = new Map<string, { views: number; reveals: number; copies: number }>();
  const at = (day: number) => new Date(day * DAY_MS).toISOString();
  for (const [k, offer] of PAST_OFFERS.entries()) {
    const start = first + Math.ceil((k * days) / PAST_OFFERS.length);
    const end = first + Math.ceil(((k + 1) * days) / PAST_OFFERS.length);
    const seq = (await tx.value<number>(
      `INSERT INTO offers (community, id, title, benefit, conditions, expires_at, disclosure, kind,
         shared_code, created_at, updated_at)
       VALUES (?, ?, ?, ?, '', ?, 'publicite', 'shared', ?, ?, ?) RETURNING seq`,
      community,
      offer.id,
      offer.title,
      offer.benefit,
      at(end),
      offer.id.toUpperCase(),
      at(start),
      at(start),
    )) as number;
    seqs.push(seq);
    for (let d = start; d < end; d++) {
      perDay.set(`${k} ${utcDay(at(d))}`, {
        views: Math.round(within(0, 8)),
        reveals: 0,
        copies: 0,
      });
    }
  }
  for (const event of events) {
    if (event.type !== 'activity' || event.offer === undefined) continue;
    if (event.kind !== 'reveal' && event.kind !== 'copy') continue;
    const seq = seqs[event.offer] as number;
    const key = `${event.offer} ${utcDay(new Date(event.at))}`;
    const day = perDay.get(key) ?? { views: 0, reveals: 0, copies: 0 };
    perDay.set(key, day);
    if (event.kind === 'copy') {
      day.copies++;
      continue;
    }
    day.reveals++;
    day.views += Math.round(within(2, 5));
    await tx.run(
      'INSERT INTO offer_reveals (offer, member_id, revealed_at) VALUES (?, ?, ?)',
      seq,
      event.member,
      new Date(event.at).toISOString(),
    );
  }
  for (const [key, day] of perDay) {
    const [k, d] = key.split(' ') as [string, string];
    const seq = seqs[Number(k)] as number;
    await tx.run(
      'INSERT INTO kpi_offers (offer, day, views, reveals, copies) VALUES (?, ?, ?, ?, ?)',
      seq,
      d,
      day.views,
      day.reveals,
      day.copies,
    );
    await tx.run(
      'UPDATE offers SET teaser_views = teaser_views + ?, copies = copies + ? WHERE seq = ?',
      day.views,
      day.copies,
      seq,
    );
  }
  return seqs;
}

/**
 * The last Sunday lives as ended, archived sessions: the questions asked and votes given at
 * each (the history's own contributions), most answered within minutes, and how many watched.
 */
async function writePastLives(
  tx: Sql,
  community: string,
  events: readonly HistoryEvent[],
  today: number,
  within: (lo: number, hi: number) => number,
): Promise<void> {
  const names = new Map(
    (
      await tx.all<{ id: string; display_name: string }>(
        'SELECT id, display_name FROM members WHERE community = ?',
        community,
      )
    ).map((m) => [m.id, m.display_name]),
  );
  const sundays: number[] = [];
  for (let d = today - 1; sundays.length < PAST_LIVES && d > today - 7 * (PAST_LIVES + 1); d--) {
    if (isSunday(d)) sundays.unshift(d);
  }
  const dateFr = new Intl.DateTimeFormat('fr-FR', {
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  });
  for (const [k, sunday] of sundays.entries()) {
    const startsAt = sunday * DAY_MS + LIVE_HOUR * HOUR_MS;
    const endsAt = startsAt + 90 * MINUTE_MS;
    const iso = (ms: number) => new Date(ms).toISOString();
    const seq = (await tx.value<number>(
      `INSERT INTO sessions (community, id, title, state, starts_at, ended_at, ends_at, archived_at,
         moderation, disclosure, created_at)
       VALUES (?, ?, ?, 'ended', ?, ?, ?, ?, 'post', 'none', ?) RETURNING seq`,
      community,
      `live-${iso(startsAt).slice(0, 10)}`,
      `Le live du dimanche · ${dateFr.format(new Date(startsAt))}`,
      iso(startsAt),
      iso(endsAt),
      iso(endsAt),
      iso(endsAt),
      iso(startsAt - 7 * DAY_MS),
    )) as number;
    const live = events.filter(
      (e): e is Extract<HistoryEvent, { type: 'activity' }> =>
        e.type === 'activity' && e.at >= startsAt && e.at < endsAt,
    );
    const asked: { seq: number; at: number; voters: Set<string> }[] = [];
    const people = new Set<string>();
    for (const event of live) {
      if (event.kind === 'question') {
        const answered = within(0, 1) < 0.7;
        const answeredAt = event.at + within(2, 25) * MINUTE_MS;
        const i = asked.length;
        const q = (await tx.value<number>(
          `INSERT INTO questions (id, session, member_id, author, anonymous, text, state,
             answer_text, answered_at, created_at)
           VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?, ?) RETURNING seq`,
          `q_${community}-${k}x${i}`,
          seq,
          event.member,
          names.get(event.member) ?? 'Membre',
          LIVE_QUESTIONS[(i + k) % LIVE_QUESTIONS.length] as string,
          answered ? 'answered' : 'open',
          answered ? 'Merci pour la question : réponse donnée en direct.' : null,
          answered ? iso(answeredAt) : null,
          iso(event.at),
        )) as number;
        asked.push({ seq: q, at: event.at, voters: new Set() });
        people.add(event.member);
      } else if (event.kind === 'vote') {
        const open = asked.filter((q) => q.at < event.at && !q.voters.has(event.member));
        const target = open[Math.floor(within(0, open.length))];
        if (!target) continue;
        target.voters.add(event.member);
        people.add(event.member);
        await tx.run(
          'INSERT INTO votes (question, member_id, created_at) VALUES (?, ?, ?)',
          target.seq,
          event.member,
          iso(event.at),
        );
        await tx.run('UPDATE questions SET votes = votes + 1 WHERE seq = ?', target.seq);
      }
    }
    const viewers = Math.round(people.size * within(1.5, 2.3)) + 3;
    await tx.run(
      'INSERT INTO session_stats (session, viewers, peak_viewers) VALUES (?, ?, ?)',
      seq,
      viewers,
      Math.round(viewers * within(0.6, 0.85)),
    );
  }
}
