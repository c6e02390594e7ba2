/** The testimonial wall's routes (issue #4): the list, submission, photos, moderation. */
import { PHOTO_MAX_BYTES, routes } from '@cercle/client';
import { readBytes } from './app.js';
import { ApiError, invalid } from './errors.js';
import { photoTooLarge } from './photos.js';
import type { AppContext, Handlers, RouteContext } from './route-context.js';
import { foldWal } from './store.js';
import {
  getPhoto,
  hostTestimonials,
  listTestimonials,
  moderateTestimonial,
  myTestimonials,
  storePhoto,
  submitTestimonial,
  updateWallSettings,
  withdrawTestimonial,
} from './testimonials.js';

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

/** The origin the request came to: photo URLs in answers are absolute. */
const origin = (c: AppContext) => new URL(c.req.url).origin;

export function wallHandlers(context: RouteContext): Handlers<WallRoute> {
  const { db, now, limit, requireCommunity, requireMember, requireActive, requireHost } = context;
  const { readBody, readQuery, idempotencyKey } = context;

  return {
    listTestimonials: (c) => {
      const community = requireCommunity(c);
      const query = readQuery(c, routes.listTestimonials.query);
      return c.json(listTestimonials(db, community, query, origin(c)));
    },

    submitTestimonial: async (c) => {
      const community = requireCommunity(c);
      const member = requireActive(requireMember(c, community, null), 'testimonials');
      const key = idempotencyKey(c);
      const input = await readBody(c, routes.submitTestimonial.body);
      if (input.consent.version !== community.consent_version) {
        throw invalid('The consent text has changed; show the current one and ask again.', [
          {
            path: 'consent.version',
            message: `must be the current consent version "${community.consent_version}"`,
          },
        ]);
      }
      if (input.photo && !input.consent.publishPhoto) {
        throw invalid(
          'A photo is sent only to be published: consent to publish it, or leave it out.',
          [{ path: 'consent.publishPhoto', message: 'must be true when a photo is sent' }],
        );
      }
      limit('submit', member.token_hash);
      const result = submitTestimonial(db, community, member, input, now(), key, origin(c));
      if (result.replayed) c.header('Idempotent-Replayed', 'true');
      return c.json(result.body, result.status);
    },

    myTestimonials: (c) => {
      const community = requireCommunity(c);
      return c.json(myTestimonials(db, requireMember(c, community), origin(c)));
    },

    withdrawTestimonial: (c) => {
      const community = requireCommunity(c);
      const member = requireMember(c, community);
      withdrawTestimonial(db, community, member, c.req.param('testimonial') ?? '');
      foldWal(db);
      return c.body(null, 204);
    },

    uploadPhoto: async (c) => {
      const community = requireCommunity(c);
      const member = requireActive(requireMember(c, community, null), 'testimonials');
      limit('upload', member.token_hash);
      const key = idempotencyKey(c);
      const bytes = await readBytes(c.req.raw.body, PHOTO_MAX_BYTES, photoTooLarge);
      const result = storePhoto(db, community, member, bytes, now(), key, origin(c));
      if (result.replayed) c.header('Idempotent-Replayed', 'true');
      return c.json(result.body, result.status);
    },

    getPhoto: (c) => {
      const photo = getPhoto(db, c.req.param('photo') ?? '');
      if (!photo) throw new ApiError('not_found', 'No such photo (it may have been withdrawn).');
      return c.body(new Uint8Array(photo.bytes), 200, {
        ...PHOTO_HEADERS,
        'Content-Type': photo.content_type,
      });
    },

    hostTestimonials: (c) => {
      const community = requireCommunity(c);
      requireHost(c, community);
      const query = readQuery(c, routes.hostTestimonials.query);
      return c.json(hostTestimonials(db, community, query.state, origin(c)));
    },

    moderateTestimonial: async (c) => {
      const community = requireCommunity(c);
      requireHost(c, community);
      const input = await readBody(c, routes.moderateTestimonial.body);
      const id = c.req.param('testimonial') ?? '';
      return c.json(moderateTestimonial(db, community, id, input, now(), origin(c)));
    },

    wallSettings: async (c) => {
      const community = requireCommunity(c);
      requireHost(c, community);
      const input = await readBody(c, routes.wallSettings.body);
      return c.json(updateWallSettings(db, community, input));
    },
  };
}
