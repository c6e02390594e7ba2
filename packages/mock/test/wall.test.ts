// The testimonial wall over the mock, through msw's `setupServer` and plain `fetch`.
import { describe, expect, it } from 'vitest';
import { PHOTO_MAX_BYTES, type OwnTestimonial, type Testimonial } from '@cercle/client';
import { demoCommunities, demoReviewPolicyUrl, demoTestimonials } from '@cercle/client/demo';
import { encodePng, sniffImage } from '../src/images.js';
import { conforms, joinAs, serveMock } from './helpers.js';

const BASE = 'http://wall.cercle.test';
const HOST = 'host-secret';
const { call } = serveMock({ baseUrl: BASE, hostKey: HOST });

const C = '/v1/communities/maison-verte';
const consentVersion = demoCommunities[0]!.consentVersion;
const approved = demoTestimonials.filter((t) => t.state === 'approved');

const member = (name?: string, community?: string) => joinAs(call, name, community);

const host = (method: string, path: string, body?: unknown) =>
  call(method, `${C}/host${path}`, { token: HOST, body });

const wall = async (query = ''): Promise<Testimonial[]> => {
  const res = await call('GET', `${C}/testimonials${query}`);
  expect(res.status).toBe(200);
  conforms('listTestimonials', res);
  return res.body.testimonials as Testimonial[];
};

const png = (width = 4, height = 3) => encodePng(width, height, () => [200, 120, 40]);

const upload = (token: string | undefined, bytes: Uint8Array, type = 'image/png') =>
  call('POST', `${C}/photos`, { token, raw: bytes, headers: { 'content-type': type } });

const submit = (token: string, body: Record<string, unknown> = {}) =>
  call('POST', `${C}/testimonials`, {
    token,
    body: {
      rating: 5,
      text: 'Le cercle m’a appris le levain.',
      consent: { version: consentVersion, publishName: true, publishPhoto: true },
      ...body,
    },
  });

describe('the wall', () => {
  it('lists the seeded approved testimonials, newest first, with the count, average and policy', async () => {
    const res = await call('GET', `${C}/testimonials`);
    conforms('listTestimonials', res);
    const mean = approved.reduce((n, t) => n + t.rating, 0) / approved.length;
    expect(res.body.aggregate).toEqual({
      count: approved.length,
      average: Math.round(mean * 10) / 10,
    });
    expect(res.body.reviewPolicyUrl).toBe(demoReviewPolicyUrl);
    const page: Testimonial[] = res.body.testimonials;
    expect(page).toHaveLength(12);
    const dates = page.map((t) => t.publishedAt!);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(page[0]!.text).toBe(approved[0]!.text);
    expect(page.every((t) => t.author.verified)).toBe(true);
  });

  it('pages with the cursor to the end, without repeats', async () => {
    const seen = new Set<string>();
    let cursor: string | null = '';
    while (cursor !== null) {
      const res = await call('GET', `${C}/testimonials?limit=15${cursor && `&cursor=${cursor}`}`);
      conforms('listTestimonials', res);
      for (const t of res.body.testimonials) seen.add(t.id);
      cursor = res.body.nextCursor;
    }
    expect(seen.size).toBe(approved.length);
  });

  it('filters by tag and minimum rating, and sorts by rating', async () => {
    const pain = await wall('?tag=pain&limit=50');
    expect(pain.length).toBe(approved.filter((t) => t.tags.includes('pain')).length);
    expect(pain.every((t) => t.tags.includes('pain'))).toBe(true);

    const res = await call('GET', `${C}/testimonials?minRating=4&limit=50`);
    expect(res.body.testimonials.every((t: Testimonial) => t.rating >= 4)).toBe(true);
    // The aggregate is the wall's: minRating does not change it.
    expect(res.body.aggregate.count).toBe(approved.length);

    const best = await wall('?sort=rating&limit=50');
    const ratings = best.map((t) => t.rating);
    expect(ratings).toEqual([...ratings].sort((a, b) => b - a));
  });

  it('refuses a bad query with validation_failed', async () => {
    for (const query of ['limit=0', 'limit=51', 'minRating=6', 'sort=best', 'tag=Pain', 'x=1']) {
      const res = await call('GET', `${C}/testimonials?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    const cursor = await call('GET', `${C}/testimonials?cursor=nope`);
    expect(cursor.body.error.details[0].path).toBe('cursor');
    expect((await call('GET', '/v1/communities/nope/testimonials')).status).toBe(404);
  });

  it('publishes the name and photo only with consent, and labels the disclosed ones', async () => {
    const all = await wall('?limit=50');
    const anonymous = approved.filter((t) => !t.publishName).length;
    expect(all.filter((t) => t.author.displayName === null)).toHaveLength(anonymous);
    expect(all.filter((t) => t.disclosure === 'collaboration-commerciale').length).toBeGreaterThan(
      0,
    );
    expect(all.some((t) => t.imageFlags.includes('retouchee'))).toBe(true);
    const withPhoto = all.filter((t) => t.photo);
    expect(withPhoto).toHaveLength(approved.filter((t) => t.photo).length);
    expect(withPhoto[0]!.photo!.url.startsWith(`${BASE}/v1/photos/`)).toBe(true);
  });
});

describe('photos', () => {
  it('serves a seeded photo as a PNG of the demo size, with nosniff, a CSP and a long cache', async () => {
    const [t] = (await wall('?limit=50')).filter((x) => x.photo);
    const res = await fetch(t!.photo!.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('cache-control')).toContain('immutable');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(sniffImage(bytes)).toEqual({
      ok: true,
      contentType: 'image/png',
      width: t!.photo!.width,
      height: t!.photo!.height,
    });
    expect((await fetch(`${BASE}/v1/photos/nope`)).status).toBe(404);
  });

  it('takes a PNG, JPEG or WebP upload by its bytes and serves it back', async () => {
    const token = await member();
    const bytes = await png(5, 7);
    const res = await upload(token, bytes);
    expect(res.status).toBe(201);
    conforms('uploadPhoto', res);
    expect(res.body).toMatchObject({
      contentType: 'image/png',
      width: 5,
      height: 7,
      bytes: bytes.length,
    });
    const served = await fetch(res.body.url);
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(bytes);

    // A minimal JPEG (SOF0 with 640 × 480) and a WebP (VP8X, 300 × 200).
    const jpeg = new Uint8Array([
      0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc0, 0, 11, 8, 0x01, 0xe0, 0x02, 0x80, 1, 1, 0x11,
      0, 0xff, 0xd9,
    ]);
    const jpegRes = await upload(token, jpeg, 'image/jpeg');
    expect(jpegRes.body).toMatchObject({ contentType: 'image/jpeg', width: 640, height: 480 });
    const webp = new Uint8Array(30);
    const text = (at: number, s: string) =>
      [...s].forEach((ch, i) => (webp[at + i] = ch.charCodeAt(0)));
    text(0, 'RIFF');
    new DataView(webp.buffer).setUint32(4, 22, true);
    text(8, 'WEBPVP8X');
    webp[16] = 10;
    webp.set([299 & 0xff, 299 >> 8, 0, 199, 0, 0], 24);
    const webpRes = await upload(token, webp, 'image/webp');
    expect(webpRes.body).toMatchObject({ contentType: 'image/webp', width: 300, height: 200 });
  });

  it('refuses a script named .png, a 3 MB file, a truncated image, and visitors', async () => {
    const token = await member();
    const script = new TextEncoder().encode('<script>alert(1)</script>');
    const renamed = await upload(token, script, 'image/png');
    expect(renamed.status).toBe(415);
    expect(renamed.body.error.code).toBe('unsupported_media_type');

    const huge = new Uint8Array(PHOTO_MAX_BYTES + 1);
    huge.set(await png());
    const tooLarge = await upload(token, huge);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error.code).toBe('payload_too_large');

    const whole = await png(40, 40);
    const truncated = await upload(token, whole.slice(0, whole.length - 20));
    expect(truncated.status).toBe(400);
    expect(truncated.body.error).toMatchObject({
      code: 'validation_failed',
      message: expect.stringMatching(/truncated/),
    });

    expect((await upload(token, new Uint8Array())).status).toBe(400);
    expect((await upload(undefined, whole)).status).toBe(401);
    const waitlisted = await member('Wendy', 'le-fournil');
    const forbidden = await call('POST', '/v1/communities/le-fournil/photos', {
      token: waitlisted,
      raw: whole,
      headers: { 'content-type': 'image/png' },
    });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('forbidden');
  });
});

describe('submitting and moderating', () => {
  it('a testimonial with a photo waits for the host, who approves it with labels', async () => {
    const token = await member('Alice');
    const photo = (await upload(token, await png(8, 6))).body;
    const sent = await submit(token, {
      photo: { id: photo.id, alt: 'Une miche dorée' },
      tags: ['pain', 'pain'],
      experiencedAt: '2026-10-04',
    });
    expect(sent.status).toBe(201);
    conforms('submitTestimonial', sent);
    const own: OwnTestimonial = sent.body;
    expect(own).toMatchObject({
      state: 'pending',
      publishedAt: null,
      statement: null,
      tags: ['pain'],
      experiencedAt: '2026-10-04',
      author: { displayName: 'Alice', verified: true },
      photo: { url: photo.url, alt: 'Une miche dorée', width: 8, height: 6 },
      consent: { version: consentVersion, publishName: true, publishPhoto: true },
    });
    expect((await wall('?limit=50')).some((t) => t.id === own.id)).toBe(false);

    const mine = await call('GET', `${C}/testimonials/mine`, { token });
    conforms('myTestimonials', mine);
    expect(mine.body.testimonials.map((t: OwnTestimonial) => t.id)).toEqual([own.id]);

    const queue = await host('GET', '/testimonials');
    conforms('hostTestimonials', queue);
    const pending = demoTestimonials.filter((t) => t.state === 'pending').length;
    expect(queue.body.testimonials).toHaveLength(pending + 1);
    expect(queue.body.testimonials.at(-1).id).toBe(own.id);

    const ok = await host('PATCH', `/testimonials/${own.id}`, {
      state: 'approved',
      disclosure: 'collaboration-commerciale',
      imageFlags: ['retouchee'],
    });
    conforms('moderateTestimonial', ok);
    expect(ok.body).toMatchObject({ state: 'approved', disclosure: 'collaboration-commerciale' });
    const [first] = await wall();
    expect(first).toMatchObject({
      id: own.id,
      disclosure: 'collaboration-commerciale',
      imageFlags: ['retouchee'],
      photo: { url: photo.url },
    });
    expect(first!.publishedAt).not.toBeNull();
  });

  it('a refusal carries the statement of reasons the author sees; none is a validation error', async () => {
    const token = await member();
    const { body } = await submit(token, { rating: 1, text: 'Nul.' });
    const bare = await host('PATCH', `/testimonials/${body.id}`, { state: 'rejected' });
    expect(bare.status).toBe(400);
    expect(bare.body.error.details).toEqual([
      { path: 'statement', message: 'a statement of reasons is required to reject' },
    ]);
    const refused = await host('PATCH', `/testimonials/${body.id}`, {
      state: 'rejected',
      statement: 'Sans rapport avec une expérience vécue.',
    });
    expect(refused.status).toBe(200);
    const mine = await call('GET', `${C}/testimonials/mine`, { token });
    expect(mine.body.testimonials[0]).toMatchObject({
      state: 'rejected',
      statement: 'Sans rapport avec une expérience vécue.',
    });
    const rejected = await host('GET', '/testimonials?state=rejected');
    expect(rejected.body.testimonials.map((t: OwnTestimonial) => t.id)).toEqual([body.id]);
  });

  it('refuses bad submissions: fields, consent version, someone else’s photo, visitors', async () => {
    const alice = await member('Alice');
    const bob = await member('Bob');
    const bad = await submit(alice, { rating: 6, text: '  ', extra: true });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'extra',
      'rating',
      'text',
    ]);
    const stale = await submit(alice, {
      consent: { version: 'old', publishName: true, publishPhoto: false },
    });
    expect(stale.body.error.details[0].path).toBe('consent.version');
    const photo = (await upload(bob, await png())).body;
    const stolen = await submit(alice, { photo: { id: photo.id, alt: 'x' } });
    expect(stolen.status).toBe(400);
    expect(stolen.body.error.details[0].path).toBe('photo.id');
    expect((await call('POST', `${C}/testimonials`, { body: {} })).status).toBe(401);

    const mine = (await upload(alice, await png())).body;
    const unpublished = await submit(alice, {
      photo: { id: mine.id, alt: 'x' },
      consent: { version: consentVersion, publishName: true, publishPhoto: false },
    });
    expect(unpublished.body.error.details[0].path).toBe('consent.publishPhoto');
    const future = await submit(alice, { experiencedAt: '2999-01-01' });
    expect(future.body.error.details[0].path).toBe('experiencedAt');
  });

  it('limits testimonials to 5 an hour per member', async () => {
    const token = await member();
    for (let i = 0; i < 5; i++) expect((await submit(token)).status).toBe(201);
    const sixth = await submit(token);
    expect(sixth.status).toBe(429);
    expect(sixth.body.error.code).toBe('rate_limited');
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('keeps the name from the wall without consent, but shows it to the author; exports it', async () => {
    const token = await member('Discrète');
    const { body } = await submit(token, {
      consent: { version: consentVersion, publishName: false, publishPhoto: false },
    });
    expect(body.author.displayName).toBe('Discrète');
    const exported = await call('GET', `${C}/members/me/export`, { token });
    conforms('exportMe', exported);
    expect(exported.body.testimonials).toEqual([
      expect.objectContaining({ id: body.id, state: 'pending', text: body.text }),
    ]);
  });

  it('shows a testimonial at once when the host turns post-moderation on', async () => {
    const settings = await host('PATCH', '/wall', { moderation: 'post' });
    conforms('wallSettings', settings);
    expect(settings.body).toEqual({ moderation: 'post', reviewPolicyUrl: demoReviewPolicyUrl });
    const token = await member();
    const { body } = await submit(token, {
      consent: { version: consentVersion, publishName: false, publishPhoto: false },
    });
    expect(body.state).toBe('approved');
    const [first] = await wall();
    expect(first).toMatchObject({ id: body.id, author: { displayName: null } });
  });

  it('host routes need the host key', async () => {
    expect((await call('GET', `${C}/host/testimonials`)).status).toBe(401);
    const wrong = await call('PATCH', `${C}/host/wall`, { token: 'nope', body: {} });
    expect(wrong.body.error.code).toBe('unauthorized');
    expect((await host('PATCH', '/testimonials/nope', { state: 'approved' })).status).toBe(404);
  });
});

describe('withdrawal, leaving and reports', () => {
  it('the author withdraws a testimonial: gone from the wall, their list and the photo URL', async () => {
    const token = await member('Alice');
    const other = await member('Bob');
    const photo = (await upload(token, await png())).body;
    const { body } = await submit(token, { photo: { id: photo.id, alt: 'Un pain' } });
    await host('PATCH', `/testimonials/${body.id}`, { state: 'approved' });
    expect((await wall())[0]!.id).toBe(body.id);

    const notMine = await call('DELETE', `${C}/testimonials/${body.id}`, { token: other });
    expect(notMine.status).toBe(403);
    const gone = await call('DELETE', `${C}/testimonials/${body.id}`, { token });
    expect(gone.status).toBe(204);
    expect((await wall()).some((t) => t.id === body.id)).toBe(false);
    expect((await call('GET', `${C}/testimonials/mine`, { token })).body.testimonials).toEqual([]);
    expect((await fetch(photo.url)).status).toBe(404);
    expect((await call('DELETE', `${C}/testimonials/${body.id}`, { token })).status).toBe(404);
  });

  it('leaving erases the member’s testimonials', async () => {
    await host('PATCH', '/wall', { moderation: 'post' });
    const token = await member();
    const { body } = await submit(token);
    await call('DELETE', `${C}/members/me`, { token });
    expect((await wall()).some((t) => t.id === body.id)).toBe(false);
  });

  it('a reported testimonial removed by the host leaves the wall; its author sees why', async () => {
    await host('PATCH', '/wall', { moderation: 'post' });
    const token = await member();
    const { body } = await submit(token, { text: 'Achetez ailleurs : www.example.com' });
    const report = await call('POST', `${C}/reports`, {
      body: { target: { kind: 'testimonial', id: body.id }, reason: 'spam' },
    });
    expect(report.status).toBe(202);
    const reports = await host('GET', '/reports');
    expect(reports.body.reports[0]).toMatchObject({
      target: { kind: 'testimonial', id: body.id },
      targetText: 'Achetez ailleurs : www.example.com',
    });
    const decided = await host('POST', `/reports/${report.body.id}/decision`, {
      action: 'remove',
      statement: 'Publicité pour un autre site.',
    });
    expect(decided.status).toBe(200);
    expect((await wall()).some((t) => t.id === body.id)).toBe(false);
    const mine = await call('GET', `${C}/testimonials/mine`, { token });
    expect(mine.body.testimonials[0]).toMatchObject({
      state: 'removed',
      statement: 'Publicité pour un autre site.',
    });
    const unknown = await call('POST', `${C}/reports`, {
      body: { target: { kind: 'testimonial', id: 'nope' }, reason: 'spam' },
    });
    expect(unknown.status).toBe(404);
  });
});
