/**
 * The testimonials of `FakeApi` (`api.wall`): an in-memory wall that answers like the
 * contract (cursor pages, the aggregate, pre-moderation, 413 / 415 on bad photos, 401 / 403
 * for visitors and waitlisted members), with controls for tests: `seed` approved
 * testimonials, `approve` / `reject` / `set` any of them, `moderation = 'post'`. Every call goes through
 * the FakeApi's log, so `api.fail('listTestimonials', …)` and `api.hold(…)` work.
 */
import type { CercleApi } from '@cercle/client';
import {
  PHOTO_MAX_BYTES,
  PHOTO_TYPES,
  TESTIMONIAL_MAX,
  type Disclosure,
  type ImageFlag,
  type Moderation,
  type OwnTestimonial,
  type Photo,
  type PhotoUpload,
  type Testimonial,
  type TestimonialRequest,
} from '@cercle/client/contract';
import { demoReviewPolicyUrl } from '@cercle/client/demo';
import { httpError, type FakeHooks } from './fake-api.js';

type Wall = Pick<
  CercleApi,
  | 'listTestimonials'
  | 'uploadPhoto'
  | 'submitTestimonial'
  | 'myTestimonials'
  | 'withdrawTestimonial'
>;

/** What a seeded testimonial may set; the rest gets varied defaults. */
export interface SeedOptions {
  community?: string;
  rating?: number;
  text?: string;
  displayName?: string | null;
  verified?: boolean;
  tags?: string[];
  disclosure?: Disclosure;
  imageFlags?: ImageFlag[];
  /** `true` for a generated 4:3 photo. */
  photo?: boolean | Photo;
  experiencedAt?: string | null;
}

const DAY = 86_400_000;
const NAMES = ['Camille', 'Nina', 'Jules', 'Inès', 'Malik', 'Sacha', 'Zoé', 'Ana', 'Léo', 'Lou'];

/** A flat image the browser can draw without a network: an SVG data URL of that size. */
export const fakePhotoUrl = (width: number, height: number, hue = 140): string =>
  `data:image/svg+xml,${encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="hsl(${hue} 45% 55%)"/><circle cx="50%" cy="50%" r="${Math.min(width, height) / 4}" fill="hsl(${hue} 60% 85%)"/></svg>`,
  )}`;

interface Stored {
  t: OwnTestimonial;
  /** The author's token, for their own list and withdrawal (`undefined` for seeded ones). */
  token: string | undefined;
}

export class FakeWall implements Wall {
  /** Every testimonial in every state, newest submitted last. */
  readonly stored: Stored[] = [];
  readonly photos = new Map<string, PhotoUpload>();
  moderation: Moderation = 'pre';
  reviewPolicyUrl = demoReviewPolicyUrl;
  #seq = 0;
  #now = Date.now();

  constructor(readonly hooks: FakeHooks) {}

  /** Adds `n` approved testimonials, published one day apart (the first is the newest). */
  seed(n: number, options: SeedOptions | ((i: number) => SeedOptions) = {}): Testimonial[] {
    const made: Testimonial[] = [];
    for (let i = 0; i < n; i++) {
      const o = typeof options === 'function' ? options(i) : options;
      const id = `t_${++this.#seq}`;
      const published = this.#now - this.#seq * DAY;
      const width = 800;
      const height = 600;
      const photo =
        o.photo === true
          ? {
              url: fakePhotoUrl(width, height, (this.#seq * 47) % 360),
              alt: 'A dish',
              width,
              height,
            }
          : o.photo || null;
      const t: OwnTestimonial = {
        id,
        community: o.community ?? 'maison-verte',
        author: {
          displayName: o.displayName === undefined ? NAMES[i % NAMES.length]! : o.displayName,
          memberSince: new Date(published - 200 * DAY).toISOString(),
          verified: o.verified ?? true,
        },
        rating: o.rating ?? [5, 4, 5, 3, 4][i % 5]!,
        text: o.text ?? `Testimonial number ${this.#seq}: the recipes work.`,
        photo,
        tags: o.tags ?? [],
        experiencedAt:
          o.experiencedAt === undefined
            ? new Date(published - 3 * DAY).toISOString().slice(0, 10)
            : o.experiencedAt,
        publishedAt: new Date(published).toISOString(),
        disclosure: o.disclosure ?? 'none',
        imageFlags: o.imageFlags ?? [],
        state: 'approved',
        statement: null,
        consent: {
          version: '2026-11-01',
          publishName: o.displayName !== null,
          publishPhoto: !!photo,
          acceptedAt: new Date(published - DAY).toISOString(),
        },
        submittedAt: new Date(published - DAY).toISOString(),
      };
      this.stored.push({ t, token: undefined });
      made.push(this.#public(t));
    }
    return made;
  }

  get(id: string): OwnTestimonial | undefined {
    return this.stored.find((s) => s.t.id === id)?.t;
  }

  /** Changes a testimonial in place (the next page the widget loads shows it). */
  set(id: string, patch: Partial<OwnTestimonial>): void {
    const s = this.stored.find((x) => x.t.id === id);
    if (!s) throw new Error(`no testimonial ${id}`);
    s.t = { ...s.t, ...patch };
  }

  approve(id: string): void {
    this.set(id, { state: 'approved', statement: null, publishedAt: new Date().toISOString() });
  }

  reject(id: string, statement: string): void {
    this.set(id, { state: 'rejected', statement, publishedAt: null });
  }

  #public(t: OwnTestimonial): Testimonial {
    const { state: _s, statement: _st, consent: _c, submittedAt: _at, ...rest } = t;
    return structuredClone(rest);
  }

  listTestimonials: Wall['listTestimonials'] = async (community, options = {}) => {
    const { signal, ...query } = options;
    await this.hooks.enter({ op: 'listTestimonials', community, options: { ...query } }, signal);
    this.hooks.community(community);
    const limit = query.limit ?? 12;
    if (!Number.isInteger(limit) || limit < 1 || limit > 50) {
      throw httpError(400, 'validation_failed', {
        details: [{ path: 'limit', message: 'limit is a number from 1 to 50' }],
      });
    }
    const tagged = this.stored
      .map((s) => s.t)
      .filter(
        (t) =>
          t.community === community &&
          t.state === 'approved' &&
          (!query.tag || t.tags.includes(query.tag)),
      );
    const shown = tagged
      .filter((t) => !query.minRating || t.rating >= query.minRating)
      .sort(
        (a, b) =>
          (query.sort === 'rating' ? b.rating - a.rating : 0) ||
          (b.publishedAt ?? '').localeCompare(a.publishedAt ?? ''),
      );
    const start = query.cursor ? Number(query.cursor) : 0;
    const page = shown.slice(start, start + limit);
    const sum = tagged.reduce((n, t) => n + t.rating, 0);
    return {
      testimonials: page.map((t) => this.#public(t)),
      nextCursor: start + limit < shown.length ? String(start + limit) : null,
      aggregate: {
        count: tagged.length,
        average: tagged.length ? Math.round((sum / tagged.length) * 10) / 10 : 0,
      },
      reviewPolicyUrl: this.reviewPolicyUrl,
    };
  };

  uploadPhoto: Wall['uploadPhoto'] = async (community, photo, options) => {
    const call = { op: 'uploadPhoto' as const, community, token: options.token };
    await this.hooks.enter(
      options.idempotencyKey ? { ...call, idempotencyKey: options.idempotencyKey } : call,
      options.signal,
    );
    this.hooks.activeMember(community, options.token);
    if (photo.size > PHOTO_MAX_BYTES) throw httpError(413, 'payload_too_large');
    const type = photo.type as (typeof PHOTO_TYPES)[number];
    if (!PHOTO_TYPES.includes(type)) throw httpError(415, 'unsupported_media_type');
    let width = 800;
    let height = 600;
    try {
      const bitmap = await createImageBitmap(photo);
      width = bitmap.width;
      height = bitmap.height;
      bitmap.close();
    } catch {
      throw httpError(415, 'unsupported_media_type');
    }
    const upload: PhotoUpload = {
      id: `ph_${this.photos.size + 1}`,
      url: URL.createObjectURL(photo),
      width,
      height,
      contentType: type,
      bytes: photo.size,
    };
    this.photos.set(upload.id, upload);
    return upload;
  };

  submitTestimonial: Wall['submitTestimonial'] = async (community, body, options) => {
    const call = { op: 'submitTestimonial' as const, community, body, token: options.token };
    await this.hooks.enter(
      options.idempotencyKey ? { ...call, idempotencyKey: options.idempotencyKey } : call,
      options.signal,
    );
    const m = this.hooks.activeMember(community, options.token);
    const issues = this.#check(body);
    if (issues.length) throw httpError(400, 'validation_failed', { details: issues });
    const upload = body.photo ? this.photos.get(body.photo.id) : undefined;
    const now = new Date().toISOString();
    const approved = this.moderation === 'post';
    const t: OwnTestimonial = {
      id: `t_${++this.#seq}`,
      community,
      author: {
        displayName: body.consent.publishName ? m.member.displayName : null,
        memberSince: m.member.joinedAt,
        verified: true,
      },
      rating: body.rating,
      text: body.text.trim(),
      photo:
        upload && body.photo && body.consent.publishPhoto
          ? {
              url: upload.url,
              alt: body.photo.alt.trim(),
              width: upload.width,
              height: upload.height,
            }
          : null,
      tags: body.tags ?? [],
      experiencedAt: body.experiencedAt ?? null,
      publishedAt: approved ? now : null,
      disclosure: 'none',
      imageFlags: [],
      state: approved ? 'approved' : 'pending',
      statement: null,
      consent: {
        version: body.consent.version,
        publishName: body.consent.publishName,
        publishPhoto: body.consent.publishPhoto,
        acceptedAt: now,
      },
      submittedAt: now,
    };
    this.stored.push({ t, token: options.token });
    return structuredClone(t);
  };

  #check(body: TestimonialRequest): { path: string; message: string }[] {
    const issues: { path: string; message: string }[] = [];
    if (!Number.isInteger(body.rating) || body.rating < 1 || body.rating > 5) {
      issues.push({ path: 'rating', message: 'rating is a number from 1 to 5' });
    }
    const text = typeof body.text === 'string' ? body.text.trim() : '';
    if (!text) issues.push({ path: 'text', message: 'the testimonial is empty' });
    if (text.length > TESTIMONIAL_MAX) {
      issues.push({
        path: 'text',
        message: `a testimonial is at most ${TESTIMONIAL_MAX} characters`,
      });
    }
    if (body.photo && !this.photos.has(body.photo.id)) {
      issues.push({ path: 'photo.id', message: 'no such photo' });
    }
    if (body.photo && !body.photo.alt.trim()) {
      issues.push({
        path: 'photo.alt',
        message: 'describe the photo for people who cannot see it',
      });
    }
    return issues;
  }

  myTestimonials: Wall['myTestimonials'] = async (community, options) => {
    await this.hooks.enter(
      { op: 'myTestimonials', community, token: options.token },
      options.signal,
    );
    this.hooks.member(community, options.token);
    const mine = this.stored
      .filter((s) => s.token === options.token && s.t.community === community)
      .map((s) => structuredClone(s.t))
      .reverse();
    return { testimonials: mine };
  };

  withdrawTestimonial: Wall['withdrawTestimonial'] = async (community, testimonial, options) => {
    await this.hooks.enter(
      { op: 'withdrawTestimonial', community, target: testimonial, token: options.token },
      options.signal,
    );
    this.hooks.member(community, options.token);
    const i = this.stored.findIndex(
      (s) => s.t.id === testimonial && s.token === options.token && s.t.community === community,
    );
    if (i < 0) throw httpError(404, 'not_found');
    this.stored.splice(i, 1);
  };
}
