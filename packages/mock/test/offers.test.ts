// Offers (community-only promo codes) over the mock, through msw's `setupServer` and plain `fetch`.
import { describe, expect, it } from 'vitest';
import { demoCommunities, demoOffers } from '@cercle/client/demo';
import { createMockStore } from '@cercle/mock/node';
import { conforms, joinAs, memoryStorage, serveMock } from './helpers.js';

const BASE = 'http://offers.cercle.test';
const HOST = 'host-secret';
const { store, call } = serveMock({
  baseUrl: BASE,
  store: createMockStore({ revealLimit: false }),
  hostKey: HOST,
});

const C = '/v1/communities/maison-verte';
const consent = { version: demoCommunities[0]!.consentVersion, accepted: true };
const DAY = 24 * 60 * 60 * 1000;

const member = (name?: string) => joinAs(call, name);

const host = (method: string, path: string, body?: unknown) =>
  call(method, `${C}${path}`, { token: HOST, body });

const reveal = (offer: string, token?: string) =>
  call('POST', `${C}/offers/${offer}/reveal`, { token });

const offerInput = (o: Record<string, unknown> = {}) => ({
  title: 'Deux pour un',
  benefit: 'Un pot offert',
  conditions: '',
  expiresAt: new Date(Date.now() + DAY).toISOString(),
  disclosure: 'publicite',
  kind: 'unique',
  ...o,
});

describe('teaser', () => {
  it('shows the seeded offers without a code, personalised with a token', async () => {
    for (const demo of demoOffers) {
      const res = await call('GET', `${C}/offers/${demo.id}`);
      conforms('getOffer', res);
      expect(res.body).toMatchObject({
        id: demo.id,
        title: demo.title,
        kind: demo.kind,
        disclosure: 'publicite',
        status: 'active',
        revealedByMe: false,
      });
      expect(res.body).not.toHaveProperty('code');
      const days = (Date.parse(res.body.expiresAt) - Date.now()) / DAY;
      expect(Math.round(days)).toBe(demo.expiresInDays);
    }
    const token = await member();
    const { body } = await reveal('bienvenue-10', token);
    const mine = await call('GET', `${C}/offers/bienvenue-10`, { token });
    expect(mine.body.revealedByMe).toBe(true);
    const anyone = await call('GET', `${C}/offers/bienvenue-10`);
    expect(JSON.stringify(anyone.body)).not.toContain(body.code);
    expect((await call('GET', `${C}/offers/bienvenue-10`, { token: 'nope' })).status).toBe(401);
    expect((await call('GET', `${C}/offers/nope`)).body.error.code).toBe('not_found');
  });
});

describe('reveal', () => {
  it('gives each member their own unique code, the same on every reveal', async () => {
    const alice = await member('Alice');
    const bob = await member('Bob');
    const first = await reveal('bienvenue-10', alice);
    expect(first.status).toBe(200);
    conforms('revealOffer', first);
    expect(first.body.code).toMatch(/^MV10-[A-Z2-9]{8}$/);
    const again = await reveal('bienvenue-10', alice);
    expect(again.body).toEqual(first.body);
    const other = await reveal('bienvenue-10', bob);
    expect(other.body.code).not.toBe(first.body.code);
  });

  it('lists the member’s revealed codes in their export', async () => {
    const token = await member('Export');
    const unique = await reveal('bienvenue-10', token);
    const shared = await reveal('livraison-offerte', token);
    const exported = await call('GET', `${C}/members/me/export`, { token });
    conforms('exportMe', exported);
    expect(exported.body.offers).toEqual([
      { offer: 'bienvenue-10', code: unique.body.code, revealedAt: unique.body.revealedAt },
      { offer: 'livraison-offerte', code: shared.body.code, revealedAt: shared.body.revealedAt },
    ]);
  });

  it('gives every member the same shared code, and different codes after a reseed', async () => {
    const a = await reveal('livraison-offerte', await member('Alice'));
    const b = await reveal('livraison-offerte', await member('Bob'));
    expect(a.body.code).toBe(b.body.code);
    store.reset();
    const c = await reveal('livraison-offerte', await member('Carl'));
    expect(c.body.code).not.toBe(a.body.code);
  });

  it('refuses visitors and waitlisted members', async () => {
    const visitor = await reveal('bienvenue-10');
    expect(visitor.status).toBe(401);
    const fournil = demoCommunities.find((c) => c.slug === 'le-fournil')!;
    const res = await call('POST', '/v1/communities/le-fournil/members', {
      body: { displayName: 'Wendy', consent: { version: fournil.consentVersion, accepted: true } },
    });
    expect(res.status).toBe(202);
    await call('PUT', '/v1/communities/le-fournil/host/offers/pain', {
      token: HOST,
      body: offerInput({ kind: 'shared', sharedCode: 'PAIN-5' }),
    });
    const waitlisted = await call('POST', '/v1/communities/le-fournil/offers/pain/reveal', {
      token: res.body.token,
    });
    expect(waitlisted.status).toBe(403);
    expect(waitlisted.body.error.code).toBe('forbidden');
  });

  it('an exhausted pool says so: 409 offer_exhausted, and the teaser too', async () => {
    expect((await host('PUT', '/host/offers/duo', offerInput())).status).toBe(201);
    const imported = await host('POST', '/host/offers/duo/codes', { codes: ['DUO-1', 'DUO-2'] });
    conforms('importCodes', imported);
    const codes = [];
    for (const name of ['A', 'B']) codes.push((await reveal('duo', await member(name))).body.code);
    expect(codes.sort()).toEqual(['DUO-1', 'DUO-2']);
    const late = await reveal('duo', await member('C'));
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('offer_exhausted');
    expect((await call('GET', `${C}/offers/duo`)).body.status).toBe('exhausted');
  });

  it('a unique code an order used before anyone revealed it is never handed out', async () => {
    await host('PUT', '/host/offers/trio', offerInput());
    await host('POST', '/host/offers/trio/codes', { codes: ['TRIO-1', 'TRIO-2'] });
    const order = { code: 'TRIO-1', orderId: 'T-1', amount: 10, currency: 'EUR' };
    const used = await host('POST', '/offers/trio/redemptions', order);
    expect(used.body).toMatchObject({ memberId: null, flags: [] });
    expect((await reveal('trio', await member('A'))).body.code).toBe('TRIO-2');
    expect((await reveal('trio', await member('B'))).body.error.code).toBe('offer_exhausted');
  });

  it('an expired offer refuses reveals with 410 offer_expired', async () => {
    const past = new Date(Date.now() - 1000).toISOString();
    await host(
      'PUT',
      '/host/offers/old',
      offerInput({ kind: 'shared', sharedCode: 'OLD-1', expiresAt: past }),
    );
    const res = await reveal('old', await member());
    expect(res.status).toBe(410);
    expect(res.body.error.code).toBe('offer_expired');
    expect((await call('GET', `${C}/offers/old`)).body.status).toBe('expired');
  });

  it('is rate-limited per member', async () => {
    const own = createMockStore({ revealLimit: { limit: 2, windowMs: 60_000 } });
    const token = own.join('maison-verte', { displayName: 'Rae', consent }).body.token;
    own.revealOffer('maison-verte', 'bienvenue-10', token);
    own.revealOffer('maison-verte', 'bienvenue-10', token);
    expect(() => own.revealOffer('maison-verte', 'bienvenue-10', token)).toThrow(
      expect.objectContaining({ code: 'rate_limited', status: 429 }),
    );
  });
});

describe('copies, redemptions and the funnel', () => {
  it('counts a copy only after a reveal', async () => {
    const token = await member();
    const early = await call('POST', `${C}/offers/bienvenue-10/copies`, { token });
    expect(early.status).toBe(409);
    await reveal('bienvenue-10', token);
    const copied = await call('POST', `${C}/offers/bienvenue-10/copies`, { token });
    expect(copied.status).toBe(204);
    expect(copied.body).toBeNull();
  });

  it('attributes an order to the member, is idempotent on the order id, and flags misuse', async () => {
    const token = await member();
    const { body: revealed } = await reveal('bienvenue-10', token);
    const me = await call('GET', `${C}/members/me`, { token });
    const path = '/offers/bienvenue-10/redemptions';
    const order = { code: revealed.code, orderId: 'A-1', amount: 42.5, currency: 'EUR' };

    expect((await call('POST', `${C}${path}`, { body: order })).status).toBe(401);
    const first = await host('POST', path, order);
    expect(first.status).toBe(201);
    conforms('reportRedemption', first);
    expect(first.body).toMatchObject({ memberId: me.body.member.id, amount: 42.5, flags: [] });
    const replay = await host('POST', path, order);
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(first.body);

    const reused = await host('POST', path, { ...order, orderId: 'A-2' });
    expect(reused.body.flags).toEqual(['duplicate']);
    const unknown = await host('POST', path, { ...order, orderId: 'A-3', code: 'FAKE-CODE' });
    expect(unknown.body).toMatchObject({ memberId: null, flags: ['unknown_code'] });
    const late = new Date(Date.now() + 40 * DAY).toISOString();
    const after = await host('POST', path, { ...order, orderId: 'A-4', orderedAt: late });
    expect(after.body.flags).toEqual(expect.arrayContaining(['after_expiry', 'duplicate']));
    const bad = await host('POST', path, {
      code: '',
      orderId: 'A-5',
      amount: -1,
      currency: 'euro',
    });
    expect(bad.status).toBe(400);

    await call('GET', `${C}/offers/bienvenue-10`);
    await call('POST', `${C}/offers/bienvenue-10/copies`, { token });
    const funnel = await host('GET', '/host/offers/bienvenue-10/funnel');
    conforms('offerFunnel', funnel);
    expect(funnel.body).toMatchObject({
      teaserViews: 1,
      reveals: 1,
      copies: 1,
      redemptions: 4,
      flagged: 3,
      revenue: [{ currency: 'EUR', amount: 42.5 }],
      offer: { codesTotal: 200, codesRemaining: 199 },
    });
    expect(funnel.body.recent.map((r: { orderId: string }) => r.orderId)).toEqual([
      'A-4',
      'A-3',
      'A-2',
      'A-1',
    ]);
    expect((await call('GET', `${C}/host/offers/bienvenue-10/funnel`)).status).toBe(401);
  });
});

describe('host: offers and codes', () => {
  it('creates (201) and changes (200) an offer; a shared one needs its code', async () => {
    const created = await host(
      'PUT',
      '/host/offers/noel',
      offerInput({ kind: 'shared', sharedCode: 'NOEL-24' }),
    );
    expect(created.status).toBe(201);
    conforms('putOffer', created);
    expect(created.body).toMatchObject({ id: 'noel', codesTotal: null, codesRemaining: null });
    const changed = await host(
      'PUT',
      '/host/offers/noel',
      offerInput({ kind: 'shared', sharedCode: 'NOEL-25', title: 'Noël' }),
    );
    expect(changed.status).toBe(200);
    expect(changed.body.title).toBe('Noël');
    expect((await reveal('noel', await member())).body.code).toBe('NOEL-25');

    const missing = await host('PUT', '/host/offers/x', offerInput({ kind: 'shared' }));
    expect(missing.status).toBe(400);
    expect(missing.body.error.details[0].path).toBe('sharedCode');
    const both = await host('PUT', '/host/offers/x', offerInput({ sharedCode: 'X-123' }));
    expect(both.status).toBe(400);
    const kindChange = await host('PUT', '/host/offers/noel', offerInput());
    expect(kindChange.status).toBe(409);
  });

  it('imports codes, skipping duplicates; a shared offer has no pool', async () => {
    await host('PUT', '/host/offers/pool', offerInput());
    const res = await host('POST', '/host/offers/pool/codes', {
      codes: ['P-001', 'P-002', 'P-001'],
    });
    expect(res.body).toEqual({ added: 2, duplicates: 1, codesTotal: 2, codesRemaining: 2 });
    const again = await host('POST', '/host/offers/pool/codes', { codes: ['P-002', 'P-003'] });
    expect(again.body).toEqual({ added: 1, duplicates: 1, codesTotal: 3, codesRemaining: 3 });
    const bad = await host('POST', '/host/offers/pool/codes', { codes: ['no spaces'] });
    expect(bad.status).toBe(400);
    const shared = await host('POST', '/host/offers/livraison-offerte/codes', { codes: ['ABC'] });
    expect(shared.status).toBe(409);
    expect((await host('POST', '/host/offers/nope/codes', { codes: ['ABC'] })).status).toBe(404);
  });
});

describe('storage', () => {
  it('keeps revealed codes and testimonials across store instances', () => {
    const storage = memoryStorage();
    const first = createMockStore({ storage });
    const token = first.join('maison-verte', { displayName: 'Ivy', consent }).body.token;
    const { code } = first.revealOffer('maison-verte', 'bienvenue-10', token);
    const second = createMockStore({ storage });
    expect(second.revealOffer('maison-verte', 'bienvenue-10', token).code).toBe(code);
    const base = 'http://x.test';
    expect(second.listTestimonials('maison-verte', {}, base).aggregate.count).toBe(
      first.listTestimonials('maison-verte', {}, base).aggregate.count,
    );
  });
});
