/**
 * The event log of live sessions (`events` table): append inside the transaction of a
 * change, read back for a stream that resumes, prune by count and by age.
 */
import type { Broker, LiveEvent, WireEvent } from './broker.js';
import type { EventRow } from '../store/rows.js';
import type { Sql, Store } from '../store/store.js';

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

function toLiveEvent(row: EventRow): LiveEvent {
  const type = (t: string) => t as WireEvent['type'];
  const pub =
    row.public_type === null
      ? undefined
      : { type: type(row.public_type), data: row.public_data ?? '{}' };
  const host =
    row.host_type === null ? pub : { type: type(row.host_type), data: row.host_data ?? '{}' };
  if (!host) throw new Error(`event ${row.id} has neither a public nor a host form`);
  return { id: row.id, public: pub, host };
}

/** Appends an event to the session's log and prunes it. Call inside the change's transaction. */
export async function appendEvent(
  tx: Sql,
  session: number,
  input: EventInput,
  now: Date,
  retention: EventRetention,
): Promise<LiveEvent> {
  const host = input.host ?? input.public;
  if (!host) throw new Error('an event needs a public or a host form');
  const sameForHost =
    input.public !== undefined &&
    input.public.type === host.type &&
    input.public.data === host.data;
  const id = (await tx.value<number>(
    `INSERT INTO events (session, question_id, public_type, public_data, host_type, host_data, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    session,
    input.questionId ?? null,
    input.public?.type ?? null,
    input.public?.data ?? null,
    sameForHost ? null : host.type,
    sameForHost ? null : host.data,
    now.toISOString(),
  )) as number;
  await pruneEvents(tx, session, id, now, retention);
  return { id, public: input.public, host };
}

/**
 * Keeps at least `maxEvents` per session, pruning once the log exceeds it by a tenth (so the
 * count query does not run on every append), and drops events older than `maxAgeMs`.
 * Records the newest pruned id, below which a `Last-Event-ID` can no longer be resumed.
 */
async function pruneEvents(
  tx: Sql,
  session: number,
  newest: number,
  now: Date,
  retention: EventRetention,
): Promise<void> {
  const oldest = await tx.get<{ id: number; created_at: string }>(
    'SELECT id, created_at FROM events WHERE session = ? ORDER BY id LIMIT 1',
    session,
  );
  if (!oldest) return;
  let cut = 0;
  const slack = Math.floor(retention.maxEvents / 10);
  // The id span bounds the count from above: most appends stop here.
  if (newest - oldest.id + 1 > retention.maxEvents + slack) {
    const overflow = (offset: number) =>
      tx.value<number>(
        'SELECT id FROM events WHERE session = ? ORDER BY id DESC LIMIT 1 OFFSET ?',
        session,
        offset,
      );
    if ((await overflow(retention.maxEvents + slack)) !== undefined) {
      cut = (await overflow(retention.maxEvents)) as number;
    }
  }
  const cutoff = new Date(now.getTime() - retention.maxAgeMs).toISOString();
  if (oldest.created_at < cutoff) {
    const aged = await tx.value<number | null>(
      `SELECT max(id) FROM (SELECT id, created_at FROM events WHERE session = ? ORDER BY id LIMIT 1000) oldest
       WHERE created_at < ?`,
      session,
      cutoff,
    );
    cut = Math.max(cut, aged ?? 0);
  }
  if (cut === 0) return;
  await tx.run('DELETE FROM events WHERE session = ? AND id <= ?', session, cut);
  await tx.run(
    `UPDATE sessions SET events_pruned_through = ? WHERE seq = ? AND events_pruned_through < ?`,
    cut,
    session,
    cut,
  );
}

/** The newest event id of the session (`0` before its first event); the `lastEventId` of a page. */
export async function newestEventId(db: Sql, session: number): Promise<number> {
  const row = await db.get<{ newest: number | null; pruned: number }>(
    `SELECT (SELECT max(id) FROM events WHERE session = ?) AS newest,
            events_pruned_through AS pruned
     FROM sessions WHERE seq = ?`,
    session,
    session,
  );
  return row ? Math.max(row.newest ?? 0, row.pruned) : 0;
}

/**
 * The events after `lastEventId`, or `undefined` when they cannot all be given: the id is
 * older than the retained log, newer than the newest event, or not an event id at all.
 */
export async function eventsAfter(
  db: Sql,
  session: number,
  lastEventId: string,
): Promise<LiveEvent[] | undefined> {
  if (!/^\d{1,15}$/.test(lastEventId)) return undefined;
  const after = Number(lastEventId);
  const prunedThrough = await db.value<number>(
    'SELECT events_pruned_through FROM sessions WHERE seq = ?',
    session,
  );
  if (prunedThrough === undefined || after < prunedThrough) return undefined;
  if (after > (await newestEventId(db, session))) return undefined;
  return readEventsAfter(db, session, after);
}

/** The logged events of `session` with an id above `after`, in id order (no retention check). */
export async function readEventsAfter(
  db: Sql,
  session: number,
  after: number,
): Promise<LiveEvent[]> {
  const rows = await db.all<EventRow>(
    `SELECT id, question_id, public_type, public_data, host_type, host_data FROM events
     WHERE session = ? AND id > ? ORDER BY id`,
    session,
    after,
  );
  return rows.map(toLiveEvent);
}

// Changes ----------------------------------------------------------------------------------

/** What a change needs: the store, where to publish, the clock, how long the log is kept. */
export interface LiveContext {
  store: Store;
  broker: Broker;
  now: () => Date;
  retention: EventRetention;
}

/** Appends one event of `session` to the log (inside a change). */
export type Emit = (
  session: { seq: number; community: string; id: string },
  input: EventInput,
) => Promise<void>;

/** The broker's key for a session. */
export const sessionKey = (session: { community: string; id: string }): string =>
  `${session.community}/${session.id}`;

/** The community slug and session id of a broker key (`undefined` when it is not one). */
export function parseSessionKey(key: string): { community: string; id: string } | undefined {
  const slash = key.indexOf('/');
  if (slash <= 0 || slash === key.length - 1) return undefined;
  return { community: key.slice(0, slash), id: key.slice(slash + 1) };
}

/**
 * Runs `fn` in one write transaction of `scope`, appending what it emits to the log, and
 * publishes the events once it has committed: the log and the streams never disagree, and a
 * change that fails emits nothing.
 */
export async function change<T>(
  live: LiveContext,
  scope: string,
  fn: (tx: Sql, emit: Emit, now: Date) => Promise<T>,
): Promise<T> {
  const now = live.now();
  const published: [string, LiveEvent][] = [];
  const result = await live.store.write(scope, (tx) =>
    fn(
      tx,
      async (session, input) => {
        const event = await appendEvent(tx, session.seq, input, now, live.retention);
        published.push([sessionKey(session), event]);
      },
      now,
    ),
  );
  for (const [key, event] of published) live.broker.publish(key, event);
  return result;
}
