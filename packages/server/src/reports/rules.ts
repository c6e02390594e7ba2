/**
 * Reports (notice and action): anyone reports a question or an approved testimonial, the
 * host decides once, with a statement of reasons; a removal hides the question, or takes the
 * testimonial off the wall (the author sees the statement).
 */
import { audit, SYSTEM, type Actor } from '../audit/rules.js';
import type { MemberExport, Report, ReportList, ReportReason, ReportReceipt } from '@cercle/client';
import { newId } from '../core/crypto.js';
import { ApiError } from '../core/errors.js';
import { idempotent, type IdempotentAnswer } from '../core/idempotency.js';
import { change, type LiveContext } from '../core/events.js';
import { hideQuestion } from '../live/rules.js';
import type { MemberRow, ReportRow } from '../store/rows.js';
import type { Sql } from '../store/store.js';
import { removeTestimonial, targetTestimonial } from '../wall/rules.js';
import { recordActivity } from '../kpis/activity.js';

export interface NewReport {
  target: { kind: 'question' | 'testimonial'; id: string };
  reason: ReportReason;
  details?: string | undefined;
}

/** The question a report may target: one of a session of this community. */
const targetQuestion = (db: Sql, community: string, id: string) =>
  db.get<{ seq: number; text: string }>(
    `SELECT q.seq, q.text FROM questions q JOIN sessions s ON s.seq = q.session
     WHERE q.id = ? AND s.community = ?`,
    id,
    community,
  );

/** Files a report (202). The target must exist in this community. */
export function fileReport(
  live: LiveContext,
  community: string,
  input: NewReport,
  reporter: MemberRow | undefined,
  idempotencyKey: string | undefined,
): Promise<IdempotentAnswer<202, ReportReceipt>> {
  const details = input.details ?? '';
  return change(live, community, async (tx, _emit, now) => {
    const scope = {
      community,
      route: 'report',
      key: idempotencyKey,
      request: [reporter?.id ?? null, input.target.kind, input.target.id, input.reason, details],
    };
    return idempotent(tx, scope, now, async () => {
      const exists =
        input.target.kind === 'question'
          ? (await targetQuestion(tx, community, input.target.id)) !== undefined
          : (await targetTestimonial(tx, community, input.target.id))?.state === 'approved';
      if (!exists) {
        throw new ApiError('not_found', `No ${input.target.kind} "${input.target.id}" here.`);
      }
      const row = (await tx.get<ReportRow>(
        `INSERT INTO reports (id, community, target_kind, target_id, reason, details, reporter_member_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
        newId('rep'),
        community,
        input.target.kind,
        input.target.id,
        input.reason,
        details,
        reporter?.id ?? null,
        now.toISOString(),
      )) as ReportRow;
      if (reporter) await recordActivity(tx, community, reporter.id, 'report', now);
      return {
        status: 202 as const,
        body: { id: row.id, state: row.state, createdAt: row.created_at },
        memberId: reporter?.id ?? null,
      };
    });
  });
}

async function reportView(db: Sql, row: ReportRow): Promise<Report> {
  const target =
    row.target_kind === 'question'
      ? await targetQuestion(db, row.community, row.target_id)
      : await targetTestimonial(db, row.community, row.target_id);
  return {
    id: row.id,
    target: { kind: row.target_kind, id: row.target_id },
    targetText: target?.text ?? null,
    reason: row.reason,
    details: row.details,
    state: row.state,
    createdAt: row.created_at,
    decision:
      row.decision_action === null
        ? null
        : {
            action: row.decision_action,
            statement: row.decision_statement ?? '',
            decidedAt: row.decided_at ?? row.created_at,
          },
  };
}

/** Host: open reports first (oldest first: a queue), then the decided ones, latest decision first. */
export async function listReports(db: Sql, community: string): Promise<ReportList> {
  const rows = await db.all<ReportRow>(
    `SELECT * FROM reports WHERE community = ?
     ORDER BY CASE WHEN state = 'open' THEN 0 ELSE 1 END, CASE WHEN state = 'open' THEN seq ELSE -seq END`,
    community,
  );
  const reports: Report[] = [];
  for (const row of rows) reports.push(await reportView(db, row));
  return { reports };
}

/**
 * Host: decides a report once; `remove` hides the question (the public stream gets
 * `question.removed`) or takes the testimonial off the wall with the statement.
 */
export function decideReport(
  live: LiveContext,
  community: string,
  reportId: string,
  decision: { action: 'remove' | 'dismiss'; statement: string },
  idempotencyKey?: string,
  actor: Actor = SYSTEM,
): Promise<IdempotentAnswer<200, Report>> {
  const scope = {
    community,
    route: 'decideReport',
    key: idempotencyKey,
    request: [reportId, decision],
  };
  return change(live, community, async (tx, emit, now) =>
    idempotent(tx, scope, now, async () => {
      const row = await tx.get<ReportRow>(
        'SELECT * FROM reports WHERE id = ? AND community = ?',
        reportId,
        community,
      );
      if (!row) throw new ApiError('not_found', `No report "${reportId}" here.`);
      if (row.state !== 'open') {
        throw new ApiError(
          'conflict',
          `This report was already decided (${row.decision_action}) at ${row.decided_at}.`,
        );
      }
      if (decision.action === 'remove' && row.target_kind === 'question') {
        const target = await targetQuestion(tx, community, row.target_id);
        if (target) await hideQuestion(tx, target.seq, emit);
      }
      if (decision.action === 'remove' && row.target_kind === 'testimonial') {
        const target = await targetTestimonial(tx, community, row.target_id);
        if (target) await removeTestimonial(tx, target.seq, decision.statement);
      }
      const decided = (await tx.get<ReportRow>(
        `UPDATE reports SET state = ?, decision_action = ?, decision_statement = ?, decided_at = ?
         WHERE seq = ? RETURNING *`,
        decision.action === 'remove' ? 'actioned' : 'dismissed',
        decision.action,
        decision.statement,
        now.toISOString(),
        row.seq,
      )) as ReportRow;
      await audit(
        tx,
        community,
        actor,
        {
          action: decision.action === 'remove' ? 'report.actioned' : 'report.dismissed',
          target: { kind: 'report', id: row.id },
          statement: decision.statement,
          details: { target: { kind: row.target_kind, id: row.target_id }, reason: row.reason },
        },
        now,
      );
      return { status: 200 as const, body: await reportView(tx, decided), memberId: null };
    }),
  );
}

/** The reports the member sent, for the export. */
export async function memberReportsExport(
  db: Sql,
  member: MemberRow,
): Promise<Required<Pick<MemberExport, 'reports'>>> {
  const rows = await db.all<ReportRow>(
    'SELECT * FROM reports WHERE reporter_member_id = ? ORDER BY seq',
    member.id,
  );
  return {
    reports: rows.map((row) => ({
      id: row.id,
      target: { kind: row.target_kind, id: row.target_id },
      reason: row.reason,
      details: row.details,
      createdAt: row.created_at,
    })),
  };
}
