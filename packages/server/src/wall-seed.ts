/** The demo testimonials (`demoTestimonials`), seeded once into `maison-verte`. */
import { demoReviewPolicyUrl, demoTestimonials } from '@cercle/client/demo';
import { randomBytes } from 'node:crypto';
import type { Db } from './db.js';
import { illustration } from './photos.js';
import { getCommunity } from './store.js';
import { insertPhoto } from './testimonials.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Drawn once per process: seeding again (tests, restarts in one process) reuses them. */
const drawn = new Map<string, Buffer>();
const draw = (width: number, height: number, hue: number): Buffer => {
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
export function seedDemoTestimonials(db: Db, now: Date): void {
  const at = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
  const slugs = [...new Set(demoTestimonials.map((t) => t.community))];
  for (const slug of slugs) {
    db.transaction(() => {
      const community = getCommunity(db, slug);
      if (!community) return;
      if (db.prepare('SELECT 1 FROM testimonials WHERE community = ? LIMIT 1').get(slug)) return;
      if (slug === 'maison-verte') {
        db.prepare(
          `INSERT INTO wall_settings (community, review_policy_url) VALUES (?, ?)
           ON CONFLICT (community) DO NOTHING`,
        ).run(slug, demoReviewPolicyUrl);
      }
      const members = db
        .prepare(
          "SELECT id, display_name, joined_at FROM members WHERE community = ? AND status = 'active' ORDER BY seq",
        )
        .all(slug) as { id: string; display_name: string; joined_at: string }[];
      const insert = db.prepare(
        `INSERT INTO testimonials (id, community, member_id, author, member_since, verified,
           rating, text, photo_id, photo_alt, tags, experienced_at, state, disclosure, image_flags,
           consent_version, publish_name, publish_photo, consent_at, submitted_at, published_at)
         VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const t of demoTestimonials.filter((d) => d.community === slug)) {
        const author = members[t.authorIndex];
        if (!author) continue;
        const submittedAt = at(t.daysAgo + 1);
        const photoId = t.photo
          ? insertPhoto(
              db,
              slug,
              author.id,
              draw(t.photo.width, t.photo.height, t.photo.hue),
              { contentType: 'image/png', width: t.photo.width, height: t.photo.height },
              submittedAt,
            )
          : null;
        insert.run(
          `t_${randomBytes(12).toString('base64url')}`,
          slug,
          author.id,
          author.display_name,
          author.joined_at,
          t.rating,
          t.text,
          photoId,
          t.photo?.alt ?? null,
          JSON.stringify(t.tags),
          at(t.experiencedDaysAgo).slice(0, 10),
          t.state,
          t.disclosure,
          JSON.stringify(t.imageFlags),
          community.consent_version,
          t.publishName ? 1 : 0,
          t.photo ? 1 : 0,
          submittedAt,
          submittedAt,
          t.state === 'approved' ? at(t.daysAgo) : null,
        );
      }
    }).immediate();
  }
}
