/** Offers over HTTP on a real database file: teaser, reveal, copies, redemptions, host API, seed. */
import {
  CodesImportResult,
  HostOffer,
  MemberExport,
  OfferFunnel,
  OfferReveal,
  OfferTeaser,
  Redemption,
  type OfferInput,
} from '@cercle/client';
import { demoCommunities, demoOffers } from '@cercle/client/demo';
import { seedDemo, type RateLimits } from '@cercle/server';
import * as v from 'valibot';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import {
  call,
  expectError,
  joinAs,
  NO_LIMITS,
  joinBody,
  seedAtelier,
  startServer,
  stopServer,
  type TestServer,
  HOST_KEY,
  ownerKey,
} from './helpers.js';

const C = '/v1/communities/atelier';
const O = `${C}/offers`;
const H = `${C}/host/offers`;
const START = Date.parse('2026-12-01T10:00:00.000Z');
const EXPIRES = '2026-12-31T23:00:00.000Z';

let t: TestServer;
let clock: number;

async function setup(options: { capacity?: number; rateLimits?: Partial<RateLimits> } = {}) {
  clock = START;
  t = await startServer({
    rateLimits: { ...NO_LIMITS, reveal: false, ...options.rateLimits },
    now: () => new Date(clock),
  });
  await seedAtelier(t, { capacity: options.capacity ?? null });
}

afterEach(() => stopServer(t));

const member = async (name: string): Promise<string> => (await joinAs(t.url, name)).token;

const host = (path: string, options: Parameters<typeof call>[2] = {}) =>
  call(t.url, path, { token: HOST_KEY, ...options });

const offerInput = (extra: Partial<OfferInput> = {}): OfferInput => ({
  title: 'Bienvenue',
  benefit: '-10 % sur la première commande',
  conditions: 'Une fois par membre.',
  expiresAt: EXPIRES,
  disclosure: 'publicite',
  kind: 'unique',
  ...extra,
});

async function createOffer(id: string, extra: Partial<OfferInput> = {}, codes: string[] = []) {
  const put = await host(`${H}/${id}`, { method: 'PUT', json: offerInput(extra) });
  expect(put.status).toBe(201);
  if (codes.length > 0) {
    const imported = await host(`${H}/${id}/codes`, { json: { codes } });
    expect(imported.status).toBe(200);
  }
}

const reveal = (id: string, token?: string) =>
  call(t.url, `${O}/${id}/reveal`, { method: 'POST', ...(token === undefined ? {} : { token }) });

const redeem = (id: string, body: Record<string, unknown>) =>
  host(`${O}/${id}/redemptions`, { json: body });

/** A server on `file` in a worker thread (see fixtures/server-worker-main.ts). */
async function startWorker(file: string, hostKey: string) {
  const worker = new Worker(new URL('./fixtures/server-worker.mjs', import.meta.url), {
    workerData: { db: file, hostKey },
    execArgv: ['--conditions=source'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        worker.once('exit', () => resolve());
        worker.postMessage('stop');
      }),
  };
}

const poolCodes = (n: number, prefix = 'AT-') =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(4, '0')}`);

describe('unique codes', () => {
  it('gives 40 distinct codes to 50 members revealing at once, and 10 clear "exhausted" answers', async () => {
    await setup();
    const pool = poolCodes(40);
    await createOffer('bienvenue', {}, pool);
    const tokens = await Promise.all(Array.from({ length: 50 }, (_, i) => member(`Membre ${i}`)));

    const answers = await Promise.all(tokens.map((token) => reveal('bienvenue', token)));
    const ok = answers.filter((a) => a.status === 200);
    const refused = answers.filter((a) => a.status !== 200);
    expect(ok).toHaveLength(40);
    expect(refused).toHaveLength(10);
    const codes = ok.map((a) => v.parse(OfferReveal, a.body).code);
    expect(new Set(codes).size).toBe(40);
    expect([...codes].sort()).toEqual(pool);
    for (const answer of refused) {
      expectError(answer, 409, 'offer_exhausted');
      expect(answer.body.error.message).toBe('All the codes of this offer have been given out.');
    }

    // Each member gets the same code back; the others stay refused.
    for (const [i, token] of tokens.entries()) {
      const again = await reveal('bienvenue', token);
      if (answers[i]?.status === 200) {
        expect(again.status).toBe(200);
        expect(again.body).toEqual(answers[i]?.body);
      } else {
        expectError(again, 409, 'offer_exhausted');
      }
    }

    const holder = tokens[answers.findIndex((a) => a.status === 200)];
    const teaser = v.parse(
      OfferTeaser,
      (await call(t.url, `${O}/bienvenue`, { token: holder })).body,
    );
    expect(teaser).toMatchObject({ status: 'exhausted', revealedByMe: true, kind: 'unique' });
    const funnel = v.parse(OfferFunnel, (await host(`${H}/bienvenue/funnel`)).body);
    expect(funnel.reveals).toBe(40);
    expect(funnel.offer).toMatchObject({ codesTotal: 40, codesRemaining: 0 });
  });

  it('never gives one code twice when two server processes share the database file', async () => {
    // Two servers, each in a worker thread with its own event loop and SQLite connection, so
    // reveals really interleave; the claim runs in one IMMEDIATE transaction per reveal.
    await setup();
    const pool = poolCodes(40, 'TW-');
    await createOffer('duo', {}, pool);
    const tokens = await Promise.all(Array.from({ length: 50 }, (_, i) => member(`Duo ${i}`)));
    const workers = await Promise.all([0, 1].map(() => startWorker(t.file, HOST_KEY)));
    try {
      const answers = await Promise.all(
        tokens.map((token, i) =>
          call(workers[i % 2]!.url, `${O}/duo/reveal`, { method: 'POST', token }),
        ),
      );
      const codes = answers
        .filter((a) => a.status === 200)
        .map((a) => v.parse(OfferReveal, a.body).code);
      expect(codes).toHaveLength(40);
      expect(new Set(codes).size).toBe(40);
      expect([...codes].sort()).toEqual(pool);
      const refused = answers.filter((a) => a.status !== 200);
      expect(refused).toHaveLength(10);
      for (const answer of refused) expectError(answer, 409, 'offer_exhausted');
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
  });

  it('refuses visitors (401), waitlisted members (403), unknown offers (404)', async () => {
    await setup({ capacity: 1 });
    await createOffer('bienvenue', {}, poolCodes(3));
    const active = await member('Active');
    const waiting = await member('Waiting');

    expectError(await reveal('bienvenue'), 401, 'unauthorized');
    expectError(await reveal('bienvenue', 'not-a-token'), 401, 'unauthorized');
    expectError(await reveal('bienvenue', waiting), 403, 'forbidden');
    expectError(await reveal('nope', active), 404, 'not_found');
    expectError(await call(t.url, `${O}/nope`), 404, 'not_found');
    expect((await reveal('bienvenue', active)).status).toBe(200);
  });

  it('refuses reveals from expiresAt on, even to a member who revealed before; the teaser says expired', async () => {
    await setup();
    await createOffer('bienvenue', {}, poolCodes(3));
    const token = await member('Early');
    expect((await reveal('bienvenue', token)).status).toBe(200);

    clock = Date.parse(EXPIRES);
    const refused = await reveal('bienvenue', token);
    expectError(refused, 410, 'offer_expired');
    expect(refused.body.error.message).toMatch(/ended on 2026-12-31T23:00:00\.000Z/);
    expectError(await reveal('bienvenue', await member('Late')), 410, 'offer_expired');
    const teaser = v.parse(OfferTeaser, (await call(t.url, `${O}/bienvenue`, { token })).body);
    expect(teaser).toMatchObject({ status: 'expired', revealedByMe: true });
  });

  it('rate-limits reveals per member: 429 with Retry-After', async () => {
    await setup({ rateLimits: { reveal: { limit: 2, windowMs: 60_000 } } });
    await createOffer('bienvenue', {}, poolCodes(3));
    const token = await member('Eager');
    expect((await reveal('bienvenue', token)).status).toBe(200);
    expect((await reveal('bienvenue', token)).status).toBe(200);
    const limited = await reveal('bienvenue', token);
    expectError(limited, 429, 'rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Another member has their own bucket.
    expect((await reveal('bienvenue', await member('Calm'))).status).toBe(200);
  });

  it('never puts a code in the teaser, the host views or a log line', async () => {
    await setup();
    const pool = poolCodes(5);
    await createOffer('bienvenue', {}, pool);
    await createOffer('partage', { kind: 'shared', sharedCode: 'SHARED-CODE-42' });
    const token = await member('Curious');
    const code = v.parse(OfferReveal, (await reveal('bienvenue', token)).body).code;
    expect((await reveal('partage', token)).body.code).toBe('SHARED-CODE-42');
    await call(t.url, `${O}/bienvenue/copies`, { method: 'POST', token });
    await redeem('bienvenue', { code, orderId: 'o-1', amount: 30, currency: 'EUR' });
    await redeem('bienvenue', { code: 'NOT-OURS-99', orderId: 'o-2', amount: 5, currency: 'EUR' });
    await redeem('partage', {
      code: 'SHARED-CODE-42',
      orderId: 'o-3',
      amount: 12,
      currency: 'EUR',
    });

    const raw = async (path: string, auth?: string) => {
      const response = await fetch(t.url + path, {
        headers: auth === undefined ? {} : { authorization: `Bearer ${auth}` },
      });
      expect(response.status).toBe(200);
      return response.text();
    };
    const texts = [
      await raw(`${O}/bienvenue`),
      await raw(`${O}/bienvenue`, token),
      await raw(`${O}/partage`),
      await raw(`${O}/partage`, token),
      await raw(`${H}/bienvenue/funnel`, HOST_KEY),
      await raw(`${H}/partage/funnel`, HOST_KEY),
    ];
    for (const text of texts) {
      for (const secret of [...pool, 'SHARED-CODE-42', 'NOT-OURS-99']) {
        expect(text).not.toContain(secret);
      }
    }
    expect(t.lines.length).toBeGreaterThan(10);
    for (const line of t.lines) {
      for (const secret of [...pool, 'SHARED-CODE-42', 'NOT-OURS-99']) {
        expect(line).not.toContain(secret);
      }
    }
  });

  it('keeps a leaving member’s code taken: never handed to someone else, orders no longer name them', async () => {
    await setup();
    await createOffer('unique', {}, ['ONLY-ONE-CODE']);
    const leaver = await member('Leaver');
    const code = v.parse(OfferReveal, (await reveal('unique', leaver)).body).code;
    expect((await call(t.url, `${C}/members/me`, { method: 'DELETE', token: leaver })).status).toBe(
      204,
    );
    expectError(await reveal('unique', await member('Next')), 409, 'offer_exhausted');
    const order = await redeem('unique', {
      code,
      orderId: 'after-leave',
      amount: 10,
      currency: 'EUR',
    });
    expect(order.status).toBe(201);
    expect(v.parse(Redemption, order.body)).toMatchObject({ memberId: null, flags: [] });
    const funnel = v.parse(OfferFunnel, (await host(`${H}/unique/funnel`)).body);
    expect(funnel.reveals).toBe(1);
  });
});

describe('redemptions and the funnel', () => {
  it('attributes orders to the member, is idempotent on the order id, flags misuse, and counts the funnel', async () => {
    await setup();
    await createOffer('bienvenue', {}, poolCodes(4));
    const alice = await member('Alice');
    const bob = await member('Bob');
    const aliceId = (await call(t.url, `${C}/members/me`, { token: alice })).body.member.id;

    for (let i = 0; i < 3; i++) await call(t.url, `${O}/bienvenue`);
    const aliceCode = v.parse(OfferReveal, (await reveal('bienvenue', alice)).body).code;
    const bobCode = v.parse(OfferReveal, (await reveal('bienvenue', bob)).body).code;

    // Copying needs a revealed code.
    expectError(
      await call(t.url, `${O}/bienvenue/copies`, { method: 'POST', token: await member('Carol') }),
      409,
      'conflict',
    );
    expect(
      (await call(t.url, `${O}/bienvenue/copies`, { method: 'POST', token: alice })).status,
    ).toBe(204);
    await call(t.url, `${O}/bienvenue/copies`, { method: 'POST', token: alice });

    const first = await redeem('bienvenue', {
      code: aliceCode,
      orderId: 'A-1',
      amount: 42.5,
      currency: 'EUR',
      orderedAt: '2026-12-02T09:00:00Z',
    });
    expect(first.status).toBe(201);
    const recorded = v.parse(Redemption, first.body);
    expect(recorded).toMatchObject({
      offer: 'bienvenue',
      orderId: 'A-1',
      memberId: aliceId,
      amount: 42.5,
      currency: 'EUR',
      orderedAt: '2026-12-02T09:00:00.000Z',
      flags: [],
    });

    // The same order id again: the first record, even if the body differs.
    const again = await redeem('bienvenue', {
      code: 'SOMETHING-ELSE',
      orderId: 'A-1',
      amount: 1,
      currency: 'USD',
    });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);

    const duplicate = await redeem('bienvenue', {
      code: aliceCode,
      orderId: 'A-2',
      amount: 10,
      currency: 'EUR',
    });
    expect(v.parse(Redemption, duplicate.body)).toMatchObject({
      memberId: aliceId,
      flags: ['duplicate'],
    });
    const unknown = await redeem('bienvenue', {
      code: 'NOT-A-CODE',
      orderId: 'X-1',
      amount: 7,
      currency: 'EUR',
    });
    expect(unknown.body).toMatchObject({ memberId: null, flags: ['unknown_code'] });
    expect(unknown.body.error).toBeUndefined();

    // A pool code nobody revealed yet: counted, and out of the pool from now on.
    const before = v.parse(HostOffer, (await host(`${H}/bienvenue/funnel`)).body.offer);
    const unrevealed = t.server.db
      .prepare('SELECT code FROM offer_codes WHERE taken_at IS NULL ORDER BY seq LIMIT 1')
      .pluck()
      .get() as string;
    const early = await redeem('bienvenue', {
      code: unrevealed,
      orderId: 'L-1',
      amount: 20,
      currency: 'GBP',
    });
    expect(early.body).toMatchObject({ memberId: null, flags: [] });
    const after = v.parse(HostOffer, (await host(`${H}/bienvenue/funnel`)).body.offer);
    expect(after.codesRemaining).toBe((before.codesRemaining ?? 0) - 1);

    clock = Date.parse('2027-01-05T10:00:00Z');
    const late = await redeem('bienvenue', {
      code: bobCode,
      orderId: 'B-1',
      amount: 15,
      currency: 'EUR',
    });
    expect(late.body.flags).toContain('after_expiry');

    const funnel = v.parse(OfferFunnel, (await host(`${H}/bienvenue/funnel`)).body);
    expect(funnel).toMatchObject({
      teaserViews: 3,
      reveals: 2,
      copies: 2,
      redemptions: 5,
      flagged: 3,
      revenue: [
        { currency: 'EUR', amount: 42.5 },
        { currency: 'GBP', amount: 20 },
      ],
    });
    expect(funnel.recent.map((r) => r.orderId)).toEqual(['B-1', 'L-1', 'X-1', 'A-2', 'A-1']);
  });

  it('refuses bad redemption reports with field errors, and callers without the host key', async () => {
    await setup();
    await createOffer('bienvenue', {}, poolCodes(1));
    const bad = await redeem('bienvenue', { code: 'X', orderId: '', amount: -1, currency: 'euro' });
    expectError(bad, 400, 'validation_failed');
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'amount',
      'currency',
      'orderId',
    ]);
    expectError(
      await call(t.url, `${O}/bienvenue/redemptions`, {
        json: { code: 'ABC', orderId: '1', amount: 1, currency: 'EUR' },
        token: await member('Sneaky'),
      }),
      401,
      'unauthorized',
    );
    expectError(
      await redeem('nope', { code: 'ABC', orderId: '1', amount: 1, currency: 'EUR' }),
      404,
      'not_found',
    );
  });
});

describe('member export', () => {
  it('lists the codes revealed to the member, unique and shared, and only theirs', async () => {
    await setup();
    await createOffer('bienvenue', {}, poolCodes(2));
    await createOffer('livraison', { kind: 'shared', sharedCode: 'LIVRAISON-OK' });
    const [a, b] = [await member('A'), await member('B')];
    const unique = v.parse(OfferReveal, (await reveal('bienvenue', a)).body);
    clock += 1000;
    await reveal('livraison', a);
    await reveal('bienvenue', b);

    const exported = v.parse(
      MemberExport,
      (await call(t.url, `${C}/members/me/export`, { token: a })).body,
    );
    expect(exported.offers).toEqual([
      { offer: 'bienvenue', code: unique.code, revealedAt: unique.revealedAt },
      { offer: 'livraison', code: 'LIVRAISON-OK', revealedAt: new Date(clock).toISOString() },
    ]);
  });
});

describe('shared offers', () => {
  it('gives every member the same code, never attributes orders to one member, has no pool', async () => {
    await setup();
    await createOffer('livraison', { kind: 'shared', sharedCode: 'LIVRAISON-OK' });
    const [a, b] = [await member('A'), await member('B')];
    const first = v.parse(OfferReveal, (await reveal('livraison', a)).body);
    const second = v.parse(OfferReveal, (await reveal('livraison', b)).body);
    expect(first.code).toBe('LIVRAISON-OK');
    expect(second.code).toBe('LIVRAISON-OK');
    expect((await reveal('livraison', a)).body).toEqual(first);
    expect((await call(t.url, `${O}/livraison`, { token: a })).body).toMatchObject({
      kind: 'shared',
      status: 'active',
      revealedByMe: true,
    });
    expect((await call(t.url, `${O}/livraison`)).body.revealedByMe).toBe(false);

    const order = await redeem('livraison', {
      code: 'LIVRAISON-OK',
      orderId: 'S-1',
      amount: 30,
      currency: 'EUR',
    });
    expect(order.body).toMatchObject({ memberId: null, flags: [] });
    const again = await redeem('livraison', {
      code: 'LIVRAISON-OK',
      orderId: 'S-2',
      amount: 30,
      currency: 'EUR',
    });
    expect(again.body.flags).toEqual([]);
    const wrong = await redeem('livraison', {
      code: 'LIVRAISON-KO',
      orderId: 'S-3',
      amount: 30,
      currency: 'EUR',
    });
    expect(wrong.body.flags).toEqual(['unknown_code']);

    expectError(await host(`${H}/livraison/codes`, { json: { codes: ['ABC'] } }), 409, 'conflict');
    const funnel = v.parse(OfferFunnel, (await host(`${H}/livraison/funnel`)).body);
    expect(funnel).toMatchObject({ reveals: 2, redemptions: 3, flagged: 1 });
    expect(funnel.revenue).toEqual([{ currency: 'EUR', amount: 60 }]);
    expect(funnel.offer).toMatchObject({ codesTotal: null, codesRemaining: null });
  });
});

describe('the host API', () => {
  it('creates (201) and changes (200) an offer, refuses a kind change once in use (409)', async () => {
    await setup();
    const created = await host(`${H}/promo`, { method: 'PUT', json: offerInput() });
    expect(created.status).toBe(201);
    expect(v.parse(HostOffer, created.body)).toMatchObject({
      id: 'promo',
      community: 'atelier',
      kind: 'unique',
      status: 'exhausted',
      codesTotal: 0,
      codesRemaining: 0,
      revealedByMe: false,
    });

    const changed = await host(`${H}/promo`, {
      method: 'PUT',
      json: offerInput({ title: 'Nouveau titre', expiresAt: '2027-01-31T00:00:00+01:00' }),
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      title: 'Nouveau titre',
      expiresAt: '2027-01-30T23:00:00.000Z',
    });

    // Unused: the kind may change; once a code is revealed, it may not.
    const shared = offerInput({ kind: 'shared', sharedCode: 'SHARE-1' });
    expect((await host(`${H}/promo`, { method: 'PUT', json: shared })).status).toBe(200);
    await reveal('promo', await member('First'));
    expectError(await host(`${H}/promo`, { method: 'PUT', json: offerInput() }), 409, 'conflict');
    expect((await host(`${H}/promo`, { method: 'PUT', json: shared })).status).toBe(200);
  });

  it('validates offers: sharedCode goes with shared, the path is a slug, the host key is required', async () => {
    await setup();
    const bad = await host(`${H}/promo`, {
      method: 'PUT',
      json: offerInput({ kind: 'unique', sharedCode: 'NOPE-1' }),
    });
    expectError(bad, 400, 'validation_failed');
    expect(bad.body.error.details).toEqual([
      {
        path: 'sharedCode',
        message: 'a shared offer needs sharedCode, a unique one takes its codes from a pool',
      },
    ]);
    expectError(
      await host(`${H}/Not_A_Slug`, { method: 'PUT', json: offerInput() }),
      400,
      'validation_failed',
    );
    expectError(
      await call(t.url, `${H}/promo`, { method: 'PUT', json: offerInput() }),
      401,
      'unauthorized',
    );
  });

  it('imports codes, skipping the ones repeated in the request or already in the pool', async () => {
    await setup();
    await createOffer('bienvenue');
    const first = await host(`${H}/bienvenue/codes`, {
      json: { codes: ['CODE-A', 'CODE-B', 'CODE-A', 'CODE-C'] },
    });
    expect(v.parse(CodesImportResult, first.body)).toEqual({
      added: 3,
      duplicates: 1,
      codesTotal: 3,
      codesRemaining: 3,
    });
    await reveal('bienvenue', await member('One'));
    const second = await host(`${H}/bienvenue/codes`, { json: { codes: ['CODE-C', 'CODE-D'] } });
    expect(second.body).toEqual({ added: 1, duplicates: 1, codesTotal: 4, codesRemaining: 3 });

    const bad = await host(`${H}/bienvenue/codes`, { json: { codes: ['OK-CODE', 'a b'] } });
    expectError(bad, 400, 'validation_failed');
    expect(bad.body.error.details).toEqual([
      { path: 'codes.1', message: 'a code is 3–64 visible ASCII characters' },
    ]);
    expectError(await host(`${H}/nope/codes`, { json: { codes: ['ABC'] } }), 404, 'not_found');
  });
});

describe('the demo seed', () => {
  it('seeds bienvenue-10 with 200 random unique codes and a shared livraison-offerte, once', async () => {
    const now = new Date('2026-12-01T10:00:00.000Z');
    t = await startServer({
      seed: 'demo',
      now: () => now,
      rateLimits: { ...NO_LIMITS, reveal: false },
    });
    const M = '/v1/communities/maison-verte';
    const unique = demoOffers.find((o) => o.id === 'bienvenue-10');
    const funnel = v.parse(
      OfferFunnel,
      (
        await call(t.url, `${M}/host/offers/bienvenue-10/funnel`, {
          token: ownerKey('maison-verte'),
        })
      ).body,
    );
    expect(funnel.offer).toMatchObject({
      title: unique?.title,
      kind: 'unique',
      disclosure: 'publicite',
      status: 'active',
      expiresAt: '2026-12-31T10:00:00.000Z',
      codesTotal: 200,
      codesRemaining: 200,
    });
    const codes = t.server.db.prepare('SELECT code FROM offer_codes').pluck().all() as string[];
    expect(new Set(codes).size).toBe(200);
    for (const code of codes) expect(code).toMatch(/^MV10-[A-HJKMNP-Z2-9]{8}$/);

    const teaser = await call(t.url, `${M}/offers/livraison-offerte`);
    expect(teaser.body).toMatchObject({
      kind: 'shared',
      disclosure: 'publicite',
      status: 'active',
    });
    const consent = { version: demoCommunities[0]?.consentVersion, accepted: true };
    const token = (await call(t.url, `${M}/members`, { json: joinBody('Nina', { consent }) })).body
      .token as string;
    const revealed = await call(t.url, `${M}/offers/livraison-offerte/reveal`, {
      method: 'POST',
      token,
    });
    expect(revealed.body.code).toMatch(/^MV-[A-HJKMNP-Z2-9]{8}$/);

    await seedDemo(t.server.store, { now });
    expect(t.server.db.prepare('SELECT COUNT(*) FROM offer_codes').pluck().get()).toBe(200);
    // The demo's two offers, and the KPI history's three past ones (expired), once each.
    const offers = t.server.db.prepare('SELECT expires_at FROM offers').pluck().all() as string[];
    expect(offers.filter((at) => Date.parse(at) > now.getTime())).toHaveLength(2);
    expect(offers).toHaveLength(5);
  });
});
