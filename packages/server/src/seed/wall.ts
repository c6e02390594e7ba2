/** The demo testimonials (`demoTestimonials`), seeded once into their communities. */
import type { Disclosure, ImageFlag, TestimonialState } from '@cercle/client';
import { demoReviewPolicyUrl, demoTestimonials } from '@cercle/client/demo';
import { illustration } from '../core/photos.js';
import { getCommunity } from '../membership/rules.js';
import type { CommunityRow } from '../store/rows.js';
import type { Sql, Store } from '../store/store.js';
import { insertPhoto, insertTestimonial, setWallSettings } from '../wall/rules.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Drawn once per process (or page): seeding again (tests, restarts) reuses them. */
const drawn = new Map<string, Promise<Uint8Array>>();
const draw = (width: number, height: number, hue: number): Promise<Uint8Array> => {
  const key = `${width}x${height}@${hue}`;
  let png = drawn.get(key);
  if (!png) drawn.set(key, (png = illustration(width, height, hue)));
  return png;
};

/** One testimonial to seed (tests, demos): what is not given gets a plain default. */
export interface TestimonialSeed {
  text: string;
  rating: number;
  /** The author's name as published; `null`: they did not consent to publish it. */
  displayName: string | null;
  /** The author's name as stored (their own view, the host's); default `displayName` or "Member". */
  author?: string;
  /** The author's member id; default none (nobody can withdraw it). */
  memberId?: string | null;
  memberSince?: string;
  verified?: boolean;
  tags?: readonly string[];
  disclosure?: Disclosure;
  imageFlags?: readonly ImageFlag[];
  /** A flat illustration of that size, drawn as a PNG and stored as the photo. */
  photo?: { width: number; height: number; hue?: number; alt: string } | undefined;
  experiencedAt?: string | null;
  state?: TestimonialState;
  statement?: string | null;
  /** Default: `submittedAt`, when approved. */
  publishedAt?: string | null;
  submittedAt?: string;
  consentVersion?: string;
}

/** Inserts the seeds (their photos drawn beforehand, in order); their ids. Call in a write. */
async function insertSeeds(
  tx: Sql,
  community: CommunityRow,
  seeds: readonly TestimonialSeed[],
  photos: readonly (Uint8Array | undefined)[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, s] of seeds.entries()) {
    const submittedAt = s.submittedAt ?? new Date().toISOString();
    const state = s.state ?? 'approved';
    const png = photos[i];
    const memberId = s.memberId ?? null;
    const photoId =
      s.photo && png
        ? await insertPhoto(
            tx,
            community.slug,
            memberId,
            png,
            { contentType: 'image/png', width: s.photo.width, height: s.photo.height },
            submittedAt,
          )
        : null;
    ids.push(
      await insertTestimonial(tx, {
        community: community.slug,
        member_id: memberId,
        author: s.author ?? s.displayName ?? 'Member',
        member_since: s.memberSince ?? submittedAt,
        verified: s.verified === false ? 0 : 1,
        rating: s.rating,
        text: s.text,
        photo_id: photoId,
        photo_alt: s.photo?.alt ?? null,
        tags: s.tags ?? [],
        experienced_at: s.experiencedAt ?? null,
        state,
        statement: s.statement ?? null,
        disclosure: s.disclosure ?? 'none',
        image_flags: JSON.stringify(s.imageFlags ?? []),
        consent_version: s.consentVersion ?? community.consent_version,
        publish_name: s.displayName === null ? 0 : 1,
        publish_photo: s.photo ? 1 : 0,
        consent_at: submittedAt,
        submitted_at: submittedAt,
        published_at:
          s.publishedAt !== undefined ? s.publishedAt : state === 'approved' ? submittedAt : null,
      }),
    );
  }
  return ids;
}

/** The photos of the seeds, drawn before any transaction (which then holds the database only for inserts). */
const drawAll = (
  seeds: readonly { photo?: { width: number; height: number; hue?: number } | null | undefined }[],
) =>
  Promise.all(
    seeds.map((s) =>
      s.photo
        ? draw(s.photo.width, s.photo.height, s.photo.hue ?? 140)
        : Promise.resolve(undefined),
    ),
  );

/**
 * Adds testimonials to a community as they would be after submission and moderation.
 * Returns their ids, in order.
 */
export async function seedTestimonials(
  store: Store,
  community: string,
  seeds: readonly TestimonialSeed[],
): Promise<string[]> {
  const photos = await drawAll(seeds);
  return store.write(community, async (tx) => {
    const row = await getCommunity(tx, community);
    if (!row) throw new Error(`no community "${community}"`);
    return insertSeeds(tx, row, seeds, photos);
  });
}

/**
 * Seeds each community's demo testimonials if it has none yet (so seeding again, or after
 * the host moderated some, changes nothing). Authors are the seeded active members in join
 * order (`authorIndex`); photos are flat illustrations drawn here as PNG, a few KB each.
 * Maison Verte's wall links to the demo review policy.
 */
export async function seedDemoTestimonials(store: Store, now: Date): Promise<void> {
  const at = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
  const slugs = [...new Set(demoTestimonials.map((t) => t.community))];
  for (const slug of slugs) {
    const demos = demoTestimonials.filter((d) => d.community === slug);
    const photos = await drawAll(demos);
    await store.write(slug, async (tx) => {
      const community = await getCommunity(tx, slug);
      if (!community) return;
      if (await tx.get('SELECT 1 FROM testimonials WHERE community = ? LIMIT 1', slug)) return;
      if (slug === 'maison-verte') {
        await setWallSettings(tx, community, { reviewPolicyUrl: demoReviewPolicyUrl });
      }
      const members = await tx.all<{ id: string; display_name: string; joined_at: string }>(
        "SELECT id, display_name, joined_at FROM members WHERE community = ? AND status = 'active' ORDER BY seq",
        slug,
      );
      const seeds: TestimonialSeed[] = [];
      const drawn: (Uint8Array | undefined)[] = [];
      for (const [i, t] of demos.entries()) {
        const author = members[t.authorIndex];
        if (!author) continue;
        drawn.push(photos[i]);
        seeds.push({
          text: t.text,
          rating: t.rating,
          displayName: t.publishName ? author.display_name : null,
          author: author.display_name,
          memberId: author.id,
          memberSince: author.joined_at,
          tags: t.tags,
          disclosure: t.disclosure,
          imageFlags: t.imageFlags,
          photo: t.photo ?? undefined,
          experiencedAt: at(t.experiencedDaysAgo).slice(0, 10),
          state: t.state,
          submittedAt: at(t.daysAgo + 1),
          publishedAt: t.state === 'approved' ? at(t.daysAgo) : null,
        });
      }
      await insertSeeds(tx, community, seeds, drawn);
    });
  }
}
