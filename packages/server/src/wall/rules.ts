/**
 * The testimonial wall: photos, submission, the approved list with its cursor and
 * aggregate, the author's own list, withdrawal, host moderation, settings, export and erasure.
 *
 * Text is stored and returned as the member wrote it: no escaping or stripping here, the
 * widget renders it as text. Photo URLs are absolute, built from the origin the request came
 * to (`origin`), so a wall on the brand's site can show them.
 */
import { audit, SYSTEM, type Actor } from '../audit/rules.js';
import { notify } from '../webhooks/outbox.js';
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
import { decodeCursor, encodeCursor } from '../core/cursor.js';
import { newId, sha256 } from '../core/crypto.js';
import { ApiError, invalid, refuse } from '../core/errors.js';
import { idempotent, type IdempotentAnswer } from '../core/idempotency.js';
import { inspectImage, stripMetadata, type PhotoType } from '../core/photos.js';
import type { CommunityRow, MemberRow, TestimonialRow } from '../store/rows.js';
import type { Sql, Store } from '../store/store.js';
import { recordActivity, recordApproval, recordTestimonial } from '../kpis/activity.js';

/** Unattached photos older than this are deleted (lazily, on the next upload). */
export const UNATTACHED_PHOTO_TTL_MS = 24 * 60 * 60 * 1000;

const SELECT = `SELECT t.*, p.width AS photo_width, p.height AS photo_height
  FROM testimonials t LEFT JOIN photos p ON p.id = t.photo_id`;
/** The same rows, through one tag's rows (`g`). */
const SELECT_TAGGED = `SELECT t.*, p.width AS photo_width, p.height AS photo_height
  FROM testimonial_tags g JOIN testimonials t ON t.seq = g.testimonial
  LEFT JOIN photos p ON p.id = t.photo_id`;

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

const byId = (db: Sql, community: string, id: string) =>
  db.get<TestimonialRow>(`${SELECT} WHERE t.id = ? AND t.community = ?`, id, community);

async function requireTestimonial(db: Sql, community: string, id: string): Promise<TestimonialRow> {
  const row = await byId(db, community, id);
  if (!row) throw new ApiError('not_found', `No testimonial "${id}" here.`);
  return row;
}

// Settings ---------------------------------------------------------------------------------

export async function wallSettings(db: Sql, community: CommunityRow): Promise<WallSettings> {
  const row = await db.get<{
    moderation: WallSettings['moderation'];
    review_policy_url: string | null;
  }>('SELECT moderation, review_policy_url FROM wall_settings WHERE community = ?', community.slug);
  return {
    moderation: row?.moderation ?? 'pre',
    reviewPolicyUrl: row?.review_policy_url ?? community.privacy_policy_url,
  };
}

/** Sets the wall's settings (what is not given stays). Call inside a write. */
export async function setWallSettings(
  tx: Sql,
  community: CommunityRow,
  update: {
    moderation?: WallSettings['moderation'] | undefined;
    reviewPolicyUrl?: string | undefined;
  },
): Promise<WallSettings> {
  const current = await wallSettings(tx, community);
  await tx.run(
    `INSERT INTO wall_settings (community, moderation, review_policy_url) VALUES (?, ?, ?)
     ON CONFLICT (community) DO UPDATE SET
       moderation = excluded.moderation, review_policy_url = excluded.review_policy_url`,
    community.slug,
    update.moderation ?? current.moderation,
    update.reviewPolicyUrl ?? current.reviewPolicyUrl,
  );
  return wallSettings(tx, community);
}

/** Host: changes the wall's moderation mode or review policy link. */
export const updateWallSettings = (
  store: Store,
  community: CommunityRow,
  update: Parameters<typeof setWallSettings>[2],
  actor: Actor,
  now: Date,
): Promise<WallSettings> =>
  store.write(community.slug, async (tx) => {
    const settings = await setWallSettings(tx, community, update);
    await audit(
      tx,
      community.slug,
      actor,
      {
        action: 'wall.updated',
        target: { kind: 'community', id: community.slug },
        details: { ...update },
      },
      now,
    );
    return settings;
  });

// The public list --------------------------------------------------------------------------

type CursorKey = [rating: number, publishedAt: string, seq: number];

const cursorOf = (sort: TestimonialSort, row: TestimonialRow): string =>
  encodeCursor(
    sort,
    sort === 'rating' ? [row.rating, row.published_at, row.seq] : [row.published_at, row.seq],
  );

/** The key of a cursor, as `[rating, publishedAt, seq]` (rating 0 for the `recent` order). */
function cursorKey(text: string, sort: TestimonialSort): CursorKey {
  const key = decodeCursor(text, sort, (k): k is unknown[] =>
    sort === 'rating'
      ? k.length === 3 &&
        Number.isInteger(k[0]) &&
        typeof k[1] === 'string' &&
        Number.isSafeInteger(k[2])
      : k.length === 2 && typeof k[0] === 'string' && Number.isSafeInteger(k[1]),
  );
  return (sort === 'rating' ? key : [0, ...key]) as CursorKey;
}

/** The columns a wall page is ordered and paged by: the testimonial's, or its tag row's copy. */
const WALL_KEYS = { rating: 't.rating', publishedAt: 't.published_at', seq: 't.seq' };
const TAG_KEYS = { rating: 'g.rating', publishedAt: 'g.published_at', seq: 'g.testimonial' };

export interface ListQuery {
  sort?: TestimonialSort | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
  tag?: string | undefined;
  minRating?: number | undefined;
}

/** A page of approved testimonials, with the aggregate of the wall (`tag` applies, `minRating` does not). */
export async function listTestimonials(
  db: Sql,
  community: CommunityRow,
  query: ListQuery,
  origin: string,
): Promise<TestimonialPage> {
  const sort = query.sort ?? 'recent';
  const limit = query.limit ?? 12;
  // With a tag, the page is read from the tag's rows, in their own index's order (migration 13).
  const tagged = query.tag !== undefined;
  const on = tagged ? TAG_KEYS : WALL_KEYS;
  const where = tagged
    ? "g.community = ? AND g.tag = ? AND g.published_at IS NOT NULL AND t.state = 'approved'"
    : "t.community = ? AND t.state = 'approved'";
  const params: (string | number)[] = tagged ? [community.slug, query.tag!] : [community.slug];
  // The kept aggregate: the community's, or the tag's.
  const aggregate =
    query.tag === undefined
      ? { count: community.testimonial_count, total: community.rating_total }
      : ((await db.get<{ count: number; total: number }>(
          `SELECT testimonial_count AS count, rating_total AS total FROM wall_tags
           WHERE community = ? AND tag = ?`,
          community.slug,
          query.tag,
        )) ?? { count: 0, total: 0 });

  let pageWhere = where;
  const pageParams = [...params];
  if (query.minRating !== undefined) {
    pageWhere += ` AND ${on.rating} >= ?`;
    pageParams.push(query.minRating);
  }
  if (query.cursor !== undefined) {
    const [rating, publishedAt, seq] = cursorKey(query.cursor, sort);
    if (sort === 'rating') {
      pageWhere += ` AND (${on.rating}, ${on.publishedAt}, ${on.seq}) < (?, ?, ?)`;
      pageParams.push(rating, publishedAt, seq);
    } else {
      pageWhere += ` AND (${on.publishedAt}, ${on.seq}) < (?, ?)`;
      pageParams.push(publishedAt, seq);
    }
  }
  const order =
    sort === 'rating'
      ? `${on.rating} DESC, ${on.publishedAt} DESC, ${on.seq} DESC`
      : `${on.publishedAt} DESC, ${on.seq} DESC`;
  const rows = await db.all<TestimonialRow>(
    `${tagged ? SELECT_TAGGED : SELECT} WHERE ${pageWhere} ORDER BY ${order} LIMIT ?`,
    ...pageParams,
    limit + 1,
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    testimonials: page.map((row) => publicView(row, origin)),
    nextCursor: rows.length > limit && last ? cursorOf(sort, last) : null,
    aggregate: {
      count: aggregate.count,
      average:
        aggregate.count === 0
          ? 0
          : Math.round(((aggregate.total ?? 0) / aggregate.count) * 10) / 10,
    },
    reviewPolicyUrl: (await wallSettings(db, community)).reviewPolicyUrl,
  };
}

/**
 * Counts an approved testimonial in (`by` 1) or out (-1) of the wall's kept aggregate, the
 * community's and each of its tags'. Call inside the write that approves it or takes it off
 * the wall, while its row (and its tags) still exist.
 */
async function countOnWall(
  tx: Sql,
  row: { seq: number; community: string; rating: number },
  by: 1 | -1,
): Promise<void> {
  await tx.run(
    `UPDATE communities SET testimonial_count = testimonial_count + ?,
       rating_total = rating_total + ? WHERE slug = ?`,
    by,
    by * row.rating,
    row.community,
  );
  // The tag rows' copy of what orders a tag page (migration 13): on the wall or not.
  await tx.run(
    `UPDATE testimonial_tags SET rating = CAST(? AS INTEGER),
       published_at = CASE WHEN ? = 1 THEN (SELECT published_at FROM testimonials WHERE seq = ?) END
     WHERE testimonial = ?`,
    row.rating,
    by,
    row.seq,
    row.seq,
  );
  if (by === 1) {
    await tx.run(
      `INSERT INTO wall_tags (community, tag, testimonial_count, rating_total)
       SELECT community, tag, 1, CAST(? AS INTEGER) FROM testimonial_tags WHERE testimonial = ?
       ON CONFLICT (community, tag) DO UPDATE SET
         testimonial_count = wall_tags.testimonial_count + 1,
         rating_total = wall_tags.rating_total + excluded.rating_total`,
      row.rating,
      row.seq,
    );
  } else {
    // An UPDATE, not the UPSERT: the row an UPSERT proposes must pass the CHECKs itself.
    await tx.run(
      `UPDATE wall_tags SET testimonial_count = testimonial_count - 1,
         rating_total = rating_total - ?
       WHERE community = ? AND tag IN (SELECT tag FROM testimonial_tags WHERE testimonial = ?)`,
      row.rating,
      row.community,
      row.seq,
    );
  }
}

// Photos -----------------------------------------------------------------------------------

/**
 * Stores an uploaded photo under a random id, after checking its bytes and dropping its
 * metadata (see photos.ts); `bytes` in the answer is the size stored.
 * Photos left unattached for 24 h are deleted here, on the next upload.
 */
export async function storePhoto(
  store: Store,
  community: CommunityRow,
  member: MemberRow,
  upload: Uint8Array,
  now: Date,
  idempotencyKey: string | undefined,
  origin: string,
): Promise<IdempotentAnswer<201, PhotoUpload>> {
  const info = inspectImage(upload);
  const digest = await sha256(upload);
  const bytes = stripMetadata(upload, info.contentType);
  return store.write(community.slug, (tx) =>
    idempotent(
      tx,
      {
        community: community.slug,
        route: 'uploadPhoto',
        key: idempotencyKey,
        request: [member.id, digest],
      },
      now,
      async () => {
        await tx.run(
          `DELETE FROM photos WHERE created_at < ?
           AND NOT EXISTS (SELECT 1 FROM testimonials WHERE photo_id = photos.id)`,
          new Date(now.getTime() - UNATTACHED_PHOTO_TTL_MS).toISOString(),
        );
        const id = await insertPhoto(tx, community.slug, member.id, bytes, info, now.toISOString());
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
  );
}

/** Inserts a photo whose bytes were checked; returns its new random id. */
export async function insertPhoto(
  tx: Sql,
  community: string,
  memberId: string | null,
  bytes: Uint8Array,
  info: { contentType: PhotoType; width: number; height: number },
  at: string,
): Promise<string> {
  const id = newId('ph');
  await tx.run(
    `INSERT INTO photos (id, community, member_id, content_type, bytes, width, height, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    id,
    community,
    memberId,
    info.contentType,
    bytes,
    info.width,
    info.height,
    at,
  );
  return id;
}

/** A stored photo, unless its testimonial was taken down after a report. */
export const getPhoto = (db: Sql, id: string) =>
  db.get<{ content_type: PhotoType; bytes: Uint8Array }>(
    `SELECT content_type, bytes FROM photos p WHERE id = ? AND NOT EXISTS
       (SELECT 1 FROM testimonials t WHERE t.photo_id = p.id AND t.state = 'removed')`,
    id,
  );

// Submission and the author's view ---------------------------------------------------------

export interface NewTestimonial {
  rating: number;
  text: string;
  photo?: { id: string; alt: string } | undefined;
  tags?: string[] | undefined;
  experiencedAt?: string | undefined;
  consent: { version: string; publishName: boolean; publishPhoto: boolean };
}

/** Inserts a testimonial row and its tags; its id. Call inside a write. */
export async function insertTestimonial(
  tx: Sql,
  row: Omit<TestimonialRow, 'seq' | 'id' | 'photo_width' | 'photo_height' | 'tags'> & {
    tags: readonly string[];
  },
): Promise<string> {
  const id = newId('t');
  const tags = [...new Set(row.tags)];
  const seq = (await tx.value<number>(
    `INSERT INTO testimonials (id, community, member_id, author, member_since, verified,
       rating, text, photo_id, photo_alt, tags, experienced_at, state, statement, disclosure,
       image_flags, consent_version, publish_name, publish_photo, consent_at, submitted_at,
       published_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
    id,
    row.community,
    row.member_id,
    row.author,
    row.member_since,
    row.verified,
    row.rating,
    row.text,
    row.photo_id,
    row.photo_alt,
    JSON.stringify(tags),
    row.experienced_at,
    row.state,
    row.statement,
    row.disclosure,
    row.image_flags,
    row.consent_version,
    row.publish_name,
    row.publish_photo,
    row.consent_at,
    row.submitted_at,
    row.published_at,
  )) as number;
  for (const tag of tags) {
    await tx.run(
      'INSERT INTO testimonial_tags (testimonial, community, tag, rating) VALUES (?, ?, ?, ?)',
      seq,
      row.community,
      tag,
      row.rating,
    );
  }
  if (row.state === 'approved') await countOnWall(tx, { ...row, seq }, 1);
  return id;
}

/**
 * What a submission must be, checked before anything is stored or counted: consent to the
 * current text, consent to publish a photo that is sent, an experience not in the future.
 */
export function checkTestimonial(community: CommunityRow, input: NewTestimonial, now: Date): void {
  if (input.consent.version !== community.consent_version) {
    throw refuse.consentChanged(community.consent_version);
  }
  if (input.photo && !input.consent.publishPhoto) {
    throw invalid('A photo is sent only to be published: consent to publish it, or leave it out.', [
      { path: 'consent.publishPhoto', message: 'must be true when a photo is sent' },
    ]);
  }
  if (input.experiencedAt !== undefined && input.experiencedAt > now.toISOString().slice(0, 10)) {
    throw invalid('The experience cannot be in the future.', [
      { path: 'experiencedAt', message: 'must be today or earlier' },
    ]);
  }
}

/**
 * An active member submits: `pending` (pre-moderation, the default), or `approved` and
 * published at once when the wall is post-moderated. The photo must be one the member
 * uploaded here and not yet attached. With an Idempotency-Key the first answer is replayed.
 */
export async function submitTestimonial(
  store: Store,
  community: CommunityRow,
  member: MemberRow,
  input: NewTestimonial,
  now: Date,
  idempotencyKey: string | undefined,
  origin: string,
): Promise<IdempotentAnswer<201, OwnTestimonial>> {
  const at = now.toISOString();
  checkTestimonial(community, input, now);
  return store.write(community.slug, (tx) =>
    idempotent(
      tx,
      {
        community: community.slug,
        route: 'submitTestimonial',
        key: idempotencyKey,
        request: [member.id, input],
      },
      now,
      async () => {
        if (input.photo) {
          const photo = await tx.get<{ community: string; member_id: string | null }>(
            'SELECT community, member_id FROM photos WHERE id = ?',
            input.photo.id,
          );
          if (!photo || photo.community !== community.slug || photo.member_id !== member.id) {
            throw invalid('This photo is not one you uploaded here; upload it first.', [
              { path: 'photo.id', message: 'no photo of yours has this id' },
            ]);
          }
          if (await tx.get('SELECT 1 FROM testimonials WHERE photo_id = ?', input.photo.id)) {
            throw invalid('This photo is already in another testimonial.', [
              { path: 'photo.id', message: 'already attached to a testimonial' },
            ]);
          }
        }
        const approved = (await wallSettings(tx, community)).moderation === 'post';
        const id = await insertTestimonial(tx, {
          community: community.slug,
          member_id: member.id,
          author: member.display_name,
          member_since: member.joined_at,
          verified: 1,
          rating: input.rating,
          text: input.text,
          photo_id: input.photo?.id ?? null,
          photo_alt: input.photo?.alt ?? null,
          tags: input.tags ?? [],
          experienced_at: input.experiencedAt ?? null,
          state: approved ? 'approved' : 'pending',
          statement: null,
          disclosure: 'none',
          image_flags: '[]',
          consent_version: input.consent.version,
          publish_name: input.consent.publishName ? 1 : 0,
          publish_photo: input.consent.publishPhoto ? 1 : 0,
          consent_at: at,
          submitted_at: at,
          published_at: approved ? at : null,
        });
        const data = { testimonial: id, member: member.id, rating: input.rating };
        const personal = { text: input.text, author: member.display_name };
        await notify(tx, community.slug, 'testimonial.submitted', data, personal, now);
        await recordActivity(tx, community.slug, member.id, 'testimonial', now);
        await recordTestimonial(tx, community.slug, input.rating, input.photo !== undefined, now);
        if (approved) await recordApproval(tx, community.slug, at);
        if (approved)
          await notify(tx, community.slug, 'testimonial.published', data, personal, now);
        return {
          status: 201 as const,
          body: ownView(await requireTestimonial(tx, community.slug, id), origin),
          memberId: member.id,
        };
      },
    ),
  );
}

/** The member's own testimonials in every state, newest first. */
export async function myTestimonials(
  db: Sql,
  member: MemberRow,
  origin: string,
): Promise<OwnTestimonialList> {
  const rows = await db.all<TestimonialRow>(
    `${SELECT} WHERE t.member_id = ? ORDER BY t.seq DESC`,
    member.id,
  );
  return { testimonials: rows.map((row) => ownView(row, origin)) };
}

/** The author withdraws a testimonial: the row and its photo are deleted. */
export function withdrawTestimonial(
  store: Store,
  community: CommunityRow,
  member: MemberRow,
  id: string,
): Promise<void> {
  return store.write(community.slug, async (tx) => {
    const row = await requireTestimonial(tx, community.slug, id);
    if (row.member_id !== member.id) {
      throw new ApiError('forbidden', 'Only its author can withdraw a testimonial.');
    }
    if (row.state === 'approved') await countOnWall(tx, row, -1);
    await tx.run('DELETE FROM testimonials WHERE seq = ?', row.seq);
    if (row.photo_id !== null) await tx.run('DELETE FROM photos WHERE id = ?', row.photo_id);
  });
}

// Host -------------------------------------------------------------------------------------

/** Host: the testimonials in one state (default `pending`), oldest first: a queue. */
export async function hostTestimonials(
  db: Sql,
  community: CommunityRow,
  state: TestimonialState | undefined,
  origin: string,
): Promise<OwnTestimonialList> {
  const rows = await db.all<TestimonialRow>(
    `${SELECT} WHERE t.community = ? AND t.state = ? ORDER BY t.seq`,
    community.slug,
    state ?? 'pending',
  );
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
  store: Store,
  community: CommunityRow,
  id: string,
  input: ModerationInput,
  now: Date,
  origin: string,
  actor: Actor = SYSTEM,
): Promise<OwnTestimonial> {
  return store.write(community.slug, async (tx) => {
    const row = await requireTestimonial(tx, community.slug, id);
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
    await tx.run(
      `UPDATE testimonials SET state = ?, statement = ?, published_at = ?, disclosure = ?,
         image_flags = ? WHERE seq = ?`,
      state,
      statement,
      publishedAt,
      input.disclosure ?? row.disclosure,
      input.imageFlags ? JSON.stringify([...new Set(input.imageFlags)]) : row.image_flags,
      row.seq,
    );
    if (state === 'approved' && row.state !== 'approved') await countOnWall(tx, row, 1);
    if (state !== 'approved' && row.state === 'approved') await countOnWall(tx, row, -1);
    await audit(
      tx,
      community.slug,
      actor,
      {
        action: state === row.state ? 'testimonial.updated' : `testimonial.${state}`,
        target: { kind: 'testimonial', id },
        statement,
        details: { ...input, statement: undefined },
      },
      now,
    );
    if (state === 'rejected' && row.state === 'approved') {
      await recordApproval(tx, community.slug, row.submitted_at, -1);
    }
    if (state === 'approved' && row.state !== 'approved') {
      await notify(
        tx,
        community.slug,
        'testimonial.published',
        { testimonial: id, member: row.member_id, rating: row.rating },
        { text: row.text, author: row.author },
        now,
      );
      await recordApproval(tx, community.slug, row.submitted_at);
    }
    return ownView(await requireTestimonial(tx, community.slug, id), origin);
  });
}

// Reports, export, erasure -----------------------------------------------------------------

/** The testimonial a report targets (any state: the host sees what was reported). */
export const targetTestimonial = (db: Sql, community: string, id: string) =>
  db.get<{ seq: number; text: string; state: TestimonialState }>(
    'SELECT seq, text, state FROM testimonials WHERE id = ? AND community = ?',
    id,
    community,
  );

/** A report's `remove` decision: off the wall, with the statement the author sees. Call in a write. */
export async function removeTestimonial(tx: Sql, seq: number, statement: string): Promise<void> {
  const row = await tx.get<{ seq: number; community: string; rating: number; state: string }>(
    'SELECT seq, community, rating, state FROM testimonials WHERE seq = ?',
    seq,
  );
  if (row?.state === 'approved') await countOnWall(tx, row, -1);
  await tx.run(
    "UPDATE testimonials SET state = 'removed', statement = ? WHERE seq = ?",
    statement,
    seq,
  );
}

/** The member's testimonials, for the export. */
export async function memberTestimonialsExport(
  db: Sql,
  member: MemberRow,
  origin: string,
): Promise<Required<Pick<MemberExport, 'testimonials'>>> {
  const { testimonials } = await myTestimonials(db, member, origin);
  return {
    testimonials: testimonials.map((t) => ({
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
export async function eraseMemberTestimonials(tx: Sql, member: MemberRow): Promise<void> {
  const approved = await tx.all<{ seq: number; community: string; rating: number }>(
    "SELECT seq, community, rating FROM testimonials WHERE member_id = ? AND state = 'approved'",
    member.id,
  );
  for (const row of approved) await countOnWall(tx, row, -1);
  await tx.run('DELETE FROM testimonials WHERE member_id = ?', member.id);
  await tx.run('DELETE FROM photos WHERE member_id = ?', member.id);
}
