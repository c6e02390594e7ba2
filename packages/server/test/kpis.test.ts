/**
 * KPIs over real HTTP on a real database file, with an injected clock: a small history built
 * through the API (joins on several days, questions, votes, testimonials, a reveal, a leave),
 * and every expected figure worked out by hand in the comments.
 */
import { Kpis } from '@cercle/client/admin';
import { seedSession } from '@cercle/server';
import * as v from 'valibot';
import { afterEach, describe, expect, it } from 'vitest';
import {
  call,
  expectError,
  joinAs,
  seedAtelier,
  startServer,
  stopServer,
  HOST_KEY,
  type TestServer,
} from './helpers.js';

const C = '/v1/communities/atelier';
const H = `${C}/host`;
const S = `${C}/sessions/live`;

let t: TestServer;
let clock = new Date('2026-11-30T09:00:00.000Z');

afterEach(() => stopServer(t));

/** Sets the clock to 09:00 UTC on `day`. */
const on = (day: string) => {
  clock = new Date(`${day}T09:00:00.000Z`);
};

async function setup(): Promise<void> {
  on('2026-11-30');
  t = await startServer({ now: () => clock });
  await seedAtelier(t);
  await seedSession(t.server.store, {
    community: 'atelier',
    id: 'live',
    title: 'En direct',
    state: 'live',
    startsAt: new Date('2026-11-30T08:00:00.000Z'),
  });
}

const kpis = async (query = '', token = HOST_KEY) => {
  const answer = await call(t.url, `${H}/kpis${query}`, { token });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return v.parse(Kpis, answer.body);
};

async function ask(token: string, text: string): Promise<string> {
  const answer = await call(t.url, `${S}/questions`, { token, json: { text } });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body.id as string;
}

async function vote(token: string, question: string): Promise<void> {
  const answer = await call(t.url, `${S}/questions/${question}/vote`, { method: 'PUT', token });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
}

async function testimonial(token: string): Promise<string> {
  const answer = await call(t.url, `${C}/testimonials`, {
    token,
    json: {
      rating: 5,
      text: 'Très bon atelier',
      consent: { version: 'v1', publishName: true, publishPhoto: false },
    },
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body.id as string;
}

async function hostWith(role: 'moderator' | 'analyst'): Promise<string> {
  const invited = await call(t.url, `${H}/invitations`, { token: HOST_KEY, json: { role } });
  expect(invited.status, JSON.stringify(invited.body)).toBe(201);
  const accepted = await call(t.url, `${C}/invitations/accept`, {
    json: { token: invited.body.token, name: `A ${role}` },
  });
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
  return accepted.body.key as string;
}

const value = (n: number) => ({ value: n });
const hidden = { suppressed: true };

/**
 * The history (all joins in the week of Monday 2026-11-30):
 * - 11-30: A B C D E F join (6). A asks q1; B and C vote for it.
 * - 12-01: G H join (2, members 8). A asks q2; D E F G H vote for it.
 * - 12-02: B leaves (members 7). G reveals the shared offer. A C D E F submit testimonials.
 * - 12-03: the owner approves the testimonials of A, C and D.
 */
async function history() {
  const m: Record<string, string> = {};
  for (const name of ['A', 'B', 'C', 'D', 'E', 'F']) m[name] = (await joinAs(t.url, name)).token;
  const q1 = await ask(m.A!, 'Première question ?');
  await vote(m.B!, q1);
  await vote(m.C!, q1);

  on('2026-12-01');
  for (const name of ['G', 'H']) m[name] = (await joinAs(t.url, name)).token;
  const q2 = await ask(m.A!, 'Deuxième question ?');
  for (const name of ['D', 'E', 'F', 'G', 'H']) await vote(m[name]!, q2);
  return m;
}

describe('KPIs', () => {
  it('computes each figure from the rollups, by hand, with cells under 5 suppressed', async () => {
    await setup();
    const m = await history();

    // Before the leave, on 12-01: active in the 7 days ending 12-01 = A B C (11-30) ∪ A D E F
    // G H (12-01) = 8 distinct members.
    const before = await kpis('?from=2026-11-30&to=2026-12-01');
    expect(before.active).toEqual({ d1: value(6), d7: value(8), d28: value(8) });

    on('2026-12-02');
    expect((await call(t.url, `${C}/members/me`, { method: 'DELETE', token: m.B! })).status).toBe(
      204,
    );
    const created = await call(t.url, `${H}/offers/promo`, {
      method: 'PUT',
      token: HOST_KEY,
      json: {
        title: 'Promo',
        benefit: '-10 %',
        conditions: '',
        expiresAt: '2027-06-30T00:00:00.000Z',
        disclosure: 'publicite',
        kind: 'shared',
        sharedCode: 'PROMO-10',
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const revealed = await call(t.url, `${C}/offers/promo/reveal`, { method: 'POST', token: m.G! });
    expect(revealed.status, JSON.stringify(revealed.body)).toBe(200);
    const ids: Record<string, string> = {};
    for (const name of ['A', 'C', 'D', 'E', 'F']) ids[name] = await testimonial(m[name]!);

    on('2026-12-03');
    for (const name of ['A', 'C', 'D']) {
      const approved = await call(t.url, `${H}/testimonials/${ids[name]}`, {
        method: 'PATCH',
        token: HOST_KEY,
        json: { state: 'approved' },
      });
      expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    }

    const k = await kpis('?from=2026-11-30&to=2026-12-03');
    expect(k).toMatchObject({ from: '2026-11-30', to: '2026-12-03', minMembers: 5 });
    // Members at day end: 6; 6 + 2 = 8; 8 − 1 = 7; 7 carried over (no row on 12-03).
    expect(k.series.map((d) => d.members)).toEqual([value(6), value(8), value(7), value(7)]);
    // Joins 6, then 2 (< 5: suppressed), then 0 (< 5: suppressed too).
    expect(k.series.map((d) => d.joins)).toEqual([value(6), hidden, hidden, hidden]);
    expect(k.series.map((d) => d.leaves)).toEqual([hidden, hidden, hidden, hidden]);
    // Active on one day (B erased: their vote of 11-30 no longer names anyone):
    // 11-30: A C = 2 (hidden); 12-01: A D E F G H = 6; 12-02: G A C D E F = 6; 12-03: nobody.
    expect(k.series.map((d) => d.active.d1)).toEqual([hidden, value(6), value(6), hidden]);
    // At 12-03: d1 = 0 (hidden); d7 = d28 = A C D E F G H = 7 (H voted on 12-01).
    expect(k.active).toEqual({ d1: hidden, d7: value(7), d28: value(7) });
    // Activation: 7 active in 28 days ÷ 7 members = 1.
    expect(k.activation).toEqual(value(1));
    // Stickiness: 0 active today ÷ 7 active in 28 days = 0.
    expect(k.stickiness).toEqual(value(0));
    // Churn: 1 leave in the 28 days ending 12-03 ÷ 0 members on 11-05 (before any join): none.
    expect(k.churn).toBeNull();
    // The cohort of 11-30: 7 members + B who left = 8; too young for D30 (12-06 + 30 > 12-03)
    // and for the 7-day activation (12-06 + 6 > 12-03).
    expect(k.retention).toEqual([
      { week: '2026-11-30', size: value(8), activated7: null, d30: null, d60: null, d90: null },
    ]);
    // Funnel: no widget was loaded (no visitor); 8 joined in the range, of whom A C D E F G H
    // contributed (B is erased: no longer known) = 7.
    expect(k.funnel).toEqual({ visitors: hidden, joined: value(8), contributed: value(7) });
    expect(k.series.map((d) => d.visitors)).toEqual([hidden, hidden, hidden, hidden]);
    // Questions: 2, by A alone (1 member < 5): hidden. Votes: 2 + 5 = 7, by C D E F G H
    // (6 known members; B's is anonymous since the erasure). No reports.
    expect(k.contributions).toEqual({ questions: hidden, votes: value(7), reports: hidden });
    // Testimonials: 5 submitted by 5 members; 3 of them approved; 3 ÷ 5 = 0.6.
    // None with a photo (0 of 5, by 5 members: shown); every rating 5: average 5.
    expect(k.testimonials).toEqual({
      submitted: value(5),
      approved: value(3),
      approvalRate: value(0.6),
      withPhoto: value(0),
      averageRating: value(5),
    });
    // One reveal by one member: hidden; no copies, no orders; the offer's own funnel alike.
    expect(k.promo).toEqual({
      reveals: hidden,
      copies: hidden,
      redemptions: hidden,
      revenue: [],
      offers: [
        {
          id: 'promo',
          title: 'Promo',
          teaserViews: hidden,
          reveals: hidden,
          copies: hidden,
          redemptions: hidden,
          revenue: [],
        },
      ],
    });
    // The session (starts 11-30): asked by A alone (questions, answer rate hidden); voters
    // C D E F G H = 6 (B's votes went with B); nobody opened its stream: no viewers, so no
    // participation; nothing answered: no median.
    expect(k.sessions).toEqual([
      {
        id: 'live',
        title: 'En direct',
        startsAt: '2026-11-30T08:00:00.000Z',
        state: 'live',
        peakViewers: hidden,
        viewers: hidden,
        askers: hidden,
        voters: value(6),
        participation: null,
        questions: hidden,
        answerRate: hidden,
        medianAnswerSeconds: null,
      },
    ]);

    // Erasure keeps the past daily counts (members 8 on 12-01, 6 joins on 11-30, 7 votes) but
    // B no longer counts as active: 8 before the leave, 7 now, for the same range.
    const after = await kpis('?from=2026-11-30&to=2026-12-01');
    expect(after.series.map((d) => d.members)).toEqual([value(6), value(8)]);
    expect(after.series[0]?.joins).toEqual(value(6));
    expect(after.contributions.votes).toEqual(value(7));
    expect(after.active).toEqual({ d1: value(6), d7: value(7), d28: value(7) });

    // 2027-01-05: A asks q3, C D G vote for it.
    on('2027-01-05');
    const q3 = await ask(m.A!, 'Un mois plus tard ?');
    for (const name of ['C', 'D', 'G']) await vote(m[name]!, q3);
    const later = await kpis('?from=2026-11-30&to=2027-01-05');
    expect(later.series).toHaveLength(37); // 1 (11-30) + 31 (December) + 5 (January)
    // Retention D30 of the 11-30 cohort (its last join day 12-06 + 30 = 01-05 ≤ to): A C D
    // (joined 11-30, active on or after 12-30) and G (joined 12-01, active on or after 12-31)
    // = 4 of 8 = 0.5. D60 and D90: too young.
    // Activation within 7 days: A (asked 11-30), B C (voted 11-30), D E F (voted 12-01, day
    // 1) and G H (joined and voted 12-01, day 0) = 8 of 8; B left since, but was activated.
    expect(later.retention).toEqual([
      {
        week: '2026-11-30',
        size: value(8),
        activated7: value(1),
        d30: value(0.5),
        d60: null,
        d90: null,
      },
    ]);
    // Active at 01-05: d1 = A C D G = 4 (hidden); d28 (12-09..01-05) = the same 4 (hidden).
    expect(later.active).toEqual({ d1: hidden, d7: hidden, d28: hidden });
    // Activation: 4 ÷ 7 members = 0.5714; stickiness: 4 ÷ 4 but the denominator is 4 < 5.
    expect(later.activation).toEqual(value(0.5714));
    expect(later.stickiness).toEqual(hidden);
    // Churn: no leave in 12-09..01-05 ÷ 7 members at the end of 12-08 = 0.
    expect(later.churn).toEqual(value(0));
    // Per day: churn on 12-28 = B's leave (12-02, within 12-01..12-28) ÷ the 6 members at
    // the end of 11-30 (12-28 − 28 days) = 0.1667.
    expect(later.series.find((d) => d.day === '2026-12-28')?.churn).toEqual(value(0.1667));
    // Stickiness on 12-02: 6 active that day ÷ 7 in 28 days (A C D E F G H; B erased) = 0.8571.
    expect(later.series.find((d) => d.day === '2026-12-02')?.stickiness).toEqual(value(0.8571));
  });

  it('counts the promo funnel and the revenue per currency, suppressed under 5', async () => {
    await setup();
    const put = await call(t.url, `${H}/offers/promo`, {
      method: 'PUT',
      token: HOST_KEY,
      json: {
        title: 'Promo',
        benefit: '-10 %',
        conditions: '',
        expiresAt: '2027-06-30T00:00:00.000Z',
        disclosure: 'publicite',
        kind: 'shared',
        sharedCode: 'PROMO-10',
      },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(201);
    // Five members reveal the code; two of them copy it.
    const tokens = [];
    for (const name of ['A', 'B', 'C', 'D', 'E']) tokens.push((await joinAs(t.url, name)).token);
    for (const token of tokens) {
      const answer = await call(t.url, `${C}/offers/promo/reveal`, { method: 'POST', token });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    }
    for (const token of tokens.slice(0, 2)) {
      const answer = await call(t.url, `${C}/offers/promo/copies`, { method: 'POST', token });
      expect(answer.status, JSON.stringify(answer.body)).toBe(204);
    }
    // Six orders in EUR (10 + 20 + 30 + 40 + 50 + 60.5 = 210.5) and one in USD (15).
    const orders: [number, string][] = [
      [10, 'EUR'],
      [20, 'EUR'],
      [30, 'EUR'],
      [40, 'EUR'],
      [50, 'EUR'],
      [60.5, 'EUR'],
      [15, 'USD'],
    ];
    for (const [i, [amount, currency]] of orders.entries()) {
      const answer = await call(t.url, `${C}/offers/promo/redemptions`, {
        token: HOST_KEY,
        json: { code: 'PROMO-10', orderId: `o${i}`, amount, currency },
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    }
    const k = await kpis('?from=2026-11-30&to=2026-11-30');
    // Reveals: 5 by 5 members; copies: 2 by 2 (hidden); orders: 7; EUR 6 orders, USD 1 (hidden).
    const revenue = [
      { currency: 'EUR', redemptions: value(6), amount: value(210.5) },
      { currency: 'USD', redemptions: hidden, amount: hidden },
    ];
    expect(k.promo).toEqual({
      reveals: value(5),
      copies: hidden,
      redemptions: value(7),
      revenue,
      // The one offer holds it all; nobody loaded its teaser.
      offers: [
        {
          id: 'promo',
          title: 'Promo',
          teaserViews: hidden,
          reveals: value(5),
          copies: hidden,
          redemptions: value(7),
          revenue,
        },
      ],
    });
    // Hosts are not members: the owner's actions count nowhere; 5 members, 5 joins.
    expect(k.series[0]).toMatchObject({ members: value(5), joins: value(5) });
    expect(k.active.d1).toEqual(value(5));
  });

  it('defaults to the 28 days ending today', async () => {
    await setup();
    on('2026-12-15');
    const k = await kpis();
    expect(k.from).toBe('2026-11-18'); // 12-15 − 27 days
    expect(k.to).toBe('2026-12-15');
    expect(k.series).toHaveLength(28);
  });

  it('is for owners and analysts: an analyst reads them, a moderator is refused', async () => {
    await setup();
    const analyst = await hostWith('analyst');
    const moderator = await hostWith('moderator');
    expect((await kpis('', analyst)).series).toHaveLength(28);
    expectError(await call(t.url, `${H}/kpis`, { token: moderator }), 403, 'forbidden');
    expectError(await call(t.url, `${H}/kpis`), 401, 'unauthorized');
  });

  it('refuses a bad range', async () => {
    await setup();
    for (const query of [
      '?from=2026-12-02&to=2026-12-01', // from after to
      '?from=2025-11-30&to=2026-12-01', // 367 days
      '?from=2026-13-01', // no 13th month
      '?from=yesterday',
      '?to=2026-12-1',
      '?to=2026-02-31', // no such day
      '?days=7', // unknown parameter
    ]) {
      expectError(
        await call(t.url, `${H}/kpis${query}`, { token: HOST_KEY }),
        400,
        'validation_failed',
      );
    }
    // Exactly 366 days is allowed (2024 was a leap year: 2024-01-01..2024-12-31).
    expect((await kpis('?from=2024-01-01&to=2024-12-31')).series).toHaveLength(366);
  });
});
