import { describe, expect, it } from 'vitest';
import { routes, buildPath } from '@cercle/client';
import { demoCommunities, type DemoCommunity } from '@cercle/client/demo';
import { createHandlers, createMockStore } from '@cercle/mock/node';
import { type Answer, conforms, memoryStorage, serveMock } from './helpers.js';

const BASE = 'http://cercle.test';
const { server, call } = serveMock({ baseUrl: BASE });

const maisonVerte = demoCommunities.find((c) => c.slug === 'maison-verte')!;
const consent = { version: maisonVerte.consentVersion, accepted: true };

const join = (community: string, body: unknown, headers?: Record<string, string>) =>
  call('POST', `/v1/communities/${community}/members`, { body, headers });

describe('community', () => {
  it('shows the seeded demo: Maison Verte, 120 members of 300, open', async () => {
    const res = await call('GET', '/v1/communities/maison-verte');
    expect(res.status).toBe(200);
    conforms('getCommunity', res);
    expect(res.body).toMatchObject({
      slug: 'maison-verte',
      name: 'Maison Verte',
      memberCount: 120,
      capacity: 300,
      joinState: 'open',
      consentVersion: maisonVerte.consentVersion,
    });
  });

  it('answers not_found with the contract error shape for an unknown community', async () => {
    const res = await call('GET', '/v1/communities/nope');
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'not_found' });
    expect(res.body.error.message).toEqual(expect.any(String));
  });

  it('answers health and not_found for paths outside the contract', async () => {
    const health = await call('GET', '/v1/health');
    conforms('health', health);
    const other = await call('GET', '/v1/nothing-here');
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe('not_found');
  });
});

describe('membership: join, me, export, leave', () => {
  it('joins, shows the invites, exports, leaves and erases', async () => {
    const joined = await join('maison-verte', {
      displayName: '  Alice  ',
      email: 'alice@example.org',
      consent,
    });
    expect(joined.status).toBe(201);
    conforms('join', joined);
    expect(joined.body.member).toMatchObject({ displayName: 'Alice', status: 'active' });
    const token: string = joined.body.token;

    const community = await call('GET', '/v1/communities/maison-verte');
    expect(community.body.memberCount).toBe(121);

    const me = await call('GET', '/v1/communities/maison-verte/members/me', { token });
    expect(me.status).toBe(200);
    conforms('me', me);
    expect(me.body.invites.map((i: { kind: string }) => i.kind)).toEqual(['discord', 'telegram']);

    const exported = await call('GET', '/v1/communities/maison-verte/members/me/export', {
      token,
    });
    conforms('exportMe', exported);
    expect(exported.body.member).toMatchObject({
      id: joined.body.member.id,
      email: 'alice@example.org',
      consent: { version: maisonVerte.consentVersion },
    });

    const left = await call('DELETE', '/v1/communities/maison-verte/members/me', { token });
    expect(left.status).toBe(204);
    expect(left.body).toBeNull();

    const after = await call('GET', '/v1/communities/maison-verte/members/me', { token });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('unauthorized');

    const list = await call('GET', '/v1/communities/maison-verte/members', {
      token: 'demo-host-key',
    });
    conforms('listMembers', list);
    expect(list.body.members.some((m: { id: string }) => m.id === joined.body.member.id)).toBe(
      false,
    );
    expect((await call('GET', '/v1/communities/maison-verte')).body.memberCount).toBe(120);
  });

  it('refuses member calls without a token, with an unknown one, or for another community', async () => {
    const { body } = await join('maison-verte', { displayName: 'Bob', consent });
    const path = '/v1/communities/maison-verte/members/me';
    expect((await call('GET', path)).status).toBe(401);
    expect((await call('GET', path, { token: 'cm_not-a-real-token-at-all' })).status).toBe(401);
    const other = await call('GET', '/v1/communities/le-fournil/members/me', {
      token: body.token,
    });
    expect(other.status).toBe(401);
    expect((await call('DELETE', path, { token: 'nope' })).status).toBe(401);
  });

  it('lists members only with the host key', async () => {
    const path = '/v1/communities/maison-verte/members';
    expect((await call('GET', path)).status).toBe(401);
    expect((await call('GET', path, { token: 'wrong' })).body.error.code).toBe('unauthorized');
    const list = await call('GET', path, { token: 'demo-host-key' });
    expect(list.status).toBe(200);
    expect(list.body.count).toBe(120);
    expect(list.body.members).toHaveLength(120);
  });
});

describe('capacity and waitlist', () => {
  it('queues joiners of a full community (202) without invites', async () => {
    const fournil = demoCommunities.find((c) => c.slug === 'le-fournil')!;
    const info = await call('GET', '/v1/communities/le-fournil');
    expect(info.body).toMatchObject({ memberCount: 40, capacity: 40, joinState: 'waitlist' });

    const c = { version: fournil.consentVersion, accepted: true };
    const first = await join('le-fournil', { displayName: 'Ana', consent: c });
    const second = await join('le-fournil', { displayName: 'Ben', consent: c });
    expect(first.status).toBe(202);
    conforms('join', first);
    expect(first.body.member).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect(second.body.member.waitlistPosition).toBe(2);

    const me = await call('GET', '/v1/communities/le-fournil/members/me', {
      token: first.body.token,
    });
    expect(me.body.invites).toEqual([]);
    expect((await call('GET', '/v1/communities/le-fournil')).body.memberCount).toBe(40);
  });

  it('promotes the first on the waitlist when a member leaves', async () => {
    const tiny: DemoCommunity = { ...maisonVerte, slug: 'tiny', capacity: 1, seedMembers: 0 };
    const own = createMockStore({ communities: [tiny] });
    server.use(...createHandlers({ baseUrl: 'http://tiny.test', store: own }));
    const post = (name: string) =>
      fetch('http://tiny.test/v1/communities/tiny/members', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ displayName: name, consent }),
      });
    const a = await post('A');
    const b = await post('B');
    expect([a.status, b.status]).toEqual([201, 202]);
    const tokenA = ((await a.json()) as { token: string }).token;
    const tokenB = ((await b.json()) as { token: string }).token;
    const me = (token: string) =>
      fetch('http://tiny.test/v1/communities/tiny/members/me', {
        headers: { authorization: `Bearer ${token}` },
      }).then((r) => r.json() as Promise<{ member: { status: string }; invites: unknown[] }>);

    expect((await me(tokenB)).member.status).toBe('waitlisted');
    await fetch('http://tiny.test/v1/communities/tiny/members/me', {
      method: 'DELETE',
      headers: { authorization: `Bearer ${tokenA}` },
    });
    const promoted = await me(tokenB);
    expect(promoted.member.status).toBe('active');
    expect(promoted.invites).toHaveLength(2);
  });

  it('refuses joins with community_full when a full community is closed', async () => {
    const closed: DemoCommunity = {
      ...maisonVerte,
      slug: 'closed',
      capacity: 2,
      seedMembers: 2,
      whenFull: 'closed',
    };
    const own = createMockStore({ communities: [closed] });
    expect(own.getCommunity('closed').joinState).toBe('closed');
    expect(() => own.join('closed', { displayName: 'Zoé', consent })).toThrow(
      expect.objectContaining({ status: 409, code: 'community_full' }),
    );
  });
});

describe('validation', () => {
  const details = (res: Answer) =>
    (res.body.error.details as { path: string; message: string }[]).map((d) => d.path);

  it('requires consent to be accepted, and names each bad field', async () => {
    const res = await join('maison-verte', {
      displayName: '',
      email: 'not-an-email',
      consent: { version: maisonVerte.consentVersion, accepted: false },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(details(res)).toEqual(['displayName', 'email', 'consent.accepted']);
    expect(res.body.error.details[2].message).toBe('consent must be accepted');
  });

  it('refuses a missing consent, unknown fields and an outdated consent version', async () => {
    const missing = await join('maison-verte', { displayName: 'Dan' });
    expect(missing.body.error.details).toEqual([
      { path: 'consent', message: 'consent is required' },
    ]);
    const extra = await join('maison-verte', { displayName: 'Dan', consent, admin: true });
    expect(extra.body.error.details).toEqual([{ path: 'admin', message: 'unknown field' }]);
    const outdated = await join('maison-verte', {
      displayName: 'Dan',
      consent: { version: '2020-01-01', accepted: true },
    });
    expect(outdated.status).toBe(400);
    expect(details(outdated)).toEqual(['consent.version']);
  });

  it('refuses a body that is not JSON, not a JSON object, or too large', async () => {
    const text = await call('POST', '/v1/communities/maison-verte/members', {
      raw: JSON.stringify({ displayName: 'Dan', consent }),
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.status).toBe(400);
    expect(text.body.error.details[0].message).toMatch(/Content-Type/);
    const array = await join('maison-verte', [{ displayName: 'Dan', consent }]);
    expect(array.body.error.code).toBe('validation_failed');
    const notJson = await call('POST', '/v1/communities/maison-verte/members', {
      raw: '{"displayName":',
      headers: { 'content-type': 'application/json' },
    });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.code).toBe('validation_failed');
    const huge = await join('maison-verte', { displayName: 'x'.repeat(20_000), consent });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('payload_too_large');
  });
});

describe('idempotency', () => {
  it('replays the first answer for the same Idempotency-Key and creates one member', async () => {
    const headers = { 'idempotency-key': 'key-1' };
    const body = { displayName: 'Eve', consent };
    const first = await join('maison-verte', body, headers);
    const retry = await join('maison-verte', body, headers);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect((await call('GET', '/v1/communities/maison-verte')).body.memberCount).toBe(121);
  });

  it('creates two members without a key, and refuses a key reused for another body', async () => {
    await join('maison-verte', { displayName: 'Fay', consent });
    await join('maison-verte', { displayName: 'Fay', consent });
    expect((await call('GET', '/v1/communities/maison-verte')).body.memberCount).toBe(122);

    await join('maison-verte', { displayName: 'Gus', consent }, { 'idempotency-key': 'k2' });
    const reused = await join(
      'maison-verte',
      { displayName: 'Hal', consent },
      { 'idempotency-key': 'k2' },
    );
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('conflict');
  });

  it('forgets the answer once its member has left, and refuses a malformed key', async () => {
    const headers = { 'idempotency-key': 'key-3' };
    const body = { displayName: 'Ida', consent };
    const first = await join('maison-verte', body, headers);
    await call('DELETE', '/v1/communities/maison-verte/members/me', { token: first.body.token });
    const again = await join('maison-verte', body, headers);
    expect(again.status).toBe(201);
    expect(again.body.token).not.toBe(first.body.token);
    expect(again.headers.get('idempotent-replayed')).toBeNull();

    const bad = await join('maison-verte', body, { 'idempotency-key': 'é'.repeat(3) });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('Idempotency-Key');
  });
});

describe('the route table', () => {
  it('has a handler for every route of the contract', async () => {
    for (const [name, route] of Object.entries(routes)) {
      // An unknown session, so that the event streams answer 404 instead of staying open.
      const path = buildPath(route.path, {
        community: 'maison-verte',
        session: 'no-such-session',
        question: 'q',
        report: 'r',
        testimonial: 't',
        photo: 'p',
        offer: 'o',
      });
      const res = await call(route.method, path, 'body' in route ? { body: {} } : {});
      const message: string = res.body?.error?.message ?? '';
      expect(message, name).not.toMatch(/^no route/);
    }
  });

  it('honours a custom host key and latency', async () => {
    server.use(
      ...createHandlers({ baseUrl: 'http://host.test', hostKey: 'secret', latencyMs: 30 }),
    );
    const t0 = Date.now();
    const list = await fetch('http://host.test/v1/communities/maison-verte/members', {
      headers: { authorization: 'Bearer secret' },
    });
    expect(list.status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(25);
    const refused = await fetch('http://host.test/v1/communities/maison-verte/members', {
      headers: { authorization: 'Bearer demo-host-key' },
    });
    expect(refused.status).toBe(401);
  });
});

describe('storage', () => {
  it('keeps members across store instances when given a storage, and forgets on reset', () => {
    const storage = memoryStorage();
    const first = createMockStore({ storage });
    const { token } = first.join('maison-verte', { displayName: 'Ivy', consent }).body;

    const second = createMockStore({ storage });
    expect(second.me('maison-verte', token).member.displayName).toBe('Ivy');
    expect(second.getCommunity('maison-verte').memberCount).toBe(121);

    second.reset();
    expect(() => createMockStore({ storage }).me('maison-verte', token)).toThrow(
      expect.objectContaining({ code: 'unauthorized' }),
    );
  });
});
