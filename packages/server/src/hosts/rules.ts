/**
 * Host accounts: each community's owners, moderators and analysts, each with its own key
 * (stored as its SHA-256), created by single-use invitations with an expiry, revocable.
 * A community always keeps at least one owner. The operator key only bootstraps: it creates
 * communities with their first owner and may invite an owner into any community.
 */
import { ROLE_PERMISSIONS, type HostRole, type Permission } from '@cercle/client';
import {
  INVITATION_HOURS_DEFAULT,
  type HostAccount,
  type HostCredential,
  type HostUpdate,
  type Invitation,
  type InvitationAccept,
  type InvitationInput,
  type Team,
} from '@cercle/client/admin';
import { newId, newSecret, sha256 } from '../core/crypto.js';
import { ApiError } from '../core/errors.js';
import type { HostRow, InvitationRow } from '../store/rows.js';
import type { Sql } from '../store/store.js';
import { audit, type Actor } from '../audit/rules.js';

export const can = (role: HostRole, permission: Permission): boolean =>
  ROLE_PERMISSIONS[role].includes(permission);

/** The host behind a key's hash, revoked ones included (they are told so). */
export const hostByKeyHash = (db: Sql, keyHash: string): Promise<HostRow | undefined> =>
  db.get<HostRow>('SELECT * FROM hosts WHERE key_hash = ?', keyHash);

export const hostView = (row: HostRow): HostAccount => ({
  id: row.id,
  community: row.community,
  name: row.name,
  email: row.email,
  role: row.role,
  createdAt: row.created_at,
  invitedBy: row.invited_by,
});

const actorId = (actor: Actor): string | null =>
  actor.kind === 'host' ? actor.host.id : actor.kind === 'operator' ? 'operator' : null;

/** Creates a host account with a new key; the key is returned once, only its hash is kept. */
export async function insertHost(
  tx: Sql,
  community: string,
  account: { name: string; email?: string | null | undefined; role: HostRole },
  invitedBy: string | null,
  now: Date,
  key: string = newSecret(),
): Promise<HostCredential> {
  const id = newId('host');
  await tx.run(
    `INSERT INTO hosts (id, community, name, email, role, key_hash, invited_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    id,
    community,
    account.name,
    account.email ?? null,
    account.role,
    await sha256(key),
    invitedBy,
    now.toISOString(),
  );
  const row = await tx.get<HostRow>('SELECT * FROM hosts WHERE id = ?', id);
  return { host: hostView(row as HostRow), key };
}

function invitationState(row: InvitationRow, now: Date): Invitation['state'] {
  if (row.accepted_at) return 'accepted';
  if (row.revoked_at) return 'revoked';
  return Date.parse(row.expires_at) <= now.getTime() ? 'expired' : 'pending';
}

const invitationView = (row: InvitationRow, now: Date): Invitation => ({
  id: row.id,
  community: row.community,
  role: row.role,
  name: row.name,
  email: row.email,
  state: invitationState(row, now),
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  invitedBy: row.invited_by,
});

export async function team(db: Sql, community: string, now: Date): Promise<Team> {
  const hosts = await db.all<HostRow>(
    'SELECT * FROM hosts WHERE community = ? AND revoked_at IS NULL ORDER BY seq',
    community,
  );
  const invitations = await db.all<InvitationRow>(
    `SELECT * FROM invitations WHERE community = ? AND accepted_at IS NULL
       AND revoked_at IS NULL AND expires_at > ? ORDER BY seq`,
    community,
    now.toISOString(),
  );
  return {
    hosts: hosts.map(hostView),
    invitations: invitations.map((row) => invitationView(row, now)),
  };
}

/** A single-use invitation; the token is returned once. */
export async function invite(
  tx: Sql,
  community: string,
  input: InvitationInput,
  actor: Actor,
  now: Date,
): Promise<{ invitation: Invitation; token: string }> {
  const id = newId('inv');
  const token = newSecret();
  const hours = input.expiresInHours ?? INVITATION_HOURS_DEFAULT;
  const expiresAt = new Date(now.getTime() + hours * 3_600_000).toISOString();
  await tx.run(
    `INSERT INTO invitations (id, community, role, name, email, token_hash, invited_by,
       created_at, expires_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    id,
    community,
    input.role,
    input.name ?? null,
    input.email ?? null,
    await sha256(token),
    actorId(actor),
    now.toISOString(),
    expiresAt,
  );
  await audit(
    tx,
    community,
    actor,
    {
      action: 'host.invited',
      target: { kind: 'invitation', id },
      details: { role: input.role, name: input.name ?? null, expiresAt },
    },
    now,
  );
  const row = (await tx.get<InvitationRow>('SELECT * FROM invitations WHERE id = ?', id))!;
  return { invitation: invitationView(row, now), token };
}

export async function revokeInvitation(
  tx: Sql,
  community: string,
  id: string,
  actor: Actor,
  now: Date,
): Promise<void> {
  const { changes } = await tx.run(
    `UPDATE invitations SET revoked_at = ?
     WHERE community = ? AND id = ? AND accepted_at IS NULL AND revoked_at IS NULL`,
    now.toISOString(),
    community,
    id,
  );
  if (changes === 0) throw new ApiError('not_found', `No pending invitation "${id}".`);
  await audit(
    tx,
    community,
    actor,
    { action: 'invitation.revoked', target: { kind: 'invitation', id } },
    now,
  );
}

/** Turns an invitation into a host account: once, before it expires, unless revoked. */
export async function acceptInvitation(
  tx: Sql,
  community: string,
  input: InvitationAccept,
  now: Date,
): Promise<HostCredential> {
  const row = await tx.get<InvitationRow>(
    'SELECT * FROM invitations WHERE community = ? AND token_hash = ?',
    community,
    await sha256(input.token),
  );
  const state = row ? invitationState(row, now) : undefined;
  if (!row || state === 'accepted' || state === 'revoked') {
    throw new ApiError(
      'not_found',
      'This invitation is not valid: it was used already, revoked, or never existed. Ask the owner for a new one.',
    );
  }
  if (state === 'expired') {
    throw new ApiError(
      'invitation_expired',
      `This invitation expired on ${row.expires_at}. Ask the owner for a new one.`,
      { expiredAt: row.expires_at },
    );
  }
  const credential = await insertHost(
    tx,
    community,
    { name: input.name, email: input.email ?? row.email, role: row.role },
    row.invited_by,
    now,
  );
  await tx.run(
    'UPDATE invitations SET accepted_at = ?, accepted_by = ? WHERE id = ?',
    now.toISOString(),
    credential.host.id,
    row.id,
  );
  const hostRow = (await tx.get<HostRow>('SELECT * FROM hosts WHERE id = ?', credential.host.id))!;
  await audit(
    tx,
    community,
    { kind: 'host', host: hostRow },
    {
      action: 'host.joined',
      target: { kind: 'host', id: credential.host.id },
      details: { role: row.role, invitation: row.id },
    },
    now,
  );
  return credential;
}

async function requireTeamHost(tx: Sql, community: string, id: string): Promise<HostRow> {
  const row = await tx.get<HostRow>(
    'SELECT * FROM hosts WHERE community = ? AND id = ? AND revoked_at IS NULL',
    community,
    id,
  );
  if (!row) throw new ApiError('not_found', `No host "${id}" in this community.`);
  return row;
}

async function otherOwners(tx: Sql, community: string, id: string): Promise<number> {
  return (
    (await tx.value<number>(
      `SELECT CAST(COUNT(*) AS INTEGER) FROM hosts
       WHERE community = ? AND role = 'owner' AND revoked_at IS NULL AND id <> ?`,
      community,
      id,
    )) ?? 0
  );
}

const lastOwner = () =>
  new ApiError(
    'conflict',
    'A community keeps at least one owner: make another host an owner first.',
  );

export async function updateHost(
  tx: Sql,
  community: string,
  id: string,
  input: HostUpdate,
  actor: Actor,
  now: Date,
): Promise<HostAccount> {
  const row = await requireTeamHost(tx, community, id);
  if (input.role && input.role !== 'owner' && row.role === 'owner') {
    if ((await otherOwners(tx, community, id)) === 0) throw lastOwner();
  }
  await tx.run(
    'UPDATE hosts SET role = coalesce(?, role), name = coalesce(?, name) WHERE id = ?',
    input.role ?? null,
    input.name ?? null,
    id,
  );
  await audit(
    tx,
    community,
    actor,
    { action: 'host.updated', target: { kind: 'host', id }, details: { ...input } },
    now,
  );
  return hostView((await tx.get<HostRow>('SELECT * FROM hosts WHERE id = ?', id))!);
}

export async function revokeHost(
  tx: Sql,
  community: string,
  id: string,
  actor: Actor,
  now: Date,
): Promise<void> {
  const row = await requireTeamHost(tx, community, id);
  if (row.role === 'owner' && (await otherOwners(tx, community, id)) === 0) throw lastOwner();
  await tx.run('UPDATE hosts SET revoked_at = ? WHERE id = ?', now.toISOString(), id);
  await audit(
    tx,
    community,
    actor,
    {
      action: 'host.revoked',
      target: { kind: 'host', id },
      details: { role: row.role, name: row.name },
    },
    now,
  );
}
