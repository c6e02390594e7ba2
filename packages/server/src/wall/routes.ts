/** The testimonial wall's routes: the list, submission, photos, moderation. */
import { routes } from '@cercle/client';
import type { Handlers, RouteContext } from '../core/context.js';
import { ApiError } from '../core/errors.js';
import {
  checkTestimonial,
  getPhoto,
  hostTestimonials,
  listTestimonials,
  moderateTestimonial,
  myTestimonials,
  storePhoto,
  submitTestimonial,
  updateWallSettings,
  withdrawTestimonial,
} from './rules.js';

type WallRoute =
  | 'listTestimonials'
  | 'submitTestimonial'
  | 'myTestimonials'
  | 'withdrawTestimonial'
  | 'uploadPhoto'
  | 'getPhoto'
  | 'hostTestimonials'
  | 'moderateTestimonial'
  | 'wallSettings';

/** Photos are served as immutable files that only an `<img>` may use, from any site. */
const PHOTO_HEADERS = {
  'Content-Security-Policy': "default-src 'none'; sandbox",
  'Cache-Control': 'public, max-age=31536000, immutable',
  'Cross-Origin-Resource-Policy': 'cross-origin',
  'X-Content-Type-Options': 'nosniff',
} as const;

export function wallHandlers(ctx: RouteContext): Handlers<WallRoute> {
  const { store, now } = ctx;

  return {
    listTestimonials: async (c) => {
      const community = await ctx.requireCommunity(c);
      const query = ctx.readQuery(c, routes.listTestimonials.query);
      return c.json(await listTestimonials(store, community, query, ctx.apiBase(c)));
    },

    submitTestimonial: async (c) => {
      const community = await ctx.requireCommunity(c);
      const member = ctx.requireActive(await ctx.requireMember(c, community, null), 'testimonials');
      const key = ctx.idempotencyKey(c);
      const input = await ctx.readBody(c, routes.submitTestimonial.body);
      // Checked before the rate limit: a request refused for its content does not count.
      checkTestimonial(community, input, now());
      await ctx.limit('submit', member.token_hash);
      return ctx.answer(
        c,
        await submitTestimonial(store, community, member, input, now(), key, ctx.apiBase(c)),
      );
    },

    myTestimonials: async (c) => {
      const community = await ctx.requireCommunity(c);
      const member = await ctx.requireMember(c, community);
      return c.json(await myTestimonials(store, member, ctx.apiBase(c)));
    },

    withdrawTestimonial: async (c) => {
      const community = await ctx.requireCommunity(c);
      const member = await ctx.requireMember(c, community);
      await withdrawTestimonial(store, community, member, c.req.param('testimonial') ?? '');
      await store.afterErase();
      return c.body(null, 204);
    },

    uploadPhoto: async (c) => {
      const community = await ctx.requireCommunity(c);
      const member = ctx.requireActive(await ctx.requireMember(c, community, null), 'testimonials');
      await ctx.limit('upload', member.token_hash);
      const key = ctx.idempotencyKey(c);
      const bytes = await ctx.readBytes(c);
      return ctx.answer(
        c,
        await storePhoto(store, community, member, bytes, now(), key, ctx.apiBase(c)),
      );
    },

    getPhoto: async (c) => {
      const photo = await getPhoto(store, c.req.param('photo') ?? '');
      if (!photo) throw new ApiError('not_found', 'No such photo (it may have been withdrawn).');
      return c.body(new Uint8Array(photo.bytes), 200, {
        ...PHOTO_HEADERS,
        'Content-Type': photo.content_type,
      });
    },

    hostTestimonials: async (c) => {
      const community = await ctx.requireCommunity(c);
      await ctx.requireHost(c, community);
      const query = ctx.readQuery(c, routes.hostTestimonials.query);
      return c.json(await hostTestimonials(store, community, query.state, ctx.apiBase(c)));
    },

    moderateTestimonial: async (c) => {
      const community = await ctx.requireCommunity(c);
      const actor = await ctx.requireHost(c, community);
      const input = await ctx.readBody(c, routes.moderateTestimonial.body);
      const id = c.req.param('testimonial') ?? '';
      return c.json(
        await moderateTestimonial(store, community, id, input, now(), ctx.apiBase(c), actor),
      );
    },

    wallSettings: async (c) => {
      const community = await ctx.requireCommunity(c);
      const actor = await ctx.requireHost(c, community);
      const input = await ctx.readBody(c, routes.wallSettings.body);
      return c.json(await updateWallSettings(store, community, input, actor, now()));
    },
  };
}
