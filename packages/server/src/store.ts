/**
 * Membership over SQLite: every decision that reads and writes (join, leave, promotion
 * from the waitlist) runs in one IMMEDIATE transaction, so it is atomic even with several
 * processes on the same database file.
 */
import type {
  Community,
  Invite,
  JoinResponse,
  JoinState,
  Member,
  MemberExport,
  MemberList,
  MemberStatus,
} from '@cercle/client';
import type { Statement } from 'better-sqlite3';
import { newMemberId, newSecret, seal, sha256, unseal } from './crypto.js';
import type { Db } from './db.js';
import { ApiError } from './errors.js';

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

const cache = new WeakMap<Db, Map<string, Statement>>();
/** A prepared statement, prepared once per database. */
function sql(db: Db, text: string): Statement {
  let statements = cache.get(db);
  if (!statements) cache.set(db, (statements = new Map()));
  let statement = statements.get(text);
  if (!statement) statements.set(text, (statement = db.prepare(text)));
  return statement;
}

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

export interface JoinResult {
  status: 201 | 202;
  body: JoinResponse;
  /** True when this is the replay of an earlier answer (same Idempotency-Key). */
  replayed: boolean;
}

const JOIN_ROUTE = 'join';

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
  const scope = `${slug}\0${JOIN_ROUTE}`;
  const requestHash = sha256(
    JSON.stringify([input.displayName, input.email ?? null, input.consentVersion]),
  );
  return db
    .transaction((): JoinResult => {
      const community = getCommunity(db, slug);
      if (!community) throw new ApiError('not_found', `No community "${slug}".`);

      const keyHash = idempotencyKey === undefined ? undefined : sha256(idempotencyKey);
      if (idempotencyKey !== undefined) {
        sql(db, 'DELETE FROM idempotency WHERE created_at < ?').run(
          new Date(now.getTime() - IDEMPOTENCY_TTL_MS).toISOString(),
        );
        const earlier = sql(
          db,
          'SELECT request_hash, status, body FROM idempotency WHERE community = ? AND route = ? AND key_hash = ?',
        ).get(slug, JOIN_ROUTE, keyHash) as
          { request_hash: string; status: 201 | 202; body: Buffer } | undefined;
        if (earlier) {
          if (earlier.request_hash !== requestHash) {
            throw new ApiError(
              'conflict',
              'This Idempotency-Key was already used for a different request; use a new key.',
            );
          }
          const body = JSON.parse(unseal(scope, idempotencyKey, earlier.body)) as JoinResponse;
          return { status: earlier.status, body, replayed: true };
        }
      }

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
      const result: JoinResult = {
        status: state === 'open' ? 201 : 202,
        body: { member: memberView(db, row), token },
        replayed: false,
      };
      if (idempotencyKey !== undefined) {
        sql(
          db,
          `INSERT INTO idempotency (community, route, key_hash, request_hash, member_id, status, body, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          slug,
          JOIN_ROUTE,
          keyHash,
          requestHash,
          row.id,
          result.status,
          seal(scope, idempotencyKey, JSON.stringify(result.body)),
          at,
        );
      }
      return result;
    })
    .immediate();
}

/**
 * Leaves and erases: the member row goes (and with it, by cascade, any stored idempotent
 * answer that named them), then the first waitlisted members move into the freed room.
 */
export function leave(db: Db, member: MemberRow): void {
  db.transaction(() => {
    sql(db, 'DELETE FROM members WHERE id = ?').run(member.id);
    const community = getCommunity(db, member.community);
    if (community) promoteFromWaitlist(db, community);
  }).immediate();
  // Fold the WAL back into the main file so the erased row's old pages do not linger there.
  db.pragma('wal_checkpoint(TRUNCATE)');
}
