/** The demo testimonials (`demoTestimonials`), seeded once into their communities. */
import type { Disclosure, ImageFlag, TestimonialState } from '@cercle/client';
import { demoReviewPolicyUrl, demoTestimonials } from '@cercle/client/demo';
import { illustration } from '../core/photos.js';
import { getCommunity } from '../membership/rules.js';
import type { Store } from '../store/store.js';
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
    // Drawn before the transaction: it holds the database only for the inserts.
    const photos = await Promise.all(
      demos.map((t) => (t.photo ? draw(t.photo.width, t.photo.height, t.photo.hue) : undefined)),
    );
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
      for (const [i, t] of demos.entries()) {
        const author = members[t.authorIndex];
        if (!author) continue;
        const submittedAt = at(t.daysAgo + 1);
        const png = photos[i];
        const photoId =
          t.photo && png
            ? await insertPhoto(
                tx,
                slug,
                author.id,
                png,
                { contentType: 'image/png', width: t.photo.width, height: t.photo.height },
                submittedAt,
              )
            : null;
        await insertTestimonial(tx, {
          community: slug,
          member_id: author.id,
          author: author.display_name,
          member_since: author.joined_at,
          verified: 1,
          rating: t.rating,
          text: t.text,
          photo_id: photoId,
          photo_alt: t.photo?.alt ?? null,
          tags: t.tags,
          experienced_at: at(t.experiencedDaysAgo).slice(0, 10),
          state: t.state,
          statement: null,
          disclosure: t.disclosure,
          image_flags: JSON.stringify(t.imageFlags),
          consent_version: community.consent_version,
          publish_name: t.publishName ? 1 : 0,
          publish_photo: t.photo ? 1 : 0,
          consent_at: submittedAt,
          submitted_at: submittedAt,
          published_at: t.state === 'approved' ? at(t.daysAgo) : null,
        });
      }
    });
  }
}

/** One testimonial to seed (tests, demos): what is not given gets a plain default. */
export interface TestimonialSeed {
  text: string;
  rating: number;
  /** The author's name; `null`: they did not consent to publish it. */
  displayName: string | null;
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

/**
 * Adds testimonials to a community as they would be after submission and moderation (no
 * author account behind them: nobody can withdraw them). Returns their ids, in order.
 */
export async function seedTestimonials(
  store: Store,
  community: string,
  seeds: readonly TestimonialSeed[],
): Promise<string[]> {
  const photos = await Promise.all(
    seeds.map((s) =>
      s.photo ? draw(s.photo.width, s.photo.height, s.photo.hue ?? 140) : undefined,
    ),
  );
  return store.write(community, async (tx) => {
    const row = await getCommunity(tx, community);
    if (!row) throw new Error(`no community "${community}"`);
    const ids: string[] = [];
    for (const [i, s] of seeds.entries()) {
      const submittedAt = s.submittedAt ?? new Date().toISOString();
      const state = s.state ?? 'approved';
      const png = photos[i];
      const photoId =
        s.photo && png
          ? await insertPhoto(
              tx,
              community,
              null,
              png,
              { contentType: 'image/png', width: s.photo.width, height: s.photo.height },
              submittedAt,
            )
          : null;
      ids.push(
        await insertTestimonial(tx, {
          community,
          member_id: null,
          author: s.displayName ?? 'Member',
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
          consent_version: s.consentVersion ?? row.consent_version,
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
  });
}
