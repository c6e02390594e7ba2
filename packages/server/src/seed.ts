/** Seeding communities: the demo (`--seed demo`) and any community a test or script needs. */
import type { Disclosure, Invite } from '@cercle/client';
import { demoCommunities, demoMemberName } from '@cercle/client/demo';
import { sha256 } from './crypto.js';
import type { Db } from './db.js';
import { getCommunity, insertMember, promoteFromWaitlist } from './store.js';

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

/** Seeds the demo communities (`maison-verte`, `le-fournil`). Idempotent. */
export function seedDemo(db: Db, options: SeedOptions = {}): void {
  for (const community of demoCommunities) seedCommunity(db, community, options);
}
