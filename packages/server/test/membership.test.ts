import {
  Community,
  ErrorBody,
  Health,
  JoinResponse,
  Me,
  MemberExport,
  MemberList,
} from '@cercle/client';
import { seedCommunity } from '@cercle/server';
import * as v from 'valibot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type Answer,
  call,
  databaseHolds,
  expectError as expectErrorBody,
  joinBody,
  seedAtelier,
  startServer,
  stopServer,
  type TestServer,
  ownerKey,
} from './helpers.js';

const C = '/v1/communities/atelier';
const invites = [
  { kind: 'discord', label: 'Discord Atelier', url: 'https://discord.gg/atelier' },
] as const;

let t: TestServer;

beforeEach(async () => {
  t = await startServer();
  await seedAtelier(t, {
    tagline: 'Pottery on Sundays',
    capacity: 100,
    privacyPolicyUrl: 'https://atelier.example/privacy',
    invites: [...invites],
    seedMembers: 3,
  });
});

afterEach(() => stopServer(t));

const join = (name: string, extra?: Record<string, unknown>, slug = 'atelier') =>
  call(t.url, `/v1/communities/${slug}/members`, { json: joinBody(name, extra) });

const hostList = (slug = 'atelier') =>
  call(t.url, `/v1/communities/${slug}/members`, { token: ownerKey(slug) });

/** Asserts the contract's error shape and code; returns the field issues. */
const expectError = (answer: Answer, status: number, code: string) =>
  expectErrorBody(answer, status, code).details;

describe('community and health', () => {
  it('answers health with the contract version', async () => {
    const answer = await call(t.url, '/v1/health');
    expect(answer.status).toBe(200);
    expect(v.parse(Health, answer.body)).toEqual({ ok: true, contract: 1 });
  });

  it('shows the public community info', async () => {
    const answer = await call(t.url, C);
    expect(answer.status).toBe(200);
    expect(v.parse(Community, answer.body)).toEqual({
      slug: 'atelier',
      name: 'Atelier',
      tagline: 'Pottery on Sundays',
      memberCount: 3,
      capacity: 100,
      joinState: 'open',
      privacyPolicyUrl: 'https://atelier.example/privacy',
      consentVersion: 'v1',
      disclosure: 'none',
      consentText: null,
      defaultLocale: 'en',
    });
    expect(answer.body).not.toHaveProperty('invites');
  });

  it('answers 404 not_found for an unknown community or route', async () => {
    expectError(await call(t.url, '/v1/communities/nope'), 404, 'not_found');
    expectError(await join('Ada', {}, 'nope'), 404, 'not_found');
    expectError(await call(t.url, '/v1/nothing/here'), 404, 'not_found');
    expectError(await call(t.url, C, { method: 'PUT' }), 404, 'not_found');
  });

  it('answers 500 with the error shape and no internals when something breaks', async () => {
    t.server.db.close();
    const details = expectError(await call(t.url, C), 500, 'internal');
    expect(details).toBeUndefined();
    expect(t.lines.some((line) => line.startsWith('error GET'))).toBe(true);
  });
});

describe('join, me, export, leave', () => {
  it('joins (201), then shows the member with the invites and the export', async () => {
    const joined = await join('Ada L.', { email: 'ada@example.com' });
    expect(joined.status).toBe(201);
    const { member, token } = v.parse(JoinResponse, joined.body);
    expect(member).toMatchObject({ displayName: 'Ada L.', status: 'active' });
    expect(member.waitlistPosition).toBeUndefined();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(joined.headers.get('cache-control')).toBe('no-store');

    const me = await call(t.url, `${C}/members/me`, { token });
    expect(me.status).toBe(200);
    expect(v.parse(Me, me.body)).toEqual({ member, invites });
    expect(me.headers.get('cache-control')).toBe('no-store');

    const exported = await call(t.url, `${C}/members/me/export`, { token });
    expect(exported.status).toBe(200);
    const data = v.parse(MemberExport, exported.body);
    expect(data.community).toBe('atelier');
    expect(data.member).toEqual({
      id: member.id,
      displayName: 'Ada L.',
      email: 'ada@example.com',
      status: 'active',
      joinedAt: member.joinedAt,
      consent: { version: 'v1', acceptedAt: member.joinedAt },
    });

    expect((await call(t.url, C)).body.memberCount).toBe(4);
  });

  it('trims the display name and records no email when none is given', async () => {
    const { token } = (await join('  Bea  ')).body;
    const data = (await call(t.url, `${C}/members/me/export`, { token })).body;
    expect(data.member.displayName).toBe('Bea');
    expect(data.member.email).toBeNull();
  });

  it('refuses a missing, malformed or foreign token with 401', async () => {
    expectError(await call(t.url, `${C}/members/me`), 401, 'unauthorized');
    expectError(
      await call(t.url, `${C}/members/me`, { token: 'x'.repeat(43) }),
      401,
      'unauthorized',
    );
    const other = await call(t.url, `${C}/members/me`, { headers: { authorization: 'Basic abc' } });
    expectError(other, 401, 'unauthorized');
    expect(other.headers.get('www-authenticate')).toMatch(/^Bearer/);

    await seedCommunity(
      t.server.store,
      { slug: 'voisin', name: 'Voisin', consentVersion: 'v1' },
      { ownerKey },
    );
    const { token } = (await join('Ada')).body;
    expectError(
      await call(t.url, '/v1/communities/voisin/members/me', { token }),
      401,
      'unauthorized',
    );
  });

  it('leaves (204): the token stops working, the host list and the database forget the member', async () => {
    const name = 'Zébulon Quintessence';
    const email = 'zebulon.quintessence@example.org';
    const joined = await join(name, { email });
    const { token, member } = joined.body;
    expect((await hostList()).body.members.map((m: { id: string }) => m.id)).toContain(member.id);

    const left = await call(t.url, `${C}/members/me`, { method: 'DELETE', token });
    expect(left.status).toBe(204);
    expect(left.body).toBeUndefined();

    expectError(await call(t.url, `${C}/members/me`, { token }), 401, 'unauthorized');
    expectError(await call(t.url, `${C}/members/me/export`, { token }), 401, 'unauthorized');
    expectError(
      await call(t.url, `${C}/members/me`, { method: 'DELETE', token }),
      401,
      'unauthorized',
    );
    const list = v.parse(MemberList, (await hostList()).body);
    expect(list.members.map((m) => m.id)).not.toContain(member.id);
    expect(list.count).toBe(3);

    const rows = t.server.db
      .prepare('SELECT count(*) FROM members WHERE display_name = ? OR email = ? OR id = ?')
      .pluck()
      .get(name, email, member.id);
    expect(rows).toBe(0);
    // Not even in a free page or the write-ahead log.
    expect(await databaseHolds(t.file, email)).toBe(false);
    expect(await databaseHolds(t.file, name)).toBe(false);
  });
});

describe('validation', () => {
  const post = (body: string, headers: Record<string, string> = {}) =>
    call(t.url, `${C}/members`, {
      body,
      headers: { 'content-type': 'application/json', ...headers },
    });

  it('requires consent, accepted, in the current version', async () => {
    let details = expectError(await join('Ada', { consent: undefined }), 400, 'validation_failed');
    expect(details).toEqual([{ path: 'consent', message: 'consent is required' }]);

    details = expectError(
      await join('Ada', { consent: { version: 'v1', accepted: false } }),
      400,
      'validation_failed',
    );
    expect(details).toEqual([{ path: 'consent.accepted', message: 'consent must be accepted' }]);

    details = expectError(
      await join('Ada', { consent: { version: 'v1', accepted: 'yes' } }),
      400,
      'validation_failed',
    );
    expect(details?.map((d) => d.path)).toEqual(['consent.accepted']);

    details = expectError(
      await join('Ada', { consent: { version: 'v0', accepted: true } }),
      400,
      'validation_failed',
    );
    expect(details).toEqual([
      { path: 'consent.version', message: 'must be the current consent version "v1"' },
    ]);
    expect((await hostList()).body.count).toBe(3);
  });

  it('checks the display name, the email and unknown fields', async () => {
    let details = expectError(await join('x'.repeat(61)), 400, 'validation_failed');
    expect(details).toEqual([
      { path: 'displayName', message: 'display name is at most 60 characters' },
    ]);
    expect((await join('x'.repeat(60))).status).toBe(201);

    details = expectError(await join('   '), 400, 'validation_failed');
    expect(details).toEqual([{ path: 'displayName', message: 'display name is required' }]);

    details = expectError(await join('Ada', { email: 'not-an-email' }), 400, 'validation_failed');
    expect(details).toEqual([{ path: 'email', message: 'email is not a valid address' }]);

    details = expectError(await join('Ada', { admin: true }), 400, 'validation_failed');
    expect(details).toEqual([{ path: 'admin', message: 'unknown field' }]);
  });

  it('refuses a body that is not a JSON object, or not sent as JSON', async () => {
    expect(expectError(await post('{"displayName": '), 400, 'validation_failed')).toHaveLength(1);
    expectError(await post(''), 400, 'validation_failed');
    expectError(await post('[1, 2]'), 400, 'validation_failed');
    expectError(await post('"text"'), 400, 'validation_failed');
    const notUtf8 = await fetch(`${t.url}${C}/members`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
    });
    expect(notUtf8.status).toBe(400);
    expect(((await notUtf8.json()) as ErrorBody).error.message).toMatch(/UTF-8/);

    const asText = await call(t.url, `${C}/members`, {
      body: JSON.stringify(joinBody('Ada')),
      headers: { 'content-type': 'text/plain' },
    });
    const details = expectError(asText, 400, 'validation_failed');
    expect(asText.body.error.message).toMatch(/Content-Type: application\/json/);
    expect(details).toEqual([{ path: '', message: 'Content-Type must be application/json' }]);

    const latin1 = await post(JSON.stringify(joinBody('Ada')), {
      'content-type': 'application/json; charset=iso-8859-1',
    });
    expectError(latin1, 400, 'validation_failed');
    const utf8 = await post(JSON.stringify(joinBody('Ada')), {
      'content-type': 'application/json; charset=UTF-8',
    });
    expect(utf8.status).toBe(201);
  });

  it('refuses a body over 16 KB with 413, even when streamed without a length', async () => {
    const big = JSON.stringify(joinBody('Ada', { email: `${'a'.repeat(17 * 1024)}@example.com` }));
    expectError(await post(big), 413, 'payload_too_large');
    expectError(await post('x'.repeat(2 * 1024 * 1024)), 413, 'payload_too_large');

    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 20; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(1024)));
        controller.close();
      },
    });
    const streamed = await fetch(`${t.url}${C}/members`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: chunks,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(((await streamed.json()) as ErrorBody).error.code).toBe('payload_too_large');

    // The server is still fine afterwards.
    expect((await join('Ada')).status).toBe(201);
  });
});

describe('capacity and waitlist', () => {
  beforeEach(async () => {
    await seedCommunity(
      t.server.store,
      {
        slug: 'petit',
        name: 'Petit',
        capacity: 2,
        consentVersion: 'v1',
        invites: [...invites],
      },
      { ownerKey },
    );
    await seedCommunity(
      t.server.store,
      {
        slug: 'ferme',
        name: 'Fermé',
        capacity: 1,
        whenFull: 'closed',
        consentVersion: 'v1',
        seedMembers: 1,
      },
      { ownerKey },
    );
  });

  it('waitlists when full (202 with a position), and promotes in order when someone leaves', async () => {
    const first = await join('Un', {}, 'petit');
    const second = await join('Deux', {}, 'petit');
    expect([first.status, second.status]).toEqual([201, 201]);
    expect((await call(t.url, '/v1/communities/petit')).body).toMatchObject({
      memberCount: 2,
      joinState: 'waitlist',
    });

    const third = await join('Trois', {}, 'petit');
    const fourth = await join('Quatre', {}, 'petit');
    expect(third.status).toBe(202);
    expect(v.parse(JoinResponse, third.body).member).toMatchObject({
      status: 'waitlisted',
      waitlistPosition: 1,
    });
    expect(fourth.body.member.waitlistPosition).toBe(2);

    const waiting = await call(t.url, '/v1/communities/petit/members/me', {
      token: third.body.token,
    });
    expect(waiting.body).toMatchObject({ member: { status: 'waitlisted' }, invites: [] });

    const list = v.parse(MemberList, (await hostList('petit')).body);
    expect(list.members.map((m) => [m.displayName, m.status, m.waitlistPosition])).toEqual([
      ['Un', 'active', undefined],
      ['Deux', 'active', undefined],
      ['Trois', 'waitlisted', 1],
      ['Quatre', 'waitlisted', 2],
    ]);

    const left = await call(t.url, '/v1/communities/petit/members/me', {
      method: 'DELETE',
      token: first.body.token,
    });
    expect(left.status).toBe(204);

    const promoted = await call(t.url, '/v1/communities/petit/members/me', {
      token: third.body.token,
    });
    expect(promoted.body.member.status).toBe('active');
    expect(promoted.body.member.waitlistPosition).toBeUndefined();
    expect(promoted.body.invites).toEqual(invites);
    const stillWaiting = await call(t.url, '/v1/communities/petit/members/me', {
      token: fourth.body.token,
    });
    expect(stillWaiting.body.member).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect((await call(t.url, '/v1/communities/petit')).body.memberCount).toBe(2);
  });

  it('refuses joins with 409 community_full when a full community does not waitlist', async () => {
    expect((await call(t.url, '/v1/communities/ferme')).body.joinState).toBe('closed');
    expectError(await join('Ada', {}, 'ferme'), 409, 'community_full');
    expect((await hostList('ferme')).body.count).toBe(1);
  });
});

describe('idempotent join', () => {
  const joinWithKey = (key: string, name = 'Ada') =>
    call(t.url, `${C}/members`, { json: joinBody(name), headers: { 'idempotency-key': key } });

  it('replays the first answer for the same key: same member, same token, no duplicate', async () => {
    const first = await joinWithKey('retry-1');
    const again = await joinWithKey('retry-1');
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await hostList()).body.count).toBe(4);

    const me = await call(t.url, `${C}/members/me`, { token: again.body.token });
    expect(me.body.member.id).toBe(first.body.member.id);
  });

  it('creates one member when the same join is retried concurrently', async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, () => joinWithKey('burst')));
    expect(new Set(answers.map((a) => a.body.token)).size).toBe(1);
    expect(answers.every((a) => a.status === 201)).toBe(true);
    expect((await hostList()).body.count).toBe(4);
  });

  it('keeps keys apart and refuses a key reused for another request (409 conflict)', async () => {
    const a = await joinWithKey('key-a', 'Ada');
    const b = await joinWithKey('key-b', 'Ada');
    expect(a.body.member.id).not.toBe(b.body.member.id);
    expectError(await joinWithKey('key-a', 'Bob'), 409, 'conflict');
    const malformed = await joinWithKey('bad key with spaces');
    expect(expectError(malformed, 400, 'validation_failed')?.[0]?.path).toBe('Idempotency-Key');
  });

  it('forgets the answer when the member leaves', async () => {
    const first = await joinWithKey('leave-then-retry');
    await call(t.url, `${C}/members/me`, { method: 'DELETE', token: first.body.token });
    const count = t.server.db.prepare('SELECT count(*) FROM idempotency').pluck().get();
    expect(count).toBe(0);
  });
});

describe('host list', () => {
  it('needs the host key', async () => {
    const ok = await hostList();
    expect(ok.status).toBe(200);
    expect(v.parse(MemberList, ok.body).count).toBe(3);
    expect(ok.body.members[0]).not.toHaveProperty('email');

    expectError(await call(t.url, `${C}/members`), 401, 'unauthorized');
    expectError(await call(t.url, `${C}/members`, { token: 'wrong-key' }), 401, 'unauthorized');
    const { token } = (await join('Ada')).body;
    expectError(await call(t.url, `${C}/members`, { token }), 401, 'unauthorized');
  });
});
