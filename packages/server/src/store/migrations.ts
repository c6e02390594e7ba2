/**
 * The SQLite schema, as an ordered list of migrations tracked in `schema_migrations`, each
 * applied once inside its own transaction (see `migrate`). Append only: never edit a
 * migration that has shipped, add a new one. PostgreSQL gets its own list, with the same
 * tables and columns.
 */

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/*
 * Offers (migration 4): codes are stored in clear: the server must hand a member their code back on every reveal.
 * They never reach a log line, an error message, or the teaser. Redemptions keep only the
 * SHA-256 of the code they report (it may be anything a shop typed).
 *
 * A member's erasure sets `member_id` to null (ON DELETE SET NULL) on their code, their
 * shared-offer reveal and their redemptions: the code stays taken (`taken_at`), so it is never
 * handed to someone else, and the funnel keeps its counts.
 */
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
  {
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
  },
  {
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
  },
  {
    version: 5,
    name: 'testimonial-tags',
    sql: `
      -- The tags of each testimonial, one row each, so the wall filters by tag with an index
      -- (and in SQL every database speaks) instead of reading the JSON array of every row.
      CREATE TABLE testimonial_tags (
        testimonial INTEGER NOT NULL REFERENCES testimonials (seq) ON DELETE CASCADE,
        community   TEXT NOT NULL,
        tag         TEXT NOT NULL,
        PRIMARY KEY (testimonial, tag)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX testimonial_tags_by_tag ON testimonial_tags (community, tag, testimonial);
      INSERT INTO testimonial_tags (testimonial, community, tag)
        SELECT DISTINCT t.seq, t.community, j.value FROM testimonials t, json_each(t.tags) j;
    `,
  },
  {
    version: 6,
    name: 'brand-side',
    sql: `
      -- Community settings the owner edits from the console.
      ALTER TABLE communities ADD COLUMN consent_text TEXT;          -- null: the widget's wording
      ALTER TABLE communities ADD COLUMN default_locale TEXT NOT NULL DEFAULT 'en';
      ALTER TABLE communities ADD COLUMN question_moderation TEXT NOT NULL DEFAULT 'post'
        CHECK (question_moderation IN ('post', 'pre'));
      ALTER TABLE communities ADD COLUMN archived_at TEXT;

      -- Every consent text a community has shown; members keep the version they accepted.
      CREATE TABLE consent_versions (
        community  TEXT NOT NULL REFERENCES communities (slug) ON DELETE CASCADE,
        version    TEXT NOT NULL,
        text       TEXT,
        created_at TEXT NOT NULL,
        PRIMARY KEY (community, version)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO consent_versions (community, version, text, created_at)
        SELECT slug, consent_version, NULL, created_at FROM communities;

      ALTER TABLE sessions ADD COLUMN description TEXT NOT NULL DEFAULT '';
      ALTER TABLE sessions ADD COLUMN ends_at TEXT;
      ALTER TABLE sessions ADD COLUMN archived_at TEXT;
      CREATE INDEX sessions_by_start ON sessions (community, starts_at);

      ALTER TABLE offers ADD COLUMN paused INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1));

      -- Host accounts: one credential each, stored as its SHA-256; revoked ones stay for the log.
      CREATE TABLE hosts (
        seq        INTEGER PRIMARY KEY AUTOINCREMENT,
        id         TEXT NOT NULL UNIQUE,
        community  TEXT NOT NULL REFERENCES communities (slug) ON DELETE CASCADE,
        name       TEXT NOT NULL,
        email      TEXT,
        role       TEXT NOT NULL CHECK (role IN ('owner', 'moderator', 'analyst')),
        key_hash   TEXT NOT NULL UNIQUE,
        invited_by TEXT,                                  -- a host id, or 'operator'
        created_at TEXT NOT NULL,
        revoked_at TEXT
      ) STRICT;
      CREATE INDEX hosts_by_community ON hosts (community, revoked_at);
      -- The one host key a community had becomes its first owner.
      INSERT INTO hosts (id, community, name, role, key_hash, invited_by, created_at)
        SELECT 'host_' || lower(hex(randomblob(12))), slug, 'Owner', 'owner', host_key_hash,
               'operator', created_at
        FROM communities WHERE host_key_hash IS NOT NULL;
      UPDATE communities SET host_key_hash = NULL;

      -- Single-use invitations: the token is stored as its SHA-256.
      CREATE TABLE invitations (
        seq         INTEGER PRIMARY KEY AUTOINCREMENT,
        id          TEXT NOT NULL UNIQUE,
        community   TEXT NOT NULL REFERENCES communities (slug) ON DELETE CASCADE,
        role        TEXT NOT NULL CHECK (role IN ('owner', 'moderator', 'analyst')),
        name        TEXT,
        email       TEXT,
        token_hash  TEXT NOT NULL UNIQUE,
        invited_by  TEXT,
        created_at  TEXT NOT NULL,
        expires_at  TEXT NOT NULL,
        accepted_at TEXT,
        accepted_by TEXT,                                 -- the host id it created
        revoked_at  TEXT
      ) STRICT;
      CREATE INDEX invitations_by_community ON invitations (community, seq);

      -- Who did what, when and why: moderation decisions and settings changes.
      CREATE TABLE audit_log (
        seq        INTEGER PRIMARY KEY AUTOINCREMENT,
        id         TEXT NOT NULL UNIQUE,
        community  TEXT NOT NULL REFERENCES communities (slug) ON DELETE CASCADE,
        at         TEXT NOT NULL,
        actor_kind TEXT NOT NULL CHECK (actor_kind IN ('host', 'operator', 'system')),
        actor_id   TEXT,
        actor_name TEXT,
        actor_role TEXT,
        action     TEXT NOT NULL,
        target_kind TEXT,
        target_id  TEXT,
        statement  TEXT,
        details    TEXT NOT NULL DEFAULT '{}'             -- JSON object, never a secret
      ) STRICT;
      CREATE INDEX audit_by_community ON audit_log (community, seq);

      -- Webhook endpoints. Secrets are kept in clear: the server signs with them.
      CREATE TABLE webhooks (
        seq                  INTEGER PRIMARY KEY AUTOINCREMENT,
        id                   TEXT NOT NULL UNIQUE,
        community            TEXT NOT NULL REFERENCES communities (slug) ON DELETE CASCADE,
        url                  TEXT NOT NULL,
        events               TEXT NOT NULL,               -- JSON array of event types
        description          TEXT NOT NULL DEFAULT '',
        include_personal     INTEGER NOT NULL DEFAULT 0 CHECK (include_personal IN (0, 1)),
        enabled              INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
        disabled_reason      TEXT,
        consecutive_failures INTEGER NOT NULL DEFAULT 0,
        secret               TEXT NOT NULL,
        previous_secret      TEXT,
        previous_expires_at  TEXT,
        created_at           TEXT NOT NULL
      ) STRICT;
      CREATE INDEX webhooks_by_community ON webhooks (community);

      -- The outbox: one row per message and endpoint, written in the transaction of the change
      -- it tells about, so nothing is lost across a restart; a worker delivers and retries.
      CREATE TABLE webhook_messages (
        seq             INTEGER PRIMARY KEY AUTOINCREMENT,
        id              TEXT NOT NULL UNIQUE,             -- the webhook-id header
        webhook         TEXT NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
        community       TEXT NOT NULL,
        event           TEXT NOT NULL,
        payload         TEXT NOT NULL,                    -- the JSON body, as signed
        state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
        attempts        INTEGER NOT NULL DEFAULT 0,
        created_at      TEXT NOT NULL,
        next_attempt_at TEXT,
        last_attempt_at TEXT,
        last_status     INTEGER,
        last_error      TEXT
      ) STRICT;
      CREATE INDEX webhook_messages_due ON webhook_messages (state, next_attempt_at);
      CREATE INDEX webhook_messages_by_webhook ON webhook_messages (webhook, seq);
    `,
  },
  {
    version: 7,
    name: 'kpis',
    sql: `
      -- One row per contribution of a member, written in the transaction of the action. No IP,
      -- no text: a community, a member id (null once the member is erased), a kind and a day.
      CREATE TABLE activity (
        seq       INTEGER PRIMARY KEY AUTOINCREMENT,
        community TEXT NOT NULL REFERENCES communities (slug) ON DELETE CASCADE,
        member_id TEXT REFERENCES members (id) ON DELETE SET NULL,
        kind      TEXT NOT NULL
                  CHECK (kind IN ('question', 'vote', 'testimonial', 'report', 'reveal', 'copy')),
        day       TEXT NOT NULL,                          -- UTC date, YYYY-MM-DD
        at        TEXT NOT NULL
      ) STRICT;
      CREATE INDEX activity_by_day ON activity (community, day, member_id);
      CREATE INDEX activity_by_member ON activity (member_id, day);
      CREATE INDEX members_by_join ON members (community, joined_at);

      -- Daily rollups, kept by UPSERTs in the write transactions; counts only.
      CREATE TABLE kpi_daily (
        community              TEXT NOT NULL REFERENCES communities (slug) ON DELETE CASCADE,
        day                    TEXT NOT NULL,             -- UTC date, YYYY-MM-DD
        members                INTEGER NOT NULL DEFAULT 0, -- members (any status) after the day's last join or leave
        joins                  INTEGER NOT NULL DEFAULT 0,
        waitlisted             INTEGER NOT NULL DEFAULT 0, -- joins that were waitlisted
        leaves                 INTEGER NOT NULL DEFAULT 0,
        questions              INTEGER NOT NULL DEFAULT 0,
        votes                  INTEGER NOT NULL DEFAULT 0,
        reports                INTEGER NOT NULL DEFAULT 0,
        testimonials_submitted INTEGER NOT NULL DEFAULT 0,
        testimonials_approved  INTEGER NOT NULL DEFAULT 0, -- of those submitted that day, approved since
        reveals                INTEGER NOT NULL DEFAULT 0,
        copies                 INTEGER NOT NULL DEFAULT 0,
        redemptions            INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (community, day)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE kpi_revenue (
        community   TEXT NOT NULL REFERENCES communities (slug) ON DELETE CASCADE,
        day         TEXT NOT NULL,
        currency    TEXT NOT NULL,
        redemptions INTEGER NOT NULL DEFAULT 0,
        amount      REAL NOT NULL DEFAULT 0,
        PRIMARY KEY (community, day, currency)
      ) STRICT, WITHOUT ROWID;

      -- One row per member who left (or was erased): the join day only, so join-week cohorts
      -- keep their size. No member id.
      CREATE TABLE member_exits (
        seq       INTEGER PRIMARY KEY AUTOINCREMENT,
        community TEXT NOT NULL REFERENCES communities (slug) ON DELETE CASCADE,
        join_day  TEXT NOT NULL,
        left_day  TEXT NOT NULL
      ) STRICT;
      CREATE INDEX member_exits_by_join ON member_exits (community, join_day);

      -- The joins of the members there are, per day, with the running count.
      INSERT INTO kpi_daily (community, day, members, joins, waitlisted)
        SELECT m.community, substr(m.joined_at, 1, 10),
               (SELECT COUNT(*) FROM members o WHERE o.community = m.community
                  AND substr(o.joined_at, 1, 10) <= substr(m.joined_at, 1, 10)),
               COUNT(*), SUM(CASE WHEN m.status = 'waitlisted' THEN 1 ELSE 0 END)
        FROM members m GROUP BY m.community, substr(m.joined_at, 1, 10);
    `,
  },
  {
    version: 8,
    name: 'kpis-depth',
    sql: `
      ALTER TABLE kpi_daily ADD COLUMN visitors INTEGER NOT NULL DEFAULT 0;  -- distinct visitor hashes that day
      -- Members who joined that day whose first contribution came within 7 days (day 0–6).
      ALTER TABLE kpi_daily ADD COLUMN activated INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE kpi_daily ADD COLUMN testimonials_photo INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE kpi_daily ADD COLUMN rating_sum INTEGER NOT NULL DEFAULT 0;
      -- Active members in the 1, 7 and 28 days ending the day, frozen when the day closes
      -- (the first contribution of a later day): an erasure after that leaves them as they were.
      ALTER TABLE kpi_daily ADD COLUMN active1 INTEGER;
      ALTER TABLE kpi_daily ADD COLUMN active7 INTEGER;
      ALTER TABLE kpi_daily ADD COLUMN active28 INTEGER;

      -- Each member's latest contribution day (deleted with the member), and the last closed day.
      CREATE TABLE member_activity (
        member_id TEXT PRIMARY KEY REFERENCES members (id) ON DELETE CASCADE,
        community TEXT NOT NULL,
        last_day  TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX member_activity_by_day ON member_activity (community, last_day);
      CREATE TABLE kpi_state (
        community      TEXT PRIMARY KEY REFERENCES communities (slug) ON DELETE CASCADE,
        closed_through TEXT NOT NULL                    -- active1/7/28 are frozen up to this day
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX activity_by_kind ON activity (community, kind, day, member_id);

      -- Visitors without cookies: a hash of (the day's salt, community, IP, user agent). The
      -- salt of a day is deleted with that day's hashes once the day is over.
      CREATE TABLE visitor_salts (
        day  TEXT PRIMARY KEY,
        salt TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE visitor_hashes (
        community TEXT NOT NULL REFERENCES communities (slug) ON DELETE CASCADE,
        day       TEXT NOT NULL,
        scope     TEXT NOT NULL,                        -- '' for the community, 's<seq>' for a session's stream
        hash      TEXT NOT NULL,
        PRIMARY KEY (community, day, scope, hash)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX visitor_hashes_by_day ON visitor_hashes (day);

      -- Per live session: distinct stream viewers and the most streams open at once.
      CREATE TABLE session_stats (
        session      INTEGER PRIMARY KEY REFERENCES sessions (seq) ON DELETE CASCADE,
        viewers      INTEGER NOT NULL DEFAULT 0,
        peak_viewers INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      -- Per offer and day: the funnel, and the revenue per currency.
      CREATE TABLE kpi_offers (
        offer       INTEGER NOT NULL REFERENCES offers (seq) ON DELETE CASCADE,
        day         TEXT NOT NULL,
        views       INTEGER NOT NULL DEFAULT 0,
        reveals     INTEGER NOT NULL DEFAULT 0,
        copies      INTEGER NOT NULL DEFAULT 0,
        redemptions INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (offer, day)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE kpi_offer_revenue (
        offer       INTEGER NOT NULL REFERENCES offers (seq) ON DELETE CASCADE,
        day         TEXT NOT NULL,
        currency    TEXT NOT NULL,
        redemptions INTEGER NOT NULL DEFAULT 0,
        amount      REAL NOT NULL DEFAULT 0,
        PRIMARY KEY (offer, day, currency)
      ) STRICT, WITHOUT ROWID;

      -- What the rows already there tell (teaser views and copies before this migration were
      -- counted per offer, not per day: they are not spread over days).
      INSERT INTO member_activity (member_id, community, last_day)
        SELECT member_id, community, MAX(day) FROM activity
        WHERE member_id IS NOT NULL GROUP BY member_id, community;
      -- Active counts of every day up to the day before the latest contribution, frozen now.
      INSERT INTO kpi_state (community, closed_through)
        SELECT community, date(MAX(day), '-1 day') FROM activity GROUP BY community;
      WITH RECURSIVE d (community, day, last) AS (
        SELECT community, MIN(day), date(MAX(day), '-1 day') FROM activity GROUP BY community
        UNION ALL SELECT community, date(day, '+1 day'), last FROM d WHERE day < last)
      INSERT INTO kpi_daily (community, day, members, active1, active7, active28)
        SELECT d.community, d.day,
          COALESCE((SELECT p.members FROM kpi_daily p WHERE p.community = d.community
            AND p.day <= d.day ORDER BY p.day DESC LIMIT 1), 0),
          (SELECT COUNT(DISTINCT a.member_id) FROM activity a
            WHERE a.community = d.community AND a.day = d.day),
          (SELECT COUNT(DISTINCT a.member_id) FROM activity a WHERE a.community = d.community
            AND a.day > date(d.day, '-7 days') AND a.day <= d.day),
          (SELECT COUNT(DISTINCT a.member_id) FROM activity a WHERE a.community = d.community
            AND a.day > date(d.day, '-28 days') AND a.day <= d.day)
        FROM d WHERE d.day <= d.last
        ON CONFLICT (community, day) DO UPDATE SET active1 = excluded.active1,
          active7 = excluded.active7, active28 = excluded.active28;
      UPDATE kpi_daily SET
        activated = (SELECT COUNT(*) FROM members m WHERE m.community = kpi_daily.community
          AND substr(m.joined_at, 1, 10) = kpi_daily.day
          AND (SELECT MIN(a.day) FROM activity a WHERE a.member_id = m.id) <= date(kpi_daily.day, '+6 days')),
        testimonials_photo = (SELECT COUNT(*) FROM testimonials t WHERE t.community = kpi_daily.community
          AND substr(t.submitted_at, 1, 10) = kpi_daily.day AND t.photo_id IS NOT NULL),
        rating_sum = (SELECT COALESCE(SUM(t.rating), 0) FROM testimonials t
          WHERE t.community = kpi_daily.community AND substr(t.submitted_at, 1, 10) = kpi_daily.day);
      INSERT INTO kpi_offers (offer, day, reveals)
        SELECT offer, substr(revealed_at, 1, 10), COUNT(*) FROM (
          SELECT offer, revealed_at FROM offer_reveals
          UNION ALL SELECT offer, revealed_at FROM offer_codes WHERE revealed_at IS NOT NULL)
        GROUP BY offer, substr(revealed_at, 1, 10);
      INSERT INTO kpi_offers (offer, day, redemptions)
        SELECT offer, substr(created_at, 1, 10), COUNT(*) FROM redemptions
        GROUP BY offer, substr(created_at, 1, 10)
        ON CONFLICT (offer, day) DO UPDATE SET redemptions = excluded.redemptions;
      INSERT INTO kpi_offer_revenue (offer, day, currency, redemptions, amount)
        SELECT offer, substr(created_at, 1, 10), currency, COUNT(*), SUM(amount) FROM redemptions
        GROUP BY offer, substr(created_at, 1, 10), currency;
    `,
  },
  {
    version: 9,
    name: 'session-kpis-frozen',
    sql: `
      -- The participation figures of a session that ended before today, computed once by the
      -- first KPI read after that day and kept (null until then).
      ALTER TABLE session_stats ADD COLUMN askers INTEGER;
      ALTER TABLE session_stats ADD COLUMN voters INTEGER;
      ALTER TABLE session_stats ADD COLUMN participants INTEGER;
      ALTER TABLE session_stats ADD COLUMN questions INTEGER;
      ALTER TABLE session_stats ADD COLUMN answered INTEGER;
      ALTER TABLE session_stats ADD COLUMN median_answer_seconds INTEGER;
    `,
  },
  {
    version: 10,
    name: 'kept-counts',
    sql: `
      -- The figures the public reads show, kept by the write transactions that change them
      -- (docs/server.md, "Kept counts") instead of counted on every read; filled from the rows.
      ALTER TABLE communities ADD COLUMN member_count INTEGER NOT NULL DEFAULT 0
        CHECK (member_count >= 0);     -- active members
      ALTER TABLE communities ADD COLUMN waitlist_count INTEGER NOT NULL DEFAULT 0
        CHECK (waitlist_count >= 0);   -- waitlisted members
      ALTER TABLE communities ADD COLUMN testimonial_count INTEGER NOT NULL DEFAULT 0
        CHECK (testimonial_count >= 0); -- approved testimonials
      ALTER TABLE communities ADD COLUMN rating_total INTEGER NOT NULL DEFAULT 0
        CHECK (rating_total >= 0);     -- the sum of their ratings
      ALTER TABLE sessions ADD COLUMN question_count INTEGER NOT NULL DEFAULT 0
        CHECK (question_count >= 0);   -- visible questions (open or answered)
      -- The same wall aggregate per tag (the wall's tag filter).
      CREATE TABLE wall_tags (
        community         TEXT NOT NULL REFERENCES communities (slug) ON DELETE CASCADE,
        tag               TEXT NOT NULL,
        testimonial_count INTEGER NOT NULL DEFAULT 0 CHECK (testimonial_count >= 0),
        rating_total      INTEGER NOT NULL DEFAULT 0 CHECK (rating_total >= 0),
        PRIMARY KEY (community, tag)
      ) STRICT, WITHOUT ROWID;

      UPDATE communities SET
        member_count = (SELECT COUNT(*) FROM members m
          WHERE m.community = communities.slug AND m.status = 'active'),
        waitlist_count = (SELECT COUNT(*) FROM members m
          WHERE m.community = communities.slug AND m.status = 'waitlisted'),
        testimonial_count = (SELECT COUNT(*) FROM testimonials t
          WHERE t.community = communities.slug AND t.state = 'approved'),
        rating_total = (SELECT COALESCE(SUM(t.rating), 0) FROM testimonials t
          WHERE t.community = communities.slug AND t.state = 'approved');
      UPDATE sessions SET question_count = (SELECT COUNT(*) FROM questions q
        WHERE q.session = sessions.seq AND q.state IN ('open', 'answered'));
      INSERT INTO wall_tags (community, tag, testimonial_count, rating_total)
        SELECT g.community, g.tag, COUNT(*), SUM(t.rating)
        FROM testimonial_tags g JOIN testimonials t ON t.seq = g.testimonial
        WHERE t.state = 'approved' GROUP BY g.community, g.tag;

      -- The question list's two orders, over the visible questions only: a page reads its
      -- rows in order and stops, whatever the session holds.
      CREATE INDEX questions_top ON questions (session, pinned DESC, votes DESC, seq)
        WHERE state IN ('open', 'answered');
      CREATE INDEX questions_recent ON questions (session, seq) WHERE state IN ('open', 'answered');
    `,
  },
  {
    version: 12,
    name: 'stream-presence',
    sql: `
      -- Event streams open now, per server instance and live session: a session's peak of
      -- streams open at once is the sum over the instances seen in the last two minutes
      -- (kpis/visitors.ts). An instance refreshes its rows while it has streams open.
      CREATE TABLE stream_presence (
        instance TEXT NOT NULL,     -- random, per server process
        session  INTEGER NOT NULL REFERENCES sessions (seq) ON DELETE CASCADE,
        open     INTEGER NOT NULL CHECK (open >= 1),
        seen_at  TEXT NOT NULL,
        PRIMARY KEY (instance, session)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX stream_presence_by_session ON stream_presence (session, seen_at);
    `,
  },
  {
    version: 13,
    name: 'tag-orders',
    sql: `
      -- The wall's tag filter in its two orders: each tag row carries its testimonial's rating
      -- and, while it is on the wall (approved), its published_at, kept by the writes that
      -- approve it or take it off (wall/rules.ts, countOnWall); a tag page reads them in order.
      ALTER TABLE testimonial_tags ADD COLUMN published_at TEXT;
      ALTER TABLE testimonial_tags ADD COLUMN rating INTEGER;
      UPDATE testimonial_tags SET
        rating = (SELECT t.rating FROM testimonials t WHERE t.seq = testimonial_tags.testimonial),
        published_at = (SELECT t.published_at FROM testimonials t
          WHERE t.seq = testimonial_tags.testimonial AND t.state = 'approved');
      CREATE INDEX testimonial_tags_recent ON testimonial_tags (community, tag, published_at, testimonial)
        WHERE published_at IS NOT NULL;
      CREATE INDEX testimonial_tags_rating
        ON testimonial_tags (community, tag, rating, published_at, testimonial)
        WHERE published_at IS NOT NULL;
    `,
  },
];
