/**
 * A community's life on the brand's side: creation by the operator with its first owner,
 * the settings the owner edits (with a new consent version whenever the consent text
 * changes), archiving, and the host's view of it all.
 */
import type { CommunityUpdate, ConsentRecord, HostCommunity } from '@cercle/client';
import type { CommunityInput } from '@cercle/client';
import type { CreatedCommunity } from '@cercle/client/admin';
import type { Actor } from '../core/context.js';
import { ApiError } from '../core/errors.js';
import { idempotent, type IdempotentAnswer } from '../core/idempotency.js';
import { audit } from '../audit/rules.js';
import { insertHost } from '../hosts/rules.js';
import {
  allowedOrigins,
  communityInfo,
  getCommunity,
  insertCommunity,
  invitesOf,
  promoteFromWaitlist,
  requireCommunityRow,
} from '../membership/rules.js';
import type { CommunityRow } from '../store/rows.js';
import type { Sql, Store } from '../store/store.js';
import { setWallSettings, wallSettings } from '../wall/rules.js';

async function consentHistory(db: Sql, slug: string): Promise<ConsentRecord[]> {
  const rows = await db.all<{
    version: string;
    text: string | null;
    created_at: string;
    members: number;
  }>(
    `SELECT v.version, v.text, v.created_at,
       CAST((SELECT COUNT(*) FROM members m WHERE m.community = v.community
             AND m.consent_version = v.version) AS INTEGER) AS members
     FROM consent_versions v WHERE v.community = ? ORDER BY v.created_at DESC, v.version DESC`,
    slug,
  );
  return rows.map((r) => ({
    version: r.version,
    text: r.text,
    createdAt: r.created_at,
    members: r.members,
  }));
}

/** The hosts' and operator's view: the public one, every setting, the consent history. */
export async function hostCommunityView(db: Sql, row: CommunityRow): Promise<HostCommunity> {
  const wall = await wallSettings(db, row);
  const stored = await db.get<{ review_policy_url: string | null }>(
    'SELECT review_policy_url FROM wall_settings WHERE community = ?',
    row.slug,
  );
  return {
    ...communityInfo(row),
    whenFull: row.when_full,
    allowedOrigins: allowedOrigins(row),
    invites: invitesOf(row),
    consentText: row.consent_text,
    reviewPolicyUrl: stored?.review_policy_url ?? null,
    defaultLocale: row.default_locale,
    questionModeration: row.question_moderation,
    testimonialModeration: wall.moderation,
    consentHistory: await consentHistory(db, row.slug),
    archived: row.archived_at !== null,
    createdAt: row.created_at,
  };
}

export async function listCommunities(db: Sql): Promise<HostCommunity[]> {
  const rows = await db.all<CommunityRow>('SELECT * FROM communities ORDER BY created_at, slug');
  const out: HostCommunity[] = [];
  for (const row of rows) out.push(await hostCommunityView(db, row));
  return out;
}

/** Operator: a community with its settings and its first owner; `conflict` when the slug is taken. */
export function createCommunity(
  store: Store,
  input: CommunityInput,
  now: Date,
  idempotencyKey?: string,
): Promise<IdempotentAnswer<201, CreatedCommunity>> {
  const scope = {
    community: input.slug,
    route: 'createCommunity',
    key: idempotencyKey,
    request: input,
  };
  return store.write(input.slug, (tx) =>
    idempotent(tx, scope, now, async () => {
      if (await getCommunity(tx, input.slug)) {
        throw new ApiError('conflict', `The community "${input.slug}" already exists.`, {
          path: 'slug',
        });
      }
      await insertCommunity(tx, input, now);
      const row = await requireCommunityRow(tx, input.slug);
      if (input.testimonialModeration !== undefined || input.reviewPolicyUrl) {
        await setWallSettings(tx, row, {
          moderation: input.testimonialModeration,
          reviewPolicyUrl: input.reviewPolicyUrl ?? undefined,
        });
      }
      const { host, key } = await insertHost(
        tx,
        input.slug,
        { name: input.owner?.name ?? 'Owner', email: input.owner?.email, role: 'owner' },
        'operator',
        now,
      );
      await audit(
        tx,
        input.slug,
        { kind: 'operator' },
        {
          action: 'community.created',
          target: { kind: 'community', id: input.slug },
          details: { owner: host.id },
        },
        now,
      );
      const body = { community: await hostCommunityView(tx, row), owner: host, key };
      return { status: 201 as const, body, memberId: null };
    }),
  );
}

/** The next consent version: past every numeric one used so far, and past their count ("v1" → "2"). */
function nextVersion(used: readonly string[]): string {
  const numbers = used.map(Number).filter((n) => Number.isInteger(n) && n >= 0);
  let next = Math.max(used.length, ...numbers) + 1;
  while (used.includes(String(next))) next++;
  return String(next);
}

const COLUMNS: Partial<Record<keyof CommunityUpdate, string>> = {
  name: 'name',
  tagline: 'tagline',
  capacity: 'capacity',
  whenFull: 'when_full',
  privacyPolicyUrl: 'privacy_policy_url',
  disclosure: 'disclosure',
  defaultLocale: 'default_locale',
  questionModeration: 'question_moderation',
};

/**
 * Owner: changes settings. A consent text different from the current one records a new
 * version (members who accepted an earlier one keep it). Every change is audited with the
 * fields it touched.
 */
export async function updateSettings(
  store: Store,
  community: CommunityRow,
  input: CommunityUpdate,
  actor: Actor,
  now: Date,
): Promise<HostCommunity> {
  return store.write(community.slug, async (tx) => {
    const row = await requireCommunityRow(tx, community.slug);
    const sets: string[] = [];
    const params: (string | number | null)[] = [];
    const changed: Record<string, unknown> = {};
    for (const [field, column] of Object.entries(COLUMNS) as [keyof CommunityUpdate, string][]) {
      const value = input[field];
      if (value === undefined) continue;
      sets.push(`${column} = ?`);
      params.push(value as string | number | null);
      changed[field] = value;
    }
    if (input.allowedOrigins !== undefined) {
      sets.push('allowed_origins = ?');
      params.push(JSON.stringify(input.allowedOrigins));
      changed['allowedOrigins'] = input.allowedOrigins;
    }
    if (input.invites !== undefined) {
      sets.push('invites = ?');
      params.push(JSON.stringify(input.invites));
      changed['invites'] = input.invites;
    }
    const textChanged = input.consentText !== undefined && input.consentText !== row.consent_text;
    if (input.consentVersion !== undefined && !textChanged) {
      throw new ApiError(
        'validation_failed',
        'A new consent version goes with a new consent text.',
        [
          {
            path: 'consentVersion',
            message: 'send consentText with it (different from the current one)',
          },
        ],
      );
    }
    if (textChanged) {
      const used = (
        await tx.all<{ version: string }>(
          'SELECT version FROM consent_versions WHERE community = ?',
          row.slug,
        )
      ).map((r) => r.version);
      const version = input.consentVersion ?? nextVersion(used);
      if (used.includes(version)) {
        throw new ApiError(
          'conflict',
          `The consent version "${version}" was used before; pick a new one.`,
          {
            path: 'consentVersion',
          },
        );
      }
      await tx.run(
        'INSERT INTO consent_versions (community, version, text, created_at) VALUES (?, ?, ?, ?)',
        row.slug,
        version,
        input.consentText ?? null,
        now.toISOString(),
      );
      sets.push('consent_text = ?', 'consent_version = ?');
      params.push(input.consentText ?? null, version);
      changed['consentVersion'] = version;
      changed['consentText'] = input.consentText;
    }
    if (input.archived !== undefined && input.archived !== (row.archived_at !== null)) {
      sets.push('archived_at = ?');
      params.push(input.archived ? now.toISOString() : null);
    }
    if (sets.length > 0) {
      await tx.run(`UPDATE communities SET ${sets.join(', ')} WHERE slug = ?`, ...params, row.slug);
    }
    if (input.testimonialModeration !== undefined || input.reviewPolicyUrl !== undefined) {
      await setWallSettings(tx, row, {
        moderation: input.testimonialModeration,
        reviewPolicyUrl: input.reviewPolicyUrl ?? undefined,
      });
      if (input.reviewPolicyUrl === null) {
        await tx.run(
          'UPDATE wall_settings SET review_policy_url = NULL WHERE community = ?',
          row.slug,
        );
      }
      if (input.testimonialModeration !== undefined)
        changed['testimonialModeration'] = input.testimonialModeration;
      if (input.reviewPolicyUrl !== undefined) changed['reviewPolicyUrl'] = input.reviewPolicyUrl;
    }
    let updated = await requireCommunityRow(tx, row.slug);
    // More room (or no limit any more) lets the waitlist in, in order (the counts change).
    if (input.capacity !== undefined && (await promoteFromWaitlist(tx, updated)) > 0) {
      updated = await requireCommunityRow(tx, row.slug);
    }
    if (Object.keys(changed).length > 0) {
      await audit(
        tx,
        row.slug,
        actor,
        {
          action: 'settings.updated',
          target: { kind: 'community', id: row.slug },
          details: changed,
        },
        now,
      );
    }
    if (input.archived !== undefined && input.archived !== (row.archived_at !== null)) {
      await audit(
        tx,
        row.slug,
        actor,
        {
          action: input.archived ? 'community.archived' : 'community.restored',
          target: { kind: 'community', id: row.slug },
        },
        now,
      );
    }
    return hostCommunityView(tx, updated);
  });
}

/**
 * Sets a community's kept counts (migration 10) from its rows: its members by status, its
 * approved testimonials and their ratings (also per tag), each session's visible questions.
 * For rows written directly rather than through the rules (seeds, bulk loads); the rules
 * keep the counts themselves. Call inside a write.
 */
export async function recountCommunity(tx: Sql, slug: string): Promise<void> {
  await tx.run(
    `UPDATE communities SET
       member_count = (SELECT COUNT(*) FROM members m
         WHERE m.community = communities.slug AND m.status = 'active'),
       waitlist_count = (SELECT COUNT(*) FROM members m
         WHERE m.community = communities.slug AND m.status = 'waitlisted'),
       testimonial_count = (SELECT COUNT(*) FROM testimonials t
         WHERE t.community = communities.slug AND t.state = 'approved'),
       rating_total = (SELECT COALESCE(SUM(t.rating), 0) FROM testimonials t
         WHERE t.community = communities.slug AND t.state = 'approved')
     WHERE slug = ?`,
    slug,
  );
  await tx.run(
    `UPDATE sessions SET question_count = (SELECT COUNT(*) FROM questions q
       WHERE q.session = sessions.seq AND q.state IN ('open', 'answered'))
     WHERE community = ?`,
    slug,
  );
  await tx.run(
    `UPDATE testimonial_tags SET
       rating = (SELECT t.rating FROM testimonials t WHERE t.seq = testimonial_tags.testimonial),
       published_at = (SELECT t.published_at FROM testimonials t
         WHERE t.seq = testimonial_tags.testimonial AND t.state = 'approved')
     WHERE community = ?`,
    slug,
  );
  await tx.run('DELETE FROM wall_tags WHERE community = ?', slug);
  await tx.run(
    `INSERT INTO wall_tags (community, tag, testimonial_count, rating_total)
     SELECT g.community, g.tag, COUNT(*), SUM(t.rating)
     FROM testimonial_tags g JOIN testimonials t ON t.seq = g.testimonial
     WHERE g.community = ? AND t.state = 'approved' GROUP BY g.community, g.tag`,
    slug,
  );
}
