/** Seeding communities and live sessions: the demo (`--seed demo`) and what a test or script needs. */
import type { Disclosure, Invite, Moderation, SessionState } from '@cercle/client';
import {
  demoCommunities,
  demoMemberName,
  demoOwnerKey,
  demoQuestions,
  demoSessions,
  type DemoQuestion,
} from '@cercle/client/demo';
import { newId, sha256 } from '../core/crypto.js';
import { getSession, insertSession } from '../live/rules.js';
import {
  getCommunity,
  insertCommunity,
  insertMember,
  promoteFromWaitlist,
  requireCommunityRow,
} from '../membership/rules.js';
import { recountCommunity } from '../communities/rules.js';
import type { Sql, Store } from '../store/store.js';
import { insertHost } from '../hosts/rules.js';
import { seedKpiHistory } from './history.js';
import { recordJoin } from '../kpis/activity.js';
import { seedDemoOffers } from './offers.js';
import { seedDemoTestimonials } from './wall.js';

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
  /**
   * The key of the community's owner ("Demo owner"), created if no host holds it yet.
   * A function picks one per community; the demo's default is `demoOwnerKey(slug)`.
   */
  ownerKey?: string | ((community: string) => string);
  now?: Date;
}

/** Gives the community an owner holding `key`, unless a host of it holds that key already. */
async function seedOwner(tx: Sql, community: string, key: string, now: Date): Promise<void> {
  const held = await tx.get<{ community: string }>(
    'SELECT community FROM hosts WHERE key_hash = ?',
    await sha256(key),
  );
  if (held?.community === community) return;
  if (held)
    throw new Error(`the owner key given for "${community}" belongs to "${held.community}"`);
  await insertHost(tx, community, { name: 'Demo owner', role: 'owner' }, 'operator', now, key);
}

/** Hours between two seeded members' join dates, so the demo has some history. */
const SEED_SPACING_MS = 36 * 60 * 60 * 1000;

/**
 * Creates the community, or updates its settings if it exists. Seeded members are created
 * only when the community is new, so seeding twice never duplicates them. Seeded members
 * have no email and a token nobody knows; their consent is recorded at their join date.
 * Returns whether the community was created.
 */
export async function seedCommunity(
  store: Store,
  seed: CommunitySeed,
  options: SeedOptions = {},
): Promise<boolean> {
  const now = options.now ?? new Date();
  const consentVersion = seed.consentVersion ?? '1';
  const ownerKey =
    typeof options.ownerKey === 'function' ? options.ownerKey(seed.slug) : options.ownerKey;
  const settings = {
    slug: seed.slug,
    name: seed.name,
    tagline: seed.tagline ?? '',
    capacity: seed.capacity ?? null,
    whenFull: seed.whenFull ?? 'waitlist',
    privacyPolicyUrl: seed.privacyPolicyUrl ?? 'https://example.com/privacy',
    consentVersion,
    disclosure: seed.disclosure ?? 'none',
    allowedOrigins: [...(seed.allowedOrigins ?? [])],
    invites: [...(seed.invites ?? [])],
  };
  return store.write(seed.slug, async (tx): Promise<boolean> => {
    const existing = await getCommunity(tx, seed.slug);
    if (!existing) {
      await insertCommunity(tx, settings, now);
      if (ownerKey !== undefined) await seedOwner(tx, seed.slug, ownerKey, now);
      const count = seed.seedMembers ?? 0;
      for (let i = 0; i < count; i++) {
        const at = new Date(now.getTime() - (count - i) * SEED_SPACING_MS).toISOString();
        const room = settings.capacity === null || i < settings.capacity;
        await insertMember(
          tx,
          seed.slug,
          { displayName: demoMemberName(i), consentVersion },
          room ? 'active' : 'waitlisted',
          at,
        );
        // Counted like any join, on its day, so the KPIs start from the members there are.
        await recordJoin(tx, seed.slug, room ? 'active' : 'waitlisted', new Date(at));
      }
      return true;
    }
    await tx.run(
      `UPDATE communities SET name = ?, tagline = ?, capacity = ?, when_full = ?,
         privacy_policy_url = ?, consent_version = ?, disclosure = ?, allowed_origins = ?,
         invites = ?
       WHERE slug = ?`,
      settings.name,
      settings.tagline,
      settings.capacity,
      settings.whenFull,
      settings.privacyPolicyUrl,
      settings.consentVersion,
      settings.disclosure,
      JSON.stringify(settings.allowedOrigins),
      JSON.stringify(settings.invites),
      seed.slug,
    );
    if (ownerKey !== undefined) await seedOwner(tx, seed.slug, ownerKey, now);
    await promoteFromWaitlist(tx, await requireCommunityRow(tx, seed.slug));
    return false;
  });
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

/** Creates the session unless it exists (then left as is); whether it was created. Call in a write. */
async function addSession(tx: Sql, seed: SessionSeed, now: Date): Promise<number | undefined> {
  if (await getSession(tx, seed.community, seed.id)) return undefined;
  const row = await insertSession(
    tx,
    seed.community,
    seed.id,
    {
      title: seed.title,
      state: seed.state,
      startsAt: (seed.startsAt ?? now).toISOString(),
      moderation: seed.moderation,
      disclosure: seed.disclosure,
    },
    now,
  );
  return row.seq;
}

/**
 * Creates a live session if the community has none with this id (an existing one is left
 * as it is: its host may have started or ended it). Returns whether it was created.
 */
export async function seedSession(
  store: Store,
  seed: SessionSeed,
  options: { now?: Date } = {},
): Promise<boolean> {
  const now = options.now ?? new Date();
  return store.write(seed.community, async (tx) => (await addSession(tx, seed, now)) !== undefined);
}

/**
 * Adds the demo's questions to a session just created: authors and voters are the seeded
 * members (`authorIndex`, members 0 … votes − 1, in join order), so every count has its
 * vote rows. Anonymous demo questions have no author at all.
 */
async function seedQuestions(
  tx: Sql,
  community: string,
  session: number,
  questions: readonly DemoQuestion[],
  now: Date,
): Promise<void> {
  const members = await tx.all<{ id: string; display_name: string }>(
    "SELECT id, display_name FROM members WHERE community = ? AND status = 'active' ORDER BY seq",
    community,
  );
  for (const q of questions) {
    const author = q.authorIndex === null ? undefined : members[q.authorIndex];
    const askedAt = new Date(now.getTime() - q.askedMsAgo);
    const voters = members.slice(0, q.votes);
    const seq = (await tx.value<number>(
      `INSERT INTO questions (id, session, member_id, author, anonymous, text, state, pinned,
         answer_text, answered_at, votes, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
      newId('q'),
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
    )) as number;
    for (const [i, voter] of voters.entries()) {
      await tx.run(
        'INSERT INTO votes (question, member_id, created_at) VALUES (?, ?, ?)',
        seq,
        voter.id,
        new Date(askedAt.getTime() + (i + 1) * 1000).toISOString(),
      );
    }
  }
}

/** The demo community given a seeded KPI history (docs/kpis.md, "The demo history"). */
const HISTORY_COMMUNITY = 'maison-verte';

/**
 * Seeds the demo: the communities (`maison-verte`, `le-fournil`), the live session
 * `dimanche-live` with its questions and votes, the scheduled `jeudi-pain`, the testimonials
 * and the offers, and `maison-verte`'s KPI history when it is created. Idempotent: what
 * exists is left alone.
 */
export async function seedDemo(store: Store, options: SeedOptions = {}): Promise<void> {
  const now = options.now ?? new Date();
  const demo = { ownerKey: demoOwnerKey, ...options };
  const created = new Set<string>();
  for (const community of demoCommunities) {
    if (await seedCommunity(store, community, demo)) created.add(community.slug);
  }
  // The KPI history, only over members this seeding created (so never twice), and before the
  // testimonials, which copy their authors' (re-dated) join dates.
  if (created.has(HISTORY_COMMUNITY)) await seedKpiHistory(store, HISTORY_COMMUNITY, { now });
  for (const session of demoSessions) {
    await store.write(session.community, async (tx) => {
      const seq = await addSession(
        tx,
        {
          community: session.community,
          id: session.id,
          title: session.title,
          state: session.state,
          startsAt: new Date(now.getTime() + session.startsInMs),
          moderation: session.moderation,
        },
        now,
      );
      if (seq === undefined) return;
      const questions = demoQuestions.filter(
        (q) => q.community === session.community && q.session === session.id,
      );
      await seedQuestions(tx, session.community, seq, questions, now);
      // The questions were inserted directly: the session's count, from the rows.
      await recountCommunity(tx, session.community);
    });
  }
  await seedDemoTestimonials(store, now);
  await seedDemoOffers(store, now);
}
