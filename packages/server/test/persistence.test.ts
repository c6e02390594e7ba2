import { demoCommunities } from '@cercle/client/demo';
import { migrate, openDatabase, seedDemo } from '@cercle/server';
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
      await call(t.url, '/v1/communities/maison-verte/members', { token: t.server.hostKey })
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

    seedDemo(t.server.db);
    expect((await call(t.url, '/v1/communities/maison-verte')).body.memberCount).toBe(120);
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
    expect(versions).toEqual([1]);
    expect(migrate(again.server.db)).toEqual([]);

    // The instance's host key applies to every community; the old key no longer does.
    const path = '/v1/communities/maison-verte/members';
    expect((await call(again.url, path, { token: 'second-host-key-0123456789' })).status).toBe(200);
    expect((await call(again.url, path, { token: 'first-host-key-0123456789' })).status).toBe(401);
  });

  it('fails to start, with the reason, when the port is taken', async () => {
    const first = await start();
    await expect(start({ port: first.server.port })).rejects.toThrow(/EADDRINUSE/);
    expect((await call(first.url, '/v1/health')).status).toBe(200);
  });

  it('opens a database and migrates it idempotently', () => {
    const db = openDatabase(':memory:');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(migrate(db)).toEqual([]);
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
