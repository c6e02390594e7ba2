import { demoOwnerKey } from '@cercle/client/demo';
import { LiveSession, QuestionPage } from '@cercle/client';
import { demoCommunities, demoQuestions, demoSessions } from '@cercle/client/demo';
import { betterSqliteDriver, migrate, migrations, openDatabase, seedDemo } from '@cercle/server';
import * as v from 'valibot';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { call, joinBody, removeTempDirs, startServer, type TestServer } from './helpers.js';

const running: TestServer[] = [];
async function start(options: Parameters<typeof startServer>[0] = {}) {
  const t = await startServer(options);
  running.push(t);
  return t;
}

afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(running.splice(0).map((t) => t.stop()));
  await removeTempDirs();
});

describe('the demo seed', () => {
  it('creates the demo communities with their members, once', async () => {
    const t = await start({ seed: 'demo' });
    const verte = (await call(t.url, '/v1/communities/maison-verte')).body;
    expect(verte).toMatchObject({
      name: 'Maison Verte',
      memberCount: 120,
      capacity: 300,
      joinState: 'open',
    });
    const fournil = (await call(t.url, '/v1/communities/le-fournil')).body;
    expect(fournil).toMatchObject({ memberCount: 40, capacity: 40, joinState: 'waitlist' });

    const list = (
      await call(t.url, '/v1/communities/maison-verte/members', {
        token: demoOwnerKey('maison-verte'),
      })
    ).body;
    expect(list.count).toBe(120);
    expect(list.members[0].displayName).toBe('Camille M.');
    const row = t.server.db
      .prepare(
        "SELECT email, consent_version, consent_accepted_at FROM members WHERE community = 'maison-verte' LIMIT 1",
      )
      .get() as { email: null; consent_version: string; consent_accepted_at: string };
    expect(row.email).toBeNull();
    expect(row.consent_version).toBe(demoCommunities[0]?.consentVersion);
    expect(Date.parse(row.consent_accepted_at)).toBeLessThan(Date.now());

    await seedDemo(t.server.store);
    expect((await call(t.url, '/v1/communities/maison-verte')).body.memberCount).toBe(120);
  });

  it('creates the live session dimanche-live with its questions and votes, and jeudi-pain, once', async () => {
    const now = new Date('2026-12-06T17:20:00Z');
    const t = await start({ seed: 'demo', now: () => now });
    const S = '/v1/communities/maison-verte/sessions';
    const live = v.parse(LiveSession, (await call(t.url, `${S}/dimanche-live`)).body);
    const expected = demoQuestions.filter((q) => q.session === 'dimanche-live');
    expect(live).toMatchObject({
      state: 'live',
      moderation: 'post',
      questionCount: expected.length,
    });
    expect(expected.length).toBeGreaterThanOrEqual(12);

    const page = v.parse(
      QuestionPage,
      (await call(t.url, `${S}/dimanche-live/questions?sort=new`)).body,
    );
    expect(page.questions.map((q) => q.text)).toEqual(expected.map((q) => q.text).reverse());
    expect(page.questions.filter((q) => q.state === 'answered' && q.answer).length).toBeGreaterThan(
      0,
    );
    expect(page.questions.filter((q) => q.pinned).length).toBeGreaterThan(0);
    expect(new Set(page.questions.map((q) => q.votes)).size).toBeGreaterThan(5);
    for (const q of page.questions) expect(q.author).not.toBe('');
    // Every count has its vote rows, from seeded members.
    const mismatched = t.server.db
      .prepare(
        'SELECT count(*) FROM questions q WHERE votes != (SELECT count(*) FROM votes v WHERE v.question = q.seq)',
      )
      .pluck()
      .get();
    expect(mismatched).toBe(0);

    const scheduled = v.parse(LiveSession, (await call(t.url, `${S}/jeudi-pain`)).body);
    expect(scheduled).toMatchObject({ state: 'scheduled', questionCount: 0 });
    expect(Date.parse(scheduled.startsAt) - now.getTime()).toBe(3 * 24 * 60 * 60 * 1000);

    await seedDemo(t.server.store, { now });
    const counts = t.server.db
      // The KPI history's past lives are archived: the demo's own sessions are the others.
      .prepare(
        `SELECT (SELECT count(*) FROM sessions WHERE archived_at IS NULL), (SELECT count(*)
           FROM questions q JOIN sessions s ON s.seq = q.session WHERE s.archived_at IS NULL)`,
      )
      .raw()
      .get();
    expect(counts).toEqual([demoSessions.length, demoQuestions.length]);
  });
});

describe('restart on the same database file', () => {
  it('keeps communities, members and tokens; migrations apply once', async () => {
    const first = await start({ seed: 'demo', hostKey: 'first-host-key-0123456789' });
    const joined = await call(first.url, '/v1/communities/maison-verte/members', {
      json: { ...joinBody('Ada'), consent: { version: '2026-11-01', accepted: true } },
    });
    expect(joined.status).toBe(201);
    await first.stop();

    const again = await start({
      db: first.file,
      seed: 'demo',
      hostKey: 'second-host-key-0123456789',
    });
    const me = await call(again.url, '/v1/communities/maison-verte/members/me', {
      token: joined.body.token,
    });
    expect(me.status).toBe(200);
    expect(me.body.member.id).toBe(joined.body.member.id);
    expect((await call(again.url, '/v1/communities/maison-verte')).body.memberCount).toBe(121);

    const versions = again.server.db.prepare('SELECT version FROM schema_migrations').pluck().all();
    expect(versions).toEqual(migrations.map((m) => m.version));
    expect(migrate(betterSqliteDriver(again.server.db))).toEqual([]);

    // The demo owner keeps their key across restarts; the operator key is no host key, and
    // the instance's new operator key creates communities while the old one no longer does.
    const path = '/v1/communities/maison-verte/members';
    expect((await call(again.url, path, { token: demoOwnerKey('maison-verte') })).status).toBe(200);
    expect((await call(again.url, path, { token: 'second-host-key-0123456789' })).status).toBe(401);
    const create = (key: string, slug: string) =>
      call(again.url, '/v1/communities', {
        token: key,
        json: { slug, name: slug, privacyPolicyUrl: 'https://example.com/privacy' },
      });
    expect((await create('second-host-key-0123456789', 'nouvelle')).status).toBe(201);
    expect((await create('first-host-key-0123456789', 'autre')).status).toBe(401);
  });

  it('fails to start, with the reason, when the port is taken', async () => {
    const first = await start();
    await expect(start({ port: first.server.port })).rejects.toThrow(/EADDRINUSE/);
    expect((await call(first.url, '/v1/health')).status).toBe(200);
  });

  it('opens a database and migrates it idempotently', () => {
    const db = openDatabase(':memory:');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(migrate(betterSqliteDriver(db))).toEqual([]);
    db.close();
  });
});

describe('host key', () => {
  it('comes from the option, else CERCLE_HOST_KEY, else is generated', async () => {
    vi.stubEnv('CERCLE_HOST_KEY', 'from-the-environment-0123456789');
    const fromEnv = await start();
    expect(fromEnv.server.hostKey).toBe('from-the-environment-0123456789');
    expect(fromEnv.server.hostKeyGenerated).toBe(false);

    const fromOption = await start({ hostKey: 'from-the-option-0123456789' });
    expect(fromOption.server.hostKey).toBe('from-the-option-0123456789');

    vi.stubEnv('CERCLE_HOST_KEY', '');
    const generated = await start();
    const other = await start();
    expect(generated.server.hostKeyGenerated).toBe(true);
    expect(generated.server.hostKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(generated.server.hostKey).not.toBe(other.server.hostKey);
  });
});
