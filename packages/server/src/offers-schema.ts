/** Tables of the offers (migration 4). Append only once shipped: add a new migration instead. */
import type { Migration } from './db.js';

/*
 * Codes are stored in clear: the server must hand a member their code back on every reveal.
 * They never reach a log line, an error message, or the teaser. Redemptions keep only the
 * SHA-256 of the code they report (it may be anything a shop typed).
 *
 * A member's erasure sets `member_id` to null (ON DELETE SET NULL) on their code, their
 * shared-offer reveal and their redemptions: the code stays taken (`taken_at`), so it is never
 * handed to someone else, and the funnel keeps its counts.
 */
export const offersMigration: Migration = {
  version: 4,
  name: 'offers',
  sql: `
    CREATE TABLE offers (
      seq          INTEGER PRIMARY KEY AUTOINCREMENT,
      community    TEXT NOT NULL REFERENCES communities (slug) ON DELETE CASCADE,
      id           TEXT NOT NULL,                      -- slug, unique per community
      title        TEXT NOT NULL,
      benefit      TEXT NOT NULL,
      conditions   TEXT NOT NULL DEFAULT '',
      expires_at   TEXT NOT NULL,
      disclosure   TEXT NOT NULL CHECK (disclosure IN ('none', 'publicite', 'collaboration-commerciale')),
      kind         TEXT NOT NULL CHECK (kind IN ('shared', 'unique')),
      shared_code  TEXT,                               -- the code of a shared offer; null for unique
      teaser_views INTEGER NOT NULL DEFAULT 0,
      copies       INTEGER NOT NULL DEFAULT 0,
      created_at   TEXT NOT NULL,
      updated_at   TEXT NOT NULL,
      UNIQUE (community, id),
      CHECK ((kind = 'shared') = (shared_code IS NOT NULL))
    ) STRICT;

    -- The pool of a unique offer; seq is the order codes are handed out in.
    CREATE TABLE offer_codes (
      seq         INTEGER PRIMARY KEY AUTOINCREMENT,
      offer       INTEGER NOT NULL REFERENCES offers (seq) ON DELETE CASCADE,
      code        TEXT NOT NULL,
      member_id   TEXT REFERENCES members (id) ON DELETE SET NULL,
      revealed_at TEXT,             -- when it was revealed to a member
      taken_at    TEXT,             -- out of the pool: revealed, or used by an order first
      UNIQUE (offer, code),
      UNIQUE (offer, member_id)
    ) STRICT;
    CREATE INDEX offer_codes_free ON offer_codes (offer, seq) WHERE taken_at IS NULL;
    CREATE INDEX offer_codes_by_member ON offer_codes (member_id);

    -- Who revealed a shared offer's code (funnel and revealedByMe).
    CREATE TABLE offer_reveals (
      offer       INTEGER NOT NULL REFERENCES offers (seq) ON DELETE CASCADE,
      member_id   TEXT REFERENCES members (id) ON DELETE SET NULL,
      revealed_at TEXT NOT NULL,
      UNIQUE (offer, member_id)
    ) STRICT;
    CREATE INDEX offer_reveals_by_member ON offer_reveals (member_id);

    CREATE TABLE redemptions (
      seq        INTEGER PRIMARY KEY AUTOINCREMENT,
      id         TEXT NOT NULL UNIQUE,                 -- red_…
      offer      INTEGER NOT NULL REFERENCES offers (seq) ON DELETE CASCADE,
      order_id   TEXT NOT NULL,
      code_hash  TEXT NOT NULL,                        -- SHA-256 of the reported code, hex
      member_id  TEXT REFERENCES members (id) ON DELETE SET NULL,
      amount     REAL NOT NULL,
      currency   TEXT NOT NULL,
      ordered_at TEXT NOT NULL,
      flags      TEXT NOT NULL DEFAULT '[]',           -- JSON array of RedemptionFlag
      created_at TEXT NOT NULL,
      UNIQUE (offer, order_id)
    ) STRICT;
    CREATE INDEX redemptions_by_code ON redemptions (offer, code_hash);
    CREATE INDEX redemptions_by_member ON redemptions (member_id);
  `,
};
