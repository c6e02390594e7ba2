/** Photos: uploads checked by their bytes and size, how they are served, attaching one. */
import { PHOTO_MAX_BYTES } from '@cercle/client';
import { discard } from '../http.js';
import {
  equal,
  expectError,
  expectInvalid,
  expectOneOf,
  expectStatus,
  expectUnauthorized,
  ok,
} from '../assert.js';
import type { Context } from '../context.js';
import { encodePng, isPng, PNG_SIGNATURE } from '../png.js';
import { check } from './define.js';

/** Alice's 5×3 PNG. */
const png = (ctx: Context) =>
  ctx.fx.once('alice photo', async () => {
    const alice = await ctx.fx.alice();
    const bytes = encodePng(5, 3);
    const answer = await ctx.fx.upload(alice, bytes);
    return { alice, bytes, answer };
  });

/** A testimonial with Alice's other photo, approved. */
const illustrated = (ctx: Context) =>
  ctx.fx.once('illustrated testimonial', async () => {
    const alice = await ctx.fx.alice();
    const photo = await ctx.fx.photo(alice, encodePng(8, 6));
    const tag = `photo-${ctx.run}`;
    const submitted = await ctx.fx.submit(alice, {
      tags: [tag],
      photo: { id: photo.id, alt: 'A loaf on a board' },
    });
    const testimonial = await ctx.fx.decideTestimonial(alice.community, submitted.id, {
      state: 'approved',
    });
    return { alice, photo, tag, testimonial };
  });

const utf8 = (text: string) => new TextEncoder().encode(text);

export const photoChecks = [
  check(
    'photos.upload.png',
    'a small PNG is taken: 201 with its type, width and height',
    async (ctx) => {
      const photo = expectStatus((await png(ctx)).answer, 201);
      equal(
        [photo.contentType, photo.width, photo.height],
        ['image/png', 5, 3],
        'contentType, width, height',
      );
    },
  ),

  check(
    'photos.get.served',
    'the photo URL serves the image with its type and nosniff',
    async (ctx) => {
      const photo = expectStatus((await png(ctx)).answer, 201);
      const response = await ctx.http.fetchUrl(photo.url);
      const body = new Uint8Array(await response.arrayBuffer());
      equal(response.status, 200, `GET ${photo.url}`);
      equal(response.headers.get('content-type'), photo.contentType, 'Content-Type');
      equal(response.headers.get('x-content-type-options'), 'nosniff', 'X-Content-Type-Options');
      ok(photo.contentType !== 'image/png' || isPng(body), 'the served bytes are not a PNG');
    },
  ),

  check('photos.get.unknown', 'an unknown photo is 404', async (ctx) => {
    expectError(await ctx.call('getPhoto', { photo: `ph_nowhere_${ctx.run}` }), 404, 'not_found');
  }),

  check(
    'photos.upload.not-an-image',
    'bytes that are not an image are 415, whatever the Content-Type',
    async (ctx) => {
      const member = await ctx.fx.pooled('upload');
      const answer = await ctx.fx.upload(member, utf8('alert("not a picture")\n'), 'image/png');
      expectError(answer, 415, 'unsupported_media_type');
    },
  ),

  check('photos.upload.svg', 'an SVG is 415', async (ctx) => {
    const member = await ctx.fx.pooled('upload');
    const svg = utf8(
      '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><script>alert(1)</script></svg>',
    );
    expectError(await ctx.fx.upload(member, svg, 'image/svg+xml'), 415, 'unsupported_media_type');
  }),

  check('photos.upload.truncated', 'a truncated PNG is 400', async (ctx) => {
    const member = await ctx.fx.pooled('upload');
    const whole = encodePng(6, 4);
    const answer = await ctx.fx.upload(member, whole.subarray(0, whole.length - 20));
    expectError(answer, 400, 'validation_failed');
  }),

  check('photos.upload.too-large', 'a photo over 2 MB is 413', async (ctx) => {
    const member = await ctx.fx.pooled('upload');
    const big = new Uint8Array(PHOTO_MAX_BYTES + 1);
    big.set(PNG_SIGNATURE);
    expectError(await ctx.fx.upload(member, big), 413, 'payload_too_large');
  }),

  check('photos.upload.requires-member', 'uploading without a member token is 401', async (ctx) => {
    const main = await ctx.fx.main();
    const answer = await ctx.call(
      'uploadPhoto',
      { community: main.slug },
      { body: encodePng(2, 2), contentType: 'image/png' },
    );
    expectUnauthorized(answer);
  }),

  check('photos.upload.waitlisted', 'a waitlisted member cannot upload (403)', async (ctx) => {
    const waiting = await ctx.fx.waitlisted();
    expectError(await ctx.fx.upload(waiting, encodePng(2, 2)), 403, 'forbidden');
  }),

  check(
    'photos.attach.wall',
    'an approved testimonial shows its photo with alt, width and height',
    async (ctx) => {
      const { photo, tag, testimonial } = await illustrated(ctx);
      const page = expectStatus(
        await ctx.call(
          'listTestimonials',
          { community: testimonial.community },
          { query: { tag } },
        ),
        200,
      );
      const shown = page.testimonials.find((t) => t.id === testimonial.id)?.photo;
      ok(shown, 'the testimonial shows no photo on the wall');
      equal(
        [shown.alt, shown.width, shown.height],
        ['A loaf on a board', 8, 6],
        'alt, width, height',
      );
      const served = await ctx.http.fetchUrl(shown.url);
      await discard(served);
      equal(served.status, 200, `GET ${shown.url}`);
      equal(
        served.headers.get('content-type'),
        photo.contentType,
        'Content-Type of the photo on the wall',
      );
    },
  ),

  check(
    'photos.attach.needs-consent',
    'a photo without consent to publish it is 400 on consent.publishPhoto',
    async (ctx) => {
      const member = await ctx.fx.pooled('upload');
      const photo = await ctx.fx.photo(member, encodePng(2, 2));
      const answer = await ctx.call(
        'submitTestimonial',
        { community: member.community },
        {
          token: member.token,
          json: {
            rating: 5,
            text: 'With a photo, without consent',
            photo: { id: photo.id, alt: 'A cake' },
            consent: await ctx.fx.consent(true, false),
          },
        },
      );
      expectInvalid(answer, 'consent.publishPhoto');
    },
  ),

  check(
    'photos.attach.foreign',
    'a photo someone else uploaded cannot be attached',
    async (ctx) => {
      const alice = await ctx.fx.alice();
      const photo = await ctx.fx.photo(alice, encodePng(3, 2));
      const bob = await ctx.fx.bob();
      ctx.fx.spend(bob, 'submit');
      const answer = await ctx.call(
        'submitTestimonial',
        { community: bob.community },
        {
          token: bob.token,
          json: {
            rating: 5,
            text: 'With Alice’s photo',
            photo: { id: photo.id, alt: 'Not mine' },
            consent: await ctx.fx.consent(true, true),
          },
        },
      );
      expectOneOf(answer, ['validation_failed', 'forbidden', 'not_found']);
    },
  ),

  check('photos.withdraw.gone', 'withdrawing a testimonial deletes its photo', async (ctx) => {
    const alice = await ctx.fx.alice();
    const photo = await ctx.fx.photo(alice, encodePng(4, 4));
    const submitted = await ctx.fx.submit(alice, {
      text: `Withdrawn with its photo (${ctx.run})`,
      photo: { id: photo.id, alt: 'Soup' },
    });
    const params = { community: alice.community, testimonial: submitted.id };
    expectStatus(await ctx.call('withdrawTestimonial', params, { token: alice.token }), 204);
    const response = await ctx.http.fetchUrl(photo.url);
    await discard(response);
    ok(
      response.status === 404 || response.status === 410,
      `GET ${photo.url} answered ${response.status} after the withdrawal`,
    );
  }),
];
