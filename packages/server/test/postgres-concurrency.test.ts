/**
 * The rules that must hold under concurrency, on two server instances sharing one PostgreSQL
 * database (a real server: embedded, or `CERCLE_TEST_DATABASE_URL`'s): every request goes out
 * at once, alternating between the instances, so the transactions really overlap in the
 * database. A unique code is never given twice, a member votes once, an idempotency key makes
 * one member, and a capacity is never exceeded.
 */
import { OfferReveal, Question } from '@cercle/client';
import { seedCommunity, seedSession, type PostgresStore, type RunningServer } from '@cercle/server';
import * as v from 'valibot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  call,
  expectError,
  HOST_KEY,
  joinAs,
  joinBody,
  openEvents,
  ownerKey,
  startInstances,
  type Instances,
} from './helpers.js';

const C = '/v1/communities/atelier';

let instances: Instances;
let servers: RunningServer<PostgresStore>[] = [];

beforeEach(async () => {
  instances = await startInstances({ atelier: false });
  servers = instances.servers;
});

afterEach(() => instances.stop());

/** The instance for the `i`-th request: alternating. */
const on = (i: number) => servers[i % 2]!.url;

const seed = (extra: { capacity?: number | null } = {}) =>
  seedCommunity(
    servers[0]!.store,
    { slug: 'atelier', name: 'Atelier', consentVersion: 'v1', capacity: null, ...extra },
    { ownerKey },
  );

/** The live session `live` of atelier. */
const seedLive = () =>
  seedSession(servers[0]!.store, {
    community: 'atelier',
    id: 'live',
    title: 'En direct',
    state: 'live',
  });

const count = async (sql: string, ...params: (string | number)[]) =>
  Number(await servers[1]!.store.value(sql, ...params));

describe('two instances on one PostgreSQL database', () => {
  it('gives 40 distinct codes to 50 members revealing at once through both, and 10 "exhausted"', async () => {
    await seed();
    const pool = Array.from({ length: 40 }, (_, i) => `PG-${String(i).padStart(4, '0')}`);
    const put = await call(on(0), `${C}/host/offers/duo`, {
      method: 'PUT',
      token: HOST_KEY,
      json: {
        title: 'Duo',
        benefit: '-10 %',
        conditions: 'Une fois.',
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
        disclosure: 'publicite',
        kind: 'unique',
      },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(201);
    const imported = await call(on(1), `${C}/host/offers/duo/codes`, {
      token: HOST_KEY,
      json: { codes: pool },
    });
    expect(imported.status).toBe(200);
    const tokens = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => (await joinAs(on(i), `Duo ${i}`)).token),
    );

    const answers = await Promise.all(
      tokens.map((token, i) => call(on(i), `${C}/offers/duo/reveal`, { method: 'POST', token })),
    );
    const codes = answers
      .filter((a) => a.status === 200)
      .map((a) => v.parse(OfferReveal, a.body).code);
    expect([...codes].sort()).toEqual(pool);
    const refused = answers.filter((a) => a.status !== 200);
    expect(refused).toHaveLength(10);
    for (const answer of refused) expectError(answer, 409, 'offer_exhausted');
    expect(await count('SELECT COUNT(*) FROM offer_codes WHERE taken_at IS NOT NULL')).toBe(40);
    expect(
      await count('SELECT COUNT(DISTINCT member_id) FROM offer_codes WHERE member_id IS NOT NULL'),
    ).toBe(40);
  });

  it('counts one vote per member when each votes six times at once through both', async () => {
    await seed();
    await seedLive();
    const S = `${C}/sessions/live`;
    const asker = (await joinAs(on(0), 'Asker')).token;
    const asked = await call(on(0), `${S}/questions`, {
      token: asker,
      json: { text: 'Which flour for a rye loaf?' },
    });
    expect(asked.status).toBe(201);
    const { id } = v.parse(Question, asked.body);
    const voters = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => (await joinAs(on(i), `Voter ${i}`)).token),
    );

    const answers = await Promise.all(
      voters.flatMap((token, i) =>
        Array.from({ length: 6 }, (_, k) =>
          call(on(i + k), `${S}/questions/${id}/vote`, { method: 'PUT', token }),
        ),
      ),
    );
    expect(
      answers.every((a) => a.status === 200),
      JSON.stringify(answers[0]?.body),
    ).toBe(true);
    for (const url of [on(0), on(1)]) {
      const list = await call(url, `${S}/questions`);
      expect(list.body.questions.find((q: { id: string }) => q.id === id)?.votes).toBe(10);
    }
    expect(await count('SELECT COUNT(*) FROM votes')).toBe(10);
    expect(await count('SELECT votes FROM questions WHERE id = ?', id)).toBe(10);
  });

  it('makes one member of a join retried ten times at once with one Idempotency-Key', async () => {
    await seed();
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        call(on(i), `${C}/members`, {
          json: joinBody('Ada'),
          headers: { 'idempotency-key': 'burst-across-instances' },
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
    expect(new Set(answers.map((a) => a.body.token)).size).toBe(1);
    expect(new Set(answers.map((a) => a.body.member.id)).size).toBe(1);
    expect(await count("SELECT COUNT(*) FROM members WHERE community = 'atelier'")).toBe(1);
  });

  it('never goes over the capacity: 30 joins at once for 10 places make 10 members and a waitlist of 20', async () => {
    await seed({ capacity: 10 });
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        call(on(i), `${C}/members`, { json: joinBody(`Member ${i}`) }),
      ),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(10);
    const waitlisted = answers.filter((a) => a.status === 202);
    expect(waitlisted).toHaveLength(20);
    expect(waitlisted.map((a) => a.body.member.waitlistPosition).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    expect(await count("SELECT COUNT(*) FROM members WHERE status = 'active'")).toBe(10);
    const community = await call(on(1), C);
    expect(community.body).toMatchObject({ memberCount: 10, joinState: 'waitlist' });
  });

  it('counts a session’s peak of streams open at once over both instances, not a dead one’s', async () => {
    await seed();
    await seedLive();
    const events = (i: number) => `${on(i)}${C}/sessions/live/events`;
    const peak = () =>
      count(
        `SELECT st.peak_viewers FROM session_stats st JOIN sessions s ON s.seq = st.session
         WHERE s.id = 'live'`,
      );
    const readers = await Promise.all([0, 1, 2, 3, 4].map((i) => openEvents(events(i))));
    expect(await peak()).toBe(5);

    // An instance that died an hour ago left its row: it no longer counts.
    await servers[0]!.store.write('', (tx) =>
      tx.run(
        `INSERT INTO stream_presence (instance, session, open, seen_at)
         SELECT 'dead', seq, 50, ? FROM sessions WHERE id = 'live'`,
        new Date(Date.now() - 3_600_000).toISOString(),
      ),
    );
    readers.push(await openEvents(events(1)));
    expect(await peak()).toBe(6);

    for (const reader of readers) reader.close();
    await expect
      .poll(() => count("SELECT COUNT(*) FROM stream_presence WHERE instance <> 'dead'"))
      .toBe(0);
    expect(await peak()).toBe(6);
  });
});
