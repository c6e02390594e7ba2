/**
 * The event log of live sessions (`events` table): append inside the transaction of a
 * change, read back for a stream that resumes, prune by count and by age.
 */
import type { Db } from './db.js';
import type { LiveEvent, WireEvent } from './broker.js';
import { sql } from './sql.js';

/** How much of each session's log is kept for streams that resume with `Last-Event-ID`. */
export interface EventRetention {
  /** At least this many newest events per session are kept (pruned in batches of a tenth). */
  maxEvents: number;
  /** Events older than this are pruned (when the session next changes). */
  maxAgeMs: number;
}

export const DEFAULT_EVENT_RETENTION: EventRetention = {
  maxEvents: 10_000,
  maxAgeMs: 24 * 60 * 60 * 1000,
};

/** A change to append: what each audience sees (`host` omitted: the same as `public`). */
export interface EventInput {
  questionId?: string | undefined;
  public?: WireEvent | undefined;
  host?: WireEvent | undefined;
}

interface EventRow {
  id: number;
  public_type: WireEvent['type'] | null;
  public_data: string | null;
  host_type: WireEvent['type'] | null;
  host_data: string | null;
}

function toLiveEvent(row: EventRow): LiveEvent {
  const pub =
    row.public_type === null ? undefined : { type: row.public_type, data: row.public_data ?? '{}' };
  const host = row.host_type === null ? pub : { type: row.host_type, data: row.host_data ?? '{}' };
  if (!host) throw new Error(`event ${row.id} has neither a public nor a host form`);
  return { id: row.id, public: pub, host };
}

/** Appends an event to the session's log and prunes it. Call inside the change's transaction. */
export function appendEvent(
  db: Db,
  session: number,
  input: EventInput,
  now: Date,
  retention: EventRetention,
): LiveEvent {
  const host = input.host ?? input.public;
  if (!host) throw new Error('an event needs a public or a host form');
  const sameForHost =
    input.public !== undefined &&
    input.public.type === host.type &&
    input.public.data === host.data;
  const id = sql(
    db,
    `INSERT INTO events (session, question_id, public_type, public_data, host_type, host_data, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
  )
    .pluck()
    .get(
      session,
      input.questionId ?? null,
      input.public?.type ?? null,
      input.public?.data ?? null,
      sameForHost ? null : host.type,
      sameForHost ? null : host.data,
      now.toISOString(),
    ) as number;
  pruneEvents(db, session, id, now, retention);
  return { id, public: input.public, host };
}

/**
 * Keeps at least `maxEvents` per session, pruning once the log exceeds it by a tenth (so the
 * count query does not run on every append), and drops events older than `maxAgeMs`.
 * Records the newest pruned id, below which a `Last-Event-ID` can no longer be resumed.
 */
function pruneEvents(
  db: Db,
  session: number,
  newest: number,
  now: Date,
  retention: EventRetention,
): void {
  const oldest = sql(
    db,
    'SELECT id, created_at FROM events WHERE session = ? ORDER BY id LIMIT 1',
  ).get(session) as { id: number; created_at: string } | undefined;
  if (!oldest) return;
  let cut = 0;
  const slack = Math.floor(retention.maxEvents / 10);
  // The id span bounds the count from above: most appends stop here.
  if (newest - oldest.id + 1 > retention.maxEvents + slack) {
    const overflow = sql(
      db,
      'SELECT id FROM events WHERE session = ? ORDER BY id DESC LIMIT 1 OFFSET ?',
    ).pluck();
    if (overflow.get(session, retention.maxEvents + slack) !== undefined) {
      cut = overflow.get(session, retention.maxEvents) as number;
    }
  }
  const cutoff = new Date(now.getTime() - retention.maxAgeMs).toISOString();
  if (oldest.created_at < cutoff) {
    const aged = sql(
      db,
      `SELECT max(id) FROM (SELECT id, created_at FROM events WHERE session = ? ORDER BY id LIMIT 1000)
       WHERE created_at < ?`,
    )
      .pluck()
      .get(session, cutoff) as number | null;
    cut = Math.max(cut, aged ?? 0);
  }
  if (cut === 0) return;
  sql(db, 'DELETE FROM events WHERE session = ? AND id <= ?').run(session, cut);
  sql(
    db,
    'UPDATE sessions SET events_pruned_through = max(events_pruned_through, ?) WHERE seq = ?',
  ).run(cut, session);
}

/** The newest event id of the session (`0` before its first event); the `lastEventId` of a page. */
export function newestEventId(db: Db, session: number): number {
  return sql(
    db,
    `SELECT max(coalesce((SELECT max(id) FROM events WHERE session = seq), 0), events_pruned_through)
     FROM sessions WHERE seq = ?`,
  )
    .pluck()
    .get(session) as number;
}

/**
 * The events after `lastEventId`, or `undefined` when they cannot all be given: the id is
 * older than the retained log, newer than the newest event, or not an event id at all.
 */
export function eventsAfter(db: Db, session: number, lastEventId: string): LiveEvent[] | undefined {
  if (!/^\d{1,15}$/.test(lastEventId)) return undefined;
  const after = Number(lastEventId);
  const prunedThrough = sql(db, 'SELECT events_pruned_through FROM sessions WHERE seq = ?')
    .pluck()
    .get(session) as number | undefined;
  if (prunedThrough === undefined || after < prunedThrough) return undefined;
  if (after > newestEventId(db, session)) return undefined;
  const rows = sql(
    db,
    `SELECT id, public_type, public_data, host_type, host_data FROM events
     WHERE session = ? AND id > ? ORDER BY id`,
  ).all(session, after) as EventRow[];
  return rows.map(toLiveEvent);
}
