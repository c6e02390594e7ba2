/**
 * Membership: communities, joining (capacity, waitlist, consent), the member's views,
 * export and erasure. Every decision that reads then writes runs in one write transaction.
 */
import type {
  Community,
  CommunityInput,
  Invite,
  JoinResponse,
  JoinState,
  Member,
  MemberExport,
  MemberList,
  MemberStatus,
} from '@cercle/client';
import { newId, newSecret, sha256 } from '../core/crypto.js';
import { notify } from '../webhooks/outbox.js';
import { ApiError, refuse } from '../core/errors.js';
import { idempotent, prepareIdempotency, type IdempotentAnswer } from '../core/idempotency.js';
import type { CommunityRow, MemberRow } from '../store/rows.js';
import type { Sql, Store } from '../store/store.js';
import { recordJoin, recordLeave } from '../kpis/activity.js';

export const getCommunity = (db: Sql, slug: string): Promise<CommunityRow | undefined> =>
  db.get<CommunityRow>('SELECT * FROM communities WHERE slug = ?', slug);

export async function requireCommunityRow(db: Sql, slug: string): Promise<CommunityRow> {
  const row = await getCommunity(db, slug);
  if (!row) throw refuse.noCommunity(slug);
  return row;
}

export const allowedOrigins = (row: CommunityRow): string[] =>
  JSON.parse(row.allowed_origins) as string[];

export const invitesOf = (row: CommunityRow): Invite[] => JSON.parse(row.invites) as Invite[];

/** The column of `communities` that keeps the count of members in `status`. */
const COUNT_COLUMN: Readonly<Record<MemberStatus, 'member_count' | 'waitlist_count'>> = {
  active: 'member_count',
  waitlisted: 'waitlist_count',
};

/** Adds `by` to the kept count of the community's members in `status`. Call inside a write. */
const countMembers = (tx: Sql, slug: string, status: MemberStatus, by: number) =>
  tx.run(
    `UPDATE communities SET ${COUNT_COLUMN[status]} = ${COUNT_COLUMN[status]} + ? WHERE slug = ?`,
    by,
    slug,
  );

export function joinState(row: CommunityRow, active: number): JoinState {
  if (row.capacity === null || active < row.capacity) return 'open';
  return row.when_full === 'waitlist' ? 'waitlist' : 'closed';
}

/** The public view (`GET /v1/communities/{c}`). */
export function communityInfo(row: CommunityRow): Community {
  const active = row.member_count;
  return {
    slug: row.slug,
    name: row.name,
    tagline: row.tagline,
    memberCount: active,
    capacity: row.capacity,
    joinState: joinState(row, active),
    privacyPolicyUrl: row.privacy_policy_url,
    consentVersion: row.consent_version,
    disclosure: row.disclosure,
    consentText: row.consent_text,
    defaultLocale: row.default_locale,
  };
}

/** Inserts a community row and its first consent version (the caller checked the slug is free). */
export async function insertCommunity(tx: Sql, input: CommunityInput, now: Date): Promise<void> {
  const version = input.consentVersion ?? '1';
  await tx.run(
    `INSERT INTO communities (slug, name, tagline, capacity, when_full, privacy_policy_url,
       consent_version, consent_text, disclosure, allowed_origins, invites, default_locale,
       question_moderation, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    input.slug,
    input.name,
    input.tagline ?? '',
    input.capacity ?? null,
    input.whenFull ?? 'waitlist',
    input.privacyPolicyUrl,
    version,
    input.consentText ?? null,
    input.disclosure ?? 'none',
    JSON.stringify(input.allowedOrigins ?? []),
    JSON.stringify(input.invites ?? []),
    input.defaultLocale ?? 'en',
    input.questionModeration ?? 'post',
    now.toISOString(),
  );
  await tx.run(
    'INSERT INTO consent_versions (community, version, text, created_at) VALUES (?, ?, ?, ?)',
    input.slug,
    version,
    input.consentText ?? null,
    now.toISOString(),
  );
}

export const memberByToken = (db: Sql, slug: string, tokenHash: string) =>
  db.get<MemberRow>(
    'SELECT * FROM members WHERE community = ? AND token_hash = ?',
    slug,
    tokenHash,
  );

const waitlistPosition = async (db: Sql, row: MemberRow): Promise<number> =>
  (await db.value<number>(
    `SELECT CAST(COUNT(*) AS INTEGER) FROM members
     WHERE community = ? AND status = 'waitlisted' AND seq <= ?`,
    row.community,
    row.seq,
  )) ?? 0;

function toMember(row: MemberRow, position?: number): Member {
  return {
    id: row.id,
    displayName: row.display_name,
    status: row.status,
    joinedAt: row.joined_at,
    ...(row.status === 'waitlisted' && position !== undefined
      ? { waitlistPosition: position }
      : {}),
  };
}

export const memberView = async (db: Sql, row: MemberRow): Promise<Member> =>
  toMember(row, row.status === 'waitlisted' ? await waitlistPosition(db, row) : undefined);

/** `GET …/members/me`: invites only for active members. */
export const meView = async (db: Sql, community: CommunityRow, row: MemberRow) => ({
  member: await memberView(db, row),
  invites: row.status === 'active' ? invitesOf(community) : [],
});

/** `GET …/members/me/export`: the member's own row. */
export const exportView = (row: MemberRow, now: Date): MemberExport => ({
  exportedAt: now.toISOString(),
  community: row.community,
  member: {
    id: row.id,
    displayName: row.display_name,
    email: row.email,
    status: row.status,
    joinedAt: row.joined_at,
    consent: { version: row.consent_version, acceptedAt: row.consent_accepted_at },
  },
});

/** `GET …/members` (host): active members in join order, then the waitlist in order. */
export async function memberList(db: Sql, slug: string): Promise<MemberList> {
  const rows = await db.all<MemberRow>(
    `SELECT * FROM members WHERE community = ?
     ORDER BY CASE WHEN status = 'waitlisted' THEN 1 ELSE 0 END, seq`,
    slug,
  );
  let position = 0;
  const members = rows.map((row) =>
    toMember(row, row.status === 'waitlisted' ? ++position : undefined),
  );
  return { count: members.length, members };
}

/**
 * Moves the first waitlisted members in while there is room (the capacity of `row`, the
 * counts as stored now), keeping the counts. Call inside a write.
 */
export async function promoteFromWaitlist(tx: Sql, row: CommunityRow): Promise<number> {
  const counts = await tx.get<{ member_count: number; waitlist_count: number }>(
    'SELECT member_count, waitlist_count FROM communities WHERE slug = ?',
    row.slug,
  );
  if (!counts || counts.waitlist_count === 0) return 0;
  let promoted: number;
  if (row.capacity === null) {
    promoted = (
      await tx.run(
        "UPDATE members SET status = 'active' WHERE community = ? AND status = 'waitlisted'",
        row.slug,
      )
    ).changes;
  } else {
    const room = row.capacity - counts.member_count;
    if (room <= 0) return 0;
    promoted = (
      await tx.run(
        `UPDATE members SET status = 'active' WHERE seq IN (
           SELECT seq FROM members WHERE community = ? AND status = 'waitlisted' ORDER BY seq LIMIT ?)`,
        row.slug,
        room,
      )
    ).changes;
  }
  if (promoted > 0) {
    await tx.run(
      `UPDATE communities SET member_count = member_count + ?, waitlist_count = waitlist_count - ?
       WHERE slug = ?`,
      promoted,
      promoted,
      row.slug,
    );
  }
  return promoted;
}

export interface NewMember {
  displayName: string;
  email?: string | undefined;
  consentVersion: string;
}

/** A new member token and its hash (made before the transaction: hashing awaits). */
export async function newToken(): Promise<{ token: string; hash: string }> {
  const token = newSecret();
  return { token, hash: await sha256(token) };
}

/** Inserts a member (status decided by the caller), counted; its row and raw token. */
export async function insertMember(
  tx: Sql,
  slug: string,
  input: NewMember,
  status: MemberStatus,
  at: string,
  secret?: { token: string; hash: string },
): Promise<{ row: MemberRow; token: string }> {
  const { token, hash } = secret ?? (await newToken());
  const row = (await tx.get<MemberRow>(
    `INSERT INTO members (id, community, display_name, email, status, token_hash, joined_at,
                          consent_version, consent_accepted_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
    newId('mem'),
    slug,
    input.displayName,
    input.email ?? null,
    status,
    hash,
    at,
    input.consentVersion,
    at,
  )) as MemberRow;
  await countMembers(tx, slug, status, 1);
  return { row, token };
}

export type JoinResult = IdempotentAnswer<201 | 202, JoinResponse>;

/**
 * Joins `input` to the community: active while there is room, else waitlisted or refused
 * (`community_full`) as the community says. The consent version must be the current one.
 */
export async function join(
  store: Store,
  slug: string,
  input: NewMember,
  now: Date,
  idempotencyKey?: string,
): Promise<JoinResult> {
  const at = now.toISOString();
  // Hashing awaits: done before the transaction, which then waits on nothing but the store.
  const [secret, scope] = await Promise.all([
    newToken(),
    prepareIdempotency({
      community: slug,
      route: 'join',
      key: idempotencyKey,
      request: [input.displayName, input.email ?? null, input.consentVersion],
    }),
  ]);
  return store.write(slug, async (tx): Promise<JoinResult> => {
    const community = await requireCommunityRow(tx, slug);
    if (input.consentVersion !== community.consent_version) {
      throw refuse.consentChanged(community.consent_version);
    }
    return idempotent(tx, scope, now, async () => {
      const promoted = await promoteFromWaitlist(tx, community);
      const state = joinState(community, community.member_count + promoted);
      if (state === 'closed') {
        throw new ApiError(
          'community_full',
          `${community.name} is full and not taking new members.`,
        );
      }
      const status = state === 'open' ? 'active' : 'waitlisted';
      const { row, token } = await insertMember(tx, slug, input, status, at, secret);
      await notify(
        tx,
        slug,
        'member.joined',
        { member: row.id, status, consentVersion: row.consent_version },
        { displayName: row.display_name, email: row.email },
        now,
      );
      await recordJoin(tx, slug, status, now);
      return {
        status: state === 'open' ? 201 : 202,
        body: { member: await memberView(tx, row), token },
        memberId: row.id,
      };
    });
  });
}

/**
 * Erases the member's row (and with it, by cascade, any stored idempotent answer that named
 * them), then moves the first waitlisted members into the freed room. Call inside the leave
 * transaction, after the erasure of their content.
 */
export async function deleteMember(tx: Sql, member: MemberRow, now: Date): Promise<void> {
  // The status as it is now: the member may have been promoted since `member` was read.
  const gone = await tx.get<{ status: MemberStatus }>(
    'DELETE FROM members WHERE id = ? RETURNING status',
    member.id,
  );
  if (gone) await countMembers(tx, member.community, gone.status, -1);
  await notify(tx, member.community, 'member.left', { member: member.id }, {}, now);
  await recordLeave(tx, member, now);
  const community = await getCommunity(tx, member.community);
  if (community) await promoteFromWaitlist(tx, community);
}
