/**
 * KPIs (`GET …/host/kpis`): the `Kpis` shape, the range (by default the 28 UTC days ending
 * today, at most 366, refused with `validation_failed` when reversed, too long, malformed or
 * with an unknown parameter), who may read (`insights`: owner and analyst), and the figures of
 * a dedicated community: member counts suppressed under 5 members, then exact; today's joins;
 * questions counted once 5 distinct members asked, with activation and stickiness; the
 * series by week and month; visitors counted once a day; the CSV of every table.
 */
import { KPI_MIN_MEMBERS, KPI_TABLES, type KpiCell, type Kpis } from '@cercle/client/admin';
import {
  equal,
  expectError,
  expectInvalid,
  expectStatus,
  expectUnauthorized,
  fail,
  ok,
  show,
} from '../assert.js';
import type { Context } from '../context.js';
import type { Question } from '@cercle/client';
import type { Member } from '../fixtures.js';
import type { Answer, RequestOptions } from '../http.js';
import { parseCsv } from './audit.js';
import { check } from './define.js';

const DAY = 24 * 60 * 60 * 1000;
/** A UTC day `YYYY-MM-DD`, `offset` days from today. */
const utcDay = (offset = 0) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);
const shift = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const span = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY) + 1;

type Query = Record<string, string | undefined>;

/** Reads the KPIs of `community` (a slug), by default with its owner's key; unchecked. */
const read = (
  ctx: Context,
  community: string,
  query: Query = {},
  as: RequestOptions = { host: true },
) => ctx.call('kpis', { community }, { ...as, query });

async function figures(ctx: Context, community: string, query: Query = {}): Promise<Kpis> {
  return expectStatus(await read(ctx, community, query), 200, 'reading the KPIs');
}

/** The series entry of `day`. */
function onDay(kpis: Kpis, day: string) {
  const entry = kpis.series.find((d) => d.day === day);
  ok(entry, `the series has no entry for ${day}: days ${show(kpis.series.map((d) => d.day))}`);
  return entry;
}

const suppressed: KpiCell = { suppressed: true };
const value = (n: number): KpiCell => ({ value: n });

/** A range error: `validation_failed` naming `from` or `to` (the contract names neither). */
function expectRangeInvalid(answer: Answer<unknown>, what: string): void {
  const error = expectError(answer, 400, 'validation_failed', what);
  const paths = Array.isArray(error.details)
    ? (error.details as { path?: unknown }[]).map((d) => d.path)
    : [];
  ok(
    paths.some((p) => p === 'from' || p === 'to'),
    `${what}: details should name "from" or "to", got ${show(error.details)}`,
  );
}

/** The dedicated KPI community, and the members the suite joined into it (in order). */
const crowd = (ctx: Context) =>
  ctx.fx.once('kpis crowd', async () => ({
    community: await ctx.fx.community('kpis'),
    members: [] as Member[],
    /** The questions asked there, by the members of the same index. */
    questions: [] as Question[],
  }));

/** Joins the next member of the KPI community. */
async function joinOne(ctx: Context): Promise<Member> {
  const { members } = await crowd(ctx);
  const member = await ctx.fx.member(`kpi${members.length + 1}`, { community: 'kpis' });
  ok(member.status === 'active', `a member of the KPI community is ${member.status}`);
  members.push(member);
  return member;
}

/** The KPI community with at least `n` members. */
async function crowdOf(ctx: Context, n: number) {
  const state = await crowd(ctx);
  while (state.members.length < n) await joinOne(ctx);
  return state;
}

/** Today's members and joins, and the members at `to`, of the KPI community. */
async function memberCells(ctx: Context) {
  const { community } = await crowd(ctx);
  const kpis = await figures(ctx, community.slug);
  const today = onDay(kpis, kpis.to);
  return { kpis, members: today.members, joins: today.joins };
}

export const kpiChecks = [
  check(
    'kpis.read.shape',
    'the owner reads the KPIs: the `Kpis` schema, minMembers 5, one series entry per day from `from` to `to`',
    async (ctx) => {
      const main = await ctx.fx.main();
      const from = utcDay(-9);
      const to = utcDay(-2);
      const kpis = await figures(ctx, main.slug, { from, to });
      equal([kpis.from, kpis.to], [from, to], '[from, to] of the answer');
      equal(kpis.minMembers, KPI_MIN_MEMBERS, 'minMembers');
      equal(
        kpis.series.map((d) => d.day),
        Array.from({ length: 8 }, (_, i) => shift(from, i)),
        'the series’ days',
      );
    },
  ),

  check(
    'kpis.range.default',
    'without `from` and `to` the range is the 28 UTC days ending today',
    async (ctx) => {
      const main = await ctx.fx.main();
      const before = utcDay();
      const kpis = await figures(ctx, main.slug);
      const after = utcDay();
      ok(
        kpis.to === before || kpis.to === after,
        `to should be today (UTC) ${after}, got ${kpis.to}`,
      );
      equal(kpis.from, shift(kpis.to, -27), 'from (27 days before to)');
      equal(kpis.series.length, 28, 'the series’ length');
      const alone = await figures(ctx, main.slug, { to: utcDay(-40) });
      equal(
        [alone.from, alone.to],
        [utcDay(-67), utcDay(-40)],
        '[from, to] with `to` alone (the 28 days ending `to`)',
      );
    },
  ),

  check(
    'kpis.range.bounds',
    'a one-day range and a 366-day range are read; 367 days and `from` after `to` are 400 validation_failed',
    async (ctx) => {
      const main = await ctx.fx.main();
      const to = utcDay(-1);
      const one = await figures(ctx, main.slug, { from: to, to });
      equal(
        one.series.map((d) => d.day),
        [to],
        'the series of a one-day range',
      );
      const longest = await figures(ctx, main.slug, { from: shift(to, -365), to });
      equal(span(longest.from, longest.to), 366, 'days of the 366-day range');
      equal(longest.series.length, 366, 'the series’ length of the 366-day range');
      expectRangeInvalid(
        await read(ctx, main.slug, { from: shift(to, -366), to }),
        'a 367-day range',
      );
      expectRangeInvalid(
        await read(ctx, main.slug, { from: to, to: shift(to, -1) }),
        '`from` the day after `to`',
      );
    },
  ),

  check(
    'kpis.range.malformed',
    'a malformed or impossible date is 400 validation_failed naming its field',
    async (ctx) => {
      const main = await ctx.fx.main();
      const bad: [string, string, string][] = [
        ['from', '2026-02-30', 'an impossible date'],
        ['to', '2026-13-01', 'month 13'],
        ['from', '2026-1-05', 'a date without padding'],
        ['to', 'today', 'a word'],
        ['from', '2026-03-01T00:00:00Z', 'an instant'],
        ['to', '', 'an empty date'],
      ];
      for (const [field, date, what] of bad) {
        expectInvalid(await read(ctx, main.slug, { [field]: date }), field, `${field}: ${what}`);
      }
    },
  ),

  check(
    'kpis.query.unknown',
    'an unknown query parameter is 400 validation_failed naming it',
    async (ctx) => {
      const main = await ctx.fx.main();
      expectInvalid(await read(ctx, main.slug, { days: '7' }), 'days', '?days=7');
      expectInvalid(
        await read(ctx, main.slug, { from: utcDay(-3), to: utcDay(), tz: 'Europe/Paris' }),
        'tz',
        'a valid range with ?tz=',
      );
    },
  ),

  check(
    'kpis.access.insights',
    'the owner and an analyst read the KPIs (the `insights` permission)',
    async (ctx) => {
      const [main, analyst] = [await ctx.fx.main(), await ctx.fx.analyst()];
      const query = { from: utcDay(-6), to: utcDay() };
      const byOwner = await figures(ctx, main.slug, query);
      const byAnalyst = expectStatus(
        await read(ctx, main.slug, query, { token: analyst.key }),
        200,
        'the analyst reading the KPIs',
      );
      equal(
        [byAnalyst.from, byAnalyst.to, byAnalyst.series.length],
        [byOwner.from, byOwner.to, byOwner.series.length],
        'the analyst’s [from, to, days]',
      );
    },
  ),

  check(
    'kpis.access.refused',
    'a moderator is 403 forbidden, no key 401, the owner of another community 403',
    async (ctx) => {
      const [main, moderator] = [await ctx.fx.main(), await ctx.fx.moderator()];
      const { community: other } = await crowd(ctx);
      expectError(
        await read(ctx, main.slug, {}, { token: moderator.key }),
        403,
        'forbidden',
        'a moderator',
      );
      expectUnauthorized(await read(ctx, main.slug, {}, {}), 'no key');
      expectError(
        await read(ctx, main.slug, {}, { token: other.key }),
        403,
        'forbidden',
        'the owner of another community',
      );
    },
  ),

  check(
    'kpis.members.suppressed',
    'member counts under 5 (0 included) are { suppressed: true }, activation null over 0 members; at 5 members they are { value: 5 }',
    async (ctx) => {
      const state = await crowd(ctx);
      if (state.members.length > 0) fail('the KPI community already has members');
      for (let n = 0; n < KPI_MIN_MEMBERS; n++) {
        if (n === 0 || n === KPI_MIN_MEMBERS - 1) {
          const { kpis, members, joins } = await memberCells(ctx);
          equal([members, joins], [suppressed, suppressed], `[members, joins] with ${n} members`);
          equal(kpis.active.d28, suppressed, `active.d28 with ${n} members`);
          equal(
            kpis.activation,
            n === 0 ? null : suppressed,
            `activation with ${n} members (null over 0, suppressed under 5)`,
          );
        }
        await joinOne(ctx);
      }
      const { members, joins } = await memberCells(ctx);
      equal(
        [members, joins],
        [value(KPI_MIN_MEMBERS), value(KPI_MIN_MEMBERS)],
        `[members, joins] today with ${KPI_MIN_MEMBERS} members`,
      );
    },
  ),

  check(
    'kpis.members.joins',
    'a join today moves today’s joins and members; a host of the community is never a member',
    async (ctx) => {
      const { members: joined } = await crowdOf(ctx, KPI_MIN_MEMBERS);
      const before = await memberCells(ctx);
      equal(before.members, value(joined.length), 'members today (the members the suite joined)');
      await joinOne(ctx);
      await ctx.fx.host('counter', 'analyst', 'kpis');
      const after = await memberCells(ctx);
      equal(
        [after.members, after.joins],
        [value(joined.length), value(joined.length)],
        `[members, joins] today after a join (${joined.length} members) and a host`,
      );
      ok(
        after.kpis.series.every((d) => d.day === after.kpis.to || 'suppressed' in d.joins),
        `joins on days before today: ${show(after.kpis.series.map((d) => d.joins))}`,
      );
      equal(onDay(after.kpis, after.kpis.to).waitlistedJoins, suppressed, 'waitlisted joins');
    },
  ),

  check(
    'kpis.contributions.questions',
    'questions are counted once 5 distinct members asked (suppressed before); activation and stickiness follow',
    async (ctx) => {
      const { community, members, questions } = await crowdOf(ctx, KPI_MIN_MEMBERS + 1);
      const session = await ctx.fx.session('kpis');
      const askers = members.slice(0, KPI_MIN_MEMBERS);
      for (const [i, member] of askers.entries()) {
        if (i === KPI_MIN_MEMBERS - 1) {
          const kpis = await figures(ctx, community.slug);
          equal(
            kpis.contributions.questions,
            suppressed,
            `questions after ${i} distinct members asked`,
          );
          equal(kpis.active.d1, suppressed, `active.d1 after ${i} members asked`);
        }
        questions.push(await ctx.fx.ask(member, session.id, `KPI question ${i + 1} (${ctx.run})`));
      }
      const kpis = await figures(ctx, community.slug);
      equal(
        kpis.contributions.questions,
        value(KPI_MIN_MEMBERS),
        'questions after 5 members asked',
      );
      equal(
        [kpis.active.d1, kpis.active.d7, kpis.active.d28],
        [value(5), value(5), value(5)],
        'active members at `to` [d1, d7, d28]',
      );
      equal(onDay(kpis, kpis.to).active.d1, value(5), 'today’s active.d1 in the series');
      const total = members.length;
      equal(
        kpis.activation,
        value(Math.round((KPI_MIN_MEMBERS / total) * 10_000) / 10_000),
        `activation (5 active of ${total} members)`,
      );
      equal(kpis.stickiness, value(1), 'stickiness (active 1 day ÷ active 28 days)');
    },
  ),

  check(
    'kpis.contributions.votes',
    'votes are counted once 5 distinct members voted (suppressed before)',
    async (ctx) => {
      const { community, members, questions } = await crowdOf(ctx, KPI_MIN_MEMBERS + 1);
      const session = await ctx.fx.session('kpis');
      const [author] = members;
      ok(author, 'the KPI community has no member');
      const question =
        questions[0] ?? (await ctx.fx.ask(author, session.id, `KPI vote target (${ctx.run})`));
      const voters = members.slice(1, KPI_MIN_MEMBERS + 1);
      for (const [i, voter] of voters.entries()) {
        if (i === KPI_MIN_MEMBERS - 1) {
          const kpis = await figures(ctx, community.slug);
          equal(kpis.contributions.votes, suppressed, `votes after ${i} distinct members voted`);
        }
        await ctx.fx.vote(voter, session.id, question.id);
      }
      const kpis = await figures(ctx, community.slug);
      equal(kpis.contributions.votes, value(KPI_MIN_MEMBERS), 'votes after 5 members voted');
    },
  ),

  check(
    'kpis.members.leave',
    'a leave lowers today’s members; today’s joins do not change; 1 leave is suppressed',
    async (ctx) => {
      const { community, members } = await crowdOf(ctx, KPI_MIN_MEMBERS + 1);
      const before = await memberCells(ctx);
      const leaver = members.pop();
      ok(leaver, 'the KPI community has no member');
      expectStatus(
        await ctx.call('leave', { community: community.slug }, { token: leaver.token }),
        204,
        'a member leaving',
      );
      const after = await memberCells(ctx);
      equal(
        after.members,
        value(members.length),
        `members today after a leave (${members.length})`,
      );
      equal(after.joins, before.joins, 'today’s joins after a leave');
      equal(onDay(after.kpis, after.kpis.to).leaves, suppressed, 'today’s leaves (1)');
    },
  ),

  check(
    'kpis.series.granularity',
    'granularity=week groups the series by week from Monday (the first period starts at `from`), month by calendar month; the answer says which',
    async (ctx) => {
      const main = await ctx.fx.main();
      const from = '2026-01-07'; // a Wednesday
      const weeks = await figures(ctx, main.slug, { from, to: '2026-01-31', granularity: 'week' });
      equal(weeks.granularity, 'week', 'granularity of the answer');
      equal(
        weeks.series.map((d) => d.day),
        [from, '2026-01-12', '2026-01-19', '2026-01-26'],
        'the weeks’ first days',
      );
      const months = await figures(ctx, main.slug, {
        from: '2026-01-20',
        to: '2026-03-02',
        granularity: 'month',
      });
      equal(
        months.series.map((d) => d.day),
        ['2026-01-20', '2026-02-01', '2026-03-01'],
        'the months’ first days',
      );
      equal((await figures(ctx, main.slug)).granularity, 'day', 'the default granularity');
      expectInvalid(
        await read(ctx, main.slug, { granularity: 'hour' }),
        'granularity',
        'granularity=hour',
      );
    },
  ),

  check(
    'kpis.visitors.daily',
    'a widget’s first read counts its visitor once a day (same address and user agent), without any cookie',
    async (ctx) => {
      const community = await ctx.fx.community('kpis-visitors');
      const load = async (agent: string) => {
        const answer = await ctx.call(
          'getCommunity',
          { community: community.slug },
          { headers: { 'user-agent': agent } },
        );
        expectStatus(answer, 200, 'reading the community');
        ok(
          !answer.headers.has('set-cookie'),
          'reading the community answered Set-Cookie: visitors are counted without cookies',
        );
      };
      for (const n of [1, 2, 3, 4]) await load(`conformance-visitor-${n}`);
      const today = utcDay();
      const four = await figures(ctx, community.slug, { from: today, to: today });
      equal(onDay(four, today).visitors, suppressed, 'visitors after 4 distinct visitors');
      await load('conformance-visitor-1');
      await load('conformance-visitor-5');
      await load('conformance-visitor-5');
      const five = await figures(ctx, community.slug, { from: today, to: today });
      equal(onDay(five, today).visitors, value(5), 'visitors after 5 distinct visitors, 7 reads');
      equal(five.funnel.visitors, value(5), 'the funnel’s visitors over today');
    },
  ),

  check(
    'kpis.csv.tables',
    'kpis.csv?table= answers text/csv for every table; the series CSV has one row per period with the JSON’s figures ("<5" when suppressed)',
    async (ctx) => {
      const { community } = await crowdOf(ctx, KPI_MIN_MEMBERS);
      const query = { from: utcDay(-13), to: utcDay(), granularity: 'week' };
      for (const table of KPI_TABLES) {
        const answer = await ctx.call(
          'kpisCsv',
          { community: community.slug },
          { host: true, query: { ...query, table } },
        );
        expectStatus(answer, 200, `kpis.csv?table=${table}`);
        const type = answer.headers.get('content-type') ?? '';
        ok(/^text\/csv\b/i.test(type), `kpis.csv?table=${table} answered Content-Type "${type}"`);
        const [header] = parseCsv(answer.text);
        ok(header && header.length > 1, `kpis.csv?table=${table} has no header row`);
      }
      const kpis = await figures(ctx, community.slug, query);
      const csv = await ctx.call(
        'kpisCsv',
        { community: community.slug },
        { host: true, query: { ...query, table: 'series' } },
      );
      const [header, ...rows] = parseCsv(csv.text).filter((r) => r.some((f) => f !== ''));
      const members = header?.indexOf('members') ?? -1;
      ok(members > 0, `the series CSV has no "members" column: ${show(header)}`);
      const cell = (c: KpiCell) => ('value' in c ? String(c.value) : `<${KPI_MIN_MEMBERS}`);
      equal(
        rows.map((r) => [r[0], r[members]]),
        kpis.series.map((d) => [d.day, cell(d.members)]),
        'the series CSV’s periods and members',
      );
    },
  ),

  check(
    'kpis.csv.refused',
    'kpis.csv refuses an unknown table (validation_failed) and a request without a key (unauthorized)',
    async (ctx) => {
      const main = await ctx.fx.main();
      expectInvalid(
        await ctx.call(
          'kpisCsv',
          { community: main.slug },
          { host: true, query: { table: 'members' } },
        ),
        'table',
        'kpis.csv?table=members',
      );
      expectUnauthorized(
        await ctx.call('kpisCsv', { community: main.slug }, { query: { table: 'series' } }),
        'kpis.csv without a key',
      );
    },
  ),
];
