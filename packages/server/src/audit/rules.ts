/**
 * The audit log: every moderation decision, settings change and team change, with who
 * (a host, the operator, the system), when, on what, and the statement of reasons. Written
 * in the transaction of the change it records, so the log and the data never disagree.
 */
import type { AuditEntry, AuditPage, AuditQuery } from '@cercle/client/admin';
import type * as v from 'valibot';
import { newId } from '../core/crypto.js';
import { decodeCursor, encodeCursor } from '../core/cursor.js';
import { toCsv } from '../core/csv.js';
import type { Actor } from '../core/context.js';
import type { AuditRow } from '../store/rows.js';
import type { Sql } from '../store/store.js';

export type { Actor };

export const SYSTEM: Actor = { kind: 'system' };

export interface AuditNote {
  /** What happened, `noun.verb`: `question.hidden`, `settings.updated`, `host.invited`. */
  action: string;
  target?: { kind: string; id: string } | null;
  /** The statement of reasons of a moderation decision. */
  statement?: string | null;
  /** What changed; never a secret or a member's personal data beyond an id. */
  details?: Record<string, unknown>;
}

export async function audit(
  tx: Sql,
  community: string,
  actor: Actor,
  note: AuditNote,
  now: Date,
): Promise<void> {
  const host = actor.kind === 'host' ? actor.host : null;
  await tx.run(
    `INSERT INTO audit_log (id, community, at, actor_kind, actor_id, actor_name, actor_role,
       action, target_kind, target_id, statement, details)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    newId('aud'),
    community,
    now.toISOString(),
    actor.kind,
    host?.id ?? null,
    host?.name ?? null,
    host?.role ?? null,
    note.action,
    note.target?.kind ?? null,
    note.target?.id ?? null,
    note.statement ?? null,
    JSON.stringify(note.details ?? {}),
  );
}

const toEntry = (row: AuditRow): AuditEntry => ({
  id: row.id,
  at: row.at,
  actor: {
    kind: row.actor_kind,
    id: row.actor_kind === 'operator' ? 'operator' : row.actor_id,
    name: row.actor_name,
    role: row.actor_role,
  },
  action: row.action,
  target:
    row.target_kind === null || row.target_id === null
      ? null
      : { kind: row.target_kind, id: row.target_id },
  statement: row.statement,
  details: JSON.parse(row.details) as Record<string, unknown>,
});

const isSeq = (key: unknown[]): key is [number] =>
  key.length === 1 && Number.isInteger(key[0]) && (key[0] as number) > 0;

/** Newest first, a page at a time; `action` filters one action, or a prefix ending in `.`. */
export async function auditPage(
  db: Sql,
  community: string,
  query: v.InferOutput<typeof AuditQuery>,
): Promise<AuditPage> {
  const limit = query.limit ?? 50;
  const before = query.cursor ? decodeCursor(query.cursor, 'audit', isSeq)[0] : null;
  const where = ['community = ?'];
  const params: (string | number)[] = [community];
  if (before !== null) {
    where.push('seq < ?');
    params.push(before);
  }
  if (query.action) {
    if (query.action.endsWith('.')) {
      where.push('substr(action, 1, ?) = ?');
      params.push(query.action.length, query.action);
    } else {
      where.push('action = ?');
      params.push(query.action);
    }
  }
  const rows = await db.all<AuditRow>(
    `SELECT * FROM audit_log WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT ?`,
    ...params,
    limit + 1,
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    entries: page.map(toEntry),
    nextCursor: rows.length > limit && last ? encodeCursor('audit', [last.seq]) : null,
  };
}

export const AUDIT_CSV_COLUMNS = [
  'at',
  'actor_kind',
  'actor_id',
  'actor_name',
  'actor_role',
  'action',
  'target_kind',
  'target_id',
  'statement',
  'details',
] as const;

/** The whole log, oldest first, as CSV (RFC 4180, CRLF line ends). */
export async function auditCsv(db: Sql, community: string): Promise<string> {
  const rows = await db.all<AuditRow>(
    'SELECT * FROM audit_log WHERE community = ? ORDER BY seq',
    community,
  );
  return toCsv(
    AUDIT_CSV_COLUMNS,
    rows.map((row) => AUDIT_CSV_COLUMNS.map((column) => row[column])),
  );
}
