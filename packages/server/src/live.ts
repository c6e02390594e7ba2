/**
 * Live sessions over SQLite: sessions, questions, votes, and the events they emit.
 *
 * Every change runs through `change()`: one IMMEDIATE transaction makes the change and
 * appends its events to the log; once it has committed, the events are published to the
 * broker. So the log and the streams never disagree, and a change that fails emits nothing.
 */
import type {
  HostQuestionList,
  LiveSession,
  MemberExport,
  Question,
  QuestionPage,
  QuestionSort,
  QuestionState,
  SessionState,
  VoteResult,
} from '@cercle/client';
import { randomBytes } from 'node:crypto';
import type { Broker, LiveEvent, WireEvent } from './broker.js';
import type { Db } from './db.js';
import { ApiError, invalid } from './errors.js';
import { appendEvent, newestEventId, type EventInput, type EventRetention } from './events.js';
import { sql } from './sql.js';
import { idempotent, type IdempotentAnswer, type MemberRow } from './store.js';

export interface SessionRow {
  seq: number;
  community: string;
  id: string;
  title: string;
  state: SessionState;
  starts_at: string;
  ended_at: string | null;
  moderation: LiveSession['moderation'];
  disclosure: LiveSession['disclosure'];
  events_pruned_through: number;
  created_at: string;
}

export interface QuestionRow {
  seq: number;
  id: string;
  session: number;
  member_id: string | null;
  author: string | null;
  anonymous: 0 | 1;
  text: string;
  state: QuestionState;
  pinned: 0 | 1;
  answer_text: string | null;
  answered_at: string | null;
  votes: number;
  created_at: string;
}

/** What a change needs: the database, where to publish, the clock, how long the log is kept. */
export interface LiveContext {
  db: Db;
  broker: Broker;
  now: () => Date;
  retention: EventRetention;
}

export type Emit = (session: SessionRow, input: EventInput) => void;

/** The broker's key for a session. */
export const sessionKey = (session: { community: string; id: string }): string =>
  `${session.community}/${session.id}`;

/** Runs `fn` in one IMMEDIATE transaction, appending what it emits to the log; publishes after commit. */
export function change<T>(live: LiveContext, fn: (emit: Emit, now: Date) => T): T {
  const now = live.now();
  const published: [string, LiveEvent][] = [];
  const result = live.db
    .transaction(() =>
      fn((session, input) => {
        const event = appendEvent(live.db, session.seq, input, now, live.retention);
        published.push([sessionKey(session), event]);
      }, now),
    )
    .immediate();
  for (const [key, event] of published) live.broker.publish(key, event);
  return result;
}

const newId = (prefix: string): string => `${prefix}_${randomBytes(12).toString('base64url')}`;

export const isVisible = (state: QuestionState): boolean =>
  state === 'open' || state === 'answered';

// Sessions ---------------------------------------------------------------------------------

export const getSession = (db: Db, community: string, id: string): SessionRow | undefined =>
  sql(db, 'SELECT * FROM sessions WHERE community = ? AND id = ?').get(community, id) as
    SessionRow | undefined;

const sessionBySeq = (db: Db, seq: number): SessionRow =>
  sql(db, 'SELECT * FROM sessions WHERE seq = ?').get(seq) as SessionRow;

export function sessionView(db: Db, row: SessionRow): LiveSession {
  const questionCount = sql(
    db,
    "SELECT count(*) FROM questions WHERE session = ? AND state IN ('open', 'answered')",
  )
    .pluck()
    .get(row.seq) as number;
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
  };
}

/** Host: creates the session (201) or edits its title, start, moderation, disclosure (200). */
export function putSession(
  live: LiveContext,
  community: string,
  id: string,
  input: {
    title: string;
    startsAt?: string | undefined;
    moderation?: LiveSession['moderation'] | undefined;
    disclosure?: LiveSession['disclosure'] | undefined;
  },
): { status: 200 | 201; body: LiveSession } {
  return change(live, (emit, now) => {
    const existing = getSession(live.db, community, id);
    if (!existing) {
      sql(
        live.db,
        `INSERT INTO sessions (community, id, title, state, starts_at, moderation, disclosure, created_at)
         VALUES (?, ?, ?, 'scheduled', ?, ?, ?, ?)`,
      ).run(
        community,
        id,
        input.title,
        new Date(input.startsAt ?? now).toISOString(),
        input.moderation ?? 'post',
        input.disclosure ?? 'none',
        now.toISOString(),
      );
      return {
        status: 201 as const,
        body: sessionView(live.db, getSession(live.db, community, id) as SessionRow),
      };
    }
    const after = sql(
      live.db,
      `UPDATE sessions SET title = ?, starts_at = ?, moderation = ?, disclosure = ? WHERE seq = ? RETURNING *`,
    ).get(
      input.title,
      input.startsAt === undefined ? existing.starts_at : new Date(input.startsAt).toISOString(),
      input.moderation ?? existing.moderation,
      input.disclosure ?? existing.disclosure,
      existing.seq,
    ) as SessionRow;
    const view = sessionView(live.db, after);
    if (JSON.stringify(view) !== JSON.stringify(sessionView(live.db, existing))) {
      emit(after, { public: { type: 'session.updated', data: JSON.stringify(view) } });
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
  update: { state?: SessionState | undefined; moderation?: LiveSession['moderation'] | undefined },
): LiveSession {
  return change(live, (emit, now) => {
    const current = sessionBySeq(live.db, session.seq);
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
    if (state === current.state && moderation === current.moderation) {
      return sessionView(live.db, current);
    }
    const endedAt = state === 'ended' && current.state !== 'ended' ? now.toISOString() : null;
    const after = sql(
      live.db,
      'UPDATE sessions SET state = ?, moderation = ?, ended_at = coalesce(ended_at, ?) WHERE seq = ? RETURNING *',
    ).get(state, moderation, endedAt, current.seq) as SessionRow;
    const view = sessionView(live.db, after);
    emit(after, { public: { type: 'session.updated', data: JSON.stringify(view) } });
    return view;
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

const questionIn = (db: Db, session: SessionRow, id: string): QuestionRow | undefined =>
  sql(db, 'SELECT * FROM questions WHERE id = ? AND session = ?').get(id, session.seq) as
    QuestionRow | undefined;

const questionBySeq = (db: Db, seq: number): QuestionRow =>
  sql(db, 'SELECT * FROM questions WHERE seq = ?').get(seq) as QuestionRow;

const noQuestion = (id: string) =>
  new ApiError('not_found', `No question "${id}" in this session.`);

const ended = (what: string) =>
  new ApiError('conflict', `This session has ended: ${what} are closed.`);

/** A member asks: `open` at once, or `pending` when the session is pre-moderated. */
export function ask(
  live: LiveContext,
  session: SessionRow,
  member: MemberRow,
  input: { text: string; anonymous?: boolean | undefined },
  idempotencyKey: string | undefined,
): IdempotentAnswer<201, Question> {
  const anonymous = input.anonymous === true;
  return change(live, (emit, now) => {
    const scope = {
      community: session.community,
      route: 'ask',
      key: idempotencyKey,
      request: [member.id, session.seq, input.text, anonymous],
    };
    return idempotent(live.db, scope, now, () => {
      const current = sessionBySeq(live.db, session.seq);
      if (current.state === 'ended') throw ended('questions');
      const row = sql(
        live.db,
        `INSERT INTO questions (id, session, member_id, author, anonymous, text, state, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
      ).get(
        newId('q'),
        current.seq,
        member.id,
        member.display_name,
        anonymous ? 1 : 0,
        input.text,
        current.moderation === 'pre' ? 'pending' : 'open',
        now.toISOString(),
      ) as QuestionRow;
      const event = questionEvent(current, undefined, row);
      if (event) emit(current, event);
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
): VoteResult {
  return change(live, (emit, now) => {
    const current = sessionBySeq(live.db, session.seq);
    const before = questionIn(live.db, current, questionId);
    if (!before || !isVisible(before.state)) throw noQuestion(questionId);
    if (current.state === 'ended') throw ended('votes');
    const changed = on
      ? sql(
          live.db,
          'INSERT INTO votes (question, member_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
        ).run(before.seq, member.id, now.toISOString()).changes
      : sql(live.db, 'DELETE FROM votes WHERE question = ? AND member_id = ?').run(
          before.seq,
          member.id,
        ).changes;
    let after = before;
    if (changed > 0) {
      after = sql(live.db, 'UPDATE questions SET votes = votes + ? WHERE seq = ? RETURNING *').get(
        on ? 1 : -1,
        before.seq,
      ) as QuestionRow;
      const event = questionEvent(current, before, after);
      if (event) emit(current, event);
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
  },
): Question {
  if (update.state === undefined && update.pinned === undefined && update.answer === undefined) {
    throw invalid('Nothing to change: send state, pinned or answer.', [
      { path: '', message: 'send at least one of state, pinned, answer' },
    ]);
  }
  return change(live, (emit, now) => {
    const current = sessionBySeq(live.db, session.seq);
    const before = questionIn(live.db, current, questionId);
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
    const after = sql(
      live.db,
      'UPDATE questions SET state = ?, pinned = ?, answer_text = ?, answered_at = ? WHERE seq = ? RETURNING *',
    ).get(state, pinned, answerText, answeredAt, before.seq) as QuestionRow;
    const event = questionEvent(current, before, after);
    if (event) emit(current, event);
    return questionView(after, current.id, 'host');
  });
}

/** Hides a question (a report's removal). Call inside `change`. */
export function hideQuestion(db: Db, seq: number, emit: Emit): void {
  const before = questionBySeq(db, seq);
  if (before.state === 'hidden') return;
  const after = sql(db, "UPDATE questions SET state = 'hidden' WHERE seq = ? RETURNING *").get(
    seq,
  ) as QuestionRow;
  const session = sessionBySeq(db, after.session);
  const event = questionEvent(session, before, after);
  if (event) emit(session, event);
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

interface Cursor {
  sort: QuestionSort;
  key: number[];
}

const cursorKey = (sort: QuestionSort, row: QuestionRow): number[] =>
  sort === 'top' ? [row.pinned, row.votes, row.seq] : [row.seq];

const encodeCursor = (cursor: Cursor): string =>
  Buffer.from(JSON.stringify([cursor.sort, ...cursor.key])).toString('base64url');

function decodeCursor(text: string, sort: QuestionSort): number[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const size = sort === 'top' ? 3 : 1;
  if (
    !Array.isArray(parsed) ||
    parsed[0] !== sort ||
    parsed.length !== size + 1 ||
    !parsed.slice(1).every((n) => Number.isSafeInteger(n) && n >= 0)
  ) {
    throw invalid('This cursor is not one of this list (or not for this sort order).', [
      { path: 'cursor', message: `not a cursor of the "${sort}" order` },
    ]);
  }
  return parsed.slice(1) as number[];
}

/** A page of the visible questions; with `viewer`, `votedByMe` and `mine` are filled in. */
export function listQuestions(
  db: Db,
  session: SessionRow,
  query: {
    sort?: QuestionSort | undefined;
    cursor?: string | undefined;
    limit?: number | undefined;
  },
  viewer: MemberRow | undefined,
): QuestionPage {
  const sort = query.sort ?? 'top';
  const limit = query.limit ?? 50;
  // Read before the rows: a change landing in between is then replayed (harmless), not lost.
  const lastEventId = newestEventId(db, session.seq);
  const params: (string | number)[] = [session.seq];
  let where = "session = ? AND state IN ('open', 'answered')";
  if (query.cursor !== undefined) {
    const key = decodeCursor(query.cursor, sort);
    where += ` AND ${AFTER[sort]}`;
    if (sort === 'top') {
      const [pinned, votes, seq] = key as [number, number, number];
      params.push(pinned, pinned, votes, votes, seq);
    } else {
      params.push(key[0] as number);
    }
  }
  const rows = sql(
    db,
    `SELECT * FROM questions WHERE ${where} ORDER BY ${ORDER[sort]} LIMIT ?`,
  ).all(...params, limit + 1) as QuestionRow[];
  const page = rows.slice(0, limit);
  const voted = new Set<number>();
  if (viewer && page.length > 0) {
    const mine = sql(
      db,
      `SELECT question FROM votes WHERE member_id = ? AND question IN (SELECT value FROM json_each(?))`,
    )
      .pluck()
      .all(viewer.id, JSON.stringify(page.map((row) => row.seq))) as number[];
    for (const seq of mine) voted.add(seq);
  }
  const last = page.at(-1);
  return {
    questions: page.map((row) =>
      questionView(row, session.id, 'public', {
        votedByMe: voted.has(row.seq),
        mine: viewer !== undefined && row.member_id === viewer.id,
      }),
    ),
    nextCursor:
      rows.length > limit && last ? encodeCursor({ sort, key: cursorKey(sort, last) }) : null,
    lastEventId: String(lastEventId),
  };
}

/** Host: every question of the session, in the order asked, as the host sees them. */
export function hostQuestions(db: Db, session: SessionRow): HostQuestionList {
  const lastEventId = newestEventId(db, session.seq);
  const rows = sql(db, 'SELECT * FROM questions WHERE session = ? ORDER BY seq').all(
    session.seq,
  ) as QuestionRow[];
  return {
    questions: rows.map((row) => questionView(row, session.id, 'host')),
    lastEventId: String(lastEventId),
  };
}

// Erasure and export -----------------------------------------------------------------------

/**
 * The member's part of live sessions, before their row is deleted: their votes go (counts
 * updated), their questions stay but lose their author (also in the event log, which held
 * the name in past events). Emits the resulting updates. Call inside `change`.
 */
export function eraseMemberContent(db: Db, member: MemberRow, emit: Emit): void {
  const touched = sql(
    db,
    `SELECT * FROM questions WHERE member_id = ?
     UNION SELECT q.* FROM questions q JOIN votes v ON v.question = q.seq WHERE v.member_id = ?
     ORDER BY seq`,
  ).all(member.id, member.id) as QuestionRow[];
  if (touched.length === 0) return;
  sql(
    db,
    'UPDATE questions SET votes = votes - 1 WHERE seq IN (SELECT question FROM votes WHERE member_id = ?)',
  ).run(member.id);
  sql(db, 'DELETE FROM votes WHERE member_id = ?').run(member.id);
  const scrub = (column: string) =>
    `CASE WHEN ${column}_type IN ('question.created', 'question.updated')
       THEN json_set(${column}_data, '$.author', json('null')) ELSE ${column}_data END`;
  sql(
    db,
    `UPDATE events SET public_data = ${scrub('public')}, host_data = ${scrub('host')}
     WHERE question_id IN (SELECT id FROM questions WHERE member_id = ?)`,
  ).run(member.id);
  sql(db, 'UPDATE questions SET member_id = NULL, author = NULL WHERE member_id = ?').run(
    member.id,
  );
  const sessions = new Map<number, SessionRow>();
  for (const before of touched) {
    const after = questionBySeq(db, before.seq);
    let session = sessions.get(after.session);
    if (!session) sessions.set(after.session, (session = sessionBySeq(db, after.session)));
    const event = questionEvent(session, before, after);
    if (event) emit(session, event);
  }
}

/** The member's questions and votes, for the export. */
export function memberLiveExport(
  db: Db,
  member: MemberRow,
): Required<Pick<MemberExport, 'questions' | 'votes'>> {
  const questions = sql(
    db,
    `SELECT q.id, s.id AS session, q.text, q.anonymous, q.state, q.created_at
     FROM questions q JOIN sessions s ON s.seq = q.session WHERE q.member_id = ? ORDER BY q.seq`,
  ).all(member.id) as {
    id: string;
    session: string;
    text: string;
    anonymous: 0 | 1;
    state: QuestionState;
    created_at: string;
  }[];
  const votes = sql(
    db,
    `SELECT q.id AS questionId, s.id AS session, v.created_at AS votedAt
     FROM votes v JOIN questions q ON q.seq = v.question JOIN sessions s ON s.seq = q.session
     WHERE v.member_id = ? ORDER BY v.created_at, q.seq`,
  ).all(member.id) as { questionId: string; session: string; votedAt: string }[];
  return {
    questions: questions.map((q) => ({
      id: q.id,
      session: q.session,
      text: q.text,
      anonymous: q.anonymous === 1,
      state: q.state,
      createdAt: q.created_at,
    })),
    votes,
  };
}
