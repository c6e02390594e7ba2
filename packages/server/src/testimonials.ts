/**
 * The testimonial wall over SQLite: photos, submission, the approved list with its cursor and
 * aggregate, the author's own list, withdrawal, host moderation, settings, export and erasure.
 *
 * Text is stored and returned as the member wrote it: no escaping or stripping here, the
 * widget renders it as text. Photo URLs are absolute, built from the origin the request came
 * to (`origin`), so a wall on the brand's site can show them.
 */
import type {
  MemberExport,
  OwnTestimonial,
  OwnTestimonialList,
  PhotoUpload,
  Testimonial,
  TestimonialPage,
  TestimonialSort,
  TestimonialState,
  WallSettings,
} from '@cercle/client';
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from './db.js';
import { ApiError, invalid } from './errors.js';
import { inspectImage, stripMetadata, type PhotoType } from './photos.js';
import { sql } from './sql.js';
import { idempotent, type CommunityRow, type IdempotentAnswer, type MemberRow } from './store.js';

export interface TestimonialRow {
  seq: number;
  id: string;
  community: string;
  member_id: string | null;
  author: string;
  member_since: string;
  verified: 0 | 1;
  rating: number;
  text: string;
  photo_id: string | null;
  photo_alt: string | null;
  tags: string;
  experienced_at: string | null;
  state: TestimonialState;
  statement: string | null;
  disclosure: Testimonial['disclosure'];
  image_flags: string;
  consent_version: string;
  publish_name: 0 | 1;
  publish_photo: 0 | 1;
  consent_at: string;
  submitted_at: string;
  published_at: string | null;
  /** From the photo's row (joined). */
  photo_width: number | null;
  photo_height: number | null;
}

/** Unattached photos older than this are deleted (lazily, on the next upload). */
export const UNATTACHED_PHOTO_TTL_MS = 24 * 60 * 60 * 1000;

const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('base64url')}`;

const SELECT = `SELECT t.*, p.width AS photo_width, p.height AS photo_height
  FROM testimonials t LEFT JOIN photos p ON p.id = t.photo_id`;

export const photoUrl = (origin: string, id: string): string => `${origin}/v1/photos/${id}`;

// Views ------------------------------------------------------------------------------------

/** The public view; `own` is the author's and host's view (the name and photo always shown). */
function view(row: TestimonialRow, origin: string, own: boolean): Testimonial {
  const showPhoto = row.photo_id !== null && (own || row.publish_photo === 1);
  return {
    id: row.id,
    community: row.community,
    author: {
      displayName: own || row.publish_name === 1 ? row.author : null,
      memberSince: row.member_since,
      verified: row.verified === 1,
    },
    rating: row.rating,
    text: row.text,
    photo:
      showPhoto && row.photo_id !== null
        ? {
            url: photoUrl(origin, row.photo_id),
            alt: row.photo_alt ?? '',
            width: row.photo_width ?? 1,
            height: row.photo_height ?? 1,
          }
        : null,
    tags: JSON.parse(row.tags) as string[],
    experiencedAt: row.experienced_at,
    publishedAt: row.published_at,
    disclosure: row.disclosure,
    imageFlags: JSON.parse(row.image_flags) as Testimonial['imageFlags'],
  };
}

export const publicView = (row: TestimonialRow, origin: string): Testimonial =>
  view(row, origin, false);

export function ownView(row: TestimonialRow, origin: string): OwnTestimonial {
  return {
    ...view(row, origin, true),
    state: row.state,
    statement: row.statement,
    consent: {
      version: row.consent_version,
      publishName: row.publish_name === 1,
      publishPhoto: row.publish_photo === 1,
      acceptedAt: row.consent_at,
    },
    submittedAt: row.submitted_at,
  };
}

const byId = (db: Db, community: string, id: string) =>
  sql(db, `${SELECT} WHERE t.id = ? AND t.community = ?`).get(id, community) as
    TestimonialRow | undefined;

function requireTestimonial(db: Db, community: string, id: string): TestimonialRow {
  const row = byId(db, community, id);
  if (!row) throw new ApiError('not_found', `No testimonial "${id}" here.`);
  return row;
}

// Settings ---------------------------------------------------------------------------------

export function wallSettings(db: Db, community: CommunityRow): WallSettings {
  const row = sql(
    db,
    'SELECT moderation, review_policy_url FROM wall_settings WHERE community = ?',
  ).get(community.slug) as
    { moderation: WallSettings['moderation']; review_policy_url: string | null } | undefined;
  return {
    moderation: row?.moderation ?? 'pre',
    reviewPolicyUrl: row?.review_policy_url ?? community.privacy_policy_url,
  };
}

/** Host: changes the wall's moderation mode or review policy link. */
export function updateWallSettings(
  db: Db,
  community: CommunityRow,
  update: {
    moderation?: WallSettings['moderation'] | undefined;
    reviewPolicyUrl?: string | undefined;
  },
): WallSettings {
  return db
    .transaction(() => {
      const current = wallSettings(db, community);
      sql(
        db,
        `INSERT INTO wall_settings (community, moderation, review_policy_url) VALUES (?, ?, ?)
         ON CONFLICT (community) DO UPDATE SET
           moderation = excluded.moderation, review_policy_url = excluded.review_policy_url`,
      ).run(
        community.slug,
        update.moderation ?? current.moderation,
        update.reviewPolicyUrl ?? current.reviewPolicyUrl,
      );
      return wallSettings(db, community);
    })
    .immediate();
}

// The public list --------------------------------------------------------------------------

type CursorKey = [rating: number, publishedAt: string, seq: number];

function encodeCursor(sort: TestimonialSort, row: TestimonialRow): string {
  const key =
    sort === 'rating' ? [row.rating, row.published_at, row.seq] : [row.published_at, row.seq];
  return Buffer.from(JSON.stringify([sort, ...key]), 'utf8').toString('base64url');
}

function decodeCursor(text: string, sort: TestimonialSort): CursorKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (Array.isArray(parsed) && parsed[0] === sort) {
    const [rating, publishedAt, seq] =
      sort === 'rating' ? parsed.slice(1) : [0, ...parsed.slice(1)];
    if (
      parsed.length === (sort === 'rating' ? 4 : 3) &&
      Number.isInteger(rating) &&
      typeof publishedAt === 'string' &&
      Number.isSafeInteger(seq)
    ) {
      return [rating as number, publishedAt, seq as number];
    }
  }
  throw invalid('This cursor is not one of this list (or not for this sort order).', [
    { path: 'cursor', message: `not a cursor of the "${sort}" order` },
  ]);
}

const ORDER: Record<TestimonialSort, string> = {
  recent: 't.published_at DESC, t.seq DESC',
  rating: 't.rating DESC, t.published_at DESC, t.seq DESC',
};

export interface ListQuery {
  sort?: TestimonialSort | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
  tag?: string | undefined;
  minRating?: number | undefined;
}

/** A page of approved testimonials, with the aggregate of the wall (`tag` applies, `minRating` does not). */
export function listTestimonials(
  db: Db,
  community: CommunityRow,
  query: ListQuery,
  origin: string,
): TestimonialPage {
  const sort = query.sort ?? 'recent';
  const limit = query.limit ?? 12;
  let where = "t.community = ? AND t.state = 'approved'";
  const params: (string | number)[] = [community.slug];
  if (query.tag !== undefined) {
    where += ' AND EXISTS (SELECT 1 FROM json_each(t.tags) WHERE value = ?)';
    params.push(query.tag);
  }
  const aggregate = sql(
    db,
    `SELECT count(*) AS count, avg(t.rating) AS average FROM testimonials t WHERE ${where}`,
  ).get(...params) as { count: number; average: number | null };

  let pageWhere = where;
  const pageParams = [...params];
  if (query.minRating !== undefined) {
    pageWhere += ' AND t.rating >= ?';
    pageParams.push(query.minRating);
  }
  if (query.cursor !== undefined) {
    const [rating, publishedAt, seq] = decodeCursor(query.cursor, sort);
    if (sort === 'rating') {
      pageWhere += ' AND (t.rating, t.published_at, t.seq) < (?, ?, ?)';
      pageParams.push(rating, publishedAt, seq);
    } else {
      pageWhere += ' AND (t.published_at, t.seq) < (?, ?)';
      pageParams.push(publishedAt, seq);
    }
  }
  const rows = sql(db, `${SELECT} WHERE ${pageWhere} ORDER BY ${ORDER[sort]} LIMIT ?`).all(
    ...pageParams,
    limit + 1,
  ) as TestimonialRow[];
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    testimonials: page.map((row) => publicView(row, origin)),
    nextCursor: rows.length > limit && last ? encodeCursor(sort, last) : null,
    aggregate: {
      count: aggregate.count,
      average: aggregate.average === null ? 0 : Math.round(aggregate.average * 10) / 10,
    },
    reviewPolicyUrl: wallSettings(db, community).reviewPolicyUrl,
  };
}

// Photos -----------------------------------------------------------------------------------

/**
 * Stores an uploaded photo under a random id, after checking its bytes and dropping its
 * metadata (see photos.ts); `bytes` in the answer is the size stored.
 * Photos left unattached for 24 h are deleted here, on the next upload.
 */
export function storePhoto(
  db: Db,
  community: CommunityRow,
  member: MemberRow,
  upload: Buffer,
  now: Date,
  idempotencyKey: string | undefined,
  origin: string,
): IdempotentAnswer<201, PhotoUpload> {
  const info = inspectImage(upload);
  const digest = createHash('sha256').update(upload).digest('hex');
  const bytes = stripMetadata(upload, info.contentType);
  return db
    .transaction(() =>
      idempotent(
        db,
        {
          community: community.slug,
          route: 'uploadPhoto',
          key: idempotencyKey,
          request: [member.id, digest],
        },
        now,
        () => {
          sql(
            db,
            `DELETE FROM photos WHERE created_at < ?
             AND NOT EXISTS (SELECT 1 FROM testimonials WHERE photo_id = photos.id)`,
          ).run(new Date(now.getTime() - UNATTACHED_PHOTO_TTL_MS).toISOString());
          const id = insertPhoto(db, community.slug, member.id, bytes, info, now.toISOString());
          return {
            status: 201 as const,
            body: {
              id,
              url: photoUrl(origin, id),
              width: info.width,
              height: info.height,
              contentType: info.contentType,
              bytes: bytes.length,
            },
            memberId: member.id,
          };
        },
      ),
    )
    .immediate();
}

/** Inserts a photo whose bytes were checked; returns its new random id. */
export function insertPhoto(
  db: Db,
  community: string,
  memberId: string | null,
  bytes: Buffer,
  info: { contentType: PhotoType; width: number; height: number },
  at: string,
): string {
  const id = newId('ph');
  sql(
    db,
    `INSERT INTO photos (id, community, member_id, content_type, bytes, width, height, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, community, memberId, info.contentType, bytes, info.width, info.height, at);
  return id;
}

/** A stored photo, unless its testimonial was taken down after a report. */
export const getPhoto = (db: Db, id: string) =>
  sql(
    db,
    `SELECT content_type, bytes FROM photos p WHERE id = ? AND NOT EXISTS
       (SELECT 1 FROM testimonials t WHERE t.photo_id = p.id AND t.state = 'removed')`,
  ).get(id) as { content_type: PhotoType; bytes: Buffer } | undefined;

// Submission and the author's view ---------------------------------------------------------

export interface NewTestimonial {
  rating: number;
  text: string;
  photo?: { id: string; alt: string } | undefined;
  tags?: string[] | undefined;
  experiencedAt?: string | undefined;
  consent: { version: string; publishName: boolean; publishPhoto: boolean };
}

/**
 * An active member submits: `pending` (pre-moderation, the default), or `approved` and
 * published at once when the wall is post-moderated. The photo must be one the member
 * uploaded here and not yet attached. With an Idempotency-Key the first answer is replayed.
 */
export function submitTestimonial(
  db: Db,
  community: CommunityRow,
  member: MemberRow,
  input: NewTestimonial,
  now: Date,
  idempotencyKey: string | undefined,
  origin: string,
): IdempotentAnswer<201, OwnTestimonial> {
  const at = now.toISOString();
  if (input.experiencedAt !== undefined && input.experiencedAt > at.slice(0, 10)) {
    throw invalid('The experience cannot be in the future.', [
      { path: 'experiencedAt', message: 'must be today or earlier' },
    ]);
  }
  return db
    .transaction(() =>
      idempotent(
        db,
        {
          community: community.slug,
          route: 'submitTestimonial',
          key: idempotencyKey,
          request: [member.id, input],
        },
        now,
        () => {
          if (input.photo) {
            const photo = sql(db, 'SELECT community, member_id FROM photos WHERE id = ?').get(
              input.photo.id,
            ) as { community: string; member_id: string | null } | undefined;
            if (!photo || photo.community !== community.slug || photo.member_id !== member.id) {
              throw invalid('This photo is not one you uploaded here; upload it first.', [
                { path: 'photo.id', message: 'no photo of yours has this id' },
              ]);
            }
            if (sql(db, 'SELECT 1 FROM testimonials WHERE photo_id = ?').get(input.photo.id)) {
              throw invalid('This photo is already in another testimonial.', [
                { path: 'photo.id', message: 'already attached to a testimonial' },
              ]);
            }
          }
          const approved = wallSettings(db, community).moderation === 'post';
          const id = newId('t');
          sql(
            db,
            `INSERT INTO testimonials (id, community, member_id, author, member_since, verified,
               rating, text, photo_id, photo_alt, tags, experienced_at, state, consent_version,
               publish_name, publish_photo, consent_at, submitted_at, published_at)
             VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          ).run(
            id,
            community.slug,
            member.id,
            member.display_name,
            member.joined_at,
            input.rating,
            input.text,
            input.photo?.id ?? null,
            input.photo?.alt ?? null,
            JSON.stringify([...new Set(input.tags ?? [])]),
            input.experiencedAt ?? null,
            approved ? 'approved' : 'pending',
            input.consent.version,
            input.consent.publishName ? 1 : 0,
            input.consent.publishPhoto ? 1 : 0,
            at,
            at,
            approved ? at : null,
          );
          return {
            status: 201 as const,
            body: ownView(requireTestimonial(db, community.slug, id), origin),
            memberId: member.id,
          };
        },
      ),
    )
    .immediate();
}

/** The member's own testimonials in every state, newest first. */
export function myTestimonials(db: Db, member: MemberRow, origin: string): OwnTestimonialList {
  const rows = sql(db, `${SELECT} WHERE t.member_id = ? ORDER BY t.seq DESC`).all(
    member.id,
  ) as TestimonialRow[];
  return { testimonials: rows.map((row) => ownView(row, origin)) };
}

/** The author withdraws a testimonial: the row and its photo are deleted. */
export function withdrawTestimonial(
  db: Db,
  community: CommunityRow,
  member: MemberRow,
  id: string,
): void {
  db.transaction(() => {
    const row = requireTestimonial(db, community.slug, id);
    if (row.member_id !== member.id) {
      throw new ApiError('forbidden', 'Only its author can withdraw a testimonial.');
    }
    sql(db, 'DELETE FROM testimonials WHERE seq = ?').run(row.seq);
    if (row.photo_id !== null) sql(db, 'DELETE FROM photos WHERE id = ?').run(row.photo_id);
  }).immediate();
}

// Host -------------------------------------------------------------------------------------

/** Host: the testimonials in one state (default `pending`), oldest first: a queue. */
export function hostTestimonials(
  db: Db,
  community: CommunityRow,
  state: TestimonialState | undefined,
  origin: string,
): OwnTestimonialList {
  const rows = sql(db, `${SELECT} WHERE t.community = ? AND t.state = ? ORDER BY t.seq`).all(
    community.slug,
    state ?? 'pending',
  ) as TestimonialRow[];
  return { testimonials: rows.map((row) => ownView(row, origin)) };
}

export interface ModerationInput {
  state?: 'approved' | 'rejected' | undefined;
  statement?: string | undefined;
  disclosure?: Testimonial['disclosure'] | undefined;
  imageFlags?: Testimonial['imageFlags'] | undefined;
}

/**
 * Host: approve (published now, or kept at its first publication if it was approved
 * already), reject with a statement of reasons the author sees, or only set the disclosure
 * and image labels.
 */
export function moderateTestimonial(
  db: Db,
  community: CommunityRow,
  id: string,
  input: ModerationInput,
  now: Date,
  origin: string,
): OwnTestimonial {
  return db
    .transaction(() => {
      const row = requireTestimonial(db, community.slug, id);
      let { state, statement, published_at: publishedAt } = row;
      if (input.state === 'approved') {
        if (state !== 'approved') publishedAt = now.toISOString();
        state = 'approved';
        statement = input.statement ?? null;
      } else if (input.state === 'rejected') {
        state = 'rejected';
        statement = input.statement ?? null;
        publishedAt = null;
      } else if (input.statement !== undefined) {
        statement = input.statement;
      }
      sql(
        db,
        `UPDATE testimonials SET state = ?, statement = ?, published_at = ?, disclosure = ?,
           image_flags = ? WHERE seq = ?`,
      ).run(
        state,
        statement,
        publishedAt,
        input.disclosure ?? row.disclosure,
        input.imageFlags ? JSON.stringify([...new Set(input.imageFlags)]) : row.image_flags,
        row.seq,
      );
      return ownView(requireTestimonial(db, community.slug, id), origin);
    })
    .immediate();
}

// Reports, export, erasure -----------------------------------------------------------------

/** The testimonial a report targets (any state: the host sees what was reported). */
export const targetTestimonial = (db: Db, community: string, id: string) =>
  sql(db, 'SELECT seq, text, state FROM testimonials WHERE id = ? AND community = ?').get(
    id,
    community,
  ) as { seq: number; text: string; state: TestimonialState } | undefined;

/** A report's `remove` decision: off the wall, with the statement the author sees. Call in a transaction. */
export function removeTestimonial(db: Db, seq: number, statement: string): void {
  sql(db, "UPDATE testimonials SET state = 'removed', statement = ? WHERE seq = ?").run(
    statement,
    seq,
  );
}

/** The member's testimonials, for the export. */
export function memberTestimonialsExport(
  db: Db,
  member: MemberRow,
  origin: string,
): Required<Pick<MemberExport, 'testimonials'>> {
  return {
    testimonials: myTestimonials(db, member, origin).testimonials.map((t) => ({
      id: t.id,
      rating: t.rating,
      text: t.text,
      photo: t.photo && { url: t.photo.url, alt: t.photo.alt },
      tags: t.tags,
      experiencedAt: t.experiencedAt,
      state: t.state,
      statement: t.statement,
      consent: t.consent,
      submittedAt: t.submittedAt,
      publishedAt: t.publishedAt,
    })),
  };
}

/** Erasure: the member's testimonials and photos go. Call inside the leave transaction. */
export function eraseMemberTestimonials(db: Db, member: MemberRow): void {
  sql(db, 'DELETE FROM testimonials WHERE member_id = ?').run(member.id);
  sql(db, 'DELETE FROM photos WHERE member_id = ?').run(member.id);
}
