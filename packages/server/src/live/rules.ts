/**
 * Live sessions: sessions, questions, votes, and the events they emit. Every change runs
 * through `change()` (events.ts): one write transaction makes the change and appends its
 * events to the log, which are published once it has committed.
 */
import type {
  HostQuestionList,
  LiveSession,
  MemberExport,
  Question,
  QuestionPage,
  QuestionSort,
  QuestionState,
  SessionInput,
  SessionState,
  VoteResult,
} from '@cercle/client';
import { NEXT_SESSION } from '@cercle/client';
import { audit, SYSTEM, type Actor } from '../audit/rules.js';
import { notify } from '../webhooks/outbox.js';
import type { WireEvent } from '../core/broker.js';
import { decodeCursor, encodeCursor } from '../core/cursor.js';
import { newId } from '../core/crypto.js';
import { ApiError, invalid, refuse } from '../core/errors.js';
import { idempotent, prepareIdempotency, type IdempotentAnswer } from '../core/idempotency.js';
import type { MemberRow, QuestionRow, SessionRow } from '../store/rows.js';
import type { Sql } from '../store/store.js';
import {
  change,
  newestEventId,
  type Emit,
  type EventInput,
  type LiveContext,
} from '../core/events.js';
import { recordActivity } from '../kpis/activity.js';

export const isVisible = (state: QuestionState): boolean =>
  state === 'open' || state === 'answered';

// Sessions ---------------------------------------------------------------------------------

export const getSession = (db: Sql, community: string, id: string) =>
  db.get<SessionRow>('SELECT * FROM sessions WHERE community = ? AND id = ?', community, id);

const sessionBySeq = async (db: Sql, seq: number): Promise<SessionRow> =>
  (await db.get<SessionRow>('SELECT * FROM sessions WHERE seq = ?', seq)) as SessionRow;

/** The public view of a session, as its row holds it (the question count is kept there). */
export function sessionView(row: SessionRow): LiveSession {
  const questionCount = row.question_count;
  return {
    id: row.id,
    community: row.community,
    title: row.title,
    state: row.state,
    startsAt: row.starts_at,
    endedAt: row.ended_at,
    moderation: row.moderation,
    disclosure: row.disclosure,
    questionCount,
    description: row.description,
    endsAt: row.ends_at,
  };
}

/** The live session of a community (the latest started), or else the next scheduled one (not archived). */
export const nextSession = (db: Sql, community: string) =>
  db.get<SessionRow>(
    `SELECT * FROM sessions WHERE community = ? AND archived_at IS NULL AND state <> 'ended'
     ORDER BY CASE state WHEN 'live' THEN 0 ELSE 1 END,
       CASE WHEN state = 'live' THEN starts_at END DESC, starts_at, seq LIMIT 1`,
    community,
  );

const WHEN_STATE = { upcoming: 'scheduled', live: 'live', past: 'ended' } as const;

/** Public: live ones (latest started first), then upcoming by start, then past ones, most recent first. */
export async function listSessions(
  db: Sql,
  community: string,
  when?: keyof typeof WHEN_STATE,
): Promise<LiveSession[]> {
  const rows = await db.all<SessionRow>(
    `SELECT * FROM sessions WHERE community = ? AND archived_at IS NULL
       AND (CAST(? AS TEXT) IS NULL OR state = ?)
     ORDER BY CASE state WHEN 'live' THEN 0 WHEN 'scheduled' THEN 1 ELSE 2 END,
       CASE WHEN state = 'live' THEN starts_at END DESC,
       CASE WHEN state = 'scheduled' THEN starts_at END,
       coalesce(ended_at, starts_at) DESC, seq`,
    community,
    when ? WHEN_STATE[when] : null,
    when ? WHEN_STATE[when] : null,
  );
  const out: LiveSession[] = [];
  for (const row of rows) out.push(sessionView(row));
  return out;
}

/** Host: every session, archived ones too, newest start first. */
export async function hostSessions(db: Sql, community: string) {
  const rows = await db.all<SessionRow>(
    'SELECT * FROM sessions WHERE community = ? ORDER BY starts_at DESC, seq DESC',
    community,
  );
  const out: (LiveSession & { archived: boolean })[] = [];
  for (const row of rows) out.push({ ...sessionView(row), archived: row.archived_at !== null });
  return out;
}

function checkTimes(startsAt: string, endsAt: string | null): void {
  if (endsAt !== null && Date.parse(endsAt) <= Date.parse(startsAt)) {
    throw invalid('A session ends after it starts.', [
      { path: 'endsAt', message: 'must be after startsAt' },
    ]);
  }
}

const sessionUpdated = (row: SessionRow): EventInput => ({
  public: { type: 'session.updated', data: JSON.stringify(sessionView(row)) },
});

/** Inserts a session (the caller checked the id is free). */
export async function insertSession(
  tx: Sql,
  community: string,
  id: string,
  input: SessionInput & { state?: SessionState | undefined },
  now: Date,
): Promise<SessionRow> {
  const state = input.state ?? 'scheduled';
  const startsAt = new Date(input.startsAt ?? now).toISOString();
  const endsAt = input.endsAt ? new Date(input.endsAt).toISOString() : null;
  checkTimes(startsAt, endsAt);
  const moderation =
    input.moderation ??
    (await tx.value<'post' | 'pre'>(
      'SELECT question_moderation FROM communities WHERE slug = ?',
      community,
    )) ??
    'post';
  return (await tx.get<SessionRow>(
    `INSERT INTO sessions (community, id, title, description, state, starts_at, ends_at, ended_at,
       moderation, disclosure, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
    community,
    id,
    input.title,
    input.description ?? '',
    state,
    startsAt,
    endsAt,
    state === 'ended' ? now.toISOString() : null,
    moderation,
    input.disclosure ?? 'none',
    now.toISOString(),
  )) as SessionRow;
}

/** Host: creates the session (201) or edits its title, start, moderation, disclosure (200). */
export function putSession(
  live: LiveContext,
  community: string,
  id: string,
  input: SessionInput,
  actor: Actor = SYSTEM,
): Promise<{ status: 200 | 201; body: LiveSession }> {
  if (id === NEXT_SESSION) throw refuse.reservedSessionId();
  return change(live, community, async (tx, emit, now) => {
    const existing = await getSession(tx, community, id);
    if (!existing) {
      const row = await insertSession(tx, community, id, input, now);
      await audit(
        tx,
        community,
        actor,
        { action: 'session.created', target: { kind: 'session', id }, details: { ...input } },
        now,
      );
      return { status: 201 as const, body: sessionView(row) };
    }
    const startsAt =
      input.startsAt === undefined ? existing.starts_at : new Date(input.startsAt).toISOString();
    const endsAt =
      input.endsAt === undefined
        ? existing.ends_at
        : input.endsAt === null
          ? null
          : new Date(input.endsAt).toISOString();
    checkTimes(startsAt, endsAt);
    const after = (await tx.get<SessionRow>(
      `UPDATE sessions SET title = ?, description = ?, starts_at = ?, ends_at = ?, moderation = ?,
         disclosure = ? WHERE seq = ? RETURNING *`,
      input.title,
      input.description ?? existing.description,
      startsAt,
      endsAt,
      input.moderation ?? existing.moderation,
      input.disclosure ?? existing.disclosure,
      existing.seq,
    )) as SessionRow;
    await audit(
      tx,
      community,
      actor,
      { action: 'session.updated', target: { kind: 'session', id }, details: { ...input } },
      now,
    );
    const view = sessionView(after);
    if (JSON.stringify(view) !== JSON.stringify(sessionView(existing))) {
      await emit(after, sessionUpdated(after));
    }
    return { status: 200 as const, body: view };
  });
}

const ALLOWED_MOVES: Readonly<Record<SessionState, readonly SessionState[]>> = {
  scheduled: ['live', 'ended'],
  live: ['ended'],
  ended: [],
};

/** Host: start or end the session (scheduled → live → ended; ended is final), or set its moderation. */
export function updateSession(
  live: LiveContext,
  session: SessionRow,
  update: {
    state?: SessionState | undefined;
    moderation?: LiveSession['moderation'] | undefined;
    archived?: boolean | undefined;
  },
  actor: Actor = SYSTEM,
): Promise<LiveSession> {
  return change(live, session.community, async (tx, emit, now) => {
    const current = await sessionBySeq(tx, session.seq);
    const state = update.state ?? current.state;
    if (state !== current.state && !ALLOWED_MOVES[current.state].includes(state)) {
      throw new ApiError(
        'conflict',
        current.state === 'ended'
          ? 'This session has ended; an ended session cannot be reopened.'
          : `A ${current.state} session cannot go back to ${state}.`,
      );
    }
    const moderation = update.moderation ?? current.moderation;
    const note = { target: { kind: 'session', id: current.id } };
    if (update.archived !== undefined && update.archived !== (current.archived_at !== null)) {
      await tx.run(
        'UPDATE sessions SET archived_at = ? WHERE seq = ?',
        update.archived ? now.toISOString() : null,
        current.seq,
      );
      await audit(
        tx,
        current.community,
        actor,
        { ...note, action: update.archived ? 'session.archived' : 'session.restored' },
        now,
      );
    }
    if (state === current.state && moderation === current.moderation) {
      return sessionView(current);
    }
    await audit(
      tx,
      current.community,
      actor,
      {
        ...note,
        action: state !== current.state ? `session.${state}` : 'session.updated',
        details: { state, moderation },
      },
      now,
    );
    const endedAt = state === 'ended' && current.state !== 'ended' ? now.toISOString() : null;
    const after = (await tx.get<SessionRow>(
      'UPDATE sessions SET state = ?, moderation = ?, ended_at = coalesce(ended_at, ?) WHERE seq = ? RETURNING *',
      state,
      moderation,
      endedAt,
      current.seq,
    )) as SessionRow;
    // A session live again: its participation figures are no longer final (docs/kpis.md).
    if (state !== 'ended') {
      await tx.run('UPDATE session_stats SET askers = NULL WHERE session = ?', current.seq);
    }
    const event = sessionUpdated(after);
    await emit(after, event);
    return JSON.parse(event.public?.data ?? '{}') as LiveSession;
  });
}

// Questions --------------------------------------------------------------------------------

type Audience = 'public' | 'host';

/** A question as `audience` sees it; `personal` fills in `votedByMe` and `mine` for a member. */
export function questionView(
  row: QuestionRow,
  session: string,
  audience: Audience,
  personal?: { votedByMe: boolean; mine: boolean },
): Question {
  return {
    id: row.id,
    session,
    text: row.text,
    author: audience === 'host' || row.anonymous === 0 ? row.author : null,
    votes: row.votes,
    votedByMe: personal?.votedByMe ?? false,
    mine: personal?.mine ?? false,
    state: row.state,
    pinned: row.pinned === 1,
    answer:
      row.answer_text === null
        ? null
        : { text: row.answer_text, answeredAt: row.answered_at ?? row.created_at },
    createdAt: row.created_at,
  };
}

/**
 * The event for a question that changed from `before` (absent: new) to `after`, as each
 * audience sees it: the public sees `question.created` when it becomes visible (asked, or
 * approved) and `question.removed` when it stops being visible; the host sees every change.
 * `undefined` when nothing anyone sees has changed.
 */
export function questionEvent(
  session: SessionRow,
  before: QuestionRow | undefined,
  after: QuestionRow,
): EventInput | undefined {
  const json = (row: QuestionRow, audience: Audience) =>
    JSON.stringify(questionView(row, session.id, audience));
  const hostAfter = json(after, 'host');
  if (before && json(before, 'host') === hostAfter) return undefined;
  const publicBefore = before && isVisible(before.state) ? json(before, 'public') : undefined;
  const publicAfter = isVisible(after.state) ? json(after, 'public') : undefined;
  let pub: WireEvent | undefined;
  if (publicAfter !== undefined && publicBefore === undefined) {
    pub = { type: 'question.created', data: publicAfter };
  } else if (publicAfter === undefined && publicBefore !== undefined) {
    pub = { type: 'question.removed', data: JSON.stringify({ id: after.id }) };
  } else if (publicAfter !== undefined && publicAfter !== publicBefore) {
    pub = { type: 'question.updated', data: publicAfter };
  }
  return {
    questionId: after.id,
    public: pub,
    host: { type: before ? 'question.updated' : 'question.created', data: hostAfter },
  };
}

async function emitChange(
  emit: Emit,
  session: SessionRow,
  before: QuestionRow | undefined,
  after: QuestionRow,
): Promise<void> {
  const event = questionEvent(session, before, after);
  if (event) await emit(session, event);
}

/**
 * Keeps the session's count of visible questions in step with a question going from
 * `before` (undefined: new) to `after`. Call inside the change's transaction.
 */
async function countQuestion(
  tx: Sql,
  session: number,
  before: QuestionState | undefined,
  after: QuestionState,
): Promise<void> {
  const by = Number(isVisible(after)) - Number(before !== undefined && isVisible(before));
  if (by !== 0) {
    await tx.run(
      'UPDATE sessions SET question_count = question_count + ? WHERE seq = ?',
      by,
      session,
    );
  }
}

const questionIn = (db: Sql, session: SessionRow, id: string) =>
  db.get<QuestionRow>('SELECT * FROM questions WHERE id = ? AND session = ?', id, session.seq);

const questionBySeq = async (db: Sql, seq: number): Promise<QuestionRow> =>
  (await db.get<QuestionRow>('SELECT * FROM questions WHERE seq = ?', seq)) as QuestionRow;

const noQuestion = (id: string) =>
  new ApiError('not_found', `No question "${id}" in this session.`);

const ended = (what: string) =>
  new ApiError('conflict', `This session has ended: ${what} are closed.`);

/** A member asks: `open` at once, or `pending` when the session is pre-moderated. */
export async function ask(
  live: LiveContext,
  session: SessionRow,
  member: MemberRow,
  input: { text: string; anonymous?: boolean | undefined },
  idempotencyKey: string | undefined,
): Promise<IdempotentAnswer<201, Question>> {
  const anonymous = input.anonymous === true;
  const scope = await prepareIdempotency({
    community: session.community,
    route: 'ask',
    key: idempotencyKey,
    request: [member.id, session.seq, input.text, anonymous],
  });
  return change(live, session.community, async (tx, emit, now) => {
    return idempotent(tx, scope, now, async () => {
      const current = await sessionBySeq(tx, session.seq);
      if (current.state === 'ended') throw ended('questions');
      const row = (await tx.get<QuestionRow>(
        `INSERT INTO questions (id, session, member_id, author, anonymous, text, state, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
        newId('q'),
        current.seq,
        member.id,
        member.display_name,
        anonymous ? 1 : 0,
        input.text,
        current.moderation === 'pre' ? 'pending' : 'open',
        now.toISOString(),
      )) as QuestionRow;
      await countQuestion(tx, current.seq, undefined, row.state);
      await emitChange(emit, current, undefined, row);
      await notify(
        tx,
        current.community,
        'question.created',
        { session: current.id, question: row.id, member: member.id, state: row.state },
        { text: row.text, author: anonymous ? null : member.display_name },
        now,
      );
      await recordActivity(tx, current.community, member.id, 'question', now);
      return {
        status: 201 as const,
        body: questionView(row, current.id, 'public', { votedByMe: false, mine: true }),
        memberId: member.id,
      };
    });
  });
}

/** Votes (`on`) or takes the vote back; idempotent, one vote per member and question. */
export function setVote(
  live: LiveContext,
  session: SessionRow,
  questionId: string,
  member: MemberRow,
  on: boolean,
): Promise<VoteResult> {
  return change(live, session.community, async (tx, emit, now) => {
    const current = await sessionBySeq(tx, session.seq);
    const before = await questionIn(tx, current, questionId);
    if (!before || !isVisible(before.state)) throw noQuestion(questionId);
    if (current.state === 'ended') throw ended('votes');
    const { changes } = on
      ? await tx.run(
          'INSERT INTO votes (question, member_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
          before.seq,
          member.id,
          now.toISOString(),
        )
      : await tx.run(
          'DELETE FROM votes WHERE question = ? AND member_id = ?',
          before.seq,
          member.id,
        );
    let after = before;
    if (changes > 0) {
      after = (await tx.get<QuestionRow>(
        'UPDATE questions SET votes = votes + ? WHERE seq = ? RETURNING *',
        on ? 1 : -1,
        before.seq,
      )) as QuestionRow;
      await emitChange(emit, current, before, after);
      if (on) await recordActivity(tx, current.community, member.id, 'vote', now);
    }
    return { questionId, votes: after.votes, votedByMe: on };
  });
}

/**
 * Host: approve (`state: open`), answer (`answer` sets `answered` on an open or pending
 * question; `answer: null` removes it and reopens an answered one), pin, hide. Returns the
 * question as the host sees it.
 */
export function updateQuestion(
  live: LiveContext,
  session: SessionRow,
  questionId: string,
  update: {
    state?: 'open' | 'answered' | 'hidden' | undefined;
    pinned?: boolean | undefined;
    answer?: string | null | undefined;
    statement?: string | undefined;
  },
  actor: Actor = SYSTEM,
): Promise<Question> {
  if (update.state === undefined && update.pinned === undefined && update.answer === undefined) {
    throw invalid('Nothing to change: send state, pinned or answer.', [
      { path: '', message: 'send at least one of state, pinned, answer' },
    ]);
  }
  return change(live, session.community, async (tx, emit, now) => {
    const current = await sessionBySeq(tx, session.seq);
    const before = await questionIn(tx, current, questionId);
    if (!before) throw noQuestion(questionId);
    let { state, answer_text: answerText, answered_at: answeredAt } = before;
    if (update.answer === null) {
      answerText = null;
      answeredAt = null;
      if (state === 'answered') state = 'open';
    } else if (update.answer !== undefined && update.answer !== before.answer_text) {
      answerText = update.answer;
      answeredAt = now.toISOString();
      if (state === 'open' || state === 'pending') state = 'answered';
    }
    if (update.state !== undefined) state = update.state;
    if (state === 'answered') answeredAt ??= now.toISOString();
    const pinned = update.pinned === undefined ? before.pinned : update.pinned ? 1 : 0;
    const after = (await tx.get<QuestionRow>(
      'UPDATE questions SET state = ?, pinned = ?, answer_text = ?, answered_at = ? WHERE seq = ? RETURNING *',
      state,
      pinned,
      answerText,
      answeredAt,
      before.seq,
    )) as QuestionRow;
    await countQuestion(tx, current.seq, before.state, after.state);
    await emitChange(emit, current, before, after);
    await audit(
      tx,
      current.community,
      actor,
      {
        action: questionAction(before, after),
        target: { kind: 'question', id: after.id },
        statement: update.statement ?? null,
        details: { session: current.id, ...update, statement: undefined },
      },
      now,
    );
    return questionView(after, current.id, 'host');
  });
}

/** The audit action of a host's change to a question: its most telling part. */
function questionAction(before: QuestionRow, after: QuestionRow): string {
  if (after.state !== before.state) {
    if (after.state === 'open' && before.state === 'pending') return 'question.approved';
    return `question.${after.state === 'open' ? 'reopened' : after.state}`;
  }
  if (after.answer_text !== before.answer_text) return 'question.answered';
  if (after.pinned !== before.pinned) return after.pinned ? 'question.pinned' : 'question.unpinned';
  return 'question.updated';
}

/** Hides a question (a report's removal). Call inside `change`. */
export async function hideQuestion(tx: Sql, seq: number, emit: Emit): Promise<void> {
  const before = await questionBySeq(tx, seq);
  if (before.state === 'hidden') return;
  const after = (await tx.get<QuestionRow>(
    "UPDATE questions SET state = 'hidden' WHERE seq = ? RETURNING *",
    seq,
  )) as QuestionRow;
  await countQuestion(tx, after.session, before.state, after.state);
  await emitChange(emit, await sessionBySeq(tx, after.session), before, after);
}

// Reading ----------------------------------------------------------------------------------

const ORDER: Readonly<Record<QuestionSort, string>> = {
  top: 'pinned DESC, votes DESC, seq ASC',
  new: 'seq DESC',
};

/** After the cursor's question, in the sort's order. */
const AFTER: Readonly<Record<QuestionSort, string>> = {
  top: '(pinned < ? OR (pinned = ? AND (votes < ? OR (votes = ? AND seq > ?))))',
  new: 'seq < ?',
};

const cursorKey = (sort: QuestionSort, row: QuestionRow): number[] =>
  sort === 'top' ? [row.pinned, row.votes, row.seq] : [row.seq];

const isKey =
  (size: number) =>
  (key: unknown[]): key is number[] =>
    key.length === size && key.every((n) => Number.isSafeInteger(n) && (n as number) >= 0);

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** A page of the visible questions; with `viewer`, `votedByMe` and `mine` are filled in. */
export async function listQuestions(
  db: Sql,
  session: SessionRow,
  query: {
    sort?: QuestionSort | undefined;
    cursor?: string | undefined;
    limit?: number | undefined;
  },
  viewer: MemberRow | undefined,
): Promise<QuestionPage> {
  const sort = query.sort ?? 'top';
  const limit = query.limit ?? 50;
  // Read before the rows: a change landing in between is then replayed (harmless), not lost.
  const lastEventId = await newestEventId(db, session.seq);
  const params: number[] = [session.seq];
  let where = "session = ? AND state IN ('open', 'answered')";
  if (query.cursor !== undefined) {
    const key = decodeCursor(query.cursor, sort, isKey(sort === 'top' ? 3 : 1));
    where += ` AND ${AFTER[sort]}`;
    if (sort === 'top') {
      const [pinned, votes, seq] = key as [number, number, number];
      params.push(pinned, pinned, votes, votes, seq);
    } else {
      params.push(key[0] as number);
    }
  }
  const rows = await db.all<QuestionRow>(
    `SELECT * FROM questions WHERE ${where} ORDER BY ${ORDER[sort]} LIMIT ?`,
    ...params,
    limit + 1,
  );
  const page = rows.slice(0, limit);
  const voted = new Set<number>();
  if (viewer && page.length > 0) {
    const mine = await db.all<{ question: number }>(
      `SELECT question FROM votes WHERE member_id = ? AND question IN (${placeholders(page.length)})`,
      viewer.id,
      ...page.map((row) => row.seq),
    );
    for (const { question } of mine) voted.add(question);
  }
  const last = page.at(-1);
  return {
    questions: page.map((row) =>
      questionView(row, session.id, 'public', {
        votedByMe: voted.has(row.seq),
        mine: viewer !== undefined && row.member_id === viewer.id,
      }),
    ),
    nextCursor: rows.length > limit && last ? encodeCursor(sort, cursorKey(sort, last)) : null,
    lastEventId: String(lastEventId),
  };
}

/** Host: every question of the session, in the order asked, as the host sees them. */
export async function hostQuestions(db: Sql, session: SessionRow): Promise<HostQuestionList> {
  const lastEventId = await newestEventId(db, session.seq);
  const rows = await db.all<QuestionRow>(
    'SELECT * FROM questions WHERE session = ? ORDER BY seq',
    session.seq,
  );
  return {
    questions: rows.map((row) => questionView(row, session.id, 'host')),
    lastEventId: String(lastEventId),
  };
}

// Erasure and export -----------------------------------------------------------------------

/** `author: null` in an event's JSON (a question event of a member who left). */
function scrubAuthor(type: string | null, data: string | null): string | null {
  if (data === null || (type !== 'question.created' && type !== 'question.updated')) return data;
  return JSON.stringify({ ...(JSON.parse(data) as object), author: null });
}

/**
 * The member's part of live sessions, before their row is deleted: their votes go (counts
 * updated), their questions stay but lose their author (also in the event log, which held
 * the name in past events). Emits the resulting updates. Call inside `change`.
 */
export async function eraseMemberContent(tx: Sql, member: MemberRow, emit: Emit): Promise<void> {
  const touched = await tx.all<QuestionRow>(
    `SELECT * FROM questions WHERE member_id = ?
     UNION SELECT q.* FROM questions q JOIN votes v ON v.question = q.seq WHERE v.member_id = ?
     ORDER BY seq`,
    member.id,
    member.id,
  );
  if (touched.length === 0) return;
  await tx.run(
    'UPDATE questions SET votes = votes - 1 WHERE seq IN (SELECT question FROM votes WHERE member_id = ?)',
    member.id,
  );
  await tx.run('DELETE FROM votes WHERE member_id = ?', member.id);
  const events = await tx.all<{
    id: number;
    public_type: string | null;
    public_data: string | null;
    host_type: string | null;
    host_data: string | null;
  }>(
    `SELECT id, public_type, public_data, host_type, host_data FROM events
     WHERE question_id IN (SELECT id FROM questions WHERE member_id = ?)`,
    member.id,
  );
  for (const e of events) {
    await tx.run(
      'UPDATE events SET public_data = ?, host_data = ? WHERE id = ?',
      scrubAuthor(e.public_type, e.public_data),
      scrubAuthor(e.host_type, e.host_data),
      e.id,
    );
  }
  await tx.run(
    'UPDATE questions SET member_id = NULL, author = NULL WHERE member_id = ?',
    member.id,
  );
  const sessions = new Map<number, SessionRow>();
  for (const before of touched) {
    const after = await questionBySeq(tx, before.seq);
    let session = sessions.get(after.session);
    if (!session) sessions.set(after.session, (session = await sessionBySeq(tx, after.session)));
    await emitChange(emit, session, before, after);
  }
}

/** The member's questions and votes, for the export. */
export async function memberLiveExport(
  db: Sql,
  member: MemberRow,
): Promise<Required<Pick<MemberExport, 'questions' | 'votes'>>> {
  const questions = await db.all<{
    id: string;
    session: string;
    text: string;
    anonymous: 0 | 1;
    state: QuestionState;
    created_at: string;
  }>(
    `SELECT q.id, s.id AS session, q.text, q.anonymous, q.state, q.created_at
     FROM questions q JOIN sessions s ON s.seq = q.session WHERE q.member_id = ? ORDER BY q.seq`,
    member.id,
  );
  const votes = await db.all<{ questionId: string; session: string; votedAt: string }>(
    `SELECT q.id AS "questionId", s.id AS session, v.created_at AS "votedAt"
     FROM votes v JOIN questions q ON q.seq = v.question JOIN sessions s ON s.seq = q.session
     WHERE v.member_id = ? ORDER BY v.created_at, q.seq`,
    member.id,
  );
  return {
    questions: questions.map((q) => ({
      id: q.id,
      session: q.session,
      text: q.text,
      anonymous: q.anonymous === 1,
      state: q.state,
      createdAt: q.created_at,
    })),
    votes: votes.map((v) => ({ questionId: v.questionId, session: v.session, votedAt: v.votedAt })),
  };
}
