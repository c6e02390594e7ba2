/**
 * The KPIs beyond the daily series, over real HTTP on a real database file with an injected
 * clock: visitors without cookies, live participation per session, testimonials with photo
 * and rating, the series by week and month, frozen past days, and the CSV of every table.
 * Every expected figure is worked out by hand in the comments.
 */
import { Kpis } from '@cercle/client/admin';
import { seedCommunity, seedSession } from '@cercle/server';
import * as v from 'valibot';
import { afterEach, describe, expect, it } from 'vitest';
import {
  call,
  expectError,
  joinAs,
  openEvents,
  seedAtelier,
  startServer,
  stopServer,
  HOST_KEY,
  type EventReader,
  type TestServer,
} from './helpers.js';
import { png } from './images.js';

const C = '/v1/communities/atelier';
const H = `${C}/host`;
const S = `${C}/sessions/live`;
const value = (n: number) => ({ value: n });
const hidden = { suppressed: true };

let t: TestServer;
let clock = new Date('2026-11-30T09:00:00.000Z');
const at = (iso: string) => {
  clock = new Date(iso);
};

afterEach(() => stopServer(t));

async function setup(): Promise<void> {
  at('2026-11-30T09:00:00.000Z');
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

const kpis = async (query: string) => {
  const answer = await call(t.url, `${H}/kpis${query}`, { token: HOST_KEY });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return v.parse(Kpis, answer.body);
};

async function csv(query: string): Promise<string[][]> {
  const response = await fetch(`${t.url}${H}/kpis.csv${query}`, {
    headers: { authorization: `Bearer ${HOST_KEY}` },
  });
  expect(response.status, await response.clone().text()).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="atelier-/);
  const text = await response.text();
  expect(text.endsWith('\r\n')).toBe(true);
  return text
    .trimEnd()
    .split('\r\n')
    .map((line) => line.split(','));
}

/** A widget's first read from a browser with this user agent (same IP: 127.0.0.1). */
const load = async (userAgent: string, path = C) => {
  const answer = await call(t.url, path, { headers: { 'user-agent': userAgent } });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
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

async function answerQuestion(question: string, json: unknown): Promise<void> {
  const answer = await call(t.url, `${H}/sessions/live/questions/${question}`, {
    method: 'PATCH',
    token: HOST_KEY,
    json,
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
}

async function testimonial(token: string, rating: number, withPhoto: boolean): Promise<void> {
  let photo: { id: string; alt: string } | undefined;
  if (withPhoto) {
    const uploaded = await fetch(`${t.url}${C}/photos`, {
      method: 'POST',
      headers: { 'content-type': 'image/png', authorization: `Bearer ${token}` },
      body: new Uint8Array(await png(30, 20)),
    });
    expect(uploaded.status).toBe(201);
    photo = { id: ((await uploaded.json()) as { id: string }).id, alt: 'Un atelier' };
  }
  const answer = await call(t.url, `${C}/testimonials`, {
    token,
    json: {
      rating,
      text: 'Très bon atelier',
      ...(photo ? { photo } : {}),
      consent: { version: 'v1', publishName: true, publishPhoto: withPhoto },
    },
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
}

describe('KPIs in depth', () => {
  it('counts visitors once a day without cookies, and forgets the hashes when the day is over', async () => {
    await setup();
    // 11-30: five browsers load the join widget, one of them three times and once the wall:
    // 5 visitors. The host's own reads (KPIs) are no visits.
    for (const ua of ['ua-1', 'ua-2', 'ua-3', 'ua-4', 'ua-5']) await load(ua);
    await load('ua-1');
    await load('ua-1', `${C}/testimonials`);
    await kpis('?from=2026-11-30&to=2026-11-30');
    // 12-01: ua-1 comes back (a new day: counted again), and a sixth browser: 2 (hidden).
    at('2026-12-01T10:00:00.000Z');
    await load('ua-1');
    await load('ua-6');
    const k = await kpis('?from=2026-11-30&to=2026-12-01');
    expect(k.series.map((d) => d.visitors)).toEqual([value(5), hidden]);
    // Over the range: 5 + 2 = 7 visits of a day (a visitor is counted once a day).
    expect(k.funnel.visitors).toEqual(value(7));
    // Only today's salt and hashes are kept: yesterday's cannot be recomputed from an IP.
    const db = t.server.db;
    expect(db.prepare('SELECT day FROM visitor_salts').all()).toEqual([{ day: '2026-12-01' }]);
    expect(db.prepare('SELECT DISTINCT day FROM visitor_hashes').all()).toEqual([
      { day: '2026-12-01' },
    ]);
    // No IP address or user agent is stored anywhere in them.
    const rows = JSON.stringify(db.prepare('SELECT * FROM visitor_hashes').all());
    expect(rows).not.toContain('127.0.0.1');
    expect(rows).not.toContain('ua-');
  });

  it('measures live participation per session: viewers, askers, voters, answers', async () => {
    await setup();
    const m: Record<string, string> = {};
    for (const name of ['A', 'B', 'C', 'D', 'E', 'F']) m[name] = (await joinAs(t.url, name)).token;
    // Six browsers open the session's stream at once: 6 viewers, a peak of 6. Two leave and
    // one of them comes back (the same visitor: still 6 viewers; 5 open, the peak stays 6).
    const streams: EventReader[] = [];
    for (const ua of ['v-1', 'v-2', 'v-3', 'v-4', 'v-5', 'v-6']) {
      streams.push(await openEvents(`${t.url}${S}/events`, { headers: { 'user-agent': ua } }));
    }
    streams.shift()?.close();
    streams.shift()?.close();
    streams.push(await openEvents(`${t.url}${S}/events`, { headers: { 'user-agent': 'v-1' } }));
    // A B C D E ask at 09:00 (5 askers); A B C D F vote (5 voters); 6 took part.
    const q: Record<string, string> = {};
    for (const name of ['A', 'B', 'C', 'D', 'E'])
      q[name] = await ask(m[name]!, `Question ${name} ?`);
    for (const [voter, question] of [
      ['A', 'B'],
      ['B', 'A'],
      ['C', 'A'],
      ['D', 'E'],
      ['F', 'E'],
    ] as const) {
      await vote(m[voter]!, q[question]!);
    }
    // Answered after 10, 20 and 30 minutes (the last one marked answered without text).
    at('2026-11-30T09:10:00.000Z');
    await answerQuestion(q.A!, { answer: 'Oui.' });
    at('2026-11-30T09:20:00.000Z');
    await answerQuestion(q.B!, { answer: 'Non.' });
    at('2026-11-30T09:30:00.000Z');
    await answerQuestion(q.C!, { state: 'answered' });
    for (const stream of streams) stream.close();

    const k = await kpis('?from=2026-11-30&to=2026-11-30');
    expect(k.sessions).toEqual([
      {
        id: 'live',
        title: 'En direct',
        startsAt: '2026-11-30T08:00:00.000Z',
        state: 'live',
        peakViewers: value(6),
        viewers: value(6),
        askers: value(5),
        voters: value(5),
        // A B C D E F took part ÷ 6 viewers.
        participation: value(1),
        questions: value(5),
        // 3 answered of 5.
        answerRate: value(0.6),
        // Median of 600, 1200 and 1800 seconds.
        medianAnswerSeconds: value(1200),
      },
    ]);
    // The host ends the session; the first read on a later day keeps its figures: erasing an
    // asker afterwards (A) changes nothing in them.
    const ended = await call(t.url, `${H}/sessions/live`, {
      method: 'PATCH',
      token: HOST_KEY,
      json: { state: 'ended' },
    });
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    at('2026-12-01T09:00:00.000Z');
    const frozen = (await kpis('?from=2026-11-30&to=2026-11-30')).sessions[0];
    expect((await call(t.url, `${C}/members/me`, { method: 'DELETE', token: m.A! })).status).toBe(
      204,
    );
    expect((await kpis('?from=2026-11-30&to=2026-11-30')).sessions[0]).toEqual({
      ...frozen,
      state: 'ended',
    });
    expect(frozen).toMatchObject({ askers: value(5), voters: value(5), state: 'ended' });
    const rows = await csv('?table=sessions&from=2026-11-30&to=2026-11-30');
    expect(rows).toEqual([
      [
        'session',
        'title',
        'starts_at',
        'state',
        'peak_viewers',
        'viewers',
        'askers',
        'voters',
        'participation',
        'questions',
        'answer_rate',
        'median_answer_seconds',
      ],
      [
        'live',
        'En direct',
        '2026-11-30T08:00:00.000Z',
        'ended',
        '6',
        '6',
        '5',
        '5',
        '1',
        '5',
        '0.6',
        '1200',
      ],
    ]);
  });

  it('gives testimonials with photo and the average rating; series by week and month; CSV of each table', async () => {
    await setup();
    const m: Record<string, string> = {};
    for (const name of ['A', 'B', 'C', 'D', 'E']) m[name] = (await joinAs(t.url, name)).token;
    // Ratings 5 4 3 4 5 (average 21 ÷ 5 = 4.2); A and B with a photo.
    for (const [name, rating] of [
      ['A', 5],
      ['B', 4],
      ['C', 3],
      ['D', 4],
      ['E', 5],
    ] as const) {
      await testimonial(m[name]!, rating, name === 'A' || name === 'B');
    }
    // 12-08 (the next Tuesday): two more members join.
    at('2026-12-08T09:00:00.000Z');
    for (const name of ['F', 'G']) await joinAs(t.url, name);

    const k = await kpis('?from=2026-11-30&to=2026-12-13');
    expect(k.testimonials).toMatchObject({
      submitted: value(5),
      withPhoto: value(2),
      averageRating: value(4.2),
    });
    // By week: 11-30..12-06 (5 joins, 5 members at its end) and 12-07..12-13 (2 joins: hidden;
    // 7 members). Active at each week's end: A–E on 11-30 → 5 in 7 and 28 days at 12-06; at
    // 12-13 only in 28 days.
    const weeks = await kpis('?from=2026-11-30&to=2026-12-13&granularity=week');
    expect(weeks.granularity).toBe('week');
    expect(weeks.series).toEqual([
      {
        day: '2026-11-30',
        members: value(5),
        joins: value(5),
        waitlistedJoins: hidden,
        leaves: hidden,
        visitors: hidden,
        active: { d1: hidden, d7: value(5), d28: value(5) },
        // 0 active on 12-06 ÷ 5 in 28 days; no members 28 days before (11-08): no churn;
        // the 5 testimonials (pre-moderated: none approved yet).
        stickiness: value(0),
        churn: null,
        testimonials: value(5),
        testimonialsApproved: value(0),
      },
      {
        day: '2026-12-07',
        members: value(7),
        joins: hidden,
        waitlistedJoins: hidden,
        leaves: hidden,
        visitors: hidden,
        active: { d1: hidden, d7: hidden, d28: value(5) },
        stickiness: value(0),
        churn: null,
        testimonials: value(0),
        testimonialsApproved: value(0),
      },
    ]);
    // By month, from 11-29: November's part (11-29, 11-30) then December to the 13th.
    const months = await kpis('?from=2026-11-29&to=2026-12-13&granularity=month');
    expect(months.series.map((d) => [d.day, d.members, d.joins])).toEqual([
      ['2026-11-29', value(5), value(5)],
      ['2026-12-01', value(7), hidden],
    ]);

    // The CSV of each table says what the JSON says: suppressed "<5", nothing for null.
    const series = await csv('?table=series&from=2026-11-30&to=2026-12-13&granularity=week');
    expect(series).toEqual([
      [
        'week',
        'members',
        'joins',
        'waitlisted_joins',
        'leaves',
        'visitors',
        'active_1d',
        'active_7d',
        'active_28d',
        'stickiness',
        'churn',
        'testimonials',
        'testimonials_approved',
      ],
      ['2026-11-30', '5', '5', '<5', '<5', '<5', '<5', '5', '5', '0', '', '5', '0'],
      ['2026-12-07', '7', '<5', '<5', '<5', '<5', '<5', '<5', '5', '0', '', '0', '0'],
    ]);
    const summary = await csv('?table=summary&from=2026-11-30&to=2026-12-13');
    expect(summary[0]).toEqual(['kpi', 'value', 'from', 'to']);
    expect(summary).toContainEqual([
      'testimonials_average_rating',
      '4.2',
      '2026-11-30',
      '2026-12-13',
    ]);
    expect(summary).toContainEqual(['churn', '', '2026-11-30', '2026-12-13']);
    const cohorts = await csv('?table=cohorts&from=2026-11-30&to=2026-12-13');
    // Week of 11-30: 5 members, all activated on day 0 (testimonials); too young for D30.
    expect(cohorts).toEqual([
      ['week', 'size', 'activated_7d', 'retained_d30', 'retained_d60', 'retained_d90'],
      ['2026-11-30', '5', '1', '', '', ''],
      ['2026-12-07', '<5', '', '', '', ''],
    ]);
    const offers = await csv('?table=offers');
    expect(offers).toEqual([
      ['offer', 'title', 'teaser_views', 'reveals', 'copies', 'redemptions', 'currency', 'revenue'],
    ]);
    // A table that does not exist, a moderator: refused.
    expectError(
      await call(t.url, `${H}/kpis.csv?table=members`, { token: HOST_KEY }),
      400,
      'validation_failed',
    );
    expectError(await call(t.url, `${H}/kpis.csv?table=series`), 401, 'unauthorized');
  });

  it('counts the members a seed creates, each on its join day', async () => {
    await setup();
    // Six seeded members, 36 hours apart, the last one 36 hours before now (11-30 09:00).
    await seedCommunity(
      t.server.store,
      { slug: 'graines', name: 'Graines', seedMembers: 6 },
      { ownerKey: 'graines-owner-key-0123456789abcdef', now: clock },
    );
    const answer = await call(
      t.url,
      '/v1/communities/graines/host/kpis?from=2026-11-20&to=2026-11-30',
      {
        token: 'graines-owner-key-0123456789abcdef',
      },
    );
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const k = v.parse(Kpis, answer.body);
    // Joined 11-21 09:00, 11-22 21:00, 11-24 09:00, 11-25 21:00, 11-27 09:00, 11-28 21:00:
    // fewer than 5 (hidden) until 11-26, 5 on 11-27, 6 from 11-28.
    expect(k.series.map((d) => d.members)).toEqual([
      ...Array.from({ length: 7 }, () => hidden),
      value(5),
      value(6),
      value(6),
      value(6),
    ]);
    expect(k.funnel.joined).toEqual(value(6));
  });

  it('keeps a closed day as it was when a member is erased later', async () => {
    await setup();
    const m: Record<string, string> = {};
    for (const name of ['A', 'B', 'C', 'D', 'E']) m[name] = (await joinAs(t.url, name)).token;
    const q = await ask(m.A!, 'Une question ?');
    for (const name of ['B', 'C', 'D', 'E']) await vote(m[name]!, q);
    // 12-01: A votes for nothing new but asks again (the day's first contribution closes
    // 11-30 with A–E active); then E is erased.
    at('2026-12-01T09:00:00.000Z');
    await ask(m.A!, 'Encore une ?');
    expect((await call(t.url, `${C}/members/me`, { method: 'DELETE', token: m.E! })).status).toBe(
      204,
    );
    const k = await kpis('?from=2026-11-30&to=2026-12-01');
    // 11-30 keeps its 5 active members; 12-01 counts A–D in 7 days (4: hidden).
    expect(k.series.map((d) => d.active.d1)).toEqual([value(5), hidden]);
    expect(k.series.map((d) => d.active.d7)).toEqual([value(5), hidden]);
  });
});
