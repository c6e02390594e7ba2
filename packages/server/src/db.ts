/**
 * SQLite through better-sqlite3: WAL, foreign keys, a busy timeout, secure delete (erased
 * rows are overwritten, not just unlinked), and an ordered list of migrations tracked in
 * `schema_migrations`, each applied once inside its own transaction.
 */
import Database from 'better-sqlite3';
import { wallMigration } from './wall-schema.js';
import { offersMigration } from './offers-schema.js';

export type Db = Database.Database;

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** Append only: never edit a migration that has shipped, add a new one. */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'membership',
    sql: `
      CREATE TABLE communities (
        slug               TEXT PRIMARY KEY,
        name               TEXT NOT NULL,
        tagline            TEXT NOT NULL DEFAULT '',
        capacity           INTEGER CHECK (capacity IS NULL OR capacity >= 1),
        when_full          TEXT NOT NULL DEFAULT 'waitlist' CHECK (when_full IN ('waitlist', 'closed')),
        privacy_policy_url TEXT NOT NULL,
        consent_version    TEXT NOT NULL,
        disclosure         TEXT NOT NULL DEFAULT 'none'
                           CHECK (disclosure IN ('none', 'publicite', 'collaboration-commerciale')),
        allowed_origins    TEXT NOT NULL DEFAULT '[]', -- JSON array of origins, ':*' = any port
        invites            TEXT NOT NULL DEFAULT '[]', -- JSON array of {kind, label, url}
        host_key_hash      TEXT,                       -- SHA-256 of the host key, hex
        created_at         TEXT NOT NULL
      ) STRICT;

      CREATE TABLE members (
        seq                 INTEGER PRIMARY KEY AUTOINCREMENT, -- join order (waitlist order)
        id                  TEXT NOT NULL UNIQUE,
        community           TEXT NOT NULL REFERENCES communities (slug) ON DELETE CASCADE,
        display_name        TEXT NOT NULL,
        email               TEXT,
        status              TEXT NOT NULL CHECK (status IN ('active', 'waitlisted')),
        token_hash          TEXT NOT NULL UNIQUE,              -- SHA-256 of the token, hex
        joined_at           TEXT NOT NULL,
        consent_version     TEXT NOT NULL,
        consent_accepted_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX members_by_community ON members (community, status, seq);

      CREATE TABLE idempotency (
        community    TEXT NOT NULL REFERENCES communities (slug) ON DELETE CASCADE,
        route        TEXT NOT NULL,
        key_hash     TEXT NOT NULL,  -- SHA-256 of the Idempotency-Key, hex
        request_hash TEXT NOT NULL,  -- SHA-256 of the validated request body
        member_id    TEXT REFERENCES members (id) ON DELETE CASCADE,
        status       INTEGER NOT NULL,
        body         BLOB NOT NULL,  -- the answer, AES-256-GCM under a key derived from the Idempotency-Key
        created_at   TEXT NOT NULL,
        PRIMARY KEY (community, route, key_hash)
      ) STRICT;
      CREATE INDEX idempotency_by_age ON idempotency (created_at);
    `,
  },
  {
    version: 2,
    name: 'live-qa',
    sql: `
      CREATE TABLE sessions (
        seq                   INTEGER PRIMARY KEY AUTOINCREMENT,
        community             TEXT NOT NULL REFERENCES communities (slug) ON DELETE CASCADE,
        id                    TEXT NOT NULL,                       -- slug, unique per community
        title                 TEXT NOT NULL,
        state                 TEXT NOT NULL DEFAULT 'scheduled'
                              CHECK (state IN ('scheduled', 'live', 'ended')),
        starts_at             TEXT NOT NULL,
        ended_at              TEXT,
        moderation            TEXT NOT NULL DEFAULT 'post' CHECK (moderation IN ('post', 'pre')),
        disclosure            TEXT NOT NULL DEFAULT 'none'
                              CHECK (disclosure IN ('none', 'publicite', 'collaboration-commerciale')),
        events_pruned_through INTEGER NOT NULL DEFAULT 0,          -- newest event id pruned from the log
        created_at            TEXT NOT NULL,
        UNIQUE (community, id)
      ) STRICT;

      CREATE TABLE questions (
        seq         INTEGER PRIMARY KEY AUTOINCREMENT,  -- asking order: the tie-break of both sorts
        id          TEXT NOT NULL UNIQUE,
        session     INTEGER NOT NULL REFERENCES sessions (seq) ON DELETE CASCADE,
        member_id   TEXT REFERENCES members (id) ON DELETE SET NULL, -- null once the author left
        author      TEXT,                               -- display name when asked; null once the author left
        anonymous   INTEGER NOT NULL DEFAULT 0 CHECK (anonymous IN (0, 1)),
        text        TEXT NOT NULL,
        state       TEXT NOT NULL CHECK (state IN ('pending', 'open', 'answered', 'hidden')),
        pinned      INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
        answer_text TEXT,
        answered_at TEXT,
        votes       INTEGER NOT NULL DEFAULT 0 CHECK (votes >= 0),
        created_at  TEXT NOT NULL
      ) STRICT;
      CREATE INDEX questions_by_session ON questions (session, state);
      CREATE INDEX questions_by_member ON questions (member_id);

      CREATE TABLE votes (
        question   INTEGER NOT NULL REFERENCES questions (seq) ON DELETE CASCADE,
        member_id  TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        PRIMARY KEY (question, member_id)                -- one vote per member and question
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX votes_by_member ON votes (member_id);

      CREATE TABLE reports (
        seq                INTEGER PRIMARY KEY AUTOINCREMENT,
        id                 TEXT NOT NULL UNIQUE,
        community          TEXT NOT NULL REFERENCES communities (slug) ON DELETE CASCADE,
        target_kind        TEXT NOT NULL CHECK (target_kind IN ('question', 'testimonial')),
        target_id          TEXT NOT NULL,
        reason             TEXT NOT NULL,
        details            TEXT NOT NULL DEFAULT '',
        reporter_member_id TEXT REFERENCES members (id) ON DELETE SET NULL,
        state              TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'dismissed', 'actioned')),
        decision_action    TEXT CHECK (decision_action IN ('remove', 'dismiss')),
        decision_statement TEXT,
        decided_at         TEXT,
        created_at         TEXT NOT NULL
      ) STRICT;
      CREATE INDEX reports_by_community ON reports (community, state, seq);
      CREATE INDEX reports_by_reporter ON reports (reporter_member_id);

      -- The event log: every change of a session, in order. AUTOINCREMENT: ids only grow,
      -- across restarts and after pruning. A change may read differently on the public and
      -- the host streams: public_type is null when the public sees nothing of it (a pending
      -- question), host_type is null when the host sees the same as the public.
      CREATE TABLE events (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        session     INTEGER NOT NULL REFERENCES sessions (seq) ON DELETE CASCADE,
        question_id TEXT,                               -- the question it is about, if any
        public_type TEXT,
        public_data TEXT,                               -- one-line JSON
        host_type   TEXT,
        host_data   TEXT,
        created_at  TEXT NOT NULL
      ) STRICT;
      CREATE INDEX events_by_session ON events (session, id);
      CREATE INDEX events_by_question ON events (question_id) WHERE question_id IS NOT NULL;
    `,
  },
  wallMigration,
  offersMigration,
];

/** Applies the migrations not yet applied; safe to call on every start and from several processes. */
export function migrate(db: Db, list: readonly Migration[] = migrations): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  const isApplied = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').pluck();
  const record = db.prepare(
    'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
  );
  const applied: number[] = [];
  for (const m of [...list].sort((a, b) => a.version - b.version)) {
    // IMMEDIATE: a second process starting at the same time waits, then sees it applied.
    db.transaction(() => {
      if (isApplied.get(m.version)) return;
      db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString());
      applied.push(m.version);
    }).immediate();
  }
  return applied;
}

/** Opens (creating if needed) and migrates a database: a file path or `:memory:`. */
export function openDatabase(file: string): Db {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('secure_delete = ON');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
