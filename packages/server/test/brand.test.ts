/**
 * The brand's side over real HTTP: communities created by the operator with their first
 * owner, invitations and roles, settings with consent versions, archiving, the sessions list,
 * paused offers, and the audit log that records it all.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  call,
  expectError,
  joinAs,
  joinBody,
  seedAtelier,
  startServer,
  stopServer,
  HOST_KEY,
  type TestServer,
} from './helpers.js';

const OPERATOR = 'brand-operator-key-0123456789';
const C = '/v1/communities/atelier';
const H = `${C}/host`;

let t: TestServer;
let clock = new Date('2026-12-15T10:00:00.000Z');

afterEach(async () => {
  await stopServer(t);
  clock = new Date('2026-12-15T10:00:00.000Z');
});

async function setup(): Promise<void> {
  t = await startServer({ hostKey: OPERATOR, now: () => clock });
  await seedAtelier(t);
}

/** Invites a host with `role` (as the owner) and accepts; the new host's key. */
async function hostWith(role: 'owner' | 'moderator' | 'analyst', name = `A ${role}`) {
  const invited = await call(t.url, `${H}/invitations`, { token: HOST_KEY, json: { role } });
  expect(invited.status, JSON.stringify(invited.body)).toBe(201);
  const accepted = await call(t.url, `${C}/invitations/accept`, {
    json: { token: invited.body.token, name },
  });
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
  return accepted.body as { host: { id: string; role: string }; key: string };
}

describe('communities', () => {
  it('are created by the operator with a first owner whose key works, once', async () => {
    await setup();
    const input = {
      slug: 'nouvelle',
      name: 'Nouvelle',
      privacyPolicyUrl: 'https://nouvelle.example/privacy',
      allowedOrigins: ['https://shop.nouvelle.example', 'http://localhost:*'],
      consentText: 'I agree to join.',
      owner: { name: 'Nora' },
    };
    const created = await call(t.url, '/v1/communities', { token: OPERATOR, json: input });
    expect(created.status).toBe(201);
    expect(created.body.owner).toMatchObject({
      name: 'Nora',
      role: 'owner',
      community: 'nouvelle',
    });
    expect(created.body.community).toMatchObject({
      slug: 'nouvelle',
      consentText: 'I agree to join.',
      consentVersion: '1',
      archived: false,
      allowedOrigins: input.allowedOrigins,
    });
    const me = await call(t.url, '/v1/host/me', { token: created.body.key });
    expect(me.body.host.name).toBe('Nora');
    expect(me.body.permissions).toContain('settings');
    // The operator key is no host key; a taken slug is a conflict; a bad origin a field error.
    expectError(
      await call(t.url, '/v1/communities/nouvelle/host/settings', { token: OPERATOR }),
      401,
      'unauthorized',
    );
    expectError(
      await call(t.url, '/v1/communities', { token: OPERATOR, json: input }),
      409,
      'conflict',
    );
    const bad = expectError(
      await call(t.url, '/v1/communities', {
        token: OPERATOR,
        json: { ...input, slug: 'autre', allowedOrigins: ['shop.example'] },
      }),
      400,
      'validation_failed',
    );
    expect(bad.details?.[0]?.path).toBe('allowedOrigins.0');
    const empty = expectError(
      await call(t.url, '/v1/communities', {
        token: OPERATOR,
        json: { ...input, slug: 'autre', consentText: '  ' },
      }),
      400,
      'validation_failed',
    );
    expect(empty.details?.[0]).toEqual({
      path: 'consentText',
      message: 'the consent text is empty',
    });
    expect(
      (await call(t.url, '/v1/communities', { token: OPERATOR })).body.communities,
    ).toHaveLength(2);
  });

  it('record a new consent version when the text changes; members keep theirs', async () => {
    await setup();
    await joinAs(t.url, 'Ada');
    const changed = await call(t.url, `${H}/settings`, {
      method: 'PATCH',
      token: HOST_KEY,
      json: { consentText: 'New words.', tagline: 'Clay' },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.consentVersion).toBe('2');
    expect(
      changed.body.consentHistory.map((r: { version: string; members: number }) => [
        r.version,
        r.members,
      ]),
    ).toEqual([
      ['2', 0],
      ['v1', 1],
    ]);
    const pub = (await call(t.url, C)).body;
    expect(pub).toMatchObject({ consentVersion: '2', consentText: 'New words.', tagline: 'Clay' });
    // The old version is refused now; the current one joins.
    expectError(
      await call(t.url, `${C}/members`, { json: joinBody('Bo') }),
      400,
      'validation_failed',
    );
    expect(
      (
        await call(t.url, `${C}/members`, {
          json: joinBody('Bo', { consent: { version: '2', accepted: true } }),
        })
      ).status,
    ).toBe(201);
    // The same text again records nothing; a version without a text is refused.
    const same = await call(t.url, `${H}/settings`, {
      method: 'PATCH',
      token: HOST_KEY,
      json: { consentText: 'New words.' },
    });
    expect(same.body.consentVersion).toBe('2');
    expectError(
      await call(t.url, `${H}/settings`, {
        method: 'PATCH',
        token: HOST_KEY,
        json: { consentVersion: '9' },
      }),
      400,
      'validation_failed',
    );
  });

  it('archived: gone for the public, still there for its hosts, and restorable', async () => {
    await setup();
    const patch = (json: object) =>
      call(t.url, `${H}/settings`, { method: 'PATCH', token: HOST_KEY, json });
    expect((await patch({ archived: true })).body.archived).toBe(true);
    expectError(await call(t.url, C), 404, 'not_found');
    expectError(await call(t.url, `${C}/members`, { json: joinBody('Late') }), 404, 'not_found');
    expect((await call(t.url, `${H}/settings`, { token: HOST_KEY })).status).toBe(200);
    expect((await patch({ archived: false })).body.archived).toBe(false);
    expect((await call(t.url, C)).status).toBe(200);
  });
});

describe('hosts and roles', () => {
  it('invitations are single-use, expire, can be revoked, and make keys with their role', async () => {
    await setup();
    const moderator = await hostWith('moderator', 'Mo');
    expect(moderator.host.role).toBe('moderator');
    const me = await call(t.url, '/v1/host/me', { token: moderator.key });
    expect(me.body.permissions).toEqual(['read', 'moderate']);

    const invited = await call(t.url, `${H}/invitations`, {
      token: HOST_KEY,
      json: { role: 'analyst', expiresInHours: 1 },
    });
    const accept = (token: string) =>
      call(t.url, `${C}/invitations/accept`, { json: { token, name: 'Ann' } });
    clock = new Date(clock.getTime() + 2 * 3_600_000);
    expectError(await accept(invited.body.token), 410, 'invitation_expired');

    const again = await call(t.url, `${H}/invitations`, {
      token: HOST_KEY,
      json: { role: 'analyst' },
    });
    expect((await accept(again.body.token)).status).toBe(201);
    expectError(await accept(again.body.token), 404, 'not_found');

    const revoked = await call(t.url, `${H}/invitations`, {
      token: HOST_KEY,
      json: { role: 'owner' },
    });
    const team = (await call(t.url, `${H}/team`, { token: HOST_KEY })).body;
    expect(team.invitations.map((i: { id: string }) => i.id)).toEqual([revoked.body.invitation.id]);
    expect(team.hosts.map((h: { name: string }) => h.name)).toEqual(['Demo owner', 'Mo', 'Ann']);
    const gone = await call(t.url, `${H}/invitations/${revoked.body.invitation.id}`, {
      method: 'DELETE',
      token: HOST_KEY,
    });
    expect(gone.status).toBe(204);
    expectError(await accept(revoked.body.token), 404, 'not_found');
    // The operator may invite too (to give a community a new owner).
    expect(
      (await call(t.url, `${H}/invitations`, { token: OPERATOR, json: { role: 'owner' } })).status,
    ).toBe(201);
  });

  it('every host route checks the role; another community’s host and revoked keys are refused', async () => {
    await setup();
    const { key: moderator, host } = await hostWith('moderator');
    const { key: analyst } = await hostWith('analyst');
    const session = await call(t.url, `${H}/sessions/live`, {
      method: 'PUT',
      token: HOST_KEY,
      json: { title: 'Live' },
    });
    expect(session.status).toBe(201);
    const asked = await call(t.url, `${C}/sessions/live/questions`, {
      token: (await joinAs(t.url, 'Ada')).token,
      json: { text: 'A question' },
    });
    const q = asked.body.id as string;

    // A moderator moderates, and nothing else.
    const hide = await call(t.url, `${H}/sessions/live/questions/${q}`, {
      method: 'PATCH',
      token: moderator,
      json: { state: 'hidden', statement: 'Off topic' },
    });
    expect(hide.status).toBe(200);
    const forbidden = [
      ['PATCH', `${H}/settings`, { tagline: 'x' }],
      [
        'PUT',
        `${H}/offers/promo`,
        {
          title: 'T',
          benefit: 'B',
          conditions: '',
          expiresAt: '2027-01-01T00:00:00Z',
          disclosure: 'none',
          kind: 'shared',
          sharedCode: 'ABC',
        },
      ],
      ['PUT', `${H}/sessions/other`, { title: 'Other' }],
      ['GET', `${H}/team`, undefined],
      ['GET', `${H}/audit`, undefined],
      ['GET', `${H}/webhooks`, undefined],
      ['GET', `${C}/members`, undefined],
    ] as const;
    for (const [method, path, json] of forbidden) {
      const answer = await call(t.url, path, {
        method,
        token: moderator,
        ...(json ? { json } : {}),
      });
      expect(expectError(answer, 403, 'forbidden').message, path).toMatch(/^A moderator may not/);
    }
    // An analyst reads figures, and does not moderate.
    expectError(
      await call(t.url, `${H}/sessions/live/questions/${q}`, {
        method: 'PATCH',
        token: analyst,
        json: { pinned: true },
      }),
      403,
      'forbidden',
    );
    // Another community's owner.
    const other = await call(t.url, '/v1/communities', {
      token: OPERATOR,
      json: { slug: 'voisin', name: 'Voisin', privacyPolicyUrl: 'https://voisin.example/p' },
    });
    expect(
      expectError(await call(t.url, `${H}/settings`, { token: other.body.key }), 403, 'forbidden')
        .message,
    ).toMatch(/another community/);
    // Revoked: the key stops at once; the last owner stays.
    expect(
      (await call(t.url, `${H}/team/${host.id}`, { method: 'DELETE', token: HOST_KEY })).status,
    ).toBe(204);
    expect(
      expectError(await call(t.url, `${H}/sessions`, { token: moderator }), 401, 'unauthorized')
        .message,
    ).toMatch(/revoked/);
    const owners = (await call(t.url, '/v1/host/me', { token: HOST_KEY })).body.host.id as string;
    expectError(
      await call(t.url, `${H}/team/${owners}`, { method: 'DELETE', token: HOST_KEY }),
      409,
      'conflict',
    );
    expectError(
      await call(t.url, `${H}/team/${owners}`, {
        method: 'PATCH',
        token: HOST_KEY,
        json: { role: 'analyst' },
      }),
      409,
      'conflict',
    );
  });
});

describe('the audit log', () => {
  it('records who did what, when and why; pages newest first and exports CSV', async () => {
    await setup();
    const { key: moderator } = await hostWith('moderator', 'Mo');
    await call(t.url, `${H}/sessions/live`, {
      method: 'PUT',
      token: HOST_KEY,
      json: { title: 'Live' },
    });
    const member = await joinAs(t.url, 'Ada');
    const q = (
      await call(t.url, `${C}/sessions/live/questions`, {
        token: member.token,
        json: { text: '=cmd()' },
      })
    ).body.id as string;
    await call(t.url, `${H}/sessions/live/questions/${q}`, {
      method: 'PATCH',
      token: moderator,
      json: { state: 'hidden', statement: 'Spam, "obviously"' },
    });
    await call(t.url, `${H}/settings`, {
      method: 'PATCH',
      token: HOST_KEY,
      json: { tagline: 'Clay' },
    });

    const page = (await call(t.url, `${H}/audit?limit=2`, { token: HOST_KEY })).body;
    expect(page.entries.map((e: { action: string }) => e.action)).toEqual([
      'settings.updated',
      'question.hidden',
    ]);
    expect(page.entries[1]).toMatchObject({
      actor: { kind: 'host', name: 'Mo', role: 'moderator' },
      target: { kind: 'question', id: q },
      statement: 'Spam, "obviously"',
    });
    expect(page.entries[0].details).toEqual({ tagline: 'Clay' });
    const rest = (await call(t.url, `${H}/audit?cursor=${page.nextCursor}`, { token: HOST_KEY }))
      .body;
    expect(rest.entries.map((e: { action: string }) => e.action)).toEqual([
      'session.created',
      'host.joined',
      'host.invited',
    ]);
    expect(rest.nextCursor).toBeNull();
    const hosts = (await call(t.url, `${H}/audit?action=host.`, { token: HOST_KEY })).body;
    expect(hosts.entries).toHaveLength(2);
    expectError(
      await call(t.url, `${H}/audit?cursor=nope`, { token: HOST_KEY }),
      400,
      'validation_failed',
    );

    const csv = await fetch(`${t.url}${H}/audit.csv`, {
      headers: { authorization: `Bearer ${HOST_KEY}` },
    });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'at,actor_kind,actor_id,actor_name,actor_role,action,target_kind,target_id,statement,details',
    );
    expect(lines).toHaveLength(6);
    expect(lines.find((l) => l.includes('question.hidden'))).toContain('"Spam, ""obviously"""');
  });
});

describe('sessions and offers for the console', () => {
  it('lists sessions live → upcoming → past, picks "next", hides archived ones', async () => {
    await setup();
    const put = (id: string, json: object) =>
      call(t.url, `${H}/sessions/${id}`, { method: 'PUT', token: HOST_KEY, json });
    const patch = (id: string, json: object) =>
      call(t.url, `${H}/sessions/${id}`, { method: 'PATCH', token: HOST_KEY, json });
    await put('later', { title: 'Later', startsAt: '2026-12-20T18:00:00Z', description: 'Bread' });
    await put('sooner', {
      title: 'Sooner',
      startsAt: '2026-12-10T18:00:00Z',
      endsAt: '2026-12-10T19:00:00Z',
    });
    await put('done', { title: 'Done', startsAt: '2026-11-01T18:00:00Z' });
    await patch('done', { state: 'ended' });
    const ids = async (query = '') =>
      (await call(t.url, `${C}/sessions${query}`)).body.sessions.map((s: { id: string }) => s.id);
    expect(await ids()).toEqual(['sooner', 'later', 'done']);
    expect((await call(t.url, `${C}/sessions/next`)).body).toMatchObject({
      id: 'sooner',
      endsAt: '2026-12-10T19:00:00.000Z',
    });
    await patch('later', { state: 'live' });
    expect(await ids()).toEqual(['later', 'sooner', 'done']);
    expect((await call(t.url, `${C}/sessions/next`)).body).toMatchObject({
      id: 'later',
      description: 'Bread',
    });
    expect(await ids('?when=past')).toEqual(['done']);
    await patch('done', { archived: true });
    expect(await ids()).toEqual(['later', 'sooner']);
    expectError(await call(t.url, `${C}/sessions/done`), 404, 'not_found');
    const host = (await call(t.url, `${H}/sessions`, { token: HOST_KEY })).body.sessions;
    expect(host.find((s: { id: string }) => s.id === 'done').archived).toBe(true);
    // Bad input: an end before the start, the reserved id.
    const bad = expectError(
      await put('x', {
        title: 'X',
        startsAt: '2026-12-10T18:00:00Z',
        endsAt: '2026-12-10T17:00:00Z',
      }),
      400,
      'validation_failed',
    );
    expect(bad.details?.[0]?.path).toBe('endsAt');
    expectError(await put('next', { title: 'Next' }), 400, 'validation_failed');
  });

  it('pauses an offer: no new code, those who revealed keep theirs', async () => {
    await setup();
    const offer = {
      title: 'Welcome',
      benefit: '-10 %',
      conditions: '',
      expiresAt: '2027-01-01T00:00:00.000Z',
      disclosure: 'publicite',
      kind: 'shared',
      sharedCode: 'HELLO10',
    };
    await call(t.url, `${H}/offers/welcome`, { method: 'PUT', token: HOST_KEY, json: offer });
    const first = await joinAs(t.url, 'Ada');
    const reveal = (token: string) =>
      call(t.url, `${C}/offers/welcome/reveal`, { method: 'POST', token });
    expect((await reveal(first.token)).body.code).toBe('HELLO10');
    const paused = await call(t.url, `${H}/offers/welcome`, {
      method: 'PUT',
      token: HOST_KEY,
      json: { ...offer, paused: true },
    });
    expect(paused.body).toMatchObject({ paused: true, status: 'paused' });
    expect((await call(t.url, `${C}/offers/welcome`)).body.status).toBe('paused');
    expect((await reveal(first.token)).body.code).toBe('HELLO10');
    expectError(await reveal((await joinAs(t.url, 'Bo')).token), 409, 'conflict');
    const list = (await call(t.url, `${H}/offers`, { token: HOST_KEY })).body.offers;
    expect(list.map((o: { id: string; paused: boolean }) => [o.id, o.paused])).toEqual([
      ['welcome', true],
    ]);
  });
});
