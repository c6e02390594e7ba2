/** Tables of the testimonials (migration 3). Append only once shipped: add a new migration instead. */
import type { Migration } from './db.js';

export const wallMigration: Migration = {
  version: 3,
  name: 'testimonials',
  sql: `
    -- Per-community settings of the wall; a community without a row has the defaults:
    -- pre-moderation, and its privacy policy as the review policy link.
    CREATE TABLE wall_settings (
      community         TEXT PRIMARY KEY REFERENCES communities (slug) ON DELETE CASCADE,
      moderation        TEXT NOT NULL DEFAULT 'pre' CHECK (moderation IN ('pre', 'post')),
      review_policy_url TEXT                         -- null: the community's privacy policy URL
    ) STRICT;

    -- Uploaded photos, stored under a random id, with the type and size read from their bytes.
    CREATE TABLE photos (
      id           TEXT PRIMARY KEY,
      community    TEXT NOT NULL REFERENCES communities (slug) ON DELETE CASCADE,
      member_id    TEXT REFERENCES members (id) ON DELETE CASCADE,
      content_type TEXT NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
      bytes        BLOB NOT NULL,
      width        INTEGER NOT NULL CHECK (width >= 1),
      height       INTEGER NOT NULL CHECK (height >= 1),
      created_at   TEXT NOT NULL
    ) STRICT;
    CREATE INDEX photos_by_age ON photos (created_at);
    CREATE INDEX photos_by_member ON photos (member_id);

    CREATE TABLE testimonials (
      seq             INTEGER PRIMARY KEY AUTOINCREMENT, -- submission order: the last tie-break
      id              TEXT NOT NULL UNIQUE,
      community       TEXT NOT NULL REFERENCES communities (slug) ON DELETE CASCADE,
      member_id       TEXT REFERENCES members (id) ON DELETE CASCADE, -- leaving deletes them too
      author          TEXT NOT NULL,                     -- display name when submitted
      member_since    TEXT NOT NULL,                     -- the author's join date
      verified        INTEGER NOT NULL CHECK (verified IN (0, 1)),
      rating          INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
      text            TEXT NOT NULL,
      photo_id        TEXT UNIQUE REFERENCES photos (id) ON DELETE SET NULL,
      photo_alt       TEXT,
      tags            TEXT NOT NULL DEFAULT '[]',        -- JSON array of tags
      experienced_at  TEXT,                              -- YYYY-MM-DD
      state           TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'rejected', 'removed')),
      statement       TEXT,                              -- the host's statement of reasons
      disclosure      TEXT NOT NULL DEFAULT 'none'
                      CHECK (disclosure IN ('none', 'publicite', 'collaboration-commerciale')),
      image_flags     TEXT NOT NULL DEFAULT '[]',        -- JSON array: retouchee, virtuelle
      consent_version TEXT NOT NULL,
      publish_name    INTEGER NOT NULL CHECK (publish_name IN (0, 1)),
      publish_photo   INTEGER NOT NULL CHECK (publish_photo IN (0, 1)),
      consent_at      TEXT NOT NULL,
      submitted_at    TEXT NOT NULL,
      published_at    TEXT                               -- set when approved
    ) STRICT;
    CREATE INDEX testimonials_recent ON testimonials (community, state, published_at, seq);
    CREATE INDEX testimonials_rating ON testimonials (community, state, rating, published_at, seq);
    CREATE INDEX testimonials_by_member ON testimonials (member_id);
  `,
};
