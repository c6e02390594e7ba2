/**
 * Membership over SQLite: every decision that reads and writes (join, leave, promotion
 * from the waitlist) runs in one IMMEDIATE transaction, so it is atomic even with several
 * processes on the same database file.
 */
import type {
  Community,
  CommunityInput,
  HostCommunity,
  Invite,
  JoinResponse,
  JoinState,
  Member,
  MemberExport,
  MemberList,
  MemberStatus,
} from '@cercle/client';
import { newMemberId, newSecret, seal, sha256, unseal } from './crypto.js';
import type { Db } from './db.js';
import { ApiError } from './errors.js';
import { sql } from './sql.js';

export interface CommunityRow {
  slug: string;
  name: string;
  tagline: string;
  capacity: number | null;
  when_full: 'waitlist' | 'closed';
  privacy_policy_url: string;
  consent_version: string;
  disclosure: Community['disclosure'];
  allowed_origins: string;
  invites: string;
  host_key_hash: string | null;
  created_at: string;
}

export interface MemberRow {
  seq: number;
  id: string;
  community: string;
  display_name: string;
  email: string | null;
  status: MemberStatus;
  token_hash: string;
  joined_at: string;
  consent_version: string;
  consent_accepted_at: string;
}

/** How long an Idempotency-Key's first answer is kept and replayed. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

export const getCommunity = (db: Db, slug: string): CommunityRow | undefined =>
  sql(db, 'SELECT * FROM communities WHERE slug = ?').get(slug) as CommunityRow | undefined;

export const allowedOrigins = (row: CommunityRow): string[] =>
  JSON.parse(row.allowed_origins) as string[];

const countByStatus = (db: Db, slug: string, status: MemberStatus): number =>
  sql(db, 'SELECT COUNT(*) FROM members WHERE community = ? AND status = ?')
    .pluck()
    .get(slug, status) as number;

const isFull = (row: CommunityRow, active: number): boolean =>
  row.capacity !== null && active >= row.capacity;

export function joinState(row: CommunityRow, active: number): JoinState {
  if (!isFull(row, active)) return 'open';
  return row.when_full === 'waitlist' ? 'waitlist' : 'closed';
}

/** The public view (`GET /v1/communities/{c}`). */
export function communityInfo(db: Db, row: CommunityRow): Community {
  const active = countByStatus(db, row.slug, 'active');
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
  };
}

export const memberByToken = (db: Db, slug: string, tokenHash: string): MemberRow | undefined =>
  sql(db, 'SELECT * FROM members WHERE community = ? AND token_hash = ?').get(slug, tokenHash) as
    MemberRow | undefined;

const waitlistPosition = (db: Db, row: MemberRow): number =>
  sql(db, "SELECT COUNT(*) FROM members WHERE community = ? AND status = 'waitlisted' AND seq <= ?")
    .pluck()
    .get(row.community, row.seq) as number;

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

export const memberView = (db: Db, row: MemberRow): Member =>
  toMember(row, row.status === 'waitlisted' ? waitlistPosition(db, row) : undefined);

/** `GET …/members/me`: invites only for active members. */
export const meView = (db: Db, community: CommunityRow, row: MemberRow) => ({
  member: memberView(db, row),
  invites: row.status === 'active' ? (JSON.parse(community.invites) as Invite[]) : [],
});

/** `GET …/members/me/export`: everything held on the member. */
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
export function memberList(db: Db, slug: string): MemberList {
  const rows = sql(
    db,
    "SELECT * FROM members WHERE community = ? ORDER BY status = 'waitlisted', seq",
  ).all(slug) as MemberRow[];
  let position = 0;
  const members = rows.map((row) =>
    toMember(row, row.status === 'waitlisted' ? ++position : undefined),
  );
  return { count: members.length, members };
}

/** Moves the first waitlisted members in while there is room. Call inside a transaction. */
export function promoteFromWaitlist(db: Db, row: CommunityRow): number {
  if (row.capacity === null) {
    return sql(
      db,
      "UPDATE members SET status = 'active' WHERE community = ? AND status = 'waitlisted'",
    ).run(row.slug).changes;
  }
  const room = row.capacity - countByStatus(db, row.slug, 'active');
  if (room <= 0) return 0;
  return sql(
    db,
    `UPDATE members SET status = 'active' WHERE seq IN (
       SELECT seq FROM members WHERE community = ? AND status = 'waitlisted' ORDER BY seq LIMIT ?)`,
  ).run(row.slug, room).changes;
}

export interface NewMember {
  displayName: string;
  email?: string | undefined;
  consentVersion: string;
}

/** Inserts a member (status decided by the caller) and returns its row and raw token. */
export function insertMember(
  db: Db,
  slug: string,
  input: NewMember,
  status: MemberStatus,
  at: string,
): { row: MemberRow; token: string } {
  const token = newSecret();
  const row = sql(
    db,
    `INSERT INTO members (id, community, display_name, email, status, token_hash, joined_at,
                          consent_version, consent_accepted_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
  ).get(
    newMemberId(),
    slug,
    input.displayName,
    input.email ?? null,
    status,
    sha256(token),
    at,
    input.consentVersion,
    at,
  ) as MemberRow;
  return { row, token };
}

export interface Idempotency {
  community: string;
  /** The operation, e.g. `join`; keys are per community and operation. */
  route: string;
  /** The client's Idempotency-Key, if it sent one. */
  key: string | undefined;
  /** What makes two requests the same one (hashed): the validated body, the caller. */
  request: unknown;
}

export interface IdempotentAnswer<S extends number, B> {
  status: S;
  body: B;
  /** True when this is the replay of an earlier answer (same Idempotency-Key). */
  replayed: boolean;
}

/**
 * Runs `run` once per Idempotency-Key: the first successful answer is kept 24 h (sealed, see
 * crypto.ts) and replayed for the same key; the same key with a different request is a
 * `conflict`. Without a key, just runs. Call inside an IMMEDIATE transaction, so concurrent
 * retries wait for the first one. `run` names the member the answer is about, if any: their
 * erasure deletes it.
 */
export function idempotent<S extends number, B>(
  db: Db,
  scope: Idempotency,
  now: Date,
  run: () => { status: S; body: B; memberId: string | null },
): IdempotentAnswer<S, B> {
  const { community, route, key } = scope;
  if (key === undefined) {
    const { status, body } = run();
    return { status, body, replayed: false };
  }
  const sealScope = `${community}\0${route}`;
  const keyHash = sha256(key);
  const requestHash = sha256(JSON.stringify(scope.request));
  sql(db, 'DELETE FROM idempotency WHERE created_at < ?').run(
    new Date(now.getTime() - IDEMPOTENCY_TTL_MS).toISOString(),
  );
  const earlier = sql(
    db,
    'SELECT request_hash, status, body FROM idempotency WHERE community = ? AND route = ? AND key_hash = ?',
  ).get(community, route, keyHash) as { request_hash: string; status: S; body: Buffer } | undefined;
  if (earlier) {
    if (earlier.request_hash !== requestHash) {
      throw new ApiError(
        'conflict',
        'This Idempotency-Key was already used for a different request; use a new key.',
      );
    }
    const body = JSON.parse(unseal(sealScope, key, earlier.body)) as B;
    return { status: earlier.status, body, replayed: true };
  }
  const { status, body, memberId } = run();
  sql(
    db,
    `INSERT INTO idempotency (community, route, key_hash, request_hash, member_id, status, body, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    community,
    route,
    keyHash,
    requestHash,
    memberId,
    status,
    seal(sealScope, key, JSON.stringify(body)),
    now.toISOString(),
  );
  return { status, body, replayed: false };
}

export type JoinResult = IdempotentAnswer<201 | 202, JoinResponse>;

/**
 * Joins `input` to the community: active while there is room, else waitlisted or refused
 * (`community_full`) as the community says. With an Idempotency-Key, the first successful
 * answer within 24 h is replayed; the same key with a different request is a `conflict`.
 */
export function join(
  db: Db,
  slug: string,
  input: NewMember,
  now: Date,
  idempotencyKey?: string,
): JoinResult {
  const at = now.toISOString();
  return db
    .transaction((): JoinResult => {
      const community = getCommunity(db, slug);
      if (!community) throw new ApiError('not_found', `No community "${slug}".`);
      const scope = {
        community: slug,
        route: 'join',
        key: idempotencyKey,
        request: [input.displayName, input.email ?? null, input.consentVersion],
      };
      return idempotent(db, scope, now, () => {
        promoteFromWaitlist(db, community);
        const active = countByStatus(db, slug, 'active');
        const state = joinState(community, active);
        if (state === 'closed') {
          throw new ApiError(
            'community_full',
            `${community.name} is full and not taking new members.`,
          );
        }
        const { row, token } = insertMember(
          db,
          slug,
          input,
          state === 'open' ? 'active' : 'waitlisted',
          at,
        );
        return {
          status: state === 'open' ? 201 : 202,
          body: { member: memberView(db, row), token },
          memberId: row.id,
        };
      });
    })
    .immediate();
}

/**
 * Erases the member: the row goes (and with it, by cascade, any stored idempotent answer
 * that named them), then the first waitlisted members move into the freed room. Call inside
 * an IMMEDIATE transaction (with the erasure of their content, see live.ts), then `foldWal`.
 */
export function deleteMember(db: Db, member: MemberRow): void {
  sql(db, 'DELETE FROM members WHERE id = ?').run(member.id);
  const community = getCommunity(db, member.community);
  if (community) promoteFromWaitlist(db, community);
}

/** Folds the WAL back into the main file, so erased rows' old pages do not linger there. */
export function foldWal(db: Db): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
}

/** The host's and operator's view: the public one and the settings. */
export function hostCommunityView(db: Db, row: CommunityRow): HostCommunity {
  return {
    ...communityInfo(db, row),
    whenFull: row.when_full,
    allowedOrigins: allowedOrigins(row),
    invites: JSON.parse(row.invites) as Invite[],
    createdAt: row.created_at,
  };
}

/** Operator: creates a community; `conflict` when the slug is taken. */
export function createCommunity(db: Db, input: CommunityInput, now: Date): HostCommunity {
  return db
    .transaction(() => {
      if (getCommunity(db, input.slug)) {
        throw new ApiError('conflict', `The community "${input.slug}" already exists.`);
      }
      sql(
        db,
        `INSERT INTO communities (slug, name, tagline, capacity, when_full, privacy_policy_url,
           consent_version, disclosure, allowed_origins, invites, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        input.slug,
        input.name,
        input.tagline ?? '',
        input.capacity ?? null,
        input.whenFull ?? 'waitlist',
        input.privacyPolicyUrl,
        input.consentVersion ?? '1',
        input.disclosure ?? 'none',
        JSON.stringify(input.allowedOrigins ?? []),
        JSON.stringify(input.invites ?? []),
        now.toISOString(),
      );
      return hostCommunityView(db, getCommunity(db, input.slug) as CommunityRow);
    })
    .immediate();
}
