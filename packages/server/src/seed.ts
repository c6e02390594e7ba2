/** Seeding communities and live sessions: the demo (`--seed demo`) and what a test or script needs. */
import { randomBytes } from 'node:crypto';
import type { Disclosure, Invite, Moderation, SessionState } from '@cercle/client';
import {
  demoCommunities,
  demoMemberName,
  demoQuestions,
  demoSessions,
  type DemoQuestion,
} from '@cercle/client/demo';
import { sha256 } from './crypto.js';
import type { Db } from './db.js';
import { getCommunity, insertMember, promoteFromWaitlist } from './store.js';
import { seedDemoTestimonials } from './wall-seed.js';
import { seedDemoOffers } from './offers-seed.js';

export interface CommunitySeed {
  slug: string;
  name: string;
  tagline?: string;
  /** Most active members; `null` (the default) for no limit. */
  capacity?: number | null;
  /** When full: `waitlist` (the default) queues new joiners, `closed` refuses them. */
  whenFull?: 'waitlist' | 'closed';
  privacyPolicyUrl?: string;
  consentVersion?: string;
  disclosure?: Disclosure;
  /** Origins allowed to call the API from a browser (CORS); `http://localhost:*` = any port. */
  allowedOrigins?: readonly string[];
  invites?: readonly Invite[];
  /** Members to create when the community is first created (names from `demoMemberName`). */
  seedMembers?: number;
}

export interface SeedOptions {
  /** Stores this key's hash as the community's host key (else the server's key applies). */
  hostKey?: string;
  now?: Date;
}

/** Hours between two seeded members' join dates, so the demo has some history. */
const SEED_SPACING_MS = 36 * 60 * 60 * 1000;

/**
 * Creates the community, or updates its settings if it exists. Seeded members are created
 * only when the community is new, so seeding twice never duplicates them. Seeded members
 * have no email and a token nobody knows; their consent is recorded at their join date.
 * Returns whether the community was created.
 */
export function seedCommunity(db: Db, seed: CommunitySeed, options: SeedOptions = {}): boolean {
  const now = options.now ?? new Date();
  const consentVersion = seed.consentVersion ?? '1';
  return db
    .transaction((): boolean => {
      const created = getCommunity(db, seed.slug) === undefined;
      db.prepare(
        `INSERT INTO communities (slug, name, tagline, capacity, when_full, privacy_policy_url,
           consent_version, disclosure, allowed_origins, invites, host_key_hash, created_at)
         VALUES (@slug, @name, @tagline, @capacity, @whenFull, @privacyPolicyUrl, @consentVersion,
           @disclosure, @allowedOrigins, @invites, @hostKeyHash, @now)
         ON CONFLICT (slug) DO UPDATE SET
           name = excluded.name, tagline = excluded.tagline, capacity = excluded.capacity,
           when_full = excluded.when_full, privacy_policy_url = excluded.privacy_policy_url,
           consent_version = excluded.consent_version, disclosure = excluded.disclosure,
           allowed_origins = excluded.allowed_origins, invites = excluded.invites,
           host_key_hash = coalesce(excluded.host_key_hash, communities.host_key_hash)`,
      ).run({
        slug: seed.slug,
        name: seed.name,
        tagline: seed.tagline ?? '',
        capacity: seed.capacity ?? null,
        whenFull: seed.whenFull ?? 'waitlist',
        privacyPolicyUrl: seed.privacyPolicyUrl ?? 'https://example.com/privacy',
        consentVersion,
        disclosure: seed.disclosure ?? 'none',
        allowedOrigins: JSON.stringify(seed.allowedOrigins ?? []),
        invites: JSON.stringify(seed.invites ?? []),
        hostKeyHash: options.hostKey === undefined ? null : sha256(options.hostKey),
        now: now.toISOString(),
      });
      const community = getCommunity(db, seed.slug);
      if (!community) throw new Error(`seeding "${seed.slug}" failed`);
      if (created) {
        const count = seed.seedMembers ?? 0;
        for (let i = 0; i < count; i++) {
          const at = new Date(now.getTime() - (count - i) * SEED_SPACING_MS).toISOString();
          const room = community.capacity === null || i < community.capacity;
          insertMember(
            db,
            seed.slug,
            { displayName: demoMemberName(i), consentVersion },
            room ? 'active' : 'waitlisted',
            at,
          );
        }
      } else {
        promoteFromWaitlist(db, community);
      }
      return created;
    })
    .immediate();
}

export interface SessionSeed {
  community: string;
  /** The session's slug, unique in its community. */
  id: string;
  title: string;
  /** Default `scheduled`. */
  state?: SessionState;
  /** Default: the seeding time. */
  startsAt?: Date;
  /** Default `post`: questions show at once. */
  moderation?: Moderation;
  disclosure?: Disclosure;
}

/**
 * Creates a live session if the community has none with this id (an existing one is left
 * as it is: its host may have started or ended it). Returns whether it was created.
 */
export function seedSession(db: Db, seed: SessionSeed, options: { now?: Date } = {}): boolean {
  const now = options.now ?? new Date();
  const state = seed.state ?? 'scheduled';
  return (
    db
      .prepare(
        `INSERT INTO sessions (community, id, title, state, starts_at, ended_at, moderation, disclosure, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (community, id) DO NOTHING`,
      )
      .run(
        seed.community,
        seed.id,
        seed.title,
        state,
        (seed.startsAt ?? now).toISOString(),
        state === 'ended' ? now.toISOString() : null,
        seed.moderation ?? 'post',
        seed.disclosure ?? 'none',
        now.toISOString(),
      ).changes === 1
  );
}

/**
 * Adds the demo's questions to a session just created: authors and voters are the seeded
 * members (`authorIndex`, members 0 … votes − 1, in join order), so every count has its
 * vote rows. Anonymous demo questions have no author at all.
 */
function seedQuestions(db: Db, session: number, questions: readonly DemoQuestion[], now: Date) {
  const community = (db
    .prepare('SELECT community FROM sessions WHERE seq = ?')
    .pluck()
    .get(session) ?? '') as string;
  const members = db
    .prepare(
      "SELECT id, display_name FROM members WHERE community = ? AND status = 'active' ORDER BY seq",
    )
    .all(community) as { id: string; display_name: string }[];
  const insert = db.prepare(
    `INSERT INTO questions (id, session, member_id, author, anonymous, text, state, pinned,
       answer_text, answered_at, votes, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
  );
  const vote = db.prepare('INSERT INTO votes (question, member_id, created_at) VALUES (?, ?, ?)');
  for (const q of questions) {
    const author = q.authorIndex === null ? undefined : members[q.authorIndex];
    const askedAt = new Date(now.getTime() - q.askedMsAgo);
    const voters = members.slice(0, q.votes);
    const seq = insert
      .pluck()
      .get(
        `q_${randomBytes(12).toString('base64url')}`,
        session,
        author?.id ?? null,
        author?.display_name ?? null,
        author ? 0 : 1,
        q.text,
        q.state,
        q.pinned ? 1 : 0,
        q.answer ?? null,
        q.answer === undefined ? null : new Date(now.getTime() - q.askedMsAgo / 2).toISOString(),
        voters.length,
        askedAt.toISOString(),
      ) as number;
    voters.forEach((voter, i) => {
      vote.run(seq, voter.id, new Date(askedAt.getTime() + (i + 1) * 1000).toISOString());
    });
  }
}

/**
 * Seeds the demo: the communities (`maison-verte`, `le-fournil`), the live session
 * `dimanche-live` with its questions and votes, and the scheduled `jeudi-pain`. Idempotent:
 * what exists is left alone.
 */
export function seedDemo(db: Db, options: SeedOptions = {}): void {
  const now = options.now ?? new Date();
  for (const community of demoCommunities) seedCommunity(db, community, options);
  for (const session of demoSessions) {
    db.transaction(() => {
      const created = seedSession(
        db,
        {
          community: session.community,
          id: session.id,
          title: session.title,
          state: session.state,
          startsAt: new Date(now.getTime() + session.startsInMs),
          moderation: session.moderation,
        },
        { now },
      );
      if (!created) return;
      const seq = db
        .prepare('SELECT seq FROM sessions WHERE community = ? AND id = ?')
        .pluck()
        .get(session.community, session.id) as number;
      const questions = demoQuestions.filter(
        (q) => q.community === session.community && q.session === session.id,
      );
      seedQuestions(db, seq, questions, now);
    }).immediate();
  }
  seedDemoTestimonials(db, now);
  seedDemoOffers(db, now);
}
