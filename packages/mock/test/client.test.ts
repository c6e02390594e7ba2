// The typed client against the mock: the client checks every answer against the contract,
// so this proves the mock and the client agree on the wire.
import { describe, expect, it } from 'vitest';
import { CercleError, createClient, type SessionEvent } from '@cercle/client';
import { demoCommunities } from '@cercle/client/demo';
import { encodePng } from '../src/images.js';
import { serveMock } from './helpers.js';

const BASE = 'http://client.cercle.test';
const { store } = serveMock({ baseUrl: BASE, hostKey: 'host-secret' });
const client = createClient({ baseUrl: BASE, retryDelayMs: 1 });
const consent = { version: demoCommunities[0]!.consentVersion, accepted: true as const };

/** The rejection of `promise`, which must reject with a CercleError. */
async function failure(promise: Promise<unknown>): Promise<CercleError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CercleError);
  return error as CercleError;
}

describe('createClient against @cercle/mock', () => {
  it('joins, reads me and the export, lists as host, and leaves', async () => {
    const community = await client.getCommunity('maison-verte');
    expect(community).toMatchObject({ name: 'Maison Verte', memberCount: 120, joinState: 'open' });

    const joined = await client.join('maison-verte', { displayName: 'Alice', consent });
    expect(joined.waitlisted).toBe(false);
    const { token } = joined;

    const me = await client.me('maison-verte', { token });
    expect(me.member.displayName).toBe('Alice');
    expect(me.invites.map((i) => i.kind)).toEqual(['discord', 'telegram']);
    expect((await client.exportMe('maison-verte', { token })).member.consent.version).toBe(
      consent.version,
    );

    const list = await client.listMembers('maison-verte', { hostKey: 'host-secret' });
    expect(list.members.at(-1)?.id).toBe(joined.member.id);

    await client.leave('maison-verte', { token });
    const after = await failure(client.me('maison-verte', { token }));
    expect(after).toMatchObject({ kind: 'http', status: 401, code: 'unauthorized' });
    expect((await client.getCommunity('maison-verte')).memberCount).toBe(120);
  });

  it('reports waitlisting as such', async () => {
    const fournil = demoCommunities.find((c) => c.slug === 'le-fournil')!;
    const joined = await client.join('le-fournil', {
      displayName: 'Ben',
      consent: { version: fournil.consentVersion, accepted: true },
    });
    expect(joined.waitlisted).toBe(true);
    expect(joined.member.waitlistPosition).toBe(1);
  });

  it('turns validation failures into field issues and a wrong host key into unauthorized', async () => {
    const invalid = await failure(
      client.join('maison-verte', {
        displayName: ' ',
        consent: { version: consent.version, accepted: false as true },
      }),
    );
    expect(invalid).toMatchObject({ kind: 'http', status: 400, code: 'validation_failed' });
    expect(invalid.fieldIssues.map((i) => i.path)).toEqual(['displayName', 'consent.accepted']);

    const host = await failure(client.listMembers('maison-verte', { hostKey: 'guess' }));
    expect(host.code).toBe('unauthorized');
    const missing = await failure(client.getCommunity('nowhere'));
    expect(missing).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('sends an Idempotency-Key the mock replays', async () => {
    const body = { displayName: 'Eve', consent };
    const first = await client.join('maison-verte', body, { idempotencyKey: 'same-key' });
    const again = await client.join('maison-verte', body, { idempotencyKey: 'same-key' });
    expect(again.token).toBe(first.token);
    expect((await client.getCommunity('maison-verte')).memberCount).toBe(121);
  });
});

describe('the live part through createClient', () => {
  const C = 'maison-verte';
  const S = 'dimanche-live';

  it('lists, asks, votes and follows the session stream, as the widgets do', async () => {
    const { token } = await client.join(C, { displayName: 'Lou', consent });
    const page = await client.listQuestions(C, S, { token, limit: 5 });
    expect(page.questions).toHaveLength(5);
    expect(page.nextCursor).not.toBeNull();
    const rest = await client.listQuestions(C, S, { cursor: page.nextCursor!, token });
    expect(page.questions.length + rest.questions.length).toBe(
      (await client.getSession(C, S)).questionCount,
    );

    const events: SessionEvent[] = [];
    const states: string[] = [];
    const sub = client.subscribe(C, S, {
      lastEventId: page.lastEventId,
      onEvent: (e) => events.push(e),
      onState: (s) => states.push(s),
    });
    await expect.poll(() => states.at(-1)).toBe('open');

    const asked = await client.ask(C, S, { text: 'Par le client ?' }, { token });
    expect(asked).toMatchObject({ mine: true, author: 'Lou' });
    expect(await client.vote(C, S, asked.id, { token })).toEqual({
      questionId: asked.id,
      votes: 1,
      votedByMe: true,
    });
    await expect
      .poll(() => events.map((e) => e.type))
      .toEqual(['question.created', 'question.updated']);
    expect(events[1]).toMatchObject({ question: { id: asked.id, votes: 1, votedByMe: false } });
    expect(sub.lastEventId).toBe('2');
    expect(store.subscriberCount(C, S)).toBe(1);
    sub.close();
    // The client aborts its request: the mock drops the subscription.
    await expect.poll(() => store.subscriberCount(C, S)).toBe(0);
  });

  it('gives the host every question on the host stream, and host calls through request()', async () => {
    const hostKey = 'host-secret';
    const params = { community: C, session: S };
    await client.request('updateSession', { params, body: { moderation: 'pre' }, hostKey });
    const events: SessionEvent[] = [];
    const sub = client.subscribe(C, S, { hostKey, onEvent: (e) => events.push(e) });
    const { token } = await client.join(C, { displayName: 'Max', consent });
    const asked = await client.ask(C, S, { text: 'À approuver', anonymous: true }, { token });
    expect(asked.state).toBe('pending');
    await expect.poll(() => events.length).toBe(1);
    expect(events[0]).toMatchObject({
      type: 'question.created',
      question: { id: asked.id, state: 'pending', author: 'Max' },
    });

    const { data } = await client.request('updateQuestion', {
      params: { ...params, question: asked.id },
      body: { state: 'open', pinned: true },
      hostKey,
    });
    expect(data).toMatchObject({ state: 'open', pinned: true });
    const receipt = await client.report(C, {
      target: { kind: 'question', id: asked.id },
      reason: 'other',
    });
    const reports = await client.request('listReports', { params: { community: C }, hostKey });
    expect(reports.data.reports.map((r) => r.id)).toEqual([receipt.id]);
    sub.close();

    const refused = await failure(client.request('hostQuestions', { params, hostKey: 'guess' }));
    expect(refused).toMatchObject({ status: 401, code: 'unauthorized' });
  });
});

describe('the wall and offers through createClient', () => {
  const C = 'maison-verte';
  const hostKey = 'host-secret';

  it('uploads a photo as a Blob, submits, gets approved by the host, withdraws', async () => {
    const { token } = await client.join(C, { displayName: 'Zoé', consent });
    const page = await client.listTestimonials(C, { limit: 5, minRating: 4, tag: 'plats' });
    expect(page.testimonials.length).toBeGreaterThan(0);
    expect(page.testimonials.every((t) => t.rating >= 4 && t.tags.includes('plats'))).toBe(true);

    const png = await encodePng(3, 2, () => [10, 200, 90]);
    const photo = await client.uploadPhoto(C, new Blob([png as BlobPart], { type: 'image/png' }), {
      token,
    });
    expect(photo).toMatchObject({ contentType: 'image/png', width: 3, height: 2 });
    const wrong = await failure(
      client.uploadPhoto(C, new Blob(['#!/bin/sh'], { type: 'image/png' }), { token }),
    );
    expect(wrong).toMatchObject({ status: 415, code: 'unsupported_media_type' });

    const own = await client.submitTestimonial(
      C,
      {
        rating: 4,
        text: 'Très bon live.',
        photo: { id: photo.id, alt: 'Un bol vert' },
        consent: { version: consent.version, publishName: true, publishPhoto: true },
      },
      { token },
    );
    expect(own.state).toBe('pending');
    const { data } = await client.request('moderateTestimonial', {
      params: { community: C, testimonial: own.id },
      body: { state: 'approved' },
      hostKey,
    });
    expect(data.state).toBe('approved');
    expect((await client.listTestimonials(C, { limit: 1 })).testimonials[0]?.id).toBe(own.id);
    expect((await client.myTestimonials(C, { token })).testimonials[0]?.state).toBe('approved');
    await expect(client.withdrawTestimonial(C, own.id, { token })).resolves.toBeUndefined();
    expect((await client.myTestimonials(C, { token })).testimonials).toEqual([]);
  });

  it('reveals and copies a code, and the host sees it in the funnel', async () => {
    const before = await client.getOffer(C, 'bienvenue-10');
    expect(before).toMatchObject({ status: 'active', revealedByMe: false });
    const { token } = await client.join(C, { displayName: 'Yan', consent });
    const revealed = await client.revealOffer(C, 'bienvenue-10', { token });
    expect((await client.revealOffer(C, 'bienvenue-10', { token })).code).toBe(revealed.code);
    expect((await client.getOffer(C, 'bienvenue-10', { token })).revealedByMe).toBe(true);
    await expect(client.copyOffer(C, 'bienvenue-10', { token })).resolves.toBeUndefined();
    const params = { community: C, offer: 'bienvenue-10' };
    const order = { code: revealed.code, orderId: 'O-1', amount: 30, currency: 'EUR' };
    const sale = await client.request('reportRedemption', { params, body: order, hostKey });
    expect(sale.status).toBe(201);
    const { data } = await client.request('offerFunnel', { params, hostKey });
    expect(data).toMatchObject({ reveals: 1, copies: 1, redemptions: 1 });
    expect(data.revenue).toEqual([{ currency: 'EUR', amount: 30 }]);

    const past = new Date(Date.now() - 1000).toISOString();
    await client.request('putOffer', {
      params: { community: C, offer: 'fini' },
      body: {
        title: 'Fini',
        benefit: '-5 %',
        conditions: '',
        expiresAt: past,
        disclosure: 'publicite',
        kind: 'shared',
        sharedCode: 'FINI-5',
      },
      hostKey,
    });
    const expired = await failure(client.revealOffer(C, 'fini', { token }));
    expect(expired).toMatchObject({ status: 410, code: 'offer_expired' });
  });
});
