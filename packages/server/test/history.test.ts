/**
 * The demo's seeded KPI history (`seedKpiHistory`, called by `seedDemo`), read over real HTTP
 * as the dashboard reads it: figures that are there, consistent with the member rows, and
 * written once.
 */
import { Kpis, type KpiCell } from '@cercle/client/admin';
import { demoOwnerKey } from '@cercle/client/demo';
import { openMemoryStore, seedCommunity } from '@cercle/server';
import * as v from 'valibot';
import { afterEach, describe, expect, it } from 'vitest';
import { prng, seedKpiHistory } from '../src/seed/history.js';
import { call, removeTempDirs, startServer, type TestServer } from './helpers.js';

const DAY_MS = 86_400_000;
const C = '/v1/communities/maison-verte';
const running: TestServer[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((t) => t.stop()));
  await removeTempDirs();
});

const day = (at: Date) => at.toISOString().slice(0, 10);
const value = (cell: KpiCell | null | undefined): number | undefined =>
  cell && 'value' in cell ? cell.value : undefined;

async function read(t: TestServer, now: Date) {
  const from = day(new Date(now.getTime() - 89 * DAY_MS));
  const answer = await call(t.url, `${C}/host/kpis?from=${from}&to=${day(now)}`, {
    token: demoOwnerKey('maison-verte'),
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return v.parse(Kpis, answer.body);
}

describe('the demo KPI history', () => {
  // A Sunday during the live, like the demo; and a weekday morning.
  for (const at of ['2026-12-06T17:20:00.000Z', '2026-12-03T08:05:00.000Z']) {
    it(`gives the dashboard figures consistent with the members (now ${at})`, async () => {
      const now = new Date(at);
      const t = await startServer({ seed: 'demo', now: () => now });
      running.push(t);
      const kpis = await read(t, now);
      const community = (await call(t.url, C)).body as { memberCount: number };

      const last = kpis.series.at(-1);
      expect(value(last?.members)).toBe(community.memberCount);
      const joinDays = kpis.series.filter((d) => (value(d.joins) ?? 0) > 0);
      expect(joinDays.length).toBeGreaterThanOrEqual(10);
      // The waves follow the Sunday lives.
      for (const d of joinDays) expect(new Date(`${d.day}T00:00:00Z`).getUTCDay()).toBe(0);
      expect(value(kpis.active.d28)).toBeGreaterThan(0);
      expect(value(kpis.activation)).toBeGreaterThan(0);
      expect(value(kpis.activation)).toBeLessThanOrEqual(1);
      expect(kpis.retention.some((c) => value(c.d30) !== undefined)).toBe(true);
      expect(value(kpis.promo.reveals)).toBeGreaterThan(0);
      expect(value(kpis.promo.redemptions)).toBeGreaterThan(0);
      expect(kpis.promo.revenue.map((r) => r.currency)).toEqual(['EUR']);
      expect(value(kpis.testimonials.submitted)).toBeGreaterThan(0);

      // The rollups agree with the rows: members per day, contributions, exits.
      const db = t.server.db;
      const rows = db
        .prepare(
          "SELECT day, members, joins, leaves FROM kpi_daily WHERE community = 'maison-verte' ORDER BY day",
        )
        .all() as { day: string; members: number; joins: number; leaves: number }[];
      let members = 0;
      for (const row of rows) {
        members += row.joins - row.leaves;
        expect(row.members, row.day).toBe(members);
      }
      expect(members).toBe(community.memberCount);
      const exits = db
        .prepare("SELECT COUNT(*) AS n FROM member_exits WHERE community = 'maison-verte'")
        .get() as { n: number };
      expect(rows.reduce((n, r) => n + r.leaves, 0)).toBe(exits.n);
      const counted = db
        .prepare(
          "SELECT SUM(questions + votes + reports + testimonials_submitted + reveals + copies) AS n FROM kpi_daily WHERE community = 'maison-verte'",
        )
        .get() as { n: number };
      const activity = db
        .prepare("SELECT COUNT(*) AS n FROM activity WHERE community = 'maison-verte'")
        .get() as { n: number };
      expect(counted.n).toBe(activity.n);
      // Never active before joining, never in the future; each member's join day has its join.
      const early = db
        .prepare(
          `SELECT COUNT(*) AS n FROM activity a JOIN members m ON m.id = a.member_id
           WHERE a.community = 'maison-verte' AND (a.at < m.joined_at OR a.at > ?)`,
        )
        .get(now.toISOString()) as { n: number };
      expect(early.n).toBe(0);
      const joinsByDay = db
        .prepare(
          `SELECT substr(joined_at, 1, 10) AS day, COUNT(*) AS n FROM members
           WHERE community = 'maison-verte' GROUP BY day`,
        )
        .all() as { day: string; n: number }[];
      const byDay = new Map(rows.map((r) => [r.day, r]));
      for (const j of joinsByDay) expect(byDay.get(j.day)?.joins ?? 0).toBeGreaterThanOrEqual(j.n);
      // The testimonials' authors (members 0–29) joined at least 135 days before (demo.ts).
      const founders = db
        .prepare(
          "SELECT MAX(joined_at) AS at FROM (SELECT joined_at FROM members WHERE community = 'maison-verte' ORDER BY seq LIMIT 30)",
        )
        .get() as { at: string };
      expect(Date.parse(founders.at)).toBeLessThanOrEqual(now.getTime() - 135 * DAY_MS);
      const wall = db
        .prepare(
          `SELECT COUNT(*) AS n FROM testimonials t JOIN members m ON m.id = t.member_id
           WHERE t.community = 'maison-verte' AND t.member_since = m.joined_at`,
        )
        .get() as { n: number };
      expect(wall.n).toBeGreaterThan(0);
    });
  }

  it('is written once: seeding again (a restart with --seed demo) changes no figure', async () => {
    const now = new Date('2026-12-06T17:20:00.000Z');
    const first = await startServer({ seed: 'demo', now: () => now });
    running.push(first);
    const before = await read(first, now);
    await first.stop();
    running.pop();
    const second = await startServer({ seed: 'demo', db: first.file, now: () => now });
    running.push(second);
    expect(await read(second, now)).toEqual(before);
  });

  it('is deterministic, and quick', async () => {
    const now = new Date('2026-12-06T17:20:00.000Z');
    const summaries = [];
    for (let i = 0; i < 2; i++) {
      const store = await openMemoryStore();
      await seedCommunity(store, { slug: 'c', name: 'C', seedMembers: 120 }, { now });
      const started = performance.now();
      summaries.push(await seedKpiHistory(store, 'c', { now, seed: 7 }));
      // ~0.1–0.5 s on sql.js (the mock's store); generous, for loaded machines.
      expect(performance.now() - started).toBeLessThan(3000);
      await store.close();
    }
    expect(summaries[1]).toEqual(summaries[0]);
    expect(summaries[0]).toMatchObject({ members: 120 });
    const a = prng(1);
    const b = prng(1);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });
});
