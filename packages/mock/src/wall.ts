/**
 * The mock's testimonial wall: approved testimonials with filters, sort and cursor, the
 * wall's count and average, submission by active members with consent to publish, the
 * author's own list and withdrawal, photo uploads checked by their bytes, and the host's
 * moderation (pre by default) with a statement of reasons the author sees.
 *
 * Testimonials, photo records and settings are plain data (`WallData`), kept in
 * `localStorage` with the rest of the store. The bytes of uploaded photos stay in this
 * page's memory only (a photo uploaded in another tab answers `not_found` here); the
 * seeded photos are drawn on demand, so every tab can serve them.
 */
import {
  PHOTO_MAX_BYTES,
  HostTestimonialQuery,
  TestimonialModeration,
  TestimonialQuery,
  TestimonialRequest,
  WallSettingsUpdate,
} from '@cercle/client/contract';
import { buildPath, routes } from '@cercle/client';
import { demoReviewPolicyUrl, demoTestimonials, type DemoCommunity } from '@cercle/client/demo';
import type {
  Disclosure,
  ImageFlag,
  MemberExport,
  MemberStatus,
  Moderation,
  OwnTestimonial,
  OwnTestimonialList,
  PhotoUpload,
  Testimonial,
  TestimonialConsent,
  TestimonialPage,
  TestimonialSort,
  TestimonialState,
  WallSettings,
} from '@cercle/client';
import { MockApiError } from './errors.js';
import { drawDemoPhoto, sniffImage, type PhotoType } from './images.js';
import { Buckets, parse, type Idempotent, type RateLimit } from './live.js';

export interface StoredPhoto {
  id: string;
  community: string;
  /** The member who uploaded it; `null` for a seeded one. */
  ownerId: string | null;
  contentType: PhotoType;
  width: number;
  height: number;
  bytes: number;
  /** Seeded photos are drawn in this hue on demand; `null` for an upload. */
  hue: number | null;
  /** The testimonial it belongs to, once attached. */
  testimonial: string | null;
}

export interface StoredTestimonial {
  id: string;
  community: string;
  authorId: string | null;
  authorName: string;
  memberSince: string;
  verified: boolean;
  rating: number;
  text: string;
  photo: { id: string; alt: string } | null;
  tags: string[];
  experiencedAt: string | null;
  publishedAt: string | null;
  disclosure: Disclosure;
  imageFlags: ImageFlag[];
  state: TestimonialState;
  statement: string | null;
  consent: TestimonialConsent;
  submittedAt: string;
}

export interface StoredWallSettings {
  community: string;
  moderation: Moderation;
  reviewPolicyUrl: string;
}

/** Everything the wall holds but uploaded photos' bytes, as JSON-safe data. */
export interface WallData {
  settings: StoredWallSettings[];
  testimonials: StoredTestimonial[];
  photos: StoredPhoto[];
}

interface WallMember {
  id: string;
  displayName: string;
  joinedAt: string;
  status: MemberStatus;
}

/** The wall's view of the rest of the store. */
export interface WallContext {
  now(): Date;
  community(slug: string): { def: DemoCommunity; members: readonly WallMember[] };
  /** The member holding `token`, `unauthorized` otherwise. */
  member(slug: string, token: string | undefined): WallMember;
  save(): void;
  randomId(bytes: number): string;
  idempotent: Idempotent;
  limits: WallLimits;
}

export interface WallLimits {
  /** Testimonials submitted per member. */
  submit: RateLimit | false;
  /** Photos uploaded per member (counted before the bytes are checked). */
  upload: RateLimit | false;
}

export const DEFAULT_WALL_LIMITS: WallLimits = {
  submit: { limit: 5, windowMs: 60 * 60 * 1000 },
  upload: { limit: 10, windowMs: 60 * 60 * 1000 },
};

const DAY = 24 * 60 * 60 * 1000;
const DEFAULT_PAGE = 12;

/** The review policy of a community: the demo's for Maison Verte, its privacy policy otherwise. */
const reviewPolicyOf = (def: DemoCommunity) =>
  def.slug === 'maison-verte' ? demoReviewPolicyUrl : def.privacyPolicyUrl;

export function seedWall(
  communities: readonly { def: DemoCommunity; members: readonly WallMember[] }[],
  now: Date,
  randomId: (bytes: number) => string,
): WallData {
  const at = (days: number) => new Date(now.getTime() - days * DAY).toISOString();
  const known = new Map(communities.map((c) => [c.def.slug, c]));
  const photos: StoredPhoto[] = [];
  const testimonials: StoredTestimonial[] = [];
  for (const t of demoTestimonials) {
    const c = known.get(t.community);
    const author = c?.members[t.authorIndex];
    if (!c || !author) continue;
    const id = `t_${randomId(9)}`;
    let photo: StoredTestimonial['photo'] = null;
    if (t.photo) {
      const { hue, width, height, alt } = t.photo;
      const p: StoredPhoto = {
        id: `ph_${randomId(12)}`,
        community: t.community,
        ownerId: author.id,
        contentType: 'image/png',
        width,
        height,
        bytes: 1, // not known until drawn; the upload answer is the only place it shows
        hue,
        testimonial: id,
      };
      photos.push(p);
      photo = { id: p.id, alt };
    }
    const submittedAt = at(t.daysAgo + 1);
    testimonials.push({
      id,
      community: t.community,
      authorId: author.id,
      authorName: author.displayName,
      memberSince: author.joinedAt,
      verified: true,
      rating: t.rating,
      text: t.text,
      photo,
      tags: [...t.tags],
      experiencedAt: at(t.experiencedDaysAgo).slice(0, 10),
      publishedAt: t.state === 'approved' ? at(t.daysAgo) : null,
      disclosure: t.disclosure,
      imageFlags: [...t.imageFlags],
      state: t.state,
      statement: null,
      consent: {
        version: c.def.consentVersion,
        publishName: t.publishName,
        publishPhoto: t.photo !== null,
        acceptedAt: submittedAt,
      },
      submittedAt,
    });
  }
  return {
    settings: communities.map((c) => ({
      community: c.def.slug,
      moderation: 'pre',
      reviewPolicyUrl: reviewPolicyOf(c.def),
    })),
    testimonials,
    photos,
  };
}

export type Wall = ReturnType<typeof createWall>;

/** The wall over `data` (kept by the caller, which persists it). */
export function createWall(ctx: WallContext, initial: WallData) {
  let data = initial;
  /** Photo bytes: uploads as received, seeded ones once drawn. */
  const blobs = new Map<string, Uint8Array>();
  const buckets = {
    submit: ctx.limits.submit ? new Buckets(ctx.limits.submit) : undefined,
    upload: ctx.limits.upload ? new Buckets(ctx.limits.upload) : undefined,
  };

  const limit = (which: keyof typeof buckets, memberId: string) =>
    buckets[which]?.limit(memberId, ctx.now().getTime());

  const invalid = (path: string, message: string) =>
    new MockApiError(400, 'validation_failed', 'Some fields are missing or invalid.', [
      { path, message },
    ]);

  const settingsOf = (community: string): StoredWallSettings => {
    const { def } = ctx.community(community);
    let s = data.settings.find((x) => x.community === community);
    if (!s) {
      s = { community, moderation: 'pre', reviewPolicyUrl: reviewPolicyOf(def) };
      data.settings.push(s);
    }
    return s;
  };

  const find = (community: string, id: string): StoredTestimonial => {
    ctx.community(community);
    const t = data.testimonials.find((x) => x.community === community && x.id === id);
    if (!t) throw new MockApiError(404, 'not_found', `No testimonial "${id}" in "${community}".`);
    return t;
  };

  const active = (community: string, token: string | undefined, what: string): WallMember => {
    const member = ctx.member(community, token);
    if (member.status !== 'active') {
      throw new MockApiError(
        403,
        'forbidden',
        `Only active members can ${what}; you are on the waitlist.`,
      );
    }
    return member;
  };

  const photoUrl = (base: string, id: string) =>
    base + buildPath(routes.getPhoto.path, { photo: id });

  /**
   * A testimonial as the wall shows it: the name and photo only with the author's consent
   * (the author and the host see the name).
   */
  const publicView = (t: StoredTestimonial, base: string, owner = false): Testimonial => {
    const stored = t.photo && data.photos.find((p) => p.id === t.photo?.id);
    return {
      id: t.id,
      community: t.community,
      author: {
        displayName: owner || t.consent.publishName ? t.authorName : null,
        memberSince: t.memberSince,
        verified: t.verified,
      },
      rating: t.rating,
      text: t.text,
      photo:
        t.photo && stored && t.consent.publishPhoto
          ? {
              url: photoUrl(base, stored.id),
              alt: t.photo.alt,
              width: stored.width,
              height: stored.height,
            }
          : null,
      tags: [...t.tags],
      experiencedAt: t.experiencedAt,
      publishedAt: t.publishedAt,
      disclosure: t.disclosure,
      imageFlags: [...t.imageFlags],
    };
  };

  const ownView = (t: StoredTestimonial, base: string): OwnTestimonial => ({
    ...publicView(t, base, true),
    state: t.state,
    statement: t.statement,
    consent: { ...t.consent },
    submittedAt: t.submittedAt,
  });

  const newestFirst = (a: StoredTestimonial, b: StoredTestimonial) =>
    (b.publishedAt ?? '').localeCompare(a.publishedAt ?? '') || b.id.localeCompare(a.id);

  const encodeCursor = (sort: TestimonialSort, offset: number) => btoa(`${sort}:${offset}`);
  const decodeCursor = (cursor: string, sort: TestimonialSort): number => {
    let text = '';
    try {
      text = atob(cursor);
    } catch {
      // reported below
    }
    const match = /^(recent|rating):(\d{1,7})$/.exec(text);
    if (!match || match[1] !== sort) {
      throw new MockApiError(400, 'validation_failed', 'Some fields are missing or invalid.', [
        { path: 'cursor', message: 'not a cursor of this list (use nextCursor as given)' },
      ]);
    }
    return Number(match[2]);
  };

  const deleteTestimonial = (t: StoredTestimonial) => {
    data.testimonials = data.testimonials.filter((x) => x !== t);
    const photoId = t.photo?.id;
    if (photoId !== undefined) {
      data.photos = data.photos.filter((p) => p.id !== photoId);
      blobs.delete(photoId);
    }
  };

  return {
    get data(): WallData {
      return data;
    },

    replace(next: WallData): void {
      data = next;
    },

    list(community: string, query: Record<string, string>, base: string): TestimonialPage {
      const settings = settingsOf(community);
      const q = parse(TestimonialQuery, query);
      const sort = q.sort ?? 'recent';
      const limit = q.limit ?? DEFAULT_PAGE;
      const offset = q.cursor === undefined ? 0 : decodeCursor(q.cursor, sort);
      const wall = data.testimonials.filter(
        (t) =>
          t.community === community &&
          t.state === 'approved' &&
          (q.tag === undefined || t.tags.includes(q.tag)),
      );
      const shown = wall
        .filter((t) => q.minRating === undefined || t.rating >= q.minRating)
        .sort((a, b) => (sort === 'rating' ? b.rating - a.rating : 0) || newestFirst(a, b));
      const page = shown.slice(offset, offset + limit);
      const next = offset + page.length;
      const sum = wall.reduce((n, t) => n + t.rating, 0);
      return {
        testimonials: page.map((t) => publicView(t, base)),
        nextCursor: next < shown.length ? encodeCursor(sort, next) : null,
        aggregate: {
          count: wall.length,
          average: wall.length === 0 ? 0 : Math.round((sum / wall.length) * 10) / 10,
        },
        reviewPolicyUrl: settings.reviewPolicyUrl,
      };
    },

    submit(
      community: string,
      token: string | undefined,
      input: unknown,
      options: { idempotencyKey?: string; base: string },
    ): { body: OwnTestimonial; replayed: boolean } {
      const { def } = ctx.community(community);
      const member = active(community, token, 'post testimonials');
      const body = parse(TestimonialRequest, input);
      return ctx.idempotent(
        `testimonial/${community}`,
        member.id,
        options.idempotencyKey,
        body,
        () => {
          if (body.consent.version !== def.consentVersion) {
            throw new MockApiError(400, 'validation_failed', 'The consent text has changed.', [
              {
                path: 'consent.version',
                message: `must be the current consent version "${def.consentVersion}"`,
              },
            ]);
          }
          const photo =
            body.photo &&
            data.photos.find((p) => p.community === community && p.id === body.photo?.id);
          if (body.photo && (!photo || photo.ownerId !== member.id || photo.testimonial)) {
            throw invalid(
              'photo.id',
              'upload the photo first (each photo goes with one testimonial)',
            );
          }
          if (body.photo && !body.consent.publishPhoto) {
            throw invalid('consent.publishPhoto', 'a photo is sent only to be published');
          }
          if (body.experiencedAt && body.experiencedAt > ctx.now().toISOString().slice(0, 10)) {
            throw invalid('experiencedAt', 'experiencedAt cannot be in the future');
          }
          limit('submit', member.id);
          const at = ctx.now().toISOString();
          const pre = settingsOf(community).moderation === 'pre';
          const t: StoredTestimonial = {
            id: `t_${ctx.randomId(9)}`,
            community,
            authorId: member.id,
            authorName: member.displayName,
            memberSince: member.joinedAt,
            verified: true,
            rating: body.rating,
            text: body.text,
            photo: photo && body.photo ? { id: photo.id, alt: body.photo.alt } : null,
            tags: [...new Set(body.tags ?? [])],
            experiencedAt: body.experiencedAt ?? null,
            publishedAt: pre ? null : at,
            disclosure: 'none',
            imageFlags: [],
            state: pre ? 'pending' : 'approved',
            statement: null,
            consent: { ...body.consent, acceptedAt: at },
            submittedAt: at,
          };
          if (photo) photo.testimonial = t.id;
          data.testimonials.push(t);
          ctx.save();
          return ownView(t, options.base);
        },
      );
    },

    mine(community: string, token: string | undefined, base: string): OwnTestimonialList {
      const member = ctx.member(community, token);
      return {
        testimonials: data.testimonials
          .filter((t) => t.community === community && t.authorId === member.id)
          .sort((a, b) => b.submittedAt.localeCompare(a.submittedAt) || b.id.localeCompare(a.id))
          .map((t) => ownView(t, base)),
      };
    },

    withdraw(community: string, id: string, token: string | undefined): void {
      const member = ctx.member(community, token);
      const t = find(community, id);
      if (t.authorId !== member.id) {
        throw new MockApiError(403, 'forbidden', 'Only its author can withdraw a testimonial.');
      }
      deleteTestimonial(t);
      ctx.save();
    },

    upload(
      community: string,
      token: string | undefined,
      bytes: Uint8Array,
      base: string,
    ): PhotoUpload {
      ctx.community(community);
      const member = active(community, token, 'upload photos');
      limit('upload', member.id);
      if (bytes.length > PHOTO_MAX_BYTES) {
        throw new MockApiError(
          413,
          'payload_too_large',
          `A photo is at most ${PHOTO_MAX_BYTES / 1024 / 1024} MB.`,
        );
      }
      if (bytes.length === 0) {
        throw new MockApiError(400, 'validation_failed', 'The photo is empty.', [
          { path: '', message: 'send the image bytes as the request body' },
        ]);
      }
      const sniffed = sniffImage(bytes);
      if (!sniffed.ok && sniffed.reason === 'unsupported') {
        throw new MockApiError(
          415,
          'unsupported_media_type',
          'This file is not a JPEG, PNG or WebP image.',
        );
      }
      if (!sniffed.ok) {
        throw new MockApiError(400, 'validation_failed', 'The image is truncated or damaged.', [
          { path: '', message: 'the image is incomplete' },
        ]);
      }
      const photo: StoredPhoto = {
        id: `ph_${ctx.randomId(12)}`,
        community,
        ownerId: member.id,
        contentType: sniffed.contentType,
        width: sniffed.width,
        height: sniffed.height,
        bytes: bytes.length,
        hue: null,
        testimonial: null,
      };
      data.photos.push(photo);
      blobs.set(photo.id, bytes.slice());
      ctx.save();
      return {
        id: photo.id,
        url: photoUrl(base, photo.id),
        width: photo.width,
        height: photo.height,
        contentType: photo.contentType,
        bytes: photo.bytes,
      };
    },

    /** A photo's bytes and type; seeded ones are drawn the first time. */
    async photo(id: string): Promise<{ bytes: Uint8Array; contentType: PhotoType }> {
      const p = data.photos.find((x) => x.id === id);
      let bytes = blobs.get(id);
      if (p && !bytes && p.hue !== null) {
        bytes = await drawDemoPhoto(p.hue, p.width, p.height);
        blobs.set(id, bytes);
      }
      if (!p || !bytes) throw new MockApiError(404, 'not_found', `No photo "${id}".`);
      return { bytes, contentType: p.contentType };
    },

    hostList(community: string, query: Record<string, string>, base: string): OwnTestimonialList {
      ctx.community(community);
      const state = parse(HostTestimonialQuery, query).state ?? 'pending';
      return {
        testimonials: data.testimonials
          .filter((t) => t.community === community && t.state === state)
          .sort((a, b) => a.submittedAt.localeCompare(b.submittedAt) || a.id.localeCompare(b.id))
          .map((t) => ownView(t, base)),
      };
    },

    moderate(community: string, id: string, input: unknown, base: string): OwnTestimonial {
      const t = find(community, id);
      const update = parse(TestimonialModeration, input);
      if (update.state === 'approved') {
        t.state = 'approved';
        t.publishedAt ??= ctx.now().toISOString();
        t.statement = null;
      } else if (update.state === 'rejected') {
        t.state = 'rejected';
        t.publishedAt = null;
      }
      if (update.statement !== undefined && update.state !== 'approved') {
        t.statement = update.statement;
      }
      if (update.disclosure !== undefined) t.disclosure = update.disclosure;
      if (update.imageFlags !== undefined) t.imageFlags = [...new Set(update.imageFlags)];
      ctx.save();
      return ownView(t, base);
    },

    settings(community: string, input: unknown): WallSettings {
      const s = settingsOf(community);
      const update = parse(WallSettingsUpdate, input);
      if (update.moderation !== undefined) s.moderation = update.moderation;
      if (update.reviewPolicyUrl !== undefined) s.reviewPolicyUrl = update.reviewPolicyUrl;
      ctx.save();
      return { moderation: s.moderation, reviewPolicyUrl: s.reviewPolicyUrl };
    },

    /** A testimonial's text and whether it is on the wall (for reports); `undefined`: none. */
    lookup(community: string, id: string): { text: string; onWall: boolean } | undefined {
      const t = data.testimonials.find((x) => x.community === community && x.id === id);
      return t && { text: t.text, onWall: t.state === 'approved' };
    },

    /** Takes a reported testimonial off the wall with the host's statement of reasons. */
    remove(community: string, id: string, statement: string): void {
      const t = data.testimonials.find((x) => x.community === community && x.id === id);
      if (!t) return;
      t.state = 'removed';
      t.statement = statement;
    },

    /** What the member's export holds on the wall: every testimonial they wrote. */
    exportOf(community: string, memberId: string, base: string): MemberExport['testimonials'] {
      return data.testimonials
        .filter((t) => t.community === community && t.authorId === memberId)
        .map((t) => {
          const own = ownView(t, base);
          return {
            id: own.id,
            rating: own.rating,
            text: own.text,
            photo: own.photo && { url: own.photo.url, alt: own.photo.alt },
            tags: own.tags,
            experiencedAt: own.experiencedAt,
            state: own.state,
            statement: own.statement,
            consent: own.consent,
            submittedAt: own.submittedAt,
            publishedAt: own.publishedAt,
          };
        });
    },

    /** A member left (erasure): their testimonials and photos are deleted. */
    memberLeft(community: string, memberId: string): void {
      for (const t of data.testimonials.filter(
        (x) => x.community === community && x.authorId === memberId,
      )) {
        deleteTestimonial(t);
      }
      for (const p of data.photos.filter((x) => x.ownerId === memberId)) blobs.delete(p.id);
      data.photos = data.photos.filter((p) => p.ownerId !== memberId);
    },
  };
}
