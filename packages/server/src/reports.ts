/**
 * Reports (notice and action): anyone reports a question or an approved testimonial, the
 * host decides once, with a statement of reasons; a removal hides the question, or takes the
 * testimonial off the wall (the author sees the statement).
 */
import type {
  MemberExport,
  Report,
  ReportList,
  ReportReason,
  ReportReceipt,
  ReportState,
} from '@cercle/client';
import { randomBytes } from 'node:crypto';
import type { Db } from './db.js';
import { ApiError } from './errors.js';
import { change, hideQuestion, type LiveContext } from './live.js';
import { sql } from './sql.js';
import { idempotent, type IdempotentAnswer, type MemberRow } from './store.js';
import { removeTestimonial, targetTestimonial } from './testimonials.js';

interface ReportRow {
  seq: number;
  id: string;
  community: string;
  target_kind: 'question' | 'testimonial';
  target_id: string;
  reason: ReportReason;
  details: string;
  reporter_member_id: string | null;
  state: ReportState;
  decision_action: 'remove' | 'dismiss' | null;
  decision_statement: string | null;
  decided_at: string | null;
  created_at: string;
}

export interface NewReport {
  target: { kind: 'question' | 'testimonial'; id: string };
  reason: ReportReason;
  details?: string | undefined;
}

/** The question a report may target: one of a session of this community. */
const targetQuestion = (db: Db, community: string, id: string) =>
  sql(
    db,
    `SELECT q.seq, q.text FROM questions q JOIN sessions s ON s.seq = q.session
     WHERE q.id = ? AND s.community = ?`,
  ).get(id, community) as { seq: number; text: string } | undefined;

/** Files a report (202). The target must exist in this community. */
export function fileReport(
  live: LiveContext,
  community: string,
  input: NewReport,
  reporter: MemberRow | undefined,
  idempotencyKey: string | undefined,
): IdempotentAnswer<202, ReportReceipt> {
  const details = input.details ?? '';
  return change(live, (_emit, now) => {
    const scope = {
      community,
      route: 'report',
      key: idempotencyKey,
      request: [reporter?.id ?? null, input.target.kind, input.target.id, input.reason, details],
    };
    return idempotent(live.db, scope, now, () => {
      const exists =
        input.target.kind === 'question'
          ? targetQuestion(live.db, community, input.target.id) !== undefined
          : targetTestimonial(live.db, community, input.target.id)?.state === 'approved';
      if (!exists) {
        throw new ApiError('not_found', `No ${input.target.kind} "${input.target.id}" here.`);
      }
      const row = sql(
        live.db,
        `INSERT INTO reports (id, community, target_kind, target_id, reason, details, reporter_member_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
      ).get(
        `rep_${randomBytes(12).toString('base64url')}`,
        community,
        input.target.kind,
        input.target.id,
        input.reason,
        details,
        reporter?.id ?? null,
        now.toISOString(),
      ) as ReportRow;
      return {
        status: 202 as const,
        body: { id: row.id, state: row.state, createdAt: row.created_at },
        memberId: reporter?.id ?? null,
      };
    });
  });
}

function reportView(db: Db, row: ReportRow): Report {
  const target =
    row.target_kind === 'question'
      ? targetQuestion(db, row.community, row.target_id)
      : targetTestimonial(db, row.community, row.target_id);
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
export function listReports(db: Db, community: string): ReportList {
  const rows = sql(
    db,
    `SELECT * FROM reports WHERE community = ?
     ORDER BY state = 'open' DESC, CASE WHEN state = 'open' THEN seq ELSE -seq END`,
  ).all(community) as ReportRow[];
  return { reports: rows.map((row) => reportView(db, row)) };
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
): Report {
  return change(live, (emit, now) => {
    const row = sql(live.db, 'SELECT * FROM reports WHERE id = ? AND community = ?').get(
      reportId,
      community,
    ) as ReportRow | undefined;
    if (!row) throw new ApiError('not_found', `No report "${reportId}" here.`);
    if (row.state !== 'open') {
      throw new ApiError(
        'conflict',
        `This report was already decided (${row.decision_action}) at ${row.decided_at}.`,
      );
    }
    if (decision.action === 'remove' && row.target_kind === 'question') {
      const target = targetQuestion(live.db, community, row.target_id);
      if (target) hideQuestion(live.db, target.seq, emit);
    }
    if (decision.action === 'remove' && row.target_kind === 'testimonial') {
      const target = targetTestimonial(live.db, community, row.target_id);
      if (target) removeTestimonial(live.db, target.seq, decision.statement);
    }
    const decided = sql(
      live.db,
      `UPDATE reports SET state = ?, decision_action = ?, decision_statement = ?, decided_at = ?
       WHERE seq = ? RETURNING *`,
    ).get(
      decision.action === 'remove' ? 'actioned' : 'dismissed',
      decision.action,
      decision.statement,
      now.toISOString(),
      row.seq,
    ) as ReportRow;
    return reportView(live.db, decided);
  });
}

/** The reports the member sent, for the export. */
export function memberReportsExport(
  db: Db,
  member: MemberRow,
): Required<Pick<MemberExport, 'reports'>> {
  const rows = sql(db, 'SELECT * FROM reports WHERE reporter_member_id = ? ORDER BY seq').all(
    member.id,
  ) as ReportRow[];
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
